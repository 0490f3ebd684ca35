"""Fovea's numpy held against real numpy: a table of expressions, each evaluated by both in the
same setup, compared by repr (which carries values, shape and dtype). Rows marked `close` are
float results whose last digits may differ with the order of operations: Fovea's repr is read
back by numpy and compared by dtype, shape and values within float32 rounding. Mistakes must
raise the same exception class."""

from __future__ import annotations

import numpy as np
import pytest

from kernel_helpers import IS_FOVEA, execute, result_text, start_kernel, stop_kernel

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="compares Fovea's numpy with numpy")

SETUP = """
import numpy as np
a = np.arange(12).reshape(3, 4)
f = np.array([[1.5, -2.0, 3.25], [0.0, 4.0, -1.0]])
s = np.array([0.1, 0.2, 0.7], dtype=np.float32)
u = np.array([0, 128, 255], dtype=np.uint8)
i32 = np.array([1, -2, 3], dtype=np.int32)
b = np.array([True, False, True])
"""

EXACT = [
    # dtypes and numpy's defaults
    "np.zeros(3)", "np.zeros((2, 2), dtype=int)", "np.ones(2, np.float32)", "np.arange(3)", "np.arange(0.0, 1.0, 0.25)",
    "np.array([1, 2.5])", "np.array([True, False])", "np.array([[1, 2], [3, 4]], dtype=np.int32)", "np.array([])",
    "np.float32(0.5)", "np.float64(2)", "np.int64(7)", "np.uint8(200)", "np.True_", "np.array(3.5).dtype",
    "f.dtype", "s.dtype", "u.dtype", "i32.dtype", "a.dtype", "b.dtype", "(u / 255.0).dtype", "np.zeros(2).dtype == 'float64'",
    # NEP 50 promotion
    "u + 1", "u + 1.5", "u * np.float32(2)", "s + 1", "s * 2.0", "s + np.float64(1)", "i32 + u", "i32 + s", "i32 * 1.5",
    "b + b", "b * 3", "u // 7", "i32 % 2", "-i32", "~b", "2 ** np.arange(4)", "7 // np.array([2, -2])", "np.arange(5) % 3",
    "a / 2", "a // 5", "f // 1.5", "f % 1.5", "u - 1", "np.int64(3) + 1", "np.float32(1) + 1", "np.float32(1) + 1.5",
    # comparisons and masks
    "a > 5", "(a > 2) & (a < 9)", "(a < 2) | (a > 9)", "s == np.float32(0.1)", "s > 0.1", "u == 300", "a[a % 2 == 0]",
    # indexing
    "a[1]", "a[-1, ::2]", "a[:, [0, 2]]", "a[[0, 2], 1:]", "a[[0, 1], [1, 2]]", "a[:, a[0] > 1]", "a[..., None].shape",
    "a[np.int64(1)]", "a[1, 2]", "a[[2, 0]]", "s[b]", "a[np.newaxis, :, 1].shape",
    # ufuncs
    "np.abs(f)", "np.abs(i32)", "np.sqrt(np.array([4.0, 2.0]))", "np.exp(np.array([0.0, 1.0]))", "np.log(np.array([1.0, np.e]))",
    "np.floor(f)", "np.ceil(f)", "np.round(np.array([0.125, 2.5, 3.5]), 2)", "np.round(np.array([0.5, 1.5, 2.5]))",
    "np.maximum(f, 0)", "np.minimum(a, 5)", "np.clip(f, -1, 1)", "np.clip(a, 2, 8)", "np.power(a, 2)", "np.square(i32)",
    "np.where(f > 0, f, 0)", "np.where(a > 5, 1, -1)", "np.isnan(np.array([1.0, np.nan]))", "np.isfinite(np.array([np.inf, 1.0]))",
    "np.sign(f)", "np.exp(s)", "np.sqrt(s)", "abs(np.float64(-2.5))", "np.maximum(np.array([1.0, np.nan]), 0)",
    # reductions
    "a.sum()", "a.sum(axis=0)", "a.sum(axis=1, keepdims=True)", "a.mean()", "a.mean(axis=0)", "np.max(f)", "np.min(f, axis=1)",
    "np.argmax(f)", "np.argmax(f, axis=1)", "np.argmin(a, axis=0)", "np.prod([1, 2, 3, 4])", "b.sum()", "b.mean()",
    "s.sum()", "s.mean()", "s.max()", "np.std(a)", "np.var(a, axis=1)", "f.std(ddof=1)", "a.all()", "a.any(axis=1)",
    "np.all(b)", "np.any(b)", "i32.sum()", "i32.mean()",
    # products
    "a @ a.T", "np.dot([1, 2, 3], [4, 5, 6])", "np.matmul(f, np.ones(3))", "f.dot(np.ones((3, 2)))",
    # whole-array tests
    "np.allclose([1.0, 2.0], [1.0, 2.0000001])", "np.array_equal(a, a)", "np.array_equal(a, a[:2])", "np.isclose(s, 0.1)",
    # shapes
    "a.T", "a.reshape(-1)", "a.reshape(2, -1).shape", "np.expand_dims(a, 0).shape", "np.squeeze(np.zeros((1, 3, 1))).shape",
    "a.transpose(1, 0).shape", "a.flatten()", "a.tolist()", "s.tolist()", "float(s[0])", "int(a[1, 1])", "s[0].item()",
    # scalars as Python numbers
    "[10, 20, 30][np.argmax(s)]", "f'{s[0]:.3f}'", "'%.2f' % np.float64(0.125)", "str(s[0])", "{np.int64(1): 'x'}[1]",
    "round(np.float64(2.567), 1)", "float(np.float32(0.1))", "np.float32(0.1) == 0.1", "np.int64(3) == 3.0",
]

