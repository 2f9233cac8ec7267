"""Build the course website: every lesson of the student copy, run and turned into pages by Sphinx.

Run it from the top folder of the collection, with the development requirements installed::

    python -m tools.build_site --out site          # the site, in site/ (open site/index.html)
    python -m tools.build_site --out site --lite   # and the JupyterLite site in site/lite/, linked

The pages come from Sphinx with myst-nb and sphinx-book-theme (a sidebar of the lessons, search,
previous / next, a light and a dark theme). Nothing on a page loads from another host, so the site
works from a USB stick (``file://``) or any web server.

What it does
------------
* writes the student copy (``tools.make_student_copy``: no solution, answers hashed) into a work folder
  and runs every lesson of it top to bottom in a fresh kernel, in its own folder, as JupyterLab would;
  a lesson that stops on an error stops the build, and nothing is written;
* replaces each widget with a note and a snapshot of how it first looked (its figures and text), and
  each self-check's output, which only a kernel can give, with a note on where to run it;
* adds to each lesson a box with its launch links (JupyterLite when built, Binder and JupyterHub when
  ``addresses.toml`` gives the addresses) and its printable worksheet; a button on each lesson page
  hides the code for a class that only wants the history;
* copies the built pages into ``--out`` and lists them in ``.build_site-files``. A later build
  replaces and removes only the files in that list: a file it did not write is never overwritten or
  deleted (the build stops and names it instead).
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers.data.paths import REPO_ROOT
from tools import addresses as site_addresses
from tools import build_lite, make_worksheets
from tools import make_student_copy as msc
from tools.make_glossary_page import text_for_markdown

__all__ = [
    "CHECK_NOTE",
    "Lesson",
    "MANIFEST",
    "SiteBuildError",
    "WIDGET_NOTE",
    "build_site",
    "install",
    "jupyterlab_anchor",
    "launch_box",
    "page_links",
    "lesson_info",
    "main",
    "reading_order",
    "replace_check_outputs",
    "replace_widget_outputs",
]

SITE_DIR = REPO_ROOT / "site"
SPHINX_FILES = Path(__file__).parent / "sphinx"
MANIFEST = ".build_site-files"
LITE_MARKER = build_lite.MARKER  # what python -m tools.build_lite leaves in a site it built
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_NOTE = (
    "Interactive widget: it works when the lesson runs (see the launch links at the top of the page)."
)
CHECK_NOTE = (
    "Self-check: on this page nothing runs. Open the lesson (see the launch links at the top of the page), "
    "write your answer in the cell above, then run this cell: it tells you at once how you did."
)
COLLECTION_TITLE = "The INF Treaty: from elimination to withdrawal"
CHECK_CALL = re.compile(r"^\s*(?:[A-Za-z_]\w*\.)*check\w*\((?:[^()]|\([^()]*\))*\)\s*$")


class SiteBuildError(RuntimeError):
    """The site could not be built; the message names the lesson, page or file and says why."""


@dataclass
class Lesson:
    """One page of the site: its notebook, title, one-paragraph summary and page file name."""

    path: Path
    title: str
    summary: str

    @property
    def page(self) -> str:
        return f"{self.path.stem}.html"


# --------------------------------------------------------------------------------- reading order, titles


def reading_order(folder: Path) -> list[Path]:
    """The notebooks of ``folder`` in reading order: numbered lessons by number, then the others by name.

    Examples
    --------
    >>> names = ["glossary.ipynb", "01-b.ipynb", "00-a.ipynb", "10-k.ipynb", "2-c.ipynb"]
    >>> [p.name for p in reading_order_of([Path(n) for n in names])]
    ['00-a.ipynb', '01-b.ipynb', '2-c.ipynb', '10-k.ipynb', 'glossary.ipynb']
    """
    return reading_order_of(
        p for p in Path(folder).glob("*.ipynb") if not p.name.startswith(".") and "checkpoint" not in p.name
    )


def reading_order_of(paths: Iterable[Path]) -> list[Path]:
    def key(path: Path) -> tuple[int, int, str]:
        number = re.match(r"(\d+)-", path.name)
        return (0, int(number.group(1)), path.name) if number else (1, 0, path.name)

    return sorted(paths, key=key)


def _plain(markdown: str) -> str:
    """Markdown to one line of plain text (links to their text, emphasis and code marks dropped)."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


