"""Write every output of a run: map.html, the GeoJSON files, the GeoPackage, unresolved.csv."""

from __future__ import annotations

import csv
import errno
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from mapper.articles import new_problems
from mapper.barriers import Barrier
from mapper.frontline import ControlObservation, estimate_front_from_observations
from mapper.fusion import front_observations, fuse_events
from mapper.model import ArticleExtraction
from mapper.render.frame import event_record, frontline_frame, fused_frame, uncertainty_frame
from mapper.render.geojson import write_geojson
from mapper.render.html import build_map
from mapper.render.qgis import write_qgis

__all__ = [
    "OUTPUT_FILES",
    "OutputError",
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
        for problem in [*ext.article.warnings, *new_problems(ext)]:
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
    barriers: Sequence[Barrier] | None = None,
) -> OutputSummary:
    """Write map.html, events/frontline/uncertainty GeoJSON, the GeoPackage and unresolved.csv.

    ``events.geojson`` and the map hold one feature per fused event (:mod:`mapper.fusion`: the
    reports of one event across articles, with every source); ``frontline extract`` keeps the
    per-article events.

    The files in ``outdir`` describe this run's articles. With ``store``, this run's articles,
    mentions and events are added to that GeoPackage (known ids are skipped) and its frontline
    layer is re-estimated from all stored events; without it, ``outdir/frontline.gpkg`` is
    written afresh. ``barriers``: lines no side's zone spreads across (None: the bundled ones,
    :func:`mapper.barriers.default_barriers`).

    Every output is attempted: when some cannot be written, the others still are and
    `OutputError` is raised at the end, holding the summary and one `OSError` per failed file.
    A store that failed is not touched again (no styles are written into it).
    """
    from mapper.store import write_store

    extractions = list(extractions)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    fused = fuse_events(e for x in extractions for e in x.events)
    events = fused_frame(fused, (d for x in extractions for d in x.denials))
    observed = front_observations(extractions, fused) + list(baseline)  # fused events, statements
    snapshots = estimate_front_from_observations(observed, barriers=barriers)
    front = frontline_frame(snapshots)
    summary = OutputSummary()
    failures: list[OSError] = []

    def attempt(name: str, path: Path, write: Callable[[], object]) -> bool:
        """Run ``write``; on failure keep the error (naming ``path``) and go on."""
        try:
            write()
        except (OSError, RuntimeError, sqlite3.Error) as err:  # pyogrio, sqlite: RuntimeError
            failures.append(_output_error(err, path))
            return False
        summary.paths[name] = path
        return True

    uncertainty = uncertainty_frame(events)
    for name, frame in (("events", events), ("frontline", front), ("uncertainty", uncertainty)):
        target = outdir / f"{name}.geojson"
        attempt(target.name, target, partial(write_geojson, frame, target))
    fmap = build_map(extractions, title=title, snapshots=snapshots, events=events)
    attempt("map.html", outdir / "map.html", partial(fmap.save, str(outdir / "map.html")))
    unresolved = unresolved_rows(extractions)
    target = outdir / "unresolved.csv"
    attempt("unresolved.csv", target, partial(_write_csv, unresolved, target))
    gpkg = Path(store) if store is not None else outdir / "frontline.gpkg"

    def add() -> None:
        summary.store_added = write_store(extractions, gpkg, fresh=store is None, barriers=barriers)

    stored = attempt("frontline.gpkg", gpkg, add)  # a store that failed is not touched again
    qgz = outdir / "frontline.qgz"
    attempt(
        "frontline.qgz",
        qgz,
        partial(write_qgis, outdir, events, front, uncertainty, gpkg, title=title, styles=stored),
    )
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
    if failures:
        raise OutputError(summary, failures)
    return summary


def _output_error(err: BaseException, path: Path) -> OSError:
    """``err`` as an `OSError` naming the file it is about (``path`` unless it names its own)."""
    if isinstance(err, OSError) and (err.filename or err.filename2):
        return err
    text = str(err).strip()
    message = text.splitlines()[0][:200] if text else type(err).__name__
    return OSError(errno.EIO, message, str(path))


class OutputError(OSError):
    """Some outputs could not be written; every other one was (``summary`` says which).

    ``failures`` holds one `OSError` per output that failed, each naming its file.
    """

    def __init__(self, summary: OutputSummary, failures: Sequence[OSError]) -> None:
        first = failures[0]
        super().__init__(first.errno, first.strerror or str(first), first.filename)
        self.summary = summary
        self.failures = list(failures)
