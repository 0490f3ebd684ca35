"""np.random in Fovea against real numpy: the same calls with the same seeds, run through the
kernel and through numpy, must print the same numbers, digit for digit (repr of every float), and
fail with the same errors. The one documented exception: the Generator's normal values come from
a ziggurat whose tables Fovea builds itself, so they are compared to 1e-13 relative, and most of
them (about six in seven) must still be numpy's exactly."""

from __future__ import annotations

import ast
import contextlib
import io

import pytest

from kernel_helpers import execute

np = pytest.importorskip("numpy")

# Prints a value as Python lists and numbers, the same way in both: arrays and numpy scalars
# through tolist(), so that only the numbers are compared.
SHOW = '''
import numpy as np
def show(v):
    if isinstance(v, (list, tuple)):
        v = [x.tolist() if hasattr(x, 'tolist') else x for x in v]
    elif hasattr(v, 'tolist'):
        v = v.tolist()
    print(repr(v))
'''

SEEDS = "[0, 1, 42, 123, 2**32 - 1]"

EXACT = {
    "legacy_uniforms": f"""
for s in {SEEDS}:
    np.random.seed(s)
    show([np.random.rand(40), np.random.rand(), np.random.random((2, 3)), np.random.random_sample(5),
          np.random.uniform(-3, 7, (3, 4)), np.random.uniform(5, 2), np.random.uniform()])
""",
    "legacy_normals": f"""
for s in {SEEDS}:
    np.random.seed(s)
    show([np.random.randn(7), np.random.randn(), np.random.normal(2, 3, 5), np.random.standard_normal((2, 2)),
          np.random.normal(), np.random.normal(-1, 0.5)])
""",
    "legacy_randint": f"""
for s in {SEEDS}:
    np.random.seed(s)
    show([np.random.randint(10, size=20), np.random.randint(-1000, 10**12, size=10), np.random.randint(5),
          np.random.randint(0, 256, 20, dtype=np.uint8), np.random.randint(3, 9, 9, dtype=np.uint8),
          np.random.randint(0, 2**31 - 1, 5, dtype=np.int32), np.random.randint(-7, -2, (2, 3)),
          np.random.randint(0, 2**32, 4), np.random.randint(-2**62, 2**62, 3)])
""",
    "legacy_choice": f"""
for s in {SEEDS}:
    np.random.seed(s)
    show([np.random.choice(7, 10), np.random.choice(7, 5, replace=False), np.random.choice(7),
          np.random.choice([3.5, 1.25, 7.0], 6, p=[0.2, 0.5, 0.3]), np.random.choice(6, 4, replace=False, p=[0.1, 0.1, 0.2, 0.3, 0.2, 0.1]),
          np.random.choice(50000, 10, replace=False), np.random.choice([5, 6, 7, 8], (2, 3)), np.random.choice(4, p=[0.25] * 4)])
""",
    "legacy_shuffle_permutation": f"""
for s in {SEEDS}:
    np.random.seed(s)
    a = np.arange(15)
    np.random.shuffle(a)
    l = list('abcdefghij')
    np.random.shuffle(l)
    m = np.arange(24).reshape(6, 4)
    np.random.shuffle(m)
    show([a, l, m, np.random.permutation(12), np.random.permutation([1.5, 2.5, 3.5, 4.5]),
          np.random.permutation(np.arange(10).reshape(5, 2)), np.random.rand()])
""",
    "random_state_objects": f"""
for s in {SEEDS}:
    rs = np.random.RandomState(s)
    show([rs.rand(3), rs.randn(3), rs.randint(0, 100, 4), rs.choice(9, 4, replace=False), rs.permutation(6),
          rs.uniform(1, 2, 2), rs.normal(10, 1, 2), rs.random_sample(), rs.random(2)])
rs = np.random.RandomState([1, 2, 3])
show([rs.rand(4), np.random.RandomState(7).randint(0, 10, 3)])
""",
    "generator_uniforms_integers": f"""
for s in {SEEDS}:
    g = np.random.default_rng(s)
    show([g.random(30), g.random(), g.random((2, 2)), g.uniform(-3, 7, 5), g.uniform(),
          g.integers(10, size=20), g.integers(-1000, 10**12, size=10), g.integers(5), g.integers(1, 6, 8, endpoint=True),
          g.integers(0, 256, 20, dtype=np.uint8), g.integers(3, 9, 9, dtype=np.uint8), g.integers(0, 2**31 - 1, 5, dtype=np.int32),
          g.integers(0, 2**32, 4), g.integers(-2**62, 2**62, 3), g.random()])
show(np.random.default_rng([1, 2**40, 3]).random(3))
""",
    "generator_choice": f"""
for s in {SEEDS}:
    g = np.random.default_rng(s)
    show([g.choice(7, 10), g.choice(100, 6, replace=False), g.choice(7), g.choice(20000, 1000, replace=False)[:20],
          g.choice([3.5, 1.25, 7.0], 6, p=[0.2, 0.5, 0.3]), g.choice(6, 4, replace=False, p=[0.1, 0.1, 0.2, 0.3, 0.2, 0.1]),
          g.choice([[1, 2], [3, 4], [5, 6]], 4), g.choice([5, 6, 7, 8], (2, 3)), g.choice(4, p=[0.25] * 4), g.random()])
""",
    "generator_shuffle_permutation": f"""
for s in {SEEDS}:
    g = np.random.default_rng(s)
    a = np.arange(15)
    g.shuffle(a)
    l = list('abcdefghij')
    g.shuffle(l)
    m = np.arange(24).reshape(6, 4)
    g.shuffle(m)
    show([a, l, m, g.permutation(12), g.permutation([1.5, 2.5, 3.5, 4.5]), g.permutation(np.arange(10).reshape(5, 2)), g.random()])
""",
    "edges": """
np.random.seed(3)
g = np.random.default_rng(3)
show([np.random.permutation(-3), g.permutation(0), np.random.choice(5, 0, replace=False), g.choice(5, 0, replace=False),
      np.random.choice(0, 0), np.random.randint(0, 1, 3), g.integers(5, 5, size=2, endpoint=True), np.random.uniform(1, 1, 2),
      np.random.randint(5, size=0), np.random.rand(0, 3), np.random.rand(), g.random()])
""",
    "numpy_scalar_arguments": """
n = np.arange(6)[4]
np.random.seed(n)
g = np.random.default_rng(n)
show([np.random.rand(n), np.random.randint(n, size=n), np.random.permutation(n), np.random.choice(n, size=(n,)),
      g.integers(n, size=n), g.permutation(n), g.random(n), np.random.RandomState(n).rand(n)])
""",
}

