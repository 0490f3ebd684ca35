"""A local HTTP server for the download tests: small generated files in the real formats
(an mnist.npz, CIFAR-10/100-style python tarballs whose batches are written by Python's own
pickle as CIFAR's are, a gzip file, an archive with an entry that leaves its folder), a slow
file for interrupts, and a count of requests. Nothing reaches the internet."""

from __future__ import annotations

import gzip
import io
import pickle
import tarfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np


def npz_bytes(**arrays) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def mnist_arrays() -> dict:
    rng = np.random.default_rng(1)
    return {
        "x_train": rng.integers(0, 256, (6, 28, 28), dtype=np.uint8),
        "y_train": np.arange(6, dtype=np.uint8),
        "x_test": rng.integers(0, 256, (4, 28, 28), dtype=np.uint8),
        "y_test": np.arange(4, dtype=np.uint8),
    }


def cifar_batch(n: int, seed: int, label_keys: dict) -> dict:
    rng = np.random.default_rng(seed)
    batch = {b"batch_label": b"training batch %d of 5" % seed,
             b"data": rng.integers(0, 256, (n, 3072), dtype=np.uint8),
             b"filenames": [b"img_%d.png" % i for i in range(n)]}
    for key, classes in label_keys.items():
        batch[key] = [int(v) for v in rng.integers(0, classes, n)]
    return batch


def tarball(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def cifar10_files() -> tuple[bytes, dict]:
    batches = {f"data_batch_{i}": cifar_batch(3, i, {b"labels": 10}) for i in range(1, 6)}
    batches["test_batch"] = cifar_batch(2, 9, {b"labels": 10})
    members = {f"cifar-10-batches-py/{k}": pickle.dumps(v, protocol=2) for k, v in batches.items()}
    members["cifar-10-batches-py/batches.meta"] = pickle.dumps({b"label_names": [b"airplane"] * 10}, protocol=2)
    return tarball(members), batches


def cifar100_files() -> tuple[bytes, dict]:
    keys = {b"fine_labels": 100, b"coarse_labels": 20}
    batches = {"train": cifar_batch(5, 1, keys), "test": cifar_batch(3, 2, keys)}
    return tarball({f"cifar-100-python/{k}": pickle.dumps(v, protocol=2) for k, v in batches.items()}), batches


class Files:
    """What the server serves, by path, and how many times each was asked for."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.slow: set[str] = set()
        self.requests: dict[str, int] = {}


def serve(files: Files) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            files.requests[self.path] = files.requests.get(self.path, 0) + 1
            data = files.files.get(self.path)
            if data is None:
                self.send_error(404, "Not Found")
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                if self.path in files.slow:
                    for i in range(0, len(data), 1024):
                        self.wfile.write(data[i:i + 1024])
                        self.wfile.flush()
                        time.sleep(0.05)
                else:
                    self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def zip_bytes(members: dict[str, bytes]) -> bytes:
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def tarball_with_link(name: str, target: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        info = tarfile.TarInfo(name)
        info.type = tarfile.SYMTYPE
        info.linkname = target
        tar.addfile(info)
    return buf.getvalue()


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data)
