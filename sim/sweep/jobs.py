"""The jobs of a sweep: what each run was asked to do, which runs the sweep's current
command covers, and which overrides vary between them.

A sweep (Hydra multirun) may vary any override besides the scenario and the seed: a
lever, a parameter. Runs that differ in such a *swept key* are different variants of a
scenario, and every table keeps them apart (one column per swept key) and pairs each run
only with the baseline run of the same variant and seed. Two runs that would be
aggregated as one (the same scenario, seed and swept values) are an error, never a
silent drop. Runs in the sweep's folder that the current command does not cover (a
deleted scenario, an earlier grid) are left out of the tables, with a note.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sim.config.compose import schedules
from sim.config.levers import LEVERS, flatten

BASELINE = "baseline"
NOT_SWEPT = ("scenario", "seed", "sweep", "progress")  # keys that never make a variant
USABLE = ("complete", "skipped")  # statuses whose outputs are whole


class CollisionError(ValueError):
    """Two runs of a sweep would be aggregated as one."""


@dataclass
class Job:
    """One job directory of a sweep.

    Attributes:
        path: the job's folder.
        scenario, seed: what it ran.
        status: complete, skipped (complete, reused from an earlier sweep), failed,
            incomplete (killed), or left out (not in the sweep's current command).
        seconds: how long the run took (the original run's for a reused one).
        overrides: the job's overrides as given.
        settings: the overrides read as values (key -> value), Hydra's keys aside.
        policy: the levers the run ran with (key under `policy` -> value).
        error: why it failed.
        variant: the values of the sweep's swept keys for this run.
        schedule: the levers' start quarter and ramp, by lever key.
    """

    path: Path
    scenario: str
    seed: int
    status: str
    seconds: float | None
    overrides: list[str]
    settings: dict[str, Any]
    policy: dict[str, Any]
    error: str | None = None
    variant: dict[str, Any] = field(default_factory=dict)
    schedule: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def usable(self) -> bool:
        """Whether its outputs are whole and belong in the tables."""
        return self.status in USABLE

    @property
    def variant_name(self) -> str:
        """The swept values as text ("policy.credit.interest_rate=0.06"; "" if none)."""
        return ", ".join(f"{k}={_text(v)}" for k, v in self.variant.items())


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ",".join(map(str, value)) + "]"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def read_overrides(overrides: list[str]) -> dict[str, Any]:
    """Overrides as key -> value (values as Hydra reads them: 0.10 and 0.1 are one),
    without Hydra's own keys and those that do not change a run (sweep, progress)."""
    from hydra.core.override_parser.overrides_parser import OverridesParser

    out: dict[str, Any] = {}
    for override in OverridesParser.create().parse_overrides(list(overrides)):
        key = override.key_or_group
        if key.startswith("hydra") or key in ("sweep", "progress"):
            continue
        out[key] = _hashable(override.value())
    out.setdefault("scenario", BASELINE)
    out["seed"] = int(out.get("seed", 0))
    return out


def _yaml(path: Path) -> Any:
    """A YAML file as plain data (libyaml's C loader where it is built: a job's config is
    read in milliseconds)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def find_jobs(sweep_dir: Path) -> list[Job]:
    """Every job directory under `sweep_dir` (those Hydra made: they hold .hydra/)."""
    jobs = []
    for hydra_dir in sorted(sweep_dir.rglob(".hydra")):
        path = hydra_dir.parent
        cfg = _yaml(hydra_dir / "config.yaml")
        status_file = path / "status.json"
        record: dict[str, Any] = (json.loads(status_file.read_text()) if status_file.exists()
                                  else {"status": "incomplete"})
        overrides = [str(o) for o in _yaml(hydra_dir / "overrides.yaml")]
        # A job's outputs are complete when summary.json (written last) is there.
        status = record["status"]
        if status not in ("failed", "skipped") and (path / "summary.json").exists():
            status = "complete"
        if status in ("skipped", "complete") and not (path / "summary.json").exists():
            status = "incomplete"  # (killed after its record, before its summary)
        jobs.append(Job(path, str(cfg["scenario"]["name"]), int(cfg["seed"]), status,
                        record.get("seconds"), overrides, read_overrides(overrides),
                        flatten(cfg["policy"]), record.get("error"),
                        schedule=schedules(cfg)))
    return jobs


def command_of(sweep_dir: Path) -> list[str] | None:
    """The overrides of the sweep's latest command (Hydra's multirun.yaml), or None."""
    path = sweep_dir / "multirun.yaml"
    if not path.exists():
        return None
    return [str(o) for o in _yaml(path)["hydra"]["overrides"]["task"]]


def sweep_jobs(task_overrides: list[str]) -> list[list[str]]:
    """The jobs (lists of overrides) a multirun's command-line overrides expand to."""
    from hydra.core.override_parser.overrides_parser import OverridesParser
    from hydra.core.override_parser.types import Glob

    from sim.compat import BasicSweeper
    from sim.config.scenarios import names

    parser = OverridesParser.create()
    parsed = parser.parse_overrides(list(task_overrides))
    for i, override in enumerate(parsed):
        if isinstance(override.value(), Glob):
            if override.key_or_group != "scenario":
                raise ValueError(f"cannot expand glob on {override.key_or_group}")
            chosen = override.value().filter(names())
            parsed[i] = parser.parse_override(f"scenario={','.join(chosen)}")
    return BasicSweeper.split_arguments(parsed, None)[0]


def in_command(jobs: list[Job], command: list[str] | None) -> list[Job]:
    """Mark the jobs the command does not cover as left out; return those it covers."""
    if command is None:
        return list(jobs)
    wanted = {frozenset(read_overrides(job).items()) for job in sweep_jobs(command)}
    kept = []
    for job in jobs:
        if frozenset(job.settings.items()) in wanted:
            kept.append(job)
        else:
            job.status = "left out"
    return kept


def swept_keys(jobs: list[Job]) -> list[str]:
    """The keys besides scenario and seed whose values differ between the jobs."""
    keys = sorted({k for job in jobs for k in job.settings if k not in NOT_SWEPT})
    return [k for k in keys if len({job.settings.get(k) for job in jobs}) > 1]


def assign_variants(jobs: list[Job]) -> list[str]:
    """Give each job its variant (the values of the swept keys); raise CollisionError if
    two usable runs would be aggregated as one. Returns the swept keys."""
    keys = swept_keys(jobs)
    seen: dict[tuple, Job] = {}
    for job in jobs:
        job.variant = {k: job.settings.get(k) for k in keys}
        if not job.usable:
            continue
        key = (job.scenario, job.seed, tuple(job.variant.items()))
        if key in seen:
            raise CollisionError(
                f"two runs would be aggregated as one: {seen[key].path.name} and "
                f"{job.path.name} (scenario {job.scenario}, seed {job.seed}"
                f"{', ' + job.variant_name if job.variant else ''}); sweep them into separate "
                "folders (sweep=NAME) or remove one")
        seen[key] = job
    return keys


def costless_levers(job: Job, baseline: Job) -> list[str]:
    """Levers the job changes from its paired baseline that spend no public money
    (declared without `fiscal` in configs/levers.yaml)."""
    return [key for key, value in job.policy.items()
            if value != baseline.policy.get(key) and not LEVERS[key].fiscal]
