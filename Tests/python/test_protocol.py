"""The messaging protocol as real clients use it (jupyter_client's
KernelManager and BlockingKernelClient), beyond what jupyter_kernel_test checks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import uuid

import pytest
from jupyter_client.connect import write_connection_file

from kernel_helpers import (
    DELIM,
    IS_FOVEA,
    KERNEL,
    TIMEOUT,
    RawClient,
    control_reply,
    execute,
    flush,
    iopub_for,
    is_defined,
    new_header,
    result_text,
    shell_reply,
    sign,
    start_kernel,
    stdout_of,
    stop_kernel,
)

fovea_only = pytest.mark.skipif(not IS_FOVEA, reason="Fovea-specific behaviour")

ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")


@pytest.fixture
def kc(kernel):
    km, kc = kernel
    flush(kc)
    return kc


@pytest.fixture
def fresh():
    """A kernel of its own, for tests that change or end its state."""
    km, kc = start_kernel()
    yield km, kc
    stop_kernel(km, kc)


def types(msgs):
    return [m["msg_type"] for m in msgs]


def states(msgs):
    return [m["content"]["execution_state"] for m in msgs if m["msg_type"] == "status"]


# ---------------------------------------------------------------- execute

def test_execute_iopub_order(kc):
    code = 'print("one")\n6 * 7'
    reply, msgs = execute(kc, code)
    assert reply["content"]["status"] == "ok"
    assert types(msgs)[0] == "status" and msgs[0]["content"]["execution_state"] == "busy"
    assert types(msgs)[1] == "execute_input"
    assert types(msgs)[-1] == "status" and msgs[-1]["content"]["execution_state"] == "idle"
    outputs = msgs[2:-1]
    assert "status" not in types(outputs) and "execute_input" not in types(outputs)
    assert types(outputs) == ["stream", "execute_result"]
    assert stdout_of(outputs) == "one\n"
    assert result_text(outputs) == "42"
    count = reply["content"]["execution_count"]
    assert msgs[1]["content"] == {"code": code, "execution_count": count}
    assert outputs[-1]["content"]["execution_count"] == count


def test_every_message_has_fresh_id_and_one_session(kc):
    _, msgs = execute(kc, "print(1)\nprint(2)\n3")
    msgs += execute(kc, "4")[1]
    ids = [m["header"]["msg_id"] for m in msgs]
    assert len(ids) == len(set(ids))
    assert len({m["header"]["session"] for m in msgs}) == 1


REQUESTS = {
    "kernel_info": lambda kc: kc.kernel_info(),
    "complete": lambda kc: kc.complete("pri"),
    "inspect": lambda kc: kc.inspect("print"),
    "is_complete": lambda kc: kc.is_complete("for i in range(3):"),
    "history": lambda kc: kc.history(hist_access_type="tail", n=5),
    "comm_info": lambda kc: kc.comm_info(),
}


@pytest.mark.parametrize("request_type", sorted(REQUESTS))
def test_busy_idle_around_every_request(kc, request_type):
    msg_id = REQUESTS[request_type](kc)
    reply = shell_reply(kc, msg_id)
    assert reply["msg_type"] == f"{request_type}_reply"
    if request_type != "is_complete":  # whose status is the verdict
        assert reply["content"].get("status", "ok") == "ok"
    msgs = iopub_for(kc, msg_id)
    assert types(msgs) == ["status", "status"]
    assert states(msgs) == ["busy", "idle"]


def test_execution_count_increments_and_silent_does_not(kc):
    first = execute(kc, "1")[0]["content"]["execution_count"]
    second = execute(kc, "2")[0]["content"]["execution_count"]
    assert second == first + 1

    reply, msgs = execute(kc, "silent_value = 7\nsilent_value", silent=True)
    assert reply["content"]["status"] == "ok"
    assert "execute_input" not in types(msgs)
    assert "execute_result" not in types(msgs)

    third = execute(kc, "silent_value")
    assert third[0]["content"]["execution_count"] == second + 1
    assert result_text(third[1]) == "7"  # it did run


def test_store_history_false(kc):
    before = execute(kc, "1")[0]["content"]["execution_count"]
    reply, _ = execute(kc, "nohist_marker = 12345", store_history=False)
    assert reply["content"]["status"] == "ok"
    after = execute(kc, "nohist_marker")
    assert result_text(after[1]) == "12345"
    # Per the messaging spec, the count moves only for stored executions.
    assert after[0]["content"]["execution_count"] == before + 1

    msg_id = kc.history(hist_access_type="tail", n=50, raw=True, output=False)
    history = shell_reply(kc, msg_id)["content"]["history"]
    sources = [entry[2] for entry in history]
    assert "nohist_marker" in sources
    assert "nohist_marker = 12345" not in sources

    msg_id = kc.history(hist_access_type="search", pattern="*nohist_marker =*", raw=True, output=False)
    assert shell_reply(kc, msg_id)["content"]["history"] == []


def test_stop_on_error_aborts_queued_executes(fresh):
    _, kc = fresh
    ids = [kc.execute("1/0"), kc.execute("x = 1"), kc.execute("print(1)")]
    replies = [shell_reply(kc, i) for i in ids]
    assert replies[0]["content"]["status"] == "error"
    assert replies[0]["content"]["ename"] == "ZeroDivisionError"
    aborted = {"error"} if IS_FOVEA else {"error", "aborted"}
    for r in replies[1:]:
        assert r["content"]["status"] in aborted, r["content"]
    # Nothing ran: no output from print(1), and x was never bound.
    time.sleep(0.5)
    seen = []
    while True:
        try:
            seen.append(kc.get_iopub_msg(timeout=0.2))
        except Exception:
            break
    assert not [m for m in seen if m["parent_header"].get("msg_id") == ids[2] and m["msg_type"] == "stream"]
    assert not is_defined(kc, "x")
    # Only the queue at the time of the error is dropped.
    reply, msgs = execute(kc, "print(2)")
    assert reply["content"]["status"] == "ok" and stdout_of(msgs) == "2\n"


def test_stop_on_error_false_keeps_running(fresh):
    _, kc = fresh
    ids = [kc.execute("1/0", stop_on_error=False), kc.execute("y = 1")]
    replies = [shell_reply(kc, i) for i in ids]
    assert [r["content"]["status"] for r in replies] == ["error", "ok"]
    assert is_defined(kc, "y")


def test_error_reply_and_error_output(kc):
    reply, msgs = execute(kc, "1/0")
    content = reply["content"]
    assert content["status"] == "error"
    assert content["ename"] == "ZeroDivisionError"
    assert isinstance(content["traceback"], list) and content["traceback"]
    errors = [m for m in msgs if m["msg_type"] == "error"]
    assert len(errors) == 1
    assert errors[0]["content"]["ename"] == "ZeroDivisionError"


def test_variables_persist_across_cells(kc):
    execute(kc, "persist_a = 21")
    execute(kc, "persist_b = persist_a * 2")
    assert result_text(execute(kc, "persist_b")[1]) == "42"


def test_def_persists(kc):
    execute(kc, "def twice(v):\n    return v * 2\n")
    assert result_text(execute(kc, "twice(21)")[1]) == "42"


# ---------------------------------------------------------------- deep nesting

def assert_answers_one_plus_one(km, kc):
    assert km.is_alive()
    reply, msgs = execute(kc, "1+1")
    assert reply["content"]["status"] == "ok"
    assert result_text(msgs) == "2"


# name: (code, ename, the start of evalue, where the error points (Fovea) or None)
DEEP_CELLS = {
    "100000_open_brackets": ("[" * 100_000, "SyntaxError", "too many nested parentheses", ":1:201"),
    "1000_nested_brackets": ("x = " + "[" * 1_000 + "]" * 1_000, "SyntaxError", "too many nested parentheses", ":1:205"),
    "deep_recursion": ("def down(n):\n    return down(n + 1)\ndown(0)", "RecursionError",
                       "maximum recursion depth exceeded", None),
    "repr_of_deeply_nested_list": ("deep = []\nfor i in range(100000):\n    deep = [deep]\nrepr(deep)", "RecursionError",
                                   "maximum recursion depth exceeded while getting the repr of an object", ":4:1"),
}


@pytest.mark.parametrize("case", list(DEEP_CELLS))
def test_deep_nesting_is_an_error_and_the_kernel_lives_on(kernel, case):
    """Deeply nested input ends in CPython's error, in the execute_reply and the error output,
    never in a dead kernel; the next cell runs."""
    km, kc = kernel
    flush(kc)
    code, ename, evalue, at = DEEP_CELLS[case]
    reply, msgs = execute(kc, code)
    content = reply["content"]
    assert content["status"] == "error"
    assert content["ename"] == ename
    assert content["evalue"].startswith(evalue)
    errors = [m["content"] for m in msgs if m["msg_type"] == "error"]
    assert len(errors) == 1
    assert (errors[0]["ename"], errors[0]["evalue"]) == (ename, content["evalue"])
    if IS_FOVEA and at:
        assert any(at in line for line in content["traceback"][:3]), content["traceback"][:3]
    assert_answers_one_plus_one(km, kc)
    execute(kc, "deep = None")


def deep_json(levels: int) -> bytes:
    return b'{"a":[' * (levels // 2) + b"1" + b"]}" * (levels // 2)


def test_deeply_nested_json_message_is_dropped_and_the_kernel_lives_on(kernel):
    """Signed messages nested 100,000 deep, in each frame, on shell and on control (whose
    thread has an ordinary stack): each is dropped or answered with an error, none runs, and
    the kernel answers what follows. Nesting a JSON parser accepts still works."""
    km, kc = kernel
    flush(kc)
    raw = RawClient(km.get_connection_info())
    try:
        deep = deep_json(100_000)
        execute_content = {"code": "pwned_deep = 1", "silent": False, "store_history": True,
                           "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
        content = json.dumps(execute_content).encode()
        content_with_deep = content[:-1] + b', "deep": ' + deep + b"}"
        for sock in (raw.shell, raw.control):
            header = json.dumps(new_header("execute_request", raw.session)).encode()
            variants = [
                [header, b"{}", b"{}", content_with_deep],
                [header, b"{}", deep, content],
                [header, deep, b"{}", content],
                [deep, b"{}", b"{}", content],
            ]
            for parts in variants:
                sock.send_multipart([DELIM, sign(raw.key, parts), *parts])
            reply, others = raw.request(sock, "kernel_info_request", {})
            assert reply["header"]["msg_type"] == "kernel_info_reply"
            assert all(m["content"].get("status") == "error" for m in others), others
        # 400 levels of metadata: a message like any other.
        header = json.dumps(new_header("execute_request", raw.session)).encode()
        execute_content["code"] = "6 * 7"
        parts = [header, b"{}", deep_json(400), json.dumps(execute_content).encode()]
        raw.shell.send_multipart([DELIM, sign(raw.key, parts), *parts])
        got = raw.parse(raw.recv(raw.shell))
        assert got["header"]["msg_type"] == "execute_reply"
        assert got["content"]["status"] == "ok"
    finally:
        raw.close()
    assert not is_defined(kc, "pwned_deep")
    assert_answers_one_plus_one(km, kc)


# ---------------------------------------------------------------- other requests

def test_complete_replaces_the_right_span(kc):
    code = "import sys\nsys.std"
    msg_id = kc.complete(code, len(code))
    content = shell_reply(kc, msg_id)["content"]
    assert content["status"] == "ok"
    start, end = content["cursor_start"], content["cursor_end"]
    assert 0 <= start <= end == len(code)
    completed = {code[:start] + m + code[end:] for m in content["matches"]}
    assert "import sys\nsys.stderr" in completed
    assert "import sys\nsys.stdout" in completed


def test_inspect_print(kc):
    msg_id = kc.inspect("print", 5, detail_level=0)
    content = shell_reply(kc, msg_id)["content"]
    assert content["status"] == "ok" and content["found"] is True
    assert "print" in content["data"]["text/plain"]


def test_inspect_unknown_name(kc):
    msg_id = kc.inspect("no_such_name_here", 3)
    content = shell_reply(kc, msg_id)["content"]
    assert content["status"] == "ok" and content["found"] is False


def test_comm_info_is_empty(kc):
    msg_id = kc.comm_info()
    content = shell_reply(kc, msg_id)["content"]
    assert content["status"] == "ok"
    assert content["comms"] == {}


def test_comm_open_unknown_target_is_closed(kc):
    comm_id = uuid.uuid4().hex
    msg = kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "no.such.target", "data": {}})
    kc.shell_channel.send(msg)
    msgs = iopub_for(kc, msg["header"]["msg_id"])
    closes = [m for m in msgs if m["msg_type"] == "comm_close"]
    assert len(closes) == 1 and closes[0]["content"]["comm_id"] == comm_id


def test_kernel_info_on_shell_and_control(kc):
    shell = shell_reply(kc, kc.kernel_info())["content"]
    msg = kc.session.msg("kernel_info_request")
    kc.control_channel.send(msg)
    control = control_reply(kc, msg["header"]["msg_id"])
    assert control["msg_type"] == "kernel_info_reply"
    # IPython's banner carries a random tip; everything else must be the same.
    drop = lambda c: {k: v for k, v in c.items() if k != "banner"}
    assert drop(control["content"]) == drop(shell)


def test_kernel_info_content(kc):
    content = shell_reply(kc, kc.kernel_info())["content"]
    assert content["status"] == "ok"
    info = content["language_info"]
    assert info["name"] == "python"
    assert info["file_extension"] == ".py"
    assert info["mimetype"] == "text/x-python"
    for key in ("implementation", "implementation_version", "banner", "protocol_version"):
        assert isinstance(content[key], str) and content[key], key
    assert isinstance(content["help_links"], list)
    for link in content["help_links"]:
        assert set(link) >= {"text", "url"}
    if IS_FOVEA:
        assert content["protocol_version"] == "5.5"
        assert content["implementation"] == "fovea"
        assert info["codemirror_mode"] in ("python", {"name": "python", "version": 3}, {"name": "ipython", "version": 3})
        assert info["pygments_lexer"] in ("python", "python3", "ipython3")
        assert content["help_links"], "help_links should point somewhere useful"


# ---------------------------------------------------------------- stdin

def test_input_with_stdin(kc):
    msg_id = kc.execute('name = input("name? ")\nprint("hello " + name)', allow_stdin=True)
    request = kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["msg_type"] == "input_request"
    assert request["parent_header"]["msg_id"] == msg_id
    assert request["content"]["prompt"] == "name? "
    assert request["content"]["password"] is False
    kc.input("Ada")
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["status"] == "ok"
    assert "hello Ada\n" in stdout_of(iopub_for(kc, msg_id))
    assert result_text(execute(kc, "name")[1]) == "'Ada'"


def test_input_without_stdin_is_an_error(kc):
    reply, msgs = execute(kc, 'name2 = input("name? ")', allow_stdin=False)
    content = reply["content"]
    assert content["status"] == "error"
    text = " ".join([content["ename"], content["evalue"], *content["traceback"]])
    assert "stdin" in text.lower()
    assert not is_defined(kc, "name2")


# ---------------------------------------------------------------- life cycle

def test_shutdown_request_ends_the_process(fresh):
    km, kc = fresh
    msg_id = kc.shutdown(restart=False)
    reply = control_reply(kc, msg_id)
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["content"]["restart"] is False
    assert reply["content"].get("status", "ok") == "ok"
    km.provisioner.process.wait(timeout=TIMEOUT)


def test_restart_gives_fresh_state(fresh):
    km, kc = fresh
    execute(kc, "before_restart = 1")
    assert is_defined(kc, "before_restart")
    old_pid = km.provisioner.pid
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    flush(kc)
    assert km.provisioner.pid != old_pid
    assert not is_defined(kc, "before_restart")
    reply, _ = execute(kc, "1")
    assert reply["content"]["status"] == "ok"


@fovea_only
def test_kernel_exits_when_parent_dies(tmp_path):
    """JPY_PARENT_PID names the frontend; when it is gone the kernel leaves.
    jupyter_client always sets JPY_PARENT_PID to itself, so spawn by hand."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("fovea")
    conn = tmp_path / "kernel.json"
    write_connection_file(str(conn), ip="127.0.0.1", key=uuid.uuid4().hex.encode())
    parent = subprocess.Popen(["sleep", "600"])
    argv = [a.replace("{connection_file}", str(conn)) for a in spec.argv]
    kernel = subprocess.Popen(argv, env={**os.environ, "JPY_PARENT_PID": str(parent.pid)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # It is up and serving before the parent goes.
        client = RawClient(json.loads(conn.read_text()))
        try:
            reply, _ = client.request(client.shell, "kernel_info_request", {})
            assert reply["header"]["msg_type"] == "kernel_info_reply"
        finally:
            client.close()
        assert kernel.poll() is None
        parent.kill()
        parent.wait()  # reap it: a zombie still answers kill(pid, 0)
        kernel.wait(timeout=15)
    finally:
        if kernel.poll() is None:
            kernel.kill()
            kernel.wait()
        if parent.poll() is None:
            parent.kill()
            parent.wait()


# ---------------------------------------------------------------- wire details

def test_dates_are_iso8601_utc_with_microseconds(kernel):
    km, _ = kernel
    client = RawClient(km.get_connection_info())
    try:
        time.sleep(0.3)  # let the SUB subscription reach the kernel
        reply, _ = client.request(client.shell, "execute_request", {
            "code": 'print("dated")\n1', "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        assert ISO_Z.match(reply["header"]["date"]), reply["header"]["date"]
        assert b'"date"' in reply["raw_header"]
        iopub = client.drain_iopub()
        ours = [m for m in iopub if m["parent_header"].get("msg_id") == reply["parent_header"]["msg_id"]]
        assert ours, "no iopub message for the request"
        for m in ours:
            assert ISO_Z.match(m["header"]["date"]), (m["header"]["msg_type"], m["header"]["date"])
    finally:
        client.close()


def test_heartbeat_echoes(kernel):
    import zmq

    km, _ = kernel
    info = km.get_connection_info()
    ctx = zmq.Context()
    sock = ctx.socket(zmq.REQ)
    sock.setsockopt(zmq.LINGER, 0)
    try:
        sock.connect(f"{info['transport']}://{info['ip']}:{info['hb_port']}")
        sock.send(b"ping-123")
        assert sock.poll(TIMEOUT * 1000), "no heartbeat echo"
        assert sock.recv() == b"ping-123"
    finally:
        sock.close(0)
        ctx.term()


# ---------------------------------------------------------------- transports

def test_ipc_transport(tmp_path):
    """A connection file with transport "ipc": the kernel binds Unix sockets named
    IP-PORT and serves requests over them as over tcp."""
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=KERNEL, transport="ipc", ip=str(tmp_path / "fovea"))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        reply, msgs = execute(kc, "x = 6 * 7\nprint(x)")
        assert reply["content"]["status"] == "ok"
        assert stdout_of(msgs) == "42\n"
        assert any(p.name.startswith("fovea-") for p in tmp_path.iterdir())
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
