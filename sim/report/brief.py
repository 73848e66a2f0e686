"""`python -m sim.brief SWEEP_DIR [lang=en|zh] [focus=SCENARIO] [chain=DIR]`: the policy
brief of a sweep, from its aggregated tables (sim.sweep.aggregate), into
SWEEP_DIR/brief/<lang>/; with `chain`, the page "Did new consumption lead new supply?"
from the chain's table in DIR (`make chain`: results/chain; sim.report.chain).

A brief an official reads in three minutes: the first page holds the key findings
(written from the tables: the largest effects, who gains, the extra net fiscal cost and
the consumption per yuan of it, the transition, what is uncertain) and the headline
table; then each scenario's lever settings (2016 value to scenario value), its extra
net fiscal cost in 亿元 a year and over the programme, and its transition (the quarter
of the largest fall); the charts; and the caveats. Scenarios are sorted by their effect
on consumption per person and keep one colour in every chart. Every page is A4
landscape.

Writes brief.pdf, brief.html and one PNG (200 dpi) and SVG per chart: scorecard,
effects_over_time, who_gains, cost_effectiveness, supply_response,
consumption_structure. `focus` is the scenario of the single-scenario chart (supply
response) and of the findings on who gains (default: full_plan if the sweep has it).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from sim import __version__
from sim.economy.outcomes import HEADLINE, OUTCOMES, Outcome
from sim.report import chain as chain_page
from sim.report import charts, layout, style
from sim.report.charts import PAGE, case_of
from sim.sweep.aggregate import aggregate
from sim.sweep.reuse import code_fingerprint

CHARTS = ("scorecard", "effects_over_time", "who_gains", "who_gains_welfare",
          "cost_effectiveness",
          "supply_response", "consumption_structure")
HEADING = "#1F3A5F"  # titles and table headers (the CJK font has no bold face)
NEEDED = ("comparison.parquet", "paths.parquet", "distribution.parquet", "levers.csv",
          "status.csv")
TITLE = {"en": "Guangdong new consumption plan: which levers lift consumption upgrading",
         "zh": "广东新消费引领新供给政策模拟：哪些举措最能推动消费升级"}
WORDS = {
    "en": {"scenario": "Scenario", "clauses": "Plan clauses", "seeds": "paired seeds",
           "version": "model version", "date": "date", "sweep": "sweep",
           "households": "household agents per run", "findings": "Key findings",
           "headline": "Final simulated year, change from the baseline",
           "note": "Paired change from the baseline at the same seeds [95% confidence "
                   "interval]: in %, in percentage points (pp) for shares, extra net fiscal "
                   "cost in 100 million yuan (亿元) a year, and consumption per yuan of extra "
                   "net fiscal cost at 2016 prices, over the programme and its first year "
                   "(only for packages whose every lever spends public money).",
           "levers": "What each scenario does: its levers, from the 2016 value",
           "lever": "Lever", "value_2016": "2016", "value": "Scenario", "unit": "Unit",
           "from": "From", "ramp": "over {n} quarters", "at_once": "at once",
           "until": "until {end}",
           "start": "from the start",
           "costs": "What each scenario costs, and its transition",
           "cost_year": "Extra net fiscal cost, final year (亿元 a year)",
           "cost_total": "Extra net fiscal cost over the programme (亿元, 2016 prices)",
           "per_yuan": "Consumption per yuan of extra net fiscal cost, programme",
           "per_yuan_first": "The same, first year",
           "fall_c": "Largest quarterly fall in consumption per person",
           "fall_e": "Largest quarterly fall in the employment rate",
           "final_c": "Consumption per person, final year",
           "no_fall": "none", "caveats": "Caveats and method",
           "scenarios": "Scenarios and the plan's clauses"},
    "zh": {"scenario": "情景", "clauses": "对应条款", "seeds": "个配对随机种子",
           "version": "模型版本", "date": "日期", "sweep": "模拟批次",
           "households": "户模型主体/次模拟", "findings": "主要结论",
           "headline": "模拟末年较基准情景的变化",
           "note": "与相同随机种子下基准情景的配对差异［95%置信区间］：金额类为百分比变化，"
                   "比重类为百分点，新增财政净成本为亿元/年，每元新增财政净成本带动的消费"
                   "（2016年价格，政策期累计及政策首年）仅对全部举措均动用财政资金的方案计算。",
           "levers": "各情景的举措：由2016年取值调整为情景取值",
           "lever": "举措", "value_2016": "2016年", "value": "情景取值", "unit": "单位",
           "from": "起始", "ramp": "{n}个季度内逐步到位", "at_once": "一次到位",
           "until": "至{end}结束",
           "start": "自模拟起",
           "costs": "各情景的财政成本与过渡期影响",
           "cost_year": "新增财政净成本，末年（亿元/年）",
           "cost_total": "新增财政净成本，政策期累计（亿元，2016年价格）",
           "per_yuan": "每元新增财政净成本带动的消费，政策期（元）",
           "per_yuan_first": "同上，政策首年（元）",
           "fall_c": "人均消费的最大季度降幅",
           "fall_e": "就业率的最大季度降幅",
           "final_c": "人均消费，模拟末年",
           "no_fall": "无", "caveats": "说明与局限",
           "scenarios": "情景与对应条款"},
}
CAVEATS = {
    "en": [
        "The model is calibrated to Guangdong's 2016 official figures; later figures are "
        "used to validate it, never as targets. Effects are what the model's behavioural "
        "channels produce, not forecasts.",
        "Each scenario is compared with the baseline run on the same random draws (the same "
        "seeds): the intervals show the simulation noise over {seeds} seeds, not the "
        "uncertainty of the behavioural parameters, whose sources and plausible ranges are "
        "declared in docs/parameters.md.",
        "Lever settings are the scenario's assumptions (the table of levers): the plan states "
        "aims, the magnitudes are chosen for the simulation.",
        "The fiscal cost is net: the change in the government's primary deficit, so every "
        "outlay a lever changes (subsidies, transfers, benefits, public services, "
        "investment, inspection) counts, less the taxes and contributions it brings back; "
        "interest is left out, and deficits are financed by debt. Consumption per yuan "
        "divides extra real consumption by extra real net fiscal cost (both at 2016 "
        "prices), summed over the programme from its levers' start to two years after it "
        "ends (to the final year for a standing one), so purchases pulled forward and not "
        "made later are netted, and over its first year; it is shown only for packages "
        "whose every lever spends public money. The shipped subsidy scenarios run "
        "2016-2017.",
        "One household agent stands for many households ({households:,} agents per run for "
        "the province); firms are a few agents per category, each standing for many firms.",
        "Money is in yuan at 2016 prices; flows are over a year unless a table says a quarter.",
    ],
    "zh": [
        "模型依据广东2016年官方统计数据校准；其后年份的数据仅用于检验，从不作为校准目标。"
        "结果是模型行为机制的推演，而非预测。",
        "每个情景都与使用相同随机抽样（相同随机种子）的基准情景配对比较：置信区间反映"
        "{seeds}个随机种子间的模拟波动，不包括行为参数的不确定性（参数来源与合理区间见"
        "docs/parameters.md）。",
        "各举措的取值是情景假设（见举措表）：方案提出方向，具体力度为模拟所设。",
        "财政成本为净成本，即政府基本赤字的变化：举措改变的各项支出（补贴、转移支付、失业保险金、"
        "公共服务、投资、监管抽查）均计入，并扣除由此增加的税收和社保缴费；不含利息，赤字以举债"
        "弥补。每元财政净成本带动的消费为新增实际消费除以新增实际财政净成本（均按2016年价格），"
        "自举措开始累计至其结束后两年（长期举措累计至模拟末年），使提前购买、其后少买的部分相互抵消，"
        "并单列政策首年；仅对全部举措均动用财政资金的方案计算。项目自带的补贴类情景实施期为2016-2017年。",
        "一个家庭模型主体代表许多家庭（每次模拟共{households:,}个家庭主体代表全省）；"
        "企业按类别设若干主体，每个代表许多企业。",
        "金额为2016年价格的人民币元；除表中注明为季度者外，流量均为全年。",
    ],
}


@dataclass
class Sweep:
    """The tables a brief reads, with the sweep's settings."""

    directory: Path
    comparison: pd.DataFrame
    paths: pd.DataFrame
    distribution: pd.DataFrame
    levers: pd.DataFrame
    households: int
    first_quarter: str
    last_quarter: str

    @property
    def last_year(self) -> str:
        return self.last_quarter[:4]


