"""``frontline map``: dispatches in; ``map.html``, GeoJSON, GeoPackage, ``unresolved.csv`` out."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mapper.articles import demo_corpus_dir
from mapper.commands.common import (
    QUIET_OPTION,
    VERBOSE_OPTION,
    RunStats,
    broken_pipe_exit,
    check_paths,
    cli_errors,
    date_option,
    err_console,
    error_line,
    failed_path,
    is_broken_pipe,
    print_summary,
    read_once,
)
from mapper.engine import ENGINE_OPTION, PARTITIONS_OPTION, SCHEDULER_OPTION, Engine, engine_stream
from mapper.model import ArticleExtraction

if TYPE_CHECKING:
    from mapper.render import OutputSummary

__all__ = ["map_command"]

EPILOG = """\
[bold]Examples[/]

  frontline map                            [dim]# demo corpus -> out/[/]

  frontline map dispatches/ -o idlib-map --title "Idlib, summer 2019"

  frontline map new.jsonl --store all.gpkg [dim]# add, never duplicate[/]

  frontline map report.txt --published 2019-08-21

  frontline map ukraine.jsonl --baseline occupied_2023-06-01.geojson

  frontline map ukraine.jsonl --barriers rivers.geojson [dim]# no zone crosses them[/]

  frontline map archive.jsonl --engine dask --partitions 64
"""


def _baseline(path: Path, extractions: list[ArticleExtraction], stats: RunStats) -> list[Any]:
    """The baseline's observations; its problems printed one line each (exit code 1)."""
    from mapper.baseline import load_baseline

    dates = [e.date for x in extractions for e in x.events if e.date is not None]
    observations, problems = load_baseline(path, start=min(dates) if dates else None)
    for problem in problems:
        where, _, what = problem.partition(": ")
        error_line(where, what)
    if problems:
        stats.failed_inputs += 1
    return observations


def _barriers(path: Path | None, bundled: bool, stats: RunStats) -> list[Any] | None:
    """The bundled barriers (unless switched off) and the file's lines, None for the default.

    The file's problems are printed one line each (exit 1).
    """
    from mapper.barriers import default_barriers, load_barriers

    if path is None:
        return None if bundled else []
    lines, problems = load_barriers(path)
    for problem in problems:
        where, _, what = problem.partition(": ")
        error_line(where, what)
    if problems:
        stats.failed_inputs += 1
    return [*(default_barriers() if bundled else ()), *lines]


def _write(
    extractions: list[ArticleExtraction], outdir: Path, *, stats: RunStats, **options: Any
) -> OutputSummary:
    """Write every output; each one that fails is one error line naming it (exit code 1)."""
    from mapper.render import OutputError, write_outputs

    try:
        return write_outputs(extractions, outdir, **options)
    except OutputError as err:
        for failure in err.failures:
            if is_broken_pipe(failure):
                broken_pipe_exit()
            error_line(failed_path(failure), failure.strerror or str(failure))
        stats.failed_outputs += len(err.failures)
        return err.summary


def map_command(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="INPUT",
            help="Files (.txt/.md with YAML front matter, .jsonl, .jsonl.gz), directories, "
            "or - for stdin. "
            "Default: the bundled demo corpus.",
            show_default=False,
        ),
    ] = None,
    outdir: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="OUTDIR", help="Directory to write into.", file_okay=False
        ),
    ] = Path("out"),
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            metavar="PATH",
            dir_okay=False,
            show_default=False,
            help="GeoPackage to add this run's layers to (re-runs never duplicate "
            "events); default OUTDIR/frontline.gpkg.",
        ),
    ] = None,
    published: Annotated[date | None, date_option()] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Title shown on the map.", show_default=False)
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            dir_okay=False,
            show_default=False,
            help="A known control map to start from: GeoJSON/GeoPackage polygons with a 'side' "
            "(and 'date') property, or a CSV of place,lat,lon,side,date; reports after its "
            "date change it.",
        ),
    ] = None,
    barriers: Annotated[
        Path | None,
        typer.Option(
            "--barriers",
            metavar="FILE",
            dir_okay=False,
            show_default=False,
            help="Lines no side's zone spreads across (rivers held as a front): GeoJSON/"
            "GeoPackage LineString or MultiLineString features, added to the bundled ones "
            "(the lower Dnipro).",
        ),
    ] = None,
    bundled_barriers: Annotated[
        bool,
        typer.Option(
            "--bundled-barriers/--no-bundled-barriers",
            help="Use the bundled barriers (the lower Dnipro); --no-bundled-barriers leaves "
            "only those of --barriers.",
        ),
    ] = True,
    quiet: Annotated[bool, QUIET_OPTION] = False,
    verbose: Annotated[bool, VERBOSE_OPTION] = False,
    engine: Annotated[Engine, ENGINE_OPTION] = Engine.local,
    scheduler: Annotated[str | None, SCHEDULER_OPTION] = None,
    partitions: Annotated[int | None, PARTITIONS_OPTION] = None,
) -> None:
    """Map dispatches: events, reported positions and an estimated front line over time.

    Writes OUTDIR/map.html (Leaflet map with a time slider, one layer per kind of event, one
    marker per event fused across articles, popups listing every source and quoting the
    evidence), events.geojson (one feature per fused event, with its reports) and
    frontline.geojson (RFC 7946), uncertainty.geojson
    (sectors of reported distances), frontline.gpkg and unresolved.csv (names no gazetteer entry
    matched). With no INPUT it maps the bundled demo corpus.
    """
    check_paths(inputs or [], [("--store", store)])
    stats = RunStats()
    sources = read_once(inputs, stats) if inputs else [str(demo_corpus_dir())]
    run = engine_stream(
        engine,
        sources,
        published=published,
        stats=stats,
        verbose=verbose,
        scheduler=scheduler,
        partitions=partitions,
    )
    with cli_errors():
        with run as stream:  # on a cluster: gather the events, then estimate the front here
            extractions = list(stream)
        outdir.mkdir(parents=True, exist_ok=True)
        known = _baseline(baseline, extractions, stats) if baseline is not None else []
        lines = _barriers(barriers, bundled_barriers, stats)
        summary = _write(
            extractions,
            outdir,
            store=store,
            title=title,
            baseline=known,
            barriers=lines,
            stats=stats,
        )
    if not quiet:
        shown = {"dates", "front-line snapshots", "store"}
        extra = [(label, value) for label, value in summary.rows() if label in shown]
        paths = [Path(path) for path in summary.paths.values()]
        in_outdir = [path.name for path in paths if path.parent == outdir]
        extra.append((f"written to {outdir}/", ", ".join(in_outdir)))
        extra.extend(("written", str(path)) for path in paths if path.parent != outdir)
        print_summary(stats, extra=extra)
    if not extractions:
        err_console.print("[yellow]note:[/] no article was loaded; the map is empty")
    raise typer.Exit(stats.exit_code)
