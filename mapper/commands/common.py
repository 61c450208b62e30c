"""What the ``frontline`` commands share: stderr reporting, options, progress, the summary.

Every problem is one line on stderr, ``error: <where>: <what>`` (an input that failed, so the
exit code becomes 1) or ``warning: <where>: <what>`` (the input loaded, with a caveat). Tracebacks
are never shown for bad input; set ``FRONTLINE_DEBUG=1`` to see one for an unexpected failure.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mapper.articles import (
    INPUT_SUFFIXES,
    STDIN_REPEATED,
    LoadWarning,
    load_articles,
    new_problems,
    parse_published,
)
from mapper.model import EVENT_TYPES, Article, ArticleExtraction, LoadProblem

if TYPE_CHECKING:
    from gazetteer.resolve import Gazetteer

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_PIPE",
    "PipeSafeConsole",
    "broken_pipe_exit",
    "is_broken_pipe",
    "needs_stdout",
    "pipe_safe",
    "RunStats",
    "cli_errors",
    "date_option",
    "err_console",
    "error_line",
    "extract_stream",
    "failed_path",
    "fit_table",
    "TableColumn",
    "warn_missing_sources",
    "open_gazetteer",
    "print_summary",
    "published_callback",
    "read_once",
    "check_paths",
    "QUIET_OPTION",
    "VERBOSE_OPTION",
    "note_line",
    "one_line",
    "shown_json",
    "warning_line",
]

EXIT_OK = 0
#: Some inputs failed (each reported on its own line); the rest were processed.
EXIT_FAILED = 1
#: The reader of stdout went away (``frontline extract ... | head -1``): output stopped there.
#: 128 + SIGPIPE (13), what a shell reports for ``cat`` or ``grep`` in the same place.
EXIT_PIPE = 141


class PipeSafeConsole(Console):
    """A rich console that outlives the reader of its pipe (rich's own exits 1).

    On stdout the run stops quietly with :data:`EXIT_PIPE` (:func:`broken_pipe_exit`): the
    output is gone. On stderr it goes on without its messages (``frontline map ... 2>&1 |
    head`` still writes the map).
    """

    def on_broken_pipe(self) -> None:
        """The reader of this console's pipe went away."""
        self.quiet = True
        if not self.stderr:
            broken_pipe_exit()
        _silence(sys.stderr)


def _silence(stream: Any) -> None:
    """Point ``stream``'s file descriptor at ``/dev/null`` (nothing if it has none)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(devnull, stream.fileno())
    except (OSError, AttributeError, ValueError):  # already gone: nothing to flush
        pass
    finally:
        os.close(devnull)


err_console = PipeSafeConsole(stderr=True, highlight=False, soft_wrap=True)


#: Characters that would break a problem line or forge another one on a terminal: C0 and C1
#: controls (newline, ESC sequences, NUL), line and paragraph separators, bidi controls and
#: zero-width characters, and lone surrogates (a file name's undecodable bytes).
_UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def one_line(text: str) -> str:
    r"""``text`` as one visible line: each unshowable character as its escape (``\n``, ``\x1b``).

    An article id or file name holding ``"\nerror: ..."`` cannot forge a problem line.
    """
    return _UNSHOWABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def shown_json(value: Any, *, indent: int | None = None) -> str:
    r"""``value`` as JSON for a terminal: what `one_line` escapes is written ``\uXXXX``.

    The same value for any JSON reader (only the spelling of a string changes), and nothing
    in it (a place name holding U+202E or a C1 control) can drive the terminal.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)  # C0 in strings: escaped
    return _UNSHOWABLE.sub(lambda m: f"\\u{ord(c):04x}" if (c := m.group()) != "\n" else c, text)


def _problem(label: str, where: str, message: str) -> None:
    err_console.print(f"{label} {escape(one_line(where))}: {escape(one_line(message))}")


def error_line(where: str, message: str) -> None:
    """Print ``error: <where>: <message>`` on stderr (escaped: file names are not markup)."""
    _problem("[bold red]error:[/]", where, message)


