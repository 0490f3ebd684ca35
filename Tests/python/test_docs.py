"""README's "For maintainers" section names the files to touch; each must exist, so the guide
cannot drift from the tree (BindingAPITests.swift keeps its example code compiling and true)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def maintainer_section() -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index("## For maintainers")
    end = text.index("\n## ", start + 1) if "\n## " in text[start + 1:] else len(text)
    return text[start:end]


def test_every_file_the_maintainer_guide_names_exists():
    section = maintainer_section()
    paths = re.findall(r"`((?:Sources|Tests)/[^`]+)`", section)
    assert len(paths) >= 10, paths
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert not missing, missing


def test_the_guide_covers_modules_layers_and_pictures():
    section = maintainer_section()
    for heading in ("How to add a module or a function to the language", "How to add a layer", "How to add a picture"):
        assert heading in section


def test_every_picture_the_readme_shows_is_in_docs():
    text = (ROOT / "README.md").read_text()
    pictures = re.findall(r"\]\((docs/[^)]+\.png)\)", text)
    for name in ("docs/lesson-07-curves.png", "docs/pyplot-fashion-grid.png"):
        assert name in pictures, name
    for p in pictures:
        assert (ROOT / p).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", p


# The TensorFlow tutorial's first plt cell, as it is written, on Fashion-MNIST.
TUTORIAL_GRID = """
import matplotlib.pyplot as plt
from tensorflow import keras
(train_images, train_labels), _ = keras.datasets.fashion_mnist.load_data()
train_images = train_images / 255.0
class_names = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat',
               'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']
plt.figure(figsize=(10,10))
for i in range(25):
    plt.subplot(5,5,i+1)
    plt.xticks([])
    plt.yticks([])
    plt.grid(False)
    plt.imshow(train_images[i], cmap=plt.cm.binary)
    plt.xlabel(class_names[train_labels[i]])
plt.show()
"""


def test_the_tutorial_grid_of_the_readme(kernel):
    """The README's plt 5x5 grid is what the kernel shows for the tutorial's cell: one PNG of a
    10x10-inch figure at 100 dpi, cropped tight. FOVEA_UPDATE_DOCS=1 writes it to
    docs/pyplot-fashion-grid.png (lesson 07's curves come the same way from test_lessons.py)."""
    import base64
    import os

    from kernel_helpers import IS_FOVEA, execute

    if not IS_FOVEA:
        import pytest

        pytest.skip("the README shows Fovea's drawing")
    _, kc = kernel
    reply, msgs = execute(kc, TUTORIAL_GRID, timeout=120)
    assert reply["content"]["status"] == "ok", reply["content"]
    shown = [m["content"] for m in msgs if m["msg_type"] == "display_data" and "image/png" in m["content"]["data"]]
    assert len(shown) == 1
    png = base64.b64decode(shown[0]["data"]["image/png"])
    meta = shown[0]["metadata"]["image/png"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and 700 < meta["width"] <= 1000 and 700 < meta["height"] <= 1000, meta
    if os.environ.get("FOVEA_UPDATE_DOCS") == "1":
        (ROOT / "docs" / "pyplot-fashion-grid.png").write_bytes(png)
