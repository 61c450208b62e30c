"""A known control map to start from: ``frontline map --baseline FILE``.

Two forms are read:

GeoJSON (or any vector file GDAL reads: GeoPackage, Shapefile)
    Polygons with a ``side`` property (``russia``, ``ukraine``, ``government``, ``opposition``...)
    and an optional ``date`` (YYYY-MM-DD). Each polygon becomes evidence points: its boundary
    and a grid inside, every :data:`SPACING_KM` (coarser for large polygons, at most
    :data:`MAX_POINTS` per polygon), each an observation that the side holds it from the date on.
CSV
    Columns ``place`` (or ``name``), ``lat``, ``lon``, ``side`` and an optional ``date``: one
    observation per row.

Baseline observations weigh :data:`BASELINE_WEIGHT` (a report of the same day weighs more); the
reports after the baseline's date change it place by place, and the zones between keep the
baseline's side. A row or feature without a date starts at ``start`` (the first report's date).
Problems (a missing or overlong side, a bad coordinate, a date before :data:`EARLIEST_DATE` or
more than :data:`DATE_AHEAD` after today, a file that cannot be read) are returned, one line
each, naming the file and the row or feature; the rest is used.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.sources.text import csv_lines, decode_text
from mapper.articles import date_problem
from mapper.frontline import MAX_SIDE_CHARS, ControlObservation, normalise_side

__all__ = [
    "BASELINE_WEIGHT",
    "DATE_AHEAD",
    "EARLIEST_DATE",
    "MAX_POINTS",
    "SPACING_KM",
    "load_baseline",
]

#: Weight of a baseline observation (a capture weighs 1).
BASELINE_WEIGHT = 0.9
#: Spacing of a polygon's evidence points, in km (widened for large polygons).
SPACING_KM = 10.0
#: Most evidence points drawn from one polygon.
MAX_POINTS = 400
#: A baseline dated before this is no control map of a war (a typo: 0019, 1019); skipped.
EARLIEST_DATE = date(1900, 1, 1)
#: A baseline dated more than this after today is implausible (9999-12-31); skipped.
DATE_AHEAD = timedelta(days=365)
#: A baseline CSV line longer than this is one problem (the csv module's field limit is 131,072).
MAX_CSV_LINE = 100_000

_VECTOR_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".fgb"}
#: A value quoted in a problem line is cut to this many characters.
_SHOWN_CHARS = 40


def _shown(value: object) -> str:
    """``value`` quoted for a problem line, cut to :data:`_SHOWN_CHARS` characters."""
    text = str(value)
    if len(text) <= _SHOWN_CHARS:
        return repr(text)
    return f"{text[:_SHOWN_CHARS]!r}... ({len(text):,} characters)"


def _side(value: object, where: str) -> tuple[str | None, str | None]:
    """The side of ``value`` (a cell or property), or None and the problem that skips its row."""
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    side = normalise_side(text)
    if side is not None:
        return side, None
    if text.strip():  # a side is a short name: a longer value is refused, and shown cut
        return None, f"{where}: side {_shown(text)} is longer than {MAX_SIDE_CHARS} characters"
    return None, f"{where}: no side"


def _date(value: object) -> tuple[date | None, bool]:
    """The value as a date, and whether it was a valid one (empty counts as valid, None)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, True
    text = str(value).strip()
    if not text or text.lower() in ("nan", "nat", "none"):
        return None, True
    if not _DATE_TEXT.fullmatch(text):
        return None, False  # "2019-01-01junk" is no date, whatever its first ten characters
    try:  # GDAL writes a date read as text with slashes: 2019/08/21
        return date.fromisoformat(text[:10].replace("/", "-")), True
    except ValueError:
        return None, False


