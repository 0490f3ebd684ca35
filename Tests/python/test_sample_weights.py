"""fit(sample_weight=, class_weight=, validation_freq=, initial_epoch=) and
evaluate(sample_weight=) through a real kernel. The losses are held against numpy: Keras 3's
'sum_over_batch_size' multiplies each sample's loss by its weight and divides the sum by the
batch size (not by the sum of the weights); `weighted_metrics` are weighted means, plain
`metrics` ignore the weights."""

from __future__ import annotations

import ast
import json
import re

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, error, ok, result_text, stdout_of, underlined

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's own training")

MODEL = """
from tensorflow import keras
from tensorflow.keras import layers
import tensorflow as tf
import numpy as np
import json
keras.backend.clear_session()
keras.utils.set_random_seed(6)
x = np.random.rand(20, 4).astype('float32')
y = np.random.randint(0, 3, 20)
w = (np.random.rand(20) * 3).astype('float32')
model = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation='softmax')])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss='sparse_categorical_crossentropy',
              metrics=['accuracy'], weighted_metrics=['accuracy', keras.metrics.SparseTopKCategoricalAccuracy(k=2)])
"""


def value(kc, code):
    return json.loads(ast.literal_eval(result_text(ok(kc, f"json.dumps({code})"))))


@pytest.fixture(scope="module")
def kc(kernel):
    _, kc = kernel
    ok(kc, MODEL)
    return kc


def arrays(kc):
    p = np.array(value(kc, "model.predict(x, verbose=0).tolist()"), dtype=np.float64)
    y = np.array(value(kc, "y.tolist()"))
    w = np.array(value(kc, "w.tolist()"), dtype=np.float64)
    losses = -np.log(np.clip(p[np.arange(len(y)), y], 1e-7, 1 - 1e-7) / np.clip(p, 1e-7, 1 - 1e-7).sum(1))
    right = (p.argmax(1) == y).astype(float)
    top2 = ((p > p[np.arange(len(y)), y][:, None]).sum(1) < 2).astype(float)
    return p, y, w, losses, right, top2


def test_sample_weight_weighs_the_loss_and_the_weighted_metrics(kc):
    _, _, w, losses, right, top2 = arrays(kc)
    h = value(kc, "model.fit(x, y, sample_weight=w, batch_size=8, epochs=1, shuffle=False, verbose=0).history")
    assert list(h) == sorted(["accuracy", "weighted_accuracy", "sparse_top_k_categorical_accuracy", "loss"])
    # Batches of 8, 8 and 4: each batch's loss is sum(w * l) / batch size, the epoch's the
    # size-weighted mean of those, i.e. mean(w * l) over all samples.
    assert h["loss"][0] == pytest.approx(np.mean(w * losses), rel=1e-5)
    assert h["loss"][0] != pytest.approx(np.sum(w * losses) / np.sum(w), rel=1e-3)
    assert h["accuracy"][0] == pytest.approx(np.mean(right), rel=1e-6)
    assert h["weighted_accuracy"][0] == pytest.approx(np.sum(w * right) / np.sum(w), rel=1e-5)
    assert h["sparse_top_k_categorical_accuracy"][0] == pytest.approx(np.sum(w * top2) / np.sum(w), rel=1e-5)
    e = value(kc, "model.evaluate(x, y, sample_weight=w, batch_size=6, verbose=0, return_dict=True)")
    assert e["loss"] == pytest.approx(np.mean(w * losses), rel=1e-5)
    assert e["weighted_accuracy"] == pytest.approx(np.sum(w * right) / np.sum(w), rel=1e-5)
    plain = value(kc, "model.evaluate(x, y, batch_size=6, verbose=0, return_dict=True)")
    assert plain["loss"] == pytest.approx(np.mean(losses), rel=1e-5)
    assert plain["weighted_accuracy"] == pytest.approx(np.mean(right), rel=1e-5)


