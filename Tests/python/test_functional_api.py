"""The functional API through the real kernel: keras.Input and KerasTensors, layers called on
them, keras.Model(inputs, outputs) with merges, shared layers, several outputs and models used
as layers; summaries equal to Keras's own text; predictions held against numpy; training; and
the errors a learner meets on the way."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, execute, shown, underlined

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's functional API")
REFERENCE = Path(__file__).resolve().parents[1] / "Fixtures" / "keras-functional"


def run(kc, code: str) -> str:
    return shown(kc, code)


def failure(kc, code: str) -> tuple[str, str, list[str]]:
    reply, _ = execute(kc, code)
    content = reply["content"]
    assert content["status"] == "error", code
    return content["ename"], content["evalue"], content["traceback"]


def summary_of(out: str) -> str:
    return out[out.index("Model: "):].rstrip("\n")


@pytest.fixture(scope="module")
def kc(kernel):
    kc = kernel[1]
    run(kc, "import numpy as np\nimport keras\nfrom keras import layers\nrng = np.random.default_rng(0)")
    return kc


def test_residual_block_summary_equals_keras(kc):
    out = run(kc, """
keras.backend.clear_session()
inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, 3, padding="same", activation="relu")(inputs)
y = layers.Conv2D(32, 3, padding="same")(x)
y = layers.BatchNormalization()(y)
z = layers.Add()([x, y])
z = layers.Activation("relu")(z)
z = layers.MaxPooling2D()(z)
z = layers.GlobalAveragePooling2D()(z)
outputs = layers.Dense(10, activation="softmax")(z)
residual = keras.Model(inputs, outputs)
residual.summary()
""")
    assert summary_of(out) == (REFERENCE / "summary_f_residual.txt").read_text().rstrip("\n")


def test_inception_block_summary_equals_keras(kc):
    out = run(kc, """
keras.backend.clear_session()
image = keras.Input(shape=(28, 28, 1), name="image")
a = layers.Conv2D(16, 3, padding="same", name="branch_3x3")(image)
b = layers.Conv2D(16, 5, padding="same", name="branch_5x5")(image)
c = layers.MaxPooling2D(3, strides=1, padding="same")(image)
x = layers.Concatenate()([a, b, c])
x = layers.Flatten()(x)
x = layers.Dropout(0.5)(x)
logits = layers.Dense(10, name="logits")(x)
inception = keras.Model(inputs=image, outputs=logits, name="inception_like")
inception.summary()
print([l.name for l in inception.layers])
""")
    want = json.loads((REFERENCE / "layers_f_concat.json").read_text())
    assert summary_of(out.rsplit("\n", 2)[0]) == (REFERENCE / "summary_f_concat.txt").read_text().rstrip("\n")
    assert out.strip().splitlines()[-1] == str([l["name"] for l in want["layers"]])


def test_feature_extractor_from_a_sequential_model(kc):
    """The lessons' `Model(inputs=model.inputs, outputs=[layer.output for layer in model.layers])`:
    a Keras summary without "Connected to" (a chain), and one array per layer from predict."""
    out = run(kc, """
keras.backend.clear_session()
base = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
                         layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D()])
features = keras.Model(inputs=base.inputs, outputs=[layer.output for layer in base.layers])
features.summary()
x = rng.random((3, 28, 28, 1)).astype("float32")
maps = features.predict(x, verbose=0)
print(type(maps).__name__, [m.shape for m in maps])
print(np.allclose(maps[-1], base.predict(x, verbose=0), atol=1e-6), np.allclose(maps[1], np.array(base.layers[1](base.layers[0](x))), atol=1e-6))
""")
    lines = out.strip().splitlines()
    assert summary_of("\n".join(lines[:-2])) == (REFERENCE / "summary_f_features.txt").read_text().rstrip("\n")
    assert lines[-2] == "list [(3, 26, 26, 32), (3, 13, 13, 32), (3, 11, 11, 64), (3, 5, 5, 64)]"
    assert lines[-1] == "True True"


def test_merges_and_a_shared_layer_compute_what_numpy_computes(kc):
    out = run(kc, """
keras.backend.clear_session()
a_in = keras.Input(shape=(6,))
b_in = keras.Input(shape=(6,))
shared = layers.Dense(4, activation="tanh")
a, b = shared(a_in), shared(b_in)
merged = [layers.add([a, b]), layers.subtract([a, b]), layers.multiply([a, b]), layers.average([a, b]),
          layers.maximum([a, b]), layers.minimum([a, b]), layers.concatenate([a, b])]
