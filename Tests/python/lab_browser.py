"""Run a notebook in a real JupyterLab, in headless Chromium (Debian's chromium and chromedriver)
driven by selenium, and report what the browser rendered.

    result = run_in_lab(Path("Notebooks/lesson.ipynb"), screenshot_path=Path("docs/lesson.png"))
    result["images"]   # [{"w": naturalWidth, "h": naturalHeight, "complete": bool}, ...]
    result["tables"]   # number of <table> elements in the outputs
    result["errors"]   # texts of error outputs ("Name: value"), in cell order
    result["stderr"]   # texts of stderr stream outputs

How it runs, and why:
- JupyterLab serves the notebook's own directory (so relative paths in the notebook work) with a
  temporary settings directory and workspace directory, so nothing of the user's set-up leaks in.
  Those settings turn autosave off (the notebook file on disk is never rewritten with outputs) and
  set the notebook windowing mode to "none": JupyterLab 4 otherwise virtualises the notebook and
  leaves cells outside the viewport out of the DOM, so their images could never be checked.
- `--LabApp.expose_app_in_browser=True` makes JupyterLab set `window.jupyterapp`; through it we
  wait for the kernel to be idle, then await `notebook:run-all-cells` and check, on the notebook
  model, that every code cell has an execution count and the kernel is idle again.
- Images are read from the DOM (naturalWidth/naturalHeight: the browser decoded them); errors from
  the notebook model, so they are exact whatever the renderer does with them.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)

# User settings written into a temporary settings directory: "<plugin id>" -> settings.
LAB_SETTINGS: dict[str, dict[str, Any]] = {
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


class LabError(RuntimeError):
    """JupyterLab or the browser did not get the notebook run; the message says how far it got."""


def browser_available() -> bool:
    """Whether chromium, chromedriver and selenium are all installed."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return bool(CHROMIUM and CHROMEDRIVER)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyter_lab(root_dir: Path, startup_timeout: float = 60) -> Iterator[tuple[str, str, Path]]:
    """A headless JupyterLab serving root_dir: yields (base URL, token, scratch dir with lab.log)."""
    scratch = Path(tempfile.mkdtemp(prefix="fovea-lab-"))
    settings = scratch / "settings"
    for plugin, values in LAB_SETTINGS.items():
        package, name = plugin.split(":")
        path = settings / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = _free_port(), uuid.uuid4().hex
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(ROOT / ".venv" / "share" / "jupyter"), env.get("JUPYTER_PATH")) if p)
    env["JUPYTER_CONFIG_DIR"] = str(scratch / "config")
    env["JUPYTER_RUNTIME_DIR"] = str(scratch / "runtime")
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
           f"--ServerApp.token={token}", f"--ServerApp.root_dir={root_dir}",
           "--ServerApp.open_browser=False", "--LabApp.news_url=", "--LabApp.expose_app_in_browser=True",
           f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={scratch / 'workspaces'}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(scratch / "lab.log", "wb")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root_dir)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise LabError("jupyter lab did not start:\n" + (scratch / "lab.log").read_text()[-3000:])
            time.sleep(0.3)
        yield base, token, scratch
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)


@contextmanager
def chromium(width: int = 1400, height: int = 1000):
    """A headless Chromium driven by selenium, with its own temporary profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not (CHROMIUM and CHROMEDRIVER):
        raise LabError("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="fovea-chrome-")
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


# Prepended to every page script: `panel(path)` is the notebook panel of that path in JupyterLab's
# shell (null until the app and the panel exist).
_JS = """
    const panel = (path) => {
        const app = window.jupyterapp;
        if (!app || !app.shell) return null;
        for (const w of app.shell.widgets('main'))
            if (w.context && w.context.path === path && w.content && w.sessionContext) return w;
        return null;
    };
