"""`python -m sim.calibrate` (make calibrate): fit the free behavioural parameters to
the 2016 Guangdong moments by the simulated method of moments (McFadden 1989; Lee and
Ingram 1991) and report the fit.

The objective is the weighted sum of squared distances between model and target
moments, each distance measured in the target's own tolerance, weighted by how sure
the figure is (observed and derived 1, recalled 0.5, proxy 0.25). Each evaluation runs
the first simulated year for the same seeds (common random numbers, so the objective
is a smooth function of the parameters and not of the draws). Structural facts
(population, kind shares, household size) are inputs, not fitted. Nelder-Mead
(scipy.optimize) starts from the hand-set defaults.

Writes configs/calibration/guangdong_2016.yaml (the baseline's default, with the
date, the data file's hash and the objective) and results/calibration/report.md with
a chart: each moment, its target, the model over seeds with its spread, the tolerance
and pass or fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import time

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from omegaconf import OmegaConf
from scipy import optimize

from sim.config.compose import load_config
from sim.config.paths import CONFIG_DIR, PROJECT_ROOT
from sim.economy.model import EconomyModel
from sim.report import style
from sim.sweep.run import release
from sim.tools import moments

OUTPUT = CONFIG_DIR / "calibration" / "guangdong_2016.yaml"
REPORT_DIR = PROJECT_ROOT / "results" / "calibration"
WEIGHTS = {"observed": 1.0, "derived": 1.0, "recalled": 0.5, "proxy": 0.25}
STRUCTURAL = ("population_total", "urbanisation_rate", "household_size")
# (config path, lower, upper): the free behavioural parameters and their ranges.
PARAMETERS = (
    ("households.earnings_year.urban", 35000.0, 80000.0),
    ("households.earnings_year.rural", 12000.0, 40000.0),
    ("households.earnings_year.migrant", 25000.0, 60000.0),
    ("households.mpc_permanent.urban", 0.6, 0.98),
    ("households.mpc_permanent.rural", 0.6, 0.98),
    ("households.mpc_permanent.migrant", 0.6, 0.98),
    ("households.precautionary_saving", 0.0, 0.4),
    ("households.subsistence.food", 500.0, 1400.0),
    ("market.abroad_preference.urban", -2.5, 0.5),
    ("households.health_shock_rate", 0.0, 0.08),
)


def simulate_moments(overrides: list[str], seeds: list[int], households: int) -> pd.DataFrame:
    """The target moments of the first simulated year, one row per seed."""
    rows = []
    for seed in seeds:
        cfg = load_config(["calibration=none", f"seed={seed}",
                           f"population.households={households}", "steps=4", *overrides])
        model = EconomyModel(cfg)
        for _ in range(4):
            model.step()
        rows.append(moments.first_year(model))
        release(model)
    return pd.DataFrame(rows)


def as_overrides(values: np.ndarray) -> list[str]:
    return [f"{path}={value:.6g}" for (path, _, _), value in zip(PARAMETERS, values,
                                                                strict=True)]


def objective_of(table: pd.DataFrame) -> float:
    """Weighted sum of squared distances, in tolerances, over the fitted moments."""
    fitted = table[~table["moment"].isin(STRUCTURAL)]
    weights = fitted["status"].map(WEIGHTS).fillna(0.25)
    return float((weights * fitted["distance"] ** 2).sum())


def defaults() -> np.ndarray:
    cfg = load_config(["calibration=none"])
    return np.array([float(OmegaConf.select(cfg, path)) for path, _, _ in PARAMETERS])


def fit(seeds: list[int], households: int, evaluations: int) -> tuple[np.ndarray, float]:
    """Nelder-Mead over the parameters scaled to [0, 1] within their ranges."""
    targets = moments.load_targets()
    lower = np.array([p[1] for p in PARAMETERS])
    upper = np.array([p[2] for p in PARAMETERS])
    start = (defaults() - lower) / (upper - lower)
    count = {"n": 0, "best": np.inf}
    started = time.perf_counter()

    def objective(x: np.ndarray) -> float:
        values = lower + np.clip(x, 0.0, 1.0) * (upper - lower)
        table = moments.compare(targets, simulate_moments(as_overrides(values), seeds,
                                                          households))
        value = objective_of(table) + 100.0 * float(np.sum(np.clip(x, None, 0.0) ** 2
                                                          + np.clip(x - 1.0, 0.0, None) ** 2))
        count["n"] += 1
        if value < count["best"]:
            count["best"] = value
            print(f"  evaluation {count['n']:4d}: objective {value:9.3f}, "
                  f"{int(table['pass'].sum())} of {len(table)} moments in tolerance "
                  f"({time.perf_counter() - started:.0f} s)", flush=True)
        return value

    result = optimize.minimize(objective, start, method="Nelder-Mead",
                               options={"maxfev": evaluations, "xatol": 1e-3, "fatol": 1e-3,
                                        "initial_simplex": _simplex(start)})
    values = lower + np.clip(result.x, 0.0, 1.0) * (upper - lower)
    return values, float(result.fun)


def _simplex(start: np.ndarray, step: float = 0.08) -> np.ndarray:
    points = [start]
    for i in range(len(start)):
        p = start.copy()
        p[i] = p[i] + step if p[i] + step <= 1.0 else p[i] - step
        points.append(p)
    return np.array(points)


def data_hash() -> str:
    return hashlib.sha256(moments.TARGETS.read_bytes()).hexdigest()[:16]


def write_config(values: np.ndarray, objective: float) -> None:
    """The fitted values as the Hydra option calibration=guangdong_2016."""
    lines = [
        "# @package _global_",
        "# Fitted by `python -m sim.calibrate` (make calibrate): do not edit by hand.",
        f"# date: {dt.date.today().isoformat()}",
        f"# data: data/{moments.TARGETS.name} sha256 {data_hash()}",
        f"# objective: {objective:.4f} (weighted squared distances in tolerances)",
    ]
    tree: dict = {}
    for (path, _, _), value in zip(PARAMETERS, values, strict=True):
        node = tree
        *parents, leaf = path.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = float(f"{value:.6g}")
    tree["calibration_info"] = {"date": dt.date.today().isoformat(), "data_sha256": data_hash(),
                                "objective": round(objective, 4)}
    OUTPUT.write_text("\n".join(lines) + "\n" + OmegaConf.to_yaml(OmegaConf.create(tree)))


def report(seeds: list[int], households: int) -> pd.DataFrame:
    """Run the default baseline (with the calibration in force) and write the report."""
    rows = []
    for seed in seeds:
        model = EconomyModel(load_config([f"seed={seed}", f"population.households={households}",
                                          "steps=4"]))
        for _ in range(4):
            model.step()
        rows.append(moments.first_year(model))
        release(model)
    table = moments.compare(moments.load_targets(), pd.DataFrame(rows))
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    passed = int(table["pass"].sum())
    lines = [
        "# Calibration to Guangdong 2016",
        "",
        f"{passed} of {len(table)} moments inside their tolerance; default baseline, "
        f"{households:,} households, {len(seeds)} seeds, first simulated year (2016). "
        f"Targets: data/{moments.TARGETS.name} (sha256 {data_hash()}). "
        "Official urban figures are compared with urban and migrant households together.",
        "",
        "| moment | target | model (mean over seeds) | sd over seeds | tolerance | status | "
        "distance (tolerances) | in tolerance |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for _, r in table.iterrows():
        tol = f"{r['tolerance']:g}" + (" (relative)" if r["relative"] else "")
        lines.append(f"| {r['moment']} | {r['value']:g} | {r['model']:.4g} | "
                     f"{r['model_sd']:.2g} | {tol} | {r['status']} | {r['distance']:+.2f} | "
                     f"{'yes' if r['pass'] else '**no**'} |")
    (REPORT_DIR / "report.md").write_text("\n".join(lines) + "\n")
    _chart(table).savefig(REPORT_DIR / "report.png", dpi=150)
    table.to_csv(REPORT_DIR / "moments.csv", index=False)
    return table


def _chart(table: pd.DataFrame) -> Figure:
    style.apply("en")
    fig = Figure(figsize=(8, 8), layout="constrained")
    ax = fig.subplots()
    y = np.arange(len(table))
    colours = ["#009E73" if p else "#D55E00" for p in table["pass"]]
    ax.barh(y, table["distance"].clip(-4, 4), color=colours)
    ax.axvspan(-1, 1, color="#DDDDDD", zorder=0)
    ax.set_yticks(y, table["moment"])
    ax.invert_yaxis()
    ax.set_xlabel("model minus target, in tolerances (grey: inside the tolerance)")
    ax.set_title("Baseline 2016 against Guangdong targets")
    return fig


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.calibrate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--evaluations", type=int, default=300)
    parser.add_argument("--households", type=int, default=10000)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--report-only", action="store_true",
                        help="only rerun the report with the calibration in force")
    args = parser.parse_args(argv)
    seeds = list(range(args.seeds))
    if not args.report_only:
        print(f"fitting {len(PARAMETERS)} parameters to {len(moments.load_targets())} moments, "
              f"{args.households:,} households x {len(seeds)} seeds per evaluation")
        values, value = fit(seeds, args.households, args.evaluations)
        write_config(values, value)
        print(f"wrote {OUTPUT.relative_to(PROJECT_ROOT)} (objective {value:.3f})")
    table = report(list(range(100, 100 + max(3, args.seeds))), 20_000)
    print(f"report: {REPORT_DIR.relative_to(PROJECT_ROOT)}/report.md: "
          f"{int(table['pass'].sum())} of {len(table)} moments in tolerance")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
