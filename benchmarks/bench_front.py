"""Front-line accuracy against dated control timelines, and estimation time per snapshot.

Ukraine: ``../shared/corpora/ukraine.jsonl`` is extracted and mapped (events and control
statements); each estimated snapshot is checked against ``../shared/reference/
places_ukraine_front.csv`` (510 towns, who captured them when): for every town and snapshot date
whose controller the reference fixes (a date inside an imprecise change, "in 2022", "mid-April",
is skipped), the side of the estimated zone holding the town is compared with it. Printed:

- accuracy over the checks where the town lies inside an estimated zone, and the coverage;
- the majority-side baseline on the same checks (always answering the commoner side);
- the same accuracy, coverage and baseline over the towns that changed hands while estimated
  (a change of control dated within the snapshots' span): issue 10's held-out figure;
- the capture-date protocol of issue 10: for each day-precise change of control dated within
  the snapshots' span, the town on the capturing side's zone 3 days after, the other side's 3
  days before (a town outside every zone counts wrong), with its majority baseline.

Syria: ``../shared/corpora/syria.jsonl`` against the project's historical capture timeline
(``tests/mapdata.py``: 2019-20 captures with their dates, and towns the opposition held
throughout), the same figures.

Speed: the synthetic events of ``bench_map.py`` (real Syrian places, a front moving north, 5 %
noise) at 1k, 10k and 100k events: observations, snapshots, the incremental estimate's total
time and time per snapshot, and, as the baseline measured in the same run, the same estimate
recomputing everything at every snapshot (``incremental=False``; sizes up to
``--full-max``). Usage:

    .venv/bin/python benchmarks/bench_front.py [--shared ../shared] [--war ukraine|syria|both|none]
        [--sizes 1000,10000,100000] [--full-max 10000]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import shapely

from mapper.frontline import OPPONENTS, FrontSnapshot, estimate_front_from_observations
from mapper.fusion import front_observations as obs_of

REPO = Path(__file__).resolve().parents[1]
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()  # noqa: E501, SIM905
    )
}
_MONTH_RX = "|".join(_MONTHS)
_DAY = re.compile(rf"(\d{{1,2}})(?:\s*[–-]\s*(\d{{1,2}}))?\s+({_MONTH_RX})\s+(\d{{4}})", re.I)
_MONTH = re.compile(rf"\b(?:early|mid|late)?[- ]?({_MONTH_RX})\s+(\d{{4}})", re.I)
_YEAR = re.compile(r"\b(20\d\d)\b")
_CHANGE = re.compile(
    r"\b(?:re)?captured\s+by\s+([^.]*?)(?:\s+(?:on|in|around|about|between|by)\b|\s+\d|$)", re.I
)
#: The reference's last day.
REF_END = date(2024, 8, 17)


@dataclass(frozen=True)
class Change:
    """``side`` took the town at some day in (``lo``, ``hi``]; ``lo == hi - 1`` for a known day."""

    lo: date
    hi: date
    side: str


def _side(who: str) -> str | None:
    w = who.lower()
    if re.search(r"russia|dpr|lpr|donetsk|luhansk|wagner", w):
        return "russia"
    if "ukrain" in w:
        return "ukraine"
    return None


def _month_end(y: int, m: int) -> date:
    return (date(y + m // 12, m % 12 + 1, 1)) - timedelta(days=1)


def parse_history(history: str) -> list[Change] | None:
    """The changes of control a reference ``history`` cell states (None: not understood)."""
    out = []
    for sentence in re.split(r"(?<=\d{4})\.\s*|\.\s+", history):
        if not re.search(r"captured\s+by", sentence, re.I):
            continue
        m = _CHANGE.search(sentence)
        side = _side(m.group(1)) if m else None
        if side is None:
            return None
        tail = sentence[m.end(1) :] if m else sentence
        days = list(_DAY.finditer(tail))
        if days:
            dates = []
            for d in days:
                dd = int(d.group(2) or d.group(1))
                dates.append(date(int(d.group(4)), _MONTHS[d.group(3).lower()], dd))
            exact = date(
                int(days[0].group(4)), _MONTHS[days[0].group(3).lower()], int(days[0].group(1))
            )
            lo = min([*dates, exact]) - timedelta(days=1)
            out.append(Change(lo, max(dates), side))
            continue
        mo = _MONTH.search(tail)
        if mo:
            y, mth = int(mo.group(2)), _MONTHS[mo.group(1).lower()]
            out.append(Change(date(y, mth, 1) - timedelta(days=1), _month_end(y, mth), side))
            continue
        yr = _YEAR.search(tail)
        if yr:
            y = int(yr.group(1))
            out.append(Change(date(y, 1, 1) - timedelta(days=1), date(y, 12, 31), side))
            continue
        return None
    return out


def expected_side(changes: list[Change], held: str | None, when: date) -> str | None:
    """Who held a town at ``when`` by its changes (None when the reference does not say)."""
    if not changes:
        return held
    for c in changes:
        if c.lo < when < c.hi:
            return None
    past = [c for c in changes if c.hi <= when]
    if past:
        return past[-1].side
    return OPPONENTS[changes[0].side]


@dataclass
class Town:
    """A reference town with its timeline."""

    name: str
    lon: float
    lat: float
    changes: list[Change]
    held: str | None


def ukraine_towns(path: Path) -> list[Town]:
    """Towns of the reference whose timeline is understood and agrees with its final holder."""
    towns = []
    seen = set()
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["name"], row["lat"])
            if key in seen:
                continue
            seen.add(key)
            held = {"Russia": "russia", "Ukraine": "ukraine"}.get(row["held_by_2024_08_17"])
            changes = parse_history(row["history"] or "")
            if changes is None or "contested" in (row["history"] or "").lower():
                continue
            changes.sort(key=lambda c: c.hi)
            if held is None or (changes and changes[-1].side != held):
                continue
            towns.append(Town(row["name"], float(row["lon"]), float(row["lat"]), changes, held))
    return towns


def sides_of(snap: FrontSnapshot | None, lons: np.ndarray, lats: np.ndarray) -> list[str | None]:
    """The side whose zone covers each point in ``snap`` (None outside every zone)."""
    out: list[str | None] = [None] * len(lons)
    if snap is None:
        return out
    pts = shapely.points(np.column_stack([lons, lats]))
    for side, zone in snap.zones.items():
        shapely.prepare(zone)
        for i in np.flatnonzero(shapely.covers(zone, pts)):
            out[int(i)] = side
    return out


def snapshot_at(snaps: list[FrontSnapshot], when: date) -> FrontSnapshot | None:
    """The latest snapshot dated on or before ``when``."""
    current = None
    for s in snaps:
        if s.date <= when:
            current = s
        else:
            break
    return current


def score(snaps: list[FrontSnapshot], towns: list[Town], end: date) -> dict[str, float | int]:
    """Town-date accuracy over snapshot dates, coverage, majority baseline, capture protocol."""
    lons = np.array([t.lon for t in towns])
    lats = np.array([t.lat for t in towns])
    first, last = snaps[0].date, min(snaps[-1].date, end)
    # towns that changed hands while estimated (a change dated within the snapshots' span)
    moved = [any(first <= c.hi <= last for c in t.changes) for t in towns]
    right = covered = total = 0
    truth: Counter[str] = Counter()
    m_right = m_covered = m_total = 0
    m_truth: Counter[str] = Counter()
    for snap in snaps:
        if snap.date > end:
            break
        got = sides_of(snap, lons, lats)
        for town, est, changed in zip(towns, got, moved, strict=True):
            exp = expected_side(town.changes, town.held, snap.date)
            if exp is None:
                continue
            total += 1
            m_total += changed
            if est is None:
                continue
            covered += 1
            truth[exp] += 1
            right += est == exp
            if changed:
                m_covered += 1
                m_truth[exp] += 1
                m_right += est == exp
    majority = truth.most_common(1)[0][1] / covered if covered else 0.0
    m_majority = m_truth.most_common(1)[0][1] / m_covered if m_covered else 0.0
    # the capture-date protocol
    checks: list[tuple[str, str | None]] = []
    for town in towns:
        for k, c in enumerate(town.changes):
            if c.hi - c.lo != timedelta(days=1) or not first <= c.hi <= last:
                continue
            before = town.changes[k - 1].side if k else OPPONENTS[c.side]
            for when, exp in (
                (c.lo - timedelta(days=2), before),
                (c.hi + timedelta(days=3), c.side),
            ):
                got = sides_of(snapshot_at(snaps, when), np.array([town.lon]), np.array([town.lat]))
                checks.append((exp, got[0]))
    cap_right = sum(e == g for e, g in checks)
    cap_major = Counter(e for e, _ in checks).most_common(1)[0][1] if checks else 0
    return {
        "checks": total,
        "covered": covered,
        "accuracy": right / covered if covered else 0.0,
        "coverage": covered / total if total else 0.0,
        "majority": majority,
        "changed_towns": sum(moved),
        "changed_accuracy": m_right / m_covered if m_covered else 0.0,
        "changed_coverage": m_covered / m_total if m_total else 0.0,
        "changed_majority": m_majority,
        "capture_checks": len(checks),
        "capture_accuracy": cap_right / len(checks) if checks else 0.0,
        "capture_majority": cap_major / len(checks) if checks else 0.0,
    }


def extract(path: Path) -> list:
    """The real extraction of a corpus file."""
    from gazetteer import default_gazetteer
    from mapper.articles import load_articles
    from mapper.extract import extract_articles
    from mapper.model import Article

    arts = [a for a in load_articles([path]) if isinstance(a, Article)]
    return list(extract_articles(arts, gazetteer=default_gazetteer()))


def syria_towns() -> list[Town]:
    """The project's 2019-20 capture timeline (tests/mapdata.py) as towns."""
    sys.path.insert(0, str(REPO / "tests"))
    from mapdata import HELD_BY_OPPOSITION, PLACES, TIMELINE

    out = []
    for name, (lat, lon, _) in PLACES.items():
        if lon > 40:
            continue
        changes = [
            Change(when - timedelta(days=1), when, side) for n, when, side in TIMELINE if n == name
        ]
        if changes:
            out.append(Town(name, lon, lat, changes, changes[-1].side))
        elif name in HELD_BY_OPPOSITION:
            out.append(Town(name, lon, lat, [], "opposition"))
    return out


