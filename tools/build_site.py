"""Build the static reader: every lesson run and saved as a web page, readable offline, no Jupyter needed.

Run it from the top folder of the collection::

    python -m tools.build_site                      # student versions (no solutions) -> site/
    python -m tools.build_site --source notebooks   # instructor versions, with solutions (answer keys)
    python -m tools.build_site --repo-url https://github.com/OWNER/REPO   # also link files and Binder

Then open ``site/index.html`` in a browser (``file://`` is fine; no server needed).

What it does
------------
* runs every lesson of the source folder (``student/`` by default) top to bottom in a fresh kernel, in
  the lesson's own folder, as JupyterLab would; a lesson that stops on an error stops the build;
* turns each into one HTML page with nbconvert's ``lab`` template, minus every script it would load
  from a CDN (require.js, MathJax, Mermaid, the widget renderer): the pages need no network at all;
* replaces each interactive widget with a short note ("Interactive widget: open this lesson in JupyterLab
  or Binder to use it") followed by how it first looked (the figures and text its output areas held);
* adds previous / next links in reading order (``00-...`` to ``04-...``, then the glossary) and an index
  page; links between lessons point at the pages; other relative links (``../data/README.md``) are kept,
  so they work when ``site/`` sits in the clone, or point at ``--repo-url`` when given.

Figures keep their alt text: lessons show them as ``<figure><img alt=...>`` (``helpers.display.figures``).
"""

from __future__ import annotations

import argparse
import copy
import html
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import nbformat
from jinja2 import DictLoader
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

from helpers.data.paths import REPO_ROOT

__all__ = [
    "Lesson",
    "SiteBuildError",
    "WIDGET_NOTE",
    "build_site",
    "index_page",
    "lesson_pages",
    "main",
    "reading_order",
    "replace_widget_outputs",
    "rewrite_links",
]

SITE_DIR = REPO_ROOT / "site"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_NOTE = "Interactive widget: open this lesson in JupyterLab or Binder to use it."
COLLECTION_TITLE = "The INF Treaty: from elimination to withdrawal"


class SiteBuildError(RuntimeError):
    """A lesson could not be run or turned into a page; the message names the lesson."""


@dataclass
class Lesson:
    """One lesson of the site: its notebook, title, one-paragraph summary and page file name."""

    path: Path
    title: str
    summary: str

    @property
    def page(self) -> str:
        return f"{self.path.stem}.html"


# ---------------------------------------------------------------------------------------------------------
# Reading order, titles, links
# ---------------------------------------------------------------------------------------------------------


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
    """The lesson's title (its first level-1 heading) and summary (the first paragraph after it)."""
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


_HREF = re.compile(r'(href=")([^"#]*)(#[^"]*)?(")')


def rewrite_links(page_html: str, lessons: set[str], *, source: str, repo_url: str | None = None) -> str:
    """Point links to lesson notebooks at their pages; relative file links at ``repo_url`` when given.

    ``lessons`` holds the notebook file names of the site; ``source`` is the lessons' folder in the
    repository (a relative link is resolved from there).

    Examples
    --------
    >>> page = '<a href="glossary.ipynb#SVC">SVC</a> <a href="../student/01-b.ipynb">next</a>'
    >>> rewrite_links(page, {"glossary.ipynb", "01-b.ipynb"}, source="student")
    '<a href="glossary.html#SVC">SVC</a> <a href="01-b.html">next</a>'
    >>> rewrite_links('<a href="../data/README.md">data</a>', set(), source="student")
    '<a href="../data/README.md">data</a>'
    >>> rewrite_links('<a href="../data/README.md">d</a>', set(), source="student", repo_url="https://x.org/r/")
    '<a href="https://x.org/r/blob/HEAD/data/README.md">d</a>'
    >>> rewrite_links('<a href="https://example.org/a.ipynb">w</a>', {"a.ipynb"}, source="student")
    '<a href="https://example.org/a.ipynb">w</a>'
    """

    def replace(match: re.Match) -> str:
        start, target, anchor, end = match.group(1), match.group(2), match.group(3) or "", match.group(4)
        if not target or re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("/"):
            return match.group(0)  # same-page anchor, absolute URL, mailto:, data:
        parts = [p for p in f"{source}/{target}".split("/") if p not in ("", ".")]
        resolved: list[str] = []
        for part in parts:
            if part == "..":
                if resolved:
                    resolved.pop()
            else:
                resolved.append(part)
        name = resolved[-1] if resolved else ""
        if name in lessons and len(resolved) == 2 and resolved[0] in ("notebooks", "student", source):
            return f"{start}{name[: -len('.ipynb')]}.html{anchor}{end}"
        if repo_url:
            kind = "tree" if target.endswith("/") else "blob"
            url = f"{repo_url.rstrip('/')}/{kind}/HEAD/{quote('/'.join(resolved))}"
            return f"{start}{url}{anchor}{end}"
        return match.group(0)

    return _HREF.sub(replace, page_html)


