"""Reading one parsed sentence: its triggers, each with type, places, agent and modality.

For each token whose lemma is in the trigger registry (:mod:`mapper.extract.triggers`), the
place arguments come from the tree (:mod:`mapper.extract.arguments`), the modality decides
whether it is a fact, an intention (a *target*) or nothing (:mod:`mapper.extract.modality`), and
reference words ("the town", "it") are resolved against the places named before
(:mod:`mapper.extract.reference`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mapper.dates import WEEKDAYS
from mapper.extract.actors import FORCES, PEOPLE, find_actors, names_a_side
from mapper.extract.arguments import (
    SHORT_SPANS,
    PlaceArg,
    agent_tokens,
    area_measure_object,
    is_passive,
    misparsed_past,
    moves_by_compass,
    participle_modifier,
    place_arguments,
    spanned,
)
from mapper.extract.filters import PEOPLE_PLURAL
from mapper.extract.modality import FACT, modality
from mapper.extract.triggers import TRIGGERS, Trigger, gerund_verb, lemma_of, triggers_for
from mapper.model import DENIED, HELD, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from mapper.extract.parse import ParsedSentence
    from mapper.extract.reference import Salience

__all__ = ["Reading", "read_sentence"]

#: Types a place may "remain" under: a siege or fire that goes on is still one.
_ENDURED = frozenset({"encirclement", "bombardment", "clash"})
#: Types an intention turns into a target; intended fire or fighting is no event.
_INTENDABLE = frozenset({"capture", "entry", "advance", "encirclement", "target"})
#: Agents that make an "attack" a bombardment.
_AIR_WORDS = re.compile(
    r"\b(?:warplanes?|war\s*planes?|planes?|jets?|aircraft|helicopters?|drones?|missiles?"
    r"|rockets?|artillery|air\s*force|aviation|air|airstrikes?|air\s*strikes?|shells?|mortars?"
    r"|(?<!car )(?<!suicide )bombers?|UAVs?|bombings?|shelling|gunships?|luftwaffe|r\.?a\.?f\.?"
    # guns and ships that fire: "the batteries opened upon X", "gunboats shelled X"
    r"|batter(?:y|ies)|gunboats?|warships?|howitzers?|cannons?"
    # aircraft by type: "Thunderbolts attacked positions at X", "MiGs struck X"
    r"|stukas?|migs?|sukhois?|mirages?|spitfires?|thunderbolts?|tempests?|phantoms?|skyhawks?"
    r"|(?:b|f|su|tu|mi)-\d+s?)\b",
    re.I,
)
#: Subjects that never take or enter a place by force (aid, civilians, delegations).
_CIVILIAN = re.compile(
    r"\b(?:people|civilians?|residents?|famil(?:y|ies)|inhabitants?|child(?:ren)?|wom[ae]n"
    r"|refugees?|villagers?|displaced|aid|trucks?|convoys?|humanitarian|journalists?"
    r"|reporters?|inspectors?|delegation|monitors|evacuees?|prices|exports|film|band|song|team"
    r"|deal)\b",
    re.I,
)
#: Heads of state or government: one who flees is no side's withdrawal ("President X fled").
_HEADS_OF_STATE = frozenset({"president", "emir", "king", "queen", "sultan", "premier"})
_LEADERS = re.compile(
    rf"\b(?:{'|'.join(sorted(_HEADS_OF_STATE))}|prime\s+minister|dictator)\b", re.I
)
#: Objects that make a trigger word figurative ("captured the attention", "struck a deal").
_FIGURATIVE = frozenset(
    """attention imagination heart hearts mind minds mood headline headlines interest deal
    agreement accord bargain compromise chord balance tone note nerve loan record gold silver
    bronze medal medals trophy title titles prize award points seat seats vote votes
    corruption inflation poverty disease fire fires flood floods song single album back high
    low peak snag wall home place step steps measure measures action shelter cover refuge
    moment opportunity initiative pressure temptation
    calls""".split()  # "attacks took place there", "took steps", "resisted pressure to ..."
)


#: Objects that are a fighting force even with no side named ("pushed the enemy out of X").
_FORCE_WORDS = frozenset(
    "enemy enemies fighters troops forces militants rebels insurgents units defenders attackers"
    " jihadists terrorists soldiers column columns vanguard cavalry infantry garrison brigade"
    " brigades division divisions battalion battalions regiment regiments army armies"
    " reinforcements detachment detachments".split()
)
#: Event nouns of an attack on a place: planned, the place is an objective.
_ASSAULT_NOUNS = frozenset({"assault", "attack", "storming", "raid"})
#: Types reported even when ordered ("ordered the withdrawal from X": the order is the news).
_ORDERED = frozenset({"withdrawal"})
#: Temporal prepositions under which a placeless event noun shares its clause's place
#: ("regained X after the withdrawal of the rebels").
_TEMPORAL = frozenset({"after", "following", "amid", "before"})
#: Placeless event nouns that share the place of the clause they time: a side's withdrawal
#: ("regained X after the withdrawal of the rebels"), the fire that prepared it ("seized X after
#: intense bombardment"), the siege it ended ("took X after a four-month siege"). Fighting
#: before a capture ("took X after fierce clashes") is read as part of the capture, and gains
#: ("following the large gains") are other, earlier events.
_SHARED_TYPES = frozenset({"withdrawal", "bombardment", "encirclement"})
#: Moves into a place whose fighting, told next with no place of its own, is there.
_INTO_TYPES = frozenset({"entry", "capture"})
#: Verbs by which fighting goes on ("street fighting is under way", "fighting continued").
_GOING_ON = frozenset("be continue rage go persist erupt break flare resume".split())


def _fighting_after_a_move(tok: Token, rule: Trigger, etype: str, mood: str) -> bool:
    """Fighting with no place of its own, going on in a clause joined to another.

    "got into X, and street fighting is under way": the other clause's move, if it went into
    a place, says where (read once the sentence's events are known).
    """
    return (
        rule.pos == "NOUN"
        and etype == "clash"
        and mood == FACT
        and tok.dep_ == "nsubj"
        and tok.head.lemma_.lower() in _GOING_ON
        and tok.head.dep_ == "conj"
    )


_PRONOUNS = frozenset({"it", "they", "its", "their", "he", "she", "we", "who"})


@dataclass(frozen=True, slots=True)
class Reading:
    """One event read from a sentence (offsets in the sentence)."""

    type: str
    place: Mention
    trigger_start: int
    trigger_end: int
    confidence: float
    agent: str | None  # the agent phrase's text, for side normalisation
    agent_start: int
    air: bool
    passive: bool
    partial: bool
    token: int = -1  # the trigger's token index in the sentence
    reason: str = ""
    loser: str | None = None  # the phrase of the side that gave the place up ("the army lost X")


#: Words that make "the capital" a province's or district's seat, a town of any size.
_LOCAL_SEATS = frozenset("provincial regional district state county local".split())


#: Words of nearness a gerund of taking may follow ("close to taking X", "on the verge of");
#: "closer to capturing X" tells the goal coming nearer, not where the side is.
_CLOSE = frozenset({"close", "near", "verge", "brink"})


def _close_to_it(tok: Token) -> bool:
    """A gerund of taking after a word of nearness: the side is near the place, not in it."""
    return (
        tok.tag_ == "VBG"
        and tok.dep_ == "pcomp"
        and tok.head.lower_ in ("to", "of")
        and tok.head.head.lower_ in _CLOSE
    )


def _referring_noun(tok: Token) -> str:
    """The noun a reference is resolved by: "the provincial capital" is any town.

    "The latter town" is the latest place named, "the former town" the one before it (a
    "former stronghold" is one no longer held).
    """
    if tok.lower_ == "capital" and any(c.lower_ in _LOCAL_SEATS for c in tok.children):
        return "town"
    for c in tok.lefts:
        if c.lower_ == "latter" or c.lower_ == "former" and tok.lower_ in _PLAIN_TOWNS:
            return c.lower_
    return tok.lower_


#: Nouns "the former" makes a reference to the first of two places, not a place once so.
_PLAIN_TOWNS = frozenset("town city village place".split())


def _coarse(tok: Token) -> str | None:
    if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB") and tok.pos_ != "NOUN"):
        return "VERB"
    if any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in tok.children):
        return "VERB"  # a verb the tagger took for a noun ("retook X": it has an object)
    if misparsed_past(tok):
        return "VERB"  # "The GNA retook Gharyan": a noun phrase to the parser
    if tok.pos_ == "ADJ" and tok.lower_.endswith("ed"):
        return "VERB"  # a participle tagged as an adjective: "the liberated areas"
    if tok.pos_ in ("NOUN", "PROPN") or tok.tag_.startswith("NN"):
        return "NOUN"
    return None


@lru_cache(maxsize=1)
def _trigger_lemmas() -> frozenset[str]:
    """Every lemma of the trigger registry, lower-cased."""
    return frozenset(t.lemma.lower() for t in TRIGGERS)


#: (LEMMA, LOWER) hashes -> whether the token may be a trigger (:func:`_may_trigger`).
_MAY: dict[tuple[int, int], bool] = {}


def _may_trigger(lemma: str, low: str, lemmas: frozenset[str]) -> bool:
    """False when no reading of the token is a registry lemma: :func:`_rules` finds none.

    The cheap half of :func:`_rules` (its lemma, its "-ed" and "-ing" forms, before the part of
    speech and the tree are read), for the many tokens that are no trigger.
    """
    if lemma_of(low, lemma) in lemmas or low in lemmas:  # ("outskirts": a noun of its own)
        return True
    return low[:-1] in lemmas or low[:-2] in lemmas or gerund_verb(low) is not None


def _trigger_candidates(doc: Doc) -> list[Token]:
    """The tokens of ``doc`` that may be triggers, in order (read from one array, memoised)."""
    from spacy.attrs import LEMMA, LOWER

    lemmas = _trigger_lemmas()
    strings = doc.vocab.strings
    if len(_MAY) > 100_000:
        _MAY.clear()
    out = []
    for i, (lemma, lower) in enumerate(doc.to_array([LEMMA, LOWER]).tolist()):
        may = _MAY.get((lemma, lower))
        if may is None:
            may = _MAY[(lemma, lower)] = _may_trigger(strings[lemma], strings[lower], lemmas)
        if may:
            out.append(doc[i])
    return out


def _rules(tok: Token) -> list[Trigger]:
    pos = _coarse(tok)
    if pos is None:
        return []
    lemma = lemma_of(tok.text, tok.lemma_)
    if pos == "NOUN" and triggers_for(tok.lower_, pos):
        lemma = tok.lower_  # a noun of its own ("sporadic shooting"), not the verb's form
    if pos == "VERB" and lemma.endswith("ed") and not triggers_for(lemma, pos):
        low = tok.lower_
        lemma = next((c for c in (low[:-1], low[:-2]) if triggers_for(c, pos)), lemma)
    out = []
    prts = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod", "prep")}
    for rule in triggers_for(lemma, pos):
        if rule.particle and rule.particle not in prts:
            continue
        if rule.unless & prts:
            continue
        if rule.governors and not _governed(tok, rule):
            continue
        if rule.objects and not _has_object(tok, rule.objects):
            continue
        if rule.forces_object and not _forces_object(tok):
            continue
        if rule.type in ("bombardment", "clash") and pos == "VERB" and moves_by_compass(tok):
            continue  # "the division struck eastwards from X": it moved
        out.append(rule)
    out.sort(key=lambda r: r.particle is None)  # a phrasal verb's rule before the plain verb's
    if tok.lower_.endswith("ing") and pos == "NOUN" and not _hit_thing(tok):
        verb = gerund_verb(tok.lower_)  # "the shelling", "the retaking of X"
        out += [r for r in triggers_for(verb, "VERB") if not r.particle] if verb else []
    return out


def _has_object(tok: Token, lemmas: frozenset[str]) -> bool:
    for c in tok.children:
        c = _part_of(c) if c.dep_ in ("dobj", "nsubjpass") else c  # "tons of bombs"
        if c.dep_ in ("pobj", "dobj", "nsubjpass") and (
            c.lemma_.lower() in lemmas
            or any(k.dep_ == "conj" and k.lemma_.lower() in lemmas for k in c.children)
        ):
            return True
    return False


def _forces_object(tok: Token) -> bool:
    """The object is a fighting force: "pushed Ukrainian forces out of X".

    In the passive, the subject: "the rebels were driven from X". For a noun, the subject of
    the verb it hangs on: "the army is on the outskirts of X" (not "the camp is on ...").
    """
    holder = tok
    if tok.pos_ == "NOUN":
        holder = tok.head.head if tok.head.dep_ == "prep" else tok.head
    subjects = ("dobj", "nsubjpass", "nsubj") if holder is not tok else ("dobj", "nsubjpass")
    for c in holder.children:
        if c.dep_ in subjects:
            c = _part_of(c)
            text = tok.doc[c.left_edge.i : c.i + 1].text
            if _CIVILIAN.search(text):
                return False
            return (
                bool(find_actors(text, generic=True))
                or bool(FORCES.search(text))  # "German patrols", "American armour"
                or c.lower_ in _FORCE_WORDS
                or c.pos_ == "PROPN"  # an armed group by name: "drove Islamic State out of X"
            )
    return False


#: Words that name a part or a quantity of what follows "of" ("the last of the militants",
#: "tons of bombs").
_PARTITIVES = frozenset(
    """last rest remnants remnant remainder bulk most some all many tons tonnes dozens hundreds
    thousands scores loads number""".split()
)


def _part_of(tok: Token) -> Token:
    """What a partitive names a part or a quantity of ("the last of the militants": militants)."""
    if tok.lower_ not in _PARTITIVES:
        return tok
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return whole if whole is not None else tok


def _named(agent: Token | None, war: str | None) -> bool:
    """Whether an agent names its side ("Ukrainian troops", "the LNA"; not "they", "troops")."""
    if agent is None:
        return False
    span = _agent_span(agent)
    return names_a_side(span.text, war=war) or any(t.pos_ in ("PROPN", "ADJ") for t in span)


def _governed(tok: Token, rule: Trigger) -> bool:
    head = tok.head
    if head.lemma_.lower() in rule.governors or head.lower_ in rule.governors:
        return True
    return head.dep_ == "prep" and head.head.lemma_.lower() in rule.governors


def _status(tok: Token, sent: ParsedSentence) -> bool:
    """A participle that only describes a place: "in occupied X", "in Russian-held X"."""
    return (
        tok.dep_ in ("pcomp", "amod")
        and tok.tag_ in ("VBN", "VBD", "JJ")
        and tok.head.pos_ == "ADP"
        and any(c.dep_ == "dobj" and sent.mention_of(c) is not None for c in tok.children)
    )


#: Verbs that with "out" tell a beginning, not a move ("where the revolt broke out").
_OUTBREAK_VERBS = frozenset({"break", "burst"})


def _figurative(tok: Token, rule: Trigger) -> bool:
    modifier = participle_modifier(tok.head) if tok.dep_ == "xcomp" else None
    if modifier is not None and modifier.i == tok.i:
        return True  # "struck retreating vehicles": a description of what was hit
    if (
        tok.lemma_.lower() in _OUTBREAK_VERBS
        and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    ):
        return True  # "where the revolt broke out": it began there ("broke out of X" moved)
    for c in tok.children:
        if c.lower_ == rule.particle or c.lemma_.lower() in rule.objects:
            continue  # "held back the enemy", "exchanged fire": the rule's own word
        if c.lower_ == "back" and any(k.dep_ == "dobj" for k in tok.children):
            continue  # "struck back" is figurative, "pushed the enemy back from X" is not
        if c.lower_ == "back" and any(k.dep_ == "prep" for k in c.children):
            continue  # "moved back into X", "struck back at X": a place it leads to
        if c.dep_ in ("dobj", "nsubjpass", "prt", "advmod", "attr") and (
            c.lower_ in _FIGURATIVE or c.lemma_.lower() in _FIGURATIVE
        ):
            return True
    if misparsed_past(tok):
        return False  # "have overrun X": a verb the parser made a modifier of its object
    return tok.dep_ == "compound" or (tok.dep_ == "amod" and not tok.lower_.endswith("ed"))


def _hit_thing(noun: Token) -> bool:
    """An -ing noun that another event word hit or took is a thing, not an event.

    "struck Russian positions and a pontoon crossing near X": the crossing is no advance.
    """
    t = noun
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    verb = t.head
    return (
        t.dep_ == "dobj"
        and verb.pos_ == "VERB"
        and bool(triggers_for(lemma_of(verb.text, verb.lemma_), "VERB"))
    )


def _fight_before_a_change(tok: Token, rule: Trigger) -> bool:
    """Fighting that led to a change of hands is part of it, as the devset reads it.

    "took X after fierce clashes", "pulled out of X after two days of heavy fighting on its edges".
    """
    if rule.type != "clash" or tok.pos_ != "NOUN":
        return False
    t = tok
    for _ in range(3):  # "after [two days of] fighting"
        if t.dep_ != "pobj":
            return False
        prep = t.head
        if prep.lower_ in ("after", "following"):
            verb = prep.head
            if not any(r.type in _CHANGES for r in _rules(verb)):
                return False
            own = {w.lower_ for w in tok.subtree if w.pos_ == "PROPN"}
            fought = {w.lower_ for w in verb.subtree if w.pos_ == "PROPN"} - {
                w.lower_ for w in prep.subtree
            }
            return own <= fought  # "after heavy fighting around Y" (another place) is a fight
        if prep.lower_ != "of" or prep.head.pos_ != "NOUN":
            return False
        t = prep.head
    return False


#: Event types that change who holds a place.
_CHANGES = frozenset({"capture", "withdrawal", "entry"})


def _left_in_a_state(tok: Token, rule: Trigger) -> bool:
    """A "leave" that only puts a place in a state: no one left it.

    "the retreat left X vulnerable", "the fall of A leaves B exposed" ("fell back, leaving the
    town in flames": they did leave it).
    """
    return rule.lemma == "leave" and (
        any(c.dep_ in ("oprd", "acomp") for c in tok.children)
        or any(
            c.dep_ in ("nsubj", "csubj")
            and c.pos_ == "NOUN"
            and bool(triggers_for(c.lemma_.lower(), "NOUN"))
            for c in tok.children
        )
    )


def _set_out(tok: Token, rule: Trigger) -> bool:
    """A departure that starts an advance: "the convoy left X heading north towards Y"."""
    return rule.lemma == "leave" and any(
        c.dep_ in ("advcl", "xcomp")
        and any(r.type == "advance" for r in triggers_for(c.lemma_.lower(), "VERB"))
        and any(p.dep_ == "prep" and p.lower_ in _DESTINATION for p in c.children)
        for c in tok.children
    )


#: Titles of one person: "General X has arrived at Y" is a visit, not his army's move.
_PERSON_TITLES = _HEADS_OF_STATE | frozenset(
    """general minister colonel major captain lieutenant marshal admiral brigadier commander
    emperor prince envoy ambassador secretary chancellor pope governor mayor sir""".split()
)
#: Verbs of travel that a person's visit shares with an army's move.
_VISIT_VERBS = frozenset({"arrive", "visit", "travel", "fly"})
#: Verbs by which forces are witnessed where they are ("were seen at X", "spotted near X").
_WITNESSING = frozenset("see spot sight film photograph".split())


def _witnessed_deed(tok: Token, rule: Trigger) -> bool:
    """Forces seen doing something: the deed tells what happened, not the seeing.

    "were seen fleeing X", "were spotted moving towards X": the clause is the event, for its
    own trigger to read.
    """
    return rule.lemma in _WITNESSING and any(
        c.dep_ in ("xcomp", "ccomp", "oprd", "acomp", "advcl") for c in tok.children
    )


def _visit(tok: Token) -> bool:
    """A titled person travelling: "General X has arrived at Y", "the president visited Y"."""
    if tok.lemma_.lower() not in _VISIT_VERBS:
        return False
    for subj in tok.children:
        if subj.dep_ not in ("nsubj", "nsubjpass"):
            continue
        words = [subj, *(c for c in subj.children if c.dep_ in ("compound", "amod"))]
        if any(w.lower_ in _PERSON_TITLES for w in words) and subj.tag_ in ("NNP", "NN"):
            return True
    return False


#: Prepositions of where a withdrawing side went ("retreated towards Y", "withdrew to a base").
_DESTINATION = frozenset({"to", "towards", "toward", "into"})


#: Verbs of a side's withdrawal that name where it went ("leave" is too many other things:
#: "7 km left to X").
_RETREAT_VERBS = frozenset({"withdraw", "retreat", "pull", "fall", "flee", "leave", "run"})
_ORIGIN = "place from context: where they withdrew from"
_ARRIVAL = "place from context: where they came in"
#: Those a side forces to flee that are fighters ("forced the officers/survivors to flee").
_FIGHTERS = re.compile(rf"{FORCES.pattern}|\b(?:officers|survivors|remnants)\b", re.I)


def _gerund_of_time(tok: Token) -> bool:
    """A verb's -ing form after a preposition of time: "before withdrawing", "after retreating"."""
    return tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.lower_ in _TEMPORAL


#: A compass heading ("northwards", "south-east"): a way, not a thing left or taken.
_COMPASS_HEADING = re.compile(
    r"(?:north|south|east|west)(?:-?(?:north|south|east|west))?(?:wards?)?", re.I
)


def _left_from_the_story(tok: Token, rule: Trigger, agent: str | None) -> bool:
    """A withdrawal told without where it left from.

    Told by where it went ("pulled back towards Y"), or a force's bare departure ("the soldiers
    had left", "militants withdrew"): it left the place the story is about.
    """
    if rule.pos != "VERB" or rule.lemma not in _RETREAT_VERBS:
        return False
    if tok.tag_ == "VBG" and "attr" in (tok.dep_, tok.head.dep_):
        return False  # "the solution is the regime withdrawing to the borders": no news
    if (
        any(
            c.dep_ in ("dobj", "nsubjpass") and not _COMPASS_HEADING.fullmatch(c.text)
            for c in tok.children
        )
        or tok.dep_ == "acl"
    ):
        return False  # "left the country", "were withdrawn", "mines left by the rebels"; "fled
        # northwards" (a heading the parser made an object) still left the story's place
    if tok.dep_ == "xcomp" and any(
        c.dep_ == "dobj" and not _FIGHTERS.search(_agent_span(c).text) for c in tok.head.children
    ):
        return False  # "forcing thousands of residents to flee": people, not a side
    if tok.dep_ == "advcl" and (
        tok.tag_ == "VBG"
        or any(c.dep_ == "mark" and c.lower_ in ("while", "as") for c in tok.children)
    ):
        return False  # "destroyed the quarters while retreating": from where, it does not say
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    if preps & {"from", "of", "out"}:
        return False  # a source of its own, not a place of the story
    return _a_force(agent) or (
        bool(preps & _DESTINATION) and rule.lemma != "leave"
    )  # ("7 km left to")


def _came_in(tok: Token, rule: Trigger, agent: str | None) -> bool:
    """A force's bare arrival ("the Ethiopians came in with tanks"): into the story's town."""
    return (
        rule.particle == "in"
        and any(  # "came in", not "moved north in an attempt to ..."
            c.lower_ == "in" and (c.dep_ in ("prt", "advmod") or not list(c.children))
            for c in tok.children
        )
        and not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)
        and not any(c.dep_ == "prep" and c.lower_ in ("to", "into", "on") for c in tok.children)
        and _a_force(agent)
    )


def _a_force(agent: str | None) -> bool:
    """Whether an agent is a fighting force: a force word, a people, or a side named."""
    return bool(agent and (FORCES.search(agent) or PEOPLE.match(agent) or names_a_side(agent)))


def _dateline(sent: ParsedSentence, tok: Token) -> bool:
    """A dateline's place ("KYIV, Ukraine, March 3 (AP) -"): where the story was filed."""
    mention = sent.mention_of(tok)
    return mention is not None and mention.role == "dateline"


def _side_agent(verb: Token, war: str | None) -> bool:
    """A passive's "by" agent that names a side or a force ("by the garrison"; not "by bus")."""
    agents = (
        _agent_span(o).text
        for c in verb.children
        if c.dep_ == "agent"
        for o in c.children
        if o.dep_ == "pobj"
    )
    return any(names_a_side(text, war=war) or _a_force(text) for text in agents)


def _pick_agent(cands: list[Token], war: str | None = None) -> Token | None:
    """The first candidate that names a side, else the first."""
    for c in cands:
        if names_a_side(_agent_span(c).text, war=war):
            return c
    return cands[0] if cands else None


#: Entry verbs whose progressive is a move still under way ("pushing into X for weeks").
_PUSHING = frozenset({"push", "move", "drive", "roll", "advance", "press"})


#: Verbs whose infinitive or gerund is an action going on ("continue to storm X").
_CONTINUING = frozenset({"continue", "keep", "persist", "carry"})


def _ongoing(tok: Token) -> bool:
    """An action under way: "are storming", "have been storming", "continue to storm"."""
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _CONTINUING:
        return True
    return tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children)


