"""`python -m sim.chain` (make chain): for each scenario, how its welfare gain comes about:
through demand, prices, quality and variety, and productivity growth (the plan's chain,
新消费引领新供给，新供给创造新动力: new consumption leads new supply, new supply creates
new drivers).

Each scenario and the baseline run twice over the same seeds, through the sweep
machinery (whole runs are reused when run again): as the model is, and with the
frontiers' response to research switched off (`firms.research_growth_elasticity=0`:
productivity grows at 2016's pace whatever research does). Per scenario and seed, the
paired welfare gain over the final year (`welfare_gain_pc`, yuan per person a year at
the 2016 opening's prices, qualities and varieties) splits exactly into four parts:

- productivity growth: the gain less the gain with the response switched off (what the
  research the scenario buys adds through faster growth of the frontiers);
- and, with the response switched off (C real consumption per person, P the consumer
  price level, E = C P nominal spending; s the scenario, b the baseline):
  - demand: (E_s - E_b) / P_b, the extra spending at the baseline's prices;
  - prices: E_s (1 / P_s - 1 / P_b), how much further the spending goes at the
    scenario's prices (the statistical, quality-adjusted index: quality at its cost);
  - quality and variety: the gain less the change in real consumption, what buyers value
    beyond the statistical index: quality at their taste rather than its cost, more
    varieties, a wider reach, fewer misdeclared goods.

Beside them, the links of the chain: the change in research spending (percent) and in
firms' mean quality (quality index), which say whether new consumption led new supply,
and the change in productivity (percent), which says whether new supply created a new
driver. Each as the mean over seeds with its 95% paired t-interval.

Writes `chain.csv` (tidy: scenario, part, unit, mean, low, high, seeds, households,
year, and the model code's fingerprint, by which the brief knows whether the table is
the model's as it is) and `chain.md` into `--out` (default results/chain/), the brief's
page "Did new consumption lead new supply?" in English and Chinese into
`brief/<lang>/chain.pdf`, `.png` and `.svg` (sim.report.chain; `python -m sim.brief
SWEEP chain=results/chain` adds it to a sweep's brief), the runs in `runs/` and
`runs_fixed_frontier/`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from sim.config.errors import ConfigError
from sim.config.paths import PROJECT_ROOT
from sim.config.scenarios import names
from sim.report import chain as chain_page
from sim.report import style
from sim.sweep.aggregate import final_years, interval
from sim.sweep.jobs import BASELINE, find_jobs, in_command, read_overrides, sweep_jobs
from sim.sweep.reuse import atomic, code_fingerprint
from sim.tools.decompose import FIRST_YEAR, check_options, quarters, run_sweep

SEEDS = 5
HOUSEHOLDS = 10_000
YEAR = 2025
OUT = PROJECT_ROOT / "results" / "chain"
FIXED_FRONTIER = "firms.research_growth_elasticity=0"
YUAN = "yuan per person a year, 2016 prices"
PARTS = {  # part: (label, unit)
    "welfare_gain": ("Welfare gain", YUAN),
    "demand": ("through demand", YUAN),
    "prices": ("through prices", YUAN),
    "quality_variety": ("through quality and variety", YUAN),
    "productivity_growth": ("through productivity growth", YUAN),
    "research": ("Research spending", "% change"),
    "firm_quality": ("Firms' mean quality bought", "quality index, change"),
    "productivity": ("Labour productivity", "% change"),
}
CHANNELS = ("demand", "prices", "quality_variety", "productivity_growth")
COLUMNS = ("scenario", "part", "label", "unit", "mean", "low", "high", "seeds", "households",
           "year", "model_source")


def sweep_task(scenarios: Sequence[str], seeds: int, households: int, year: int) -> list[str]:
    """The sweep's task overrides: the baseline and `scenarios` over seeds 0 to seeds - 1."""
    return [f"scenario={','.join([BASELINE, *scenarios])}", f"seed=range(0,{seeds})",
            f"population.households={households}", f"steps={quarters(year)}"]


