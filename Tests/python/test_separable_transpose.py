"""SeparableConv2D, Conv2DTranspose and the MobileNet and Xception applications through the real
kernel: summaries equal to Keras 3.15's own text (the shared reference's Rescaling/SeparableConv2D/
DepthwiseConv2D/ZeroPadding2D/ReLU(6) model and an autoencoder with a Conv2DTranspose decoder;
MobileNet's and Xception's are compared in test_applications.py), parameter counts and names Keras
gives for other arguments, training, saving and loading in Keras's three file formats, get_config,
and Keras's argument errors."""

from __future__ import annotations

import json
from pathlib import Path

import h5py
import pytest

from kernel_helpers import IS_FOVEA, execute, failure, kernel_with_keras_home, shown

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's layers and applications")
FIXTURES = Path(__file__).resolve().parents[1] / "Fixtures"
FUNCTIONAL = FIXTURES / "keras-functional"


@pytest.fixture(scope="module")
def kc(tmp_path_factory):
    setup = "import numpy as np\nimport keras\nfrom keras import layers\nrng = np.random.default_rng(0)"
    with kernel_with_keras_home(tmp_path_factory.mktemp("keras-home"), setup) as kc:
        yield kc


def run(kc, code: str) -> str:
    return shown(kc, code, timeout=300)


def summary_of(out: str) -> str:
    return out[out.index("Model: "):].rstrip("\n")


def fixture_text(folder: Path, name: str) -> str:
    return (folder / f"summary_{name}.txt").read_text().rstrip("\n")


def test_rescaling_separable_depthwise_model_summary_equals_keras(kc):
    out = run(kc, """
keras.backend.clear_session()
inputs = keras.Input(shape=(180, 180, 3))
x = layers.Rescaling(1.0 / 255)(inputs)
x = layers.Conv2D(32, 3, activation="relu")(x)
x = layers.MaxPooling2D()(x)
x = layers.SeparableConv2D(64, 3, padding="same", use_bias=False)(x)
x = layers.DepthwiseConv2D(3)(x)
x = layers.ZeroPadding2D()(x)
x = layers.ReLU(6)(x)
x = layers.GlobalMaxPooling2D()(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.summary()
print([l.name for l in model.layers])
""")
    want = json.loads((FUNCTIONAL / "layers_f_rescaling.json").read_text())
    body, names = out.rstrip("\n").rsplit("\n", 1)
    assert summary_of(body) == fixture_text(FUNCTIONAL, "f_rescaling")
    assert names == str([l["name"] for l in want["layers"]])


def test_separable_conv2d_weights_config_training_and_the_three_file_formats(kc, tmp_path):
    out = run(kc, f"""
keras.backend.clear_session()
def make():
    return keras.Sequential([keras.Input((9, 9, 3)), layers.SeparableConv2D(5, 3, strides=2, depth_multiplier=2, activation="relu"),
                             layers.GlobalAveragePooling2D(), layers.Dense(2, activation="softmax")])
m = make()
sep = m.layers[0]
print(sep.count_params(), sep.output_shape, [w.shape for w in sep.get_weights()])
c = sep.get_config()
print(list(c)[3:], c["depth_multiplier"], tuple(c["kernel_size"]), tuple(c["strides"]), c["pointwise_initializer"]["class_name"])
m.compile("adam", "sparse_categorical_crossentropy")
xs = rng.random((16, 9, 9, 3)).astype("float32")
before = [w.copy() for w in sep.get_weights()]
m.fit(xs, np.arange(16) % 2, epochs=1, verbose=0)
print([not np.array_equal(b, a) for b, a in zip(before, sep.get_weights())])
want = m.predict(xs, verbose=0)
m.save({str(tmp_path / "sep.keras")!r})
m.save({str(tmp_path / "sep.h5")!r})
m.save_weights({str(tmp_path / "sep.weights.h5")!r})
print(np.allclose(keras.models.load_model({str(tmp_path / "sep.keras")!r}).predict(xs, verbose=0), want, atol=1e-6))
print(np.allclose(keras.models.load_model({str(tmp_path / "sep.h5")!r}).predict(xs, verbose=0), want, atol=1e-6))
fresh = make()
fresh.load_weights({str(tmp_path / "sep.weights.h5")!r})
print(np.allclose(fresh.predict(xs, verbose=0), want, atol=1e-6))
""")
    lines = out.strip().splitlines()
    assert lines[0] == "89 (None, 4, 4, 5) [(3, 3, 3, 2), (1, 1, 6, 5), (5,)]"
    assert lines[1] == ("['depth_multiplier', 'filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', "
                        "'activation', 'use_bias', 'depthwise_initializer', 'pointwise_initializer', 'bias_initializer', "
                        "'depthwise_regularizer', 'pointwise_regularizer', 'bias_regularizer', 'activity_regularizer', "
                        "'depthwise_constraint', 'pointwise_constraint', 'bias_constraint'] 2 (3, 3) (2, 2) GlorotUniform")
    assert lines[2:] == ["[True, True, True]", "True", "True", "True"]
    # The legacy file names each weight as Keras does, in Keras's order.
    with h5py.File(tmp_path / "sep.h5") as f:
        group = f["model_weights"]["separable_conv2d"]
        names = [n.decode() if isinstance(n, bytes) else n for n in group.attrs["weight_names"]]
    assert [n.rsplit("/", 1)[-1] for n in names] == ["depthwise_kernel", "pointwise_kernel", "bias"]


