"""Config group `economy`: growth, interest rates, the labour market's macro rules and
the definitions of quality spending (docs/model.md sections 4 and 7)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter


@dataclass
class Economy:
    """Macro inputs and outcome definitions."""

    productivity_growth: float = parameter(
        0.065, bounds=(-0.2, 0.3), kind="data", unit="annual growth of labour productivity "
        "in 2013-2016: the burn-in's pace, the target of firms.frontier_growth, and the "
        "trend firms plan capacity and stocks on",
        source="Guangdong's real growth of disposable income per person in 2013-2016: "
               "8.9% a year nominal less the 2.2% CPI mean, about 6.6% (rounded down). "
               "From 2016 productivity grows with research (sim.economy.processes."
               "technology), not with this figure")
    burn_in_quarters: int = parameter(
        12, bounds=(0, 80), kind="numerics", unit="quarters simulated before 2016Q1 under "
        "2016's policy, not recorded",
        source="the AB-SFC practice of running the economy until its stock-flow ratios "
               "settle before an experiment (Caiani et al. 2016): the firms that cannot "
               "cover their costs leave, investment and inventories settle, buffers and "
               "debts reach their norms. Every scenario with the same seed shares it. "
               "tests/economy/test_stationarity.py measures what it settles")
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
    expected_inflation: float = parameter(
        0.022, bounds=(-0.1, 0.3), kind="data", unit="annual consumer price inflation wage "
        "setters expect at the opening (it then learns: expectations_gain)",
        source="Guangdong's CPI rose 2.5, 2.3, 1.5 and 2.3% in 2013-2016 (statistical "
               "communiques; recalled): mean 2.2% (the 2016 national target was 'about 3%')",
        plausible=(0.015, 0.03))
    expectations_gain: float = parameter(
        0.25, bounds=(0.0, 1.0), unit="share of the gap to the inflation wage setters see "
        "(the national anchor and the province's last year) that their expectation closes "
        "a quarter",
        source="Carroll (2003, QJE 118(1)): households' inflation expectations move about "
               "a quarter of the way to professional forecasts each quarter (0.27 in the "
               "Michigan survey); declared range 0.1-0.5",
        plausible=(0.1, 0.5))
    expectations_anchor: float = parameter(
        0.5, bounds=(0.0, 1.0), unit="weight of national inflation (china.inflation) in "
        "the inflation wage setters see, against the province's own of the last four "
        "quarters",
        source="declared plausible: wage setters hear the national target and forecasts "
               "and live through local prices (Malmendier and Nagel 2016, QJE 131(1), on "
               "learning from experience); no 2016 figure identifies the split; declared "
               "range 0.25-0.9 (1 would make expectations exogenous)",
        plausible=(0.25, 0.9))
    wage_flexibility: float = parameter(
        0.15, bounds=(0.0, 5.0), unit="quarterly change of the wage level per unit of the "
        "unemployment gap",
        source="declared plausible: annual wage Phillips curves put wage growth at about "
               "0.5-1 point a year per point of unemployment (Blanchard and Katz 1999, AER "
               "89(2); Gali 2011, JEEA 9(3)), 0.125-0.25 a quarter; at 0.5 (2 points a year) "
               "wages, prices and exports chased each other in a two-year cycle",
        plausible=(0.1, 0.3))
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
