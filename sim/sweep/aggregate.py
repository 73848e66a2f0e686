"""Aggregate a sweep: `python -m sim.aggregate SWEEP_DIR` (finished or partial), and
automatically at the end of every multirun (AggregateCallback).

Writes into SWEEP_DIR:

- `runs.parquet`: tidy long table of every complete run: run, scenario, seed, step,
  quarter, outcome, value, status;
- `status.csv`: every job found: run, scenario, seed, status (complete, skipped,
  failed, incomplete), seconds, overrides, error;
- `comparison.parquet` / `comparison.csv`: per scenario and outcome (final simulated
  year, flows summed over its quarters), the mean over seeds, the paired difference
  from the baseline at the same seeds with its 95% confidence interval (t over seeds),
  the percentage change with its interval, and, as the outcome
  `consumption_multiplier`, extra real consumption per yuan of extra fiscal cost for
  scenarios that move a fiscal lever (declared `fiscal` in configs/levers.yaml);
- `distribution.parquet`: the paired change in real consumption per person at the
  last quarter by income decile and by household kind (groups fixed by each seed's
  baseline households, which are the same agents in every scenario);
- and prints a table of the headline outcomes.
"""

from __future__ import annotations

import json
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from hydra.experimental.callback import Callback
from omegaconf import DictConfig, OmegaConf

from sim.config.levers import LEVERS, flatten
from sim.economy.constants import KINDS
from sim.economy.outcomes import OUTCOMES

BASELINE = "baseline"
HEADLINE = ("consumption_pc", "consumption_pc_rural", "consumption_pc_migrant",
            "upgrade_share", "quality_share", "engel", "fiscal_cost", "consumption_multiplier")
MULTIPLIER_MIN_SPEND = 0.01  # no multiplier when the extra spending is under 1% of the baseline's


@dataclass
class Job:
    """One job directory of a sweep."""

    path: Path
    scenario: str
    seed: int
    status: str
    seconds: float | None
    overrides: list[str]
    error: str | None
    fiscal: bool = False  # changes a lever that spends public money directly


def find_jobs(sweep_dir: Path) -> list[Job]:
    """Every job directory under `sweep_dir` (those Hydra made: they hold .hydra/)."""
    jobs = []
    for hydra_dir in sorted(sweep_dir.rglob(".hydra")):
        path = hydra_dir.parent
        cfg = OmegaConf.load(hydra_dir / "config.yaml")
        status_file = path / "status.json"
        record: dict[str, Any] = (json.loads(status_file.read_text()) if status_file.exists()
                                  else {"status": "incomplete"})
        overrides = record.get("overrides") or list(
            OmegaConf.load(hydra_dir / "overrides.yaml"))
        # A job's outputs are complete when summary.json (written last) is there.
        status = record["status"]
        if status != "failed" and (path / "summary.json").exists():
            status = "complete"
        policy = flatten(OmegaConf.to_container(cfg.policy, resolve=True))
        fiscal = any(lever.fiscal and policy.get(key) != lever.baseline
                     for key, lever in LEVERS.items())
        jobs.append(Job(path, str(cfg.scenario.name), int(cfg.seed), status,
                        record.get("seconds"), overrides, record.get("error"), fiscal))
    return jobs


def _summary(job: Job) -> dict[str, float]:
    return json.loads((job.path / "summary.json").read_text())["outcomes"]


def tidy_runs(jobs: list[Job], sweep_dir: Path) -> pd.DataFrame:
    """Long table of every complete run's time series."""
    frames = []
    for job in jobs:
        if job.status != "complete":
            continue
        ts = pd.read_parquet(job.path / "timeseries.parquet").drop(columns=["scenario"],
                                                                    errors="ignore")
        long = ts.melt(id_vars=["step", "quarter"], var_name="outcome", value_name="value")
        long.insert(0, "seed", job.seed)
        long.insert(0, "scenario", job.scenario)
        long.insert(0, "run", str(job.path.relative_to(sweep_dir)))
        long["status"] = job.status
        frames.append(long)
    if not frames:
        return pd.DataFrame(columns=["run", "scenario", "seed", "step", "quarter", "outcome",
                                     "value", "status"])
    return pd.concat(frames, ignore_index=True)


