"""`python -m sim.info scenarios` lists the scenario catalogue (titles, clauses, levers);
`python -m sim.info levers` lists the policy levers with units, bounds, baselines and
clauses; `python -m sim.info parameters` lists every parameter with its value, unit,
bounds and source. `levers-markdown` and `scenarios-markdown` print the tables of
scenarios/README.md, `parameters-markdown` those of docs/parameters.md, and
`outcomes-markdown` and `purposes-markdown` those of docs/model.md."""

from __future__ import annotations

import sys

from sim.config.declare import Declaration
from sim.config.errors import ConfigError
from sim.config.levers import LEVERS
from sim.config.parameters import DECLARATIONS, GROUPS
from sim.config.scenarios import catalogue, describe


def levers() -> str:
    """The lever declarations as text."""
    lines = []
    for lever in LEVERS.values():
        lines.append(f"{lever.path}: {lever.label_en} / {lever.label_zh}  "
                     f"[{', '.join(lever.clauses)}]")
        lines.append(f"    baseline {lever.baseline!r}; {lever.allows()}")
        lines.append(f"    {lever.channel}")
    return "\n".join(lines)


def levers_markdown() -> str:
    """The lever declarations as a Markdown table (for scenarios/README.md)."""
    lines = ["| lever | unit | 2016 baseline | allowed | plan | channel |",
             "|---|---|---|---|---|---|"]
    for lever in LEVERS.values():
        names = lever.allowed or lever.one_of
        allowed = (", ".join(names) if names else f"{lever.lower:g} to {lever.upper:g}")
        baseline = (", ".join(lever.baseline) if isinstance(lever.baseline, list)
                    else lever.baseline if isinstance(lever.baseline, str)
                    else f"{lever.baseline:g}")
        lines.append(f"| `{lever.path}` {lever.label_zh} | {lever.unit} | {baseline} | "
                     f"{allowed} | {', '.join(lever.clauses)} | {lever.channel} |")
    return "\n".join(lines)


def scenarios_markdown() -> str:
    """The scenario catalogue as a Markdown table (for scenarios/README.md)."""
    lines = ["| scenario | title | plan | levers changed |", "|---|---|---|---|"]
    for name, s in catalogue().items():
        if isinstance(s, ConfigError):
            continue
        changed = ", ".join(f"`{k}`" for k in s.levers) or "none"
        lines.append(f"| `{name}` | {s.title_en} / {s.title_zh} | {', '.join(s.clauses)} | "
                     f"{changed} |")
    return "\n".join(lines)


def _value(declaration: Declaration, tree: dict | None = None) -> str:
    """A parameter's value in `tree` (default: as declared), as text ("urban 0.78,
    rural 0.9, migrant 0.8"); '' if `tree` does not set it."""
    from omegaconf import OmegaConf

    group, _, name = declaration.key.partition(".")
    declared = tree is None
    if tree is None:
        tree = {group: OmegaConf.to_container(OmegaConf.structured(GROUPS[group]))}
    value = tree.get(group, {}).get(name)
    if value is None:
        # (declared null: derived, as its unit says; not set by the tree: blank)
        return "derived" if declared and declaration.optional else ""
    if isinstance(value, dict):
        return ", ".join(f"{k} {v:g}" for k, v in value.items())
    if isinstance(value, list):
        return "[" + ", ".join(f"{v:g}" for v in value) + "]"
    return f"{value:g}"


def parameters() -> str:
    """The parameter declarations as text, by group."""
    lines = []
    for d in DECLARATIONS.values():
        lines.append(f"{d.key} = {_value(d)}  ({d.unit}; {d.kind}, allowed "
                     f"{d.describe_bounds()})")
        lines.append(f"    {d.source}")
    return "\n".join(lines)


def parameters_markdown() -> str:
    """The parameter declarations as Markdown tables, one per group (docs/parameters.md),
    with the values fitted to 2016 beside the declared ones."""
    from omegaconf import OmegaConf

    from sim.config.paths import CONFIG_DIR

    fitted = OmegaConf.to_container(OmegaConf.load(CONFIG_DIR / "calibration"
                                                   / "guangdong_2016.yaml"))
    lines = []
    for group, schema in GROUPS.items():
        lines += [f"## `{group}`", "", " ".join((schema.__doc__ or "").split()), "",
                  "| parameter | value | fitted | unit | kind | allowed | plausible | source |",
                  "|---|---|---|---|---|---|---|---|"]
        for d in DECLARATIONS.values():
            if d.key.startswith(group + "."):
                lines.append(f"| `{d.key}` | {_value(d)} | {_value(d, fitted)} | {d.unit} | "
                             f"{d.kind} | {d.describe_bounds()} | {d.describe_plausible()} | "
                             f"{d.source} |")
        lines.append("")
    return "\n".join(lines).rstrip()


def outcomes_markdown() -> str:
    """The outcome registry as a Markdown table (docs/model.md)."""
    from sim.economy.outcomes import OUTCOMES

    lines = ["| outcome | label | unit (time series) | kind | over a year | change shown in |",
             "|---|---|---|---|---|---|"]
    for name, o in OUTCOMES.items():
        shown = {"percent": "%", "pp": "percentage points", "difference": "difference",
                 "value": "its value"}[o.change]
        lines.append(f"| `{name}`{' *' if o.contract else ''} | {o.label_en} / {o.label_zh} | "
                     f"{o.unit('en', 'quarter')} | {o.kind} | {o.year} | {shown} |")
    return "\n".join(lines)


def purposes_markdown() -> str:
    """The payment purposes (the rows of the transaction-flow matrix) as a Markdown table
    (docs/model.md)."""
    from sim.economy.purposes import PURPOSES

    lines = ["| purpose | payer | payee | moves | counts in | meaning |",
             "|---|---|---|---|---|---|"]
    for name, p in PURPOSES.items():
        counts = ", ".join(flag for flag, on in (("disposable income", p.income),
                                                 ("GDP", p.final_demand),
                                                 ("lever outlays", p.lever_spending)) if on)
        lines.append(f"| `{name}` | {p.payer} | {p.payee} | {p.instrument} | {counts} | "
                     f"{p.meaning} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    topics = {"scenarios": describe, "levers": levers, "parameters": parameters,
              "levers-markdown": levers_markdown, "scenarios-markdown": scenarios_markdown,
              "parameters-markdown": parameters_markdown, "outcomes-markdown": outcomes_markdown,
              "purposes-markdown": purposes_markdown}
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m sim.info",
        description="What the model declares: the scenario catalogue, the policy levers "
                    "(units, bounds, 2016 values, plan clauses) and every parameter (value, "
                    "unit, bounds, source). The *-markdown topics print the tables of the "
                    "documentation (make docs writes them).")
    parser.add_argument("topic", choices=list(topics), help="what to list")
    print(topics[parser.parse_args(argv).topic]())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
