"""Statements of who holds a place, as weighted control evidence with their sentence.

"the rebel-held town of X", "government-held Y", "X, under HTS control", "the last opposition
bastion of Z", "occupied X" (in the war in Ukraine: Russia), "Russian-controlled X", "X, held
by Ukrainian forces", "troops retreated to X": each says a side holds the place on the day the
article describes (its publication date). "X came under regime control", "X and Y were brought
under Russian control" say the place changed hands (kind ``taken``: the other side held it
before); a phrase said after a list ("A, B and C came under ...") is said of each of them. A
bombardment or strike by one side on a place is weak evidence that the other side holds it
(:data:`STRIKE_WEIGHT`); one fired *from* a place ("shelled the troops from around X") is weak
evidence that the attackers hold it.

The phrasings are data (:data:`CONTROL_PHRASES`): each is a regular expression matched against
the words just before (``where="before"``) or just after (``where="after"``) a resolved place
mention, with the side read from the phrase (:data:`SIDE_WORDS`), fixed per war, or taken from
the sentence's actor (a retreat). A test runs every phrase on its own example sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from mapper.extract.actors import find_actors, nearest_actor
from mapper.extract.sentences import Sentence
from mapper.model import Article, ControlStatement, Event, Mention

__all__ = [
    "CONTROL_PHRASES",
    "SIDE_WORDS",
    "OPPOSED_EVENTS",
    "ENCIRCLEMENT_READINGS",
    "FIRED_FROM",
    "STRIKE_WEIGHT",
    "ControlPhrase",
    "find_control",
    "side_of_word",
]

#: Side adjectives as they appear before "-held", "-controlled" or inside "under X control".
SIDE_WORDS: dict[str, str] = {
    r"rebels?|opposition|jihadists?|insurgents?|militants?|terrorists?|islamists?|hts"
    r"|hay['’]?at\s+tahrir\s+al[- ]sham|nusra|turkish[- ]backed|pro[- ]turkish"
    r"|syrian\s+national\s+army|fsa|free\s+syrian\s+army|(?:al[- ])?qaeda": "opposition",
    r"government|regime|loyalists?|assad|damascus|syrian\s+(?:arab\s+)?army|army": "government",
    r"russian|russia|pro[- ]russian|separatists?|kremlin|moscow|dpr|lpr|wagner": "russia",
    r"ukrainian|ukraine|kyiv|kiev": "ukraine",
    r"turkish|turkey|ankara": "turkey",
    r"kurdish|kurdish[- ]led|sdf|ypg": "sdf",
}
_SIDE_ALT = "|".join(f"(?:{k})" for k in SIDE_WORDS)
_SIDE_RX = {re.compile(rf"(?:{k})", re.I): v for k, v in SIDE_WORDS.items()}

#: Weight of a strike by one side as evidence that the other side holds the place.
STRIKE_WEIGHT = 0.25
#: Events by one side at a place that say the other side holds it: type -> (kind, weight).
#: A bombardment or an attack on X is weak evidence; an encircled X is held by the other side.
OPPOSED_EVENTS: dict[str, tuple[str, float]] = {
    "bombardment": ("strike", STRIKE_WEIGHT),
    "encirclement": ("encircled", 0.5),
}

#: Nouns between a control adjective and the name ("the rebel-held town of X").
_NOUN = (
    r"(?:(?:small\s+|key\s+|strategic\s+|frontline\s+|front-line\s+|nearby\s+|southern\s+"
    r"|northern\s+|eastern\s+|western\s+)?(?:town|city|village|settlement|hamlet|area|district"
    r"|stronghold|enclave|hub|suburb|outpost)s?\s+(?:of\s+|in\s+)?)?"
)
#: Words right before a bombarded place that make it where the shots came from, not their
#: target: "shelled regime troops from around the town of X" says the attackers hold X.
_FIRED_FROM = re.compile(
    r"\bfrom\s+(?:(?:around|near|inside|within|(?:their\s+)?positions?\s+(?:in|near|around))\s+)?"
    rf"(?:the\s+)?{_NOUN}$",
    re.I,
)
#: The statement a bombardment fired from a place gives: its attackers hold it (weak evidence).
FIRED_FROM: tuple[str, float] = ("fired-from", STRIKE_WEIGHT)
#: Who is encircled, as the sentence of an encirclement says it, most specific first: an
#: encircler after "by" ("surrounded by Wagner fighters": the other side is inside) or the
#: encircled troops named ("the encirclement of the Ukrainian forces", or in the passive,
#: "Ukrainian defenders were trapped"). Each pattern's ``side`` group is read through
#: :data:`SIDE_WORDS`; the flag says whether it names the encircled side or the encircler.
_TROOPS = r"(?:forces|troops|units|defenders|soldiers|garrison|fighters|army|servicemen)"
ENCIRCLEMENT_READINGS: tuple[tuple[re.Pattern[str], bool], ...] = (
    (
        re.compile(
            r"\b(?:surrounded|encircled|besieged|blockaded|trapped)[\"”'’]?\s+by\s+(?:the\s+)?"
            r"(?P<side>(?:[\w-]+\s+){0,2}?[\w-]+)(?=\s+(?:fighters|forces|troops|units)\b|[\s,.;\"”]|$)",
            re.I,
        ),
        False,
    ),
    (
        re.compile(
            r"\b(?:encirclement|encircl(?:e|ed|ing)|surround(?:ed|ing)?|besieg(?:e|ed|ing)|trap(?:ped)?)"
            rf"\s+(?:of\s+)?(?:the\s+)?(?P<side>{_SIDE_ALT})\s+{_TROOPS}\b",
            re.I,
        ),
        True,
    ),
    (
        re.compile(
            rf"\b(?P<side>{_SIDE_ALT})\s+{_TROOPS}\s+(?:\w+\s+){{0,2}}?(?:were|are|was|is|been"
            r"|being|remain(?:ed)?|got)\s+(?:\w+\s+)?(?:trapped|surrounded|encircled|besieged"
            r"|cut\s+off)\b",
            re.I,
        ),
        True,
    ),
)
#: Words before a held-phrase that put it in the past: "formerly rebel-held X".
_PAST = re.compile(
    r"\b(?:formerly|once|previously|former|until\s+recently|then|ex)[- ]+(?:\w+[- ]){0,1}$", re.I
)
#: Words between a name and "under X control" / "held by X": "X, which is now", "X came".
_STATE = (
    r"^\s*,?\s*(?:(?:which|that)\s+|is\s+|are\s+|was\s+|were\s+|remains?\s+|still\s+"
    r"|now\s+|currently\s+|came\s+|fell\s+|firmly\s+|has\s+been\s+|have\s+been\s+"
    r"|been\s+)*"
)
#: Where a place lies, between its name and what is said of it: "X in Hama province came".
_LOCATIVE = (
    r"(?:\s+in\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?(?:province|region|oblast|governorate"
    r"|countryside|district|direction)\b)?"
)
_SYRIA_ALLIES = {"russia": "government", "iran": "government", "turkey": "opposition"}
_OPPONENTS = {
    "government": "opposition",
    "opposition": "government",
    "russia": "ukraine",
    "ukraine": "russia",
}


@dataclass(frozen=True, slots=True)
class ControlPhrase:
    """One way of saying who holds a place.

    ``pattern`` is matched right before the place (it must end where the name starts) or right
    after it (it must start where the name ends). The side is the ``side`` group read through
    :data:`SIDE_WORDS`, else ``fixed`` (a side name, or ``{war: side}``), else the acting side
    of the sentence (``"actor"``). ``example`` is a sentence (written here) that must match.
    ``cue`` (a "before" phrase's, optional) matches somewhere in every text the pattern matches
    in: a quick test that spares the pattern's search of the words before most places.
    """

    name: str
    kind: str
    where: str
    pattern: re.Pattern[str]
    weight: float
    example: str
    fixed: str | dict[str, str] | None = None
    cue: re.Pattern[str] | None = None

    def search_before(self, before: str) -> re.Match[str] | None:
        """The pattern's match in the words ``before`` a place (its cue looked for first)."""
        if self.cue is not None and self.cue.search(before) is None:
            return None
        return self.pattern.search(before)


def _rx(text: str) -> re.Pattern[str]:
    return re.compile(text, re.I)


#: The registry of control phrasings, most specific first; the first match per place wins.
CONTROL_PHRASES: tuple[ControlPhrase, ...] = (
    ControlPhrase(
        "side-held",
        "held",
        "before",
        _rx(
            rf"\b(?P<side>{_SIDE_ALT})[- ](?:held|controlled|run|occupied|dominated)\s+"
            rf"{_NOUN}$"
        ),
        0.8,
        "Shells fell on the rebel-held town of Saraqib on Monday.",
        cue=_rx(r"held|controlled|run|occupied|dominated"),
    ),
    ControlPhrase(
        "held-by-side",
        "held",
        "after",
        _rx(
            _STATE + r"(?:held|controlled|occupied)\s+by\s+(?:the\s+)?(?P<side>(?:\w+[- ]){0,2}\w+)"
        ),
        0.8,
        "Fighting went on around Saraqib, still held by the rebels, for a week.",
    ),
    ControlPhrase(
        "came-under-control",
        "taken",
        "after",
        _rx(
            r"^" + _LOCATIVE + r"\s*,?\s*(?:(?:has|have|had)\s+)?(?:been\s+)?"
            r"(?:came|come|comes|fell|falls|brought|returned|passed)\s+(?:back\s+)?under\s+"
            r"(?:the\s+)?(?:full\s+|firm\s+)?(?:(?P<side>"
            rf"{_SIDE_ALT})\s+control|control\s+of\s+(?:the\s+)?(?P<side2>(?:\w+[- ])"
            r"{0,2}\w+))"
        ),
        0.8,
        "Saraqib in Idlib province came under regime control overnight, a monitor said.",
    ),
    ControlPhrase(
        "under-side-control",
        "held",
        "after",
        _rx(
            _STATE + r"(?:under|in)\s+(?:the\s+)?(?:full\s+|firm\s+)?(?:(?P<side>"
            rf"{_SIDE_ALT})\s+(?:control|hands|occupation|rule)|control\s+of\s+(?:the\s+)?"
            r"(?P<side2>(?:\w+[- ]){0,2}\w+))"
        ),
        0.8,
        "Residents of Saraqib, under HTS control since 2017, fled north.",
    ),
    ControlPhrase(
        "side-bastion",
        "held",
        "before",
        _rx(
            rf"\b(?:last\s+|main\s+|remaining\s+)?(?P<side>{_SIDE_ALT})(?:s?['’])?\s+(?:last\s+)?"
            r"(?:bastion|stronghold|enclave|pocket|redoubt)s?\s+(?:of\s+|in\s+)?$"
        ),
        0.8,
        "Warplanes struck the last opposition bastion of Saraqib at dawn.",
        cue=_rx(r"bastion|stronghold|enclave|pocket|redoubt"),
    ),
    ControlPhrase(
        "occupied",
        "held",
        "before",
        _rx(rf"\b(?:temporarily\s+|russian[- ]|moscow[- ])?occupied\s+{_NOUN}$"),
        0.7,
        "Explosions were heard in occupied Izium overnight.",
        fixed={"ukraine": "russia"},
        cue=_rx(r"occupied"),
    ),
    ControlPhrase(
        "retreated-to",
        "retreat",
        "before",
        _rx(
            r"\b(?:retreat(?:ed|ing|s)?|withdr(?:ew|awn|awing|aws)|fell\s+back|fall(?:ing|s)?\s+back"
            r"|pulled\s+back|regroup(?:ed|ing)?)\s+(?:\w+\s+){0,3}?(?:to|into|towards?)\s+"
            rf"(?:the\s+)?{_NOUN}$"
        ),
        0.6,
        "The rebels retreated to Saraqib after the battle.",
        fixed="actor",
        cue=_rx(r"retreat|withdr|fell|fall|pulled|regroup"),
    ),
)

_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+|,?\s+as\s+well\s+as\s+)$", re.I)
_REGION_KINDS = frozenset({"country", "region", "province", "road"})


