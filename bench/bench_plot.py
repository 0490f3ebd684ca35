"""plt drawing in Fovea beside matplotlib (Agg) in the same run: the time to draw and encode a
5x5 grid of 28x28 images with labels and a 600-point training curve, each saved as a PNG with
bbox_inches='tight' at the same dpi (best of 5, after one untimed draw, so without import time),
the PNG bytes, and the kernel's resident memory before and after its first figure (and after a
first picture call, show_images, in a fresh kernel). Budgets (issue 12): at most 0.5x
matplotlib's time, at most 1.5x its bytes, at most 40 MiB after the first figure. Figures, not a test: on 2 shared cores expect run-to-run noise of 10-30 %.
`make bench-plot`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import jupyter_client

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "python"))
from plot_scenes import SCENES, SETUP  # noqa: E402

from kernel_value import kernel_value as run, status_mib as rss_mib  # noqa: E402

TIMER = """
import time
def timed(f):
    best = 1e9
    for _ in range(5):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best * 1000
"""

CASES = [("5x5 grid of 28x28 images with labels", "grid"), ("600-point curve with legend", "curve")]
BUDGET_TIME, BUDGET_BYTES, BUDGET_RSS = 0.5, 1.5, 40.0


def body(scene: str, path: str) -> str:
    lines = SCENES[scene].strip().splitlines()
    lines.append(f"plt.savefig({path!r}, bbox_inches='tight')")
    lines.append("plt.close('all')")
    return "def f():\n" + "\n".join("    " + line for line in lines) + "\n"


def matplotlib_ms(scene: str, path: str) -> float:
    import matplotlib

    matplotlib.use("Agg")
    ns: dict = {}
    exec(SETUP + TIMER, ns)
    exec(body(scene, path), ns)
    ns["f"]()
    return ns["timed"](ns["f"])


def picture_rss() -> float:
    """Fovea's own picture calls draw through the same Cairo renderer: the resident memory of a
    fresh kernel after its first show_images."""
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="fovea")
    try:
        run(kc, "1")
        run(kc, "show_images([[[(r * 7 + c * 3) % 11 for c in range(28)] for r in range(28)]] * 25, labels=list(range(25)))")
        return rss_mib(km.provisioner.process.pid)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main() -> int:
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="fovea")
    tmp = Path(tempfile.mkdtemp(prefix="bench-plot-"))
    try:
        pid = km.provisioner.process.pid
        run(kc, "1")
        rss_idle = rss_mib(pid)
        run(kc, SETUP + TIMER)
        rss_setup = rss_mib(pid)
        first = tmp / "first.png"
        run(kc, body("curve", str(first)) + "f()")
        rss_first = rss_mib(pid)
        print(f"{'draw + encode PNG (best of 5)':<40} {'Fovea':>9} {'matplotlib':>11} {'ratio':>6} {'bytes':>8} {'mpl bytes':>10} {'ratio':>6}")
        print("-" * 96)
        for label, scene in CASES:
            fp, mp = tmp / f"fovea-{scene}.png", tmp / f"mpl-{scene}.png"
            run(kc, body(scene, str(fp)) + "f()")
            f = float(run(kc, body(scene, str(fp)) + "timed(f)"))
            m = matplotlib_ms(scene, str(mp))
            fb, mb = fp.stat().st_size, mp.stat().st_size
            print(f"{label:<40} {f:>6.1f} ms {m:>8.1f} ms {f / m:>5.2f}x {fb:>8} {mb:>10} {fb / mb:>5.2f}x")
        print(f"\nkernel RSS: {rss_idle:.1f} MiB idle, {rss_setup:.1f} MiB after numpy set-up, "
              f"{rss_first:.1f} MiB after the first figure (budget {BUDGET_RSS:.0f} MiB)")
        rss_final = rss_mib(pid)
        print(f"kernel RSS after every figure: {rss_final:.1f} MiB")
        print(f"kernel RSS after a first picture call (a fresh kernel, show_images of 25 images): {picture_rss():.1f} MiB")
        import matplotlib

        print(f"budgets: time <= {BUDGET_TIME}x matplotlib, bytes <= {BUDGET_BYTES}x; matplotlib {matplotlib.__version__}. "
              "Figures, not a test: on 2 shared cores expect run-to-run noise of 10-30 %.")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        for p in tmp.iterdir():
            p.unlink()
        tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
