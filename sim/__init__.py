"""An agent-based, stock-flow-consistent model of Guangdong's 2016 plan for new
consumption leading new supply (积极发挥新消费引领作用 加快培育形成新供给新动力)."""

__version__ = "0.1.0"

from .api import RunResult, Sweep, load_sweep, run  # noqa: E402
from .model import EconomyModel  # noqa: E402
from .run import simulate, write_outputs  # noqa: E402

__all__ = ["EconomyModel", "RunResult", "Sweep", "load_sweep", "run", "simulate",
           "write_outputs", "__version__"]
