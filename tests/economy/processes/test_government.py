"""The government's purchases (sim.economy.processes.government)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import households, params

from sim.economy.constants import CATEGORY_INDEX
from sim.economy.processes import government


def test_public_services_are_bought_per_covered_and_per_uncovered_person() -> None:
    """2 covered persons at 700 and 3 uncovered at 300 a quarter, times 10 real
    households per agent, at wages 10% above 2016: 1.1 * 10 * (1,400 + 900) = 25,300
    yuan, half on education and culture, half on health care."""
    h = households(2, persons=[2.0, 3.0], covered=[True, False])
    demand = government.public_service_demand(h=h, gp=params().government, wage_index=1.1,
                                              scale=10.0)
    assert demand.sum() == pytest.approx(25_300.0)
    assert demand[CATEGORY_INDEX["education_culture"]] == pytest.approx(12_650.0)
    assert demand[CATEGORY_INDEX["healthcare"]] == pytest.approx(12_650.0)
    assert np.count_nonzero(demand) == 2


def test_inspections_are_bought_from_testing_firms_and_scale_with_enforcement_and_firms(
) -> None:
    """Enforcement 0.5 over 10 firm agents of 3 real firms each, at 2016 wages: half the
    inspection cost of 30 real firms, bought from the 'other' category (检验检测)."""
    gp = params().government
    demand = government.inspection_demand(gp=gp, enforcement=0.5, live_firms=10, wage_index=1.0,
                                          real_firms_per_agent=3.0)
    assert demand[CATEGORY_INDEX["other"]] == pytest.approx(0.5 * 30 * gp.inspection_cost)
    assert np.count_nonzero(demand) == 1


def test_debt_pays_interest_and_public_investment_is_indexed_to_wages() -> None:
    spend = government.spending(logistics_investment=2.0e9, facilities_investment=3.0e9,
                                works=4.0e9, live_firms=10, debt=4.0e11, bond_rate=0.03,
                                wage_index=1.1)
    assert spend.interest == pytest.approx(4.0e11 * 0.03 / 4)
    assert spend.rural_infrastructure == pytest.approx(1.1 * 2.0e9)
    assert spend.service_facilities == pytest.approx(1.1 * 3.0e9)
    assert spend.public_works == pytest.approx(1.1 * 4.0e9)


def test_with_no_firm_left_nothing_is_built_and_no_interest_on_savings() -> None:
    spend = government.spending(logistics_investment=2.0e9, facilities_investment=3.0e9,
                                works=4.0e9, live_firms=0, debt=-1.0e9, bond_rate=0.03,
                                wage_index=1.0)
    assert spend.rural_infrastructure == spend.service_facilities == spend.interest == 0.0
    assert spend.public_works == 0.0


def test_the_centre_takes_its_share_of_each_tax_collected_in_guangdong() -> None:
    """100 of production tax (54% central), 50 of income tax and 10 of dividend tax (60%)
    and 20 of duties (all central): 54 + 36 + 20 = 110; fines stay."""
    gp = params().government
    collected = {"production_tax": 100.0, "income_tax": 50.0, "dividend_tax": 10.0,
                 "import_duties": 20.0, "fines": 7.0}
    assert government.central_taxes(collected=collected, gp=gp) == pytest.approx(110.0)


def test_the_quota_grows_with_the_nation_and_bounds_what_the_province_may_borrow() -> None:
    """Debt of 100 in 2016 with 7% headroom, the nation's nominal GDP up 10%: quota 117.7;
    with debt 110 and interest 1 the province may run a primary deficit of 6.7."""
    quota = government.debt_quota(debt_2016=100.0, headroom=1.07, trend=1.1)
    assert quota == pytest.approx(117.7)
    assert government.borrowing_room(quota=quota, debt=110.0, interest=1.0) == pytest.approx(6.7)


def test_the_burn_in_sets_transfers_that_keep_the_debt_on_its_quotas_path() -> None:
    """A primary deficit of 10 with debt 200 growing 2% a quarter and interest 1.5: the
    path allows 4 - 1.5 = 2.5, so transfers of 7.5 (at trend 1); a later quarter moves
    the level by a quarter of its finding; a surplus asks for none."""
    first = government.transfers_closing(level=0.0, deficit=10.0, debt=200.0, interest=1.5,
                                         growth=0.02, trend=1.0, first=True)
    assert first == pytest.approx(7.5)
    later = government.transfers_closing(level=first, deficit=2.5, debt=200.0, interest=1.5,
                                         growth=0.02, trend=1.0, first=False)
    assert later == pytest.approx(0.75 * 7.5)
    assert government.transfers_closing(level=0.0, deficit=-5.0, debt=200.0, interest=1.5,
                                        growth=0.02, trend=1.0, first=True) == 0.0
