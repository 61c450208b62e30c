"""Shared fixtures: the third-party texts in ``../shared`` and the bundled demo corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mapper.articles import demo_corpus_dir

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (seeds, devset, reference, eval); skips when absent outside CI."""
    if not SHARED.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED} is missing, and CI must have it")
        pytest.skip(f"{SHARED} is absent: the seed and devset texts are not on this machine")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """``../shared/seeds`` with its ``manifest.jsonl``."""
    path = shared_dir / "seeds"
    if not (path / "manifest.jsonl").is_file():
        pytest.skip(f"{path}/manifest.jsonl is absent")
    return path


@pytest.fixture(scope="session")
def devset_path(shared_dir: Path) -> Path:
    """``../shared/devset/articles.jsonl``."""
    path = shared_dir / "devset" / "articles.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    """The bundled demo corpus, ``mapper/data/demo/``."""
    path = demo_corpus_dir()
    assert path.is_dir(), f"the demo corpus is missing at {path}"
    return path
