"""Compass directions as written: "west of", "to the east", "north-west of", "northwestern"."""

from __future__ import annotations

import re

from mapper.geometry import DIRECTIONS

__all__ = [
    "DIRECTION_RX",
    "MOVE_RX",
    "MOVE_STEMS",
    "compass_point",
    "heading_behind",
    "normalise_direction",
]

_BASE = {"north": "N", "south": "S", "east": "E", "west": "W"}

_ONE = r"(?:north|south|east|west)"
#: A direction word: "west", "north-west", "northwestern", "south-southeast", "NW", "WNW".
DIRECTION_RX = re.compile(
    rf"\b(?P<dir>{_ONE}(?:[\s-]?{_ONE}){{0,2}})(?:ern|ward|wards)?\b"
    r"|\b(?P<abbr>N|S|E|W|NE|NW|SE|SW|NNE|ENE|ESE|SSE|SSW|WSW|WNW|NNW)\b",
    re.IGNORECASE,
)


def normalise_direction(text: str) -> str | None:
    """The 16-point compass code of a direction phrase, or None.

    >>> normalise_direction("north-western")
    'NW'
    >>> normalise_direction("to the south-southeast")
    'SSE'
    """
    m = DIRECTION_RX.search(text)
    if not m:
        return None
    if m.group("abbr"):
        code = m.group("abbr").upper()
        return code if code in DIRECTIONS else None
    parts = re.findall(r"north|south|east|west", m.group("dir").lower())
    code = "".join(_BASE[p] for p in parts)
    if len(code) == 2 and code[0] in "EW":  # "east-north" is not a compass point; "westnorth"...
        code = code[::-1]
    return code if code in DIRECTIONS else None


#: Stems of the verbs a force moves by, every form ("pushing", "drove", "struck"): one list for
#: a move's heading and for where it set out from.
MOVE_STEMS = (
    "push driv drove mov advanc press head march roll thrust strik struck sweep swept race racing"
    " com came"
).split()
MOVE_RX = rf"\b(?:{'|'.join(MOVE_STEMS)})\w*"
#: A move written with its compass heading: "columns pushing south", "troops driving west".
_HEADING_MOVE = re.compile(
    rf"{MOVE_RX}\s+(?:(?:further|farther|deeper)\s+)?(?P<dir>{_ONE}(?:-?{_ONE})?)(?:wards?)?\b",
    re.IGNORECASE,
)
_OPPOSITE = str.maketrans("NSEW", "SNWE")


def heading_behind(text: str) -> str | None:
    """Where a force heading somewhere stands from its goal: the opposite of its heading.

    "Japanese columns pushing south ... were reported within 20 miles of X": north of X.
    """
    m = _HEADING_MOVE.search(text)
    code = normalise_direction(m.group("dir")) if m else None
    return code.translate(_OPPOSITE) if code else None


_EIGHT = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")


def compass_point(bearing: float) -> str:
    """The 8-point compass code of a bearing in degrees ("NE" for 50)."""
    return _EIGHT[round((bearing % 360) / 45) % 8]
