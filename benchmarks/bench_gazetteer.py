"""Gazetteer benchmarks, measured in one run and printed as a table.

    .venv/bin/python benchmarks/bench_gazetteer.py [--spellings 100000] [--brute-sample 200]

1. Warm start: ``frontline resolve "Khan Cheikhoun"`` vs ``python -c "import geopandas"``
   (median of 5 runs each; goal: ratio <= 2).
2. Resident memory of a process that opened the index and resolved 1,000 names (goal <= 150 MB).
3. ``resolve_many`` over N spellings (variants of real GeoNames/curated names) vs a brute-force
   rapidfuzz scan of every indexed name key (goal >= 20x faster); the brute force runs on a
   sample and is extrapolated, and both answers are compared on that sample.
4. Resolution in an article's context: 5,000 calls, 500 distinct names (variants of SY/UA
   places) each met in 10 articles whose contexts differ (country, a province, 12 points of
   places of that country), as extraction resolves a corpus; microseconds per call.
5. Approximate spotting: ``find_mentions`` over the devset's articles (``../shared``, when
   present): exact and multi-word spotting only; plus the skeleton look-up of unknown
   single capitalised words; plus the approximate look-up (BK-tree over the theatre's
   skeletons) of every capitalised name run no key matches. Each on a fresh gazetteer (no
   warm caches, BK-trees built again); milliseconds per article and the ratios. The
   BK-trees' build time per theatre is shown apart.
6. Cold index build (cities500 + curated) into an empty cache directory, in a subprocess.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable


def run_time(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=REPO)
    return time.perf_counter() - start


def resolve_command() -> list[str]:
    """The CLI: the ``frontline`` script when it registers ``resolve``, else ``python -c``."""
    try:
        from mapper.cli import app

        if "resolve" in {c.name for c in app.registered_commands}:
            exe = Path(PY).with_name("frontline")
            return [str(exe) if exe.exists() else "frontline", "resolve"]
    except ImportError:
        pass
    code = (
        "import typer; from mapper.commands.resolve import resolve; a = typer.Typer();"
        "a.command('resolve')(resolve); a.command('noop')(lambda: None); a()"
    )
    return [PY, "-c", code, "resolve"]


def bench_warm(rows: list[tuple[str, str, str]]) -> None:
    cmd = resolve_command() + ["Khan Cheikhoun"]
    run_time(cmd)  # make sure the index exists
    resolve_s = statistics.median(run_time(cmd) for _ in range(5))
    geopandas_s = statistics.median(run_time([PY, "-c", "import geopandas"]) for _ in range(5))
    ratio = resolve_s / geopandas_s
    rows.append(('warm `frontline resolve "Khan Cheikhoun"`', f"{resolve_s:.3f} s", ""))
    rows.append(('`python -c "import geopandas"`', f"{geopandas_s:.3f} s", ""))
    rows.append(("  ratio (goal <= 2)", f"{ratio:.2f}", "ok" if ratio <= 2 else "MISSED"))


MEMORY_CODE = """
import psutil, json
from gazetteer import Gazetteer, ResolveContext
base = psutil.Process().memory_info().rss
g = Gazetteer.open()
names = [r[0] for r in g.index.conn.execute(
    "SELECT name FROM places WHERE country IN ('SY', 'UA') ORDER BY pid LIMIT 1000")]
g.resolve_many(names)
for theatre in ("SY", "UA"):  # the approximate look-up's BK-trees of both theatres
    g.approximate("Talawash", context=ResolveContext((theatre,)))
rss = psutil.Process().memory_info().rss
print(json.dumps({"rss": rss, "base": base}))
"""


def bench_memory(rows: list[tuple[str, str, str]]) -> None:
    import json

    out = subprocess.run([PY, "-c", MEMORY_CODE], check=True, capture_output=True, text=True)
    data = json.loads(out.stdout)
    rss = data["rss"] / 1e6
    rows.append(("resident memory after open + 1,000 resolves + SY/UA trees", f"{rss:.0f} MB",
                 "ok" if rss <= 150 else "MISSED"))  # fmt: skip
    rows.append(("  of which before opening the index", f"{data['base'] / 1e6:.0f} MB", ""))


_RULES = [
    (r"ou", "u"), (r"u", "ou"), (r"ee", "i"), (r"i", "ee"), (r"ay", "ei"), (r"ei", "ay"),
    (r"sh", "ch"), (r"q", "k"), (r"k", "q"), (r"^al-", ""), (r"^Al ", "al-"), (r"a", "e"),
    (r"([lmnrst])\1", r"\1"), (r"([lmnrst])", r"\1\1"), (r"-", " "), (r"ah$", "a"), (r"a$", "eh"),
]  # fmt: skip


def variants(names: list[str], n: int, seed: int = 5) -> list[str]:
    """n spellings: real names with 0-2 romanisation rewrites each (ou/u, ee/i, sh/ch...)."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        name = rng.choice(names)
        for _ in range(rng.randint(0, 2)):
            pattern, repl = rng.choice(_RULES)
            name = re.sub(pattern, repl, name, count=1)
        out.append(name)
    return out


