"""Estimate control zones and the front line per date from dated control observations.

Rules (the map's popups and ``frontline.geojson`` carry their results, marked "estimated")
-----------------------------------------------------------------------------------------
Observations
    A *capture* or *entry* of place X by side S at date D says S holds X from D on (weight 1).
    An *advance* with a reported distance says S holds the projected position from D on
    (weight 0.5); a later position reported on the same side (compass direction) of the same
    place replaces it, so old positions do not pile up. A *withdrawal* of S from X says the
    opponent of S holds X from D on (weight 0.5), when S has a known opponent. Targets,
    encirclements, clashes and bombardments change nothing here. Events without a date or a
    location are not observations. A range date counts from its end (the event is certain then).
    Statements of who holds a place (:func:`observations_from_control`: "rebel-held X",
    weight 0.6-0.8; a strike by the other side, 0.25) and a baseline map
    (:mod:`mapper.baseline`, 0.9) are observations too.
Last-known controller
    At date T each place is held by the side of its latest strong observation (weight >=
    :data:`STRONG_WEIGHT`) on or before T, weighed with the place's other strong observations
    of the same news cycle (dated within :data:`CORROBORATION_DAYS` of the latest, or of its
    range when it is dated as one, "in May", :data:`RANGE_CYCLE_DAYS` at most): each side
    scores the sum of its reports' weight x confidence and the heavier side wins (a tie: the
    latest report's side; same day, the heavier, then the more confident, then the later one
    in input order is the latest). So a one-outlet claim does not overturn a place several
    outlets reported held the same week, and a new report that nothing contradicts wins at
    once. Weak observations (strikes) newer than it decide only when their summed strength
    outweighs its own, halved every :data:`HALF_LIFE_DAYS` of age; with no strong one, the
    latest weak one decides. A weak observation counts for :data:`WEAK_DAYS` only: then the
    place falls back to its strong evidence, or, with none, leaves the snapshot (a strike says
    who held a place when it was reported, not months later).
Overtaken reports
    A place's deciding report is weighed against the changes of control (:data:`CHANGE_KINDS`)
    reported next to it more than a news cycle (:data:`CORROBORATION_DAYS`) later: each adds,
    to its side, its strength x exp(-(d / :data:`OVERTAKEN_KM`)^2) at d km, the report and the
    changes halved every :data:`HALF_LIFE_DAYS` of age; the heaviest side holds the place
    (:func:`_overtaken`). A town reported held months ago, with captures by the other side all
    around it since, is drawn as the front has moved: behind it.
Allies
    In a theatre where the government or the opposition holds places and Ukraine does not (the
    Syrian war), Russian, Iranian and Hezbollah captures count for the government and Turkish
    ones for the opposition (:data:`SYRIA_ALLIES`); in Ukraine "russia" stays a side.
Initial controller
    Before its first observation, a place whose first observation is a capture, entry,
    withdrawal or a statement that it came under a side's control (:data:`CHANGE_KINDS`) that
    hands it to S is held by the opponent of S
    (:data:`OPPONENTS`; "the other side" of the war): a town the government takes on D was the
    opposition's in the :data:`INFER_DAYS` before D (earlier, the front may have been
    elsewhere). A place first named in a statement of who holds it (a ``control:`` observation:
    "rebel-held X", a strike by the other side, an encircled garrison) tells no change: its side
    held it in the :data:`INFER_DAYS` before too, as a place keeps its side after a report until
    another changes it. Places whose capturer has no known opponent, advance positions and
    baselines are unknown before their first observation. Such an inferred controller is an
    assumption:
    it yields to its neighbours (places within 3 x :data:`NEIGHBOUR_KM`) when their evidence
    outweighs it, each neighbour's strength (direct evidence: weight x confidence; another
    inferred controller: its own holding) weighing exp(-(d / NEIGHBOUR_KM)^2) at d km, so a town
    next to places reported held by the capturer is not drawn as an island of the other side.
    The inferred controller holds as strongly as the capture report itself on the eve of the
    capture, halving every :data:`HALF_LIFE_DAYS` further back: in the days before its own
    capture a town is the other side's whatever its neighbours say. Inferred from a change, it
    reaches at most :data:`INFERRED_REACH_KM` from its place: a capture tells who held the town,
    not the country around it (the front ran close by); from a statement, as far as the
    statement itself.
Zones and line
    Places are grouped into theatres (places within :data:`THEATRE_LINK_KM`, twice the cell
    radius, chain together, so the zones of two theatres never overlap), so Syria and Ukraine
    never share a diagram. In each theatre, in a local azimuthal equidistant projection
    (metres), the Voronoi cells of the held places (every point of the theatre goes to the side of
    its nearest evidence) are dissolved by side and cut to the *reach* of the evidence: the
    discs around the places, each as large as its evidence is strong (:func:`reach_km`: up to
    :data:`CELL_RADIUS_KM` for a capture, less for a withdrawal or a strike), so a weak report
    does not claim half the region. A cell reaches as far as its own
    disc, or into a stronger neighbour's disc (there its place is still the nearest evidence).
    A place keeps its side, and its reach, until a new report changes it (or, held by strikes
    alone, its last one is :data:`WEAK_DAYS` old; the country it reached stays known). The
    rest of the area of interest (the places' convex hull buffered by :data:`AOI_BUFFER_KM`)
    is ``FrontSnapshot.unknown``. The front line is the boundary shared by zones of different
    sides where both sides' evidence is within :data:`LINE_REACH_KM`. Fewer than two sides in a
    theatre -> no line, and ``FrontSnapshot.note`` says why.
Barriers
    Lines no side spreads across (:mod:`mapper.barriers`: the bundled lower Dnipro, and
    ``frontline map --barriers FILE``). Each line has two banks, the country within
    :data:`BANK_KM` of it on either side. The part of a Voronoi cell on one bank whose place
    lies on the other is cut off and goes to the nearest place not on the other bank (a second
    diagram, of those places); a place's disc of reach stops at the line too, and an inferred
    earlier controller does not yield to a neighbour across it. Where the line parts two
    sides' territories the front line is the barrier itself (probed every
    ``_BARRIER_STEP_M``), drawn where both sides' evidence is within :data:`LINE_REACH_KM`.
    Measured (``bench_front.py --sizes ''``), the bundled Dnipro: Ukraine inside-zone 0.690 ->
    0.727 (majority 0.625 -> 0.661), changed towns 0.860 -> 0.885 (majority 0.664 -> 0.680),
    coverage 0.570 -> 0.533, capture-date 0.728 -> 0.702 (three checks on the left bank, right
    only while the right bank's zone spilled over the river, are now outside every zone);
    Syria unchanged.
Snapshots and confidence
    One snapshot per date with a new observation, and one per day a strike expires
    (:data:`WEAK_DAYS` after it) before the last observation: the place it held leaves the map
    that day, not at the next report, which may come months later. ``confidence`` = mean over
    held places of (observation confidence x weight, halved every :data:`HALF_LIFE_DAYS` of
    age; inferred initial control counting half) x n/(n + 2), with n the number of direct
    observations so far: a heuristic in [0, 1], not a probability. Each snapshot recomputes
    only what changed (see :func:`estimate_front_from_observations`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from mapper.barriers import Barrier, banks, default_barriers
from mapper.geometry import DIRECTIONS, bearing_of, geodesic_distance_km, project
from mapper.model import ArticleExtraction, ControlStatement, Event

__all__ = [
    "AOI_BUFFER_KM",
    "CELL_RADIUS_KM",
    "CORROBORATION_DAYS",
    "RANGE_CYCLE_DAYS",
    "NEIGHBOUR_KM",
    "OVERTAKEN_KM",
    "FULL_REACH_STRENGTH",
    "MIN_REACH_SHARE",
    "HALF_LIFE_DAYS",
    "CHANGE_KINDS",
    "INFER_DAYS",
    "INFERRED_REACH_KM",
    "LINE_REACH_KM",
    "MAX_SIDE_CHARS",
    "STRONG_WEIGHT",
    "WEAK_DAYS",
    "OPPONENTS",
    "SYRIA_ALLIES",
    "ControlFact",
    "ControlObservation",
    "FrontSnapshot",
    "PlaceState",
    "estimate_front",
    "estimate_front_from_observations",
    "observations_from_control",
    "observations_from_extractions",
    "is_missing",
    "normalise_side",
    "observations_from_events",
    "observations_from_records",
    "record_float",
    "reach_km",
    "record_str",
    "share_on_right_side",
    "side_at",
]

#: Each side's opponent: the controller assumed before that side captures a place.
OPPONENTS: dict[str, str] = {
    "government": "opposition",
    "opposition": "government",
    "russia": "ukraine",
    "ukraine": "russia",
}

#: Allies folded into the side they fight with, in a theatre of the Syrian war.
SYRIA_ALLIES: dict[str, str] = {
    "russia": "government",
    "iran": "government",
    "hezbollah": "government",
    "turkey": "opposition",
}

#: No place's cell reaches farther than this from it, in km: beyond it from every piece of
#: evidence the country is "unknown" (``FrontSnapshot.unknown``), not claimed by a lone report.
#: Only strong, corroborated evidence reaches this far (see :func:`reach_km`). Measured
#: (``bench_front.py``, Ukraine inside-zone / changed towns / capture-date, coverage): 80 km
#: 0.670 / 0.834 / 0.623, 0.450; 90 km 0.673 / 0.836 / 0.640, 0.482 (majority 0.592 / 0.654,
#: the margins over it grow too; 85-100 km alike); 120 km 0.680 / 0.849 / 0.667 but the
#: majority rises more (0.607 / 0.675) and the unknown area shrinks. Syria 0.935 throughout.
#: Once inferred before-states reach only :data:`INFERRED_REACH_KM` (the far, near-random part
#: of the old 120 km gain), 120 km gives 0.666 / 0.848 / 0.702, coverage 0.531, against 90 km's
#: 0.665 / 0.849 / 0.675, 0.453 (majority 0.624 / 0.682 against 0.607 / 0.668); 110 km 0.662 /
#: 0.847 / 0.693; 130 km 0.666 / 0.847 / 0.719 (coverage 0.551); 150 km 0.661 / 0.834 / 0.737.
CELL_RADIUS_KM = 120.0
#: Evidence of this strength (weight x confidence) or more reaches :data:`CELL_RADIUS_KM`;
#: weaker evidence reaches proportionally less, down to :data:`MIN_REACH_SHARE` of it. A
#: one-outlet capture (about 0.45) reaches as far as a corroborated one; a withdrawal (about
#: 0.25) or a strike (about 0.18) less. Measured (Ukraine corpus, nearest-evidence checks, 90 km
#: cells): towns whose nearest evidence was weaker than 0.33 (strikes, withdrawals, doubtful
#: reports) were right as often as those nearest stronger evidence (0.79 / 0.77 within 30 km,
#: 0.83 / 0.68 at 60-90 km). 0.5 -> 0.3 (120 km cells): Ukraine capture-date 0.702
#: -> 0.719, inside-zone 0.666 -> 0.668 (majority 0.624 -> 0.626), changed towns 0.848 -> 0.848
#: (majority 0.682 -> 0.679), coverage 0.531 -> 0.541; Syria unchanged; 0.4 and 0.15 alike.
FULL_REACH_STRENGTH = 0.3
MIN_REACH_SHARE = 0.3
#: Buffer around the observed places' hull that bounds the zones, in km (>= the cell radius).
AOI_BUFFER_KM = CELL_RADIUS_KM
#: The line is drawn only where both sides' evidence is within this distance, in km.
LINE_REACH_KM = 25.0
#: Observations at least this heavy are strong (captures, statements); lighter ones (strikes)
#: decide a place only when they outweigh its strong evidence as that ages (:func:`_current`).
STRONG_WEIGHT = 0.5
#: A place captured on D is taken as the other side's only this many days before D (earlier,
#: the front may have been elsewhere). Measured (``bench_front.py --sizes ''``; Ukraine
#: capture-date / inside-zone / changed towns, Syria inside-zone / capture-date): 180 gave
#: 0.623 / 0.653 / 0.774, 0.909 / 0.800; 250 gives 0.623 / 0.653 / 0.780, 0.924 / 0.800 (the
#: plateau of 240-260); 365 gives 0.640 / 0.648 / 0.761, 0.924 / 0.800 (two capture checks
#: bought with inside-zone and changed-town accuracy, and a higher majority baseline).
INFER_DAYS = 250
#: Observations that hand a place to their side: before the first of them, the other side held
#: it. A ``control:`` statement's side held its place before it too (see the module rules).
#: Measured (``bench_front.py --sizes ''``): statements inferring their own side before them,
#: and withdrawals the withdrawing side: Ukraine inside-zone 0.670 -> 0.689, changed towns 0.848
#: -> 0.862, capture-date 0.719 (0.711 with statements alone); Syria inside-zone 0.935 -> 0.941,
#: changed towns 0.956 -> 0.961, capture-date 0.800. A statement that a place came under a
#: side's control (``control:taken``, "X came under regime control") tells a change: a capture.
CHANGE_KINDS = frozenset({"capture", "entry", "withdrawal", "control:taken"})
#: A before-state inferred from a later capture reaches at most this far from its place, in km
#: (:func:`reach_km` of its strength, capped): the capture says who held the town, and the front
#: ran close by. Measured (``bench_front.py``, nearest-evidence checks of the Ukraine corpus):
#: towns whose nearest evidence is an inferred state are right about as often as the majority
#: side (0.54 within 30 km, 0.51 at 30-60, 0.52 at 60-90), direct evidence far more often
#: (0.77-0.79 within 30 km). Ukraine inside-zone 0.659 -> 0.665, changed towns 0.842 -> 0.849,
#: capture-date 0.675 unchanged (20 km: 0.649), coverage 0.478 -> 0.453; Syria unchanged.
#: A statement's earlier holder (``front_failures.py --by-nearest``: right as often as direct
#: evidence, 0.79 within 15 km, where a change's is right 0.40-0.51 at 3-90 km) reaches as far
#: as the statement: Ukraine capture-date 0.719 -> 0.737, inside-zone 0.689 -> 0.692 (majority
#: 0.629 -> 0.625), changed towns 0.862 -> 0.858 (majority 0.679 -> 0.673), coverage 0.549 ->
#: 0.582; Syria unchanged. Cutting a change's cell to this reach, the rest going to the nearest
#: other evidence (a second diagram): 5 km gives inside-zone 0.709 but capture-date 0.658.
INFERRED_REACH_KM = 30.0
#: A weak observation (a strike) is evidence of who holds its place for this many days: older
#: ones no longer count, and a place only they held leaves the snapshot (its cell goes to the
#: nearest evidence still current). A strike says who holds a place at the moment it is
#: reported; months later the place may have changed hands unreported.
#: Measured: Ukraine inside-zone 0.653 -> 0.670, changed towns 0.780 -> 0.834, Syria 0.924 ->
#: 0.935 (14-60 days alike; 90-120: Ukraine 0.68 / 0.83 but Syria back to 0.924). The day a
#: strike expires dates a snapshot of its own (it used to last until the next report; the
#: Ukraine corpus has gaps of 77 days between reports): capture-date 0.719 -> 0.728, inside-zone
#: 0.693 -> 0.689 (majority 0.627 -> 0.625: more snapshots, weighed differently), changed towns
#: 0.861 -> 0.860 (majority 0.672 -> 0.664); Syria inside-zone 0.952 -> 0.954, changed towns
#: 0.958 -> 0.961.
WEAK_DAYS = 60
#: A place's evidence counts half after this many days without a new report.
HALF_LIFE_DAYS = 120.0
#: Places closer than this chain into one theatre (one Voronoi diagram), in km: twice the cell
#: radius, so the zones of two theatres (each within :data:`CELL_RADIUS_KM` of its places) never
#: overlap. Measured with 120 km cells: 150 km (8 Ukrainian theatres, overlapping zones merged by
#: a costly union) 0.668 inside-zone, 0.279 s for 74 snapshots; 240 km (4) 0.670, 0.184 s; the
#: other figures unchanged.
THEATRE_LINK_KM = 2 * CELL_RADIUS_KM
#: Strong reports of one place dated within this many days of its latest one are weighed
#: together (one news cycle): the side with the greater total strength holds it.
CORROBORATION_DAYS = 7
#: A report dated as a range ("in May", its last day counting) is weighed with the place's
#: reports of that range, at most this many days back from its end (a month: "this year" does
#: not reach back to January). Measured (``bench_front.py --sizes ''``): a one-outlet "capture"
#: read "in May" (its 31st) no longer overturns a four-outlet capture of the 20th by the other
#: side: Ukraine inside-zone 0.684 -> 0.693, changed towns 0.852 -> 0.861, capture-date 0.719;
#: Syria unchanged.
RANGE_CYCLE_DAYS = 31
_KEEP_DAYS = RANGE_CYCLE_DAYS + CORROBORATION_DAYS  # how long a place's strong reports are kept
#: Distance scale of the neighbours' evidence an inferred earlier controller yields to, in km
#: (the spacing of villages): direct evidence at d km weighs exp(-(d / NEIGHBOUR_KM)^2).
NEIGHBOUR_KM = 5.0
#: Distance scale of the newer changes of control that overtake a place's report, in km: a
#: change at d km (within 3 x this) weighs exp(-(d / OVERTAKEN_KM)^2) (:func:`_overtaken`).
#: Measured (``bench_front.py --sizes ''``): Syria inside-zone 0.902 -> 0.946, changed towns
#: 0.891 -> 0.950; Ukraine inside-zone 0.727 -> 0.728, changed towns 0.886 -> 0.887;
#: capture-date unchanged (0.702, 0.833). 8 km alike; 12-15 km: Ukraine 0.703 / 0.848.
#: Counting any newer neighbouring report, not only changes: Ukraine 0.708 / 0.855.
OVERTAKEN_KM = 10.0

_WEIGHTS = {"capture": 1.0, "entry": 1.0, "advance": 0.5, "withdrawal": 0.5}
_MIN_LINE_M = 10.0  # drop slivers of shared boundary shorter than this


#: A side is a short name ("russia", "government"); a longer value is no side (bounded work).
MAX_SIDE_CHARS = 100


def normalise_side(actor: str | None) -> str | None:
    """The side name used for zones: the actor lower-cased and stripped, or None.

    A value of more than :data:`MAX_SIDE_CHARS` characters (once stripped) is None too: it is
    never lower-cased or carried on, whatever its size.
    """
    if actor is None:
        return None
    text = str(actor)
    if len(text) > MAX_SIDE_CHARS and len(text.strip()) > MAX_SIDE_CHARS:
        return None
    side = text.strip().lower()
    return side or None


@dataclass(frozen=True, slots=True)
class ControlObservation:
    """Side ``side`` holds the place ``key`` at (``lon``, ``lat``) from ``date`` on."""

    key: str
    name: str
    lon: float
    lat: float
    side: str
    date: date
    kind: str
    weight: float
    confidence: float
    event_id: str
    order: int = 0  # position in the input, breaks same-day ties
    #: The first day of a report dated as a range ("in May": ``date`` is its last day, when the
    #: event is certain); None for a report of one day.
    start: dt.date | None = None


@dataclass(frozen=True, slots=True)
class PlaceState:
    """Who holds one place at a snapshot's date, and on what evidence."""

    key: str
    name: str
    lon: float
    lat: float
    side: str
    inferred: bool  # True: initial controller deduced from a later report
    since: date | None
    event_id: str
    #: How far the place's evidence claims the country around it (:func:`reach_km`).
    reach_km: float = CELL_RADIUS_KM


