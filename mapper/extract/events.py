"""Events of an article: parsed triggers and reported distances, with sides, dates and evidence.

Every sentence that holds a trigger word and a place (or a word referring to one) is parsed once,
in a batch (:mod:`mapper.extract.parse`); :func:`mapper.extract.reading.read_sentence` reads its
events from the tree. Reported distances ("four kilometers west of X", "3 km away from the
town") are advances projected from their anchor place; geographic facts ("X, which lies 11 km
east of Y") are not.

Sides: the agent phrase normalised by :mod:`mapper.extract.actors` with the war's side registry;
a bare "troops"/"they" is the side the story is about (the last named agent).

Dating rule (see :mod:`mapper.dates`): the date phrase of the trigger's own clause; else one on
the clauses it hangs from, or a sentence-initial one (a phrase inside another clause, such as
"after taking X on Sunday" or a relative clause, is that clause's; a "since ..." more than a week
back is a campaign's start, never an event's day); else, for present-tense positions ("are now",
"currently"), a clause in the present tense ("fighting continues around X"), a present
perfect in the writer's voice ("have closed in on X") and an aim stated, not attempted ("its
next objective is X", "will attack X"), the publication date; a span of years or months from
an unnamed date in the clause ("four years later") leaves the event undated (history); else the
day-precision phrase carried from an earlier sentence (neither a range phrase nor a flashback
more than a week before it resets it), ``basis="context"``; else the publication date,
``basis="publication"``. Phrases counted from "today" follow the writer's clock when the text
names its day (:func:`mapper.dates.on_writers_clock`).
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from functools import lru_cache
from typing import TYPE_CHECKING

from gazetteer.ranking import haversine_km
from gazetteer.translit import name_key
from mapper.dates import (
    HISTORY_SPAN,
    REPORT_DAY,
    DateResolution,
    dispatch_day,
    find_dates,
    is_dateline,
    morning_after,
    on_writers_clock,
    publication_date,
    writers_today,
)
from mapper.extract.actors import (
    ARMED_GROUPS,
    FORCES,
    GENERIC,
    PEOPLE,
    WAR_OPPONENTS,
    ActorMatch,
    find_actors,
    is_agent,
    names_a_side,
    opponent,
)
from mapper.extract.areas import region_starts
from mapper.extract.arguments import DWELLERS, FORCE_NOUNS, REFERENCE_NOUNS, stated_sides
from mapper.extract.casualties import find_killed
from mapper.extract.directions import (
    MOVE_RX,
    compass_point,
    heading_behind,
    normalise_direction,
)
from mapper.extract.distances import DistancePhrase, distance_before, is_static
from mapper.extract.filters import COMMON_WORDS, PEOPLE_PLURAL, PEOPLE_WORDS, dateline_spans
from mapper.extract.mentions import ANCHOR_SCORE
from mapper.extract.numbers import parse_distance
from mapper.extract.parse import MAX_SENTENCE_CHARS, ParsedSentence, doc_memo, parse_sentences
from mapper.extract.parse import STATS as PARSE_STATS
from mapper.extract.peoples import country_of
from mapper.extract.reading import Reading, read_sentence
from mapper.extract.reference import ACTOR_ROLE, FRAME_ROLE, ORIGIN_ROLE, Salience
from mapper.extract.sentences import Sentence
from mapper.extract.triggers import candidate_words, plain_trigger_type
from mapper.fusion import FUSE_DAYS
from mapper.geometry import bearing_of, inverse, project
from mapper.model import DENIED, HELD, Article, Event, Mention

if TYPE_CHECKING:
    from datetime import date

    from spacy.tokens import Doc, Span, Token

__all__ = ["UNPLACED_NOTE", "article_war", "extract_events", "unplaced_phrases", "war_of"]

#: What an article's ``problems`` line says about trigger phrases that named no place.
UNPLACED_NOTE = "event phrase(s) name no place"
_UNPLACED_RX = re.compile(rf": (\d+) {re.escape(UNPLACED_NOTE)}, so no event")


def unplaced_phrases(problem: str) -> int:
    """How many placeless event phrases a ``problems`` line reports (0 for any other line)."""
    m = _UNPLACED_RX.search(problem)
    return int(m.group(1)) if m else 0


#: Words that tell which war a dispatch is about (the side registry is chosen by it).
WAR_WORDS: dict[str, re.Pattern[str]] = {
    "ukraine": re.compile(r"\b(?:Ukrain\w*|Kyiv|Kiev|Donbas\w*|Zaporizh\w*|Donetsk|Kharkiv)\b"),
    "syria": re.compile(r"\b(?:Syria\w*|Idlib|Idleb|Aleppo|Hama|Damascus|Assad)\b"),
    "libya": re.compile(
        r"\b(?:Libya\w*|Tripoli|Haft[ae]r|Sirte|Benghazi|GNA|LNA|Misrata|National\s+Accord)\b"
    ),
    "karabakh": re.compile(r"\b(?:Karabakh|Azerbaij\w*|Armenia\w*|Artsakh|Stepanakert|Baku)\b"),
    "sudan": re.compile(r"\b(?:Sudan\w*|Khartoum|Darfur|RSF|Omdurman|Fasher|Kordofan)\b"),
}
_WORD = re.compile(r"[a-z][a-z-]*")
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "them"})
_REFERENCE_WORDS = REFERENCE_NOUNS | {"it", "its", "there"}
_PRESENT = re.compile(
    r"\b(?:are|is)\s+(?:now|currently|still)\b|\b(?:were|was)\s+(?:now|still)\b|\bcurrently\b"
    r"|\bunderway\b|\bongoing\b"
    r"|\b(?:are|is)\s+(?:\w+\s+)?(?:away|advancing|moving|trying|fighting)\b",
    re.IGNORECASE,
)
#: A sentence opening on another scene ("Further north, ...", "Meanwhile, ...", "In the south,
#: ...", "In Monrovia, ...") does not continue the day the story told before it.
_SCENE_SHIFT = re.compile(
    r"^\W*(?:meanwhile|elsewhere|further\s+(?:north|south|east|west|afield|inland)"
    r"|farther\s+(?:north|south|east|west)|in\s+the\s+(?:north|south|east|west)(?:east|west)?"
    r"|in\s+(?:the\s+)?(?-i:[A-Z])[\w'-]+(?:\s+(?-i:[A-Z])[\w'-]+)?\s*,)",
    re.IGNORECASE,
)
#: A verb of telling right before a day phrase ("..., a spokesman said on Monday").
_TOLD_ON = re.compile(r"\b(?:said|announced|reported|told\s+\w+|claimed|confirmed)\s+$")
_DATELINE_DATE = re.compile(r"\s*(?:\([^()]{2,30}\))?\s*[-–—]")
_HEADLINE_MAX_WORDS = 22
#: An event its own date phrase puts more than a year before publication is background, not news.
_HISTORY_DAYS = 365
_LOOSE_MATCH = frozenset({"skeleton", "fuzzy"})
_AIRCRAFT = re.compile(
    r"\b(?:warplanes?|war\s+planes?|helicopters?|jets?|aircraft|air\s*strikes?|air\s+raids?"
    r"|barrel\s+bombs?)\b",
    re.I,
)
_AWAY_FROM_REFERENCE = re.compile(
    r"\b(?P<num>[\w.,-]+)\s*(?:km|kilomet\w+|miles?)\s+(?:\([^()]{1,30}\)\s*)?"
    r"(?:(?:away\s+from|from)\s+the\s+(?P<noun>town|city|village)\b|away\b(?!\s+from))",
    re.I,
)
#: Nouns of fighting whose casualties a sentence counts ("27 died in the clashes").
#: An agent that is a fighting force ("forces allied to the government"), not a thing.
_FIGHTING = re.compile(r"\b(?:clash\w*|fighting|battles?|combat)\b", re.I)
#: Types whose places, listed together, should lie together.
_GROUND_TYPES = frozenset({"capture", "entry", "withdrawal", "encirclement"})
LIST_SPREAD_KM = 40.0
_MIN_LIST = 3
#: Two reports of one type at one place further apart than this are two events.
_SAME_EVENT_DAYS = 7


#: The first year of each war whose sides the registry knows (:data:`WAR_SIDES`): a dispatch
#: published before it is another war's, whatever places it names (Libya's 2011 war had no LNA
#: and GNA; Tanzania's 1979 war in Uganda met Libyan troops; Sudan's army fought no RSF before
#: 2023).
WAR_SINCE: dict[str, int] = {
    "ukraine": 2014,
    "syria": 2011,
    "libya": 2014,
    "karabakh": 1988,
    "sudan": 2023,
}


@lru_cache(maxsize=8)  # asked twice per article (events, control statements)
def war_of(text: str, year: int | None = None) -> str | None:
    """Which war a dispatch is about, by the words it uses most (None: none of the known).

    ``year``: the publication year; a war that had not begun by then is none of them.
    """
    counts = {
        war: len(rx.findall(text))
        for war, rx in WAR_WORDS.items()
        if year is None or year >= WAR_SINCE[war]
    }
    if not counts:
        return None
    war, n = max(counts.items(), key=lambda kv: kv[1])
    return war if n else None


def article_war(article: Article) -> str | None:
    """The registered war an article is about (:func:`war_of`, with its publication year)."""
    return war_of(article.text, article.published.year if article.published else None)


@dataclass(frozen=True, slots=True)
class _Hit:
    type: str
    place: Mention
    trigger_start: int
    trigger_end: int
    confidence: float
    agent: str | None = None
    agent_start: int = -1
    air: bool = False
    passive: bool = False
    distance_km: float | None = None
    distance_text: str | None = None
    direction: str | None = None
    reason: str = ""
    doubt: str = ""
    loser: str | None = None  # the side that gave the place up ("the army lost X")


@dataclass(slots=True)
class _Story:
    """What the extractor remembers across the sentences of one article."""

    article: Article
    war: str | None
    salience: Salience = field(default_factory=Salience)
    last_actor: str | None = None
    carried: DateResolution | None = None


def _hit_from(r: Reading) -> _Hit:
    return _Hit(
        r.type,
        r.place,
        r.trigger_start,
        r.trigger_end,
        r.confidence,
        agent=r.agent,
        agent_start=r.agent_start,
        air=r.air,
        passive=r.passive,
        reason=r.reason,
        loser=r.loser,
    )


#: Window size for sentences too long to parse whole (characters).
_WINDOW = 1_000
_SUBORDINATE = frozenset({"relcl", "acl", "appos"})
#: Compass words whose "of" object only locates another place.
_COMPASS = frozenset("east west north south northeast northwest southeast southwest".split())


#: Verbs of telling whose reported progressive is the report day's state.
_TELLING = frozenset({"say", "report", "announce", "claim", "state", "tell", "confirm"})
#: Verbs that frame a report: their subject and its place are who told it, not what happened.
_FRAMING = _TELLING | frozenset({"declare", "add", "quote"})


#: Verbs of a move or a shot whose "from" names where it set out, not where it happened.
_SETTING_OUT = frozenset(
    "cross move advance come push drive march roll head launch fire attack strike shell".split()
)


def _set_out_from(tok: Token) -> bool:
    """The place a move or a shot set out from: "from X" on such a verb or on its object."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "from":
        return False
    head = tok.head.head
    if head.dep_ == "dobj":  # "crossed the bridge from X"
        head = head.head
    return head.lemma_.lower() in _SETTING_OUT


