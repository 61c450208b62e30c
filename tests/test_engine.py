"""The Dask engine gives what the single-process run gives: same records, same reports.

A real `distributed.LocalCluster` (2 worker processes on 127.0.0.1, no dashboard) runs the
partitions; the single-process `extract_stream` is the reference.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mapper.cli import app
from mapper.commands.common import RunStats, extract_stream, open_gazetteer
from mapper.commands.extract import OutputFormat, _records, event_columns, write_records
from mapper.engine.dask_engine import dask_extract_stream
from mapper.engine.partitions import plan_partitions
from mapper.model import ArticleExtraction

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a two-worker LocalCluster, shared by this module's tests."""
    import logging

    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


def _geojson(extractions: Iterator[ArticleExtraction]) -> str:
    out = io.StringIO()
    records = _records(extractions, mentions=False, unplaced=lambda record: None)
    write_records(records, out, fmt=OutputFormat.geojson, columns=event_columns())
    return out.getvalue()


def _mentions(extractions: list[ArticleExtraction]) -> list[dict[str, Any]]:
    return [mention.to_dict() for item in extractions for mention in item.mentions]


def _both(
    inputs: list[str], client: Any, capsys: pytest.CaptureFixture[str], **options: Any
) -> tuple[tuple[list[ArticleExtraction], RunStats, str], ...]:
    runs = []
    local_stats = RunStats()
    local = list(
        extract_stream(inputs, published=None, stats=local_stats, gazetteer=open_gazetteer())
    )
    runs.append((local, local_stats, capsys.readouterr().err))
    dask_stats = RunStats()
    stream = dask_extract_stream(inputs, client=client, published=None, stats=dask_stats, **options)
    runs.append((list(stream), dask_stats, capsys.readouterr().err))
    return tuple(runs)