def _interval(values: np.ndarray) -> tuple[float, float, float, float]:
    """Mean, standard deviation and 95% t-interval of `values` over seeds."""
    values = values[np.isfinite(values)]
    n = len(values)
    if n == 0:
        return (np.nan,) * 4
    mean = float(values.mean())
    if n < 2:
        return mean, np.nan, np.nan, np.nan
    sd = float(values.std(ddof=1))
    from scipy import stats  # (imported here: sweep workers that only run never need it)

    half = float(stats.t.ppf(0.975, n - 1)) * sd / np.sqrt(n)
    return mean, sd, mean - half, mean + half


def compare(jobs: list[Job]) -> pd.DataFrame:
    """Paired differences from the baseline, per scenario and outcome."""
    final: dict[tuple[str, int], dict[str, float]] = {
        (j.scenario, j.seed): _summary(j) for j in jobs if j.status == "complete"}
    if not final:
        return pd.DataFrame()
    table = pd.DataFrame.from_dict(final, orient="index")
    table.index = pd.MultiIndex.from_tuples(table.index, names=["scenario", "seed"])
    people = table[[f"population_{k}" for k in KINDS]].sum(axis=1)
    table["consumption_total"] = table["consumption_pc"] * people
    fiscal = {j.scenario for j in jobs if j.fiscal}
    rows = []
    has_base = BASELINE in table.index.get_level_values("scenario")
    base = table.xs(BASELINE, level="scenario") if has_base else None
    for scenario, group in table.groupby(level="scenario"):
        own = group.droplevel("scenario")
        seeds = own.index.intersection(base.index) if base is not None else own.index[:0]
        for outcome in table.columns:
            mean, _, _, _ = _interval(own[outcome].to_numpy(float))
            row = {"scenario": scenario, "outcome": outcome, "n_seeds": len(own), "mean": mean,
                   "n_paired": len(seeds)}
            if len(seeds):
                b = base.loc[seeds, outcome].to_numpy(float)
                d = own.loc[seeds, outcome].to_numpy(float) - b
                row["baseline_mean"] = float(b.mean())
                row["diff"], row["diff_sd"], row["diff_low"], row["diff_high"] = _interval(d)
                with np.errstate(divide="ignore", invalid="ignore"):
                    pct = 100.0 * d / b
                _, _, row["pct_low"], row["pct_high"] = _interval(pct)
                row["pct_change"] = (100.0 * row["diff"] / row["baseline_mean"]
                                     if row["baseline_mean"] else np.nan)
            rows.append(row)
        if len(seeds) and scenario in fiscal:
            extra_cost = own.loc[seeds, "fiscal_cost"] - base.loc[seeds, "fiscal_cost"]
            if extra_cost.mean() > MULTIPLIER_MIN_SPEND * base.loc[seeds, "fiscal_cost"].mean():
                extra = own.loc[seeds, "consumption_total"] - base.loc[seeds, "consumption_total"]
                m = (extra / extra_cost).to_numpy(float)
                mean, sd, low, high = _interval(m)
                rows.append({"scenario": scenario, "outcome": "consumption_multiplier",
                             "n_seeds": len(own), "n_paired": len(seeds), "mean": mean,
                             "diff": mean, "diff_sd": sd, "diff_low": low, "diff_high": high})
    return describe(pd.DataFrame(rows))


def describe(comparison: pd.DataFrame) -> pd.DataFrame:
    """Add each outcome's label (English, Chinese), its unit over a year and the change as
    the registry shows it (sim.economy.outcomes): `change`, `change_low`, `change_high`
    in `change_unit` (%, pp, or the outcome's unit)."""
    out = comparison.copy()
    declared = [OUTCOMES.get(name) for name in out["outcome"]]
    out["label"] = [o.label("en") if o else name for o, name in zip(declared, out["outcome"],
                                                                    strict=True)]
    out["label_zh"] = [o.label("zh") if o else "" for o in declared]
    out["unit"] = [o.unit("en", "year") if o else "" for o in declared]
    out["change_unit"] = [(o.change_unit("en") or o.unit("en", "year")) if o else ""
                          for o in declared]
    for suffix, diff, pct in (("", "diff", "pct_change"), ("_low", "diff_low", "pct_low"),
                              ("_high", "diff_high", "pct_high")):
        if diff not in out:
            continue
        out[f"change{suffix}"] = [
            o.shown_change(d, p) if o else np.nan
            for o, d, p in zip(declared, out[diff], out.get(pct, np.nan), strict=True)]
    return out


