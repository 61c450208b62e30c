"""The ``frontline`` command line: a thin typer app over the library.

``frontline map``, ``extract``, ``resolve`` and ``gazetteer`` are registered here; each lives in
its own module in `mapper.commands`. Exit codes: 0 success, 1 some inputs failed (each reported
on its own line, the rest processed), 2 usage error, 141 stdout's reader went away (``| head``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from mapper.commands import extract as extract_module
from mapper.commands import map as map_module
from mapper.commands import resolve as resolve_module
from mapper.commands.common import EXIT_PIPE, needs_stdout, pipe_safe
from mapper.commands.gazetteer import gazetteer_app

__all__ = ["app", "command_help", "main", "version"]


def command_help(function: Callable[..., Any]) -> str:
    """A command's docstring as help text: paragraphs kept, lines within them joined."""
    text = inspect.cleandoc(function.__doc__ or "")
    paragraphs = [" ".join(block.split()) for block in text.split("\n\n")]
    return "\n\n".join(paragraphs)


def version() -> str:
    """The installed distribution's version (the package's own when not installed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("frontline")
    except PackageNotFoundError:
        from mapper import __version__

        return __version__


app = typer.Typer(
    name="frontline",
    help="Read war dispatches, resolve their places through a transliteration-aware gazetteer, "
    "extract dated events and map them: an HTML map with a time slider, GeoJSON and GeoPackage.",
    epilog="Run 'frontline COMMAND --help' for a command's options and examples. "
    "Exit codes: 0 success, 1 some inputs failed (the rest were processed), 2 usage error, "
    f"{EXIT_PIPE} stdout closed by its reader (| head).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"frontline {version()}")
        raise typer.Exit(0)


@app.callback()
def main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Read war dispatches and map what they report."""


app.command("map", help=command_help(map_module.map_command), epilog=map_module.EPILOG)(
    pipe_safe(map_module.map_command)
)
app.command("extract", help=command_help(extract_module.extract), epilog=extract_module.EPILOG)(
    pipe_safe(extract_module.extract)
)
app.command("resolve", help=command_help(resolve_module.resolve), epilog=resolve_module.EPILOG)(
    pipe_safe(needs_stdout(resolve_module.resolve))
)
app.add_typer(gazetteer_app, name="gazetteer")
