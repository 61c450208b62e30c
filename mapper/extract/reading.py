"""Reading one parsed sentence: its triggers, each with type, places, agent and modality.

For each token whose lemma is in the trigger registry (:mod:`mapper.extract.triggers`), the
place arguments come from the tree (:mod:`mapper.extract.arguments`), the modality decides
whether it is a fact, an intention (a *target*) or nothing (:mod:`mapper.extract.modality`), and
reference words ("the town", "it") are resolved against the places named before
(:mod:`mapper.extract.reference`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapper.extract.arguments import agent_token, is_passive, place_arguments
from mapper.extract.modality import FACT, modality
from mapper.extract.triggers import Trigger, lemma_of, triggers_for
from mapper.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from mapper.extract.parse import ParsedSentence
    from mapper.extract.reference import Salience

__all__ = ["Reading", "read_sentence"]

#: Types an intention turns into a target; intended fire or fighting is no event.
_INTENDABLE = frozenset({"capture", "entry", "advance", "encirclement", "target"})
#: Agents that make an "attack" a bombardment.
_AIR_WORDS = re.compile(
    r"\b(?:warplanes?|war\s*planes?|planes?|jets?|aircraft|helicopters?|drones?|missiles?"
    r"|rockets?|artillery|air\s*force|aviation|air|airstrikes?|air\s*strikes?|shells?|mortars?"
    r"|bombers?|UAVs?)\b",
    re.I,
)
#: Subjects that never take or enter a place by force (aid, civilians, delegations).
_CIVILIAN = re.compile(
    r"\b(?:people|civilians|residents|families|inhabitants|children|women|refugees|villagers"
    r"|displaced|aid|trucks|convoys?|humanitarian|journalists|reporters|inspectors|delegation"
    r"|monitors|evacuees|prices|exports|film|band|song|team|deal)\b",
    re.I,
)
#: Objects that make a trigger word figurative ("captured the attention", "struck a deal").
_FIGURATIVE = frozenset(
    """attention imagination heart hearts mind minds mood headline headlines interest deal
    agreement accord bargain compromise chord balance tone note nerve loan record gold silver
    bronze medal medals trophy title titles prize award points seat seats vote votes
    corruption inflation poverty disease fire fires flood floods song single album back high
    low peak snag wall home""".split()
)


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


def _coarse(tok: Token) -> str | None:
    if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB") and tok.pos_ != "NOUN"):
        return "VERB"
    if tok.pos_ == "ADJ" and tok.lower_.endswith("ed"):
        return "VERB"  # a participle tagged as an adjective: "the liberated areas"
    if tok.pos_ in ("NOUN", "PROPN") or tok.tag_.startswith("NN"):
        return "NOUN"
    if tok.pos_ in ("ADJ", "ADV") and tok.lemma_.lower() in ("close", "closer"):
        return "ADJ"  # "an attempt to get closer to X"
    return None


def _rules(tok: Token) -> list[Trigger]:
    pos = _coarse(tok)
    if pos is None:
        return []
    lemma = lemma_of(tok.text, tok.lemma_)
    if pos == "VERB" and lemma.endswith("ed") and not triggers_for(lemma, pos):
        low = tok.lower_
        lemma = next((c for c in (low[:-1], low[:-2]) if triggers_for(c, pos)), lemma)
    out = []
    prts = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod", "prep")}
    for rule in triggers_for(lemma, pos):
        if rule.particle and rule.particle not in prts:
            continue
        if rule.governors and not _governed(tok, rule):
            continue
        out.append(rule)
    if lemma.endswith("ing") and pos == "NOUN":  # "the shelling", "fighting": gerunds as nouns
        out += [r for r in triggers_for(lemma, "VERB") if not r.particle]
    return out


def _governed(tok: Token, rule: Trigger) -> bool:
    head = tok.head
    if head.lemma_.lower() in rule.governors or head.lower_ in rule.governors:
        return True
    return head.dep_ == "prep" and head.head.lemma_.lower() in rule.governors


def _figurative(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "prt", "advmod", "attr") and (
            c.lower_ in _FIGURATIVE or c.lemma_.lower() in _FIGURATIVE
        ):
            return True
    return tok.dep_ == "compound" or (tok.dep_ == "amod" and not tok.lower_.endswith("ed"))


def _agent_text(agent: Token | None) -> tuple[str | None, int]:
    if agent is None:
        return None, -1
    left, right = agent.left_edge.i, agent.right_edge.i
    left = max(left, agent.i - 6)
    right = min(right, agent.i + 6)
    span = agent.doc[left : right + 1]
    return span.text, int(span.start_char)


def read_sentence(
    sent: ParsedSentence,
    salience: Salience,
    order: int,
    regions: set[int],
) -> tuple[list[Reading], list[str]]:
    """Events of one parsed sentence, and the trigger words that named no place."""
    out: list[Reading] = []
    unplaced: list[str] = []
    for tok in sent.doc:
        if sent.mention_of(tok) is not None:
            continue
        for rule in _rules(tok):
            if _figurative(tok):
                continue
            mood = modality(tok)
            etype = rule.type
            if mood != FACT:
                if mood == "intent" and etype in _INTENDABLE:
                    etype = "target"
                elif mood == "intent" and etype == "withdrawal" and tok.head.lemma_ == "order":
                    pass  # "ordered the withdrawal from X": the order is the news
                else:
                    continue
            agent = agent_token(tok, rule)
            agent_text, agent_start = _agent_text(agent)
            if agent_text and rule.type in ("capture", "entry") and _CIVILIAN.search(agent_text):
                continue  # "aid trucks entered X", "families fled": not a side's move
            air = bool(agent_text and _AIR_WORDS.search(agent_text)) or any(
                _AIR_WORDS.fullmatch(c.text) for c in tok.children if c.dep_ in ("compound", "amod")
            )
            if rule.air and air:
                etype = "bombardment" if mood == FACT else etype
            if (
                rule.lemma == "target"
                and etype == "bombardment"
                and not air
                and not any(c.dep_ == "prep" and c.lower_ in ("with", "by") for c in tok.children)
                and tok.tag_ == "VBG"
            ):
                etype = "target"  # "are now targeting the region of X": the objective
            args = place_arguments(tok, rule, sent)
            into = {a.token.i for a in args if a.via == "into"}
            places: list[tuple[Mention, bool, bool]] = []
            for arg in args:
                m = sent.mention_of(arg.token)
                if arg.reference:
                    m = salience.resolve(arg.token.lower_, order, sent.char(arg.token))
                    if m is None:
                        continue
                elif m is None or m.start in regions or m.place is None and m.role != "place":
                    continue
                if m.role == "dateline" or m.start in regions:
                    continue
                places.append((m, arg.partial, arg.token.i in into))
            if not places:
                if mood == FACT and tok.pos_ == "VERB":
                    unplaced.append(tok.text)
                continue
            passive = tok.pos_ == "VERB" and is_passive(tok)
            start = int(tok.idx)
            for m, partial, via_into in places:
                t = "entry" if etype == "capture" and partial else etype
                if via_into and rule.into and mood == FACT:
                    t = rule.into
                out.append(
                    Reading(
                        type=t,
                        place=m,
                        trigger_start=start,
                        trigger_end=start + len(tok.text),
                        confidence=rule.confidence,
                        agent=agent_text,
                        agent_start=agent_start,
                        air=air,
                        passive=passive,
                        partial=partial,
                        token=tok.i,
                        reason="" if m.start >= sent.offset else "place from context: reference",
                    )
                )
            break  # one registry entry per token
    return out, unplaced

