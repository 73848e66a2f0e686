"""Config group `market`: households' choice of supplier (nested logit) and the
foreign supplier (docs/model.md section 4, supplier choice)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter
from sim.config.parameters.shapes import ByKind

UTILITY = (-20.0, 20.0)


@dataclass
class Market:
    """Supplier choice and the rest of the world as a supplier."""

    price_sensitivity: float = parameter(
        4.0, bounds=(0.0, 50.0), unit="logit weight on log delivered price",
        source="hand-set",
        plausible=(2.0, 8.0))
    variety_unit: float = parameter(
        12000.0, bounds=(1.0, 1.0e9), kind="definition",
        unit="real domestic firms whose varieties weigh as much as the foreign supplier in "
             "the logit", source="definition: a normalisation; a firm agent's options weigh "
             "its real firms over this unit, so the market does not change with the number "
             "of firm agents (abroad_preference was fitted at this unit)")
    online_preference: float = parameter(
        -0.3, bounds=UTILITY, unit="utility of buying online rather than offline",
        source="hand-set",
        plausible=(-1.0, 0.5))
    online_discount: float = parameter(
        0.05, bounds=(0.0, 0.9), unit="online price below offline, share", source="hand-set",
        plausible=(0.0, 0.15))
    abroad_preference: ByKind = parameter(
        ByKind(urban=-0.8, rural=-2.5, migrant=-1.5), bounds=UTILITY,
        unit="utility of buying abroad (the hassle of travel)",
        source="hand-set so that about 70% of premium goods are bought abroad at the 2016 "
               "price gap; urban fitted",
        plausible_factor=(0.7, 1.3))
    imported_preference: float = parameter(
        0.0, bounds=UTILITY, kind="definition", unit="utility of imported premium goods "
        "bought at home", source="definition: the reference option")
    foreign_nest_scale: float = parameter(
        0.5, bounds=(0.05, 1.0), unit="nested-logit dissimilarity of buying abroad and "
        "importing", source="hand-set: close substitutes",
        plausible=(0.3, 0.8))
    congestion_quality: float = parameter(
        0.5, bounds=(0.0, 1.0), unit="loss of a service's quality per unit of excess demand",
        source="hand-set: queues lower the quality of crowded services",
        plausible=(0.2, 1.0))
    foreign_quality: float = parameter(
        0.9, bounds=(0.0, 1.0), kind="data", unit="quality index of the foreign premium tier",
        source="hand-set near the world frontier (1)")
    foreign_price: float = parameter(
        2.0, bounds=(0.01, 1000.0), unit="world price of premium goods, yuan per unit",
        source="hand-set",
        plausible=(1.5, 3.0))
    duty_share_of_gap: float = parameter(
        0.6, bounds=(0.0, 1.0), unit="share of the outbound price gap that is taxes and "
        "duties", source="hand-set: tariffs, import VAT and consumption tax; the rest is "
                         "retail margin",
        plausible=(0.4, 0.8))
    export_quality_taste: float = parameter(
        1.0, bounds=(0.0, 50.0), unit="foreign buyers' logit weight on quality",
        source="hand-set",
        plausible=(0.5, 2.0))
    export_price_sensitivity: float = parameter(
        6.0, bounds=(0.0, 50.0), unit="foreign buyers' logit weight on log price",
        source="hand-set: foreign buyers compare more suppliers than households do",
        plausible=(4.0, 10.0))