def run(war: str, shared: Path) -> None:
    corpus = shared / "corpora" / f"{war}.jsonl"
    t0 = time.perf_counter()
    exts = extract(corpus)
    t1 = time.perf_counter()
    observations = obs_of(exts)
    t2 = time.perf_counter()
    snaps = estimate_front_from_observations(observations)
    t3 = time.perf_counter()
    if war == "ukraine":
        towns = ukraine_towns(shared / "reference" / "places_ukraine_front.csv")
        res = score(snaps, towns, REF_END)
    else:
        towns = syria_towns()
        res = score(snaps, towns, date(2100, 1, 1))
    n_stat = sum(len(x.control) for x in exts)
    print(f"\n## {war}: {corpus}")
    print(
        f"articles {len(exts)}, events {sum(len(x.events) for x in exts)}, control statements "
        f"{n_stat}, observations {len(observations)}, towns in the reference {len(towns)}"
    )
    print(
        f"extraction {t1 - t0:.1f} s; estimation {t3 - t2:.2f} s for {len(snaps)} snapshots "
        f"({1000 * (t3 - t2) / max(len(snaps), 1):.1f} ms per snapshot)"
    )
    print(
        f"town-date checks {res['checks']}, inside an estimated zone {res['covered']} "
        f"(coverage {res['coverage']:.3f})"
    )
    print(
        f"accuracy (inside a zone)     {res['accuracy']:.3f}   majority-side baseline "
        f"{res['majority']:.3f}"
    )
    print(
        f"towns that changed hands     {res['changed_accuracy']:.3f}   majority-side baseline "
        f"{res['changed_majority']:.3f}   ({res['changed_towns']} towns, coverage "
        f"{res['changed_coverage']:.3f})"
    )
    print(
        f"capture-date protocol        {res['capture_accuracy']:.3f}   majority-side baseline "
        f"{res['capture_majority']:.3f}   ({res['capture_checks']} checks)"
    )


