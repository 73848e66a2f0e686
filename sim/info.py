"""`python -m sim.info scenarios` lists the scenario catalogue (titles, clauses, levers);
`python -m sim.info levers` lists the policy levers with units, bounds, baselines and
clauses; `levers-markdown` and `scenarios-markdown` print the tables of
scenarios/README.md."""

from __future__ import annotations

import sys

from sim.config.errors import ConfigError
from sim.config.levers import LEVERS
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
        allowed = (", ".join(lever.allowed) if lever.allowed
                   else f"{lever.lower:g} to {lever.upper:g}")
        baseline = (", ".join(lever.baseline) if isinstance(lever.baseline, list)
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


def main(argv: list[str]) -> int:
    topics = {"scenarios": describe, "levers": levers, "levers-markdown": levers_markdown,
              "scenarios-markdown": scenarios_markdown}
    if len(argv) != 1 or argv[0] not in topics:
        print(f"usage: python -m sim.info {{{'|'.join(topics)}}}", file=sys.stderr)
        return 2
    print(topics[argv[0]]())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
