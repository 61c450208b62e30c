"""What a fourth fuzz campaign found (issue 12), each pinned with a file the test writes.

Tagged YAML values that raised outside the caught errors, a manifest ``file`` no system can name,
a baseline CSV row with more cells than its header, a GeoJSON baseline lost whole for one
impossible date, a store whose layer lacks a field (half-written before), a store under a file,
and user gazetteer CSV lines with a quote left open.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from clikit import problems
from clikit import run_cli as run
from mapdata import zone_feature
from shapely.geometry import Point

from gazetteer.sources.usercsv import UserCSV
from mapper.articles import load_articles
from mapper.baseline import load_baseline
from mapper.commands.common import EXIT_FAILED
from mapper.model import Article, LoadProblem

GOOD = "Syrian troops captured Saraqib on Saturday.\n"


# --- front matter: tagged values ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "warning"),
    [
        ("published: !!timestamp soon", "published 'soon' is not a date"),
        ("published: !!timestamp ''", "published '' is not a date"),
        ("extra: !!bool maybe", "front matter cannot be read"),  # a title is text: kept
    ],
)
def test_a_tagged_value_yaml_cannot_build_is_one_warning(
    tmp_path: Path, meta: str, warning: str
) -> None:
    """AttributeError ("!!timestamp x") and KeyError ("!!bool maybe") lost the article."""
    path = tmp_path / "a.md"
    path.write_text(f"---\n{meta}\n---\n{GOOD}", encoding="utf-8")
    (article,) = list(load_articles([path]))
    assert isinstance(article, Article) and article.text == GOOD
    (said,) = article.warnings
    assert said.startswith(warning)


def test_a_manifest_file_no_system_can_name_is_not_a_file_name(tmp_path: Path) -> None:
    """'{"file": "\\ud800.txt"}' was "cannot load: UnicodeEncodeError"."""
    lines = ['{"file": "\\ud800.txt"}', json.dumps({"id": "after", "text": GOOD})]
    (tmp_path / "m.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, second = list(load_articles([tmp_path]))
    assert isinstance(first, LoadProblem)
    assert first.message == "'file' '\\ud800.txt' is not a file name"
    assert isinstance(second, Article) and second.id == "after"


# --- baselines ----------------------------------------------------------------------------------


def test_a_baseline_csv_row_longer_than_its_header_is_one_problem(tmp_path: Path) -> None:
    """AttributeError: 'list' object has no attribute 'strip' (a traceback in `map`)."""
    path = tmp_path / "zones.csv"
    path.write_text(
        "lat,lon,side,date\n35.8,36.8,government,2020-01-01,EXTRA\n35.9,36.9,rebels,2020-01-01\n",
        encoding="utf-8",
    )
    observations, found = load_baseline(path)
    assert found == [f"{path}: line 2: more fields than the header names; row skipped"]
    assert [o.side for o in observations] == ["rebels"]


def test_one_impossible_date_in_a_geojson_baseline_loses_only_its_feature(tmp_path: Path) -> None:
    """GDAL typed the field a date; reading 2019-02-30 raised: the whole file was lost."""
    path = tmp_path / "zones.geojson"
    features = [
        zone_feature("government", "2019-02-30", 0.0),
        zone_feature("rebels", "2019-02-03", 1.0),
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    observations, found = load_baseline(path)
    assert found == [f"{path}: feature 1: date '2019/02/30' is not YYYY-MM-DD"]
    assert observations and {(o.side, o.date.isoformat()) for o in observations} == {
        ("rebels", "2019-02-03")
    }


def test_a_baseline_through_map_with_a_bad_row_maps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "zones.csv").write_text(
        "lat,lon,side,date\n35.8,36.8,government,2020-01-01,EXTRA\n", encoding="utf-8"
    )
    args = ("-q", "--published", "2020-02-08", "--baseline", "zones.csv", "-o", "out")
    proc = run("map", "a.txt", *args, cwd=tmp_path)
    assert proc.returncode == EXIT_FAILED
    assert problems(proc.stderr) == [
        "error: zones.csv: line 2: more fields than the header names; row skipped"
    ]
    assert "Saraqib" in (tmp_path / "out" / "events.geojson").read_text(encoding="utf-8")


# --- stores -------------------------------------------------------------------------------------


def test_a_store_whose_layer_lacks_a_field_is_refused_before_any_write(tmp_path: Path) -> None:
    """GDAL refused the events half-way: a new articles layer was already written."""
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    store = tmp_path / "theirs.gpkg"
    frame = gpd.GeoDataFrame(
        {"id": ["x1"], "article_id": ["y1"]}, geometry=[Point(36.0, 35.0)], crs=4326
    )
    frame.to_file(store, layer="events", driver="GPKG")
    before = store.read_bytes()
    args = ("-q", "--published", "2020-02-08", "--store", store.name)
    proc = run("map", "a.txt", *args, cwd=tmp_path)
    assert proc.returncode == EXIT_FAILED
    (line,) = problems(proc.stderr)
    assert line.startswith("error: theirs.gpkg: its layer 'events' has no ")
    assert store.read_bytes() == before
    assert [name for name, _ in pyogrio.list_layers(store)] == ["events"]


def test_a_store_under_a_file_names_the_file(tmp_path: Path) -> None:
    """The line was "error: a.txt: File exists"."""
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    args = ("-q", "--published", "2020-02-08", "-o", "out", "--store", "a.txt/s.gpkg")
    proc = run("map", "a.txt", *args, cwd=tmp_path)
    assert proc.returncode == EXIT_FAILED
    assert problems(proc.stderr) == ["error: a.txt/s.gpkg: 'a.txt' is a file, not a folder"]
    assert (tmp_path / "out" / "map.html").is_file()


# --- user gazetteer CSVs ------------------------------------------------------------------------


def test_a_quote_left_open_is_one_problem_per_line_not_a_place(tmp_path: Path) -> None:
    """'"Two' then 'Lines",35,36' imported a place named 'Lines"'."""
    path = tmp_path / "mine.csv"
    path.write_text(
        'name,lat,lon\n"Two\nLines",35,36\n"Open,35,36\nGood,35.1,36.1\nBad"quote,1,2\n',
        encoding="utf-8",
    )
    source = UserCSV(path)
    assert [p.name for p in source.places()] == ["Good"]
    assert [(p.line, "unbalanced" in p.message) for p in source.problems] == [
        (2, True),
        (3, True),
        (4, True),
        (6, True),
    ]


def test_a_line_separator_inside_a_name_does_not_cut_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("name,lat,lon\nOne\u2028Two,35,36\nThree,35,36\n", encoding="utf-8")
    source = UserCSV(path)
    assert [(p.name, p.id) for p in source.places()] == [
        ("One\u2028Two", "csv:mine:2"),
        ("Three", "csv:mine:3"),
    ]
    assert source.problems == []


def test_a_header_naming_a_column_twice_is_refused(tmp_path: Path) -> None:
    from gazetteer.errors import SourceError

    path = tmp_path / "mine.csv"
    path.write_text("name,lat,lat,lon\nA,1,2,3\n", encoding="utf-8")
    with pytest.raises(SourceError, match="each once"):
        list(UserCSV(path).places())


def test_an_open_quote_in_a_baseline_csv_loses_only_its_line(tmp_path: Path) -> None:
    """The csv module read every line after it into one field: the later rows were lost."""
    path = tmp_path / "zones.csv"
    path.write_text(
        'lat,lon,side,date\n"35.8,36.8,government,2020-01-01\n35.9,36.9,rebels,2020-01-01\n',
        encoding="utf-8",
    )
    observations, found = load_baseline(path)
    assert found == [
        f"{path}: line 2: an unbalanced '\"' (a field cannot run across lines); row skipped"
    ]
    assert [o.side for o in observations] == ["rebels"]


def test_a_nul_in_a_user_csv_is_its_line_only(tmp_path: Path) -> None:
    """Found by the fuzz suite: one NUL made the whole file "binary" (after BOMs were read)."""
    path = tmp_path / "mine.csv"
    path.write_text("name,lat,lon\nBad\x00,35,36\nGood,35.1,36.1\n", encoding="utf-8")
    source = UserCSV(path)
    assert [p.name for p in source.places()] == ["Good"]
    assert [p.line for p in source.problems] == [2]


def test_a_geopackage_with_its_own_frontline_layer_is_not_overwritten(tmp_path: Path) -> None:
    """Another program's 'frontline' layer (and no 'events') was replaced by frontline's."""
    from shapely.geometry import LineString

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    store = tmp_path / "theirs.gpkg"
    theirs = gpd.GeoDataFrame(
        {"name": ["their line"]}, geometry=[LineString([(36, 35), (37, 36)])], crs=4326
    )
    theirs.to_file(store, layer="frontline", driver="GPKG")
    before = store.read_bytes()
    args = ("-q", "--published", "2020-02-08", "--store", store.name)
    proc = run("map", "a.txt", *args, cwd=tmp_path)
    assert proc.returncode == EXIT_FAILED
    assert problems(proc.stderr) == [
        "error: theirs.gpkg: it has a layer 'frontline' but no 'events' layer; not frontline's "
        "store (left untouched)"
    ]
    assert store.read_bytes() == before
