"""The GeoPackage store: layers ``events``, ``mentions``, ``frontline`` and ``articles``.

Rows are keyed by stable ids (``Event.id``, ``article_id:start-end`` for mentions, the article
id), so adding a corpus twice adds nothing the second time, and a run that adds nothing leaves
the file untouched. The ``frontline`` layer is re-estimated from every stored event whenever
events are added.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from mapper.frontline import estimate_front_from_observations, observations_from_records
from mapper.model import ArticleExtraction
from mapper.render.frame import articles_frame, events_frame, frontline_frame, mentions_frame

__all__ = ["LAYERS", "read_layer", "stored_events", "write_store"]

#: The store's layers, in the order they are written.
LAYERS = ("articles", "events", "mentions", "frontline")
_DRIVER = "GPKG"


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


_GEOMETRY_TYPES = {"events": "Point", "mentions": "Point", "frontline": "Unknown"}


def _write(frame: pd.DataFrame, path: Path, layer: str, *, append: bool) -> None:
    kwargs = {}
    if layer in _GEOMETRY_TYPES:
        kwargs["geometry_type"] = _GEOMETRY_TYPES[layer]
    pyogrio.write_dataframe(frame, path, layer=layer, driver=_DRIVER, append=append, **kwargs)


def write_store(
    extractions: Sequence[ArticleExtraction], path: Path, *, fresh: bool = False
) -> dict[str, int]:
    """Add articles, events and mentions to the GeoPackage at ``path``; returns rows added.

    ``fresh`` replaces any existing file. Otherwise rows whose id is already stored are skipped;
    when nothing is new the file is not rewritten at all.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fresh and path.exists():
        path.unlink()
    frames: dict[str, pd.DataFrame] = {
        "articles": articles_frame(extractions),
        "events": events_frame(extractions),
        "mentions": mentions_frame(extractions),
    }
    exists = path.exists()
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
    if added["events"] or "frontline" not in _layers(path):
        stored = read_layer(path, "events")
        records = stored.drop(columns="geometry").to_dict("records") if len(stored) else []
        snapshots = estimate_front_from_observations(observations_from_records(records))
        front = frontline_frame(snapshots)
        _write(front, path, "frontline", append=False)
        added["frontline"] = len(front)
    else:
        added["frontline"] = 0
    return added


def stored_events(path: Path) -> gpd.GeoDataFrame:
    """All events in the store, sorted by date, article and id."""
    frame = read_layer(path, "events")
    if not len(frame):
        return gpd.GeoDataFrame()
    return frame.sort_values(["date", "article_id", "id"], na_position="last").reset_index(
        drop=True
    )
