"""`python -m sim.tools.docs` (make docs): regenerate the tables of the documentation from
the declarations they describe and the README's result tables from the committed
results/reference/ (make reference), so that no table is edited apart from its source.

Each generated table sits between `<!-- name -->` and `<!-- /name -->` in its file;
`--check` only reports files that are out of date (the tests run it).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable

from sim import info
from sim.config.paths import PROJECT_ROOT
from sim.report import readme as readme_tables

SECTIONS: dict[str, dict[str, Callable[[], str]]] = {
    "scenarios/README.md": {"scenarios": info.scenarios_markdown, "levers": info.levers_markdown},
    "docs/parameters.md": {"parameters": info.parameters_markdown},
    "docs/model.md": {"purposes": info.purposes_markdown, "outcomes": info.outcomes_markdown},
    # the results, from the committed results/reference/ (make reference)
    **{readme: {"reference-results": functools.partial(readme_tables.results_markdown, lang),
                "reference-validation": functools.partial(readme_tables.validation_markdown,
                                                          lang),
                "reference-calibration": functools.partial(readme_tables.calibration_markdown,
                                                           lang)}
       for readme, lang in (("README.md", "en"), ("README.zh.md", "zh"))},
}


def regenerate(text: str, sections: dict[str, Callable[[], str]]) -> str:
    """`text` with each marked section replaced by its generator's table."""
    for name, make in sections.items():
        pattern = re.compile(rf"(<!-- {name} -->\n).*?(<!-- /{name} -->)", re.S)
        if not pattern.search(text):
            raise ValueError(f"no section '{name}' (<!-- {name} --> ... <!-- /{name} -->)")
        text = pattern.sub(lambda m, make=make: m.group(1) + make() + "\n" + m.group(2), text)
    return text


def stale() -> list[str]:
    """The documentation files whose generated tables differ from their declarations."""
    out = []
    for relative, sections in SECTIONS.items():
        path = PROJECT_ROOT / relative
        text = path.read_text(encoding="utf-8")
        if regenerate(text, sections) != text:
            out.append(relative)
    return out


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m sim.tools.docs",
        description="Regenerate the documentation's tables (scenarios/README.md, "
                    "docs/parameters.md, docs/model.md) from the declarations, and the "
                    "README's result tables from results/reference/ (make docs).")
    parser.add_argument("--check", action="store_true",
                        help="only report the files that are out of date (exit 1 if any)")
    if parser.parse_args(argv).check:
        out = stale()
        print("\n".join(f"out of date: {p}" for p in out) or "documentation up to date")
        return 1 if out else 0
    for relative, sections in SECTIONS.items():
        path = PROJECT_ROOT / relative
        path.write_text(regenerate(path.read_text(encoding="utf-8"), sections),
                        encoding="utf-8")
        print(f"wrote {relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