@dataclass(frozen=True, slots=True)
class FrontSnapshot:
    """Estimated control zones and front line at one date (WGS84, lon/lat geometries).

    ``zones`` maps side -> Polygon/MultiPolygon; ``line`` is None when no two sides meet
    (``note`` says why). ``observations`` counts direct observations on or before ``date``.
    """

    date: date
    zones: dict[str, BaseGeometry]
    line: BaseGeometry | None
    observations: int
    confidence: float
    places: tuple[PlaceState, ...] = ()
    note: str = ""
    new_event_ids: tuple[str, ...] = field(default=())
    #: The area within the theatres beyond the reach of any evidence (lon/lat).
    unknown: BaseGeometry | None = None
    #: ``confidence`` over each side's places alone: a side whose places are not reported for
    #: a long time keeps its zone, with this confidence decaying (halved every
    #: :data:`HALF_LIFE_DAYS`).
    side_confidence: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ControlFact:
    """Ground truth for scoring: ``side`` holds the place from ``date`` on, ``before`` earlier."""

    name: str
    lon: float
    lat: float
    date: date
    side: str
    before: str | None = None


def is_missing(value: Any) -> bool:
    """True for None and NaN: a record's empty cell (JSON null, a frame's missing value)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def record_float(value: Any, digits: int | None = None) -> float | None:
    """A record's cell as a finite float (rounded to ``digits`` if given); None otherwise."""
    if value is None:
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(out):
        return None
    return round(out, digits) if digits is not None else out


