"""Shared helpers for the protocol tests: where things are, which kernel to
drive, and small request/collect loops over jupyter_client and raw pyzmq.

The suite drives the installed kernelspec "fovea". Setting
FOVEA_TEST_KERNEL=python3 points the same tests at ipykernel, which checks the
harness itself; tests about Fovea-only behaviour skip in that mode.
"""

from __future__ import annotations

import contextlib

import hashlib
import hmac
import json
import os
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from queue import Empty
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# FOVEA_BIN overrides the binary under test (e.g. a debug build); the kernelspec must run the same one.
FOVEA_BIN = Path(os.environ.get("FOVEA_BIN", ROOT / ".build" / "release" / "fovea")).absolute()
VENV_JUPYTER = ROOT / ".venv" / "share" / "jupyter"
NOTEBOOKS = ROOT / "Notebooks"

KERNEL = os.environ.get("FOVEA_TEST_KERNEL", "fovea")
IS_FOVEA = KERNEL == "fovea"

# Generous: two cores, and other suites may run beside us. Never a performance bound.
TIMEOUT = 60

DELIM = b"<IDS|MSG>"


def start_kernel(**kwargs: Any):
    """A KernelManager and a ready BlockingKernelClient for KERNEL."""
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=KERNEL)
    km.start_kernel(**kwargs)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
    except Exception:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise
    return km, kc


def stop_kernel(km, kc) -> None:
    kc.stop_channels()
    if km.has_kernel:
        km.shutdown_kernel(now=False)


def flush(kc) -> None:
    """Drop whatever is waiting on shell, iopub and stdin."""
    for get in (kc.get_shell_msg, kc.get_iopub_msg, kc.get_stdin_msg):
        while True:
            try:
                get(timeout=0.05)
            except Empty:
                break


def shell_reply(kc, msg_id: str, timeout: float = TIMEOUT) -> dict:
    """The shell reply whose parent is msg_id (other replies are skipped)."""
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def control_reply(kc, msg_id: str, timeout: float = TIMEOUT) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_control_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def iopub_for(kc, msg_id: str, timeout: float = TIMEOUT) -> list[dict]:
    """All iopub messages whose parent is msg_id, through its `idle` status."""
    deadline = time.monotonic() + timeout
    msgs = []
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return msgs


def execute(kc, code: str, timeout: float = TIMEOUT, **kwargs: Any) -> tuple[dict, list[dict]]:
    """Run code; return (execute_reply, iopub messages for it through idle)."""
    msg_id = kc.execute(code, **kwargs)
    reply = shell_reply(kc, msg_id, timeout)
    return reply, iopub_for(kc, msg_id, timeout)


def stdout_of(msgs: list[dict]) -> str:
    return "".join(
        m["content"]["text"]
        for m in msgs
        if m["msg_type"] == "stream" and m["content"]["name"] == "stdout"
    )


def shown(kc, code: str, timeout: float = TIMEOUT) -> str:
    """Run code that must succeed; return its stdout with the text of its displays (a summary
    is one) in their place."""
    reply, msgs = execute(kc, code, timeout)
    content = reply["content"]
    assert content["status"] == "ok", f"{content.get('ename')}: {content.get('evalue')}\n{code}"
    parts = []
    for m in msgs:
        if m["msg_type"] == "stream" and m["content"]["name"] == "stdout":
            parts.append(m["content"]["text"])
        elif m["msg_type"] == "display_data":
            parts.append(m["content"]["data"]["text/plain"] + "\n")
    return "".join(parts)


def result_text(msgs: list[dict]) -> str | None:
    for m in msgs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"]["text/plain"]
    return None


def is_defined(kc, name: str) -> bool:
    """Whether `name` is bound in the kernel, judged by evaluating it:
    ok means defined, a NameError means not. Anything else is a test error."""
    reply, msgs = execute(kc, name)
    content = reply["content"]
    if content["status"] == "ok":
        return True
    assert content["ename"] == "NameError", content
    return False


# --------------------------------------------------------------------------
# Raw pyzmq: build, sign and parse wire messages by hand (for security tests
# and for looking at the bytes jupyter_client would otherwise decode for us).

def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_header(msg_type: str, session: str) -> dict:
    return {
        "msg_id": uuid.uuid4().hex,
        "msg_type": msg_type,
        "username": "test",
        "session": session,
        "date": now_iso(),
        "version": "5.3",
    }


def sign(key: bytes, frames: list[bytes]) -> bytes:
    h = hmac.new(key, digestmod=hashlib.sha256)
    for f in frames:
        h.update(f)
    return h.hexdigest().encode()


