"""Each lever moves the economy through its channel (docs/model.md sections 4 and 6):
credit, rural logistics and information, quality, standards and protection. (Subsidies,
migrants, outbound spending, market access and services: test_levers_spending.py.)

Every test compares a lever change with the baseline at the same seeds (common random
numbers), so the differences are paired; small economies, a few seeds.
"""

from __future__ import annotations

import numpy as np
from helpers import LEVER_SEEDS as SEEDS
from helpers import LEVER_SIZE as SIZE
from helpers import last_year, paired, run, total

from sim.economy.constants import FOOD, GOODS, OFFLINE, RURAL
from sim.economy.goods_market import segment_rows


# --- credit (五（五）) -------------------------------------------------------------
def test_wider_credit_access_raises_debt_and_consumption() -> None:
    """Debt in the last year; consumption over the programme's ten quarters (in one year at
    4,000 households a paired seed's noise is as large as the effect: seeds 0-2 gave -2,
    +84 and +91 yuan a quarter in 2018, +313, +1,017 and +1,033 over the ten quarters;
    seed 0 at 16,000 households +38 in 2018)."""
    access = [f"policy.credit.access.{k}=0.8" for k in ("urban", "rural", "migrant")]
    assert (paired(access, last_year("debt_to_income")) > 0.01).all()
    assert (paired(access, total("consumption_pc")) > 0).all()


def test_a_higher_credit_limit_raises_debt() -> None:
    assert (paired(["policy.credit.limit_income_multiple=1.5"],
                   last_year("debt_to_income")) > 0).all()


def test_dearer_credit_means_less_instalment_borrowing() -> None:
    assert (paired(["policy.credit.interest_rate=0.25"], last_year("debt_to_income")) < 0).all()


# --- rural logistics and information (五（一）, 五（二）) ------------------------------
def test_a_lower_rural_logistics_markup_raises_rural_consumption_per_person() -> None:
    gain = paired(["policy.rural_logistics.cost_markup=0.0"], last_year("consumption_pc_rural"))
    assert (gain > 0).all()


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
    local food never bears it; rural consumption rises (by 0.3-0.45% after ten quarters,
    which needs 16,000 households to stand out of a paired seed's noise); the investment
    is a net fiscal cost."""
    change = ["policy.rural_logistics.investment=1e10"]
    assert (paired(change, lambda m: _rural_delivered_markup(m)[0]) < -0.005).all()
    base = run([f"seed={SEEDS[0]}", SIZE], steps=10)
    reform = run([f"seed={SEEDS[0]}", SIZE, *change], steps=10)
    assert _rural_delivered_markup(base)[1] == _rural_delivered_markup(reform)[1] == 0.0
    for seed in SEEDS:
        large = [f"seed={seed}", "population.households=16000"]
        assert (last_year("consumption_pc_rural")(run([*large, *change], steps=10))
                > last_year("consumption_pc_rural")(run(large, steps=10))), seed
    assert (paired(change, last_year("fiscal_cost")) > 0).all()


def _rural_online(model) -> float:
    h = model.households
    return float(h.online[h.kind == RURAL].mean())


def test_wider_ecommerce_coverage_brings_rural_households_online() -> None:
    change = ["policy.rural_logistics.ecommerce_coverage=1.0"]
    assert (paired(change, _rural_online) > 0.1).all()
    assert (paired(change, last_year("online_share")) > 0).all()


def test_rural_broadband_widens_online_access() -> None:
    change = ["policy.information.rural_broadband=1.0"]
    assert (paired(change, _rural_online) > 0.05).all()
    assert (paired(change, last_year("online_share")) > 0).all()


# --- quality, standards, protection (四（一）-（四）) --------------------------------
def _lowest_quality(model) -> float:
    f = model.firms
    return float(f.quality[f.alive].min())


def test_a_higher_minimum_standard_raises_quality_and_removes_low_quality_firms() -> None:
    """四（一）: a floor lifts the bottom of the quality distribution (firms below it
    upgrade or leave) and the average quality bought. It need not raise the upper-tier
    share: firms lifted to the floor win buyers from every tier."""
    change = ["policy.quality.min_standard=0.3"]
    assert (paired(change, _lowest_quality) > 0.1).all()
    assert (paired(change, last_year("avg_quality")) > 0.02).all()
    assert (paired(change, last_year("firm_quality_p10")) > 0.05).all()


def _misdeclaring(model) -> float:
    f = model.firms
    return float((f.declared[f.alive] > f.quality[f.alive] + 1e-9).mean())


def test_stricter_enforcement_deters_misdeclaration_and_restores_trust() -> None:
    change = ["policy.quality.enforcement=0.6"]
    assert (paired(change, _misdeclaring) < 0).all()
    assert (paired(change, last_year("trust")) > 0).all()


def _tempted(enforcement: float):
    """Share of live firms whose own gain from misdeclaring beats the expected fine at
    `enforcement` plus their honesty cost (off probation, they would misdeclare)."""
    def measure(model) -> float:
        f, fp = model.firms, model.p.firms
        wants = f.misdeclaration_gain - enforcement * fp.fine_rate - f.honesty > 0.0
        return float(wants[f.alive].mean())
    return measure


def test_more_enforcement_deters_more_misdeclaration_at_every_step_between_0_and_1() -> None:
    """四（二）: gains from misdeclaring differ across firms, so each step of enforcement
    leaves fewer firms for which misdeclaring pays, at every step from 0 to 1 (among the
    firms alive after ten quarters of entry and exit under that enforcement), and less
    of the spending on products declared upper-tier buys misdeclared quality."""
    steps = (0.0, 0.25, 0.5, 0.75, 1.0)
    for seed in SEEDS:
        runs = [run([f"seed={seed}", SIZE, f"policy.quality.enforcement={e}"], steps=10)
                for e in steps]
        tempted = [_tempted(e)(m) for e, m in zip(steps, runs, strict=True)]
        assert all(a > b > 0.0 for a, b in zip(tempted, tempted[1:], strict=False)), tempted
        bought = [last_year("misdeclared_share")(m) for m in runs[:3]]
        assert bought[0] > bought[1] > bought[2], bought


def test_stronger_consumer_protection_keeps_trust_higher() -> None:
    assert (paired(["policy.protection.strength=0.9"], last_year("trust")) > 0).all()
