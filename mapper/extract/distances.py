"""Reported distances: "four kilometers west of X", "3 km away from X", "5 km from the town".

A distance phrase right before a place (through "of", "from", "away from", "outside", "short of")
locates something relative to that place. It is a position of forces (an advance) unless it
describes geography: "X, which lies 12 km east of Y", "located 5 km from Y", or an apposition
that places a town ("A, 5 km south of B, was captured").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from mapper.extract.directions import normalise_direction
from mapper.extract.filters import COMMON_WORDS
from mapper.extract.numbers import DISTANCE_RX, UNIT_KM, parse_number

__all__ = ["DistancePhrase", "distance_before", "is_static"]

_DIR = r"(?:north|south|east|west)(?:[\s-]?(?:north|south|east|west)){0,2}(?:ern)?"
_LINK = re.compile(
    rf"\s*(?:\([^()]{{1,30}}\)\s*)?(?:(?:to\s+the\s+|on\s+the\s+)?(?P<dir>{_DIR})\s+(?:of|from)"
    r"|(?:away\s+)?from|outside(?:\s+of)?|short\s+of|away\s+from|off|near)"
    r"\s+(?:the\s+(?:(?:[\w-]+\s+){0,2}?(?:outskirts|edges?|approaches|centre|center)\s+of\s+)?)?"
    r"(?:(?:the\s+)?(?:town|city|village|settlement|locality)\s+of\s+)?(?:the\s+)?"
    r"(?:(?:[\w-]+\s+)?capital,?\s+)?$",  # "30 miles east of the capital, Monrovia"
    re.I,
)
_STATIC = re.compile(
    r"\b(?:lies|lie|lying|located|situated|sits|sit|is|are|was|were|which|that|some|about"
    r"|roughly|approximately|around)\s+(?:(?:about|around|some|only|just|roughly|nearly|merely|barely|less\s+than"
    r"|more\s+than|over|under|almost)\s+)?$",
    re.I,
)
_BE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|now|stand\w*|station\w*|reach\w*"
    r"|advance\w*|mov\w+|push\w*|get|got|position\w*|deploy\w*|progress\w*"
    r"|close\w*|edge\w*)\b",
    re.I,
)
#: A past tense or participle right before an approximate distance: how far something went or
#: where it happened ("fighting raged some 10 km south of X"), not where a place lies.
_VERB_BEFORE = re.compile(
    r"\b\w{3,}(?:ed|ing)\s+(?:about|around|some|roughly|approximately|nearly|just)\s+$", re.I
)
#: A force that reached a place, then where that place lies: "reached [the town of] X, about
#: 30 km south of Y" tells how far from Y the force now stands (X: a name, however long; not
#: "the outskirts of X, 30 km from Y", where the annotators of the devset read no move on Y).
_REACHED_NAME = re.compile(
    r"\b(?:reach(?:ed|es|ing)?|(?:advanc|push|mov|press|driv)\w*\s+(?:in)?to(?:wards?)?)\s+"
    r"(?:the\s+(?:\w+\s+)?(?:town|village|city|settlement)\s+of\s+)?"
    r"(?P<name>[A-Z][^,.;:()]{1,50}?)\s*,\s*(?:(?:about|around|some|roughly|approximately|nearly"
    r"|just|only)\s+)?$"
)
#: "within 3 km of X": a distance to X, "of" its link only after "within".
_WITHIN = re.compile(r"\bwithin\s+(?:(?:about|around|some|roughly|just|nearly)\s+)?$", re.I)
_WITHIN_OF = re.compile(
    r"\s+of\s+(?:the\s+(?:town|city|village|settlement)\s+of\s+)?(?P<dir>)$", re.I
)
#: A copula right after a place and right before its distance ("X is about 14 km ...").
_PLACE_COPULA = re.compile(
    r"\s+(?:is|are|was|were|lies|sits)\s+(?:(?:about|around|some|only|just|roughly|nearly"
    r"|approximately|located|situated)\s+){0,2}$",
    re.I,
)
#: A name that ends a prepositional phrase ("units on the road to X were ..."): the object of
#: a preposition, not the subject of the verb after it ("the village of X is ..." is X's).
_NAME_AFTER_PREP = re.compile(
    r"\b(?:to|towards|toward|near|in|into|from|around|outside|at|on)\s+"
    r"(?:[A-Z][\w’'\-]*\s+){0,3}[A-Z][\w’'\-]*$"
)
#: A capitalised word ending right there ("... Andriivka").
_NAME_END = re.compile(r"(?:^|\s)([A-Z][\w’'\-]*)$")


def _ends_with_name(text: str) -> bool:
    """The text ends with a name, not a common word or a people ("The Russians are 3 km ...")."""
    m = _NAME_END.search(text)
    if m is None:
        return False
    word = m.group(1).lower()
    return word not in COMMON_WORDS and not word.endswith(("ians", "ans", "ists"))


#: The lower bound of a range right before a distance ("60-70 km", "1.7 to 3.5 km").
_RANGE_START = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:-|–|to)\s*$")
#: A second distance of a place's location ("lies 15 km south of Y and [70 km ...]").
_LIES_AND = re.compile(
    r"\b(?:lies|lie|lying|located|situated|sits)\s+[^.;:]{0,80}?\bof\s+[^.;:,]{1,40}?"
    r"\s+and\s+(?:(?:about|around|some|roughly|approximately|nearly)\s+)?$"
)
#: A name right before a distance describes where that place lies ("captured X a few km from Y").
_NAME_BEFORE = re.compile(r"[A-Z][\w’'\-]*\s+$")

#: A noun phrase set off after a name, then the distance: "X, a rebel stronghold 20 km
#: southeast of Y" says where X lies (no verb in it: "X, the rebels pushed 5 km ..." moved).
_APPOSED_NOUN = re.compile(
    r"[A-Z][\w’'\-]*\s*,\s*(?:an?|the)\s+(?:(?![\w’'-]*(?:ed|ing)\b)[\w’'-]+\s+){1,3}$"
)
_APPOSITION = re.compile(r"[,(]\s*(?:(?:about|around|some|roughly|just|only)\s+)?$")


@dataclass(frozen=True, slots=True)
class DistancePhrase:
    """A distance before a place: kilometres, the text, its direction (None: any)."""

    km: float
    text: str
    direction: str | None
    start: int  # offset of the phrase in the sentence


def distance_before(sentence: str, place_start: int) -> DistancePhrase | None:
    """The distance phrase that ends right before ``place_start`` (offsets in ``sentence``)."""
    window_start = max(0, place_start - 90)
    window = sentence[window_start:place_start]
    best = None
    for m in DISTANCE_RX.finditer(window):
        link = _LINK.fullmatch(window, m.end())
        if link is None and _WITHIN.search(window, 0, m.start()):
            link = _WITHIN_OF.fullmatch(window, m.end())  # "within 3 km of X"
        if link:
            best = (m, link)
    if best is None:
        return None
    m, link = best
    value = parse_number(m.group("num"))
    if value is None:
        return None
    direction = normalise_direction(link.group("dir")) if link.group("dir") else None
    km = value * UNIT_KM[m.group("unit").lower()]
    lower = _RANGE_START.search(window, 0, m.start())  # "60-70 km": the phrase starts at 60
    start = lower.start() if lower else m.start()
    return DistancePhrase(round(km, 3), window[start : m.end()], direction, window_start + start)


def is_static(sentence: str, phrase: DistancePhrase, place_ends: Collection[int] = ()) -> bool:
    """True when the distance describes geography, not where forces are.

    ``place_ends`` are the sentence offsets where place mentions end: a place that "is" the
    distance from another ("X is 14 km south of Y") is geography, whatever the copula.
    """
    start = max(0, phrase.start - 40)
    before = sentence[start : phrase.start]
    copula = _PLACE_COPULA.search(before)
    if (
        copula is not None
        and (start + copula.start() in place_ends or _ends_with_name(before[: copula.start()]))
        and not _NAME_AFTER_PREP.search(before[: copula.start()])
    ):  # "X is about 14 km south of Y", X known or not: geography
        return True
    if _LIES_AND.search(sentence[max(0, phrase.start - 120) : phrase.start]):
        return True  # "X lies 15 km south of Y and 70 km southeast of Z": where X lies
    if _NAME_BEFORE.search(before) and _ends_with_name(before.rstrip()):
        return True  # "captured X in eastern Ukraine a few kilometres from Y": where X lies
    if _APPOSED_NOUN.search(before):
        return True  # "X, a rebel stronghold 20 km southeast of Y": where X lies
    wide = max(0, phrase.start - 120)
    reached = _REACHED_NAME.search(sentence, wide, phrase.start)
    if reached and (reached.end("name") in place_ends or _ends_with_name(reached["name"])):
        return False  # "reached the town of X, about 30 km south of Y": where the force is
    if _STATIC.search(before):
        moved = _BE.search(before[-25:]) or _VERB_BEFORE.search(before)
        return not moved or bool(
            re.search(r"\b(?:lies|lying|located|situated|sits|which|that)\b", before, re.I)
        )
    return bool(_APPOSITION.search(before))
