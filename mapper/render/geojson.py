"""RFC 7946 GeoJSON files through pyogrio (GDAL): lon/lat, WGS84, no ``crs``, CCW rings.

GDAL's GeoJSON driver with ``RFC7946=YES`` writes WGS84 (lon, lat) without a ``crs`` member,
rewinds exterior rings counter-clockwise, and with ``COORDINATE_PRECISION=6`` keeps at most six
decimals (about 0.1 m). Rows keep the frames' deterministic order, so identical inputs give
byte-identical files.

Text that is a JSON array or object (a fused event's ``reports``, ``killed``) is written as
native JSON: GDAL's ``AUTODETECT_JSON_STRINGS`` (default YES), which GDAL/pyogrio read back as a
JSON field. It applies to every text column, so an article's title or sentence that is itself
valid JSON such as ``[1, 2]`` would be written as an array too (known; not handled here).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio

__all__ = ["write_geojson"]


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """Write ``frame`` to ``path`` as an RFC 7946 FeatureCollection and return the path.

    An existing file is replaced. An empty frame gives an empty FeatureCollection.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
    pyogrio.write_dataframe(
        frame,
        path,
        driver="GeoJSON",
        RFC7946="YES",
        COORDINATE_PRECISION=6,
        WRITE_NAME="NO",
    )
    return path
