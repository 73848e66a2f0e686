"""Every notebook runs top to bottom at the test scale (SIM_NOTEBOOK_SCALE=small)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sim.tools.notebooks import NOTEBOOKS, execute

pytest.importorskip("nbclient")


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_notebook_runs_without_error_in_under_a_minute(path: Path, tmp_path: Path) -> None:
    started = time.perf_counter()
    executed = execute(path, tmp_path, small=True, timeout=300)
    assert executed.exists()
    assert time.perf_counter() - started < 60


def test_notebooks_are_committed_without_outputs() -> None:
    import nbformat

    for path in NOTEBOOKS.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
