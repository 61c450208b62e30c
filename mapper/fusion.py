"""Reports of one real event across articles fused into one event with all its sources.

Rule: two located, dated events are reports of one event when they have the same type,
compatible actors (equal, or one unknown), places within :data:`FUSE_KM` of each other and dates
within :data:`FUSE_DAYS` (a range date: its start to its end). In date order, a report joins the
first group whose first report it matches, else starts a group: groups do not chain, so clashes
reported at one town every day are one event per day or two, not one event for months. One
article's reports at two different places (gazetteer ids) are two events, however near.
``corroboration`` counts the distinct outlets (``source``,
else the article) that report it; ``claim`` is True when one outlet alone reports it, or when
every outlet is one side's media (:data:`SIDE_MEDIA`): such an event weighs less as control
evidence (:func:`corroboration_factor`). Undated or unplaced events are fused with nothing: each is
its own one-report event.

Reversal (:func:`reversals`): a capture or entry (:data:`REVERSING_TYPES`) of a place by one side
is superseded by the next one of the same place (:data:`FUSE_KM`) by another side, on a later day.

Denial (:func:`denials`): a claim (one outlet, or one side's media) is superseded by a denial of it
(``ArticleExtraction.denials``: "Kyiv denied that Russian forces took X"): same type, compatible
side, place within :data:`FUSE_KM`, the denied event dated from :data:`FUSE_DAYS` before the claim
to :data:`DENY_DAYS` after it, in another outlet's article. A denied claim is no control evidence
(:func:`front_observations`); an event several outlets report is not superseded by a denial.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Generic, Protocol, TypeVar

from mapper.frontline import (
    ControlObservation,
    normalise_side,
    observations_from_control,
    observations_from_records,
)
from mapper.geometry import geodesic_distance_km
from mapper.model import ArticleExtraction, Event

__all__ = [
    "DENY_DAYS",
    "FUSE_DAYS",
    "FUSE_KM",
    "REVERSING_TYPES",
    "SIDE_MEDIA",
    "FusedEvent",
    "Report",
    "Reversal",
    "corroboration_factor",
    "denials",
    "front_observations",
    "fuse_events",
    "observations_from_fused",
    "reversals",
    "superseded",
]

#: Places of two reports of one event lie within this distance, in km.
FUSE_KM = 3.0
#: Dates of two reports of one event lie within this many days.
FUSE_DAYS = 1
#: Outlets that speak for one side (lower-case substrings of ``source``).
SIDE_MEDIA: dict[str, tuple[str, ...]] = {
    "russia": (
        "tass",
        "ria novosti",
        "sputnik",
        "rt.com",
        "russia today",
        "ministry of defence of russia",
    ),
    "government": ("sana", "syrian arab news agency", "al-masdar"),
    "ukraine": ("ukrinform", "general staff of ukraine", "armed forces of ukraine"),
    "opposition": ("syrian observatory",),
}
#: A denial dates the event it denies at most this many days after the claim (it is often
#: dated by its own, later article).
DENY_DAYS = 7
#: Event types that hand a place to a side: a later one by another side reverses an earlier one.
REVERSING_TYPES = frozenset({"capture", "entry"})


class Report(Protocol):
    """What fusion reads of a report: an :class:`Event`, or a stored row (`mapper.store`)."""

    @property
    def id(self) -> str:
        """Stable id of the report."""

    @property
    def article_id(self) -> str:
        """The article that reports it."""

    @property
    def type(self) -> str:
        """Event type."""

    @property
    def actor(self) -> str | None:
        """The side that acts, if known."""

    @property
    def date(self) -> dt.date | None:
        """First day."""

    @property
    def date_end(self) -> dt.date | None:
        """Last day of a range."""

    @property
    def date_text(self) -> str | None:
        """The date phrase as written."""

    @property
    def lat(self) -> float | None:
        """Latitude."""

    @property
    def lon(self) -> float | None:
        """Longitude."""

    @property
    def confidence(self) -> float:
        """Extraction confidence."""

    @property
    def evidence(self) -> str:
        """The evidence sentence."""

    @property
    def source(self) -> str | None:
        """The outlet."""

    @property
    def url(self) -> str | None:
        """The article's address."""

    @property
    def title(self) -> str | None:
        """The article's title."""

    def to_dict(self) -> dict[str, Any]:
        """The report's flat record (``Event.to_dict()``, a stored row)."""


