"""fit and evaluate on functional models with two inputs and two outputs, through the real
kernel: losses as one, a list or a dict, loss_weights, metrics per output, x and y as lists or
dicts, validation data, and the log names, History keys and evaluate's list order of Keras 3.15
(Tests/Fixtures/keras-multiio/keras_multiio.json, written by real Keras)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, execute, shown

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's multi-output training")
FIXTURE = json.loads((Path(__file__).resolve().parents[1] / "Fixtures" / "keras-multiio" / "keras_multiio.json").read_text())

SETUP = """
import json
import numpy as np
import keras
from keras import layers
def build(na="out_a", nb="out_b"):
    a = keras.Input(shape=(4,), name="in_a")
    b = keras.Input(shape=(3,), name="in_b")
    shared = layers.Dense(5, activation="relu", name="shared")
    h = layers.Concatenate(name="cat")([shared(a), shared(layers.Dense(4, name="proj")(b))])
    return keras.Model([a, b], [layers.Dense(3, activation="softmax", name=na)(h), layers.Dense(1, name=nb)(h)])
"""


def data(n=40, seed=0):
    rng = np.random.default_rng(seed)
    xa = rng.random((n, 4), dtype=np.float32)
    xb = rng.random((n, 3), dtype=np.float32)
    ya = (xa[:, 0] * 3).astype(np.int64).clip(0, 2)
    yb = (xa[:, 1:2] + xb[:, :1]).astype(np.float32)
    return xa, xb, ya, yb


def put(kc, **arrays):
    """Sends numpy arrays into the kernel as variables (through lists; float32 or int64)."""
    lines = []
    for name, a in arrays.items():
        dtype = "float32" if a.dtype == np.float32 else "int64"
        lines.append(f"{name} = np.array({json.dumps(a.tolist())}, dtype='{dtype}')")
    shown(kc, "\n".join(lines))


def result(kc, code: str):
    """Runs code whose last line prints one JSON value; returns it."""
    out = shown(kc, code)
    return json.loads(out.strip().splitlines()[-1])


def failure(kc, code: str) -> tuple[str, str]:
    reply, _ = execute(kc, code)
    content = reply["content"]
    assert content["status"] == "error", code
    return content["ename"], content["evalue"]


@pytest.fixture(scope="module")
def kc(kernel):
    kc = kernel[1]
    shown(kc, SETUP)
    xa, xb, ya, yb = data()
    put(kc, xa=xa, xb=xb, ya=ya, yb=yb)
    return kc


def test_a_two_input_two_output_model_fits_and_its_losses_fall(kc):
    h = result(kc, """
keras.utils.set_random_seed(3)
m = build()
m.compile(optimizer=keras.optimizers.Adam(0.02), loss=["sparse_categorical_crossentropy", "mse"], metrics=[["accuracy"], ["mae"]])
h = m.fit([xa, xb], [ya, yb], epochs=30, batch_size=8, verbose=0)
print(json.dumps(h.history))
""")
    for key in ("loss", "out_a_loss", "out_b_loss", "out_b_mae"):
        assert h[key][-1] < 0.7 * h[key][0], (key, h[key])
    assert h["out_a_accuracy"][-1] > h["out_a_accuracy"][0]
    # The total is the sum of the two outputs' losses (weights 1), on the same data.
    d = result(kc, "print(json.dumps(m.evaluate([xa, xb], [ya, yb], batch_size=40, verbose=0, return_dict=True)))")
    assert d["loss"] == pytest.approx(d["out_a_loss"] + d["out_b_loss"], rel=1e-5)


def case_code(name: str, spec: dict) -> str:
    """The fixture's case, as Fovea code: compile as Keras did, fit one epoch at verbose=2."""
    compile_kw = {
        "lists": "loss=['sparse_categorical_crossentropy', 'mse'], metrics=[['accuracy'], ['mae']]",
        "dicts": "loss={'out_a': 'sparse_categorical_crossentropy', 'out_b': 'mse'}, loss_weights={'out_a': 1.0, 'out_b': 0.5}, "
                 "metrics={'out_a': 'accuracy', 'out_b': ['mae', 'mse']}",
        "sorted_names": "loss=['sparse_categorical_crossentropy', 'mse'], loss_weights=[2.0, 0.5], metrics=[['accuracy'], ['mae']]",
        "repeated_and_weighted": "loss=['sparse_categorical_crossentropy', 'mse'], metrics=[['accuracy', 'accuracy'], ['mae']], "
                                 "weighted_metrics=[[], ['mae']]",
        "one_loss_no_metrics": "loss='mse'",
    }[name]
    names = ("zeta", "alpha") if name == "sorted_names" else ("out_a", "out_b")
    ya = "ya3" if name == "one_loss_no_metrics" else "ya"
    x, y, extra = "[xa, xb]", f"[{ya}, yb]", ""
    if name == "dicts":
        x, y = "{'in_a': xa, 'in_b': xb}", f"{{'out_a': {ya}, 'out_b': yb}}"
        extra = f", validation_data=({x}, {y})"
    if name == "lists":
        extra = ", validation_split=0.25"
    return f"""
m = build('{names[0]}', '{names[1]}')
m.compile(optimizer='adam', {compile_kw})
h = m.fit({x}, {y}, epochs=1, batch_size=40, verbose=2, shuffle=False{extra})
""", f"""
d = m.evaluate({x}, {y}, batch_size=40, verbose=0, return_dict=True)
r = m.evaluate({x}, {y}, batch_size=40, verbose=0)
print(json.dumps([list(h.history.keys()), list(d.keys()), [float(v) for v in d.values()], [float(v) for v in r]]))
"""


