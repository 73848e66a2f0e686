"""The payment primitive: every payment moves both balances and is recorded, and the
audit names what broke it (sim.economy.ledger)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import build, firms, households

from sim.economy import ledger as ledger_module
from sim.economy.ledger import AccountingBreach, Ledger


def _ledger(scale: float = 10.0) -> Ledger:
    h = households(2, deposits=[100.0, 200.0], debt=[0.0, 50.0])
    f = firms(2, cash=[1000.0, 500.0])
    book = Ledger(h, f, scale)
    book.open_books(government=-5000.0, equity=100.0)
    book.open_quarter(0)
    return book


def test_a_payment_moves_both_balances_and_is_recorded() -> None:
    book = _ledger()
    book.pay("transfers", np.array([10.0, 20.0]))  # per real household; 10 each stands for
    assert book.households.deposits.tolist() == [110.0, 220.0]
    assert book.households.income.tolist() == [10.0, 20.0]
    assert book.government == pytest.approx(-5000.0 - 300.0)
    assert book.flows[("transfers", "government", "households")] == pytest.approx(300.0)
    book.audit("a test")


def test_the_primary_deficit_is_what_the_government_pays_less_what_it_receives() -> None:
    """Transfers of 300 yuan and rural investment of 50 out, income tax of 30 in, and 40 of
    interest on the debt (left out): a primary deficit of 300 + 50 - 30 = 320 yuan."""
    book = _ledger()
    book.pay("transfers", np.array([10.0, 20.0]))  # 10 real households each: 300 yuan
    book.pay("rural_infrastructure", 50.0)
    book.pay("income_tax", np.array([1.0, 2.0]))  # 30 yuan
    book.pay("government_interest", 40.0)
    assert book.primary_deficit() == pytest.approx(320.0)


def test_pension_contributions_are_revenue_in_cash_and_no_fiscal_gain() -> None:
    """Pension contributions of 60 yuan lower the primary deficit (cash) by 60; they buy
    pensions owed later, so the net fiscal cost counts them as no revenue."""
    book = _ledger()
    book.pay("transfers", np.array([10.0, 20.0]))  # 300 yuan
    book.pay("pension_contributions", np.array([2.0, 4.0]))  # 60 yuan
    assert book.primary_deficit() == pytest.approx(240.0)
    assert book.fiscal_cost() == pytest.approx(300.0)


def test_a_payment_between_two_tables_must_add_up_on_both_sides() -> None:
    book = _ledger()
    book.pay("wages", paid=np.array([200.0, 100.0]), received=np.array([20.0, 10.0]))
    assert book.firms.cash.tolist() == [800.0, 400.0]
    with pytest.raises(AccountingBreach, match="payment 'wages' is paid 300.00 by firms but "
                                               "received 310.00"):
        book.pay("wages", paid=np.array([200.0, 100.0]), received=np.array([20.0, 11.0]))


def test_a_loan_creates_money_and_a_repayment_destroys_it() -> None:
    book = _ledger()
    loans, money = book.loan_book, book.deposit_liabilities
    book.pay("consumer_loans", np.array([5.0, 0.0]))
    assert book.households.debt.tolist() == [5.0, 50.0]
    assert book.loan_book - loans == book.deposit_liabilities - money == pytest.approx(50.0)
    book.pay("loan_repayment", np.array([5.0, 0.0]))
    assert book.loan_book == pytest.approx(loans)
    assert book.deposit_liabilities == pytest.approx(money)
    assert book.net_inflow["households"] == 0.0 and book.net_inflow["bank"] == 0.0


def test_a_write_off_is_a_capital_transfer_from_the_bank() -> None:
    book = _ledger()
    equity = book.bank_net_worth
    book.pay("loan_writeoff", np.array([0.0, 50.0]))
    assert book.households.debt.tolist() == [0.0, 0.0]
    assert book.bank_net_worth == pytest.approx(equity - 500.0)
    assert book.net_inflow["households"] == pytest.approx(500.0)


def test_unknown_purposes_and_wrong_sides_are_refused() -> None:
    book = _ledger()
    with pytest.raises(KeyError, match="unknown payment purpose 'gift'"):
        book.pay("gift", np.ones(2))
    with pytest.raises(TypeError, match="give paid= and received="):
        book.pay("wages", np.ones(2))
    with pytest.raises(ValueError, match="one value per row"):
        book.pay("transfers", np.ones(3))


def test_a_balance_changed_outside_the_ledger_is_caught_naming_the_process() -> None:
    book = _ledger()
    book.pay("transfers", np.array([10.0, 20.0]))
    book.households.deposits[0] += 1.0  # an unrecorded gift
    with pytest.raises(AccountingBreach, match="after the gift process.*without a recorded "
                                               "payment.*transfers"):
        book.audit("the gift process")


def test_money_moved_inside_the_firm_sector_without_a_record_is_caught() -> None:
    book = _ledger()
    book.firms.cash[0] -= 100.0
    book.firms.cash[1] += 100.0  # the sector's total is unchanged
    with pytest.raises(AccountingBreach, match="firm 0 is off by -100"):
        book.audit("a transfer between firms")


def test_a_payment_recorded_without_its_balance_change_is_caught_with_its_purpose(
        monkeypatch) -> None:
    """Injection: in a whole economy, the quarter's transfers are recorded but the
    households' deposits do not receive them. The audit after the incomes step stops the
    run in that quarter and names the payment."""
    original = ledger_module._move_households
    pay = Ledger.pay

    def pay_but_drop_transfers(self, purpose, *args, **kwargs):
        if purpose == "transfers":
            monkeypatch.setattr(ledger_module, "_move_households",
                                lambda d, *rest: original(d.copy(), *rest))
            try:
                return pay(self, purpose, *args, **kwargs)
            finally:
                monkeypatch.setattr(ledger_module, "_move_households", original)
        return pay(self, purpose, *args, **kwargs)

    model = build()  # (the burn-in runs clean)
    monkeypatch.setattr(Ledger, "pay", pay_but_drop_transfers)
    with pytest.raises(AccountingBreach) as caught:
        model.step()
    assert caught.value.process == "incomes" and caught.value.purpose == "transfers"
    assert caught.value.step == 0
