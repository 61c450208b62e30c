"""The small interface every source of places implements."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from gazetteer.place import Place

__all__ = ["Source", "kind_for_population"]


@runtime_checkable
class Source(Protocol):
    """A source of places for the index.

    ``name`` is a short tag (``"geonames"``, ``"curated"``); ``fingerprint()`` changes whenever
    the source's content changes (it keys the index file); ``places()`` yields every place.
    """

    name: str

    def fingerprint(self) -> str:
        """A string that changes when the source's content changes."""
        ...

    def places(self) -> Iterator[Place]:
        """Every place of the source."""
        ...


def kind_for_population(population: int) -> str:
    """The kind of a populated place when its source gives none: city, town or village."""
    if population >= 100_000:
        return "city"
    if population >= 5_000:
        return "town"
    return "village"