R = TypeVar("R", bound=Report)


@dataclass(frozen=True, slots=True)
class FusedEvent(Generic[R]):
    """One event and every report of it (``reports`` in date order, the first represents)."""

    reports: tuple[R, ...]
    sources: tuple[str, ...]
    corroboration: int
    claim: bool
    sides_of_media: tuple[str, ...]

    @property
    def event(self) -> R:
        """The representative report (the earliest, then the most confident)."""
        return self.reports[0]

    @property
    def id(self) -> str:
        """Stable id: a lone report's own id, else a hash of the reports' ids."""
        if len(self.reports) == 1:
            return self.reports[0].id
        key = "|".join(sorted(r.id for r in self.reports))
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def outlets(self) -> tuple[str, ...]:
        """The distinct outlets as written (first spelling of each), in report order."""
        seen: dict[str, str] = {}
        for r in self.reports:
            seen.setdefault(_outlet(r), r.source or f"article {r.article_id}")
        return tuple(seen.values())

    def report_records(self) -> list[dict[str, object]]:
        """One record per report: article, outlet, title, url, dates, date phrase, evidence."""
        return [
            {
                "article_id": r.article_id,
                "event_id": r.id,
                "source": r.source,
                "title": r.title,
                "url": r.url,
                "date": r.date.isoformat() if r.date else None,
                "date_text": r.date_text,
                "evidence": r.evidence,
            }
            for r in self.reports
        ]

    def to_dict(self) -> dict[str, object]:
        """The representative report's record plus ``sources``, ``corroboration``, ``claim``."""
        rec = self.event.to_dict()
        rec.update(
            id=self.id,
            sources=list(self.sources),
            corroboration=self.corroboration,
            claim=self.claim,
            reports=self.report_records(),
        )
        return rec


def _outlet(event: Report) -> str:
    return (event.source or f"article:{event.article_id}").strip().lower()


def _media_side(outlet: str) -> str | None:
    for side, names in SIDE_MEDIA.items():
        if any(n in outlet for n in names):
            return side
    return None


def _span(event: Report) -> tuple[date, date]:
    assert event.date is not None
    return event.date, event.date_end or event.date


def _place_id(report: Report) -> str | None:
    """The gazetteer id of a report's place (an Event's mention, a stored row's ``place_id``)."""
    if isinstance(report, Event):
        return report.place.place.id if report.place and report.place.place else None
    value = getattr(report, "place_id", None)
    return str(value) if isinstance(value, str) and value else None


def _same(a: Report, b: Report) -> bool:
    if a.type != b.type:
        return False
    if a.article_id == b.article_id and (pa := _place_id(a)) and (pb := _place_id(b)) and pa != pb:
        return False  # one article's reports at two places are two events
    if a.actor and b.actor and a.actor.lower() != b.actor.lower():
        return False
    a0, a1 = _span(a)
    b0, b1 = _span(b)
    window = timedelta(days=FUSE_DAYS)
    if a0 > b1 + window or b0 > a1 + window:
        return False
    assert a.lon is not None and a.lat is not None and b.lon is not None and b.lat is not None
    return geodesic_distance_km(a.lon, a.lat, b.lon, b.lat) <= FUSE_KM


def _fusable(event: Report) -> bool:
    return event.date is not None and event.lat is not None and event.lon is not None


def fuse_events(events: Iterable[R]) -> list[FusedEvent[R]]:
    """Group reports of one event (see the module rule); undated or unplaced events stay alone.

    Groups come in date order (the located, dated ones), then the lone undated or unplaced events
    in input order.
    """
    events = list(events)
    located = [e for e in events if _fusable(e)]
    located.sort(key=lambda e: (_span(e)[0], -e.confidence, e.id))
    fused = [_fused(reports) for reports in _groups(located)]
    return fused + [_fused([e]) for e in events if not _fusable(e)]


#: Height of the latitude bands that index open groups, in km (twice :data:`FUSE_KM`).
_BAND_KM = 2 * FUSE_KM


def _band(event: Report) -> int:
    assert event.lat is not None
    return math.floor(event.lat * 111.2 / _BAND_KM)


