"""Market clearing (sim.economy.processes.clearing)."""

from __future__ import annotations

import numpy as np
import pytest

from sim.economy.constants import OFFLINE
from sim.economy.goods_market import Clearing, Options
from sim.economy.processes import clearing


def _market(want: list[float], utility: list[float]) -> Clearing:
    """One buyer row, one category, two domestic firms at price 1 (one unit a yuan)."""
    n = len(want)
    opt = Options(category=np.zeros(n, np.intp), firm=np.arange(n), channel=np.full(n, OFFLINE),
                  quality=np.full(n, 0.3), declared=np.full(n, 0.3), price=np.ones(n),
                  region=np.zeros(n), targeted=np.zeros(n, bool))
    spent = np.array([want])
    return Clearing(opt, np.zeros(1, np.intp), np.ones(1), np.ones((1, 8)),
                    demand=np.array([[sum(want)] + [0.0] * 7]), share=spent / sum(want),
                    utility=np.array([utility]), surcharge=np.zeros((1, n)), spent=spent,
                    fill=np.ones((1, 8)))


def test_a_seller_short_of_supply_rations_and_the_rest_spills_to_a_seller_with_stock() -> None:
    """Buyers want 60 from firm 0, which has 30, and 40 from firm 1, which has 100: firm 0
    sells its 30; the unmet 30 goes to firm 1, which has spare supply."""
    cleared = clearing.clear(chosen=_market([60.0, 40.0], [0.0, 0.0]),
                             available=np.array([30.0, 100.0]), nest_scale=0.5)
    np.testing.assert_allclose(cleared.units_sold, [30.0, 70.0])
    np.testing.assert_allclose(cleared.spent, [[30.0, 70.0]])
    assert cleared.fill[0, 0] == pytest.approx(1.0)


def test_what_no_seller_can_deliver_is_not_spent() -> None:
    cleared = clearing.clear(chosen=_market([60.0, 40.0], [0.0, 0.0]),
                             available=np.array([30.0, 20.0]), nest_scale=0.5)
    np.testing.assert_allclose(cleared.units_sold, [30.0, 20.0])
    assert cleared.fill[0, 0] == pytest.approx(0.5)


def test_a_rounding_residue_of_supply_counts_as_sold_out() -> None:
    """A seller whose sales fall a billionth short of its supply has sold out: it keeps
    no residual stock and takes no part in the spill-over."""
    supply = np.array([30.0 * (1 + 1e-12), 100.0])
    cleared = clearing.clear(chosen=_market([60.0, 40.0], [0.0, 0.0]), available=supply,
                             nest_scale=0.5)
    assert cleared.units_sold[0] == supply[0]
    np.testing.assert_allclose(cleared.spent[0].sum(), 100.0)


def test_the_governments_public_services_are_served_before_other_buyers() -> None:
    """A school with 100 places: the government buys 60 and households want 80. The
    government, which funds the school by budget, gets its 60; households share the
    other 40."""
    from sim.economy.goods_market import GOVERNMENT_ROW

    rows = GOVERNMENT_ROW + 1
    opt = Options(category=np.zeros(1, np.intp), firm=np.zeros(1, np.intp),
                  channel=np.full(1, OFFLINE), quality=np.full(1, 0.3),
                  declared=np.full(1, 0.3), price=np.ones(1), region=np.zeros(1),
                  targeted=np.zeros(1, bool))
    spent = np.zeros((rows, 1))
    spent[0, 0], spent[GOVERNMENT_ROW, 0] = 80.0, 60.0
    demand = np.zeros((rows, 8))
    demand[:, 0] = spent[:, 0]
    market = Clearing(opt, np.zeros(rows, np.intp), np.ones(rows), np.ones((rows, 8)),
                      demand=demand, share=np.ones((rows, 1)), utility=np.zeros((rows, 1)),
                      surcharge=np.zeros((rows, 1)), spent=spent, fill=np.ones((rows, 8)))
    cleared = clearing.clear(chosen=market, available=np.array([100.0]), nest_scale=0.5)
    assert cleared.spent[GOVERNMENT_ROW, 0] == pytest.approx(60.0)
    assert cleared.spent[0, 0] == pytest.approx(40.0)