def bench_resolve_many(rows: list[tuple[str, str, str]], n: int, sample: int) -> None:
    from rapidfuzz import fuzz, process

    from gazetteer import Gazetteer
    from gazetteer.resolve import haversine_km

    g = Gazetteer.open()
    conn = g.index.conn
    names = [r[0] for r in conn.execute(
        "SELECT name FROM places WHERE country IN ('SY', 'UA', 'LB', 'IQ', 'TR')")]  # fmt: skip
    spellings = variants(names, n)
    fresh = Gazetteer(g.index)  # empty in-memory cache
    start = time.perf_counter()
    ours = fresh.resolve_many(spellings)
    ours_s = time.perf_counter() - start
    placed = sum(r.place is not None for r in ours)

    # Brute force: the same resolver, but its candidates come from a rapidfuzz scan of every
    # distinct indexed key instead of the key/skeleton/prefix look-ups.
    flat: dict[str, list[str]] = {}
    for (key,) in conn.execute("SELECT DISTINCT key FROM names"):
        flat.setdefault(key.replace(" ", ""), []).append(key)
    choices = list(flat)

    class BruteForce(Gazetteer):
        def _candidates(self, q):  # type: ignore[no-untyped-def]
            hits = process.extract(q.key.replace(" ", ""), choices, scorer=fuzz.ratio, limit=25)
            rows = [row for k, _, _ in hits for key in flat[k] for row in self.index.by_key(key)]
            return rows, "fuzzy"

    brute_gz = BruteForce(g.index)
    idx = random.Random(7).sample(range(n), sample)
    start = time.perf_counter()
    brute = [brute_gz.resolve(spellings[i]).place for i in idx]
    brute_s = (time.perf_counter() - start) / sample * n
    same = 0
    for i, b in zip(idx, brute, strict=True):
        o = ours[i].place
        if (o is None and b is None) or (
            o is not None and b is not None and haversine_km(o.lat, o.lon, b.lat, b.lon) <= 3
        ):
            same += 1
    keys = choices
    speedup = brute_s / ours_s
    rows.append((f"resolve_many over {n:,} spellings", f"{ours_s:.1f} s", f"{placed:,} placed"))
    rows.append((f"same resolver, brute-force scan of {len(keys):,} keys ({sample} run)",
                 f"{brute_s:.0f} s", "extrapolated"))  # fmt: skip
    rows.append(
        ("  speed-up (goal >= 20x)", f"{speedup:.0f}x", "ok" if speedup >= 20 else "MISSED")
    )
    rows.append(("  same place on the sample", f"{same}/{sample}", f"{same / sample:.0%}"))


