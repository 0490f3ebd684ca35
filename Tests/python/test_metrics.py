"""keras.metrics through a real kernel: names and objects in compile(metrics=[...]), the values
fit and evaluate report (held against numpy computations of Keras's formulas over the whole
epoch, not batch averages), Keras's names in the logs, History and progress line, the metric
objects' own update_state/result/reset_state, and located errors."""

from __future__ import annotations

import ast
import json
import re

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, error, ok, result_text, stdout_of, underlined

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's own metrics")

BINARY = """
from tensorflow import keras
from tensorflow.keras import layers
import numpy as np
import json
keras.backend.clear_session()
keras.utils.set_random_seed(3)
x = np.random.rand(40, 3).astype('float32') * 4 - 2
y = (np.random.rand(40) > 0.5).astype('float32')
model = keras.Sequential([keras.Input((3,)), layers.Dense(1, activation='sigmoid')])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss='binary_crossentropy',
              metrics=['mae', 'mse', keras.metrics.Precision(), keras.metrics.Recall(), keras.metrics.AUC(),
                       keras.metrics.Precision(thresholds=0.3), 'accuracy', keras.metrics.BinaryAccuracy(),
                       keras.metrics.RootMeanSquaredError(), 'mean_absolute_error'])
"""

NAMES = ["mae", "mse", "precision", "recall", "auc", "precision_1", "accuracy", "binary_accuracy",
         "root_mean_squared_error", "mean_absolute_error"]


def value(kc, code):
    """A JSON-able value computed in the kernel."""
    return json.loads(ast.literal_eval(result_text(ok(kc, f"json.dumps({code})"))))


@pytest.fixture(scope="module")
def kc(kernel):
    _, kc = kernel
    ok(kc, BINARY)
    return kc


def keras_auc(p, y, num_thresholds=200, weights=None):
    """Keras's AUC: counts above each of its thresholds, then the trapezoids over (fpr, tpr)."""
    w = np.ones_like(p) if weights is None else weights
    thresholds = np.array([-1e-7] + [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)] + [1 + 1e-7])
    above = p[None, :] > thresholds[:, None]
    tp = (above * (y * w)[None, :]).sum(1)
    fp = (above * ((1 - y) * w)[None, :]).sum(1)
    fn = (y * w).sum() - tp
    tn = ((1 - y) * w).sum() - fp
    tpr = np.divide(tp, tp + fn, out=np.zeros_like(tp), where=(tp + fn) > 0)
    fpr = np.divide(fp, fp + tn, out=np.zeros_like(fp), where=(fp + tn) > 0)
    return float(np.sum((fpr[:-1] - fpr[1:]) * (tpr[:-1] + tpr[1:]) / 2))


def expected_binary(kc):
    p = np.array(value(kc, "model.predict(x, verbose=0)[:, 0].tolist()"), dtype=np.float64)
    y = np.array(value(kc, "y.tolist()"), dtype=np.float64)
    err = p - y

    def precision(t):
        pos = p > t
        return np.sum(pos & (y == 1)) / np.sum(pos)

    recall = np.sum((p > 0.5) & (y == 1)) / np.sum(y == 1)
    accuracy = np.mean((p > 0.5) == (y == 1))
    loss = np.mean(-(y * np.log(np.clip(p, 1e-7, 1 - 1e-7)) + (1 - y) * np.log(1 - np.clip(p, 1e-7, 1 - 1e-7))))
    return {"mae": np.mean(np.abs(err)), "mse": np.mean(err ** 2), "precision": precision(0.5), "recall": recall,
            "auc": keras_auc(p, y), "precision_1": precision(0.3), "accuracy": accuracy, "binary_accuracy": accuracy,
            "root_mean_squared_error": np.sqrt(np.mean(err ** 2)), "mean_absolute_error": np.mean(np.abs(err)),
            "loss": loss}


def test_fit_logs_every_metric_by_keras_name_over_the_whole_epoch(kc):
    msgs = ok(kc, "h = model.fit(x, y, batch_size=16, epochs=2, shuffle=False, verbose=2)")
    history = value(kc, "h.history")
    # Keras 3 on TensorFlow hands the logs to History and the progress bar sorted by name.
    assert list(history) == sorted(NAMES + ["loss"])
    expected = expected_binary(kc)
    # learning_rate=0: the weights stay, so each epoch's values are over the same predictions,
    # accumulated over three batches of 16, 16 and 8 samples.
    for name, values in history.items():
        assert values == pytest.approx([expected[name]] * 2, rel=1e-5, abs=1e-6), name
    out = stdout_of(msgs)
    line = out.splitlines()[1]
    assert re.fullmatch(r"3/3 - \d+s - \d+(?:ms|us)/step - " + " - ".join(rf"{n}: \d\.\d{{4}}" for n in sorted(NAMES + ["loss"])), line), out
    # Precision over the epoch is not the mean of the batches' precisions.
    p = np.array(value(kc, "model.predict(x, verbose=0)[:, 0].tolist()"))
    yv = np.array(value(kc, "y.tolist()"))
    per_batch = [np.sum((p[i:i + 16] > 0.5) & (yv[i:i + 16] == 1)) / max(np.sum(p[i:i + 16] > 0.5), 1) for i in (0, 16, 32)]
    assert abs(np.mean(per_batch) - expected["precision"]) > 1e-4