#: A day, alone or with a time of day (a GeoJSON or GDAL datetime): "2019-08-21", "2019/08/21",
#: "2019-08-21T00:00:00Z", "2019-08-21 00:00:00+00:00".
_DATE_TEXT = re.compile(
    r"\d{4}[-/]\d{2}[-/]\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)


@dataclass(frozen=True, slots=True)
class _Problem:
    """Why a row or feature is skipped; ``skipped`` when its line says so at its end."""

    line: str
    skipped: bool = True


def _side_and_date(
    side_value: object, date_value: object, where: str, start: date | None
) -> tuple[str, date] | _Problem:
    """A row's side and date (its own, else the report's ``start``), or its problem."""
    side, no_side = _side(side_value, where)
    if side is None:
        return _Problem(str(no_side))
    when, ok = _date(date_value)
    if not ok:
        return _Problem(f"{where}: date {_shown(date_value)} is not YYYY-MM-DD", skipped=False)
    implausible = _implausible(when, where)
    if implausible:
        return _Problem(implausible)
    when = when or start
    if when is None:
        return _Problem(f"{where}: no date and no report to date it from", skipped=False)
    return side, when


def _implausible(when: date | None, where: str) -> str | None:
    """The problem of a date no control map has (`mapper.articles.date_problem`), or None."""
    if when is None:
        return None
    why = date_problem(when, ahead=DATE_AHEAD, earliest=EARLIEST_DATE)
    return f"{where}: date {when.isoformat()} {why}" if why else None


def load_baseline(
    path: Path, *, start: date | None = None
) -> tuple[list[ControlObservation], list[str]]:
    """Observations of a baseline file and its problems (see the module docstring).

    Parameters
    ----------
    path
        A vector file of polygons with ``side`` (and ``date``), or a CSV of places.
    start
        Date of undated rows or features; without it they are problems.
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        return [], [f"{path}: not a regular file (a directory, device or FIFO)"]
    if not path.is_file():
        return [], [f"{path}: no such file"]
    if path.suffix.lower() == ".csv":
        return _from_csv(path, start)
    if path.suffix.lower() in _VECTOR_SUFFIXES:
        return _from_vector(path, start)
    return [], [f"{path}: not a baseline (use .geojson/.gpkg polygons with 'side', or a .csv)"]


def _from_csv(path: Path, start: date | None) -> tuple[list[ControlObservation], list[str]]:
    try:
        text, problem = decode_text(path.read_bytes(), nul_is_binary=False)  # a NUL: its line
    except OSError as err:
        return [], [f"{path}: cannot be read ({err.strerror or err})"]
    if text is None:
        return [], [f"{path}: {problem}"]
    out: list[ControlObservation] = []
    problems: list[str] = []
    header: list[str] | None = None
    for n, cells in csv_lines(text, max_line=MAX_CSV_LINE):
        where = f"{path}: line {n}"
        if isinstance(cells, str):
            problems.append(f"{where}: {cells}; row skipped")
            continue
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in cells]
            missing = {"lat", "lon", "side"} - set(header)
            if missing:
                return [], [f"{path}: missing column(s) {', '.join(sorted(missing))}"]
            continue
        if len(cells) > len(header):
            problems.append(f"{where}: more fields than the header names; row skipped")
            continue
        row = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        found = _csv_observation(row, path=path, n=n, start=start)
        if isinstance(found, str):
            problems.append(found)
        else:
            out.append(found)
    if header is None:
        return [], [f"{path}: missing column(s) lat, lon, side"]
    return out, problems


def _csv_observation(
    row: dict[str, str], *, path: Path, n: int, start: date | None
) -> ControlObservation | str:
    """The observation of one CSV row, or the problem that skips it."""
    where = f"{path}: line {n}"
    try:
        lat, lon = float(row.get("lat", "")), float(row.get("lon", ""))
    except ValueError:
        return f"{where}: lat/lon are not numbers; row skipped"
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return f"{where}: lat/lon out of range; row skipped"
    got = _side_and_date(row.get("side"), row.get("date"), where, start)
    if isinstance(got, _Problem):
        return f"{got.line}; row skipped" if got.skipped else got.line
    side, when = got
    name = row.get("place") or row.get("name") or f"{lat:.4f},{lon:.4f}"
    return _obs(f"baseline:{path.stem}:{n}", name, lon, lat, side, when)


def _from_vector(path: Path, start: date | None) -> tuple[list[ControlObservation], list[str]]:

    try:
        frame = _read_vector(path)
    except Exception as err:  # noqa: BLE001 - GDAL raises many kinds; report it, one line
        return [], [f"{path}: cannot be read ({str(err).splitlines()[0]})"]
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    out: list[ControlObservation] = []
    problems: list[str] = []
    if "side" not in frame.columns:
        return [], [f"{path}: no 'side' property"]
    for n, row in enumerate(frame.itertuples(index=False), start=1):
        where = f"{path}: feature {n}"
        geom = row.geometry
        if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(f"{where}: not a polygon; skipped")
            continue
        minx, miny, maxx, maxy = geom.bounds  # NaN fails every comparison: skipped too
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            problems.append(f"{where}: coordinates outside lon/lat bounds; skipped")
            continue
        got = _side_and_date(row.side, getattr(row, "date", None), where, start)
        if isinstance(got, _Problem):
            problems.append(f"{got.line}; skipped" if got.skipped else got.line)
            continue
        side, when = got
        for k, (lon, lat) in enumerate(polygon_points(geom)):
            out.append(
                _obs(f"baseline:{path.stem}:{n}:{k}", f"{side} baseline", lon, lat, side, when)
            )
    return out, problems


def _read_vector(path: Path) -> Any:
    """The features of ``path``; date fields read as text when one holds an impossible date.

    GDAL keeps "2019-02-30" in a date field, and reading the layer raises ValueError on it:
    the whole file was lost for one feature. As text, that feature alone is reported.
    """
    import pyogrio

    try:
        with warnings.catch_warnings():  # a bad date in a GeoPackage: its text, and a warning
            warnings.simplefilter("ignore", UserWarning)
            return pyogrio.read_dataframe(path)
    except ValueError:
        info = pyogrio.read_info(path)
        columns = []
        for name, dtype in zip(info["fields"], info["dtypes"], strict=True):
            quoted = '"' + str(name).replace('"', '""') + '"'
            text = str(dtype).startswith("datetime")
            columns.append(f"CAST({quoted} AS CHARACTER(64)) AS {quoted}" if text else quoted)
        layer = '"' + str(info["layer_name"]).replace('"', '""') + '"'
        sql = f"SELECT {', '.join(columns) or '*'} FROM {layer}"
        return pyogrio.read_dataframe(path, sql=sql, sql_dialect="OGRSQL")


def polygon_points(geom: BaseGeometry) -> list[tuple[float, float]]:
    """Evidence points of a lon/lat polygon: its boundary and an inside grid, as (lon, lat)."""
    lat0 = shapely.centroid(geom).y
    kx = 111.32 * math.cos(math.radians(lat0))
    area_km2 = geom.area * kx * 111.32
    perim_km = geom.length * 0.5 * (kx + 111.32)
    spacing = SPACING_KM
    while (area_km2 / spacing**2 + perim_km / spacing) > MAX_POINTS:
        spacing *= 1.25
    boundary = shapely.segmentize(geom.boundary, spacing / 111.32)
    pts = [tuple(c) for c in shapely.get_coordinates(boundary)]
    minx, miny, maxx, maxy = geom.bounds
    xs = np.arange(minx + spacing / kx / 2, maxx, spacing / kx)
    ys = np.arange(miny + spacing / 111.32 / 2, maxy, spacing / 111.32)
    if len(xs) and len(ys):
        gx, gy = np.meshgrid(xs, ys)
        grid = shapely.points(gx.ravel(), gy.ravel())
        inside = shapely.contains(geom, grid)
        pts.extend(zip(gx.ravel()[inside].tolist(), gy.ravel()[inside].tolist(), strict=True))
    if not pts:
        p = geom.representative_point()
        pts = [(p.x, p.y)]
    return list(dict.fromkeys((round(x, 5), round(y, 5)) for x, y in pts))


def _obs(key: str, name: str, lon: float, lat: float, side: str, when: date) -> ControlObservation:
    return ControlObservation(
        key=key,
        name=name,
        lon=lon,
        lat=lat,
        side=side,
        date=when,
        kind="baseline",
        weight=BASELINE_WEIGHT,
        confidence=0.9,
        event_id=key,
        order=-1,
    )
