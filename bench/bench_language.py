"""The language's own speed on the Python that tutorials write, beside CPython in the same run:
each snippet runs in a Fovea kernel (through jupyter_client) and in this venv's python3, and the
table prints microseconds per item and Fovea's ratio to CPython. Figures, not a test: on 2 shared
cores expect run-to-run noise of 10-30 %. `make bench-language`."""

from __future__ import annotations

import sys
import time

import jupyter_client
from kernel_value import kernel_value

N = 100_000

SETUP = f"""
import time
N = {N}
def numbers(n):
    for i in range(n):
        yield i
class Counter:
    def __init__(self):
        self.total = 0
    def add(self, v):
        self.total += v
def timed(f):
    t = time.perf_counter()
    f()
    return (time.perf_counter() - t) * 1e6 / N
"""

CASES = [
    ("for loop over range", "def f():\n    s = 0\n    for i in range(N):\n        s += i"),
    ("generator expression", "def f():\n    sum(i for i in range(N))"),
    ("generator function (yield)", "def f():\n    sum(numbers(N))"),
    ("call of a function (two arguments)", "def add(a, b):\n    return a + b\ndef f():\n    for i in range(N):\n        add(i, 1)"),
    ("list comprehension", "def f():\n    [i * 2 for i in range(N)]"),
    ("method call on an instance", "def f():\n    c = Counter()\n    for i in range(N):\n        c.add(i)"),
    ("try/except that raises", "def f():\n    for i in range(N):\n        try:\n            raise ValueError(i)\n        except ValueError:\n            pass"),
]


def cpython(code: str) -> float:
    ns: dict = {}
    exec(SETUP, ns)
    exec(code, ns)
    return min(ns["timed"](ns["f"]) for _ in range(3))


def fovea(kc, code: str) -> float:
    return float(kernel_value(kc, code + "\nmin(timed(f) for _ in range(3))", timeout=600))


def main() -> int:
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="fovea")
    try:
        kc.execute_interactive(SETUP, timeout=60)
        print(f"{'snippet (' + format(N, ',') + ' items, best of 3)':<40} {'Fovea':>12} {'CPython':>12} {'ratio':>8}")
        print("-" * 76)
        for name, code in CASES:
            f, c = fovea(kc, code), cpython(code)
            print(f"{name:<40} {f:>9.3f} us {c:>9.3f} us {f / c:>7.1f}x")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(f"\nCPython {sys.version.split()[0]}. Figures, not a test: on 2 shared cores expect run-to-run noise of 10-30 %.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
