"""Who did it: actor phrases normalised to sides (government, opposition, russia, turkey, ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "ACTOR_PATTERNS",
    "CONTEXTUAL",
    "GENERIC",
    "WAR_OPPONENTS",
    "WAR_SIDES",
    "FORCES",
    "PEOPLE",
    "ActorMatch",
    "find_actors",
    "is_agent",
    "names_a_side",
    "nearest_actor",
    "opponent",
]

#: Words for a fighting force, of whatever side ("KIA fighters", "an army convoy").
#: A people named alone as a side ("the Somalis", "the Iranians", "Israelis").
PEOPLE = re.compile(r"^(?:[Tt]he\s+)?(?P<name>[A-Z][a-z]{2,}(?:ians|ans|is|ites))\b(?!\s+\w)")
FORCES = re.compile(
    r"\b(?:forces?|troops?|units?|fighters?|army|armies|militias?|soldiers?|rebels?"
    r"|brigades?|battalions?|militants?|insurgents?|gunmen|guerrillas?|jihadists?|islamists?"
    r"|separatists?|paramilitar(?:y|ies)|defenders?|militiamen|mercenaries|police(?:men)?"
    r"|gendarmes?|garrisons?"
    # units and arms by name: "the column", "Northern Alliance tanks", "American armour"
    r"|columns?|tanks?|armou?r|cavalry|infantry|vanguard|spearheads?|patrols?|squadrons?"
    r"|divisions?|regiments?|detachments?|legions?|marines|paratroopers?|commandos?"
    r"|hussars|dragoons|lancers|cossacks|uhlans|riflemen|sepoys|zouaves|janissaries"
    r"|legionnaires|legionaries|partisans)\b",
    re.I,
)

#: Armed groups named alone, without a force word ("the Taliban took X", "M23 seized Y"): a
#: side, never a place (GeoNames gives a Turkish town the alternate name "Taliban").
ARMED_GROUPS = (
    r"Taliban|Hamas|Hezbollah|Houthis?|Ansar\s+Allah|Boko\s+Haram|Tatmadaw|Wazalendo"
    r"|Janjaweed|(?:al[- ])?Shabaa?b|Shebab|Daesh|ISIS|ISIL|M23|TPLF|JNIM|PKK|YPG|SDF|Fano"
)

#: Side -> phrases (regular expressions, matched case-insensitively on word boundaries).
#: Order matters inside the combined pattern: longer, more specific phrases first.
ACTOR_PATTERNS: dict[str, list[str]] = {
    "opposition": [
        r"turkish[- ]backed(?:\s+\w+)?",
        r"pro[- ]turkish(?:\s+\w+)?",
        r"rebels?",
        r"jihadists?",
        r"jihadist(?:\s+(?:and\s+rebel\s+)?(?:groups?|fighters|rebels|factions|outfit))?",
        r"rebel(?:\s+(?:groups?|fighters|factions|forces))?",
        r"insurgents?",
        r"militants?",
        r"terrorists?",
        r"terrorist\s+(?:groups?|organizations?)",
        r"opposition(?:\s+fighters)?",
        r"anti[- ](?:assad|regime|government)(?:\s+(?:forces|fighters|rebels|groups?))?",
        r"hts",
        r"hay['’]?at\s+tahrir\s+al[- ]sham",
        r"al[- ]nusra(?:\s+front)?",
        r"al[- ]qa['’e]?ida(?:[- ](?:linked|affiliated|inspired))?"
        r"(?:\s+(?:groups?|fighters|militants|affiliates?))?",
        r"jabhat\s+(?:al[- ])?nusra",
        r"free\s+syrian\s+army",
        r"fsa",
        r"national\s+front\s+for\s+liberation",
        r"syrian\s+national\s+army",
        r"takfiri(?:\s+\w+)?",
        r"armed\s+groups?",
        r"factions",
        # how other wars' reporting names the side against the state: a rebel army's own
        # name ("Kachin Independence Army", "Tigray People's Liberation Front")
        r"(?:national\s+)?(?:liberation|independence|revolutionary|democratic\s+alliance)"
        r"\s+(?:army|front|movement|forces)",
        r"guerr?illas?",
        r"separatists?(?:\s+(?:forces|fighters|rebels))?",
        r"gunmen",
        r"gangs?(?:\s+(?:members|coalition))?",
    ],
    "government": [
        r"pro[- ](?:assad|regime|government)(?:\s+(?:forces|fighters|troops|militias?))?",
        r"regime(?:'s)?(?:\s+(?:forces|troops|loyalists))?",
        r"loyalists?",
        r"(?:syrian\s+)?government(?:\s+(?:forces|troops))?",
        r"syrian\s+arab\s+army",
        r"saa",
        r"syrian\s+(?:arab\s+)?(?:armed\s+)?(?:army|troops|forces|forced)",
        # its arms ("Syrian jets"), also as the first of two ("Syrian and Russian warplanes")
        r"syrian(?:\s+and\s+russian)?(?=\s+(?:jets|warplanes|war\s*planes|aircraft|air\s+forces?"
        r"|helicopters|artillery)\b)",
        r"(?:the\s+)?army(?:\s+units)?",
        r"tiger\s+forces",
        r"assad(?:'s)?(?:\s+(?:forces|troops))?",
        r"damascus(?:\s+(?:forces|loyalists))?",
        r"government\s+troops",
        # how other wars' reporting names the state's forces ("the junta's air force")
        r"junta(?:['’]s)?(?:\s+(?:forces|troops|soldiers))?",
        # not "military factions" (rebels) nor "a military source" (a speaker)
        r"(?:the\s+)?military(?:['’]s)?(?!\s+(?:factions|sources?|officials?|analysts?"
        r"|experts?|spokes(?:man|woman|person)|council|police|administration))",
    ],
    "russia": [
        r"russian(?:\s+(?:forces|troops|army|military|armed\s+forces|units|warplanes))?",
        r"wagner(?:\s+pmc)?(?:\s+units)?",
        r"moscow(?:'s)?(?:\s+forces)?",
        r"russia",
        r"russians",
        # the Russian defence ministry's groupings ("units of the Battlegroup Centre")
        r"battle\s*groups?\s+(?:cent(?:er|re)|east|west|south|north|dnepr|dnipro|vostok"
        r"|zapad|yug|tsentr|sever)",
    ],
    "ukraine": [
        r"ukrainian(?:\s+(?:forces|troops|army|military|units|defence\s+forces))?",
        r"ukraine['’]s\s+(?:(?:new|top)\s+)?(?:(?:defence|defense|armed)\s+forces|military|army"
        r"|troops|forces|(?:army|military)\s+chief"
        r"|general\s+staff"
        # its officials speak for its side ("Ukraine's deputy defence minister said troops ...")
        r"|(?:deputy\s+|first\s+)?(?:defen[cs]e\s+)?(?:minist(?:er|ry)|president"
        r"|commander(?:-in-chief)?|spokes(?:man|woman|person)|officials?|navy|air\s+force))",
        r"defenders\s+of\s+ukraine",
        r"territorial\s+defen[cs]e(?:\s+(?:forces|units|fighters|brigades?))?",
        r"armed\s+forces\s+of\s+ukraine",
        r"zsu",
        r"afu",  # the Armed Forces of Ukraine, as Russian and Ukrainian sources abbreviate them
        r"kyiv(?:['’]s)?(?:\s+(?:forces|troops|regime))?",
        r"kiev(?:['’]s)?(?:\s+(?:forces|troops|regime))?",
        r"ukrainians",
        r"ukraine(?!['’]s)",  # "Ukraine withdrew from X" (a place after "in"/"of": see below)
    ],
    "turkey": [r"turkish(?:\s+(?:forces|troops|army|military))?", r"ankara", r"turkey"],
    # Libya 2019-20: Haftar's Libyan National Army against the Tripoli government's forces
    "lna": [
        r"(?:self-styled\s+)?libyan\s+national\s+army",
        r"libyan\s+arab\s+armed\s+forces",
        r"lna",
        r"laaf",
        r"haft[ae]r(?:['’]s)?(?:\s+(?:-?led\s+)?(?:forces|troops|militias?|fighters|army|loyalists))?",
        r"eastern[- ]based\s+(?:forces|army)",
    ],
    "gna": [
        r"government\s+of\s+national\s+accord",
        r"pro-gna(?:\s+forces)?",
        r"gna(?:['’]s)?(?:\s+(?:-?(?:aligned|allied|affiliated)\s+)?(?:forces|troops|fighters))?",
        r"tripoli(?:['’]s)?(?:-based)?\s+(?:government|forces)(?:\s+forces)?",
        r"(?:un|u\.n\.)[- ](?:recognised|recognized|backed)\s+government(?:\s+forces)?",
        r"volcano\s+of\s+rage",
    ],
    # Nagorno-Karabakh 2020
    "azerbaijan": [
        r"azerbaijani?(?:\s+(?:forces|troops|army|military|armed\s+forces|units))?",
        r"azeri(?:\s+(?:forces|troops|army|military))?",
        r"baku",
    ],
    "armenia": [
        r"(?:ethnic\s+)?armenian(?:\s+(?:forces|troops|army|military|armed\s+forces|units"
        r"|separatists))?",
        r"armenia",
        r"artsakh(?:\s+(?:defen[cs]e\s+)?(?:army|forces))?",
        r"karabakh\s+(?:armenian\s+)?(?:forces|army|defen[cs]e\s+army|separatists)",
        r"yerevan",
    ],
    # Sudan 2023-25: the Sudanese Armed Forces against the Rapid Support Forces
    "saf": [
        r"sudanese\s+armed\s+forces",
        r"saf",
        r"sudan(?:ese|['’]s)\s+(?:army|military|troops|forces)",
        r"burhan(?:['’]s)?(?:\s+(?:forces|troops))?",
    ],
    "rsf": [
        r"rapid\s+support\s+forces?",
        r"rsf",
        r"paramilitar(?:y|ies)(?:\s+(?:forces?|fighters|group))?",
        r"hemedti(?:['’]s)?(?:\s+(?:forces|fighters))?",
        r"janjaweed",
    ],
    "sdf": [
        r"syrian\s+democratic\s+forces",
        r"sdf",
        r"ypg",
        r"kurdish(?:-led)?(?:\s+(?:forces|fighters|militias?|units))?",
    ],
}

#: The side of a bare "troops", "forces", "soldiers": whoever the story is about (the caller
#: decides, from the article's earlier actors).
GENERIC = "generic"
_GENERIC_RX = re.compile(
    r"\b(?:(?:the|our|its|their)\s+)?(?:troops|forces|soldiers|servicemen|units|they)\b", re.I
)

#: An actor word followed by one of these is a modifier ("regime positions", "rebel-held
#: territory", "a Turkish observation post"), not the one who acted.
_MODIFIED = re.compile(
    r"\s*(?:-\s*)?(?:held|controlled|positions?|checkpoints?|posts?|lines|defen[cs]es"
    r"|territory|areas?|strongholds?|bastions?|zones?|fortifications|targets|gatherings"
    r"|headquarters|observation|outposts?|bases?|enclaves?|pocket|convoys?|side|hands"
    r"|supply|military\s+(?:posts?|positions?|observation))\b",
    re.I,
)
#: An actor right after one of these is an object ("clashes with jihadists").
_OBJECT_BEFORE = re.compile(
    r"\b(?:with|against|from|on|at|between|towards?|near|to|by)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)

#: An actor followed by a reporting verb is the speaker, not the agent of what it reports.
_SPEAKER = re.compile(
    r"\s*(?:[\w’'-]+\s+){0,3}?(?:said|says|reported|reports|announced|announces|stated|states"
    r"|claimed|claims|confirmed|confirms|added|noted|told)\b",
    re.I,
)

_RELATIVE_SUBJECT = re.compile(r"\s*,?\s*\b(?:who|which|that)\s+(?:\w+\s+){0,2}$", re.I)

#: What may stand between a subject and its verb ("Russian warplanes have also bombed").
_IMMEDIATE = re.compile(
    r"\s*(?:(?:warplanes|jets|aircraft|helicopters|artillery|drones|units|troops|forces"
    r"|fighters|have|has|had|been|also|reportedly|then|now|again|later|finally|already|were"
    r"|was|are|is|managed\s+to|\w+ly)\s+)*"
)

#: "in (eastern) Ukraine", "of Ukraine": the country as a place, not the side.
_IN_COUNTRY = re.compile(
    r"\b(?:in|of|across|into|over|inside|to|from|for|against|on|at|near|with|about"
    r"|eastern|southern|northern|western|central|occupied|invaded|invade|invading|invasion"
    r"|support|supporting|supported|aid|arms|help|helped|backing)\s+$",
    re.I,
)

#: The key of :data:`CONTEXTUAL` for a war frontline has no registry of sides for.
UNKNOWN_WAR = ""
#: Phrases whose side depends on the war (group name -> pattern, war -> side): in a Ukraine
#: dispatch "the enemy" is Russia, and "our troops" or "the Defence Forces" are Ukraine's;
#: in another war they name no side ("Israel Defense Forces", a rebel's "our forces").
CONTEXTUAL: dict[str, tuple[str, dict[str, str]]] = {
    "enemy": (r"(?:the\s+)?enemy", {"ukraine": "russia"}),
    "ours": (
        r"our\s+(?:troops|forces|units|soldiers|servicemen|defenders|fighters|warriors)",
        {"ukraine": "ukraine"},
    ),
    "defence": (r"defen[cs]e\s+forces", {"ukraine": "ukraine"}),
    # a Ukrainian source's words for Russia's forces, like "the enemy"
    "occupiers": (
        r"(?:the\s+)?(?:occupiers|invaders|occupants|occupying\s+forces)",
        {"ukraine": "russia"},
    ),
    # Myanmar's anti-junta "resistance forces"; in Syria the Iran-led "Resistance" axis
    "resistance": (
        r"resistance(?:\s+(?:forces|fighters|groups?))?",
        {UNKNOWN_WAR: "opposition", "syria": "government"},
    ),
}

#: The sides of each war the press reports, and how generic wording maps to them there: in
#: Sudan "the army" is the SAF and "the paramilitaries" the RSF; in Libya "government forces"
#: are the GNA's. A side not in a war's registry is not that war's ("the Kiev regime" or
#: "militants" in a Ukrainian dispatch). An unknown war keeps every side as written.
WAR_SIDES: dict[str, dict[str, str | None]] = {
    "syria": {s: s for s in ("government", "opposition", "russia", "turkey", "sdf")},
    "ukraine": {"russia": "russia", "ukraine": "ukraine"},
    "libya": {
        "lna": "lna",
        "gna": "gna",
        "government": "gna",
        "turkey": "turkey",
        "russia": "russia",
    },
    "karabakh": {"azerbaijan": "azerbaijan", "armenia": "armenia", "turkey": "turkey"},
    "sudan": {"saf": "saf", "rsf": "rsf", "government": "saf"},
}

#: The two sides of each war the registry knows, each the other's enemy.
WAR_OPPONENTS: dict[str, tuple[str, str]] = {
    "syria": ("government", "opposition"),
    "ukraine": ("russia", "ukraine"),
    "libya": ("lna", "gna"),
    "karabakh": ("azerbaijan", "armenia"),
    "sudan": ("saf", "rsf"),
}


def opponent(side: str, war: str | None) -> str | None:
    """The side ``side`` fights in ``war``, if the war has two known sides and it is one."""
    pair = WAR_OPPONENTS.get(war or "")
    if pair is None or side not in pair:
        return None
    return pair[1] if side == pair[0] else pair[0]


#: How every phrase above begins: a look-ahead that lets the engine skip other words cheaply
#: (a test checks that it changes no match).
_FIRST = (
    "tur|pro|reb|jih|ins|mil|ter|opp|hts|hay|al|jab|fre|fsa|nat|syr|tak|arm|fac|reg|loy|gov"
    "|saa|the|tig|ass|dam|rus|wag|mos|ukr|def|zsu|our|ank|sdf|ypg|kur|kyi|kie|bat|occ|inv|afu"
    "|sel|lib|lna|laa|haf|eas|gna|tri|un|u\\.|vol|aze|bak|eth|art|kar|yer|sud|saf|bur|rap|rsf"
    "|par|hem|jan|res|gue|sep|gun|gan|jun|mil|def|ind|rev|dem|lib|ant|ene"
)
_RX = re.compile(
    rf"\b(?={_FIRST})(?:"
    + "|".join(f"(?P<{side}>\\b(?:{'|'.join(pats)})\\b)" for side, pats in ACTOR_PATTERNS.items())
    + "".join(f"|(?P<{name}>\\b{pat}\\b)" for name, (pat, _) in CONTEXTUAL.items())
    + ")",
    re.IGNORECASE,
)
#: The same without the look-ahead, for the test.
_RX_PLAIN = re.compile(_RX.pattern.replace(rf"\b(?={_FIRST})", "", 1), re.IGNORECASE)


#: A dateline opening a sentence ("KYIV, Ukraine (AP) —", "MOSCOW -", "Moscow/Kiev, Nov 10:"):
#: the city it names is where the story was filed, not a side that acted.
_DATELINE = re.compile(
    r"\s*[\"“]?(?:[A-Z][A-Z’'.-]+(?:[ /][A-Z][A-Z’'.-]+)*"
    r"(?:,\s*[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*)?)?"
    r"\s*(?:\([^)]{1,40}\)\s*)?[-–—]"
    r"|[A-Z][\w’'-]+(?:/[A-Z][\w’'-]+)*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*:)"
)


#: A side named as another's backer ("Russia-backed forces", "Iranian-supported militias").
_BACKER = re.compile(r"[- ](?:backed|supported|sponsored|allied|aligned)\b", re.I)
#: A side named as what others are against ("anti-Moscow partisans"); its own phrase above
#: wins where a war's registry lists one ("anti-Assad fighters" are the opposition).
_AGAINST = re.compile(r"\banti[- ]$", re.I)


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor phrase found in a sentence: normalised ``side``, ``text`` and offsets."""

    side: str
    text: str
    start: int
    end: int


