"""keras.applications through the real kernel: VGG16, VGG19 and ResNet50 summaries equal to
Keras 3.15's own text (layer names, order, shapes, parameters, "Connected to"), the other
ResNets' parameter counts as Keras documents them, the top-less variants with pooling, the
argument errors Keras raises, preprocess_input against numpy, and what a learner is told when
the ImageNet files cannot be fetched."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, execute, failure, kernel_with_keras_home, shown

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's keras.applications")
REFERENCE = Path(__file__).resolve().parents[1] / "Fixtures" / "keras-functional"
# Written by real Keras 3.15 with tools/keras_conv_summaries.py (see its README).
GENERATED = Path(__file__).resolve().parents[1] / "Fixtures" / "keras-applications"


@pytest.fixture(scope="module")
def kc(tmp_path_factory):
    with kernel_with_keras_home(tmp_path_factory.mktemp("keras-home"), "import keras\nimport numpy as np") as kc:
        yield kc


def run(kc, code: str) -> str:
    return shown(kc, code, timeout=300)


@pytest.mark.parametrize("folder, name, constructor", [
    (REFERENCE, "g_vgg16", "VGG16()"), (REFERENCE, "g_vgg19", "VGG19()"), (REFERENCE, "g_resnet50", "ResNet50()"),
    (REFERENCE, "g_mobilenetv2", "MobileNetV2()"),
    (REFERENCE, "g_mobilenetv2_notop", "MobileNetV2(include_top=False, input_shape=(160, 160, 3))"),
    (GENERATED, "mobilenet", "MobileNet()"), (GENERATED, "mobilenet_notop", "MobileNet(include_top=False, input_shape=(160, 160, 3))"),
    (GENERATED, "xception", "Xception()"), (GENERATED, "xception_notop", "Xception(include_top=False, input_shape=(150, 150, 3))"),
    (GENERATED, "densenet121", "DenseNet121()"),
    (GENERATED, "densenet121_notop", "DenseNet121(include_top=False, input_shape=(160, 160, 3))"),
    (GENERATED, "inceptionv3", "InceptionV3()"),
    (GENERATED, "inceptionv3_notop", "InceptionV3(include_top=False, input_shape=(150, 150, 3))"),
    (GENERATED, "efficientnetb0", "EfficientNetB0()"),
    (GENERATED, "efficientnetb0_notop", "EfficientNetB0(include_top=False, input_shape=(160, 160, 3))"),
], ids=lambda v: v if isinstance(v, str) and "(" not in v else None)
def test_summary_equals_keras(kc, folder, name, constructor):
    call = constructor.replace("(", "(weights=None, ", 1).replace(", )", ")")
    out = run(kc, f"""
keras.backend.clear_session()
m = keras.applications.{call}
m.summary()
print(len(m.layers), m.count_params())
del m
""")
    body, last = out.rstrip("\n").rsplit("\n", 1)
    assert body.rstrip("\n") == (folder / f"summary_{name}.txt").read_text().rstrip("\n")
    layers = json.loads((folder / f"layers_{name}.json").read_text())
    # The reference folder's files say "total", the generated ones "params".
    assert last.split() == [str(len(layers["layers"])), str(layers.get("params", layers.get("total")))]


@pytest.mark.parametrize("constructor, params", [
    ("DenseNet169", 14_307_880), ("DenseNet201", 20_242_984), ("EfficientNetB1", 7_856_239), ("EfficientNetB2", 9_177_569),
    ("EfficientNetB3", 12_320_535), ("EfficientNetB4", 19_466_823),
    ("ResNet101", 44_707_176), ("ResNet152", 60_419_944), ("ResNet50V2", 25_613_800),
    ("ResNet101V2", 44_675_560), ("ResNet152V2", 60_380_648),
])
def test_parameter_counts_equal_kerass_documentation(kc, constructor, params):
    out = run(kc, f"""
