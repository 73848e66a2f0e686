"""Random streams, one per economic process and quarter (common random numbers).

Each process draws from its own generator, derived from the run's seed, the process's
name and the quarter (a counter-based scheme: Salmon et al. 2011 "Parallel random
numbers: as easy as 1, 2, 3"). Two scenarios run with the same seed therefore see the
same labour shocks, health shocks, quality incidents and so on, and a lever that
changes how many draws one process makes in one quarter cannot shift the draws of
another process, or of the same process in a later quarter. Differences between
scenarios are paired (Law and Kelton, *Simulation Modeling and Analysis*, ch. 11).
Per-household draws are arrays over all households; per-firm draws are arrays over
firm rows, so a firm keeps its draws when others enter after it.
"""

from __future__ import annotations

import zlib

import numpy as np

PROCESSES: tuple[str, ...] = (
    "population",  # initial households
    "endowment",  # initial deposits and debt
    "labour",  # separations and the order of job search
    "health",  # health and other emergency expenses
    "quality",  # disappointments and inspections
    "firms",  # initial firms, upgrade decisions
    "entry",  # entrants and their attributes
    "migration",  # hukou conversion
)


def stream(seed: int, process: str, quarter: int) -> np.random.Generator:
    """The generator of `process` in `quarter` (-1 for the initial state)."""
    if process not in PROCESSES:
        raise KeyError(f"unknown random process '{process}'; known: {', '.join(PROCESSES)}")
    key = (zlib.crc32(process.encode()), quarter + 1)
    return np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=key))
