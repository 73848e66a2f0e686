"""`python -m sim [overrides]`: one simulation, or a sweep with `-m` (Hydra multirun).

A single run writes its outputs and exits 2 on a bad config. In a sweep each job
records its status (`status.json`: complete, skipped or failed, with the overrides and
the error), a failure never stops the other jobs, a job whose outputs are already
complete for the same config is skipped, and the sweep is aggregated at the end
(sim.aggregate.AggregateCallback).
"""

from __future__ import annotations

import logging
import sys
import time

import hydra
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig

from sim.config.compose import check
from sim.config.errors import ConfigError
from sim.config.paths import CONFIG_DIR


@hydra.main(config_path=str(CONFIG_DIR), config_name="config", version_base="1.3")
def main(cfg: DictConfig) -> str:
    from sim.sweep.run import (
        already_complete,
        headline,
        release,
        simulate,
        summary,
        write_outputs,
        write_status,
    )

    logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs every step at INFO
    hydra_cfg = HydraConfig.get()
    out_dir = hydra_cfg.runtime.output_dir
    sweeping = hydra_cfg.mode == RunMode.MULTIRUN
    overrides = list(hydra_cfg.overrides.task)
    label = f"{cfg.scenario.name} seed {cfg.seed}"
    started = time.perf_counter()
    try:
        check(cfg)
    except ConfigError as e:
        if not sweeping:
            print(f"error: {e}", file=sys.stderr)
            sys.exit(2)
        write_status(out_dir, "failed", overrides, error=str(e))
        print(f"FAILED  {label}: {e}", flush=True)
        return "failed"
    if sweeping and already_complete(out_dir, cfg):
        write_status(out_dir, "skipped", overrides)
        print(f"skip    {label} (outputs complete)", flush=True)
        return "skipped"

    if not sweeping:
        title = cfg.scenario.get("title", {}).get("en", "")
        print(f"scenario {cfg.scenario.name} ({title}), seed {cfg.seed}, "
              f"{cfg.population.households:,} households, {cfg.steps} quarters from {cfg.start}")
    try:
        model = simulate(cfg, progress=print if cfg.progress and not sweeping else None)
        write_outputs(model, out_dir, cfg, households=cfg.write_households)
    except Exception as e:  # a failed job must not take the sweep down
        if not sweeping:
            raise
        write_status(out_dir, "failed", overrides, error=f"{type(e).__name__}: {e}")
        print(f"FAILED  {label}: {type(e).__name__}: {e}", flush=True)
        return "failed"
    seconds = time.perf_counter() - started
    write_status(out_dir, "complete", overrides, seconds=seconds)
    if sweeping:
        print(f"done    {label} in {seconds:.1f} s", flush=True)
    else:
        print(headline(summary(model)))
        print(f"outputs: {out_dir}")
    release(model)
    return "complete"


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
