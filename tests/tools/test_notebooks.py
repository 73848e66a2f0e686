"""Every notebook runs top to bottom at the test scale (SIM_NOTEBOOK_SCALE=small)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.tools.notebooks import NOTEBOOKS, execute

pytest.importorskip("nbclient")


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom_and_ends_on_a_conclusion(path: Path, tmp_path: Path) -> None:
    import nbformat

    # (how long it takes is no test's business: a cell that hangs fails at 300 s)
    executed = execute(path, tmp_path, small=True, timeout=300)
    cells = [c for c in nbformat.read(executed, as_version=4).cells if c.cell_type == "code"]
    outputs = [o for c in cells for o in c.get("outputs", [])]
    # no warnings, and no stray result of a housekeeping call
    assert not [o for o in outputs if o.get("name") == "stderr"]
    assert not any("count(" in str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    # it ends on a conclusion computed from its own results, in words
    last = next(o for c in reversed(cells) for o in c.get("outputs", [])
                if o.get("output_type") == "stream")
    assert len(last["text"].split()) > 15


def test_notebooks_are_committed_without_outputs() -> None:
    import nbformat

    for path in NOTEBOOKS.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
