"""The curated supplement: package data ``gazetteer/data/*.csv`` (each row with its source)."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from gazetteer.errors import SourceError
from gazetteer.place import Place

__all__ = ["CURATED_COLUMNS", "CuratedCSV", "default_data_dir"]

#: Columns of a curated CSV, in order.
CURATED_COLUMNS = (
    "id", "name", "alt_names", "lat", "lon", "country", "admin1", "kind", "population", "source",
)  # fmt: skip


def default_data_dir() -> Path:
    """``gazetteer/data/``: the package data folder, found through :mod:`importlib.resources`."""
    return Path(str(resources.files("gazetteer").joinpath("data")))


def _split(alt_names: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (alt_names or "").split(";") if a.strip())


class CuratedCSV:
    """Places from every ``*.csv`` in a folder (default :func:`default_data_dir`).

    ``alt_names`` is ``;``-separated; ``admin1`` is the GeoNames admin1 code; ``id`` becomes
    ``curated:<id>``. A malformed row raises :class:`SourceError` naming file and line: the
    curated data ships with the code and must be right.
    """

    name = "curated"

    def __init__(self, data_dir: Path | None = None) -> None:
        self.data_dir = data_dir or default_data_dir()

    def files(self) -> list[Path]:
        """The CSV files, sorted."""
        return sorted(self.data_dir.glob("*.csv")) if self.data_dir.is_dir() else []

    def missing(self) -> str | None:
        """Why the curated places are absent (no folder, no CSV in it), or None when present."""
        if not self.data_dir.is_dir():
            return f"curated data folder {self.data_dir} not found"
        if not self.files():
            return f"no *.csv in the curated data folder {self.data_dir}"
        return None

    def row_counts(self) -> dict[str, int]:
        """Data rows per CSV file name (what the index should hold from each)."""
        counts: dict[str, int] = {}
        for path in self.files():
            with path.open(newline="", encoding="utf-8") as fh:
                counts[path.name] = sum(1 for _ in csv.DictReader(fh))
        return counts

    def fingerprint(self) -> str:
        """A hash of the files' names and bytes."""
        digest = hashlib.sha256()
        for path in self.files():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()[:16]

    def places(self) -> Iterator[Place]:
        """Every row of every file as a :class:`Place`."""
        for path in self.files():
            with path.open(newline="", encoding="utf-8") as fh:
                for lineno, row in enumerate(csv.DictReader(fh), start=2):
                    try:
                        yield Place(
                            id=f"curated:{row['id']}",
                            name=row["name"],
                            lat=float(row["lat"]),
                            lon=float(row["lon"]),
                            country=row.get("country") or None,
                            admin1=row.get("admin1") or None,
                            kind=row.get("kind") or "village",
                            population=int(row.get("population") or 0),
                            alt_names=_split(row.get("alt_names")),
                            source=row["source"],
                        )
                    except (KeyError, ValueError, TypeError) as err:
                        raise SourceError(f"{path}:{lineno}: malformed curated row: {err}") from err
