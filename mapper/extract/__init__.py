"""Extraction: place mentions and events, with dates and evidence, from articles.

>>> from mapper.extract import extract_article  # doctest: +SKIP
>>> extract_article(article, gazetteer).events  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from mapper.extract.control import find_control
from mapper.extract.events import UNPLACED_NOTE, article_war, extract_events, unplaced_phrases
from mapper.extract.mentions import find_mentions
from mapper.extract.numbers import MAX_FRONT_KM
from mapper.extract.parse import drop_prefetched, prefetch
from mapper.extract.sentences import Sentence, split_sentences, unwrap
from mapper.extract.triggers import TRIGGERS
from mapper.model import DENIED, HELD, Article, ArticleExtraction, Event, Mention

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
#: Articles :func:`extract_articles` reads ahead so that the parser gets their sentences in one
#: batch (measured: 3-5% less CPU time over the benchmark corpus than article by article).
PARSE_AHEAD = 16


@dataclass(slots=True)
class _Prepared:
    """An article read up to its events: cleaned text, sentences, place mentions."""

    result: ArticleExtraction
    article: Article | None = None  # None: nothing more to extract (empty text)
    sentences: list[Sentence] | None = None


def extract_article(article: Article, gazetteer: Gazetteer) -> ArticleExtraction:
    """Mentions and events of one article; never raises on odd text, reports in ``problems``."""
    return _finish(_prepare(article, gazetteer))


def _prepare(article: Article, gazetteer: Gazetteer) -> _Prepared:
    """The text cleaned, its sentences and mentions, and the problems found so far."""
    result = ArticleExtraction(article)
    text = article.text or ""
    if not text.strip():
        result.problems.append(f"{article.id}: empty text")
        return _Prepared(result)
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
    return _Prepared(result, article, sentences)


def _finish(prepared: _Prepared) -> ArticleExtraction:
    """The events and control statements of a prepared article."""
    result, article, sentences = prepared.result, prepared.article, prepared.sentences
    if article is None or sentences is None:
        return result
    events = extract_events(article, sentences, result.mentions, problems=result.problems)
    result.events = [_plausible(event, result.problems) for event in events]
    result.denials = [e for e in result.events if e.reason.startswith(DENIED)]
    states = [e for e in result.events if e.reason.startswith(HELD)]
    result.events = [e for e in result.events if not e.reason.startswith((DENIED, HELD))]
    result.control = find_control(
        article, sentences, result.mentions, result.events, war=article_war(article), states=states
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
    stream = iter(articles)
    while chunk := list(islice(stream, PARSE_AHEAD)):
        yield from _extract_chunk(chunk, gazetteer)


def _extract_chunk(chunk: list[Article], gazetteer: Gazetteer) -> Iterator[ArticleExtraction]:
    """Extract a few articles, their sentences parsed in one batch.

    Outputs are those of :func:`extract_article` article by article, in order; an article
    whose preparation raises raises in its turn, after the articles before it.
    """
    prepared: list[_Prepared | Exception] = []
    for article in chunk:
        try:
            prepared.append(_prepare(article, gazetteer))
        except Exception as err:  # noqa: BLE001 - raised again in the article's turn
            prepared.append(err)
    with _parsed_ahead([p for p in prepared if isinstance(p, _Prepared)]):
        for item in prepared:
            if isinstance(item, Exception):
                raise item
            yield _finish(item)


@contextmanager
def _parsed_ahead(prepared: Sequence[_Prepared]) -> Iterator[None]:
    """The sentences the events of ``prepared`` will need, parsed ahead for the block.

    A failure here only loses the batch: each article is then parsed in its turn (and an
    article that cannot be parsed raises there, as without it).
    """
    try:
        if len(prepared) > 1:  # one article parses its sentences in one batch anyway
            prefetch(
                [
                    request
                    for p in prepared
                    if p.article is not None and p.sentences is not None
                    for request in _parse_requests(p.sentences, p.result.mentions)
                ]
            )
    except Exception:  # noqa: BLE001 - see above
        drop_prefetched()
    try:
        yield
    finally:
        drop_prefetched()


def _parse_requests(
    sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> list[tuple[str, int, Sequence[Mention]]]:
    """What :func:`extract_events` will send to the parser for an article.

    Its own selection (its sentence pieces, each with a trigger candidate and a place or a
    reference word), read through its helpers: a parse made ahead that it does not ask for is
    only wasted time, never a different output (parses are handed out by text and spans).
    """
    from mapper.extract import events

    per_sentence = events._by_sentence(sentences, mentions)
    return [
        (text, start, ms)
        for k, sent in enumerate(sentences)
        for text, start, ms in events._pieces(sent, per_sentence[k])
        if events._needs_parse(text, bool(ms))
    ]
