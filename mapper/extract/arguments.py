"""Arguments from the dependency tree: a trigger's places and its agent.

A place is reached from the trigger through the edges its registry entry allows (direct object,
passive subject, the objects of its prepositions, the antecedent of a relative or participle
clause), then through *container* nouns that only frame a place ("the town of X", "the outskirts
of X", "positions in X", "the villages of A and B"), and widened to its conjuncts and listed
members ("A, B and C", "as well as X", "including A and B"). A place inside the modifier of any
other noun (a road, a convoy, a power plant, a delegation) is never reached: "the highway linking
A and B" names no event at A or B.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapper.dates import MONTHS, WEEKDAYS
from mapper.extract.actors import find_actors
from mapper.extract.modality import REMAIN_VERBS, has_infinitive_to
from mapper.extract.triggers import (
    LOCATIVE_PREPS,
    MUNITIONS,
    PAST_TENSES,
    Trigger,
    lemma_of,
    triggers_for,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from mapper.extract.parse import ParsedSentence

__all__ = [
    "CONTAINERS",
    "DWELLERS",
    "FORCE_NOUNS",
    "area_measure_object",
    "PART_WORDS",
    "PERIPHERY_WORDS",
    "PlaceArg",
    "REFERENCE_NOUNS",
    "SHORT_SPANS",
    "agent_token",
    "agent_tokens",
    "is_passive",
    "misparsed_past",
    "participle_modifier",
    "moves_by_compass",
    "place_arguments",
    "spanned",
    "stated_sides",
]

#: Nouns that frame a place without being one: the place is their "of"/"in" object or modifier.
CONTAINERS = frozenset(
    """town towns village villages city cities locality localities settlement settlements hamlet
    hamlets area areas outskirts outskirt edge edges approaches approach part parts section
    sections district districts neighbourhood neighbourhoods neighborhood neighborhoods quarter
    quarters center centre suburb suburbs entrance entrances countryside vicinity environs
    flank flanks junction crossroads fortress fortresses citadel port harbour harbor defenders
    position positions defense defenses defence defences line lines stronghold strongholds
    bastion bastions hill hills hilltop hilltops height heights farm farms front axis direction
    directions sector sectors rest remainder most half all east west north south northeast
    northwest southeast southwest eastern western northern southern outpost outposts post posts
    checkpoint checkpoints headquarters gathering gatherings fortification fortifications
    territory territories surroundings periphery frontline town's city's base bases airbase
    airport airfield region hub hubs some several many number dozens dozen one two three four five
    six seven eight nine ten streets street block blocks building buildings ward wards hometown
    farmland farmlands community communities municipality limits
    centre's heart ruins remains rubble gates gate fringes garrison camp camps resistance
    remnants entrenchments trenches redoubt redoubts earthworks ramparts fort forts""".split()
)
#: Container words that name only part of a place: a capture of them is an entry.
#: Parts that stand for the whole town when taken ("retook the centre of X", "the city
#: centre"): the seat of its authorities; entering them is still an entry.
_SEAT = frozenset({"center", "centre", "heart"})
#: Buildings of a town's authorities: "raised the flag over the city council building".
_SEAT_BUILDINGS = frozenset({"building", "buildings", "hall", "headquarters", "compound"})
_AUTHORITY = frozenset(
    "council administrative administration government municipal municipality governor city"
    " town".split()
)


def _seat(part: Token) -> bool:
    """A part of a town that stands for the town when taken: its centre, its council building."""
    word = part.lower_
    return word in _SEAT or (
        word in _SEAT_BUILDINGS
        and any(c.dep_ in ("compound", "amod") and c.lower_ in _AUTHORITY for c in part.children)
    )


PART_WORDS = frozenset(
    """outskirts outskirt edge edges part parts section sections district districts
    neighbourhood neighbourhoods neighborhood neighborhoods quarter quarters center centre
    suburb suburbs entrance entrances streets street block blocks
    periphery heart sector sectors ward wards flank flanks""".split()
)
#: Part words at a place's edge: entering them is an advance, not an entry ("penetrated the
#: defences of X" too).
PERIPHERY_WORDS = frozenset(
    """outskirts outskirt edge edges approaches approach entrance entrances periphery gates
    fringes flank flanks defence defences defense defenses fortification fortifications""".split()
)
#: Nouns that refer back to a place named earlier ("the town", "the city", "the latter").
REFERENCE_NOUNS = frozenset(
    """town city village locality settlement stronghold bastion latter former hub capital base
    airbase airport airfield port fortress hometown""".split()
)
#: Facilities and posts whose capture, "in X", is a capture at X.
_FACILITIES = frozenset(
    """airport airfield airbase base headquarters garrison barracks station checkpoint outpost
    post depot hospital building bridge market square plant port harbour harbor refinery
    palace compound complex office position""".split()
)
#: Fighting forces and their units: a force encircled "in X" was encircled at X; "the
#: division in X said ..." tells of X.
FORCE_NOUNS = frozenset(
    """force troop unit soldier fighter militant rebel garrison defender brigade battalion
    regiment division group grouping guard corps detachment contingent""".split()
)
#: Posts a force holds: one encircled "in X" is encircled there ("an observation point in X").
_POSTS = frozenset({"post", "outpost", "point", "base", "position", "garrison"})
#: The state a capture frees a place from ("liberated from occupation").
_HELD_STATES = frozenset({"occupation", "control", "captivity"})
#: Words that count a plural container ("several villages of X" lie in the area X).
_COUNT_WORDS = frozenset("several many some numerous few various dozens".split())
#: Measure nouns a preposition may pass through to the place ("up to 2 km near X").
_MEASURES = frozenset(
    "km kilometre kilometres kilometer kilometers mile miles metre metres meter meters".split()
)
#: Nouns whose fighting is located where they are ("struck a depot in X", "a convoy near X").
_LOCATING_PREPS = frozenset({"in", "near", "around", "at", "outside", "inside", "along", "off"})
#: Relative pronouns that stand for the antecedent as an object ("X, which it captured").
_RELATIVE_OBJECTS = frozenset({"which", "that", "whom"})
#: Words a trigger's distance complement may be ("get closer to X", "move close to X").
_CLOSE_WORDS = frozenset({"close", "closer", "near", "nearer"})
#: Verbs by which a place passes "under"/"into" a side's control or fire ("X is now under
#: government control", "fell into the hands of"); a clause that only describes a place ("a
#: city on the highway, connecting A and B, both under government control") is none of them.
_CHANGE_VERBS = frozenset({"be", "come", "fall", "return", "pass", "go", "slip", "bring", "put"})
#: Verbs that put their object (not their subject) under a siege or fire: "kept X under siege".
_PUT_UNDER = frozenset({"keep", "hold", "place", "put", "bring", "leave", "have"})
#: Verbs that put a place under fire or siege without changing hands ("X was reported under
#: heavy shelling", "X lay under siege"); under control they describe, not change.
_ENDURING_VERBS = frozenset({"report", "lie"}) | REMAIN_VERBS
#: Relative pronouns that stand for the antecedent as a subject ("X, which has been ...").
_RELATIVE_SUBJECTS = frozenset({"which", "that"})
#: Verbs whose participle before a noun describes who holds it ("the rebel-controlled town").
_STATE_VERBS = frozenset({"control", "hold", "occupy"})
#: Verbs whose adjectival complement is a passive participle ("X is/was/became encircled").
_BECOMING = frozenset({"be", "become", "get"})
_FRONT_WORDS = frozenset({"axis", "front", "frontline", "direction", "sector", "line"})
_WHOLE = frozenset({"whole", "entire", "all"})
_REFERENCE_PRONOUNS = frozenset({"it", "there"})
#: Verbs that designate their object as something ("named X as the next target").
_DESIGNATING = frozenset("name designate identify choose pick single select mark".split())
_LISTING_VERBS = frozenset({"include", "comprise", "be", "number"})
#: Nouns that count an event noun: "carried out dozens of raids on X" carried out raids on X.
_COUNTING_NOUNS = frozenset(
    "dozen dozens score scores hundred hundreds series wave waves number spate string couple"
    " handful round rounds".split()
)


def _counted_object(noun: Token) -> Token:
    """The object a counted event noun stands in: "dozens" in "carried out dozens of raids"."""
    of = noun.head
    if noun.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in _COUNTING_NOUNS:
        return of.head
    return noun


#: Verbs that carry an event noun's place: "launched an offensive on X", "carried out raids on X".
_LIGHT_VERBS = frozenset(
    """launch carry conduct stage mount begin open continue intensify wage unleash step escalate
    make start resume fight""".split()
)
_LIST_PREPS = frozenset({"including", "like", "among", "namely", "as", "besides", "plus", "along"})
_DIRECTIONAL = frozenset(
    "east west north south northeast northwest southeast southwest eastern western northern"
    " southern".split()
)
#: Event nouns whose possessor holds, not is, the place ("under Moscow's control").
_HOLDER_NOUNS = frozenset({"control", "charge", "hand"})
#: Adverbs a movement's preposition may hang from ("pushed them back from X").
_AWAY = frozenset({"back", "away", "out", "off"})
_SOURCE_PREPS = frozenset({"from", "of", "out"})
#: Adverbs of how far a move went, its preposition hung on them ("50 km deep into X").
_DEPTH = frozenset({"deep", "deeper", "further", "farther", "forward", "ahead"})
#: Verbs by which fighting moves to a place ("fighting spread to X", "clashes reached X").
_SPREAD_VERBS = frozenset({"spread", "move", "shift", "extend", "expand", "spill", "reach"})
_TOWARD = frozenset({"to", "into", "towards", "toward"})
#: Objects of an advance that are ground won or crossed, their preposition the place ("gained
#: ground near X", "crossed the river near X").
_GROUND = frozenset(
    {"ground", "headway", "territory", "river", "border", "line", "canal", "bridge", "frontier"}
)
#: Prepositions of an advance's heading ("towards X"), wherever the parser hung them.
_HEADING = frozenset({"towards", "toward"})
#: Words of a move's heading the parser may read as its object ("pushing eastwards").
_COMPASS_MOVES = frozenset(
    "eastward westward northward southward eastwards westwards northwards southwards"
    " forward".split()
)


def moves_by_compass(verb: Token) -> bool:
    """A verb with a compass heading ("struck eastwards from X"): a move, not a blow."""
    return any(c.lower_ in _COMPASS_MOVES for c in verb.children)


#: Words between a plural container and the places it lists ("many villages, mainly, A, B";
#: "five settlements near X: they are A, B"; "four villages ... — A, B").
_LIST_LEADS = frozenset(
    """mainly namely including notably especially particularly specifically chiefly like among
    such as they these those them are were , : — – - ( i.e. e.g.""".split()
)
_STRICT_TYPES = frozenset({"capture", "entry", "withdrawal", "encirclement"})
_LOCATED_TYPES = frozenset({"clash", "bombardment"})


@dataclass(frozen=True, slots=True)
class PlaceArg:
    """A place token reached from a trigger, or a reference word standing for one."""

    token: Token
    partial: bool = False  # reached through a part word ("the outskirts of X")
    reference: bool = False  # a reference word ("the town", "it"): resolve it in context
    directional: bool = False  # reached through a compass word ("west of X")
    via: str = ""  # the edge from the trigger: "object", a preposition, "antecedent"...
    vicinity: bool = False  # reached through a container's locative ("positions near X")
    periphery: bool = False  # reached through an edge word ("the outskirts of X")
    seat: bool = False  # reached through the town's seat ("the centre of X"): taking it takes X


def is_passive(tok: Token) -> bool:
    """True for a passive verb ("was captured", "captured by the army" as a participle).

    A participle joined to a passive shares its voice: "X was stormed and taken".
    """
    deps = {c.dep_ for c in tok.children}
    if "nsubjpass" in deps or "auxpass" in deps:
        return True
    if tok.tag_ == "VBN" and tok.dep_ == "conj" and not deps & {"nsubj", "aux"}:
        head = tok.head
        return head.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in head.children)
    if tok.tag_ == "VBN" and _raised_by_a_report(tok) and not deps & {"aux", "dobj"}:
        return True  # "X was reported captured": "captured" told of the report's subject
    if tok.tag_ in ("VBN", "JJ") and _complement_of_a_state(tok) and not deps & {"aux", "dobj"}:
        return True  # "X remains encircled"
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl") and "agent" in deps


def _capital_actor(tok: Token) -> bool:
    """A capital that stands for its government ("Moscow's gains", "a Kyiv attack")."""
    return bool(find_actors(tok.text))


def misparsed_past(tok: Token) -> bool:
    """A past tense the parser took for the head of a noun phrase, or for a modifier of its object.

    "The GNA retook Gharyan on Thursday": "The GNA retook" reads as a noun phrase, its object an
    apposition; "have overrun X", "The RSF overran X": the verb a compound of the name.
    """
    if _perfect_compound(tok):
        return True
    return (
        tok.pos_ in ("NOUN", "PROPN")
        and tok.lower_ in PAST_TENSES
        and any(c.dep_ == "appos" for c in tok.children)
    )


_HAVE = frozenset({"have", "has", "had", "having"})


def _perfect_compound(tok: Token) -> bool:
    """A participle after "have", or a past tense after its subject, made a modifier of its object.

    "insurgents have overrun Neak Luong": "overrun" a compound of "Neak Luong", "have" the verb;
    "The RSF overran Wad Madani": "overran" a compound of the name.
    """
    head = tok.head
    if not (tok.dep_ == "compound" and tok.i > 0 and head.pos_ == "PROPN" and head.i > tok.i):
        return False
    before = tok.doc[tok.i - 1]
    return before.lower_ in _HAVE or (tok.tag_ == "VBD" and before.pos_ in ("PROPN", "NOUN"))


def _object_conjoined_to_verb(verb: Token, conj: Token) -> bool:
    """A noun the parser conjoined to the verb after its object: a second object.

    "shelled A, 20 km north of B, and the village of C": "village" hangs on "shelled"; "took
    A and B, as well as C farther east": "C" hangs on "took", after its own "as well as".
    """
    return (
        verb.pos_ == "VERB"
        and (conj.pos_ == "PROPN" or _names_a_container(conj))
        and any(c.dep_ == "dobj" for c in verb.children)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
        and (conj.dep_ == "conj" or any(c.dep_ == "cc" and c.i < conj.i for c in verb.children))
    )


def _names_a_container(noun: Token) -> bool:
    """A noun naming its place by "of" ("the village of X"), not an area ("localities in X")."""
    return noun.pos_ == "NOUN" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.pos_ == "PROPN" for o in _objects(c))
        for c in noun.children
    )


def _moves_another(trig: Token) -> bool:
    """Whether the verb moves someone else ("pushed the enemy back"), not its own subject.

    "fought their way back" and "moved back" move the subject.
    """
    return any(c.dep_ == "dobj" and c.lemma_.lower() != "way" for c in trig.children)


#: Where a force was moving when it was fought ("soldiers trying to advance towards X").
_MOVE_TOWARDS = LOCATIVE_PREPS | {"towards", "toward", "on", "into"}


def _moves_of(tok: Token) -> Iterator[Token]:
    """Verbs of moving that describe a force ("soldiers (trying to) advance", "who pushed").

    On a verb of fighting, its participle clause ("clashed with soldiers, trying to advance
    towards X", as the parser often hangs it).
    """
    deps = ("advcl",) if tok.pos_ == "VERB" else ("acl", "relcl")
    for clause in tok.children:
        if clause.dep_ not in deps or deps == ("advcl",) and clause.tag_ != "VBG":
            continue
        for verb in (clause, *(c for c in clause.children if c.dep_ == "xcomp")):
            if any(t.type == "advance" for t in triggers_for(verb.lemma_.lower(), "VERB")):
                yield verb


def _some_buildings(noun: Token) -> bool:
    """A building of a town that is indefinite or counted ("a building"): a part of it.

    "The Parliament building", "government buildings" are its seats, taken with it.
    """
    return noun.lemma_.lower() == "building" and any(
        c.dep_ == "nummod" or (c.dep_ in ("det", "amod") and c.lower_ in {"a", "an", *_COUNT_WORDS})
        for c in noun.children
    )


#: Verbs of a force holding a place ("the troops holding X", "the garrison defending X").
_HOLDING_VERBS = frozenset({"hold", "defend", "occupy", "garrison"})
#: Times of day a preposition may be hung on in place of the verb ("struck at dawn on X").
_TIMES_OF_DAY = frozenset("dawn dusk daybreak nightfall sunrise sunset midnight noon".split())
#: Adjectives of a capital named after its province ("the provincial capital of X": X).
_PROVINCIAL = frozenset("provincial regional district state county departmental".split())


def _provincial_capital(noun: Token) -> bool:
    """A capital named after its province ("the provincial capital of X"), not an apposition."""
    return (
        noun.lower_ == "capital"
        and noun.dep_ != "appos"
        and any(c.dep_ == "amod" and c.lower_ in _PROVINCIAL for c in noun.children)
    )


def _hung_objects(tok: Token, preps: frozenset[str]) -> Iterator[tuple[Token, str]]:
    """Objects of the prepositions in ``preps`` hung on ``tok``, each with its preposition."""
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in preps:
            for o in _objects(p):
                yield o, p.lower_


_BY = frozenset({"by"})
_OF_ONLY = frozenset({"of"})


def _objects(prep: Token) -> Iterator[Token]:
    for c in prep.children:
        if c.dep_ == "pcomp" and c.tag_ in ("VBN", "VBD"):  # "in occupied X", "in Russian-held X"
            yield from (o for o in c.children if o.dep_ == "dobj")
        elif c.dep_ in ("pobj", "pcomp"):
            yield c
            if c.lower_ in _MEASURES:  # "advanced up to two kilometres near X"
                for p in c.children:
                    if p.dep_ == "prep":
                        yield from _objects(p)
        elif c.dep_ == "prep" or (
            c.dep_ == "conj" and c.pos_ == "ADP" and _heading(c) == _heading(prep)
        ):  # "out of X", "away from X", "in and around X" ("in X and to Y": two places)
            yield from _objects(c)


def _heading(prep: Token) -> bool:
    """A preposition of where a move goes ("to", "towards", "into")."""
    return prep.lower_ in _TOWARD


def _destination(trig: Token) -> int | None:
    """Where the trigger says the move went: the index of its heading preposition, or None.

    "fled to areas in and around X", "pulled their forces back into the hills, around X".
    """
    heads = [trig, *(c for c in trig.children if c.dep_ in ("advmod", "prt"))]
    found = [c.i for h in heads for c in h.children if c.dep_ == "prep" and _heading(c)]
    return min(found) if found else None


def _nominal(tok: Token, rule: Trigger) -> bool:
    """An event noun, or a verb's -ing form standing for one ("destroyed by shelling")."""
    return rule.pos == "NOUN" or tok.tag_ == "VBG"


def _nominal_gerund(tok: Token) -> bool:
    """A verb's -ing form used as a noun ("Shelling of X killed three")."""
    gerund = tok.tag_ == "VBG" or (tok.pos_ == "NOUN" and tok.lower_.endswith("ing"))
    return gerund and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "ROOT")


def _event_preps(noun: Token) -> Iterator[Token]:
    """The prepositions of an event noun, and of its "by" agent (often attached there)."""
    for p in noun.children:
        if p.dep_ == "prep":
            yield p
            if p.lower_ == "by":
                for o in _objects(p):
                    yield from (q for q in o.children if q.dep_ == "prep")


def _event_noun(tok: Token) -> bool:
    """A noun the trigger registry lists ("an attack", "the capture")."""
    return bool(triggers_for(tok.lemma_.lower(), "NOUN"))


def _noun_rules_under(noun: Token, verb: Token) -> list[Trigger]:
    """The noun's rules that the verb may govern.

    "met resistance": a fight; "mopped up the last resistance in X": none, the object of a capture.
    """
    verb_lemma = verb.lemma_.lower()
    return [
        t
        for t in triggers_for(noun.lemma_.lower(), "NOUN")
        if not t.governors or verb_lemma in t.governors
    ]


def _held_state(tok: Token) -> bool:
    """A held state ("occupation"), or a name the parser compounded with one ("occupation A")."""
    return tok.lemma_.lower() in _HELD_STATES or any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in _HELD_STATES for c in tok.children
    )


