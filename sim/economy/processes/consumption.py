"""Steps 5 and 6 of the quarter: the consumption budget and its allocation.

Budget (buffer-stock saving, Carroll 1997; Carroll 2001 "A theory of the consumption
function"; the stock-flow norm of Godley and Lavoie 2007 ch. 3): households spend a
propensity of permanent income plus a share of their liquid net wealth above a target,

    C = mpc * P + mpc_cash * (deposits - debt + goods bought ahead - target_net_wealth).

The target is `target_buffer_quarters` of permanent income, larger the more of the
household's risks no insurance covers (the precautionary motive: Chamon, Liu and Prasad
2013 find that income uncertainty and pension reform drive Chinese saving), less a share
of the credit limit (credit substitutes for own buffers: Ludvigson 1999), a share that
falls as the loan rate rises (sim.economy.processes.credit.line_as_buffer). The same
exposure lowers the propensity to consume: Chen, Lu and Zhong (2015) find migrants
consume 16-20% less than comparable urban households. A household's exposure is its
expected uninsured loss a quarter (health costs its insurance does not pay, wages
unemployment insurance does not replace, at its kind's job-loss rate) above a covered
urban household's, over that of an uncovered migrant (`uninsured_exposure`): 0 for the
first, 1 for the second, whose saving gap the precautionary parameters are fitted to.
Coverage lowers it because it lowers risk, not by label. A covered worker's pension
contributions are a tax now and pension wealth later: the household counts
`households.pension_wealth_weight` of them as income (0: it values none of the pension
it buys; 1: it saves that much less of its own). Both the saving rate and the
target scale with the household's patience, so impatient households with credit carry
debt. Spending cannot
exceed deposits plus unused credit; borrowing finances the difference.

Allocation (Linear Expenditure System, Stone 1954): spending on category c is its
subsistence cost plus a marginal share of supernumerary spending,

    x_c = p_c * gamma_c * persons + beta_c * (C - sum_k p_k * gamma_k * persons),

so the food share falls with income (Engel's law). Distrust of declared quality moves
spending between sellers in the supplier choice; a share `households.trust_spending_weight`
(0 by default: no study measures one) of a category's marginal spending per unit of
distrust may instead be withheld and saved (四（二）-（四）).

Rebates (七（一）): a rebate on a non-durable is a price cut the LES responds to. A rebate on
a durable leaves planned purchases where they were (`households.
durables_rebate_price_elasticity`, 0 by default: the evidence on subsidised durables is
timing and transfers, Mian and Sufi 2012, Hoekstra, Puller and West 2017): the household
pays less for what it buys anyway and keeps the saving in its deposits, which enter later
budgets as cash does; the timing response is in sim.economy.processes.durables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from sim.config.parameters import Households
from sim.config.params import by_kind
from sim.economy.agents import HouseholdTable
from sim.economy.constants import CATEGORIES, DURABLES, HOUSING, MIGRANT, N_CATEGORIES, URBAN
from sim.economy.kernels import jit
from sim.economy.rules import BufferRule, buffer_rule, buffer_target, spare_line


def uninsured_risk(*, covered: np.ndarray, kind: np.ndarray, hp: Households,
                   replacement: float) -> np.ndarray:
    """Expected uninsured loss a quarter, quarters of permanent income: the health costs
    insurance does not pay (`health_shock_rate` times `health_shock_size`, less
    `health_insurance_share` if covered) and the wage unemployment insurance does not
    replace (the kind's `separation_rate`, less `replacement` if covered)."""
    health = hp.health_shock_rate * hp.health_shock_size * np.where(
        covered, 1.0 - hp.health_insurance_share, 1.0)
    job = np.array(by_kind(hp.separation_rate))[kind] * np.where(covered, 1.0 - replacement,
                                                                 1.0)
    return health + job


def uninsured_exposure(*, h: HouseholdTable, hp: Households, replacement: float) -> np.ndarray:
    """Each household's precautionary exposure: its uninsured risk above a covered urban
    household's, over an uncovered migrant's above it (0 and 1 for those two; at least
    0). `replacement`: the unemployment insurance's replacement rate."""
    low, high = uninsured_risk(covered=np.array([True, False]), kind=np.array([URBAN, MIGRANT]),
                               hp=hp, replacement=replacement)
    own = uninsured_risk(covered=h.covered, kind=h.kind, hp=hp, replacement=replacement)
    return np.maximum(0.0, (own - low) / (high - low))


def target_buffer(*, h: HouseholdTable, hp: Households, line_as_buffer: float,
                  exposure: np.ndarray) -> np.ndarray:
    """Liquid net wealth (deposits less debt) each household aims for, yuan; negative
    for households that plan to carry debt. `line_as_buffer`: the share of the credit
    limit that replaces own buffer at this quarter's loan rate
    (sim.economy.processes.credit.line_as_buffer); `exposure`: each household's
    precautionary exposure (`uninsured_exposure`)."""
    return _target_buffers(h.permanent_income, h.buffer_factor, exposure, h.credit_access,
                           h.credit_limit, BufferRule(hp.target_buffer_quarters,
                                                      hp.precautionary_buffer, line_as_buffer))


@jit
def _target_buffers(permanent_income, buffer_factor, exposure, credit_access, credit_limit,
                    rule):
    out = np.empty(len(permanent_income))
    for i in range(len(out)):
        out[i] = buffer_target(permanent_income[i], buffer_factor[i], exposure[i],
                               credit_access[i], credit_limit[i], rule)
    return out


def budget(*, h: HouseholdTable, basic_cost: np.ndarray, hp: Households, line_as_buffer: float,
           exposure: np.ndarray, pension_accrual: np.ndarray) -> np.ndarray:
    """Out-of-pocket consumption budget of each household this quarter, yuan: the
    buffer-stock rule at the propensity of its origin (a settled migrant keeps its
    habits; what its new hukou changes is its coverage), its target counting
    `line_as_buffer` of the credit limit (see `target_buffer`), at least the
    subsistence cost (`basic_cost`) where the household can pay it, within deposits
    plus unused credit; `exposure`: each household's precautionary exposure;
    `pension_accrual`: its pension contributions this quarter, yuan, of which it counts
    `households.pension_wealth_weight` as income (the pension wealth they buy). Goods
    bought ahead of plan count as wealth (they stand for the deposits spent on them: the
    household will not buy them again), not as means to pay."""
    counted, mpc, target = buffer_rule(h=h, hp=hp, line_as_buffer=line_as_buffer, exposure=exposure,
                                       pension_accrual=pension_accrual)
    return _budgets(_Plans(counted, mpc, target),
                    _Means(h.credit_access, h.credit_limit, h.deposits, h.debt,
                           h.durables_ahead.sum(axis=1), basic_cost), hp.mpc_cash)


class _Plans(NamedTuple):
    counted_income: np.ndarray  # permanent income counted, yuan a quarter
    mpc: np.ndarray  # propensity to consume out of it
    target: np.ndarray  # target liquid net wealth, yuan


class _Means(NamedTuple):
    credit_access: np.ndarray
    credit_limit: np.ndarray
    deposits: np.ndarray
    debt: np.ndarray
    goods_ahead: np.ndarray  # goods bought ahead of plan, yuan
    basic_cost: np.ndarray  # the subsistence basket's cost, yuan


@jit
def _budgets(plans, means, mpc_cash):
    counted_income, mpc, target = plans
    credit_access, credit_limit, deposits, debt, goods_ahead, basic_cost = means
    out = np.empty(len(counted_income))
    for i in range(len(out)):
        wealth = deposits[i] - debt[i] + goods_ahead[i]
        desired = mpc[i] * counted_income[i] + mpc_cash * (wealth - target[i])
        liquid = deposits[i] + spare_line(credit_access[i], credit_limit[i], debt[i])
        desired = max(desired, min(basic_cost[i], liquid))  # subsistence first
        out[i] = min(max(desired, 0.0), liquid)
    return out


@dataclass
class Allocation:
    """Planned spending by household and category at full (pre-rebate) prices, yuan,
    shape (n, 8), and each household's planned spending in all and on durables."""

    planned: np.ndarray
    total: np.ndarray
    durable: np.ndarray


def totals(planned: np.ndarray) -> Allocation:
    """The allocation with `planned` spending by category (n x 8, yuan) and its totals
    (after purchases ahead of plan or the use of goods bought ahead)."""
    return Allocation(planned, planned.sum(axis=1), planned[:, DURABLES].sum(axis=1))


def marginal_shares(hp: Households) -> np.ndarray:
    """LES marginal budget shares by category."""
    return np.array([getattr(hp.marginal_shares, c) for c in CATEGORIES])


def allocate(*, h: HouseholdTable, budget: np.ndarray, need_per_person: np.ndarray, hp: Households,
             rebate_by_category: np.ndarray,
             rent_allowance: np.ndarray | None = None) -> Allocation:
    """Spread each household's budget over the categories (Linear Expenditure System).
    `need_per_person`: the subsistence quantity of each category at each kind's prices
    (kinds x categories), yuan per person; `rebate_by_category`: the share of each
    category's price that rebates pay; `rent_allowance`: the share of each household's
    rent that public rental housing saves it (none if not given)."""
    rent = np.zeros(len(budget)) if rent_allowance is None else rent_allowance
    return Allocation(*_les(
        _Spenders(h.kind, h.persons, budget, h.trust, rent),
        _Needs(need_per_person, hp.trust_spending_weight, marginal_shares(hp),
               1.0 - rebate_by_category, price_response(hp), DURABLES, HOUSING)))


def price_response(hp: Households) -> np.ndarray:
    """The elasticity of each category's planned purchases to the share of its price a
    rebate leaves the buyer (8): 1 (the LES's own response) for non-durables,
    `households.durables_rebate_price_elasticity` for durables."""
    out = np.ones(N_CATEGORIES)
    out[DURABLES] = hp.durables_rebate_price_elasticity
    return out


class _Spenders(NamedTuple):
    kind: np.ndarray
    persons: np.ndarray
    budget: np.ndarray  # yuan
    trust: np.ndarray  # households x categories
    rent_allowance: np.ndarray  # share of its rent a household does not pay


class _Needs(NamedTuple):
    need_per_person: np.ndarray  # kinds x categories, yuan
    trust_weight: float
    beta: np.ndarray  # marginal budget shares
    net_price: np.ndarray  # share of the price households pay, by category
    price_response: np.ndarray  # elasticity of planned purchases to net_price, by category
    durables: np.ndarray  # the durable categories
    housing: int  # the housing category


@jit
def _les(spenders, needs):
    """LES spending by household and category, yuan. Below subsistence the budget is
    shared in proportion to needs; above it, each category gets its marginal share of
    the rest, cut by distrust (the cut is saved); with rebates or a rent allowance,
    planned spending is at full prices (`net_price`: the share of the price households
    pay; `rent_allowance`: the share of its rent a household does not pay, which lowers
    the cost of its subsistence housing too). The LES runs at the prices
    `net_price ** price_response` (full prices where the response is 0, the net prices
    where it is 1), so a household pays less than its budget where rebates pay for
    purchases it plans anyway, and keeps the rest."""
    kind, persons, budget, trust, rent_allowance = spenders
    need_per_person, trust_weight, beta, net_price, response, durables, housing = needs
    n = trust.shape[0]
    spending, total, durable = np.empty((n, N_CATEGORIES)), np.empty(n), np.empty(n)
    les_price = np.empty(N_CATEGORIES)  # share of the full price the LES plans at
    for c in range(N_CATEGORIES):
        les_price[c] = net_price[c] ** response[c]
    for i in range(n):
        basic_cost = 0.0
        for c in range(N_CATEGORIES):
            spending[i, c] = need_per_person[kind[i], c] * persons[i]  # at net prices
            if les_price[c] != net_price[c]:
                spending[i, c] *= les_price[c] / net_price[c]
            if c == housing:
                spending[i, c] *= 1.0 - rent_allowance[i]
            basic_cost += spending[i, c]
        above = max(0.0, budget[i] - basic_cost)
        scaled = min(1.0, budget[i] / max(basic_cost, 1e-12))
        total[i] = 0.0
        for c in range(N_CATEGORIES):
            marginal = 1.0 - (1.0 - trust[i, c]) * trust_weight
            paid = les_price[c] * (1.0 - rent_allowance[i] if c == housing else 1.0)
            spending[i, c] = (spending[i, c] * scaled + marginal * beta[c] * above) / paid
            total[i] += spending[i, c]
        durable[i] = 0.0
        for c in durables:
            durable[i] += spending[i, c]
    return spending, total, durable
