"""Real QGIS opens what ``frontline map`` wrote: the project, the GeoJSON files, the GeoPackage.

QGIS runs as Debian's ``/usr/bin/python3`` with ``python3-qgis`` (3.22, headless) in a
subprocess (tests/qgis_probe.py); the test is skipped, with the reason, only when that Python
cannot import ``qgis`` (``.ci/run`` installs it when ``CI=true``). The outputs are moved to
another folder before QGIS opens them, so the project's relative paths are what is tested.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest

from mapper.render.layers import EVENT_LAYERS, SIDE_STYLES, layer_for_type, side_style

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
QGIS_PYTHON = "/usr/bin/python3"
PROBE = Path(__file__).with_name("qgis_probe.py")


def _qgis_missing() -> str | None:
    if not Path(QGIS_PYTHON).exists():
        return f"{QGIS_PYTHON} is absent"
    done = subprocess.run(
        [QGIS_PYTHON, "-c", "import qgis.core"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return f"{QGIS_PYTHON} cannot import qgis ({last}): apt-get install python3-qgis"
    return None


@pytest.fixture(scope="module")
def qgis_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """``frontline map`` of the demo corpus, moved, then opened and rendered by QGIS."""
    reason = _qgis_missing()
    if reason:
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("qgis")
    made = subprocess.run(
        [sys.executable, "-m", "mapper", "map", "-o", str(work / "out"), "-q"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert made.returncode == 0, made.stderr
    moved = work / "moved" / "elsewhere"
    moved.parent.mkdir()
    shutil.move(work / "out", moved)  # relative paths must survive a move
    front = json.loads((moved / "frontline.geojson").read_text())["features"]
    snapshots = sorted({f["properties"]["date"] for f in front})
    assert len(snapshots) >= 3
    days = [snapshots[len(snapshots) // 2], snapshots[-1]]
    pngs = work / "png"
    pngs.mkdir()
    probe = subprocess.run(
        [QGIS_PYTHON, str(PROBE), str(moved), str(pngs), *days],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""},
        timeout=600,
    )
    lines = [line for line in probe.stdout.splitlines() if line.startswith("{")]
    assert lines, probe.stderr[-2000:]
    seen = json.loads(lines[-1])
    assert "error" not in seen, seen.get("error")
    return {"seen": seen, "dir": moved, "days": days, "pngs": pngs}


def _features(path: Path) -> list[dict[str, object]]:
    return json.loads(path.read_text())["features"]  # type: ignore[no-any-return]


def _props(path: Path) -> list[dict[str, object]]:
    return [f["properties"] for f in _features(path)]  # type: ignore[misc]


def test_the_project_opens_with_relative_paths_crs_and_time_range(qgis_run) -> None:
    seen, out = qgis_run["seen"], qgis_run["dir"]
    assert seen["qgis"].startswith("3.")
    assert seen["project_read"] is True and seen["absolute_paths"] is False
    assert seen["project_crs"] == "EPSG:4326"
    events = _props(out / "events.geojson")
    front = _props(out / "frontline.geojson")
    days = sorted({str(p["date"]) for p in events if p["date"]} | {str(p["date"]) for p in front})
    assert seen["time_range"][0] == days[0] and seen["time_range"][1] > days[-1]
    assert seen["time_step"][0] == 1.0
    xmin, ymin, xmax, ymax = seen["view_extent"]
    lons = [f["geometry"]["coordinates"][0] for f in _features(out / "events.geojson")]
    assert xmin < min(lons) and max(lons) < xmax and ymin < ymax
    for name, layer in seen["layers"].items():
        assert layer["valid"], name
        assert layer["crs"] == "EPSG:4326", name
        path = layer["source"].split("|")[0]
        assert Path(path).resolve().parent == out.resolve(), (name, path)


def test_layers_are_styled_like_the_html_map(qgis_run) -> None:
    seen, out = qgis_run["seen"], qgis_run["dir"]
    layers = seen["layers"]
    events = layers["Events (by type and side)"]
    props = _props(out / "events.geojson")
    assert events["features"] == len(props) and events["geometry"] == "Point"
    assert events["renderer"] == "categorizedSymbol"
    cats = {c["value"]: c for c in events["categories"]}
    for p in props:  # every (type, side) present has its own class
        cat = cats[f"{p['type']}/{(p['side'] or '').lower()}"]
        spec = layer_for_type(str(p["type"]))
        if spec is EVENT_LAYERS[0]:  # captures and entries: the side's colour
            assert cat["color"] == side_style(p["side"]).color
        else:  # the others: their layer's colour (ringed in the side's)
            assert spec is not None and cat["color"] == spec.color
    assert events["labels"] and "place_name" in events["label_field"]

    zones = layers["Control zones (estimated)"]
    front = _props(out / "frontline.geojson")
    assert zones["features"] == sum(p["kind"] == "zone" for p in front)
    assert zones["geometry"] == "Polygon" and zones["renderer"] == "categorizedSymbol"
    by_side = {c["value"]: c for c in zones["categories"]}
    for key, style in SIDE_STYLES.items():
        assert by_side[key]["color"] == style.color and by_side[key]["alpha"] < 128

    line = layers["Front line (estimated)"]
    assert line["features"] == sum(p["kind"] == "line" for p in front)
    assert line["geometry"] == "Line" and line["symbol"]["line_style"] == "dash"

    places = layers["Places mentioned"]
    assert places["labels"] and places["label_field"] == "place_name"
    assert places["visible"] is False and places["temporal"] is False
    assert (
        len(pyogrio.read_dataframe(out / "frontline.gpkg", layer="mentions")) == places["features"]
    )


def test_the_temporal_controller_shows_what_the_slider_shows(qgis_run) -> None:
    seen, out = qgis_run["seen"], qgis_run["dir"]
    layers = seen["layers"]
    events = [p for p in _props(out / "events.geojson")]
    front = _props(out / "frontline.geojson")
    snapshots = sorted({str(p["date"]) for p in front})
    for name in (
        "Events (by type and side)",
        "Control zones (estimated)",
        "Front line (estimated)",
    ):
        assert layers[name]["temporal"] and layers[name]["temporal_mode"] == 4, name
    for day in qgis_run["days"]:
        # events: shown from their date on (cumulative, as on the HTML map)
        expected = sum(1 for p in events if p["date"] and str(p["date"]) <= day)
        assert layers["Events (by type and side)"]["shown"][day] == expected
        # zones and line: only the latest snapshot on or before the day
        current = max(s for s in snapshots if s <= day)
        for name, kind in (
            ("Control zones (estimated)", "zone"),
            ("Front line (estimated)", "line"),
        ):
            want = sum(1 for p in front if p["kind"] == kind and p["date"] == current)
            assert layers[name]["shown"][day] == want, (name, day)
    first, last = qgis_run["days"]
    assert (
        layers["Events (by type and side)"]["shown"][first]
        < layers["Events (by type and side)"]["shown"][last]
    )


def test_geojson_and_every_geopackage_layer_open_with_their_styles(qgis_run) -> None:
    seen, out = qgis_run["seen"], qgis_run["dir"]
    direct = seen["direct"]
    assert direct["events.geojson"]["valid"]
    assert direct["events.geojson"]["features"] == len(_features(out / "events.geojson"))
    assert direct["frontline.geojson"]["valid"]
    gpkg = out / "frontline.gpkg"
    layers = {str(n) for n, _ in pyogrio.list_layers(gpkg)} - {"layer_styles"}
    assert {"events", "mentions", "frontline", "articles"} <= layers
    for name in layers:
        report = direct[f"gpkg:{name}"]
        info = pyogrio.read_info(gpkg, layer=name)
        assert report["valid"], name
        assert report["features"] == info["features"], name
        assert set(info["fields"]) <= set(report["fields"]), name
        if info["geometry_type"]:
            assert report["crs"] == "EPSG:4326", name
    # default styles (layer_styles) came back on open; their temporal settings are in them
    assert direct["gpkg:events"]["renderer"] == "categorizedSymbol"
    assert direct["gpkg:frontline"]["renderer"] == "RuleRenderer"
    assert direct["gpkg:mentions"]["labels"] is True
    assert direct["gpkg:events"]["style_temporal"] and direct["gpkg:frontline"]["style_temporal"]


def _tint(hex_color: str, alpha: int) -> tuple[int, int, int]:
    rgb = [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(c * alpha / 255 + 255 * (1 - alpha / 255)) for c in rgb)  # type: ignore[return-value]


def _has(colors: dict[str, int], rgb: tuple[int, int, int], tolerance: int = 3) -> int:
    total = 0
    for name, count in colors.items():
        other = [int(name[i : i + 2], 16) for i in (1, 3, 5)]
        if all(abs(a - b) <= tolerance for a, b in zip(other, rgb, strict=True)):
            total += count
    return total


def test_renders_at_two_dates_show_the_front_moving(qgis_run) -> None:
    renders = qgis_run["seen"]["renders"]
    first, last = (renders[d] for d in qgis_run["days"])
    for render in (first, last):
        assert Path(render["path"]).stat().st_size > 10_000
        colors = render["colors"]
        assert _has(colors, (17, 17, 17), 10) > 0  # the dashed front line
        tints = [_has(colors, _tint(s.color, 64)) for s in SIDE_STYLES.values()]
        assert sum(tints) > 0.05 * sum(colors.values())  # translucent zones cover the map
    assert first["colors"] != last["colors"]
    # only two clean renders become the README's picture
    docs = REPO / "docs"
    docs.mkdir(exist_ok=True)
    shutil.copyfile(last["path"], docs / "qgis.png")
