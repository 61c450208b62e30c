"""Make hostile article text safe for HTML and for JSON inside a ``<script>`` element."""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import urlsplit

__all__ = ["escape", "safe_url", "script_json"]

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
