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

from mapper.extract.triggers import LOCATIVE_PREPS, Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token

    from mapper.extract.parse import ParsedSentence

__all__ = [
    "CONTAINERS",
    "PART_WORDS",
    "PlaceArg",
    "REFERENCE_NOUNS",
    "agent_token",
    "is_passive",
    "place_arguments",
]

#: Nouns that frame a place without being one: the place is their "of"/"in" object or modifier.
CONTAINERS = frozenset(
    """town towns village villages city cities locality localities settlement settlements hamlet
    hamlets area areas outskirts outskirt edge edges approaches approach part parts section
    sections district districts neighbourhood neighbourhoods neighborhood neighborhoods quarter
    quarters center centre suburb suburbs entrance entrances countryside vicinity environs
    position positions defense defenses defence defences line lines stronghold strongholds
    bastion bastions hill hills hilltop hilltops height heights farm farms front axis direction
    directions sector sectors rest remainder most half all east west north south northeast
    northwest southeast southwest eastern western northern southern outpost outposts post posts
    checkpoint checkpoints headquarters gathering gatherings fortification fortifications
    territory territories surroundings periphery frontline town's city's base bases airbase
    airport airfield region some several many number dozens dozen one two three four five six seven
    eight nine ten streets street block blocks building buildings centre's heart""".split()
)
#: Container words that name only part of a place: a capture of them is an entry.
PART_WORDS = frozenset(
    """outskirts outskirt edge edges part parts section sections district districts
    neighbourhood neighbourhoods neighborhood neighborhoods quarter quarters center centre
    suburb suburbs entrance entrances streets street block blocks building buildings
    periphery heart""".split()
)
#: Nouns that refer back to a place named earlier ("the town", "the city", "the latter").
REFERENCE_NOUNS = frozenset(
    """town city village locality settlement stronghold bastion latter former hub""".split()
)
_REFERENCE_PRONOUNS = frozenset({"it", "there"})
_LISTING_VERBS = frozenset({"include", "comprise", "be", "number"})
#: Verbs that carry an event noun's place: "launched an offensive on X", "carried out raids on X".
_LIGHT_VERBS = frozenset(
    """launch carry conduct stage mount begin open continue intensify wage unleash step escalate
    make start resume fight""".split()
)
_LIST_PREPS = frozenset({"including", "like", "among", "namely", "as", "besides", "plus"})
_DIRECTIONAL = frozenset(
    "east west north south northeast northwest southeast southwest eastern western northern"
    " southern".split()
)
_STRICT_TYPES = frozenset({"capture", "entry", "withdrawal", "encirclement"})


@dataclass(frozen=True, slots=True)
class PlaceArg:
    """A place token reached from a trigger, or a reference word standing for one."""

    token: Token
    partial: bool = False  # reached through a part word ("the outskirts of X")
    reference: bool = False  # a reference word ("the town", "it"): resolve it in context
    directional: bool = False  # reached through a compass word ("west of X")
    via: str = ""  # the edge from the trigger: "object", a preposition, "antecedent"...


def is_passive(tok: Token) -> bool:
    """True for a passive verb ("was captured", "captured by the army" as a participle)."""
    deps = {c.dep_ for c in tok.children}
    if "nsubjpass" in deps or "auxpass" in deps:
        return True
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl") and "agent" in deps


def _objects(prep: Token) -> Iterator[Token]:
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            yield c
        elif c.dep_ == "prep":  # "out of X", "away from X"
            yield from _objects(c)


def _slots(trig: Token, rule: Trigger) -> Iterator[tuple[Token, str]]:
    """Tokens in argument position of the trigger, each with the edge that reached it."""
    passive = trig.pos_ == "VERB" and is_passive(trig)
    preps = rule.preps | LOCATIVE_PREPS
    for c in trig.children:
        dep = c.dep_
        if dep == "dobj" and rule.direct and not passive:
            yield c, "object"
        elif dep == "nsubjpass" and (rule.direct or rule.subject):
            yield c, "object"
        elif dep == "nsubj" and rule.subject:
            yield c, "object"
        elif dep in ("prep", "prt", "advmod") and c.lower_ in preps:
            for o in _objects(c):
                yield o, c.lower_
        elif dep == "prep" and c.lower_ in _LIST_PREPS and rule.direct:
            for o in _objects(c):  # "took control of X and nearby towns, including Y"
                yield o, "object"
        elif dep == "advmod" and c.lower_ in _DIRECTIONAL:  # "advanced west of X"
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in _objects(p):
                        yield o, "direction"
        elif dep in ("compound", "poss", "nmod", "amod") and rule.pos == "NOUN":
            yield c, "modifier"  # "the Bakhmut offensive", "Avdiivka's capture"
    if rule.pos == "VERB" and trig.dep_ in ("relcl", "acl") and (passive or rule.subject):
        yield trig.head, "antecedent"  # "X, which was captured by ..."; "villages seized by"
    if trig.dep_ == "amod" and trig.lower_.endswith("ed"):  # "the captured city of X"
        yield trig.head, "object"
        if trig.head.dep_ == "nsubj" and trig.head.head.lemma_ in _LISTING_VERBS:
            for c in trig.head.head.children:  # "the liberated areas included A, B and C"
                if c.dep_ in ("dobj", "attr"):
                    yield c, "object"
    if rule.pos == "NOUN" and trig.dep_ == "dobj" and trig.head.lemma_ in _LIGHT_VERBS:
        for c in trig.head.children:  # "launched an offensive on X", "carried out raids on X"
            if c.dep_ == "prep" and c.lower_ in preps:
                for o in _objects(c):
                    yield o, c.lower_
    clause = trig.head if rule.pos == "NOUN" and trig.dep_ == "nsubj" else trig
    if clause is not trig:  # "fighting raged in X", "clashes erupted near X"
        for c in clause.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for o in _objects(c):
                    yield o, c.lower_
            elif c.dep_ == "advmod" and c.lower_ == "there":
                yield c, "object"
            elif c.dep_ == "advmod" and c.lower_ in _DIRECTIONAL:  # "erupted east of X"
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        for o in _objects(p):
                            yield o, "direction"
    if clause.dep_ == "relcl" and any(
        c.lower_ == "where" for c in clause.children
    ):  # "the town where battles raged"
        yield clause.head, "object"
    for c in trig.children:
        if c.dep_ == "advmod" and c.lower_ == "there":
            yield c, "object"  # "fighting there was intense"
    if rule.pos == "NOUN" and trig.dep_ == "pobj" and trig.head.lower_ in ("under", "into"):
        verb = trig.head.head  # "X came under shelling", "X fell into the hands of the army"
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                yield c, "object"


