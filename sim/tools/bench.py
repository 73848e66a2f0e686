"""`make bench`: speed and memory of the model, measured in one process (ratios are
what count: absolute times on shared machines drift). Not part of the test suite.

1. The cost of one household-quarter (every process of the quarter, ledger included,
   with the default firm agents) at 20,000, 200,000 and 2,000,000 households, in
   nanoseconds per household, and the cost of one firm-quarter (the change per firm
   agent at 20,000 households).
2. One step of a trivial Mesa agent (Boltzmann wealth transfer with Mesa's own
   `AgentSet.shuffle_do`) at 200,000 agents, and the ratio of the two: each timed on
   its own (medians), and timed in alternation so that each pair sees the same load
   (the median of 11 paired ratios; the stricter of the two).
3. Seconds and peak memory (RSS) for 40 quarters at 1:1000, 1:100 and 1:10 of
   Guangdong (38,000, 380,000 and 3,800,000 households), each in a fresh process.
4. One quarter at 200,000 households split by process (profile).
5. The wall time of a small sweep with 1 and 2 parallel jobs.

Usage: `python -m sim.bench` (everything) or `python -m sim.bench quick` (1, 2, 4).
"""

from __future__ import annotations

import cProfile
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mesa

from sim.compat import forget_model
from sim.config.compose import load_config
from sim.config.paths import PROJECT_ROOT
from sim.economy.model import EconomyModel
from sim.sweep.run import release

GUANGDONG_HOUSEHOLDS = 38_000_000


def _seconds(step) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def household_quarter_ns(households: int, quarters: int = 5,
                         overrides: tuple[str, ...] = ()) -> float:
    """Nanoseconds per household for one quarter (firms included, at the default number
    of firm agents): the median of `quarters` quarters after a warm-up quarter (a median
    resists other work on a shared machine)."""
    model = EconomyModel(load_config([f"population.households={households}", *overrides]))
    model.step()
    times = [_seconds(model.step) for _ in range(quarters)]
    release(model)
    return 1e9 * statistics.median(times) / households


def firm_quarter_ns(households: int = 20_000, low: float = 0.1,
                    high: float = 0.5) -> float:
    """Nanoseconds per firm agent for one quarter: the change in a quarter's time between
    `low` and `high` firm agents per household agent, over the change in firm agents."""
    per = {r: household_quarter_ns(households, overrides=(
        f"population.firm_agents_per_household={r}",)) * households / 1e9
        for r in (low, high)}
    return 1e9 * (per[high] - per[low]) / ((high - low) * households)


class _Wealth(mesa.Agent):
    def __init__(self, model: mesa.Model) -> None:
        super().__init__(model)
        self.wealth = 1

    def step(self) -> None:
        if self.wealth > 0:
            other = self.random.choice(self.model.agent_list)
            other.wealth += 1
            self.wealth -= 1


class _Boltzmann(mesa.Model):
    def __init__(self, n: int) -> None:
        super().__init__(seed=0)
        _Wealth.create_agents(self, n)
        self.agent_list = list(self.agents)

    def step(self) -> None:
        self.agents.shuffle_do("step")


def mesa_step_ns(agents: int = 200_000, steps: int = 7) -> float:
    """Nanoseconds per agent for one step of Mesa's Boltzmann wealth model on its own:
    the median of `steps` steps after a warm-up step."""
    model = _Boltzmann(agents)
    model.step()
    times = [_seconds(model.step) for _ in range(steps)]
    forget_model(model)
    return 1e9 * statistics.median(times) / agents


def paired_ratio(agents: int = 200_000, rounds: int = 11) -> tuple[float, float, float]:
    """A household-quarter against a Mesa agent step at the same size, measured in
    alternation (one quarter, then one Mesa step, `rounds` times) so that each pair sees
    the same machine. Returns the median nanoseconds per agent of each and the median
    of the rounds' ratios."""
    economy = EconomyModel(load_config([f"population.households={agents}"]))
    boltzmann = _Boltzmann(agents)
    economy.step()
    boltzmann.step()
    quarter, step = [], []
    for _ in range(rounds):
        quarter.append(_seconds(economy.step))
        step.append(_seconds(boltzmann.step))
    release(economy)
    forget_model(boltzmann)
    ratio = statistics.median(q / m for q, m in zip(quarter, step, strict=True))
    q, m = (1e9 * statistics.median(x) / agents for x in (quarter, step))
    return q, m, ratio


