"""Write every output of a run: map.html, the GeoJSON files, the GeoPackage, unresolved.csv."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from mapper.frontline import ControlObservation, estimate_front_from_observations
from mapper.fusion import front_observations, fuse_events
from mapper.model import ArticleExtraction
from mapper.render.frame import event_record, frontline_frame, fused_frame, uncertainty_frame
from mapper.render.geojson import write_geojson
from mapper.render.html import build_map
from mapper.render.qgis import write_qgis

__all__ = [
    "OUTPUT_FILES",
    "UNRESOLVED_COLUMNS",
    "OutputSummary",
    "unresolved_rows",
    "write_outputs",
]

#: What :func:`write_outputs` writes into ``outdir`` (the GeoPackage goes to ``store`` if given).
OUTPUT_FILES = (
    "map.html",
    "events.geojson",
    "frontline.geojson",
    "uncertainty.geojson",
    "frontline.gpkg",
    "unresolved.csv",
    "frontline.qgz",
)

UNRESOLVED_COLUMNS = ("article_id", "kind", "surface", "type", "reason", "sentence")


@dataclass(slots=True)
class OutputSummary:
    """What a run wrote: counts and paths (``paths`` maps output name -> file)."""

    articles: int = 0
    events: int = 0
    events_located: int = 0
    events_fused: int = 0
    mentions: int = 0
    mentions_resolved: int = 0
    unresolved: int = 0
    dates: int = 0
    first_date: date | None = None
    last_date: date | None = None
    snapshots: int = 0
    store_added: dict[str, int] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) pairs for a summary table."""
        span = (
            f"{self.first_date.isoformat()} .. {self.last_date.isoformat()}"
            if self.first_date and self.last_date
            else "-"
        )
        out = [
            ("articles", str(self.articles)),
            ("events (located)", f"{self.events} ({self.events_located})"),
            ("fused events (map markers)", str(self.events_fused)),
            ("mentions (resolved)", f"{self.mentions} ({self.mentions_resolved})"),
            ("unresolved rows", str(self.unresolved)),
            ("dates", f"{self.dates} ({span})"),
            ("front-line snapshots", str(self.snapshots)),
        ]
        if self.store_added:
            added = ", ".join(f"{k} +{v}" for k, v in sorted(self.store_added.items()))
            out.append(("store", added))
        out.extend((name, str(path)) for name, path in self.paths.items())
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "articles": self.articles,
            "events": self.events,
            "events_located": self.events_located,
            "events_fused": self.events_fused,
            "mentions": self.mentions,
            "mentions_resolved": self.mentions_resolved,
            "unresolved": self.unresolved,
            "dates": self.dates,
            "first_date": self.first_date.isoformat() if self.first_date else None,
            "last_date": self.last_date.isoformat() if self.last_date else None,
            "snapshots": self.snapshots,
            "store_added": dict(self.store_added),
            "paths": {k: str(v) for k, v in self.paths.items()},
        }


def unresolved_rows(extractions: Sequence[ArticleExtraction]) -> list[dict[str, str]]:
    """Every mention not placed, every event not placed or not dated, every article problem."""
    rows: list[dict[str, str]] = []
    for ext in extractions:
        aid = ext.article.id
        for problem in [*ext.article.warnings, *ext.problems]:
            rows.append(
                {
                    "article_id": aid,
                    "kind": "article",
                    "surface": "",
                    "type": "",
                    "reason": problem,
                    "sentence": "",
                }
            )
        for m in ext.mentions:
            if m.place is None:
                rows.append(
                    {
                        "article_id": aid,
                        "kind": "mention",
                        "surface": m.surface,
                        "type": m.role,
                        "reason": m.reason or "unresolved",
                        "sentence": m.sentence,
                    }
                )
        for ev in ext.events:
            rec = event_record(ev)
            missing = []
            if rec["lat"] is None or rec["lon"] is None:
                missing.append("no location")
            if ev.date is None:
                missing.append("no date")
            if missing:
                reason = "; ".join([*missing, ev.reason] if ev.reason else missing)
                rows.append(
                    {
                        "article_id": aid,
                        "kind": "event",
                        "surface": ev.place.surface if ev.place else "",
                        "type": ev.type,
                        "reason": reason,
                        "sentence": ev.evidence,
                    }
                )
    return rows


def _write_csv(rows: list[dict[str, str]], path: Path) -> Path:
    """Write ``rows`` as CSV; text cells that a spreadsheet would run as formulas get a ``'``."""
    from mapper.render.safe import csv_row

    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(UNRESOLVED_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_row(row) for row in rows)
    return path


def write_outputs(
    extractions: Sequence[ArticleExtraction],
    outdir: Path,
    *,
    store: Path | None = None,
    title: str | None = None,
    baseline: Sequence[ControlObservation] = (),
) -> OutputSummary:
    """Write map.html, events/frontline/uncertainty GeoJSON, the GeoPackage and unresolved.csv.

    ``events.geojson`` and the map hold one feature per fused event (:mod:`mapper.fusion`: the
    reports of one event across articles, with every source); ``frontline extract`` keeps the
    per-article events.

    The files in ``outdir`` describe this run's articles. With ``store``, this run's articles,
    mentions and events are added to that GeoPackage (known ids are skipped) and its frontline
    layer is re-estimated from all stored events; without it, ``outdir/frontline.gpkg`` is
    written afresh.
    """
    from mapper.store import write_store

    extractions = list(extractions)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    fused = fuse_events(e for x in extractions for e in x.events)
    events = fused_frame(fused, (d for x in extractions for d in x.denials))
    observed = front_observations(extractions, fused) + list(baseline)  # fused events, statements
    snapshots = estimate_front_from_observations(observed)
    front = frontline_frame(snapshots)
    summary = OutputSummary()
    paths = summary.paths
    paths["events.geojson"] = write_geojson(events, outdir / "events.geojson")
    paths["frontline.geojson"] = write_geojson(front, outdir / "frontline.geojson")
    uncertainty = uncertainty_frame(events)
    paths["uncertainty.geojson"] = write_geojson(uncertainty, outdir / "uncertainty.geojson")
    fmap = build_map(extractions, title=title, snapshots=snapshots, events=events)
    fmap.save(str(outdir / "map.html"))
    paths["map.html"] = outdir / "map.html"
    unresolved = unresolved_rows(extractions)
    paths["unresolved.csv"] = _write_csv(unresolved, outdir / "unresolved.csv")
    gpkg = Path(store) if store is not None else outdir / "frontline.gpkg"
    summary.store_added = write_store(extractions, gpkg, fresh=store is None)
    paths["frontline.gpkg"] = gpkg
    paths["frontline.qgz"] = write_qgis(outdir, events, front, uncertainty, gpkg, title=title)

    dates = sorted({d for d in events["date"].dropna().tolist() if d}) if len(events) else []
    summary.articles = len(extractions)
    summary.events = sum(len(e.events) for e in extractions)
    summary.events_located = sum(
        1
        for x in extractions
        for e in x.events
        if (rec := event_record(e))["lat"] is not None and rec["lon"] is not None
    )
    summary.events_fused = len(events)
    summary.mentions = sum(len(e.mentions) for e in extractions)
    summary.mentions_resolved = sum(
        1 for e in extractions for m in e.mentions if m.place is not None
    )
    summary.unresolved = len(unresolved)
    summary.dates = len(dates)
    summary.first_date = date.fromisoformat(dates[0]) if dates else None
    summary.last_date = date.fromisoformat(dates[-1]) if dates else None
    summary.snapshots = len(snapshots)
    return summary
