"""Tables of what was extracted: events, mentions, articles, uncertainty shapes, front lines.

Every frame is a :class:`geopandas.GeoDataFrame` in EPSG:4326 with (lon, lat) geometries, rows in
a deterministic order (identical inputs give identical frames, hence byte-identical files), and
dates as ISO 8601 strings. Rendering reads these frames; it never parses article text.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Point

from mapper.frontline import FrontSnapshot, is_missing, normalise_side
from mapper.fusion import FusedEvent, Reversal, superseded
from mapper.geometry import bearing_of, direction_halfwidth, distance_bounds, project, sector_for
from mapper.model import ArticleExtraction, Event, Mention

__all__ = [
    "EVENT_COLUMNS",
    "FUSED_COLUMNS",
    "articles_frame",
    "event_record",
    "events_frame",
    "fused_frame",
    "fused_records_frame",
    "frontline_frame",
    "mention_id",
    "mentions_frame",
    "uncertainty_frame",
]

CRS = "EPSG:4326"

#: Columns of the events frame, in order: every ``Event.to_dict()`` field plus derived ones.
EVENT_COLUMNS: tuple[str, ...] = (
    "id",
    "article_id",
    "type",
    "actor",
    "side",
    "place",
    "place_name",
    "place_id",
    "lat",
    "lon",
    "anchor_lat",
    "anchor_lon",
    "date",
    "date_end",
    "date_text",
    "date_precision",
    "date_basis",
    "distance_km",
    "distance_text",
    "direction",
    "killed",
    "killed_total",
    "confidence",
    "reason",
    "evidence",
    "start",
    "end",
    "source",
    "url",
    "title",
    "published",
)

#: Columns a fused event adds (``events.geojson``, the map): its outlets and every report.
FUSION_COLUMNS: tuple[str, ...] = (
    "corroboration",
    "claim",
    "sources",
    "report_count",
    "reports",
    "superseded_by",
    "superseded_on",
    "superseded_side",
    "superseded_how",
)
#: Columns of the fused events frame: the representative report's, then the fusion's.
FUSED_COLUMNS: tuple[str, ...] = EVENT_COLUMNS + FUSION_COLUMNS

_STRING_COLUMNS = {
    "sources",
    "reports",
    "superseded_by",
    "superseded_on",
    "superseded_side",
    "superseded_how",
    "id",
    "article_id",
    "type",
    "actor",
    "side",
    "place",
    "place_name",
    "place_id",
    "date",
    "date_end",
    "date_text",
    "date_precision",
    "date_basis",
    "distance_text",
    "direction",
    "killed",
    "reason",
    "evidence",
    "source",
    "url",
    "title",
    "published",
}


def _is_miles(text: str | None) -> bool:
    return bool(text) and "mile" in str(text).lower()


def _is_near(text: str | None) -> bool:
    low = str(text or "").lower()
    return "outskirt" in low or low.startswith("near") or " near " in f" {low} "


def event_record(event: Event) -> dict[str, Any]:
    """The flat record of one event: ``Event.to_dict()`` plus ``side`` and ``killed_total``.

    A reported distance with a compass direction and a resolved anchor is projected here
    (:func:`mapper.geometry.project`), so ``lat``/``lon`` is the reported position even when the
    extractor left it at the anchor or empty. ``killed`` becomes a JSON string (one column type).
    """
    rec = event.to_dict()
    rec["side"] = normalise_side(event.actor)
    killed = {str(k): int(v) for k, v in sorted(event.killed.items())}
    rec["killed"] = json.dumps(killed, sort_keys=True) if killed else None
    rec["killed_total"] = sum(killed.values()) if killed else None
    alon, alat = rec["anchor_lon"], rec["anchor_lat"]
    dist, direction = event.distance_km, event.direction
    if dist is not None and direction and alon is not None and alat is not None:
        # an unknown direction keeps the extractor's point; the sector is skipped too
        with contextlib.suppress(ValueError):
            rec["lon"], rec["lat"] = project(alon, alat, float(dist), bearing_of(direction))
    for col in ("lat", "lon", "anchor_lat", "anchor_lon"):
        if rec[col] is not None:
            rec[col] = round(float(rec[col]), 6)
    return {col: rec.get(col) for col in EVENT_COLUMNS}


def _sort_key(rec: dict[str, Any]) -> tuple[str, str, int, str, str]:
    return (
        rec["date"] or "9999-99-99",
        rec["article_id"],
        rec["start"] or 0,
        rec["type"],
        rec["id"],
    )


#: The dtype ``_frame`` gives a text column: object, missing values as None (never NaN).
_TEXT = "text"


def _frame(
    records: list[dict[str, Any]],
    columns: Sequence[str],
    geoms: list[Any],
    dtypes: Mapping[str, str] | None = None,
) -> gpd.GeoDataFrame:
    """A GeoDataFrame of ``records``: the known string columns as text, then ``dtypes``."""
    df = pd.DataFrame.from_records(records, columns=list(columns))
    types = {col: _TEXT for col in columns if col in _STRING_COLUMNS} | dict(dtypes or {})
    for col, dtype in types.items():
        if dtype == _TEXT:
            df[col] = df[col].astype(object).where(df[col].notna(), None)
        else:
            df[col] = df[col].astype(dtype)
    return gpd.GeoDataFrame(df, geometry=geoms, crs=CRS)


def _extractions(items: Iterable[ArticleExtraction]) -> list[ArticleExtraction]:
    return list(items)


def events_frame(extractions: Iterable[ArticleExtraction]) -> gpd.GeoDataFrame:
    """One row per located event (lon/lat known), every event field a column, sorted by date.

    Events that could not be placed are not rows here: :func:`mapper.render.write_outputs` lists
    them in ``unresolved.csv``.
    """
    records = []
    for ext in _extractions(extractions):
        for ev in ext.events:
            rec = event_record(ev)
            if rec["lat"] is None or rec["lon"] is None:
                continue
            records.append(rec)
    records.sort(key=_sort_key)
    geoms = [Point(r["lon"], r["lat"]) for r in records]
    floats = ("lat", "lon", "anchor_lat", "anchor_lon", "distance_km", "confidence")
    dtypes = {"start": "int64", "end": "int64", "killed_total": "Int64"}
    return _frame(records, EVENT_COLUMNS, geoms, dtypes | dict.fromkeys(floats, "float64"))


def fusion_fields(fused: FusedEvent[Any], reversal: Reversal | None) -> dict[str, Any]:
    """The :data:`FUSION_COLUMNS` of a fused event (its reports, outlets and any reversal)."""
    return {
        "corroboration": fused.corroboration,
        "claim": fused.claim,
        "sources": "; ".join(fused.outlets),
        "report_count": len(fused.reports),
        "reports": json.dumps(fused.report_records(), ensure_ascii=False, sort_keys=True),
        "superseded_by": reversal.by if reversal else None,
        "superseded_on": reversal.date.isoformat() if reversal else None,
        "superseded_side": reversal.side if reversal else None,
        "superseded_how": reversal.how or None if reversal else None,
    }


def fused_record(fused: FusedEvent[Event], reversal: Reversal | None = None) -> dict[str, Any]:
    """The flat record of a fused event: its representative's, its id, outlets and reports.

    ``reports`` is a JSON array (text; GDAL writes it into GeoJSON as a native array) of
    :meth:`FusedEvent.report_records`; ``sources`` the outlets joined by "; ". ``reversal`` is a
    :class:`mapper.fusion.Reversal` of this event, if any.
    """
    rec = event_record(fused.event)
    rec["id"] = fused.id
    rec["confidence"] = max(r.confidence for r in fused.reports)
    rec.update(fusion_fields(fused, reversal))
    return rec


def fused_frame(
    fused: Sequence[FusedEvent[Event]], denied: Iterable[Event] = ()
) -> gpd.GeoDataFrame:
    """One row per located fused event (:func:`mapper.fusion.fuse_events`), sorted by date.

    The columns are :data:`FUSED_COLUMNS`: the representative report's fields (the earliest, then
    the most confident report), its fused ``id``, and who reports it; a capture reversed later by
    another side, or a claim ``denied`` (``ArticleExtraction.denials``), carries
    ``superseded_by``/``superseded_on``/``superseded_how`` (and ``superseded_side`` for a capture
    taken back).
    """
    reversed_by = superseded(fused, denied)
    return fused_records_frame([fused_record(f, reversed_by.get(f.id)) for f in fused])


def _cell(value: Any) -> Any:
    """A record's cell with a frame's missing value (NaN, ``pd.NA``) as None."""
    if value is None or isinstance(value, (str, list, dict)):
        return value
    return None if pd.isna(value) else value


def fused_records_frame(records: Iterable[dict[str, Any]]) -> gpd.GeoDataFrame:
    """The frame of :data:`FUSED_COLUMNS` records: the located ones, sorted by date."""
    records = [
        {col: _cell(rec.get(col)) for col in FUSED_COLUMNS}
        for rec in records
        if not is_missing(rec.get("lat")) and not is_missing(rec.get("lon"))
    ]
    records.sort(key=_sort_key)
    geoms = [Point(r["lon"], r["lat"]) for r in records]
    floats = ("lat", "lon", "anchor_lat", "anchor_lon", "distance_km", "confidence")
    ints = {"start": "int64", "end": "int64", "killed_total": "Int64"}
    dtypes = ints | {"corroboration": "int64", "report_count": "int64", "claim": "bool"}
    return _frame(records, FUSED_COLUMNS, geoms, dtypes | dict.fromkeys(floats, "float64"))


def mention_id(mention: Mention) -> str:
    """Stable id of a mention: article id and character span."""
    return f"{mention.article_id}:{mention.start}-{mention.end}"


MENTION_COLUMNS = (
    "id",
    "article_id",
    "surface",
    "start",
    "end",
    "role",
    "cue",
    "place_id",
    "place_name",
    "kind",
    "country",
    "lat",
    "lon",
    "score",
    "reason",
    "sentence",
)


def mentions_frame(extractions: Iterable[ArticleExtraction]) -> gpd.GeoDataFrame:
    """One row per mention, resolved or not (unresolved ones have no geometry)."""
    records = []
    for ext in _extractions(extractions):
        for m in ext.mentions:
            rec = m.to_dict()
            rec["id"] = mention_id(m)
            records.append({col: rec.get(col) for col in MENTION_COLUMNS})
    records.sort(key=lambda r: (r["article_id"], r["start"], r["end"]))
    geoms = [Point(r["lon"], r["lat"]) if r["lat"] is not None else None for r in records]
    floats = ("lat", "lon", "score")
    texts = [col for col in MENTION_COLUMNS if col not in floats and col not in ("start", "end")]
    dtypes = dict.fromkeys(texts, _TEXT) | dict.fromkeys(floats, "float64")
    return _frame(records, MENTION_COLUMNS, geoms, dtypes)


ARTICLE_COLUMNS = (
    "id",
    "published",
    "title",
    "source",
    "url",
    "origin",
    "events",
    "mentions",
    "problems",
)


def articles_frame(extractions: Iterable[ArticleExtraction]) -> pd.DataFrame:
    """One row per article (no geometry): id, date, title, source, url, counts, problems."""
    records = []
    for ext in _extractions(extractions):
        art = ext.article
        records.append(
            {
                "id": art.id,
                "published": art.published.isoformat() if art.published else None,
                "title": art.title,
                "source": art.source,
                "url": art.url,
                "origin": art.origin,
                "events": len(ext.events),
                "mentions": len(ext.mentions),
                "problems": "; ".join([*art.warnings, *ext.problems]) or None,
            }
        )
    records.sort(key=lambda r: str(r["id"]))
    return pd.DataFrame.from_records(records, columns=list(ARTICLE_COLUMNS))


UNCERTAINTY_COLUMNS = (
    "event_id",
    "article_id",
    "type",
    "side",
    "date",
    "place",
    "place_name",
    "shape",
    "distance_km",
    "distance_low_km",
    "distance_high_km",
    "direction",
    "bearing_deg",
    "halfwidth_deg",
    "distance_text",
)


def uncertainty_frame(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The uncertainty shape of every reported position in an events frame.

    A distance with a direction -> ``shape`` "sector"; a distance alone -> "ring" (the distance's
    range all round); "near"/"outskirts" with no distance -> "near" (1-3 km ring). Rules in
    :mod:`mapper.geometry`.
    """
    records, geoms = [], []
    for rec in events.to_dict("records"):
        alon, alat = rec.get("anchor_lon"), rec.get("anchor_lat")
        if alon is None or alat is None or is_missing(alon) or is_missing(alat):
            continue
        dist = None if is_missing(rec.get("distance_km")) else rec.get("distance_km")
        direction = rec.get("direction") or None
        near = dist is None and _is_near(rec.get("distance_text"))
        if dist is None and not near:
            continue
        miles = _is_miles(rec.get("distance_text"))
        try:
            geom = sector_for(
                alon, alat, distance_km=dist, direction=direction, miles=miles, near=near
            )
        except ValueError:
            continue
        if geom is None:
            continue
        lo = hi = bearing = half = None
        if dist is not None:
            lo, hi = distance_bounds(float(dist), miles=miles)
        if direction and dist is not None:
            bearing, half = bearing_of(direction), direction_halfwidth(direction)
        shape = "near" if near else ("sector" if bearing is not None else "ring")
        records.append(
            {
                "event_id": rec["id"],
                "article_id": rec["article_id"],
                "type": rec["type"],
                "side": rec.get("side"),
                "date": rec.get("date"),
                "place": rec.get("place"),
                "place_name": rec.get("place_name"),
                "shape": shape,
                "distance_km": dist,
                "distance_low_km": lo,
                "distance_high_km": hi,
                "direction": direction,
                "bearing_deg": bearing,
                "halfwidth_deg": half,
                "distance_text": rec.get("distance_text"),
            }
        )
        geoms.append(geom)
    floats = ("distance_km", "distance_low_km", "distance_high_km", "bearing_deg", "halfwidth_deg")
    return _frame(records, UNCERTAINTY_COLUMNS, geoms, dict.fromkeys(floats, "float64"))


