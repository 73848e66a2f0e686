"""Where the project's files are (no imports of the model, so any module may use it)."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CONFIG_DIR = PROJECT_ROOT / "configs"
# The scenario catalogue; SIM_SCENARIO_DIR points at another folder of scenario files
# (your own catalogue, kept outside the repository; copy scenarios/ to start from it).
SCENARIO_DIR = Path(os.environ.get("SIM_SCENARIO_DIR") or PROJECT_ROOT / "scenarios").resolve()
DATA_DIR = PROJECT_ROOT / "data"
