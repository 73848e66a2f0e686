"""Step 7 of the quarter: choice of supplier within each category and market clearing.

Each category's choice set holds options: a domestic firm sold offline, the same firm
sold online (goods firms that sell online), and for premium categories the foreign
supplier bought abroad (outbound spending) or imported and bought at home. A household
segment (kind x region x online access x taste bin) splits its category spending over
the options it can reach by a multinomial logit (Anderson, de Palma and Thisse 1992):

    u = taste * perceived_quality - price_sensitivity * log(delivered_price) + channel terms,

where perceived quality is declared quality times the segment's trust (foreign quality
is trusted), and the delivered price adds the rural delivery surcharge on goods (五（二）)
and the outbound price gap on imports (二（八）). Rural households reach own-region shops
offline; online access widens their choice set to every online seller.

Foreign buyers (exports) and the government (public services) are two more buyers.
Demand meets supply (inventory plus output for goods, output for services): sellers
short of supply ration buyers in proportion; unmet demand is offered once to the
segment's other options with spare supply, and what remains is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.economy.constants import (
    ABROAD,
    CAPACITY_SERVICES,
    CATEGORY_INDEX,
    EXPORTED,
    GOODS,
    IMPORTED,
    KINDS,
    MIGRANT,
    N_CATEGORIES,
    OFFLINE,
    ONLINE,
    PREMIUM,
    RURAL,
    SERVICES,
    URBAN,
)
from sim.economy.kernels import jit, pairwise_row, row_sums, take_rows
from sim.economy.processes import government

if TYPE_CHECKING:
    from sim.economy.model import EconomyModel

N_TASTE_BINS = 6
N_HOUSEHOLD_SEGMENTS = 3 * 2 * 2 * N_TASTE_BINS
EXPORT_ROW = N_HOUSEHOLD_SEGMENTS  # buyer rows after the household segments
GOVERNMENT_ROW = N_HOUSEHOLD_SEGMENTS + 1


@dataclass
class Options:
    """The choice set of all categories this quarter, one entry per option."""

    category: np.ndarray  # category index
    firm: np.ndarray  # firm row, -1 for the foreign supplier
    channel: np.ndarray  # OFFLINE, ONLINE, ABROAD or IMPORTED
    quality: np.ndarray  # true quality
    declared: np.ndarray  # declared quality (true for foreign)
    price: np.ndarray  # yuan per unit paid to the seller (before rural surcharge)
    region: np.ndarray  # seller's region (-1 for foreign)
    targeted: np.ndarray  # product targeted by the subsidy

    def __len__(self) -> int:
        return len(self.category)


@dataclass
class Clearing:
    """What the goods market did this quarter (buyer rows x options)."""

    options: Options
    segment: np.ndarray  # segment of each household
    taste: np.ndarray  # taste of each buyer row
    trust: np.ndarray  # trust by buyer row and category
    demand: np.ndarray  # nominal demand by buyer row and category, yuan
    share: np.ndarray  # planned shares, buyer rows x options
    utility: np.ndarray  # utilities, -inf where unavailable
    surcharge: np.ndarray  # delivered-price surcharge, buyer rows x options
    spent: np.ndarray  # realised spending at delivered prices, buyer rows x options
    fill: np.ndarray  # realised / planned spending by buyer row and category
    by_kind: np.ndarray | None = None  # households' realised spending by kind and category


def build_options(model: EconomyModel, standard: bool = True) -> Options:
    """Live domestic firms allowed on the market (meeting the minimum standard unless
    `standard` is false), by channel, plus the foreign supplier."""
    f, mp = model.firms, model.p.market
    allowed = f.quality >= model.levers.quality.min_standard - 1e-12 if standard else True
    sellers = np.flatnonzero(f.alive & allowed)
    online = sellers[f.online[sellers]]
    cat = np.concatenate([f.category[sellers], f.category[online]])
    firm = np.concatenate([sellers, online])
    channel = np.concatenate([np.full(len(sellers), OFFLINE), np.full(len(online), ONLINE)])
    price = (f.markup[firm] + 1.0) * model.wage_level  # unit cost moves with the wage level
    price *= (1.0 + model.p.firms.quality_cost * f.quality[firm]) / f.productivity[firm]
    price = np.where(channel == ONLINE, price * (1.0 - mp.online_discount), price)
    targeted = government.targeted(model)[firm]
    price = np.where(targeted, price * (1.0 - model.producer_rate), price)

    premium = np.flatnonzero(PREMIUM)
    imported = premium[GOODS[premium]]
    gap = model.levers.outbound.price_gap
    world = mp.foreign_price * model.foreign_price_index
    n_abroad, n_imp = len(premium), len(imported)
    return Options(
        category=np.concatenate([cat, premium, imported]).astype(np.intp),
        firm=np.concatenate([firm, np.full(n_abroad + n_imp, -1)]).astype(np.intp),
        channel=np.concatenate([channel, np.full(n_abroad, ABROAD), np.full(n_imp, IMPORTED)]),
        quality=np.concatenate([f.quality[firm], np.full(n_abroad + n_imp, mp.foreign_quality)]),
        declared=np.concatenate([f.declared[firm],
                                 np.full(n_abroad + n_imp, mp.foreign_quality)]),
        price=np.concatenate([price, np.full(n_abroad, world), np.full(n_imp, world * (1 + gap))]),
        region=np.concatenate([f.region[firm], np.full(n_abroad + n_imp, -1)]),
        targeted=np.concatenate([targeted, np.zeros(n_abroad + n_imp, dtype=bool)]),
    )


def household_taste(model: EconomyModel) -> np.ndarray:
    """Taste for quality now: the 2016 taste, rising with permanent income per person."""
    h, hp = model.households, model.p.households
    relative = _relative_income(h.permanent_income, h.persons, model.reference_income_pc)
    relative **= hp.quality_taste_income_elasticity  # (powers stay in numpy: kernels.py)
    relative *= h.quality_taste
    return relative


@jit
def _relative_income(permanent_income, persons, reference):
    out = np.empty(len(persons))
    for i in range(len(out)):
        out[i] = max(permanent_income[i] / persons[i], 1.0) / reference
    return out


def segments(model: EconomyModel, taste: np.ndarray) -> np.ndarray:
    """Segment of each household: kind x region x online access x taste bin."""
    h = model.households
    return _segments(h.kind, h.region, h.online, taste, model.taste_edges)


@jit
def _segments(kind, region, online, taste, taste_edges):
    out = np.empty(len(kind), dtype=np.intp)
    for i in range(len(kind)):
        taste_bin = 0  # edges at or below the taste (np.digitize)
        for edge in taste_edges:
            taste_bin += taste[i] >= edge
        out[i] = ((kind[i] * 2 + region[i]) * 2 + online[i]) * N_TASTE_BINS + taste_bin
    return out


def segment_rows() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Kind, region and online access of each household segment row."""
    s = np.arange(N_HOUSEHOLD_SEGMENTS) // N_TASTE_BINS
    return s // 4, (s // 2) % 2, (s % 2).astype(bool)