def note_line(where: str, message: str) -> None:
    """Print ``note: <where>: <message>`` on stderr (what extraction could not use)."""
    _problem("[cyan]note:[/]", where, message)


def warning_line(where: str, message: str) -> None:
    """Print ``warning: <where>: <message>`` on stderr."""
    _problem("[yellow]warning:[/]", where, message)


def is_broken_pipe(err: BaseException) -> bool:
    """True when ``err`` says the reader of a pipe closed it (EPIPE)."""
    return isinstance(err, BrokenPipeError) or (
        isinstance(err, OSError) and err.errno == errno.EPIPE
    )


def broken_pipe_exit() -> NoReturn:
    """Stop quietly with :data:`EXIT_PIPE` after stdout's reader went away.

    Nothing is printed, as ``cat`` or ``grep`` print nothing there. Stdout and stderr (the same
    pipe in ``2>&1 | head``) are pointed at ``/dev/null`` first, so the interpreter's last flush
    of what is still buffered cannot fail again and print "Exception ignored ... BrokenPipeError".
    """
    _silence(sys.stdout)
    _silence(sys.stderr)
    raise typer.Exit(EXIT_PIPE)


P = ParamSpec("P")
R = TypeVar("R")


def pipe_safe(command: Callable[P, R]) -> Callable[P, R]:
    """``command``, stopping quietly with :data:`EXIT_PIPE` when stdout's reader goes away.

    Without it click turns a broken pipe into a silent exit 1, the code of a failed input.
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except OSError as err:
            if not is_broken_pipe(err):
                raise
            broken_pipe_exit()

    return run


def needs_stdout(command: Callable[P, R]) -> Callable[P, R]:
    """``command``, refused with one error line and exit 1 when stdout was closed (``>&-``).

    Its output would otherwise vanish: click and rich write nothing to a missing stdout.
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if sys.stdout is None:
            error_line("<stdout>", "cannot write: standard output is closed")
            raise typer.Exit(EXIT_FAILED)
        return command(*args, **kwargs)

    return run


def published_callback(value: str | date | None) -> date | None:
    """Parse ``--published`` (``YYYY-MM-DD``, not in the future) or fail as a usage error."""
    if value is None or isinstance(value, date):
        return value
    parsed, warning = parse_published(value)
    if parsed is None:
        reason = "is in the future" if warning and "future" in warning else "is not a date"
        raise typer.BadParameter(f"{value!r} {reason} (expected YYYY-MM-DD, today or earlier)")
    return parsed


def date_option() -> Any:
    """The ``--published`` option shared by ``map`` and ``extract`` (for ``Annotated``)."""
    return typer.Option(
        "--published",
        metavar="YYYY-MM-DD",
        parser=published_callback,
        help="Publication date for inputs that do not state one (bare text, stdin, JSONL lines "
        "without 'published'). Relative dates like 'on Sunday' are resolved against it.",
    )


#: ``--quiet`` and ``--verbose``, shared by ``map`` and ``extract`` (for ``Annotated``).
QUIET_OPTION = typer.Option("--quiet", "-q", help="No summary table (problems are still printed).")
VERBOSE_OPTION = typer.Option(
    "--verbose", "-v", help="List every extraction note, one line per article."
)


@dataclass
class RunStats:
    """Counts for the end-of-run summary table."""

    articles: int = 0
    undated: int = 0
    failed_inputs: int = 0
    failed_outputs: int = 0
    warnings: int = 0
    notes: int = 0
    events: Counter[str] = field(default_factory=Counter)
    placed_events: int = 0
    mentions_resolved: int = 0
    mentions_unresolved: int = 0

    @property
    def exit_code(self) -> int:
        """0 when every input was processed and every output written, else 1."""
        return EXIT_FAILED if self.failed_inputs or self.failed_outputs else EXIT_OK

    def add(self, extraction: ArticleExtraction) -> None:
        """Count one article's mentions and events."""
        self.articles += 1
        self.undated += extraction.article.published is None
        for event in extraction.events:
            self.events[event.type] += 1
            self.placed_events += event.lat is not None
        for mention in extraction.mentions:
            if mention.place is None:
                self.mentions_unresolved += 1
            else:
                self.mentions_resolved += 1


