"""Groups of values that one parameter holds: by kind of household, by region, by
consumption category (the names are the contract of docs/model.md, section 2)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ByKind:
    """One value per kind of household."""

    urban: float = 0.0
    rural: float = 0.0
    migrant: float = 0.0


@dataclass
class TownKinds:
    """One value for each kind of household living in a town."""

    urban: float = 0.0
    migrant: float = 0.0


@dataclass
class ByRegion:
    """One value per region: the Pearl River Delta and the rest of the province."""

    prd: float = 0.0
    non_prd: float = 0.0


@dataclass
class ByCoverage:
    """One value for persons covered by urban public services and social insurance and
    one for the rest."""

    covered: float = 0.0
    uncovered: float = 0.0


@dataclass
class ByScheme:
    """One value per social-protection scheme: urban (covered), none, rural."""

    covered: float = 0.0
    uncovered: float = 0.0
    rural: float = 0.0


@dataclass
class ByCategory:
    """One value per NBS consumption category."""

    food: float = 0.0
    clothing: float = 0.0
    housing: float = 0.0
    household: float = 0.0
    transport_comm: float = 0.0
    education_culture: float = 0.0
    healthcare: float = 0.0
    other: float = 0.0


@dataclass
class ByExportedCategory:
    """One value per manufactured category the rest of the world buys."""

    clothing: float = 0.0
    household: float = 0.0
    transport_comm: float = 0.0
    other: float = 0.0


@dataclass
class ByGoodsCategory:
    """One value per category of goods (the categories that can be shipped: food,
    clothing, household goods, transport and communication, other)."""

    food: float = 0.0
    clothing: float = 0.0
    household: float = 0.0
    transport_comm: float = 0.0
    other: float = 0.0
