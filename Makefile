# make run   - set up (once) and open gdstudio on the default scene
# make test  - set up (once), lint (ruff, mypy on gdstudio/core) and run the whole suite
#              headless (Xvfb + Mesa software OpenGL) on JOBS pytest-xdist workers (2;
#              `make test JOBS=0` runs it in one process)
# make fuzz  - the property tests with the "thorough" Hypothesis profile (many more examples)
# make bench - run the speed benchmarks, writing docs/benchmarks.md
# make bundle - build the one-folder app (PyInstaller) into dist/gdstudio/, plus on Linux a
#               tarball and an AppDir (packaging/build_linux.sh; docs/packaging.md)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
JOBS   ?= 2

.PHONY: run test lint fuzz bench setup clean

$(STAMP): pyproject.toml scripts/bootstrap.sh
	VENV=$(VENV) scripts/bootstrap.sh

setup: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/gdstudio

lint: $(STAMP)
	$(VENV)/bin/ruff check gdstudio tests benchmarks scripts
	$(VENV)/bin/mypy

test: $(STAMP) lint
	$(PY) -m pytest -q -n $(JOBS)

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=thorough $(PY) -m pytest -q -m hypothesis tests

bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

.PHONY: bundle
bundle: $(STAMP)
	$(PY) -c "import PyInstaller" 2>/dev/null || $(PY) -m pip install -q "pyinstaller>=6.10"
ifeq ($(shell uname -s),Linux)
	packaging/build_linux.sh $(PY)
else
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/gdstudio.spec
endif

# make translations - rescan the GUI for tr() strings and the core for Msg templates into
#                     resources/i18n/*.ts (lupdate), then compile them to the .qm files the
#                     app loads (lrelease); see scripts/i18n.sh
.PHONY: translations
translations: $(STAMP)
	VENV=$(VENV) scripts/i18n.sh update
	VENV=$(VENV) scripts/i18n.sh compile
