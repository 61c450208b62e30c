"""The ``frontline`` CLI, in-process (typer's CliRunner) and as a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import geojson_validator
import pyogrio
import pytest
from mapdata import OUTPUT_NAMES
from typer.testing import CliRunner

import mapper
from mapper.cli import app
from mapper.commands.extract import event_columns, mention_columns

REPO = Path(__file__).resolve().parents[1]
#: Columns the contract promises in every event row (the Event fields plus where it was placed).
EVENT_FIELDS = {
    "id",
    "article_id",
    "type",
    "actor",
    "place",
    "place_id",
    "lat",
    "lon",
    "date",
    "date_end",
    "date_text",
    "date_precision",
    "date_basis",
    "distance_km",
    "direction",
    "killed",
    "confidence",
    "evidence",
    "source",
    "url",
    "title",
    "published",
}
FRONTLINE = Path(sys.executable).with_name("frontline")

runner = CliRunner()

DISPATCH = """---
published: 2019-08-21
title: Test dispatch
source: Test Wire
url: https://example.org/test
---
Syrian government forces captured the town of Khan Shaykhun in Idlib province on Wednesday, \
a war monitor said. Troops also entered Morek, south of Khan Shaykhun, on Tuesday.
"""


def invoke(*args: str, input: str | None = None):
    result = runner.invoke(app, list(args), input=input)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def run(*args: str, input: str | None = None, cwd: Path | None = None):
    """The installed console script as a subprocess."""
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("FRONTLINE_DEBUG", None)
    proc = subprocess.run(
        [str(FRONTLINE), *args],
        capture_output=True,
        text=True,
        input=input,
        cwd=cwd,
        env=env,
        timeout=600,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


def flat(text: str) -> str:
    """Text of a rich error box, without its frame and line wrapping."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", text).split())


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def dispatch(tmp_path: Path) -> Path:
    path = tmp_path / "dispatch.md"
    path.write_text(DISPATCH, encoding="utf-8")
    return path


# --- help, version, usage errors -----------------------------------------------------------


def test_top_level_help_lists_every_command():
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("map", "extract", "resolve", "gazetteer"):
        assert re.search(rf"│ {command}\s", result.stdout), command
    assert "Exit codes: 0 success, 1 some inputs failed" in flat(result.stdout)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            "map",
            [
                "--output",
                "--store",
                "--published",
                "--title",
                "demo corpus",
                "Examples",
                "frontline map",
            ],
        ),
        (
            "extract",
            [
                "--mentions",
                "--format",
                "jsonl|geojson|csv",
                "--output",
                "--published",
                "Examples",
                "frontline extract",
            ],
        ),
        ("resolve", ["--country", "--near", "--json"]),
        ("gazetteer", ["import", "info"]),
    ],
)
def test_each_command_has_help_that_reads_well(command, expected):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert f"Usage: frontline {command}" in result.stdout
    for fragment in expected:
        assert fragment in result.stdout, fragment


def test_no_arguments_shows_help():
    result = invoke()
    assert result.exit_code == 2  # a usage error, but the help says what to type
    assert "Usage: frontline [OPTIONS] COMMAND" in result.stdout
    assert re.search(r"│ extract\s", result.stdout)


