"""Geodesic geometry on WGS84: reported distances become points and uncertainty shapes.

Every function takes and returns coordinates as ``(lon, lat)`` in degrees (GeoJSON order) and
names them so. Distances are kilometres, bearings degrees clockwise from true north.

Uncertainty rules (documented here, used by the map and ``uncertainty.geojson``)
------------------------------------------------------------------------------
Distance
    Plus or minus half the unit of the stated precision: "four kilometers" or "4 km" means
    3.5-4.5 km; "4.5 km" means 4.45-4.55 km. Round numbers of ten kilometres or more that are
    multiples of five ("ten", "15", "twenty") are read as rounded to five: +/-2.5 km. A distance
    given in miles is precise to half a mile (0.80 km). See :func:`distance_bounds`.
Direction
    A 16-point name with three letters ("WNW") is +/-11.25 deg wide (half the gap to its
    neighbours); an 8-point name ("NW") +/-22.5 deg. A cardinal point ("W") is treated as an
    8-point name, +/-22.5 deg: a writer who says "west" rather than "north-west" places it
    within half the gap to the intercardinal points. See :func:`direction_halfwidth`.
"Near" / "outskirts"
    An annulus 1-3 km from the place's point (:data:`NEAR_RING_KM`).
"""

from __future__ import annotations

import math

import numpy as np
import shapely
import shapely.affinity
from pyproj import Geod
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

__all__ = [
    "DIRECTIONS",
    "GEOD",
    "NEAR_RING_KM",
    "annulus",
    "bearing_of",
    "check_point",
    "direction_halfwidth",
    "distance_bounds",
    "geodesic_area_km2",
    "geodesic_distance_km",
    "inverse",
    "line_to",
    "project",
    "sector",
    "sector_for",
]

GEOD = Geod(ellps="WGS84")

#: The 16 compass points and their bearings in degrees clockwise from north.
DIRECTIONS: dict[str, float] = {
    d: i * 22.5
    for i, d in enumerate(
        (
            "N",
            "NNE",
            "NE",
            "ENE",
            "E",
            "ESE",
            "SE",
            "SSE",
            "S",
            "SSW",
            "SW",
            "WSW",
            "W",
            "WNW",
            "NW",
            "NNW",
        )
    )
}

#: Inner and outer radius in km of the ring drawn for "near X" / "on the outskirts of X".
NEAR_RING_KM: tuple[float, float] = (1.0, 3.0)

_MILE_KM = 1.609344
# Vertices per degree of arc: 1 deg steps keep the polygon's area within 0.01 % of the true one.
_STEP_DEG = 1.0


def bearing_of(direction: str) -> float:
    """Bearing in degrees of a compass point such as ``"W"`` or ``"NNE"``."""
    try:
        return DIRECTIONS[direction.upper()]
    except KeyError as err:
        raise ValueError(f"unknown compass direction {direction!r}") from err


def direction_halfwidth(direction: str) -> float:
    """Half the angular width in degrees a compass name stands for (11.25 or 22.5).

    Three-letter 16-point names are +/-11.25 deg; 8-point and cardinal names +/-22.5 deg.
    """
    bearing_of(direction)  # validates
    return 11.25 if len(direction) == 3 else 22.5


def distance_bounds(distance_km: float, *, miles: bool = False) -> tuple[float, float]:
    """The (low, high) range in km a stated distance stands for.

    Parameters
    ----------
    distance_km
        The distance as reported, converted to km.
    miles
        True when the text gave miles: the range is then +/- half a mile.
    """
    if not math.isfinite(distance_km) or distance_km < 0:
        raise ValueError(f"distance must be a finite number >= 0, got {distance_km!r}")
    if miles:
        half = 0.5 * _MILE_KM
    else:
        text = f"{distance_km:.6f}".rstrip("0").rstrip(".")
        if "." in text:
            half = 0.5 * 10 ** -len(text.split(".")[1])
        elif distance_km >= 10 and distance_km % 5 == 0:
            half = 2.5
        else:
            half = 0.5
    return max(distance_km - half, 0.0), distance_km + half


