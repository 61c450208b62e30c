"""Control zones and the front line per date (mapper.frontline), on real places."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
import shapely
from mapdata import (
    PLACES,
    TIMELINE,
    event,
    extract_folder,
    timeline_extractions,
    timeline_facts,
)
from shapely.geometry import LineString, Point

from mapper.frontline import (
    ControlFact,
    estimate_front,
    observations_from_events,
    share_on_right_side,
    side_at,
)
from mapper.geometry import geodesic_distance_km


def lonlat(name):
    lat, lon, _ = PLACES[name]
    return lon, lat


@pytest.fixture(scope="module")
def snapshots():
    events = [e for ext in timeline_extractions() for e in ext.events]
    return estimate_front(events)


def test_one_snapshot_per_date_with_control_evidence(snapshots):
    assert [s.date for s in snapshots] == sorted({when for _, when, _ in TIMELINE})
    for snap in snapshots:
        two_sides = len({p.side for p in snap.places}) == 2
        assert (snap.line is not None) == two_sides, snap.date
        if two_sides:
            assert snap.note == "", snap.date
        else:  # no line: the snapshot says why
            assert "only one side" in snap.note, (snap.date, snap.note)
    counts = [s.observations for s in snapshots]
    assert counts == sorted(counts) and counts[-1] == len(TIMELINE)


@pytest.mark.parametrize(("name", "when", "side"), [t for t in TIMELINE if t[0] != "Saraqib"])
def test_captured_town_changes_zone_at_its_capture(snapshots, name, when, side):
    assert side_at(snapshots, *lonlat(name), when) == side
    assert side_at(snapshots, *lonlat(name), when + timedelta(days=30)) == side
    if when > snapshots[0].date:
        assert side_at(snapshots, *lonlat(name), when - timedelta(days=1)) == "opposition"


def test_saraqib_swings_with_each_capture(snapshots):
    where = lonlat("Saraqib")
    assert side_at(snapshots, *where, date(2020, 2, 5)) == "opposition"
    assert side_at(snapshots, *where, date(2020, 2, 6)) == "government"
    assert side_at(snapshots, *where, date(2020, 2, 28)) == "opposition"
    assert side_at(snapshots, *where, date(2020, 3, 2)) == "government"


def test_share_on_right_side_is_total_on_the_real_timeline(snapshots):
    shares = share_on_right_side(snapshots, timeline_facts())
    assert set(shares) == {s.date for s in snapshots}
    assert all(v == 1.0 for v in shares.values()), shares


def test_share_on_right_side_drops_when_the_truth_disagrees(snapshots):
    wrong = [
        ControlFact(f.name, f.lon, f.lat, f.date, "opposition", "government")
        for f in timeline_facts()
    ]
    shares = share_on_right_side(snapshots, wrong)
    assert max(shares.values()) <= 0.5


def test_towns_the_opposition_is_said_to_hold_stay_in_its_zone(snapshots):
    # with only government captures reported, the towns near them fall in the government zone;
    # a statement that Idlib is rebel-held on the last date keeps Idlib and Binnish opposition
    from mapdata import mention

    from mapper.model import ControlStatement

    events = [e for ext in timeline_extractions() for e in ext.events]
    last = snapshots[-1].date
    held = ControlStatement(
        "s", mention("s", "Idlib", 0), "opposition", "held", "side-held", 0.8, "(test)", 0, 5, last
    )
    final = estimate_front(events, control=[held])[-1]
    for name in ("Idlib", "Binnish"):
        assert side_at([final], *lonlat(name), last) == "opposition"
    assert side_at([final], *lonlat("Saraqib"), last) == "government"


def test_front_line_is_the_bisector_between_two_opposed_towns():
    evs = [
        event("a", "capture", "Khan Shaykhun", date(2019, 8, 20), "government"),
        event("b", "capture", "Maarat al-Numan", date(2019, 8, 20), "opposition", start=50),
    ]
    (snap,) = estimate_front(evs)
    assert snap.line is not None
    ks, man = lonlat("Khan Shaykhun"), lonlat("Maarat al-Numan")
    crossing = snap.line.intersection(LineString([ks, man]))
    assert crossing.geom_type == "Point"
    d1 = geodesic_distance_km(*ks, crossing.x, crossing.y)
    d2 = geodesic_distance_km(*man, crossing.x, crossing.y)
    assert d1 == pytest.approx(d2, abs=0.2)
    assert snap.zones["government"].contains(Point(ks))
    assert snap.zones["opposition"].contains(Point(man))


def test_no_events_no_snapshots():
    assert estimate_front([]) == []


def test_one_observation_gives_a_zone_and_says_why_there_is_no_line():
    (snap,) = estimate_front([event("a", "entry", "Khan Shaykhun", date(2019, 8, 18))])
    assert snap.line is None
    assert "only one side" in snap.note
    assert snap.zones["government"].contains(Point(lonlat("Khan Shaykhun")))


def test_collinear_places_do_not_crash():
    # three places on one meridian, made up by reusing one real longitude
    from mapdata import mention

    evs = []
    for i, (lat, side) in enumerate(
        [(35.40, "government"), (35.50, "government"), (35.60, "opposition")]
    ):
        e = event(f"c{i}", "capture", "Khan Shaykhun", date(2019, 8, 20), side, start=i)
        m = mention(f"c{i}", "Khan Shaykhun", i)
        m = type(m)(
            m.article_id,
            m.surface,
            m.start,
            m.end,
            m.sentence,
            type(m.place)(f"test:{i}", f"P{i}", lat, 36.65),
            0.9,
            "test",
        )
        evs.append(
            type(e)(
                **{**{f: getattr(e, f) for f in e.__slots__}, "place": m, "lat": lat, "lon": 36.65}
            )
        )
    (snap,) = estimate_front(evs)
    assert snap.line is not None
    assert snap.line.bounds[1] == pytest.approx(35.55, abs=0.01)  # the bisector is at 35.55


def test_targets_clashes_and_bombardments_change_nothing():
    base = [event("a", "capture", "Khan Shaykhun", date(2019, 8, 20))]
    extra = [
        event("b", kind, "Maarat al-Numan", date(2019, 9, 1), "opposition", start=i)
        for i, kind in enumerate(["target", "clash", "bombardment", "encirclement"])
    ]
    assert observations_from_events(extra) == []
    assert [s.date for s in estimate_front(base + extra)] == [date(2019, 8, 20)]


def test_undated_or_unplaced_events_are_not_observations():
    evs = [
        event("a", "capture", "Khan Shaykhun", None),
        event("b", "capture", None, date(2019, 8, 20)),
    ]
    assert observations_from_events(evs) == []


def test_withdrawal_hands_the_place_to_the_other_side():
    evs = [
        event("a", "capture", "Khan Shaykhun", date(2019, 8, 1), "government"),
        event("b", "withdrawal", "Maarat al-Numan", date(2019, 8, 2), "opposition"),
    ]
    last = estimate_front(evs)[-1]
    assert side_at([last], *lonlat("Maarat al-Numan"), last.date) == "government"


def test_reported_position_is_a_weaker_observation_at_the_projected_point():
    evs = [
        event("a", "advance", "Khan Shaykhun", date(2019, 8, 14), distance_km=4, direction="W"),
        event("b", "capture", "Khan Shaykhun", date(2019, 8, 20), start=99),
    ]
    obs = observations_from_events(evs)
    assert [o.kind for o in obs] == ["advance", "capture"]
    assert obs[0].weight < obs[1].weight
    first = estimate_front(evs)[0]
    # before its capture Khan Shaykhun is the opposition's; the position 4 km west is not
    assert side_at([first], *lonlat("Khan Shaykhun"), first.date) == "opposition"
    assert first.line is not None


def test_wars_far_apart_get_separate_theatres():
    evs = [
        event("a", "capture", "Khan Shaykhun", date(2022, 9, 10), "government"),
        event("b", "capture", "Maarat al-Numan", date(2022, 9, 10), "opposition", start=5),
        event("c", "capture", "Balakliia", date(2022, 9, 10), "ukraine", start=9),
        event("d", "capture", "Izium", date(2022, 9, 10), "russia", start=13),
    ]
    (snap,) = estimate_front(evs)
    assert set(snap.zones) == {"government", "opposition", "russia", "ukraine"}
    ankara = Point(32.85411, 39.91987)  # between the two wars
    assert not any(z.contains(ankara) for z in snap.zones.values())
    assert snap.zones["ukraine"].contains(Point(lonlat("Balakliia")))
    assert snap.line.geom_type == "MultiLineString"


def test_zones_of_places_whose_reach_overlaps_share_one_diagram():
    from mapper.frontline import CELL_RADIUS_KM

    day = date(2020, 1, 1)
    # made-up places on the 60th parallel, where a degree of longitude is 56 km: 195 km apart,
    # so each one's reach covers the middle
    a, b = (30.0, 60.0), (33.5, 60.0)
    assert geodesic_distance_km(*a, *b) < 2 * CELL_RADIUS_KM
    (snap,) = estimate_front(
        [_at("a", a[1], a[0], "government", day), _at("b", b[1], b[0], "opposition", day)]
    )
    gov, opp = snap.zones["government"], snap.zones["opposition"]
    assert gov.intersection(opp).area < 1e-9  # one Voronoi diagram: the zones only touch
    assert side_at([snap], 31.5, 60.0, day) == "government"  # nearer "a", within both reaches
    assert not opp.covers(Point(31.5, 60.0))


def test_confidence_grows_with_evidence(snapshots):
    assert 0 < snapshots[0].confidence < snapshots[-1].confidence <= 1


def test_no_zone_reaches_farther_than_the_cell_radius_from_its_places():
    from mapper.frontline import CELL_RADIUS_KM

    names = ["Khan Shaykhun", "Abu al-Duhur", "Taftanaz"]
    evs = [
        event(n[:3], "capture", n, date(2020, 1, 1), side, start=i)
        for i, (n, side) in enumerate(
            zip(names, ["government", "opposition", "opposition"], strict=True)
        )
    ]
    (snap,) = estimate_front(evs)
    for zone in snap.zones.values():
        for lon, lat in shapely.get_coordinates(zone):
            nearest = min(geodesic_distance_km(*lonlat(n), lon, lat) for n in names)
            assert nearest <= CELL_RADIUS_KM + 0.5


def test_polygonal_keeps_polygons_nested_in_collections():
    from mapper.frontline import _polygonal

    a, b = shapely.box(0, 0, 1, 1), shapely.box(2, 0, 3, 1)
    nested = shapely.GeometryCollection(
        [shapely.MultiPolygon([a, b]), shapely.LineString([(0, 0), (5, 5)])]
    )
    assert _polygonal(nested).area == pytest.approx(2.0)


@pytest.mark.slow
def test_demo_corpus_puts_captured_towns_on_the_right_side(demo_dir):
    """Extract the demo corpus; check its estimated zones against the historical captures."""
    events = [e for x in extract_folder(demo_dir) for e in x.events]
    snapshots = estimate_front(events)
    assert len(snapshots) > 5
    captured = [(e.lon, e.lat) for e in events if e.type in ("capture", "entry") and e.lon]
    # the towns whose capture the corpus reports (an event within 1 km of the town)
    facts = [
        f
        for f in timeline_facts()
        if any(geodesic_distance_km(f.lon, f.lat, lon, lat) < 1.0 for lon, lat in captured)
    ]
    checks = []
    for fact in facts:
        for when, expected in ((fact.date - timedelta(days=3), fact.before),
                               (fact.date + timedelta(days=3), fact.side)):  # fmt: skip
            if when >= snapshots[0].date:
                checks.append(side_at(snapshots, fact.lon, fact.lat, when) == expected)
    assert len(checks) >= 12
    # 14 of 18 with the parse-based extractor: the demo's withdrawals are dated from the
    # sentence that reports them, days before the captures (issue 10 note)
    assert sum(checks) / len(checks) >= 14 / 18, checks


def test_russian_captures_count_for_the_government_in_syria_not_in_ukraine():
    evs = [
        event("a", "capture", "Khan Shaykhun", date(2019, 8, 20), "russia"),
        event("b", "capture", "Maarat al-Numan", date(2019, 8, 20), "opposition", start=5),
        event("c", "capture", "Izium", date(2022, 4, 1), "russia", start=9),
        event("d", "capture", "Balakliia", date(2022, 4, 1), "ukraine", start=13),
    ]
    last = estimate_front(evs)[-1]
    assert side_at([last], *lonlat("Khan Shaykhun"), last.date) == "government"
    assert side_at([last], *lonlat("Izium"), last.date) == "russia"


def _at(
    key: str,
    lat: float,
    lon: float,
    side: str,
    when: date,
    kind: str = "capture",
    confidence: float = 0.8,
):
    """An event at a made-up place (coordinates chosen for geometry, not a real town)."""
    from mapdata import mention

    from mapper.model import Event

    m = mention(key, "Khan Shaykhun", 0)
    m = type(m)(key, key, 0, len(key), "", type(m.place)(f"test:{key}", key, lat, lon), 0.9, "t")
    return Event(key, kind, side, m, "(test)", 0, 6, when, lat=lat, lon=lon, confidence=confidence)


def test_zones_cover_the_places_between_two_reported_captures():
    evs = [
        event("a", "capture", "Khan Shaykhun", date(2019, 8, 20), "government"),
        event("b", "capture", "Maarat al-Numan", date(2019, 8, 20), "government", start=5),
    ]
    (snap,) = estimate_front(evs)
    assert side_at([snap], *lonlat("Hish"), snap.date) == "government"  # between the two
    assert side_at([snap], *lonlat("Kafr Nabl"), snap.date) == "government"  # 10 km aside


def test_farther_than_the_reach_from_any_evidence_is_unknown():
    from mapper.frontline import reach_km

    day = date(2020, 1, 1)
    # two weak reports (confidence 0.1) 119 km apart on one parallel (one theatre): the middle
    # is 59 km from both, beyond their reach
    (snap,) = estimate_front(
        [
            _at("w", 35.0, 36.0, "government", day, confidence=0.1),
            _at("e", 35.0, 37.3, "government", day, confidence=0.1),
        ]
    )
    middle = Point(36.65, 35.0)
    assert geodesic_distance_km(36.0, 35.0, 36.65, 35.0) > reach_km(0.1)
    assert side_at([snap], middle.x, middle.y, day) is None
    assert snap.unknown is not None and snap.unknown.contains(middle)
    assert not snap.unknown.contains(Point(36.1, 35.0))


def test_strong_evidence_reaches_farther_than_a_weak_claim():
    from mapper.frontline import CELL_RADIUS_KM, reach_km

    assert reach_km(0.9) == CELL_RADIUS_KM
    assert reach_km(0.1) < reach_km(0.2) < CELL_RADIUS_KM
    # a strike (0.25 x 0.7) claims less than a one-outlet capture (0.75 x 0.6), which claims as
    # much as a corroborated one
    assert reach_km(0.25 * 0.7) < reach_km(0.75 * 0.6) == CELL_RADIUS_KM
    assert reach_km(0.0) > 0  # a place's own surroundings stay known
    day = date(2020, 1, 1)
    # the same two reports, now corroborated (confidence 0.8): the middle is within reach
    (snap,) = estimate_front(
        [_at("w", 35.0, 36.0, "government", day), _at("e", 35.0, 37.3, "government", day)]
    )
    assert side_at([snap], 36.65, 35.0, day) == "government"
    (weak,) = estimate_front([_at("w", 35.0, 36.0, "government", day, confidence=0.15)])
    (strong,) = estimate_front([_at("w", 35.0, 36.0, "government", day)])
    assert weak.zones["government"].area < 0.5 * strong.zones["government"].area


def test_the_line_is_drawn_only_where_both_sides_evidence_is_near():
    from mapper.frontline import LINE_REACH_KM

    day = date(2020, 1, 1)
    far = [_at("w", 35.0, 36.0, "government", day), _at("e", 35.0, 36.8, "opposition", day)]
    (snap,) = estimate_front(far)  # 73 km apart: the bisector is 36 km from each
    assert geodesic_distance_km(36.0, 35.0, 36.4, 35.0) > LINE_REACH_KM
    assert snap.line is None and "do not touch" in snap.note
    near = [_at("w", 35.0, 36.0, "government", day), _at("e", 35.0, 36.3, "opposition", day)]
    (snap,) = estimate_front(near)
    assert snap.line is not None


def test_estimation_replays_only_new_evidence_per_snapshot():
    """Each snapshot holds every place seen so far, and a place keeps its latest side."""
    evs = [
        event("a", "capture", "Saraqib", date(2020, 2, 6), "government"),
        event("b", "capture", "Khan Shaykhun", date(2020, 2, 7), "government", start=3),
        event("c", "capture", "Saraqib", date(2020, 2, 27), "opposition", start=6),
    ]
    snaps = estimate_front(evs)
    assert [len(s.places) for s in snaps] == [2, 2, 2]
    ks = next(p for p in snaps[0].places if p.name == "Khan Shaykhun")
    assert (ks.side, ks.inferred) == ("opposition", True)  # taken by the government the day after
    assert [s.new_event_ids for s in snaps] == [(e.id,) for e in evs]
    assert {p.name: p.side for p in snaps[-1].places} == {
        "Saraqib": "opposition",
        "Khan Shaykhun": "government",
    }


def test_incremental_estimate_equals_a_full_recompute_at_every_snapshot():
    from mapper.frontline import estimate_front_from_observations, observations_from_events

    events = [e for ext in timeline_extractions() for e in ext.events]
    events.append(event("w", "bombardment", "Ariha", date(2020, 3, 1), "government", start=77))
    obs = observations_from_events(events)
    fast = estimate_front_from_observations(obs)
    slow = estimate_front_from_observations(obs, incremental=False)
    assert [s.date for s in fast] == [s.date for s in slow]
    for a, b in zip(fast, slow, strict=True):
        assert a.places == b.places and a.confidence == b.confidence
        assert set(a.zones) == set(b.zones)
        for side in a.zones:
            assert a.zones[side].symmetric_difference(b.zones[side]).area < 1e-9, (a.date, side)
        assert (a.line is None) == (b.line is None)
        if a.line is not None:
            assert a.line.hausdorff_distance(b.line) < 1e-6


@pytest.mark.slow
def test_demo_map_last_date_leaves_idlib_and_the_north_to_the_opposition(demo_dir):
    """Issue 10: the opposition still holds Idlib and the north on the demo's last date."""
    from mapper.frontline import estimate_front_from_observations
    from mapper.fusion import front_observations

    last = estimate_front_from_observations(front_observations(extract_folder(demo_dir)))[-1]
    for name in ("Idlib", "Binnish", "Taftanaz"):
        assert side_at([last], *lonlat(name), last.date) == "opposition", name
    assert side_at([last], *lonlat("Maarat al-Numan"), last.date) == "government"


