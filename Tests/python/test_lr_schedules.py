"""keras.optimizers.schedules through a real kernel: each schedule's values against Keras 3's
formula computed here with numpy in float32, get_config, an optimizer following a schedule batch
by batch (its learning_rate, its iterations and the weights it produces), the callbacks that may
not set a scheduled rate, and bad arguments raising Keras's errors at the argument."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, error, execute, ok, result_text, underlined

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's own schedules")

f32 = np.float32

PREP = """
from tensorflow import keras
import numpy as np
schedules = keras.optimizers.schedules
"""


def value(kc, code):
    return result_text(ok(kc, code))


def values_at(kc, schedule, steps):
    """The schedule's values at `steps`, read through float() of the tensors it returns."""
    out = value(kc, f"s = {schedule}\n[float(s(k)) for k in {list(steps)}]")
    return [float(v) for v in out.strip("[]").split(",")]


def assert_f32(got, expected):
    for g, e in zip(got, expected, strict=True):
        assert g == pytest.approx(float(f32(e)), rel=2e-7, abs=1e-12), (got, expected)


@pytest.fixture(scope="module")
def kc(kernel):
    _, kc = kernel
    ok(kc, PREP)
    return kc


def test_a_schedule_returns_a_float32_tensor(kc):
    assert value(kc, "t = schedules.ExponentialDecay(0.1, 10, 0.5)(0)\ntype(t).__name__.endswith('EagerTensor'), t.dtype, t.shape") == \
        "(True, tf.float32, TensorShape([]))"
    assert value(kc, "isinstance(schedules.CosineDecay(0.1, 5), schedules.LearningRateSchedule)") == "True"


def test_exponential_decay_and_staircase(kc):
    steps = [0, 1, 3, 10, 25]
    got = values_at(kc, "schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.96)", steps)
    assert_f32(got, [f32(0.1) * np.power(f32(0.96), f32(k) / f32(10)) for k in steps])
    got = values_at(kc, "schedules.ExponentialDecay(0.1, 10, 0.5, staircase=True)", [0, 9, 10, 19, 20, 35])
    assert_f32(got, [0.1, 0.1, 0.05, 0.05, 0.025, 0.0125])


def test_piecewise_constant_boundaries(kc):
    got = values_at(kc, "schedules.PiecewiseConstantDecay([100, 200], [1.0, 0.5, 0.1])", [0, 100, 101, 200, 201, 5000])
    assert got == [1.0, 1.0, 0.5, 0.5, float(f32(0.1)), float(f32(0.1))]


def test_cosine_decay_with_and_without_warmup(kc):
    steps = [0, 3, 5, 10, 40]
    got = values_at(kc, "schedules.CosineDecay(0.2, 10, alpha=0.1)", steps)
    expected = []
    for k in steps:
        frac = f32(min(k, 10)) / f32(10)
        decayed = f32(0.9) * (f32(0.5) * (f32(1) + np.cos(f32(math.pi) * frac))) + f32(0.1)
        expected.append(f32(0.2) * decayed)
    assert_f32(got, expected)
    steps = [0, 2, 4, 5, 9, 14, 100]
    got = values_at(kc, "schedules.CosineDecay(0.0, 10, warmup_target=0.4, warmup_steps=4)", steps)
    expected = []
    for k in steps:
        s = f32(min(k, 14))
        if s < 4:
            expected.append(f32(0.4) * (s / f32(4)))
        else:
            expected.append(f32(0.4) * (f32(0.5) * (f32(1) + np.cos(f32(math.pi) * ((s - f32(4)) / f32(10))))))
    assert_f32(got, expected)
    assert got[1] == pytest.approx(0.2) and got[2] == pytest.approx(0.4) and got[-1] == 0.0


def test_inverse_time_decay(kc):
    steps = [0, 1, 7, 50]
    got = values_at(kc, "schedules.InverseTimeDecay(0.5, 5, 2.0)", steps)
    assert_f32(got, [f32(0.5) / (f32(1) + f32(2) * (f32(k) / f32(5))) for k in steps])
    got = values_at(kc, "schedules.InverseTimeDecay(0.5, 5, 2.0, staircase=True)", [4, 7])
    assert_f32(got, [0.5, f32(0.5) / f32(3)])


def test_get_config_is_keras_dict(kc):
    assert value(kc, "schedules.ExponentialDecay(0.1, 1000, 0.96, staircase=True).get_config()") == \
        "{'initial_learning_rate': 0.1, 'decay_steps': 1000, 'decay_rate': 0.96, 'staircase': True, 'name': 'ExponentialDecay'}"
    assert value(kc, "schedules.PiecewiseConstantDecay([10], [0.1, 0.01]).get_config()") == \
        "{'boundaries': [10], 'values': [0.1, 0.01], 'name': 'PiecewiseConstant'}"
    assert value(kc, "schedules.CosineDecay(0.1, 50, warmup_target=0.5, warmup_steps=5).get_config()") == \
        "{'initial_learning_rate': 0.1, 'decay_steps': 50, 'alpha': 0.0, 'name': 'CosineDecay', 'warmup_target': 0.5, 'warmup_steps': 5}"
    out = value(kc, "keras.optimizers.SGD(learning_rate=schedules.ExponentialDecay(0.1, 10, 0.5)).get_config()['learning_rate']")
    assert out == ("{'module': 'keras.optimizers.schedules', 'class_name': 'ExponentialDecay', 'config': "
                   "{'initial_learning_rate': 0.1, 'decay_steps': 10, 'decay_rate': 0.5, 'staircase': False, "
                   "'name': 'ExponentialDecay'}, 'registered_name': None}")


