"""Resolution: which real place is this name? (class :class:`Gazetteer`)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from gazetteer.commonwords import is_common
from gazetteer.errors import ImportProblem
from gazetteer.index import Index, NameRow, default_cache_dir, insert_places, open_user_db
from gazetteer.place import Candidate, Place, Resolution, ResolveContext
from gazetteer.sources.base import Source
from gazetteer.sources.usercsv import UserCSV
from gazetteer.translit import fold, key_skeleton, name_key, skeleton_key, tokenize, vowel_pattern

if TYPE_CHECKING:
    from gazetteer.sources.dump import GeonamesDump
    from gazetteer.sources.online import OnlineGeocoder

__all__ = ["Gazetteer", "ImportReport", "default_gazetteer", "default_sources"]

#: Words that make a name a first-level region ("Idlib province", "Zaporizhzhia Oblast").
_REGION_TEXT = (
    "province governorate gouvernorat governate oblast oblasti region muhafazah muhafazat "
    "mohafazat muhafaza wilayah"
)
REGION_WORDS = frozenset(_REGION_TEXT.split())
_DROP_WORDS = frozenset({"the", "of"})
MAX_NAME_CHARS = 200
#: Minimum string similarity of the chosen name, and minimum final score.
MIN_SIMILARITY = 0.8
MIN_SCORE = 0.75
#: An inexact match farther than this from every context point is penalised.
FAR_KM = 300.0
#: Weight of spatial coherence with the article's other places (nearest and mean closeness).
COHERENCE_WEIGHT = 0.3
#: Score bonus of a name whose key a source lists exactly.
EXACT_BONUS = 0.05
#: Names (most similar first) whose places are read and ranked.
MAX_SIMILAR = 100
#: Candidates kept after ranking (and merged when they are one place).
MAX_RANKED = 40
#: Raw scores are divided by this to report a score in [0, 1].
RAW_SCORE_MAX = 1.35
#: Two candidates closer than this are one place seen by two sources.
SAME_PLACE_KM = 3.0
#: A runner-up this close in score to the best makes the name ambiguous.
AMBIGUITY_MARGIN = 0.03
#: Population assumed for a place whose source gives none (a village).
UNKNOWN_POPULATION = 1000
#: Population ratio that lets the bigger of two equally named places win.
DOMINANT_POPULATION_RATIO = 5
#: With same-named places, the chosen one must lie this close to some context point.
COHERENT_KM = 100.0
#: Context distance that makes a common word a place.
COMMON_WORD_KM = 50.0
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SCRIPTS = (
    ("latin", re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (spherical Earth; ranking needs no geodesic precision)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def default_sources() -> list[Source]:
    """GeoNames cities500 and the curated CSVs: what the index is built from."""
    from gazetteer.sources.curated import CuratedCSV
    from gazetteer.sources.geonames import GeonamesCities

    return [GeonamesCities(), CuratedCSV()]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: places imported, malformed lines skipped (with line numbers)."""

    path: str
    source: str
    imported: int
    problems: tuple[ImportProblem, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class _Query:
    text: str
    key: str
    skel: str
    tokens: tuple[str, ...]
    region: bool


@dataclass(slots=True)
class _Scored:
    place: Place
    sim: float
    score: float
    how: str


def _source_rank(place: Place) -> int:
    """Which record of one place to report: GeoNames, then sourced curated rows, then the rest.

    Among several records of the same place (within :data:`SAME_PLACE_KM`) this keeps place
    ids stable whichever spelling matched.
    """
    if place.kind != "region" and place.id.startswith("geonames:"):
        return 0
    if place.id.startswith("curated:") and not place.id.startswith("curated:wm-"):
        return 1
    return 2


def _unit(score: float) -> float:
    """A raw ranking score (similarity + prior + context, at most about 1.3) mapped to [0, 1]."""
    return round(max(0.0, min(1.0, score / RAW_SCORE_MAX)), 4)


def _ambiguous(best: _Scored, runner_up: _Scored) -> bool:
    """True when nothing separates the best candidate from the runner-up.

    Scores within :data:`AMBIGUITY_MARGIN` of names matching as well are a tie unless the best
    place is a settlement of 1,000+ people with at least :data:`DOMINANT_POPULATION_RATIO`
    times the runner-up's known population (a city and a hamlet of one name: the city is what
    a dispatch means). A place of unknown population counts as a village of
    :data:`UNKNOWN_POPULATION`.
    """
    if runner_up.score < best.score - AMBIGUITY_MARGIN or runner_up.sim < best.sim - 0.02:
        return False
    return not _dominates(best.place, runner_up.place)


def _dominates(place: Place, other: Place) -> bool:
    """True when ``place`` clearly outweighs ``other``, a namesake.

    That is a settlement of 1,000+ people with at least :data:`DOMINANT_POPULATION_RATIO`
    times ``other``'s population (an unknown population counts as a village's).
    """
    pop = place.population
    return pop >= 1000 and pop >= DOMINANT_POPULATION_RATIO * (
        other.population or UNKNOWN_POPULATION
    )


def _incoherent(
    best: _Scored,
    runner_up: _Scored,
    near: tuple[float, float] | None,
    context: ResolveContext | None,
) -> bool:
    """True when several places share the name and the best is far from everything else.

    Context ranks same-named places by nearness; when even the nearest is more than
    :data:`COHERENT_KM` from every point the article gives, nothing is coherent: the true
    place is probably one no source lists, so no place is better than a distant namesake.
    A place that dominates its namesakes by population (a capital) is coherent anywhere.
    """
    if runner_up.sim < best.sim - 0.02 or _dominates(best.place, runner_up.place):
        return False
    points = [near] if near is not None else []
    if context is not None:
        points += [(lat, lon) for lon, lat in context.points]
    if not points:
        return False
    nearest = min(haversine_km(lat, lon, best.place.lat, best.place.lon) for lat, lon in points)
    return nearest > COHERENT_KM


def _check(name: object) -> tuple[_Query | None, str]:
    """Validate and parse a name; (None, reason) when it cannot be a place name."""
    if not isinstance(name, str):
        return None, "not a string"
    text = " ".join(name.split())
    if not text:
        return None, "empty name"
    if len(text) > MAX_NAME_CHARS:
        return None, f"too long ({len(text)} characters, at most {MAX_NAME_CHARS})"
    if _CONTROL.search(text):
        return None, "control characters in name"
    scripts = {s for s, pattern in _SCRIPTS if pattern.search(text)}
    if len(scripts) > 1:
        return None, "mixed scripts (" + ", ".join(sorted(scripts)) + ")"
    words = [t for t, _, _ in tokenize(text)]
    if not any(any(ch.isalpha() for ch in w) for w in words):
        return None, "no letters"
    region = any(fold(w) in REGION_WORDS for w in words)
    kept = [w for w in words if fold(w) not in REGION_WORDS and w.lower() not in _DROP_WORDS]
    if not kept:
        kept = words
    key = name_key(" ".join(kept))
    if not key:
        return None, "only an article"
    skel = skeleton_key(" ".join(kept))
    return _Query(text, key, skel, tuple(kept), region), ""


class Gazetteer:
    """Names and context in, real places out.

    Open with :meth:`open` (builds the index on first use). Resolution never raises on bad
    names: it returns a :class:`Resolution` whose ``reason`` says what was wrong.
    """

    def __init__(self, index: Index, *, online: OnlineGeocoder | None = None) -> None:
        self.index = index
        self.online = online
        self._cache: dict[tuple[object, ...], Resolution] = {}

    @classmethod
    def open(
        cls,
        *,
        cache_dir: Path | None = None,
        online: bool = False,
        sources: Sequence[Source] | None = None,
    ) -> Gazetteer:
        """Open (building if needed) the index of GeoNames cities500, curated CSVs and imports.

        Parameters
        ----------
        cache_dir
            Where the index lives; default ``$FRONTLINE_CACHE_DIR`` or the user cache dir.
        online
            Ask the online geocoder (Nominatim through geopy) for names the offline
            sources cannot place; answers are cached.
        sources
            Replace the default sources (tests use small ones).
        """
        cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        index = Index.open(sources if sources is not None else default_sources(), cache_dir)
        geocoder = None
        if online:
            from gazetteer.sources.online import OnlineGeocoder

            geocoder = OnlineGeocoder(index)
        return cls(index, online=geocoder)

    # ---- spotting support ----------------------------------------------------------------
    @property
    def max_name_tokens(self) -> int:
        """The most words an indexed name has (n-grams longer than this never match)."""
        return self.index.max_name_tokens

    def known_keys(self, keys: Iterable[str], *, loose: bool = False) -> set[str]:
        """The subset of the given name keys that some indexed name has.

        With ``loose=True`` a key also counts when its consonant skeleton (4+ letters) is
        some indexed name's skeleton: spellings no source lists ("Khan Sheikhon").
        """
        keys = [k for k in dict.fromkeys(keys) if k]
        found = self.index.known("key", keys)
        if loose:
            skels: dict[str, list[str]] = {}
            for k in keys:
                if k not in found:
                    s = key_skeleton(k)
                    if len(s) >= 4:
                        skels.setdefault(s, []).append(k)
            for s in self.index.known("skel", list(skels)):
                found.update(skels[s])
        return found

    # ---- resolution ----------------------------------------------------------------------
    def resolve(
        self,
        name: str,
        *,
        country: str | None = None,
        near: tuple[float, float] | None = None,
        within_km: float | None = None,
        context: ResolveContext | None = None,
    ) -> Resolution:
        """Resolve one name to a place, or say why not.

        Parameters
        ----------
        name
            A place name in any romanisation, Arabic or Cyrillic script.
        country
            ISO alpha-2 code: only places in this country.
        near
            (lat, lon): prefer places near this point.
        within_km
            With ``near``: only places within this distance.
        context
            What the article says (countries, admin1 codes, points already resolved).
        """
        cache_key = (name, country, near, within_km, context)
        hit = self._cache.get(cache_key)
        if hit is not None:
            return hit
        try:
            result = self._resolve(name, country, near, within_km, context)
        except Exception as err:  # noqa: BLE001 - the contract: never raise on a name
            result = Resolution(str(name)[:200], None, 0.0, f"error: {type(err).__name__}: {err}")
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[cache_key] = result
        return result

    def resolve_many(
        self,
        names: Iterable[str],
        *,
        country: str | None = None,
        near: tuple[float, float] | None = None,
        within_km: float | None = None,
        context: ResolveContext | None = None,
    ) -> list[Resolution]:
        """:meth:`resolve` for each name, in order."""
        return [
            self.resolve(n, country=country, near=near, within_km=within_km, context=context)
            for n in names
        ]

    def resolve_together(
        self,
        names: Sequence[str],
        *,
        context: ResolveContext | None = None,
    ) -> list[Resolution]:
        """Resolve the names of one text so that they agree with each other (spatial coherence).

        A first pass resolves every name with ``context``; the points of the settlements it
        placed then join the context of a second pass, in which each name is resolved against
        the *other* names' points (never its own).

        Parameters
        ----------
        names
            The place names of one article, in any order.
        context
            What else the article says (countries, admin1 codes, points).
        """
        base = context or ResolveContext()
        first = [self.resolve(n, context=base) for n in names]
        located = [
            (r.query, (r.place.lon, r.place.lat))
            for r in first
            if r.place is not None and r.place.kind not in ("region", "country")
        ]
        out = []
        for name, res in zip(names, first, strict=True):
            points = tuple(dict.fromkeys(p for q, p in located if q != res.query))
            if not points:
                out.append(res)
                continue
            ctx = replace(base, points=base.points + points)
            out.append(self.resolve(name, context=ctx))
        return out

    def _resolve(
        self,
        name: str,
        country: str | None,
        near: tuple[float, float] | None,
        within_km: float | None,
        context: ResolveContext | None,
    ) -> Resolution:
        query, problem = _check(name)
        if query is None:
            return Resolution(name if isinstance(name, str) else repr(name), None, 0.0, problem)
        country = country.upper() if country else None
        rows, how = self._candidates(query)
        scored = self._score(query, rows, how, country, near, within_km, context)
        if not scored:
            reason = "no candidate"
            if rows and (country or within_km is not None):
                reason = "no candidate in the country or distance asked for"
            return self._fallback(
                query, Resolution(query.text, None, 0.0, reason), country, context
            )
        cands = tuple(Candidate(s.place, _unit(s.score)) for s in scored[:5])
        best = scored[0]
        if is_common(list(query.tokens)) and not self._context_makes_place(
            best, query, country, near, context
        ):
            return Resolution(query.text, None, _unit(best.score), "common word", cands)
        if best.sim < MIN_SIMILARITY or best.score < MIN_SCORE:
            res = Resolution(query.text, None, _unit(best.score), "below threshold", cands)
            return self._fallback(query, res, country, context)
        if len(scored) > 1 and _ambiguous(best, scored[1]):
            return Resolution(query.text, None, _unit(best.score), "ambiguous", cands)
        if len(scored) > 1 and _incoherent(best, scored[1], near, context):
            return Resolution(query.text, None, _unit(best.score), "ambiguous", cands)
        return Resolution(query.text, best.place, _unit(best.score), best.how, cands)

    def _fallback(
        self,
        query: _Query,
        res: Resolution,
        country: str | None,
        context: ResolveContext | None = None,
    ) -> Resolution:
        """Ask the online geocoder (when enabled) for a name the offline index cannot place."""
        if self.online is None:
            return res
        if country is None and context is not None and len(context.countries) == 1:
            country = context.countries[0]
        viewbox = None
        if context is not None and context.points:
            lats = [lat for _, lat in context.points]
            lons = [lon for lon, _ in context.points]
            viewbox = (min(lats) - 0.5, min(lons) - 0.5, max(lats) + 0.5, max(lons) + 0.5)
        place = self.online.lookup(query.text, country=country, viewbox=viewbox)
        if place is None:
            return replace(res, reason=res.reason + "; online: no answer")
        return Resolution(query.text, place, 0.75, "online", (Candidate(place, 0.75),))

    def _candidates(self, q: _Query) -> tuple[list[NameRow], str]:
        rows = self.index.by_key(q.key)
        how = "exact key"
        if len(q.skel) >= 2 or not rows:
            rows += self.index.by_skeleton(q.skel) if q.skel else []
        if not rows or all(r.key != q.key for r in rows) and len(q.skel) >= 3:
            lo, hi = max(2, len(q.skel) - 2), len(q.skel) + 2
            pool = self.index.skeletons_with_prefix(q.skel[:2], lo, hi)
            near_skels = process.extract(q.skel, pool, scorer=fuzz.ratio, score_cutoff=75, limit=8)
            for skel, _, _ in near_skels:
                if skel != q.skel:
                    rows += self.index.by_skeleton(skel)
            how = "fuzzy" if near_skels else how
        return rows, how

    @staticmethod
    def _similarity(q: _Query, row: NameRow) -> float:
        """1 for the same key, else a blend of key, vowel-pattern and skeleton similarity."""
        if row.key == q.key:
            return 1.0
        r_key = fuzz.ratio(q.key.replace(" ", ""), row.key.replace(" ", "")) / 100
        r_vowel = fuzz.ratio(vowel_pattern(q.key), vowel_pattern(row.key)) / 100
        r_skel = fuzz.ratio(q.skel, row.skel) / 100
        return min(0.99, 0.4 * r_key + 0.3 * r_vowel + 0.3 * r_skel)

    def _score(
        self,
        q: _Query,
        rows: list[NameRow],
        how: str,
        country: str | None,
        near: tuple[float, float] | None,
        within_km: float | None,
        context: ResolveContext | None,
    ) -> list[_Scored]:
        by_place: dict[tuple[str, int], tuple[float, NameRow]] = {}
        for row in rows:
            sim = self._similarity(q, row)
            prev = by_place.get((row.db, row.pid))
            if prev is None or sim > prev[0]:
                by_place[(row.db, row.pid)] = (sim, row)
        best = sorted(by_place.values(), key=lambda t: -t[0])[:MAX_SIMILAR]
        items = []
        for sim, row in best:  # places are read only for the most similar names
            kind = "exact key" if sim == 1.0 else "skeleton" if row.skel == q.skel else how
            items.append(_Scored(self.index.place_at(row.db, row.pid), sim, sim, kind))
        if country:
            items = [s for s in items if s.place.country == country]
        if near is not None and within_km is not None:
            items = [s for s in items if haversine_km(*near, s.place.lat, s.place.lon) <= within_km]
        regions = [s for s in items if s.place.kind in ("region", "country")]
        if q.region and regions:
            items = regions
        for s in items:
            s.score = s.sim + self._bonus(s.place, q, s.sim, near, context)
        items.sort(key=lambda s: (-s.score, -s.place.population, s.place.id))
        groups: list[list[_Scored]] = []
        for s in items[:MAX_RANKED]:  # one place seen by several sources counts once
            for group in groups:
                head = group[0].place
                if abs(head.lat - s.place.lat) > 0.03:  # > 3.3 km apart: skip the trigonometry
                    continue
                if haversine_km(s.place.lat, s.place.lon, head.lat, head.lon) <= SAME_PLACE_KM:
                    group.append(s)
                    break
            else:
                groups.append([s])
        merged = []
        for group in groups:  # report the most authoritative record, with the group's score
            rep = min(group, key=lambda s: (_source_rank(s.place), -s.score))
            merged.append(_Scored(rep.place, group[0].sim, group[0].score, group[0].how))
        return merged

    @staticmethod
    def _bonus(
        place: Place,
        q: _Query,
        sim: float,
        near: tuple[float, float] | None,
        context: ResolveContext | None,
    ) -> float:
        """Prior (population, kind) plus context (countries, admin1, spatial coherence)."""
        population = place.population or UNKNOWN_POPULATION
        bonus = 0.08 * min(1.0, math.log10(population + 1) / 6)
        if sim >= 1.0:  # the very spelling a source lists beats a look-alike
            bonus += EXACT_BONUS
        if place.kind == "region" and not q.region:
            bonus -= 0.25
        elif place.kind in ("base", "site"):  # a feature, not a settlement: a weaker reading
            bonus -= 0.05
        if near is not None:
            d = haversine_km(*near, place.lat, place.lon)
            bonus += 0.2 * math.exp(-d / 50) - (0.05 if d > 1000 else 0.0)
        if context is None:
            return bonus
        if context.countries:
            if place.country in context.countries:
                bonus += 0.06
            else:  # a foreign place needs its exact name to be read in this article
                bonus -= 0.12 if sim >= 1.0 else 0.3
        if context.admin1 and f"{place.country}.{place.admin1}" in context.admin1:
            bonus += 0.04
        if context.points:
            dists = [haversine_km(lat, lon, place.lat, place.lon) for lon, lat in context.points]
            nearest = min(dists)
            mean = sum(math.exp(-d / 60) for d in dists) / len(dists)
            bonus += COHERENCE_WEIGHT * (0.5 * math.exp(-nearest / 25) + 0.5 * mean)
            if nearest > 1000:
                bonus -= 0.05
            if sim < 1.0 and nearest > FAR_KM:  # an inexact name far from the story
                bonus -= 0.35
        return bonus

    @staticmethod
    def _context_makes_place(
        best: _Scored,
        q: _Query,
        country: str | None,
        near: tuple[float, float] | None,
        context: ResolveContext | None,
    ) -> bool:
        if best.sim < 1.0:
            return False
        if country and best.place.country == country:
            return True
        points = [near] if near else []
        if context is not None:
            points += [(lat, lon) for lon, lat in context.points]
        return any(
            haversine_km(lat, lon, best.place.lat, best.place.lon) <= COMMON_WORD_KM
            for lat, lon in points
        )

    # ---- imports ---------------------------------------------------------------------------
    def import_geonames(self, path: Path) -> ImportReport:
        """Import a GeoNames dump (``SY.txt``, ``allCountries.zip``...) into the user database.

        Raises
        ------
        SourceError
            The file is missing or not a dump at all; malformed lines are only reported.
        """
        from gazetteer.sources.dump import GeonamesDump

        return self._import(GeonamesDump(Path(path)))

    def import_csv(self, path: Path) -> ImportReport:
        """Import a user CSV (``name, lat, lon[, alt_names, country, admin1, kind]``)."""
        return self._import(UserCSV(Path(path)))

    def fetch(self, country: str, *, base_url: str | None = None) -> ImportReport:
        """Download the GeoNames dump of ``country`` and import it."""
        from gazetteer.sources.fetch import fetch_country

        path = fetch_country(country, self.index.cache_dir / "downloads", base_url=base_url)
        return self.import_geonames(path)

    def _import(self, source: GeonamesDump | UserCSV) -> ImportReport:
        import datetime as dt

        conn = open_user_db(self.index.cache_dir)
        try:
            count = insert_places(conn, source.places())
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            conn.execute(
                "INSERT INTO imports VALUES (?, ?, ?, ?)",
                (source.name, str(source.path), count, now),
            )
            conn.commit()
        finally:
            conn.close()
        self._cache.clear()
        return ImportReport(str(source.path), source.name, count, tuple(source.problems))

    # ---- information -----------------------------------------------------------------------
    def info(self) -> dict[str, object]:
        """Index location, build metadata and place counts per source."""
        conn = open_user_db(self.index.cache_dir)
        try:
            imports = [
                {"source": s, "path": p, "count": n, "at": at}
                for s, p, n, at in conn.execute("SELECT * FROM imports ORDER BY at")
            ]
            cached = conn.execute("SELECT count(*) FROM online_cache").fetchone()[0]
        finally:
            conn.close()
        return {
            "index": str(self.index.path),
            "index_bytes": self.index.path.stat().st_size,
            "imports": imports,
            "online_cache_entries": cached,
            "user_db": str(self.index.cache_dir / "user.sqlite"),
            "meta": self.index.meta,
            "counts": self.index.counts(),
        }

    def place(self, place_id: str) -> Place | None:
        """The place with this id (``"geonames:168325"``), or None."""
        return self.index.place(place_id)


_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """A process-wide :class:`Gazetteer` over the default cache directory."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer.open()
    return _DEFAULT