def bench_context(rows: list[tuple[str, str, str]], calls: int = 5000) -> None:
    from gazetteer import Gazetteer, ResolveContext

    g = Gazetteer.open()
    rng = random.Random(11)
    by_country: dict[str, list[tuple[str, float, float, str]]] = {}
    for name, lat, lon, cc, admin1 in g.index.conn.execute(
        "SELECT name, lat, lon, country, admin1 FROM places WHERE country IN ('SY', 'UA')"
    ):
        by_country.setdefault(cc, []).append((name, lat, lon, admin1 or ""))
    names = []
    for _ in range(calls // 10):
        cc = rng.choice(sorted(by_country))
        names.append((cc, variants([rng.choice(by_country[cc])[0]], 1, rng.randrange(99))[0]))
    jobs = []
    for i in range(calls):
        cc, name = names[i % len(names)]
        picks = rng.sample(by_country[cc], 12)
        ctx = ResolveContext((cc,), (f"{cc}.{picks[0][3]}",), tuple((p[2], p[1]) for p in picks))
        jobs.append((name, ctx))
    fresh = Gazetteer(g.index)
    start = time.perf_counter()
    placed = sum(fresh.resolve(name, context=ctx).place is not None for name, ctx in jobs)
    seconds = time.perf_counter() - start
    rows.append(
        (
            f"resolve in context ({calls:,} calls, 500 names, 12 points)",
            f"{seconds / calls * 1e6:.0f} us",
            f"per call; {placed:,} placed",
        )
    )


def bench_spotting(rows: list[tuple[str, str, str]], repeats: int = 3) -> None:
    import json

    from gazetteer import Gazetteer
    from mapper.extract import mentions
    from mapper.extract.sentences import split_sentences

    devset = REPO.parent / "shared" / "devset" / "articles.jsonl"
    if not devset.is_file():
        rows.append(("approximate spotting", "skipped", f"{devset} absent"))
        return
    texts = [json.loads(line)["text"] for line in devset.read_text(encoding="utf-8").splitlines()]
    sentences = [split_sentences(t) for t in texts]
    g = Gazetteer.open()
    on = mentions.LONE_MIN_CHARS

    def run(lone_min: int, approx: bool) -> tuple[float, int]:
        mentions.LONE_MIN_CHARS = lone_min
        mentions.APPROX_SPOTTING = approx
        best, placed = float("inf"), 0
        for _ in range(repeats):
            fresh = Gazetteer(g.index)
            mentions._resolve_cached.cache_clear()
            g.index.trees.clear()  # the BK-trees are built again in each run
            start = time.perf_counter()
            found = [
                mentions.find_mentions(str(i), t, s, fresh)
                for i, (t, s) in enumerate(zip(texts, sentences, strict=True))
            ]
            best = min(best, time.perf_counter() - start)
            placed = sum(m.place is not None for ms in found for m in ms)
        return best / len(texts) * 1e3, placed

    try:
        run(on, True)  # warm the process-wide caches (word keys, SQLite pages) for all runs
        off_ms, off_placed = run(10**6, False)
        lone_ms, lone_placed = run(on, False)
        on_ms, on_placed = run(on, True)
    finally:
        mentions.LONE_MIN_CHARS = on
        mentions.APPROX_SPOTTING = True
    rows.append((f"find_mentions, {len(texts)} devset articles, exact/multi-word spotting",
                 f"{off_ms:.1f} ms", f"per article; {off_placed} placed"))  # fmt: skip
    rows.append(("  + skeleton look-up of unknown single words", f"{lone_ms:.1f} ms",
                 f"per article; {lone_placed} placed"))  # fmt: skip
    rows.append(("  + approximate look-up of unknown name runs (BK-tree)", f"{on_ms:.1f} ms",
                 f"per article; {on_placed} placed"))  # fmt: skip
    rows.append(("  cost ratio, all / exact only", f"{on_ms / off_ms:.2f}", ""))
    rows.append(("  cost ratio, BK-tree look-up / without it", f"{on_ms / lone_ms:.2f}", ""))
    for theatre in ("SY", "UA"):
        fresh = Gazetteer(g.index)
        g.index.trees.clear()
        start = time.perf_counter()
        fresh._theatre_tree(theatre)
        size = len(fresh._theatre_tree(theatre))
        rows.append((f"  BK-tree build, {theatre} ({size:,} skeletons), once per process",
                     f"{(time.perf_counter() - start) * 1e3:.0f} ms", ""))  # fmt: skip


def bench_cold_build(rows: list[tuple[str, str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "FRONTLINE_CACHE_DIR": tmp}
        seconds = run_time([PY, "-c", "from gazetteer import Gazetteer; Gazetteer.open()"], env)
        size = sum(p.stat().st_size for p in Path(tmp).glob("index-*.sqlite")) / 1e6
    rows.append(
        ("cold index build (cities500 + curated)", f"{seconds:.1f} s", f"{size:.0f} MB file")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spellings", type=int, default=100_000)
    parser.add_argument("--brute-sample", type=int, default=200)
    parser.add_argument("--skip-cold", action="store_true", help="skip the cold build")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    bench_warm(rows)
    bench_memory(rows)
    bench_resolve_many(rows, args.spellings, args.brute_sample)
    bench_context(rows)
    bench_spotting(rows)
    if not args.skip_cold:
        bench_cold_build(rows)
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure':<{width}}  {'value':>10}  note")
    print("-" * (width + 30))
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")


if __name__ == "__main__":
    main()
