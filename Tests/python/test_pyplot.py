"""plt in Fovea beside matplotlib's Agg backend: the same scenes (plot_scenes.py) drawn by both at
the same dpi must give images of the same size (within 2%) after bbox_inches='tight', the same
number of axes, and antialiased text; figures are shown once at the end of a cell, as the inline
backend shows them, and savefig writes a real PNG."""
from __future__ import annotations

import base64
import io
import os
import re

import pytest

from kernel_helpers import IS_FOVEA, execute
from plot_scenes import AXES, SCENES, SETUP

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from PIL import Image  # noqa: E402

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="compares Fovea's drawing with matplotlib's")


def reference(name: str) -> tuple[Image.Image, int]:
    ns: dict = {}
    exec(SETUP, ns)
    exec(SCENES[name], ns)
    fig = plt.gcf()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    axes = len(fig.axes)
    plt.close("all")
    return Image.open(io.BytesIO(buf.getvalue())), axes


def figures(msgs: list[dict]) -> list[dict]:
    return [m["content"] for m in msgs if m["msg_type"] == "display_data" and "image/png" in m["content"]["data"]]


def grey_levels(img: Image.Image, box: tuple[int, int, int, int]) -> int:
    return len(set(img.convert("L").crop(box).getdata()))


@pytest.fixture(scope="module")
def drawn(kernel):
    _, kc = kernel
    reply, _ = execute(kc, SETUP)
    assert reply["content"]["status"] == "ok"
    out = {}
    for name, code in SCENES.items():
        reply, msgs = execute(kc, code)
        assert reply["content"]["status"] == "ok", reply["content"]
        shown = figures(msgs)
        assert len(shown) == 1, f"{name}: {len(shown)} figures shown"
        out[name] = shown[0]
    return out


@pytest.mark.parametrize("name", list(SCENES))
def test_same_size_and_axes_as_matplotlib(drawn, name):
    ref, ref_axes = reference(name)
    content = drawn[name]
    img = Image.open(io.BytesIO(base64.b64decode(content["data"]["image/png"])))
    w, h = img.size
    rw, rh = ref.size
    assert abs(w - rw) <= 0.02 * rw and abs(h - rh) <= 0.02 * rh, f"{name}: Fovea {w}x{h}, matplotlib {rw}x{rh}"
    assert content["metadata"]["image/png"] == {"width": w, "height": h}
    m = re.fullmatch(r"<Figure size (\d+)x(\d+) with (\d+) Axes>", content["data"]["text/plain"])
    assert m, content["data"]["text/plain"]
    assert int(m.group(3)) == ref_axes == AXES[name]


def test_text_is_antialiased(drawn):
    # The x label 'Epoch' of the curve sits in the bottom strip, above the 0.1 in pad.
    img = Image.open(io.BytesIO(base64.b64decode(drawn["curve"]["data"]["image/png"])))
    ref, _ = reference("curve")
    w, h = img.size
    strip = (w // 3, h - 30, 2 * w // 3, h - 8)
    assert grey_levels(ref, (ref.size[0] // 3, ref.size[1] - 30, 2 * ref.size[0] // 3, ref.size[1] - 8)) > 2
    assert grey_levels(img, strip) > 2, "the label is drawn in two colours: not antialiased"


def test_figure_shown_once_then_closed(kernel):
    _, kc = kernel
    reply, msgs = execute(kc, "plt.plot([1, 2, 3])\nplt.title('t');")
    shown = figures(msgs)
    assert len(shown) == 1 and shown[0]["data"]["text/plain"] == "<Figure size 640x480 with 1 Axes>"
    reply, msgs = execute(kc, "x = 1")
    assert figures(msgs) == []
    reply, msgs = execute(kc, "plt.gcf()")
    assert figures(msgs) == []


def test_figures_follow_the_result_and_the_error(kernel):
    """As IPython's inline backend (a post_execute hook): the cell's result or traceback first,
    then its figures."""
    _, kc = kernel
    for code, first in (("plt.plot([1, 2, 3])", "execute_result"), ("plt.plot([1, 2])\n1 / 0", "error")):
        reply, msgs = execute(kc, code)
        kinds = [m["msg_type"] for m in msgs if m["msg_type"] in ("execute_result", "error", "display_data")]
        assert kinds == [first, "display_data"], kinds


def test_show_displays_at_once(kernel):
    _, kc = kernel
    reply, msgs = execute(kc, "plt.plot([1, 2])\nplt.show()\nprint('after')")
    kinds = [m["msg_type"] for m in msgs if m["msg_type"] in ("display_data", "stream")]
    assert kinds == ["display_data", "stream"], kinds


def test_savefig_writes_png(kernel, tmp_path):
    _, kc = kernel
    path = tmp_path / "plot.png"
    reply, _ = execute(kc, f"plt.figure(figsize=(4, 3))\nplt.plot([1, 2])\nplt.savefig({str(path)!r}, dpi=50)")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert Image.open(path).size == (200, 150)
    reply, _ = execute(kc, f"plt.plot([1, 2])\nplt.savefig({str(tmp_path / 'tight.png')!r}, bbox_inches='tight')")
    assert Image.open(tmp_path / "tight.png").size[0] < 640


def test_unsupported_call_names_the_nearest(kernel):
    _, kc = kernel
    reply, msgs = execute(kc, "plt.errorbar([0, 1], [0, 1])")
    err = reply["content"]
    assert err["status"] == "error" and err["ename"] == "NotImplementedError"
    assert "plt.errorbar()" in err["evalue"]
    assert any("plot" in line for line in err["traceback"])
    execute(kc, "plt.close('all')")
