"""The policy brief: every chart from a small sweep, values that match the tables, key
findings written from them, Chinese without missing glyphs, one page size, and pages
whose text is neither cut by the edge nor on top of other text."""

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
from sim.report import brief, charts, layout, style

SCENARIOS = "scenario=baseline,demand_side_subsidy,supply_side_subsidy,quality_standards"


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sweep")
    subprocess.run([sys.executable, "-m", "sim", "-m", SCENARIOS, "seed=0,1,2",
                    "population.households=2000", "steps=8", f"hydra.sweep.dir={out}"],
                   cwd=PROJECT_ROOT, check=True, capture_output=True, timeout=600)
    return out


@pytest.fixture(scope="module")
def grid_dir(tmp_path_factory) -> Path:
    """A sweep over an interest-rate grid: two cases per scenario."""
    out = tmp_path_factory.mktemp("grid")
    subprocess.run([sys.executable, "-m", "sim", "-m", "scenario=baseline,consumer_credit",
                    "seed=0,1", "policy.credit.interest_rate=0.06,0.10",
                    "population.households=1000", "steps=6", f"hydra.sweep.dir={out}"],
                   cwd=PROJECT_ROOT, check=True, capture_output=True, timeout=600)
    return out


def _labels(sweep: brief.Sweep, lang: str) -> charts.Labels:
    style.apply(lang)
    return charts.Labels.load(lang).for_sweep(sweep.comparison)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_brief_writes_every_file_without_missing_glyphs(sweep_dir: Path, lang: str) -> None:
    result = subprocess.run([sys.executable, "-m", "sim.brief", str(sweep_dir), f"lang={lang}"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr  # missing glyphs are errors there
    assert "missing from font" not in result.stderr and "warning" not in result.stderr
    out = sweep_dir / "brief" / lang
    for name in brief.CHARTS:
        assert (out / f"{name}.png").stat().st_size > 10_000, name
        assert (out / f"{name}.svg").exists(), name
    page = (out / "brief.html").read_text(encoding="utf-8")
    assert all(f'src="{name}.png"' in page for name in brief.CHARTS)
    assert "七（一）" in page and "0.1.0" in page
    pdf = (out / "brief.pdf").read_bytes()
    pages = len(re.findall(rb"/Type /Page\b", pdf))
    assert pages >= 4 + len(brief.CHARTS)  # summary, levers, costs, charts, caveats
    sizes = set(re.findall(rb"/MediaBox \[([^\]]+)\]", pdf))
    assert len(sizes) == 1  # one page size: A4 landscape
    width, height = (float(v) for v in sizes.pop().split()[2:])
    assert (round(width), round(height)) == (842, 595)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_text_on_any_page_is_cut_or_covers_other_text(sweep_dir, grid_dir, lang) -> None:
    for directory in (sweep_dir, grid_dir):
        sweep = brief.load(directory)
        labels = _labels(sweep, lang)
        focus = labels.cases(sweep.comparison)[0]
        figures = brief.build_figures(sweep, labels, focus)
        for number, page in enumerate(brief.pages(sweep, labels, "meta", focus, figures), 1):
            assert layout.problems(page, f"{directory.name} page {number}") == []


def test_the_chain_page_joins_the_brief_only_from_this_models_table(sweep_dir, tmp_path
                                                                     ) -> None:
    """chain=DIR adds the page 'Did new consumption lead new supply?' from DIR's table
    when this model's code made it; a table from other code is refused, naming what to
    run, before anything is written."""
    from helpers import chain_table

    from sim.sweep.reuse import code_fingerprint

    data = chain_table({"demand_side_subsidy": 0.5}, {"demand_side_subsidy": -1.0})
    data.assign(model_source="another model").to_csv(tmp_path / "chain.csv", index=False)
    with pytest.raises(ValueError, match="other model code.*python -m sim.chain"):
        brief.make_brief(sweep_dir, "en", chain=tmp_path)
    data.assign(model_source=code_fingerprint()).to_csv(tmp_path / "chain.csv", index=False)
    out = brief.make_brief(sweep_dir, "en", chain=tmp_path)
    assert (out / "chain.png").stat().st_size > 10_000
    assert 'src="chain.png"' in (out / "brief.html").read_text(encoding="utf-8")


def test_the_layout_check_finds_cut_and_overlapping_text() -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3))
    fig.text(-0.2, 0.5, "a scenario name cut by the left edge")
    fig.text(0.3, 0.2, "one title")
    fig.text(0.35, 0.2, "another title")
    found = layout.problems(fig)
    assert any("cut by the page's edge" in p for p in found)
    assert any("'one title' overlaps 'another title'" in p for p in found)


