"""Step 0 of the quarter (its opening): migrant households come from the other provinces for jobs
and go home when jobs are scarce.

A Harris-Todaro rule (Harris and Todaro 1970, AER 60(1)) with a migration cost: what
draws a migrant to Guangdong is the income it expects there, the wage relative to the
national one times the chance of having a job (migrant households' employment rate),
against the same at the opening of 2016. The number of migrant households the province
holds in the long run rises with that expected income to the power
`households.migration_elasticity` (the dispersion of preferences over locations,
Tombe and Zhu 2019, AER 109(5)); moving is costly, so each quarter only
`households.migration_speed` of the gap between that number and the migrant households
present is closed. Arrivals resemble the migrants already there (each a copy of a
migrant household drawn at random: its kind, size, skill and habits) and arrive without a
job, with `households.migrant_arrival_savings` quarters of the wage they expect as
deposits brought from home; those who leave are the migrant households without a job
and without debt, drawn at random, and their deposits leave with them. Who is drawn
follows each household's own keyed draw, so scenarios stay paired. Only the net
move is modelled: the gross churn of migrants who swap places leaves the labour market
as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.economy.constants import MIGRANT


@dataclass(frozen=True)
class Moves:
    """This quarter's moves across the province's border.

    Attributes:
        arrivals: rows of the migrant households whose copies arrive (one per arrival).
        departures: rows of the households that leave.
    """

    arrivals: np.ndarray
    departures: np.ndarray


def expected_income(*, kind: np.ndarray, employed: np.ndarray, wage_level: float,
                    national_price: float) -> float:
    """What a migrant expects to earn in Guangdong relative to home: the migrant
    households' employment rate times the wage level relative to the national price
    level (productivity grows alike at home and here)."""
    migrants = kind == MIGRANT
    rate = float(employed[migrants].mean()) if migrants.any() else 0.0
    return rate * wage_level / national_price


def desired_migrants(*, reference: float, expected: float, reference_expected: float,
                     elasticity: float) -> float:
    """The migrant households the province would hold at this expected income:
    `reference` (those of 2016) times expected over 2016's expected income to the power
    `elasticity`."""
    if reference_expected <= 0 or expected <= 0:
        return reference
    return reference * (expected / reference_expected) ** elasticity


def moves(*, kind: np.ndarray, origin: np.ndarray, employed: np.ndarray, debt: np.ndarray,
          desired: float, speed: float, rounding: float, luck: np.ndarray) -> Moves:
    """Arrivals (positive gap) or departures (negative) of migrant households this
    quarter: `speed` of the gap between `desired` and the households from other
    provinces present (by `origin`: those who settled with a local hukou count, and
    stay), rounded up with chance the fraction (`rounding`, a uniform draw). Arrivals
    copy the migrant households of lowest `luck` (a uniform draw per household, keyed by
    the household, streams.HouseholdDraws; again from the lowest when more arrive than
    there are migrants), in the order of their draws, so that the k-th arrival of a
    quarter (who takes the quarter's k-th arrival key) copies the same household in two
    scenarios; departures are the migrants without a job and without debt of lowest
    `luck`. Picking by a household's own draw pairs scenarios: one that moves one
    household more moves the same households as the other and that one besides, whatever
    rows earlier moves shifted."""
    migrants = np.flatnonzero(kind == MIGRANT)
    gap = speed * (desired - float((origin == MIGRANT).sum()))
    count = int(np.floor(abs(gap) + rounding))
    if count == 0 or len(migrants) == 0:
        return Moves(np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp))
    if gap > 0:  # (in the order of the draws: the k-th arrival copies the k-th lowest)
        order = migrants[np.argsort(luck[migrants], kind="stable")]
        return Moves(np.resize(order, count), np.zeros(0, dtype=np.intp))
    free = migrants[~employed[migrants] & (debt[migrants] <= 0.0)]
    leaving = free[np.argsort(luck[free], kind="stable")[:count]]
    return Moves(np.zeros(0, dtype=np.intp), np.sort(leaving))
