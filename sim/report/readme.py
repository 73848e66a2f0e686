"""The README's result tables, in English and Chinese, from the committed reference
results (results/reference/, written by `make reference`, sim.tools.reference): the
main comparison, the validation against 2017-2019 and the calibration's fit. `make docs`
writes them into README.md and README.zh.md; tests/tools/test_docs.py fails when the
README and the files disagree, so no figure in these tables is typed by hand.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from sim.config.paths import PROJECT_ROOT
from sim.economy.outcomes import HEADLINE, OUTCOMES
from sim.report import charts
from sim.report.brief import _row, cell

REFERENCE_DIR = PROJECT_ROOT / "results" / "reference"
COMPARISON_FILE = REFERENCE_DIR / "comparison.csv"
VALIDATION_FILE = REFERENCE_DIR / "validation_errors.csv"
GROWTH_FILE = REFERENCE_DIR / "validation_growth.csv"
CALIBRATION_FILE = REFERENCE_DIR / "calibration_moments.csv"
PROVENANCE_FILE = REFERENCE_DIR / "provenance.json"

WORDS = {
    "en": {"scenario": "scenario", "figure": "figure", "growth": "growth 2016-{to}, "
           "official / model", "role": "rows", "in": "in tolerance", "misses": "outside",
           "inside": "inside the model's range over seeds"},
    "zh": {"scenario": "情景", "figure": "指标", "growth": "2016-{to}年增长，官方 / 模型",
           "role": "类别", "in": "在容差内", "misses": "超出容差",
           "inside": "落在模型各种子取值范围内"},
}
STATUS = {"en": {"observed": "read in their source", "recalled": "recalled, not yet re-read",
                 "derived": "derived from figures read", "proxy": "national proxies"},
          "zh": {"observed": "个已核对原始出处", "recalled": "个凭记录（尚未核对原始出处）",
                 "derived": "个由已核对数据推算", "proxy": "个以全国数据替代"}}
POINTS = {"en": "pp", "zh": "个百分点"}
ROLES = {"en": {"observed": "observed targets", "proxy": "proxies (national or other figures)",
                "identity": "identities (checks: follow from other rows)",
                "input": "inputs (checks: set by the structure or a lever)"},
         "zh": {"observed": "观测目标", "proxy": "替代指标（全国或其他地区数据）",
                "identity": "恒等式（检验项，由其他行推出）",
                "input": "输入项（检验项，由结构或政策工具设定）"}}


def _provenance() -> dict:
    return json.loads(PROVENANCE_FILE.read_text(encoding="utf-8"))


def _source_line(what: str, lang: str) -> str:
    p = _provenance()
    c = p["comparison"]
    commit = p["commit"][:7] + (" + uncommitted changes" if p["uncommitted_changes"] else "")
    if lang == "zh":
        scale = (f"{c['seeds']} 个配对种子，{c['households']:,} 户，{c['final_year']} 年"
                 if what == "comparison" else "")
        return (f"数据：`results/reference/`（`make reference`，提交 {commit}，{p['date']}"
                + (f"；{scale}" if scale else "") + "）。")
    scale = (f"{c['seeds']} paired seeds, {c['households']:,} households, {c['final_year']}"
             if what == "comparison" else "")
    return (f"From `results/reference/` (`make reference` at commit {commit}, {p['date']}"
            + (f"; {scale}" if scale else "") + ").")


def results_markdown(lang: str = "en") -> str:
    """Each scenario's paired change of the headline outcomes from the baseline in the
    final year, with 95% intervals over seeds, scenarios by their effect on consumption
    per person."""
    comparison = pd.read_csv(COMPARISON_FILE, keep_default_na=False,
                             na_values=[""]).assign(variant="")
    labels = charts.Labels.load(lang).for_sweep(comparison)
    columns = [o for o in HEADLINE if o in set(comparison["outcome"])]
    header = [WORDS[lang]["scenario"], *(_column(o, lang) for o in columns)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for case in labels.order:
        cells = [cell(_row(comparison, case, o), OUTCOMES[o], lang) or "–" for o in columns]
        lines.append(f"| {labels.title(case)} (`{case}`) | " + " | ".join(cells) + " |")
    return "\n".join([_source_line("comparison", lang), "", *lines])


def _column(outcome: str, lang: str) -> str:
    o = OUTCOMES[outcome]
    unit = o.change_unit(lang, "year")
    return o.label(lang) + ((f"，{unit}" if lang == "zh" else f", {unit}") if unit else "")


def _error(row: pd.Series, lang: str) -> str:
    """An error with its unit, * where the figure was not read in its source (recalled,
    or a national proxy), ✓ where it lies inside the model's range over seeds."""
    mark = "" if row["status"] in ("observed", "derived") else "*"
    inside = " ✓" if row["inside_seed_range"] else ""
    unit = "%" if row["error_unit"] == "%" else POINTS[lang]
    return f"{row['error']:+.1f}{unit if unit == '%' else ' ' + unit}{mark}{inside}"