def test_a_place_not_reported_for_long_keeps_its_side_with_decaying_confidence():
    from mapper.frontline import HALF_LIFE_DAYS, INFER_DAYS

    first = date(2020, 1, 1)
    later = first + timedelta(days=int(3 * HALF_LIFE_DAYS))  # three half-lives without news
    # a made-up town held by the government, and 20 km away one the government leaves later
    # (its earlier holder is inferred only INFER_DAYS back, so only "a" is held at first)
    assert (later - first).days > INFER_DAYS
    snaps = estimate_front(
        [
            _at("a", 35.0, 36.0, "government", first),
            _at("b", 35.0, 36.22, "government", later, kind="withdrawal"),
        ]
    )
    assert [s.date for s in snaps] == [first, later]
    assert side_at(snaps, 36.0, 35.0, later) == "government"  # keeps its side
    one, two = (s.side_confidence for s in snaps)
    damp = [s.observations / (s.observations + 2) for s in snaps]
    assert two["government"] / damp[1] == pytest.approx(one["government"] / damp[0] / 8, 1e-3)
    assert two["opposition"] > two["government"]  # the fresh report is the surer one
    from mapper.render.frame import frontline_frame

    zones = frontline_frame(snaps)
    gov = zones[(zones["kind"] == "zone") & (zones["side"] == "government")]
    assert list(gov["confidence"]) == [one["government"], two["government"]]


