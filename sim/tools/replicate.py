"""`python -m sim.replicate` (make replicate): the model replays published policy
experiments and sets its estimate beside the study's.

Each experiment (experiments/*.yaml, sim.config.experiments) is a study of a policy like
one of the plan's levers, with its estimate and interval, a design that replays the
policy in the model (its levers and schedule: size, duration, timing) and a measure that
reads the effect as the study does (the same outcome and window). For every seed the
tool runs the baseline and each design from the same seed (common random numbers: the
difference is the design's effect, seed by seed), reads the measure off the pair, and
reports the mean over seeds with its 95% paired t-interval beside the study's figure:

- `pass`: the model's interval overlaps the study's;
- `above` / `below`: the model's interval lies wholly above or below it.

The replay compares the whole economy with and without the policy (prices, wages and
the other households respond), where most studies compare treated with untreated
households in one economy; each file's `note` says where that matters.

Measures (the keys each takes besides `kind`; windows are quarters, both ends in):

- `spent_share` {from, to, categories, outlay}: extra household spending on
  `categories` (a list, or `all`) over the window per yuan of the extra `outlay` (an
  outcome of the registry: cash_transfer, consumer_subsidy) over the window: the
  marginal propensity to spend out of a payment (Parker et al. 2013).
- `leverage` {from, to, categories, outlay}: extra out-of-pocket spending (the extra
  spending less the subsidy) per yuan of subsidy (Xing et al. 2023).
- `remaining_share` {from, to, after, categories}: the extra spending on `categories`
  from `from` to `after` over the extra spending while the programme ran (`from` to
  `to`): 1 if nothing bought in the programme was a purchase pulled forward, 0 if all
  of it was (Mian and Sufi 2012).
- `remaining_share_did` {from, to, after, categories}: the same, less the rise every
  category shares each quarter (the extra spending on the other categories at the
  baseline's ratio of the two: the programme's economy-wide income effect), which a
  study comparing more with less exposed cities differences out.
- `borrowed_share` {after}: the extra consumer debt at the end of quarter `after` per
  yuan of extra credit lines (Gross and Souleles 2002).
- `relative_change` {outcome, from, to}: the design's change of an outcome of the
  registry (its mean over the window) relative to the baseline's (Chen, Lu and Zhong
  2015: what migrants' consumption per person would gain if the gap closed).

Spending is nominal (each quarter's real consumption times its consumer prices);
outlays are nominal. Writes into `--out` (default results/replication/): `table.csv`
(one row per experiment: the model's mean, interval and seeds, the study's value and
interval, the verdict), `report.md` and `report.zh.md`, and `forest.png` (model against
study); prints the table. With `--identify`, the experiments that name a response
parameter are also replayed at both ends of its plausible range
(sim.tools.experiment_identification: `identification.csv`, `.md`, `.zh.md`).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.config import quarters
from sim.config.compose import load_config
from sim.config.errors import ConfigError, nearest
from sim.config.experiments import EXPERIMENT_DIR, Experiment, catalogue
from sim.config.paths import PROJECT_ROOT
from sim.economy.constants import CATEGORIES
from sim.economy.model import EconomyModel
from sim.economy.outcomes import OUTCOMES
from sim.sweep.aggregate import consumption_total, interval
from sim.sweep.reuse import atomic
from sim.sweep.run import release
from sim.tools import decompose
from sim.tools import experiment_identification as identified

SEEDS = 8
HOUSEHOLDS = 10_000
START = "2016Q1"  # the runs' first quarter (configs/config.yaml)
OUT = PROJECT_ROOT / "results" / "replication"
WINDOW = ("from", "to", "categories", "outlay")
MEASURES: dict[str, tuple[str, ...]] = {
    "spent_share": WINDOW,
    "leverage": WINDOW,
    "remaining_share": ("from", "to", "after", "categories"),
    "remaining_share_did": ("from", "to", "after", "categories"),
    "borrowed_share": ("after",),
    "relative_change": ("outcome", "from", "to"),
}
"""Each measure and the keys it takes besides `kind` (sim.config.experiments checks
them)."""
PROBES = ("consumer_debt", "credit_lines")  # stocks read off the model each quarter, yuan
COLUMNS = ("experiment", "title", "title_zh", "lever", "measure", "what", "what_zh",
           "model_mean",
           "model_low", "model_high", "model_sd", "seeds", "households", "study_value",
           "study_low", "study_high", "verdict", "study", "read", "note")


def quarter_index(label: str) -> int:
    """'2017Q1' -> the row of that quarter in a run (0 for 2016Q1)."""
    return quarters.quarter_index(label) - quarters.quarter_index(START)


def last_quarter(experiment: Experiment) -> int:
    """The last quarter (0 = 2016Q1) the experiment's measure reads."""
    m = experiment.measure
    return max(quarter_index(str(m[k])) for k in ("to", "after") if k in m)


