"""Is a trigger a reported fact? Negation, intent, hypothesis, history and denial from the tree.

- ``negated``: a ``neg`` dependent on the trigger or the verbs it hangs from ("did not capture",
  "no fighting"); a conditional clause ("if the army takes X"); what is kept from happening
  ("prohibited from entering X", "refrained from storming X", "to avoid encirclement");
- ``intent``: the trigger is what someone tries, aims, plans, pushes, asks for or is close to
  doing ("tried to capture X", "a push to take X", "close to encircling X", "yet to be
  liberated", "called on Kyiv to withdraw"), the purpose of another clause or of forces sent
  ("moved reinforcements to take X"), the aim of a noun ("attempts to capture X"), sits under
  a modal ("will take X", "the fall of X would ..."), or is an event noun expected or planned
  ("an attack on X is expected to follow");
- ``attempt``: what someone tries ("tried to storm X", "sought to infiltrate near X", "an
  attempt to attack near X"); the caller reads an attempted attack as fighting and an attempted
  capture as a target;
- ``repelled``: what a side fought off ("repelled an attempt to advance towards X"): the
  caller reads the fight at that place;
- ``failed``: what someone failed at ("failed to take X", "failed to break through near X"):
  the caller keeps a failed attack as fighting and drops anything else;
- ``hypothesis``: a modal of possibility ("may take X", "could fall", "the fall of X would ..."),
  what may be done or may come ("a chance to retake X", "a risk of encirclement"), a fall in a
  "when" clause of a future, an event "only a matter of days";
- ``ordered``: what someone ordered ("ordered the army to capture X"): no event, except an
  ordered withdrawal (the caller decides);
- ``status``: a place that "remains" or "stays" under someone's control changed no hands;
- ``history``: "previously", "formerly", "in the past", or a bare earlier year ("its 2016
  capture of X", "targeted in 2017") on the trigger's clause (on a verb of telling it dates the
  telling); a ranked description in apposition ("X, the first city to fall"); an event noun
  after "since" with no day of this week ("its biggest gain since the fall of X");
- ``denied``: a denial verb governs the claim ("denied that X fell"), or follows it in the same
  sentence with "this"/"that"/"it" or the claim itself as its object ("X fell; this was
  denied", "..., but officials rejected the claim").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapper.dates import WEEKDAYS
from mapper.extract.parse import doc_memo

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["FACT", "has_infinitive_to", "modality"]

FACT = "fact"
_INTENT_VERBS = frozenset(
    """try attempt aim seek plan want intend prepare vow strive push fight hope threaten
    expect poise set look struggle work rush scramble race mean bid plot consider contemplate
    weigh mull call urge demand ask appeal design""".split()
)
#: Request verbs that also name their object ("called the capture of X a turning point").
_NAMING = frozenset({"call"})
#: States of resolve whose complement is yet to be done ("determined to take X").
_INTENT_STATES = frozenset({"determined", "resolved", "bent", "eager", "keen", "intent"})
#: Verbs of trying: an attempted attack is fighting; an attempted capture is a target.
_ATTEMPT_VERBS = frozenset({"try", "attempt", "seek", "struggle"})
#: Verbs of a state that goes on ("remains under Ukrainian control", "X remains encircled").
REMAIN_VERBS = frozenset({"remain", "stay"})
_ORDER_VERBS = frozenset({"order", "command", "instruct", "direct", "tell"})
_INTENT_NOUNS = frozenset(
    """offensive counteroffensive counter-offensive push bid attempt effort operation campaign
    mission drive plan goal objective aim attack assault counterattack intention hope bid
    battle fight""".split()
)
#: Heads that deny the trigger happened: "unlikely to capture", "failed to take".
_UNABLE = frozenset({"unlikely", "unable", "impossible", "incapable"})
#: Heads of what was tried and did not succeed: an attack that failed was still fought.
_FAILED = frozenset({"fail", "failure"})
#: Nouns of trying: their infinitive is an attempt ("an attempt to attack near X").
_ATTEMPT_NOUNS = frozenset({"attempt", "bid", "effort"})
#: Verbs that keep a move from happening ("prohibited from entering X", "stopped from advancing").
_PREVENT = frozenset(
    {"prevent", "prohibit", "bar", "ban", "stop", "keep", "deter", "forbid", "refrain", "abstain"}
)
#: Verbs whose gerund stopped happening ("stopped shelling X", "ceased attacking X").
_CEASE = frozenset({"stop", "cease", "halt", "suspend", "end", "quit"})
#: Verbs saying their subject is over ("operations in X have finished").
_FINISHED = frozenset({"finish", "conclude", "complete", "wind"})
#: Verbs whose object is kept from happening ("to avoid encirclement", "averted the fall").
_AVOID = frozenset(
    {"avoid", "escape", "evade", "avert", "forestall", "preempt", "pre-empt", "empt"}
)  # ("pre-empt" is tokenised "pre", "-", "empt")
#: Verbs by which a side stops the other's move ("repelled an advance", "thwarted an attack").
_RESISTED = frozenset({"repel", "repulse", "thwart", "foil", "halt", "stop", "block", "fend"})
#: Verbs that end a siege or blockade ("raised the siege of X", "lifted the blockade").
_LIFTED = frozenset({"raise", "lift", "break", "end"})
_SIEGES = frozenset({"siege", "blockade", "encirclement", "investment", "cordon"})
#: Nouns of a cut-off group that can be wiped out ("the last pockets of resistance").
_POCKETS = frozenset({"pocket", "cauldron"})
#: Verbs that end such a group: what is left is no encirclement but ground taken.
_WIPED_OUT = frozenset(
    {"eliminate", "liquidate", "destroy", "wipe", "crush", "clear", "mop", "neutralize"}
)
#: Subordinators of a clause that a future main clause makes future ("... will ... when X falls").
_WHEN = frozenset({"when", "once", "if", "after", "until", "before", "unless"})
#: Verbs whose object was made to do what their infinitive says ("forced them to withdraw").
_COMPEL = frozenset({"force", "compel", "oblige"})
#: Nouns naming what an operation aims at: "the next target will be X".
_OBJECTIVES = frozenset({"target", "objective", "goal", "aim"})
_CLOSE = frozenset({"close", "closer", "verge", "brink", "edge", "poised", "near", "nearer"})
_MODALS = frozenset({"will", "should", "shall", "must"})
#: Modals of possibility: what they govern is a hypothesis, not news ("may capture X").
_POSSIBLE = frozenset({"would", "could", "might", "may", "can", "ca"})
#: Subordinators of a clause that is a condition or a question, not a report.
_QUESTIONED = frozenset({"if", "unless", "whether"})
#: Words that ask who or which: as the subject of a clause, it is a question.
_WH = frozenset({"who", "which", "what", "whoever"})
_HISTORY = frozenset({"previously", "formerly", "once", "earlier"})
_DENY = frozenset({"deny", "refute", "dismiss", "reject"})
#: Verbs that tell of an event: "previously" on them dates the telling, not the event.
_REPORTING = frozenset({"announce", "say", "report", "claim", "confirm", "state", "declare"})
_REPORT_NOUN_HEADS = frozenset({"claim", "claims", "rumour", "rumor", "report", "reports"})
#: What a denial rejects when it names the claim ("rejected the claim", "denied the reports").
_CLAIM_NOUNS = _REPORT_NOUN_HEADS | {"allegation", "assertion"}


#: Words that call a report untrue ("reports that X fell were false").
_FALSE = frozenset(
    {"false", "untrue", "baseless", "unfounded", "fake", "incorrect", "wrong", "lie"}
)


def _called_false(tok: Token) -> bool:
    """A report or claim whose verb calls it untrue ("the reports were false", "... are fake")."""
    return (
        tok.lemma_.lower() in _REPORT_NOUN_HEADS
        and tok.dep_ in ("nsubj", "nsubjpass")
        and any(
            c.dep_ in ("acomp", "attr") and c.lemma_.lower() in _FALSE for c in tok.head.children
        )
    )


#: Adverbs that call a claim untrue ("falsely claimed the capture of X").
_FALSELY = frozenset({"falsely", "wrongly", "erroneously", "mistakenly", "prematurely"})


def _no_subject(trig: Token) -> bool:
    """The subject is "no ..." ("No Russian troops have entered X")."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and any(k.dep_ == "det" and k.lower_ == "no" for k in c.children)
        for c in trig.children
    )


