"""Geodesic geometry on WGS84: reported distances become points (and uncertainty sectors)."""

from __future__ import annotations

from pyproj import Geod

__all__ = ["DIRECTIONS", "GEOD", "bearing_of", "project"]

GEOD = Geod(ellps="WGS84")

#: The 16 compass points and their bearings in degrees clockwise from north.
DIRECTIONS: dict[str, float] = {
    d: i * 22.5
    for i, d in enumerate("N NNE NE ENE E ESE SE SSE S SSW SW WSW W WNW NW NNW".split())
}


def bearing_of(direction: str) -> float:
    """Bearing in degrees of a compass point such as ``"W"`` or ``"NNE"``."""
    try:
        return DIRECTIONS[direction.upper()]
    except KeyError as err:
        raise ValueError(f"unknown compass direction {direction!r}") from err


def project(lon: float, lat: float, distance_km: float, bearing_deg: float) -> tuple[float, float]:
    """The point ``distance_km`` from (``lon``, ``lat``) at ``bearing_deg``, as (lon, lat)."""
    lon2, lat2, _ = GEOD.fwd(lon, lat, bearing_deg, distance_km * 1000.0)
    return float(lon2), float(lat2)
