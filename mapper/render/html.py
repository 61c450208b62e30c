"""The folium map: OSM base, a layer per event kind, places, estimated zones and front line.

Design
------
* One marker per fused event (:mod:`mapper.fusion`); a fused event's row carries its reports
  (outlet, title, url, date, date phrase, evidence), which its popup lists.
* Events are embedded once as compact JSON rows (repeated strings interned in a table) and
  turned into markers by :data:`mapper.render.script.APP_JS`; popups are built on click with
  ``textContent``, so hostile article text never becomes markup. Titles and the legend are
  ``html.escape``-d in Python.
* Above :data:`CANVAS_ABOVE` events there are no marker objects: positions, days, types and
  sides are typed columns (base64), drawn on canvas tiles aggregated per 8-pixel cell at every
  zoom; the popup rows are an inert JSON block parsed on the first click, which picks the
  nearest event (``benchmarks/bench_map.py`` measures the 100k-event map in Chromium).
* Above :data:`COMPACT_ABOVE` events the map is "compact": evidence quotes are cut to
  :data:`COMPACT_EVIDENCE_CHARS` characters (the popup says so; ``events.geojson`` keeps them
  whole), which keeps a 100k-event map under 20 MB in one self-contained file that opens from
  ``file://`` (a sidecar fetched by ``fetch`` would not).
* A Leaflet.TimeDimension slider steps through every date with an event or a front-line
  snapshot; moving it swaps the zones and the line to the latest snapshot on or before that
  date, and shows only the events dated on or before it (undated ones always).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import folium
import geopandas as gpd
import shapely
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from mapper.frontline import (
    FrontSnapshot,
    estimate_front_from_observations,
    observations_from_records,
    record_float,
    record_str,
)
from mapper.fusion import fuse_events
from mapper.geometry import bearing_of, direction_halfwidth, distance_bounds
from mapper.model import ArticleExtraction
from mapper.render.columns import EventColumns
from mapper.render.frame import _is_miles, _is_near, fused_frame
from mapper.render.layers import (
    EVENT_LAYERS,
    EXTRA_LAYERS,
    OTHER_SIDE,
    SIDE_STYLES,
    UNKNOWN_AREA,
    LayerSpec,
)
from mapper.render.polyline import encode_lines, encode_polygons
from mapper.render.safe import escape, safe_url, script_json
from mapper.render.script import APP_JS

__all__ = ["CANVAS_ABOVE", "COMPACT_ABOVE", "build_map", "map_payload"]

#: Draw events on canvas tiles from typed columns when a map has more events than this.
CANVAS_ABOVE = 2000
#: Shorten evidence quotes when a map has more events than this.
COMPACT_ABOVE = 20000
COMPACT_EVIDENCE_CHARS = 60
# Zones and lines are drawn simplified (about 50 m) with 4 decimals (about 10 m): the estimate is
# far coarser than that, and a map with hundreds of snapshots stays small.
_FRONT_SIMPLIFY_DEG = 0.0005

_FIELDS = (
    "id",
    "type",
    "side",
    "date",
    "place",
    "place_name",
    "place_id",
    "lon",
    "lat",
    "confidence",
    "evidence",
    "source",
    "url",
    "title",
    "actor",
    "date_text",
    "date_end",
    "anchor_lon",
    "anchor_lat",
    "distance_km",
    "direction",
    "dlo",
    "dhi",
    "bearing",
    "halfwidth",
    "killed",
    "superseded_on",
    "superseded_side",
    "superseded_how",
    "claim",
    "corroboration",
    "reports",
)  # rare fields last: each row's trailing nulls are dropped
_RAW = {
    "id",
    "evidence",
    "lon",
    "lat",
    "anchor_lon",
    "anchor_lat",
    "distance_km",
    "dlo",
    "dhi",
    "bearing",
    "halfwidth",
    "confidence",
    "claim",
    "corroboration",
    "reports",
}
#: What a fused event's popup lists per report (``reports`` rows: these interned, then evidence).
_REPORT_FIELDS = ("source", "title", "url", "date", "date_text")
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_INTERNED = tuple(f for f in _FIELDS if f not in _RAW)
# canvas rows: position, day, type and side live in the typed columns, and an article's
# source, url and title are one index into the "articles" table
_ARTICLE_FIELDS = ("source", "url", "title")
_CANVAS_FIELDS = tuple(
    "article" if f == "source" else f
    for f in _FIELDS
    if f not in ("lon", "lat", "type", "side", "date", "url", "title")
)

_TIME_JS = [
    ("iso8601", "https://cdn.jsdelivr.net/npm/iso8601-js-period@0.2.1/iso8601.min.js"),
    (
        "leaflet.timedimension",
        "https://cdn.jsdelivr.net/npm/leaflet-timedimension@1.1.1/dist/leaflet.timedimension.min.js",
    ),
]
_TIME_CSS = [
    (
        "leaflet.timedimension_css",
        "https://cdn.jsdelivr.net/npm/leaflet-timedimension@1.1.1/dist/leaflet.timedimension.control.css",
    )
]

# title and legend sit above markers (600) and below popups (700) and controls (800+)
_CSS = """
<style>
.fl-popup { font: 13px/1.35 system-ui, sans-serif; max-width: 360px; }
.fl-popup-title { font-weight: 600; text-transform: capitalize; margin-bottom: 4px; }
.fl-popup-table th { text-align: left; padding-right: 8px; vertical-align: top; color: #555;
  font-weight: 500; white-space: nowrap; }