def _freed_from(prep: Token) -> Iterator[tuple[Token, str]]:
    """What a capture frees "from occupation": the parser hangs it on the occupation.

    "the liberation from occupation of A" ("of" on the occupation), "liberated from occupation
    A" (the occupation a compound of A).
    """
    for o in _objects(prep):
        if o.lemma_.lower() in _HELD_STATES:
            yield from ((x, "object") for x, _ in _hung_objects(o, frozenset({"of"})))
        elif _held_state(o):
            yield o, "object"


def _target_of_fire(noun: Token) -> bool:
    """A target of fire ("a target of airstrikes"): what was hit, not an objective.

    An objective or a goal is never fire's ("the objective of the advance").
    """
    return noun.lemma_.lower() not in _AIMS and any(
        p.dep_ == "prep"
        and p.lower_ == "of"
        and any(
            triggers_for(o.lemma_.lower(), "NOUN") and o.lemma_.lower() not in _OBJECTIVE_OF
            for o in _objects(p)
        )
        for p in noun.children
    )


#: Event nouns whose "objective of" is an aim ("the next objective of the offensive").
_OBJECTIVE_OF = frozenset(
    {"offensive", "counteroffensive", "operation", "campaign", "push", "advance", "drive"}
)
#: Nouns of an aim: what a side means to reach, never what fire hit.
_AIMS = frozenset({"objective", "goal", "aim"})


def _shared_object(trig: Token) -> list[Token]:
    """The object a verb with none shares with its conjunct ("shelled and then stormed X")."""
    if any(c.dep_ in ("dobj", "prep", "prt") for c in trig.children):
        return []
    return [
        o
        for v in trig.children
        if v.dep_ == "conj"
        and v.pos_ == "VERB"
        and not any(k.dep_ in ("nsubj", "nsubjpass") for k in v.children)
        for o in v.children
        if o.dep_ == "dobj"
    ]


#: Verbs whose subject is where their object happened ("X saw heavy fighting").
_WITNESS_VERBS = frozenset({"see", "witness", "experience", "endure", "suffer", "undergo"})
#: Nouns whose "of" event happened at the subject ("X was the scene of clashes").
_SCENE_NOUNS = frozenset({"scene", "site", "theatre", "theater", "epicentre", "epicenter", "focus"})


#: Verbs by which the people of a place tell what happened there, and those people.
_HEARING_VERBS = frozenset({"report", "hear", "describe", "see", "witness"})
#: Verbs whose subject is the place that took fire ("X took heavy fire", "X faced air strikes").
_TAKING_FIRE = frozenset({"take", "draw", "receive", "face", "endure", "suffer", "sustain"})
_AT_HOLDERS = frozenset({"of", "at", "in"})
#: Verbs by which blasts and explosions hit a place ("explosions rocked X").
_SHAKING_VERBS = frozenset({"rock", "shake", "jolt", "rattle", "hit", "pound"})
DWELLERS = frozenset("resident inhabitant villager people townspeople local".split())
#: Spans of time an event noun is measured in ("days of fighting", "weeks of shelling").
SPANS = frozenset("hour hours day days night nights week weeks month months year years".split())
#: The short ones: "after days of shelling" times the clause's event, where "after months of
#: bombing" is the war's background.
SHORT_SPANS = frozenset("hour hours day days night nights".split())