def _finite(value: object) -> float | None:
    """``value`` as a finite float, or None (NaN, infinities, strings, None)."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def check_point(lon: float, lat: float) -> None:
    """Raise ValueError unless (``lon``, ``lat``) is a point on Earth.

    Latitude must be finite and within [-90, 90], longitude finite (pyproj wraps any finite
    longitude, but returns NaN for an impossible latitude instead of raising).
    """
    flat = _finite(lat)
    if flat is None or not -90.0 <= flat <= 90.0:
        raise ValueError(f"latitude must be a finite number in [-90, 90], got {lat!r}")
    if _finite(lon) is None:
        raise ValueError(f"longitude must be a finite number, got {lon!r}")


def project(lon: float, lat: float, distance_km: float, bearing_deg: float) -> tuple[float, float]:
    """The point ``distance_km`` from (``lon``, ``lat``) at ``bearing_deg``, as (lon, lat).

    Raises
    ------
    ValueError
        An impossible start point (latitude outside [-90, 90], NaN or infinite coordinates), or
        a distance or bearing that is not a finite number; never a NaN result.
    """
    check_point(lon, lat)
    if _finite(distance_km) is None:
        raise ValueError(f"distance must be a finite number of km, got {distance_km!r}")
    if _finite(bearing_deg) is None:
        raise ValueError(f"bearing must be a finite number of degrees, got {bearing_deg!r}")
    lon2, lat2, _ = GEOD.fwd(lon, lat, bearing_deg, distance_km * 1000.0)
    if not (math.isfinite(lon2) and math.isfinite(lat2)):  # 1e305 km: PROJ returns NaN
        raise ValueError(f"distance {distance_km!r} km is too large to project")
    return float(lon2), float(lat2)


def inverse(lon1: float, lat1: float, lon2: float, lat2: float) -> tuple[float, float]:
    """Distance in km and forward bearing in degrees [0, 360) from point 1 to point 2."""
    az, _, metres = GEOD.inv(lon1, lat1, lon2, lat2)
    return float(metres) / 1000.0, float(az) % 360.0


def geodesic_distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance in km between two (lon, lat) points."""
    return inverse(lon1, lat1, lon2, lat2)[0]


def _arc(lon: float, lat: float, radius_km: float, b_from: float, b_to: float) -> np.ndarray:
    """Points (lon, lat) on the geodesic circle of ``radius_km``, from ``b_from`` to ``b_to``."""
    n = max(int(math.ceil(abs(b_to - b_from) / _STEP_DEG)), 8) + 1
    bearings = np.linspace(b_from, b_to, n)
    lons, lats, _ = GEOD.fwd(
        np.full(n, lon), np.full(n, lat), bearings, np.full(n, radius_km * 1000.0)
    )
    return np.column_stack([lons, lats])


def sector(
    lon: float,
    lat: float,
    *,
    inner_km: float,
    outer_km: float,
    bearing_deg: float,
    halfwidth_deg: float,
) -> Polygon | MultiPolygon:
    """The geodesic annular sector around (``lon``, ``lat``): the uncertainty of "N km <dir>".

    Points between ``inner_km`` and ``outer_km`` from the anchor, at bearings within
    ``bearing_deg`` +/- ``halfwidth_deg``. ``inner_km`` 0 gives a pie slice. The exterior ring is
    counter-clockwise in (lon, lat).
    """
    check_point(lon, lat)
    if not 0 <= inner_km < outer_km:
        raise ValueError(f"need 0 <= inner_km < outer_km, got {inner_km!r}, {outer_km!r}")
    if not 0 < halfwidth_deg < 180:
        raise ValueError(f"halfwidth_deg must be in (0, 180), got {halfwidth_deg!r}")
    _check_no_pole(lon, lat, outer_km)
    b1, b2 = bearing_deg - halfwidth_deg, bearing_deg + halfwidth_deg
    outer = _arc(lon, lat, outer_km, b1, b2)
    inner = _arc(lon, lat, inner_km, b2, b1) if inner_km > 0 else np.array([[lon, lat]])
    ring = _unwrap(np.vstack([outer, inner]), lon)
    return _on_the_map(Polygon(ring))


