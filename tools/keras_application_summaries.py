"""Write what real Keras prints for keras.applications models into Tests/Fixtures/keras-applications.

Run with a Python that has TensorFlow (never needed by the tests or CI):
    /tmp/tfvenv/bin/python tools/keras_application_summaries.py NAME [NAME ...]
NAME is e.g. densenet121, densenet121_notop, resnet50 (checks the script against
../shared/reference/keras-functional/summary_g_resnet50.txt). Each model is built in a fresh
process (layer names count up per session) with weights=None; `_notop` means include_top=False
and input_shape=(160, 160, 3) (InceptionV3: (150, 150, 3)).
"""
import json
import os
import subprocess
import sys

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "keras-applications")
CONSTRUCTORS = {
    "densenet121": "DenseNet121", "inceptionv3": "InceptionV3", "efficientnetb0": "EfficientNetB0",
    "mobilenet": "MobileNet", "xception": "Xception", "resnet50": "ResNet50",
}


def one(name):
    os.environ["COLUMNS"] = "200"  # as at a wide terminal: rich would cut the table at 80
    import keras
    base = name.removesuffix("_notop")
    kwargs = {"weights": None}
    if name.endswith("_notop"):
        kwargs.update(include_top=False, input_shape=(150, 150, 3) if base in ("inceptionv3", "xception") else (160, 160, 3))
    model = getattr(keras.applications, CONSTRUCTORS[base])(**kwargs)
    lines = []
    model.summary(print_fn=lambda s, line_break=True: lines.append(s))
    with open(os.path.join(OUT, f"summary_{name}.txt"), "w") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")
    layers = [{"name": l.name, "class": type(l).__name__, "params": l.count_params()} for l in model.layers]
    with open(os.path.join(OUT, f"layers_{name}.json"), "w") as f:
        json.dump({"model": model.name, "count": len(model.layers), "params": model.count_params(),
                   "keras": keras.__version__, "layers": layers}, f, indent=1)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        one(sys.argv[2])
    else:
        for n in sys.argv[1:]:
            subprocess.run([sys.executable, __file__, "--one", n], check=True)
