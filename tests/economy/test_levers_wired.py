"""Every lever of docs/model.md section 6 is read by the model: changing it changes the
economy (its direction and size are tested lever by lever in the policy tests)."""

from __future__ import annotations

import pandas as pd
import pytest
from claims import seed
from helpers import run

from sim.config.levers import LEVERS

BUDGET = "policy.subsidy.budget=2e10"
CHANGES = {
    "credit.access.urban": ["policy.credit.access.urban=0.9"],
    "credit.access.rural": ["policy.credit.access.rural=0.9"],
    "credit.access.migrant": ["policy.credit.access.migrant=0.9"],
    "credit.limit_income_multiple": ["policy.credit.limit_income_multiple=2.0"],
    "credit.interest_rate": ["policy.credit.interest_rate=0.25"],
    "rural_logistics.cost_markup": ["policy.rural_logistics.cost_markup=0.0"],
    "rural_logistics.investment": ["policy.rural_logistics.investment=2e10"],
    "rural_logistics.ecommerce_coverage": ["policy.rural_logistics.ecommerce_coverage=1.0"],
    "quality.min_standard": ["policy.quality.min_standard=0.3"],
    "quality.enforcement": ["policy.quality.enforcement=0.9"],
    "protection.strength": ["policy.protection.strength=0.9"],
    "subsidy.budget": [BUDGET],
    "subsidy.demand_side_share": [BUDGET, "policy.subsidy.demand_side_share=0.0"],
    "subsidy.categories": [BUDGET, "policy.subsidy.categories=[healthcare]"],
    "subsidy.design": [BUDGET, "policy.subsidy.design=cash"],
    "subsidy.coupon_face_value": [BUDGET, "policy.subsidy.coupon_face_value=100"],
    "subsidy.coupon_threshold": [BUDGET, "policy.subsidy.coupon_threshold=1000"],
    "subsidy.coupon_validity_weeks": [BUDGET, "policy.subsidy.coupon_validity_weeks=4"],
    "subsidy.coupon_takeup": [BUDGET, "policy.subsidy.coupon_takeup=0.9"],
    "migrant.public_service_coverage": ["policy.migrant.public_service_coverage=0.9"],
    "migrant.hukou_conversion_rate": ["policy.migrant.hukou_conversion_rate=0.3"],
    "migrant.rental_housing": ["policy.migrant.rental_housing=0.5"],
    "outbound.price_gap": ["policy.outbound.price_gap=0.0"],
    "information.rural_broadband": ["policy.information.rural_broadband=1.0"],
    "market_access.entry_cost": ["policy.market_access.entry_cost=0.0"],
    "services.capacity": ["policy.services.capacity=1.5"],
    "services.investment": ["policy.services.investment=1.0e+10"],
    "public.works": ["policy.public.works=1.0e+10"],
}
REFERENCE = {key: [BUDGET] for key in CHANGES
             if key.startswith("subsidy.") and key != "subsidy.budget"}


def test_every_declared_lever_is_covered_here() -> None:
    assert sorted(LEVERS) == sorted(CHANGES)


@pytest.mark.parametrize("lever", sorted(CHANGES))
def test_lever_moves_the_economy(lever: str) -> None:
    base = run([f"seed={seed(11)}", *REFERENCE.get(lever, [])], steps=6).timeseries()
    changed = run([f"seed={seed(11)}", *CHANGES[lever]], steps=6).timeseries()
    columns = [c for c in base.columns
               if c not in ("step", "quarter", "scenario", "ledger_residual")]
    with pytest.raises(AssertionError):
        pd.testing.assert_frame_equal(base[columns], changed[columns])
