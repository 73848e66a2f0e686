"""Aggregate a sweep: `python -m sim.aggregate SWEEP_DIR` (finished or partial), and at the
end of every multirun (sim.sweep.callbacks).

Every table keeps the variants of a sweep apart: a sweep may vary any override besides
scenario and seed (a lever, a parameter), each such swept key is a column, and each run
is paired only with the baseline run of the same variant and seed (sim.sweep.jobs). Runs
the sweep's current command does not cover are left out, with a note.

Writes into SWEEP_DIR:

- `comparison.csv`, `.parquet`, `.xlsx`: per scenario, variant and outcome, over the final
  simulated year (flows summed over its quarters): the mean over seeds, the paired
  difference from the baseline with its 95% t-interval over seeds, the percentage change
  with its interval, labels, the yearly unit and the change as tables show it;
  `fiscal_cost_cumulative`, the net fiscal cost (the primary deficit, `fiscal_cost`) at
  2016 prices summed over the programme: from the earliest start of the scenario's levers
  to two years after the last of them ends (`PROGRAMME_AFTER_QUARTERS`; to the end of the
  run if one never ends), the paired baseline over the same quarters; and, as the
  outcomes `consumption_multiplier` and `consumption_multiplier_first_year`, extra real
  consumption per yuan of extra real net fiscal cost over that window (so a programme's
  payback, durables bought ahead and not bought later, counts) and over its first year,
  for scenarios whose every changed lever spends public money (a package that also
  moves costless levers has none: its gain is not the fiscal levers' alone);
- `distribution.parquet`: the paired change in real consumption per person and in
  welfare (money-metric consumption: the welfare gain; column `outcome`) at the last
  quarter, at an annual rate, by income decile (column `decile`, 1 = poorest) and by
  household kind (column `kind`), in yuan per person per year and percent (groups fixed by
  each seed's baseline households, the same agents in every scenario);
- `paths.parquet`: the same paired changes quarter by quarter (quarterly units): the
  path of each effect, transitions included;
- `levers.csv`: each scenario's levers as its runs set them against the 2016 value
  (unit, start quarter, ramp, whether the lever spends public money, plan clauses);
- `runs.parquet`: every usable run's time series, long: run, scenario, variant and the
  swept keys, seed, step, quarter, outcome, value, status (complete or skipped: reused),
  unit (per quarter: a run's time series is quarterly);
- `outcomes.csv`: every outcome's labels (English, Chinese), units and kind;
- `status.csv`: every job found: its status (complete, skipped: reused from an earlier
  sweep, failed, incomplete, left out: not in this sweep's command), seconds (a reused
  run's are its original run's), overrides and error;

and prints the headline comparison.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from sim.config.levers import LEVERS
from sim.config.quarters import quarter_index, quarter_label
from sim.economy.agents import ARRIVED_KEYS
from sim.economy.constants import KINDS
from sim.economy.outcomes import HEADLINE, OUTCOMES
from sim.sweep.jobs import (
    BASELINE,
    Job,
    assign_variants,
    command_of,
    costless_levers,
    find_jobs,
    in_command,
)

# No multiplier when the extra net fiscal cost is under this share of the baseline's real
# consumption over the same quarters (or negative: a programme that pays for itself).
MULTIPLIER_MIN_COST = 1e-3
TABLES = ("comparison.parquet", "comparison.csv", "comparison.xlsx", "paths.parquet",
          "distribution.parquet", "runs.parquet", "levers.csv", "outcomes.csv", "status.csv")


def _summary(job: Job) -> dict[str, float]:
    """The run's final-year outcomes."""
    return json.loads((job.path / "summary.json").read_text())["outcomes"]


