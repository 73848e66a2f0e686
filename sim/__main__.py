"""`python -m sim [overrides]`: one simulation, or a sweep with `-m` (Hydra multirun);
`python -m sim --help` lists the commands, groups and where levers and scenarios are.

A single run writes its outputs and exits 2 on a bad config. In a sweep each job
records its status (`status.json`: complete, skipped or failed, with the overrides, the
seconds and the error), a failure never stops the other jobs, a job whose outputs are
already complete for the same request is reused (sim.sweep.reuse; the sweep's launcher
does that before starting a worker), and the sweep is aggregated at the end
(sim.sweep.callbacks.SweepCallback).
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

import hydra
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig

from sim.config.compose import check
from sim.config.errors import ConfigError
from sim.config.paths import CONFIG_DIR

PROGRESS_LAUNCHER = "hydra_plugins.sim_sweep.launcher.ProgressLauncher"


def _label(cfg: DictConfig, overrides: list[str]) -> str:
    """"consumer_credit seed 3" and any other override of the job."""
    from sim.sweep.jobs import NOT_SWEPT, read_overrides

    extra = [f"{k}={v}" for k, v in read_overrides(overrides).items() if k not in NOT_SWEPT]
    return f"{cfg.scenario.name} seed {cfg.seed}" + (f", {', '.join(extra)}" if extra else "")


@hydra.main(config_path=str(CONFIG_DIR), config_name="config", version_base="1.3")
def main(cfg: DictConfig) -> dict[str, Any]:
    from sim.sweep.callbacks import loops_compiled
    from sim.sweep.reuse import already_complete, write_status
    from sim.sweep.run import headline, release, simulate, summary, write_outputs

    logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs every step at INFO
    hydra_cfg = HydraConfig.get()
    out_dir = hydra_cfg.runtime.output_dir
    sweeping = hydra_cfg.mode == RunMode.MULTIRUN
    # The progress launcher prints a line per finished run itself, with the count.
    echo = not sweeping or hydra_cfg.launcher.get("_target_") != PROGRESS_LAUNCHER
    overrides = list(hydra_cfg.overrides.task)
    label = _label(cfg, overrides)
    started = time.perf_counter()

    def failed(error: str) -> dict[str, Any]:
        write_status(out_dir, "failed", overrides, error=error)
        if echo:
            print(f"FAILED  {label}: {error}", flush=True)
        return {"status": "failed", "seconds": None, "error": error}

    try:
        check(cfg)
    except ConfigError as e:
        if not sweeping:
            print(f"error: {e}", file=sys.stderr)
            sys.exit(2)
        return failed(str(e))
    if sweeping and already_complete(out_dir, overrides):
        write_status(out_dir, "skipped", overrides)
        if echo:
            print(f"reused  {label} (outputs complete for the same request)", flush=True)
        return {"status": "skipped", "seconds": None, "error": None}

    if not sweeping:
        title = cfg.scenario.get("title", {}).get("en", "")
        print(f"{label} ({title}): {cfg.population.households:,} households, "
              f"{cfg.steps} quarters from {cfg.start}")
        if not loops_compiled():
            print("compiling the model's loops (once after a change to sim/economy; "
                  "about 15 s)", flush=True)
    try:
        model = simulate(cfg, progress=print if cfg.progress and not sweeping else None)

        def complete() -> None:  # recorded before summary.json, the outputs' last file
            write_status(out_dir, "complete", overrides,
                         seconds=time.perf_counter() - started)

        write_outputs(model, out_dir, cfg, households=cfg.write_households,
                      before_summary=complete)
    except Exception as e:  # a failed job must not take the sweep down
        if not sweeping:
            raise
        return failed(f"{type(e).__name__}: {e}")
    seconds = time.perf_counter() - started
    if not sweeping:
        print(headline(summary(model)))
        print(f"outputs: {out_dir}")
    elif echo:
        print(f"done    {label} in {seconds:.1f} s", flush=True)
    release(model)
    return {"status": "complete", "seconds": seconds, "error": None}


def _unwritable(directory: str) -> str | None:
    """An error message if the results directory cannot be created and written."""
    from pathlib import Path

    path = Path(directory).absolute()
    created = [p for p in (path, *path.parents) if not p.exists()]
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write_test"
        probe.write_text("")
        probe.unlink()
    except OSError as e:
        return f"the results directory {directory!r} is not writable: {e.strerror or e}"
    finally:  # leave nothing behind: the run creates its folder when it starts
        for folder in created:
            if folder.exists():
                folder.rmdir()
    return None


def preflight(argv: list[str]) -> str | None:
    """Check the command line before Hydra composes anything: every override's key and
    value (sim.config.validation.check_overrides, with the nearest valid names) and the
    results directory. Returns an error message or None."""
    from sim.config.errors import ConfigError
    from sim.config.scenarios import names
    from sim.config.validation import check_overrides

    for arg in argv:
        if arg.startswith(("hydra.run.dir=", "hydra.sweep.dir=")):
            problem = _unwritable(arg.split("=", 1)[1])
            if problem:
                return problem
    overrides = [a for a in argv if not a.startswith("-") and "=" in a]
    try:
        check_overrides(overrides, names())
    except ConfigError as e:
        return str(e)
    return None


if __name__ == "__main__":
    problem = preflight(sys.argv[1:])
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        sys.exit(2)
    main()
