"""What the 2016 calibration identifies: the role of each moment, the standard error of
each fitted parameter and the parameters the data cannot pin down
(`python -m sim.calibrate --identification`, written to results/calibration/).

Roles. Of the rows of data/guangdong_2016_targets.csv, some are not evidence about the
fitted parameters: *inputs* are set by the model's structure or a lever's 2016 value
(population, urbanisation, household size, credit access), and *identities* are
derived rows, which follow from other rows (the consumption rates and the urban-rural
income ratio from income and consumption; rural consumption and the rural Engel
coefficient from the all and urban rows). They are checks, not targets. The rest are
*observed* targets (observed or recalled official figures) and *proxies* (national or
literature figures standing in for Guangdong's, with wide tolerances and a quarter of
the weight).

Standard errors. The fit minimises g(θ)'W g(θ), g the model's moments less the targets in
the targets' tolerances, W the weights by status (sim.tools.calibrate). Taking each
tolerance as the standard error of its figure, the simulated method of moments'
sandwich (Lee and Ingram 1991; McFadden 1989) gives

    V = (G'WG)^-1 G'W (I + Σ/S) W G (G'WG)^-1,

G the Jacobian of g at the fit (central differences, common random numbers), Σ the
covariance of the simulated moments over the S seeds (simulation noise). A parameter is
weakly identified when its standard error exceeds a quarter of its declared plausible
range, or its estimate is correlated beyond 0.9 with another's: the uncertainty
analysis must then vary it over that range rather than trust the point estimate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from tqdm import tqdm

from sim.config.parameters import declaration_of
from sim.tools import moments

INPUTS = ("population_total", "urbanisation_rate", "household_size", "credit_access_all")
"""Moments that the model's structure or a lever's 2016 value sets, not behaviour."""
IDENTITIES = ("consumption_rate_all", "consumption_rate_urban", "consumption_rate_rural",
              "urban_rural_income_ratio", "consumption_pc_rural", "engel_rural")
"""Moments that follow from other rows (ratios of them, or the rural row from the all and
urban rows with the survey's weights); any other derived row is one too."""
ROLES = ("observed", "proxy", "identity", "input")
WEAK_SE_SHARE = 0.25  # of the plausible range
WEAK_CORRELATION = 0.9


def roles(targets: pd.DataFrame) -> pd.Series:
    """Each target's role: observed, proxy, identity (a derived row) or input."""
    role = targets["status"].map({"observed": "observed", "recalled": "observed",
                                  "proxy": "proxy", "derived": "identity"})
    role[targets["moment"].isin(IDENTITIES)] = "identity"
    role[targets["moment"].isin(INPUTS)] = "input"
    return role.fillna("proxy")


@dataclass
class Identification:
    """The fitted parameters' standard errors and how well the data pin them down.

    Attributes:
        table: one row per parameter: value, standard error, its share of the
            plausible range, the largest correlation with another estimate (and with
            which), and whether it is weakly identified.
        correlation: the estimates' correlation matrix.
        condition: the condition number of G'WG with each parameter scaled by its
            plausible range (large: some combination of parameters is barely moved by
            the data).
    """

    table: pd.DataFrame
    correlation: pd.DataFrame
    condition: float


def sandwich(jacobian: np.ndarray, weights: np.ndarray,
             noise: np.ndarray | None = None) -> np.ndarray:
    """The SMM covariance of the estimates: `jacobian` (moments x parameters, in
    moment standard errors per parameter unit), `weights` (one per moment), `noise` the
    simulation-noise covariance of the moments' mean over seeds (default none)."""
    w = np.diag(weights)
    omega = np.eye(len(weights)) + (noise if noise is not None else 0.0)
    bread = np.linalg.pinv(jacobian.T @ w @ jacobian)
    return bread @ jacobian.T @ w @ omega @ w @ jacobian @ bread


def identify(names: list[str], values: np.ndarray, jacobian: np.ndarray,
             weights: np.ndarray, noise: np.ndarray | None,
             plausible: list[tuple[float, float]]) -> Identification:
    """Standard errors, correlations and weak identification of the parameters `names`
    at `values` (see `sandwich`; `plausible`: each parameter's declared range)."""
    cov = sandwich(jacobian, weights, noise)
    se = np.sqrt(np.maximum(np.diag(cov), 0.0))
    corr = cov / np.outer(np.maximum(se, 1e-300), np.maximum(se, 1e-300))
    np.fill_diagonal(corr, 1.0)
    width = np.array([hi - lo for lo, hi in plausible])
    off = np.abs(corr - np.eye(len(names)))
    partner = off.argmax(axis=1)
    scaled = jacobian * width  # each parameter in units of its plausible range
    information = scaled.T @ np.diag(weights) @ scaled
    table = pd.DataFrame({
        "parameter": names, "value": values, "se": se,
        "plausible_low": [lo for lo, _ in plausible], "plausible_high": [hi for _, hi in plausible],
        "se_share_of_range": se / width,
        "max_correlation": off.max(axis=1), "correlated_with": [names[j] for j in partner],
    })
    table["weak"] = ((table["se_share_of_range"] > WEAK_SE_SHARE)
                     | (table["max_correlation"] > WEAK_CORRELATION))
    return Identification(table, pd.DataFrame(corr, index=names, columns=names),
                          float(np.linalg.cond(information)))


def jacobian(simulate: Callable[[np.ndarray], pd.DataFrame], values: np.ndarray, steps: np.ndarray,
             fitted: np.ndarray) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """Central-difference Jacobian of the fitted moments (in tolerances) with respect to
    each parameter, the covariance of the moments' mean over seeds at `values`, and the
    Jacobian's simulation standard errors. `simulate(values)` returns the per-seed
    moments (one row per seed, sim.tools.calibrate); `steps` the difference step of each
    parameter; `fitted` which target rows enter. Each seed gives its own difference
    (common random numbers), so the spread of the differences over seeds measures how
    much of a derivative is simulation noise; a derivative within two standard errors of
    zero is set to zero (a moment whose response cannot be told from noise carries no
    information about the parameter)."""
    targets = moments.load_targets()
    names = targets["moment"][fitted]
    scale = moments.tolerance_scale(targets)[fitted]

    def per_seed(x: np.ndarray) -> np.ndarray:
        return simulate(x)[names].to_numpy() / scale  # seeds x moments, in tolerances

    centre = per_seed(values)
    seeds = len(centre)
    noise = np.cov(centre, rowvar=False) / seeds if seeds > 1 else None
    columns, errors = [], []
    for k in tqdm(range(len(values)), desc="Jacobian", unit="parameter"):
        up, down = values.copy(), values.copy()
        up[k] += steps[k]
        down[k] -= steps[k]
        differences = (per_seed(up) - per_seed(down)) / (2.0 * steps[k])
        mean = differences.mean(axis=0)
        error = (differences.std(axis=0, ddof=1) / np.sqrt(seeds) if seeds > 1
                 else np.zeros_like(mean))
        columns.append(np.where(np.abs(mean) > 2.0 * error, mean, 0.0))
        errors.append(error)
    return np.column_stack(columns), noise, np.column_stack(errors)


def plausible_of(path: str, value: float) -> tuple[float, float]:
    """The declared plausible range of the parameter at config `path` whose value is
    `value` (a group's `plausible_factor` applies to it)."""
    declaration = declaration_of(path)
    if declaration is None:
        raise KeyError(f"{path}: no such parameter")
    if declaration.plausible is not None:
        return declaration.plausible
    if declaration.plausible_factor is not None:
        low, high = sorted(value * f for f in declaration.plausible_factor)
        return low, high
    raise ValueError(f"{path}: no plausible range declared (every fitted parameter needs one)")