def record_str(value: Any) -> str | None:
    """A record's cell as a non-empty string; None for None, NaN and ""."""
    if is_missing(value):
        return None
    return str(value) or None


def _as_date(value: Any) -> date | None:
    if is_missing(value):
        return None
    if isinstance(value, datetime):  # pandas Timestamps too; NaT is not a valid day
        return None if value != value else value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def observations_from_records(records: Iterable[Mapping[str, Any]]) -> list[ControlObservation]:
    """Control observations from flat event records (``Event.to_dict()`` or a frame's rows)."""
    out: list[ControlObservation] = []
    for order, rec in enumerate(records):
        kind = record_str(rec.get("type")) or ""
        weight = _WEIGHTS.get(kind)
        side = normalise_side(record_str(rec.get("actor")))
        first_day = _as_date(rec.get("date"))
        when = _as_date(rec.get("date_end")) or first_day
        lon, lat = record_float(rec.get("lon")), record_float(rec.get("lat"))
        if weight is None or side is None or when is None or lon is None or lat is None:
            continue
        event_id = record_str(rec.get("id")) or ""
        name = record_str(rec.get("place_name")) or record_str(rec.get("place")) or ""
        if kind == "advance":
            dist = record_float(rec.get("distance_km"))
            if dist is None:
                continue  # "advancing on X" is a direction of travel, not a held position
            alon, alat = record_float(rec.get("anchor_lon")), record_float(rec.get("anchor_lat"))
            direction = record_str(rec.get("direction"))
            # the latest position reported on one side of one place replaces the earlier ones
            anchor = record_str(rec.get("place_id")) or f"{alon},{alat}"
            key = f"position:{anchor}:{direction or '-'}"
            if direction in DIRECTIONS and alon is not None and alat is not None:
                with contextlib.suppress(ValueError):  # impossible anchor: keep the stored point
                    lon, lat = project(alon, alat, dist, bearing_of(direction))
        else:
            place_id = record_str(rec.get("place_id"))
            key = str(place_id) if place_id else f"point:{lon:.4f},{lat:.4f}"
        if kind == "withdrawal":
            other = OPPONENTS.get(side)
            if other is None:
                continue
            side = other
        conf = record_float(rec.get("confidence"))
        out.append(
            ControlObservation(
                key=key,
                name=name,
                lon=lon,
                lat=lat,
                side=side,
                date=when,
                kind=kind,
                weight=weight,
                confidence=0.5 if conf is None else min(max(conf, 0.0), 1.0),
                event_id=event_id,
                order=order,
                start=first_day if first_day is not None and first_day < when else None,
            )
        )
    return out


def observations_from_events(events: Iterable[Event]) -> list[ControlObservation]:
    """Control observations from :class:`~mapper.model.Event` objects (see the module rules)."""
    return observations_from_records(e.to_dict() for e in events)


def observations_from_control(
    statements: Iterable[ControlStatement], *, start: int = 1_000_000
) -> list[ControlObservation]:
    """Control observations from statements of who holds a place (``ArticleExtraction.control``).

    Each holds from its date on with its phrase's weight; undated ones are skipped. ``start``
    numbers them after the events (same-day ties go to the later input).
    """
    out = []
    for order, st in enumerate(statements, start=start):
        place = st.place.place
        if place is None or st.date is None:
            continue
        out.append(
            ControlObservation(
                key=place.id,
                name=place.name,
                lon=place.lon,
                lat=place.lat,
                side=st.side,
                date=st.date,
                kind=f"control:{st.kind}",
                weight=st.weight,
                confidence=0.7,
                event_id=st.id,
                order=order,
            )
        )
    return out


def observations_from_extractions(
    extractions: Iterable[ArticleExtraction],
) -> list[ControlObservation]:
    """Every control observation of some extractions: their events' and their statements'."""
    extractions = list(extractions)
    events = observations_from_events(e for x in extractions for e in x.events)
    control = observations_from_control(s for x in extractions for s in x.control)
    return events + control


def estimate_front(
    events: Iterable[Event], *, control: Iterable[ControlStatement] = ()
) -> list[FrontSnapshot]:
    """One :class:`FrontSnapshot` per date with new control evidence, oldest first.

    ``control`` adds statements of who holds a place (:mod:`mapper.extract.control`).
    """
    observations = observations_from_events(events) + observations_from_control(control)
    return estimate_front_from_observations(observations)


