"""Each lever moves the economy through its channel (docs/model.md sections 4 and 6).

Every test compares a lever change with the baseline at the same seeds (common random
numbers), so the differences are paired; small economies, a few seeds.
"""

from __future__ import annotations

import numpy as np
from helpers import run

from sim.economy.constants import (
    CAPACITY_SERVICES,
    CATEGORY_INDEX,
    FOOD,
    GOODS,
    MIGRANT,
    OFFLINE,
    RURAL,
)
from sim.economy.goods_market import segment_rows

SEEDS = (0, 1, 2)
SIZE = "population.households=4000"


def paired(change: list[str], measure, steps: int = 10) -> np.ndarray:
    """measure(reform) - measure(baseline) for each seed."""
    out = []
    for seed in SEEDS:
        base = run([f"seed={seed}", SIZE], steps=steps)
        reform = run([f"seed={seed}", SIZE, *change], steps=steps)
        out.append(measure(reform) - measure(base))
    return np.array(out)


def last_year(column: str):
    return lambda m: m.timeseries()[column].iloc[-4:].mean()


def total(column: str):
    return lambda m: m.timeseries()[column].sum()


# --- credit (五（五）) -------------------------------------------------------------
def test_wider_credit_access_raises_debt_and_consumption() -> None:
    access = [f"policy.credit.access.{k}=0.8" for k in ("urban", "rural", "migrant")]
    assert (paired(access, last_year("debt_to_income")) > 0.01).all()
    assert (paired(access, last_year("consumption_pc")) > 0).all()


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
    local food never bears it; rural consumption rises; the investment is a net fiscal
    cost."""
    change = ["policy.rural_logistics.investment=1e10"]
    assert (paired(change, lambda m: _rural_delivered_markup(m)[0]) < -0.005).all()
    base = run([f"seed={SEEDS[0]}", SIZE], steps=10)
    reform = run([f"seed={SEEDS[0]}", SIZE, *change], steps=10)
    assert _rural_delivered_markup(base)[1] == _rural_delivered_markup(reform)[1] == 0.0
    assert (paired(change, last_year("consumption_pc_rural")) > 0).all()
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


# --- subsidies (七（一）, 二（三）) ----------------------------------------------------
BUDGET = "policy.subsidy.budget=2e10"


def _share(category: str):
    return last_year(f"share_{category}")


def test_vouchers_raise_spending_on_the_targeted_categories() -> None:
    change = [BUDGET, "policy.subsidy.demand_side_share=1.0",
              "policy.subsidy.categories=[household,transport_comm]"]
    assert (paired(change, _share("transport_comm")) > 0).all()
    assert (paired(change, total("consumer_subsidy")) > 0).all()


def test_vouchers_follow_the_subsidised_categories() -> None:
    """Vouchers on clothing raise clothing's share. (On healthcare they would not: its
    capacity is rationed, the government's public purchases are served first, so
    vouchers there cheapen what households get rather than buy them more.)"""
    change = [BUDGET, "policy.subsidy.demand_side_share=1.0",
              "policy.subsidy.categories=[clothing]"]
    assert (paired(change, _share("clothing")) > 0).all()


def test_producer_subsidies_are_paid_to_firms_and_cheapen_upgrades() -> None:
    change = [BUDGET, "policy.subsidy.demand_side_share=0.0"]
    assert (paired(change, total("producer_subsidy")) > 0).all()
    assert (paired(change, total("consumer_subsidy")) == 0).all()


def test_the_subsidy_budget_is_the_outlay_and_taxes_bring_part_of_a_voucher_back() -> None:
    """Whether paid to households or firms, the budget shows up, yuan for yuan, in the
    levers' outlays (rates are set from last quarter's base, so it tracks the budget).
    Vouchers' net fiscal cost is below the outlay by the taxes the extra sales bring
    back. (A producer subsidy's need not be: makers price at their markup over the
    subsidised cost, so buyers' prices fall by more than the subsidy per unit and the
    tax on sales can fall; the next test.)"""
    for share in ("0.0", "1.0"):
        change = [BUDGET, f"policy.subsidy.demand_side_share={share}"]
        outlay = paired(change, last_year("lever_spending"))
        assert np.all(np.abs(outlay / 2e10 - 1.0) < 0.25), (share, outlay)
        if share == "1.0":
            assert np.all(paired(change, last_year("fiscal_cost")) < outlay), share


def _subsidised_price_index(model) -> float:
    """The mean price index of the durable categories the subsidy targets."""
    index = model.macro.category_price_index
    return float((index[CATEGORY_INDEX["household"]] + index[CATEGORY_INDEX["transport_comm"]])
                 / 2.0)


def test_producer_subsidies_lower_the_subsidised_products_prices_through_makers_markups(
) -> None:
    """七（一）: the subsidy pays a share of the unit cost of targeted makers' sales at home
    (not of their exports: sim.economy.processes.settlement); each maker prices at its
    markup over the cost net of it, so the subsidised categories' price index falls."""
    change = [BUDGET, "policy.subsidy.demand_side_share=0.0"]
    assert (paired(change, _subsidised_price_index) < -0.01).all()


