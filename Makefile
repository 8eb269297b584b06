# Two commands do all the set-up on a fresh machine:
#   make site   builds the bundled example site into site/
#   make test   runs the whole test suite (what CI runs)
# Each installs what it needs on its first run.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
NPM_STAMP := node_modules/.installed-stamp

.PHONY: site test serve lint bench system clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# npm comes from setup-system.sh (nodejs, npm) on a machine without it: `system` first
$(NPM_STAMP): package.json | system
	npm install --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

system:
	bash scripts/setup-system.sh

site: $(STAMP) system $(NPM_STAMP)
	$(VENV)/bin/showcase build

serve: $(STAMP) $(NPM_STAMP)
	$(VENV)/bin/showcase serve

lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests bench
	$(VENV)/bin/mypy

test: $(STAMP) system $(NPM_STAMP) lint
	$(PY) -m pytest -q

bench: $(STAMP) system
	for script in bench/*.py; do $(PY) $$script || exit 1; done

# What the project writes here; the front-matter cache is in ~/.cache/showcase/ (README)
clean:
	rm -rf site dist .pytest_cache .mypy_cache .ruff_cache
