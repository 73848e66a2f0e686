"""What a sweep does before and after its runs (a Hydra callback, configs/config.yaml):
check every distinct job's config before the first run starts (exit 2 on a bad value);
compile the model's loops once, in the sweep's own process, when the code has changed
(so that the workers do not each compile them); aggregate the sweep when it ends (exit 1
if a run failed)."""

from __future__ import annotations

import sys
import time
from typing import Any

from hydra.experimental.callback import Callback
from omegaconf import DictConfig, OmegaConf

from sim.sweep.jobs import read_overrides, sweep_jobs


def check_sweep(task_overrides: list[str]) -> list[str]:
    """Errors of every distinct job config of a sweep (seeds aside), and jobs that ask
    for the same run under two names (0.1 and 0.10), before any runs."""
    from sim.config.compose import check, load_config
    from sim.config.errors import ConfigError

    seen: set[tuple[str, ...]] = set()
    errors: dict[str, int] = {}
    runs: dict[frozenset, list[str]] = {}
    for job in sweep_jobs(task_overrides):
        same = runs.setdefault(frozenset(read_overrides(job).items()), job)
        if same is not job:
            errors[f"two jobs ask for the same run: {' '.join(same)} and {' '.join(job)}; "
                   "give each value once"] = 1
        key = tuple(o for o in job if not o.startswith("seed="))
        if key in seen:
            continue
        seen.add(key)
        try:
            check(load_config(list(key)))
        except ConfigError as e:
            errors[str(e)] = errors.get(str(e), 0) + 1
    return [f"{e} ({n} jobs)" if n > 1 else e for e, n in errors.items()]


def loops_compiled() -> bool:
    """Whether the model's compiled loops are cached for the current code."""
    from sim.economy.kernels import cache_dir

    return any(cache_dir().rglob("*.nbi"))


def compile_loops(echo: bool = True) -> bool:
    """Compile the model's loops if the code changed since they were last compiled (one
    quarter of a tiny economy); returns whether it did."""
    if loops_compiled():
        return False
    if echo:
        print("compiling the model's loops (once after a change to sim/economy; about 15 s)",
              flush=True)
    from sim.config import load_config
    from sim.sweep.run import release, simulate

    release(simulate(load_config(["population.households=200", "steps=1", "progress=false"])))
    return True


class SweepCallback(Callback):
    """Checks before a multirun, the compiled loops, and the aggregation after it
    (`hydra.callbacks.sweep.aggregate=false` leaves the tables out: a dose-response
    reads the runs itself)."""

    def __init__(self, aggregate: bool = True) -> None:
        self.aggregate = aggregate

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        self._started = time.perf_counter()
        task = list(OmegaConf.to_container(config.hydra.overrides.task))
        try:
            errors = check_sweep(task)
        except Exception:  # an override this check cannot expand: jobs check themselves
            errors = []
        if errors:
            print("error: the sweep was not started:", file=sys.stderr)
            for e in errors:
                print(f"  {e}", file=sys.stderr)
            sys.exit(2)
        compile_loops()

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        if not self.aggregate:
            return
        from sim.sweep.aggregate import aggregate
        from sim.sweep.jobs import CollisionError

        task = list(OmegaConf.to_container(config.hydra.overrides.task))
        try:
            tables = aggregate(config.hydra.sweep.dir, command=task)
        except CollisionError as e:
            print(f"error: the sweep was not aggregated: {e}", file=sys.stderr)
            sys.exit(2)
        elapsed = time.perf_counter() - getattr(self, "_started", time.perf_counter())
        print(f"sweep wall time {elapsed:.1f} s")
        if (tables["status"]["status"] == "failed").any():
            sys.exit(1)
