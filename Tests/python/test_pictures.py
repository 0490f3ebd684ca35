"""The picture built-ins through the real kernel: each call sends a display_data with a PNG
that decodes (zlib, CRC) to the size its metadata states and is not blank, or an HTML table; the
pictures are drawn as matplotlib draws (antialiased DejaVu Sans, matplotlib's colormaps)."""

from __future__ import annotations

import base64
import io
import struct
import zlib

import pytest

from kernel_helpers import IS_FOVEA, execute

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's own built-ins")

SETUP = """
from tensorflow.keras import layers, models
model = models.Sequential([
    layers.Conv2D(4, (3, 3), activation='relu', input_shape=(28, 28, 1)),
    layers.MaxPooling2D((2, 2)),
    layers.Flatten(),
    layers.Dense(10, activation='softmax'),
])
img = [[(r * 7 + c * 3) % 11 for c in range(28)] for r in range(28)]
"""

CALLS = {
    "show_images([img, img], labels=[0, 9])": ["png"],
    "show_image(img)": ["png"],
    "show_feature_maps(model, img)": ["png"],
    "show_filters(model)": ["png"],
    "show_pooling(img)": ["png", "html"],
    "show_convolution(img, [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])": ["png", "html"],
    "plot_history({'loss': [0.9, 0.5, 0.4], 'val_loss': [1.0, 0.7, 0.6]})": ["png"],
    "show_predictions(model, [img, img], labels=[1, 2])": ["png"],
    "explain_params(model)": ["html"],
}


def decode_png(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, header = 8, b"", b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind = data[at + 4:at + 8]
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and color in (0, 2, 6)
    raw = zlib.decompress(idat)
    channels = {0: 1, 2: 3, 6: 4}[color]
    assert len(raw) == (width * channels + 1) * height
    return width, height, raw


@pytest.mark.parametrize("call", list(CALLS))
def test_each_call_displays_a_picture(kernel, call):
    _, kc = kernel
    reply, _ = execute(kc, SETUP)
    assert reply["content"]["status"] == "ok"
    reply, msgs = execute(kc, call)
    assert reply["content"]["status"] == "ok", reply["content"]
    displays = [m["content"] for m in msgs if m["msg_type"] == "display_data"]
    kinds = ["png" if "image/png" in d["data"] else "html" for d in displays]
    assert kinds == CALLS[call]
    for d in displays:
        assert d["data"]["text/plain"]
        if "image/png" in d["data"]:
            width, height, raw = decode_png(base64.b64decode(d["data"]["image/png"]))
            assert d["metadata"]["image/png"] == {"width": width, "height": height}
            assert width >= 50 and height >= 50
            assert len(set(raw)) > 3, "blank picture"
        else:
            assert "<table" in d["data"]["text/html"]


def test_a_wrong_layer_name_is_a_located_error(kernel):
    _, kc = kernel
    execute(kc, "from tensorflow.keras import backend\nbackend.clear_session()")  # names from conv2d again
    execute(kc, SETUP)
    reply, _ = execute(kc, "show_feature_maps(model, img, layer='conv')")
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "ValueError"
    assert any("did you mean 'conv2d'?" in line for line in reply["content"]["traceback"])


def shown_png(kc, code: str):
    from PIL import Image

    reply, msgs = execute(kc, code)
    assert reply["content"]["status"] == "ok", reply["content"]
    data = next(m["content"]["data"] for m in msgs if m["msg_type"] == "display_data" and "image/png" in m["content"]["data"])
    return Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).convert("RGB")


def test_captions_are_antialiased_text(kernel):
    """A row of two blank tiles with long captions: under the tiles, the text has many grey
    levels (antialiased DejaVu Sans), where a pixel font has two."""
    _, kc = kernel
    img = shown_png(kc, "show_images([[[0] * 28] * 28] * 2, labels=[9, 0])")
    # The tiles are black 84x84 squares (28 values at 3x); the captions are the text below them.
    w, h = img.size
    rows = [y for y in range(h) if sum(1 for x in range(w) if img.getpixel((x, y)) == (0, 0, 0)) >= 2 * 80]
    assert rows and rows[-1] - rows[0] >= 80, "two black 84x84 tiles side by side"
    caption = img.crop((0, rows[-1] + 3, w, min(h, rows[-1] + 25))).convert("L")
    levels = set(caption.getdata())
    assert len(levels) > 8, f"{len(levels)} grey levels in the captions"
    assert min(levels) < 80


def test_feature_maps_are_coloured_with_viridis(kernel):
    """A uniform image through the relu conv: every channel is one constant, and the layer's one
    scale maps the smallest to 0, viridis's first colour (68, 1, 84), all over its 26x26 tile."""
    _, kc = kernel
    execute(kc, SETUP)
    img = shown_png(kc, "show_feature_maps(model, [[0.5] * 28] * 28, layer=model.layers[0].name)")
    counts = {c: n for n, c in img.getcolors(maxcolors=1 << 22)}
    assert counts.get((68, 1, 84), 0) >= 78 * 78 * 0.9, "a 26x26 channel at 3x in viridis's first colour"


def test_a_grid_is_as_wide_as_its_tiles(kernel):
    """Eight 28x28 tiles a row at 3x with captions: about 8 x 95 pixels across, whatever the font."""
    _, kc = kernel
    img = shown_png(kc, "show_images([[[1] * 28] * 28] * 16, labels=list(range(16)), class_names=[str(i) for i in range(16)])")
    w, h = img.size
    assert 8 * 84 < w < 8 * 84 + 8 * 30 + 60, img.size
    assert 2 * 84 < h < 2 * 84 + 200, img.size
