"""The HTML map in Debian's chromium (Playwright), offline: no JS errors, time control, popups.

CDN files come from npm copies (``tests/browser_assets/package.json``, installed once into a
cache by ``ensure_assets``); tiles are answered with a one-pixel PNG. Skips with the reason when
npm or chromium is missing.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from mapdata import PLACES, TIMELINE, event, extract_folder, extraction, timeline_extractions

from mapper.fusion import fuse_events
from mapper.model import DENIED
from mapper.render import write_outputs

sys.path.insert(0, str(Path(__file__).parent / "browser_assets"))
from offline import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    AssetsUnavailable,
    ensure_assets,
    route_offline,
)

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[1]

HOSTILE_TITLE = "<script>alert('title')</script> {{ 7*7 }}"
HOSTILE_SOURCE = '"><img src=x onerror=alert("source")>'
HOSTILE_EVIDENCE = "Rebels fled </script><script>alert('evidence')</script> & said \"ok\" {% x %}"
HOSTILE_PLACE = "Khan <img src=y onerror=alert('place')> Sheikhoun"


@pytest.fixture(scope="session")
def modules() -> Path:
    try:
        return ensure_assets()
    except AssetsUnavailable as err:
        pytest.skip(str(err))


@pytest.fixture(scope="session")
def browser(modules):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class MapPage:
    """A page holding one map, with everything the page reported."""

    def __init__(self, browser, modules, html: Path):
        self.page = browser.new_page(viewport={"width": 1280, "height": 860})
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.unmatched: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        route_offline(self.page, modules, self.unmatched)
        self.page.goto(html.resolve().as_uri(), wait_until="load")
        self.page.wait_for_function("window.frontlineMap !== undefined", timeout=30_000)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, code: str):
        return self.page.evaluate(code)

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.dialogs == []
        assert self.unmatched == []

    def front_geojson(self) -> str:
        return json.dumps(self.js("frontlineMap.groups.front.toGeoJSON()"), sort_keys=True)

    def click_latlng(self, lat: float, lon: float, *, dy: int = -22) -> None:
        """Centre the map on (lat, lon) and click there with the mouse (dy: into the pin)."""
        self.js(f"frontlineMap.map.setView([{lat}, {lon}], 14, {{animate: false}})")
        self.page.wait_for_timeout(200)
        box = self.page.locator("#" + self.js("frontlineMap.map.getContainer().id")).bounding_box()
        point = self.js(f"frontlineMap.map.latLngToContainerPoint([{lat}, {lon}])")
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"] + dy)
        self.page.wait_for_selector(".leaflet-popup-content", timeout=5_000)

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def timeline_map(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("timeline")
    write_outputs(timeline_extractions(), out, title="Idlib captures 2019-20")
    return out / "map.html"


def test_map_opens_without_errors(browser, modules, timeline_map):
    mp = MapPage(browser, modules, timeline_map)
    try:
        mp.assert_clean()
        # the page opens on the last snapshot (the timeline has one per capture date)
        n_dates = len({when for _, when, _ in TIMELINE})
        assert mp.js("frontlineMap.index") == n_dates - 1
        assert mp.js("frontlineMap.date") == max(when for _, when, _ in TIMELINE).isoformat()
        assert mp.js("document.querySelectorAll('.awesome-marker').length") > 0
        assert mp.page.locator("#fl-legend").is_visible()
        assert "Idlib captures 2019-20" in mp.page.locator("#fl-title").inner_text()
    finally:
        mp.close()


def test_stepping_the_time_control_moves_the_front_line(browser, modules, timeline_map):
    mp = MapPage(browser, modules, timeline_map)
    try:
        last_date, last_front = mp.js("frontlineMap.date"), mp.front_geojson()
        shown_last = mp.js("frontlineMap.eventsShown")
        # step back with the control's own button until the snapshot changes
        for _ in range(3):
            mp.page.locator(".timecontrol-backward").click()
            mp.page.wait_for_timeout(150)
        assert mp.js("frontlineMap.date") != last_date
        assert mp.front_geojson() != last_front
        assert mp.js("frontlineMap.eventsShown") < shown_last  # later events are hidden
        mp.js("frontlineMap.timeDimension.setCurrentTimeIndex(0)")
        first_front = mp.front_geojson()
        assert mp.js("frontlineMap.date") == "2019-05-08"
        assert first_front != last_front
        date_box = mp.page.locator(".timecontrol-date").inner_text()
        assert date_box == "2019-05-08"
        mp.assert_clean()
    finally:
        mp.close()


def test_clicking_a_capture_marker_opens_a_popup_quoting_its_evidence(tmp_path, browser, modules):
    text = "Government troops took full control of Saraqib on Thursday, the monitor said."
    ext = extraction(
        "s",
        [
            event(
                "s",
                "capture",
                "Saraqib",
                date(2020, 2, 6),
                evidence=text,
                url="https://example.org/saraqib",
            )
        ],
        when=date(2020, 2, 6),
    )
    write_outputs([ext], tmp_path)
    mp = MapPage(browser, modules, tmp_path / "map.html")
    try:
        lat, lon, _ = PLACES["Saraqib"]
        mp.click_latlng(lat, lon)
        popup = mp.page.locator(".leaflet-popup-content")
        content = popup.inner_text()
        assert f"\u201c{text}\u201d" in content
        assert "2020-02-06" in content and "government" in content and "Saraqib" in content
        assert popup.locator("a").get_attribute("href") == "https://example.org/saraqib"
        mp.assert_clean()
    finally:
        mp.close()


def test_hostile_strings_never_run(tmp_path, browser, modules):
    evs = [
        event(
            "x",
            "capture",
            "Khan Shaykhun",
            date(2019, 8, 20),
            evidence=HOSTILE_EVIDENCE,
            surface=HOSTILE_PLACE,
            source=HOSTILE_SOURCE,
            url="javascript:alert('url')",
            title=HOSTILE_TITLE,
        ),
        event(
            "x",
            "clash",
            "Morek",
            date(2019, 8, 21),
            start=300,
            evidence=HOSTILE_EVIDENCE,
            source=HOSTILE_SOURCE,
            url="javascript:alert('url')",
            title=HOSTILE_TITLE,
        ),
    ]
    ext = extraction(
        "x",
        evs,
        when=date(2019, 8, 21),
        title=HOSTILE_TITLE,
        source=HOSTILE_SOURCE,
        url="javascript:alert(1)",
    )
    write_outputs([ext], tmp_path, title=HOSTILE_TITLE)
    mp = MapPage(browser, modules, tmp_path / "map.html")
    try:
        lat, lon, _ = PLACES["Khan Shaykhun"]
        mp.click_latlng(lat, lon)
        content = mp.page.locator(".leaflet-popup-content")
        assert "</script><script>alert('evidence')" in content.inner_text()  # shown as text
        assert HOSTILE_PLACE in content.inner_text()
        assert content.locator("a").count() == 0  # javascript: URL is not a link
        mp.page.locator(".leaflet-popup-close-button").click()
        lat, lon, _ = PLACES["Morek"]
        mp.click_latlng(lat, lon, dy=0)
        assert HOSTILE_SOURCE in mp.page.locator(".leaflet-popup-content").inner_text()
        assert HOSTILE_TITLE in mp.page.locator("#fl-title").inner_text()
        assert mp.js('document.querySelectorAll(\'img[src="x"], img[src="y"]\').length') == 0
        mp.page.wait_for_timeout(300)
        mp.assert_clean()  # includes: no dialog opened
    finally:
        mp.close()


def test_demo_map_opens_and_is_photographed(tmp_path, browser, modules, demo_dir):
    exts = extract_folder(demo_dir)
    write_outputs(exts, tmp_path, title="frontline demo: Idlib and northern Hama, 2019-20")
    mp = MapPage(browser, modules, tmp_path / "map.html")
    try:
        mp.assert_clean()
        assert mp.js("frontlineMap.timeDimension.getAvailableTimes().length") > 1
        fronts = set()
        n = mp.js("frontlineMap.timeDimension.getAvailableTimes().length")
        for i in range(n):
            mp.js(f"frontlineMap.timeDimension.setCurrentTimeIndex({i})")
            fronts.add(mp.front_geojson())
        assert len(fronts) > 2  # the front moves over the campaign
        mp.js(f"frontlineMap.timeDimension.setCurrentTimeIndex({n - 1})")
        # for the picture: fold the layer list away and frame the estimated zones
        mp.js(
            "document.querySelector('.leaflet-control-layers')"
            ".classList.remove('leaflet-control-layers-expanded');"
            "frontlineMap.map.fitBounds(frontlineMap.groups.zones.getBounds(), {animate: false})"
        )
        mp.page.wait_for_timeout(400)
        shot = tmp_path / "map.png"
        mp.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        assert mp.js("document.querySelectorAll('.fl-zone').length") > 0
        assert mp.js("document.querySelectorAll('.fl-frontline').length") > 0
        assert mp.js("document.querySelectorAll('.awesome-marker').length") > 0
        mp.assert_clean()
        # only a map that rendered cleanly becomes the README's screenshot
        docs = REPO / "docs"
        docs.mkdir(exist_ok=True)
        shutil.copyfile(shot, docs / "map.png")
    finally:
        mp.close()


def test_seed_map_opens_and_its_popups_quote_evidence(tmp_path, browser, modules, seeds_dir):
    exts = extract_folder(seeds_dir)
    write_outputs(exts, tmp_path, title="seed dispatches")
    mp = MapPage(browser, modules, tmp_path / "map.html")
    try:
        mp.assert_clean()
        markers = mp.page.locator(".leaflet-marker-icon.awesome-marker, path.leaflet-interactive")
        assert markers.count() > 0
        evidence = {e.evidence for x in exts for e in x.events}
        markers.first.dispatch_event("click")
        mp.page.wait_for_selector(".leaflet-popup-content", timeout=5_000)
        quoted = mp.page.locator(".fl-evidence").inner_text()
        assert quoted.strip("\u201c\u201d") in evidence
        mp.assert_clean()
    finally:
        mp.close()


SIX_OUTLETS = ("Wire One", "Wire Two", "Daily Three", "Radio Four", "Monitor Five", "Paper Six")


def test_a_fused_capture_is_one_marker_whose_popup_lists_its_six_sources(
    tmp_path, browser, modules
):
    """Issue 10: six outlets' reports of one capture are one marker listing the six."""
    day = date(2019, 8, 20)
    exts = [
        extraction(
            f"k{i}",
            [
                event(
                    f"k{i}",
                    "capture",
                    "Khan Shaykhun",
                    day,
                    evidence=f"{outlet}: government forces took Khan Shaykhun on Tuesday.",
                    source=outlet,
                    url=f"https://example.org/k{i}",
                    title=f"Dispatch {i}",
                )
            ],
            when=day,
            source=outlet,
        )
        for i, outlet in enumerate(SIX_OUTLETS)
    ]
    claim = event("m", "capture", "Saraqib", date(2020, 2, 6), source="Lone Courier")
    exts.append(extraction("m", [claim], when=date(2020, 2, 6), source="Lone Courier"))
    # the opposition takes Saraqib back: the government's capture is superseded
    back = event("n", "capture", "Saraqib", date(2020, 2, 27), "opposition", source="Other Wire")
    exts.append(extraction("n", [back], when=date(2020, 2, 27), source="Other Wire"))
    # a claim another outlet denies two days later: superseded, and the popup says so
    lone = event("p", "capture", "Morek", date(2020, 2, 6), source="Lone Courier")
    exts.append(extraction("p", [lone], when=date(2020, 2, 6), source="Lone Courier"))
    denial = replace(event("q", "capture", "Morek", date(2020, 2, 8)), reason=DENIED)
    exts.append(extraction("q", [], when=date(2020, 2, 8), source="Echo Radio"))
    exts[-1].denials.append(replace(denial, source="Echo Radio"))
    write_outputs(exts, tmp_path)
    mp = MapPage(browser, modules, tmp_path / "map.html")
    try:
        markers = "frontlineMap.groups.captures.getLayers().filter(l => l instanceof L.Marker)"
        assert mp.js(f"{markers}.length") == 4  # Khan Shaykhun once, Saraqib twice, Morek
        lat, lon, _ = PLACES["Khan Shaykhun"]
        mp.click_latlng(lat, lon)
        popup = mp.page.locator(".leaflet-popup-content")
        assert "6 outlets (corroborated)" in popup.inner_text()
        assert "claim" not in popup.inner_text()
        items = popup.locator(".fl-reports li")
        assert items.count() == 6
        links = {items.nth(i).locator("a").inner_text() for i in range(6)}
        assert links == set(SIX_OUTLETS)
        hrefs = {items.nth(i).locator("a").get_attribute("href") for i in range(6)}
        assert hrefs == {f"https://example.org/k{i}" for i in range(6)}
        assert "\u201con Sunday\u201d" in items.first.inner_text()  # the date phrase
        assert "Monitor Five: government forces took" in popup.inner_text()  # its evidence
        mp.page.locator(".leaflet-popup-close-button").click()
        mp.js("frontlineMap.timeDimension.setCurrentTimeIndex(1)")  # 2020-02-06: one marker
        lat, lon, _ = PLACES["Saraqib"]
        mp.click_latlng(lat, lon)
        popup = mp.page.locator(".leaflet-popup-content")
        assert "1 outlet \u2013 claim (one source only)" in popup.inner_text()
        assert popup.locator(".fl-reports").count() == 0
        superseded = popup.locator(".fl-superseded").inner_text()
        assert superseded == "superseded by 2020-02-27 (taken by opposition)"
        mp.page.locator(".leaflet-popup-close-button").click()
        lat, lon, _ = PLACES["Morek"]
        mp.click_latlng(lat, lon)
        popup = mp.page.locator(".leaflet-popup-content")
        assert "Lone Courier" in popup.inner_text()
        superseded = popup.locator(".fl-superseded").inner_text()
        assert superseded == "superseded by 2020-02-08 (denied by Echo Radio)"
        mp.assert_clean()
    finally:
        mp.close()


