"""Fovea's numpy beside real numpy in the same run, on what tutorials do with arrays: scale the
Fashion-MNIST training images, cast them, reduce, compare, mask and index, multiply matrices.
Each snippet runs in a Fovea kernel (through jupyter_client) and in this venv's numpy; the table
prints milliseconds (best of 5) and Fovea's ratio to numpy. Figures, not a test: on 2 shared
cores expect run-to-run noise of 10-30 %. `make bench-numpy`."""

from __future__ import annotations

import sys

import jupyter_client
from kernel_value import kernel_value
import numpy as np

SETUP = """
import time
import numpy as np
x8 = (np.arange(60000 * 784) % 251).astype(np.uint8).reshape(60000, 28, 28)
y = np.arange(60000) % 10
x = x8 / 255.0
x32 = x.astype('float32')
m = np.arange(200 * 200).reshape(200, 200) / 40000.0
def timed(f):
    best = 1e9
    for _ in range(5):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best * 1000
"""

CASES = [
    ("x8 / 255.0 (uint8 -> float64)", "x8 / 255.0"),
    ("x.astype('float32')", "x.astype('float32')"),
    ("x32 * 2.0 + 1.0", "x32 * 2.0 + 1.0"),
    ("x.sum() (pairwise)", "x.sum()"),
    ("x32.mean(axis=0)", "x32.mean(axis=0)"),
    ("x.std()", "x.std()"),
    ("np.argmax(x32.reshape(60000, -1), axis=1)", "np.argmax(x32.reshape(60000, -1), axis=1)"),
    ("x[y == 3] (mask 6000 rows)", "x[y == 3]"),
    ("x32[:, 10:20, [3, 5]] (advanced)", "x32[:, 10:20, [3, 5]]"),
    ("np.where(x32 > 0.5, 1.0, 0.0)", "np.where(x32 > 0.5, 1.0, 0.0)"),
    ("m @ m (200x200 float64)", "m @ m"),
    ("np.exp(x32[:10000])", "np.exp(x32[:10000])"),
]


def numpy_ms(code: str) -> float:
    ns: dict = {}
    exec(SETUP, ns)
    exec(f"def f():\n    {code}", ns)
    return ns["timed"](ns["f"])


def fovea_ms(kc, code: str) -> float:
    value = kernel_value(kc, f"def f():\n    {code}\ntimed(f)", timeout=600)
    return float(value.removeprefix("np.float64(").removesuffix(")"))


def main() -> int:
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="fovea")
    try:
        kc.execute_interactive(SETUP, timeout=300)
        print(f"{'snippet (best of 5)':<44} {'Fovea':>10} {'numpy':>10} {'ratio':>8}")
        print("-" * 76)
        for name, code in CASES:
            f, n = fovea_ms(kc, code), numpy_ms(code)
            print(f"{name:<44} {f:>7.1f} ms {n:>7.1f} ms {f / n:>7.1f}x")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(f"\nnumpy {np.__version__}. Figures, not a test: on 2 shared cores expect run-to-run noise of 10-30 %.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
