"""Each lever moves the economy through its channel (docs/model.md sections 4 and 6):
credit, rural logistics and information, quality, standards and protection. (Subsidies,
migrants, outbound spending, market access and services: test_levers_spending.py.)

Every test compares a lever change with the baseline at the same seeds (common random
numbers), so the differences are paired, and states its claim as a 95% interval over
them; each claim's seeds are sized from the spread measured on other seeds
(tests/claims.py, tests/reference/claims.csv).
"""

from __future__ import annotations

import numpy as np
import pytest
from claims import over_seeds, seed
from helpers import LEVER_SIZE as SIZE
from helpers import last_year, lever_run, paired, run, total

from sim.economy.constants import FOOD, GOODS, OFFLINE, RURAL
from sim.economy.goods_market import segment_rows

pytestmark = pytest.mark.claims  # (make test-all reruns them on a second block of seeds)


# --- credit (五（五）) -------------------------------------------------------------
ACCESS = [f"policy.credit.access.{k}=0.8" for k in ("urban", "rural", "migrant")]


def test_wider_credit_access_raises_debt() -> None:
    assert paired(ACCESS, last_year("debt_to_income"), n=3).above(0.01)


@pytest.mark.slow  # (28 economies of 16,000 households: make test-all)
def test_wider_credit_access_raises_consumption() -> None:
    """Consumption over the programme's ten quarters at 16,000 households: +519 yuan a
    person, sd 282 over 30 seeds, so it takes 14 seeds; at 4,000 households the noise is
    twice the effect, over ten quarters and over forty."""
    assert paired(ACCESS, total("consumption_pc"), n=14,
                  size="population.households=16000").above(0)


def test_a_higher_credit_limit_raises_debt() -> None:
    assert paired(["policy.credit.limit_income_multiple=1.5"], last_year("debt_to_income"),
                  n=3).above(0)


def test_dearer_credit_means_less_instalment_borrowing() -> None:
    assert paired(["policy.credit.interest_rate=0.25"], last_year("debt_to_income"),
                  n=3).below(0)


# --- rural logistics and information (五（一）, 五（二）) ------------------------------
def test_a_lower_rural_logistics_markup_raises_rural_consumption_per_person() -> None:
    assert paired(["policy.rural_logistics.cost_markup=0.0"], last_year("consumption_pc_rural"),
                  n=6).above(0)


def _rural_delivered_markup(model) -> tuple[float, float]:
    """The delivery surcharge rural households pay this quarter on non-food goods bought
    offline (shipped in from outside the county) and on food bought offline (local),
    share of the price."""
    clearing = model.quarter.clearing
    opt, kind = clearing.options, segment_rows()[0]
    rural = np.flatnonzero(kind == RURAL)
    offline = opt.channel == OFFLINE
    shipped = offline & GOODS[opt.category] & (opt.category != FOOD)
    local = offline & (opt.category == FOOD)
    return (float(clearing.surcharge[np.ix_(rural, np.flatnonzero(shipped))].max()),
            float(clearing.surcharge[np.ix_(rural, np.flatnonzero(local))].max()))


def test_rural_logistics_investment_lowers_the_delivered_price_of_goods_shipped_in() -> None:
    """五（二）: 10 bn yuan a quarter of rural logistics investment (five times 2016's)
    builds the logistics stock, which lowers the surcharge on goods shipped into villages;
    local food never bears it; the investment is a net fiscal cost. (Rural consumption:
    the next test.)"""
    change = ["policy.rural_logistics.investment=1e10"]
    assert paired(change, lambda m: _rural_delivered_markup(m)[0], n=3).below(-0.005)
    base = run([f"seed={seed()}", SIZE], steps=10)
    reform = run([f"seed={seed()}", SIZE, *change], steps=10)
    assert _rural_delivered_markup(base)[1] == _rural_delivered_markup(reform)[1] == 0.0
    assert paired(change, last_year("fiscal_cost"), n=3).above(0)


