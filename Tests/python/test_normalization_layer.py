"""keras.layers.Normalization and its adapt(), Dropout(noise_shape=), per-channel Rescaling and
broadcasting merges, through the real kernel and held against numpy: the statistics adapt
computes from an array, a batched dataset and a list of batches, what the layer outputs, its
parameters in a summary, its config and weights through a saved .keras file, and Keras's errors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, error, ok, shown, start_kernel, stop_kernel

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's keras layers")


@pytest.fixture(scope="module")
def kc():
    km, kc = start_kernel()
    ok(kc, "import keras\nimport numpy as np\nimport tensorflow as tf")
    yield kc
    stop_kernel(km, kc)


def values(kc, expression: str) -> np.ndarray:
    return np.array(json.loads(shown(kc, f"print(np.asarray({expression}).tolist())").replace("'", '"')), dtype=np.float64)


DATA = np.random.default_rng(3).normal(4.0, 3.0, size=(12, 5, 4, 3)).astype(np.float32)


def put(kc, name: str, array: np.ndarray) -> None:
    ok(kc, f"{name} = np.array({array.tolist()}, dtype='float32')")


@pytest.mark.parametrize("axis, reduce", [("-1", (0, 1, 2)), ("None", None), ("(1, 2)", (0, 3))])
def test_adapt_on_an_array_gives_numpys_mean_and_variance(kc, axis, reduce):
    put(kc, "data", DATA)
    ok(kc, f"norm = keras.layers.Normalization(axis={axis})\nnorm.adapt(data)\nout = norm(data)")
    mean, variance = DATA.mean(axis=reduce, dtype=np.float64), DATA.var(axis=reduce, dtype=np.float64)
    np.testing.assert_allclose(values(kc, "norm.get_weights()[0]"), mean, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(values(kc, "norm.get_weights()[1]"), variance, rtol=1e-5)
    keep = [] if reduce is None else [d for d in range(4) if d not in reduce]
    shape = [DATA.shape[d] if d in keep else 1 for d in range(4)]
    want = (DATA - mean.reshape(shape)) / np.sqrt(variance).reshape(shape)
    np.testing.assert_allclose(values(kc, "out"), want, rtol=1e-4, atol=1e-4)


def test_a_batched_dataset_and_a_list_of_batches_give_the_same_statistics(kc):
    put(kc, "data", DATA)
    ok(kc, """
whole = keras.layers.Normalization(); whole.adapt(data)
from_ds = keras.layers.Normalization(); from_ds.adapt(tf.data.Dataset.from_tensor_slices(data).batch(5))
from_list = keras.layers.Normalization(); from_list.adapt([data[:7], data[7:]])
""")
    for other in ("from_ds", "from_list"):
        for w in (0, 1):
            np.testing.assert_allclose(values(kc, f"{other}.get_weights()[{w}]"), values(kc, f"whole.get_weights()[{w}]"), rtol=1e-4)


def test_given_mean_and_variance_and_invert(kc):
    out = values(kc, "keras.layers.Normalization(mean=3., variance=2.)(np.array([[1.], [2.], [3.]], dtype='float32'))")
    np.testing.assert_allclose(out.ravel(), [-1.4142135, -0.70710677, 0.0], rtol=1e-6)
    ok(kc, """
inv = keras.layers.Normalization(axis=-1, invert=True)
inv.adapt(np.array([[0., 7., 4.], [2., 9., 6.], [0., 7., 4.], [2., 9., 6.]], dtype='float32'))
""")
    np.testing.assert_allclose(values(kc, "inv(np.array([[1., 2., 3.]], dtype='float32'))").ravel(), [2.0, 10.0, 8.0], rtol=1e-6)


def test_summary_counts_two_statistics_per_channel_and_a_count(kc):
    out = shown(kc, """
