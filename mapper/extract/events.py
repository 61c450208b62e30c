"""Events from sentences: triggers from the registry, their places, actors, dates and distances.

For every sentence, each pattern of :data:`EVENT_PATTERNS` is searched. A trigger's place is the
place mention it governs: the object after the verb (through the prepositions the type allows,
with lists "A, B and two nearby villages, C and D" expanded), or the subject before a passive
verb ("X was recaptured by"). "The town"/"the city" with no name refers to the article's focus
place (the town-level place named most often so far). Reported distances ("four kilometers west
of X", "six kilometers away") are advances projected from their anchor place; geographic facts
("X, which lies 11 km east of Y") are not.

Dating rule (see :mod:`mapper.dates`): the date phrase of the sentence nearest to the trigger;
else, for present-tense positions ("are now", "currently"), the publication date; else the
day-precision phrase of the preceding sentence (not a "since ..." phrase), ``basis="context"``;
else the publication date, ``basis="publication"``.
"""

from __future__ import annotations

import math
import re
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from functools import lru_cache

from gazetteer.translit import name_key
from mapper.dates import DateResolution, find_dates, publication_date
from mapper.extract.actors import GENERIC, ActorMatch, find_actors, is_agent, nearest_actor
from mapper.extract.casualties import find_killed
from mapper.extract.directions import DIRECTION_RX, normalise_direction
from mapper.extract.filters import COMMON_WORDS
from mapper.extract.mentions import ANCHOR_SCORE, PROVINCES
from mapper.extract.numbers import DISTANCE_RX, UNIT_KM, parse_number
from mapper.extract.patterns import (
    EVENT_PATTERNS,
    INTENT_RX,
    PASSIVE_RX,
    STATIC_RX,
    EventPattern,
)
from mapper.extract.sentences import Sentence
from mapper.geometry import bearing_of, project
from mapper.model import Article, Event, Mention

__all__ = ["UNPLACED_NOTE", "extract_events", "unplaced_phrases", "war_of"]

#: What an article's ``problems`` line says about trigger phrases that named no place.
UNPLACED_NOTE = "event phrase(s) name no place"
_UNPLACED_RX = re.compile(rf": (\d+) {re.escape(UNPLACED_NOTE)}, so no event")


def unplaced_phrases(problem: str) -> int:
    """How many placeless event phrases a ``problems`` line reports (0 for any other line)."""
    m = _UNPLACED_RX.search(problem)
    return int(m.group(1)) if m else 0


