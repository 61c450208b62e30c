"""GeoNames dump files (``SY.txt``, ``UA.txt``, ``allCountries.txt``; zipped or not)."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from gazetteer.errors import ImportProblem, SourceError
from gazetteer.place import Place
from gazetteer.sources.base import kind_for_population
from gazetteer.sources.text import wide_encoding

__all__ = ["GeonamesDump", "feature_kind"]

_FIELDS = 19
#: Largest population read (a 64-bit SQLite integer overflows at 2**63; no place has 10**10).
MAX_POPULATION = 10**10
#: Feature classes imported: populated places, areas, terrain, spots (bases), roads.
IMPORTED_CLASSES = frozenset("PATSR")
_HILLS = frozenset({"HLL", "HLLS", "MT", "MTS", "PK", "PKS", "RDGE", "MND", "SPUR", "UPLD"})
_BASES = frozenset({"MILB", "AIRB", "AIRF", "AIRP", "AIRH", "INSM", "CMP", "CMPMN"})


def feature_kind(feature_class: str, feature_code: str, population: int) -> str:
    """The :class:`Place` kind of a GeoNames feature class and code."""
    if feature_class == "P":
        if feature_code in ("PPLC", "PPLA") and population >= 50_000:
            return "city"
        return kind_for_population(population)
    if feature_class == "A":
        return "country" if feature_code.startswith("PCL") else "region"
    if feature_class == "T" and feature_code in _HILLS:
        return "hill"
    if feature_code in _BASES:
        return "base"
    if feature_class == "R":
        return "road"
    return "site"


class GeonamesDump:
    """Places of one GeoNames dump file (tab-separated, 19 columns).

    Malformed lines do not stop the import: each becomes an :class:`ImportProblem` in
    :attr:`problems` with its line number, and the other lines are imported.
    """

    name = "geonames-dump"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.problems: list[ImportProblem] = []

    def fingerprint(self) -> str:
        """Path, size and modification time of the file."""
        st = self.path.stat()
        return f"{self.path.resolve()}:{st.st_size}:{st.st_mtime_ns}"

    def _lines(self) -> Iterator[str]:
        if not self.path.is_file():
            raise SourceError(f"{self.path}: no such file")
        if zipfile.is_zipfile(self.path):
            try:
                with zipfile.ZipFile(self.path) as zf:
                    members = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n]
                    if not members:
                        raise SourceError(f"{self.path}: zip holds no GeoNames .txt file")
                    for member in members:
                        with zf.open(member) as raw:
                            yield from io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
            except (zipfile.BadZipFile, EOFError, zlib.error) as err:
                raise SourceError(f"{self.path}: damaged zip archive ({err})") from err
            return
        with self.path.open("rb") as stream:
            head = stream.read(512)
        if head.startswith(b"PK\x03\x04"):  # a zip without its directory: cut short
            raise SourceError(f"{self.path}: damaged zip archive (truncated?)")
        if wide := wide_encoding(head):
            raise SourceError(f"{self.path}: {wide} text, not UTF-8 (GeoNames dumps are UTF-8)")
        try:
            with self.path.open(encoding="utf-8", errors="strict") as fh:
                yield from fh
        except UnicodeDecodeError as err:
            raise SourceError(f"{self.path}: not UTF-8 text ({err})") from err

    def places(self) -> Iterator[Place]:
        """Every well-formed line of an imported feature class as a :class:`Place`."""
        self.problems = []
        for lineno, line in enumerate(self._lines(), start=1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != _FIELDS:
                self._problem(lineno, f"expected {_FIELDS} tab-separated fields, got {len(cols)}")
                continue
            try:
                gid = int(cols[0])
                lat, lon = float(cols[4]), float(cols[5])
                population = int(cols[14] or 0)
            except ValueError as err:
                self._problem(lineno, f"bad number: {str(err)[:100]}")
                continue
            if not 0 <= population <= MAX_POPULATION:
                self._problem(lineno, f"population out of range: {cols[14][:30]}")
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                self._problem(lineno, f"coordinates out of range: {lat}, {lon}")
                continue
            if not cols[1].strip():
                self._problem(lineno, "empty name")
                continue
            if cols[6] not in IMPORTED_CLASSES:
                continue
            alts = [a for a in cols[3].split(",") if a]
            if cols[2] and cols[2] != cols[1]:
                alts.insert(0, cols[2])
            yield Place(
                id=f"geonames:{gid}",
                name=cols[1],
                lat=lat,
                lon=lon,
                country=cols[8] or None,
                admin1=cols[10] or None,
                kind=feature_kind(cols[6], cols[7], population),
                population=population,
                alt_names=tuple(dict.fromkeys(alts)),
                source="geonames-dump",
            )

    def _problem(self, lineno: int, message: str) -> None:
        self.problems.append(ImportProblem(str(self.path), lineno, message))
