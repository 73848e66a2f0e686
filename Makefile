# Two commands for a newcomer: `make run` and `make test`. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# setuptools' notice that every editable install prints (folders named like the package)
export PYTHONWARNINGS := ignore:::setuptools.command.editable_wheel

.PHONY: setup run brief test test-all test-browser explore lint docs reference size-claims notebooks calibrate validate decompose replicate firm-facts chain bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

SEEDS ?= 10
SWEEP ?= results/sweeps/main
run: setup  ## the main sweep: every scenario x $(SEEDS) seeds, compared, and the brief
	$(BIN)/python -m sim -m 'scenario=glob(*)' 'seed=range(0,$(SEEDS))' sweep=main
	$(MAKE) --no-print-directory brief SWEEP=$(SWEEP)

brief: setup  ## the policy brief of a sweep, in English and Chinese: make brief SWEEP=DIR [CHAIN=results/chain]
	$(BIN)/python -m sim.brief $(SWEEP) lang=en $(if $(CHAIN),chain=$(CHAIN))
	$(BIN)/python -m sim.brief $(SWEEP) lang=zh $(if $(CHAIN),chain=$(CHAIN))

RAY_STAMP := $(VENV)/.installed-ray
$(RAY_STAMP): $(STAMP)  # the Ray launcher, for the launcher tests of make test-all
	$(BIN)/python -m pip install --quiet -e ".[dev,ray]"
	@touch $(RAY_STAMP)

EXPLORE_STAMP := $(VENV)/.installed-explore
$(EXPLORE_STAMP): $(STAMP)  # the explorer's web app (Mesa's SolaraViz, served offline)
	$(BIN)/python -m pip install --quiet -e ".[dev,explore]"
	@touch $(EXPLORE_STAMP)

BROWSER_STAMP := $(VENV)/.installed-browser
$(BROWSER_STAMP): $(EXPLORE_STAMP)  # Playwright, and Debian's chromium and CJK fonts if missing
	$(BIN)/python -m pip install --quiet -e ".[dev,explore,browser]"
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || apt-get install -y -qq fonts-noto-cjk
	@touch $(BROWSER_STAMP)

PORT ?= 8765
# --no-check-version: Solara asks PyPI for a newer release before it serves, which waits
# on a closed network; SOLARA_CHECK_HOOKS=off: its hook check warns about Mesa's own code
explore: $(EXPLORE_STAMP)  ## the explorer in your browser: move levers, step the economy, browse sweeps
	@echo "The explorer: open http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	SOLARA_CHECK_HOOKS=off $(BIN)/solara run sim/explore/app.py --host 127.0.0.1 --port $(PORT) --no-open --no-check-version

JOBS ?= 2
PYTEST := $(BIN)/python -m pytest -q -n $(JOBS) --dist loadfile

test: setup  ## lint and the test suite, on $(JOBS) cores (slow tests excluded)
	$(BIN)/ruff check sim hydra_plugins tests
	$(PYTEST) -m "not slow and not browser"

SECOND_BLOCK ?= 1000
test-all: setup $(RAY_STAMP) $(EXPLORE_STAMP)  ## every test but the browser's: launchers (Ray too), kill-and-resume, notebooks, 200 fuzz draws; the claims again on a second block of seeds
	$(BIN)/ruff check sim hydra_plugins tests
	$(PYTEST) -m "not browser"
	SIM_TEST_SEED_OFFSET=$(SECOND_BLOCK) $(PYTEST) -m "claims and not browser"

test-browser: $(BROWSER_STAMP)  ## the explorer in headless Chromium; screenshots in results/explorer/
	$(BIN)/python -m pytest -q -m browser tests/browser

lint: setup
	$(BIN)/ruff check sim hydra_plugins tests

docs: setup  ## regenerate the documentation's tables from the declarations and results/reference/
	$(BIN)/python -m sim.tools.docs

reference: setup  ## the committed results/reference/ (main sweep at a reduced scale, validation, calibration), then the README's tables
	$(BIN)/python -m sim.tools.reference
	$(BIN)/python -m sim.tools.docs

size-claims: setup  ## size every whole-economy claim's seeds from its spread over 30 other seeds: tests/reference/claims.csv (about an hour)
	$(BIN)/python tests/size_claims.py --slow

notebooks: setup  ## execute the notebooks into results/notebooks/ (with outputs)
	$(BIN)/python -m sim.notebooks

calibrate: setup  ## refit the baseline to Guangdong 2016; report, standard errors and objective slices (about half an hour)
	$(BIN)/python -m sim.calibrate
	$(BIN)/python -m sim.calibrate --identification --seeds 6
	$(BIN)/python -m sim.calibrate --profiles

validate: setup  ## the baseline against Guangdong's 2017-2019 figures, never fitted: results/validation/
	$(BIN)/python -m sim.validate

decompose: setup  ## the whole plan against the sum of its packages, with their interaction and its interval: results/decompose/
	$(BIN)/python -m sim.decompose

replicate: setup  ## the model replays published policy experiments, beside the studies' estimates, and the range of each response parameter they allow: results/replication/
	$(BIN)/python -m sim.replicate --identify

chain: setup  ## each scenario's welfare gain split into demand, prices, quality and variety, and productivity growth: results/chain/
	$(BIN)/python -m sim.chain

firm-facts: setup  ## the baseline's firm population against the stylised facts of firm data (sizes, markups, productivity, investment, entry and exit): results/firm_facts/
	$(BIN)/python -m sim.firm_facts

bench: setup  ## speed and memory from 20,000 households to 1:10 of Guangdong (not part of the tests)
	$(BIN)/python -m sim.bench

clean:  ## remove the environment, caches and compiled loops (results are kept)
	rm -rf $(VENV) .pytest_cache .ruff_cache
	find sim -type d -name 'numba-*' -prune -exec rm -rf {} +
