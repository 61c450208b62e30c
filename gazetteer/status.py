"""Which sources the open index was built from, how many rows each holds, and what is missing.

A source that should be there and is not (packaged data not found, an index built without its
rows) is reported by :func:`missing_sources` as one message per source; ``frontline`` prints
each as one warning line and ``frontline gazetteer info`` lists it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gazetteer.index import Index

__all__ = ["SourceStatus", "missing_sources", "source_status"]


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """One source (or one file of a source) of the index.

    ``rows`` is what the source holds now (None when not counted), ``indexed`` what the index
    holds from it, ``problem`` why it is missing (None when it is there).
    """

    source: str
    part: str
    rows: int | None
    indexed: int | None
    problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def _missing(source: object) -> str | None:
    """The source's own report of missing data (sources without ``missing()`` never miss)."""
    check = getattr(source, "missing", None)
    return check() if callable(check) else None


def _indexed(index: Index, name: str) -> int | None:
    value = index.meta.get(f"count:{name}")
    return int(value) if value is not None else None


def missing_sources(index: Index) -> list[str]:
    """One message per source of ``index`` that should hold places and holds none."""
    out: list[str] = []
    for source in index.sources:
        name = str(getattr(source, "name", type(source).__name__))
        problem = _missing(source)
        if problem:
            out.append(f"source {name!r} is missing: {problem}")
        elif not _indexed(index, name):
            out.append(f"source {name!r} is missing: the index was built without its places")
    return out


def source_status(index: Index, imported: Sequence[tuple[str, int]] = ()) -> list[SourceStatus]:
    """Every source with its rows and indexed places; curated sources file by file.

    ``imported`` adds (label, count) rows for the user database's imports.
    """
    rows: list[SourceStatus] = []
    for source in index.sources:
        name = str(getattr(source, "name", type(source).__name__))
        problem = _missing(source)
        indexed = _indexed(index, name)
        if problem is None and not indexed:
            problem = "the index was built without its places"
        counts = getattr(source, "row_counts", None)
        per_file: dict[str, int] = counts() if callable(counts) and problem is None else {}
        total = sum(per_file.values()) if per_file else indexed
        rows.append(SourceStatus(name, "(all)", total, indexed, problem))
        rows.extend(SourceStatus(name, part, n, None) for part, n in per_file.items())
    rows.extend(SourceStatus(label, "(imported)", n, n) for label, n in imported)
    return rows