"""


def _wait(driver, script: str, timeout: float, what: str, *args) -> Any:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = driver.execute_script(script, *args)
        if last and not (isinstance(last, dict) and not last.get("ok")):
            return last
        time.sleep(0.25)
    raise LabError(f"timed out after {timeout:.0f} s waiting for {what} (last state: {last})")


def console_log(driver) -> list[str]:
    """The browser console messages so far (for diagnostics)."""
    try:
        return [f"{e['level']}: {e['message']}" for e in driver.get_log("browser")]
    except Exception:  # noqa: BLE001 - diagnostics only
        return []


def run_in_lab(notebook_path: Path, screenshot_path: Path | None = None, timeout: float = 120,
               selectors: tuple[str, ...] = (), width: int = 1400, height: int = 1000) -> dict[str, Any]:
    """Open notebook_path in a fresh JupyterLab (serving its directory), run all cells, and return
    {"images": [{"w", "h", "complete"}], "tables": int, "errors": [str], "stderr": [str],
     "counts": {selector: number of matches inside the outputs}, "cells": code cells,
     "unexecuted": code cells left without an execution count, "seconds": float}.
    The notebook file is not modified (autosave is off). screenshot_path, when given, receives a PNG
    of the window after the run, scrolled to the top of the notebook.
    Raises LabError (with the browser console; a screenshot goes to /tmp/fovea-lab-failure.png)
    when the notebook does not open or run within timeout seconds."""
    notebook_path = Path(notebook_path).resolve()
    started = time.monotonic()
    with jupyter_lab(notebook_path.parent) as (base, token, _), chromium(width, height) as driver:
        try:
            result = _run(driver, f"{base}/lab/tree/{urllib.parse.quote(notebook_path.name)}?token={token}&reset",
                          notebook_path.name, screenshot_path, started + timeout, list(selectors))
            result["seconds"] = round(time.monotonic() - started, 1)
            return result
        except Exception as error:
            shot = Path(tempfile.gettempdir()) / "fovea-lab-failure.png"  # never over a kept screenshot
            driver.save_screenshot(str(shot))
            console = "\n".join(console_log(driver)[-30:])
            raise LabError(f"{error}\nscreenshot: {shot}\nbrowser console:\n{console}") from error


def _run(driver, url: str, name: str, screenshot_path, deadline: float, selectors: list[str]) -> dict[str, Any]:
    driver.get(url)
    # The notebook panel, its file loaded, its kernel connected and idle.
    _wait(driver, _JS + """
        const p = panel(arguments[0]);
        if (!p) return {ok: false, state: 'no notebook panel yet'};
        const kernel = p.sessionContext.session && p.sessionContext.session.kernel;
        if (!kernel) return {ok: false, state: 'no kernel yet'};
        return {ok: p.context.isReady && kernel.status === 'idle' && kernel.connectionStatus === 'connected',
                state: kernel.status + ' / ' + kernel.connectionStatus};
    """, deadline - time.monotonic(), "the notebook to open with an idle kernel", name)
    # Run every cell; the command's promise settles once the cells have been executed.
    driver.set_script_timeout(max(1.0, deadline - time.monotonic()))
    outcome = driver.execute_async_script(_JS + """
        const done = arguments[arguments.length - 1], p = panel(arguments[0]);
        window.jupyterapp.shell.activateById(p.id);
        window.jupyterapp.commands.execute('notebook:run-all-cells')
            .then(r => done({ok: true, result: String(r)}), e => done({ok: false, error: String(e)}));
    """, name)
    if not outcome.get("ok"):
        raise LabError(f"notebook:run-all-cells failed: {outcome}")
    # The command has settled; now no cell is still running, the kernel is idle and every output
    # image has loaded or failed. Cells the kernel skipped after an error (stop_on_error) may keep no
    # execution count: they are reported as "unexecuted" rather than waited for.
    state = _wait(driver, _JS + """
        const p = panel(arguments[0]);
        const cells = p.content.widgets.filter(c => c.model.type === 'code');
        const running = cells.filter(c => c.model.executionState === 'running').length;
        const kernel = p.sessionContext.session.kernel;
        const loading = [...p.content.node.querySelectorAll('.jp-OutputArea img')].filter(i => !i.complete).length;
        return {ok: running === 0 && kernel.status === 'idle' && loading === 0, running, loading,
                status: kernel.status, cells: cells.length,
                unexecuted: cells.filter(c => c.model.executionCount == null).length};
    """, max(1.0, deadline - time.monotonic()), "every cell to finish", name)
    result = driver.execute_script(_JS + """
        const p = panel(arguments[0]), selectors = arguments[1];
        const errors = [], stderr = [];
        for (const cell of p.content.widgets) {
            if (cell.model.type !== 'code') continue;
            for (const out of cell.model.outputs.toJSON()) {
                if (out.output_type === 'error') errors.push(out.ename + ': ' + out.evalue);
                if (out.output_type === 'stream' && out.name === 'stderr')
                    stderr.push(Array.isArray(out.text) ? out.text.join('') : out.text);
            }
        }
        const outputs = [...p.content.node.querySelectorAll('.jp-OutputArea')];
        const all = (sel) => outputs.flatMap(o => [...o.querySelectorAll(sel)]);
        const counts = {};
        for (const sel of selectors) counts[sel] = all(sel).length;
        return {
            images: all('img').map(i => ({w: i.naturalWidth, h: i.naturalHeight, complete: i.complete})),
            tables: all('table').length, errors, stderr, counts,
        };
    """, name, selectors)
    result["cells"], result["unexecuted"] = state["cells"], state["unexecuted"]
    if screenshot_path is not None:
        driver.execute_script(_JS + "panel(arguments[0]).content.node.scrollTop = 0;", name)
        time.sleep(0.3)
        Path(screenshot_path).parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(screenshot_path))
    return result
