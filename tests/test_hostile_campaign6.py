"""Hostile input (issue 12), a sixth round: each case pinned with a file the test writes.

A baseline side of a megabyte, YAML 1.1 base-60 ids in front matter, baseline dates no report
could have, a manifest's ``.md`` file read with its front matter, and control characters in
gazetteer names printed raw on a terminal.
"""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from clikit import problems
from clikit import run_cli as run
from mapdata import zone_feature

from mapper.articles import MAX_META_CHARS, load_articles
from mapper.baseline import load_baseline
from mapper.frontline import MAX_SIDE_CHARS, normalise_side
from mapper.model import Article, LoadProblem

GOOD = "Syrian troops captured Saraqib on Saturday.\n"
HUGE = "x" * 1_000_000


# --- 1. a side of unbounded size ----------------------------------------------------------------


def test_normalise_side_refuses_a_long_value_without_reading_it_whole() -> None:
    assert normalise_side("  Government ") == "government"
    assert normalise_side("y" * MAX_SIDE_CHARS) == "y" * MAX_SIDE_CHARS
    assert normalise_side("y" * (MAX_SIDE_CHARS + 1)) is None
    assert normalise_side(" " * 10_000 + "rebels") == "rebels"  # padding is no length
    start = time.perf_counter()
    for _ in range(200):
        assert normalise_side(HUGE * 10) is None  # 10 MB: never lower-cased or copied
    assert time.perf_counter() - start < 1.0


def test_a_megabyte_side_in_a_geojson_baseline_is_one_short_problem(tmp_path: Path) -> None:
    path = tmp_path / "zones.geojson"
    features = [zone_feature(HUGE, "2020-01-01", 0.0), zone_feature("rebels", "2020-01-01", 1.0)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    observations, found = load_baseline(path)
    assert found == [
        f"{path}: feature 1: side {'x' * 40!r}... (1,000,000 characters) is longer than "
        f"{MAX_SIDE_CHARS} characters; skipped"
    ]
    assert observations and {o.side for o in observations} == {"rebels"}


def test_a_long_side_in_a_baseline_csv_is_one_short_problem(tmp_path: Path) -> None:
    path = tmp_path / "zones.csv"
    long = "Z" * 50_000  # under the CSV line limit: the side itself is refused
    path.write_text(
        f"lat,lon,side,date\n35.8,36.8,{long},2020-01-01\n35.9,36.9,rebels,2020-01-01\n"
        f"36.0,37.0,{HUGE},2020-01-01\n",
        encoding="utf-8",
    )
    observations, found = load_baseline(path)
    assert found[0] == (
        f"{path}: line 2: side {'Z' * 40!r}... (50,000 characters) is longer than "
        f"{MAX_SIDE_CHARS} characters; row skipped"
    )
    assert found[1].startswith(f"{path}: line 4: line of 1,000,0")
    assert len(found) == 2 and all(len(line) < 300 for line in found)
    assert [o.side for o in observations] == ["rebels"]


def test_a_megabyte_side_through_map_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    features = [zone_feature(HUGE, "2020-01-01", 36.0), zone_feature("rebels", "2020-01-01", 37.0)]
    (tmp_path / "zones.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features})
    )
    args = ("-q", "--published", "2020-02-08", "--baseline", "zones.geojson", "-o", "out")
    proc = run("map", "a.txt", *args, cwd=tmp_path)
    assert proc.returncode == 1
    assert problems(proc.stderr) == [
        f"error: zones.geojson: feature 1: side {'x' * 40!r}... (1,000,000 characters) is "
        f"longer than {MAX_SIDE_CHARS} characters; skipped"
    ]
    assert len(proc.stderr) < 1000
    assert "Saraqib" in (tmp_path / "out" / "events.geojson").read_text(encoding="utf-8")


# --- 2. YAML 1.1 reads 12:30 as 750 (base 60) -----------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ("id: 12:30", ("12:30", None)),
        ("id: 190:20:30\ntitle: 1:00", ("190:20:30", "1:00")),
        ("id: 0x1F\ntitle: yes", ("0x1F", "yes")),
        ("id: 0012\ntitle: 1e400", ("0012", "1e400")),
        ("id: 2019-08-21\ntitle: .nan", ("2019-08-21", ".nan")),
        ("id: !!int abc\ntitle: ~", ("abc", None)),
        ("id: x\ntitle: !!bool maybe", ("x", "maybe")),
        ("id: '12:30'\ntitle: Kept", ("12:30", "Kept")),
    ],
)
def test_front_matter_ids_and_titles_stay_the_text_as_written(
    tmp_path: Path, meta: str, expected: tuple[str, str | None]
) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"---\n{meta}\nsource: 3:15\npublished: 2019-08-21\n---\n{GOOD}")
    (article,) = load_articles([path])
    assert isinstance(article, Article), article
    assert (article.id, article.title, article.source) == (*expected, "3:15")
    assert article.published == date(2019, 8, 21)  # dates still read as dates
    assert article.warnings == ()


