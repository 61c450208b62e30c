"""frontline's gazetteer: names and context in, real places out. It never imports ``mapper``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gazetteer.place import Candidate, Place, Resolution, ResolveContext

if TYPE_CHECKING:
    from gazetteer.resolve import Gazetteer, default_gazetteer

__all__ = [
    "Candidate",
    "Gazetteer",
    "Place",
    "Resolution",
    "ResolveContext",
    "default_gazetteer",
]


def __getattr__(name: str) -> Any:
    """Import the resolver lazily so that ``import gazetteer`` stays fast."""
    if name in ("Gazetteer", "default_gazetteer"):
        from gazetteer import resolve

        return getattr(resolve, name)
    raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")