def _asked(trig: Token) -> bool:
    """An embedded question: "reports over who controls X", "which side holds X" (no answer).

    A relative clause is no question: "the unit who captured X" captured it.
    """
    return trig.dep_ != "relcl" and any(
        c.dep_ in ("nsubj", "nsubjpass")
        and (c.lower_ in _WH or any(d.dep_ == "det" and d.lower_ in _WH for d in c.children))
        for c in trig.children
    )


def _inverted_condition(trig: Token) -> bool:
    """A condition by inversion: "Should X fall, ...", "Were the army to take X, ..."."""
    subject = next((c for c in trig.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (
        subject is not None
        and any(
            c.dep_ == "aux" and c.lower_ in ("should", "were", "had") and c.i < subject.i
            for c in trig.children
        )
        and trig.dep_ == "advcl"
    )


def _years_ago(trig: Token) -> bool:
    """A time years back on the trigger ("two years ago", "a decade ago"): history."""
    return any(
        c.dep_ in ("advmod", "npadvmod")
        and "ago" in (c.lower_, *(k.lower_ for k in c.children))
        and any(k.lemma_.lower() in ("year", "decade") for k in c.subtree)
        for c in trig.children
    )


def has_infinitive_to(tok: Token) -> bool:
    """A to-infinitive: the verb has its own "to" ("to take X")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _perfect(tok: Token) -> bool:
    """A perfect infinitive ("to have seized X"): a deed told as done, never an aim."""
    return any(c.dep_ == "aux" and c.lower_ == "have" for c in tok.children)


#: Prepositions of a circumstance that holds whatever the clause's mood ("With the capture of
#: X, the army will push on": X was taken).
_CIRCUMSTANCE = frozenset({"with", "after", "following", "since", "despite", "amid", "upon"})


#: Adjectives of readiness whose infinitive's mood is their copula's ("will be able to take X").
_READY = frozenset({"able", "unable", "ready", "poised", "set", "likely", "unlikely", "about"})


def _chain(tok: Token) -> list[Token]:
    """The trigger and what it is the purpose or complement of, up to its clause's head.

    "tried to capture": *tried*; "a push to take": *push*; "close to taking": *close*; "in an
    attempt to retake": *attempt*. A participle ("forces advancing towards X") stops at itself.
    """
    out = [tok]
    t = tok
    for _ in range(6):
        if t.dep_ == "xcomp" or (
            t.dep_ in ("acl", "advcl", "relcl", "ccomp") and has_infinitive_to(t)
        ):  # "would allow the troops to take X": the allowing
            t = t.head
        elif (
            t.dep_ in ("pcomp", "pobj")
            and t.head.dep_ in ("prep", "agent", "dative")
            and t.head.lower_ not in _CIRCUMSTANCE
        ):
            t = t.head.head
        elif t.dep_ == "aux" or (t.dep_ == "dobj" and t.pos_ == "NOUN"):
            t = t.head  # "planned an assault on X": the plan
        elif t.dep_ == "acomp" and t.lower_ in _READY:
            t = t.head  # "will be able to storm X": the "will" of the "be"
        elif (
            t.dep_ == "conj"
            and (has_infinitive_to(_first_conjunct(t)) or _first_conjunct(t).dep_ == "pcomp")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        ):  # "aims to encircle and capture X": the capture is aimed at too; "prohibited from
            t = _first_conjunct(t)  # leaving the city and entering it": the entering too;
            # "to cut the roads, then block and encircle X": every conjunct
        else:
            break
        out.append(t)
    return out


def _first_conjunct(tok: Token) -> Token:
    """The first of a chain of conjuncts ("cut", for "encircle" in "cut, block and encircle")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


#: Troops an infinitive may hang on as their purpose ("sent reinforcements to take X").
_FORCES = frozenset(
    "reinforcement troop force unit fighter soldier man brigade battalion division".split()
)
#: Verbs of sending forces, their infinitive the purpose ("deployed troops to retake X").
_SENDING = frozenset(
    "send move deploy dispatch redeploy transfer mass concentrate rush bring throw".split()
)
#: Nouns of what may be done, their infinitive no event ("a chance to retake X").
_MEANS = frozenset(
    """chance opportunity capacity ability capability means way road possibility potential
    option power""".split()
)
#: Nouns of what may come: their event has not happened ("a risk of encirclement").
_THREATS = frozenset("risk threat danger fear prospect spectre specter possibility".split())
#: Words that rank a noun among others: "the first unit to enter X" entered it.
_RANKS = frozenset({"first", "last", "second", "third", "only", "latest", "next"})


def _ranked(noun: Token) -> bool:
    return any(c.lower_ in _RANKS for c in noun.children if c.dep_ in ("amod", "det"))


#: Time nouns of "it took a month to take X": a duration, not a purpose.
_TIME_NOUNS = frozenset("second minute hour day week month year months weeks days years".split())


def _duration(verb: Token) -> bool:
    """A duration: "it took (them) a month to ...", what the time was spent on."""
    return verb.lemma_.lower() == "take" and any(
        c.dep_ in ("dobj", "npadvmod", "attr") and c.lemma_.lower() in _TIME_NOUNS
        for c in verb.children
    )


def _time_spent(noun: Token) -> bool:
    """A stretch of time a deed went on for: "continued throughout the day to pound X".

    The parser hangs the infinitive on the time noun; it is the verb's, not the day's aim.
    """
    return (
        noun.lemma_.lower() in _TIME_NOUNS
        and noun.dep_ == "pobj"
        and noun.head.lower_ in ("throughout", "for", "during", "through")
    )


def _purpose_noun(trig: Token) -> bool:
    """An event noun that is what a verb is done for: "massing troops for an assault on X"."""
    return (
        trig.pos_ == "NOUN"
        and trig.dep_ == "pobj"
        and trig.head.lower_ == "for"
        and trig.head.head.pos_ in ("VERB", "AUX")
        and trig.head.head.lemma_.lower() not in _FOR_EVENT
    )


#: Verbs whose "for" names the event itself, not a purpose ("known for its capture of X").
_FOR_EVENT = frozenset({"know", "praise", "blame", "credit", "punish", "award", "thank"})


def _shared_mood(trig: Token) -> str | None:
    """The modal or condition a conjunct verb shares with the verb it is joined to.

    "it may develop its operation and advance towards X": the advance is a hypothesis too. A
    conjunct with its own subject or auxiliary has its own mood; negation is not shared ("did
    not take X but entered Y").
    """
    t = trig
    while t.dep_ == "conj" and t.pos_ == "NOUN" and t.head.pos_ == "NOUN":
        t = t.head  # "may develop its operation and advance towards X": one object
    if t.i != trig.i and t.dep_ == "dobj":
        t = t.head
        if any(c.dep_ == "aux" and c.lower_ in _POSSIBLE for c in t.children):
            return "hypothesis"
    while (
        t.dep_ == "conj"
        and t.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in t.children)
    ):
        t = t.head
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in _POSSIBLE:
                return "hypothesis"
            if c.dep_ == "aux" and c.lower_ in _MODALS:
                return "intent"
            if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
                return "negated"
    return None


def _earlier_year(tok: Token, year: int | None) -> bool:
    """A bare year before ``year`` ("2016", not "January 2016") modifying ``tok``.

    Also a year that names a past war or campaign in the phrase dating ``tok`` ("seized X in
    the first days of the 2022 invasion", read in 2024).
    """
    if year is None:
        return False
    for c in tok.children:
        cand = [c]
        if c.dep_ == "prep" and c.lower_ in ("in", "since", "during"):
            cand = [o for o in c.children if o.dep_ == "pobj"]
            if c.lower_ != "since":
                cand += [
                    t
                    for t in c.subtree
                    if t.dep_ in ("nummod", "compound", "amod") and t.head.pos_ == "NOUN"
                ]
        for y in cand:
            text = y.text
            if (
                len(text) == 4
                and text.isdigit()
                and 1500 < int(text) < year
                and y.head.lower_ not in ("hours", "hrs")  # "by 1800 hours": a time of day
                and not any(g.dep_ in ("compound", "nmod", "nummod") for g in y.children)
                and y.dep_ in ("nummod", "compound", "npadvmod", "amod", "pobj", "nmod")
            ):
                return True
    return False


def _stopped_attempt(verb: Token) -> bool:
    """An attempt whose conjunct says it was fought off ("tried to ..., but were repelled")."""
    return verb.lemma_.lower() in _ATTEMPT_VERBS and any(
        c.dep_ == "conj"
        and c.lemma_.lower() in _RESISTED
        and any(a.dep_ == "auxpass" for a in c.children)
        for c in verb.children
    )


def _future_when(trig: Token) -> bool:
    """A present-tense clause under "when"/"once" whose main clause is future or conditional."""
    present = trig.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in trig.children
    )  # "when X falls", "when X is liberated"
    if trig.dep_ != "advcl" or not present:
        return False
    if not any(c.dep_ in ("mark", "advmod") and c.lower_ in _WHEN for c in trig.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in _MODALS | _POSSIBLE for c in trig.head.children)


