"""``frontline extract``: events (or place mentions) of dispatches as JSONL, GeoJSON or CSV."""

from __future__ import annotations

import csv
import errno
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from mapper.commands.common import (
    EXIT_FAILED,
    QUIET_OPTION,
    VERBOSE_OPTION,
    RunStats,
    broken_pipe_exit,
    check_paths,
    cli_errors,
    date_option,
    error_line,
    failed_path,
    is_broken_pipe,
    note_line,
    print_summary,
    read_once,
    shown_json,
)
from mapper.engine import ENGINE_OPTION, PARTITIONS_OPTION, SCHEDULER_OPTION, Engine, engine_stream
from mapper.model import ArticleExtraction, Event, Mention

__all__ = [
    "OutputFormat",
    "UnplacedReport",
    "event_columns",
    "extract",
    "mention_columns",
    "unresolved_path",
    "write_records",
]

EPILOG = """\
[bold]Examples[/]

  frontline extract dispatch.txt --published 2019-08-14

  frontline extract data/demo --format geojson -o events.geojson

  frontline extract articles.jsonl --mentions --format csv -o mentions.csv

  cat dispatch.md | frontline extract - --format jsonl

  frontline extract big.jsonl --engine dask --scheduler tcp://10.0.0.5:8786 -o events.jsonl
"""


class OutputFormat(StrEnum):
    """Output formats of ``frontline extract``."""

    jsonl = "jsonl"
    geojson = "geojson"
    csv = "csv"


def event_columns() -> list[str]:
    """Field names of an event record, in `Event.to_dict` order."""
    blank = Event(
        article_id="", type="capture", actor=None, place=None, evidence="", start=0, end=0
    )
    return list(blank.to_dict())


def mention_columns() -> list[str]:
    """Field names of a mention record, in `Mention.to_dict` order."""
    blank = Mention(
        article_id="", surface="", start=0, end=0, sentence="", place=None, score=0.0, reason=""
    )
    return list(blank.to_dict())


def _records(
    extractions: Iterator[ArticleExtraction],
    *,
    mentions: bool,
    unplaced: Callable[[dict[str, Any]], None],
) -> Iterator[dict[str, Any]]:
    """Mention records (all of them), or event records that have a location.

    An event that could not be placed is handed to ``unplaced`` (the unresolved report) instead:
    the events output holds located events only, as its consumers (GIS, the scorer) expect.
    """
    for extraction in extractions:
        if mentions:
            yield from (mention.to_dict() for mention in extraction.mentions)
            continue
        for event in extraction.events:
            record = event.to_dict()
            if record["lat"] is None or record["lon"] is None:
                unplaced(record)
            else:
                yield record


def unresolved_path(output: Path | None) -> Path | None:
    """Default file for unplaced events: ``<output stem>.unresolved.jsonl`` beside the output."""
    if output is None or str(output) == "-":
        return None
    return output.with_name(f"{output.stem}.unresolved.jsonl")


