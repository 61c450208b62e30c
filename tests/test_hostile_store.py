"""The --store under hostile conditions (issue 12): foreign files, damage, two writers at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from mapdata import timeline_extractions

from mapper.store import StoreError, read_layer, write_store

TESTS = Path(__file__).resolve().parent


def test_foreign_file_is_an_error_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.gpkg"
    path.write_text("my notes, not a GeoPackage\n", encoding="utf-8")
    with pytest.raises(StoreError, match="not a GeoPackage"):
        write_store(timeline_extractions(), path)
    assert path.read_text(encoding="utf-8") == "my notes, not a GeoPackage\n"


def test_plain_sqlite_database_is_not_a_geopackage(tmp_path: Path) -> None:
    path = tmp_path / "other.gpkg"
    with sqlite3.connect(path) as db:
        db.execute("create table t (x)")
    before = path.read_bytes()
    with pytest.raises(StoreError):
        write_store(timeline_extractions(), path)
    assert path.read_bytes() == before


def test_truncated_geopackage_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "store.gpkg"
    write_store(timeline_extractions(), path)
    data = path.read_bytes()
    path.write_bytes(data[:1024] + b"\xff" * 2048)
    with pytest.raises(StoreError) as info:
        write_store(timeline_extractions(), path)
    assert info.value.filename == str(path) and info.value.strerror


def test_empty_file_is_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.gpkg"
    path.touch()
    added = write_store(timeline_extractions(), path)
    assert added["events"] > 0


_WRITER = """
import sys
sys.path.insert(0, sys.argv[2])
from mapdata import timeline_extractions
from mapper.store import write_store
exts = timeline_extractions()
for _ in range(3):
    write_store(exts, sys.argv[1])
"""


def test_two_processes_on_one_store_never_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "shared.gpkg"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), str(TESTS)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    expected = sum(len(x.events) for x in timeline_extractions())
    for layer in ("events", "articles", "mentions"):
        ids = read_layer(path, layer)["id"].tolist()
        assert len(ids) == len(set(ids)), f"{layer} has duplicates"
    assert len(read_layer(path, "events")) == expected


def test_a_geopackage_with_another_programs_events_layer_is_left_untouched(
    tmp_path: Path,
) -> None:
    """Its 'events' layer had no 'id': a KeyError traceback from the read of stored ids."""
    import geopandas as gpd
    from shapely.geometry import Point

    path = tmp_path / "roads.gpkg"
    frame = gpd.GeoDataFrame({"name": ["r1"]}, geometry=[Point(36.6, 35.9)], crs=4326)
    frame.to_file(path, layer="events")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="'events' has no 'id' field"):
        write_store(timeline_extractions(), path)
    assert path.read_bytes() == before


def test_a_geopackage_with_other_layers_keeps_them(tmp_path: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import Point

    path = tmp_path / "mine.gpkg"
    frame = gpd.GeoDataFrame({"name": ["r1"]}, geometry=[Point(36.6, 35.9)], crs=4326)
    frame.to_file(path, layer="roads")
    added = write_store(timeline_extractions(), path)
    assert added["events"] > 0 and list(read_layer(path, "roads")["name"]) == ["r1"]


def test_a_stored_date_another_program_garbled_is_no_date_not_a_traceback(
    tmp_path: Path,
) -> None:
    from mapper.store import stored_fused

    path = tmp_path / "store.gpkg"
    write_store(timeline_extractions(), path)
    events = read_layer(path, "events")
    events["date"] = "not a date"
    fused = stored_fused(events)
    assert fused and all(f.event.date is None for f in fused)
