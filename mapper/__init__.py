"""frontline's mapper: articles in, events, front lines and maps out."""

from __future__ import annotations

from typing import Any

from mapper.model import Article, ArticleExtraction, Event, LoadProblem, Mention

__all__ = [
    "Article",
    "ArticleExtraction",
    "Event",
    "FrontSnapshot",
    "LoadProblem",
    "Mention",
    "OutputSummary",
    "build_map",
    "demo_corpus_dir",
    "estimate_front",
    "events_frame",
    "extract_article",
    "extract_articles",
    "load_articles",
    "write_outputs",
]
__version__ = "0.1.0"

# Loader, extractor, map and front-line names load on first use (folium, geopandas and
# pyogrio are slow to import).
_LAZY = {
    "demo_corpus_dir": "mapper.articles",
    "load_articles": "mapper.articles",
    "extract_article": "mapper.extract",
    "extract_articles": "mapper.extract",
    "FrontSnapshot": "mapper.frontline",
    "estimate_front": "mapper.frontline",
    "OutputSummary": "mapper.render",
    "build_map": "mapper.render",
    "events_frame": "mapper.render",
    "write_outputs": "mapper.render",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mapper' has no attribute {name!r}")