def test_evaluate_returns_the_same_metrics_in_keras_order(kc):
    expected = expected_binary(kc)
    logs = value(kc, "model.evaluate(x, y, batch_size=7, verbose=0, return_dict=True)")
    assert list(logs) == sorted(NAMES + ["loss"])
    for name, v in logs.items():
        assert v == pytest.approx(expected[name], rel=1e-5, abs=1e-6), name
    listed = value(kc, "model.evaluate(x, y, batch_size=7, verbose=0)")
    assert listed[0] == pytest.approx(expected["loss"], rel=1e-5)
    assert listed[1:] == pytest.approx([expected[n] for n in NAMES], rel=1e-5, abs=1e-6)


def test_accuracy_of_one_output_unit_is_binary_whatever_the_loss(kc):
    """Keras 3 picks 'accuracy' from the predictions' shape: one unit means binary accuracy, also
    with mse (a categorical accuracy over one column would always be 1)."""
    ok(kc, """
one = keras.Sequential([keras.Input((3,)), layers.Dense(1, activation='sigmoid')])
one.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss='mse', metrics=['accuracy'])
""")
    p = np.array(value(kc, "one.predict(x, verbose=0)[:, 0].tolist()"), dtype=np.float64)
    y = np.array(value(kc, "y.tolist()"), dtype=np.float64)
    logs = value(kc, "one.evaluate(x, y, verbose=0, return_dict=True)")
    assert logs["accuracy"] == pytest.approx(np.mean((p > 0.5) == (y == 1)), abs=1e-6)
    assert logs["accuracy"] < 1.0


IMBALANCED = """
METRICS = [
    keras.metrics.BinaryCrossentropy(name='cross entropy'),
    keras.metrics.MeanSquaredError(name='Brier score'),
    keras.metrics.TruePositives(name='tp'),
    keras.metrics.FalsePositives(name='fp'),
    keras.metrics.TrueNegatives(name='tn'),
    keras.metrics.FalseNegatives(name='fn'),
    keras.metrics.BinaryAccuracy(name='accuracy'),
    keras.metrics.Precision(name='precision'),
    keras.metrics.Recall(name='recall'),
    keras.metrics.AUC(name='auc'),
    keras.metrics.AUC(name='prc', curve='PR'),
]
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss=keras.losses.BinaryCrossentropy(), metrics=METRICS)
"""


def keras_pr_auc(p, y, num_thresholds=200):
    """Keras's interpolate_pr_auc over its counts."""
    thresholds = np.array([-1e-7] + [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)] + [1 + 1e-7])
    above = p[None, :] > thresholds[:, None]
    tp = (above * y[None, :]).sum(1)
    fp = (above * (1 - y)[None, :]).sum(1)
    fn = y.sum() - tp

    def no_nan(a, b):
        return np.divide(a, b, out=np.zeros_like(a, dtype=float), where=b != 0)

    pos = tp + fp
    dtp = tp[:-1] - tp[1:]
    slope = no_nan(dtp, np.maximum(pos[:-1] - pos[1:], 0))
    intercept = tp[1:] - slope * pos[1:]
    ratio = np.where((pos[:-1] > 0) & (pos[1:] > 0), no_nan(pos[:-1], np.maximum(pos[1:], 0)), 1.0)
    return float(np.sum(no_nan(slope * (dtp + intercept * np.log(ratio)), np.maximum(tp[1:] + fn[1:], 0))))