# ---------------------------------------------------------------------------------------------------------
# Widgets: a note, and how the widget first looked
# ---------------------------------------------------------------------------------------------------------


def _output_html(output: dict, state: dict, seen: set[str]) -> str:
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return f'<pre class="inf-snapshot-text">{html.escape(output.get("text", ""))}</pre>'
    if output.get("output_type") == "error":
        return f'<pre class="inf-snapshot-error">{html.escape(output.get("ename", ""))}</pre>'
    if WIDGET_VIEW in data:
        return _widget_html(data[WIDGET_VIEW].get("model_id", ""), state, seen)
    if "text/html" in data:
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
    note = f'<div class="inf-widget-note" role="note"><strong>{html.escape(WIDGET_NOTE)}</strong>'
    if snapshot.strip():
        note += " Below: how it looked when this page was made."
    note += "</div>"
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


# ---------------------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------------------

SITE_CSS = """
.inf-nav { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; justify-content: space-between;
  align-items: baseline; max-width: 1100px; margin: 0 auto; padding: 0.8em 1em;
  font-family: system-ui, sans-serif; font-size: 1rem; border-bottom: 1px solid #ccc; }
.inf-nav.inf-nav-bottom { border-bottom: none; border-top: 1px solid #ccc; margin-top: 2em; }
.inf-nav a { color: #0b57a4; }
.inf-reader-note { max-width: 1100px; margin: 0.8em auto 0; padding: 0.5em 1em; background: #f3f6fa;
  border-left: 4px solid #0072B2; font-family: system-ui, sans-serif; font-size: 0.95rem; }
.inf-widget-note { padding: 0.6em 0.9em; margin: 0.3em 0; background: #fff8e6;
  border-left: 4px solid #E69F00; font-family: system-ui, sans-serif; }
.inf-widget-snapshot { border: 1px dashed #bbb; padding: 0.5em; margin-top: 0.3em; }
.inf-snapshot-control { color: #444; margin: 0.2em 0; }
main { max-width: 1100px; margin: 0 auto; }
figure.inf-figure img { max-width: 100%; height: auto; }
"""

PAGE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block extra_css %}<style type="text/css">{{ resources.inf_css }}</style>{% endblock extra_css %}
{%- block body_header -%}
{{ super() }}
{{ resources.inf_nav_top }}
{{ resources.inf_reader_note }}
{%- endblock body_header -%}
{% block body_footer %}
{{ resources.inf_nav_bottom }}
{{ super() }}
{% endblock body_footer %}
"""


def _exporter() -> HTMLExporter:
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"inf_reader.html.j2": PAGE_TEMPLATE})],
    )
    exporter.template_file = "inf_reader.html.j2"
    return exporter


def _nav(lessons: list[Lesson], index: int, where: str) -> str:
    links = []
    if index > 0:
        before = lessons[index - 1]
        links.append(f'<a href="{before.page}" rel="prev">&larr; Previous: {html.escape(before.title)}</a>')
    else:
        links.append("<span></span>")
    links.append('<a href="index.html">All lessons</a>')
    if index + 1 < len(lessons):
        after = lessons[index + 1]
        links.append(f'<a href="{after.page}" rel="next">Next: {html.escape(after.title)} &rarr;</a>')
    else:
        links.append("<span></span>")
    label = "Lessons" if where == "top" else "Lessons (bottom)"
    return f'<nav class="inf-nav inf-nav-{where}" aria-label="{label}">{"".join(links)}</nav>'


def _binder_link(repo_url: str | None, target: str) -> str | None:
    match = re.match(r"https://github\.com/([^/]+)/([^/#?]+?)(?:\.git)?/?$", repo_url or "")
    if not match:
        return None
    return f"https://mybinder.org/v2/gh/{match.group(1)}/{match.group(2)}/HEAD?urlpath=lab/tree/{target}"


def _reader_note(source: str, name: str, repo_url: str | None) -> str:
    binder = _binder_link(repo_url, f"{source}/{name}")
    where = f'<a href="{html.escape(binder, quote=True)}">Binder</a>' if binder else "Binder"
    return (
        '<p class="inf-reader-note">This is the read-only version of the lesson, with the outputs it gave '
        f"when the page was made. To run the code, answer the exercises and use the widgets, open "
        f"<code>{html.escape(source)}/{html.escape(name)}</code> in JupyterLab or on {where}.</p>"
    )


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


def lesson_pages(
    notebooks: dict[Path, nbformat.NotebookNode], *, source: str, repo_url: str | None = None
) -> tuple[list[Lesson], dict[str, str]]:
    """The lessons (in the given order) and each page's HTML, from notebooks that have been run."""
    lessons = [lesson_info(path, nb) for path, nb in notebooks.items()]
    names = {lesson.path.name for lesson in lessons}
    exporter = _exporter()
    pages = {}
    for index, (lesson, nb) in enumerate(zip(lessons, notebooks.values(), strict=True)):
        nb = copy.deepcopy(nb)
        replace_widget_outputs(nb)
        resources = {
            "metadata": {"name": f"{lesson.title} · {COLLECTION_TITLE}", "path": str(lesson.path.parent)},
            "inf_css": SITE_CSS,
            "inf_nav_top": _nav(lessons, index, "top"),
            "inf_nav_bottom": _nav(lessons, index, "bottom"),
            "inf_reader_note": _reader_note(source, lesson.path.name, repo_url),
        }
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        pages[lesson.page] = rewrite_links(body, names, source=source, repo_url=repo_url)
    return lessons, pages