def load(sweep_dir: str | Path) -> Sweep:
    """The sweep's tables (aggregating it first if any is missing)."""
    sweep = Path(sweep_dir)
    if not all((sweep / name).exists() for name in NEEDED):
        aggregate(sweep, echo=False)
    comparison = pd.read_parquet(sweep / "comparison.parquet")
    if comparison.empty or "diff" not in comparison:
        raise ValueError(f"{sweep}: no complete runs with a baseline to compare")
    paths = pd.read_parquet(sweep / "paths.parquet")
    status = pd.read_csv(sweep / "status.csv")
    done = status[status.status.isin(["complete", "skipped"])]
    settings = yaml.safe_load((sweep / done["run"].iloc[0] / "resolved_config.yaml").read_text())
    quarters = sorted(set(paths["quarter"])) if len(paths) else [settings["start"]] * 2
    levers = pd.read_csv(sweep / "levers.csv", keep_default_na=False)
    return Sweep(sweep, comparison, paths, pd.read_parquet(sweep / "distribution.parquet"),
                 levers, int(settings["population"]["households"]), quarters[0], quarters[-1])


# ---------------------------------------------------------------- numbers as words
def _row(comparison: pd.DataFrame, case: str, outcome: str) -> pd.Series | None:
    rows = comparison[(case_of(comparison) == case) & (comparison.outcome == outcome)]
    if rows.empty or not np.isfinite(rows["diff"].iloc[0]):
        return None
    return rows.iloc[0]


def _shown(row: pd.Series, outcome: Outcome) -> tuple[float, float, float]:
    return tuple(charts.display_change(row.to_frame().T, outcome).iloc[0])


