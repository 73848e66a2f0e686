"""The documentation's tables are generated from the declarations they describe
(sim.tools.docs): scenarios and levers, parameters, payment purposes and outcomes."""

from __future__ import annotations

from sim.config.paths import PROJECT_ROOT
from sim.tools import docs


def test_every_generated_table_matches_its_declarations() -> None:
    assert docs.stale() == [], "run `make docs` (python -m sim.tools.docs)"


def test_the_documentation_cites_only_files_of_this_repository() -> None:
    for path in [*PROJECT_ROOT.glob("*.md"), *PROJECT_ROOT.glob("docs/*.md"),
                 *PROJECT_ROOT.glob("sim/**/*.py"), *PROJECT_ROOT.glob("configs/**/*.yaml")]:
        text = path.read_text(encoding="utf-8")
        for outside in ("../shared", "MODEL.md", "TRAPS.md"):
            assert outside not in text, f"{path.relative_to(PROJECT_ROOT)} cites {outside}"
