"""`python -m sim.tools.reference` (make reference): the results a reader can check,
committed in results/reference/ with the commit and the command that produced them.

One command writes them all:

- `comparison.csv`: the main sweep (every scenario in scenarios/, paired with the
  baseline) at a reduced, stated scale (`--seeds`, `--households`; 40 quarters), run
  through the same sweep machinery as `make run` into results/sweeps/reference/ (whole
  runs are reused) and trimmed to the columns a reader needs;
- `validation_errors.csv` and `validation_growth.csv`: the baseline against Guangdong's
  2017-2019 figures (sim.tools.validate, its default scale), never fitted;
- `calibration_moments.csv`: the baseline's first year against the 2016 targets, at
  seeds and a scale the fit never saw (sim.tools.calibrate's report);
- `provenance.json`: the commit (and whether the tree had uncommitted changes), the
  date, the command, the scales and the versions of the packages.

The README's result tables are generated from these files (`make docs`,
sim.report.readme), and tests/tools/test_docs.py fails when they disagree. Refresh them
on purpose, after a change of the economics, in a commit of their own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import pandas as pd

from sim.config.paths import PROJECT_ROOT
from sim.report.readme import (
    CALIBRATION_FILE,
    COMPARISON_FILE,
    GROWTH_FILE,
    PROVENANCE_FILE,
    REFERENCE_DIR,
    VALIDATION_FILE,
)
from sim.tools import calibrate, validate

SEEDS = 10
HOUSEHOLDS = 10_000
QUARTERS = 40
SWEEP = "reference"
VALIDATION_SEEDS = 5  # (sim.tools.validate's own default scale)
VALIDATION_HOUSEHOLDS = 20_000
CALIBRATION_SEEDS = (300, 301, 302)  # (the fit uses 0-2, its identification 0-5)
CALIBRATION_HOUSEHOLDS = 15_000  # (the fit runs at 10,000)
COMPARISON_COLUMNS = (
    "scenario", "outcome", "label", "label_zh", "n_paired", "baseline_mean", "mean", "unit",
    "diff", "diff_low", "diff_high", "pct_change", "pct_low", "pct_high", "change",
    "change_low", "change_high", "change_unit")


def _git(*args: str) -> str:
    out = subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True,
                         check=False)
    return out.stdout.strip() if out.returncode == 0 else ""


def sweep(seeds: int, households: int) -> pd.DataFrame:
    """The main sweep at `seeds` x `households`: its comparison table, trimmed."""
    command = [sys.executable, "-m", "sim", "-m", "scenario=glob(*)",
               f"seed=range(0,{seeds})", f"population.households={households}",
               f"steps={QUARTERS}", f"sweep={SWEEP}"]
    subprocess.run(command, cwd=PROJECT_ROOT, check=True)
    table = pd.read_csv(PROJECT_ROOT / "results" / "sweeps" / SWEEP / "comparison.csv")
    return table[[c for c in COMPARISON_COLUMNS if c in table]]


def validation() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The validation report's error and growth tables."""
    with tempfile.TemporaryDirectory() as tmp:
        if validate.main(["--out", tmp, "--seeds", str(VALIDATION_SEEDS),
                          "--households", str(VALIDATION_HOUSEHOLDS)]) != 0:
            raise RuntimeError("the validation report failed")
        return (pd.read_csv(Path(tmp) / "errors.csv"), pd.read_csv(Path(tmp) / "growth.csv"))


def calibration() -> pd.DataFrame:
    """Every 2016 moment, its target and the baseline's value, out of the fit's sample."""
    with tempfile.TemporaryDirectory() as tmp:
        return calibrate.report(list(CALIBRATION_SEEDS), CALIBRATION_HOUSEHOLDS, Path(tmp))


def provenance(command: list[str], seeds: int, households: int) -> dict:
    packages = ("mesa", "numpy", "numba", "pandas", "hydra-core", "scipy")
    return {
        "commit": _git("rev-parse", "HEAD"),
        "uncommitted_changes": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "date": dt.date.today().isoformat(),
        "command": " ".join(command),
        "comparison": {"scenarios": "every file in scenarios/", "seeds": seeds,
                       "households": households, "quarters": QUARTERS,
                       "final_year": 2016 + QUARTERS // 4 - 1},
        "validation": {"seeds": VALIDATION_SEEDS, "households": VALIDATION_HOUSEHOLDS,
                       "years": "2016-2019",
                       "note": "official figures after 2016: validation only, never targets"},
        "calibration": {"seeds": list(CALIBRATION_SEEDS), "households": CALIBRATION_HOUSEHOLDS,
                        "year": 2016, "note": "seeds and a scale the fit never saw"},
        "versions": {p: metadata.version(p) for p in packages},
    }


def _write(frame: pd.DataFrame, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    frame.to_csv(tmp, index=False, float_format="%.6g")
    tmp.replace(path)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.tools.reference", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=SEEDS,
                        help=f"seeds of the main sweep (default {SEEDS})")
    parser.add_argument("--households", type=int, default=HOUSEHOLDS,
                        help=f"household agents of the main sweep (default {HOUSEHOLDS:,})")
    args = parser.parse_args(argv)
    for key in ("seeds", "households"):
        if getattr(args, key) < 2:
            parser.error(f"--{key} = {getattr(args, key)}: allowed is a whole number of at "
                         "least 2")
    REFERENCE_DIR.mkdir(parents=True, exist_ok=True)
    # (the tree as the runs see it: before this command rewrites the committed results)
    command = ["python", "-m", "sim.tools.reference", *argv]
    stamp = provenance(command, args.seeds, args.households)
    comparison = sweep(args.seeds, args.households)
    errors, growth = validation()
    moments = calibration()
    _write(comparison, COMPARISON_FILE)
    _write(errors, VALIDATION_FILE)
    _write(growth, GROWTH_FILE)
    _write(moments, CALIBRATION_FILE)
    PROVENANCE_FILE.write_text(json.dumps(stamp, indent=2) + "\n")
    print(f"wrote {REFERENCE_DIR.relative_to(PROJECT_ROOT)}/: {COMPARISON_FILE.name}, "
          f"{VALIDATION_FILE.name}, {GROWTH_FILE.name}, {CALIBRATION_FILE.name}, "
          f"{PROVENANCE_FILE.name}; `make docs` puts them into the README")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
