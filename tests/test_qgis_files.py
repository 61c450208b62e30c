"""The QGIS project and GeoPackage styles as files (no QGIS needed: tests/test_qgis.py opens them).

The events are built by tests/mapdata.py on real places; these tests read what
:func:`mapper.render.write_outputs` wrote back with the standard library and pyogrio.
"""

from __future__ import annotations

import json
import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from pathlib import Path

import pyogrio
import pytest
from mapdata import event, extraction, timeline_extractions

from mapper.render import write_outputs
from mapper.render.layers import SIDE_STYLES
from mapper.render.qgis import PROJECT_FILE, QGIS_LAYERS, TimeFrame, write_gpkg_styles


def project(outdir: Path) -> ET.Element:
    with zipfile.ZipFile(outdir / PROJECT_FILE) as archive:
        assert archive.namelist() == ["frontline.qgs"]
        return ET.fromstring(archive.read("frontline.qgs"))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run")
    write_outputs(timeline_extractions(), out, title="timeline")
    return out


def test_the_project_uses_relative_paths_to_files_that_exist(run: Path) -> None:
    root = project(run)
    assert root.findtext("properties/Paths/Absolute") == "false"
    assert root.findtext("title") == "timeline"
    sources = [e.text or "" for e in root.iter("datasource")]
    assert len(sources) == len(QGIS_LAYERS) + 1  # and "Places mentioned"
    for source in sources:
        path = source.split("|")[0]
        assert path.startswith("./") and (run / path).is_file(), source
    tree = [e.get("id") for e in root.iter("layer-tree-layer")]
    # the legend and the drawing order agree
    assert tree == [e.get("id") for e in root.findall("layerorder/layer")]


def test_every_event_class_present_has_a_category(run: Path) -> None:
    root = project(run)
    events = next(m for m in root.iter("maplayer") if m.findtext("id") == "frontline_events")
    values = {c.get("value") for c in events.iter("category")}
    props = [f["properties"] for f in json.loads((run / "events.geojson").read_text())["features"]]
    assert props
    for p in props:
        assert f"{p['type']}/{(p['side'] or '').lower()}" in values
    assert "" in values  # "other": anything else still drawn
    assert events.get("labelsEnabled") == "1"


def test_time_settings_cover_the_run(run: Path) -> None:
    root = project(run)
    front = [
        f["properties"] for f in json.loads((run / "frontline.geojson").read_text())["features"]
    ]
    events = [f["properties"] for f in json.loads((run / "events.geojson").read_text())["features"]]
    days = sorted({p["date"] for p in events if p["date"]} | {p["date"] for p in front})
    assert root.findtext("ProjectTimeSettings/TemporalRange/start") == f"{days[0]}T00:00:00Z"
    end = root.findtext("ProjectTimeSettings/TemporalRange/end") or ""
    assert end > days[-1]
    temporal = {m.findtext("id"): m.find("temporal") for m in root.iter("maplayer")}
    for key in ("events", "zones", "front", "uncertainty"):
        element = temporal[f"frontline_{key}"]
        assert element is not None and element.get("enabled") == "1", key
    assert temporal["frontline_places"].get("enabled") == "0"  # type: ignore[union-attr]
    zones_end = temporal["frontline_zones"].get("endExpression") or ""  # type: ignore[union-attr]
    snapshots = sorted({p["date"] for p in front})
    for a, b in zip(snapshots, snapshots[1:], strict=False):
        assert f"'{a}', '{b}'" in zones_end  # each estimate holds until the next one


def test_until_next_snapshot_pairs_each_date_with_the_next() -> None:
    frame = TimeFrame(date(2019, 5, 1), date(2019, 9, 1), (date(2019, 8, 20), date(2019, 5, 8)))
    expression = frame.until_next_snapshot()
    pairs = re.findall(r"'(\d{4}-\d\d-\d\d)', '(\d{4}-\d\d-\d\d)'", expression)
    assert pairs == [("2019-05-08", "2019-08-20"), ("2019-08-20", "2019-09-02")]
    assert TimeFrame(date(2019, 5, 1), date(2019, 5, 1)).until_next_snapshot() == (
        "to_datetime('2019-05-02')"
    )


def test_the_geopackage_holds_one_default_style_per_layer(run: Path) -> None:
    gpkg = run / "frontline.gpkg"
    with sqlite3.connect(gpkg) as conn:
        rows = conn.execute(
            "SELECT f_table_name, f_geometry_column, useAsDefault, styleQML FROM layer_styles"
        ).fetchall()
        registered = conn.execute(
            "SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'"
        ).fetchone()
    assert registered == ("attributes",)
    styles = {name: (column, default, qml) for name, column, default, qml in rows}
    assert set(styles) == {"events", "mentions", "frontline"}
    renderers = {}
    for name, (column, default, qml) in styles.items():
        assert column == "geom" and default == 1
        doc = ET.fromstring(qml.split("\n", 1)[1])
        renderers[name] = doc.find("renderer-v2").get("type")  # type: ignore[union-attr]
    assert renderers == {
        "events": "categorizedSymbol",
        "mentions": "singleSymbol",
        "frontline": "RuleRenderer",
    }
    zones = ET.fromstring(styles["frontline"][2].split("\n", 1)[1])
    filters = [r.get("filter") or "" for r in zones.iter("rule")]
    assert sum("'zone'" in f for f in filters) == len(SIDE_STYLES) + 1
    assert any("'line'" in f for f in filters)
    # the data layers are still what they were
    assert {str(n) for n, _ in pyogrio.list_layers(gpkg)} >= {"events", "frontline", "mentions"}


def test_an_unchanged_store_is_left_untouched(tmp_path: Path) -> None:
    store = tmp_path / "store" / "all.gpkg"
    exts = timeline_extractions()
    write_outputs(exts, tmp_path / "run1", store=store)
    before = store.read_bytes()
    write_outputs(exts, tmp_path / "run2", store=store)  # nothing new
    assert store.read_bytes() == before
    places = next(
        e.text
        for e in project(tmp_path / "run2").iter("datasource")
        if "mentions" in (e.text or "")
    )
    assert places == "../store/all.gpkg|layername=mentions"
    more = [extraction("n1", [event("n1", "capture", "Saraqib", date(2020, 2, 8), "government")])]
    write_outputs(more, tmp_path / "run3", store=store)
    with sqlite3.connect(store) as conn:
        count = conn.execute("SELECT count(*) FROM layer_styles").fetchone()[0]
    assert count == 3  # restyled, never duplicated


def test_styles_are_rewritten_only_when_they_change(run: Path, tmp_path: Path) -> None:
    gpkg = tmp_path / "copy.gpkg"
    gpkg.write_bytes((run / "frontline.gpkg").read_bytes())
    frame = TimeFrame(date(2019, 1, 1), date(2019, 12, 31))
    assert write_gpkg_styles(gpkg, frame, [("capture", "government")]) == 3
    assert write_gpkg_styles(gpkg, frame, [("capture", "government")]) == 0
    assert write_gpkg_styles(gpkg, frame, [("clash", "opposition")]) == 3


def test_an_empty_run_still_writes_a_project(tmp_path: Path) -> None:
    write_outputs([], tmp_path)
    root = project(tmp_path)
    assert len(list(root.iter("maplayer"))) == len(QGIS_LAYERS) + 1
    extent = root.find("ProjectViewSettings/DefaultViewExtent")
    assert extent is not None and float(extent.get("xmin") or 0) < float(extent.get("xmax") or 0)
