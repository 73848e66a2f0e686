"""Quality upgrades and the minimum standard (sim.economy.processes.upgrades)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from helpers import build, firms, params, rng

from sim.economy.processes import upgrades


def _funding(f) -> upgrades.Funding:
    """No subsidy and no credit line: a firm can spend its cash."""
    return upgrades.Funding(subsidy_rate=np.zeros(len(f)), line=np.zeros(len(f)),
                            headroom=f.cash)


def test_an_upgrade_costs_quarters_of_revenue_per_unit_of_quality_net_of_subsidy() -> None:
    fp = params().firms  # upgrade_cost quarters of revenue per unit, rising with quality
    f = firms(2, revenue=1000.0, quality=0.2)
    cost = upgrades.cost(f=f, rows=np.array([0, 1]), step=np.array([0.1, 0.1]),
                         subsidy_rate=np.array([0.0, 0.25]), fp=fp)
    k = fp.upgrade_cost
    np.testing.assert_allclose(cost, [k * 1000 * 0.1 * 1.2, k * 1000 * 0.1 * 1.2 * 0.75])


def test_the_value_of_an_upgrade_rises_with_buyers_taste_for_quality() -> None:
    model = build()
    model.step()
    f, clearing, p = model.firms, model.quarter.clearing, model.p
    rows = np.flatnonzero(f.alive)[5:6]
    low = upgrades.gain(f=f, clearing=clearing, rows=rows, step=0.1, fp=p.firms, mp=p.market)
    keen = dataclasses.replace(clearing, taste=2.0 * clearing.taste)
    high = upgrades.gain(f=f, clearing=keen, rows=rows, step=0.1, fp=p.firms, mp=p.market)
    assert high[0] > low[0] > 0


def test_a_firm_below_a_binding_standard_upgrades_to_it_if_it_can_pay_or_exits() -> None:
    """Markup 0.3: staying is worth 0.3/1.3 of revenue over the horizon, more than the
    upgrade; the firm deep in overdraft cannot pay it within its credit line (its
    headroom: cash plus line less orders, here its cash)."""
    fp = params().firms
    f = firms(3, quality=[0.1, 0.1, 0.5], cash=[1e6, -1e6, 0.0], revenue=100.0, markup=0.3)
    forced, closing = upgrades.comply(f=f, standard=0.3, binding=True, funding=_funding(f),
                                      wage_level=1.0, fp=fp)
    assert forced.rows.tolist() == [0] and closing.tolist() == [1]
    assert forced.step[0] == pytest.approx(0.2)


def test_before_a_standard_binds_a_firm_short_of_cash_waits_and_one_that_cannot_gain_leaves(
) -> None:
    """Announced, not yet binding: the firm that cannot pay now waits for next quarter's
    cash; a firm without margin (markup 0) leaves now, as staying cannot pay for the
    upgrade."""
    fp = params().firms
    f = firms(3, quality=0.1, cash=[1e6, -1e6, 1e6], revenue=100.0, markup=[0.3, 0.3, 0.0])
    ups, leaving = upgrades.comply(f=f, standard=0.3, binding=False, funding=_funding(f),
                                   wage_level=1.0, fp=fp)
    assert ups.rows.tolist() == [0] and leaving.tolist() == [2]


def test_firms_upgrade_only_as_far_as_they_can_pay() -> None:
    model = build()
    model.step()
    f, clearing, p = model.firms, model.quarter.clearing, model.p
    broke = dataclasses.replace(f, cash=np.full(len(f), -1e15))
    none = upgrades.demand_pull(f=broke, clearing=clearing, funding=_funding(broke),
                                draw=rng().random(len(f)), fp=p.firms, mp=p.market)
    assert len(none.rows) == 0
