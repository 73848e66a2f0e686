"""`python -m sim.brief SWEEP_DIR [lang=en|zh] [focus=SCENARIO]`: the policy brief of a
sweep, from its aggregated tables (sim.aggregate), into SWEEP_DIR/brief/<lang>/:

- one PNG (200 dpi) and one SVG per chart: scorecard, trajectories, who_gains,
  cost_effectiveness, supply_response, consumption_structure;
- brief.html: one page with the headline table, the charts, the scenarios with their
  plan clauses, the number of seeds, the model version and the date;
- brief.pdf: a summary page (headline table and scenarios), then one page per chart.

`focus` is the scenario shown against the baseline in the single-scenario charts
(default: full_plan if the sweep has it).
"""

from __future__ import annotations

import datetime as dt
import html
import sys
import textwrap
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from sim import __version__
from sim.economy.outcomes import OUTCOMES, Outcome
from sim.report import charts, style
from sim.sweep.aggregate import aggregate

CHARTS = ("scorecard", "trajectories", "who_gains", "cost_effectiveness", "supply_response",
          "consumption_structure")
TABLE_OUTCOMES = ("consumption_pc", "consumption_pc_rural", "consumption_pc_migrant",
                  "upgrade_share", "quality_share", "fiscal_cost", "consumption_multiplier")
TITLE = {"en": "Guangdong new consumption plan: which levers lift consumption upgrading",
         "zh": "广东新消费引领新供给政策模拟：哪些举措最能推动消费升级"}
WORDS = {
    "en": {"scenario": "Scenario", "clauses": "Plan clauses", "seeds": "seeds",
           "version": "model version", "date": "date", "sweep": "sweep",
           "note": "Final simulated year; paired change from the baseline at the same seeds "
                   "[95% confidence interval]: in %, in percentage points (pp) for shares, "
                   "the multiplier in yuan of consumption per yuan of fiscal cost."},
    "zh": {"scenario": "情景", "clauses": "对应条款", "seeds": "个随机种子",
           "version": "模型版本", "date": "日期", "sweep": "模拟批次",
           "note": "末年数值；与相同随机种子下基准情景的配对差异［95%置信区间］。"
                   "金额类指标为百分比变化，比重类为百分点，乘数为每元财政支出带动的消费（元）。"},
}


def _cell(row: pd.Series | None, outcome: Outcome, lang: str) -> str:
    if row is None or not np.isfinite(row.get("diff", np.nan)):
        return ""
    if outcome.change == "value":
        return f"{row['diff']:.2f} [{row['diff_low']:.2f}, {row['diff_high']:.2f}]"
    shown = charts.display_change(row.to_frame().T, outcome).iloc[0]
    unit = outcome.change_unit(lang)
    return f"{shown['value']:+.2f}{unit} [{shown['low']:+.2f}, {shown['high']:+.2f}]"


def headline_table(comparison: pd.DataFrame, labels: charts.Labels) -> pd.DataFrame:
    """Scenario x headline outcome, as display strings."""
    rows = {}
    for scenario in charts.scenario_order(comparison, labels):
        mine = comparison[comparison.scenario == scenario].set_index("outcome")
        rows[labels.title(scenario)] = {
            labels.outcome(o): _cell(mine.loc[o] if o in mine.index else None, OUTCOMES[o],
                                     labels.lang)
            for o in TABLE_OUTCOMES}
    return pd.DataFrame.from_dict(rows, orient="index")


def build_figures(tables: dict[str, pd.DataFrame], labels: charts.Labels,
                  focus: str) -> dict[str, Figure]:
    """Every chart of the brief."""
    comparison, runs, distribution = (tables["comparison"], tables["runs"],
                                      tables["distribution"])
    leaders = charts.default_focus(comparison)
    return {
        "scorecard": charts.scorecard(comparison, labels),
        "trajectories": charts.trajectories(runs, labels, leaders),
        "who_gains": charts.who_gains(distribution, labels, leaders),
        "cost_effectiveness": charts.cost_effectiveness(comparison, labels),
        "supply_response": charts.supply_response(runs, labels, focus),
        "consumption_structure": charts.consumption_structure(runs, labels, focus),
    }


def _summary_page(table: pd.DataFrame, labels: charts.Labels, meta: str,
                  scenarios: list[str]) -> Figure:
    fig = Figure(figsize=(11.7, 8.3))
    fig.text(0.03, 0.96, TITLE[labels.lang], fontsize=15, va="top")
    fig.text(0.03, 0.92, meta, fontsize=8, color="#555555", va="top")
    height = min(0.62, 0.032 * (len(table) + 1))
    ax = fig.add_axes((0.2, 0.88 - height, 0.78, height))
    ax.axis("off")
    cells = ax.table(cellText=table.to_numpy(), rowLabels=list(table.index),
                     colLabels=[textwrap.fill(c, 22) for c in table.columns],
                     bbox=(0, 0, 1, 1), cellLoc="center")
    cells.auto_set_font_size(False)
    cells.set_fontsize(6.5)
    top = 0.86 - height
    fig.text(0.03, top, WORDS[labels.lang]["note"], fontsize=7, va="top", wrap=True)
    lines = [f"{labels.title(s)}: {', '.join(labels.scenario_clauses.get(s, []))}"
             for s in scenarios]
    fig.text(0.03, top - 0.05, "\n".join(lines), fontsize=6.5, va="top", linespacing=1.4)
    return fig