def test_class_weight_gives_each_sample_its_class_weight(kc):
    _, y, _, losses, right, _ = arrays(kc)
    cw = {0: 2.0, 1: 0.5}
    sw = np.array([cw.get(int(c), 1.0) for c in y])
    h = value(kc, "model.fit(x, y, class_weight={0: 2.0, 1: 0.5}, batch_size=8, epochs=1, verbose=0).history")
    assert h["loss"][0] == pytest.approx(np.mean(sw * losses), rel=1e-5)
    assert h["weighted_accuracy"][0] == pytest.approx(np.sum(sw * right) / np.sum(sw), rel=1e-5)
    # One-hot targets: the class is the argmax.
    ok(kc, "hot = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation='softmax')])\n"
           "hot.set_weights(model.get_weights())\n"
           "hot.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss='categorical_crossentropy')")
    h = value(kc, "hot.fit(x, keras.utils.to_categorical(y, 3), class_weight={0: 2.0, 1: 0.5}, batch_size=8, verbose=0).history")
    assert h["loss"][0] == pytest.approx(np.mean(sw * losses), rel=1e-5)
    # A dataset takes class_weight too; weights in its batches act as sample weights.
    h = value(kc, "model.fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(8), class_weight={0: 2.0, 1: 0.5}, verbose=0).history")
    assert h["loss"][0] == pytest.approx(np.mean(sw * losses), rel=1e-5)
    _, _, w, _, _, _ = arrays(kc)
    h = value(kc, "model.fit(tf.data.Dataset.from_tensor_slices((x, y, w)).batch(8), verbose=0).history")
    assert h["loss"][0] == pytest.approx(np.mean(w * losses), rel=1e-5)


def test_validation_split_keeps_the_weights_of_the_validation_samples(kc):
    _, _, w, losses, _, _ = arrays(kc)
    h = value(kc, "model.fit(x, y, sample_weight=w, validation_split=0.25, batch_size=5, verbose=0).history")
    assert h["loss"][0] == pytest.approx(np.mean(w[:15] * losses[:15]), rel=1e-5)
    assert h["val_loss"][0] == pytest.approx(np.mean(w[15:] * losses[15:]), rel=1e-5)
    h = value(kc, "model.fit(x, y, validation_data=(x, y, w), verbose=0).history")
    assert h["val_loss"][0] == pytest.approx(np.mean(w * losses), rel=1e-5)


def test_validation_freq_as_an_int_and_as_a_list(kc):
    h = value(kc, "model.fit(x, y, validation_data=(x, y), epochs=5, validation_freq=2, verbose=0).history")
    assert len(h["loss"]) == 5 and len(h["val_loss"]) == 2
    h = value(kc, "model.fit(x, y, validation_data=(x, y), epochs=5, validation_freq=[1, 5], verbose=0).history")
    assert len(h["val_loss"]) == 2
    msgs = ok(kc, "h = model.fit(x, y, validation_data=(x, y), epochs=2, validation_freq=2, verbose=2)")
    lines = stdout_of(msgs).splitlines()
    assert "val_loss" not in lines[1] and "val_loss" in lines[3], lines


def test_initial_epoch_counts_epochs_from_there(kc):
    ok(kc, "class Begin(keras.callbacks.Callback):\n"
           "    def on_epoch_begin(self, epoch, logs=None):\n"
           "        print('begin', epoch)\n"
           "    def on_epoch_end(self, epoch, logs=None):\n"
           "        print('end', epoch)")
    msgs = ok(kc, "h = model.fit(x, y, epochs=4, initial_epoch=2, verbose=2, callbacks=[Begin()])")
    out = stdout_of(msgs)
    assert re.fullmatch(r"begin 2\nEpoch 3/4\n1/1 - .*\nend 2\nbegin 3\nEpoch 4/4\n1/1 - .*\nend 3\n", out), out
    assert value(kc, "h.epoch") == [2, 3]
    assert len(value(kc, "h.history['loss']")) == 2
    assert value(kc, "model.fit(x, y, epochs=2, initial_epoch=2, verbose=0).history") == {}


