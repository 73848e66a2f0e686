"""`python -m sim.notebooks [--small]` (make notebooks): execute every notebook in
notebooks/ top to bottom into results/notebooks/, with outputs. `--small` sets
SIM_NOTEBOOK_SCALE=small (the test suite's scale). Needs the dev extras (nbclient)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from sim.config.paths import PROJECT_ROOT

NOTEBOOKS = PROJECT_ROOT / "notebooks"
OUTPUT = PROJECT_ROOT / "results" / "notebooks"


def execute(path: Path, out_dir: Path, small: bool, timeout: int = 1200) -> Path:
    """Run one notebook in a fresh kernel; write the executed copy into `out_dir`."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    if small:
        os.environ["SIM_NOTEBOOK_SCALE"] = "small"
    # (the kernel's notice that its local TCP sockets are unencrypted is not for users)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(PROJECT_ROOT)}})
    client.execute()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / path.name
    nbformat.write(notebook, target)
    return target


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m sim.notebooks",
        description="Execute every notebook in notebooks/ top to bottom into "
                    "results/notebooks/, with their outputs (make notebooks).")
    parser.add_argument("--small", action="store_true",
                        help="the test suite's scale (fewer households, seeds and quarters)")
    small = parser.parse_args(argv).small
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        started = time.perf_counter()
        target = execute(path, OUTPUT, small)
        print(f"{path.name}: {time.perf_counter() - started:.1f} s -> "
              f"{target.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
