"""Cue phrases that announce a place name the gazetteer may lack.

"the town of X", "the village of X", "villages of A, B and C", "X, a town in", "near X",
"the X military airport", "X town". Each hit is a :class:`CueName` with the name's span; a list
after a cue ("the towns of A, B and C") gives one hit per item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CueName", "find_cue_names", "name_list_at"]

_ART = r"(?:[Aa]l|[Ee]l|[Aa][nrsdtz]|[Aa]sh|[Ee][dnsz]|[Ee]sh)"
_UP = "A-ZÀ-ÞĀ-Ž"
#: At most six hyphenated parts, taken whole (possessive): a name match never re-scans a long
#: hyphenated token from each of its word starts, so matching stays linear in the text.
_WORD = rf"[{_UP}][\w’'`ʿʾ]*+(?:-[\w’'`ʿʾ]+){{0,5}}+"
#: A capitalised place name of up to four words, with Arabic articles ("al-Habit",
#: "Tal al-Tabariz").
NAME = (
    rf"(?<![\w’'`])(?:{_ART}[- ])?{_WORD}"
    # lower-case "as"/"an"/"at" before a space are English ("Avdiivka as Russian forces ...")
    rf"(?:(?:[ \t]+|-)(?!(?:as|an|at)[ \t])(?:{_ART}[- ]|{_ART}[- ]?(?=[{_UP}]))?{_WORD}){{0,3}}"
)
_NAME_RX = re.compile(NAME)
_LOWER_TAIL = re.compile(r"[ \t]+[a-z][\w’'`-]*(?=[ \t]*,)")
_SEP_RX = re.compile(
    r"[ \t]*(?:,[ \t]*(?:and[ \t]+|&[ \t]+)?|[ \t]+and[ \t]+|[ \t]*&[ \t]*|[ \t]*[–—][ \t]*)"
)

_KIND = (
    r"towns?|villages?|cit(?:y|ies)|hamlets?|settlements?|hills?|hilltops?|localit(?:y|ies)|"
    r"neighbo(?:u)?rhoods?|suburbs?|districts?|regions?|provinces?|areas?|mountains?|"
    r"outposts?|posts?|communit(?:y|ies)"
)
_LIST_CUES = re.compile(
    rf"\b(?:(?:{_KIND})(?:\s+and\s+(?:{_KIND}))?\s+(?:of|including|like|such\s+as)\s+"
    rf"|(?:{_KIND})\s*(?:[–—:]|,)\s*(?=[{_UP}])"
    r"|\b(?:included|including|namely)\s+(?=[" + _UP + r"]))"
)
_SINGLE_CUES = re.compile(
    r"\b(?:near|around|outskirts\s+of|edges?\s+of|entrance\s+to|vicinity\s+of|"
    r"(?:east|west|north|south)(?:-?(?:east|west))?\s+of)\s+(?:the\s+(?:town\s+of\s+)?)?"
    rf"(?=[{_UP}])"
)
_AFTER_CUES = re.compile(
    rf"(?P<name>{NAME})(?:,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?:town|village|city|hill)\b"
    r"|\s+(?:town|village|city|countryside|axis|front|outskirts)\b"
    r"|\s+(?:military\s+)?(?:airport|air\s*base|airbase))"
)
_NOT_NAMES = frozenset(
    """The A An This That These Those It Its He She They We On In At By For From To Of With
    After Before Since During While As If When Where Which Who But And Or So Also All Some
    Syrian Russian Turkish Ukrainian Iranian Kurdish Arab Army Regime Government""".split()  # noqa: SIM905
)


_ADJECTIVE = re.compile(
    r"-(?:held|controlled|occupied|backed|led|installed|allied|annexed|run|based)$", re.I
)


@dataclass(frozen=True, slots=True)
class CueName:
    """A name announced by a cue phrase: its span, text and the cue that found it."""

    start: int
    end: int
    text: str
    cue: str


def _clean(text: str, start: int, end: int, *, strip: bool = False) -> tuple[int, int] | None:
    """Trim possessives; None if the name starts with a common word.

    With ``strip``, leading common words are dropped instead ("Russian Hmeimim" -> "Hmeimim").
    """
    name = text[start:end]
    poss = list(re.finditer(r"['’]s\b\s*", name))
    if poss and poss[-1].end() < len(name):  # "Idlib's Al-Nayrab" -> "Al-Nayrab"
        start += poss[-1].end()
        name = text[start:end]
    elif poss:
        end -= len(poss[-1].group(0))
        name = text[start:end]
    while strip and name.split() and name.split()[0] in _NOT_NAMES and len(name.split()) > 1:
        cut = name.index(" ") + 1
        start += cut
        name = text[start:end]
    while len(name.split()) > 1 and _ADJECTIVE.search(name.split()[0]):
        cut = name.index(" ") + 1  # "A and Russian-occupied B": the adjective describes B
        start += cut
        name = text[start:end]
    first = name.split()[0] if name.split() else ""
    if not name or first in _NOT_NAMES or _ADJECTIVE.search(name):
        return None  # "the Russian-held town of X": an adjective, not a name
    return start, end


def name_list_at(text: str, pos: int, limit: int) -> list[tuple[int, int]]:
    """The list of capitalised names starting at ``pos`` ("A, B, C and D"), as spans.

    Stops at the first item that is not a capitalised name or at ``limit``.
    """
    spans: list[tuple[int, int]] = []
    while pos < limit:
        m = _NAME_RX.match(text, pos, limit)
        if not m:
            break
        cleaned = _clean(text, m.start(), m.end())
        if cleaned is None:
            break
        end = m.end()
        tail = _LOWER_TAIL.match(text, end, limit)
        if tail and not _list_goes_on(text, tail.end(), limit):
            tail = None  # "the town of Ariha overnight, while ...": an English word
        if tail:  # "Kafer amim," - a lower-case last word inside a list item
            end = tail.end()
            cleaned = (cleaned[0], end)
        spans.append(cleaned)
        sep = _SEP_RX.match(text, end, limit)
        if not sep or sep.end() == end:
            break
        pos = sep.end()
    return spans


def _list_goes_on(text: str, pos: int, limit: int) -> bool:
    """True when another capitalised list item follows ``pos`` (", Afes, ...")."""
    sep = _SEP_RX.match(text, pos, limit)
    return bool(sep and sep.end() > pos and _NAME_RX.match(text, sep.end(), limit))


def find_cue_names(text: str, start: int = 0, end: int | None = None) -> list[CueName]:
    """Names announced by cue phrases in ``text[start:end]``, in text order, without repeats."""
    end = len(text) if end is None else end
    found: dict[tuple[int, int], CueName] = {}
    for m in _LIST_CUES.finditer(text, start, end):
        for s, e in name_list_at(text, m.end(), end):
            found.setdefault((s, e), CueName(s, e, text[s:e], m.group(0).strip()))
    for m in _SINGLE_CUES.finditer(text, start, end):
        n = _NAME_RX.match(text, m.end(), end)
        if n and (c := _clean(text, n.start(), n.end())):
            found.setdefault(c, CueName(*c, text[c[0] : c[1]], m.group(0).strip()))
    for m in _AFTER_CUES.finditer(text, start, end):
        c = _clean(text, m.start("name"), m.end("name"), strip=True)
        if c:
            found.setdefault(
                c, CueName(*c, text[c[0] : c[1]], text[m.end("name") : m.end()].strip())
            )
    return sorted(found.values(), key=lambda c: c.start)
