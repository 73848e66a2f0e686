"""The stylised facts of the firm population (sim.tools.firm_facts)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.tools import firm_facts
from sim.tools.firm_facts import Panel


def _panel(revenue: np.ndarray, quarters: int = 1, **columns: list[np.ndarray]) -> Panel:
    n = len(revenue)
    p = Panel()
    for t in range(quarters):
        p.alive.append(np.ones(n, bool))
        p.category.append(np.zeros(n, np.intp))
        p.revenue.append(revenue)
        p.markup.append(np.full(n, 0.2))
        p.productivity.append(np.ones(n))
        p.capital.append(np.full(n, 100.0))
        p.investment.append(np.zeros(n))
        p.profit.append(np.zeros(n))
        for name, values in columns.items():
            getattr(p, name)[t] = values[t]
    return p


def test_the_hill_estimator_finds_the_exponent_of_a_pareto_sample() -> None:
    """Sizes drawn from a Pareto law with exponent 1.06 (Axtell's): the estimator on the
    top tenth reads about 1.06."""
    sizes = np.random.default_rng(0).pareto(1.06, 200_000) + 1.0
    assert firm_facts.size_tail_exponent(_panel(sizes)) == pytest.approx(1.06, rel=0.03)


def test_investment_spikes_and_inaction_are_shares_of_firm_years() -> None:
    """Two firms over two years: one invests 30 of its 100 a quarter in year two (a spike),
    the other nothing (inaction); the first year is left out."""
    investment = [np.zeros(2)] * 4 + [np.array([7.5, 0.0])] * 4
    p = _panel(np.ones(2), quarters=8, investment=investment)
    assert firm_facts.investment_spike_share(p) == 0.5
    assert firm_facts.investment_inaction_share(p) == 0.5


def test_productivity_that_never_changes_is_perfectly_persistent() -> None:
    productivity = [np.linspace(1.0, 3.0, 12)] * 8
    p = _panel(np.ones(12), quarters=8, productivity=productivity)
    assert firm_facts.productivity_persistence(p) == pytest.approx(1.0)


def test_the_table_says_whether_each_fact_is_in_its_band(tmp_path) -> None:
    """A short run end to end: every fact measured, each row with its band, source and
    whether the model's mean lies in the band."""
    assert firm_facts.main(["--seeds", "1", "--households", "1500", "--quarters", "12",
                            "--out", str(tmp_path)]) == 0
    facts = pd.read_csv(tmp_path / "facts.csv")
    assert list(facts["fact"]) == [f.name for f in firm_facts.FACTS]
    assert facts["source"].str.len().gt(20).all()
    inside = (facts["target_low"] <= facts["model"]) & (facts["model"] <= facts["target_high"])
    assert (facts["in_band"] == inside).all()
    assert "(recalled)" in (tmp_path / "facts.md").read_text()
