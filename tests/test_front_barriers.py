"""Natural front barriers (mapper.barriers): a side's zone does not spread across a river."""

from __future__ import annotations

import json
from datetime import date

import pytest
import shapely
from clikit import problems, run_cli
from shapely.geometry import LineString, Point

from mapper.barriers import Barrier, banks, default_barriers, load_barriers
from mapper.frontline import (
    ControlObservation,
    _neighbours,
    estimate_front_from_observations,
    side_at,
)

# a river written here: due east-west along 46.70 N
RIVER = Barrier("test river", LineString([(32.0, 46.70), (34.0, 46.70)]))
NORTH = (32.90, 46.75)  # a town on the north bank, 5.5 km from the river
SOUTH = (32.90, 46.45)  # a town on the south bank, 28 km from it
ACROSS = (32.90, 46.68)  # south bank, 2 km from the river: 8 km from NORTH, 25 km from SOUTH


def obs(key, lonlat, side, when, kind="capture", weight=1.0):
    lon, lat = lonlat
    return ControlObservation(
        key=key,
        name=key,
        lon=lon,
        lat=lat,
        side=side,
        date=when,
        kind=kind,
        weight=weight,
        confidence=0.8,
        event_id=key,
    )


def river_front(barriers):
    held = obs("south", SOUTH, "russia", date(2022, 11, 1), kind="control:held", weight=0.7)
    taken = obs("north", NORTH, "ukraine", date(2022, 11, 11))
    return estimate_front_from_observations([held, taken], barriers=barriers)


def test_a_capture_on_one_bank_does_not_turn_the_other_bank():
    after = date(2022, 11, 12)
    with_river = river_front([RIVER])
    assert side_at(with_river, *NORTH, after) == "ukraine"
    assert side_at(with_river, *ACROSS, after) == "russia"
    # without the river, the nearest evidence (the capture, 8 km away) took the south bank
    without = river_front([])
    assert side_at(without, *ACROSS, after) == "ukraine"


def test_the_line_follows_the_river_where_it_parts_the_sides():
    snap = river_front([RIVER])[-1]
    assert snap.line is not None
    near = snap.line.intersection(Point(NORTH).buffer(0.15))  # both sides' evidence is close
    assert near.length > 0.1
    assert near.difference(RIVER.geometry.buffer(0.002)).length < 0.01 * near.length
    # without it, the line runs between the towns, north of the river's bank opposite
    free = river_front([])[-1].line
    assert free is not None and free.intersection(RIVER.geometry.buffer(0.002)).length < 0.01


def test_an_earlier_holder_does_not_yield_to_a_neighbour_across_the_river():
    fixed = {"a": (32.90, 46.71), "b": (32.90, 46.69), "c": (32.95, 46.71)}
    inferred = {"a": None}
    near = _neighbours(inferred, fixed, RIVER.geometry)  # type: ignore[arg-type]
    assert [k for k, _ in near["a"]] == ["c"]
    assert {k for k, _ in _neighbours(inferred, fixed)["a"]} == {"b", "c"}  # type: ignore[arg-type]


def test_banks_split_the_country_along_the_line():
    pair = banks(LineString([(0, 0), (100, 0)]), 10.0)
    assert pair is not None
    north, south = pair
    assert north.contains(Point(50, 5)) and south.contains(Point(50, -5))
    assert north.intersection(south).area == 0


def test_the_bundled_dnipro_holds_kherson_from_the_left_bank():
    (dnipro,) = [b for b in default_barriers() if "Dnipro" in b.name]
    assert "GeoNames" in dnipro.source and "Kherson" in dnipro.source
    kherson, oleshky = (32.6146, 46.6370), (32.7243, 46.6255)
    kardashynka = (32.6162, 46.5539)  # left bank, nearer Kherson (9 km) than Oleshky (12 km)
    for town in (kherson, oleshky, kardashynka):
        assert dnipro.geometry.distance(Point(town)) > 0.005  # each off the line itself
    held = obs("oleshky", oleshky, "russia", date(2022, 11, 1), kind="control:held", weight=0.7)
    taken = obs("kherson", kherson, "ukraine", date(2022, 11, 11))
    after = date(2022, 11, 20)
    snaps = estimate_front_from_observations([held, taken])  # the bundled barriers
    assert side_at(snaps, *kardashynka, after) == "russia"
    free = estimate_front_from_observations([held, taken], barriers=())
    assert side_at(free, *kardashynka, after) == "ukraine"


def _lines_file(path, features):
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    return path


def _feature(geometry, **props):
    return {"type": "Feature", "properties": props, "geometry": geometry}


