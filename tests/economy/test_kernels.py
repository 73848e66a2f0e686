"""The compiled loops' helpers (sim.economy.kernels)."""

from __future__ import annotations

import numpy as np

from sim.economy import kernels


def test_bincount_matches_numpy_with_and_without_a_selection() -> None:
    rng = np.random.default_rng(7)
    index = rng.integers(0, 300, 50_000)
    weights = rng.normal(size=50_000)
    mask = rng.random(50_000) < 0.5
    np.testing.assert_allclose(kernels.bincount(index, weights, 300),
                               np.bincount(index, weights=weights, minlength=300))
    np.testing.assert_allclose(kernels.bincount(index, weights, 300, mask),
                               np.bincount(index[mask], weights=weights[mask], minlength=300))


def test_first_bad_finds_the_first_nan_infinity_or_negative_row() -> None:
    values = np.zeros((5, 8))
    assert kernels.first_bad(values, True, 1e-3) is None
    values[3, 2] = -1.0
    assert kernels.first_bad(values, True, 1e-3) == 3
    assert kernels.first_bad(values, False, 1e-3) is None
    values[1, 7] = np.nan
    assert kernels.first_bad(values, False, 1e-3) == 1
    assert kernels.first_bad(np.array([0.0, np.inf]), False, 1e-3) == 1


def test_compiled_loops_are_cached_under_a_hash_of_the_whole_economy_package() -> None:
    """numba keys a cached function by its own file; a loop calling a loop of another
    file must not keep stale machine code, so the folder changes with any source."""
    folder = kernels.cache_dir()
    assert folder.name.startswith("numba-") and len(folder.name) == len("numba-") + 16
    assert folder.parent.is_dir()
