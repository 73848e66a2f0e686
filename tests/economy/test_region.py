"""Guangdong as a region of China: a demand impulse leaks into purchases from the other
provinces and draws migrants in, prices are anchored by the nation's, expectations learn,
and the province keeps its debt within its quota (issue: the regional closure)."""

from __future__ import annotations

import functools

import pandas as pd
import pytest
from claims import over_seeds
from helpers import lever_run

pytestmark = pytest.mark.claims  # (make test-all reruns them on a second block of seeds)

SIZE = "population.households=8000"
LARGE = "population.households=16000"  # (where a small economy's noise hides the claim)
FIVE_YEARS = 20  # quarters
# The studies' impulses are paid from outside the region (US federal procurement,
# central transfers to Chinese counties): the province borrows it whatever its quota.
FROM_OUTSIDE = ("government.spending_financing=0",)


@functools.cache
def _works(seed: int, size: str = SIZE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The baseline and public works raised by 1% of the model's 2016 GDP, paid from
    outside the province, over five years."""
    return tuple(lever_run((*FROM_OUTSIDE, *extra), seed, FIVE_YEARS, size).timeseries()
                 for extra in ((), ("scenario=public_works_1pct",)))


def _real(ts: pd.DataFrame, column: str) -> pd.Series:
    return ts[column] / ts["cpi"]


def _multiplier(seed: int) -> float:
    """Real GDP gained over five years per yuan of extra public spending, 2016 prices."""
    base, works = _works(seed)
    return float((_real(works, "gdp") - _real(base, "gdp")).sum()
                 / (_real(works, "lever_spending") - _real(base, "lever_spending")).sum())


@pytest.mark.xfail(reason=(
    "a finding, not met: the multiplier is 0.59 (sd 0.14 over seeds 500-529), at "
    "the county estimate of about 0.6 and far below the US states' 1.5 (Nakamura and "
    "Steinsson 2014): a region trading 9-14% of its goods with the other provinces and "
    "drawing migrants leaks more than the US states of their study"), strict=True)
def test_public_works_multiply_output_between_the_county_and_the_state_estimates() -> None:
    """Public works up by 1% of GDP, permanently, paid from outside the province: real GDP
    over five years rises by 0.59 yuan per yuan of extra public spending (sd 0.14 over
    seeds 500-529, 8,000 households: a rare jump moves a seed's five-year ratio, so no
    narrower band is claimed), near the local
    multiplier of Chinese counties, about 0.6 (Guo, Liu and Ma 2016, Journal of
    Comparative Economics 44(2), from the extra central transfers of national poor
    counties, spent mostly on construction and non-traded services); about 15% of the
    impulse leaks into purchases from other provinces. The band of the claim: between
    that county estimate and the open-economy relative multiplier of US states, about
    1.5 (Nakamura and Steinsson 2014, AER 104(3))."""
    assert over_seeds(_multiplier, n=6).within(0.6, 1.5)


@pytest.mark.slow  # (18 paired seeds at 16,000 households: make test-all)
def test_after_a_permanent_demand_increase_employment_returns_to_its_natural_rate() -> None:
    """The long-run Phillips curve of the region is vertical: five years into the
    permanent rise of public works, employment is within 0.3 points of the baseline's (its
    natural rate): relative prices and migrants did the adjusting, not employment. At
    16,000 households: at 8,000, since firms' capital carries vintages, the five-year gap
    spreads over seeds with sd 0.29 points (mean -0.11 over seeds 500-529), so that no
    block of 30 seeds bears the band out; at 16,000 it is +0.005 points, sd 0.18 (seeds
    500-529), and 18 seeds bear it out."""
    def employment_gap(seed: int) -> float:
        base, works = _works(seed, LARGE)
        return 100.0 * float((works["employment_rate"] - base["employment_rate"]).iloc[-4:]
                             .mean())
    assert over_seeds(employment_gap, n=18).within(-0.3, 0.3)


def test_the_nation_anchors_the_provinces_prices() -> None:
    """The same impulse raises the consumer price level by less than 3% in five years
    (measured: 1.7%); it draws migrant households in and buys more from other
    provinces."""
    def price_rise(seed: int) -> float:
        base, works = _works(seed)
        return 100.0 * float(works["cpi"].iloc[-1] / base["cpi"].iloc[-1] - 1.0)

    def more_migrants(seed: int) -> float:
        base, works = _works(seed)
        return float((works["population_migrant"] - base["population_migrant"]).iloc[-1])

    def more_inflow(seed: int) -> float:
        base, works = _works(seed)
        return float((works["purchases_from_provinces"]
                      - base["purchases_from_provinces"]).sum())
    assert over_seeds(price_rise, n=6).within(0.0, 3.0)
    assert over_seeds(more_migrants, n=6).above(0.0)
    assert over_seeds(more_inflow, n=6).above(0.0)


def test_the_baseline_keeps_its_debt_within_its_quota() -> None:
    """The province's debt over GDP moves by less than 5 points from 2016 to 2025: its
    quota grows with the nation's nominal GDP, and beyond it the province spends less on
    other public services (measured: -0.95 points, sd 0.82 over 30 seeds)."""
    def change(seed: int) -> float:
        ts = lever_run((), seed, 40, SIZE).timeseries()
        ratio = ts["gov_debt"] / ts["gdp"].rolling(4).sum()
        return 100.0 * float(ratio.iloc[-1] - ratio.iloc[3])
    assert over_seeds(change, n=5).within(-5.0, 5.0)
