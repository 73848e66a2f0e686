"""Config group `economy`: growth, interest rates, the labour market's macro rules and
the definitions of quality spending (docs/model.md sections 4 and 7)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter


@dataclass
class Economy:
    """Macro inputs and outcome definitions."""

    productivity_growth: float = parameter(
        0.065, bounds=(-0.2, 0.3), kind="data", unit="annual growth of labour productivity",
        source="hand-set near Guangdong's real growth of disposable income per person, "
               "2016-2019")
    deposit_rate: float = parameter(
        0.015, bounds=(0.0, 0.3), kind="data", unit="annual rate",
        source="PBoC one-year deposit benchmark rate, 2016")
    government_bond_rate: float = parameter(
        0.03, bounds=(0.0, 0.3), kind="data", unit="annual rate",
        source="hand-set near provincial bond yields of 2016 (about 3%)")
    initial_unemployment: float = parameter(
        0.05, bounds=(0.0, 0.5), unit="share of labour supply unemployed in 2016Q1",
        source="hand-set near the national surveyed urban unemployment rate of 2016 "
               "(about 5%)",
        plausible=(0.03, 0.07))
    natural_unemployment: float = parameter(
        0.05, bounds=(0.0, 0.5), unit="share of labour supply",
        source="hand-set: the rate at which wages grow with productivity only",
        plausible=(0.03, 0.07))
    wage_flexibility: float = parameter(
        0.5, bounds=(0.0, 5.0), unit="quarterly change of the wage level per unit of the "
        "unemployment gap", source="hand-set (wage Phillips curve, Blanchard and Katz 1999)",
        plausible=(0.1, 1.5))
    wage_change_limit: float = parameter(
        0.02, bounds=(0.0, 1.0), unit="largest quarterly change of the wage level beyond "
        "productivity", source="hand-set: wages are sticky; no quarter moves them by more",
        plausible=(0.01, 0.05))
    upper_tier: float = parameter(
        0.5, bounds=(0.0, 1.0), kind="definition", unit="quality index",
        source="definition: spending at and above this quality counts as 品质 (quality) "
               "spending")
    premium_tier: float = parameter(
        0.7, bounds=(0.0, 1.0), kind="definition", unit="quality index",
        source="definition: the premium tier that competes with goods bought abroad")
