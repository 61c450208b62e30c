"""Which place mentions name areas, not towns: provinces, regions, rivers, roads, axes.

An event is mapped at a town-level place; "strikes across Idlib province", "the Pokrovsk
direction", "the Dnipro" (the river) or "the M4 highway" name an area or a feature, and events on
them are skipped (the project maps points).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gazetteer.translit import name_key
from mapper.extract.mentions import METROPOLIS, PROVINCES
from mapper.model import Mention

__all__ = ["AXIS_AFTER", "region_starts"]

_REGION_KINDS = frozenset({"country", "region", "province", "road"})
_REGION_AFTER = re.compile(
    r"^(?:['’]s)?(?:\s+(?:and|&)\s+[A-Z][\w’'-]+)?\s+(?:(?:northern|southern|eastern|western|north|south|east|west|\w+ern|rural"
    r"|international|main|strategic)\s+){0,2}(?:province|governorate|region|countryside|oblast"
    r"|area|front|district|axis|direction|sector|highways?|roads?|river|mountains?|provinces|regions|governorates"
    r"|oblasts|countrysides)\b"
    r"|^\s*[-–]\s*[A-Z][\w-]+\s+(?:international\s+)?(?:highway|road|motorway)\b",
    re.IGNORECASE,
)
AXIS_AFTER = re.compile(r"(?:['’]s)?\s+(?:directions?|sectors?)\b", re.I)

_REGION_BEFORE = re.compile(
    r"\b(?:(?:province|governorate|region|oblast|countryside|area)s?\s+of\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'-]+\s+and\s+)?"
    r"|(?:northern|southern|eastern|western|north-?western|north-?eastern|south-?western"
    r"|south-?eastern|central|rural|greater)\s+"
    r"|\bthe\s+(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+)$",
    re.I,
)

_FEATURE = re.compile(
    r"\b(?:River|Mountains?|Mount|Jabal|Jebel|University|Highway|Road|Motorway|Canal|Lake|Dam"
    r"|Plain|Valley|People['’]s\s+Republic|Oblast|Governorate|Province|Region)$"
    r"|^(?:Jabal|Jebel|Mount)\b"
)
#: Rivers that share a name with a town: "the Dnipro" is the river, "Dnipro" the city.
_RIVER_KEYS = frozenset(
    name_key(n)
    for n in (
        "Dnipro",
        "Dnieper",
        "Dnepr",
        "Euphrates",
        "Orontes",
        "Donets",
        "Siverskyi Donets",
        "Oskil",
        "Inhulets",
        "Khabur",
        "Tigris",
        "Desna",
        "Vorskla",
        "Siversky Donets",
    )
)

_FEATURE_AFTER = re.compile(
    r"^(?:\s*[-–]\s*[A-Z][\w-]+)?(?:\s+(?:and|&)\s+[A-Z][\w’'-]+)?"
    r"\s+(?:(?:international|main|strategic)\s+)?(?:rivers?"
    r"|highways?|roads?|motorways?|canals?|mountains?|university|people['’]s\s+republic"
    r"|(?:nuclear|thermal|hydroelectric|hydro)?\s*power\s+(?:plant|station)|dam|reservoir)\b",
    re.I,
)


_NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}"
#: An administrative area named after a town: "the Sudzha district", or a list closed by a plural
#: ("the Kursk, Voronezh and Belgorod regions", "villages of A and B districts"). "X region" alone
#: stays the town ("heights in the X region"), and so does "X, Y region" (X in region Y).
_ADMIN_AFTER = re.compile(
    r"^\s+(?:district|raion|rayon)\b"
    rf"|^(?:(?:\s*,\s*{_NAME}){{0,8}},?\s+(?:and|&)\s+{_NAME})?"
    r"\s+(?:provinces|governorates|regions|oblasts|districts|raions|rayons|localities)\b"
)


_CITY_OF = re.compile(r"\bcity\s+of\s+$", re.I)


def _metropolis(m: Mention) -> bool:
    """A province's seat of a million people or more: its name alone is the city.

    Even in an article that names the province once ("the Kharkiv region ... Kharkiv was
    shelled overnight").
    """
    return m.place is not None and (m.place.population or 0) >= METROPOLIS


def _region_marked(m: Mention, text: str) -> bool:
    """True when the words around a mention make it an area.

    "Idlib province", "southern Idlib", "the province of Hama", "Aleppo countryside".
    """
    return bool(
        _REGION_AFTER.match(text[m.end : m.end + 40])
        or _REGION_BEFORE.search(text[max(0, m.start - 40) : m.start])
    )


def region_starts(mentions: Sequence[Mention], text: str) -> set[int]:
    """Start offsets of the mentions that name areas, not towns.

    A place of kind country/region/road is an area. A province name (Idlib, Hama, Donetsk) is an
    area where the text marks it so, and everywhere in an article that marks it so once: such a
    dispatch says "Idlib" for the province.
    """
    marked = {
        name_key(m.surface)
        for m in mentions
        if name_key(m.surface) in PROVINCES and _region_marked(m, text)
    }
    out = set()
    for m in mentions:
        key = name_key(m.surface)
        if _FEATURE.search(m.surface) or _FEATURE_AFTER.match(text[m.end : m.end + 60]):
            out.add(m.start)  # a river, road, mountain or university, not a town
            continue
        if key in _RIVER_KEYS and re.search(
            r"\bthe\s+$", text[max(0, m.start - 5) : m.start], re.I
        ):
            out.add(m.start)  # "across the Dnipro", "the left bank of the Dnieper": the river
            continue
        if AXIS_AFTER.match(text, m.end):
            out.add(m.start)  # "in the Pokrovsk direction": an axis of the front, not the town
            continue
        if _ADMIN_AFTER.match(text[m.end : m.end + 160]):
            out.add(m.start)  # "the Sudzha district", "the Kursk and Belgorod regions"
            continue
        city = re.match(r"\s+city\b", text[m.end : m.end + 6], re.I) or _CITY_OF.search(
            text[max(0, m.start - 12) : m.start]
        )  # "Idlib city", "the city of Idlib": the town
        if (m.place is not None and m.place.kind in _REGION_KINDS) or (
            key in PROVINCES
            and not city
            and (_region_marked(m, text) or (key in marked and not _metropolis(m)))
        ):
            out.add(m.start)
    return out