#: Adverbs of control over part of a place.
_PARTLY = frozenset({"partially", "partly", "half"})


#: What fire is aimed at: "targeting the positions of the groups in X" is fire, not an aim.
_FIRED_ON = frozenset(
    """position location gathering depot base headquarters post fortification convoy vehicle
    site hideout stronghold""".split()
)
#: Entry verbs whose present tense is an assault under way, not an entry made.
_ASSAULTS = frozenset({"storm"})
#: Words of a share of a place ("60% under the control of Y").
_SHARE = frozenset({"%", "percent", "per", "cent"})


def _clause_words(tok: Token) -> Iterator[Token]:
    """The dependents of the trigger and of the two words it hangs from."""
    for t in (tok, tok.head, tok.head.head):
        yield from t.children


def _share(tok: Token) -> bool:
    """The trigger or the verb it hangs from counts a share of the place."""
    return any(c.lower_ in _SHARE for c in _clause_words(tok))


def _partly(tok: Token) -> bool:
    """The trigger or the verb it hangs from says only part was taken."""
    return any(c.dep_ == "advmod" and c.lower_ in _PARTLY for c in _clause_words(tok))


def _held_now(tok: Token) -> bool:
    """A present-tense passive in a relative clause: "X, which is controlled by Y" (a state).

    So is a participle of holding set after a name: "X, controlled by Kyiv", "X, held by the
    rebels" ("X, occupied by German troops on Friday" is the capture).
    """
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in _HOLDING:
        return not any(c.lower_ in _CHANGE_MARKS or c.dep_ == "aux" for c in tok.children)
    return (
        tok.dep_ == "relcl"
        and tok.tag_ == "VBN"
        and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in tok.children)
        and not any(c.lower_ == "now" for c in tok.children)
    )


