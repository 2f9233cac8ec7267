"""The static reader (``python -m tools.build_site``): every lesson as an offline web page.

Fast tests build pages from small synthetic notebooks. The ``notebooks`` tests build the real site once
(student versions, into a temporary folder) and check it as files; the ``browser`` test opens every page
from ``file://`` in headless Chromium with name resolution off, as a reader offline would.
"""

from __future__ import annotations

import doctest
import html.parser
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.data.paths import REPO_ROOT
from tools import build_site as bs

from .browser_support import SCREENSHOTS, ExternalRequests, launched_browser

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STDERR_MIME = 'data-mime-type="application/vnd.jupyter.stderr"'
STUDENT = REPO_ROOT / "student"
META = {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}


class _Page(html.parser.HTMLParser):
    """The parts of a page the tests look at: images, links, scripts, styles sheets, headings."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict] = []
        self.links: list[dict] = []
        self.scripts: list[dict] = []
        self.stylesheets: list[dict] = []
        self.h1 = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img":
            self.images.append(attributes)
        elif tag == "a":
            self.links.append(attributes)
        elif tag == "script":
            self.scripts.append(attributes)
        elif tag == "link":
            self.stylesheets.append(attributes)
        elif tag == "h1":
            self.h1 += 1


def parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


def widget_state(models: dict) -> dict:
    return {
        "application/vnd.jupyter.widget-state+json": {"version_major": 2, "version_minor": 0, "state": models}
    }


def model(name: str, **state) -> dict:
    return {"model_name": name, "model_module": "@jupyter-widgets/controls", "state": state}


def explorer_notebook() -> nbformat.NotebookNode:
    """A run notebook as nbclient leaves it: a VBox of a range slider and an Output holding a figure."""
    figure = (
        '<figure class="inf-figure"><img src="data:image/png;base64,iVBORw0KGgo=" alt="Events, 1987-2019.">'
        "</figure>"
    )
    models = {
        "box": model("VBoxModel", children=["IPY_MODEL_slider", "IPY_MODEL_out", "IPY_MODEL_note"]),
        "slider": model("IntRangeSliderModel", description="Years", value=[1987, 2019]),
        "out": model(
            "OutputModel",
            outputs=[
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"text/html": figure, "text/plain": "f"},
                }
            ],
        ),
        "note": model("HTMLModel", value="<ul class='events'><li>Signed &amp; ratified</li></ul>"),
    }
    view = {"version_major": 2, "version_minor": 0, "model_id": "box"}
    cells = [
        new_markdown_cell("# Lesson 9: Widgets\n\nA lesson with [a glossary term](glossary.ipynb#SVC)."),
        new_code_cell(
            "explorer",
            outputs=[
                new_output("execute_result", {WIDGET_VIEW: view, "text/plain": "Box(...)"}, execution_count=1)
            ],
        ),
    ]
    nb = new_notebook(cells=cells, metadata=dict(META, widgets=widget_state(models)))
    return nb


# ----------------------------------------------------------------------------------------- units


def test_module_doctests_pass():
    result = doctest.testmod(bs, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 6 and result.failed == 0


def test_reading_order_numbers_first_then_the_rest(tmp_path):
    for name in ("glossary.ipynb", "10-late.ipynb", "02-b.ipynb", "00-a.ipynb", "appendix.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.ipynb").write_text("{}", encoding="utf-8")
    assert [p.name for p in bs.reading_order(tmp_path)] == [
        "00-a.ipynb",
        "02-b.ipynb",
        "10-late.ipynb",
        "appendix.ipynb",
        "glossary.ipynb",
    ]


def test_lesson_title_and_summary_come_from_the_opening():
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Lesson 1: *The* treaty\n\nWhy did [the INF Treaty](glossary.ipynb) matter?")
        ]
    )
    lesson = bs.lesson_info(Path("01-x.ipynb"), nb)
    assert (lesson.title, lesson.summary, lesson.page) == (
        "Lesson 1: The treaty",
        "Why did the INF Treaty matter?",
        "01-x.html",
    )
    assert bs.lesson_info(Path("x.ipynb"), new_notebook()).title == "x"


def test_widget_becomes_a_note_with_a_snapshot_of_its_figure_list_and_controls():
    nb = explorer_notebook()
    assert bs.replace_widget_outputs(nb) == 1
    output = nb.cells[1].outputs[0]
    shown = output["data"]["text/html"]
    assert WIDGET_VIEW not in output["data"]
    assert bs.WIDGET_NOTE in shown
    assert 'alt="Events, 1987-2019."' in shown  # the figure the Output widget held
    assert "Signed &amp; ratified" in shown  # the HTML widget's list, as written (already escaped)
    assert "Years: 1987 – 2019" in shown  # the range slider's first value, in words
    assert "widgets" not in nb.metadata


def test_widget_without_state_still_gets_the_note():
    view = {"version_major": 2, "version_minor": 0, "model_id": "gone"}
    nb = new_notebook(cells=[new_code_cell("w", outputs=[new_output("display_data", {WIDGET_VIEW: view})])])
    assert bs.replace_widget_outputs(nb) == 1
    shown = nb.cells[0].outputs[0]["data"]["text/html"]
    assert bs.WIDGET_NOTE in shown and "inf-widget-snapshot" not in shown


def test_widget_text_is_escaped_in_the_snapshot():
    models = {
        "s": model("DropdownModel", description="Pick <b>", value="x", index=0, _options_labels=["<script>"])
    }
    nb = new_notebook(
        cells=[
            new_code_cell(
                "w",
                outputs=[new_output("display_data", {WIDGET_VIEW: {"model_id": "s"}})],
            )
        ],
        metadata={"widgets": widget_state(models)},
    )
    bs.replace_widget_outputs(nb)
    shown = nb.cells[0].outputs[0]["data"]["text/html"]
    assert "<script>" not in shown and "Pick &lt;b&gt;: &lt;script&gt;" in shown


def test_pages_have_no_scripts_or_outside_resources_and_link_in_order():
    first = explorer_notebook()
    second = new_notebook(
        cells=[new_markdown_cell("# Glossary\n\n### SVC\n\nThe commission.")], metadata=META
    )
    lessons, pages = bs.lesson_pages(
        {Path("09-widgets.ipynb"): first, Path("glossary.ipynb"): second}, source="student"
    )
    assert [lesson.page for lesson in lessons] == ["09-widgets.html", "glossary.html"]
    for name, text in pages.items():
        page = parse(text)
        assert page.scripts == [] or all(not s.get("src") for s in page.scripts), name
        assert page.stylesheets == [], name
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), name
        assert "cdn" not in text.lower() and "unpkg" not in text.lower(), name
    widgets_page = parse(pages["09-widgets.html"])
    hrefs = [a.get("href") for a in widgets_page.links]
    assert "glossary.html#SVC" in hrefs  # lesson links point at pages
    assert "glossary.html" in [a.get("href") for a in widgets_page.links if a.get("rel") == "next"]
    assert not [a for a in widgets_page.links if a.get("rel") == "prev"]
    glossary_page = parse(pages["glossary.html"])
    assert [a.get("href") for a in glossary_page.links if a.get("rel") == "prev"] == ["09-widgets.html"] * 2
    assert 'id="SVC"' in pages["glossary.html"]  # the anchor the lessons link to
    assert all((img.get("alt") or "").strip() for img in widgets_page.images)


def test_index_lists_the_lessons_in_order_with_summaries():
    lessons = [
        bs.Lesson(Path("00-a.ipynb"), "Start <here>", "What & why."),
        bs.Lesson(Path("glossary.ipynb"), "Glossary", ""),
    ]
    text = bs.index_page(lessons, source="student", repo_url="https://github.com/owner/repo")
    page = parse(text)
    hrefs = [a.get("href") for a in page.links]
    assert hrefs.index("00-a.html") < hrefs.index("glossary.html")
    assert "Start &lt;here&gt;" in text and "What &amp; why." in text
    assert "https://mybinder.org/v2/gh/owner/repo/HEAD?urlpath=lab/tree/student/00-a.ipynb" in hrefs


def test_a_lesson_that_fails_stops_the_build_and_names_it(tmp_path):
    source = tmp_path / "lessons"
    source.mkdir()
    nbformat.write(new_notebook(cells=[new_code_cell("1 / 0")], metadata=META), source / "00-broken.ipynb")
    out = tmp_path / "out"
    with pytest.raises(bs.SiteBuildError, match="00-broken.ipynb"):
        bs.build_site(out, source="student", source_dir=source, log=lambda _: None, timeout=120)
    assert not out.exists()


def test_command_runs_as_a_module():
    result = subprocess.run(
        [sys.executable, "-m", "tools.build_site", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "--source" in result.stdout


# ----------------------------------------------------------------------------------------- the real site


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    if not bs.reading_order(STUDENT):
        pytest.fail("no student/*.ipynb: run python -m tools.make_student_versions")
    out = tmp_path_factory.mktemp("site")
    messages: list[str] = []
    lessons = bs.build_site(out, source="student", log=messages.append)
    return out, lessons


@pytest.mark.notebooks
def test_site_has_a_page_per_lesson_and_an_index_in_reading_order(real_site):
    out, lessons = real_site
    expected = [p.stem + ".html" for p in bs.reading_order(STUDENT)]
    assert [lesson.page for lesson in lessons] == expected
    assert sorted(p.name for p in out.glob("*.html")) == sorted([*expected, "index.html"])
    index = parse((out / "index.html").read_text(encoding="utf-8"))
    listed = [a["href"] for a in index.links if a.get("href", "").endswith(".html")]
    assert listed == expected


@pytest.mark.notebooks
def test_site_prev_next_chain_follows_the_reading_order(real_site):
    out, lessons = real_site
    pages = [lesson.page for lesson in lessons]
    for position, name in enumerate(pages):
        page = parse((out / name).read_text(encoding="utf-8"))
        nexts = {a["href"] for a in page.links if a.get("rel") == "next"}
        prevs = {a["href"] for a in page.links if a.get("rel") == "prev"}
        assert nexts == ({pages[position + 1]} if position + 1 < len(pages) else set()), name
        assert prevs == ({pages[position - 1]} if position > 0 else set()), name


@pytest.mark.notebooks
def test_site_pages_are_offline_with_figures_described_and_no_errors(real_site):
    out, lessons = real_site
    pages = {lesson.page for lesson in lessons}
    for lesson in lessons:
        text = (out / lesson.page).read_text(encoding="utf-8")
        page = parse(text)
        assert page.h1 >= 1, lesson.page
        assert not [s for s in page.scripts if s.get("src")], f"{lesson.page} loads a script"
        assert page.stylesheets == [], f"{lesson.page} loads a style sheet"
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), f"{lesson.page} loads from outside"
        assert not [i for i in page.images if not i.get("src", "").startswith("data:")], lesson.page
        assert all((i.get("alt") or "").strip() for i in page.images), f"{lesson.page}: an image without alt"
        assert STDERR_MIME not in text, f"{lesson.page} shows an error or a warning"
        assert WIDGET_VIEW not in text, f"{lesson.page} still holds a widget view"
        lesson_links = {a["href"].split("#")[0] for a in page.links if ".ipynb" in a.get("href", "")}
        assert not {h for h in lesson_links if "/" not in h}, f"{lesson.page} links a notebook, not its page"
        local = {
            a["href"].split("#")[0]
            for a in page.links
            if re.fullmatch(r"[\w.-]+\.html(#.*)?", a.get("href", ""))
        }
        assert local <= pages | {"index.html"}, (
            f"{lesson.page} links a page that is not there: {local - pages}"
        )


@pytest.mark.notebooks
def test_site_shows_widgets_as_notes(real_site):
    out, lessons = real_site
    notes = {
        lesson.page: (out / lesson.page).read_text(encoding="utf-8").count("inf-widget-note")
        for lesson in lessons
    }
    timeline = "02-diplomatic-timeline.html"
    if timeline in notes:
        assert notes[timeline] >= 1, "the timeline explorer should appear as a widget note"
        text = (out / timeline).read_text(encoding="utf-8")
        snapshot = text[text.index("inf-widget-snapshot") :] if "inf-widget-snapshot" in text else ""
        assert "<img" in snapshot, "the explorer's first figure should be in the snapshot"


@pytest.mark.browser
@pytest.mark.notebooks
def test_every_site_page_renders_offline_in_a_browser(real_site):
    out, lessons = real_site
    with launched_browser() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        outside = ExternalRequests(("file://", "data:", "blob:", "about:"))
        outside.attach(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for name in ["index.html", *(lesson.page for lesson in lessons)]:
            page.goto((out / name).as_uri())
            page.wait_for_load_state("load")
            shown = page.evaluate(
                """() => ({
                    h1: document.querySelector('h1')?.innerText || '',
                    text: document.body.innerText.length,
                    images: [...document.images].map(i => ({alt: i.getAttribute('alt'),
                                                            ok: i.complete && i.naturalWidth > 0})),
                    errors: document.querySelectorAll(
                        '[data-mime-type="application/vnd.jupyter.stderr"]').length,
                })"""
            )
            assert shown["h1"].strip(), f"{name}: no title shown"
            assert shown["text"] > 200, f"{name}: almost nothing shown"
            assert all(i["ok"] for i in shown["images"]), f"{name}: an image did not load"
            assert all((i["alt"] or "").strip() for i in shown["images"]), f"{name}: an image without alt"
            assert shown["errors"] == 0, f"{name}: error output shown"
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"site-{Path(name).stem}.png"), full_page=True)
        # Follow "Next" from the first lesson to the last.
        page.goto((out / lessons[0].page).as_uri())
        visited = [lessons[0].page]
        while page.locator('nav.inf-nav-top a[rel="next"]').count():
            page.click('nav.inf-nav-top a[rel="next"]')
            page.wait_for_load_state("load")
            visited.append(Path(page.url).name)
        assert visited == [lesson.page for lesson in lessons]
        context.close()
    assert outside.seen == [], f"the pages reached outside: {outside.seen[:5]}"
    assert errors == [], f"script errors: {errors[:5]}"