CLOSE = [
    "np.sum(np.arange(1000) * 0.1)", "np.mean(np.arange(10, dtype=np.float32) * 0.1)", "np.std(s)", "np.var(f, axis=0)",
    "np.exp(np.linspace(0, 1, 5)) if hasattr(np, 'linspace') else np.exp(np.arange(5) / 4)", "np.log(s)", "np.tanh(f)",
    "s @ np.ones((3, 2), dtype=np.float32)", "(u / 255.0).sum()",
]

ERRORS = [
    ("np.arange(3) + np.arange(4)", "ValueError"), ("a[3]", "IndexError"), ("a[:, [5]]", "IndexError"),
    ("a[0, 0, 0]", "IndexError"), ("a.reshape(5, -1)", "ValueError"), ("np.uint8(300)", "OverflowError"),
    ("u + 300", "OverflowError"), ("a @ np.ones(3)", "ValueError"), ("b - b", "TypeError"), ("~f", "TypeError"),
    ("np.arange(3) ** -1", "ValueError"), ("a.sum(axis=2)", "AxisError"), ("np.max(np.array([]))", "ValueError"),
    ("a[np.array([True, False])]", "IndexError"), ("a[1.5]", "IndexError"), ("np.zeros(3).astype('complex128x')", "TypeError"),
]


def numpy_value(expr: str):
    namespace: dict = {}
    exec(SETUP, namespace)
    return eval(expr, namespace)


@pytest.fixture(scope="module")
def kernel():
    km, kc = start_kernel()
    reply, _ = execute(kc, SETUP)
    assert reply["content"]["status"] == "ok"
    yield kc
    stop_kernel(km, kc)


def fovea(kc, expr: str) -> tuple[str | None, str | None]:
    reply, msgs = execute(kc, expr)
    if reply["content"]["status"] == "error":
        return None, reply["content"]["ename"]
    return result_text(msgs), None


@pytest.mark.parametrize("expr", EXACT)
def test_same_repr_as_numpy(kernel, expr):
    text, error = fovea(kernel, expr)
    assert error is None, f"{expr}: Fovea raised {error}"
    assert text == repr(numpy_value(expr))


@pytest.mark.parametrize("expr", CLOSE)
def test_same_values_within_float32_rounding(kernel, expr):
    text, error = fovea(kernel, expr)
    assert error is None, f"{expr}: Fovea raised {error}"
    expected = np.asarray(numpy_value(expr))
    got = np.asarray(eval(text, {"array": np.array, "np": np, "float32": np.float32, "uint8": np.uint8,
                                 "int32": np.int32, "int64": np.int64, "float64": np.float64}))
    assert got.dtype == expected.dtype and got.shape == expected.shape
    assert np.allclose(got, expected, rtol=2 ** -22, atol=0)


@pytest.mark.parametrize("expr,error_class", ERRORS)
def test_same_error_class_as_numpy(kernel, expr, error_class):
    with pytest.raises(Exception) as raised:
        numpy_value(expr)
    assert type(raised.value).__name__ == error_class
    _, error = fovea(kernel, expr)
    assert error == error_class
