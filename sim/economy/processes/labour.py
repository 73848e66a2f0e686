"""Step 2 of the quarter: labour demand, separations, firing, hiring, wages, output.

Firms want the labour that produces their expected sales plus the gap to their
inventory target (goods), within their capacity (services). Jobs end at a quarterly
separation rate that is higher for migrants; firms above their labour demand lay off
workers in random order; firms below it hire from the unemployed of their region, of
whom a share `matching_efficiency` meets a vacancy in a quarter (a simple matching
friction in the spirit of Pissarides 2000). Wages are `wage_index * efficiency`; the wage
index grows with productivity and with labour-market tightness (wage Phillips curve).
Firm quantities (labour, output, wage bill) are province totals: a household agent
stands for `model.scale` real households.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.config.params import by_kind
from sim.economy.constants import GOODS, PRD
from sim.economy.kernels import bincount, jit

if TYPE_CHECKING:
    from sim.economy.model import EconomyModel


def labour_demand(model: EconomyModel) -> np.ndarray:
    """Efficiency units of labour each firm wants this quarter (0 for exited firms)."""
    f, fp = model.firms, model.p.firms
    goods = GOODS[f.category]
    desired = np.where(
        goods,
        np.maximum(0.0, f.expected_demand * (1.0 + fp.inventory_target) - f.inventory),
        f.expected_demand,
    )
    per_unit = (1.0 + fp.quality_cost * f.quality) / (f.productivity * model.growth_index)
    demand = np.minimum(desired * per_unit, f.capacity * model.service_capacity(f))
    return np.where(f.alive, demand, 0.0)


@jit
def _separate(employed, employer, kind, draw, rate_by_kind, eff, n_firms):
    """Workers whose draw is below their kind's separation rate leave their jobs;
    returns the labour each firm keeps, efficiency units (added in row order)."""
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
    while the labour before a worker plus half the worker's fits within demand; the
    rest are laid off. Staff are ordered by firm, then draw (a stable sort), and the
    labour before each worker is a running sum over that order."""
    n_firms = len(over)
    count = np.zeros(n_firms + 1, dtype=np.intp)
    for i in range(len(employed)):
        if employed[i] and over[employer[i]]:
            count[employer[i] + 1] += 1
    start = np.cumsum(count)
    staff = np.empty(start[-1], dtype=np.intp)
    fill = start[:-1].copy()
    for i in range(len(employed)):  # grouped by firm, in row order within a firm
        if employed[i] and over[employer[i]]:
            staff[fill[employer[i]]] = i
            fill[employer[i]] += 1
    running, first_before = 0.0, 0.0
    for firm in range(n_firms):
        rows = staff[start[firm]:start[firm + 1]]
        rows = rows[np.argsort(draw[rows], kind="mergesort")]
        for j in range(len(rows)):
            i = rows[j]
            running += eff[i]
            before = running - eff[i]
            if j == 0:
                first_before = max(first_before, before)
            if (before - first_before) + 0.5 * eff[i] > demand[firm]:
                employed[i] = False
                employer[i] = -1


def match(model: EconomyModel, initial: bool = False,
          efficiency: np.ndarray | None = None) -> None:
    """Separations, layoffs and hires; sets `employed`, `employer` and firms' `labour`.

    With `initial`, the starting workforce is hired without separations or frictions.
    `efficiency` is the households' (default: `households.efficiency`).
    """
    h, f = model.households, model.firms
    rng = model.rng_for("labour")
    n = len(h)
    separation_draw, order_draw, search_draw = rng.random(n), rng.random(n), rng.random(n)
    firm_order = rng.permutation(len(f))  # vacancies are filled in random firm order
    efficiency = h.efficiency if efficiency is None else efficiency
    eff = efficiency * model.scale  # province efficiency units each agent stands for
    demand = labour_demand(model)

    # Exogenous separations (job-to-unemployment flows), then layoffs in random order
    # where a firm employs more than it wants (a firm within its demand lays nobody off).
    rates = np.array(by_kind(model.p.households.separation_rate)) * (not initial)
    employed_eff = _separate(h.employed, h.employer, h.kind, separation_draw, rates, eff, len(f))
    _lay_off(h.employed, h.employer, employed_eff > demand, order_draw, eff, demand)

    # Hiring from the searching unemployed of the firm's region, in random order.
    labour = bincount(h.employer, eff, len(f), h.employed)
    vacancy = np.maximum(0.0, demand - labour)
    matching = 1.0 if initial else model.p.labour.matching_efficiency
    searching = np.flatnonzero(~h.employed & (search_draw < matching))
    # Own region first, then the rest of the province (intra-provincial migration).
    for region in (PRD, 1 - PRD, None):
        in_region = (f.region == region) if region is not None else np.ones(len(f), bool)
        firms = firm_order[(in_region & (vacancy > 0.0))[firm_order]]
        pool = searching[~h.employed[searching] & (
            (h.region[searching] == region) if region is not None else True)]
        if len(firms) == 0 or len(pool) == 0:
            continue
        pool = pool[np.argsort(order_draw[pool], kind="stable")]
        midpoint = np.cumsum(eff[pool]) - 0.5 * eff[pool]
        cum_vacancy = np.cumsum(vacancy[firms])
        hired = midpoint < cum_vacancy[-1]
        slot = np.searchsorted(cum_vacancy, midpoint[hired], side="right")
        h.employed[pool[hired]] = True
        h.employer[pool[hired]] = firms[slot]
        np.subtract.at(vacancy, firms[slot], eff[pool[hired]])
        np.maximum(vacancy, 0.0, out=vacancy)

    f.labour = bincount(h.employer, eff, len(f), h.employed)


def pay_wages_and_produce(model: EconomyModel, efficiency: np.ndarray) -> None:
    """Firms pay wages from their deposits and produce with the labour they employ."""
    h, f, fp = model.households, model.firms, model.p.firms
    f.wage_bill = model.wage_index * f.labour
    f.cash -= f.wage_bill
    model.wages = _pay_wages(h.employed, efficiency, model.wage_index, h.deposits, h.income)
    model.ledger.pay("wages", "firms", "households", f.wage_bill.sum())
    f.output = f.labour * f.productivity * model.growth_index / (1.0 + fp.quality_cost * f.quality)


@jit
def _pay_wages(employed, efficiency, wage_index, deposits, income):
    """Each household's wage this quarter, yuan, added to its deposits and income."""
    wage = np.empty(len(employed))
    for i in range(len(wage)):
        wage[i] = wage_index * efficiency[i] if employed[i] else 0.0
        deposits[i] += wage[i]
        income[i] += wage[i]
    return wage


def update_wages(model: EconomyModel, efficiency: np.ndarray) -> None:
    """Wage Phillips curve (Phillips 1958; Blanchard and Katz 1999): on top of
    productivity growth, the wage level rises by `wage_flexibility` per point of
    unemployment below its natural rate last quarter, and falls when it is above."""
    ep = model.p.economy
    employed = efficiency[model.households.employed].sum()
    unemployment = 1.0 - employed / efficiency.sum()
    change = ep.wage_flexibility * (ep.natural_unemployment - unemployment)
    limit = ep.wage_change_limit
    model.wage_level *= 1.0 + float(np.clip(change, -limit, limit))


def run(model: EconomyModel) -> None:
    """The labour-market step of the quarter."""
    efficiency = model.households.efficiency  # (skill times earners: computed once)
    update_wages(model, efficiency)
    match(model, efficiency=efficiency)
    pay_wages_and_produce(model, efficiency)
