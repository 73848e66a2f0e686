"""Supplier choice (sim.economy.processes.choice, and the nested logit of
sim.economy.goods_market)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms, households, params

from sim.economy.constants import ABROAD, CATEGORY_INDEX, IMPORTED, NON_PRD, PRD, RURAL
from sim.economy.goods_market import N_HOUSEHOLD_SEGMENTS, choice_shares, segment_rows
from sim.economy.processes import choice

CLOTHING = CATEGORY_INDEX["clothing"]


def _options(f, standard=None, price_gap=0.35):
    fp, mp = params().firms, params().market
    return choice.options(
        f=f, terms=choice.OfferTerms(min_standard=standard, wage_level=1.0,
                                     targeted=np.zeros(len(f), bool), producer_rate=0.0,
                                     price_gap=price_gap, world_price=mp.foreign_price),
        quality_cost=fp.quality_cost, real_firms_per_agent=mp.variety_unit, mp=mp)


def test_shares_within_a_category_add_up_to_one_and_follow_utility() -> None:
    utility = np.array([[0.0, np.log(3.0), 0.0, -np.inf]])
    category = np.array([0, 0, 1, 1])
    shares = choice_shares(utility=utility, category=category, nested=np.zeros(4, bool),
                           nest_scale=0.5)
    np.testing.assert_allclose(shares, [[0.25, 0.75, 1.0, 0.0]])


def test_the_nest_of_foreign_options_shares_the_category_with_domestic_firms() -> None:
    """Two foreign options of equal utility in a nest with dissimilarity 0.5 and one
    domestic firm at the same utility: the nest's inclusive value is 0.5 * log 2, so the
    domestic share is 1 / (1 + sqrt 2)."""
    utility = np.zeros((1, 3))
    shares = choice_shares(utility=utility, category=np.zeros(3, int),
                           nested=np.array([False, True, True]), nest_scale=0.5)
    assert shares[0, 0] == pytest.approx(1 / (1 + 2**0.5))
    assert shares[0, 1] == pytest.approx(shares[0, 2])


def test_firms_below_the_standard_are_not_on_offer_and_premium_goods_come_from_abroad() -> None:
    f = firms(2, category=CLOTHING, quality=[0.1, 0.5])
    opt = _options(f, standard=0.3)
    assert opt.firm[opt.firm >= 0].tolist() == [1]
    assert {ABROAD, IMPORTED} <= set(opt.channel[opt.firm < 0].tolist())
    imported = opt.price[opt.channel == IMPORTED]
    abroad = opt.price[(opt.channel == ABROAD) & (opt.category == CLOTHING)]
    np.testing.assert_allclose(imported, abroad[0] * 1.35)


def test_a_firms_price_is_its_markup_over_a_unit_cost_that_rises_with_quality() -> None:
    f = firms(2, quality=[0.0, 0.5], markup=0.2, productivity=1.0)
    price = _options(f).price[:2]
    np.testing.assert_allclose(price, [1.2, 1.2 * 1.15])


def test_rural_households_reach_only_their_regions_shops_offline() -> None:
    f = firms(2, region=[PRD, NON_PRD])
    opt = _options(f)
    mp = params().market
    rows = np.arange(N_HOUSEHOLD_SEGMENTS + 2)
    utility, _ = choice.utilities(opt=opt, taste=np.ones(len(rows)),
                                  trust=np.ones((len(rows), 8)),
                                  wedges=choice.Wedges(rural_surcharge=0.12, rebate_rate=0.0),
                                  f=f, mp=mp)
    kind, region, online = segment_rows()
    rural_prd_offline = np.flatnonzero((kind == RURAL) & (region == PRD) & ~online)[0]
    food = opt.category == 0
    reach = np.isfinite(utility[rural_prd_offline, food])
    assert reach.tolist() == [True, False]


def test_households_with_more_taste_for_quality_buy_more_of_the_better_firm() -> None:
    f = firms(2, quality=[0.1, 0.5], declared=[0.1, 0.5])
    opt = _options(f)
    h = households(2, quality_taste=[0.5, 8.0], spending=100.0)
    taste = h.quality_taste
    edges = np.quantile(taste, np.arange(1, 6) / 6)
    chosen = choice.choose(
        opt=opt,
        buyers=choice.Buyers(households=h, taste=taste, taste_edges=edges, planned=h.spending,
                             scale=1.0, export_demand=np.zeros(8), public_demand=np.zeros(8)),
        wedges=choice.Wedges(rural_surcharge=0.0, rebate_rate=0.0), f=f, mp=params().market)
    low, high = chosen.segment
    food = opt.category == 0
    assert chosen.share[high, food][1] > chosen.share[low, food][1]
