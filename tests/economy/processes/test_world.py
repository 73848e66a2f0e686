"""Export demand (sim.economy.processes.world)."""

from __future__ import annotations

import numpy as np

from sim.economy.processes import world


def test_exports_grow_with_the_world_and_fall_with_guangdongs_price_level() -> None:
    base = np.array([100.0, 50.0])
    np.testing.assert_allclose(world.export_demand(1.1, 1.0, 2.0, base), [110.0, 55.0])
    # Prices 10% above the world's at elasticity 2: volumes fall to 1/1.21, values to 1/1.1.
    np.testing.assert_allclose(world.export_demand(1.0, 1.1, 2.0, base), base / 1.1)
    # At elasticity 1 the value of exports does not depend on the price level.
    np.testing.assert_allclose(world.export_demand(1.0, 1.3, 1.0, base), base)
