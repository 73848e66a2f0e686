"""`python -m sim [overrides]`: run one simulation with Hydra and write its outputs."""

from __future__ import annotations

import logging

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from .config import CONFIG_DIR


@hydra.main(config_path=str(CONFIG_DIR), config_name="config", version_base="1.3")
def main(cfg: DictConfig) -> None:
    from .run import headline, release, simulate, summary, write_outputs

    logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs every step at INFO
    out_dir = HydraConfig.get().runtime.output_dir
    print(f"scenario {cfg.scenario}, seed {cfg.seed}, {cfg.population.households:,} households, "
          f"{cfg.steps} quarters from {cfg.start}")
    model = simulate(cfg, progress=print if cfg.progress else None)
    write_outputs(model, out_dir, households=cfg.write_households)
    print(headline(summary(model)))
    print(f"outputs: {out_dir}")
    release(model)


if __name__ == "__main__":
    main()
