# One entry point: `make run` (serve the assistant), `make shell` (chat in the terminal),
# `make check` (the tests that need no server), `make test` (every test), `make bench` (the
# benchmark). Each target sets up what it needs: the virtual environment, the npm packages,
# the generated NLU data and the model, each rebuilt only when its inputs changed.

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON_VERSION := $(shell cat .python-version)
BASE_PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/$(PYTHON_VERSION)/bin/python) $(shell command -v python3.10))
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(PY) -m rasa
MODEL := models/current.tar.gz
GENERATED := data/lookups.yml bot/domain/responses.yml
MODEL_INPUTS := bot/config.yml bot/domain/domain.yml data/nlu.yml data/rules.yml data/stories.yml \
	$(GENERATED) $(wildcard bot/components/*.py) $(wildcard knowledge/*.py) $(wildcard knowledge/data/*)
export RASA_TELEMETRY_ENABLED := false
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup model run shell check test lint bench bench-scaled bench-memory clean chromium deploy-packages deploy deploy-stop

help:
	@echo "make run    set up, train if needed, serve the assistant (REST, web widget, Telegram)"
	@echo "make shell  set up, train if needed, chat with the assistant in the terminal"
	@echo "make check  lint, then the tests that need no server and no training (about a minute)"
	@echo "make test   set up, train if needed, run every test and play both benchmark suites"
	@echo "make bench  set up, train if needed, measure understanding, recommendations and speed"
	@echo "make bench-scaled  measure the production profile next to the minimal bot (into the report)"
	@echo "make deploy / make deploy-stop  start / stop the production profile (deploy/)"

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -n "$(BASE_PYTHON)" || { echo "Python $(PYTHON_VERSION) not found (pyenv install $(PYTHON_VERSION))"; exit 1; }
	test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The generated files (NLU lookup tables from the knowledge base, the domain's responses from
# actions/sentences.yml) come from one command, which rewrites only the files whose content
# changed: editing a sentence that is not a domain response does not retrain the model.
$(GENERATED): .stamps/generated
	@test -f $@ || $(PY) -m knowledge.nlu_export

.stamps/generated: $(VENV)/.installed $(wildcard knowledge/*.py) $(wildcard knowledge/data/*) actions/sentences.yml
	$(PY) -m knowledge.nlu_export
	mkdir -p $(@D) && touch $@

model: $(MODEL)

$(MODEL): $(VENV)/.installed $(MODEL_INPUTS)
	$(RASA) train --config bot/config.yml --domain bot/domain --data data \
		--out models --fixed-model-name current
	touch $@

run: setup model
	scripts/serve.sh

shell: setup model
	scripts/serve.sh shell

chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; }

# PostgreSQL, Redis and nginx from Debian's packages, none started by the install (deploy/).
deploy-packages:
	bash deploy/install.sh

deploy: setup model deploy-packages
	bash deploy/start.sh

deploy-stop:
	bash deploy/stop.sh

lint: $(VENV)/.installed
	$(PY) -m ruff check .

# The tests of tests/unit (marker `unit`): no server, no training; a model file is loaded if there.
check: $(VENV)/.installed lint
	$(PY) -m pytest -m unit -q

test: setup model chromium deploy-packages lint
	$(PY) -m knowledge.nlu_export --check
	$(RASA) data validate --domain bot/domain --data data --config bot/config.yml --fail-on-warnings
	$(RASA) test core --model $(MODEL) --stories tests/stories --out results/core --fail-on-prediction-errors
	$(PY) -m pytest

bench: setup model
	$(PY) -m bench

# The production profile next to the minimal bot, in one run; its figures go in the last report.
bench-scaled: setup model deploy-packages
	$(PY) -m bench --scaled

# The Rasa process's memory after 5,000 finished conversations; into the last report.
bench-memory: setup model
	$(PY) -m bench.memory --report

clean:
	rm -rf models results .pytest_cache tests/artifacts .stamps