def _widen(tok: Token) -> Iterator[Token]:
    """The token, its conjuncts, its appositions and the members it lists."""
    seen = {tok.i}
    stack = [tok]
    while stack:
        t = stack.pop()
        yield t
        for c in t.children:
            nxt: list[Token] = []
            if c.dep_ in ("conj", "appos"):
                nxt = [c]
            elif c.dep_ == "prep" and (
                c.lower_ in _LIST_PREPS or (c.lower_ == "as" and c.nbor(1).lower_ == "well")
            ):
                nxt = list(_objects(c))
            elif c.dep_ == "cc" and c.lower_ == "as":  # "A as well as B"
                continue
            for n in nxt:
                if n.i not in seen:
                    seen.add(n.i)
                    stack.append(n)


def _descend(
    tok: Token, sent: ParsedSentence, strict: bool, depth: int = 0
) -> Iterator[PlaceArg]:
    """Places a slot token stands for: itself, or those its container noun frames."""
    for t in _widen(tok):
        if sent.mention_of(t) is not None:
            yield PlaceArg(t)
            continue
        word = t.lower_
        if depth >= 3:
            continue
        if word in _REFERENCE_PRONOUNS or (
            word in REFERENCE_NOUNS
            and any(c.lower_ in ("the", "this", "that") for c in t.children)
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
            and not any(sent.mention_of(c) is not None for c in t.children)
        ):
            yield PlaceArg(t, reference=True)
            continue
        if word not in CONTAINERS and t.lemma_.lower() not in CONTAINERS:
            continue
        partial = word in PART_WORDS
        directional = word in _DIRECTIONAL
        for c in t.children:
            subs: list[Token] = []
            if c.dep_ in ("compound", "poss", "nmod", "amod", "appos") and sent.mention_of(c):
                subs = [c]
            elif c.dep_ == "prep" and (
                c.lower_ in ("of", *_LIST_PREPS) or (c.lower_ == "in" and not directional)
                or (not strict and c.lower_ in LOCATIVE_PREPS)
            ):
                subs = list(_objects(c))
            for s in subs:
                for arg in _descend(s, sent, strict, depth + 1):
                    yield PlaceArg(
                        arg.token,
                        partial=arg.partial or partial,
                        reference=arg.reference,
                        directional=arg.directional or directional,
                    )


def place_arguments(trig: Token, rule: Trigger, sent: ParsedSentence) -> list[PlaceArg]:
    """The places a trigger governs, in text order, each once."""
    strict = rule.type in _STRICT_TYPES
    found: dict[int, PlaceArg] = {}
    for slot, edge in _slots(trig, rule):
        if edge in LOCATIVE_PREPS - rule.preps and rule.type in ("capture",):
            continue  # "captured villages near X": X is where, not what, was taken
        for arg in _descend(slot, sent, strict):
            directional = arg.directional or edge == "direction"
            found.setdefault(
                arg.token.i, PlaceArg(arg.token, arg.partial, arg.reference, directional, edge)
            )
    return [found[i] for i in sorted(found)]


def agent_token(trig: Token, rule: Trigger) -> Token | None:
    """The token that names who acted: subject, "by" agent, "fell to" object, or owner."""
    if rule.subject:  # "X fell to the army": the side it fell to
        for c in trig.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "into"):
                for o in _objects(c):
                    return o
        return None
    t: Token | None = trig
    for _ in range(4):
        if t is None:
            break
        passive = t.pos_ in ("VERB", "AUX") and is_passive(t)
        for c in t.children:
            if passive and c.dep_ == "agent":
                for o in _objects(c):
                    return o
            if not passive and c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in ("who", "that", "which") and t.dep_ == "relcl":
                    return t.head
                return c
            if t.pos_ == "NOUN" and c.dep_ in ("poss", "compound", "amod") and not c.is_stop:
                return c
            if t.pos_ == "NOUN" and c.dep_ == "prep" and c.lower_ in ("by", "of"):
                for o in _objects(c):
                    return o
        if passive:
            return None  # an agentless passive names no side here
        if t.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl") or t.pos_ == "NOUN":
            t = t.head
            while t.dep_ == "prep" or t.pos_ == "ADP":
                t = t.head
        else:
            break
    return None