def validation_markdown(lang: str = "en") -> str:
    """The model's error against each official 2017-2019 figure (percent for yuan,
    percentage points for rates), marked by how the figure is known and whether it falls
    inside the model's range over seeds; growth since the 2016 target."""
    errors = pd.read_csv(VALIDATION_FILE, keep_default_na=False, na_values=[""])
    growth = pd.read_csv(GROWTH_FILE).set_index("figure")
    years = sorted(errors["year"].unique())
    to = int(growth["to"].max()) if len(growth) else years[-1]
    w = WORDS[lang]
    header = [w["figure"], *map(str, years), w["growth"].format(to=to)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    label = "label_zh" if lang == "zh" else "label"
    for figure, rows in errors.groupby("figure", sort=False):
        by_year = rows.set_index("year")
        cells = [_error(by_year.loc[y], lang) if y in by_year.index else "" for y in years]
        grown = (f"{growth.loc[figure, 'data']:+.1f}% / {growth.loc[figure, 'model']:+.1f}%"
                 if figure in growth.index else "")
        lines.append(f"| {rows[label].iloc[0]} | " + " | ".join(cells) + f" | {grown} |")
    counts = errors["status"].value_counts()
    inside = int(errors["inside_seed_range"].sum())
    known = ("、" if lang == "zh" else "; ").join(
        f"{int(counts[s])}{'' if lang == 'zh' else ' '}{STATUS[lang][s]}"
        for s in STATUS[lang] if s in counts)
    if lang == "zh":
        summary = (f"{len(errors)} 个官方数据：{known}（凭记录者和全国替代数据以 * 标出）；"
                   f"其中 {inside} 个{w['inside']}（✓）。误差：模型各种子均值减官方数，"
                   "元以百分比、比率以百分点计。")
    else:
        summary = (f"{len(errors)} official figures: {known} (the recalled figures and the "
                   f"proxies are marked *); {inside} of them fall {w['inside']} (✓). Error: the "
                   "model's mean over seeds less the figure, in percent of it for yuan, in "
                   "percentage points for rates.")
    return "\n".join([_source_line("validation", lang), "", summary, "", *lines])


def calibration_markdown(lang: str = "en") -> str:
    """How many of the 2016 moments of each role the baseline meets, at seeds and a
    scale the fit never saw, and which it misses."""
    table = pd.read_csv(CALIBRATION_FILE, keep_default_na=False, na_values=[""])
    p = _provenance()["calibration"]
    w = WORDS[lang]
    lines = [f"| {w['role']} | {w['in']} | {w['misses']} |", "|---|---|---|"]
    for role, title in ROLES[lang].items():
        rows = table[table["role"] == role]
        missed = rows[~rows["pass"].astype(bool)]
        names = ", ".join(f"{r['moment']} ({_fmt(r['model'])} / {_fmt(r['value'])})"
                          for _, r in missed.iterrows())
        lines.append(f"| {title} | {int(rows['pass'].astype(bool).sum())} / {len(rows)} | "
                     f"{names or '–'} |")
    seeds = f"{p['seeds'][0]}-{p['seeds'][-1]}"
    if lang == "zh":
        intro = (f"2016 年各矩，基准情景首年（种子 {seeds}，{p['households']:,} 户，"
                 "均为拟合未用过的"
                 "种子与规模）；超出容差者列出模型值 / 目标值。")
    else:
        intro = (f"The baseline's first year against the 2016 moments, at seeds {seeds} and "
                 f"{p['households']:,} households (seeds and a scale the fit never saw); misses "
                 "show model / target.")
    return "\n".join([_source_line("calibration", lang), intro, "", *lines])


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}" if np.isfinite(value) else "–"
