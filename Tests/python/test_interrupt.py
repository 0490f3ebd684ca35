"""Interrupting a running cell: by interrupt_request on control (what
KernelManager.interrupt_kernel sends for interrupt_mode "message") and by
SIGINT to the kernel process. Either way the cell ends with KeyboardInterrupt
and the session, with its variables, carries on."""

from __future__ import annotations

import os
import signal
import time

import pytest

from kernel_helpers import (
    IS_FOVEA,
    TIMEOUT,
    control_reply,
    execute,
    flush,
    is_defined,
    result_text,
    shell_reply,
    start_kernel,
    stop_kernel,
)

LOOP = "while True:\n    pass"


@pytest.fixture
def kernel():
    km, kc = start_kernel()
    yield km, kc
    stop_kernel(km, kc)


def start_loop(kc) -> str:
    """Start the endless loop and wait until the kernel is inside it."""
    execute(kc, "kept = 41")
    flush(kc)
    msg_id = kc.execute(LOOP)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            break
    time.sleep(0.2)  # well inside the loop now
    return msg_id


def assert_interrupted_and_alive(kc, msg_id: str) -> None:
    reply = shell_reply(kc, msg_id, timeout=30)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    flush(kc)
    assert is_defined(kc, "kept")
    reply, msgs = execute(kc, "kept + 1")
    assert reply["content"]["status"] == "ok"
    assert result_text(msgs) == "42"


def test_interrupt_kernel_via_manager(kernel):
    km, kc = kernel
    if IS_FOVEA:
        assert km.kernel_spec.interrupt_mode == "message"
    msg_id = start_loop(kc)
    km.interrupt_kernel()
    assert_interrupted_and_alive(kc, msg_id)


def test_interrupt_request_on_control_is_answered(kernel):
    _, kc = kernel
    msg_id = start_loop(kc)
    request = kc.session.msg("interrupt_request", {})
    kc.control_channel.send(request)
    reply = control_reply(kc, request["header"]["msg_id"], timeout=30)
    assert reply["msg_type"] == "interrupt_reply"
    assert reply["content"].get("status", "ok") == "ok"
    assert_interrupted_and_alive(kc, msg_id)


def test_sigint_to_the_process(kernel):
    km, kc = kernel
    msg_id = start_loop(kc)
    os.kill(km.provisioner.pid, signal.SIGINT)
    assert_interrupted_and_alive(kc, msg_id)


def test_sigint_while_idle_is_harmless(kernel):
    km, kc = kernel
    execute(kc, "kept = 41")
    os.kill(km.provisioner.pid, signal.SIGINT)
    time.sleep(0.5)
    assert km.is_alive()
    flush(kc)
    reply, msgs = execute(kc, "kept + 1")
    assert reply["content"]["status"] == "ok"
    assert result_text(msgs) == "42"


def test_interrupt_twice_in_a_row(kernel):
    """A second interrupt right after the first must not take down the kernel
    or poison the next cell."""
    km, kc = kernel
    msg_id = start_loop(kc)
    km.interrupt_kernel()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=30)
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    time.sleep(0.5)
    flush(kc)
    reply, msgs = execute(kc, "kept + 1")
    assert reply["content"]["status"] == "ok" and result_text(msgs) == "42"


@pytest.mark.skipif(not IS_FOVEA, reason="Fovea's choice: CPython's bare except catches KeyboardInterrupt")
def test_a_bare_except_does_not_keep_a_cell_from_stopping(kernel):
    """The interrupt button's KeyboardInterrupt passes a bare `except:` and `except Exception:`
    (only a handler naming KeyboardInterrupt catches it), and `finally` still runs."""
    km, kc = kernel
    execute(kc, "kept = 41\ncleaned = False")
    flush(kc)
    msg_id = kc.execute("try:\n    while True:\n        pass\nexcept:\n    print('swallowed')\nfinally:\n    cleaned = True")
    time.sleep(0.5)
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=30)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    flush(kc)
    reply, msgs = execute(kc, "cleaned, kept + 1")
    assert result_text(msgs) == "(True, 42)"


@pytest.mark.skipif(not IS_FOVEA, reason="tests Fovea's shell lines")
def test_interrupt_stops_a_shell_command(kernel):
    """`!sleep 60` is stopped by the interrupt button within a couple of seconds."""
    km, kc = kernel
    execute(kc, "kept = 41")
    flush(kc)
    msg_id = kc.execute("!sleep 60")
    time.sleep(0.5)
    started = time.monotonic()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=30)
    assert time.monotonic() - started < 5
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    flush(kc)
    reply, msgs = execute(kc, "kept + 1")
    assert result_text(msgs) == "42"


# CPython's sum() over a range or itertools.count loops in C without looking at signals, so
# ipykernel cannot stop those two; Fovea can.
IN_C_IN_CPYTHON = pytest.mark.skipif(not IS_FOVEA, reason="CPython's C loop does not check for signals")


@pytest.mark.parametrize("code", [
    pytest.param("sum(range(10**12))", marks=IN_C_IN_CPYTHON),
    pytest.param("import itertools\nsum(itertools.islice(itertools.count(), 10**12))", marks=IN_C_IN_CPYTHON),
    "max(i for i in range(10**12))",
    "def naturals():\n    n = 0\n    while True:\n        yield n\n        n += 1\nsum(naturals())",
], ids=["sum-range", "itertools-count", "generator-expression", "generator-function"])
def test_interrupt_stops_a_builtin_consuming_an_endless_iterable(kernel, code):
    """A built-in (sum, max) looping over a huge range, itertools.count or a generator stops at
    the interrupt button like a loop written in a cell."""
    km, kc = kernel
    execute(kc, "kept = 41")
    flush(kc)
    msg_id = kc.execute(code)
    time.sleep(0.5)
    km.interrupt_kernel()
    assert_interrupted_and_alive(kc, msg_id)
