"""Where the project's files are (no imports of the model, so any module may use it)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CONFIG_DIR = PROJECT_ROOT / "configs"
SCENARIO_DIR = PROJECT_ROOT / "scenarios"
DATA_DIR = PROJECT_ROOT / "data"