def read_years(folder: Path, task: list[str]) -> pd.DataFrame:
    """Each run's final-year outcomes (index: scenario, seed); RuntimeError naming the
    runs that are missing or failed."""
    jobs = in_command(find_jobs(folder), task)
    usable = [j for j in jobs if j.usable]
    wanted = {(s["scenario"], s["seed"]) for s in map(read_overrides, sweep_jobs(task))}
    missing = sorted(wanted - {(j.scenario, j.seed) for j in usable})
    if missing:
        raise RuntimeError(f"{len(missing)} runs are not whole in {folder}, the first "
                           f"{missing[0][0]} seed {missing[0][1]}")
    return final_years(usable)


def parts(full: pd.DataFrame, fixed: pd.DataFrame, scenario: str) -> pd.DataFrame:
    """Each seed's parts of `scenario`'s welfare gain and the chain's links (columns:
    PARTS), from the final years of the runs as the model is (`full`) and with the
    frontiers' response to research switched off (`fixed`)."""
    def own(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        s, b = table.xs(scenario, level="scenario"), table.xs(BASELINE, level="scenario")
        seeds = s.index.intersection(b.index)
        return s.loc[seeds], b.loc[seeds]

    s, b = own(full)
    fs, fb = own(fixed)
    seeds = s.index.intersection(fs.index)
    s, b, fs, fb = s.loc[seeds], b.loc[seeds], fs.loc[seeds], fb.loc[seeds]
    gain = s["welfare_gain_pc"] - b["welfare_gain_pc"]
    fixed_gain = fs["welfare_gain_pc"] - fb["welfare_gain_pc"]
    spent_s, spent_b = fs["consumption_pc"] * fs["cpi"], fb["consumption_pc"] * fb["cpi"]
    return pd.DataFrame({
        "welfare_gain": gain,
        "demand": (spent_s - spent_b) / fb["cpi"],
        "prices": spent_s * (1.0 / fs["cpi"] - 1.0 / fb["cpi"]),
        "quality_variety": fixed_gain - (fs["consumption_pc"] - fb["consumption_pc"]),
        "productivity_growth": gain - fixed_gain,
        "research": 100.0 * (s["rd_spending"] / b["rd_spending"] - 1.0),
        "firm_quality": s["avg_quality"] - b["avg_quality"],
        "productivity": 100.0 * (s["productivity"] / b["productivity"] - 1.0),
    }, index=seeds)


def table(full: pd.DataFrame, fixed: pd.DataFrame, scenarios: Sequence[str],
          households: int, year: int) -> pd.DataFrame:
    """The tidy table: each scenario's parts and links, mean and 95% interval over seeds."""
    rows = []
    for scenario in scenarios:
        each = parts(full, fixed, scenario)
        for part, (label, unit) in PARTS.items():
            mean, _, low, high = interval(each[part].to_numpy(float))
            rows.append({"scenario": scenario, "part": part, "label": label, "unit": unit,
                         "mean": mean, "low": low, "high": high, "seeds": len(each),
                         "households": households, "year": year,
                         "model_source": code_fingerprint()})
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _cell(row: pd.Series, digits: int = 0) -> str:
    if not np.isfinite(row["low"]):
        return f"{row['mean']:+,.{digits}f}"
    return f"{row['mean']:+,.{digits}f} [{row['low']:+,.{digits}f}, {row['high']:+,.{digits}f}]"


def markdown(data: pd.DataFrame, command: str) -> str:
    """The tables in English, with units and how they were made."""
    first = data.iloc[0]
    lines = ["# The chain: how each scenario's welfare gain comes about", "",
             f"`{command}`: {first['seeds']} paired seeds, {first['households']:,} "
             f"households, the final year {first['year']} (runs from {FIRST_YEAR}Q1). "
             "Welfare gain and its parts in yuan per person a year at the 2016 opening's "
             "prices, qualities and varieties; 95% paired intervals in brackets. The parts "
             "add up to the gain seed by seed (sim/tools/chain.py says how each is "
             "measured).", "",
             "| scenario | welfare gain | demand | prices | quality and variety | "
             "productivity growth | research, % | productivity, % | chain |",
             "|---|---|---|---|---|---|---|---|---|"]
    for scenario, rows in data.groupby("scenario", sort=False):
        by = rows.set_index("part")
        cells = [_cell(by.loc[p]) for p in ("welfare_gain", *CHANNELS)]
        cells += [_cell(by.loc["research"], 1), _cell(by.loc["productivity"], 2)]
        verdict = chain_page.WORDS["en"][chain_page.verdict(rows)]
        lines.append(f"| {scenario} | " + " | ".join(cells) + f" | {verdict} |")
    return "\n".join(lines) + "\n"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sim.chain",
        description="Each scenario's welfare gain split into demand, prices, quality and "
                    "variety, and productivity growth, with research and productivity "
                    "beside: results/chain/.")
    parser.add_argument("--seeds", type=int, default=SEEDS, help=f"paired seeds (default "
                        f"{SEEDS})")
    parser.add_argument("--households", type=int, default=HOUSEHOLDS,
                        help=f"households (default {HOUSEHOLDS:,})")
    parser.add_argument("--year", type=int, default=YEAR,
                        help=f"the final year, whose effects are split (default {YEAR})")
    parser.add_argument("--scenarios", nargs="+", default=None,
                        help="scenarios (default: every scenario of the catalogue)")
    parser.add_argument("--jobs", type=int, default=None, help="parallel runs")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    return parser


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    problem = check_options(args.seeds, args.households, args.year, args.jobs)
    known = [n for n in names() if n != BASELINE]
    scenarios = args.scenarios or known
    unknown = [s for s in scenarios if s not in known]
    if unknown:
        problem = problem or (f"--scenarios {unknown[0]}: allowed are the scenarios of the "
                              f"catalogue but the baseline: {', '.join(known)}")
    if problem:
        parser.error(problem)
    task = sweep_task(scenarios, args.seeds, args.households, args.year)
    print(f"chain: {len(scenarios)} scenarios and the baseline x {args.seeds} seeds x 2 "
          f"(as the model is, and with the frontiers' response to research off), "
          f"{args.households:,} households, {FIRST_YEAR}Q1-{args.year}Q4", flush=True)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        run_sweep(task, args.out / "runs", args.jobs)
        run_sweep([*task, FIXED_FRONTIER], args.out / "runs_fixed_frontier", args.jobs)
        full = read_years(args.out / "runs", task)
        fixed = read_years(args.out / "runs_fixed_frontier", [*task, FIXED_FRONTIER])
    except (RuntimeError, ConfigError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    data = table(full, fixed, scenarios, args.households, args.year)
    command = " ".join(["python -m sim.chain", *argv])
    atomic(args.out / "chain.csv", lambda p: data.to_csv(p, index=False))
    text = markdown(data, command)
    atomic(args.out / "chain.md", lambda p: p.write_text(text, encoding="utf-8"))
    pages = write_pages(data, args.out / "brief")
    print(f"\n{text}\ntables: {args.out / 'chain.csv'}, {args.out / 'chain.md'}; the brief's "
          f"page: {', '.join(str(p) for p in pages)}")
    return 0


def write_pages(data: pd.DataFrame, folder: Path) -> list[Path]:
    """The brief's page on the chain in English and Chinese: `folder`/<lang>/chain.pdf,
    .png (200 dpi) and .svg. Returns the PDFs."""
    out = []
    for lang in ("en", "zh"):
        style.apply(lang)
        page = chain_page.chain_page(data, lang)
        target = folder / lang
        target.mkdir(parents=True, exist_ok=True)
        for suffix, options in ((".png", {"dpi": 200}), (".svg", {}), (".pdf", {})):
            atomic(target / f"chain{suffix}", lambda p, f=page, o=options, s=suffix: f.savefig(
                p, format=s[1:], **o))
        out.append(target / "chain.pdf")
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
