"""Step 2 of the quarter: the wage level, separations, layoffs, hiring and wages.

Firms want the labour that produces their expected sales (sim.economy.processes.
production). Jobs end at a quarterly separation rate that is higher for migrants; firms
above their labour demand lay off workers in random order; firms below it hire from
the unemployed of their region, of whom a share `labour.matching_efficiency` meets a
vacancy in a quarter (a simple matching friction in the spirit of Pissarides 2000).
Wages are the wage index times a household's efficiency units; the wage index grows
with productivity, expected inflation and labour-market tightness (wage Phillips
curve). Firm
quantities (labour, output, wage bill) are province totals: a household agent stands
for `scale` real households.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from sim.config.parameters import Economy
from sim.economy.constants import CAPITAL_GOODS_EMPLOYER, PRD
from sim.economy.kernels import bincount, jit


@dataclass
class Employment:
    """Who works where after this quarter's separations, layoffs and hires."""

    employed: np.ndarray  # by household
    employer: np.ndarray  # firm row by household, -1 if none (-2: capital-goods sector)
    labour: np.ndarray  # efficiency units employed by each firm (province)
    sector_labour: float = 0.0  # efficiency units the capital-goods sector employs


def wage_level(*, previous: float, efficiency: np.ndarray, employed: np.ndarray,
               expected_inflation: float, ep: Economy) -> float:
    """Wage Phillips curve with expected inflation (Phillips 1958; Friedman 1968;
    Blanchard and Katz 1999): on top of productivity growth, the wage level rises with
    the annual inflation wage setters expect (`expected_inflation`, adaptive and
    anchored, sim.economy.processes.expectations) and by `wage_flexibility` per point of
    unemployment below its natural rate last quarter (falls when it is above), by at
    most `wage_change_limit` a quarter beyond expected inflation."""
    unemployment = 1.0 - efficiency[employed].sum() / efficiency.sum()
    change = ep.wage_flexibility * (ep.natural_unemployment - unemployment)
    limit = ep.wage_change_limit
    expected = (1.0 + expected_inflation) ** 0.25
    return previous * expected * (1.0 + float(np.clip(change, -limit, limit)))


class _Jobs(NamedTuple):
    """Households' jobs, in the compiled loops' terms (`Workers`)."""

    employed: np.ndarray
    employer: np.ndarray
    kind: np.ndarray
    efficiency: np.ndarray


@jit
def _separate(jobs, draw, rate_by_kind, n_firms):
    """Workers whose draw is below their kind's separation rate leave their jobs (in
    place); returns the labour each firm keeps, efficiency units."""
    employed, employer, kind, eff = jobs
    kept = np.zeros(n_firms)
    for i in range(len(employed)):
        if employed[i] and draw[i] < rate_by_kind[kind[i]]:
            employed[i] = False
            employer[i] = -1
        if employed[i]:
            if employer[i] < 0 or employer[i] >= n_firms:
                raise IndexError("an employed household's employer is not a firm row")
            kept[employer[i]] += eff[i]
    return kept


@jit
def _lay_off(employed, employer, over, draw, eff, demand):
    """Firms employing more than `demand` keep their staff in the order of their draws
    while the labour before a worker plus half the worker's fits within demand; the rest
    are laid off (in place)."""
    n_firms = len(over)
    count = np.zeros(n_firms + 1, dtype=np.intp)
    for i in range(len(employed)):
        if employed[i] and over[employer[i]]:
            count[employer[i] + 1] += 1
    start = np.cumsum(count)
    staff = np.empty(start[-1], dtype=np.intp)
    fill = start[:-1].copy()
    for i in range(len(employed)):  # grouped by firm
        if employed[i] and over[employer[i]]:
            staff[fill[employer[i]]] = i
            fill[employer[i]] += 1
    for firm in range(n_firms):
        rows = staff[start[firm]:start[firm + 1]]
        rows = rows[np.argsort(draw[rows], kind="mergesort")]
        before = 0.0
        for j in range(len(rows)):
            i = rows[j]
            if before + 0.5 * eff[i] > demand[firm]:
                employed[i] = False
                employer[i] = -1
            before += eff[i]


@dataclass(frozen=True)
class Workers:
    """The households in the labour market, one entry per household agent.

    Attributes:
        employed: whether its earners have a job.
        employer: row of its employing firm, -1 if none (CAPITAL_GOODS_EMPLOYER: the
            capital-goods sector).
        kind: 0 urban, 1 rural, 2 migrant (separation rates differ by kind).
        region: 0 Pearl River Delta, 1 rest of the province (it searches there first).
        efficiency: its labour, province efficiency units (its own times the real
            households it stands for).
    """

    employed: np.ndarray
    employer: np.ndarray
    kind: np.ndarray
    region: np.ndarray
    efficiency: np.ndarray


@dataclass(frozen=True)
class Employers:
    """Who wants labour this quarter.

    Attributes:
        demand: efficiency units each firm wants.
        region: each firm's region.
        priority: a uniform draw per firm that orders the filling of vacancies (None: a
            random permutation).
        sector_demand: the capital-goods sector's labour demand, efficiency units (None:
            the sector does not hire). It hires in the Pearl River Delta first and fills
            its vacancies before the firms: it works to orders.
    """

    demand: np.ndarray
    region: np.ndarray
    priority: np.ndarray | None = None
    sector_demand: float | None = None


