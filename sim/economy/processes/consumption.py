"""Steps 5 and 6 of the quarter: the consumption budget and its allocation.

Budget (buffer-stock saving, Carroll 1997; Carroll 2001 "A theory of the consumption
function"; the stock-flow norm of Godley and Lavoie 2007 ch. 3): households spend a
propensity of permanent income plus a share of their liquid net wealth above a target,

    C = mpc * P + mpc_cash * (deposits - debt - target_net_wealth).

The target is `target_buffer_quarters` of permanent income, larger without social
insurance (precautionary motive, Chamon and Prasad 2010), less a share of the credit
limit (credit substitutes for own buffers: Ludvigson 1999). Without coverage the
propensity is also lower: Chen, Lu and Zhong (2015) find migrants consume 16-20% less
than comparable urban households. Both the saving rate and the target scale with the
household's patience, so impatient households with credit carry debt. Spending cannot
exceed deposits plus unused credit; borrowing finances the difference.

Allocation (Linear Expenditure System, Stone 1954): spending on category c is its
subsistence cost plus a marginal share of supernumerary spending,

    x_c = p_c * gamma_c * persons + beta_c * (C - sum_k p_k * gamma_k * persons),

so the food share falls with income (Engel's law). Distrust of declared quality lowers
the marginal share of a category and the unspent part is saved (四（二）-（四）).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.config.params import by_kind
from sim.economy.constants import (
    CATEGORIES,
    CATEGORY_INDEX,
    DURABLES,
    GOODS,
    KINDS,
    N_CATEGORIES,
    RURAL,
)
from sim.economy.kernels import jit, pairwise_row
from sim.economy.processes import credit

if TYPE_CHECKING:
    from sim.economy.model import EconomyModel

HEALTHCARE = CATEGORY_INDEX["healthcare"]


def target_buffer(model: EconomyModel) -> np.ndarray:
    """Liquid net wealth (deposits less debt) each household aims for, yuan; negative
    for households that plan to carry debt."""
    h, hp = model.households, model.p.households
    return _target_buffers(h.permanent_income, h.buffer_factor, h.covered, h.credit_access,
                           h.credit_limit, hp.target_buffer_quarters, hp.precautionary_buffer,
                           hp.credit_buffer_offset)


@jit
def _buffer_rule(permanent_income, buffer_factor, covered, credit_access, credit_limit,
                 quarters, precautionary, offset):
    uncovered = 0.0 if covered else 1.0
    own = permanent_income * quarters * buffer_factor * (1.0 + precautionary * uncovered)
    return own - offset * (credit_limit if credit_access else 0.0)


@jit
def _propensity_rule(mpc_of_kind, covered, buffer_factor, precautionary_saving, floor):
    """Propensity to consume out of permanent income. The kind's saving rate, higher
    without social insurance, is scaled by the household's patience, so impatient
    households save little and hold small buffers (Carroll 1997); it never falls below
    `floor` (households.mpc_floor)."""
    mpc = mpc_of_kind * (1.0 - precautionary_saving * (0.0 if covered else 1.0))
    return min(max(1.0 - (1.0 - mpc) * buffer_factor, floor), 1.0)


@jit
def _target_buffers(permanent_income, buffer_factor, covered, credit_access, credit_limit,
                    quarters, precautionary, offset):
    out = np.empty(len(permanent_income))
    for i in range(len(out)):
        out[i] = _buffer_rule(permanent_income[i], buffer_factor[i], covered[i],
                              credit_access[i], credit_limit[i], quarters, precautionary, offset)
    return out


def unit_prices(model: EconomyModel) -> np.ndarray:
    """Price of one yuan-at-2016-prices of each category, by kind of household (rows in
    the order of constants.KINDS): the quality-adjusted category price index, with the
    rural delivery surcharge on goods for rural households, net of consumption vouchers."""
    base = model.category_price_index * (1.0 - model.voucher_rate)
    rural = base * (1.0 + model.government.rural_surcharge * GOODS)
    return np.vstack([rural if k == RURAL else base for k in range(len(KINDS))])


def subsistence(model: EconomyModel) -> np.ndarray:
    """LES subsistence quantities per person and quarter, by category (2016 yuan)."""
    return np.array([getattr(model.p.households.subsistence, c) for c in CATEGORIES])


def desired_budget(model: EconomyModel) -> np.ndarray:
    """Out-of-pocket consumption budget of each household this quarter, yuan, within
    deposits plus unused credit (no borrowing is done here)."""
    h, hp = model.households, model.p.households
    return _budgets(
        h.permanent_income, h.buffer_factor, h.covered, h.credit_access, h.credit_limit,
        h.kind, h.deposits, h.debt, credit.subsistence_cost(model),
        np.array(by_kind(hp.mpc_permanent)), hp.precautionary_saving, hp.mpc_floor, hp.mpc_cash,
        hp.target_buffer_quarters, hp.precautionary_buffer, hp.credit_buffer_offset)


@jit
def _budgets(permanent_income, buffer_factor, covered, credit_access, credit_limit, kind,
             deposits, debt, basic_cost, mpc_by_kind, precautionary_saving, mpc_floor,
             mpc_cash, quarters, precautionary_buffer, offset):
    out = np.empty(len(permanent_income))
    for i in range(len(out)):
        buffer = _buffer_rule(permanent_income[i], buffer_factor[i], covered[i],
                              credit_access[i], credit_limit[i], quarters,
                              precautionary_buffer, offset)
        mpc = _propensity_rule(mpc_by_kind[kind[i]], covered[i], buffer_factor[i],
                               precautionary_saving, mpc_floor)
        desired = mpc * permanent_income[i] + mpc_cash * (deposits[i] - debt[i] - buffer)
        liquid = deposits[i] + credit.spare_line(credit_access[i], credit_limit[i], debt[i])
        desired = max(desired, min(basic_cost[i], liquid))  # subsistence first
        out[i] = min(max(desired, 0.0), liquid)
    return out


def plan_budget(model: EconomyModel) -> np.ndarray:
    """The budget, borrowing what deposits cannot cover."""
    budget = desired_budget(model)
    credit.borrow(model, np.maximum(0.0, budget - model.households.deposits))
    return budget


def allocate(model: EconomyModel,
             budget: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Planned spending by category at full (pre-voucher) prices, yuan, shape (n, 8),
    and each household's planned spending in all and on durables (constants.DURABLES)."""
    h, hp = model.households, model.p.households
    gamma = subsistence(model)
    beta = np.array([getattr(hp.marginal_shares, c) for c in CATEGORIES])
    voucher = model.voucher_rate.any()  # (x / 1.0 is x: no division without vouchers)
    return _les(unit_prices(model) * gamma, h.kind, h.persons,
                budget, h.trust, hp.trust_spending_weight, beta, voucher,
                1.0 - model.voucher_rate, DURABLES)


