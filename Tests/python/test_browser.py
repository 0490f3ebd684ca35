"""A real browser: JupyterLab, headless Chromium (Debian's chromium and chromedriver) driven by
selenium (see lab_browser.run_in_lab), opens a notebook that calls every picture built-in, runs all
its cells, and checks that every image loaded (naturalWidth > 0) and every expected table rendered;
then a notebook of `plt` figures (the scenes of plot_scenes.py), each shown as one loaded image.

Skipped only when chromium, chromedriver or selenium is absent and the run is not under CI
(CI set means it must run, and fails when they are missing)."""

from __future__ import annotations

import os

import nbformat
import pytest

from kernel_helpers import IS_FOVEA
from lab_browser import browser_available, run_in_lab
from plot_scenes import SCENES, SETUP

if not IS_FOVEA:
    pytest.skip("the picture built-ins are Fovea's", allow_module_level=True)
if not os.environ.get("CI") and not browser_available():
    pytest.skip("chromium, chromedriver or selenium is not installed "
                "(apt-get install chromium chromium-driver; pip install selenium)", allow_module_level=True)

CELLS = [
    """from tensorflow.keras import layers, models
model = models.Sequential([
    layers.Conv2D(4, (3, 3), activation='relu', input_shape=(28, 28, 1)),
    layers.MaxPooling2D((2, 2)),
    layers.Conv2D(6, (3, 3), activation='relu'),
    layers.Flatten(),
    layers.Dense(10, activation='softmax'),
])
img = [[(r * 7 + c * 3) % 11 for c in range(28)] for r in range(28)]""",
    "show_images([img, img, img], labels=[0, 5, 9])",
    "show_image(img)",
    "show_feature_maps(model, img)",
    "show_filters(model)",
    "show_pooling(img)",
    "show_convolution(img, [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], padding='same')",
    "plot_history({'loss': [0.9, 0.5, 0.4], 'accuracy': [0.6, 0.8, 0.85], 'val_loss': [1.0, 0.7, 0.6], 'val_accuracy': [0.5, 0.7, 0.75]})",
    "show_predictions(model, [img, img], labels=[1, 2])",
    "explain_params(model)",
    "model.summary()",
]
EXPECTED_IMAGES = 8  # images, image, feature maps, filters, pooling, convolution, history, predictions
EXPECTED_TABLES = {"fovea-pool-patch": 1, "fovea-pool-result": 1, "fovea-kernel": 1, "fovea-params": 1, "fovea-summary": 1}


@pytest.mark.timeout(240)
def test_every_picture_loads_in_jupyterlab(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "fovea", "display_name": "Fovea", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    path = tmp_path / "pictures.ipynb"
    nbformat.write(nb, path)
    before = path.read_bytes()

    result = run_in_lab(path, screenshot_path=tmp_path / "pictures.png",
                        selectors=tuple(f".{cls}" for cls in EXPECTED_TABLES)
                        + tuple(f".{cls} td" for cls in EXPECTED_TABLES) + (".fovea-params tbody tr",))

    assert result["cells"] == len(CELLS) and result["unexecuted"] == 0, result
    assert result["errors"] == [] and result["stderr"] == [], result
    images = result["images"]
    assert len(images) == EXPECTED_IMAGES, images
    assert all(i["complete"] and i["w"] > 0 and i["h"] > 0 for i in images), images
    for cls, count in EXPECTED_TABLES.items():
        assert result["counts"][f".{cls}"] == count, (cls, result["counts"])
        assert result["counts"][f".{cls} td"] > 0, (cls, result["counts"])  # a table with cells in it
    assert result["counts"][".fovea-params tbody tr"] == 5 + 1  # five layers and the total
    assert (tmp_path / "pictures.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.read_bytes() == before  # autosave is off: the notebook on disk is untouched


@pytest.mark.timeout(240)
def test_every_plt_figure_loads_in_jupyterlab(tmp_path):
    """One cell per plt scene (a 5x5 grid of images with labels, curves with a legend, bars,
    imshow with a colorbar, subplots, ...), each figure shown at the end of its cell."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "fovea", "display_name": "Fovea", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(SETUP.strip())] + [nbformat.v4.new_code_cell(c.strip()) for c in SCENES.values()]
    path = tmp_path / "plt.ipynb"
    nbformat.write(nb, path)

    result = run_in_lab(path)

    assert result["cells"] == len(nb.cells) and result["unexecuted"] == 0, result
    assert result["errors"] == [] and result["stderr"] == [], result
    images = result["images"]
    assert len(images) == len(SCENES), images
    assert all(i["complete"] and i["w"] > 100 and i["h"] > 100 for i in images), images
