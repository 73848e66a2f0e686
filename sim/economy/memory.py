"""Keep freed array memory in the process for the next quarter's arrays.

By default glibc serves every block above its mmap threshold (at most 32 MB) with
fresh pages from the kernel and gives them back on free. At millions of households a
quarter's temporary (n x 8) tables are 100+ MB each, so every one of them was paid for
again in page faults and zeroed pages: at 2,000,000 households this cost about a
fifth of the quarter (731 against 582 ns per household, `make bench`). Serving large
blocks from the heap, and not trimming it, reuses the same pages every quarter; the
peak memory is unchanged, since the same arrays are alive at the peak either way.
"""

from __future__ import annotations

from sim.compat import mallopt

_M_TRIM_THRESHOLD = -1  # glibc malloc.h
_M_MMAP_MAX = -4
_done = False


def reuse_freed_memory() -> bool:
    """Ask glibc's malloc to keep freed large blocks for reuse (once per process).
    Returns whether the setting applies (False off Linux/glibc, where nothing changes)."""
    global _done
    if not _done:
        _done = mallopt(_M_MMAP_MAX, 0) and mallopt(_M_TRIM_THRESHOLD, 2**30)
    return _done
