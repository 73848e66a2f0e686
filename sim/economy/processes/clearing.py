"""Step 7 of the quarter, second half: the goods market clears.

Demand meets supply (inventory plus output for goods, output for services): the
government's purchases of public services come first (it funds public schools and
hospitals by budget, not by queueing with their patients and pupils); sellers short of
supply ration the other buyers in proportion; unmet demand is offered once to the
buyer's other options with spare supply, in the logit's proportions, and what remains
is not spent (households save it).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from sim.economy.agents import FirmTable
from sim.economy.constants import GOODS
from sim.economy.goods_market import (
    GOVERNMENT_ROW,
    Clearing,
    Options,
    by_category,
    choice_shares,
    firm_totals,
)


def _fill(units: np.ndarray, opt: Options, supply: np.ndarray) -> np.ndarray:
    """Share of each option's demanded units that its seller can deliver."""
    firm_units = firm_totals(per_option=units, options=opt, n_firms=len(supply))
    ratio = np.divide(supply, firm_units, out=np.ones_like(supply), where=firm_units > 0)
    return np.where(opt.firm >= 0, np.minimum(1.0, ratio[np.maximum(opt.firm, 0)]), 1.0)


def supply(f: FirmTable) -> np.ndarray:
    """Units each firm can sell this quarter: inventory and output for goods, output for
    services (which do not store)."""
    return np.where(f.alive, np.where(GOODS[f.category], f.inventory + f.output, f.output), 0.0)


def clear(*, chosen: Clearing, available: np.ndarray, nest_scale: float) -> Clearing:
    """Ration buyers' planned spending (`chosen`) to the units each firm has
    (`available`), with one round of spill-over to options with spare supply."""
    opt, demand, utility = chosen.options, chosen.demand, chosen.utility
    delivered = chosen.delivered_price()
    want = chosen.spent
    units = want / delivered
    spent = np.empty_like(want)
    left = available
    public = np.arange(len(want)) == GOVERNMENT_ROW  # (none in a market without it)
    if public.any():
        spent[public] = want[public] * _fill(units[public].sum(axis=0), opt, available)
        left = np.maximum(0.0, available - firm_totals(
            per_option=(spent[public] / delivered[public]).sum(axis=0), options=opt,
            n_firms=len(available)))
    spent[~public] = want[~public] * _fill(units[~public].sum(axis=0), opt, left)
    sold = firm_totals(per_option=(spent / delivered).sum(axis=0), options=opt,
                       n_firms=len(available))
    demanded = firm_totals(per_option=(want / delivered).sum(axis=0), options=opt,
                           n_firms=len(available))

    # Unmet demand goes once to the options with spare supply, in the same proportions.
    unmet = demand - by_category(values=spent, category=opt.category)
    spare = np.maximum(0.0, available - sold)
    # (spare supply below a billionth of a seller's supply is rounding: it is sold out)
    seller = np.maximum(opt.firm, 0)
    has_spare = np.where(opt.firm >= 0, spare[seller] > 1e-9 * available[seller], True)
    share = choice_shares(utility=np.where(has_spare, utility, -np.inf), category=opt.category,
                          nested=opt.foreign(), nest_scale=nest_scale)
    want2 = unmet[:, opt.category] * share
    spent2 = want2 * _fill((want2 / delivered).sum(axis=0), opt, spare)
    spent = spent + spent2
    sold += firm_totals(per_option=(spent2 / delivered).sum(axis=0), options=opt,
                        n_firms=len(available))
    demanded += firm_totals(per_option=(want2 / delivered).sum(axis=0), options=opt,
                            n_firms=len(available))

    realised = by_category(values=spent, category=opt.category)
    fill = np.divide(realised, demand, out=np.ones_like(demand), where=demand > 0)
    # (a seller short of a billionth of its supply is sold out: the rest is rounding)
    sold = np.where(sold >= (1.0 - 1e-9) * available, available, sold)
    return replace(chosen, spent=spent, fill=fill, units_demanded=demanded, units_sold=sold)