PAINTED_JS = """(() => {
  let n = 0;
  for (const c of document.querySelectorAll('canvas.fl-canvas-tile')) {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) { if (d[i]) { n += 1; } }
  }
  return n;
})()"""
TILES_JS = (
    "Array.from(document.querySelectorAll('canvas.fl-canvas-tile'))"
    ".map(c => c.toDataURL()).join('|')"
)


@pytest.fixture(scope="module")
def canvas_map(tmp_path_factory):
    """Above CANVAS_ABOVE events: the timeline's captures plus bulk clashes and one to click."""
    from mapper.render.html import CANVAS_ABOVE

    busy = {name for name, _, _ in TIMELINE} | {"Ariha", "Kupiansk", "Izium", "Balakliia"}
    lonely = next(name for name in PLACES if name not in busy)
    days = sorted({when for _, when, _ in TIMELINE})
    # clashes on a grid 3.6-4.4 km apart around the three towns (farther than FUSE_KM): none
    # fuses with another, so each is its own event on the canvas
    bulk = [
        replace(
            ev := event(
                "bulk",
                "clash",
                ("Kupiansk", "Izium", "Balakliia")[i % 3],
                days[i % len(days)],
                "opposition" if i % 2 else "government",
                start=i,
            ),
            lat=round(ev.lat + 0.04 * (i // 3 // 30), 5),
            lon=round(ev.lon + 0.06 * (i // 3 % 30), 5),
        )
        for i in range(CANVAS_ABOVE)
    ]
    bulk.append(
        event(
            "bulk",
            "advance",
            "Izium",
            days[-1],
            start=CANVAS_ABOVE,
            distance_km=6.0,
            direction="north",
        )
    )
    text = "A lone patrol was reported at the crossroads by the test wire (canvas popup)."
    lone = event("lone", "clash", lonely, days[-1], evidence=text, url="https://example.org/lone")
    # the same clash reported by a second outlet: one event on the canvas, two sources
    echo = event("echo", "clash", lonely, days[-1], evidence="Echo.", source="Echo Radio")
    exts = [
        *timeline_extractions(),
        extraction("bulk", bulk, when=days[-1]),
        extraction("lone", [lone], when=days[-1]),
        extraction("echo", [echo], when=days[-1], source="Echo Radio"),
    ]
    out = tmp_path_factory.mktemp("canvas")
    write_outputs(exts, out, title="many events")
    total = len(fuse_events(e for x in exts for e in x.events))
    assert total > CANVAS_ABOVE
    return out / "map.html", lonely, text, total


def _open_canvas(browser, modules, html: Path) -> MapPage:
    mp = MapPage(browser, modules, html)
    mp.page.wait_for_function("frontlineMap.drawn === true", timeout=30_000)
    return mp


def test_a_large_map_draws_on_canvas_and_the_slider_moves_front_and_events(
    browser, modules, canvas_map
):
    html, _, _, total = canvas_map
    mp = _open_canvas(browser, modules, html)
    try:
        mp.assert_clean()
        assert mp.js("document.querySelectorAll('.awesome-marker').length") == 0
        assert mp.js("document.querySelectorAll('canvas.fl-canvas-tile').length") > 0
        assert mp.js(PAINTED_JS) > 0
        assert mp.js("frontlineMap.eventsShown") == total
        last_front, last_tiles = mp.front_geojson(), mp.js(TILES_JS)
        for _ in range(3):
            mp.page.locator(".timecontrol-backward").click()
            mp.page.wait_for_timeout(150)
        assert mp.front_geojson() != last_front
        assert mp.js("frontlineMap.eventsShown") < total
        assert mp.js(TILES_JS) != last_tiles  # the later events are no longer drawn
        mp.js("frontlineMap.timeDimension.setCurrentTimeIndex(0)")
        assert mp.js("frontlineMap.date") == "2019-05-08"
        assert mp.js("frontlineMap.eventsShown") < total / 10
        # switching a layer off in the layer control clears its events from the canvas
        mp.js(f"frontlineMap.timeDimension.setCurrentTimeIndex({len(TIMELINE)})")
        painted = mp.js(PAINTED_JS)
        mp.page.locator(".leaflet-control-layers").get_by_text("Clashes", exact=True).click()
        mp.page.wait_for_timeout(300)
        assert mp.js(PAINTED_JS) < painted
        mp.assert_clean()
    finally:
        mp.close()


def test_clicking_an_event_on_the_canvas_opens_its_popup(browser, modules, canvas_map):
    html, lonely, text, _ = canvas_map
    mp = _open_canvas(browser, modules, html)
    try:
        lat, lon, _ = PLACES[lonely]
        mp.js("window.flOpened = 0; frontlineMap.map.on('popupopen', () => window.flOpened++)")
        mp.click_latlng(lat, lon, dy=0)
        mp.page.wait_for_timeout(300)
        # the click opens the event's popup exactly once (a zone under the event passes the
        # click to the map as well)
        assert mp.js("window.flOpened") == 1
        popup = mp.page.locator(".leaflet-popup-content", has_text=text)
        assert popup.count() == 1
        assert f"\u201c{text}\u201d" in popup.inner_text()
        assert lonely in popup.inner_text() and "clash" in popup.inner_text()
        # the fused clash lists both outlets, each linking to its article
        items = popup.locator(".fl-reports li")
        assert items.count() == 2
        assert {items.nth(i).locator("a").inner_text() for i in range(2)} == {
            "Test Wire",
            "Echo Radio",
        }
        assert "2 outlets (corroborated)" in popup.inner_text()
        assert "\u201cEcho.\u201d" in popup.inner_text()
        mp.assert_clean()
    finally:
        mp.close()


def test_the_area_beyond_the_reach_of_any_evidence_is_drawn_as_unknown(tmp_path, browser, modules):
    """Two weak one-outlet reports 119 km apart: the country between is grey, not a side."""
    day = date(2020, 1, 1)
    spots = {"Khan Shaykhun": 36.0, "Saraqib": 37.3}  # moved (made up) onto one parallel
    exts = []
    for i, (name, lon) in enumerate(spots.items()):
        ev = replace(event(f"u{i}", "capture", name, day), lat=35.0, lon=lon, confidence=0.1)
        exts.append(extraction(f"u{i}", [ev], when=day, source=f"Outlet {i}"))
    write_outputs(exts, tmp_path)
    mp = MapPage(browser, modules, tmp_path / "map.html")
    try:
        assert mp.js("document.querySelectorAll('path.fl-unknown').length") == 1
        assert "Unknown (no evidence near)" in mp.page.locator("#fl-legend").inner_text()

        def drawn_at(lat: float, lon: float) -> str:
            mp.js(f"frontlineMap.map.setView([{lat}, {lon}], 10, {{animate: false}})")
            mp.page.wait_for_timeout(200)
            return mp.js(
                "(() => { const c = frontlineMap.map.getContainer().getBoundingClientRect();"
                f" const p = frontlineMap.map.latLngToContainerPoint([{lat}, {lon}]);"
                " const e = document.elementFromPoint(c.left + p.x, c.top + p.y);"
                " return e.getAttribute('class') || ''; })()"
            )

        assert "fl-unknown" in drawn_at(35.0, 36.65)  # 59 km from both reports
        near = drawn_at(35.0, 36.1)  # 9 km from one: the government's zone
        assert "fl-zone" in near and "fl-unknown" not in near
        mp.assert_clean()
    finally:
        mp.close()