def _number(value: float, outcome: Outcome, lang: str, sign: bool = True) -> str:
    """A change as text: +1.2%, +0.35pp, +493 亿元, 0.74."""
    if outcome.change == "value":
        return f"{value:.2f}"
    s = "+" if sign else ""
    if outcome.scale is not None:
        return f"{value:{s},.0f} 亿元"
    unit = outcome.change_unit(lang)
    digits = 1 if outcome.change == "percent" else 2
    return f"{value:{s}.{digits}f}{unit if lang == 'en' or unit == '%' else ' ' + unit}"


def cell(row: pd.Series | None, outcome: Outcome, lang: str) -> str:
    """A change with its 95% interval, as a table shows it."""
    if row is None:
        return ""
    value, low, high = _shown(row, outcome)
    if outcome.change == "value":
        return f"{value:.2f} [{low:.2f}, {high:.2f}]"
    if outcome.scale is not None:
        return f"{value:+,.0f} [{low:+,.0f}, {high:+,.0f}]"
    unit = "%" if outcome.change == "percent" else "pp" if lang == "en" else ""
    return f"{value:+.2f}{unit} [{low:+.2f}, {high:+.2f}]"


def _change(comparison: pd.DataFrame, case: str, outcome: str, lang: str,
            interval: bool = False, sign: bool = True) -> str:
    row = _row(comparison, case, outcome)
    if row is None:
        return "–"
    o = OUTCOMES[outcome]
    value, low, high = _shown(row, o)
    text = _number(value, o, lang, sign)
    if interval:
        text += f" [{_number(low, o, lang, sign)}, {_number(high, o, lang, sign)}]"
    return text


def headline_table(comparison: pd.DataFrame, labels: charts.Labels) -> pd.DataFrame:
    """Case x headline outcome, as display strings, cases by effect."""
    labels = labels if labels.order else labels.for_sweep(comparison)
    rows = {}
    for case in labels.cases(comparison):
        rows[labels.title(case)] = {
            _column(o, labels.lang): cell(_row(comparison, case, o), OUTCOMES[o], labels.lang)
            for o in HEADLINE}
    return pd.DataFrame.from_dict(rows, orient="index")


def _column(outcome: str, lang: str) -> str:
    o = OUTCOMES[outcome]
    unit = o.change_unit(lang, "year") if o.scale else ""
    return o.label(lang) + (f" ({unit})" if unit else "")


def transitions(paths: pd.DataFrame, labels: charts.Labels) -> pd.DataFrame:
    """Per case: the largest quarterly fall in consumption per person (%) and in the
    employment rate (pp) against the baseline, with their quarters, among the quarters
    whose whole 95% interval is below zero (0 and no quarter if there is none)."""
    frame = paths.assign(case=case_of(paths))
    rows = []
    for case in labels.cases(frame):
        out = {"case": case}
        for outcome, key in (("consumption_pc", "c"), ("employment_rate", "e")):
            mine = frame[(frame.case == case) & (frame.outcome == outcome)]
            if mine.empty:
                continue
            shown = charts.display_change(mine.set_index("quarter"), OUTCOMES[outcome])
            below = shown[shown["high"] < 0.0]["value"]
            out[f"fall_{key}"] = float(below.min()) if len(below) else 0.0
            out[f"quarter_{key}"] = str(below.idxmin()) if len(below) else ""
        rows.append(out)
    return pd.DataFrame(rows)