@jit
def _les(need_per_person, kind, persons, budget, trust, trust_weight, beta, voucher,
         net_price, durables):
    """LES spending by household and category, yuan. Subsistence needs are the needs
    per person at the household's prices (its kind's row of `need_per_person`) times its
    persons; below subsistence the budget is shared in proportion to needs; above it,
    each category gets its marginal share of the rest, cut by distrust (the cut is
    saved); with vouchers, planned spending is at full prices (`net_price`: share paid)."""
    n = trust.shape[0]
    spending, total, durable = np.empty((n, N_CATEGORIES)), np.empty(n), np.empty(n)
    for i in range(n):
        for c in range(N_CATEGORIES):  # (a constant width: the loops unroll)
            spending[i, c] = need_per_person[kind[i], c] * persons[i]
        basic_cost = pairwise_row(spending, i)
        above = max(0.0, budget[i] - basic_cost)
        scaled = min(1.0, budget[i] / max(basic_cost, 1e-12))
        for c in range(N_CATEGORIES):
            marginal = 1.0 - (1.0 - trust[i, c]) * trust_weight
            spending[i, c] = spending[i, c] * scaled + marginal * beta[c] * above
        if voucher:
            for c in range(N_CATEGORIES):
                spending[i, c] /= net_price[c]
        total[i] = pairwise_row(spending, i)
        durable[i] = 0.0
        for c in durables:  # (fewer than 8 values: numpy adds them in order)
            durable[i] += spending[i, c]
    return spending, total, durable


def expected_health_spending(model: EconomyModel) -> np.ndarray:
    """Mean quarterly out-of-pocket cost of health shocks per household, yuan."""
    h, hp = model.households, model.p.households
    return (hp.health_shock_rate * hp.health_shock_size * h.permanent_income
            * (1.0 - hp.health_insurance_share * h.covered))


def health_shocks(model: EconomyModel, planned: np.ndarray, total: np.ndarray) -> None:
    """Emergency health expenses (大病): with a small quarterly probability a household
    must spend a lognormal multiple of its permanent income on healthcare; social
    insurance pays part of it (Chamon, Liu and Prasad 2013 on income and health risk
    behind China's precautionary saving). Paid from deposits, then credit; what cannot
    be paid is forgone. `total` is each household's planned spending in all."""
    h, hp = model.households, model.p.households
    rng = model.rng_for("health")
    n = len(h)
    hit, size = rng.random(n), rng.standard_normal(n)
    s = hp.health_shock_dispersion
    model.health_shocked = hit < hp.health_shock_rate
    ill = np.flatnonzero(model.health_shocked)
    cost = np.zeros(n)
    cost[ill] = hp.health_shock_size * np.exp(s * size[ill] - s**2 / 2) * h.permanent_income[ill]
    cost[ill] *= 1.0 - hp.health_insurance_share * h.covered[ill]
    payable = np.maximum(0.0, h.deposits[ill] + credit.available_credit(model, ill)
                         - total[ill])
    cost[ill] = np.minimum(cost[ill], payable)
    credit.borrow(model, np.maximum(0.0, total + cost - h.deposits))
    planned[ill, HEALTHCARE] += cost[ill]  # (x + 0 is x: only the ill change)