def distribution(jobs: list[Job]) -> pd.DataFrame:
    """Paired change in real consumption per person by income decile and by kind."""
    complete = {(j.scenario, j.seed): j for j in jobs if j.status == "complete"
                and (j.path / "households.parquet").exists()}
    rows = []
    seeds = sorted(s for (sc, s) in complete if sc == BASELINE)
    per_group: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    for seed in seeds:
        base = pd.read_parquet(complete[(BASELINE, seed)].path / "households.parquet")
        per_person = base["permanent_income"] / base["persons"]
        groups = {
            "income_decile": pd.qcut(per_person.rank(method="first"), 10,
                                     labels=[f"{d:02d}" for d in range(1, 11)]).astype(str),
            "kind": base["kind"].astype(str),
        }
        base_pc = {g: _per_person(base, labels) for g, labels in groups.items()}
        for (scenario, s), job in complete.items():
            if s != seed:
                continue
            snap = pd.read_parquet(job.path / "households.parquet")
            for g, labels in groups.items():
                mine = _per_person(snap, labels)
                for label in mine.index:
                    per_group.setdefault((scenario, g, label), []).append(
                        (base_pc[g][label], mine[label]))
    for (scenario, g, label), pairs in sorted(per_group.items()):
        b, m = np.array(pairs).T
        diff, sd, low, high = _interval(m - b)
        rows.append({"scenario": scenario, "group_type": g, "group": label,
                     "n_seeds": len(pairs), "baseline_mean": b.mean(), "mean": m.mean(),
                     "diff": diff, "diff_low": low, "diff_high": high,
                     "pct_change": 100.0 * diff / b.mean() if b.mean() else np.nan})
    return pd.DataFrame(rows)


def _per_person(snapshot: pd.DataFrame, labels: pd.Series) -> pd.Series:
    grouped = snapshot.groupby(labels.to_numpy(), observed=True)
    return grouped["real_consumption"].sum() / grouped["persons"].sum()


def _cell(row: pd.Series) -> str:
    """One headline cell: the change as the registry shows it, with its interval."""
    o = OUTCOMES[row["outcome"]]
    if o.change == "value":
        return f"{row['diff']:.2f} [{row['diff_low']:.2f}, {row['diff_high']:.2f}]"
    shown = [o.shown_change(row[d], row.get(p, np.nan)) for d, p in (
        ("diff", "pct_change"), ("diff_low", "pct_low"), ("diff_high", "pct_high"))]
    return f"{shown[0]:+.2f}{o.change_unit()} [{shown[1]:+.2f}, {shown[2]:+.2f}]"


def headline_table(comparison: pd.DataFrame) -> str:
    """Headline outcomes: paired change from the baseline [95% interval over seeds], in
    percent, percentage points or the outcome's unit, as the registry declares; the
    header holds the registry's labels."""
    if comparison.empty or "diff" not in comparison:
        return "no complete runs with a baseline to compare"
    width = 25
    wrapped = [textwrap.wrap(OUTCOMES[o].label("en"), width - 2) for o in HEADLINE]
    depth = max(len(w) for w in wrapped)
    lines = [(f"{'scenario' if line == depth - 1 else '':<24}"
              + "".join(f"{(w[line - depth + len(w)] if line >= depth - len(w) else ''):>{width}}"
                        for w in wrapped))
             for line in range(depth)]
    for scenario in sorted(set(comparison["scenario"]) - {BASELINE}):
        cells = []
        for outcome in HEADLINE:
            row = comparison[(comparison.scenario == scenario) & (comparison.outcome == outcome)]
            ok = not row.empty and np.isfinite(row["diff"].iloc[0])
            cells.append(f"{_cell(row.iloc[0]) if ok else '':>{width}}")
        lines.append(f"{scenario:<24}" + "".join(cells))
    return "\n".join(lines)