# The ziggurat: compared to 1e-13 relative; the draws after them must be numpy's exactly.
NORMALS = f"""
for s in {SEEDS}:
    g = np.random.default_rng(s)
    show([g.standard_normal(400), g.normal(3, 2, 200), [g.standard_normal() for _ in range(20)], g.random(5)])
"""

ERRORS = [
    "np.random.randint(5, 5)", "np.random.randint(0)", "np.random.randint(0, 300, dtype=np.uint8)",
    "np.random.randint(-1, 3, dtype=np.uint8)", "np.random.randint(0, 3, dtype=np.float32)",
    "np.random.default_rng(0).integers(5, 5)", "np.random.default_rng(0).integers(3, 2, endpoint=True)",
    "np.random.default_rng(0).integers(0, -1, endpoint=True)", "np.random.rand(2, -1)", "np.random.rand(2.5)",
    "np.random.random(-1)", "np.random.random(2.5)", "np.random.random('a')", "np.random.random((2, 2.5))",
    "np.random.normal(0, -1)", "np.random.default_rng(0).normal(0, -1)", "np.random.uniform(0, float('inf'))",
    "np.random.default_rng(0).uniform(2, 1)", "np.random.choice([])", "np.random.default_rng(0).choice([])",
    "np.random.choice(0)", "np.random.default_rng(0).choice(-2)", "np.random.choice(2.5)",
    "np.random.default_rng(0).choice(2.5)", "np.random.choice([[1, 2], [3, 4]])",
    "np.random.choice(3, 4, replace=False)", "np.random.default_rng(0).choice(3, 4, replace=False)",
    "np.random.choice([1, 2], p=[0.5, 0.6])", "np.random.default_rng(0).choice([1, 2], p=[0.5, 0.6])",
    "np.random.choice([1, 2], p=[1.0])", "np.random.choice([1, 2], p=[1.5, -0.5])",
    "np.random.choice(5, 3, replace=False, p=[0.5, 0.5, 0, 0, 0])", "np.random.choice(5, -1)",
    "np.random.choice(5, -1, replace=False)", "np.random.choice(3, p=[[0.5, 0.5, 0]])", "np.random.seed(-1)",
    "np.random.seed(2**32)", "np.random.seed(1.5)", "np.random.seed([])", "np.random.RandomState(-5)",
    "np.random.default_rng(-1)", "np.random.default_rng(1.5)", "np.random.shuffle(3)", "np.random.shuffle((1, 2, 3))",
    "np.random.permutation(2.5)", "np.random.default_rng(0).permutation(2.5)",
]