.fl-evidence { margin: 6px 0; padding-left: 8px; border-left: 3px solid #999; font-style: italic; }
.fl-note { color: #8a6d3b; font-size: 11px; }
.fl-source { font-size: 12px; color: #333; }
.fl-reports { margin: 4px 0 0; padding-left: 18px; font-size: 12px; max-height: 220px;
  overflow-y: auto; }
.fl-reports li { margin-bottom: 4px; }
.fl-report-evidence { font-style: italic; color: #444; }
.fl-claim { color: #b71c1c; font-weight: 600; }
.fl-superseded { color: #6d4c41; font-weight: 600; }
.fl-title-box { position: fixed; top: 10px; left: 50%; transform: translateX(-50%); z-index: 650;
  background: rgba(255,255,255,0.92); padding: 6px 14px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 15px system-ui, sans-serif; text-align: center; }
.fl-title-box small { display: block; color: #555; font-size: 12px; }
.fl-legend { position: fixed; bottom: 30px; right: 10px; z-index: 650; background: white;
  padding: 8px 10px; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3);
  font: 12px/1.5 system-ui, sans-serif; max-width: 260px; }
.fl-legend i.sw { display: inline-block; width: 12px; height: 12px; margin-right: 6px;
  vertical-align: -1px; border-radius: 2px; }
.fl-legend .ln { display: inline-block; width: 22px; border-top: 3px dashed #111;
  margin-right: 6px; vertical-align: 3px; }
</style>
"""


class _DataLayer(Layer):
    """An empty ``L.featureGroup`` the app script fills; listed in the layer control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.featureGroup();
        {% endmacro %}
        """
    )

    def __init__(self, spec: LayerSpec) -> None:
        super().__init__(name=spec.label, overlay=True, control=True, show=spec.show)
        self._name = "FrontlineLayer"
        self.spec = spec


class _App(JSCSSMixin, MacroElement):
    """The script that fills the data layers and runs the time slider."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.code }}
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict[str, Any], layers: dict[str, _DataLayer]) -> None:
        super().__init__()
        self._name = "FrontlineApp"
        self.payload = payload
        self.layers = layers
        self.default_js = list(_TIME_JS)
        self.default_css = list(_TIME_CSS)

    @property
    def code(self) -> str:
        groups = (
            "{"
            + ",".join(
                f"{json.dumps(key)}: {layer.get_name()}" for key, layer in self.layers.items()
            )
            + "}"
        )
        return (
            APP_JS.replace("__DATA__", script_json(self.payload))
            .replace("__MAP__", self._parent.get_name())  # type: ignore[union-attr]
            .replace("__GROUPS__", groups)
        )


class _Html(MacroElement):
    """Fixed HTML (title, legend) in the page body; the caller escapes every variable part."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        {{ this.markup }}
        {% endmacro %}
        """
    )

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "FrontlineHtml"
        self.markup = markup


def _killed_text(value: Any) -> str | None:
    text = record_str(value)
    if not text:
        return None
    try:
        killed = json.loads(text) if isinstance(value, str) else dict(value)
    except (ValueError, TypeError):
        return text
    return ", ".join(f"{side} {n}" for side, n in sorted(killed.items()))


def _shorten(text: str, compact: bool) -> str:
    """``text``, cut to :data:`COMPACT_EVIDENCE_CHARS` on a compact map."""
    if compact and len(text) > COMPACT_EVIDENCE_CHARS:
        return text[: COMPACT_EVIDENCE_CHARS - 1].rstrip() + "\u2026"
    return text


def _reports(value: Any, compact: bool) -> list[dict[str, Any]] | None:
    """A fused event's reports (the ``reports`` JSON text) for its popup; None for one report."""
    text = record_str(value)
    if not text:
        return None
    try:
        reports = json.loads(text)
    except ValueError:
        return None
    if not isinstance(reports, list) or len(reports) < 2:
        return None
    out = []
    for rep in reports:
        if not isinstance(rep, dict):
            continue
        row = {f: record_str(rep.get(f)) for f in _REPORT_FIELDS}
        row["url"] = safe_url(row["url"])
        row["evidence"] = _shorten(record_str(rep.get("evidence")) or "", compact)
        out.append(row)
    return out


def _report_row(
    rep: dict[str, Any], shown: str, intern: Callable[[str | None], int | None]
) -> list[Any]:
    """A report's interned fields, then its evidence unless the popup already quotes it.

    The popup skips a report's evidence equal to the event's (one report of one event, the
    most common case): leaving it out halves the evidence a large map carries.
    """
    out: list[Any] = [intern(rep[f]) for f in _REPORT_FIELDS]
    if rep["evidence"] and rep["evidence"] != shown:
        out.append(rep["evidence"])
    return out


def _fusion_fields(rec: dict[str, Any], compact: bool) -> dict[str, Any]:
    """Popup fields of a fused event: outlets, claim, reversal and reports (None when absent).

    ``corroboration`` is None for one outlet (the popup reads it as 1, a claim), ``claim`` is 1
    only for a claim by several outlets (one side's media).
    """
    count = record_float(rec.get("corroboration"))
    several = count is not None and count > 1
    claim = rec.get("claim")
    return {
        "corroboration": int(count) if several and count is not None else None,
        "claim": 1 if several and claim is not None and bool(claim) else None,
        "superseded_on": record_str(rec.get("superseded_on")),
        "superseded_side": record_str(rec.get("superseded_side")),
        "superseded_how": record_str(rec.get("superseded_how")),
        "reports": _reports(rec.get("reports"), compact),
    }


def _event_row(rec: dict[str, Any], compact: bool) -> dict[str, Any]:
    dist = record_float(rec.get("distance_km"))
    direction = record_str(rec.get("direction"))
    dlo = dhi = bearing = half = None
    if dist is not None:
        dlo, dhi = distance_bounds(dist, miles=_is_miles(rec.get("distance_text")))
        if direction:
            try:
                bearing, half = bearing_of(direction), direction_halfwidth(direction)
            except ValueError:
                bearing = half = None
    elif _is_near(rec.get("distance_text")):
        dlo, dhi = 1.0, 3.0
    evidence = _shorten(record_str(rec.get("evidence")) or "", compact)
    digits = 4 if compact else 5
    # the anchor matters only for a reported distance (the sector and the line to the place)
    anchored = dhi is not None
    return {
        "id": record_str(rec.get("id")),
        "type": record_str(rec.get("type")),
        "side": record_str(rec.get("side")),
        "actor": record_str(rec.get("actor")),
        "date": record_str(rec.get("date")),
        "date_end": record_str(rec.get("date_end")),
        "date_text": record_str(rec.get("date_text")),
        "place": record_str(rec.get("place")),
        "place_name": record_str(rec.get("place_name")),
        "place_id": record_str(rec.get("place_id")),
        "lon": record_float(rec.get("lon"), digits),
        "lat": record_float(rec.get("lat"), digits),
        "anchor_lon": record_float(rec.get("anchor_lon"), digits) if anchored else None,
        "anchor_lat": record_float(rec.get("anchor_lat"), digits) if anchored else None,
        "distance_km": dist,
        "direction": direction,
        "dlo": record_float(dlo, 3),
        "dhi": record_float(dhi, 3),
        "bearing": bearing,
        "halfwidth": half,
        "killed": _killed_text(rec.get("killed")),
        "confidence": record_float(rec.get("confidence"), 3),
        "evidence": evidence,
        "source": record_str(rec.get("source")),
        "url": safe_url(record_str(rec.get("url"))),
        "title": record_str(rec.get("title")),
        **_fusion_fields(rec, compact),
    }


def _day_ms(iso_day: str) -> int:
    """Milliseconds since 1970-01-01T00:00Z of an ISO day (what the time control counts in)."""
    return (date.fromisoformat(iso_day[:10]).toordinal() - _EPOCH_ORDINAL) * 86_400_000


def _front_payload(snapshots: Sequence[FrontSnapshot]) -> dict[str, Any]:
    """Per snapshot: date, counts, zones/line and the unknown area as encoded polylines.

    The unknown area changes only when the evidence reaches farther: each distinct one is in
    ``unknowns`` once, and a snapshot holds its index.
    """
    times, snaps = [], []
    unknowns: dict[str, int] = {}
    for snap in snapshots:
        zones = []
        for side, zone in sorted(snap.zones.items()):
            geom = shapely.simplify(zone, _FRONT_SIMPLIFY_DEG, preserve_topology=True)
            conf = snap.side_confidence.get(side, snap.confidence)
            zones.append([side, encode_polygons(geom), conf])
        line = None
        if snap.line is not None:
            line = encode_lines(shapely.simplify(snap.line, _FRONT_SIMPLIFY_DEG))
        unknown = None
        if snap.unknown is not None and not snap.unknown.is_empty:
            geom = shapely.simplify(snap.unknown, _FRONT_SIMPLIFY_DEG, preserve_topology=True)
            unknown = unknowns.setdefault(json.dumps(encode_polygons(geom)), len(unknowns))
        times.append(_day_ms(snap.date.isoformat()))
        snaps.append(
            {
                "date": snap.date.isoformat(),
                "observations": snap.observations,
                "confidence": snap.confidence,
                "note": snap.note,
                "zones": zones,
                "line": line,
                "unknown": unknown,
            }
        )
    return {"times": times, "snaps": snaps, "unknowns": [json.loads(u) for u in unknowns]}


def _places_payload(extractions: Sequence[ArticleExtraction]) -> list[list[Any]]:
    places: dict[str, dict[str, Any]] = {}
    for ext in extractions:
        for m in ext.mentions:
            if m.place is None:
                continue
            entry = places.setdefault(
                m.place.id,
                {
                    "lon": m.place.lon,
                    "lat": m.place.lat,
                    "name": m.place.name,
                    "n": 0,
                    "surfaces": set(),
                },
            )
            entry["n"] += 1
            entry["surfaces"].add(m.surface)
    out = []
    for pid in sorted(places):
        p = places[pid]
        surfaces = sorted(p["surfaces"])
        written = "; ".join(surfaces[:8]) + ("; \u2026" if len(surfaces) > 8 else "")
        out.append([round(p["lon"], 5), round(p["lat"], 5), p["name"], p["n"], written, pid])
    return out


def map_payload(
    events: gpd.GeoDataFrame,
    snapshots: Sequence[FrontSnapshot],
    places: list[list[Any]] | None = None,
) -> dict[str, Any]:
    """The JSON the map's script reads: interned event rows, styles, places, front snapshots.

    Above :data:`CANVAS_ABOVE` events, ``canvas`` is true: positions, days, types and sides go
    into typed columns (`mapper.render.columns`) the script draws on canvas tiles, and the rows
    (without coordinates) go under ``rows``, which `build_map` embeds as an inert JSON block
    parsed on the first click.
    """
    n = len(events)
    compact = n > COMPACT_ABOVE
    canvas = n > CANVAS_ABOVE
    fields = _CANVAS_FIELDS if canvas else _FIELDS
    strings: list[str] = []
    index: dict[str, int] = {}

    def intern(value: str | None) -> int | None:
        if value is None:
            return None
        if value not in index:
            index[value] = len(strings)
            strings.append(value)
        return index[value]

    front = _front_payload(snapshots)
    event_days: set[str] = set()
    rows = []
    columns = EventColumns()
    articles: dict[tuple[int | None, ...], int] = {}
    for rec in events.drop(columns="geometry").to_dict("records"):
        if record_str(rec.get("date")):
            event_days.add(str(rec["date"])[:10])
        row = _event_row(rec, compact)
        if row["reports"] is not None:
            row["reports"] = [_report_row(rep, row["evidence"], intern) for rep in row["reports"]]
        if canvas:
            if row["lat"] is None or row["lon"] is None:
                continue
            columns.add(row)
            key = tuple(intern(row[f]) for f in _ARTICLE_FIELDS)
            row["article"] = articles.setdefault(key, len(articles))
        values = [intern(row[f]) if f in _INTERNED else row[f] for f in fields]
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    return {
        "fields": list(fields),
        "interned": list(_INTERNED),
        "strings": strings,
        "events": [] if canvas else rows,
        "canvas": canvas,
        "compact": compact,
        "fused": "corroboration" in events.columns,
        **(
            {
                "rows": rows,
                "cols": columns.payload(),
                "sectors": columns.sectors,
                "articles": [list(key) for key in articles],
            }
            if canvas
            else {}
        ),
        "layers": [
            {
                "key": s.key,
                "label": s.label,
                "types": list(s.types),
                "marker": s.marker,
                "icon": s.icon,
                "color": s.color,
            }
            for s in EVENT_LAYERS
        ],
        "sides": {
            k: {"label": v.label, "color": v.color, "marker": v.marker_color}
            for k, v in SIDE_STYLES.items()
        },
        "otherSide": {
            "label": OTHER_SIDE.label,
            "color": OTHER_SIDE.color,
            "marker": OTHER_SIDE.marker_color,
        },
        "unknownArea": {"label": UNKNOWN_AREA.label, "color": UNKNOWN_AREA.color},
        "places": places or [],
        "front": front,
        "times": sorted(set(front["times"]) | {_day_ms(d) for d in event_days}),
    }


def _title_markup(title: str | None, events: gpd.GeoDataFrame) -> str:
    dates = sorted(d for d in events["date"].dropna().tolist() if d) if len(events) else []
    span = f"{dates[0]} \u2013 {dates[-1]}" if dates else "no dated events"
    head = title or "frontline: events and estimated front line"
    return (
        f'<div class="fl-title-box" id="fl-title">{escape(head)}'
        f"<small>{escape(span)} \u00b7 {len(events)} events</small></div>"
    )


def _legend_markup(events: gpd.GeoDataFrame, snapshots: Sequence[FrontSnapshot]) -> str:
    sides = (
        sorted(
            {s for s in events["side"].dropna().tolist()}
            | {s for sn in snapshots for s in sn.zones}
        )
        if len(events) or snapshots
        else []
    )
    items = []
    for side in sides:
        st = SIDE_STYLES.get(side, OTHER_SIDE)
        label = st.label if side in SIDE_STYLES else f"{side} (other)"
        items.append(f'<div><i class="sw" style="background:{st.color}"></i>{escape(label)}</div>')
    kinds = [
        f'<div><i class="sw" style="background:{spec.color}"></i>{escape(spec.label)}</div>'
        for spec in EVENT_LAYERS
    ]
    return (
        '<div class="fl-legend" id="fl-legend"><b>Sides</b>'
        + "".join(items or ["<div>none</div>"])
        + "<b>Event layers</b>"
        + "".join(kinds)
        + '<div><span class="ln"></span>Front line (estimated)</div>'
        + (
            f'<div><i class="sw fl-unknown-sw" style="background:{UNKNOWN_AREA.color}"></i>'
            f"{escape(UNKNOWN_AREA.label)}</div>"
            if any(s.unknown is not None and not s.unknown.is_empty for s in snapshots)
            else ""
        )
        + "<div style='color:#555'>Zones and line are estimates from the reported captures "
        "(Voronoi cells of last-known control); dashed sectors show the uncertainty of reported "
        "distances.</div></div>"
    )


def build_map(
    source: Sequence[ArticleExtraction] | gpd.GeoDataFrame,
    *,
    title: str | None = None,
    snapshots: Sequence[FrontSnapshot] | None = None,
    events: gpd.GeoDataFrame | None = None,
) -> folium.Map:
    """A folium map of extractions (or of an events frame from :func:`fused_frame`).

    One marker per fused event (:mod:`mapper.fusion`): its popup lists every report's outlet,
    article, date phrase and evidence, how many outlets report it, "claim" when one outlet (or
    one side's media) alone does, and when a later capture by another side superseded it.

    Parameters
    ----------
    source
        Article extractions, or an events GeoDataFrame (then no "places mentioned" layer): a
        :func:`fused_frame`, or :func:`events_frame` for one marker per article's event.
    title
        Map title (escaped); the date range of the events is added below it.
    snapshots
        Front-line snapshots; estimated from the events when None.
    events
        The extractions' fused events frame when the caller has it already.
    """
    places = None
    if isinstance(source, gpd.GeoDataFrame):
        events = source
    else:
        extractions = list(source)
        if events is None:
            events = fused_frame(fuse_events(e for x in extractions for e in x.events))
        places = _places_payload(extractions)
    if snapshots is None:
        records = events.drop(columns="geometry").to_dict("records") if len(events) else []
        snapshots = estimate_front_from_observations(observations_from_records(records))
    fmap = folium.Map(
        location=(35.5, 36.7), zoom_start=8, tiles="OpenStreetMap", control_scale=True
    )
    fmap.get_root().header.add_child(  # type: ignore[attr-defined]
        folium.Element(_CSS), name="frontline_css"
    )
    layers: dict[str, _DataLayer] = {}
    present = set(events["type"].tolist()) if len(events) else set()
    for spec in EVENT_LAYERS:
        if present & set(spec.types):
            layers[spec.key] = _DataLayer(spec)
    if places:
        layers["places"] = _DataLayer(EXTRA_LAYERS[0])
    if snapshots:
        layers["zones"] = _DataLayer(EXTRA_LAYERS[1])
        if any(s.line is not None for s in snapshots):
            layers["front"] = _DataLayer(EXTRA_LAYERS[2])
    for layer in layers.values():
        layer.add_to(fmap)
    payload = map_payload(events, snapshots, places)
    rows = payload.pop("rows", None)
    _App(payload, layers).add_to(fmap)
    if rows is not None:  # inert until the first click builds a popup
        _Html(f'<script type="application/json" id="fl-rows">{script_json(rows)}</script>').add_to(
            fmap
        )
    _Html(_title_markup(title, events)).add_to(fmap)
    _Html(_legend_markup(events, snapshots)).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    bounds = _bounds(events, places)
    if bounds:
        fmap.fit_bounds(bounds, padding=(20, 20))
    return fmap


def _bounds(events: gpd.GeoDataFrame, places: list[list[Any]] | None) -> list[list[float]] | None:
    lons = [float(v) for v in events["lon"].tolist()] if len(events) else []
    lats = [float(v) for v in events["lat"].tolist()] if len(events) else []
    if not lons and places:
        lons = [p[0] for p in places]
        lats = [p[1] for p in places]
    if not lons:
        return None
    # folium wants [[lat, lon], [lat, lon]]: lat first here
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