def _in_the_frame(chain: list[Token]) -> bool:
    """A mention in the telling of a report ("officials in Baku said", "told reporters at X").

    What the report says (the verb's clausal complement) is not its frame.
    """
    for below, verb in itertools.pairwise(chain):
        if verb.lemma_.lower() in _FRAMING and verb.pos_ == "VERB":
            return below.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "parataxis")
    return False


#: Nouns of a side's authorities: a place that seats them names the side ("fighters loyal to the
#: government in Tripoli", "the Kabul-based administration"), not what "the city" means later.
_AUTHORITIES = frozenset("government authority administration regime junta cabinet".split())


def _seats_authorities(tok: Token) -> bool:
    """A place that seats a side's authorities ("the government in X", "the X government")."""
    head = tok.head
    if (tok.dep_, head.lower_) in (("pobj", "in"), ("npadvmod", "based")):
        head = head.head
    elif tok.dep_ not in ("compound", "poss"):
        return False
    return head.lemma_.lower() in _AUTHORITIES


def _roles(ps: ParsedSentence | None) -> dict[int, str]:
    """Each place mention's role for salience: main-clause argument, plain or subordinate."""
    if ps is None:
        return {}
    out: dict[int, str] = {}
    for i, m in ps.place_tokens.items():
        tok = ps.doc[i]
        chain = [tok, *tok.ancestors]
        if (
            tok.dep_ in ("nsubj", "poss")
            and find_actors(tok.text, war=None)
            or _seats_authorities(tok)
        ):
            out[m.start] = ACTOR_ROLE  # "Moscow aims to ...", "Kyiv's forces": the side
        elif (
            tok.dep_ == "pobj"
            and tok.head.lower_ in ("of", "in")
            and tok.head.head.lemma_.lower() in DWELLERS | FORCE_NOUNS
        ):  # "residents of X said jets struck the town": the place the report is about (as
            # "the division in X said it repulsed an attack on the town": its garrison's)
            out[m.start] = "event"
        elif _in_the_frame(chain):  # "officials in Baku said the town fell": who told it
            out[m.start] = FRAME_ROLE
        elif _set_out_from(tok):  # "crossed the bridge from X" ("withdrew from X" is where
            out[m.start] = ORIGIN_ROLE  # it happened)
        elif any(t.dep_ in _SUBORDINATE for t in chain) or any(
            t.lower_ in _COMPASS for t in chain[1:4]
        ):  # "X, about 180 km south of the capital Y": Y only locates X
            out[m.start] = "subordinate"
        elif tok.dep_ in ("nsubj", "nsubjpass", "dobj") or (
            tok.dep_ == "pobj" and tok.head.head.pos_ in ("VERB", "AUX")
        ):
            out[m.start] = "main"
    return out


