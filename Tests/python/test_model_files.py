"""Model files through a real kernel: the files real Keras 3.15 wrote (Tests/Fixtures/keras-files)
load and predict what Keras predicted; the files Fovea writes have the layout, names, dtypes and
config of Keras's own (read with real h5py) and load back in a new kernel; ModelCheckpoint's
files and messages; and clear errors for missing, truncated and foreign files.

The functional residual model (f_residual) loads from all three files and round-trips."""

from __future__ import annotations

import ast
import json
import shutil
import zipfile
from pathlib import Path

import h5py
import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, error, ok, result_text, start_kernel, stdout_of, stop_kernel

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's own model files")

FIXTURES = Path(__file__).resolve().parents[1] / "Fixtures" / "keras-files"
EXPECTED = np.array(json.loads((FIXTURES / "predictions.json").read_text())["predictions"]["d_pooling_cnn"])

SETUP = """
from tensorflow import keras
from tensorflow.keras import layers
import numpy as np
import json
(_, _), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x8 = (x_test[:8] / 255.0).reshape(8, 28, 28, 1).astype('float32')
def same_architecture():
    return keras.Sequential([
        layers.Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)), layers.MaxPooling2D((2, 2)),
        layers.Conv2D(64, (3, 3), activation='relu'), layers.MaxPooling2D((2, 2)),
        layers.Conv2D(64, (3, 3), activation='relu'), layers.Flatten(),
        layers.Dense(64, activation='relu'), layers.Dense(10, activation='softmax')])
"""


def stderr_of(msgs):
    return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")


def value(kc, code):
    """A JSON-able value computed in the kernel."""
    return json.loads(ast.literal_eval(result_text(ok(kc, f"json.dumps({code})"))))


def predictions(kc, model="model"):
    return np.array(value(kc, f"{model}.predict(x8, verbose=0).tolist()"))


@pytest.fixture(scope="module")
def kc(kernel):
    _, kc = kernel
    ok(kc, SETUP)
    return kc


# (a) Files real Keras wrote

