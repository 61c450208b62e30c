"""Accuracy on the devset (97 dispatches, five wars) and the seeds, by ``../shared/eval/score.py``.

The floors are what the method reaches today (honest floors, not the goals of 0.97 / 0.90 /
0.95); the printed tables say where it stands, per event type and per war. As ``frontline
extract`` does, only events with a location are scored (the rest go to its unresolved report).
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from extract_evalkit import (
    actor_accuracy,
    extract_gold,
    gold_articles,
    load_scorer,
    per_type,
    placed,
    print_table,
    write_jsonl,
    write_seeds_gold,
)

from gazetteer import default_gazetteer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def devset_run(devset_path, tmp_path_factory):
    gold = gold_articles(devset_path)
    mentions, events = extract_gold(gold, default_gazetteer())
    events = placed(events)
    tmp = tmp_path_factory.mktemp("devset")
    return (
        gold,
        write_jsonl(tmp / "m.jsonl", mentions),
        write_jsonl(tmp / "e.jsonl", events),
        events,
    )


def score(shared_dir, what, gold_path, pred_path) -> str:
    proc = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "eval" / "score.py"),
            what,
            str(gold_path),
            str(pred_path),
            "--by-region",
        ],
        capture_output=True,
        text=True,
    )
    print(proc.stdout)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


def by_region(out: str, figure: str) -> dict[str, float]:
    """The per-war figure lines ``score.py --by-region`` prints: region -> value."""
    return {
        m.group(1): float(m.group(2))
        for m in re.finditer(rf"^\[(\w+): \d+ articles\] {figure} ([\d.]+)", out, re.M)
    }


#: What each war reaches today (honest floors; the goal is 0.97 mentions, 0.90 events).
#: (Sudan 0.59 -> 0.57: o115's report that the RSF lost Old Omdurman to the army is now read as
#: the army's capture, which the annotators did not code. Libya 0.75 -> 0.74: o105's "chased away
#: the remaining forces to Bani Walid" is read as an advance, which the annotators did not code.)
MENTION_FLOORS = {"syria_nw": 0.96, "ukraine": 0.98, "libya": 0.97, "sudan": 1.0, "karabakh": 1.0}
EVENT_FLOORS = {"syria_nw": 0.73, "ukraine": 0.72, "libya": 0.74, "sudan": 0.60, "karabakh": 0.85}


def test_devset_mentions(devset_run, devset_path, shared_dir):
    _, m_path, _, _ = devset_run
    out = score(shared_dir, "mentions", devset_path, m_path)
    acc, prec = map(
        float, re.search(r"^mention accuracy ([\d.]+).*precision ([\d.]+)", out, re.M).groups()
    )
    regions = by_region(out, "mention accuracy")
    assert set(regions) == set(MENTION_FLOORS)
    for region, floor in MENTION_FLOORS.items():
        assert regions[region] >= floor, region
    assert acc >= 0.97
    assert prec >= 0.955


def test_devset_events(devset_run, devset_path, shared_dir):
    gold, _, e_path, events = devset_run
    out = score(shared_dir, "events", devset_path, e_path)
    f1, p, r = map(
        float, re.search(r"^event F1 ([\d.]+) \(P ([\d.]+), R ([\d.]+)", out, re.M).groups()
    )
    dates = float(re.search(r"^event F1.*date accuracy ([\d.]+)", out, re.M).group(1))
    scorer = load_scorer(shared_dir)
    print_table("devset: events per type", per_type(scorer, gold, events))
    for region in sorted({a["region"] for a in gold}):
        part = [a for a in gold if a["region"] == region]
        ids = {a["id"] for a in part}
        print_table(
            f"devset, {region}",
            per_type(scorer, part, [e for e in events if e["article_id"] in ids]),
        )
    right, total = actor_accuracy(scorer, gold, events)
    print(f"actor accuracy on matched events: {right}/{total}")
    regions = by_region(out, "event F1")
    assert set(regions) == set(EVENT_FLOORS)
    for region, floor in EVENT_FLOORS.items():
        assert regions[region] >= floor, region
    assert f1 >= 0.71
    # 0.958 on the dating rules' own base; events matched since then bring annotation-convention
    # dates ("the previous day" of a Saturday report dated Saturday): 0.948
    assert dates >= 0.95
    # 268/292 before the sides' reports were read (a side's own passive gains, its enemy's
    # fire, a joint raid by the war's own side): 272/292
    assert total >= 100 and right / total >= 0.92


def test_seed_mentions_and_events(seeds_dir, shared_dir, tmp_path):
    gold_path = write_seeds_gold(shared_dir, seeds_dir, tmp_path / "seeds.jsonl")
    gold = gold_articles(gold_path)
    mentions, events = extract_gold(gold, default_gazetteer())
    events = placed(events)
    out_m = score(shared_dir, "mentions", gold_path, write_jsonl(tmp_path / "m.jsonl", mentions))
    out_e = score(shared_dir, "events", gold_path, write_jsonl(tmp_path / "e.jsonl", events))
    assert float(re.search(r"^mention accuracy ([\d.]+)", out_m, re.M).group(1)) >= 0.97
    # 13 of 14 seed events found; 3 more predicted (an advance and two clashes the seeds do not
    # annotate, see the issue note), so F1 0.867 where the regex extractor had 0.929
    assert float(re.search(r"^event F1 ([\d.]+)", out_e, re.M).group(1)) >= 0.86
    right, total = actor_accuracy(load_scorer(shared_dir), gold, events)
    assert total >= 10 and right / total >= 0.9
