"""Research, innovation and imitation (sim.economy.processes.innovation): firms spend a
share of their revenue on researchers, search with a chance that rises with their
research, and adopt what appeals to their buyers.

The declared parameters used below: firms.rd_share_of_sales 0.01, innovation_chance
and imitation_chance 0.05 (at the 2016 mean research), innovation_quality_range
[-0.03, 0.05], innovation_productivity_range [-0.03, 0.03], imitation_reach 0.25,
quality_cost 0.3; market.price_sensitivity 4. Firms start at quality 0.3 and
productivity 1.15 (tests/helpers.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from helpers import firms, params

from sim.economy.goods_market import EXPORT_ROW, N_BUYER_ROWS, Clearing, Options
from sim.economy.processes import innovation

REFERENCE = 10.0  # the 2016 mean research labour of a firm agent, efficiency units


@pytest.mark.parametrize(("case", "revenue", "subsidy", "wage_index", "alive", "expected"), [
    ("a firm spends a hundredth of last quarter's revenue on researchers' wages",
     10_000.0, 0.0, 1.0, True, 100.0),
    ("the subsidy pays a fifth of their wages: the same own spending hires 1 / 0.8 more",
     10_000.0, 0.2, 1.0, True, 125.0),
    ("at wages a quarter higher the same budget hires a fifth fewer", 10_000.0, 0.0, 1.25,
     True, 80.0),
    ("a firm whose revenue was negative does no research", -500.0, 0.0, 1.0, True, 0.0),
    ("a firm that has left the market does no research", 10_000.0, 0.0, 1.0, False, 0.0),
])
def test_research_labour_is_a_share_of_revenue_over_the_wage_net_of_the_subsidy(
        case: str, revenue: float, subsidy: float, wage_index: float, alive: bool,
        expected: float) -> None:
    f = firms(1, revenue=revenue, alive=alive)
    demand = innovation.research_labour_demand(f=f, fp=params().firms, wage_index=wage_index,
                                               subsidy_rate=np.array([subsidy]))
    assert demand[0] == pytest.approx(expected), case


@pytest.mark.parametrize(("labour", "research", "overhead"), [
    (100.0, 10.0, 20.0),  # all it wanted: research and overhead in full, 70 produce
    (25.0, 10.0, 15.0),  # short: researchers first, overhead the rest, nobody produces
    (5.0, 5.0, 0.0),  # shorter still: fewer researchers than wanted, no overhead
])
def test_researchers_and_overhead_are_hired_before_production_staff(
        labour: float, research: float, overhead: float) -> None:
    """A firm wanting 10 researchers and 20 overhead staff: a short labour market cuts
    production first (research and overhead budgets are set on last quarter's sales)."""
    got = innovation.research_and_overhead(labour=np.array([labour]), research=np.array([10.0]),
                                           overhead=np.array([20.0]))
    assert (got[0][0], got[1][0]) == (research, overhead)


def test_buyers_appeal_of_quality_is_taste_times_trust_weighted_by_their_spending() -> None:
    """Two household segments buy food: 100 yuan by one with taste 2 and trust 0.5, 300
    by one with taste 4 and full trust: (100 x 1 + 300 x 4) / 400 = 3.25. Foreign buyers
    do not count, and a category nobody buys has no appeal."""
    taste, trust, demand = np.ones(N_BUYER_ROWS), np.ones((N_BUYER_ROWS, 8)), np.zeros(
        (N_BUYER_ROWS, 8))
    taste[:2], trust[0, 0], demand[:2, 0] = [2.0, 4.0], 0.5, [100.0, 300.0]
    taste[EXPORT_ROW], demand[EXPORT_ROW, 0] = 10.0, 1_000.0
    opt = Options(category=np.zeros(0, np.intp), firm=np.zeros(0, np.intp),
                  channel=np.zeros(0), quality=np.zeros(0), declared=np.zeros(0),
                  price=np.zeros(0), region=np.zeros(0), targeted=np.zeros(0, bool))
    none = np.zeros((N_BUYER_ROWS, 0))
    clearing = Clearing(opt, np.zeros(0, np.intp), taste, trust, demand, none, none, none,
                        none, np.ones((N_BUYER_ROWS, 8)))
    appeal = innovation.appeal_of_quality(clearing)
    assert appeal[0] == pytest.approx(3.25)
    assert appeal[1] == 0.0


def _draws(n: int = 1, innovate: float = 1.0, imitate: float = 1.0, pick: float = 0.5,
           quality: float | list[float] = 0.5, productivity: float = 0.5) -> np.ndarray:
    """The 13 uniform draws of each of `n` firms: whether it innovates and imitates
    (found if below the chance), which rival it copies, and the five draws whose median
    sets the innovation's quality change and the five for its productivity change."""
    draws = np.empty((13, n))
    draws[0], draws[1], draws[2] = innovate, imitate, pick
    draws[3:8] = np.broadcast_to(np.reshape(quality, (-1, 1)), (5, n))
    draws[8:13] = productivity
    return draws


def _search(f, draws: np.ndarray, appeal: float = 1.0) -> innovation.Search:
    p = params()
    return innovation.search(f=f, research_reference=REFERENCE, appeal=np.full(8, appeal),
                             fp=p.firms, mp=p.market, draws=draws)


@pytest.mark.parametrize(("case", "research", "draw", "innovates"), [
    ("a firm that does no research never innovates", 0.0, 0.0, False),
    ("at the 2016 mean research the chance is 0.05: a draw of 0.049 finds one", 1.0, 0.049,
     True),
    ("... and a draw of 0.051 does not", 1.0, 0.051, False),
    ("twice the research: 1 - 0.95^2 = 0.0975", 2.0, 0.0974, True),
    ("... and not above it", 2.0, 0.0976, False),
])
def test_the_chance_of_an_innovation_rises_with_research(case: str, research: float,
                                                         draw: float, innovates: bool) -> None:
    """A firm finds an innovation with chance 1 - (1 - 0.05)^x, x its research labour
    over the 2016 mean (the innovation here is plainly better: +0.05 quality, +0.03 log
    productivity, and it is adopted whenever found)."""
    f = firms(1, research_labour=research * REFERENCE)
    found = _search(f, _draws(innovate=draw, quality=1.0, productivity=1.0))
    assert found.innovated[0] == innovates, case
    assert found.quality[0] == pytest.approx(0.35 if innovates else 0.3), case


@pytest.mark.parametrize(("quality_draws", "productivity_draw", "quality", "productivity"), [
    (0.5, 0.5, 0.31, 1.15),  # the middle of both ranges: +0.01 quality, productivity kept
    ([0.1, 0.9, 0.5, 0.2, 0.8], 0.5, 0.31, 1.15),  # the median of the five draws, 0.5
    (1.0, 1.0, 0.35, 1.15 * math.exp(0.03)),  # the top of both ranges
])
def test_an_innovation_moves_quality_and_productivity_within_their_ranges(
        quality_draws: float | list[float], productivity_draw: float, quality: float,
        productivity: float) -> None:
    """Changes are Beta(3, 3) over the ranges: the median of five uniform draws spread
    over [-0.03, 0.05] for quality and [-0.03, 0.03] for log productivity (buyers with an
    appeal of 5 per unit of quality adopt each of these)."""
    f = firms(1, research_labour=REFERENCE)
    found = _search(f, _draws(innovate=0.0, quality=quality_draws,
                              productivity=productivity_draw), appeal=5.0)
    assert found.innovated[0]
    assert found.quality[0] == pytest.approx(quality)
    assert found.productivity[0] == pytest.approx(productivity)


@pytest.mark.parametrize(("case", "appeal", "adopted"), [
    ("buyers who do not value quality take a cheaper, lower-quality product", 0.0, True),
    ("buyers who value it (appeal 10 per unit) refuse it", 10.0, False),
])
def test_a_firm_adopts_an_innovation_only_if_it_appeals_to_its_buyers(
        case: str, appeal: float, adopted: bool) -> None:
    """An innovation of -0.03 quality and +0.03 log productivity: its unit cost falls by
    log(1.09 / 1.081) + 0.03 = 0.0383 in logs, worth 4 x 0.0383 = 0.153 to buyers with
    price sensitivity 4, against appeal x 0.03 of lost quality: adopted below an appeal
    of 5.1."""
    f = firms(1, research_labour=REFERENCE)
    found = _search(f, _draws(innovate=0.0, quality=0.0, productivity=1.0), appeal=appeal)
    assert found.innovated[0] == adopted, case
    assert found.quality[0] == pytest.approx(0.27 if adopted else 0.3), case
    assert found.productivity[0] == pytest.approx(1.15 * math.exp(0.03) if adopted else 1.15)


def test_an_innovation_worse_in_both_quality_and_cost_is_never_adopted() -> None:
    f = firms(1, research_labour=REFERENCE)
    found = _search(f, _draws(innovate=0.0, quality=0.0, productivity=0.0), appeal=5.0)
    assert not found.innovated[0]
    assert (found.quality[0], found.productivity[0]) == (0.3, 1.15)


def test_an_imitation_closes_a_quarter_of_the_gap_to_a_better_rival_not_its_costs() -> None:
    """Firm 0 (quality 0.3) copies firm 1 (0.7), the only rival with sales: 0.3 + 0.25 x
    0.4 = 0.4, its productivity unchanged (products are imitated, processes are not);
    worth 5 x 0.1 - 4 x log(1.12 / 1.09) = 0.39 to buyers with an appeal of 5. The
    leader has no better rival to copy."""
    f = firms(2, quality=[0.3, 0.7], revenue=[0.0, 100.0], research_labour=REFERENCE)
    found = _search(f, _draws(2, imitate=0.0), appeal=5.0)
    assert found.imitated.tolist() == [True, False]
    np.testing.assert_allclose(found.quality, [0.4, 0.7])
    np.testing.assert_allclose(found.productivity, 1.15)
    indifferent = _search(f, _draws(2, imitate=0.0), appeal=0.0)  # a costlier product
    assert not indifferent.imitated.any()


@pytest.mark.parametrize(("pick", "quality"), [
    (0.5, 0.3 + 0.25 * (0.5 - 0.3)),  # half-way through the revenue: the firm selling 300
    (0.9, 0.3 + 0.25 * (0.9 - 0.3)),  # past 300 of 400: the firm selling 100
])
def test_the_rival_copied_is_drawn_in_proportion_to_its_revenue(pick: float,
                                                                quality: float) -> None:
    """Rivals of quality 0.5 and 0.9 with revenues 300 and 100: the one selling three
    times as much is copied three times as often (draws below 0.75)."""
    f = firms(3, quality=[0.3, 0.5, 0.9], revenue=[0.0, 300.0, 100.0],
              research_labour=[REFERENCE, 0.0, 0.0])
    found = _search(f, _draws(3, imitate=0.0, pick=pick), appeal=10.0)
    assert found.imitated[0]
    assert found.quality[0] == pytest.approx(quality)


@pytest.mark.parametrize(("appeal", "innovated", "imitated"), [
    (5.0, False, True),  # innovation worth 0.315, imitation 0.391
    (1.0, True, False),  # innovation worth 0.115, imitation -0.009
])
def test_a_firm_that_finds_both_takes_the_one_its_buyers_value_more(
        appeal: float, innovated: bool, imitated: bool) -> None:
    """An innovation of +0.05 quality and +0.03 log productivity against copying a
    quarter of the way to a rival of 0.7 (to 0.4)."""
    f = firms(2, quality=[0.3, 0.7], revenue=[0.0, 100.0], research_labour=REFERENCE)
    found = _search(f, _draws(2, innovate=0.0, imitate=0.0, quality=1.0, productivity=1.0),
                    appeal=appeal)
    assert (found.innovated[0], found.imitated[0]) == (innovated, imitated)


def test_a_firm_that_has_left_the_market_neither_innovates_nor_imitates() -> None:
    f = firms(2, alive=[False, True], quality=[0.3, 0.7], research_labour=REFERENCE)
    found = _search(f, _draws(2, innovate=0.0, imitate=0.0, quality=1.0, productivity=1.0),
                    appeal=5.0)
    assert not found.innovated[0] and not found.imitated[0]
    assert (found.quality[0], found.productivity[0]) == (0.3, 1.15)
