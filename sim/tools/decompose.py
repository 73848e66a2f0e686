"""`python -m sim.decompose` (make decompose): is the whole plan more or less than its
parts?

The whole plan (scenarios/full_plan.yaml) is its packages together: the scenarios its
file `includes`, read from that file, and a few lever settings of its own (`levers:`).
This tool runs the baseline, the plan and each of its packages over the same seeds
(common random numbers: a seed gives every scenario the same shocks) through the sweep
machinery (one Hydra multirun; whole runs are reused when run again), at a stated scale:
`--seeds` (from 0), `--households`, and from 2016Q1 to the end of `--year`; `--set
KEY=VALUE` overrides the config of every run (a switch-off that measures the mechanism
behind an interaction). Then, for
each headline outcome of the registry (sim.economy.outcomes):

- each scenario's effect: its paired change from the baseline at the same seed over the
  final year, as the sweep's comparison shows a change (sim.sweep.aggregate.seed_effects:
  percent of the baseline's value, percentage points of a share, 亿元 per year);
- the sum of the packages' effects, seed by seed;
- the interaction: the plan's effect minus that sum, seed by seed (positive: the plan is
  more than its parts);
- the interaction as a share of the sum, in percent, seed by seed (left empty when the
  sum's own interval includes zero: a share of an effect not told from none);

each as the mean over seeds with its 95% paired t-interval (sim.sweep.aggregate.interval).
The plan's own lever settings belong to no package, so their effect is part of the
interaction; the table names them.

Writes into `--out` (default results/decompose/): `decompose.csv` (tidy: outcome, unit,
row, mean, low, high, seeds, households, year), `decompose.md` (the tables in English,
with units, and whether the plan is more or less than its parts on consumption per
person), and the runs in `runs/`; prints a summary.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.config.errors import ConfigError
from sim.config.levers import LEVERS
from sim.config.parameters import DECLARATIONS
from sim.config.paths import PROJECT_ROOT, SCENARIO_DIR
from sim.config.scenarios import Scenario, load
from sim.config.validation import RUN_SETTINGS
from sim.economy.outcomes import HEADLINE, OUTCOMES, Outcome
from sim.sweep.aggregate import final_years, interval, seed_effects
from sim.sweep.jobs import BASELINE, find_jobs, in_command, read_overrides, sweep_jobs
from sim.sweep.reuse import atomic

PLAN = "full_plan"
SEEDS = 5
HOUSEHOLDS = 10_000
YEAR = 2025  # 40 quarters from 2016Q1, the window of the sweep's comparisons
FIRST_YEAR = 2016  # the first simulated year (configs/config.yaml: start 2016Q1)
LAST_YEAR = FIRST_YEAR + RUN_SETTINGS["steps"].bounds[1] // 4 - 1
OUT = PROJECT_ROOT / "results" / "decompose"
VERDICT = "consumption_pc"  # the outcome the sentence on the plan and its parts is about
SUM, INTERACTION, SHARE = "sum_of_packages", "interaction", "interaction_share"
SHARE_UNIT = "% of the sum of the packages' effects"
# A ratio of two effects (consumption per fiscal yuan) is no effect: it does not add up.
DECOMPOSED = tuple(name for name in HEADLINE if OUTCOMES[name].change != "value")
LEFT_OUT = tuple(name for name in HEADLINE if name not in DECOMPOSED)
COLUMNS = ("outcome", "unit", "row", "mean", "low", "high", "seeds", "households", "year")


@dataclass(frozen=True)
class Plan:
    """The whole plan and its parts, as the plan's scenario file states them.

    Attributes:
        scenario: the plan's scenario (levers: what its runs get).
        packages: the scenarios it includes, each loaded, in the file's order.
    """

    scenario: Scenario
    packages: dict[str, Scenario]

    @property
    def name(self) -> str:
        return self.scenario.name

    @property
    def scenarios(self) -> list[str]:
        """What the sweep runs: the baseline, the plan and each package."""
        return [BASELINE, self.name, *self.packages]


def read_plan(name: str = PLAN) -> Plan:
    """The plan `name` and the packages its file includes (sim.config.scenarios), checked
    as every scenario is; ConfigError if it includes none."""
    scenario = load(SCENARIO_DIR / f"{name}.yaml")
    if not scenario.includes:
        raise ConfigError(f"scenarios/{name}.yaml includes no packages: nothing to set "
                          "beside the plan (give it `includes: [...]`)")
    return Plan(scenario, {p: load(SCENARIO_DIR / f"{p}.yaml") for p in scenario.includes})


def quarters(year: int) -> int:
    """Quarters from 2016Q1 to the end of `year`."""
    return 4 * (year - FIRST_YEAR + 1)


def check_options(seeds: int, households: int, year: int, jobs: int | None) -> str | None:
    """What is wrong with the options (naming the option, its value and what is
    allowed), or None."""
    low, high = DECLARATIONS["population.households"].bounds
    if seeds < 2:
        return (f"--seeds = {seeds}: allowed is a whole number of at least 2 (a paired "
                "t-interval needs two seeds)")
    if not low <= households <= high:
        return f"--households = {households}: allowed is a whole number in [{low:,}, {high:,}]"
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return (f"--year = {year}: allowed is a year in [{FIRST_YEAR}, {LAST_YEAR}] (runs "
                f"start in {FIRST_YEAR}Q1 and last at most "
                f"{RUN_SETTINGS['steps'].bounds[1]} quarters)")
    if jobs is not None and jobs < 1:
        return f"--jobs = {jobs}: allowed is a whole number of at least 1"
    return None


def sweep_overrides(plan: Plan, seeds: int, households: int, year: int) -> list[str]:
    """The sweep's task overrides: every scenario of the plan over seeds 0 to seeds - 1."""
    return [f"scenario={','.join(plan.scenarios)}", f"seed=range(0,{seeds})",
            f"population.households={households}", f"steps={quarters(year)}"]