def _real_flows(job: Job) -> pd.DataFrame:
    """The run's real consumption and real net fiscal cost by quarter, yuan at 2016
    prices (the fiscal cost over that quarter's CPI; consumption is real already)."""
    people = [f"population_{k}" for k in KINDS]
    ts = pd.read_parquet(job.path / "timeseries.parquet",
                         columns=["quarter", "consumption_pc", "fiscal_cost", "cpi", *people])
    return pd.DataFrame({"consumption": ts["consumption_pc"] * ts[people].sum(axis=1),
                         "fiscal_cost": ts["fiscal_cost"] / ts["cpi"]}).set_axis(ts["quarter"])


def programme_start(job: Job, baseline: Job) -> str:
    """The first quarter of the job's programme: the earliest start of the levers it
    changes from its paired baseline (empty if one is in force from the first quarter)."""
    starts = [str(job.schedule.get(key, {}).get("start") or "")
              for key, value in job.policy.items() if value != baseline.policy.get(key)]
    return min(starts, default="")


def programme_stop(job: Job, baseline: Job) -> str:
    """The first quarter after the job's programme window: two years
    (`PROGRAMME_AFTER_QUARTERS`) after the last end of the levers it changes from its
    paired baseline; empty (the end of the run) if one of them never ends."""
    ends = [str(job.schedule.get(key, {}).get("end") or "")
            for key, value in job.policy.items() if value != baseline.policy.get(key)]
    if not ends or "" in ends:
        return ""
    return quarter_label(quarter_index(max(ends)) + PROGRAMME_AFTER_QUARTERS)


def _window(flows: pd.DataFrame, start: str, quarters: int | None = None,
            stop: str = "") -> pd.DataFrame:
    """The quarters of `flows` from `start` on, before `stop` if given (the first
    `quarters` of them if given)."""
    labels = flows.index.astype(str)
    out = flows[(labels >= start) & ((labels < stop) if stop else True)]
    return out if quarters is None else out.iloc[:quarters]


def _keyed(frame: pd.DataFrame, job: Job, keys: list[str], sweep_dir: Path) -> pd.DataFrame:
    """`frame` with the job's run, scenario, variant and one column per swept key in front."""
    columns = {"run": str(job.path.relative_to(sweep_dir)), "scenario": job.scenario,
               "variant": job.variant_name, **{k: _cell_value(job.variant[k]) for k in keys}}
    for position, (name, value) in enumerate(columns.items()):
        frame.insert(position, name, value)
    return frame


def _cell_value(value):
    """A value as a table cell: lists as "a,b"."""
    return ",".join(map(str, value)) if isinstance(value, list | tuple) else value


def tidy_runs(jobs: list[Job], keys: list[str], sweep_dir: Path) -> pd.DataFrame:
    """Long table of every usable run's time series, with each outcome's unit."""
    frames = []
    for job in jobs:
        if not job.usable:
            continue
        ts = pd.read_parquet(job.path / "timeseries.parquet").drop(columns=["scenario"],
                                                                    errors="ignore")
        long = ts.melt(id_vars=["step", "quarter"], var_name="outcome", value_name="value")
        long.insert(0, "seed", job.seed)
        long["status"] = job.status
        frames.append(_keyed(long, job, keys, sweep_dir))
    if not frames:
        return pd.DataFrame(columns=["run", "scenario", "variant", *keys, "seed", "step",
                                     "quarter", "outcome", "value", "status", "unit"])
    out = pd.concat(frames, ignore_index=True)
    units = {name: o.unit("en", "quarter") for name, o in OUTCOMES.items()}
    out["unit"] = out["outcome"].map(units).fillna("")
    return out


def interval(values: np.ndarray) -> tuple[float, float, float, float]:
    """Mean, standard deviation and 95% t-interval of `values` over seeds (in the
    values' unit; non-finite values left out; NaN where too few are left)."""
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


