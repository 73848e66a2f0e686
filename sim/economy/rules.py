"""Small rules that several processes share (so that no process imports another)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from sim.config.params import by_kind
from sim.economy.kernels import jit

if TYPE_CHECKING:
    from sim.config.parameters import Households
    from sim.economy.agents import FirmTable, HouseholdTable


def logistic(x: np.ndarray) -> np.ndarray:
    """The logistic function 1 / (1 + exp(-x)), written so that it never overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def annuity(*, rate: float, quarters: int) -> float:
    """Present value of one yuan a quarter for `quarters` quarters at the quarterly
    discount `rate`."""
    return (1.0 - (1.0 + rate) ** -quarters) / rate


def unit_price(*, markup: np.ndarray, quality: np.ndarray, productivity: np.ndarray,
               quality_cost: float, wage_level: float) -> np.ndarray:
    """A firm's price per unit, yuan: its markup over a unit cost that moves with the
    wage level, rises with quality (`firms.quality_cost`) and falls with productivity."""
    return wage_level * (1.0 + markup) * (1.0 + quality_cost * quality) / productivity


def producer_price_factor(*, is_targeted: np.ndarray, rate: float,
                          export_share: np.ndarray) -> np.ndarray:
    """Each firm's price over its price without the producer subsidy (七（一）): a maker
    pricing at its markup over unit cost, with `rate` of that cost paid on its sales at
    home (1 - `export_share`), charges 1 - rate x home share of its unsubsidised price;
    1 for other firms."""
    return np.where(is_targeted, 1.0 - rate * (1.0 - export_share), 1.0)


def collateral_share(leverage: float) -> float:
    """The share of its collateral a firm may borrow when the bank lends at most
    `leverage` times the firm's net worth (collateral less debt): debt <= leverage x
    (collateral - debt) gives debt <= leverage / (1 + leverage) x collateral."""
    return leverage / (1.0 + leverage)


def credit_line(*, f: FirmTable, capital_price: float, wage_level: float, quality_cost: float,
                leverage: float) -> np.ndarray:
    """Each firm's credit line, yuan: the overdraft the bank allows against its capital
    (at replacement cost, machines on order included) and its inventory (at unit cost),
    at most `leverage` (bank.firm_leverage_limit) times its net worth (Caiani et al.
    2016: the bank lends against firms' net worth)."""
    unit_cost = unit_price(markup=0.0, quality=f.quality, productivity=f.productivity,
                           quality_cost=quality_cost, wage_level=wage_level)
    assets = (capital_price * (f.capital + f.ordered_capital + f.ordered_fitout)
              + unit_cost * f.inventory)
    return collateral_share(leverage) * assets


def committed(*, f: FirmTable, capital_price: float) -> np.ndarray:
    """What each firm's orders of capital goods will cost on delivery, yuan."""
    return capital_price * (f.ordered_capital + f.ordered_fitout + f.ordered_upgrade)


def pro_rata(*, total: float, eligible: np.ndarray, weights: np.ndarray,
             fallback: np.ndarray) -> np.ndarray:
    """Split `total` yuan over the rows in `eligible` in proportion to `weights` (equal
    shares when the weights are all zero), or over `fallback` when none is eligible;
    one value per row (zero elsewhere)."""
    out = np.zeros(len(eligible))
    if total == 0.0:
        return out
    rows = np.flatnonzero(eligible)
    if len(rows) == 0:
        rows = np.flatnonzero(fallback)
    if len(rows) == 0:
        raise RuntimeError(f"nobody can receive a payment of {total:,.0f} yuan")
    w = np.maximum(weights[rows], 0.0)
    if w.sum() <= 0.0:
        w = np.ones(len(rows))
    out[rows] = total * (w / w.sum())
    return out


@jit
def spare_line(credit_access: bool, credit_limit: float, debt: float) -> float:
    """A household's unused credit line, yuan (0 without access)."""
    return max(0.0, credit_limit - debt) if credit_access else 0.0


def to_owners(*, total: float, owner_weight: np.ndarray, scale: float) -> np.ndarray:
    """What each household receives of a payout of `total` yuan (province) to the owners
    of firms and the bank, yuan per real household, by its share of ownership."""
    return total / scale * owner_weight


class BufferRule(NamedTuple):
    """The target buffer's parameters (households.target_buffer_quarters and
    precautionary_buffer) and the share of the credit limit that replaces own buffer."""

    quarters: float  # quarters of permanent income
    precautionary: float  # the rise per unit of uninsured exposure
    offset: float  # share of the credit limit counted as buffer