def findings(sweep: Sweep, labels: charts.Labels, focus: str) -> list[str]:
    """The key findings, in words, from the sweep's tables."""
    c, lang, order = sweep.comparison, labels.lang, labels.cases(sweep.comparison)
    zh = lang == "zh"

    def t(case: str) -> str:  # a title inside a sentence ("the whole plan")
        title = labels.title(case)
        return "t" + title[1:] if title.startswith("The ") else title

    out = []
    top = order[:3]
    if top:
        first = _change(c, top[0], "consumption_pc", lang, interval=True)
        rest = [f"{t(s)} ({_change(c, s, 'consumption_pc', lang)})" for s in top[1:]]
        if zh:
            out.append(f"到{sweep.last_year}年，{t(top[0])}对人均消费的提升最大：较基准情景"
                       f"{first}" + (f"，其次为{'、'.join(rest)}。" if rest else "。"))
        else:
            out.append(f"By {sweep.last_year}, {t(top[0])} raises consumption per person most: "
                       f"{first} against the baseline" + (f", then {' and '.join(rest)}."
                                                          if rest else "."))
    best = {o: max(order, key=lambda s, o=o: _value(c, s, o)) for o in
            ("upgrade_share", "quality_share", "consumption_pc_rural", "consumption_pc_migrant")
            } if order else {}
    if best:
        u, q = best["upgrade_share"], best["quality_share"]
        if zh:
            up, quality = (_change(c, u, "upgrade_share", lang),
                           _change(c, q, "quality_share", lang))
            out.append(f"发展享受型消费占比在{t(u)}下升幅最大（{up}），"
                       f"品质消费占比在{t(q)}下升幅最大（{quality}）。")
        else:
            out.append(f"The development-and-enjoyment share rises most under {t(u)} "
                       f"({_change(c, u, 'upgrade_share', lang)}), the quality share under "
                       f"{t(q)} ({_change(c, q, 'quality_share', lang)}).")
    if focus in order and len(sweep.distribution):
        d = sweep.distribution.assign(case=case_of(sweep.distribution))
        if "outcome" in d:
            d = d[d["outcome"] == "consumption_pc"]
        mine = d[d.case == focus]
        dec = mine[mine.group_type == "income_decile"].set_index("decile")["pct_change"]
        kind = mine[mine.group_type == "kind"].set_index("kind")["pct_change"]
        kinds = [f"{kind[k]:+.1f}%" if k in kind.index else "–" for k in
                 ("urban", "rural", "migrant")]
        poor = f"{dec[1]:+.1f}%" if 1 in dec.index else "–"
        rich = f"{dec[10]:+.1f}%" if 10 in dec.index else "–"
        r, m = best["consumption_pc_rural"], best["consumption_pc_migrant"]  # (final year)
        if zh:
            out.append(f"谁受益（按基准情景中的家庭分组，末季度）：{t(focus)}下，城镇户籍居民、农村居民"
                       "和农业转移人口的人均消费分别"
                       f"变化{kinds[0]}、{kinds[1]}和{kinds[2]}；最低收入十分之一家庭{poor}，"
                       f"最高收入十分之一家庭{rich}。农村居民受益最多的是{t(r)}（"
                       f"{_change(c, r, 'consumption_pc_rural', lang)}），农业转移人口受益最多的是"
                       f"{t(m)}（{_change(c, m, 'consumption_pc_migrant', lang)}）。")
        else:
            out.append(f"Who gains (households grouped as in the baseline, final quarter): under "
                       f"{t(focus)}, consumption per person changes by "
                       f"{kinds[0]} for urban residents, {kinds[1]} for rural residents and "
                       f"{kinds[2]} for migrants; by {poor} for the poorest tenth of households "
                       f"and {rich} for the richest. Rural residents gain most from {t(r)} "
                       f"({_change(c, r, 'consumption_pc_rural', lang)}), migrants from {t(m)} "
                       f"({_change(c, m, 'consumption_pc_migrant', lang)}).")
    if focus in order:
        year = _change(c, focus, "fiscal_cost", lang, interval=True, sign=False)
        total = _change(c, focus, "fiscal_cost_cumulative", lang, sign=False)
        per = [s for s in order if _row(c, s, "consumption_multiplier") is not None]
        per = sorted(per, key=lambda s: -_value(c, s, "consumption_multiplier"))
        ranked = [f"{t(s)} ({_change(c, s, 'consumption_multiplier', lang)})" for s in per]
        if zh:
            text = (f"财政成本：{t(focus)}在{sweep.last_year}年新增财政净成本{year}，"
                    f"政策期累计{total}（2016年价格）。")
            if ranked:
                text += (f"每元新增财政净成本带动的消费（政策期累计）：{'，'.join(ranked)}元"
                         "（同时调整无财政成本举措的方案不计算）。")
        else:
            text = (f"Cost: by {sweep.last_year} the extra net fiscal cost of {t(focus)} is "
                    f"{year} a year, {total} over the programme (2016 prices).")
            if ranked:
                text += (" Consumption per yuan of extra net fiscal cost over the programme: "
                         + ", ".join(ranked)
                         + " yuan (packages that also move levers costing nothing have none).")
        out.append(text)
    falls = transitions(sweep.paths, labels)
    if len(falls) and "fall_c" in falls:
        hit = falls[falls["fall_c"] < 0.0].sort_values("fall_c")  # (only clear falls)
        parts = []
        for _, r in hit.head(2).iterrows():
            emp = (_number(r["fall_e"], OUTCOMES["employment_rate"], lang)
                   if np.isfinite(r.get("fall_e", np.nan)) else "–")
            final = _change(c, r["case"], "consumption_pc", lang)
            if zh:
                parts.append(f"{t(r['case'])}在{r['quarter_c']}人均消费较基准情景低"
                             f"{-r['fall_c']:.1f}%，就业率变化{emp}，到{sweep.last_year}年为{final}")
            else:
                parts.append(f"under {t(r['case'])} consumption per person falls "
                             f"{-r['fall_c']:.1f}% below the baseline in {r['quarter_c']} and "
                             f"the employment rate changes by {emp}, before reaching {final} by "
                             f"{sweep.last_year}")
        if parts:
            out.append(("过渡期：" + "；".join(parts) + "。") if zh else
                       ("Transition: " + "; ".join(parts) + "."))
    unclear = [s for s in order if (r := _row(c, s, "consumption_pc")) is not None
               and r["diff_low"] <= 0.0 <= r["diff_high"]]
    if zh:
        out.append(f"不确定性：基于{labels.seeds}个配对随机种子，"
                   + (f"{'、'.join(t(s) for s in unclear)}对人均消费的影响与零无显著差异"
                      "（95%置信区间含零）。" if unclear else
                      "各情景对人均消费的影响均显著异于零。")
                   + "区间不含行为参数的不确定性。")
    else:
        out.append(f"Uncertain: over {labels.seeds} paired seeds, "
                   + (f"the effect on consumption per person of {', '.join(t(s) for s in unclear)}"
                      " cannot be told apart from zero (its 95% interval includes zero)."
                      if unclear else "every scenario's effect on consumption per person is "
                      "clear of zero.")
                   + " The intervals leave out the uncertainty of behavioural parameters.")
    return out