def test_a_keras_file_written_by_keras_predicts_what_keras_predicted(kc):
    ok(kc, f"model = keras.models.load_model({str(FIXTURES / 'd_pooling_cnn.keras')!r})")
    assert np.max(np.abs(predictions(kc) - EXPECTED)) < 1e-5
    # Compiled again from its compile_config, with the optimizer's state.
    assert value(kc, "[type(model.optimizer).__name__, model.loss, model.optimizer.iterations]") == ["Adam", "sparse_categorical_crossentropy", 4]
    assert value(kc, "[l.name for l in model.layers]") == [
        "conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "conv2d_2", "flatten", "dense", "dense_1"]


def test_tf_keras_load_model_and_the_legacy_h5_file(kc):
    ok(kc, "import tensorflow as tf")
    ok(kc, f"legacy = tf.keras.models.load_model({str(FIXTURES / 'd_pooling_cnn_legacy.h5')!r})")
    assert np.max(np.abs(predictions(kc, "legacy") - EXPECTED)) < 1e-5
    assert value(kc, "legacy.loss") == "sparse_categorical_crossentropy"


def test_weights_file_written_by_keras_loads_into_a_fresh_model_of_the_same_layers(kc):
    ok(kc, "fresh = same_architecture()")
    ok(kc, "fresh.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])")
    ok(kc, f"fresh.load_weights({str(FIXTURES / 'd_pooling_cnn.weights.h5')!r})")
    assert np.max(np.abs(predictions(kc, "fresh") - EXPECTED)) < 1e-5
    ok(kc, "fresh2 = same_architecture()")
    ok(kc, f"fresh2.load_weights({str(FIXTURES / 'd_pooling_cnn_legacy.h5')!r})")
    assert np.max(np.abs(predictions(kc, "fresh2") - EXPECTED)) < 1e-5


# (b) Files Fovea writes: Keras's layout, and a round trip through a new kernel

def h5_layout(path):
    """Every group and dataset: name, shape, dtype and attributes (strings as str, lists as lists)."""
    items = {}
    with h5py.File(path, "r") as f:
        def attrs(obj):
            out = {}
            for k in obj.attrs:
                v = obj.attrs[k]
                if isinstance(v, bytes):
                    v = v.decode()
                if isinstance(v, np.ndarray):
                    v = [x.decode() if isinstance(x, bytes) else str(x) for x in v.tolist()]
                out[k] = v
            return out

        items["/"] = ("group", attrs(f))

        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                items[name] = ("dataset", obj.shape, str(obj.dtype), attrs(obj))
            else:
                items[name] = ("group", attrs(obj))
        f.visititems(visit)
    return items


def h5_values(path):
    with h5py.File(path, "r") as f:
        out = {}
        f.visititems(lambda n, o: out.__setitem__(n, o[()]) if isinstance(o, h5py.Dataset) else None)
        return out


def without_ids(x):
    if isinstance(x, dict):
        return {k: without_ids(v) for k, v in x.items() if k != "shared_object_id"}
    if isinstance(x, list):
        return [without_ids(v) for v in x]
    return x


def test_fovea_writes_the_keras_layout_of_the_reference_files(kc, tmp_path):
    ok(kc, f"model = keras.models.load_model({str(FIXTURES / 'd_pooling_cnn.keras')!r})")
    ok(kc, f"model.save({str(tmp_path / 'm.keras')!r}); model.save_weights({str(tmp_path / 'm.weights.h5')!r}); "
           f"model.save({str(tmp_path / 'm_legacy.h5')!r})")
    # .keras: the same members, the same config.json field for field, the same weights layout.
    mine, theirs = zipfile.ZipFile(tmp_path / "m.keras"), zipfile.ZipFile(FIXTURES / "d_pooling_cnn.keras")
    assert mine.namelist() == theirs.namelist() == ["metadata.json", "config.json", "model.weights.h5"]
    assert all(i.compress_type == zipfile.ZIP_STORED for i in mine.infolist())
    assert json.loads(mine.read("metadata.json")).keys() == json.loads(theirs.read("metadata.json")).keys()
    assert without_ids(json.loads(mine.read("config.json"))) == without_ids(json.loads(theirs.read("config.json")))
    for name, member in [("m_inner.h5", mine), ("ref_inner.h5", theirs)]:
        (tmp_path / name).write_bytes(member.read("model.weights.h5"))
    assert h5_layout(tmp_path / "m_inner.h5") == h5_layout(FIXTURES / "d_pooling_cnn.weights.h5")
    # .weights.h5 and the legacy .h5: the same groups, datasets, shapes, dtypes and attributes,
    # and the same numbers (the model was loaded from those files).
    assert h5_layout(tmp_path / "m.weights.h5") == h5_layout(FIXTURES / "d_pooling_cnn.weights.h5")
    mine_values, ref_values = h5_values(tmp_path / "m.weights.h5"), h5_values(FIXTURES / "d_pooling_cnn.weights.h5")
    assert all(np.array_equal(mine_values[k], ref_values[k]) for k in ref_values)
    legacy, ref_legacy = h5_layout(tmp_path / "m_legacy.h5"), h5_layout(FIXTURES / "d_pooling_cnn_legacy.h5")
    root, ref_root = legacy.pop("/")[1], ref_legacy.pop("/")[1]
    assert json.loads(root.pop("model_config")) == json.loads(ref_root.pop("model_config"))
    assert json.loads(root.pop("training_config")) == json.loads(ref_root.pop("training_config"))
    assert root == ref_root
    assert legacy == ref_legacy


def test_saved_models_load_in_a_new_kernel_and_predict_the_same(kc, tmp_path):
    ok(kc, "keras.utils.set_random_seed(3); trained = same_architecture()")
    ok(kc, "trained.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])")
    ok(kc, "trained.fit(x_test[:64].reshape(64, 28, 28, 1) / 255.0, y_test[:64], epochs=1, batch_size=32, verbose=0)")
    before = predictions(kc, "trained")
    paths = {ext: str(tmp_path / f"t{ext}") for ext in (".keras", ".h5", ".weights.h5")}
    ok(kc, f"trained.save({paths['.keras']!r}); trained.save({paths['.h5']!r}); trained.save_weights({paths['.weights.h5']!r})")
    km, other = start_kernel()
    try:
        ok(other, SETUP)
        for name in (".keras", ".h5"):
            ok(other, f"m = keras.models.load_model({paths[name]!r})")
            assert np.array_equal(predictions(other, "m"), before), name
            assert value(other, "m.optimizer.iterations") == 2
        ok(other, "w = same_architecture()")
        ok(other, f"w.load_weights({paths['.weights.h5']!r})")
        assert np.array_equal(predictions(other, "w"), before)
        # The config round-trips through to_json / model_from_json and get_config / from_config.
        ok(other, "j = keras.models.model_from_json(m.to_json()); c = keras.Sequential.from_config(m.get_config())")
        assert value(other, "json.loads(j.to_json())['config']") == value(other, "json.loads(m.to_json())['config']")
        assert value(other, "[l.get_config() for l in c.layers]") == value(other, "[l.get_config() for l in m.layers]")
    finally:
        stop_kernel(km, other)


def test_layer_get_config_has_keras_keys(kc):
    config = value(kc, "layers.Conv2D(8, 3, padding='same', name='c').get_config()")
    assert list(config)[:3] == ["name", "trainable", "dtype"]
    assert config["kernel_size"] == [3, 3] and config["padding"] == "same" and config["filters"] == 8
    assert config["kernel_initializer"]["class_name"] == "GlorotUniform"
    assert value(kc, "layers.Dropout(0.25, name='d').get_config()") == {
        "name": "d", "trainable": True,
        "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None},
        "rate": 0.25, "seed": None, "noise_shape": None}


def test_clone_model_copies_the_layers_with_fresh_weights(kc):
    ok(kc, """
original = keras.Sequential([keras.Input((4,)), layers.Dense(3, name='d3'), layers.Dense(2, name='d2')], name='mine')
clone = keras.models.clone_model(original)
""")
    out = value(kc, "[clone.name, [l.name for l in clone.layers], clone.count_params() == original.count_params(), "
                    "bool(np.allclose(clone.get_weights()[0], original.get_weights()[0]))]")
    assert out == ["mine", ["d3", "d2"], True, False]


# (c) ModelCheckpoint

SMALL = """
keras.utils.set_random_seed(1)
xs = np.random.rand(64, 6).astype('float32'); ys = (xs.sum(axis=1) > 3).astype('int32')
xv = np.random.rand(32, 6).astype('float32'); yv = (xv.sum(axis=1) > 3).astype('int32')
small = keras.Sequential([layers.Dense(8, activation='relu', input_shape=(6,)), layers.Dense(2, activation='softmax')])
small.compile(optimizer=keras.optimizers.Adam(0.05), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
"""


def test_checkpoint_every_epoch_with_the_epoch_in_the_name(kc, tmp_path):
    ok(kc, SMALL)
    pattern = str(tmp_path / "ck-{epoch:02d}-{val_loss:.2f}.keras")
    msgs = ok(kc, f"h = small.fit(xs, ys, epochs=3, batch_size=16, validation_data=(xv, yv), verbose=0, "
                  f"callbacks=[keras.callbacks.ModelCheckpoint({pattern!r}, verbose=1)])")
    losses = value(kc, "h.history['val_loss']")
    names = [f"ck-{e + 1:02d}-{v:.2f}.keras" for e, v in enumerate(losses)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
    out = stdout_of(msgs)
    for e, name in enumerate(names):
        assert f"Epoch {e + 1}: saving model to {tmp_path / name}" in out
    # The last checkpoint is the model at the end of training.
    ok(kc, f"last = keras.models.load_model({str(tmp_path / names[-1])!r})")
    assert np.array_equal(np.array(value(kc, "last.predict(xv, verbose=0).tolist()")),
                          np.array(value(kc, "small.predict(xv, verbose=0).tolist()")))


def test_save_best_only_keeps_the_best_epoch_and_prints_keras_messages(kc, tmp_path):
    ok(kc, SMALL)
    best = str(tmp_path / "best.keras")
    msgs = ok(kc, f"h = small.fit(xs, ys, epochs=6, batch_size=16, validation_data=(xv, yv), verbose=0, "
                  f"callbacks=[keras.callbacks.ModelCheckpoint({best!r}, monitor='val_loss', save_best_only=True, verbose=1)])")
    losses = value(kc, "h.history['val_loss']")
    out = stdout_of(msgs)
    assert f"Epoch 1: val_loss improved from inf to {losses[0]:.5f}, saving model to {best}" in out
    running = losses[0]
    for e, v in enumerate(losses[1:], start=2):
        if v < running:
            assert f"Epoch {e}: val_loss improved from {running:.5f} to {v:.5f}, saving model to {best}" in out
            running = v
        else:
            assert f"Epoch {e}: val_loss did not improve from {running:.5f}" in out
    # The file holds the best epoch's model: its val_loss is the smallest of the history.
    ok(kc, f"b = keras.models.load_model({best!r})")
    assert value(kc, "b.evaluate(xv, yv, verbose=0)[0]") == pytest.approx(min(losses), abs=1e-5)


def test_save_freq_in_batches_and_initial_value_threshold(kc, tmp_path):
    ok(kc, SMALL)
    pattern = str(tmp_path / "b-{epoch}-{batch}.weights.h5")
    ok(kc, f"small.fit(xs, ys, epochs=1, batch_size=16, verbose=0, "
           f"callbacks=[keras.callbacks.ModelCheckpoint({pattern!r}, save_weights_only=True, save_freq=2)])")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b-1-2.weights.h5", "b-1-4.weights.h5"]
    never = str(tmp_path / "never.keras")
    msgs = ok(kc, f"small.fit(xs, ys, epochs=1, verbose=0, validation_data=(xv, yv), callbacks=[keras.callbacks.ModelCheckpoint("
                  f"{never!r}, save_best_only=True, initial_value_threshold=0.0, verbose=1)])")
    assert "Epoch 1: val_loss did not improve from 0.00000" in stdout_of(msgs)
    assert not Path(never).exists()
    ename, evalue, _ = error(kc, "keras.callbacks.ModelCheckpoint('x.keras', save_freq='batch')")
    assert ename == "ValueError" and "Unrecognized save_freq" in evalue


def test_legacy_checkpoint_names_write_the_legacy_layout(kc, tmp_path):
    ok(kc, SMALL)
    path = tmp_path / "model.weights.best.hdf5"
    ok(kc, f"small.fit(xs, ys, epochs=1, verbose=0, validation_data=(xv, yv), "
           f"callbacks=[keras.callbacks.ModelCheckpoint({str(path)!r}, save_weights_only=True)])")
    with h5py.File(path, "r") as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f.attrs["layer_names"]]
        assert names == value(kc, "[l.name for l in small.layers]")
        assert "model_config" not in f.attrs
    ok(kc, f"small.save({str(tmp_path / 'whole.h5')!r})")
    with h5py.File(tmp_path / "whole.h5", "r") as f:
        assert json.loads(f.attrs["model_config"])["class_name"] == "Sequential" and "model_weights" in f
    ename, evalue, _ = error(kc, "keras.callbacks.ModelCheckpoint('model.txt')")
    assert ename == "ValueError" and "must end in `.keras`" in evalue


# (d) Errors: clear, and the session goes on

def test_missing_truncated_and_foreign_files(kc, tmp_path):
    ename, evalue, _ = error(kc, f"keras.models.load_model({str(tmp_path / 'nope.keras')!r})")
    assert ename == "ValueError" and "File not found" in evalue
    data = (FIXTURES / "d_pooling_cnn.keras").read_bytes()
    (tmp_path / "cut.keras").write_bytes(data[: len(data) // 2])
    ename, evalue, _ = error(kc, f"keras.models.load_model({str(tmp_path / 'cut.keras')!r})")
    assert ename == "ValueError" and ("truncated" in evalue or "damaged" in evalue)
    h5 = (FIXTURES / "d_pooling_cnn_legacy.h5").read_bytes()
    (tmp_path / "cut.h5").write_bytes(h5[: len(h5) // 3])
    ename, evalue, _ = error(kc, f"keras.models.load_model({str(tmp_path / 'cut.h5')!r})")
    assert ename == "ValueError" and ("truncated" in evalue or "damaged" in evalue)
    png = bytes.fromhex("89504e470d0a1a0a") + b"\0" * 64
    (tmp_path / "picture.keras").write_bytes(png)
    ename, evalue, _ = error(kc, f"keras.models.load_model({str(tmp_path / 'picture.keras')!r})")
    assert ename == "ValueError" and "PNG image" in evalue and ".keras" in evalue
    (tmp_path / "empty.weights.h5").write_bytes(b"")
    ename, evalue, _ = error(kc, f"same_architecture().load_weights({str(tmp_path / 'empty.weights.h5')!r})")
    assert ename == "ValueError" and "empty" in evalue
    ename, evalue, _ = error(kc, "same_architecture().save('model')")
    assert ename == "ValueError" and "Invalid filepath extension" in evalue
    assert result_text(ok(kc, "1 + 1")) == "2"


def test_a_weights_file_of_another_model(kc, tmp_path):
    ok(kc, "other = keras.Sequential([layers.Conv2D(16, (3, 3), input_shape=(28, 28, 1)), layers.MaxPooling2D(),"
           " layers.Conv2D(64, (3, 3)), layers.MaxPooling2D(), layers.Conv2D(64, (3, 3)), layers.Flatten(),"
           " layers.Dense(64), layers.Dense(10)])")
    path = str(FIXTURES / "d_pooling_cnn.weights.h5")
    ok(kc, "before = other.get_weights()")
    ename, evalue, tb = error(kc, f"other.load_weights({path!r})")
    assert ename == "ValueError"
    assert "weight 'kernel' has shape (3, 3, 1, 16), but the file holds shape (3, 3, 1, 32)" in evalue
    assert "skip_mismatch=True" in "\n".join(tb)
    # Nothing was assigned by the failed load.
    assert value(kc, "all(bool((a == b).all()) for a, b in zip(before, other.get_weights()))") is True
    msgs = ok(kc, f"other.load_weights({path!r}, skip_mismatch=True)")
    assert "Skipping loading weights for layer '" in stderr_of(msgs)
    # The layers that match got the file's weights: the last Dense is the reference's.
    ok(kc, f"ref = keras.models.load_model({str(FIXTURES / 'd_pooling_cnn.keras')!r})")
    assert value(kc, "bool((other.layers[-1].get_weights()[0] == ref.layers[-1].get_weights()[0]).all())") is True
    assert value(kc, "bool((other.layers[0].get_weights()[0] == before[0]).all())") is True
    # Legacy files: Keras's legacy messages.
    ename, evalue, _ = error(kc, f"other.load_weights({str(FIXTURES / 'd_pooling_cnn_legacy.h5')!r})")
    assert ename == "ValueError" and "Shape mismatch in layer #0" in evalue
    assert result_text(ok(kc, "1 + 1")) == "2"


def test_hdf5_and_libzip_are_opened_on_the_first_model_file_only(tmp_path):
    km, kc2 = start_kernel()
    try:
        maps = Path(f"/proc/{km.provisioner.process.pid}/maps")
        ok(kc2, "from tensorflow import keras\n1 + 1")
        assert "libhdf5" not in maps.read_text() and "libzip" not in maps.read_text()
        ok(kc2, f"m = keras.models.load_model({str(FIXTURES / 'd_pooling_cnn.keras')!r})")
        assert "libhdf5" in maps.read_text() and "libzip" in maps.read_text()
    finally:
        stop_kernel(km, kc2)


# The functional residual model of the reference data

RESIDUAL = np.array(json.loads((FIXTURES / "predictions.json").read_text())["predictions"]["f_residual"])


@pytest.mark.parametrize("name", ["f_residual.keras", "f_residual_legacy.h5"])
def test_a_functional_model_written_by_keras_predicts_what_keras_predicted(kc, name):
    ok(kc, f"residual = keras.models.load_model({str(FIXTURES / name)!r})")
    assert np.max(np.abs(predictions(kc, "residual") - RESIDUAL)) < 1e-5
    assert value(kc, "[type(residual).__name__, [l.name for l in residual.layers][4]]") == ["Functional", "add"]


def test_a_functional_model_round_trips_through_fovea_files(kc, tmp_path):
    ok(kc, f"residual = keras.models.load_model({str(FIXTURES / 'f_residual.keras')!r})")
    for suffix in (".keras", ".h5"):
        path = tmp_path / f"mine{suffix}"
        ok(kc, f"residual.save({str(path)!r})\nagain = keras.models.load_model({str(path)!r})")
        assert np.max(np.abs(predictions(kc, "again") - RESIDUAL)) < 1e-5
    with zipfile.ZipFile(tmp_path / "mine.keras") as z, zipfile.ZipFile(FIXTURES / "f_residual.keras") as ref:
        mine, theirs = json.loads(z.read("config.json")), json.loads(ref.read("config.json"))
    assert mine["class_name"] == theirs["class_name"] == "Functional"
    assert mine["config"]["input_layers"] == theirs["config"]["input_layers"]
    assert mine["config"]["output_layers"] == theirs["config"]["output_layers"]
    assert [l["inbound_nodes"] for l in mine["config"]["layers"]] == [l["inbound_nodes"] for l in theirs["config"]["layers"]]
    ok(kc, f"fresh = keras.models.model_from_json(residual.to_json())\nfresh.load_weights({str(FIXTURES / 'f_residual.weights.h5')!r})")
    assert np.max(np.abs(predictions(kc, "fresh") - RESIDUAL)) < 1e-5


@pytest.mark.parametrize("suffix", [".keras", ".h5"])
def test_a_loaded_model_has_the_summary_of_the_original(kc, tmp_path, suffix):
    from kernel_helpers import shown

    path = tmp_path / f"summary{suffix}"
    original = shown(kc, f"""
keras.backend.clear_session()
orig = same_architecture()
orig.compile('adam', 'sparse_categorical_crossentropy', metrics=['accuracy'])
orig.fit(x8, y_test[:8], epochs=1, verbose=0)
orig.save({str(path)!r})
orig.summary()
""")
    loaded = shown(kc, f"keras.models.load_model({str(path)!r}).summary()")
    assert "Model: \"sequential\"" in original
    assert loaded == original


def test_checkpoint_and_early_stopping_keep_the_best_epoch(kc, tmp_path):
    """mode='max' on val_loss makes the first epoch the best while the loss falls: the checkpoint
    holds epoch 1's model, and EarlyStopping(restore_best_weights) puts those weights back."""
    path = tmp_path / "best.keras"
    ok(kc, f"""
keras.utils.set_random_seed(2)
xs = np.random.default_rng(2).random((64, 8)).astype('float32')
ys = (xs.mean(axis=1) > 0.5).astype('int64')
m = keras.Sequential([keras.Input((8,)), layers.Dense(2, activation='softmax')])
m.compile(keras.optimizers.Adam(learning_rate=0.05), 'sparse_categorical_crossentropy')
ends = []
cbs = [keras.callbacks.ModelCheckpoint({str(path)!r}, monitor='val_loss', mode='max', save_best_only=True),
       keras.callbacks.EarlyStopping(monitor='val_loss', mode='max', patience=2, restore_best_weights=True),
       keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: ends.append(m.get_weights()[0].copy()))]
h = m.fit(xs, ys, validation_data=(xs, ys), epochs=10, callbacks=cbs, verbose=0)
""")
    losses = value(kc, "h.history['val_loss']")
    assert len(losses) == 3 and losses[0] > losses[1] > losses[2]
    assert value(kc, "bool(np.array_equal(m.get_weights()[0], ends[0])) and not np.array_equal(ends[0], ends[-1])") is True
    ok(kc, f"best = keras.models.load_model({str(path)!r})")
    assert value(kc, "bool(np.array_equal(best.get_weights()[0], ends[0]))") is True


def test_an_interrupted_save_leaves_a_whole_model_and_no_temporary_file(tmp_path):
    import time

    from kernel_helpers import execute, shell_reply

    km, kc = start_kernel()
    try:
        path = tmp_path / "big.keras"
        ok(kc, f"import keras\nold = keras.applications.VGG16(weights=None)\nold.save({str(path)!r})", timeout=300)
        msg_id = kc.execute(f"new = keras.applications.VGG19(weights=None)\nnew.save({str(path)!r})")
        time.sleep(1.5)
        km.interrupt_kernel()
        shell_reply(kc, msg_id, 300)
        count = int(result_text(ok(kc, f"keras.models.load_model({str(path)!r}).count_params()", timeout=300)))
        assert count in (138_357_544, 143_667_240)
        assert [p.name for p in tmp_path.iterdir()] == ["big.keras"]
        reply, _ = execute(kc, "1 + 1")
        assert reply["content"]["status"] == "ok"
    finally:
        stop_kernel(km, kc)
