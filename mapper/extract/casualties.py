"""Casualties as stated: "14 members of the pro-regime forces and 27 jihadists ... died"."""

from __future__ import annotations

import re

from mapper.extract.actors import find_actors
from mapper.extract.numbers import NUMBER_PATTERN, parse_number

__all__ = ["KILL_RX", "find_killed"]

KILL_RX = re.compile(r"\b(?:killed|died|dead|killing|deaths?|lost\s+their\s+lives)\b", re.I)
_GROUP_RX = re.compile(
    rf"(?<![\w.,])(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+|around\s+|nearly\s+)?"
    rf"(?P<n>\d[\d,]*|{NUMBER_PATTERN})\s+(?:of\s+them\s+)?(?P<who>(?:[\w’'-]+\s+){{0,5}}?"
    r"(?:fighters|forces|members\s+of\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+)?\s+forces|troops"
    r"|soldiers|rebels|jihadists|militants|civilians|combatants|loyalists|terrorists"
    r"|servicemen|personnel|insurgents|people|children))\b",
    re.IGNORECASE,
)


def find_killed(sentence: str, *, war: str | None = None) -> dict[str, int]:
    """Deaths per side stated in one sentence; {} when it states none."""
    if not KILL_RX.search(sentence):
        return {}
    out: dict[str, int] = {}
    for m in _GROUP_RX.finditer(sentence):
        n = parse_number(m.group("n").replace(",", ""))
        if n is None or n < 1 or n != int(n):
            continue
        who = m.group("who").lower()
        if "civilian" in who or "children" in who or who.endswith("people"):
            side = "civilians"
        else:
            actors = find_actors(m.group("who"), war=war)
            if not actors:
                continue
            side = actors[0].side
        out[side] = out.get(side, 0) + int(n)
    return out
