"""Natural front barriers: lines (rivers) that a side's zone does not spread across.

Sides spread from their evidence to the country around it (:mod:`mapper.frontline`: every point
goes to its nearest evidence, an earlier holder yields to its neighbours). A barrier is a line
that such a link does not cross: the country on one of its banks (:func:`banks`: within
:data:`mapper.frontline.BANK_KM` of it) goes to the nearest evidence not on the other bank,
and a place across a river from a capture does not turn with it; beyond the line's ends a
side goes round it. A wide
river held as a front for months (the lower Dnipro after Russia left Kherson's right bank in
November 2022) is the case.

Registry
    :data:`BUNDLED` names the package's barrier files (``mapper/data/barriers/*.geojson``, one
    LineString per feature, with its ``source`` in its properties); :func:`default_barriers`
    loads them once. Today: the lower Dnipro, from Zaporizhzhia to the Kinburn strait, drawn
    through the midpoints of towns facing each other across it (GeoNames; coarse: a vertex
    every 7-40 km, ``benchmarks/derive_dnipro.py`` derives and checks it).
User barriers
    ``frontline map --barriers FILE``: LineString or MultiLineString features in any vector
    format GDAL reads (GeoJSON, GeoPackage), in lon/lat or a CRS it declares;
    :func:`load_barriers` returns the lines and one problem line per feature it skips (not a
    line, empty, coordinates outside lon/lat, more than :data:`MAX_VERTICES` vertices) or per
    file it cannot read. The rest is used, with the bundled barriers.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import split

__all__ = [
    "BUNDLED",
    "MAX_VERTICES",
    "Barrier",
    "banks",
    "default_barriers",
    "load_barriers",
]

#: The package's barrier files (``mapper/data/barriers/``), each a FeatureCollection of lines.
BUNDLED: tuple[str, ...] = ("dnipro.geojson",)
#: A user barrier feature with more vertices than this is skipped (bounded work per snapshot).
MAX_VERTICES = 20_000

_VECTOR_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".fgb"}


@dataclass(frozen=True, slots=True)
class Barrier:
    """A line no side's zone spreads across: ``geometry`` in lon/lat (WGS84)."""

    name: str
    geometry: BaseGeometry  # LineString or MultiLineString, (lon, lat)
    source: str = ""


@functools.lru_cache(maxsize=1)
def default_barriers() -> tuple[Barrier, ...]:
    """The bundled barriers (:data:`BUNDLED`), read once."""
    out: list[Barrier] = []
    folder = resources.files("mapper").joinpath("data", "barriers")
    for name in BUNDLED:
        data = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
        for feature in data["features"]:
            props = feature.get("properties") or {}
            geom = shapely.geometry.shape(feature["geometry"])
            out.append(Barrier(str(props.get("name", name)), geom, str(props.get("source", ""))))
    return tuple(out)


def load_barriers(path: Path) -> tuple[list[Barrier], list[str]]:
    """The barrier lines of a vector file and its problems, one line each (``FILE: ...``).

    A feature that is not a LineString or MultiLineString, is empty, has coordinates outside
    lon/lat or more than :data:`MAX_VERTICES` vertices is skipped with its problem; the other
    features are used. A file that cannot be read is one problem and no barrier.
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        return [], [f"{path}: not a regular file (a directory, device or FIFO)"]
    if not path.is_file():
        return [], [f"{path}: no such file"]
    if path.suffix.lower() not in _VECTOR_SUFFIXES:
        return [], [f"{path}: not a barrier file (use .geojson/.gpkg LineString features)"]
    from mapper.baseline import _read_vector

    try:
        frame = _read_vector(path)
    except Exception as err:  # noqa: BLE001 - GDAL raises many kinds; report it, one line
        text = str(err).strip()
        return [], [
            f"{path}: cannot be read ({text.splitlines()[0] if text else type(err).__name__})"
        ]
    try:
        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            frame = frame.to_crs(4326)
    except Exception as err:  # noqa: BLE001 - a CRS pyproj cannot use
        return [], [f"{path}: its CRS cannot be turned into lon/lat ({err})"]
    out: list[Barrier] = []
    problems: list[str] = []
    names = frame["name"].tolist() if "name" in frame.columns else [None] * len(frame)
    for n, (geom, name) in enumerate(zip(frame.geometry, names, strict=True), start=1):
        problem = _problem(geom)
        if problem:
            problems.append(f"{path}: feature {n}: {problem}; skipped")
            continue
        label = str(name)[:100] if _text(name) else f"{path.stem} {n}"
        out.append(Barrier(label, geom, str(path)))
    if not len(frame):
        problems.append(f"{path}: no features")
    return out, problems


def _text(value: Any) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and math.isnan(value))
        and bool(str(value).strip())
    )


def _problem(geom: BaseGeometry | None) -> str | None:
    """Why ``geom`` is no usable barrier, or None."""
    if geom is None or geom.is_empty:
        return "no geometry"
    if geom.geom_type not in ("LineString", "MultiLineString"):
        return f"a {geom.geom_type}, not a LineString or MultiLineString"
    n = shapely.get_num_coordinates(geom)
    if n > MAX_VERTICES:
        return f"{n:,} vertices, more than {MAX_VERTICES:,}"
    coords = shapely.get_coordinates(geom)
    if not np.isfinite(coords).all():
        return "a coordinate that is not a number"
    lon, lat = coords[:, 0], coords[:, 1]
    if (np.abs(lon) > 180).any() or (np.abs(lat) > 90).any():
        return "coordinates outside lon/lat bounds"
    if geom.length == 0:
        return "a line of no length"
    return None


def banks(line: BaseGeometry, width: float) -> tuple[BaseGeometry, BaseGeometry] | None:
    """The two banks of a planar ``line``: the country within ``width`` of it on each side.

    The flat-ended buffer of the line, split by it; each piece goes to the side of the line
    (the sign of the cross product with its nearest segment) its inside point lies on. None
    when the line does not split its buffer (a line of no length).
    """
    if line.is_empty or line.length == 0:
        return None
    zone = shapely.buffer(line, width, cap_style="flat", quad_segs=4)
    coords = np.asarray(line.coords)
    # the line's ends lie on the buffer's flat caps: push them out a little, so it cuts
    ends = coords.copy()
    for end, inner in ((0, 1), (-1, -2)):
        step = coords[end] - coords[inner]
        ends[end] = coords[end] + step / max(float(np.hypot(*step)), 1e-9) * width * 0.01
    pieces = shapely.get_parts(split(zone, shapely.LineString(ends)))
    segs = shapely.linestrings(np.stack([coords[:-1], coords[1:]], axis=1))
    sides: dict[int, list[BaseGeometry]] = {1: [], -1: []}
    for piece in pieces:
        if piece.geom_type != "Polygon" or piece.area == 0:
            continue
        inside = piece.representative_point()
        k = int(np.argmin(shapely.distance(segs, inside)))
        (ax, ay), (bx, by) = coords[k], coords[k + 1]
        cross = (bx - ax) * (inside.y - ay) - (by - ay) * (inside.x - ax)
        sides[1 if cross > 0 else -1].append(piece)
    if not sides[1] or not sides[-1]:
        return None
    return shapely.union_all(sides[1]), shapely.union_all(sides[-1])