def _value(comparison: pd.DataFrame, case: str, outcome: str) -> float:
    row = _row(comparison, case, outcome)
    return -np.inf if row is None else _shown(row, OUTCOMES[outcome])[0]


def lever_rows(sweep: Sweep, labels: charts.Labels) -> list[list[str]]:
    """One row per case and lever it moves: lever, 2016 value, scenario value, unit,
    start and ramp."""
    w = WORDS[labels.lang]
    frame = sweep.levers.assign(case=case_of(sweep.levers)) if len(sweep.levers) else None
    rows = []
    for case in labels.cases(sweep.comparison):
        mine = frame[frame.case == case] if frame is not None else []
        for i, (_, r) in enumerate(mine.iterrows() if len(mine) else []):
            start = r["start"] or w["start"]
            ramp = int(r["ramp_quarters"] or 0)
            when = f"{start}, " + (w["ramp"].format(n=ramp) if ramp else w["at_once"])
            end = r.get("end")
            if isinstance(end, str) and end:  # (a programme of a declared period)
                when += ", " + w["until"].format(end=end)
            rows.append([labels.title(case) if i == 0 else "",
                         r["label_zh"] if labels.lang == "zh" else r["label"],
                         _lever_value(r["value_2016"]), _lever_value(r["value"]), r["unit"],
                         when])
    return rows


def _lever_value(value: object) -> str:
    """A lever's value as text: numbers without trailing zeros, large sums in 亿元."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value).replace(",", ", ")
    if abs(number) >= 1e8:
        return f"{number / 1e8:,.0f} 亿元"
    return f"{number:,.6g}"


def cost_rows(sweep: Sweep, labels: charts.Labels) -> list[list[str]]:
    """One row per case: extra net fiscal cost a year and over the programme, consumption
    per yuan of it (programme, first year), the transition's largest falls and the final
    year's consumption."""
    c, lang = sweep.comparison, labels.lang
    falls = transitions(sweep.paths, labels).set_index("case") if len(sweep.paths) else None
    w = WORDS[lang]
    rows = []
    for case in labels.cases(c):
        fall = []
        for key, outcome in (("c", "consumption_pc"), ("e", "employment_rate")):
            if falls is None or case not in falls.index or not np.isfinite(
                    falls.loc[case].get(f"fall_{key}", np.nan)):
                fall.append("–")
                continue
            value = falls.loc[case, f"fall_{key}"]
            quarter = falls.loc[case, f"quarter_{key}"]
            fall.append(w["no_fall"] if value >= 0 else
                        f"{_number(value, OUTCOMES[outcome], lang)} ({quarter})")
        rows.append([labels.title(case),
                     cell(_row(c, case, "fiscal_cost"), OUTCOMES["fiscal_cost"], lang),
                     cell(_row(c, case, "fiscal_cost_cumulative"),
                          OUTCOMES["fiscal_cost_cumulative"], lang),
                     cell(_row(c, case, "consumption_multiplier"),
                          OUTCOMES["consumption_multiplier"], lang) or "–",
                     cell(_row(c, case, "consumption_multiplier_first_year"),
                          OUTCOMES["consumption_multiplier_first_year"], lang) or "–",
                     *fall,
                     cell(_row(c, case, "consumption_pc"), OUTCOMES["consumption_pc"], lang)])
    return rows


# ---------------------------------------------------------------- pages
_TOKENS = re.compile(r"[A-Za-z0-9.,%+\-\[\]()/:'’–=_]+|\s+|.")


@functools.lru_cache(maxsize=65536)
def _width(text: str, size: float) -> float:
    """The width of `text` in points at `size`, in the brief's font."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    return TextToPath().get_text_width_height_descent(text, FontProperties(size=size),
                                                      ismath=False)[0]


def _fit(text: str, width: float, size: float) -> str:
    """`text` broken into lines no wider than `width` points at `size` (measured in the
    font: words stay whole, Chinese breaks between characters)."""
    lines = []
    for paragraph in str(text).split("\n"):
        line = ""
        for token in _TOKENS.findall(paragraph):
            if line and _width(line + token, size) > width and not token.isspace():
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        lines.append(line.rstrip())
    return "\n".join(lines)


def _page(title: str, labels: charts.Labels, meta: str = "") -> Figure:
    fig = Figure(figsize=PAGE)
    fig.text(0.03, 0.965, title, fontsize=14, va="top", color=HEADING)
    if meta:
        fig.text(0.03, 0.925, meta, fontsize=7.5, color="#555555", va="top")
    style.source_line(fig, labels.footer(None))
    return fig


def _table(fig: Figure, top: float, header: list[str], rows: list[list[str]],
           widths: list[float], labels: charts.Labels, bottom: float = 0.05,
           colours: list[str | None] | None = None, size: float = 7.0) -> int:
    """Draw a table from `top` down (figure fractions) with column `widths` (fractions
    of the page's width); cells wrap to their width. Returns how many rows fit."""
    left = 0.03
    room = [w * PAGE[0] * 72 - 6.0 for w in widths]  # points, less a gap to the next column
    line = size * 1.35 / 72 / PAGE[1]

    def cells(values: list[str]) -> list[str]:
        return [_fit(str(v), r, size) for v, r in zip(values, room, strict=True)]

    def draw(values: list[str], y: float, bold: bool, colour: str | None) -> float:
        texts = cells(values)
        height = line * max(t.count("\n") + 1 for t in texts) + line * 0.5
        x = left
        for i, (text, width) in enumerate(zip(texts, widths, strict=True)):
            if i == 0 and colour:
                fig.add_artist(_swatch(fig, x - 0.012, y - line * 0.85, colour))
            fig.text(x, y, text, fontsize=size, va="top", ha="left",
                     color=HEADING if bold else "#222222", linespacing=1.25)
            x += width
        return height

    y = top
    y -= draw(header, y, True, None)
    fig.add_artist(_rule(fig, y + line * 0.25))
    fitted = 0
    for i, values in enumerate(rows):
        needed = line * max(t.count("\n") + 1 for t in cells(values)) + line * 0.5
        if y - needed < bottom:
            break
        y -= draw(values, y, False, colours[i] if colours else None)
        fitted += 1
    return fitted


def _swatch(fig: Figure, x: float, y: float, colour: str):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), 0.008, 0.011, transform=fig.transFigure, facecolor=colour,
                     edgecolor="none", figure=fig)


