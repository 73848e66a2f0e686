"""The fiscal account: a lever's net fiscal cost is its change in the government's primary
deficit, with every outlay and revenue it changes, pension contributions counted as no
revenue because they accrue pensions owed later (sim.economy.ledger.fiscal_cost, the
outcome fiscal_cost); consumption per fiscal yuan is real over real, over the programme
(sim.sweep.aggregate)."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pytest
from helpers import build

from sim.economy.processes import government
from sim.sweep import aggregate

SIZE = "population.households=4000"
SEEDS = (0, 1)


def _government_flows(overrides: list[str], quarters: int = 12) -> tuple[dict, float]:
    """The government's net outlay by purpose over the final year (received: negative),
    yuan, and the run's fiscal cost over the same quarters."""
    model = build(overrides)
    net: dict[str, float] = defaultdict(float)
    for t in range(quarters):
        model.step()
        if t >= quarters - 4:
            for (purpose, payer, payee), v in model.ledger.flows.items():
                if "government" in (payer, payee):
                    net[purpose] += v if payer == "government" else -v
    return net, float(model.timeseries()["fiscal_cost"].iloc[-4:].sum())


def _every_flow(change: dict) -> float:
    """The net fiscal cost from the flows: all but interest on the debt, with pension
    contributions counted as no revenue (they accrue a pension liability)."""
    return sum(v for k, v in change.items()
               if k not in ("government_interest", "pension_contributions"))


def _paired(scenario: str) -> list[tuple[dict, float]]:
    """Per seed: the change in each government flow and in the fiscal cost, scenario less
    baseline, over the final year."""
    out = []
    for seed in SEEDS:
        base, base_cost = _government_flows([f"seed={seed}", SIZE])
        own, own_cost = _government_flows([f"seed={seed}", SIZE, f"scenario={scenario}"])
        change = {k: own.get(k, 0.0) - base.get(k, 0.0) for k in set(base) | set(own)}
        out.append((change, own_cost - base_cost))
    return out


def test_migrant_citizenisation_costs_its_services_insurance_and_housing_less_contributions(
) -> None:
    """三（四）: covering migrants brings public services, the urban dibao (transfers),
    unemployment benefits, the health insurance's part of their care and, for those public
    rental housing reaches, the rent allowance; the newly covered pay health and
    unemployment contributions (revenue) and pension contributions (revenue now, owed
    back as pensions: no fiscal gain). The net fiscal cost is all of them (interest left
    out), and it is positive."""
    for change, cost in _paired("migrant_citizenisation"):
        assert change["transfers"] > 0 and change["unemployment_benefits"] > 0
        assert change["public_services"] > 0 and change["health_insurance"] > 0
        assert change["rent_allowance"] > 0
        assert change["social_contributions"] < 0 and change["pension_contributions"] < 0
        assert cost == pytest.approx(_every_flow(change), rel=1e-9)
        assert cost > 0


def test_rural_logistics_costs_its_investment_and_every_flow_it_changes() -> None:
    """五（二）: the province's logistics investment is bought from the capital-goods sector;
    the net fiscal cost is the outlay and every other flow the programme changes (the
    taxes on the delivery margin it removes, on the sector's sales and its workers'
    wages, benefits and transfers), and it is positive. (Whether the taxes the programme
    brings back exceed those it removes varies between seeds of a small economy: one of
    these two has more unemployment benefits in its final year.)"""
    for change, cost in _paired("rural_logistics"):
        assert change["rural_infrastructure"] > 0
        assert cost == pytest.approx(_every_flow(change), rel=1e-9)
        assert cost > 0


def test_service_facilities_cost_their_investment_less_the_taxes_it_brings_back() -> None:
    """七（二）: the facilities are a public outlay paid to the capital-goods sector; the
    output and wages they bring return part of it in taxes, and the net fiscal cost, all
    the flows the programme changes, is positive and smaller than the outlay."""
    for change, cost in _paired("service_consumption"):
        assert change["service_facilities"] > 0
        assert cost == pytest.approx(_every_flow(change), rel=1e-9)
        assert 0 < cost < change["service_facilities"]


def _flows(consumption: list[float], cost: list[float]) -> pd.DataFrame:
    quarters = ["2016Q1", "2016Q2", "2016Q3", "2016Q4", "2017Q1", "2017Q2", "2017Q3",
                "2017Q4", "2018Q1"]
    return pd.DataFrame({"consumption": consumption, "fiscal_cost": cost},
                        index=pd.Index(quarters, name="quarter"))


def test_consumption_per_fiscal_yuan_is_summed_over_the_programme_from_its_start() -> None:
    """A programme from 2017Q1: real consumption 30 higher and real net cost 10 higher in
    each of its five quarters, 100 and 100 in the quarters before (the transition of
    another lever is not the programme's): 150 / 50 = 3 over the programme, and 120 / 40
    = 3 over its first year; a saving programme has none."""
    base = {0: _flows([1000.0] * 9, [50.0] * 9)}
    own = {0: _flows([1100.0] * 4 + [1030.0] * 5, [150.0] * 4 + [60.0] * 5)}
    whole = aggregate._multiplier(own, base, "2017Q1", None, "consumption_multiplier")
    first = aggregate._multiplier(own, base, "2017Q1", 4, "consumption_multiplier_first_year")
    assert whole["diff"] == pytest.approx(3.0) and first["diff"] == pytest.approx(3.0)
    saving = {0: _flows([1030.0] * 9, [40.0] * 9)}
    assert aggregate._multiplier(saving, base, "2017Q1", None, "consumption_multiplier") is None