def run_sweep(task: list[str], folder: Path, jobs: int | None = None) -> None:
    """Run (or reuse) the sweep's runs in `folder`; the launcher prints a line per run
    and a progress bar. RuntimeError if the sweep does not finish."""
    # (no aggregation: this table reads the runs itself, as the dose-response does)
    hydra = [f"hydra.sweep.dir={folder}", "hydra.callbacks.sweep.aggregate=false"]
    if jobs is not None:
        hydra.append(f"hydra.launcher.n_jobs={jobs}")
    done = subprocess.run([sys.executable, "-m", "sim", "-m", *task, *hydra],
                          cwd=PROJECT_ROOT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the sweep stopped (exit {done.returncode}); its runs are in "
                           f"{folder}")


def read_effects(folder: Path, task: list[str], plan: Plan) -> pd.DataFrame:
    """Each seed's effect of the plan and of each package (long: outcome, scenario,
    seed, effect, in the unit `effect_unit` names); RuntimeError naming the runs that
    failed or are missing."""
    jobs = in_command(find_jobs(folder), task)
    usable = [j for j in jobs if j.usable]
    wanted = {(s["scenario"], s["seed"]) for s in map(read_overrides, sweep_jobs(task))}
    missing = sorted(wanted - {(j.scenario, j.seed) for j in usable})
    if missing:
        failed = "; ".join(f"{j.scenario} seed {j.seed}: {j.error}" for j in jobs
                           if j.status == "failed")
        raise RuntimeError(f"{len(missing)} runs are not whole in {folder}, the first "
                           f"{missing[0][0]} seed {missing[0][1]}"
                           + (f" (failed: {failed})" if failed else ""))
    table = final_years(usable)
    base = table.xs(BASELINE, level="scenario")
    frames = []
    for scenario in plan.scenarios[1:]:
        own = table.xs(scenario, level="scenario")[list(DECOMPOSED)]
        long = seed_effects(own, base).rename_axis("seed").reset_index().melt(
            id_vars="seed", var_name="outcome", value_name="effect")
        frames.append(long.assign(scenario=scenario))
    return pd.concat(frames, ignore_index=True)[["outcome", "scenario", "seed", "effect"]]