@pytest.mark.slow  # (40 economies over ten years: make test-all)
def test_rural_logistics_investment_raises_rural_consumption_as_the_stock_accumulates(
) -> None:
    """五（二）: by 2025, +45 yuan a person a quarter (sd 32 over 30 seeds, 4,000
    households; +73, sd 35, before productivity grew with research), so it takes 20
    seeds. After ten quarters the gain, +7 yuan at 16,000
    households with sd 5, is within a paired seed's noise."""
    assert paired(["policy.rural_logistics.investment=1e10"], last_year("consumption_pc_rural"),
                  steps=40, n=20).above(0)


def _rural_online(model) -> float:
    h = model.households
    return float(h.online[h.kind == RURAL].mean())


def test_wider_ecommerce_coverage_brings_rural_households_online() -> None:
    change = ["policy.rural_logistics.ecommerce_coverage=1.0"]
    assert paired(change, _rural_online, n=3).above(0.1)
    assert paired(change, last_year("online_share"), n=3).above(0)


def test_rural_broadband_widens_online_access() -> None:
    change = ["policy.information.rural_broadband=1.0"]
    assert paired(change, _rural_online, n=3).above(0.05)
    assert paired(change, last_year("online_share"), n=4).above(0)


# --- quality, standards, protection (四（一）-（四）) --------------------------------
def _lowest_quality(model) -> float:
    f = model.firms
    return float(f.quality[f.alive].min())


def test_a_higher_minimum_standard_raises_quality_and_removes_low_quality_firms() -> None:
    """四（一）: a floor lifts the bottom of the quality distribution (firms below it
    upgrade or leave) and the average quality bought. It need not raise the upper-tier
    share: firms lifted to the floor win buyers from every tier."""
    change = ["policy.quality.min_standard=0.3"]
    assert paired(change, _lowest_quality, n=3).above(0.1)
    assert paired(change, last_year("avg_quality"), n=4).above(0.02)
    assert paired(change, last_year("firm_quality_p10"), n=3).above(0.05)


def _misdeclaring(model) -> float:
    f = model.firms
    return float((f.declared[f.alive] > f.quality[f.alive] + 1e-9).mean())


def test_stricter_enforcement_deters_misdeclaration_and_restores_trust() -> None:
    change = ["policy.quality.enforcement=0.6"]
    assert paired(change, _misdeclaring, n=3).below(0)
    assert paired(change, last_year("trust"), n=4).above(0)


def _tempted(enforcement: float):
    """Share of live firms whose own gain from misdeclaring beats the expected fine at
    `enforcement` plus their honesty cost (off probation, they would misdeclare)."""
    def measure(model) -> float:
        f, fp = model.firms, model.p.firms
        wants = f.misdeclaration_gain - enforcement * fp.fine_rate - f.honesty > 0.0
        return float(wants[f.alive].mean())
    return measure


def test_more_enforcement_deters_more_misdeclaration_at_every_step_between_0_and_1() -> None:
    """四（二）: gains from misdeclaring differ across firms (lognormal), so each step of
    enforcement from 0 to 1 leaves fewer of the economy's firms for which misdeclaring
    pays, and some for which it still does at 1 (the firms alive after ten quarters, at
    any seed: a property of the spread of gains); and over ten quarters of entry and exit
    under each enforcement, less of the spending on products declared upper-tier buys
    misdeclared quality when enforcement rises from 0 to 0.25. (Above 0.25 the further
    fall in that share is within a small economy's noise: -0.055, sd 0.041 over 30 seeds,
    from 0.25 to 1; -0.049, sd 0.042, from 0.25 to 0.5: no block of seeds bears it out.)"""
    steps = (0.0, 0.25, 0.5, 0.75, 1.0)
    economy = lever_run((), seed(), 10, SIZE)
    tempted = [_tempted(e)(economy) for e in steps]
    assert all(a > b > 0.0 for a, b in zip(tempted, tempted[1:], strict=False)), tempted

    def misdeclared(e: float, s: int) -> float:
        return last_year("misdeclared_share")(
            lever_run((f"policy.quality.enforcement={e}",), s, 10, SIZE))

    assert over_seeds(lambda s: misdeclared(0.25, s) - misdeclared(0.0, s), n=3).below(0)


def test_stronger_consumer_protection_keeps_trust_higher() -> None:
    assert paired(["policy.protection.strength=0.9"], last_year("trust"), n=4).above(0)
