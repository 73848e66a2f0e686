"""Config group `firms`: costs, prices, expectations, dividends, quality upgrades,
misdeclaration, entry and exit (docs/model.md section 4, firms)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter

SHARE = (0.0, 1.0)


@dataclass
class Firms:
    """Firms' technology and behaviour."""

    # Costs, prices and inventories
    initial_markup: float = parameter(
        0.15, bounds=(0.0, 5.0), unit="price over unit cost, minus one, in 2016",
        source="hand-set")
    quality_cost: float = parameter(
        0.3, bounds=(0.0, 10.0), unit="rise of unit cost per unit of quality, share",
        source="hand-set")
    inventory_target: float = parameter(
        0.25, bounds=(0.0, 10.0), unit="target inventory, quarters of expected sales (goods)",
        source="hand-set")
    inventory_decay: float = parameter(
        0.05, bounds=SHARE, unit="share of inventory lost per quarter", source="hand-set")
    demand_expectation_weight: float = parameter(
        0.5, bounds=SHARE, unit="weight of last quarter's demand in expected demand",
        source="hand-set (adaptive expectations)")
    markup_adjustment: float = parameter(
        0.1, bounds=(0.0, 5.0), unit="log change of the markup per unit of excess demand",
        source="hand-set")
    markup_signal_limit: float = parameter(
        0.5, bounds=(0.0, 10.0), unit="largest excess-demand signal a markup reacts to",
        source="hand-set: one quarter's shortage or glut moves the markup at most this far")
    markup_bounds: list[float] = parameter(
        [0.02, 0.8], bounds=(0.0, 10.0), ordered=True, unit="[lowest, highest] markup",
        source="hand-set")

    # Cash and dividends
    cash_target_quarters: float = parameter(
        1.0, bounds=(0.0, 20.0), unit="cash kept before dividends, quarters of the wage bill",
        source="hand-set")
    payout: float = parameter(
        0.8, bounds=SHARE, unit="share of cash above the target paid as dividends",
        source="hand-set")
    dividend_tax: float = parameter(
        0.2, bounds=SHARE, kind="data", unit="tax rate on dividends",
        source="PRC individual income tax on dividends (20%)")

    # Quality upgrades (demand pull, 新消费引领新供给)
    upgrade_step: float = parameter(
        0.1, bounds=(0.001, 1.0), unit="quality gained by one upgrade", source="hand-set")
    upgrade_cost: float = parameter(
        3.0, bounds=(0.0, 1000.0), unit="cost of an upgrade, quarters of revenue per unit of "
        "quality", source="hand-set")
    upgrade_cost_demand_floor: float = parameter(
        0.5, bounds=(0.0, 10.0), unit="lowest cost base, share of expected demand at unit "
        "price", source="hand-set: a firm with little revenue still pays for an upgrade at "
                        "its planned scale")
    upgrade_horizon: int = parameter(
        12, bounds=(1, 400), unit="quarters over which an upgrade must pay", source="hand-set")
    discount_rate: float = parameter(
        0.02, bounds=SHARE, unit="quarterly discount rate", source="hand-set")
    decision_noise: float = parameter(
        0.15, bounds=(0.001, 100.0), unit="logit scale of upgrade and entry decisions, "
        "relative to their cost", source="hand-set")
    upgrade_overdraft_share: float = parameter(
        0.5, bounds=SHARE, unit="share of the overdraft limit a firm may use for an upgrade",
        source="hand-set: a firm invests only what it can pay without nearing insolvency")

    # Misdeclared quality and enforcement (四（二）)
    misdeclaration_gain: float = parameter(
        0.03, bounds=SHARE, unit="gain of overstating quality, share of revenue",
        source="hand-set")
    misdeclaration_gap: float = parameter(
        0.15, bounds=(0.001, 1.0), unit="overstatement of a misdeclaring firm, quality index",
        source="hand-set")
    fine_rate: float = parameter(
        0.2, bounds=(0.0, 10.0), unit="fine on a caught firm, share of its quarterly revenue",
        source="hand-set")
    honesty_max: float = parameter(
        0.06, bounds=SHARE, unit="highest cost of misdeclaring, share of revenue (uniform "
        "from 0)", source="hand-set")
    probation_quarters: int = parameter(
        8, bounds=(0, 400), unit="quarters a caught firm declares truthfully",
        source="hand-set")
    recall_trust_restore: float = parameter(
        0.5, bounds=SHARE, unit="trust restored per unit of a category's sales recalled",
        source="hand-set")

    # Exit and entry (三（一）)
    overdraft_limit: float = parameter(
        0.5, bounds=(0.0, 100.0), unit="overdraft at exit, quarters of revenue",
        source="hand-set")
    entry_rate_max: float = parameter(
        0.3, bounds=SHARE, unit="highest quarterly chance of an entrant per category",
        source="hand-set")
    entrant_profit_share: float = parameter(
        0.5, bounds=(0.0, 10.0), unit="profit an entrant expects, share of an incumbent's",
        source="hand-set")
    entrant_demand_share: float = parameter(
        0.25, bounds=(0.0, 10.0), unit="demand an entrant expects, share of an incumbent's",
        source="hand-set")
    entrant_quality_spread: float = parameter(
        0.1, bounds=SHARE, unit="half-width of entrants' quality around the median "
        "incumbent's", source="hand-set")

    # The 2016 firms
    initial_quality_range: list[float] = parameter(
        [0.05, 0.55], bounds=SHARE, ordered=True,
        unit="[lowest, highest] quality of the 2016 firms' ladder",
        source="definition: 0 is the lowest quality on sale in 2016, 1 the world frontier; "
               "domestic supply spans the lower half")
    initial_quality_jitter: float = parameter(
        0.03, bounds=(0.0, 0.5), unit="half-width of each 2016 firm's draw around its rung",
        source="hand-set")
    green_share: float = parameter(
        0.3, bounds=SHARE, unit="share of household and transport_comm firms that are green",
        source="hand-set")
    online_share: float = parameter(
        0.5, bounds=SHARE, unit="share of goods firms selling online", source="hand-set")
    service_headroom: float = parameter(
        0.92, bounds=(0.1, 10.0), unit="2016 service capacity over 2016 demand",
        source="hand-set: services were rationed in 2016 (看病难)")
    service_capacity_growth: float = parameter(
        0.0, bounds=(-0.5, 1.0), unit="annual growth of service labour capacity at baseline",
        source="hand-set")
