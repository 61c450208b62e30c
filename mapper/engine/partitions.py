"""Split the inputs of a run into partitions a worker can load on its own.

A plain JSONL file is cut into byte ranges at line starts (each range knows the number of its
first line, so ids and ``file:line`` origins are those of a single-process run); a directory is
split by file (its JSONL files first, like `mapper.articles.load_articles`); gzipped or binary
files go whole; standard input is read by the driver and shipped as articles. The planner reads
only file sizes and newlines; the worker does the JSON parsing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mapper.articles import (  # the loader's own readers: one definition of an article
    _SNIFF_BYTES,
    MAX_TEXT_BYTES,
    _is_jsonl,
    _iter_lines,
    _jsonl_record,
    _load_file,
    _scan,
    _too_big,
    _walk,
    load_articles,
)
from mapper.model import Article, LoadProblem

__all__ = ["MIN_RANGE_BYTES", "Loaded", "Partition", "load_partition", "plan_partitions"]

#: A JSONL file smaller than this is never split (a task costs a few milliseconds).
MIN_RANGE_BYTES = 256 * 1024
_SCAN_CHUNK = 1 << 20


@dataclass(frozen=True)
class Partition:
    """One unit of work: a byte range of a JSONL file, a group of files, or loaded articles.

    ``group`` ties the ranges of one JSONL file together (the driver reports an empty file
    once); ``directory`` numbers the directory input a partition came from (text files that a
    manifest in that directory names are dropped, as the single-process loader skips them).
    """

    kind: str  # "range" | "files" | "articles" | "problem"
    path: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1
    paths: tuple[str, ...] = ()
    articles: tuple[Article | LoadProblem, ...] = ()
    group: str = ""
    directory: int | None = None
    manifest: bool = False  # collect the text files a manifest line names
    is_text: bool = False  # a text-file group, filtered against the manifests


@dataclass
class Loaded:
    """What a worker loaded from one partition, and the text files manifests named."""

    records: list[Article | LoadProblem] = field(default_factory=list)
    referenced: set[str] = field(default_factory=set)


def plan_partitions(
    inputs: Sequence[str | Path],
    *,
    partitions: int,
    published: date | None = None,
    min_bytes: int = MIN_RANGE_BYTES,
) -> list[Partition]:
    """Partitions of ``inputs`` in the order a single-process run reads them.

    Parameters
    ----------
    inputs
        Paths of files or directories, or ``"-"`` for standard input.
    partitions
        Target number of partitions (the bytes of all inputs over this gives the range size).
    published
        Default publication date (used for standard input, which the driver reads).
    min_bytes
        Smallest byte range worth a task; a smaller JSONL file goes whole.
    """
    sizes = [_input_bytes(item) for item in inputs]
    target = max(min_bytes, 1, math.ceil(sum(sizes) / max(partitions, 1)))
    plan: list[Partition] = []
    for number, item in enumerate(inputs):
        plan.extend(_plan_input(item, number, target, published))
    return plan


def _input_bytes(item: str | Path) -> int:
    path = Path(item)
    if str(item) == "-" or not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(_size(file) for file in _walk(path)) if path.is_dir() else 0


def _size(path: Path) -> int:
    """Bytes of ``path``; 0 for a broken link (its loader reports it)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _plan_input(
    item: str | Path, number: int, target: int, published: date | None
) -> Iterator[Partition]:
    path = Path(item)
    if str(item) == "-" or not path.is_file() and not path.is_dir():
        # stdin, a missing path, a special file: the loader itself reads or reports it
        records = tuple(load_articles([item], published=published))
        yield Partition(kind="articles", articles=records, group=f"{number}:{item}")
        return
    if path.is_file():
        yield from _plan_file(path, number, target, directory=None)
        return
    files, skipped = _scan(path)  # links leading outside, FIFOs: a warning each, as locally
    if skipped:
        yield Partition(kind="articles", articles=tuple(skipped), group=f"{number}:{path}")
    if not files:
        if not skipped:
            yield from _plan_input_problem(path, number)
        return
    for file in files:
        if _is_jsonl(file):
            yield from _plan_file(file, number, target, directory=number)
    batch: list[str] = []
    size = 0
    for file in files:
        if _is_jsonl(file):
            continue
        batch.append(str(file))
        size += _size(file)
        if size >= target:
            yield _text_group(batch, number)
            batch, size = [], 0
    if batch:
        yield _text_group(batch, number)