#: Verbs of holding a place: their participle after a name is a state ("X, held by Y").
_HOLDING = frozenset({"control", "hold"})


#: Words that make "is under X's control" news of a change: "now", "fully", "total control".
_CHANGE_MARKS = frozenset(
    "now fully completely entirely totally full complete total entire whole our back again".split()
)  # ("X is under our control": a side announcing what it took; "is back under": retaken)


#: Verbs of giving a place up: a capture by the side it went "to", else the loser's withdrawal.
_GIVING_UP = frozenset({"surrender", "capitulate"})


def _given_to(tok: Token, sent: ParsedSentence) -> bool:
    """The place surrendered is the subject, or the side it went to is named ("to the army")."""
    return any(
        (c.dep_ == "nsubj" and sent.mention_of(c) is not None)
        or (c.dep_ == "prep" and c.lower_ == "to")
        for c in tok.children
    )


def _in_control(tok: Token) -> bool:
    """Under the control of, in control of, in the hands of: a state, never an aim."""
    return (
        tok.lemma_ in ("control", "hand")
        and tok.dep_ == "pobj"
        and tok.head.lower_ in ("under", "in")
    )


def _under_control_state(tok: Token) -> bool:
    """A present "X is under the control of Y" or "has been in the hands of Y": a state.

    "X is now under army control", "X is under our total control" and a past "was under" report
    the change (control evidence reads the state either way).
    """
    under = tok.head
    verb = under.head
    if not _in_control(tok):
        return False
    # ("is believed to be under": the tense of the report)
    tensed = verb.head if verb.dep_ == "xcomp" and verb.tag_ == "VB" else verb
    present = tensed.tag_ in ("VBZ", "VBP") or (
        tensed.tag_ == "VBN" and any(c.tag_ in ("VBZ", "VBP") for c in tensed.children)
    )  # "is under", "has been in the hands of"
    return (
        verb.lemma_ == "be"
        and present
        and not any(
            w.lower_ in _CHANGE_MARKS for w in (*verb.children, *under.children, *tok.children)
        )
        and not _since_a_day(verb)
    )