def seed_effects(own: pd.DataFrame, base: pd.DataFrame) -> pd.DataFrame:
    """Each seed's paired change from `base` (rows: the seeds both have; columns: the
    outcomes of the registry that both have), as the registry shows a change: percent of
    the seed's baseline value, percentage points, or a difference in the outcome's unit
    (a scaled one in its larger unit, fiscal costs in 亿元). These are the values the
    comparison's `change_low` and `change_high` are the 95% interval of."""
    seeds = own.index.intersection(base.index)
    names = [c for c in own.columns if c in OUTCOMES and c in base.columns]
    b = base.loc[seeds, names].astype(float)
    d = own.loc[seeds, names].astype(float) - b
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = 100.0 * d / b
    return pd.DataFrame({name: OUTCOMES[name].shown_change(d[name], pct[name])
                         for name in names}, index=seeds)


def _paired_rows(own: pd.DataFrame, base: pd.DataFrame | None) -> list[dict]:
    """Mean over seeds and paired differences from `base` (same seeds) per outcome."""
    seeds = own.index.intersection(base.index) if base is not None else own.index[:0]
    rows = []
    for outcome in own.columns:
        mean = interval(own[outcome].to_numpy(float))[0]
        row = {"outcome": outcome, "n_seeds": len(own), "mean": mean, "n_paired": len(seeds)}
        if len(seeds):
            b = base.loc[seeds, outcome].to_numpy(float)
            d = own.loc[seeds, outcome].to_numpy(float) - b
            row["baseline_mean"] = float(b.mean())
            row["diff"], row["diff_sd"], row["diff_low"], row["diff_high"] = interval(d)
            with np.errstate(divide="ignore", invalid="ignore"):
                pct = 100.0 * d / b
            _, _, row["pct_low"], row["pct_high"] = interval(pct)
            row["pct_change"] = (100.0 * row["diff"] / row["baseline_mean"]
                                 if row["baseline_mean"] else np.nan)
        rows.append(row)
    return rows


def _multiplier(own: dict[int, pd.DataFrame], base: dict[int, pd.DataFrame],
                window: tuple[str, str], quarters: int | None, outcome: str) -> dict | None:
    """Extra real consumption per yuan of extra real net fiscal cost over the programme's
    `window` (its first and after its last quarter; its first `quarters` if given),
    paired over seeds (None when the extra cost is negligible or negative)."""
    seeds = sorted(set(own) & set(base))
    if not seeds:
        return None
    start, stop = window
    sums = {side: pd.DataFrame([_window(flows[s], start, quarters, stop).sum()
                                for s in seeds])
            for side, flows in (("own", own), ("base", base))}
    extra = sums["own"] - sums["base"]
    if not extra["fiscal_cost"].mean() > MULTIPLIER_MIN_COST * sums["base"]["consumption"].mean():
        return None
    mean, sd, low, high = interval((extra["consumption"] / extra["fiscal_cost"]).to_numpy(float))
    return {"outcome": outcome, "n_seeds": len(own), "n_paired": len(seeds),
            "mean": mean, "diff": mean, "diff_sd": sd, "diff_low": low, "diff_high": high}


def _programme_cost(flows: dict[int, pd.DataFrame], seeds: pd.Index,
                    window: tuple[str, str]) -> list[float]:
    """Each seed's real net fiscal cost summed over the programme's `window` (its first
    and after its last quarter), yuan at 2016 prices."""
    start, stop = window
    return [float(_window(flows[s], start, stop=stop)["fiscal_cost"].sum()) for s in seeds]


def final_years(jobs: list[Job]) -> pd.DataFrame:
    """Each run's final-year outcomes (its summary.json), one row per scenario and seed
    (the index), and `consumption_total`, the province's real consumption (yuan per
    year at 2016 prices). The jobs must be of one variant and usable."""
    table = pd.DataFrame.from_dict({(j.scenario, j.seed): _summary(j) for j in jobs},
                                   orient="index")
    table.index = pd.MultiIndex.from_tuples(table.index, names=["scenario", "seed"])
    table["consumption_total"] = consumption_total(table)
    return table


