"""The documentation's tables are generated from the declarations they describe
(sim.tools.docs): scenarios and levers, parameters, payment purposes and outcomes; and
the README's result tables from the committed results/reference/ (make reference)."""

from __future__ import annotations

import json

from sim.config.paths import PROJECT_ROOT
from sim.tools import docs


def test_every_generated_table_matches_its_declarations() -> None:
    assert docs.stale() == [], "run `make docs` (python -m sim.tools.docs)"


def test_the_readmes_result_tables_are_the_committed_reference_results() -> None:
    """Every figure in the README's result tables (the comparison, the validation, the
    calibration), in both languages, is what results/reference/ holds: a table edited by
    hand or a reference rewritten without `make docs` fails here."""
    for readme in ("README.md", "README.zh.md"):
        text = (PROJECT_ROOT / readme).read_text(encoding="utf-8")
        for name, make in docs.SECTIONS[readme].items():
            assert f"<!-- {name} -->\n{make()}\n<!-- /{name} -->" in text, (
                f"{readme}: the table '{name}' differs from results/reference/: run "
                "`make docs` (or `make reference` to rewrite the results)")


def test_the_reference_results_name_the_commit_and_command_that_wrote_them() -> None:
    provenance = json.loads((PROJECT_ROOT / "results" / "reference" / "provenance.json")
                            .read_text(encoding="utf-8"))
    assert len(provenance["commit"]) == 40 and not provenance["uncommitted_changes"]
    assert provenance["command"].startswith("python -m sim.tools.reference")


def test_the_documentation_cites_only_files_of_this_repository() -> None:
    for path in [*PROJECT_ROOT.glob("*.md"), *PROJECT_ROOT.glob("docs/*.md"),
                 *PROJECT_ROOT.glob("sim/**/*.py"), *PROJECT_ROOT.glob("configs/**/*.yaml")]:
        text = path.read_text(encoding="utf-8")
        for outside in ("../shared", "MODEL.md", "TRAPS.md"):
            assert outside not in text, f"{path.relative_to(PROJECT_ROOT)} cites {outside}"
