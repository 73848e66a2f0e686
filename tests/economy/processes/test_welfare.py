"""What consumption is worth to households (sim.economy.processes.welfare, and the
log-sum of sim.economy.goods_market)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms, households, params

from sim.economy.constants import CATEGORY_INDEX
from sim.economy.processes import choice, welfare

FOOD = CATEGORY_INDEX["food"]
ALPHA = params().market.price_sensitivity  # households' weight on log price


def _market(f, h, rebate_rate: float = 0.0, targeted=None):
    """The choice of households `h` among the firms `f` (no other provinces; the
    foreign supplier in premium categories only)."""
    fp, mp = params().firms, params().market
    targeted = np.zeros(len(f), bool) if targeted is None else targeted
    opt = choice.options(
        f=f, terms=choice.OfferTerms(min_standard=None, wage_level=1.0, targeted=targeted,
                                     producer_rate=0.0, price_gap=0.35,
                                     world_price=mp.foreign_price),
        quality_cost=fp.quality_cost, real_firms_per_agent=mp.variety_unit, mp=mp)
    edges = np.array([0.6, 1.0, 2.0, 4.0, 6.0])
    return choice.choose(
        opt=opt,
        buyers=choice.Buyers(households=h, taste=h.quality_taste, taste_edges=edges,
                             planned=h.spending, scale=1.0, export_demand=np.zeros(8),
                             public_demand=np.zeros(8)),
        wedges=choice.Wedges(rural_surcharge=0.0, rebate_rate=rebate_rate), f=f, mp=mp)


def _food_value(f, h, **market) -> np.ndarray:
    """V of food for each household of `h` (yuan-log units)."""
    cleared = _market(f, h, **market)
    return welfare.values_now(clearing=cleared, mp=params().market)[cleared.segment, FOOD]


def test_the_log_sum_is_the_expected_best_utility_of_the_nested_logit() -> None:
    """Hand-checked: options at utilities 0 and log 3 have log-sum log 4; one domestic
    option at 0 beside a nest of two foreign options at 0 with dissimilarity 0.5 has
    log(1 + exp(0.5 log 2)) = log(1 + sqrt 2)."""
    plain = welfare.log_sums(utility=np.array([[0.0, np.log(3.0)]]), category=np.zeros(2, int),
                     nested=np.zeros(2, bool), nest_scale=0.5)
    assert plain[0, 0] == pytest.approx(np.log(4.0))
    assert np.isneginf(plain[0, 1])  # nothing on offer in the second category
    nested = welfare.log_sums(utility=np.zeros((1, 3)), category=np.zeros(3, int),
                      nested=np.array([False, True, True]), nest_scale=0.5)
    assert nested[0, 0] == pytest.approx(np.log(1.0 + 2**0.5))


def test_prices_ten_percent_lower_make_each_yuan_worth_one_ninth_more() -> None:
    """Every seller of food 10% cheaper: V rises by -log 0.9 for every household, so
    the same spending is worth 1/0.9 of it at the old prices."""
    h = households(2, quality_taste=[0.5, 8.0], spending=100.0)
    before = _food_value(firms(2, quality=[0.1, 0.5], markup=0.2), h)
    after = _food_value(firms(2, quality=[0.1, 0.5], markup=0.2 * 0.9 - 0.1), h)
    np.testing.assert_allclose(after - before, -np.log(0.9))


def test_a_quality_upgrade_at_its_cost_is_a_gain_to_buyers_who_value_quality() -> None:
    """One seller of food raises its quality from 0.1 to 0.5 and its price by the cost
    (1 + 0.3 q): a household with taste 8 gains 0.1 * 8 - log(1.15 / 1.03) = +0.69 in
    V; one with taste 0.5 loses (0.05 - 0.11 = -0.06): it pays for quality it hardly
    values. The consumption statistics count the same real consumption for both."""
    h = households(2, quality_taste=[0.5, 8.0], spending=100.0)
    before = _food_value(firms(1, quality=0.1, declared=0.1), h)
    after = _food_value(firms(1, quality=0.5, declared=0.5), h)
    cost = np.log(1.15 / 1.03)
    np.testing.assert_allclose(after - before, np.array([0.5, 8.0]) * 0.4 / ALPHA - cost)
    assert after[1] > before[1] and after[0] < before[0]


def test_an_entrant_with_a_new_variety_is_a_gain() -> None:
    """A second seller like the first doubles the varieties: V rises by log 2 / alpha
    (the love of variety of a logit with weight alpha on log price)."""
    h = households(2, quality_taste=[0.5, 8.0], spending=100.0)
    one = _food_value(firms(1, quality=0.3), h)
    two = _food_value(firms(2, quality=0.3), h)
    np.testing.assert_allclose(two - one, np.log(2.0) / ALPHA)


def test_goods_misdeclared_are_worth_less_than_their_buyers_believed() -> None:
    """A seller declaring 0.5 and making 0.1 beside an honest seller of 0.5: buyers who
    trust the label split their spending and get less than if the cheat declared the
    truth; welfare counts the quality they got, and no more than a well-informed choice."""
    h = households(1, quality_taste=8.0, spending=100.0)
    cheated = _food_value(firms(2, quality=[0.1, 0.5], declared=[0.5, 0.5]), h)
    informed = _food_value(firms(2, quality=[0.1, 0.5], declared=[0.1, 0.5]), h)
    assert cheated[0] < informed[0]


def test_a_rebate_is_income_not_a_lower_price_in_welfare() -> None:
    """A 20% rebate on every food seller: buyers choose on the net price, but the
    rebate comes back as income (counted when spent), so V, which values spending at
    the price paid, is unchanged."""
    h = households(1, quality_taste=2.0, spending=100.0)
    f = firms(2, quality=[0.1, 0.5])
    plain = _food_value(f, h)
    rebated = _food_value(f, h, rebate_rate=0.2, targeted=np.ones(2, bool))
    np.testing.assert_allclose(rebated, plain)


def test_at_the_opening_consumption_is_worth_what_it_cost() -> None:
    """Measured against the choice set it was made on, each household's money-metric
    consumption is its spending (online access as it was)."""
    mp = params().market
    h = households(3, quality_taste=[0.5, 2.0, 8.0], spending=100.0, online=True)
    f = firms(3, quality=[0.1, 0.3, 0.6], declared=[0.3, 0.3, 0.6])
    cleared = _market(f, h)
    opening = welfare.opening_choices(clearing=cleared, kind=h.kind, trust=h.trust,
                                      persons=h.persons, spending=h.spending)
    worth = welfare.money_metric(
        spending=h.spending, segment=cleared.segment, opening_online=h.online,
        now=welfare.values_now(clearing=cleared, mp=mp),
        then=welfare.values_then(opening=opening, taste=cleared.taste, mp=mp))
    np.testing.assert_allclose(worth, h.spending.sum(axis=1))


def test_online_access_gained_since_the_opening_is_a_gain() -> None:
    """A household offline at the opening that now shops online reaches more sellers:
    its consumption is worth more than it cost."""
    mp = params().market
    h = households(1, quality_taste=2.0, spending=100.0, online=True, kind=1)
    f = firms(2, quality=0.3, region=[0, 1], online=[False, True])
    cleared = _market(f, h)
    opening = welfare.opening_choices(clearing=cleared, kind=h.kind, trust=h.trust,
                                      persons=h.persons, spending=h.spending)
    worth = welfare.money_metric(
        spending=h.spending, segment=cleared.segment, opening_online=np.zeros(1, bool),
        now=welfare.values_now(clearing=cleared, mp=mp),
        then=welfare.values_then(opening=opening, taste=cleared.taste, mp=mp))
    assert worth[0] > h.spending.sum()
