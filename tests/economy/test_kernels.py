"""The compiled household loops add up exactly as numpy does, so they change no result."""

from __future__ import annotations

import numba
import numpy as np
import pytest

from sim.economy import kernels


def _table(rows: int, cols: int, seed: int = 0) -> np.ndarray:
    # Magnitudes over twelve orders, and zeros, so any change of order shows in the bits.
    rng = np.random.default_rng(seed)
    x = rng.lognormal(0.0, 6.0, (rows, cols)) * rng.choice([-1.0, 1.0], (rows, cols))
    x[rng.random((rows, cols)) < 0.2] = 0.0
    return x


@pytest.mark.parametrize("cols", [1, 3, 7, 8, 9, 15, 16, 17, 24, 40, 128])
def test_row_sums_add_in_numpys_pairwise_order(cols: int) -> None:
    x = _table(5_000, cols)
    assert np.array_equal(kernels.row_sums(x), x.sum(axis=1))


def test_row_sums_of_a_non_contiguous_view_match_too() -> None:
    x = _table(2_000, 16)[:, ::2]
    assert np.array_equal(kernels.row_sums(x), x.sum(axis=1))


def test_take_rows_matches_fancy_indexing() -> None:
    table = _table(2, 8, seed=4)
    index = np.random.default_rng(5).integers(0, 2, 10_000)
    assert np.array_equal(kernels.take_rows(table, index), table[index])


def test_bincount_matches_numpy_with_and_without_a_selection() -> None:
    rng = np.random.default_rng(7)
    index = rng.integers(-1, 300, 50_000)
    weights = _table(50_000, 1, seed=8)[:, 0]
    mask = (index >= 0) & (rng.random(50_000) < 0.7)
    expected = np.bincount(index[mask], weights=weights[mask], minlength=400)
    assert np.array_equal(kernels.bincount(index, weights, 400, mask), expected)
    short = np.bincount(index[mask], weights=weights[mask], minlength=10)
    assert np.array_equal(kernels.bincount(index, weights, 10, mask), short)
    kinds = rng.integers(0, 3, 50_000).astype(np.int8)
    persons = rng.integers(1, 7, 50_000)
    assert np.array_equal(kernels.bincount(kinds, persons, 3),
                          np.bincount(kinds, weights=persons, minlength=3))
    with pytest.raises(ValueError, match="negative"):
        kernels.bincount(index, weights, 10, index < 5)


def test_first_bad_finds_the_first_row_with_a_bad_value() -> None:
    x = np.abs(_table(1_000, 8, seed=11))
    assert kernels.first_bad(x, True, 1e-3) is None
    x[700, 3], x[400, 5] = -1.0, np.nan
    assert kernels.first_bad(x, False, 1e-3) == 400
    x[400, 5] = 0.0
    assert kernels.first_bad(x, True, 1e-3) == 700
    assert kernels.first_bad(x, False, 1e-3) is None
    assert kernels.first_bad(np.array([1.0, np.inf]), False, 0.0) == 1


@numba.njit  # not cached: it would outlive changes to the kernels it calls
def _total_by_leaves(x):
    starts = kernels.pairwise_leaves(x.shape[0])
    leaf_sums = np.empty(len(starts) - 1)
    for leaf in range(len(starts) - 1):
        columns = np.zeros(8)
        for i in range(starts[leaf], starts[leaf + 1]):
            for c in range(8):
                columns[c] += x[i, c]
        leaf_sums[leaf] = kernels.tree8(columns)
    return kernels.pairwise_total(leaf_sums, x.shape[0])


@pytest.mark.parametrize("rows", [0, 1, 5, 16, 17, 33, 1_000, 200_001])
def test_a_table_total_from_its_leaves_is_numpys_sum(rows: int) -> None:
    x = _table(rows, 8, seed=12)
    assert _total_by_leaves(x) == x.sum()


def test_kernels_are_cached_under_the_whole_package_source() -> None:
    # A kernel calling a kernel of another file must not keep stale machine code.
    from sim.economy.processes import quality

    locator = quality._trust_and_remedies._cache._impl._locator
    assert isinstance(locator, kernels._PackageCacheLocator)
    assert locator.get_source_stamp() == kernels._package_stamp()