def spanned(noun: Token, spans: frozenset[str] = SPANS) -> Token:
    """The span of time an event noun is measured in ("weeks of clashes": "weeks"), else it."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in spans:
        return noun.head.head
    return noun


def _witness(noun: Token) -> Token | None:
    """The verb whose subject saw the event noun happen there, or None.

    A span of time before the noun passes it on ("X has seen weeks of clashes").
    """
    noun = spanned(noun)
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _WITNESS_VERBS:
        return noun.head
    scene = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if scene is not None and scene.lemma_.lower() in _SCENE_NOUNS and scene.dep_ == "attr":
        return scene.head
    return None


#: Verbs of report whose passive lends its subject to the deed reported: "X was said to have
#: fallen", "X is believed to have been captured", "X was reported to be in rebel hands".
_RAISING_REPORTS = frozenset(
    "say report believe think understand know allege rumour rumor claim confirm".split()
)


def _raised_by_a_report(verb: Token) -> bool:
    """A deed told as the complement of a passive verb of report ("was said to have fallen")."""
    return (
        verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() in _RAISING_REPORTS
        and any(c.dep_ == "nsubjpass" for c in verb.head.children)
    )


def _complement_of_a_state(verb: Token) -> bool:
    """A participle after "remain" or "stay": "X remains encircled", told of the subject."""
    return verb.dep_ in ("xcomp", "acomp", "oprd") and verb.head.lemma_.lower() in REMAIN_VERBS


def _shared_subject(verb: Token) -> list[Token]:
    """The subject a passive shares with the verb it hangs on.

    "X lies near Y and was shelled"; "X is yet to be liberated" (a complement of "be"); "X was
    said to have been taken" (a report's).
    """
    shared = (
        verb.dep_ == "conj"
        or (verb.dep_ == "xcomp" and verb.head.lemma_ == "be")
        or _raised_by_a_report(verb)
        or _complement_of_a_state(verb)
    )
    if not shared or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]


#: Verbs that declare a place in a new state: "declared the city liberated".
_DECLARING = frozenset({"declare", "announce", "pronounce", "proclaim"})


def _small_clause(trig: Token, rule: Trigger) -> bool:
    """A participle stating what its subject became under a verb of declaring."""
    return (
        rule.direct
        and trig.tag_ in ("VBN", "VBD")  # (the tagger takes some for a past tense)
        and trig.dep_ in ("ccomp", "oprd", "xcomp")
        and trig.head.lemma_.lower() in _DECLARING
        and not any(c.dep_ in ("aux", "auxpass", "mark", "dobj") for c in trig.children)
    )  # ("declared that rebels liberated X" is a clause of its own)


def _misattached_agent_places(verb: Token) -> Iterator[tuple[Token, str]]:
    """Places located on the attackers of an event noun when the parser hangs "by" on the verb.

    "foiled an attack by militants near X": "by militants" belongs to the attack, and "near X"
    to the militants; where they were is where the attack was.
    """
    for agent, _ in _hung_objects(verb, _BY):
        yield from _hung_objects(agent, LOCATIVE_PREPS)


def _object_event_of_another_type(trig: Token, rule: Trigger) -> bool:
    """The verb's object is an event of another type ("gained a foothold in X": an entry).

    Not an event noun set off by a comma after another object: "captured the town of X, the
    deepest thrust into Y" describes the capture (the parser makes it a second object). A
    munition object makes the verb a fire ("poured 1,300 rounds into X": no entry).
    """
    objects = [c for c in trig.children if c.dep_ == "dobj"]
    if rule.type != "bombardment" and any(c.lemma_.lower() in MUNITIONS for c in objects):
        return True
    for k, c in enumerate(objects):
        types = {t.type for t in _noun_rules_under(c, trig)}
        if (
            types
            and rule.type not in types
            and not (k > 0 and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ",")
        ):
            return True
    return False


#: Nouns of a way whose "to X" names where a move along it heads.
_WAYS = frozenset(
    "road roads highway route motorway way corridor axis railway railroad valley coast".split()
)


def _road_to(prep: Token) -> list[Token]:
    """The places a move "along the road to X" or "along the river towards X" heads for."""
    if prep.lower_ != "along":
        return []
    return [
        o
        for way in _objects(prep)
        for p in way.children
        if p.dep_ == "prep"
        and (p.lower_ in _HEADING or (p.lower_ == "to" and way.lemma_.lower() in _WAYS))
        for o in _objects(p)
    ]  # "along the Tigris towards X"; "along the road to X" ("along the border to" is none)


def _renamed_place(noun: Token) -> Token:
    """The place a noun in apposition renames ("Harib, a district that ..."), else the noun."""
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return noun.head
    return noun


def _antecedent(clause: Token, sent: ParsedSentence) -> Token:
    """What a relative clause describes: its head, or the place right before its pronoun.

    The parser may hang the clause on another noun ("the railway line north of X, which ...").
    """
    head = _renamed_place(clause.head)
    if sent.mention_of(head) is not None:
        described = _compass_described(head)  # "X, 35 miles northeast of Y, which ...": X
        return described if described is not None and sent.mention_of(described) else head
    pronoun = next((c for c in clause.children if c.lower_ in ("which", "that")), None)
    left = _left_antecedent(pronoun) if pronoun is not None else []
    return left[0] if left and sent.mention_of(left[0]) is not None else head


def _left_antecedent(which: Token) -> list[Token]:
    """The proper noun right before a relative "which" (past a comma): its antecedent.

    Past a compass phrase set off after a name, the name: "X, 35 miles northeast of Y, which
    they took" describes X.
    """
    doc = which.doc
    k = which.i - 1
    while k >= 0 and doc[k].is_punct:
        k -= 1
    if k < 0 or doc[k].pos_ != "PROPN":
        return []
    return [_compass_described(doc[k]) or doc[k]]


def _compass_described(name: Token) -> Token | None:
    """The name a compass or "near" phrase ending in ``name`` is set off after, or None.

    "X, 35 miles northeast of Y", "X, near Y": X for Y.
    """
    before = _set_off_after(name)
    if before is None or before.pos_ != "PROPN":
        return None
    while before.dep_ == "conj" and before.head.pos_ == "PROPN":
        before = before.head  # "A and B, near X": the list, from its first name
    return before


def _slots(trig: Token, rule: Trigger, sent: ParsedSentence) -> Iterator[tuple[Token, str]]:
    """Tokens in argument position of the trigger, each with the edge that reached it."""
    passive = rule.pos == "VERB" and is_passive(trig)
    if (
        rule.pos == "VERB"
        and not passive
        and rule.type != "clash"
        and _object_event_of_another_type(trig, rule)
    ):
        return  # "gained a foothold in X": the object's own event (an entry), not an advance
    preps = rule.preps | LOCATIVE_PREPS
    if rule.type == "encirclement" and rule.pos == "VERB" and trig.dep_ == "amod":
        yield trig.head, "object"  # "the besieged town of X": the town is the one besieged
    if rule.pos == "VERB" and rule.direct and not passive:
        yield from ((o, "object") for o in _shared_object(trig))
    if rule.direct and _perfect_compound(trig):
        yield trig.head, "object"  # "have overrun Neak Luong": the name it modifies
    if (passive and (rule.direct or rule.subject)) or (
        rule.subject and _raised_by_a_report(trig)  # "X was said to have fallen"
    ):
        yield from ((o, "object") for o in _shared_subject(trig))
    if rule.pos == "VERB" and rule.direct and not passive:
        yield from ((o, "object") for o in _gapped_objects(trig))
        modifier = participle_modifier(trig)
        if modifier is not None:  # "struck retreating vehicles near X": the verb's own phrase
            for c in modifier.children:
                if c.dep_ == "dobj":
                    yield c, "object"
                elif c.dep_ == "prep" and c.lower_ in preps:
                    yield from ((o, c.lower_) for o in _objects(c))
    for c in trig.children:
        dep = c.dep_
        if dep == "advmod" and c.lower_ == "far" and "to" in preps:
            for p in c.children:  # "advanced as far as X": to X
                if p.dep_ == "prep" and p.lower_ == "as":
                    yield from ((o, "to") for o in _objects(p))
        carried = dep == "dobj" or (dep == "prep" and c.lower_ == "with")
        if carried and rule.type == "advance" and not rule.direct and not passive:
            # "pursuing the remnants towards X", "moved troops towards X", "marched with the
            # whole army towards X": the parser hangs the way on the object (or on its "of"
            # phrase); both went that way
            for way in c.subtree:
                if way.dep_ == "prep" and way.lower_ in _HEADING:
                    yield from ((o, way.lower_) for o in _objects(way))
        if dep == "prep" and c.lower_ == "of" and rule.pos == "NOUN" and rule.type == "withdrawal":
            for mover in _objects(c):  # "the pullout of its units from X": "from" on the units
                yield from _hung_objects(mover, rule.preps - {"of"})
        if dep == "dobj" and rule.pos == "VERB" and not passive and _noun_rules_under(c, trig):
            for p in _event_preps(c):  # "thwarted an attack (by the rebels) on X"
                if p.lower_ in preps | {"on", "against"}:
                    for o in _objects(p):
                        yield o, p.lower_
            yield from _misattached_agent_places(trig)
        elif (
            (dep == "dobj" and rule.direct and not passive)
            or (dep == "appos" and rule.direct and misparsed_past(trig))
            or (dep in ("conj", "dep") and rule.direct and _object_conjoined_to_verb(trig, c))
            or (dep == "nsubjpass" and (rule.direct or rule.subject))
            or (dep == "nsubj" and rule.subject)
        ):
            yield c, "object"
        elif dep == "prep" and c.lower_ == "for" and rule.type == "clash":
            for o in _objects(c):  # "fought for control of X": X is fought over
                if o.lemma_.lower() == "control":
                    yield from _hung_objects(o, frozenset({"of", "over"}))
                else:
                    yield o, "for"
        elif dep == "nsubj" and rule.type == "clash" and c.lemma_.lower() in _HOLDERS:
            yield from _hung_objects(c, _OF_ONLY)  # "the garrison of X repulsed an attack"
        elif dep == "prep" and c.lower_ == "with" and rule.type == "clash":
            for foe in _objects(c):  # "battles with militias in X": the foe was fought there
                yield from _hung_objects(foe, LOCATIVE_PREPS)
                for move in (*_moves_of(foe), *_moves_of(trig)):  # "clashed with soldiers
                    yield from _hung_objects(move, _MOVE_TOWARDS)  # trying to advance towards X"
        elif dep == "prep" and c.lower_ == "including" and rule.type == "capture" and "of" in preps:
            for o in _objects(c):  # "took control of a pocket, including A and B"
                yield o, "object"
        elif dep == "prep" and _along_with(c) and rule.direct:
            for o in _objects(c):  # "reclaimed A and B, along with C and D"
                yield o, "object"
        elif dep in ("dobj", "nsubjpass") and c.lemma_.lower() in rule.objects:
            yield from _hung_objects(c, rule.preps)  # "fought their way towards X", "the
            # last road into X was cut"
        elif (
            dep in ("dobj", "npadvmod")
            and rule.type == "advance"
            and (c.lemma_.lower() in _COMPASS_MOVES or c.lemma_.lower() in _WAYS)
        ):  # "pushing eastwards towards X", "pushing along the road towards X": the parser
            yield from _hung_objects(c, _HEADING)  # takes the adverb or the road as the object
            for p in c.children:
                yield from ((o, "towards") for o in _road_to(p))  # "eastwards along the road to X"
        elif dep == "dobj" and rule.type == "advance" and c.lemma_.lower() in _GROUND:
            yield from _hung_objects(c, preps)  # "gained ground around X", "crossed the river
            # near X"
        elif dep == "advmod" and c.lower_ in _DEPTH:
            yield from _hung_objects(c, rule.preps)  # "advanced 50 km deep into X"
        elif dep == "advmod" and c.lower_ in _AWAY:  # "pushed the enemy back from X", not
            yield from _hung_objects(c, rule.preps & _SOURCE_PREPS)  # "back toward X"
            if c.lower_ == "back" and not _moves_another(trig):  # "fought their way back into
                yield from _hung_objects(c, rule.preps & {"into"})  # X", "moved back into X"
        elif (
            dep == "prep"
            and c.lower_ == "from"
            and rule.type == "capture"
            and any(_held_state(o) for o in _objects(c))
        ):
            yield from _freed_from(c)  # "liberated from occupation A", "... of the cities of A"
        elif dep == "prep" and c.lower_ == "by" and rule.pos == "NOUN":
            for o in _objects(c):  # "a strike by pro-regime forces on X": "on" hung on the agent
                yield from _hung_objects(o, LOCATIVE_PREPS)  # "by forces in X"; the agent
                # itself is a side, even where a place names it ("by Damascus and its backer
                for p in o.children:  # Moscow")
                    if p.dep_ == "prep" and p.lower_ in rule.preps - {"of"}:
                        yield from ((x, p.lower_) for x in _objects(p))
        elif dep == "prep" and rule.type == "advance" and _road_to(c):
            for o in _road_to(c):  # "pressed on along the road to X": towards X
                yield o, "towards"
        elif dep == "prep" and any(o.lemma_.lower() in _TIMES_OF_DAY for o in _objects(c)):
            for o in _objects(c):  # "bombed at dawn on X": the parser hangs "on X" on the hour
                yield from _hung_objects(o, preps)
        elif dep in ("prep", "prt", "advmod") and c.lower_ in preps:
            for o in _objects(c):
                yield o, c.lower_
        elif dep == "prep" and c.lower_ == "before" and rule.locative:
            yield from ((o, "at") for o in _before_a_town(c))  # "fighting before X"
        elif dep == "prep" and rule.type == "advance" and c.lower_ in ("from", "along"):
            for p in c.subtree:  # "advanced from the axis of A in the countryside towards X"
                if p.dep_ == "prep" and p.lower_ in _HEADING:
                    for o in _objects(p):
                        yield o, p.lower_
        elif dep == "prep" and c.lower_ in _LIST_PREPS and rule.direct:
            for o in _objects(c):  # "took control of X and nearby towns, including Y"
                yield o, "object"
        elif dep in ("dobj", "npadvmod") and c.lower_ in _MEASURES:
            yield from _hung_objects(c, rule.preps)  # "advanced up to 2 km towards X"
        elif dep in ("advmod", "dobj", "npadvmod") and c.lower_ in _DIRECTIONAL:
            # "advanced west of X", "gained ground west of X" (the parser's object: "west")
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in _objects(p):
                        yield o, "direction"
                elif p.dep_ == "prep" and p.lower_ in rule.preps & _TOWARD:
                    for o in _objects(p):  # "advancing north towards X": towards X
                        yield o, p.lower_
        elif (
            dep in ("compound", "poss", "nmod", "amod")
            and rule.pos == "NOUN"
            and not (dep == "poss" and rule.lemma in _HOLDER_NOUNS)
            and not _capital_actor(c)
        ):  # "the Bakhmut offensive", "Avdiivka's capture"; "Moscow's control" is the holder's,
            yield c, "modifier"  # "a Kyiv ground attack", "Moscow's gains" the side's
        elif (
            dep in ("acomp", "advmod")
            and c.lemma_.lower() in _CLOSE_WORDS
            and rule.type == "advance"  # "moved closer to X" is no entry
        ):
            for p in c.children:  # "get closer to X"
                if p.dep_ == "prep" and p.lower_ in ("to", "towards", "toward"):
                    for o in _objects(p):
                        yield o, "towards"
        elif dep == "prep" and c.lower_ == "of" and _nominal_gerund(trig):
            for o in _objects(c):  # "Shelling of X killed ...": the gerund's object
                yield o, "object"

    if (
        rule.type == "target"
        and rule.pos == "NOUN"
        and trig.head.lemma_ == "be"
        and not _target_of_fire(trig)
    ):
        # "Russia's next target is X", "X is the next objective": the other side of the copula
        other = {"nsubj": "attr", "attr": "nsubj"}.get(trig.dep_)
        yield from ((c, "object") for c in trig.head.children if c.dep_ == other)
        if other == "attr":  # "the next target will be X, and then Y": Y hung on the copula
            yield from (
                (c, "object")
                for c in trig.head.children
                if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")
            )
        copula = trig.head
        if copula.dep_ == "relcl" and any(
            c.dep_ == other and c.lower_ in _RELATIVE_SUBJECTS for c in copula.children
        ):  # "X, which is now the next objective"
            yield _antecedent(copula, sent), "antecedent"
        if (
            trig.dep_ == "attr"
            and copula.dep_ == "xcomp"
            and not any(c.dep_ == "nsubj" for c in copula.children)
        ):  # "X is expected to be the next objective": the raising verb's subject
            yield from (
                (c, "object") for c in copula.head.children if c.dep_ in ("nsubj", "nsubjpass")
            )
    if (
        rule.type == "target"
        and rule.pos == "NOUN"
        and trig.dep_ == "pobj"
        and trig.head.lower_ == "as"
        and trig.head.head.lemma_.lower() in _DESIGNATING
    ):  # "named X as the next objective", "X was identified as a target": what was named
        yield from (
            (c, "object") for c in trig.head.head.children if c.dep_ in ("dobj", "nsubjpass")
        )
    if (
        rule.pos == "VERB"
        and trig.dep_ in ("relcl", "acl")
        and not _where_clause(trig)  # "X, where troops were massed": in X, not X massed
        and (
            passive
            or rule.subject
            or any(c.dep_ == "dobj" and c.lower_ in _RELATIVE_OBJECTS for c in trig.children)
        )
    ):
        yield _antecedent(trig, sent), "antecedent"  # "X, which was captured by ...";
        # "X, which it took"; "X, a district that the rebels captured": X
    elif rule.pos == "VERB" and rule.direct and trig.dep_ not in ("relcl", "acl"):
        for c in trig.children:  # "... north of X, which Russian forces took" (the parser
            if c.dep_ == "dobj" and c.lower_ == "which":  # hangs the clause as an adverbial)
                yield from ((a, "antecedent") for a in _left_antecedent(c))
    verb = trig.head
    if rule.pos == "NOUN" and any(
        c.dep_ == "prep" and c.lower_ in rule.preps and not list(c.children)
        for c in (*trig.children, *verb.children)
    ):  # "X, which Russian forces took control of": the stranded "of" is the pronoun's
        for c in verb.children:
            if c.dep_ == "dobj" and c.lower_ in _RELATIVE_OBJECTS and c.i != trig.i:
                if verb.dep_ in ("relcl", "acl"):
                    yield _antecedent(verb, sent), "antecedent"
                else:
                    yield from ((a, "antecedent") for a in _left_antecedent(c))
    relative = trig.head if trig.dep_ == "xcomp" else None
    if (
        relative is not None
        and relative.dep_ == "relcl"
        and rule.direct
        and any(c.dep_ == "dobj" and c.lower_ in _RELATIVE_OBJECTS for c in trig.children)
    ):
        yield relative.head, "antecedent"  # "X, which they claimed to have seized"
    if _small_clause(trig, rule):  # "declared the city liberated": the city was liberated
        for c in trig.children:
            if c.dep_ == "nsubj":
                yield c, "object"
    if (
        rule.direct
        and trig.dep_ == "acomp"
        and trig.tag_ in ("VBN", "JJ")
        and trig.head.lemma_ in _BECOMING
    ):  # "X is almost completely encircled": the participle parsed as an adjective
        for c in trig.head.children:
            if c.dep_ == "nsubj":
                yield c, "object"
    if (
        trig.dep_ == "amod"
        and trig.lower_.endswith("ed")
        and sent.mention_of(trig.head) is None
        and trig.lemma_.lower() not in _STATE_VERBS
    ):  # "the captured city of X" ("the rebel-controlled town of X" is a status, not an event)
        yield trig.head, "object"
        if trig.head.dep_ == "nsubj" and trig.head.head.lemma_ in _LISTING_VERBS:
            for c in trig.head.head.children:  # "the liberated areas included A, B and C"
                if c.dep_ in ("dobj", "attr"):
                    yield c, "object"
    if rule.pos == "NOUN" and trig.dep_ == "dobj":
        for c in trig.head.children:  # "took control of nine areas, including X and Y"
            if c.dep_ == "prep" and c.lower_ in _LIST_PREPS:
                for o in _objects(c):
                    yield o, "object"
    counted = _counted_object(trig) if rule.pos == "NOUN" else trig
    if rule.pos == "NOUN" and counted.dep_ == "dobj":
        light = counted.head.lemma_ in _LIGHT_VERBS
        for c in counted.head.children:  # "launched an offensive on X", "carried out raids on X";
            # "took control of X" with "of" hung on the verb: the noun's own preposition
            if c.dep_ == "prep" and (c.lower_ in rule.preps or (light and c.lower_ in preps)):
                for o in _objects(c):
                    yield o, c.lower_
            elif light and c.dep_ in ("advmod", "npadvmod") and c.lower_ in _DIRECTIONAL:
                for o, _ in _hung_objects(c, _OF_ONLY):  # "made gains south of X"
                    yield o, "direction"
    if (
        rule.pos == "NOUN"
        and trig.dep_ == "pobj"
        and trig.head.lower_ == "to"
        and trig.head.head.lemma_.lower() == "subject"
    ):  # "subjected the settlements of A and B to artillery fire"
        verb = trig.head.head
        passive = is_passive(verb)
        for c in verb.children:
            if c.dep_ == ("nsubjpass" if passive else "dobj"):
                yield c, "object"
    if rule.pos == "NOUN" and trig.dep_ == "pobj" and trig.head.lower_ == "with":
        for c in trig.head.head.children:  # "responded with rocket fire on X": the parser
            if c.dep_ == "prep" and c.lower_ in rule.preps - {"in", "near", "around", "at"}:
                for o in _objects(c):  # hangs the noun's "on" on the verb
                    yield o, c.lower_
    if rule.pos == "NOUN" and trig.dep_ == "conj" and trig.head.pos_ in ("NOUN", "PROPN"):
        for c in trig.head.children:  # "regime and Russian bombardment on X": shared phrase
            if c.dep_ == "prep" and c.lower_ in preps:
                for o in _objects(c):
                    yield o, c.lower_
    clause = trig.head if rule.pos == "NOUN" and trig.dep_ == "nsubj" else trig
    if clause is not trig:  # "fighting raged in X", "clashes erupted near X"
        spread = clause.lemma_.lower() in _SPREAD_VERBS
        for c in clause.children:
            if c.dep_ == "prep" and (c.lower_ in preps or (spread and c.lower_ in _TOWARD)):
                for o in _objects(c):
                    yield o, c.lower_
            elif c.dep_ == "advmod" and c.lower_ == "there":
                yield c, "object"
            elif c.dep_ == "advmod" and c.lower_ in _DIRECTIONAL:  # "erupted east of X"
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        for o in _objects(p):
                            yield o, "direction"
    if rule.locative and clause.dep_ == "relcl" and _where_clause(clause):
        # "the town where battles raged"; "X, the capital of Y, where ...": X ("where" is "in
        # X": not the aim of the troops massed there)
        yield _where_antecedent(clause.head, sent), "object"
    for c in trig.children:
        if c.dep_ == "advmod" and c.lower_ == "there":
            yield c, "object"  # "fighting there was intense"
    if rule.pos == "NOUN" and trig.dep_ == "pobj" and trig.head.lower_ == "under":
        owner = trig.head.head  # a headline's "X under fire", "X under siege"
        if sent.mention_of(owner) is not None:
            yield owner, "object"
    if trig.dep_ in ("pobj", "pcomp") and trig.head.dep_ == "agent" and _nominal(trig, rule):
        for c in trig.head.head.children:  # "X was destroyed by Russian bombing"
            if c.dep_ == "nsubjpass":
                yield c, "object"
    if rule.pos == "NOUN" and trig.dep_ in ("dobj", "pobj"):
        witness = _witness(trig)  # "X saw heavy fighting", "X was the scene of clashes"
        if witness is not None:
            for c in witness.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    yield c, "object"
        taker = _fire_taker(trig) if rule.type == "bombardment" else None
        if taker is not None:  # "X took heavy fire", "the garrison at X received 1,000 rounds"
            yield from (
                _hung_objects(taker, _AT_HOLDERS)
                if taker.lemma_ in _HOLDERS
                else [(taker, "object")]
            )
        if trig.dep_ == "dobj" and trig.head.lemma_.lower() in _HEARING_VERBS:
            for c in trig.head.children:  # "residents of X report drone strikes": at X
                if c.dep_ == "nsubj" and c.lemma_.lower() in DWELLERS:
                    yield from _hung_objects(c, frozenset({"of", "in"}))
    if (
        rule.pos == "NOUN"
        and rule.type == "bombardment"
        and trig.dep_ == "nsubj"
        and trig.head.lemma_.lower() in _SHAKING_VERBS
    ):  # "explosions rocked X", "blasts shook X": what they shook
        yield from ((c, "object") for c in trig.head.children if c.dep_ == "dobj")
    stray = _stray_under(trig) if rule.type in ("bombardment", "clash") else None
    if stray is not None:  # "X came under renewed Azerbaijani shelling", misparsed
        yield from ((c, "object") for c in stray.head.children if c.dep_ == "nsubj")
    if (
        rule.pos == "NOUN"
        and trig.dep_ == "pobj"
        and trig.head.lower_ == "under"
        and trig.head.head.lemma_.lower() in _PUT_UNDER
    ):  # "kept X under siege", "placed X under fire" ("fled X under fire": not X)
        yield from ((o, "object") for o in trig.head.head.children if o.dep_ == "dobj")
    verb = _changing_verb(trig)
    if (
        rule.pos == "NOUN"
        and trig.dep_ == "pobj"
        and trig.head.lower_ in ("under", "into", "in")
        and (
            verb.lemma_.lower() in _CHANGE_VERBS
            or (rule.type != "capture" and verb.lemma_.lower() in _ENDURING_VERBS)
        )
    ):  # "X came under shelling", "X fell into the hands of the army"
        raised = _shared_subject(verb) if _raised_by_a_report(verb) else []
        for c in (*verb.children, *raised):  # ("X was said to be in rebel hands")
            if c.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if c.lower_ in _RELATIVE_SUBJECTS and verb.dep_ == "relcl":
                # "X, which has been under attack", "X, which fell under army control": X;
                # "X, which had been under their control since May" only describes X
                if rule.type != "capture" or verb.lemma_.lower() != "be":
                    yield _antecedent(verb, sent), "antecedent"
            else:
                yield c, "object"
    if rule.pos == "NOUN":
        yield from _stray_parallel_preps(trig, rule)


#: Adverbs between a verb and its "in"/"under" that still tell a change ("was back in
#: Ukrainian hands", "is once again under army control").
_BACK = frozenset({"back", "again", "once"})


def _changing_verb(noun: Token) -> Token:
    """The verb above a noun's preposition, through an adverb of return ("was back in")."""
    above = noun.head.head
    if above.dep_ == "advmod" and above.lower_ in _BACK:
        return above.head
    return above