@jit
def buffer_target(permanent_income, buffer_factor, exposure, credit_access, credit_limit,
                  rule):
    """A household's target liquid net wealth, yuan (sim.economy.processes.consumption):
    `rule.quarters` of permanent income scaled by its patience and raised by its
    uninsured exposure, less `rule.offset` of its credit limit if it has credit."""
    quarters, precautionary, offset = rule
    own = permanent_income * quarters * buffer_factor * (1.0 + precautionary * exposure)
    return own - offset * (credit_limit if credit_access else 0.0)


@jit
def propensity_to_consume(mpc_of_kind, relative_factor, exposure, buffer_factor,
                          precautionary_saving, floor):
    """Propensity to consume out of permanent income. The kind's propensity, times the
    household's relative-income factor (`relative_income_factor`: the richer save more),
    falls the more risk is uninsured; its saving rate is scaled by the household's
    patience, so impatient households save little and hold small buffers (Carroll 1997);
    it never falls below `floor` (households.mpc_floor) nor rises above 1."""
    mpc = min(mpc_of_kind * relative_factor, 1.0) * (1.0 - precautionary_saving * exposure)
    return min(max(1.0 - (1.0 - mpc) * buffer_factor, floor), 1.0)


def relative_income_factor(*, permanent_income: np.ndarray, persons: np.ndarray,
                           elasticity: float) -> np.ndarray:
    """Each household's relative-income factor on its propensity to consume:
    (its permanent income per person over the province's)^(-elasticity), so the richer
    save a larger share of their income while the economy's saving rate does not trend
    with growth (Duesenberry 1949's relative income; Dynan, Skinner and Zeldes 2004,
    J. Political Economy 112(2): saving rates rise with lifetime income). `elasticity`:
    households.relative_income_elasticity."""
    income = np.maximum(permanent_income, 1.0)  # a household with none counts as 1 yuan
    province = income.sum() / persons.sum()
    return (income / persons / province) ** (-elasticity)


class _Savers(NamedTuple):
    """What each household's saving plan depends on, one entry per household."""

    counted_income: np.ndarray  # permanent income it counts, yuan a quarter
    relative_factor: np.ndarray  # relative-income factor on its propensity
    buffer_factor: np.ndarray  # its patience
    exposure: np.ndarray  # its precautionary exposure
    credit_access: np.ndarray
    credit_limit: np.ndarray
    kind: np.ndarray  # the kind whose propensity it has (its origin)


@jit
def _saving_plans(savers, mpc_by_kind, precautionary_saving, mpc_floor, buffer):
    """Each household's propensity to consume out of its counted permanent income and
    its target liquid net wealth, yuan (the buffer rule's two halves, which the
    consumption budget and the saving in dwellings share; `buffer`: a BufferRule)."""
    (counted_income, relative_factor, buffer_factor, exposure, credit_access, credit_limit,
     kind) = savers
    n = len(counted_income)
    mpc, target = np.empty(n), np.empty(n)
    for i in range(n):
        target[i] = buffer_target(counted_income[i], buffer_factor[i], exposure[i],
                                  credit_access[i], credit_limit[i], buffer)
        mpc[i] = propensity_to_consume(mpc_by_kind[kind[i]], relative_factor[i], exposure[i],
                                       buffer_factor[i], precautionary_saving, mpc_floor)
    return mpc, target


def buffer_rule(*, h: HouseholdTable, hp: Households, line_as_buffer: float, exposure: np.ndarray,
                pension_accrual: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The buffer rule's inputs for each household this quarter: the permanent income it
    counts (yuan a quarter: its permanent income plus `households.pension_wealth_weight`
    of its pension contributions, the pension wealth they buy), its propensity to consume
    out of it, and its target liquid net wealth (yuan). A settled migrant keeps the
    propensity of its origin; `exposure`: its precautionary exposure; `line_as_buffer`:
    the share of its credit limit that replaces own buffer."""
    counted = h.permanent_income + hp.pension_wealth_weight * pension_accrual
    relative = relative_income_factor(permanent_income=h.permanent_income, persons=h.persons,
                                      elasticity=hp.relative_income_elasticity)
    mpc, target = _saving_plans(
        _Savers(counted, relative, h.buffer_factor, exposure, h.credit_access, h.credit_limit,
               h.origin),
        np.array(by_kind(hp.mpc_permanent)), hp.precautionary_saving, hp.mpc_floor,
        BufferRule(hp.target_buffer_quarters, hp.precautionary_buffer, line_as_buffer))
    return counted, mpc, target
