"""Policy-brief charts: pure functions of a sweep's tables (comparison, paths,
distribution, levers; see sim.sweep.aggregate) that return matplotlib Figures, each one
A4 landscape page. Importable from notebooks: `from sim.report import charts`.

Every chart takes a `Labels` for its language and its sweep: scenario titles come from
the scenario files; outcome labels, units and the way a change is shown from the outcome
registry (sim.economy.outcomes); the order of the scenarios (by their effect on
consumption per person) and one colour per scenario from `Labels.for_sweep`, so that a
scenario looks the same in every chart. A sweep over levers or parameters has one *case*
per scenario and combination of swept values ("consumer_credit [policy.credit.
interest_rate=0.06]"); charts draw cases.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from sim.config.errors import ConfigError
from sim.config.scenarios import catalogue
from sim.economy.constants import CATEGORIES, KINDS
from sim.economy.outcomes import OUTCOMES, Outcome
from sim.report.style import BASELINE_COLOUR, CASE_PALETTE, PALETTE, source_line, source_text

PAGE = (11.69, 8.27)  # A4 landscape, inches: every chart is one page of the brief
SCORECARD = ("consumption_pc", "upgrade_share", "quality_share", "engel",
             "urban_rural_ratio", "migrant_urban_ratio", "outbound_share", "debt_to_income")
OVER_TIME = ("consumption_pc", "employment_rate", "upgrade_share")
BASELINE = "baseline"
WORDS = {  # the few words charts need besides declared labels
    "en": {"pct": "% change from baseline", "pp": "change, percentage points",
           "points": "change from baseline", "decile": "income decile (1 = poorest)",
           "quarter": "quarter", "baseline": "baseline", "year_2016": "2016",
           "last_year": "final year", "median": "median", "p10_p90": "10th-90th percentile",
           "multiplier": "yuan of consumption per yuan of extra net fiscal cost "
                         "(programme, 2016 prices)",
           "urban": "urban", "rural": "rural", "migrant": "migrant",
           "scorecard": "Paired change from the baseline, final simulated year",
           "trajectories": "Effects over time: paired change from the baseline, by quarter",
           "who_gains": "Who gains: change in real consumption per person, final quarter",
           "who_gains_welfare": "Who gains in welfare: money-metric gain per person (quality, "
                                "variety and prices valued at what buyers pay for them), "
                                "final quarter",
           "cost": "Fiscal cost and cost-effectiveness",
           "extra_cost": "extra net fiscal cost, final year (100 million yuan a year)",
           "per_yuan": "consumption per yuan of extra net fiscal cost",
           "no_multiplier": "packages that also move levers costing nothing have no "
                            "per-yuan figure (their gain is not the fiscal levers' alone)",
           "supply_response": "Supply response: firms' quality over time, and its change "
                              "by scenario in the final year",
           "quality_change": "paired change in firm quality, final year (quality index; "
                             "bars: 95% intervals over seeds)",
           "p10": "10th percentile", "p90": "90th percentile",
           "structure": "Consumption structure: change in each category's share, final year",
           "structure_2016": "baseline shares, final year",
           "dose": "Dose-response", "from_2016": "change from the lever's 2016 value",
           "value_2016": "2016 value"},
    "zh": {"pct": "较基准变化（%）", "pp": "变化（百分点）", "points": "较基准变化",
           "decile": "收入十等分组（1为最低）", "quarter": "季度", "baseline": "基准情景",
           "year_2016": "2016年", "last_year": "末年", "median": "中位数",
           "p10_p90": "第10至90百分位",
           "multiplier": "每元新增财政净成本带动的消费（元，政策期，2016年价格）",
           "urban": "城镇户籍", "rural": "农村", "migrant": "农业转移人口",
           "scorecard": "较基准情景的配对变化（模拟末年）",
           "trajectories": "效果的时间路径：各季度较基准情景的配对变化",
           "who_gains": "谁受益：末季度人均实际消费变化",
           "who_gains_welfare": "谁的福利提高：末季度人均福利增益"
                                "（按居民对质量、品种和价格的估值折算）",
           "cost": "财政成本与成本效益",
           "extra_cost": "新增财政净成本，末年（亿元/年）",
           "per_yuan": "每元新增财政净成本带动的消费",
           "no_multiplier": "同时调整无财政成本举措的方案不计算该比值（其效果并非仅来自财政举措）",
           "supply_response": "供给响应：企业产品质量的变化及各情景末年的配对变化",
           "quality_change": "企业产品质量的配对变化，模拟末年"
                             "（质量指数；误差线为跨种子95%置信区间）",
           "p10": "第10百分位", "p90": "第90百分位",
           "structure": "消费结构：各类消费占比的变化（模拟末年）",
           "structure_2016": "基准情景末年占比",
           "dose": "剂量反应", "from_2016": "较该举措2016年取值的变化",
           "value_2016": "2016年取值"},
}


def case_of(frame: pd.DataFrame) -> pd.Series:
    """Each row's case: its scenario, and its swept values if the sweep has any."""
    variant = frame["variant"].fillna("") if "variant" in frame else pd.Series(
        "", index=frame.index)
    scenario = frame["scenario"].astype(str)
    return scenario.where(variant == "", scenario + " [" + variant.astype(str) + "]")