def side_of_word(text: str, *, war: str | None = None) -> str | None:
    """The side a word or short phrase names ("rebel", "the Syrian army", "Russian forces")."""
    text = text.strip()
    for rx, side in _SIDE_RX.items():
        if rx.fullmatch(text):
            return side
    actors = find_actors(text, war=war)
    if actors:
        return actors[0].side
    for rx, side in _SIDE_RX.items():
        if rx.match(text):
            return side
    return None


def _phrase_side(
    phrase: ControlPhrase, m: re.Match[str], sentence: Sentence, pos: int, war: str | None
) -> str | None:
    groups = m.groupdict()
    word = groups.get("side") or groups.get("side2")
    if word:
        side = side_of_word(word, war=war)
    elif isinstance(phrase.fixed, dict):
        side = phrase.fixed.get(war or "")
    elif phrase.fixed == "actor":
        actors = [a for a in find_actors(sentence.text, war=war) if a.start < m.start() + pos]
        actor = nearest_actor(actors, m.start() + pos, sentence=sentence.text)
        side = actor.side if actor is not None else None
    else:
        side = phrase.fixed
    if war == "ukraine" and side in ("government", "opposition"):
        return None
    if war == "syria" and side == "ukraine":
        return None
    return side


def _sentence_of(sentences: Sequence[Sentence], starts: list[int], offset: int) -> Sentence | None:
    """The sentence holding ``offset`` (``starts``: the sentences' starts, in order)."""
    k = bisect_right(starts, offset) - 1
    if k < 0 or not sentences[k].start <= offset < sentences[k].end:
        return None
    return sentences[k]


