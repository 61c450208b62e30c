"""Reference across sentences: "the town", "the city", "the latter", "it" -> a place named before.

The antecedent is the most salient compatible town-level mention: salience is the mention's
grammatical role (the place of an event, then a main-clause subject or object, then other
mentions, then those inside relative and subordinate clauses) falling with each sentence back;
never simply the article's most-mentioned place. "The city" takes a city (or a place of 20,000
people or more), "the village" anything but a city, unless the story itself called the place so
("the village of X"); "the latter" is the latest place, "the former" the one before it.
"The capital" is a country's capital (GeoNames' country table) when one is within reach.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from gazetteer.place import Place
from gazetteer.translit import name_key
from mapper.extract.mentions import capital_keys
from mapper.model import Mention

__all__ = ["ACTOR_ROLE", "FRAME_ROLE", "ORIGIN_ROLE", "Salience"]

#: How many sentences back a reference may reach.
WINDOW = 4
_CITY_POPULATION = 10_000  # a "city" in the press: Chasiv Yar (12k) is one


#: The story's words for a place too small to be "the town" or "the city" later.
_SMALL = frozenset({"village", "villages", "hamlet", "hamlets"})


#: Nouns of a settlement: a facility the story named ("Getafe airfield") is none of them.
_SETTLEMENTS = frozenset({"town", "city", "village", "hamlet", "capital"})


#: An apposition that calls a place a part of a town or a site ("X, the south-western
#: suburb", "X, the former royal hunting park").
_PART_OF_A_TOWN = re.compile(
    r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}(?:suburbs?|district|neighbou?rhood|quarter|ward"
    r"|park|palace|citadel|airport|airfield|air\s*base|base|bridge|camp)\b",
    re.IGNORECASE,
)


def _followed_by(m: Mention, rx: re.Pattern[str]) -> bool:
    """Whether the words right after the mention, in its sentence, match ``rx``."""
    at = m.sentence.find(m.surface)
    return at >= 0 and rx.match(m.sentence, at + len(m.surface)) is not None


#: A name the story writes before an area noun ("the Kulyab region", "Idlib province").
_AREA_AFTER = re.compile(
    r"\s+(?:region|province|district|oblast|governorate|county|state)\b", re.IGNORECASE
)


def _compatible(noun: str, m: Mention) -> bool:
    place = m.place
    if place is None:
        return False
    if noun in _SETTLEMENTS and (
        "facility" in m.reason
        or _followed_by(m, _PART_OF_A_TOWN)  # "X, the south-western suburb": a part of a town
        or _followed_by(m, _AREA_AFTER)  # "the Kulyab region": an area, not its town
    ):
        return False  # "X airfield fell ... planes bombed the city": not the airfield
    if m.cue and noun in m.cue.lower().split():
        return True  # the story's own word for it: "the village of X" ... "the village"
    if noun in ("town", "city") and m.cue and _SMALL & set(m.cue.lower().split()):
        return False  # "capturing the village of X ... shelling the town": not X
    big = place.kind == "city" or place.population >= _CITY_POPULATION
    if not place.population and noun in ("city", "village", "hamlet"):
        return True  # a sourced place of unknown size: either, as the story says
    if noun == "city":
        return big
    if noun in ("village", "hamlet"):
        return not big
    if noun == "capital":
        return place.kind == "city" and place.population >= 100_000
    if noun in ("base", "airbase"):  # "the base": a base the story named, not a town
        return place.kind == "base" or bool(m.cue and "base" in m.cue.lower())
    if noun in ("port", "fortress"):  # "shelled the port", "broke into the fortress"
        return place.kind not in ("country", "region", "road", "province", "village")
    if noun == "airport":
        return place.kind in ("base", "town", "village", "city")
    return place.kind not in ("country", "region", "road", "province")


def national_capital(place: Place) -> bool:
    """Whether a place is its country's capital: what "the capital" means first."""
    capitals = capital_keys()
    return any((place.country, name_key(n)) in capitals for n in (place.name, *place.alt_names))


#: The role of a capital that acts as its side ("Moscow aims to take the town").
ACTOR_ROLE = "actor"
#: The role of a place in the telling of a report ("officials in Baku said the town fell").
FRAME_ROLE = "frame"
#: The role of the place a move set out from ("crossed the bridge from X and drove them out
#: of the city centre": not X).
ORIGIN_ROLE = "origin"
#: How much a mention's salience falls per sentence back.
DECAY = 0.6
#: Salience weights by grammatical role (set by the caller from the parse).
ROLE_WEIGHT = {"event": 3.0, "main": 2.0, "plain": 1.0, "subordinate": 0.5}


