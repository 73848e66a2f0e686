"""What the policy experiments say about the response parameters no 2016 level pins down
(`python -m sim.replicate --identify`).

An experiment file may name the parameter its estimate speaks to (`identifies:
households.mpc_cash`): the propensity to spend out of a windfall for the payment studies,
the coupon response for the coupon study, the share of a credit line that replaces own
buffers for the credit-line study, the saved share of distrust for the grading reform.
For each such parameter the tool replays its experiments with the parameter at the two
ends of its declared plausible range (baseline and design, paired over seeds, the
parameter set in both), takes the measure's slope across the range, and reads off the
part of the range in which the model lands inside the study's interval (linear between
the ends). Writes `identification.csv` and `identification.md` / `.zh.md` beside the
replay's table: per experiment, the parameter, its default and plausible range, the
model's measure at both ends, the slope, the range the study allows and whether the
default lies in it. A study whose interval the measure cannot reach anywhere in the
range says so: the experiment is then a finding about the channel, not about the value.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from omegaconf import OmegaConf

from sim.config.compose import load_config, override_text
from sim.config.experiments import Experiment
from sim.sweep.reuse import atomic
from sim.tools import identification

COLUMNS = ("experiment", "parameter", "default", "plausible_low", "plausible_high",
           "model_at_low", "model_at_high", "slope", "study_low", "study_high",
           "allowed_low", "allowed_high", "default_allowed", "seeds", "households")


def identifying(catalogue_: dict[str, Experiment]) -> dict[str, Experiment]:
    """The experiments that name a parameter they identify."""
    return {name: e for name, e in catalogue_.items() if e.identifies}


def ends(parameter: str) -> tuple[float, float, float]:
    """The parameter's default and the two ends of its declared plausible range."""
    default = float(OmegaConf.select(load_config([]), parameter))
    low, high = identification.plausible_of(parameter, default)
    return default, float(low), float(high)


def measure_at(experiment: Experiment, value: float, seed: int, households: int,
               quarters: int, run: Callable[..., pd.DataFrame],
               measure: Callable[..., float]) -> float:
    """The experiment's measure at one seed over its first `quarters` with its parameter
    at `value` in both the baseline and the design (`run`, `measure`:
    sim.tools.replicate's)."""
    setting = f"{experiment.identifies}={override_text(value)}"
    base = run([setting], seed, households, quarters)
    design = run([setting, *experiment.overrides()], seed, households, quarters)
    return measure(experiment.measure, base, design)


def allowed(at_low: float, at_high: float, low: float, high: float,
            study_low: float, study_high: float) -> tuple[float, float]:
    """The part of [low, high] where the measure, linear from `at_low` to `at_high`,
    lies within [study_low, study_high]; (nan, nan) if none of it does."""
    if at_high == at_low:
        inside = study_low <= at_low <= study_high
        return (low, high) if inside else (np.nan, np.nan)
    slope = (at_high - at_low) / (high - low)
    bounds = sorted(low + (y - at_low) / slope for y in (study_low, study_high))
    lo, hi = max(low, bounds[0]), min(high, bounds[1])
    return (lo, hi) if lo <= hi else (np.nan, np.nan)


def table(values: pd.DataFrame, chosen: dict[str, Experiment], households: int
          ) -> pd.DataFrame:
    """One row per identifying experiment from `values` (experiment, end, seed, value)."""
    rows: list[dict[str, Any]] = []
    for name, e in chosen.items():
        default, low, high = ends(e.identifies)
        mine = values[values["experiment"] == name]
        at_low = float(mine.loc[mine["end"] == "low", "value"].mean())
        at_high = float(mine.loc[mine["end"] == "high", "value"].mean())
        lo, hi = allowed(at_low, at_high, low, high, e.estimate.low, e.estimate.high)
        rows.append({"experiment": name, "parameter": e.identifies, "default": default,
                     "plausible_low": low, "plausible_high": high, "model_at_low": at_low,
                     "model_at_high": at_high, "slope": (at_high - at_low) / (high - low),
                     "study_low": e.estimate.low, "study_high": e.estimate.high,
                     "allowed_low": lo, "allowed_high": hi,
                     "default_allowed": bool(np.isfinite(lo) and lo <= default <= hi),
                     "seeds": int(mine["seed"].nunique()), "households": households})
    return pd.DataFrame(rows, columns=list(COLUMNS))