@pytest.mark.parametrize("code, ename, message, under", [
    ("model.fit(x, y, sample_weight=w, class_weight={0: 1.0}, verbose=0)", "ValueError",
     "You cannot `class_weight` and `sample_weight` at the same time.", "class_weight={0: 1.0}"),
    ("model.fit(x, y, class_weight=[1, 2], verbose=0)", "ValueError", "`class_weight` must be a dict", "class_weight=[1, 2]"),
    ("model.fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(4), sample_weight=w, verbose=0)", "ValueError",
     "When providing `x` as a tf.data.Dataset, `sample_weights` should not be passed. Instead, the sample weights should be included as part of the tf.data.Dataset.", "sample_weight=w"),
    ("model.fit((b for b in [(x, y)]), class_weight={0: 2.0}, steps_per_epoch=1, verbose=0)", "ValueError",
     "Argument `class_weight` is not supported for Python generator inputs.", "class_weight={0: 2.0}"),
    ("model.fit(x, y, sample_weight=w[:5], verbose=0)", "ValueError", "'sample_weight' sizes: 5", None),
    ("model.fit(x, y, validation_data=(x, y), validation_freq=0, verbose=0)", "ValueError",
     "`validation_freq` must be a positive integer", "validation_freq=0"),
    ("model.fit(x, y, validation_data=(x, y), validation_freq='2', verbose=0)", "ValueError",
     "Expected `validation_freq` to be a list or int.", "validation_freq='2'"),
    ("model.evaluate(x, y, sample_weight=np.ones((20, 2)), verbose=0)", "ValueError", "one sample weight per sample", "sample_weight=np.ones((20, 2))"),
])
def test_errors_are_kerass_and_located(kc, code, ename, message, under):
    got_name, got_value, tb = error(kc, code)
    assert got_name == ename
    assert message in got_value, got_value
    if under:
        assert underlined(tb, code) == under


def test_class_weight_refuses_3d_targets(kc):
    ok(kc, "seg = keras.Sequential([keras.Input((4, 2)), layers.Dense(3, activation='softmax')])\n"
           "seg.compile(optimizer='sgd', loss='categorical_crossentropy')\n"
           "ys = keras.utils.to_categorical(np.random.randint(0, 3, (5, 4)), 3)")
    got_name, got_value, _ = error(kc, "seg.fit(np.random.rand(5, 4, 2), ys, class_weight={0: 2.0}, verbose=0)")
    assert got_name == "ValueError"
    assert "`class_weight` not supported for 3+ dimensional targets." in got_value


def test_shuffle_false_trains_on_the_batches_in_order(kc):
    """shuffle=False reads the arrays in order, as a dataset batched in order does; shuffle=True
    (the default) changes the order, and so what the model learns."""
    ok(kc, "def trained(data, **kw):\n"
           "    m = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation='softmax')])\n"
           "    m.set_weights(model.get_weights())\n"
           "    m.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5), loss='sparse_categorical_crossentropy')\n"
           "    h = m.fit(*data, batch_size=None if len(data) == 1 else 4, epochs=2, verbose=0, **kw)\n"
           "    return h.history['loss'], [float(v) for v in m.get_weights()[0].ravel()]")
    in_order = value(kc, "trained((x, y), shuffle=False)")
    assert value(kc, "trained((x, y), shuffle=False)") == in_order
    from_dataset = value(kc, "trained((tf.data.Dataset.from_tensor_slices((x, y)).batch(4),))")
    assert from_dataset[0] == pytest.approx(in_order[0], rel=1e-6)
    assert from_dataset[1] == pytest.approx(in_order[1], rel=1e-6)
    shuffled = value(kc, "trained((x, y))")
    assert shuffled[1] != pytest.approx(in_order[1], rel=1e-4)
