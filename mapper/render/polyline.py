"""Encoded polylines (Google's algorithm): compact strings for the map's zone and line rings.

Each (lon, lat) vertex becomes the zig-zag, base-32 encoded difference from the previous one at
``precision`` decimals, in (lat, lon) order as the algorithm defines. The characters are ASCII
63-126: nothing JSON or HTML needs to escape except the backslash. The map's script decodes
them (:data:`mapper.render.script.APP_JS`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import shapely
from shapely.geometry.base import BaseGeometry

__all__ = ["decode", "encode", "encode_lines", "encode_polygons"]


def _chunks(value: int) -> str:
    value = ~(value << 1) if value < 0 else value << 1
    out = []
    while value >= 0x20:
        out.append(chr((0x20 | (value & 0x1F)) + 63))
        value >>= 5
    out.append(chr(value + 63))
    return "".join(out)


def encode(coords: Iterable[Sequence[float]], *, precision: int = 4) -> str:
    """Encode (lon, lat) vertices as one polyline string."""
    factor = 10**precision
    out = []
    prev_lat = prev_lon = 0
    for lon, lat, *_ in coords:
        ilat, ilon = round(lat * factor), round(lon * factor)
        out.append(_chunks(ilat - prev_lat))
        out.append(_chunks(ilon - prev_lon))
        prev_lat, prev_lon = ilat, ilon
    return "".join(out)


def decode(text: str, *, precision: int = 4) -> list[tuple[float, float]]:
    """Decode a polyline string back to (lon, lat) vertices (the inverse of :func:`encode`)."""
    factor = 10**precision
    coords: list[tuple[float, float]] = []
    index = lat = lon = 0
    while index < len(text):
        deltas = []
        for _ in range(2):
            shift = result = 0
            while True:
                b = ord(text[index]) - 63
                index += 1
                result |= (b & 0x1F) << shift
                shift += 5
                if b < 0x20:
                    break
            deltas.append(~(result >> 1) if result & 1 else result >> 1)
        lat += deltas[0]
        lon += deltas[1]
        coords.append((lon / factor, lat / factor))
    return coords


def encode_polygons(geom: BaseGeometry, *, precision: int = 4) -> list[list[str]]:
    """A (multi)polygon as a list of polygons, each a list of encoded rings (exterior first)."""
    out = []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        rings = [poly.exterior, *poly.interiors]
        out.append([encode(r.coords, precision=precision) for r in rings])
    return out


def encode_lines(geom: BaseGeometry, *, precision: int = 4) -> list[str]:
    """A (multi)linestring as a list of encoded lines."""
    return [
        encode(g.coords, precision=precision)
        for g in shapely.get_parts(geom)
        if g.geom_type in ("LineString", "LinearRing") and not g.is_empty
    ]
