"""Every notebook in Notebooks/ that is not a numbered lesson runs top to bottom, headless, on the
kernel (test_lessons.py runs the numbered ones, NN-*.ipynb, so the course is executed once);
the getting-started notebook's outputs; papermill can parameterise a notebook; nbconvert
--execute works from the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from kernel_helpers import IS_FOVEA, KERNEL, NOTEBOOKS

HERE = Path(__file__).resolve().parent
RAISES = "raises-exception"
CELL_TIMEOUT = 900  # a lesson may train a small network on two cores

NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
# The numbered lessons (00-getting-started too) are executed and checked by test_lessons.py.
OTHER_PATHS = [p for p in NOTEBOOK_PATHS if not re.fullmatch(r"\d\d-.+\.ipynb", p.name)]


def test_there_are_notebooks():
    assert NOTEBOOK_PATHS, f"no notebooks in {NOTEBOOKS}"


def errors_in(cell) -> list[dict]:
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.parametrize("path", OTHER_PATHS, ids=[p.name for p in OTHER_PATHS])
def test_notebook_runs(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.kernelspec.name == "fovea"
    # nbclient stops with CellExecutionError at the first error output of a
    # cell that is not tagged raises-exception.
    NotebookClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT, startup_timeout=120,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()

    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tagged = RAISES in cell.metadata.get("tags", [])
        if tagged:
            # A tag that no longer matches what the cell does is a stale lesson.
            assert errors_in(cell), f"cell {index} is tagged {RAISES} but raised nothing"
        else:
            assert not errors_in(cell), f"cell {index}: {errors_in(cell)}"
        assert cell.execution_count is not None, f"cell {index} did not run"


def run_getting_started():
    nb = nbformat.read(NOTEBOOKS / "00-getting-started.ipynb", as_version=4)
    NotebookClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT, startup_timeout=120).execute()
    return {cell.source: cell for cell in nb.cells if cell.cell_type == "code"}


def text_of(cell) -> str:
    parts = []
    for o in cell.outputs:
        if o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type in ("execute_result", "display_data"):
            parts.append(o.data.get("text/plain", ""))
        elif o.output_type == "error":
            parts.append("\n".join([o.ename, o.evalue, *o.traceback]))
    return "".join(parts)


def test_getting_started_outputs():
    cells = run_getting_started()
    by_start = lambda prefix: next(c for s, c in cells.items() if s.startswith(prefix))
    assert text_of(by_start("2 + 3 * 4")).strip() == "14"
    assert text_of(by_start('greeting + ", "')).strip() == "'Hello, Fovea!'"
    assert text_of(by_start("total = 0")) == "1 1\n2 3\n3 6\n4 10\n5 15\n"
    assert text_of(by_start("acc = ")) == "accuracy: 0.912\n"
    assert text_of(by_start("layer_names = ")).startswith("3 32\n")
    assert "print" in text_of(by_start("help(print)"))
    assert "%who" in text_of(by_start("%lsmagic"))
    error = errors_in(by_start("print(totl)"))
    assert error and error[0]["ename"] == "NameError"
    if IS_FOVEA:
        shown = text_of(by_start("print(totl)")).lower()
        assert "did you mean" in shown and "total" in shown
        summary = by_start("from tensorflow.keras import layers, models")
        html = [o for o in summary.outputs if o.output_type == "display_data" and "text/html" in o.data]
        assert html and "<table" in html[0].data["text/html"]
        assert " Total params: 54,410 (212.54 KB)" in html[0].data["text/plain"]
        refused = errors_in(by_start("model.add(layers.Conv2D(64"))
        assert refused and refused[0]["ename"] == "ValueError"
        assert text_of(by_start("len(model.layers)")).strip() == "(4, 54410)"


def test_papermill_injects_parameters(tmp_path):
    import papermill

    out = tmp_path / "parameters-out.ipynb"
    papermill.execute_notebook(str(HERE / "notebooks" / "parameters.ipynb"), str(out),
                               parameters={"n": 5}, kernel_name=KERNEL, progress_bar=False,
                               start_timeout=120)
    nb = nbformat.read(out, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "n = 5" in injected[0].source
    printer = next(c for c in nb.cells if c.source == "print(n * 2)")
    assert text_of(printer) == "10\n"


def test_nbconvert_execute_cli(tmp_path):
    jupyter = Path(sys.executable).with_name("jupyter")
    source = NOTEBOOKS / "00-getting-started.ipynb"
    subprocess.run(
        [str(jupyter), "nbconvert", "--to", "notebook", "--execute",
         f"--ExecutePreprocessor.kernel_name={KERNEL}", "--ExecutePreprocessor.timeout=900",
         "--output-dir", str(tmp_path), "--output", "executed", str(source)],
        check=True, timeout=1200, cwd=NOTEBOOKS,
    )
    nb = nbformat.read(tmp_path / "executed.ipynb", as_version=4)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code_cells)
    assert any(c.outputs for c in code_cells)
