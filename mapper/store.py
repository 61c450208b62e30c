"""The GeoPackage store: ``events``, ``mentions``, ``frontline``, ``articles``, ``fused_events``.

``events`` holds every article's events (one row per report); ``fused_events`` one row per fused
event (:mod:`mapper.fusion`) with ``corroboration``, ``claim``, ``sources`` and ``reports`` as
text, re-fused from every stored report whenever events are added (so reports of one event added
by separate runs become one row).

Rows are keyed by stable ids (``Event.id``, ``article_id:start-end`` for mentions, the article
id), so adding a corpus twice adds nothing the second time, and a run that adds nothing leaves
the file untouched. The ``frontline`` layer is re-estimated from every stored event whenever
events are added: from the fused events, weighed by corroboration, as the map's front (control
statements and denials are not stored, so a store's front may differ from one run's map).

One writer at a time: a lock file next to the store (``<store>.lock``) is held around the
read-compare-write, so two runs on one store never duplicate a row. A file that is not a
GeoPackage, or one GDAL cannot read, is a `StoreError` (one error line), never overwritten.
"""

from __future__ import annotations

import datetime as dt
import errno
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio

from mapper.barriers import Barrier
from mapper.frontline import estimate_front_from_observations, record_float, record_str
from mapper.fusion import FusedEvent, fuse_events, observations_from_fused, reversals
from mapper.model import ArticleExtraction
from mapper.render.frame import (
    articles_frame,
    events_frame,
    frontline_frame,
    fused_records_frame,
    fusion_fields,
    mentions_frame,
)

__all__ = [
    "LAYERS",
    "StoreError",
    "StoredReport",
    "fused_events_frame",
    "read_layer",
    "stored_events",
    "stored_fused",
    "write_store",
]

#: The store's layers, in the order they are written.
LAYERS = ("articles", "events", "mentions", "frontline", "fused_events")
_DRIVER = "GPKG"
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: GeoPackage ``application_id`` values (bytes 68-71 of the SQLite header).
_GPKG_IDS = (b"GPKG", b"GP10", b"GP11")


class StoreError(OSError):
    """A store that cannot be used: not a GeoPackage, damaged, or locked by another program.

    An `OSError` with the store as ``filename``: the CLI prints one ``error:`` line for it.
    """

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(errno.EINVAL, message, str(path))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<path>.lock`` (other writers wait for it)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no advisory locks, one writer is the caller's business
        yield
        return
    lock = path.with_name(path.name + ".lock")
    with lock.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _check_store(path: Path) -> None:
    """Raise `StoreError` unless ``path`` is absent, empty or a GeoPackage GDAL can list."""
    if not path.exists():
        return
    if not path.is_file():
        raise StoreError(path, "not a regular file; give a .gpkg file for --store")
    with path.open("rb") as handle:
        head = handle.read(100)
    if not head:
        return
    if not head.startswith(_SQLITE_MAGIC) or head[68:72] not in _GPKG_IDS:
        raise StoreError(path, "not a GeoPackage (left untouched); give a new or .gpkg file")
    try:
        foreign = _foreign_layer(path)
    except RuntimeError as err:  # pyogrio's DataSourceError and DataLayerError
        raise StoreError(path, f"cannot read this GeoPackage ({_first_line(err)})") from err
    if foreign:
        raise StoreError(path, f"{foreign}; not frontline's store (left untouched)")


#: Fields each of frontline's layers must have for a store to be read and added to.
_REQUIRED_FIELDS = {
    "articles": ("id",),
    "events": ("id", "article_id"),
    "mentions": ("id",),
}


def _foreign_layer(path: Path) -> str | None:
    """What makes a layer of GeoPackage ``path`` named like frontline's foreign, or None.

    Another program's ``events`` layer (without an ``id``) would be read, and appended to,
    as frontline's own.
    """
    layers = _layers(path)
    derived = sorted({"frontline", "fused_events"} & layers)
    if derived and "events" not in layers:  # frontline writes these from its events layer
        return f"it has a layer {derived[0]!r} but no 'events' layer"
    for layer, required in _REQUIRED_FIELDS.items():
        if layer not in layers:
            continue
        info = pyogrio.read_info(path, layer=layer)
        missing = [name for name in required if name not in set(info["fields"])]
        if missing:
            return f"its layer {layer!r} has no {missing[0]!r} field"
        if layer == "events" and not info.get("geometry_type"):
            return "its layer 'events' has no geometry"
    return None


