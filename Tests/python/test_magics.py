"""IPython's shell captures and timing magics, through a real kernel. The same tests run against
ipykernel (FOVEA_TEST_KERNEL=python3), which is where their expectations come from."""

from __future__ import annotations

import re

import pytest

from kernel_helpers import IS_FOVEA, execute, result_text, start_kernel, stdout_of, stop_kernel

TIMEIT_LINE = re.compile(
    r"^\d[\d.]* (ns|µs|ms|s) ± \d[\d.]* (ns|µs|ms|s) per loop "
    r"\(mean ± std\. dev\. of (\d+) runs?, ([\d,]+) loops? each\)$")


@pytest.fixture(scope="module")
def kc():
    km, kc = start_kernel()
    yield kc
    stop_kernel(km, kc)


def test_shell_capture_assigns_the_output_lines(kc, tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.csv").write_text("y")
    reply, _ = execute(kc, f"files = !ls {tmp_path}\nout = !echo one; echo two >&2\ncrlf = !printf 'a,b\\r\\nc,d\\r\\n'")
    assert reply["content"]["status"] == "ok", reply["content"]
    _, msgs = execute(kc, "list(files), list(out), list(crlf)")
    assert result_text(msgs) == "(['a.txt', 'b.csv'], ['one', 'two'], ['a,b', 'c,d'])"


def test_magic_value_can_be_assigned(kc):
    _, msgs = execute(kc, "here = %pwd\ntype(here).__name__, len(here) > 0")
    assert result_text(msgs) == "('str', True)"


def test_timeit_prints_ipythons_line_and_runs_n_times_r_repeats(kc):
    reply, msgs = execute(kc, "calls = []\n%timeit -n 3 -r 2 calls.append(1)")
    assert reply["content"]["status"] == "ok", reply["content"]
    # A first line may warn that the slowest run took much longer than the fastest.
    line = stdout_of(msgs).strip().split("\n")[-1]
    match = TIMEIT_LINE.match(line)
    assert match, line
    assert match.group(3) == "2" and match.group(4) == "3"
    _, msgs = execute(kc, "len(calls)")
    assert result_text(msgs) == "6"


def test_timeit_chooses_the_loop_count_and_times_a_cell(kc):
    reply, msgs = execute(kc, "%%timeit -r 3\ntotal = 0\nfor i in range(20):\n    total += i")
    assert reply["content"]["status"] == "ok", reply["content"]
    match = TIMEIT_LINE.match(stdout_of(msgs).strip().split("\n")[-1])
    assert match, stdout_of(msgs)
    loops = int(match.group(4).replace(",", ""))
    assert match.group(3) == "3" and loops >= 10 and str(loops).rstrip("0") == "1"


@pytest.mark.skipif(not IS_FOVEA, reason="IPython prints nothing; Fovea says what %timeit needs")
def test_timeit_without_a_statement_is_a_usage_error(kc):
    reply, _ = execute(kc, "%timeit")
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "UsageError"
