"""A bank of 480 single sentences of war reporting, 60 whose main event is of each type, written
for this project by a helper who neither read nor ran the extractor, a third each before 1900,
1900-1990 and after 1990, in the wording of their press (``data/sentence_bank.jsonl``: text,
era, the events it reports as type and place surface).

It measures what the devset cannot: how much of English's wording for each deed the trigger
registry reads, with no story around it. When it arrived the extractor read 0.497 of its
events (precision 0.866); the rules written from its misses since (each with a sentence of its
own in ``test_parse.py``) brought that to 0.583. The floors are today's figures rounded down.
A sentence's publication day is mid-year of its era's year, so "in 1812" is not history.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from gazetteer import default_gazetteer
from mapper.extract import extract_articles
from mapper.model import EVENT_TYPES, Article

DATA = Path(__file__).parent / "data"
BANK = DATA / "sentence_bank.jsonl"
#: A second bank by another helper, received after the rules above were written and never read:
#: what they carry over to (recall 0.532 with the code before them, 0.574 after; precision
#: 0.889 -> 0.896). Held to its overall figures only.
BANK2 = DATA / "sentence_bank2.jsonl"
BANK2_FLOORS = (0.57, 0.89)  # (recall, precision)

#: Event type -> recall floor; and the floor of precision over all types.
RECALL_FLOORS = {
    "advance": 0.58,
    "bombardment": 0.73,
    "capture": 0.54,
    "clash": 0.46,
    "encirclement": 0.64,
    "entry": 0.59,
    "target": 0.51,
    "withdrawal": 0.64,
}
PRECISION_FLOOR = 0.87


def _rows(path: Path = BANK) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _published(era: str) -> date:
    year = re.search(r"\d{4}", era)
    return date(int(year.group()) if year else 2020, 6, 15)


def _same_place(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or b in a


@pytest.mark.parametrize("path", [BANK, BANK2], ids=["bank", "bank2"])
def test_the_bank_is_well_formed(path):
    rows = _rows(path)
    assert len(rows) == 480 and len({r["id"] for r in rows}) == 480
    main = Counter(r["events"][0]["type"] for r in rows)
    assert set(main) == set(RECALL_FLOORS) <= set(EVENT_TYPES)
    for r in rows:
        assert r["events"] and all(e["place"] in r["text"] for e in r["events"])


def _score(rows: list[dict]) -> tuple[Counter[str], Counter[str], int, int]:
    """(found per type, gold per type, right predictions, all predictions) over the bank."""
    articles = [Article(id=r["id"], text=r["text"], published=_published(r["era"])) for r in rows]
    found, gold, right, told = Counter(), Counter(), 0, 0
    read = extract_articles(articles, gazetteer=default_gazetteer())
    for row, ex in zip(rows, read, strict=True):
        preds = [(e.type, e.place.surface) for e in ex.events if e.lat is not None]
        used: set[int] = set()
        for want in row["events"]:
            gold[want["type"]] += 1
            hit = next(
                (
                    i
                    for i, (t, p) in enumerate(preds)
                    if i not in used and t == want["type"] and _same_place(p, want["place"])
                ),
                None,
            )
            if hit is not None:
                used.add(hit)
                found[want["type"]] += 1
        right += len(used)
        told += len(preds)
    return found, gold, right, told


@pytest.mark.slow
def test_the_registry_reads_each_type_of_deed():
    found, gold, right, told = _score(_rows())
    recall = {t: found[t] / gold[t] for t in gold}
    precision = right / told
    for t in sorted(recall):
        print(f"{t:13s} recall {found[t]:3d}/{gold[t]:3d} {recall[t]:.3f}")
    print(f"all recall {sum(found.values()) / sum(gold.values()):.3f}, precision {precision:.3f}")
    assert all(recall[t] >= RECALL_FLOORS[t] for t in RECALL_FLOORS), recall
    assert precision >= PRECISION_FLOOR


@pytest.mark.slow
def test_a_second_bank_never_read_is_read_as_well():
    found, gold, right, told = _score(_rows(BANK2))
    recall, precision = sum(found.values()) / sum(gold.values()), right / told
    print(f"bank2: recall {recall:.3f}, precision {precision:.3f}")
    assert recall >= BANK2_FLOORS[0]
    assert precision >= BANK2_FLOORS[1]