def _write(frame: pd.DataFrame, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    if path.suffix == ".csv":
        frame.to_csv(tmp, index=False)
    else:
        frame.to_parquet(tmp, index=False)
    tmp.replace(path)


def aggregate(sweep_dir: str | Path, echo: bool = True) -> dict[str, pd.DataFrame]:
    """Aggregate every job found under `sweep_dir`; return the tables written."""
    sweep = Path(sweep_dir)
    if not sweep.is_dir():
        raise FileNotFoundError(f"no sweep directory {sweep}")
    jobs = find_jobs(sweep)
    status = pd.DataFrame([{"run": str(j.path.relative_to(sweep)), "scenario": j.scenario,
                            "seed": j.seed, "status": j.status, "seconds": j.seconds,
                            "overrides": " ".join(j.overrides), "error": j.error}
                           for j in jobs])
    tables = {"runs": tidy_runs(jobs, sweep), "comparison": compare(jobs),
              "distribution": distribution(jobs), "status": status}
    _write(tables["runs"], sweep / "runs.parquet")
    _write(tables["comparison"], sweep / "comparison.parquet")
    _write(tables["comparison"], sweep / "comparison.csv")
    _write(tables["distribution"], sweep / "distribution.parquet")
    _write(status, sweep / "status.csv")
    if echo:
        counts = status["status"].value_counts().to_dict() if len(status) else {}
        print(f"\nsweep {sweep}: {len(jobs)} runs " +
              ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
        for j in jobs:
            if j.status == "failed":
                print(f"  failed: {' '.join(j.overrides)}\n    {j.error}")
            elif j.status == "incomplete":
                print(f"  incomplete: {' '.join(j.overrides)}")
        print("\nfinal year, paired difference from the baseline [95% interval over seeds]:")
        print(headline_table(tables["comparison"]))
        print(f"\nresults: {sweep}/comparison.csv, runs.parquet, distribution.parquet")
    return tables


def sweep_jobs(task_overrides: list[str]) -> list[list[str]]:
    """The jobs (lists of overrides) a multirun's command-line overrides expand to."""
    from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
    from hydra.core.override_parser.overrides_parser import OverridesParser
    from hydra.core.override_parser.types import Glob

    from sim.config.scenarios import catalogue

    parsed = OverridesParser.create().parse_overrides(task_overrides)
    for override in parsed:
        if isinstance(override._value, Glob):
            if override.key_or_group != "scenario":
                raise ValueError(f"cannot expand glob on {override.key_or_group}")
            names = override._value.filter(sorted(catalogue()))
            override = OverridesParser.create().parse_override(
                f"scenario={','.join(names)}")
            parsed[[p.key_or_group for p in parsed].index("scenario")] = override
    return BasicSweeper.split_arguments(parsed, None)[0]


def check_sweep(task_overrides: list[str]) -> list[str]:
    """Errors of every distinct job config of a sweep (seeds aside), before any runs."""
    from sim.config.compose import check, load_config
    from sim.config.errors import ConfigError

    seen: set[tuple[str, ...]] = set()
    errors: dict[str, int] = {}
    for job in sweep_jobs(task_overrides):
        key = tuple(o for o in job if not o.startswith("seed="))
        if key in seen:
            continue
        seen.add(key)
        try:
            check(load_config(list(key)))
        except ConfigError as e:
            errors[str(e)] = errors.get(str(e), 0) + 1
    return [f"{e} ({n} jobs)" if n > 1 else e for e, n in errors.items()]


class AggregateCallback(Callback):
    """Hydra callback: check every job's config before a multirun starts (exit 2 on a
    bad one); aggregate the sweep when it ends (exit 1 if a job failed)."""

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

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        tables = aggregate(config.hydra.sweep.dir)
        elapsed = time.perf_counter() - getattr(self, "_started", time.perf_counter())
        print(f"sweep wall time {elapsed:.1f} s")
        if (tables["status"]["status"] == "failed").any():
            sys.exit(1)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m sim.aggregate SWEEP_DIR", file=sys.stderr)
        return 2
    try:
        aggregate(argv[0])
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
