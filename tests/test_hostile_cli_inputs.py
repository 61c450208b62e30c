"""Hostile inputs through the installed ``frontline`` (issue 12, leftovers): stdin that is a
directory or named twice, a gzip with trailing junk, a folder with links leading outside it.

Every input is written by the test into ``tmp_path``. One line per problem, naming the input;
good inputs beside the bad ones all come out; exit codes follow the README's table.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from clikit import FRONTLINE, problems
from clikit import run_cli as run
from typer.testing import CliRunner

from mapper.cli import app
from mapper.commands.common import EXIT_FAILED, EXIT_OK

GOOD = "Syrian troops captured Saraqib on Saturday.\n"
SECRET = "Rebels captured Morek on Saturday.\n"  # outside the folder: must never be read


def events(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_stdin_that_is_a_directory_is_one_error_line_and_the_rest_goes_on(tmp_path: Path) -> None:
    """CPython stopped at startup: "Fatal Python error: init_sys_streams: <stdin> is a dir"."""
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        args = ("extract", "a.txt", "-", "-q", "--published", "2020-02-08")
        proc = run(*args, cwd=tmp_path, stdin=folder)
        quiet = run(
            "extract", "a.txt", "-q", "--published", "2020-02-08", cwd=tmp_path, stdin=folder
        )
    finally:
        os.close(folder)
    assert proc.returncode == EXIT_FAILED
    assert problems(proc.stderr) == [
        "error: <stdin>: cannot read: standard input is a directory, not a file"
    ]
    assert [e["article_id"] for e in events(proc.stdout)] == ["a"]
    # stdin not named: a directory there is nobody's business
    assert quiet.returncode == EXIT_OK and problems(quiet.stderr) == []
    assert [e["article_id"] for e in events(quiet.stdout)] == ["a"]


def test_the_launcher_works_through_a_link_to_it(tmp_path: Path) -> None:
    """pipx and ~/bin link to the launcher: it still finds frontline-cli beside itself."""
    link = tmp_path / "bin" / "frontline"
    link.parent.mkdir()
    link.symlink_to(FRONTLINE)
    proc = subprocess.run([str(link), "--version"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.startswith("frontline "), proc.stderr


def test_stdin_named_twice_is_read_once_with_one_warning(tmp_path: Path) -> None:
    """The second '-' was "error: <stdin>: empty file" (and exit 1)."""
    proc = run("extract", "-", "-", "-q", "--published", "2020-02-08", cwd=tmp_path, input=GOOD)
    assert proc.returncode == EXIT_OK
    (line,) = problems(proc.stderr)
    assert line.startswith("warning: <stdin>: ") and "once" in line
    assert [(e["article_id"], e["place"]) for e in events(proc.stdout)] == [("stdin", "Saraqib")]


def test_gzip_with_trailing_junk_keeps_every_line_then_one_error(tmp_path: Path) -> None:
    """GzipFile raised at the junk and lost the line it was buffering (the last one)."""
    lines = [
        json.dumps({"id": f"g{k}", "published": "2020-02-08", "text": GOOD}) for k in range(40)
    ]
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode()) + b"JUNK")
    proc = run("extract", path.name, "-q", cwd=tmp_path)
    assert proc.returncode == EXIT_FAILED
    (line,) = problems(proc.stderr)
    assert line.startswith("error: feed.jsonl.gz: ") and "trailing data" in line
    assert [e["article_id"] for e in events(proc.stdout)] == [f"g{k}" for k in range(40)]


def test_a_link_out_of_an_input_folder_is_a_warning_and_never_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "leak.txt").symlink_to(tmp_path / "secret.txt")
    args = ("-q", "--published", "2020-02-08")
    proc = run("extract", "in", *args, cwd=tmp_path)
    assert proc.returncode == EXIT_OK
    (line,) = problems(proc.stderr)
    assert line.startswith("warning: in/leak.txt: ") and "outside the folder" in line
    assert [e["article_id"] for e in events(proc.stdout)] == ["good"]
    assert "Morek" not in proc.stdout
    mapped = run("map", "in", "-o", "out", *args, cwd=tmp_path)
    assert mapped.returncode == EXIT_OK and problems(mapped.stderr) == [line]
    assert "Morek" not in (tmp_path / "out" / "events.geojson").read_text(encoding="utf-8")
    named = run("extract", "in/leak.txt", *args, cwd=tmp_path)  # the user's own choice: read
    assert named.returncode == EXIT_OK and "Morek" in named.stdout


# --- outputs that would overwrite or read back an input (fresh fuzz campaign) -----------------

OVERLAPS = [
    (["extract", "a.txt", "-o", "a.txt"], "'--output'", "is an INPUT"),
    (["extract", "a.txt", "-o", "e.jsonl", "--unresolved", "a.txt"], "'--unresolved'", "INPUT"),
    (["extract", "a.txt", "-o", "e.jsonl", "--unresolved", "e.jsonl"], "'--unresolved'", "also"),
    (["extract", "in", "-o", "in/e.jsonl"], "'--output'", "input folder"),
    (["extract", "in", "-o", "in/e.csv", "-f", "csv"], "(its default)", "input folder"),
    (["map", "a.txt", "-o", "out", "--store", "a.txt"], "'--store'", "is an INPUT"),
    (["extract", "a.txt", ""], "'INPUT'", "not a path"),
]


@pytest.mark.parametrize(("args", "option", "what"), OVERLAPS)
def test_an_output_over_an_input_is_refused_before_anything_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], option: str, what: str
) -> None:
    """`extract a.txt -o a.txt` emptied a.txt, then reported it as an "empty file"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    message = " ".join(result.stderr.replace("│", " ").split())
    assert option in message and what in message, message
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == GOOD  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "in"]  # nothing written


def test_a_hidden_output_in_an_input_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.txt").write_text(GOOD, encoding="utf-8")
    args = ("extract", "in", "-o", "in/.events.jsonl", "-q", "--published", "2020-02-08")
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == EXIT_OK and problems(proc.stderr) == []
    assert "Saraqib" in (tmp_path / "in" / ".events.jsonl").read_text(encoding="utf-8")


def test_a_scheduler_address_dask_cannot_parse_is_a_usage_error(tmp_path: Path) -> None:
    """distributed raised ValueError ("missing port number"): a traceback."""
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    args = ("extract", "a.txt", "--engine", "dask", "--scheduler", "not an address")
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2 and "--scheduler" in proc.stderr, proc.stderr


def test_an_output_name_taken_by_a_folder_is_named_in_its_error_line(tmp_path: Path) -> None:
    """The QGIS project is renamed into place: the line named 'frontline.qgz.tmp'."""
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "out" / "frontline.qgz").mkdir(parents=True)
    proc = run("map", "a.txt", "-o", "out", "-q", "--published", "2020-02-08", cwd=tmp_path)
    assert proc.returncode == EXIT_FAILED
    assert problems(proc.stderr) == ["error: out/frontline.qgz: Is a directory"]


def test_an_unresolved_report_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    """The error line named the --output file, which was written fine."""
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    args = ("extract", "a.txt", "-o", "e.jsonl", "--unresolved", "afile/u.jsonl", "-q")
    proc = run(*args, "--published", "2020-02-08", cwd=tmp_path)
    assert proc.returncode == EXIT_FAILED
    assert problems(proc.stderr) == ["error: afile/u.jsonl: cannot write: Not a directory"]
    assert "Saraqib" in (tmp_path / "e.jsonl").read_text(encoding="utf-8")