def experiments(directory: Path = EXPERIMENT_DIR) -> dict[str, Experiment]:
    """The experiment catalogue, checked (ConfigError on the first file that fails),
    the names its measures read included (categories, outcomes of the registry)."""
    chosen = catalogue(MEASURES, directory)
    for e in chosen.values():
        problem = check_names(e.measure)
        if problem:
            raise ConfigError(f"{e.path.name if e.path else e.name}: {problem}")
    return chosen


def check_names(spec: dict[str, Any]) -> str | None:
    """What a measure names that the model does not have (a category, an outcome of
    the registry), with what is allowed; None if all is known."""
    cats = spec.get("categories", "all")
    for c in [] if cats == "all" else cats:
        if c not in CATEGORIES:
            return (f"measure.categories: {c!r} is not a category; allowed: 'all' or a list "
                    f"of {', '.join(CATEGORIES)}")
    for key in ("outlay", "outcome"):
        if key in spec and spec[key] not in OUTCOMES:
            return (f"measure.{key} = {spec[key]!r} is not an outcome of the registry."
                    f"{nearest(str(spec[key]), tuple(OUTCOMES))}")
    return None


# ------------------------------------------------------------------ the runs
def run(overrides: Sequence[str], seed: int, households: int, quarters: int) -> pd.DataFrame:
    """One run's quarters: every outcome of the registry and the stock probes."""
    model = EconomyModel(load_config([f"seed={seed}", f"population.households={households}",
                                      f"steps={quarters}", "progress=false", *overrides]))
    probes = []
    for _ in range(quarters):
        model.step()
        h = model.households
        probes.append({"consumer_debt": float(h.debt.sum()) * model.scale,
                       "credit_lines": float(np.where(h.credit_access, h.credit_limit,
                                                      0.0).sum()) * model.scale})
    table = pd.concat([model.timeseries(), pd.DataFrame(probes)], axis=1)
    release(model)
    return table


def spending(ts: pd.DataFrame, categories: Any) -> pd.Series:
    """Households' nominal spending on `categories` (a list of names, or 'all') each
    quarter, yuan: the province's real consumption (the sweep's `consumption_total`)
    times consumer prices, times the categories' shares."""
    nominal = consumption_total(ts) * ts["cpi"]
    if categories == "all":
        return nominal
    return nominal * ts[[f"share_{c}" for c in categories]].sum(axis=1)


def shared_rise(categories: list[str], base: pd.DataFrame, design: pd.DataFrame) -> pd.Series:
    """The extra spending on `categories` each quarter that the rise of spending on the
    other categories implies at the baseline's ratio of the two, yuan: the part of a
    programme's effect every category shares (its income effect, economy-wide), which a
    study comparing more with less exposed places or goods differences out."""
    def other(ts: pd.DataFrame) -> pd.Series:
        return spending(ts, "all") - spending(ts, categories)
    ratio = spending(base, categories) / other(base)
    return ratio * (other(design) - other(base))


def _window(ts: pd.DataFrame | pd.Series, first: Any, last: Any) -> Any:
    """The rows of `ts` from quarter `first` to quarter `last`, both in."""
    return ts.iloc[quarter_index(str(first)):quarter_index(str(last)) + 1]


