"""Reports of one event across outlets fused into one (mapper.fusion)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from mapdata import event

from mapper.fusion import FUSE_KM, corroboration_factor, fuse_events, observations_from_fused

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