def test_the_tax_rule_closes_a_quarter_of_the_gap_each_quarter() -> None:
    """A deficit 40 above its budget on a taxed base of 1,000 raises next quarter's rate
    by 40 / (4 x 1,000) = 1 pp; at half the share, by half of it; debt financing (share
    0) leaves the rate."""
    def rate(old: float, deficit: float, budget: float, taxed: float, share: float,
             quarters: float) -> float:
        return government.income_tax_rate(rate=old, deficit=deficit, budget=budget, taxed=taxed,
                                          share=share, quarters=quarters)

    assert rate(0.03, 140.0, 100.0, 1000.0, 1.0, 4.0) == pytest.approx(0.04)
    assert rate(0.03, 140.0, 100.0, 1000.0, 0.5, 4.0) == pytest.approx(0.035)
    assert rate(0.03, 140.0, 100.0, 1000.0, 1.0, 1.0) == pytest.approx(0.07)  # in a quarter
    assert rate(0.03, 140.0, 100.0, 1000.0, 0.0, 4.0) == 0.03
    assert rate(0.0, 0.0, 100.0, 1000.0, 1.0, 4.0) == 0.0  # (not below 0)


def test_the_spending_rule_cuts_public_services_by_a_quarter_of_the_gap_each_quarter() -> None:
    """A deficit 40 above its budget with public services of 1,000 (at scale 1) cuts next
    quarter's scale by 40 / (4 x 1,000) = 1%; at scale 0.5 the outlay of 500 is the same
    services at half the scale, so the cut is the same 0.01; a deficit below its budget
    raises the scale (the rule acts both ways, as the tax rule does); share 0 leaves it."""
    def scale(old: float, deficit: float, budget: float, outlay: float, share: float,
              quarters: float) -> float:
        return government.public_services_scale(scale=old, deficit=deficit, budget=budget,
                                                outlay=outlay, share=share, quarters=quarters)

    assert scale(1.0, 140.0, 100.0, 1000.0, 1.0, 4.0) == pytest.approx(0.99)
    assert scale(0.5, 140.0, 100.0, 500.0, 1.0, 4.0) == pytest.approx(0.49)
    assert scale(1.0, 60.0, 100.0, 1000.0, 1.0, 4.0) == pytest.approx(1.01)
    assert scale(1.0, 140.0, 100.0, 1000.0, 0.0, 4.0) == 1.0


def test_a_programme_financed_by_cutting_other_spending_cuts_public_services_not_debt(
) -> None:
    """Budget neutral: the same subsidy programme financed by cutting the government's
    other purchases (public education and health) leaves the tax rate, scales public
    services down and adds far less debt than one financed by debt."""
    for seed in SEEDS:
        out = {}
        for rule in ("0.0", "1.0"):
            runs = [build([f"seed={seed}", SIZE, f"government.spending_financing={rule}",
                           *extra]) for extra in ([], ["scenario=demand_side_subsidy"])]
            for model in runs:
                for _ in range(12):
                    model.step()
            base, own = (m.timeseries().iloc[-1] for m in runs)
            out[rule] = (own["public_services_scale"] - base["public_services_scale"],
                         own["gov_debt"] - base["gov_debt"],
                         own["income_tax_rate"] - base["income_tax_rate"])
        assert out["0.0"][0] == 0.0 and out["1.0"][0] < -0.01  # (the net cost: ~3%)
        assert out["1.0"][2] == 0.0
        assert out["0.0"][1] > 0.0 and out["1.0"][1] < 0.5 * out["0.0"][1]


def test_a_programme_financed_by_a_tax_rise_adds_less_debt_than_one_financed_by_debt() -> None:
    """The same subsidy programme: financed by debt, it leaves the income tax rate and adds
    its net cost to the debt; financed by a tax rise that balances the budget, the rate
    rises and the debt grows far less."""
    for seed in SEEDS:
        out = {}
        for rule in ("0.0", "1.0"):
            runs = [build([f"seed={seed}", SIZE, f"government.tax_financing={rule}", *extra])
                    for extra in ([], ["scenario=demand_side_subsidy"])]
            for model in runs:
                for _ in range(12):
                    model.step()
            base, own = (m.timeseries().iloc[-1] for m in runs)
            out[rule] = (own["income_tax_rate"] - base["income_tax_rate"],
                         own["gov_debt"] - base["gov_debt"])
        assert out["0.0"][0] == 0.0 and out["1.0"][0] > 0.0
        assert out["0.0"][1] > 0.0 and out["1.0"][1] < 0.5 * out["0.0"][1]
