"""Every text-facing pattern stays linear on generated worst cases (issue 12).

Each case runs at two sizes; the time ratio must stay near the size ratio. A quadratic pass
gives about the square of the size ratio (16 for 4x), a linear one about 4. No wall-clock bound:
only the ratio of two runs in the same process is compared.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from mapper.extract.cues import find_cue_names
from mapper.extract.filters import masked_spans, organisation_spans
from mapper.extract.sentences import split_sentences, unwrap

#: Size ratio between the two runs and the largest time ratio accepted (quadratic gives ~16).
SCALE = 4
MAX_RATIO = 9.0


def _best(func: Callable[[str], object], text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(text)
        best = min(best, time.perf_counter() - start)
    return best


def _ratio(func: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    func(make(n))  # warm-up (regex compilation, caches)
    small = _best(func, make(n))
    large = _best(func, make(n * SCALE))
    return large / max(small, 1e-6)


CASES: dict[str, tuple[Callable[[str], object], Callable[[int], str], int]] = {
    # the name pattern after cue phrases: capitalised words joined by hyphens
    "cue-hyphen-words": (find_cue_names, lambda n: "took " + "-".join(["Ab"] * n), 2000),
    "cue-hyphen-town": (find_cue_names, lambda n: "near " + "-".join(["Ab"] * n) + " town", 2000),
    "cue-spaced-words": (find_cue_names, lambda n: "the town of " + " ".join(["Ab"] * n), 2000),
    # the line unwrapping of a text whose last line has no line break
    "unwrap-last-line": (unwrap, lambda n: "Headline\n" + "word " * n, 4000),
    "unwrap-many-lines": (unwrap, lambda n: "a long enough wrapped line of words here\n" * n, 500),
    # runs of end marks, alone or glued to a word
    "split-dots": (split_sentences, lambda n: "a" + "." * n + "x", 8000),
    "split-bangs": (split_sentences, lambda n: "a" + "!" * n + "x", 8000),
    "split-ellipses": (split_sentences, lambda n: "a" + "…" * n + "x", 8000),
    "split-initials": (split_sentences, lambda n: "a." * n + " end", 4000),
    # long tokens with many word starts in the organisation / person / capital filters
    "org-a-hyphen": (organisation_spans, lambda n: "-".join(["A"] * n), 4000),
    "org-ab-apostrophe": (organisation_spans, lambda n: "'".join(["Ab"] * n), 4000),
    "mask-ab-hyphen": (masked_spans, lambda n: "-".join(["Ab"] * n) + " Army", 4000),
    "mask-caps-spaced": (masked_spans, lambda n: " ".join(["Ab"] * n), 4000),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pattern_time_grows_linearly(name: str) -> None:
    func, make, n = CASES[name]
    ratio = _ratio(func, make, n)
    if ratio > MAX_RATIO:  # one retry: the machine is shared, a single slow run is noise
        ratio = min(ratio, _ratio(func, make, n))
    assert ratio < MAX_RATIO, f"{name}: {SCALE}x the input took {ratio:.1f}x the time"


def test_ratio_check_catches_a_quadratic_pass() -> None:
    """The check itself fails on a known quadratic function (it can fail)."""

    def quadratic(text: str) -> int:
        return sum(text.count("a", i) for i in range(0, len(text), 4))

    assert _ratio(quadratic, lambda n: "a" * n, 4000) > MAX_RATIO


def test_cue_names_same_on_normal_text() -> None:
    text = "Forces took the town of Kafr-Nabl and the villages of Tal al-Abyad and Hish."
    names = [c.text for c in find_cue_names(text)]
    assert names == ["Kafr-Nabl", "Tal al-Abyad", "Hish"]


def test_split_keeps_end_mark_runs_on_normal_text() -> None:
    text = "They came!!! Then silence... Why? Gen. Smith left."
    assert [s.text for s in split_sentences(text)] == [
        "They came!!!",
        "Then silence...",
        "Why?",
        "Gen. Smith left.",
    ]


def test_unwrap_joins_last_wrapped_line_without_newline() -> None:
    text = "The army advanced along the highway towards the\ntown in the early morning"
    assert unwrap(text) == text.replace("\n", " ")
