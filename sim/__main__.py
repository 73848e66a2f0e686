"""`python -m sim [overrides]`: run one simulation with Hydra and write its outputs."""

from __future__ import annotations

import logging

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from .config import CONFIG_DIR


@hydra.main(config_path=str(CONFIG_DIR), config_name="config", version_base="1.3")
def main(cfg: DictConfig) -> None:
    from .run import release, simulate, write_outputs

    logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs every step at INFO
    out_dir = HydraConfig.get().runtime.output_dir
    print(f"scenario {cfg.scenario}, seed {cfg.seed}, {cfg.population.households:,} households, "
          f"{cfg.steps} quarters from {cfg.start}")
    model = simulate(cfg, progress=print if cfg.progress else None)
    write_outputs(model, out_dir, households=cfg.write_households)
    last = model.records[-1]
    print(f"final quarter {last['quarter']}: consumption/person {last['consumption_pc']:,.0f} "
          f"yuan, Engel {last['engel']:.3f}, upgrade share {last['upgrade_share']:.3f}, "
          f"ledger residual {last['ledger_residual']:.2e} yuan")
    print(f"outputs: {out_dir}")
    release(model)


if __name__ == "__main__":
    main()
