# Every target sets itself up: a fresh clone needs only python3 (3.11+), make and npm.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
PRISM := tools/node/node_modules/.bin/prism
PYRIGHT := tools/node/node_modules/.bin/pyright
GENERATED_PY_VERSIONS := 3.11 3.12 3.13 3.14 3.15
#: Small specs whose whole output is committed beside them (tests/golden/NAME/expected).
GOLDEN := $(notdir $(wildcard tests/golden/*))
#: How generated code is linted: what ruff checks of our own code, less the rules a derived sync
#: twin cannot follow (UP028) and the width black leaves to long strings (E501).
GENERATED_RUFF := --isolated --target-version py311 --line-length 100 --select E,F,W,I,B,UP --ignore E501,UP028

.PHONY: generate check test typecheck lint pytest published bench fuzz unasync clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

$(PRISM): tools/node/package.json tools/node/package-lock.json
	npm ci --prefix tools/node --no-audit --no-fund --loglevel=error
	touch $@

$(PYRIGHT): $(PRISM)

## generate: regenerate generated/ from spec/, and each golden record from its spec
generate: $(STAMP)
	$(PY) -m generator generate
	for name in $(GOLDEN); do \
		$(PY) -m generator generate --spec tests/golden/$$name/spec --out tests/golden/$$name/expected || exit 1; \
	done

## check: fail when generated/ or a golden record is not what its spec produces
check: $(STAMP)
	$(PY) -m generator check
	for name in $(GOLDEN); do \
		$(PY) -m generator check --spec tests/golden/$$name/spec --out tests/golden/$$name/expected || exit 1; \
	done

## lint: black, ruff (imports sorted too), and the runtime's sync twins derived from their async source
lint: $(STAMP)
	$(PY) -m black --check --quiet generator tests bench
	$(PY) -m ruff check --quiet generator tests bench
	$(PY) -m ruff check --quiet $(GENERATED_RUFF) generated tests/golden
	$(PY) -m generator.unasync --check

## typecheck: mypy --strict over the generator, its runtime, the tests and the benchmarks, and
## over the generated package for each Python it supports (the README's list); pyright strict
## over the generated packages and tests/client/typed_usage.py (pyrightconfig.json)
typecheck: $(STAMP) $(PYRIGHT)
	$(PY) -m mypy generator tests bench
	$(PYRIGHT)
	for version in $(GENERATED_PY_VERSIONS); do \
		(cd generated && ../$(PY) -m mypy --strict --python-version $$version --cache-dir ../.mypy_cache/generated anthropic_batches) || exit 1; \
	done
	for name in $(GOLDEN); do \
		(cd tests/golden/$$name/expected && ../../../../$(PY) -m mypy --strict --cache-dir ../../../../.mypy_cache/golden-$$name $$(ls -d */)) || exit 1; \
	done

pytest: $(STAMP) $(PRISM)
	PRISM=$(abspath $(PRISM)) $(PY) -m pytest

## published: generate each published spec of tests/published_specs/, as it is, and check it;
## call each operation of Anthropic's through its package against Prism
published: $(STAMP) $(PRISM)
	PRISM=$(abspath $(PRISM)) $(PY) -m pytest -m published tests/published

## test: every check and test
test: check lint typecheck pytest published

## unasync: derive the runtime's sync twins again after editing their async source
unasync: $(STAMP)
	$(PY) -m generator.unasync

## fuzz: the property-based spec test with many more examples than make test runs
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q tests/end_to_end/test_property.py --hypothesis-show-statistics

## bench: every measurement into BENCHMARKS.md; `make bench ONLY="diff scale"` runs and prints some
bench: $(STAMP)
	$(PYTHON) -m bench.venv
	.bench/venv/bin/python -m bench $(ONLY)

clean:
	rm -rf $(VENV) tools/node/node_modules .mypy_cache .pytest_cache