def _green_revenue_share(model) -> float:
    f = model.firms
    rows = f.alive & np.isin(f.category, [CATEGORY_INDEX["household"],
                                          CATEGORY_INDEX["transport_comm"]])
    return float(f.revenue[rows & f.green].sum() / f.revenue[rows].sum())


def test_green_rebates_shift_spending_to_green_labelled_goods() -> None:
    change = [BUDGET, "policy.subsidy.demand_side_share=1.0", "policy.subsidy.categories=[green]"]
    assert (paired(change, _green_revenue_share) > 0).all()


# --- migrants (三（四）) ----------------------------------------------------------
def _migrant_saving_rate(model) -> float:
    h = model.households
    rows = h.kind == MIGRANT
    return 1.0 - h.spending[rows].sum() / h.income[rows].sum()


def test_more_migrant_coverage_lowers_migrants_saving_rate() -> None:
    change = ["policy.migrant.public_service_coverage=0.9"]
    assert (paired(change, _migrant_saving_rate) < 0).all()
    assert (paired(change, last_year("consumption_pc_migrant")) > 0).all()


def test_faster_hukou_conversion_turns_migrants_into_urban_residents() -> None:
    change = ["policy.migrant.hukou_conversion_rate=0.3"]
    assert (paired(change, last_year("population_migrant")) < 0).all()
    assert (paired(change, last_year("population_urban")) > 0).all()


# --- outbound spending, market access, services ------------------------------------
def test_a_smaller_outbound_price_gap_brings_premium_spending_home() -> None:
    assert (paired(["policy.outbound.price_gap=0.0"], last_year("outbound_share")) < 0).all()


def test_cheaper_market_entry_brings_more_entrants() -> None:
    assert paired(["policy.market_access.entry_cost=0.0"], total("firm_entries"),
                  steps=16).mean() > 0


def _service_markup(model) -> float:
    f = model.firms
    rows = f.alive & CAPACITY_SERVICES[f.category]
    return float(f.markup[rows].mean())


def _rationed_services(model) -> float:
    """Share of the demand for education, culture and health services that was not met."""
    f = model.firms
    rows = f.alive & CAPACITY_SERVICES[f.category]
    return float(1.0 - f.sales[rows].sum() / f.demand[rows].sum())


def test_more_service_capacity_eases_rationing_and_service_prices() -> None:
    """二（一）, 六（六）: the services lever raises supply, so less of the demand for these
    services goes unmet and their markups fall. (Their share of spending may rise or fall:
    less rationing raises it, cheaper services lower the nominal cost of the same needs.)"""
    change = ["policy.services.capacity=1.5"]
    assert (paired(change, _service_markup) < 0).all()
    assert (paired(change, _rationed_services) < 0).all()


def _services_sold(model) -> float:
    """Units of education, culture and health services sold last quarter."""
    f = model.firms
    return float(f.sales[f.alive & CAPACITY_SERVICES[f.category]].sum())


def _service_capacity(model) -> float:
    """Capacity of the services the lever scales, as a multiple of 2016's."""
    m = model.macro
    return 1.0 + m.service_facilities / m.providers_capital_2016


def test_public_investment_in_service_facilities_adds_capacity_and_eases_rationing() -> None:
    """七（二）: the government's facilities, bought from the capital-goods sector, add
    capacity to education, health and care in proportion to the stock built, so less of
    the demand for these services goes unmet and more of them is sold."""
    change = ["policy.services.investment=1.0e+10"]
    assert (paired(change, _service_capacity) > 0.1).all()
    assert (paired(change, _rationed_services) < 0).all()
    assert (paired(change, _services_sold) > 0).all()
