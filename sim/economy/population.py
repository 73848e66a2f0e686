"""The initial economy: households of three kinds and firms on a quality ladder with
heterogeneous productivity.

Structural inputs (population, kind shares, household sizes) are taken as given; the
behavioural parameters are first, hand-set guesses that calibration replaces.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from scipy import stats

from sim.config.params import by_kind
from sim.economy.agents import FirmTable, HouseholdTable
from sim.economy.constants import (
    GOODS,
    GREEN_CATEGORIES,
    KINDS,
    N_CATEGORIES,
    NEVER,
    NON_PRD,
    PRD,
)


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
        origin=kind.copy(),
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
        excluded_until=np.full(n, NEVER, dtype=np.int32),
        covered=np.zeros(n, dtype=bool),
        online=np.zeros(n, dtype=bool),
        quality_taste=taste,
        buffer_factor=np.exp(hp.buffer_dispersion * rng.standard_normal(n)
                             - hp.buffer_dispersion**2 / 2),
        owner_weight=owner_weight,
        trust=trust,
        spending=np.zeros((n, N_CATEGORIES)),
        durables_ahead=np.zeros((n, N_CATEGORIES)),
        rank_credit=rng.random(n),
        rank_coverage=rng.random(n),
        rank_online=rng.random(n),
        rank_broadband=rng.random(n),
    )


def firm_agents_per_category(pp: SimpleNamespace, households: int) -> int:
    """Firm agents per category at start: `population.firms_per_category` if set, else
    `firm_agents_per_household` per household agent, within the declared bounds."""
    if pp.firms_per_category is not None:
        return int(pp.firms_per_category)
    total = min(pp.firm_agents_max, pp.firm_agents_per_household * households)
    return max(int(pp.firm_agents_min_per_category), int(round(total / N_CATEGORIES)))


def real_firms_per_agent(pp: SimpleNamespace, firm_agents: int) -> float:
    """Real firms each firm agent stands for (`population.real_firms_per_agent`, or the
    province's consumer-facing firms over the firm agents at start)."""
    if pp.real_firms_per_agent is not None:
        return float(pp.real_firms_per_agent)
    return float(pp.real_firms) / firm_agents


def reference_markup(price_sensitivity: float) -> float:
    """The competitive markup of a firm with a negligible market share under the logit
    demand (sim.economy.processes.pricing): 1 / price_sensitivity."""
    return 1.0 / max(price_sensitivity, 1e-9)


def firm_attributes(*, p: SimpleNamespace, category: np.ndarray, quality: np.ndarray,
                    productivity: np.ndarray, markup: np.ndarray,
                    u: np.ndarray) -> dict[str, np.ndarray]:
    """Region, online sales, green label, honesty and gain from misdeclaring of new
    firms in `category` with `quality`, `productivity` and `markup` (arrays, one value per
    firm), from five uniform draws per firm (`u`, 5 x firms). The gain is lognormal with
    mean `firms.misdeclaration_gain`."""
    fp = p.firms
    category = np.asarray(category, dtype=np.int16)
    quality = np.asarray(quality, dtype=float)
    n = len(category)
    # Higher-quality firms are more often in the PRD.
    centre = float(np.mean(fp.initial_quality_range))
    prd_prob = np.clip(p.population.firm_prd_share
                       + p.population.firm_prd_quality_gradient * (quality - centre), 0.05, 0.95)
    return dict(
        category=category,
        region=np.where(u[0] < prd_prob, PRD, NON_PRD).astype(np.int8),
        quality=quality,
        declared=quality.copy(),
        honesty=u[1] * fp.honesty_max,
        misdeclaration_gain=fp.misdeclaration_gain * np.exp(
            fp.misdeclaration_gain_dispersion * stats.norm.ppf(u[4])
            - fp.misdeclaration_gain_dispersion**2 / 2.0),
        online=GOODS[category] & (u[2] < fp.online_share),
        green=GREEN_CATEGORIES[category] & (u[3] < fp.green_share),
        markup=np.asarray(markup, dtype=float),
        productivity=np.asarray(productivity, dtype=float),
        capacity=np.full(n, np.inf),
        alive=np.ones(n, dtype=bool),
        probation_until=np.full(n, NEVER, dtype=np.int32),
        died=np.full(n, -1, dtype=np.int32),
    )


def build_firms(p: SimpleNamespace, households: int, rng: np.random.Generator) -> FirmTable:
    """The 2016 firms: in each category, firm agents on a quality ladder over
    `firms.initial_quality_range` (each drawn within `firms.initial_quality_jitter` of its
    rung) with lognormal productivity (`firms.productivity_dispersion`, independent of
    quality). Productivity is normalised so that, at the competitive markup of a small
    firm, buyers pay 1 yuan per quality-adjusted unit on average in each category;
    markups start there and are set to each firm's competitive markup once 2016 demand is
    known (sim.economy.initial)."""
    k, fp = firm_agents_per_category(p.population, households), p.firms
    low, high = fp.initial_quality_range
    jitter = fp.initial_quality_jitter
    category = np.repeat(np.arange(N_CATEGORIES, dtype=np.int16), k)
    ladder = np.tile(np.linspace(low, high, k), N_CATEGORIES)
    quality = np.clip(ladder + rng.uniform(-jitter, jitter, len(ladder)), 0.0, 1.0)
    sigma = fp.productivity_dispersion
    markup = (fp.initial_markup if fp.initial_markup is not None
              else reference_markup(p.market.price_sensitivity))
    u = _stratified_uniforms(k, N_CATEGORIES, 6, rng)
    productivity = np.exp(sigma * stats.norm.ppf(u[0]))
    productivity *= _price_normaliser(category, (1.0 + markup) / productivity,
                                      p.market.price_sensitivity)
    attrs = firm_attributes(p=p, category=category, quality=quality, productivity=productivity,
                            markup=np.full(len(category), markup), u=u[1:])
    n = len(category)
    attrs["key"] = np.arange(n)
    return FirmTable(**{name: np.asarray(attrs[name], dtype=dtype) if name in attrs
                        else np.zeros(n, dtype=dtype) for name, dtype in FIRM_DTYPES.items()})


PRODUCTIVITY_BLOCK = 10  # rungs of the quality ladder that share one stratified draw


def _stratified_uniforms(k: int, categories: int, draws: int,
                         rng: np.random.Generator) -> np.ndarray:
    """`draws` uniform draws for each rung of `categories` ladders of `k` rungs (draws x
    rungs), each stratified within every block of PRODUCTIVITY_BLOCK neighbouring rungs
    (Latin hypercube sampling: McKay, Beckman and Conover 1979): every block of similar
    quality holds the whole distribution of productivity, region, channel, label and
    honesty, in random order, so a few lucky draws cannot move a category's quality mix
    and the 2016 economy differs little between seeds."""
    out = np.empty((draws, categories, k))
    for d in range(draws):
        for c in range(categories):
            for start in range(0, k, PRODUCTIVITY_BLOCK):
                b = min(PRODUCTIVITY_BLOCK, k - start)
                out[d, c, start:start + b] = (rng.permutation(b) + rng.random(b)) / b
    return out.reshape(draws, categories * k)


def _price_normaliser(category: np.ndarray, price: np.ndarray, alpha: float) -> np.ndarray:
    """By firm, its category's average price per unit bought when buyers' logit shares
    of spending fall with price as price^-alpha: total spending over total units,
    sum(p^-alpha) / sum(p^-alpha-1). Dividing prices by it makes a 2016 yuan buy one
    quality-adjusted unit on average, as the price indexes assume."""
    low = price.min()
    spend = (price / low) ** -alpha
    units = spend / price
    per_category = (np.bincount(category, weights=spend, minlength=N_CATEGORIES)
                    / np.bincount(category, weights=units, minlength=N_CATEGORIES))
    return per_category[category]


FIRM_DTYPES = {
    "key": np.int64, "category": np.int16, "region": np.int8, "alive": bool, "quality": float,
    "declared": float, "honesty": float, "misdeclaration_gain": float, "export_share": float,
    "probation_until": np.int32, "productivity": float,
    "markup": float, "capacity": float, "inventory": float, "output": float,
    "expected_demand": float, "demand": float, "sales": float, "revenue": float,
    "wage_bill": float, "labour": float, "research_labour": float,
    "overhead_labour": float, "cash": float,
    "profit": float, "online": bool, "green": bool, "born": np.int32, "died": np.int32,
    "loss_quarters": np.int32, "upgrades": np.int32, "innovations": np.int32,
    "imitations": np.int32, "capital": float, "ordered_capital": float,
    "ordered_fitout": float, "ordered_upgrade": float, "ordered_quality": float,
    "technology": float, "productivity_shock": float, "upgrade_pace": float,
}
