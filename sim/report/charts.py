"""Policy-brief charts: pure functions of a sweep's tables (comparison, runs,
distribution; see sim.aggregate) that return matplotlib Figures. Importable from
notebooks: `from sim.charts import scorecard`.

Every chart takes a `Labels` for its language: scenario titles come from the scenario
files, outcome labels, units and the way a change is shown from the outcome registry
(sim.economy.outcomes), never from chart code.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from scipy import stats

from sim.config.errors import ConfigError
from sim.config.scenarios import catalogue
from sim.economy.constants import CATEGORIES, KINDS
from sim.economy.outcomes import OUTCOMES, Outcome
from sim.report.style import BASELINE_COLOUR, PALETTE, source_line

SCORECARD = ("consumption_pc", "upgrade_share", "quality_share", "engel",
             "urban_rural_ratio", "migrant_urban_ratio", "outbound_share", "debt_to_income")
BASELINE = "baseline"
WORDS = {  # the few words charts need besides declared labels
    "en": {"pct": "% change from baseline", "pp": "change, percentage points",
           "points": "change from baseline", "decile": "income decile (1 = poorest)",
           "quarter": "quarter", "baseline": "baseline", "year_2016": "2016",
           "last_year": "final year", "median": "median", "p10_p90": "10th-90th percentile",
           "multiplier": "yuan of consumption per yuan of fiscal cost",
           "urban": "urban", "rural": "rural", "migrant": "migrant",
           "per_quarter": "yuan per person per quarter", "share_pct": "% of consumption",
           "demand": "demand side", "supply": "supply side",
           "scorecard": "Paired change from the baseline, final year",
           "trajectories": "Consumption upgrading over time",
           "who_gains": "Who gains: change in real consumption per person",
           "cost": "Cost-effectiveness of fiscal levers",
           "supply_response": "Supply response: firms' quality",
           "structure": "Consumption structure",
           "dose": "Dose-response", "from_2016": "change from the lever's 2016 value",
           "value_2016": "2016 value"},
    "zh": {"pct": "较基准变化（%）", "pp": "变化（百分点）", "points": "较基准变化",
           "decile": "收入十等分组（1为最低）", "quarter": "季度", "baseline": "基准情景",
           "year_2016": "2016年", "last_year": "末年", "median": "中位数",
           "p10_p90": "第10至90百分位", "multiplier": "每元财政支出带动的消费（元）",
           "urban": "城镇户籍", "rural": "农村", "migrant": "农业转移人口",
           "per_quarter": "元/人/季度", "share_pct": "占消费比重（%）",
           "demand": "补需方", "supply": "补供方",
           "scorecard": "较基准情景的配对变化（末年）",
           "trajectories": "消费升级的时间路径",
           "who_gains": "谁受益：人均实际消费变化",
           "cost": "财政政策的成本效益",
           "supply_response": "供给响应：企业产品质量",
           "structure": "消费结构",
           "dose": "剂量反应", "from_2016": "较该举措2016年取值的变化",
           "value_2016": "2016年取值"},
}


@dataclass
class Labels:
    """Everything a chart writes, in one language."""

    lang: str
    scenario_titles: dict[str, str]
    scenario_clauses: dict[str, list[str]]
    source: str = ""

    @classmethod
    def load(cls, lang: str = "en", source: str = "") -> Labels:
        if lang not in WORDS:
            raise ValueError(f"lang = {lang!r}: allowed are {', '.join(WORDS)}")
        titles, clauses = {}, {}
        for name, s in catalogue().items():
            if isinstance(s, ConfigError):
                continue
            titles[name] = s.title_zh if lang == "zh" else s.title_en
            clauses[name] = list(s.clauses)
        return cls(lang, titles, clauses, source)

    def word(self, key: str) -> str:
        return WORDS[self.lang][key]

    def title(self, scenario: str) -> str:
        return self.scenario_titles.get(scenario, scenario)

    def outcome(self, name: str) -> str:
        """The outcome's label (its name if it is not in the registry)."""
        return OUTCOMES[name].label(self.lang) if name in OUTCOMES else name

    def unit(self, name: str, period: str = "year") -> str:
        """The outcome's unit (a flow's per year, or per quarter)."""
        return OUTCOMES[name].unit(self.lang, period) if name in OUTCOMES else ""