def _html(table: pd.DataFrame, labels: charts.Labels, meta: str, scenarios: list[str]) -> str:
    w = WORDS[labels.lang]
    rows = "".join(
        f"<tr><td>{html.escape(labels.title(s))}</td>"
        f"<td>{html.escape(', '.join(labels.scenario_clauses.get(s, [])))}</td></tr>"
        for s in scenarios)
    images = "".join(f'<figure><img src="{name}.png" alt="{name}"></figure>' for name in CHARTS)
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if labels.lang == 'zh' else 'en'}"><head><meta charset="utf-8">
<title>{html.escape(TITLE[labels.lang])}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif;
       max-width: 1100px; margin: 1.5em auto; color: #222; font-size: 13px; }}
h1 {{ font-size: 20px; }} .meta {{ color: #555; }}
table {{ border-collapse: collapse; margin: 0.8em 0; font-size: 11px; }}
td, th {{ border: 1px solid #ccc; padding: 3px 6px; text-align: right; }}
td:first-child, th:first-child {{ text-align: left; }}
figure {{ margin: 0.6em 0; }} img {{ max-width: 100%; }}
@media print {{ body {{ margin: 0; max-width: none; }} figure {{ break-inside: avoid; }} }}
</style></head><body>
<h1>{html.escape(TITLE[labels.lang])}</h1>
<p class="meta">{html.escape(meta)}</p>
{table.to_html(escape=True, border=0)}
<p class="meta">{html.escape(w['note'])}</p>
{images}
<table><tr><th>{w['scenario']}</th><th>{w['clauses']}</th></tr>{rows}</table>
</body></html>
"""


def make_brief(sweep_dir: str | Path, lang: str = "en", focus: str | None = None) -> Path:
    """Write the brief of `sweep_dir` in `lang`; return its folder."""
    sweep = Path(sweep_dir)
    needed = [sweep / f for f in ("comparison.parquet", "runs.parquet", "distribution.parquet")]
    if not all(p.exists() for p in needed):
        aggregate(sweep, echo=False)
    tables = {name: pd.read_parquet(sweep / f"{name}.parquet")
              for name in ("comparison", "runs", "distribution")}
    comparison = tables["comparison"]
    if comparison.empty or "diff" not in comparison:
        raise ValueError(f"{sweep}: no complete runs with a baseline to compare")
    scenarios = sorted(set(comparison["scenario"]) - {charts.BASELINE})
    if focus is None:
        focus = "full_plan" if "full_plan" in scenarios else scenarios[0]
    if focus not in scenarios:
        raise ValueError(f"focus = {focus!r}: not in the sweep; allowed: {', '.join(scenarios)}")
    seeds = int(comparison["n_paired"].max())
    style.apply(lang)
    labels = charts.Labels.load(lang, style.source_text(lang, seeds))
    w = WORDS[lang]
    meta = (f"{w['sweep']} {sweep.name}; {seeds} {w['seeds']}; {w['version']} {__version__}; "
            f"{w['date']} {dt.date.today().isoformat()}")
    out = sweep / "brief" / lang
    out.mkdir(parents=True, exist_ok=True)
    figures = build_figures(tables, labels, focus)
    table = headline_table(comparison, labels)
    ordered = charts.scenario_order(comparison, labels)
    with PdfPages(out / ".brief.pdf.tmp") as pdf:
        pdf.savefig(_summary_page(table, labels, meta, ordered))
        for name in CHARTS:
            figures[name].savefig(out / f"{name}.png", dpi=200)
            figures[name].savefig(out / f"{name}.svg")
            pdf.savefig(figures[name])
        info = pdf.infodict()
        info["Title"] = TITLE[lang]
        info["Subject"] = meta
    (out / ".brief.pdf.tmp").replace(out / "brief.pdf")
    (out / "brief.html").write_text(_html(table, labels, meta, ordered), encoding="utf-8")
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
    parser.add_argument("settings", nargs="*", metavar="lang=en|zh focus=SCENARIO",
                        help="the brief's language (default en) and the scenario shown "
                             "against the baseline in the single-scenario charts (default "
                             "full_plan if the sweep has it)")
    parsed = parser.parse_args(argv)
    options = {}
    for setting in parsed.settings:
        key, sep, value = setting.partition("=")
        if not sep or key not in ("lang", "focus"):
            parser.error(f"{setting!r} is not a setting: allowed are lang=en|zh and "
                         "focus=SCENARIO")
        options[key] = value
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", UserWarning)  # a missing glyph is an error
            out = make_brief(parsed.sweep_dir, options.get("lang", "en"),
                             options.get("focus"))
    except (ValueError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"brief: {out}/brief.html, brief.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