def test_version_matches_the_package_and_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"frontline {project['version']}"
    assert mapper.__version__ == project["version"]


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],  # INPUT is required
        ["extract", "x.txt", "--format", "xml"],
        ["extract", "x.txt", "--published", "last week"],
        ["extract", "x.txt", "--published", "2999-01-01"],
        ["extract", "x.txt", "--no-such-option"],
        ["map", "--published", "someday"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(args):
    result = invoke(*args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Usage: frontline" in result.stderr


def test_output_into_a_missing_directory_is_a_usage_error(dispatch, tmp_path):
    result = invoke("extract", str(dispatch), "-o", str(tmp_path / "nope" / "x.jsonl"))
    assert result.exit_code == 2
    assert "does not exist" in flat(result.stderr)


def test_python_dash_m_mapper_is_the_same_cli():
    proc = subprocess.run(
        [sys.executable, "-m", "mapper", "--version"], capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == f"frontline {mapper.__version__}"
    proc = subprocess.run(
        [sys.executable, "-m", "mapper", "extract", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Usage: frontline extract" in proc.stdout


def test_console_script_is_installed():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"frontline {mapper.__version__}"


# --- extract ------------------------------------------------------------------------------


def test_extract_writes_events_as_jsonl(dispatch):
    result = invoke("extract", str(dispatch))
    assert result.exit_code == 0, result.stderr
    events = jsonl(result.stdout)
    assert events, "no event extracted from a plain capture sentence"
    assert set(events[0]) >= EVENT_FIELDS
    assert all(list(e) == event_columns() for e in events)  # one fixed column order
    assert {e["article_id"] for e in events} == {"dispatch"}
    captures = [e for e in events if e["type"] == "capture"]
    assert captures and captures[0]["date"] == "2019-08-21"
    assert captures[0]["place_id"] and 35.0 < captures[0]["lat"] < 36.0
    # the summary goes to stderr, never into the data on stdout
    assert "frontline summary" in result.stderr and "frontline summary" not in result.stdout


def test_extract_geojson_is_a_feature_collection_of_lon_lat_points(dispatch, tmp_path):
    out = tmp_path / "events.geojson"
    result = invoke("extract", str(dispatch), "--format", "geojson", "-o", str(out), "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # --quiet: no table, and there was no problem
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    geojson_validator.configure_logging(enabled=False)
    assert geojson_validator.validate_structure(collection) == {}
    assert len(pyogrio.read_dataframe(out)) == len(collection["features"])
    located = [f for f in collection["features"] if f["geometry"]]
    assert located
    for feature in located:
        lon, lat = feature["geometry"]["coordinates"]
        assert 35.5 < lon < 37.5 and 34.5 < lat < 36.5  # (lon, lat) order, north-west Syria
        assert feature["properties"]["lat"] == pytest.approx(lat, abs=1e-6)


def test_extract_csv_is_a_flat_table(dispatch):
    result = invoke("extract", str(dispatch), "--format", "csv", "-q")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and list(rows[0]) == event_columns() and set(rows[0]) >= EVENT_FIELDS
    assert all(isinstance(json.loads(r["killed"]), dict) for r in rows)


def test_extract_mentions(dispatch):
    result = invoke("extract", str(dispatch), "--mentions", "-q")
    assert result.exit_code == 0
    mentions = jsonl(result.stdout)
    assert {"surface", "start", "end", "place_id", "lat", "lon", "sentence"} <= set(mentions[0])
    assert all(list(m) == mention_columns() for m in mentions)
    surfaces = {m["surface"] for m in mentions}
    assert {"Khan Shaykhun", "Morek"} <= surfaces
    assert all(m["place_id"] for m in mentions if m["surface"] == "Khan Shaykhun")


def test_extract_reads_stdin_with_published(dispatch):
    body = DISPATCH.split("---\n", 2)[2]
    result = invoke("extract", "-", "--published", "2019-08-21", "-q", input=body)
    assert result.exit_code == 0
    events = jsonl(result.stdout)
    assert events and {e["article_id"] for e in events} == {"stdin"}
    assert {e["published"] for e in events} == {"2019-08-21"}


def test_some_inputs_failing_exit_1_with_one_line_each(dispatch, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Idleb \u00e9t\u00e9".encode("latin-1"))
    lines = tmp_path / "batch.jsonl"
    lines.write_text('{"text": "Shelling on Saraqib."}\n{broken\n{"id": "x"}\n')
    missing = tmp_path / "missing.txt"
    result = invoke(
        "extract", str(empty), str(binary), str(dispatch), str(latin), str(lines), str(missing)
    )
    assert result.exit_code == 1
    errors = error_lines(result.stderr)
    assert errors == [
        f"error: {empty}: empty file",
        f"error: {binary}: binary file (contains NUL bytes), not text",
        f"error: {latin}: not UTF-8 text (byte 0xe9 at offset 6); re-encode it as UTF-8",
        f"error: {lines}:2: not JSON (Expecting property name enclosed in double quotes at "
        "column 2)",
        f"error: {lines}:3: no 'text' (or 'file') field; each line needs the article text",
        f"error: {missing}: no such file or directory",
    ]
    # the good inputs were still processed
    assert {e["article_id"] for e in jsonl(result.stdout)} >= {"dispatch"}
    assert re.search(r"inputs failed\s+│?\s*6", result.stderr)


def test_bad_published_in_a_file_is_a_warning_not_a_failure(tmp_path):
    path = tmp_path / "future.md"
    path.write_text("---\npublished: 2999-05-01\n---\nRebels shelled Saraqib.\n")
    result = invoke("extract", str(path))
    assert result.exit_code == 0
    assert f"warning: {path}: published 2999-05-01 is in the future; date unknown" in (
        result.stderr.splitlines()
    )


def test_subprocess_exit_1_and_clean_stderr(dispatch, tmp_path):
    proc = run("extract", str(dispatch), str(tmp_path / "missing.txt"), "-q")
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: {tmp_path / 'missing.txt'}: no such file or directory"
    assert jsonl(proc.stdout)


def test_extract_seed_with_published(seeds_dir):
    manifest = [json.loads(line) for line in (seeds_dir / "manifest.jsonl").open()]
    first = manifest[0]
    proc = run("extract", str(seeds_dir / first["file"]), "--published", first["published"])
    assert proc.returncode == 0, proc.stderr
    events = jsonl(proc.stdout)
    assert len(events) >= 2
    assert {e["published"] for e in events} == {first["published"]}
    assert any(e["date"] == first["published"] for e in events)
    assert any(e["lat"] is not None for e in events)


# --- map ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_map_on_the_demo_corpus_writes_every_output(tmp_path):
    proc = run("map", "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    for name in OUTPUT_NAMES:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    events = json.loads((out / "events.geojson").read_text())["features"]
    assert len(events) >= 20
    dates = sorted(f["properties"]["date"] for f in events if f["properties"]["date"])
    assert dates[0] < "2019-06-01" and dates[-1] > "2020-01-01"
    assert "leaflet" in (out / "map.html").read_text().lower()
    assert "frontline summary" in proc.stderr and "articles" in proc.stderr


@pytest.mark.slow
def test_map_in_process_with_one_bad_input(tmp_path, dispatch):
    result = invoke(
        "map",
        str(dispatch),
        str(tmp_path / "missing.md"),
        "-o",
        str(tmp_path / "out"),
        "--title",
        "<b>Test</b> map",
    )
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"error: {tmp_path / 'missing.md'}: no such file or directory"
    ]
    html = (tmp_path / "out" / "map.html").read_text()
    assert "<b>Test</b> map" not in html  # the title is escaped


# --- README and CI agree --------------------------------------------------------------------


def quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", section, re.S)
    assert block, "no fenced code block under Quick start"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_quick_start_is_two_commands():
    first, second = quick_start_commands()
    assert "python3 -m venv .venv" in first and "pip install -q -e ." in first
    assert first.endswith("frontline map")
    assert "'.[test]'" in second and second.endswith("-m pytest")


def test_ci_run_runs_the_readme_second_command():
    script = REPO / ".ci" / "run"
    assert os.access(script, os.X_OK)
    text = script.read_text()
    assert "set -euo pipefail" in text
    assert "apt-get update && apt-get install -y chromium" in text
    commands = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands[-1] == quick_start_commands()[1]


def test_readme_screenshot_is_referenced():
    assert "](docs/map.png)" in (REPO / "README.md").read_text()


def read_pty(fd: int) -> str:
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_when_stderr_is_a_terminal(dispatch, tmp_path):
    import pty

    args = [
        str(FRONTLINE),
        "extract",
        str(dispatch),
        str(dispatch),
        "-o",
        str(tmp_path / "e.jsonl"),
    ]
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, timeout=600
        )
        os.close(slave)
        terminal = read_pty(master)
    finally:
        os.close(master)
    assert proc.returncode == 0
    assert "extracting" in terminal and "frontline summary" in terminal
    piped = run(*args[1:])
    assert "extracting" not in piped.stderr and "frontline summary" in piped.stderr


@pytest.mark.slow
def test_readme_python_example_runs(tmp_path):
    readme = (REPO / "README.md").read_text()
    code = re.search(r"## Python\n.*?```python\n(.*?)```", readme, re.S).group(1)
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (tmp_path / "map.html").is_file()
    assert (tmp_path / "out" / "events.geojson").is_file()


def test_a_gazetteer_that_cannot_open_is_one_line_and_exit_1(dispatch, tmp_path):
    not_a_dir = tmp_path / "cache"
    not_a_dir.write_text("a file where the cache directory should be")
    env = {**os.environ, "FRONTLINE_CACHE_DIR": str(not_a_dir)}
    proc = subprocess.run(
        [str(FRONTLINE), "extract", str(dispatch), "-q"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: gazetteer: ")
    assert str(not_a_dir) in lines[0]


def test_an_output_that_is_a_directory_is_a_usage_error(dispatch, tmp_path):
    target = tmp_path / "out.jsonl"
    target.mkdir()
    result = invoke("extract", str(dispatch), "-o", str(target), "-q")
    assert result.exit_code == 2
    assert "is a directory" in flat(result.stderr)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_failed_write_is_one_line_and_exit_1(dispatch):
    proc = run("extract", str(dispatch), "-o", "/dev/full", "-q")
    assert proc.returncode == 1
    assert proc.stderr.strip() == "error: /dev/full: cannot write: No space left on device"


@pytest.mark.slow
def test_map_store_grows_without_duplicates(tmp_path, dispatch):
    store = tmp_path / "archive.gpkg"
    second = tmp_path / "second.md"
    second.write_text(DISPATCH.replace("Khan Shaykhun", "Saraqib").replace("Morek", "Sarmin"))

    def stored_event_ids() -> list[str]:
        return pyogrio.read_dataframe(store, layer="events", read_geometry=False)["id"].tolist()

    runs = []
    for args in ([str(dispatch)], [str(dispatch)], [str(dispatch), str(second)]):
        result = invoke("map", *args, "-o", str(tmp_path / "out"), "--store", str(store), "-q")
        assert result.exit_code == 0, result.stderr
        ids = stored_event_ids()
        assert len(ids) == len(set(ids))
        runs.append(set(ids))
    assert runs[0] and runs[1] == runs[0]  # the same article again adds nothing
    assert runs[0] < runs[2]  # a new article adds its events
