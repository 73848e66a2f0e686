"""`python -m sim.dose policy.KEY=V1,V2,...`: the dose-response of one lever, as a table
and one chart per outcome (sim.sweep.dose runs and compares; sim.report.charts draws)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from sim.config.errors import ConfigError
from sim.config.levers import LEVERS
from sim.sweep.dose import DEFAULT_OUTCOMES, dose_response, folder_of, lever_of


def save_charts(table: pd.DataFrame, folder: Path, lang: str = "en") -> list[Path]:
    """One dose-response chart per outcome, as PNG and SVG, in `folder`."""
    from sim.report import charts, style

    style.apply(lang)
    labels = charts.Labels.load(lang)
    written = []
    for outcome in table["outcome"].unique():
        fig = charts.dose_response(table, outcome, labels)
        for suffix in ("png", "svg"):
            path = folder / f"dose_{outcome}.{suffix}"
            fig.savefig(path, dpi=200)
        written.append(folder / f"dose_{outcome}.png")
    return written


def _shown(table: pd.DataFrame) -> str:
    """The dose table as text: one column per value, the change and its interval."""
    lines = []
    width = int(table["label"].str.len().max()) + 2
    for _, rows in table.groupby("outcome", sort=False):
        unit = rows["change_unit"].iloc[0]
        cells = [f"{v:g}: {c:+.2f}{unit} [{lo:+.2f}, {hi:+.2f}]"
                 if np.isfinite(c) else f"{v:g}: -"
                 for v, c, lo, hi in zip(rows["value"], rows["change"], rows["change_low"],
                                         rows["change_high"], strict=True)]
        lines.append(f"{rows['label'].iloc[0]:<{width}}" + "   ".join(cells))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sim.dose",
        description="Dose-response of one lever: a sweep of one scenario over the lever's "
                    "values (its 2016 value added as the reference) and seeds, each run "
                    "compared with the reference run of the same seed. Writes dose.csv and "
                    "one chart per outcome into the sweep's folder.",
        epilog="example: python -m sim.dose policy.rural_logistics.cost_markup=0,0.06,0.12 "
               "--seeds 5 --households 20000")
    parser.add_argument("grid", metavar="policy.KEY=V1,V2,...",
                        help="the lever and its values (python -m sim.info levers)")
    parser.add_argument("--scenario", default="baseline", help="default: baseline")
    parser.add_argument("--seeds", type=int, default=3, help="seeds 0..N-1 (default 3)")
    parser.add_argument("--households", type=int, help="household agents (default 20,000)")
    parser.add_argument("--steps", type=int, help="quarters (default 40)")
    parser.add_argument("--outcomes", nargs="+", metavar="OUTCOME",
                        help=f"default: {' '.join(DEFAULT_OUTCOMES)}")
    parser.add_argument("--sweep-dir", help="default: results/sweeps/dose/SCENARIO-LEVER")
    parser.add_argument("--jobs", type=int, help="parallel runs (default: every core)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="the charts' language")
    args = parser.parse_args(argv)
    key, sep, values = args.grid.partition("=")
    try:
        if not sep:
            raise ConfigError(f"{args.grid!r} must be policy.KEY=V1,V2,... "
                              "(e.g. policy.credit.interest_rate=0.04,0.06,0.08)")
        try:
            numbers = [float(v) for v in values.split(",") if v.strip()]
        except ValueError:
            raise ConfigError(f"{key} = {values!r}: the values must be numbers separated "
                              "by commas") from None
        table = dose_response(key, numbers, scenario=args.scenario, seeds=args.seeds,
                              households=args.households, steps=args.steps,
                              outcomes=args.outcomes, sweep_dir=args.sweep_dir,
                              jobs=args.jobs, echo=True)
    except (ConfigError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except RuntimeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    folder = folder_of(key, args.scenario, args.sweep_dir)
    lever = lever_of(key)
    print(f"\n{LEVERS[lever].label_en} ({LEVERS[lever].unit}; 2016: "
          f"{LEVERS[lever].baseline:g}): change from the 2016 value, final year "
          f"[95% interval over {args.seeds} seeds]")
    print(_shown(table))
    written = save_charts(table, folder, args.lang)
    print(f"\ntable: {folder / 'dose.csv'}; charts: {', '.join(p.name for p in written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