def _merge_allies(
    observations: Sequence[ControlObservation], theatres: Mapping[str, int]
) -> list[ControlObservation]:
    """Fold allies into the side they fight with, in theatres of the Syrian war.

    A theatre is Syrian when the government or the opposition holds places there and Ukraine
    does not (:data:`SYRIA_ALLIES`).
    """
    sides: dict[int, set[str]] = {}
    for o in observations:
        sides.setdefault(theatres[o.key], set()).add(o.side)
    out = []
    for o in observations:
        present = sides[theatres[o.key]]
        syrian = bool(present & {"government", "opposition"}) and "ukraine" not in present
        if syrian and o.side in SYRIA_ALLIES:
            o = replace(o, side=SYRIA_ALLIES[o.side])
        out.append(o)
    return out


def reach_km(strength: float) -> float:
    """How far from its place a piece of evidence of ``strength`` (weight x confidence) reaches.

    :data:`CELL_RADIUS_KM` at :data:`FULL_REACH_STRENGTH` or more, proportionally less below,
    never under :data:`MIN_REACH_SHARE` of it: a strike or a weak report claims a smaller area
    than a capture (measured on the Ukraine corpus, ``bench_front.py``).
    """
    share = min(1.0, max(MIN_REACH_SHARE, strength / FULL_REACH_STRENGTH))
    return round(CELL_RADIUS_KM * share, 1)


def _fixed_places(observations: Sequence[ControlObservation]) -> dict[str, tuple[float, float]]:
    """Each place's location: where its first observation (by date) put it.

    A place does not move: reports of it that differ by a few metres (rounding, another
    source's coordinates) must not rebuild the diagram. A reported position (an advance,
    ``position:`` key) moves with each report and is not in the result.
    """
    first: dict[str, ControlObservation] = {}
    for o in observations:
        if o.key.startswith("position:"):
            continue
        seen = first.get(o.key)
        if seen is None or _rank(o) < _rank(seen):
            first[o.key] = o
    return {k: (o.lon, o.lat) for k, o in first.items()}


def _rank(obs: ControlObservation) -> tuple[date, float, float, int]:
    return (obs.date, obs.weight, obs.confidence, obs.order)


def _strength(obs: ControlObservation) -> int:
    """1 for strong evidence (captures, statements, baselines), 0 for weak (strikes)."""
    return 1 if obs.weight >= STRONG_WEIGHT else 0


def _news_cycle(
    history: Sequence[ControlObservation], latest: ControlObservation
) -> list[ControlObservation]:
    """The strong reports of a place weighed together with its ``latest`` one (date order).

    Those dated within :data:`CORROBORATION_DAYS` of ``latest``'s span: a report dated as a
    range ("in May") may tell of any day of it, so the reports of that range (at most
    :data:`RANGE_CYCLE_DAYS` back from its end) are of its news cycle too.
    """
    first = latest.date.toordinal()
    if latest.start is not None:
        first = max(latest.start.toordinal(), first - RANGE_CYCLE_DAYS)
    cutoff = first - CORROBORATION_DAYS
    return [o for o in history if o.date.toordinal() >= cutoff]


def _corroborated(recent: Sequence[ControlObservation]) -> ControlObservation | None:
    """The strong report that decides a place among its reports of one news cycle.

    ``recent`` holds the place's strong reports dated within :data:`CORROBORATION_DAYS` of the
    latest one, in date order. Each side scores the sum of its reports' weight x confidence; the
    heaviest side wins (a tie: the side of the latest report) and its latest report decides.
    """
    if len(recent) < 2:
        return recent[0] if recent else None
    score: dict[str, float] = {}
    for o in recent:
        score[o.side] = score.get(o.side, 0.0) + o.weight * o.confidence
    best = max(score.values())
    winner = next(o.side for o in reversed(recent) if score[o.side] >= best - 1e-9)
    return next(o for o in reversed(recent) if o.side == winner)


def _current(
    strong: ControlObservation | None, weak: Sequence[ControlObservation], when: date
) -> ControlObservation | None:
    """The observation that decides a place at ``when``.

    ``strong`` is the place's deciding strong report, ``weak`` its weak reports newer than it
    (all of them when there is none), in date order. Without a strong report the latest weak
    one decides. Otherwise the strong report scores its weight x confidence halved every
    :data:`HALF_LIFE_DAYS` of age, plus the newer weak reports of its side; each other side the
    sum of its newer weak reports' weight x confidence. The heaviest side wins (a tie keeps
    the strong report): a strike does not overturn a fresh capture, but strikes that keep
    coming overturn a report grown old.
    """
    if strong is None:
        return weak[-1] if weak else None
    if not weak:
        return strong
    age = max((when - strong.date).days, 0)
    score = {strong.side: strong.weight * strong.confidence * 0.5 ** (age / HALF_LIFE_DAYS)}
    for w in weak:
        score[w.side] = score.get(w.side, 0.0) + w.weight * w.confidence
    best = max(score.values())
    if score[strong.side] >= best:
        return strong
    return next(w for w in reversed(weak) if score[w.side] >= best)


