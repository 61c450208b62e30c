"""A hostile corpus through the real ``frontline`` CLI (issue 12): one line per bad input.

Every input here is written by the test into ``tmp_path``: a file that is not UTF-8, an empty
file, a binary file, a JSONL with a broken line in the middle and a line whose id is a
5,000-digit number, YAML front matter with an impossible date, and good articles whose events
must all come out. Also: a closed stdout, a broken pipe, a GeoNames dump line with a population
of 2**63. Exit codes follow the README's table.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gazetteer.sources.curated import CuratedCSV
from mapper.cli import app
from mapper.commands.common import EXIT_FAILED, EXIT_PIPE

FRONTLINE = Path(sys.executable).with_name("frontline")
REPO = Path(__file__).resolve().parents[1]

GOOD_MD = """---
published: 2019-08-21
title: Good one
---
Syrian government forces captured the town of Khan Shaykhun on Wednesday, a war monitor said.
"""
BAD_DATE_MD = """---
published: 2019-02-30
id: baddate
---
Government forces captured Kafr Nabl on 25 February 2020.
"""
#: A formula-leading article id: its cells in every CSV must be neutralised.
FORMULA_ID = '=HYPERLINK("http://evil.example/","x")'
#: (article id, place id) of every event the good articles report.
EXPECTED_EVENTS = {
    ("good", "geonames:168325"),  # Khan Shaykhun
    ("j1", "geonames:166640"),  # Morek
    ("j3", "geonames:164816"),  # Saraqib
    ("baddate", "geonames:168661"),  # Kafr Nabl (its published ignored, the text dates it)
    (FORMULA_ID, "geonames:164816"),  # Saraqib
}
#: Each bad input and what its one line must say.
EXPECTED_ERRORS = {
    "badutf8.txt": "not UTF-8",
    "blob.txt": "binary",
    "empty.txt": "empty",
    "feed.jsonl:2": "not JSON",
    "feed.jsonl:4": "4300 digits",
}


def write_corpus(folder: Path) -> Path:
    """The hostile corpus, good and bad inputs side by side, in ``folder``."""
    folder.mkdir()
    (folder / "good.md").write_text(GOOD_MD, encoding="utf-8")
    (folder / "baddate.md").write_text(BAD_DATE_MD, encoding="utf-8")
    (folder / "badutf8.txt").write_bytes(b"Troops captured Saraqib \xff\xc3\x28 on Monday.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)
    lines = [
        json.dumps(
            {
                "id": "j1",
                "published": "2019-08-20",
                "text": "Government forces entered Morek on Tuesday.",
            }
        ),
        '{"id": "j2", "published": "2019-08-20", "text": "broken',
        json.dumps(
            {
                "id": "j3",
                "published": "2020-02-08",
                "text": "Syrian troops captured Saraqib on Saturday.",
            }
        ),
        '{"id": ' + "9" * 5000 + ', "text": "Troops captured Kafr Nabl on Saturday."}',
        json.dumps(
            {
                "id": FORMULA_ID,
                "published": "2020-02-08",
                "text": "Syrian troops "
                "captured Saraqib on Saturday. Rebels shelled Qaryat Zzyzxville.",
            }
        ),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script as a subprocess; never a traceback."""
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("FRONTLINE_DEBUG", None)
    proc = subprocess.run(
        [str(FRONTLINE), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=900
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("error:", "warning:"))]


def assert_one_line_per_bad_input(stderr: str) -> None:
    """Each bad input: exactly one error line, naming it (and its line) and saying what."""
    errors = [line for line in problem_lines(stderr) if line.startswith("error:")]
    assert len(errors) == len(EXPECTED_ERRORS), errors
    for where, what in EXPECTED_ERRORS.items():
        named = [line for line in errors if f"/{where}: " in line]
        assert len(named) == 1 and what in named[0], (where, errors)
    dated = [line for line in problem_lines(stderr) if "baddate.md" in line]
    assert dated and all(line.startswith("warning:") for line in dated)
    assert len(dated) == 1, dated  # the date, not also "events are undated"
    assert "published '2019-02-30'" in dated[0] and "day is out of range" in dated[0]