def consumption_total(table: pd.DataFrame) -> pd.Series:
    """The province's real consumption, yuan at 2016 prices per period of `table`'s rows:
    consumption per person times the persons of every kind."""
    return table["consumption_pc"] * table[[f"population_{k}" for k in KINDS]].sum(axis=1)


def compare(jobs: list[Job], keys: list[str] | None = None) -> pd.DataFrame:
    """Paired differences from the baseline of the same variant, per scenario, variant and
    outcome (`keys`: the swept keys, whose values are columns)."""
    keys = keys if keys is not None else list(jobs[0].variant) if jobs else []
    usable = [j for j in jobs if j.usable]
    if not usable:
        return pd.DataFrame()
    rows = []
    for variant in sorted({j.variant_name for j in usable}):
        mine = [j for j in usable if j.variant_name == variant]
        table = final_years(mine)
        flows: dict[str, dict[int, pd.DataFrame]] = {}
        for j in mine:
            flows.setdefault(j.scenario, {})[j.seed] = _real_flows(j)
        scenarios = table.index.get_level_values("scenario")
        base = table.xs(BASELINE, level="scenario") if BASELINE in scenarios else None
        first = {j.scenario: j for j in mine}
        base_job = first.get(BASELINE)
        for scenario, group in table.groupby(level="scenario"):
            job = first[scenario]
            window = ((programme_start(job, base_job), programme_stop(job, base_job))
                      if base_job is not None else ("", ""))
            own = group.droplevel("scenario")
            own = own.assign(fiscal_cost_cumulative=_programme_cost(flows[scenario], own.index,
                                                                    window))
            paired_base = None if base is None else base.assign(
                fiscal_cost_cumulative=_programme_cost(flows[BASELINE], base.index, window))
            found = _paired_rows(own, paired_base)
            if base is not None and scenario != BASELINE and not costless_levers(job, base_job):
                for quarters, name in ((None, "consumption_multiplier"),
                                       (QUARTERS_PER_YEAR, "consumption_multiplier_first_year")):
                    multiplier = _multiplier(flows[scenario], flows[BASELINE], window,
                                             quarters, name)
                    found += [multiplier] if multiplier else []
            for row in found:
                rows.append({"scenario": scenario, "variant": variant,
                             **{k: _cell_value(job.variant[k]) for k in keys}, **row})
    return describe(pd.DataFrame(rows))


def describe(comparison: pd.DataFrame, period: str = "year") -> pd.DataFrame:
    """Add each outcome's label (English, Chinese), its unit (a flow's per year, or per
    quarter with `period="quarter"`) and the change as the registry shows it
    (sim.economy.outcomes): `change`, `change_low`, `change_high` in `change_unit`
    (%, pp, or the outcome's unit)."""
    out = comparison.copy()
    declared = [OUTCOMES.get(name) for name in out["outcome"]]
    out["label"] = [o.label("en") if o else name for o, name in zip(declared, out["outcome"],
                                                                    strict=True)]
    out["label_zh"] = [o.label("zh") if o else "" for o in declared]
    out["unit"] = [o.unit("en", period) if o else "" for o in declared]
    out["change_unit"] = [(o.change_unit("en", period) or o.unit("en", period)) if o else ""
                          for o in declared]
    for suffix, diff, pct in (("", "diff", "pct_change"), ("_low", "diff_low", "pct_low"),
                              ("_high", "diff_high", "pct_high")):
        if diff not in out:
            continue
        pcts = out[pct] if pct in out else pd.Series(np.nan, index=out.index)
        out[f"change{suffix}"] = [o.shown_change(d, p) if o else np.nan
                                  for o, d, p in zip(declared, out[diff], pcts, strict=True)]
    return out