def _check_fields(path: Path, frames: Mapping[str, pd.DataFrame]) -> None:
    """Raise `StoreError` when a stored layer lacks a field this run would append to it.

    GDAL refuses the append half-way (articles written, events not): a store of another
    program's, or of an older frontline, is refused whole instead.
    """
    layers = _layers(path)
    for layer, frame in frames.items():
        if layer not in layers:
            continue
        fields = set(pyogrio.read_info(path, layer=layer)["fields"])
        geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
        missing = [c for c in frame.columns if c != geometry and str(c) not in fields]
        if missing:
            raise StoreError(
                path,
                f"its layer {layer!r} has no {str(missing[0])!r} field (another program's, or an "
                "older frontline's); left untouched",
            )


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0][:200] if text else type(err).__name__


def read_layer(path: Path, layer: str) -> pd.DataFrame:
    """One layer of the store as a (Geo)DataFrame; an empty frame when absent."""
    path = Path(path)
    if not path.exists() or layer not in _layers(path):
        return pd.DataFrame()
    return pyogrio.read_dataframe(path, layer=layer)


def _layers(path: Path) -> set[str]:
    return {str(name) for name, _ in pyogrio.list_layers(path)}


def _known_ids(path: Path, layer: str) -> set[str]:
    if layer not in _layers(path):
        return set()
    ids = pyogrio.read_dataframe(path, layer=layer, columns=["id"], read_geometry=False)
    return set(ids["id"].astype(str).tolist())


_GEOMETRY_TYPES = {
    "events": "Point",
    "mentions": "Point",
    "frontline": "Unknown",
    "fused_events": "Point",
}


def _write(frame: pd.DataFrame, path: Path, layer: str, *, append: bool) -> None:
    kwargs = {}
    if layer in _GEOMETRY_TYPES:
        kwargs["geometry_type"] = _GEOMETRY_TYPES[layer]
    pyogrio.write_dataframe(frame, path, layer=layer, driver=_DRIVER, append=append, **kwargs)


