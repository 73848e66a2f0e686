"""How sweeps run (configs/config.yaml selects both: `hydra/launcher=progress`,
`hydra/sweeper=once`).

`ProgressLauncher` is Hydra's joblib launcher with three differences: runs whose outputs
are already whole for the same request are reused without starting a worker (their
fingerprint is read from files, sim.sweep.reuse); the sweep prints one line per run it
finishes and a progress bar with the count and the time left (tqdm, on a terminal); and
Hydra's listing of every job before work starts is gone. `SweepOnce` is Hydra's basic
sweeper validating one job per distinct config (seeds aside) instead of every job.
Submitit and Ray launchers stay available (`hydra/launcher=submitit_local`, `=slurm`,
`=ray`).
"""

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hydra.core.config_store import ConfigStore
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.core.singleton import Singleton
from hydra.core.utils import JobReturn, JobStatus, configure_log, setup_globals
from hydra_plugins.hydra_joblib_launcher.config import JobLibLauncherConf
from hydra_plugins.hydra_joblib_launcher.joblib_launcher import JoblibLauncher
from joblib import Parallel, cpu_count, delayed
from omegaconf import OmegaConf

from sim.compat import (
    BasicSweeper,
    BasicSweeperConf,
    execute_job,
    get_overrides_dirname,
    process_joblib_cfg,
)
from sim.sweep.jobs import NOT_SWEPT, read_overrides
from sim.sweep.reuse import already_complete, write_status


def labels(job_overrides: Sequence[Sequence[str]]) -> list[str]:
    """What to call each job: its scenario and seed, and the values of the keys that
    differ between the jobs ("consumer_credit seed 3, policy.credit.interest_rate=0.06")."""
    settings = [read_overrides(list(o)) for o in job_overrides]
    keys = sorted({k for s in settings for k in s if k not in NOT_SWEPT})
    swept = [k for k in keys if len({s.get(k) for s in settings}) > 1]
    out = []
    for s in settings:
        extra = ", ".join(f"{k}={s.get(k)}" for k in swept)
        out.append(f"{s['scenario']} seed {s['seed']}" + (f", {extra}" if extra else ""))
    return out


def _runs(n: int) -> str:
    return f"{n} run" if n == 1 else f"{n} runs"


def _returned(overrides: Sequence[str], value: dict[str, Any]) -> JobReturn:
    ret = JobReturn(overrides=list(overrides))
    ret.status = JobStatus.COMPLETED
    ret.return_value = value
    return ret


def _line(label: str, ret: JobReturn) -> str:
    value = ret._return_value if ret.status == JobStatus.COMPLETED else {
        "status": "failed", "error": repr(ret._return_value)}
    if not isinstance(value, dict):
        return f"done    {label}"
    if value.get("status") == "failed":
        return f"FAILED  {label}: {value.get('error')}"
    return f"done    {label} in {value.get('seconds') or 0:.1f} s"


class ProgressLauncher(JoblibLauncher):
    """Joblib's launcher that reuses whole runs without a worker and shows progress."""

    def _job_dir(self, overrides: Sequence[str]) -> Path | None:
        """Where the job writes (None if the sweep's folders are not named by override)."""
        hydra = self.config.hydra
        if OmegaConf.to_container(hydra.sweep, resolve=False).get("subdir") != \
                "${hydra.job.override_dirname}":
            return None
        parsed = OverridesParser.create().parse_overrides(list(overrides))
        naming = hydra.job.config.override_dirname
        name = get_overrides_dirname(parsed, list(naming.exclude_keys), naming.item_sep,
                                     naming.kv_sep)
        return Path(str(hydra.sweep.dir)) / name

    def launch(self, job_overrides: Sequence[Sequence[str]],
               initial_job_idx: int) -> Sequence[JobReturn]:
        from tqdm import tqdm

        setup_globals()
        assert self.config is not None and self.hydra_context is not None
        configure_log(self.config.hydra.hydra_logging, self.config.hydra.verbose)
        sweep_dir = Path(str(self.config.hydra.sweep.dir))
        sweep_dir.mkdir(parents=True, exist_ok=True)
        joblib_cfg = dict(self.joblib)
        joblib_cfg["backend"] = "loky"
        process_joblib_cfg(joblib_cfg)

        names = labels(job_overrides)
        results: list[JobReturn | None] = [None] * len(job_overrides)
        todo = []
        for i, overrides in enumerate(job_overrides):
            job_dir = self._job_dir(overrides)
            if job_dir is not None and already_complete(job_dir, overrides):
                write_status(job_dir, "skipped", overrides)
                results[i] = _returned(overrides, {"status": "skipped"})
            else:
                todo.append(i)
        workers = joblib_cfg.get("n_jobs", -1)
        if not workers or workers < 0:
            workers = max(1, cpu_count() + 1 + (workers or -1))  # joblib: -1 is every core
        reused = len(job_overrides) - len(todo)
        print(f"{_runs(len(job_overrides))}: {len(todo)} to run"
              + (f", {reused} reused (outputs complete for the same request)" if reused else "")
              + (f"; {min(workers, len(todo))} in parallel" if todo else "")
              + f"; results in {sweep_dir}",
              flush=True)
        if todo:
            state = Singleton.get_state()
            started = time.perf_counter()
            runs = Parallel(**joblib_cfg, return_as="generator")(
                delayed(execute_job)(initial_job_idx + i, job_overrides[i], self.hydra_context,
                                     self.config, self.task_function, state) for i in todo)
            with tqdm(total=len(todo), unit="run", disable=None, file=sys.stderr,
                      dynamic_ncols=True) as bar:
                for i, ret in zip(todo, runs, strict=True):
                    results[i] = ret
                    tqdm.write(_line(names[i], ret), file=sys.stdout)
                    bar.update()
            print(f"{_runs(len(todo))} in {time.perf_counter() - started:.1f} s", flush=True)
        return results


class SweepOnce(BasicSweeper):
    """Hydra's basic sweeper, validating one job of each distinct config (seeds aside):
    jobs that differ only in their seed compose alike."""

    def validate_batch_is_legal(self, batch: Sequence[Sequence[str]]) -> None:
        seen: set[tuple[str, ...]] = set()
        for overrides in batch:
            key = tuple(o for o in overrides if not o.startswith("seed="))
            if key not in seen:
                seen.add(key)
                self.hydra_context.config_loader.load_sweep_config(self.config, list(overrides))


@dataclass
class ProgressLauncherConf(JobLibLauncherConf):
    _target_: str = "hydra_plugins.sim_sweep.launcher.ProgressLauncher"


@dataclass
class SweepOnceConf(BasicSweeperConf):
    _target_: str = "hydra_plugins.sim_sweep.launcher.SweepOnce"


ConfigStore.instance().store(group="hydra/launcher", name="progress", node=ProgressLauncherConf,
                             provider="sim")
ConfigStore.instance().store(group="hydra/sweeper", name="once", node=SweepOnceConf,
                             provider="sim")
