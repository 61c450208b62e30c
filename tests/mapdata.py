"""Builders of events for the map tests, on real places with their sourced coordinates.

Coordinates are facts from GeoNames (ids given) or the sources listed in
``../shared/reference/places_nw_syria.csv``; dates of the 2019-20 captures are the historical
ones (government offensive on Idlib / northern Hama). The sentences are written for the tests.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from gazetteer.place import Place
from mapper.frontline import ControlFact
from mapper.model import Article, ArticleExtraction, Event, LoadProblem, Mention

#: The files a map run writes, as the project's contract names them (written out here, not
#: imported from the code, so that the tests check the code against the contract).
OUTPUT_NAMES = frozenset(
    {"map.html", "events.geojson", "frontline.geojson", "uncertainty.geojson"}
    | {"frontline.gpkg", "unresolved.csv", "frontline.qgz"}
)

# name: (lat, lon, id)
PLACES: dict[str, tuple[float, float, str]] = {
    "Khan Shaykhun": (35.44208, 36.65095, "geonames:168325"),
    "Maarat al-Numan": (35.64830, 36.67693, "geonames:167611"),
    "Saraqib": (35.86447, 36.80591, "geonames:164816"),
    "Kafr Nabudah": (35.43167, 36.49278, "curated:kafr-nabudah"),
    "Qalaat al-Madiq": (35.41465, 36.39085, "geonames:166227"),
    "Kafr Zita": (35.37425, 36.60330, "geonames:168620"),
    "Morek": (35.37615, 36.68970, "geonames:166640"),
    "al-Tamanah": (35.45846, 36.74816, "geonames:172347"),
    "al-Habit": (35.44000, 36.53667, "curated:al-habit"),
    "al-Lataminah": (35.32083, 36.62250, "curated:al-lataminah"),
    "Kafr Nabl": (35.61376, 36.56449, "geonames:168661"),
    "Ariha": (35.81374, 36.60964, "geonames:172994"),
    "Idlib": (35.93062, 36.63393, "geonames:169389"),
    "Abu al-Duhur": (35.74058, 37.04480, "geonames:174611"),
    "Jarjanaz": (35.61667, 36.78333, "curated:jarjanaz"),
    "Hish": (35.54793, 36.64356, "geonames:169563"),
    "Binnish": (35.95664, 36.71380, "geonames:171451"),
    "Taftanaz": (35.99832, 36.78579, "geonames:163799"),
    "Kupiansk": (49.71003, 37.61581, "geonames:703656"),
    "Izium": (49.20697, 37.27679, "geonames:707292"),
    "Balakliia": (49.45595, 36.84433, "geonames:712926"),
}

#: Real 2019-20 captures (place, date, side): the government offensive and the Saraqib swing.
TIMELINE: tuple[tuple[str, date, str], ...] = (
    ("Kafr Nabudah", date(2019, 5, 8), "government"),
    ("Qalaat al-Madiq", date(2019, 5, 9), "government"),
    ("al-Habit", date(2019, 8, 11), "government"),
    ("Khan Shaykhun", date(2019, 8, 20), "government"),
    ("al-Tamanah", date(2019, 8, 22), "government"),
    ("Morek", date(2019, 8, 23), "government"),
    ("Kafr Zita", date(2019, 8, 23), "government"),
    ("al-Lataminah", date(2019, 8, 23), "government"),
    ("Jarjanaz", date(2019, 12, 24), "government"),
    ("Abu al-Duhur", date(2020, 1, 21), "government"),
    ("Maarat al-Numan", date(2020, 1, 28), "government"),
    ("Saraqib", date(2020, 2, 6), "government"),
    ("Kafr Nabl", date(2020, 2, 25), "government"),
    ("Saraqib", date(2020, 2, 27), "opposition"),
    ("Saraqib", date(2020, 3, 2), "government"),
)
#: Places the opposition held throughout (their capture is not in the timeline).
HELD_BY_OPPOSITION = ("Idlib", "Ariha", "Binnish", "Taftanaz")


def place(name: str) -> Place:
    """The :class:`Place` of a name in :data:`PLACES`."""
    lat, lon, pid = PLACES[name]
    return Place(id=pid, name=name, lat=lat, lon=lon, country="SY", kind="town", source="test")


def mention(article_id: str, name: str, start: int, *, surface: str | None = None) -> Mention:
    """A resolved mention of ``name`` at ``start`` (``surface`` as written, default the name)."""
    text = surface or name
    return Mention(
        article_id, text, start, start + len(text), f"... {text} ...", place(name), 0.9, "test"
    )


def event(
    article_id: str,
    kind: str,
    name: str | None,
    when: date | None,
    side: str | None = "government",
    *,
    start: int = 0,
    evidence: str | None = None,
    distance_km: float | None = None,
    direction: str | None = None,
    surface: str | None = None,
    killed: dict[str, int] | None = None,
    source: str | None = "Test Wire",
    url: str | None = "https://example.org/dispatch",
    title: str | None = "A test dispatch",
) -> Event:
    """An event at a real place (or unplaced when ``name`` is None)."""
    m = mention(article_id, name, start, surface=surface) if name else None
    text = evidence or f"Forces of the {side} side reported a {kind} at {name} (test sentence)."
    return Event(
        article_id=article_id,
        type=kind,
        actor=side,
        place=m,
        evidence=text,
        start=start,
        end=start + len(text),
        date=when,
        date_text="on Sunday" if when else None,
        date_precision="day" if when else "unknown",
        distance_km=distance_km,
        distance_text=f"{distance_km:g} kilometers" if distance_km is not None else None,
        direction=direction,
        lat=m.lat if m else None,
        lon=m.lon if m else None,
        killed=killed or {},
        confidence=0.8,
        source=source,
        url=url,
        title=title,
        published=when,
    )


def extraction(
    article_id: str,
    events: list[Event],
    *,
    when: date | None = None,
    title: str = "A test dispatch",
    source: str = "Test Wire",
    url: str | None = "https://example.org/dispatch",
) -> ArticleExtraction:
    """An :class:`ArticleExtraction` holding ``events`` and their mentions."""
    art = Article(
        id=article_id,
        text="(test article)",
        published=when,
        title=title,
        source=source,
        url=url,
        origin="test",
    )
    mentions = [e.place for e in events if e.place is not None]
    return ArticleExtraction(article=art, mentions=mentions, events=events)


def timeline_extractions() -> list[ArticleExtraction]:
    """One article per capture of :data:`TIMELINE`, plus clashes that change nothing."""
    out = []
    for i, (name, when, side) in enumerate(TIMELINE):
        aid = "t" + hashlib.sha1(f"{name}{when}".encode()).hexdigest()[:8]
        evs = [
            event(aid, "capture", name, when, side, start=10),
            event(aid, "clash", "Ariha", when, side, start=200),
        ]
        out.append(extraction(aid, evs, when=when, title=f"Capture number {i}"))
    return out


def timeline_facts() -> list[ControlFact]:
    """Ground truth for :func:`mapper.frontline.share_on_right_side` from :data:`TIMELINE`."""
    facts = []
    names = [name for name, _, _ in TIMELINE]
    for name, when, side in TIMELINE:
        if names.count(name) > 1:
            continue  # towns that changed hands twice (Saraqib) have their own test

        lat, lon, _ = PLACES[name]
        facts.append(ControlFact(name, lon, lat, when, side, "opposition"))
    return facts


def extract_folder(path: Path) -> list[ArticleExtraction]:
    """Load every article under ``path`` (none may fail) and run the real extractor on them."""
    from mapper.articles import load_articles
    from mapper.extract import extract_articles

    records = list(load_articles([path]))
    problems = [r for r in records if isinstance(r, LoadProblem)]
    assert records and not problems, problems or f"no article loaded from {path}"
    return list(extract_articles(r for r in records if isinstance(r, Article)))


def zone_feature(side: str, day: str, x: float) -> dict[str, Any]:
    """A small (degenerate) baseline polygon feature with a side and a date, at longitude x."""
    ring = [[x, 0.0], [x + 0.1, 0.0], [x + 0.1, 0.1], [x, 0.0]]
    return {
        "type": "Feature",
        "properties": {"side": side, "date": day},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
