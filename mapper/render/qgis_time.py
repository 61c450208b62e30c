"""The dates of a run, and when each QGIS layer's features are shown (temporal rules)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mapper.render import qgis_style as qs

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TimeFrame", "cumulative", "interval", "time_frame"]


@dataclass(frozen=True, slots=True)
class TimeFrame:
    """The dates of a run: its first and last event dates and the front-line snapshot dates."""

    first: date
    last: date
    snapshots: tuple[date, ...] = ()

    @property
    def end(self) -> date:
        """The day after the last date: the end of every open interval."""
        return self.last + timedelta(days=1)

    def until_next_snapshot(self) -> str:
        """A QGIS expression: the date of the snapshot after the feature's (its validity end)."""
        days = sorted(set(self.snapshots))
        if not days:
            return f"to_datetime('{self.end.isoformat()}')"
        pairs = ", ".join(
            f"'{a.isoformat()}', '{b.isoformat()}'"
            for a, b in zip(days, [*days[1:], self.end], strict=True)
        )
        day = "format_date(to_date(\"date\"), 'yyyy-MM-dd')"
        return f"to_datetime(map_get(map({pairs}), {day}))"


def cumulative(frame: TimeFrame) -> qs.Temporal:
    """Shown from the feature's date on, as the HTML map's slider shows events."""
    return qs.Temporal('to_datetime("date")', f"to_datetime('{frame.end.isoformat()}')")


def interval(frame: TimeFrame) -> qs.Temporal:
    """Shown from the snapshot's date until the next snapshot (the estimate it replaces)."""
    return qs.Temporal('to_datetime("date")', frame.until_next_snapshot())


def _dates(values: Sequence[object]) -> list[date]:
    out = []
    for value in values:
        try:
            out.append(date.fromisoformat(str(value)[:10]))
        except ValueError:
            continue
    return out


def time_frame(events: pd.DataFrame, front: pd.DataFrame) -> TimeFrame:
    """The run's dates: events' and snapshots' (today when there is none)."""
    event_days = _dates(events["date"].tolist()) if "date" in events.columns else []
    snap_days = _dates(front["date"].tolist()) if "date" in front.columns else []
    days = sorted({*event_days, *snap_days}) or [date.today()]
    return TimeFrame(days[0], days[-1], tuple(sorted(set(snap_days))))
