"""``frontline gazetteer import geonames PATH | import csv PATH | info | fetch CC``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mapper.commands.common import needs_stdout, pipe_safe

if TYPE_CHECKING:
    from gazetteer import Gazetteer

__all__ = ["gazetteer_app", "import_app"]

gazetteer_app = typer.Typer(
    help="Inspect and extend the gazetteer: GeoNames cities500 + curated CSVs + your imports.",
    epilog=(
        "Examples:\n\n"
        "  frontline gazetteer info\n\n"
        "  frontline gazetteer import geonames SY.zip\n\n"
        "  frontline gazetteer import csv my_villages.csv\n\n"
        "  frontline gazetteer fetch UA"
    ),
    no_args_is_help=True,
    add_completion=False,
)
import_app = typer.Typer(
    help="Import places into the persistent user database (kept across index rebuilds).",
    no_args_is_help=True,
)
gazetteer_app.add_typer(import_app, name="import")


def _open() -> Gazetteer:
    from gazetteer import Gazetteer
    from mapper.commands.common import error_line

    try:
        gazetteer = Gazetteer.open()
    except Exception as err:  # noqa: BLE001 - one line, no traceback
        error_line("gazetteer", f"cannot open the index: {err}")
        raise typer.Exit(1) from None
    from mapper.commands.common import warn_missing_sources

    warn_missing_sources(gazetteer)
    return gazetteer


def _run_import(kind: str, path: Path) -> None:
    from gazetteer.errors import GazetteerError
    from mapper.commands.common import error_line, one_line, warning_line

    if path.exists() and not path.is_file():  # the sources would say "no such file"
        error_line(str(path), "not a regular file (a directory, device or FIFO)")
        raise typer.Exit(1)
    gazetteer = _open()
    try:
        report = (
            gazetteer.import_geonames(path) if kind == "geonames" else gazetteer.import_csv(path)
        )
    except GazetteerError as err:
        error_line(str(path), str(err).removeprefix(f"{path}: "))
        raise typer.Exit(1) from None
    for problem in report.problems:
        warning_line(f"{problem.path}:{problem.line}", problem.message)
    if report.imported == 0 and not report.problems:
        error_line(str(path), "no places in it: nothing imported")
        raise typer.Exit(1)
    typer.echo(
        f"imported {report.imported} places from {one_line(str(path))}"
        + (f"; {len(report.problems)} malformed lines skipped" if report.problems else "")
    )
    raise typer.Exit(1 if report.problems else 0)


@import_app.command("geonames")
@pipe_safe
def import_geonames(
    path: Annotated[
        Path, typer.Argument(help="A GeoNames dump: SY.txt, UA.zip, allCountries.zip...")
    ],
) -> None:
    """Import a GeoNames dump file (zipped or not).

    Malformed lines are reported with their line numbers and skipped; the rest is imported
    (exit code 1 when some line was skipped).
    """
    _run_import("geonames", path)


@import_app.command("csv")
@pipe_safe
def import_csv(
    path: Annotated[
        Path, typer.Argument(help="CSV: name, lat, lon[, alt_names, country, admin1, kind]")
    ],
) -> None:
    """Import your own CSV of places (alt_names separated by ';'; header row optional)."""
    _run_import("csv", path)


@gazetteer_app.command("info")
@pipe_safe
@needs_stdout
def info(json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Show the index, every source with its rows (curated CSVs file by file), and your imports.

    A source that should be there and is not is listed with the reason (and warned about).
    """
    from gazetteer.status import source_status
    from mapper.commands.common import (
        PipeSafeConsole,
        TableColumn,
        fit_table,
        one_line,
        shown_json,
    )

    gazetteer = _open()
    data = gazetteer.info()
    counts: dict[str, int] = data["counts"]  # type: ignore[assignment]
    imported = [(k.removesuffix(" (imported)"), n) for k, n in counts.items() if "(imported)" in k]
    sources = source_status(gazetteer.index, imported)
    data["sources"] = [s.to_dict() for s in sources]
    if json_output:
        typer.echo(shown_json(data, indent=2))
        return
    console = PipeSafeConsole(highlight=False)
    size_mb = int(str(data["index_bytes"])) / 1e6
    console.print(
        f"index: {one_line(str(data['index']))} ({size_mb:.1f} MB)", soft_wrap=True, markup=False
    )
    console.print(f"imports: {one_line(str(data['user_db']))}", soft_wrap=True, markup=False)
    columns = [
        TableColumn("source", kind="status"),
        TableColumn("part", kind="text", min_width=12),
        TableColumn("rows", kind="number", justify="right"),
        TableColumn("indexed", priority=1, kind="number", justify="right"),
        TableColumn("status", kind="status"),
    ]
    rows = [
        [
            s.source,
            s.part,
            f"{s.rows:,}" if s.rows is not None else "",
            f"{s.indexed:,}" if s.indexed is not None else "",
            "MISSING: " + s.problem if s.problem else "ok",
        ]
        for s in sources
    ]
    console.print(fit_table("gazetteer sources", columns, rows, width=console.width))
    imports: list[dict[str, object]] = data["imports"]  # type: ignore[assignment]
    for item in imports:
        console.print(
            f"imported {item['count']} from {one_line(str(item['path']))} "
            f"({one_line(str(item['source']))}, {item['at']})",
            markup=False,
        )
    console.print(f"online cache: {data['online_cache_entries']} answers", markup=False)


@gazetteer_app.command("fetch")
@pipe_safe
def fetch(
    country: Annotated[str, typer.Argument(metavar="CC", help="ISO country code, e.g. SY or UA.")],
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url", help="Where the <CC>.zip dumps are (default: GeoNames' export/dump/)."
        ),
    ] = None,
) -> None:
    """Download a GeoNames country dump over HTTP and import it (needs a network)."""
    from gazetteer.errors import GazetteerError
    from mapper.commands.common import error_line, warning_line

    gazetteer = _open()
    try:
        report = gazetteer.fetch(country, base_url=base_url)
    except GazetteerError as err:
        error_line(country, str(err))
        raise typer.Exit(1) from None
    for problem in report.problems:
        warning_line(f"{problem.path}:{problem.line}", problem.message)
    typer.echo(f"fetched {report.path}; imported {report.imported} places")
    raise typer.Exit(1 if report.problems else 0)
