"""Where extraction runs: in this process (``local``) or on a Dask cluster (``dask``).

The commands only choose: `engine_stream` gives the same stream of `ArticleExtraction` either
way, with the same stderr reports and counts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from mapper.commands.common import (
    EXIT_FAILED,
    RunStats,
    error_line,
    extract_stream,
    open_gazetteer,
)
from mapper.model import ArticleExtraction

__all__ = ["ENGINE_OPTION", "PARTITIONS_OPTION", "SCHEDULER_OPTION", "Engine", "engine_stream"]


class Engine(StrEnum):
    """Extraction engines."""

    local = "local"
    dask = "dask"


ENGINE_OPTION = typer.Option(
    "--engine",
    help="local: this process; dask: a Dask cluster (a LocalCluster on this machine's cores, "
    "or --scheduler). Both give the same output.",
)
SCHEDULER_OPTION = typer.Option(
    "--scheduler",
    metavar="ADDRESS",
    show_default=False,
    help="Dask scheduler to run on (tcp://host:8786), with --engine dask. Workers need "
    "frontline installed, the gazetteer cache, and the input paths.",
)
PARTITIONS_OPTION = typer.Option(
    "--partitions",
    metavar="N",
    min=1,
    show_default=False,
    help="Number of partitions for --engine dask (JSONL files split by byte ranges, "
    "directories by file). Default: 4 per worker thread.",
)


@contextmanager
def engine_stream(
    engine: Engine,
    inputs: Sequence[str | Path],
    *,
    published: date | None,
    stats: RunStats,
    verbose: bool = False,
    scheduler: str | None = None,
    partitions: int | None = None,
) -> Iterator[Iterator[ArticleExtraction]]:
    """The extraction stream of ``inputs`` on ``engine`` (consume it inside the ``with``)."""
    if engine is Engine.local:
        for name, value in (("--scheduler", scheduler), ("--partitions", partitions)):
            if value is not None:
                raise typer.BadParameter("needs --engine dask", param_hint=f"'{name}'")
        gazetteer = open_gazetteer()
        yield extract_stream(
            inputs, published=published, stats=stats, gazetteer=gazetteer, verbose=verbose
        )
        return
    from mapper.engine.dask_engine import dask_client, dask_extract_stream

    try:
        client_context = dask_client(scheduler)
        client = client_context.__enter__()
    except (OSError, TimeoutError) as err:
        error_line(f"scheduler {scheduler or 'LocalCluster'}", f"cannot connect: {err}")
        raise typer.Exit(EXIT_FAILED) from err
    except ValueError as err:  # distributed cannot parse the address ("missing port number")
        raise typer.BadParameter(str(err), param_hint="'--scheduler'") from err
    try:
        yield dask_extract_stream(
            inputs,
            client=client,
            published=published,
            stats=stats,
            partitions=partitions,
            verbose=verbose,
        )
    finally:
        client_context.__exit__(None, None, None)