def test_adam_follows_the_schedule_as_it_trains(kc):
    ok(kc, """
keras.utils.set_random_seed(1)
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation='softmax')])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=schedules.ExponentialDecay(0.01, 2, 0.5)),
              loss='sparse_categorical_crossentropy')
x = np.random.rand(20, 4).astype('float32')
y = np.random.randint(0, 3, 20)
lr0 = float(model.optimizer.learning_rate)
model.fit(x, y, epochs=1, batch_size=5, verbose=0)
""")
    assert float(value(kc, "lr0")) == float(f32(0.01))
    assert value(kc, "int(model.optimizer.iterations)") == "4"
    assert_f32([float(value(kc, "float(model.optimizer.learning_rate)"))], [f32(0.01) * np.power(f32(0.5), f32(4) / f32(2))])
    ok(kc, "model.fit(x, y, epochs=2, batch_size=10, verbose=0)")
    assert value(kc, "int(model.optimizer.iterations)") == "8"
    assert_f32([float(value(kc, "float(model.optimizer.learning_rate)"))], [f32(0.01) * np.power(f32(0.5), f32(8) / f32(2))])


def test_sgd_applies_the_scheduled_rate_at_each_step(kc):
    # One weight w (Dense(1), no bias, starting at 0), one sample per batch, mean squared error:
    # the gradient is 2 * x * (w * x - y) and step k uses lr(k) = 0.1 * 0.5 ** (k / 2).
    ok(kc, """
model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, use_bias=False, kernel_initializer='zeros')])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=schedules.ExponentialDecay(0.1, 2, 0.5)), loss='mse')
xs = np.array([[1.0], [2.0], [0.5]], dtype='float32')
ys = np.array([[1.0], [1.0], [2.0]], dtype='float32')
model.fit(xs, ys, epochs=1, batch_size=1, shuffle=False, verbose=0)
""")
    w = f32(0)
    for k, (x, y) in enumerate([(1.0, 1.0), (2.0, 1.0), (0.5, 2.0)]):
        lr = f32(0.1) * np.power(f32(0.5), f32(k) / f32(2))
        w = f32(w - lr * (f32(2) * f32(x) * (w * f32(x) - f32(y))))
    got = float(value(kc, "float(model.get_weights()[0][0, 0])"))
    assert got == pytest.approx(float(w), rel=1e-6)
    # A fixed rate of 0.1 (the schedule ignored) ends at 0.618 instead.
    assert abs(got - 0.618) > 0.1


def test_setting_a_scheduled_rate_is_keras_type_error(kc):
    ok(kc, "opt = keras.optimizers.RMSprop(learning_rate=schedules.PiecewiseConstantDecay([1], [0.5, 0.25]))")
    ename, evalue, _ = error(kc, "opt.learning_rate = 0.1")
    assert ename == "TypeError"
    assert evalue == ("This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` constructor "
                      "argument, hence its learning rate is not settable. If you need the learning rate to be settable, "
                      "you should instantiate the optimizer with a float `learning_rate` argument.")
    assert value(kc, "float(opt.learning_rate)") == "0.5"
    ok(kc, """
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=schedules.ExponentialDecay(0.1, 2, 0.5)), loss='mse')
cb = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5)
""")
    ename, evalue, tb = error(kc, "model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=2, verbose=0, callbacks=[cb])")
    assert ename == "TypeError" and "is not settable" in evalue
    assert "-->" in "\n".join(tb)
    # ReduceLROnPlateau reads a scheduled rate into the logs, and fails only when it would reduce it.
    ok(kc, """
model.compile(optimizer=keras.optimizers.SGD(learning_rate=schedules.ExponentialDecay(0.1, 2, 0.5)), loss='mse')
h = model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=1, batch_size=2, verbose=0,
              callbacks=[keras.callbacks.ReduceLROnPlateau(monitor='loss', patience=5)])
""")
    assert_f32([float(value(kc, "h.history['learning_rate'][0]"))], [f32(0.1) * np.power(f32(0.5), f32(2) / f32(2))])
    ename, evalue, _ = error(kc, "model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=3, verbose=0, "
                                 "callbacks=[keras.callbacks.ReduceLROnPlateau(monitor='loss', patience=0, min_delta=100)])")
    assert ename == "TypeError" and "is not settable" in evalue


@pytest.mark.parametrize("code, fragment, ename, evalue", [
    ("schedules.ExponentialDecay(0.1, 0, 0.5)", "0", "ValueError",
     "Argument `decay_steps` must be > 0, received: decay_steps=0"),
    ("schedules.CosineDecay(0.1, decay_steps=-5)", "decay_steps=-5", "ValueError",
     "Argument `decay_steps` must be > 0, received: decay_steps=-5"),
    ("schedules.InverseTimeDecay(0.1, decay_steps=0, decay_rate=1.0)", "decay_steps=0", "ValueError",
     "Argument `decay_steps` must be > 0, received: decay_steps=0"),
    ("schedules.PiecewiseConstantDecay([10, 20], [1.0, 0.5])", "[1.0, 0.5]", "ValueError",
     "The length of boundaries should be 1 less than the length of values. Received: boundaries=[10, 20] of length 2, "
     "and values=[1.0, 0.5] of length 2."),
    ("schedules.ExponentialDecay(0.1, 10)", "schedules.ExponentialDecay(0.1, 10)", "TypeError",
     "ExponentialDecay() missing 1 required positional argument: 'decay_rate'"),
])
def test_bad_arguments_raise_located_errors(kc, code, fragment, ename, evalue):
    got_name, got_value, tb = error(kc, code)
    assert (got_name, got_value) == (ename, evalue)
    assert underlined(tb, code) == fragment, "\n".join(tb)
