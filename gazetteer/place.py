"""Typed value objects of the gazetteer: places, resolution context and results."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Candidate", "Place", "Resolution", "ResolveContext"]

#: Kinds a place can have. Populated places first, then areas and features.
PLACE_KINDS = ("city", "town", "village", "region", "country", "hill", "base", "road", "site")


@dataclass(frozen=True, slots=True)
class Place:
    """One real place with WGS84 coordinates.

    ``id`` is ``"<source>:<local id>"`` (``"geonames:168325"``, ``"curated:surman"``).
    ``alt_names`` holds every other spelling the source gives, in any script.
    """

    id: str
    name: str
    lat: float
    lon: float
    country: str | None = None
    admin1: str | None = None
    kind: str = "town"
    population: int = 0
    alt_names: tuple[str, ...] = ()
    source: str = ""

    def to_dict(self) -> dict[str, object]:
        """The JSON form DESIGN.md gives for ``resolve --json`` (no alternate names)."""
        return {
            "id": self.id,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "kind": self.kind,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place considered for a name, with its score in [0, 1]."""

    place: Place
    score: float

    def to_dict(self) -> dict[str, object]:
        """JSON form: the place's fields plus ``score``."""
        return {**self.place.to_dict(), "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class ResolveContext:
    """What an article says around a name: used to rank candidates.

    ``countries`` are ISO 3166-1 alpha-2 codes the article names, ``admin1`` GeoNames admin1
    codes as ``"SY.12"``, ``points`` the (lon, lat) of places already resolved in the article.
    """

    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    points: tuple[tuple[float, float], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer to "which real place is this name?".

    ``place`` is None when no candidate is good enough; ``reason`` then says why
    (``"no candidate"``, ``"ambiguous"``, ``"below threshold"``, ``"empty name"``...).
    ``candidates`` lists the places considered, best first (the chosen one included).
    """

    query: str
    place: Place | None
    score: float
    reason: str
    candidates: tuple[Candidate, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The JSON object DESIGN.md gives for one NAME of ``resolve --json``."""
        return {
            "query": self.query,
            "place": self.place.to_dict() if self.place else None,
            "score": round(self.score, 4),
            "reason": self.reason,
            "candidates": [c.to_dict() for c in self.candidates],
        }