def test_load_barriers_reports_each_bad_feature_and_keeps_the_rest(tmp_path):
    line = {"type": "LineString", "coordinates": [[36.0, 35.5], [37.4, 35.5]]}
    path = _lines_file(
        tmp_path / "b.geojson",
        [
            _feature(line, name="canal"),
            _feature({"type": "Point", "coordinates": [36.0, 35.5]}),
            _feature({"type": "LineString", "coordinates": [[36.0, 95.0], [37.0, 96.0]]}),
            _feature({"type": "MultiLineString", "coordinates": [[[36.0, 35.0], [36.5, 35.1]]]}),
        ],
    )
    got, bad = load_barriers(path)
    assert [b.name for b in got] == ["canal", "b 4"]
    assert bad == [
        f"{path}: feature 2: a Point, not a LineString or MultiLineString; skipped",
        f"{path}: feature 3: coordinates outside lon/lat bounds; skipped",
    ]
    assert load_barriers(tmp_path / "none.geojson")[1] == [
        f"{tmp_path / 'none.geojson'}: no such file"
    ]
    junk = tmp_path / "junk.geojson"
    junk.write_text("{not json", encoding="utf-8")
    assert len(load_barriers(junk)[1]) == 1


@pytest.fixture(scope="module")
def dispatch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("barriers")
    path = folder / "d.md"
    path.write_text(
        "---\npublished: 2019-08-21\n---\n"
        "Syrian government forces captured Khan Shaykhun on Tuesday, state media said. Rebels "
        "still hold the rebel-held town of Maarat al-Numan to the north, a monitor said.\n",
        encoding="utf-8",
    )
    return path


def _side_at(outdir, lon, lat):
    front = json.loads((outdir / "frontline.geojson").read_text(encoding="utf-8"))
    last = max(f["properties"]["date"] for f in front["features"])
    for f in front["features"]:
        props = f["properties"]
        if props["kind"] != "zone" or props["date"] != last:
            continue
        if shapely.geometry.shape(f["geometry"]).covers(Point(lon, lat)):
            return props["side"]
    return None


def test_map_takes_a_user_barrier_file(dispatch, tmp_path):
    # Khan Shaykhun (35.44 N) is captured; a canal at 35.50 N keeps it from the country north
    # of it, nearer to it than to rebel-held Maarat al-Numan (35.65 N)
    canal = {"type": "LineString", "coordinates": [[36.0, 35.5], [37.4, 35.5]]}
    good = _lines_file(tmp_path / "canal.geojson", [_feature(canal, name="canal")])
    point = (36.66, 35.52)
    plain = run_cli("map", str(dispatch), "-o", str(tmp_path / "plain"), "-q", cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert _side_at(tmp_path / "plain", *point) == "government"
    run = run_cli(
        "map", str(dispatch), "-o", str(tmp_path / "out"), "--barriers", str(good), "-q",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert problems(run.stderr) == []
    assert _side_at(tmp_path / "out", *point) == "opposition"


def test_a_bad_barrier_feature_is_one_problem_line_and_the_run_goes_on(dispatch, tmp_path):
    bad = _lines_file(
        tmp_path / "bad.geojson",
        [
            _feature(
                {"type": "Polygon", "coordinates": [[[36, 35], [37, 35], [37, 36], [36, 35]]]}
            ),
            _feature({"type": "LineString", "coordinates": [[36.0, 35.5], [37.4, 35.5]]}),
        ],
    )
    run = run_cli(
        "map", str(dispatch), "-o", str(tmp_path / "out"), "--barriers", str(bad), "-q",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 1
    assert problems(run.stderr) == [
        f"error: {bad}: feature 1: a Polygon, not a LineString or MultiLineString; skipped"
    ]
    assert (tmp_path / "out" / "map.html").exists()
    assert _side_at(tmp_path / "out", 36.66, 35.52) == "opposition"  # the good line is used


def test_the_bundled_barriers_can_be_switched_off_from_the_command_line(tmp_path):
    path = tmp_path / "kherson.md"
    path.write_text(
        "---\npublished: 2022-11-12\n---\n"
        "Ukrainian forces captured Kherson on Friday, the governor said. Russian troops still "
        "hold the Russian-held town of Oleshky across the river, a military source said.\n",
        encoding="utf-8",
    )
    kardashynka = (32.6162, 46.5539)  # left bank, nearer Kherson than Oleshky
    sides = {}
    for name, flags in (("with", ()), ("without", ("--no-bundled-barriers",))):
        run = run_cli("map", str(path), "-o", str(tmp_path / name), "-q", *flags, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        sides[name] = _side_at(tmp_path / name, *kardashynka)
    assert sides == {"with": "russia", "without": "ukraine"}