def _figure(width: float, height: float, labels: Labels, title_key: str) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    fig.suptitle(labels.word(title_key), fontsize=12, x=0.01, ha="left")
    if labels.source:
        source_line(fig, labels.source)
        fig.get_layout_engine().set(rect=(0, 0.03, 1, 0.97))
    return fig


def display_change(rows: pd.DataFrame, outcome: Outcome) -> pd.DataFrame:
    """The change shown for an outcome, as the registry declares it (percent,
    percentage points or a difference in its unit). Columns value, low, high."""
    if outcome.change == "percent":
        cols, factor = ("pct_change", "pct_low", "pct_high"), 1.0
    else:
        cols, factor = ("diff", "diff_low", "diff_high"), 100.0 if outcome.change == "pp" else 1.0
    out = rows[list(cols)].astype(float) * factor
    out.columns = ["value", "low", "high"]
    return out


def _axis_word(outcome: Outcome, labels: Labels) -> str:
    return {"percent": labels.word("pct"), "pp": labels.word("pp")}.get(
        outcome.change, labels.word("points"))


def scenario_order(comparison: pd.DataFrame, labels: Labels) -> list[str]:
    """Non-baseline scenarios in catalogue order."""
    present = set(comparison["scenario"]) - {BASELINE}
    known = [s for s in labels.scenario_titles if s in present]
    return known + sorted(present - set(known))


def scorecard(comparison: pd.DataFrame, labels: Labels) -> Figure:
    """Paired change of each headline outcome for each scenario, with 95% intervals."""
    scenarios = scenario_order(comparison, labels)
    fig = _figure(11, 1.2 + 0.32 * len(scenarios) * 2, labels, "scorecard")
    axes = fig.subplots(2, 4, sharey=True)
    y = np.arange(len(scenarios))
    for ax, outcome in zip(axes.flat, SCORECARD, strict=True):
        rows = (comparison[comparison.outcome == outcome].set_index("scenario")
                .reindex(scenarios))
        shown = display_change(rows, OUTCOMES[outcome])
        colours = [PALETTE[i % len(PALETTE)] for i in range(len(scenarios))]
        ax.barh(y, shown["value"].fillna(0.0), color=colours, height=0.7, gid=outcome)
        err = np.vstack([shown["value"] - shown["low"], shown["high"] - shown["value"]])
        ax.errorbar(shown["value"], y, xerr=np.nan_to_num(err), fmt="none", ecolor="#333333",
                    elinewidth=0.8, capsize=2)
        ax.axvline(0.0, color="#333333", linewidth=0.8)
        ax.set_title(labels.outcome(outcome))
        ax.set_xlabel(_axis_word(OUTCOMES[outcome], labels))
        ax.grid(axis="y", visible=False)
    axes[0, 0].set_yticks(y, [labels.title(s) for s in scenarios])
    axes[1, 0].set_yticks(y, [labels.title(s) for s in scenarios])
    axes[0, 0].invert_yaxis()
    return fig


def _band(frame: pd.DataFrame) -> pd.DataFrame:
    """Mean and 95% t-interval over seeds, by step."""
    def one(values: pd.Series) -> pd.Series:
        v = values.to_numpy(float)
        mean = v.mean()
        if len(v) < 2:
            return pd.Series({"mean": mean, "low": mean, "high": mean})
        half = stats.t.ppf(0.975, len(v) - 1) * v.std(ddof=1) / np.sqrt(len(v))
        return pd.Series({"mean": mean, "low": mean - half, "high": mean + half})
    return frame.groupby("step")["value"].apply(one).unstack()


def default_focus(comparison: pd.DataFrame, n: int = 4) -> list[str]:
    """The scenarios with the largest gain in consumption per person."""
    rows = comparison[(comparison.outcome == "consumption_pc")
                      & (comparison.scenario != BASELINE)].dropna(subset=["diff"])
    return list(rows.sort_values("diff", ascending=False)["scenario"].head(n))