def test_a_front_matter_id_of_5000_digits_is_text_cut_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"---\nid: {'9' * 5000}\npublished: 2019-08-21\n---\n{GOOD}")
    (article,) = load_articles([path])
    assert isinstance(article, Article), article
    assert article.id == "9" * MAX_META_CHARS and article.published == date(2019, 8, 21)
    assert article.warnings == (f"'id' is 5,000 characters long; cut to {MAX_META_CHARS:,}",)


def test_a_base_60_id_through_extract_is_printed_as_written(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(f"---\nid: 12:30\npublished: 2020-02-08\n---\n{GOOD}")
    proc = run("extract", "a.md", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert events and {e["article_id"] for e in events} == {"12:30"}


# --- 3. baseline dates no control map has -------------------------------------------------------


def test_implausible_baseline_csv_dates_are_one_problem_each(tmp_path: Path) -> None:
    path = tmp_path / "zones.csv"
    soon = date.today() + timedelta(days=300)  # within a year ahead: kept
    path.write_text(
        "lat,lon,side,date\n"
        "35.8,36.8,government,9999-12-31\n"
        "35.9,36.9,rebels,1899-12-31\n"
        "36.0,37.0,rebels,0019-05-01\n"
        f"36.1,37.1,government,{soon.isoformat()}\n"
        "36.2,37.2,rebels,1900-01-01\n",
        encoding="utf-8",
    )
    observations, found = load_baseline(path)
    assert found == [
        f"{path}: line 2: date 9999-12-31 is in the future (more than 365 days after today); "
        "row skipped",
        f"{path}: line 3: date 1899-12-31 is before 1900-01-01; row skipped",
        f"{path}: line 4: date 0019-05-01 is before 1900-01-01; row skipped",
    ]
    assert [(o.side, o.date) for o in observations] == [
        ("government", soon),
        ("rebels", date(1900, 1, 1)),
    ]


def test_implausible_geojson_baseline_dates_skip_their_feature_only(tmp_path: Path) -> None:
    path = tmp_path / "zones.geojson"
    features = [
        zone_feature("government", "9999-01-01", 0.0),
        zone_feature("rebels", "2019-02-03", 1.0),
        zone_feature("rebels", "1850-06-01", 2.0),
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    observations, found = load_baseline(path)
    assert found == [
        f"{path}: feature 1: date 9999-01-01 is in the future (more than 365 days after "
        "today); skipped",
        f"{path}: feature 3: date 1850-06-01 is before 1900-01-01; skipped",
    ]
    assert observations and {(o.side, o.date.isoformat()) for o in observations} == {
        ("rebels", "2019-02-03")
    }


def test_an_implausible_baseline_date_through_map_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "zones.csv").write_text(
        "lat,lon,side,date\n35.8,36.8,government,9999-12-31\n35.9,36.9,rebels,2020-01-01\n",
        encoding="utf-8",
    )
    args = ("-q", "--published", "2020-02-08", "--baseline", "zones.csv", "-o", "out")
    proc = run("map", "a.txt", *args, cwd=tmp_path)
    assert proc.returncode == 1
    assert problems(proc.stderr) == [
        "error: zones.csv: line 2: date 9999-12-31 is in the future (more than 365 days after "
        "today); row skipped"
    ]
    assert "Saraqib" in (tmp_path / "out" / "events.geojson").read_text(encoding="utf-8")


# --- 4. a manifest's .md file: its front matter is metadata, not text ----------------------------


def _manifest(folder: Path, *lines: dict[str, Any]) -> Path:
    path = folder / "manifest.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_a_manifest_md_file_reads_its_front_matter_as_metadata(tmp_path: Path) -> None:
    front = "---\nid: 12:30\npublished: 2019-08-21\ntitle: From the file\nsource: AFP\n---\n"
    (tmp_path / "a.md").write_text(front + GOOD, encoding="utf-8")
    (tmp_path / "b.md").write_text(front + GOOD, encoding="utf-8")
    (tmp_path / "c.txt").write_text("---\n---\n", encoding="utf-8")
    manifest = _manifest(
        tmp_path,
        {"file": "a.md"},
        {"file": "b.md", "id": "line-id", "published": "2019-08-25", "title": None},
        {"file": "c.txt"},
    )
    a, b, c = load_articles([manifest])
    assert isinstance(a, Article) and isinstance(b, Article), (a, b)
    assert a.text == b.text == GOOD  # no "---", no "title:" in the text
    assert (a.id, a.published, a.title, a.source) == (
        "12:30",
        date(2019, 8, 21),
        "From the file",
        "AFP",
    )
    # the line's own fields win; front matter fills what it leaves out (or null)
    assert (b.id, b.published, b.title, b.source) == (
        "line-id",
        date(2019, 8, 25),
        "From the file",
        "AFP",
    )
    assert a.warnings == b.warnings == ()
    assert isinstance(c, LoadProblem)
    assert (
        c.message == f"'file' {str(tmp_path / 'c.txt')!r}: no article text after the front matter"
    )


def test_a_manifest_md_file_with_bad_front_matter_keeps_its_article(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\nid: [unclosed\n---\n" + GOOD, encoding="utf-8")
    manifest = _manifest(tmp_path, {"file": "a.md", "published": "2019-08-21"})
    (article,) = load_articles([manifest])
    assert isinstance(article, Article) and article.text == GOOD
    assert (article.id, article.published) == ("a", date(2019, 8, 21))
    (said,) = article.warnings
    assert said.startswith("front matter is not valid YAML")


def test_a_manifest_md_file_through_extract_is_dated_by_its_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\nid: dispatch-1\npublished: 2020-02-08\n---\n" + GOOD, encoding="utf-8"
    )
    _manifest(tmp_path, {"file": "a.md"})
    proc = run("extract", ".", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert events and {(e["article_id"], e["date"]) for e in events} == {
        ("dispatch-1", "2020-02-08")
    }
    assert not problems(proc.stderr), proc.stderr


# --- 5. control characters in gazetteer names on a terminal --------------------------------------

#: A user place whose name would clear the screen, colour the rest red and reverse the text.
EVIL = "Qzxville\x1b[2J\x1b[31m\u202eTRAP\u2066\x9b"
SHOWN = "Qzxville\\x1b[2J\\x1b[31m\\u202eTRAP\\u2066\\x9b"


def test_control_characters_in_gazetteer_names_are_printed_escaped(tmp_path: Path) -> None:
    from gazetteer import Gazetteer

    index = Gazetteer.open().index.path  # the shared, already built index
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / index.name).symlink_to(index)
    env = {"FRONTLINE_CACHE_DIR": str(cache)}
    csv_name = "places\x1b[31m.csv"
    (tmp_path / csv_name).write_text(
        f"name,lat,lon,alt_names,country\n{EVIL},35.5,36.5,Qzxville,SY\n", encoding="utf-8"
    )
    imported = run("gazetteer", "import", "csv", csv_name, cwd=tmp_path, env=env)
    assert imported.returncode == 0, imported.stderr
    assert "imported 1 places from places\\x1b[31m.csv" in imported.stdout
    resolved = run("resolve", "Qzxville", "--country", "SY", cwd=tmp_path, env=env)
    assert resolved.returncode == 0, resolved.stdout + resolved.stderr
    info = run("gazetteer", "info", cwd=tmp_path, env=env)
    assert info.returncode == 0, info.stderr
    assert "places\\x1b[31m.csv" in " ".join(info.stdout.split())
    as_json = run("resolve", "Qzxville", "--country", "SY", "--json", cwd=tmp_path, env=env)
    (found,) = json.loads(as_json.stdout)  # the same value, spelt with \uXXXX escapes
    assert found["place"]["name"] == EVIL
    info_json = run("gazetteer", "info", "--json", cwd=tmp_path, env=env)
    assert [i["path"] for i in json.loads(info_json.stdout)["imports"]] == [csv_name]
    for proc in (imported, resolved, info, as_json, info_json):
        shown = proc.stdout + proc.stderr
        for char in ("\x1b", "\u202e", "\u2066", "\x9b"):
            assert char not in shown, (char, shown)
    cells = " ".join(resolved.stdout.split())
    assert SHOWN[:20] in cells  # the name as its escapes (the column may cut its end)


def test_a_baseline_date_with_trailing_junk_is_no_date(tmp_path: Path) -> None:
    """Only a day, or a day with a time of day, is a date: "2019-01-01junk" is a problem."""
    path = tmp_path / "zones.csv"
    path.write_text(
        "lat,lon,side,date\n"
        "35.8,36.8,government,2019-01-01junk\n"
        "35.9,36.9,rebels,2019-02-03T00:00:00Z\n"
        "36.0,37.0,rebels,2019/02/04\n",
        encoding="utf-8",
    )
    observations, found = load_baseline(path)
    assert len(found) == 1 and found[0].startswith(f"{path}: line 2: ")
    assert [(o.side, o.date) for o in observations] == [
        ("rebels", date(2019, 2, 3)),
        ("rebels", date(2019, 2, 4)),
    ]


def test_extract_writes_bidi_and_c1_controls_escaped(tmp_path: Path) -> None:
    """An id holding U+202E or a C1 control reaches stdout as \\uXXXX, the same JSON value."""
    ident = "evil\u202eid\x9b"
    (tmp_path / "a.md").write_text(
        f"---\nid: {json.dumps(ident)}\npublished: 2020-02-08\n---\n{GOOD}"
    )
    for fmt in ("jsonl", "geojson"):
        proc = run("extract", "a.md", "-q", "--format", fmt, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert "\u202e" not in proc.stdout and "\x9b" not in proc.stdout
        assert "\\u202e" in proc.stdout
    records = [
        json.loads(line) for line in run("extract", "a.md", "-q", cwd=tmp_path).stdout.splitlines()
    ]
    assert records and {r["article_id"] for r in records} == {ident}