def open_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built into the cache on first use); warns of missing sources.

    An index or user database that cannot be opened (a damaged ``user.sqlite`` in the cache) is
    one error line and exit code 1, as in ``frontline resolve``.
    """
    from gazetteer import default_gazetteer

    try:
        gazetteer = default_gazetteer()
    except Exception as err:  # noqa: BLE001 - one line, no traceback
        if os.environ.get("FRONTLINE_DEBUG"):
            raise
        error_line("gazetteer", f"cannot open the index: {_describe(err)}")
        raise typer.Exit(EXIT_FAILED) from None
    warn_missing_sources(gazetteer)
    return gazetteer


_WARNED: set[str] = set()


def warn_missing_sources(gazetteer: Gazetteer) -> int:
    """One warning line per source that should be in the index and is not (once per process)."""
    from gazetteer.status import missing_sources

    problems = [p for p in missing_sources(gazetteer.index) if p not in _WARNED]
    for problem in problems:
        _WARNED.add(problem)
        warning_line("gazetteer", problem)
    return len(problems)


@dataclass(frozen=True, slots=True)
class TableColumn:
    """A column of :func:`fit_table`.

    ``priority``: while the table is wider than the terminal, the columns with the highest
    ``priority`` number are dropped first, together (0 = never dropped). ``kind``:
    ``"number"`` never wraps; ``"status"`` wraps between words only (its widest word is its
    minimum width, unless a path-like token is wider than a third of the terminal);
    ``"text"`` wraps between words and truncates
    a word longer than ``min_width`` with an ellipsis.
    """

    header: str
    priority: int = 0
    kind: str = "text"
    justify: str = "left"
    min_width: int = 8


def _min_width(column: TableColumn, cells: Sequence[str], width: int) -> int:
    texts = [column.header, *cells]
    if column.kind == "number":
        return max(len(t) for t in texts)
    widest = max((len(w) for t in texts for w in t.split()), default=1)
    if column.kind == "status":  # whole words; only a path-like token wider than this folds
        return min(widest, max(20, width // 3))
    return min(widest, column.min_width)


def fit_table(
    title: str | None,
    columns: Sequence[TableColumn],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
) -> Table:
    """A rich table of plain-text ``rows`` that fits ``width`` columns of terminal.

    Low-priority columns are dropped until the minimum widths fit; no status is ever folded
    inside a word; cells are escaped (they are data, not markup) and shown on one line as
    problem lines are (`one_line`): a place name holding ESC or a bidi control cannot drive
    the terminal.
    """
    rows = [[one_line(cell) for cell in row] for row in rows]
    keep = list(range(len(columns)))
    mins = [_min_width(c, [r[i] for r in rows], width) for i, c in enumerate(columns)]

    def needed(idx: list[int]) -> int:
        return sum(mins[i] for i in idx) + 3 * len(idx) + 1  # cell padding and borders

    for level in sorted({c.priority for c in columns if c.priority}, reverse=True):
        if needed(keep) <= width:
            break
        keep = [i for i in keep if columns[i].priority != level]
    texts = [i for i in keep if columns[i].kind == "text"]
    while texts and needed(keep) > width:  # then narrow the free-text columns (ellipsis)
        widest = max(texts, key=lambda i: mins[i])
        if mins[widest] <= 4:
            break
        mins[widest] -= 1
    natural = [
        max(len(t) for t in (c.header, *(r[i] for r in rows))) for i, c in enumerate(columns)
    ]
    spare = width - needed(keep)
    while spare > 0:  # widen the column that lacks most, one cell at a time
        lacking = max(
            keep,
            key=lambda i: (natural[i] > mins[i], columns[i].kind == "status", natural[i] - mins[i]),
        )
        if natural[lacking] <= mins[lacking]:
            break
        mins[lacking] += 1
        spare -= 1
    table = Table(title=title, title_justify="left")
    for i in keep:
        col = columns[i]
        table.add_column(
            col.header,
            width=mins[i],
            no_wrap=col.kind == "number",
            overflow="ellipsis" if col.kind == "text" else "fold",
            justify=col.justify,  # type: ignore[arg-type]
        )
    for row in rows:
        table.add_row(*(escape(row[i]) for i in keep))
    return table


def _articles(
    inputs: Sequence[str | Path], *, published: date | None, stats: RunStats
) -> Iterator[Article]:
    """Loaded articles; problems and warnings go to stderr as they are met."""
    for record in load_articles(inputs, published=published):
        if isinstance(record, LoadWarning):  # skipped on purpose: nothing in it was lost
            stats.warnings += 1
            warning_line(record.origin, record.message)
            continue
        if isinstance(record, LoadProblem):
            stats.failed_inputs += 1
            error_line(record.origin, record.message)
            continue
        for warning in record.warnings:
            stats.warnings += 1
            warning_line(record.origin, warning)
        yield record


def read_once(inputs: Sequence[str], stats: RunStats) -> list[str]:
    """``inputs`` with every ``-`` after the first dropped, one warning line for them.

    Standard input can be read once; a second ``-`` would read it empty ("empty file").
    """
    kept = [item for index, item in enumerate(inputs) if item != "-" or "-" not in inputs[:index]]
    if len(kept) < len(inputs):
        stats.warnings += 1
        warning_line("<stdin>", STDIN_REPEATED)
    return kept


def check_paths(inputs: Sequence[str], outputs: Sequence[tuple[str, Path | None]]) -> None:
    """Refuse, as a usage error before anything runs, paths that would lose or misread data.

    An empty ``INPUT`` (an unset shell variable: ``Path("")`` is the current folder, read
    whole); an output (``(option, path)``) that is an input file (opening it for writing
    empties it before it is read), that another output also names, or that lies in an input
    folder under a name the folder walk reads (the run would read its own output back).
    """
    for item in inputs:
        if not item.strip():
            raise typer.BadParameter(
                f"{item!r} is not a path (an unset variable?)", param_hint="'INPUT'"
            )
    named = [Path(item) for item in inputs if item != "-"]
    files = {path.resolve() for path in named if path.is_file()}
    folders = [path.resolve() for path in named if path.is_dir()]
    taken: dict[Path, str] = {}
    for option, path in outputs:
        if path is None or str(path) == "-":
            continue
        target = path.resolve()
        hint = f"'{option}'"
        if target in files:
            raise typer.BadParameter(
                f"{str(path)!r} is an INPUT; an output must not overwrite it", param_hint=hint
            )
        if target in taken:
            raise typer.BadParameter(f"{str(path)!r} is also {taken[target]}", param_hint=hint)
        taken[target] = option
        for folder in folders:
            if _walk_reads(folder, target):
                raise typer.BadParameter(
                    f"{str(path)!r} is in the input folder {str(folder)!r}, which would read "
                    "it back as input; write it elsewhere",
                    param_hint=hint,
                )


def _walk_reads(folder: Path, target: Path) -> bool:
    """True when a walk of ``folder`` would read a file at ``target``."""
    if not target.is_relative_to(folder):
        return False
    parts = target.relative_to(folder).parts
    name = target.name.lower()
    hidden = any(part.startswith(".") for part in parts)
    return not hidden and name.endswith(INPUT_SUFFIXES) and name not in ("readme.md", "readme.txt")


def extract_stream(
    inputs: Sequence[str | Path],
    *,
    published: date | None,
    stats: RunStats,
    gazetteer: Gazetteer,
    progress: bool = True,
    verbose: bool = False,
) -> Iterator[ArticleExtraction]:
    """Load and extract article by article, streaming, with a progress bar on a terminal.

    An article whose extraction raises is reported as one error line (an input that failed) and
    the run goes on with the next one. Event phrases that name no place are printed one line per
    article with ``verbose``, else summed in one line at the end.
    """
    from mapper.extract import extract_articles, unplaced_phrases
    from mapper.extract.parse import ModelMissing

    placeless = 0  # event phrases naming no place: one summary line, not one per article
    with _progress(enabled=progress) as advance:
        for article in _articles(inputs, published=published, stats=stats):
            try:
                extraction = next(iter(extract_articles([article], gazetteer=gazetteer)))
            except ModelMissing:
                raise  # the parser is missing for every article: one line for the run
            except Exception as err:  # noqa: BLE001 - reported per article, the run goes on
                if os.environ.get("FRONTLINE_DEBUG"):
                    raise
                stats.failed_inputs += 1
                error_line(article.origin or article.id, f"extraction failed: {_describe(err)}")
                continue
            stats.add(extraction)
            for problem in new_problems(extraction):  # not what the loader said already
                stats.notes += 1
                if not unplaced_phrases(problem):
                    warning_line(article.origin or article.id, problem)
                elif verbose:
                    note_line(article.origin or article.id, problem)
                else:
                    placeless += unplaced_phrases(problem)
            advance(article.id)
            yield extraction
    if placeless:
        warning_line(
            "frontline",
            f"{placeless} event phrase(s) named no place and gave no event "
            "(--verbose lists them; `frontline map` writes them to unresolved.csv)",
        )


def _describe(err: BaseException) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


@contextmanager
def _progress(*, enabled: bool) -> Iterator[Any]:
    """A rich progress counter on stderr, only when stderr is a terminal."""
    if not (enabled and sys.stderr is not None and sys.stderr.isatty()):  # None: 2>&-
        yield lambda _label: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("[bold]{task.completed}[/] articles"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("extracting", total=None)

        def advance(label: str) -> None:
            bar.update(task, advance=1, description=f"extracting [dim]{escape(label)}[/]")

        yield advance


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn the project's errors (and I/O errors) into one line and exit code 1."""
    from gazetteer.errors import GazetteerError
    from mapper.extract.parse import ModelMissing

    try:
        yield
    except ModelMissing as err:
        if os.environ.get("FRONTLINE_DEBUG"):
            raise
        error_line("parser", str(err))
        raise typer.Exit(EXIT_FAILED) from err
    except GazetteerError as err:
        if os.environ.get("FRONTLINE_DEBUG"):
            raise
        error_line("gazetteer", str(err))
        raise typer.Exit(EXIT_FAILED) from err
    except OSError as err:
        if is_broken_pipe(err):
            broken_pipe_exit()
        if os.environ.get("FRONTLINE_DEBUG"):
            raise
        where = failed_path(err)
        error_line(where, err.strerror or str(err))
        raise typer.Exit(EXIT_FAILED) from err
    except KeyboardInterrupt as err:
        error_line("frontline", "interrupted")
        raise typer.Exit(130) from err


