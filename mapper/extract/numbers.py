"""Numbers and distances as written in dispatches: "four", "a dozen", "2.5", "two and a half"."""

from __future__ import annotations

import re

__all__ = ["DISTANCE_RX", "MAX_FRONT_KM", "UNIT_KM", "parse_distance", "parse_number"]

#: A reported distance above this is not a move on a front ("999999999999 kilometers"): the
#: event keeps its anchor place and the distance is dropped with a note.
MAX_FRONT_KM = 300.0

UNITS = {
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "dozen": 12,
    "couple": 2,
    "several": 3,
    "few": 3,
    "half": 0.5,
    "dozens": 24,
    "hundreds": 200,
}

#: Kilometres per unit.
UNIT_KM = {
    "km": 1.0,
    "kms": 1.0,
    "kilometer": 1.0,
    "kilometers": 1.0,
    "kilometre": 1.0,
    "kilometres": 1.0,
    "mile": 1.609344,
    "miles": 1.609344,
    "mi": 1.609344,
    "m": 0.001,
    "meters": 0.001,
    "metres": 0.001,
    "meter": 0.001,
    "metre": 0.001,
}

_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
NUMBER_PATTERN = (
    rf"(?:\d+(?:[.,]\d+)?|(?:(?:a|an)\s+)?(?:{_WORDS})(?:[\s-]+(?:and\s+(?:a\s+)?)?(?:{_WORDS}))*)"
)
_UNIT = r"(?:kilomet(?:er|re)s?|kms?|miles?|mi|met(?:er|re)s?|m)"
#: "four kilometers", "4.5 km", "2km", "two and a half miles", "six-kilometre".
DISTANCE_RX = re.compile(rf"\b(?P<num>{NUMBER_PATTERN})[\s-]*(?P<unit>{_UNIT})\b", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words; None when it is not a number.

    >>> parse_number("two and a half")
    2.5
    """
    t = (
        text.strip().lower().replace(",", "")
        if re.fullmatch(r"[\d,]+", text.strip())
        else (text.strip().lower())
    )
    if not t:
        return None
    try:
        return float(t.replace(",", "."))
    except ValueError:
        pass
    words = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not words:
        return None
    total = 0.0
    current = 0.0
    for i, w in enumerate(words):
        if w in ("a", "an") and i + 1 < len(words):
            continue  # "a dozen", "a half"
        if w not in UNITS:
            return None
        v = UNITS[w]
        if w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:  # "ninety-nine thousand nine hundred"
            if total and total < v:
                return None  # "five thousand two million": not a number
            total += (current or 1) * v
            current = 0.0
        elif w == "half":
            current += 0.5
        elif w == "dozen":
            current = (current or 1) * 12
        elif not _fits(current, v):
            return None  # "five five", "twenty thirty": not one number, read none of it
        else:
            current += v
    total += current
    return total


_SCALES = {"thousand": 1000, "million": 1_000_000}


def _fits(current: float, value: float) -> bool:
    """True when ``value`` (a word below a hundred) can follow ``current`` in one number."""
    rest = current % 100
    if rest == 0:
        return True
    return 20 <= rest <= 90 and rest % 10 == 0 and 1 <= value <= 9  # "ninety" + "nine"


def parse_distance(text: str) -> tuple[float, str] | None:
    """The first distance in ``text`` as (kilometres, matched text); None when there is none."""
    m = DISTANCE_RX.search(text)
    if not m:
        return None
    value = parse_number(m.group("num"))
    if value is None:
        return None
    return value * UNIT_KM[m.group("unit").lower()], m.group(0)
