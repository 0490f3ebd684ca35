"""Write model files real Keras saves for a model of Conv2DTranspose and SeparableConv2D layers, with
its predictions, into Tests/Fixtures/keras-convs (Tests/python/test_separable_transpose.py loads them
and must reproduce the predictions to 1e-5: TensorFlow's own numbers for the padding and
output_padding cases).

Run with a Python that has TensorFlow (never needed by the tests or CI):
    /tmp/tfvenv/bin/python tools/keras_conv_files.py
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "keras-convs")

keras.utils.set_random_seed(7)
model = keras.Sequential([
    keras.Input((3, 3, 3)),
    layers.Conv2DTranspose(4, 3, strides=2, padding="same", activation="tanh"),
    layers.Conv2DTranspose(3, (3, 2), strides=(2, 3), padding="same", output_padding=(1, 2)),
    layers.SeparableConv2D(5, 3, strides=2, padding="same", depth_multiplier=2),
    layers.Conv2DTranspose(2, 4, strides=2, padding="same"),
    layers.Conv2DTranspose(3, 2, strides=3, padding="valid", output_padding=1, activation="relu"),
    layers.SeparableConv2D(2, (2, 3), padding="valid", use_bias=False),
], name="convs")
rng = np.random.default_rng(1)
for layer in model.layers:  # non-zero biases, so that where they are added shows
    layer.set_weights([w if w.ndim > 1 else rng.normal(size=w.shape).astype("float32") for w in layer.get_weights()])
x = np.random.default_rng(0).random((2, 3, 3, 3)).astype("float32")


def rounded(a):
    return json.loads(json.dumps(np.vectorize(lambda v: float(f"{v:.7g}"))(a).tolist()))
os.makedirs(OUT, exist_ok=True)
model.save(os.path.join(OUT, "convs.keras"))
model.save(os.path.join(OUT, "convs_legacy.h5"))
model.save_weights(os.path.join(OUT, "convs.weights.h5"))
with open(os.path.join(OUT, "predictions.json"), "w") as f:
    json.dump({"keras": keras.__version__, "input": x.tolist(), "output_shape": list(model.output_shape),
               "predictions": rounded(model.predict(x, verbose=0))}, f)
