"""The `fovea` command line: --help, --version and `install`, and that Jupyter
finds what `install` wrote."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kernel_helpers import FOVEA_BIN, IS_FOVEA, ROOT

pytestmark = pytest.mark.skipif(not IS_FOVEA, reason="tests the fovea binary itself")

LOGOS = ("logo-32x32.png", "logo-64x64.png", "logo-svg.svg")
JUPYTER = Path(sys.executable).with_name("jupyter")


def fovea(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(FOVEA_BIN), *args], capture_output=True, text=True, timeout=120,
                          env=env, stdin=subprocess.DEVNULL)


def clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("JUPYTER_PATH", "JUPYTER_DATA_DIR", "XDG_DATA_HOME")}
    env.update(extra)
    return env


def test_help():
    out = fovea("--help")
    assert out.returncode == 0, out.stderr
    text = out.stdout + out.stderr
    assert "kernel" in text and "install" in text


def test_version():
    out = fovea("--version")
    assert out.returncode == 0, out.stderr
    assert re.fullmatch(r"\d+\.\d+\.\d+([-+.][0-9A-Za-z.-]+)?", out.stdout.strip()), out.stdout


def test_unknown_subcommand_fails():
    out = fovea("no-such-subcommand")
    assert out.returncode != 0


def check_spec_dir(spec_dir: Path, display_name: str = "Fovea (Swift)", binary: Path = FOVEA_BIN) -> dict:
    spec = json.loads((spec_dir / "kernel.json").read_text())
    argv = spec["argv"]
    assert argv[1:] == ["kernel", "-f", "{connection_file}"]
    exe = Path(argv[0])
    assert exe.is_absolute() and exe.exists() and os.access(exe, os.X_OK)
    assert exe.resolve() == binary.resolve()
    assert spec["display_name"] == display_name
    assert spec["language"] == "python"
    assert spec["interrupt_mode"] == "message"
    assert spec["kernel_protocol_version"] == "5.5"
    for logo in LOGOS:
        assert (spec_dir / logo).read_bytes() == (ROOT / "kernelspec" / "fovea" / logo).read_bytes(), logo
    return spec


def kernelspecs(env: dict) -> dict:
    out = subprocess.run([str(JUPYTER), "kernelspec", "list", "--json"], capture_output=True,
                         text=True, timeout=120, env=env, check=True)
    return json.loads(out.stdout)["kernelspecs"]


def test_install_prefix(tmp_path):
    out = fovea("install", "--prefix", str(tmp_path))
    assert out.returncode == 0, out.stderr
    spec_dir = tmp_path / "share" / "jupyter" / "kernels" / "fovea"
    check_spec_dir(spec_dir)

    specs = kernelspecs(clean_env(JUPYTER_PATH=str(tmp_path / "share" / "jupyter")))
    assert Path(specs["fovea"]["resource_dir"]).resolve() == spec_dir.resolve()
    assert specs["fovea"]["spec"]["display_name"] == "Fovea (Swift)"

    listing = subprocess.run([str(JUPYTER), "kernelspec", "list"], capture_output=True, text=True,
                             timeout=120, check=True,
                             env=clean_env(JUPYTER_PATH=str(tmp_path / "share" / "jupyter")))
    assert re.search(r"^\s*fovea\s+" + re.escape(str(spec_dir)), listing.stdout, re.M), listing.stdout


def test_install_is_idempotent(tmp_path):
    for _ in range(2):
        out = fovea("install", "--prefix", str(tmp_path))
        assert out.returncode == 0, out.stderr
    check_spec_dir(tmp_path / "share" / "jupyter" / "kernels" / "fovea")


def test_install_name_and_display_name(tmp_path):
    out = fovea("install", "--prefix", str(tmp_path), "--name", "other", "--display-name", "X")
    assert out.returncode == 0, out.stderr
    kernels = tmp_path / "share" / "jupyter" / "kernels"
    check_spec_dir(kernels / "other", display_name="X")
    assert not (kernels / "fovea").exists()
    specs = kernelspecs(clean_env(JUPYTER_PATH=str(tmp_path / "share" / "jupyter")))
    assert specs["other"]["spec"]["display_name"] == "X"


def test_install_user(tmp_path):
    """--user writes to Jupyter's per-user data dir, the one `jupyter --data-dir` names."""
    env = clean_env(HOME=str(tmp_path))
    out = fovea("install", "--user", env=env)
    assert out.returncode == 0, out.stderr
    data_dir = subprocess.run([str(JUPYTER), "--data-dir"], capture_output=True, text=True,
                              env=env, check=True, timeout=120).stdout.strip()
    check_spec_dir(Path(data_dir) / "kernels" / "fovea")


def test_install_from_a_copied_binary(tmp_path):
    """The logos are built into the binary: a copy far from the source checkout installs them."""
    bin_dir, prefix = tmp_path / "bin", tmp_path / "prefix"
    bin_dir.mkdir()
    copy = bin_dir / "fovea"
    shutil.copy2(FOVEA_BIN, copy)
    out = subprocess.run([str(copy), "install", "--prefix", str(prefix)], capture_output=True,
                         text=True, timeout=120, cwd=bin_dir, stdin=subprocess.DEVNULL)
    assert out.returncode == 0, out.stderr
    spec = check_spec_dir(prefix / "share" / "jupyter" / "kernels" / "fovea", binary=copy)
    assert spec["argv"][0] == str(copy)


def test_built_in_logos_match_kernelspec(tmp_path):
    """Sources/Fovea/Logos.swift is what tools/gen_logos.py makes of kernelspec/fovea today."""
    generated = tmp_path / "Logos.swift"
    subprocess.run([sys.executable, str(ROOT / "tools" / "gen_logos.py"), str(generated)],
                   check=True, timeout=120)
    committed = ROOT / "Sources" / "Fovea" / "Logos.swift"
    assert generated.read_text() == committed.read_text(), (
        "Sources/Fovea/Logos.swift differs from kernelspec/fovea: run python3 tools/gen_logos.py")