twin = keras.Model([a_in, b_in], merged)
xa, xb = rng.standard_normal((5, 6)).astype("float32"), rng.standard_normal((5, 6)).astype("float32")
outs = twin.predict([xa, xb], verbose=0)
W, c = shared.get_weights()
A, B = np.tanh(xa @ W + c), np.tanh(xb @ W + c)
want = [A + B, A - B, A * B, (A + B) / 2, np.maximum(A, B), np.minimum(A, B), np.concatenate([A, B], axis=1)]
print([bool(np.allclose(o, w, atol=1e-5)) for o, w in zip(outs, want)])
print(twin.count_params(), len(twin.layers), [l.name for l in twin.layers][:3])
direct = twin([xa, xb])
print(len(direct), np.allclose(np.array(direct[0]), want[0], atol=1e-5))
""")
    lines = out.strip().splitlines()
    assert lines[0] == str([True] * 7)
    # The shared Dense counts once; both Inputs come first.
    assert lines[1] == "28 10 ['input_layer', 'input_layer_1', 'dense']"
    assert lines[2] == "7 True"


def test_a_shared_layer_shows_its_two_calls_in_the_summary(kc):
    out = run(kc, "twin.summary()")
    dense_row = next(l for l in out.splitlines() if l.startswith("│ dense (Dense)"))
    assert "input_layer[0][0]," in dense_row
    assert "input_layer_1[0][0]" in out.split(dense_row)[1].splitlines()[1]


def test_a_functional_model_trains_and_its_loss_falls(kc):
    out = run(kc, """
keras.backend.clear_session()
keras.utils.set_random_seed(1)
y = rng.integers(0, 2, 256)
x = (rng.random((256, 8, 8, 1)) * 0.5 + 0.5 * y[:, None, None, None]).astype("float32")
inputs = keras.Input(shape=(8, 8, 1))
h = layers.Conv2D(4, 3, padding="same", activation="relu")(inputs)
skip = layers.Conv2D(4, 1)(inputs)
h = layers.Add()([h, skip])
h = layers.Concatenate()([h, inputs])
h = layers.Flatten()(h)
outputs = layers.Dense(2, activation="softmax")(h)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x, y, epochs=8, batch_size=32, verbose=0)
losses = history.history["loss"]
print(losses[-1] < losses[0] * 0.8, history.history["accuracy"][-1] > 0.9)
loss, acc = model.evaluate(x, y, verbose=0)
print(abs(loss - float(np.mean(-np.log(model.predict(x, verbose=0)[np.arange(256), y])))) < 1e-4)
""")
    assert out.split() == ["True", "True", "True"]


def test_a_frozen_sequential_base_inside_a_functional_model(kc):
    """Transfer learning: a trained Sequential called on a keras.Input, frozen, under a new head."""
    out = run(kc, """
keras.backend.clear_session()
base = keras.Sequential([keras.Input(shape=(8, 8, 1)), layers.Conv2D(4, 3, activation="relu"), layers.Flatten()], name="base")
base.trainable = False
inputs = keras.Input(shape=(8, 8, 1))
features = base(inputs, training=False)
outputs = layers.Dense(2, activation="softmax")(features)
transfer = keras.Model(inputs, outputs)
transfer.compile("adam", "sparse_categorical_crossentropy")
before = base.get_weights()[0].copy()
head = transfer.layers[-1].get_weights()[0].copy()
transfer.fit(x, y, epochs=1, verbose=0)
print(np.array_equal(before, base.get_weights()[0]), np.array_equal(head, transfer.layers[-1].get_weights()[0]))
print(transfer.layers[1] is base, type(transfer.layers[1]).__name__)
transfer.summary()
""")
    lines = out.splitlines()
    assert lines[0] == "True False"
    assert lines[1] == "True Sequential"
    assert any(l.startswith("│ base (Sequential)") and "(None, 144)" in l and "40 │" in l for l in lines)
    assert " Non-trainable params: 40 (160.00 B)" in out


def test_keras_tensor_repr_shape_and_layer_output(kc):
    out = run(kc, """
keras.backend.clear_session()
t = keras.Input(shape=(28, 28, 1))
print(repr(t))
d = layers.Dense(3)
u = d(layers.Flatten()(t))
print(u.shape, u.dtype, d.output.shape, d.input.shape)
named = keras.Input(shape=(4,), name="pixels")
print(named.name)
""")
    lines = out.strip().splitlines()
    assert lines[0] == "<KerasTensor shape=(None, 28, 28, 1), dtype=float32, sparse=False, ragged=False, name=keras_tensor>"
    assert lines[1] == "(None, 3) float32 (None, 3) (None, 784)"
    assert lines[2] == "pixels"


def test_keras_input_starts_a_sequential_model(kc):
    out = run(kc, """
