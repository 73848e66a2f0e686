"""Bad input fails at once, with a message that names the key, the value and what is
allowed, exit code 2 and no Python traceback, before any output is written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sim.config.paths import PROJECT_ROOT
from sim.config.scenarios import SCENARIO_DIR

CASES = [  # (overrides, fragments the message must contain)
    (["policy.credit.interest_rate=0.9"], ["policy.credit.interest_rate = 0.9", "[0, 0.5]"]),
    (["policy.credit.interest_rate=high"], ["policy.credit.interest_rate", "must be a number"]),
    (["policy.credit.access.urban=-0.1"], ["policy.credit.access.urban = -0.1", "[0, 1]"]),
    (["policy.subsidy.categories=[food,cars]"], ["unknown names ['cars']", "green"]),
    (["policy.subsidy.categories=[]"], ["policy.subsidy.categories", "non-empty list"]),
    (["policy.credit.acess.urban=0.5"], ["policy.credit.acess.urban",
                                         "Did you mean: policy.credit.access.urban"]),
    (["policy.migrant.hukou_conversion_rate=1.5"], ["hukou_conversion_rate = 1.5", "[0, 1]"]),
    (["policy.market_access.entry_cost=-5"], ["entry_cost = -5", "[0, 1e+07]"]),
    (["policy.services.capacity=0"], ["policy.services.capacity = 0", "[0.1, 5]"]),
    (["scenario=rural_logistic"], ["'rural_logistic'", "Did you mean: rural_logistics"]),
    (["scenario=nonexistent"], ["'nonexistent' is not a scenario file", "baseline"]),
    (["steps=-4"], ["steps = -4", "[1, 400]"]),
    (["steps=0"], ["steps = 0", "[1, 400]"]),
    (["steps=2.5"], ["steps = 2.5", "whole number"]),
    (["population.households=0"], ["population.households = 0", "[100, 5e+06]"]),
    (["population.households=99999999"], ["population.households = 99999999"]),
    (["population.households=many"], ["population.households = 'many'", "whole number"]),
    (["seed=-1"], ["seed = -1"]),
    (["start=2016-01"], ["start = '2016-01'", "2016Q1"]),
    (["households.mpc_cash=1.5"], ["households.mpc_cash = 1.5", "[0, 1]"]),
    (["households.mpc_cash=abc"], ["households.mpc_cash = 'abc'", "must be a number"]),
    (["households.marginal_shares.food=0.5"], ["households.marginal_shares must sum to 1"]),
    (["population.person_shares.urban=0.5"], ["population.person_shares must sum to 1"]),
    (["world.export_mix.clothing=0.9"], ["world.export_mix must sum to 1"]),
    (["firms.markup_bounds=[0.9,0.1]"], ["firms.markup_bounds", "low <= high"]),
    (["progress=maybe"], ["progress = 'maybe'", "true or false"]),
    (["economy.productivity_growth=nan"], ["economy.productivity_growth", "must be a number"]),
    (["+households.unknown_param=1"], ["unknown config key 'households.unknown_param'"]),
    (["househlds.mpc_cash=0.1"], ["unknown config key 'househlds.mpc_cash'",
                                  "Did you mean: households.mpc_cash"]),
    (["hydra.run.dir=/proc/1/not_here/run"], ["is not writable"]),
]


def run_sim(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    default_dir = [] if any(a.startswith("hydra.run.dir") for a in args) else [
        f"hydra.run.dir={tmp_path / 'run'}"]
    return subprocess.run([sys.executable, "-m", "sim", "steps=1",
                           "population.households=500", *args, *default_dir],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("args", "fragments"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_bad_input_is_refused_with_a_clear_message(args, fragments, tmp_path: Path) -> None:
    result = run_sim(args, tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert not (tmp_path / "run" / "timeseries.parquet").exists()


@pytest.mark.parametrize(("body", "fragments"), [
    ("title: {en: T, zh: 题\nclauses: [", ["not valid YAML"]),
    ("title: {en: T, zh: 题}\nclauses: [五（五）]\nrationale: r\nlevers:\n  credit.rate: 0.1\n",
     ["zz_bad.yaml", "unknown lever 'policy.credit.rate'"]),
    ("title: {en: T, zh: 题}\nclauses: [五（五）]\nrationale: r\nlevers:\n"
     "  credit.interest_rate: 2\n", ["zz_bad.yaml", "policy.credit.interest_rate = 2", "[0, 0.5]"]),
    ("title: {en: T}\nclauses: [五（五）]\nrationale: r\n", ["zz_bad.yaml", "missing title.zh"]),
])
def test_a_malformed_scenario_file_is_refused_naming_the_file(body, fragments,
                                                              tmp_path: Path) -> None:
    path = SCENARIO_DIR / "zz_bad.yaml"
    try:
        path.write_text(body, encoding="utf-8")
        result = run_sim(["scenario=zz_bad"], tmp_path)
    finally:
        path.unlink(missing_ok=True)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
