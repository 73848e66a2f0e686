"""`python -m sim.validate` (make validate): the baseline against Guangdong's official
figures for 2017-2019, which the model was not fitted to, written to
results/validation/.

The calibration (sim.tools.calibrate) fits the first simulated year to 2016 figures
only (data/guangdong_2016_targets.csv). The figures here (data/
guangdong_2017_2019_validation.csv, each with its source) come after it: they are for
validation only and never a calibration target (tests/tools/test_validate.py holds the
two files apart). The question they answer is whether the baseline's own path, from its
2016 start, tracks the province's: household income and consumption per person (urban
and rural, as the NBS household survey defines them), Engel coefficients, consumer
price inflation, retail sales growth and the online share of goods. The report also
shows the baseline's drift to 2025 (the policy comparisons' window): its consumption
rate, deposits over income, markups and employment in the first and last year, and
employment's quarter-on-quarter standard deviation, which a steady economy keeps.

The model's household figures are at 2016 prices (sim.economy.outcomes); the survey's
are nominal, so the model's are put in current prices with its own consumer price level
(the year's mean of `cpi` over 2016's, as the calibration reads 2016's survey yuan as
2016 prices; one index for all kinds, the kinds' own deflators differ from it by the
rural delivery surcharge). Retail sales of consumer goods
(社会消费品零售总额) cover goods bought by institutions as well as households and no
services; the model's nearest figure is the nominal growth of household consumption,
and the report says so beside it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from tqdm import tqdm

import sim
from sim import __version__
from sim.config.paths import DATA_DIR, PROJECT_ROOT
from sim.report import style
from sim.tools import moments

DATA = DATA_DIR / "guangdong_2017_2019_validation.csv"
REPORT_DIR = PROJECT_ROOT / "results" / "validation"
START = 2016  # the first simulated year (2016Q1), the calibration year
QUARTERS = 16  # 2016-2019, the years the official figures cover
DRIFT_QUARTERS = 40  # 2016-2025, the window of the policy comparisons
SURVEY = ("disposable_income_pc_all", "disposable_income_pc_urban", "disposable_income_pc_rural",
          "consumption_pc_all", "consumption_pc_urban", "consumption_pc_rural",
          "engel_all", "engel_urban", "engel_rural")


@dataclass(frozen=True)
class Check:
    """One official figure the model is compared with.

    Attributes:
        name: the figure's name in the data file.
        label_en, label_zh: what tables and charts call it.
        unit: what one unit is.
        relative: errors as the model's percentage gap from the data (yuan), else in
            percentage points (shares and rates).
        model: the model's value in year `i` of `years` (each year's four quarters
            of the time series, the first 2016's); NaN where it needs a year before.
        note: how the model's figure differs from the official one, if it does.
    """

    name: str
    label_en: str
    label_zh: str
    unit: str
    relative: bool
    model: Callable[[list[pd.DataFrame], int], float]
    note: str = ""


def _price_level(year: pd.DataFrame) -> float:
    return float(year["cpi"].mean())


def _in_current_prices(years: list[pd.DataFrame], i: int) -> float:
    """What a yuan at 2016 prices costs in year `i`: the year's mean price level over
    2016's (the survey's 2016 yuan are 2016's prices, as in the calibration)."""
    return _price_level(years[i]) / _price_level(years[0])


def _nominal(figure: str) -> Callable[[list[pd.DataFrame], int], float]:
    return lambda years, i: (moments.household_survey(years[i])[figure]
                             * _in_current_prices(years, i))


def _survey(figure: str) -> Callable[[list[pd.DataFrame], int], float]:
    return lambda years, i: moments.household_survey(years[i])[figure]


def _inflation(years: list[pd.DataFrame], i: int) -> float:
    return np.nan if i == 0 else _price_level(years[i]) / _price_level(years[i - 1]) - 1.0


def _consumption_growth(years: list[pd.DataFrame], i: int) -> float:
    if i == 0:
        return np.nan
    return float(_nominal_consumption(years[i]) / _nominal_consumption(years[i - 1]) - 1.0)


