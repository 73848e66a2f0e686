"""The supply side as an economy: the stylised facts of firm populations in the baseline,
supply outcomes smooth in the number of firms, new consumption leading new supply, and a
minimum standard announced ahead (sim.economy.processes: pricing, innovation,
entry_exit, upgrades)."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest
from claims import over_seeds, seed
from helpers import build, lever_run, paired, run
from scipy import stats

from sim.economy.constants import CATEGORY_INDEX, EXPORTED
from sim.economy.goods_market import EXPORT_ROW

DURABLES = [CATEGORY_INDEX["household"], CATEGORY_INDEX["transport_comm"]]
DEFAULT_SCALE = "population.households=20000"


@pytest.fixture(scope="module")
def baseline():
    """Ten years of the baseline at the default scale (20,000 households, 4,000 firms)."""
    return run([f"seed={seed()}", DEFAULT_SCALE], steps=40)


def _live(model):
    f = model.firms
    return f, f.alive


def test_the_firm_size_distribution_is_right_skewed_with_a_pareto_like_tail(baseline) -> None:
    """Firm census data: sizes are right-skewed, the mean well above the median, the top
    tenth of firms sells about half or more, and the upper tail is Pareto-like with an
    exponent near one (Axtell 2001, Science 293:1818: 1.06 for US firms; plausible range
    0.8-2 here, where a firm agent averages several real firms)."""
    f, live = _live(baseline)
    revenue = f.revenue[live]
    assert stats.skew(revenue) > 2.0
    assert revenue.mean() > 1.5 * np.median(revenue)
    top = np.sort(revenue)[-len(revenue) // 10:]
    assert top.sum() / revenue.sum() > 0.35
    # Hill estimator of the tail exponent on the top tenth, sizes relative to category means
    relative = np.concatenate([revenue[f.category[live] == c] / revenue[f.category[live] == c]
                               .mean() for c in range(8)])
    tail = np.sort(relative)[-len(relative) // 10:]
    exponent = 1.0 / np.mean(np.log(tail / tail[0]))
    assert 0.8 < exponent < 2.0


@pytest.mark.xfail(reason=(
    "a finding, not met: with entrants financed by a loan and firms' retained profits "
    "instead of household deposits, entry falls from 8.4% of firms in 2017 to 3.8% in "
    "2025 (seed 0, 4,000 households), below the band's 5% from 2023: entry is "
    "finance-constrained and exits fall as owners' patience differs. With firms' "
    "productivity spread to 0.45 entry stays in the band (the lowest year 5.4-7.7% at 11 "
    "seeds), but the whole plan's bust deepens (firms.productivity_dispersion)"),
    strict=False)
def test_entry_and_exit_rates_are_in_the_band_of_chinese_firm_turnover(baseline) -> None:
    """Annual entry 5-20% and exit 1-12% of firms after the first year (a plausible band:
    Chinese firm registries and industrial surveys show high turnover, Brandt, Van
    Biesebroeck and Zhang 2012, Journal of Development Economics 97:339; the parameters
    firms.entry_rate and firms.exit_share_floor are set within it)."""
    ts = baseline.timeseries().iloc[4:]
    year = ts["quarter"].str[:4]
    firms = ts.groupby(year)["firms"].mean()
    entry = ts.groupby(year)["firm_entries"].sum() / firms
    exit_ = ts.groupby(year)["firm_exits"].sum() / firms
    assert entry.between(0.05, 0.20).all(), entry
    assert exit_.between(0.01, 0.12).all(), exit_


@functools.lru_cache(maxsize=8)
def _baseline_series(at_seed: int) -> pd.DataFrame:
    """Ten years of the baseline's time series at the default scale, at `at_seed`."""
    return run([f"seed={at_seed}", DEFAULT_SCALE], steps=40).timeseries()


def _volatility(ts: pd.DataFrame, column: str) -> float:
    """Standard deviation of quarterly log changes after the first year ("real_gdp":
    GDP at 2016 consumer prices, GDP over the CPI, comparable with consumption per
    person, which is real)."""
    series = ts["gdp"] / ts["cpi"] if column == "real_gdp" else ts[column]
    return float(np.diff(np.log(series.iloc[4:].to_numpy())).std())