def estimate_front_from_observations(
    observations: Sequence[ControlObservation],
    *,
    incremental: bool = True,
    barriers: Sequence[Barrier] | None = None,
) -> list[FrontSnapshot]:
    """Snapshots from control observations (see the module docstring for every rule).

    ``barriers``: lines no side spreads across (:mod:`mapper.barriers`); None means the
    bundled ones (:func:`~mapper.barriers.default_barriers`), ``()`` none.

    Incremental: observations are replayed in date order and each snapshot updates only the
    places that have new evidence; a theatre's Voronoi cells are rebuilt only when its places
    change, its reach (the discs around its places) grows by the new places only, and zones are
    reused when no side changed. ``incremental=False`` recomputes everything at every snapshot
    (the benchmark's baseline; same result unless a reported position moved or a place held
    by strikes alone expired, whose old spot then leaves the reach).
    """
    if not observations:
        return []
    fixed = _fixed_places(observations)
    points = {o.key: (o.lon, o.lat) for o in observations} | fixed
    theatres = _theatres(points)
    observations = _merge_allies(observations, theatres)
    centres = _centres(points, theatres)
    ordered = sorted(observations, key=_rank)
    first: dict[str, ControlObservation] = {}
    for obs in ordered:
        first.setdefault(obs.key, obs)
    # places known before their first report: the capturer's opponent held them
    inferred: dict[str, PlaceState] = {}
    inferred_weight: dict[str, float] = {}
    for key, obs in first.items():
        before = _earlier_holder(obs)
        if before is not None:
            inferred_weight[key] = 0.5 * obs.confidence
            inferred[key] = PlaceState(
                key,
                obs.name,
                obs.lon,
                obs.lat,
                before,
                True,
                None,
                obs.event_id,
                _inferred_reach(obs, inferred_weight[key]),
            )
    inferred_side = {k: st.side for k, st in inferred.items()}
    if barriers is None:
        barriers = default_barriers()
    lines = shapely.union_all([b.geometry for b in barriers]) if barriers else None
    near = _neighbours(inferred, fixed, lines)
    # every place's neighbours, for reports overtaken by newer changes next to them
    overtaking = _neighbours(fixed, fixed, lines, scale_km=OVERTAKEN_KM)
    overtaken: dict[str, PlaceState] = {}  # each decided place's state once weighed
    overtaken_states: dict[tuple[str, str], PlaceState] = {}  # one object per place and side
    around: dict[str, list[str]] = {}  # place -> the inferred places it is a neighbour of
    for key, pairs in near.items():
        for other, _ in pairs:
            around.setdefault(other, []).append(key)
    yielded: dict[tuple[str, str], PlaceState] = {}  # inferred states that took another side
    yield_side: dict[str, str] = {}  # each active inferred place's side (with neighbours:
    was_active: set[str] = set()  # weighed at every snapshot, its holding changes by date)
    strong: dict[str, ControlObservation] = {}
    recent: dict[str, list[ControlObservation]] = {}  # strong reports of the latest news cycle
    weak: dict[str, list[ControlObservation]] = {}  # weak reports newer than the strong one
    # the decided state of each observed place, updated only where something changed
    decided: dict[str, tuple[PlaceState, ControlObservation]] = {}
    snapshots = []
    cache: dict[Any, Any] = {"barriers": lines}
    i = 0
    n_direct = 0
    # days a strike expires (within the reported period): snapshots with no new observation
    last_day = ordered[-1].date.toordinal()
    quiet: list[int] = []
    while i < len(ordered):
        nxt = ordered[i].date.toordinal()
        day0 = quiet[0] if quiet and quiet[0] < nxt else nxt
        while quiet and quiet[0] <= day0:
            heapq.heappop(quiet)
        when = date.fromordinal(day0)
        new_ids = []
        touched = set()
        while i < len(ordered) and ordered[i].date == when:
            obs = ordered[i]
            if not _strength(obs) and obs.date.toordinal() + WEAK_DAYS + 1 <= last_day:
                heapq.heappush(quiet, obs.date.toordinal() + WEAK_DAYS + 1)
            if _strength(obs):
                history = recent.setdefault(obs.key, [])
                day = obs.date.toordinal()
                history[:] = [o for o in history if o.date.toordinal() >= day - _KEEP_DAYS]
                history.append(obs)
                strong[obs.key] = _corroborated(_news_cycle(history, obs)) or obs
                weak[obs.key] = [w for w in weak.get(obs.key, ()) if w.date > obs.date]
            else:
                weak.setdefault(obs.key, []).append(obs)
            inferred.pop(obs.key, None)
            touched.add(obs.key)
            new_ids.append(obs.event_id)
            n_direct += 1
            i += 1
        # places with a weak report newer than their strong one may turn as the strong one ages,
        # and weak reports expire after WEAK_DAYS
        touched |= {k for k, w in weak.items() if w}
        if not incremental:
            cache.clear()
            cache["barriers"] = lines
            decided.clear()
            touched = strong.keys() | weak.keys()
        for key in touched:
            fresh = [w for w in weak.get(key, ()) if (when - w.date).days <= WEAK_DAYS]
            if key in weak:
                weak[key] = fresh
            last = _current(strong.get(key), fresh, when)
            if last is None:  # only expired strikes: nothing says who holds it now
                decided.pop(key, None)
                continue
            if key in decided and decided[key][1] is last:
                continue
            lon, lat = fixed.get(key, (last.lon, last.lat))
            state = PlaceState(
                key,
                last.name,
                lon,
                lat,
                last.side,
                False,
                last.date,
                last.event_id,
                reach_km(last.weight * last.confidence),
            )
            decided[key] = (state, last)
        for key in touched | {k for t in touched for k, _ in overtaking.get(t, ())}:
            got = decided.get(key)
            if got is None:
                overtaken.pop(key, None)
                continue
            overtaken[key] = _overtaken(*got, overtaking.get(key, ()), decided, overtaken_states)
        states = [overtaken[k] for k in decided]
        day = when.toordinal()
        base = np.fromiter((o.confidence * o.weight for _, o in decided.values()), float)
        ages = np.fromiter((day - o.date.toordinal() for _, o in decided.values()), float)
        decayed = base * 0.5 ** (np.maximum(ages, 0.0) / HALF_LIFE_DAYS)
        per_side = _sums_by_side([st.side for st in states], decayed)
        active = {
            k: (st, inferred_weight[k])
            for k, st in inferred.items()
            if (first[k].date - when).days <= INFER_DAYS
        }
        moved = touched | (active.keys() ^ was_active)
        dirty = {k for m in moved for k in around.get(m, ())} | (active.keys() - was_active)
        was_active = set(active)
        # each inferred side holds as strongly as its capture, less the further back: all
        # are weighed again at every snapshot (their weights change with the date)
        holding = {k: (st, _holding(first[k], when)) for k, (st, _) in active.items()}
        for key in (dirty & was_active) - near.keys():
            yield_side[key] = inferred_side[key]  # no neighbours: nothing to yield to
        for key in was_active & near.keys():
            yield_side[key] = _yield_side(
                inferred_side[key], holding[key][1], near[key], decided, holding
            )
        for key, (st, weight) in active.items():
            side = yield_side[key]
            if side != st.side:  # a state per side, so the zones' caches see the same object
                st = yielded.setdefault((key, side), replace(st, side=side))
            states.append(st)
            acc = per_side.setdefault(st.side, [0.0, 0.0])
            acc[0] += weight
            acc[1] += 1
        states.sort(key=lambda s: s.key)
        total, count = sum(a[0] for a in per_side.values()), len(states)
        damp = n_direct / (n_direct + 2)
        confidence = (total / count) * damp if count else 0.0
        side_confidence = {s: round(a[0] / a[1] * damp, 4) for s, a in sorted(per_side.items())}
        zones, line, note, unknown = _zones_and_line(states, theatres, cache, centres)
        snapshots.append(
            FrontSnapshot(
                date=when,
                zones=zones,
                line=line,
                observations=n_direct,
                confidence=round(confidence, 4),
                places=tuple(states),
                note=note,
                new_event_ids=tuple(new_ids),
                unknown=unknown,
                side_confidence=side_confidence,
            )
        )
    return snapshots


def _earlier_holder(first: ControlObservation) -> str | None:
    """Who held a place before its first observation ``first``, as it implies (None: unknown).

    A change (:data:`CHANGE_KINDS`) hands the place to its side: the opponent held it. A
    statement of who holds the place (``control:`` kinds) tells no change: its side held it.
    """
    if first.kind in CHANGE_KINDS:
        return OPPONENTS.get(first.side)
    if first.kind.startswith("control:"):
        return first.side
    return None


def _inferred_reach(first: ControlObservation, strength: float) -> float:
    """How far the earlier holder ``first`` implies reaches, in km.

    A change's (:data:`CHANGE_KINDS`) at most :data:`INFERRED_REACH_KM` (the front ran close by);
    a statement's as far as the statement itself (:func:`reach_km` of its strength): it tells no
    change.
    """
    if first.kind in CHANGE_KINDS:
        return min(INFERRED_REACH_KM, reach_km(strength))
    return reach_km(first.weight * first.confidence)


def _holding(capture: ControlObservation, when: date) -> float:
    """How strongly a capture of a place on D says the other side held it at ``when`` < D.

    As strongly as the capture report itself on the eve of D, halving every
    :data:`HALF_LIFE_DAYS` further back (the front may have been elsewhere): a town's own
    capture outweighs its neighbours' evidence in the days before it.
    """
    days = max((capture.date - when).days, 0)
    return capture.weight * capture.confidence * 0.5 ** (days / HALF_LIFE_DAYS)


def _neighbours(
    inferred: Mapping[str, object],
    fixed: Mapping[str, tuple[float, float]],
    barriers: BaseGeometry | None = None,
    *,
    scale_km: float = NEIGHBOUR_KM,
) -> dict[str, list[tuple[str, float]]]:
    """Each place of ``inferred``'s neighbours and their distance weights (computed once).

    The neighbours are the places within 3 x ``scale_km`` (:data:`NEIGHBOUR_KM`), each weighing
    exp(-(d / scale_km)^2) at d km: places do not move. A place across a barrier line
    (``barriers``, lon/lat) is no neighbour.
    """
    todo = [k for k in inferred if k in fixed]
    if not todo or len(fixed) < 2:
        return {}
    keys = list(fixed)
    radius = 3 * scale_km
    tree = shapely.STRtree(shapely.points(np.asarray([fixed[k] for k in keys])))
    # in degrees, generous up to 60 degrees of latitude; the geodesic distance decides
    left, right = tree.query(
        shapely.points(np.asarray([fixed[k] for k in todo])),
        predicate="dwithin",
        distance=radius / (111.0 * 0.5),
    )
    pairs = [(todo[a], keys[b]) for a, b in zip(left.tolist(), right.tolist(), strict=True)]
    pairs = [(key, other) for key, other in pairs if other != key]
    if barriers is not None and not barriers.is_empty and pairs:
        links = shapely.linestrings(
            np.asarray([[fixed[key], fixed[other]] for key, other in pairs], dtype=float)
        )
        shapely.prepare(barriers)
        blocked = shapely.intersects(barriers, links)
        pairs = [pair for pair, cut in zip(pairs, blocked.tolist(), strict=True) if not cut]
    out: dict[str, list[tuple[str, float]]] = {}
    for key, other in pairs:
        d = geodesic_distance_km(*fixed[key], *fixed[other])
        if d <= radius:
            out.setdefault(key, []).append((other, math.exp(-((d / scale_km) ** 2))))
    return out


def _overtaken(
    state: PlaceState,
    obs: ControlObservation,
    neighbours: Sequence[tuple[str, float]],
    decided: Mapping[str, tuple[PlaceState, ControlObservation]],
    memo: dict[tuple[str, str], PlaceState],
) -> PlaceState:
    """A place's state once the newer changes of control next to it are weighed.

    Its deciding report ``obs`` scores its strength (weight x confidence); each neighbour whose
    deciding report is a change (:data:`CHANGE_KINDS`) dated more than
    :data:`CORROBORATION_DAYS` after ``obs`` adds, to its side, its strength x its distance
    weight (:data:`OVERTAKEN_KM`), both halved every :data:`HALF_LIFE_DAYS` of age (the date
    cancels out). The heaviest side wins (a tie keeps the place's own): a front that moved past
    a place turns it. ``memo`` keeps one state per place and side (the zones' caches).
    """
    score = {state.side: obs.weight * obs.confidence}
    for other, w in neighbours:
        got = decided.get(other)
        if got is None:
            continue
        o = got[1]
        newer = (o.date - obs.date).days
        if newer <= CORROBORATION_DAYS or o.kind not in CHANGE_KINDS:
            continue
        gain = o.weight * o.confidence * w * 0.5 ** (-newer / HALF_LIFE_DAYS)
        score[got[0].side] = score.get(got[0].side, 0.0) + gain
    best = max(score.values())
    if score[state.side] >= best:
        return state
    side = next(s for s, v in score.items() if v >= best)
    return memo.setdefault((state.key, side), replace(state, side=side))