def lesson_info(path: Path, nb: nbformat.NotebookNode) -> Lesson:
    """The lesson's title (its first level-1 heading) and summary (the first paragraph after it).

    Examples
    --------
    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> nb = new_notebook(cells=[new_markdown_cell("# The *treaty*\\n\\nWhy it **ended**.")])
    >>> lesson_info(Path("01-t.ipynb"), nb)
    Lesson(path=PosixPath('01-t.ipynb'), title='The treaty', summary='Why it ended.')
    """
    title, summary = path.stem, ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for block in re.split(r"\n\s*\n", cell.source):
            block = block.strip()
            heading = re.match(r"#\s+(.+)", block)
            if heading and title == path.stem:
                title = _plain(heading.group(1))
            elif block and not block.startswith(("#", ">", "|", "-", "*", "<", "```")) and title != path.stem:
                summary = _plain(block)
                break
        if summary:
            break
    if len(summary) > 320:
        summary = summary[:317].rsplit(" ", 1)[0] + "..."
    return Lesson(path=path, title=title, summary=summary)


def jupyterlab_anchor(title: str) -> str:
    """The anchor JupyterLab gives a heading, which the lessons' links use (Sphinx's setting for MyST).

    >>> jupyterlab_anchor("Material breach")
    'Material-breach'
    """
    return re.sub(r"\s+", "-", title.strip())


# ------------------------------------------------------------------- widgets: a note and how they looked


def _output_html(output: dict, state: dict, seen: set[str]) -> str:
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return f'<pre class="inf-snapshot-text">{html.escape(output.get("text", ""))}</pre>'
    if output.get("output_type") == "error":
        return f'<pre class="inf-snapshot-error">{html.escape(output.get("ename", ""))}</pre>'
    if WIDGET_VIEW in data:
        return _widget_html(data[WIDGET_VIEW].get("model_id", ""), state, seen)
    if "text/html" in data:  # made by the lesson's own code, which escapes what comes from the data
        value = data["text/html"]
        return "".join(value) if isinstance(value, list) else value
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            alt = html.escape(str(data.get("text/plain", "")), quote=True)
            return f'<img src="data:{mime};base64,{data[mime]}" alt="{alt}">'
    if "text/plain" in data:
        return f'<pre class="inf-snapshot-text">{html.escape(str(data["text/plain"]))}</pre>'
    return ""


def _widget_html(model_id: str, state: dict, seen: set[str]) -> str:
    """What a widget showed when the lesson was run: its output areas and HTML, and its controls' values."""
    if model_id in seen or model_id not in state:
        return ""
    seen.add(model_id)
    model = state[model_id]
    name, values = model.get("model_name", ""), model.get("state", {})
    if name == "OutputModel":
        return "".join(_output_html(o, state, seen) for o in values.get("outputs", []))
    if name in ("HTMLModel", "HTMLMathModel"):
        return str(values.get("value", ""))
    if name == "LabelModel":
        return f"<p>{html.escape(str(values.get('value', '')))}</p>"
    children = values.get("children")
    if isinstance(children, list):
        return "".join(_widget_html(str(c).removeprefix("IPY_MODEL_"), state, seen) for c in children)
    description = str(values.get("description", "")).strip()
    if description and "value" in values and not name.endswith(("ButtonModel", "LayoutModel", "StyleModel")):
        value = values["value"]
        if isinstance(value, list):
            value = " – ".join(str(v) for v in value)
        elif "index" in values and isinstance(values.get("_options_labels"), list):
            labels = values["_options_labels"]
            index = values["index"]
            value = labels[index] if isinstance(index, int) and 0 <= index < len(labels) else value
        return (
            f'<p class="inf-snapshot-control">{html.escape(description.rstrip(":"))}: '
            f"{html.escape(str(value))}</p>"
        )
    return ""


