"""Protocol conformance with jupyter_kernel_test, against the installed kernelspec.

Every test KernelTests (0.7) has is enabled by a snippet below, plus the
iopub_welcome test of IopubWelcomeTests. With FOVEA_TEST_KERNEL=python3 the
same class runs against ipykernel (with the few snippets IPython spells
differently), which is how the harness itself was checked.
"""

from __future__ import annotations

import unittest

import jupyter_kernel_test as jkt
import pytest

from kernel_helpers import IS_FOVEA, KERNEL

# The kernel-side defaults of jupyter_kernel_test are 15 s; two busy cores can
# be slow to start many kernels, so allow more. Behaviour only, never speed.
jkt.TIMEOUT = 60


class FoveaKernelTests(jkt.KernelTests):
    kernel_name = KERNEL
    language_name = "python"
    file_extension = ".py"

    # test_execute_stdout / test_execute_stderr
    code_hello_world = 'print("hello, world")'
    code_stderr = 'import sys\nprint("test", file=sys.stderr)'

    # test_completion: the reply's matches, as a set, must equal these
    completion_samples = [
        {"text": "pri", "matches": {"print"}},
    ]

    # test_is_complete
    complete_code_samples = [
        "1",
        'print("hello, world")',
        "x = 6 * 7",
        "def f(x):\n    return x\n",
        "for i in range(3):\n    print(i)\n",
    ]
    incomplete_code_samples = [
        "for i in range(3):",
        "(1 +",
        "def f(x):\n    return x",
        "[1, 2,",
    ]
    invalid_code_samples = [
        "1 +* 2",
        "'unterminated",
        ")",
    ]

    # test_pager: `name?` answers with one "page" payload
    code_page_something = "print?"

    # test_error: exactly one output, the error
    code_generate_error = "1/0"

    # test_execute_result (and test_history, which reruns these codes)
    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": "'a' + 'b'", "result": "'ab'"},
        {"code": "1 + 2 + 3", "result": "6"},
    ]

    # test_display_data
    code_display_data = [
        {"code": "display(42)", "mime": "text/plain"},
    ]

    # test_history: glob pattern matching one of code_execute_result
    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")

    # test_inspect
    code_inspect_sample = "print"

    # test_clear_output
    code_clear_output = "clear_output()"

    if not IS_FOVEA:
        # IPython spells these differently; used only when checking the harness on ipykernel.
        code_clear_output = "from IPython.display import clear_output; clear_output()"
        # IPython answers a "range" request with session 0 (relative) after "tail"
        # said 1, which jupyter_kernel_test's own range check rejects.
        supported_history_operations = ("tail", "search")


# The suite waits for the welcome without a timeout; fail instead of hanging.
@pytest.mark.timeout(90)
class FoveaIopubWelcomeTests(jkt.IopubWelcomeTests):
    """JEP 65 / protocol 5.4: an XPUB iopub socket greets each new subscriber
    with an `iopub_welcome` message, so a client knows it is subscribed."""

    kernel_name = KERNEL
    support_iopub_welcome = True


if __name__ == "__main__":
    unittest.main()
