"""Running the installed ``frontline`` as a user does, for the CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

FRONTLINE = Path(sys.executable).with_name("frontline")


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """The installed ``frontline`` (its launcher) as a subprocess; never a traceback."""
    env = {**os.environ, "COLUMNS": "200", **(env or {})}
    env.pop("FRONTLINE_DEBUG", None)
    if "input" not in kwargs:
        kwargs.setdefault("stdin", subprocess.DEVNULL)
    proc = subprocess.run(
        [str(FRONTLINE), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
        **kwargs,
    )
    assert "Traceback" not in proc.stderr and "Fatal Python error" not in proc.stderr, proc.stderr
    return proc


def problems(stderr: str) -> list[str]:
    """The ``error:`` and ``warning:`` lines of a run."""
    return [line for line in stderr.splitlines() if line.startswith(("error:", "warning:"))]