def _nominal_consumption(year: pd.DataFrame) -> float:
    """Households' consumption in the province over the year, yuan at current prices
    (up to the constant 2016 price level, which the growth rate does not see)."""
    people = sum(year[f"population_{k}"] for k in ("urban", "rural", "migrant"))
    return float((year["consumption_pc"] * people * year["cpi"]).sum())


_KINDS = {"all": ("all residents", "全体居民"), "urban": ("urban", "城镇"),
          "rural": ("rural", "农村")}
CHECKS: tuple[Check, ...] = (
    *(Check(f"disposable_income_pc_{k}", f"Disposable income per person, {en}",
            f"{zh}人均可支配收入", "yuan per person per year, current prices", True,
            _nominal(f"disposable_income_pc_{k}"))
      for k, (en, zh) in _KINDS.items()),
    *(Check(f"consumption_pc_{k}", f"Consumption per person, {en}", f"{zh}人均消费支出",
            "yuan per person per year, current prices", True, _nominal(f"consumption_pc_{k}"))
      for k, (en, zh) in _KINDS.items()),
    *(Check(f"engel_{k}", f"Engel coefficient, {en}", f"{zh}恩格尔系数",
            "food share of consumption", False, _survey(f"engel_{k}"))
      for k, (en, zh) in _KINDS.items()),
    Check("cpi_inflation", "Consumer price inflation", "居民消费价格涨幅",
          "change on the year before", False, _inflation),
    Check("retail_sales_growth", "Retail sales growth", "社会消费品零售总额增速",
          "nominal change on the year before", False, _consumption_growth,
          note="model: nominal household consumption (goods and services); data: retail "
               "sales of consumer goods, households' and institutions' purchases of goods"),
    Check("online_share", "Online share of goods", "实物商品网上零售额占比",
          "share of goods consumption", False,
          lambda years, i: float(years[i]["online_share"].mean()),
          note="data: national share of physical goods sold online in retail sales (no "
               "Guangdong series)"),
)
BY_NAME = {check.name: check for check in CHECKS}


def load_data(path: Path = DATA) -> pd.DataFrame:
    """The official figures (figure, year, value, unit, source, status), checked: every
    figure is one the report knows, every year after the calibration year."""
    if not path.exists():
        raise FileNotFoundError(f"validation data not found: {path}")
    data = pd.read_csv(path)
    unknown = sorted(set(data["figure"]) - set(BY_NAME))
    if unknown:
        raise ValueError(f"{path.name}: figure {unknown[0]!r} is not one of the checks; "
                         f"allowed: {', '.join(BY_NAME)}")
    early = data[data["year"] <= START]
    if not early.empty:
        raise ValueError(f"{path.name}: year {int(early['year'].iloc[0])} of "
                         f"{early['figure'].iloc[0]!r} is not after {START}: figures up to "
                         f"{START} are calibration data (data/{moments.TARGETS.name})")
    return data