def _rule(fig: Figure, y: float):
    from matplotlib.lines import Line2D

    return Line2D([0.03, 0.97], [y, y], transform=fig.transFigure, color="#999999",
                  linewidth=0.6)


def _table_pages(title: str, header: list[str], rows: list[list[str]], widths: list[float],
                 labels: charts.Labels, colours: list[str | None] | None = None,
                 note: str = "") -> list[Figure]:
    pages = []
    start = 0
    while start < len(rows) or not pages:
        fig = _page(title, labels)
        if note:
            fig.text(0.03, 0.915, labels.wrap(note, 190), fontsize=7, va="top",
                     color="#555555")
        fitted = _table(fig, 0.87, header, rows[start:], widths, labels,
                        colours=colours[start:] if colours else None)
        pages.append(fig)
        if fitted == 0 and start < len(rows):
            raise ValueError("a table row is taller than a page")
        start += fitted
    return pages


def summary_page(sweep: Sweep, labels: charts.Labels, meta: str, focus: str) -> Figure:
    """Page 1: the key findings and the headline table."""
    w = WORDS[labels.lang]
    fig = _page(TITLE[labels.lang], labels, meta)
    fig.text(0.03, 0.885, w["findings"], fontsize=11, va="top", color=HEADING)
    y = 0.85
    for finding in findings(sweep, labels, focus):
        text = labels.wrap(finding, 175)
        fig.text(0.045, y, text, fontsize=8, va="top", linespacing=1.3)
        fig.text(0.033, y, "•", fontsize=8, va="top")
        y -= (text.count("\n") + 1) * 8 * 1.3 / 72 / PAGE[1] + 0.012
    y -= 0.01
    fig.text(0.03, y, w["headline"], fontsize=11, va="top", color=HEADING)
    table = headline_table(sweep.comparison, labels)
    cases = labels.cases(sweep.comparison)
    header = [w["scenario"], *table.columns]
    rows = [[name, *values] for name, values in zip(table.index, table.to_numpy().tolist(),
                                                     strict=True)]
    widths = [0.2] + [0.74 / len(table.columns)] * len(table.columns)
    fitted = _table(fig, y - 0.035, header, rows, widths, labels,
                    colours=[labels.colour(c) for c in cases], size=6.5, bottom=0.075)
    if fitted < len(rows):
        raise ValueError("the headline table does not fit the first page")
    fig.text(0.03, 0.05, labels.wrap(w["note"], 200), fontsize=6.5,
             color="#555555", va="bottom")
    return fig


def caveats_page(sweep: Sweep, labels: charts.Labels) -> Figure:
    """The caveats and method, and each scenario's plan clauses."""
    w = WORDS[labels.lang]
    fig = _page(w["caveats"], labels)
    y = 0.90
    for caveat in CAVEATS[labels.lang]:
        text = labels.wrap(caveat.format(seeds=labels.seeds, households=sweep.households), 170)
        fig.text(0.045, y, text, fontsize=8, va="top", linespacing=1.3)
        fig.text(0.033, y, "•", fontsize=8, va="top")
        y -= (text.count("\n") + 1) * 8 * 1.3 / 72 / PAGE[1] + 0.012
    fig.text(0.03, y - 0.01, w["scenarios"], fontsize=11, va="top", color=HEADING)
    cases = labels.cases(sweep.comparison)
    rows = [[labels.title(c), "、".join(labels.scenario_clauses.get(c.split(" [")[0], []))]
            for c in cases]
    _table(fig, y - 0.05, [w["scenario"], w["clauses"]], rows, [0.5, 0.45], labels,
           colours=[labels.colour(c) for c in cases])
    return fig


def shown_cases(sweep: Sweep, labels: charts.Labels, focus: str) -> list[str]:
    """The cases of the multi-case charts: the four largest effects, the focus, and the
    case with the deepest transition (if it has one)."""
    chosen = charts.default_focus(sweep.comparison)
    falls = transitions(sweep.paths, labels)
    deepest = (list(falls[falls["fall_c"] < 0].sort_values("fall_c")["case"][:1])
               if "fall_c" in falls else [])
    for case in [focus, *deepest]:
        if case not in chosen:
            chosen.append(case)
    return [c for c in labels.cases(sweep.comparison) if c in chosen]


