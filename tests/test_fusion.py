"""Reports of one event across outlets fused into one (mapper.fusion)."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import geojson_validator
import pyogrio
import pytest
from mapdata import PLACES, event, mention

from mapper.fusion import (
    FUSE_KM,
    Reversal,
    corroboration_factor,
    fuse_events,
    observations_from_fused,
    reversals,
)
from mapper.geometry import geodesic_distance_km

DAY = date(2019, 8, 20)
OUTLETS = ["Wire One", "Wire Two", "Daily Three", "Radio Four", "Monitor Five", "Paper Six"]


def six_reports():
    return [
        replace(event(f"a{i}", "capture", "Khan Shaykhun", DAY, "government"), source=outlet)
        for i, outlet in enumerate(OUTLETS)
    ]


def test_six_reports_of_one_capture_are_one_event_with_six_sources():
    reports = six_reports()
    reports[2] = replace(reports[2], date=date(2019, 8, 21))  # a day later: still the same
    (fused,) = fuse_events(reports)
    assert fused.corroboration == 6
    assert sorted(fused.sources) == sorted(OUTLETS)
    assert not fused.claim
    assert {r["source"] for r in fused.to_dict()["reports"]} == set(OUTLETS)
    (obs,) = observations_from_fused([fused])
    assert obs.event_id == fused.id


def test_a_one_source_report_is_a_claim_and_weighs_less():
    (claim,) = fuse_events([event("x", "capture", "Morek", DAY, "government")])
    (fact,) = fuse_events(six_reports())
    assert claim.claim and claim.corroboration == 1
    assert corroboration_factor(claim) < corroboration_factor(fact)
    (weak,) = observations_from_fused([claim])
    (strong,) = observations_from_fused([fact])
    assert weak.confidence < strong.confidence


def test_one_sides_media_alone_is_a_claim():
    reports = [
        replace(event("s", "capture", "Morek", DAY, "government"), source="SANA"),
        replace(event("t", "capture", "Morek", DAY, "government"), source="Al-Masdar News"),
    ]
    (fused,) = fuse_events(reports)
    assert fused.corroboration == 2 and fused.claim and fused.sides_of_media == ("government",)


def test_different_type_side_place_or_date_stay_apart():
    base = event("a", "capture", "Khan Shaykhun", DAY, "government")
    others = [
        replace(base, article_id="b", type="entry"),
        replace(base, article_id="c", actor="opposition"),
        event("d", "capture", "Morek", DAY, "government"),  # 9 km away
        replace(base, article_id="e", date=date(2019, 8, 25)),
    ]
    assert len(fuse_events([base, *others])) == 5
    assert FUSE_KM < 9


# ---- end to end: articles written here, the real extractor, the written outputs ----

#: Six outlets reporting the government's capture of Khan Shaykhun (20 August 2019).
SIX_REPORTS = (
    ("Wire One", "Syrian government forces captured Khan Shaykhun on Tuesday, a war monitor said."),
    (
        "Daily Three",
        "Government troops took control of Khan Shaykhun on Tuesday after heavy fighting.",
    ),
    (
        "Radio Four",
        "Syrian army forces seized the town of Khan Shaykhun on Tuesday, state media said.",
    ),
    ("Monitor Five", "Regime forces captured Khan Shaykhun on Tuesday, the observatory reported."),
    ("Paper Six", "The Syrian army took full control of Khan Shaykhun on Tuesday, a source said."),
    ("Wire Two", "Government forces captured the strategic town of Khan Shaykhun on Tuesday."),
)
#: One outlet alone (a claim); then a town taken and taken back (a reversal).
OTHER_REPORTS = (
    ("2019-08-23", "Lone Courier", "Government forces captured Morek on Friday, the courier said."),
    ("2020-02-07", "Wire One", "Government forces captured Saraqib on Thursday, a monitor said."),
    ("2020-02-28", "Daily Three", "Rebel fighters recaptured Saraqib on Thursday, a monitor said."),
)


def _write_articles(folder: Path) -> None:
    """The articles above as front-matter files (hostile-free text written for the test)."""
    items = [("2019-08-21", source, text) for source, text in SIX_REPORTS] + list(OTHER_REPORTS)
    for i, (day, source, text) in enumerate(items):
        (folder / f"r{i}.md").write_text(
            f"---\npublished: {day}\ntitle: Dispatch {i} from {source}\nsource: {source}\n"
            f"url: https://example.org/{i}\n---\nBEIRUT ({source}) - {text}\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def mapped(tmp_path_factory) -> Path:
    from mapdata import extract_folder

    from mapper.render import write_outputs

    articles = tmp_path_factory.mktemp("articles")
    _write_articles(articles)
    out = tmp_path_factory.mktemp("out")
    summary = write_outputs(extract_folder(articles), out)
    assert summary.events_located == len(SIX_REPORTS) + len(OTHER_REPORTS)
    return out


def _features(out: Path) -> dict[str, dict]:
    doc = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert geojson_validator.validate_structure(doc, check_crs=True) == {}
    by_place: dict[str, list[dict]] = {}
    for feature in doc["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        # the test's name of the place (the gazetteer spells it its own way)
        name = next(
            n for n, (y, x, _) in PLACES.items() if geodesic_distance_km(x, y, lon, lat) < 2
        )
        by_place.setdefault(name, []).append(feature["properties"])
    return {name: sorted(p, key=lambda x: x["date"]) for name, p in by_place.items()}


def test_six_articles_of_one_capture_are_one_feature_with_six_reports(mapped):
    features = _features(mapped)
    (ks,) = features["Khan Shaykhun"]
    assert ks["corroboration"] == 6 and ks["claim"] is False and ks["report_count"] == 6
    outlets = [source for source, _ in SIX_REPORTS]
    assert sorted(ks["sources"].split("; ")) == sorted(outlets)
    reports = ks["reports"]  # a native JSON array of objects
    assert sorted(r["source"] for r in reports) == sorted(outlets)
    written = dict(SIX_REPORTS)
    assert all(written[r["source"]] in r["evidence"] for r in reports)  # each its own sentence
    assert all(r["url"].startswith("https://example.org/") and r["title"] for r in reports)
    assert all(r["date_text"] and r["article_id"] for r in reports)
    # GDAL reads the array property (as JSON) and every other column
    back = pyogrio.read_dataframe(mapped / "events.geojson")
    row = back[back["corroboration"] == 6].iloc[0]
    assert sorted(r["source"] for r in row["reports"]) == sorted(outlets)


def test_one_outlet_alone_is_a_claim_in_the_file_and_on_the_map(mapped):
    (morek,) = _features(mapped)["Morek"]
    assert morek["claim"] is True and morek["corroboration"] == 1
    assert morek["sources"] == "Lone Courier" and len(morek["reports"]) == 1


def test_a_capture_taken_back_is_superseded(mapped):
    first, second = _features(mapped)["Saraqib"]
    assert (first["actor"], second["actor"]) == ("government", "opposition")
    assert first["superseded_by"] == second["id"]
    assert first["superseded_on"] == second["date"] and first["superseded_side"] == "opposition"
    assert second["superseded_by"] is None


def test_the_map_has_one_marker_per_fused_event_listing_its_reports(mapped):
    page = (mapped / "map.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r"var D = (\{.*?\});\n", page, re.S).group(1))
    fields, strings = data["fields"], data["strings"]
    assert len(data["events"]) == 4  # Khan Shaykhun, Morek, Saraqib twice
    (ks,) = [r for r in data["events"] if len(r) > fields.index("reports")]
    assert ks[fields.index("corroboration")] == 6
    sources = sorted(strings[rep[0]] for rep in ks[fields.index("reports")])
    assert sources == sorted(source for source, _ in SIX_REPORTS)
    at = fields.index("superseded_on")
    superseded = [strings[r[at]] for r in data["events"] if len(r) > at and r[at] is not None]
    assert superseded == ["2020-02-27"]


def test_each_capture_is_superseded_by_the_next_capture_by_another_side():
    takes = [
        event("a", "capture", "Saraqib", date(2020, 2, 6), "government"),
        event("b", "capture", "Saraqib", date(2020, 2, 10), "government"),  # a repeat
        event("c", "capture", "Saraqib", date(2020, 2, 27), "opposition"),
        event("d", "clash", "Saraqib", date(2020, 3, 1), "government"),  # no capture
        event("e", "entry", "Saraqib", date(2020, 3, 2), "government"),
        event("f", "capture", "Hish", date(2020, 3, 3), "opposition"),  # another place
    ]
    fused = fuse_events(takes)
    ids = {f.event.article_id: f.id for f in fused}
    rev = reversals(fused)
    assert {aid: (rev[ids[aid]].by, rev[ids[aid]].date) for aid in "abc"} == {
        "a": (ids["c"], date(2020, 2, 27)),
        "b": (ids["c"], date(2020, 2, 27)),
        "c": (ids["e"], date(2020, 3, 2)),
    }
    assert rev[ids["c"]].side == "government"
    assert set(rev) == {ids["a"], ids["b"], ids["c"]}


def test_undated_or_unplaced_reports_stay_alone():
    undated = [event(f"u{i}", "capture", "Morek", None, "government") for i in range(2)]
    unplaced = [event(f"p{i}", "capture", None, DAY, "government") for i in range(2)]
    fused = fuse_events([*undated, *unplaced, *six_reports()])
    assert [len(f.reports) for f in fused] == [6, 1, 1, 1, 1]
    assert [f.id for f in fused[1:]] == [e.id for e in [*undated, *unplaced]]  # their own ids


def test_the_geopackage_has_one_fused_row_per_event_with_count_and_sources(mapped):
    fused = pyogrio.read_dataframe(mapped / "frontline.gpkg", layer="fused_events")
    per_report = pyogrio.read_dataframe(mapped / "frontline.gpkg", layer="events")
    assert len(per_report) == len(SIX_REPORTS) + len(OTHER_REPORTS)  # every article's event
    assert len(fused) == 4
    row = fused[fused["corroboration"] == 6].iloc[0]
    assert sorted(row["sources"].split("; ")) == sorted(s for s, _ in SIX_REPORTS)
    assert not row["claim"]
    assert sorted(r["source"] for r in json.loads(row["reports"])) == sorted(
        s for s, _ in SIX_REPORTS
    )


def test_a_store_fuses_reports_added_by_separate_runs(tmp_path):
    from mapdata import extraction

    from mapper.render import write_outputs
    from mapper.store import read_layer

    store = tmp_path / "all.gpkg"
    runs = [six_reports()[:3], six_reports()[3:]]
    for i, reports in enumerate(runs):
        exts = [extraction(r.article_id, [r], when=DAY, source=r.source or "") for r in reports]
        write_outputs(exts, tmp_path / f"run{i}", store=store)
    (row,) = read_layer(store, "fused_events").to_dict("records")
    assert row["corroboration"] == 6 and row["report_count"] == 6
    assert sorted(row["sources"].split("; ")) == sorted(OUTLETS)
    assert len(read_layer(store, "events")) == 6


def test_daily_clashes_at_one_town_do_not_chain_into_one_event():
    days = [date(2019, 8, 1 + i) for i in range(10)]
    series = [event(f"d{i}", "clash", "Hish", day, "government") for i, day in enumerate(days)]
    fused = fuse_events(series)
    # each group holds its first report's day and the next: 1-2, 3-4, ... 9-10 August
    assert [[r.date.day for r in f.reports] for f in fused] == [
        [1, 2],
        [3, 4],
        [5, 6],
        [7, 8],
        [9, 10],
    ]


def test_one_articles_captures_of_two_nearby_villages_are_two_events():
    # one article names two places; the second is moved (made up) to 1.1 km from the first
    a = event("v", "capture", "Khan Shaykhun", DAY, "government")
    near = replace(a, place=mention("v", "Hish", 40), start=40)
    near = replace(near, lat=a.lat + 0.01, lon=a.lon)  # 1.1 km away, another gazetteer place
    assert len(fuse_events([a, near])) == 2
    other_article = replace(near, article_id="w", place=replace(near.place, article_id="w"))
    assert len(fuse_events([a, other_article])) == 1  # across articles: one place, two names


def test_a_reversal_is_found_across_an_index_cell_boundary_and_far_north():
    for lat, lon in ((35.0, 35.999), (69.999, 20.0)):  # 0.1-degree cell edges, in Syria and Norway
        a = replace(event("a", "capture", "Hish", DAY, "government"), lat=lat, lon=lon)
        # 2.5 km east and 0.5 km north of it, in the neighbouring cells
        east = 2.5 / (111.2 * math.cos(math.radians(lat)))
        b = replace(a, article_id="b", actor="opposition", date=date(2019, 9, 1))
        b = replace(b, lat=lat + 0.0045, lon=lon + east)
        assert geodesic_distance_km(a.lon, a.lat, b.lon, b.lat) < FUSE_KM
        fused = fuse_events([a, b])
        got = reversals(fused)
        assert got == {
            fused[0].id: Reversal(fused[1].id, b.date, "opposition", "taken by opposition")
        }


def _denial(article_id: str, kind: str, name: str, when: date, side: str, source: str):
    """The claim a (made-up) sentence denies, as the extractor keeps it (reason "denied")."""
    from mapper.model import DENIED

    return replace(event(article_id, kind, name, when, side), source=source, reason=DENIED)


def test_a_claim_later_denied_is_superseded_and_is_no_control_evidence():
    from mapdata import extraction

    from mapper.fusion import denials, front_observations, superseded

    claim = replace(event("c", "capture", "Morek", DAY, "government"), source="Lone Courier")
    denial = _denial("d", "capture", "Morek", date(2019, 8, 22), "government", "Echo Radio")
    fused = fuse_events([claim])
    got = superseded(fused, [denial])
    assert got == {fused[0].id: Reversal(denial.id, denial.date, None, "denied by Echo Radio")}
    exts = [extraction("c", [claim], when=DAY), extraction("d", [], when=denial.date)]
    assert len(front_observations(exts)) == 1  # without the denial: the claim counts
    exts[1].denials.append(denial)
    assert front_observations(exts) == []
    # a denial of another place, side, type, or weeks later, or by the claim's own outlet: none
    for other in (
        _denial("d", "capture", "Saraqib", date(2019, 8, 22), "government", "Echo Radio"),
        _denial("d", "capture", "Morek", date(2019, 8, 22), "opposition", "Echo Radio"),
        _denial("d", "clash", "Morek", date(2019, 8, 22), "government", "Echo Radio"),
        _denial("d", "capture", "Morek", date(2019, 9, 20), "government", "Echo Radio"),
        _denial("d", "capture", "Morek", date(2019, 8, 22), "government", "Lone Courier"),
    ):
        assert denials(fused, [other]) == {}


def test_a_denial_does_not_supersede_an_event_several_outlets_report():
    from mapper.fusion import denials

    (fact,) = fuse_events(six_reports())
    denial = _denial("d", "capture", "Khan Shaykhun", DAY, "government", "Echo Radio")
    assert denials([fact], [denial]) == {}


def test_the_extractor_keeps_a_denied_claim_apart_from_the_events():
    from gazetteer import default_gazetteer
    from mapper.extract import extract_article
    from mapper.model import Article

    text = "The opposition denied that the army had captured Saraqib on Monday."
    art = Article("t", text, published=date(2020, 2, 8), source="Test Wire")
    ext = extract_article(art, default_gazetteer())
    assert [e.type for e in ext.events] == []
    (denied,) = ext.denials
    assert denied.type == "capture" and denied.place is not None
    assert denied.place.place is not None and denied.place.place.name == "Saraqib"


def test_a_fused_capture_holds_from_its_first_dated_report_not_a_months_end():
    # a retrospective "took it in August" (a month) fused with a report dated the 20th
    month = replace(
        event("m", "capture", "Khan Shaykhun", date(2019, 8, 1), "government"),
        date_end=date(2019, 8, 31),
        date_precision="range",
        source="Monthly Review",
    )
    dated = replace(event("d", "capture", "Khan Shaykhun", DAY, "government"), source="Wire One")
    (fused,) = fuse_events([month, dated])
    assert fused.corroboration == 2
    (obs,) = observations_from_fused([fused])
    assert obs.date == DAY
    (alone,) = observations_from_fused(fuse_events([month]))
    assert alone.date == date(2019, 8, 31)  # the month alone is certain only at its end
