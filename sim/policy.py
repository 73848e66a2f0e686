"""Step 1 of the quarter: the policy levers in force and who they reach.

Levers are read from the `policy` config group under the keys of MODEL.md section 6.
Where a lever sets the share of a group that it reaches (credit access, migrant
coverage, e-commerce and broadband), each household holds a fixed uniform draw and is
reached when the draw is below the share. Raising a share therefore adds households at
the margin and never reshuffles those already reached, and two scenarios with the same
seed reach the same households up to the smaller share (common random numbers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .constants import MIGRANT, RURAL, URBAN
from .params import by_kind

if TYPE_CHECKING:
    from .model import EconomyModel


def apply_levers(model: EconomyModel) -> None:
    """Set credit access and limits, public-service coverage and online access."""
    h, levers, hp = model.households, model.levers, model.p.households
    t = model.t

    access = np.array(by_kind(levers.credit.access))[h.kind]
    h.credit_access = (h.rank_credit < access) & (h.excluded_until < t)
    # 五（五）: limits are a multiple of annual income.
    h.credit_limit = levers.credit.limit_income_multiple * 4.0 * h.permanent_income

    # 三（四）: urban residents are covered; migrants by the coverage lever; rural
    # residents by the rural schemes.
    h.covered = np.select(
        [h.kind == URBAN, h.kind == MIGRANT],
        [True, h.rank_coverage < levers.migrant.public_service_coverage],
        default=h.rank_coverage < hp.rural_coverage,
    )

    # 五（二）, 五（一）: a rural household shops online when the e-commerce network
    # reaches it and it has usable broadband.
    rural_online = (h.rank_online < levers.rural_logistics.ecommerce_coverage) & (
        h.rank_broadband < levers.information.rural_broadband
    )
    town_share = np.where(h.kind == URBAN, hp.online_access.urban, hp.online_access.migrant)
    h.online = np.where(h.kind == RURAL, rural_online, h.rank_online < town_share)
