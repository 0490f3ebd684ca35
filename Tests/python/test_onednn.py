"""oneDNN (libdnnl) is opened on the first convolution that takes it, never at kernel start (issue 18).

The table in Sources/Tensor/OneDNNConv.swift gives oneDNN no convolution on the CPUs measured so
far, so a kernel that trains a CNN does not load it at all; with FOVEA_ONEDNN=1 (every convolution
through oneDNN), an idle kernel, and one that only builds a model, still do not have libdnnl in
their memory map, and the first training step loads it, without starting a thread more than
Fovea's own (oneDNN's OpenMP runs on the calling pool thread alone).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kernel_helpers import IS_FOVEA, ok, start_kernel, stop_kernel

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's lazy loading of oneDNN")

CPU_FLAGS = next((l for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("flags")), "").split()
HAS_DNNL = any(Path(d, "libdnnl.so.2").exists() for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib", "/usr/local/lib"))

BUILD = ("import numpy as np\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n"
         "model = keras.Sequential([layers.Input((8, 8, 1)), layers.Conv2D(8, 3, activation='relu'), "
         "layers.Conv2D(16, 3, activation='relu'), layers.Flatten(), layers.Dense(2)])\n"
         "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')")
FIT = "model.fit(np.zeros((4, 8, 8, 1), dtype='float32'), np.zeros(4, dtype='int32'), epochs=1, verbose=0)"


def run_kernel(requested):
    """libdnnl in the map before the model, after building it, after fit; then the thread count."""
    env = {k: v for k, v in os.environ.items() if k != "FOVEA_ONEDNN"}
    if requested:
        env["FOVEA_ONEDNN"] = "1"
    km, kc = start_kernel(env=env)
    try:
        pid = km.provisioner.process.pid
        maps = Path(f"/proc/{pid}/maps")
        seen = []
        ok(kc, "1 + 1")
        seen.append("libdnnl" in maps.read_text())
        ok(kc, BUILD)
        seen.append("libdnnl" in maps.read_text())
        ok(kc, FIT)
        seen.append("libdnnl" in maps.read_text())
        return seen, len(list(Path(f"/proc/{pid}/task").iterdir()))
    finally:
        stop_kernel(km, kc)


def test_libdnnl_is_opened_on_the_first_convolution_it_takes_only_and_starts_no_threads():
    seen, threads = run_kernel(requested=False)
    assert seen == [False, False, False]
    seen, threads_with_dnnl = run_kernel(requested=True)
    loads = HAS_DNNL and "avx2" in CPU_FLAGS and "fma" in CPU_FLAGS
    assert seen == [False, False, loads]
    # oneDNN runs on Fovea's pool threads, its OpenMP team held to the calling thread: no more threads.
    assert threads_with_dnnl == threads