@pytest.mark.claims
@pytest.mark.slow
def test_investment_is_more_volatile_than_gdp() -> None:
    """The business-cycle ordering of volatilities (Stock and Watson 1999; Dosi, Fagiolo
    and Roventini 2010 reproduce it): investment (capital goods for capacity, quality
    upgrades and entrants' set-up) moves far more than GDP, as firms order the capital
    their expected demand needs (an accelerator): more than three times as much, the
    ratio in US data. (The model's is larger: 3 + 7.5, sd 1.4, over seeds 500-529; with
    the mean lag investment
    equations find and retoolings built over a year, capital.adjustment_speed 0.11 and
    capital.upgrade_build_quarters 4, it is 3.2-8.7 at seeds 500-507.)"""
    ratio = over_seeds(lambda s: _volatility(_baseline_series(s), "investment")
                       / _volatility(_baseline_series(s), "gdp") - 3.0, 6)
    assert ratio.above(0.0)


@pytest.mark.claims
@pytest.mark.slow
def test_gdp_is_more_volatile_than_consumption() -> None:
    """Real GDP moves more than real consumption (Stock and Watson 1999): investment,
    bought from the capital-goods sector, is part of GDP; households smooth
    consumption. Both at 2016 prices (nominal GDP against real consumption would mix
    in the price level's own moves). Measured over seeds 500-529: real GDP's sd of
    quarterly log changes exceeds consumption per person's by 0.0013 (sd 0.0009), so
    the claim needs 22 seeds. (With the slower investment of
    capital.adjustment_speed 0.11 they are about as volatile: real GDP's sd 0.0030-0.0075
    and consumption per person's 0.0039-0.0053 at seeds 500-507.)"""
    gap = over_seeds(lambda s: _volatility(_baseline_series(s), "real_gdp")
                     - _volatility(_baseline_series(s), "consumption_pc"), 22)
    assert gap.above(0.0)


def test_productivity_dispersion_persists(baseline) -> None:
    """Dispersion of productivity persists over ten years (Syverson 2011, Journal of
    Economic Literature 49:326): entrants draw from the incumbents' distribution,
    process innovations are not imitated, and selection removes only the smallest."""
    ts = baseline.timeseries()
    start, end = ts["productivity_dispersion"].iloc[0], ts["productivity_dispersion"].iloc[-1]
    assert end > 0.7 * start > 0.1


def _export_share(model) -> np.ndarray:
    """Each firm's share of its sales revenue from foreign buyers this quarter."""
    market, f = model.quarter.clearing, model.firms
    firm, dom = market.options.firm, market.options.firm >= 0
    abroad = np.bincount(firm[dom], weights=market.spent[EXPORT_ROW][dom], minlength=len(f))
    total = np.bincount(firm[dom], weights=market.spent.sum(axis=0)[dom], minlength=len(f))
    return np.divide(abroad, total, out=np.zeros(len(f)), where=total > 0)


