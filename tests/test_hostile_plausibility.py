"""Implausible distances and spelled-out numbers (issue 12): parsed whole, or refused."""

from __future__ import annotations

import datetime as dt

import pytest

from gazetteer import default_gazetteer
from mapper.extract import extract_article
from mapper.extract.numbers import MAX_FRONT_KM, parse_distance, parse_number
from mapper.model import Article


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ninety-nine thousand nine hundred", 99_900),
        ("three thousand", 3000),
        ("one hundred and twenty five", 125),
        ("two million", 2_000_000),
        ("ninety nine", 99),
        ("five five", None),
        ("twenty thirty", None),
        ("eleven twelve", None),
        ("five thousand two million", None),
    ],
)
def test_number_words_whole_or_not_at_all(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_long_spelled_distance_is_read_whole() -> None:
    km, matched = parse_distance("advanced ninety-nine thousand nine hundred kilometers west")
    assert km == 99_900 and matched.startswith("ninety-nine")


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


def _advance(text: str, gazetteer):
    article = Article(id="p", text=text, published=dt.date(2019, 8, 1))
    result = extract_article(article, gazetteer)
    (event,) = [e for e in result.events if e.type == "advance"]
    return event, result.problems


@pytest.mark.parametrize(
    "amount",
    ["999999999999", "ninety-nine thousand nine hundred", "9" * 400, "301"],
)
def test_implausible_distance_keeps_event_at_anchor(gazetteer, amount: str) -> None:
    event, problems = _advance(
        f"Syrian troops advanced {amount} kilometers west of Idlib on Monday.", gazetteer
    )
    assert event.distance_km is None and event.place is not None
    assert (event.lat, event.lon) == (event.place.lat, event.place.lon)
    assert any(f"above {MAX_FRONT_KM:.0f} km" in p for p in problems)


def test_plausible_distance_is_kept(gazetteer) -> None:
    event, problems = _advance("Syrian troops advanced 290 kilometers west of Idlib.", gazetteer)
    assert event.distance_km == 290 and event.lon is not None and event.place is not None
    assert event.lon < event.place.lon
    assert not any("above" in p for p in problems)