def widget_note_html(model_id: str, state: dict) -> str:
    """The note that replaces a widget, with a snapshot of how the widget first looked (if any)."""
    snapshot = _widget_html(model_id, state, set())
    note = f'<p class="inf-widget-note" role="note"><strong>{html.escape(WIDGET_NOTE)}</strong>'
    if snapshot.strip():
        note += " Below: how it looked when this page was made."
    note += "</p>"
    if snapshot.strip():
        note += f'<div class="inf-widget-snapshot">{snapshot}</div>'
    return f'<div class="inf-widget">{note}</div>'


def replace_widget_outputs(nb: nbformat.NotebookNode) -> int:
    """Replace every widget output with a note and a snapshot; drop the widget state. Returns how many.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook, new_output
    >>> view = {"version_major": 2, "version_minor": 0, "model_id": "m1"}
    >>> output = new_output("display_data", {WIDGET_VIEW: view, "text/plain": "w"})
    >>> cell = new_code_cell("w", outputs=[output])
    >>> nb = new_notebook(cells=[cell])
    >>> replace_widget_outputs(nb)
    1
    >>> WIDGET_NOTE in cell.outputs[0]["data"]["text/html"]
    True
    """
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    count = 0
    for cell in nb.cells:
        for index, output in enumerate(cell.get("outputs", [])):
            data = output.get("data", {})
            if WIDGET_VIEW not in data:
                continue
            note = widget_note_html(data[WIDGET_VIEW].get("model_id", ""), state)
            cell.outputs[index] = nbformat.v4.new_output(
                "display_data", {"text/html": note, "text/plain": f"[{WIDGET_NOTE}]"}
            )
            count += 1
    nb.metadata.pop("widgets", None)
    return count


def replace_check_outputs(nb: nbformat.NotebookNode) -> int:
    """Give every self-check cell (``check("answer_1")``) a note instead of its output; return how many.

    A check's output ("Not answered yet: run the answer cell above...") only makes sense with a kernel.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook, new_output
    >>> stale = new_output("display_data", {"text/plain": "Not answered yet"})
    >>> nb = new_notebook(cells=[new_code_cell('check("answer_1")', outputs=[stale]), new_code_cell("x = 1")])
    >>> replace_check_outputs(nb)
    1
    >>> CHECK_NOTE in nb.cells[0].outputs[0]["data"]["text/plain"]
    True
    """
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and CHECK_CALL.match(cell.source):
            note = f'<p class="inf-check-note" role="note">{html.escape(CHECK_NOTE)}</p>'
            cell.outputs = [
                nbformat.v4.new_output("display_data", {"text/html": note, "text/plain": CHECK_NOTE})
            ]
            count += 1
    return count


# ------------------------------------------------------------------------------------------ launch links


def launch_box(lesson: str, where: site_addresses.Addresses, *, lite: bool, worksheet: str | None) -> str:
    """The box at the top of a lesson page: where to run it, and its printable worksheet (HTML).

    Examples
    --------
    >>> nowhere = site_addresses.Addresses(None, None, None, None)
    >>> box = launch_box("01-a.ipynb", nowhere, lite=True, worksheet="worksheets/worksheet-01.html")
    >>> 'href="lite/lab/index.html?path=01-a.ipynb"' in box, "Binder" in box
    (True, False)
    """
    runs = []
    if lite:
        address = html.escape(f"lite/lab/index.html?path={lesson}", quote=True)
        runs.append(
            f'<li><a class="inf-link" href="{address}">In your browser</a> (JupyterLite): nothing to '
            "install; your work stays in this browser.</li>"
        )
    for url, text in (
        (where.binder_url(lesson), "On Binder</a>: the first start can take a few minutes."),
        (
            where.nbgitpuller_url(lesson),
            "On the school's JupyterHub</a>: your own copy, kept between lessons.",
        ),
    ):
        if url:
            runs.append(f'<li><a class="inf-link" href="{html.escape(url, quote=True)}">{text}</li>')
    if not runs:
        runs.append("<li>In JupyterLab: ask your teacher for the link, or see the collection's README.</li>")
    sheet = (
        f'<p>Working on paper? Print the <a class="inf-link" href="{html.escape(worksheet, quote=True)}">'
        "worksheet of this lesson</a>.</p>"
        if worksheet
        else ""
    )
    return (
        '<div class="inf-launch" role="note">\n<p><strong>Run this lesson.</strong> This page shows the '
        "lesson as it ran when the site was made: the code does not run here, and the exercises cannot "
        "check your answers. To do the exercises and use the widgets, open it:</p>\n"
        f"<ul>\n{chr(10).join(runs)}\n</ul>\n{sheet}\n</div>"
    )


