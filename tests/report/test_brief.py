"""The policy brief: every chart from a small sweep, values that match the tables,
Chinese without missing glyphs, and a PDF with one page per section."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.config.paths import PROJECT_ROOT
from sim.economy.outcomes import OUTCOMES
from sim.report import brief, charts, style

SCENARIOS = "scenario=baseline,demand_side_subsidy,supply_side_subsidy"


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sweep")
    subprocess.run([sys.executable, "-m", "sim", "-m", SCENARIOS, "seed=0,1,2",
                    "population.households=2000", "steps=8", f"hydra.sweep.dir={out}"],
                   cwd=PROJECT_ROOT, check=True, capture_output=True, timeout=600)
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_brief_writes_every_file_without_missing_glyphs(sweep_dir: Path, lang: str) -> None:
    result = subprocess.run([sys.executable, "-m", "sim.brief", str(sweep_dir), f"lang={lang}"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr  # missing glyphs are errors there
    assert "missing from font" not in result.stderr
    out = sweep_dir / "brief" / lang
    for name in brief.CHARTS:
        assert (out / f"{name}.png").stat().st_size > 10_000, name
        assert (out / f"{name}.svg").exists(), name
    page = (out / "brief.html").read_text(encoding="utf-8")
    assert all(f'src="{name}.png"' in page for name in brief.CHARTS)
    assert "七（一）" in page and "0.1.0" in page
    pdf = (out / "brief.pdf").read_bytes()
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 1 + len(brief.CHARTS)


def _tables(sweep_dir: Path) -> dict[str, pd.DataFrame]:
    return {n: pd.read_parquet(sweep_dir / f"{n}.parquet")
            for n in ("comparison", "runs", "distribution")}


def test_the_scorecard_draws_the_paired_changes_of_the_comparison_table(sweep_dir) -> None:
    tables = _tables(sweep_dir)
    style.apply("en")
    labels = charts.Labels.load("en")
    fig = charts.scorecard(tables["comparison"], labels)
    order = charts.scenario_order(tables["comparison"], labels)
    assert order == ["demand_side_subsidy", "supply_side_subsidy"]
    for ax, outcome in zip(fig.axes, charts.SCORECARD, strict=False):
        drawn = [p.get_width() for p in ax.patches]
        rows = (tables["comparison"].query("outcome == @outcome").set_index("scenario")
                .reindex(order))
        expected = charts.display_change(rows, OUTCOMES[outcome])["value"].to_numpy()
        np.testing.assert_allclose(drawn, expected, rtol=1e-12)


def test_cost_effectiveness_puts_demand_and_supply_side_side_by_side(sweep_dir) -> None:
    tables = _tables(sweep_dir)
    labels = charts.Labels.load("en")
    fig = charts.cost_effectiveness(tables["comparison"], labels)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert "demand side" in names[0] and "supply side" in names[1]
    rows = tables["comparison"].query("outcome == 'consumption_multiplier'").set_index("scenario")
    drawn = [p.get_width() for p in ax.patches]
    expected = rows.loc[["demand_side_subsidy", "supply_side_subsidy"], "diff"].to_numpy()
    np.testing.assert_allclose(drawn, expected, rtol=1e-12)


def test_trajectories_and_structure_draw_the_runs_table(sweep_dir) -> None:
    tables = _tables(sweep_dir)
    labels = charts.Labels.load("zh")
    runs = tables["runs"]
    fig = charts.trajectories(runs, labels, ["demand_side_subsidy"])
    line = next(line for line in fig.axes[1].lines if line.get_gid() == "baseline")
    expected = (runs.query("scenario == 'baseline' and outcome == 'consumption_pc'")
                .groupby("step")["value"].mean())
    np.testing.assert_allclose(line.get_ydata(), expected.to_numpy(), rtol=1e-12)
    fig = charts.consumption_structure(runs, labels, "demand_side_subsidy")
    widths = np.array([p.get_width() for p in fig.axes[0].patches]).reshape(8, 3)
    np.testing.assert_allclose(widths.sum(axis=0), 100.0, atol=1e-6)


def test_chinese_labels_come_from_the_declarations(sweep_dir) -> None:
    labels = charts.Labels.load("zh")
    assert labels.title("demand_side_subsidy") == "补需方：消费券与消费补贴"
    assert labels.outcome("engel") == "恩格尔系数"
    style.apply("zh")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = charts.who_gains(_tables(sweep_dir)["distribution"], labels,
                               ["demand_side_subsidy"])
        fig.savefig(sweep_dir / "who_gains_check.png")


def test_an_unknown_focus_scenario_is_refused(sweep_dir: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "sim.brief", str(sweep_dir),
                             "focus=full_plan"], cwd=PROJECT_ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 2 and "focus = 'full_plan'" in result.stderr
