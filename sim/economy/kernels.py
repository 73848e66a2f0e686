"""Compiled loops over households: the `jit` decorator and the sums numpy is slow at.

numpy sums a row of 8 categories with a per-row call (about 30 ns a row) and makes a
temporary array for every step of an expression; at hundreds of thousands of
households the quarter is then bound by memory traffic. A process module therefore
writes its per-household rule as a loop compiled with `jit` (numba) that visits each
household once. The loops change no result, to the last bit, because:

- numba without fast-math rounds every +, -, *, / as numpy does, and the loops keep
  the order of operations of the numpy expressions they replaced;
- sums keep numpy's order: `x.sum(axis=1)` adds a row pairwise (`pairwise_row`),
  `x.sum()` halves the table down to blocks of 128 values (`pairwise_leaves`,
  `pairwise_total`), `x.sum(axis=0)` and `np.bincount` add rows in row order;
- exp, log and powers stay in numpy (its vectorised versions differ from the C
  library's in the last bit).

An ulp anywhere flips a firm's discrete decision sooner or later, so nothing short of
bit-identical results is a safe standard (tests/test_kernels.py checks these sums
against numpy; tests/test_golden.py checks the whole model).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import numba
import numpy as np
from numba.core import caching

PACKAGE = Path(__file__).resolve().parent


@cache
def _package_stamp() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class _PackageSource:
    """Numba keys a cached function by its own file alone, so a kernel would keep the
    stale machine code of a kernel it calls from another file after that file changed.
    Kernels of this package are keyed by the package's whole source instead."""

    def get_source_stamp(self) -> str:
        return _package_stamp()

    @classmethod
    def from_function(cls, py_func, py_file):
        if PACKAGE not in Path(py_file).resolve().parents:
            return None
        return super().from_function(py_func, py_file)


class _PackageCacheLocator(_PackageSource, caching.InTreeCacheLocator):
    """In the package's __pycache__ (a working copy)."""


class _PackageUserCacheLocator(_PackageSource, caching.UserWideCacheLocator):
    """In numba's user-wide cache (an install the user cannot write to)."""


_impl = getattr(caching, "CacheImpl", None) or caching._CacheImpl
for _locator in (_PackageUserCacheLocator, _PackageCacheLocator):
    if _locator not in _impl._locator_classes:
        _impl._locator_classes.insert(0, _locator)

jit = numba.njit(cache=True, nogil=True, error_model="numpy")


@jit
def pairwise_row(x: np.ndarray, i: int) -> float:
    """Sum of row `i` of `x` in numpy's pairwise order (rows of up to 128 values)."""
    k = x.shape[1]
    if k < 8:
        total = 0.0
        for j in range(k):
            total += x[i, j]
        return total
    r0, r1, r2, r3 = x[i, 0], x[i, 1], x[i, 2], x[i, 3]
    r4, r5, r6, r7 = x[i, 4], x[i, 5], x[i, 6], x[i, 7]
    j = 8
    while j < k - k % 8:
        r0 += x[i, j]
        r1 += x[i, j + 1]
        r2 += x[i, j + 2]
        r3 += x[i, j + 3]
        r4 += x[i, j + 4]
        r5 += x[i, j + 5]
        r6 += x[i, j + 6]
        r7 += x[i, j + 7]
        j += 8
    total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while j < k:
        total += x[i, j]
        j += 1
    return 0.0 + total


@jit
def pairwise_leaves(n_rows: int) -> np.ndarray:
    """Row blocks that numpy's pairwise summation adds as leaves when it sums a whole
    (n_rows x 8) table (`x.sum()`): it halves the table (at a multiple of 8 values, so
    at a row) until a block holds at most 128 values, adds each block column by column
    and then the 8 columns as a tree. Returns each leaf's first row, then n_rows."""
    starts = np.empty(n_rows // 8 + 2, dtype=np.intp)
    stack = np.empty((64, 2), dtype=np.intp)
    stack[0, 0], stack[0, 1], top, count = 0, n_rows, 1, 0
    while top > 0:
        top -= 1
        lo, rows = stack[top, 0], stack[top, 1]
        if rows <= 16:
            starts[count] = lo
            count += 1
        else:  # the right half waits under the left one
            half = rows // 2
            stack[top, 0], stack[top, 1] = lo + half, rows - half
            stack[top + 1, 0], stack[top + 1, 1] = lo, half
            top += 2
    starts[count] = n_rows
    return starts[: count + 1]


@jit
def tree8(r: np.ndarray) -> float:
    """Eight column sums added as numpy's pairwise summation adds them."""
    return ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))


