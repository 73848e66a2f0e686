"""Markups from competition (sim.economy.processes.pricing): Bertrand-Nash pricing under
the logit demand."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms, params

from sim.economy.constants import OFFLINE
from sim.economy.goods_market import EXPORT_ROW, N_BUYER_ROWS, Clearing, Options
from sim.economy.processes import pricing


def _clearing(share: np.ndarray, spent: np.ndarray) -> Clearing:
    n = share.shape[1]
    opt = Options(category=np.zeros(n, np.intp), firm=np.arange(n), channel=np.full(n, OFFLINE),
                  quality=np.full(n, 0.3), declared=np.full(n, 0.3), price=np.ones(n),
                  region=np.zeros(n), targeted=np.zeros(n, bool))
    rows = share.shape[0]
    return Clearing(opt, np.zeros(1, np.intp), np.ones(rows), np.ones((rows, 8)),
                    np.ones((rows, 8)), share, np.zeros_like(share), np.zeros_like(share),
                    spent, np.ones((rows, 8)))


def test_a_small_firm_charges_one_over_the_price_sensitivity_and_a_large_one_more() -> None:
    """One household row with price sensitivity 4: shares 0.001 and 0.5 give markups
    1 / (4 x 0.999) and 1 / (4 x 0.5) (Anderson, de Palma and Thisse 1992, ch. 7)."""
    mp = params().market
    share = np.zeros((N_BUYER_ROWS, 2))
    share[0] = [0.001, 0.5]
    spent = share * 1000.0
    markup = pricing.competitive_markup(clearing=_clearing(share, spent), n_firms=2, mp=mp,
                                        fallback=np.zeros(2))
    alpha = mp.price_sensitivity
    np.testing.assert_allclose(markup, [1 / (alpha * 0.999), 1 / (alpha * 0.5)])
    assert markup[1] > markup[0]


def test_foreign_buyers_who_compare_more_suppliers_lower_the_markup() -> None:
    """Half the revenue from households (alpha 4), half from abroad (alpha 6): the
    elasticity minus one is the revenue-weighted 0.5 x 4 + 0.5 x 6 = 5 at a tiny share."""
    mp = params().market
    share = np.zeros((N_BUYER_ROWS, 1))
    share[0, 0] = share[EXPORT_ROW, 0] = 1e-9
    spent = np.zeros((N_BUYER_ROWS, 1))
    spent[0, 0] = spent[EXPORT_ROW, 0] = 50.0
    markup = pricing.competitive_markup(clearing=_clearing(share, spent), n_firms=1, mp=mp,
                                        fallback=np.zeros(1))
    expected = 1 / (0.5 * mp.price_sensitivity + 0.5 * mp.export_price_sensitivity)
    assert markup[0] == pytest.approx(expected)


def test_markups_move_part_way_to_the_target_raised_by_excess_demand() -> None:
    fp = params().firms
    f = firms(3, category=0, demand=[200.0, 50.0, 80.0], sales=[100.0, 80.0, 80.0],
              inventory=[0.0, 20.0, 20.0], markup=0.15)
    target = np.full(3, 0.25)
    new = pricing.markups(f=f, target=target, fp=fp)
    normal = 1 / (1 + fp.inventory_target)  # demand over supply at the inventory target
    signal = np.clip(np.array([2.0, 0.5, 0.8]) - normal, -0.5, 0.5)
    aim = 0.25 * np.exp(fp.markup_adjustment * signal)
    np.testing.assert_allclose(new, 0.15 + fp.markup_speed * (aim - 0.15))
    assert new[0] > new[2] > new[1]


def test_a_hundred_times_a_rivals_share_marks_up_by_a_hundred_to_the_share_elasticity() -> None:
    """The K+S markup rule in levels: revenues 10, 1 and 0.1 (typical firm 1) give
    factors in the ratio 10 ** 0.04 : 1 : 0.1 ** 0.04, scaled to average one over the
    category; a firm that sold nothing keeps its competitive markup."""
    fp = params().firms
    f = firms(4, category=0)
    factor = pricing.market_power(f=f, revenue=np.array([10.0, 1.0, 0.1, 0.0]), fp=fp)
    e = fp.markup_share_elasticity
    power = np.array([10.0 ** e, 1.0, 0.1 ** e])
    np.testing.assert_allclose(factor, [*(power / power.mean()), 1.0])
    assert factor[:3].mean() == pytest.approx(1.0)
    assert factor[0] / factor[2] == pytest.approx(100.0 ** e)
