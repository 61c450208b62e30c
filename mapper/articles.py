"""Load dispatches from files, folders, JSONL and stdin as typed `Article` objects.

Inputs, one ``INPUT`` each:

- a ``.txt`` / ``.md`` file: the whole file is one article. Optional YAML front matter between
  ``---`` lines gives ``published``, ``title``, ``source``, ``url`` (and ``id``);
- a ``.jsonl`` (or gzipped ``.jsonl.gz``) file: one JSON object per line with ``text`` and
  optional ``id``, ``published``,
  ``title``, ``url``, ``source`` (other keys are ignored). Read line by line: memory stays flat.
  A line may name a ``file`` inside the JSONL's folder instead of ``text`` (a manifest): that
  file is read as when named alone, its YAML front matter as metadata, and the line's own
  fields win over the front matter's (which fills those the line leaves out);
- a directory: every ``.txt``, ``.md`` and ``.jsonl`` file below it, recursively, in sorted order
  (hidden files and ``README.md`` / ``README.txt`` are skipped: they describe the folder; a
  symbolic link leading outside the folder, a FIFO or a device is skipped: a `LoadWarning`);
- ``-``: standard input, one text article (or JSONL when its first character is ``{``); read
  once, a second ``-`` is a `LoadWarning`.

Nothing is dropped silently: an input that cannot be read becomes a `LoadProblem` (with the line
number for JSONL) and the other inputs go on loading. A ``published`` value that is not a date, or
lies in the future, keeps the article with ``published=None`` and a note in ``Article.warnings``.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import yaml

from gazetteer.sources.text import decode_text, wide_encoding
from mapper.model import Article, ArticleExtraction, LoadProblem

__all__ = [
    "DATE_UNKNOWN",
    "INPUT_SUFFIXES",
    "MAX_TEXT_BYTES",
    "LoadWarning",
    "demo_corpus_dir",
    "date_problem",
    "load_articles",
    "new_problems",
    "parse_published",
]

#: A single text article (a file, stdin, or one JSONL line) larger than this is refused.
MAX_TEXT_BYTES = 20 * 1024 * 1024
#: File suffixes read when walking a directory.
INPUT_SUFFIXES = (".txt", ".md", ".jsonl", ".jsonl.gz")
_TEXT_SUFFIXES = (".txt", ".md")
_SKIPPED_NAMES = frozenset({"readme.md", "readme.txt"})
_SNIFF_BYTES = 8192
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y")
_META_KEYS = ("title", "source", "url")
#: A metadata value (id, title, source, url) longer than this is cut, with a warning.
MAX_META_CHARS = 2000
#: Front matter larger than this is not parsed (a YAML block is a few lines of metadata).
MAX_FRONT_MATTER = 64 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")
#: ISO 8601's shape (``2019-02-30``, ``2019-01-01 25:00``): its values can still be out of range.
_ISO_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?")
#: Said of a second ``-`` among the inputs: standard input can be read only once.
#: How each loader warning about a ``published`` value it could not use ends.
DATE_UNKNOWN = "date unknown"
#: How extraction's note about an article without a publication date ends (`mapper.extract`).
_UNDATED_NOTE = "publication date unknown; events are undated"
STDIN_REPEATED = "named more than once; standard input is read once, at its first '-'"


@dataclass(frozen=True, slots=True)
class LoadWarning(LoadProblem):
    """An input skipped on purpose (a warning, not a failure): nothing in it was lost.

    A second ``-`` (standard input was read at the first), a symbolic link in a folder that
    leads outside it, a special file (FIFO, device) among a folder's files.
    """


#: Front-matter keys whose values are kept as the text written (see `_FrontMatterLoader`).
_TEXT_KEYS = frozenset({"id", *_META_KEYS})
_YAML_STR = "tag:yaml.org,2002:str"
_YAML_NULL = "tag:yaml.org,2002:null"


class _FrontMatterLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` that refuses aliases and keeps the text keys' values as written.

    Front matter never needs aliases, and nested aliases ("billion laughs") expand to gigabytes.
    The text keys are never resolved as YAML 1.1 numbers, booleans or dates: ``id: 12:30`` is
    "12:30" (not 750, base 60), ``id: 0x1F`` is "0x1F", ``title: yes`` is "yes", ``id: 0012``
    keeps its zeros, and an id of 5,000 digits is a long text (cut), not a number that cannot be
    read. An empty or null value is still None. Other keys (``published``) resolve as YAML does.
    """

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if (
                    isinstance(key, yaml.ScalarNode)
                    and key.tag == _YAML_STR
                    and key.value in _TEXT_KEYS
                    and isinstance(value, yaml.ScalarNode)
                    and value.tag != _YAML_NULL
                ):
                    value.tag = _YAML_STR  # the scalar as written, whatever it resolved to
        return super().construct_mapping(node, deep=deep)

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node: Any) -> Any:
        """A timestamp, or its text when it is no date (``2019-02-30``).

        `parse_published` then says so in one warning, and the rest of the front matter is kept.
        """
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError, AttributeError):  # AttributeError: "!!timestamp x"
            return self.construct_scalar(node)


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp
)