class UnplacedReport:
    """Where events without a location go: a JSONL file, or one stderr line each."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.count = 0
        self._stream: IO[str] | None = None

    def __call__(self, record: dict[str, Any]) -> None:
        """Report one unplaced event record."""
        self.count += 1
        if self.path is None:
            note_line(
                str(record["article_id"]),
                f"unplaced {record['type']} {record['place']!r}: {record['reason']}",
            )
            return
        if self._stream is None:
            self._stream = self.path.open("w", encoding="utf-8")
        self._stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        """Close the file, writing an empty one when no event was unplaced."""
        if self.path is not None and self._stream is None:
            self.path.write_text("", encoding="utf-8")
        if self._stream is not None:
            self._stream.close()

    def __enter__(self) -> UnplacedReport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _feature(record: dict[str, Any]) -> dict[str, Any]:
    lat, lon = record.get("lat"), record.get("lon")
    geometry = None
    if lat is not None and lon is not None:
        # GeoJSON positions are (lon, lat), rounded to 6 decimals (~0.1 m) as RFC 7946 advises.
        geometry = {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
    feature: dict[str, Any] = {"type": "Feature", "geometry": geometry, "properties": record}
    if record.get("id") is not None:
        feature["id"] = record["id"]
    return feature


def _csv_value(value: Any) -> Any:
    """A record value as a CSV cell: JSON for nested values, formula-leading text neutralised."""
    from mapper.render.safe import csv_cell  # lazily: mapper.render pulls in folium

    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return csv_cell(value)


def write_records(
    records: Iterator[dict[str, Any]], stream: IO[str], *, fmt: OutputFormat, columns: list[str]
) -> int:
    """Stream records to ``stream`` as JSONL, a GeoJSON FeatureCollection or CSV; return count."""
    count = 0
    if fmt is OutputFormat.jsonl:
        for record in records:  # bidi and C1 controls written as \uXXXX: safe on a terminal
            stream.write(shown_json(record) + "\n")
            count += 1
    elif fmt is OutputFormat.geojson:
        stream.write('{"type": "FeatureCollection", "features": [')
        for record in records:
            stream.write(",\n" if count else "\n")
            stream.write(shown_json(_feature(record)))
            count += 1
        stream.write("\n]}\n")
    else:
        writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow({key: _csv_value(value) for key, value in record.items()})
            count += 1
    return count


@contextmanager
def _open_output(output: Path | None) -> Iterator[IO[str]]:
    """The output file, or stdout (an OSError when stdout was closed before the run)."""
    if output is None or str(output) == "-":
        if sys.stdout is None:  # started with fd 1 closed (`frontline extract x >&-`)
            raise OSError(errno.EBADF, "standard output is closed")
        yield sys.stdout
        sys.stdout.flush()
        return
    with output.open("w", encoding="utf-8", newline="") as stream:
        yield stream


def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Files (.txt/.md with YAML front matter, .jsonl, .jsonl.gz), directories, "
            "or - for stdin.",
            show_default=False,
        ),
    ],
    mentions: Annotated[
        bool, typer.Option("--mentions", help="Write place mentions instead of events.")
    ] = False,
    fmt: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one object per line; geojson: a "
            "FeatureCollection of points (lon, lat); csv: a flat table.",
        ),
    ] = OutputFormat.jsonl,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write here instead of stdout.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    unresolved: Annotated[
        Path | None,
        typer.Option(
            "--unresolved",
            metavar="FILE",
            help="Write events that could not be placed here (JSONL, with the reason). Default: "
            "FILE.unresolved.jsonl beside --output; with stdout, one stderr line each.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    published: Annotated[date | None, date_option()] = None,
    quiet: Annotated[bool, QUIET_OPTION] = False,
    verbose: Annotated[bool, VERBOSE_OPTION] = False,
    engine: Annotated[Engine, ENGINE_OPTION] = Engine.local,
    scheduler: Annotated[str | None, SCHEDULER_OPTION] = None,
    partitions: Annotated[int | None, PARTITIONS_OPTION] = None,
) -> None:
    """Extract dated events (or place mentions) from dispatches.

    Each event has its type (capture, entry, advance, encirclement, target, clash, bombardment,
    withdrawal), actor, place and coordinates, date with the phrase it came from, reported
    distance and direction, and the evidence sentence. Events that could not be placed go to
    the unresolved report (--unresolved) with their reason; mentions are all written, unresolved
    ones with their reason. Problems go to stderr, one line each; the exit code is 1 when some
    input failed and the rest were processed.
    """
    if output is not None and str(output) != "-" and not output.parent.is_dir():
        raise typer.BadParameter(
            f"directory {str(output.parent)!r} does not exist", param_hint="'--output'"
        )
    report_path = unresolved or unresolved_path(output)
    report_option = "--unresolved" if unresolved else "--unresolved (its default)"
    check_paths(inputs, [("--output", output), (report_option, report_path)])
    stats = RunStats()
    run = engine_stream(
        engine,
        read_once(inputs, stats),
        published=published,
        stats=stats,
        verbose=verbose,
        scheduler=scheduler,
        partitions=partitions,
    )
    with cli_errors(), run as stream:
        columns = mention_columns() if mentions else event_columns()
        where = str(output) if output is not None and str(output) != "-" else "<stdout>"
        report = UnplacedReport(report_path)
        try:
            with _open_output(output) as out, report:
                records = _records(stream, mentions=mentions, unplaced=report)
                written = write_records(records, out, fmt=fmt, columns=columns)
        except OSError as err:
            if is_broken_pipe(err):
                broken_pipe_exit()  # `| head` (or a FIFO's reader) closed: stop quietly, 141
            error_line(failed_path(err, where), f"cannot write: {err.strerror or err}")
            raise typer.Exit(EXIT_FAILED) from err
    if not quiet:
        kind = "mentions" if mentions else "events"
        extra = [(f"{kind} written", f"{written} to {where}")]
        if not mentions:
            target = str(report.path) if report.path else "stderr"
            extra.append(("events not placed", f"{report.count} to {target}"))
        print_summary(stats, extra=extra)
    raise typer.Exit(stats.exit_code)