def _since_a_day(verb: Token) -> bool:
    """A state dated from a day of the week: it began then ("in rebel hands since Tuesday").

    "Since May", "since 2014": a state of long standing.
    """
    return any(
        c.dep_ == "prep"
        and c.lower_ == "since"
        and any(o.lower_ in WEEKDAYS or o.lower_ == "yesterday" for o in c.subtree)
        for c in verb.children
    )


def _holds_now(tok: Token, rule: Trigger, sent: ParsedSentence) -> bool:
    """A simple present of holding is a state ("the faction that controls X", "rebels hold X").

    "now controls X" reports the change ("now hold X" has a rule of its own); holding a part
    ("controls the part of the city near the canal") is being in it.
    """
    return (
        rule.lemma in ("control", "hold")
        and tok.tag_ in ("VBZ", "VBP")
        and not any(c.lower_ in _CHANGE_MARKS for c in tok.children)
        and any(c.dep_ == "dobj" and sent.mention_of(c) is not None for c in tok.children)
    )


def _still(tok: Token) -> bool:
    """A state that continues ("still held X", "still controls X"): no change of hands."""
    return any(c.dep_ == "advmod" and c.lower_ == "still" for c in tok.children)


def _air(tok: Token, agent_text: str | None) -> bool:
    """Fire from the air or from afar: an aircraft or missile agent, modifier or instrument."""
    if agent_text and _AIR_WORDS.search(agent_text):
        return True
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and any(
            _AIR_WORDS.fullmatch(k.text) for k in (c, *c.conjuncts)
        ):  # "air strikes", "rocket and artillery attacks"
            return True
        if _air_instrument(c):  # "attacked X with missiles", "attack from the air"
            return True
    # "launching attacks on X with drones": the instrument hangs on the light verb
    return (
        tok.pos_ == "NOUN" and tok.dep_ == "dobj" and any(map(_air_instrument, tok.head.children))
    )


