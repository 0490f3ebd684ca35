"""keras.utils.get_file and the downloading keras.datasets loaders, through the real kernel,
against a local HTTP server (download_server.py). No test reaches the internet: the loaders are
pointed at the server by FOVEA_DATASETS_MIRROR, get_file by its origin argument."""

from __future__ import annotations

import hashlib
import io
import os
import socket
import tarfile
import time

import numpy as np
import pytest

import download_server as ds
from kernel_helpers import IS_FOVEA, TIMEOUT, execute, flush, iopub_for, result_text, shell_reply, start_kernel, stop_kernel

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's downloads")

PAYLOAD = bytes(range(256)) * 400          # 102.4 kB, served slowly for the interrupt test too


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    files = ds.Files()
    files.files["/data/payload.bin"] = PAYLOAD
    files.files["/data/slow.bin"] = PAYLOAD * 20
    files.slow.add("/data/slow.bin")
    files.files["/data/labels.gz"] = ds.gzip_bytes(b"\x00\x00\x08\x01\x00\x00\x00\x03\x01\x02\x03")
    files.files["/data/pack.tar.gz"] = ds.tarball({"pack/a.txt": b"alpha", "pack/sub/b.txt": b"beta"})
    files.files["/data/evil.tar.gz"] = ds.tarball({"ok.txt": b"fine", "../escaped.txt": b"gotcha"})
    files.files["/data/photos.zip"] = ds.zip_bytes({"photos/cat/1.txt": b"meow", "photos/dog/2.txt": b"woof"})
    files.files["/data/link.tar.gz"] = ds.tarball_with_link("passwd", "/etc/passwd")
    files.files["/mirror/mnist.npz"] = ds.npz_bytes(**ds.mnist_arrays())
    files.files["/mirror/cifar-10-python.tar.gz"], files.cifar10 = ds.cifar10_files()
    files.files["/mirror/cifar-100-python.tar.gz"], files.cifar100 = ds.cifar100_files()
    server = ds.serve(files)
    files.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield files
    server.shutdown()


@pytest.fixture(scope="module")
def kernel(site, tmp_path_factory):
    home = tmp_path_factory.mktemp("keras_home")
    env = dict(os.environ, KERAS_HOME=str(home), FOVEA_DATASETS_MIRROR=site.base + "/mirror/")
    env.pop("FOVEA_DATA", None)
    km, kc = start_kernel(env=env)
    execute(kc, "import os\nfrom tensorflow import keras")
    yield km, kc, home
    stop_kernel(km, kc)


def run(kc, code):
    flush(kc)
    return execute(kc, code)


def error_of(reply) -> str:
    c = reply["content"]
    assert c["status"] == "error", c
    return c["ename"] + ": " + c["evalue"]


def no_leftovers(folder) -> list[str]:
    return [p.name for p in folder.rglob("*") if ".part-" in p.name]


def test_get_file_downloads_into_the_cache_once_with_a_live_progress_display(kernel, site):
    km, kc, home = kernel
    sha = hashlib.sha256(PAYLOAD).hexdigest()
    reply, msgs = run(kc, f"p = keras.utils.get_file('payload.bin', '{site.base}/data/payload.bin', file_hash='{sha}')\np")
    assert reply["content"]["status"] == "ok", reply["content"]
    path = home / "datasets" / "payload.bin"
    assert result_text(msgs) == repr(str(path))
    assert path.read_bytes() == PAYLOAD
    stdout = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    assert f"Downloading data from {site.base}/data/payload.bin" in stdout
    shown = [m for m in msgs if m["msg_type"] in ("display_data", "update_display_data")]
    assert shown and shown[0]["msg_type"] == "display_data"
    ids = {m["content"]["transient"]["display_id"] for m in shown}
    assert len(ids) == 1                                    # one display, updated in place
    final = shown[-1]["content"]["data"]["text/plain"]
    assert "102.4 kB/102.4 kB" in final and "━" * 20 in final
    # Cached: a second call (hash checked again) does not ask the server.
    reply, msgs = run(kc, f"keras.utils.get_file('payload.bin', '{site.base}/data/payload.bin', file_hash='{sha}')")
    assert reply["content"]["status"] == "ok"
    assert site.requests["/data/payload.bin"] == 1
    assert no_leftovers(home) == []


def test_name_from_the_origin_md5_and_a_gzip_file(kernel, site):
    km, kc, home = kernel
    data = site.files["/data/labels.gz"]
    md5 = hashlib.md5(data).hexdigest()
    reply, msgs = run(kc, f"keras.utils.get_file(origin='{site.base}/data/labels.gz', file_hash='{md5}', cache_subdir='idx')")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert result_text(msgs) == repr(str(home / "idx" / "labels.gz"))
    assert (home / "idx" / "labels.gz").read_bytes() == data