def test_the_imbalanced_data_tutorials_metrics(kc):
    """The metrics of TensorFlow's "Classification on imbalanced data" tutorial, as it lists them."""
    ok(kc, IMBALANCED)
    p = np.array(value(kc, "model.predict(x, verbose=0)[:, 0].tolist()"), dtype=np.float64)
    y = np.array(value(kc, "y.tolist()"), dtype=np.float64)
    c = np.clip(p, 1e-7, 1 - 1e-7)
    pos = p > 0.5
    expected = {"cross entropy": np.mean(-(y * np.log(c) + (1 - y) * np.log(1 - c))), "Brier score": np.mean((p - y) ** 2),
                "tp": np.sum(pos & (y == 1)), "fp": np.sum(pos & (y == 0)), "tn": np.sum(~pos & (y == 0)),
                "fn": np.sum(~pos & (y == 1)), "accuracy": np.mean(pos == (y == 1)),
                "precision": np.sum(pos & (y == 1)) / np.sum(pos), "recall": np.sum(pos & (y == 1)) / np.sum(y == 1),
                "auc": keras_auc(p, y), "prc": keras_pr_auc(p, y)}
    expected["loss"] = expected["cross entropy"]
    logs = value(kc, "model.evaluate(x, y, batch_size=16, verbose=0, return_dict=True)")
    assert list(logs) == sorted(list(expected)[:-1] + ["loss"])
    for name, v in logs.items():
        assert v == pytest.approx(expected[name], rel=1e-5, abs=1e-6), name
    assert value(kc, "keras.metrics.TruePositives().name") == "true_positives"


CATEGORICAL = """
keras.utils.set_random_seed(4)
xc = np.random.rand(30, 4).astype('float32')
yc = np.random.randint(0, 6, 30)
cat = keras.Sequential([keras.Input((4,)), layers.Dense(6, activation='softmax')])
cat.compile(optimizer='sgd', loss='sparse_categorical_crossentropy',
            metrics=[keras.metrics.SparseTopKCategoricalAccuracy(k=2), 'sparse_top_k_categorical_accuracy',
                     keras.metrics.SparseCategoricalAccuracy(name='acc_obj')])
onehot = keras.Sequential([keras.Input((4,)), layers.Dense(6, activation='softmax')])
onehot.compile(optimizer='sgd', loss='categorical_crossentropy',
               metrics=[keras.metrics.TopKCategoricalAccuracy(k=3), keras.metrics.CategoricalAccuracy(), 'top_k_categorical_accuracy'])
"""


def test_top_k_accuracies_sparse_and_one_hot(kc):
    ok(kc, CATEGORICAL)
    p = np.array(value(kc, "cat.predict(xc, verbose=0).tolist()"))
    y = np.array(value(kc, "yc.tolist()"))

    def top_k(k):
        higher = (p > p[np.arange(len(y)), y][:, None]).sum(1)
        return float(np.mean(higher < k))

    logs = value(kc, "cat.evaluate(xc, yc, batch_size=8, verbose=0, return_dict=True)")
    assert list(logs) == sorted(["sparse_top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy_1", "acc_obj", "loss"])
    assert logs["sparse_top_k_categorical_accuracy"] == pytest.approx(top_k(2), rel=1e-6)
    assert logs["sparse_top_k_categorical_accuracy_1"] == pytest.approx(top_k(5), rel=1e-6)
    assert logs["acc_obj"] == pytest.approx(float(np.mean(p.argmax(1) == y)), rel=1e-6)
    ok(kc, "p1 = onehot.predict(xc, verbose=0)\nyh = keras.utils.to_categorical(yc, 6)")
    p = np.array(value(kc, "p1.tolist()"))
    logs = value(kc, "onehot.evaluate(xc, yh, batch_size=8, verbose=0, return_dict=True)")
    assert list(logs) == sorted(["top_k_categorical_accuracy", "categorical_accuracy", "top_k_categorical_accuracy_1", "loss"])
    assert logs["top_k_categorical_accuracy"] == pytest.approx(top_k(3), rel=1e-6)
    assert logs["top_k_categorical_accuracy_1"] == pytest.approx(top_k(5), rel=1e-6)
    assert logs["categorical_accuracy"] == pytest.approx(float(np.mean(p.argmax(1) == y)), rel=1e-6)


