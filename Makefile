# Fovea: set-up, build and tests.
#
#   make lab            set up everything, then open JupyterLab on Notebooks/
#   make test           set up everything, then run every test (Swift, protocol, notebooks)
#   make bench          training speed, accuracy, predict time and peak memory, then bench-plot, against the budgets
#   make bench-kernel   kernel start-up / latency / memory figures against the budgets
#   make bench-language the language on tutorial Python (loops, generators, classes) beside CPython
#   make bench-numpy    array work of tutorials (scale, cast, reduce, mask, index, @) beside numpy
#   make bench-plot     plt figures drawn and encoded (5x5 image grid, 600-point curve) beside matplotlib
#   make bench-data     loading Fashion-MNIST and an .npz, and a pass over 10,000 JPEGs, beside numpy/Pillow (Keras)
#   make bench-applications  building keras.applications.VGG19 and its summary: time and memory (beside Keras)
#   make bench-conv     the seed CNN's convolutions in CKernels beside oneDNN, GFLOP/s (C, no kernel)
#   make bench-files    saving and loading the pooling CNN and VGG16 in Keras's file formats (beside Keras)
#   make interop        model files both ways between Fovea and real Keras (needs KERAS_PYTHON)
#   make lessons-html   execute the course (Notebooks/NN-*.ipynb) and render it to build/lessons-html/
#
# Every step is idempotent and cheap the second time:
#   - apt runs only when `dpkg -s` reports one of APT_PACKAGES as not installed
#     (then `apt-get update` first; `sudo` only when not root);
#   - pip runs only when requirements-dev.txt is newer than the venv's stamp file;
#   - `swift build` is incremental by itself (a no-op build takes about two seconds);
#   - the kernelspec install only rewrites a few small files.
#
# BUILD ONCE. The tests use public APIs only (no @testable import), so one
# `swift build -c release --build-tests` produces both the release `fovea`
# binary and the test bundle, with the same flags, in .build/release/.
# `swift test -c release --skip-build` then runs that bundle without compiling
# anything. Checked on this toolchain (Swift 6.3.1, Swift Testing and XCTest)
# with a throw-away package: the binaries' mtimes are unchanged after
# `swift test --skip-build`, a later plain `swift build -c release` is a no-op,
# and a failing #expect makes `swift test --skip-build` exit 1.
# Caveat: --skip-build runs whatever is in .build/release, so always go through
# `make test` / `make test-swift` (which build first) rather than calling it alone.

SHELL := /bin/bash
.DEFAULT_GOAL := help

SWIFT   ?= $(or $(shell command -v swift 2>/dev/null),/opt/swift/usr/bin/swift)
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
JUPYTER := $(VENV)/bin/jupyter
FOVEA   := .build/release/fovea

UID_NOW := $(shell id -u)
SUDO    := $(if $(filter 0,$(UID_NOW)),,sudo)

APT_PACKAGES := libzmq3-dev libopenblas-dev zlib1g-dev libcurl4-openssl-dev libarchive-dev libpng-dev libturbojpeg0-dev \
                libhdf5-dev libzip-dev libdnnl-dev dataset-fashion-mnist pkg-config chromium chromium-driver libcairo2 fonts-dejavu-core

VENV_STAMP := $(VENV)/.requirements-dev.stamp

# The venv's kernelspec first, ahead of ~/.local/share/jupyter, so that a
# `fovea` kernelspec installed elsewhere (another checkout) never shadows ours.
export JUPYTER_PATH := $(CURDIR)/$(VENV)/share/jupyter
export PYTHONDONTWRITEBYTECODE := 1

PYTEST_ARGS ?=
BENCH_ARGS  ?=
LAB_ARGS    ?=

.PHONY: help setup apt-deps venv build kernelspec lab test test-swift test-python \
        _test-swift _test-python bench bench-kernel bench-language bench-numpy bench-plot bench-data bench-applications bench-files bench-conv interop lessons-html clean distclean

help:
	@echo "make lab           set up (apt, .venv, release build, kernelspec) and open JupyterLab on Notebooks/"
	@echo "make test          set up, then Swift unit tests + Python protocol/notebook tests"
	@echo "make test-swift    build, then only the Swift tests"
	@echo "make test-python   set up, then only the pytest suite (PYTEST_ARGS='-k name' to filter)"
	@echo "make bench         train model d on Fashion-MNIST: epoch time, accuracy, predict, peak RSS, per-layer profile (BENCH_ARGS=...), then bench-plot"
	@echo "make bench-kernel  start-up, execute round trip and memory of the kernel vs ipykernel (BENCH_ARGS=...)"
	@echo "make bench-language  loops, generators, classes and exceptions per item, beside CPython"
	@echo "make bench-numpy     scaling, casting, reductions, masks, indexing and @ beside real numpy"
	@echo "make bench-plot      plt: a 5x5 image grid and a 600-point curve drawn to PNG beside matplotlib, and kernel RSS"
	@echo "make bench-data      Fashion-MNIST and .npz load times, image_dataset_from_directory images/s and peak RSS"
	@echo "make lessons-html  execute the lessons and render them as HTML into build/lessons-html/"
	@echo "make build         swift build -c release --build-tests (binary and tests, once)"
	@echo "make setup         everything 'lab' and 'test' need, without running anything"
	@echo "make clean         remove .build and test caches (keeps .venv); 'make distclean' removes .venv too"

setup: apt-deps venv build kernelspec

