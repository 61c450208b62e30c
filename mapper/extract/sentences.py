"""Sentence splitting with character spans into the original text.

Robust to abbreviations ("Gen.", "U.S.", "Dr."), decimals ("4.5 km"), quotes closing after the
full stop, unbalanced quotes, and missing spaces after commas ("Morshed,Mentar" stays one
sentence: a comma never ends one). Line breaks end a sentence when the next line starts a new
block (blank line) or when the line looks like a headline or dateline (no final punctuation is
required: each non-empty line of a dispatch is at least one sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

#: Tokens that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen col lt maj capt sgt st mt no nos vs etc approx est dept gov sen rep
    jan feb mar apr jun jul aug sep sept oct nov dec al el u.s u.n u.k e.g i.e a.m p.m
    inc ltd co corp""".split()  # noqa: SIM905
)

_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+|$)")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text, its ``start``/``end`` offsets and its paragraph number."""

    text: str
    start: int
    end: int
    paragraph: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return True
    return word in ABBREVIATIONS


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cur = start
    for m in _END.finditer(text, start, end):
        dot = m.start()
        if text[dot] == "." and _is_abbreviation(text, dot):
            continue
        nxt = text[m.end() : m.end() + 3].lstrip()
        if nxt and nxt[0].islower():
            continue  # "... the U.S. army", "approx. 4" - lower case goes on
        spans.append((cur, m.end()))
        cur = m.end()
    if cur < end:
        spans.append((cur, end))
    return spans


#: A "sentence" longer than this (a run-on list, a table, a dump) is cut at whitespace.
MAX_SENTENCE = 3000


def _cut_long(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        cut = cut if cut > s else s + MAX_SENTENCE
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets; whitespace-only pieces are skipped.

    Paragraphs are numbered by line blocks: a new paragraph starts after each line break.
    """
    out: list[Sentence] = []
    for para, line in enumerate(_LINE.finditer(text)):
        pieces = _split_line(text, line.start(), line.end())
        for s, e in (p for a, b in pieces for p in _cut_long(text, a, b)):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                out.append(Sentence(text[s:e], s, e, para))
    return out
