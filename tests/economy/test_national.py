"""The People's Bank sets the benchmark rates and the nation's prices for the whole
monetary union: a scenario moves them from a quarter on, and the province's economy
takes them up then, not before (sim.config.national)."""

from __future__ import annotations

import pytest
from helpers import build

CUT = ("national.start=2016Q3", "national.loan_rate=0.02", "national.deposit_rate=0.005",
       "national.inflation=0.04")


def test_a_rate_cut_leaves_the_quarters_before_it_unchanged_and_pays_the_new_rates_from_it(
        ) -> None:
    """Benchmarks cut in 2016Q3 (t = 2): 2016Q1-Q2 are the baseline's to the bit (the
    same burnt-in economy and shocks); in 2016Q3 depositors earn 0.005 / 0.015 of the
    baseline's interest on the same deposits, and (with the loan rate cut alone, so
    that nothing earlier in the quarter differs) firms pay 0.02 / 0.0435 of its
    overdraft interest on the same overdrafts; the national price level grows at 4%
    from then on, so expected inflation rises towards it."""
    base, cut, loans = build(), build(list(CUT)), build(list(CUT[:2]))
    for _ in range(2):
        for model in (base, cut, loans):
            model.step()
    assert base.timeseries().drop(columns="scenario").equals(
        cut.timeseries().drop(columns="scenario"))
    for model in (base, cut, loans):
        model.step()
    ratio = loans.ledger.total("firm_loan_interest") / base.ledger.total("firm_loan_interest")
    assert ratio == pytest.approx(0.02 / 0.0435, rel=1e-9)
    ratio = cut.ledger.total("deposit_interest") / base.ledger.total("deposit_interest")
    assert ratio == pytest.approx(0.005 / 0.015, rel=1e-9)
    for _ in range(2):
        base.step()
        cut.step()
    assert cut.macro.national_price_index / base.macro.national_price_index == pytest.approx(
        (1.04 / 1.02) ** 0.5)
    assert cut.macro.expected_inflation > base.macro.expected_inflation
