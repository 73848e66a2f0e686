"""The explorer's charts: small matplotlib figures of a running economy (its time series
so far and its agents now) and of a sweep's comparison, labelled from the outcome
registry in English or Chinese (sim.economy.outcomes)."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from sim.economy.constants import CATEGORIES, KINDS
from sim.economy.model import EconomyModel
from sim.economy.outcomes import OUTCOMES
from sim.report import style
from sim.report.charts import WORDS as CHART_WORDS
from sim.report.charts import case_of

SIZE = (5.6, 3.3)  # inches: two charts side by side on a laptop screen
KIND_COLOURS = dict(zip(KINDS, style.PALETTE, strict=False))
SCATTER_POINTS = 2_000  # households drawn in the scatter (all of them above this blur)


def _figure(title: str, lang: str) -> tuple[Figure, object]:
    style.apply(lang)
    fig = Figure(figsize=SIZE, layout="constrained")
    ax = fig.subplots()
    ax.set_title(title, fontsize=10, loc="left")
    return fig, ax


def _label(name: str, lang: str, period: str = "quarter") -> str:
    o = OUTCOMES[name]
    return f"{o.label(lang)} ({o.unit(lang, period)})"


def _x(ts: pd.DataFrame) -> list[str]:
    return ts["quarter"].astype(str).tolist()


def _quarter_ticks(ax, ts: pd.DataFrame) -> None:
    x = _x(ts)
    step = max(1, len(x) // 6)
    ax.set_xticks(range(0, len(x), step), x[::step], fontsize=8)


def _lines(ts: pd.DataFrame, columns: list[str], names: list[str], title: str, ylabel: str,
           lang: str, colours: list[str] | None = None) -> Figure:
    fig, ax = _figure(title, lang)
    for i, (column, name) in enumerate(zip(columns, names, strict=True)):
        colour = colours[i] if colours else style.PALETTE[i % len(style.PALETTE)]
        ax.plot(range(len(ts)), ts[column].to_numpy(float), marker="o", markersize=2.5,
                label=name, color=colour, gid=column)
    _quarter_ticks(ax, ts)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.legend(fontsize=8, frameon=False)
    return fig


def waiting(lang: str) -> Figure:
    """What a time-series chart shows before the first quarter: how to start."""
    fig, ax = _figure("", lang)
    ax.axis("off")
    ax.text(0.5, 0.5, "2016Q1: press Step or ▶" if lang == "en" else "2016年一季度：按 Step 或 ▶",
            ha="center", va="center", fontsize=12, color="#555555")
    return fig


def consumption_by_kind(ts: pd.DataFrame, lang: str) -> Figure:
    """Consumption per person by household kind, yuan per person per quarter."""
    columns = [f"consumption_pc_{k}" for k in KINDS]
    return _lines(ts, columns, [CHART_WORDS[lang][k] for k in KINDS],
                  OUTCOMES["consumption_pc"].label(lang), OUTCOMES["consumption_pc"].unit(lang),
                  lang, [KIND_COLOURS[k] for k in KINDS])


def upgrading(ts: pd.DataFrame, lang: str) -> Figure:
    """The upgrade, quality and online shares of consumption."""
    columns = ["upgrade_share", "quality_share", "online_share"]
    title = " · ".join(OUTCOMES[c].label(lang) for c in columns[:2])
    return _lines(ts, columns, [OUTCOMES[c].label(lang) for c in columns], title,
                  OUTCOMES["upgrade_share"].unit(lang), lang)


def structure(ts: pd.DataFrame, lang: str) -> Figure:
    """The category structure of consumption, stacked shares."""
    columns = [f"share_{c}" for c in CATEGORIES]
    fig, ax = _figure("Consumption structure" if lang == "en" else "消费结构", lang)
    ax.stackplot(range(len(ts)), *[ts[c].to_numpy(float) for c in columns],
                 labels=[OUTCOMES[c].label(lang) for c in columns],
                 colors=[style.PALETTE[i % len(style.PALETTE)] for i in range(len(columns))])
    _quarter_ticks(ax, ts)
    ax.set_ylim(0, 1)
    ax.set_ylabel(OUTCOMES["share_food"].unit(lang), fontsize=8)
    ax.legend(fontsize=6, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return fig


def prices_and_jobs(ts: pd.DataFrame, lang: str) -> Figure:
    """The consumer price index and the employment rate."""
    fig, ax = _figure(f"{OUTCOMES['cpi'].label(lang)} · {OUTCOMES['employment_rate'].label(lang)}",
                      lang)
    x = range(len(ts))
    ax.plot(x, ts["cpi"].to_numpy(float), color=style.PALETTE[0], marker="o", markersize=2.5,
            gid="cpi")
    ax.set_ylabel(_label("cpi", lang), fontsize=8, color=style.PALETTE[0])
    right = ax.twinx()
    right.plot(x, ts["employment_rate"].to_numpy(float), color=style.PALETTE[3], marker="o",
               markersize=2.5, gid="employment_rate")
    right.set_ylabel(_label("employment_rate", lang), fontsize=8, color=style.PALETTE[3])
    _quarter_ticks(ax, ts)
    return fig


def fiscal(ts: pd.DataFrame, lang: str) -> Figure:
    """The net fiscal cost and the levers' gross outlays, 亿元 a quarter."""
    columns = ["fiscal_cost", "lever_spending"]
    scale = OUTCOMES["fiscal_cost"].scale
    shown = ts[columns] / scale[0]
    unit = (scale[1] if lang == "en" else scale[2]) + (" per quarter" if lang == "en" else "/季度")
    return _lines(shown.assign(quarter=ts["quarter"]), columns,
                  [OUTCOMES[c].label(lang) for c in columns], OUTCOMES["fiscal_cost"].label(lang),
                  unit, lang)


