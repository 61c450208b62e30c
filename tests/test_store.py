"""The GeoPackage store: layers read back, idempotent re-runs, new articles add."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import pyogrio
import pytest
from mapdata import event, extraction, timeline_extractions

from mapper.render import write_outputs
from mapper.store import LAYERS, read_layer, write_store


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def layer_contents(path):
    out = {}
    for layer in LAYERS:
        frame = read_layer(path, layer)
        sort = ["id"] if "id" in frame.columns else ["kind", "date", "side"]
        frame = frame.sort_values(sort, na_position="last").reset_index(drop=True)
        out[layer] = frame.to_wkt() if "geometry" in frame.columns else frame
    return out


def test_layers_read_back(tmp_path):
    exts = timeline_extractions()
    path = tmp_path / "frontline.gpkg"
    added = write_store(exts, path)
    assert {str(n) for n, _ in pyogrio.list_layers(path)} == set(LAYERS)
    events = read_layer(path, "events")
    assert sorted(events["id"]) == sorted(e.id for x in exts for e in x.events)
    assert added["events"] == len(events) == sum(len(x.events) for x in exts)
    assert len(read_layer(path, "articles")) == len(exts)
    assert len(read_layer(path, "mentions")) == sum(len(x.mentions) for x in exts)
    front = read_layer(path, "frontline")
    assert {"zone", "line"} <= set(front["kind"]) <= {"zone", "line", "unknown"}
    assert front["estimated"].all()
    assert events.crs.to_epsg() == 4326


def test_second_identical_run_changes_nothing(tmp_path):
    exts = timeline_extractions()
    path = tmp_path / "store.gpkg"
    write_store(exts, path)
    before_bytes, before = digest(path), layer_contents(path)
    added = write_store(timeline_extractions(), path)
    assert added == {"articles": 0, "events": 0, "mentions": 0, "frontline": 0}
    assert digest(path) == before_bytes
    after = layer_contents(path)
    for layer in LAYERS:
        assert after[layer].equals(before[layer]), layer


def test_a_new_article_adds_only_its_rows_and_refreshes_the_front(tmp_path):
    exts = timeline_extractions()
    path = tmp_path / "store.gpkg"
    write_store(exts[:5], path)
    n_front = len(read_layer(path, "frontline"))
    added = write_store(exts[:6], path)  # five known articles and one new one
    assert added["articles"] == 1
    assert added["events"] == len(exts[5].events)
    events = read_layer(path, "events")
    assert events["id"].is_unique
    assert len(events) == sum(len(x.events) for x in exts[:6])
    assert len(read_layer(path, "frontline")) > n_front


def test_write_outputs_with_a_store_accumulates(tmp_path):
    store = tmp_path / "all.gpkg"
    first = [extraction("s1", [event("s1", "capture", "Khan Shaykhun", date(2019, 8, 20))])]
    second = [
        extraction(
            "s2", [event("s2", "capture", "Morek", date(2019, 8, 23), "government", start=3)]
        )
    ]
    write_outputs(first, tmp_path / "run1", store=store)
    summary = write_outputs(second, tmp_path / "run2", store=store)
    assert summary.store_added["events"] == 1
    assert len(read_layer(store, "events")) == 2
    assert not (tmp_path / "run2" / "frontline.gpkg").exists()
    assert summary.paths["frontline.gpkg"] == store


@pytest.mark.parametrize("layer", LAYERS)
def test_missing_store_reads_as_empty(tmp_path, layer):
    assert read_layer(tmp_path / "none.gpkg", layer).empty


def test_the_stores_front_is_estimated_from_fused_events_like_the_maps(tmp_path):
    """Three outlets' reports of one capture, added by separate runs, are one observation."""
    import json

    day = date(2019, 8, 20)
    outlets = ("Wire One", "Wire Two", "Radio Three")
    runs = [
        [
            extraction(
                f"f{i}",
                [replace(event(f"f{i}", "capture", "Khan Shaykhun", day), source=outlet)],
                when=day,
                source=outlet,
            )
        ]
        for i, outlet in enumerate(outlets)
    ]
    other = event("g", "capture", "Kafr Nabl", day, "opposition", start=4)
    runs.append([extraction("g", [other], when=day)])
    store = tmp_path / "store.gpkg"
    for run in runs:
        write_store(run, store)
    front = read_layer(store, "frontline")
    assert set(front["observations"]) == {2}  # one fused capture and the other side's
    # the map's own front from the same articles at once: the same observations, confidence
    write_outputs([x for run in runs for x in run], tmp_path / "map")
    doc = json.loads((tmp_path / "map" / "frontline.geojson").read_text())
    assert {f["properties"]["observations"] for f in doc["features"]} == {2}
    assert {f["properties"]["confidence"] for f in doc["features"]} == set(front["confidence"])