def _pieces(sent: Sentence, mentions: list[Mention]) -> list[tuple[str, int, list[Mention]]]:
    """The sentence, or windows of it when it is too long to parse whole.

    Windows end at a space, each under :data:`~mapper.extract.parse.MAX_SENTENCE_CHARS`, with
    the mentions inside them (a mention is never cut).
    """
    text = sent.text
    if len(text) <= MAX_SENTENCE_CHARS:
        return [(text, sent.start, mentions)]
    out = []
    a = 0
    while a < len(text):
        b = min(len(text), a + _WINDOW)
        if b < len(text):
            cut = text.rfind(" ", a + _WINDOW // 2, b)
            b = cut if cut > a else b
            for m in mentions:  # never inside a name
                if sent.start + a < m.start < sent.start + b < m.end:
                    b = m.start - sent.start
        ms = [m for m in mentions if sent.start + a <= m.start and m.end <= sent.start + b]
        out.append((text[a:b], sent.start + a, ms))
        a = b if b > a else a + _WINDOW
    return out


def _shifted(r: Reading, shift: int) -> Reading:
    """A reading of a window, with offsets in its whole sentence."""
    if not shift:
        return r
    return dc_replace(
        r,
        trigger_start=r.trigger_start + shift,
        trigger_end=r.trigger_end + shift,
        agent_start=r.agent_start + shift if r.agent_start >= 0 else -1,
    )


def _unparsed_triggers(text: str) -> list[str]:
    """Each trigger word of a sentence with no place (not parsed), as "type 'word'"."""
    out = []
    for m in re.finditer(r"[A-Za-z][A-Za-z-]*", text):
        etype = plain_trigger_type(m.group(0))
        if etype is not None:
            out.append(f"{etype} {m.group(0)!r}")
    return out


def _needs_parse(text: str, has_place: bool) -> bool:
    """A sentence with a trigger word and a place, a reference, or a force that withdrew."""
    words = set(_WORD.findall(text.lower()))
    if not words & candidate_words():
        return False
    return (
        has_place
        or bool(words & _REFERENCE_WORDS)
        or bool(words & _DEPARTURE_WORDS and (FORCES.search(text) or _A_PEOPLE.search(text)))
    )


#: A people named as a side anywhere in a sentence ("the Ethiopians came in").
_A_PEOPLE = re.compile(rf"\b{PEOPLE_PLURAL}\b")
#: Forms of the verbs by which a force leaves or comes into the place the story is about
#: ("the soldiers had left"): such sentences are parsed even when they name no place.
_DEPARTURE_WORDS = frozenset(
    """withdrew withdrawn withdrawing withdraw withdraws retreated retreating retreat retreats
    pulled pulling fell fallen falling fled fleeing flee flees left leaving ran running came
    moved rolled drove marched poured""".split()
)


def _distance_hits(
    sent: Sentence, towns: list[Mention], story: _Story, order: int, hits: list[_Hit]
) -> list[_Hit]:
    """Distances before places: attach to the trigger hit at that place, or a new advance."""
    out = list(hits)
    ends = {m.end - sent.start for m in towns}
    for m in towns:
        phrase = distance_before(sent.text, m.start - sent.start)
        if phrase is None or is_static(sent.text, phrase, ends):
            continue
        # an aim on the place stays an aim: "reached X, 40 km south of Y, and aim to take the
        # capital" is an advance on Y and a target
        same = [i for i, h in enumerate(out) if h.place is m and h.type != "target"]
        fields = {
            "distance_km": phrase.km,
            "distance_text": phrase.text,
            "direction": phrase.direction or _implied_direction(sent.text, sent.start, m, towns),
        }
        if same:
            for i in same:
                out[i] = dc_replace(out[i], type="advance", **fields)  # type: ignore[arg-type]
        else:
            out.append(
                _Hit("advance", m, phrase.start, phrase.start + len(phrase.text), 0.6, **fields)  # type: ignore[arg-type]
            )
    for rm in _AWAY_FROM_REFERENCE.finditer(sent.text):
        noun = rm.group("noun") or "focus"
        parsed = parse_distance(rm.group(0))
        anchor = story.salience.resolve(noun, order, sent.start + rm.start())
        if parsed is None or anchor is None or any(h.distance_km for h in out):
            continue
        km, text = parsed
        static = DistancePhrase(km, text, None, rm.start())
        if is_static(sent.text, static, ends):
            continue
        direction = _direction_in_clause(sent.text)
        out.append(
            _Hit(
                "advance",
                anchor,
                rm.start(),
                rm.end(),
                0.5,
                distance_km=km,
                distance_text=text,
                direction=direction,
                reason="place from context: reference",
            )
        )
    return out


#: A force's starting point: "a column moving up from X", "troops advancing out of X".
_SET_OUT_FROM = re.compile(
    rf"{MOVE_RX}\s+(?:(?:up|down|out|north|south|east|west)\w*\s+)?(?:from|out\s+of)\s+"
    r"(?:the\s+(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE,
)


def _implied_direction(text: str, start: int, m: Mention, towns: list[Mention]) -> str | None:
    """The side of ``m`` a force stands on when its distance names no direction.

    The side it came from ("a column moving up from Y was 10 miles from X": towards Y), else
    the opposite of its heading ("columns pushing south were within 20 miles of X": north).
    """
    for y in towns:
        if y is m or y.lat is None or y.lon is None or m.lat is None or m.lon is None:
            continue
        if _SET_OUT_FROM.search(text, max(0, y.start - start - 60), y.start - start):
            km, bearing = inverse(m.lon, m.lat, y.lon, y.lat)
            return compass_point(bearing) if km > 0 else None
    return heading_behind(text)


def _direction_in_clause(s: str) -> str | None:
    """A direction phrase ("To the east, ...") that qualifies a distance with none of its own."""
    m = re.search(
        r"\b(?:to|in|on|from)\s+the\s+((?:north|south|east|west)(?:[\s-]?(?:north|south|east|"
        r"west))*(?:ern)?)\b",
        s,
        re.IGNORECASE,
    )
    return normalise_direction(m.group(1)) if m else None


def _side(
    hit: _Hit,
    sent: Sentence,
    story: _Story,
    known: str | None,
    parsed: ParsedSentence | None = None,
) -> str | None:
    """The side of an event: its agent's, else ``known``, else the side the story is about.

    ``known`` is the side an earlier report of the same event at the same place named. An
    event whose agent names no side, in a side's report, is the reporting side's or its
    enemy's (:data:`_TOLD_BY`).
    """
    fallback = known or story.last_actor
    relation = _TOLD_BY.get(hit.type)
    if relation == "own" and not (hit.passive and not hit.agent):
        relation = None  # an active verb's subject, named or not, is its own agent
    if relation and known is None and not names_a_side(hit.agent or "", war=story.war):
        speaker = _speaker_side(parsed, hit, story.war)
        if speaker is not None:
            fallback = speaker if relation == "own" else opponent(speaker, story.war) or fallback
    if hit.loser:  # "the army lost X": the army's enemy took it ("their loss": the side before)
        owned = hit.loser.lower() in _PRONOUNS
        phrase = sent.text[: hit.trigger_start] if owned else hit.loser
        lost_by = [a.side for a in find_actors(phrase, war=story.war) if a.side != GENERIC]
        if lost_by:
            loser = lost_by[-1 if owned else 0]
            return opponent(loser, story.war) or (known if known != loser else None)
    if hit.agent == "":
        return fallback
    if hit.agent:
        found = find_actors(hit.agent, war=story.war, generic=True)
        named = [a for a in found if a.side != GENERIC]
        if named:
            return _principal(named, story.war).side
        if hit.agent.lower() in _PRONOUNS and hit.agent_start >= 0:
            # "which it captured", "he had ordered": the side named before the pronoun
            before = find_actors(sent.text[: hit.agent_start], war=story.war)
            agents = [a for a in before if is_agent(a, sent.text)]
            if agents:
                return agents[-1].side
            return fallback
        written = (
            _as_written(hit.agent)
            if story.war is None
            and not any(a <= hit.agent_start < b for a, b in dateline_spans(sent.text))
            else None
        )
        if written:  # a war no registry knows: the side as the text names it
            return written
        if not found:  # a force of no known side moved on its own: the story's side
            return story.last_actor if FORCES.search(hit.agent) else fallback
    if not hit.passive or hit.agent:
        # "Russia said its forces took X", a headline with no subject: the side named before,
        # the nearest for a possessive ("KYIV, Ukraine - Russia claimed that its forces ...")
        end = hit.agent_start if hit.agent and hit.agent_start >= 0 else hit.trigger_start
        before = find_actors(sent.text[:end], war=story.war)
        agents = [a for a in before if is_agent(a, sent.text)]
        if agents:
            words = (hit.agent or "").lower().split()
            owned = bool(words) and words[0] in _PRONOUNS
            return agents[-1 if owned else 0].side
    return fallback


#: Whose an event is when a side reports it and its agent names no side: its own gains and
#: pullbacks told in the passive ("Russia's defence ministry said Lysychansk had been
#: liberated", "Moscow said 30,000 soldiers had been pulled out of Kherson"), and its enemy's
#: fire on it ("Shells hit Tartar, the Azerbaijani defence ministry said": Armenia's).
_TOLD_BY = {"capture": "own", "withdrawal": "own", "bombardment": "enemy"}


def _speaker_side(parsed: ParsedSentence | None, hit: _Hit, war: str | None) -> str | None:
    """The side named by the subject of the verb of telling that reports the trigger's clause."""
    verb = _trigger_root(parsed, hit)
    for _ in range(3):
        if verb is None or verb.dep_ not in ("ccomp", "parataxis"):
            return None
        verb = verb.head
        if verb.lemma_.lower() in _TELLING:
            break
    else:
        return None
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        phrase = subject.doc[subject.left_edge.i : subject.right_edge.i + 1].text
        named = [a for a in find_actors(phrase, war=war) if a.side != GENERIC]
        if named:
            return named[0].side
    return None


def _principal(named: list[ActorMatch], war: str | None) -> ActorMatch:
    """Of the sides an agent names, one of the war's two ("Russian and Syrian jets": Syria's)."""
    pair = WAR_OPPONENTS.get(war or "", ())
    return next((a for a in named if a.side in pair), named[0])


#: A force named by its people or group ("Tigrayan forces", "the M23 rebels", "Houthi fighters",
#: "al-Shabaab fighters").
_NAMED_FORCE = re.compile(
    r"^(?:[Tt]he\s+)?(?P<name>(?:[a-z]{1,3}-)?[A-Z][\w’'-]*\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:forces|troops|fighters|rebels|militants|militias?|militiamen|army|soldiers|units"
    r"|insurgents|guerrillas|gunmen|jets|warplanes|aircraft|planes|drones|artillery"
    r"|columns|tanks|armou?r|cavalry|infantry|patrols|squadrons|divisions|regiments"
    rf"|detachments|marines|paratroopers|commandos|warships|gunboats|bombers)"
    rf"|{ARMED_GROUPS}"
    # an armed group named by its initials alone ("the MNDAA", "UNITA", "the NPFL")
    r"|[A-Z][A-Z0-9]{2,7}$)\b"
)
#: A country named alone as the one who acted ("Israel struck X", "India said its troops ...").
_COUNTRY_NAME = re.compile(r"^(?:[Tt]he\s+)?(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})$")


def _as_written(agent: str) -> str | None:
    """The side of a named force in a war no registry knows, as written ("Tigrayan forces").

    A force named by its nationality is its country's ("Israeli tanks", "the Israelis",
    "Israel": israel; :mod:`mapper.extract.peoples`). A determiner or pronoun opening a
    sentence is no name ("Our units", "These troops").
    """
    m = _NAMED_FORCE.match(agent) or PEOPLE.match(agent)
    if m is None:
        alone = _COUNTRY_NAME.match(agent.strip())
        return country_of(alone.group("name")) if alone else None
    first = m.group("name").split()[0]
    country = country_of(first)
    if country is not None:
        return country
    if first.lower() in COMMON_WORDS and first.lower() not in PEOPLE_WORDS:
        return None
    return m.group("name")


def _took_it(actor: str | None, hit: _Hit, told: _Told, story: _Story) -> bool:
    """A withdrawal given, by default, the side the story reported taking the same place."""
    if names_a_side(hit.agent or "", war=story.war) or _as_written(hit.agent or ""):
        return False  # the withdrawing side is named
    return told.by(actor, "capture", hit.place)


def _left_it(actor: str | None, hit: _Hit, told: _Told) -> bool:
    """An encirclement given the side that the story reported withdrawing from the place."""
    return told.by(actor, "withdrawal", hit.place)


@dataclass(slots=True)
class _Told:
    """The story's events so far (``events``), indexed by type and place.

    The index keeps asking "who did this here before?" a look-up, not a pass over every
    event told so far (which made a long article quadratic). Events are replaced in place
    (a side named later, a denial), never moved, so an index stays valid.
    """

    events: list[Event] = field(default_factory=list)
    _at: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def append(self, ev: Event) -> None:
        if ev.place is not None:
            self._at.setdefault((ev.type, _place_key(ev.place)), []).append(len(self.events))
        self.events.append(ev)

    def _told(self, etype: str, place: Mention) -> list[int]:
        return self._at.get((etype, _place_key(place)), [])

    def last_side(self, etype: str, place: Mention) -> str | None:
        """The side of the latest event of ``etype`` at ``place``, told before."""
        told = self._told(etype, place)
        return self.events[told[-1]].actor if told else None

    def by(self, actor: str | None, etype: str, place: Mention) -> bool:
        """Whether the story told an event of ``etype`` by ``actor`` at ``place``."""
        return actor is not None and any(
            self.events[k].actor == actor for k in self._told(etype, place)
        )


#: Dependencies of a clause of its own under the trigger's clause: a date inside one dates it.
_OWN_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis"})
#: The same, looked for at any depth (a participle on a noun too: "the town taken on Monday").
_DEEP_CLAUSE_DEPS = _OWN_CLAUSE_DEPS | {"acl"}
#: Words that put a clause before or after another ("..., after liberating X on Sunday"): a date
#: phrase inside such a clause is its time, however deep the clause sits.
_SEQUENCE_WORDS = frozenset({"after", "before", "following", "until", "till", "prior"})


def _clause_dates(
    parsed: ParsedSentence | None, dates: list[DateResolution], hit: _Hit
) -> list[DateResolution]:
    """Dates of the trigger's own clause, else of the clauses it hangs from.

    A date inside another clause is that clause's: first every clause that does not govern the
    trigger is set aside, however deep ("X, which fell on Monday, was shelled on Wednesday");
    when that leaves no date, only the clauses hung on the head itself and those set in
    sequence ("after taking X on Sunday") are.
    """
    if parsed is None or hit.trigger_end <= hit.trigger_start or not dates:
        return []
    doc = parsed.doc
    span = _trigger_span(doc, hit)
    if span is None:
        return []
    trig = span.root
    memo = doc_memo(doc)
    chain = memo.get(("chain", trig.i))
    if chain is None:
        chain = memo[("chain", trig.i)] = [(t.i, _char_range(t)) for t in (trig, *trig.ancestors)]
    dates = [d for d in dates if not _inside_since(doc, d, trig)]
    for deep in (True, False):
        for head_i, (lo, hi) in chain:
            if not any(lo <= d.start and d.end <= hi for d in dates):
                continue  # (the clauses set aside only ever remove dates)
            key = ("other clauses", trig.i, head_i, deep)
            inner = memo.get(key)
            if inner is None:
                clauses = _other_clauses(doc[head_i], trig, deep=deep)
                inner = memo[key] = [_char_range(c) for c in clauses]
            own = [
                d
                for d in dates
                if lo <= d.start and d.end <= hi and not any(a <= d.start < b for a, b in inner)
            ]
            if own:
                return own
    return []


def _trigger_span(doc: Doc, hit: _Hit) -> Span | None:
    """The trigger's words in ``doc`` (looked up once per trigger), or None."""
    memo = doc_memo(doc)
    key = ("trigger", hit.trigger_start, hit.trigger_end)
    if key not in memo:
        memo[key] = doc.char_span(hit.trigger_start, hit.trigger_end, alignment_mode="expand")
    span: Span | None = memo[key]
    return span


def _char_range(tok: Token) -> tuple[int, int]:
    """Character offsets of a token's subtree."""
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)