def _yield_side(
    side: str,
    weight: float,
    neighbours: Sequence[tuple[str, float]],
    decided: Mapping[str, tuple[PlaceState, ControlObservation]],
    active: Mapping[str, tuple[PlaceState, float]],
) -> str:
    """The side of an inferred earlier controller once its neighbours' evidence is weighed.

    The inferred side scores its own weight; each neighbour adds, to the side holding it now,
    its strength (direct evidence: weight x confidence; another inferred controller: its
    weight) x its distance weight. The heaviest side wins (a tie keeps the inferred one): an
    assumption about the past yields to what was reported, or assumed more strongly, next to it.
    """
    if not neighbours:
        return side
    score = {side: weight}
    for other, w in neighbours:
        got = decided.get(other)
        if got is not None:
            st, obs = got
            score[st.side] = score.get(st.side, 0.0) + obs.weight * obs.confidence * w
        elif other in active:
            st, wt = active[other]
            score[st.side] = score.get(st.side, 0.0) + wt * w
    best = max(score.values())
    return side if score[side] >= best else max(score, key=score.__getitem__)


def _sums_by_side(sides: Sequence[str], values: np.ndarray) -> dict[str, list[float]]:
    """Side -> [sum of its values, count] (numpy, for the thousands of places of a snapshot)."""
    if not len(sides):
        return {}
    names, which = np.unique(np.asarray(sides, dtype=object), return_inverse=True)
    sums = np.bincount(which, weights=values, minlength=len(names))
    counts = np.bincount(which, minlength=len(names))
    return {str(n): [float(s), float(c)] for n, s, c in zip(names, sums, counts, strict=True)}


def _centres(
    points: Mapping[str, tuple[float, float]], theatres: Mapping[str, int]
) -> dict[int, tuple[float, float]]:
    """Centre of each theatre's local projection (its places' mean, rounded to 0.1 deg)."""
    sums: dict[int, list[float]] = {}
    for key, (lon, lat) in points.items():
        acc = sums.setdefault(theatres[key], [0.0, 0.0, 0.0])
        acc[0] += lon
        acc[1] += lat
        acc[2] += 1
    return {t: (round(a[0] / a[2], 1), round(a[1] / a[2], 1)) for t, a in sums.items()}


def _theatres(points: Mapping[str, tuple[float, float]]) -> dict[str, int]:
    """Theatre number of each key: single-linkage groups of places within THEATRE_LINK_KM."""
    keys = sorted(points)
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    coords = np.asarray([points[k] for k in keys])
    geoms = shapely.points(coords)
    tree = shapely.STRtree(geoms)
    # a degree of longitude shrinks with latitude: query wide enough at the farthest latitude,
    # then keep the pairs within THEATRE_LINK_KM (equirectangular: ample at this scale)
    widest = math.cos(math.radians(min(float(np.abs(coords[:, 1]).max()), 80.0)))
    left, right = tree.query(
        geoms, predicate="dwithin", distance=THEATRE_LINK_KM / (111.0 * widest)
    )
    middle = np.radians((coords[left, 1] + coords[right, 1]) / 2.0)
    dx = (coords[left, 0] - coords[right, 0]) * 111.32 * np.cos(middle)
    dy = (coords[left, 1] - coords[right, 1]) * 110.57
    near = np.hypot(dx, dy) <= THEATRE_LINK_KM
    for i, j in zip(left[near].tolist(), right[near].tolist(), strict=True):
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    return {k: find(i) for i, k in enumerate(keys)}


@functools.lru_cache(maxsize=64)
def _local_crs(lon: float, lat: float) -> tuple[Transformer, Transformer]:
    proj = f"+proj=aeqd +lat_0={lat:.6f} +lon_0={lon:.6f} +datum=WGS84 +units=m +no_defs"
    fwd = Transformer.from_crs("EPSG:4326", proj, always_xy=True)
    inv = Transformer.from_crs(proj, "EPSG:4326", always_xy=True)
    return fwd, inv


def _transform(geom: BaseGeometry, tr: Transformer) -> BaseGeometry:
    def fn(coords: np.ndarray) -> np.ndarray:
        x, y = tr.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, fn)


def _zones_and_line(
    states: Sequence[PlaceState],
    theatres: Mapping[str, int],
    cache: dict[Any, Any],
    centres: Mapping[int, tuple[float, float]],
) -> tuple[dict[str, BaseGeometry], BaseGeometry | None, str, BaseGeometry | None]:
    groups: dict[int, list[PlaceState]] = {}
    for st in states:
        groups.setdefault(theatres[st.key], []).append(st)
    zone_parts: dict[str, list[BaseGeometry]] = {}
    line_parts: list[BaseGeometry] = []
    notes: list[str] = []
    unknown_parts: list[BaseGeometry] = []
    for theatre, group in groups.items():
        zones, line, note, unknown = _theatre_zones(group, cache, theatre, centres[theatre])
        if not unknown.is_empty:
            unknown_parts.append(unknown)
        for side, geom in zones.items():
            zone_parts.setdefault(side, []).append(geom)
        if line is not None:
            line_parts.append(line)
        if note:
            notes.append(note)
    zones_ll = {
        side: parts[0] if len(parts) == 1 else _safe_union(parts)
        for side, parts in zone_parts.items()
    }
    line_ll = None
    if line_parts:
        line_ll = line_parts[0] if len(line_parts) == 1 else shapely.union_all(line_parts)
        line_ll = shapely.line_merge(line_ll)
    note = "" if line_ll is not None else "; ".join(sorted(set(notes)))
    unknown_ll = None
    if unknown_parts:
        unknown_ll = unknown_parts[0] if len(unknown_parts) == 1 else _safe_union(unknown_parts)
    return dict(sorted(zones_ll.items())), line_ll, note, unknown_ll


def _theatre_cells(
    states: Sequence[PlaceState],
    cache: dict[Any, Any],
    theatre: int,
    centre: tuple[float, float],
) -> tuple[
    Transformer,
    list[int],
    np.ndarray,
    np.ndarray,
    BaseGeometry,
    dict[str, tuple[float, float]],
    int,
]:
    """A theatre's Voronoi cells (metres) for its current place set.

    Returned: the inverse transformer, the generators (indices into states), the cells, each
    cell's owner (an index into the generators), the area of interest, each state's projected
    location and a version number of the place set. The cells form a coverage: one per
    generator, and the part of a cell on a barrier's far bank goes to the nearest generators
    not on that far bank (:func:`_barrier_cells`). They depend only on which places
    are held, not by whom: they are kept per theatre for the latest place set (one generator
    per distinct location, the first state by key winning).
    """
    key = tuple((s.key, s.lon, s.lat) for s in states)
    slot = cache.get(("cells", theatre))
    if slot is not None and slot[0] == key:
        return slot[1]
    fwd, inv = _local_crs(*centre)
    projected: dict[tuple[float, float], tuple[float, float]] = cache.setdefault(
        ("xy", theatre), {}
    )
    todo = list({(st.lon, st.lat) for st in states if (st.lon, st.lat) not in projected})
    if todo:
        xs, ys = fwd.transform([p[0] for p in todo], [p[1] for p in todo])
        for p, x, y in zip(todo, xs, ys, strict=True):
            projected[p] = (round(float(x), 1), round(float(y), 1))
    seen: dict[tuple[float, float], int] = {}
    for i, st in enumerate(states):
        seen.setdefault(projected[(st.lon, st.lat)], i)
    locs = list(seen)
    pts = shapely.points(np.asarray(locs))
    multi = shapely.multipoints(pts)
    aoi = shapely.convex_hull(multi).buffer(AOI_BUFFER_KM * 1000.0, quad_segs=8)
    if len(pts) == 1:
        cells = np.array([aoi], dtype=object)
    else:
        diagram = shapely.voronoi_polygons(multi, extend_to=aoi, ordered=True)
        cells = shapely.get_parts(diagram)
    owners = np.arange(len(cells))
    barrier = _theatre_barrier(cache, theatre, fwd)
    if barrier is not None and not shapely.intersects(barrier[0], aoi):
        barrier = None  # (the area of interest holds every disc of reach too)
    cache[("barrier_on", theatre)] = barrier
    if barrier is not None:
        cells, owners = _barrier_cells(cells, np.asarray(locs, dtype=float), barrier[1], aoi)
    version = cache.get("version", 0) + 1  # names this place set in the zones' cache keys
    cache["version"] = version
    where = {st.key: projected[(st.lon, st.lat)] for st in states}
    value = (inv, list(seen.values()), cells, owners, aoi, where, version)
    cache[("cells", theatre)] = (key, value)
    return value