def _write_jsonl(path: Path, rows: list[dict[str, Any] | str]) -> None:
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.slow
def test_devset_geojson_is_byte_identical_on_two_workers(
    devset_path: Path, client: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = plan_partitions([devset_path], partitions=6, min_bytes=1)
    assert sum(part.kind == "range" for part in plan) == 6  # the file really is split
    (local, local_stats, local_err), (dask, dask_stats, dask_err) = _both(
        [str(devset_path)], client, capsys, partitions=6, min_bytes=1
    )
    assert len(local) == 97
    assert _geojson(iter(dask)) == _geojson(iter(local))
    assert _mentions(dask) == _mentions(local)
    assert dask_stats == local_stats
    assert dask_err == local_err


def test_ranges_cut_at_line_starts_and_number_lines(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    rows: list[dict[str, Any] | str] = [
        {"text": f"Report {n}: troops entered the village of Kafr Nabudah."} for n in range(40)
    ]
    _write_jsonl(path, rows)
    data = path.read_bytes()
    plan = plan_partitions([path], partitions=7, min_bytes=1)
    assert len(plan) >= 6
    assert plan[0].start == 0 and plan[-1].end == len(data)
    for before, after in zip(plan, plan[1:], strict=False):
        assert before.end == after.start
        assert data[after.start - 1 : after.start] == b"\n"
        assert after.first_line == data[: after.start].count(b"\n") + 1


def test_odd_inputs_give_the_same_records_and_reports(
    tmp_path: Path, client: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "b-note.txt").write_text(
        "---\npublished: 2019-08-20\nid: dup\n---\nRebels withdrew from Khan Shaykhun.\n",
        encoding="utf-8",
    )
    (corpus / "c-listed.txt").write_text("Government forces captured Kafr Zita.", encoding="utf-8")
    (corpus / "d-empty.txt").write_text("", encoding="utf-8")
    rows: list[dict[str, Any] | str] = [
        {"id": "dup", "published": "2019-08-14", "text": "Troops captured Al-Habeet on Tuesday."},
        "",
        "{not json",
        {"published": "2019-08-15", "file": "c-listed.txt"},
        {"id": "dup", "published": "2019-08-16", "text": "Shelling hit Maarat al-Numan."},
        {"published": "2019-08-17"},
    ]
    rows += [
        {"published": "2019-08-18", "text": f"Clashes near Kafr Nabudah, day {n}."}
        for n in range(12)
    ]
    _write_jsonl(corpus / "a-wire.jsonl", rows)
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n" * 50, encoding="utf-8")
    inputs = [str(corpus), str(blank), str(tmp_path / "missing.txt"), str(corpus / "b-note.txt")]
    plan = plan_partitions(inputs, partitions=9, min_bytes=1)
    assert sum(part.kind == "range" for part in plan) >= 4
    (local, local_stats, local_err), (dask, dask_stats, dask_err) = _both(
        inputs, client, capsys, partitions=9, min_bytes=1
    )
    assert [item.article.id for item in dask] == [item.article.id for item in local]
    assert [item.article.id for item in local][:3] == ["dup", "c-listed", "dup-2"]
    assert _geojson(iter(dask)) == _geojson(iter(local))
    assert _mentions(dask) == _mentions(local)
    assert dask_stats == local_stats
    assert dask_err == local_err
    assert "empty file" in dask_err and "not JSON" in dask_err and "missing.txt" in dask_err


def test_cli_extract_on_a_scheduler_matches_the_local_run(tmp_path: Path, client: Any) -> None:
    source = tmp_path / "two.jsonl"
    _write_jsonl(
        source,
        [
            {"published": "2019-08-14", "text": "Troops captured Al-Habeet on Tuesday."},
            {"published": "2019-08-15", "text": "Rebels withdrew from Khan Shaykhun."},
        ],
    )
    runner = CliRunner()
    common = ["extract", str(source), "-f", "geojson", "-q"]
    local = runner.invoke(app, [*common, "-o", str(tmp_path / "local.geojson")])
    address = client.scheduler.address
    on_dask = runner.invoke(
        app,
        [*common, "-o", str(tmp_path / "dask.geojson"), "--engine", "dask"]
        + ["--scheduler", address, "--partitions", "2"],
    )
    assert local.exit_code == on_dask.exit_code == 0, on_dask.output
    dask_bytes = (tmp_path / "dask.geojson").read_bytes()
    assert dask_bytes == (tmp_path / "local.geojson").read_bytes()
    assert len(json.loads(dask_bytes)["features"]) >= 2


def test_cli_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", "-", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "needs --engine dask" in result.output


def test_cli_unreachable_scheduler_is_one_error_line() -> None:
    result = CliRunner().invoke(
        app, ["extract", "-", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"], input="x"
    )
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "cannot connect" in lines[0], result.output
    assert "Traceback" not in result.output


def test_a_range_whose_file_vanished_is_one_problem(tmp_path: Path) -> None:
    from mapper.engine.partitions import load_partition

    path = tmp_path / "gone.jsonl"
    _write_jsonl(path, [{"text": f"Clashes near Morek, report {n}."} for n in range(30)])
    plan = plan_partitions([path], partitions=3, min_bytes=1)
    path.unlink()
    loaded = load_partition(plan[1], published=None)
    assert [type(record).__name__ for record in loaded.records] == ["LoadProblem"]
    assert "cannot read bytes" in loaded.records[0].message


@pytest.mark.slow
def test_cli_map_on_a_scheduler_writes_the_same_layers(
    tmp_path: Path, client: Any, demo_dir: Path
) -> None:
    runner = CliRunner()
    local = runner.invoke(app, ["map", str(demo_dir), "-o", str(tmp_path / "local"), "-q"])
    on_dask = runner.invoke(
        app,
        ["map", str(demo_dir), "-o", str(tmp_path / "dask"), "-q", "--engine", "dask"]
        + ["--scheduler", client.scheduler.address, "--partitions", "4"],
    )
    assert local.exit_code == on_dask.exit_code == 0, on_dask.output
    for name in ("events.geojson", "frontline.geojson", "uncertainty.geojson", "unresolved.csv"):
        dask_bytes = (tmp_path / "dask" / name).read_bytes()
        assert dask_bytes == (tmp_path / "local" / name).read_bytes(), name
    assert len(json.loads((tmp_path / "dask" / "frontline.geojson").read_bytes())["features"]) > 1