def find_control(
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    events: Sequence[Event] = (),
    *,
    war: str | None = None,
    states: Sequence[Event] = (),
) -> list[ControlStatement]:
    """Control statements of one article, in text order.

    Parameters
    ----------
    article
        The article (its text, id, publication date and source).
    sentences, mentions
        Its sentences and resolved place mentions (unresolved ones are skipped).
    events
        Its events: a bombardment by a side with a known opponent gives a weak statement that
        the opponent holds the place (:data:`STRIKE_WEIGHT`).
    states
        What the parse read as a state of control ("most of the city is under Russian control",
        "the faction that controls X"): statements that their side holds the place
        (:data:`STATE_WEIGHT`), wherever the text names the place (a reference too).
    war
        ``"ukraine"`` or ``"syria"`` (or None): decides the side of "occupied X".
    """
    text = article.text
    out: list[ControlStatement] = []
    placed = [
        m
        for m in mentions
        if m.place is not None and m.role == "place" and (m.place.kind or "") not in _REGION_KINDS
    ]
    seen: set[int] = set()
    starts = [s.start for s in sentences]
    for i, mention in enumerate(placed):
        if mention.start in seen:
            continue
        sentence = _sentence_of(sentences, starts, mention.start)
        if sentence is None:
            continue
        hit = _match(mention, sentence, text, war)
        if hit is None:
            continue
        phrase, side, m_start, m_end = hit
        group = [mention]
        for j in range(i + 1, len(placed)):  # "the rebel-held towns of A, B and C"
            nxt = placed[j]
            if phrase.where != "before" or nxt.start >= sentence.end:
                break
            if not _LIST_JOIN.match(text[group[-1].end : nxt.start]):
                break
            group.append(nxt)
        for j in range(i - 1, -1, -1):  # "A, B and C came under regime control"
            prev = placed[j]
            if phrase.where != "after" or prev.start < sentence.start or prev.start in seen:
                break
            if not _LIST_JOIN.match(text[prev.end : group[0].start]):
                break
            group.insert(0, prev)
        for g in group:
            seen.add(g.start)
            out.append(
                ControlStatement(
                    article_id=article.id,
                    place=g,
                    side=side,
                    kind=phrase.kind,
                    phrase=phrase.name,
                    weight=phrase.weight,
                    evidence=sentence.text,
                    start=min(m_start, g.start),
                    end=max(m_end, g.end),
                    date=article.published,
                    source=article.source,
                )
            )
    out.extend(_strikes(article, events, war))
    out.extend(_states(article, states, war, seen))
    out.sort(key=lambda c: (c.start, c.place.start))
    return out