def test_extract_hostile_corpus_loses_no_good_event(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "events.csv"
    proc = run("extract", str(corpus), "--format", "csv", "-o", str(out), "-q", cwd=tmp_path)
    assert proc.returncode == EXIT_FAILED  # some inputs failed, the rest were processed
    assert_one_line_per_bad_input(proc.stderr)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    got = {(row["article_id"], row["place_id"]) for row in rows}
    neutral = {("'" + aid if aid.startswith("=") else aid, pid) for aid, pid in EXPECTED_EVENTS}
    assert neutral <= got
    assert all(float(row["lat"]) and float(row["lon"]) for row in rows)  # numbers stay numbers
    cells = [cell for row in rows for cell in row.values()]
    assert not [c for c in cells if c and c[0] in "=+@\t\r"], "a formula-leading cell in the CSV"


def test_map_hostile_corpus_maps_every_good_article(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    proc = run("map", str(corpus), "-o", str(tmp_path / "out"), "-q", cwd=tmp_path)
    assert proc.returncode == EXIT_FAILED
    assert_one_line_per_bad_input(proc.stderr)
    events = json.loads((tmp_path / "out" / "events.geojson").read_text(encoding="utf-8"))
    got = {  # a fused feature holds the reports of one event across articles (j3 and FORMULA_ID)
        (report["article_id"], f["properties"]["place_id"])
        for f in events["features"]
        for report in f["properties"]["reports"]
    }
    assert got >= EXPECTED_EVENTS
    with (tmp_path / "out" / "unresolved.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    formula_rows = [row for row in rows if FORMULA_ID in row["article_id"]]
    assert formula_rows and all(row["article_id"] == "'" + FORMULA_ID for row in formula_rows)
    cells = [cell for row in rows for cell in row.values()]
    assert not [c for c in cells if c and c[0] in "=+-@\t\r"], "a formula-leading cell in the CSV"


@pytest.mark.parametrize(
    "args",
    [["extract", "good.md", "-q"], ["resolve", "Saraqib"], ["gazetteer", "info", "--json"]],
    ids=["extract", "resolve", "gazetteer-info"],
)
def test_closed_stdout_is_one_error_line(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "good.md").write_text(GOOD_MD, encoding="utf-8")
    proc = subprocess.run(
        ["sh", "-c", 'exec "$0" "$@" >&-', str(FRONTLINE), *args],
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        timeout=900,
    )
    assert proc.returncode == EXIT_FAILED
    assert proc.stderr.strip() == "error: <stdout>: cannot write: standard output is closed"


def test_closed_stderr_still_writes_every_event(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(GOOD_MD, encoding="utf-8")
    proc = subprocess.run(
        ["sh", "-c", 'exec "$0" "$@" 2>&-', str(FRONTLINE), "extract", "good.md", "empty.md"],
        capture_output=False,
        stdout=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        timeout=900,
    )
    assert proc.returncode == EXIT_FAILED  # empty.md does not exist: reported to no one
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(e["article_id"], e["place_id"]) for e in events] == [("good", "geonames:168325")]


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "good.md", "--format", "jsonl"],
        ["resolve", "Saraqib", "Morek", "--json"],
        ["resolve", "Saraqib", "Morek"],
        ["gazetteer", "info"],
    ],
    ids=["extract", "resolve-json", "resolve-table", "gazetteer-info"],
)
def test_broken_pipe_exits_141_quietly(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "good.md").write_text(GOOD_MD, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "FRONTLINE_DEBUG"}
    proc = subprocess.Popen(
        [str(FRONTLINE), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before the first write, as `| head -0`
    stderr = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=900) == EXIT_PIPE == 141
    assert "Traceback" not in stderr and "Broken pipe" not in stderr
    assert "BrokenPipeError" not in stderr and not stderr.startswith("error:")


def dump_line(gid: int, name: str, population: str = "100") -> str:
    cols = [str(gid), name, name, "", "35.5", "36.6", "P", "PPL", "SY", "", "08", "", "", ""]
    cols += [population, "", "300", "Asia/Damascus", "2020-01-01"]
    return "\t".join(cols)


@pytest.fixture
def one_place_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A gazetteer of one curated place, its index in ``tmp_path``."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "places.csv").write_text(
        "id,name,alt_names,lat,lon,country,admin1,kind,population,source\n"
        "t1,Testabad,,35.1,36.1,SY,08,town,0,fixture\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr("gazetteer.resolve.default_sources", lambda: [CuratedCSV(data)])


@pytest.mark.usefixtures("one_place_gazetteer")
def test_dump_population_2_63_is_one_warning_and_info_tells_the_truth(tmp_path: Path) -> None:
    dump = tmp_path / "XX.txt"
    lines = [dump_line(1, "Firstplace"), dump_line(2, "Hugeplace", str(2**63))]
    dump.write_text("\n".join([*lines, dump_line(3, "Lastplace")]) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "import", "geonames", str(dump)])
    assert result.exit_code == 1, result.output  # a line was skipped, the rest imported
    assert "imported 2 places" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [f"warning: {dump}:2: population out of range: {2**63}"]
    info = runner.invoke(app, ["gazetteer", "info", "--json"])
    assert info.exit_code == 0, info.output
    payload = json.loads(info.stdout)
    assert [(i["path"], i["count"]) for i in payload["imports"]] == [(str(dump), 2)]
    assert payload["counts"]["geonames (imported)"] == 2
    text = runner.invoke(app, ["gazetteer", "info"])
    assert f"imported 2 from {dump}" in " ".join(text.stdout.split())


