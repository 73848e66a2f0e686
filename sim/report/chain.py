"""The brief's page "Did new consumption lead new supply?" (新消费是否引领了新供给？), from
the chain's table (`python -m sim.chain`, sim.tools.chain): for each scenario, its
welfare gain in the final year split into what came through demand, prices, quality
and variety, and productivity growth, with the change in research and productivity
beside and what they say about the plan's chain (新消费引领新供给，新供给创造新动力).

Reads the tidy table (columns scenario, part, mean, low, high, seeds, households, year)
and never the model. `verdict` is the one place that reads a scenario's links.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from sim.report import charts, style
from sim.report.charts import PAGE

PARTS = ("demand", "prices", "quality_variety", "productivity_growth")
PART_COLOURS = {"demand": "#1F77B4", "prices": "#FF7F0E", "quality_variety": "#2CA02C",
                "productivity_growth": "#9467BD"}
WORDS = {
    "en": {"title": "Did new consumption lead new supply, and new supply create new drivers?",
           "demand": "through demand", "prices": "through prices",
           "quality_variety": "through quality and variety",
           "productivity_growth": "through productivity growth",
           "gain": "welfare gain [95% interval]",
           "axis": "Welfare gain in the final year, yuan per person a year at 2016 prices",
           "links": "Research spending, labour productivity: change from the baseline, % "
                    "[95% interval]; the chain",
           "research": "research", "productivity": "productivity",
           "drove": "led new supply, which created a new driver",
           "led": "led new supply (more research); its productivity gain is not told from "
                  "none",
           "none": "no more research than the baseline",
           "method": "python -m sim.chain: {seeds} paired seeds, {households:,} household "
                     "agents, final year {year}. The parts add up to the gain seed by seed. "
                     "Demand: the extra spending at the baseline's prices; prices: how much "
                     "further spending goes at the scenario's prices (the statistical, "
                     "quality-adjusted index); quality and variety: what buyers value beyond "
                     "that index (quality at their taste, varieties, reach, fewer "
                     "misdeclared goods); productivity growth: the gain less the gain with "
                     "the technology frontiers' response to research switched off."},
    "zh": {"title": "新消费是否引领了新供给，新供给是否创造了新动力？",
           "demand": "需求", "prices": "价格", "quality_variety": "质量与品种",
           "productivity_growth": "生产率增长", "gain": "福利增益［95%区间］",
           "axis": "模拟末年的福利增益（元/人·年，2016年价格）",
           "links": "研发支出、劳动生产率较基准情景的变化（%，［95%区间］）；链条判断",
           "research": "研发", "productivity": "生产率",
           "drove": "引领了新供给，并创造了新动力",
           "led": "引领了新供给（研发增加）；生产率增益与零无显著差异",
           "none": "研发未多于基准情景",
           "method": "python -m sim.chain：{seeds}个配对随机种子，{households:,}户家庭主体，"
                     "末年为{year}年。各部分之和逐种子等于福利增益。需求：按基准情景价格计的"
                     "新增支出；价格：按情景价格（质量调整后的统计价格指数）同样支出多买到的"
                     "部分；质量与品种：买方在该指数之外看重的价值（按其偏好计的质量、品种、"
                     "可及范围、更少的虚标商品）；生产率增长：福利增益减去关闭技术前沿对研发"
                     "响应时的增益。"},
}


def verdict(rows: pd.DataFrame) -> str:
    """What a scenario's links say (the key of WORDS): `drove` when research and the
    productivity part are both above zero (their 95% intervals), `led` when only
    research is, `none` otherwise. `rows`: the scenario's rows of the chain table."""
    by = rows.set_index("part")
    led = by.loc["research", "low"] > 0
    drove = by.loc["productivity_growth", "low"] > 0
    return "drove" if led and drove else "led" if led else "none"


def _interval(row: pd.Series, digits: int) -> str:
    if not np.isfinite(row["low"]):
        return f"{row['mean']:+,.{digits}f}"
    return f"{row['mean']:+,.{digits}f} [{row['low']:+,.{digits}f}, {row['high']:+,.{digits}f}]"


def chain_page(data: pd.DataFrame, lang: str = "en") -> Figure:
    """The page: a bar per scenario (largest welfare gain on top) stacking its four
    parts, positive to the right and negative to the left, with the gain and its
    interval marked; beside each, its research and productivity changes and verdict."""
    if lang not in WORDS:
        raise ValueError(f"lang = {lang!r}: allowed are {', '.join(WORDS)}")
    w, labels = WORDS[lang], charts.Labels.load(lang)
    gains = data[data["part"] == "welfare_gain"].set_index("scenario")
    order = list(gains["mean"].sort_values().index)  # (the largest at the top)
    first = data.iloc[0]
    fig = Figure(figsize=PAGE, layout="constrained")
    fig.suptitle(w["title"], fontsize=13, x=0.01, ha="left")
    style.source_line(fig, labels.wrap(w["method"].format(
        seeds=int(first["seeds"]), households=int(first["households"]),
        year=int(first["year"])), 230))
    fig.get_layout_engine().set(rect=(0, 0.07, 1, 0.93), w_pad=0.05)
    grid = fig.add_gridspec(2, 2, height_ratios=(1.0, 0.06), width_ratios=(0.55, 0.45))
    bars, text = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    legend = fig.add_subplot(grid[1, :])
    legend.axis("off")
    y = np.arange(len(order))
    for sign in (1.0, -1.0):
        left = np.zeros(len(order))
        for part in PARTS:
            values = np.array([float(data[(data.scenario == s) & (data.part == part)]["mean"]
                                     .iloc[0]) for s in order])
            shown = np.where(sign * values > 0, values, 0.0)
            bars.barh(y, shown, left=left, color=PART_COLOURS[part], height=0.6,
                      label=w[part] if sign > 0 else None)
            left += shown
    mean, low, high = (gains.loc[order, c].to_numpy(float) for c in ("mean", "low", "high"))
    bars.errorbar(mean, y, xerr=[mean - low, high - mean], fmt="D", color="black",
                  markersize=4, capsize=2, linewidth=0.8, label=w["gain"])
    bars.axvline(0.0, color="#555555", linewidth=0.6)
    bars.set_yticks(y, [labels.title(s) for s in order], fontsize=8)
    bars.set_xlabel(w["axis"], fontsize=8)
    bars.tick_params(axis="x", labelsize=8)
    text.set_ylim(bars.get_ylim())
    text.axis("off")
    text.set_title(labels.wrap(w["links"], 66), fontsize=8, loc="left")
    for i, scenario in enumerate(order):
        rows = data[data.scenario == scenario]
        by = rows.set_index("part")
        line = (f"{w['research']} {_interval(by.loc['research'], 1)}   "
                f"{w['productivity']} {_interval(by.loc['productivity'], 2)}\n"
                f"{w[verdict(rows)]}")
        text.text(0.0, i, line, fontsize=6.5, va="center", ha="left", linespacing=1.3,
                  transform=text.get_yaxis_transform())
    handles, names = bars.get_legend_handles_labels()
    legend.legend(handles, names, loc="center", ncol=5, fontsize=8)
    return fig
