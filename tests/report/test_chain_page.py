"""The brief's page on the plan's chain (sim.report.chain): what each scenario's links
say, and a page whose text is neither cut nor on top of other text, in both languages."""

from __future__ import annotations

import pytest
from helpers import chain_table

from sim.report import chain, layout, style


def test_a_scenario_led_new_supply_when_research_rose_and_drove_growth_when_productivity_did(
) -> None:
    data = chain_table({"full_plan": 1.0, "consumer_credit": 0.5, "cash_transfer": -0.1},
                       {"full_plan": 5.0, "consumer_credit": -3.0, "cash_transfer": 2.0})
    verdicts = {s: chain.verdict(rows) for s, rows in data.groupby("scenario")}
    assert verdicts == {"full_plan": "drove", "consumer_credit": "led", "cash_transfer": "none"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_chain_page_keeps_its_text_on_the_page_and_apart(lang: str) -> None:
    style.apply(lang)
    data = chain_table({"full_plan": 1.0, "consumer_credit": 0.5, "cash_transfer": -0.1,
                        "service_consumption": 0.2},
                       {"full_plan": 5.0, "consumer_credit": -3.0, "cash_transfer": 2.0,
                        "service_consumption": -1.0})
    page = chain.chain_page(data, lang)
    assert layout.problems(page, "chain page") == []
    texts = " ".join(t.get_text() for ax in page.axes for t in ax.texts)
    assert chain.WORDS[lang]["drove"] in texts and chain.WORDS[lang]["none"] in texts