def test_autoencoder_with_conv2d_transpose_summary_fit_and_predict(kc):
    out = run(kc, """
keras.backend.clear_session()
inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(inputs)
x = layers.MaxPooling2D((2, 2), padding="same")(x)
x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(x)
x = layers.MaxPooling2D((2, 2), padding="same")(x)
x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
x = layers.Conv2D(1, (3, 3), activation="sigmoid", padding="same")(x)
autoencoder = keras.Model(inputs, x)
autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
autoencoder.summary()
images = (rng.random((64, 28, 28, 1)) > 0.7).astype("float32")
history = autoencoder.fit(images, images, epochs=4, batch_size=32, verbose=0)
losses = history.history["loss"]
print(losses[-1] < losses[0], autoencoder.predict(images[:5], verbose=0).shape)
""")
    body, last = out.rstrip("\n").rsplit("\n", 1)
    assert summary_of(body) == fixture_text(FUNCTIONAL, "f_autoencoder")
    assert last == "True (5, 28, 28, 1)"


def test_conv2d_transpose_shapes_config_and_saving(kc, tmp_path):
    path = tmp_path / "up.keras"
    out = run(kc, f"""
keras.backend.clear_session()
m = keras.Sequential([keras.Input((5, 4, 3)), layers.Conv2DTranspose(4, 3, strides=2),
                      layers.Conv2DTranspose(2, (3, 2), strides=(2, 3), padding="same", output_padding=(1, 2), use_bias=False)])
t, u = m.layers
print(t.output_shape, u.output_shape, t.count_params(), u.count_params(), [w.shape for w in m.get_weights()])
c = u.get_config()
print(tuple(c["output_padding"]), tuple(c["strides"]), list(c)[3:8])
xs = rng.random((3, 5, 4, 3)).astype("float32")
want = m.predict(xs, verbose=0)
m.save({str(path)!r})
back = keras.models.load_model({str(path)!r})
print(tuple(back.layers[1].get_config()["output_padding"]), np.allclose(back.predict(xs, verbose=0), want, atol=1e-6))
""")
    lines = out.strip().splitlines()
    assert lines[0] == "(None, 11, 9, 4) (None, 22, 26, 2) 112 48 [(3, 3, 4, 3), (4,), (3, 2, 2, 4)]"
    assert lines[1] == "(1, 2) (2, 3) ['filters', 'kernel_size', 'strides', 'padding', 'output_padding']"
    assert lines[2] == "(1, 2) True"


