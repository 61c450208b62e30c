"""Resolution: which real place is this name? (class :class:`Gazetteer`)."""

from __future__ import annotations

import heapq
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from gazetteer.approx import Approx, BKTree, bounds, describe, skeleton_cost, weak_edits
from gazetteer.commonwords import is_common
from gazetteer.errors import ImportProblem
from gazetteer.index import (
    Index,
    NameRow,
    default_cache_dir,
    drop_taken_readings,
    insert_places,
    open_user_db,
    writes_somali,
)
from gazetteer.place import Candidate, Place, Resolution, ResolveContext
from gazetteer.ranking import (
    ALT_NAME_PENALTY,
    DOMINANT_POPULATION_RATIO,
    MAX_RANKED,
    MAX_SIMILAR,
    MIN_SCORE,
    MIN_SIMILARITY,
    PRIMARY_BONUS,
    SAME_PLACE_KM,
    Query,
    Scored,
    ambiguous,
    check,
    construct_variant,
    context_delta,
    context_makes_place,
    far_from_story,
    foreign_short,
    haversine_km,
    incoherent,
    kin_variants,
    loose_supported,
    owns_name,
    prior,
    proximity,
    similarity,
    source_rank,
    static_bonus,
    theatre_look_alike,
    unit,
    verbatim,
)
from gazetteer.sources.base import Source
from gazetteer.sources.usercsv import UserCSV
from gazetteer.translit import key_skeleton, name_key, unit_name

if TYPE_CHECKING:
    from gazetteer.sources.dump import GeonamesDump
    from gazetteer.sources.online import OnlineGeocoder

__all__ = ["Gazetteer", "ImportReport", "default_gazetteer", "default_sources", "haversine_km"]


#: Consonants romanisations swap (v/f, p/b, z/s, d/t, g/k, zh/sh): fuzzy skeleton neighbours
#: are ranked on these coarse forms, so "Xrkf" (Kharkof) finds "Xrkv" (Kharkov) first.
_COARSE = str.maketrans("vpzdgZ", "fbstkS")


#: A name one letter off every key (a source's typo) is placed only this close to a place
#: of its article...
TYPO_KM = 15.0
#: ...and only with a consonant skeleton this long.
TYPO_MIN_SKELETON = 3
#: Edit weights (insertion, deletion, substitution): one typo is one letter replaced.
_SUBSTITUTION = (2, 2, 1)

#: A loosely spotted name needs a consonant skeleton this long...
LOOSE_MIN_SKELETON = 4
#: ...or one letter shorter in a word whose key has at least this many letters.
LOOSE_LONG_KEY = 8

#: Resolutions remembered, least recently used dropped first: those asked without points
#: (a name alone, or with countries/regions: corpora repeat them)...
RESOLUTION_CACHE = 20_000
#: ...and those asked with points: an article's own points rarely recur in another article,
#: so these must not accumulate over a corpus (memory stays flat).
POINTS_CACHE = 2048
#: Names whose context-free work (candidates and string similarity) is remembered.
SIMILAR_CACHE = 10_000


#: An approximate match is backed by the article's places within this distance...
APPROX_KM = 15.0
#: ...or by a province the article names, for a key of at least this many letters.
APPROX_PROVINCE_KEY = 8
#: Scores of an approximate match by what backs it, less :data:`APPROX_EDIT_COST` per letter
#: beyond the first: placed ones stay below an exact spelling's, never anchors of an article.
APPROX_SCORE = {"places": 0.75, "province": 0.7, "theatre": 0.6, "": 0.5}
APPROX_EDIT_COST = 0.05
#: Near candidates an unresolved name reports.
APPROX_REPORTED = 3
#: Countries whose skeleton BK-trees are kept (built on first use, one SQL scan each; a
#: theatre of several countries searches each one's tree).
APPROX_TREES = 8

#: Words after a name that say it is a settlement ("Idlib city").
_SETTLEMENT_WORDS = frozenset({"city", "town", "village", "ville"})
#: English feature words after a name and the generic term that leads the same name in Arabic
#: toponyms ("Zuwayqat Mountains" is "Jabal Zuwayqat"): tried when the whole name placed
#: nothing, and only a hill or site is accepted.
_FEATURE_WORDS = {
    "mountains": "Jabal", "mountain": "Jabal", "mount": "Jabal", "hill": "Tal",
    "hills": "Tal", "heights": "Jabal", "valley": "Wadi",
}  # fmt: skip