def test_metric_objects_accumulate_until_reset(kc):
    ok(kc, "m = keras.metrics.Precision()\nm.update_state([0, 1, 1, 1], [1, 0, 1, 1])")
    assert value(kc, "float(m.result())") == pytest.approx(0.6666667, rel=1e-6)
    # A second batch adds to the counts: (2 + 1) true positives of (3 + 2) predicted positives.
    ok(kc, "m.update_state([1, 0], [0.9, 0.7])")
    assert value(kc, "float(m.result())") == pytest.approx(3 / 5, rel=1e-6)
    ok(kc, "m.reset_state()")
    assert value(kc, "float(m.result())") == 0
    ok(kc, "m.update_state([0, 1, 1, 1], [1, 0, 1, 1], sample_weight=[0, 0, 1, 0])")
    assert value(kc, "float(m.result())") == 1.0
    assert value(kc, "m.result().numpy().tolist()") == 1.0
    ok(kc, "a = keras.metrics.AUC(num_thresholds=3)\na.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])")
    assert value(kc, "float(a.result())") == pytest.approx(0.75)
    assert value(kc, "float(keras.metrics.Recall()([0, 1, 1, 1], [1, 0, 1, 1]))") == pytest.approx(0.6666667, rel=1e-6)
    ok(kc, "mae = keras.metrics.MeanAbsoluteError()\nmae.update_state([[0, 1], [0, 0]], [[1, 1], [1, 0]])")
    assert value(kc, "float(mae.result())") == pytest.approx(0.5)
    ok(kc, "mae.update_state([[0, 1], [0, 0]], [[1, 1], [1, 0]], sample_weight=[1, 0])")
    assert value(kc, "float(mae.result())") == pytest.approx((0.5 + 0.5 + 0.5) / 3)
    rng = np.random.default_rng(0)
    yt, yp = rng.integers(0, 2, 50).astype(float), rng.random(50)
    ok(kc, f"b = keras.metrics.AUC()\nb.update_state({yt[:20].tolist()}, {yp[:20].tolist()})\nb.update_state({yt[20:].tolist()}, {yp[20:].tolist()})")
    assert value(kc, "float(b.result())") == pytest.approx(keras_auc(yp, yt), rel=1e-5)


def test_metric_names_and_reprs(kc):
    ok(kc, "keras.backend.clear_session()")
    names = value(kc, "[keras.metrics.Precision().name, keras.metrics.Precision().name, keras.metrics.AUC().name, "
                      "keras.metrics.Recall(name='r').name, keras.metrics.TopKCategoricalAccuracy().name, "
                      "keras.metrics.SparseTopKCategoricalAccuracy().name, keras.metrics.RootMeanSquaredError().name]")
    assert names == ["precision", "precision_1", "auc", "r", "top_k_categorical_accuracy",
                     "sparse_top_k_categorical_accuracy", "root_mean_squared_error"]
    assert result_text(ok(kc, "keras.metrics.AUC(name='area')")) == "<AUC name=area>"
    assert result_text(ok(kc, "isinstance(keras.metrics.AUC(), keras.metrics.AUC), isinstance(keras.metrics.AUC(), keras.metrics.Metric)")) == "(True, True)"


@pytest.mark.parametrize("code, line, ename, message, under", [
    ("model.compile(optimizer='sgd', loss='mse', metrics=['f1_score'])", None, "ValueError",
     "The metric 'f1_score' is not supported by Fovea yet", "metrics=['f1_score']"),
    ("model.compile(optimizer='sgd', loss='mse', metrics=['precison'])", None, "ValueError",
     "Could not interpret metric identifier: precison", "metrics=['precison']"),
    ("model.compile(optimizer='sgd', loss='mse', metrics=[3])", None, "ValueError",
     "Expected all entries in the `metrics` list to be metric objects", "metrics=[3]"),
    ("model.compile(optimizer='sgd', loss='mse', weighted_metrics='mae')", None, "ValueError",
     "Expected `weighted_metrics` argument to be a list, tuple, or dict", "weighted_metrics='mae'"),
    ("keras.metrics.AUC(num_thresholds=1)", None, "ValueError",
     "Argument `num_thresholds` must be an integer > 1. Received: num_thresholds=1", "num_thresholds=1"),
    ("keras.metrics.AUC(curve='PRGAIN')", None, "NotImplementedError", "ROC and PR curves only", "curve='PRGAIN'"),
    ("keras.metrics.AUC(curve='XY')", None, "ValueError", 'Invalid AUC curve value: "XY"', "curve='XY'"),
    ("keras.metrics.BinaryCrossentropy(label_smoothing=0.1)", None, "NotImplementedError", "does not smooth labels", "label_smoothing=0.1"),
    ("keras.metrics.Precision(thresholds=1.5)", None, "ValueError", "Threshold values must be in [0, 1]", "thresholds=1.5"),
    ("keras.metrics.Precision(top_k=2)", None, "NotImplementedError", "`top_k` is not supported yet", "top_k=2"),
    ("keras.metrics.Precision().update_state([0, 1], [0.3, 0.2, 0.9])", None, "ValueError",
     "precision expects as many targets as predictions", None),
])
def test_errors_are_kerass_and_located(kc, code, line, ename, message, under):
    got_name, got_value, tb = error(kc, code)
    assert got_name == ename
    assert message in got_value, got_value
    if under:
        assert underlined(tb, line or code) == under
