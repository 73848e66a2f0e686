"""Quarters as the configs write them ('2017Q1'), read once for every config file."""

from __future__ import annotations

import re

QUARTER = re.compile(r"^\d{4}Q[1-4]$")
"""A quarter label: the year and the quarter, '2017Q1'."""


def quarter_index(label: str) -> int:
    """'2016Q3' -> 2016 * 4 + 2 (quarters since year 0: differences count quarters)."""
    return int(label[:4]) * 4 + int(label[-1]) - 1


def quarter_label(index: int) -> str:
    """quarter_index's inverse: 2016 * 4 + 2 -> '2016Q3'."""
    return f"{index // 4}Q{index % 4 + 1}"