def _air_instrument(prep: Token) -> bool:
    """A "with"/"from"/"using" phrase that names aircraft, missiles or guns."""
    return (
        prep.dep_ in ("prep", "advcl", "acl")
        and prep.lower_ in ("with", "from", "using")
        and any(_AIR_WORDS.fullmatch(o.text) for o in prep.subtree)
    )


#: Prepositions that put operations beside a place, not in the area they aim at ("assault
#: operations near X" are fighting there; "a campaign in X and Y" aims at them).
_NEAR_PREPS = frozenset({"near", "around", "outside", "along"})
#: Counts that stand alone for people ("thousands fled"); "thousands of fighters" is a force.
_CROWDS = frozenset({"thousands", "hundreds", "dozens", "tens", "many", "others", "scores"})


def _crowd(agent: Token) -> bool:
    """People, not a side: "thousands fled", "thousands of Liberians" (not "of troops")."""
    if agent.lower_ not in _CROWDS:
        return False
    of = [o for c in agent.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children]
    return not of or any(_A_PEOPLE_PLURAL.fullmatch(o.text) for o in of)


_A_PEOPLE_PLURAL = re.compile(PEOPLE_PLURAL)


#: Dependents that describe an agent rather than name it ("the Observatory, an
#: opposition-linked monitor, ...": the monitor's leaning is no side of the event), and a
#: possessor's "'s" ("Ukraine's withdrawal": Ukraine withdrew).
_NOT_NAMING = frozenset({"appos", "relcl", "acl", "punct", "case"})


