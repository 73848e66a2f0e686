"""`python -m sim [overrides]`: run one simulation with Hydra and write its outputs."""

from __future__ import annotations

import logging
import sys

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from .config import CONFIG_DIR, check
from .errors import ConfigError


@hydra.main(config_path=str(CONFIG_DIR), config_name="config", version_base="1.3")
def main(cfg: DictConfig) -> None:
    from .run import headline, release, simulate, summary, write_outputs

    logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs every step at INFO
    out_dir = HydraConfig.get().runtime.output_dir
    try:
        check(cfg)
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
    title = cfg.scenario.get("title", {}).get("en", "")
    print(f"scenario {cfg.scenario.name} ({title}), seed {cfg.seed}, "
          f"{cfg.population.households:,} households, {cfg.steps} quarters from {cfg.start}")
    model = simulate(cfg, progress=print if cfg.progress else None)
    write_outputs(model, out_dir, households=cfg.write_households)
    print(headline(summary(model)))
    print(f"outputs: {out_dir}")
    release(model)


if __name__ == "__main__":
    main()
