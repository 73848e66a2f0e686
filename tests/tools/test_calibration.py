"""The default baseline reproduces Guangdong's 2016 figures (data/)."""

from __future__ import annotations

import pandas as pd
from helpers import build
from omegaconf import OmegaConf

from sim.config.compose import load_config
from sim.tools import moments
from sim.tools.calibrate import OUTPUT, PARAMETERS


def test_the_default_run_uses_the_fitted_parameters() -> None:
    fitted = OmegaConf.load(OUTPUT)
    cfg = load_config()
    for path, _, _ in PARAMETERS:
        assert OmegaConf.select(cfg, path) == OmegaConf.select(fitted, path), path
    assert "calibration_info" in fitted


def test_the_baseline_meets_every_observed_and_derived_2016_moment() -> None:
    rows = []
    for seed in (0, 1, 2):
        model = build([f"seed={seed}", "population.households=10000"])
        rows.append(moments.run_first_year(model))
    table = moments.compare(moments.load_targets(), pd.DataFrame(rows))
    binding = table[table["status"].isin(["observed", "derived"])]
    misses = binding[~binding["pass"]][["moment", "value", "model", "tolerance"]]
    assert misses.empty, misses.to_string()
