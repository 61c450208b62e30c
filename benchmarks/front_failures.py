"""List the capture-date checks of ``bench_front.py`` that fail, with the evidence behind each.

For every failing check (town, date, expected side, estimated side) it prints the nearest
held places of the snapshot (the Voronoi cell holding the town is the nearest one's) with the
observation that decides each: its kind, side, date, weight, and for an event its type, actor,
place and sentence. Usage:

    .venv/bin/python benchmarks/front_failures.py [--war ukraine|syria] [--near 3]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_front import (  # noqa: E402
    REF_END,
    extract,
    sides_of,
    snapshot_at,
    syria_towns,
    ukraine_towns,
)

from mapper.frontline import OPPONENTS, estimate_front_from_observations  # noqa: E402
from mapper.fusion import front_observations, fuse_events  # noqa: E402
from mapper.geometry import geodesic_distance_km  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--war", choices=["ukraine", "syria"], default="ukraine")
    ap.add_argument("--near", type=int, default=3)
    args = ap.parse_args(argv)
    exts = extract(args.shared / "corpora" / f"{args.war}.jsonl")
    texts: dict[str, str] = {}
    for x in exts:
        for e in x.events:
            where = e.place.surface if e.place else "-"
            texts[e.id] = f"{e.type} actor={e.actor} place={where} | {e.evidence[:160]}"
        for s in x.control:
            texts[s.id] = f"control:{s.kind} side={s.side} | {s.evidence[:160]}"
    fused = fuse_events(e for x in exts for e in x.events)
    for f in fused:
        texts[f.id] = f"{texts[f.event.id]} [{len(f.reports)} reports, {f.event.date}]"
    obs = front_observations(exts, fused)
    snaps = estimate_front_from_observations(obs)
    if args.war == "ukraine":
        towns, end = ukraine_towns(args.shared / "reference" / "places_ukraine_front.csv"), REF_END
    else:
        towns, end = syria_towns(), date(2100, 1, 1)
    first, last = snaps[0].date, min(snaps[-1].date, end)
    n = bad = 0
    for town in towns:
        for k, c in enumerate(town.changes):
            if c.hi - c.lo != timedelta(days=1) or not first <= c.hi <= last:
                continue
            before = town.changes[k - 1].side if k else OPPONENTS[c.side]
            for label, when, exp in (
                ("before", c.lo - timedelta(days=2), before),
                ("after", c.hi + timedelta(days=3), c.side),
            ):
                snap = snapshot_at(snaps, when)
                got = sides_of(snap, np.array([town.lon]), np.array([town.lat]))[0]
                n += 1
                if got == exp:
                    continue
                bad += 1
                head = f"{town.name} {label} capture {c.hi} (by {c.side}) at {when}"
                print(f"\n{head}: expected {exp}, got {got}")
                if snap is None:
                    continue
                near = sorted(
                    snap.places,
                    key=lambda s: geodesic_distance_km(town.lon, town.lat, s.lon, s.lat),
                )
                for st in near[: args.near]:
                    d = geodesic_distance_km(town.lon, town.lat, st.lon, st.lat)
                    tag = "inferred" if st.inferred else f"since {st.since}"
                    why = texts.get(st.event_id, st.event_id)
                    print(f"  {d:5.1f} km {st.name} -> {st.side} ({tag}, {st.reach_km}) :: {why}")
    print(f"\n{bad} of {n} checks fail")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