def write_store(
    extractions: Sequence[ArticleExtraction],
    path: Path,
    *,
    fresh: bool = False,
    barriers: Sequence[Barrier] | None = None,
) -> dict[str, int]:
    """Add articles, events and mentions to the GeoPackage at ``path``; returns rows added.

    ``fresh`` replaces any existing file. Otherwise ``<path>.lock`` is held while the stored
    ids are read and the new rows written (concurrent runs wait); rows whose id is already
    stored are skipped, and when nothing is new the file is not rewritten at all. The frontline
    layer is estimated with ``barriers`` (None: the bundled ones).
    """
    path = Path(path)
    folder = next((p for p in path.parents if p.exists()), None)
    if folder is not None and not folder.is_dir():  # mkdir would say "File exists"
        raise StoreError(path, f"{str(folder)!r} is a file, not a folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    # a fresh file is this run's own output (no lock file left beside it); a store is shared
    with nullcontext() if fresh else _locked(path):
        if fresh and path.exists():
            path.unlink()
        _check_store(path)
        if path.exists() and path.stat().st_size == 0:
            path.unlink()  # an empty file: a new store
        try:
            return _add(extractions, path, barriers)
        except RuntimeError as err:  # pyogrio: damaged file, locked database, disk full
            raise StoreError(path, f"cannot write the GeoPackage ({_first_line(err)})") from err


def _add(
    extractions: Sequence[ArticleExtraction],
    path: Path,
    barriers: Sequence[Barrier] | None = None,
) -> dict[str, int]:
    """Add the rows whose ids are not stored yet; re-estimate the front when events were added."""
    frames: dict[str, pd.DataFrame] = {
        "articles": articles_frame(extractions),
        "events": events_frame(extractions),
        "mentions": mentions_frame(extractions),
    }
    exists = path.exists()
    if exists:
        _check_fields(path, frames)  # before anything is written: a refusal leaves it whole
    added: dict[str, int] = {}
    for layer, frame in frames.items():
        known = _known_ids(path, layer) if exists else set()
        new = frame[~frame["id"].astype(str).isin(known)] if known else frame
        new = new.drop_duplicates(subset="id")
        added[layer] = len(new)
        if len(new) == 0 and (exists and layer in _layers(path)):
            continue
        _write(new, path, layer, append=exists and layer in _layers(path))
        exists = True
    layers = _layers(path)
    if added["events"] or "frontline" not in layers or "fused_events" not in layers:
        fused = stored_fused(read_layer(path, "events"))
        # the front from the fused events, weighed by corroboration, as on the map
        snapshots = estimate_front_from_observations(
            observations_from_fused(fused), barriers=barriers
        )
        front = frontline_frame(snapshots)
        _write(front, path, "frontline", append=False)
        added["frontline"] = len(front)
        _write(_fused_frame(fused), path, "fused_events", append=False)
    else:
        added["frontline"] = 0
    return added


def _day(value: Any) -> dt.date | None:
    """A stored ISO day (text, or a date GDAL parsed) as a date; None when empty."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = record_str(value)
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:  # a cell another program wrote: no date rather than no store
        return None


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A stored ``events`` row read as one report of an event (a :class:`mapper.fusion.Report`)."""

    row: Mapping[str, Any]
    id: str
    article_id: str
    type: str
    actor: str | None
    place_id: str | None
    date: dt.date | None
    date_end: dt.date | None
    date_text: str | None
    lat: float | None
    lon: float | None
    confidence: float
    evidence: str
    source: str | None
    url: str | None
    title: str | None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> StoredReport:
        """The report of one stored row (its missing cells as None)."""
        return cls(
            row=row,
            id=str(row["id"]),
            article_id=str(row["article_id"]),
            type=record_str(row.get("type")) or "",
            actor=record_str(row.get("actor")),
            place_id=record_str(row.get("place_id")),
            date=_day(row.get("date")),
            date_end=_day(row.get("date_end")),
            date_text=record_str(row.get("date_text")),
            lat=record_float(row.get("lat")),
            lon=record_float(row.get("lon")),
            confidence=record_float(row.get("confidence")) or 0.0,
            evidence=record_str(row.get("evidence")) or "",
            source=record_str(row.get("source")),
            url=record_str(row.get("url")),
            title=record_str(row.get("title")),
        )

    def to_dict(self) -> dict[str, Any]:
        """The stored row."""
        return dict(self.row)


def stored_fused(stored: pd.DataFrame) -> list[FusedEvent[StoredReport]]:
    """The stored ``events`` rows fused into events (see :mod:`mapper.fusion`)."""
    rows = stored.drop(columns="geometry").to_dict("records") if len(stored) else []
    return fuse_events(StoredReport.from_row(r) for r in rows)


def fused_events_frame(stored: pd.DataFrame) -> gpd.GeoDataFrame:
    """The ``fused_events`` layer: the stored ``events`` rows fused (see :mod:`mapper.fusion`)."""
    return _fused_frame(stored_fused(stored))


def _fused_frame(fused: Sequence[FusedEvent[StoredReport]]) -> gpd.GeoDataFrame:
    reversed_by = reversals(fused)
    records = []
    for f in fused:
        rec = dict(f.event.row)
        rec["id"] = f.id
        rec["confidence"] = max(r.confidence for r in f.reports)
        rec.update(fusion_fields(f, reversed_by.get(f.id)))
        records.append(rec)
    return fused_records_frame(records)


def stored_events(path: Path) -> gpd.GeoDataFrame:
    """All events in the store, sorted by date, article and id."""
    frame = read_layer(path, "events")
    if not len(frame):
        return gpd.GeoDataFrame()
    return frame.sort_values(["date", "article_id", "id"], na_position="last").reset_index(
        drop=True
    )
