"""SeparableConv2D and Conv2DTranspose through the real kernel: summaries equal to Keras 3.15's own
text (the shared reference's Rescaling/SeparableConv2D/DepthwiseConv2D/ZeroPadding2D/ReLU(6) model
and an autoencoder with a Conv2DTranspose decoder), training, saving and loading in Keras's three
file formats, get_config, numpy's transposed convolution, and Keras's argument errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import h5py
import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, execute, shown, start_kernel, stop_kernel

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's layers and applications")
FIXTURES = Path(__file__).resolve().parents[1] / "Fixtures"
FUNCTIONAL = FIXTURES / "keras-functional"


@pytest.fixture(scope="module")
def kc(tmp_path_factory):
    home = tmp_path_factory.mktemp("keras-home")
    km, kc = start_kernel(env={**os.environ, "KERAS_HOME": str(home)})
    execute(kc, "import numpy as np\nimport keras\nfrom keras import layers\nrng = np.random.default_rng(0)")
    yield kc
    stop_kernel(km, kc)


def run(kc, code: str) -> str:
    return shown(kc, code, timeout=300)


def failure(kc, code: str) -> tuple[str, str]:
    reply, _ = execute(kc, code, timeout=120)
    content = reply["content"]
    assert content["status"] == "error", code
    return content["ename"], content["evalue"]


def summary_of(out: str) -> str:
    return out[out.index("Model: "):].rstrip("\n")


def fixture_text(folder: Path, name: str) -> str:
    return (folder / f"summary_{name}.txt").read_text().rstrip("\n")


def test_rescaling_separable_depthwise_model_summary_equals_keras(kc):
    out = run(kc, """
