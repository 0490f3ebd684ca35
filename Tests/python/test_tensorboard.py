"""keras.callbacks.TensorBoard through a real kernel, its event files read back with TensorBoard's
own reader (the `tensorboard` package from PyPI): the folders and file names TensorFlow gives
them, the tags, steps and values Keras 3 writes (equal to the History's numbers in float32), the
TFRecord CRCs checked with TensorBoard's CRC-32C, and clear errors for bad arguments and a log_dir
that is a file."""

from __future__ import annotations

import ast
import re
import socket
import struct

import numpy as np
import pytest
from tensorboard.backend.event_processing import event_accumulator, event_file_loader
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c
from tensorboard.util import tensor_util

from kernel_helpers import IS_FOVEA, error, ok, result_text, underlined

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's TensorBoard callback")

f32 = np.float32

PREP = """
from tensorflow import keras
import numpy as np
np.random.seed(3)
x = np.random.rand(64, 4).astype('float32')
y = (x[:, 0] + x[:, 1] > 1).astype('int32')
def make_model():
    m = keras.Sequential([keras.layers.Dense(8, activation='relu', input_shape=(4,)),
                          keras.layers.Dense(2, activation='softmax')])
    m.compile(optimizer=keras.optimizers.Adam(0.01), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    return m
"""


@pytest.fixture(scope="module")
def kc(kernel):
    _, kc = kernel
    ok(kc, PREP)
    return kc


def value(kc, code):
    return ast.literal_eval(result_text(ok(kc, code)))


def event_files(folder):
    return sorted(p for p in folder.iterdir() if p.name.startswith("events.out.tfevents."))


def scalars(folder):
    """{tag: [(step, value), ...]} of the one event file in `folder`, through EventAccumulator."""
    acc = event_accumulator.EventAccumulator(str(folder), size_guidance={event_accumulator.TENSORS: 0})
    acc.Reload()
    out = {}
    for tag in acc.Tags()["tensors"]:
        events = acc.Tensors(tag)
        for e in events:
            assert e.tensor_proto.dtype == 1 and len(e.tensor_proto.tensor_shape.dim) == 0  # DT_FLOAT scalar
            assert acc.SummaryMetadata(tag).plugin_data.plugin_name == "scalars"
        out[tag] = [(e.step, tensor_util.make_ndarray(e.tensor_proto).item()) for e in events]
    return out


def records(path):
    """The file's TFRecords, each CRC checked with TensorBoard's own CRC-32C."""
    data = path.read_bytes()
    out, i = [], 0
    while i < len(data):
        header = data[i:i + 8]
        (length,) = struct.unpack("<Q", header)
        (header_crc,) = struct.unpack("<I", data[i + 8:i + 12])
        body = data[i + 12:i + 12 + length]
        (body_crc,) = struct.unpack("<I", data[i + 12 + length:i + 16 + length])
        assert header_crc == masked_crc32c(header)
        assert body_crc == masked_crc32c(body)
        out.append(body)
        i += 16 + length
    assert i == len(data)
    return out


def as_f32(values):
    return [float(f32(v)) for v in values]


@pytest.fixture(scope="module")
def fitted(kc, tmp_path_factory):
    logs = tmp_path_factory.mktemp("tb") / "logs"
    history = value(kc, f"""
model = make_model()
tb = keras.callbacks.TensorBoard(log_dir={str(logs)!r})
h = model.fit(x, y, epochs=3, batch_size=16, validation_data=(x[:16], y[:16]), verbose=0, callbacks=[tb])
h.history""")
    return logs, history


def test_folders_and_file_names_are_tensorflows(kernel, fitted):
    logs, _ = fitted
    assert sorted(p.name for p in logs.iterdir()) == ["train", "validation"]
    pid = kernel[0].provisioner.process.pid  # the kernel's own process: kernel.json runs fovea itself
    names = []
    for sub in ("train", "validation"):
        files = event_files(logs / sub)
        assert len(files) == 1, files
        m = re.fullmatch(r"events\.out\.tfevents\.(\d{10})\.(.+)\.(\d+)\.(\d+)\.v2", files[0].name)
        assert m, files[0].name
        assert m.group(2) == socket.gethostname()
        assert int(m.group(3)) == pid
        names.append(int(m.group(4)))
    # n counts the writers the process made: the train file is opened first.
    assert names[1] > names[0]


