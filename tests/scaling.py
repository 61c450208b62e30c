"""Linear-time checks: the ratio of two sizes' times, never a wall-clock bound."""

from __future__ import annotations

from collections.abc import Callable

#: 4x the input: a linear pass takes about 4x the time, a quadratic one about 16x.
GROWTH = 4
LINEAR_LIMIT = 9.0


def time_ratio(seconds: Callable[[int], float], size: int) -> float:
    """``seconds(GROWTH * size) / seconds(size)``, measured again when it looks quadratic.

    ``seconds(n)`` is the best of a few runs at size ``n``. A second measure is taken only
    when the first passes :data:`LINEAR_LIMIT` (the machine is shared); the lower one counts.
    """
    seconds(max(1, size // 8))  # warm-up

    def once() -> float:
        return seconds(GROWTH * size) / max(seconds(size), 1e-6)

    ratio = once()
    return min(ratio, once()) if ratio > LINEAR_LIMIT else ratio