def firm_quality(model: EconomyModel, lang: str) -> Figure:
    """The quality of the firms alive now, by count."""
    f = model.firms
    title = "Firms' quality now" if lang == "en" else "当前企业质量分布"
    fig, ax = _figure(title, lang)
    ax.hist(f.quality[f.alive], bins=30, color=style.PALETTE[2], gid="firm_quality")
    ax.set_xlabel(OUTCOMES["avg_quality"].unit(lang), fontsize=8)
    ax.set_ylabel("firms" if lang == "en" else "企业数", fontsize=8)
    return fig


def households_now(model: EconomyModel, lang: str) -> Figure:
    """Income against consumption per person this quarter, a household a point, coloured
    by kind (a fixed draw of at most SCATTER_POINTS households)."""
    h = model.households
    rows = np.arange(len(h.kind))
    if len(rows) > SCATTER_POINTS:
        rows = np.random.default_rng(0).choice(rows, SCATTER_POINTS, replace=False)
    title = ("Households now: income and consumption per person" if lang == "en"
             else "当前住户：人均收入与人均消费")
    fig, ax = _figure(title, lang)
    for k, kind in enumerate(KINDS):
        mine = rows[h.kind[rows] == k]
        people = h.persons[mine].astype(float)
        ax.scatter(h.income[mine] / people, h.spending[mine].sum(axis=1) / people, s=4,
                   alpha=0.5, color=KIND_COLOURS[kind], label=CHART_WORDS[lang][kind], gid=kind)
    unit = "yuan per person per quarter" if lang == "en" else "元/人/季度"
    ax.set_xlabel(f"{OUTCOMES['income_pc'].label(lang)} ({unit})", fontsize=8)
    ax.set_ylabel(f"{OUTCOMES['consumption_pc'].label(lang)} ({unit})", fontsize=8)
    ax.set_xscale("symlog", linthresh=1000)
    ax.legend(fontsize=8, frameon=False, markerscale=3)
    return fig


ECONOMY_CHARTS = (consumption_by_kind, upgrading, structure, prices_and_jobs, fiscal)
"""The time-series charts of the economy view, each a function of (time series, lang)."""
AGENT_CHARTS = (firm_quality, households_now)
"""The charts of the agents now, each a function of (model, lang)."""


