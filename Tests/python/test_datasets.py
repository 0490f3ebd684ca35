"""Datasets as Keras builds them, through the real kernel: image_dataset_from_directory over a
folder of generated PNG and JPEG files (Keras's file order and seeded shuffle, TF's resizing,
labels, splits), tf.data.Dataset pipelines, PyDataset subclasses, and fit/evaluate/predict
reading all of them batch by batch."""

from __future__ import annotations

import os

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, execute, stdout_of

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's tf.data and image datasets")
PIL = pytest.importorskip("PIL.Image")

CLASSES = ["cat", "dog", "fish"]


@pytest.fixture(scope="module")
def pets(tmp_path_factory):
    """21 images in 3 class folders (one in a nested folder), PNG and JPEG of several sizes,
    and a text file that must be skipped."""
    root = tmp_path_factory.mktemp("pets")
    rng = np.random.default_rng(3)
    for ci, name in enumerate(CLASSES):
        (root / name / "sub").mkdir(parents=True)
        for i in range(7):
            pixels = rng.integers(0, 255, (20 + i, 30 + ci, 3), dtype=np.uint8)
            folder = root / name / "sub" if i == 6 else root / name
            PIL.fromarray(pixels).save(folder / f"img{i}.{'png' if i % 2 else 'jpg'}")
    (root / "cat" / "notes.txt").write_text("not an image")
    return root


def keras_index(root) -> tuple[list[str], list[int]]:
    """Keras's index_directory: classes in sorted order, each walked with sorted(os.walk)."""
    paths, labels = [], []
    for label, name in enumerate(CLASSES):
        for folder, _, files in sorted(os.walk(root / name)):
            for f in sorted(files):
                if f.lower().endswith((".bmp", ".gif", ".jpeg", ".jpg", ".png")):
                    paths.append(os.path.join(folder, f))
                    labels.append(label)
    return paths, labels