def match(*, workers: Workers, employers: Employers, separation_rates: np.ndarray,
          matching: float, rng: np.random.Generator) -> Employment:
    """Separations, layoffs and hires: the employment that follows from households'
    jobs (`workers`) and the labour `employers` demand (efficiency units).

    `separation_rates`: the quarterly rate at which jobs end, by kind (zeros for the
    initial hiring); `matching` the share of the unemployed who meet a vacancy. The
    capital-goods sector's workers have CAPITAL_GOODS_EMPLOYER as employer and its
    labour is `Employment.sector_labour`.
    """
    employed, employer = workers.employed.copy(), workers.employer.copy()
    if employers.sector_demand is not None:  # the sector joins as one more employer, the last
        row = len(employers.demand)
        priority = employers.priority
        if priority is not None:
            priority = np.append(priority, -1.0)
        employer[employer == CAPITAL_GOODS_EMPLOYER] = row
        jobs = match(
            workers=replace(workers, employed=employed, employer=employer),
            employers=Employers(
                demand=np.append(employers.demand, employers.sector_demand),
                region=np.append(employers.region, PRD).astype(employers.region.dtype),
                priority=priority),
            separation_rates=separation_rates, matching=matching, rng=rng)
        jobs.employer[jobs.employer == row] = CAPITAL_GOODS_EMPLOYER
        return Employment(jobs.employed, jobs.employer, jobs.labour[:row],
                          float(jobs.labour[row]))
    efficiency, demand = workers.efficiency, employers.demand
    n, n_firms = len(employed), len(demand)
    separation_draw, order_draw, search_draw = rng.random(n), rng.random(n), rng.random(n)
    firm_order = (rng.permutation(n_firms) if employers.priority is None  # random firm order
                  else np.argsort(employers.priority, kind="stable"))

    # Exogenous separations (job-to-unemployment flows), then layoffs in random order
    # where a firm employs more than it wants (a firm within its demand lays nobody off).
    jobs = _Jobs(employed, employer, workers.kind, efficiency)
    kept = _separate(jobs, separation_draw, separation_rates, n_firms)
    _lay_off(employed, employer, kept > demand, order_draw, efficiency, demand)
    _hire(jobs=jobs, region=workers.region, employers=employers, firm_order=firm_order,
          order_draw=order_draw, searching=np.flatnonzero(~employed & (search_draw < matching)))
    return Employment(employed, employer, bincount(employer, efficiency, n_firms, employed))


def _hire(*, jobs: _Jobs, region: np.ndarray, employers: Employers, firm_order: np.ndarray,
          order_draw: np.ndarray, searching: np.ndarray) -> None:
    """Hiring (in place, in `jobs`) from the `searching` unemployed (rows, each a draw
    below the matching rate) of the firm's region, in the order of their draws, by firms
    in `firm_order`: own region first, then the rest of the province (intra-provincial
    migration). A household agent's labour is lumpy, so a firm may be filled beyond its
    vacancy (its vacancy turns negative); a later pass hires only what is left of the
    vacancies net of that overfilling, so the labour hired in all stays within half an
    agent of the labour demanded (firms pay for the labour they are pooled, see
    `pooled`)."""
    employed, employer, efficiency = jobs.employed, jobs.employer, jobs.efficiency
    demand, firm_region, n_firms = employers.demand, employers.region, len(employers.demand)
    labour = bincount(employer, efficiency, n_firms, employed)
    vacancy = np.maximum(0.0, demand - labour)
    for place in (PRD, 1 - PRD, None):
        in_region = (firm_region == place) if place is not None else np.ones(n_firms, bool)
        firms = firm_order[(in_region & (vacancy > 0.0))[firm_order]]
        pool = searching[~employed[searching]]
        if place is not None:
            pool = pool[region[pool] == place]
        net = float(vacancy.sum())
        if len(firms) == 0 or len(pool) == 0 or net <= 0.0:
            continue
        pool = pool[np.argsort(order_draw[pool], kind="stable")]
        midpoint = np.cumsum(efficiency[pool]) - 0.5 * efficiency[pool]
        cum_vacancy = np.cumsum(vacancy[firms])
        cum_vacancy *= min(1.0, net / cum_vacancy[-1])  # (the overfilled firms' excess)
        hired = midpoint < cum_vacancy[-1]
        slot = np.minimum(np.searchsorted(cum_vacancy, midpoint[hired], side="right"),
                          len(firms) - 1)
        employed[pool[hired]] = True
        employer[pool[hired]] = firms[slot]
        np.subtract.at(vacancy, firms[slot], efficiency[pool[hired]])


def pooled(*, employed_labour: float, demand: np.ndarray) -> np.ndarray:
    """Each firm's labour input, efficiency units: its share of the labour employed,
    in proportion to its labour `demand`.

    A household agent stands for thousands of real households and a firm agent for a
    few hundred real firms, so the agents matched to a small firm would make its labour
    lumpy (all or nothing of one agent's efficiency). The matching decides who is
    employed and who loses a job when a firm closes; each firm works with its demand
    times the economy's fill rate (employed over demanded labour), which adds up to the
    labour employed, so wages paid equal wages received."""
    total = demand.sum()
    return demand * (employed_labour / total) if total > 0 else np.zeros(len(demand))


def wages(*, employed: np.ndarray, efficiency: np.ndarray, wage_index: float) -> np.ndarray:
    """Each household's wage this quarter, yuan: the wage index times its efficiency
    units if its earners have a job."""
    return _wages(employed, efficiency, wage_index)


@jit
def _wages(employed, efficiency, wage_index):
    wage = np.empty(len(employed))
    for i in range(len(wage)):
        wage[i] = wage_index * efficiency[i] if employed[i] else 0.0
    return wage
