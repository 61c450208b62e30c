"""Hostile outputs and encodings through the CLI (issue 12, fourth pass).

Every input is written here into ``tmp_path``: outputs whose names another folder holds, a
store that is not a GeoPackage, links out of a folder read by the Dask engine, UTF-16 gazetteer
and baseline CSVs, impossible publication dates. One line per problem, naming the file; every
other output written; exit codes as the README's table says.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from clikit import problems
from clikit import run_cli as run
from typer.testing import CliRunner

from gazetteer.sources.curated import CuratedCSV
from mapper.cli import app
from mapper.commands.common import EXIT_FAILED, EXIT_OK
from mapper.render.outputs import OUTPUT_FILES

GOOD = "Syrian troops captured Saraqib on Saturday.\n"
SECRET = "Rebels captured Morek on Saturday.\n"  # outside the folder: must never be read
DATED = ("-q", "--published", "2020-02-08")


def leftovers(folder: Path) -> list[str]:
    """Temporary files left in ``folder`` (hidden ones too)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".part")))


# --- every output attempted ---------------------------------------------------------------------


def test_outputs_that_cannot_be_written_are_each_named_and_the_rest_are_written(
    tmp_path: Path,
) -> None:
    """The first failure (events.geojson) stopped the run: nothing after it was written."""
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    for name in ("events.geojson", "frontline.qgz"):
        (out / name).mkdir(parents=True)
    proc = run("map", "a.txt", "-o", "out", *DATED, cwd=tmp_path)
    assert proc.returncode == EXIT_FAILED
    assert problems(proc.stderr) == [
        "error: out/events.geojson: Is a directory",
        "error: out/frontline.qgz: Is a directory",
    ]
    for name in set(OUTPUT_FILES) - {"events.geojson", "frontline.qgz"}:
        assert (out / name).is_file() and (out / name).stat().st_size, name
    assert "Saraqib" in (out / "map.html").read_text(encoding="utf-8")
    assert leftovers(out) == []