def _other_clauses(head: Token, trig: Token, *, deep: bool) -> list[Token]:
    """Clauses under ``head`` that do not govern the trigger and keep their own date phrases.

    ``deep``: every such clause; else the clauses hung on ``head`` itself, every relative clause
    and any deeper one set in sequence by "after", "before", "following", "until".
    """
    above = {t.i for t in trig.ancestors}
    below = range(trig.left_edge.i, trig.right_edge.i + 1)
    return [
        t
        for t in head.subtree
        if t.pos_ in ("VERB", "AUX")
        and t.i not in (trig.i, head.i)
        and t.i not in above
        and (
            (t.dep_ in _DEEP_CLAUSE_DEPS if deep else _relative_of_its_own(t, t.i in below))
            or (t.head.i == head.i and t.dep_ in _OWN_CLAUSE_DEPS)
            or _in_sequence(t)
        )
    ]


def _relative_of_its_own(verb: Token, in_event: bool) -> bool:
    """A relative clause with a time of its own ("X, which they claimed to have seized on Monday").

    A "where" clause on the event's own words sets its scene ("entered X, where battles raged
    on Monday night"): its time is the event's too; on another noun ("a spokesman in Y, where
    the revolt broke out on August 2, said ...") it has its own.
    """
    return verb.dep_ == "relcl" and (
        not in_event or not any(c.lower_ == "where" for c in verb.children)
    )