def demo_corpus_dir() -> Path:
    """The bundled demo corpus, package data ``mapper/data/demo/`` (found in any install)."""
    from importlib import resources

    return Path(str(resources.files("mapper").joinpath("data", "demo")))


def load_articles(
    inputs: Sequence[str | Path],
    *,
    published: date | None = None,
    stdin: IO[Any] | None = None,
) -> Iterator[Article | LoadProblem]:
    """Stream the articles of every input, in order, with a `LoadProblem` for each failure.

    Parameters
    ----------
    inputs
        Paths of files or directories, or ``"-"`` for standard input.
    published
        Default publication date for articles that do not state one (bare text files, stdin,
        JSONL lines without ``published``). A date an article states itself wins.
    stdin
        Stream read for ``"-"`` (text or binary); defaults to ``sys.stdin``.

    Yields
    ------
    Article or LoadProblem
        Articles get unique ids: the JSONL ``id``, the front matter ``id``, else the file stem
        (``-2``, ``-3``... are appended to repeats).
    """
    seen: dict[str, int] = {}
    stdin_read = False
    for item in inputs:
        if str(item) == "-":
            if stdin_read:  # the stream is at its end: a second read would be "empty"
                yield LoadWarning("<stdin>", STDIN_REPEATED)
                continue
            stdin_read = True
        for record in _guarded(_load_input(item, published=published, stdin=stdin), str(item)):
            if isinstance(record, Article):
                record = _unique(record, seen)
            yield record


def new_problems(extraction: ArticleExtraction) -> list[str]:
    """The extraction's problems less those its article's loader warnings already said.

    A bad ``published`` value is warned of when loading ("...; date unknown"); extraction's
    note that the article is undated is then the same problem, not a second one.
    """
    said = any(warning.endswith(DATE_UNKNOWN) for warning in extraction.article.warnings)
    if not said or extraction.article.published is not None:
        return list(extraction.problems)
    return [problem for problem in extraction.problems if not problem.endswith(_UNDATED_NOTE)]


def _guarded(
    records: Iterator[Article | LoadProblem], origin: str
) -> Iterator[Article | LoadProblem]:
    """``records``, with an unexpected exception turned into a last `LoadProblem`."""
    try:
        yield from records
    except (Exception, RecursionError) as err:  # noqa: BLE001 - one input never stops the run
        if os.environ.get("FRONTLINE_DEBUG"):
            raise
        yield LoadProblem(origin, f"cannot load: {type(err).__name__}: {_first_line(err)}")


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0][:200] if text else "unexpected error"


def parse_published(value: Any, *, today: date | None = None) -> tuple[date | None, str | None]:
    """Read a ``published`` value as a date; return ``(date, None)`` or ``(None, warning)``.

    Accepts a `date`/`datetime`, ISO 8601 text (``2019-08-14``, ``2019-08-14T09:30:00Z``) and a
    few spelled-out forms (``14 August 2019``, ``August 14, 2019``). Dates after ``today`` are
    refused: a dispatch cannot be published in the future.
    """
    today = today or date.today()
    parsed: date | None = None
    why = "expected YYYY-MM-DD"
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    elif isinstance(value, str) and value.strip():
        parsed, why = _parse_date_text(value.strip())
    if parsed is None:
        return None, f"published {value!r} is not a date ({why}); {DATE_UNKNOWN}"
    problem = date_problem(parsed, today=today)
    if problem:
        return None, f"published {parsed.isoformat()} {problem}; {DATE_UNKNOWN}"
    return parsed, None


