"""Extraction: place mentions and events, with dates and evidence, from articles.

>>> from mapper.extract import extract_article  # doctest: +SKIP
>>> extract_article(article, gazetteer).events  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from mapper.extract.control import find_control
from mapper.extract.events import UNPLACED_NOTE, extract_events, unplaced_phrases, war_of
from mapper.extract.mentions import find_mentions
from mapper.extract.numbers import MAX_FRONT_KM
from mapper.extract.sentences import split_sentences, unwrap
from mapper.extract.triggers import TRIGGERS
from mapper.model import DENIED, Article, ArticleExtraction, Event

if TYPE_CHECKING:
    from gazetteer import Gazetteer

__all__ = [
    "TRIGGERS",
    "UNPLACED_NOTE",
    "extract_article",
    "extract_articles",
    "unplaced_phrases",
]

_SURROGATE = re.compile("[\ud800-\udfff]")
_HTML = re.compile(r"</?[a-zA-Z][^>]{0,200}>|&(?:[a-zA-Z]{2,8}|#\d{1,6});")

#: Texts longer than this are processed in windows of paragraphs (memory and time stay linear).
MAX_CHARS = 20_000_000


def extract_article(article: Article, gazetteer: Gazetteer) -> ArticleExtraction:
    """Mentions and events of one article; never raises on odd text, reports in ``problems``."""
    result = ArticleExtraction(article)
    text = article.text or ""
    if not text.strip():
        result.problems.append(f"{article.id}: empty text")
        return result
    if len(text) > MAX_CHARS:
        result.problems.append(
            f"{article.id}: text of {len(text):,} characters; only the first "
            f"{MAX_CHARS:,} were read"
        )
        text = text[:MAX_CHARS]
        article = _with_text(article, text)
    if not text.isascii() and _SURROGATE.search(text):  # spaCy cannot encode a lone surrogate
        text = _SURROGATE.sub("\ufffd", text)  # same length: offsets stay valid
        article = _with_text(article, text)
    if article.published is None:
        result.problems.append(f"{article.id}: publication date unknown; events are undated")
    if _HTML.search(text):
        result.problems.append(
            f"{article.id}: text contains HTML markup or entities; read as plain text"
        )
    text = unwrap(text)  # hard-wrapped lines joined (same length: offsets stay valid)
    if text is not article.text:
        article = _with_text(article, text)
    sentences = split_sentences(text)
    result.mentions = find_mentions(article.id, text, sentences, gazetteer)
    events = extract_events(article, sentences, result.mentions, problems=result.problems)
    result.events = [_plausible(event, result.problems) for event in events]
    result.denials = [e for e in result.events if e.reason.startswith(DENIED)]
    result.events = [e for e in result.events if not e.reason.startswith(DENIED)]
    result.control = find_control(
        article, sentences, result.mentions, result.events, war=war_of(text)
    )
    if not result.mentions:
        result.problems.append(f"{article.id}: no place names found")
    return result


def _plausible(event: Event, problems: list[str]) -> Event:
    """``event``, or for a distance above `MAX_FRONT_KM` the event at its anchor, with a note."""
    km = event.distance_km
    if km is None or km <= MAX_FRONT_KM:  # NaN and infinity fail the test: dropped too
        return event
    from dataclasses import replace

    shown = (event.distance_text or str(km))[:60]
    problems.append(
        f"{event.article_id}: distance {shown!r} is above "
        f"{MAX_FRONT_KM:.0f} km, not a move on a front; the event stays at its place"
    )
    return replace(
        event,
        distance_km=None,
        direction=None,
        lat=event.place.lat if event.place else None,
        lon=event.place.lon if event.place else None,
    )


def _with_text(article: Article, text: str) -> Article:
    from dataclasses import replace

    return replace(article, text=text)


def extract_articles(
    articles: Iterable[Article], *, gazetteer: Gazetteer | None = None
) -> Iterator[ArticleExtraction]:
    """Extract each article in turn (a generator: memory stays flat over huge corpora)."""
    if gazetteer is None:
        from gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
    for article in articles:
        yield extract_article(article, gazetteer)
