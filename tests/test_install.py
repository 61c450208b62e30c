"""frontline installed from its built wheel, as a new user gets it, run outside the repository.

The sdist is built from a copy of the sources (so the checkout gets no ``build/``), the wheel
by pip from that sdist, and the wheel is installed with ``--no-deps`` into a fresh venv in a
temp folder. That venv sees the test venv's site-packages through a ``.pth`` file holding a
plain path (the dependencies, not reinstalled: CI stays fast), which does not run the test
venv's own ``.pth`` files, so the editable install of the checkout stays invisible: ``mapper``
and ``gazetteer`` come from the wheel only.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
_SOURCES = ("pyproject.toml", "README.md", "mapper", "gazetteer")


def _run(cmd: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["COLUMNS"] = "80"
    return subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, **kwargs
    )  # type: ignore[call-overload, no-any-return]


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist of a copy of the project's sources (setuptools' own build_sdist)."""
    src = tmp_path_factory.mktemp("src")
    for name in _SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, src / name)
    dist = tmp_path_factory.mktemp("sdist")
    code = f"from setuptools import build_meta; build_meta.build_sdist({str(dist)!r})"
    done = _run([sys.executable, "-c", code], src)
    if done.returncode:  # no setuptools in this venv (Python 3.12+): the wheel is built
        return src  # from the source tree, as pip does from an unpacked sdist
    (built,) = dist.glob("frontline-*.tar.gz")
    return built


@pytest.fixture(scope="module")
def wheel(sdist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from the sdist (so the sdist is proven complete too)."""
    dist = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(sdist)]
    done = _run(cmd, dist)
    assert done.returncode == 0, done.stderr
    (built,) = dist.glob("frontline-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel (dependencies seen through a .pth path)."""
    root = tmp_path_factory.mktemp("venv")
    done = _run([sys.executable, "-m", "venv", "--without-pip", str(root)], root)
    assert done.returncode == 0, done.stderr
    python = root / "bin" / "python"
    purelib = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], root
    ).stdout.strip()
    Path(purelib, "test-venv-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    cmd = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q"]
    done = _run([*cmd, str(wheel)], root)
    assert done.returncode == 0, done.stderr
    return root


def test_the_sdist_carries_the_package_data(sdist: Path) -> None:
    if sdist.is_dir():
        pytest.skip("setuptools is not importable here: no sdist was built")
    import tarfile

    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    curated = {f"gazetteer/data/{p.name}" for p in (REPO / "gazetteer" / "data").glob("*.csv")}
    demo = {f"mapper/data/demo/{p.name}" for p in (REPO / "mapper" / "data" / "demo").glob("*")}
    assert curated <= names and demo <= names


def test_the_wheel_carries_the_demo_corpus_and_every_curated_csv(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    demo = sorted(p.name for p in (REPO / "mapper" / "data" / "demo").glob("*.md"))
    curated = sorted(p.name for p in (REPO / "gazetteer" / "data").glob("*.csv"))
    assert len(demo) >= 10 and len(curated) >= 4
    assert {f"mapper/data/demo/{n}" for n in demo} <= names
    assert {f"gazetteer/data/{n}" for n in curated} <= names


def test_the_installed_packages_come_from_the_wheel_not_the_checkout(venv: Path) -> None:
    code = "import mapper, gazetteer; print(mapper.__file__); print(gazetteer.__file__)"
    done = _run([str(venv / "bin" / "python"), "-c", code], venv)
    assert done.returncode == 0, done.stderr
    for line in done.stdout.split():
        assert Path(line).is_relative_to(venv), line


def test_map_from_an_empty_folder_maps_the_demo_corpus(
    venv: Path, tmp_path: Path, demo_dir: Path
) -> None:
    done = _run([str(venv / "bin" / "frontline"), "map"], tmp_path)
    assert done.returncode == 0, done.stderr
    events = json.loads((tmp_path / "out" / "events.geojson").read_text())["features"]
    assert len(events) >= 50
    articles = {f["properties"]["article_id"] for f in events}
    assert articles <= {p.stem for p in demo_dir.glob("*.md")}
    assert len(articles) >= 15
    assert "error" not in done.stderr
    html = (tmp_path / "out" / "map.html").read_text()
    assert "Khan Shaykhun" in html


def test_map_of_an_empty_folder_is_one_error_line_and_exit_1(venv: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = _run([str(venv / "bin" / "frontline"), "map", "empty", "-q"], tmp_path)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "empty" in errors[0], done.stderr
    assert "Traceback" not in done.stderr


def test_resolve_finds_the_curated_village(venv: Path, tmp_path: Path) -> None:
    cmd = [str(venv / "bin" / "frontline"), "resolve", "Al-Habeet", "Kafr Nabouda", "--json"]
    done = _run(cmd, tmp_path)
    assert done.returncode == 0, done.stderr
    habeet, nabouda = json.loads(done.stdout)
    assert habeet["place"]["id"].startswith("curated:")
    assert habeet["place"]["lat"] == pytest.approx(35.44, abs=0.02)
    assert habeet["place"]["lon"] == pytest.approx(36.54, abs=0.02)
    assert nabouda["place"] is not None


def test_gazetteer_info_lists_every_source_with_its_rows(venv: Path, tmp_path: Path) -> None:
    done = _run([str(venv / "bin" / "frontline"), "gazetteer", "info", "--json"], tmp_path)
    assert done.returncode == 0, done.stderr
    sources = json.loads(done.stdout)["sources"]
    whole = {s["source"]: s for s in sources if s["part"] == "(all)"}
    assert whole["geonames"]["indexed"] == 234_908
    assert whole["curated"]["problem"] is None
    files = {
        s["part"]: s["rows"] for s in sources if s["source"] == "curated" and s["part"] != "(all)"
    }
    assert set(files) == {p.name for p in (REPO / "gazetteer" / "data").glob("*.csv")}
    assert sum(files.values()) == whole["curated"]["rows"] == whole["curated"]["indexed"]
