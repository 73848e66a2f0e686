"""Consumer credit: who borrows, and who defaults when incomes fail."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import build, run


def test_wider_credit_access_means_more_household_debt() -> None:
    base = run(["seed=2"], steps=6).timeseries()
    wide = run(["seed=2", "policy.credit.access.urban=0.9", "policy.credit.access.rural=0.9",
                "policy.credit.access.migrant=0.9"], steps=6).timeseries()
    assert wide["debt_to_income"].iloc[-1] > 2.0 * base["debt_to_income"].iloc[-1]


def test_mass_unemployment_raises_defaults() -> None:
    """When jobs are lost and hard to find from 2016 on, borrowers without buffers cannot
    service their debt (20,000 households, so that defaults are not a handful of cases).
    The slump hits the burnt-in 2016 economy (as a config change it would also run
    through the burn-in, an economy that has lived with it for three years)."""
    size = "population.households=20000"
    base = run(["seed=2", size], steps=8).timeseries()
    model = build(["seed=2", size])
    for kind in ("urban", "rural", "migrant"):
        setattr(model.p.households.separation_rate, kind, 0.3)
    model.p.labour.matching_efficiency = 0.1
    for _ in range(8):
        model.step()
    shocked = model.timeseries()
    assert shocked["employment_rate"].mean() < base["employment_rate"].mean() - 0.2
    assert shocked["default_rate"].sum() > 2.0 * base["default_rate"].sum() > 0.0


def _debt_and_spending(rate: float, seed: int, households: int = 4000):
    """Consumer debt (yuan per person) over the last of 16 quarters at the loan `rate`,
    and consumption per person (yuan a quarter) over the last year and over all four
    years."""
    ts = run([f"seed={seed}", f"population.households={households}",
              f"policy.credit.interest_rate={rate}"], steps=16).timeseries()
    last = ts.iloc[-4:]
    return ((last["debt_to_income"] * last["income_pc"]).mean(), last["consumption_pc"].mean(),
            ts["consumption_pc"].mean())


def _debt_last_year(rate: float, seed: int, households: int = 4000):
    """Consumer debt (yuan per person) and consumption per person over the last of 16
    quarters at the loan `rate`."""
    return _debt_and_spending(rate, seed, households)[:2]


def test_consumer_debt_falls_with_the_loan_rate_at_the_elasticity_estimated_for_credit_cards(
) -> None:
    """Gross and Souleles (2002, QJE 117:149), from account-specific changes of card rates:
    the long-run elasticity of debt to the interest rate is about -1.3. The model's, from
    9% to 11% a year after three years in paired seeds, lands within 0.4 of it."""
    for seed in (0, 1):
        low, _ = _debt_last_year(0.09, seed)
        high, _ = _debt_last_year(0.11, seed)
        elasticity = np.log(high / low) / np.log(0.11 / 0.09)
        assert -1.7 < elasticity < -0.9, elasticity


def test_a_lower_consumer_loan_rate_raises_borrowing_and_spending() -> None:
    """五（五）: cheaper credit (4% a year against 10%) makes households count more of their
    line as a buffer and buy more durables in instalments: they borrow more (debt in the
    fourth year more than 1.5 times as high) and spend more over the four years. The
    spending effect is small, as consumer debt is about 2% of income: 0.04-0.35% over
    the four years in paired seeds 0-5 at 16,000 households. A single year's is within a
    paired seed's noise (in the fourth year -0.14% to +0.47% over the same seeds), so
    the claim is stated over the programme's four years."""
    for seed in (0, 1, 2):
        debt, _, spending = _debt_and_spending(0.10, seed, households=16_000)
        cheap_debt, _, cheap_spending = _debt_and_spending(0.04, seed, households=16_000)
        assert cheap_debt > 1.5 * debt
        assert cheap_spending > spending


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
    for seed in (0, 1):
        debt, line = [], []
        for multiple in (0.5, 0.6):
            model = build([f"seed={seed}", "population.households=4000",
                           f"policy.credit.limit_income_multiple={multiple}"])
            for _ in range(4):
                model.step()
            h = model.households
            debt.append(float(h.debt.sum()))
            line.append(float((h.credit_limit * h.credit_access).sum()))
        assert (debt[1] - debt[0]) / (line[1] - line[0]) > 0.07


def test_a_larger_credit_line_raises_its_holders_spending_by_a_tenth_of_it_within_a_year(
) -> None:
    """Gross and Souleles (2002, QJE 117:149): the marginal propensity to consume out of
    liquidity, from issuers' limit increases, is 10-14% within a year. The model's
    households with credit, given a fifth more line, spend 10-11% of the added line more
    over four quarters (seeds 0-2); they spend it out of deposits, as their buffer target
    falls, rather than on revolving debt (the test above)."""
    for seed in (0, 1):
        spent, line = [], []
        for multiple in (0.5, 0.6):
            model = build([f"seed={seed}", "population.households=20000",
                           f"policy.credit.limit_income_multiple={multiple}"])
            total = 0.0
            for _ in range(4):
                model.step()
                h = model.households
                total += float(h.spending[h.credit_access].sum())
            spent.append(total)
            line.append(float((h.credit_limit * h.credit_access).sum()))
        assert 0.07 < (spent[1] - spent[0]) / (line[1] - line[0]) < 0.17