def effect_by_scenario(comparison: pd.DataFrame, outcome: str, scenarios: list[str],
                       titles: dict[str, str], lang: str, seeds: int) -> Figure:
    """One outcome's paired change from the baseline by case (a scenario, and its swept
    values if any: sim.report.charts.case_of), with its 95% interval over seeds (the
    comparison's `change`, `change_low`, `change_high`)."""
    comparison = comparison.assign(case=case_of(comparison))
    rows = comparison[(comparison.outcome == outcome) & comparison.case.isin(scenarios)
                      & (comparison.scenario != "baseline")]
    rows = rows.sort_values("change")
    o = OUTCOMES.get(outcome)
    label = o.label(lang) if o else outcome
    unit = o.change_unit(lang, "year") if o else ""
    fig = Figure(figsize=(7.5, max(2.5, 0.32 * len(rows) + 1.2)), layout="constrained")
    style.apply(lang)
    ax = fig.subplots()
    y = np.arange(len(rows))
    change = rows["change"].to_numpy(float)
    low, high = rows["change_low"].to_numpy(float), rows["change_high"].to_numpy(float)
    ax.barh(y, change, color=[style.CASE_PALETTE[i % len(style.CASE_PALETTE)]
                              for i in range(len(rows))], gid="effects")
    ax.errorbar(change, y, xerr=[change - low, high - change], fmt="none", ecolor="#333333",
                elinewidth=0.8, capsize=2)
    ax.set_yticks(y, [titles.get(s, s) for s in rows["case"]], fontsize=8)
    ax.axvline(0.0, color="#333333", linewidth=0.8)
    ax.set_xlabel(f"{label} ({unit or (o.unit(lang, 'year') if o else '')})", fontsize=8)
    title = f"{label}: " + ("paired change from the baseline, final year; bars: 95% "
                            f"intervals over {seeds} seeds" if lang == "en" else
                            f"较基准情景的配对变化（末年；误差线：{seeds}个种子的95%区间）")
    ax.set_title(textwrap.fill(title, 75 if lang == "en" else 38), fontsize=9, loc="left")
    return fig


def gains(distribution: pd.DataFrame, scenarios: list[str], titles: dict[str, str],
          kind: str | None, decile: int | None, lang: str,
          outcome: str = "consumption_pc") -> Figure:
    """Who gains: the change in real consumption per person (`outcome` consumption_pc)
    or the welfare gain (welfare_gain_pc), final quarter, by scenario. With neither
    `kind` nor `decile`, a line over the ten income deciles per scenario; with a kind
    (urban, rural, migrant) or a decile (1-10), a bar per scenario for that group, with
    its 95% interval over seeds."""
    distribution = distribution.assign(case=case_of(distribution))
    if "outcome" in distribution:
        distribution = distribution[distribution["outcome"] == outcome]
    shown = [s for s in scenarios if s != "baseline"]
    fig = Figure(figsize=(7.5, 3.6), layout="constrained")
    style.apply(lang)
    ax = fig.subplots()
    deciles = distribution[distribution.group_type == "income_decile"]
    if kind is None and decile is None:
        for i, scenario in enumerate(shown):
            mine = deciles[deciles.case == scenario].sort_values("decile")
            ax.plot(mine["decile"].astype(int), mine["pct_change"].to_numpy(float), marker="o",
                    markersize=3, label=titles.get(scenario, scenario),
                    color=style.CASE_PALETTE[i % len(style.CASE_PALETTE)], gid=scenario)
        ax.set_xticks(range(1, 11))
        ax.set_xlabel(CHART_WORDS[lang]["decile"], fontsize=8)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=7, frameon=False)
    else:
        if kind is not None:
            rows = distribution[(distribution.group_type == "kind")
                                & (distribution["kind"] == kind)]
        else:
            rows = deciles[deciles["decile"].astype(float) == float(decile)]
        rows = rows.set_index("case").reindex(shown).dropna(subset=["pct_change"])
        pct = rows["pct_change"].to_numpy(float)
        base = rows["baseline_mean"].to_numpy(float)
        low = 100.0 * rows["diff_low"].to_numpy(float) / base
        high = 100.0 * rows["diff_high"].to_numpy(float) / base
        y = np.arange(len(rows))
        ax.barh(y, pct, color=[style.CASE_PALETTE[i % len(style.CASE_PALETTE)]
                               for i in range(len(rows))], gid="gains")
        ax.errorbar(pct, y, xerr=[pct - low, high - pct], fmt="none", ecolor="#333333",
                    elinewidth=0.8, capsize=2)
        ax.set_yticks(y, [titles.get(s, s) for s in rows.index], fontsize=8)
        ax.axvline(0.0, color="#333333", linewidth=0.8)
    group = (CHART_WORDS[lang][kind] if kind is not None else
             (f"{CHART_WORDS[lang]['decile']}: {decile}" if decile is not None else ""))
    title = CHART_WORDS[lang]["who_gains" if outcome == "consumption_pc" else "who_gains_welfare"]
    ax.set_title(title + (f" ({group})" if group else ""),
                 fontsize=9, loc="left")
    if kind is None and decile is None:
        ax.set_ylabel(CHART_WORDS[lang]["pct"], fontsize=8)
    else:
        ax.set_xlabel(CHART_WORDS[lang]["pct"], fontsize=8)
    return fig
