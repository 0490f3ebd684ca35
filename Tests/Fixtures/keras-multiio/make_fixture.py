"""Writes keras_multiio.json: what Keras 3 shows for fit/evaluate of a two-input, two-output
functional model (History keys, the names on the verbose=2 epoch line, evaluate's list order and
return_dict keys) and the error messages Fovea repeats word for word.

Run with a Python that has Keras 3 on the TensorFlow backend:
    /tmp/tfvenv/bin/python Tests/Fixtures/keras-multiio/make_fixture.py
"""
import contextlib, io, json, os, re, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np, keras
from keras import layers


def build(na="out_a", nb="out_b"):
    a = keras.Input(shape=(4,), name="in_a")
    b = keras.Input(shape=(3,), name="in_b")
    shared = layers.Dense(5, activation="relu", name="shared")
    h = layers.Concatenate(name="cat")([shared(a), shared(layers.Dense(4, name="proj")(b))])
    return keras.Model([a, b], [layers.Dense(3, activation="softmax", name=na)(h), layers.Dense(1, name=nb)(h)])


rng = np.random.default_rng(0)
xa = rng.random((20, 4), dtype=np.float32)
xb = rng.random((20, 3), dtype=np.float32)
ya = rng.integers(0, 3, 20)
yb = rng.random((20, 1), dtype=np.float32)

CASES = {
    "lists": dict(names=("out_a", "out_b"),
                  compile=dict(loss=["sparse_categorical_crossentropy", "mse"], metrics=[["accuracy"], ["mae"]]),
                  fit=dict(validation_split=0.25)),
    "dicts": dict(names=("out_a", "out_b"), dicts=True,
                  compile=dict(loss={"out_a": "sparse_categorical_crossentropy", "out_b": "mse"},
                               loss_weights={"out_a": 1.0, "out_b": 0.5},
                               metrics={"out_a": "accuracy", "out_b": ["mae", "mse"]})),
    "sorted_names": dict(names=("zeta", "alpha"),
                         compile=dict(loss=["sparse_categorical_crossentropy", "mse"], loss_weights=[2.0, 0.5],
                                      metrics=[["accuracy"], ["mae"]])),
    "repeated_and_weighted": dict(names=("out_a", "out_b"),
                                  compile=dict(loss=["sparse_categorical_crossentropy", "mse"],
                                               metrics=[["accuracy", "accuracy"], ["mae"]],
                                               weighted_metrics=[[], ["mae"]])),
    "one_loss_no_metrics": dict(names=("out_a", "out_b"), regression=True, compile=dict(loss="mse")),
}


def epoch_line(text):
    line = [l for l in text.splitlines() if " - loss" in l or re.search(r" - \w+: ", l)][-1]
    return line, re.findall(r" - ([A-Za-z_0-9]+): ", line)


def run_case(spec):
    keras.utils.set_random_seed(1)
    m = build(*spec["names"])
    m.compile(optimizer="adam", **spec["compile"])
    targets = [ya if not spec.get("regression") else rng.random((20, 3), dtype=np.float32), yb]
    x, y = [xa, xb], targets
    fit_kw = dict(spec.get("fit", {}))
    if spec.get("dicts"):
        x = {"in_a": xa, "in_b": xb}
        y = {spec["names"][0]: targets[0], spec["names"][1]: targets[1]}
        fit_kw["validation_data"] = (x, y)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        h = m.fit(x, y, epochs=1, batch_size=20, verbose=2, shuffle=False, **fit_kw)
    line, names = epoch_line(out.getvalue())
    d = m.evaluate(x, y, batch_size=20, verbose=0, return_dict=True)
    values = m.evaluate(x, y, batch_size=20, verbose=0)
    order = m._flatten_metrics_in_order({k: k for k in d})
    assert np.allclose(values, [d[k] for k in order]), (values, order)
    return dict(epoch_line=line, progress_names=names, history_keys=list(h.history.keys()),
                evaluate_dict_keys=list(d.keys()), evaluate_list_order=order)


def error(compile_kw, x=None, y=None, fit_kw=None):
    m = build()
    try:
        m.compile(optimizer="adam", **compile_kw)
        m.fit(x if x is not None else [xa, xb], y if y is not None else [ya, yb], epochs=1, verbose=0, **(fit_kw or {}))
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    raise AssertionError("no error")


scce_mse = ["sparse_categorical_crossentropy", "mse"]
fixture = dict(
    keras_version=keras.__version__,
    backend=keras.backend.backend(),
    cases={name: run_case(spec) for name, spec in CASES.items()},
    errors=dict(
        loss_dict_keys=error(dict(loss={"out_a": "mse", "zzz": "mse"})),
        loss_weights_count=error(dict(loss=scce_mse, loss_weights=[1.0])),
        missing_input=error(dict(loss=scce_mse), x={"in_a": xa, "zzz": xb}),
        class_weight=error(dict(loss=scce_mse), fit_kw=dict(class_weight={0: 1.0, 1: 2.0})),
        y_count=error(dict(loss=scce_mse), y=[ya]),
        x_count=error(dict(loss=scce_mse), x=[xa]),
        metrics_flat_list=error(dict(loss=scce_mse, metrics=["accuracy"])),
        cardinality=error(dict(loss=scce_mse), y=[ya[:10], yb]),
    ),
)
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras_multiio.json")
with open(path, "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
print(json.dumps(fixture, indent=1))
