"""RFC 7946 GeoJSON outputs: read back by pyogrio, validated, inside Syria, byte-stable."""

from __future__ import annotations

import json
import random
import re
from dataclasses import fields
from datetime import date

import geojson_validator
import pandas as pd
import pyogrio
import pytest
import shapely
from mapdata import event, extract_folder, extraction, timeline_extractions
from shapely.geometry import Polygon, box, shape

from mapper.frontline import estimate_front
from mapper.model import Event
from mapper.render import (
    events_frame,
    frontline_frame,
    uncertainty_frame,
    write_geojson,
)

geojson_validator.configure_logging(enabled=False)

# Syria's bounding box (lon 35.7-42.4, lat 32.3-37.3): a lon/lat swap lands far outside it
SYRIA = box(35.7, 32.3, 42.4, 37.3)
#: Zones reach up to CELL_RADIUS_KM (120 km) from their evidence: off the coast into the sea.
SYRIA_AND_SEA = box(34.8, 32.3, 42.4, 37.3)


def corpus():
    exts = timeline_extractions()
    exts.append(
        extraction(
            "pos",
            [
                event(
                    "pos",
                    "advance",
                    "Khan Shaykhun",
                    date(2019, 8, 14),
                    distance_km=4,
                    direction="W",
                    killed={"government": 14, "opposition": 27},
                ),
                event(
                    "pos",
                    "advance",
                    "Khan Shaykhun",
                    date(2019, 8, 14),
                    distance_km=6,
                    direction="ENE",
                    start=300,
                ),
                event("pos", "target", "Maarat al-Numan", date(2019, 8, 14), start=500),
                event("pos", "capture", None, date(2019, 8, 14), start=700),  # unplaced
            ],
            when=date(2019, 8, 14),
        )
    )
    return exts


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("geojson")
    exts = corpus()
    ev = events_frame(exts)
    fr = frontline_frame(estimate_front([e for x in exts for e in x.events]))
    un = uncertainty_frame(ev)
    paths = {
        "events": write_geojson(ev, out / "events.geojson"),
        "frontline": write_geojson(fr, out / "frontline.geojson"),
        "uncertainty": write_geojson(un, out / "uncertainty.geojson"),
    }
    return {"frames": {"events": ev, "frontline": fr, "uncertainty": un}, "paths": paths}


@pytest.mark.parametrize("name", ["events", "frontline", "uncertainty"])
def test_pyogrio_reads_back_what_was_written(written, name):
    frame = written["frames"][name]
    back = pyogrio.read_dataframe(written["paths"][name], datetime_as_string=True)
    assert len(back) == len(frame) > 0
    assert list(back.columns) == list(frame.columns)
    for col in frame.columns:
        if col == "geometry":
            continue
        for a, b in zip(frame[col].tolist(), back[col].tolist(), strict=True):
            if col == "killed" and a is not None:
                assert json.loads(a) == b
            elif isinstance(a, float) and isinstance(b, float):
                assert a == pytest.approx(b, abs=1e-9, nan_ok=True)
            elif a is None or a is pd.NA:
                assert b is None or pd.isna(b)
            else:
                assert a == b, (col, a, b)
    for g1, g2 in zip(frame.geometry, back.geometry, strict=True):
        assert shapely.equals_exact(shapely.normalize(g1), shapely.normalize(g2), tolerance=2e-6)


@pytest.mark.parametrize("name", ["events", "frontline", "uncertainty"])
def test_geojson_validator_finds_no_problem(written, name):
    doc = json.loads(written["paths"][name].read_text())
    assert geojson_validator.validate_structure(doc, check_crs=True) == {}
    # holes are legal RFC 7946; the rings of "near" and distance-only positions have one
    criteria = (
        "self_intersection",
        "duplicate_nodes",
        "excessive_coordinate_precision",
        "excessive_vertices",
        "3d_coordinates",
        "outside_lat_lon_boundaries",
        "crosses_antimeridian",
        "inner_and_exterior_ring_intersect",
    )
    report = geojson_validator.validate_geometries(doc, criteria_problematic=criteria)
    assert report["invalid"] == {}
    assert report["problematic"] == {}


def _coords(geometry):
    def walk(obj):
        if isinstance(obj[0], (int, float)):
            yield obj
        else:
            for item in obj:
                yield from walk(item)

    yield from walk(geometry["coordinates"])


def _inside_syria(doc, area=SYRIA) -> bool:
    return all(area.contains(shape(f["geometry"])) for f in doc["features"])


@pytest.mark.parametrize("name", ["events", "frontline", "uncertainty"])
def test_rfc7946_shape_of_the_files(written, name):
    text = written["paths"][name].read_text()
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    area = SYRIA_AND_SEA if name == "frontline" else SYRIA
    assert _inside_syria(doc, area)
    swapped = {
        "features": [
            {
                "geometry": shapely.geometry.mapping(
                    shapely.transform(shape(f["geometry"]), lambda c: c[:, ::-1])
                )
            }
            for f in doc["features"]
        ]
    }
    assert not _inside_syria(swapped, area)  # the check would catch a lon/lat swap
    for feature in doc["features"]:
        for lon, lat in (c[:2] for c in _coords(feature["geometry"])):
            assert len(repr(lon).split(".")[-1]) <= 6 and len(repr(lat).split(".")[-1]) <= 6
        geom = feature["geometry"]
        polys = {"Polygon": [geom["coordinates"]], "MultiPolygon": geom["coordinates"]}.get(
            geom["type"], []
        )
        for rings in polys:
            assert Polygon(rings[0]).exterior.is_ccw
            assert all(not Polygon(r).exterior.is_ccw for r in rings[1:])
    assert not re.search(r"\d\.\d{7,}\s*[,\]]", text.split('"features"')[1].replace('"lat"', ""))


