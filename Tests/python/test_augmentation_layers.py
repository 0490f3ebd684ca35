"""Keras's image augmentation layers through a real kernel, as TensorFlow's image classification
tutorial uses them: the data_augmentation Sequential builds with Keras's summary, changes a batch
only when called with training=True, a model with the layers first trains, and bad arguments
give Keras's errors pointing at the argument."""

from __future__ import annotations

import pytest

from kernel_helpers import IS_FOVEA, error, execute, ok, result_text

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="Fovea's own kernel")

TUTORIAL = """
from tensorflow import keras
from tensorflow.keras import layers
import numpy as np
img_height, img_width = 180, 180
data_augmentation = keras.Sequential([
    layers.RandomFlip("horizontal", input_shape=(img_height, img_width, 3)),
    layers.RandomRotation(0.1),
    layers.RandomZoom(0.1),
])
"""


def value(kc, code):
    return result_text(ok(kc, code))


def row(name, shape, params):
    return f"│ {name:<36} │ {shape:<27} │ {params:>15} │"


@pytest.fixture(scope="module")
def kc(kernel):
    _, kc = kernel
    ok(kc, TUTORIAL)
    return kc


def test_the_tutorials_data_augmentation_builds_with_keras_summary(kc):
    msgs = ok(kc, "data_augmentation.summary()")
    text = [m["content"]["data"] for m in msgs if m["msg_type"] == "display_data"][0]["text/plain"]
    assert row("random_flip (RandomFlip)", "(None, 180, 180, 3)", "0") in text
    assert row("random_rotation (RandomRotation)", "(None, 180, 180, 3)", "0") in text
    assert row("random_zoom (RandomZoom)", "(None, 180, 180, 3)", "0") in text
    assert " Total params: 0 (0.00 B)" in text
    assert value(kc, "[l.name for l in data_augmentation.layers], data_augmentation.output_shape") == \
        "(['random_flip', 'random_rotation', 'random_zoom'], (None, 180, 180, 3))"


def test_training_true_changes_a_batch_and_inference_does_not(kc):
    # As in Keras 3, a plain call augments (these layers' `training` defaults to True, which
    # the tutorial's "show nine augmented images" loop relies on); training=False and predict
    # pass the images through.
    ok(kc, "keras.utils.set_random_seed(1)\n"
           "images = np.random.uniform(0, 255, (4, 180, 180, 3)).astype('float32')\n"
           "augmented = np.asarray(data_augmentation(images, training=True))\n"
           "plain = np.asarray(data_augmentation(images))\n"
           "inferred = np.asarray(data_augmentation(images, training=False))\n"
           "predicted = data_augmentation.predict(images, verbose=0)\n"
           "layer_plain = np.asarray(data_augmentation.layers[0](images))")
    assert value(kc, "augmented.shape, plain.shape") == "((4, 180, 180, 3), (4, 180, 180, 3))"
    assert value(kc, "bool(np.array_equal(plain, images))") == "False"
    assert value(kc, "bool(np.array_equal(inferred, images)), bool(np.array_equal(predicted, images))") == "(True, True)"
    assert value(kc, "bool(np.array_equal(layer_plain, images))") == "False"
    assert value(kc, "bool(np.array_equal(augmented, images))") == "False"
    # Every image is changed (a rotation and a zoom each), and stays in the pixels' range.
    assert value(kc, "[bool(np.array_equal(augmented[i], images[i])) for i in range(4)]") == "[False, False, False, False]"
    assert value(kc, "bool(augmented.min() >= 0 and augmented.max() <= 255)") == "True"
    # set_random_seed makes the augmentation reproducible.
    assert value(kc, "keras.utils.set_random_seed(1)\n"
                     "images = np.random.uniform(0, 255, (4, 180, 180, 3)).astype('float32')\n"
                     "bool(np.array_equal(np.asarray(data_augmentation(images, training=True)), augmented))") == "True"


def test_a_model_with_the_layers_first_trains_and_predicts_plainly(kc):
    ok(kc, """
keras.utils.set_random_seed(2)
x = np.random.uniform(0, 1, (64, 16, 16, 3)).astype('float32')
y = (x[:, 8, 8, 0] > 0.5).astype('int64')
model = keras.Sequential([
    layers.RandomFlip("horizontal", input_shape=(16, 16, 3)),
    layers.RandomRotation(0.1),
    layers.RandomZoom(0.1),
    layers.RandomTranslation(0.1, 0.1),
    layers.RandomContrast(0.2),
    layers.Rescaling(2.0),
    layers.Conv2D(4, 3, activation='relu'),
    layers.Flatten(),
    layers.Dense(2, activation='softmax'),
])
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
before = model.layers[-1].get_weights() + model.layers[6].get_weights()
history = model.fit(x, y, epochs=1, batch_size=16, verbose=0)
after = model.layers[-1].get_weights() + model.layers[6].get_weights()
""")
    assert value(kc, "len(history.history['loss']), bool(np.isfinite(history.history['loss'][0]))") == "(1, True)"
    assert value(kc, "any(not np.array_equal(a, b) for a, b in zip(before, after))") == "True"
    assert value(kc, "[l.count_params() for l in model.layers[:6]]") == "[0, 0, 0, 0, 0, 0]"
    # Inference leaves the augmentation out: predictions are the same every time.
    assert value(kc, "bool(np.array_equal(model.predict(x, verbose=0), model.predict(x, verbose=0)))") == "True"


def test_bad_arguments_give_kerass_errors_at_the_argument(kc):
    ename, evalue, traceback = error(kc, 'layers.RandomFlip("horizontl")')
    assert (ename, evalue) == ("ValueError", "RandomFlip layer random_flip_2 received an unknown mode argument horizontl")
    tb = "\n".join(traceback)
    assert ":1:19" in tb, tb
    ename, evalue, traceback = error(kc, "layers.RandomRotation(1.5)")
    assert (ename, evalue) == ("ValueError", "The `factor` argument should be a number (or a list of two numbers) "
                                             "in the range [-1, 1]. Received: factor=1.5")
    tb = "\n".join(traceback)
    assert ":1:23" in tb, tb
    ename, evalue, traceback = error(kc, "layers.RandomZoom(0.1, fill_mode='mirror')")
    assert ename == "NotImplementedError"
    assert evalue == "Unknown `fill_mode` mirror. Expected of one ('reflect', 'wrap', 'constant', 'nearest')."
    ename, evalue, _ = error(kc, "layers.RandomTranslation((0.1, 0.2, 0.3), 0.1)")
    assert ename == "ValueError" and evalue.endswith("Received: height_factor=(0.1, 0.2, 0.3)")
    ename, evalue, _ = error(kc, "layers.RandomContrast(1.5)")
    assert (ename, evalue) == ("ValueError", "The `factor` argument should be a number (or a list of two numbers) "
                                             "in the range [0, 1]. Received: factor=1.5")