def _in_sequence(verb: Token) -> bool:
    """True for a clause introduced by a sequence word ("after taking X", "before it fell")."""
    if verb.dep_ == "pcomp" and verb.head.lower_ in _SEQUENCE_WORDS:
        return True
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _SEQUENCE_WORDS for c in verb.children
    )


def _clause_head(tok: Token) -> int:
    """Index of the verb heading the clause a token sits in (the root when none)."""
    for t in tok.ancestors:
        if t.pos_ in ("VERB", "AUX"):
            return int(t.i)
    return int(tok.i)


def _inside_since(doc: Doc, d: DateResolution, trig: Token) -> bool:
    """A date inside a "since ..." phrase ("taken since the start of the escalation in April")."""
    span = doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return False
    if d.since:  # the phrase is itself "since ...": it dates the state its clause tells of
        return _clause_head(span.root) not in (t.i for t in (trig, *trig.ancestors))
    for t in span.root.ancestors:
        if t.i == trig.i:
            return False
        if t.dep_ == "prep" and t.lower_ == "since" and t.i < span.start:
            return True
    return False


def _date_for(
    sent: Sentence,
    parsed: ParsedSentence | None,
    dates: list[DateResolution],
    hit: _Hit,
    story: _Story,
) -> DateResolution:
    """Date of an event (the rule is in the module docstring)."""
    published = story.article.published
    if published is None:
        return publication_date(None)
    when = _when_of(parsed, dates, hit)
    if when is not None:  # "since 2012, when rebels took it": that year, even after "since"
        return when
    usable = [d for d in dates if d.resolved and not _long_since(d, published)]
    text = story.article.text
    pos = hit.trigger_start
    scoped = [d for d in usable if d.start <= pos < d.scope_end and not d.main_clause]
    if scoped:  # "a day after the army took X", "Thursday's raid on X": the words it dates
        return on_writers_clock(scoped[-1], text, published)
    main = [d for d in usable if d.main_clause and not d.start <= pos < d.scope_end]
    if main:  # "two days after taking X on Tuesday, they entered Y": Thursday
        return on_writers_clock(main[0], text, published)
    usable = [d for d in usable if d.scope_end < 0]
    # the dateline's day ("KYIV, March 3 (Reuters) -") yields to any day the sentence names
    own = [d for d in usable if not is_dateline(d, sent.text)]
    chosen = (
        _clause_dates(parsed, own, hit)
        or [d for d in own if _dates_whole_sentence(sent.text, d)]
        or [d for d in usable if _dates_whole_sentence(sent.text, d)]
    )
    if not chosen and parsed is None:
        chosen = usable
    untold = [d for d in chosen if not _TOLD_ON.search(sent.text, 0, d.start)]
    if untold:  # "said on Monday they had captured X on Sunday": Sunday
        chosen = untold
    if chosen:
        best = min(chosen, key=lambda d: min(abs(d.start - pos), abs(d.end - pos)))
        return on_writers_clock(best, text, published)
    history = [d for d in dates if d.reason == HISTORY_SPAN]
    history = _clause_dates(parsed, history, hit) if parsed is not None else history
    if history:  # "regained it four years later": undated history, not the story's day
        return history[0]
    today = publication_date(writers_today(text, published))
    perfect = _present_perfect(parsed, hit) and not _quoted(sent.text, hit.trigger_start)
    told = [d for d in own if d.precision == "day" and _TOLD_ON.search(sent.text, 0, d.start)]
    if perfect and told:  # "rebels have captured X, a commander said on Monday": by Monday
        return on_writers_clock(told[-1], text, published)
    if (
        _PRESENT.search(sent.text)
        or _now_in_clause(parsed, hit)
        or perfect
        or _reported_progressive(parsed, hit)
        or _simple_present(parsed, hit)
        # an aim stated (not an attempt made) is the writer's day, not a day carried before
        or (hit.type == "target" and not usable and _stated_aim(parsed, hit))
    ):
        return today
    if story.carried is not None and not _SCENE_SHIFT.match(sent.text):
        d = story.carried
        carried = DateResolution(d.date, d.date_end, d.text, d.precision, "", "context")
        return morning_after(carried, sent.text, published)
    return today


def _when_of(
    parsed: ParsedSentence | None, dates: list[DateResolution], hit: _Hit
) -> DateResolution | None:
    """The date a "when" clause hangs on ("since 2012, when rebels took X": 2012)."""
    if parsed is None or hit.trigger_end <= hit.trigger_start:
        return None
    span = _trigger_span(parsed.doc, hit)
    verb = (
        next((t for t in (span.root, *span.root.ancestors) if t.pos_ == "VERB"), None)
        if span
        else None
    )
    if verb is None or verb.dep_ != "relcl" or not any(c.lower_ == "when" for c in verb.children):
        return None
    at = verb.head.idx
    return next(
        (dc_replace(d, since=False) for d in dates if d.resolved and d.start <= at < d.end), None
    )


#: Auxiliaries of the present perfect ("have closed in", "has been taken"); not "had".
_PERFECT_AUX = frozenset({"has", "have", "'ve", "'s"})


def _present_perfect(parsed: ParsedSentence | None, hit: _Hit) -> bool:
    """True when the trigger's verb is in the present perfect ("they have closed in on X").

    English does not join that tense to a past day ("*have taken X on Wednesday"), so an
    undated present perfect in the writer's voice is news as of publication, not the day the
    story dated before (a quote's present perfect is the speaker's: see :func:`_quoted`).
    """
    root = _trigger_root(parsed, hit)
    if root is None:
        return False
    verb = next((t for t in (root, *root.ancestors) if t.pos_ == "VERB"), None)
    return (
        verb is not None
        and verb.tag_ in ("VBN", "VBG")  # "have taken", "have been attacking"
        and any(c.dep_ == "aux" and c.lower_ in _PERFECT_AUX for c in verb.children)
    )


