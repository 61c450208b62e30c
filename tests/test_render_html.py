"""The folium map by fragment (like geopandas' test_explore): layers, data, escaping."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pytest
from mapdata import TIMELINE, event, extraction, timeline_extractions

from mapper.fusion import fuse_events
from mapper.model import EVENT_TYPES
from mapper.render import build_map, events_frame
from mapper.render.html import CANVAS_ABOVE, map_payload
from mapper.render.layers import EVENT_LAYERS, SIDE_STYLES, layer_for_type, side_style
from mapper.render.safe import safe_url, script_json

HOSTILE = {
    "title": '<script>alert("title")</script>',
    "source": "<img src=x onerror=alert('source')>",
    "url": "javascript:alert('url')",
    "evidence": "They said \"</script><script>alert('evidence')</script>\" and left & <b>ran</b>",
    "surface": "Khan <svg onload=alert('place')> Sheikhoun",
}


def render(fmap) -> str:
    return fmap.get_root().render()


@pytest.fixture(scope="module")
def page() -> str:
    return render(build_map(timeline_extractions(), title="Idlib 2019-20"))


@pytest.fixture(scope="module")
def hostile_page() -> str:
    ev = event(
        "h1",
        "capture",
        "Khan Shaykhun",
        date(2019, 8, 20),
        evidence=HOSTILE["evidence"],
        surface=HOSTILE["surface"],
        source=HOSTILE["source"],
        url=HOSTILE["url"],
        title=HOSTILE["title"],
    )
    ext = extraction(
        "h1",
        [ev],
        when=date(2019, 8, 20),
        title=HOSTILE["title"],
        source=HOSTILE["source"],
        url=HOSTILE["url"],
    )
    return render(build_map([ext], title=HOSTILE["title"]))


def test_every_event_type_has_exactly_one_layer():
    for kind in EVENT_TYPES:
        owners = [spec for spec in EVENT_LAYERS if kind in spec.types]
        assert len(owners) == 1, kind
        assert layer_for_type(kind) is owners[0]
    assert layer_for_type("picnic") is None
    assert len({spec.key for spec in EVENT_LAYERS}) == len(EVENT_LAYERS)


def test_sides_have_distinct_colours_and_unknown_is_grey():
    colours = [s.color for s in SIDE_STYLES.values()]
    assert len(set(colours)) == len(colours)
    assert side_style("Hezbollah").marker_color == "gray"
    assert side_style("GOVERNMENT").marker_color == "red"


def test_layers_time_control_legend_and_title_are_on_the_page(page):
    for label in (
        "Captures and entries",
        "Clashes",
        "Places mentioned",
        "Control zones (estimated)",
        "Front line (estimated)",
    ):
        assert label in page, label
    assert "L.control.layers" in page
    assert "leaflet.timedimension.min.js" in page
    assert "L.timeDimension(" in page
    assert 'id="fl-legend"' in page and "Government" in page and "Opposition" in page
    assert "Idlib 2019-20" in page
    assert "2019-05-08 \u2013 2020-03-02" in page  # the date range in the title
    assert 'id="fl-rows"' not in page  # few markers: Leaflet markers, not the canvas
    assert "tile.openstreetmap.org" in page


def _payload(page: str) -> dict:
    match = re.search(r"var D = (\{.*?\});\n", page, re.S)
    assert match, "the map's data object is missing"
    return json.loads(match.group(1))


def test_the_embedded_data_parses_and_holds_every_located_event(page):
    data = _payload(page)
    exts = timeline_extractions()
    # one marker per fused event: the clashes at Ariha reported on one day are one event
    fused = fuse_events(e for x in exts for e in x.events)
    assert len(data["events"]) == len(fused) < sum(len(x.events) for x in exts)
    fields = data["fields"]
    types = {data["strings"][row[fields.index("type")]] for row in data["events"]}
    assert types == {"capture", "clash"}
    n_dates = len({when for _, when, _ in TIMELINE})
    assert len(data["front"]["snaps"]) == len(data["front"]["times"]) == n_dates
    assert data["front"]["times"] == sorted(data["front"]["times"])
    assert data["front"]["snaps"][0]["date"] == "2019-05-08"
    assert data["front"]["times"][0] == 1557273600000  # 2019-05-08T00:00Z in ms
    first_line = next(s["line"] for s in data["front"]["snaps"] if s["line"])
    assert all(isinstance(part, str) for part in first_line)  # encoded polylines
    sides = {zone[0] for s in data["front"]["snaps"] for zone in s["zones"]}
    assert sides == {"government", "opposition"}
    # each zone carries its side's confidence for its tooltip
    assert all(0 < zone[2] <= 1 for s in data["front"]["snaps"] for zone in s["zones"])
    # the unknown area: each distinct one once, snapshots point to it
    unknowns = data["front"]["unknowns"]
    assert unknowns and len(unknowns) == len({json.dumps(u) for u in unknowns})
    assert {s["unknown"] for s in data["front"]["snaps"]} <= set(range(len(unknowns))) | {None}
    assert data["canvas"] is False and data["compact"] is False


def test_hostile_strings_are_escaped_or_encoded(hostile_page):
    page = hostile_page
    assert "<script>alert(" not in page
    assert "</script><script>" not in page
    assert "onerror=alert" not in page.replace("onerror=alert('source')", "")  # only as data
    assert "<img src=x" not in page and "<svg onload" not in page
    assert "javascript:alert" not in page  # the URL is dropped, never made a link
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in page  # escaped title
    data = _payload(page)
    strings = data["strings"]
    assert HOSTILE["source"] in strings and HOSTILE["surface"] in strings  # intact as data
    row = data["events"][0]
    assert row[data["fields"].index("evidence")] == HOSTILE["evidence"]
    assert row[data["fields"].index("url")] is None


def test_popups_are_built_with_text_nodes_not_markup(page):
    assert "textContent" in page
    assert "innerHTML" not in page.split("var D = ")[1]


def _rows(page: str) -> list:
    match = re.search(r'<script type="application/json" id="fl-rows">(.*?)</script>', page, re.S)
    assert match, "the canvas map's popup rows are missing"
    return json.loads(match.group(1))


def test_many_events_become_typed_columns_and_inert_popup_rows():
    import base64

    import numpy as np

    # a grid of points 3.6-4.4 km apart (farther than FUSE_KM): every event is its own marker
    evs = [
        replace(
            event(
                "big",
                "clash" if i % 3 else "capture",
                "Hish" if i % 2 else "Saraqib",
                date(2019, 8, 1 + i % 28),
                start=i,
                evidence=f"Sentence {i} </script><b>x</b>",
            ),
            lat=35.0 + 0.04 * (i // 50),
            lon=36.0 + 0.04 * (i % 50),
        )
        for i in range(CANVAS_ABOVE + 1)
    ]
    page = render(build_map([extraction("big", evs)]))
    data = _payload(page)
    assert data["canvas"] is True and data["events"] == []
    cols = data["cols"]
    assert cols["count"] == len(evs)
    lat = np.frombuffer(base64.b64decode(cols["lat"]), dtype="<i4") / 1e5
    lon = np.frombuffer(base64.b64decode(cols["lon"]), dtype="<i4") / 1e5
    day = np.frombuffer(base64.b64decode(cols["day"]), dtype="<i4")
    kinds = np.frombuffer(base64.b64decode(cols["type"]), dtype="u1")
    frame = events_frame([extraction("big", evs)])
    assert np.allclose(lat, frame["lat"].to_numpy(float), atol=1e-5)
    assert np.allclose(lon, frame["lon"].to_numpy(float), atol=1e-5)
    first = date.fromisoformat(str(frame["date"].iloc[0])[:10])
    assert day[0] == (first - date(1970, 1, 1)).days
    assert [cols["types"][k] for k in kinds[:3]] == frame["type"].tolist()[:3]
    rows = _rows(page)  # parsed by the page only on the first click
    assert len(rows) == len(evs)
    evidence = [row[data["fields"].index("evidence")] for row in rows]
    assert evidence == frame["evidence"].tolist()
    assert "</script><b>" not in page  # the rows cannot close their script element
    assert "lat" not in data["fields"] and "article" in data["fields"]
    article = data["articles"][rows[0][data["fields"].index("article")]]
    assert data["strings"][article[0]] == frame["source"].iloc[0]


def test_a_frame_can_be_mapped_without_extractions():
    exts = timeline_extractions()
    page = render(build_map(events_frame(exts)))
    assert len(_payload(page)["events"]) == sum(len(x.events) for x in exts)
    assert "Places mentioned" not in page


def test_empty_input_still_renders():
    page = render(build_map([]))
    assert "no dated events" in page
    assert _payload(page)["events"] == []


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=c", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        (" JAVASCRIPT:alert(1)", False),
        ("data:text/html,<script>", False),
        ("https://exa mple.org", False),
        ("//example.org/x", False),
        ("vbscript:msgbox", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_urls_become_links(url, ok):
    assert (safe_url(url) is not None) == ok


def test_script_json_cannot_close_a_script_and_round_trips():
    value = {"a": "</script><!-- & \u2028", "b": [1, 2.5, None]}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_compact_mode_shortens_evidence_only_above_the_threshold(monkeypatch):
    import mapper.render.html as html_mod

    long = "x" * 400
    frame = events_frame(
        [extraction("c", [event("c", "clash", "Hish", date(2019, 8, 1), evidence=long)])]
    )
    assert map_payload(frame, [])["events"][0][html_mod._FIELDS.index("evidence")] == long
    monkeypatch.setattr(html_mod, "COMPACT_ABOVE", 0)
    short = html_mod.map_payload(frame, [])["events"][0][html_mod._FIELDS.index("evidence")]
    assert len(short) == html_mod.COMPACT_EVIDENCE_CHARS and short.endswith("\u2026")


def test_encoded_polylines_round_trip_to_four_decimals():
    from mapper.render.polyline import decode, encode

    coords = [(36.65095, 35.44208), (36.67693, 35.6483), (-0.0001, -89.9999), (179.9999, 0.0)]
    back = decode(encode(coords))
    assert len(back) == len(coords)
    for (lon, lat), (lon2, lat2) in zip(coords, back, strict=True):
        assert abs(lon - lon2) <= 0.0000501 and abs(lat - lat2) <= 0.0000501
    assert all(63 <= ord(c) <= 126 for c in encode(coords))


@pytest.mark.parametrize("payload", ["{{ 7*7 }}", "{% if 1 %}x{% endif %}", "{# c #}", "{{{"])
def test_template_syntax_in_article_text_is_inert(payload):
    """folium re-parses rendered parts as Jinja templates: braces must not reach it raw."""
    text = f"{payload} Forces took {payload} the town"
    ev = event(
        "j",
        "capture",
        "Saraqib",
        date(2020, 2, 6),
        evidence=text,
        source=payload,
        title=payload,
        surface=f"Saraqib {payload}",
    )
    page = render(build_map([extraction("j", [ev], title=payload)], title=payload))
    assert "49" not in page.split('id="fl-title"')[1][:200]
    data = _payload(page)
    row = data["events"][0]
    assert row[data["fields"].index("evidence")] == text
    assert payload in data["strings"]


def test_a_fused_events_reports_are_data_with_hostile_strings_intact_and_urls_checked():
    day = date(2019, 8, 20)
    evs = [
        event("f1", "capture", "Khan Shaykhun", day, source=HOSTILE["source"], url=HOSTILE["url"]),
        event("f2", "capture", "Khan Shaykhun", day, evidence=HOSTILE["evidence"], source="B"),
    ]
    page = render(build_map([extraction(e.article_id, [e], when=day) for e in evs]))
    assert "<img src=x" not in page and "</script><script>" not in page
    data = _payload(page)
    fields, strings = data["fields"], data["strings"]
    (row,) = data["events"]
    assert data["fused"] is True and row[fields.index("corroboration")] == 2
    reports = row[fields.index("reports")]
    assert [strings[r[0]] for r in reports] == [HOSTILE["source"], "B"]
    assert [r[2] for r in reports] == [None, strings.index("https://example.org/dispatch")]
    assert reports[1][5] == HOSTILE["evidence"]  # raw text, shown by textContent
    # a per-article frame has no fusion fields: its popups do not claim anything
    assert _payload(render(build_map(events_frame([extraction("f1", evs)]))))["fused"] is False


def test_compact_mode_shortens_every_reports_evidence(monkeypatch):
    import mapper.render.html as html_mod
    from mapper.fusion import fuse_events
    from mapper.render.frame import fused_frame

    day = date(2019, 8, 20)
    evs = [
        event(f"c{i}", "clash", "Hish", day, evidence=letter * 300, source=f"S{i}")
        for i, letter in enumerate("yz")
    ]
    monkeypatch.setattr(html_mod, "COMPACT_ABOVE", 0)
    (row,) = html_mod.map_payload(fused_frame(fuse_events(evs)), [])["events"]
    shown = row[html_mod._FIELDS.index("evidence")]
    assert len(shown) == html_mod.COMPACT_EVIDENCE_CHARS
    reports = row[html_mod._FIELDS.index("reports")]
    # the report the popup already quotes carries no copy; the other one its shortened quote
    assert sorted(len(r) for r in reports) == [5, 6]
    (other,) = [r[5] for r in reports if len(r) == 6]
    assert other != shown and len(other) == html_mod.COMPACT_EVIDENCE_CHARS