def test_the_line_from_shared_segments_equals_the_overlay_of_boundaries():
    from mapper.frontline import _shared_by_overlay, _shared_edges

    west = shapely.Polygon([(0, 0), (1, 0), (1, 0.5), (1, 1), (0, 1)])  # a vertex mid-edge
    east = shapely.Polygon([(1, 0), (2, 0), (2, 1), (1, 1), (1, 0.5)])
    # a third side over both, with their corner as a vertex (one coverage, as Voronoi cells)
    north = shapely.Polygon([(0, 1), (1, 1), (2, 1), (2, 2), (0, 2)])
    territory = {"a": west, "b": east, "c": north}
    fast = shapely.line_merge(shapely.union_all(_shared_edges(list(territory.values()))))
    slow = shapely.line_merge(shapely.union_all(_shared_by_overlay(territory)))
    assert fast.equals(slow)
    assert fast.length == pytest.approx(1 + 2)  # the west/east edge and the northern one
    # no two territories touch: nothing shared
    assert len(_shared_edges([shapely.box(0, 0, 1, 1), shapely.box(3, 0, 4, 1)])) == 0


def _report(article: str, side: str, when: date, confidence: float = 0.8):
    """One outlet's report that ``side`` took the made-up town "a" (35.0 N, 36.0 E)."""
    from dataclasses import replace

    return replace(_at("a", 35.0, 36.0, side, when, confidence=confidence), article_id=article)


