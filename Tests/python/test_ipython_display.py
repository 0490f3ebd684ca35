"""IPython.display's objects reach the frontend with their MIME types, through a real kernel."""

from __future__ import annotations

import base64

import pytest

from kernel_helpers import IS_FOVEA, ROOT, execute, start_kernel, stop_kernel


@pytest.fixture(scope="module")
def kc():
    km, kc = start_kernel()
    yield kc
    stop_kernel(km, kc)


def displays(msgs):
    return [m["content"] for m in msgs if m["msg_type"] == "display_data"]


def test_html_markdown_and_image_have_their_mime_types(kc):
    logo = ROOT / "kernelspec" / "fovea" / "logo-64x64.png"
    code = ("from IPython.display import display, HTML, Markdown, Image\n"
            "display(HTML('<table><tr><td>0.91</td></tr></table>'))\n"
            "display(Markdown('**accuracy**'))\n"
            f"display(Image(filename={str(logo)!r}, width=32))")
    reply, msgs = execute(kc, code)
    assert reply["content"]["status"] == "ok", reply["content"]
    shown = displays(msgs)
    assert shown[0]["data"]["text/html"] == "<table><tr><td>0.91</td></tr></table>"
    assert shown[1]["data"]["text/markdown"] == "**accuracy**"
    assert base64.b64decode(shown[2]["data"]["image/png"]) == logo.read_bytes()
    if IS_FOVEA:
        assert shown[2]["metadata"]["image/png"]["width"] == 32
