"""write_outputs: every file written, counts, and unresolved.csv listing what was not placed."""

from __future__ import annotations

import csv
import json
from datetime import date

from mapdata import OUTPUT_NAMES, event, extraction, timeline_extractions

from mapper.model import Mention
from mapper.render import write_outputs
from mapper.render.outputs import OUTPUT_FILES


def test_write_outputs_writes_every_file_and_counts(tmp_path):
    exts = timeline_extractions()
    unplaced = Mention(
        "u1", "Tell Nowhere", 5, 17, "Fighting near Tell Nowhere.", None, 0.0, "no candidate"
    )
    odd = extraction(
        "u1",
        [
            event("u1", "capture", None, date(2019, 8, 20), evidence="They took the hill."),
            event("u1", "clash", "Hish", None, start=40, evidence="Clashes went on."),
            event(
                "u1",
                "advance",
                "Khan Shaykhun",
                date(2019, 8, 14),
                distance_km=4,
                direction="W",
                start=90,
            ),
        ],
    )
    odd.mentions.append(unplaced)
    odd.problems.append("no publication date in front matter")
    summary = write_outputs([*exts, odd], tmp_path, title="Test run")
    assert {p.name for p in tmp_path.iterdir()} == OUTPUT_NAMES
    assert set(summary.paths) == OUTPUT_NAMES
    assert summary.articles == len(exts) + 1
    assert summary.events == sum(len(x.events) for x in exts) + 3
    assert summary.events_located == summary.events - 1
    assert summary.snapshots > 0 and summary.first_date == date(2019, 5, 8)
    with (tmp_path / "unresolved.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert summary.unresolved == len(rows) == 4
    kinds = {(r["kind"], r["surface"], r["type"]) for r in rows}
    assert ("mention", "Tell Nowhere", "place") in kinds
    assert ("event", "", "capture") in kinds
    assert ("event", "Hish", "clash") in kinds  # placed but not dated
    assert ("article", "", "") in kinds
    reasons = {r["reason"] for r in rows}
    assert "no location" in reasons and "no date" in reasons
    uncertainty = json.loads((tmp_path / "uncertainty.geojson").read_text())
    assert len(uncertainty["features"]) == 1
    labels = dict(summary.rows())
    assert labels["articles"] == str(len(exts) + 1)
    assert labels["dates"].endswith("(2019-05-08 .. 2020-03-02)")
    as_json = json.loads(json.dumps(summary.to_dict()))
    assert as_json["events"] == summary.events and as_json["first_date"] == "2019-05-08"
    assert as_json["paths"]["map.html"] == str(tmp_path / "map.html")


def test_output_files_constant_is_the_contract_list():
    assert len(OUTPUT_FILES) == len(OUTPUT_NAMES) and set(OUTPUT_FILES) == OUTPUT_NAMES


def test_no_articles_still_write_every_file(tmp_path):
    summary = write_outputs([], tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == OUTPUT_NAMES
    assert summary.events == summary.snapshots == 0
    for name in ("events", "frontline", "uncertainty"):
        doc = json.loads((tmp_path / f"{name}.geojson").read_text())
        assert doc["features"] == []