def test_conv2d_transpose_computes_what_numpy_computes(kc):
    # Each input pixel paints x * K into its window, spaced by the strides ('valid': no crop).
    out = run(kc, """
keras.backend.clear_session()
layer = layers.Conv2DTranspose(2, 2, strides=2, use_bias=False)
xs = rng.random((1, 2, 3, 3)).astype("float32")
y = layer(xs).numpy()
k = layer.get_weights()[0]
want = np.zeros((1, 4, 6, 2), dtype="float32")
for i in range(2):
    for j in range(3):
        want[0, 2 * i:2 * i + 2, 2 * j:2 * j + 2, :] += (k * xs[0, i, j]).sum(axis=3)
print(y.shape, np.allclose(y, want, atol=1e-5))
""")
    assert out.strip() == "(1, 4, 6, 2) True"


def test_argument_errors_are_kerass(kc):
    ename, evalue = failure(kc, "layers.SeparableConv2D(0, 3)")
    assert ename == "ValueError"
    assert "Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0." in evalue
    ename, evalue = failure(kc, "layers.SeparableConv2D(4, 3, depth_multiplier=0)")
    assert ename == "ValueError" and "Received depth_multiplier=0." in evalue
    ename, evalue = failure(kc, "layers.Conv2DTranspose(4, 3, strides=2, output_padding=2)")
    assert ename == "ValueError"
    assert ("`output_padding` must be strictly less than `strides` for all dimensions. At dimension 0, `output_padding` is 2 "
            "but `strides` is 2. Received: output_padding=(2, 2), strides=(2, 2)") in evalue
    ename, evalue = failure(kc, "layers.SeparableConv2D(4, 3, dilation_rate=2)")
    assert ename == "NotImplementedError" and "dilation_rate" in evalue
    ename, evalue = failure(kc, "keras.Sequential([keras.Input((5, 5)), layers.Conv2DTranspose(4, 3)])")
    assert ename == "ValueError" and "expected ndim=4" in evalue


@pytest.mark.parametrize("call, expected", [
    # What Keras 3.15 gives for each call (name, parameters, output shape, layers, last layer).
    ("mobilenet.MobileNet(alpha=0.25, input_shape=(128, 128, 3))", "mobilenet_0.25_128 475544 (None, 1000) 91 predictions"),
    ("MobileNet(alpha=0.5, input_shape=(192, 192, 3))", "mobilenet_0.50_192 1342536 (None, 1000) 91 predictions"),
    ("MobileNet(alpha=0.75)", "mobilenet_0.75_224 2601976 (None, 1000) 91 predictions"),
    ("MobileNet(depth_multiplier=2, input_shape=(160, 160, 3))", "mobilenet_1.00_160 7457928 (None, 1000) 91 predictions"),
    ("MobileNet(include_top=False)", "mobilenet_1.00_None 3228864 (None, None, None, 1024) 86 conv_pw_13_relu"),
    ("MobileNet(include_top=False, pooling='max', input_shape=(96, 96, 3))", "mobilenet_1.00_96 3228864 (None, 1024) 87 global_max_pooling2d"),
    ("MobileNet(classes=10, classifier_activation=None, input_shape=(130, 130, 3))", "mobilenet_1.00_130 3239114 (None, 10) 91 predictions"),
    ("xception.Xception(include_top=False, pooling='avg', input_shape=(71, 71, 3))",
     "xception 20861480 (None, 2048) 133 global_average_pooling2d"),
    ("Xception(classes=7)", "xception 20875823 (None, 7) 134 predictions"),
    ("mobilenet_v2.MobileNetV2(input_shape=(160, 160, 3), alpha=0.5)", "mobilenetv2_0.50_160 1987224 (None, 1000) 156 predictions"),
    ("MobileNetV2(alpha=1.4, include_top=False)", "mobilenetv2_1.40_None 4363712 (None, None, None, 1792) 154 out_relu"),
])
def test_application_arguments_give_kerass_models(kc, call, expected):
    call = call.replace("(", "(weights=None, ", 1)
    out = run(kc, f"""
keras.backend.clear_session()
m = keras.applications.{call}
print(m.name, m.count_params(), m.output_shape, len(m.layers), m.layers[-1].name)
del m
""")
    assert out.strip() == expected