def numpy_stdout(code: str) -> str:
    out = io.StringIO()
    namespace: dict = {"__name__": "__main__"}
    with contextlib.redirect_stdout(out):
        exec(SHOW + code, namespace)
    return out.getvalue()


def fovea_stdout(kc, code: str) -> str:
    reply, msgs = execute(kc, SHOW + code, stop_on_error=False)
    content = reply["content"]
    assert content["status"] == "ok", f"{content.get('ename')}: {content.get('evalue')}"
    return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def flat_floats(value) -> list[float]:
    if isinstance(value, list):
        return [f for item in value for f in flat_floats(item)]
    return [float(value)]


@pytest.mark.parametrize("name", list(EXACT))
def test_the_same_numbers_as_numpy(kernel, name):
    _, kc = kernel
    expected = numpy_stdout(EXACT[name])
    assert expected.strip()
    assert fovea_stdout(kc, EXACT[name]) == expected


def test_generator_normals_agree_to_the_last_bits(kernel):
    _, kc = kernel
    expected = [ast.literal_eval(line) for line in numpy_stdout(NORMALS).splitlines()]
    got = [ast.literal_eval(line) for line in fovea_stdout(kc, NORMALS).splitlines()]
    assert len(got) == len(expected) == 5
    same = total = 0
    for mine, theirs in zip(got, expected):
        # The uniforms drawn after the normals: the ziggurat consumed numpy's draws.
        assert mine[-1] == theirs[-1]
        a, b = np.array(flat_floats(mine[:-1])), np.array(flat_floats(theirs[:-1]))
        np.testing.assert_allclose(a, b, rtol=1e-13, atol=1e-13)
        same += int((a == b).sum())
        total += a.size
    assert same / total > 0.75, f"only {same} of {total} normal values are numpy's exactly"


@pytest.mark.parametrize("expression", ERRORS)
def test_the_same_errors_as_numpy(kernel, expression):
    _, kc = kernel
    try:
        exec("import numpy as np\n" + expression, {})
    except Exception as e:  # noqa: BLE001 - whatever numpy raises is the expectation
        expected = (type(e).__name__, str(e))
    else:
        pytest.fail(f"numpy raised nothing for {expression}")
    reply, _ = execute(kc, "import numpy as np\n" + expression, stop_on_error=False)
    content = reply["content"]
    assert content["status"] == "error", expression
    assert (content["ename"], content["evalue"]) == expected
