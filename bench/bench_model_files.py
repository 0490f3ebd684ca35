"""Saving and loading model files in Fovea beside real Keras in the same run: the pooling CNN
(.keras, .weights.h5, legacy .h5) and VGG16(weights=None, 528 MB) as .keras, best of 3 each,
fsync included on Fovea's side (it writes a temporary file, fsyncs it and renames it). Budget
(issue 14): at most Keras's time. Keras's column needs KERAS_PYTHON, a Python with TensorFlow.
Figures, not a test: on 2 shared cores expect run-to-run noise of 10-30 %. `make bench-files`."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import jupyter_client

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel_value import kernel_value as run  # noqa: E402

SETUP = """
import time
import keras
from keras import layers
def pooling_cnn():
    m = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(32, 3, activation='relu'), layers.MaxPooling2D(),
                          layers.Conv2D(64, 3, activation='relu'), layers.MaxPooling2D(), layers.Flatten(),
                          layers.Dense(64, activation='relu'), layers.Dense(10, activation='softmax')])
    m.compile('adam', 'sparse_categorical_crossentropy', metrics=['accuracy'])
    return m
def best(f):
    t = 1e9
    for _ in range(3):
        s = time.perf_counter(); f(); t = min(t, time.perf_counter() - s)
    return t
def times(folder):
    cnn = pooling_cnn()
    vgg = keras.applications.VGG16(weights=None)
    out = {}
    for suffix in ['.keras', '.weights.h5', '.h5']:
        path = f'{folder}/cnn{suffix}'
        if suffix == '.weights.h5':
            out['cnn' + suffix] = (best(lambda: cnn.save_weights(path)), best(lambda: cnn.load_weights(path)))
        else:
            out['cnn' + suffix] = (best(lambda: cnn.save(path)), best(lambda: keras.models.load_model(path)))
    path = f'{folder}/vgg16.keras'
    out['vgg16.keras'] = (best(lambda: vgg.save(path)), best(lambda: keras.models.load_model(path)))
    return out
"""


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        km, kc = jupyter_client.manager.start_new_kernel(kernel_name="fovea")
        try:
            run(kc, SETUP)
            fovea = eval(run(kc, f"times({tmp!r})", timeout=1800))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        keras_times = None
        if os.environ.get("KERAS_PYTHON"):
            out = subprocess.run([os.environ["KERAS_PYTHON"], "-c", SETUP + f"\nprint(times({tmp!r}))"], capture_output=True, text=True,
                                 check=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
            keras_times = eval(out.stdout.strip().splitlines()[-1])
    print("Saving and loading model files, best of 3 (budget: at most Keras's time):")
    for name, (save, load) in fovea.items():
        line = f"  {name:<17} Fovea save {save * 1000:8.1f} ms  load {load * 1000:8.1f} ms"
        if keras_times:
            ks, kl = keras_times[name]
            line += f"   Keras save {ks * 1000:8.1f} ms  load {kl * 1000:8.1f} ms   ratio {save / ks:.2f}x / {load / kl:.2f}x"
        print(line)
    if not keras_times:
        print("  Keras: set KERAS_PYTHON to a Python with TensorFlow to time it in the same run")
    print("Figures, not a test: on 2 shared cores expect run-to-run noise of 10-30 %.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