def test_mobilenets_take_input_shape_and_alpha_first_as_keras_does(kc):
    out = run(kc, """
keras.backend.clear_session()
print(keras.applications.MobileNet((128, 128, 3), 0.25, weights=None).name, keras.applications.MobileNetV2((96, 96, 3), 0.35, weights=None).name)
""")
    assert out.strip() == "mobilenet_0.25_128 mobilenetv2_0.35_96"


def test_application_errors_and_preprocessing_are_kerass(kc):
    ename, evalue = failure(kc, "keras.applications.MobileNet(weights='imagenet', alpha=0.3)")
    assert ename == "ValueError"
    assert "If imagenet weights are being loaded, alpha can be one of`0.25`, `0.50`, `0.75` or `1.0` only.  Received alpha=0.3" in evalue
    ename, evalue = failure(kc, "keras.applications.MobileNet(weights='imagenet', depth_multiplier=2)")
    assert ename == "ValueError" and "depth multiplier must be 1.  Received depth_multiplier=2" in evalue
    ename, evalue = failure(kc, "keras.applications.MobileNetV2(weights='imagenet', alpha=0.3)")
    assert ename == "ValueError"
    assert "alpha must be one of `0.35`, `0.50`, `0.75`, `1.0`, `1.3` or `1.4` only; Received `alpha=0.3`" in evalue
    ename, evalue = failure(kc, "keras.applications.Xception(weights=None, include_top=False, input_shape=(70, 70, 3))")
    assert ename == "ValueError" and "Input size must be at least 71x71; Received: input_shape=(70, 70, 3)" in evalue
    out = run(kc, """
x = np.array([[[[0.0, 127.5, 255.0]]]], dtype="float32")
print(keras.applications.mobilenet.preprocess_input(x.copy()).tolist(), keras.applications.xception.preprocess_input(x.copy()).tolist())
""")
    assert out.strip() == "[[[[-1.0, 0.0, 1.0]]]] [[[[-1.0, 0.0, 1.0]]]]"


def test_unreachable_imagenet_files_are_named_as_keras_names_them(kc):
    ename, evalue = failure(kc, "keras.applications.MobileNet(weights='imagenet', alpha=0.5, include_top=False, input_shape=(160, 160, 3))")
    assert ename == "RuntimeError" and "mobilenet_5_0_160_tf_no_top.h5" in evalue
    # Keras warns, then fetches the 224 file for a size ImageNet weights do not come in.
    reply, msgs = execute(kc, "keras.applications.MobileNet(weights='imagenet', input_shape=(100, 100, 3), include_top=False)",
                          timeout=120)
    assert reply["content"]["ename"] == "RuntimeError" and "mobilenet_1_0_224_tf_no_top.h5" in reply["content"]["evalue"]
    stderr = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
    assert "UserWarning: `input_shape` is undefined or non-square, or `rows` is not in [128, 160, 192, 224]." in stderr
    ename, evalue = failure(kc, "keras.applications.Xception(weights='imagenet')")
    assert ename == "RuntimeError" and "xception_weights_tf_dim_ordering_tf_kernels.h5" in evalue


def test_a_weights_file_loads_into_mobilenet(kc, tmp_path):
    path = tmp_path / "mobilenet.weights.h5"
    out = run(kc, f"""
keras.backend.clear_session()
a = keras.applications.MobileNet(weights=None, alpha=0.25, include_top=False, input_shape=(32, 32, 3), pooling="avg")
a.save_weights({str(path)!r})
b = keras.applications.MobileNet(weights={str(path)!r}, alpha=0.25, include_top=False, input_shape=(32, 32, 3), pooling="avg")
xs = rng.random((2, 32, 32, 3)).astype("float32")
print(np.allclose(a.predict(xs, verbose=0), b.predict(xs, verbose=0), atol=1e-5), b.output_shape)
""")
    assert out.strip() == "True (None, 256)"


