"""keras.utils.plot_model through the real kernel: a real PNG written to to_file (read back with
Pillow), the same image shown in the notebook as image/png, TB tall and LR wide, wider boxes with
show_shapes, and clear errors."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from kernel_helpers import IS_FOVEA, error, ok, underlined

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea draws plot_model itself")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def kc(kernel):
    kc = kernel[1]
    ok(kc, """
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
cnn = keras.Sequential([
    layers.Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)),
    layers.MaxPooling2D((2, 2)),
    layers.Conv2D(64, (3, 3), activation='relu'),
    layers.MaxPooling2D((2, 2)),
    layers.Flatten(),
    layers.Dense(64, activation='relu'),
    layers.Dense(10),
])
inputs = keras.Input(shape=(16, 16, 8), name="image")
x = layers.Conv2D(8, 3, padding="same", activation="relu")(inputs)
x = layers.Conv2D(8, 3, padding="same")(x)
x = layers.Add()([x, inputs])
outputs = layers.Dense(2)(layers.GlobalAveragePooling2D()(x))
residual = keras.Model(inputs, outputs, name="residual")
""")
    return kc


def result_png(msgs) -> bytes:
    """The image/png of the cell's shown result (execute_result or display_data)."""
    shown = [m["content"] for m in msgs if m["msg_type"] in ("execute_result", "display_data")]
    assert shown, [m["msg_type"] for m in msgs]
    data = shown[-1]["data"]
    assert data["text/plain"] == "<IPython.core.display.Image object>"
    return base64.b64decode(data["image/png"])


def plot(kc, tmp_path, name: str, call: str) -> tuple[Image.Image, bytes, bytes]:
    """Runs plot_model(..., to_file=tmp_path/name) as a cell's last line; returns the file as an
    image, its bytes and the shown PNG's bytes."""
    path = tmp_path / name
    msgs = ok(kc, call.replace("FILE", repr(str(path))))
    written = path.read_bytes()
    assert written.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(written))
    image.load()
    assert image.format == "PNG"
    return image, written, result_png(msgs)


def test_a_sequential_cnn_is_written_and_shown(kc, tmp_path):
    image, written, shown = plot(kc, tmp_path, "cnn.png", "keras.utils.plot_model(cnn, to_file=FILE, show_shapes=True)")
    assert shown == written
    # Seven boxes top to bottom at 200 dpi: taller than wide, and of a real size.
    assert image.height > image.width > 600
    assert len(set(image.convert("L").getdata())) > 2
    # display() of the result sends it as display_data with the same PNG.
    msgs = ok(kc, f"from IPython.display import display\ndisplay(keras.utils.plot_model(cnn, to_file={str(tmp_path / 'd.png')!r}, show_shapes=True))")
    displayed = [m["content"]["data"] for m in msgs if m["msg_type"] == "display_data"]
    assert len(displayed) == 1 and base64.b64decode(displayed[0]["image/png"]) == written
    # tf.keras.utils reaches the same function.
    image2, written2, _ = plot(kc, tmp_path, "cnn2.png", "tf.keras.utils.plot_model(cnn, to_file=FILE, show_shapes=True)")
    assert written2 == written


def test_a_functional_model_with_a_residual_add(kc, tmp_path):
    image, written, shown = plot(kc, tmp_path, "residual.png",
                                 "keras.utils.plot_model(residual, to_file=FILE, show_shapes=True, show_layer_names=True, dpi=96)")
    assert shown == written
    # Six boxes (the InputLayer is one), one below the other.
    assert image.height > 500 and image.width > 200
    pixels = image.convert("L")
    dark = sum(1 for v in pixels.getdata() if v < 64)
    assert 0.05 < dark / (image.width * image.height) < 0.9


def test_tb_is_taller_and_lr_wider_for_a_deep_chain(kc, tmp_path):
    ok(kc, """
deep = keras.Sequential([keras.Input((32,))] + [layers.Dense(32, activation='relu') for _ in range(10)])
""")
    tb, _, _ = plot(kc, tmp_path, "tb.png", "keras.utils.plot_model(deep, to_file=FILE, rankdir='TB', dpi=72)")
    lr, _, _ = plot(kc, tmp_path, "lr.png", "keras.utils.plot_model(deep, to_file=FILE, rankdir='LR', dpi=72)")
    assert tb.height > 3 * tb.width
    assert lr.width > 3 * lr.height
    # The dpi scales the image.
    big, _, _ = plot(kc, tmp_path, "tb144.png", "keras.utils.plot_model(deep, to_file=FILE, rankdir='TB', dpi=144)")
    # (Text is measured at the size it is drawn, so hinting moves the boxes by a few pixels.)
    assert abs(big.width - 2 * tb.width) <= 0.03 * big.width + 2
    assert abs(big.height - 2 * tb.height) <= 0.03 * big.height + 2


