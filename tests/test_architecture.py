"""The package's architecture, read from its source: no import circle, imports that run
only downwards through the layers, processes that know no model and no other process,
and money that only the ledger moves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "sim"
LAYERS = ("sim.config", "sim.economy", "sim.sweep", "sim.report", "sim.tools", "sim.explore")
MONEY = {"deposits", "debt", "cash"}
# Where balances are set: the ledger (payments), and the opening stocks of 2016.
MAY_WRITE_MONEY = {"sim.economy.ledger", "sim.economy.initial", "sim.economy.population"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Modules of the package that `name` imports (type-checking imports included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, *([base] if base else [])])
            targets = [base, *(f"{base}.{a.name}" for a in node.names)]
        found |= {t for t in targets if t in modules and t != name}
    return found


GRAPH = {name: _imports(name, path, _modules()) for name, path in _modules().items()}


def test_no_modules_import_each_other_in_a_circle() -> None:
    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in GRAPH[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        return seen

    assert not sorted(m for m in GRAPH if m in reach(m))


def _layer(name: str) -> int | None:
    return next((i for i, layer in enumerate(LAYERS) if name == layer or
                 name.startswith(layer + ".")), None)


def test_imports_run_only_downwards_through_the_layers() -> None:
    upward = [(m, t) for m, targets in GRAPH.items() for t in targets
              if _layer(m) is not None and _layer(t) is not None and _layer(t) > _layer(m)]
    assert not upward


def test_processes_import_no_model_module_and_no_other_process() -> None:
    processes = [m for m in GRAPH if m.startswith("sim.economy.processes.")]
    assert len(processes) >= 15
    forbidden = {"sim.economy.model", "sim.economy.initial", "sim.economy.measures"}
    for m in processes:
        bad = {t for t in GRAPH[m] if t in forbidden or t.startswith("sim.economy.processes")}
        assert not bad, f"{m} imports {bad}"


def test_reports_read_tables_and_the_registry_never_the_model() -> None:
    for m, targets in GRAPH.items():
        if m.startswith("sim.report"):
            economy = {t for t in targets if t.startswith("sim.economy")}
            assert economy <= {"sim.economy.outcomes", "sim.economy.constants"}, (m, economy)


def _money_writes(path: Path) -> list[int]:
    """Lines that assign to (or into) a deposits, debt or cash attribute."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                while isinstance(target, ast.Subscript):
                    target = target.value
                if isinstance(target, ast.Attribute) and target.attr in MONEY:
                    lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if m.startswith("sim.economy")))
def test_only_the_ledger_moves_money(module: str) -> None:
    if module in MAY_WRITE_MONEY:
        return
    assert not _money_writes(_modules()[module]), f"{module} writes a balance directly"