def _denials(trig: Token) -> list[int]:
    """Words of the trigger's sentence that deny what it said before them (once per sentence)."""
    memo = doc_memo(trig.doc)
    found: list[tuple[int, int, list[int]]] | None = memo.get("denials")
    if found is None:  # per sentence of the Doc: (start, end, the denying words)
        found = memo["denials"] = [
            (
                sent.start,
                sent.end,
                [
                    t.i
                    for t in sent
                    if t.lemma_.lower() in _DENY
                    and (
                        any(c.lower_ in ("this", "that", "it", "which") for c in t.children)
                        # "..., but officials rejected the claim"
                        or any(
                            c.dep_ == "dobj" and c.lemma_.lower() in _CLAIM_NOUNS
                            for c in t.children
                        )
                        or (t.dep_ == "relcl" and t.head.lemma_.lower() in _REPORT_NOUN_HEADS)
                    )
                ],
            )
            for sent in trig.doc.sents
        ]
    return next(words for start, end, words in found if start <= trig.i < end)


#: Verbs that report a plan or a promise: "would" under them is a reported "will".
_TELLING = _REPORTING | frozenset(
    {"vow", "pledge", "promise", "warn", "insist", "threaten", "tell"}
)


def _future_in_the_past(verb: Token) -> bool:
    """Reported speech turns "will" into "would" ("said the army would retake X").

    Only a clause told by a verb of saying or promising, with no condition of its own.
    """
    return (
        verb.dep_ == "ccomp"
        and verb.head.lemma_.lower() in _TELLING
        and any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children)
        and not any(c.dep_ == "advcl" for c in verb.children)  # "would take X if ..."
    )