keras.backend.clear_session()
inputs = keras.Input(shape=(180, 180, 3))
x = layers.Rescaling(1.0 / 255)(inputs)
x = layers.Conv2D(32, 3, activation="relu")(x)
x = layers.MaxPooling2D()(x)
x = layers.SeparableConv2D(64, 3, padding="same", use_bias=False)(x)
x = layers.DepthwiseConv2D(3)(x)
x = layers.ZeroPadding2D()(x)
x = layers.ReLU(6)(x)
x = layers.GlobalMaxPooling2D()(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.summary()
print([l.name for l in model.layers])
""")
    want = json.loads((FUNCTIONAL / "layers_f_rescaling.json").read_text())
    body, names = out.rstrip("\n").rsplit("\n", 1)
    assert summary_of(body) == fixture_text(FUNCTIONAL, "f_rescaling")
    assert names == str([l["name"] for l in want["layers"]])


def test_separable_conv2d_weights_config_training_and_the_three_file_formats(kc, tmp_path):
    out = run(kc, f"""
keras.backend.clear_session()
def make():
    return keras.Sequential([keras.Input((9, 9, 3)), layers.SeparableConv2D(5, 3, strides=2, depth_multiplier=2, activation="relu"),
                             layers.GlobalAveragePooling2D(), layers.Dense(2, activation="softmax")])
m = make()
sep = m.layers[0]
print(sep.count_params(), sep.output_shape, [w.shape for w in sep.get_weights()])
c = sep.get_config()
print(list(c)[3:], c["depth_multiplier"], tuple(c["kernel_size"]), tuple(c["strides"]), c["pointwise_initializer"]["class_name"])
m.compile("adam", "sparse_categorical_crossentropy")
xs = rng.random((16, 9, 9, 3)).astype("float32")
before = [w.copy() for w in sep.get_weights()]
m.fit(xs, np.arange(16) % 2, epochs=1, verbose=0)
print([not np.array_equal(b, a) for b, a in zip(before, sep.get_weights())])
want = m.predict(xs, verbose=0)
m.save({str(tmp_path / "sep.keras")!r})
m.save({str(tmp_path / "sep.h5")!r})
m.save_weights({str(tmp_path / "sep.weights.h5")!r})
print(np.allclose(keras.models.load_model({str(tmp_path / "sep.keras")!r}).predict(xs, verbose=0), want, atol=1e-6))
print(np.allclose(keras.models.load_model({str(tmp_path / "sep.h5")!r}).predict(xs, verbose=0), want, atol=1e-6))
fresh = make()
fresh.load_weights({str(tmp_path / "sep.weights.h5")!r})
print(np.allclose(fresh.predict(xs, verbose=0), want, atol=1e-6))
""")
    lines = out.strip().splitlines()
    assert lines[0] == "89 (None, 4, 4, 5) [(3, 3, 3, 2), (1, 1, 6, 5), (5,)]"
    assert lines[1] == ("['depth_multiplier', 'filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', "
                        "'activation', 'use_bias', 'depthwise_initializer', 'pointwise_initializer', 'bias_initializer', "
                        "'depthwise_regularizer', 'pointwise_regularizer', 'bias_regularizer', 'activity_regularizer', "
                        "'depthwise_constraint', 'pointwise_constraint', 'bias_constraint'] 2 (3, 3) (2, 2) GlorotUniform")
    assert lines[2:] == ["[True, True, True]", "True", "True", "True"]
    # The legacy file names each weight as Keras does, in Keras's order.
    with h5py.File(tmp_path / "sep.h5") as f:
        group = f["model_weights"]["separable_conv2d"]
        names = [n.decode() if isinstance(n, bytes) else n for n in group.attrs["weight_names"]]
    assert [n.rsplit("/", 1)[-1] for n in names] == ["depthwise_kernel", "pointwise_kernel", "bias"]


def test_autoencoder_with_conv2d_transpose_summary_fit_and_predict(kc):
    out = run(kc, """
keras.backend.clear_session()
inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(inputs)
x = layers.MaxPooling2D((2, 2), padding="same")(x)
x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(x)
x = layers.MaxPooling2D((2, 2), padding="same")(x)
x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
x = layers.Conv2D(1, (3, 3), activation="sigmoid", padding="same")(x)
autoencoder = keras.Model(inputs, x)
autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
autoencoder.summary()
images = (rng.random((64, 28, 28, 1)) > 0.7).astype("float32")
history = autoencoder.fit(images, images, epochs=4, batch_size=32, verbose=0)
losses = history.history["loss"]
print(losses[-1] < losses[0], autoencoder.predict(images[:5], verbose=0).shape)
""")
    body, last = out.rstrip("\n").rsplit("\n", 1)
    assert summary_of(body) == fixture_text(FUNCTIONAL, "f_autoencoder")
    assert last == "True (5, 28, 28, 1)"


def test_conv2d_transpose_shapes_config_and_saving(kc, tmp_path):
    path = tmp_path / "up.keras"
    out = run(kc, f"""
keras.backend.clear_session()
m = keras.Sequential([keras.Input((5, 4, 3)), layers.Conv2DTranspose(4, 3, strides=2),
                      layers.Conv2DTranspose(2, (3, 2), strides=(2, 3), padding="same", output_padding=(1, 2), use_bias=False)])
t, u = m.layers
print(t.output_shape, u.output_shape, t.count_params(), u.count_params(), [w.shape for w in m.get_weights()])
c = u.get_config()
print(tuple(c["output_padding"]), tuple(c["strides"]), list(c)[3:8])
xs = rng.random((3, 5, 4, 3)).astype("float32")
want = m.predict(xs, verbose=0)
m.save({str(path)!r})
back = keras.models.load_model({str(path)!r})
print(tuple(back.layers[1].get_config()["output_padding"]), np.allclose(back.predict(xs, verbose=0), want, atol=1e-6))
""")
    lines = out.strip().splitlines()
    assert lines[0] == "(None, 11, 9, 4) (None, 22, 26, 2) 112 48 [(3, 3, 4, 3), (4,), (3, 2, 2, 4)]"
    assert lines[1] == "(1, 2) (2, 3) ['filters', 'kernel_size', 'strides', 'padding', 'output_padding']"
    assert lines[2] == "(1, 2) True"


def test_conv2d_transpose_computes_what_numpy_computes(kc):
    # Each input pixel paints x * K into its window, spaced by the strides ('valid': no crop).
    out = run(kc, """
keras.backend.clear_session()
layer = layers.Conv2DTranspose(2, 2, strides=2, use_bias=False)
xs = rng.random((1, 2, 3, 3)).astype("float32")
y = layer(xs).numpy()
k = layer.get_weights()[0]
want = np.zeros((1, 4, 6, 2), dtype="float32")
for i in range(2):
    for j in range(3):
        want[0, 2 * i:2 * i + 2, 2 * j:2 * j + 2, :] += (k * xs[0, i, j]).sum(axis=3)
print(y.shape, np.allclose(y, want, atol=1e-5))
""")
    assert out.strip() == "(1, 4, 6, 2) True"


def test_argument_errors_are_kerass(kc):
    ename, evalue = failure(kc, "layers.SeparableConv2D(0, 3)")
    assert ename == "ValueError"
    assert "Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0." in evalue
    ename, evalue = failure(kc, "layers.SeparableConv2D(4, 3, depth_multiplier=0)")
    assert ename == "ValueError" and "Received depth_multiplier=0." in evalue
    ename, evalue = failure(kc, "layers.Conv2DTranspose(4, 3, strides=2, output_padding=2)")
    assert ename == "ValueError"
    assert ("`output_padding` must be strictly less than `strides` for all dimensions. At dimension 0, `output_padding` is 2 "
            "but `strides` is 2. Received: output_padding=(2, 2), strides=(2, 2)") in evalue
    ename, evalue = failure(kc, "layers.SeparableConv2D(4, 3, dilation_rate=2)")
    assert ename == "NotImplementedError" and "dilation_rate" in evalue
    ename, evalue = failure(kc, "keras.Sequential([keras.Input((5, 5)), layers.Conv2DTranspose(4, 3)])")
    assert ename == "ValueError" and "expected ndim=4" in evalue