WORDS = {
    "en": {"title": "What the experiments say about the response parameters",
           "intro": ("Each experiment replayed with the parameter it speaks to at the two "
                     "ends of its declared plausible range (baseline and design alike; "
                     "{seeds} paired seeds at {households:,} households). Allowed: the part "
                     "of the range where the model lands in the study's interval (linear "
                     "between the ends); none: the study's interval is out of the model's "
                     "reach over the whole range, a finding about the channel."),
           "head": ("| Experiment | Parameter | Default | Range | Model at its ends | "
                    "Study | Allowed | Default allowed |\n|---|---|---|---|---|---|---|---|"),
           "none": "none", "yes": "yes", "no": "no"},
    "zh": {"title": "政策实验对行为反应参数的约束",
           "intro": ("将每项实验所对应的参数分别置于其声明的合理区间两端（基准与政策情景同时设定；"
                     "{seeds}个配对随机种子、{households:,}户）重演。允许区间：模型落入研究区间的"
                     "那部分参数范围（两端之间线性插值）；无：在整个范围内模型都达不到研究区间，"
                     "说明问题在于机制而非参数取值。"),
           "head": ("| 实验 | 参数 | 默认值 | 合理区间 | 两端的模型结果 | 研究 | 允许区间 | "
                    "默认值是否在内 |\n|---|---|---|---|---|---|---|---|"),
           "none": "无", "yes": "是", "no": "否"},
}


def _num(x: float) -> str:
    if not np.isfinite(x):
        return "n/a"
    return f"{x:.3g}"


def heading(frame: pd.DataFrame, words: dict[str, Any]) -> list[str]:
    """A replay report's title, its introduction (with the seeds and households of
    `frame`'s rows) and its table's head, as Markdown lines (this report's and
    sim.tools.replicate's)."""
    seeds = int(frame["seeds"].max()) if len(frame) else 0
    households = int(frame["households"].max()) if len(frame) else 0
    return [f"# {words['title']}", "",
            words["intro"].format(seeds=seeds, households=households), "", words["head"]]


def report(frame: pd.DataFrame, lang: str) -> str:
    """The identification table in `lang` (en, zh), as Markdown."""
    w = WORDS[lang]
    lines = heading(frame, w)
    for _, r in frame.iterrows():
        span = (f"{_num(r['allowed_low'])}-{_num(r['allowed_high'])}"
                if np.isfinite(r["allowed_low"]) else w["none"])
        lines.append(f"| `{r['experiment']}` | `{r['parameter']}` | {_num(r['default'])} | "
                     f"{_num(r['plausible_low'])}-{_num(r['plausible_high'])} | "
                     f"{_num(r['model_at_low'])} to {_num(r['model_at_high'])} | "
                     f"{_num(r['study_low'])}-{_num(r['study_high'])} | {span} | "
                     f"{w['yes'] if r['default_allowed'] else w['no']} |")
    return "\n".join(lines) + "\n"


def write(frame: pd.DataFrame, out: Path) -> None:
    """identification.csv, .md and .zh.md, each written whole or not at all."""
    out.mkdir(parents=True, exist_ok=True)
    atomic(out / "identification.csv",
           lambda p: frame.to_csv(p, index=False, float_format="%.6g"))
    for lang, name in (("en", "identification.md"), ("zh", "identification.zh.md")):
        text = report(frame, lang)
        atomic(out / name, lambda p, text=text: p.write_text(text, encoding="utf-8"))
