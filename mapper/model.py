"""Typed value objects that flow through the pipeline: articles, mentions, events.

Coordinates are always named ``lat``/``lon`` (WGS84 degrees); where a pair is passed it is
``(lon, lat)``, GeoJSON order, and the name says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from gazetteer.place import Candidate, Place

__all__ = [
    "DENIED",
    "HELD",
    "EVENT_TYPES",
    "Article",
    "ArticleExtraction",
    "ControlStatement",
    "Event",
    "LoadProblem",
    "Mention",
]

#: Event types in the order the map's layers list them.
EVENT_TYPES = (
    "capture",
    "entry",
    "advance",
    "encirclement",
    "target",
    "clash",
    "bombardment",
    "withdrawal",
)
#: ``Event.reason`` of a claim its sentence reports as denied (``ArticleExtraction.denials``).
DENIED = "denied"
#: Reason of a reading that tells who holds a place, not a change ("X is under rebel control"):
#: kept apart from the events, it becomes a control statement for the front line.
HELD = "held: a state, not a change of hands"


@dataclass(frozen=True, slots=True)
class Article:
    """One dispatch. ``published`` is None when unknown (``warnings`` says why)."""

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = ""  # file path (and line number for JSONL) it was read from
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """An input (a file, or one line of a JSONL file) that could not be loaded, and why."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name as written in an article, with its resolution.

    ``start``/``end`` are character offsets into ``Article.text``. ``role`` is ``"place"`` or
    ``"dateline"``. ``place`` is None when unresolved; ``reason`` then says why.
    """

    article_id: str
    surface: str
    start: int
    end: int
    sentence: str
    place: Place | None
    score: float
    reason: str
    candidates: tuple[Candidate, ...] = ()
    role: str = "place"
    cue: str | None = None  # e.g. "the village of" when found by a cue phrase

    @property
    def lat(self) -> float | None:
        """Latitude of the resolved place, or None."""
        return self.place.lat if self.place else None

    @property
    def lon(self) -> float | None:
        """Longitude of the resolved place, or None."""
        return self.place.lon if self.place else None

    def to_dict(self) -> dict[str, Any]:
        """Flat JSON-ready record (``extract --mentions``)."""
        return {
            "article_id": self.article_id,
            "surface": self.surface,
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "cue": self.cue,
            "place_id": self.place.id if self.place else None,
            "place_name": self.place.name if self.place else None,
            "kind": self.place.kind if self.place else None,
            "country": self.place.country if self.place else None,
            "lat": self.lat,
            "lon": self.lon,
            "score": round(self.score, 4),
            "reason": self.reason,
            "candidates": [c.to_dict() for c in self.candidates[:5]],
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One thing an article reports, with the sentence that is its evidence.

    ``lat``/``lon`` are where the event is: the place itself, or for a reported distance
    ("four kilometers west of X") the point projected from the anchor place X.
    ``date`` is the start of ``date`` .. ``date_end`` for ranges; ``date_precision`` is
    ``"day"``, ``"range"`` or ``"unknown"``; ``date_basis`` says where the date came from:
    ``"event"`` (a phrase in the sentence), ``"context"`` (a neighbouring sentence) or
    ``"publication"``. ``reason`` explains a missing place or date.
    """

    article_id: str
    type: str
    actor: str | None
    place: Mention | None
    evidence: str
    start: int
    end: int
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_text: str | None = None
    date_precision: str = "unknown"
    date_basis: str | None = None
    distance_km: float | None = None
    distance_text: str | None = None
    direction: str | None = None
    lat: float | None = None
    lon: float | None = None
    killed: dict[str, int] = field(default_factory=dict)
    confidence: float = 0.5
    reason: str = ""
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None

    @property
    def id(self) -> str:
        """Stable id: a hash of article, type, place span and evidence span."""
        place_span = f"{self.place.start}-{self.place.end}" if self.place else "-"
        key = f"{self.article_id}|{self.type}|{place_span}|{self.start}-{self.end}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def anchor_lat(self) -> float | None:
        """Latitude of the named place (the anchor of a reported distance)."""
        return self.place.lat if self.place else None

    @property
    def anchor_lon(self) -> float | None:
        """Longitude of the named place (the anchor of a reported distance)."""
        return self.place.lon if self.place else None

    def to_dict(self) -> dict[str, Any]:
        """Flat JSON-ready record with every field (``extract --format jsonl``)."""
        place = self.place.place if self.place else None
        return {
            "id": self.id,
            "article_id": self.article_id,
            "type": self.type,
            "actor": self.actor,
            "place": self.place.surface if self.place else None,
            "place_name": place.name if place else None,
            "place_id": place.id if place else None,
            "lat": self.lat,
            "lon": self.lon,
            "anchor_lat": self.anchor_lat,
            "anchor_lon": self.anchor_lon,
            "date": self.date.isoformat() if self.date else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "date_text": self.date_text,
            "date_precision": self.date_precision,
            "date_basis": self.date_basis,
            "distance_km": self.distance_km,
            "distance_text": self.distance_text,
            "direction": self.direction,
            "killed": dict(self.killed),
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass(frozen=True, slots=True)
class ControlStatement:
    """A statement of who holds a place: "the rebel-held town of X", "occupied X".

    ``kind`` names the phrasing's family (``held``, ``retreat``, ``strike``); ``weight`` says how
    strongly it speaks for ``side`` holding the place (a capture weighs 1); ``phrase`` is the
    registry entry that matched and ``evidence`` the sentence. ``date`` is the day the statement
    describes (the publication date, or the event's date for a strike).
    """

    article_id: str
    place: Mention
    side: str
    kind: str
    phrase: str
    weight: float
    evidence: str
    start: int
    end: int
    date: dt.date | None = None
    source: str | None = None

    @property
    def id(self) -> str:
        """Stable id: a hash of article, phrase, place span and evidence span."""
        key = f"{self.article_id}|control|{self.phrase}|{self.place.start}|{self.start}-{self.end}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """Flat JSON-ready record."""
        place = self.place.place
        return {
            "id": self.id,
            "article_id": self.article_id,
            "type": f"control:{self.kind}",
            "side": self.side,
            "phrase": self.phrase,
            "weight": self.weight,
            "place": self.place.surface,
            "place_name": place.name if place else None,
            "place_id": place.id if place else None,
            "lat": self.place.lat,
            "lon": self.place.lon,
            "date": self.date.isoformat() if self.date else None,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "source": self.source,
        }


@dataclass(slots=True)
class ArticleExtraction:
    """Everything extracted from one article: its mentions, its events, and what went wrong.

    ``problems`` holds human-readable notes (an undated article, a sentence too long to parse...);
    unplaced mentions and events are in ``mentions``/``events`` with ``place``/``lat`` None and a
    ``reason``, never dropped.
    """

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: Statements of who holds a place (:mod:`mapper.extract.control`).
    control: list[ControlStatement] = field(default_factory=list)
    #: Claims the article reports as denied ("Kyiv denied that X fell"), as the events they
    #: deny (``reason`` starts with :data:`DENIED`): not events, but a denial of matching ones
    #: (:func:`mapper.fusion.denials`).
    denials: list[Event] = field(default_factory=list)
