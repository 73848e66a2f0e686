"""Transfers, benefits, interest, taxes and contributions (sim.economy.processes.incomes)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import households, params

from sim.economy.constants import MIGRANT, RURAL, URBAN
from sim.economy.processes import incomes


def test_each_households_flows_are_worked_out_by_hand() -> None:
    """A covered worker earning 10,000 with 40,000 in deposits, and a covered household
    out of work (efficiency 10,000): benefit 0.4 * 10,000, interest 1.5% a year, tax 3%
    on wages and interest, contributions 10.5% of the wage (2.5% health and unemployment,
    8% pension), transfers 1,000 per person."""
    gp = params().government
    h = households(2, employed=[True, False], covered=True, deposits=40_000.0, persons=2.0,
                   skill=10_000.0)
    wage = np.array([10_000.0, 0.0])
    transfer_pc = incomes.transfer_per_person(h=h, hp=params().households)
    flows = incomes.flows(
        h=h, wage=wage, transfer_pc=transfer_pc,
        terms=incomes.IncomeTerms(wage_index=1.0, replacement=0.4, deposit_rate=0.015,
                                  income_tax_rate=gp.income_tax), gp=gp)
    np.testing.assert_allclose(flows.unemployment_benefits, [0.0, 4_000.0])
    np.testing.assert_allclose(flows.deposit_interest, [150.0, 150.0])
    np.testing.assert_allclose(flows.income_tax, [0.03 * 10_150.0, 0.03 * 150.0])
    np.testing.assert_allclose(flows.social_contributions, [250.0, 0.0])
    np.testing.assert_allclose(flows.pension_contributions, [800.0, 0.0])
    np.testing.assert_allclose(flows.transfers, [2_000.0, 2_000.0])


def test_transfers_follow_the_scheme_a_household_belongs_to() -> None:
    hp = params().households
    h = households(3, kind=[URBAN, MIGRANT, RURAL], covered=[True, False, False])
    np.testing.assert_allclose(incomes.transfer_per_person(h=h, hp=hp),
                               [hp.transfer_pc.covered, hp.transfer_pc.uncovered,
                                hp.transfer_pc.rural])


def test_covered_migrants_of_working_age_get_no_pension_settled_or_not() -> None:
    """三（四）: coverage gives a migrant household the urban schemes, but it is of working
    age: no pension yet, only the dibao's expected value, whether it has settled (kind
    urban, origin migrant) or not."""
    hp = params().households
    h = households(3, kind=[MIGRANT, URBAN, URBAN], origin=[MIGRANT, MIGRANT, URBAN],
                   covered=True)
    working_age = hp.transfer_pc.uncovered + hp.dibao_expected_pc
    np.testing.assert_allclose(incomes.transfer_per_person(h=h, hp=hp),
                               [working_age] * 2 + [hp.transfer_pc.covered])
    assert working_age < 0.25 * hp.transfer_pc.covered


def test_permanent_income_moves_part_of_the_way_to_this_quarters_income() -> None:
    out = incomes.permanent_income(previous=np.array([100.0]), income=np.array([200.0]),
                                   weight=0.25)
    assert out[0] == pytest.approx(125.0)


def test_expected_income_grows_with_the_growth_households_expect() -> None:
    """A quarter's income of 200 against an expectation of 100 (weight 0.25), expected
    growth 2% a quarter: next quarter's permanent income 1.02 x 125; an income on its
    expected path (100 growing 2% a quarter) is expected without bias."""
    out = incomes.permanent_income(previous=np.array([100.0]), income=np.array([200.0]),
                                   weight=0.25, growth=0.02)
    assert out[0] == pytest.approx(127.5)
    expected, income = 100.0, 100.0
    for _ in range(12):
        expected = incomes.permanent_income(previous=np.array([expected]),
                                            income=np.array([income]), weight=0.25, growth=0.02)[0]
        income *= 1.02
        assert expected == pytest.approx(income)
