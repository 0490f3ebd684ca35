"""Messages that are not properly signed, or not messages at all, must be
dropped: no reply, no iopub traffic, no code run, and the kernel lives on.

Each hostile message carries an execute of `pwned_<case> = 1`; afterwards a
legitimate client checks that no such name was bound. Because a kernel handles
one socket's messages in order, a legitimate request sent after the hostile
ones is answered only after they were dealt with, so "no reply before the
legitimate one" means "no reply at all".
"""

from __future__ import annotations

import json
import os
import time

import pytest

from kernel_helpers import (
    DELIM,
    RawClient,
    execute,
    flush,
    is_defined,
    new_header,
    sign,
)


@pytest.fixture
def raw(kernel):
    km, kc = kernel
    flush(kc)
    client = RawClient(km.get_connection_info())
    time.sleep(0.3)  # let the iopub subscription reach the kernel
    yield client
    client.close()


def execute_content(code: str) -> dict:
    return {"code": code, "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}


def parts_for(raw: RawClient, code: str, msg_type: str = "execute_request") -> list[bytes]:
    header = new_header(msg_type, raw.session)
    return [json.dumps(header).encode(), b"{}", b"{}", json.dumps(execute_content(code)).encode()]


def hostile_messages(raw: RawClient) -> dict[str, list[bytes]]:
    """case name -> the frames to send on shell."""
    k = raw.key
    cases: dict[str, list[bytes]] = {}

    p = parts_for(raw, "pwned_forged = 1")
    cases["forged"] = [DELIM, sign(b"not-the-key", p), *p]

    p = parts_for(raw, "pwned_nosig = 1")
    cases["empty_signature"] = [DELIM, b"", *p]

    p = parts_for(raw, "pwned_tampered = 1")
    sig = sign(k, p)
    p[3] = json.dumps(execute_content("pwned_tampered = 2")).encode()
    cases["tampered_content"] = [DELIM, sig, *p]

    p = parts_for(raw, "pwned_nodelim = 1")
    cases["no_delimiter"] = [sign(k, p), *p]

    p = parts_for(raw, "pwned_short = 1")
    cases["too_few_frames"] = [DELIM, sign(k, p[:2]), *p[:2]]

    cases["delimiter_only"] = [DELIM]

    bad = [b"{not json", b"{}", b"{}", json.dumps(execute_content("pwned_garbage = 1")).encode()]
    cases["garbage_json_signed"] = [DELIM, sign(k, bad), *bad]

    wrong = [b'"a string, not an object"', b"{}", b"{}",
             json.dumps(execute_content("pwned_wrongtype = 1")).encode()]
    cases["header_not_object_signed"] = [DELIM, sign(k, wrong), *wrong]

    no_type = json.loads(parts_for(raw, "")[0])
    del no_type["msg_type"]
    nt = [json.dumps(no_type).encode(), b"{}", b"{}", json.dumps(execute_content("pwned_notype = 1")).encode()]
    cases["header_without_msg_type_signed"] = [DELIM, sign(k, nt), *nt]

    cases["random_blob"] = [os.urandom(256)]
    cases["random_frames"] = [os.urandom(n) for n in (1, 33, 64, 7, 500, 0)]
    return cases


PWNED = ["pwned_forged", "pwned_nosig", "pwned_tampered", "pwned_nodelim", "pwned_short",
         "pwned_garbage", "pwned_wrongtype", "pwned_notype"]


def assert_only_legit_reply(raw: RawClient, sock) -> None:
    reply, others = raw.request(sock, "kernel_info_request", {})
    assert reply["header"]["msg_type"] == "kernel_info_reply"
    assert others == [], [m["header"]["msg_type"] for m in others]


def test_hostile_messages_on_shell_get_no_reply_and_do_not_run(kernel, raw):
    _, kc = kernel
    cases = hostile_messages(raw)
    for frames in cases.values():
        raw.shell.send_multipart(frames)
    assert_only_legit_reply(raw, raw.shell)

    # No iopub traffic on behalf of any of them (only the legit kernel_info's busy/idle).
    for m in raw.drain_iopub():
        assert m["parent_header"].get("msg_type") in (None, "kernel_info_request"), m["header"]
    for name in PWNED:
        assert not is_defined(kc, name), f"{name} was executed"
    reply, _ = execute(kc, "still_alive = 1")
    assert reply["content"]["status"] == "ok"


def test_replayed_message_runs_once(kernel, raw):
    _, kc = kernel
    execute(kc, "replay_n = 0")
    p = parts_for(raw, "replay_n = replay_n + 1")
    frames = [DELIM, sign(raw.key, p), *p]
    msg_id = json.loads(p[0])["msg_id"]

    raw.shell.send_multipart(frames)
    first = raw.parse(raw.recv(raw.shell))
    assert first["parent_header"]["msg_id"] == msg_id
    assert first["content"]["status"] == "ok"

    raw.shell.send_multipart(frames)  # byte for byte the same
    assert_only_legit_reply(raw, raw.shell)
    reply, msgs = execute(kc, "replay_n")
    assert [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"] == ["1"]


def test_forged_control_messages_are_ignored(kernel, raw):
    """A forged shutdown or interrupt on control does nothing."""
    km, kc = kernel
    for msg_type, content in (("shutdown_request", {"restart": False}), ("interrupt_request", {})):
        header = new_header(msg_type, raw.session)
        p = [json.dumps(header).encode(), b"{}", b"{}", json.dumps(content).encode()]
        raw.control.send_multipart([DELIM, sign(b"forged", p), *p])
    raw.control.send_multipart([os.urandom(100)])
    assert_only_legit_reply(raw, raw.control)
    assert km.is_alive()
    reply, _ = execute(kc, "1")
    assert reply["content"]["status"] == "ok"


def test_kernel_info_after_everything(kernel):
    _, kc = kernel
    reply = kc.kernel_info(reply=True, timeout=60)
    assert reply["content"]["status"] == "ok"
