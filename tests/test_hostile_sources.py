"""Hostile gazetteer sources (issue 12): one problem per bad line, the rest imported."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from gazetteer.errors import SourceError
from gazetteer.sources.dump import GeonamesDump
from gazetteer.sources.usercsv import UserCSV


def dump_line(gid: int, name: str, population: str = "100") -> str:
    cols = [str(gid), name, name, "", "35.5", "36.6", "P", "PPL", "SY", "", "08", "", "", ""]
    cols += [population, "", "300", "Asia/Damascus", "2020-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


@pytest.mark.parametrize("population", [str(2**63), str(10**30), "-5", "9" * 5000])
def test_dump_population_out_of_range_is_one_problem(tmp_path: Path, population: str) -> None:
    path = tmp_path / "XX.txt"
    lines = [
        dump_line(1, "Firstplace"),
        dump_line(2, "Hugeplace", population),
        dump_line(3, "Lastplace"),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dump = GeonamesDump(path)
    assert [p.name for p in dump.places()] == ["Firstplace", "Lastplace"]
    assert [p.line for p in dump.problems] == [2]


def test_truncated_zip_is_named_as_such(tmp_path: Path) -> None:
    full = tmp_path / "full.zip"
    with zipfile.ZipFile(full, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("XX.txt", "\n".join(dump_line(i, f"Place{i}") for i in range(1, 2000)))
    cut = tmp_path / "XX.zip"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    with pytest.raises(SourceError, match="damaged zip"):
        list(GeonamesDump(cut).places())


def test_csv_huge_field_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        f'name,lat,lon\nAlpha,35.1,36.1\nBeta,35.2,36.2,"{"x" * 140_000}"\nGamma,35.3,36.3\n',
        encoding="utf-8",
    )
    source = UserCSV(path)
    assert [p.name for p in source.places()] == ["Alpha", "Gamma"]
    assert [p.line for p in source.problems] == [3]