def test_an_impossible_anchor_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    """A gazetteer place at latitude 95: projecting "4 km west of" it raises (no NaN point)."""
    from gazetteer import Gazetteer
    from gazetteer.index import insert_places, open_user_db
    from gazetteer.place import Place

    index = Gazetteer.open().index.path  # the shared, already built index
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / index.name).symlink_to(index)
    conn = open_user_db(cache)
    bad = Place(id="csv:zz1", name="Zorbaqiya", lat=95.0, lon=36.6, country="SY", kind="village")
    insert_places(conn, [bad])
    conn.commit()
    conn.close()
    (tmp_path / "good.md").write_text(GOOD_MD, encoding="utf-8")
    (tmp_path / "bad.md").write_text(
        "---\npublished: 2019-08-21\n---\n"
        "Government forces advanced four kilometers west of Zorbaqiya on Tuesday.\n",
        encoding="utf-8",
    )
    env = {**os.environ, "FRONTLINE_CACHE_DIR": str(cache), "COLUMNS": "200"}
    env.pop("FRONTLINE_DEBUG", None)
    proc = subprocess.run(
        [str(FRONTLINE), "extract", "good.md", "bad.md", "-q"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=900,
    )
    assert "Traceback" not in proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert ("good", "geonames:168325") in {(e["article_id"], e["place_id"]) for e in events}
    assert all(e["lat"] is not None and abs(e["lat"]) <= 90 for e in events)  # no NaN, no 95
    assert not problem_lines(proc.stderr), proc.stderr  # the article is not lost
    unplaced = [line for line in proc.stderr.splitlines() if line.startswith("note: bad:")]
    assert len(unplaced) == 1 and "unplaced advance 'Zorbaqiya'" in unplaced[0], proc.stderr
    assert "position not projected: latitude" in unplaced[0]
    assert proc.returncode == 0


def test_stderr_and_stdout_on_one_closed_pipe(tmp_path: Path) -> None:
    """``2>&1 | head -0``: extract stops quietly (141); map still writes every output."""
    (tmp_path / "undated.txt").write_text("Syrian troops captured Saraqib.\n", encoding="utf-8")
    codes = {}
    for command in (["extract", "undated.txt"], ["map", "undated.txt", "-o", "out"]):
        proc = subprocess.Popen(
            [str(FRONTLINE), *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
        )
        assert proc.stdout is not None
        proc.stdout.close()  # the warning about the missing date is the first write
        codes[command[0]] = proc.wait(timeout=900)
    assert codes == {"extract": EXIT_PIPE, "map": 0}
    events = json.loads((tmp_path / "out" / "events.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["place_id"] for f in events["features"]] == ["geonames:164816"]


def test_fuzz_finds_through_the_cli(tmp_path: Path) -> None:
    """Found by the second fuzz campaign; each once lost an article, hung or forged a line.

    An id holding a newline and an escape sequence printed a second, forged ``error:`` line;
    ``published: 0001-01-01`` with "yesterday" raised OverflowError and lost the article; a
    sentence whose parse has a preposition as its root ("advanced near near ...") looped for
    ever.
    """
    forged = "x\x1b[2J\nerror: forged.txt: nothing"
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": forged, "text": "Syrian troops captured Saraqib."}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "year1.md").write_text(
        "---\npublished: 0001-01-02\n---\nSyrian troops captured Saraqib yesterday. "
        "Morek fell the day before yesterday.\n",
        encoding="utf-8",
    )
    (tmp_path / "near.md").write_text(
        "---\npublished: 2020-02-08\n---\n"
        + "Troops advanced near " * 100
        + "Saraqib on Saturday.\n",
        encoding="utf-8",
    )
    proc = run("extract", ".", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert not [line for line in lines if line.startswith("error:")], proc.stderr
    shown = [line for line in lines if "forged" in line]
    assert len(shown) == 1
    assert shown[0].startswith("warning: feed.jsonl:1: x\\x1b[2J\\nerror: forged")
    assert "\x1b" not in proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {e["article_id"] for e in events} >= {forged, "year1"}
    year1 = {e["place"]: e["date"] for e in events if e["article_id"] == "year1"}
    assert year1["Saraqib"] == "0001-01-01" and "Morek" in year1


def test_a_country_code_must_be_ascii(tmp_path: Path) -> None:
    proc = run("resolve", "Saraqib", "--country", "éx", cwd=tmp_path)
    assert proc.returncode == 2 and "two-letter country code" in proc.stderr


@pytest.mark.parametrize("command", ["extract", "map"])
def test_a_damaged_user_database_is_one_error_line(tmp_path: Path, command: str) -> None:
    """A ``user.sqlite`` in the cache that is not a database: a traceback before (extract, map)."""
    from gazetteer import Gazetteer

    index = Gazetteer.open().index.path
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / index.name).symlink_to(index)
    (cache / "user.sqlite").write_text("not a database\n", encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD_MD, encoding="utf-8")
    env = {**os.environ, "FRONTLINE_CACHE_DIR": str(cache), "COLUMNS": "200"}
    env.pop("FRONTLINE_DEBUG", None)
    proc = subprocess.run(
        [str(FRONTLINE), command, "good.md", "-q", "-o", "out"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=900,
    )
    assert "Traceback" not in proc.stderr and proc.returncode == EXIT_FAILED
    assert proc.stderr.splitlines() == [
        "error: gazetteer: cannot open the index: DatabaseError: file is not a database"
    ]


@pytest.mark.parametrize("kind", ["csv", "geonames"])
def test_importing_a_folder_or_a_device_says_what_it_is(tmp_path: Path, kind: str) -> None:
    runner = CliRunner()
    for path in (tmp_path, Path(os.devnull)):
        result = runner.invoke(app, ["gazetteer", "import", kind, str(path)])
        assert result.exit_code == 1
        assert (
            result.stderr.strip()
            == f"error: {path}: not a regular file (a directory, device or FIFO)"
        )


@pytest.mark.usefixtures("one_place_gazetteer")
def test_importing_an_empty_csv_is_an_error_not_a_silent_zero(tmp_path: Path) -> None:
    empty = tmp_path / "mine.csv"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["gazetteer", "import", "csv", str(empty)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {empty}: no places in it: nothing imported"


def test_a_baseline_that_is_a_fifo_says_so_and_is_not_read(tmp_path: Path) -> None:
    from mapper.baseline import load_baseline

    fifo = tmp_path / "zones.geojson"
    os.mkfifo(fifo)
    observations, problems = load_baseline(fifo)  # would block forever if it were opened
    assert observations == []
    assert problems == [f"{fifo}: not a regular file (a directory, device or FIFO)"]