#: Weight of a state of control read from the parse: as strong as "X, under HTS control".
STATE_WEIGHT = 0.8


def _states(
    article: Article, states: Sequence[Event], war: str | None, seen: set[int]
) -> list[ControlStatement]:
    """Statements from the parse's states of control, where no phrase already said the same."""
    out = []
    for e in states:
        side = _ally(e.actor, war)
        if side is None or e.place is None or e.place.place is None or e.place.start in seen:
            continue
        phrase = f"held by {e.actor} (as the sentence says)"
        day = e.date or article.published
        out.append(_told_by(article, e, e.place, side, "held", phrase, STATE_WEIGHT, day))
    return out


def _told_by(
    article: Article,
    e: Event,
    place: Mention,
    side: str,
    kind: str,
    phrase: str,
    weight: float,
    day: dt.date | None,
) -> ControlStatement:
    """A control statement that ``e`` (placed at ``place``) of ``article`` makes."""
    return ControlStatement(
        article_id=article.id,
        place=place,
        side=side,
        kind=kind,
        phrase=phrase,
        weight=weight,
        evidence=e.evidence,
        start=e.start,
        end=e.end,
        date=day,
        source=article.source,
    )


def _match(
    mention: Mention, sentence: Sentence, text: str, war: str | None
) -> tuple[ControlPhrase, str, int, int] | None:
    """The first phrase of the registry said of ``mention``: (phrase, side, start, end)."""
    before = text[max(sentence.start, mention.start - 80) : mention.start]
    after = text[mention.end : min(sentence.end, mention.end + 80)]
    for phrase in CONTROL_PHRASES:
        if phrase.where == "before":
            m = phrase.search_before(before)
            if m is None or _PAST.search(before[: m.start()]):
                continue
            base = mention.start - len(before)
            side = _phrase_side(phrase, m, sentence, base - sentence.start, war)
            start, end = base + m.start(), mention.end
        else:
            m = phrase.pattern.match(after)
            if m is None:
                continue
            side = _phrase_side(phrase, m, sentence, mention.end - sentence.start, war)
            start, end = mention.start, mention.end + m.end()
        if side:
            return phrase, side, start, end
    return None


