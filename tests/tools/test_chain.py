"""The chain's decomposition of welfare gains (sim.tools.chain)."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.tools import chain


def _years(rows: dict[tuple[str, int], dict[str, float]]) -> pd.DataFrame:
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index = pd.MultiIndex.from_tuples(table.index, names=["scenario", "seed"])
    return table


def _run(welfare: float, consumption: float, cpi: float, rd: float = 100.0,
         productivity: float = 1.0) -> dict[str, float]:
    return {"welfare_gain_pc": welfare, "consumption_pc": consumption, "cpi": cpi,
            "rd_spending": rd, "avg_quality": 0.3, "productivity": productivity}


def test_the_parts_add_up_to_the_welfare_gain_seed_by_seed() -> None:
    """Hand-checked: the scenario spends 1,100 yuan at prices 1.1 (real 1,000) against
    the baseline's 1,000 at 1.0; with the response to research off, its welfare rises
    by 150. Demand: 1,100 / 1.0 - 1,000 = +100; prices: 1,100 (1/1.1 - 1) = -100;
    quality and variety: 150 - 0 = +150; with the response on, the gain is 190, so 40
    came through productivity growth."""
    full = _years({("baseline", 0): _run(500.0, 1000.0, 1.0),
                   ("s", 0): _run(690.0, 1000.0, 1.1, rd=120.0, productivity=1.01)})
    fixed = _years({("baseline", 0): _run(500.0, 1000.0, 1.0),
                    ("s", 0): _run(650.0, 1000.0, 1.1)})
    each = chain.parts(full, fixed, "s").iloc[0]
    assert each["demand"] == pytest.approx(100.0)
    assert each["prices"] == pytest.approx(-100.0)
    assert each["quality_variety"] == pytest.approx(150.0)
    assert each["productivity_growth"] == pytest.approx(40.0)
    assert sum(each[p] for p in chain.CHANNELS) == pytest.approx(each["welfare_gain"])
    assert each["research"] == pytest.approx(20.0)
    assert each["productivity"] == pytest.approx(1.0)


def test_a_scenario_not_in_the_catalogue_is_refused_naming_it(capsys) -> None:
    with pytest.raises(SystemExit):
        chain.main(["--scenarios", "no_such_plan"])
    assert "--scenarios no_such_plan" in capsys.readouterr().err


@pytest.mark.slow
def test_a_small_chain_runs_both_sweeps_and_writes_its_tables(tmp_path) -> None:
    """End to end at a tiny scale: both sets of runs, the table with every part for the
    scenario, and parts that add up to the gain."""
    assert chain.main(["--seeds", "2", "--households", "1500", "--year", "2016",
                       "--scenarios", "cash_transfer", "--jobs", "1",
                       "--out", str(tmp_path)]) == 0
    data = pd.read_csv(tmp_path / "chain.csv").set_index("part")
    assert set(chain.PARTS) <= set(data.index)
    assert sum(data.loc[p, "mean"] for p in chain.CHANNELS) == pytest.approx(
        data.loc["welfare_gain", "mean"], rel=1e-9, abs=1e-6)
    assert "cash_transfer" in (tmp_path / "chain.md").read_text()
