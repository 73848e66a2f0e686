"""The output contract of a run, and its checker: `python -m sim.sweep.contract RUN_DIR`.

Every run directory holds timeseries.parquet (one row per quarter, every contract column
below, all finite, the ledger residual below a millionth of GDP), summary.json,
households.parquet and firms.parquet. The columns are a promise to users' scripts,
written out here once so that the registry (sim.economy.outcomes, whose `contract`
outcomes must include them) cannot drop one silently. Exits 0 and prints 'contract
holds', else 1 and the problems.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

CATEGORIES = ("food", "clothing", "housing", "household", "transport_comm",
              "education_culture", "healthcare", "other")
KINDS = ("urban", "rural", "migrant")
COLUMNS: tuple[str, ...] = (
    "step", "quarter",
    *(f"population_{k}" for k in KINDS),
    "consumption_pc", *(f"consumption_pc_{k}" for k in KINDS),
    "income_pc", *(f"income_pc_{k}" for k in KINDS),
    "consumption_rate", "engel", *(f"engel_{k}" for k in KINDS),
    *(f"share_{c}" for c in CATEGORIES),
    "upgrade_share", "quality_share", "avg_quality", "urban_rural_ratio",
    "migrant_urban_ratio", "online_share", "outbound_share", "debt_to_income",
    "default_rate", "firms", "firm_entries", "firm_exits", "high_quality_firm_share",
    "employment_rate", "gdp", "fiscal_cost", "gov_debt", "ledger_residual",
)
FILES = ("timeseries.parquet", "summary.json", "households.parquet",
         "firms.parquet")


def problems(run_dir: Path) -> list[str]:
    """What breaks the contract in `run_dir` (empty if it holds)."""
    out = [f"missing file {name}" for name in FILES if not (run_dir / name).exists()]
    if (run_dir / "timeseries.parquet").exists():
        ts = pd.read_parquet(run_dir / "timeseries.parquet")
        missing = [c for c in COLUMNS if c not in ts.columns]
        if missing:
            out.append(f"missing columns: {', '.join(missing)}")
        numeric = [c for c in COLUMNS if c in ts.columns and c != "quarter"]
        bad = [c for c in numeric if not np.isfinite(ts[c].astype(float)).all()]
        if bad:
            out.append(f"non-finite values in: {', '.join(bad)}")
        if {"ledger_residual", "gdp"} <= set(ts.columns):
            worst = float((ts["ledger_residual"].abs() / ts["gdp"].abs()).max())
            if not worst <= 1e-6:
                out.append(f"ledger residual reaches {worst:.2e} of GDP")
        if "step" in ts.columns and list(ts["step"]) != list(range(len(ts))):
            out.append("steps are not one row per quarter from 0")
        if "quarter" in ts.columns and len(ts) and not str(ts["quarter"].iloc[0]).startswith("20"):
            out.append("quarter should read like 2016Q1")
    if (run_dir / "summary.json").exists():
        try:
            json.loads((run_dir / "summary.json").read_text())
        except ValueError as e:
            out.append(f"summary.json is not JSON: {e}")
    return out


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m sim.sweep.contract",
        description="Check a run's outputs against the output contract (files, columns, "
                    "finite values, the ledger residual); exit 1 with the problems.")
    parser.add_argument("run_dir", type=Path, help="a run's folder (one of a sweep's "
                                                   "folders, or results/runs/...)")
    found = problems(parser.parse_args(argv).run_dir)
    print("\n".join(found) if found else "contract holds")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