def _plan_input_problem(path: Path, number: int) -> Iterator[Partition]:
    problem = LoadProblem(str(path), "no .txt, .md, .jsonl or .jsonl.gz files in this directory")
    yield Partition(kind="articles", articles=(problem,), group=f"{number}:{path}")


def _text_group(paths: list[str], directory: int) -> Partition:
    return Partition(
        kind="files", paths=tuple(paths), directory=directory, is_text=True, group=paths[0]
    )


def _plan_file(
    path: Path, number: int, target: int, *, directory: int | None
) -> Iterator[Partition]:
    manifest = directory is not None
    whole = Partition(
        kind="files", paths=(str(path),), directory=directory, manifest=manifest, group=str(path)
    )
    size = path.stat().st_size
    if not _is_jsonl(path) or path.name.lower().endswith(".gz") or size <= target:
        yield whole
        return
    with path.open("rb") as stream:
        if b"\x00" in stream.read(_SNIFF_BYTES):
            yield whole  # the loader reports a binary file
            return
    for start, end, line in _line_ranges(path, size, target):
        yield Partition(
            kind="range",
            path=str(path),
            start=start,
            end=end,
            first_line=line,
            directory=directory,
            manifest=manifest,
            group=str(path),
        )


def _line_ranges(path: Path, size: int, target: int) -> list[tuple[int, int, int]]:
    """``(start, end, first line number)`` ranges of about ``target`` bytes, cut after newlines."""
    cuts = [(0, 1)]
    want = target
    offset, lines = 0, 0
    with path.open("rb") as stream:
        while want < size:
            chunk = stream.read(_SCAN_CHUNK)
            if not chunk:
                break
            at = max(want - offset, 0)
            while at < len(chunk):
                newline = chunk.find(b"\n", at)
                if newline < 0:
                    break
                cut = offset + newline + 1
                if cut < size:
                    cuts.append((cut, lines + chunk.count(b"\n", 0, newline + 1) + 1))
                want = cut + target
                at = want - offset
            lines += chunk.count(b"\n")
            offset += len(chunk)
    ends = [start for start, _ in cuts[1:]] + [size]
    return [(start, end, line) for (start, line), end in zip(cuts, ends, strict=True)]


def load_partition(part: Partition, *, published: date | None) -> Loaded:
    """Load one partition on a worker: articles and problems in file order, no id renaming."""
    loaded = Loaded()
    referenced: set[Path] | None = set() if part.manifest else None
    if part.kind == "articles":
        loaded.records.extend(part.articles)
    elif part.kind == "range":
        try:
            loaded.records.extend(_load_range(part, published=published, referenced=referenced))
        except OSError as err:  # the file went away or became unreadable after planning
            problem = f"cannot read bytes {part.start}-{part.end}: {err.strerror or err}"
            loaded.records.append(LoadProblem(part.path, problem))
    else:
        for name in part.paths:
            loaded.records.extend(
                _load_file(Path(name), published=published, referenced=referenced)
            )
    if referenced:
        loaded.referenced = {str(path) for path in referenced}
    return loaded


def _load_range(
    part: Partition, *, published: date | None, referenced: set[Path] | None
) -> Iterator[Article | LoadProblem]:
    path = Path(part.path)
    with path.open("rb") as stream:
        stream.seek(part.start)
        start = part.start
        for number, raw in enumerate(_iter_lines(stream, MAX_TEXT_BYTES), start=part.first_line):
            if start >= part.end:
                return
            start = stream.tell()
            where = f"{part.path}:{number}"
            if raw is None:
                yield LoadProblem(where, _too_big(MAX_TEXT_BYTES + 1, exact=False))
                continue
            if not raw.strip():
                continue
            yield _jsonl_record(
                raw,
                where=where,
                stem=path.stem,
                number=number,
                published=published,
                base=path.parent,
                referenced=referenced,
            )