def measure(spec: dict[str, Any], base: pd.DataFrame, design: pd.DataFrame) -> float:
    """The experiment's measure read off a seed's baseline and design runs."""
    kind = spec["kind"]
    if kind == "borrowed_share":
        row = quarter_index(str(spec["after"]))
        lines = design["credit_lines"].iloc[row] - base["credit_lines"].iloc[row]
        return float((design["consumer_debt"].iloc[row] - base["consumer_debt"].iloc[row])
                     / lines) if lines else np.nan
    first, last = spec["from"], spec["to"]
    if kind == "relative_change":
        before = _window(base[spec["outcome"]], first, last).mean()
        after = _window(design[spec["outcome"]], first, last).mean()
        return float(after / before - 1.0) if before else np.nan
    extra = spending(design, spec["categories"]) - spending(base, spec["categories"])
    if kind == "remaining_share_did":
        extra = extra - shared_rise(spec["categories"], base, design)
    spent = _window(extra, first, last).sum()
    if kind in ("remaining_share", "remaining_share_did"):
        return float(_window(extra, first, spec["after"]).sum() / spent) if spent else np.nan
    outlay = _window(design[spec["outlay"]] - base[spec["outlay"]], first, last).sum()
    if not outlay:
        return np.nan
    return float(spent / outlay) if kind == "spent_share" else float((spent - outlay) / outlay)


def replay_seed(catalogue_: dict[str, Experiment], seed: int,
                households: int) -> list[dict[str, Any]]:
    """The baseline and every design at one seed (one process: the burn-in is shared);
    one row per experiment: its measure at this seed."""
    quarters = max(last_quarter(e) for e in catalogue_.values()) + 1
    base = run([], seed, households, quarters)
    rows = []
    for name, experiment in catalogue_.items():
        design = run(experiment.overrides(), seed, households, last_quarter(experiment) + 1)
        rows.append({"experiment": name, "seed": seed,
                     "value": measure(experiment.measure, base, design)})
    return rows


# ------------------------------------------------------------------ the tables
def verdict(low: float, high: float, study_low: float, study_high: float) -> str:
    """'pass' if the model's interval meets the study's, else 'above' or 'below'."""
    if not (np.isfinite(low) and np.isfinite(high)):
        return "n/a"
    if low > study_high:
        return "above"
    if high < study_low:
        return "below"
    return "pass"


def table(values: pd.DataFrame, catalogue_: dict[str, Experiment],
          households: int) -> pd.DataFrame:
    """One row per experiment: the model's mean and interval over seeds beside the
    study's estimate, and the verdict."""
    rows = []
    for name, e in catalogue_.items():
        mean, sd, low, high = interval(values.loc[values["experiment"] == name,
                                                  "value"].to_numpy(float))
        est = e.estimate
        rows.append({"experiment": name, "title": e.title_en, "title_zh": e.title_zh,
                     "lever": e.lever, "measure": e.measure["kind"], "what": est.what,
                     "what_zh": est.what_zh,
                     "model_mean": mean, "model_low": low, "model_high": high, "model_sd": sd,
                     "seeds": int(np.isfinite(values.loc[values["experiment"] == name,
                                                         "value"]).sum()),
                     "households": households, "study_value": est.value,
                     "study_low": est.low, "study_high": est.high,
                     "verdict": verdict(low, high, est.low, est.high), "study": e.study,
                     "read": est.read, "note": e.note})
    return pd.DataFrame(rows, columns=list(COLUMNS))


WORDS = {
    "en": {"title": "The model against the policy experiments",
           "intro": ("Each row replays a published policy experiment in the model (its "
                     "design: experiments/NAME.yaml) and reads the effect as the study "
                     "does. Model: mean over {seeds} paired seeds at {households:,} "
                     "households [95% t-interval]; study: its estimate [its interval or "
                     "the range of its specifications]. pass: the intervals overlap; "
                     "above / below: the model's lies wholly above or below the study's."),
           "head": ("| Experiment | Lever | What is measured | Model | Study | Verdict |\n"
                    "|---|---|---|---|---|---|"),
           "verdicts": {"pass": "pass", "above": "above", "below": "below", "n/a": "n/a"},
           "notes": "Studies and notes", "read": "read", "chart": "Model (dot: mean, "
           "bar: 95% interval) against the study (bar: its interval, tick: its estimate)",
           "model": "model", "study": "study"},
    "zh": {"title": "模型与政策实验证据的对照",
           "intro": ("每一行在模型中重演一项已发表的政策实验（设计见 experiments/名称.yaml），"
                     "并按研究的口径度量效应。模型：{seeds}个配对随机种子、{households:,}户的"
                     "均值［95% t区间］；研究：其估计值［其区间或各设定的范围］。通过：两区间"
                     "重叠；偏高／偏低：模型区间整体高于或低于研究区间。"),
           "head": ("| 实验 | 政策工具 | 度量 | 模型 | 研究 | 结论 |\n"
                    "|---|---|---|---|---|---|"),
           "verdicts": {"pass": "通过", "above": "偏高", "below": "偏低", "n/a": "无"},
           "notes": "研究出处与说明", "read": "数据来源", "chart": "模型（点：均值，线：95%区间）"
           "与研究（线：区间，短竖线：估计值）", "model": "模型", "study": "研究"},
}


