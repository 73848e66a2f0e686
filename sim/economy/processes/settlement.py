"""Step 7 of the quarter, payments: who pays whom for what the goods market cleared.

Households pay delivered prices. Sellers receive their price; the rural delivery
surcharge goes to the logistics trade (transport_comm firms, 五（二）); premium goods
bought abroad pay the rest of the world; imports bought at home pay the world price to
the rest of the world and the outbound price gap (二（八）) partly as duties to the
government, the rest as domestic retailers' margin; goods made in the other provinces
pay their price to the rest of China. The government pays rebates to the
households that used them and producer subsidies to the makers of targeted products
(七（一）); the rest of the world and the rest of China pay for what they buy from
Guangdong's firms (one buyer row, split by each category's share of the other
provinces in it), the government for public services.

Each household's payments are worked out from its own realised spending and its
segment's split of spending over the options (sim.economy.goods_market), so the
ledger moves every household's own money.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from sim.economy.agents import FirmTable
from sim.economy.constants import (
    ABROAD,
    CATEGORY_INDEX,
    IMPORTED,
    KINDS,
    N_CATEGORIES,
    PROVINCES,
)
from sim.economy.goods_market import (
    EXPORT_ROW,
    GOVERNMENT_ROW,
    N_HOUSEHOLD_SEGMENTS,
    Clearing,
    Options,
    by_category,
    firm_totals,
)
from sim.economy.kernels import jit
from sim.economy.rules import pro_rata, producer_price_factor


@dataclass
class Settlement:
    """The quarter's goods-market payments.

    Attributes:
        spending: each household's realised spending by category, yuan (n x 8).
        by_kind: realised spending by kind and category, yuan per real household summed
            over agents (3 x 8).
        to_firms, to_world, to_provinces, duties, rebates: each household's payments to
            domestic firms, to the rest of the world, to the other provinces and to the
            government (duties), and the rebates it receives, yuan.
        from_households, exports, to_other_provinces, public_services,
            producer_subsidy: each firm's receipts, yuan (province): from households,
            the rest of the world, the other provinces and the government.
        revenue: each firm's sales revenue (its prices, subsidies, delivery and retail
            margins), yuan.
        export_share: each firm's share of its receipts from outside the province (the
            world and the other provinces) this quarter (the last share for a firm that
            sold nothing).
        targeted_spending: households' spending on targeted products, yuan (province).
        targeted_share: share of each category's household spending on targeted
            products.
    """

    spending: np.ndarray
    by_kind: np.ndarray
    to_firms: np.ndarray
    to_world: np.ndarray
    to_provinces: np.ndarray
    duties: np.ndarray
    rebates: np.ndarray
    from_households: np.ndarray
    exports: np.ndarray
    to_other_provinces: np.ndarray
    public_services: np.ndarray
    producer_subsidy: np.ndarray
    revenue: np.ndarray
    export_share: np.ndarray
    targeted_spending: float
    targeted_share: np.ndarray


@dataclass(frozen=True)
class PaymentTerms:
    """What stands between what a household pays and what a seller receives this
    quarter.

    Attributes:
        targeted: the firms whose products the subsidy targets (by firm row).
        rebate_rate: the share of a targeted product's price that rebates pay (七（一）).
        producer_rate: the share of a targeted maker's unit cost of its sales at home
            that producer subsidies pay.
        price_gap: the outbound price gap on imports, share of the world price (二（八）).
        duty_share: the part of the gap that is duties (market.duty_share_of_gap).
        outflow_share: by category, the other provinces' share of the demand from
            outside the province (None: none).
    """

    targeted: np.ndarray
    rebate_rate: float
    producer_rate: float
    price_gap: float
    duty_share: float
    outflow_share: np.ndarray | None = None


def settle(*, clearing: Clearing, planned: np.ndarray, kind: np.ndarray, f: FirmTable,
           terms: PaymentTerms) -> Settlement:
    """The payments of the quarter's purchases at this quarter's `terms`. `planned`
    (households x categories, yuan) becomes each household's realised spending in place
    (the quarter needs it no more: a table less to fill); `kind`: each household's
    kind."""
    opt = clearing.options
    hh = clearing.spent[:N_HOUSEHOLD_SEGMENTS]
    # what the seller of each option receives
    seller = clearing.spent / (1.0 + clearing.surcharge)
    sold = _receipts(opt=opt, seller=seller, f=f, terms=terms)
    pays = _household_payments(opt=opt, hh=hh, seller_hh=seller[:N_HOUSEHOLD_SEGMENTS],
                               retailers=bool(f.alive.any()), terms=terms)

    # The delivery surcharge goes to transport firms, retail margins to the category's
    # firms, each in proportion to revenue.
    from_households, revenue = sold.from_households, sold.revenue
    transport = f.alive & (f.category == CATEGORY_INDEX["transport_comm"])
    for total, eligible in ((pays.logistics, transport),
                            *((pays.margin[c], f.alive & (f.category == c))
                              for c in np.flatnonzero(pays.margin > 0))):
        share = pro_rata(total=total, eligible=eligible, weights=revenue, fallback=f.alive)
        from_households = from_households + share
        revenue = revenue + share

    # Rebates: a rate off the price of targeted products, by segment and category.
    realised = by_category(values=hh, category=opt.category)
    targeted_spent = by_category(values=hh * opt.targeted, category=opt.category)
    targeted_share = np.divide(targeted_spent, realised, out=np.zeros_like(realised),
                               where=realised > 0)
    shares = [np.divide(part, realised, out=np.zeros_like(realised), where=realised > 0)
              for part in (pays.to_firms, pays.to_world, pays.to_provinces, pays.to_government)]
    firms_paid, world, provinces, duties, rebates, by_kind = _realise(
        planned, clearing.fill, clearing.segment, kind,
        _Shares(*shares, terms.rebate_rate * targeted_share))
    by_category_total = realised.sum(axis=0)
    return Settlement(
        spending=planned, by_kind=by_kind, to_firms=firms_paid, to_world=world,
        to_provinces=provinces, duties=duties, rebates=rebates,
        from_households=from_households, exports=sold.exports,
        to_other_provinces=sold.to_provinces, public_services=sold.public,
        producer_subsidy=sold.producer_subsidy, revenue=revenue,
        export_share=sold.export_share,
        targeted_spending=float(targeted_spent.sum()),
        targeted_share=np.divide(targeted_spent.sum(axis=0), by_category_total,
                                 out=np.zeros(N_CATEGORIES), where=by_category_total > 0),
    )


@dataclass(frozen=True)
class _Receipts:
    """Each firm's receipts from its sales, yuan (province)."""

    from_households: np.ndarray  # at its prices (delivery and retail margins not yet)
    exports: np.ndarray  # from the rest of the world
    to_provinces: np.ndarray  # from the other provinces
    public: np.ndarray  # public services
    producer_subsidy: np.ndarray
    export_share: np.ndarray  # share of its receipts from abroad
    revenue: np.ndarray  # receipts and subsidies


