"""Directions a text implies: the side a force stands on, from its heading."""

from __future__ import annotations

import pytest

from mapper.extract.directions import compass_point, heading_behind


@pytest.mark.parametrize(
    ("text", "behind"),
    [
        ("columns pushing south along the railway", "N"),
        ("troops driving north-west towards the coast", "SE"),
        ("the army is pressing westwards", "E"),
        ("troops dug in south of the town", None),  # no move
    ],
)
def test_a_heading_puts_the_force_on_the_other_side(text, behind):
    assert heading_behind(text) == behind


@pytest.mark.parametrize(("bearing", "code"), [(0, "N"), (50, "NE"), (200, "S"), (340, "N")])
def test_compass_point_of_a_bearing(bearing, code):
    assert compass_point(bearing) == code
