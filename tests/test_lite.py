"""The lessons in JupyterLite, and on the library versions its Pyodide carries.

``python -m tools.build_lite`` builds the site once for the module (the first build downloads about 90 MB
into ``.lite-cache/``, from the package registries; later ones reuse it). The tests check that the site
carries its own verified Pyodide, then serve it on localhost and run every student lesson in headless
Chromium: no error output, no request to another host. A second group runs the student lessons in a venv
with Pyodide's pandas 2.2.3 and matplotlib 3.8.4 (``lite/requirements-pyodide-stack.txt``), so a lesson
that works only on the pinned desktop versions fails here, not in a class.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import re
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.data.paths import REPO_ROOT
from tools import build_lite

from .browser_support import _INSPECT_JS, _KERNEL_READY_JS, _RUN_FINISHED_JS, ExternalRequests
from .network_guard import guard_setup_code

pytestmark = pytest.mark.lite

LESSONS = sorted(path.name for path in (REPO_ROOT / "student").glob("*.ipynb"))
STACK = REPO_ROOT / "lite" / "requirements-pyodide-stack.txt"
FONT_CACHE = "Matplotlib is building the font cache; this may take a moment."
"""What Pyodide's matplotlib says once a session, at the first figure: a note, not an error (the README and
the teacher guide say so)."""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_lite.build_site(tmp_path_factory.mktemp("lite") / "site")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


@pytest.fixture(scope="module")
def served(site) -> Iterator[str]:
    """The site on a local address, as a teacher's web server would serve it."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_site_carries_its_own_verified_pyodide(site):
    pyodide = site / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock["info"]["version"] == build_lite.PYODIDE_VERSION
    versions = {name: entry["version"] for name, entry in lock["packages"].items()}
    assert (versions["pandas"], versions["matplotlib"]) == ("2.2.3", "3.8.4")
    assert {"ssl", "sqlite3", "jedi", "ipywidgets", "comm"} <= set(versions)  # or the kernel hangs
    for entry in lock["packages"].values():
        data = (pyodide / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file_name"]
    packages = {
        p.name for p in pyodide.iterdir() if p.suffix in (".whl", ".zip") and p.name != "python_stdlib.zip"
    }
    assert packages == {entry["file_name"] for entry in lock["packages"].values()}


def test_the_site_is_set_to_fetch_nothing_from_outside(site):
    settings = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = settings["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert not re.match(r"https?:", kernel["pyodideUrl"]), kernel["pyodideUrl"]
    assert not [url for url in kernel["pipliteUrls"] if re.match(r"https?:", url)]
    assert set(build_lite.KERNEL_PACKAGES) <= set(kernel["loadPyodideOptions"]["packages"])


def test_the_contents_are_the_student_copy_with_helpers_as_files(site):
    files = site / "files"
    assert sorted(p.name for p in files.glob("*.ipynb")) == LESSONS
    assert (files / "helpers" / "checks" / "sealed.py").is_file() and (
        files / "data" / "events.csv"
    ).is_file()
    assert not [p for p in files.rglob("*") if p.is_symlink()]
    assert (site / ".nojekyll").is_file()  # or GitHub Pages leaves out every file whose name starts with _
    for name in LESSONS:
        text = (files / name).read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "%pip" not in text, name


def test_refuses_a_folder_it_did_not_build(tmp_path):
    (tmp_path / "essay.txt").write_text("mine", encoding="utf-8")
    assert build_lite.main(["--out", str(tmp_path)]) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["essay.txt"]


@pytest.mark.browser
@pytest.mark.parametrize("name", LESSONS)
def test_every_student_lesson_runs_in_the_browser_offline(browser, served, name):
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    outside = ExternalRequests((served, "data:", "blob:"))
    outside.attach(context)
    page = context.new_page()
    try:
        page.goto(f"{served}/lab/index.html?path={name}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=120_000)
        page.wait_for_function(_KERNEL_READY_JS, timeout=180_000, polling=250)
        page.click('.lm-MenuBar-item:has-text("Run")')
        page.click('li.lm-Menu-item[data-command="runmenu:run-all"]')
        page.wait_for_function(_RUN_FINISHED_JS, timeout=420_000, polling=250)
        page.wait_for_timeout(500)
        report = page.evaluate(_INSPECT_JS)
    finally:
        context.close()
    assert outside.seen == [], f"{name} asked another host: {outside.seen[:5]}"
    errors = [text for text in report["stderr"] if text.strip() != FONT_CACHE]
    assert errors == [], f"{name}: {errors[:3]}"
    assert any(has_code for has_code, _ in report["prompts"]), "the page shows no code cells"
    unrun = [prompt for has_code, prompt in report["prompts"] if has_code and not re.search(r"\d", prompt)]
    assert unrun == [], f"{name}: cells that did not run"
    assert "Traceback" not in report["outputText"] and "Error displaying widget" not in report["outputText"]
    if "Not answered yet" in (REPO_ROOT / "student" / name).read_text(encoding="utf-8"):
        assert "Not answered yet" in report["outputText"]


@pytest.fixture(scope="module")
def stack_python(tmp_path_factory) -> Path:
    """A venv with Pyodide's versions of the lessons' libraries (and a kernel to run them)."""
    venv = tmp_path_factory.mktemp("pyodide-stack") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(STACK)]
    subprocess.run(pip, check=True, timeout=900)
    return python


_RUN = """
import json, sys, nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
folder = {"metadata": {"path": sys.argv[2]}}
NotebookClient(nb, timeout=300, kernel_name="python3", resources=folder).execute()
outputs = [o for cell in nb.cells for o in cell.get("outputs", [])]
print(json.dumps([o.get("ename") or o.get("text", "")[:300] for o in outputs
                  if o.get("output_type") == "error" or o.get("name") == "stderr"]))
"""


@pytest.mark.notebooks
@pytest.mark.parametrize("name", LESSONS)
def test_every_student_lesson_runs_on_pyodides_pandas_and_matplotlib(stack_python, tmp_path, name):
    versions = subprocess.run(
        [
            str(stack_python),
            "-c",
            "import pandas, matplotlib; print(pandas.__version__, matplotlib.__version__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert versions == ["2.2.3", "3.8.4"]
    (tmp_path / "sitecustomize.py").write_text(
        guard_setup_code(str(tmp_path / "attempts.log")), encoding="utf-8"
    )
    env = os.environ | {"PYTHONPATH": str(tmp_path)}
    student = REPO_ROOT / "student"
    done = subprocess.run(
        [str(stack_python), "-c", _RUN, str(student / name), str(student)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [], f"{name}: errors or warnings"
    assert not (tmp_path / "attempts.log").exists(), (tmp_path / "attempts.log").read_text()
