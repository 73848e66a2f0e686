"""`make bench`: speed of the model (not part of the test suite).

Prints, for each size, the seconds to build the economy, seconds per simulated
quarter and household-quarters per second, measured in this process after one
warm-up quarter; then the wall time of a small sweep (2 scenarios x 3 seeds, 20,000
households, 40 quarters) with 1 and with 2 parallel jobs (joblib launcher).
Usage: `python -m sim.bench [households ...]`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time

from .config import PROJECT_ROOT, load_config
from .model import EconomyModel
from .run import release

QUARTERS = 8


def measure(households: int) -> dict[str, float]:
    """Build and run an economy of `households` agents; return timings in seconds."""
    cfg = load_config([f"population.households={households}", "progress=false"])
    started = time.perf_counter()
    model = EconomyModel(cfg)
    built = time.perf_counter() - started
    model.step()  # warm-up
    started = time.perf_counter()
    for _ in range(QUARTERS):
        model.step()
    per_quarter = (time.perf_counter() - started) / QUARTERS
    release(model)
    return {"households": households, "build_s": built, "quarter_s": per_quarter,
            "household_quarters_per_s": households / per_quarter}


def sweep_seconds(jobs: int) -> float:
    """Wall time of a 2 x 3 sweep at the default scale with `jobs` parallel jobs."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "sim", "-m", "scenario=baseline,rural_logistics",
             "seed=0,1,2", f"hydra.launcher.n_jobs={jobs}", f"hydra.sweep.dir={out}"],
            cwd=PROJECT_ROOT, check=True, capture_output=True)
        return time.perf_counter() - started


def main(sizes: list[int]) -> None:
    print(f"{'households':>12} {'build s':>9} {'s/quarter':>10} {'household-quarters/s':>22}")
    for n in sizes:
        r = measure(n)
        print(f"{n:>12,} {r['build_s']:>9.2f} {r['quarter_s']:>10.3f} "
              f"{r['household_quarters_per_s']:>22,.0f}")
    one, two = sweep_seconds(1), sweep_seconds(2)
    print(f"sweep of 6 runs (20,000 households, 40 quarters): {one:.1f} s with 1 job, "
          f"{two:.1f} s with 2 jobs (speed-up {one / two:.2f}x)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [20_000, 200_000])
