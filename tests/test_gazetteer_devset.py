"""Resolution accuracy on the real devset: gold places with coordinates must land within 3 km.

For each article, the surfaces of its gold places are resolved together (spatial coherence)
with the article's country as context; a place of kind town, village, city, hill or base with
gold coordinates is right when the resolved point is within 3 km (5 km for a city), as the
project's scorer counts mentions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazetteer import Gazetteer, ResolveContext
from gazetteer.resolve import haversine_km

SCORED_KINDS = {"town", "village", "city", "hill", "base"}
COUNTRY = {
    "syria_nw": ("SY",),
    "ukraine": ("UA",),
    "libya": ("LY",),
    "sudan": ("SD",),
    "karabakh": ("AZ", "AM"),
}
#: The floor this method reaches on the 97-article devset (320/341 = 0.938 measured; 0.921
#: before Ukraine's front villages joined the index); a drop below it is a regression.
FLOOR = 0.935


@pytest.mark.slow
def test_devset_gold_places_resolve_within_3_km(devset_path: Path) -> None:
    gz = Gazetteer.open()
    right = total = 0
    misses = []
    for line in devset_path.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        places = article["gold"]["places"]
        context = ResolveContext(countries=COUNTRY.get(article.get("region", ""), ()))
        results = gz.resolve_together([p["surface"] for p in places], context=context)
        for gold, res in zip(places, results, strict=True):
            if gold["lat"] is None or gold["kind"] not in SCORED_KINDS:
                continue
            total += 1
            limit = 5.0 if gold["kind"] == "city" else 3.0
            place = res.place
            if place and haversine_km(gold["lat"], gold["lon"], place.lat, place.lon) <= limit:
                right += 1
            else:
                misses.append(f"{article['id']} {gold['surface']!r}: {res.reason}")
    accuracy = right / total
    print(f"\ndevset gazetteer accuracy: {right}/{total} = {accuracy:.1%}")
    print("misses:", *misses, sep="\n  ")
    assert total >= 80
    assert accuracy >= FLOOR
