"""Helpers for the accuracy tests: run extraction over gold-annotated articles and score it with
the project's scorer (``../shared/eval/score.py``), imported by path."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

from mapper.extract import extract_articles
from mapper.model import Article


def load_scorer(shared: Path) -> ModuleType:
    """``shared/eval/score.py`` as a module."""
    spec = importlib.util.spec_from_file_location("frontline_score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_seeds_gold(shared: Path, seeds: Path, path: Path) -> Path:
    """The seeds in the eval format (``../shared/eval/seeds_gold.py``), written to ``path``."""
    script = shared / "eval" / "seeds_gold.py"
    run = subprocess.run(
        [sys.executable, str(script), str(seeds)], check=True, capture_output=True, text=True
    )
    path.write_text(run.stdout, encoding="utf-8")
    return path


def gold_articles(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def assert_well_formed(gold: list[dict]) -> None:
    """Every gold surface and evidence sentence is in its text; every event's place is listed."""
    assert len({art["id"] for art in gold}) == len(gold)
    for art in gold:
        names = {p["canonical"] for p in art["gold"]["places"]}
        for place in art["gold"]["places"]:
            assert place["surface"] in art["text"], (art["id"], place["surface"])
        for ev in art["gold"]["events"]:
            assert ev["place"] in names, (art["id"], ev["place"])
            assert ev["evidence"] in art["text"], (art["id"], ev["evidence"])


def extract_gold(gold: list[dict], gazetteer) -> tuple[list[dict], list[dict]]:
    """Extraction over eval-format articles: (mention dicts, event dicts)."""
    arts = (
        Article(
            id=a["id"],
            text=a["text"],
            published=date.fromisoformat(a["published"]) if a.get("published") else None,
            title=a.get("title"),
            source=a.get("source"),
            url=a.get("url"),
        )
        for a in gold
    )
    mentions, events = [], []
    for ex in extract_articles(arts, gazetteer=gazetteer):
        mentions.extend(m.to_dict() for m in ex.mentions)
        events.extend(e.to_dict() for e in ex.events)
    return mentions, events


def placed(events: list[dict]) -> list[dict]:
    """The events ``frontline extract`` writes to its output: those with a location (the rest
    go to its unresolved report and are not scored)."""
    return [e for e in events if e.get("lat") is not None and e.get("lon") is not None]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, default=str) + "\n" for r in rows), encoding="utf-8")
    return path


def per_type(score: ModuleType, gold: list[dict], events: list[dict]) -> dict[str, dict]:
    """Precision and recall per event type, matched the way ``score.py events`` matches."""
    out: dict[str, dict] = {}
    types = sorted(
        {e["type"] for a in gold for e in a["gold"]["events"]} | {e["type"] for e in events}
    )
    ids = {a["id"] for a in gold}
    for etype in types:
        tp = n_gold = 0
        used: set[tuple[str, int]] = set()
        preds = [e for e in events if e["type"] == etype and e["article_id"] in ids]
        for art in gold:
            mine = [(i, e) for i, e in enumerate(preds) if e["article_id"] == art["id"]]
            for ev in art["gold"]["events"]:
                if ev["type"] != etype:
                    continue
                loc = score.gold_location(art, ev)
                if loc is None:
                    continue
                n_gold += 1
                (glat, glon), tol = loc
                for i, e in mine:
                    if (art["id"], i) in used or e.get("lat") is None:
                        continue
                    if score.km(glat, glon, e["lat"], e["lon"]) <= tol:
                        used.add((art["id"], i))
                        tp += 1
                        break
        out[etype] = {
            "gold": n_gold,
            "pred": len(preds),
            "tp": tp,
            "precision": tp / len(preds) if preds else 0.0,
            "recall": tp / n_gold if n_gold else 0.0,
        }
    return out


def print_table(title: str, table: dict[str, dict]) -> None:
    print(f"\n{title}\n{'type':14}{'gold':>6}{'pred':>6}{'tp':>5}{'P':>7}{'R':>7}")
    for etype, row in table.items():
        print(
            f"{etype:14}{row['gold']:>6}{row['pred']:>6}{row['tp']:>5}"
            f"{row['precision']:>7.2f}{row['recall']:>7.2f}"
        )


def actor_accuracy(score: ModuleType, gold: list[dict], events: list[dict]) -> tuple[int, int]:
    """(right, total): matched gold events with an actor whose predicted actor agrees.

    Events are matched as ``score.py events`` matches them (same type, nearest within the
    tolerance); the map's control zones come from these actors.
    """
    right = total = 0
    for art in gold:
        preds = [e for e in events if e["article_id"] == art["id"]]
        used: set[int] = set()
        for ev in art["gold"]["events"]:
            loc = score.gold_location(art, ev)
            if loc is None:
                continue
            (glat, glon), tol = loc
            best = None
            for i, e in enumerate(preds):
                if i in used or e["type"] != ev["type"] or e.get("lat") is None:
                    continue
                d = score.km(glat, glon, e["lat"], e["lon"])
                if d <= tol and (best is None or d < best[1]):
                    best = (i, d)
            if best is None:
                continue
            used.add(best[0])
            if ev.get("actor"):
                total += 1
                right += preds[best[0]].get("actor") == ev["actor"]
    return right, total
