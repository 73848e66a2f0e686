"""The purposes a payment may have: the rows of the transaction-flow matrix (Godley and
Lavoie 2007, ch. 2), each declared once with who pays whom and what the flow counts as.

The ledger (sim.economy.ledger) refuses a payment whose purpose is not declared here or
whose sides are not the declared sectors; outcomes read the flags: GDP sums the flows
that buy final goods and services (`final_demand`), households' disposable income the
flows marked `income`, the levers' outlays the government flows marked
`lever_spending`, and the fiscal cost every flow the government pays or receives except
interest on its debt (`debt_service`): the primary deficit, with the receipts that
accrue a liability of the same value (`accrues_liability`: pension contributions) counted
as no revenue.

`instrument` says which stocks a flow moves: `deposits` (money changes hands), `loan`
(the bank lends: the borrower's deposits and debt rise, so do the bank's loans and
deposit liabilities: money is created), `repayment` (the reverse: money is destroyed)
and `write_off` (the bank cancels debt: a capital transfer to the borrower).
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.economy.constants import SECTORS

TABLES = ("households", "firms")  # sectors whose balances are agent tables
INSTRUMENTS = ("deposits", "loan", "repayment", "write_off")


@dataclass(frozen=True)
class Purpose:
    """What a payment is for.

    Attributes:
        name: the purpose, as the ledger records it.
        payer, payee: the sectors (SECTORS) that pay and receive.
        instrument: deposits, loan, repayment or write_off (see the module docstring).
        income: counts in households' disposable income (received: plus; paid: minus).
        final_demand: buys final goods and services (counts in GDP).
        lever_spending: government spending that a lever sets (counts in lever_spending).
        debt_service: interest on the government's debt (left out of the primary
            deficit, fiscal_cost: it follows from how deficits are financed).
        accrues_liability: a receipt that the government owes back later (pension
            contributions buy pensions of the same present value): the net fiscal cost
            counts it as no revenue.
        meaning: one line for tables and the model documentation.
    """

    name: str
    payer: str
    payee: str
    meaning: str
    instrument: str = "deposits"
    income: bool = False
    final_demand: bool = False
    lever_spending: bool = False
    debt_service: bool = False
    accrues_liability: bool = False


def _declare(*purposes: Purpose) -> dict[str, Purpose]:
    out = {}
    for p in purposes:
        if p.payer not in SECTORS or p.payee not in SECTORS or p.instrument not in INSTRUMENTS:
            raise ValueError(f"purpose {p.name!r}: unknown sector or instrument")
        out[p.name] = p
    return out


PURPOSES: dict[str, Purpose] = _declare(
    # Labour and incomes
    Purpose("wages", "firms", "households", "wages of employed workers", income=True),
    Purpose("unemployment_benefits", "government", "households",
            "unemployment insurance of covered workers out of work", income=True),
    Purpose("transfers", "government", "households", "pensions and social assistance (dibao)",
            income=True),
    Purpose("deposit_interest", "bank", "households", "interest on deposits", income=True),
    Purpose("income_tax", "households", "government", "personal income tax", income=True),
    Purpose("social_contributions", "households", "government",
            "employee health and unemployment insurance contributions", income=True),
    Purpose("pension_contributions", "households", "government",
            "employee pension contributions: revenue now, a pension owed later", income=True,
            accrues_liability=True),
    Purpose("dividends", "firms", "households", "firms' dividends, net of dividend tax",
            income=True),
    Purpose("dividend_tax", "firms", "government", "tax on dividends"),
    Purpose("bank_dividends", "bank", "households", "the bank's profits paid out",
            income=True),
    # Consumer credit (五（五）)
    Purpose("consumer_loans", "bank", "households",
            "new consumer loans and instalment credit", instrument="loan"),
    Purpose("loan_repayment", "households", "bank", "amortisation of consumer debt",
            instrument="repayment"),
    Purpose("loan_interest", "households", "bank", "interest on consumer debt", income=True),
    Purpose("loan_writeoff", "bank", "households", "defaulted consumer debt written off",
            instrument="write_off"),
    # The goods market
    Purpose("consumption", "households", "firms",
            "household purchases from domestic firms, delivery and retail margins included",
            final_demand=True),
    Purpose("consumption_abroad", "households", "rest_of_world",
            "goods and travel bought abroad, and the world price of imports"),
    Purpose("import_duties", "households", "government",
            "tariffs and taxes on imported premium goods", final_demand=True),
    Purpose("exports", "rest_of_world", "firms", "the rest of the world's purchases",
            final_demand=True),
    Purpose("purchases_from_provinces", "households", "rest_of_china",
            "goods made in the other provinces, bought in Guangdong at national prices "
            "(the domestic inflow, 国内省外流入)"),
    Purpose("central_taxes", "government", "rest_of_china",
            "the centre's share of the taxes collected in Guangdong (tax sharing, 分税制: "
            "VAT 50%, enterprise and personal income tax 60%, customs 100%)"),
    Purpose("central_transfers", "rest_of_china", "government",
            "the centre's tax rebates and transfers to Guangdong (税收返还和转移支付), an "
            "input growing with the nation's nominal GDP"),
    Purpose("migrant_arrivals", "rest_of_china", "households",
            "the savings migrant households bring from home when they come for jobs"),
    Purpose("migrant_departures", "households", "rest_of_china",
            "the deposits migrant households take home when they leave"),
    Purpose("sales_to_provinces", "rest_of_china", "firms",
            "the other provinces' purchases from Guangdong's firms (the domestic outflow, "
            "国内省外流出)", final_demand=True),
    Purpose("public_services", "government", "firms",
            "public purchases of education and health services", final_demand=True,
            lever_spending=True),
    Purpose("health_insurance", "government", "firms",
            "the health insurance's part of covered households' emergency care, paid to "
            "the providers", final_demand=True, lever_spending=True),
    Purpose("consumer_subsidy", "government", "households",
            "redeemed coupons and rebates on targeted products (七（一）)",
            lever_spending=True),
    Purpose("rent_allowance", "government", "households",
            "public rental housing for non-hukou residents, paid as a share of their rent "
            "(公租房货币化, 三（四）)", lever_spending=True),
    Purpose("cash_transfer", "government", "households",
            "the demand-side subsidy paid as cash, equal per resident (七（一）)", income=True,
            lever_spending=True),
    Purpose("producer_subsidy", "government", "firms",
            "subsidies to the makers of targeted products (七（一）)", lever_spending=True),
    # Quality (四（二）-（四）)
    Purpose("remedies", "firms", "households",
            "refunds of disappointing purchases (consumer protection)", income=True),
    Purpose("fines", "firms", "government", "fines on firms caught misdeclaring quality"),
    # Firms
    Purpose("production_tax", "firms", "government", "VAT and enterprise income tax"),
    Purpose("fixed_investment", "firms", "capital_goods",
            "capital goods bought for capacity (equipment and fit-out)", final_demand=True),
    Purpose("upgrade_investment", "firms", "capital_goods",
            "quality upgrades: retooling bought from the capital-goods sector",
            final_demand=True),
    Purpose("entrant_equity", "firms", "firms",
            "owners' capital of entrants, out of the retained profits of their trade's "
            "firms"),
    Purpose("entry_cost", "firms", "capital_goods",
            "entrants' set-up: premises fit-out and equipment (三（一）)", final_demand=True),
    Purpose("firm_loan_interest", "firms", "bank",
            "interest on firms' overdrafts at the firm loan rate (Caiani et al. 2016)"),
    Purpose("research_subsidy", "government", "firms",
            "the supply-side subsidy's share of targeted firms' researchers' wages (七（一）)",
            lever_spending=True),
    Purpose("liquidation", "firms", "households", "cash of exiting firms paid to owners"),
    Purpose("firm_debt_writeoff", "bank", "firms", "overdrafts of exiting firms written off"),
    # The capital-goods sector (it keeps no cash beyond the prepaid dwellings it has still
    # to build: what it earns on delivery is paid out each quarter)
    Purpose("capital_goods_wages", "capital_goods", "households",
            "wages of the capital-goods sector's workers", income=True),
    Purpose("capital_goods_tax", "capital_goods", "government",
            "VAT and enterprise income tax of the capital-goods sector"),
    Purpose("capital_goods_dividends", "capital_goods", "households",
            "the capital-goods sector's profit, net of dividend tax", income=True),
    Purpose("capital_goods_dividend_tax", "capital_goods", "government",
            "tax on the capital-goods sector's dividends"),
    Purpose("housing_investment", "households", "capital_goods",
            "dwellings bought off plan with the saving the liquid buffer does not need, "
            "built by the capital-goods (construction) sector the next quarter",
            final_demand=True),
    # Government
    Purpose("rural_infrastructure", "government", "capital_goods",
            "rural logistics investment (五（二）), built by the capital-goods sector",
            final_demand=True, lever_spending=True),
    Purpose("service_facilities", "government", "capital_goods",
            "investment in education, health and care facilities (七（二）), built by the "
            "capital-goods sector", final_demand=True, lever_spending=True),
    Purpose("public_works", "government", "capital_goods",
            "public works above the 2016 path (七（二）), built by the capital-goods sector "
            "and adding to no stock the model holds", final_demand=True,
            lever_spending=True),
    Purpose("inspections", "government", "firms",
            "quality inspections (四（二）), bought from testing firms of the 'other' category",
            final_demand=True, lever_spending=True),
    Purpose("government_interest", "government", "bank", "interest on government debt",
            debt_service=True),
)