def test_every_event_field_is_a_property_with_iso_dates(written):
    doc = json.loads(written["paths"]["events"].read_text())
    props = doc["features"][0]["properties"]
    wanted = {f.name for f in fields(Event)} - {"place", "killed"} | {"place", "place_id", "id"}
    assert wanted <= set(props)
    for feature in doc["features"]:
        for key in ("date", "published"):
            value = feature["properties"][key]
            assert value is None or date.fromisoformat(value).isoformat() == value


def test_unplaced_events_are_not_features(written):
    doc = json.loads(written["paths"]["events"].read_text())
    assert all(f["geometry"] is not None for f in doc["features"])
    n_events = sum(len(x.events) for x in corpus())
    assert len(doc["features"]) == n_events - 1


def test_reported_position_is_projected_and_its_sector_is_written(written):
    ev = written["frames"]["events"]
    row = ev[(ev["type"] == "advance") & (ev["direction"] == "W")].iloc[0]
    assert row["lon"] < row["anchor_lon"]
    un = written["frames"]["uncertainty"]
    sectors = un[un["event_id"] == row["id"]]
    assert list(sectors["shape"]) == ["sector"]
    assert sectors.iloc[0]["distance_low_km"] == 3.5 and sectors.iloc[0]["halfwidth_deg"] == 22.5
    assert sectors.geometry.iloc[0].contains(shapely.Point(row["lon"], row["lat"]))


def test_frontline_schema_follows_design(written):
    doc = json.loads(written["paths"]["frontline"].read_text())
    kinds = {f["properties"]["kind"] for f in doc["features"]}
    assert {"zone", "line"} <= kinds <= {"zone", "line", "unknown"}
    for f in doc["features"]:
        p = f["properties"]
        assert p["estimated"] is True and p["observations"] >= 1 and 0 <= p["confidence"] <= 1
        date.fromisoformat(p["date"])
        if p["kind"] in ("zone", "unknown"):
            assert p["side"] in {"government", "opposition", "unknown"}
            assert (p["side"] == "unknown") == (p["kind"] == "unknown")
            assert f["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        else:
            assert f["geometry"]["type"] in {"LineString", "MultiLineString"}


def test_identical_inputs_give_byte_identical_files(tmp_path, written):
    exts = corpus()
    random.Random(7).shuffle(exts)  # input order must not matter
    ev = events_frame(exts)
    again = {
        "events": write_geojson(ev, tmp_path / "events.geojson"),
        "frontline": write_geojson(
            frontline_frame(estimate_front([e for x in exts for e in x.events])),
            tmp_path / "frontline.geojson",
        ),
        "uncertainty": write_geojson(uncertainty_frame(ev), tmp_path / "uncertainty.geojson"),
    }
    for name, path in again.items():
        assert path.read_bytes() == written["paths"][name].read_bytes(), name


def test_empty_inputs_give_empty_collections(tmp_path):
    path = write_geojson(events_frame([]), tmp_path / "events.geojson")
    assert json.loads(path.read_text())["features"] == []


@pytest.mark.slow
def test_demo_outputs_are_valid_rfc7946(tmp_path, demo_dir):
    from mapper.render import write_outputs

    write_outputs(extract_folder(demo_dir), tmp_path)
    criteria = (
        "self_intersection",
        "duplicate_nodes",
        "excessive_coordinate_precision",
        "3d_coordinates",
        "outside_lat_lon_boundaries",
        "crosses_antimeridian",
    )
    for name in ("events", "frontline", "uncertainty"):
        doc = json.loads((tmp_path / f"{name}.geojson").read_text())
        assert doc["features"], name
        assert geojson_validator.validate_structure(doc, check_crs=True) == {}
        report = geojson_validator.validate_geometries(doc, criteria_problematic=criteria)
        assert report["invalid"] == {} and report["problematic"] == {}, (name, report)


def test_fused_events_file_is_valid_and_byte_stable_whatever_the_input_order(tmp_path):
    from mapper.fusion import fuse_events
    from mapper.render import fused_frame

    def write(exts, name):
        events = [e for x in exts for e in x.events]
        return write_geojson(fused_frame(fuse_events(events)), tmp_path / name)

    exts = corpus()
    first = write(exts, "a.geojson")
    random.Random(3).shuffle(exts)
    assert write(exts, "b.geojson").read_bytes() == first.read_bytes()
    doc = json.loads(first.read_text())
    assert geojson_validator.validate_structure(doc, check_crs=True) == {}
    fused = [f["properties"] for f in doc["features"] if f["properties"]["report_count"] > 1]
    assert fused and all(len(p["reports"]) == p["report_count"] for p in fused)  # JSON arrays
    back = pyogrio.read_dataframe(first)
    assert len(back) == len(doc["features"]) and "reports" in back.columns