def _groups(located: Sequence[R]) -> list[list[R]]:
    """Reports (dated, located, in date order) grouped by the module rule.

    Open groups are indexed by type and latitude band (a match lies in the band or the next
    one), and close once the day is past their first report's window.
    """
    window = timedelta(days=FUSE_DAYS)
    groups: list[list[R]] = []
    open_groups: dict[tuple[str, int], list[int]] = {}
    for e in located:
        start, band, found = _span(e)[0], _band(e), None
        for key in ((e.type, band - 1), (e.type, band), (e.type, band + 1)):
            bucket = open_groups.get(key)
            if not bucket:
                continue
            bucket[:] = [g for g in bucket if _span(groups[g][0])[1] + window >= start]
            for g in bucket:
                if (found is None or g < found) and _same(groups[g][0], e):
                    found = g
                    break
        if found is None:
            open_groups.setdefault((e.type, band), []).append(len(groups))
            groups.append([e])
        else:
            groups[found].append(e)
    return groups


def _fused(reports: Sequence[R]) -> FusedEvent[R]:
    outlets = tuple(dict.fromkeys(_outlet(r) for r in reports))
    sides = tuple(sorted({s for s in (_media_side(o) for o in outlets) if s}))
    one_sided = len(sides) == 1 and all(_media_side(o) for o in outlets)
    return FusedEvent(
        reports=tuple(reports),
        sources=tuple(r.source or r.article_id for r in reports),
        corroboration=len(outlets),
        claim=len(outlets) == 1 or one_sided,
        sides_of_media=sides,
    )


@dataclass(frozen=True, slots=True)
class Reversal:
    """What superseded a fused event: on ``date``, the fused event or denial ``by``.

    ``side`` took the place back (None for a denial); ``how`` says it in words ("taken by
    opposition", "denied by Echo Radio").
    """

    by: str
    date: date
    side: str | None
    how: str = ""


def _holder(f: FusedEvent[Any]) -> str | None:
    """The side a fused capture or entry hands its place to (None for other events)."""
    e = f.event
    if e.type not in REVERSING_TYPES or not _fusable(e):
        return None
    return normalise_side(e.actor)


#: Longitude width of the cells that index captures for :func:`reversals`, in degrees.
_CELL_DEG = 0.1


def _cell(lon: float, lat: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG)


def _near_cells(lon: float, lat: float) -> list[tuple[int, int]]:
    """The cells that may hold a point within :data:`FUSE_KM` of (lon, lat)."""
    dlat = FUSE_KM / 111.2
    dlon = FUSE_KM / (111.2 * max(0.01, math.cos(math.radians(min(89.0, abs(lat) + dlat)))))
    y0, x0 = _cell(lon - dlon, lat - dlat)
    y1, x1 = _cell(lon + dlon, lat + dlat)
    return [(y, x) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]


def reversals(fused: Sequence[FusedEvent[Any]]) -> dict[str, Reversal]:
    """Fused event id -> the later capture that reversed it (see the module rule).

    Each capture is superseded by the first later capture of its place (within :data:`FUSE_KM`)
    by another side; a repeat by the same side in between does not supersede it. Captures are
    indexed by 0.1-degree cells, so each is compared with its neighbours only.
    """
    takes = sorted(
        ((f, side) for f in fused if (side := _holder(f)) is not None),
        key=lambda pair: (_span(pair[0].event)[0], pair[0].id),
    )
    cells: dict[tuple[int, int], list[int]] = {}
    for i, (f, _) in enumerate(takes):
        assert f.event.lon is not None and f.event.lat is not None
        cells.setdefault(_cell(f.event.lon, f.event.lat), []).append(i)
    out: dict[str, Reversal] = {}
    for f, side in takes:
        a = f.event
        assert a.lon is not None and a.lat is not None
        later = sorted(
            j
            for key in _near_cells(a.lon, a.lat)
            for j in cells.get(key, ())
            if takes[j][1] != side and _span(takes[j][0].event)[0] > _span(a)[1]
        )
        for j in later:  # in date order
            g, other = takes[j]
            b = g.event
            assert b.lon is not None and b.lat is not None
            if geodesic_distance_km(a.lon, a.lat, b.lon, b.lat) <= FUSE_KM:
                out[f.id] = Reversal(g.id, _span(b)[0], other, f"taken by {other}")
                break
    return out


