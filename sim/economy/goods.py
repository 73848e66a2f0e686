"""The goods account of firms, checked every quarter as the money is: for each firm,

    output = sales + change in inventory + losses,

where the losses are the part of the inventory that decays (`firms.inventory_decay`),
the service capacity produced but not sold (services do not store) and the stock of a
firm that closes. Capital goods are accounted for too: the capital-goods sector's
output equals what it delivers (to firms and the government), and each firm's capital

    change in capital = capital delivered - depreciation - capital scrapped

(an upgrade's retooling raises quality, not capacity). The model opens the account with
the quarter's opening stocks, records the flows where the processes cause them, and
closes it after the quarter; a gap above `TOLERANCE` units (times the firm's output and
stocks) stops the run, naming the firm (docs/model.md, "Money and the ledger").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.economy.agents import FirmTable

TOLERANCE = 1e-9  # of a firm's output plus its stocks


class GoodsBreach(RuntimeError):
    """Goods were made or lost outside a named flow."""

    def __init__(self, step: int, firm: int, gap: float, what: str = "") -> None:
        self.step, self.firm, self.gap = step, firm, gap
        what = what or (f"firm {firm}'s output differs from its sales, inventory change "
                        "and losses")
        super().__init__(f"goods account at step {step}: {what} by {gap:.6g} units")


@dataclass
class GoodsAccount:
    """One quarter's goods account (units of output, by firm row)."""

    step: int
    opening: np.ndarray
    losses: np.ndarray = field(default_factory=lambda: np.zeros(0))
    opening_capital: np.ndarray = field(default_factory=lambda: np.zeros(0))
    installed: np.ndarray = field(default_factory=lambda: np.zeros(0))
    retired: np.ndarray = field(default_factory=lambda: np.zeros(0))
    capital_goods_output: float = 0.0
    capital_goods_delivered: float = 0.0

    @classmethod
    def open(cls, f: FirmTable, step: int) -> GoodsAccount:
        n = len(f)
        return cls(step, f.inventory.copy(), np.zeros(n), f.capital.copy(), np.zeros(n),
                   np.zeros(n))

    @staticmethod
    def _add(account: np.ndarray, units: np.ndarray) -> np.ndarray:
        units = np.asarray(units, dtype=float)
        if len(units) > len(account):
            account = np.pad(account, (0, len(units) - len(account)))
        account[: len(units)] += units
        return account

    def lose(self, units: np.ndarray) -> None:
        """Record `units` lost (by firm row; rows added this quarter may be missing)."""
        self.losses = self._add(self.losses, units)

    def install(self, units: np.ndarray) -> None:
        """Record capital delivered to firms, units (by firm row)."""
        self.installed = self._add(self.installed, units)

    def retire(self, units: np.ndarray) -> None:
        """Record capital that wears out or is scrapped, units (by firm row)."""
        self.retired = self._add(self.retired, units)

    def make_capital_goods(self, output: float, delivered: float) -> None:
        """Record the capital-goods sector's output and deliveries, units."""
        self.capital_goods_output += output
        self.capital_goods_delivered += delivered

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
        opening_capital = np.pad(self.opening_capital, (0, n - len(self.opening_capital)))
        installed = np.pad(self.installed, (0, n - len(self.installed)))
        retired = np.pad(self.retired, (0, n - len(self.retired)))
        capital_gap = np.abs(f.capital - opening_capital - installed + retired)
        capital_size = opening_capital + installed + 1.0
        bad = int(np.argmax(capital_gap / capital_size)) if n else 0
        if n and capital_gap[bad] > TOLERANCE * capital_size[bad]:
            raise GoodsBreach(self.step, bad, float(capital_gap[bad]),
                              f"firm {bad}'s change in capital differs from the capital "
                              "delivered less depreciation and scrapping")
        sector_gap = abs(self.capital_goods_output - self.capital_goods_delivered)
        if sector_gap > TOLERANCE * (self.capital_goods_output + 1.0):
            raise GoodsBreach(self.step, -1, sector_gap, "the capital-goods sector's output "
                              "differs from its deliveries")
        return max(float(gap.max()) if n else 0.0, float(capital_gap.max()) if n else 0.0,
                   sector_gap)