def annulus(lon: float, lat: float, *, inner_km: float, outer_km: float) -> Polygon | MultiPolygon:
    """The geodesic ring between ``inner_km`` and ``outer_km`` around (``lon``, ``lat``).

    ``inner_km`` 0 gives a disc. Exterior counter-clockwise, hole clockwise (RFC 7946).
    """
    check_point(lon, lat)
    if not 0 <= inner_km < outer_km:
        raise ValueError(f"need 0 <= inner_km < outer_km, got {inner_km!r}, {outer_km!r}")
    _check_no_pole(lon, lat, outer_km)
    outer = _unwrap(_arc(lon, lat, outer_km, 0.0, 360.0)[:-1], lon)
    holes = [_unwrap(_arc(lon, lat, inner_km, 0.0, 360.0)[:-1], lon)] if inner_km > 0 else []
    return _on_the_map(Polygon(outer, holes))


def _check_no_pole(lon: float, lat: float, radius_km: float) -> None:
    """Raise ValueError when a shape of ``radius_km`` around the point would hold a pole.

    Such a shape has no simple (lon, lat) polygon: its ring would run all round the globe.
    """
    pole = 90.0 if lat >= 0 else -90.0
    if geodesic_distance_km(lon, lat, lon, pole) <= radius_km:
        raise ValueError(f"a shape of {radius_km:g} km around latitude {lat:g} holds a pole")


def _unwrap(points: np.ndarray, lon0: float) -> np.ndarray:
    """``points`` with each longitude moved by whole turns to within 180 deg of ``lon0``.

    GEOD wraps longitudes into [-180, 180]: a ring crossing the antimeridian would jump across
    the map. Unwrapped, it is continuous (some longitudes beyond 180) until `_on_the_map`.
    """
    out = np.array(points, dtype=float)
    out[:, 0] = lon0 + (out[:, 0] - lon0 + 180.0) % 360.0 - 180.0
    return out


def _on_the_map(polygon: Polygon) -> Polygon | MultiPolygon:
    """An unwrapped polygon, cut at the antimeridian when it crosses it (RFC 7946, 3.1.9).

    The exterior rings come counter-clockwise and the holes clockwise.
    """
    minx, _, maxx, _ = polygon.bounds
    if minx >= -180.0 and maxx <= 180.0:
        return shapely.orient_polygons(polygon, exterior_cw=False)
    parts: list[Polygon] = []
    for shift in (-360.0, 0.0, 360.0):
        moved = shapely.affinity.translate(polygon, xoff=shift)
        piece = shapely.clip_by_rect(moved, -180.0, -90.0, 180.0, 90.0)
        parts.extend(p for p in getattr(piece, "geoms", [piece]) if isinstance(p, Polygon))
    parts = [p for p in parts if not p.is_empty and p.area > 0]
    return shapely.orient_polygons(MultiPolygon(parts), exterior_cw=False)


def sector_for(
    anchor_lon: float,
    anchor_lat: float,
    *,
    distance_km: float | None,
    direction: str | None,
    miles: bool = False,
    near: bool = False,
) -> Polygon | MultiPolygon | None:
    """The uncertainty shape of a reported position, or None when nothing was reported.

    ``distance_km`` and ``direction`` -> a sector (:func:`sector`); a distance only -> a ring
    of that distance's range; ``near`` ("outskirts", "near") -> the 1-3 km ring.
    """
    if distance_km is not None:
        lo, hi = distance_bounds(distance_km, miles=miles)
        if direction:
            return sector(
                anchor_lon,
                anchor_lat,
                inner_km=lo,
                outer_km=hi,
                bearing_deg=bearing_of(direction),
                halfwidth_deg=direction_halfwidth(direction),
            )
        return annulus(anchor_lon, anchor_lat, inner_km=lo, outer_km=hi)
    if near:
        return annulus(anchor_lon, anchor_lat, inner_km=NEAR_RING_KM[0], outer_km=NEAR_RING_KM[1])
    return None


def geodesic_area_km2(geom: BaseGeometry) -> float:
    """Geodesic area in km2 of a (lon, lat) polygon or multipolygon on WGS84 (always >= 0)."""
    area, _ = GEOD.geometry_area_perimeter(geom)
    return abs(float(area)) / 1e6


def line_to(lon1: float, lat1: float, lon2: float, lat2: float, *, n: int = 16) -> LineString:
    """The geodesic line from point 1 to point 2 with ``n`` intermediate vertices."""
    pts = GEOD.npts(lon1, lat1, lon2, lat2, n)
    return LineString([(lon1, lat1), *pts, (lon2, lat2)])
