"""The 2016 moments of data/guangdong_2016_targets.csv, computed from a run's
first simulated year, as the official statistics define them.

Official "urban" (城镇) figures cover everyone living in a town for six months or more,
migrants included, so they are compared with the model's urban and migrant households
together. Yuan figures are per person per year (four quarters summed). The migrant
consumption gap is behavioural (Chen, Lu and Zhong 2015): migrants' consumption below
that of urban households of equal income, from a regression of log consumption per
person on log permanent income per person, region and a migrant indicator. Migrant
workers' monthly earnings are those of the NBS migrant-worker monitoring survey (employed
migrants, earnings per worker). The quintile moments rank households by their year's
disposable income per person, as the NBS household survey's five equal groups (五等份)
do: the top fifth's income per person over the bottom fifth's (all residents), and the
consumption rate of the bottom fifth of town households less that of the top fifth (how
much more of their income the poorer spend, which the buffer rule and the marginal
propensities decide).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sim.config.paths import DATA_DIR
from sim.economy.constants import MIGRANT, URBAN

TARGETS = DATA_DIR / "guangdong_2016_targets.csv"
RELATIVE_UNITS = ("yuan", "million", "persons")  # tolerance relative, else absolute


def load_targets(path: Path = TARGETS) -> pd.DataFrame:
    """The target moments with value, tolerance, status and source."""
    if not path.exists():
        raise FileNotFoundError(f"calibration targets not found: {path}")
    targets = pd.read_csv(path)
    targets["relative"] = targets["unit"].str.contains("|".join(RELATIVE_UNITS))
    return targets


def migrant_monthly_earnings(model) -> float:
    """Earnings of an employed migrant worker per month, yuan, at the end of the first
    year: the wage index times each employed migrant household's skill (earnings per
    earner a quarter) over three months, averaged over earners."""
    h = model.households
    working = (h.kind == MIGRANT) & h.employed
    if not working.any():
        return 0.0
    per_month = model.macro.wage_index * h.skill[working] / 3.0
    return float(np.average(per_month, weights=h.earners[working]))


def migrant_gap(model) -> float:
    """1 - exp(migrant coefficient) in log consumption per person on log income per
    person, region and a migrant indicator, among town households."""
    h = model.households
    town = ((h.kind == URBAN) | (h.kind == MIGRANT)) & (h.spending.sum(axis=1) > 0)
    y = np.log(h.spending[town].sum(axis=1) / h.persons[town])
    x = np.column_stack([np.ones(town.sum()),
                         np.log(np.maximum(h.permanent_income[town], 1.0) / h.persons[town]),
                         h.region[town], h.kind[town] == MIGRANT])
    coef = np.linalg.lstsq(x, y, rcond=None)[0]
    return float(1.0 - np.exp(coef[3]))


def household_survey(ts: pd.DataFrame) -> dict[str, float]:
    """The household-survey figures of one year of a run's time series (`ts`, its four
    quarters): income and consumption per person per year (2016 prices) and Engel
    coefficients, all, urban (the official urban: urban and migrant households) and
    rural, as the NBS household survey defines them."""
    people = {k: ts[f"population_{k}"].mean() for k in ("urban", "rural", "migrant")}
    town = people["urban"] + people["migrant"]

    def yearly(column: str) -> float:
        return float(ts[column].sum())

    def town_yearly(prefix: str) -> float:
        return (yearly(f"{prefix}_urban") * people["urban"]
                + yearly(f"{prefix}_migrant") * people["migrant"]) / town

    cons_town, inc_town = town_yearly("consumption_pc"), town_yearly("income_pc")
    engel_town = ((ts["engel_urban"] * ts["consumption_pc_urban"] * people["urban"]
                   + ts["engel_migrant"] * ts["consumption_pc_migrant"] * people["migrant"])
                  .sum() / (cons_town * town))
    return {
        "disposable_income_pc_all": yearly("income_pc"),
        "disposable_income_pc_urban": inc_town,
        "disposable_income_pc_rural": yearly("income_pc_rural"),
        "consumption_pc_all": yearly("consumption_pc"),
        "consumption_pc_urban": cons_town,
        "consumption_pc_rural": yearly("consumption_pc_rural"),
        "engel_all": float(ts["engel"].mean()),
        "engel_urban": float(engel_town),
        "engel_rural": float(ts["engel_rural"].mean()),
    }


@dataclass
class HouseholdYear:
    """Each household's year, four quarters summed: disposable income and consumption
    spending, yuan a year."""

    income: np.ndarray
    consumption: np.ndarray


def run_first_year(model) -> dict[str, float]:
    """Step a new model through its first four quarters (2016) and return its target
    moments, each household's income and spending summed over the year as the survey
    records them (by household key: migrants come and go; a household's year is what it
    had in the province, those who left are not surveyed at the year's end)."""
    income, consumption = pd.Series(dtype=float), pd.Series(dtype=float)
    for _ in range(4):
        model.step()
        h = model.households
        income = income.add(pd.Series(h.income, index=h.key), fill_value=0.0)
        consumption = consumption.add(pd.Series(h.spending.sum(axis=1), index=h.key),
                                      fill_value=0.0)
    keys = model.households.key
    return first_year(model, HouseholdYear(income.reindex(keys).to_numpy(),
                                           consumption.reindex(keys).to_numpy()))


def quintile_means(income_pc: np.ndarray, persons: np.ndarray,
                   *values: np.ndarray) -> list[np.ndarray]:
    """Per-person means of `income_pc` and each of `values` (household totals) within the
    five groups of equal population ranked by income per person (the NBS 五等份: a fifth
    of the people each, households weighted by their members; a household belongs to
    the fifth its middle member falls in). Returns one array of five
    means per input, bottom fifth first."""
    order = np.argsort(income_pc, kind="stable")
    middle = (np.cumsum(persons[order]) - 0.5 * persons[order]) / persons.sum()
    group = np.minimum((middle * 5.0).astype(int), 4)  # the fifth its middle member is in
    out = []
    for v in (income_pc * persons, *values):
        totals = np.bincount(group, weights=v[order], minlength=5)
        out.append(totals / np.bincount(group, weights=persons[order], minlength=5))
    return out


def quintile_moments(model, year: HouseholdYear) -> dict[str, float]:
    """The top fifth's income per person over the bottom fifth's (all households), and
    the bottom fifth's consumption rate less the top fifth's among town households
    (urban and migrant, the official urban)."""
    h = model.households
    persons = h.persons.astype(float)
    income_pc = year.income / persons
    income = quintile_means(income_pc, persons)[0]
    town = (h.kind == URBAN) | (h.kind == MIGRANT)
    town_income, town_consumption = quintile_means(income_pc[town], persons[town],
                                                   year.consumption[town])
    rate = town_consumption / town_income
    return {"income_quintile_ratio": float(income[4] / income[0]),
            "consumption_rate_gap_quintiles_urban": float(rate[0] - rate[4])}


def first_year(model, year: HouseholdYear) -> dict[str, float]:
    """The target moments of the model's first four quarters (`year`: each household's
    income and spending over them; run_first_year steps the model and collects it)."""
    ts = model.timeseries().iloc[:4]
    people = {k: ts[f"population_{k}"].mean() for k in ("urban", "rural", "migrant")}
    town = people["urban"] + people["migrant"]
    survey = household_survey(ts)
    inc_town, inc_rural = survey["disposable_income_pc_urban"], survey["disposable_income_pc_rural"]
    shares = {f"share_{c}": float(ts[f"share_{c}"].mean())
              for c in ("clothing", "housing", "household", "transport_comm",
                        "education_culture", "healthcare", "other")}
    return {
        "population_total": sum(people.values()) / 1e6,
        "urbanisation_rate": town / sum(people.values()),
        "household_size": float(model.households.persons.mean()),
        **survey,
        "consumption_rate_all": survey["consumption_pc_all"] / survey["disposable_income_pc_all"],
        "consumption_rate_urban": survey["consumption_pc_urban"] / inc_town,
        "consumption_rate_rural": survey["consumption_pc_rural"] / inc_rural,
        "urban_rural_income_ratio": inc_town / inc_rural,
        "migrant_consumption_gap": migrant_gap(model),
        "migrant_monthly_earnings": migrant_monthly_earnings(model),
        **shares,
        "online_share": float(ts["online_share"].mean()),
        "outbound_share_premium": float(ts["outbound_share_premium"].mean()),
        "credit_access_all": float(ts["credit_access_share"].mean()),
        "credit_default_rate_annual": float(ts["default_rate"].sum()),
        **quintile_moments(model, year),
    }


def tolerance_scale(targets: pd.DataFrame) -> np.ndarray:
    """Each target's tolerance in its own units: relative tolerances times the value,
    absolute ones as they are."""
    return np.where(targets["relative"], targets["tolerance"] * targets["value"].abs(),
                    targets["tolerance"]).astype(float)


def compare(targets: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """Targets beside model values over seeds (`values`: one row per seed, a column per
    moment): mean, spread, distance in tolerances and pass/fail."""
    out = targets.copy()
    out["model"] = [values[m].mean() for m in out["moment"]]
    out["model_sd"] = [values[m].std(ddof=1) if len(values) > 1 else 0.0 for m in out["moment"]]
    out["distance"] = (out["model"] - out["value"]) / tolerance_scale(out)  # in tolerances
    out["pass"] = out["distance"].abs() <= 1.0
    return out