def _stray_parallel_preps(trig: Token, rule: Trigger) -> Iterator[tuple[Token, str]]:
    """A repeated preposition the parser hung on one above the event noun.

    "responded with strikes on A and on the towns of B and C": the second "on" is conjoined to
    "with"; it is the strikes' second "on".
    """
    own = {c.lower_ for c in trig.children if c.dep_ == "prep" and c.lower_ in rule.preps}
    t = trig
    while own and t.dep_ == "pobj" and t.head.dep_ == "prep":
        prep = t.head
        for k in prep.children:
            if k.dep_ == "conj" and k.pos_ == "ADP" and k.lower_ in own:
                yield from ((o, k.lower_) for o in _objects(k))
        t = prep.head


def _with_parallels(slots: Iterator[tuple[Token, str]]) -> Iterator[tuple[Token, str]]:
    """The slots, and the same container repeated after a semicolon.

    "shelled the villages of A and B in one province; the villages of C and D in another":
    the parser hangs the second list anywhere; the repeated noun says it is the same object.
    """
    for slot, edge in slots:
        yield slot, edge
        if edge in LOCATIVE_PREPS or edge == "direction":
            yield from _conjoined_locatives(slot)
        if slot.lower_ not in CONTAINERS:
            continue
        for t in slot.doc[slot.i + 1 :]:
            if t.lower_ != slot.lower_:
                continue
            before = [p for p in slot.doc[max(0, t.i - 2) : t.i] if p.dep_ != "det"]
            if before and before[-1].text == ";":
                yield t, edge


