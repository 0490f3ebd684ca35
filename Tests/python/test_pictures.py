"""The picture built-ins through the real kernel: each call sends a display_data with a PNG
that decodes (zlib, CRC) to the size its metadata states and is not blank, or an HTML table."""

from __future__ import annotations

import base64
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
