"""Real-browser test support: headless Chromium through Playwright, and a throwaway JupyterLab server.

Chromium is Debian's package (``/usr/bin/chromium``); Playwright drives it and never downloads a browser.
Without Chromium or Playwright the browser tests skip, except with ``CI=true``, where that is a failure.

The JupyterLab server serves a temporary copy of the lessons (so nothing is ever saved into the committed
notebooks), with its own settings: no news or update checks, no autosave, every cell attached to the page.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.data.paths import REPO_ROOT

from .conftest import IN_CI

CHROMIUM = Path(os.environ.get("INF_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # No name resolution except localhost: a page that reaches for a CDN fails, as it would offline.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
ARTIFACTS = REPO_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

# JupyterLab user settings for the test server (one file per plugin, as Lab stores them).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    # Attach every cell to the page, so the whole notebook can be inspected and photographed.
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "scrollPastEnd": False},
}


def browser_unavailable_reason() -> str | None:
    """Why the real browser cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-dev.txt)"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def require_browser() -> None:
    """Skip the test without a browser; with CI=true a missing browser fails instead."""
    reason = browser_unavailable_reason()
    if reason is None:
        return
    if IN_CI:
        pytest.fail(f"CI=true but the real-browser tests cannot run: {reason}")
    pytest.skip(reason)