def _theatre_barrier(
    cache: dict[Any, Any], theatre: int, fwd: Transformer
) -> tuple[BaseGeometry, list[tuple[BaseGeometry, BaseGeometry]]] | None:
    """The barrier lines (``cache["barriers"]``, lon/lat) in a theatre's projection, with banks.

    Each line's two banks (:func:`~mapper.barriers.banks`, :data:`BANK_KM` wide), prepared.
    Kept per theatre; None without barriers.
    """
    slot = ("barrier", theatre)
    if slot in cache:
        return cache[slot]
    lines = cache.get("barriers")
    value = None
    if lines is not None and not lines.is_empty:
        # densified first: a long straight segment in lon/lat stays on its course, not a chord
        projected = _transform(shapely.segmentize(lines, 0.1), fwd)
        sides = []
        for part in shapely.get_parts(projected):
            pair = banks(part, BANK_KM * 1000.0)
            if pair is not None:
                shapely.prepare(pair[0])
                shapely.prepare(pair[1])
                sides.append(pair)
        if sides:
            shapely.prepare(projected)
            value = (projected, sides)
    cache[slot] = value
    return value


def _barrier_cells(
    cells: np.ndarray,
    locs: np.ndarray,
    sides: Sequence[tuple[BaseGeometry, BaseGeometry]],
    aoi: BaseGeometry,
) -> tuple[np.ndarray, np.ndarray]:
    """Voronoi ``cells`` of ``locs`` with no generator holding land across a barrier.

    For each barrier line and each of its banks: the parts of cells on that bank whose
    generator lies on the other bank are cut off, and go to the nearest generator not on the
    other bank (a second Voronoi diagram, of those generators). Returned: the pieces and each
    piece's owner (an index into ``locs``). Barriers are applied one after the other.
    """
    pieces = np.asarray(cells, dtype=object)
    owners = np.arange(len(cells))
    for bank_a, bank_b in sides:
        in_a = shapely.contains_xy(bank_a, locs[:, 0], locs[:, 1])
        in_b = shapely.contains_xy(bank_b, locs[:, 0], locs[:, 1])
        for bank, foreign in ((bank_a, in_b), (bank_b, in_a)):
            if not foreign.any():
                continue
            cut = foreign[owners] & shapely.intersects(bank, pieces)
            if not cut.any():
                continue
            taken = shapely.intersection(pieces[cut], bank)
            pieces = pieces.copy()
            pieces[cut] = [_valid(g) for g in shapely.difference(pieces[cut], bank)]
            allowed = np.flatnonzero(~foreign)
            if not len(allowed):
                continue  # nobody on this side of the line: its bank stays unheld
            lost = _safe_union(list(taken))
            if len(allowed) == 1:
                parts = np.array([lost], dtype=object)
            else:
                diagram = shapely.voronoi_polygons(
                    shapely.multipoints(locs[allowed]), extend_to=aoi, ordered=True
                )
                parts = shapely.intersection(shapely.get_parts(diagram), lost)
            keep = ~shapely.is_empty(parts) & (shapely.area(parts) > 1.0)
            pieces = np.concatenate([pieces, [_valid(g) for g in parts[keep]]])
            owners = np.concatenate([owners, allowed[keep]])
    keep = ~shapely.is_empty(pieces)
    return pieces[keep], owners[keep]


def _barrier_line(territory: Mapping[str, BaseGeometry], barrier: BaseGeometry) -> np.ndarray:
    """The pieces of ``barrier`` with a different side's territory on each bank (metres).

    The line is cut into pieces of at most ``_BARRIER_STEP_M``; a piece is kept when the points
    ``_BARRIER_PROBE_M`` either side of its middle lie in two different sides' territories.
    """
    lines = shapely.get_parts(shapely.segmentize(barrier, _BARRIER_STEP_M))
    coords, which = shapely.get_coordinates(lines, return_index=True)
    if len(coords) < 2:
        return np.empty(0, object)
    same = which[1:] == which[:-1]
    a, b = coords[:-1][same], coords[1:][same]
    d = b - a
    length = np.hypot(d[:, 0], d[:, 1])
    ok = length > 0
    a, b, d, length = a[ok], b[ok], d[ok], length[ok]
    mid = (a + b) / 2.0
    normal = np.column_stack([-d[:, 1], d[:, 0]]) / length[:, None] * _BARRIER_PROBE_M
    left = np.full(len(mid), -1)
    right = np.full(len(mid), -1)
    for k, geom in enumerate(territory.values()):
        shapely.prepare(geom)
        left[shapely.contains_xy(geom, *(mid + normal).T)] = k
        right[shapely.contains_xy(geom, *(mid - normal).T)] = k
    keep = (left >= 0) & (right >= 0) & (left != right)
    if not keep.any():
        return np.empty(0, object)
    return np.asarray(
        shapely.get_parts(
            shapely.line_merge(
                shapely.multilinestrings(shapely.linestrings(np.stack([a[keep], b[keep]], axis=1)))
            )
        ),
        dtype=object,
    )


_BARRIER_STEP_M = 1000.0
#: A barrier line's banks reach this far from it, in km: no place on one bank holds land
#: within it on the other (beyond, the country is as far from the line as from the places).
BANK_KM = 1.5 * CELL_RADIUS_KM
_BARRIER_PROBE_M = 30.0


def _theatre_reach(
    states: Sequence[PlaceState],
    where: Mapping[str, tuple[float, float]],
    cache: dict[Any, Any],
    theatre: int,
) -> tuple[BaseGeometry, BaseGeometry, int]:
    """The reach of a theatre's evidence, its line part ``near`` (metres) and a version number.

    ``reach`` is the union of the discs of each location's :attr:`PlaceState.reach_km`; ``near``
    of the discs of :data:`LINE_REACH_KM`. Both only grow: they cover every location that has
    held evidence so far, as far as its strongest evidence reached (a place keeps its side
    between reports; a reported position that moved keeps its old spot known), so a snapshot
    adds the discs of new or farther-reaching locations only.
    """
    seen: dict[str, PlaceState] = cache.setdefault(("reach_states", theatre), {})
    radius: dict[tuple[float, float], float] = {}
    for st in states:
        if seen.get(st.key) is not st:  # states are reused while a place is unchanged
            seen[st.key] = st
            loc = where[st.key]
            radius[loc] = max(radius.get(loc, 0.0), st.reach_km)
    grown = cache.get(("reach", theatre))
    if grown is None:
        known: dict[tuple[float, float], float] = {}
        reach: BaseGeometry = shapely.Polygon()
        near: BaseGeometry = shapely.Polygon()
        version = 0
    else:
        known, reach, near, version = grown
    farther = [(loc, r) for loc, r in radius.items() if r > known.get(loc, 0.0)]
    if not farther:
        return reach, near, version
    new_locs = [loc for loc, _ in farther if loc not in known]
    pts = shapely.points(np.asarray([loc for loc, _ in farther]))
    barrier = cache.get(("barrier_on", theatre))
    reach = _grow(reach, pts, np.asarray([r * 1000.0 for _, r in farther]), barrier)
    if new_locs:
        near = _grow(near, shapely.points(np.asarray(new_locs)), LINE_REACH_KM * 1000.0)
    known = {**known, **dict(farther)}
    version = cache.get("reach_version", 0) + 1
    cache["reach_version"] = version
    cache[("reach", theatre)] = (known, reach, near, version)
    return reach, near, version


def _grow(
    area: BaseGeometry,
    points: np.ndarray,
    radius_m: float | np.ndarray,
    barrier: tuple[BaseGeometry, list[tuple[BaseGeometry, BaseGeometry]]] | None = None,
) -> BaseGeometry:
    """``area`` united with the discs of ``radius_m`` around ``points`` (those inside skipped).

    A disc around a point on one bank of a ``barrier`` line stops at the line (the other bank
    is cut off, :func:`_barrier_cells`).
    """
    discs = shapely.buffer(points, radius_m, quad_segs=8)
    if barrier is not None:
        xy = shapely.get_coordinates(points)
        for bank_a, bank_b in barrier[1]:
            for bank, other in ((bank_a, bank_b), (bank_b, bank_a)):
                cut = shapely.contains_xy(other, xy[:, 0], xy[:, 1])
                cut &= shapely.intersects(bank, discs)
                if cut.any():
                    discs = discs.copy()
                    discs[cut] = [_valid(g) for g in shapely.difference(discs[cut], bank)]
    if area.is_empty:
        return shapely.union_all(discs)
    shapely.prepare(area)
    discs = discs[~shapely.contains_properly(area, discs)]
    return _safe_union([area, *discs]) if len(discs) else area


