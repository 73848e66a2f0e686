"""The behavioural parameters and structural inputs, one Hydra config group per part of
the economy, each parameter declared once with its value, bounds, unit and source
(sim.config.declare). The groups' dataclasses are registered as the Hydra options
`<group>=default` (configs/config.yaml selects them); a YAML file in configs/<group>/
may extend one (`defaults: [default]`) to make a variant.

`python -m sim.info parameters` lists them; docs/parameters.md is generated from them.
"""

from __future__ import annotations

from hydra.core.config_store import ConfigStore

from sim.config.declare import Declaration, declarations
from sim.config.parameters.bank import Bank
from sim.config.parameters.capital import Capital
from sim.config.parameters.china import China
from sim.config.parameters.economy import Economy
from sim.config.parameters.firms import Firms
from sim.config.parameters.government import Government
from sim.config.parameters.households import Households
from sim.config.parameters.labour import Labour
from sim.config.parameters.market import Market
from sim.config.parameters.population import Population
from sim.config.parameters.world import World

GROUPS: dict[str, type] = {
    "population": Population, "economy": Economy, "households": Households,
    "labour": Labour, "market": Market, "world": World, "china": China, "firms": Firms,
    "capital": Capital, "government": Government, "bank": Bank,
}
"""Config group name -> its schema (a dataclass whose defaults are the values)."""

DECLARATIONS: dict[str, Declaration] = {
    d.key: d for group, schema in GROUPS.items() for d in declarations(schema, group)}
"""Every parameter's declaration, by dotted key ("households.mpc_cash")."""


def register(store: ConfigStore) -> None:
    """Register each group's schema as the Hydra option `<group>=default`."""
    for group, schema in GROUPS.items():
        store.store(group=group, name="default", node=schema)


def declaration_of(key: str) -> Declaration | None:
    """The declaration that governs `key`: the parameter itself, or the group of values
    (by kind, by category) that `key` is one value of."""
    while key:
        if key in DECLARATIONS:
            return DECLARATIONS[key]
        key = key.rpartition(".")[0]
    return None


__all__ = ["DECLARATIONS", "GROUPS", "Bank", "Capital", "China", "Economy", "Firms", "Government",
           "Households", "Labour", "Market", "Population", "World", "declaration_of", "register"]
