"""Consumer credit (sim.economy.processes.credit, 五（五）)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import households, params

from sim.economy.processes import credit


def test_a_borrower_who_can_pay_pays_interest_and_amortisation() -> None:
    """10,000 of debt at 8% a year: 200 of interest and 12.5% of principal a quarter."""
    h = households(1, debt=10_000.0, deposits=5_000.0)
    due = credit.service(h=h, basic_cost=np.array([1_000.0]), annual_rate=0.08, bp=params().bank)
    assert due.interest[0] == pytest.approx(200.0)
    assert due.principal[0] == pytest.approx(1_250.0)
    assert due.written_off[0] == 0.0 and not due.defaulted[0]


def test_a_borrower_whose_deposits_after_subsistence_fall_short_defaults() -> None:
    h = households(2, debt=10_000.0, deposits=2_000.0)
    due = credit.service(h=h, basic_cost=np.array([0.0, 1_000.0]), annual_rate=0.08,
                         bp=params().bank)
    assert due.defaulted.tolist() == [False, True]  # 1,000 left < 1,450 due
    assert due.written_off.tolist() == [0.0, 10_000.0] and due.interest[1] == 0.0


def test_households_count_less_of_their_credit_line_as_a_buffer_when_credit_is_dearer() -> None:
    """At elasticity 1.3: 80% of the line at the 10% reference rate, 80% x 2^-1.3 = 32.5%
    at 20%, and at most the whole line however cheap credit gets."""
    bp = params(bank={"credit_rate_elasticity": 1.3}).bank
    assert credit.line_as_buffer(annual_rate=0.10, share_at_reference=0.8,
                                 bp=bp) == pytest.approx(0.8)
    assert credit.line_as_buffer(annual_rate=0.20, share_at_reference=0.8,
                                 bp=bp) == pytest.approx(0.8 * 2**-1.3)
    assert credit.line_as_buffer(annual_rate=0.01, share_at_reference=0.8, bp=bp) == 1.0


def test_instalment_use_falls_with_the_loan_rate() -> None:
    bp = params(bank={"credit_rate_elasticity": 1.0}).bank  # 30% at 10%, elasticity 1
    assert credit.instalment_share(annual_rate=0.10, bp=bp) == pytest.approx(0.30)
    assert credit.instalment_share(annual_rate=0.20, bp=bp) == pytest.approx(0.15)
    assert credit.instalment_share(annual_rate=0.05, bp=bp) == pytest.approx(0.60)


def test_instalments_stay_within_the_unused_credit_line() -> None:
    h = households(3, credit_access=[True, True, False], credit_limit=10_000.0,
                   debt=[9_000.0, 0.0, 0.0])
    loans = credit.instalments(durable=np.array([5_000.0, 5_000.0, 5_000.0]), h=h, share=0.5)
    np.testing.assert_allclose(loans, [1_000.0, 2_500.0, 0.0])
    np.testing.assert_allclose(credit.spare_lines(h=h), [1_000.0, 10_000.0, 0.0])


def test_the_bank_pays_out_its_net_worth_above_its_target() -> None:
    assert credit.bank_dividend(net_worth=120.0, equity_target=100.0, provision=0.0) == 20.0
    assert credit.bank_dividend(net_worth=80.0, equity_target=100.0, provision=0.0) == 0.0


def test_the_bank_keeps_a_provision_for_the_losses_it_expects_out_of_its_payout() -> None:
    """Net worth 120 over a target of 100 with 1,000 of loans expected to lose 1.2% a
    year: 12 is provisioned and 8 paid out. Write-offs of 10 on 1,000 in a quarter (4% a
    year) move an expectation of 1.2% a quarter of the way: 1.9%."""
    assert credit.bank_dividend(net_worth=120.0, equity_target=100.0,
                                provision=0.012 * 1000.0) == pytest.approx(8.0)
    assert credit.expected_loss_rate(previous=0.012, written_off=10.0, loans=1000.0,
                                     weight=0.25) == pytest.approx(0.019)
    assert credit.expected_loss_rate(previous=0.012, written_off=10.0, loans=0.0,
                                     weight=0.25) == 0.012