@pytest.mark.parametrize("name", sorted(FIXTURE["cases"]))
def test_log_names_history_keys_and_evaluate_order_equal_keras(kc, name):
    spec = FIXTURE["cases"][name]
    put(kc, ya3=np.random.default_rng(5).random((40, 3), dtype=np.float32))
    fit_code, evaluate_code = case_code(name, spec)
    out = shown(kc, fit_code)
    line = out.strip().splitlines()[-1]
    assert re.findall(r" - ([A-Za-z_0-9]+): ", line) == spec["progress_names"], line
    history_keys, dict_keys, dict_values, listed = result(kc, evaluate_code)
    assert history_keys == spec["history_keys"]
    assert dict_keys == spec["evaluate_dict_keys"]
    by_name = dict(zip(dict_keys, dict_values))
    assert listed == pytest.approx([by_name[k] for k in spec["evaluate_list_order"]], rel=1e-6)


def test_loss_weights_change_the_total_as_numpy_says(kc):
    p = result(kc, """
keras.utils.set_random_seed(4)
m = build()
m.compile(optimizer='adam', loss=['sparse_categorical_crossentropy', 'mse'], loss_weights=[2.0, 0.5])
pa, pb = m.predict([xa, xb], verbose=0)
d = m.evaluate([xa, xb], [ya, yb], batch_size=40, verbose=0, return_dict=True)
print(json.dumps([pa.tolist(), pb.tolist(), d]))
""")
    pa, pb, d = np.array(p[0]), np.array(p[1]), p[2]
    _, _, ya, yb = data()
    ce = -np.log(np.clip(pa, 1e-7, 1 - 1e-7)[np.arange(len(ya)), ya] / np.clip(pa, 1e-7, 1 - 1e-7).sum(1)).mean()
    mse = ((pb - yb) ** 2).mean()
    assert d["out_a_loss"] == pytest.approx(ce, rel=1e-4)
    assert d["out_b_loss"] == pytest.approx(mse, rel=1e-4)
    assert d["loss"] == pytest.approx(2.0 * ce + 0.5 * mse, rel=1e-4)


def test_each_outputs_loss_is_the_plain_mean_of_its_batches_as_keras_on_tensorflow(kc):
    # 40 samples in batches of 16, 16 and 8: the total is weighted by the batch sizes, each
    # output's own loss is the mean of the three batch values (Keras's per-output Mean gets no
    # batch size on the TensorFlow backend).
    p = result(kc, """
keras.utils.set_random_seed(6)
m = build()
m.compile(optimizer='adam', loss=['sparse_categorical_crossentropy', 'mse'])
pa, pb = m.predict([xa, xb], verbose=0)
d = m.evaluate([xa, xb], [ya, yb], batch_size=16, verbose=0, return_dict=True)
print(json.dumps([pb.tolist(), d]))
""")
    pb, d = np.array(p[0]), p[1]
    _, _, _, yb = data()
    batches = [((pb[s:s + 16] - yb[s:s + 16]) ** 2).mean() for s in (0, 16, 32)]
    assert d["out_b_loss"] == pytest.approx(np.mean(batches), rel=1e-4)
    assert d["out_b_loss"] != pytest.approx(((pb - yb) ** 2).mean(), rel=1e-4)


