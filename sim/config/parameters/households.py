"""Config group `households`: earnings, saving, the consumption budget and its
allocation, taste for quality, trust, health risk and job loss (docs/model.md
section 4). Values marked "fitted" are replaced by `make calibrate`'s
(configs/calibration/guangdong_2016.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter
from sim.config.parameters.shapes import ByCategory, ByKind, ByRegion, ByScheme, TownKinds

SHARE = (0.0, 1.0)


@dataclass
class Households:
    """Households' endowments and behaviour."""

    # Earnings and transfers
    earnings_year: ByKind = parameter(
        ByKind(urban=56000.0, rural=22000.0, migrant=40000.0), bounds=(100.0, 1.0e7),
        unit="yuan per earner per year at full employment, 2016 prices",
        source="hand-set start of the fit to 2016 incomes; fitted",
        plausible_factor=(0.8, 1.25))
    region_earnings: ByRegion = parameter(
        ByRegion(prd=1.15, non_prd=0.80), bounds=(0.01, 100.0),
        unit="earnings relative to the kind's mean",
        source="hand-set: PRD wages well above those of eastern, western and northern "
               "Guangdong",
        plausible_factor=(0.9, 1.1))
    earnings_dispersion: float = parameter(
        0.55, bounds=(0.0, 3.0), unit="standard deviation of log earnings",
        source="hand-set",
        plausible=(0.4, 0.8))
    transfer_pc: ByScheme = parameter(
        ByScheme(covered=1000.0, uncovered=150.0, rural=450.0), bounds=(0.0, 1.0e6),
        unit="yuan per person per quarter at 2016 wages (pensions, dibao)",
        source="hand-set near the 2016 household survey's net transfer income per person "
               "(national: urban 5,910, rural 2,328 yuan a year; recalled), mostly urban "
               "pensions; little for the uncovered (what their rural schemes pay)",
        plausible_factor=(0.7, 1.3))
    dibao_expected_pc: float = parameter(
        30.0, bounds=(0.0, 1.0e5),
        unit="yuan per person per quarter at 2016 wages: the urban dibao's expected value "
             "for a covered household of migrant origin, on top of the uncovered rate",
        source="covered migrants are of working age: no urban pension yet (contributions "
               "now, pension wealth later), only the urban dibao, a standard of about 600 "
               "yuan a month reaching about 1.5% of residents (recalled)",
        plausible=(10.0, 100.0))
    hukou_wage_premium: float = parameter(
        0.05, bounds=(0.0, 1.0), unit="rise in a converting migrant household's earnings, "
        "share",
        source="declared uncertain: most of the urban-migrant wage gap runs through "
               "occupational segregation by hukou (Meng and Zhang 2001, J. Comparative "
               "Economics 29(3); Wu and Zhang, HKUST IEMS brief 6), which an urban hukou "
               "opens; estimates of the gap left after productivity range from none to "
               "about 15%",
        plausible=(0.0, 0.15))
    migration_elasticity: float = parameter(
        1.5, bounds=(0.0, 10.0), unit="elasticity of the migrant households the province "
        "holds in the long run to the income a migrant expects there relative to home",
        source="Tombe and Zhu (2019, AER 109(5)) set the dispersion of Chinese workers' "
               "location preferences, the elasticity of migration to real income, at 1.5 "
               "(recalled, not read in the paper); declared range 1-3 (Bryan and Morten, "
               "about 3 for Indonesia, recalled)",
        plausible=(1.0, 3.0))
    migration_speed: float = parameter(
        0.05, bounds=(0.0, 1.0), unit="share of the gap between the migrant households "
        "the province would hold and those present that moves in a quarter",
        source="declared plausible: moving between provinces is costly (Tombe and Zhu "
               "2019: migration costs in China remain high) and migrants follow jobs "
               "with a lag of a year or more; 0.05 a quarter closes about a fifth of the "
               "gap in a year; declared range 0.025-0.1",
        plausible=(0.025, 0.1))
    migrant_arrival_savings: float = parameter(
        1.0, bounds=(0.0, 20.0), unit="quarters of the wage it expects that an arriving "
        "migrant household brings from home as deposits",
        source="hand-set: enough to live until the first wage; declared range 0.5-2",
        plausible=(0.5, 2.0))
    rural_coverage: float = parameter(
        0.6, bounds=SHARE, unit="share of rural households in social insurance",
        source="hand-set",
        plausible=(0.4, 0.9))
    ownership_weight: ByKind = parameter(
        ByKind(urban=1.0, rural=0.5, migrant=0.3), bounds=(0.0, 100.0),
        unit="relative weight of a kind in owning firms and the bank (times squared earnings)",
        source="hand-set: ownership is concentrated among high earners, mostly locals",
        plausible_factor=(0.5, 2.0))

    # The consumption budget: buffer-stock saving (Carroll 1997)
    pension_wealth_weight: float = parameter(
        0.5, bounds=SHARE, unit="share of its pension contributions a covered household "
        "counts as income (the pension wealth they buy)",
        source="declared uncertain: expected pensions displace private saving in China "
               "(Feng, He and Sato 2011, J. Comparative Economics 39(4): lower expected "
               "pensions after the 1997 reform raised urban saving; Chamon, Liu and "
               "Prasad 2013), but a pension decades away does not buffer today's risks",
        plausible=(0.0, 1.0))
    permanent_income_weight: float = parameter(
        0.25, bounds=SHARE, unit="weight of this quarter's income in permanent income",
        source="hand-set (adaptive expectations: a mean lag of three quarters)",
        plausible=(0.1, 0.5))
    mpc_permanent: ByKind = parameter(
        ByKind(urban=0.86, rural=0.88, migrant=0.75), bounds=SHARE,
        unit="consumption out of permanent income at the province's mean income per person",
        source="start of the fit to 2016 consumption, near its last value (the propensity "
               "at the mean since relative income scales it: the urban one, 0.78 as an "
               "average propensity, rose to 0.86 at the mean); fitted",
        plausible_factor=(0.8, 1.1))
    relative_income_elasticity: float = parameter(
        0.1, bounds=(0.0, 1.0), unit="elasticity of the propensity to consume to permanent "
        "income per person relative to the province's",
        source="declared uncertain (Duesenberry 1949 relative income; Dynan, Skinner and "
               "Zeldes 2004, J. Political Economy 112(2): saving rates rise with lifetime "
               "income); fitted to the gap between the consumption rates of the poorest "
               "and richest fifths of town households",
        plausible=(0.0, 0.3))
    mpc_floor: float = parameter(
        0.4, bounds=SHARE, unit="lowest propensity to consume out of permanent income",
        source="hand-set: keeps the most patient households' saving below 60% of income",
        plausible=(0.3, 0.5))
    mpc_cash: float = parameter(
        0.05, bounds=SHARE, unit="consumption out of cash-on-hand above the target, per quarter",
        source="hand-set (buffer-stock rules spend a small share of excess wealth a quarter)",
        plausible=(0.02, 0.15))
    target_buffer_quarters: float = parameter(
        4.0, bounds=(0.0, 100.0), unit="target deposits, quarters of permanent income",
        source="hand-set",
        plausible=(2.0, 8.0))
    precautionary_buffer: float = parameter(
        0.5, bounds=(0.0, 10.0), unit="extra target buffer without social insurance, share",
        source="hand-set (precautionary motive, Chamon and Prasad 2010)",
        plausible=(0.2, 1.0))
    precautionary_saving: float = parameter(
        0.16, bounds=SHARE, unit="fall in the propensity to consume without social insurance",
        source="Chen, Lu and Zhong (2015): migrants consume 16-20% less than comparable urban "
               "households; fitted",
        plausible=(0.05, 0.25))
    credit_buffer_offset: float = parameter(
        0.8, bounds=SHARE, unit="share of the credit limit that replaces own buffer at the "
        "reference loan rate (bank.reference_rate; it falls as credit gets dearer, "
        "bank.credit_rate_elasticity)",
        source="hand-set (credit substitutes for precautionary buffers, Ludvigson 1999)",
        plausible=(0.4, 1.0))
    expected_income_growth: float = parameter(
        0.089, bounds=(-0.2, 0.5), kind="data", unit="annual growth of nominal permanent "
        "income households expect (their target buffer grows with it)",
        source="Guangdong's disposable income per person grew 8.9% a year from 2013 (23,421 "
               "yuan) to 2016 (30,296; statistical communiques, the 2013 figure recalled)",
        plausible=(0.06, 0.11))
    buffer_dispersion: float = parameter(
        0.8, bounds=(0.0, 3.0), unit="standard deviation of log patience",
        source="hand-set: households' target buffers differ widely",
        plausible=(0.4, 1.2))
    initial_deposit_dispersion: float = parameter(
        0.5, bounds=(0.0, 3.0), unit="standard deviation of log initial deposits around the "
        "target", source="hand-set",
        plausible=(0.2, 0.8))

    # Durables bought ahead (demand-side subsidies, 七（一）)
    pull_forward_quarters: float = parameter(
        1.33, bounds=(0.1, 8.0), unit="quarters of planned spending in a category that a "
        "household will buy ahead of plan for a coupon or a rebate",
        source="Xing et al. (2023, AEJ: Macroeconomics 15(4)): coupon winners moved up "
               "purchases they would have made four months later; Mian and Sufi (2012, "
               "QJE 127(3)): Cash for Clunkers' extra car sales were reversed within about "
               "seven months",
        plausible=(0.67, 2.33))
    coupon_spending_response: float = parameter(
        4.0, bounds=(0.0, 20.0), unit="extra spending in a coupon's categories and window "
        "per yuan of the coupon redeemed, yuan (the coupon included)",
        source="Xing et al. (2023, AEJ: Macroeconomics 15(4)): winners of small digital "
               "coupons spent about 3 yuan more out of pocket per yuan of coupon in the "
               "week (4 with the coupon); Chen, Li, Mao and Zhou (2025): 3.4 yuan of "
               "spending per yuan, largest among those already above the threshold",
        plausible=(2.5, 5.0))
    durables_timing_elasticity: float = parameter(
        0.4, bounds=(0.0, 5.0), unit="share of the next pull_forward_quarters' planned "
        "spending on targeted products bought now per unit rise of a rebate rate",
        source="Mian and Sufi (2012, QJE 127(3)): a rebate of roughly 15% of a car's price "
               "added about 360,000 sales in July-August 2009, about 6% of US sales over the "
               "next seven months (0.06 / 0.15 = 0.4); declared uncertain",
        plausible=(0.1, 1.0))
    durables_rebate_price_elasticity: float = parameter(
        0.0, bounds=(0.0, 1.0), unit="elasticity of planned purchases of a durable to the "
        "share of its price a rebate leaves the buyer to pay, beyond the timing response",
        source="Mian and Sufi (2012, QJE 127(3)): Cash for Clunkers' extra car purchases "
               "were almost completely reversed within seven months of its end; Hoekstra, "
               "Puller and West (2017, AEJ: Applied Economics): more than half of its "
               "subsidies went to buyers who would have bought anyway and the rest moved "
               "purchases forward "
               "by at most eight months. So a temporary rebate on a durable moves purchases "
               "in time (`durables_timing_elasticity`) and pays for purchases that happen "
               "anyway (a transfer the buyer keeps as cash); the level of planned purchases "
               "does not respond (0). 1 is the Linear Expenditure System's response to a "
               "lasting price cut, every rebated yuan spent on more of the good: the top of "
               "the declared range is kept below it",
        plausible=(0.0, 0.3))

    # Allocation over categories (Linear Expenditure System, Stone 1954)
    subsistence: ByCategory = parameter(
        ByCategory(food=960.0, clothing=110.0, housing=500.0, household=80.0,
                   transport_comm=150.0, education_culture=100.0, healthcare=80.0,
                   other=20.0),
        bounds=(0.0, 1.0e5), unit="yuan per person per quarter at 2016 prices",
        source="hand-set; food fitted",
        plausible_factor=(0.8, 1.2))
    marginal_shares: ByCategory = parameter(
        ByCategory(food=0.27, clothing=0.06, housing=0.20, household=0.07,
                   transport_comm=0.15, education_culture=0.14, healthcare=0.07,
                   other=0.04),
        bounds=SHARE, sums_to_one=True, unit="share of supernumerary spending",
        source="hand-set near the 2016 category shares above subsistence; shares that sum "
               "to one are varied together (a Dirichlet around these), not by a factor")

    # Taste for quality and trust in it
    quality_taste_mean: float = parameter(
        2.0, bounds=(0.0, 50.0), unit="logit weight on quality, median household",
        source="hand-set",
        plausible=(1.0, 4.0))
    quality_taste_dispersion: float = parameter(
        0.4, bounds=(0.0, 3.0), unit="standard deviation of log taste", source="hand-set",
        plausible=(0.2, 0.8))
    quality_taste_income_elasticity: float = parameter(
        0.4, bounds=(0.0, 5.0), unit="elasticity of taste to permanent income per person",
        source="hand-set: richer households value quality more",
        plausible=(0.2, 0.8))
    quality_taste_earnings_correlation: float = parameter(
        0.6, bounds=(-1.0, 1.0), unit="correlation of log taste with log earnings in 2016",
        source="hand-set",
        plausible=(0.3, 0.9))
    trust_initial: float = parameter(
        0.7, bounds=SHARE, unit="trust in declared domestic quality, 2016", source="hand-set",
        plausible=(0.5, 0.9))
    trust_initial_dispersion: float = parameter(
        0.05, bounds=SHARE, unit="standard deviation of initial trust", source="hand-set",
        plausible=(0.0, 0.15))
    trust_recovery: float = parameter(
        0.05, bounds=SHARE, unit="quarterly reversion of trust towards its initial level",
        source="hand-set in a plausible range 0.02-0.15, not measured: half of a lost trust "
               "returns in about three years at 0.05, as Chinese buyers' distrust of domestic "
               "infant formula outlasted the 2008 melamine scandal by years",
        plausible=(0.02, 0.15))
    trust_loss: float = parameter(
        0.4, bounds=SHARE, unit="share of trust lost on an unremedied disappointment",
        source="hand-set in a plausible range 0.2-0.6, not measured",
        plausible=(0.2, 0.6))
    trust_spending_weight: float = parameter(
        0.0, bounds=SHARE, unit="marginal budget share saved per unit of distrust",
        source="0 unless an experiment supports more: buyers who distrust a seller's "
               "declared quality switch sellers, origins and channels (Jin and Leslie 2003, "
               "QJE 118(2), on restaurant hygiene grade cards: revenue moved towards "
               "well-graded restaurants; Chinese buyers of infant formula turned to imports "
               "after the 2008 melamine scandal, recalled), which the supplier choice "
               "already does on trust (sim.economy.processes.choice); saving the withheld "
               "spending as well would count the effect twice. No study we know measures a "
               "saved share; the declared range keeps one possible for the uncertainty "
               "analysis (the propensities were refitted at 0)",
        plausible=(0.0, 0.3))
    disappointment_rate: float = parameter(
        0.5, bounds=SHARE, unit="chance of noticing misdeclared quality in a quarter's "
        "purchases", source="hand-set in a plausible range 0.2-0.8, not measured",
        plausible=(0.2, 0.8))

    # Access, risks and job loss
    coverage_credit_uplift: float = parameter(
        0.5, bounds=SHARE, unit="share of the urban-migrant credit-access gap that coverage "
        "closes", source="hand-set: a social-insurance record is a credit history",
        plausible=(0.2, 0.8))
    online_access: TownKinds = parameter(
        TownKinds(urban=0.85, migrant=0.75), bounds=SHARE,
        unit="share of town households shopping online", source="hand-set",
        plausible_factor=(0.85, 1.1))
    health_shock_rate: float = parameter(
        0.02, bounds=SHARE, unit="quarterly chance of a major health expense",
        source="hand-set; fitted",
        plausible=(0.01, 0.05))
    health_shock_size: float = parameter(
        1.0, bounds=(0.0, 100.0), unit="mean expense, quarters of permanent income",
        source="hand-set",
        plausible=(0.5, 2.0))
    health_shock_dispersion: float = parameter(
        0.8, bounds=(0.0, 3.0), unit="standard deviation of the log expense", source="hand-set",
        plausible=(0.4, 1.2))
    health_insurance_share: float = parameter(
        0.6, bounds=SHARE, unit="share of the expense insurance pays, covered households",
        source="hand-set",
        plausible=(0.4, 0.8))
    separation_rate: ByKind = parameter(
        ByKind(urban=0.02, rural=0.04, migrant=0.06), bounds=SHARE,
        unit="quarterly chance of losing a job",
        source="hand-set: migrants' jobs are the least secure",
        plausible_factor=(0.5, 1.5))