def _num(x: float) -> str:
    if not np.isfinite(x):
        return "n/a"
    return f"{x:.3f}" if abs(x) < 0.1 else f"{x:.2f}"


def report(frame: pd.DataFrame, lang: str) -> str:
    """The table and the studies in `lang` (en, zh), as Markdown."""
    w = WORDS[lang]
    lines = identified.heading(frame, w)
    for _, r in frame.iterrows():
        title = r["title_zh"] if lang == "zh" else r["title"]
        what = r["what_zh"] if lang == "zh" else r["what"]
        lines.append(f"| {title} | `{r['lever']}` | {what} | {_num(r['model_mean'])} "
                     f"[{_num(r['model_low'])}, {_num(r['model_high'])}] | "
                     f"{_num(r['study_value'])} [{_num(r['study_low'])}, "
                     f"{_num(r['study_high'])}] | {w['verdicts'][r['verdict']]} |")
    lines += ["", f"## {w['notes']}", ""]
    for _, r in frame.iterrows():
        title = r["title_zh"] if lang == "zh" else r["title"]
        lines.append(f"- **{title}** (`{r['experiment']}`): {r['study']}. "
                     f"{w['read']}: {r['read']}." + (f" {r['note']}" if r["note"] else ""))
    return "\n".join(lines) + "\n"