def _ally(actor: str | None, war: str | None) -> str | None:
    """An acting side as a side of the war (in Syria, allies fold into their side)."""
    side = (actor or "").lower() or None
    if war == "syria" and side is not None:
        side = _SYRIA_ALLIES.get(side, side)
    return side


def _encircled(sentence: str, war: str | None) -> str | None:
    """The encircled side (who holds the place) as the sentence says it, or None.

    The first of :data:`ENCIRCLEMENT_READINGS` whose side word names a side of a known
    opponent decides.
    """
    for rx, names_encircled in ENCIRCLEMENT_READINGS:
        for m in rx.finditer(sentence):
            side = _ally(side_of_word(m.group("side"), war=war), war)
            if side in _OPPONENTS:
                return side if names_encircled else _OPPONENTS[side]
    return None


def _fired_from(text: str, start: int) -> bool:
    """True when the place mentioned at ``start`` is where the shots came from ("from X")."""
    return _FIRED_FROM.search(text[max(0, start - 60) : start]) is not None


def _strikes(article: Article, events: Sequence[Event], war: str | None) -> list[ControlStatement]:
    """Weak statements from bombardments: the side struck holds the place.

    A bombardment fired from the place ("shelled the troops from around X") says the
    attackers hold it instead (:data:`FIRED_FROM`). In the Syrian war Russian strikes count for
    the government, Turkish ones for the opposition.
    """
    out = []
    for e in events:
        rule = OPPOSED_EVENTS.get(e.type)
        if rule is None or e.place is None or e.place.place is None:
            continue
        if e.distance_km is not None or e.date is None:
            continue  # a point projected from the place is not the place
        if (e.place.place.kind or "") in _REGION_KINDS:
            continue
        actor = _ally(e.actor, war)
        other = _OPPONENTS.get(actor or "")
        kind, weight, side, phrase = rule[0], rule[1], other, f"{e.type} by {e.actor}"
        if e.type == "encirclement" and (inside := _encircled(e.evidence, war)):
            side, phrase = inside, f"{e.type}: {inside} encircled (as the sentence says)"
        if side is None:
            continue
        if e.type == "bombardment" and _fired_from(article.text, e.place.start):
            kind, weight, side = *FIRED_FROM, actor
            if side not in _OPPONENTS:
                continue
            phrase = f"{e.type} by {e.actor} from {e.place.surface}"
        day = e.date_end or e.date
        out.append(_told_by(article, e, e.place, side, kind, phrase, weight, day))
    return out
