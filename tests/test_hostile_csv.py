"""CSV formula injection (issue 12): text cells a spreadsheet would run get a leading ``'``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from mapper.commands.extract import OutputFormat, write_records
from mapper.render.outputs import UNRESOLVED_COLUMNS, _write_csv
from mapper.render.safe import csv_cell, csv_row

FORMULAS = ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\tx", "\rx", "＝1+2", '=HYPERLINK("x")']


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_leading_text_gets_a_quote(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-3.5, -12, 0, 35.4, None, True, "", "Saraqib", "a=b", "'x"])
def test_numbers_and_plain_text_are_kept(value: object) -> None:
    assert csv_cell(value) is value


def test_csv_row_neutralises_every_text_cell() -> None:
    row = {"a": "=cmd", "b": -2.25, "c": "ok"}
    assert csv_row(row) == {"a": "'=cmd", "b": -2.25, "c": "ok"}


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_extract_csv_keeps_negative_numbers_numeric() -> None:
    record = {"article_id": "-1+2", "place": "=evil()", "lat": -33.86, "lon": -70.65, "killed": {}}
    out = io.StringIO()
    count = write_records(iter([record]), out, fmt=OutputFormat.csv, columns=list(record))
    (row,) = read(out.getvalue())
    assert count == 1
    assert row["article_id"] == "'-1+2" and row["place"] == "'=evil()"
    assert float(row["lat"]) == -33.86 and float(row["lon"]) == -70.65  # still numbers
    assert row["killed"] == "{}"


def test_unresolved_csv_neutralises_text_cells(tmp_path: Path) -> None:
    rows = [
        {
            "article_id": "@id",
            "kind": "mention",
            "surface": "+Place",
            "type": "capture",
            "reason": "-unresolved",
            "sentence": '=HYPERLINK("http://x")',
        }
    ]
    path = _write_csv(rows, tmp_path / "unresolved.csv")
    (row,) = read(path.read_text(encoding="utf-8"))
    assert list(row) == list(UNRESOLVED_COLUMNS)
    assert row == {
        "article_id": "'@id",
        "kind": "mention",
        "surface": "'+Place",
        "type": "capture",
        "reason": "'-unresolved",
        "sentence": '\'=HYPERLINK("http://x")',
    }