FRONT_COLUMNS = ("kind", "date", "side", "estimated", "observations", "confidence", "note")
_FRONT_TEXTS = ("kind", "date", "side", "note")


def frontline_frame(snapshots: Sequence[FrontSnapshot]) -> gpd.GeoDataFrame:
    """The DESIGN.md ``frontline.geojson`` rows: per snapshot, one zone per side and the line.

    A zone's ``confidence`` is its side's (:attr:`FrontSnapshot.side_confidence`): it decays
    while that side's places go unreported; the line's is the snapshot's.
    """
    records, geoms = [], []
    for snap in snapshots:
        day = snap.date.isoformat()
        for side, zone in sorted(snap.zones.items()):
            records.append(
                {
                    "kind": "zone",
                    "date": day,
                    "side": side,
                    "estimated": True,
                    "observations": snap.observations,
                    "confidence": snap.side_confidence.get(side, snap.confidence),
                    "note": None,
                }
            )
            geoms.append(shapely.normalize(shapely.set_precision(zone, 1e-6)))
        if snap.line is not None:
            sides = "/".join(sorted(snap.zones))
            records.append(
                {
                    "kind": "line",
                    "date": day,
                    "side": None,
                    "estimated": True,
                    "observations": snap.observations,
                    "confidence": snap.confidence,
                    "note": f"boundary between {sides} zones",
                }
            )
            geoms.append(shapely.line_merge(shapely.set_precision(snap.line, 1e-6)))
        if snap.unknown is not None and not snap.unknown.is_empty:
            records.append(
                {
                    "kind": "unknown",
                    "date": day,
                    "side": "unknown",
                    "estimated": True,
                    "observations": snap.observations,
                    "confidence": 0.0,
                    "note": "farther than the reach of any evidence",
                }
            )
            geoms.append(shapely.normalize(shapely.set_precision(snap.unknown, 1e-6)))
    dtypes = {"estimated": "bool", "observations": "int64", "confidence": "float64"}
    return _frame(records, FRONT_COLUMNS, geoms, dtypes | dict.fromkeys(_FRONT_TEXTS, _TEXT))