def test_show_shapes_makes_boxes_wider(kc, tmp_path):
    plain, _, _ = plot(kc, tmp_path, "plain.png", "keras.utils.plot_model(cnn, to_file=FILE, dpi=72)")
    shaped, _, _ = plot(kc, tmp_path, "shaped.png", "keras.utils.plot_model(cnn, to_file=FILE, show_shapes=True, dpi=72)")
    assert shaped.width > plain.width
    assert shaped.height > plain.height


def test_expand_nested_opens_a_model_used_as_a_layer(kc, tmp_path):
    ok(kc, """
base = keras.Sequential([keras.Input((8,)), layers.Dense(8), layers.Dense(8), layers.Dense(8)], name="base")
head = keras.Sequential([base, layers.Dense(2)])
""")
    closed, _, _ = plot(kc, tmp_path, "closed.png", "keras.utils.plot_model(head, to_file=FILE, dpi=72)")
    opened, _, _ = plot(kc, tmp_path, "open.png", "keras.utils.plot_model(head, to_file=FILE, dpi=72, expand_nested=True)")
    assert opened.height > 1.5 * closed.height


def test_a_file_without_extension_is_a_png_under_that_name(kc, tmp_path):
    image, _, _ = plot(kc, tmp_path, "diagram", "keras.utils.plot_model(cnn, to_file=FILE, dpi=72)")
    assert image.format == "PNG"
    assert not (tmp_path / "diagram.png").exists()


def test_errors_are_clear(kc, tmp_path):
    ename, evalue, tb = error(kc, "keras.utils.plot_model(keras.Sequential([layers.Dense(3)]))")
    assert ename == "ValueError"
    assert evalue.startswith("This model has not yet been built. Build the model first by calling `build()`")

    ename, evalue, tb = error(kc, "keras.utils.plot_model(cnn, rankdir='XY')")
    assert ename == "ValueError"
    assert "rankdir must be 'TB'" in evalue and "Received: rankdir='XY'" in evalue
    assert underlined(tb, "keras.utils.plot_model(cnn, rankdir='XY')") in ("'XY'", "rankdir='XY'")

    svg = tmp_path / "model.svg"
    ename, evalue, _ = error(kc, f"keras.utils.plot_model(cnn, to_file={str(svg)!r})")
    assert ename == "ValueError"
    assert "PNG files only" in evalue and "'svg'" in evalue
    assert not svg.exists()

    missing = tmp_path / "no" / "such" / "folder" / "model.png"
    ename, evalue, _ = error(kc, f"keras.utils.plot_model(cnn, to_file={str(missing)!r})")
    assert ename == "FileNotFoundError"
    assert str(missing) in evalue
    ename, _, _ = error(kc, f"keras.utils.plot_model(cnn, to_file={str(tmp_path)!r})")
    assert ename == "IsADirectoryError"
    assert list(tmp_path.iterdir()) == []   # no temporary file left behind

    ename, evalue, _ = error(kc, "keras.utils.plot_model(cnn, dpi=0)")
    assert ename == "ValueError" and "Received: dpi=0" in evalue
    ename, evalue, _ = error(kc, "keras.utils.plot_model(cnn, layer_range=['conv2d', 'dense'])")
    assert (ename, evalue) == ("ValueError", "Argument `layer_range` is no longer supported.")
    ename, evalue, _ = error(kc, "keras.utils.plot_model(cnn, show_shape=True)")
    assert (ename, evalue) == ("ValueError", "Unrecognized keyword arguments: {'show_shape': True}")
    ename, evalue, _ = error(kc, "keras.utils.plot_model(layers.Dense(3))")
    assert ename == "TypeError" and "expects a Keras model" in evalue


def test_the_readme_example(kc, tmp_path):
    """The README's plot_model example, as written (to_file moved into tmp_path), draws the
    residual block. FOVEA_UPDATE_DOCS=1 writes its image to docs/plot-model-residual.png."""
    import os
    import re

    from kernel_helpers import ROOT

    readme = (ROOT / "README.md").read_text()
    start = readme.index("`keras.utils.plot_model` (also")
    code = re.search(r"```python\n(.*?)```", readme[start:], re.S).group(1)
    assert 'to_file="residual.png"' in code
    ok(kc, "keras.backend.clear_session()")   # the names of a fresh kernel: input_layer, conv2d, ...
    image, written, shown = plot(kc, tmp_path, "residual.png", code.replace('"residual.png"', "FILE"))
    assert shown == written
    assert image.height > 500 and image.width > 300
    if os.environ.get("FOVEA_UPDATE_DOCS") == "1":
        (ROOT / "docs" / "plot-model-residual.png").write_bytes(written)
    docs = ROOT / "docs" / "plot-model-residual.png"
    assert docs.read_bytes()[:8] == PNG_SIGNATURE