def _conjoined_locatives(slot: Token) -> Iterator[tuple[Token, str]]:
    """Places of a locative phrase coordinated with the one that reached ``slot``.

    "fighting around X, where ..., and near Y", "clashes 5 km south of X and near Y": the
    parser hangs "and near Y" on the clause or the compass word in between.
    """
    near = {*slot.subtree, *list(slot.ancestors)[:4]}
    for t in slot.doc[slot.i + 1 :]:
        if (
            t.dep_ == "conj"
            and t.pos_ == "ADP"
            and t.lower_ in LOCATIVE_PREPS
            and t.head in near
            and t.i > 0
            and t.doc[t.i - 1].lower_ in ("and", "or")
        ):
            yield from ((o, t.lower_) for o in _objects(t))


def _along_with(prep: Token) -> bool:
    """A prepositional "along with X": X is listed with the others, not a place passed along."""
    return prep.lower_ == "along" and any(c.lower_ == "with" for c in prep.children)


def _appended_members(container: Token, sent: ParsedSentence) -> list[Token]:
    """Places a plural container lists after itself, where the parser hung them elsewhere.

    "liberated many villages and towns, mainly, A, B and C"; "the liberation of five
    settlements near X: they are A, B and C". The list must follow at once, after a lead
    word or punctuation, and hold two places or more.
    """
    if container.tag_ not in ("NNS", "NNPS"):
        return []
    doc = container.doc
    i = container.right_edge.i + 1
    lead = i
    while i < len(doc) and i - lead < 4 and doc[i].lower_ in _LIST_LEADS:
        i += 1
    if i == lead or i >= len(doc) or sent.mention_of(doc[i]) is None:
        return []
    members = [t for t in _widen(doc[i]) if sent.mention_of(t) is not None]
    return members if len(members) >= 2 else []


def _parenthetical(tok: Token) -> bool:
    """A phrase in brackets: it locates or explains, it names no other place."""
    left = tok.left_edge.i
    return left > 0 and tok.doc[left - 1].text in ("(", "[")


def _described(appos: Token) -> bool:
    """An apposition that describes the name before it, not a list member.

    "X, a village near Y"; "X, the only airport in Y", "X, the city's suburb": a common noun
    after a name ("X, the village of Y and Z" is still a list).
    """
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in appos.children):
        return True
    return (
        appos.pos_ == "NOUN"
        and appos.head.pos_ == "PROPN"
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in appos.children)
    )


def _widen(tok: Token) -> Iterator[Token]:
    """The token, its conjuncts, its appositions and the members it lists."""
    seen = {tok.i}
    stack = [tok]
    while stack:
        t = stack.pop()
        yield t
        for c in t.children:
            nxt: list[Token] = []
            if c.dep_ == "conj" or (
                c.dep_ == "appos"
                and c.lower_ not in _DIRECTIONAL
                and c.lower_ not in _MEASURES
                and not _parenthetical(c)
                and not _described(c)
            ):  # "Chasiv Yar, west of Bakhmut", "Krynky (Kherson region)": they locate
                nxt = [c]
            elif c.dep_ == "appos" and _described(c):
                # "struck A, the next big town, and nearby B": the list goes on after the
                # description, which the parser hangs the next member on
                # (a comma closes the description first: "a town of A and B" is one noun)
                closed = any(k.dep_ == "punct" and k.text == "," for k in c.children)
                nxt = [k for k in c.children if k.dep_ == "conj" and closed]
            elif c.dep_ == "prep" and (
                c.lower_ in _LIST_PREPS or (c.lower_ == "as" and c.nbor(1).lower_ == "well")
            ):
                nxt = list(_objects(c))
            elif c.dep_ == "cc" and c.lower_ == "as":  # "A as well as B"
                continue
            elif c.dep_ == "prep":  # "among them A in September and B this week": the
                nxt = list(_gapped_members(c))  # parser hangs B on A's time word
            for n in nxt:
                if n.i not in seen:
                    seen.add(n.i)
                    stack.append(n)


