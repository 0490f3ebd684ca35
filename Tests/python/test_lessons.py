"""The course: every numbered notebook Notebooks/NN-*.ipynb runs top to bottom, headless, on the
Fovea kernel. A cell tagged raises-exception must raise and no other cell may; every lesson shows
at least one table or picture; and the notebooks are committed as a teacher would hand them out
(no outputs, the fovea kernelspec, an exercise at the end)."""

from __future__ import annotations

import base64
import os
import re

import nbformat
import pytest
from nbclient import NotebookClient

from kernel_helpers import IS_FOVEA, KERNEL, NOTEBOOKS

RAISES = "raises-exception"
# Generous: two cores shared with other suites. A bound on errors, never on speed.
CELL_TIMEOUT = 300

LESSON_PATHS = sorted(p for p in NOTEBOOKS.glob("*.ipynb") if re.fullmatch(r"\d\d-.+\.ipynb", p.name))
LESSON_IDS = [p.stem for p in LESSON_PATHS]
# Pictures of a lesson that the README shows: lesson, the cell's source, the file under docs/.
# FOVEA_UPDATE_DOCS=1 writes the picture the cell showed there.
DOC_PICTURES = {"07-training": ("plot_history(history)", "lesson-07-curves.png")}


def test_there_is_a_course():
    numbered = [p for p in LESSON_PATHS if not p.name.startswith("00-")]
    assert len(numbered) >= 8, f"expected at least eight lessons after 00-, found {[p.name for p in numbered]}"


def errors_in(cell) -> list[dict]:
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def shows_table_or_picture(cell) -> bool:
    for o in cell.get("outputs", []):
        if o.get("output_type") not in ("display_data", "execute_result"):
            continue
        data = o.get("data", {})
        if "image/png" in data or "<table" in data.get("text/html", ""):
            return True
    return False


@pytest.mark.parametrize("path", LESSON_PATHS, ids=LESSON_IDS)
def test_lesson_is_committed_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "fovea"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a lesson without code cells"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"cell {index} was committed with outputs"
    if not path.name.startswith("00-"):
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), "no title"
        headings = [c.source for c in nb.cells if c.cell_type == "markdown" and "## Exercise" in c.source]
        assert headings, "the lesson does not end with an exercise"


@pytest.mark.skipif(not IS_FOVEA, reason="the lessons use Fovea's picture calls")
@pytest.mark.timeout(CELL_TIMEOUT * 2)  # the whole lesson; pytest.ini's 300 s is per test
@pytest.mark.parametrize("path", LESSON_PATHS, ids=LESSON_IDS)
def test_lesson_runs(path):
    nb = nbformat.read(path, as_version=4)
    # nbclient stops with CellExecutionError at the first error output of a cell that is not
    # tagged raises-exception, and runs on past the tagged ones.
    NotebookClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT, startup_timeout=120,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()

    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    for index, cell in code:
        assert cell.execution_count is not None, f"cell {index} did not run"
        if RAISES in cell.metadata.get("tags", []):
            # A tag that no longer matches what the cell does is a stale lesson.
            assert errors_in(cell), f"cell {index} is tagged {RAISES} but raised nothing:\n{cell.source}"
        else:
            assert not errors_in(cell), f"cell {index}: {errors_in(cell)}"
    assert any(shows_table_or_picture(c) for _, c in code), \
        f"{path.name} showed no table (text/html with <table) and no picture (image/png)"
    if path.stem in DOC_PICTURES:
        source, name = DOC_PICTURES[path.stem]
        cell = next(c for _, c in code if c.source.strip() == source)
        pngs = [base64.b64decode(o["data"]["image/png"]) for o in cell.outputs if "image/png" in o.get("data", {})]
        assert len(pngs) == 1 and pngs[0][:8] == b"\x89PNG\r\n\x1a\n", f"{source} showed {len(pngs)} pictures"
        if os.environ.get("FOVEA_UPDATE_DOCS") == "1":
            (NOTEBOOKS.parent / "docs" / name).write_bytes(pngs[0])


BROWSER_LESSON = NOTEBOOKS / "05-deeper-networks.ipynb"


@pytest.mark.skipif(not IS_FOVEA, reason="the lessons use Fovea's picture calls")
@pytest.mark.timeout(300)
def test_a_lesson_runs_in_jupyterlab(tmp_path):
    """Lesson 05 opened in JupyterLab in headless Chromium and run: its pictures load, its tables
    and the training progress bar render, and its only error is the cell tagged to fail.
    FOVEA_UPDATE_DOCS=1 keeps the screenshot as docs/lesson-05-in-jupyterlab.png (the README's)."""
    import shutil

    from lab_browser import browser_available, run_in_lab

    if not os.environ.get("CI") and not browser_available():
        pytest.skip("chromium, chromedriver or selenium is not installed")
    copy = tmp_path / BROWSER_LESSON.name
    shutil.copy(BROWSER_LESSON, copy)
    screenshot = (NOTEBOOKS.parent / "docs" / "lesson-05-in-jupyterlab.png"
                  if os.environ.get("FOVEA_UPDATE_DOCS") == "1" else tmp_path / "lesson.png")
    result = run_in_lab(copy, screenshot_path=screenshot, timeout=240,
                        selectors=(".fovea-summary", ".fovea-progress"))
    nb = nbformat.read(BROWSER_LESSON, as_version=4)
    tagged = [c for c in nb.cells if c.cell_type == "code" and RAISES in c.metadata.get("tags", [])]
    assert result["unexecuted"] == 0
    assert len(result["errors"]) == len(tagged), result["errors"]
    assert all(e.startswith("ValueError: No such layer: middle.") for e in result["errors"])
    assert len(result["images"]) >= 6
    assert all(i["complete"] and i["w"] > 0 and i["h"] > 0 for i in result["images"]), result["images"]
    assert result["counts"][".fovea-summary"] >= 1
    assert result["counts"][".fovea-progress"] == 1
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