def test_a_wrong_hash_is_an_error_and_leaves_no_file(kernel, site):
    km, kc, home = kernel
    reply, _ = run(kc, f"keras.utils.get_file('wrong.bin', '{site.base}/data/payload.bin', file_hash='{'0' * 64}')")
    err = error_of(reply)
    assert err.startswith("ValueError: Incomplete or corrupted file detected")
    assert f"{site.base}/data/payload.bin" in err and hashlib.sha256(PAYLOAD).hexdigest() in err
    assert not (home / "datasets" / "wrong.bin").exists()
    assert no_leftovers(home) == []


def test_a_404_says_which_url_failed_why_and_where_to_put_the_file(kernel, site):
    km, kc, home = kernel
    reply, _ = run(kc, f"keras.utils.get_file('gone.bin', '{site.base}/data/gone.bin')")
    err = error_of(reply)
    assert f"URL fetch failure on {site.base}/data/gone.bin: 404 -- Not Found" in err
    assert f"copy it to {home / 'datasets' / 'gone.bin'}" in err
    assert not (home / "datasets" / "gone.bin").exists()
    assert no_leftovers(home) == []


def test_a_refused_connection_is_a_clear_error(kernel, site):
    km, kc, home = kernel
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/nothing.bin"
    reply, _ = run(kc, f"keras.utils.get_file('refused.bin', '{url}')")
    err = error_of(reply)
    assert f"URL fetch failure on {url}:" in err
    assert "refused" in err.lower() or "connect" in err.lower()
    assert "To work offline" in err
    assert not (home / "datasets" / "refused.bin").exists()


def test_an_interrupt_stops_the_download_and_leaves_no_file(kernel, site):
    km, kc, home = kernel
    flush(kc)
    msg_id = kc.execute(f"keras.utils.get_file('slow.bin', '{site.base}/data/slow.bin')")
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:            # wait until the progress display is up
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "display_data":
            break
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=30)
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    assert "slow.bin" in reply["content"]["evalue"]
    assert not (home / "datasets" / "slow.bin").exists()
    assert no_leftovers(home) == []
    reply, msgs = run(kc, "1 + 1")                 # the session carries on
    assert result_text(msgs) == "2"


def test_extract_unpacks_a_tarball_next_to_it(kernel, site):
    km, kc, home = kernel
    reply, msgs = run(kc, f"d = keras.utils.get_file('pack.tar.gz', '{site.base}/data/pack.tar.gz', extract=True)\n"
                          "d, open(os.path.join(d, 'pack', 'sub', 'b.txt')).read()")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert result_text(msgs) == repr((str(home / "datasets" / "pack_extracted"), "beta"))
    assert (home / "datasets" / "pack.tar.gz").exists()
    # Without fname, as Keras 3: the archive is kept as <name>_archive and unpacked into <name>.
    reply, msgs = run(kc, f"d = keras.utils.get_file(origin='{site.base}/data/pack.tar.gz', extract=True, cache_subdir='named')\n"
                          "d, sorted(os.listdir(os.path.join(d, 'pack')))")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert result_text(msgs) == repr((str(home / "named" / "pack.tar.gz"), ["a.txt", "sub"]))
    assert (home / "named" / "pack.tar.gz_archive").exists()


def test_extract_refuses_an_entry_that_leaves_the_folder(kernel, site):
    km, kc, home = kernel
    reply, _ = run(kc, f"keras.utils.get_file('evil.tar.gz', '{site.base}/data/evil.tar.gz', extract=True)")
    err = error_of(reply)
    assert "ValueError" in err and "../escaped.txt" in err and "outside" in err
    assert not (home / "datasets" / "escaped.txt").exists()
    assert not (home / "datasets" / "evil_extracted").exists()
    assert no_leftovers(home) == []


def test_extract_unpacks_a_zip(kernel, site):
    km, kc, home = kernel
    reply, msgs = run(kc, f"d = keras.utils.get_file('photos.zip', '{site.base}/data/photos.zip', extract=True)\n"
                          "sorted(os.listdir(os.path.join(d, 'photos'))), open(os.path.join(d, 'photos', 'dog', '2.txt')).read()")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert result_text(msgs) == repr((["cat", "dog"], "woof"))


def test_extract_refuses_links(kernel, site):
    km, kc, home = kernel
    reply, _ = run(kc, f"keras.utils.get_file('link.tar.gz', '{site.base}/data/link.tar.gz', extract=True)")
    err = error_of(reply)
    assert "ValueError" in err and "'passwd' is a link" in err
    assert not (home / "datasets" / "link_extracted").exists()