def _descend(
    tok: Token,
    sent: ParsedSentence,
    strict: bool,
    depth: int = 0,
    locate: bool = False,
    forces: bool = False,
    within: bool = False,
) -> Iterator[PlaceArg]:
    """Places a slot token stands for: itself, or those its container noun frames.

    ``within``: the token locates a part of a town ("wards in the north of X"): "the north of
    X" is then inside X, where after a settlement ("villages in the north of X") it is not.

    With ``locate`` (fighting and fire), any other noun's locative phrase is where the event
    was ("struck a depot in X", "ambushed a convoy near X"); with ``forces`` (encirclement),
    a force's ("encircled units in X").
    """
    for t in _widen(tok):
        if sent.mention_of(t) is not None:
            yield PlaceArg(t)
            continue
        word = t.lower_
        if depth >= 3:
            continue
        if _renames_a_place(t, sent):
            continue  # "X, the largest city in Y": names X again (and locates it), no other place
        if word in _REFERENCE_PRONOUNS or (
            word in REFERENCE_NOUNS
            and any(c.lower_ in ("the", "this", "that") for c in t.children)
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
            and not any(sent.mention_of(c) is not None for c in t.children)
            and not _locates_a_place(t, sent)  # "the army base in X": X, not a reference
            and not _at_an_unknown_name(t, sent)  # "the airfield at Thabutkon": its own place
        ):
            yield PlaceArg(t, reference=True)
            continue
        if locate and _the_area(t):
            yield PlaceArg(t, reference=True)  # "fighting was continuing in the area": there
            continue
        if word in _MEASURES and any(k.lower_ == "square" for k in t.children):
            for c in t.children:  # "44 square kilometres near X": ground gained near X
                if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
                    for o in _objects(c):
                        for arg in _descend(o, sent, strict, depth + 1, locate):
                            yield PlaceArg(arg.token, reference=arg.reference, vicinity=True)
            continue
        if _provincial_capital(t):  # "the provincial capital of X": X names both
            towns = [o for o, _ in _hung_objects(t, _OF_ONLY) if _town_mention(o, sent)]
            if towns:
                yield from (PlaceArg(o) for o in towns)
                continue
        if word not in CONTAINERS and t.lemma_.lower() not in CONTAINERS:
            if t.pos_ in ("NOUN", "PROPN") and word not in _MEASURES:
                yield from _located_noun(t, sent, strict, depth, locate, forces)
            continue
        partial = (
            word in PART_WORDS
            and not any(
                c.lower_ in _WHOLE for c in t.children if c.dep_ in ("amod", "det", "predet")
            )  # "the whole western part of X" is all of it
            and not _names_a_district(t)
        ) or _some_buildings(t)
        periphery = word in PERIPHERY_WORDS
        inner = (  # "entered the north of X" is in X; "north of X" is not
            word in _DIRECTIONAL
            and (depth == 0 or within)
            and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
        )
        directional = word in _DIRECTIONAL and not inner
        partial = partial or inner
        named = [
            c
            for c in t.children
            if c.dep_ in ("compound", "poss", "nmod", "amod", "appos")
            and any(sent.mention_of(k) is not None for k in _widen(c))
        ]  # "A, B and C villages": the parser may hang C on an unknown B
        counted = _counted(t)
        appended = _appended_members(t, sent) if not named else []
        for m in appended:
            for arg in _descend(m, sent, strict, depth + 1, locate):
                yield PlaceArg(arg.token, reference=arg.reference)
        listed = bool(appended) or any(
            c.dep_ == "prep" and c.lower_ in _LIST_PREPS for c in t.children
        )
        of_named = any(  # "the town of X, near Y": Y says where X is, known or not
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(sent.mention_of(o) is not None or o.pos_ == "PROPN" for o in _objects(c))
            for c in t.children
        )
        if _seat(t) and not named and not of_named:
            town = next(
                (k for k in t.subtree if k.dep_ == "compound" and k.lower_ in ("city", "town")),
                None,
            )
            if town is not None:  # "raised the flag over the city council building": the town
                yield PlaceArg(town, partial=True, reference=True, seat=True)
        # "in the X sector near A and B": A and B locate it, the axis X does not
        front_located = word in _FRONT_WORDS and any(
            c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS and c.lower_ != "of" for c in t.children
        )
        for c in t.children:
            subs: list[Token] = []
            vicinity = False
            if c in named and front_located:
                continue
            if c in named and of_named and c.dep_ in ("compound", "nmod") and c.i < t.i:
                continue  # "the Aden suburb of X": X; Aden only says where X lies
            if c in named:
                subs = [c]
            elif (
                c.dep_ in ("nmod", "compound", "appos")
                and c.lower_ in CONTAINERS
                and c.lower_ not in _DIRECTIONAL
            ):
                subs = [c]  # "Skik town and al-Habit town": a container inside a container
            elif c.dep_ == "poss" and c.lower_ in REFERENCE_NOUNS:
                subs = [c]  # "the town's northern districts"
            elif c.dep_ == "poss" and c.lower_ == "its" and word in PART_WORDS:
                yield PlaceArg(c, partial=partial, reference=True, periphery=periphery)
                continue  # "fighting in its outskirts": the place the story is about
            elif c.dep_ == "prep" and c.lower_ == "of" and counted and word not in PART_WORDS:
                # "freed six villages of X": villages in the area X, not X ("several wards of X"
                # are parts of X); but "villages of A and B districts and the city of B": B too
                subs = [k for k in c.subtree if k.dep_ == "conj" and _the_settlement_of(k)]
            elif c.dep_ == "prep" and c.lower_ in ("of", *_LIST_PREPS):
                subs = list(_objects(c))
            elif c.dep_ == "prep" and (named or listed or of_named) and not front_located:
                continue  # "Jarjanaz town in Idlib", "villages in Idlib, including A": A, not Idlib
            elif c.dep_ == "prep" and c.lower_ in ("in", "inside", "within") and not directional:
                subs = list(_objects(c))
            elif c.dep_ == "prep" and c.lower_ == "at" and t.lemma_.lower() in _FACILITIES:
                subs = list(_objects(c))  # "seized the airport at X": the town's airport
            elif c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
                subs = list(_objects(c))
                vicinity = strict  # "regained positions near X": near it, not X itself
            inside_part = word in PART_WORDS and c.dep_ == "prep" and c.lower_ == "in"
            for s in subs:
                for arg in _descend(s, sent, strict, depth + 1, locate, within=inside_part):
                    yield PlaceArg(
                        arg.token,
                        partial=arg.partial or partial,
                        reference=arg.reference,
                        directional=arg.directional or directional,
                        vicinity=arg.vicinity or vicinity,
                        periphery=arg.periphery or periphery,
                        seat=arg.seat or _seat(t),
                    )


def _located_noun(
    noun: Token, sent: ParsedSentence, strict: bool, depth: int, locate: bool, forces: bool
) -> Iterator[PlaceArg]:
    """Places that locate a noun which is no place itself, where its event happened there.

    Fighting and fire are where their target is ("struck a depot in X"); forces encircled
    "in X" were encircled there; a facility is in the place that owns it ("X's main market",
    "the oil port of X", "the police station in X", "seized the airport in X").
    """
    lemma = noun.lemma_.lower()
    if (
        noun.lower_ in FORCE_NOUNS
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lower_ in _FACILITIES
    ):  # "the headquarters of the 16th Division in X": the unit's base in X
        for town, _ in _hung_objects(noun, frozenset({"in", "inside"})):
            if _town_mention(town, sent):
                yield PlaceArg(town)
    if locate:  # "fought the separatists for control of X" (hung on the object)
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "for":
                for o in _objects(c):
                    if o.lemma_.lower() == "control":
                        for place, _ in _hung_objects(o, frozenset({"of", "over"})):
                            yield from _descend(place, sent, strict, depth + 1, locate)
    if locate or (forces and lemma in FORCE_NOUNS | _POSTS):
        # ("the garrison of X", "the force at X" was encircled there)
        preps = _LOCATING_PREPS | {"of"} if locate else frozenset({"in", "inside", "at", "of"})
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for o in _objects(c):
                    yield from _descend(o, sent, strict, depth + 1, locate)
    if (forces or locate) and lemma in FORCE_NOUNS:  # "troops holding X were cut off"
        for c in noun.children:
            if c.dep_ == "acl" and c.lemma_.lower() in _HOLDING_VERBS:
                for o in c.children:
                    if o.dep_ == "dobj" and _town_mention(o, sent):
                        yield PlaceArg(o)
    if locate or lemma in _FACILITIES:
        for c in noun.children:
            if c.dep_ == "poss" and _town_mention(c, sent):
                yield PlaceArg(c)
            elif (
                c.dep_ == "poss"
                and c.lower_ in REFERENCE_NOUNS
                and any(d.lower_ == "the" for d in c.children)
            ):
                yield PlaceArg(c, partial=True, reference=True)  # "the city's main market":
                # a part of the town the story is about ("took the city's hospital": inside it)
    if lemma in _FACILITIES:  # "the oil port of X", "the police station in X", "the base at X"
        for owner, _ in _hung_objects(noun, frozenset({"of", "in", "inside", "at"})):
            if _town_mention(owner, sent):
                yield PlaceArg(owner)


def _where_clause(verb: Token) -> bool:
    """A relative clause opened by "where": its antecedent is where it happens, no argument."""
    return any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children)


def _where_antecedent(head: Token, sent: ParsedSentence) -> Token:
    """The place a "where" clause describes: its head, or the place its head describes.

    "X, capital of Y province, some 140 km to the north-east, where ...": X.
    """
    tok = head
    for _ in range(6):
        if sent.mention_of(tok) is not None or tok.head.i == tok.i:
            break
        if tok.dep_ not in ("pobj", "prep", "conj", "appos", "npadvmod", "advmod"):
            break
        tok = tok.head
    if sent.mention_of(tok) is not None:
        return _compass_described(tok) or _renamed(tok, sent)  # "A, near X, where": A
    return _renamed(head, sent)


def _renamed(noun: Token, sent: ParsedSentence) -> Token:
    """The place an apposition renames: "X, the capital of Y province, where ...": X."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "appos":
        noun = noun.head.head
    if noun.dep_ == "appos" and sent.mention_of(noun.head) is not None:
        return noun.head
    return noun


def _renames_a_place(noun: Token, sent: ParsedSentence) -> bool:
    """A definite description in apposition to a place ("northwest Syria, the last stronghold")."""
    return (
        noun.dep_ == "appos"
        and sent.mention_of(noun.head) is not None
        and (noun.lower_ in CONTAINERS or noun.lower_ in REFERENCE_NOUNS)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    )


def _locates_a_place(noun: Token, sent: ParsedSentence) -> bool:
    """The noun has a preposition naming a town ("the base in X").

    A province or a region ("the first town in southern Idlib") leaves the noun a reference.
    """
    return any(
        c.dep_ == "prep"
        and c.lower_ not in _TOWARD | _HEADING  # "fled the city towards X": where they went
        and any(_town_mention(o, sent) for o in _objects(c))
        for c in noun.children
    )


def _the_settlement_of(noun: Token) -> bool:
    """One settlement named by its "of": "the city of X", "the town of X"."""
    return (
        noun.lower_ in ("city", "town", "village")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
        and _names_a_container(noun)
    )


def _the_area(noun: Token) -> bool:
    """A bare "in the area" on a verb: the place the story is about.

    Not with "of" or a modifier, nor on a noun ("attacks on villages in the area": where the
    villages lie).
    """
    return (
        noun.lower_ == "area"
        and noun.dep_ == "pobj"
        and noun.head.lower_ in ("in", "around")
        and noun.head.head.pos_ in ("VERB", "AUX")
        and [c.lower_ for c in noun.children] == ["the"]
    )


def _at_an_unknown_name(noun: Token, sent: ParsedSentence) -> bool:
    """The noun is "at" a name the gazetteer does not know: a place of its own, unplaced.

    The parser may hang the "at" on the verb of its object ("seized the airfield at X").
    """
    heads = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
    return any(
        c.dep_ == "prep"
        and c.lower_ == "at"
        and any(o.pos_ == "PROPN" and sent.mention_of(o) is None for o in _objects(c))
        for h in heads
        for c in h.children
    )


def _town_mention(tok: Token, sent: ParsedSentence) -> bool:
    mention = sent.mention_of(tok)
    return (
        mention is not None
        and mention.place is not None
        and mention.place.kind not in ("country", "region", "province")
        and not any(c.dep_ == "amod" and c.lower_ in _REGION_ADJECTIVES for c in tok.children)
    )


#: Adjectives that make a name a region ("southern Idlib", "eastern Ukraine").
_REGION_ADJECTIVES = frozenset(
    """northern southern eastern western central northwestern northeastern southwestern
    southeastern north-western north-eastern south-western south-eastern""".split()
)


#: Parts of a town that are places of their own when named with "of" ("the district of X").
_NAMED_PARTS = frozenset({"district", "neighbourhood", "neighborhood", "quarter", "suburb"})


def _names_a_district(container: Token) -> bool:
    """A named district: "the district of X" is all of X ("the eastern district of X" is not)."""
    return (
        container.lower_ in _NAMED_PARTS
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in container.children)
        and not any(c.dep_ in ("amod", "compound", "nummod") for c in container.children)
    )


def _counted(container: Token) -> bool:
    """A plural container with a count ("six villages", "several towns"): its "of" is the area."""
    return container.tag_ in ("NNS", "NNPS") and any(
        c.dep_ == "nummod" or (c.dep_ in ("amod", "det") and c.lower_ in _COUNT_WORDS)
        for c in container.children
    )


def place_arguments(trig: Token, rule: Trigger, sent: ParsedSentence) -> list[PlaceArg]:
    """The places a trigger governs, in text order, each once."""
    # an entry (or a move "into" that would be one) takes the place itself, not one near it
    strict = rule.type in _STRICT_TYPES or rule.into is not None
    locate = rule.type in _LOCATED_TYPES
    forces = rule.type == "encirclement"
    found: dict[int, PlaceArg] = {}
    facility = _facility_object(trig, sent)
    ground = area_measure_object(trig)  # "liberated 2 square km near X": the gain is near X
    for slot, edge in _with_parallels(_slots(trig, rule, sent)):
        if (
            edge in LOCATIVE_PREPS - rule.preps
            and not rule.locative
            and not (facility and edge in ("in", "inside", "at"))  # "seized the airport in X"
            and not ground
        ):
            continue  # "captured villages near X": X is where, not what, was taken
        went = _destination(trig) if rule.type == "withdrawal" else None
        if went is not None and edge in LOCATIVE_PREPS - rule.preps and slot.i > went:
            continue  # "fled to different areas in and around X": where they went, not left
            # ("around X they pulled back to new lines": where they were)
        if edge == "direction" and rule.type in ("capture", "entry", "encirclement"):
            continue  # "took villages west of X": not X
        if edge == "direction" and _set_off(slot) and (found or _describes_a_place(slot, sent)):
            continue  # "bombed the villages of A and B, east of X": where A and B lie
        for arg in _descend(slot, sent, strict, locate=locate, forces=forces):
            if arg.directional and rule.type in ("capture", "entry", "encirclement"):
                continue  # "took A, near B, and south of C": not C
            directional = arg.directional or edge == "direction"
            found.setdefault(
                arg.token.i,
                PlaceArg(
                    arg.token,
                    arg.partial,
                    arg.reference,
                    directional,
                    edge,
                    arg.vicinity,
                    arg.periphery,
                    arg.seat,
                ),
            )
    if not found and rule.type == "withdrawal":
        for tok in _position_of(_withdrawing_side(trig)):
            for arg in _descend(tok, sent, strict):
                found.setdefault(arg.token.i, PlaceArg(arg.token, reference=arg.reference))
    if not found and rule.type == "withdrawal":
        for tok in _taken_when_withdrawn(trig):  # "seized X as the army withdrew"
            for arg in _descend(tok, sent, strict):
                found.setdefault(arg.token.i, PlaceArg(arg.token, reference=arg.reference))
    if _names_an_unknown_place(trig, sent):
        return [found[i] for i in sorted(found)]  # "struck Mitiga, the airport in X": at Mitiga
    if not found and locate and rule.locative:
        for tok in _clause_locatives(trig, rule):
            if _describes_a_place(tok, sent):
                continue  # "artillery shelled A, 20 km south of X": where A lies
            for arg in _descend(tok, sent, strict, locate=True):
                found.setdefault(arg.token.i, _by_clause(arg))
    if not found and rule.type == "bombardment":
        for tok in _fired_on_positions(trig, sent):  # "targeting positions held by the RSF
            found.setdefault(tok.i, PlaceArg(tok, via="clause"))  # east of X": X
    if not found and locate and rule.locative:
        for tok in _first_conjunct_places(trig):
            for arg in _descend(tok, sent, strict, locate=True):
                found.setdefault(arg.token.i, _by_clause(arg))
    if not found and (locate or facility):  # "In X, troops seized the airport": X
        for tok in _fronted_locatives(trig):
            for arg in _descend(tok, sent, strict, locate=True):
                found.setdefault(arg.token.i, _by_clause(arg))
    return [found[i] for i in sorted(found)]


def _by_clause(arg: PlaceArg) -> PlaceArg:
    """A place the trigger's clause gives it, a reference word still one."""
    return PlaceArg(arg.token, arg.partial, arg.reference, via="clause")