def test_a_foreign_store_is_one_error_and_every_file_of_outdir_is_written(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    store = tmp_path / "theirs.gpkg"
    store.write_bytes(b"not a GeoPackage at all\n")
    proc = run("map", "a.txt", "-o", "out", "--store", store.name, *DATED, cwd=tmp_path)
    assert proc.returncode == EXIT_FAILED
    (line,) = problems(proc.stderr)
    assert line.startswith("error: theirs.gpkg: not a GeoPackage")
    assert store.read_bytes() == b"not a GeoPackage at all\n"  # left untouched, no styles added
    written = {p.name for p in (tmp_path / "out").iterdir()}
    assert written == set(OUTPUT_FILES) - {"frontline.gpkg"}


def test_write_outputs_raises_one_error_for_all_failures_after_writing_the_rest(
    tmp_path: Path,
) -> None:
    from mapper.model import Article
    from mapper.render import OutputError, write_outputs

    (tmp_path / "map.html").mkdir()
    (tmp_path / "unresolved.csv").mkdir()
    with pytest.raises(OutputError) as caught:
        write_outputs([_extraction(Article(id="a", text=GOOD))], tmp_path)
    failed = sorted(Path(err.filename).name for err in caught.value.failures)
    assert failed == ["map.html", "unresolved.csv"]
    paths = caught.value.summary.paths
    assert set(paths) == set(OUTPUT_FILES) - {"map.html", "unresolved.csv"}
    assert all(path.is_file() for path in paths.values())


def _extraction(article: Any) -> Any:
    from mapper.model import ArticleExtraction

    return ArticleExtraction(article)


def test_the_qgis_project_leaves_no_temporary_file_when_it_fails(tmp_path: Path) -> None:
    from mapper.render.qgis import write_qgis_project
    from mapper.render.qgis_time import TimeFrame

    (tmp_path / "frontline.qgz").mkdir()
    frame = TimeFrame(first=date(2020, 2, 1), last=date(2020, 2, 8))
    with pytest.raises(IsADirectoryError):
        write_qgis_project(tmp_path, frame, [], (0.0, 0.0, 1.0, 1.0))
    assert leftovers(tmp_path) == []


# --- Dask: the same warnings as the local engine ------------------------------------------------


@pytest.mark.timeout(600)
def test_dask_warns_of_links_leading_outside_exactly_as_local(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "more.txt").write_text(SECRET, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "sub" / "far.md").symlink_to(tmp_path / "secret.txt")
    (folder / "away").symlink_to(tmp_path / "elsewhere")
    (folder / "m.jsonl").write_text(json.dumps({"file": "leak.txt"}) + "\n", encoding="utf-8")
    local = run("extract", "in", *DATED, cwd=tmp_path)
    dask = run("extract", "in", *DATED, "--engine", "dask", "--partitions", "3", cwd=tmp_path)
    assert problems(local.stderr) == problems(dask.stderr)
    assert len([line for line in problems(dask.stderr) if "outside the folder" in line]) == 3
    assert dask.stdout == local.stdout and "Morek" not in dask.stdout and "Saraqib" in dask.stdout
    assert dask.returncode == local.returncode == EXIT_FAILED  # the manifest line is an error


@pytest.mark.timeout(600)
def test_dask_on_a_folder_of_nothing_but_outside_links_warns_only(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "leak.txt").symlink_to(tmp_path / "secret.txt")
    local = run("extract", "in", *DATED, cwd=tmp_path)
    dask = run("extract", "in", *DATED, "--engine", "dask", cwd=tmp_path)
    (line,) = problems(dask.stderr)
    assert problems(local.stderr) == [line] and line.startswith("warning: in/leak.txt: ")
    assert dask.returncode == local.returncode == EXIT_OK and dask.stdout == ""


# --- UTF-16 gazetteer and baseline CSVs ---------------------------------------------------------


@pytest.fixture
def one_place_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A gazetteer of one curated place, its index and user database in ``tmp_path``."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "places.csv").write_text(
        "id,name,alt_names,lat,lon,country,admin1,kind,population,source\n"
        "t1,Testabad,,35.1,36.1,SY,08,town,0,fixture\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr("gazetteer.resolve.default_sources", lambda: [CuratedCSV(data)])


USER_CSV = (
    "name,lat,lon,alt_names\n"
    "Newvillage,35.2,36.2,Nouveau village;Новосёлка\n"
    "Otherplace,35.3,36.3,\n"
)


@pytest.mark.usefixtures("one_place_gazetteer")
@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-8-sig"])
def test_a_user_csv_with_a_bom_is_decoded(tmp_path: Path, codec: str) -> None:
    """A spreadsheet's "Unicode text": 'not UTF-8 text ('utf-8' codec can't decode 0xff)'."""
    path = tmp_path / "mine.csv"
    path.write_bytes(USER_CSV.encode(codec))
    result = CliRunner().invoke(app, ["gazetteer", "import", "csv", str(path)])
    assert result.exit_code == EXIT_OK, result.output
    assert f"imported 2 places from {path}" in result.stdout and result.stderr == ""
    resolved = CliRunner().invoke(app, ["resolve", "Новосёлка", "--json"])
    assert "Newvillage" in resolved.stdout


@pytest.mark.usefixtures("one_place_gazetteer")
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_user_csv_in_utf16_without_bom_is_named_as_such(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "mine.csv"
    path.write_bytes(USER_CSV.encode(codec))
    result = CliRunner().invoke(app, ["gazetteer", "import", "csv", str(path)])
    assert result.exit_code == EXIT_FAILED
    assert result.stderr.splitlines() == [
        f"error: {path}: UTF-16 (no BOM) text, not UTF-8; re-encode it as UTF-8"
    ]


@pytest.mark.usefixtures("one_place_gazetteer")
def test_a_geonames_dump_in_utf16_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "XX.txt"
    path.write_bytes("1\tPlace\tPlace\t\t35.5\t36.6\tP\tPPL\tSY\n".encode("utf-16"))
    result = CliRunner().invoke(app, ["gazetteer", "import", "geonames", str(path)])
    assert result.exit_code == EXIT_FAILED
    assert result.stderr.splitlines() == [
        f"error: {path}: UTF-16 text, not UTF-8 (GeoNames dumps are UTF-8)"
    ]


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig"])
def test_a_baseline_csv_with_a_bom_is_read(tmp_path: Path, codec: str) -> None:
    """UTF-16: 'cannot be read as CSV'; a UTF-8 BOM: 'missing column(s) lat'."""
    from mapper.baseline import load_baseline

    path = tmp_path / "zones.csv"
    text = "lat,lon,side,date,place\n35.86,36.80,government,2020-02-01,Saraqib\n"
    path.write_bytes(text.encode(codec))
    observations, found = load_baseline(path)
    assert found == [] and len(observations) == 1
    path.write_bytes(text.encode("utf-16-le"))
    assert load_baseline(path) == (
        [],
        [f"{path}: UTF-16 (no BOM) text, not UTF-8; re-encode it as UTF-8"],
    )


# --- one bad date, one line ---------------------------------------------------------------------


def test_one_impossible_date_is_one_line_in_stderr_and_in_unresolved(tmp_path: Path) -> None:
    """Each gave two: the date's warning, then "publication date unknown; events are undated"."""
    (tmp_path / "a.md").write_text(
        "---\npublished: 2019-02-30\nid: feb30\n---\n" + GOOD, encoding="utf-8"
    )
    lines = [
        {"id": "month13", "published": "2019-13-01", "text": GOOD},
        {"id": "future", "published": "2999-01-01", "text": GOOD},
        {"id": "words", "published": "the day after", "text": GOOD},
    ]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    (tmp_path / "undated.txt").write_text(GOOD, encoding="utf-8")
    proc = run("extract", "a.md", "b.jsonl", "undated.txt", "-q", cwd=tmp_path)
    assert proc.returncode == EXIT_OK
    assert problems(proc.stderr) == [
        "warning: a.md: published '2019-02-30' is not a date "
        "(expected YYYY-MM-DD: day is out of range for month); date unknown",
        "warning: b.jsonl:1: published '2019-13-01' is not a date "
        "(expected YYYY-MM-DD: month must be in 1..12); date unknown",
        "warning: b.jsonl:2: published 2999-01-01 is in the future; date unknown",
        "warning: b.jsonl:3: published 'the day after' is not a date (expected YYYY-MM-DD); "
        "date unknown",
        # nothing said it before: the extraction's own note stays
        "warning: undated.txt: undated: publication date unknown; events are undated",
    ]
    mapped = run("map", "a.md", "b.jsonl", "-q", "-o", "out", cwd=tmp_path)
    assert mapped.returncode == EXIT_OK
    with (tmp_path / "out" / "unresolved.csv").open(encoding="utf-8", newline="") as fh:
        rows = [row for row in csv.DictReader(fh) if row["kind"] == "article"]
    assert sorted(row["article_id"] for row in rows) == ["feb30", "future", "month13", "words"]