def test_a_lone_claim_does_not_overturn_a_place_reported_held_the_same_week():
    from mapper.frontline import CORROBORATION_DAYS

    day = date(2020, 1, 10)
    # two outlets say the government took the town, then one says the opposition did
    taken = [_report("r1", "government", day), _report("r2", "government", day + timedelta(1))]
    claim = day + timedelta(days=3)
    snaps = estimate_front([*taken, _report("r3", "opposition", claim, 0.5)])
    assert side_at(snaps, 36.0, 35.0, claim) == "government"
    # the same claim once the week of the capture is past: the newest report wins at once
    later = day + timedelta(days=CORROBORATION_DAYS + 2)
    snaps = estimate_front([*taken, _report("r3", "opposition", later, 0.5)])
    assert side_at(snaps, 36.0, 35.0, later) == "opposition"
    # two outlets against two in one week: the tie goes to the latest report
    both = [*taken, _report("r3", "opposition", claim), _report("r4", "opposition", claim)]
    assert side_at(estimate_front(both), 36.0, 35.0, claim) == "opposition"
    # one more report, however weak, tips the week's balance
    more = estimate_front([*both, _report("r5", "government", claim + timedelta(1), 0.3)])
    assert side_at(more, 36.0, 35.0, claim) == "opposition"
    assert side_at(more, 36.0, 35.0, claim + timedelta(1)) == "government"


