"""pytest set-up: make the repository's own kernelspec the one that is found,
and fail early, with a clear message, when it is missing or points elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kernel_helpers import FOVEA_BIN, KERNEL, VENV_JUPYTER

# Ahead of ~/.local/share/jupyter: a `fovea` kernelspec installed by another
# checkout must not shadow the one `make` installed into this checkout's venv.
if str(VENV_JUPYTER) not in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(VENV_JUPYTER), os.environ.get("JUPYTER_PATH")) if p
    )


def pytest_report_header(config):
    return f"kernel under test: {KERNEL} (FOVEA_TEST_KERNEL); binary: {FOVEA_BIN}"


@pytest.fixture(scope="session", autouse=True)
def kernelspec():
    """The kernelspec under test; for fovea, it must run this checkout's binary."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.fail(f"no kernelspec {KERNEL!r} found; run `make setup` (installs it into .venv)",
                    pytrace=False)
    if KERNEL == "fovea":
        exe = Path(spec.argv[0])
        if not FOVEA_BIN.exists():
            pytest.fail(f"{FOVEA_BIN} does not exist; run `make build`", pytrace=False)
        if not exe.exists() or exe.resolve() != FOVEA_BIN.resolve():
            pytest.fail(f"kernelspec fovea runs {exe}, not this checkout's {FOVEA_BIN}; "
                        "run `make kernelspec`", pytrace=False)
    return spec