#: Nouns that make an event noun, as the subject of "be", a goal ("the capture of X is the
#: next step").
_GOAL_NOUNS = frozenset("step goal objective aim target priority task stage".split())


#: Verbs whose "that" clause says what should happen ("demanded that troops pull back").
_MANDATIVE = frozenset(
    {"demand", "insist", "urge", "ask", "request", "require", "propose", "recommend", "suggest"}
)


def _mandated(trig: Token) -> bool:
    """A subjunctive under a demand: "Turkey demanded that regime forces pull back from X".

    Only a bare present ("pull", "be pushed"): "insisted that the army had taken X" is a claim.
    """
    verb = trig
    if trig.pos_ == "NOUN" and trig.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb = trig.head  # "demanded that the siege of X be lifted"
    return (
        verb.dep_ == "ccomp"
        and verb.head.lemma_.lower() in _MANDATIVE
        and (
            verb.tag_ in ("VB", "VBP")
            or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VB" for c in verb.children)
        )
    )


def _named_a_goal(trig: Token) -> bool:
    """An event noun said to be a step or goal: what is aimed at, not what happened."""
    return (
        trig.pos_ == "NOUN"
        and trig.dep_ == "nsubj"
        and trig.head.lemma_.lower() == "be"
        and any(c.dep_ == "attr" and c.lemma_.lower() in _GOAL_NOUNS for c in trig.head.children)
    )