def test_an_inferred_earlier_controller_yields_to_direct_evidence_next_to_it():
    day, fall = date(2020, 1, 1), date(2020, 3, 1)
    # made-up towns: "b" falls to the government on `fall`, so the opposition is assumed to
    # hold it before; on `day` the government was reported holding "a", 2 km from it
    near = [
        _at("a", 35.0, 36.0, "government", day),
        _at("b", 35.0, 36.022, "government", fall),
    ]
    first = estimate_front(near)[0]
    b = next(p for p in first.places if p.key == "test:b")
    assert (b.side, b.inferred) == ("government", True)
    # 20 km away the report of "a" does not outweigh the assumption
    far = [_at("a", 35.0, 36.0, "government", day), _at("b", 35.0, 36.22, "government", fall)]
    first = estimate_front(far)[0]
    b = next(p for p in first.places if p.key == "test:b")
    assert (b.side, b.inferred) == ("opposition", True)
    assert side_at([first], 36.22, 35.0, day) == "opposition"


def test_an_inferred_earlier_controller_claims_only_its_own_surroundings():
    from mapper.frontline import INFERRED_REACH_KM

    day, fall = date(2020, 1, 1), date(2020, 3, 1)
    # made-up towns: "b" falls to the government on `fall` (the opposition is assumed to hold
    # it before); "c", 100 km east, is reported held by the government on `day`
    obs = [_at("c", 35.0, 37.1, "government", day), _at("b", 35.0, 36.0, "government", fall)]
    snaps = estimate_front(obs)
    assert geodesic_distance_km(36.0, 35.0, 35.89, 35.0) < INFERRED_REACH_KM
    assert side_at(snaps, 35.89, 35.0, day) == "opposition"
    # 40 km west of "b" the assumption says nothing; once "b" is taken, its capture reaches there
    assert geodesic_distance_km(36.0, 35.0, 35.56, 35.0) > INFERRED_REACH_KM
    assert side_at(snaps, 35.56, 35.0, day) is None
    assert side_at(snaps, 35.56, 35.0, fall) == "government"


