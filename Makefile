# The README's commands. Everything installs into a local virtual environment.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
DEMO_OUT ?= out

.PHONY: demo test bench docs-check install install-dev browser services check-notebooks nbtest pytest serve studio clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Core install: no torch, no model weights, no network beyond the package index. The editable install puts the
# studio's Voila template in $(VENV)/share/jupyter (hatchling's shared data). The distribution was called videogen
# before it was scriptreel: an environment made then drops the old name, and the link to the template it had.
OLD_TEMPLATE_LINK := $(VENV)/share/jupyter/voila/templates/videogen
$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(PIP) uninstall -y videogen 2>/dev/null || true
	if [ -L $(OLD_TEMPLATE_LINK) ]; then rm $(OLD_TEMPLATE_LINK); fi
	$(PIP) install -e .
	touch $@

# The tests include the model backends (tiny random-weight models on the CPU): torch, diffusers, transformers;
# and the bundled Piper voice (a real one) with onnxruntime.
$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PIP) install -e ".[dev,models,voices]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make demo: install what the main job needs and render the bundled Fountain example offline
demo: install
	@mkdir -p $(DEMO_OUT)
	$(BIN)/videogen parse examples/last_train.fountain
	$(BIN)/videogen render examples/last_train.fountain -o $(DEMO_OUT)/last_train.mp4
	@echo "video: $(DEMO_OUT)/last_train.mp4  manifest: $(DEMO_OUT)/last_train.json"

## make test: notebooks clean and in sync, notebook lessons, pytest (with Chromium for the browser tests), then every README command (docs-check)
test: install-dev browser services check-notebooks nbtest pytest docs-check

# Where the system's packages cannot be installed (no root, no sudo), the browser test is skipped and says why.
browser:
	-bash scripts/install-chromium.sh

# Debian's redis-server for the distributed-rendering tests (started by the tests on 127.0.0.1, a free port); skipped likewise.
services:
	-bash scripts/install-redis.sh

check-notebooks: install-dev
	$(BIN)/python tests/check_notebooks.py

nbtest: install-dev
	cd nbs && ../$(BIN)/nbdev-test --n-workers 2

pytest: install-dev
	$(BIN)/python -m pytest

## make docs-check: every command in README.md run as written, servers started and stopped (about 8 minutes)
docs-check: install-dev services
	$(BIN)/python -m pytest tests/test_docs.py -m docs -s -p no:cacheprovider

# The render benchmark's peer (MoviePy 2) lives in its own environment: it pins an older Pillow.
PEER ?= .venv-peer
$(PEER)/.installed: tests/bench/peer-requirements.txt
	$(PYTHON) -m venv $(PEER)
	$(PEER)/bin/python -m pip --disable-pip-version-check -q install -r $<
	touch $@

## make bench: speed and memory figures, as ratios against references measured in the same run
bench: install-dev $(PEER)/.installed
	$(BIN)/python -m pytest tests/bench -s -p no:cacheprovider -o addopts=""

## make studio: JupyterLab on the tutorial (the studio is its last section), at http://127.0.0.1:8888
studio: install
	$(PIP) install -e ".[notebook]"
	$(BIN)/jupyter lab --ip 127.0.0.1 nbs/tutorials/first_video.ipynb

## make serve: the REST API on http://127.0.0.1:8000 (docs at /docs); make a token first: videogen tokens create --name me --scope render
serve: install
	$(PIP) install -e ".[server]"
	$(BIN)/videogen serve

clean:
	rm -rf $(VENV) $(PEER) $(DEMO_OUT) .pytest_cache
