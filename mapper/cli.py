"""The ``frontline`` command line: a thin typer app over the library.

``frontline map``, ``extract``, ``resolve`` and ``gazetteer`` are registered here; each lives in
its own module in `mapper.commands`. Exit codes: 0 success, 1 some inputs failed (each reported
on its own line, the rest processed), 2 usage error, 141 stdout's reader went away (``| head``).

The installed ``frontline`` is a small shell launcher (``mapper/commands/bin/frontline``) that
runs the ``frontline-cli`` console script (`run`): CPython cannot start when its standard input
is a directory, so the launcher passes ``/dev/null`` instead and says so.
"""

from __future__ import annotations

import errno
import inspect
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from mapper.commands import extract as extract_module
from mapper.commands import map as map_module
from mapper.commands import resolve as resolve_module
from mapper.commands.common import EXIT_PIPE, needs_stdout, pipe_safe
from mapper.commands.gazetteer import gazetteer_app

__all__ = ["STDIN_IS_DIRECTORY", "app", "command_help", "main", "run", "version"]


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


#: Set to ``1`` by the ``frontline`` launcher when standard input was a directory.
STDIN_IS_DIRECTORY = "FRONTLINE_STDIN_IS_DIRECTORY"


class _DirectoryStdin:
    """Standard input that was a directory: reading it fails as reading a directory does."""

    closed = False

    def read(self, size: int = -1) -> bytes:
        """Raise `IsADirectoryError`: a directory has no bytes to read."""
        raise IsADirectoryError(errno.EISDIR, "standard input is a directory, not a file")


def run() -> None:
    """The ``frontline-cli`` console script, which the ``frontline`` launcher runs.

    When the launcher found standard input to be a directory (CPython stops at startup on one)
    it passed ``/dev/null`` and set :data:`STDIN_IS_DIRECTORY`: ``-`` then reads as that
    directory would, one error line, and the rest of the run goes on.
    """
    if os.environ.pop(STDIN_IS_DIRECTORY, None) == "1":  # popped: no child process inherits it
        sys.stdin = _DirectoryStdin()
    app(prog_name="frontline")