def model_paths(seeds: int, households: int,
                quarters: int = DRIFT_QUARTERS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each check's model value per seed and year, 2016-2019 (one row each), and each
    seed's baseline drift over `quarters` (see `drift`)."""
    rows, drifts = [], []
    for seed in tqdm(range(seeds), desc="validation runs", unit="run"):
        result = sim.run("baseline", seed=seed, households=households,
                         steps=max(quarters, QUARTERS))
        ts = result.timeseries
        burn_in = pd.DataFrame(result.model.burn_in_records)
        years = [ts.iloc[4 * i:4 * i + 4] for i in range(QUARTERS // 4)]
        for i in range(len(years)):
            rows += [{"seed": seed, "year": START + i, "figure": c.name,
                      "model": c.model(years, i)} for c in CHECKS]
        settling = ({f"burn_in_{k}": v for k, v in drift(burn_in).items()
                     if not k.endswith("last_year")} if len(burn_in) >= 8 else {})
        drifts.append({"seed": seed, **drift(ts.iloc[:quarters]),
                       "burn_in_quarters": len(burn_in), **settling})
    return pd.DataFrame(rows), pd.DataFrame(drifts)


DRIFT = {
    "consumption_rate": "consumption rate (consumption over disposable income)",
    "deposits_to_income": "deposits over a year's disposable income (year end)",
    "mean_markup": "firms' mean markup",
    "employment_rate": "employment rate",
}


def drift(ts: pd.DataFrame) -> dict[str, float]:
    """The baseline's main ratios in its first and last year (`ts`: a run's quarters),
    and employment's quarter-on-quarter standard deviation (percentage points): without
    any policy change a steady economy keeps them, or moves them only with growth."""
    first, last = ts.iloc[:4], ts.iloc[-4:]

    def ratios(year: pd.DataFrame) -> dict[str, float]:
        return {"consumption_rate": float(year["consumption_rate"].mean()),
                "deposits_to_income": float(year["deposits_pc"].iloc[-1]
                                            / year["income_pc"].sum()),
                "mean_markup": float(year["mean_markup"].mean()),
                "employment_rate": float(year["employment_rate"].mean())}

    out = {f"{k}_first": v for k, v in ratios(first).items()}
    out |= {f"{k}_last": v for k, v in ratios(last).items()}
    out["employment_qoq_sd_pp"] = float(100.0 * ts["employment_rate"].diff().std())
    out["last_year"] = START + (len(ts) - 1) // 4
    return out


def compare(data: pd.DataFrame, paths: pd.DataFrame) -> pd.DataFrame:
    """Each official figure beside the model's mean and range over seeds, and the error:
    percent of the figure for yuan, percentage points for shares and rates."""
    stats = paths.groupby(["figure", "year"])["model"].agg(
        model="mean", low="min", high="max").reset_index()
    table = data.merge(stats, on=["figure", "year"], how="left")
    relative = table["figure"].map(lambda f: BY_NAME[f].relative)
    table["error"] = np.where(relative, 100.0 * (table["model"] / table["value"] - 1.0),
                              100.0 * (table["model"] - table["value"]))
    table["error_unit"] = np.where(relative, "%", "pp")
    table["inside_seed_range"] = (table["low"] <= table["value"]) & (table["value"]
                                                                    <= table["high"])
    table["label"] = table["figure"].map(lambda f: BY_NAME[f].label_en)
    table["label_zh"] = table["figure"].map(lambda f: BY_NAME[f].label_zh)
    return table


def growth(data: pd.DataFrame, paths: pd.DataFrame) -> pd.DataFrame:
    """Growth of the yuan figures from 2016 (the calibration target, which the model was
    fitted to) to the last validation year, data against model (mean over seeds): the
    level's error less what the 2016 fit already missed."""
    targets = moments.load_targets().set_index("moment")["value"]
    mean = paths.groupby(["figure", "year"])["model"].mean()
    rows = []
    for check in CHECKS:
        years = data.loc[data["figure"] == check.name, "year"]
        if not check.relative or years.empty or check.name not in targets.index:
            continue
        last = int(years.max())
        value = float(data.loc[(data["figure"] == check.name) & (data["year"] == last),
                               "value"].iloc[0])
        rows.append({"figure": check.name, "to": last,
                     "data": 100.0 * (value / targets[check.name] - 1.0),
                     "model": 100.0 * (mean[(check.name, last)] / mean[(check.name, START)]
                                       - 1.0)})
    return pd.DataFrame(rows)


def chart(data: pd.DataFrame, paths: pd.DataFrame, seeds: int) -> Figure:
    """One panel a check: the model's mean path with its range over seeds, the 2016
    calibration target (open) and the validation figures (filled)."""
    style.apply("en")
    targets = moments.load_targets().set_index("moment")["value"]
    fig = Figure(figsize=(11, 9.5), layout="constrained")
    fig.get_layout_engine().set(rect=(0.0, 0.025, 1.0, 0.975))  # room for the source line
    axes = fig.subplots(4, 3).ravel()
    for ax, check in zip(axes, CHECKS, strict=False):
        path = paths[paths["figure"] == check.name].groupby("year")["model"]
        scale = 1.0 if check.relative else 100.0
        years = np.array(sorted(path.groups))
        ax.fill_between(years, path.min() * scale, path.max() * scale, color=style.PALETTE[0],
                        alpha=0.25, linewidth=0)
        ax.plot(years, path.mean() * scale, color=style.PALETTE[0], label="model")
        observed = data[data["figure"] == check.name]
        ax.plot(observed["year"], observed["value"] * scale, "o", color="#000000",
                label="official (validation)")
        if check.name in targets.index:
            ax.plot([START], [targets[check.name] * scale], "o", mfc="none", color="#000000",
                    label="official 2016 (calibration target)")
        ax.set_title(check.label_en)
        ax.set_ylabel("yuan a year, current prices" if check.relative else "%")
        ax.set_xticks(years)
    for ax in axes[len(CHECKS):]:
        ax.set_visible(False)
    axes[0].legend(loc="upper left")
    fig.suptitle("Baseline 2016-2019 against Guangdong's official figures (not fitted to "
                 "2017-2019)")
    style.source_line(fig, f"Source: Guangdong new-consumption policy simulator v{__version__}, "
                      f"default baseline over {seeds} seeds (shaded: their range); official "
                      f"figures: data/{DATA.name} and data/{moments.TARGETS.name}")
    return fig


def _number(value: float, relative: bool) -> str:
    return f"{value:,.0f}" if relative else f"{100.0 * value:.1f}%"


def _ratio_rows(drifts: pd.DataFrame, prefix: str, spread: bool) -> list[str]:
    """The DRIFT ratios' table rows from `drifts` (one row per seed; columns
    `{prefix}{ratio}_first` and `_last`): the first and last year's means over seeds,
    with `spread`, the last year's range over seeds and the change as well."""
    rows = []
    for key, label in DRIFT.items():
        a, b = drifts[f"{prefix}{key}_first"], drifts[f"{prefix}{key}_last"]
        if spread:
            rows.append(f"| {label} | {a.mean():.3f} | {b.mean():.3f} [{b.min():.3f}, "
                        f"{b.max():.3f}] | {b.mean() - a.mean():+.3f} |")
        else:
            rows.append(f"| {label} | {a.mean():.3f} | {b.mean():.3f} |")
    return rows


def write_report(table: pd.DataFrame, grown: pd.DataFrame, paths: pd.DataFrame,
                 drifts: pd.DataFrame, seeds: int, households: int, out: Path) -> None:
    """report.md, validation.png, the error table (errors.csv), growth since 2016
    (growth.csv), the model's paths (model_paths.csv) and the baseline's drift by seed
    (drift.csv) in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Validation: the baseline against Guangdong 2017-2019",
        "",
        "**These official figures are for validation only: none of them is, or may become, "
        f"a calibration target.** The baseline is fitted to {START} figures alone "
        f"(data/{moments.TARGETS.name}); the figures below come after it "
        f"(data/{DATA.name}, each with its source).",
        "",
        f"Default baseline, {households:,} households, {seeds} seeds, {QUARTERS} quarters "
        f"({START}-{START + QUARTERS // 4 - 1}). Yuan figures in current prices (the model's "
        "2016-price figures times its own consumer price level over 2016's); official "
        "urban figures are compared with the model's urban and migrant households together. "
        "Error: the "
        "model's mean over seeds less the figure, in percent of it for yuan, in percentage "
        "points for shares and rates.",
        "",
        "![model paths against the official figures](validation.png)",
        "",
        "| figure | year | official | model (mean) | model (range over seeds) | error | "
        "status | source |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for _, r in table.iterrows():
        check = BY_NAME[r["figure"]]
        lines.append(
            f"| {check.label_en} | {r['year']} | {_number(r['value'], check.relative)} | "
            f"{_number(r['model'], check.relative)} | {_number(r['low'], check.relative)} to "
            f"{_number(r['high'], check.relative)} | {r['error']:+.1f} {r['error_unit']} | "
            f"{r['status']} | {r['source']} |")
    lines += ["", f"## Growth since {START}", "",
              f"Levels inherit what the {START} fit missed; growth from the {START} "
              "target to the last official year is the model's own path.", "",
              "| figure | period | official growth | model growth |", "|---|---|---|---|"]
    for _, r in grown.iterrows():
        lines.append(f"| {BY_NAME[r['figure']].label_en} | {START}-{r['to']} | "
                     f"{r['data']:+.1f}% | {r['model']:+.1f}% |")
    last = int(drifts["last_year"].iloc[0])
    lines += ["", f"## Baseline drift, {START} to {last}", "",
              "Without any policy change the baseline's main ratios should stay put, or move "
              "only with growth; a scenario's effect is a difference from this path. Means "
              "over seeds (range over seeds in brackets).", "",
              f"| ratio | {START} | {last} | change |", "|---|---|---|---|"]
    lines += _ratio_rows(drifts, "", spread=True)
    sd = drifts["employment_qoq_sd_pp"]
    lines += ["", f"Employment's quarter-on-quarter standard deviation: {sd.mean():.2f} "
              f"percentage points ({sd.min():.2f} to {sd.max():.2f} over seeds), with no "
              "shock but the households' and firms' own."]
    burn_in = int(drifts["burn_in_quarters"].iloc[0])
    if "burn_in_consumption_rate_first" in drifts:
        first = START - burn_in // 4
        lines += ["", f"## The burn-in, {first} to {START - 1}", "",
                  f"The economy opens {burn_in} quarters before {START} at its rules' resting "
                  f"points and runs them under {START}'s policy, unrecorded "
                  "(economy.burn_in_quarters; docs/model.md, section 8): the loss-makers of "
                  "the opening economy leave and investment settles in it, not in the "
                  "comparisons' window. Its own first and last year, means over seeds:", "",
                  f"| ratio | {first} | {START - 1} |", "|---|---|---|"]
        lines += _ratio_rows(drifts, "burn_in_", spread=False)
        sd = drifts["burn_in_employment_qoq_sd_pp"]
        lines += ["", f"Employment's quarter-on-quarter standard deviation in the burn-in: "
                  f"{sd.mean():.2f} percentage points ({sd.min():.2f} to {sd.max():.2f})."]
    notes = [c for c in CHECKS if c.note and c.name in set(table["figure"])]
    if notes:
        lines += ["", "## Definitions that differ", ""]
        lines += [f"- {c.label_en}: {c.note}." for c in notes]
    (out / "report.md").write_text("\n".join(lines) + "\n")
    table.to_csv(out / "errors.csv", index=False)
    grown.to_csv(out / "growth.csv", index=False)
    paths.to_csv(out / "model_paths.csv", index=False)
    drifts.to_csv(out / "drift.csv", index=False)
    chart(table, paths, seeds).savefig(out / "validation.png", dpi=150)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.validate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=5, help="seeds (default 5)")
    parser.add_argument("--households", type=int, default=20_000,
                        help="household agents (default 20,000)")
    parser.add_argument("--quarters", type=int, default=DRIFT_QUARTERS,
                        help=f"quarters of the baseline's drift (default {DRIFT_QUARTERS}, "
                             f"to 2025; at least {QUARTERS})")
    parser.add_argument("--out", type=Path, default=REPORT_DIR,
                        help="report folder (default results/validation)")
    args = parser.parse_args(argv)
    if args.quarters < QUARTERS:
        parser.error(f"--quarters = {args.quarters}: allowed is a whole number of at least "
                     f"{QUARTERS} (the official figures run to {START + QUARTERS // 4 - 1})")
    for key in ("seeds", "households"):
        if getattr(args, key) < 1:
            parser.error(f"--{key} = {getattr(args, key)}: allowed is a whole number of at "
                         "least 1")
    data = load_data()
    paths, drifts = model_paths(args.seeds, args.households, args.quarters)
    table = compare(data, paths)
    write_report(table, growth(data, paths), paths, drifts, args.seeds, args.households,
                 args.out)
    print(f"report: {args.out / 'report.md'} ({len(table)} official figures, "
          f"{int(table['inside_seed_range'].sum())} inside the model's range over seeds)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
