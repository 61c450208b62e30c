"""Is a trigger a reported fact? Negation, intent, hypothesis, history and denial from the tree.

- ``negated``: a ``neg`` dependent on the trigger or the verbs it hangs from ("did not capture",
  "no fighting"); a conditional clause ("if the army takes X");
- ``intent``: the trigger is what someone tries, aims, plans, pushes or is close to doing ("tried
  to capture X", "a push to take X", "close to encircling X", "yet to be liberated"), or sits under
  a modal ("will take X", "the fall of X would ...");
- ``history``: "previously", "formerly", "in the past" on the trigger's clause;
- ``denied``: a denial verb governs the claim ("denied that X fell"), or follows it in the same
  sentence with "this"/"that"/"it" as its object or subject ("X fell; this was denied").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["FACT", "modality"]

FACT = "fact"
_INTENT_VERBS = frozenset(
    """try attempt aim seek plan want intend prepare vow strive push fight hope threaten 
    order expect poise set look struggle work rush scramble race mean bid plot""".split()
)
_INTENT_NOUNS = frozenset(
    """offensive counteroffensive counter-offensive push bid attempt effort operation campaign
    mission drive plan goal objective aim attack assault counterattack intention hope bid
    battle fight""".split()
)
#: Heads that deny the trigger happened: "unlikely to capture", "failed to take".
_UNABLE = frozenset({"unlikely", "unable", "fail", "failure", "impossible", "incapable"})
_CLOSE = frozenset({"close", "closer", "verge", "brink", "edge", "poised", "near", "nearer"})
_MODALS = frozenset({"would", "could", "might", "may", "will", "should", "can", "shall", "must"})
_HISTORY = frozenset({"previously", "formerly", "once", "earlier"})
_DENY = frozenset({"deny", "refute", "dismiss", "reject"})
_REPORT_NOUN_HEADS = frozenset({"claim", "claims", "rumour", "rumor", "report", "reports"})


def _has_to(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _chain(tok: Token) -> list[Token]:
    """The trigger and what it is the purpose or complement of, up to its clause's head.

    "tried to capture": *tried*; "a push to take": *push*; "close to taking": *close*; "in an
    attempt to retake": *attempt*. A participle ("forces advancing towards X") stops at itself.
    """
    out = [tok]
    t = tok
    for _ in range(6):
        if t.dep_ == "xcomp" or (t.dep_ in ("acl", "advcl", "relcl") and _has_to(t)):
            t = t.head
        elif t.dep_ in ("pcomp", "pobj") and t.head.dep_ in ("prep", "agent", "dative"):
            t = t.head.head
        elif t.dep_ == "aux" or (t.dep_ == "dobj" and t.pos_ == "NOUN"):
            t = t.head  # "planned an assault on X": the plan
        else:
            break
        out.append(t)
    return out


def modality(trig: Token) -> str:
    """``"fact"``, ``"intent"``, ``"negated"``, ``"history"`` or ``"denied"``."""
    chain = _chain(trig)
    for t in chain:
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no" and t.i == trig.i):
                return "negated"
            if c.dep_ == "mark" and c.lower_ in ("if", "unless") and t.pos_ in ("VERB", "AUX"):
                return "negated"
            if c.dep_ == "advmod" and c.lower_ in _HISTORY and c.lower_ != "earlier":
                return "history"
    for t in [trig, *trig.ancestors]:
        if t.lemma_.lower() in _DENY and t.i != trig.i:
            return "denied"
    sent = trig.sent
    for t in sent:
        if t.i > trig.i and t.lemma_.lower() in _DENY:
            if any(c.lower_ in ("this", "that", "it", "which") for c in t.children):
                return "denied"
    for t in chain:
        if t.i == trig.i:
            if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in t.children):
                return "intent"
            continue
        lemma = t.lemma_.lower()
        if lemma in _UNABLE or t.lower_ in _UNABLE:
            return "negated"
        if t.pos_ in ("VERB", "AUX") and lemma in _INTENT_VERBS:
            return "intent"
        if t.pos_ in ("NOUN", "PROPN") and lemma in _INTENT_NOUNS:
            return "intent"
        if t.lower_ in _CLOSE or lemma in _CLOSE:
            return "intent"
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in t.children):
            return "intent"
    # "yet to be liberated", "remain to be captured"
    left = trig.doc[max(0, trig.i - 4) : trig.i].text.lower()
    if "yet to" in left or "remains to" in left or "remain to" in left:
        return "intent"
    head = trig.head
    if trig.pos_ == "NOUN" and any(
        c.dep_ == "aux" and c.lower_ in _MODALS for c in head.children
    ) and trig.dep_ in ("nsubj", "nsubjpass"):
        return "negated"  # "the capture of X would open the road": a hypothesis, no event
    return FACT
