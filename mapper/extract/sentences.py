"""Sentence splitting with character spans into the original text.

Robust to abbreviations ("Gen.", "U.S.", "Dr."), decimals ("4.5 km"), quotes closing after the
full stop, unbalanced quotes, and missing spaces after commas ("Morshed,Mentar" stays one
sentence: a comma never ends one). Line breaks end a sentence when the next line starts a new
block (blank line) or when the line looks like a headline or dateline (no final punctuation is
required: each non-empty line of a dispatch is at least one sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences", "unwrap"]

#: Tokens that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen col lt maj capt sgt st mt no nos vs etc approx est dept gov sen rep
    jan feb mar apr jun jul aug sep sept oct nov dec al el u.s u.n u.k e.g i.e a.m p.m
    inc ltd co corp""".split()  # noqa: SIM905
)

#: Only at the start of a run of end marks (the look-behind): a long run of "." or "!" not
#: followed by a space is tried once, not from each of its characters (linear, not quadratic).
#: A full stop with no space after it ends a sentence when a lowercase word ends before it and a
#: capitalised word starts after it ("the ministry added.The forces", a lost line break).
#: A closing quote with no space after it ends one too ("... the village.”The forces").
_END = re.compile(
    r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s|$)|(?<=[a-z]{3})\.(?=[A-Z][a-z])"
    r"|(?<![.!?…])[.!?…]++[”»]++(?=[A-Z])"
)
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


_BULLET = re.compile(r"\s*(?:[-*•#>|]|\d{1,3}[.)]\s)")
#: A line at least this long, and near the longest of its block, is a wrapped line.
WRAP_MIN = 45


def _blocks(text: str) -> Iterator[list[tuple[int, int]]]:
    """The lines ending in a line break of each block of non-blank lines, as (start, end) spans.

    One pass over the text (no regex re-scanning a last line that has no line break: linear).
    """
    block: list[tuple[int, int]] = []
    pos, size = 0, len(text)
    while pos < size:
        nl = text.find("\n", pos)
        end = size if nl < 0 else nl + 1
        if text[pos:end].strip():
            if nl >= 0:
                block.append((pos, end))
        elif block:
            yield block
            block = []
        pos = end
    if block:
        yield block


def unwrap(text: str) -> str:
    """``text`` with the line breaks of hard-wrapped paragraphs turned into spaces.

    Plain-text dispatches are often wrapped at ~70 columns; a single line break inside a
    paragraph is then a space. A break is kept when a blank line follows (a new paragraph),
    when the line is short (a headline, a dateline, a signature) or ends a sentence (the split
    is the same either way, and a standfirst keeps its own line), or when the next line starts
    a list item. A line ending in the middle of a sentence followed by a lower-case word is
    always joined. The result has the same length, so offsets stay valid.
    """
    if "\n" not in text:
        return text
    chars = list(text)
    for lines in _blocks(text):
        longest = max(len(text[s:e].rstrip()) for s, e in lines)
        for s, e in lines:
            line = text[s:e].rstrip()
            nxt = text[e : e + 40]
            if not nxt.strip() or _BULLET.match(nxt):
                continue
            lower = nxt.lstrip()[:1].islower()
            long_line = len(line) >= WRAP_MIN and len(line) >= 0.6 * longest
            ended = line.endswith((".", "!", "?", '."', ".”", "?”", "!”"))
            if lower or (long_line and not ended):
                nl = e - 1
                chars[nl] = " "
                if nl > 0 and chars[nl - 1] == "\r":
                    chars[nl - 1] = " "
    return "".join(chars)


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
