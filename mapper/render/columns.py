"""Typed columns of a large map's events: what the canvas layer draws and filters by.

Positions are int32 at 1e-5 degrees (about 1 m), days int32 since 1970-01-01 (undated: the
int32 minimum), types and sides uint8 indices into name lists (no side: 255). Each column is
base64 of little-endian bytes, which the map's script views as a typed array without parsing.
Reported distances keep their own short list (anchor, bounds, bearing) for the sectors.
"""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

import numpy as np

__all__ = ["NO_SIDE", "UNDATED", "EventColumns"]

UNDATED = -(2**31)
NO_SIDE = 255
_EPOCH = date(1970, 1, 1).toordinal()


def _b64(values: list[int], dtype: str) -> str:
    return base64.b64encode(np.asarray(values, dtype=dtype).tobytes()).decode("ascii")


class EventColumns:
    """Collects event rows (as `mapper.render.html` builds them) into typed columns."""

    def __init__(self) -> None:
        self.lat: list[int] = []
        self.lon: list[int] = []
        self.day: list[int] = []
        self.type: list[int] = []
        self.side: list[int] = []
        self.types: dict[str, int] = {}
        self.sides: dict[str, int] = {}
        self.sectors: list[list[Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        """Add one located event row (``lat``, ``lon``, ``date``, ``type``, ``side``...)."""
        number = len(self.lat)
        self.lat.append(round(row["lat"] * 1e5))
        self.lon.append(round(row["lon"] * 1e5))
        day = row.get("date")
        self.day.append(date.fromisoformat(day[:10]).toordinal() - _EPOCH if day else UNDATED)
        self.type.append(self.types.setdefault(row["type"] or "", len(self.types)))
        side = row.get("side")
        if side is None or len(self.sides) >= NO_SIDE and side not in self.sides:
            self.side.append(NO_SIDE)  # beyond 255 distinct sides: drawn as "other"
        else:
            self.side.append(self.sides.setdefault(side, len(self.sides)))
        if row.get("dhi") is not None and row.get("anchor_lat") is not None:
            self.sectors.append(
                [
                    number,
                    row["anchor_lat"],
                    row["anchor_lon"],
                    row["dlo"] or 0,
                    row["dhi"],
                    row.get("bearing"),
                    row.get("halfwidth"),
                ]
            )

    def payload(self) -> dict[str, Any]:
        """The columns as base64 strings, with the type and side names they index."""
        return {
            "count": len(self.lat),
            "lat": _b64(self.lat, "<i4"),
            "lon": _b64(self.lon, "<i4"),
            "day": _b64(self.day, "<i4"),
            "type": _b64(self.type, "u1"),
            "side": _b64(self.side, "u1"),
            "types": list(self.types),
            "sides": list(self.sides),
        }