def _dissolve(cells: list[BaseGeometry]) -> BaseGeometry:
    """Union of cells of one Voronoi coverage (fast coverage union, checked, else overlay)."""
    try:
        merged = shapely.coverage_union_all(cells)
        if merged.is_valid:
            return merged
    except shapely.errors.GEOSException:
        pass
    return _safe_union(cells)


def _theatre_zones(
    states: Sequence[PlaceState],
    cache: dict[Any, Any],
    theatre: int,
    centre: tuple[float, float],
) -> tuple[dict[str, BaseGeometry], BaseGeometry | None, str, BaseGeometry]:
    """Zones, line, note and unknown area of one theatre, in lon/lat (cached per assignment)."""
    inv, generators, cells, owners, aoi, where, version = _theatre_cells(
        states, cache, theatre, centre
    )
    reach, near, reach_version = _theatre_reach(states, where, cache, theatre)
    sides = [states[i].side for i in generators]
    result_key = ("zones", version, reach_version, tuple(sides))
    if result_key in cache:
        return cache[result_key]
    territory_key = ("territory", version, tuple(sides))
    territory = cache.get(territory_key)
    if territory is None:
        side_of = np.array(sides, dtype=object)[owners]
        territory = {
            side: _dissolve(list(cells[side_of == side])) for side in dict.fromkeys(sorted(sides))
        }
        cache[territory_key] = territory
    zones = {side: _valid(shapely.intersection(t, reach)) for side, t in territory.items()}
    unknown = _unknown(aoi, reach, inv, cache, (version, reach_version))
    line = None
    if len(zones) < 2:
        note = (
            f"only one side ({next(iter(zones))}) holds places in this theatre"
            if zones
            else "no places"
        )
    else:
        barrier = cache.get(("barrier_on", theatre))
        parts = _line_parts(territory, near, barrier[0] if barrier is not None else None)
        if len(parts):
            line = _transform(shapely.line_merge(shapely.union_all(parts)), inv)
        note = "" if line is not None else "zones of different sides do not touch"
    zones_ll = {side: _valid(_transform(geom, inv)) for side, geom in zones.items()}
    cache[result_key] = (zones_ll, line, note, unknown)
    return zones_ll, line, note, unknown


def _line_parts(
    territory: Mapping[str, BaseGeometry],
    near: BaseGeometry,
    barrier: BaseGeometry | None = None,
) -> np.ndarray:
    """The pieces of the front line: boundaries between sides' territories within ``near``.

    Where a ``barrier`` line separates two sides the piece is the barrier itself
    (:func:`_barrier_line`). Pieces shorter than ``_MIN_LINE_M`` (slivers) are dropped.
    """
    shared = _shared_edges(list(territory.values()))
    if not len(shared):  # an overlay fallback moved vertices: intersect the boundaries
        shared = _shared_by_overlay(territory)
    if barrier is not None:
        if len(shared):  # the barrier's own pieces replace the edges found along it
            shared = shared[~shapely.covered_by(shared, shapely.buffer(barrier, 1.0))]
        along = _barrier_line(territory, barrier)
        if len(along):
            shared = np.concatenate([shared, along]) if len(shared) else along
    if not len(shared):
        return shared
    parts = shapely.get_parts(shapely.intersection(shapely.multilinestrings(shared), near))
    lines = parts[np.isin(shapely.get_type_id(parts), (1, 2))]  # LineString, LinearRing
    return lines[shapely.length(lines) >= _MIN_LINE_M]


def _shared_by_overlay(territory: Mapping[str, BaseGeometry]) -> np.ndarray:
    """The boundaries two territories share, by overlay (slow; for moved vertices)."""
    names = sorted(territory)
    parts: list[BaseGeometry] = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            shared = shapely.intersection(territory[a].boundary, territory[b].boundary)
            if shapely.is_empty(shared):
                shared = shapely.intersection(territory[a].boundary, territory[b].buffer(1.0))
            parts.extend(
                g for g in shapely.get_parts(shared) if g.geom_type in ("LineString", "LinearRing")
            )
    return np.asarray(parts, dtype=object)


def _shared_edges(territories: Sequence[BaseGeometry]) -> np.ndarray:
    """The boundary segments two territories of one coverage share, as line strings.

    Territories dissolved from one Voronoi coverage keep the cells' vertices, so an edge
    between two sides is a segment found in both boundaries; one found once is the area's
    edge. Empty when none is found twice (an overlay fallback may have moved vertices: the
    caller then intersects the boundaries).
    """
    rings = shapely.get_parts(shapely.get_parts([t.boundary for t in territories]))
    coords, which = shapely.get_coordinates(rings, return_index=True)
    same = which[1:] == which[:-1]
    a, b = coords[:-1][same], coords[1:][same]
    flip = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
    start = np.where(flip[:, None], b, a)
    end = np.where(flip[:, None], a, b)
    segs = np.hstack([start, end])
    unique, counts = np.unique(segs, axis=0, return_counts=True)
    shared = unique[counts >= 2]
    return shapely.linestrings(shared.reshape(-1, 2, 2)) if len(shared) else np.empty(0, object)


def _unknown(
    aoi: BaseGeometry,
    reach: BaseGeometry,
    inv: Transformer,
    cache: dict[Any, Any],
    key: tuple[int, int],
) -> BaseGeometry:
    """The theatre's area of interest beyond the reach of its evidence, in lon/lat (cached)."""
    slot = ("unknown", *key)
    if slot not in cache:
        cache[slot] = _valid(_transform(shapely.difference(aoi, reach), inv))
    return cache[slot]


def _safe_union(parts: Sequence[BaseGeometry]) -> BaseGeometry:
    """Union of polygons, robust to the slight invalidity a reprojection can introduce."""
    arr = np.asarray(parts, dtype=object)
    bad = ~shapely.is_valid(arr)
    if bad.any():
        arr[bad] = [_polygonal(g) for g in shapely.make_valid(arr[bad])]
    valid = list(arr)
    try:
        merged = shapely.union_all(valid)
    except shapely.errors.GEOSException:
        merged = shapely.union_all(valid, grid_size=1e-7)
    return _valid(merged)


def _valid(geom: BaseGeometry) -> BaseGeometry:
    """``geom`` repaired (only when invalid) and reduced to its polygons."""
    # (buffer(0) is faster but can drop the parts of a self-touching polygon)
    return _polygonal(geom if geom.is_valid else shapely.make_valid(geom))


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygons of ``geom`` (overlays can leave slivers of lines or points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys: list[BaseGeometry] = []
    stack = [geom]
    while stack:
        g = stack.pop()
        if g.geom_type == "Polygon":
            if not g.is_empty:
                polys.append(g)
        elif g.geom_type in ("MultiPolygon", "GeometryCollection"):
            stack.extend(shapely.get_parts(g))
    return shapely.union_all(polys) if polys else shapely.Polygon()


def side_at(snapshots: Sequence[FrontSnapshot], lon: float, lat: float, when: date) -> str | None:
    """The side whose estimated zone holds (``lon``, ``lat``) at ``when``, or None.

    Uses the latest snapshot dated on or before ``when``; None before the first snapshot or
    outside every zone.
    """
    current = None
    for snap in snapshots:
        if snap.date <= when:
            current = snap
        else:
            break
    if current is None:
        return None
    point = Point(lon, lat)
    for side, zone in current.zones.items():
        if zone.covers(point):
            return side
    return None


def share_on_right_side(
    snapshots: Sequence[FrontSnapshot],
    facts: Iterable[ControlFact],
    *,
    dates: Iterable[date] | None = None,
) -> dict[date, float]:
    """Per date, the share of places whose estimated zone matches the known controller.

    A fact counts at date T as ``side`` when T >= its date, as ``before`` otherwise (skipped
    when ``before`` is None). Dates default to the snapshots' dates; dates with no countable
    fact are left out.
    """
    facts = list(facts)
    when_list = sorted(set(dates)) if dates is not None else [s.date for s in snapshots]
    out: dict[date, float] = {}
    for when in when_list:
        right = total = 0
        for fact in facts:
            expected = fact.side if when >= fact.date else fact.before
            if expected is None:
                continue
            total += 1
            right += side_at(snapshots, fact.lon, fact.lat, when) == expected
        if total:
            out[when] = right / total
    return out
