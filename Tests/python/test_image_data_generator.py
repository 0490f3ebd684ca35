"""keras.preprocessing.image.ImageDataGenerator through the real kernel: flow over arrays and
flow_from_directory over generated PNG/JPEG class folders (shapes, dtypes, labels, Keras's file
order and message), rescale, flips, the affine transform held against Keras's own recipe run on
scipy.ndimage, validation_split subsets, the Sequence protocol, seeds, and located errors."""

from __future__ import annotations

import os
import re

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, execute, stdout_of

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's ImageDataGenerator")
PIL = pytest.importorskip("PIL.Image")
ndimage = pytest.importorskip("scipy.ndimage")

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(kc, code: str) -> str:
    reply, msgs = execute(kc, code)
    content = reply["content"]
    assert content["status"] == "ok", f"{content.get('ename')}: {content.get('evalue')}\n{code}"
    return stdout_of(msgs)


def error_of(kc, code: str) -> tuple[str, str, str]:
    """The error's name, message, and the source text its caret points at."""
    reply, _ = execute(kc, code, stop_on_error=False)
    content = reply["content"]
    assert content["status"] == "error", code
    lines = [ANSI.sub("", line) for tb in content["traceback"] for line in tb.split("\n")]
    pointed = ""
    for i, line in enumerate(lines):
        if "^" in line and i > 0 and "|" in line:
            pointed = lines[i - 1][line.index("^"):]
            break
    return content["ename"], content["evalue"], pointed


@pytest.fixture(scope="module")
def kc(kernel):
    kc = kernel[1]
    run(kc, "import numpy as np\nfrom tensorflow import keras\nfrom tensorflow.keras.preprocessing.image import ImageDataGenerator")
    return kc


def fovea_array(kc, tmp_path, expr: str) -> np.ndarray:
    path = tmp_path / "out.npy"
    run(kc, f"np.save({str(path)!r}, np.asarray({expr}))")
    return np.load(path)


def images(n=10, h=8, w=8, c=3, seed=0):
    return np.random.default_rng(seed).integers(0, 256, (n, h, w, c)).astype(np.float32)


def send(kc, tmp_path, name: str, value: np.ndarray):
    path = tmp_path / f"{name}.npy"
    np.save(path, value)
    run(kc, f"{name} = np.load({str(path)!r})")


# Keras's apply_affine_transform (channels_last), written out over real scipy.ndimage.
def keras_affine(x, theta=0, tx=0, ty=0, shear=0, zx=1, zy=1, fill_mode="nearest", cval=0.0):
    m = None

    def then(n):
        return n if m is None else m @ n
    if theta:
        t = np.deg2rad(theta)
        m = then(np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]]))
    if tx or ty:
        m = then(np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]]))
    if shear:
        s = np.deg2rad(shear)
        m = then(np.array([[1, -np.sin(s), 0], [0, np.cos(s), 0], [0, 0, 1]]))
    if zx != 1 or zy != 1:
        m = then(np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]]))
    if m is None:
        return x
    h, w = x.shape[0], x.shape[1]
    ox, oy = h / 2 - 0.5, w / 2 - 0.5
    m = np.array([[1, 0, ox], [0, 1, oy], [0, 0, 1]]) @ m @ np.array([[1, 0, -ox], [0, 1, -oy], [0, 0, 1]])
    m[:, [0, 1]] = m[:, [1, 0]]
    m[[0, 1]] = m[[1, 0]]
    channels = [ndimage.affine_transform(x[..., k], m[:2, :2], m[:2, 2], order=1, mode=fill_mode, cval=cval)
                for k in range(x.shape[2])]
    return np.stack(channels, axis=-1)


def test_flow_batches_shapes_dtypes_and_rescale(kc, tmp_path):
    x = images(10)
    y = np.arange(10, dtype=np.int64) % 3
    send(kc, tmp_path, "x", x)
    send(kc, tmp_path, "y", y)
    run(kc, "it = ImageDataGenerator(rescale=1./255).flow(x, y, batch_size=4, shuffle=False)")
    assert run(kc, "print(len(it), it.n, it.batch_size, type(it).__name__)").split() == ["3", "10", "4", "NumpyArrayIterator"]
    assert run(kc, "b = it[0]\nprint(type(b).__name__, len(b), b[0].shape, b[0].dtype, b[1].shape, b[1].dtype)").strip() == \
        "tuple 2 (4, 8, 8, 3) float32 (4,) int64"
    got = fovea_array(kc, tmp_path, "it[0][0]")
    np.testing.assert_allclose(got, x[:4] * np.float32(1 / 255), rtol=1e-6)
    np.testing.assert_array_equal(fovea_array(kc, tmp_path, "it[0][1]"), y[:4])
    # The last batch holds the rest; with no y, a batch is the images alone.
    assert run(kc, "print(it[2][0].shape)").strip() == "(2, 8, 8, 3)"
    assert run(kc, "b = ImageDataGenerator().flow(x, batch_size=6, shuffle=False)[1]\nprint(type(b).__name__, b.shape)").strip() == \
        "ndarray (4, 8, 8, 3)"