def trajectories(runs: pd.DataFrame, labels: Labels, scenarios: list[str]) -> Figure:
    """Upgrade share and consumption per person over the quarters, baseline and
    `scenarios`, with 95% bands over seeds."""
    fig = _figure(11, 4.2, labels, "trajectories")
    axes = fig.subplots(1, 2)
    quarters = runs.drop_duplicates("step").set_index("step")["quarter"].sort_index()
    for ax, outcome, scale in zip(axes, ("upgrade_share", "consumption_pc"), (100.0, 1.0),
                                  strict=True):
        for i, scenario in enumerate([BASELINE, *scenarios]):
            rows = runs[(runs.scenario == scenario) & (runs.outcome == outcome)]
            if rows.empty:
                continue
            band = _band(rows) * scale
            colour = BASELINE_COLOUR if scenario == BASELINE else PALETTE[(i - 1) % len(PALETTE)]
            name = labels.word("baseline") if scenario == BASELINE else labels.title(scenario)
            ax.plot(band.index, band["mean"], color=colour, label=name, gid=scenario,
                    linewidth=2.0 if scenario == BASELINE else 1.4)
            ax.fill_between(band.index, band["low"], band["high"], color=colour, alpha=0.18,
                            linewidth=0)
        ax.set_title(labels.outcome(outcome))
        ax.set_ylabel(labels.word("share_pct") if scale == 100.0 else labels.word("per_quarter"))
        ticks = quarters.index[::4]
        ax.set_xticks(ticks, [quarters[t][:4] for t in ticks])
        ax.set_xlabel(labels.word("quarter"))
    axes[1].legend(loc="upper left")
    return fig


def who_gains(distribution: pd.DataFrame, labels: Labels, scenarios: list[str]) -> Figure:
    """Change in real consumption per person by income decile and by household kind."""
    fig = _figure(11, 4.2, labels, "who_gains")
    ax_decile, ax_kind = fig.subplots(1, 2, width_ratios=(3, 2))
    width = 0.8 / max(1, len(scenarios))
    for i, scenario in enumerate(scenarios):
        colour = PALETTE[i % len(PALETTE)]
        rows = distribution[distribution.scenario == scenario]
        dec = rows[rows.group_type == "income_decile"].sort_values("decile")
        x = dec["decile"].astype(int).to_numpy()
        pct = dec["pct_change"].to_numpy(float)
        low = 100.0 * dec["diff_low"].to_numpy(float) / dec["baseline_mean"].to_numpy(float)
        high = 100.0 * dec["diff_high"].to_numpy(float) / dec["baseline_mean"].to_numpy(float)
        ax_decile.plot(x, pct, marker="o", markersize=3, color=colour,
                       label=labels.title(scenario), gid=scenario)
        ax_decile.fill_between(x, low, high, color=colour, alpha=0.15, linewidth=0)
        kinds = rows[rows.group_type == "kind"].set_index("kind").reindex(list(KINDS))
        k_pct = kinds["pct_change"].to_numpy(float)
        k_err = 100.0 * (kinds["diff_high"] - kinds["diff"]).to_numpy(float) / kinds[
            "baseline_mean"].to_numpy(float)
        ax_kind.bar(np.arange(len(KINDS)) + (i - (len(scenarios) - 1) / 2) * width,
                    np.nan_to_num(k_pct), width=width, color=colour, gid=scenario,
                    yerr=np.nan_to_num(k_err), capsize=2, error_kw={"elinewidth": 0.8})
    for ax in (ax_decile, ax_kind):
        ax.axhline(0.0, color="#333333", linewidth=0.8)
        ax.set_ylabel(labels.word("pct"))
    ax_decile.set_xticks(range(1, 11))
    ax_decile.set_xlabel(labels.word("decile"))
    ax_kind.set_xticks(range(len(KINDS)), [labels.word(k) for k in KINDS])
    ax_kind.grid(axis="x", visible=False)
    ax_decile.legend(loc="best")
    return fig