def paths(runs: pd.DataFrame, keys: list[str] | None = None) -> pd.DataFrame:
    """Quarter by quarter, the paired change of every outcome from the baseline of the
    same variant and seed: the path of each effect, transition included (quarterly
    units; the change as the registry shows it, with its 95% t-interval over seeds)."""
    keys = list(keys or [])
    at = ["variant", "seed", "step", "outcome"]
    base = runs.loc[runs.scenario == BASELINE, at + ["value"]].rename(columns={"value": "base"})
    pairs = runs[runs.scenario != BASELINE].merge(base, on=at)
    if pairs.empty:
        return pd.DataFrame()
    pairs["d"] = pairs["value"] - pairs["base"]
    with np.errstate(divide="ignore", invalid="ignore"):
        pairs["p"] = np.where(pairs["base"] != 0, 100.0 * pairs["d"] / pairs["base"], np.nan)
    by = ["scenario", "variant", *keys, "step", "quarter", "outcome"]
    grouped = pairs.groupby(by, sort=False, dropna=False)
    out = grouped.agg(n_paired=("d", "size"), baseline_mean=("base", "mean"),
                      mean=("value", "mean"), diff=("d", "mean"), diff_sd=("d", "std"),
                      p_mean=("p", "mean"), p_sd=("p", "std")).reset_index()
    from scipy import stats

    n = out["n_paired"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        half = np.where(n > 1, stats.t.ppf(0.975, np.maximum(n - 1, 1)) / np.sqrt(n), np.nan)
        out["pct_change"] = np.where(out["baseline_mean"] != 0,
                                     100.0 * out["diff"] / out["baseline_mean"], np.nan)
    out["diff_low"] = out["diff"] - half * out["diff_sd"]
    out["diff_high"] = out["diff"] + half * out["diff_sd"]
    out["pct_low"] = out["p_mean"] - half * out["p_sd"]
    out["pct_high"] = out["p_mean"] + half * out["p_sd"]
    return describe(out.drop(columns=["p_mean", "p_sd"]), period="quarter")


def lever_settings(jobs: list[Job], keys: list[str] | None = None) -> pd.DataFrame:
    """Each scenario's levers as its runs set them, against the 2016 value: one row per
    scenario, variant and lever the scenario moves (value, unit, start, ramp, whether it
    spends public money, the plan clauses), from the runs' own configs."""
    keys = list(keys or [])
    first: dict[tuple[str, str], Job] = {}
    for job in jobs:
        if job.usable:
            first.setdefault((job.scenario, job.variant_name), job)
    rows = []
    for (scenario, variant), job in sorted(first.items()):
        for key, value in job.policy.items():
            lever = LEVERS.get(key)
            if lever is None or value == lever.baseline:
                continue
            when = job.schedule.get(key, {})
            rows.append({"scenario": scenario, "variant": variant,
                         **{k: _cell_value(job.variant[k]) for k in keys},
                         "lever": lever.path, "label": lever.label_en, "label_zh": lever.label_zh,
                         "unit": lever.unit, "value_2016": _cell_value(lever.baseline),
                         "value": _cell_value(value), "start": when.get("start", ""),
                         "ramp_quarters": when.get("ramp_quarters", 0),
                         "end": when.get("end", ""), "fiscal": lever.fiscal,
                         "clauses": " ".join(lever.clauses)})
    return pd.DataFrame(rows, columns=["scenario", "variant", *keys, "lever", "label",
                                       "label_zh", "unit", "value_2016", "value", "start",
                                       "ramp_quarters", "end", "fiscal", "clauses"])


HOUSEHOLD_COLUMNS = ["kind", "persons", "permanent_income", "real_consumption", "welfare"]
DISTRIBUTED = {"consumption_pc": "real_consumption", "welfare_gain_pc": "welfare"}
"""The outcomes `distribution` reports by decile and kind, and the household snapshot's
column each is read from (welfare: money-metric consumption, whose paired difference is
the welfare gain)."""


QUARTERS_PER_YEAR = 4
PROGRAMME_AFTER_QUARTERS = 8
"""The quarters after a programme's end that its cumulative cost and consumption per
fiscal yuan still count: two years, long enough for durables bought ahead to be worked
off (Mian and Sufi 2012: within seven months) and for the transfer's saving to be spent
at the model's pace."""
DISTRIBUTION_UNIT = "yuan per person per year (last quarter at an annual rate), 2016 prices"


def _snapshot(path: Path) -> pd.DataFrame:
    """A run's household snapshot, the columns `distribution` reads (a snapshot written
    before welfare was measured has none: its welfare rows are left out)."""
    have = set(pq.read_schema(path).names)
    return pd.read_parquet(path, columns=["household",
                                          *[c for c in HOUSEHOLD_COLUMNS if c in have]])


def distribution(jobs: list[Job], keys: list[str] | None = None) -> pd.DataFrame:
    """Paired change in real consumption per person and in welfare (money-metric
    consumption: the welfare gain) at the last quarter, at an annual rate (the snapshot's
    quarterly flows times four), by income decile (1 = the poorest tenth of the
    baseline's households) and by kind (the baseline's), per variant, over the
    households of the opening present in both economies (migrants come and go); column
    `outcome` names which."""
    keys = keys if keys is not None else list(jobs[0].variant) if jobs else []
    usable = [j for j in jobs if j.usable and (j.path / "households.parquet").exists()]
    rows = []
    for variant in sorted({j.variant_name for j in usable}):
        mine = {(j.scenario, j.seed): j for j in usable if j.variant_name == variant}
        pairs: dict[tuple[str, str, str, str], list[tuple[float, float]]] = {}
        for seed in sorted(s for (sc, s) in mine if sc == BASELINE):
            # (paired: the households of the opening present in both economies at the
            # end; migrants who arrived later are no one's pair)
            base = _snapshot(mine[(BASELINE, seed)].path / "households.parquet")
            base = base[base["household"] < ARRIVED_KEYS].set_index("household")
            per_person = base["permanent_income"] / base["persons"]
            groups = {"income_decile": pd.qcut(per_person.rank(method="first"), 10,
                                               labels=[str(d) for d in range(1, 11)]).astype(str),
                      "kind": base["kind"].astype(str)}
            for (scenario, s), job in mine.items():
                if s != seed:
                    continue
                snap = _snapshot(job.path / "households.parquet")
                snap = snap[snap["household"].isin(base.index)].set_index("household")
                for outcome, column in DISTRIBUTED.items():
                    if column not in base or column not in snap:
                        continue
                    for g, labels in groups.items():
                        was = _per_person(base, labels, column)
                        got = _per_person(snap, labels.reindex(snap.index), column)
                        for label in got.index:
                            pairs.setdefault((outcome, scenario, g, label), []).append(
                                (was[label], got[label]))
        job_of = {j.scenario: j for j in mine.values()}
        for (outcome, scenario, g, label), found in sorted(pairs.items()):
            b, m = QUARTERS_PER_YEAR * np.array(found).T
            diff, _, low, high = interval(m - b)
            rows.append({
                "scenario": scenario, "variant": variant,
                **{k: _cell_value(job_of[scenario].variant[k]) for k in keys},
                "outcome": outcome, "group_type": g,
                "decile": int(label) if g == "income_decile" else pd.NA,
                "kind": label if g == "kind" else pd.NA,
                "n_seeds": len(found), "baseline_mean": b.mean(), "mean": m.mean(),
                "diff": diff, "diff_low": low, "diff_high": high,
                "pct_change": 100.0 * diff / b.mean() if b.mean() else np.nan,
                "unit": DISTRIBUTION_UNIT})
    out = pd.DataFrame(rows)
    if len(out):
        out["decile"] = out["decile"].astype("Int64")
        out["kind"] = out["kind"].astype("string")
    return out


def _per_person(snapshot: pd.DataFrame, labels: pd.Series, column: str) -> pd.Series:
    grouped = snapshot.groupby(labels.to_numpy(), observed=True)
    return grouped[column].sum() / grouped["persons"].sum()


def outcome_table() -> pd.DataFrame:
    """Every outcome's labels, units and kind (the sidecar of every table)."""
    return pd.DataFrame([{"outcome": name, "label": o.label("en"), "label_zh": o.label("zh"),
                          "unit_per_quarter": o.unit("en", "quarter"),
                          "unit_per_year": o.unit("en", "year"), "unit_zh": o.unit("zh", "year"),
                          "kind": o.kind, "over_a_year": o.year, "change_shown_in": o.change}
                         for name, o in OUTCOMES.items()])


def _cell(row: pd.Series) -> str:
    """One headline cell: the change as the registry shows it, with its interval."""
    o = OUTCOMES[row["outcome"]]
    if o.change == "value":
        return f"{row['diff']:.2f} [{row['diff_low']:.2f}, {row['diff_high']:.2f}]"
    shown = [o.shown_change(row[d], row.get(p, np.nan)) for d, p in (
        ("diff", "pct_change"), ("diff_low", "pct_low"), ("diff_high", "pct_high"))]
    unit = "" if o.scale else o.change_unit()  # (a scaled unit is in the header)
    return f"{shown[0]:+.2f}{unit} [{shown[1]:+.2f}, {shown[2]:+.2f}]"


def headline_table(comparison: pd.DataFrame) -> str:
    """Headline outcomes: paired change from the baseline [95% interval over seeds], in
    percent, percentage points or the outcome's unit, as the registry declares; the
    header holds the registry's labels; a variant's rows name its swept values."""
    if comparison.empty or "diff" not in comparison:
        return "no complete runs with a baseline to compare"
    finite = comparison[comparison.outcome.isin(HEADLINE) & np.isfinite(comparison["diff"])]
    width = max([25, *(len(_cell(row)) + 2 for _, row in finite.iterrows())])
    wrapped = [textwrap.wrap(OUTCOMES[o].label("en") + (
        f", {OUTCOMES[o].change_unit('en', 'year')}" if OUTCOMES[o].scale else ""), width - 2)
        for o in HEADLINE]
    depth = max(len(w) for w in wrapped)
    lines = [(f"{'scenario' if line == depth - 1 else '':<24}"
              + "".join(f"{(w[line - depth + len(w)] if line >= depth - len(w) else ''):>{width}}"
                        for w in wrapped))
             for line in range(depth)]
    variants = comparison.get("variant", pd.Series("", index=comparison.index)).fillna("")
    for variant in sorted(set(variants)):
        mine = comparison[variants == variant]
        if variant:
            lines.append(f"[{variant}]")
        for scenario in sorted(set(mine["scenario"]) - {BASELINE}):
            cells = []
            for outcome in HEADLINE:
                row = mine[(mine.scenario == scenario) & (mine.outcome == outcome)]
                ok = not row.empty and np.isfinite(row["diff"].iloc[0])
                cells.append(f"{_cell(row.iloc[0]) if ok else '':>{width}}")
            lines.append(f"{scenario:<24}" + "".join(cells))
    return "\n".join(lines)


def _write(frame: pd.DataFrame, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    if path.suffix == ".csv":
        frame.to_csv(tmp, index=False)
    elif path.suffix == ".xlsx":
        _workbook(frame, tmp)
    else:
        frame.to_parquet(tmp, index=False)
    tmp.replace(path)


def _workbook(comparison: pd.DataFrame, path: Path) -> None:
    """The comparison as an Excel workbook for colleagues without Python: the headline
    changes, every outcome, and a sheet of units and labels."""
    columns = ["scenario", "variant", "outcome", "label", "label_zh", "change", "change_low",
               "change_high", "change_unit", "mean", "baseline_mean", "unit", "n_paired"]
    present = [c for c in columns if c in comparison]
    headline = comparison[comparison["outcome"].isin(HEADLINE)] if len(comparison) else comparison
    with pd.ExcelWriter(path, engine="openpyxl") as book:
        headline[present].to_excel(book, sheet_name="headline", index=False)
        comparison.to_excel(book, sheet_name="all outcomes", index=False)
        outcome_table().to_excel(book, sheet_name="units", index=False)


def aggregate(sweep_dir: str | Path, echo: bool = True, command: list[str] | None = None,
              every_run: bool = False) -> dict[str, pd.DataFrame]:
    """Aggregate the jobs under `sweep_dir` that the sweep's command covers (`command`;
    default: the sweep's latest, from its multirun.yaml; `every_run`: all jobs in the
    folder); return the tables written."""
    sweep = Path(sweep_dir)
    if not sweep.is_dir():
        raise FileNotFoundError(f"no sweep directory {sweep}")
    jobs = find_jobs(sweep)
    kept = in_command(jobs, None if every_run else command or command_of(sweep))
    keys = assign_variants(kept)
    status = pd.DataFrame([{"run": str(j.path.relative_to(sweep)), "scenario": j.scenario,
                            "variant": j.variant_name, "seed": j.seed, "status": j.status,
                            "seconds": None if j.seconds is None else round(j.seconds, 2),
                            "overrides": " ".join(j.overrides),
                            "error": j.error} for j in jobs])
    runs = tidy_runs(kept, keys, sweep)
    tables = {"runs": runs, "comparison": compare(kept, keys), "paths": paths(runs, keys),
              "distribution": distribution(kept, keys), "levers": lever_settings(kept, keys),
              "outcomes": outcome_table(), "status": status}
    _write(tables["runs"], sweep / "runs.parquet")
    _write(tables["paths"], sweep / "paths.parquet")
    _write(tables["levers"], sweep / "levers.csv")
    for name in ("comparison.parquet", "comparison.csv", "comparison.xlsx"):
        _write(tables["comparison"], sweep / name)
    _write(tables["distribution"], sweep / "distribution.parquet")
    _write(tables["outcomes"], sweep / "outcomes.csv")
    _write(status, sweep / "status.csv")
    if echo:
        _report(sweep, jobs, keys, tables)
    return tables


def _report(sweep: Path, jobs: list[Job], keys: list[str], tables: dict) -> None:
    counts = tables["status"]["status"].value_counts().to_dict() if len(jobs) else {}
    print(f"\nsweep {sweep}: {len(jobs)} run{'' if len(jobs) == 1 else 's'}: " +
          ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    for j in jobs:
        if j.status == "failed":
            print(f"  failed: {' '.join(j.overrides)}\n    {j.error}")
        elif j.status == "incomplete":
            print(f"  incomplete: {' '.join(j.overrides)}")
    left = [j for j in jobs if j.status == "left out"]
    if left:
        names = sorted({j.scenario for j in left})
        print(f"  {len(left)} runs left out: not in this sweep's command (scenarios "
              f"{', '.join(names)}); they stay in the folder")
    compared = sorted({j.scenario for j in jobs if j.usable} - {BASELINE})
    if keys and compared:
        print(f"  swept: {', '.join(keys)} (each value compared with the baseline at the same "
              "value)")
    if compared:
        print("\nfinal year, paired difference from the baseline [95% interval over seeds]:")
        print(headline_table(tables["comparison"]))
    else:
        print("  no scenario besides the baseline: nothing to compare (a lever's "
              "dose-response: python -m sim.dose)")
    print(f"\nresults: {sweep}/comparison.csv (and .xlsx), runs.parquet, distribution.parquet, "
          "outcomes.csv (units)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sim.aggregate",
        description="Aggregate a sweep folder (finished or partial) into its comparison, "
                    "distribution and run tables, and print the headline comparison.")
    parser.add_argument("sweep_dir", help="a sweep's folder, e.g. results/sweeps/main")
    parser.add_argument("--every-run", action="store_true",
                        help="aggregate every run in the folder, also those the sweep's "
                             "latest command does not cover (left out by default)")
    args = parser.parse_args(argv)
    try:
        aggregate(args.sweep_dir, every_run=args.every_run)
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