def build_figures(sweep: Sweep, labels: charts.Labels, focus: str) -> dict[str, Figure]:
    """Every chart of the brief."""
    over_time = shown_cases(sweep, labels, focus)
    return {
        "scorecard": charts.scorecard(sweep.comparison, labels),
        "effects_over_time": charts.effects_over_time(sweep.paths, labels, over_time),
        "who_gains": charts.who_gains(sweep.distribution, labels, over_time),
        "who_gains_welfare": charts.who_gains(sweep.distribution, labels, over_time,
                                              outcome="welfare_gain_pc"),
        "cost_effectiveness": charts.cost_effectiveness(sweep.comparison, labels),
        "supply_response": charts.supply_response(sweep.paths, labels, focus,
                                                  sweep.comparison),
        "consumption_structure": charts.consumption_structure(sweep.comparison, labels,
                                                              over_time),
    }


def read_chain(folder: str | Path) -> pd.DataFrame:
    """The chain's table in `folder` (`python -m sim.chain --out FOLDER`), if the model
    code that made it is the code of this brief; ValueError naming the folder and what
    to run otherwise (a page from another model would be read as this one's)."""
    path = Path(folder) / "chain.csv"
    if not path.is_file():
        raise ValueError(f"chain = {folder}: no chain.csv there; make one with "
                         f"python -m sim.chain --out {folder} (make chain)")
    data = pd.read_csv(path)
    made_by = set(data["model_source"]) if "model_source" in data else {"unknown"}
    if made_by != {code_fingerprint()}:
        raise ValueError(f"chain = {folder}: its chain.csv was made by other model code "
                         f"than this; run python -m sim.chain --out {folder} (make chain) "
                         "again, or leave chain= out")
    return data


def pages(sweep: Sweep, labels: charts.Labels, meta: str, focus: str,
          figures: dict[str, Figure]) -> list[Figure]:
    """The PDF's pages in order (the chain's page, if any, after the charts)."""
    w = WORDS[labels.lang]
    cases = labels.cases(sweep.comparison)
    lever_table = lever_rows(sweep, labels)
    firsts = {row[0] for row in lever_table if row[0]}
    titles = {labels.title(c): labels.colour(c) for c in cases}
    lever_colours = [titles.get(row[0]) if row[0] in firsts else None for row in lever_table]
    levers = _table_pages(w["levers"], [w["scenario"], w["lever"], w["value_2016"], w["value"],
                                        w["unit"], w["from"]],
                          lever_table, [0.2, 0.22, 0.1, 0.1, 0.2, 0.15], labels,
                          colours=lever_colours)
    costs = _table_pages(w["costs"], [w["scenario"], w["cost_year"], w["cost_total"],
                                      w["per_yuan"], w["per_yuan_first"], w["fall_c"],
                                      w["fall_e"], w["final_c"]],
                         cost_rows(sweep, labels),
                         [0.16, 0.11, 0.12, 0.11, 0.1, 0.12, 0.12, 0.12],
                         labels, colours=[labels.colour(c) for c in cases], note=w["note"])
    return [summary_page(sweep, labels, meta, focus), *levers, *costs,
            *(figures[name] for name in CHARTS),
            *([figures["chain"]] if "chain" in figures else []), caveats_page(sweep, labels)]


def _html_table(header: list[str], rows: list[list[str]], colours: list[str | None] | None
                ) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = []
    for i, row in enumerate(rows):
        colour = colours[i] if colours else None
        swatch = (f'<span class="swatch" style="background:{colour}"></span>' if colour else "")
        cells = [f"<td>{swatch if j == 0 else ''}{html.escape(str(v))}</td>"
                 for j, v in enumerate(row)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _html(sweep: Sweep, labels: charts.Labels, meta: str, focus: str,
          chain: bool = False) -> str:
    w = WORDS[labels.lang]
    cases = labels.cases(sweep.comparison)
    colours = [labels.colour(c) for c in cases]
    table = headline_table(sweep.comparison, labels)
    headline = _html_table([w["scenario"], *table.columns],
                           [[n, *v] for n, v in zip(table.index, table.to_numpy().tolist(),
                                                    strict=True)], colours)
    lever_table = lever_rows(sweep, labels)
    titles = {labels.title(c): labels.colour(c) for c in cases}
    levers = _html_table([w["scenario"], w["lever"], w["value_2016"], w["value"], w["unit"],
                          w["from"]], lever_table,
                         [titles.get(r[0]) if r[0] else None for r in lever_table])
    costs = _html_table([w["scenario"], w["cost_year"], w["cost_total"], w["per_yuan"],
                         w["per_yuan_first"], w["fall_c"], w["fall_e"], w["final_c"]],
                        cost_rows(sweep, labels),
                        colours)
    clauses = _html_table([w["scenario"], w["clauses"]],
                          [[labels.title(c), "、".join(labels.scenario_clauses.get(
                              c.split(" [")[0], []))] for c in cases], colours)
    items = "".join(f"<li>{html.escape(f)}</li>" for f in findings(sweep, labels, focus))
    caveats = "".join(
        f"<li>{html.escape(c.format(seeds=labels.seeds, households=sweep.households))}</li>"
        for c in CAVEATS[labels.lang])
    images = "".join(f'<figure><img src="{name}.png" alt="{name}"></figure>'
                     for name in (*CHARTS, *(["chain"] if chain else [])))
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if labels.lang == 'zh' else 'en'}"><head><meta charset="utf-8">
<title>{html.escape(TITLE[labels.lang])}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif;
       max-width: 1100px; margin: 1.5em auto; color: #222; font-size: 13px; }}
