"""The initial economy: households of three kinds and firms on a quality ladder.

Structural inputs (population, kind shares, household sizes) are taken as given; the
behavioural parameters are first, hand-set guesses that calibration replaces.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from sim.config.params import by_kind
from sim.economy.agents import FirmTable, HouseholdTable
from sim.economy.constants import GOODS, GREEN_CATEGORIES, KINDS, N_CATEGORIES, NON_PRD, PRD


def household_kinds(p: SimpleNamespace, n: int) -> np.ndarray:
    """Kinds of `n` households so that *persons* follow the configured kind shares.

    The agent shares are person shares divided by household size; largest-remainder
    rounding keeps the counts exact and deterministic.
    """
    person_shares = np.array(by_kind(p.population.person_shares))
    sizes = np.array(by_kind(p.population.household_size))
    share = person_shares / sizes
    share /= share.sum()
    counts = np.floor(share * n).astype(int)
    counts[np.argsort(-(share * n - counts))[: n - counts.sum()]] += 1
    return np.repeat(np.arange(len(KINDS), dtype=np.int8), counts)


def build_households(p: SimpleNamespace, n: int, rng: np.random.Generator) -> HouseholdTable:
    """Draw `n` households: kind, region, size, earnings, deposits, debt and tastes."""
    hp = p.households
    kind = household_kinds(p, n)
    sizes = np.array(by_kind(p.population.household_size))[kind]
    persons = (1 + rng.poisson(sizes - 1.0)).clip(1, p.population.max_household_size)
    persons = persons.astype(np.float64)
    participation = np.array(by_kind(p.population.participation))[kind]
    earners = np.maximum(1.0, np.round(persons * participation))
    region = np.where(rng.random(n) < np.array(by_kind(p.population.prd_share))[kind], PRD, NON_PRD)
    region = region.astype(np.int8)

    # Earnings per earner: lognormal around the kind's mean, shifted by region.
    mean_year = np.array(by_kind(hp.earnings_year))[kind]
    region_factor = np.where(region == PRD, hp.region_earnings.prd, hp.region_earnings.non_prd)
    sigma = hp.earnings_dispersion
    z = rng.standard_normal(n)
    skill = mean_year / 4.0 * region_factor * np.exp(sigma * z - sigma**2 / 2)

    # Taste for quality rises with earnings (correlation rho through z).
    rho = hp.quality_taste_earnings_correlation
    taste_z = rho * z + np.sqrt(1.0 - rho**2) * rng.standard_normal(n)
    s = hp.quality_taste_dispersion
    taste = hp.quality_taste_mean * np.exp(s * taste_z - s**2 / 2)

    # Ownership of firms and the bank: concentrated among high earners, mostly locals.
    kind_owner = np.array(by_kind(hp.ownership_weight))[kind]
    owner_weight = kind_owner * (skill * earners) ** 2
    owner_weight /= owner_weight.sum()

    trust = np.clip(hp.trust_initial
                    + hp.trust_initial_dispersion * rng.standard_normal((n, N_CATEGORIES)),
                    0.0, 1.0)
    return HouseholdTable(
        kind=kind,
        region=region,
        persons=persons,
        earners=earners,
        skill=skill,
        employed=np.zeros(n, dtype=bool),
        employer=np.full(n, -1, dtype=np.int32),
        income=np.zeros(n),
        permanent_income=np.zeros(n),
        deposits=np.zeros(n),
        debt=np.zeros(n),
        credit_access=np.zeros(n, dtype=bool),
        credit_limit=np.zeros(n),
        excluded_until=np.full(n, -1, dtype=np.int32),
        covered=np.zeros(n, dtype=bool),
        online=np.zeros(n, dtype=bool),
        quality_taste=taste,
        buffer_factor=np.exp(hp.buffer_dispersion * rng.standard_normal(n)
                             - hp.buffer_dispersion**2 / 2),
        owner_weight=owner_weight,
        trust=trust,
        spending=np.zeros((n, N_CATEGORIES)),
        rank_credit=rng.random(n),
        rank_coverage=rng.random(n),
        rank_online=rng.random(n),
        rank_broadband=rng.random(n),
    )


def firm_attributes(p: SimpleNamespace, category: int, quality: float,
                    rng: np.random.Generator) -> dict:
    """Region, online sales, green label and honesty of a new firm in `category`."""
    fp = p.firms
    # Higher-quality firms are more often in the PRD.
    centre = float(np.mean(fp.initial_quality_range))
    prd_prob = np.clip(p.population.firm_prd_share
                       + p.population.firm_prd_quality_gradient * (quality - centre), 0.05, 0.95)
    u = rng.random(4)
    return dict(
        category=category,
        region=PRD if u[0] < prd_prob else NON_PRD,
        quality=quality,
        declared=quality,
        honesty=u[1] * fp.honesty_max,
        online=bool(GOODS[category] and u[2] < fp.online_share),
        green=bool(GREEN_CATEGORIES[category] and u[3] < fp.green_share),
        markup=fp.initial_markup,
        productivity=1.0 + fp.initial_markup,
        capacity=np.inf,
        alive=True,
        probation_until=-1,
    )


def build_firms(p: SimpleNamespace, rng: np.random.Generator) -> FirmTable:
    """Firms per category on a quality ladder over `firms.initial_quality_range` (2016
    domestic supply), each drawn within `firms.initial_quality_jitter` of its rung."""
    k, fp = p.population.firms_per_category, p.firms
    low, high = fp.initial_quality_range
    jitter = fp.initial_quality_jitter
    rows = []
    for c in range(N_CATEGORIES):
        ladder = np.linspace(low, high, k) + rng.uniform(-jitter, jitter, k)
        rows += [firm_attributes(p, c, float(np.clip(q, 0.0, 1.0)), rng) for q in ladder]
    table = FirmTable(**{
        name: np.array([r.get(name, 0) for r in rows], dtype=dtype)
        for name, dtype in FIRM_DTYPES.items()
    })
    return table


FIRM_DTYPES = {
    "category": np.int16, "region": np.int8, "alive": bool, "quality": float,
    "declared": float, "honesty": float, "probation_until": np.int32, "productivity": float,
    "markup": float, "capacity": float, "inventory": float, "output": float,
    "expected_demand": float, "demand": float, "sales": float, "revenue": float,
    "wage_bill": float, "labour": float, "cash": float, "profit": float, "online": bool,
    "green": bool, "born": np.int32, "upgrades": np.int32,
}