def _names_an_unknown_place(trig: Token, sent: ParsedSentence) -> bool:
    """The direct object is a name the gazetteer does not know, described by an apposition.

    "struck Mitiga, the only airport in Tripoli": the event is at Mitiga, unplaced.
    """
    return any(
        c.dep_ == "dobj"
        and c.pos_ == "PROPN"
        and sent.mention_of(c) is None
        and any(a.dep_ == "appos" and _described(a) for a in c.children)
        for c in trig.children
    )


def _fronted_locatives(trig: Token) -> Iterator[Token]:
    """Objects of a sentence-initial "In X," on the clause that reports the trigger's.

    "In X, the army said it had beaten off an attack": the phrase sets the scene of what
    the reporting verb tells, though the parser hangs it on that verb.
    """
    clause = trig
    for _ in range(3):
        if clause.dep_ != "ccomp" or clause.head.i == clause.i:
            return
        clause = clause.head
        for c in clause.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at") and c.i == c.sent.start:
                yield from _objects(c)


#: Targets of fire that stand where the place their description names is.
_FIRED_POSITIONS = frozenset(
    "position positions gathering gatherings fortification fortifications depot depots".split()
)


def _fired_on_positions(trig: Token, sent: ParsedSentence) -> list[Token]:
    """Towns named anywhere in the description of the positions fire hit.

    The parser may hang their "near X" or "east of X" on another word of the description
    ("positions held by the RSF east of X").
    """
    out: list[Token] = []
    for obj in trig.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in _FIRED_POSITIONS:
            continue
        out.extend(
            t
            for t in obj.subtree
            if t.i != obj.i
            and _town_mention(t, sent)
            and t.dep_ == "pobj"
            and t.head.lower_ in LOCATIVE_PREPS | {"of"}
        )
    return out


def _set_off(place: Token) -> bool:
    """A compass phrase set off by a comma ("..., east of X"): it describes what precedes it."""
    compass = place.head.head if place.head.lower_ == "of" else None
    if compass is None:
        return False
    start = compass.left_edge.i  # "..., about 20 km south of X": from the distance on
    return start > 0 and compass.doc[start - 1].is_punct


def _set_off_after(place: Token) -> Token | None:
    """The word before the comma that sets off the locating phrase ending in ``place``.

    "A, about 20 km south of X", "A, near X": A for X (wherever the parser hangs the
    phrase); else None.
    """
    if place.head.lower_ == "of" and place.head.head.lower_ in _DIRECTIONAL:
        start = place.head.head.left_edge.i
    elif place.dep_ == "pobj" and place.head.lower_ in _NEARBY:
        start = place.head.left_edge.i
    else:
        return None
    return place.doc[start - 2] if start > 1 and place.doc[start - 1].text == "," else None


#: Prepositions of a place's surroundings that a comma sets off after another place.
_NEARBY = frozenset({"near", "outside"})


def _describes_a_place(place: Token, sent: ParsedSentence) -> bool:
    """The compass phrase of ``place`` is set off after a place: it says where that lies."""
    before = _set_off_after(place)
    return before is not None and sent.mention_of(before) is not None


#: Measures of ground: a capture of them is ground gained near a place, not the place.
_AREA_MEASURES = frozenset("kilometre kilometer km mile hectare km2 km²".split())


def area_measure_object(tok: Token) -> bool:
    """The object taken is an area ("liberated 44 square kilometres near X")."""
    return any(
        c.dep_ in ("dobj", "nsubjpass")
        and c.lemma_.lower() in _AREA_MEASURES
        and (c.lower_ in ("km2", "km²") or any(k.lower_ == "square" for k in c.children))
        and not any(k.dep_ == "conj" for k in c.children)  # "... and the towns of A and B"
        for c in tok.children
    )


def _facility_object(trig: Token, sent: ParsedSentence) -> bool:
    """The direct object is a facility or post, not itself a place ("seized the airport")."""
    return any(
        c.dep_ == "dobj"
        and c.lemma_.lower() in _FACILITIES
        and sent.mention_of(c) is None
        and not any(sent.mention_of(k) is not None for k in c.subtree)
        for c in trig.children
    )


def _span_text(tok: Token) -> str:
    return tok.doc[tok.left_edge.i : tok.i + 1].text


def _taken_when_withdrawn(trig: Token) -> list[Token]:
    """The objects of a capture or entry a placeless withdrawal times ("after the rebels fled").

    "retook X after the rebels fled", "seized X as the army withdrew": they left X.
    """
    head = trig.head
    if trig.dep_ != "advcl" or head.pos_ != "VERB" or trig.i < head.i:
        return []
    lemma = lemma_of(head.text, head.lemma_)
    if not any(r.type in ("capture", "entry") for r in triggers_for(lemma, "VERB")):
        return []
    subject = next((c for c in trig.children if c.dep_ == "nsubj"), None)
    if subject is None or not (
        find_actors(_span_text(subject), generic=True) or subject.lemma_.lower() in FORCE_NOUNS
    ):
        return []  # "after police officers fled": no fighting force, no side to give
    return [c for c in head.children if c.dep_ == "dobj"] + [
        o
        for c in head.children
        if c.dep_ == "dobj" and c.lemma_.lower() == "control"
        for p in c.children
        if p.dep_ == "prep" and p.lower_ in ("of", "over")
        for o in _objects(p)
    ]


def _withdrawing_side(trig: Token) -> Token | None:
    """Who withdrew: the subject, or the noun a possessive pronoun stands for ("their retreat")."""
    for c in trig.children:
        if c.dep_ in ("nsubj", "poss") and c.pos_ != "PRON":
            return c
        if c.dep_ == "poss" and c.lower_ in ("their", "its"):
            for t in reversed(list(trig.doc[: c.i])):
                if t.pos_ in ("NOUN", "PROPN") and any(
                    k.dep_ in ("relcl", "acl") for k in t.children
                ):
                    return t  # "the militants, who were holed up in X, ... their retreat"
            return None
    return None


#: Time words a gapped list hangs its next object on ("took A on Tuesday and B on Wednesday").
_TIME_WORDS = frozenset({*WEEKDAYS, *MONTHS, "morning", "night", "day"})


def participle_modifier(verb: Token) -> Token | None:
    """A participle right after an object-less verb, which the parser made its clause.

    "drones struck retreating vehicles near X": "retreating" describes the vehicles; its
    object and phrases are the verb's own.
    """
    if any(c.dep_ == "dobj" for c in verb.children) or verb.i + 1 >= len(verb.doc):
        return None
    if verb.pos_ != "VERB" or not triggers_for(lemma_of(verb.text, verb.lemma_), "VERB"):
        return None  # "began shelling positions": the participle is the event
    nxt = verb.doc[verb.i + 1]
    ok = nxt.head.i == verb.i and nxt.dep_ == "xcomp" and nxt.tag_ == "VBG"
    return nxt if ok and any(c.dep_ == "dobj" for c in nxt.children) else None


def _gapped_objects(verb: Token) -> Iterator[Token]:
    """Objects of a gapped clause the parser conjoined to a time word.

    "took A on Tuesday and B on Wednesday": B hangs on "Tuesday" as its conjunct.
    """
    if not any(c.dep_ == "dobj" for c in verb.children):
        return
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        yield from _gapped_members(prep)


def _gapped_members(prep: Token) -> Iterator[Token]:
    """Names conjoined to the time word of a list member's phrase ("A in May and B in June")."""
    for when in _objects(prep):
        if when.lower_ in _TIME_WORDS:
            yield from (k for k in when.children if k.dep_ == "conj" and k.pos_ == "PROPN")


def _fire_taker(trig: Token) -> Token | None:
    """The subject of a verb of taking fire whose object is ``trig`` (or rounds of it).

    "X took heavy fire", "the garrison at X received 1,000 rounds of artillery fire".
    """
    taken = trig
    if trig.dep_ == "pobj" and trig.head.lower_ == "of" and trig.head.head.lemma_ in MUNITIONS:
        taken = trig.head.head
    if taken.dep_ != "dobj" or taken.head.lemma_.lower() not in _TAKING_FIRE:
        return None
    return next((c for c in taken.head.children if c.dep_ == "nsubj"), None)


def _stray_under(trig: Token) -> Token | None:
    """The "under" a fire word follows when the parser did not make it its object.

    "X came under renewed Azerbaijani shelling": the parser reads "renewed" as a verb and
    "shelling" as its clause; the words between are the fire's modifiers.
    """
    if trig.dep_ == "pobj":
        return None
    for k in range(trig.i - 1, max(trig.sent.start, trig.i - 4) - 1, -1):
        tok = trig.doc[k]
        if tok.lower_ == "under":
            ok = tok.dep_ == "prep" and tok.head.lemma_.lower() in _CHANGE_VERBS
            return tok if ok and tok.head.i < tok.i else None
        if not tok.is_alpha or tok.lower_ in ("and", "or", "but"):
            return None
    return None


def _position_of(side: Token | None) -> Iterator[Token]:
    """Where a side was, as its relative clause says ("who were holed up in the town").

    A garrison "of X" held X ("the garrison of X fled northwards").
    """
    if side is None:
        return
    if side.lemma_.lower() in _HOLDERS:
        for c in side.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                yield from _objects(c)
    for c in side.children:
        if c.dep_ in ("relcl", "acl"):
            for t in c.subtree:
                if t.dep_ == "prep" and t.lower_ in ("in", "inside", "within"):
                    yield from _objects(t)