def speed(sizes: list[int], full_max: int) -> None:
    """Estimation time per snapshot on synthetic events, incremental vs full recompute."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_map import synthetic

    from mapper.frontline import observations_from_events

    print("\n## estimation time (synthetic events on real Syrian places)")
    head = (
        "events",
        "observations",
        "snapshots",
        "incremental s",
        "ms/snapshot",
        "full s",
        "full/incr",
    )
    print(" | ".join(f"{h:>13}" for h in head))
    for n in sizes:
        events = [e for x in synthetic(n) for e in x.events]
        obs = observations_from_events(events)
        t0 = time.perf_counter()
        snaps = estimate_front_from_observations(obs)
        t1 = time.perf_counter()
        full = ratio = "-"
        if n <= full_max:
            t2 = time.perf_counter()
            estimate_front_from_observations(obs, incremental=False)
            t3 = time.perf_counter()
            full, ratio = f"{t3 - t2:.2f}", f"{(t3 - t2) / (t1 - t0):.1f}"
        cells = (f"{n:,}", str(len(obs)), str(len(snaps)), f"{t1 - t0:.2f}",
                 f"{1000 * (t1 - t0) / len(snaps):.1f}", full, ratio)  # fmt: skip
        print(" | ".join(f"{c:>13}" for c in cells), flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--war", choices=["ukraine", "syria", "both", "none"], default="both")
    ap.add_argument("--sizes", default="1000,10000,100000", help="synthetic sizes ('' none)")
    ap.add_argument("--full-max", type=int, default=10000)
    args = ap.parse_args(argv)
    if not (args.shared / "corpora").is_dir():
        print(f"error: {args.shared}/corpora: not found", file=sys.stderr)
        return 2
    wars = {"both": ("ukraine", "syria"), "none": ()}.get(args.war, (args.war,))
    for war in wars:
        run(war, args.shared)
    if args.sizes:
        speed([int(n) for n in args.sizes.split(",")], args.full_max)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