def test_a_place_first_named_as_held_by_a_side_was_held_by_it_before():
    from mapper.frontline import (
        ControlObservation,
        estimate_front_from_observations,
        observations_from_events,
    )

    day, named = date(2020, 1, 1), date(2020, 3, 1)
    # made-up towns: the government takes "c" on `day`; "b", 40 km east, is first named
    # "rebel-held" on `named`: nothing says it changed hands, so the rebels held it on `day` too
    held = ControlObservation("test:b", "b", 36.44, 35.0, "opposition", named, "control:held",
                              0.7, 0.7, "held-b")  # fmt: skip
    capture = observations_from_events([_at("c", 35.0, 36.0, "government", day)])
    snaps = estimate_front_from_observations([*capture, held])
    assert side_at(snaps, 36.44, 35.0, day) == "opposition"
    b = next(p for p in snaps[0].places if p.key == "test:b")
    assert (b.side, b.inferred) == ("opposition", True)
    # the same place first reported taken by the government: the rebels held it before too
    taken = estimate_front([_at("c", 35.0, 36.0, "government", day),
                            _at("b", 35.0, 36.44, "government", named)])  # fmt: skip
    assert side_at(taken, 36.44, 35.0, day) == "opposition"


def test_a_statements_earlier_holder_reaches_as_far_as_the_statement():
    from mapper.frontline import (
        INFERRED_REACH_KM,
        ControlObservation,
        estimate_front_from_observations,
        observations_from_events,
        reach_km,
    )

    day, named = date(2020, 1, 1), date(2020, 3, 1)
    # made-up towns: "c", 200 km east of "b", only dates a snapshot on `day`; "b" is first
    # named "rebel-held" on `named` (0.7 x 0.7: as far as a capture reaches)
    held = ControlObservation("test:b", "b", 36.0, 35.0, "opposition", named, "control:held",
                              0.7, 0.7, "held-b")  # fmt: skip
    dated = observations_from_events([_at("c", 35.0, 38.2, "government", day)])
    snaps = estimate_front_from_observations([*dated, held])
    west = (35.34, 35.0)  # 60 km west of "b", 260 km from "c"
    assert INFERRED_REACH_KM < geodesic_distance_km(36.0, 35.0, *west) < reach_km(0.49)
    assert side_at(snaps, *west, day) == "opposition"
    # a capture's earlier holder speaks for the town's surroundings only
    taken = estimate_front([_at("c", 35.0, 38.2, "government", day),
                            _at("b", 35.0, 36.0, "government", named)])  # fmt: skip
    assert side_at(taken, *west, day) is None


