"""The code snippets of the first seed tutorial (shared/seeds/000_...), run in order through the
kernel as a learner would paste them, each cell's outcome checked. Three are wrong as written:
convolution and pooling added after Dense (twice), and Sequential used without importing it.
Fovea must say why, point at the code, and keep the model usable."""

from __future__ import annotations

import pytest

from kernel_helpers import IS_FOVEA, execute, result_text, start_kernel, stop_kernel

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's own messages")

# The seed's snippets, in its order.
IMPORTS = "import tensorflow as tf\nfrom tensorflow.keras import layers, models"
ONE_CONV = ("model = models.Sequential()\n"
            "model.add(layers.Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)))")
DENSE = "model.add(layers.Flatten())\nmodel.add(layers.Dense(64, activation='relu'))"
DEEPER = ("model.add(layers.Conv2D(64, (3, 3), activation='relu'))\n"
          "model.add(layers.MaxPooling2D((2, 2)))\n"
          "model.add(layers.Conv2D(64, (3, 3), activation='relu'))")
SUMMARY = "model.summary()"
DENSE128 = "model.add(layers.Dense(128, activation='relu'))"
POOL = "from keras.layers import MaxPooling2D\n\nmodel.add(MaxPooling2D(pool_size=(2, 2)))"
POOLING_CNN = ("from keras.layers import Conv2D, MaxPooling2D\n\n"
               "model = Sequential()\n"
               "model.add(Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)))\n"
               "model.add(MaxPooling2D((2, 2)))\n"
               "model.add(Conv2D(64, (3, 3), activation='relu'))\n"
               "model.add(MaxPooling2D((2, 2)))\n"
               "model.add(Conv2D(64, (3, 3), activation='relu'))")


@pytest.fixture(scope="module")
def kc():
    km, kc = start_kernel()
    yield kc
    stop_kernel(km, kc)


def ok(kc, code):
    reply, msgs = execute(kc, code, stop_on_error=False)
    assert reply["content"]["status"] == "ok", reply["content"]
    return msgs


def error(kc, code):
    reply, msgs = execute(kc, code, stop_on_error=False)
    c = reply["content"]
    assert c["status"] == "error", c
    shown = [m["content"] for m in msgs if m["msg_type"] == "error"]
    assert shown and shown[0]["ename"] == c["ename"]
    return c["ename"], c["evalue"], "\n".join(c["traceback"])


def summary_of(msgs):
    shown = [m["content"]["data"] for m in msgs if m["msg_type"] == "display_data"]
    assert len(shown) == 1, msgs
    return shown[0]


def model_state(kc):
    return result_text(ok(kc, "[l.name for l in model.layers], model.output_shape, model.count_params()"))


def test_the_seed_snippets_in_order(kc):
    ok(kc, IMPORTS)
    ok(kc, ONE_CONV)
    ok(kc, DENSE)
    assert model_state(kc) == "(['conv2d', 'flatten', 'dense'], (None, 64), 1384832)"

    # Wrong as written: a convolution after Dense.
    ename, evalue, tb = error(kc, DEEPER)
    assert ename == "ValueError"
    assert "expected ndim=4 (batch, height, width, channels), found ndim=2" in evalue
    assert "(None, 64)" in evalue
    assert "--> In[" in tb and ":1:11" in tb, tb
    assert '"dense" (Dense), outputs (None, 64)' in tb and "before Flatten and Dense" in tb
    # ... and the model is exactly as it was.
    assert model_state(kc) == "(['conv2d', 'flatten', 'dense'], (None, 64), 1384832)"

    data = summary_of(ok(kc, SUMMARY))
    text = data["text/plain"]
    assert text.startswith('Model: "sequential"\n┏━')
    assert "│ dense (Dense)                        │ (None, 64)                  │       1,384,512 │" in text
    assert " Total params: 1,384,832 (5.28 MB)" in text
    html = data["text/html"]
    assert "<table" in html and html.count("<tr") >= 4 and "1,384,832" in html

    ok(kc, DENSE128)

    # Wrong as written: pooling after Dense.
    ename, evalue, tb = error(kc, POOL)
    assert ename == "ValueError" and "found ndim=2. Full shape received: (None, 128)" in evalue
    assert ":3:11" in tb and '"dense_1" (Dense)' in tb

    # Wrong as written: Sequential was never imported.
    ename, evalue, tb = error(kc, POOLING_CNN)
    assert (ename, evalue) == ("NameError", "name 'Sequential' is not defined")
    assert "from tensorflow.keras.models import Sequential" in tb and ":3:9" in tb

    # The earlier model is still there and usable.
    data = summary_of(ok(kc, SUMMARY))
    assert "dense_1 (Dense)" in data["text/plain"] and "1,393,152" in data["text/plain"]

    # With the import the seed forgot, the pooling CNN builds as Keras builds it.
    ok(kc, "from keras.models import Sequential\n" + POOLING_CNN.split("\n\n", 1)[1])
    data = summary_of(ok(kc, "model.add(layers.Flatten())\nmodel.add(layers.Dense(64, activation='relu'))\n"
                             "model.add(layers.Dense(10, activation='softmax'))\nmodel.summary()"))
    assert " Total params: 93,322 (364.54 KB)" in data["text/plain"]