# ---------------------------------------------------------------------------------------- the build


def execute(path: Path, *, timeout: int = 600) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel, in its own folder; raise SiteBuildError on an error."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    try:
        client.execute()
    except CellExecutionError as error:
        raise SiteBuildError(f"{path.name} stopped on an error:\n{error}") from error
    return nb


_FOLDER_LINK = re.compile(r"\]\(((?:[\w.-]+/)+)\)")


def _folder_pages(text: str, copy: Path, src: Path) -> str:
    """Point links to a folder (``data/``) at a page: its README.md, or a list of its files written here."""

    def page(match: re.Match) -> str:
        folder = match.group(1)
        if (copy / folder / "README.md").is_file():
            return f"]({folder}README.md)"
        if not (copy / folder).is_dir():
            return match.group(0)
        index = src / folder / "index.md"
        if not index.exists():
            files = sorted(p.name for p in (copy / folder).iterdir() if p.is_file())
            items = "\n".join(f"- [{name}]({name})" for name in files)
            index.parent.mkdir(parents=True, exist_ok=True)
            index.write_text(f"# The files in {folder}\n\n{items}\n", encoding="utf-8")
        return f"]({folder}index.md)"

    return _FOLDER_LINK.sub(page, text)


_NOTEBOOK_HREF = re.compile(r'href="([\w.-]+)\.ipynb(?:#([^"]*))?"')


def page_links(text: str) -> str:
    """Point HTML links to a lesson notebook (``href="glossary.ipynb#SVC"``) at its page and heading.

    Markdown links are Sphinx's job; these come from the lessons' HTML (outputs and tags), which it does
    not read. The heading's anchor becomes the identifier Sphinx gives that heading.

    >>> page_links('<a href="glossary.ipynb#INF-Treaty">INF</a> <a href="01-a.ipynb">next</a>')
    '<a href="glossary.html#inf-treaty">INF</a> <a href="01-a.html">next</a>'
    """
    from docutils.nodes import make_id

    def page(match: re.Match) -> str:
        anchor = f"#{make_id(match.group(2))}" if match.group(2) else ""
        return f'href="{match.group(1)}.html{anchor}"'

    return _NOTEBOOK_HREF.sub(page, text)


def _index_markdown(lessons: list[Lesson], others: list[str]) -> str:
    items = "\n".join(
        f"{number}. **[{text_for_markdown(lesson.title)}]({lesson.path.name})**"
        + (f"  \n   {text_for_markdown(lesson.summary)}" if lesson.summary else "")
        for number, lesson in enumerate(lessons, start=1)
    )
    toctree = "\n".join(lesson.path.name for lesson in lessons)
    return f"""# {COLLECTION_TITLE}

Lessons on the 1987 INF Treaty, the 2013-2018 diplomacy over Russia's 9M729 missile and the US
withdrawal of 2018-2019, for history and politics classes and for self-study. Each lesson works from
primary sources: two US State Department fact sheets and an op-ed by the US Ambassador to Russia, read
beside what Russian officials said in reply.

This site shows every lesson as it ran when the site was made. To run the code, answer the exercises
and use the interactive widgets, open a lesson from the box at its top.

## Lessons, in reading order

{items}

Also: the [glossary](glossary.ipynb), the [who is who](who-is-who.ipynb), and
[about the data](data/README.md).

## How to cite

INF Treaty lessons contributors (2026). *{COLLECTION_TITLE}* (version {msc.collection_version()})
[Jupyter notebooks and data]. The citation file: [CITATION.cff](CITATION.cff).

```{{toctree}}
:hidden:
:caption: Lessons

{toctree}
```

```{{toctree}}
:hidden:
:caption: Reference

{chr(10).join(others)}
```
"""