def test_a_withdrawal_implies_the_withdrawing_side_held_the_place_before():
    day, left = date(2020, 1, 1), date(2020, 3, 1)
    # made-up towns: the opposition takes "c" on `day`; the government withdraws from "b",
    # 40 km east, on `left`: the government held "b" on `day`, the opposition after `left`
    snaps = estimate_front(
        [
            _at("c", 35.0, 36.0, "opposition", day),
            _at("b", 35.0, 36.44, "government", left, kind="withdrawal"),
        ]
    )
    assert side_at(snaps, 36.44, 35.0, day) == "government"
    assert side_at(snaps, 36.44, 35.0, left) == "opposition"


def test_a_towns_own_capture_outweighs_its_neighbours_in_the_days_before_it():
    from mapper.frontline import HALF_LIFE_DAYS

    day = date(2020, 1, 1)
    fall = day + timedelta(days=int(1.5 * HALF_LIFE_DAYS))
    eve = fall - timedelta(days=2)
    # made-up towns: the government holds "a" on `day`; "b", 2 km away, falls to it on
    # `fall`; "c", far off, only dates a snapshot on the eve of the fall
    obs = [
        _at("a", 35.0, 36.0, "government", day),
        _at("b", 35.0, 36.022, "government", fall),
        _at("c", 35.0, 37.5, "government", eve),
    ]
    snaps = estimate_front(obs)
    # months before it fell, "b" is drawn as its neighbour is: the front may have been there
    assert side_at(snaps, 36.022, 35.0, day) == "government"
    # on the eve of its fall, its own capture says the other side held it
    assert side_at(snaps, 36.022, 35.0, eve) == "opposition"
    assert side_at(snaps, 36.022, 35.0, fall) == "government"


def _strike_on(key: str, lat: float, lon: float, holder: str, when: date):
    """A weak observation (a strike by the other side) that ``holder`` holds a made-up place."""
    from mapper.frontline import ControlObservation

    return ControlObservation(
        f"test:{key}", key, lon, lat, holder, when, "control:strike", 0.25, 0.7, f"s{when}"
    )


def test_strikes_overturn_a_capture_only_once_they_outweigh_it_as_it_ages():
    from mapper.frontline import (
        HALF_LIFE_DAYS,
        estimate_front_from_observations,
        observations_from_events,
    )

    day = date(2020, 1, 1)
    capture = observations_from_events([_at("a", 35.0, 36.0, "government", day)])
    soon = day + timedelta(days=20)
    one = capture + [_strike_on("a", 35.0, 36.0, "opposition", soon)]
    assert side_at(estimate_front_from_observations(one), 36.0, 35.0, soon) == "government"
    # the same strike once the capture (0.8) is older than log2(0.8 / 0.175) half-lives
    late = day + timedelta(days=int(2.3 * HALF_LIFE_DAYS))
    one = capture + [_strike_on("a", 35.0, 36.0, "opposition", late)]
    assert side_at(estimate_front_from_observations(one), 36.0, 35.0, late) == "opposition"
    # five strikes within a month of a capture outweigh it ...
    many = capture + [
        _strike_on("a", 35.0, 36.0, "opposition", soon + timedelta(days=k)) for k in range(5)
    ]
    snaps = estimate_front_from_observations(many)
    assert side_at(snaps, 36.0, 35.0, soon) == "government"
    assert side_at(snaps, 36.0, 35.0, soon + timedelta(days=4)) == "opposition"
    # ... and a strike on its own holds a place nothing else reports
    (snap,) = estimate_front_from_observations([_strike_on("b", 35.0, 36.5, "opposition", day)])
    assert side_at([snap], 36.5, 35.0, day) == "opposition"


