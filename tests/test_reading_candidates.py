"""The reading's cheap filter: every token a trigger rule reads is among its candidates."""

from __future__ import annotations

import pytest

from mapper.extract.parse import load_model
from mapper.extract.reading import _rules, _trigger_candidates

SENTENCES = [
    "Government troops retook the village after rebels fell back from the hill.",
    "The army shelled the town and then stormed it on Tuesday.",
    "Fighting continued near the airport while militants laid siege to the base.",
    "The rebels were driven out of the district, and the convoy withdrew to the city.",
    "A spokesman said the capture of the bridge was denied by the ministry.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_candidates_hold_every_trigger(text: str) -> None:
    doc = load_model()(text)
    triggers = {tok.i for tok in doc if _rules(tok)}
    candidates = [tok.i for tok in _trigger_candidates(doc)]
    assert triggers, "the sentence should hold a trigger"
    assert triggers <= set(candidates)
    assert candidates == sorted(candidates)
    assert len(candidates) < len(doc)  # most words are skipped


def test_candidates_are_the_same_twice() -> None:
    """The memo gives the answer the first reading gave."""
    doc = load_model()(SENTENCES[0])
    first = [tok.i for tok in _trigger_candidates(doc)]
    assert [tok.i for tok in _trigger_candidates(doc)] == first
