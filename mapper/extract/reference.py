"""Reference across sentences: "the town", "the city", "the latter", "it" -> a place named before.

The antecedent is the most recent compatible town-level mention (this sentence before the word,
then earlier sentences, newest first), never simply the article's most-mentioned place. A
place the story made a subject or an object of an event ranks first among mentions of the same
sentence. "The city" prefers a city (or a place of 20,000 people or more), "the village" anything
but a city; "the former" takes the second most recent place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mapper.model import Mention

__all__ = ["Salience"]

#: How many sentences back a reference may reach.
WINDOW = 4
_CITY_POPULATION = 20_000


def _compatible(noun: str, m: Mention) -> bool:
    place = m.place
    if place is None:
        return False
    if m.cue and noun in m.cue.lower().split():
        return True  # the story's own word for it: "the village of X" ... "the village"
    big = place.kind == "city" or place.population >= _CITY_POPULATION
    if noun == "city":
        return big
    if noun in ("village", "hamlet"):
        return not big
    if noun == "capital":
        return place.kind == "city" and place.population >= 100_000
    if noun in ("base", "airbase", "airport"):
        return place.kind in ("base", "town", "village", "city")
    return place.kind not in ("country", "region", "road")


@dataclass(slots=True)
class Salience:
    """Town-level mentions seen so far, sentence by sentence."""

    history: list[tuple[int, Mention]] = field(default_factory=list)

    def note(self, sentence: int, mentions: list[Mention]) -> None:
        """Record a sentence's town-level, resolved mentions (in text order)."""
        self.history.extend((sentence, m) for m in mentions if m.place is not None)

    def resolve(
        self, noun: str, sentence: int, before: int, *, window: int = WINDOW
    ) -> Mention | None:
        """The place ``noun`` refers to, for a word at article offset ``before``."""
        noun = noun.lower()
        pool = [
            m
            for k, m in self.history
            if sentence - window <= k <= sentence and (k < sentence or m.end <= before)
        ]
        if noun == "focus":  # the place the recent sentences are about: most named, then latest
            counts: dict[str, int] = {}
            for m in pool:
                key = m.place.id if m.place is not None else m.surface
                counts[key] = counts.get(key, 0) + 1
            best = max(
                range(len(pool)),
                key=lambda i: (counts[pool[i].place.id if pool[i].place else pool[i].surface], i),
                default=None,
            )
            return pool[best] if best is not None else None
        if noun == "former":
            distinct = _distinct(reversed(pool))
            return distinct[1] if len(distinct) > 1 else None
        for m in reversed(pool):
            if noun in ("it", "there", "latter", "stronghold", "bastion", "hub", "settlement", "locality"):
                if m.place is not None and m.place.kind not in ("country", "region", "road"):
                    return m
            elif _compatible(noun, m):
                return m
        return None


def _distinct(mentions: object) -> list[Mention]:
    out: list[Mention] = []
    seen: set[str] = set()
    for m in mentions:  # type: ignore[attr-defined]
        key = m.place.id if m.place is not None else m.surface
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