def index_page(lessons: list[Lesson], *, source: str, repo_url: str | None = None) -> str:
    """The site's front page: every lesson in reading order, with its summary."""
    items = "\n".join(
        f'<li><a href="{lesson.page}">{html.escape(lesson.title)}</a>'
        + (f"<p>{html.escape(lesson.summary)}</p>" if lesson.summary else "")
        + "</li>"
        for lesson in lessons
    )
    binder = _binder_link(repo_url, f"{source}/{lessons[0].path.name}") if lessons else None
    run = (
        f'<a href="{html.escape(binder, quote=True)}">launch them on Binder</a>'
        if binder
        else "open them on Binder"
    )
    version = "instructor versions, with the solutions" if source == "notebooks" else "student versions"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(COLLECTION_TITLE)}</title>
<style>
body {{ font-family: system-ui, sans-serif; line-height: 1.5; color: #222; background: #fff;
  max-width: 50em; margin: 2em auto; padding: 0 1em; }}
a {{ color: #0b57a4; }}
ol li {{ margin: 0 0 1em 0; }}
ol li a {{ font-size: 1.15em; font-weight: 600; }}
ol li p {{ margin: 0.2em 0 0 0; }}
.inf-reader-note {{ background: #f3f6fa; border-left: 4px solid #0072B2; padding: 0.5em 1em; }}
</style>
</head>
<body>
<main>
<h1>{html.escape(COLLECTION_TITLE)}</h1>
<p>Lessons on the 1987 INF Treaty, the 2013-2018 diplomacy over Russia's 9M729 missile and the US
withdrawal of 2018-2019, for history and politics classes and self-study.</p>
<p class="inf-reader-note">This is the read-only version ({version}): every lesson with the outputs it
gave when these pages were made. To run the code, answer the exercises and use the interactive widgets,
open the notebooks in JupyterLab (see the collection's README) or {run}.</p>
<h2>Lessons, in reading order</h2>
<ol>
{items}
</ol>
<p>How to cite: INF Treaty lessons contributors (2026). <cite>{html.escape(COLLECTION_TITLE)}</cite>.
See CITATION.cff in the collection.</p>
</main>
</body>
</html>
"""


def build_site(
    out_dir: Path = SITE_DIR,
    *,
    source: str = "student",
    repo_url: str | None = None,
    timeout: int = 600,
    log: Callable[[str], None] = print,
    source_dir: Path | None = None,
) -> list[Lesson]:
    """Run every lesson of ``source`` (a folder of the collection) and write the site into ``out_dir``.

    ``source_dir`` overrides where the notebooks are read from (``REPO_ROOT / source`` by default).
    Old pages in ``out_dir`` are removed first; nothing is written if a lesson fails.
    """
    folder = Path(source_dir) if source_dir is not None else REPO_ROOT / source
    paths = reading_order(folder)
    if not paths:
        raise SiteBuildError(f"no notebooks in {folder}")
    executed = {}
    for path in paths:
        started = time.monotonic()
        executed[path] = execute(path, timeout=timeout)
        log(f"ran {source}/{path.name} in {time.monotonic() - started:.1f} s")
    lessons, pages = lesson_pages(executed, source=source, repo_url=repo_url)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.html"):
        old.unlink()
    for name, body in pages.items():
        (out_dir / name).write_text(body, encoding="utf-8")
    (out_dir / "index.html").write_text(
        index_page(lessons, source=source, repo_url=repo_url), encoding="utf-8"
    )
    log(f"wrote {len(pages)} lessons and index.html to {out_dir}")
    return lessons


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_site", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--source",
        default="student",
        choices=["student", "notebooks"],
        help="student: the student versions, without solutions (default); notebooks: the instructor versions",
    )
    parser.add_argument("--out", type=Path, default=SITE_DIR, help="where to write the site (default: site/)")
    parser.add_argument(
        "--repo-url",
        default=None,
        help="the collection's GitHub URL: links to repository files and a Binder link point there",
    )
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default: 600)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        build_site(args.out, source=args.source, repo_url=args.repo_url, timeout=args.timeout)
    except SiteBuildError as error:
        print(f"build_site: {error}", file=sys.stderr)
        return 1
    print(f"done in {time.monotonic() - started:.0f} s: open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
