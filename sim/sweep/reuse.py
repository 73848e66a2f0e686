"""Which runs of a sweep can be reused: a run's fingerprint, and its status record.

A run is reused when its folder holds whole outputs made from the same request: the same
overrides, the same model code (sim/economy, sim/config, the run's writer), the same
configs it is composed from (configs/config.yaml, configs/levers.yaml, the calibration
files) and the same scenario file (with the files it includes). Adding, editing or
deleting another scenario changes nothing for it. The fingerprint is computed from files,
without composing the run's config, so a sweep that only reuses runs takes seconds.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from sim.config.paths import CONFIG_DIR, PROJECT_ROOT, SCENARIO_DIR

STATUS = "status.json"


def _digest(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        name = path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path
        digest.update(name.as_posix().encode())
        digest.update(path.read_bytes() if path.exists() else b"(none)")
    return digest.hexdigest()[:16]


@functools.cache
def code_fingerprint() -> str:
    """Hash of the code a run's results depend on: the economy, the configs' code, and
    the writer of a run's files."""
    sim = PROJECT_ROOT / "sim"
    return _digest([*sorted((sim / "economy").rglob("*.py")),
                    *sorted((sim / "config").rglob("*.py")), sim / "sweep" / "run.py",
                    sim / "__init__.py"])


@functools.cache
def _configs_fingerprint() -> str:
    return _digest([CONFIG_DIR / "config.yaml", CONFIG_DIR / "levers.yaml",
                    *sorted((CONFIG_DIR / "calibration").glob("*.yaml")),
                    *sorted(p for p in CONFIG_DIR.glob("*/*.yaml")
                            if p.parent.name not in ("hydra", "calibration"))])


def _scenario_files(name: str, seen: tuple[str, ...] = ()) -> list[Path]:
    """A scenario's file and the files it includes."""
    path = SCENARIO_DIR / f"{name}.yaml"
    files = [path]
    if not path.exists() or name in seen:
        return files
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        return files
    for other in (raw.get("includes") or []) if isinstance(raw, dict) else []:
        files += _scenario_files(str(other), (*seen, name))
    return files


def request_key(overrides: Sequence[str]) -> str:
    """The fingerprint of the run these overrides request (the sweep's name and progress
    printing aside, which change no result)."""
    kept = sorted(o for o in overrides
                  if not o.split("=", 1)[0].lstrip("+~").startswith(("hydra", "sweep=",
                                                                         "progress")))
    scenario = next((o.split("=", 1)[1] for o in kept if o.startswith("scenario=")), "baseline")
    digest = hashlib.sha256("\n".join(kept).encode())
    digest.update(code_fingerprint().encode())
    digest.update(_configs_fingerprint().encode())
    digest.update(_digest(_scenario_files(scenario)).encode())
    return digest.hexdigest()[:16]


def read_status(out_dir: str | Path) -> dict[str, Any]:
    """A job's status record (empty if none)."""
    path = Path(out_dir) / STATUS
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def already_complete(out_dir: str | Path, overrides: Sequence[str]) -> bool:
    """True if `out_dir` holds whole outputs of the run these overrides request."""
    out = Path(out_dir)
    record = read_status(out)
    return ((out / "summary.json").exists() and record.get("status") in ("complete", "skipped")
            and record.get("request") == request_key(overrides))


def write_status(out_dir: str | Path, status: str, overrides: Sequence[str],
                 seconds: float | None = None, error: str | None = None) -> None:
    """Record a sweep job's status: complete, skipped (reused: the original run's
    seconds are kept) or failed (with the error)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if status == "skipped":
        seconds = read_status(out).get("seconds", seconds)
    record = {"status": status, "overrides": list(overrides), "seconds": seconds,
              "error": error, "request": request_key(overrides)}
    atomic(out / STATUS, lambda p: p.write_text(json.dumps(record, indent=2)))


def atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write `path` under a temporary name first, then rename it: never half-written."""
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)