def tf_bilinear(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """tf.image.resize(..., 'bilinear', antialias=False): half-pixel centres, edges clamped."""
    def weights(out_size, in_size):
        pos = (np.arange(out_size) + 0.5) * (in_size / out_size) - 0.5
        low = np.floor(pos)
        return np.maximum(low, 0).astype(int), np.minimum(np.ceil(pos), in_size - 1).astype(int), (pos - low)[:, None]
    y0, y1, fy = weights(height, image.shape[0])
    x0, x1, fx = weights(width, image.shape[1])
    img = image.astype(np.float64)
    top = img[y0][:, x0] + (img[y0][:, x1] - img[y0][:, x0]) * fx[None]
    bottom = img[y1][:, x0] + (img[y1][:, x1] - img[y1][:, x0]) * fx[None]
    return top + (bottom - top) * fy[:, :, None]


@pytest.fixture(scope="module")
def kc(kernel, pets):
    kc = kernel[1]
    run(kc, f"import numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\nPETS = {str(pets)!r}")
    return kc


def run(kc, code: str) -> str:
    reply, msgs = execute(kc, code)
    content = reply["content"]
    assert content["status"] == "ok", f"{content.get('ename')}: {content.get('evalue')}\n{code}"
    return stdout_of(msgs)


def error_of(kc, code: str) -> tuple[str, str, list[str]]:
    reply, _ = execute(kc, code)
    content = reply["content"]
    assert content["status"] == "error", code
    return content["ename"], content["evalue"], content["traceback"]


def fovea_array(kc, tmp_path, expr: str) -> np.ndarray:
    out = tmp_path / "out.npy"
    run(kc, f"np.save({str(out)!r}, np.asarray({expr}))")
    return np.load(out)


def test_files_are_indexed_and_shuffled_as_keras_does(kc, pets):
    out = run(kc, "ds = keras.utils.image_dataset_from_directory(PETS, image_size=(16, 16), batch_size=4, seed=123)\n"
                  "print(ds.class_names)\nfor p in ds.file_paths: print(p)")
    lines = out.splitlines()
    assert lines[0] == "Found 21 files belonging to 3 classes."
    assert lines[1] == "['cat', 'dog', 'fish']"
    paths, _ = keras_index(pets)
    np.random.RandomState(123).shuffle(paths)
    assert lines[2:] == paths


def test_unshuffled_batches_hold_the_files_pixels_and_labels(kc, pets, tmp_path):
    run(kc, "ds = keras.utils.image_dataset_from_directory(PETS, image_size=(20, 30), batch_size=5, shuffle=False)\n"
            "images, labels = next(iter(ds))")
    assert run(kc, "print(images.shape, images.dtype.name, labels.shape, labels.dtype.name)").strip() == "(5, 20, 30, 3) float32 (5,) int32"
    paths, labels = keras_index(pets)
    got = fovea_array(kc, tmp_path, "images")
    for k in range(5):
        want = np.asarray(PIL.open(paths[k]).convert("RGB")).astype(np.float32)
        want = tf_bilinear(want, 20, 30)
        # JPEG decoders may differ by one level; PNG pixels are exact.
        tolerance = 1.01 if paths[k].endswith(".jpg") else 1e-3
        assert np.abs(got[k] - want).max() <= tolerance, paths[k]
    assert fovea_array(kc, tmp_path, "labels").tolist() == labels[:5]


def test_resizing_is_tf_bilinear_with_half_pixel_centres(kc, pets, tmp_path):
    run(kc, "ds = keras.utils.image_dataset_from_directory(PETS, image_size=(7, 11), batch_size=21, shuffle=False)")
    got = fovea_array(kc, tmp_path, "next(iter(ds))[0]")
    paths, _ = keras_index(pets)
    for k in (1, 3, 8):           # PNG files: exact pixels, so the interpolation itself is checked
        want = tf_bilinear(np.asarray(PIL.open(paths[k]).convert("RGB")), 7, 11)
        np.testing.assert_allclose(got[k], want, atol=1e-3)


@pytest.mark.parametrize("mode, shape, dtype", [("int", "(4,)", "int32"), ("categorical", "(4, 3)", "float32")])
def test_label_modes(kc, tmp_path, mode, shape, dtype):
    run(kc, f"ds = keras.utils.image_dataset_from_directory(PETS, image_size=(8, 8), batch_size=4, shuffle=False, label_mode={mode!r})\n"
            "images, labels = next(iter(ds))")
    assert run(kc, "print(labels.shape, labels.dtype.name)").strip() == f"{shape} {dtype}"
    labels = fovea_array(kc, tmp_path, "labels")
    if mode == "categorical":
        assert labels.sum(axis=1).tolist() == [1.0] * 4 and labels[:, 0].tolist() == [1.0] * 4


def test_binary_needs_two_classes_and_grayscale_has_one_channel(kc, pets):
    name, message, _ = error_of(kc, "keras.utils.image_dataset_from_directory(PETS, label_mode='binary')")
    assert name == "ValueError" and "exactly 2 class_names" in message
    out = run(kc, "ds = keras.utils.image_dataset_from_directory(PETS, image_size=(8, 8), color_mode='grayscale', "
                  "class_names=['dog', 'fish'], label_mode='binary', batch_size=3, shuffle=False)\n"
                  "images, labels = next(iter(ds))\nprint(images.shape, labels.shape, labels.dtype.name, labels.numpy().ravel().tolist())")
    assert out.splitlines()[0] == "Found 14 files belonging to 2 classes."
    assert out.splitlines()[1] == "(3, 8, 8, 1) (3, 1) float32 [0.0, 0.0, 0.0]"


def test_subset_both_splits_the_shuffled_files(kc, pets):
    out = run(kc, "train_ds, val_ds = keras.utils.image_dataset_from_directory(PETS, image_size=(8, 8), batch_size=4, "
                  "seed=7, validation_split=0.25, subset='both')\n"
                  "print(len(train_ds), len(val_ds))\nprint(sorted(val_ds.file_paths))")
    lines = out.splitlines()
    assert lines[:3] == ["Found 21 files belonging to 3 classes.", "Using 16 files for training.", "Using 5 files for validation."]
    assert lines[3] == "4 2"
    paths, _ = keras_index(pets)
    np.random.RandomState(7).shuffle(paths)
    assert lines[4] == str(sorted(paths[-5:]))


def test_each_pass_reshuffles_the_same_files(kc):
    out = run(kc, "ds = keras.utils.image_dataset_from_directory(PETS, image_size=(8, 8), batch_size=21, seed=1, verbose=False)\n"
                  "a = next(iter(ds))[0].numpy()\nb = next(iter(ds))[0].numpy()\n"
                  "print(np.array_equal(a, b), np.allclose(np.sort(a.reshape(21, -1).sum(axis=1)), np.sort(b.reshape(21, -1).sum(axis=1))))")
    assert out.strip() == "False True"


def test_fit_evaluate_predict_on_image_datasets(kc):
    out = run(kc, """
train_ds, val_ds = keras.utils.image_dataset_from_directory(PETS, image_size=(16, 16), batch_size=4, seed=1,
                                                            validation_split=0.25, subset="both", verbose=False)
model = keras.Sequential([keras.Input((16, 16, 3)), keras.layers.Rescaling(1. / 255), keras.layers.Conv2D(4, 3, activation="relu"),
                          keras.layers.Flatten(), keras.layers.Dense(3, activation="softmax")])
model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
h = model.fit(train_ds.prefetch(tf.data.AUTOTUNE), validation_data=val_ds, epochs=2, verbose=2)
print(sorted(h.history), h.params["steps"])
loss, acc = model.evaluate(val_ds, verbose=0)
print(round(loss, 4) == round(h.history["val_loss"][-1], 4))
print(model.predict(val_ds, verbose=0).shape)
""")
    lines = out.splitlines()
    assert lines[:2] == ["Using 16 files for training.", "Using 5 files for validation."]   # as Keras, whatever verbose
    assert "4/4 - " in lines[3] and "val_loss" in lines[3]
    assert lines[-3] == "['accuracy', 'loss', 'val_accuracy', 'val_loss'] 4"
    assert lines[-2] == "True"
    assert lines[-1] == "(5, 3)"


def test_from_tensor_slices_pipeline(kc):
    out = run(kc, """
x = np.arange(40, dtype="float32").reshape(20, 2)
y = np.arange(20) % 3
ds = tf.data.Dataset.from_tensor_slices((x, y))
print(len(ds), ds.element_spec)
b = ds.shuffle(20, seed=2).batch(8).map(lambda a, b: (a / 2, b))
print(b)
seen = [(xb.shape, yb.numpy().tolist()) for xb, yb in b]
print([s for s, _ in seen], sorted(sum((l for _, l in seen), [])) == sorted(y.tolist()))
print([v.tolist() for v in ds.take(2).map(lambda a, b: a).as_numpy_iterator()])
print(list(tf.data.Dataset.range(1, 8, 3).as_numpy_iterator()), len(ds.batch(8, drop_remainder=True)))
print(ds.repeat().cardinality().numpy(), ds.filter(lambda a, b: b == 0).cardinality().numpy())
print(len(list(ds.batch(4).unbatch())), len(list(ds.skip(15))))
""")
    lines = out.splitlines()
    assert lines[0] == "20 (TensorSpec(shape=(2,), dtype=tf.float32, name=None), TensorSpec(shape=(), dtype=tf.int64, name=None))"
    assert lines[1] == "<_MapDataset element_spec=(TensorSpec(shape=(None, 2), dtype=tf.float32, name=None), TensorSpec(shape=(None,), dtype=tf.int64, name=None))>"
    assert lines[2] == "[TensorShape([8, 2]), TensorShape([8, 2]), TensorShape([4, 2])] True"
    assert lines[3] == "[[0.0, 1.0], [2.0, 3.0]]"
    assert lines[4] == "[np.int64(1), np.int64(4), np.int64(7)] 2"
    assert lines[5] == "-1 -2"
    assert lines[6] == "20 5"


def test_fit_on_a_repeated_dataset_needs_steps_per_epoch(kc):
    run(kc, """
m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation="softmax")])
m.compile("adam", "sparse_categorical_crossentropy")
ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(8)
""")
    name, message, _ = error_of(kc, "m.fit(ds.repeat(), epochs=2)")
    assert name == "ValueError" and "you must specify the number of steps" in message
    out = run(kc, "h = m.fit(ds.repeat(), steps_per_epoch=5, epochs=2, verbose=2)\nprint(len(h.history['loss']))")
    assert out.count("5/5 - ") == 2 and out.splitlines()[-1] == "2"


def test_fit_reads_a_pydataset_subclass_and_calls_on_epoch_end(kc):
    out = run(kc, """
class Pairs(keras.utils.PyDataset):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.ends = 0
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return x[i * 4:(i + 1) * 4], y[i * 4:(i + 1) * 4]
    def on_epoch_end(self):
        self.ends += 1
pairs = Pairs()
h = m.fit(pairs, epochs=3, verbose=0)
print(pairs.ends, len(h.history["loss"]), m.predict(pairs, verbose=0).shape)
""")
    assert out.strip() == "3 3 (12, 3)"


@pytest.mark.parametrize("code, kind, words", [
    ("m.fit(ds, y=y)", "ValueError", "`y` argument is not supported when using dataset"),
    ("m.fit(ds, batch_size=4)", "ValueError", "`batch_size` argument must not be specified"),
    ("m.fit(ds, validation_split=0.2)", "ValueError", "`validation_split` is only supported for Tensors"),
    ("m.fit(tf.data.Dataset.from_tensor_slices((x, y)))", "ValueError", "gives single samples, not batches"),
    ("tf.data.Dataset.from_tensor_slices((x, y[:5]))", "ValueError", ""),
    ("keras.utils.image_dataset_from_directory(PETS + '/nowhere')", "FileNotFoundError", "nowhere"),
    ("keras.utils.image_dataset_from_directory(PETS, validation_split=0.2, subset='both')", "ValueError", "seed"),
])
def test_mistakes_get_located_errors(kc, code, kind, words):
    name, message, traceback = error_of(kc, code)
    assert name == kind and words in message
    assert any("^" in line for line in traceback), traceback


def test_a_dataset_batch_can_be_shown(kc):
    reply, msgs = execute(kc, "import matplotlib.pyplot as plt\n"
                              "ds = keras.utils.image_dataset_from_directory(PETS, image_size=(16, 16), batch_size=4, verbose=False)\n"
                              "for images, labels in ds.take(1):\n"
                              "    for i in range(4):\n"
                              "        plt.subplot(2, 2, i + 1)\n"
                              "        plt.imshow(images[i].numpy().astype('uint8'))\n"
                              "        plt.title(ds.class_names[labels[i]])\n")
    assert reply["content"]["status"] == "ok", reply["content"]
    pictures = [m for m in msgs if m["msg_type"] == "display_data" and "image/png" in m["content"]["data"]]
    assert len(pictures) == 1
    assert pictures[0]["content"]["data"]["text/plain"] == "<Figure size 640x480 with 4 Axes>"


def test_fit_reads_image_data_generator_iterators(kc):
    out = run(kc, """
from tensorflow.keras.preprocessing.image import ImageDataGenerator
gen = ImageDataGenerator(rescale=1 / 255., horizontal_flip=True, validation_split=0.2)
train = gen.flow_from_directory(PETS, target_size=(16, 16), batch_size=4, subset="training", seed=1)
val = gen.flow_from_directory(PETS, target_size=(16, 16), batch_size=4, subset="validation", seed=1)
model = keras.Sequential([keras.Input((16, 16, 3)), keras.layers.Conv2D(4, 3, activation="relu"),
                          keras.layers.Flatten(), keras.layers.Dense(3, activation="softmax")])
model.compile("adam", "categorical_crossentropy", metrics=["accuracy"])
h = model.fit(train, validation_data=val, epochs=2, verbose=2)
print(len(h.history["val_loss"]), h.params["steps"], model.predict(val, verbose=0).shape)
arrays = gen.flow(np.zeros((10, 16, 16, 3), "float32"), keras.utils.to_categorical(np.arange(10) % 3, 3), batch_size=4)
print(len(model.fit(arrays, epochs=3, verbose=0).history["loss"]))
""")
    lines = out.splitlines()
    assert lines[:2] == ["Found 18 images belonging to 3 classes.", "Found 3 images belonging to 3 classes."]
    assert sum("5/5 - " in line and "val_loss" in line for line in lines) == 2
    assert lines[-2:] == ["2 5 (3, 3)", "3"]


def test_show_images_shows_an_rgb_batch_in_its_colours(kc):
    import base64
    import io

    reply, msgs = execute(kc, "ds = keras.utils.image_dataset_from_directory(PETS, image_size=(8, 8), batch_size=2, shuffle=False, verbose=False)\n"
                              "images, labels = next(iter(ds))\n"
                              "solid = np.zeros((2, 8, 8, 3), 'float32'); solid[0, ..., 0] = 255; solid[1, ..., 2] = 255\n"
                              "show_images(tf.concat([images, solid], axis=0), [0, 0, 1, 2], class_names=ds.class_names)")
    assert reply["content"]["status"] == "ok", reply["content"]
    png = next(m for m in msgs if m["msg_type"] == "display_data" and "image/png" in m["content"]["data"])
    pixels = np.asarray(PIL.open(io.BytesIO(base64.b64decode(png["content"]["data"]["image/png"]))).convert("RGB")).reshape(-1, 3)
    colours = {tuple(p) for p in pixels}
    assert (255, 0, 0) in colours and (0, 0, 255) in colours
    name, message, _ = error_of(kc, "show_images(np.zeros((2, 8, 8, 4)))")
    assert name == "ValueError" and "RGB images of shape (n, height, width, 3)" in message


def test_tf_keras_2_generator_methods_warn_and_run(kc):
    reply, msgs = execute(kc, """
h = model.fit_generator(train, steps_per_epoch=len(train), epochs=2, validation_data=val, validation_steps=len(val), verbose=0)
print(len(h.history["val_loss"]), len(model.evaluate_generator(val, steps=len(val))), model.predict_generator(val, steps=1).shape)
""")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert stdout_of(msgs).strip() == "2 2 (3, 3)"
    stderr = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
    for old, new in [("fit_generator", "fit"), ("evaluate_generator", "evaluate"), ("predict_generator", "predict")]:
        assert f"`Model.{old}` is deprecated and will be removed in a future version. Please use `Model.{new}`" in stderr
