"""Training through a real kernel: the live progress display's message sequence, verbose 2
and 0 (fit, evaluate, predict), a sane accuracy on a Fashion-MNIST subset, interrupting fit, and
the NaN path."""

from __future__ import annotations

import math
import re
import time

import pytest

from kernel_helpers import execute, iopub_for, shell_reply, stdout_of

PREP = """
from tensorflow import keras
from tensorflow.keras import layers, models
import numpy as np
(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_small = x_train[:2000].reshape(-1, 28, 28, 1).astype('float32') / 255.0
y_small = y_train[:2000]
x_val = x_test[:1000].reshape(-1, 28, 28, 1).astype('float32') / 255.0
y_val = y_test[:1000]
def make_model():
    keras.utils.set_random_seed(3)
    m = models.Sequential([
        layers.Conv2D(8, (3, 3), activation='relu', input_shape=(28, 28, 1)),
        layers.MaxPooling2D((2, 2)),
        layers.Flatten(),
        layers.Dense(32, activation='relu'),
        layers.Dense(10, activation='softmax'),
    ])
    m.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    return m
model = make_model()
"""


def ok(kc, code, timeout=120):
    reply, msgs = execute(kc, code, timeout=timeout)
    errors = [m["content"] for m in msgs if m["msg_type"] == "error"]
    assert reply["content"]["status"] == "ok", errors
    return msgs


@pytest.fixture(scope="module")
def trained(kernel):
    _, kc = kernel
    ok(kc, PREP)
    return kc


def test_fit_shows_one_live_display_updated_in_place(trained):
    kc = trained
    msgs = ok(kc, "history = model.fit(x_small, y_small, epochs=2, batch_size=64, validation_data=(x_val, y_val))")
    kinds = [m["msg_type"] for m in msgs if m["msg_type"] in ("display_data", "update_display_data", "stream")]
    assert kinds[0] == "display_data"
    assert kinds.count("display_data") == 1
    assert "stream" not in kinds
    first = next(m for m in msgs if m["msg_type"] == "display_data")
    display_id = first["content"]["transient"]["display_id"]
    updates = [m for m in msgs if m["msg_type"] == "update_display_data"]
    assert updates and all(u["content"]["transient"]["display_id"] == display_id for u in updates)
    final = updates[-1]["content"]["data"]
    text, html = final["text/plain"], final["text/html"]
    assert text.startswith("Epoch 1/2\n32/32 ━━━━━━━━━━━━━━━━━━━━ ")
    assert re.search(r"^32/32 ━{20} \d+s \d+(?:ms|us)/step - accuracy: 0\.\d{4} - loss: \d\.\d{4} - val_accuracy: 0\.\d{4} - val_loss: \d\.\d{4}$",
                     text.splitlines()[-1], re.M), text
    assert "Epoch 2/2" in html and "val_accuracy" in html


def test_fit_updates_the_display_while_an_epoch_runs(trained):
    # Updates come at most ten times a second, so the epoch must last longer than 0.1 s whatever
    # the machine: 2,000 steps of one sample each (about 0.5 s here). In between, a running
    # state shows a step count short of the end with an ETA.
    kc = trained
    msgs = ok(kc, "model.fit(x_small, y_small, epochs=1, batch_size=1)")
    updates = [m for m in msgs if m["msg_type"] == "update_display_data"]
    running = [u for u in updates[:-1] if "ETA" in u["content"]["data"]["text/html"]]
    assert running, [u["content"]["data"]["text/plain"] for u in updates]
    assert re.search(r"^\s*\d+/2000 ━*", running[0]["content"]["data"]["text/plain"], re.M)


def test_history_and_evaluate_look_like_keras(trained):
    kc = trained
    msgs = ok(kc, "sorted(history.history.keys()), history.epoch, len(history.history['loss'])")
    result = next(m for m in msgs if m["msg_type"] == "execute_result")["content"]["data"]["text/plain"]
    assert result == "(['accuracy', 'loss', 'val_accuracy', 'val_loss'], [0, 1], 2)"
    msgs = ok(kc, "loss, acc = model.evaluate(x_val, y_val, verbose=0)\nprint(round(acc, 4), acc > 0.6, loss < 1.2)")
    assert stdout_of(msgs).split()[1:] == ["True", "True"], stdout_of(msgs)


