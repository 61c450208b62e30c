"""Where places come from: one module per source, each yielding :class:`~gazetteer.Place`."""

from gazetteer.sources.base import Source

__all__ = ["Source"]
