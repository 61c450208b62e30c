"""Outputs: the folium map, RFC 7946 GeoJSON files, the GeoPackage store and unresolved.csv.

The map, ``events.geojson`` and the GeoPackage's ``fused_events`` layer hold fused events
(:func:`fused_frame`); :func:`events_frame` is every article's events.
"""

from mapper.render.frame import (
    articles_frame,
    events_frame,
    frontline_frame,
    fused_frame,
    mentions_frame,
    uncertainty_frame,
)
from mapper.render.geojson import write_geojson
from mapper.render.html import build_map
from mapper.render.outputs import OutputError, OutputSummary, unresolved_rows, write_outputs

__all__ = [
    "OutputError",
    "OutputSummary",
    "articles_frame",
    "build_map",
    "events_frame",
    "frontline_frame",
    "fused_frame",
    "mentions_frame",
    "uncertainty_frame",
    "unresolved_rows",
    "write_geojson",
    "write_outputs",
]
