"""The default baseline reproduces Guangdong's 2016 figures (data/), out of the fit's
sample: at seeds and a scale the calibration never ran (it fits at seeds 0-2 and
identifies at 0-5, 10,000 households)."""

from __future__ import annotations

import pandas as pd
from claims import seed
from helpers import build
from omegaconf import OmegaConf

from sim.config.compose import load_config
from sim.tools import identification, moments
from sim.tools.calibrate import OUTPUT, PARAMETERS

OUT_OF_SAMPLE = ["population.households=12000"]
SEEDS = (seed(200), seed(201), seed(202))


def test_the_default_run_uses_the_fitted_parameters() -> None:
    fitted = OmegaConf.load(OUTPUT)
    cfg = load_config()
    for path, _, _ in PARAMETERS:
        assert OmegaConf.select(cfg, path) == OmegaConf.select(fitted, path), path
    assert "calibration_info" in fitted


def test_the_baseline_meets_every_observed_2016_target_at_seeds_and_a_scale_the_fit_never_saw(
) -> None:
    """The observed targets (read in their official source) are the moments held; proxies
    weigh a quarter in the fit and three of them are missed at the fit (the calibration
    report lists them); identities (rows that follow from others) and inputs (set by the
    structure or a lever's 2016 value) hold by construction and are checks, not
    evidence, so they are not counted here."""
    rows = [moments.run_first_year(build([f"seed={s}", *OUT_OF_SAMPLE])) for s in SEEDS]
    table = moments.compare(moments.load_targets(), pd.DataFrame(rows))
    table["role"] = identification.roles(table)
    observed = table[table["role"] == "observed"]
    assert len(observed) >= 8
    misses = observed[~observed["pass"]][["moment", "value", "model", "tolerance"]]
    assert misses.empty, misses.to_string()
