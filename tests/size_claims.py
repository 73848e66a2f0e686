"""Size every whole-economy claim from its measured spread, on purpose:
`python tests/size_claims.py [--seeds 30] [--slow]` (make size-claims).

It runs the tests marked `claims` with every claim over `--seeds` seeds from 500 on
(seeds no test block uses: the blocks start at 0, 100 and 1000 and need at most 30),
records each claim's paired differences (tests/claims.py), and writes
tests/reference/claims.csv: per claim, the mean and standard deviation of its
differences, the smallest number of seeds at which its 95% interval meets the claim
on any block of seeds with probability at least 0.999, and that probability at the
seeds the test declares. "Any block" is estimated twice, and the smaller of the two
counts: normal draws with the measured mean and the standard deviation at its upper
90% confidence bound, and resamples of the measured differences (bootstrap).

A claim whose test declares fewer seeds than it needs fails (tests/claims.py reads this
file), so a test cannot be sized to the seeds at hand. A deliberate change of the
economics reruns this script, in a commit of its own that says which claims moved.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from claims import CONFIDENCE, meets
from scipy import stats

HERE = Path(__file__).resolve().parent
FILE = HERE / "reference" / "claims.csv"
MEASURED_FROM = 500
REQUIRED = 0.999  # probability that a block of seeds bears the claim out
MAX_SEEDS = 30
DRAWS = 20_000


def pass_rate(lower: float | None, upper: float | None, samples: np.ndarray) -> float:
    """Share of the rows of `samples` (draws x seeds) whose 95% t-interval meets the
    claim (claims.meets, the tests' own rule)."""
    n = samples.shape[1]
    mean = samples.mean(axis=1)
    half = stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1) * samples.std(axis=1, ddof=1) / np.sqrt(n)
    return float(np.mean(meets(lower, upper, mean - half, mean + half)))


def rates(record: dict, n: int, rng: np.random.Generator) -> float:
    """The smaller of the normal and the bootstrap estimates of the probability that a
    block of `n` seeds bears the claim out."""
    values = np.asarray(record["values"], dtype=float)
    m = len(values)
    sd = values.std(ddof=1)
    sd_upper = sd * np.sqrt((m - 1) / stats.chi2.ppf(0.10, m - 1))
    normal = rng.normal(values.mean(), max(sd_upper, 1e-300), size=(DRAWS, n))
    resampled = rng.choice(values, size=(DRAWS, n), replace=True)
    return min(pass_rate(record["lower"], record["upper"], normal),
               pass_rate(record["lower"], record["upper"], resampled))


def size(records: list[dict]) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = []
    for r in records:
        values = np.asarray(r["values"], dtype=float)
        needed = next((n for n in range(3, MAX_SEEDS + 1) if rates(r, n, rng) >= REQUIRED),
                       None)
        rows.append({
            "test": r["test"], "claim": r["claim"], "kind": r["kind"],
            "lower": r["lower"], "upper": r["upper"], "declared_seeds": r["declared"],
            "measured_seeds": len(values), "first_seed": r["seeds"][0],
            "mean": values.mean(), "sd": values.std(ddof=1),
            "pass_at_declared": rates(r, r["declared"], rng),
            "seeds_needed": needed if needed is not None else "",
            "verdict": ("not measurable" if needed is None
                        else "ok" if r["declared"] >= needed else "needs more seeds"),
        })
    return pd.DataFrame(rows).sort_values(["test", "claim"])


def measure(seeds: int, slow: bool, extra: list[str]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        record = Path(tmp) / "claims.jsonl"
        env = {**os.environ, "SIM_TEST_SEED_OFFSET": str(MEASURED_FROM),
               "SIM_TEST_MEASURE_SEEDS": str(seeds), "SIM_TEST_MEASURE_FILE": str(record)}
        marker = "claims" if slow else "claims and not slow"
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile",
                        "-m", marker, "-p", "no:cacheprovider", *extra],
                       cwd=HERE.parent, env=env, check=False)
        return [json.loads(line) for line in record.read_text().splitlines()]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python tests/size_claims.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=MAX_SEEDS)
    parser.add_argument("--slow", action="store_true", help="the slow claims as well")
    parser.add_argument("pytest_args", nargs="*", help="more pytest arguments (files, -k)")
    args = parser.parse_args(argv)
    table = size(measure(args.seeds, args.slow, args.pytest_args))
    if FILE.exists():  # (claims not measured this time keep their rows: the slow ones)
        old = pd.read_csv(FILE, keep_default_na=False)
        old = old[~old["test"].isin(table["test"])]
        table = pd.concat([old, table]).sort_values(["test", "claim"])
    FILE.parent.mkdir(exist_ok=True)
    table.to_csv(FILE, index=False, float_format="%.6g")
    print(table[["test", "claim", "mean", "sd", "declared_seeds", "seeds_needed",
                 "pass_at_declared", "verdict"]].to_string(index=False))
    print(f"wrote {FILE.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
