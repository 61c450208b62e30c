"""`frontline extract`: events without a location go to the unresolved report, not the output."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mapper.cli import app

DISPATCH = (
    "Syrian government forces captured Khan Shaykhun on Sunday, a monitor said.\n\n"
    "Government forces also captured the village of Zqortubbaniyeh on Saturday.\n"
)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _write_dispatch(tmp_path: Path) -> Path:
    source = tmp_path / "dispatch.txt"
    source.write_text(DISPATCH, encoding="utf-8")
    return source


def test_unplaced_events_go_beside_the_output_with_their_reason(tmp_path: Path) -> None:
    source = _write_dispatch(tmp_path)
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(
        app, ["extract", str(source), "--published", "2019-08-21", "-q", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    placed = _lines(out)
    unplaced = _lines(tmp_path / "events.unresolved.jsonl")
    assert [e["place"] for e in placed] == ["Khan Shaykhun"]
    assert all(e["lat"] is not None and e["lon"] is not None for e in placed)
    assert [e["place"] for e in unplaced] == ["Zqortubbaniyeh"]
    assert unplaced[0]["type"] == "capture" and unplaced[0]["lat"] is None
    assert "not resolved" in unplaced[0]["reason"]
    assert unplaced[0]["date"] == "2019-08-17"  # "on Saturday" before a Wednesday publication
    assert unplaced[0]["date_basis"] == "event" and placed[0]["date_basis"] == "event"


def test_unplaced_events_named_on_stderr_when_writing_to_stdout(tmp_path: Path) -> None:
    source = _write_dispatch(tmp_path)
    result = CliRunner().invoke(app, ["extract", str(source), "--published", "2019-08-21", "-q"])
    assert result.exit_code == 0
    stdout_events = _lines_from_text(result.stdout)
    assert [e["place"] for e in stdout_events] == ["Khan Shaykhun"]
    assert "unplaced capture 'Zqortubbaniyeh'" in result.stderr


def test_explicit_unresolved_path_and_mentions_keep_everything(tmp_path: Path) -> None:
    source = _write_dispatch(tmp_path)
    report = tmp_path / "report.jsonl"
    args = ["extract", str(source), "--published", "2019-08-21", "-q", "--unresolved"]
    result = CliRunner().invoke(app, [*args, str(report), "-o", str(tmp_path / "e.jsonl")])
    assert result.exit_code == 0
    assert [e["place"] for e in _lines(report)] == ["Zqortubbaniyeh"]
    mentions = tmp_path / "m.jsonl"
    result = CliRunner().invoke(app, [*args[:5], "--mentions", "-o", str(mentions)])
    surfaces = {m["surface"]: m["place_id"] for m in _lines(mentions)}
    assert surfaces["Zqortubbaniyeh"] is None  # unresolved mentions stay in the mentions output
    assert surfaces["Khan Shaykhun"] == "geonames:168325"


def _lines_from_text(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]