keras.backend.clear_session()
norm = keras.layers.Normalization()
norm.adapt(np.arange(12, dtype='float32').reshape(4, 3))
m = keras.Sequential([keras.Input((3,)), norm, keras.layers.Dense(2)])
m.summary()
""")
    row = next(line for line in out.splitlines() if "normalization (Normalization)" in line)
    assert row.split("│")[2:4] == [" (None, 3)                   ", "               7 "]
    assert " Total params: 15 (64.00 B)" in out  # the int64 count is 8 bytes, as in Keras
    assert " Non-trainable params: 7 (32.00 B)" in out


def test_an_adapted_model_trains_and_round_trips_through_a_keras_file(kc, tmp_path):
    path = tmp_path / "norm.keras"
    ok(kc, f"""
keras.utils.set_random_seed(1)
x = np.random.default_rng(0).normal(50, 10, (64, 3)).astype('float32')
y = (x[:, 0] > 50).astype('int32')
norm = keras.layers.Normalization(); norm.adapt(x)
fixed = keras.layers.Normalization(mean=[1., 2., 3.], variance=[1., 4., 9.])
inputs = keras.Input((3,))
model = keras.Model(inputs, keras.layers.Dense(2, activation='softmax')(fixed(norm(inputs))))
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')
history = model.fit(x, y, epochs=3, verbose=0)
model.save({str(path)!r})
again = keras.models.load_model({str(path)!r})
""", timeout=120)
    losses = values(kc, "history.history['loss']")
    assert losses[-1] < losses[0]
    np.testing.assert_allclose(values(kc, "again.predict(x, verbose=0)"), values(kc, "model.predict(x, verbose=0)"), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(values(kc, "again.layers[1].get_weights()[0]"), values(kc, "norm.get_weights()[0]"), rtol=1e-6)
    assert shown(kc, "print(again.layers[2].get_config()['variance'])").strip() == "[1.0, 4.0, 9.0]"


def test_errors_say_what_was_expected(kc):
    ename, evalue, _ = error(kc, "keras.layers.Normalization(mean=1.0)")
    assert ename == "ValueError" and "both `mean` and `variance` must be set" in evalue
    ename, evalue, _ = error(kc, "keras.layers.Dense(3).adapt(np.zeros((2, 4), 'float32'))")
    assert (ename, evalue) == ("AttributeError", "'Dense' object has no attribute 'adapt'")
    ename, evalue, _ = error(kc, """
n = keras.layers.Normalization()
n.adapt(np.zeros((4, 3), 'float32'))
n.adapt(np.zeros((2, 4), 'float32'))
""")
    assert ename == "ValueError" and "adapt() is being called with data with an incompatible shape, data.shape=(2, 4)" in evalue
    ename, evalue, _ = error(kc, "keras.layers.Normalization(axis=3)(np.zeros((2, 4), 'float32'))")
    assert ename == "ValueError" and "must be in the range [-ndim, ndim)" in evalue


def test_dropout_noise_shape_drops_whole_samples_in_training(kc):
    out = values(kc, "keras.layers.Dropout(0.5, noise_shape=(None, 1, 1), seed=2)(np.ones((32, 4, 3), 'float32'), training=True)")
    per_sample = out.reshape(32, -1)
    assert all(len(set(row)) == 1 for row in per_sample)
    assert {0.0, 2.0} == set(per_sample[:, 0])
    config = shown(kc, "print(list(keras.layers.Dropout(0.5, noise_shape=(None, 1, 1)).get_config()['noise_shape']))")
    assert config.strip() == "[None, 1, 1]"


def test_per_channel_rescaling_and_a_broadcast_multiply(kc):
    out = values(kc, "keras.layers.Rescaling([1., 2., 3.])(np.ones((2, 2, 3), 'float32'))")
    np.testing.assert_allclose(out, np.ones((2, 2, 3)) * [1, 2, 3])
    a = np.random.default_rng(1).random((2, 3, 3, 4)).astype(np.float32)
    b = np.random.default_rng(2).random((2, 1, 1, 4)).astype(np.float32)
    put(kc, "a", a)
    put(kc, "b", b)
    np.testing.assert_allclose(values(kc, "keras.layers.Multiply()([a, b])"), a * b, rtol=1e-6)
    ename, evalue, _ = error(kc, "keras.layers.Add()([a, np.ones((2, 2, 3, 4), 'float32')])")
    assert ename == "ValueError" and "Inputs have incompatible shapes" in evalue
