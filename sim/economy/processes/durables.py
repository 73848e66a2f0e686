"""Step 6 of the quarter, purchases made ahead of plan (七（一）): the goods a household
buys ahead for a coupon or a rebate, and works off afterwards.

Coupon winners move up purchases they would have made about four months later (Xing
et al. 2023), and the extra car sales of Cash for Clunkers were reversed within about
seven months (Mian and Sufi 2012). A household's `durables_ahead` is its stock of goods
above its planned path: it first uses that stock, planning that much less in the
category until the stock is gone (a stock-adjustment rule on the deviation of the
stock of durables from its planned path; the money not spent stays in its deposits).
It buys ahead at most `households.pull_forward_quarters` of its planned spending in a
category, less what it still holds ahead: under a standing programme it buys for its
coupons what it planned to buy anyway. A rebate moves purchases in time when it is about
to fall: a household that knows the programme ends next quarter (programmes are announced
with their period) brings forward `households.durables_timing_elasticity` of that reach
per unit of the fall, and buys that much less afterwards. A rebate that holds steady
pays for what households buy anyway (sim.economy.processes.consumption) and moves no
purchases in time; Cash for Clunkers, which ran two months, rose and fell within a
quarter.
"""

from __future__ import annotations

import numpy as np

from sim.config.parameters import Households


def used(*, planned: np.ndarray, ahead: np.ndarray) -> np.ndarray:
    """The goods bought ahead that each household uses this quarter instead of buying,
    by category, yuan (n x 8): its planned spending (`planned`), up to what it holds
    ahead (`ahead`)."""
    return np.minimum(planned, ahead)


def reach(*, planned: np.ndarray, ahead: np.ndarray, quarters: float) -> np.ndarray:
    """What each household would buy ahead of plan, by category, yuan: its planned
    spending over the next `quarters` quarters (`planned`: this quarter's plan before it
    uses goods bought ahead, times `quarters`) less what it still holds ahead."""
    return np.maximum(0.0, planned * quarters - ahead)


def rebate_advance(*, planned: np.ndarray, ahead: np.ndarray, rebate: np.ndarray,
                   next_rebate: np.ndarray, spare: np.ndarray, hp: Households) -> np.ndarray:
    """Purchases brought forward this quarter because the rebate rate of a category is
    about to fall (`rebate`, `next_rebate`: the rate by category this quarter and the one
    announced for the next), yuan (n x 8): `households.durables_timing_elasticity` times
    the fall times the household's reach (over `households.pull_forward_quarters`),
    within `spare` (what it can still pay this quarter, yuan)."""
    quarters, elasticity = hp.pull_forward_quarters, hp.durables_timing_elasticity
    fall = np.maximum(0.0, rebate - next_rebate)
    if not fall.any():
        return np.zeros_like(planned)
    wanted = elasticity * fall * reach(planned=planned, ahead=ahead, quarters=quarters)
    total = wanted.sum(axis=1)
    afford = np.divide(np.minimum(total, np.maximum(spare, 0.0)), total,
                       out=np.zeros_like(total), where=total > 0)
    return wanted * afford[:, None]
