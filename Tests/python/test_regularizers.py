"""keras.regularizers through a real kernel: the loss evaluate and fit report is the data loss
(computed here with numpy from the model's own weights and predictions) plus each regularized
weight's penalty, regularizers by name and by object, their configs, and located errors."""

from __future__ import annotations

import ast
import json

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, error, execute, ok, result_text, underlined

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's own layers")

MODEL = """
from tensorflow import keras
from tensorflow.keras import layers
import numpy as np
import json
keras.backend.clear_session()
keras.utils.set_random_seed(5)
x = np.random.rand(16, 4, 4, 1).astype('float32')
y = np.random.randint(0, 3, 16)
model = keras.Sequential([
    keras.Input((4, 4, 1)),
    layers.Conv2D(2, 3, kernel_regularizer=keras.regularizers.l2(0.01)),
    layers.Flatten(),
    layers.Dense(3, activation='softmax', kernel_regularizer=keras.regularizers.l1_l2(l1=0.001, l2=0.002),
                 bias_regularizer='l2'),
])
model.compile(optimizer=keras.optimizers.SGD(0.1), loss='sparse_categorical_crossentropy')
"""


def value(kc, code):
    """A JSON-able value computed in the kernel."""
    return json.loads(ast.literal_eval(result_text(ok(kc, f"json.dumps({code})"))))


@pytest.fixture(scope="module")
def kc(kernel):
    _, kc = kernel
    ok(kc, MODEL)
    return kc


def expected_loss(kc):
    """Mean sparse categorical crossentropy of the model's predictions, plus the penalties."""
    p = np.array(value(kc, "model.predict(x, verbose=0).tolist()"), dtype=np.float64)
    y = np.array(value(kc, "y.tolist()"))
    data = float(np.mean(-np.log(np.clip(p[np.arange(len(y)), y], 1e-7, 1))))
    conv_kernel = np.array(value(kc, "model.layers[0].get_weights()[0].tolist()"), dtype=np.float64)
    dense_kernel, dense_bias = (np.array(value(kc, f"model.layers[2].get_weights()[{i}].tolist()"), dtype=np.float64)
                                for i in (0, 1))
    penalties = [0.01 * np.sum(conv_kernel ** 2),
                 0.001 * np.sum(np.abs(dense_kernel)) + 0.002 * np.sum(dense_kernel ** 2),
                 0.01 * np.sum(dense_bias ** 2)]
    return data, penalties


def test_evaluate_and_the_first_batch_of_fit_report_the_data_loss_plus_the_penalties(kc):
    ok(kc, "model.layers[2].set_weights([model.layers[2].get_weights()[0], np.array([0.5, -1.0, 0.25], dtype='float32')])")
    data, penalties = expected_loss(kc)
    assert penalties[0] > 1e-3 and penalties[2] > 1e-3
    model_losses = value(kc, "[float(l) for l in model.losses]")
    assert model_losses == pytest.approx(penalties, rel=1e-5)
    evaluated = value(kc, "model.evaluate(x, y, batch_size=16, verbose=0)")
    assert evaluated == pytest.approx(data + sum(penalties), rel=1e-5)
    # One batch of all the data: the reported loss is taken before the step changes the weights.
    fitted = value(kc, "model.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0).history['loss'][0]")
    assert fitted == pytest.approx(data + sum(penalties), rel=1e-5)
    after, after_penalties = expected_loss(kc)
    assert value(kc, "model.evaluate(x, y, batch_size=16, verbose=0)") == pytest.approx(after + sum(after_penalties), rel=1e-5)


def test_regularizers_by_name_and_their_configs(kc):
    assert result_text(ok(kc, "model.layers[0].kernel_regularizer.get_config()")) == "{'l2': 0.01}"
    assert result_text(ok(kc, "model.layers[2].kernel_regularizer.get_config()")) == "{'l1': 0.001, 'l2': 0.002}"
    assert result_text(ok(kc, "model.layers[2].bias_regularizer.get_config()")) == "{'l2': 0.01}"
    assert result_text(ok(kc, "model.layers[0].bias_regularizer is None")) == "True"
    assert result_text(ok(kc, "keras.regularizers.L1().get_config()")) == "{'l1': 0.01}"
    assert result_text(ok(kc, "keras.regularizers.l2(None).get_config()")) == "{'l2': 0.01}"
    assert result_text(ok(kc, "keras.regularizers.l1_l2().get_config()")) == "{'l1': 0.0, 'l2': 0.0}"
    assert result_text(ok(kc, "layers.Dense(2, kernel_regularizer='l1').kernel_regularizer.get_config()")) == "{'l1': 0.01}"
    assert result_text(ok(kc, "type(keras.regularizers.l2(0.5)).__name__")) == "'L2'"
    assert result_text(ok(kc, "isinstance(keras.regularizers.l2(), keras.regularizers.L2)")) == "True"


@pytest.mark.parametrize("code, fragment, ename, evalue", [
    ("keras.regularizers.l2(-1)", "-1", "ValueError",
     "Invalid value for argument l2: expected a non-negative float.Received: l2=-1"),
    ("keras.regularizers.L1L2(l1=-0.5)", "l1=-0.5", "ValueError",
     "Invalid value for argument l1: expected a non-negative float.Received: l1=-0.5"),
    ("keras.regularizers.l1('big')", "'big'", "ValueError",
     "Invalid value for argument l1: expected a non-negative float.Received: l1=big"),
    ("layers.Dense(2, kernel_regularizer='l3')", "kernel_regularizer='l3'", "ValueError",
     "Could not interpret regularizer identifier: l3"),
    ("layers.Conv2D(2, 3, bias_regularizer=5)", "bias_regularizer=5", "ValueError",
     "Could not interpret regularizer identifier: 5"),
    ("layers.Dense(2, activity_regularizer='l2')", "activity_regularizer='l2'", "NotImplementedError",
     "Fovea does not support `activity_regularizer` yet. Received: activity_regularizer='l2'"),
])
def test_bad_arguments_raise_located_errors(kc, code, fragment, ename, evalue):
    got_name, got_value, tb = error(kc, code)
    assert (got_name, got_value) == (ename, evalue)
    assert underlined(tb, code) == fragment, "\n".join(tb)
