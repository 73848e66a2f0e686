"""Running the model: one run and its output files (`run`), sweeps over scenarios,
seeds and levers and their aggregation into paired comparisons (`aggregate`)."""