def test_scenarios_are_sorted_by_effect_and_keep_one_colour_in_every_chart(sweep_dir) -> None:
    sweep = brief.load(sweep_dir)
    labels = _labels(sweep, "en")
    rows = sweep.comparison.query("outcome == 'consumption_pc' and scenario != 'baseline'")
    assert labels.order == list(rows.sort_values("diff", ascending=False)["scenario"])
    figures = brief.build_figures(sweep, labels, labels.order[0])
    for name in ("effects_over_time", "who_gains"):
        for line in figures[name].axes[0].lines:
            if line.get_gid() in labels.order:
                assert line.get_color() == labels.colour(line.get_gid()), name
    bars = figures["scorecard"].axes[0].patches
    assert [b.get_facecolor() for b in bars] == [
        pytest.approx(_rgba(labels.colour(c))) for c in labels.order]


def _rgba(colour: str) -> tuple[float, ...]:
    from matplotlib.colors import to_rgba

    return to_rgba(colour)


def test_the_scorecard_draws_the_paired_changes_of_the_comparison_table(sweep_dir) -> None:
    sweep = brief.load(sweep_dir)
    labels = _labels(sweep, "en")
    fig = charts.scorecard(sweep.comparison, labels)
    for ax, outcome in zip(fig.axes, charts.SCORECARD, strict=False):
        drawn = [p.get_width() for p in ax.patches]
        rows = (sweep.comparison.query("outcome == @outcome").set_index("scenario")
                .reindex(labels.order))
        expected = charts.display_change(rows, OUTCOMES[outcome])["value"].to_numpy()
        np.testing.assert_allclose(drawn, expected, rtol=1e-12)


def test_the_cost_chart_shows_extra_cost_in_yi_yuan_and_consumption_per_yuan(sweep_dir) -> None:
    sweep = brief.load(sweep_dir)
    labels = _labels(sweep, "en")
    fig = charts.cost_effectiveness(sweep.comparison, labels)
    cost, per_yuan = fig.axes[0], fig.axes[1]
    rows = sweep.comparison.set_index(["scenario", "outcome"])
    np.testing.assert_allclose(
        [p.get_width() for p in cost.patches],
        [rows.loc[(s, "fiscal_cost"), "diff"] / 1e8 for s in labels.order], rtol=1e-12)
    for bar, scenario in zip(per_yuan.patches, labels.order, strict=True):
        if (scenario, "consumption_multiplier") in rows.index:
            assert bar.get_width() == pytest.approx(
                rows.loc[(scenario, "consumption_multiplier"), "diff"])
        else:  # quality standards moves levers that cost nothing: no per-yuan figure
            assert bar.get_width() == 0.0
    assert ("quality_standards", "consumption_multiplier") not in rows.index
    names = [t.get_text() for t in cost.get_yticklabels()]
    assert "Subsidise consumers (demand side)" in names  # the title, said once
    assert not any(n.count("demand side") > 1 for n in names)


def test_effects_over_time_draw_the_paired_paths(sweep_dir) -> None:
    sweep = brief.load(sweep_dir)
    labels = _labels(sweep, "zh")
    fig = charts.effects_over_time(sweep.paths, labels, ["demand_side_subsidy"])
    line = next(line for line in fig.axes[0].lines if line.get_gid() == "demand_side_subsidy")
    expected = (sweep.paths.query("scenario == 'demand_side_subsidy' and "
                                  "outcome == 'consumption_pc'").sort_values("step"))
    np.testing.assert_allclose(line.get_ydata(), expected["pct_change"], rtol=1e-12)


def test_the_structure_chart_shows_changes_of_shares_in_percentage_points(sweep_dir) -> None:
    sweep = brief.load(sweep_dir)
    labels = _labels(sweep, "en")
    fig = charts.consumption_structure(sweep.comparison, labels, ["demand_side_subsidy"])
    drawn = [p.get_width() for p in fig.axes[1].patches]
    rows = sweep.comparison.query("scenario == 'demand_side_subsidy'").set_index("outcome")
    expected = [100.0 * rows.loc[f"share_{c}", "diff"] for c in charts.CATEGORIES]
    np.testing.assert_allclose(drawn, expected, rtol=1e-12)
    assert max(abs(d) for d in drawn) < 5.0  # changes, not the shares themselves