#: Words that make a landmark recent news ("since Monday's capture of X").
_THIS_WEEK = frozenset({*WEEKDAYS, "yesterday", "today", "overnight", "tonight"})


def _since_landmark(trig: Token) -> bool:
    """An event noun after "since" with no day of this week: a landmark of the past.

    So is a deed a superlative is measured from: "the biggest gain since it captured X",
    "the first time since troops stormed X".
    """
    if any(t.lower_ in _THIS_WEEK for t in trig.subtree):
        return False
    if trig.pos_ == "NOUN":
        return trig.dep_ == "pobj" and trig.head.lower_ == "since"
    return (
        trig.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "since" for c in trig.children)
        and any(
            t.tag_ in ("JJS", "RBS") or t.lower_ == "first"
            for t in trig.head.subtree
            if t.i < trig.i
        )
    )


#: Spans that, uncounted before "after", put a deed some unknown days before its clause's day.
_VAGUE_SPANS = frozenset({"day", "week", "month", "year"})


def _some_time_before(trig: Token) -> bool:
    """A deed "days after" which the clause happened: before the clause's day, by how much unsaid.

    "Two days after taking X" is counted (a date phrase); "just days after losing it" is not.
    """
    after = trig.head
    return (
        trig.dep_ in ("pcomp", "pobj")
        and after.lower_ == "after"
        and any(
            c.dep_ == "npadvmod"
            and c.lemma_.lower() in _VAGUE_SPANS
            and not any(n.dep_ == "nummod" or n.like_num for n in c.children)
            for c in after.children
        )
    )


