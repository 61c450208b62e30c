"""One root exception for the gazetteer, as geopy's ``exc.py``."""

from __future__ import annotations

__all__ = ["GazetteerError", "ImportProblem", "IndexError_", "SourceError"]


class GazetteerError(Exception):
    """Root of every error the gazetteer raises."""


class SourceError(GazetteerError, OSError):
    """A source file is missing, unreadable or not of the expected format."""


class IndexError_(GazetteerError, RuntimeError):  # noqa: N801 - avoids shadowing builtin IndexError
    """The index cannot be built or opened."""


class ImportProblem(GazetteerError, ValueError):
    """One malformed line of an imported dump or CSV (the rest is imported)."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message