def _denies(denial: Report, claim: FusedEvent[Any]) -> bool:
    """True when ``denial`` denies the fused ``claim`` (see the module rule)."""
    e = claim.event
    if not (claim.claim and _fusable(e) and _fusable(denial)) or denial.type != e.type:
        return False
    if _outlet(denial) in {_outlet(r) for r in claim.reports}:
        return False  # an outlet does not deny its own report
    if denial.actor and e.actor and denial.actor.lower() != e.actor.lower():
        return False
    c0, c1 = _span(e)
    d0, _ = _span(denial)
    if not c0 - timedelta(days=FUSE_DAYS) <= d0 <= c1 + timedelta(days=DENY_DAYS):
        return False
    assert e.lon is not None and e.lat is not None
    assert denial.lon is not None and denial.lat is not None
    return geodesic_distance_km(e.lon, e.lat, denial.lon, denial.lat) <= FUSE_KM


def denials(fused: Sequence[FusedEvent[Any]], denied: Iterable[Report]) -> dict[str, Reversal]:
    """Fused event id -> the first denial that supersedes it (see the module rule)."""
    cells: dict[tuple[int, int], list[FusedEvent[Any]]] = {}
    for f in fused:
        if f.claim and _fusable(f.event):
            assert f.event.lon is not None and f.event.lat is not None
            cells.setdefault(_cell(f.event.lon, f.event.lat), []).append(f)
    out: dict[str, Reversal] = {}
    ordered = sorted((d for d in denied if _fusable(d)), key=lambda d: (_span(d)[0], d.id))
    for d in ordered:
        assert d.lon is not None and d.lat is not None
        for key in _near_cells(d.lon, d.lat):
            for f in cells.get(key, ()):
                if f.id not in out and _denies(d, f):
                    outlet = d.source or f"article {d.article_id}"
                    out[f.id] = Reversal(d.id, _span(d)[0], None, f"denied by {outlet}")
    return out


def superseded(
    fused: Sequence[FusedEvent[Any]], denied: Iterable[Report] = ()
) -> dict[str, Reversal]:
    """Fused event id -> what superseded it: a denial first, else a later capture."""
    return reversals(fused) | denials(fused, denied)


def corroboration_factor(fused: FusedEvent[Any]) -> float:
    """How much a fused event weighs as control evidence: 0.6 for a claim, up to 1."""
    if fused.claim:
        return 0.6
    return min(1.0, 0.7 + 0.1 * fused.corroboration)


def observations_from_fused(fused: Iterable[FusedEvent[Any]]) -> list[ControlObservation]:
    """One control observation per fused event, its confidence scaled by its corroboration.

    It holds from the first day a report makes the event certain (a range's end, a day): a
    retrospective "in May" fused with a dated report counts from the dated one. Its span (the
    observation's ``start``) is the part its reports' spans share.
    """
    records = []
    for f in fused:
        rec = f.event.to_dict()
        rec["id"] = f.id
        certain = [r.date_end or r.date for r in f.reports if r.date is not None]
        if certain:
            end = min(certain)
            # every report's span holds the event's day: their common part, when they share one
            start = min(max(r.date for r in f.reports if r.date is not None), end)
            rec["date"], rec["date_end"] = start.isoformat(), end.isoformat()
        rec["confidence"] = min(1.0, max(r.confidence for r in f.reports)) * corroboration_factor(f)
        records.append(rec)
    return observations_from_records(records)


def front_observations(
    extractions: Iterable[ArticleExtraction], fused: Sequence[FusedEvent[Event]] | None = None
) -> list[ControlObservation]:
    """The control evidence of a map run: fused events and control statements.

    Fused events weigh by corroboration; a denied claim is left out (:func:`denials`).
    ``fused`` is the run's :func:`fuse_events` when the caller has it already.
    """
    extractions = list(extractions)
    if fused is None:
        fused = fuse_events(e for x in extractions for e in x.events)
    denied = denials(fused, (d for x in extractions for d in x.denials))
    return observations_from_fused(f for f in fused if f.id not in denied) + (
        observations_from_control(s for x in extractions for s in x.control)
    )
