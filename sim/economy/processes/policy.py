"""Step 1 of the quarter: the policy levers in force and who they reach.

Levers are read from the `policy` config group under the keys of docs/model.md
("Policy levers").
A scheduled lever keeps its 2016 baseline value before its start quarter and then
moves linearly to the scenario's target over `ramp_quarters` quarters; a programme with
an `end` quarter is back at its baseline from then on.
Where a lever sets the share of a group that it reaches (credit access, migrant
coverage, e-commerce and broadband), each household holds a fixed uniform draw and is
reached when the draw is below the share. Raising a share therefore adds households at
the margin and never reshuffles those already reached, and two scenarios with the same
seed reach the same households up to the smaller share (common random numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from sim.config.levers import LEVERS, Levers, levers_of
from sim.config.parameters import Households
from sim.config.params import by_kind
from sim.config.quarters import quarter_index
from sim.economy.agents import HouseholdTable
from sim.economy.constants import MIGRANT, RURAL, URBAN
from sim.economy.kernels import jit


def levers_at(*, targets: dict[str, Any], schedules: dict[str, dict[str, Any]], start: str,
              t: int) -> Levers:
    """The levers in force in quarter `t` (0 = `start`), typed (sim.config.levers)."""
    now = quarter_index(start) + max(t, 0)
    values = {}
    for key, target in targets.items():
        spec = schedules.get(key)
        if spec is None:
            values[key] = target
            continue
        baseline = LEVERS[key].baseline
        elapsed = now - quarter_index(spec["start"])
        ramp = spec["ramp_quarters"]
        share = float(elapsed >= 0) if ramp == 0 else min(1.0, max(0.0, (elapsed + 1) / ramp))
        if spec.get("end") and now >= quarter_index(spec["end"]):
            share = 0.0  # (the programme has ended)
        if isinstance(target, list | str):  # names switch at the end of the ramp
            values[key] = target if share >= 1.0 else baseline
        else:
            values[key] = baseline + share * (target - baseline)
    return levers_of(values)


@dataclass
class Reach:
    """Who the levers reach this quarter, by household."""

    covered: np.ndarray  # covered by urban public services and social insurance
    credit_access: np.ndarray  # may borrow from the bank
    credit_limit: np.ndarray  # maximum consumer debt, yuan
    online: np.ndarray  # can buy online


def reach(*, h: HouseholdTable, levers: Levers, hp: Households, t: int) -> Reach:
    """Credit access and limits, public-service coverage and online access of every
    household under `levers` in quarter `t`."""
    return Reach(*_reach(
        _Ranks(h.kind, h.rank_coverage, h.rank_credit, h.rank_online, h.rank_broadband,
               h.excluded_until, h.permanent_income),
        _Shares(t, levers.migrant.public_service_coverage, hp.rural_coverage,
                np.array(by_kind(levers.credit.access)),
                max(0.0, hp.coverage_credit_uplift * (levers.credit.access.urban
                                                      - levers.credit.access.migrant)),
                levers.credit.limit_income_multiple * 4.0,
                levers.rural_logistics.ecommerce_coverage, levers.information.rural_broadband,
                hp.online_access.urban, hp.online_access.migrant)))


class _Ranks(NamedTuple):
    """Each household's kind, fixed draws against the levers' shares, exclusion from
    credit and permanent income."""

    kind: np.ndarray
    rank_coverage: np.ndarray
    rank_credit: np.ndarray
    rank_online: np.ndarray
    rank_broadband: np.ndarray
    excluded_until: np.ndarray
    permanent_income: np.ndarray


class _Shares(NamedTuple):
    """The quarter, and the share of each group each lever reaches."""

    t: int
    migrant_coverage: float
    rural_coverage: float
    access_by_kind: np.ndarray
    uplift: float  # a covered migrant's rise in credit access
    limit_multiple: float  # credit limit, quarters of permanent income
    ecommerce_coverage: float
    rural_broadband: float
    online_urban: float
    online_migrant: float


@jit
def _reach(ranks, shares):
    """Who each lever reaches this quarter: coverage, credit access and limit, and
    online access of every household (one pass)."""
    (kind, rank_coverage, rank_credit, rank_online, rank_broadband, excluded_until,
     permanent_income) = ranks
    (t, migrant_coverage, rural_coverage, access_by_kind, uplift, limit_multiple,
     ecommerce_coverage, rural_broadband, online_urban, online_migrant) = shares
    n = len(kind)
    covered = np.empty(n, dtype=np.bool_)
    credit_access = np.empty(n, dtype=np.bool_)
    credit_limit = np.empty(n)
    online = np.empty(n, dtype=np.bool_)
    for i in range(n):
        k = kind[i]
        # 三（四）: urban residents are covered; migrants by the coverage lever; rural
        # residents by the rural schemes.
        if k == URBAN:
            covered[i] = True
        elif k == MIGRANT:
            covered[i] = rank_coverage[i] < migrant_coverage
        else:
            covered[i] = rank_coverage[i] < rural_coverage
        # 三（四）: a covered migrant's social-insurance record moves its access part of
        # the way to the urban rate.
        access = access_by_kind[k] + (uplift if k == MIGRANT and covered[i] else 0.0)
        credit_access[i] = rank_credit[i] < access and excluded_until[i] < t
        # 五（五）: limits are a multiple of annual income.
        credit_limit[i] = limit_multiple * permanent_income[i]
        # 五（二）, 五（一）: a rural household shops online when the e-commerce network
        # reaches it and it has usable broadband.
        if k == RURAL:
            online[i] = (rank_online[i] < ecommerce_coverage
                         and rank_broadband[i] < rural_broadband)
        else:
            online[i] = rank_online[i] < (online_urban if k == URBAN else online_migrant)
    return covered, credit_access, credit_limit, online


def rent_allowance(*, h: HouseholdTable, coverage: float, reach: float,
                   allowance: float) -> np.ndarray:
    """三（四）: the share of its rent each household does not pay because public rental
    housing, or its allowance, reaches it (公租房扩大到非户籍人口，实现公租房货币化):
    `allowance` for the first `reach` of the covered migrant households that have not
    settled (eligibility needs a social-insurance record; the same households in every
    scenario: the lowest coverage ranks), 0 for the rest."""
    reached = ((h.kind == MIGRANT) & h.covered & (h.rank_coverage < coverage * reach))
    return np.where(reached, allowance, 0.0)