def cost_effectiveness(comparison: pd.DataFrame, labels: Labels) -> Figure:
    """Extra consumption per yuan of fiscal cost, with the demand- and supply-side
    subsidy scenarios side by side."""
    rows = comparison[comparison.outcome == "consumption_multiplier"].dropna(subset=["diff"])
    pair = [s for s in ("demand_side_subsidy", "supply_side_subsidy") if s in set(rows.scenario)]
    others = [s for s in scenario_order(rows, labels) if s not in pair]
    order = pair + others
    fig = _figure(8, 1.4 + 0.45 * max(1, len(order)), labels, "cost")
    ax = fig.subplots()
    rows = rows.set_index("scenario").reindex(order)
    y = np.arange(len(order))
    colours = [PALETTE[0] if s == "demand_side_subsidy" else PALETTE[1]
               if s == "supply_side_subsidy" else "#999999" for s in order]
    ax.barh(y, rows["diff"].to_numpy(float), color=colours, height=0.6, gid="multiplier")
    err = np.vstack([rows["diff"] - rows["diff_low"], rows["diff_high"] - rows["diff"]])
    ax.errorbar(rows["diff"], y, xerr=np.nan_to_num(err), fmt="none", ecolor="#333333",
                elinewidth=0.8, capsize=2)
    names = [labels.title(s) for s in order]
    for i, s in enumerate(order):
        if s == "demand_side_subsidy":
            names[i] += f" ({labels.word('demand')})"
        if s == "supply_side_subsidy":
            names[i] += f" ({labels.word('supply')})"
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.axvline(0.0, color="#333333", linewidth=0.8)
    ax.set_xlabel(labels.word("multiplier"))
    ax.grid(axis="y", visible=False)
    return fig


def supply_response(runs: pd.DataFrame, labels: Labels, scenario: str) -> Figure:
    """Distribution of firms' quality over time (median and 10th-90th percentiles,
    averaged over seeds), baseline vs `scenario`."""
    fig = _figure(8, 4.2, labels, "supply_response")
    ax = fig.subplots()
    quarters = runs.drop_duplicates("step").set_index("step")["quarter"].sort_index()
    for name, colour in ((BASELINE, BASELINE_COLOUR), (scenario, PALETTE[0])):
        q = {p: runs[(runs.scenario == name) & (runs.outcome == f"firm_quality_p{p}")]
             .groupby("step")["value"].mean() for p in (10, 50, 90)}
        if q[50].empty:
            continue
        label = labels.word("baseline") if name == BASELINE else labels.title(name)
        ax.plot(q[50].index, q[50], color=colour, linewidth=1.8, gid=name,
                label=f"{label}: {labels.word('median')}")
        ax.fill_between(q[10].index, q[10], q[90], color=colour, alpha=0.2, linewidth=0,
                        label=f"{label}: {labels.word('p10_p90')}")
    ticks = quarters.index[::4]
    ax.set_xticks(ticks, [quarters[t][:4] for t in ticks])
    ax.set_xlabel(labels.word("quarter"))
    ax.set_ylabel(labels.unit("firm_quality_p50"))
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left")
    return fig


def consumption_structure(runs: pd.DataFrame, labels: Labels, scenario: str) -> Figure:
    """Shares of the eight categories: 2016 vs the final year, baseline and `scenario`."""
    fig = _figure(10, 3.6, labels, "structure")
    ax = fig.subplots()
    steps = sorted(runs["step"].unique())
    first, last = steps[:4], steps[-4:]
    bars = [(labels.word("year_2016"), BASELINE, first),
            (f"{labels.word('baseline')}, {labels.word('last_year')}", BASELINE, last),
            (f"{labels.title(scenario)}, {labels.word('last_year')}", scenario, last)]
    shares = np.zeros((len(bars), len(CATEGORIES)))
    for i, (_, name, window) in enumerate(bars):
        rows = runs[(runs.scenario == name) & runs.step.isin(window)]
        for c, cat in enumerate(CATEGORIES):
            shares[i, c] = 100.0 * rows[rows.outcome == f"share_{cat}"]["value"].mean()
    shares = np.nan_to_num(shares)
    left = np.zeros(len(bars))
    colours = [*PALETTE, "#999999"]
    for c, cat in enumerate(CATEGORIES):
        ax.barh(range(len(bars)), shares[:, c], left=left, color=colours[c], height=0.6,
                label=labels.outcome(f"share_{cat}"), gid=cat)
        for i in range(len(bars)):
            if shares[i, c] >= 4:
                ax.text(left[i] + shares[i, c] / 2, i, f"{shares[i, c]:.0f}", ha="center",
                        va="center", fontsize=7, color="white")
        left += shares[:, c]
    ax.set_yticks(range(len(bars)), [b[0] for b in bars])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(labels.word("share_pct"))
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=4)
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
    if labels.source:
        source_line(fig, labels.source)
    return fig