def _agent_span(agent: Token) -> Span:
    """The agent's phrase, up to six words either side, without its descriptions.

    Hyphens and possessive endings are no words ("forces loyal to Libya's UN-recognised
    government" is one phrase).
    """
    kept = [c for c in agent.children if c.dep_ not in _NOT_NAMING]
    left = min([agent.i, *(c.left_edge.i for c in kept if c.i < agent.i)])
    right = max([agent.i, *(c.right_edge.i for c in kept if c.i > agent.i)])
    return agent.doc[max(left, _words_away(agent, -1)) : min(right, _words_away(agent, 1)) + 1]


def _words_away(tok: Token, step: int, words: int = 6) -> int:
    """The index ``words`` words from ``tok`` in the direction ``step``, or the sentence's end."""
    i, doc = tok.i, tok.doc
    while words > 0 and 0 <= i + step < len(doc):
        i += step
        words -= not (doc[i].is_punct or doc[i].tag_ == "POS")
    return i


def _ousted_side(tok: Token, rule: Trigger, war: str | None) -> Token | None:
    """The force an active "drove/pushed/expelled ... out of X" ousted, when it names a side."""
    if not rule.forces_object or is_passive(tok):
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    obj = _part_of(obj) if obj is not None else None  # "drove the last of the rebels out"
    if obj is None or not names_a_side(_agent_span(obj).text, war=war):
        return None
    return obj


def _agent_text(agent: Token | None) -> tuple[str | None, int]:
    if agent is None:
        return None, -1
    span = _agent_span(agent)
    return span.text, int(span.start_char)


def read_sentence(
    sent: ParsedSentence,
    salience: Salience,
    order: int,
    regions: set[int],
    year: int | None = None,
    war: str | None = None,
) -> tuple[list[Reading], list[str]]:
    """Events of one parsed sentence, and the trigger words that named no place.

    ``year`` is the publication year: a bare earlier year on a trigger's clause is history.
    """
    out: list[Reading] = []
    unplaced: list[str] = []
    pending: list[tuple[Token, dict[str, Any]]] = []  # placeless event nouns under "after", "amid"
    for tok in _trigger_candidates(sent.doc):
        placeless = _read_token(tok, sent, salience, order, regions, year, war, out, pending)
        if placeless:
            unplaced.append(placeless)
    for tok, proto in pending:
        fighting = tok.dep_ == "nsubj"  # fighting told after a move: where the move went
        clause = tok.head if fighting else tok.head.head
        verbs = {clause.i, clause.head.i} if clause.dep_ == "conj" else {clause.i}
        shared = [
            r
            for r in out
            if (
                r.token in verbs
                or sent.doc[r.token].head.i in (verbs if fighting else {clause.i})
                and sent.doc[r.token].dep_ in ("dobj", "nsubj", "nsubjpass")
            )
            and r.reason != _ORIGIN  # a place inferred once is not passed on
            and (not fighting or r.type in _INTO_TYPES and r.token != tok.i)
        ]
        for r in shared:
            if proto["type"] in ("encirclement", "bombardment") and r.type == "withdrawal":
                proto = {**proto, "agent": "", "agent_start": -1}  # the besieged left: the
                # siege or fire was the other side's ("abandoned X after a three-month siege")
            out.append(Reading(**proto, place=r.place, partial=False, reason=r.reason))
    out = _drop_descriptive(sent, out)
    out = _upgrade_storming(sent, out)
    return out, unplaced


def _drop_descriptive(sent: ParsedSentence, out: list[Reading]) -> list[Reading]:
    """A participle that describes a place another trigger of the sentence reads is no event.

    "took control of the villages in this encircled pocket, including A": A was taken; the
    pocket's encirclement is its description.
    """
    doc = sent.doc
    by_place: dict[int, set[int]] = {}
    for r in out:
        by_place.setdefault(r.place.start, set()).add(r.token)
    return [
        r for r in out if not (doc[r.token].dep_ == "amod" and len(by_place[r.place.start]) > 1)
    ]


