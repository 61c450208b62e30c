"""Quick devset measure: extract in-process, write located events, score by region."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from gazetteer import default_gazetteer
from mapper.extract import extract_articles
from mapper.model import Article

DEV = Path("../shared/devset/articles.jsonl")
OUT = Path("/tmp/parse_events.jsonl")


def main() -> None:
    gold = [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x]
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
    with OUT.open("w", encoding="utf-8") as fh:
        for ex in extract_articles(arts, gazetteer=default_gazetteer()):
            for e in ex.events:
                d = e.to_dict()
                if d.get("lat") is not None and d.get("lon") is not None:
                    fh.write(json.dumps(d, default=str) + "\n")
    args = ["events", str(DEV), str(OUT), "--by-region", *sys.argv[1:]]
    subprocess.run([sys.executable, "../shared/eval/score.py", *args], check=False)


if __name__ == "__main__":
    main()
