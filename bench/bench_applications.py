"""Building keras.applications.VGG19(weights=None) (143,667,240 parameters, 575 MB of float32
weights) and printing its summary, in a fresh Fovea kernel: the wall time of that cell and the
kernel's peak resident memory (VmHWM) above what it held before. Budgets (issue 13): at most 3 s,
at most 1.2x the weights' bytes. When KERAS_PYTHON names a Python with TensorFlow, Keras's own
time for the same cell is printed beside it. Figures, not a test: on 2 shared cores expect
run-to-run noise of 10-30 %. `make bench-applications`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import jupyter_client

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel_value import kernel_value as run, status_mib  # noqa: E402

PARAMS = 143_667_240
WEIGHTS_MB = PARAMS * 4 / 1e6
BUDGET_SECONDS, BUDGET_MEMORY = 3.0, 1.2
CELL = "m = keras.applications.VGG19(weights=None)\nm.summary()"
KERAS_CELL = f"""
import time, io, contextlib
t = time.perf_counter()
import keras
t0 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
{chr(10).join('    ' + line for line in CELL.splitlines())}
print(time.perf_counter() - t0)
"""


def main() -> int:
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="fovea")
    try:
        pid = km.provisioner.process.pid
        run(kc, "import keras")
        before = status_mib(pid)
        start = time.perf_counter()
        kc.execute_interactive(CELL, output_hook=lambda m: None, timeout=600)
        seconds = time.perf_counter() - start
        peak_mb = (status_mib(pid, "VmHWM") - before) * 1024 * 1024 / 1e6
        count = int(run(kc, "m.count_params()"))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(f"keras.applications.VGG19(weights=None) + summary(), {count:,} parameters ({WEIGHTS_MB:.0f} MB of weights):")
    print(f"  Fovea  {seconds:6.2f} s   (budget {BUDGET_SECONDS:.0f} s)")
    print(f"  memory {peak_mb:6.0f} MB above the idle kernel = {peak_mb / WEIGHTS_MB:.2f}x the weights (budget {BUDGET_MEMORY}x)")
    keras_python = os.environ.get("KERAS_PYTHON")
    if keras_python:
        out = subprocess.run([keras_python, "-c", KERAS_CELL], capture_output=True, text=True, check=True,
                             env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
        keras_seconds = float(out.stdout.strip().splitlines()[-1])
        print(f"  Keras  {keras_seconds:6.2f} s ({keras_python})   Fovea/Keras {seconds / keras_seconds:.2f}x")
    else:
        print("  Keras: set KERAS_PYTHON to a Python with TensorFlow to time it in the same run")
    print("Figures, not a test: on 2 shared cores expect run-to-run noise of 10-30 %.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
