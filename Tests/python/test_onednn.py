"""oneDNN (libdnnl) is opened on the first convolution that takes it, never at kernel start (issue 18).

The table in Sources/Tensor/OneDNNConv.swift gives oneDNN no convolution on the CPUs measured so
far, so a kernel that trains a CNN does not load it at all; with FOVEA_ONEDNN=1 (every convolution
through oneDNN), an idle kernel, and one that only builds a model, still do not have libdnnl in
their memory map, and the first training step loads it.
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


@pytest.mark.parametrize("requested", [False, True])
def test_libdnnl_is_opened_on_the_first_convolution_it_takes_only(requested):
    env = {k: v for k, v in os.environ.items() if k != "FOVEA_ONEDNN"}
    if requested:
        env["FOVEA_ONEDNN"] = "1"
    km, kc = start_kernel(env=env)
    try:
        maps = Path(f"/proc/{km.provisioner.process.pid}/maps")
        ok(kc, "1 + 1")
        assert "libdnnl" not in maps.read_text()
        ok(kc, BUILD)
        assert "libdnnl" not in maps.read_text()
        ok(kc, FIT)
        loads = requested and HAS_DNNL and "avx2" in CPU_FLAGS and "fma" in CPU_FLAGS
        assert ("libdnnl" in maps.read_text()) == loads
    finally:
        stop_kernel(km, kc)
