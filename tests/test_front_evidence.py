"""How the front-line estimate weighs its evidence over time (mapper.frontline, mapper.fusion).

Every place and report here is made up for the rule it tests (coordinates chosen for geometry).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from mapdata import event

from mapper.frontline import estimate_front, side_at
from mapper.fusion import fuse_events, observations_from_fused


def _report(article: str, side: str, when: date, *, end: date | None = None, conf: float = 0.8):
    """One outlet's report that ``side`` took the made-up town "a" (35.0 N, 36.0 E).

    ``end``: the report is dated as a range, ``when`` .. ``end`` ("in May").
    """
    from mapdata import mention

    from mapper.model import Event

    m = mention("a", "Khan Shaykhun", 0)
    m = type(m)("a", "a", 0, 1, "", type(m.place)("test:a", "a", 35.0, 36.0), 0.9, "t")
    return Event(
        article,
        "capture",
        side,
        m,
        "(test)",
        0,
        6,
        when,
        date_end=end,
        date_precision="range" if end else "day",
        lat=35.0,
        lon=36.0,
        confidence=conf,
    )


def test_a_report_dated_in_a_month_is_weighed_with_that_months_reports():
    # two outlets say the government took the town on the 18th and the 20th; a third outlet,
    # months later, says the opposition took it "in May" (certain only on the 31st)
    taken = [
        _report("r1", "government", date(2023, 5, 18)),
        _report("r2", "government", date(2023, 5, 20)),
    ]
    may = _report("r3", "opposition", date(2023, 5, 1), end=date(2023, 5, 31))
    snaps = estimate_front([*taken, may])
    assert side_at(snaps, 36.0, 35.0, date(2023, 6, 10)) == "government"
    # the same report dated on the 31st itself is news: it wins at once
    day = _report("r3", "opposition", date(2023, 5, 31))
    assert side_at(estimate_front([*taken, day]), 36.0, 35.0, date(2023, 6, 10)) == "opposition"
    # a range reaches back a month at most: "this year" does not meet January's reports
    year = _report("r3", "opposition", date(2023, 1, 1), end=date(2023, 12, 31))
    early = [
        _report("r1", "government", date(2023, 1, 5)),
        _report("r2", "government", date(2023, 1, 6)),
    ]
    snaps = estimate_front([*early, year])
    assert side_at(snaps, 36.0, 35.0, date(2024, 1, 2)) == "opposition"


def test_a_fused_events_span_is_the_part_its_reports_share():
    # "in August" fused with a report of the 20th: the event is of the 20th, not of a range
    month = replace(
        event("m", "capture", "Khan Shaykhun", date(2019, 8, 1), "government"),
        date_end=date(2019, 8, 31),
        date_precision="range",
        source="Monthly Review",
    )
    dated = replace(
        event("d", "capture", "Khan Shaykhun", date(2019, 8, 20), "government"),
        source="Wire One",
    )
    (obs,) = observations_from_fused(fuse_events([month, dated]))
    assert (obs.date, obs.start) == (date(2019, 8, 20), None)
    (alone,) = observations_from_fused(fuse_events([month]))
    assert (alone.start, alone.date) == (date(2019, 8, 1), date(2019, 8, 31))
    assert alone.date - alone.start == timedelta(days=30)


def test_a_strike_expires_on_its_day_without_waiting_for_the_next_report():
    from test_frontline import _at, _strike_on

    from mapper.frontline import (
        WEAK_DAYS,
        estimate_front_from_observations,
        observations_from_events,
    )

    day = date(2020, 1, 1)
    past = day + timedelta(days=WEAK_DAYS + 1)
    much_later = day + timedelta(days=4 * WEAK_DAYS)
    # made-up places: the government holds "c"; "b", 18 km off, is struck by it on `day`; the
    # next report ("e", far off) comes months after the strike has expired
    obs = observations_from_events(
        [_at("c", 35.0, 36.7, "government", day), _at("e", 35.2, 37.5, "government", much_later)]
    ) + [_strike_on("b", 35.0, 36.5, "opposition", day)]
    snaps = estimate_front_from_observations(obs)
    assert [s.date for s in snaps] == [day, past, much_later]
    assert snaps[1].new_event_ids == () and snaps[1].observations == 2
    assert side_at(snaps, 36.5, 35.0, past - timedelta(days=1)) == "opposition"
    assert side_at(snaps, 36.5, 35.0, past) == "government"
    # the same with a full recompute at every snapshot
    full = estimate_front_from_observations(obs, incremental=False)
    assert [s.date for s in full] == [day, past, much_later]
    assert side_at(full, 36.5, 35.0, past) == "government"
    # a strike that would expire after the last report dates no snapshot of its own
    alone = [_strike_on("b", 35.0, 36.5, "opposition", day)]
    assert [s.date for s in estimate_front_from_observations(alone)] == [day]
