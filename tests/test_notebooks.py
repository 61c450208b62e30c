"""Every notebook in notebooks/ runs top to bottom in a real kernel (nbclient)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def execute(path: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


def outputs_text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        for value in output.get("data", {}).values():
            parts.append(value if isinstance(value, str) else str(value))
    return "\n".join(parts)


def test_there_are_notebooks():
    assert any(p.name == "01_quickstart.ipynb" for p in NOTEBOOKS)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path):
    notebook = execute(path)  # raises CellExecutionError, with the traceback, on a failing cell
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.get("execution_count") for cell in code)
    errors = [o for cell in code for o in cell.get("outputs", []) if o.output_type == "error"]
    assert errors == []


@pytest.mark.slow
def test_quickstart_shows_events_and_the_map_inline():
    notebook = execute(next(p for p in NOTEBOOKS if p.name == "01_quickstart.ipynb"))
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    text = "\n".join(outputs_text(cell) for cell in code)
    assert "18 articles from 5 outlets" in text
    assert "EPSG:4326" in text
    # the last cell displays the folium map as HTML (an iframe with the Leaflet page inside)
    last = outputs_text(code[-1])
    assert "<iframe" in last and "leaflet" in last.lower()