apt-deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg -s "$$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "apt: installing$$missing"; \
	  $(SUDO) apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

venv: $(VENV_STAMP)

$(VENV_STAMP): requirements-dev.txt
	@test -x $(PY) || { echo "creating $(VENV)"; $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -q -r requirements-dev.txt
	@touch $@

build: apt-deps
	$(SWIFT) build -c release --build-tests

KERNEL_JSON := $(VENV)/share/jupyter/kernels/fovea/kernel.json

kernelspec: build venv
	$(FOVEA) install --prefix $(VENV)
	@test -f $(KERNEL_JSON) || { echo "error: '$(FOVEA) install --prefix $(VENV)' did not write $(KERNEL_JSON)" >&2; exit 1; }

lab: setup
	$(JUPYTER) lab --notebook-dir=Notebooks $(if $(filter 0,$(UID_NOW)),--allow-root) $(LAB_ARGS)

# `-k`: run the Python tests even when a Swift test failed; the exit status is
# still non-zero if either failed.
test: setup
	@$(MAKE) --no-print-directory -k _test-swift _test-python

test-swift: build
	@$(MAKE) --no-print-directory _test-swift

test-python: setup
	@$(MAKE) --no-print-directory _test-python

_test-swift:
	$(SWIFT) test -c release --skip-build

# pytest's own exit status is kept as is: 1 for failures, 5 when no test ran.
_test-python:
	$(PY) -m pytest Tests/python $(PYTEST_ARGS)

# Training first, then the drawing of plt figures beside matplotlib (bench-plot), then loading
# data (bench-data).
bench: setup
	$(PY) bench/bench_train.py $(BENCH_ARGS)
	$(PY) bench/bench_plot.py
	$(PY) bench/bench_data.py
	$(PY) bench/bench_applications.py
	$(PY) bench/bench_model_files.py

# Compared with ipykernel, then with xeus-python (bench/requirements.txt), each in the same run.
bench-kernel: setup
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -q -r bench/requirements.txt
	$(PY) bench/bench_kernel.py $(BENCH_ARGS)
	$(PY) bench/bench_kernel.py --compare xpython $(BENCH_ARGS)

# The language's speed on tutorial Python (loops, generators, classes, exceptions) beside CPython.
bench-language: setup
	$(PY) bench/bench_language.py $(BENCH_ARGS)

# Fovea's numpy beside real numpy (the test venv's), in the same run.
bench-numpy: setup
	$(PY) bench/bench_numpy.py $(BENCH_ARGS)

# plt drawing (Cairo) beside matplotlib's Agg backend in the same run, and the kernel's RSS after
# its first figure.
bench-plot: setup
	$(PY) bench/bench_plot.py $(BENCH_ARGS)

# Building keras.applications.VGG19 and its summary: time and memory against the budgets (issue 13),
# beside Keras when KERAS_PYTHON names a Python with TensorFlow.
bench-applications: setup
	$(PY) bench/bench_applications.py

# Saving and loading model files (issue 14), beside Keras when KERAS_PYTHON is set.
bench-files: setup
	$(PY) bench/bench_model_files.py

# The seed CNN's convolutions in CKernels beside oneDNN (forward+relu, backward-data, -weights), in
# GFLOP/s, on one thread and on two (issue 18): the figures behind Tensor/OneDNNConv.swift's choice.
# CKernels is compiled as SwiftPM compiles it (the toolchain's clang, -O2): gcc -O2 makes its
# intrinsics code about three times slower, which once made oneDNN look faster than it is.
bench-conv: apt-deps
	mkdir -p .build/bench
	cd .build/bench && $(dir $(realpath $(SWIFT)))clang -O2 -fPIC -c -I../../Sources/CKernels/include \
	    ../../Sources/CKernels/blocked_conv.c ../../Sources/CKernels/shallow_conv.c
	cc -O2 -fopenmp -ISources/CKernels/include -o .build/bench/conv_onednn bench/conv_onednn.c \
	    .build/bench/blocked_conv.o .build/bench/shallow_conv.o -ldnnl -lm
	OMP_NUM_THREADS=1 .build/bench/conv_onednn
	OMP_NUM_THREADS=2 .build/bench/conv_onednn

# Model files both ways between Fovea and real Keras: needs KERAS_PYTHON (a Python with TensorFlow).
interop: setup
	$(PY) bench/interop.py

# Loading datasets and image folders (issue 15) beside the same work with numpy and Pillow, and
# beside Keras when KERAS_PYTHON names a Python with TensorFlow.
bench-data: setup
	$(PY) bench/bench_data.py

# The course executed on the kernel and rendered by nbconvert, one HTML page per lesson. Cells
# tagged raises-exception show their error; any other error stops the target.
LESSONS      := $(sort $(wildcard Notebooks/[0-9][0-9]-*.ipynb))
LESSONS_HTML := build/lessons-html

lessons-html: setup
	rm -rf $(LESSONS_HTML)
	$(JUPYTER) nbconvert --to html --execute --ExecutePreprocessor.kernel_name=fovea \
	  --ExecutePreprocessor.timeout=300 --output-dir $(LESSONS_HTML) $(LESSONS)
	@echo "open $(LESSONS_HTML)/01-welcome.html"

clean:
	rm -rf .build build/lessons-html .pytest_cache Tests/python/.pytest_cache out
	find Tests bench tools -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true

distclean: clean
	rm -rf $(VENV)