@contextmanager
def launched_browser() -> Iterator[object]:
    """A headless Chromium (Playwright ``Browser``), closed afterwards."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class ExternalRequests:
    """Remembers every request a page makes to anything but the allowed URL prefixes.

    Passive on purpose: routing requests through Playwright (``context.route``) made JupyterLab's save
    arrive with an empty body. Name lookups are blocked by the browser's ``--host-resolver-rules`` instead.
    """

    def __init__(self, allowed_prefixes: tuple[str, ...]) -> None:
        self.allowed = allowed_prefixes
        self.seen: list[str] = []

    def attach(self, context) -> None:
        context.on("request", self._record)

    def _record(self, request) -> None:
        if not request.url.startswith(self.allowed):
            self.seen.append(request.url)


# ---------------------------------------------------------------------------------------------------------
# JupyterLab server
# ---------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    root: Path
    port: int
    token: str
    process: subprocess.Popen
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """The Lab URL that opens ``path`` (relative to the server root) in a fresh workspace."""
        return f"{self.base_url}/lab/tree/{path}?reset&token={self.token}"

    def api(self, method: str, path: str) -> object:
        request = urllib.request.Request(
            f"{self.base_url}/api/{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback only)
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self, keep: tuple[str, ...] = ()) -> None:
        """Shut down the kernels of all sessions but those of the paths in ``keep`` (saves memory)."""
        for session in self.api("GET", "sessions") or []:
            if session.get("path") not in keep:
                self.api("DELETE", f"sessions/{session['id']}")

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]


def write_lab_settings(settings_dir: Path) -> None:
    for plugin, values in LAB_SETTINGS.items():
        target = settings_dir / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, indent=2), encoding="utf-8")


def copy_lessons(root: Path) -> None:
    """Copy the lesson folders into ``root``; link ``data`` and ``helpers`` (the lessons only read them).

    The lesson folders' own ``helpers`` links (to ``../helpers``) are kept as links, so they point at
    ``root/helpers`` and from there at the real package.
    """
    for folder in ("notebooks", "student"):
        source = REPO_ROOT / folder
        if source.is_dir():
            shutil.copytree(
                source, root / folder, symlinks=True, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
            )
    (root / "data").symlink_to(REPO_ROOT / "data", target_is_directory=True)
    (root / "helpers").symlink_to(REPO_ROOT / "helpers", target_is_directory=True)


@contextmanager
def lab_server(workdir: Path, *, startup_timeout: float = 120) -> Iterator[LabServer]:
    """Start JupyterLab on a free loopback port with a random token, serving a copy of the lessons."""
    root = workdir / "root"
    root.mkdir(parents=True)
    copy_lessons(root)
    settings = workdir / "user-settings"
    write_lab_settings(settings)
    config = workdir / "jupyter-config"  # an empty config dir: no personal Jupyter config leaks in
    config.mkdir()
    runtime = workdir / "jupyter-runtime"
    log_path = workdir / "jupyterlab.log"
    token = secrets.token_hex(24)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(config), JUPYTER_RUNTIME_DIR=str(runtime))
    env.pop("JUPYTER_TOKEN", None)

    last_error = ""
    for _attempt in range(3):  # a free port can be taken between probing and binding: retry
        port = free_port()
        command = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.terminals_enabled=False",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
            "--LabApp.extension_manager=readonly",
        ]
        log = log_path.open("w", encoding="utf-8")
        process = subprocess.Popen(
            command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        server = LabServer(root=root, port=port, token=token, process=process, log_path=log_path)
        if _wait_until_up(server, startup_timeout):
            try:
                yield server
            finally:
                _stop(process)
                log.close()
            return
        _stop(process)
        log.close()
        last_error = server.log_tail()
    raise RuntimeError(f"JupyterLab did not start; end of its log:\n{last_error}")


def _wait_until_up(server: LabServer, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            server.api("GET", "status")
            return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# ---------------------------------------------------------------------------------------------------------
# Running a notebook in the page
# ---------------------------------------------------------------------------------------------------------

_KERNEL_READY_JS = """
() => {
  const name = document.querySelector('.jp-NotebookPanel .jp-Toolbar-kernelName')?.textContent.trim() || '';
  const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
  return name !== '' && name !== 'No Kernel' && indicator?.getAttribute('data-status') === 'idle';
}
"""

# True once every non-empty code cell shows an execution count, or the run stopped on an error.
_RUN_FINISHED_JS = """
() => {
  const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
  const idle = indicator && indicator.getAttribute('data-status') === 'idle';
  const cells = [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-CodeCell')];
  const prompts = cells
    .filter(c => (c.querySelector('.jp-InputArea-editor')?.textContent || '').trim() !== '')
    .map(c => (c.querySelector('.jp-InputArea-prompt')?.textContent || '').trim());
  const running = prompts.some(p => p.includes('*'));
  const allDone = prompts.every(p => /^\\[\\d+\\]:?$/.test(p));
  const failed = document.querySelector(
    '.jp-NotebookPanel .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
  const started = prompts.length === 0 || prompts.some(p => /\\d/.test(p));
  return idle && started && !running && (allDone || failed !== null);
}
"""

# What the page shows after the run: prompts, error text, images, widget views and text fallbacks.
_INSPECT_JS = """
() => {
  const notebook = document.querySelector('.jp-NotebookPanel .jp-Notebook');
  const outputs = [...notebook.querySelectorAll('.jp-OutputArea-output')];
  const codeCells = [...notebook.querySelectorAll('.jp-CodeCell')];
  return {
    cells: notebook.querySelectorAll('.jp-Cell').length,
    prompts: codeCells.map(c => [
      (c.querySelector('.jp-InputArea-editor')?.textContent || '').trim() !== '',
      (c.querySelector('.jp-InputArea-prompt')?.textContent || '').trim()]),
    stderr: [...notebook.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')].map(e => e.innerText),
    outputText: outputs.map(e => e.innerText).join('\\n'),
    images: [...notebook.querySelectorAll('.jp-OutputArea img')].map(img => ({
      alt: img.getAttribute('alt'), loaded: img.complete && img.naturalWidth > 0,
      cell: [...notebook.querySelectorAll('.jp-Cell')].indexOf(img.closest('.jp-Cell')),
      inFigure: img.closest('figure.inf-figure') !== null})),
    cellOutputs: [...notebook.querySelectorAll('.jp-Cell')].map(cell => {
      const area = cell.querySelector('.jp-Cell-outputArea');
      if (!area) return [];
      return [...area.children].filter(c => c.classList.contains('jp-OutputArea-child')).map(child => {
        const out = child.querySelector(':scope > .jp-OutputArea-output');
        return {live: out !== null && out.querySelector('.jupyter-widgets') !== null,
                mime: out?.getAttribute('data-mime-type') || null,
                text: (out?.innerText || '').slice(0, 200)};
      });
    }),
    liveWidgets: notebook.querySelectorAll('.jp-OutputArea .jupyter-widgets').length,
  };
}
"""


@dataclass
class LabRun:
    """One notebook run in JupyterLab: the page (still open) and what it showed."""

    name: str
    page: object
    seconds: float
    report: dict
    saved: dict  # the notebook as Lab saved it after the run (outputs included)


def run_notebook_in_lab(browser, server: LabServer, relative: str, *, timeout_s: float = 420) -> LabRun:
    """Open ``relative`` in Lab, run all cells, wait for the end, save it and inspect the page."""
    start = time.monotonic()
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    external = ExternalRequests((server.base_url, "data:", "blob:"))
    external.attach(context)
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    page.goto(server.url(relative))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=120_000)
    # The page shows "No Kernel" (and an idle indicator) until the session's kernel has started.
    page.wait_for_function(_KERNEL_READY_JS, timeout=120_000, polling=250)
    page.click('.lm-MenuBar-item:has-text("Run")')
    page.click('li.lm-Menu-item[data-command="runmenu:run-all"]')
    page.wait_for_function(_RUN_FINISHED_JS, timeout=timeout_s * 1000, polling=250)
    # Let widget views and images finish rendering after the last reply.
    page.wait_for_timeout(500)
    report = page.evaluate(_INSPECT_JS)
    report["external_requests"] = list(external.seen)
    report["console_errors"] = console_errors
    saved = _save_and_read(page, server, relative)
    return LabRun(name=relative, page=page, seconds=time.monotonic() - start, report=report, saved=saved)


def _save_and_read(page, server: LabServer, relative: str) -> dict:
    path = server.root / relative
    before = path.stat().st_mtime_ns
    dialogs = page.evaluate("() => [...document.querySelectorAll('.jp-Dialog')].map(d => d.innerText)")
    if dialogs:
        raise AssertionError(f"JupyterLab shows a dialog after running {relative}: {dialogs}")
    page.click('.lm-MenuBar-item:has-text("File")')
    page.click('li.lm-Menu-item[data-command="docmanager:save"]')
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if path.stat().st_mtime_ns != before:
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                pass  # caught mid-write
        time.sleep(0.2)
    raise AssertionError(f"JupyterLab did not save {relative} within 60 s")


def screenshot_notebook(page, target: Path, *, max_height: int = 10000) -> list[Path]:
    """Photograph the whole notebook into ``target`` (and ``target-2.png``... when it is very long).

    The notebook scrolls inside its panel, so a full-page screenshot would miss it: the viewport grows to
    the notebook's height (up to ``max_height``), and a longer notebook is photographed in parts.
    """
    if page.locator("#jp-left-stack:visible").count():
        page.keyboard.press("Control+b")  # hide the file browser: more room for the lesson
    geometry = """() => {
        const scroller = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
        return {top: Math.ceil(scroller.getBoundingClientRect().top), height: scroller.scrollHeight,
                visible: scroller.clientHeight};
    }"""
    first = page.evaluate(geometry)
    wanted = first["top"] + first["height"] + 40  # the status bar below the panel
    page.set_viewport_size({"width": 1400, "height": max(900, min(wanted, max_height))})
    page.wait_for_timeout(300)
    shape = page.evaluate(geometry)
    step = max(200, shape["visible"] - 40)  # overlap the parts a little
    target.parent.mkdir(parents=True, exist_ok=True)
    for old in target.parent.glob(f"{target.stem}-*.png"):
        old.unlink()
    written, offset, part = [], 0, 1
    while True:
        page.evaluate(
            "(y) => { document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer').scrollTop = y; }",
            offset,
        )
        page.wait_for_timeout(250)
        path = target if part == 1 else target.with_name(f"{target.stem}-{part}{target.suffix}")
        page.screenshot(path=str(path))
        written.append(path)
        offset += step
        part += 1
        if offset >= shape["height"] - shape["visible"] + step or part > 20:
            break
    return written