#: Clause links above which a "now" belongs to another clause ("the fall of X leaves Y
#: exposed, with the insurgents now controlling Z": the fall is not now).
_CLAUSE_LINKS = frozenset({"advcl", "relcl", "acl", "ccomp", "conj", "appos"})


def _trigger_root(parsed: ParsedSentence | None, hit: _Hit) -> Token | None:
    """The head word of the trigger in its parse, or None (no parse, or no trigger words)."""
    if parsed is None or hit.trigger_end <= hit.trigger_start:
        return None
    span = _trigger_span(parsed.doc, hit)
    return span.root if span is not None else None


def _now_in_clause(parsed: ParsedSentence | None, hit: _Hit) -> bool:
    """True when the trigger's own clause says "now" ("units were now dug in near X")."""
    tok = _trigger_root(parsed, hit)
    if tok is None:
        return False
    while True:
        if any(c.dep_ == "advmod" and c.lower_ == "now" for c in tok.children):
            return True
        if tok.dep_ in _CLAUSE_LINKS or tok.head.i == tok.i:
            return False
        tok = tok.head


def _reported_progressive(parsed: ParsedSentence | None, hit: _Hit) -> bool:
    """A past progressive told by a verb of saying, or in the writer's own voice.

    "The RSF said its forces were advancing towards X", "patrols were pushing west toward X":
    what was going on when it was told, the report's day.
    """
    verb = _trigger_root(parsed, hit)
    if parsed is None or verb is None:
        return False
    if verb.tag_ != "VBG" or not any(
        c.dep_ == "aux" and c.lower_ in ("was", "were") for c in verb.children
    ):
        return False
    if _NIGHTFALL.search(parsed.doc.text):
        return False  # "by nightfall their vanguard was fighting in X": the story's day
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _TELLING:
        return True
    # in the writer's own voice ("American patrols were pushing west toward X") too; deeper
    # in a report ("said it had surrounded X and was shelling Y") it keeps the report's day
    return not any(t.lemma_.lower() in _TELLING for t in verb.ancestors)


#: Modals of an aim yet to be pursued ("will attack X", "would push on to X").
_AIM_MODALS = frozenset({"will", "would", "shall", "'ll"})


def _stated_aim(parsed: ParsedSentence | None, hit: _Hit) -> bool:
    """A target told as an aim ("the next objective is X", "will attack X"), not an attempt."""
    root = _trigger_root(parsed, hit)
    if root is None:
        return False
    if root.pos_ == "NOUN":
        return True
    return any(
        c.dep_ == "aux" and c.lower_ in _AIM_MODALS for t in (root, root.head) for c in t.children
    )


