"""Step 7 of the quarter, first half: choice of supplier within each category.

Each category's choice set holds options: a domestic firm sold offline, the same firm
sold online (goods firms that sell online), for goods the other provinces' supply
(sim.economy.processes.provinces), and for premium categories the foreign supplier
bought abroad (outbound spending) or imported and bought at home. A household segment
(kind x region x online access x taste bin, sim.economy.goods_market) splits its
category spending over the options it can reach by a nested logit (McFadden 1978;
Anderson, de Palma and Thisse 1992):

    u = taste * perceived_quality - price_sensitivity * log(delivered_price) + channel terms,

where perceived quality is declared quality times the segment's trust (foreign quality
is trusted; the other provinces' goods are trusted as the province's own), and the
delivered price adds the rural delivery surcharge on goods shipped into villages (五（二）:
bought online, or offline from outside the county, every good but food, which villages
buy locally) and the outbound price gap on imports (二（八）). Rural households reach own-
region shops offline; online access widens their choice set to every online seller.
Foreign buyers (exports) and the government (public services) are two more buyer rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from sim.config.parameters import Market
from sim.economy.agents import FirmTable, HouseholdTable
from sim.economy.constants import (
    ABROAD,
    EXPORTED,
    GOODS,
    IMPORTED,
    MIGRANT,
    N_CATEGORIES,
    OFFLINE,
    ONLINE,
    PREMIUM,
    PROVINCES,
    PUBLICLY_BOUGHT,
    RURAL,
    SERVICES,
    SHIPPED_IN,
    URBAN,
)
from sim.economy.goods_market import (
    EXPORT_ROW,
    GOVERNMENT_ROW,
    N_BUYER_ROWS,
    N_HOUSEHOLD_SEGMENTS,
    N_TASTE_BINS,
    Clearing,
    Options,
    choice_shares,
    firm_totals,
    segment_rows,
)
from sim.economy.kernels import jit
from sim.economy.rules import producer_price_factor, unit_price


@dataclass(frozen=True)
class OfferTerms:
    """The terms on which this quarter's options are offered: who may sell and what
    sets their prices.

    Attributes:
        min_standard: the quality a domestic firm needs to sell (四（一）; None: none).
        wage_level: nominal wage per efficiency unit beyond productivity, 2016 = 1
            (firms' unit cost moves with it).
        targeted: the firms whose products the subsidy targets (by firm row).
        producer_rate: the share of a targeted maker's unit cost of its sales at home
            that producer subsidies pay.
        price_gap: the outbound price gap on imports, share of the world price (二（八）).
        world_price: the foreign supplier's price, yuan per unit.
        provinces: the other provinces' offer (None: a province closed to them).
    """

    min_standard: float | None
    wage_level: float
    targeted: np.ndarray
    producer_rate: float
    price_gap: float
    world_price: float
    provinces: ProvincesOffer | None = None


@dataclass(frozen=True)
class ProvincesOffer:
    """The other provinces' goods on Guangdong's shelves this quarter, by category (goods
    only are offered: services are made where they are consumed).

    Attributes:
        price: yuan per unit.
        quality: their quality (declared truly).
        log_varieties: the log of the varieties they offer, in market.variety_unit.
    """

    price: np.ndarray
    quality: np.ndarray
    log_varieties: np.ndarray


def options(*, f: FirmTable, terms: OfferTerms, quality_cost: float,
            real_firms_per_agent: float, mp: Market) -> Options:
    """Live domestic firms allowed on the market (meeting `min_standard`, unless None),
    by channel, plus the foreign supplier of the premium categories.

    A firm agent's options stand for its `real_firms_per_agent` real firms' varieties:
    their weight in the logit is that number in `market.variety_unit`s (Anderson, de
    Palma and Thisse 1992, ch. 7: a logit over many varieties of one firm adds the log of
    their number), so the market's choices do not depend on how many firm agents the
    model uses.

    A firm's price is its markup over unit cost, which moves with the wage level and
    rises with quality (`quality_cost`, firms.quality_cost); online prices are
    `online_discount` lower; producer subsidies lower the unit cost of targeted makers'
    sales at home, so their price by the subsidy times their home share
    (sim.economy.rules.producer_price_factor); imports cost the world price plus the
    outbound price gap."""
    min_standard, unit_cost_index = terms.min_standard, terms.wage_level
    targeted, producer_rate = terms.targeted, terms.producer_rate
    price_gap, world_price = terms.price_gap, terms.world_price
    allowed = f.quality >= min_standard - 1e-12 if min_standard is not None else True
    sellers = np.flatnonzero(f.alive & allowed)
    online = sellers[f.online[sellers]]
    cat = np.concatenate([f.category[sellers], f.category[online]])
    firm = np.concatenate([sellers, online])
    channel = np.concatenate([np.full(len(sellers), OFFLINE), np.full(len(online), ONLINE)])
    price = unit_price(markup=f.markup[firm], quality=f.quality[firm],
                       productivity=f.productivity[firm], quality_cost=quality_cost,
                       wage_level=unit_cost_index)
    price = np.where(channel == ONLINE, price * (1.0 - mp.online_discount), price)
    price = price * producer_price_factor(is_targeted=targeted, rate=producer_rate,
                                          export_share=f.export_share)[firm]

    premium = np.flatnonzero(PREMIUM)
    imported = premium[GOODS[premium]]
    n_abroad, n_imp = len(premium), len(imported)
    china = terms.provinces
    inflow = np.flatnonzero(GOODS) if china is not None else np.zeros(0, dtype=np.intp)
    n_in, n_foreign = len(inflow), n_abroad + n_imp
    in_quality = china.quality[inflow] if china is not None else np.zeros(0)
    opt = Options(
        category=np.concatenate([cat, inflow, premium, imported]).astype(np.intp),
        firm=np.concatenate([firm, np.full(n_in + n_foreign, -1)]).astype(np.intp),
        channel=np.concatenate([channel, np.full(n_in, PROVINCES), np.full(n_abroad, ABROAD),
                                np.full(n_imp, IMPORTED)]),
        quality=np.concatenate([f.quality[firm], in_quality,
                                np.full(n_foreign, mp.foreign_quality)]),
        declared=np.concatenate([f.declared[firm], in_quality,
                                 np.full(n_foreign, mp.foreign_quality)]),
        price=np.concatenate([price, china.price[inflow] if china is not None else np.zeros(0),
                              np.full(n_abroad, world_price),
                              np.full(n_imp, world_price * (1 + price_gap))]),
        region=np.concatenate([f.region[firm], np.full(n_in + n_foreign, -1)]),
        targeted=np.concatenate([targeted[firm], np.zeros(n_in + n_foreign, dtype=bool)]),
        log_varieties=np.concatenate([
            np.full(len(firm), np.log(real_firms_per_agent / mp.variety_unit)),
            china.log_varieties[inflow] if china is not None else np.zeros(0),
            np.zeros(n_foreign)]),
    )
    # Options ordered by category (stable: offline, online, the other provinces, then
    # foreign), so that the market's sums by category work on contiguous columns.
    order = np.argsort(opt.category, kind="stable")
    return opt.ordered(order)


def household_taste(*, h: HouseholdTable, reference_income_pc: float,
                    income_elasticity: float) -> np.ndarray:
    """Taste for quality now: the 2016 taste, rising with permanent income per person
    relative to 2016's median (elasticity `income_elasticity`)."""
    relative = _relative_income(h.permanent_income, h.persons, reference_income_pc)
    return h.quality_taste * relative ** income_elasticity


@jit
def _relative_income(permanent_income, persons, reference):
    out = np.empty(len(persons))
    for i in range(len(out)):
        out[i] = max(permanent_income[i] / persons[i], 1.0) / reference
    return out


@jit
def _segments(kind, region, online, taste, taste_edges):
    """Segment of each household: kind x region x online access x taste bin."""
    out = np.empty(len(kind), dtype=np.intp)
    for i in range(len(kind)):
        taste_bin = 0  # edges at or below the taste (np.digitize)
        for edge in taste_edges:
            taste_bin += taste[i] >= edge
        out[i] = ((kind[i] * 2 + region[i]) * 2 + online[i]) * N_TASTE_BINS + taste_bin
    return out


@dataclass(frozen=True)
class Wedges:
    """What a household pays beyond, or short of, a seller's price this quarter.

    Attributes:
        rural_surcharge: the delivery surcharge on goods shipped into villages, share of
            the price (五（二）).
        rebate_rate: the share of a targeted product's price that rebates pay (七（一）).
    """

    rural_surcharge: float
    rebate_rate: float


@dataclass(frozen=True)
class Qualities:
    """The quality of each option as buyers see it before trust, and as they get it.

    Attributes:
        trusted: quality declared in Guangdong's market (its firms and the other
            provinces'): what buyers see is discounted by their trust.
        seen: declared quality, less crowding for services (true quality for the
            foreign supplier); a buyer perceives it times its trust where `trusted`.
        got: true quality, less crowding for services: what buyers consume.
    """

    trusted: np.ndarray
    seen: np.ndarray
    got: np.ndarray


def qualities(*, opt: Options, f: FirmTable, mp: Market) -> Qualities:
    """What buyers see of each option's quality and what they get (`Qualities`)."""
    domestic = opt.firm >= 0
    trusted = domestic | (opt.channel == PROVINCES)  # (quality declared at home)
    # Queues lower the quality of crowded services (二（一）): last quarter's demand in
    # excess of output cuts a service provider's effective quality.
    rows = np.maximum(opt.firm, 0)
    excess = np.divide(f.demand[rows], f.output[rows], out=np.ones(len(opt)),
                       where=f.output[rows] > 0) - 1.0
    crowding = np.where(domestic & SERVICES[opt.category],
                        1.0 - mp.congestion_quality * np.clip(excess, 0.0, 1.0), 1.0)
    # Perceived quality: declared quality (crowded services less) times the buyer's trust
    # for domestic firms; the foreign supplier's quality is trusted.
    return Qualities(trusted=trusted,
                     seen=np.where(trusted, opt.declared * crowding, opt.quality),
                     got=np.where(trusted, opt.quality * crowding, opt.quality))


def utilities(*, opt: Options, taste: np.ndarray, trust: np.ndarray, wedges: Wedges,
              f: FirmTable, mp: Market, quality: Qualities | None = None
              ) -> tuple[np.ndarray, np.ndarray]:
    """Utility of each option for each buyer row (-inf where out of reach), and the
    delivered-price surcharge. `taste` and `trust` are per buyer row; `quality` is
    `qualities(opt=opt, f=f, mp=mp)`, worked out here if not given."""
    kind, region, online = segment_rows()
    domestic = opt.firm >= 0
    quality = quality if quality is not None else qualities(opt=opt, f=f, mp=mp)
    trusted, base = quality.trusted, quality.seen
    rows = np.maximum(opt.firm, 0)
    abroad_pref = np.select([kind == URBAN, kind == MIGRANT],
                            [mp.abroad_preference.urban, mp.abroad_preference.migrant],
                            mp.abroad_preference.rural)
    # The government buys public services in proportion to providers' capacity.
    cap = np.where(domestic, f.capacity[rows], 1.0)
    log_capacity = np.log(np.where(np.isfinite(cap) & (cap > 0), cap, 1.0))
    surcharge_on = wedges.rural_surcharge if f.alive.any() else 0.0  # (a domestic trade)
    return _utility_matrix(
        _Rows(kind == RURAL, region, online, taste, trust, abroad_pref),
        _Columns(opt.category, opt.channel, trusted, GOODS[opt.category], opt.region,
                 EXPORTED[opt.category], PUBLICLY_BOUGHT[opt.category],
                 SHIPPED_IN[opt.category], np.log(opt.price), opt.targeted, base,
                 opt.log_varieties, log_capacity),
        _Weights(surcharge_on, wedges.rebate_rate, mp.price_sensitivity,
                 mp.export_price_sensitivity, mp.online_preference, mp.imported_preference))


class _Rows(NamedTuple):
    """The buyer rows, in the compiled loop's terms."""

    rural: np.ndarray  # a rural household segment
    region: np.ndarray
    online: np.ndarray  # can buy online
    taste: np.ndarray  # taste for quality
    trust: np.ndarray  # trust by category
    abroad_pref: np.ndarray  # preference for buying abroad


class _Columns(NamedTuple):
    """The options, in the compiled loop's terms."""

    category: np.ndarray
    channel: np.ndarray
    trusted: np.ndarray  # quality declared in Guangdong's market (its firms, other provinces)
    goods: np.ndarray  # a good (not a service)
    option_region: np.ndarray  # the seller's region
    exported: np.ndarray  # a category sold abroad
    public_buys: np.ndarray  # a category the government buys in (by capacity)
    shipped_in: np.ndarray  # a good villages buy from outside the county
    log_price: np.ndarray
    targeted: np.ndarray  # targeted by the subsidy
    base: np.ndarray  # quality before trust
    log_varieties: np.ndarray
    log_capacity: np.ndarray


class _Weights(NamedTuple):
    """The wedges and the logit's weights."""

    rural_surcharge: float
    rebate_rate: float
    alpha: float  # households' weight on log price
    export_alpha: float  # foreign buyers' weight on log price
    online_pref: float
    imported_pref: float


@jit
def _utility_matrix(rows, columns, weights):
    """The utility (-inf out of reach) and the rural surcharge of every option for every
    buyer row, in one pass (the rule of `utilities`, written out per row and option)."""
    rural, region, online, taste, trust, abroad_pref = rows
    (category, channel, trusted, goods, option_region, exported, public_buys, shipped_in,
     log_price, targeted, base, log_varieties, log_capacity) = columns
    rural_surcharge, rebate_rate, alpha, export_alpha, online_pref, imported_pref = weights
    n = len(category)
    u = np.full((N_BUYER_ROWS, n), -np.inf)
    surcharge = np.zeros((N_BUYER_ROWS, n))
    log_rebate = np.log(1.0 - rebate_rate)
    log_surcharge = np.log(1.0 + rural_surcharge)
    for r in range(N_HOUSEHOLD_SEGMENTS):
        town = not rural[r]
        for j in range(n):
            ch = channel[j]
            # (goods bought abroad pay no village delivery; local food bought offline
            # neither)
            charged = rural[r] and goods[j] and ch != ABROAD and (shipped_in[j] or ch == ONLINE)
            if charged:
                surcharge[r, j] = rural_surcharge
            if ch == OFFLINE:
                ok = option_region[j] == region[r] or (town and goods[j])
            elif ch == ONLINE:
                ok = online[r]
            elif ch == ABROAD or ch == PROVINCES:
                ok = True
            else:  # IMPORTED
                ok = town or online[r]
            if not ok:
                continue
            lp = log_price[j]
            if charged:
                lp += log_surcharge
            if targeted[j]:
                lp += log_rebate
            quality = base[j] * trust[r, category[j]] if trusted[j] else base[j]
            value = taste[r] * quality - alpha * lp + log_varieties[j]
            if ch == ONLINE:
                value += online_pref
            elif ch == ABROAD:
                value += abroad_pref[r]
            elif ch == IMPORTED:
                value += imported_pref
            u[r, j] = value
    for j in range(n):
        if channel[j] != OFFLINE:
            continue
        if exported[j]:
            quality = base[j] * trust[EXPORT_ROW, category[j]] if trusted[j] else base[j]
            u[EXPORT_ROW, j] = (taste[EXPORT_ROW] * quality - export_alpha * log_price[j]
                                + log_varieties[j])
        if public_buys[j]:
            u[GOVERNMENT_ROW, j] = log_capacity[j]
    return u, surcharge


@jit
def _segment_sums(segment, taste, trust, planned):
    """Households, their taste, trust and planned spending summed by segment."""
    count = np.zeros(N_HOUSEHOLD_SEGMENTS, dtype=np.int64)
    taste_sum = np.zeros(N_HOUSEHOLD_SEGMENTS)
    trust_sum = np.zeros((N_HOUSEHOLD_SEGMENTS, N_CATEGORIES))
    planned_sum = np.zeros((N_HOUSEHOLD_SEGMENTS, N_CATEGORIES))
    for i in range(len(segment)):
        s = segment[i]
        if s < 0 or s >= N_HOUSEHOLD_SEGMENTS:
            raise IndexError("a household's segment is out of range")
        count[s] += 1
        taste_sum[s] += taste[i]
        for c in range(N_CATEGORIES):
            trust_sum[s, c] += trust[i, c]
            planned_sum[s, c] += planned[i, c]
    return count, taste_sum, trust_sum, planned_sum


@dataclass(frozen=True)
class Buyers:
    """Who buys in the goods market this quarter and what they plan to spend.

    Attributes:
        households: the household table (kind, region, online access and trust).
        taste: each household's taste for quality now.
        taste_edges: the edges of the taste bins of household segments.
        planned: households' planned spending, households x categories, yuan.
        scale: the real households each household agent stands for.
        export_demand: the rest of the world's demand by category, yuan (province).
        public_demand: the government's purchases by category, yuan (province).
    """

    households: HouseholdTable
    taste: np.ndarray
    taste_edges: np.ndarray
    planned: np.ndarray
    scale: float
    export_demand: np.ndarray
    public_demand: np.ndarray


def choose(*, opt: Options, buyers: Buyers, wedges: Wedges, f: FirmTable,
           mp: Market) -> Clearing:
    """Buyers' planned spending on each option (before market clearing): households'
    planned spending summed by segment, export and public demand by category."""
    h, taste, planned = buyers.households, buyers.taste, buyers.planned
    seg = _segments(h.kind, h.region, h.online, taste, buyers.taste_edges)
    count, taste_sum, trust_sum, planned_sum = _segment_sums(seg, taste, h.trust, planned)

    row_taste = np.zeros(N_BUYER_ROWS)
    row_taste[:N_HOUSEHOLD_SEGMENTS] = taste_sum / np.maximum(count, 1)
    row_taste[EXPORT_ROW] = mp.export_quality_taste
    row_trust = np.ones((N_BUYER_ROWS, N_CATEGORIES))
    row_trust[:N_HOUSEHOLD_SEGMENTS] = trust_sum / np.maximum(count, 1)[:, None]
    demand = np.zeros((N_BUYER_ROWS, N_CATEGORIES))
    demand[:N_HOUSEHOLD_SEGMENTS] = buyers.scale * planned_sum
    demand[EXPORT_ROW] = buyers.export_demand
    demand[GOVERNMENT_ROW] = buyers.public_demand

    quality = qualities(opt=opt, f=f, mp=mp)
    utility, surcharge = utilities(opt=opt, taste=row_taste, trust=row_trust, wedges=wedges,
                                   f=f, mp=mp, quality=quality)
    share = choice_shares(utility=utility, category=opt.category, nested=opt.foreign(),
                          nest_scale=mp.foreign_nest_scale)
    want = demand[:, opt.category] * share
    return Clearing(opt, seg, row_taste, row_trust, demand, share, utility, surcharge, want,
                    np.ones_like(demand), quality_seen=quality.seen, quality_got=quality.got,
                    rebate=np.where(opt.targeted, wedges.rebate_rate, 0.0))


def planned_units(*, clearing: Clearing, n_firms: int) -> np.ndarray:
    """Units each firm would sell if every buyer got what it planned."""
    units = (clearing.spent / clearing.delivered_price()).sum(axis=0)
    return firm_totals(per_option=units, options=clearing.options, n_firms=n_firms)