h1 {{ font-size: 20px; }} h2 {{ font-size: 16px; margin-top: 1.4em; }} .meta {{ color: #555; }}
table {{ border-collapse: collapse; margin: 0.8em 0; font-size: 11px; }}
td, th {{ border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }}
.swatch {{ display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.4em; }}
figure {{ margin: 0.6em 0; }} img {{ max-width: 100%; }}
@media print {{ body {{ margin: 0; max-width: none; }} figure {{ break-inside: avoid; }} }}
</style></head><body>
<h1>{html.escape(TITLE[labels.lang])}</h1>
<p class="meta">{html.escape(meta)}</p>
<h2>{w['findings']}</h2><ul>{items}</ul>
<h2>{w['headline']}</h2>{headline}
<p class="meta">{html.escape(w['note'])}</p>
<h2>{w['levers']}</h2>{levers}
<h2>{w['costs']}</h2>{costs}
{images}
<h2>{w['caveats']}</h2><ul>{caveats}</ul>
<h2>{w['scenarios']}</h2>{clauses}
</body></html>
"""


def make_brief(sweep_dir: str | Path, lang: str = "en", focus: str | None = None,
               chain: str | Path | None = None) -> Path:
    """Write the brief of `sweep_dir` in `lang`, with the page on the plan's chain from
    the chain's table in folder `chain` if given (read_chain); return its folder."""
    chain_data = None if chain is None else read_chain(chain)
    sweep = load(sweep_dir)
    style.apply(lang)
    labels = charts.Labels.load(lang).for_sweep(sweep.comparison)
    cases = labels.cases(sweep.comparison)
    if focus is None:
        focus = "full_plan" if "full_plan" in cases else cases[0]
    if focus not in cases:
        raise ValueError(f"focus = {focus!r}: not in the sweep; allowed: {', '.join(cases)}")
    w = WORDS[lang]
    meta = ("；" if lang == "zh" else "; ").join([
        f"{w['sweep']} {sweep.directory.name}", f"{labels.seeds} {w['seeds']}",
        f"{sweep.households:,} {w['households']}", f"{sweep.first_quarter}–{sweep.last_quarter}",
        f"{w['version']} {__version__}", f"{w['date']} {dt.date.today().isoformat()}"])
    out = sweep.directory / "brief" / lang
    out.mkdir(parents=True, exist_ok=True)
    figures = build_figures(sweep, labels, focus)
    if chain_data is not None:
        figures["chain"] = chain_page.chain_page(chain_data, lang)
    for name in figures:
        figures[name].savefig(out / f"{name}.png", dpi=200)
        figures[name].savefig(out / f"{name}.svg")
    with PdfPages(out / ".brief.pdf.tmp") as pdf:
        for number, page in enumerate(pages(sweep, labels, meta, focus, figures), start=1):
            for problem in layout.problems(page, f"page {number}"):
                print(f"warning: layout: {problem}", file=sys.stderr)
            pdf.savefig(page)
        info = pdf.infodict()
        info["Title"] = TITLE[lang]
        info["Subject"] = meta
    (out / ".brief.pdf.tmp").replace(out / "brief.pdf")
    (out / "brief.html").write_text(_html(sweep, labels, meta, focus, chain_data is not None),
                                    encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m sim.brief",
        description="The policy brief of a sweep (brief.html, brief.pdf and one PNG and SVG "
                    "per chart) in SWEEP_DIR/brief/<lang>/, from the sweep's aggregated "
                    "tables.",
        epilog="example: python -m sim.brief results/sweeps/main lang=zh")
    parser.add_argument("sweep_dir", help="a sweep's folder, e.g. results/sweeps/main")
    parser.add_argument("settings", nargs="*", metavar="lang=en|zh focus=SCENARIO chain=DIR",
                        help="the brief's language (default en), the scenario of the "
                             "supply-response chart and the findings on who gains (default "
                             "full_plan if the sweep has it), and the folder of a chain "
                             "table (python -m sim.chain, make chain: results/chain) whose "
                             "page 'Did new consumption lead new supply?' the brief adds")
    parsed = parser.parse_args(argv)
    options = {}
    for setting in parsed.settings:
        key, sep, value = setting.partition("=")
        if not sep or key not in ("lang", "focus", "chain"):
            parser.error(f"{setting!r} is not a setting: allowed are lang=en|zh, "
                         "focus=SCENARIO and chain=DIR")
        options[key] = value
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", UserWarning)  # a missing glyph is an error
            out = make_brief(parsed.sweep_dir, options.get("lang", "en"),
                             options.get("focus"), options.get("chain"))
    except (ValueError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"brief: {out}/brief.html, brief.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
