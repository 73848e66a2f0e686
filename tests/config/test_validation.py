"""Bad input fails at once, with a message that names the key, the value and what is
allowed, before any work starts (checked in this process, as load_config and the
command line check it; one case end to end through the command line)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from omegaconf import OmegaConf

from sim.__main__ import preflight
from sim.config import ConfigError, check, load_config
from sim.config.paths import PROJECT_ROOT
from sim.config.scenarios import catalogue, load

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
    (["households=patient"], ["households = 'patient' is not an option", "default"]),
    (["policy.credit.interest_rate=0.05,0.9"], ["policy.credit.interest_rate = 0.9"]),
    (["government.tax_financing=0.6", "government.spending_financing=0.6"],
     ["government.tax_financing = 0.6", "government.spending_financing = 0.6", "at most 1"]),
    (["policy.subsidy.design=voucher"], ["policy.subsidy.design = 'voucher'",
                                         "one of coupon, rebate, cash"]),
    (["policy.subsidy.coupon_threshold=20", "policy.subsidy.coupon_face_value=50"],
     ["policy.subsidy.coupon_threshold = 20", "policy.subsidy.coupon_face_value = 50",
      "at least the face value"]),
    (["scenario=demand_side_subsidy", "policy.subsidy.categories=[green]"],
     ["policy.subsidy.categories includes green", "policy.subsidy.design = coupon",
      "rebate"]),
]


@pytest.mark.parametrize(("args", "fragments"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_bad_input_is_refused_with_a_clear_message(args, fragments) -> None:
    with pytest.raises(ConfigError) as refused:
        check(load_config(["steps=1", "population.households=500", *args]))
    for fragment in fragments:
        assert fragment in str(refused.value), str(refused.value)


@pytest.mark.parametrize(("args", "fragments"), CASES[:6], ids=[" ".join(c[0]) for c in CASES[:6]])
def test_the_command_line_checks_the_same_before_hydra_starts(args, fragments) -> None:
    problem = preflight(args)
    assert problem is not None and all(f in problem for f in fragments), problem


@pytest.mark.parametrize("sweep", [["scenario=glob(*)", "seed=range(0,10)"],
                                   ["scenario=baseline,full_plan", "seed=0,1",
                                    "policy.credit.interest_rate=0.06,0.1"],
                                   ["households.mpc_cash=choice(0.04,0.06)"]])
def test_sweeps_over_valid_values_pass_the_checks(sweep: list[str]) -> None:
    assert preflight(["-m", *sweep]) is None


def test_an_unwritable_results_directory_is_refused_before_any_work() -> None:
    problem = preflight(["hydra.run.dir=/proc/1/not_here/run"])
    assert problem is not None and "is not writable" in problem


def test_end_to_end_a_bad_value_exits_with_code_2_and_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sim", "steps=1", "population.households=500",
         "households.mpc_cash=1.5", f"hydra.run.dir={tmp_path / 'run'}"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "households.mpc_cash = 1.5 is out of bounds: allowed in [0, 1]" in result.stderr
    assert not (tmp_path / "run").exists()


HEAD = "title: {en: T, zh: 题}\nclauses: [五（五）]\nrationale: r\n"


@pytest.mark.parametrize(("body", "fragments"), [
    ("title: {en: T, zh: 题\nclauses: [", ["not valid YAML"]),
    (HEAD + "levers:\n  credit.rate: 0.1\n", ["zz_bad.yaml", "unknown lever 'policy.credit.rate'"]),
    (HEAD + "levers:\n  credit.interest_rate: 2\n",
     ["zz_bad.yaml", "policy.credit.interest_rate = 2", "[0, 0.5]"]),
    ("title: {en: T}\nclauses: [五（五）]\nrationale: r\n", ["zz_bad.yaml", "missing title.zh"]),
    (HEAD + "levers:\n  credit.interest_rate: 0.05\nschedule:\n  credit.interest_rate: "
            "{start: 2017-01}\n", ["start = '2017-01'", "2017Q1"]),
])
def test_a_malformed_scenario_file_is_refused_naming_the_file(body, fragments,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "zz_bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load(path)
    for fragment in fragments:
        assert fragment in str(refused.value), str(refused.value)
    # In a catalogue, the file is listed with its error, which stops a run selecting it.
    assert isinstance(catalogue(tmp_path)["zz_bad"], ConfigError)


def test_a_run_that_selects_an_invalid_scenario_stops_with_its_error() -> None:
    cfg = OmegaConf.create({"scenario": {"name": "zz_bad", "invalid": "zz_bad.yaml: broken"}})
    with pytest.raises(ConfigError, match="zz_bad.yaml: broken"):
        check(cfg)
