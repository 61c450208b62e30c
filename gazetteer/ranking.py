"""Ranking rules of the resolver: input checks, similarity, priors, context and ambiguity.

Every number that decides a resolution is a named constant here, documented where it is used.
Scores are raw sums (similarity in [0, 1] + prior + context) until :func:`unit` maps them to
[0, 1] for the caller.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from gazetteer.index import NameRow
from gazetteer.place import Place, ResolveContext
from gazetteer.translit import (
    ARTICLES,
    distinct_words,
    fold,
    key_skeleton,
    name_key,
    skeleton_key,
    somali_reading,
    tokenize,
    vowel_pattern,
)

__all__ = [
    "Query",
    "Scored",
    "ambiguous",
    "check",
    "dominates",
    "far_from_story",
    "context_bonus",
    "context_delta",
    "context_makes_place",
    "proximity",
    "foreign_short",
    "haversine_km",
    "incoherent",
    "kin_variants",
    "loose_supported",
    "one_letter_off",
    "owns_name",
    "prior",
    "similarity",
    "short_kin",
    "source_rank",
    "static_bonus",
    "unit",
    "verbatim",
    "vowel_clash",
]

#: Words that make a name a first-level region ("Idlib province", "Zaporizhzhia Oblast").
_REGION_TEXT = (
    "province governorate gouvernorat governate oblast oblasti region muhafazah muhafazat "
    "mohafazat muhafaza wilayah"
)
REGION_WORDS = frozenset(_REGION_TEXT.split())
_DROP_WORDS = frozenset({"the", "of"})
_POLITY_WORDS = frozenset({"people", "peoples", "republic"})
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
MAX_RANKED = 15
#: Places at least this populous may lie far from the article's other places.
FAR_TOWN_POPULATION = 10_000
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
#: With same-named places, the chosen one must lie this close to some context point...
COHERENT_KM = 100.0
#: ...or this close when it is the only one of them in the article's countries (a war whose
#: towns lie far apart: its namesakes abroad are no rivals).
COHERENT_THEATRE_KM = 300.0
#: Context distance that makes a common word a place.
COMMON_WORD_KM = 50.0
#: Bonus of a place in a first-level region (governorate, oblast) the article names.
ADMIN1_WEIGHT = 0.2
#: A loose (not exact-key) match must lie this close to a point of the article (or in one
#: of its named regions) to be placed.
LOOSE_KM = 40.0
#: Without any spatial context, a loose match needs at least this similarity.
LOOSE_ALONE_SIMILARITY = 0.9
#: Penalty of an exact match on an alternate name when another place has it as its own
#: (primary) name and is at least as populous ("Pokrovsk" the city, not a village Pokrovske).
ALT_NAME_PENALTY = 0.2
#: Bonus of an exact match on a place's own (primary) name.
PRIMARY_BONUS = 0.03
#: A name with a skeleton this short outside the article's countries is not placed.
SHORT_SKELETON = 3
#: An exact spelling of a city this populous is that city, whatever look-alikes the
#: article's context favours ("Ankara" is not a checkpoint named Ayn Qari').
MAJOR_CITY = 100_000
#: Vowels that romanisations swap for one another (imala e/a, e/i, o/u, ī/ay).
_KIN_PAIRS = (("e", "i"), ("o", "u"), ("e", "a"), ("ay", "i"), ("ay", "e"), ("ay", "a"))
_VOWEL_KIN = frozenset(_KIN_PAIRS) | frozenset((b, a) for a, b in _KIN_PAIRS)
_ARABIC_NAME = re.compile(r"[\u0600-\u06ff]")
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


@dataclass(frozen=True, slots=True)
class Query:
    """A checked name: its text, name key, skeleton, words, and whether it names a region."""

    text: str
    key: str
    skel: str
    tokens: tuple[str, ...]
    region: bool
    vowels: bool = True
    #: The key of the name's Somali reading, when it has one of another key ("Ceel Waaq":
    #: ``"wak"``, as "El Wak"); met only by places where Somali is written.
    reading: str = ""
    #: The key of the name's words written as one ("Liao-Yang": as "Liaoyang"), when it
    #: differs: a hyphen or a space is not a letter, and places are listed either way.
    joined: str = ""


@dataclass(slots=True)
class Scored:
    """A candidate place with its name similarity, its score and how it matched."""

    place: Place
    sim: float
    score: float
    how: str
    primary: bool = False
    nearest_km: float | None = None


def source_rank(place: Place) -> int:
    """Which record of one place to report: GeoNames, then sourced curated rows, then the rest.

    Among several records of the same place (within :data:`SAME_PLACE_KM`) this keeps place
    ids stable whichever spelling matched.
    """
    if place.kind != "region" and place.id.startswith("geonames:"):
        return 0
    if place.id.startswith("curated:") and not place.id.startswith("curated:wm-"):
        return 1
    return 2


def unit(score: float) -> float:
    """A raw ranking score (similarity + prior + context, at most about 1.3) mapped to [0, 1]."""
    return round(max(0.0, min(1.0, score / RAW_SCORE_MAX)), 4)


def ambiguous(best: Scored, runner_up: Scored) -> bool:
    """True when nothing separates the best candidate from the runner-up.

    Scores within :data:`AMBIGUITY_MARGIN` of names matching as well are a tie unless the best
    place is a settlement of 1,000+ people with at least :data:`DOMINANT_POPULATION_RATIO`
    times the runner-up's known population (a city and a hamlet of one name: the city is what
    a dispatch means). A place of unknown population counts as a village of
    :data:`UNKNOWN_POPULATION`.
    """
    if runner_up.score < best.score - AMBIGUITY_MARGIN or runner_up.sim < best.sim - 0.02:
        return False
    return not dominates(best.place, runner_up.place)


def dominates(place: Place, other: Place) -> bool:
    """True when ``place`` clearly outweighs ``other``, a namesake.

    That is a settlement of 1,000+ people with at least :data:`DOMINANT_POPULATION_RATIO`
    times ``other``'s population (an unknown population counts as a village's).
    """
    pop = place.population
    return pop >= 1000 and pop >= DOMINANT_POPULATION_RATIO * (
        other.population or UNKNOWN_POPULATION
    )


def incoherent(
    best: Scored,
    runner_up: Scored,
    near: tuple[float, float] | None,
    context: ResolveContext | None,
    dense: frozenset[str] = frozenset(),
) -> bool:
    """True when several places share the name and the best is far from everything else.

    Context ranks same-named places by nearness; when even the nearest is more than
    :data:`COHERENT_KM` from every point the article gives, nothing is coherent: the true
    place is probably one no source lists, so no place is better than a distant namesake.
    A place that dominates its namesakes by population (a capital) is coherent anywhere, and
    so is the only one of them whose exact name this is in a first-level region the article
    names, when its namesakes lie outside those regions (an article on
    Bakhmut and Donetsk oblast means the oblast's Urozhaine, not Crimea's Urozhaynoye).
    """
    if runner_up.sim < best.sim - 0.02 or dominates(best.place, runner_up.place):
        return False
    if context is not None and context.admin1 and best.sim >= 1.0:  # exact names only
        regions = context.admin1
        if f"{best.place.country}.{best.place.admin1}" in regions and (
            f"{runner_up.place.country}.{runner_up.place.admin1}" not in regions
        ):
            return False
    points = [near] if near is not None else []
    if context is not None:
        points += [(lat, lon) for lon, lat in context.points]
    if not points:
        return False
    nearest = min(haversine_km(lat, lon, best.place.lat, best.place.lon) for lat, lon in points)
    return nearest > _coherent_km(best, runner_up, context, dense)


def _coherent_km(
    best: Scored, runner_up: Scored, context: ResolveContext | None, dense: frozenset[str]
) -> float:
    """How far from the article's points the best of same-named places may lie.

    :data:`COHERENT_THEATRE_KM` when it lies in the article's countries, which have no curated
    front (``dense``: there a far namesake is another village), and its runner-up lies abroad
    and does not outweigh it ("El Dher" in a Somali dispatch: Ceeldheer, not Győr; "Kursk" in
    a Ukrainian one is not Crimea's Kurskoye), else :data:`COHERENT_KM`.
    """
    if (
        context is not None
        and best.place.country in context.countries
        and not any(c in dense for c in context.countries)
        and runner_up.place.country not in context.countries
        and not dominates(runner_up.place, best.place)
    ):
        return COHERENT_THEATRE_KM
    return COHERENT_KM


def far_from_story(best: Scored, context: ResolveContext | None) -> bool:
    """True for a village or small town farther than :data:`FAR_KM` from every context point.

    A dispatch's places cluster around its front; a small place named like one of them but
    hundreds of kilometres away is almost always a namesake of a village no source lists.
    Places of :data:`FAR_TOWN_POPULATION` people or more are exempt (cities are named from afar).
    """
    if context is None or not context.points or best.place.kind in ("region", "country"):
        return False
    if best.place.population >= FAR_TOWN_POPULATION:
        return False
    return all(
        haversine_km(lat, lon, best.place.lat, best.place.lon) > FAR_KM
        for lon, lat in context.points
    )


def check(name: object) -> tuple[Query | None, str]:
    """Validate and parse a name; (None, reason) when it cannot be a place name.

    Whitespace runs become one space; control characters, mixed scripts, more than
    :data:`MAX_NAME_CHARS` characters, no letters or only an article are reasons.
    Region words ("province", "oblast"...) are dropped from the key and flag a region; so
    does "People's Republic" (the Donetsk and Luhansk entities lie over their oblasts).
    """
    if not isinstance(name, str):
        return None, "not a string"
    return _check(name)


@lru_cache(maxsize=10_000)
def _check(name: str) -> tuple[Query | None, str]:
    """:func:`check` of a string, remembered (corpora repeat their names)."""
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
    folded = [fold(w) for w in words]
    polity = any(  # "Donetsk People's Republic": a self-proclaimed entity over a region
        a in ("people", "peoples") and b == "republic"
        for a, b in zip(folded, folded[1:], strict=False)
    )
    drop = REGION_WORDS | _POLITY_WORDS if polity else REGION_WORDS
    region = polity or any(f in REGION_WORDS for f in folded)
    kept = [w for w, f in zip(words, folded, strict=True) if f not in drop and f not in _DROP_WORDS]
    if not kept:
        kept = words
    if all(f in ARTICLES for f in folded) and text[-1] in "-‐‑–":
        return None, "only an article"  # "al-": a prefix waiting for its word
    key = name_key(" ".join(kept))
    if not key:
        return None, "only an article"
    skel = skeleton_key(" ".join(kept))
    vowels = "arabic" not in scripts  # Arabic script writes no short vowels
    somali = somali_reading(" ".join(kept))
    reading = name_key(somali) if somali is not None else ""
    joined = name_key("".join(kept)) if len(kept) > 1 and fold(kept[0]) not in ARTICLES else key
    return Query(
        text,
        key,
        skel,
        tuple(kept),
        region,
        vowels,
        "" if reading == key else reading,
        "" if joined == key else joined,
    ), ""


def similarity(q: Query, row: NameRow) -> float:
    """1 for the same key, else a blend of key, vowel-pattern and skeleton similarity.

    The key of the name's words written as one is the same key ("Liao-Yang": Liaoyang).
    Arabic script writes no short vowels: against a romanised query an Arabic-script name
    is a skeleton, even when the keys agree, and never enough evidence alone.
    """
    if q.vowels and _ARABIC_NAME.search(row.name) is not None:
        if row.key == q.key:
            return MIN_SIMILARITY - 0.01
        cap = MIN_SIMILARITY - 0.01
    elif row.key in (q.key, q.joined):
        return 1.0
    else:
        cap = 0.99
    r_key = fuzz.ratio(_kin(q.key), _kin(row.key)) / 100
    r_vowel = fuzz.ratio(vowel_pattern(q.key), vowel_pattern(row.key)) / 100
    r_skel = fuzz.ratio(q.skel, row.skel) / 100
    sim = min(cap, 0.4 * r_key + 0.3 * r_vowel + 0.3 * r_skel)
    if sim >= MIN_SIMILARITY and vowel_clash(q.key, row.key):  # other vowels: another name
        sim = min(sim, MIN_SIMILARITY - 0.01)
    if sim >= MIN_SIMILARITY and not short_kin(q.key, row.key):  # "Media" is not Madaya
        sim = min(sim, MIN_SIMILARITY - 0.01)
    if sim >= MIN_SIMILARITY and not distinct_kin(q.key, row.key):  # "Tel Kursian": not Tell Kurin
        sim = min(sim, MIN_SIMILARITY - 0.01)
    return sim


def distinct_kin(q_key: str, row_key: str) -> bool:
    """:func:`short_kin` on the words two keys do not share as generic terms.

    A shared "Tell"/"Kafr"/"Deir" makes two names look alike ("Tel Kursian" and Tell Kurin
    are 80 % the same letters); the words left must pass the short-key test on their own
    ("Kursian"/"Kurin": another consonant, another name; "Fas"/"Afis": one vowel slot).
    """
    rest = distinct_words(q_key, row_key)
    if rest is None or not rest[0] or not rest[1]:
        return True
    return short_kin(*rest)


#: Keys of at most this many letters (spaces aside) are short: an English word or a
#: romanisation of another name is a letter or two away from a short village name.
SHORT_KEY = 5


def short_kin(q_key: str, row_key: str) -> bool:
    """Whether two keys may be one name, as far as their length says.

    A short key (:data:`SHORT_KEY` letters or fewer, either side) matches only the same
    consonant skeleton with at most one vowel slot added or dropped (which vowel fills a slot
    is free: ``"Zitan"``/``"Zaytan"``, ``"Skik"``/``"Sukayk"``); a longer key is left to the
    similarity blend. ``"Rakaya"`` (skeleton ``rk``) is not ``"Raqqa"`` by this rule alone,
    since the similarity blend still has to agree.
    """
    a, b = _kin(q_key), _kin(row_key)
    if min(len(a), len(b)) > SHORT_KEY:
        return True
    q_key, row_key = _CONSTRUCT_AT.sub("a", q_key), _CONSTRUCT_AT.sub("a", row_key)
    if key_skeleton(q_key) != key_skeleton(row_key):
        return False
    return Levenshtein.distance(vowel_pattern(q_key), vowel_pattern(row_key)) <= 1


@lru_cache(maxsize=100_000)
def verbatim(name: str) -> str:
    """A name's letters as written (folded to ASCII, articles, spaces and marks dropped).

    Two names with one key may still be two names ("Pokrovsk" and "Pokrovske"): a place
    whose own name is the query letter for letter is its owner.
    """
    words = [fold(t) for t, _, _ in tokenize(name)]
    return "".join(w for w in words if w not in ARTICLES) or "".join(words)


_KIN_TABLE = str.maketrans({"e": "i", "o": "u", " ": None})


#: The Arabic feminine ending in the construct state: a last word's "-at" is the "-a(h)" of
#: the name standing alone ("Zakat" for Zakah, "Kafr Nabudat" for Kafr Nabudah).
_CONSTRUCT_AT = re.compile(r"(?<=[a-zA-Z]{2})at$")


def _kin(key: str) -> str:
    """A key without spaces, e written i and o written u (romanisations swap them).

    A final construct-state "-at" is written "-a".
    """
    return _CONSTRUCT_AT.sub("a", key).translate(_KIN_TABLE)


def construct_variant(key: str) -> str | None:
    """The key with its final construct-state "-at" as "-a" (``"zakat"`` -> ``"zaka"``)."""
    variant = _CONSTRUCT_AT.sub("a", key)
    return variant if variant != key else None


def kin_variants(key: str) -> set[str]:
    """Keys a short name may have under another romanisation of its vowels.

    ``"es"`` -> ``{"is", "as", "ays"}``: e/i, e/a, e/ay and o/u swapped throughout.
    """
    swaps = (("e", "i"), ("i", "e"), ("e", "a"), ("e", "ay"), ("ay", "e"), ("o", "u"), ("u", "o"))
    return {key.replace(a, b) for a, b in swaps if a in key} - {key}


def _vowel_slots(key: str) -> list[tuple[str, str]]:
    """(consonant, vowel after it) along a key (``"^"`` for a leading vowel).

    The vowel is the first vowel letter of the run, or ``"ay"`` for a diphthong (``y``
    after ``a``): Arabic long ī and ay are one letter, romanised either way.
    """
    slots: list[tuple[str, str]] = []
    cons, run = "^", ""
    for ch in key.replace(" ", "") + "|":
        if ch in "aeiouy":
            run += ch
        elif ch != "w":
            vowels = run.replace("y", "")
            vowel = "ay" if vowels.startswith("a") and "y" in run else vowels[:1]
            slots.append((cons, vowel))
            cons, run = ch, ""
    return slots


def vowel_clash(key_a: str, key_b: str) -> bool:
    """True when two keys share their consonants but none of their vowels agree.

    Vowels are compared consonant by consonant where both names write one; ``e`` is kin to
    ``i`` and ``a``, ``o`` to ``u``, the diphthong ``ay`` to ``i``, ``e`` and ``a``
    (romanisations swap them). Two or more disagreements and no agreement mean another
    name ("Surman" vs "Sarmin"), not another spelling ("Jibin" vs "Jubbayn").
    """
    a, b = _vowel_slots(key_a), _vowel_slots(key_b)
    if [c for c, _ in a] != [c for c, _ in b]:
        return False
    agree = clash = 0
    for (_, va), (_, vb) in zip(a, b, strict=True):
        if not va or not vb:
            continue
        if va == vb or (va, vb) in _VOWEL_KIN:
            agree += 1
        else:
            clash += 1
    return clash >= 2 and agree == 0


def proximity(
    lats: Sequence[float], lons: Sequence[float], points: Sequence[tuple[float, float]]
) -> list[tuple[float, float]]:
    """(nearest distance in km, mean closeness) of each (lat, lon) to the (lon, lat) points.

    Closeness is ``exp(-d / 60 km)`` averaged over the points. One vectorised numpy
    computation for all candidates x points: the ranking's only trigonometry.
    """
    import numpy as np

    lat1 = np.radians(np.asarray(lats, dtype=float))[:, None]
    lon1 = np.radians(np.asarray(lons, dtype=float))[:, None]
    pts = np.asarray(points, dtype=float)
    lat2 = np.radians(pts[:, 1])[None, :]
    lon2 = np.radians(pts[:, 0])[None, :]
    a = np.sin((lat2 - lat1) / 2) ** 2
    a = a + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    d = 6371.0088 * 2 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return list(zip(d.min(axis=1).tolist(), np.exp(-d / 60).mean(axis=1).tolist(), strict=True))


def prior(place: Place) -> float:
    """The population prior of a place, in [0, 0.08] (a city outranks a hamlet of one name)."""
    population = place.population or UNKNOWN_POPULATION
    return 0.08 * min(1.0, math.log10(population + 1) / 6)


def static_bonus(place: Place, q: Query, sim: float) -> float:
    """The context-free part of :func:`context_bonus`: prior, exact spelling and kind."""
    bonus = prior(place)
    if sim >= 1.0:  # the very spelling a source lists beats a look-alike
        bonus += EXACT_BONUS
    if place.kind == "region" and not q.region:
        bonus -= 0.25
    elif place.kind in ("base", "site"):  # a feature, not a settlement: a weaker reading
        bonus -= 0.05
    return bonus


def context_delta(
    place: Place,
    sim: float,
    near: tuple[float, float] | None,
    context: ResolveContext | None,
    nearest: float | None = None,
    closeness: float = 0.0,
    *,
    base: float = 0.0,
) -> float:
    """``base`` plus the context part of :func:`context_bonus` (near, countries, admin1, points).

    ``base`` is :func:`static_bonus` when the caller has it cached (added first, in the same
    order as :func:`context_bonus`, so both give bit-identical scores).
    """
    bonus = base
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
        bonus += ADMIN1_WEIGHT
    if nearest is not None:
        bonus += COHERENCE_WEIGHT * (0.5 * math.exp(-nearest / 25) + 0.5 * closeness)
        if nearest > 1000:
            bonus -= 0.05
        if sim < 1.0 and nearest > FAR_KM:  # an inexact name far from the story
            bonus -= 0.35
    return bonus


def context_bonus(
    place: Place,
    q: Query,
    sim: float,
    near: tuple[float, float] | None,
    context: ResolveContext | None,
    nearest: float | None = None,
    closeness: float = 0.0,
) -> float:
    """Prior (population, kind) plus context (countries, admin1, spatial coherence).

    ``nearest`` (km) and ``closeness`` describe the place against ``context.points``
    (:func:`proximity`, computed by the caller for all candidates at once). The sum of
    :func:`static_bonus` (cacheable per name) and :func:`context_delta`.
    """
    base = static_bonus(place, q, sim)
    return context_delta(place, sim, near, context, nearest, closeness, base=base)


def loose_supported(
    best: Scored,
    near: tuple[float, float] | None,
    context: ResolveContext | None,
    *,
    query_key: str | None = None,
) -> bool:
    """Whether a loose (skeleton or fuzzy) match has evidence beyond its spelling.

    A look-alike name is a place only when the article backs it: the place lies in a region
    the article names, or within :data:`LOOSE_KM` of ``near`` or of a point the article
    already placed. With no spatial context at all (no regions, points or ``near``), the
    spelling must be close: similarity :data:`LOOSE_ALONE_SIMILARITY` or more. A long name
    (``query_key`` of :data:`LONG_KEY`+ letters) one letter away from one of the place's
    names is backed by the theatre: the place lies in one of the article's countries and
    within :data:`LONG_LOOSE_KM` of its points (when it has any).
    """
    if (
        query_key is not None
        and context is not None
        and best.place.country in context.countries
        and (best.nearest_km is None or best.nearest_km <= LONG_LOOSE_KM)
        and (near is None or haversine_km(*near, best.place.lat, best.place.lon) <= LONG_LOOSE_KM)
        and one_letter_off(query_key, best.place)
    ):
        return True
    if best.sim >= 1.0:
        return True
    place = best.place
    spatial = False
    if near is not None:
        spatial = True
        if haversine_km(*near, place.lat, place.lon) <= LOOSE_KM:
            return True
    if context is not None and context.admin1:
        spatial = True
        if f"{place.country}.{place.admin1}" in context.admin1:
            return True
    if best.nearest_km is not None:
        spatial = True
        if best.nearest_km <= LOOSE_KM:
            return True
    return not spatial and best.sim >= LOOSE_ALONE_SIMILARITY


def theatre_look_alike(
    best: Scored,
    scored: Sequence[Scored],
    context: ResolveContext | None,
    *,
    query_key: str,
    dense: frozenset[str] = frozenset(),
) -> bool:
    """Whether a look-alike spelling is backed by the theatre of a war whose towns lie far apart.

    "Shirqat" for Ash Sharqat, "Bulo Burde" for Buulobarde: a town (:data:`FAR_TOWN_POPULATION`
    people) with the same consonant skeleton and one letter off the name ("Laukkaing" is not
    Lakang, 200 km away), the only such place in the article's countries
    (no rival there beyond :data:`SAME_PLACE_KM`), within :data:`COHERENT_THEATRE_KM` of the
    article's points. Not in ``dense`` countries, whose villages the gazetteer lists beyond
    cities500 (a curated front): there a look-alike is as likely another village.
    """
    if context is None or not context.countries or best.how != "skeleton":
        return False
    place = best.place
    if place.country not in context.countries or place.kind in ("country", "region"):
        return False
    if place.population < FAR_TOWN_POPULATION or any(c in dense for c in context.countries):
        return False
    if not one_letter_off(query_key, place, min_letters=0):
        return False
    if best.nearest_km is None or best.nearest_km > COHERENT_THEATRE_KM:
        return False
    return not any(
        s.place.country in context.countries
        and haversine_km(place.lat, place.lon, s.place.lat, s.place.lon) > SAME_PLACE_KM
        for s in scored
        if s is not best
    )


#: Keys of at least this many letters are long: one letter off a name is the same name...
LONG_KEY = 8
#: ...when the place lies in the theatre and this close to the article's points.
LONG_LOOSE_KM = 100.0


def one_letter_off(query_key: str, place: Place, *, min_letters: int = LONG_KEY) -> bool:
    """True for a key of ``min_letters``+ letters one letter off a name of ``place``.

    e/i and o/u count as one letter.
    """
    a = _kin(query_key)
    if len(a) < min_letters:
        return False
    return any(
        abs(len(a) - len(b)) <= 1 and Levenshtein.distance(a, b) <= 1
        for b in (_kin(name_key(n)) for n in (place.name, *place.alt_names) if n)
    )


def owns_name(s: Scored, context: ResolveContext | None) -> bool:
    """True when the name is this town's own, letter for letter, and it is named from afar.

    A town of :data:`FAR_TOWN_POPULATION` people in the article's countries (or anywhere
    when it names none), or a city of :data:`MAJOR_CITY` anywhere: no look-alike spelling of
    another place, however coherent, is read instead ("Orikhiv" is the Zaporizhzhia town even
    in a Donetsk dispatch; "Ankara" is not a checkpoint named Ayn Qari'). A region's own
    name, letter for letter, is the region's ("West Bank" is no village called Westbank).
    """
    if not s.primary:
        return False
    if s.place.population >= MAJOR_CITY or (s.place.kind == "region" and s.sim >= 1.0):
        return True
    home = context is None or not context.countries or s.place.country in context.countries
    return home and s.place.population >= FAR_TOWN_POPULATION


def foreign_short(best: Scored, q: Query, context: ResolveContext | None) -> bool:
    """True for a short name whose best place lies outside the article's countries.

    A skeleton of :data:`SHORT_SKELETON` letters or fewer matches namesakes all over the
    world: "al-Ess" in a Syrian dispatch is not Essen. Cities of :data:`MAJOR_CITY` people
    are exempt (Ankara, Baku) unless the name has a single consonant.
    """
    if context is None or not context.countries or best.place.kind in ("country", "region"):
        return False
    if best.place.country in context.countries or len(q.skel) > SHORT_SKELETON:
        return False
    return len(q.skel) <= 1 or best.place.population < MAJOR_CITY


def context_makes_place(
    best: Scored,
    q: Query,
    country: str | None,
    near: tuple[float, float] | None,
    context: ResolveContext | None,
) -> bool:
    """True when context turns a common word into a place (see :mod:`gazetteer.commonwords`).

    The match must be exact, and the place inside the ``country`` asked for or within
    :data:`COMMON_WORD_KM` of ``near`` or of a point the article already placed.
    """
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