def _read_token(
    tok: Token,
    sent: ParsedSentence,
    salience: Salience,
    order: int,
    regions: set[int],
    year: int | None,
    war: str | None,
    out: list[Reading],
    pending: list[tuple[Token, dict[str, Any]]],
) -> str | None:
    """Read one token: its events go to ``out``; returns "type 'word'" when it named no place."""
    places_i = frozenset(sent.place_tokens)
    if sent.mention_of(tok) is not None or _status(tok, sent):
        return None
    placeless: str | None = None
    mood: str | None = None
    for rule in _rules(tok):
        if (
            _figurative(tok, rule)
            or _set_out(tok, rule)
            or _left_in_a_state(tok, rule)
            or _fight_before_a_change(tok, rule)
            or _visit(tok)
            or _witnessed_deed(tok, rule)
        ):
            continue
        if rule.type == "withdrawal" and tok.dep_ == "amod" and tok.head.pos_ == "NOUN":
            continue  # "the deserted streets of X", "abandoned posts": a description
        if mood is None and rule.type == "encirclement" and tok.dep_ == "amod":
            mood = FACT  # "to withdraw from the besieged town of X": the siege is a fact
        mood = modality(tok, year) if mood is None else mood  # one per token
        etype = rule.type
        if mood != FACT:
            if _in_control(tok):
                continue  # "tries to contain the RSF, already in control of X": a state
            if mood in ("intent", "attempt") and etype in _INTENDABLE:
                etype = "target"
            elif mood == "intent" and rule.lemma in _ASSAULT_NOUNS:
                etype = "target"  # "massing troops for an assault on X", "will attack X"
            elif mood == "repelled":
                etype = "clash"  # "repelled an attempt to advance towards X": a fight there
            elif mood in ("attempt", "failed") and etype == "clash":
                pass  # "tried to storm X", "failed to break into X": fighting
            elif mood == "ordered" and etype in _ORDERED:
                pass  # "ordered the withdrawal from X": the order is the news
            elif mood == "ordered" and etype in _INTENDABLE:
                etype = "target"  # "ordered his armies to take X by Aug. 12": the goal
            elif mood == DENIED:
                pass  # "denied that X fell": kept as a denial (reason), not an event
            elif mood == "status" and etype in _ENDURED:
                pass  # "X remains under siege": the siege goes on (a place held changed no hands)
            else:
                continue
        passive = rule.pos == "VERB" and is_passive(tok)
        moved = rule.passive_type if passive else None  # the subject is the side that moved
        if moved == "none" and _side_agent(tok, war):
            moved = None  # "X has been evacuated by the Russians": the Russians left it
        if moved == "none":
            continue  # "the villages were evacuated": civilians, not a side
        if moved:
            etype = moved  # "the rebels were driven out of X"
        yielded = False  # "the garrison surrendered at X": X fell, to the side it faced
        if rule.lemma in _GIVING_UP:
            if mood != FACT:
                continue  # "urged the soldiers to surrender": a call, no change of hands
            yielded = not _given_to(tok, sent)
        if rule.lost:
            if mood not in (FACT, DENIED):
                continue  # "could lose X", "fears losing X": no change of hands
            yielded = True  # "the army lost X": X fell, to the army's enemy
        if rule.type in ("capture", "entry") and _close_to_it(tok):
            etype, mood = "advance", FACT  # "were close to taking X": near it, not in it
            # ("close to encircling X" stays the aim: the ring is not closed)
        if etype == "capture" and (_still(tok) or _held_now(tok)):
            continue  # "Ukrainian forces still controlled the city": held, not taken
        if etype == "capture" and _partly(tok):
            etype = "entry"  # "partially under Russian control", "partly controls X": in it
        held = etype == "capture" and (_under_control_state(tok) or _holds_now(tok, rule, sent))
        # "X is under rebel control", "the faction that controls X": a state, kept apart
        if etype == "capture" and area_measure_object(tok):
            etype = "advance"  # "liberated another square kilometre near X": ground gained
        if etype == "capture" and _share(tok):
            continue  # "X is 60% under the control of Y": a contested place, no change of hands
        if etype == "entry" and tok.tag_ in ("VBZ", "VBP") and rule.lemma in _ASSAULTS:
            etype = "clash"  # a headline's "Enemy storms X from three directions": under way
        if etype == "entry" and _ongoing(tok) and rule.lemma in _ASSAULTS:
            etype = "clash"  # "have been storming X for a week": an assault under way
        elif etype == "entry" and _ongoing(tok) and rule.lemma in _PUSHING:
            etype = "advance"  # "have been pushing into X for weeks": not in it yet
        candidates = (
            [c for c in tok.children if c.dep_ == "nsubjpass"]
            if moved
            else [c for c in tok.children if c.dep_ == "nsubj"]
            if yielded and rule.subject  # "the garrison surrendered": the subject gave X up
            else agent_tokens(tok, rule, places_i)
        )
        candidates = [c for c in candidates if not _dateline(sent, c)]
        agent = _pick_agent(candidates, war)
        loser = None
        if yielded:  # the subject is the side that lost X, not the one that took it
            loser, agent, candidates = agent, None, []
            if loser is not None and loser.i == tok.i:  # "said their loss of X was": its owner
                loser = next((c for c in tok.children if c.dep_ == "poss"), None)
        elif rule.type == "capture" and not _named(agent, war):
            # "they drove the rebels out of X": taken from the rebels, so by their enemy
            loser = _ousted_side(tok, rule, war)
        agent_text, agent_start = _agent_text(agent)
        if rule.force_subject and not (
            _air(tok, agent_text)
            if rule.type == "bombardment"
            else _a_force(agent_text) or (agent is not None and agent.lower_ in _FORCE_WORDS)
        ):
            continue  # "streets deserted by their people": only a force deserts a place, and
            # only guns and aircraft lay one waste ("the army razed homes": a demolition)
        if (
            agent_text
            and rule.type in ("capture", "entry", "withdrawal", "advance")
            and _CIVILIAN.search(agent_text)
            and not FORCES.search(agent_text)  # "People's Defence Force units", "army convoy"
        ):
            continue  # "aid trucks entered X", "a convoy heading to X": not a side's move
        if rule.type == "withdrawal" and agent_text and _LEADERS.search(agent_text):
            continue  # "President Mengistu fled to Zimbabwe": a man, not his army
        if agent is not None and _crowd(agent) and rule.type in ("withdrawal", "entry"):
            continue  # "the thousands who fled the town": people, not a side
        # "aircraft carried out a heavy raid on X": any candidate may tell fire from the air
        air = _air(tok, agent_text) or any(
            _AIR_WORDS.search(_agent_span(c).text)
            for c in candidates
            if agent is None or c.i != agent.i
        )
        if rule.air and air:
            etype = rule.air if mood == FACT else etype
        if (
            rule.lemma == "target"
            and etype == "bombardment"
            and not air
            and not any(c.dep_ == "prep" and c.lower_ in ("with", "by") for c in tok.children)
            and not any(c.dep_ == "dobj" and c.lemma_.lower() in _FIRED_ON for c in tok.children)
            and tok.tag_ == "VBG"
        ):  # "are now targeting the region of X": the objective; "targeting positions in X"
            etype = "target"  # is fire on them
        args = place_arguments(tok, rule, sent)
        into = {a.token.i for a in args if a.via == "into"}
        places: list[tuple[Mention, PlaceArg]] = []
        for arg in args:
            m = sent.mention_of(arg.token)
            if arg.reference:
                m = salience.resolve(_referring_noun(arg.token), order, sent.char(arg.token))
                if m is None:
                    continue
                salience.refer(order, m)
            elif m is None or m.start in regions or m.place is None and m.role != "place":
                continue
            if m.role == "dateline" or m.start in regions:
                continue
            places.append((m, arg))
        if (
            not places
            and mood == FACT
            and (
                (etype == "withdrawal" and _left_from_the_story(tok, rule, agent_text))
                or (etype == "entry" and _came_in(tok, rule, agent_text))
            )
        ):  # "retreated towards Y", "the soldiers had left", "the rebels came in": the place
            # the story is about
            origin = salience.resolve("town", order, sent.char(tok))
            if origin is not None:
                via = "origin" if etype == "withdrawal" else "arrival"
                places.append((origin, PlaceArg(tok, reference=True, via=via)))
        start = int(tok.idx)
        proto: dict[str, Any] = {
            "type": etype,
            "trigger_start": start,
            "trigger_end": start + len(tok.text),
            "confidence": rule.confidence,
            "agent": agent_text,
            "agent_start": agent_start,
            "air": air,
            "passive": passive or yielded,  # (a side that gave X up is not the one taking it)
            "loser": _agent_text(loser)[0],
            "token": tok.i,
        }
        if not places:
            timed = spanned(tok, SHORT_SPANS)  # "after days of shelling": as "after shelling"
            if (
                (rule.pos == "NOUN" and timed.dep_ == "pobj" or _gerund_of_time(tok))
                and timed.head.lower_ in _TEMPORAL
                and etype in _SHARED_TYPES
            ):  # ("entered X and burned houses before withdrawing": from X)
                pending.append((timed, proto))
            elif _fighting_after_a_move(tok, rule, etype, mood):
                pending.append((tok, proto))  # "entered X, and street fighting is under way"
            elif mood == FACT and placeless is None:
                placeless = f"{etype} {tok.text!r}"
            continue
        for m, arg in places:
            t = etype
            if mood == "attempt" and (
                arg.vicinity or rule.type == "advance" and arg.via in _NEAR_PREPS
            ):
                t = "clash"  # "tried to dislodge them from positions near X", "tried to advance
                # near X": an attack made there, not an aim
            elif arg.vicinity and mood != FACT:
                continue  # "plans to take a hill near X": the hill is the goal, not X
            if etype in ("capture", "entry") and arg.vicinity:
                t = "advance"  # "regained positions near X", "swept through the area near X"
            elif etype == "capture" and arg.partial and not arg.seat:
                t = "entry"  # "took the eastern districts of X" ("retook the centre of X": X)
            elif etype == "advance" and arg.partial and not arg.periphery and arg.via == "object":
                t = "entry"  # "reached the centre of X": inside it, not at its edge
            if arg.token.i in into and rule.into and mood == FACT and not arg.vicinity:
                t = rule.into  # "advanced into X"; "into the territories near X" stays an advance
            if t == "entry" and arg.periphery and mood == FACT:
                t = "advance"  # "entered the outskirts of X"
            if t == "target" and rule.pos == "NOUN" and mood == FACT and arg.via in _NEAR_PREPS:
                t = "clash"  # "conducted assault operations near X": fighting there, no aim
            reason = "" if m.start >= sent.offset else "place from context: reference"
            reason = {"origin": _ORIGIN, "arrival": _ARRIVAL}.get(arg.via, reason)
            reason = DENIED if mood == DENIED else HELD if held else reason
            ousted = _ousted_side(tok, rule, war) if t == "capture" and mood == FACT else None
            if ousted is not None and not arg.partial:
                text, at = _agent_text(ousted)  # "drove the rebels out of X": they withdrew
                out.append(  # (first: the side that took X is the story's side after it)
                    Reading(
                        **{
                            **proto,
                            "type": "withdrawal",
                            "agent": text,
                            "agent_start": at,
                            "loser": None,
                        },
                        place=m,
                        partial=False,
                        reason=reason,
                    )
                )
            out.append(Reading(**{**proto, "type": t}, place=m, partial=arg.partial, reason=reason))
            if not reason:  # an event's place: "the town" later in the sentence may be it
                salience.promote(m)
        return None  # one registry entry per token
    return placeless


def _upgrade_storming(sent: ParsedSentence, out: list[Reading]) -> list[Reading]:
    """An entry linked to a capture of "the hilltop", "the town" (no other place) is a capture.

    "After storming X, the army captured the strategic hilltop": the capture is of X. A capture
    of other, plural places ("after capturing several villages") leaves the entry an entry.
    """
    doc = sent.doc
    taken = {r.place.start for r in out if r.type == "capture"}  # "entered X and raised the
    entries = [  # flag over its council building": the capture is read already
        k
        for k, r in enumerate(out)
        if r.type == "entry" and not r.partial and r.place.start not in taken
    ]
    if not entries:
        return out
    for tok in _trigger_candidates(doc):
        rules = [r for r in _rules(tok) if r.type == "capture"]
        if not rules or any(r.token == tok.i for r in out) or modality(tok) != FACT:
            continue
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if (
            obj is None
            or obj.tag_ != "NN"
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in obj.children)
        ):
            continue
        linked = {tok.i, tok.head.i, *(c.i for c in tok.children)}
        for k in entries:
            trig = doc[out[k].token]
            if trig.i in linked or trig.head.i in linked:
                out[k] = replace(out[k], type="capture")
    return out
