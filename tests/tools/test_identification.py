"""What the calibration identifies (sim.tools.identification): moment roles, standard
errors by the SMM sandwich, and the parameters the data cannot pin down."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.tools import identification, moments


def test_inputs_and_identities_are_checks_not_targets() -> None:
    """Population, urbanisation, household size and credit access are set by the
    structure or a lever; the derived rows follow from other rows. Neither is counted
    as an observed target."""
    targets = moments.load_targets()
    role = identification.roles(targets).set_axis(targets["moment"])
    assert set(role) <= set(identification.ROLES)
    assert (role[list(identification.INPUTS)] == "input").all()
    derived = targets.loc[targets["status"] == "derived", "moment"]
    assert (role[derived[~derived.isin(identification.INPUTS)]] == "identity").all()
    assert (role[list(identification.IDENTITIES)] == "identity").all()
    assert role["urban_rural_income_ratio"] == "identity"  # urban over rural income
    assert role["disposable_income_pc_all"] == "observed"
    assert role["online_share"] == "proxy"


def test_standard_errors_of_a_hand_checked_linear_case() -> None:
    """One parameter moving two moments (each with a standard error of one) by 1 and 2
    per unit: the estimate's variance is 1 / (1 + 4)."""
    cov = identification.sandwich(np.array([[1.0], [2.0]]), np.array([1.0, 1.0]))
    assert cov[0, 0] == pytest.approx(0.2)
    # Weighting the second moment by a quarter, as a proxy: (G'WG)^-1 G'W W G (G'WG)^-1
    # = (1 + 4 / 16) / (1 + 1)^2 = 0.3125.
    cov = identification.sandwich(np.array([[1.0], [2.0]]), np.array([1.0, 0.25]))
    assert cov[0, 0] == pytest.approx(0.3125)


def test_parameters_that_move_the_moments_alike_are_weakly_identified() -> None:
    """Two parameters that move three moments almost in proportion cannot be told apart
    (correlation near one); a third that moves its own moment is pinned down."""
    jacobian = np.array([[1.0, 1.0, 0.0], [2.0, 2.02, 0.0], [0.5, 0.49, 0.0],
                         [0.0, 0.0, 10.0]])
    found = identification.identify(["a", "b", "c"], np.array([1.0, 1.0, 1.0]), jacobian,
                                    np.ones(4), None, [(0.0, 2.0)] * 3)
    table = found.table.set_index("parameter")
    assert table.loc["a", "weak"] and table.loc["b", "weak"]
    assert table.loc["a", "correlated_with"] == "b"
    assert not table.loc["c", "weak"]
    assert table.loc["c", "se"] == pytest.approx(0.1)
    assert found.condition > 1e3


def test_a_moment_whose_response_is_simulation_noise_carries_no_information() -> None:
    """Per seed, the income moment moves by exactly one tolerance per unit of the
    parameter; the default rate only by noise: its derivative counts as zero."""
    targets = moments.load_targets()
    fitted = targets["moment"].isin(["disposable_income_pc_all",
                                     "credit_default_rate_annual"]).to_numpy()
    income = targets.set_index("moment").loc["disposable_income_pc_all"]
    tolerance = income["tolerance"] * income["value"]
    calls = iter(range(3))
    # The default rate of each of four seeds at the centre, the step up and the step
    # down: up minus down is +0.004, -0.004, +0.002, -0.002 (no response on average).
    defaults = {0: [0.010, 0.012, 0.008, 0.011], 1: [0.012, 0.010, 0.009, 0.010],
                2: [0.008, 0.014, 0.007, 0.012]}

    def simulate(x: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame({
            "disposable_income_pc_all": income["value"] + x[0] * tolerance + np.arange(4.0),
            "credit_default_rate_annual": defaults[next(calls)]})

    jacobian, noise, errors = identification.jacobian(simulate, np.array([0.0]),
                                                      np.array([0.5]), fitted)
    names = list(targets.loc[fitted, "moment"])
    assert jacobian[names.index("disposable_income_pc_all"), 0] == pytest.approx(1.0)
    assert jacobian[names.index("credit_default_rate_annual"), 0] == 0.0
    assert errors[names.index("credit_default_rate_annual"), 0] > 0.0
    assert noise.shape == (2, 2)


def test_every_fitted_parameter_has_a_plausible_range_around_its_value() -> None:
    from sim.tools.calibrate import PARAMETERS, fitted_values
    for (path, _, _), value in zip(PARAMETERS, fitted_values(), strict=True):
        low, high = identification.plausible_of(path, value)
        assert low < high and low <= value <= high, (path, value, low, high)