def test_verbose_2_prints_a_line_per_epoch_and_0_nothing(trained):
    kc = trained
    msgs = ok(kc, "h = model.fit(x_small[:256], y_small[:256], epochs=2, batch_size=128, verbose=2)")
    out = stdout_of(msgs)
    assert re.fullmatch(r"Epoch 1/2\n2/2 - \d+s - \d+(?:ms|us)/step - accuracy: 0\.\d{4} - loss: \d\.\d{4}\n"
                        r"Epoch 2/2\n2/2 - \d+s - \d+(?:ms|us)/step - accuracy: 0\.\d{4} - loss: \d\.\d{4}\n", out), out
    assert not [m for m in msgs if m["msg_type"] in ("display_data", "update_display_data")]
    msgs = ok(kc, "r = model.evaluate(x_small[:256], y_small[:256], batch_size=128, verbose=2)")
    assert re.fullmatch(r"2/2 - \d+s - \d+(?:ms|us)/step - accuracy: 0\.\d{4} - loss: \d\.\d{4}\n", stdout_of(msgs)), stdout_of(msgs)
    msgs = ok(kc, "h = model.fit(x_small[:256], y_small[:256], epochs=1, verbose=0)")
    assert not [m for m in msgs if m["msg_type"] in ("display_data", "update_display_data", "stream")]


def test_predict_shows_keras_progress_and_returns_every_row(trained):
    kc = trained
    msgs = ok(kc, "p = model.predict(x_val, batch_size=128)\nprint(p.shape, p.dtype)")
    assert stdout_of(msgs) == "(1000, 10) float32\n"
    shown = [m for m in msgs if m["msg_type"] in ("display_data", "update_display_data")]
    assert shown and shown[0]["msg_type"] == "display_data"
    final = shown[-1]["content"]["data"]["text/plain"]
    assert re.fullmatch(r"8/8 ━{20} \d+s \d+(ms|us)/step", final), final
    html = shown[-1]["content"]["data"]["text/html"]
    assert "Predict" in html and "Evaluate" not in html, html
    msgs = ok(kc, "p = model.predict(x_val, batch_size=128, verbose=2)")
    assert re.fullmatch(r"8/8 - \d+s - \d+(ms|us)/step\n", stdout_of(msgs)), stdout_of(msgs)
    msgs = ok(kc, "p = model.predict(x_val, verbose=0)")
    assert not [m for m in msgs if m["msg_type"] in ("display_data", "update_display_data", "stream")]


def test_interrupt_stops_fit_and_keeps_the_model(trained, kernel):
    km, kc = kernel
    ok(kc, "model = make_model()\nx_all = x_train.reshape(-1, 28, 28, 1).astype('float32') / 255.0")
    msg_id = kc.execute("model.fit(x_all, y_train, epochs=20, batch_size=32)")
    # Wait until training is under way (the display has been updated), then interrupt.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        m = kc.get_iopub_msg(timeout=120)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "update_display_data":
            break
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=60)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    assert "training was interrupted during epoch 1" in reply["content"]["evalue"]
    rest = iopub_for(kc, msg_id, timeout=60)
    last_update = [m for m in rest if m["msg_type"] == "update_display_data"][-1]
    assert "interrupted" in last_update["content"]["data"]["text/plain"]
    msgs = ok(kc, "loss, acc = model.evaluate(x_val, y_val, verbose=0)\nprint(acc > 0.3)")
    assert stdout_of(msgs) == "True\n"
    ok(kc, "h = model.fit(x_small[:128], y_small[:128], epochs=1, verbose=0)")


def test_nan_loss_stops_with_a_warning_and_no_nan_in_json(trained):
    kc = trained
    code = ("xb = x_small[:64] * 1.0\nxb[3, 4, 5, 0] = float('nan')\n"
            "h = model.fit(xb, y_small[:64], epochs=3, batch_size=64, shuffle=False)\nh.history")
    msg_id = kc.execute(code)
    reply = shell_reply(kc, msg_id, timeout=60)
    msgs = iopub_for(kc, msg_id, timeout=60)
    assert reply["content"]["status"] == "ok"
    stderr = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
    assert "the loss became nan at epoch 1, step 1 of 1" in stderr
    # jupyter_client's JSON parser would turn a NaN or Infinity token into a float: none may appear.
    assert not [v for m in msgs for v in numbers(m["content"]) if math.isnan(v) or math.isinf(v)]


def numbers(value):
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from numbers(v)
