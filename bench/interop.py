"""Model files both ways between Fovea and real Keras 3 (`make interop`; needs KERAS_PYTHON, a
Python with TensorFlow): real Keras writes the pooling CNN and a functional residual model as
.keras, .weights.h5 and legacy .h5 and Fovea loads them; Fovea writes the same and real Keras
loads them. Each side predicts on the same 8 images; prints the largest difference per file
(budget 1e-5). Not part of CI, which has no TensorFlow: there the reference files stand for Keras."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import jupyter_client
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel_value import kernel_value as run  # noqa: E402

MODELS = """
import numpy as np
import keras
from keras import layers
def pooling_cnn():
    return keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(32, 3, activation='relu'), layers.MaxPooling2D(),
                             layers.Conv2D(64, 3, activation='relu'), layers.MaxPooling2D(), layers.Flatten(),
                             layers.Dense(64, activation='relu'), layers.Dense(10, activation='softmax')])
def residual():
    inputs = keras.Input((28, 28, 1))
    x = layers.Conv2D(16, 3, padding='same', activation='relu')(inputs)
    y = layers.BatchNormalization()(layers.Conv2D(16, 3, padding='same')(x))
    z = layers.MaxPooling2D()(layers.Activation('relu')(layers.Add()([x, y])))
    return keras.Model(inputs, layers.Dense(10, activation='softmax')(layers.GlobalAveragePooling2D()(z)))
def write(folder):
    x = np.load(folder + '/x.npy')
    for name, make in [('pooling_cnn', pooling_cnn), ('residual', residual)]:
        m = make()
        m.compile('adam', 'sparse_categorical_crossentropy', metrics=['accuracy'])
        m.fit(x, np.arange(len(x)) % 10, epochs=1, verbose=0)
        m.save(f'{folder}/{name}.keras'); m.save(f'{folder}/{name}.h5'); m.save_weights(f'{folder}/{name}.weights.h5')
        np.save(f'{folder}/{name}_p.npy', m.predict(x, verbose=0))
def read(folder):
    x = np.load(folder + '/x.npy')
    out = {}
    for name, make in [('pooling_cnn', pooling_cnn), ('residual', residual)]:
        want = np.load(f'{folder}/{name}_p.npy')
        for suffix in ['.keras', '.h5']:
            m = keras.models.load_model(f'{folder}/{name}{suffix}')
            out[name + suffix] = float(np.abs(m.predict(x, verbose=0) - want).max())
        m = make()
        m.load_weights(f'{folder}/{name}.weights.h5')
        out[name + '.weights.h5'] = float(np.abs(m.predict(x, verbose=0) - want).max())
    return out
"""


def keras(action: str, folder: str) -> str:
    code = MODELS + f"\nprint({action}({folder!r}))\n"
    return subprocess.run([os.environ["KERAS_PYTHON"], "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}).stdout.strip().splitlines()[-1]


def main() -> int:
    if not os.environ.get("KERAS_PYTHON"):
        print("make interop needs KERAS_PYTHON: a Python with TensorFlow (pip install tensorflow-cpu in a venv of its own)")
        return 2
    x = np.random.default_rng(0).random((8, 28, 28, 1)).astype("float32")
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="fovea")
    try:
        with tempfile.TemporaryDirectory() as keras_dir, tempfile.TemporaryDirectory() as fovea_dir:
            for d in (keras_dir, fovea_dir):
                np.save(d + "/x.npy", x)
            keras("write", keras_dir)
            run(kc, MODELS)
            print("Files real Keras wrote, loaded by Fovea (largest difference of the predictions; budget 1e-5):")
            print("  ", run(kc, f"read({keras_dir!r})"))
            run(kc, f"write({fovea_dir!r})")
            print("Files Fovea wrote, loaded by real Keras:")
            print("  ", keras("read", fovea_dir))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