#: Forces named by the place they hold ("the garrison of X", "the defenders of X").
_HOLDERS = FORCE_NOUNS & {"garrison", "defender"}
_OWN_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "parataxis", "conj", "xcomp", "csubj"})


def _first_conjunct_places(trig: Token) -> list[Token]:
    """Where the verb a placeless conjunct joins acted.

    Only a conjunct located by a landmark it does not name ("encircled X and battled militants
    near two hospitals"); "took X and are hitting enemy units with artillery" says nothing of
    where the units are.
    """
    head = trig.head
    if (
        trig.dep_ != "conj"
        or head.pos_ != "VERB"
        or any(c.dep_ in ("nsubj", "nsubjpass") for c in trig.children)
        or not any(c.dep_ == "prep" and c.lower_ in _LOCATING_PREPS for c in trig.children)
    ):
        return []
    out = [c for c in head.children if c.dep_ == "dobj"]
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS | _TOWARD:
            out.extend(_objects(c))
    return out


def _before_a_town(prep: Token) -> Iterator[Token]:
    """The name after the older locative "before": "fighting before Sebastopol".

    Never a time or a deed: "before dawn", "before the fall of X".
    """
    if prep.lower_ == "before":
        yield from (o for o in _objects(prep) if o.pos_ == "PROPN")


#: Verbs whose subject, fighting or fire, takes over their object: "clashes rocked X".
_ENGULFING = frozenset("rock shake engulf grip convulse rattle roil spread".split())


def _clause_locatives(trig: Token, rule: Trigger) -> Iterator[Token]:
    """Objects of "in"/"near" anywhere in the trigger's clause, outside its other clauses.

    A fallback for fighting and fire when the parser hung the place phrase elsewhere ("clashes
    raged between A on one side and B on the other in the countryside of X").
    """
    clause = trig.head if _nominal_gerund(trig) else trig  # "Fighting continued around X"
    if rule.pos == "NOUN":  # "the intensity of fighting has decreased near X": the verb's phrase
        for _ in range(4):
            if clause.pos_ in ("VERB", "AUX") or clause.dep_ == "ROOT":
                break
            if clause.dep_ not in ("nsubj", "nsubjpass", "pobj", "prep", "dobj", "attr"):
                break
            clause = clause.head
    if rule.pos == "NOUN" and trig.dep_ == "nsubj" and clause.lemma_.lower() in _ENGULFING:
        yield from (c for c in clause.children if c.dep_ == "dobj")  # "gun battles rocked X"
        for p in clause.children:  # "fighting spread to the outskirts of X"
            if p.dep_ == "prep" and p.lower_ in ("to", "into") and clause.lemma_ == "spread":
                yield from _objects(p)
    stack = [c for c in clause.children if c.i != trig.i or clause is trig]
    while stack:
        t = stack.pop()
        if t.dep_ in _OWN_CLAUSES and t.pos_ in ("VERB", "AUX"):
            continue
        if t.dep_ == "prep" and t.lower_ == "from":
            continue  # "artillery fired from its bases in X": where the fire came from
        if t.dep_ in ("prep", "conj") and t.pos_ == "ADP" and t.lower_ in _LOCATING_PREPS:
            yield from _objects(t)  # ("heard at A and in B": the parser conjoins "in")
            continue
        towns = list(_before_a_town(t)) if t.dep_ == "prep" else []
        if towns:
            yield from towns
            continue
        if t.dep_ in ("advmod", "npadvmod") and t.lower_ in _DIRECTIONAL:
            for p in t.children:  # "clashes continued east of X"
                if p.dep_ == "prep" and p.lower_ == "of":
                    yield from _objects(p)
            continue
        edges = (
            [o for o in _objects(t) if o.lower_ in PERIPHERY_WORDS]
            if t.dep_ == "prep" and t.lower_ == "on"
            else []
        )
        if edges:  # "On the outskirts of X, the army intensified its shelling"
            yield from edges
            continue
        fronts = (
            [o for o in _objects(t) if o.lemma_.lower() in _FRONT_WORDS]
            if t.dep_ == "prep" and t.lower_ == "on"
            else []
        )
        if fronts:  # "on the X axis", "on the X front"
            yield from fronts
            continue
        stack.extend(t.children)


#: Verbs by which a side fights off the other's attack: the fight is the attackers'.
_FOUGHT_OFF = frozenset("repel repulse thwart foil fend stop halt beat".split())
#: Nouns of a try that a side fights off like an attack ("foiled an attempt by X to ...").
_ATTEMPTS = frozenset("attempt bid effort".split())


def _attackers(verb: Token) -> list[Token]:
    """Who made the attack a side fought off: "repelled a rebel attack", "an attempt by X"."""
    if verb.lemma_.lower() not in _FOUGHT_OFF:
        return []
    out: list[Token] = []
    for noun in verb.children:
        if noun.dep_ != "dobj" or not (_event_noun(noun) or noun.lemma_.lower() in _ATTEMPTS):
            continue
        out.extend(
            c for c in noun.children if c.dep_ in ("poss", "compound", "amod") and not c.is_stop
        )
        for host in (noun, verb):  # the parser may hang "by" on the verb
            out.extend(agent for agent, _ in _hung_objects(host, _BY))
    return out


def agent_tokens(trig: Token, rule: Trigger, places: frozenset[int] = frozenset()) -> list[Token]:
    """Tokens that may name who acted, best first: subject, "by" agent, "fell to" object, owner.

    A place token is never the agent ("the capture of X"). The caller takes the first that
    names a side, else the first.
    """
    out: list[Token] = []
    if trig.pos_ == "NOUN" and trig.dep_ == "pobj" and trig.head.lower_ in ("into", "to"):
        forced = trig.head.head  # "forced Ukraine into a retreat": the one forced moved
        out.extend(
            c
            for c in forced.children
            if c.dep_ == "dobj" and (c.i not in places or _capital_actor(c))
        )
    if trig.dep_ == "conj" and trig.pos_ == "NOUN" and trig.head.pos_ in ("NOUN", "PROPN"):
        out.append(trig.head)  # "regime and Russian bombardment": the first conjunct's side
    if rule.pos == "VERB" and rule.type == "clash" and not is_passive(trig):
        out.extend(_attackers(trig))  # "repelled 36 Russian attacks": the Russians attacked
    if rule.subject:  # "X fell to the army": the side it fell to
        for c in trig.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "into"):
                out.extend(o for o in _objects(c) if o.i not in places)
        return out[:1]
    t: Token | None = trig
    for _ in range(4):
        if t is None:
            break
        passive = (t.i != trig.i or rule.pos == "VERB") and is_passive(t)
        for c in t.children:
            if c.i in places and not _capital_actor(c):
                continue  # "the capture of X"; a country or capital may act ("Russia claims")
            if passive and c.dep_ == "agent":
                out.extend(o for o in _objects(c) if o.i not in places)
            if (
                not passive
                and t.i != trig.i
                and trig.pos_ == "NOUN"
                and c.dep_ == "prep"
                and c.lower_ == "by"
            ):  # "X came under fire by Damascus": the parser hangs the noun's "by" on the verb
                out.extend(o for o in _objects(c) if o.i not in places or _capital_actor(o))
            if not passive and c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in ("who", "that", "which") and t.dep_ == "relcl":
                    out.append(t.head)
                else:
                    out.append(c)
            if t.pos_ == "NOUN" and c.dep_ in ("poss", "compound", "amod") and not c.is_stop:
                if not _manner(c):  # "a tactical withdrawal": how, not who
                    out.append(c)
            elif t.pos_ == "NOUN" and c.dep_ == "poss" and c.lower_ in ("their", "its"):
                owner = _withdrawing_side(t)  # "the militants, who ..., before their retreat"
                if owner is not None:
                    out.append(owner)
            if t.pos_ == "NOUN" and c.dep_ == "prep" and c.lower_ in _agent_preps(t, trig, rule):
                out.extend(
                    o
                    for o in _objects(c)
                    if o.i not in places or (c.lower_ == "by" and _capital_actor(o))
                )  # "fire by Damascus": the government
        if passive:
            break  # an agentless passive names no side here
        if t.dep_ == "acl" and t.tag_ == "VBG" and t.head.i not in places:
            out.append(t.head)  # "forces advancing towards X", "a convoy heading to X"
            break
        conj = t.dep_ == "conj" or (t.dep_ == "dep" and t.pos_ == t.head.pos_ == "VERB")
        # ("took X in May, then lost it": a second verb the parser left unlabelled)
        if (t.dep_ == "advcl" or conj) and any(c.dep_ == "nsubj" for c in t.children):
            break  # "retook X after the militants fled": the clause's own subject fled
        if t.dep_ == "xcomp":  # "forced Ukrainian troops to withdraw": the troops withdrew
            out.extend(c for c in t.head.children if c.dep_ == "dobj" and c.i not in places)
        infinitive = t.dep_ == "relcl" and has_infinitive_to(t)
        if (
            t.dep_ in ("xcomp", "advcl", "pcomp", "acl", "dobj")
            or conj
            or t.pos_ == "NOUN"
            or infinitive  # "launched an operation to take back X": who launched it
        ):
            t = t.head
            while (t.dep_ == "prep" or t.pos_ == "ADP") and t.head.i != t.i:
                t = t.head  # never past the root (a fragment's root may be a preposition)
        else:
            break
    return out


def _manner(modifier: Token) -> bool:
    """A lower-case adjective that names no side: how an event went ("tactical", "heavy")."""
    return (
        modifier.dep_ == "amod"
        and modifier.pos_ == "ADJ"
        and modifier.text.islower()
        and not find_actors(modifier.text)
    )


#: Event types whose noun's "of" names who moved ("the withdrawal of the troops"); elsewhere "of"
#: names what was taken or hit ("control of the Ukrainian town of X", "the shelling of X").
_MOVER_TYPES = frozenset({"advance", "withdrawal", "entry"})


def _agent_preps(noun: Token, trig: Token, rule: Trigger) -> tuple[str, ...]:
    """Prepositions of an event noun (the trigger or a noun above it) that name its agent."""
    if noun.lemma_.lower() in _HOLDER_NOUNS and noun.head.lower_ in ("under", "into", "in"):
        return ("by", "of")  # "came under the control of the army", "into the hands of X"
    if noun.i == trig.i:
        moves = rule.type in _MOVER_TYPES
    else:
        own = triggers_for(noun.lemma_.lower(), "NOUN")
        moves = not own or any(r.type in _MOVER_TYPES for r in own)
    return ("by", "of") if moves else ("by",)


def agent_token(trig: Token, rule: Trigger, places: frozenset[int] = frozenset()) -> Token | None:
    """The first candidate of :func:`agent_tokens`, or None."""
    found = agent_tokens(trig, rule, places)
    return found[0] if found else None


def stated_sides(sent: ParsedSentence) -> dict[int, tuple[str, Token]]:
    """Places a relative clause sets on one side of another: place token -> (direction, anchor).

    "captured A and B, which are all south of Y": A and B -> ("south", Y). A listed place
    resolved on the other side of Y is a namesake elsewhere (the caller checks the bearing).
    """
    out: dict[int, tuple[str, Token]] = {}
    for rel in sent.doc:
        if rel.dep_ != "relcl":
            continue
        found: tuple[str, Token] | None = None
        for t in rel.subtree:
            if t.lower_ in _DIRECTIONAL and not found:
                for p in t.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        anchor = next(
                            (o for o in _objects(p) if sent.mention_of(o) is not None), None
                        )
                        if anchor is not None:
                            found = (t.lower_, anchor)
        if found is None:
            continue
        owner = rel.head
        while owner.dep_ == "conj":
            owner = owner.head
        for arg in _descend(owner, sent, strict=False):
            if arg.token.i != found[1].i and not arg.reference:
                out[arg.token.i] = found
    return out
