"""`python -m sim.calibrate` (make calibrate): fit the free behavioural parameters to
the 2016 Guangdong moments by the simulated method of moments (McFadden 1989; Lee and
Ingram 1991) and report the fit.

The objective is the weighted sum of squared distances between model and target
moments, each distance measured in the target's own tolerance, over the observed
targets and the proxies only, weighted by how sure the figure is (observed 1, recalled
0.5, proxy 0.25). Inputs (population, urbanisation, household size, credit access) and
identities (rows that follow from other rows) are not evidence about the parameters:
they weigh nothing and are reported as checks (sim.tools.identification.roles). Each
evaluation runs the first simulated year for the same seeds (common random numbers, so
the objective is a smooth function of the parameters and not of the draws). Nelder-Mead
(scipy.optimize) starts from the calibration in force (the declared value for a
parameter it does not yet set).

Writes configs/calibration/guangdong_2016.yaml (the baseline's default, with the
date, the data file's hash and the objective) and results/calibration/report.md with
a chart: each moment, its target, the model over seeds with its spread, the tolerance
and pass or fail. `--identification` adds each parameter's standard error and the
weakly identified ones (identification.md); `--profiles` the objective along each
parameter's plausible range with the others at the fit (profiles.md and profiles.png).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from omegaconf import OmegaConf
from scipy import optimize
from tqdm import tqdm

from sim.config.compose import load_config
from sim.config.paths import CONFIG_DIR, PROJECT_ROOT
from sim.economy.model import EconomyModel
from sim.report import style
from sim.sweep.run import release
from sim.tools import identification, moments

OUTPUT = CONFIG_DIR / "calibration" / "guangdong_2016.yaml"
REPORT_DIR = PROJECT_ROOT / "results" / "calibration"
WEIGHTS = {"observed": 1.0, "derived": 1.0, "recalled": 0.5, "proxy": 0.25}
# (config path, lower, upper): the free behavioural parameters and their ranges.
PARAMETERS = (
    ("households.earnings_year.urban", 35000.0, 80000.0),
    ("households.earnings_year.rural", 12000.0, 40000.0),
    ("households.earnings_year.migrant", 25000.0, 60000.0),
    ("households.mpc_permanent.urban", 0.6, 0.98),
    ("households.mpc_permanent.rural", 0.6, 0.98),
    ("households.mpc_permanent.migrant", 0.6, 0.98),
    ("households.precautionary_saving", 0.0, 0.4),
    ("households.relative_income_elasticity", 0.0, 0.4),
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
        rows.append(moments.run_first_year(model))
        release(model)
    return pd.DataFrame(rows)


def as_overrides(values: np.ndarray) -> list[str]:
    return [f"{path}={value:.6g}" for (path, _, _), value in zip(PARAMETERS, values,
                                                                strict=True)]


def moment_weights(targets: pd.DataFrame) -> np.ndarray:
    """Each target's weight in the objective: by how sure the figure is (WEIGHTS) for
    the observed targets and proxies, 0 for the inputs and identities, which are checks."""
    weights = targets["status"].map(WEIGHTS).fillna(0.25).to_numpy()
    checks = identification.roles(targets).isin(["identity", "input"]).to_numpy()
    return np.where(checks, 0.0, weights)


def objective_of(table: pd.DataFrame) -> float:
    """Weighted sum of squared distances, in tolerances, over the fitted moments."""
    return float((moment_weights(table) * table["distance"].to_numpy() ** 2).sum())


def search_box() -> tuple[np.ndarray, np.ndarray]:
    """The range each fitted parameter is searched over: its range in PARAMETERS within
    its declared plausible range (around its declared value), so that the fit never
    moves a parameter beyond what it is believed to be."""
    declared = load_config(["calibration=none"])
    bounds = []
    for path, low, high in PARAMETERS:
        p_low, p_high = identification.plausible_of(
            path, float(OmegaConf.select(declared, path)))
        bounds.append((max(low, p_low), min(high, p_high)))
    return np.array([b[0] for b in bounds]), np.array([b[1] for b in bounds])


def fit(seeds: list[int], households: int, evaluations: int) -> tuple[np.ndarray, float]:
    """Nelder-Mead over the parameters scaled to [0, 1] within their search box."""
    targets = moments.load_targets()
    lower, upper = search_box()
    start = np.clip((fitted_values() - lower) / (upper - lower), 0.0, 1.0)
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


def report(seeds: list[int], households: int, out: Path = REPORT_DIR) -> pd.DataFrame:
    """Run the default baseline (with the calibration in force) and write the report
    (report.md, report.png and moments.csv) into `out`."""
    rows = []
    for seed in seeds:
        model = EconomyModel(load_config([f"seed={seed}", f"population.households={households}",
                                          "steps=4"]))
        rows.append(moments.run_first_year(model))
        release(model)
    table = moments.compare(moments.load_targets(), pd.DataFrame(rows))
    table["role"] = identification.roles(table)
    out.mkdir(parents=True, exist_ok=True)
    passed = int(table["pass"].sum())
    counts = {role: (int(table.loc[table["role"] == role, "pass"].sum()),
                     int((table["role"] == role).sum())) for role in identification.ROLES}
    lines = [
        "# Calibration to Guangdong 2016",
        "",
        f"Observed targets: {counts['observed'][0]} of {counts['observed'][1]} inside their "
        f"tolerance; proxies (national or literature figures): {counts['proxy'][0]} of "
        f"{counts['proxy'][1]}. Checks, not evidence about the fitted parameters: "
        f"identities (derived from other rows) {counts['identity'][0]} of "
        f"{counts['identity'][1]}, inputs (set by the structure or a lever's 2016 value) "
        f"{counts['input'][0]} of {counts['input'][1]}; {passed} of {len(table)} rows in all. "
        f"Default baseline, {households:,} households, {len(seeds)} seeds, first simulated "
        f"year (2016). Targets: data/{moments.TARGETS.name} (sha256 {data_hash()}). "
        "Official urban figures are compared with urban and migrant households together. "
        "What the fit identifies, with each parameter's standard error: "
        "identification.md (`python -m sim.calibrate --identification`).",
    ]
    for role, title in (("observed", "Observed targets"), ("proxy", "Proxies"),
                        ("identity", "Identities (checks)"), ("input", "Inputs (checks)")):
        lines += ["", f"## {title}", "",
                  "| moment | target | model (mean over seeds) | sd over seeds | tolerance | "
                  "status | distance (tolerances) | in tolerance |",
                  "|---|---|---|---|---|---|---|---|"]
        for _, r in table[table["role"] == role].iterrows():
            tol = f"{r['tolerance']:g}" + (" (relative)" if r["relative"] else "")
            lines.append(f"| {r['moment']} | {r['value']:g} | {r['model']:.4g} | "
                         f"{r['model_sd']:.2g} | {tol} | {r['status']} | "
                         f"{r['distance']:+.2f} | {'yes' if r['pass'] else '**no**'} |")
    (out / "report.md").write_text("\n".join(lines) + "\n")
    _chart(table).savefig(out / "report.png", dpi=150)
    table.to_csv(out / "moments.csv", index=False)
    return table


def fitted_values() -> np.ndarray:
    """The parameters' values in force (the calibration's, by default)."""
    cfg = load_config()
    return np.array([float(OmegaConf.select(cfg, path)) for path, _, _ in PARAMETERS])


def identify(seeds: list[int], households: int) -> identification.Identification:
    """Standard errors and identification of the fitted parameters at the values in
    force (sim.tools.identification), written to identification.md and .csv."""
    targets = moments.load_targets()
    weights = moment_weights(targets)
    fitted = weights > 0.0
    weights = weights[fitted]
    values = fitted_values()
    names = [path for path, _, _ in PARAMETERS]
    plausible = [identification.plausible_of(path, v) for path, v in zip(names, values,
                                                                          strict=True)]
    steps = np.array([0.1 * (hi - lo) for lo, hi in plausible])

    def simulate(x: np.ndarray) -> pd.DataFrame:
        return simulate_moments(as_overrides(x), seeds, households)

    jacobian, noise, _ = identification.jacobian(simulate, values, steps, fitted)
    found = identification.identify(names, values, jacobian, weights, noise, plausible)
    _write_identification(found, targets[fitted], jacobian, seeds, households)
    return found


def _write_identification(found: identification.Identification, targets: pd.DataFrame,
                          jacobian: np.ndarray, seeds: list[int], households: int) -> None:
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    t = found.table
    lines = [
        "# What the 2016 calibration identifies",
        "",
        f"At the fitted values in force ({OUTPUT.relative_to(PROJECT_ROOT)}); Jacobian by "
        f"central differences of a tenth of each plausible range either side, "
        f"{households:,} households, {len(seeds)} seeds (common random numbers; a "
        "derivative within two simulation standard errors of zero counts as zero). "
        "Standard errors from the simulated "
        "method of moments' sandwich with each target's tolerance as its standard error and "
        "the fit's weights (sim/tools/identification.py). Condition number of the "
        f"information matrix, parameters in units of their plausible ranges: "
        f"{found.condition:,.0f}. The objective counts the observed targets and the proxies "
        "with the weight of their status; inputs and identities weigh nothing (report.md "
        "says which rows are which).",
        "",
        f"Weakly identified (standard error above {identification.WEAK_SE_SHARE:.0%} of the "
        f"plausible range, or correlation above {identification.WEAK_CORRELATION} with "
        "another estimate): "
        + (", ".join(f"`{p}`" for p in t.loc[t["weak"], "parameter"]) or "none")
        + ". The uncertainty analysis varies these over their plausible ranges.",
        "",
        "| parameter | value | standard error | plausible range | se / range | "
        "largest correlation | with | weakly identified |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for _, r in t.iterrows():
        lines.append(f"| `{r['parameter']}` | {r['value']:.4g} | {r['se']:.3g} | "
                     f"{r['plausible_low']:.4g} to {r['plausible_high']:.4g} | "
                     f"{r['se_share_of_range']:.2f} | {r['max_correlation']:.2f} | "
                     f"`{r['correlated_with']}` | {'**yes**' if r['weak'] else 'no'} |")
    strongest = np.abs(jacobian * (t["plausible_high"] - t["plausible_low"]).to_numpy())
    lines += ["", "Which moments move each parameter most (moment change in tolerances "
              "over the parameter's plausible range):", ""]
    for k, name in enumerate(t["parameter"]):
        top = np.argsort(strongest[:, k])[::-1][:3]
        lines.append(f"- `{name}`: " + ", ".join(
            f"{targets['moment'].iloc[j]} ({strongest[j, k]:.1f})" for j in top))
    (REPORT_DIR / "identification.md").write_text("\n".join(lines) + "\n")
    t.to_csv(REPORT_DIR / "identification.csv", index=False)
    found.correlation.to_csv(REPORT_DIR / "identification_correlation.csv")


def profiles(seeds: list[int], households: int, points: int = 7) -> pd.DataFrame:
    """The objective along each fitted parameter's plausible range, the others held at
    the values in force: `points` values evenly over the range plus the fitted value.
    Writes profiles.csv, profiles.md (the range within one unit of objective of the fit)
    and profiles.png. These are slices, not full profiles (which would refit the others
    at each point): where a slice is flat the data cannot pin the parameter down; where
    it is steep they may still trade it against another parameter (identification.md
    gives the correlations)."""
    targets = moments.load_targets()
    values = fitted_values()
    names = [path for path, _, _ in PARAMETERS]
    rows = []
    grid = [(k, x) for k, path in enumerate(names)
            for x in sorted({*np.linspace(*identification.plausible_of(path, values[k]),
                                          points), values[k]})]
    for k, x in tqdm(grid, desc="profiles", unit="evaluation"):
        trial = values.copy()
        trial[k] = x
        table = moments.compare(targets, simulate_moments(as_overrides(trial), seeds,
                                                          households))
        rows.append({"parameter": names[k], "value": x, "fitted": x == values[k],
                     "objective": objective_of(table)})
    out = pd.DataFrame(rows)
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    out.to_csv(REPORT_DIR / "profiles.csv", index=False)
    _write_profiles(out, seeds, households)
    return out


def flat_range(slice_: pd.DataFrame) -> tuple[float, float]:
    """The values of one parameter's slice whose objective is within one unit of the
    fitted value's (the grid's points; a lower bound on the range the data allow)."""
    at_fit = float(slice_.loc[slice_["fitted"], "objective"].iloc[0])
    near = slice_.loc[slice_["objective"] <= at_fit + 1.0, "value"]
    return float(near.min()), float(near.max())


def _write_profiles(out: pd.DataFrame, seeds: list[int], households: int) -> None:
    lines = [
        "# The calibration's objective along each parameter",
        "",
        "Each fitted parameter moved over its declared plausible range, the others held at "
        f"the values in force; {households:,} households, {len(seeds)} seed(s) (common random "
        "numbers). Slices, not full profiles: the others are not refitted at each point. "
        "The range within one unit of objective of the fit is read on the grid, so it is a "
        "lower bound on what the data allow. Chart: profiles.png.",
        "",
        "| parameter | fitted | objective at the fit | lowest on the slice (at) | "
        "within one unit of the fit | share of the plausible range |",
        "|---|---|---|---|---|---|",
    ]
    for name, slice_ in out.groupby("parameter", sort=False):
        fitted = slice_.loc[slice_["fitted"]].iloc[0]
        best = slice_.loc[slice_["objective"].idxmin()]
        low, high = flat_range(slice_)
        span = slice_["value"].max() - slice_["value"].min()
        lines.append(f"| `{name}` | {fitted['value']:.4g} | {fitted['objective']:.2f} | "
                     f"{best['objective']:.2f} ({best['value']:.4g}) | {low:.4g} to "
                     f"{high:.4g} | {(high - low) / span:.2f} |")
    (REPORT_DIR / "profiles.md").write_text("\n".join(lines) + "\n")
    _profile_chart(out).savefig(REPORT_DIR / "profiles.png", dpi=150)


def _profile_chart(out: pd.DataFrame) -> Figure:
    style.apply("en")
    names = list(dict.fromkeys(out["parameter"]))
    cols = 4
    fig = Figure(figsize=(12, 2.6 * -(-len(names) // cols)), layout="constrained")
    axes = fig.subplots(-(-len(names) // cols), cols, squeeze=False).ravel()
    for ax, name in zip(axes, names, strict=False):
        slice_ = out[out["parameter"] == name]
        fitted = slice_.loc[slice_["fitted"]].iloc[0]
        ax.plot(slice_["value"], slice_["objective"], marker="o", color="#0072B2")
        ax.axhline(fitted["objective"] + 1.0, color="#999999", linestyle=":")
        ax.plot([fitted["value"]], [fitted["objective"]], marker="*", markersize=12,
                color="#D55E00")
        ax.set_title(name.removeprefix("households.").removeprefix("market."), fontsize=9)
        ax.set_ylabel("objective")
    for ax in axes[len(names):]:
        ax.set_visible(False)
    fig.suptitle("Calibration objective along each parameter (others at the fit; star: "
                 "fitted value; dotted: one unit above it)")
    return fig


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
    parser.add_argument("--identification", action="store_true",
                        help="only the identification report: standard errors of the fitted "
                             "parameters and the weakly identified ones (a minute and a "
                             "half with --seeds 6)")
    parser.add_argument("--profiles", action="store_true",
                        help="only the objective along each parameter's plausible range, the "
                             "others at the fit (profiles.md and .png; about five minutes)")
    args = parser.parse_args(argv)
    seeds = list(range(args.seeds))
    if args.profiles:
        out = profiles(seeds, args.households)
        print(f"report: {REPORT_DIR.relative_to(PROJECT_ROOT)}/profiles.md "
              f"({out['parameter'].nunique()} parameters, {len(out)} evaluations)")
        return 0
    if args.identification:
        found = identify(seeds, args.households)
        weak = found.table.loc[found.table["weak"], "parameter"].tolist()
        print(f"report: {REPORT_DIR.relative_to(PROJECT_ROOT)}/identification.md "
              f"(weakly identified: {', '.join(weak) or 'none'})")
        return 0
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