def test_sequence_protocol_next_and_epochs(kc, tmp_path):
    send(kc, tmp_path, "x", images(10))
    run(kc, "it = ImageDataGenerator().flow(x, np.arange(10), batch_size=4, shuffle=False)")
    # next() runs through the batches endlessly: 4, 4, 2, then again from the start.
    sizes = run(kc, "print([len(next(it)[1]) for _ in range(5)])").strip()
    assert sizes == "[4, 4, 2, 4, 4]"
    firsts = run(kc, "it.reset()\nprint(next(it)[1][0], it.__next__()[1][0], it.__len__(), it.__getitem__(1)[1][0])").split()
    assert firsts == ["0", "4", "3", "4"]
    loop = run(kc, "seen = []\nfor bx, by in it:\n    seen.append(int(by[0]))\n    if len(seen) == 4:\n        break\nprint(seen)")
    assert loop.strip() == "[8, 0, 4, 8]"
    ename, evalue, _ = error_of(kc, "it[3]")
    assert (ename, evalue) == ("ValueError", "Asked to retrieve element 3, but the Sequence has length 3")
    # A shuffled iterator takes a new order at on_epoch_end; every sample once per epoch.
    run(kc, "np.random.seed(1)\nit = ImageDataGenerator().flow(x, np.arange(10), batch_size=4)")
    seen = run(kc, "print(sorted(int(v) for i in range(len(it)) for v in it[i][1]))").strip()
    assert seen == "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"
    order1 = run(kc, "print(it.index_array.tolist())").strip()
    order2 = run(kc, "it.on_epoch_end()\nprint(it.index_array.tolist())").strip()
    assert order1 != order2 and sorted(eval(order2)) == list(range(10)) and sorted(eval(order1)) == list(range(10))
    assert order1 != str(list(range(10)))


def test_seed_gives_the_same_batches_twice(kc, tmp_path):
    send(kc, tmp_path, "x", images(6, 12, 12, 3))
    gen = "ImageDataGenerator(rotation_range=40, width_shift_range=0.2, zoom_range=0.3, horizontal_flip=True)"
    a = fovea_array(kc, tmp_path, f"{gen}.flow(x, batch_size=6, seed=5)[0]")
    b = fovea_array(kc, tmp_path, f"{gen}.flow(x, batch_size=6, seed=5)[0]")
    c = fovea_array(kc, tmp_path, f"{gen}.flow(x, batch_size=6, seed=6)[0]")
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert a.shape == (6, 12, 12, 3) and not np.array_equal(np.sort(a.ravel()), np.sort(images(6, 12, 12, 3).ravel()))


def test_horizontal_flip_mirrors(kc, tmp_path):
    x = images(1, 6, 9, 3)[0]
    send(kc, tmp_path, "img", x)
    got = fovea_array(kc, tmp_path, "ImageDataGenerator().apply_transform(img, {'flip_horizontal': True})")
    np.testing.assert_array_equal(got, x[:, ::-1])
    got = fovea_array(kc, tmp_path, "ImageDataGenerator().apply_transform(img, {'flip_vertical': True})")
    np.testing.assert_array_equal(got, x[::-1])
    # In flow, each image is either mirrored or left as it is, and both happen.
    batch = images(20, 6, 9, 3)
    send(kc, tmp_path, "xs", batch)
    out = fovea_array(kc, tmp_path, "ImageDataGenerator(horizontal_flip=True).flow(xs, batch_size=20, shuffle=False, seed=3)[0]")
    mirrored = [np.array_equal(o, b[:, ::-1]) for o, b in zip(out, batch)]
    kept = [np.array_equal(o, b) for o, b in zip(out, batch)]
    assert all(m or k for m, k in zip(mirrored, kept)) and any(mirrored) and any(kept)


