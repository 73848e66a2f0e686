"""Config group `bank`: the consumer-credit bank's rules (docs/model.md section 4,
credit). The policy side of credit (access, limits, the rate) is in the levers."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter

SHARE = (0.0, 1.0)


@dataclass
class Bank:
    """Consumer credit: amortisation, defaults, instalments and the bank's equity."""

    equity_ratio: float = parameter(
        0.1, bounds=(0.0, 10.0), unit="equity the bank keeps, share of consumer loans in 2016",
        source="hand-set near Chinese banks' capital ratios",
        plausible=(0.08, 0.15))
    firm_loan_rate: float = parameter(
        0.0435, bounds=(0.0, 1.0), kind="data", unit="annual interest rate on firms' "
        "overdrafts", source="PBoC benchmark one-year lending rate from October 2015 "
                             "through 2016 (4.35%)")
    firm_leverage_limit: float = parameter(
        1.5, bounds=(0.0, 100.0), unit="largest overdraft the bank lends a firm, multiple "
        "of the firm's net worth (capital at replacement cost and inventory at unit cost, "
        "less the overdraft)", source="hand-set in a plausible range 1-3: liabilities were "
        "56% of the assets of China's industrial enterprises at the end of 2016 (NBS), a "
        "debt/equity ratio of 1.3; the bank's leverage rule of Caiani et al. (2016)",
        plausible=(1.0, 3.0))
    expected_loss_rate_2016: float = parameter(
        0.012, bounds=SHARE, kind="data", unit="annual loss rate on consumer loans the "
        "bank expects at the start of 2016 (it provisions that share of its loans)",
        source="proxy: credit-card balances over six months overdue, national, 1.37% in "
               "2013Q4, 1.53% in 2014Q4 and about 1.31% in 2016Q4 (PBoC payment system "
               "reports; the calibration data's default-rate row): 1.2% is the low end")
    provision_weight: float = parameter(
        0.25, bounds=SHARE, unit="weight of this quarter's annualised write-offs in the loss "
        "rate the bank expects", source="hand-set in a plausible range 0.1-0.5: the bank "
                                        "learns its borrowers' risk within about a year",
        plausible=(0.1, 0.5))
    amortisation: float = parameter(
        0.125, bounds=SHARE, unit="share of consumer debt repaid per quarter",
        source="hand-set: a two-year loan",
        plausible=(0.06, 0.25))
    exclusion_quarters: int = parameter(
        8, bounds=(0, 400), unit="quarters a defaulter is refused credit",
        source="hand-set (a credit-registry exclusion)",
        plausible=(4, 20))
    initial_debt_share: float = parameter(
        0.3, bounds=SHARE, unit="2016 debt of borrowers, share of their limit (uniform up to "
        "it)", source="hand-set",
        plausible=(0.1, 0.5))
    instalment_share: float = parameter(
        0.3, bounds=SHARE, unit="share of durable purchases paid in instalments at the "
        "reference rate", source="hand-set",
        plausible=(0.15, 0.45))
    reference_rate: float = parameter(
        0.10, bounds=(0.001, 1.0), kind="definition", unit="annual consumer-loan rate at which "
        "instalment_share and households.credit_buffer_offset hold", source="definition: the "
                                                                             "2016 rate")
    credit_rate_elasticity: float = parameter(
        1.3, bounds=(0.0, 10.0), unit="elasticity of credit use to the loan rate: of the "
        "share of durables bought in instalments and of the share of the unused line "
        "households count as their buffer",
        source="set so that the model's consumer debt falls with the loan rate at the "
               "long-run elasticity of about -1.3 that Gross and Souleles (2002, QJE 117:149) "
               "estimate from account-specific rate changes on credit cards (tested: "
               "tests/economy/test_credit.py); plausible range 0.9-1.7 around it",
        plausible=(0.9, 1.7))
