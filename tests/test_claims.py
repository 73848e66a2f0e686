"""The rule of a whole-economy claim (tests/claims.py), hand-checked: the 95% t-interval
of paired differences and what meets a claim, the same in the tests and in the sizing
script (tests/size_claims.py)."""

from __future__ import annotations

import numpy as np
import pytest
from claims import Effect, meets
from size_claims import pass_rate


def test_three_differences_of_1_2_3_give_the_interval_2_plus_or_minus_2_48() -> None:
    """Mean 2, sd 1, t(0.975, 2 df) = 4.303: half-width 4.303 / sqrt(3) = 2.484."""
    effect = Effect(np.array([1.0, 2.0, 3.0]), (0, 1, 2), 3)
    assert effect.low == pytest.approx(2.0 - 2.4842, abs=1e-4)
    assert effect.high == pytest.approx(2.0 + 2.4842, abs=1e-4)


@pytest.mark.parametrize(("lower", "upper", "low", "high", "meets_it"), [
    (0.0, None, 0.1, 5.0, True),      # above zero
    (0.0, None, -0.5, 4.5, False),    # an interval that straddles zero claims nothing
    (None, 0.0, -3.0, -0.1, True),    # below zero
    (2.5, 3.2, 2.6, 3.1, True),       # inside a band from a study
    (2.5, 3.2, 2.4, 3.1, False),      # reaching out of it
])
def test_a_claim_is_met_when_the_whole_interval_lies_on_its_side(lower, upper, low, high,
                                                                 meets_it) -> None:
    assert bool(meets(lower, upper, low, high)) is meets_it


def test_the_sizing_counts_the_blocks_whose_interval_meets_the_claim() -> None:
    """Two blocks of three seeds: (1, 2, 3) straddles zero, (10, 11, 12) lies above it."""
    blocks = np.array([[1.0, 2.0, 3.0], [10.0, 11.0, 12.0]])
    assert pass_rate(0.0, None, blocks) == 0.5
    assert pass_rate(None, 0.0, blocks) == 0.0


def test_a_claim_no_block_of_seeds_bears_out_fails_naming_its_measured_spread(
        monkeypatch) -> None:
    """A claim sized "not measurable" fails with the spread it was measured at (the
    sizing file holds text: the message reads numbers from it)."""
    import claims

    row = {"verdict": "not measurable", "seeds_needed": "", "measured_seeds": "30",
           "mean": "-0.114562", "sd": "0.288156"}
    monkeypatch.setattr(claims, "_sizing", lambda: {("?", 1): row})
    monkeypatch.setattr(claims, "MEASURE_FILE", "")
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    claims._claims_in_test.clear()
    effect = claims.Effect(np.array([0.1, -0.2, 0.3]), (0, 1, 2), 3)
    with pytest.raises(AssertionError, match=r"mean -0\.1146, sd 0\.2882\) needs more than 30"):
        effect.within(-0.3, 0.3)
