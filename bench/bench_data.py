"""Loading data in Fovea beside the same work in Python, in the same run (issue 15):

- Fashion-MNIST from Debian's gzipped IDX files, and MNIST-shaped arrays from a cached .npz
  (Keras's mnist.npz layout), each timed inside the kernel (best of 3) beside Keras's own code
  path for those loaders run with real numpy (gzip + np.frombuffer, np.load);
- one cold pass (page cache dropped when allowed) of image_dataset_from_directory over 10,000
  generated 64x64 JPEGs with full decoding, in images per second, beside a Pillow + numpy decode
  loop and, when KERAS_PYTHON names a Python with TensorFlow, beside Keras itself; and the
  kernel's peak RSS during that pass.

Budgets: the image pass faster than Keras's, peak RSS <= 300 MiB. Figures, not a test: on 2
shared cores expect run-to-run noise of 10-30 %. `make bench-data` (also run by `make bench`)."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jupyter_client
import numpy as np

from kernel_value import kernel_value as run, status_mib as status

DEBIAN = Path("/usr/share/datasets/fashion-mnist")
IMAGES, CLASSES, SIDE, BATCH = 10_000, 10, 64, 32
BUDGET_RSS = 300.0

KERAS_PASS = """
import sys, time
import keras
ds = keras.utils.image_dataset_from_directory(sys.argv[1], image_size=(64, 64), batch_size=32, verbose=False)
t = time.perf_counter()
n = sum(int(x.shape[0]) for x, _ in ds)
print(n / (time.perf_counter() - t))
"""


def best_ms(f, repeat: int = 3) -> float:
    best = 1e9
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best * 1000


def keras_fashion_mnist():
    """What keras.datasets.fashion_mnist.load_data() does with the four files."""
    def read(name, offset, shape):
        with gzip.open(DEBIAN / name, "rb") as f:
            return np.frombuffer(f.read(), np.uint8, offset=offset).reshape(shape)
    return (read("train-images-idx3-ubyte.gz", 16, (-1, 28, 28)), read("train-labels-idx1-ubyte.gz", 8, (-1,)),
            read("t10k-images-idx3-ubyte.gz", 16, (-1, 28, 28)), read("t10k-labels-idx1-ubyte.gz", 8, (-1,)))


def keras_npz(path: Path):
    """What keras.datasets.mnist.load_data() does with mnist.npz."""
    with np.load(path, allow_pickle=True) as f:
        return f["x_train"], f["y_train"], f["x_test"], f["y_test"]


def make_jpegs(root: Path) -> None:
    from PIL import Image

    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:SIDE, 0:SIDE]
    for i in range(IMAGES):
        folder = root / f"class_{i % CLASSES}"
        folder.mkdir(exist_ok=True)
        a, b, c = rng.uniform(0.5, 3, 3)
        rgb = np.stack([x * a, y * b, (x + y) * c], axis=-1) + rng.integers(0, 60, (SIDE, SIDE, 3))
        Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).save(folder / f"{i:05d}.jpg", quality=90)


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def pillow_rate(root: Path) -> float:
    from PIL import Image

    files = sorted(root.rglob("*.jpg"))
    t = time.perf_counter()
    for f in files:
        np.asarray(Image.open(f).convert("RGB"), dtype=np.float32)
    return len(files) / (time.perf_counter() - t)


def kernel(env: dict):
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="fovea", env=env)
    return km, kc, km.provisioner.process.pid


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench-data-"))
    try:
        x, y, xt, yt = keras_fashion_mnist()
        np.savez_compressed(tmp / "mnist.npz", x_train=x, y_train=y, x_test=xt, y_test=yt)
        env = dict(os.environ, FOVEA_DATA=str(tmp))

        km, kc, _ = kernel(env)
        try:
            run(kc, "import time\nfrom tensorflow import keras\nimport numpy as np\n"
                    "def best(f):\n    b = 1e9\n    for _ in range(3):\n        t = time.perf_counter()\n        f()\n"
                    "        b = min(b, time.perf_counter() - t)\n    return b * 1000\n")
            fovea_idx = float(run(kc, "best(keras.datasets.fashion_mnist.load_data)"))
            fovea_npz = float(run(kc, "best(keras.datasets.mnist.load_data)"))
            shape = run(kc, "(x, y), _ = keras.datasets.mnist.load_data()\nx.shape, x.dtype.name")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        numpy_idx, numpy_npz = best_ms(keras_fashion_mnist), best_ms(lambda: keras_npz(tmp / "mnist.npz"))
        print(f"{'loading (best of 3)':<44} {'Fovea':>9} {'numpy':>9} {'ratio':>6}")
        print("-" * 72)
        print(f"{'Fashion-MNIST from Debian (gzip IDX)':<44} {fovea_idx:>6.0f} ms {numpy_idx:>6.0f} ms {fovea_idx / numpy_idx:>5.2f}x")
        print(f"{'MNIST-shaped mnist.npz from the cache':<44} {fovea_npz:>6.0f} ms {numpy_npz:>6.0f} ms {fovea_npz / numpy_npz:>5.2f}x"
              f"   {shape}")
        print("(numpy: the code of Keras's fashion_mnist/mnist load_data with real numpy)\n")

        jpegs = tmp / "jpegs"
        jpegs.mkdir()
        make_jpegs(jpegs)
        pillow = pillow_rate(jpegs)
        cold = drop_caches()
        km, kc, pid = kernel(env)
        try:
            idle = status(pid, "VmRSS")
            run(kc, "import time\nfrom tensorflow import keras\n"
                    f"ds = keras.utils.image_dataset_from_directory({str(jpegs)!r}, image_size=({SIDE}, {SIDE}), batch_size={BATCH}, verbose=False)")
            rate = float(run(kc, "t = time.perf_counter()\nn = 0\nfor images, labels in ds:\n    n += images.shape[0]\n"
                                 "n / (time.perf_counter() - t)"))
            peak = status(pid, "VmHWM")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        print(f"image_dataset_from_directory, one {'cold' if cold else 'warm (page cache could not be dropped)'} pass over "
              f"{IMAGES:,} {SIDE}x{SIDE} JPEGs, batch {BATCH}:")
        print(f"  Fovea                      {rate:>8,.0f} images/s")
        print(f"  Pillow + numpy decode loop {pillow:>8,.0f} images/s (one process, no resize or batching)")
        keras_python = os.environ.get("KERAS_PYTHON")
        if keras_python:
            drop_caches()
            out = subprocess.run([keras_python, "-c", KERAS_PASS, str(jpegs)], capture_output=True, text=True, check=True)
            keras_rate = float(out.stdout.strip().splitlines()[-1])
            print(f"  Keras ({keras_python})  {keras_rate:>8,.0f} images/s   Fovea/Keras {rate / keras_rate:.2f}x (budget: > 1)")
        else:
            print("  Keras: set KERAS_PYTHON to a Python with TensorFlow to time it in the same run")
        print(f"  kernel RSS {idle:.1f} MiB idle, peak {peak:.1f} MiB during the pass (budget {BUDGET_RSS:.0f} MiB)")
        print("Figures, not a test: on 2 shared cores expect run-to-run noise of 10-30 %.")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
