"""The event-type registry: each type with its trigger patterns and how its place is found.

``EVENT_PATTERNS`` maps every type in :data:`mapper.model.EVENT_TYPES` to an
:class:`EventPattern`. A test guards that the registry covers every type and that each type has
its own test. Patterns are written for how real dispatches report things (AFP, SANA, Al-Masdar,
Reuters, Ukrainian and Russian outlets), never for particular texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "EVENT_PATTERNS",
    "EventPattern",
    "INTENT_RX",
    "PASSIVE_RX",
    "STATIC_RX",
]


@dataclass(frozen=True, slots=True)
class EventPattern:
    """How one event type is recognised.

    ``trigger`` matches the verb or noun; ``place_after``/``place_before`` say where its place
    may be (object after the verb; subject before a passive verb); ``preps`` are the prepositions
    that must link a trigger to a place after it (None: the place may follow directly);
    ``confidence`` is the base confidence of a hit.
    """

    type: str
    trigger: re.Pattern[str]
    place_after: bool = True
    place_before: bool = False
    preps: re.Pattern[str] | None = None
    confidence: float = 0.7
    #: Lower-case substrings of which every trigger match contains one: a sentence holding
    #: none is skipped without running ``trigger`` (a test keeps them complete).
    stems: tuple[str, ...] = ()


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_CONTROL = r"(?:full\s+|complete\s+|total\s+|effective\s+)?(?:control|charge|hold)\s+(?:of|over)"
_TAKE = (
    r"(?:took|taken|take|takes|taking|gained|gain|gains|gaining|established|establish|"
    r"establishing|regained|regain|regains|regaining|retook|retake|retaken|retaking|seized|"
    r"claimed|claims|claiming|"
    r"imposed|imposing|impose|imposes|wrested)"
)

EVENT_PATTERNS: dict[str, EventPattern] = {
    "capture": EventPattern(
        "capture",
        _rx(
            r"\b(?:(?:liberated|captured|seized|recaptured|regained)\s+(?:areas|towns|villages"
            r"|localities|positions|places)\s+(?:included|include|includes|were|are)"
            rf"|{_TAKE}\s+(?:the\s+|their\s+|its\s+)?{_CONTROL}|(?:took|taken|take|taking)\s+over"
            r"|(?:now\s+)?in\s+(?:full\s+|complete\s+)?control\s+of"
            r"|seiz(?:e|ed|es|ing)|(?:re)?captur(?:e|ed|es|ing)|liberat(?:e|ed|es|ing|ion\s+of)"
            r"|conquer(?:ed|ing|s)?|overr(?:an|un|unning)|occupied|occupy(?:ing)?|secured"
            r"|retook|retak(?:e|en|ing)|recaptur\w*|(?:fell|fallen)\s+(?:in)?to"
            r"|(?:took|taken|taking)(?=\s+(?:the|several|a|two|three|four|five|\d|dozens))"
            r"|(?:now|fully|completely|effectively)\s+control(?:s|led)?(?-i:(?=\s+(?:the\s+)?[A-Z]))"
            r"|fell(?=\s+(?:on|after|overnight|yesterday|late|early|last|this|in\s+(?:the\s+)?"
            r"(?:early|late)|\w+day\b)|\s*[.,;])"
            r"|(?:took|taken|retook|retaken)(?-i:(?=\s+(?:al-|el-)?[A-Z]))"
            # "..., taking Kafr Sajna and Madaya": a participle after a comma
            r"|(?<=,\s)(?:taking|retaking)(?-i:(?=\s+(?:al-|el-)?[A-Z]))"
            # "under rebel/its/full control" (a bare "the situation is under control" is not)
            r"|(?:now\s+)?under\s+(?:the\s+)?(?:[\w’']+\s+){1,3}?control"
            r"|the\s+fall\s+of|(?:back|now)\s+in\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?hands"
            # "pushed Ukrainian forces out of X": the subject took X
            r"|(?:pushed|drove|forced|expelled|ousted|kicked|chased|dislodged|evicted)\s+(?:the\s+)?"
            # the words between are a side, not a heading ("pushed north from X" is no capture)
            r"(?:(?!(?:north|south|east|west|further|farther|deeper|forward|back|ahead|on|off"
            r"|inland|onward)\w*\s)[\w’'-]+\s+){1,3}?(?:out\s+of|from)(?=\s)"
            r"|restor(?:e|ed|es|ing)\s+(?:security|stability|control)(?:\s+and\s+\w+)?"
            r"(?:\s+\w+){0,3}?\s+(?:to|in|over)"
            r"|clear(?:ed|ing)|cleans(?:e|ed|ing)|purg(?:e|ed|ing))\b"
        ),
        place_before=True,
        confidence=0.8,
        stems=(
            "liberat",
            "push",
            "drove",
            "forced",
            "expell",
            "ousted",
            "kicked",
            "chased",
            "dislodg",
            "evict",
            "captur",
            "seiz",
            "control",
            "charge",
            "hold",
            "took",
            "tak",
            "gain",
            "establish",
            "impos",
            "wrest",
            "conquer",
            "overr",
            "occup",
            "secur",
            "fell",
            "fallen",
            "fall",
            "hands",
            "restor",
            "clear",
            "cleans",
            "purg",
        ),
    ),
    "entry": EventPattern(
        "entry",
        _rx(
            r"\b(?:entered|enter(?:s|ing)?|storm(?:ed|ing|s)?|broke\s+into|break(?:s|ing)?\s+into"
            r"|march(?:ed|es|ing)?\s+into|moved\s+into|pushed\s+into|(?:rolled|drove|driven|rumbled)\s+into|advanced\s+into|penetrat(?:ed|ing)"
            r"|made\s+(?:their|its)\s+way\s+into"
            r"|(?:established|establish|gained|gain|secured|won|holds?|held)\s+(?:a\s+)?foothold)\b"
        ),
        confidence=0.75,
        stems=(
            "enter",
            "storm",
            "broke",
            "break",
            "march",
            "rolled",
            "drove",
            "driven",
            "rumbled",
            "moved",
            "pushed",
            "penetrat",
            "foothold",
            "made",
            "advanced",
        ),
    ),
    "advance": EventPattern(
        "advance",
        _rx(
            r"\b(?:advanc(?:e|ed|es|ing)|moving|moved(?=\s+(?:into|towards?|closer|to\b))|progress(?:ed|ing)?|push(?:ed|ing)"
            r"|press(?:ed|ing|es)?(?=\s+(?:on\s+)?(?:towards?|toward|into)\b)"
            r"|press(?:ed|ing|es)?\s+on(?-i:(?=\s+[A-Z]))"  # "pressing on Bakhmut"
            r"|head(?:ed|ing)(?=\s+(?:towards?|toward)\b)"
            r"|(?:made|make|makes|making|achieved|reported)\s+(?:[\w-]+\s+){0,2}?gains"
            r"|(?:fought|battled|forced|fighting|battling)\s+(?:their|its)\s+way"
            r"|gain(?:ed|ing|s)?\s+ground|closing\s+in"
            # "regained positions near X", "improved its tactical position near X"
            r"|(?:regained|recaptured|retook|took|seized|captured|improved)\s+(?:(?:its|their|some"
            r"|several|new|lost|the)\s+)?(?:tactical\s+)?(?:positions?|situation)"
            r"(?=\s+(?:near|around|in|on|at|outside|(?:north|south|east|west)\w*\s+of)\b)"
            # "broke through Ukrainian defences near X"
            r"|(?:broke|broken|break|breaks|breaking)\s+through\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?"
            r"(?:defen[cs]es|lines|positions|front)|approach(?:ed|ing)|reach(?:ed|ing)?"
            r"|(?:are|is|were|was)\s+(?:now\s+)?within"
            r"|(?:reached|reaching|arrived\s+at|(?:are|is|were|was|become|became)\s+(?:now\s+)?(?:on|at))"
            r"\s+the\s+(?:outskirts|edges?|gates|doorstep)\s+of)\b"
        ),
        preps=_rx(
            # "advanced (up to) two kilometres near X": a distance may come first
            r"^\s*(?:(?:by\s+|up\s+to\s+|about\s+|some\s+|nearly\s+|almost\s+|over\s+"
            r"|more\s+than\s+)*[\w.,-]+\s*(?:km|kilomet(?:er|re)s?|miles?|met(?:er|re)s)\s+)?"
            r"(?:(?:forward|ahead|further|deeper)\s+)?"  # "pushed forward near X"
            r"(?:(?:on|into|in|to|towards?|toward|near|around|at|the\s+outskirts\s+of"
            r"|(?:(?:to\s+the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)"
            r"(?:of|from)?)\s+"
            r"|\s*(?-i:(?=[A-Z]|(?:al|el|an|ar|as|ash|ad|at|az)-)))"  # "reached Saraqeb"
        ),
        confidence=0.6,
        stems=(
            "advanc",
            "position",
            "head",
            "broke",
            "break",
            "press",
            "moving",
            "fought",
            "fighting",
            "battl",
            "forced",
            "moved",
            "progress",
            "push",
            "gain",
            "closing",
            "approach",
            "reach",
            "within",
            "arrived",
            "outskirts",
            "edge",
            "gates",
            "doorstep",
        ),
    ),
    "encirclement": EventPattern(
        "encirclement",
        _rx(
            r"\b(?:encircl(?:e|ed|es|ing)|surround(?:ed|s|ing)?|besieg(?:e|ed|es|ing)"
            r"|blockad(?:e|ed|es|ing)|(?:laid|lay|lays|laying)\s+siege\s+to|under\s+siege"
            r"|cut\s+off)\b"
        ),
        place_before=True,
        confidence=0.75,
        stems=(
            "encircl",
            "surround",
            "besieg",
            "blockad",
            "siege",
            "cut",
        ),
    ),
    "target": EventPattern(
        "target",
        _rx(
            r"\b(?:targeting|targets|targeted|target|closer\s+to|push\s+on|drive\s+on"
            r"|stepping[-\s]stone\s+(?:towards?|to|for)|(?:poised|preparing|trying|bid|aim(?:ing)?"
            r"|attempt(?:ing)?|plan(?:ning|s)?|vow(?:ed|s)?|seek(?:ing|s)?|set)\s+to"
            r"\s+(?:re)?(?:take|capture|storm|enter|seize|recapture|clear|reach)"
            r"|on\s+the\s+verge\s+of\s+(?:re)?(?:taking|capturing|seizing|recapturing)"
            r"|(?:offensive|assault|push|march|operation)\s+(?:on|against|towards?|to\s+capture))\b"
        ),
        confidence=0.6,
        stems=(
            "target",
            "closer",
            "push",
            "drive",
            "stepping",
            "poised",
            "prepar",
            "trying",
            "bid",
            "aim",
            "attempt",
            "plan",
            "vow",
            "seek",
            "set",
            "verge",
            "offensive",
            "assault",
            "march",
            "operation",
        ),
    ),
    "clash": EventPattern(
        "clash",
        _rx(
            r"\b(?:clash(?:es|ed|ing)?|fighting|fought|battl(?:e|es|ed|ing)|skirmish(?:es)?"
            r"|firefights?|gunfights?|combats?|engaged|repel(?:led|ling|s)?|repuls(?:ed|ing)"
            r"|(?:thwart|foil)(?:ed|ing|s)?"
            r"|counter-?attack(?:s|ed|ing)?|counter-?offensives?|assaults?\s+(?:near|on)"
            r"|(?:ground|infantry|offensive)\s+(?:attacks?|assaults?|operations)|ambush(?:ed|es)?"
            r"|(?:holding|held|hold|holds)\s+back|(?:fend|fended|fending|beat|beating|beaten|fought)"
            r"\s+(?:back|off)"
            r"|attack(?:s|ed|ing)?(?=\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten"
            r"|several|many)\s+times\b)"
            r"|attack(?:s|ed|ing)?(?=\s+(?:near|around|in\s+the\s+(?:direction|area)\s+of"
            r"|(?:[\w’'-]+\s+){0,4}?(?:positions?|posts?|checkpoints?|lines|defen[cs]es)\s+"
            r"(?:near|in|around|at|on\s+the\s+outskirts\s+of)\b)))\b"
        ),
        place_before=True,
        preps=_rx(
            # "broke out between the SDF and Turkish-backed factions on the outskirts of X"
            r"^\s*(?:[\w’'-]+\s+){0,3}?between\s+(?:[\w’'-]+\s+){1,7}?"
            r"(?:in|near|around|at|on|inside|outside)\s+(?:the\s+)?"
            r"(?:(?:outskirts|edges?|entrances?|vicinity|axis|axes|countryside)\s+of\s+)?"
            r"|^\s*(?:[\w’'-]+\s+){0,6}?(?:in|near|around|at|for|on|inside|outside|over|towards?"
            r"|(?:the\s+)?(?:outskirts|edges?|entrances?|vicinity|axis|axes|countryside)\s+of"
            r"|(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)(?:of|from))\s+"
        ),
        confidence=0.55,
        stems=(
            "clash",
            "ambush",
            "hold",
            "held",
            "fend",
            "beat",
            "fight",
            "fought",
            "battl",
            "skirmish",
            "combat",
            "engaged",
            "repel",
            "repuls",
            "thwart",
            "foil",
            "counter",
            "assault",
            "attack",
            "operation",
        ),
    ),
    "bombardment": EventPattern(
        "bombardment",
        _rx(
            r"\b(?:shell(?:ed|ing|s)?|bombard(?:ed|ing|ment|ments|s)?|bomb(?:ed|ing|ings|s)"
            r"|air\s*strikes?|airstrikes?|air\s+raids?|strikes?\s+on|(?:missile|rocket|drone|artillery)"
            r"\s+(?:fire|attacks?|attaks?|strikes?)|struck|pounded|pounding|hit|hitting"
            r"|pummel(?:l?ed|l?ing|s)?|blasted|rained\s+(?:down\s+)?(?:[\w-]+\s+){0,2}?on"
            # "attacked Kyiv with missiles": an attack by fire, not on the ground
            r"|(?:came|come|comes|coming)\s+under\s+(?:[\w-]+\s+){0,2}?(?:fire|attack|shelling"
            r"|bombardment|air\s*strikes|missile\s+attack|drone\s+attack)"
            r"|explosions?\s+(?:rocked|rock|shook|shake|rang\s+out\s+(?:in|over|across)"
            r"|(?:were|was)\s+heard\s+(?:in|over|across))"
            r"|(?:drones?|missiles?|rockets?|warplanes|jets)\s+(?:also\s+|again\s+)?attack(?:ed|s)"
            r"|attack(?:ed|s|ing)?(?=\s+(?:[\w’'-]+\s+){0,4}?with\s+(?:[\w-]+\s+){0,3}?"
            r"(?:missiles?|drones?|rockets?|artillery|shells?|bombs?|mortars?)\b))\b"
        ),
        place_before=True,
        preps=_rx(
            r"^\s*(?:[\w’'-]+\s+){0,8}?(?:on|in|near|at|against|around|targeting|hit|hitting"
            r"|(?:the\s+)?(?:outskirts|edges?|vicinity|region|countryside)\s+of)\s+"
            r"|^\s*of\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?"  # "the shelling of X"
            r"|^\s*(?:the\s+)?(?:(?:[\w’'-]+\s+){0,2}?(?:towns?|villages?|cit(?:y|ies)|positions?"
            r"|areas?)\s+(?:of\s+)?)?"
            r"(?-i:(?=[A-Z]|(?:al|el|an|ar|as|ash|ad|at|az)-))"
        ),
        confidence=0.6,
        stems=(
            "shell",
            "bomb",
            "air",
            "strike",
            "missile",
            "rocket",
            "drone",
            "artillery",
            "struck",
            "explosion",
            "came",
            "come",
            "warplanes",
            "jets",
            "pound",
            "pummel",
            "blasted",
            "rained",
            "hit",
            "attack",
        ),
    ),
    "withdrawal": EventPattern(
        "withdrawal",
        _rx(
            r"\b(?:withdr[ae]w(?:n)?|withdrawing|withdrawal|pull(?:ed|ing|s)?\s+(?:out|back)"
            r"|pullback|retreat(?:ed|ing|s)?|fled|fleeing|abandon(?:ed|ing|s)?|evacuat(?:ed|ing)"
            r"|driven\s+out|forced\s+out|left|lost\s+(?:full\s+)?control\s+(?:of|over))\b"
        ),
        place_before=True,
        preps=_rx(
            r"^\s*(?:(?:out\s+)?(?:of|from)\s+|(?:the\s+)?(?-i:(?=[A-Z]))"
            r"|the\s+(?:town|city|village)\b)"
        ),
        confidence=0.65,
        stems=(
            "withdr",
            "pull",
            "retreat",
            "fled",
            "flee",
            "abandon",
            "evacuat",
            "driven",
            "forced",
            "left",
            "lost",
        ),
    ),
}

#: A trigger preceded by one of these is an intention, not a fact (-> target or nothing).
INTENT_RX = _rx(
    r"\b(?:poised|trying|tried|attempt\w*|bid|aim\w*|plan\w*|vow\w*|seek\w*|sought|verge|closer"
    r"|close\s+to"
    r"|(?:un)?likely|unable|incapable|chances?|possibl[ey]|possibility"
    r"|objective|goal"
    r"|prepar\w*|want\w*|hop\w*|fail\w*|threat\w*|intend\w*|order\w*|expect\w*|could|would"
    r"|den(?:y|ied|ies|ying)|might|(?<!\d\s)(?-i:may)(?!\s+\d)|will|if|unless|avoid|to\s+avoid|in\s+order|efforts?)\b"
    r"[^.;]{0,40}$"
    r"|\b(?:push|drive|campaign|offensive)\b[^.;]{0,40}\bto\s+$"
)
#: "was/were/been ... <trigger>" -> the subject before the verb is the place.
PASSIVE_RX = _rx(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+\s+){0,2}$")
#: Geographic statements, not movements ("X, which lies 11 km east of Y").
STATIC_RX = _rx(
    r"\b(?:lies|lie|lying|located|situated|sits|is\s+about|are\s+all|which\s+(?:is|are)"
    r"|population|border\s+with)\b"
)
