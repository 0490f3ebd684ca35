"""A notebook written the way public Keras tutorials are (Tests/python/notebooks/tutorial-python.ipynb)
runs top to bottom, headless, through nbclient: a configuration class with a property, a timer
used with `with`, a decorator, a generator, a custom keras Callback passed to fit, try/except
around the data load, os.makedirs and a CSV written with `with open`, shell lines, and
pathlib to find what was written."""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from kernel_helpers import KERNEL

HERE = Path(__file__).resolve().parent


def text_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")


def result_of(cell) -> str | None:
    for o in cell.outputs:
        if o.get("output_type") == "execute_result":
            return o["data"]["text/plain"]
    return None


def test_tutorial_written_in_plain_python_runs_headless(tmp_path):
    nb = nbformat.read(HERE / "notebooks" / "tutorial-python.ipynb", as_version=4)
    NotebookClient(nb, kernel_name=KERNEL, timeout=600, startup_timeout=120,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    cells = [c for c in nb.cells if c.cell_type == "code"]
    for i, cell in enumerate(cells):
        assert not [o for o in cell.outputs if o.get("output_type") == "error"], f"code cell {i}"

    assert text_of(cells[0]) == "Fovea provides tensorflow itself: nothing to install.\n"
    assert result_of(cells[1]) == "(Config(epochs=2, batch_size=64, samples=3000), 47, {'seed': 7})"
    assert text_of(cells[3]) == "calling load\n(3000, 28, 28, 1) (1000, 28, 28, 1)\n"
    assert result_of(cells[4]) == "[(0, 'Ankle boot'), (1, 'T-shirt/top'), (3, 'Dress')]"

    # The callback printed one line per epoch and the CSV holds the same numbers.
    epochs = [l for l in text_of(cells[6]).splitlines() if l.startswith("epoch ")]
    assert len(epochs) == 2 and text_of(cells[6]).endswith("trained 2 epochs\n")
    with open(tmp_path / "results" / "run1" / "history.csv", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["epoch", "loss", "accuracy"] and [r[0] for r in rows[1:]] == ["1", "2"]
    for line, row in zip(epochs, rows[1:]):
        assert f"loss {float(row[1]):.4f}" in line

    assert text_of(cells[8]) == "['history.csv'] True\n"
    # csv.writer ends rows with \r\n, which !head shows as it is and a capture strips.
    assert text_of(cells[9]) == "epoch,loss,accuracy\r\n" and result_of(cells[9]) == "3"
    assert text_of(cells[10]) == "no such file: results/missing.csv\nchecked\n"
    assert text_of(cells[11]) == "['history.csv'] run1 True\n" and result_of(cells[11]) == "'done\\n'"
    assert (tmp_path / "results" / "notes.txt").read_text() == "done\n"
