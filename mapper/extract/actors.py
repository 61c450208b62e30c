"""Who did it: actor phrases normalised to sides (government, opposition, russia, turkey, ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ACTOR_PATTERNS", "ActorMatch", "find_actors", "nearest_actor"]

#: Side -> phrases (regular expressions, matched case-insensitively on word boundaries).
#: Order matters inside the combined pattern: longer, more specific phrases first.
ACTOR_PATTERNS: dict[str, list[str]] = {
    "opposition": [
        r"turkish[- ]backed(?:\s+\w+)?",
        r"pro[- ]turkish(?:\s+\w+)?",
        r"rebels?",
        r"jihadists?",
        r"jihadist(?:\s+(?:and\s+rebel\s+)?(?:groups?|fighters|rebels|factions|outfit))?",
        r"rebel(?:\s+(?:groups?|fighters|factions|forces))?",
        r"insurgents?",
        r"militants?",
        r"terrorists?",
        r"terrorist\s+(?:groups?|organizations?)",
        r"opposition(?:\s+fighters)?",
        r"hts",
        r"hay['’]?at\s+tahrir\s+al[- ]sham",
        r"al[- ]nusra(?:\s+front)?",
        r"jabhat\s+(?:al[- ])?nusra",
        r"free\s+syrian\s+army",
        r"fsa",
        r"national\s+front\s+for\s+liberation",
        r"syrian\s+national\s+army",
        r"takfiri(?:\s+\w+)?",
        r"armed\s+groups?",
        r"factions",
    ],
    "government": [
        r"pro[- ](?:assad|regime|government)(?:\s+(?:forces|fighters|troops|militias?))?",
        r"regime(?:'s)?(?:\s+(?:forces|troops|loyalists))?",
        r"loyalists?",
        r"(?:syrian\s+)?government(?:\s+(?:forces|troops))?",
        r"syrian\s+arab\s+army",
        r"saa",
        r"syrian\s+(?:army|troops|forces)",
        r"(?:the\s+)?army(?:\s+units)?",
        r"tiger\s+forces",
        r"assad(?:'s)?(?:\s+(?:forces|troops))?",
        r"damascus(?:\s+(?:forces|loyalists))?",
        r"government\s+troops",
    ],
    "russia": [
        r"russian(?:\s+(?:forces|troops|army|military|armed\s+forces|units|warplanes))?",
        r"wagner(?:\s+pmc)?(?:\s+units)?",
        r"moscow(?:'s)?(?:\s+forces)?",
        r"russia",
    ],
    "ukraine": [
        r"ukrainian(?:\s+(?:forces|troops|army|military|units|defence\s+forces))?",
        r"ukraine['’]s\s+(?:(?:defence|defense|armed)\s+forces|military|army|troops|forces"
        r"|general\s+staff)",
        r"defence\s+forces",
        r"armed\s+forces\s+of\s+ukraine",
        r"zsu",
        r"our\s+(?:troops|forces)",
    ],
    "turkey": [r"turkish(?:\s+(?:forces|troops|army|military))?", r"ankara", r"turkey"],
}

# Sides whose wording changes with the war: in a Ukraine dispatch, "the enemy" is Russia.
_CONTEXTUAL = {"the enemy": {"ukraine": "russia"}}

_RX = re.compile(
    "|".join(f"(?P<{side}>\\b(?:{'|'.join(pats)})\\b)" for side, pats in ACTOR_PATTERNS.items())
    + r"|(?P<enemy>\bthe\s+enemy\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor phrase found in a sentence: normalised ``side``, ``text`` and offsets."""

    side: str
    text: str
    start: int
    end: int


def find_actors(sentence: str, *, war: str | None = None) -> list[ActorMatch]:
    """Actor phrases in ``sentence`` in order, each with its side.

    ``war`` is ``"ukraine"`` or ``"syria"`` (or None); it decides contextual phrases ("the enemy"
    in a Ukrainian source is Russia) and whether "the army" alone means the Syrian government.
    """
    out = []
    for m in _RX.finditer(sentence):
        kind = m.lastgroup or ""
        text = m.group(0)
        if kind == "enemy":
            side = _CONTEXTUAL["the enemy"].get(war or "", "")
            if not side:
                continue
        else:
            side = kind
        if war == "ukraine" and side in ("government", "opposition"):
            continue  # "the Kiev regime", "militants": the Syrian sides are not this war's
        out.append(ActorMatch(side, text, m.start(), m.end()))
    return out


def nearest_actor(
    actors: list[ActorMatch],
    position: int,
    *,
    clause_start: int = 0,
    passive: bool = False,
    sentence: str = "",
) -> ActorMatch | None:
    """The actor phrase that is the likely subject of a verb at ``position``.

    Passive voice ("was recaptured by Syrian opposition fighters"): the agent after "by".
    Otherwise the first actor of the verb's clause (its subject, not an object such as "the
    Turkish observation post"); else the first actor of the sentence before the verb; else the
    first actor after it.
    """
    if passive and sentence:
        for a in actors:
            if a.start >= position and re.search(
                r"\bby\s+(?:the\s+)?(?:\w+\s+){0,2}$", sentence[position : a.start]
            ):
                return a
    in_clause = [a for a in actors if clause_start <= a.start and a.end <= position]
    if in_clause:
        return in_clause[0]
    before = [a for a in actors if a.end <= position]
    if before:
        return before[0]
    after = [a for a in actors if a.start >= position]
    return after[0] if after else None
