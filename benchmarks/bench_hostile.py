"""Hostile input: time and peak memory of one article's extraction as its text grows.

    python benchmarks/bench_hostile.py [--sizes 250000,1000000] [--only single-line]

For each generator (a normal dispatch repeated on one line, the same hard-wrapped without a
final line break, capitalised hyphenated words, runs of end marks, long tokens with many word
starts) and each size, one subprocess extracts one article and reports the wall time and the
peak of Python allocations (``tracemalloc``) during ``extract_article``, as bytes per character.
The baseline is the same run's smallest size: linear time gives a time ratio near the size ratio,
and bounded memory a flat bytes-per-character figure.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: Text generators: name -> Python expression of ``n`` (characters wanted, about).
GENERATORS = {
    "single-line": "(SENT * (n // len(SENT) + 1))[:n]",
    "wrapped-no-final-newline": "'Headline\\n' + '\\n'.join(textwrap.wrap(SENT * (n // len(SENT)"
    " + 1), 70))[:n]",
    "hyphen-words": "'Forces took ' + '-'.join(['Ab'] * (n // 3))",
    "dot-run": "'Forces took Idlib' + '.' * n + 'x'",
    "ellipsis-run": "'Forces took Idlib' + '…' * n + 'x'",
    "a-hyphen-token": "'-'.join(['A'] * (n // 2))",
    "spaced-capitals": "' '.join(['Ab'] * (n // 3))",
}

SENT = (
    "Syrian government forces captured the town of Kafr Nabl on Monday and advanced four "
    "kilometers west of Maarat al-Numan, the Syrian Observatory for Human Rights said. "
)

_CHILD = """
import datetime, json, sys, textwrap, time, tracemalloc
from gazetteer import default_gazetteer
from mapper.extract import extract_article
from mapper.model import Article
SENT = {sent!r}
n = int(sys.argv[1])
text = {expr}
gaz = default_gazetteer()
extract_article(Article(id="warm", text=SENT, published=datetime.date(2019, 8, 1)), gaz)
article = Article(id="h", text=text, published=datetime.date(2019, 8, 1))
tracemalloc.start()
start = time.perf_counter()
result = extract_article(article, gaz)
seconds = time.perf_counter() - start
_, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(json.dumps({{"chars": len(text), "seconds": seconds, "peak": peak,
                  "events": len(result.events)}}))
"""


def measure(name: str, n: int) -> dict[str, float]:
    """Run one generator at one size in a fresh process; its JSON figures."""
    code = _CHILD.format(sent=SENT, expr=GENERATORS[name])
    out = subprocess.run(
        [sys.executable, "-c", code, str(n)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        timeout=1800,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Print one row per generator and size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250000,1000000", help="text sizes in characters")
    parser.add_argument("--only", default="", help="comma-separated generator names")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    names = [n for n in args.only.split(",") if n] or list(GENERATORS)
    print(
        f"{'generator':26} {'chars':>10} {'seconds':>9} {'x time':>7} {'x size':>7} "
        f"{'peak MB':>8} {'B/char':>7}"
    )
    for name in names:
        base: dict[str, float] | None = None
        for n in sizes:
            row = measure(name, n)
            base = base or row
            print(
                f"{name:26} {row['chars']:>10,} {row['seconds']:>9.2f} "
                f"{row['seconds'] / max(base['seconds'], 1e-9):>7.1f} "
                f"{row['chars'] / base['chars']:>7.1f} {row['peak'] / 2**20:>8.1f} "
                f"{row['peak'] / row['chars']:>7.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
