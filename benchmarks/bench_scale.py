"""Extraction on Dask with 1 and 2 workers vs one process: articles/s and memory per worker.

    .venv/bin/python benchmarks/bench_scale.py [--articles 2000] [--seed 7] [--partitions 8]

Corpus: ``--articles`` articles of about 2 kB recombined from the demo corpus (as
``bench_extract.py`` makes them), written to one temporary JSONL file, which the Dask engine
splits by byte ranges. Measured in one run: the single-process stream (the baseline), then a
LocalCluster (processes, one thread each, 127.0.0.1) of 1 and of 2 workers. Each cluster is
warmed up first (a one-article job opens the gazetteer index in every worker; cluster start
and warm-up are printed, not timed in the rate). Every run must give the same events as the
baseline. The line for larger clusters is an extrapolation, stated as such.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import corpus  # noqa: E402

from mapper.commands.common import RunStats, extract_stream, open_gazetteer  # noqa: E402
from mapper.engine.dask_engine import dask_extract_stream  # noqa: E402
from mapper.model import ArticleExtraction  # noqa: E402


def write_corpus(path: Path, n: int, seed: int, prefix: str = "") -> int:
    """Write ``n`` generated articles as JSONL (ids prefixed); return the byte size."""
    with path.open("w", encoding="utf-8") as out:
        for article in corpus(n, seed):
            record = {"id": prefix + article.id, "text": article.text}
            if article.published:
                record["published"] = article.published.isoformat()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def _digest(stream: Iterator[ArticleExtraction]) -> tuple[int, int, list[str]]:
    articles = events = 0
    ids: list[str] = []
    for extraction in stream:
        articles += 1
        events += len(extraction.events)
        ids.extend(event.id or "" for event in extraction.events)
    return articles, events, ids


def _worker_rss() -> float:
    return psutil.Process().memory_info().rss / 2**20


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process so far."""
    times = psutil.Process().cpu_times()
    return float(times.user + times.system)


def run_local(path: Path) -> dict[str, Any]:
    """The single-process baseline (gazetteer opened before the clock)."""
    gazetteer = open_gazetteer()
    cpu, t0 = _cpu_seconds(), time.perf_counter()
    digest = _digest(
        extract_stream(
            [path], published=None, stats=RunStats(), gazetteer=gazetteer, progress=False
        )
    )
    seconds, cpu = time.perf_counter() - t0, _cpu_seconds() - cpu
    return {"seconds": seconds, "digest": digest, "rss": [_worker_rss()], "cpu": cpu, "driver": 0.0}


def run_dask(path: Path, warm: list[Path], workers: int, partitions: int) -> dict[str, Any]:
    """A LocalCluster of ``workers`` single-threaded processes: start, warm up, timed run."""
    from distributed import Client, LocalCluster

    t0 = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        start = time.perf_counter() - t0
        t1 = time.perf_counter()
        # one partition per worker, so each opens its gazetteer before the clock starts
        _digest(
            dask_extract_stream(
                warm[:workers],
                client=client,
                published=None,
                stats=RunStats(),
                partitions=workers,
                progress=False,
            )
        )
        warmup = time.perf_counter() - t1
        rss_before = list(client.run(_worker_rss).values())
        cpu_before = sum(client.run(_cpu_seconds).values())
        driver, t2 = _cpu_seconds(), time.perf_counter()
        digest = _digest(
            dask_extract_stream(
                [path],
                client=client,
                published=None,
                stats=RunStats(),
                partitions=partitions,
                progress=False,
                min_bytes=1,
            )
        )
        seconds, driver = time.perf_counter() - t2, _cpu_seconds() - driver
        rss = list(client.run(_worker_rss).values())
        cpu = sum(client.run(_cpu_seconds).values()) - cpu_before
    return {
        "cpu": cpu,
        "driver": driver,
        "seconds": seconds,
        "digest": digest,
        "rss": rss,
        "rss_before": rss_before,
        "start": start,
        "warmup": warmup,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--partitions", type=int, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        size = write_corpus(path, args.articles, args.seed)
        warm = [Path(tmp) / f"warm{k}.jsonl" for k in range(2)]
        for k, file in enumerate(warm):
            write_corpus(file, 1, args.seed + 1, prefix=f"warm{k}-")
        runs = {"1 process (baseline)": run_local(path)}
        for workers in (1, 2):
            runs[f"dask, {workers} worker(s)"] = run_dask(path, warm, workers, args.partitions)
    base = runs["1 process (baseline)"]
    n = args.articles
    print(
        f"corpus: {n:,} articles, {size / 2**20:.1f} MiB JSONL, {args.partitions} partitions; "
        f"this machine: {os.cpu_count()} cores, shared with other jobs while measured"
    )
    head = (
        f"{'run':24}{'seconds':>9}{'articles/s':>12}{'vs baseline':>13}"
        f"{'worker CPU s':>14}{'articles/CPU s':>16}{'driver CPU s':>14}{'MiB per worker':>18}"
    )
    print(head)
    print("-" * len(head))
    for name, run in runs.items():
        if run["digest"] != base["digest"]:
            raise SystemExit(f"{name}: different events from the single-process run")
        rate = n / run["seconds"]
        memory = ", ".join(f"{mb:.0f}" for mb in run["rss"])
        print(
            f"{name:24}{run['seconds']:>9.2f}{rate:>12.1f}"
            f"{base['seconds'] / run['seconds']:>12.2f}x{run['cpu']:>14.1f}"
            f"{n / run['cpu']:>16.1f}{run['driver']:>14.1f}{memory:>18}"
        )
    print("(every run gave the same articles, events and event ids as the baseline)")
    for name, run in runs.items():
        if "start" in run:
            before = ", ".join(f"{mb:.0f}" for mb in run["rss_before"])
            print(
                f"{name}: cluster start {run['start']:.1f} s, warm-up (gazetteer opened in "
                f"each worker) {run['warmup']:.1f} s, worker RSS after warm-up {before} MiB"
            )
    two = runs["dask, 2 worker(s)"]
    per_cpu = n / two["cpu"]
    driver_cap = n / two["driver"] if two["driver"] else float("inf")
    load = os.getloadavg()[0]
    print(
        f"\nLoad average at the end: {load:.1f} on {os.cpu_count()} cores: wall-clock speed-up "
        "from a second worker shows only when a second core is free; worker CPU time does not "
        "depend on that."
    )
    workers_at_cap = driver_cap / per_cpu
    print(
        "Extrapolation, not a measurement: a worker on a dedicated core extracts about "
        f"{per_cpu:.1f} articles per CPU second (the 2-worker run's CPU rate), so W such "
        f"workers would give about min(W x {per_cpu:.1f}, D) articles/s, where D is what one "
        f"driver can read back: here it spent {two['driver']:.1f} CPU s (the LocalCluster's "
        f"scheduler included, as it runs in the driver's process), D ~ {driver_cap:,.0f} "
        f"articles/s, reached at about {workers_at_cap:.0f} workers; e.g. 8 workers ~ "
        f"{min(8 * per_cpu, driver_cap):,.0f} articles/s "
        f"(~{min(8 * per_cpu, driver_cap) * 86400 / 1e6:.1f} M articles a day), "
        f"~{max(two['rss']):.0f} MiB per worker. It assumes inputs on a shared file system; "
        "nothing beyond 2 workers was run."
    )


if __name__ == "__main__":
    main()