def date_problem(
    day: date,
    *,
    today: date | None = None,
    ahead: timedelta = timedelta(0),
    earliest: date | None = None,
) -> str | None:
    """Why ``day`` is no plausible date for a report, or None: the one rule for input dates.

    A day after ``today`` (later than ``ahead`` after it) is "in the future": no dispatch is
    published then. A day before ``earliest`` is too old. `parse_published` uses the rule as is;
    a baseline control map (`mapper.baseline`) allows a year ahead and nothing before 1900.
    """
    today = today or date.today()
    if day > today + ahead:
        if not ahead:
            return "is in the future"
        return f"is in the future (more than {ahead.days} days after today)"
    if earliest is not None and day < earliest:
        return f"is before {earliest.isoformat()}"
    return None


def _parse_date_text(text: str) -> tuple[date | None, str]:
    """The date ``text`` spells, or None and why (``2019-02-30``: "day is out of range ...")."""
    why = "expected YYYY-MM-DD"
    try:
        return datetime.fromisoformat(text).date(), ""
    except ValueError as err:
        if _ISO_SHAPE.match(text):  # the shape is right, a value is not: say which
            why = f"expected YYYY-MM-DD: {_first_line(err)}"
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date(), ""
        except ValueError:
            continue
    return None, why


def _unique(article: Article, seen: dict[str, int]) -> Article:
    count = seen.get(article.id, 0) + 1
    seen[article.id] = count
    if count == 1:
        return article
    new_id = f"{article.id}-{count}"
    while new_id in seen:
        count += 1
        new_id = f"{article.id}-{count}"
    seen[article.id] = count
    seen[new_id] = 1
    note = f"id {article.id!r} was already used; renamed {new_id!r}"
    return replace(article, id=new_id, warnings=(*article.warnings, note))


def _load_input(
    item: str | Path, *, published: date | None, stdin: IO[Any] | None
) -> Iterator[Article | LoadProblem]:
    if str(item) == "-":
        yield from _load_stdin(stdin, published=published)
        return
    if not str(item).strip():  # Path("") is the current folder: never read it by accident
        yield LoadProblem(repr(str(item)), "not a path (an unset variable?)")
        return
    path = Path(item)
    if path.is_dir():
        files, skipped = _scan(path)
        yield from skipped
        if not files and not skipped:
            yield LoadProblem(
                str(path), "no .txt, .md, .jsonl or .jsonl.gz files in this directory"
            )
        # JSONL first: a manifest's lines name text files ("file"), which are then not read
        # a second time, undated, on their own.
        referenced: set[Path] = set()
        for file in files:
            if _is_jsonl(file):
                loaded = _load_file(file, published=published, referenced=referenced)
                yield from _guarded(loaded, str(file))
        for file in files:
            if not _is_jsonl(file) and file.resolve() not in referenced:
                yield from _guarded(_load_file(file, published=published), str(file))
    elif path.is_file():
        yield from _load_file(path, published=published)
    elif path.exists():
        yield LoadProblem(str(path), "not a regular file or directory")
    else:
        yield LoadProblem(str(path), "no such file or directory")


def _walk(root: Path) -> list[Path]:
    """The files of folder ``root`` to read, in sorted order (see `_scan`)."""
    return _scan(root)[0]


def _scan(root: Path) -> tuple[list[Path], list[LoadWarning]]:
    """The files of folder ``root`` to read, sorted, and a warning for each one skipped.

    Only regular files inside ``root`` are read, as for a manifest's ``file``: a symbolic link
    leading outside it (to a file or a folder) is skipped, and so is a FIFO or device (a FIFO
    blocks forever). A link the user names on the command line is read. A broken link is
    kept: reading it reports it. Linked folders are not walked (their files inside ``root``
    are read where they are).
    """
    top = root.resolve()
    files: list[Path] = []
    skipped: list[LoadWarning] = []
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        link = path.is_symlink()
        if path.is_dir() and not link:
            continue
        why = _link_problem(path, top) if link else None
        if why is None and (path.is_dir() or not _is_input_name(path)):
            continue
        why = why or _special_file(path)
        if why:
            skipped.append(LoadWarning(str(path), why))
        else:
            files.append(path)
    return files, skipped


