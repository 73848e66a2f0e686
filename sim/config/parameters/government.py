"""Config group `government`: taxes, public services, rural infrastructure, inspections,
subsidies and debt (docs/model.md section 4, government)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter
from sim.config.parameters.shapes import ByCoverage

SHARE = (0.0, 1.0)


@dataclass
class Government:
    """Fiscal rules and stocks."""

    income_tax: float = parameter(
        0.03, bounds=SHARE, unit="effective personal income tax rate on wages and interest",
        source="hand-set: most wage earners paid little or no income tax in 2016",
        plausible=(0.02, 0.06))
    production_tax: float = parameter(
        0.04, bounds=SHARE, unit="VAT and enterprise income tax, effective rate on sales",
        source="hand-set",
        plausible=(0.03, 0.08))
    social_contribution: float = parameter(
        0.105, bounds=SHARE, kind="data", unit="employee contribution rate, covered workers",
        source="employee social-insurance rates: pension 8%, health 2%, unemployment 0.5%")
    pension_contribution: float = parameter(
        0.08, bounds=SHARE, kind="data", unit="employee pension contribution rate, covered "
        "workers (part of social_contribution)",
        source="employee pension contribution rate (8%)")
    public_services_pc: ByCoverage = parameter(
        ByCoverage(covered=700.0, uncovered=300.0), bounds=(0.0, 1.0e6),
        unit="yuan per person per quarter at 2016 wages (public education and health)",
        source="hand-set",
        plausible_factor=(0.7, 1.3))
    infrastructure_elasticity: float = parameter(
        0.3, bounds=(0.0, 5.0), unit="elasticity of the rural delivery surcharge to the "
        "rural logistics stock",
        source="declared uncertain, not measured: no estimate of how rural delivery costs "
               "answer the logistics capital stock was found. Fan and Zhang (2004) estimate "
               "the returns of rural infrastructure to rural output, which is not this cost "
               "elasticity and does not identify it; Couture, Faber, Gu and Liu (2021, AER: "
               "Insights 3(1)) find the consumer gains of connecting villages to e-commerce "
               "come from overcoming logistical barriers, without a cost elasticity. The "
               "value is the middle of the declared range, which the uncertainty analysis "
               "reads; at its bottom (0.1) the rural_logistics scenario's rise of rural "
               "consumption per person by 2025 is about half (+0.7% against +1.4%)",
        plausible=(0.1, 0.5))
    infrastructure_stock: float = parameter(
        1.0e11, bounds=(1.0, 1.0e15), unit="yuan, 2016 prices: rural logistics capital in 2016",
        source="hand-set",
        plausible=(5.0e10, 2.0e11))
    infrastructure_depreciation: float = parameter(
        0.02, bounds=SHARE, unit="share of the rural logistics stock worn out per quarter",
        source="set so that the 2016 stock is the steady state of the 2016 investment "
               "(policy.rural_logistics.investment, 2 bn yuan a quarter, over 100 bn): 8% a "
               "year, a little under the 9.6% Zhang, Wu and Zhang (2004, Economic Research "
               "Journal 10:35) use for all provincial capital, as roads and depots outlast "
               "machines; declared range 5-10% a year",
        plausible=(0.0125, 0.025))
    inspection_cost: float = parameter(
        160.0, bounds=(0.0, 1.0e9), unit="yuan per real firm per quarter at enforcement 1, "
        "2016 wages", source="hand-set (160 million yuan a quarter over the province's "
                             "million firms at enforcement 1)",
        plausible=(80.0, 320.0))
    rent_allowance_share: float = parameter(
        0.3, bounds=SHARE, unit="share of a reached household's rent that public rental "
        "housing or its allowance saves it (policy.migrant.rental_housing)",
        source="hand-set: public rental housing rents are set below the market's for the "
               "same area and type (公共租赁住房管理办法, 2012); declared range from a "
               "rent a little below the market's to half of it",
        plausible=(0.1, 0.5))
    max_subsidy_rate: float = parameter(
        0.3, bounds=SHARE, unit="largest share of a price that rebates or producer "
        "subsidies cover", source="hand-set: trade-in and energy-saving rebates pay "
                                  "10-20% of the price (以旧换新, 节能产品补贴)",
        plausible=(0.1, 0.5))
    initial_debt: float = parameter(
        8.6e11, bounds=(-1.0e15, 1.0e15), kind="data", unit="yuan at the start of 2016",
        source="hand-set: Guangdong's government debt")
    tax_financing: float = parameter(
        0.0, bounds=SHARE, kind="definition",
        unit="share of the primary deficit's excess over the room within the debt quota "
             "that the personal income tax rate closes, a quarter of it each quarter",
        source="a choice of the analysis, 0 by default: a province cannot set tax rates "
               "(tax law is national), so a tax rise is a counterfactual")
    spending_financing: float = parameter(
        1.0, bounds=SHARE, kind="definition",
        unit="share of the primary deficit's excess over the room within the debt quota "
             "that cuts to public services (education and health bought per person) "
             "close, spread like the tax rule over tax_financing_quarters (with "
             "tax_financing, at most 1 in all; 0 for both: deficits are borrowed "
             "whatever the quota)",
        source="a choice of the analysis, 1 by default: as provinces finance programmes. "
               "They borrow within the quota the centre sets (地方政府债务限额管理, 2015), "
               "and their budget law requires the general budget to balance, so beyond it "
               "they spend less on other things (预算法, 2014, art. 12 and 35)")
    tax_financing_quarters: float = parameter(
        4.0, bounds=(1.0, 40.0), kind="definition",
        unit="quarters over which the tax-financing rule spreads each quarter's gap",
        source="a choice of the analysis, plausible range 1-8: the quarterly deficit is "
               "noisy (the baseline's swings by about 2% of GDP between quarters), so a "
               "rule that closed it within the quarter would move the tax rate with noise; "
               "four quarters balance the budget within about a year")
    debt_limit_headroom: float = parameter(
        1.07, bounds=(1.0, 3.0), kind="data",
        unit="the province's debt quota over its debt, 2016 (the quota then grows with "
             "the nation's nominal GDP)",
        source="Guangdong's debt quota and balance at the end of 2016, about 9,141 and "
               "8,530 hundred million yuan (recalled, not read in the provincial final "
               "accounts): 1.07; declared range 1.0-1.15",
        plausible=(1.0, 1.15))
    central_share_production_tax: float = parameter(
        0.54, bounds=SHARE, kind="data",
        unit="the centre's share of VAT and enterprise income tax collected in Guangdong",
        source="VAT shared 50:50 from 1 May 2016 (国发〔2016〕26号, read in a reprint of the "
               "State Council notice), enterprise income tax 60% central (国发〔2003〕26号, "
               "read on gov.cn), weighted by their national revenues in 2016 (VAT about 58% "
               "of the two, recalled); declared range 0.5-0.6 (domestic VAT was 75% "
               "central until April 2016)",
        plausible=(0.5, 0.6))
    central_share_income_tax: float = parameter(
        0.6, bounds=SHARE, kind="data",
        unit="the centre's share of personal income tax (wages, interest, dividends)",
        source="60% central from 2004 (国发〔2003〕26号, read on gov.cn)")
    central_share_import_duties: float = parameter(
        1.0, bounds=SHARE, kind="data",
        unit="the centre's share of customs duties and import VAT",
        source="central fixed revenue since the 1994 tax-sharing reform (国发〔1993〕85号, "
               "read as quoted in a secondary source)")

