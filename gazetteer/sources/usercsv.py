"""A user's own CSV of places: ``name, lat, lon[, alt_names, country, admin1, kind]``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from gazetteer.errors import ImportProblem, SourceError
from gazetteer.place import PLACE_KINDS, Place
from gazetteer.sources.text import csv_lines, decode_text

__all__ = ["USER_COLUMNS", "UserCSV"]

#: Columns in order; the first three are required. A header row naming them is optional.
USER_COLUMNS = ("name", "lat", "lon", "alt_names", "country", "admin1", "kind")
#: A row longer than this is refused (the csv module's own field limit is 131,072).
MAX_LINE = 100_000


def _alts(text: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (text or "").split(";") if a.strip())


class UserCSV:
    """Places from a user CSV. ``alt_names`` is ``;``-separated; ``kind`` one of PLACE_KINDS.

    A malformed row becomes an :class:`ImportProblem` (with its line number) in
    :attr:`problems`; the other rows are imported.
    """

    name = "csv"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.problems: list[ImportProblem] = []

    def fingerprint(self) -> str:
        """Hash of the file's bytes."""
        return hashlib.sha256(self.path.read_bytes()).hexdigest()[:16]

    def places(self) -> Iterator[Place]:
        """Every well-formed row as a :class:`Place` with id ``csv:<file stem>:<line>``."""
        self.problems = []
        if not self.path.is_file():
            raise SourceError(f"{self.path}: no such file")
        text, problem = decode_text(
            self.path.read_bytes(), nul_is_binary=False
        )  # UTF-8, or UTF-16/32 with a BOM
        if text is None:
            raise SourceError(f"{self.path}: {problem}")
        header: list[str] | None = None
        for lineno, row in self._rows(text):
            if not row or not any(cell.strip() for cell in row):
                continue
            cells = [c.strip() for c in row]
            if lineno == 1 and cells[0].lower() == "name":
                header = [c.lower() for c in cells]
                unknown = set(header) - set(USER_COLUMNS)
                twice = len(set(header)) < len(header)  # a second 'lat' would win silently
                if unknown or twice or not {"name", "lat", "lon"} <= set(header):
                    raise SourceError(
                        f"{self.path}:1: header must use columns {', '.join(USER_COLUMNS)}"
                        f" (name, lat, lon required; each once); got {', '.join(header)}"
                    )
                continue
            place = self._place(lineno, cells, header or list(USER_COLUMNS))
            if place is not None:
                yield place

    def _rows(self, text: str) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of each row; a line that is no CSV row is a problem."""
        for lineno, row in csv_lines(text, max_line=MAX_LINE):
            if isinstance(row, str):
                self._problem(lineno, row)
            else:
                yield lineno, row

    def _place(self, lineno: int, cells: list[str], header: list[str]) -> Place | None:
        if len(cells) < 3 or len(cells) > len(header):
            return self._problem(lineno, f"expected 3 to {len(header)} fields, got {len(cells)}")
        row = dict(zip(header, cells, strict=False))
        name = row.get("name", "")
        if not name:
            return self._problem(lineno, "empty name")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, ValueError):
            return self._problem(
                lineno, f"lat/lon not numbers: {row.get('lat')!r}, {row.get('lon')!r}"
            )
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return self._problem(lineno, f"coordinates out of range: {lat}, {lon}")
        kind = row.get("kind") or "village"
        if kind not in PLACE_KINDS:
            return self._problem(lineno, f"unknown kind {kind!r} (one of {', '.join(PLACE_KINDS)})")
        country = (row.get("country") or "").upper() or None
        if country is not None and (len(country) != 2 or not country.isalpha()):
            return self._problem(lineno, f"country must be an ISO alpha-2 code, got {country!r}")
        return Place(
            id=f"csv:{self.path.stem}:{lineno}",
            name=name,
            lat=lat,
            lon=lon,
            country=country,
            admin1=row.get("admin1") or None,
            kind=kind,
            alt_names=tuple(
                a.strip() for a in (row.get("alt_names") or "").split(";") if a.strip()
            ),
            source=f"csv:{self.path.name}",
        )

    def _problem(self, lineno: int, message: str) -> Place | None:
        """Record a malformed line; returns None (no place) for the caller to return."""
        self.problems.append(ImportProblem(str(self.path), lineno, message))
        return None
