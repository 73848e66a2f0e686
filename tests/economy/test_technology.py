"""New supply creates new drivers (新供给创造新动力): productivity growth that research
produces, in the whole economy (sim.economy.processes.technology)."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from claims import over_seeds
from helpers import build, params, run

from sim.config.parameters import declaration_of
from sim.economy.constants import CATEGORY_INDEX

DURABLES = [CATEGORY_INDEX["household"], CATEGORY_INDEX["transport_comm"]]
# A lasting rise in demand for durables: rebates of 60 bn yuan a quarter that households
# answer as a lasting price cut (households.durables_rebate_price_elasticity = 1: the
# demand shift is what the claim is about, not the rebate's evidence).
DURABLES_DEMAND = ("policy.subsidy.budget=6e10", "policy.subsidy.demand_side_share=1.0",
                   "policy.subsidy.design=rebate",
                   "policy.subsidy.categories=[household,transport_comm]",
                   "households.durables_rebate_price_elasticity=1.0")


def _baseline_growth(seed: int) -> float:
    """The baseline's measured productivity growth in 2016-2019 (quality-adjusted output
    per efficiency unit of production labour), a year, at 10,000 households."""
    model = run([f"seed={seed}", "population.households=10000"], steps=16)
    index = model.timeseries()["productivity"].to_numpy()
    return float((index[-1] / index[0]) ** (4.0 / (len(index) - 1)) - 1.0)


@pytest.mark.xfail(reason=(
    "a finding, not met: the baseline's measured productivity (quality-adjusted output per "
    "efficiency unit of production labour) grows 7.33% a year in 2016-2019 (sd 0.22 pp over "
    "seeds 500-529, 10,000 households), about a point above the target the frontier is set "
    "to: firms' own "
    "process innovations, vintages and reallocation add to it. The frontier calibrated net "
    "of them (5.2%, firms_pace carrying the gap into wages) meets the target (6.52%, sd "
    "0.63 pp over 12 seeds) but deepens the whole plan's bust, so it waits"), strict=False)
@pytest.mark.claims
@pytest.mark.slow
def test_baseline_productivity_grows_as_in_2013_2016_with_no_trend_input() -> None:
    """From 2016 nothing sets productivity's trend: research moves the frontiers, and
    firms' own process innovations, their vintages and the shift of output to the more
    productive add to it. In 2016-2019 the baseline's measured productivity grows within
    0.5 pp of Guangdong's 2013-2016 pace (economy.productivity_growth, 6.5%)."""
    target = params().economy.productivity_growth
    growth = over_seeds(_baseline_growth, 8)
    assert growth.within(target - 0.005, target + 0.005)


@functools.lru_cache(maxsize=16)
def _durables_path(seed: int, change: tuple[str, ...]) -> tuple[float, float]:
    """Durables' research summed over ten years (log efficiency units, quarter by
    quarter: the research that moved their frontiers, the mean over the two categories)
    and their technology by the end (log: the frontiers' advance summed, the mean over
    the two), at 4,000 households."""
    model = build([f"seed={seed}", "population.households=4000", *change])
    research = 0.0
    for _ in range(40):
        model.step()
        research += float(np.log(model.quarter.research[DURABLES]).mean())
    return research, float(model.macro.category_technology[DURABLES].mean())


@pytest.mark.claims
@pytest.mark.slow
def test_new_demand_for_durables_buys_research_and_faster_productivity_growth() -> None:
    """新消费引领新供给, 新供给创造新动力: when demand for durables rises for good, their
    firms' research follows their sales, and over ten years their technology grows
    faster than in the baseline, by what the returns to R&D allow: the gain over the
    extra log research it bought, at the frontier's pace (firms.frontier_growth), lies
    in the declared
    range of the elasticity of growth to research (0.03-0.15: rates of return of 0.2 to
    over 1 at 1% of sales, Hall, Mairesse and Mohnen 2010; Jones and Williams 1998).
    Measured over seeds 500-529 at 4,000 households: research 0.25 log points higher a
    quarter (sd 0.009), durables' technology 0.80% higher by 2025 (sd 0.03%), 0.0504 per
    unit of extra log research a quarter (sd 0.00005) at the declared 0.05: with research
    proportional to sales, a fifth more demand buys under a tenth of a point of growth a
    year."""
    pace = np.log1p(params().firms.frontier_growth) / 4.0

    def extra(seed: int, which: int) -> float:
        return _durables_path(seed, DURABLES_DEMAND)[which] - _durables_path(seed, ())[which]

    research = over_seeds(lambda s: extra(s, 0) / 40.0, 3)
    gain = over_seeds(lambda s: extra(s, 1), 3)
    per_research = over_seeds(lambda s: extra(s, 1) / (pace * extra(s, 0)), 3)
    assert research.above(0.0)
    assert gain.above(0.0)
    low, high = declaration_of("firms.research_growth_elasticity").plausible
    assert per_research.within(low, high)
