"""Image and numpy files through the real kernel, held against Pillow and numpy: PNG and JPEG
round trips through save_img/load_img, load_img's conversions and resizing (within 1 of PIL),
np.save/np.load/np.savez files exchanged with numpy (.npy byte-identical), loadtxt/savetxt."""

from __future__ import annotations

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, execute, stdout_of

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's image and numpy file bindings")
PIL = pytest.importorskip("PIL.Image")


def run(kc, code: str) -> str:
    reply, msgs = execute(kc, code)
    content = reply["content"]
    assert content["status"] == "ok", f"{content.get('ename')}: {content.get('evalue')}\n{code}"
    return stdout_of(msgs)


def error_of(kc, code: str) -> tuple[str, str]:
    reply, _ = execute(kc, code)
    content = reply["content"]
    assert content["status"] == "error", code
    return content["ename"], content["evalue"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A photo-like RGB picture (smooth gradients and noise), as PNG and JPEG written by Pillow."""
    root = tmp_path_factory.mktemp("images")
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:45, 0:61]
    rgb = np.stack([x * 4, y * 5, (x + y) * 2], axis=-1) + rng.integers(0, 40, (45, 61, 3))
    image = PIL.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")
    image.save(root / "photo.png")
    image.save(root / "photo.jpg")
    PIL.fromarray(rng.integers(0, 255, (20, 30, 4), dtype=np.uint8), "RGBA").save(root / "alpha.png")
    (root / "notes.png").write_text("not an image")
    (root / "rgb16.png").write_bytes(png16(rng.integers(0, 65536, (9, 14, 3)), color_type=2))
    (root / "gray16.png").write_bytes(png16(rng.integers(0, 600, (9, 14)), color_type=0))
    return root


def png16(samples: np.ndarray, color_type: int) -> bytes:
    """A 16-bit PNG written by hand (Pillow writes 16-bit gray only)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    height, width = samples.shape[:2]
    rows = b"".join(b"\x00" + samples[y].astype(">u2").tobytes() for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 16, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def kc(kernel):
    return kernel[1]


def fovea_array(kc, folder, expr: str) -> np.ndarray:
    run(kc, f"np.save({str(folder / 'out.npy')!r}, np.asarray({expr}))")
    return np.load(folder / "out.npy")


def setup(kc):
    run(kc, "import numpy as np\nfrom tensorflow import keras\nimport tensorflow as tf")


@pytest.mark.parametrize("name", ["photo.png", "photo.jpg", "alpha.png", "rgb16.png", "gray16.png"])
@pytest.mark.parametrize("mode", ["rgb", "grayscale", "rgba"])
def test_load_img_pixels_match_pillow(kc, folder, name, mode):
    setup(kc)
    got = fovea_array(kc, folder, f"keras.utils.load_img({str(folder / name)!r}, color_mode={mode!r})")
    want = np.asarray(PIL.open(folder / name).convert({"rgb": "RGB", "grayscale": "L", "rgba": "RGBA"}[mode]))
    assert got.dtype == np.uint8 and got.shape == want.shape
    assert np.abs(got.astype(int) - want.astype(int)).max() <= (0 if name.endswith(".png") else 1)


@pytest.mark.parametrize("size", [(20, 30), (90, 100), (45, 17), (7, 7)])
@pytest.mark.parametrize("interpolation", ["nearest", "bilinear", "bicubic", "hamming", "box", "lanczos"])
def test_target_size_resizes_as_pillow(kc, folder, size, interpolation):
    setup(kc)
    path = str(folder / "photo.png")
    got = fovea_array(kc, folder, f"tf.keras.preprocessing.image.load_img({path!r}, target_size={size}, interpolation={interpolation!r})")
    resample = {"nearest": PIL.NEAREST, "bilinear": PIL.BILINEAR, "bicubic": PIL.BICUBIC, "hamming": PIL.HAMMING,
                "box": PIL.BOX, "lanczos": PIL.LANCZOS}[interpolation]
    want = np.asarray(PIL.open(path).convert("RGB").resize((size[1], size[0]), resample))
    assert got.shape == want.shape
    assert np.abs(got.astype(int) - want.astype(int)).max() <= 1


@pytest.mark.parametrize("interpolation", ["nearest", "bilinear"])
def test_rgba_resizes_as_pillow(kc, folder, interpolation):
    """Pillow filters RGBA with premultiplied alpha; the picture's alpha is random, so this shows."""
    setup(kc)
    path = str(folder / "alpha.png")
    got = fovea_array(kc, folder, f"keras.utils.load_img({path!r}, color_mode='rgba', target_size=(13, 11), interpolation={interpolation!r})")
    resample = {"nearest": PIL.NEAREST, "bilinear": PIL.BILINEAR}[interpolation]
    want = np.asarray(PIL.open(path).convert("RGBA").resize((11, 13), resample))
    assert np.abs(got.astype(int) - want.astype(int)).max() <= 1


def test_paths_get_numpys_suffixes(kc, folder):
    setup(kc)
    run(kc, f"from pathlib import Path\nnp.save(Path({str(folder / 'suffix')!r}), np.arange(2))\nnp.savez(Path({str(folder / 'suffix')!r}), a=np.arange(2))")
    assert (folder / "suffix.npy").exists() and (folder / "suffix.npz").exists()


def test_keep_aspect_ratio_crops_the_centre_as_keras(kc, folder):
    setup(kc)
    path = str(folder / "photo.png")
    got = fovea_array(kc, folder, f"keras.utils.load_img({path!r}, target_size=(16, 16), interpolation='bilinear', keep_aspect_ratio=True)")
    img = PIL.open(path).convert("RGB")
    w, h = img.size
    crop_h, crop_w = min(h, w * 16 // 16), min(w, h * 16 // 16)
    box = ((w - crop_w) // 2, (h - crop_h) // 2, (w - crop_w) // 2 + crop_w, (h - crop_h) // 2 + crop_h)
    want = np.asarray(img.resize((16, 16), PIL.BILINEAR, box=box))
    assert np.abs(got.astype(int) - want.astype(int)).max() <= 1


@pytest.mark.parametrize("ext", ["png", "jpg"])
def test_save_img_round_trips_and_pillow_reads_it(kc, folder, ext):
    setup(kc)
    rng = np.random.default_rng(3)
    y, x = np.mgrid[0:32, 0:48]
    pixels = np.clip(np.stack([x * 5, y * 7, x + y], -1) + rng.integers(0, 20, (32, 48, 3)), 0, 255).astype(np.uint8)
    np.save(folder / "pixels.npy", pixels)
    out = str(folder / f"saved.{ext}")
    run(kc, f"x = np.load({str(folder / 'pixels.npy')!r})\nkeras.utils.save_img({out!r}, x, scale=False)")
    read_by_pillow = np.asarray(PIL.open(out).convert("RGB"))
    back = fovea_array(kc, folder, f"keras.utils.img_to_array(keras.utils.load_img({out!r})).astype('uint8')")
    assert np.array_equal(back, read_by_pillow) if ext == "png" else np.abs(back.astype(int) - read_by_pillow.astype(int)).max() <= 1
    if ext == "png":
        assert np.array_equal(read_by_pillow, pixels)
    else:
        PIL.fromarray(pixels).save(folder / "pillow.jpg")  # quality 75, 4:2:0, as Fovea writes
        pillows = np.asarray(PIL.open(folder / "pillow.jpg"))
        assert np.abs(read_by_pillow.astype(int) - pillows.astype(int)).max() <= 1


def test_image_object_is_like_pils(kc, folder):
    setup(kc)
    path = str(folder / "photo.png")
    out = run(kc, f"""
img = keras.utils.load_img({path!r})
print(img.size, img.mode, img.format, img.resize((10, 5)).size, img.convert('L').mode)
a = keras.utils.img_to_array(img)
print(a.shape, a.dtype, keras.preprocessing.image.array_to_img(a).size)
print(np.array(img).shape, np.asarray(img.convert('L')).shape)
img.save({str(folder / 'copy.png')!r})
""")
    assert out.splitlines() == ["(61, 45) RGB PNG (10, 5) L", "(45, 61, 3) float32 (61, 45)", "(45, 61, 3) (45, 61)"]
    assert np.array_equal(np.asarray(PIL.open(folder / "copy.png")), np.asarray(PIL.open(path)))
    reply, msgs = execute(kc, "img")
    bundle = next(m["content"]["data"] for m in msgs if m["msg_type"] == "execute_result")
    assert "image/png" in bundle


def test_the_import_forms_tutorials_use(kc, folder):
    path = str(folder / "photo.jpg")
    out = run(kc, f"""
from tensorflow.keras.preprocessing.image import load_img, img_to_array
from keras.preprocessing import image
from tensorflow.keras.utils import array_to_img, save_img
import tensorflow as tf
x = img_to_array(load_img({path!r}, target_size=(8, 8)))
print(x.shape, image.img_to_array(image.load_img({path!r})).shape, tf.keras.utils.load_img({path!r}).size)
""")
    assert out == "(8, 8, 3) (45, 61, 3) (61, 45)\n"


def test_array_to_img_scales_as_keras(kc, folder):
    setup(kc)
    got = fovea_array(kc, folder, "keras.utils.array_to_img(np.linspace(-1, 1, 12, dtype='float32').reshape(2, 2, 3))")
    x = np.linspace(-1, 1, 12, dtype="float32").reshape(2, 2, 3)
    x = x - x.min()
    x = x / x.max() * 255
    assert np.array_equal(got, x.astype("uint8"))


def test_errors_are_clear_and_leave_the_session_intact(kc, folder):
    setup(kc)
    assert error_of(kc, f"keras.utils.load_img({str(folder / 'missing.png')!r})")[0] == "FileNotFoundError"
    name, message = error_of(kc, f"keras.utils.load_img({str(folder / 'notes.png')!r})")
    assert name == "UnidentifiedImageError" and "cannot identify image file" in message
    assert error_of(kc, f"keras.utils.load_img({str(folder / 'photo.png')!r}, color_mode='cmyk')")[0] == "ValueError"
    assert error_of(kc, f"keras.utils.save_img({str(folder / 'x.bmp')!r}, np.zeros((2, 2, 3)))")[0] == "ValueError"
    assert error_of(kc, "keras.utils.array_to_img(np.zeros((2, 2)))")[0] == "ValueError"
    assert error_of(kc, f"np.load({str(folder / 'notes.png')!r})")[0] == "ValueError"
    assert error_of(kc, f"keras.utils.load_img({str(folder)!r})")[0] == "IsADirectoryError"
    assert error_of(kc, f"np.loadtxt({str(folder / 'nothing.csv')!r})") == ("FileNotFoundError", f"{folder / 'nothing.csv'} not found.")
    run(kc, f"np.savez({str(folder / 'closed.npz')!r}, a=np.arange(3))\nwith np.load({str(folder / 'closed.npz')!r}) as d:\n    pass")
    name, message = error_of(kc, "d['a']")
    assert name == "ValueError" and "closed" in message
    assert error_of(kc, f"np.save(np.arange(3), {str(folder / 'x.npy')!r})")[0] == "TypeError"
    assert run(kc, "print(1 + 1)") == "2\n"


ARRAYS = {
    "f4": "np.arange(12, dtype=np.float32).reshape(3, 4) / 7",
    "f8": "np.linspace(-1, 1, 5)",
    "i8": "np.arange(-3, 3)",
    "i4": "np.arange(6, dtype=np.int32).reshape(1, 2, 3)",
    "u1": "np.array([[0, 255], [7, 9]], dtype=np.uint8)",
    "b1": "np.array([True, False, True])",
    "0d": "np.array(2.5)",
    "big": "np.zeros((1000, 3), dtype=np.float32)",
}


@pytest.mark.parametrize("key", ARRAYS)
def test_np_save_is_byte_identical_to_numpys(kc, folder, key):
    setup(kc)
    expr = ARRAYS[key]
    run(kc, f"np.save({str(folder / ('fovea_' + key + '.npy'))!r}, {expr})")
    np.save(folder / f"numpy_{key}.npy", eval(expr))
    assert (folder / f"fovea_{key}.npy").read_bytes() == (folder / f"numpy_{key}.npy").read_bytes()


def test_npz_files_go_both_ways(kc, folder):
    setup(kc)
    run(kc, f"np.savez({str(folder / 'f.npz')!r}, np.arange(4), w=np.ones((2, 2), dtype=np.float32))\n"
                f"np.savez_compressed({str(folder / 'fc.npz')!r}, x=np.zeros((100, 10), dtype=np.uint8), y=np.arange(100))")
    with np.load(folder / "f.npz") as d:
        assert d.files == ["w", "arr_0"] and np.array_equal(d["arr_0"], np.arange(4)) and d["w"].dtype == np.float32
    with np.load(folder / "fc.npz") as d:
        assert d["x"].shape == (100, 10) and np.array_equal(d["y"], np.arange(100))
    np.savez_compressed(folder / "n.npz", images=np.arange(24, dtype=np.uint8).reshape(2, 3, 4), labels=np.array([3, 1]))
    out = run(kc, f"with np.load({str(folder / 'n.npz')!r}) as d:\n    print(d.files, d['images'].sum(), d['labels'].tolist(), d['images'].dtype)")
    assert out == "['images', 'labels'] 276 [3, 1] uint8\n"


def test_savetxt_and_loadtxt_match_numpy(kc, folder):
    setup(kc)
    expr = "np.array([[1.5, -2.0, 3.25], [1e-7, 12345.678, 0.1]])"
    run(kc, f"np.savetxt({str(folder / 'fovea.txt')!r}, {expr})\n"
                f"np.savetxt({str(folder / 'fovea.csv')!r}, {expr}, delimiter=',', fmt='%.4f', header='a,b,c', footer='end')")
    np.savetxt(folder / "numpy.txt", eval(expr))
    np.savetxt(folder / "numpy.csv", eval(expr), delimiter=",", fmt="%.4f", header="a,b,c", footer="end")
    assert (folder / "fovea.txt").read_text() == (folder / "numpy.txt").read_text()
    assert (folder / "fovea.csv").read_text() == (folder / "numpy.csv").read_text()
    (folder / "data.csv").write_text("x,y,label\n0.5,1,0\n# a comment\n2.5,3,1\n")
    got = fovea_array(kc, folder, f"np.loadtxt({str(folder / 'data.csv')!r}, delimiter=',', skiprows=1)")
    want = np.loadtxt(folder / "data.csv", delimiter=",", skiprows=1)
    assert got.dtype == want.dtype and np.array_equal(got, want)