def test_the_key_findings_name_the_largest_effect_with_its_number(sweep_dir) -> None:
    sweep = brief.load(sweep_dir)
    for lang in ("en", "zh"):
        labels = _labels(sweep, lang)
        top = labels.order[0]
        row = sweep.comparison.query("scenario == @top and outcome == 'consumption_pc'")
        text = " ".join(brief.findings(sweep, labels, top))
        assert labels.title(top) in text
        assert f"{row['pct_change'].item():+.1f}%" in text
        assert "亿元" in text  # extra fiscal cost in 亿元


def test_the_lever_table_shows_each_scenarios_levers_from_2016(sweep_dir) -> None:
    sweep = brief.load(sweep_dir)
    labels = _labels(sweep, "en")
    rows = brief.lever_rows(sweep, labels)
    subsidy = next(r for r in rows if r[1] == "Consumption subsidy budget")
    assert subsidy[2:4] == ["0", "100 亿元"]
    standard = next(r for r in rows if r[1] == "Minimum quality standard")
    assert standard[2] == "0" and standard[5].startswith("2017Q1")


def test_the_transition_table_finds_the_quarter_of_the_largest_fall(sweep_dir) -> None:
    """A made-up path whose interval is below zero in two quarters, deepest in 2017Q1,
    and the sweep's own cases: each reports its deepest clear fall, or none."""
    sweep = brief.load(sweep_dir)
    labels = _labels(sweep, "en")
    quarters = ["2016Q4", "2017Q1", "2017Q2", "2017Q3"]
    made_up = pd.DataFrame({
        "scenario": "quality_standards", "variant": "", "quarter": quarters,
        "outcome": "consumption_pc", "diff": [-1.0, -9.0, -3.0, 2.0],
        "pct_change": [-0.5, -4.0, -1.5, 1.0], "pct_low": [-1.0, -5.0, -2.5, -1.0],
        "pct_high": [-0.1, -3.0, 0.5, 3.0], "diff_low": -10.0, "diff_high": 1.0})
    made = brief.transitions(made_up, labels).set_index("case")
    assert made.loc["quality_standards", "quarter_c"] == "2017Q1"
    assert made.loc["quality_standards", "fall_c"] == pytest.approx(-4.0)
    falls = brief.transitions(sweep.paths, labels).set_index("case")
    for case, row in falls.iterrows():
        path = sweep.paths[(brief.case_of(sweep.paths) == case)
                           & (sweep.paths["outcome"] == "consumption_pc")]
        clear = path[path["pct_high"] < 0]
        if clear.empty:
            assert row["fall_c"] == 0.0 and row["quarter_c"] == ""
        else:
            worst = clear.loc[clear["pct_change"].idxmin()]
            assert row["quarter_c"] == worst["quarter"]
            assert row["fall_c"] == pytest.approx(worst["pct_change"])


def test_a_grid_sweeps_brief_names_each_combination(grid_dir) -> None:
    sweep = brief.load(grid_dir)
    labels = _labels(sweep, "en")
    titles = [labels.title(c) for c in labels.order]
    assert {"Consumer finance for all (credit.interest_rate=0.06)",
            "Consumer finance for all (credit.interest_rate=0.1)"} == set(titles)


def test_chinese_labels_come_from_the_declarations(sweep_dir) -> None:
    labels = charts.Labels.load("zh")
    assert labels.title("demand_side_subsidy") == "补需方：消费券与消费补贴"
    assert labels.outcome("engel") == "恩格尔系数"
    sweep = brief.load(sweep_dir)
    style.apply("zh")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = charts.who_gains(sweep.distribution, labels, ["demand_side_subsidy"])
        fig.savefig(sweep_dir / "who_gains_check.png")


def test_an_unknown_focus_scenario_is_refused(sweep_dir: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "sim.brief", str(sweep_dir),
                             "focus=full_plan"], cwd=PROJECT_ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 2 and "focus = 'full_plan'" in result.stderr