def failed_path(err: OSError, default: str = "output") -> str:
    """The file an I/O error is about: a rename's destination (``filename2``), else its file."""
    for name in (err.filename2, err.filename):
        if isinstance(name, str | os.PathLike):
            return str(os.fspath(name))
    return default


def print_summary(stats: RunStats, *, extra: Iterable[tuple[str, str]] = ()) -> None:
    """Print the end-of-run table on stderr: articles, events by type, mentions, problems."""
    table = Table(title="frontline summary", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row(
        "articles", f"{stats.articles}" + (f" ({stats.undated} undated)" if stats.undated else "")
    )
    total = sum(stats.events.values())
    table.add_row("events", f"{total} ({stats.placed_events} placed on the map)")
    for kind in (*EVENT_TYPES, *sorted(set(stats.events) - set(EVENT_TYPES))):
        if stats.events.get(kind):
            table.add_row(f"  {kind}", str(stats.events[kind]))
    table.add_row("mentions resolved", str(stats.mentions_resolved))
    table.add_row("mentions unresolved", str(stats.mentions_unresolved))
    table.add_row("inputs failed", str(stats.failed_inputs))
    if stats.failed_outputs:
        table.add_row("outputs failed", str(stats.failed_outputs))
    table.add_row("warnings", str(stats.warnings))
    table.add_row("extraction notes", str(stats.notes))
    for label, value in extra:
        table.add_row(escape(label), escape(value))
    err_console.print(table)