def write_sources(
    src: Path,
    copy: Path,
    executed: dict[Path, nbformat.NotebookNode],
    where: site_addresses.Addresses,
    *,
    lite: bool,
) -> list[Lesson]:
    """Write the Sphinx source folder ``src`` from the student copy and its run lessons (changed in place)."""
    shutil.copytree(SPHINX_FILES, src, dirs_exist_ok=True)
    settings = {
        "title": COLLECTION_TITLE,
        "version": msc.collection_version(),
        "repository_url": where.student_repository,
    }
    (src / "site-settings.json").write_text(json.dumps(settings), encoding="utf-8")
    for name in ("data", "CITATION.cff", "LICENSE", "LICENSE-CONTENT.md"):
        (shutil.copytree if (copy / name).is_dir() else shutil.copy2)(copy / name, src / name)
    sheets = make_worksheets.make_worksheets(src / "_extra" / "worksheets", source=copy)
    sheet_of = {page.stem.removeprefix("worksheet-"): f"worksheets/{page.name}" for page in sheets}
    lessons = []
    for path, nb in executed.items():  # each run notebook is changed in place and written once
        lesson = lesson_info(path, nb)
        lessons.append(lesson)
        replace_widget_outputs(nb)
        replace_check_outputs(nb)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = page_links(_folder_pages(cell.source, copy, src))
            for output in cell.get("outputs", []):
                if "text/html" in output.get("data", {}):
                    value = output["data"]["text/html"]
                    output["data"]["text/html"] = page_links(
                        "".join(value) if isinstance(value, list) else value
                    )
        if re.match(r"\d+-", path.name):
            box = launch_box(path.name, where, lite=lite, worksheet=sheet_of.get(path.name[:2]))
            nb.cells.insert(1, nbformat.v4.new_markdown_cell(box))
        nbformat.write(nb, src / path.name)
    numbered = [lesson for lesson in lessons if re.match(r"\d+-", lesson.path.name)]
    others = [lesson.path.name for lesson in lessons if lesson not in numbered]
    others += ["data/README.md", "data/background-facts.md", "LICENSE-CONTENT.md", "worksheets.md"]
    sheet_items = "\n".join(
        f'<li><a class="inf-link" href="{html.escape(sheet_of[lesson.path.name[:2]], quote=True)}">'
        f"{html.escape(lesson.title)}</a></li>"
        for lesson in numbered
        if lesson.path.name[:2] in sheet_of
    )
    (src / "worksheets.md").write_text(
        "# Printable worksheets\n\nOne worksheet per lesson, for class on paper: every exercise of the "
        "lesson with room to write, and no answer. Open one and print it (A4).\n\n"
        f'<ul class="inf-worksheets">\n{sheet_items}\n</ul>\n',
        encoding="utf-8",
    )
    for folder in {p.parent for p in src.glob("data/**/index.md")}:
        others.append(f"{folder.relative_to(src).as_posix()}/index.md")
    (src / "index.md").write_text(_index_markdown(numbered, others), encoding="utf-8")
    return lessons


