"""Step 7b of the quarter: households' saving outside their deposits, bought as
dwellings off plan from the capital-goods (construction) sector.

Households keep a liquid buffer (sim.economy.processes.consumption) and put the rest of
their planned saving into housing: the part of the saving their propensity plans out of
permanent income that the buffer's growth does not need,

    H = max(0, (1 - mpc) * P' - g * max(target, 0)),

with `g` the quarterly growth of nominal permanent income households expect
(`households.expected_income_growth`). Without this use of saving every yuan saved
piled up in deposits: at a saving rate of 23% and income growing 2.1% a quarter, deposits
would climb towards 11 quarters of income (the 2016 buffers are about 4-5), and the
buffer rule would spend the excess, so the consumption rate drifted up with no policy
change (from 0.77 to 0.81 over 2016-2025). In China most household wealth is housing (Xie
and Jin 2015, Chinese Sociological Review 47(3): about three quarters of household assets
in CFPS 2012; recalled), and new homes are sold off plan, paid before they are finished
(预售): here the household pays the quarter it buys, the sector builds the dwelling the
next quarter (its labour is hired for it in step 2), and the stock of dwellings grows.
The land in the price (the land-transfer fees that go to local governments) is left
out: the model's builders are paid the whole price.

Windfalls are not touched by the rule: a transfer raises deposits above the target, and
the buffer rule spends `households.mpc_cash` of that excess a quarter, as before; so is
what distrust keeps a household from spending (sim.economy.processes.consumption), which
stays in its deposits. The rule adds no free parameter: `g` is a 2013-2016 figure and the
rest is the buffer rule's. Housing wealth does not enter the consumption rule (no housing
wealth effect), and no mortgage finances it (mortgages are not consumer credit in the
plan's sense).
"""

from __future__ import annotations

import numpy as np

from sim.config.parameters import Households
from sim.economy.agents import HouseholdTable
from sim.economy.rules import buffer_rule


def quarterly_growth(hp: Households) -> float:
    """The quarterly growth of nominal permanent income households expect."""
    return (1.0 + hp.expected_income_growth) ** 0.25 - 1.0


def planned(*, h: HouseholdTable, hp: Households, line_as_buffer: float, exposure: np.ndarray,
            pension_accrual: np.ndarray) -> np.ndarray:
    """Each household's planned saving beyond what its buffer's growth needs, yuan this
    quarter (see the module docstring): the same propensity, target and counted income
    as its consumption budget (sim.economy.processes.consumption.budget)."""
    counted, mpc, target = buffer_rule(h=h, hp=hp, line_as_buffer=line_as_buffer, exposure=exposure,
                                       pension_accrual=pension_accrual)
    return np.maximum(0.0, (1.0 - mpc) * counted
                      - quarterly_growth(hp) * np.maximum(target, 0.0))


def purchases(*, planned: np.ndarray, deposits: np.ndarray) -> np.ndarray:
    """What each household pays for dwellings this quarter, yuan: its plan, out of its
    deposits after the quarter's spending (housing is never bought on consumer credit)."""
    return np.minimum(planned, np.maximum(deposits, 0.0))
