"""Compiled loops over households: the `jit` decorator and the few passes numpy is slow
at.

numpy makes a temporary array for every step of an expression, so at hundreds of
thousands of households a rule written as several numpy lines is bound by memory
traffic. A process therefore writes its per-household rule as a loop compiled with
`jit` (numba, without fast-math) that visits each household once. Results are
reproducible (the same config and seed give the same bits on a machine), but the
loops do not promise numpy's order of floating-point operations: equivalence with
other versions of the model is statistical (tests/test_equivalence.py).

Compiled code is cached on disk. numba keys a cached function by its own file only, so
a loop that calls a loop of another file would keep stale machine code after that file
changed; the cache directory is therefore named after a hash of the whole economy
package's source, and a change anywhere in it compiles everything afresh (once).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from functools import cache
from pathlib import Path

import numba
import numpy as np

PACKAGE = Path(__file__).resolve().parent
_njit = numba.njit(cache=True, nogil=True, error_model="numpy")


@cache
def cache_dir() -> Path:
    """Where compiled loops are kept: `__pycache__/numba-<source hash>` in the package
    (a working copy), else the user's cache directory (a read-only install). Folders
    of older sources are removed."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    name = f"numba-{digest.hexdigest()[:16]}"
    user = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    for base in (PACKAGE / "__pycache__", user / "gd-newconsumption-sim"):
        try:
            base.mkdir(parents=True, exist_ok=True)
            probe = base / f".probe-{os.getpid()}"
            probe.touch()
            probe.unlink()
        except OSError:
            continue
        for old in base.glob("numba-*"):
            if old.name != name:
                shutil.rmtree(old, ignore_errors=True)
        return base / name
    return Path(numba.config.CACHE_DIR or "")


def jit(func):
    """Compile `func` with numba (cached under `cache_dir()`, see the module docstring)."""
    previous = numba.config.CACHE_DIR
    numba.config.CACHE_DIR = str(cache_dir())  # read when the function is decorated
    try:
        return _njit(func)
    finally:
        numba.config.CACHE_DIR = previous


@jit
def _bincount(index: np.ndarray, weights: np.ndarray, mask: np.ndarray, use_mask: bool,
              minlength: int) -> np.ndarray:
    out = np.zeros(minlength)
    for i in range(len(index)):
        if use_mask and not mask[i]:
            continue
        if index[i] < 0 or index[i] >= minlength:
            raise IndexError("bincount: a selected index is out of range")
        out[index[i]] += weights[i]
    return out


def bincount(index: np.ndarray, weights: np.ndarray, minlength: int,
             mask: np.ndarray | None = None) -> np.ndarray:
    """`np.bincount(index, weights=weights, minlength=minlength)` of the rows in `mask`
    (all if None), without copying the selection or converting types; every selected
    index must be below `minlength`."""
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