def test_firms_with_larger_market_shares_charge_higher_markups(baseline) -> None:
    """Within each category, the tenth of firms with the largest market shares charges
    higher markups than the smaller half (De Loecker, Eeckhout and Unger 2020, Quarterly
    Journal of Economics 135:561): the K+S markup rule on top of Nash pricing
    (sim.economy.processes.pricing). Shares are compared within a category, as markups
    differ between categories with the share of sales abroad."""
    f, live = _live(baseline)
    for c in range(8):
        firms = np.flatnonzero(live & (f.category == c))
        order = firms[np.argsort(f.revenue[firms])]
        n = len(order)
        assert f.markup[order[-n // 10:]].mean() > f.markup[order[:n // 2]].mean(), c


def test_exporters_charge_lower_markups_than_firms_selling_at_home(baseline) -> None:
    """The export discount of Chinese firms' markups (Dai, Maitra and Yu 2016, Journal of
    Development Economics 121:177: China's exporters, processing exporters above all,
    are less profitable than its non-exporters): foreign buyers compare more suppliers
    than households (market.export_price_sensitivity), so in the categories sold abroad
    firms selling mostly abroad charge less than firms selling mostly at home."""
    f, live = _live(baseline)
    abroad = _export_share(baseline)
    exported = live & np.isin(f.category, np.flatnonzero(EXPORTED))
    assert f.markup[exported & (abroad > 0.5)].mean() < f.markup[exported & (abroad < 0.1)].mean()


@pytest.mark.slow  # (ten economies at the default scale, burnt in: make test-all)
def test_the_opening_quarters_quality_share_differs_little_between_seeds() -> None:
    """Smooth supply outcomes: with thousands of firms drawn on a stratified ladder, no
    firm's draw moves a headline share; the opening quarter's quality share (the first
    of the burn-in, before three years of each seed's own history), about 0.15, has a
    standard deviation over ten seeds below 1.5 percentage points (0.83 measured over 30
    seeds, so a block of ten seeds exceeds 1.5 with probability under 0.001; the range
    over five seeds, once claimed under 2 points, is 2.5 at seeds 500-504)."""
    shares = np.array([build([f"seed={seed(i)}", DEFAULT_SCALE]).burn_in_records[0][
        "quality_share"] for i in range(10)])
    assert 100.0 * shares.std(ddof=1) < 1.5, shares


def _standards(window: int, at_seed: int):
    window_ = (f"firms.compliance_window={window}",)
    size = "population.households=10000"
    return (lever_run(window_, at_seed, 8, size).timeseries(),
            lever_run(("scenario=quality_standards", *window_), at_seed, 8, size).timeseries())


@pytest.mark.claims
def test_a_standard_announced_a_year_ahead_does_not_wipe_out_firms_that_can_comply() -> None:
    """四（一） with a compliance window: the 2017 standard is known from 2016Q1; firms
    below it upgrade while they still sell, so exits in 2016-2017 are no higher than in
    the baseline and employment barely moves. Announced in the quarter it binds (2017Q1),
    the same standard closes about a tenth of the firms that quarter and employment falls
    by several points. (Over the eight quarters the baseline's own later exits, which the
    closed firms no longer add, bring the excess to about a twentieth: seed 0 at the 2016
    fit with relative income, 195 exits against 109, 4.7% of 1,811 firms; in 2017Q1 alone
    169 against 12.)"""
    def per_firm(column: str, window: int, at_seed: int) -> float:
        """The standard's extra `column` over the eight quarters (only 2017Q1 when the
        standard is not announced), per firm of 2016Q1."""
        base, reform = _standards(window, at_seed)
        rows = slice(None) if window else (base["quarter"] == "2017Q1").to_numpy()
        return ((reform[column].to_numpy()[rows] - base[column].to_numpy()[rows]).sum()
                / base["firms"].iloc[0])

    def deepest_fall(window: int, at_seed: int) -> float:
        base, reform = _standards(window, at_seed)
        return (reform["employment_rate"] - base["employment_rate"]).min()

    assert over_seeds(lambda s: per_firm("firm_exits", 4, s), n=6).below(0.02)
    assert over_seeds(lambda s: per_firm("upgrades", 4, s), n=5).above(0.05)
    assert over_seeds(lambda s: deepest_fall(4, s), n=5).above(-0.02)
    assert over_seeds(lambda s: per_firm("firm_exits", 0, s), n=5).above(0.05)
    assert over_seeds(lambda s: deepest_fall(0, s), n=6).below(-0.03)


@pytest.mark.slow
@pytest.mark.claims
def test_new_consumption_leads_new_supply_in_the_categories_whose_demand_grows() -> None:
    """新消费引领新供给: when demand for durables grows by about a fifth (here rebates of 60 bn yuan
    a quarter on durables that households answer as a lasting price cut,
    households.durables_rebate_price_elasticity = 1: the demand shift, not the rebate's
    evidence, is what this claim is about); research follows sales and entrants come where
    profits are, so within four years durable-goods firms innovate more than in the baseline
    (+34, sd 7 over 30 seeds) and the sector holds more firms (+72, sd 9). Since entrants
    are financed by firms' retained profits, not household deposits, the quality that
    follows is within noise: upgrades +2.1 (sd 2.4; +26, sd 6.9, when households founded the
    entrants) and the mean quality by 2025 +0.005 (sd 0.005, at 4,000 households; +0.014, sd
    0.007, before), so neither is claimed; innovations spread over entrants and incumbents
    before they move the middle of the distribution."""
    def durables(model) -> dict[str, float]:
        f = model.firms
        sector = np.isin(f.category, DURABLES)
        alive = f.alive & sector
        return {"innovations": float(f.innovations[sector].sum()),
                "upgrades": float(f.upgrades[sector].sum()), "firms": float(alive.sum()),
                "quality": float(f.quality[alive].mean())}

    rebates = ["policy.subsidy.budget=6e10", "policy.subsidy.demand_side_share=1.0",
               "policy.subsidy.design=rebate",
               "policy.subsidy.categories=[household,transport_comm]",
               "households.durables_rebate_price_elasticity=1.0"]
    size = "population.households=10000"
    for what, n in (("innovations", 5), ("firms", 4)):
        assert paired(rebates, lambda m, w=what: durables(m)[w], steps=16, size=size,
                      n=n).above(0), what
