"""Config group `population`: who lives in the province and how many agents stand for
them (structural inputs, docs/model.md section 2)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter
from sim.config.parameters.shapes import ByKind


@dataclass
class Population:
    """The population and the model's resolution."""

    households: int = parameter(
        20000, bounds=(100, 5_000_000), kind="numerics", unit="household agents",
        source="default resolution: each agent stands for about 1,900 real households")
    firms_per_category: int | None = parameter(
        None, bounds=(2, 100_000), kind="numerics", optional=True,
        unit="firm agents per consumption category at start (null: from "
             "firm_agents_per_household)",
        source="default resolution: derived from the household agents")
    firm_agents_per_household: float = parameter(
        0.2, bounds=(0.0001, 10.0), kind="numerics",
        unit="firm agents at start per household agent",
        source="default resolution: 4,000 firm agents at 20,000 household agents, so that "
               "no single firm's step moves a category's quality share by more than a "
               "fraction of a point")
    firm_agents_min_per_category: int = parameter(
        25, bounds=(2, 100_000), kind="numerics",
        unit="fewest firm agents per category at start",
        source="default resolution: competition needs more than a handful of rivals")
    firm_agents_max: int = parameter(
        10_000, bounds=(16, 2_000_000), kind="numerics",
        unit="most firm agents at start (all categories)",
        source="default resolution: from 50,000 household agents on, one firm agent stands "
               "for 100 real firms; a firm-quarter costs about 16 microseconds (make bench), "
               "so more firm agents would make the market the whole cost of a province run")
    persons_total: float = parameter(
        109.99e6, bounds=(1.0e3, 2.0e9), kind="data", unit="persons",
        source="Guangdong resident population 2016: 10,999 wan (Statistical Communique 2016)")
    person_shares: ByKind = parameter(
        ByKind(urban=0.392, rural=0.308, migrant=0.300), bounds=(0.0, 1.0), sums_to_one=True,
        kind="data", unit="share of residents",
        source="rural: 1 - urbanisation rate 0.692 (Statistical Communique 2016); urban: "
               "0.692 less migrants; migrant: hand-set, rural-hukou residents of towns")
    household_size: ByKind = parameter(
        ByKind(urban=2.9, rural=3.6, migrant=2.3), bounds=(1.0, 8.0), kind="data",
        unit="persons per household",
        source="hand-set around the census average of 2.9 (2010: 3.20, 2020: 2.63)")
    max_household_size: int = parameter(
        8, bounds=(1, 20), kind="data", unit="persons",
        source="hand-set: larger households are rare in the census and counted as 8")
    participation: ByKind = parameter(
        ByKind(urban=0.50, rural=0.55, migrant=0.75), bounds=(0.0, 1.0), kind="data",
        unit="earners per person",
        source="hand-set: migrants are mostly of working age, urban households hold more "
               "pensioners")
    prd_share: ByKind = parameter(
        ByKind(urban=0.70, rural=0.35, migrant=0.85), bounds=(0.0, 1.0), kind="data",
        unit="share living in the Pearl River Delta",
        source="hand-set: the PRD holds about half of residents and most migrants")
    firm_prd_share: float = parameter(
        0.6, bounds=(0.0, 1.0), kind="data", unit="share of firms in the Pearl River Delta",
        source="hand-set")
    firm_prd_quality_gradient: float = parameter(
        0.4, bounds=(0.0, 5.0), unit="rise in the chance of a PRD location per unit of quality",
        source="hand-set: higher-quality producers cluster in the Pearl River Delta",
        plausible=(0.0, 1.0))
    real_firms: float = parameter(
        1.0e6, bounds=(1.0, 1.0e9), kind="data", unit="consumer-facing firms in the province",
        source="hand-set: about a million consumer-facing enterprises and larger individual "
               "businesses in Guangdong's consumer-goods and service trades")
    real_firms_per_agent: float | None = parameter(
        None, bounds=(1.0, 1.0e7), kind="numerics", optional=True,
        unit="real firms per firm agent (null: real_firms over the firm agents at start)",
        source="default resolution: derived")