def test_sample_weight_per_output_and_for_all_outputs(kc):
    d = result(kc, """
keras.utils.set_random_seed(7)
m = build()
m.compile(optimizer='adam', loss=['sparse_categorical_crossentropy', 'mse'])
w0 = np.zeros(40, dtype='float32')
w1 = np.ones(40, dtype='float32')
a = m.evaluate([xa, xb], [ya, yb], batch_size=40, verbose=0, return_dict=True, sample_weight=[w1, w0])
b = m.evaluate([xa, xb], [ya, yb], batch_size=40, verbose=0, return_dict=True, sample_weight=w0)
c = m.evaluate([xa, xb], [ya, yb], batch_size=40, verbose=0, return_dict=True)
h = m.fit([xa, xb], [ya, yb], epochs=1, verbose=0, sample_weight=[w1, w0],
          validation_data=([xa, xb], [ya, yb], [w1, w0]))
print(json.dumps([a, b, c, list(h.history), h.history['val_out_b_loss']]))
""")
    a, b, c, keys, val_b = d
    assert a["out_b_loss"] == 0 and a["out_a_loss"] == pytest.approx(c["out_a_loss"], rel=1e-6)
    assert b["loss"] == 0
    assert keys == ["loss", "out_a_loss", "out_b_loss", "val_loss", "val_out_a_loss", "val_out_b_loss"]
    assert val_b == [0]


def test_dict_forms_train_and_validate(kc):
    keys = result(kc, """
keras.utils.set_random_seed(8)
m = build()
m.compile(optimizer='adam', loss={'out_b': 'mse', 'out_a': 'sparse_categorical_crossentropy'},
          loss_weights={'out_b': 1.0, 'out_a': 0.3}, metrics={'out_b': ['mae']})
x = {'in_b': xb, 'in_a': xa}
y = {'out_b': yb, 'out_a': ya}
h = m.fit(x, y, epochs=2, batch_size=10, verbose=0, validation_data=(x, y))
p = m.predict(x, verbose=0)
print(json.dumps([list(h.history), len(h.history['loss']), [list(q.shape) for q in p]]))
""")
    assert keys == [["loss", "out_a_loss", "out_b_loss", "out_b_mae", "val_loss", "val_out_a_loss", "val_out_b_loss", "val_out_b_mae"],
                    2, [[40, 3], [40, 1]]]


def test_errors_say_what_was_expected_and_received(kc):
    shown(kc, "m = build()\nm.compile(optimizer='adam', loss=['sparse_categorical_crossentropy', 'mse'])")
    errors = FIXTURE["errors"]

    def keras_words(key):
        return errors[key].split(": ", 1)[1].strip()

    ename, evalue = failure(kc, "m.compile(optimizer='adam', loss={'out_a': 'mse', 'zzz': 'mse'})")
    assert (ename, evalue) == ("ValueError", keras_words("loss_dict_keys"))
    ename, evalue = failure(kc, "m.compile(optimizer='adam', loss=['sparse_categorical_crossentropy', 'mse'], loss_weights=[1.0])")
    assert (ename, evalue) == ("ValueError", keras_words("loss_weights_count"))
    ename, evalue = failure(kc, "m.compile(optimizer='adam', loss=['sparse_categorical_crossentropy', 'mse'], metrics=['accuracy'])")
    assert ename == "ValueError" and evalue == keras_words("metrics_flat_list").split("\n", 1)[1]
    ename, evalue = failure(kc, "m.fit({'in_a': xa, 'zzz': xb}, [ya, yb], verbose=0)")
    assert (ename, evalue) == ("ValueError", keras_words("missing_input"))
    ename, evalue = failure(kc, "m.fit([xa, xb], [ya, yb], verbose=0, class_weight={0: 1.0, 1: 2.0})")
    assert (ename, evalue) == ("ValueError", keras_words("class_weight"))
    ename, evalue = failure(kc, "m.fit([xa, xb], [ya], verbose=0)")
    assert (ename, evalue) == ("ValueError", keras_words("y_count"))
    ename, evalue = failure(kc, "m.fit([xa], [ya, yb], verbose=0)")
    assert ename == "ValueError"
    assert evalue == re.sub(r'Layer "functional_\d+"', f'Layer "{m_name(kc)}"', keras_words("x_count"))
    ename, evalue = failure(kc, "m.fit([xa, xb], [ya[:10], yb], verbose=0)")
    assert ename == "ValueError" and evalue.startswith(keras_words("cardinality").split("'x'")[0].rstrip("."))
    assert "'x' sizes: 40, 40\n'y' sizes: 10, 40" in evalue
    ename, evalue = failure(kc, "m.fit([xa, xb], {'out_a': ya, 'zzz': yb}, verbose=0)")
    assert ename == "ValueError" and "['out_a', 'out_b']" in evalue and "['out_a', 'zzz']" in evalue
    ename, evalue = failure(kc, "m.fit([xa, xb], [ya, yb], verbose=0, sample_weight=[np.ones(40)])")
    assert ename == "ValueError" and "one `sample_weight` array per output" in evalue
    ename, evalue = failure(kc, "m.fit([xa, xb], [ya, yb], verbose=0, validation_data=([xa, xb], [ya]))")
    assert ename == "ValueError" and "different structures" in evalue
    ename, evalue = failure(kc, "m.fit([xa, xb], [yb, yb], verbose=0)")
    assert ename == "ValueError" and "out_a" in evalue


