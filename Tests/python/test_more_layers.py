"""The layers added for issue 13 (LeakyReLU, ELU, PReLU, Reshape, Permute, RepeatVector,
ZeroPadding2D, Cropping2D, UpSampling2D, SpatialDropout2D, LayerNormalization, Resizing,
CenterCrop) through a real kernel: a Sequential of them shows Keras 3's summary rows, trains an
epoch, and bad arguments raise Keras's errors pointing at the argument."""

from __future__ import annotations

import math

import pytest

from kernel_helpers import IS_FOVEA, error, execute, ok, result_text, underlined

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's own layers")

MODEL = """
from tensorflow import keras
from tensorflow.keras import layers
import numpy as np
keras.backend.clear_session()
keras.utils.set_random_seed(4)
model = keras.Sequential([
    keras.Input((8, 8, 1)),
    layers.ZeroPadding2D(1),
    layers.Conv2D(4, 3),
    layers.LeakyReLU(),
    layers.Cropping2D(((1, 1), (1, 1))),
    layers.UpSampling2D(),
    layers.SpatialDropout2D(0.2),
    layers.Resizing(6, 6),
    layers.CenterCrop(4, 4),
    layers.PReLU(shared_axes=[1, 2]),
    layers.LayerNormalization(),
    layers.Reshape((16, -1)),
    layers.Permute((2, 1)),
    layers.Flatten(),
    layers.ELU(),
    layers.Dense(8),
    layers.RepeatVector(2),
    layers.Flatten(),
    layers.Dense(3, activation='softmax'),
])
"""

# What Keras 3 prints for MODEL, row by row: (name (class), output shape, params). Worked out
# from Keras's rules: ZeroPadding2D(1) adds 2 to height and width; Conv2D(4, 3) has
# (3*3*1 + 1) * 4 = 40; Cropping2D removes 2; UpSampling2D doubles; Resizing and CenterCrop give
# their size; PReLU shared over height and width has one alpha per channel (4); LayerNormalization
# gamma and beta per channel (8); Reshape((16, -1)) infers 64 / 16 = 4; Dense(8) has 65 * 8 = 520
# and Dense(3) 17 * 3 = 51.
EXPECTED_ROWS = [
    ("zero_padding2d (ZeroPadding2D)", "(None, 10, 10, 1)", "0"),
    ("conv2d (Conv2D)", "(None, 8, 8, 4)", "40"),
    ("leaky_re_lu (LeakyReLU)", "(None, 8, 8, 4)", "0"),
    ("cropping2d (Cropping2D)", "(None, 6, 6, 4)", "0"),
    ("up_sampling2d (UpSampling2D)", "(None, 12, 12, 4)", "0"),
    ("spatial_dropout2d (SpatialDropout2D)", "(None, 12, 12, 4)", "0"),
    ("resizing (Resizing)", "(None, 6, 6, 4)", "0"),
    ("center_crop (CenterCrop)", "(None, 4, 4, 4)", "0"),
    ("p_re_lu (PReLU)", "(None, 4, 4, 4)", "4"),
    ("layer_normalization (LayerNormalization)", "(None, 4, 4, 4)", "8"),
    ("reshape (Reshape)", "(None, 16, 4)", "0"),
    ("permute (Permute)", "(None, 4, 16)", "0"),
    ("flatten (Flatten)", "(None, 64)", "0"),
    ("elu (ELU)", "(None, 64)", "0"),
    ("dense (Dense)", "(None, 8)", "520"),
    ("repeat_vector (RepeatVector)", "(None, 2, 8)", "0"),
    ("flatten_1 (Flatten)", "(None, 16)", "0"),
    ("dense_1 (Dense)", "(None, 3)", "51"),
]


def summary_rows(text):
    rows = []
    for line in text.split("\n"):
        if line.startswith("│"):
            cells = [cell.strip() for cell in line.strip("│").split("│")]
            if rows and cells[1:] == ["", ""]:
                # A name too long for its column wraps onto the next line, as Keras's does:
                # "layer_normalization" then "(LayerNormalization)".
                rows[-1] = (rows[-1][0] + " " + cells[0],) + rows[-1][1:]
            else:
                rows.append(tuple(cells))
    return rows


@pytest.fixture(scope="module")
def kc(kernel):
    _, kc = kernel
    ok(kc, MODEL)
    return kc


def test_summary_rows_are_keras_rows(kc):
    msgs = ok(kc, "model.summary()")
    shown = [m["content"]["data"] for m in msgs if m["msg_type"] == "display_data"]
    assert len(shown) == 1
    text = shown[0]["text/plain"]
    assert summary_rows(text) == EXPECTED_ROWS
    assert "│ layer_normalization                  │ (None, 4, 4, 4)" in text
    assert " Total params: 623 (2.43 KB)" in text
    assert " Trainable params: 623 (2.43 KB)" in text
    html = shown[0]["text/html"]
    for name, shape, _ in EXPECTED_ROWS:
        assert name.split(" ")[0] in html and shape in html