def test_rotation_of_90_degrees_matches_scipy_and_rot90(kc, tmp_path):
    x = images(1, 7, 7, 3)[0]
    send(kc, tmp_path, "img", x)
    got = fovea_array(kc, tmp_path, "ImageDataGenerator().apply_transform(img, {'theta': 90})")
    np.testing.assert_allclose(got, keras_affine(x, theta=90), atol=1e-3)
    np.testing.assert_allclose(got, np.rot90(x), atol=1e-3)


@pytest.mark.parametrize("fill_mode", ["nearest", "constant", "reflect", "wrap"])
def test_affine_transform_matches_keras_on_scipy(kc, tmp_path, fill_mode):
    x = images(1, 9, 13, 2, seed=4)[0]
    send(kc, tmp_path, "img", x)
    params = dict(theta=23.0, tx=1.5, ty=-2.25, shear=12.0, zx=0.8, zy=1.15)
    got = fovea_array(kc, tmp_path, f"ImageDataGenerator(fill_mode={fill_mode!r}, cval=7.0).apply_transform(img, {params!r})")
    np.testing.assert_allclose(got, keras_affine(x, fill_mode=fill_mode, cval=7.0, **params), atol=2e-3)


def keras_random_transform(shape, rotation=0, width_shift=0.0, height_shift=0.0, shear=0, zoom=(1, 1), hflip=False, vflip=False):
    """Keras's get_random_transform, drawing from real numpy's global generator in Keras's order."""
    def shift(r, side):
        if not r:
            return 0
        try:
            v = np.random.choice(r)
            v *= np.random.choice([-1, 1])
        except ValueError:
            v = np.random.uniform(-r, r)
        return v * side if np.max(r) < 1 else v
    p = dict(theta=np.random.uniform(-rotation, rotation) if rotation else 0)
    p["tx"] = shift(height_shift, shape[0])
    p["ty"] = shift(width_shift, shape[1])
    p["shear"] = np.random.uniform(-shear, shear) if shear else 0
    p["zx"], p["zy"] = (1, 1) if zoom[0] == 1 and zoom[1] == 1 else np.random.uniform(zoom[0], zoom[1], 2)
    p["flip_h"] = (np.random.random() < 0.5) * hflip
    p["flip_v"] = (np.random.random() < 0.5) * vflip
    return p


@pytest.mark.parametrize("width_shift", [0.2, 3, [1, 2.5]])
def test_flow_batch_is_keras_batch_for_the_same_seed(kc, tmp_path, width_shift):
    """NumpyArrayIterator.__getitem__ as Keras runs it: np.random.seed(seed + batches seen), a
    permutation, then per image get_random_transform, apply_transform and standardize."""
    x = images(5, 10, 12, 3, seed=9)
    send(kc, tmp_path, "x", x)
    gen = (f"ImageDataGenerator(rotation_range=35, width_shift_range={width_shift!r}, height_shift_range=0.1, shear_range=10, "
           "zoom_range=0.25, horizontal_flip=True, vertical_flip=True, fill_mode='reflect', rescale=0.5)")
    got = fovea_array(kc, tmp_path, f"{gen}.flow(x, batch_size=5, seed=21)[0]")
    np.random.seed(21)
    order = np.random.permutation(5)
    want = []
    for j in order:
        p = keras_random_transform(x[j].shape, rotation=35, width_shift=width_shift, height_shift=0.1, shear=10,
                                   zoom=(0.75, 1.25), hflip=True, vflip=True)
        img = keras_affine(x[j], p["theta"], p["tx"], p["ty"], p["shear"], p["zx"], p["zy"], fill_mode="reflect")
        if p["flip_h"]:
            img = img[:, ::-1]
        if p["flip_v"]:
            img = img[::-1]
        want.append(img * np.float32(0.5))
    np.testing.assert_allclose(got, np.stack(want), atol=2e-3)


def test_get_random_transform_ranges_and_seed(kc):
    out = run(kc, "g = ImageDataGenerator(rotation_range=30, zoom_range=[0.5, 0.9], horizontal_flip=True)\n"
                  "p = g.get_random_transform((10, 10, 3), seed=3)\n"
                  "print(p == g.get_random_transform((10, 10, 3), seed=3), -30 <= p['theta'] < 30, 0.5 <= p['zx'] < 0.9, p['tx'], p['shear'])")
    assert out.split() == ["True", "True", "True", "0.0", "0.0"]


