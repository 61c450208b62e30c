"""Geodesic projection, uncertainty sectors and rings (mapper.geometry)."""

from __future__ import annotations

import math

import pytest
from shapely.geometry import Point, box

from mapper.geometry import (
    DIRECTIONS,
    GEOD,
    NEAR_RING_KM,
    annulus,
    bearing_of,
    direction_halfwidth,
    distance_bounds,
    geodesic_area_km2,
    inverse,
    line_to,
    project,
    sector,
    sector_for,
)

KHAN_SHAYKHUN = (36.65095, 35.44208)  # (lon, lat), geonames:168325


def test_four_km_west_of_khan_shaykhun_lands_where_it_should():
    lon, lat = project(*KHAN_SHAYKHUN, 4.0, bearing_of("W"))
    az, _, metres = GEOD.inv(*KHAN_SHAYKHUN, lon, lat)
    assert metres / 1000 == pytest.approx(4.0, abs=0.01)
    assert az % 360 == pytest.approx(270.0, abs=0.5)
    assert lon < KHAN_SHAYKHUN[0]  # west means smaller longitude
    assert lat == pytest.approx(KHAN_SHAYKHUN[1], abs=0.001)


@pytest.mark.parametrize("direction", list(DIRECTIONS))
def test_every_compass_point_round_trips_through_the_inverse(direction):
    lon, lat = project(*KHAN_SHAYKHUN, 6.0, bearing_of(direction))
    dist, az = inverse(*KHAN_SHAYKHUN, lon, lat)
    assert dist == pytest.approx(6.0, abs=0.01)
    diff = (az - DIRECTIONS[direction] + 180) % 360 - 180
    assert abs(diff) < 0.5
    # independently of pyproj: over 6 km the ellipsoid is flat (WGS84 radii of curvature)
    phi = math.radians(KHAN_SHAYKHUN[1])
    e2 = 0.00669437999014
    w = math.sqrt(1 - e2 * math.sin(phi) ** 2)
    north_km, east_km = 6378.137 * (1 - e2) / w**3, 6378.137 / w * math.cos(phi)
    bearing = math.radians(DIRECTIONS[direction])
    expected_lat = KHAN_SHAYKHUN[1] + math.degrees(6.0 * math.cos(bearing) / north_km)
    expected_lon = KHAN_SHAYKHUN[0] + math.degrees(6.0 * math.sin(bearing) / east_km)
    assert lat == pytest.approx(expected_lat, abs=5e-5)
    assert lon == pytest.approx(expected_lon, abs=5e-5)


@pytest.mark.parametrize(
    ("km", "miles", "expected"),
    [
        (4, False, (3.5, 4.5)),
        (1, False, (0.5, 1.5)),
        (4.5, False, (4.45, 4.55)),
        (2.25, False, (2.245, 2.255)),
        (12, False, (11.5, 12.5)),
        (10, False, (7.5, 12.5)),
        (20, False, (17.5, 22.5)),
        (0.3, False, (0.25, 0.35)),
        (6 * 1.609344, True, (5.5 * 1.609344, 6.5 * 1.609344)),
    ],
)
def test_distance_bounds_are_half_the_stated_unit(km, miles, expected):
    lo, hi = distance_bounds(km, miles=miles)
    assert lo == pytest.approx(expected[0], abs=1e-9)
    assert hi == pytest.approx(expected[1], abs=1e-9)


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf")])
def test_distance_bounds_reject_nonsense(bad):
    with pytest.raises(ValueError, match="distance"):
        distance_bounds(bad)


@pytest.mark.parametrize(
    ("direction", "half"), [("W", 22.5), ("NW", 22.5), ("WNW", 11.25), ("sse", 11.25), ("N", 22.5)]
)
def test_direction_halfwidths(direction, half):
    assert direction_halfwidth(direction) == half


def test_unknown_direction_is_an_error_that_quotes_it():
    with pytest.raises(ValueError, match="'WW'"):
        bearing_of("WW")


@pytest.mark.parametrize(
    ("lo", "hi", "bearing", "half"),
    [
        (3.5, 4.5, 270.0, 22.5),
        (5.5, 6.5, 90.0, 22.5),
        (0.0, 2.0, 22.5, 11.25),
        (9.5, 10.5, 315, 22.5),
    ],
)
def test_sector_area_matches_the_analytic_area(lo, hi, bearing, half):
    poly = sector(*KHAN_SHAYKHUN, inner_km=lo, outer_km=hi, bearing_deg=bearing, halfwidth_deg=half)
    expected = (2 * half / 360.0) * math.pi * (hi**2 - lo**2)
    assert geodesic_area_km2(poly) == pytest.approx(expected, rel=0.005)
    assert poly.is_valid
    assert poly.exterior.is_ccw


