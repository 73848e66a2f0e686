"""Quality risk, remedies, enforcement and trust (sim.economy.processes.quality)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms, households, params, rng

from sim.economy.constants import OFFLINE
from sim.economy.goods_market import N_BUYER_ROWS, Clearing, Options
from sim.economy.processes import quality


def test_firms_misdeclare_when_the_gain_beats_the_expected_fine_and_their_honesty() -> None:
    """Gain 3% of revenue; fine 20% of revenue caught with probability e: firms with an
    honesty cost below 0.03 - 0.2 e overstate their quality by the gap."""
    fp = params().firms
    f = firms(3, honesty=[0.0, 0.02, 0.05], quality=0.3)
    declared = quality.declarations(f=f, enforcement=0.05, fp=fp, t=0)  # threshold 0.02
    np.testing.assert_allclose(declared, [0.3 + fp.misdeclaration_gap, 0.3, 0.3])
    strict = quality.declarations(f=f, enforcement=0.5, fp=fp, t=0)
    np.testing.assert_allclose(strict, 0.3)


def test_a_firm_on_probation_declares_truthfully() -> None:
    f = firms(1, honesty=0.0, probation_until=4)
    assert quality.declarations(f=f, enforcement=0.0, fp=params().firms, t=4)[0] == 0.3
    assert quality.declarations(f=f, enforcement=0.0, fp=params().firms, t=5)[0] > 0.3


def test_a_firm_with_a_larger_gain_needs_stricter_enforcement_to_be_deterred() -> None:
    """Gains 3% and 12% of revenue, no honesty cost: at enforcement 0.5 (expected fine
    10%) only the firm gaining 12% still overstates; at 0.7 (14%) neither does."""
    fp = params().firms
    f = firms(2, honesty=0.0, misdeclaration_gain=[0.03, 0.12], quality=0.3)
    np.testing.assert_allclose(quality.declarations(f=f, enforcement=0.5, fp=fp, t=0),
                               [0.3, 0.3 + fp.misdeclaration_gap])
    np.testing.assert_allclose(quality.declarations(f=f, enforcement=0.7, fp=fp, t=0), 0.3)


def test_more_enforcement_deters_more_firms_at_every_step_between_0_and_1() -> None:
    """With gains lognormal across the 2016 firms (firms.misdeclaration_gain_dispersion),
    each tenth of enforcement deters more firms; with equal gains (dispersion 0), no firm
    misdeclares beyond 0.15 (the all-or-nothing deterrence it replaces)."""
    from sim.economy import population
    p = params()
    f = population.build_firms(p, 20000, rng(3))
    steps = np.linspace(0.0, 1.0, 11)
    tempted = [float((quality.declarations(f=f, enforcement=e, fp=p.firms, t=0) > f.quality).mean())
               for e in steps]
    assert all(a > b > 0.0 for a, b in zip(tempted, tempted[1:], strict=False))
    f.misdeclaration_gain[:] = p.firms.misdeclaration_gain
    equal = [float((quality.declarations(f=f, enforcement=e, fp=p.firms, t=0) > f.quality).mean())
             for e in steps]
    assert equal[2] == 0.0 and equal[1] > 0.0


def _market(declared: float, spent: float = 100.0) -> Clearing:
    """One household segment buying from one firm whose declared quality is `declared`
    (true quality 0.3)."""
    opt = Options(category=np.zeros(1, np.intp), firm=np.zeros(1, np.intp),
                  channel=np.full(1, OFFLINE), quality=np.full(1, 0.3),
                  declared=np.full(1, declared), price=np.ones(1), region=np.zeros(1),
                  targeted=np.zeros(1, bool))
    rows = np.zeros((N_BUYER_ROWS, 1))
    rows[0] = spent
    return Clearing(opt, np.zeros(2, np.intp), np.ones(N_BUYER_ROWS), np.ones((N_BUYER_ROWS, 8)),
                    np.zeros((N_BUYER_ROWS, 8)), np.ones_like(rows), np.zeros_like(rows),
                    np.zeros_like(rows), rows, np.ones((N_BUYER_ROWS, 8)))


def _risk(declared, enforcement=0.0, protection=0.0, **hp):
    f = firms(1, quality=0.3, declared=declared, revenue=1000.0)
    h = households(2, spending=[50.0, 0, 0, 0, 0, 0, 0, 0], trust=0.7)
    risk = quality.risk_and_enforcement(
        h=h, f=f, clearing=_market(declared),
        scrutiny=quality.Scrutiny(enforcement=enforcement, protection=protection,
                                  notice=rng(), inspect_draw=np.array([0.5])),
        p=params(households={"disappointment_rate": 1.0, "trust_recovery": 0.0, **hp}),
        scale=1.0)
    return risk, h.trust


def test_buyers_of_a_misdeclared_product_lose_trust_unless_remedied() -> None:
    """Every buyer of a fully misdeclared product notices (rate 1): trust in the category
    falls by `trust_loss`; with consumer protection the remedied share is refunded and
    not lost."""
    hp = params().households
    risk, trust = _risk(declared=0.45)
    np.testing.assert_allclose(trust[:, 0], 0.7 * (1 - hp.trust_loss))
    np.testing.assert_allclose(trust[:, 1:], 0.7)  # no purchase, no disappointment
    assert risk.refund.sum() == 0.0
    protected, trust = _risk(declared=0.45, protection=0.5)
    np.testing.assert_allclose(trust[:, 0], 0.7 * (1 - 0.5 * hp.trust_loss))
    # The remedy: the protected share of the value lost (the gap, 0.15, on 50 yuan).
    np.testing.assert_allclose(protected.refund, 0.5 * 0.15 * 50.0)
    assert protected.charged.sum() == pytest.approx(protected.refund.sum())


def test_an_inspected_misdeclaring_firm_is_caught_and_fined() -> None:
    risk, _ = _risk(declared=0.45, enforcement=1.0)
    assert risk.caught.tolist() == [True]
    assert risk.fines[0] == pytest.approx(params().firms.fine_rate * 1000.0)
    honest, trust = _risk(declared=0.3, enforcement=1.0)
    assert not honest.caught.any() and not honest.fines.any()
    np.testing.assert_allclose(trust, 0.7)