def _scenario(case: str) -> str:
    return case.split(" [", 1)[0]


def _cases(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["case"] = case_of(out)
    return out


@dataclass
class Labels:
    """Everything a chart writes, in one language, and the sweep's cases: their order
    (by the change in consumption per person, largest first) and colours."""

    lang: str
    scenario_titles: dict[str, str]
    scenario_clauses: dict[str, list[str]]
    seeds: int = 0
    order: list[str] = field(default_factory=list)
    colours: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, lang: str = "en", seeds: int = 0) -> Labels:
        if lang not in WORDS:
            raise ValueError(f"lang = {lang!r}: allowed are {', '.join(WORDS)}")
        titles, clauses = {}, {}
        for name, s in catalogue().items():
            if isinstance(s, ConfigError):
                continue
            titles[name] = s.title_zh if lang == "zh" else s.title_en
            clauses[name] = list(s.clauses)
        return cls(lang, titles, clauses, seeds)

    def for_sweep(self, comparison: pd.DataFrame) -> Labels:
        """These labels with the sweep's cases ordered by effect and coloured."""
        order = case_order(comparison)
        colours = {case: CASE_PALETTE[i % len(CASE_PALETTE)] for i, case in enumerate(order)}
        seeds = int(comparison["n_paired"].max()) if "n_paired" in comparison else self.seeds
        return replace(self, order=order, colours=colours, seeds=seeds)

    def word(self, key: str) -> str:
        return WORDS[self.lang][key]

    def title(self, case: str) -> str:
        """A case's title: the scenario's title, and its swept values if any."""
        scenario, _, variant = case.partition(" [")
        name = (self.word("baseline") if scenario == BASELINE
                else self.scenario_titles.get(scenario, scenario))
        return f"{name} ({variant.rstrip(']').replace('policy.', '')})" if variant else name

    def colour(self, case: str) -> str:
        if _scenario(case) == BASELINE:
            return BASELINE_COLOUR
        return self.colours.get(case, PALETTE[0])

    def cases(self, frame: pd.DataFrame) -> list[str]:
        """The frame's non-baseline cases, in the sweep's order."""
        present = [c for c in dict.fromkeys(case_of(frame)) if _scenario(c) != BASELINE]
        known = [c for c in self.order if c in present]
        return known + sorted(set(present) - set(known))

    def outcome(self, name: str) -> str:
        """The outcome's label (its name if it is not in the registry)."""
        return OUTCOMES[name].label(self.lang) if name in OUTCOMES else name

    def unit(self, name: str, period: str = "year") -> str:
        """The outcome's unit (a flow's per year, or per quarter)."""
        return OUTCOMES[name].unit(self.lang, period) if name in OUTCOMES else ""

    def footer(self, what: str | None) -> str:
        """The source line for a chart whose intervals are `what` (bars, bands,
        percentiles or None)."""
        return source_text(self.lang, self.seeds, what)

    def wrap(self, text: str, width: int) -> str:
        """`text` wrapped to `width` Latin characters (half as many Chinese ones)."""
        if self.lang == "zh":
            n = max(1, width // 2)
            return "\n".join(text[i:i + n] for i in range(0, len(text), n))
        return textwrap.fill(text, width)


def case_order(comparison: pd.DataFrame) -> list[str]:
    """Non-baseline cases by their change in consumption per person, largest first."""
    rows = _cases(comparison[comparison.outcome == "consumption_pc"])
    rows = rows[rows.scenario != BASELINE]
    return list(rows.sort_values("diff", ascending=False, na_position="last")["case"])


def default_focus(comparison: pd.DataFrame, n: int = 4) -> list[str]:
    """The cases with the largest gain in consumption per person."""
    return case_order(comparison)[:n]


def _figure(labels: Labels, title_key: str, what: str | None) -> Figure:
    """An A4 landscape page with the chart's title and its source line."""
    fig = Figure(figsize=PAGE, layout="constrained")
    fig.suptitle(labels.word(title_key), fontsize=13, x=0.01, ha="left")
    source_line(fig, labels.footer(what))
    fig.get_layout_engine().set(rect=(0, 0.04, 1, 0.96), h_pad=0.08, w_pad=0.08)
    return fig


def _with_legend_row(fig: Figure, columns: int, width_ratios: tuple[float, ...] | None = None,
                     sharey: bool = False) -> tuple[list, object]:
    """`columns` panels above a row that holds the chart's legend (a row of the layout,
    so the legend never runs into the panels or the source line)."""
    grid = fig.add_gridspec(2, columns, height_ratios=(1.0, 0.07), width_ratios=width_ratios)
    axes = []
    for i in range(columns):
        axes.append(fig.add_subplot(grid[0, i], sharey=axes[0] if sharey and axes else None))
        if sharey and i:
            axes[i].tick_params(labelleft=False)
    legend = fig.add_subplot(grid[1, :])
    legend.axis("off")
    return axes, legend


def _legend(holder, source, n: int) -> None:
    handles, names = source.get_legend_handles_labels()
    holder.legend(handles, names, loc="center", ncol=min(5, max(1, n)), fontsize=8)


def display_change(rows: pd.DataFrame, outcome: Outcome) -> pd.DataFrame:
    """The change shown for an outcome, as the registry declares it (percent,
    percentage points, a difference in its unit or in a larger one). Columns value,
    low, high."""
    out = pd.DataFrame(index=rows.index)
    for column, diff, pct in (("value", "diff", "pct_change"), ("low", "diff_low", "pct_low"),
                              ("high", "diff_high", "pct_high")):
        d = rows[diff].astype(float) if diff in rows else pd.Series(np.nan, index=rows.index)
        p = rows[pct].astype(float) if pct in rows else pd.Series(np.nan, index=rows.index)
        out[column] = [outcome.shown_change(a, b) for a, b in zip(d, p, strict=True)]
    return out


def _axis_word(outcome: Outcome, labels: Labels) -> str:
    if outcome.scale is not None:
        return outcome.change_unit(labels.lang)
    return {"percent": labels.word("pct"), "pp": labels.word("pp")}.get(
        outcome.change, labels.word("points"))


def _quarter_axis(ax, quarters: pd.Series, labels: Labels) -> None:
    ticks = quarters.index[::4]
    ax.set_xticks(ticks, [quarters[t][:4] for t in ticks])
    ax.set_xlabel(labels.word("quarter"))


def scorecard(comparison: pd.DataFrame, labels: Labels) -> Figure:
    """Paired change of each headline outcome for each case, with 95% intervals, cases
    sorted by their effect on consumption per person."""
    labels = labels if labels.order else labels.for_sweep(comparison)
    frame = _cases(comparison)
    cases = labels.cases(frame)
    fig = _figure(labels, "scorecard", "bars")
    axes = fig.subplots(2, 4, sharey=True)
    y = np.arange(len(cases))
    for ax, outcome in zip(axes.flat, SCORECARD, strict=True):
        rows = frame[frame.outcome == outcome].set_index("case").reindex(cases)
        shown = display_change(rows, OUTCOMES[outcome])
        ax.barh(y, shown["value"].fillna(0.0), color=[labels.colour(c) for c in cases],
                height=0.7, gid=outcome)
        err = np.vstack([shown["value"] - shown["low"], shown["high"] - shown["value"]])
        ax.errorbar(shown["value"], y, xerr=np.nan_to_num(err), fmt="none", ecolor="#333333",
                    elinewidth=0.8, capsize=2)
        ax.axvline(0.0, color="#333333", linewidth=0.8)
        ax.set_title(labels.wrap(labels.outcome(outcome), 28), fontsize=9)
        ax.set_xlabel(_axis_word(OUTCOMES[outcome], labels))
        ax.grid(axis="y", visible=False)
    names = [labels.wrap(labels.title(c), 40) for c in cases]
    for row in axes:
        row[0].set_yticks(y, names, fontsize=7.5)
    axes[0, 0].invert_yaxis()
    return fig


def effects_over_time(paths: pd.DataFrame, labels: Labels, cases: list[str]) -> Figure:
    """The paired change of consumption per person, the employment rate and the
    upgrade share, quarter by quarter, for `cases`, with 95% bands over seeds: the
    transition as well as the final year."""
    frame = _cases(paths)
    fig = _figure(labels, "trajectories", "bands")
    axes, legend = _with_legend_row(fig, len(OVER_TIME))
    quarters = frame.drop_duplicates("step").set_index("step")["quarter"].sort_index()
    for ax, outcome in zip(axes, OVER_TIME, strict=True):
        for case in cases:
            rows = frame[(frame.case == case) & (frame.outcome == outcome)].sort_values("step")
            if rows.empty:
                continue
            shown = display_change(rows, OUTCOMES[outcome])
            colour = labels.colour(case)
            ax.plot(rows["step"], shown["value"], color=colour, linewidth=1.5, gid=case,
                    label=labels.wrap(labels.title(case), 34))
            ax.fill_between(rows["step"], shown["low"], shown["high"], color=colour,
                            alpha=0.15, linewidth=0)
        ax.axhline(0.0, color="#333333", linewidth=0.8)
        ax.set_title(labels.wrap(labels.outcome(outcome), 34), fontsize=10)
        ax.set_ylabel(_axis_word(OUTCOMES[outcome], labels))
        _quarter_axis(ax, quarters, labels)
    _legend(legend, axes[0], len(cases))
    return fig


def who_gains(distribution: pd.DataFrame, labels: Labels, cases: list[str],
              outcome: str = "consumption_pc") -> Figure:
    """Change in real consumption per person (`outcome` consumption_pc), or the welfare
    gain (welfare_gain_pc, as a percentage of the baseline's money-metric consumption),
    by income decile and by household kind."""
    frame = _cases(distribution)
    if "outcome" in frame:
        frame = frame[frame["outcome"] == outcome]
    fig = _figure(labels, "who_gains" if outcome == "consumption_pc" else "who_gains_welfare",
                  "bands_bars")
    (ax_decile, ax_kind), legend = _with_legend_row(fig, 2, width_ratios=(3, 2))
    width = 0.8 / max(1, len(cases))
    for i, case in enumerate(cases):
        colour = labels.colour(case)
        rows = frame[frame.case == case]
        dec = rows[rows.group_type == "income_decile"].sort_values("decile")
        x = dec["decile"].astype(int).to_numpy()
        base = dec["baseline_mean"].to_numpy(float)
        ax_decile.plot(x, dec["pct_change"].to_numpy(float), marker="o", markersize=3,
                       color=colour, label=labels.wrap(labels.title(case), 40), gid=case)
        ax_decile.fill_between(x, 100.0 * dec["diff_low"].to_numpy(float) / base,
                               100.0 * dec["diff_high"].to_numpy(float) / base, color=colour,
                               alpha=0.15, linewidth=0)
        kinds = rows[rows.group_type == "kind"].set_index("kind").reindex(list(KINDS))
        k_pct = kinds["pct_change"].to_numpy(float)
        k_err = 100.0 * (kinds["diff_high"] - kinds["diff"]).to_numpy(float) / kinds[
            "baseline_mean"].to_numpy(float)
        ax_kind.bar(np.arange(len(KINDS)) + (i - (len(cases) - 1) / 2) * width,
                    np.nan_to_num(k_pct), width=width, color=colour, gid=case,
                    yerr=np.nan_to_num(k_err), capsize=2, error_kw={"elinewidth": 0.8})
    for ax in (ax_decile, ax_kind):
        ax.axhline(0.0, color="#333333", linewidth=0.8)
        ax.set_ylabel(labels.word("pct"))
    ax_decile.set_xticks(range(1, 11))
    ax_decile.set_xlabel(labels.word("decile"))
    ax_kind.set_xticks(range(len(KINDS)), [labels.word(k) for k in KINDS])
    ax_kind.grid(axis="x", visible=False)
    _legend(legend, ax_decile, len(cases))
    return fig


def cost_effectiveness(comparison: pd.DataFrame, labels: Labels) -> Figure:
    """Left: each case's extra fiscal cost in the final year (亿元 a year). Right: extra
    consumption per yuan of extra fiscal cost, for the cases whose every changed lever
    spends public money."""
    labels = labels if labels.order else labels.for_sweep(comparison)
    frame = _cases(comparison)
    cases = labels.cases(frame)
    fig = _figure(labels, "cost", "bars")
    ax_cost, ax_yuan = fig.subplots(1, 2, sharey=True)
    y = np.arange(len(cases))
    cost = frame[frame.outcome == "fiscal_cost"].set_index("case").reindex(cases)
    shown = display_change(cost, OUTCOMES["fiscal_cost"])
    ax_cost.barh(y, shown["value"].fillna(0.0), color=[labels.colour(c) for c in cases],
                 height=0.7, gid="fiscal_cost")
    err = np.vstack([shown["value"] - shown["low"], shown["high"] - shown["value"]])
    ax_cost.errorbar(shown["value"], y, xerr=np.nan_to_num(err), fmt="none",
                     ecolor="#333333", elinewidth=0.8, capsize=2)
    ax_cost.set_xlabel(labels.word("extra_cost"))
    per = frame[frame.outcome == "consumption_multiplier"].set_index("case").reindex(cases)
    value = per["diff"].to_numpy(float)
    ax_yuan.barh(y, np.nan_to_num(value), color=[labels.colour(c) for c in cases],
                 height=0.7, gid="multiplier")
    err = np.vstack([per["diff"] - per["diff_low"], per["diff_high"] - per["diff"]])
    ax_yuan.errorbar(value, y, xerr=np.nan_to_num(err), fmt="none", ecolor="#333333",
                     elinewidth=0.8, capsize=2)
    for i in np.flatnonzero(~np.isfinite(value)):
        ax_yuan.text(0.0, y[i], " –", va="center", ha="left", fontsize=8, color="#555555")
    ax_yuan.set_xlabel(labels.word("multiplier"))
    ax_yuan.set_title(labels.wrap(labels.word("no_multiplier"), 80), fontsize=8,
                      color="#555555", loc="left")
    ax_cost.set_yticks(y, [labels.wrap(labels.title(c), 40) for c in cases], fontsize=7.5)
    ax_cost.invert_yaxis()
    for ax in (ax_cost, ax_yuan):
        ax.axvline(0.0, color="#333333", linewidth=0.8)
        ax.grid(axis="y", visible=False)
    return fig


def supply_response(paths: pd.DataFrame, labels: Labels, case: str,
                    comparison: pd.DataFrame | None = None) -> Figure:
    """Left: firms' quality over time (median and 10th-90th percentiles across firms,
    the mean over seeds), baseline against `case`. Right (with a `comparison`): each
    case's paired change in the 10th, 50th and 90th percentiles of firm quality in the
    final year, with 95% intervals over seeds."""
    frame = _cases(paths)
    fig = _figure(labels, "supply_response", "percentiles")
    if comparison is None:
        ax = fig.subplots()
    else:
        ax, ax_change = fig.subplots(1, 2, width_ratios=(3, 2))
        _quality_changes(ax_change, comparison, labels)
    quarters = frame.drop_duplicates("step").set_index("step")["quarter"].sort_index()
    mine = frame[frame.case == case]
    for name, column, colour in ((labels.word("baseline"), "baseline_mean", BASELINE_COLOUR),
                                 (labels.title(case), "mean", labels.colour(case))):
        q = {p: mine[mine.outcome == f"firm_quality_p{p}"].set_index("step")[column]
             .sort_index() for p in (10, 50, 90)}
        if q[50].empty:
            continue
        ax.plot(q[50].index, q[50], color=colour, linewidth=1.8, gid=column,
                label=f"{name}: {labels.word('median')}")
        ax.fill_between(q[10].index, q[10], q[90], color=colour, alpha=0.2, linewidth=0,
                        label=f"{name}: {labels.word('p10_p90')}")
    _quarter_axis(ax, quarters, labels)
    ax.set_ylabel(labels.wrap(labels.unit("firm_quality_p50"), 60))
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left")
    return fig


def _quality_changes(ax, comparison: pd.DataFrame, labels: Labels) -> None:
    """Each case's final-year change in firm-quality percentiles, dots with 95% bars."""
    labels = labels if labels.order else labels.for_sweep(comparison)
    frame = _cases(comparison)
    cases = [c for c in labels.cases(frame) if _scenario(c) != BASELINE]
    y = np.arange(len(cases))
    for k, (pct, marker) in enumerate(((10, "v"), (50, "o"), (90, "^"))):
        rows = frame[frame.outcome == f"firm_quality_p{pct}"].set_index("case").reindex(cases)
        value = rows["diff"].to_numpy(float)
        err = np.vstack([value - rows["diff_low"].to_numpy(float),
                         rows["diff_high"].to_numpy(float) - value])
        offset = y + (k - 1) * 0.25
        ax.errorbar(value, offset, xerr=np.nan_to_num(err), fmt=marker, markersize=4,
                    color=["#7f7f7f", "#333333", "#7f7f7f"][k], elinewidth=0.8, capsize=1.5,
                    label=labels.word({10: "p10", 50: "median", 90: "p90"}[pct]),
                    gid=f"quality_p{pct}")
    ax.axvline(0.0, color="#333333", linewidth=0.8)
    ax.set_yticks(y, [labels.wrap(labels.title(c), 30) for c in cases], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel(labels.wrap(labels.word("quality_change"), 50))
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=7)


def consumption_structure(comparison: pd.DataFrame, labels: Labels,
                          cases: list[str]) -> Figure:
    """Left: the baseline's shares of the eight categories in the final year. Right:
    each case's paired change in every share, in percentage points, with 95% bars (the
    differences a stacked bar would round away)."""
    frame = _cases(comparison)
    fig = _figure(labels, "structure", "bars")
    (ax_base, ax_change), legend = _with_legend_row(fig, 2, width_ratios=(1, 3), sharey=True)
    names = [f"share_{c}" for c in CATEGORIES]
    y = np.arange(len(names))
    base = frame[frame.outcome.isin(names) & (frame.scenario == BASELINE)]
    base = base.drop_duplicates("outcome").set_index("outcome").reindex(names)
    ax_base.barh(y, 100.0 * base["mean"].to_numpy(float), color=BASELINE_COLOUR, height=0.6)
    for i, share in enumerate(100.0 * base["mean"].to_numpy(float)):
        if np.isfinite(share):
            ax_base.text(share, i, f" {share:.1f}", va="center", fontsize=7)
    ax_base.set_xlabel(f"{labels.word('structure_2016')} (%)")
    ax_base.set_xlim(0, 100.0 * np.nanmax(base["mean"].to_numpy(float)) * 1.3 + 1)
    height = 0.8 / max(1, len(cases))
    for i, case in enumerate(cases):
        rows = frame[(frame.case == case) & frame.outcome.isin(names)]
        rows = rows.set_index("outcome").reindex(names)
        pp = 100.0 * rows[["diff", "diff_low", "diff_high"]].astype(float)
        offset = y + (i - (len(cases) - 1) / 2) * height
        ax_change.barh(offset, pp["diff"].fillna(0.0), height=height, color=labels.colour(case),
                       label=labels.wrap(labels.title(case), 40), gid=case)
        err = np.vstack([pp["diff"] - pp["diff_low"], pp["diff_high"] - pp["diff"]])
        ax_change.errorbar(pp["diff"], offset, xerr=np.nan_to_num(err), fmt="none",
                           ecolor="#333333", elinewidth=0.7, capsize=1.5)
    ax_change.axvline(0.0, color="#333333", linewidth=0.8)
    ax_change.set_xlabel(labels.word("pp"))
    ax_base.set_yticks(y, [labels.wrap(labels.outcome(n), 30) for n in names], fontsize=8)
    ax_base.invert_yaxis()
    for ax in (ax_base, ax_change):
        ax.grid(axis="y", visible=False)
    _legend(legend, ax_change, len(cases))
    return fig


def dose_response(table: pd.DataFrame, outcome: str, labels: Labels) -> Figure:
    """One lever's dose-response (sim.sweep.dose): the paired change of `outcome` from
    the run at the lever's 2016 value, against the lever's value, with the 95% band."""
    from sim.config.levers import LEVERS

    rows = table[table.outcome == outcome].sort_values("value")
    lever = LEVERS[rows["lever"].iloc[0].removeprefix("policy.")]
    fig = Figure(figsize=(6, 3.8), layout="constrained")
    name = lever.label_zh if labels.lang == "zh" else lever.label_en
    fig.suptitle(f"{labels.word('dose')}: {name}", fontsize=11, x=0.01, ha="left")
    ax = fig.subplots()
    seeds = int(rows["n_paired"].max())
    words = {"en": f"final simulated year; band: 95% interval over {seeds} paired seeds",
             "zh": f"模拟末年；阴影：{seeds}个配对随机种子的95%置信区间"}
    ax.set_title(words[labels.lang], loc="left", fontsize=8, color="#555555")
    ax.plot(rows["value"], rows["change"], marker="o", color=PALETTE[0], gid=outcome)
    ax.fill_between(rows["value"], rows["change_low"], rows["change_high"], color=PALETTE[0],
                    alpha=0.2, linewidth=0)
    ax.axhline(0.0, color="#333333", linewidth=0.8)
    ax.axvline(float(lever.baseline), color=BASELINE_COLOUR, linestyle="--", linewidth=0.8,
               label=f"{labels.word('value_2016')} ({float(lever.baseline):g})")
    ax.set_xlabel(f"{name} ({lever.unit})")
    unit = rows["change_unit"].iloc[0]
    ax.set_ylabel(f"{labels.outcome(outcome)}\n{labels.word('from_2016')} ({unit})")
    ax.legend(loc="best", fontsize=8)
    return fig