def test_flow_validation_split_subsets(kc, tmp_path):
    x = images(10)
    send(kc, tmp_path, "x", x)
    run(kc, "g = ImageDataGenerator(validation_split=0.2)\nys = np.array([0, 1] * 5)")
    assert run(kc, "print(g.flow(x, ys, subset='training').n, g.flow(x, ys, subset='validation').n)").split() == ["8", "2"]
    got = fovea_array(kc, tmp_path, "g.flow(x, ys, subset='validation', shuffle=False)[0][0]")
    np.testing.assert_array_equal(got, x[:2])
    ename, evalue, _ = error_of(kc, "g.flow(x, np.sort(ys), subset='training')")
    assert ename == "ValueError" and evalue.startswith("Training and validation subsets have different number of classes")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Three classes of generated images, PNG and JPEG, one nested folder and some other files."""
    root = tmp_path_factory.mktemp("classes")
    rng = np.random.default_rng(11)
    layout = {"dogs": ["d1.png", "d0.jpg", "D2.PNG"], "cats": ["c2.png", "c10.png", "sub/c1.png", "c0.jpeg"], "birds": ["b0.png", "b1.png"]}
    for cls, names in layout.items():
        for name in names:
            path = root / cls / name
            path.parent.mkdir(parents=True, exist_ok=True)
            size = tuple(int(v) for v in rng.integers(10, 30, 2))
            PIL.fromarray(rng.integers(0, 256, (size[0], size[1], 3), dtype=np.uint8), "RGB").save(path)
        (root / cls / "notes.txt").write_text("not an image")
    (root / "readme.txt").write_text("not a class")
    return root


def keras_file_order(root):
    classes = sorted(d for d in os.listdir(root) if os.path.isdir(root / d))
    files, labels = [], []
    exts = (".png", ".jpg", ".jpeg", ".bmp", ".ppm", ".tif", ".tiff")
    for i, cls in enumerate(classes):
        for dirpath, _, names in sorted(os.walk(root / cls), key=lambda t: t[0]):
            for name in sorted(names):
                if name.lower().endswith(exts):
                    files.append(os.path.relpath(os.path.join(dirpath, name), root))
                    labels.append(i)
    return classes, files, labels


def test_flow_from_directory_indexes_as_keras(kc, tmp_path, folder):
    classes, files, labels = keras_file_order(folder)
    out = run(kc, f"it = ImageDataGenerator(rescale=1/255).flow_from_directory({str(folder)!r}, target_size=(16, 20), batch_size=4, shuffle=False)")
    assert out == f"Found {len(files)} images belonging to 3 classes.\n"
    assert run(kc, "print(it.class_indices)").strip() == str({c: i for i, c in enumerate(classes)})
    assert run(kc, "print(it.filenames)").strip() == str(files)
    assert run(kc, "print(it.samples, it.num_classes, len(it), it.classes.dtype, it.classes.tolist())").strip() == \
        f"{len(files)} 3 {-(-len(files) // 4)} int32 {labels}"
    assert run(kc, "bx, by = it[0]\nprint(type(it).__name__, bx.shape, bx.dtype, by.shape, by.dtype)").strip() == \
        "DirectoryIterator (4, 16, 20, 3) float32 (4, 3) float32"
    np.testing.assert_array_equal(fovea_array(kc, tmp_path, "by"), np.eye(3, dtype=np.float32)[labels[:4]])
    first = np.asarray(PIL.open(folder / files[0]).convert("RGB").resize((20, 16), PIL.NEAREST), dtype=np.float32)
    np.testing.assert_allclose(fovea_array(kc, tmp_path, "bx[0]"), first / 255, rtol=1e-6)


@pytest.mark.parametrize("mode,shape,dtype", [("binary", "(4,)", "float32"), ("sparse", "(4,)", "float32"), ("input", "(4, 8, 8, 1)", "float32")])
def test_flow_from_directory_class_modes(kc, tmp_path, folder, mode, shape, dtype):
    _, _, labels = keras_file_order(folder)
    run(kc, f"it = ImageDataGenerator().flow_from_directory({str(folder)!r}, target_size=(8, 8), color_mode='grayscale', class_mode={mode!r}, batch_size=4, shuffle=False)")
    assert run(kc, "bx, by = it[1]\nprint(bx.shape, by.shape, by.dtype)").strip() == f"(4, 8, 8, 1) {shape} {dtype}"
    if mode == "input":
        np.testing.assert_array_equal(fovea_array(kc, tmp_path, "by"), fovea_array(kc, tmp_path, "bx"))
    else:
        np.testing.assert_array_equal(fovea_array(kc, tmp_path, "by"), np.array(labels[4:8], dtype=np.float32))


def test_flow_from_directory_without_labels_and_subsets(kc, folder):
    out = run(kc, f"it = ImageDataGenerator().flow_from_directory({str(folder)!r}, target_size=(8, 8), class_mode=None, batch_size=3)\n"
                  "print(type(next(it)).__name__, next(it).shape)")
    assert out.splitlines()[-1] == "ndarray (3, 8, 8, 3)"
    run(kc, "g = ImageDataGenerator(validation_split=0.5)")
    train = run(kc, f"t = g.flow_from_directory({str(folder)!r}, subset='training')")
    val = run(kc, f"v = g.flow_from_directory({str(folder)!r}, subset='validation')")
    # Per class, validation keeps the first int(0.5 * count) files: birds 1 of 2, cats 2 of 4, dogs 1 of 3.
    assert (train, val) == ("Found 5 images belonging to 3 classes.\n", "Found 4 images belonging to 3 classes.\n")
    assert run(kc, "print(v.filenames)").strip() == "['birds/b0.png', 'cats/c0.jpeg', 'cats/c10.png', 'dogs/D2.PNG']"
    picked = run(kc, f"p = ImageDataGenerator().flow_from_directory({str(folder)!r}, classes=['dogs', 'birds'])\nprint(p.class_indices)")
    assert picked.splitlines() == ["Found 5 images belonging to 2 classes.", "{'dogs': 0, 'birds': 1}"]


@pytest.mark.parametrize("code,ename,message,pointed", [
    ("ImageDataGenerator(zoom_range='big')", "ValueError", "`zoom_range` should be a float or a tuple or list of two floats. Received: 'big'", "zoom_range="),
    ("ImageDataGenerator(validation_split=1.5)", "ValueError", "`validation_split` must be strictly between 0 and 1.  Received: 1.5", "validation_split="),
    ("ImageDataGenerator(fill_mode='mirror')", "ValueError", "fill_mode must be one of 'constant', 'nearest', 'reflect' or 'wrap'. Received: fill_mode='mirror'", "fill_mode="),
    ("ImageDataGenerator(zca_whitening=True)", "NotImplementedError", "Fovea's ImageDataGenerator has no ZCA whitening", "zca_whitening="),
    ("ImageDataGenerator().flow(np.zeros((4, 8, 8)))", "ValueError", "Input data in `NumpyArrayIterator` should have rank 4. You passed an array with shape (4, 8, 8)", "np.zeros"),
    ("ImageDataGenerator().flow(np.zeros((4, 8, 8, 3)), np.zeros(3))", "ValueError",
     "`x` (images tensor) and `y` (labels) should have the same length. Found: x.shape = (4, 8, 8, 3), y.shape = (3,)", "np.zeros(3)"),
    ("ImageDataGenerator().flow(np.zeros((4, 8, 8, 3)), subset='test')", "ValueError", "Invalid subset name: test; expected \"training\" or \"validation\"", "subset="),
    ("ImageDataGenerator().flow(np.zeros((4, 8, 8, 3)), batch_size=0)", "ValueError", "batch_size must be a positive int. Received: batch_size=0", "batch_size="),
    ("ImageDataGenerator().flow_from_directory('/nonexistent/images')", "FileNotFoundError", "[Errno 2] No such file or directory: '/nonexistent/images'", "'/nonexistent"),
])
def test_bad_arguments_are_located_and_explained(kc, code, ename, message, pointed):
    got_name, got_message, got_pointed = error_of(kc, code)
    assert (got_name, got_message) == (ename, message)
    assert got_pointed.startswith(pointed), got_pointed


def test_bad_directory_arguments(kc, folder):
    for arg, message in [("class_mode='catgorical'", "Invalid class_mode: catgorical; expected one of: 'categorical', 'binary', 'sparse', 'input', None"),
                         ("color_mode='rbg'", "Invalid color mode: rbg; expected \"rgb\", \"rgba\", or \"grayscale\"."),
                         ("target_size=64", "target_size must be (height, width), two positive ints. Received: target_size=64")]:
        ename, evalue, pointed = error_of(kc, f"ImageDataGenerator().flow_from_directory({str(folder)!r}, {arg})")
        assert (ename, evalue) == ("ValueError", message)
        assert pointed.startswith(arg.split("=")[0] + "="), pointed


def test_standardize_options_fit_and_preprocessing_function(kc, tmp_path):
    x = images(6, 5, 5, 3, seed=2)
    send(kc, tmp_path, "x", x)
    # featurewise: per-channel mean and std from fit, after rescale, as Keras 3 computes them.
    run(kc, "g = ImageDataGenerator(featurewise_center=True, featurewise_std_normalization=True, rescale=0.5)\ng.fit(x)")
    scaled = x * np.float32(0.5)
    mean, std = scaled.mean(axis=(0, 1, 2)), (scaled - scaled.mean(axis=(0, 1, 2))).std(axis=(0, 1, 2))
    np.testing.assert_allclose(fovea_array(kc, tmp_path, "g.mean"), mean.reshape(1, 1, 3), rtol=1e-5)
    np.testing.assert_allclose(fovea_array(kc, tmp_path, "g.std"), std.reshape(1, 1, 3), rtol=1e-4)
    got = fovea_array(kc, tmp_path, "g.flow(x, batch_size=6, shuffle=False)[0]")
    np.testing.assert_allclose(got, (scaled - mean) / (std + 1e-6), atol=1e-4)
    # samplewise: each image's own mean and std; the preprocessing function runs first.
    run(kc, "def invert(img):\n    return 255 - img\ng = ImageDataGenerator(samplewise_center=True, samplewise_std_normalization=True, preprocessing_function=invert)")
    got = fovea_array(kc, tmp_path, "g.standardize(x[0])")
    inv = 255 - x[0]
    np.testing.assert_allclose(got, (inv - inv.mean()) / (inv.std() + 1e-6), atol=1e-4)


def test_warning_once_and_import_paths(kc, tmp_path):
    send(kc, tmp_path, "x", images(4, 3, 3, 1))
    reply, msgs = execute(kc, "import tensorflow as tf\ng = tf.keras.preprocessing.image.ImageDataGenerator(featurewise_center=True)\nb = g.flow(x)[0]")
    assert reply["content"]["status"] == "ok"
    errs = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
    assert errs.count("`featurewise_center`, but it hasn't been fit on any training data") == 1, errs
    assert run(kc, "print(isinstance(g.flow(x), keras.preprocessing.image.Iterator), type(g).__name__)").split() == ["True", "ImageDataGenerator"]
    reply, _ = execute(kc, "del ImageDataGenerator\nImageDataGenerator()", stop_on_error=False)
    tb = ANSI.sub("", "\n".join(reply["content"]["traceback"]))
    assert reply["content"]["ename"] == "NameError" and "from tensorflow.keras.preprocessing.image import ImageDataGenerator" in tb
    run(kc, "from tensorflow.keras.preprocessing.image import ImageDataGenerator")


def test_set_random_seed_seeds_numpy_for_augmentation(kc, tmp_path):
    """keras.utils.set_random_seed(n) seeds numpy's global generator as Keras's does, so that
    augmentation without seed= is reproducible, the same as after np.random.seed(n)."""
    send(kc, tmp_path, "x", images(4, 9, 9, 3))
    flow = "ImageDataGenerator(rotation_range=45, zoom_range=0.3).flow(x, batch_size=4)[0]"
    a = fovea_array(kc, tmp_path, f"keras.utils.set_random_seed(3) or {flow}")
    b = fovea_array(kc, tmp_path, f"np.random.seed(3) or {flow}")
    c = fovea_array(kc, tmp_path, flow)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_flow_takes_uint8_images_and_gives_float32(kc, tmp_path):
    x = images(5, 6, 7, 3).astype(np.uint8)
    send(kc, tmp_path, "xu", x)
    assert run(kc, "it = ImageDataGenerator(rescale=1/255).flow(xu, batch_size=5, shuffle=False)\nprint(it[0].dtype, it.x.dtype)").split() == ["float32", "float32"]
    np.testing.assert_allclose(fovea_array(kc, tmp_path, "it[0]"), x.astype(np.float32) * np.float32(1 / 255), rtol=1e-6)
    got = fovea_array(kc, tmp_path, "ImageDataGenerator().apply_transform(xu[0, :, :6], {'theta': 90})")
    np.testing.assert_allclose(got, np.rot90(x[0, :, :6]).astype(np.float32), atol=1e-3)