def _receipts(*, opt: Options, seller: np.ndarray, f: FirmTable,
              terms: PaymentTerms) -> _Receipts:
    """Sellers' receipts by buyer (households, exports, public services; `seller`: what
    the seller of each option receives from each buyer row) and the producer subsidy."""
    n_firms = len(f)
    from_households = firm_totals(per_option=seller[:N_HOUSEHOLD_SEGMENTS].sum(axis=0),
                                  options=opt, n_firms=n_firms)
    outside = seller[EXPORT_ROW]
    provinces_part = (terms.outflow_share[opt.category] if terms.outflow_share is not None
                      else np.zeros(len(opt.category)))
    exports = firm_totals(per_option=outside * (1.0 - provinces_part), options=opt,
                          n_firms=n_firms)
    to_provinces = firm_totals(per_option=outside * provinces_part, options=opt,
                               n_firms=n_firms)
    public = firm_totals(per_option=seller[GOVERNMENT_ROW], options=opt, n_firms=n_firms)
    receipts = from_households + exports + to_provinces + public
    # Producer subsidies: `producer_rate` of the unit cost of each targeted maker's sales
    # at home. It sold them at (1 - rate x home share) of its unsubsidised price, which is
    # (1 + markup) times the unit cost, so the cost of those sales is what follows.
    home = from_households + public
    factor = producer_price_factor(is_targeted=terms.targeted, rate=terms.producer_rate,
                                   export_share=f.export_share)
    producer_subsidy = np.where(terms.targeted,
                                terms.producer_rate * home / (factor * (1.0 + f.markup)), 0.0)
    export_share = np.divide(exports + to_provinces, receipts, out=f.export_share.copy(),
                             where=receipts > 0)
    return _Receipts(from_households=from_households, exports=exports,
                     to_provinces=to_provinces, public=public,
                     producer_subsidy=producer_subsidy, export_share=export_share,
                     revenue=receipts + producer_subsidy)


