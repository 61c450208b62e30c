"""Packaged gazetteer data, the index hash over it, missing sources, and tables that fit."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from gazetteer.index import Index
from gazetteer.sources.curated import CURATED_COLUMNS, CuratedCSV, default_data_dir
from mapper.articles import demo_corpus_dir
from mapper.cli import app as cli_app
from mapper.commands.common import TableColumn, fit_table

REPO = Path(__file__).resolve().parents[1]


def _write_csv(folder: Path, name: str, rows: list[tuple[str, str, float, float]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(CURATED_COLUMNS)
        for id_, place, lat, lon in rows:
            writer.writerow([id_, place, "", lat, lon, "SY", "12", "village", 0, "test fixture"])
    return folder


FIXTURE_ROWS = [("q1", "Qaryat Zetaville", 35.5, 36.5), ("q2", "Tall Etaburg", 35.6, 36.6)]


def test_packaged_data_lives_inside_the_packages() -> None:
    assert default_data_dir() == REPO / "gazetteer" / "data"
    assert demo_corpus_dir() == REPO / "mapper" / "data" / "demo"
    assert len(CuratedCSV().files()) >= 4 and CuratedCSV().missing() is None
    assert len(list(demo_corpus_dir().glob("*.md"))) >= 10


def test_the_index_hash_covers_every_packaged_csv(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(default_data_dir(), copy)
    packaged = Index.digest([CuratedCSV()])
    assert Index.digest([CuratedCSV(copy)]) == packaged  # the bytes count, not where they are
    _write_csv(copy, "zz_new_front.csv", FIXTURE_ROWS)
    added = Index.digest([CuratedCSV(copy)])
    assert added != packaged
    assert len(CuratedCSV(copy).files()) == len(CuratedCSV().files()) + 1
    (copy / "regions.csv").write_text(
        (copy / "regions.csv").read_text(encoding="utf-8").replace("Idlib", "Idleb", 1),
        encoding="utf-8",
    )
    assert Index.digest([CuratedCSV(copy)]) not in (packaged, added)


def test_row_counts_are_per_file(tmp_path: Path) -> None:
    data = _write_csv(tmp_path / "d", "a.csv", FIXTURE_ROWS)
    _write_csv(data, "b.csv", FIXTURE_ROWS[:1])
    assert CuratedCSV(data).row_counts() == {"a.csv": 2, "b.csv": 1}
    assert CuratedCSV(tmp_path / "nowhere").missing() is not None
    assert "no *.csv" in (CuratedCSV(tmp_path).missing() or "")


@pytest.fixture()
def broken_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Default sources: curated fixture rows, a source whose folder is gone, an empty one."""
    present = CuratedCSV(_write_csv(tmp_path / "present", "mine.csv", FIXTURE_ROWS))
    gone = CuratedCSV(tmp_path / "gone")
    gone.name = "frontdata"  # type: ignore[misc]
    empty = CuratedCSV(_write_csv(tmp_path / "empty", "empty.csv", []))
    empty.name = "hollow"  # type: ignore[misc]
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr("gazetteer.resolve.default_sources", lambda: [present, gone, empty])
    monkeypatch.setattr("mapper.commands.common._WARNED", set())
    return tmp_path


def _warnings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("warning:")]


def test_a_missing_source_is_one_warning_line_and_shows_in_info(broken_sources: Path) -> None:
    runner = CliRunner()
    info = runner.invoke(cli_app, ["gazetteer", "info"])
    assert info.exit_code == 0, info.output
    warned = _warnings(info.stderr)
    assert len(warned) == 2, info.stderr  # one line per missing source, nothing else
    assert "'frontdata'" in warned[0] and "not found" in warned[0]
    assert "'hollow'" in warned[1] and "built without its places" in warned[1]
    table = info.stdout
    assert re.search(r"frontdata .*MISSING", table) and re.search(r"hollow .*MISSING", table)
    assert re.search(r"curated\s+│\s+\(all\)\s+│\s+2\s+│\s+2\s+│\s+ok", table)
    boxed = [line for line in table.splitlines() if line[:1] in "┏┃┡│└"]
    assert len(boxed) >= 6 and all(len(line) <= 80 for line in boxed)

    as_json = runner.invoke(cli_app, ["gazetteer", "info", "--json"])
    sources = json.loads(as_json.stdout)["sources"]
    problems = {s["source"]: s["problem"] for s in sources if s["part"] == "(all)"}
    assert problems["curated"] is None
    assert "not found" in problems["frontdata"] and "without" in problems["hollow"]
    assert {s["part"]: s["rows"] for s in sources if s["source"] == "curated"} == {
        "(all)": 2,
        "mine.csv": 2,
    }


def test_resolve_still_works_and_warns_once(broken_sources: Path) -> None:
    done = CliRunner().invoke(cli_app, ["resolve", "Qaryat Zetaville", "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)[0]["place"]["id"] == "curated:q1"
    assert len(_warnings(done.stderr)) == 2
    assert "Traceback" not in done.output


def _render(table: object, width: int) -> list[str]:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(table)
    return console.export_text().splitlines()


@pytest.mark.parametrize("width", [30, 40, 60, 80, 100, 160])
def test_fit_table_fits_and_never_splits_a_status_word(width: int) -> None:
    columns = [
        TableColumn("name"),
        TableColumn("place", kind="text", min_width=10),
        TableColumn("latitude", priority=2, kind="number", justify="right"),
        TableColumn("note", priority=1, kind="text"),
        TableColumn("reason", kind="status"),
    ]
    rows = [
        ["Khan Cheikhoun", "Khan Shaykhun", "35.44208", "an extraordinarily long note", "ok"],
        ["Xyzzyville", "—", "", "", "below threshold"],
        ["Qwerty", "—", "", "", "ambiguous between namesakes"],
    ]
    lines = _render(fit_table("t", columns, rows, width=width), width)
    assert all(len(line) <= width for line in lines)
    words = re.findall(r"[a-z]+", "\n".join(lines))
    for status in ("below", "threshold", "ambiguous", "between", "namesakes"):
        assert status in words, (width, lines)
    if width >= 80:
        assert "latitude" in words
    if width >= 160:
        assert "extraordinarily" in words
    if width <= 40:
        assert "latitude" not in words  # dropped before any status would be split


def test_resolve_table_fits_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    names = ["Maaret al-Noomane", "Xyzzyvillequux", "Khan Cheikhoun", "Kharkov"]
    done = CliRunner().invoke(cli_app, ["resolve", *names])
    lines = done.stdout.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines), done.stdout
    assert "threshold" in done.stdout or "no candidate" in done.stdout
    assert done.stdout.count("threshol") == done.stdout.count("threshold")
    assert "Kharkiv" in done.stdout