def test_epoch_scalars_equal_the_history(fitted):
    logs, history = fitted
    assert sorted(history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    train = scalars(logs / "train")
    assert sorted(train) == ["epoch_accuracy", "epoch_learning_rate", "epoch_loss"]
    for name in ("loss", "accuracy"):
        assert [s for s, _ in train["epoch_" + name]] == [0, 1, 2]
        assert [v for _, v in train["epoch_" + name]] == as_f32(history[name])
    assert train["epoch_learning_rate"] == [(0, float(f32(0.01))), (1, float(f32(0.01))), (2, float(f32(0.01)))]

    validation = scalars(logs / "validation")
    assert sorted(validation) == ["epoch_accuracy", "epoch_loss", "evaluation_accuracy_vs_iterations",
                                  "evaluation_loss_vs_iterations"]
    for name in ("loss", "accuracy"):
        assert validation["epoch_" + name] == list(zip([0, 1, 2], as_f32(history["val_" + name])))
        # Keras's on_test_end: at the optimizer's iterations, 4 batches of 16 an epoch.
        assert validation[f"evaluation_{name}_vs_iterations"] == list(zip([4, 8, 12], as_f32(history["val_" + name])))


def test_records_are_framed_and_checksummed(fitted):
    logs, _ = fitted
    for sub in ("train", "validation"):
        path = event_files(logs / sub)[0]
        bodies = records(path)
        events = list(event_file_loader.EventFileLoader(str(path)).Load())
        assert len(events) == len(bodies)
        assert events[0].file_version == "brain.Event:2"
        assert events[0].wall_time > 1.6e9
        assert all(e.HasField("summary") for e in events[1:])
        # The wall times stamp each event in order.
        times = [e.wall_time for e in events]
        assert times == sorted(times)
    # A flipped byte in the last record's data fails the check.
    path = event_files(logs / "train")[0]
    data = bytearray(path.read_bytes())
    data[-6] ^= 0xFF
    broken = path.parent.parent / "broken.bin"
    broken.write_bytes(bytes(data))
    try:
        with pytest.raises(AssertionError):
            records(broken)
    finally:
        broken.unlink()


def test_batch_scalars_with_update_freq_batch(kc, tmp_path):
    logs = tmp_path / "logs"
    batch_losses, history = value(kc, f"""
model = make_model()
seen = []
record = keras.callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: seen.append(logs['loss']))
h = model.fit(x, y, epochs=2, batch_size=16, verbose=0,
              callbacks=[record, keras.callbacks.TensorBoard(log_dir={str(logs)!r}, update_freq='batch', write_graph=False)])
seen, h.history""")
    assert sorted(p.name for p in logs.iterdir()) == ["train"]  # no validation data: no validation folder
    train = scalars(logs / "train")
    assert sorted(train) == ["batch_accuracy", "batch_loss", "epoch_accuracy", "epoch_learning_rate", "epoch_loss"]
    # Steps count batches from 1 across epochs; values are the epoch's running means so far.
    assert train["batch_loss"] == list(zip(range(1, 9), as_f32(batch_losses)))
    assert [v for _, v in train["epoch_loss"]] == as_f32(history["loss"])


def test_an_integer_update_freq_writes_every_batch_as_keras_3_does(kc, tmp_path):
    logs = tmp_path / "logs"
    ok(kc, f"""
tb = keras.callbacks.TensorBoard(log_dir={str(logs)!r}, update_freq=3)
make_model().fit(x, y, epochs=1, batch_size=16, verbose=0, callbacks=[tb])""")
    assert value(kc, "tb.update_freq") == 3
    assert [s for s, _ in scalars(logs / "train")["batch_loss"]] == [1, 2, 3, 4]


def test_learning_rate_follows_a_scheduler_and_steps_per_second(kc, tmp_path):
    logs = tmp_path / "logs"
    ok(kc, f"""
schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.01 * 0.5 ** epoch)
tb = keras.callbacks.TensorBoard(log_dir={str(logs)!r}, write_steps_per_second=True)
make_model().fit(x, y, epochs=3, batch_size=16, verbose=0, callbacks=[schedule, tb])""")
    train = scalars(logs / "train")
    assert train["epoch_learning_rate"] == list(zip([0, 1, 2], as_f32([0.01, 0.005, 0.0025])))
    assert [s for s, _ in train["epoch_steps_per_second"]] == [0, 1, 2]
    assert all(v > 0 for _, v in train["epoch_steps_per_second"])


def test_weight_histograms_are_tensorboards(kc, tmp_path):
    """histogram_freq=2 over 3 epochs: each weight's 30 buckets at epochs 0 and 2, tagged by its
    path; the last ones equal TensorBoard's own histogram_pb of the final weights."""
    from tensorboard.plugins.histogram import summary_v2 as histogram_summary

    logs = tmp_path / "logs"
    names = value(kc, f"""
model = make_model()
tb = keras.callbacks.TensorBoard(log_dir={str(logs)!r}, histogram_freq=2)
model.fit(x, y, epochs=3, batch_size=16, verbose=0, callbacks=[tb])
weights = model.get_weights()
for i, w in enumerate(weights):
    np.save({str(tmp_path)!r} + '/w' + str(i) + '.npy', w)
(model.name, [l.name for l in model.layers])""")
    model_name, layer_names = names
    tags = [f"{model_name}/{layer}/{w}/histogram" for layer in layer_names for w in ("kernel", "bias")]
    acc = event_accumulator.EventAccumulator(str(logs / "train"), size_guidance={event_accumulator.TENSORS: 0})
    acc.Reload()
    assert sorted(t for t in acc.Tags()["tensors"] if t.endswith("/histogram")) == sorted(tags)
    for i, tag in enumerate(tags):
        assert acc.SummaryMetadata(tag).plugin_data.plugin_name == "histograms"
        events = acc.Tensors(tag)
        assert [e.step for e in events] == [0, 2]
        got = tensor_util.make_ndarray(events[-1].tensor_proto)
        assert got.dtype == np.float64 and got.shape == (30, 3)
        final = np.load(tmp_path / f"w{i}.npy")
        assert got[:, 2].sum() == final.size
        want = tensor_util.make_ndarray(histogram_summary.histogram_pb(tag, final).value[0].tensor)
        np.testing.assert_array_equal(got, want)


def test_each_fit_writes_new_files(kc, tmp_path):
    logs = tmp_path / "logs"
    ok(kc, f"""
tb = keras.callbacks.TensorBoard(log_dir={str(logs)!r})
m = make_model()
m.fit(x, y, epochs=1, verbose=0, callbacks=[tb])
m.fit(x, y, epochs=2, verbose=0, callbacks=[tb])""")
    files = event_files(logs / "train")
    assert len(files) == 2
    steps = sorted(len(records(f)) for f in files)
    assert steps == [1 + 3, 1 + 6]  # the version record, then loss, accuracy, learning rate per epoch


def test_a_log_dir_that_is_a_file(kc, tmp_path):
    path = tmp_path / "logs"
    path.write_text("not a folder")
    ok(kc, f"tb = keras.callbacks.TensorBoard(log_dir={str(path)!r})\nm = make_model()")
    ename, evalue, tb = error(kc, "m.fit(x, y, epochs=1, verbose=0, callbacks=[tb])")
    assert ename == "NotADirectoryError"
    assert str(path) in evalue and "is a file" in evalue and "log_dir=" in evalue
    assert underlined(tb, "m.fit(x, y, epochs=1, verbose=0, callbacks=[tb])") is not None
    assert path.read_text() == "not a folder"
    # The session goes on: a good folder works.
    ok(kc, f"m.fit(x, y, epochs=1, verbose=0, callbacks=[keras.callbacks.TensorBoard(log_dir={str(tmp_path / 'ok')!r})])")
    assert event_files(tmp_path / "ok" / "train")


@pytest.mark.parametrize("call, ename, words", [
    ("keras.callbacks.TensorBoard(update_freq='sometimes')", "ValueError", "update_freq must be 'epoch', 'batch'"),
    ("keras.callbacks.TensorBoard(update_freq=0)", "ValueError", "Received: update_freq=0"),
    ("keras.callbacks.TensorBoard(histogram_freq=-1)", "ValueError", "histogram_freq must be a non-negative"),
    ("keras.callbacks.TensorBoard(histogram_freq=1, write_images=True)", "NotImplementedError", "not weights as images"),
    ("keras.callbacks.TensorBoard(profile_batch=(10, 5))", "ValueError",
     "profile_batch must be a non-negative integer or 2-tuple of positive integers"),
    ("keras.callbacks.TensorBoard(profile_batch=-1)", "ValueError", "Found: -1"),
    ("keras.callbacks.TensorBoard(profile_batch=(2, 4))", "NotImplementedError", "profiler"),
    ("keras.callbacks.TensorBoard(embeddings_freq=1)", "NotImplementedError", "embeddings"),
])
def test_bad_arguments(kc, call, ename, words):
    got_name, evalue, tb = error(kc, call)
    assert got_name == ename
    assert words in evalue
    keyword = call[[m.start() for m in re.finditer(r"\w+=", call)][-1]:-1]  # the last keyword argument
    assert underlined(tb, call) == keyword


def test_defaults_and_help(kc):
    assert value(kc, "t = keras.callbacks.TensorBoard()\n(t.log_dir, t.histogram_freq, t.write_graph, t.update_freq)") == \
        ("logs", 0, True, "epoch")
    assert value(kc, "keras.callbacks.TensorBoard(update_freq='batch').update_freq") == 1
    assert value(kc, "isinstance(keras.callbacks.TensorBoard(), keras.callbacks.Callback)") is True


def test_tensorboard_itself_serves_the_scalars(fitted):
    """The real TensorBoard server (its fast data loader) lists the tags in its Scalars dashboard
    and serves the values at the right steps."""
    import json
    import subprocess
    import sys
    import time
    import urllib.request

    logs, history = fitted
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "tensorboard.main", "--logdir", str(logs), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def get(path):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
            return json.loads(r.read())

    try:
        deadline = time.monotonic() + 90
        tags = {}
        while time.monotonic() < deadline:
            try:
                tags = get("/data/plugin/scalars/tags")
                if "evaluation_loss_vs_iterations" in tags.get("validation", {}) and "epoch_loss" in tags.get("train", {}):
                    break
            except OSError:
                pass
            time.sleep(0.5)
        assert sorted(tags["train"]) == ["epoch_accuracy", "epoch_learning_rate", "epoch_loss"]
        points = get("/data/plugin/scalars/scalars?run=validation&tag=epoch_loss")
        assert [(step, v) for _, step, v in points] == list(zip([0, 1, 2], as_f32(history["val_loss"])))
    finally:
        server.terminate()
        server.wait(timeout=30)