def forest(frame: pd.DataFrame, path: Path, lang: str = "en") -> None:
    """The forest chart: each experiment's model interval beside the study's, one panel
    per experiment (their measures have different units)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from sim.report import style

    style.apply(lang)
    w = WORDS[lang]
    fig, axes = plt.subplots(len(frame), 1, figsize=(7.5, 1.0 * len(frame) + 1.0),
                             squeeze=False)
    for ax, (_, r) in zip(axes[:, 0], frame.iterrows(), strict=True):
        ax.plot([r["study_low"], r["study_high"]], [1, 1], color=style.BASELINE_COLOUR, lw=5,
                alpha=0.6, solid_capstyle="butt")
        ax.plot([r["study_value"]], [1], "|", color="black", ms=12)
        ax.plot([r["model_low"], r["model_high"]], [0, 0], color=style.PALETTE[0], lw=2)
        ax.plot([r["model_mean"]], [0], "o", color=style.PALETTE[0])
        ax.set_ylim(-0.7, 1.7)
        ax.set_yticks([0, 1], [w["model"], w["study"]], fontsize=7)
        title = r["title_zh"] if lang == "zh" else r["title"]
        ax.set_title(f"{title}: {_what(r, lang)}", fontsize=7.5, loc="left")
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="y", visible=False)
    fig.suptitle(w["chart"], fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=150, format="png")
    plt.close(fig)


def _what(row: pd.Series, lang: str) -> str:
    text = row["what_zh"] if lang == "zh" else row["what"]
    return text if len(text) <= 90 else text[:87] + "..."


# ------------------------------------------------------------------ the command
def check_options(seeds: int, households: int, jobs: int) -> str | None:
    """What is wrong with the options (naming the option, its value and what is
    allowed), or None: as the decomposition checks its own (sim.tools.decompose)."""
    return decompose.check_options(seeds, households, decompose.YEAR, jobs)


def replay(catalogue_: dict[str, Experiment], seeds: int, households: int, jobs: int,
           progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """Every experiment at seeds 0 to `seeds` - 1 (one task per seed, `jobs` at a time):
    long (experiment, seed, value)."""
    from joblib import Parallel, delayed

    tasks = (delayed(replay_seed)(catalogue_, seed, households) for seed in range(seeds))
    rows: list[dict[str, Any]] = []
    for done, seed_rows in enumerate(Parallel(n_jobs=jobs, return_as="generator_unordered")(
            tasks), start=1):
        rows += seed_rows
        if progress is not None:
            progress(done, seeds)
    return pd.DataFrame(rows, columns=["experiment", "seed", "value"]).sort_values(
        ["experiment", "seed"], ignore_index=True)


def identify_seed(chosen: dict[str, Experiment], seed: int,
                  households: int) -> list[dict[str, Any]]:
    """Each identifying experiment at one seed with its parameter at both ends of its
    plausible range (sim.tools.experiment_identification)."""
    rows = []
    for name, e in chosen.items():
        _, low, high = identified.ends(e.identifies)
        for end, value in (("low", low), ("high", high)):
            rows.append({"experiment": name, "end": end, "seed": seed,
                         "value": identified.measure_at(e, value, seed, households,
                                                        last_quarter(e) + 1, run, measure)})
    return rows


def identify(catalogue_: dict[str, Experiment], seeds: int, households: int, jobs: int,
             out: Path = OUT) -> pd.DataFrame:
    """The range of each identified parameter that its experiments allow, written to
    `out` (identification.csv, .md, .zh.md)."""
    from joblib import Parallel, delayed

    chosen = identified.identifying(catalogue_)
    if not chosen:
        return identified.table(pd.DataFrame(columns=["experiment", "end", "seed", "value"]),
                                chosen, households)
    rows: list[dict[str, Any]] = []
    for seed_rows in Parallel(n_jobs=jobs)(delayed(identify_seed)(chosen, seed, households)
                                           for seed in range(seeds)):
        rows += seed_rows
    frame = identified.table(pd.DataFrame(rows), chosen, households)
    identified.write(frame, out)
    return frame


def write(frame: pd.DataFrame, values: pd.DataFrame, out: Path) -> None:
    """table.csv, values.csv (each seed's measure), report.md, report.zh.md, forest.png,
    each written whole or not at all."""
    out.mkdir(parents=True, exist_ok=True)
    atomic(out / "table.csv", lambda p: frame.to_csv(p, index=False, float_format="%.6g"))
    atomic(out / "values.csv", lambda p: values.to_csv(p, index=False, float_format="%.6g"))
    for lang, name in (("en", "report.md"), ("zh", "report.zh.md")):
        text = report(frame, lang)
        atomic(out / name, lambda p, text=text: p.write_text(text, encoding="utf-8"))
    atomic(out / "forest.png", lambda p: forest(frame, p))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.replicate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=SEEDS, help=f"paired seeds from 0 "
                        f"(default {SEEDS})")
    parser.add_argument("--households", type=int, default=HOUSEHOLDS,
                        help=f"household agents (default {HOUSEHOLDS:,})")
    parser.add_argument("--jobs", type=int, default=2, help="seeds run at once (default 2)")
    parser.add_argument("--only", nargs="*", default=None, help="experiments to run (names)")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    parser.add_argument("--identify", action="store_true",
                        help="also replay the experiments that name a parameter at the ends "
                             "of its plausible range: the range each study allows "
                             "(identification.csv, .md)")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    problem = check_options(args.seeds, args.households, args.jobs)
    try:
        if problem:
            raise ConfigError(problem)
        chosen = experiments()
        if args.only:
            unknown = [n for n in args.only if n not in chosen]
            if unknown:
                raise ConfigError(f"--only {unknown[0]}: not an experiment in experiments/ "
                                  f"({', '.join(chosen)})")
            chosen = {n: chosen[n] for n in args.only}
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    began = time.perf_counter()
    print(f"replaying {len(chosen)} experiments over {args.seeds} paired seeds at "
          f"{args.households:,} households, {args.jobs} at a time", flush=True)

    def progress(done: int, total: int) -> None:
        print(f"  seed {done}/{total} done ({time.perf_counter() - began:.0f} s)", flush=True)

    values = replay(chosen, args.seeds, args.households, args.jobs, progress)
    frame = table(values, chosen, args.households)
    write(frame, values, args.out)
    if args.identify:
        found = identify(chosen, args.seeds, args.households, args.jobs, args.out)
        print(found[["experiment", "parameter", "default", "allowed_low", "allowed_high",
                     "default_allowed"]].to_string(index=False))
    shown = frame[["experiment", "model_mean", "model_low", "model_high", "study_value",
                   "study_low", "study_high", "verdict"]]
    print(shown.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    print(f"wrote {args.out} in {time.perf_counter() - began:.0f} s")
    return 0
