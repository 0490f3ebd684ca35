"""A Sequential model used as a layer of another, through the real kernel: the classification
tutorial's `Sequential([model, Softmax()])` (summary equal to Keras's, predictions the softmax of
the model's), and a frozen base under a new head (transfer learning)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, execute, shown

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's nested models")
REFERENCE = Path(__file__).resolve().parents[1] / "Fixtures" / "keras-functional"


def run(kc, code: str) -> str:
    return shown(kc, code)


@pytest.fixture(scope="module")
def kc(kernel):
    kc = kernel[1]
    run(kc, """
import numpy as np
import tensorflow as tf
rng = np.random.default_rng(0)
x = rng.random((64, 28, 28)).astype("float32")
y = rng.integers(0, 10, 64)
""")
    return kc


def test_probability_model_wraps_the_trained_model_as_keras_does(kc):
    out = run(kc, """
model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)), tf.keras.layers.Dense(128, activation='relu'),
                             tf.keras.layers.Dense(10)])
model.compile(optimizer='adam', loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=['accuracy'])
model.fit(x, y, epochs=1, verbose=0)
probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
probability_model.summary()
logits = model.predict(x[:5], verbose=0)
p = probability_model.predict(x[:5], verbose=0)
e = np.exp(logits - logits.max(axis=1, keepdims=True))
print(np.abs(p - e / e.sum(axis=1, keepdims=True)).max() < 1e-6, [l.name for l in probability_model.layers])
""")
    want = (REFERENCE / "summary_f_nested.txt").read_text()
    summary, last = out.rsplit("\n", 2)[0], out.strip().splitlines()[-1]
    assert summary.strip("\n") == want.strip("\n")
    assert last == "True ['sequential', 'softmax']"


def test_a_frozen_base_keeps_its_weights_and_the_head_trains(kc):
    out = run(kc, """
base = tf.keras.Sequential([tf.keras.Input((28, 28)), tf.keras.layers.Flatten(), tf.keras.layers.Dense(16, activation='relu')], name="base")
base.trainable = False
head = tf.keras.Sequential([base, tf.keras.layers.Dense(10, activation="softmax")])
head.compile("adam", "sparse_categorical_crossentropy")
before = base.layers[1].get_weights()[0].copy()
top = head.layers[1].get_weights()[0].copy()
head.fit(x, y, epochs=1, verbose=0)
print(np.array_equal(before, base.layers[1].get_weights()[0]), np.array_equal(top, head.layers[1].get_weights()[0]))
base.trainable = True
head.fit(x, y, epochs=1, verbose=0)
print(np.array_equal(before, base.layers[1].get_weights()[0]))
""")
    assert out.split() == ["True", "False", "False"]


def test_a_frozen_base_counts_as_non_trainable_in_the_summary(kc):
    out = run(kc, "base.trainable = False\nhead.summary()")
    assert "│ base (Sequential)                    │ (None, 16)                  │          12,560 │" in out
    assert " Trainable params: 170 (680.00 B)" in out and " Non-trainable params: 12,560 (49.06 KB)" in out


def test_model_get_and_set_weights(kc):
    out = run(kc, """
w = head.get_weights()
print([a.shape for a in w])
head.set_weights([np.zeros_like(a) for a in w])
print(float(np.abs(head.predict(x[:2], verbose=0) - 0.1).max()) < 1e-6)
head.set_weights(w)
print(all(np.array_equal(a, b) for a, b in zip(w, head.get_weights())))
""")
    assert out.splitlines() == ["[(784, 16), (16,), (16, 10), (10,)]", "True", "True"]
    reply, _ = execute(kc, "head.set_weights(w[:3])")
    assert reply["content"]["ename"] == "ValueError"
    assert "with a weight list of length 3, but the layer was expecting 4 weights" in reply["content"]["evalue"]
    reply, _ = execute(kc, "head.set_weights(w[:3] + [np.zeros(11)])")
    assert "weight shape (10,) is not compatible with provided weight shape (11,)" in reply["content"]["evalue"]


def test_expand_nested_lists_the_inner_layers_under_their_model(kc):
    out = run(kc, """
inner = tf.keras.Sequential([tf.keras.Input((28, 28)), tf.keras.layers.Flatten(name="flat"), tf.keras.layers.Dense(8, name="d8")], name="inner")
outer = tf.keras.Sequential([inner, tf.keras.layers.Softmax(name="probs")])
outer.summary(expand_nested=True)
""")
    names = [line.split("│")[1].strip() for line in out.splitlines() if line.startswith("│ ")]
    assert names == ["inner (Sequential)", "└ flat (Flatten)", "└ d8 (Dense)", "probs (Softmax)"]
    assert "│    └ flat (Flatten)" in out
    assert " Total params: 6,280 (24.53 KB)" in out
