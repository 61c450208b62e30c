"""A known control map to start from (mapper.baseline, ``frontline map --baseline``)."""

from __future__ import annotations

import json
from datetime import date

from mapdata import PLACES, event
from shapely.geometry import Point

from mapper.baseline import load_baseline
from mapper.frontline import estimate_front_from_observations, observations_from_events, side_at


def lonlat(name):
    lat, lon, _ = PLACES[name]
    return lon, lat


def _polygon(path, features):
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": props,
                        "geometry": {"type": "Polygon", "coordinates": [ring]},
                    }
                    for props, ring in features
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


# a box drawn here around Izium and Balakliia (made up, not a historical map)
BOX = [[36.6, 49.0], [37.6, 49.0], [37.6, 49.6], [36.6, 49.6], [36.6, 49.0]]
WEST = [[35.6, 49.0], [36.6, 49.0], [36.6, 49.6], [35.6, 49.6], [35.6, 49.0]]


def test_a_baseline_polygon_holds_until_a_report_changes_it(tmp_path):
    path = _polygon(
        tmp_path / "known.geojson",
        [({"side": "Russia", "date": "2022-05-01"}, BOX), ({"side": "ukraine"}, WEST)],
    )
    base, problems = load_baseline(path, start=date(2022, 5, 1))
    assert problems == []
    assert {o.side for o in base} == {"russia", "ukraine"}
    report = event("r", "capture", "Balakliia", date(2022, 9, 8), "ukraine")
    snaps = estimate_front_from_observations(base + observations_from_events([report]))
    assert side_at(snaps, *lonlat("Balakliia"), date(2022, 6, 1)) == "russia"
    assert side_at(snaps, *lonlat("Izium"), date(2022, 6, 1)) == "russia"
    assert side_at(snaps, *lonlat("Balakliia"), date(2022, 9, 8)) == "ukraine"
    assert side_at(snaps, *lonlat("Izium"), date(2022, 9, 8)) == "russia"  # not reported
    assert side_at(snaps, 36.0, 49.3, date(2022, 9, 8)) == "ukraine"
    # the line between the polygons follows their shared edge (lon 36.6) within the spacing
    first = snaps[0]
    assert first.line is not None
    assert abs(first.line.centroid.x - 36.6) < 0.15


def test_a_csv_baseline_gives_one_observation_per_row(tmp_path):
    path = tmp_path / "known.csv"
    path.write_text(
        "place,lat,lon,side,date\n"
        "Izium,49.20697,37.27679,russia,2022-05-01\n"
        "Balakliia,49.45595,36.84433,Ukraine,\n",
        encoding="utf-8",
    )
    base, problems = load_baseline(path, start=date(2022, 4, 1))
    assert problems == []
    assert [(o.name, o.side, o.date) for o in base] == [
        ("Izium", "russia", date(2022, 5, 1)),
        ("Balakliia", "ukraine", date(2022, 4, 1)),
    ]
    (last,) = estimate_front_from_observations(base)[-1:]
    assert last.zones["russia"].contains(Point(lonlat("Izium")))


def test_bad_rows_are_reported_one_line_each_and_the_rest_is_used(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "place,lat,lon,side,date\n"
        "A,49.2,37.2,russia,2022-05-01\n"
        "B,north,37.2,russia,2022-05-01\n"
        "C,49.3,37.3,,2022-05-01\n"
        "D,49.3,37.3,ukraine,May 2022\n"
        "E,49.3,37.3,ukraine,\n",
        encoding="utf-8",
    )
    base, problems = load_baseline(path)
    assert [o.name for o in base] == ["A"]
    assert len(problems) == 4
    assert all(p.startswith(f"{path}: line ") for p in problems)
    assert "line 3: lat/lon are not numbers" in problems[0]


def test_unreadable_or_sideless_files_are_problems(tmp_path):
    nosides = _polygon(tmp_path / "n.geojson", [({"name": "x"}, BOX)])
    assert load_baseline(nosides, start=date(2022, 1, 1)) == (
        [],
        [f"{nosides}: no 'side' property"],
    )
    broken = tmp_path / "b.geojson"
    broken.write_text("{not json", encoding="utf-8")
    base, problems = load_baseline(broken)
    assert base == [] and len(problems) == 1 and problems[0].startswith(f"{broken}: cannot be read")
    other = tmp_path / "x.txt"
    other.write_text("x", encoding="utf-8")
    assert "not a baseline" in load_baseline(other)[1][0]
    assert load_baseline(tmp_path / "missing.csv")[1] == [
        f"{tmp_path / 'missing.csv'}: no such file"
    ]


def test_map_command_starts_from_the_baseline(tmp_path):
    from test_cli import invoke

    text = tmp_path / "d.md"
    text.write_text(
        "---\npublished: 2022-09-10\n---\n"
        "Ukrainian forces recaptured Balakliia on Thursday, the general staff said.\n",
        encoding="utf-8",
    )
    base = _polygon(tmp_path / "known.geojson", [({"side": "russia", "date": "2022-05-01"}, BOX)])
    out = tmp_path / "out"
    result = invoke("map", str(text), "-o", str(out), "--baseline", str(base), "-q")
    assert result.exit_code == 0, result.stderr
    front = json.loads((out / "frontline.geojson").read_text(encoding="utf-8"))
    zones = [f for f in front["features"] if f["properties"]["kind"] == "zone"]
    assert {(f["properties"]["date"], f["properties"]["side"]) for f in zones} >= {
        ("2022-05-01", "russia"),
        ("2022-09-08", "ukraine"),
    }
    bad = tmp_path / "bad.csv"
    bad.write_text("place,lat,lon,side\nA,x,37,russia\n", encoding="utf-8")
    result = invoke("map", str(text), "-o", str(out), "--baseline", str(bad), "-q")
    assert result.exit_code == 1
    assert f"error: {bad}: line 2: lat/lon are not numbers" in " ".join(result.stderr.split())
    assert (out / "map.html").exists()