def _share(gap: pd.Series, total: pd.Series) -> pd.Series:
    """The interaction over the sum, percent, seed by seed; NaN when the sum's interval
    includes zero (the share would divide by an effect not told from none)."""
    _, _, low, high = interval(total.to_numpy(float))
    if not (low > 0 or high < 0):
        return pd.Series(np.nan, index=total.index)
    return 100.0 * gap / total


def decompose(effects: pd.DataFrame, plan: str, packages: Sequence[str]) -> pd.DataFrame:
    """The plan beside the sum of its packages, per outcome of `effects` (long: outcome,
    scenario, seed, effect; one unit per outcome): rows `plan`, sum_of_packages,
    interaction (plan minus sum), interaction_share (percent of the sum) and each
    package; each the mean over seeds with its 95% paired t-interval (low, high), and
    the seeds it is over (those where every effect of the outcome is finite, so that
    the parts add up exactly)."""
    rows = []
    for outcome, group in effects.groupby("outcome", sort=False):
        wide = group.pivot(index="seed", columns="scenario", values="effect")
        wide = wide[[plan, *packages]].replace([np.inf, -np.inf], np.nan).dropna()
        total = wide[list(packages)].sum(axis=1)
        gap = wide[plan] - total
        series = {plan: wide[plan], SUM: total, INTERACTION: gap, SHARE: _share(gap, total),
                  **{p: wide[p] for p in packages}}
        for row, values in series.items():
            mean, _, low, high = interval(values.to_numpy(float))
            rows.append({"outcome": outcome, "row": row, "mean": mean, "low": low,
                         "high": high, "seeds": len(wide)})
    return pd.DataFrame(rows, columns=["outcome", "row", "mean", "low", "high", "seeds"])


def effect_unit(outcome: Outcome) -> str:
    """The unit of an outcome's effect in these tables (a flow's per year)."""
    if outcome.change == "percent":
        return "% of the baseline"
    if outcome.change == "pp":
        return "percentage points"
    return outcome.change_unit("en", "year") or outcome.unit("en", "year")


def tidy(table: pd.DataFrame, households: int, year: int) -> pd.DataFrame:
    """`decompose`'s table with each row's unit and the scale (decompose.csv)."""
    units = table["outcome"].map(lambda name: effect_unit(OUTCOMES[name]))
    out = table.assign(unit=units.where(table["row"] != SHARE, SHARE_UNIT),
                       households=households, year=year)
    return out[list(COLUMNS)]


def _cell(row: pd.Series) -> str:
    """'+1.23 [+0.98, +1.48]', or 'n/a' for a share left empty."""
    if not np.isfinite(row["mean"]):
        return "n/a"
    return f"{row['mean']:+,.2f} [{row['low']:+,.2f}, {row['high']:+,.2f}]"


def _pick(table: pd.DataFrame, outcome: str, row: str) -> pd.Series:
    return table[(table["outcome"] == outcome) & (table["row"] == row)].iloc[0]


def verdict(table: pd.DataFrame, plan: Plan, outcome: str = VERDICT) -> str:
    """Whether the plan is more or less than its parts on `outcome`, with the interval."""
    if outcome not in set(table["outcome"]):
        return f"({outcome} is not among the outcomes: no verdict)"
    o, gap = OUTCOMES[outcome], _pick(table, outcome, INTERACTION)
    if gap["low"] > 0:
        word = "more than the sum of its parts"
    elif gap["high"] < 0:
        word = "less than the sum of its parts"
    else:
        word = "neither measurably more nor less than the sum of its parts"
    return (f"On {o.label('en').lower()} the whole plan is **{word}**: its effect is "
            f"{_cell(_pick(table, outcome, plan.name))}, its {len(plan.packages)} packages' "
            f"effects add up to {_cell(_pick(table, outcome, SUM))}, and the interaction "
            f"(plan minus sum) is {_cell(gap)} ({effect_unit(o)}; mean over "
            f"{int(gap['seeds'])} seeds [95% paired t-interval]).")


def _name(scenario: Scenario) -> str:
    return f"{scenario.title_en} (`{scenario.name}`)"


