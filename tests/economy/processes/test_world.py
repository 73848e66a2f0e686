"""The rest of the world (sim.economy.processes.world): its price level and export
demand."""

from __future__ import annotations

import numpy as np
import pytest

from sim.economy.processes import world


def test_exports_grow_with_the_world_and_fall_with_guangdongs_price_level() -> None:
    base = np.array([100.0, 50.0])
    np.testing.assert_allclose(world.export_demand(growth_index=1.1, wage_level=1.0,
                                                   world_price=1.0, elasticity=2.0,
                                                   demand_2016=base), [110.0, 55.0])
    # Prices 10% above the world's at elasticity 2: volumes fall to 1/1.21, values to 1/1.1.
    np.testing.assert_allclose(world.export_demand(growth_index=1.0, wage_level=1.1,
                                                   world_price=1.0, elasticity=2.0,
                                                   demand_2016=base), base / 1.1)
    # At elasticity 1 the value of exports does not depend on the price level.
    np.testing.assert_allclose(world.export_demand(growth_index=1.0, wage_level=1.3,
                                                   world_price=1.0, elasticity=1.0,
                                                   demand_2016=base), base)


def test_world_inflation_raises_the_value_of_exports_as_guangdongs_prices_do_not_move() -> None:
    """World prices 4% higher at home prices unchanged: Guangdong is 1/1.04 as dear
    relative to the world, so at elasticity 2 volumes rise by 1.04^2 and their value in
    yuan by as much (each unit still sells at home prices)."""
    base = np.array([100.0])
    np.testing.assert_allclose(world.export_demand(growth_index=1.0, wage_level=1.0,
                                                   world_price=1.04, elasticity=2.0,
                                                   demand_2016=base), 100.0 * 1.04**2)
    # Prices rising at home and abroad alike leave volumes unchanged, values up with them.
    np.testing.assert_allclose(world.export_demand(growth_index=1.0, wage_level=1.04,
                                                   world_price=1.04, elasticity=2.0,
                                                   demand_2016=base), 104.0)


def test_the_world_price_level_rises_at_world_inflation() -> None:
    """2% a year: 1 in 2016Q1, 1.02 four quarters later, 1.02^2.5 after ten."""
    assert world.price_level(annual_inflation=0.02, t=0) == 1.0
    assert world.price_level(annual_inflation=0.02, t=4) == pytest.approx(1.02)
    assert world.price_level(annual_inflation=0.02, t=10) == pytest.approx(1.02**2.5)


def test_in_the_burn_in_export_demand_closes_part_of_the_employment_gap() -> None:
    """Employment 93% against 95%, 1,000 efficiency units of labour supply, 50 of them
    making exports: the gap is 20 units, a quarter of it 5, a tenth of the export
    labour, so export demand rises 10%; above the target it falls the same way."""
    base = np.array([100.0, 50.0])
    np.testing.assert_allclose(world.closure(demand_2016=base, employment_rate=0.93,
                                             target_rate=0.95, labour_supply=1000.0,
                                             export_labour=50.0, speed=0.25), base * 1.1)
    np.testing.assert_allclose(world.closure(demand_2016=base, employment_rate=0.97,
                                             target_rate=0.95, labour_supply=1000.0,
                                             export_labour=50.0, speed=0.25), base * 0.9)
    np.testing.assert_allclose(world.closure(demand_2016=base, employment_rate=0.93,
                                             target_rate=0.95, labour_supply=1000.0,
                                             export_labour=0.0, speed=0.25), base)