def m_name(kc) -> str:
    return shown(kc, "print(m.name)").strip()


def test_two_inputs_one_output_and_one_input_two_outputs(kc):
    # Names checked with Keras 3.15.1: a single output's logs have no prefix and no per-output
    # loss, sorted by name; evaluate lists the loss first.
    r = result(kc, """
keras.utils.set_random_seed(9)
a = keras.Input(shape=(4,), name="in_a")
b = keras.Input(shape=(3,), name="in_b")
m1 = keras.Model([a, b], layers.Dense(3, activation="softmax", name="out")(layers.Concatenate()([a, b])))
m1.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
h1 = m1.fit([xa, xb], ya, verbose=0, class_weight={0: 1.0, 1: 2.0, 2: 1.0}, validation_split=0.2)
e1 = m1.evaluate([xa, xb], ya, verbose=0)
d1 = m1.evaluate([xa, xb], ya, verbose=0, return_dict=True)
x = keras.Input(shape=(4,), name="x")
m2 = keras.Model(x, [layers.Dense(3, activation="softmax", name="p")(x), layers.Dense(1, name="q")(x)])
m2.compile("adam", ["sparse_categorical_crossentropy", "mse"])
h2 = m2.fit(xa, [ya, yb], verbose=0, epochs=3, validation_data=(xa, [ya, yb]),
            callbacks=[keras.callbacks.EarlyStopping(monitor="val_q_loss", patience=0, mode="max")])
print(json.dumps([list(h1.history), e1, d1, list(h2.history), len(h2.history["loss"])]))
""")
    keys1, e1, d1, keys2, epochs2 = r
    assert keys1 == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert e1 == pytest.approx([d1["loss"], d1["accuracy"]])
    assert keys2 == ["loss", "p_loss", "q_loss", "val_loss", "val_p_loss", "val_q_loss"]
    # EarlyStopping reads the per-output validation loss: as q's loss falls, mode='max' stops after epoch 2.
    assert epochs2 == 2


def test_a_saved_model_keeps_each_outputs_loss_weight_and_metrics(kc, tmp_path):
    path = tmp_path / "two_outputs.keras"
    r = result(kc, f"""
keras.utils.set_random_seed(10)
m = build()
m.compile(optimizer='adam', loss=['sparse_categorical_crossentropy', 'mse'], loss_weights=[2.0, 0.5], metrics=[['accuracy'], ['mae']])
m.fit([xa, xb], [ya, yb], epochs=1, verbose=0)
m.save({str(path)!r})
back = keras.models.load_model({str(path)!r})
a = m.evaluate([xa, xb], [ya, yb], batch_size=40, verbose=0, return_dict=True)
b = back.evaluate([xa, xb], [ya, yb], batch_size=40, verbose=0, return_dict=True)
h = back.fit([xa, xb], [ya, yb], epochs=1, verbose=0)
print(json.dumps([a, b, list(h.history), back.loss]))
""")
    a, b, keys, losses = r
    assert a == pytest.approx(b, rel=1e-6)
    assert b["loss"] == pytest.approx(2.0 * b["out_a_loss"] + 0.5 * b["out_b_loss"], rel=1e-5)
    assert keys == ["loss", "out_a_accuracy", "out_a_loss", "out_b_loss", "out_b_mae"]
    assert losses == ["sparse_categorical_crossentropy", "mean_squared_error"]
