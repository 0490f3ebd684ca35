"""Write what real Keras prints for keras.applications models and the Conv2DTranspose autoencoder,
as fixtures for Tests/python/test_applications.py and test_separable_transpose.py.

Run with a Python that has TensorFlow (never needed by the tests or CI):
    /tmp/tfvenv/bin/python tools/keras_conv_summaries.py
Each model is built in a fresh process (layer names count up per session), weights=None:
  Tests/Fixtures/keras-applications/summary_mobilenet.txt         MobileNet()
  Tests/Fixtures/keras-applications/summary_mobilenet_notop.txt   MobileNet(include_top=False, input_shape=(160, 160, 3))
  Tests/Fixtures/keras-applications/summary_xception.txt          Xception()
  Tests/Fixtures/keras-applications/summary_xception_notop.txt    Xception(include_top=False, input_shape=(150, 150, 3))
  ... and DenseNet121, InceptionV3, EfficientNetB0 the same way (see APPLICATIONS)
  Tests/Fixtures/keras-functional/summary_f_autoencoder.txt       the Keras "Convolutional autoencoder for image denoising"
                                                                  example's model (Conv2DTranspose decoder), see AUTOENCODER
and layers_NAME.json beside each summary (per layer: name, class, output shape, params).
COLUMNS=200 as at a wide terminal: without it, rich squeezes the table into 80 columns.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures")
APPLICATIONS = {
    "mobilenet": "keras.applications.MobileNet(weights=None)",
    "mobilenet_notop": "keras.applications.MobileNet(weights=None, include_top=False, input_shape=(160, 160, 3))",
    "xception": "keras.applications.Xception(weights=None)",
    "xception_notop": "keras.applications.Xception(weights=None, include_top=False, input_shape=(150, 150, 3))",
    "densenet121": "keras.applications.DenseNet121(weights=None)",
    "densenet121_notop": "keras.applications.DenseNet121(weights=None, include_top=False, input_shape=(160, 160, 3))",
    "inceptionv3": "keras.applications.InceptionV3(weights=None)",
    "inceptionv3_notop": "keras.applications.InceptionV3(weights=None, include_top=False, input_shape=(150, 150, 3))",
    "efficientnetb0": "keras.applications.EfficientNetB0(weights=None)",
    "efficientnetb0_notop": "keras.applications.EfficientNetB0(weights=None, include_top=False, input_shape=(160, 160, 3))",
}
AUTOENCODER = """
inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(inputs)
x = layers.MaxPooling2D((2, 2), padding="same")(x)
x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(x)
x = layers.MaxPooling2D((2, 2), padding="same")(x)
x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
x = layers.Conv2D(1, (3, 3), activation="sigmoid", padding="same")(x)
model = keras.Model(inputs, x)
model.compile(optimizer="adam", loss="binary_crossentropy")
"""


def one(name):
    import keras
    from keras import layers
    if name == "f_autoencoder":
        scope = {"keras": keras, "layers": layers}
        exec(AUTOENCODER, scope)
        model, folder = scope["model"], "keras-functional"
    else:
        model, folder = eval(APPLICATIONS[name], {"keras": keras}), "keras-applications"
    lines = []
    model.summary(print_fn=lambda s, line_break=True: lines.append(s))
    out = os.path.join(ROOT, folder)
    with open(os.path.join(out, f"summary_{name}.txt"), "w") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")
    layers_ = [{"name": l.name, "class": type(l).__name__, "output_shape": str(l.output.shape), "params": l.count_params()}
               for l in model.layers]
    with open(os.path.join(out, f"layers_{name}.json"), "w") as f:
        json.dump({"model": model.name, "count": len(model.layers), "params": model.count_params(),
                   "keras": keras.__version__, "layers": layers_}, f, indent=1)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        one(sys.argv[2])
    else:
        for folder in ("keras-applications", "keras-functional"):
            os.makedirs(os.path.join(ROOT, folder), exist_ok=True)
        for n in sys.argv[1:] or [*APPLICATIONS, "f_autoencoder"]:
            subprocess.run([sys.executable, __file__, "--one", n], check=True,
                           env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "COLUMNS": "200"})
