"""The economy: households, firms, the bank, the government and the rest of the world,
one quarter at a time (docs/model.md). `model.EconomyModel` walks the quarter; each
economic process is a module of `processes`; `ledger` moves every yuan."""
