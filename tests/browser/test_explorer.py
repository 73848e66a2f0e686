"""The explorer in a real browser (make test-browser): headless Chromium, driven by
Playwright, opens the app that `make explore` serves, checks that the charts render,
moves a lever, steps the economy, switches the language and browses a small sweep.
Screenshots of each view go to results/explorer/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sim.config.paths import PROJECT_ROOT

playwright = pytest.importorskip("playwright.sync_api", reason="make test-browser installs it")
pytestmark = pytest.mark.browser

SHOTS = PROJECT_ROOT / "results" / "explorer"
BROWSER_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]  # no calls home: this machine's network is closed
WAIT = 120_000  # ms: the first page builds an economy (its burn-in included)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory) -> Path:
    """A folder holding one small sweep: the baseline and cash transfers, two seeds."""
    root = tmp_path_factory.mktemp("sweeps")
    subprocess.run([sys.executable, "-m", "sim", "-m", "scenario=baseline,cash_transfer",
                    "seed=0,1", "population.households=1000", "steps=4", "progress=false",
                    f"hydra.sweep.dir={root / 'small'}"],
                   cwd=PROJECT_ROOT, check=True, capture_output=True, timeout=600)
    return root


@pytest.fixture(scope="module")
def address(sweeps: Path) -> Iterator[str]:
    """The app served as `make explore` serves it, on a free port."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "solara", "run", "sim/explore/app.py", "--host", "127.0.0.1",
         "--port", str(port), "--no-open", "--no-check-version"], cwd=PROJECT_ROOT,
        env={**os.environ, "SIM_EXPLORER_SWEEPS": str(sweeps), "SOLARA_CHECK_HOOKS": "off"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("the explorer did not start within two minutes")
    yield f"http://127.0.0.1:{port}/"
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def page(address: str):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is missing: make test-browser installs it")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=BROWSER_FLAGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.goto(address, wait_until="networkidle")
        page.get_by_role("button", name="Step").wait_for(timeout=WAIT)
        yield page
        browser.close()


def _charts(page) -> list[str]:
    """The sources of the chart images on the page (a chart drawn anew changes its own)."""
    return [img.get_attribute("src") or "" for img in page.locator("img").all()]


def _until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the page did not change in time")
        time.sleep(0.25)


def test_the_economy_view_draws_its_charts(page) -> None:
    """Seven charts: consumption by kind, upgrading, structure, prices and jobs, fiscal
    cost, firms' quality and the households' scatter."""
    _until(lambda: len(_charts(page)) >= 7)
    assert page.get_by_text("Consumer-credit access, urban residents").count() == 1
    assert page.get_by_text("plan 五（五） 二（六） 三（四）").count() >= 1  # the lever's clauses


def test_stepping_the_economy_redraws_its_charts(page) -> None:
    before = _charts(page)
    page.get_by_role("button", name="Step").click()
    _until(lambda: page.locator(".explorer-quarter").inner_text().startswith("Quarter: 2016Q1"))
    _until(lambda: _charts(page)[0] != before[0])
    page.get_by_role("button", name="Step").click()
    _until(lambda: "2016Q2" in page.locator(".explorer-quarter").inner_text())
    page.screenshot(path=SHOTS / "economy.png")


def test_a_moved_lever_builds_an_economy_with_it(page) -> None:
    """The urban credit-access slider moved up by keys: the lever is marked as moved,
    "Build the economy" builds one with it in the background, and its first quarter
    redraws the charts."""
    slider = page.get_by_role("slider").first
    slider.focus()
    for _ in range(4):  # four steps of half a point: 0.35 -> 0.37
        page.keyboard.press("ArrowRight")
    _until(lambda: page.get_by_text("0.37", exact=True).count() >= 1)
    page.get_by_role("button", name="Build the economy").click()
    _until(lambda: page.locator(".explorer-moved").count() == 1)
    _until(lambda: "credit.access.urban = 0.37" in page.locator(".explorer-moved").inner_text())
    before = _charts(page)
    page.get_by_role("button", name="Step").click()
    _until(lambda: _charts(page)[0] != before[0])


def test_a_bad_value_shows_the_command_lines_message(page) -> None:
    field = page.get_by_label("Household agents")
    field.fill("50")
    field.press("Enter")
    _until(lambda: page.locator(".explorer-error").count() == 1)
    text = page.locator(".explorer-error").inner_text()
    assert "population.households = 50" in text and "allowed" in text
    field.fill("4000")
    field.press("Enter")
    _until(lambda: page.locator(".explorer-error").count() == 0)


def test_the_language_switch_relabels_the_page(page) -> None:
    page.get_by_role("button", name="中文").click()
    _until(lambda: page.get_by_text("经济运行").count() >= 1)
    page.screenshot(path=SHOTS / "economy_zh.png")
    _until(lambda: page.get_by_text("城镇居民消费信贷可得率").count() == 1)
    page.screenshot(path=SHOTS / "economy_zh.png")
    page.get_by_role("button", name="English").click()
    _until(lambda: page.get_by_text("Economy").count() >= 1)


def test_running_to_the_end_reaches_2025(page) -> None:
    """"Run to the end" steps the economy in the background to its last quarter, the
    page answering meanwhile."""
    page.get_by_role("button", name="Run to the end").click()
    _until(lambda: "2025Q4" in page.locator(".explorer-quarter").inner_text(), timeout=180)
    page.wait_for_timeout(1500)
    page.screenshot(path=SHOTS / "economy_2025.png")


def test_the_results_view_browses_a_sweep(page, sweeps: Path) -> None:
    page.get_by_role("tab", name="Results").click()
    _until(lambda: page.get_by_text("2 paired seeds").count() == 1)
    _until(lambda: len(_charts(page)) >= 2)
    before = _charts(page)
    page.get_by_label("Household kind").click(force=True)  # vuetify covers the input
    page.get_by_role("option", name="rural").click()
    _until(lambda: _charts(page) != before)
    page.screenshot(path=SHOTS / "results.png")
    # any folder by its path; a folder that holds no sweep says so
    field = page.get_by_label("or a sweep folder's path")
    field.fill(str(sweeps / "nowhere"))
    field.press("Enter")
    _until(lambda: page.locator(".explorer-error").count() == 1)
    field.fill(str(sweeps / "small"))
    field.press("Enter")
    _until(lambda: page.get_by_text("2 paired seeds").count() == 1)
    page.get_by_role("tab", name="Economy").click()
