"""The validation report (make validate): the baseline against Guangdong's official
figures for 2017-2019, which are never calibration targets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.tools import validate


def test_validation_figures_come_after_the_calibration_year_with_their_sources() -> None:
    """Data discipline: the calibration fits 2016 figures; every figure the report
    compares with is from a later year, names its source and says how sure it is."""
    data = validate.load_data()
    assert (data["year"] > validate.START).all()
    assert data["source"].str.len().gt(10).all()
    assert set(data["status"]) <= {"observed", "derived", "recalled", "proxy"}


def test_a_figure_from_the_calibration_year_is_refused(tmp_path: Path) -> None:
    row = validate.load_data().iloc[:1].assign(year=2016)
    path = tmp_path / "figures.csv"
    row.to_csv(path, index=False)
    with pytest.raises(ValueError, match="year 2016 .* is not after 2016: figures up to 2016 "
                                         "are calibration data"):
        validate.load_data(path)


def test_the_model_is_put_in_current_prices_with_its_own_price_level() -> None:
    """A household earning 10,000 yuan a year at 2016 prices in a year whose price
    level is 3% above 2016's earns 10,300 current yuan; consumer prices that rise from
    1.00 to 1.03 on average are 3% inflation."""
    def year(level: float) -> pd.DataFrame:
        return pd.DataFrame({"cpi": [level] * 4, "online_share": [0.2] * 4})

    years = [year(1.0), year(1.03)]
    assert validate._in_current_prices(years, 1) == pytest.approx(1.03)
    assert validate.BY_NAME["cpi_inflation"].model(years, 1) == pytest.approx(0.03)
    assert np.isnan(validate.BY_NAME["cpi_inflation"].model(years, 0))


def test_make_validate_writes_the_report_its_chart_and_an_error_table(tmp_path: Path) -> None:
    assert validate.main(["--seeds", "2", "--households", "1500", "--quarters", "16",
                          "--out", str(tmp_path)]) == 0
    report = (tmp_path / "report.md").read_text()
    assert ("These official figures are for validation only: none of them is, or may "
            "become, a calibration target" in report)
    assert (tmp_path / "validation.png").stat().st_size > 10_000
    errors = pd.read_csv(tmp_path / "errors.csv")
    assert len(errors) == len(validate.load_data())
    assert np.isfinite(errors[["model", "low", "high", "error"]].to_numpy()).all()
    paths = pd.read_csv(tmp_path / "model_paths.csv")
    assert sorted(paths["year"].unique()) == [2016, 2017, 2018, 2019]
    assert "## Baseline drift, 2016 to 2019" in report
    drift = pd.read_csv(tmp_path / "drift.csv")
    assert len(drift) == 2 and np.isfinite(drift.drop(columns="seed").to_numpy()).all()


def test_the_drift_compares_the_first_and_last_year_and_measures_employment_swings() -> None:
    """A baseline whose consumption rate climbs from 0.75 to 0.80 and whose employment
    alternates 0.95, 0.96 (steps of one point): the drift reads both."""
    quarters = 8
    ts = pd.DataFrame({
        "consumption_rate": [0.75] * 4 + [0.80] * 4,
        "deposits_pc": [10_000.0] * 4 + [12_000.0] * 4,
        "income_pc": [2_500.0] * quarters,
        "mean_markup": [0.15] * quarters,
        "employment_rate": [0.95, 0.96] * 4})
    d = validate.drift(ts)
    assert d["consumption_rate_first"] == 0.75 and d["consumption_rate_last"] == 0.80
    assert d["deposits_to_income_first"] == 1.0 and d["deposits_to_income_last"] == 1.2
    assert d["employment_qoq_sd_pp"] == pytest.approx(np.std([1, -1] * 3 + [1], ddof=1))
    assert d["last_year"] == 2017


def test_too_few_quarters_for_the_official_figures_are_refused(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        validate.main(["--quarters", "8"])
    assert "--quarters = 8: allowed is a whole number of at least 16" in capsys.readouterr().err


def test_a_bad_argument_is_refused_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        validate.main(["--seeds", "0"])
    assert "--seeds = 0: allowed is a whole number of at least 1" in capsys.readouterr().err