def test_a_capture_implies_the_earlier_holder_only_infer_days_back():
    from mapper.frontline import INFER_DAYS

    fall = date(2021, 6, 1)
    edge = fall - timedelta(days=INFER_DAYS)
    # made-up towns: the government takes "b" on `fall`; "c", 90 km off, only dates snapshots
    # on the last day the assumption reaches and on the day before it
    obs = [
        _at("b", 35.0, 36.0, "government", fall),
        _at("c", 35.0, 37.0, "government", edge),
        _at("d", 35.2, 37.0, "government", edge - timedelta(days=1)),
    ]
    snaps = {s.date: s for s in estimate_front(obs)}

    def b_in(when):
        return [(p.side, p.inferred) for p in snaps[when].places if p.key == "test:b"]

    assert b_in(edge) == [("opposition", True)]  # INFER_DAYS before its capture
    assert b_in(edge - timedelta(days=1)) == []  # a day earlier: no assumption about it
    assert b_in(fall) == [("government", False)]


def test_a_strike_is_evidence_for_weak_days_then_the_place_goes_to_current_evidence():
    from mapper.frontline import (
        WEAK_DAYS,
        estimate_front_from_observations,
        observations_from_events,
    )

    day = date(2020, 1, 1)
    edge, past = day + timedelta(days=WEAK_DAYS), day + timedelta(days=WEAK_DAYS + 1)
    # made-up places: the government holds "c"; "b", 18 km off, is struck by it on `day` (the
    # opposition holds it); "d" and "e", far off, only date snapshots
    obs = observations_from_events(
        [
            _at("c", 35.0, 36.7, "government", day),
            _at("d", 35.0, 37.5, "government", edge),
            _at("e", 35.2, 37.5, "government", past),
        ]
    ) + [_strike_on("b", 35.0, 36.5, "opposition", day)]
    snaps = estimate_front_from_observations(obs)
    at = {s.date: s for s in snaps}
    assert "test:b" in {p.key for p in at[edge].places}
    assert side_at(snaps, 36.5, 35.0, edge) == "opposition"
    # a day later the strike is too old to say who holds "b": the government's cell takes it
    assert "test:b" not in {p.key for p in at[past].places}
    assert side_at(snaps, 36.5, 35.0, past) == "government"


def test_strikes_that_overturned_a_capture_expire_and_the_capture_holds_again():
    from mapper.frontline import (
        WEAK_DAYS,
        estimate_front_from_observations,
        observations_from_events,
    )

    day = date(2020, 1, 1)
    soon = day + timedelta(days=20)
    last = soon + timedelta(days=4)
    after = last + timedelta(days=WEAK_DAYS + 1)
    obs = observations_from_events(
        [
            _at("a", 35.0, 36.0, "government", day),
            _at("f", 35.0, 37.5, "government", after),  # far off: only dates a snapshot
        ]
    ) + [_strike_on("a", 35.0, 36.0, "opposition", soon + timedelta(days=k)) for k in range(5)]
    snaps = estimate_front_from_observations(obs)
    assert side_at(snaps, 36.0, 35.0, last) == "opposition"  # five strikes outweigh it
    assert side_at(snaps, 36.0, 35.0, after) == "government"  # once they are old, it holds


def test_a_report_overtaken_by_newer_changes_next_to_it_turns():
    from mapper.frontline import CORROBORATION_DAYS, OVERTAKEN_KM

    day = date(2020, 1, 1)

    def front(when: date, km: float) -> list:
        # made-up towns: the opposition takes "a" on `day`; the government takes "b" and
        # "c", ``km`` either side of "a", on `when`
        deg = km / (111.32 * math.cos(math.radians(35.0)))
        return estimate_front(
            [
                _at("a", 35.0, 36.0, "opposition", day),
                _at("b", 35.0, 36.0 + deg, "government", when),
                _at("c", 35.0, 36.0 - deg, "government", when),
            ]
        )

    later = day + timedelta(days=3 * CORROBORATION_DAYS)
    # three news cycles later the front moved past "a"
    snaps = front(later, 4.0)
    assert side_at(snaps, 36.0, 35.0, day) == "opposition"
    assert side_at(snaps, 36.0, 35.0, later) == "government"
    # changes of the same news cycle are weighed with the report, not after it
    cycle = day + timedelta(days=CORROBORATION_DAYS)
    assert side_at(front(cycle, 4.0), 36.0, 35.0, cycle) == "opposition"
    # changes far off tell nothing of "a"
    assert side_at(front(later, 3.5 * OVERTAKEN_KM), 36.0, 35.0, later) == "opposition"