#: Spans an event noun is "a matter of" when it is still to come.
_WAIT_SPANS = frozenset({"time", "hours", "days", "weeks", "months"})


def _a_matter_of_time(trig: Token) -> bool:
    """An event noun that is "a matter of time/days": predicted, not reported."""
    if trig.pos_ != "NOUN" or trig.dep_ != "nsubj" or trig.head.lemma_ != "be":
        return False
    return any(
        a.dep_ == "attr"
        and a.lemma_.lower() == "matter"
        and any(o.lower_ in _WAIT_SPANS for p in a.children if p.lower_ == "of" for o in p.children)
        for a in trig.head.children
    )


#: Passive verbs of awaiting: an event noun they take as subject is still to come.
_AWAITED = frozenset({"expect", "plan", "schedule", "anticipate", "predict"})


def _awaited(trig: Token) -> bool:
    """An event noun that is expected or planned ("an attack on X is expected to follow")."""
    head = trig.head
    return (
        trig.pos_ == "NOUN"
        and trig.dep_ == "nsubjpass"
        and head.lemma_.lower() in _AWAITED
        and not any(c.dep_ == "neg" for c in head.children)
    )


def modality(trig: Token, year: int | None = None) -> str:
    """How a trigger is reported: ``"fact"`` or one of the other moods in the module docstring.

    ``year`` is the publication year (a bare earlier year on the clause is history).
    """
    chain = _chain(trig)
    if any(_earlier_year(t, year) for t in chain[:2]):
        return "history"
    if _no_subject(trig) or _inverted_condition(trig) or _asked(trig):
        return "negated"  # "no troops entered X"; "should X fall, ..."
    if trig.pos_ == "NOUN" and trig.dep_ == "pobj" and trig.head.lower_ == "without":
        return "negated"  # "surrendered without a fight", "entered X without resistance"
    if _years_ago(trig):
        return "history"  # "two years ago, troops liberated X"
    if _since_landmark(trig):
        return "history"  # "its biggest gain since the fall of X": a past landmark
    if _some_time_before(trig):
        return "history"  # "regained the village Sunday, days after losing it": an earlier day
    for t in chain:
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no" and t.i == trig.i):
                return "negated"
            if c.dep_ == "mark" and c.lower_ in _QUESTIONED and t.pos_ in ("VERB", "AUX"):
                return "negated"  # "if the army takes X", "unclear whether X fell"
            if (
                c.dep_ == "advmod"
                and c.lower_ in _HISTORY
                and c.lower_ != "earlier"
                and t.lemma_.lower() not in _REPORTING
            ):  # "had previously crossed X"; "previously announced the capture of X" is news
                return "history"
    if trig.dep_ == "nsubj" and trig.head.lemma_.lower() in _CEASE | _FINISHED:
        return "negated"  # "operations in X have finished", "strikes on X had stopped"
    if trig.pos_ == "NOUN" and trig.dep_ == "dobj" and trig.head.lemma_.lower() in _RESISTED:
        return "negated"  # "repelled an advance on X": the advance failed (the fight is a clash)
    if (
        trig.dep_ == "dobj"
        and trig.lemma_.lower() in _SIEGES
        and trig.head.lemma_.lower() in _LIFTED
    ):
        return "negated"  # "raised the siege of X", "broke the blockade of X": it ended
    if (
        trig.lemma_.lower() in _POCKETS
        and trig.dep_ in ("dobj", "nsubjpass")
        and trig.head.lemma_.lower() in _WIPED_OUT
    ):
        return "negated"  # "eliminated the last terrorist pockets there": resistance ended
    if _mandated(trig):
        return "intent"  # "demanded that regime forces pull back from X": not done yet
    if _awaited(trig):
        return "intent"  # "an attack upon X is expected to follow": not yet made
    if _a_matter_of_time(trig):
        return "hypothesis"  # "the fall of X is only a matter of days": not yet
    if _named_a_goal(trig):
        return "intent"  # "the seizure of X is the most important step in the army's objective"
    if any(_future_when(t) for t in chain[:2]):
        return "hypothesis"  # "rebels will be besieged when X falls (into the hands of ...)"
    shared = _shared_mood(trig)
    if shared is not None:
        return shared
    below = trig
    for t in [trig, *trig.ancestors]:
        if t.i != trig.i and t.dep_ == "advcl" and t.lemma_.lower() in _REPORTING:
            break  # "denied that X fell, saying they had pulled back": the denier's own words
        if t.lemma_.lower() in _DENY and t.i != trig.i and below.dep_ not in ("advcl", "conj"):
            return "denied"  # ("denied that, saying the army repelled ...": the denier's own)
        below = t
        if t.i != trig.i and _called_false(t):
            return "denied"  # "reports that X had fallen were false"
    if any(i > trig.i for i in _denials(trig)):
        return "denied"  # "X fell; this was denied", "..., a claim Kyiv rejected"
    if any(c.dep_ == "advmod" and c.lower_ in _FALSELY for t in chain for c in t.children):
        return "denied"  # "Moscow falsely claimed the capture of X"
    if _purpose_noun(trig):
        return "intent"
    if any(
        t.dep_ in ("dobj", "nsubjpass") and t.head.lemma_.lower() in _RESISTED for t in chain[1:]
    ):  # ("attempts to break through towards X were thwarted")
        return "repelled"  # "repelled an attempt to advance towards X": fought off there
    if any(_stopped_attempt(t) for t in chain[1:3]):
        return "repelled"  # "tried to advance towards X, but were stopped by ...": fought there
    for k, t in enumerate(chain):
        if _future_in_the_past(t):
            return "intent"  # "a spokesman said the army would retake X": "will", reported
        if any(c.dep_ == "aux" and c.lower_ in _POSSIBLE for c in t.children):
            return "hypothesis"
        if t.dep_ == "attr" and any(
            c.dep_ == "aux" and c.lower_ in _POSSIBLE | _MODALS for c in t.head.children
        ):
            return "hypothesis"  # "it would be the second town to be recaptured"
        if t.i == trig.i:
            if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in t.children):
                return "intent"
            if t.dep_ == "advcl" and has_infinitive_to(t) and not _duration(t.head):
                return "intent"  # a purpose: "moved reinforcements (in order) to take X"
            on_troops = (
                t.dep_ in ("acl", "relcl")
                and t.head.lemma_.lower() in _FORCES
                and not _ranked(t.head)  # "the first unit to enter X" entered it
            )
            if on_troops and has_infinitive_to(t):
                return "intent"  # "moved reinforcements to take X" hung on the troops
            if (
                t.dep_ in ("acl", "relcl")
                and has_infinitive_to(t)
                and _ranked(t.head)
                and t.head.dep_ in ("appos", "npadvmod")
            ):  # "X, the first big city to fall to Moscow": a description of its past ("the
                return "history"  # brigade was the first unit to enter X" is news)
            if (
                t.dep_ in ("acl", "relcl")
                and has_infinitive_to(t)
                and not _perfect(t)  # "Russia's claim to have seized X": told as done
                and not _ranked(t.head)
                and t.head.lemma_.lower() not in _MEANS  # "a chance to take X": below
                and not _time_spent(t.head)
            ):
                if t.head.lemma_.lower() in _ATTEMPT_NOUNS:
                    return "attempt"  # "an unsuccessful attempt to attack near X"
                return "intent"  # "plans to take X" (a noun's aim)
            continue
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in _ORDER_VERBS:
            return "ordered"
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REMAIN_VERBS:
            return "status"  # "remains under Ukrainian control": held, not taken
        lemma = t.lemma_.lower()
        if lemma in _UNABLE or t.lower_ in _UNABLE:
            return "negated"
        if lemma in _FAILED:
            return "failed"  # "failed to take X": no capture; "failed to storm X": a fight
        if lemma in _CEASE and chain[k - 1].dep_ == "xcomp" and chain[k - 1].tag_ == "VBG":
            return "negated"  # "stopped shelling X", "ceased attacking X": no more of it
        if lemma in _PREVENT and (
            chain[k - 1].head.lower_ == "from" or (chain[k - 1].dep_ == "dobj" and lemma != "keep")
        ):  # ("kept up attacks on X", "kept X surrounded": it went on)
            return "negated"  # "were prohibited from entering X", "to prevent the encirclement"
        if lemma in _AVOID and chain[k - 1].dep_ in ("dobj", "xcomp"):
            return "negated"  # "to avoid encirclement in X", "escaped being surrounded"
        if lemma in _SENDING and has_infinitive_to(chain[k - 1]):
            return "intent"  # "moved reinforcements to capture X": what they were sent for
        if lemma in _MEANS and chain[k - 1].dep_ in ("acl", "relcl"):
            return "hypothesis"  # "a chance to retake X", "the capacity to capture X"
        if lemma in _THREATS:
            return "hypothesis"  # "a risk of encirclement in X", "the threat of an assault"
        if lemma == "be" and has_infinitive_to(chain[k - 1]) and chain[k - 1].dep_ == "xcomp":
            return "intent"  # "X is (yet) to be liberated", "troops are to take X": not yet
        if t.pos_ in ("VERB", "AUX") and lemma in _ATTEMPT_VERBS:
            return "attempt"
        if t.lower_ in _INTENT_STATES and t.pos_ in ("ADJ", "VERB"):
            return "intent"  # "is determined to take X", "bent on capturing X": not yet
        if lemma in _NAMING and chain[k - 1].dep_ == "dobj":
            continue  # "called the capture of X a turning point": a name for it, no request
        if (
            t.pos_ in ("VERB", "AUX")
            and (lemma in _INTENT_VERBS or t.lower_.rstrip("sd") in _INTENT_VERBS)
            and chain[k - 1].dep_ != "conj"
            and not (chain[k - 1].dep_ == "pcomp" and chain[k - 1].head.lower_ in _WHEN)
        ):  # ("hopes" is sometimes lemmatised "hop"; "set fire to X and withdrawn" or "before
            return "intent"  # withdrawing": done too)
        if lemma in _COMPEL:
            continue  # "the attack forced the garrison to flee": it fled
        if (
            any(has_infinitive_to(x) for x in chain[:k])
            and t.pos_ in ("VERB", "AUX")
            and any(
                c.dep_ in ("dobj", "nsubj") and c.lemma_.lower() in _INTENT_NOUNS
                for c in t.children
            )
        ):  # "began an assault to capture X", "the goal is to take X": the aim
            return "intent"
        if lemma in _INTENT_NOUNS and (
            t.pos_ in ("NOUN", "PROPN") or t.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")
        ):  # "launched a counteroffensive to retake X" (tagged as an adjective)
            return "intent"
        if (t.lower_ in _CLOSE or lemma in _CLOSE) and (t.pos_ != "VERB" or t.lower_ == "poised"):
            return "intent"  # "close to taking X" ("closing the pincers" is no nearness)
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in t.children):
            return "intent"
    # "yet to be liberated", "remain to be captured"
    left = trig.doc[max(0, trig.i - 4) : trig.i].text.lower()
    if "yet to" in left or "remains to" in left or "remain to" in left:
        return "intent"
    head = trig.head
    if (
        (trig.pos_ == "NOUN" and trig.dep_ in ("nsubj", "nsubjpass"))
        or (trig.tag_ == "VBG" and trig.dep_ == "csubj")
    ) and any(c.dep_ == "aux" and c.lower_ in _MODALS | _POSSIBLE for c in head.children):
        if trig.lemma_.lower() in _OBJECTIVES:
            return "intent"  # "the next target will be X": what is aimed at
        return "negated"  # "the capture of X (taking X) would open the road": no event
    return FACT