def full_run(households: int, quarters: int = 40) -> dict[str, float]:
    """Seconds (build and run) and peak RSS of one run, in a fresh process. The peak is
    the process's own high-water mark (VmHWM): Linux carries `ru_maxrss` over from the
    parent across fork and exec, so a child of a large process would report the
    parent's peak."""
    code = (
        "import json, resource, time\n"
        "from sim.config import load_config\n"
        "from sim.economy.model import EconomyModel\n"
        "t = time.perf_counter()\n"
        f"m = EconomyModel(load_config(['population.households={households}', "
        f"'steps={quarters}']))\n"
        "built = time.perf_counter() - t\n"
        f"for _ in range({quarters}): m.step()\n"
        "total = time.perf_counter() - t\n"
        "try:\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "    peak = int(status.split()[0]) / 1024**2\n"
        "except (OSError, IndexError):\n"
        "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2\n"
        "print(json.dumps({'build_s': built, 'total_s': total, 'peak_rss_gb': peak}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def profile(households: int = 200_000, quarters: int = 3) -> list[tuple[str, float]]:
    """Seconds per quarter spent in each module the quarter calls (each economic process,
    the ledger's payments and audit, the guards, outcomes): the cumulative time of every
    function that the model's step calls directly, added up by module."""
    model = EconomyModel(load_config([f"population.households={households}"]))
    model.step()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(quarters):
        model.step()
    profiler.disable()
    release(model)
    by_module: dict[str, float] = {}
    for (file, _, _), (_, _, _, cumulative, callers) in pstats.Stats(profiler).stats.items():
        called_by_step = any(caller[0].endswith("economy/model.py") for caller in callers)
        if called_by_step and "sim" in Path(file).parts and not file.endswith("model.py"):
            module = Path(file).stem
            by_module[module] = by_module.get(module, 0.0) + cumulative / quarters
    return sorted(by_module.items(), key=lambda kv: -kv[1])


def sweep_seconds(jobs: int) -> float:
    """Wall time of a 2 x 3 sweep at the default scale with `jobs` parallel jobs."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "sim", "-m", "scenario=baseline,rural_logistics",
             "seed=0,1,2", f"hydra.launcher.n_jobs={jobs}", f"hydra.sweep.dir={out}"],
            cwd=PROJECT_ROOT, check=True, capture_output=True)
        return time.perf_counter() - started


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m sim.bench",
        description="Speed and memory of the model (make bench): the household-quarter "
                    "against a trivial Mesa agent step, full runs at 1:1000, 1:100 and 1:10 "
                    "of Guangdong with peak memory, a profile by process and a small sweep "
                    "on 1 and 2 jobs. Takes about 10 minutes.")
    parser.add_argument("mode", nargs="?", choices=["quick"],
                        help="quick: the household-quarter, the Mesa ratio and the profile "
                             "only (about a minute)")
    quick = parser.parse_args(argv).mode == "quick"
    sizes = (20_000, 200_000) if quick else (20_000, 200_000, 2_000_000)
    print("household-quarter (all processes, ledger included):")
    cost = {}
    for n in sizes:
        cost[n] = household_quarter_ns(n)
        print(f"  {n:>10,} households: {cost[n]:7.0f} ns per household "
              f"({n * cost[n] / 1e9:.3f} s per quarter)")
    print(f"firm-quarter (the change per firm agent at 20,000 households): "
          f"{firm_quarter_ns():7.0f} ns per firm agent")
    alone = mesa_step_ns()
    quarter_ns, mesa_ns, ratio = paired_ratio()
    print(f"trivial Mesa agent step (Boltzmann, shuffle_do) at 200,000 agents: {alone:.0f} ns "
          f"on its own, {mesa_ns:.0f} ns in alternation with quarters")
    print(f"ratio household-quarter / Mesa agent step at 200,000 (target 0.3): "
          f"{cost[200_000] / alone:.2f} each on its own; {ratio:.2f} in alternation "
          f"(median of paired ratios; quarter {quarter_ns:.0f} ns)")
    if not quick:
        for label, n in (("1:1000", GUANGDONG_HOUSEHOLDS // 1000),
                         ("1:100", GUANGDONG_HOUSEHOLDS // 100),
                         ("1:10", GUANGDONG_HOUSEHOLDS // 10)):
            r = full_run(n)
            print(f"{label} of Guangdong ({n:,} households) x 40 quarters: "
                  f"{r['total_s']:.1f} s (build {r['build_s']:.1f} s), "
                  f"peak RSS {r['peak_rss_gb']:.2f} GB")
    print("one quarter at 200,000 households, by process (seconds):")
    for label, seconds in profile():
        print(f"  {label:<30} {seconds:.4f}")
    if not quick:
        one, two = sweep_seconds(1), sweep_seconds(2)
        print(f"sweep of 6 runs (20,000 households, 40 quarters): {one:.1f} s with 1 job, "
              f"{two:.1f} s with 2 jobs (speed-up {one / two:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