@dataclass(slots=True)
class Salience:
    """Town-level mentions seen so far, sentence by sentence, each with a weight by role.

    Sentences are noted (and references resolved) in text order: ``history`` and ``referred``
    stay sorted by sentence.
    """

    history: list[tuple[int, Mention]] = field(default_factory=list)
    weights: dict[int, float] = field(default_factory=dict)  # mention start -> weight
    referred: list[tuple[int, Mention]] = field(default_factory=list)  # resolved references
    # starts of mentions in a report's telling or a move's origin: never a same-sentence
    # antecedent
    framing: set[int] = field(default_factory=set)

    def note(
        self, sentence: int, mentions: list[Mention], roles: dict[int, str] | None = None
    ) -> None:
        """Record a sentence's town-level, resolved mentions (in text order) and their roles.

        ``roles`` maps a mention's start to a key of :data:`ROLE_WEIGHT` (default "plain").
        """
        for m in mentions:
            role = (roles or {}).get(m.start, "plain")
            if m.place is None or role == ACTOR_ROLE:
                continue  # "Moscow aims to ...": a side, never what "the town" refers to
            self.history.append((sentence, m))
            self.weights[m.start] = ROLE_WEIGHT.get(role, 1.0)
            if role in (FRAME_ROLE, ORIGIN_ROLE):
                self.framing.add(m.start)

    def promote(self, m: Mention) -> None:
        """A mention that is the place of an event ranks first among its sentence's."""
        self.weights[m.start] = max(self.weights.get(m.start, 1.0), ROLE_WEIGHT["event"])

    def refer(self, sentence: int, m: Mention) -> None:
        """A reference in ``sentence`` resolved to ``m``: the place is named there again.

        A chain of "the city ... the city" keeps its place salient, where a place named once
        in passing between the links does not take the chain over.
        """
        self.referred.append((sentence, m))

    def _pool(
        self, sentence: int, before: int, window: int, *, referred: bool = True
    ) -> list[tuple[int, Mention, float]]:
        """Mentions within reach, each with its sentence and its salience there.

        A reference resolved in an earlier sentence names its place there again, as a plain
        mention: "the city ... the city" keeps the place salient, but a place a reference
        named does not outrank one the sentence names itself.
        """
        named = [
            (k, m, self.weights.get(m.start, 1.0) * DECAY ** (sentence - k))
            for k, m in _sentences(self.history, sentence - window, sentence + 1)
            if k < sentence or m.end <= before
        ]
        again = [
            (k, m, ROLE_WEIGHT["plain"] * DECAY ** (sentence - k))
            for k, m in _sentences(self.referred, sentence - window, sentence)
            if referred
        ]
        return sorted(named + again, key=lambda e: e[0])

    def resolve(
        self, noun: str, sentence: int, before: int, *, window: int = WINDOW
    ) -> Mention | None:
        """The place ``noun`` refers to, for a word at article offset ``before``.

        The compatible mention with the highest salience (role weight, falling by
        :data:`DECAY` per sentence back); on a tie, the place the recent sentences are most
        about, then the latest. "The latter" is the latest place named, "the former" the one
        before it.
        """
        noun = noun.lower()
        pool = self._pool(sentence, before, window, referred=noun not in ("latter", "former"))
        totals: dict[str, float] = {}  # what the recent sentences are about: summed salience
        for _, m, score in pool:
            totals[_key(m)] = totals.get(_key(m), 0.0) + score
        if noun == "focus":
            best = max(range(len(pool)), key=lambda i: (totals[_key(pool[i][1])], i), default=None)
            return pool[best][1] if best is not None else None
        if noun == "former":
            distinct = _distinct(m for _, m, _ in reversed(pool))
            return distinct[1] if len(distinct) > 1 else None
        if noun == "latter":
            return next((m for _, m, _ in reversed(pool) if _any_town(m)), None)
        if noun == "capital":  # a country's capital before any other big city
            national = [e for e in pool if e[1].place and national_capital(e[1].place)]
            pool = national or pool
        same = self._named_before(noun, sentence, pool)
        if len(same) == 1:  # (with two, salience decides below)
            return same[0]
        fits = [
            (score, totals[_key(m)], i, m)
            for i, (_, m, score) in enumerate(pool)
            if (_any_town(m) if noun in _ANY_TOWN else _compatible(noun, m))
        ]  # a tie goes to the place the recent sentences are most about, then the latest
        return max(fits, key=lambda f: f[:3])[3] if fits else None

    def _named_before(
        self, noun: str, sentence: int, pool: list[tuple[int, Mention, float]]
    ) -> list[Mention]:
        """The distinct places named before the reference in its own sentence that fit it.

        "residents who fled X said militants had entered it": X; "inside the X beachhead,
        guns shelled the port": X. A pronoun also takes a reference resolved there ("shelled
        the town, and bombers raided it"); a noun leaves out the report's frame ("officials
        in Baku said the town fell": not Baku).
        """
        named = [m for k, m, _ in pool if k == sentence]
        if noun in _PRONOUNS:
            named += [m for _, m in _sentences(self.referred, sentence, sentence + 1)]
            return _distinct(m for m in named if _any_town(m))
        return _distinct(m for m in named if m.start not in self.framing and _compatible(noun, m))


#: Pronouns: the one place named earlier in their own sentence is theirs.
_PRONOUNS = frozenset({"it", "its"})
_ANY_TOWN = frozenset(
    {"it", "its", "there", "area", "stronghold", "bastion", "hub", "settlement", "locality"}
)


def _sentences(seen: list[tuple[int, Mention]], first: int, stop: int) -> list[tuple[int, Mention]]:
    """The entries of ``seen`` (in sentence order) from sentence ``first`` up to ``stop``.

    A bisection, not a pass: a long article asks this once per reference.
    """
    lo = bisect_left(seen, first, key=_sentence_index)
    return seen[lo : bisect_left(seen, stop, lo=lo, key=_sentence_index)]


def _sentence_index(entry: tuple[int, Mention]) -> int:
    return entry[0]


def _key(m: Mention) -> str:
    return m.place.id if m.place is not None else m.surface


def _any_town(m: Mention) -> bool:
    return m.place is not None and m.place.kind not in ("country", "region", "road")


def _distinct(mentions: object) -> list[Mention]:
    out: list[Mention] = []
    seen: set[str] = set()
    for m in mentions:  # type: ignore[attr-defined]
        key = m.place.id if m.place is not None else m.surface
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
