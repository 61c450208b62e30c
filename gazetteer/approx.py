"""Approximate look-up of names no index key meets: a BK-tree over the theatre's skeletons.

A spelling one letter away from every known one (a source's typo, "Kaft Nabuda" for Kafr
Nabouda; "Talawash" for Tal Hawash) has neither a known key nor a known consonant skeleton.
:class:`BKTree` finds the skeletons within a bounded edit distance of the name's skeleton
(the phonetic key), over the places of the article's theatre; :func:`bounds` says how far a
name of a given length may be from an indexed one (short names: not at all); the caller
reads the candidates and says which of the article's evidence backs one (:class:`Approx`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from gazetteer.place import Place

__all__ = [
    "APPROX_MIN_SKELETON",
    "Approx",
    "BKTree",
    "bounds",
    "describe",
    "skeleton_cost",
    "weak_edits",
]

#: A skeleton shorter than this is never matched approximately (short names need an exact
#: or one-vowel match: "Media" is not Madaya, "SAA" not Saa).
APPROX_MIN_SKELETON = 4
#: A key of this many letters may have one consonant fewer ("Talawash", key talawaS).
APPROX_LONG_KEY = 7
#: From this skeleton length on, two consonants may differ...
APPROX_LONG_SKELETON = 8
#: ...and one more letter of the key per this many letters.
KEY_LETTERS_PER_EDIT = 8


def bounds(skel: str, flat_key: str) -> tuple[int, int] | None:
    """The largest (skeleton, key) edit distances allowed for a name, or None (too short).

    The key is compared without spaces ("Talawash" and "Tal Hawash" are one letter apart).
    A skeleton needs :data:`APPROX_MIN_SKELETON` consonants, one fewer in a key of
    :data:`APPROX_LONG_KEY` letters.
    """
    if len(skel) < APPROX_MIN_SKELETON and (
        len(skel) < APPROX_MIN_SKELETON - 1 or len(flat_key) < APPROX_LONG_KEY
    ):
        return None
    max_skel = 1 if len(skel) < APPROX_LONG_SKELETON else 2
    return max_skel, 1 + len(flat_key) // KEY_LETTERS_PER_EDIT


#: Consonants a romanisation may write or leave out (h of a glottal or pharyngeal, v/w):
#: the only ones a skeleton may gain or lose ("Talawash" is Tal Hawash; "Surman" is not
#: Suran, nor "Al-Sarman" Sarmin: an m or an r is a letter of another name).
WEAK_CONSONANTS = frozenset("hv")


def weak_edits(a: str, b: str) -> bool:
    """True when every letter inserted or deleted between skeletons ``a`` and ``b`` is weak.

    Replaced letters are a source's typo and allowed (within :func:`bounds`).
    """
    for op in Levenshtein.editops(a, b):
        if op.tag == "insert" and b[op.dest_pos] not in WEAK_CONSONANTS:
            return False
        if op.tag == "delete" and a[op.src_pos] not in WEAK_CONSONANTS:
            return False
    return True


#: What a weak consonant written or left out costs, against 1 for a letter replaced: a
#: romanisation's habit is likelier than a typo ("Talawash" is Tall Hwash, not Tall Awar).
WEAK_EDIT_COST = 0.5


def skeleton_cost(a: str, b: str) -> float:
    """The edit cost between two skeletons.

    :data:`WEAK_EDIT_COST` per weak consonant gained or lost, 1 per letter replaced or
    strong consonant gained or lost.
    """
    cost = 0.0
    for op in Levenshtein.editops(a, b):
        letter = b[op.dest_pos] if op.tag == "insert" else a[op.src_pos]
        weak = op.tag != "replace" and letter in WEAK_CONSONANTS
        cost += WEAK_EDIT_COST if weak else 1.0
    return cost


class BKTree:
    """A Burkhard-Keller tree of strings under Levenshtein distance.

    ``search(word, d)`` visits only the subtrees whose edge distance lies within ``d`` of the
    word's distance to their parent (the triangle inequality), so it reads a small share of
    the strings for small ``d``.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._words: list[str] = []
        self._children: list[dict[int, int]] = []
        for word in words:
            self.add(word)

    def __len__(self) -> int:
        return len(self._words)

    def add(self, word: str) -> None:
        """Insert ``word`` (duplicates are ignored)."""
        if not self._words:
            self._words.append(word)
            self._children.append({})
            return
        node = 0
        while True:
            d = Levenshtein.distance(word, self._words[node])
            if d == 0:
                return
            child = self._children[node].get(d)
            if child is None:
                self._words.append(word)
                self._children.append({})
                self._children[node][d] = len(self._words) - 1
                return
            node = child

    def search(self, word: str, max_distance: int) -> list[tuple[int, str]]:
        """(distance, string) of each string within ``max_distance`` of ``word``, nearest first."""
        if not self._words:
            return []
        out: list[tuple[int, str]] = []
        stack = [0]
        while stack:
            node = stack.pop()
            d = Levenshtein.distance(word, self._words[node])
            if d <= max_distance:
                out.append((d, self._words[node]))
            for edge, child in self._children[node].items():
                if d - max_distance <= edge <= d + max_distance:
                    stack.append(child)
        return sorted(out)


@dataclass(frozen=True, slots=True)
class Approx:
    """A place whose name is near the asked one, and what in the article backs it.

    ``backing`` is ``"places"`` (within ``km`` of a place the article placed), ``"province"``
    (in a province it names), ``"theatre"`` (in its countries, or the country asked for,
    only) or ``""`` (none of these).
    """

    place: Place
    name: str
    skel_distance: int
    key_distance: int
    skel_cost: float
    backing: str
    km: float | None
    score: float


def describe(match: Approx) -> str:
    """A short account of a near candidate for reports: name, country, letters off, backing."""
    letters = f"{match.key_distance} letter{'s' if match.key_distance != 1 else ''} off"
    where = {
        "places": f"{match.km:.0f} km from the article's places" if match.km is not None else "",
        "province": "in a province the article names",
        "theatre": "in the theatre",
    }.get(match.backing, "not backed by the article")
    return f"{match.name} ({match.place.country or '?'}, {letters}, {where}, {match.score:.2f})"