@pytest.mark.parametrize("load", [
    "keras.models.load_model({d!r} + '/convs.keras')",
    "keras.models.load_model({d!r} + '/convs_legacy.h5')",
])
def test_files_real_keras_wrote_predict_what_tensorflow_predicted(kc, load):
    # TensorFlow's own numbers for transposed convolutions with 'same' padding, output_padding and
    # strides larger than the kernel, and separable ones with a depth multiplier.
    folder = str(FIXTURES / "keras-convs")
    out = run(kc, f"""
import json
keras.backend.clear_session()
d = {folder!r}
m = {load.format(d=folder)}
ref = json.load(open(d + "/predictions.json"))
got = m.predict(np.array(ref["input"], dtype="float32"), verbose=0)
want = np.array(ref["predictions"], dtype="float32")
print(m.output_shape, got.shape == want.shape, float(np.abs(got - want).max()) < 1e-5, [type(l).__name__ for l in m.layers])
""")
    assert out.strip() == ("(None, 35, 52, 2) True True ['Conv2DTranspose', 'Conv2DTranspose', 'SeparableConv2D', "
                           "'Conv2DTranspose', 'Conv2DTranspose', 'SeparableConv2D']")


def test_a_weights_file_real_keras_wrote_loads(kc):
    folder = str(FIXTURES / "keras-convs")
    out = run(kc, f"""
import json
keras.backend.clear_session()
m = keras.Sequential([
    keras.Input((3, 3, 3)),
    layers.Conv2DTranspose(4, 3, strides=2, padding="same", activation="tanh"),
    layers.Conv2DTranspose(3, (3, 2), strides=(2, 3), padding="same", output_padding=(1, 2)),
    layers.SeparableConv2D(5, 3, strides=2, padding="same", depth_multiplier=2),
    layers.Conv2DTranspose(2, 4, strides=2, padding="same"),
    layers.Conv2DTranspose(3, 2, strides=3, padding="valid", output_padding=1, activation="relu"),
    layers.SeparableConv2D(2, (2, 3), padding="valid", use_bias=False),
])
m.load_weights({folder!r} + "/convs.weights.h5")
ref = json.load(open({folder!r} + "/predictions.json"))
got = m.predict(np.array(ref["input"], dtype="float32"), verbose=0)
print(float(np.abs(got - np.array(ref["predictions"], dtype="float32")).max()) < 1e-5)
""")
    assert out.strip() == "True"


def test_kerass_other_spellings(kc):
    out = run(kc, """
keras.backend.clear_session()
print(type(layers.SeparableConvolution2D(4, 3)).__name__, type(layers.Convolution2DTranspose(4, 3)).__name__)
""")
    assert out.strip() == "SeparableConv2D Conv2DTranspose"


def test_channels_last_and_no_dilation_are_accepted_and_the_rest_refused(kc):
    out = run(kc, """
keras.backend.clear_session()
print(layers.SeparableConv2D(4, 3, data_format="channels_last", dilation_rate=1).name,
      layers.Conv2DTranspose(4, 3, data_format=None, dilation_rate=(1, 1)).name)
""")
    assert out.strip() == "separable_conv2d conv2d_transpose"
    ename, evalue = failure(kc, "layers.Conv2DTranspose(4, 3, data_format='channels_first')")
    assert ename == "NotImplementedError" and "channels_last" in evalue and "data_format='channels_first'" in evalue
    ename, evalue = failure(kc, "layers.Conv2DTranspose(4, 3, dilation_rate=(2, 1))")
    assert ename == "NotImplementedError" and "dilation_rate=(2, 1)" in evalue


def test_a_file_with_what_fovea_cannot_honour_is_refused(kc, tmp_path):
    # A Keras file whose Conv2DTranspose has a kernel regularizer: refused, not loaded without it.
    path = tmp_path / "regularized.keras"
    run(kc, f"""
keras.backend.clear_session()
m = keras.Sequential([keras.Input((4, 4, 2)), layers.Conv2DTranspose(3, 3)])
m.save({str(path)!r})
""")
    import zipfile
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    config = json.loads(files["config.json"])
    layer = next(l for l in config["config"]["layers"] if l["class_name"] == "Conv2DTranspose")
    layer["config"]["kernel_regularizer"] = {"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.01},
                                             "registered_name": None}
    files["config.json"] = json.dumps(config).encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in files.items():
            z.writestr(n, data)
    ename, evalue = failure(kc, f"keras.models.load_model({str(path)!r})")
    assert ename == "NotImplementedError" and "kernel_regularizer" in evalue