_REGION_KINDS = frozenset({"country", "region", "province", "road"})
_REGION_AFTER = re.compile(
    r"^(?:['’]s)?(?:\s+(?:and|&)\s+[A-Z][\w’'-]+)?\s+(?:(?:northern|southern|eastern|western|north|south|east|west|\w+ern|rural"
    r"|international|main|strategic)\s+){0,2}(?:province|governorate|region|countryside|oblast"
    r"|area|front|district|axis|direction|sector|highways?|roads?|river|mountains?|provinces|regions|governorates"
    r"|oblasts|countrysides)\b"
    r"|^\s*[-–]\s*[A-Z][\w-]+\s+(?:international\s+)?(?:highway|road|motorway)\b",
    re.IGNORECASE,
)
_AXIS_AFTER = re.compile(r"(?:['’]s)?\s+directions?\b", re.I)
_REGION_BEFORE = re.compile(
    r"\b(?:(?:province|governorate|region|oblast|countryside|area)s?\s+of\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'-]+\s+and\s+)?"
    r"|(?:northern|southern|eastern|western|north-?western|north-?eastern|south-?western"
    r"|south-?eastern|central|rural|greater)\s+"
    r"|\bthe\s+(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+)$",
    re.I,
)
_BOUNDARY = re.compile(
    r"[;:\"“”]|\(|\)"
    r"|,\s*(?=(?:which|who|where|while|as|after|before|when|since|but|according|said|says"
    r"|told|a\s+(?:war\s+)?monitor|the\s+\w+\s+said|then|and\s+(?:are|is|were|was|have|has)\b))"
    r"|\b(?:after|when|while|before|because|whereas|although|though|following|so\s+that)\b",
    re.IGNORECASE,
)
_GLUE_WORDS = frozenset(
    """and or as well along with including the two three four five six several other nearby
    neighbouring neighboring surrounding small villages village towns town hills hill its
    localities locality also key strategic areas area of""".split()  # noqa: SIM905
)
#: More glue for advances: "moving southeast of A and south of B".
_DIRECTION_GLUE = frozenset(
    {"of", "to", "north", "south", "east", "west", "northeast", "northwest", "southeast"}
    | {"southwest", "northern", "southern", "eastern", "western"}
)
_ANAPHOR = re.compile(
    r"^\s*(?:(?!near\b|around\b|outside\b|beyond\b)\w+\s+){0,3}?(?:the|this|that)\s+"
    r"(?:(?:key|strategic|besieged|embattled|"
    r"rebel-held|jihadist|nearby|\w+-held)\s+)?(?:town|city|village|bastion|locality|stronghold)"
    r"\b(?!\s+of)",
    re.IGNORECASE,
)
_PRESENT = re.compile(
    r"\b(?:are|is)\s+(?:now|currently|still)\b|\bcurrently\b|\bunderway\b|\bongoing\b"
    r"|\b(?:are|is)\s+(?:\w+\s+)?(?:away|advancing|moving|trying|fighting)\b",
    re.IGNORECASE,
)
_UKRAINE_WORDS = re.compile(r"\b(?:Ukrain\w*|Kyiv|Kiev|Donbas\w*|Zaporizh\w*|Donetsk)\b")
_SYRIA_WORDS = re.compile(r"\b(?:Syria\w*|Idlib|Idleb|Aleppo|Hama|Damascus|Assad)\b")
_HEADLINE_MAX_WORDS = 22
#: Types whose place may be a whole province or region ("air strikes on Idlib province").
#: None: a province's point (its capital) would misplace "air strikes on Idlib province"; such
#: reports stay mentions, not events.
_AREA_TYPES: frozenset[str] = frozenset()
_LOCATIVE = re.compile(
    r"\b(?:near|around|outside|towards?|(?:north|south|east|west)\w*\s+of)\b", re.I
)
_LIST_INTRO = re.compile(
    r"\b(?:including|such\s+as|namely|notably|among\s+them|especially)\s+", re.I
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
_FACILITY_AFTER = re.compile(
    r"\s+(?:depots?|warehouses?|plants?|factor(?:y|ies)|refinery|offices?|stores?|shops?"
    r"|supermarkets?|malls?|hotels?|terminals?|facility|facilities|headquarters|branch)\b",
    re.I,
)
_FEATURE_AFTER = re.compile(
    r"^(?:\s*[-–]\s*[A-Z][\w-]+)?(?:\s+(?:and|&)\s+[A-Z][\w’'-]+)?"
    r"\s+(?:(?:international|main|strategic)\s+)?(?:rivers?"
    r"|highways?|roads?|motorways?|canals?|mountains?|university|people['’]s\s+republic"
    r"|(?:nuclear|thermal|hydroelectric|hydro)?\s*power\s+(?:plant|station)|dam|reservoir)\b",
    re.I,
)
_RELATIVE = re.compile(
    r",\s*(?:(?:which|who|that|located|situated|lying|some)\b"
    # "X, 5 km south of Y, was captured": an apposition that places X
    r"|(?:(?:about|around|roughly|approximately|just|only|nearly)\s+)?(?:\d[\d.,]*|one|two"
    r"|three|four|five|six|seven|eight|nine|ten|a\s+few)\s*(?:km|kilomet\w+|miles?)\b)"
    r"[^,;]*,\s*(?:\w+\s+){0,3}$",
    re.I,
)
_AREA_GAIN = re.compile(
    r"\s*(?:[\w.,]+\s+){0,3}?(?:square\s+(?:kilomet|mile)|sq\.?\s*km|km²|km2|hectares)", re.I
)
_AREA_GAIN_BEFORE = re.compile(
    r"(?:square\s+(?:kilomet|mile)\w*|sq\.?\s*km|km²|hectares)\s+(?:\w+\s+){0,2}$", re.I
)
_ACTOR_HINT = re.compile(
    r"regime|rebel|jihad|army|forces|troops|loyalist|militant|terrorist|russia|ukrain|turk|HTS"
    r"|SAA|assad|insurgent|fighters|units",
    re.I,
)
_UNKNOWN_ITEMS = re.compile(
    r"\s*,\s*(?:(?:al|el)-)?[A-Z][\w’'-]+(?:\s+(?:(?:al|el)-)?[A-Z][\w’'-]+){0,2}"
    r"(?:\s*,\s*(?:(?:al|el)-)?[A-Z][\w’'-]+(?:\s+(?:(?:al|el)-)?[A-Z][\w’'-]+){0,2})*"
    r"\s*(?:,\s*)?(?:and\s+|or\s+|,\s*)"
)
_PART_OF_TOWN = re.compile(
    r"\s+(?:(?:the|a|several|some|two|three|many|most\s+of\s+the)\s+)?(?:[\w’'-]+['’]s\s+)?"
    r"(?:(?:[\w-]+|and|,)\s+){0,5}?(?:districts?|neighbou?rhoods?|quarters?|parts?|sections?"
    r"|blocks|streets|suburbs)\b(?:\s+of\b)?",
    re.I,
)
_DIGIT = re.compile(r"\d")
#: A capture's object that takes up a place named before ("captured it", "the key hilltop").
_IT = re.compile(
    r"\s+(?:it\b|the\s+(?:[\w-]+\s+){0,2}?(?:hilltop|hill|town|village|city|locality"
    r"|stronghold|position|height)\b(?!\s+of\b))",
    re.I,
)
#: "between the army on one side and the rebels on the other (hand)": who fought, not where.
_SIDES = re.compile(
    r"[^.;]{0,60}?\bbetween\b[^.;]{1,120}?\bon\s+(?:the\s+)?other(?:\s+(?:hand|side))?\b",
    re.I,
)
#: Where a withdrawing side was: "positioned in the city", "holed up inside the town".
_IN_THE_TOWN = re.compile(r"\b(?:in|inside|within)\s+the\s+(?:city|town|village)\b(?!\s+of)", re.I)
#: A noun trigger owned by a side named before: "before their collapse and retreat".
_THEIR = re.compile(r"\b(?:their|its)\s+(?:[\w-]+\s+(?:and\s+)?){0,2}$", re.I)
#: "..., which are all south of Y", "..., which lies east of Y": the sentence places its list.
_STATED_SIDE = re.compile(
    r",\s*(?:which|that)\s+(?:is|are|lies|lie)\s+(?:all\s+)?(?:located\s+|situated\s+)?"
    r"(?:(?:about|around|some|nearly)\s+)?(?:[\w.]+\s*(?:km|kilomet\w+|miles?)\s+)?"
    r"(?:to\s+the\s+)?(?P<dir>(?:north|south|east|west)(?:[\s-]?(?:east|west))?)(?:ern)?\s+of\s+",
    re.I,
)
#: Means only a state has in the Syrian war (an unnamed "warplanes" is never the opposition's).
_AIRCRAFT = re.compile(
    r"\b(?:warplanes?|war\s+planes?|helicopters?|jets?|aircraft|air\s*strikes?|air\s+raids?"
    r"|barrel\s+bombs?)\b",
    re.I,
)
#: Between an advance's origin and its goal: "(from X) towards Y", "(from X) in the direction of".
_HEADING = re.compile(
    r"\s*,?\s*(?:(?:and|further|on)\s+)?(?:towards?|in\s+the\s+direction\s+of)\s+"
    r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?",
    re.I,
)
#: A capture told as the holder's state: the side named inside the phrase holds the place.
_HELD_BY = re.compile(r"(?:now\s+)?(?:under|(?:back|now)\s+in|fell\s+into|fallen\s+into)\b", re.I)
#: A relative clause whose object is the place just named: "X, which it captured".
_WHICH_SUBJECT = re.compile(
    r",?\s*which\s+(?!(?:is|are|was|were|has|had|have|lies|lie)\b)(?:[\w’'-]+\s+){1,4}?"
    r"(?:(?:had|has|have|was|were)\s+)?(?:\w+ly\s+)?$",
    re.I,
)
#: "(entered) the outskirts/edges of": the edge of a place.
_OUTSKIRTS = re.compile(r"\s+(?:the\s+)?(?:\w+ern\s+)?(?:outskirts|edges?|approaches)\s+of\b", re.I)
#: A year right before a trigger ("its 2016 capture of").
_YEAR_BEFORE = re.compile(r"\b((?:19|20)\d\d)\s+$")
#: A determiner before a noun trigger ("the capture of", "Russia's capture of").
_NOMINAL_BEFORE = re.compile(r"\b(?:the|its|their|[\w-]+['’]s)\s+(?:\w+\s+)?$", re.I)
#: "(withdrew) to more advantageous positions west of": a pull-back beside the place named.
_FALLBACK_LINES = re.compile(
    r"\s+to\s+(?:(?:new|other|better|prepared|safer|more\s+\w+|\w+er)\s+)?(?:\w+\s+)?"
    r"(?:positions|lines|defen[cs]es)\s+(?:(?:to\s+the\s+)?(?:north|south|east|west)\w*"
    r"(?:\s+of)?|near|around|outside|behind)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?",
    re.I,
)
#: "villages in (X)": X is the area the places lie in, named before the list of them.
_PLURAL_IN = re.compile(
    r"\b(?:villages|towns|localities|areas|positions|hills|settlements)\s+(?:in|of|across)\s+"
    r"(?:the\s+)?(?:\w+ern\s+)?$",
    re.I,
)
#: The words that introduce a name: "the village of", "the town of".
_NAMED_AS = re.compile(
    r"\b(?:the\s+)?(?:towns?|city|cities|villages?|settlements?|hill|localit(?:y|ies))\s+of\s*$",
    re.I,
)
#: A denial before a trigger: what follows is disputed, not reported.
_DENIAL = re.compile(r"\bden(?:y|ied|ies|ying)\b", re.I)
#: After a nominal trigger: "the capture of X would/could open ...": a hypothesis.
_HYPOTHETICAL = re.compile(r"[^.;]{0,60}?\b(?:would|could|might|will)\b", re.I)
#: Gazetteer reasons of a look-alike (not letter-for-letter) match.
_LOOSE_MATCH = frozenset({"skeleton", "fuzzy"})
#: "the entire eastern part of X": the whole part is held (a capture, not an entry).
_WHOLE = re.compile(r"\s+(?:the\s+)?(?:entire|whole|all\s+of\s+the)\b", re.I)
#: A distance is written with digits or with one of these words.
_UNIT_WORDS = ("kilomet", "km", "mile", "metre", "meter")
_SCARE_QUOTES = re.compile(r"[\"“‘'][\w’' -]{1,30}[\"”’']")
#: "repelled an assault on X": a clash, not a target.
_REPELLED = re.compile(
    r"\b(?:repel\w*|repuls\w*|thwart\w*|foil\w*|beat\s+back|fought\s+off|fend\w*\s+off)"
    r"\s+(?:[\w-]+\s+){0,4}$",
    re.I,
)
_CIVILIAN_WORD = re.compile(
    r"\b(?:people|civilians|residents|families|inhabitants|children|women|refugees|villagers)\b",
    re.I,
)
_CIVILIANS = re.compile(
    r"\b(?:people|civilians|residents|families|inhabitants|children|women|refugees|villagers"
    r"|the\s+displaced|population|thousands|hundreds|tens\s+of\s+thousands"
    r"|aid|trucks|convoys?\s+of\s+aid|humanitarian\s+\w+|journalists|reporters|inspectors"
    r"|delegation|monitors|evacuees)\b(?:\s+\w+){0,4}\s*$",
    re.I,
)
#: "the withdrawal of jihadists": a side follows the noun, not a place.
_OF_ACTOR = re.compile(rf"\s+of\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_ACTOR_HINT.pattern})", re.I)
#: Non-military uses of trigger words ("captured the attention", "struck a deal", "hit song").
_FIGURATIVE_AFTER = re.compile(
    r"\s+(?:(?:the|their|its|his|her|our|a|an|public|world)['’]?s?\s+)?(?:[\w-]+\s+)?"
    r"(?:attention|imagination|hearts?|minds?|mood|essence|spirit|headlines|interest|deal"
    r"|agreement|accord|bargain|compromise|chord|balance|tone|note|pose|nerve|loan|funding"
    r"|majority|votes?|contract|visa|record|gold|silver|bronze|medals?|trophy|titles?"
    r"|prizes?|awards?|points|seats)\b"
    r"|\s+(?:corruption|inflation|poverty|disease|cancer|fires?|wildfires?|floods?)\b",
    re.I,
)
#: ... and of "hit"/"struck" alone ("hit back at critics", "hit a record high").
_FIGURATIVE_HIT = re.compile(
    r"\s+(?:songs?|singles?|albums?|tracks?|shows?|series|films?|movies?|musicals?"
    r"|back|out\s+at|home|rock\s+bottom|(?:a|an)\s+(?:new\s+)?(?:record|high|low|peak|snag"
    r"|wall))\b",
    re.I,
)
#: "ordered the withdrawal from X", "ordered troops to pull out of X": the order is the news
_ORDERED = re.compile(r"\bordered\s+(?:the\s+|a\s+|(?:[\w-]+\s+){1,3}?to\s+)?$", re.I)
_HISTORY_BEFORE = re.compile(r"\b(?:previously|formerly|in\s+the\s+past)\s+$", re.I)
_STILL_HELD = re.compile(
    r"\b(?:remain(?:s|ed|ing)?|still|continu\w+\s+to|keep(?:s|ing)?|kept)\s+(?:\w+\s+)?$", re.I
)
_DATELINE_DATE = re.compile(r"\s*(?:\([^()]{2,30}\))?\s*[-–—]")
_CONDITIONAL = re.compile(r"\s*[\"“]?(?:if|unless|should)\b", re.I)
_AIR = re.compile(
    r"\b(?:warplanes?|aircraft|jets?|helicopters?|artillery|drones?|planes?|rockets?|shells"
    r"|missiles?|mortars?|projectiles)\b",
    re.I,
)


@lru_cache(maxsize=32)
def _stems_rx(stems: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a type's stems (a C-speed "does any occur?")."""
    return re.compile("|".join(re.escape(stem) for stem in stems))


def war_of(text: str) -> str | None:
    """Which war a dispatch is about: ``"ukraine"``, ``"syria"`` or None."""
    ua = len(_UKRAINE_WORDS.findall(text))
    sy = len(_SYRIA_WORDS.findall(text))
    if not ua and not sy:
        return None
    return "ukraine" if ua > sy else "syria"


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
        if _AXIS_AFTER.match(text, m.end):
            out.add(m.start)  # "in the Pokrovsk direction": an axis of the front, not the town
            continue
        city = re.match(r"\s+city\b", text[m.end : m.end + 6], re.I)
        if (m.place is not None and m.place.kind in _REGION_KINDS) or (
            key in PROVINCES and not city and (key in marked or _region_marked(m, text))
        ):
            out.add(m.start)
    return out


@dataclass(slots=True)
class _State:
    """What the extractor remembers across the sentences of one article."""

    article: Article
    text: str
    war: str | None
    counts: dict[str, int] = field(default_factory=dict)
    last_seen: dict[str, int] = field(default_factory=dict)
    by_key: dict[str, Mention] = field(default_factory=dict)
    regions: set[int] = field(default_factory=set)
    last_actor: str | None = None
    #: the side of the article's last capture (a bare "the liberation of X" is theirs)
    last_capturer: str | None = None
    #: the day-precision date the next undated sentence inherits (None: publication date)
    carried: DateResolution | None = None

    def note(self, mentions: Sequence[Mention], order: int) -> None:
        for m in mentions:
            if m.role != "place" or m.start in self.regions:
                continue
            key = _place_key(m)
            self.counts[key] = self.counts.get(key, 0) + 1
            self.last_seen[key] = order
            self.by_key[key] = m

    def focus(self) -> Mention | None:
        if not self.counts:
            return None
        key = max(self.counts, key=lambda k: (self.counts[k], self.last_seen[k]))
        return self.by_key[key]


def _place_key(m: Mention) -> str:
    return m.place.id if m.place is not None else name_key(m.surface)


@lru_cache(maxsize=64)
def _boundaries(s: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Clause boundaries of a sentence: (starts, ends), in order."""
    scare = {
        pos for q in _SCARE_QUOTES.finditer(s) for pos in (q.start(), q.end() - 1)
    }  # '"liberated" the village': quotes around a word or two do not cut the clause
    found = [(b.start(), b.end()) for b in _BOUNDARY.finditer(s) if b.start() not in scare]
    return tuple(a for a, _ in found), tuple(b for _, b in found)


def _clause_bounds(s: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``s`` around ``[start, end)``: from the previous to the next boundary."""
    b_starts, b_ends = _boundaries(s)
    k = bisect_right(b_ends, start) - 1
    # the last boundary that ends at or before ``start`` (and starts before it)
    while k >= 0 and b_starts[k] >= start:
        k -= 1
    left = b_ends[k] if k >= 0 else 0
    n = bisect_left(b_starts, end)
    right = b_starts[n] if n < len(b_starts) else len(s)
    return left, right


def _glued(gap: str, *, directions: bool = False) -> bool:
    """True when ``gap`` only joins items of one list ("A, B and two nearby villages - C").

    With ``directions``, compass words join too ("southeast of A and south of B"); otherwise
    "A and B, north of C" ends the list before C.
    """
    if _UNKNOWN_ITEMS.fullmatch(gap):
        return True  # "A, Mentar and B": a list item the gazetteer does not know
    if directions and re.match(r"\s*,\s*(?:\w+\s+)?(?:north|south|east|west)", gap, re.I):
        return False  # "towards A, west of B": B only locates A
    words = re.findall(r"[A-Za-z’'-]+", gap)
    if len(words) > 6 or re.search(r"[.;:()]", gap):
        return False
    return all(
        w.lower() in _GLUE_WORDS or (directions and w.lower() in _DIRECTION_GLUE) for w in words
    )


def _expand_after(
    ms: list[Mention], first: int, s: str, offset: int, right: int, *, directions: bool = False
) -> list[int]:
    out = [first]
    k = first
    while k + 1 < len(ms) and ms[k + 1].end - offset <= right:
        gap = s[ms[k].end - offset : ms[k + 1].start - offset]
        if not _glued(gap, directions=directions):
            break
        k += 1
        out.append(k)
    return out


def _expand_before(ms: list[Mention], last: int, s: str, offset: int, left: int) -> list[int]:
    out = [last]
    k = last
    while k - 1 >= 0 and ms[k - 1].start - offset >= left:
        gap = s[ms[k - 1].end - offset : ms[k].start - offset]
        if not _glued(gap):
            break
        k -= 1
        out.insert(0, k)
    return out


def _date_for(
    sent: Sentence, dates: list[DateResolution], hit: _Hit, state: _State
) -> DateResolution:
    """Date of an event (the rule is in the module docstring)."""
    published = state.article.published
    if published is None:
        return publication_date(None)
    usable = [d for d in dates if d.resolved]
    if hit.trigger_end > hit.trigger_start:  # a real trigger: its own clause decides
        left, right = _clause_bounds(sent.text, hit.trigger_start, hit.trigger_end)
        usable = [d for d in usable if d.start >= left and d.end <= right] or [
            d for d in usable if _dates_whole_sentence(sent.text, d)
        ]
    if usable:
        pos = hit.trigger_start
        return min(usable, key=lambda d: min(abs(d.start - pos), abs(d.end - pos)))
    if _PRESENT.search(sent.text):
        return publication_date(published)
    if state.carried is not None:
        d = state.carried
        return DateResolution(d.date, d.date_end, d.text, d.precision, "", "context")
    return publication_date(published)


def _dates_whole_sentence(s: str, d: DateResolution) -> bool:
    """A sentence-initial date phrase ("On Tuesday, ...") dates every clause of the sentence."""
    return (
        not re.search(r"\w", s[: d.start].strip(" \"“'"))
        or bool(re.match(r"\s*(?:on|since|early|late|last)\b", s[: d.start].strip(), re.I))
        # the dateline's date ("KYIV, Feb 17 (Reuters) -") dates the lead sentence
        or bool(_DATELINE_DATE.match(s, d.end) and d.start < 40)
    )


def _direction_near(s: str, left: int, right: int) -> str | None:
    """A direction phrase in the clause ("To the east, ...") that qualifies a distance."""
    m = re.search(
        r"\b(?:to|in|on|from)\s+the\s+((?:north|south|east|west)(?:[\s-]?(?:north|south|east|"
        r"west))*(?:ern)?)\b",
        s[left:right],
        re.IGNORECASE,
    )
    return normalise_direction(m.group(1)) if m else None


@dataclass(frozen=True, slots=True)
class _Hit:
    type: str
    place: Mention
    trigger_start: int
    trigger_end: int
    confidence: float
    clause_start: int = 0
    passive: bool = False
    distance_km: float | None = None
    distance_text: str | None = None
    direction: str | None = None
    reason: str = ""
    #: why the place, though resolved, is not trusted as the event's location ("" = trusted)
    doubt: str = ""


class _SentenceExtractor:
    """Finds the hits of one sentence."""

    def __init__(self, sent: Sentence, mentions: list[Mention], state: _State) -> None:
        self.sent = sent
        self.s = sent.text
        self.off = sent.start
        self.state = state
        self.text = state.text
        self.places = [m for m in mentions if m.role == "place"]
        self.towns = [m for m in self.places if m.start not in self.state.regions]
        self.unplaced: list[str] = []  # event phrases that named no place
        self.bare_captures: list[int] = []  # where an active capture verb named no place
        self.denial = _DENIAL.search(self.s)

    # -- places -------------------------------------------------------------------------
    def _pick(self, idxs: list[int], etype: str) -> list[Mention]:
        picked = [self.places[i] for i in idxs]
        towns = [m for m in picked if m.start not in self.state.regions]
        if towns or etype not in _AREA_TYPES:
            return towns
        return [m for m in picked if m.place is None or m.place.kind != "country"]

    def places_after(self, pat: EventPattern, t_end: int, right: int, etype: str) -> list[Mention]:
        if etype == "clash":  # "between A on one side and B on the other": the sides first
            sides = _SIDES.match(self.s, t_end, right)
            if sides:
                t_end = sides.end()
        for i, m in enumerate(self.places):
            ms = m.start - self.off
            if ms < t_end or m.end - self.off > right:
                continue
            if m.place is None and _FACILITY_AFTER.match(self.s, m.end - self.off, right):
                continue  # "struck a Nova Poshta depot in X": a firm's name, not the place
            gap = self.s[t_end:ms]
            intros = list(_LIST_INTRO.finditer(gap))
            if intros:  # "... all the villages in this pocket, including X and Y"
                gap = gap[intros[-1].end() :]
            if pat.preps is not None and not pat.preps.match(gap + m.surface):
                return []
            limit = 8 if pat.preps is not None else 12
            if re.search(r"\bbetween\b", gap):
                limit += 6  # "clashes between A and B near X": the sides come first
            # "the village of" before a name is part of naming it, not distance from the verb
            named_as = _NAMED_AS.search(gap)
            counted = gap[: named_as.start()] if named_as else gap
            if len(re.findall(r"\w+", counted)) > limit:
                return []
            if etype in ("capture", "entry") and pat.preps is None and _LOCATIVE.search(gap):
                return []  # "took dozens of villages near the city of X": X is not taken
            if (
                etype == "advance"
                and i + 1 < len(self.places)
                and re.search(r"\bfrom\s+(?:the\s+)?$", gap)
                and _HEADING.fullmatch(
                    self.s, m.end - self.off, self.places[i + 1].start - self.off
                )
            ):
                continue  # "pushed north from X towards Y": the advance is on Y
            idxs = _expand_after(
                self.places, i, self.s, self.off, right, directions=etype == "advance"
            )
            picked = self._pick(idxs, etype)
            if (not picked or _PLURAL_IN.search(gap)) and _LIST_INTRO.search(
                self.s, m.end - self.off, right
            ):
                continue  # "14 villages in the Idlib countryside / in Idlib, including X and Y"
            if not picked and _AXIS_AFTER.match(self.s, m.end - self.off):
                continue  # "in the Pokrovsk direction near X and Y": the places come next
            return picked
        return []

    def places_before(self, left: int, t_start: int, etype: str) -> list[Mention]:
        cands = [
            i
            for i, m in enumerate(self.places)
            if m.start - self.off >= left and m.end - self.off <= t_start
        ]
        towns = [i for i in cands if self.places[i].start not in self.state.regions]
        if not towns:
            return self._pick(cands[-1:], etype)
        return self._pick(_expand_before(self.places, towns[-1], self.s, self.off, left), etype)

    def anaphor(self, t_end: int, right: int) -> Mention | None:
        """The place "the town"/"the city" after ``t_end`` refers to.

        The last resolved town named earlier in this sentence, else the article's focus place.
        """
        if not _ANAPHOR.match(self.s[t_end:right]):
            return None
        earlier = [m for m in self.towns if m.end - self.off <= t_end]
        return earlier[-1] if earlier else self.state.focus()

    # -- triggers -----------------------------------------------------------------------
    def trigger_hits(self) -> list[_Hit]:
        if _CONDITIONAL.match(self.s):
            return []  # "If the army takes X, ..." reports no event
        hits: list[_Hit] = []
        low = self.s.lower()
        for pat in EVENT_PATTERNS.values():
            if pat.stems and not _stems_rx(pat.stems).search(low):
                continue  # no trigger of this type can be here
            for t in pat.trigger.finditer(self.s):
                hits.extend(self._hits_for(pat, t))
        if self.bare_captures:  # "stormed X before they captured the hilltop": X was taken
            last = max(self.bare_captures)
            hits = [
                dc_replace(h, type="capture") if h.type == "entry" and h.trigger_end <= last else h
                for h in hits
            ]
        return hits

    def _hits_for(self, pat: EventPattern, t: re.Match[str]) -> list[_Hit]:
        left, right = _clause_bounds(self.s, t.start(), t.end())
        before = self.s[left : t.start()]
        etype, conf = pat.type, pat.confidence
        if (
            " " not in t.group(0)
            and t.group(0).lower().endswith("ed")
            and re.search(
                r"\b(?:this|the|an?|that|its|their|in|of|from|into|near|around|at|towards?)\s+"
                r"(?:\w+ly\s+)?$",
                before,
                re.I,
            )
        ):
            return []  # adjective: "this encircled pocket", "the liberated areas"
        if etype == "capture" and (
            _AREA_GAIN.match(self.s[t.end() : right])
            or _AREA_GAIN_BEFORE.search(self.s[max(left, t.start() - 60) : t.start()])
        ):
            etype = "advance"  # "liberated one square kilometre on the X front": ground gained
        word = t.group(0).lower()
        if (
            _FIGURATIVE_AFTER.match(self.s, t.end(), right)
            or (word in ("hit", "struck") and _FIGURATIVE_HIT.match(self.s, t.end(), right))
            or (word == "hit" and re.search(r"(?:\b(?:a|the|big|top)|['’]s)\s+$", before))
        ):
            return []  # "captured the attention of", "struck a deal", "the band's hit song"
        if t.group(0).lower() == "fell" and not self._subject_place_before(left, t.start()):
            return []  # "barrel bombs fell on X": only a place itself falls
        if etype == "capture" and _CIVILIAN_WORD.search(t.group(0)):
            return []  # "forced civilians from their homes": no one took a place
        if (
            etype == "capture"
            and _PART_OF_TOWN.match(self.s, t.end(), right)
            and not _WHOLE.match(self.s, t.end(), right)
        ):
            etype = "entry"  # "seized the town's eastern districts": inside it, not all of it
        if _HYPOTHETICAL.match(self.s, t.end(), right) and (
            (" " not in t.group(0).strip() and _NOMINAL_BEFORE.search(before))
            or word.startswith("the fall of")
        ):
            return []  # "the capture of X would open the road": not a fact
        if self.denial is not None and self.denial.start() < t.start():
            return []  # "Russia denied targeting civilians in X, saying its jets only hit ..."
        if _HISTORY_BEFORE.search(before):
            return []  # "which fighters have previously targeted": history, not news
        year = _YEAR_BEFORE.search(before) if _DIGIT.search(before[-6:]) else None
        published = self.state.article.published
        if year and published is not None and int(year.group(1)) < published.year:
            return []  # "the army's 2016 capture of Aleppo": history, not news
        if etype == "entry" and _OUTSKIRTS.match(self.s, t.end(), right):
            etype = "advance"  # "entered the outskirts of X": at the edge, not inside
        if etype in ("target", "advance") and _REPELLED.search(before[-60:]):
            return []  # "repelled a Russian assault on X", "repelled attempts to advance": a clash
        if etype in ("withdrawal", "entry") and _CIVILIANS.search(before[-80:]):
            return []  # "80,000 people had fled X", "aid trucks entered X": not the forces
        if etype == "target" and _AIR.search(self.s[left:right]):
            etype = "bombardment"  # "warplanes continue to target the towns of ..."
        near_before = before[-120:]
        if _STILL_HELD.search(near_before) and etype == "capture":
            return []  # "remain in control of X", "still controls X": no change of hands
        if INTENT_RX.search(near_before) and not (
            etype == "withdrawal" and _ORDERED.search(near_before)
        ):
            intent = re.search(
                r"\b(?:poised|trying|attempt\w*|bid|aim\w*|plan\w*|vow\w*|closer|close\s+to|verge"
                r"|prepar\w*|push|drive|seek\w*|want\w*)\b",
                near_before,
                re.I,
            )
            if etype in ("capture", "entry", "encirclement") and intent:
                etype, conf = "target", 0.55
            elif etype not in ("target", "advance"):  # "trying to advance towards X" is an advance
                return []
        progressive = t.group(0).split()[0].lower().endswith("ing")  # "are clearing"
        passive = (not progressive and bool(PASSIVE_RX.search(near_before))) or bool(
            re.match(r"(?:fell|fallen|under|in\s+(?:the\s+)?hands|came|come)", t.group(0), re.I)
        )
        places: list[Mention] = []
        if passive and (pat.place_before or EVENT_PATTERNS[etype].place_before):
            # "Atarib was targeted by Russian warplanes": a target turned bombardment
            rel = _RELATIVE.search(self.s, 0, t.start())
            if rel:  # "X, which lies 8 km west of Y, was shelled": the subject is X
                places = self.places_before(0, rel.start(), etype)
            else:
                places = self.places_before(left, t.start(), etype)
        if not places:
            places = self.places_after(pat, t.end(), right, etype)
        if not places and etype in ("capture", "entry", "encirclement", "bombardment"):
            ante = _WHICH_SUBJECT.search(self.s, 0, t.start())
            if ante:  # "Maarat al-Numan, which the army captured in January": the antecedent
                places = [m for m in self.towns if 0 <= ante.start() - (m.end - self.off) <= 1][-1:]
        if not places and pat.place_before and etype in ("clash", "bombardment"):
            places = self._located_before(left, t.start())
        reason = ""
        if not places and etype == "withdrawal" and _OF_ACTOR.match(self.s, t.end()):
            # "regained the city after the withdrawal of jihadists": from the town just named
            earlier = [m for m in self.towns if m.end - self.off <= t.start()]
            if earlier:
                places, conf = [earlier[-1]], conf - 0.1
                reason = "place from context: the town named before"
        if not places and etype == "withdrawal":
            lines = _FALLBACK_LINES.match(self.s, t.end(), right)
            first = self._first_place_at(lines.end(), right=right, max_gap=0) if lines else None
            if first is not None:  # "withdrew to more favourable positions west of X"
                places, conf = [first], conf - 0.1
                reason = "withdrawal to positions near the place"
        if not places and etype == "withdrawal" and _IN_THE_TOWN.search(self.s, 0, t.start()):
            # "the terrorists, who were positioned in the city, ... retreated north": from it
            earlier = [m for m in self.towns if m.end - self.off <= t.start()]
            focus = earlier[-1] if earlier else self.state.focus()
            if focus is not None:
                places, conf = [focus], conf - 0.15
                reason = "place from context: the town they were in"
        if not places:
            focus = self.anaphor(t.end(), right)
            if focus is not None:
                places, conf, reason = [focus], conf - 0.15, "place from context: the town named"
        if not places:
            self.unplaced.append(f"{etype} {t.group(0)!r}")
            if etype == "capture" and not passive and _IT.match(self.s, t.end(), right):
                self.bare_captures.append(t.start())
        hits = []
        direction = None
        prev_end = t.end()
        km: float | None = None
        km_text: str | None = None
        for m in places:
            if etype == "advance":  # "moving southeast of A and south of B"
                gap = self.s[prev_end : m.start - self.off]
                if DIRECTION_RX.search(gap):
                    direction = normalise_direction(gap)
                dist = DISTANCE_RX.search(gap) if prev_end == t.end() else None
                if dist is not None and direction is None:  # "advanced up to 1.5 km near X"
                    value = parse_number(dist.group("num"))
                    if value:
                        km = round(value * UNIT_KM[dist.group("unit").lower()], 3)
                        km_text = dist.group(0)
                prev_end = m.end - self.off
            hits.append(
                _Hit(
                    etype,
                    m,
                    t.start(),
                    t.end(),
                    conf,
                    clause_start=left,
                    passive=passive,
                    direction=direction,
                    reason=reason,
                    distance_km=km,
                    distance_text=km_text,
                )
            )
        return hits

    def _subject_place_before(self, left: int, t_start: int) -> bool:
        """True when a place (or "the town") is the subject right before ``t_start``."""
        head = self.s[left:t_start]
        if re.search(
            r"\b(?:bombs?|shells?|rockets?|missiles?|mortars?|projectiles?|drones?)\W*$", head, re.I
        ):
            return False
        if re.search(r"\b(?:town|city|village|stronghold|bastion)\s*$", head, re.I):
            return True
        return any(
            left <= m.start - self.off and 0 <= t_start - (m.end - self.off) <= 25
            for m in self.places
        )

    def _located_before(self, left: int, t_start: int) -> list[Mention]:
        for m in reversed(self.places):
            ms = m.start - self.off
            if ms < left or m.end - self.off > t_start or t_start - (m.end - self.off) > 60:
                continue
            if re.search(
                r"\b(?:in|near|at|around|outskirts\s+of|edges?\s+of)\s+(?:the\s+)?$",
                self.s[max(left, ms - 25) : ms],
                re.I,
            ):
                return [m]
        if re.search(r"\bin\s+the\s+(?:town|city|village)\b[^.;]{0,40}$", self.s[left:t_start]):
            # "in the town where ground battles raged": the town this sentence or story is about
            earlier = [m for m in self.towns if m.end - self.off <= t_start and m.place]
            focus = earlier[-1] if earlier else self.state.focus()
            return [focus] if focus is not None else []
        return []

    # -- reported distances ------------------------------------------------------------
    def distance_hits(self) -> list[_Hit]:
        hits: list[_Hit] = []
        low = self.s.lower()
        if not _DIGIT.search(self.s) and not any(u in low for u in _UNIT_WORDS):
            return hits  # no distance can be written here
        for d in DISTANCE_RX.finditer(self.s):
            tail = self.s[d.end() : d.end() + 3]
            if tail.startswith(("²", "2 ")) or re.search(r"square\s+$", self.s[: d.start()], re.I):
                continue
            if self.s[max(0, d.start() - 1) : d.start()] == "(":
                continue
            value = parse_number(d.group("num"))
            if value is None or value <= 0:
                continue
            km = value * UNIT_KM[d.group("unit").lower()]
            left, right = _clause_bounds(self.s, d.start(), d.end())
            if STATIC_RX.search(self.s[left : d.start()]):
                continue
            if self._appositive(d.start()):
                continue  # "Andriivka, about 10 km south of Bakhmut": where a place lies
            if not re.search(
                r"\b(?:forces|troops|fighters|army|units|soldiers|advanc\w*|clashes|fighting"
                r"|positions?|front|remained|away|within|reach\w*)\b",
                self.s,
                re.I,
            ):
                continue
            after = self.s[d.end() :]
            after = re.sub(r"^\s*\([^)]*\)", "", after)
            skipped = len(self.s) - d.end() - len(after)
            m_dir = re.match(
                r"\s*(?:to\s+the\s+|in\s+the\s+)?((?:north|south|east|west)(?:[\s-]?(?:north|south"
                r"|east|west))*(?:ern)?)\s+(?:of|from)\s+",
                after,
                re.I,
            )
            direction = None
            place: Mention | None = None
            pos = d.end() + skipped
            if m_dir:
                direction = normalise_direction(m_dir.group(1))
                pos += m_dir.end()
                place = self._first_place_at(pos, right=len(self.s))
                if place is None:
                    place = self.anaphor(pos, len(self.s))
            elif m_away := re.match(
                r"\s*away\b(?:\s+from\s+(?:the\s+(?:(?:city|town|village)\s+of\s+)?)?)?",
                after,
                re.I,
            ):
                direction = _direction_near(self.s, left, right) or _direction_near(
                    self.s, 0, len(self.s)
                )
                # "6 km away from Saraqeb": the place named; a bare "away": the story's place
                named = (
                    self._first_place_at(pos + m_away.end(), right=len(self.s), max_gap=0)
                    if "from" in m_away.group(0).lower()
                    else None
                )
                place = named or self.state.focus()
            elif m_of := re.match(
                r"\s*(?:of|from)\s+(?:the\s+(?:(?:city|town)\s+)?(?:cent(?:er|re)|outskirts"
                r"|edges?|entrances?|gates|heart)\s+of\s+"
                r"|the\s+(?:(?:key|strategic|frontline|embattled)\s+)?(?:city|town|village"
                r"|settlement)\s+of\s+)?",
                after,
                re.I,
            ):
                pos += m_of.end()
                place = self._first_place_at(pos, right=len(self.s)) or self.anaphor(
                    pos - 1, len(self.s)
                )
            elif re.match(r"\s*(?:remained|left|remain|remaining)\b.{0,20}\breach", after, re.I):
                place = self._first_place_at(pos, right=len(self.s), max_gap=6)
            if place is None or place.start in self.state.regions:
                continue  # no anchor, or a road or province: no point to project from
            hits.append(
                _Hit(
                    "advance",
                    place,
                    d.start(),
                    d.end(),
                    0.75 if direction else 0.6,
                    distance_km=round(km, 3),
                    distance_text=d.group(0),
                    direction=direction,
                )
            )
        return hits

    def _appositive(self, pos: int) -> bool:
        """True when the distance at ``pos`` follows "<place>, (about)": it places that place."""
        head = self.s[max(0, pos - 40) : pos]
        m = re.search(
            r",\s*(?:(?:about|some|around|roughly|approximately|nearly|just|only|located"
            r"|situated|lying)\s+)*$",
            head,
        )
        if not m:
            return False
        comma = pos - len(head) + m.start()
        if any(0 <= comma - (p.end - self.off) <= 2 for p in self.places):
            return True
        # "the town, ..." or a name the gazetteer lacks ("Klishchiivka, ..."), not "Tuesday, ..."
        found = re.search(r"([\w’'-]+)\s*$", self.s[max(0, comma - 30) : comma])
        word = found.group(1) if found else ""
        return word.lower() in ("town", "city", "village") or (
            word[:1].isupper() and word.lower() not in COMMON_WORDS
        )

    def _first_place_at(self, pos: int, *, right: int, max_gap: int = 2) -> Mention | None:
        for m in self.places:
            ms = m.start - self.off
            if ms >= pos and m.end - self.off <= right:
                if len(re.findall(r"\w+", self.s[pos:ms])) <= max_gap:
                    return m
                return None
        return None


#: A place of a list ("captured A, B, C and D") this far from the list's middle is doubtful.
LIST_SPREAD_KM = 40.0
#: Types whose lists are one stretch of front (strikes and clashes may span a whole country).
_GROUND_TYPES = frozenset({"capture", "entry", "withdrawal", "encirclement"})
#: Lists shorter than this have no middle to judge by.
_MIN_LIST = 3


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (a sphere is plenty for a 40 km test)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _doubt_outliers(hits: list[_Hit]) -> list[_Hit]:
    """Mark the places of a ground event's list that lie far from the list's other places.

    The places one capture, entry, withdrawal or encirclement lists ("liberated the villages of
    A, B, C and D") are neighbours; a member resolved more than :data:`LIST_SPREAD_KM` from the
    list's median point is most likely a namesake elsewhere, so its event goes to the unresolved
    report, not the map.
    """
    groups: dict[tuple[str, int], list[int]] = {}
    for i, h in enumerate(hits):
        if (
            h.type in _GROUND_TYPES
            and h.place.lat is not None
            and h.place.lon is not None
            and h.distance_km is None
        ):
            groups.setdefault((h.type, h.trigger_start), []).append(i)
    out = list(hits)
    for idxs in groups.values():
        if len(idxs) < _MIN_LIST:
            continue
        lat = statistics.median(hits[i].place.lat or 0.0 for i in idxs)
        lon = statistics.median(hits[i].place.lon or 0.0 for i in idxs)
        for i in idxs:
            m = hits[i].place
            far = _km(lat, lon, m.lat or 0.0, m.lon or 0.0)
            if far > LIST_SPREAD_KM:
                out[i] = dc_replace(
                    hits[i], doubt=f"place doubtful: {far:.0f} km from the other places listed"
                )
    return out


def _bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from point 1 to point 2, degrees clockwise from north."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360


def _doubt_wrong_side(hits: list[_Hit], sent: Sentence, mentions: Sequence[Mention]) -> list[_Hit]:
    """Mark places that contradict the sentence's own geography.

    "captured A, B and C, which are all south of Y": a listed place resolved north of Y is a
    namesake elsewhere (more than 90 degrees off the stated direction).
    """
    rel = _STATED_SIDE.search(sent.text)
    assert rel is not None
    direction = normalise_direction(rel.group("dir"))
    anchor = next(
        (
            m
            for m in mentions
            if m.start - sent.start >= rel.end() - 1 and m.place is not None and m.role == "place"
        ),
        None,
    )
    if direction is None or anchor is None or anchor.start - sent.start > rel.end() + 40:
        return hits
    want = bearing_of(direction)
    out = []
    for h in hits:
        m = h.place
        if (
            m.place is not None
            and m.lat is not None
            and m.lon is not None
            and m.end - sent.start <= rel.start()
            and m is not anchor
            and h.distance_km is None
        ):
            got = _bearing(anchor.lat or 0.0, anchor.lon or 0.0, m.lat, m.lon)
            off = abs((got - want + 180) % 360 - 180)
            if off > 90:
                h = dc_replace(
                    h, doubt=f"place doubtful: not {direction} of {anchor.surface} as stated"
                )
        out.append(h)
    return out


def _make_event(
    hit: _Hit,
    sent: Sentence,
    dres: DateResolution,
    actor: str | None,
    killed: dict[str, int],
    article: Article,
) -> Event:
    place = hit.place
    lat, lon = place.lat, place.lon
    reasons = [hit.reason] if hit.reason else []
    if hit.doubt:
        lat = lon = None
        reasons.append(hit.doubt)
    elif place.place is not None and place.reason in _LOOSE_MATCH and place.score < ANCHOR_SCORE:
        # a weak look-alike spelling: the event goes to the unresolved report, not the map
        lat = lon = None
        reasons.append(f"place uncertain: look-alike {place.place.name!r} ({place.score:.2f})")
    if (
        hit.distance_km is not None
        and hit.direction is not None
        and lat is not None
        and lon is not None
    ):
        lon, lat = project(lon, lat, hit.distance_km, bearing_of(hit.direction))
    if place.place is None:
        reasons.append(f"place not resolved: {place.reason}")
    if dres.date is None:
        reasons.append(f"date unknown: {dres.reason or 'no date phrase'}")
    return Event(
        article_id=article.id,
        type=hit.type,
        actor=actor,
        place=place,
        evidence=sent.text,
        start=sent.start,
        end=sent.end,
        date=dres.date,
        date_end=dres.date_end,
        date_text=dres.text,
        date_precision=dres.precision,
        date_basis=dres.basis if dres.date else None,
        distance_km=hit.distance_km,
        distance_text=hit.distance_text,
        direction=hit.direction,
        lat=lat,
        lon=lon,
        killed=killed,
        confidence=round(min(1.0, hit.confidence + (0.1 if place.place else -0.1)), 3),
        reason="; ".join(reasons),
        source=article.source,
        url=article.url,
        title=article.title,
        published=article.published,
    )


def _headline_sentences(sentences: Sequence[Sentence], title: str | None) -> set[int]:
    """Sentences that are headlines: the title, or a short early line with no full stop."""
    out = set()
    for k, s in enumerate(sentences[:3]):
        words = len(s.text.split())
        if (title and s.text.strip() == title.strip()) or (
            s.paragraph <= 1 and words <= _HEADLINE_MAX_WORDS and not s.text.rstrip().endswith(".")
        ):
            out.add(k)
    return out


def extract_events(
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    *,
    problems: list[str] | None = None,
) -> list[Event]:
    """The events of one article, in text order, deduplicated.

    Two triggers reporting the same type at the same place by the same actor on the same date
    are one event (the first, most explicit sentence is kept). Headline events are kept only
    when the body does not report them.
    """
    text = article.text
    war = war_of(text)
    state = _State(article, text, war, regions=region_starts(mentions, text))
    headlines = _headline_sentences(sentences, article.title)
    by_sentence: list[list[Mention]] = [[] for _ in sentences]
    k = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while k + 1 < len(sentences) and sentences[k].end <= m.start:
            k += 1
        if sentences and sentences[k].start <= m.start < sentences[k].end + 1:
            by_sentence[k].append(m)
    events: list[Event] = []
    headline_events: list[Event] = []
    unplaced: list[str] = []
    for order, sent in enumerate(sentences):
        ms = by_sentence[order]
        dates = find_dates(sent.text, article.published) if len(sent.text) < 5000 else []
        ex = _SentenceExtractor(sent, ms, state)
        hits = _doubt_outliers(ex.distance_hits() + ex.trigger_hits())
        if hits and _STATED_SIDE.search(sent.text):
            hits = _doubt_wrong_side(hits, sent, ms)
        unplaced.extend(f"{u} (sentence {order + 1})" for u in ex.unplaced)
        actors: list[ActorMatch] = find_actors(sent.text, war=war, generic=True) if hits else []
        killed = find_killed(sent.text, war=war) if hits else {}
        if (
            not hits
            and re.search(r"\b(?:clash\w*|fighting|battles?)\b", sent.text, re.I)
            and find_killed(sent.text, war=war)
        ):
            focus = state.focus()
            if focus is not None:
                hits = [_Hit("clash", focus, 0, 0, 0.45, reason="place from context: focus")]
                killed = find_killed(sent.text, war=war)
                actors = find_actors(sent.text, war=war, generic=True)
        seen_here: set[tuple[str, int]] = set()
        used: list[DateResolution] = []
        for hit in sorted(hits, key=lambda h: h.trigger_start):
            if (hit.type, hit.place.start) in seen_here:
                continue
            if (
                hit.type == "advance"
                and hit.distance_km is None
                and any(
                    _place_key(h.place) == _place_key(hit.place)
                    and (h.distance_km is not None or h.type in ("capture", "entry"))
                    for h in hits
                )
            ):
                continue  # the distance, or the entry into the place, says more
            seen_here.add((hit.type, hit.place.start))
            of_actor = (
                _OF_ACTOR.match(sent.text, hit.trigger_end)
                if hit.trigger_end > hit.trigger_start
                else None
            )
            after = [
                a
                for a in actors
                if of_actor is not None and hit.trigger_end <= a.start < of_actor.end()
            ]
            actor_m = (
                after[0]  # "the withdrawal of jihadists": the noun's own actor
                if after
                else nearest_actor(
                    # "Drones attacked Moscow": the capital that is the place is not the actor
                    [
                        a
                        for a in actors
                        if not (
                            a.start < hit.place.end - sent.start
                            and hit.place.start - sent.start < a.end
                        )
                    ],
                    hit.trigger_start,
                    clause_start=hit.clause_start,
                    passive=hit.passive,
                    sentence=sent.text,
                )
            )
            if hit.type == "withdrawal" and not after:
                poss = _THEIR.search(sent.text, 0, hit.trigger_start)
                owners = [a for a in actors if poss and a.side != GENERIC and a.end <= poss.start()]
                if owners:  # "losses upon the terrorists ... before their retreat": theirs
                    actor_m = owners[-1]
            if hit.type == "capture" and _HELD_BY.match(sent.text, hit.trigger_start):
                held = [
                    a
                    for a in actors
                    if a.side != GENERIC
                    and hit.trigger_start <= a.start
                    and a.end <= hit.trigger_end + 30
                ]
                if held:  # "under rebel control", "fell into the hands of the army": the holder
                    actor_m = held[0]
            nominal = False
            if (
                not after
                and actor_m is not None
                and actor_m.start >= hit.trigger_end
                and re.search(r"\b(?:the|its|their)\s+$", sent.text[: hit.trigger_start], re.I)
                and not re.search(r"\bby\s+(?:the\s+)?$", sent.text[: actor_m.start])
            ):
                actor_m = None  # "The liberation of X ... the offensive of the Kiev regime"
                nominal = True
            actor = _side(actor_m, actors, hit, state, sent.text)
            if (
                hit.type == "bombardment"
                and war == "syria"
                and actor in ("opposition", None)
                and (actor_m is None or actor_m.side == GENERIC)
                and _AIRCRAFT.search(sent.text)
            ):
                actor = "government"  # unnamed warplanes over Syria: the opposition has none
            if nominal and hit.type == "capture" and state.last_capturer:
                actor = state.last_capturer  # who has been taking places in this story
            if hit.type == "capture" and actor:
                state.last_capturer = actor
            dres = _date_for(sent, dates, hit, state)
            used.append(dres)
            ev = _make_event(hit, sent, dres, actor, killed if hit.type == "clash" else {}, article)
            (headline_events if order in headlines else events).append(ev)
            if actor:
                state.last_actor = actor
        if not actors and _ACTOR_HINT.search(sent.text):
            actors = find_actors(sent.text, war=war)
        named = [a for a in actors if a.side != GENERIC and is_agent(a, sent.text)]
        if named and not hits:  # an actorless next sentence continues this one's story
            state.last_actor = named[0].side
        state.note(ms, order)
        if any(d.resolved for d in dates) or used:
            state.carried = _carry(dates, used)
    if problems is not None and unplaced:
        shown = "; ".join(unplaced[:5]) + (
            f"; and {len(unplaced) - 5} more" if len(unplaced) > 5 else ""
        )
        problems.append(f"{article.id}: {len(unplaced)} {UNPLACED_NOTE}, so no event: {shown}")
    return _dedupe(events, headline_events)


def _side(
    actor_m: ActorMatch | None, actors: list[ActorMatch], hit: _Hit, state: _State, s: str
) -> str | None:
    """The side of an event: its actor's, or for "troops"/"they" the story's subject.

    The story's subject is the first named actor of the sentence before the trigger, else the
    side of the article's last reported actor.
    """
    if actor_m is None:
        return state.last_actor
    if actor_m.side != GENERIC:
        return actor_m.side
    before = [
        a for a in actors if a.side != GENERIC and a.end <= hit.trigger_start and is_agent(a, s)
    ]
    if before and before[0].start < actor_m.start:
        return before[0].side
    return state.last_actor


def _carry(dates: list[DateResolution], used: list[DateResolution]) -> DateResolution | None:
    """What the next sentence inherits as its date.

    This sentence's last day-precision phrase that is not a "since ..." phrase; or, for a
    sentence without one, the context date its events used.
    """
    own = [d for d in dates if d.resolved and d.precision == "day" and not d.since]
    if own:
        return own[-1]
    chained = [d for d in used if d.basis == "context"]
    return chained[-1] if chained else None


#: Two reports of one type at one place further apart than this are two events.
_SAME_EVENT_DAYS = 7


def _other_time(a: Event, b: Event) -> bool:
    """True when ``b`` dates itself explicitly, by day, far from ``a``'s date."""
    if a.date is None or b.date is None or b.date_text is None:
        return False
    if "day" not in (a.date_precision, b.date_precision):
        return False
    return abs((a.date - b.date).days) > _SAME_EVENT_DAYS


def _dedupe(events: list[Event], headline_events: list[Event]) -> list[Event]:
    """One event per (type, place, distance); headline events only for a bare body.

    Two reports of one type at one place are one event, unless both name different sides
    ("rebels captured X earlier this month" and "the army recaptured X"), or the repeat dates
    itself explicitly more than a week from the kept one ("captured heights near X on February
    16" beside a capture in X reported on March 8). When a repeat carries an explicit date phrase
    and the kept event does not, the repeat replaces it.
    """
    out: list[Event] = []
    index: dict[tuple[str, str, float | None], list[int]] = {}
    clash_at: dict[str, int] = {}
    for ev in events:
        assert ev.place is not None
        if ev.type == "clash" and ev.reason.startswith("place from context"):
            k = clash_at.get(_place_key(ev.place))
            if k is not None:  # casualties of a clash already reported at that place
                out[k] = dc_replace(out[k], killed={**ev.killed, **out[k].killed})
                continue
        key = (ev.type, _place_key(ev.place), ev.distance_km)
        kept = index.setdefault(key, [])
        kept = [k for k in kept if not _other_time(out[k], ev)]
        same = [k for k in kept if out[k].actor == ev.actor or ev.actor is None]
        if kept and (same or out[kept[0]].actor is None):
            k = (same or kept)[0]
            if out[k].date_text is None and ev.date_text is not None:
                out[k] = ev
            continue
        index[key].append(len(out))
        if ev.type == "clash":
            clash_at.setdefault(_place_key(ev.place), len(out))
        out.append(ev)
    measured = {
        (_place_key(ev.place), ev.date)
        for ev in out
        if ev.type == "advance"
        and ev.distance_km is not None
        and ev.direction is not None
        and ev.place is not None
    }
    # "advancing towards X" and "now 4 km west of X" the same day: one movement, measured
    out = [
        ev
        for ev in out
        if not (
            ev.type == "advance"
            and ev.distance_km is None
            and ev.place is not None
            and (_place_key(ev.place), ev.date) in measured
        )
    ]
    if not out:
        seen: set[tuple[str, str]] = set()
        for ev in headline_events:
            assert ev.place is not None
            if (ev.type, _place_key(ev.place)) not in seen:
                seen.add((ev.type, _place_key(ev.place)))
                out.append(ev)
    return out
