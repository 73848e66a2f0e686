"""The goods account of firms, checked every quarter as the money is: for each firm,

    output = sales + change in inventory + losses,

where the losses are the part of the inventory that decays (`firms.inventory_decay`),
the service capacity produced but not sold (services do not store) and the stock of a
firm that closes. The model opens the account with the quarter's opening inventories,
records the losses where the processes cause them, and closes it after the quarter; a
gap above `TOLERANCE` units (times the firm's output and stock) stops the run, naming
the firm (docs/model.md, "Money and the ledger").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.economy.agents import FirmTable

TOLERANCE = 1e-9  # of a firm's output plus its stocks


class GoodsBreach(RuntimeError):
    """Goods were made or lost outside a named flow."""

    def __init__(self, step: int, firm: int, gap: float) -> None:
        self.step, self.firm, self.gap = step, firm, gap
        super().__init__(f"goods account at step {step}: firm {firm}'s output differs from "
                         f"its sales, inventory change and losses by {gap:.6g} units")


@dataclass
class GoodsAccount:
    """One quarter's goods account (units of output, by firm row)."""

    step: int
    opening: np.ndarray
    losses: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def open(cls, f: FirmTable, step: int) -> GoodsAccount:
        return cls(step, f.inventory.copy(), np.zeros(len(f)))

    def lose(self, units: np.ndarray) -> None:
        """Record `units` lost (by firm row; rows added this quarter may be missing)."""
        units = np.asarray(units, dtype=float)
        if len(units) > len(self.losses):
            self.losses = np.pad(self.losses, (0, len(units) - len(self.losses)))
        self.losses[: len(units)] += units

    def close(self, f: FirmTable, output: np.ndarray, sales: np.ndarray) -> float:
        """The largest gap in units, after checking every firm (`output`, `sales`: this
        quarter's, by row; entrants start with no stock)."""
        n = len(f)
        opening = np.pad(self.opening, (0, n - len(self.opening)))
        losses = np.pad(self.losses, (0, n - len(self.losses)))
        output = np.pad(output, (0, n - len(output)))
        sales = np.pad(sales, (0, n - len(sales)))
        gap = np.abs(output - sales - (f.inventory - opening) - losses)
        size = output + opening + f.inventory + 1.0
        worst = int(np.argmax(gap / size)) if n else 0
        if n and gap[worst] > TOLERANCE * size[worst]:
            raise GoodsBreach(self.step, worst, float(gap[worst]))
        return float(gap.max()) if n else 0.0