def default_sources() -> list[Source]:
    """GeoNames cities500 and the curated CSVs: what the index is built from."""
    from gazetteer.sources.curated import CuratedCSV
    from gazetteer.sources.geonames import GeonamesCities

    return [GeonamesCities(), CuratedCSV()]


@dataclass(frozen=True, slots=True)
class _Entry:
    """A candidate of a name before context: its place, similarity and static bonus.

    ``base`` is :func:`static_bonus` for a ``live`` candidate (similar enough to be placed),
    else the population prior it is listed with.
    """

    place: Place
    sim: float
    kind: str
    primary: bool
    live: bool
    base: float
    spelled: bool = False
    written: bool = False  # one of its names is the query as written (case aside)


@dataclass(frozen=True, slots=True)
class _Near:
    """A place near a name in spelling, before context: distances on skeleton and key."""

    place: Place
    name: str
    skel_d: int
    key_d: int
    cost: float


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: places imported, malformed lines skipped (with line numbers)."""

    path: str
    source: str
    imported: int
    problems: tuple[ImportProblem, ...] = field(default=())


class Gazetteer:
    """Names and context in, real places out.

    Open with :meth:`open` (builds the index on first use). Resolution never raises on bad
    names: it returns a :class:`Resolution` whose ``reason`` says what was wrong.
    """

    def __init__(self, index: Index, *, online: OnlineGeocoder | None = None) -> None:
        self.index = index
        self.online = online
        self._cache: OrderedDict[tuple[object, ...], Resolution] = OrderedDict()
        self._points_cache: OrderedDict[tuple[object, ...], Resolution] = OrderedDict()
        self._pools: dict[tuple[str, int, int], tuple[list[str], list[str]]] = {}
        self._similars: dict[
            tuple[str, str, bool, str, str], tuple[str, list[tuple[float, NameRow]]]
        ] = {}
        self._entries: dict[tuple[object, ...], list[_Entry]] = {}
        self._near: dict[tuple[str, str, tuple[str, ...]], list[_Near]] = {}
        self._one_letter: dict[tuple[str, str, str | None], list[Place]] = {}

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

        With ``loose=True`` a key also counts when its consonant skeleton is some indexed
        name's skeleton: spellings no source lists ("Khan Sheikhon"). The skeleton needs
        :data:`LOOSE_MIN_SKELETON` letters, or one fewer in a long word
        (:data:`LOOSE_LONG_KEY` letters: "Urozhayny" for Urozhaine).
        """
        keys = [k for k in dict.fromkeys(keys) if k]
        found = self.index.known("key", keys)
        if loose:
            skels: dict[str, list[str]] = {}
            for k in keys:
                if k not in found:
                    s = key_skeleton(k)
                    long_word = len(k.replace(" ", "")) >= LOOSE_LONG_KEY
                    if len(s) >= LOOSE_MIN_SKELETON or (
                        long_word and len(s) >= LOOSE_MIN_SKELETON - 1
                    ):
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

        Returns
        -------
        Resolution
            ``place`` with ``reason`` ``"exact key"``, ``"skeleton"``, ``"fuzzy"`` or
            ``"online"`` (how the name matched), or ``place=None`` with the reason:
            ``"empty name"``, ``"too long (...)"``, ``"control characters in name"``,
            ``"mixed scripts (...)"``, ``"no letters"``, ``"only an article"``,
            ``"no candidate"``, ``"no candidate in the country or distance asked for"``,
            ``"common word"``, ``"below threshold"``, ``"below threshold: skeleton match
            not backed by the article's places"`` (a look-alike spelling placed only in a
            region the article names or within 40 km of a point it placed),
            ``"short name, only placed outside the article's countries"``, ``"ambiguous"``
            or ``"far from the article's places"``. ``score`` is in [0, 1]: about 0.8 and above
            for an exact spelling in the article's country, lower for look-alikes.
        """
        cache_key = (name, country, near, within_km, context)
        with_points = context is not None and bool(context.points)
        cache = self._points_cache if with_points else self._cache
        hit = cache.get(cache_key)
        if hit is not None:
            cache.move_to_end(cache_key)
            return hit
        try:
            unit = unit_name(name) if isinstance(name, str) else None
            result = self._resolve(unit or name, country, near, within_km, context)
            if unit is not None:  # "Regiment 46 Base": the indexed "46th Regiment"
                result = replace(result, query=name)
            if result.place is None:
                result = self._without_settlement_word(result, country, near, within_km, context)
        except Exception as err:  # noqa: BLE001 - the contract: never raise on a name
            result = Resolution(str(name)[:200], None, 0.0, f"error: {type(err).__name__}: {err}")
        cache[cache_key] = result
        if len(cache) > (POINTS_CACHE if with_points else RESOLUTION_CACHE):
            cache.popitem(last=False)
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
        query, problem = check(name)
        if query is None:
            return Resolution(name if isinstance(name, str) else repr(name), None, 0.0, problem)
        country = country.upper() if country else None
        how, similar = self._similar(query)
        scored = self._score(query, similar, how, country, near, within_km, context)
        if not scored:
            reason = "no candidate"
            if similar and (country or within_km is not None):
                reason = "no candidate in the country or distance asked for"
            res = self._approximately(
                query, Resolution(query.text, None, 0.0, reason), country, context
            )
            return self._fallback(query, res, country, context)
        cands = tuple(Candidate(s.place, unit(s.score)) for s in scored[:5])
        if scored[0].sim < 1.0:  # a look-alike never beats a town's own name
            city = next((s for s in scored if owns_name(s, context)), None)
            if city is not None:  # its rivals are the other exact spellings only
                scored = [city] + [s for s in scored if s.sim >= 1.0 and s is not city]
                others = [c for c in cands if c.place.id != city.place.id]
                cands = (Candidate(city.place, unit(city.score)), *others)[:5]
        best = scored[0]
        if is_common(list(query.tokens)) and not context_makes_place(
            best, query, country, near, context
        ):
            return Resolution(query.text, None, unit(best.score), "common word", cands)
        if best.sim < MIN_SIMILARITY or best.score < MIN_SCORE:
            typo = self._one_letter_near(query, country, context)
            if typo is not None:
                return typo
            res = Resolution(query.text, None, unit(best.score), "below threshold", cands)
            res = self._approximately(query, res, country, context)
            return self._fallback(query, res, country, context)
        dense = self.index.dense_countries()
        if not loose_supported(best, near, context, query_key=query.key) and not theatre_look_alike(
            best, scored, context, query_key=query.key, dense=dense
        ):
            reason = f"below threshold: {best.how} match not backed by the article's places"
            res = Resolution(query.text, None, unit(best.score), reason, cands)
            res = self._approximately(query, res, country, context)
            return self._fallback(query, res, country, context)
        if foreign_short(best, query, context):
            reason = "short name, only placed outside the article's countries"
            res = Resolution(query.text, None, unit(best.score), reason, cands)
            return self._fallback(query, res, country, context)
        if len(scored) > 1 and ambiguous(best, scored[1]):
            return Resolution(query.text, None, unit(best.score), "ambiguous", cands)
        if len(scored) > 1 and incoherent(best, scored[1], near, context, dense):
            return Resolution(query.text, None, unit(best.score), "ambiguous", cands)
        if far_from_story(best, context):
            res = Resolution(
                query.text, None, unit(best.score), "far from the article's places", cands
            )
            return self._fallback(query, res, country, context)
        if best.sim < 1.0 and self._far_look_alike(best, context):
            nearer = self._approximately(
                query, Resolution(query.text, None, 0.0, ""), country, context
            )
            if nearer.place is not None and nearer.place.id != best.place.id:
                return nearer  # "Talawash": Tal Hawash beside the story, not Tall Allush 70 km off
        return Resolution(query.text, best.place, unit(best.score), best.how, cands)

    @staticmethod
    def _far_look_alike(best: Scored, context: ResolveContext | None) -> bool:
        """A look-alike match farther than :data:`APPROX_KM` from every place of the article."""
        if context is None or not context.points:
            return False
        return best.nearest_km is None or best.nearest_km > APPROX_KM

    # ---- approximate look-up -------------------------------------------------------------
    def approximate(
        self,
        name: str,
        *,
        country: str | None = None,
        context: ResolveContext | None = None,
    ) -> list[Approx]:
        """Places whose name is within a bounded edit distance of ``name``, nearest first.

        The distance is taken on the consonant skeleton (the phonetic key) and on the key
        without spaces, bounded by the name's length (:func:`gazetteer.approx.bounds`: a
        skeleton under four letters matches nothing). Only places in ``country``, else in
        the context's countries (its theatre) when it has some, else anywhere (then among
        skeletons sharing the name's first letters). Each match says what in ``context``
        backs it: the article's places (within :data:`APPROX_KM`), a province it names, or
        its theatre.
        """
        query, _ = check(name)
        if query is None:
            return []
        return self._approx_matches(query, country.upper() if country else None, context)

    def resolve_approximately(
        self,
        name: str,
        *,
        country: str | None = None,
        context: ResolveContext | None = None,
    ) -> Resolution:
        """Place a name no index key matches by a near spelling the context backs, or say why.

        Placed: the one :meth:`approximate` match backed by the context's points, or for a
        key of :data:`APPROX_PROVINCE_KEY`+ letters by a province it names (the reason starts
        with ``"approximate: "`` and says which). Otherwise ``place`` is None and the reason
        lists the nearest candidates with their backing.
        """
        query, problem = check(name)
        if query is None:
            return Resolution(str(name)[:200], None, 0.0, problem)
        res = Resolution(query.text, None, 0.0, "no close match")
        return self._approximately(query, res, country.upper() if country else None, context)

    def _theatre_tree(self, country: str) -> BKTree:
        """The BK-tree of the skeletons of ``country``'s places (built once, kept LRU)."""
        trees = self.index.trees
        tree = trees.get((country,))
        if tree is None:
            tree = BKTree(self.index.skeletons_in((country,)))
            trees[(country,)] = tree
            if len(trees) > APPROX_TREES:
                trees.popitem(last=False)
        else:
            trees.move_to_end((country,))
        return tree

    def _approx_skeletons(
        self, q: Query, max_skel: int, countries: tuple[str, ...]
    ) -> list[tuple[int, str]]:
        if countries:  # a theatre of several countries: the union of their trees' answers
            found: dict[str, int] = {}
            for country in dict.fromkeys(countries):
                tree = self._theatre_tree(country)
                found.update((s, d) for d, s in tree.search(q.skel, max_skel))
            return sorted((d, s) for s, d in found.items())
        lo, hi = len(q.skel) - max_skel, len(q.skel) + max_skel
        pool: list[str] = []
        for prefix in {q.skel[:2], q.skel[0] + q.skel[2:3]}:
            pool += self._pool(prefix, lo, hi)[0]
        out = []
        for skel in dict.fromkeys(pool):
            d = Levenshtein.distance(skel, q.skel, score_cutoff=max_skel)
            if d <= max_skel:
                out.append((d, skel))
        return sorted(out)

    def _approx_matches(
        self, q: Query, country: str | None, context: ResolveContext | None
    ) -> list[Approx]:
        countries = (country,) if country else (context.countries if context else ())
        found = [
            self._backed(n.place, n.name, (n.skel_d, n.key_d, n.cost), context, countries)
            for n in self._near_places(q, tuple(countries))
        ]
        return sorted(found, key=lambda m: (-m.score, m.key_distance, m.skel_cost, m.km or 0.0))

    def _near_places(self, q: Query, countries: tuple[str, ...]) -> list[_Near]:
        """Places within :func:`~gazetteer.approx.bounds` of the name, one row each (cached).

        The context-free half of :meth:`approximate`: names recur across a corpus.
        """
        cache_key = (q.key, q.skel, countries)
        hit = self._near.get(cache_key)
        if hit is not None:
            return hit
        flat = q.key.replace(" ", "")
        limits = bounds(q.skel, flat)
        max_skel, max_key = limits if limits is not None else (-1, -1)
        found: dict[str, _Near] = {}
        for skel_d, skel in self._approx_skeletons(q, max_skel, countries) if limits else ():
            if not weak_edits(q.skel, skel):
                continue
            cost = skeleton_cost(q.skel, skel)
            for row in self.index.by_skeleton(skel):
                key_d = Levenshtein.distance(row.key.replace(" ", ""), flat, score_cutoff=max_key)
                if key_d > max_key:
                    continue
                place = self.index.place_at(row.db, row.pid)
                if countries and place.country not in countries:
                    continue
                near = _Near(place, row.name, skel_d, key_d, cost)
                prev = found.get(place.id)
                if prev is None or (key_d, cost) < (prev.key_d, prev.cost):
                    found[place.id] = near
        out = list(found.values())
        if len(self._near) > SIMILAR_CACHE:
            self._near.clear()
        self._near[cache_key] = out
        return out

    @staticmethod
    def _backed(
        place: Place,
        name: str,
        distances: tuple[int, int, float],
        context: ResolveContext | None,
        countries: Sequence[str] = (),
    ) -> Approx:
        """An approximate match with what in the article backs it, and its score.

        ``distances``: skeleton edit distance, key edit distance, skeleton edit cost.
        """
        skel_d, key_d, cost = distances
        km = None
        backing = ""
        if context is not None:
            if context.points:
                km = min(
                    haversine_km(place.lat, place.lon, lat, lon) for lon, lat in context.points
                )
            if km is not None and km <= APPROX_KM:
                backing = "places"
            elif f"{place.country}.{place.admin1}" in context.admin1:
                backing = "province"
            elif place.country in context.countries:
                backing = "theatre"
        if not backing and place.country in countries:
            backing = "theatre"  # the country asked for
        score = APPROX_SCORE[backing] - APPROX_EDIT_COST * max(0, key_d - 1)
        return Approx(place, name, skel_d, key_d, cost, backing, km, round(score, 3))

    def _approximately(
        self,
        q: Query,
        res: Resolution,
        country: str | None,
        context: ResolveContext | None,
    ) -> Resolution:
        """An unplaced name placed by an approximate match the article backs, else reported.

        Placed: the one place (records within :data:`SAME_PLACE_KM` count once) backed by
        the article's places, or, for a key of :data:`APPROX_PROVINCE_KEY`+ letters with none
        such, the one backed by a province it names. Otherwise ``res`` comes back with the
        nearest candidates (and their backing) in its reason and candidates.
        """
        if res.place is not None or (context is None and country is None and res.candidates):
            return res
        matches = self._approx_matches(q, country, context)
        if not matches:
            return res
        chosen = self._one_backed(matches, "places")
        if chosen is None and len(q.key.replace(" ", "")) >= APPROX_PROVINCE_KEY:
            chosen = self._one_backed(matches, "province")
        cands = tuple(Candidate(m.place, m.score) for m in matches[:5])
        if chosen is not None:
            reason = f"approximate: {describe(chosen)}"
            return Resolution(q.text, chosen.place, chosen.score, reason, cands)
        shown = _distinct_places(matches)[:APPROX_REPORTED]
        nearest = "; ".join(describe(m) for m in shown)
        return replace(res, reason=f"{res.reason}; nearest: {nearest}", candidates=cands)

    @staticmethod
    def _one_backed(matches: list[Approx], backing: str) -> Approx | None:
        """The one place of ``matches`` with this backing (fewest letters off), or None.

        Only matches a consonant apart count: the same skeleton with other vowels is the
        ordinary loose match, which has its own rules.
        """
        # a vowel apart on the same skeleton is the loose match's domain, judged there
        # ("Al-Sarman" is not Sarmin): approximate places need a consonant edit
        backed = [m for m in matches if m.backing == backing and m.skel_distance > 0]
        if not backed:
            return None
        least = min((m.key_distance, m.skel_cost) for m in backed)
        best = [m for m in backed if (m.key_distance, m.skel_cost) == least]
        first = min(best, key=lambda m: source_rank(m.place))
        if any(
            haversine_km(first.place.lat, first.place.lon, m.place.lat, m.place.lon) > SAME_PLACE_KM
            for m in best
        ):
            return None  # two places as near: no guess
        return first

    def _without_settlement_word(
        self,
        result: Resolution,
        country: str | None,
        near: tuple[float, float] | None,
        within_km: float | None,
        context: ResolveContext | None,
    ) -> Resolution:
        """Retry "Idlib city" or "Morek town" without the settlement word.

        Only when the whole name placed nothing (a place may be called "Sadr City"), and only
        a settlement (not a region) is accepted for the shorter name. A feature word
        ("Zuwayqat Mountains") is retried as the Arabic generic term (:data:`_FEATURE_WORDS`),
        and only a hill or site is accepted.
        """
        words = result.query.split()
        if len(words) >= 2 and words[-1].lower() in _FEATURE_WORDS:
            generic = _FEATURE_WORDS[words[-1].lower()]
            named = f"{generic} {' '.join(words[:-1])}"
            feature = self._resolve(named, country, near, within_km, context)
            if feature.place is not None and feature.place.kind in ("hill", "site"):
                return replace(feature, query=result.query)
            return result
        if len(words) < 2 or words[-1].lower() not in _SETTLEMENT_WORDS:
            return result
        short = self._resolve(" ".join(words[:-1]), country, near, within_km, context)
        if short.place is None or short.place.kind in ("region", "country"):
            return result
        return replace(short, query=result.query)

    def _one_letter_near(
        self, q: Query, country: str | None, context: ResolveContext | None
    ) -> Resolution | None:
        """A source's typo: the one place one letter off (on the key) near the article.

        For a name no index key meets closely enough ("Ghadqa" for al-Ghadfa): places whose
        key is one letter replaced away from the name's (spaces aside; a letter dropped or
        added makes another name too often: "Surman" is not Suran) and that lie within
        :data:`TYPO_KM` of a place the article names. Exactly one such place (records of one
        place within :data:`SAME_PLACE_KM` count once), or none.
        """
        points = context.points if context is not None else ()
        if not points or len(q.skel) < TYPO_MIN_SKELETON:
            return None
        found: dict[str, Place] = {}
        for place in self._one_letter_off(q, country):
            if any(haversine_km(place.lat, place.lon, lat, lon) <= TYPO_KM for lon, lat in points):
                found[place.id] = place
        if not found:
            return None
        place = min(found.values(), key=source_rank)  # two records of one place count once
        if any(
            haversine_km(place.lat, place.lon, p.lat, p.lon) > SAME_PLACE_KM for p in found.values()
        ):
            return None  # two places: no guess
        reason = "one letter off, near the article's places"
        return Resolution(q.text, place, MIN_SCORE, reason, (Candidate(place, MIN_SCORE),))

    def _one_letter_off(self, q: Query, country: str | None) -> list[Place]:
        """The places whose key is one letter replaced away from ``q``'s, in index order.

        What :meth:`_one_letter_near` looks at before the article's points, cached: a corpus
        asks for the same words in article after article ("Reuters", "Russians").
        """
        cache_key = (q.skel, q.key, country)
        hit = self._one_letter.get(cache_key)
        if hit is not None:
            return hit
        flat = q.key.replace(" ", "")
        lo, hi = len(q.skel) - 1, len(q.skel) + 1
        pool: list[str] = []
        for prefix in {q.skel[:2], q.skel[0] + q.skel[2:3]}:
            pool += self._pool(prefix, lo, hi)[0]
        hit = []
        for skel in dict.fromkeys(pool):
            if Levenshtein.distance(skel, q.skel, score_cutoff=1) > 1:
                continue
            for row in self.index.by_skeleton(skel):
                if Levenshtein.distance(row.key.replace(" ", ""), flat, weights=_SUBSTITUTION) != 1:
                    continue
                place = self.index.place_at(row.db, row.pid)
                if not country or place.country == country:
                    hit.append(place)
        if len(self._one_letter) > SIMILAR_CACHE:
            self._one_letter.clear()
        self._one_letter[cache_key] = hit
        return hit

    def _fallback(
        self,
        query: Query,
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

    def _candidates(self, q: Query) -> tuple[list[NameRow], str]:
        rows = self.index.by_key(q.key)
        if q.joined:  # "Liao-Yang": the place written as one word, Liaoyang
            rows += self.index.by_key(q.joined)
        if q.reading and not rows:  # a Somali spelling no source lists ("Ceel Waaq")
            rows = self.index.by_key(q.reading)
        how = "exact key"
        if len(q.skel) >= 2 or not rows:
            rows += self.index.by_skeleton(q.skel) if q.skel else []
        if len(q.skel) <= 2:  # short names: their skeleton bucket is huge, try vowel kin
            for variant in sorted(kin_variants(q.key)):
                rows += self.index.by_key(variant)
        standalone = construct_variant(q.key)
        if standalone is not None:  # "Zakat": the name Zakah in the construct state
            rows += self.index.by_key(standalone)
        if not rows or all(r.key != q.key for r in rows) and len(q.skel) >= 3:
            lo, hi = max(2, len(q.skel) - 2), len(q.skel) + 2
            pool, coarse = self._pool(q.skel[:2], lo, hi)
            near_skels = process.extract(
                q.skel.translate(_COARSE), coarse, scorer=fuzz.ratio, score_cutoff=75, limit=8
            )
            for _, _, i in near_skels:
                if pool[i] != q.skel:
                    rows += self.index.by_skeleton(pool[i])
            how = "fuzzy" if near_skels else how
        return rows, how

    def _pool(self, prefix: str, lo: int, hi: int) -> tuple[list[str], list[str]]:
        """Skeletons with ``prefix`` and length in [lo, hi], and their coarse forms (cached)."""
        hit = self._pools.get((prefix, lo, hi))
        if hit is None:
            pool = self.index.skeletons_with_prefix(prefix, lo, hi)
            hit = (pool, [p.translate(_COARSE) for p in pool])
            if len(self._pools) > 5000:
                self._pools.clear()
            self._pools[(prefix, lo, hi)] = hit
        return hit

    def _similar(self, q: Query) -> tuple[str, list[tuple[float, NameRow]]]:
        """How the name matched and its most similar places (best name of each), cached.

        Names recur across the articles of a corpus with other contexts each time; what
        does not depend on context (look-ups and string similarity) is computed once.
        """
        cache_key = (q.key, q.skel, q.vowels, q.reading, q.joined)
        hit = self._similars.get(cache_key)
        if hit is not None:
            return hit
        rows, how = self._candidates(q)
        by_place: dict[tuple[str, int], tuple[float, NameRow]] = {}
        for row in rows:
            sim = similarity(q, row)
            if sim < 1.0 and self._reads_as(q, row):
                sim = 1.0
            prev = by_place.get((row.db, row.pid))
            if prev is None or sim > prev[0]:
                by_place[(row.db, row.pid)] = (sim, row)
        # rows, not places, are kept: memory stays bounded by the index's place cache
        out = sorted(by_place.values(), key=lambda t: -t[0])[:MAX_SIMILAR]
        if len(self._similars) > SIMILAR_CACHE:
            self._similars.clear()
        self._similars[cache_key] = (how, out)
        return how, out

    def _reads_as(self, q: Query, row: NameRow) -> bool:
        """Whether the name's Somali reading is this row's key, of a place where it is written.

        "Ceel Waaq" is El Wak (Kenya); "Xamar" is no Hamar in Norway.
        """
        return (
            bool(q.reading)
            and row.key == q.reading
            and writes_somali(self.index.place_at(row.db, row.pid))
        )

    def _prepared(self, q: Query, how: str, similar: list[tuple[float, NameRow]]) -> list[_Entry]:
        """The context-free part of ranking a name's candidates, cached per query form.

        Places, match kinds, verbatim ownership and static bonuses depend on the name only;
        :meth:`_score` adds what the call's context says.
        """
        q_verbatim = verbatim(q.text)
        cache_key = (q.key, q.skel, q.vowels, q.region, q_verbatim, q.reading, q.text.casefold())
        hit = self._entries.get(cache_key)
        if hit is not None:
            return hit
        entries = []
        for sim, row in similar:  # places are read only for the most similar names
            place = self.index.place_at(row.db, row.pid)
            kind = "exact key" if sim == 1.0 else "skeleton" if row.skel == q.skel else how
            primary = sim == 1.0 and verbatim(place.name) == q_verbatim
            spelled = sim == 1.0 and any(  # one of its names is the query letter for letter
                verbatim(n) == q_verbatim for n in (place.name, *place.alt_names)
            )
            written = spelled and any(
                n.casefold() == q.text.casefold() for n in (place.name, *place.alt_names)
            )  # "Sloviansk" listed so, not only as "Slov'iansk"
            live = sim >= MIN_SIMILARITY - 0.1
            base = static_bonus(place, q, sim) if live else prior(place)
            entries.append(_Entry(place, sim, kind, primary, live, base, spelled, written))
        if len(self._entries) > SIMILAR_CACHE:
            self._entries.clear()
        self._entries[cache_key] = entries
        return entries

    def _score(
        self,
        q: Query,
        similar: list[tuple[float, NameRow]],
        how: str,
        country: str | None,
        near: tuple[float, float] | None,
        within_km: float | None,
        context: ResolveContext | None,
    ) -> list[Scored]:
        items = self._prepared(q, how, similar)
        if country:
            items = [e for e in items if e.place.country == country]
        if near is not None and within_km is not None:
            items = [e for e in items if haversine_km(*near, e.place.lat, e.place.lon) <= within_km]
        if q.region:
            regions = [e for e in items if e.place.kind in ("region", "country")]
            items = regions or items
        points = context.points if context is not None else ()
        nearest: list[float | None] = [None] * len(items)
        closeness = [0.0] * len(items)
        live = [i for i, e in enumerate(items) if e.live]
        if points and live:
            lats = [items[i].place.lat for i in live]
            lons = [items[i].place.lon for i in live]
            for i, (d, c) in zip(live, proximity(lats, lons, points), strict=True):
                nearest[i], closeness[i] = d, c
        # a place whose own name this is beats places that list it as an alternate name,
        # unless one of those is far more populous (Artemivsk: Bakhmut, not a village)
        # (among the places in the article's countries, when it names any)
        countries = context.countries if context is not None else ()
        primary = [e.primary for e in items]
        home = [
            i
            for i, e in enumerate(items)
            if e.sim >= 1.0 and (not countries or e.place.country in countries)
        ]
        if not any(primary[i] for i in home):  # no letter-for-letter owner: own name by key
            for i in home:
                primary[i] = name_key(items[i].place.name) == q.key
            if any(items[i].written for i in home):
                # a name listed exactly as written beats one listed with other marks
                # ("Sloviansk" for Slovyansk; GeoNames gives Nikopol a "Slov'iansk" too)
                for i in home:
                    primary[i] = items[i].written
            elif any(items[i].spelled for i in home):
                # a name spelled letter for letter beats an own name equal by key only
                # ("Daraa" is listed for Dar'a; Darayya's key is "dara" too)
                for i in home:
                    primary[i] = items[i].spelled
        own_pop = max((items[i].place.population for i in home if primary[i]), default=-1)
        alt_pop = max((items[i].place.population for i in home if not primary[i]), default=-1)
        own_wins = own_pop >= 0 and not (  # unless an alternate's holder dominates it
            alt_pop >= 1000 and alt_pop >= DOMINANT_POPULATION_RATIO * max(own_pop, 1000)
        )
        order = []
        for i, e in enumerate(items):
            if not e.live:  # cannot be placed: listed with its prior only
                score = e.sim + e.base
            else:
                score = e.sim + context_delta(
                    e.place, e.sim, near, context, nearest[i], closeness[i], base=e.base
                )
                if own_wins and primary[i]:
                    score += PRIMARY_BONUS
                elif own_wins and e.sim >= 1.0:
                    score -= ALT_NAME_PENALTY
            order.append((-score, -e.place.population, e.place.id, i))
        groups: list[list[Scored]] = []
        for neg_score, _, _, i in heapq.nsmallest(MAX_RANKED, order):
            # one place seen by several sources counts once
            e = items[i]
            s = Scored(e.place, e.sim, -neg_score, e.kind, primary[i], nearest[i])
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
            rep = min(group, key=lambda s: (source_rank(s.place), -s.score))
            top = group[0]
            merged.append(
                Scored(rep.place, top.sim, top.score, top.how, top.primary, top.nearest_km)
            )
        return merged

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
            readings: list[int] = []
            count = insert_places(conn, source.places(), readings=readings)
            drop_taken_readings(conn, readings, self.index.conn)
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            conn.execute(
                "INSERT INTO imports VALUES (?, ?, ?, ?)",
                (source.name, str(source.path), count, now),
            )
            conn.commit()
        finally:
            conn.close()
        self._cache.clear()
        self._points_cache.clear()
        self._pools.clear()
        self._similars.clear()
        self._entries.clear()
        self._near.clear()
        self._one_letter.clear()
        self.index.forget()
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


def _distinct_places(matches: list[Approx]) -> list[Approx]:
    """``matches`` without a second record of one place (same name within a few km)."""
    out: list[Approx] = []
    for m in matches:
        if not any(
            o.place.name == m.place.name
            and haversine_km(o.place.lat, o.place.lon, m.place.lat, m.place.lon) <= SAME_PLACE_KM
            for o in out
        ):
            out.append(m)
    return out


def default_gazetteer() -> Gazetteer:
    """A process-wide :class:`Gazetteer` over the default cache directory."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer.open()
    return _DEFAULT