class RawClient:
    """A minimal client on raw zmq sockets, from a connection-info dict."""

    def __init__(self, info: dict):
        import zmq

        self.zmq = zmq
        self.key = info["key"].encode() if isinstance(info["key"], str) else info["key"]
        self.session = uuid.uuid4().hex
        self.ctx = zmq.Context()
        url = f"{info['transport']}://{info['ip']}:"
        self.shell = self.ctx.socket(zmq.DEALER)
        self.shell.connect(url + str(info["shell_port"]))
        self.control = self.ctx.socket(zmq.DEALER)
        self.control.connect(url + str(info["control_port"]))
        self.iopub = self.ctx.socket(zmq.SUB)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(url + str(info["iopub_port"]))
        for s in (self.shell, self.control, self.iopub):
            s.setsockopt(zmq.LINGER, 0)

    def close(self) -> None:
        for s in (self.shell, self.control, self.iopub):
            s.close(0)
        self.ctx.term()

    def frames(self, msg_type: str, content: dict, key: bytes | None = None) -> tuple[str, list[bytes]]:
        header = new_header(msg_type, self.session)
        parts = [json.dumps(header).encode(), b"{}", b"{}", json.dumps(content).encode()]
        return header["msg_id"], [DELIM, sign(self.key if key is None else key, parts), *parts]

    def recv(self, sock, timeout: float = TIMEOUT) -> list[bytes] | None:
        if sock.poll(int(timeout * 1000)):
            return sock.recv_multipart()
        return None

    def parse(self, frames: list[bytes]) -> dict:
        """Decode a kernel message, checking its signature; keeps raw header bytes."""
        i = frames.index(DELIM)
        sig, parts = frames[i + 1], frames[i + 2 : i + 6]
        assert hmac.compare_digest(sig, sign(self.key, parts)), "kernel message with a bad signature"
        header, parent, metadata, content = (json.loads(p) for p in parts)
        return {"header": header, "parent_header": parent, "metadata": metadata,
                "content": content, "raw_header": parts[0], "buffers": frames[i + 6 :]}

    def request(self, sock, msg_type: str, content: dict, timeout: float = TIMEOUT) -> tuple[dict, list[dict]]:
        """Send a signed request; return (the reply to it, other replies seen before it)."""
        msg_id, frames = self.frames(msg_type, content)
        sock.send_multipart(frames)
        others = []
        deadline = time.monotonic() + timeout
        while True:
            got = self.recv(sock, max(0.01, deadline - time.monotonic()))
            assert got is not None, f"no reply to {msg_type} within {timeout} s"
            msg = self.parse(got)
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg, others
            others.append(msg)

    def drain_iopub(self, timeout: float = 0.5) -> list[dict]:
        msgs = []
        while (got := self.recv(self.iopub, timeout)) is not None:
            msgs.append(self.parse(got))
        return msgs


def ok(kc, code: str, timeout: float = 120) -> list[dict]:
    """Runs `code`, asserts it succeeded (showing the error otherwise), returns its iopub messages."""
    reply, msgs = execute(kc, code, timeout=timeout, stop_on_error=False)
    errors = [m["content"] for m in msgs if m["msg_type"] == "error"]
    assert reply["content"]["status"] == "ok", errors
    return msgs


def error(kc, code: str) -> tuple[str, str, list[str]]:
    """Runs `code`, asserts it failed, returns (ename, evalue, traceback)."""
    reply, _ = execute(kc, code, stop_on_error=False)
    c = reply["content"]
    assert c["status"] == "error", c
    return c["ename"], c["evalue"], c["traceback"]


def failure(kc, code: str) -> tuple[str, str]:
    """Runs `code`, asserts it failed, returns (ename, evalue)."""
    ename, evalue, _ = error(kc, code)
    return ename, evalue


@contextlib.contextmanager
def kernel_with_keras_home(home, setup: str):
    """A kernel whose KERAS_HOME is `home` (a fresh folder: no downloaded file leaks in or out),
    after running `setup`."""
    km, kc = start_kernel(env={**os.environ, "KERAS_HOME": str(home)})
    try:
        ok(kc, setup)
        yield kc
    finally:
        stop_kernel(km, kc)


def underlined(traceback: list[str], code_line: str) -> str | None:
    """The part of `code_line` the traceback's carets are under."""
    lines = "\n".join(traceback).split("\n")
    for i, line in enumerate(lines[:-1]):
        if line.endswith(code_line):
            offset = len(line) - len(code_line)
            carets = lines[i + 1]
            start = carets.index("^")
            end = len(carets.rstrip())
            return line[start:end] if start >= offset else None
    return None
