"""Config group `labour`: matching frictions and unemployment insurance (docs/model.md
section 4, the labour market)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter


@dataclass
class Labour:
    """The labour market."""

    matching_efficiency: float = parameter(
        0.6, bounds=(0.0, 1.0), unit="share of the unemployed who meet a vacancy in a quarter",
        source="hand-set (a simple matching friction, Pissarides 2000)",
        plausible=(0.4, 0.8))
    unemployment_replacement: float = parameter(
        0.4, bounds=(0.0, 2.0), unit="benefit over the wage, covered unemployed",
        source="hand-set",
        plausible=(0.2, 0.6))