def run_sphinx(src: Path, built: Path) -> None:
    """Build ``src`` into ``built`` with Sphinx, warnings as errors (SiteBuildError lists them)."""
    from sphinx.cmd.build import build_main

    warnings = src.parent / "sphinx-warnings.txt"
    doctrees = src.parent / "doctrees"
    quiet = io.StringIO()
    saved = sys.stdout
    sys.stdout = quiet
    try:
        status = build_main(
            [
                "-b",
                "html",
                "-q",
                "-W",
                "--keep-going",
                "-w",
                str(warnings),
                "-d",
                str(doctrees),
                str(src),
                str(built),
            ]
        )
    finally:
        sys.stdout = saved
    if status != 0:
        text = warnings.read_text(encoding="utf-8") if warnings.exists() else quiet.getvalue()
        raise SiteBuildError(f"Sphinx could not build the site:\n{text.strip()}")
    for macros in built.glob("_static/*macros.html"):  # the theme's template parts, not pages
        macros.unlink()
    (built / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages would hide _static/ otherwise


def _written_before(out: Path) -> set[str]:
    manifest = out / MANIFEST
    if not manifest.exists():
        return set()
    return {
        line
        for line in manifest.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }


def install(built: Path, out: Path) -> list[str]:
    """Copy the built site into ``out``; return the files written (relative, posix).

    Only files listed in ``out``'s manifest (written by an earlier build) are replaced or removed: a file
    of the same name that this command did not write stops the build before anything is written.
    """
    before = _written_before(out)
    files = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    clashes = [name for name in files if (out / name).exists() and name not in before]
    clashes += [name for name in files if (out / name).is_dir()]
    if clashes:
        raise SiteBuildError(
            f"{out / clashes[0]} is already there and was not written by this command ({len(clashes)} such "
            "file(s)): nothing was written or deleted. Move those files or choose another --out folder."
        )
    out.mkdir(parents=True, exist_ok=True)
    for name in files:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built / name, out / name)
    for name in sorted(before - set(files)):
        stale = out / name
        if stale.is_file():
            stale.unlink()
            parent = stale.parent
            while parent != out and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    (out / MANIFEST).write_text(
        "# Files written by python -m tools.build_site; a later build replaces or removes only these.\n"
        + "\n".join(files)
        + "\n",
        encoding="utf-8",
    )
    return files


def build_site(
    out: Path = SITE_DIR,
    *,
    lite: bool = False,
    addresses: Path | None = None,
    timeout: int = 600,
    log: Callable[[str], None] = print,
) -> list[Lesson]:
    """Build the site into ``out`` (see the module's description); return its pages in reading order."""
    out = Path(out)
    where = site_addresses.load(addresses) if addresses else site_addresses.load()
    with tempfile.TemporaryDirectory(prefix="inf-site-") as work_name:
        work = Path(work_name)
        copy = work / "copy"
        msc.write_copy(copy)
        executed = {}
        for path in reading_order(copy):
            started = time.monotonic()
            executed[path] = execute(path, timeout=timeout)
            log(f"ran {path.name} in {time.monotonic() - started:.1f} s")
        if lite:  # first, so that the pages link to a site that is there
            build_lite.build_site(out / "lite")
            log(f"wrote the JupyterLite site to {out / 'lite'}")
        has_lite = (out / "lite" / LITE_MARKER).is_file()
        lessons = write_sources(work / "src", copy, executed, where, lite=has_lite)
        started = time.monotonic()
        run_sphinx(work / "src", work / "html")
        log(f"Sphinx built {len(lessons)} pages in {time.monotonic() - started:.1f} s")
        files = install(work / "html", out)
    log(f"wrote {len(files)} files to {out}")
    return lessons


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_site", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=SITE_DIR, help="where to write the site (default: site/)")
    parser.add_argument(
        "--lite",
        action="store_true",
        help="also build the JupyterLite site into OUT/lite/ and link every lesson to it",
    )
    parser.add_argument(
        "--addresses",
        type=Path,
        default=None,
        help="the settings file of public addresses (default: addresses.toml)",
    )
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default: 600)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        build_site(args.out, lite=args.lite, addresses=args.addresses, timeout=args.timeout)
    except (SiteBuildError, site_addresses.AddressError) as error:
        print(f"build_site: {error}", file=sys.stderr)
        return 1
    print(f"done in {time.monotonic() - started:.0f} s: open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
