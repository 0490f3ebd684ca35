"""The language fixtures that are written to behave exactly as CPython does are run through this
Python too, and must give the outputs their `# out:`, `# result:` and `# error:` lines expect:
so Fovea and CPython agree on them (the Swift tests hold Fovea to the same lines)."""

from __future__ import annotations

import ast
import contextlib
import io
import warnings
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
FIXTURES = TESTS / "FoveaLangTests" / "Fixtures" / "run"
# The library's fixtures (a session with every module Fovea has) that CPython prints the same way.
LIBRARY_FIXTURES = TESTS / "BindingsTests" / "Fixtures" / "run"
CPYTHON_EXACT = ["exceptions.py", "files.py", "with_open_json.py", "functions.py", "tools.py", "csv_files.py",
                 "collections_module.py", "datetime_module.py", "classes.py", "generators.py", "annotations_dataclasses.py",
                 "bytes.py", "binary_files.py", "pathlib_paths.py", "namedtuple_ordereddict.py", "glob_module.py", "tempfile_module.py"]
CPYTHON_EXACT_LIBRARY = ["zipfile_module.py", "numpy_random.py", "numpy_functions.py", "pyplot.py", "numpy_files.py"]


def cells(path: Path):
    cell = {"code": [], "out": [], "result": None, "error": None}
    for line in path.read_text().split("\n"):
        if line == "# ---":
            yield cell
            cell = {"code": [], "out": [], "result": None, "error": None}
            continue
        for key in ("out", "result", "error"):
            prefix = f"# {key}:"
            if line.startswith(prefix):
                value = line[len(prefix):].removeprefix(" ")
                if key == "out":
                    cell["out"].append(value)
                else:
                    cell[key] = value
                break
        else:
            cell["code"].append(line)
    yield cell


def run_cell(code: str, namespace: dict):
    """stdout, the repr of a final expression (or None), and 'Name: message' of an error."""
    out = io.StringIO()
    tree = ast.parse(code)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    if last is not None:
        tree.body = tree.body[:-1]
    result = error = None
    # The fixtures' own warnings and filters stay inside the cell.
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings(record=True):
        try:
            exec(compile(tree, "<cell>", "exec"), namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
                result = None if value is None else repr(value)
        except Exception as e:  # noqa: BLE001 - every error is compared with the fixture
            error = f"{type(e).__name__}: {e}"
    return out.getvalue(), result, error


@pytest.mark.parametrize("path", [FIXTURES / n for n in CPYTHON_EXACT] + [LIBRARY_FIXTURES / n for n in CPYTHON_EXACT_LIBRARY],
                         ids=CPYTHON_EXACT + CPYTHON_EXACT_LIBRARY)
def test_fixture_behaves_as_in_cpython(path):
    name = path.name
    namespace: dict = {"__name__": "__main__"}  # as in IPython's namespace
    ran = 0
    for i, cell in enumerate(cells(path)):
        code = "\n".join(cell["code"]).strip("\n")
        if not code.strip() or all(l.startswith("#") for l in code.split("\n") if l.strip()):
            continue
        stdout, result, error = run_cell(code, namespace)
        expected_out = "".join(l + "\n" for l in cell["out"])
        assert stdout == expected_out, f"{name} cell {i + 1}: stdout"
        assert result == cell["result"], f"{name} cell {i + 1}: result"
        assert error == cell["error"], f"{name} cell {i + 1}: error"
        ran += 1
    assert ran >= 3
