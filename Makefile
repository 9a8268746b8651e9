# Every target sets itself up: a fresh clone needs only python3 (3.11+), make and npm.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
PRISM := tools/prism/node_modules/.bin/prism
GENERATED_PY_VERSIONS := 3.11 3.12 3.13 3.14 3.15

.PHONY: generate check test typecheck pytest bench fuzz clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

$(PRISM): tools/prism/package.json tools/prism/package-lock.json
	npm ci --prefix tools/prism --no-audit --no-fund --loglevel=error
	touch $@

## generate: regenerate generated/ from spec/
generate: $(STAMP)
	$(PY) -m generator generate

## check: fail when generated/ is not what spec/ produces
check: $(STAMP)
	$(PY) -m generator check

## typecheck: black and mypy --strict over the generator, and mypy over the generated package
## for each Python it supports
typecheck: $(STAMP)
	$(PY) -m black --check --quiet generator tests bench
	$(PY) -m mypy generator
	for version in $(GENERATED_PY_VERSIONS); do \
		(cd generated && ../$(PY) -m mypy --strict --python-version $$version --cache-dir ../.mypy_cache/generated anthropic_batches) || exit 1; \
	done

pytest: $(STAMP) $(PRISM)
	PRISM=$(abspath $(PRISM)) $(PY) -m pytest

## test: every check and test
test: check typecheck pytest

## fuzz: the property-based spec test with many more examples than make test runs
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q tests/test_property.py --hypothesis-show-statistics

bench: $(STAMP)
	$(PYTHON) -m bench.venv
	.bench/venv/bin/python -m bench

clean:
	rm -rf $(VENV) tools/prism/node_modules .mypy_cache .pytest_cache
