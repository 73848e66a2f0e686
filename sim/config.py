"""Where the configs live, and composing a run config in-process (tests, notebooks)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hydra import compose, initialize_config_dir
from omegaconf import DictConfig

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CONFIG_DIR = PROJECT_ROOT / "configs"


def load_config(overrides: Sequence[str] = ()) -> DictConfig:
    """Compose configs/config.yaml with Hydra overrides, e.g. ["seed=3", "steps=8"]."""
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        return compose(config_name="config", overrides=list(overrides))