keras.backend.clear_session()
m = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(10)])
print(m.input_shape, m.output_shape, len(m.layers), isinstance(m, keras.Model))
""")
    assert out.strip() == "(None, 28, 28, 1) (None, 10) 3 True"


def test_incompatible_merge_points_at_the_call(kc):
    run(kc, "p = keras.Input(shape=(4,))\nq = keras.Input(shape=(5,))")
    ename, evalue, tb = failure(kc, "s = layers.Add()([p, q])")
    assert ename == "ValueError"
    assert "Inputs have incompatible shapes. Received shapes (None, 4) and (None, 5)" in evalue
    assert underlined(tb, "s = layers.Add()([p, q])") is not None
    ename, evalue, _ = failure(kc, "layers.Concatenate(axis=1)([keras.Input(shape=(4, 2)), keras.Input(shape=(5, 3))])")
    assert "requires inputs with matching shapes except for the concatenation axis" in evalue
    ename, evalue, _ = failure(kc, "layers.Add()(p)")
    assert ename == "ValueError" and "A merge layer should be called on a list of inputs" in evalue
    ename, evalue, _ = failure(kc, "layers.Dense(2)([p, q])")
    assert "takes one input, but it was called on a list of 2 tensors" in evalue


def test_graph_errors_say_what_is_missing(kc):
    ename, evalue, _ = failure(kc, "keras.Model(p, layers.Add()([layers.Dense(3)(p), layers.Dense(3)(q)]))")
    assert ename == "ValueError" and evalue.startswith("Graph disconnected")
    ename, evalue, _ = failure(kc, "keras.Model(inputs=p, outputs=[1, 2])")
    assert "All `outputs` values must be KerasTensors" in evalue
    ename, evalue, _ = failure(kc, "keras.Model()")
    assert ename == "NotImplementedError" and "keras.Model(inputs=..., outputs=...)" in evalue
    ename, evalue, _ = failure(kc, "twin.fit([xa, xb], np.zeros(5), verbose=0)")
    assert ename in ("NotImplementedError", "RuntimeError", "ValueError")
    ename, evalue, _ = failure(kc, "twin.predict(xa, verbose=0)")
    assert ename == "ValueError" and "has 2 inputs" in evalue
    ename, evalue, _ = failure(kc, "layers.Dense(2).output")
    assert ename == "AttributeError" and "has never been called" in evalue


def test_a_lambda_layer_runs_the_learners_function(kc):
    out = run(kc, """
keras.backend.clear_session()
m = keras.Sequential([keras.Input(shape=(4, 4, 1)), layers.Lambda(lambda x: x / 255.0), layers.Flatten(), layers.Dense(2, activation="softmax")])
print(m.layers[0].output_shape, m.output_shape)
m.compile("adam", "sparse_categorical_crossentropy")
m.fit(np.ones((8, 4, 4, 1), dtype="float32") * 255, np.arange(8) % 2, epochs=1, verbose=0)
print(np.allclose(np.array(m.layers[0](np.full((1, 4, 4, 1), 255.0, dtype="float32"))), 1.0))
inp = keras.Input(shape=(6,))
squared = layers.Lambda(lambda t, p: t ** p, arguments={"p": 2})(inp)
print(squared.shape, np.allclose(keras.Model(inp, squared).predict(np.full((2, 6), 3.0, dtype="float32"), verbose=0), 9.0))
""")
    assert out.strip().splitlines() == ["(None, 4, 4, 1) (None, 2)", "True", "(None, 6) True"]
    run(kc, """
inp = keras.Input(shape=(6,))
after = keras.Model(inp, layers.Dense(1)(layers.Lambda(lambda t: t * 2)(layers.Dense(3)(inp))))
after.compile("sgd", "mse")
""")
    ename, evalue, _ = failure(kc, "after.fit(np.ones((4, 6), dtype='float32'), np.ones((4, 1), dtype='float32'), verbose=0)")
    assert ename == "NotImplementedError" and "cannot differentiate the function of Lambda layer" in evalue
    ename, evalue, _ = failure(kc, "layers.Lambda(3)")
    assert ename == "TypeError" and "Lambda needs a function" in evalue


def test_depthwise_conv2d_trains_saves_and_loads(kc, tmp_path):
    path = tmp_path / "depthwise.keras"
    out = run(kc, f"""
keras.backend.clear_session()
m = keras.Sequential([keras.Input((8, 8, 3)), layers.DepthwiseConv2D(3, depth_multiplier=2, activation="relu"),
                      layers.Conv2D(4, 1), layers.GlobalAveragePooling2D(), layers.Dense(2, activation="softmax")])
print(m.layers[0].count_params(), m.layers[0].output_shape, m.layers[0].get_weights()[0].shape)
m.compile("adam", "sparse_categorical_crossentropy")
xd = rng.random((16, 8, 8, 3)).astype("float32")
before = m.layers[0].get_weights()[0].copy()
m.fit(xd, np.arange(16) % 2, epochs=1, verbose=0)
print(not np.array_equal(before, m.layers[0].get_weights()[0]))
m.save({str(path)!r})
print(np.allclose(keras.models.load_model({str(path)!r}).predict(xd, verbose=0), m.predict(xd, verbose=0), atol=1e-6))
""")
    assert out.strip().splitlines() == ["60 (None, 6, 6, 6) (3, 3, 3, 2)", "True", "True"]
