"""Consumer credit: who borrows, and who defaults when incomes fail. Each claim is a 95%
interval over paired seeds, sized from the spread measured on other seeds
(tests/claims.py)."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from claims import over_seeds
from helpers import build, lever_run

pytestmark = pytest.mark.claims  # (make test-all reruns them on a second block of seeds)


def _debt_to_income(change: tuple[str, ...], seed: int) -> float:
    return lever_run(change, seed, 6, "population.households=3000").timeseries()[
        "debt_to_income"].iloc[-1]


def test_wider_credit_access_means_more_household_debt() -> None:
    """Access for nine in ten households in every kind raises debt over income by more
    than half within a year and a half: by a factor of 2.1 (sd 0.12 over 30 seeds), so
    "at least doubles", which one seed once bore out, is not a claim any block of seeds
    bears out."""
    wide = tuple(f"policy.credit.access.{k}=0.9" for k in ("urban", "rural", "migrant"))
    assert over_seeds(lambda s: _debt_to_income(wide, s) / _debt_to_income((), s),
                      n=4).above(1.5)


@functools.cache
def _slump(seed: int) -> tuple[float, float]:
    """Employment's mean fall and defaults' ratio over eight quarters, when jobs are lost
    and hard to find from 2016 on, against the baseline at the same seed."""
    size = "population.households=20000"
    base = lever_run((), seed, 8, size).timeseries()
    model = build([f"seed={seed}", size])
    for kind in ("urban", "rural", "migrant"):
        setattr(model.p.households.separation_rate, kind, 0.3)
    model.p.labour.matching_efficiency = 0.1
    for _ in range(8):
        model.step()
    shocked = model.timeseries()
    assert base["default_rate"].sum() > 0.0, seed
    return (shocked["employment_rate"].mean() - base["employment_rate"].mean(),
            shocked["default_rate"].sum() / base["default_rate"].sum())


@pytest.mark.slow  # (17 paired seeds at 20,000 households: make test-all)
def test_mass_unemployment_raises_defaults() -> None:
    """When jobs are lost and hard to find from 2016 on, borrowers without buffers cannot
    service their debt (20,000 households, so that defaults are not a handful of cases):
    employment falls by more than 20 points and defaults more than double. The slump hits
    the burnt-in 2016 economy (as a config change it would also run through the burn-in,
    an economy that has lived with it for three years)."""
    assert over_seeds(lambda s: _slump(s)[0], n=3).below(-0.2)
    assert over_seeds(lambda s: _slump(s)[1], n=17).above(2.0)


def _debt_and_spending(rate: float, seed: int, households: int = 4000):
    """Consumer debt (yuan per person) over the last of 16 quarters at the loan `rate`,
    and consumption per person (yuan a quarter) over the last year and over all four
    years."""
    ts = lever_run((f"policy.credit.interest_rate={rate}",), seed, 16,
                   f"population.households={households}").timeseries()
    last = ts.iloc[-4:]
    return ((last["debt_to_income"] * last["income_pc"]).mean(), last["consumption_pc"].mean(),
            ts["consumption_pc"].mean())


@pytest.mark.slow  # (17 paired seeds: make test-all)
def test_consumer_debt_falls_with_the_loan_rate_at_the_elasticity_estimated_for_credit_cards(
) -> None:
    """Gross and Souleles (2002, QJE 117:149), from account-specific changes of card rates:
    the long-run elasticity of debt to the interest rate is about -1.3. The model's, from
    9% to 11% a year after three years in paired seeds, lands within 0.4 of it (-1.00, sd
    0.06 over seeds 500-529, since the refit with distrust saving nothing: near the top of
    the band, so it takes 17 seeds)."""
    def elasticity(seed: int) -> float:
        low, high = _debt_and_spending(0.09, seed)[0], _debt_and_spending(0.11, seed)[0]
        return np.log(high / low) / np.log(0.11 / 0.09)

    assert over_seeds(elasticity, n=17).within(-1.7, -0.9)


def test_a_lower_consumer_loan_rate_raises_borrowing_and_spending() -> None:
    """五（五）: cheaper credit (4% a year against 10%) makes households count more of their
    line as a buffer and buy more durables in instalments: they borrow more (debt in the
    fourth year more than 1.5 times as high) and spend more over the four years. The
    spending effect is small, as consumer debt is about 2% of income; a single year's is
    within a paired seed's noise, so the claim is stated over the programme's four years
    at 16,000 households. Its spread has a tail: at one seed in 30 (517) cheaper credit
    raises employment by a point in its second year, fewer migrants go home (about
    180,000 more persons by the fourth year) and, as migrants spend less, consumption
    per person falls (-17 yuan against +22 on average): hence 12 seeds."""
    def ratio(seed: int) -> float:
        return (_debt_and_spending(0.04, seed, 16_000)[0]
                / _debt_and_spending(0.10, seed, 16_000)[0])

    def extra_spending(seed: int) -> float:
        return _debt_and_spending(0.04, seed, 16_000)[2] - _debt_and_spending(0.10, seed, 16_000)[2]

    assert over_seeds(ratio, n=3).above(1.5)
    assert over_seeds(extra_spending, n=12).above(0)


def _line_response(seed: int, households: int, spending: bool) -> float:
    """Over four quarters after a credit limit of half a year's income rises to 0.6: the
    extra spending of households with credit (`spending`) or the extra debt, per yuan of
    added line."""
    out, line = [], []
    for multiple in (0.5, 0.6):
        model = build([f"seed={seed}", f"population.households={households}",
                       f"policy.credit.limit_income_multiple={multiple}"])
        spent = 0.0
        for _ in range(4):
            model.step()
            h = model.households
            spent += float(h.spending[h.credit_access].sum())
        out.append(spent if spending else float(h.debt.sum()))
        line.append(float((h.credit_limit * h.credit_access).sum()))
    return (out[1] - out[0]) / (line[1] - line[0])


@pytest.mark.slow  # (an expected failure: make test-all)
@pytest.mark.xfail(strict=True, reason="not yet: a fifth more credit line raises debt by "
                   "0.9% of the added line within a year (seeds 0-1) and spending by 2-6%: "
                   "households with access hold three to four quarters of income in "
                   "deposits, so a larger line lowers the buffer they aim for but they "
                   "draw on deposits before they borrow; the co-holding of deposits and "
                   "revolving card debt that Gross and Souleles document is not modelled")
def test_a_larger_credit_line_raises_debt_by_a_tenth_of_the_added_line_within_a_year() -> None:
    """Gross and Souleles (2002, QJE 117:149), from issuers' limit increases: debt rises
    by 10-14% of the added line within a year (the 'marginal propensity to consume out of
    liquidity'). The model's, from a limit of half a year's income to 0.6, at least 7%."""
    assert over_seeds(lambda s: _line_response(s, 4000, False), n=3).above(0.07)


def test_a_larger_credit_line_raises_its_holders_spending_by_a_tenth_of_it_within_a_year(
) -> None:
    """Gross and Souleles (2002, QJE 117:149): the marginal propensity to consume out of
    liquidity, from issuers' limit increases, is 10-14% within a year. The model's
    households with credit, given a fifth more line, spend 10-11% of the added line more
    over four quarters; they spend it out of deposits, as their buffer target
    falls, rather than on revolving debt (the test above)."""
    assert over_seeds(lambda s: _line_response(s, 20_000, True), n=4).within(0.07, 0.17)