def find_actors(
    sentence: str, *, war: str | None = None, generic: bool = False
) -> list[ActorMatch]:
    """Actor phrases in ``sentence`` in order, each with its side.

    ``war`` is ``"ukraine"`` or ``"syria"`` (or None); it decides contextual phrases ("the enemy"
    in a Ukrainian source is Russia) and whether "the army" alone means the Syrian government.
    With ``generic``, bare "troops"/"forces"/"they" are returned too, with side
    :data:`GENERIC` (the caller knows whom the story is about).

    Remembered for the last :data:`ACTOR_CACHE` questions: the rules ask about one sentence
    once per trigger, place and date (a quarter to a third of the calls repeat one within an
    article); each caller gets its own list.
    """
    return list(_actors(sentence, war, generic))


#: Sentences whose actors :func:`find_actors` remembers (with their war and ``generic``).
ACTOR_CACHE = 1_024


@lru_cache(maxsize=ACTOR_CACHE)
def _actors(sentence: str, war: str | None, generic: bool) -> tuple[ActorMatch, ...]:
    """What :func:`find_actors` returns, as a tuple (shared by the calls that repeat it)."""
    out = []
    dateline = _DATELINE.match(sentence)
    for m in _RX.finditer(sentence, dateline.end() if dateline else 0):
        kind = m.lastgroup or ""
        text = m.group(0)
        if _BACKER.match(sentence, m.end()) or _AGAINST.search(sentence, 0, m.start()):
            continue  # "Russia-backed regime forces", "anti-Kyiv": a backer or a foe, not them
        if kind in CONTEXTUAL:
            side = CONTEXTUAL[kind][1].get(war or UNKNOWN_WAR, "")
            if not side:
                continue
        else:
            side = kind
        if (
            side == "ukraine"
            and text.lower() == "ukraine"
            and _IN_COUNTRY.search(sentence, max(0, m.start() - 30), m.start())
        ):
            continue  # "Russian forces in eastern Ukraine": the country, not the side
        if war in WAR_SIDES:
            mapped = WAR_SIDES[war].get(side)
            if mapped is None:
                continue  # "the Kiev regime", "militants": the Syrian sides are not this war's
            side = mapped
        out.append(ActorMatch(side, text, m.start(), m.end()))
    if generic:
        taken = [(a.start, a.end) for a in out]
        for m in _GENERIC_RX.finditer(sentence):
            if re.match(r"\s+of\b", sentence[m.end() : m.end() + 4]):
                continue  # "units of the Syrian Arab Army": the named side follows
            if not any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                out.append(ActorMatch(GENERIC, m.group(0), m.start(), m.end()))
        out.sort(key=lambda a: a.start)
    return tuple(out)