@jit
def pairwise_total(leaf_sums: np.ndarray, n_rows: int) -> float:
    """`x.sum()` of an (n_rows x 8) table, bit for bit, from its leaf sums (`tree8` of
    each `pairwise_leaves` block's column sums, rows added in order): the halves are
    added back up as numpy's recursion adds them (here with an explicit stack)."""
    if n_rows == 0:
        return 0.0
    rows = np.empty(64, dtype=np.intp)  # a halving's depth is below log2(rows)
    stage = np.zeros(64, dtype=np.intp)  # 0 new, 1 left half pending, 2 right pending
    left = np.empty(64)
    rows[0], top, at = n_rows, 0, 0
    while True:
        if stage[top] == 0 and rows[top] <= 16:
            value = leaf_sums[at]
            at += 1
            while True:  # hand the value up to the halving it belongs to
                if top == 0:
                    return 0.0 + value
                top -= 1
                if stage[top] == 1:
                    left[top], stage[top] = value, 2
                    top += 1
                    rows[top], stage[top] = rows[top - 1] - rows[top - 1] // 2, 0
                    break
                value = left[top] + value
        else:
            stage[top] = 1
            top += 1
            rows[top], stage[top] = rows[top - 1] // 2, 0


@jit
def _row_sums(x: np.ndarray) -> np.ndarray:
    out = np.empty(x.shape[0])
    for i in range(x.shape[0]):
        out[i] = pairwise_row(x, i)
    return out


def row_sums(x: np.ndarray) -> np.ndarray:
    """`x.sum(axis=1)` of a 2-D float table, bit for bit."""
    if x.ndim != 2 or x.shape[1] > 128 or x.dtype != np.float64:
        return x.sum(axis=1)
    return _row_sums(np.ascontiguousarray(x))


@jit
def _take_rows(table: np.ndarray, index: np.ndarray) -> np.ndarray:
    out = np.empty((len(index), table.shape[1]))
    for i in range(len(index)):
        for j in range(table.shape[1]):
            out[i, j] = table[index[i], j]
    return out


def take_rows(table: np.ndarray, index: np.ndarray) -> np.ndarray:
    """`table[index]` for a small 2-D table, in one compiled pass."""
    return _take_rows(np.ascontiguousarray(table, dtype=float), index)


@jit
def _bincount(index: np.ndarray, weights: np.ndarray, mask: np.ndarray, use_mask: bool,
              minlength: int) -> np.ndarray:
    length = minlength
    for i in range(len(index)):
        if use_mask and not mask[i]:
            continue
        if index[i] < 0:
            raise ValueError("bincount: a selected index is negative")
        length = max(length, index[i] + 1)
    out = np.zeros(length)
    for i in range(len(index)):
        if not use_mask or mask[i]:
            out[index[i]] += weights[i]
    return out


def bincount(index: np.ndarray, weights: np.ndarray, minlength: int,
             mask: np.ndarray | None = None) -> np.ndarray:
    """`np.bincount(index, weights=weights, minlength=minlength)` (of the rows in
    `mask`, if given), bit for bit, without copying the selection or converting types."""
    use = np.ones(1, dtype=np.bool_) if mask is None else mask
    return _bincount(index, weights, use, mask is not None, minlength)


@jit
def _first_bad(values: np.ndarray, non_negative: bool, tolerance: float) -> int:
    for i in range(values.shape[0]):
        v = values[i]
        if not np.isfinite(v) or (non_negative and v < -tolerance):
            return i
    return -1


def first_bad(values: np.ndarray, non_negative: bool, tolerance: float) -> int | None:
    """Row of the first NaN or infinite value (or, with `non_negative`, value below
    `-tolerance`) of a 1-D or 2-D table, or None."""
    flat = np.ascontiguousarray(values).reshape(-1)
    if flat.dtype.kind != "f":
        flat = flat.astype(float)
    at = _first_bad(flat, non_negative, tolerance)
    return None if at < 0 else at // max(1, flat.size // max(1, len(values)))