def parts_table(table: pd.DataFrame, plan: Plan) -> str:
    """The plan, the sum, the interaction and its share, one line per outcome."""
    lines = [f"| Outcome | Unit | {_name(plan.scenario)} | Sum of the {len(plan.packages)} "
             "packages | Interaction (plan minus sum) | Interaction, % of the sum |",
             "|---|---|---|---|---|---|"]
    for outcome in dict.fromkeys(table["outcome"]):
        o = OUTCOMES[outcome]
        cells = [_cell(_pick(table, outcome, row)) for row in (plan.name, SUM, INTERACTION,
                                                                 SHARE)]
        lines.append(f"| {o.label('en')} | {effect_unit(o)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def packages_table(table: pd.DataFrame, plan: Plan) -> str:
    """Each package's effect, one line per package, one column per outcome."""
    outcomes = list(dict.fromkeys(table["outcome"]))
    lines = ["| Package | " + " | ".join(f"{OUTCOMES[o].label('en')}, {effect_unit(OUTCOMES[o])}"
                                       for o in outcomes) + " |",
             "|---" * (len(outcomes) + 1) + "|"]
    for name, scenario in plan.packages.items():
        cells = [_cell(_pick(table, o, name)) for o in outcomes]
        lines.append(f"| {_name(scenario)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _value(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list | tuple) else f"{value}"


def lever_notes(plan: Plan) -> list[str]:
    """The plan's own lever settings (part of no package), each with what the packages
    set it to, and levers two packages set differently (the plan runs with the later)."""
    notes = []
    for key, value in plan.scenario.own_levers.items():
        setters = [f"{_value(s.levers[key])} in `{p}`" for p, s in plan.packages.items()
                   if key in s.levers]
        merged = [s.levers[key] for s in plan.packages.values() if key in s.levers]
        packages = (f"the packages set {', '.join(setters)}; without the plan's own setting "
                    f"the last, {_value(merged[-1])}, would hold" if setters else
                    f"no package sets it (2016 value {_value(LEVERS[key].baseline)})")
        notes.append(f"`policy.{key}` = {_value(value)} (own setting of the plan: {packages})")
    for key in sorted({k for s in plan.packages.values() for k in s.levers}
                      - set(plan.scenario.own_levers)):
        values = {p: s.levers[key] for p, s in plan.packages.items() if key in s.levers}
        if len({_value(v) for v in values.values()}) > 1:
            notes.append(f"`policy.{key}`: " + ", ".join(
                f"{_value(v)} in `{p}`" for p, v in values.items())
                + f"; the plan runs with {_value(plan.scenario.levers[key])}")
    return notes


def markdown(table: pd.DataFrame, plan: Plan, command: str) -> str:
    """decompose.md: the verdict, the tables, the plan's own settings and how to read
    them."""
    seeds, households, year = (int(table[c].iloc[0]) for c in ("seeds", "households", "year"))
    notes = lever_notes(plan) or ["none: the plan is its packages and nothing else"]
    left = ", ".join(OUTCOMES[o].label("en") for o in LEFT_OUT)
    return "\n".join([
        "# The whole plan against the sum of its packages", "",
        verdict(table, plan), "",
        f"Final year {year} (runs from {FIRST_YEAR}Q1 to {year}Q4, {quarters(year)} quarters), "
        f"seeds 0 to {seeds - 1}, {households:,} household agents; written by `{command}`.",
        "", "## The plan and its parts", "", parts_table(table, plan), "",
        "## Each package", "", packages_table(table, plan), "",
        "## Lever settings beyond the packages", "",
        f"Settings in `scenarios/{plan.name}.yaml` that belong to no package (their effect "
        "is part of the interaction):", "", *(f"- {n}" for n in notes), "",
        "## How to read the tables", "",
        "- Every figure is a paired change from the baseline at the same seed (the same "
        f"shocks) over the final year {year}, the mean over seeds [its 95% t-interval over "
        "seeds], in the unit of its line or column: percent of the baseline's value, "
        "percentage points of a share, or 100 million yuan (亿元) per year.",
        "- The sum adds the packages' effects seed by seed; the interaction is the plan's "
        "effect minus that sum, seed by seed, and its interval is the paired t-interval of "
        "those differences: above zero, the plan is more than its parts; below, less.",
        "- Effects in percent add only to first order: parts that compound give an "
        "interaction of about the product of their effects (two effects of 1%: 0.01).",
        "- The share is the interaction over the sum, seed by seed; n/a where the sum's "
        "interval includes zero, and wide where one seed's sum is near zero: read it "
        "beside the interaction itself.",
        "- The means are over each seed's change, so that the parts add up exactly. The "
        "sweep's comparison.csv has the same intervals but states a percentage change as "
        "the change of the means, which differs a little where the seeds' baselines "
        "differ.",
        *([f"- Left out: {left}: a ratio of two effects, which does not add up across "
           "packages."] if left else []),
        ""])


def write(table: pd.DataFrame, plan: Plan, out: Path, command: str) -> None:
    """decompose.csv and decompose.md into `out`, each whole or not at all."""
    atomic(out / "decompose.csv",
           lambda p: table.to_csv(p, index=False, float_format="%.6g"))
    atomic(out / "decompose.md",
           lambda p: p.write_text(markdown(table, plan, command), encoding="utf-8"))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sim.decompose", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=SEEDS,
                        help=f"seeds 0 to N - 1, the same in every scenario (default {SEEDS})")
    parser.add_argument("--households", type=int, default=HOUSEHOLDS,
                        help=f"household agents (default {HOUSEHOLDS:,})")
    parser.add_argument("--year", type=int, default=YEAR,
                        help=f"the final year, whose outcomes are compared; runs start in "
                             f"{FIRST_YEAR}Q1 (default {YEAR}: {quarters(YEAR)} quarters)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="runs in parallel (default: the sweep's, every core)")
    parser.add_argument("--out", type=Path, default=OUT,
                        help="folder of the tables and the runs (default results/decompose)")
    parser.add_argument("--set", dest="common", action="append", default=[],
                        metavar="KEY=VALUE",
                        help="a config override for every run, the baseline's too (repeat "
                             "for more): a switch-off that measures a mechanism, e.g. "
                             "government.spending_financing=0; give it its own --out")
    return parser


FIXED = ("scenario", "seed", "population.households", "steps")  # (set by the tool)


def check_common(common: Sequence[str]) -> str | None:
    """What is wrong with the --set overrides (naming the key, the value and what is
    allowed), or None."""
    from sim.config.scenarios import names
    from sim.config.validation import check_overrides

    for override in common:
        key = override.partition("=")[0].lstrip("+")
        if "=" not in override or key in FIXED:
            return (f"--set {override}: allowed is KEY=VALUE for any config key but "
                    f"{', '.join(FIXED)}, which the tool sets")
    try:
        check_overrides(list(common), names())
    except ConfigError as e:
        return f"--set: {e}"
    return None


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    problem = (check_options(args.seeds, args.households, args.year, args.jobs)
               or check_common(args.common))
    if problem:
        parser.error(problem)
    try:
        plan = read_plan()
        args.out.mkdir(parents=True, exist_ok=True)
    except (ConfigError, OSError) as e:
        parser.error(str(e))
    task = [*sweep_overrides(plan, args.seeds, args.households, args.year), *args.common]
    print(f"decompose: {len(plan.scenarios)} scenarios (the baseline, {plan.name} and its "
          f"{len(plan.packages)} packages) x {args.seeds} seeds, {args.households:,} "
          f"households, {FIRST_YEAR}Q1-{args.year}Q4; runs in {args.out / 'runs'}", flush=True)
    try:
        run_sweep(task, args.out / "runs", args.jobs)
        effects = read_effects(args.out / "runs", task, plan)
    except RuntimeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    table = tidy(decompose(effects, plan.name, list(plan.packages)), args.households,
                 args.year)
    write(table, plan, args.out, " ".join(["python -m sim.decompose", *argv]))
    print(f"\n{verdict(table, plan)}\n\n{parts_table(table, plan)}\n\n"
          f"tables: {args.out / 'decompose.csv'}, {args.out / 'decompose.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
