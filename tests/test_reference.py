"""Reference across sentences (mapper.extract.reference): salience with resolved references."""

from __future__ import annotations

from scaling import GROWTH, LINEAR_LIMIT, time_ratio

from gazetteer import default_gazetteer
from mapper.extract.mentions import find_mentions
from mapper.extract.reference import Salience
from mapper.extract.sentences import split_sentences

TEXT = "Rebels took Kafranbel. Residents fled to Saraqeb."


def _places():
    text = TEXT
    found = find_mentions("r", text, split_sentences(text), default_gazetteer())
    by_surface = {m.surface: m for m in found if m.place is not None}
    return by_surface["Kafranbel"], by_surface["Saraqeb"]


def test_a_chain_of_references_keeps_its_place_salient():
    """Kafranbel is taken (sentence 0), "the town" refers to it in sentences 1 and 3; Saraqeb
    is named once in passing in sentence 3: "the town" in sentence 4 is still Kafranbel."""
    kafranbel, saraqeb = _places()
    story = Salience()
    story.note(0, [kafranbel], {kafranbel.start: "event"})
    story.refer(1, kafranbel)
    story.note(3, [saraqeb])
    assert story.resolve("town", 4, 10**6) == saraqeb  # without the chain's last link
    story.refer(3, kafranbel)
    assert story.resolve("town", 4, 10**6) == kafranbel


def test_a_reference_does_not_make_its_place_the_latter():
    kafranbel, saraqeb = _places()
    story = Salience()
    story.note(0, [kafranbel, saraqeb])
    story.refer(1, kafranbel)
    assert story.resolve("latter", 2, 10**6) == saraqeb
    assert story.resolve("former", 2, 10**6) == kafranbel


def test_a_reference_counts_only_in_later_sentences():
    kafranbel, saraqeb = _places()
    story = Salience()
    story.note(0, [kafranbel])
    story.note(2, [saraqeb])
    story.refer(2, kafranbel)  # resolved in sentence 2: no weight in sentence 2 itself
    assert story.resolve("town", 2, 10**6) == saraqeb


def _story_time(sentences: int) -> float:
    """Seconds to note ``sentences`` sentences and resolve "the town" and "it" in each."""
    import time

    kafranbel, saraqeb = _places()
    best = float("inf")
    for _ in range(3):
        story = Salience()
        start = time.perf_counter()
        for k in range(sentences):
            story.note(k, [kafranbel if k % 2 else saraqeb])
            found = story.resolve("town", k, 10**9)
            story.refer(k, found)
            story.resolve("it", k, 10**9)
        best = min(best, time.perf_counter() - start)
    assert found == kafranbel  # the last sentence's own place
    return best


def test_a_long_story_resolves_references_in_linear_time():
    # a pass over every mention seen so far for each reference made long articles quadratic
    ratio = time_ratio(_story_time, 2000)
    assert ratio < LINEAR_LIMIT, f"{GROWTH}x the sentences took {ratio:.1f}x the time"