def test_one_epoch_trains_every_weight(kc):
    ok(kc, """
x = np.random.rand(32, 8, 8, 1).astype('float32')
y = np.random.randint(0, 3, 32)
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
before = [w for l in model.layers for w in l.get_weights()]
history = model.fit(x, y, epochs=1, batch_size=8, verbose=0)
after = [w for l in model.layers for w in l.get_weights()]
""")
    loss = float(result_text(ok(kc, "history.history['loss'][0]")))
    assert math.isfinite(loss) and 0 < loss < 10
    # Every weight moved: the gradient reached the PReLU alphas and LayerNormalization's gamma
    # and beta through the layers after them, and the convolution through all of them.
    moved = result_text(ok(kc, "[bool(np.abs(a - b).sum() > 0) for a, b in zip(after, before)]"))
    assert moved == "[True, True, True, True, True, True, True, True, True]"
    # PReLU's alphas started at zero (Keras's 'zeros'), one per channel.
    assert result_text(ok(kc, "model.layers[8].get_weights()[0].shape")) == "(1, 1, 4)"
    out = result_text(ok(kc, "p = model.predict(x[:5], verbose=0)\np.shape, bool(np.allclose(p.sum(axis=1), 1))"))
    assert out == "((5, 3), True)"


def test_leaky_relu_alpha_and_values(kc):
    out = result_text(ok(kc, "[round(float(v), 4) for v in np.array(layers.LeakyReLU(alpha=0.1)(np.array([[-3.0, -1.0, 0.0, 2.0]])))[0]]"))
    assert out == "[-0.3, -0.1, 0.0, 2.0]"
    out = result_text(ok(kc, "[round(float(v), 4) for v in np.array(layers.LeakyReLU()(np.array([[-10.0, 5.0]])))[0]]"))
    assert out == "[-3.0, 5.0]"


@pytest.mark.parametrize("code, fragment, ename, evalue", [
    ("layers.LeakyReLU(negative_slope=-1.0)", "negative_slope=-1.0", "ValueError",
     "The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. "
     "Received: negative_slope=-1.0"),
    ("layers.LeakyReLU(alpha=-0.5)", "alpha=-0.5", "ValueError",
     "The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. "
     "Received: negative_slope=-0.5"),
    ("layers.Reshape((-1, 4, -1))", "(-1, 4, -1)", "ValueError",
     "The `target_shape` argument must not contain more than one `-1` value. Received: target_shape=(-1, 4, -1)"),
    ("layers.Permute((1, 3))", "(1, 3)", "ValueError",
     "Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive "
     "and start from 1. Received dims=(1, 3)"),
    ("layers.ZeroPadding2D((1, 2, 3))", "(1, 2, 3)", "ValueError",
     "`padding` should have two elements. Received: padding=(1, 2, 3)."),
    ("layers.Cropping2D(cropping=-2)", "cropping=-2", "ValueError",
     "`cropping` cannot be negative. Received: cropping=-2."),
    ("layers.UpSampling2D(size=(2, 0))", "size=(2, 0)", "ValueError",
     "The `size` argument must be a tuple of 2 integers. Received size=(2, 0), including values {0} that do not "
     "satisfy `value > 0`"),
    ("layers.UpSampling2D(interpolation='bicubic')", "interpolation='bicubic'", "NotImplementedError",
     "interpolation='bicubic' is not implemented in Fovea: use 'bilinear' or 'nearest'."),
    ("layers.SpatialDropout2D(1.5)", "1.5", "ValueError",
     "Invalid value received for argument `rate`. Expected a float value between 0 and 1 (0 included, 1 excluded). "
     "Received: rate=1.5"),
])
def test_bad_arguments_raise_located_errors(kc, code, fragment, ename, evalue):
    got_name, got_value, tb = error(kc, code)
    assert (got_name, got_value) == (ename, evalue)
    assert underlined(tb, code) == fragment, "\n".join(tb)


def test_shape_errors_name_the_layer(kc):
    ename, evalue, _ = error(kc, "keras.Sequential([keras.Input((28, 28, 1)), layers.Cropping2D(14)])")
    assert ename == "ValueError"
    assert evalue.startswith("Values in `cropping` argument should be smaller than the corresponding spatial "
                             "dimension of the input. Received: input_shape=(None, 28, 28, 1), cropping=((14, 14), (14, 14))")
    ename, evalue, _ = error(kc, "keras.Sequential([keras.Input((12,)), layers.Reshape((5, -1))])")
    assert ename == "ValueError" and "input size cannot by divided" in evalue and "target_shape=(5, -1)" in evalue