def arrays(kc, names):
    code = "\n".join(f"print({n}.shape, {n}.dtype, {n}.ravel()[:8].tolist(), int({n}.sum()))" for n in names)
    reply, msgs = run(kc, code)
    assert reply["content"]["status"] == "ok", reply["content"]
    return [line for line in "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream").splitlines()]


def described(a) -> str:
    return f"{tuple(a.shape)} {a.dtype} {a.ravel()[:8].tolist()} {int(a.sum())}"


def test_mnist_downloads_from_the_mirror_with_keras_shapes(kernel, site):
    km, kc, home = kernel
    reply, _ = run(kc, "(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert (home / "datasets" / "mnist.npz").exists()
    want = ds.mnist_arrays()
    got = arrays(kc, ["x_train", "y_train", "x_test", "y_test"])
    assert got == [described(want[k]) for k in ["x_train", "y_train", "x_test", "y_test"]]


def cifar_expected(batches, label_key, label_dtype):
    x = np.concatenate([b[b"data"] for b in batches]).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    y = np.concatenate([b[label_key] for b in batches]).reshape(-1, 1).astype(label_dtype)
    return x, y


def test_cifar10_extracts_and_reads_the_pickled_batches_as_keras_does(kernel, site):
    km, kc, home = kernel
    reply, _ = run(kc, "(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert (home / "datasets" / "cifar-10-batches-py-target_archive").exists()
    assert (home / "datasets" / "cifar-10-batches-py-target" / "cifar-10-batches-py" / "test_batch").exists()
    b = site.cifar10
    xtr, ytr = cifar_expected([b[f"data_batch_{i}"] for i in range(1, 6)], b"labels", np.uint8)
    xte, yte = cifar_expected([b["test_batch"]], b"labels", np.uint8)
    assert arrays(kc, ["x_train", "y_train", "x_test", "y_test"]) == [described(a) for a in (xtr, ytr, xte, yte)]
    reply, msgs = run(kc, "x_train[4, 31, 30].tolist()")
    assert result_text(msgs) == repr(xtr[4, 31, 30].tolist())


def test_cifar100_coarse_and_fine_labels(kernel, site):
    km, kc, home = kernel
    b = site.cifar100
    for mode in ("fine", "coarse"):
        reply, _ = run(kc, f"(x_train, y_train), (x_test, y_test) = keras.datasets.cifar100.load_data(label_mode='{mode}')")
        assert reply["content"]["status"] == "ok", reply["content"]
        key = f"{mode}_labels".encode()
        xtr, ytr = cifar_expected([b["train"]], key, np.int64)
        xte, yte = cifar_expected([b["test"]], key, np.int64)
        assert arrays(kc, ["x_train", "y_train", "x_test", "y_test"]) == [described(a) for a in (xtr, ytr, xte, yte)]
    reply, _ = run(kc, "keras.datasets.cifar100.load_data(label_mode='medium')")
    assert "label_mode" in error_of(reply)


def test_a_cached_file_that_fails_its_hash_is_downloaded_again_and_force_download(kernel, site):
    km, kc, home = kernel
    stale = home / "datasets" / "stale.bin"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"truncated")
    sha = hashlib.sha256(PAYLOAD).hexdigest()
    reply, msgs = run(kc, f"keras.utils.get_file('stale.bin', '{site.base}/data/payload.bin', file_hash='{sha}')")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert stale.read_bytes() == PAYLOAD
    stdout = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    assert "A local file was found, but it seems to be incomplete or outdated" in stdout
    before = site.requests["/data/payload.bin"]
    reply, _ = run(kc, f"keras.utils.get_file('stale.bin', '{site.base}/data/payload.bin', force_download=True)")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert site.requests["/data/payload.bin"] == before + 1


def test_get_file_needs_an_origin(kernel):
    km, kc, home = kernel
    reply, _ = run(kc, "keras.utils.get_file('x.bin')")
    assert error_of(reply) == 'ValueError: Please specify the "origin" argument (URL of the file to download).'


def test_libcurl_and_libarchive_load_only_when_first_needed():
    km, kc = start_kernel()
    try:
        execute(kc, "from tensorflow import keras")
        maps = open(f"/proc/{km.provisioner.process.pid}/maps").read()
        assert "libcurl" not in maps and "libarchive" not in maps
    finally:
        stop_kernel(km, kc)


def test_fname_may_not_be_a_path(kernel, site):
    km, kc, home = kernel
    reply, _ = run(kc, f"keras.utils.get_file('sub/x.bin', '{site.base}/data/payload.bin')")
    assert error_of(reply).startswith("ValueError: Paths are no longer accepted as the `fname` argument.")
