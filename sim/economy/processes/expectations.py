"""Step 12 of the quarter: what wage setters expect prices to do next.

Expected inflation is adaptive and anchored: each quarter it moves by
`economy.expectations_gain` of the way to a blend of the national inflation the People's
Bank and the State Council aim at (`china.inflation`, weight `economy.expectations_anchor`)
and the province's own consumer price inflation over the last four quarters. Households
update their expectations towards the forecasts they hear, about a quarter of the way
each quarter (Carroll 2003, QJE 118(1), "epidemiological" expectations), and partly from
the prices they have lived through (Malmendier and Nagel 2016, QJE 131(1)). A demand
impulse that raises Guangdong's inflation raises what its wage setters expect only in
part: the rest is held by the national anchor, and the province's prices relative to the
nation's then bring demand back (sim.economy.processes.provinces), so the long-run
Phillips curve of the region is vertical.
"""

from __future__ import annotations

QUARTERS_REMEMBERED = 5  # the price levels a year's inflation needs


def remembered(*, history: tuple[float, ...], cpi: float) -> tuple[float, ...]:
    """The last `QUARTERS_REMEMBERED` consumer price levels, oldest first, after this
    quarter's `cpi`."""
    return (*history, cpi)[-QUARTERS_REMEMBERED:]


def expected_inflation(*, expected: float, history: tuple[float, ...], national: float,
                       gain: float, anchor: float) -> float:
    """Next quarter's expected annual inflation: `expected` moved by `gain` towards
    `anchor` x `national` + (1 - `anchor`) x the inflation of the last four quarters
    (the price levels in `history`; before a year of them, the expectation stands in
    for what was seen)."""
    seen = (history[-1] / history[0] - 1.0 if len(history) >= QUARTERS_REMEMBERED
            and history[0] > 0 else expected)
    return expected + gain * (anchor * national + (1.0 - anchor) * seen - expected)