@dataclass(frozen=True)
class _Payments:
    """What households' spending pays, by segment and category, yuan (province)."""

    to_firms: np.ndarray  # sellers' prices, delivery and import margins
    to_world: np.ndarray
    to_provinces: np.ndarray  # the other provinces' prices
    to_government: np.ndarray  # import duties
    margin: np.ndarray  # importing retailers' margin by category
    logistics: float  # the rural delivery surcharge, to transport firms


def _household_payments(*, opt: Options, hh: np.ndarray, seller_hh: np.ndarray,
                        retailers: bool, terms: PaymentTerms) -> _Payments:
    """Imports: the world price to the rest of the world, part of the gap as duties, the
    rest as the importing retailers' margin (all duties if no `retailers` are left);
    what households pay domestic firms: sellers' prices, delivery, import margins. `hh`:
    households' spending by segment and option, `seller_hh` the sellers' part of it."""
    price_gap = terms.price_gap
    imported, abroad = opt.channel == IMPORTED, opt.channel == ABROAD
    provinces = opt.channel == PROVINCES
    world_part = 1.0 / (1.0 + price_gap)
    duty_part = price_gap / (1.0 + price_gap) * (terms.duty_share if retailers else 1.0)
    margin_part = price_gap / (1.0 + price_gap) - duty_part
    to_world = by_category(values=hh * abroad + seller_hh * imported * world_part,
                           category=opt.category)
    to_provinces = by_category(values=seller_hh * provinces, category=opt.category)
    to_government = by_category(values=seller_hh * imported * duty_part, category=opt.category)
    to_firms = by_category(
        values=seller_hh * (opt.firm >= 0) + (hh - seller_hh) + seller_hh * imported * margin_part,
        category=opt.category)
    margin = by_category(values=seller_hh * imported,
                         category=opt.category).sum(axis=0) * margin_part
    return _Payments(to_firms=to_firms, to_world=to_world, to_provinces=to_provinces,
                     to_government=to_government,
                     margin=margin, logistics=float((hh - seller_hh).sum()))


class _Shares(NamedTuple):
    """Each segment's shares of its spending in each category, by who receives them."""

    firm: np.ndarray  # paid to domestic firms
    world: np.ndarray  # paid to the rest of the world
    provinces: np.ndarray  # paid to the other provinces
    duty: np.ndarray  # paid as import duties
    rebate: np.ndarray  # rebated by the government


@jit
def _realise(planned, fill, segment, kind, shares):
    """Planned spending becomes realised spending in place (times the household's
    segment's fill rate, by category). Returns each household's payments to domestic
    firms, to the rest of the world, to the other provinces and as duties, and its
    rebates (its segment's shares of each category's spending), yuan, and realised
    spending by kind and category."""
    firm_share, world_share, provinces_share, duty_share, rebate_share = shares
    n, k = planned.shape
    firms, world, duties, rebates = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    provinces = np.zeros(n)
    by_kind = np.zeros((len(KINDS), N_CATEGORIES))
    split = np.zeros(k, dtype=np.bool_)  # categories with a share outside firms' receipts
    for c in range(k):
        for s in range(world_share.shape[0]):
            if (world_share[s, c] != 0.0 or provinces_share[s, c] != 0.0
                    or duty_share[s, c] != 0.0 or rebate_share[s, c] != 0.0):
                split[c] = True
    for i in range(n):
        s = segment[i]
        for c in range(k):
            x = fill[s, c] * planned[i, c]
            planned[i, c] = x
            by_kind[kind[i], c] += x
            firms[i] += firm_share[s, c] * x
        for c in range(k):
            if split[c]:
                x = planned[i, c]
                world[i] += world_share[s, c] * x
                provinces[i] += provinces_share[s, c] * x
                duties[i] += duty_share[s, c] * x
                rebates[i] += rebate_share[s, c] * x
    return firms, world, provinces, duties, rebates, by_kind