def _is_input_name(path: Path) -> bool:
    """True for a file name a folder walk reads: an input suffix, not a README."""
    name = path.name.lower()
    return name.endswith(INPUT_SUFFIXES) and name not in _SKIPPED_NAMES


def _link_problem(path: Path, top: Path) -> str | None:
    """Why symbolic link ``path`` in resolved folder ``top`` is not followed, or None."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return "a symbolic link that cannot be followed (a loop); skipped"
    if target.is_relative_to(top):
        return None
    kind = "folder" if target.is_dir() else "file"
    if kind == "file" and not _is_input_name(path):
        return None  # not an input name: it would not be read anyway
    return (
        f"a symbolic link to a {kind} outside the folder; skipped (only files inside a "
        "folder are read: name it on the command line to read it)"
    )


def _special_file(path: Path) -> str | None:
    """A warning for a FIFO, socket or device (reading a FIFO blocks), else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # a broken link, or gone: reading it reports it
    if stat.S_ISREG(mode):
        return None
    return "not a regular file (a FIFO, socket or device); skipped"


class _Gunzip(io.RawIOBase):
    """The decompressed bytes of a gzip file (every member), ending cleanly where it is damaged.

    `gzip.GzipFile` raises at trailing junk or damage, and the line being buffered is lost with
    the exception. Here the stream ends instead, and `problem` says why: after trailing data
    (the stream before it was whole) every line is kept; after damage or truncation the
    incomplete last line is held back (it would be half an article), whole lines are kept.
    """

    _CHUNK = 1 << 16

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._input = b""  # compressed bytes read from the file and not yet decompressed
        self._offset = 0  # compressed bytes of the file read so far
        self._ready = bytearray()  # decompressed bytes up to the last newline seen
        self._partial: list[bytes] = []  # decompressed bytes after it
        self._held = 0  # bytes in _partial
        self._done = False
        self._members = 0  # members decompressed whole
        self._member_out = 0  # bytes decompressed from the current member
        self.problem: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._ready and not self._done:
            self._step()
        size = min(len(buffer), len(self._ready))
        buffer[:size] = self._ready[:size]
        del self._ready[:size]  # from the front of a bytearray: no copy of the rest
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()

    def _step(self) -> None:
        """Decompress one chunk, or end the stream (cleanly, or with a problem)."""
        if self._zlib.eof:
            self._next_member()
            return
        data = self._zlib.unconsumed_tail or self._read()
        if not data:
            truncated = (
                "cannot read: damaged gzip data, the file ends inside its stream (truncated)"
            )
            self._end(truncated if self._offset else None)
            return
        try:
            out = self._zlib.decompress(data, self._CHUNK)
        except zlib.error as err:
            self._end(self._damage(data, err))
            return
        self._member_out += len(out)
        self._add(out)
        if self._zlib.eof:
            self._members += 1
            self._input = self._zlib.unused_data

    def _damage(self, data: bytes, err: zlib.error) -> str:
        """What a decompression error means where it happened."""
        if self._offset == len(data) and not data.startswith(b"\x1f\x8b"):
            return "cannot read: not gzip data (no gzip header), though named .gz"
        return f"cannot read: damaged gzip data ({err})"

    def _read(self) -> bytes:
        data = self._input or self._raw.read(self._CHUNK)
        self._input = b""
        self._offset += len(data)
        return data

    def _next_member(self) -> None:
        """After a member's end: another member, the end of the file, or trailing data."""
        rest = self._input
        while len(rest) < 2:
            more = self._raw.read(self._CHUNK)
            if not more:
                break
            self._offset += len(more)
            rest += more
        at = self._offset - len(rest)  # where the member's end left the file
        if not rest.strip(b"\x00") and self._zeros_to_end():  # gzip ignores zero padding too
            self._end(None)
            return
        if rest.startswith(b"\x1f\x8b"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self._member_out = 0
            self._input = rest
            self._offset -= len(rest)
            return
        self._end(f"trailing data after the gzip stream (from byte {at:,}) ignored", whole=True)

    def _zeros_to_end(self) -> bool:
        """True when the rest of the file is NUL bytes (or nothing)."""
        while chunk := self._raw.read(self._CHUNK):
            self._offset += len(chunk)
            if chunk.strip(b"\x00"):
                return False
        return True

    def _add(self, out: bytes) -> None:
        """Move ``out`` into the stream, holding back the bytes after its last newline."""
        cut = out.rfind(b"\n") + 1
        if cut:
            self._release()
            self._ready += out[:cut]
        if cut < len(out):
            self._partial.append(out[cut:])
            self._held += len(out) - cut
        if self._held > MAX_TEXT_BYTES:  # a line over the limit: refused when read
            self._release()

    def _release(self) -> None:
        """Move the held bytes into the stream."""
        for chunk in self._partial:
            self._ready += chunk
        self._partial.clear()
        self._held = 0

    def _end(self, problem: str | None, *, whole: bool = False) -> None:
        """End the stream; a last line without newline is kept when the data was whole."""
        self._done = True
        self.problem = problem
        whole = whole or self._members > 0 and self._member_out == 0  # a bad next member
        if problem is None or whole:
            self._release()
        elif self._held:
            self.problem = f"{problem}; its incomplete last line was not read"


def _open_binary(path: Path, *, gzipped: bool) -> tuple[IO[bytes], _Gunzip | None]:
    """``path`` opened for reading bytes (decompressed when ``gzipped``), and its gunzipper."""
    raw = path.open("rb")
    if not gzipped:
        return raw, None
    gunzip = _Gunzip(raw)
    return io.BufferedReader(gunzip, buffer_size=1 << 16), gunzip


def _is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith((".jsonl", ".jsonl.gz"))


def _load_file(
    path: Path, *, published: date | None, referenced: set[Path] | None = None
) -> Iterator[Article | LoadProblem]:
    origin = str(path)
    try:
        if _is_jsonl(path):
            gzipped = path.name.lower().endswith(".gz")
            stream, gunzip = _open_binary(path, gzipped=gzipped)
            with stream:
                refused = _refuse_jsonl(_sniff(stream))
                if refused:
                    yield LoadProblem(origin, gunzip and gunzip.problem or refused)
                    return
                yield from _jsonl_lines(
                    stream,
                    origin=origin,
                    stem=path.name[: -len(".jsonl.gz")] if gzipped else path.stem,
                    published=published,
                    base=path.parent,
                    referenced=referenced,
                    ended=lambda: gunzip.problem if gunzip else None,
                )
            return
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            yield LoadProblem(origin, _too_big(size))
            return
        data = _read_capped(path)
        if len(data) > MAX_TEXT_BYTES:
            yield LoadProblem(origin, _too_big(len(data), exact=False))
            return
    except (OSError, EOFError, zlib.error) as err:
        # gzip.BadGzipFile is an OSError; a truncated archive raises EOFError
        yield LoadProblem(
            origin,
            f"cannot read: {err.strerror or err}"
            if isinstance(err, OSError)
            else f"cannot read: damaged gzip data ({err})",
        )
        return
    yield _text_article(data, origin=origin, stem=path.stem, published=published)


def _sniff(stream: IO[bytes]) -> bytes:
    """The first bytes of buffered ``stream``, left in place for the line loop to read."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        head = stream.read(_SNIFF_BYTES)
        stream.seek(0)
        return bytes(head)
    return bytes(peek(_SNIFF_BYTES)[:_SNIFF_BYTES])


def _refuse_jsonl(head: bytes) -> str | None:
    """Why a JSONL file whose first bytes are ``head`` cannot be read line by line, or None.

    A UTF-16 file is named as such; a binary file (NUL bytes, not starting with ``{``) is one
    problem. A NUL byte inside an otherwise good JSONL only fails its own line.
    """
    wide = wide_encoding(head)
    if wide:
        return f"{wide} text; JSONL must be UTF-8 (re-encode it)"
    if b"\x00" in head and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "binary file (contains NUL bytes), not JSONL"
    return None


def _read_capped(path: Path) -> bytes:
    """At most ``MAX_TEXT_BYTES + 1`` bytes of ``path`` (a growing file stays bounded)."""
    with path.open("rb") as stream:
        return stream.read(MAX_TEXT_BYTES + 1)


def _load_stdin(
    stdin: IO[Any] | None, *, published: date | None
) -> Iterator[Article | LoadProblem]:
    stream = stdin if stdin is not None else sys.stdin
    if stream is None or getattr(stream, "closed", False):
        yield LoadProblem("<stdin>", "standard input is closed")
        return
    binary = getattr(stream, "buffer", stream)

    def read(size: int) -> bytes:
        chunk = binary.read(size)
        return chunk.encode("utf-8") if isinstance(chunk, str) else chunk

    try:
        head = read(_SNIFF_BYTES)
        wide = wide_encoding(head)
        if wide and head.replace(b"\x00", b"").lstrip(b"\xff\xfe \t\r\n").startswith(b"{"):
            yield LoadProblem("<stdin>", f"{wide} text; JSONL must be UTF-8 (re-encode it)")
            return
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            lines = _chain(head, _Reader(read))
            yield from _jsonl_lines(
                lines, origin="<stdin>", stem="stdin", published=published, base=Path.cwd()
            )
            return
        data = head + read(MAX_TEXT_BYTES + 1 - len(head)) if head else head
    except (OSError, ValueError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else err
        yield LoadProblem("<stdin>", f"cannot read: {reason}")
        return
    if len(data) > MAX_TEXT_BYTES:
        yield LoadProblem("<stdin>", _too_big(len(data), exact=False))
        return
    yield _text_article(data, origin="<stdin>", stem="stdin", published=published)


def _too_big(size: int, *, exact: bool = True) -> str:
    amount = f"{size / 2**20:.1f} MB" if exact else "more than the limit"
    return (
        f"text is {amount}, above the {MAX_TEXT_BYTES // 2**20} MB limit for one article "
        "(split it, or give one article per line as JSONL)"
    )


def _text_article(
    data: bytes, *, origin: str, stem: str, published: date | None
) -> Article | LoadProblem:
    if not data.strip():
        return LoadProblem(origin, "empty file")
    text, problem = decode_text(data)
    if text is None:
        return LoadProblem(origin, problem or "unreadable")
    meta, body, warnings = _split_front_matter(text)
    if not body.strip():
        return LoadProblem(origin, "no article text after the front matter")
    return _build(meta, body, origin=origin, default_id=stem, published=published, notes=warnings)


def _split_front_matter(text: str) -> tuple[dict[str, Any], str, list[str]]:
    """Split YAML front matter from the body; a bad block is reported, never fatal."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, text, []
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            block = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            if len(block) > MAX_FRONT_MATTER:
                return {}, body, [f"front matter above {MAX_FRONT_MATTER // 1024} kB; ignored"]
            try:
                meta = yaml.load(block, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
            except yaml.YAMLError as err:
                first = str(err).splitlines()[0]
                return {}, body, [f"front matter is not valid YAML ({first}); ignored"]
            except (ValueError, OverflowError, RecursionError, LookupError) as err:
                # "!!int abc", a number of more than 4,300 digits, nesting thousands of levels
                # deep, "!!bool maybe" (KeyError)
                return {}, body, [f"front matter cannot be read ({_first_line(err)}); ignored"]
            if meta is None:
                return {}, body, []
            if not isinstance(meta, dict):
                return {}, body, ["front matter is not a mapping of keys to values; ignored"]
            return {str(key): value for key, value in meta.items()}, body, []
    return {}, text, ["front matter opened with '---' but never closed; read as text"]


def _build(
    meta: dict[str, Any],
    text: str,
    *,
    origin: str,
    default_id: str,
    published: date | None,
    notes: list[str],
) -> Article:
    warnings = list(notes)
    when: date | None = published
    if meta.get("published") is not None:
        value = _scalar(meta["published"], "published", warnings)  # None: warned, ignored
        when, warning = parse_published(value) if value is not None else (None, None)
        if warning:
            warnings.append(warning)
    raw_id = _text_or_none(_scalar(meta.get("id"), "id", warnings))
    article_id = raw_id or _clean_text(default_id)  # a file name's undecodable bytes: U+FFFD
    extra = {key: _text_or_none(_scalar(meta.get(key), key, warnings)) for key in _META_KEYS}
    return Article(
        id=article_id,
        text=_clean_text(text),
        published=when,
        origin=_clean_text(origin),
        warnings=tuple(warnings),
        **extra,
    )


def _scalar(value: Any, key: str, warnings: list[str]) -> Any:
    r"""``value`` when it is a scalar of bounded size, else None with a warning.

    Strings are cut at ``MAX_META_CHARS`` and lone surrogates (a JSON ``\\ud800`` escape) become
    U+FFFD, so every output can encode them.
    """
    if value is None or isinstance(value, (bool, float, date)):
        return value
    if isinstance(value, int):
        if value.bit_length() > 3 * MAX_META_CHARS:  # str() of a huge int raises ValueError
            warnings.append(f"{key!r} is a number too long to use; ignored")
            return None
        return value
    if not isinstance(value, str):
        warnings.append(f"{key!r} is a {type(value).__name__}, not a text or number; ignored")
        return None
    if len(value) > MAX_META_CHARS:
        warnings.append(f"{key!r} is {len(value):,} characters long; cut to {MAX_META_CHARS:,}")
        value = value[:MAX_META_CHARS]
    return _clean_text(value)


def _clean_text(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length: offsets stay valid)."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub("\ufffd", text)


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _iter_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Yield raw lines, or None for a line longer than ``limit`` (its bytes are skipped).

    A file whose lines end in CR alone (no LF anywhere: old Mac tools) is split at each CR.
    """
    first = True
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if first and len(line) <= limit and not line.endswith(b"\n") and b"\r" in line[:-1]:
            yield from (part + b"\n" for part in line.split(b"\r") if part)
            return  # no LF: this was the whole file (or its first 20 MB)
        first = False
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield None
            continue
        yield line


class _Reader:
    """Adapt a ``read(size) -> bytes`` function to the ``read`` of a binary stream."""

    def __init__(self, read: Any) -> None:
        self.read = read


class _Chain(io.RawIOBase):
    """A readable stream that first returns ``head`` and then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: Any) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        chunk = self._stream.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _chain(head: bytes, stream: Any) -> IO[bytes]:
    return io.BufferedReader(_Chain(head, stream), buffer_size=1 << 16)


def _jsonl_lines(
    stream: IO[bytes],
    *,
    origin: str,
    stem: str,
    published: date | None,
    base: Path,
    referenced: set[Path] | None = None,
    ended: Callable[[], str | None] = lambda: None,
) -> Iterator[Article | LoadProblem]:
    """The articles and problems of JSONL ``stream``; ``ended()`` says why it ended early."""
    loaded = 0
    problems = 0
    for number, raw in enumerate(_iter_lines(stream, MAX_TEXT_BYTES), start=1):
        where = f"{origin}:{number}"
        if raw is None:
            problems += 1
            yield LoadProblem(where, _too_big(MAX_TEXT_BYTES + 1, exact=False))
            continue
        if not raw.strip():
            continue
        try:
            record = _jsonl_record(
                raw,
                where=where,
                stem=stem,
                number=number,
                published=published,
                base=base,
                referenced=referenced,
            )
        except (Exception, RecursionError) as err:  # noqa: BLE001 - one line never stops a file
            if os.environ.get("FRONTLINE_DEBUG"):
                raise
            record = LoadProblem(where, f"cannot load: {type(err).__name__}: {_first_line(err)}")
        if isinstance(record, LoadProblem):
            problems += 1
        else:
            loaded += 1
        yield record
    early = ended()
    if early:
        yield LoadProblem(origin, early)
    elif loaded == 0 and problems == 0:
        yield LoadProblem(origin, "empty file")


def _jsonl_record(
    raw: bytes,
    *,
    where: str,
    stem: str,
    number: int,
    published: date | None,
    base: Path,
    referenced: set[Path] | None,
) -> Article | LoadProblem:
    if b"\x00" in raw:
        return LoadProblem(where, "NUL bytes in the line, not JSON")
    line, problem = decode_text(raw)
    if line is None:
        return LoadProblem(where, problem or "unreadable line")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        return LoadProblem(where, f"not JSON ({err.msg} at column {err.colno})")
    except (ValueError, RecursionError) as err:
        # a number of more than 4,300 digits, or arrays nested thousands of levels deep
        return LoadProblem(where, f"not usable JSON ({_first_line(err)})")
    if not isinstance(obj, dict):
        return LoadProblem(where, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    default_id = f"{stem}-{number}"
    origin = where
    meta: dict[str, Any] = {}
    notes: list[str] = []
    if text is None and isinstance(obj.get("file"), str):
        # A manifest line: the text lives in a file next to the JSONL.
        file = _manifest_path(base, obj["file"], where=where)
        if isinstance(file, LoadProblem):
            return file
        if referenced is not None:  # reported here when it fails, not a second time alone
            referenced.add(file.resolve())
        loaded = _manifest_text(file, where=where)
        if isinstance(loaded, LoadProblem):
            return loaded
        # The file is read as when named alone: its front matter is metadata, not text.
        meta, text, notes = _split_front_matter(loaded)
        if not text.strip():
            return LoadProblem(
                where, f"'file' {str(file)!r}: no article text after the front matter"
            )
        origin, default_id = f"{file} ({where})", file.stem
    if not isinstance(text, str):
        missing = "no 'text' (or 'file') field" if text is None else "'text' is not a string"
        if text is None and obj.get("file") is not None:
            missing = f"'file' is a {type(obj['file']).__name__}, not a file name"
        return LoadProblem(where, f"{missing}; each line needs the article text")
    if not text.strip():
        return LoadProblem(where, "'text' is empty")
    # The line's own fields win over the file's front matter (the manifest is where the run's
    # author describes each file); front matter fills the fields the line leaves out or null.
    own = {key: obj[key] for key in ("id", "published", *_META_KEYS) if obj.get(key) is not None}
    meta = {**meta, **own}
    return _build(
        meta, text, origin=origin, default_id=default_id, published=published, notes=notes
    )


def _manifest_path(base: Path, name: str, *, where: str) -> Path | LoadProblem:
    """The file a manifest line names, confined to the manifest's folder, or a problem."""
    shown = repr(name[:200])
    if "\x00" in name or not name.strip() or not _encodable(name):
        return LoadProblem(where, f"'file' {shown} is not a file name")
    relative = Path(name)
    if relative.is_absolute() or relative.drive or ".." in relative.parts:
        return LoadProblem(
            where, f"'file' {shown} must be a path inside the manifest's folder (no '/' or '..')"
        )
    if _is_jsonl(relative):  # a manifest names text files; a JSONL is not one article
        return LoadProblem(where, f"'file' {shown} is a JSONL file, not an article's text")
    path = base / relative
    try:
        inside = path.resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:  # a symbolic link pointing out of the folder
        return LoadProblem(where, f"'file' {shown} leads outside the manifest's folder")
    return path


def _encodable(name: str) -> bool:
    r"""True when the system can name a file ``name`` (a lone surrogate "\ud800" it cannot)."""
    try:
        os.fsencode(name)
    except UnicodeError:
        return False
    return True


def _manifest_text(path: Path, *, where: str) -> str | LoadProblem:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a device (/dev/zero), a FIFO (blocks), a folder
            return LoadProblem(where, f"'file' {str(path)!r} is not a regular file")
        if info.st_size > MAX_TEXT_BYTES:
            return LoadProblem(where, f"{path}: {_too_big(info.st_size)}")
        data = _read_capped(path)
        if len(data) > MAX_TEXT_BYTES:
            return LoadProblem(where, f"{path}: {_too_big(len(data), exact=False)}")
    except OSError as err:
        return LoadProblem(where, f"'file' {str(path)!r} cannot be read: {err.strerror or err}")
    if not data.strip():
        return LoadProblem(where, f"'file' {str(path)!r} is empty")
    text, problem = decode_text(data)
    if text is None:
        return LoadProblem(where, f"'file' {str(path)!r}: {problem}")
    return text