m = keras.applications.{constructor}(weights=None)
print(m.count_params(), m.name, m.output_shape)
del m
""")
    count, name, shape = out.split(" ", 2)
    assert int(count) == params
    assert name == constructor.lower()
    assert shape.strip() == "(None, 1000)"


def test_without_the_top_with_pooling_and_a_small_input(kc):
    out = run(kc, """
base = keras.applications.VGG16(weights=None, include_top=False, input_shape=(64, 64, 3))
print(base.output_shape, base.count_params(), base.layers[-1].name)
pooled = keras.applications.resnet50.ResNet50(weights=None, include_top=False, input_shape=(64, 64, 3), pooling="avg")
print(pooled.output_shape, pooled.layers[-1].name)
import numpy as np
x = np.random.default_rng(0).random((2, 64, 64, 3)).astype("float32") * 255
print(base.predict(keras.applications.vgg16.preprocess_input(x), verbose=0).shape)
""")
    lines = out.strip().splitlines()
    assert lines[0] == "(None, 2, 2, 512) 14714688 block5_pool"
    assert lines[1] == "(None, 2048) avg_pool"
    assert lines[2] == "(2, 2, 2, 512)"


def test_a_frozen_application_base_under_a_new_head(kc):
    out = run(kc, """
base = keras.applications.VGG16(weights=None, include_top=False, input_shape=(32, 32, 3))
base.trainable = False
inputs = keras.Input(shape=(32, 32, 3))
x = base(inputs, training=False)
x = keras.layers.GlobalAveragePooling2D()(x)
outputs = keras.layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile("adam", "sparse_categorical_crossentropy")
x = np.random.default_rng(1).random((8, 32, 32, 3)).astype("float32")
before = base.get_weights()[0].copy()
model.fit(x, np.arange(8) % 3, epochs=1, verbose=0)
print(np.array_equal(before, base.get_weights()[0]), sum(w.size for w in model.trainable_weights))
""")
    assert out.split() == ["True", "1539"]


def test_preprocess_input_matches_kerass_formulas(kc):
    out = run(kc, """
rgb = np.arange(2 * 2 * 2 * 3, dtype="float32").reshape(2, 2, 2, 3)
caffe = keras.applications.vgg16.preprocess_input(rgb)
want = rgb[..., ::-1] - np.array([103.939, 116.779, 123.68], dtype="float32")
tf_mode = keras.applications.resnet_v2.preprocess_input(rgb)
print(np.allclose(caffe, want), np.allclose(tf_mode, rgb / 127.5 - 1), caffe.dtype, float(rgb[0, 0, 0, 0]))
ints = keras.applications.resnet50.preprocess_input(np.full((1, 1, 1, 3), 200, dtype="uint8"))
print(ints.dtype, np.allclose(ints, [[[[200 - 103.939, 200 - 116.779, 200 - 123.68]]]]))
""")
    lines = out.strip().splitlines()
    assert lines[0] == "True True float32 0.0"
    assert lines[1] == "float32 True"


def test_densenets_torch_mode_and_efficientnets_pass_through(kc):
    rgb = np.arange(2 * 3 * 3, dtype=np.float32).reshape(1, 2, 3, 3) * 14
    out = run(kc, f"""