def test_sector_for_four_km_west_covers_the_reported_point_not_the_anchor():
    poly = sector_for(*KHAN_SHAYKHUN, distance_km=4, direction="W")
    assert poly is not None
    assert poly.contains(Point(project(*KHAN_SHAYKHUN, 4.0, 270.0)))
    assert poly.contains(Point(project(*KHAN_SHAYKHUN, 3.6, 250.0)))
    assert not poly.contains(Point(project(*KHAN_SHAYKHUN, 3.4, 270.0)))  # nearer than 3.5 km
    assert not poly.contains(Point(project(*KHAN_SHAYKHUN, 4.0, 200.0)))  # outside +/-22.5 deg
    assert not poly.contains(Point(KHAN_SHAYKHUN))


def test_near_ring_is_an_annulus_of_one_to_three_km():
    ring = sector_for(*KHAN_SHAYKHUN, distance_km=None, direction=None, near=True)
    assert ring is not None
    lo, hi = NEAR_RING_KM
    assert geodesic_area_km2(ring) == pytest.approx(math.pi * (hi**2 - lo**2), rel=0.005)
    assert ring.exterior.is_ccw and not ring.interiors[0].is_ccw
    assert not ring.contains(Point(KHAN_SHAYKHUN))
    assert ring.contains(Point(project(*KHAN_SHAYKHUN, 2.0, 123.0)))


def test_distance_without_direction_is_a_ring_and_nothing_reported_is_none():
    ring = sector_for(*KHAN_SHAYKHUN, distance_km=6, direction=None)
    assert geodesic_area_km2(ring) == pytest.approx(math.pi * (6.5**2 - 5.5**2), rel=0.005)
    assert sector_for(*KHAN_SHAYKHUN, distance_km=None, direction="W") is None


def test_annulus_and_sector_reject_bad_radii():
    with pytest.raises(ValueError):
        annulus(*KHAN_SHAYKHUN, inner_km=3, outer_km=1)
    with pytest.raises(ValueError):
        sector(*KHAN_SHAYKHUN, inner_km=1, outer_km=2, bearing_deg=0, halfwidth_deg=0)


def test_geodesic_area_of_a_one_degree_cell_at_the_equator():
    # 1 deg x 1 deg at the equator on WGS84 is about 12,308 km2
    assert geodesic_area_km2(box(0, 0, 1, 1)) == pytest.approx(12308, rel=0.002)


def test_line_to_ends_at_both_points():
    line = line_to(*KHAN_SHAYKHUN, 36.67693, 35.64830)
    assert line.coords[0] == KHAN_SHAYKHUN
    assert line.coords[-1] == (36.67693, 35.64830)
    assert len(line.coords) == 18


# --- impossible inputs (issue 12): a clear ValueError, never a NaN point ---------------------


@pytest.mark.parametrize(
    ("lon", "lat", "km", "bearing", "what"),
    [
        (36.6, 95.0, 4.0, 270.0, "latitude"),
        (36.6, -90.5, 4.0, 270.0, "latitude"),
        (36.6, math.nan, 4.0, 270.0, "latitude"),
        (36.6, math.inf, 4.0, 270.0, "latitude"),
        (math.nan, 35.4, 4.0, 270.0, "longitude"),
        (-math.inf, 35.4, 4.0, 270.0, "longitude"),
        (36.6, 35.4, math.nan, 270.0, "distance"),
        (36.6, 35.4, math.inf, 270.0, "distance"),
        (36.6, 35.4, 4.0, math.nan, "bearing"),
    ],
)
def test_project_refuses_an_impossible_start_point(lon, lat, km, bearing, what):
    with pytest.raises(ValueError, match=f"^{what} must be a finite number"):
        project(lon, lat, km, bearing)


@pytest.mark.parametrize("lat", [90.0, -90.0])
def test_project_from_a_pole_is_still_a_point(lat):
    lon2, lat2 = project(36.6, lat, 4.0, 0.0)
    assert math.isfinite(lon2) and math.isfinite(lat2) and abs(lat2) <= 90


def test_shapes_refuse_an_impossible_anchor():
    with pytest.raises(ValueError, match="latitude"):
        sector_for(36.6, 95.0, distance_km=4.0, direction="W")
    with pytest.raises(ValueError, match="latitude"):
        annulus(36.6, math.nan, inner_km=1.0, outer_km=3.0)


def test_an_impossible_stored_anchor_keeps_the_stored_point():
    """A store edited to an anchor at latitude 95: the front estimate keeps the stored point."""
    from mapper.frontline import observations_from_records

    record = {
        "id": "e1",
        "type": "advance",
        "actor": "government",
        "date": "2019-08-20",
        "place_id": "geonames:168325",
        "place": "Khan Shaykhun",
        "lon": 36.60698,
        "lat": 35.44207,
        "anchor_lon": 36.65095,
        "anchor_lat": 95.0,
        "distance_km": 4.0,
        "direction": "W",
        "confidence": 0.8,
    }
    (obs,) = observations_from_records([record])
    assert (obs.lon, obs.lat) == (36.60698, 35.44207)
    good = {**record, "anchor_lat": 35.44208}
    (moved,) = observations_from_records([good])
    assert moved.lon == pytest.approx(36.60698, abs=1e-4) and moved.lat == pytest.approx(
        35.442, abs=1e-3
    )