def _simple_present(parsed: ParsedSentence | None, hit: _Hit) -> bool:
    """True when the trigger's own clause is in the present tense, outside a quotation.

    "Fierce fighting continues around X", "aircraft are bombing the city": the writer's day,
    never a day an earlier sentence carried ("reached the river last Thursday"). An event noun
    is now only when its verb says it goes on ("the fall of X leaves Y exposed": not now).
    """
    root = _trigger_root(parsed, hit)
    if parsed is None or root is None or _quoted(parsed.doc.text, root.idx):
        return False
    verb = next((t for t in (root, *root.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or (root.pos_ == "NOUN" and verb.lemma_.lower() not in _GOING_ON):
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in ("is", "are", "am") for c in verb.children
    )


#: Verbs telling that an event noun goes on ("fighting continues", "battles are raging").
_GOING_ON = frozenset({"continue", "rage", "persist", "go", "intensify", "escalate"})

_NIGHTFALL = re.compile(r"\bby\s+(?:nightfall|evening|dusk|dawn|midday|noon)\b|\bovernight\b", re.I)


def _quoted(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside a quotation (an odd number of quote marks before it)."""
    before = text[:pos]
    curly = before.count("\u201c") - before.count("\u201d")
    return curly > 0 or before.count('"') % 2 == 1


def _long_since(d: DateResolution, published: date) -> bool:
    """A "since ..." start more than a week back ("the biggest gain since April 30").

    It is a campaign's start, not an event's day; a recent one ("since Saturday") dates its run.
    """
    return d.since and d.date is not None and (published - d.date).days > _SAME_EVENT_DAYS


def _dates_whole_sentence(s: str, d: DateResolution) -> bool:
    """A sentence-initial date phrase ("On Tuesday, ...") dates every clause of the sentence."""
    return (
        not re.search(r"\w", s[: d.start].strip(" \"“'"))
        or bool(re.match(r"\s*(?:on|since|early|late|last)\b", s[: d.start].strip(), re.I))
        # the dateline's date ("KYIV, Feb 17 (Reuters) -") dates the lead sentence
        or bool(_DATELINE_DATE.match(s, d.end) and d.start < 40)
    )


def _doubt_outliers(hits: list[_Hit]) -> list[_Hit]:
    """Mark the places of a ground event's list that lie far from the list's other places.

    The places one capture lists ("liberated the villages of A, B, C and D") are neighbours; a
    member resolved more than :data:`LIST_SPREAD_KM` from the list's median point is most likely
    a namesake elsewhere, so its event goes to the unresolved report, not the map.
    """
    groups: dict[tuple[str, int], list[int]] = {}
    for i, h in enumerate(hits):
        if h.type in _GROUND_TYPES and h.place.lat is not None and h.distance_km is None:
            groups.setdefault((h.type, h.trigger_start), []).append(i)
    out = list(hits)
    for idxs in groups.values():
        if len(idxs) < _MIN_LIST:
            continue
        lat = statistics.median(hits[i].place.lat or 0.0 for i in idxs)
        lon = statistics.median(hits[i].place.lon or 0.0 for i in idxs)
        for i in idxs:
            m = hits[i].place
            far = haversine_km(lat, lon, m.lat or 0.0, m.lon or 0.0)
            if far > LIST_SPREAD_KM:
                out[i] = dc_replace(
                    hits[i], doubt=f"place doubtful: {far:.0f} km from the other places listed"
                )
    return out


def _doubt_wrong_side(hits: list[_Hit], ps: ParsedSentence) -> list[_Hit]:
    """Mark places that contradict the sentence's own geography.

    "captured A, B and C, which are all south of Y": a listed place resolved more than 90
    degrees off the stated direction from Y is a namesake elsewhere.
    """
    sides = stated_sides(ps) if hits else {}  # (no hits: nothing to mark)
    if not sides:
        return hits
    by_start = {m.start: i for i, m in ps.place_tokens.items()}
    out = []
    for h in hits:
        i = by_start.get(h.place.start)
        side = sides.get(i) if i is not None else None
        anchor = ps.mention_of(side[1]) if side else None
        m = h.place
        if (
            side is not None
            and anchor is not None
            and anchor.lat is not None
            and anchor.lon is not None
            and m.lat is not None
            and m.lon is not None
            and h.distance_km is None
        ):
            direction = normalise_direction(side[0])
            if direction is not None:
                got = _bearing(anchor.lat, anchor.lon, m.lat, m.lon)
                off = abs((got - bearing_of(direction) + 180) % 360 - 180)
                if off > 90:
                    h = dc_replace(
                        h, doubt=f"place doubtful: not {side[0]} of {anchor.surface} as stated"
                    )
        out.append(h)
    return out


def _bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from point 1 to point 2, degrees clockwise from north."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360


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
        try:  # an impossible anchor (latitude 95) leaves this event unplaced, not the article
            lon, lat = project(lon, lat, hit.distance_km, bearing_of(hit.direction))
        except ValueError as err:
            lat = lon = None
            reasons.append(f"position not projected: {err}")
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
            s.paragraph <= 1 and words <= _HEADLINE_MAX_WORDS and not _ends_sentence(s.text)
        ):
            out.add(k)
    return out


def _ends_sentence(text: str) -> bool:
    """A full stop ends the line, before any closing quote or bracket ('... encirclement."')."""
    return text.rstrip().rstrip("\"'”’)]»").endswith((".", "!", "?"))


def _by_sentence(sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[list[Mention]]:
    out: list[list[Mention]] = [[] for _ in sentences]
    k = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while k + 1 < len(sentences) and sentences[k].end <= m.start:
            k += 1
        if sentences and sentences[k].start <= m.start < sentences[k].end + 1:
            out[k].append(m)
    return out


def _on_dispatch_day(article: Article) -> Article:
    """The article dated by its dateline when that names a day well before it was printed.

    A cable from a far war printed days later counts its days from the dateline ("LEIPZIG,
    Oct. 20. - ... yesterday": Oct. 19), see :func:`mapper.dates.dispatch_day`.
    """
    if article.published is None:
        return article
    day = dispatch_day(article.text, article.published)
    return article if day is None else dc_replace(article, published=day)


def extract_events(
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    *,
    problems: list[str] | None = None,
) -> list[Event]:
    """The events of one article, in text order, deduplicated.

    Two triggers reporting the same type at the same place by the same actor on the same date
    are one event (the first, most explicit sentence is kept), unless the second tells it again
    in a clause of its own: another report, which the map fuses with the first (see
    :func:`_dedupe`). Headline events are kept only when the body does not report them.
    """
    article = _on_dispatch_day(article)
    story = _Story(article, article_war(article))
    regions = region_starts(mentions, article.text)
    per_sentence = _by_sentence(sentences, mentions)
    towns_of = [
        [m for m in ms if m.role == "place" and m.start not in regions] for ms in per_sentence
    ]
    items = [
        (k, text, start, ms)
        for k, s in enumerate(sentences)
        for text, start, ms in _pieces(s, per_sentence[k])
        if _needs_parse(text, bool(ms))
    ]
    PARSE_STATS.sentences += len(sentences)
    parsed_list = parse_sentences([(text, start, ms) for _, text, start, ms in items])
    parsed: dict[int, list[ParsedSentence]] = {}
    for (k, *_), ps_ in zip(items, parsed_list, strict=True):
        if ps_ is not None:
            parsed.setdefault(k, []).append(ps_)
    headlines = _headline_sentences(sentences, article.title)
    told = _Told()
    events = told.events
    headline_events: list[Event] = []
    asserted: set[_ReportKey] = set()  # the events told in a clause of their own
    unplaced: list[str] = []
    previous: list[int] = []  # indices in ``events`` of the previous sentence's events
    for order, sent in enumerate(sentences):
        if previous and _DENIES_PREVIOUS.match(sent.text):
            for k in previous:  # "Russia said it took X. Kyiv denied this."
                events[k] = dc_replace(events[k], reason=DENIED)
        first_event = len(events)
        pieces = parsed.get(order, [])
        ps = pieces[0] if len(pieces) == 1 and pieces[0].offset == sent.start else None
        readings: list[Reading] = []
        # noted before reading: "X, ... after the army besieged the town" (same sentence)
        story.salience.note(order, towns_of[order], _roles(ps))
        year = article.published.year if article.published else None
        if not pieces and not towns_of[order] and len(sent.text) < 5000:
            unplaced.extend(  # trigger words in a sentence that names no place at all
                f"{w} (sentence {order + 1})" for w in _unparsed_triggers(sent.text)
            )
        for piece in pieces:
            got, missing = read_sentence(piece, story.salience, order, regions, year, story.war)
            shift = piece.offset - sent.start  # a window of a very long sentence
            readings.extend(_shifted(r, shift) for r in got)
            unplaced.extend(f"{w} (sentence {order + 1})" for w in missing)
        hits = [_hit_from(r) for r in readings]
        if ps is not None:
            hits = _doubt_wrong_side(hits, ps)
        hits = _doubt_outliers(_distance_hits(sent, towns_of[order], story, order, hits))
        anchor = story.carried.date if story.carried is not None else None  # "the next day"
        dates = (
            find_dates(sent.text, article.published, anchor=anchor) if len(sent.text) < 5000 else []
        )
        fighting = bool(_FIGHTING.search(sent.text))
        killed = find_killed(sent.text, war=story.war) if hits or fighting else {}
        if not hits and killed and fighting and not _long_range(dates, article):
            # "27 jihadists died in the clashes": the fighting the story is about, where it is
            focus = story.salience.resolve("focus", order, sent.start)
            fight = _FIGHTING.search(sent.text)
            if focus is not None and fight is not None:
                hits = [
                    _Hit(
                        "clash",
                        focus,
                        fight.start(),
                        fight.end(),
                        0.45,
                        agent="",  # the dead of both sides name no attacker: the story's side
                        reason="place from context: casualties",
                    )
                ]
        for hit in hits:
            story.salience.promote(hit.place)
        used: list[DateResolution] = []
        seen: set[tuple[str, int, bool]] = set()
        first: dict[tuple[str, int, bool], tuple[list[Event], int]] = {}
        for hit in sorted(hits, key=lambda h: h.trigger_start):
            # a place a side took and then lost is two changes: "took X in May, then lost it"
            told_as = (hit.type, hit.place.start, hit.loser is not None)
            if told_as in seen:
                # "explosions rocked X as Russian missiles struck the capital": one strike,
                # its side named by the second telling
                earlier = first.get(told_as)
                if earlier is not None and earlier[0][earlier[1]].actor is None:
                    side = _side(hit, sent, story, told.last_side(hit.type, hit.place), ps)
                    if side is not None:
                        earlier[0][earlier[1]] = dc_replace(earlier[0][earlier[1]], actor=side)
                continue
            seen.add(told_as)
            # "the capture of the city was ...": the capture reported before, by its side
            actor = _side(hit, sent, story, told.last_side(hit.type, hit.place), ps)
            if hit.type == "withdrawal" and _took_it(actor, hit, told, story):
                actor = None  # "Rebels took X. The soldiers had left.": not the rebels who left
            if hit.type == "encirclement" and _left_it(actor, hit, told):
                actor = None  # "rebels abandoned X after a siege": not the rebels' siege
            if (
                hit.type == "bombardment"
                and story.war == "syria"
                and actor in ("opposition", None)
                and _AIRCRAFT.search(sent.text)
            ):
                actor = "government"  # unnamed warplanes over Syria: the opposition has none
            dres = _date_for(sent, ps, dates, hit, story)
            if _history(dres, article):
                continue  # "In December 2012, the opposition captured the city": background
            used.append(dres)
            ev = _make_event(hit, sent, dres, actor, killed if hit.type == "clash" else {}, article)
            if _asserted_report(ps, hit):
                asserted.add(_report_key(ev))
            if order in headlines:
                first[told_as] = (headline_events, len(headline_events))
                headline_events.append(ev)
            else:
                first[told_as] = (events, len(events))
                told.append(ev)
            if actor and hit.agent and not hit.reason.startswith(HELD):
                story.last_actor = actor  # an active subject or a passive's "by" agent (a
                # side that holds a place is not the one acting next: "... but Ukrainian
                # forces still controlled the city. It is being heavily shelled.")
        if not hits:
            named = [
                a
                for a in find_actors(sent.text, war=story.war)
                if a.side != GENERIC and is_agent(a, sent.text)
            ]
            if named:  # an actorless next sentence continues this one's story
                story.last_actor = named[0].side
        story.carried = _carry(dates, used, story.carried, article)
        previous = list(range(first_event, len(events)))
    if problems is not None and unplaced:
        shown = "; ".join(unplaced[:5]) + (
            f"; and {len(unplaced) - 5} more" if len(unplaced) > 5 else ""
        )
        problems.append(f"{article.id}: {len(unplaced)} {UNPLACED_NOTE}, so no event: {shown}")
    apart = (DENIED, HELD)  # denials and states of control: not events of the map
    aside = [e for e in events + headline_events if e.reason.startswith(apart)]
    kept = [[e for e in x if not e.reason.startswith(apart)] for x in (events, headline_events)]
    return _dedupe(*kept, asserted=asserted) + aside


#: A sentence that denies the one before it: "Kyiv denied this.", "Ukraine rejected the claim."
_DENIES_PREVIOUS = re.compile(
    r"^\W*(?:[\w’'-]+\s+){1,6}?(?:has\s+|have\s+)?(?:denied|rejected|refuted|dismissed)\s+"
    r"(?:this|it|that(?=\s*(?:[.,;:!?]|$)|\s+(?:claims?|reports?|account|version)\b)"
    r"|the\s+(?:claims?|reports?))\b",  # "denied that the town had fallen": its own claim
    re.I,
)


def _history(dres: DateResolution, article: Article) -> bool:
    """An event its own date phrase puts long before publication: the story's background."""
    pub = article.published
    return (
        pub is not None
        and dres.basis == "event"
        and dres.date is not None
        and (pub - (dres.date_end or dres.date)).days > _HISTORY_DAYS
    )


def _long_range(dates: list[DateResolution], article: Article) -> bool:
    """A "since ..." phrase starting more than a week before publication: a running toll."""
    pub = article.published
    return pub is not None and any(
        d.since and d.date is not None and (pub - d.date).days > _SAME_EVENT_DAYS for d in dates
    )


def _carry(
    dates: list[DateResolution],
    used: list[DateResolution],
    previous: DateResolution | None,
    article: Article,
) -> DateResolution | None:
    """What the next sentence inherits as its date, on the writer's clock already.

    This sentence's last day-precision phrase that is not a "since ..." phrase; or the context
    date its events used; else what it inherited (a range phrase does not reset the day, nor
    does a flashback: see :func:`_flashback`). A carried "during the night" is counted from
    the writer's today once, not again in each sentence that inherits it.
    """
    own = [
        d
        for d in dates
        if d.resolved
        and d.precision == "day"
        and not d.since
        and (d.scope_end < 0 or d.main_clause)
        and not d.reason.startswith(REPORT_DAY)  # "in the past 24 hours": a span, not the day
    ]
    if own:
        if _flashback(own[-1], previous):
            return previous
        return on_writers_clock(own[-1], article.text, article.published)
    chained = [d for d in used if d.basis == "context"]
    return chained[-1] if chained else previous


def _flashback(d: DateResolution, previous: DateResolution | None) -> bool:
    """A day more than a week before the story's day ("Three weeks ago, X fell"): background.

    It dates its own sentence; the story then returns to the day it had reached.
    """
    return (
        previous is not None
        and previous.date is not None
        and d.date is not None
        and (previous.date - d.date).days > _SAME_EVENT_DAYS
    )


#: An event's report within its article: sentence start, type, place start.
_ReportKey = tuple[int, str, int]


def _fusable_dates(a: Event, b: Event) -> bool:
    """Dates the map would fuse as one event's (:data:`mapper.fusion.FUSE_DAYS` apart or less)."""
    if a.date is None or b.date is None:
        return a.date == b.date
    return abs((a.date - b.date).days) <= FUSE_DAYS


def _told_again(ev: Event, kept: Event, told: set[str]) -> bool:
    """An asserted repeat of ``kept`` in a new sentence, by its side, on a day the map fuses.

    "Aliyev said the army had liberated X" after "the army liberated X": another report. Not a
    copy of a sentence already told (``told``), nor a repeat that names a side the kept event
    lacked (it gives the side), nor the other side's telling of a fight (the same fight).
    """
    return ev.evidence not in told and kept.actor == ev.actor and _fusable_dates(kept, ev)


def _report_key(ev: Event) -> _ReportKey:
    return ev.start, ev.type, ev.place.start if ev.place is not None else -1


def _asserted_report(ps: ParsedSentence | None, hit: _Hit) -> bool:
    """A verb that asserts the event in a main or reported clause, its place named there.

    "The army captured X", "Aliyev said the army had liberated X": a telling of its own. Not a
    noun ("the capture of X came after ..."), a clause of time or purpose ("once the army
    withdrew from X", "seeking to seize X"), nor a place reached by reference ("the town").
    """
    tok = _trigger_root(ps, hit)
    if tok is None or hit.reason or tok.pos_ not in ("VERB", "AUX"):
        return False
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("ROOT", "ccomp")


def _place_key(m: Mention) -> str:
    return m.place.id if m.place is not None else name_key(m.surface)


def _other_time(a: Event, b: Event) -> bool:
    """True when ``b`` dates itself explicitly, by day, far from ``a``'s date."""
    if a.date is None or b.date is None or b.date_text is None:
        return False
    if b.date_text.lower().startswith("since"):
        return False  # "the first town taken since April": a range's start, not its day
    if "day" not in (a.date_precision, b.date_precision):
        return False
    return abs((a.date - b.date).days) > _SAME_EVENT_DAYS


def _dedupe(
    events: list[Event], headline_events: list[Event], *, asserted: set[_ReportKey]
) -> list[Event]:
    """One event per (type, place, distance) and telling; headline events only for a bare body.

    Two reports of one type at one place are one event, unless both name different sides, or the
    repeat dates itself explicitly more than a week from the kept one. When a repeat carries an
    explicit date phrase and the kept event does not, the repeat replaces it. A repeat told
    again in a sentence of its own (see :func:`_told_again`) stays, as another report of the
    kept event: the map fuses the two (:mod:`mapper.fusion`).
    """
    out: list[Event] = []
    index: dict[tuple[str, str, float | None], list[int]] = {}
    tellings: dict[tuple[str, str, float | None], set[str]] = {}  # their evidence sentences
    for ev in events:
        assert ev.place is not None
        key = (ev.type, _place_key(ev.place), ev.distance_km)
        kept = [k for k in index.setdefault(key, []) if not _other_time(out[k], ev)]
        same = [
            k for k in kept if out[k].actor == ev.actor or ev.actor is None or ev.type == "clash"
        ]  # a clash is both sides' ("attacked X" and "repelled the attack on X": one fight)
        told = tellings.setdefault(key, set())
        if kept and (same or out[kept[0]].actor is None):
            if _report_key(ev) in asserted and _told_again(ev, out[kept[0]], told):
                told.add(ev.evidence)
                out.append(ev)  # not indexed: later repeats compare with the kept event
                continue
            k = (same or kept)[0]
            if out[k].actor is None and ev.actor is not None:  # the repeat names the side
                out[k] = dc_replace(out[k], actor=ev.actor)
            if out[k].date_text is None and ev.date_text is not None:
                ev = dc_replace(ev, killed=ev.killed or out[k].killed)
                out[k] = ev
            elif ev.killed and not out[k].killed:  # "... died in the clashes": the same fight
                out[k] = dc_replace(out[k], killed=ev.killed)
            continue
        told.add(ev.evidence)
        index[key].append(len(out))
        out.append(ev)
    measured = {
        (_place_key(ev.place), ev.date)
        for ev in out
        if ev.type == "advance" and ev.distance_km is not None and ev.place is not None
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
