"""pytest set-up: make the repository's own kernelspec the one that is found,
and fail early, with a clear message, when it is missing or points elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kernel_helpers import FOVEA_BIN, KERNEL, VENV_JUPYTER, start_kernel, stop_kernel

# Ahead of ~/.local/share/jupyter: a `fovea` kernelspec installed by another
# checkout must not shadow the one `make` installed into this checkout's venv.
if str(VENV_JUPYTER) not in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(VENV_JUPYTER), os.environ.get("JUPYTER_PATH")) if p
    )


def pytest_report_header(config):
    return f"kernel under test: {KERNEL} (FOVEA_TEST_KERNEL); binary: {FOVEA_BIN}"


def pytest_sessionstart(session):
    """Stop at once, with one clear message, when the kernel under test is not
    installed or, for fovea, runs another binary than this checkout's."""
    problem = kernelspec_problem()
    if problem:
        pytest.exit(problem, returncode=4)


def kernelspec_problem() -> str | None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        return f"no kernelspec {KERNEL!r} found; run `make setup` (installs it into .venv)"
    if KERNEL != "fovea":
        return None
    if not FOVEA_BIN.exists():
        return f"{FOVEA_BIN} does not exist; run `make build`"
    exe = Path(spec.argv[0])
    if not exe.exists() or exe.resolve() != FOVEA_BIN.resolve():
        return f"kernelspec fovea runs {exe}, not this checkout's {FOVEA_BIN}; run `make kernelspec`"
    return None


@pytest.fixture(scope="module")
def kernel():
    """One kernel shared by the tests of a module that leave it usable (a module that needs a
    fresh kernel per test defines its own `kernel`)."""
    km, kc = start_kernel()
    yield km, kc
    stop_kernel(km, kc)
