"""Bytes of a text file as text: UTF-8 (with or without a BOM), or UTF-16/UTF-32 with a BOM.

Shared by the readers of users' files (articles, user gazetteer CSVs, baseline CSVs), so a file
saved as "Unicode" by a spreadsheet is read, and UTF-16 without a BOM is named as such rather
than called binary or "not UTF-8".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

__all__ = ["csv_lines", "decode_text", "wide_encoding"]


def wide_encoding(head: bytes) -> str | None:
    """``UTF-32``/``UTF-16`` (with a BOM) or ``UTF-16 (no BOM)`` text that ``head`` starts, or None.

    Without a BOM, UTF-16 is recognised by its Latin text: a NUL byte in every other position.
    """
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = head[:512]
    if len(sample) >= 8 and len(sample) % 2 == 0:
        for zeros, other in ((sample[1::2], sample[0::2]), (sample[0::2], sample[1::2])):
            if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
                return "UTF-16 (no BOM)"
    return None


def decode_text(data: bytes, *, nul_is_binary: bool = True) -> tuple[str | None, str | None]:
    """``(text, None)``, or ``(None, problem)`` saying what the bytes are and what to do.

    ``nul_is_binary`` false keeps a NUL byte for a line-by-line reader to refuse that line.
    """
    wide = wide_encoding(data)
    if wide in ("UTF-32", "UTF-16"):
        try:
            return data.decode(wide.lower()), None
        except UnicodeDecodeError as err:
            return None, f"damaged {wide} text (offset {err.start}); re-encode it as UTF-8"
    if wide:
        return None, f"{wide} text, not UTF-8; re-encode it as UTF-8"
    if nul_is_binary and b"\x00" in data:
        return None, "binary file (contains NUL bytes), not text"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1].hex()
        return None, f"not UTF-8 text (byte 0x{bad} at offset {err.start}); re-encode it as UTF-8"


def csv_lines(text: str, *, max_line: int) -> Iterator[tuple[int, list[str] | str]]:
    """``(line number, cells)`` of each CSV line, or ``(line number, problem)``.

    Line by line, so one bad line is one problem and never swallows the lines after it: a
    ``"`` left open (a field cannot run across lines), a line above ``max_line`` characters, a
    NUL, a line the csv module refuses (``"b"c``). Only CR, LF and CRLF end a line (not U+2028).
    """
    for lineno, line in enumerate(io.StringIO(text, newline=None), start=1):
        line = line.rstrip("\n")
        if len(line) > max_line:
            yield lineno, f"line of {len(line):,} characters (limit {max_line:,})"
        elif "\x00" in line:
            yield lineno, "a NUL character (binary data?)"
        elif line.count('"') % 2:
            yield lineno, "an unbalanced '\"' (a field cannot run across lines)"
        else:
            try:
                yield lineno, next(csv.reader([line], strict=True), [])
            except csv.Error as err:
                yield lineno, f"not a CSV row ({err})"
