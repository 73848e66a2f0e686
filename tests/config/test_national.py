"""The nation's inflation and the People's Bank's benchmark rates are inputs of the
region that a scenario may move from a quarter on (sim.config.national); a bad value is
refused before any work, naming the key, the value and what is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.config.compose import load_config, national
from sim.config.errors import ConfigError
from sim.config.national import check_national
from sim.config.scenarios import load

HEAD = "title: {en: T, zh: 题}\nclauses: [五（五）]\nrationale: r\n"


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_scenario_file_moves_the_benchmark_rates_from_its_start_quarter(
        tmp_path: Path) -> None:
    path = _write(tmp_path, "rate_cut", HEAD + "national:\n  start: 2019Q1\n"
                  "  loan_rate: 0.04\n  deposit_rate: 0.01\n")
    scenario = load(path)
    assert scenario.national == {"start": "2019Q1", "loan_rate": 0.04, "deposit_rate": 0.01}
    assert scenario.node()["national"] == scenario.national
    assert scenario.levers == {}  # (a change of inputs, no lever of the province)


def test_a_scenario_that_includes_another_takes_up_its_national_inputs(tmp_path: Path) -> None:
    _write(tmp_path, "cut", HEAD + "national: {loan_rate: 0.04}\n")
    path = _write(tmp_path, "both", HEAD + "includes: [cut]\nnational: {inflation: 0.03}\n")
    assert load(path).national == {"loan_rate": 0.04, "inflation": 0.03}


@pytest.mark.parametrize(("block", "words"), [
    ("national: {loan_rat: 0.04}", ["national.loan_rat", "loan_rate", "Allowed keys"]),
    ("national: {loan_rate: 2.0}", ["bank.firm_loan_rate", "2.0", "[0, 1]"]),
    ("national: {start: 2019, loan_rate: 0.04}", ["national.start", "2019Q1"]),
    ("national: {inflation: high}", ["national.inflation", "'high'", "number"]),
    ("national: 0.04", ["national must be a mapping"]),
])
def test_a_bad_national_block_is_refused_naming_file_key_value_and_what_is_allowed(
        tmp_path: Path, block: str, words: list[str]) -> None:
    path = _write(tmp_path, "bad", HEAD + block + "\n")
    with pytest.raises(ConfigError) as e:
        load(path)
    assert "bad.yaml" in str(e.value)
    for word in words:
        assert word in str(e.value)


def test_national_inputs_can_be_set_by_override_and_bad_ones_stop_before_any_work() -> None:
    cfg = load_config(["national.start=2018Q1", "national.inflation=0.03"])
    assert national(cfg) == {"start": "2018Q1", "inflation": 0.03}
    assert national(load_config([])) == {}  # (the declared 2016 values throughout)
    with pytest.raises(ConfigError, match="national.deposit_rat is not a national input"):
        load_config(["national.deposit_rat=0.01"])
    with pytest.raises(ConfigError, match="economy.deposit_rate = -0.01 is out of bounds"):
        load_config(["national.deposit_rate=-0.01"])


def test_a_null_value_leaves_the_input_at_its_declared_value() -> None:
    assert check_national({"start": None, "loan_rate": None}, "here") == {}
