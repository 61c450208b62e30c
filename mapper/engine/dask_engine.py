"""Extraction on a Dask cluster: partitions go to the workers, results come back in order.

The driver plans the partitions (`mapper.engine.partitions`), maps `extract_partition` over them
and reads the results in input order, reporting exactly as the single-process
`mapper.commands.common.extract_stream` does: the same stderr lines, the same counts, the same
extractions in the same order. Ids are made unique here, across all partitions; the rare
article renamed because an earlier one had its id is extracted again under its new id.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper.articles import LoadWarning, _unique, new_problems
from mapper.commands.common import (
    RunStats,
    _describe,
    _progress,
    error_line,
    note_line,
    open_gazetteer,
    warning_line,
)
from mapper.engine.partitions import MIN_RANGE_BYTES, Partition, plan_partitions
from mapper.engine.work import ExtractionFailure, Record, extract_partition
from mapper.model import ArticleExtraction, LoadProblem

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["dask_client", "dask_extract_stream", "default_partitions"]


@contextmanager
def dask_client(scheduler: str | None = None, *, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, else of a LocalCluster on this machine.

    The LocalCluster has one single-threaded worker process per core (``workers`` overrides),
    listens on 127.0.0.1 only and has no dashboard. Connection failures raise `OSError`.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler, timeout="5s") as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            # a worker's heartbeat racing the scheduler's shutdown logs an ERROR with a
            # traceback; failures that matter reach the client as exceptions
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def default_partitions(client: Client) -> int:
    """Four partitions per worker thread: enough to balance uneven articles."""
    return 4 * max(1, sum(client.nthreads().values()))


def dask_extract_stream(
    inputs: Sequence[str | Path],
    *,
    client: Client,
    published: date | None,
    stats: RunStats,
    partitions: int | None = None,
    progress: bool = True,
    verbose: bool = False,
    min_bytes: int = MIN_RANGE_BYTES,
) -> Iterator[ArticleExtraction]:
    """Extract ``inputs`` on ``client``'s cluster; the same stream as `extract_stream`.

    ``partitions`` defaults to four per worker thread; ``min_bytes`` is the smallest byte range
    of a JSONL file worth a task.
    """
    plan = plan_partitions(
        inputs,
        partitions=partitions or default_partitions(client),
        published=published,
        min_bytes=min_bytes,
    )
    futures = client.map(extract_partition, plan, published=published, pure=False)
    reader = _Reader(plan, stats=stats, verbose=verbose, published=published)
    try:
        with _progress(enabled=progress) as advance:
            for index, (part, future) in enumerate(zip(plan, futures, strict=True)):
                try:
                    result = future.result()
                except Exception as err:  # noqa: BLE001 - a lost worker: one line, go on
                    stats.failed_inputs += 1
                    error_line(_where(part), f"partition failed on the cluster: {_describe(err)}")
                    continue
                finally:
                    future.release()
                for extraction in reader.read(index, part, result.records, result.referenced):
                    advance(extraction.article.id)
                    yield extraction
    finally:
        client.cancel(futures)
    reader.finish()


class _Reader:
    """Turns partition results, in order, into the single-process stream and its reports."""

    def __init__(
        self, plan: list[Partition], *, stats: RunStats, verbose: bool, published: date | None
    ) -> None:
        self.stats = stats
        self.verbose = verbose
        self.seen: dict[str, int] = {}
        self.referenced: dict[int, set[str]] = {}
        self.counts: Counter[str] = Counter()
        self.last = {part.group: index for index, part in enumerate(plan)}
        self.placeless = 0
        self.gazetteer: Any = None

    def read(
        self, index: int, part: Partition, records: list[Record], referenced: set[str]
    ) -> Iterator[ArticleExtraction]:
        """The extractions of partition ``index``, reporting its problems on the way."""
        if part.directory is not None:
            self.referenced.setdefault(part.directory, set()).update(referenced)
        skip: set[str] = set()
        if part.is_text and part.directory is not None:
            skip = self.referenced.get(part.directory, set())
        for record in records:
            if skip and _origin(record) in skip:
                continue  # a manifest in this directory read this text file already
            self.counts[part.group] += 1
            extraction = self._record(record)
            if extraction is not None:
                yield extraction
        if part.kind == "range" and self.last[part.group] == index and not self.counts[part.group]:
            self._problem(LoadProblem(part.path, "empty file"))

    def finish(self) -> None:
        """The end-of-run line about event phrases that named no place."""
        if self.placeless:
            warning_line(
                "frontline",
                f"{self.placeless} event phrase(s) named no place and gave no event "
                "(--verbose lists them; `frontline map` writes them to unresolved.csv)",
            )

    def _problem(self, problem: LoadProblem) -> None:
        self.stats.failed_inputs += 1
        error_line(problem.origin, problem.message)

    def _record(self, record: Record) -> ArticleExtraction | None:
        if isinstance(record, LoadWarning):  # skipped on purpose: nothing in it was lost
            self.stats.warnings += 1
            warning_line(record.origin, record.message)
            return None
        if isinstance(record, LoadProblem):
            self._problem(record)
            return None
        article = _unique(record.article, self.seen)
        for warning in article.warnings:
            self.stats.warnings += 1
            warning_line(article.origin, warning)
        if article is not record.article:
            record = self._again(article)
        if isinstance(record, ExtractionFailure):
            self.stats.failed_inputs += 1
            error_line(article.origin or article.id, f"extraction failed: {record.error}")
            return None
        self._count(record)
        return record

    def _again(self, article: Any) -> ArticleExtraction | ExtractionFailure:
        """Extract a renamed article here, under its new id."""
        from mapper.extract import extract_articles

        if self.gazetteer is None:
            self.gazetteer = open_gazetteer()
        try:
            return next(iter(extract_articles([article], gazetteer=self.gazetteer)))
        except Exception as err:  # noqa: BLE001 - reported per article, the run goes on
            return ExtractionFailure(article, _describe(err))

    def _count(self, extraction: ArticleExtraction) -> None:
        from mapper.extract import unplaced_phrases

        article = extraction.article
        self.stats.add(extraction)
        for problem in new_problems(extraction):  # not what the loader said already
            self.stats.notes += 1
            if not unplaced_phrases(problem):
                warning_line(article.origin or article.id, problem)
            elif self.verbose:
                note_line(article.origin or article.id, problem)
            else:
                self.placeless += unplaced_phrases(problem)


def _where(part: Partition) -> str:
    """The inputs a partition covers, for an error line."""
    if part.kind == "range":
        return f"{part.path} (bytes {part.start}-{part.end})"
    return ", ".join(part.paths) or part.group


def _origin(record: Record) -> str:
    origin = record.origin if isinstance(record, LoadProblem) else record.article.origin
    return str(Path(origin).resolve())
