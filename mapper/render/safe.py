"""Make hostile article text safe for HTML and for JSON inside a ``<script>`` element."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

__all__ = ["FORMULA_LEADS", "csv_cell", "csv_row", "escape", "safe_url", "script_json"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"),
#: with their full-width forms, which some spreadsheets fold to the ASCII ones.
FORMULA_LEADS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")

_JS_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def escape(text: object) -> str:
    """HTML-escape any value for element text or a quoted attribute (quotes included).

    Braces become character references too: folium (branca) parses the rendered page parts
    again as Jinja templates, so ``{{ ... }}`` in article text must never reach it raw.
    """
    out = html.escape("" if text is None else str(text), quote=True)
    return out.replace("{", "&#123;").replace("}", "&#125;")


def script_json(value: Any) -> str:
    r"""JSON for a ``<script>`` element: ``<``, ``>``, ``&``, U+2028/9 become ``\uXXXX``.

    The result parses to the same value in JavaScript, and no string in it can close the script
    element (``</script>``) or open a comment (``<!--``).
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, repl in _JS_UNSAFE.items():
        text = text.replace(char, repl)
    # A structural "{" in JSON is followed by '"' or "}", so "{{", "{%" and "{#" occur only inside
    # strings: encode that brace, or folium's second Jinja pass would run it as a template.
    return _JINJA_OPEN.sub(r"\\u007b", text)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None (never ``javascript:``)."""
    if not url:
        return None
    text = str(url).strip()
    if any(ord(c) < 0x20 or c.isspace() for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: ``'`` before a formula-leading text cell.

    Only text is changed: a number (``-3.5`` as a float, a negative count) is written as is and
    stays numeric; a string starting with ``=``, ``+``, ``-``, ``@``, tab or CR (or their
    full-width forms) gets the OWASP prefix ``'``, so ``=HYPERLINK(...)`` stays text.
    """
    if isinstance(value, str) and value[:1] in FORMULA_LEADS:
        return "'" + value
    return value


def csv_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Every cell of ``row`` through :func:`csv_cell`."""
    return {key: csv_cell(value) for key, value in row.items()}