rgb = np.array({rgb.tolist()}, dtype="float32")
print(keras.applications.densenet.preprocess_input(rgb).tolist())
print(keras.applications.efficientnet.preprocess_input(rgb).tolist())
print(keras.applications.inception_v3.preprocess_input(rgb).tolist())
""")
    torch, passed, inception = (np.array(eval(line)) for line in out.strip().splitlines())
    want = (rgb / 255 - np.array([0.485, 0.456, 0.406])) / np.array([0.229, 0.224, 0.225])
    np.testing.assert_allclose(torch, want, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(passed, rgb)
    np.testing.assert_allclose(inception, rgb / 127.5 - 1, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("module, rows", [
    ("mobilenet_v2", ["input_layer (InputLayer)", "true_divide (TrueDivide)", "subtract (Subtract)", "dense (Dense)"]),
    ("densenet", ["input_layer (InputLayer)", "true_divide (TrueDivide)", "add (Add)", "true_divide_1 (TrueDivide)", "dense (Dense)"]),
    ("vgg16", ["input_layer (InputLayer)", "get_item (GetItem)", "get_item_1 (GetItem)", "get_item_2 (GetItem)", "stack (Stack)", "",
               "", "add (Add)", "dense (Dense)"]),
])
def test_preprocess_input_on_a_keras_tensor_is_part_of_the_model(kc, module, rows):
    """As in the transfer-learning tutorials: x = preprocess_input(inputs) inside the model. The
    summary rows are the operations Keras 3 records (checked with real Keras), and the model
    computes what preprocess_input computes on arrays."""
    out = run(kc, f"""
keras.backend.clear_session()
inputs = keras.Input(shape=(8, 8, 3))
pre = keras.applications.{module}.preprocess_input(inputs)
keras.Model(inputs, keras.layers.Dense(2)(pre)).summary()
images = np.random.default_rng(0).random((2, 8, 8, 3)).astype('float32') * 255
inside = keras.Model(inputs, pre).predict(images, verbose=0)
print(float(np.abs(inside - keras.applications.{module}.preprocess_input(images)).max()))
""")
    names = [line.split("│")[1].strip() for line in out.splitlines() if line.startswith("│") and "Layer (type)" not in line]
    assert names == rows
    assert float(out.strip().splitlines()[-1]) < 1e-4


def test_argument_errors_are_kerass(kc):
    ename, evalue = failure(kc, "keras.applications.VGG16(weights='nowhere.h5')")
    assert ename == "ValueError" and "The `weights` argument should be either `None`" in evalue
    ename, evalue = failure(kc, "keras.applications.VGG16(weights=None, include_top=False, input_shape=(16, 16, 3))")
    assert ename == "ValueError" and "Input size must be at least 32x32" in evalue
    ename, evalue = failure(kc, "keras.applications.ResNet50(weights='imagenet', classes=10)")
    assert ename == "ValueError" and "`classes` should be 1000" in evalue
    ename, evalue = failure(kc, "keras.applications.VGG19(weights=None, include_top=False, pooling='mean', input_shape=(32, 32, 3))")
    assert ename == "ValueError" and "pooling" in evalue
    ename, evalue = failure(kc, "keras.applications.vgg16.decode_predictions(np.zeros((2, 10)))")
    assert ename == "ValueError" and "Received array with shape: (2, 10)" in evalue


def test_unreachable_imagenet_files_say_where_to_put_them(kc):
    ename, evalue = failure(kc, "keras.applications.VGG16(weights='imagenet', include_top=False, input_shape=(32, 32, 3))")
    assert ename == "RuntimeError"
    assert "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5" in evalue
    ename, evalue = failure(kc, "keras.applications.EfficientNetB0(weights='imagenet', include_top=False, input_shape=(32, 32, 3))")
    assert ename == "RuntimeError" and "efficientnetb0_notop.h5" in evalue
    ename, evalue = failure(kc, "keras.applications.DenseNet121(weights='imagenet')")
    assert ename == "RuntimeError" and "densenet121_weights_tf_dim_ordering_tf_kernels.h5" in evalue
    ename, evalue = failure(kc, "keras.applications.MobileNetV2(weights='imagenet', include_top=False, input_shape=(96, 96, 3), alpha=0.35)")
    assert ename == "RuntimeError" and "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5" in evalue
    reply, _ = execute(kc, "keras.applications.vgg16.decode_predictions(np.zeros((1, 1000)))")
    content = reply["content"]
    assert content["ename"] == "RuntimeError" and "class names" in content["evalue"]
    assert "imagenet_class_index.json" in content["evalue"]