def utilities(model: EconomyModel, opt: Options, taste: np.ndarray,
              trust: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Utility of each option for each buyer row (-inf where out of reach), and the
    delivered-price surcharge. `taste` and `trust` are per buyer row."""
    mp = model.p.market
    kind, region, online = segment_rows()
    rural = kind == RURAL
    n_rows = N_HOUSEHOLD_SEGMENTS + 2
    domestic = opt.firm >= 0
    goods = GOODS[opt.category]
    ch = opt.channel

    reach = np.zeros((n_rows, len(opt)), dtype=bool)
    same_region = region[:, None] == opt.region[None, :]
    town = ~rural[:, None]
    reach[:N_HOUSEHOLD_SEGMENTS] = (
        ((ch == OFFLINE) & (same_region | (town & goods)))
        | ((ch == ONLINE) & online[:, None])
        | (ch == ABROAD)
        | ((ch == IMPORTED) & (town | online[:, None]))
    )
    reach[EXPORT_ROW] = (ch == OFFLINE) & EXPORTED[opt.category]
    reach[GOVERNMENT_ROW] = (ch == OFFLINE) & CAPACITY_SERVICES[opt.category]

    surcharge = np.zeros((n_rows, len(opt)))
    if model.firms.alive.any():  # the logistics trade is domestic firms
        surcharge[:N_HOUSEHOLD_SEGMENTS] = np.where(
            rural[:, None] & goods & (ch != ABROAD), model.government.rural_surcharge, 0.0)
    voucher = model.voucher_rate_targeted * opt.targeted
    log_price = np.log(opt.price * (1.0 + surcharge))
    log_price[:N_HOUSEHOLD_SEGMENTS] += np.log(1.0 - voucher)

    # Queues lower the quality of crowded services (二（一）): last quarter's demand in
    # excess of output cuts a service provider's effective quality.
    f = model.firms
    rows = np.maximum(opt.firm, 0)
    excess = np.divide(f.demand[rows], f.output[rows], out=np.ones(len(opt)),
                       where=f.output[rows] > 0) - 1.0
    crowding = np.where(domestic & SERVICES[opt.category],
                        1.0 - mp.congestion_quality * np.clip(excess, 0.0, 1.0), 1.0)
    perceived = np.where(domestic, opt.declared * crowding * trust[:, opt.category],
                         opt.quality)
    alpha = np.full(n_rows, mp.price_sensitivity)
    alpha[EXPORT_ROW] = mp.export_price_sensitivity
    alpha[GOVERNMENT_ROW] = 0.0
    u = taste[:, None] * perceived - alpha[:, None] * log_price
    abroad_pref = np.select([kind == URBAN, kind == MIGRANT],
                            [mp.abroad_preference.urban, mp.abroad_preference.migrant],
                            mp.abroad_preference.rural)
    u[:N_HOUSEHOLD_SEGMENTS] += (
        mp.online_preference * (ch == ONLINE)
        + abroad_pref[:, None] * (ch == ABROAD)
        + mp.imported_preference * (ch == IMPORTED)
    )
    # The government buys public services in proportion to providers' capacity.
    cap = np.where(domestic, f.capacity[rows], 1.0)
    u[GOVERNMENT_ROW] = np.log(np.where(np.isfinite(cap) & (cap > 0), cap, 1.0))
    return np.where(reach, u, -np.inf), surcharge


def _softmax(u: np.ndarray) -> np.ndarray:
    """Row-wise logit probabilities; rows with every option out of reach get zeros."""
    top = u.max(axis=1, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    e = np.exp(u - top)
    total = e.sum(axis=1, keepdims=True)
    return np.divide(e, total, out=np.zeros_like(e), where=total > 0)


def choice_shares(utility: np.ndarray, category: np.ndarray, nested: np.ndarray,
                  nest_scale: float) -> np.ndarray:
    """Shares of each option within its category, by buyer row: a nested logit
    (McFadden 1978; Train 2009 ch. 4) in which the `nested` options of a category (the
    foreign supplier bought abroad or at home, close substitutes) share a nest with
    dissimilarity `nest_scale`, and every other option stands alone."""
    share = np.zeros_like(utility)
    for c in range(N_CATEGORIES):
        cols = np.flatnonzero(category == c)
        if len(cols) == 0:
            continue
        inner = nested[cols]
        u = utility[:, cols]
        if not inner.any():
            share[:, cols] = _softmax(u)
            continue
        scaled = u[:, inner] / nest_scale
        within = _softmax(scaled)
        top = np.max(np.where(np.isfinite(scaled), scaled, -np.inf), axis=1)
        reach = np.isfinite(top)
        safe_top = np.where(reach, top, 0.0)
        total = np.exp(scaled - safe_top[:, None]).sum(axis=1)
        inclusive = np.full(len(u), -np.inf)
        inclusive[reach] = nest_scale * (safe_top[reach] + np.log(total[reach]))
        upper = _softmax(np.column_stack([u[:, ~inner], inclusive]))
        share[:, cols[~inner]] = upper[:, :-1]
        share[:, cols[inner]] = upper[:, -1:] * within
    return share


def by_category(values: np.ndarray, category: np.ndarray) -> np.ndarray:
    """Sum buyer-row x option values into buyer-row x category."""
    out = np.zeros((values.shape[0], N_CATEGORIES))
    for c in range(N_CATEGORIES):
        out[:, c] = values[:, category == c].sum(axis=1)
    return out


def _fill(units: np.ndarray, opt: Options, supply: np.ndarray) -> np.ndarray:
    """Share of each option's demanded units that its seller can deliver."""
    firm_units = np.bincount(opt.firm[opt.firm >= 0], weights=units[opt.firm >= 0],
                             minlength=len(supply))
    ratio = np.divide(supply, firm_units, out=np.ones_like(supply), where=firm_units > 0)
    return np.where(opt.firm >= 0, np.minimum(1.0, ratio[np.maximum(opt.firm, 0)]), 1.0)


def choose(model: EconomyModel, planned: np.ndarray, standard: bool = True) -> Clearing:
    """Buyers' planned spending on each option (no market clearing, no side effects)."""
    h = model.households
    opt = build_options(model, standard)
    taste = household_taste(model)
    seg = segments(model, taste)
    n_rows = N_HOUSEHOLD_SEGMENTS + 2
    count, taste_sum, trust_sum, planned_sum = _segment_sums(seg, taste, h.trust, planned)

    row_taste = np.zeros(n_rows)
    row_taste[:N_HOUSEHOLD_SEGMENTS] = taste_sum
    row_taste[:N_HOUSEHOLD_SEGMENTS] /= np.maximum(count, 1)
    row_taste[EXPORT_ROW] = model.p.market.export_quality_taste
    row_trust = np.ones((n_rows, N_CATEGORIES))
    demand = np.zeros((n_rows, N_CATEGORIES))
    row_trust[:N_HOUSEHOLD_SEGMENTS] = trust_sum / np.maximum(count, 1)[:, None]
    demand[:N_HOUSEHOLD_SEGMENTS] = model.scale * planned_sum
    demand[EXPORT_ROW] = model.export_demand
    demand[GOVERNMENT_ROW] = model.public_service_demand

    utility, surcharge = utilities(model, opt, row_taste, row_trust)
    share = choice_shares(utility, opt.category, opt.firm < 0, model.p.market.foreign_nest_scale)
    want = demand[:, opt.category] * share
    return Clearing(opt, seg, row_taste, row_trust, demand, share, utility, surcharge, want,
                    np.ones_like(demand))


@jit
def _segment_sums(segment, taste, trust, planned):
    """Households, their taste, trust and planned spending summed by segment (added in
    row order, as numpy's bincount adds them)."""
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


def planned_units(clearing: Clearing, n_firms: int) -> np.ndarray:
    """Units each firm would sell if every buyer got what it planned."""
    opt = clearing.options
    delivered = opt.price[None, :] * (1.0 + clearing.surcharge)
    units = (clearing.spent / delivered).sum(axis=0)
    domestic = opt.firm >= 0
    return np.bincount(opt.firm[domestic], weights=units[domestic], minlength=n_firms)


def clear(model: EconomyModel, planned: np.ndarray) -> Clearing:
    """Choose suppliers for planned household spending (n x 8, yuan) and clear markets."""
    f = model.firms
    chosen = choose(model, planned)
    opt, demand, utility = chosen.options, chosen.demand, chosen.utility
    delivered = opt.price[None, :] * (1.0 + chosen.surcharge)

    supply = np.where(GOODS[f.category], f.inventory + f.output, f.output)
    supply = np.where(f.alive, supply, 0.0)
    want = chosen.spent
    fill = _fill((want / delivered).sum(axis=0), opt, supply)
    spent = want * fill
    sold = np.bincount(opt.firm[opt.firm >= 0],
                       weights=(spent / delivered).sum(axis=0)[opt.firm >= 0],
                       minlength=len(f)).astype(float)
    demand_units = np.bincount(opt.firm[opt.firm >= 0],
                               weights=(want / delivered).sum(axis=0)[opt.firm >= 0],
                               minlength=len(f)).astype(float)

    # Unmet demand goes once to the options with spare supply, in the same proportions.
    unmet = demand - by_category(spent, opt.category)
    spare_supply = np.maximum(0.0, supply - sold)
    # (spare supply below a billionth of a seller's supply is rounding: it is sold out)
    seller = np.maximum(opt.firm, 0)
    has_spare = np.where(opt.firm >= 0, spare_supply[seller] > 1e-9 * supply[seller], True)
    share2 = choice_shares(np.where(has_spare, utility, -np.inf), opt.category, opt.firm < 0,
                           model.p.market.foreign_nest_scale)
    want2 = unmet[:, opt.category] * share2
    fill2 = _fill((want2 / delivered).sum(axis=0), opt, spare_supply)
    spent2 = want2 * fill2
    spent = spent + spent2
    sold += np.bincount(opt.firm[opt.firm >= 0],
                        weights=(spent2 / delivered).sum(axis=0)[opt.firm >= 0], minlength=len(f))
    demand_units += np.bincount(opt.firm[opt.firm >= 0],
                                weights=(want2 / delivered).sum(axis=0)[opt.firm >= 0],
                                minlength=len(f))

    realised = by_category(spent, opt.category)
    row_fill = np.divide(realised, demand, out=np.ones_like(demand), where=demand > 0)
    f.demand = demand_units
    # (a seller short of a billionth of its supply is sold out: the rest is rounding)
    f.sales = np.where(sold >= (1.0 - 1e-9) * supply, supply, sold)
    if np.any(GOODS[f.category]):
        f.inventory = np.where(GOODS[f.category], supply - f.sales, 0.0)
    chosen.spent, chosen.fill = spent, row_fill
    return chosen


def settle(model: EconomyModel, planned: np.ndarray, clearing: Clearing) -> np.ndarray:
    """Pay for what was bought. Returns each household's realised spending (n x 8),
    written over `planned` (which the quarter no longer needs: a table less to fill).

    Households pay delivered prices; sellers receive their price, the rural surcharge
    goes to the logistics trade (transport_comm firms), imports pay the world price to
    the rest of the world and the outbound price gap partly as duties to the
    government (the rest is domestic retailers' margin); the government pays
    vouchers to the households that used them and producer subsidies to the firms.
    """
    h, f, ledger, gov = model.households, model.firms, model.ledger, model.government
    opt, spent = clearing.options, clearing.spent
    hh = spent[:N_HOUSEHOLD_SEGMENTS]
    paid, clearing.by_kind = _realise(planned, clearing.fill, clearing.segment, h.kind)
    h.spending = spending = planned

    seller_amount = spent / (1.0 + clearing.surcharge)
    logistics = (hh - seller_amount[:N_HOUSEHOLD_SEGMENTS]).sum()
    domestic = opt.firm >= 0
    by_buyer = seller_amount[:, domestic]
    revenue = np.bincount(opt.firm[domestic], weights=by_buyer.sum(axis=0),
                          minlength=len(f)).astype(float)  # (integer if nobody sells)

    # Producer subsidy: the government tops up the reduced price of targeted products.
    rate = model.producer_rate
    producer_subsidy = np.where(model.targeted_firm, revenue * rate / (1.0 - rate), 0.0)
    model.producer_subsidy = producer_subsidy.sum()

    # Vouchers: a rate off the price of targeted products, by segment and category.
    targeted_spent = by_category(hh * clearing.options.targeted, opt.category)
    hh_by_cat = by_category(hh, opt.category)
    targeted_share = np.divide(targeted_spent, hh_by_cat, out=np.zeros_like(hh_by_cat),
                               where=hh_by_cat > 0)
    voucher = np.zeros(len(h))
    if model.voucher_rate_targeted:
        targeted_spending = take_rows(targeted_share, clearing.segment)
        targeted_spending *= spending
        voucher = model.voucher_rate_targeted * row_sums(targeted_spending)
    model.voucher_spent = model.scale * voucher.sum()
    total_targeted = targeted_spent.sum(axis=0)
    model.last_targeted_spending = total_targeted.sum()
    model.targeted_share = np.divide(total_targeted, hh_by_cat.sum(axis=0),
                                     out=np.zeros(N_CATEGORIES), where=hh_by_cat.sum(axis=0) > 0)

    imported = opt.channel == IMPORTED
    abroad = opt.channel == ABROAD
    gap = model.levers.outbound.price_gap
    import_by_cat = by_category(seller_amount[:N_HOUSEHOLD_SEGMENTS] * imported,
                                 opt.category).sum(axis=0)
    import_value = import_by_cat.sum()
    abroad_value = hh[:, abroad].sum()
    to_world = abroad_value + import_value / (1.0 + gap)
    duties = import_value * gap / (1.0 + gap) * model.p.market.duty_share_of_gap
    retail_margin = import_by_cat * gap / (1.0 + gap) - duties * import_by_cat / max(
        import_value, 1e-300)
    if not f.alive.any():  # no domestic retailer left: the whole gap is duties
        duties += retail_margin.sum()
        retail_margin[:] = 0.0

    h.deposits += voucher - paid
    hh_to_firms = by_buyer[:N_HOUSEHOLD_SEGMENTS].sum() + logistics + retail_margin.sum()
    ledger.pay("consumption", "households", "firms", hh_to_firms)
    ledger.pay("consumption_abroad", "households", "rest_of_world", to_world)
    ledger.pay("import_duties", "households", "government", duties)
    ledger.pay("consumer_subsidy", "government", "households", model.voucher_spent)
    ledger.pay("producer_subsidy", "government", "firms", model.producer_subsidy)
    ledger.pay("exports", "rest_of_world", "firms", by_buyer[EXPORT_ROW].sum())
    ledger.pay("public_services", "government", "firms", by_buyer[GOVERNMENT_ROW].sum())
    model.world.account += to_world - by_buyer[EXPORT_ROW].sum()
    gov.account += (duties - by_buyer[GOVERNMENT_ROW].sum() - model.voucher_spent
                    - model.producer_subsidy)

    revenue += producer_subsidy
    transport = f.alive & (f.category == CATEGORY_INDEX["transport_comm"])
    model.distribute(revenue, transport, logistics, weights=revenue)
    for c in np.flatnonzero(retail_margin > 0):
        model.distribute(revenue, f.alive & (f.category == c), retail_margin[c], weights=revenue)
    f.revenue = revenue
    f.cash += revenue
    return spending


@jit
def _realise(planned, fill, segment, kind):
    """Planned spending becomes realised spending in place (times the household's
    segment's fill rate, by category); returns each household's total and the totals
    by kind and category (households added in row order), yuan."""
    total = np.empty(planned.shape[0])
    by_kind = np.zeros((len(KINDS), N_CATEGORIES))
    for i in range(planned.shape[0]):
        for c in range(N_CATEGORIES):
            planned[i, c] = fill[segment[i], c] * planned[i, c]
            by_kind[kind[i], c] += planned[i, c]
        total[i] = pairwise_row(planned, i)
    return total, by_kind