def names_a_side(phrase: str, *, war: str | None = None) -> bool:
    """Whether a phrase names a side of the war ("Russian troops", "M23"), not only "troops"."""
    return any(a.side != GENERIC for a in find_actors(phrase, war=war))


def is_agent(actor: ActorMatch, sentence: str) -> bool:
    """False when the phrase modifies a noun or is an object ("regime positions")."""
    if not sentence:
        return True
    if _MODIFIED.match(sentence, actor.end):
        return False
    return not _OBJECT_BEFORE.search(sentence[max(0, actor.start - 40) : actor.start])


def nearest_actor(
    actors: list[ActorMatch],
    position: int,
    *,
    clause_start: int = 0,
    passive: bool = False,
    sentence: str = "",
) -> ActorMatch | None:
    """The actor phrase that is the likely subject of a verb at ``position``.

    Passive voice ("was recaptured by Syrian opposition fighters"): the agent after "by".
    Otherwise the first actor of the verb's clause (its subject, not an object such as "the
    Turkish observation post" or "clashes with rebels"); else the first actor of the sentence
    before the verb; else the first actor after it. Modifiers ("regime positions") and objects
    are passed over when an agent is there.
    """
    if passive and sentence:
        for a in actors:
            if a.start >= position and re.search(
                r"\b(?:by|to)\s+(?:the\s+)?(?:\w+\s+){0,2}$", sentence[position : a.start]
            ):
                return a  # "was recaptured by X", "fell to X"
    agents = [a for a in actors if is_agent(a, sentence)]
    rel = _RELATIVE_SUBJECT.search(sentence[:position]) if sentence else None
    if rel:  # "terrorists who have shelled X": the noun before "who"
        antecedent = [a for a in agents if a.end <= rel.start() and rel.start() - a.end <= 3]
        if antecedent:
            return antecedent[-1]
    in_clause = [a for a in agents if clause_start <= a.start and a.end <= position]
    if len(in_clause) > 1 and sentence:
        # "Ukraine's General Staff said that the enemy launched ...": the speaker is the source
        said = [a for a in in_clause if _SPEAKER.match(sentence, a.end, position)]
        if said and any(a.start >= said[-1].end for a in in_clause if a not in said):
            in_clause = [a for a in in_clause if a.start >= said[-1].end]
    if in_clause:
        last = in_clause[-1]
        between = sentence[in_clause[0].end : last.start]
        if (
            last is not in_clause[0]
            and ("," in between or len(between.split()) >= 4)
            and _IMMEDIATE.fullmatch(sentence, last.end, position)
        ):
            return last  # "..., and Russian warplanes have bombed X": the verb's own subject
        return in_clause[0]
    before = [a for a in agents if a.end <= position]
    if before:
        return before[0]
    after = [a for a in agents if a.start >= position and a.side != GENERIC]
    if after and not passive:  # a passive verb's agent follows "by" (above), never bare
        return after[0]
    named = [a for a in actors if a.side != GENERIC and a.end <= position]
    return named[0] if named else None  # a modifier before the verb, never an object after
