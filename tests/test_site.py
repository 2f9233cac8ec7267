"""The course website (``python -m tools.build_site``): Sphinx pages of the student copy, offline and safe.

Fast tests check the parts on small notebooks and folders. The ``notebooks`` tests build the real site
once (into a temporary folder) and check it as files: every page there, every link inside the site and
to an anchor that exists, nothing loaded from outside, no message that needs a kernel, every figure
described. A second build runs on a copy of the collection whose tables hold hostile text. The
``browser`` tests open every page from ``file://`` in headless Chromium with name resolution off: no
request leaves the site, no hostile script runs, axe-core finds nothing serious or critical in the light
and the dark theme, and the "Hide the code" button and the search work.
"""

from __future__ import annotations

import doctest
import html.parser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from helpers.data.paths import REPO_ROOT
from tools import addresses as site_addresses
from tools import build_site as bs

from .axe_core import AXE_RUN, SERIOUS, axe_script
from .browser_support import SCREENSHOTS, ExternalRequests, launched_browser
from .conftest import collection_files

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STUDENT = REPO_ROOT / "student"
LESSONS = [p.name for p in bs.reading_order(STUDENT)]
NUMBERED = [name for name in LESSONS if re.match(r"\d+-", name)]
KERNEL_ONLY = ("Not answered yet", "run this cell again", "Traceback", "NameError")
HOSTILE = {
    "script": "<script>window.__pwned = (window.__pwned || 0) + 1</script>",
    "image": '<img src="x" onerror="window.__pwned = (window.__pwned || 0) + 1">',
    "link": "[read more](javascript:window.__pwned=1)",
    "quote": '" onmouseover="window.__pwned=1" x="',
}
"""Text a table could hold that would run as script if it reached a page unescaped."""


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Page(html.parser.HTMLParser):
    """What the tests read in a page: every element with a ``src`` or ``href``, ids, images, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()
        self.handlers: list[str] = []  # every on...= attribute, as tag.name=value
        self.script_text: list[str] = []
        self.images: list[dict] = []
        self.text: list[str] = []
        self.output_text: list[str] = []  # the text of the cells' outputs only
        self._skip = 0
        self._depth = 0
        self._output_depth: int | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("src", "href"):
            if attributes.get(name) is not None:
                self.references.append((tag, name, attributes[name]))
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        self.handlers += [f"{tag}.{name}={value}" for name, value in attrs if name.startswith("on")]
        if tag == "img":
            self.images.append(attributes)
        if tag in ("script", "style"):
            self._skip += 1
        if tag not in VOID:
            self._depth += 1
            if self._output_depth is None and "cell_output" in (attributes.get("class") or "").split():
                self._output_depth = self._depth

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if tag not in VOID:
            if self._output_depth == self._depth:
                self._output_depth = None
            self._depth -= 1

    def handle_data(self, data):
        if self._skip:
            self.script_text.append(data)
        else:
            self.text.append(data)
            if self._output_depth is not None:
                self.output_text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def pages_of(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


# ----------------------------------------------------------------------------------------- units


def test_module_doctests_pass():
    result = doctest.testmod(bs, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8 and result.failed == 0


def test_reading_order_numbers_first_then_the_rest(tmp_path):
    for name in ("glossary.ipynb", "10-late.ipynb", "02-b.ipynb", "00-a.ipynb", "appendix.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.ipynb").write_text("{}", encoding="utf-8")
    names = [p.name for p in bs.reading_order(tmp_path)]
    assert names == ["00-a.ipynb", "02-b.ipynb", "10-late.ipynb", "appendix.ipynb", "glossary.ipynb"]


def _widget_notebook() -> nbformat.NotebookNode:
    """A run notebook as nbclient leaves it: a VBox of a range slider, an Output with a figure, and HTML."""

    def model(name: str, **state) -> dict:
        return {"model_name": name, "model_module": "@jupyter-widgets/controls", "state": state}

    figure = (
        '<figure class="inf-figure"><img src="data:image/png;base64,iVBORw0KGgo=" alt="Events."></figure>'
    )
    display = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"text/html": figure, "text/plain": "f"},
    }
    models = {
        "box": model("VBoxModel", children=["IPY_MODEL_slider", "IPY_MODEL_out", "IPY_MODEL_note"]),
        "slider": model("IntRangeSliderModel", description="Years", value=[1987, 2019]),
        "out": model("OutputModel", outputs=[display]),
        "note": model("HTMLModel", value="<ul><li>Signed &amp; ratified</li></ul>"),
        "pick": model(
            "DropdownModel", description="Pick <b>", value="x", index=0, _options_labels=["<script>"]
        ),
    }
    state = {
        "application/vnd.jupyter.widget-state+json": {"version_major": 2, "version_minor": 0, "state": models}
    }
    outputs = [
        new_output("display_data", {WIDGET_VIEW: {"model_id": "box"}, "text/plain": "Box(...)"}),
        new_output("display_data", {WIDGET_VIEW: {"model_id": "pick"}, "text/plain": "Dropdown(...)"}),
        new_output("display_data", {WIDGET_VIEW: {"model_id": "gone"}, "text/plain": "Gone(...)"}),
    ]
    return new_notebook(cells=[new_code_cell("explorer", outputs=outputs)], metadata={"widgets": state})


def test_widgets_become_a_note_with_a_snapshot_and_their_text_is_escaped():
    nb = _widget_notebook()
    assert bs.replace_widget_outputs(nb) == 3
    box, pick, gone = (output["data"]["text/html"] for output in nb.cells[0].outputs)
    assert all(bs.WIDGET_NOTE in shown for shown in (box, pick, gone))
    assert 'alt="Events."' in box and "Signed &amp; ratified" in box and "Years: 1987 – 2019" in box
    assert "<script>" not in pick and "Pick &lt;b&gt;: &lt;script&gt;" in pick
    assert "inf-widget-snapshot" not in gone  # no state: the note alone
    assert "widgets" not in nb.metadata and all(WIDGET_VIEW not in o["data"] for o in nb.cells[0].outputs)


@pytest.mark.parametrize("lesson", NUMBERED)
def test_every_self_check_of_a_student_lesson_gets_the_note(lesson):
    nb = nbformat.read(STUDENT / lesson, as_version=4)
    calls = [c for c in nb.cells if c.cell_type == "code" and "check(" in c.source]
    assert calls, f"{lesson} has no self-check: the test would prove nothing"
    assert bs.replace_check_outputs(nb) == len(calls)
    assert all(c.outputs[0]["data"]["text/plain"] == bs.CHECK_NOTE for c in calls)


def _addresses(**filled: str) -> site_addresses.Addresses:
    values = dict.fromkeys(("repository", "student_repository", "site", "jupyterhub"))
    return site_addresses.Addresses(**(values | filled))


def test_launch_box_links_what_is_known_and_nothing_else():
    nowhere = bs.launch_box("01-a.ipynb", _addresses(), lite=False, worksheet=None)
    assert "href=" not in nowhere and "ask your teacher" in nowhere
    known = _addresses(
        student_repository="https://github.com/a-school/inf-lessons", jupyterhub="https://hub.example.org"
    )
    box = bs.launch_box("01-a.ipynb", known, lite=True, worksheet="worksheets/worksheet-01.html")
    hrefs = re.findall(r'href="([^"]*)"', box)
    assert hrefs == [
        "lite/lab/index.html?path=01-a.ipynb",
        "https://mybinder.org/v2/gh/a-school/inf-lessons/HEAD?urlpath=lab/tree/01-a.ipynb",
        html.escape(known.nbgitpuller_url("01-a.ipynb"), quote=True),
        "worksheets/worksheet-01.html",
    ]


def _site_files(folder: Path, names: dict[str, str]) -> Path:
    for name, text in names.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_install_never_overwrites_or_deletes_a_file_it_did_not_write(tmp_path):
    out = _site_files(tmp_path / "out", {"notes.txt": "mine", "index.html": "my own page"})
    built = _site_files(tmp_path / "built", {"index.html": "site", "_static/a.css": "a"})
    with pytest.raises(bs.SiteBuildError, match="index.html is already there and was not written"):
        bs.install(built, out)
    assert (out / "index.html").read_text() == "my own page" and not (out / "_static").exists()
    (out / "index.html").unlink()
    assert bs.install(built, out) == ["_static/a.css", "index.html"]
    assert (out / "notes.txt").read_text() == "mine"
    # A second build replaces its own files and removes the ones it no longer makes, and only those.
    (built / "_static" / "a.css").unlink()
    _site_files(built, {"index.html": "site 2", "b.html": "b"})
    _site_files(out, {"_static/theirs.css": "theirs"})
    assert bs.install(built, out) == ["b.html", "index.html"]
    assert not (out / "_static" / "a.css").exists() and (out / "_static" / "theirs.css").exists()
    assert (out / "index.html").read_text() == "site 2" and (out / "notes.txt").read_text() == "mine"


def test_a_lesson_that_fails_stops_the_build_names_it_and_writes_nothing(tmp_path, monkeypatch):
    broken = tmp_path / "00-broken.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("1 / 0")]), broken)
    with pytest.raises(bs.SiteBuildError, match="00-broken.ipynb stopped on an error"):
        bs.execute(broken, timeout=120)

    def fail(path, timeout):
        raise bs.SiteBuildError(f"{path.name} stopped on an error")

    monkeypatch.setattr(bs, "execute", fail)
    with pytest.raises(bs.SiteBuildError, match="00-start-here.ipynb"):
        bs.build_site(tmp_path / "out", log=lambda _: None)
    assert not (tmp_path / "out").exists()


def test_command_runs_as_a_module_and_explains_a_refusal(tmp_path):
    command = [sys.executable, "-m", "tools.build_site"]
    shown = subprocess.run([*command, "--help"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and "--out" in shown.stdout and "--lite" in shown.stdout
    bad = tmp_path / "addresses.toml"
    bad.write_text('repository = "ftp://example.org/x"\n', encoding="utf-8")
    refused = subprocess.run(
        [*command, "--out", str(tmp_path / "out"), "--addresses", str(bad)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 1 and "build_site:" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "out").exists()


# ----------------------------------------------------------------------------------------- the real site


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    (out / "notes-of-the-teacher.txt").write_text("not the build's", encoding="utf-8")
    lessons = bs.build_site(out, log=lambda _: None)
    return out, lessons


@pytest.mark.notebooks
def test_site_has_every_page_a_sidebar_and_previous_next_in_reading_order(real_site):
    out, lessons = real_site
    assert [lesson.path.name for lesson in lessons] == LESSONS
    for name in [
        "index.html",
        "search.html",
        "worksheets.html",
        "data/README.html",
        *(n[:-6] + ".html" for n in LESSONS),
    ]:
        assert (out / name).is_file(), name
    order = ["index.html"] + [n[:-6] + ".html" for n in LESSONS if re.match(r"\d", n)]
    for before, after in zip(order, order[1:], strict=False):
        text = (out / before).read_text(encoding="utf-8")
        following = re.search(r'<a class="right-next"\s+href="([^"]+)"', text)
        assert following and following.group(1) == after, before
        back = re.search(r'<a class="left-prev"\s+href="([^"]+)"', (out / after).read_text(encoding="utf-8"))
        assert back and back.group(1) == before, after
    sidebar = (out / "index.html").read_text(encoding="utf-8").split('class="bd-sidebar-primary', 1)[1]
    positions = [sidebar.find(f'href="{name}"') for name in order[1:]]
    assert -1 not in positions and positions == sorted(positions)
    assert (out / "searchindex.js").is_file()


@pytest.mark.notebooks
def test_site_loads_nothing_from_outside_and_every_link_stays_inside(real_site):
    out, _ = real_site
    problems = []
    for path in pages_of(out):
        page = parse(path)
        for tag, attribute, value in page.references:
            parts = urlsplit(value)
            if parts.scheme in ("http", "https") or value.startswith("//"):
                if tag != "a":
                    problems.append(f"{path.relative_to(out)}: <{tag} {attribute}> loads {value}")
                continue
            if parts.scheme in ("data", "mailto") or (not parts.path and not parts.fragment):
                continue
            assert not parts.scheme, f"{path.relative_to(out)}: {value}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path.resolve()
            if out.resolve() not in target.parents and target != out.resolve():
                problems.append(f"{path.relative_to(out)}: {value} leaves the site")
            elif target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{path.relative_to(out)}: {value} leads nowhere")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in parse(target).ids:
                problems.append(f"{path.relative_to(out)}: {value} has no such anchor")
    for sheet in out.rglob("*.css"):
        for found in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", sheet.read_text(encoding="utf-8")):
            problems.append(f"{sheet.relative_to(out)} loads {found}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.notebooks
def test_site_shows_no_kernel_messages_and_describes_every_figure(real_site):
    out, _ = real_site
    for name in LESSONS:
        path = out / (name[:-6] + ".html")
        page = parse(path)
        outputs = " ".join(page.output_text)
        assert outputs.strip() and not [m for m in KERNEL_ONLY if m in outputs], name
        assert all((image.get("alt") or "").strip() for image in page.images), name
        source = nbformat.read(STUDENT / name, as_version=4)
        checks = sum(1 for c in source.cells if c.cell_type == "code" and bs.CHECK_CALL.match(c.source))
        assert outputs.count(bs.CHECK_NOTE) == checks, name


@pytest.mark.notebooks
def test_site_lessons_have_their_launch_box_worksheet_widget_notes_and_glossary_links(real_site):
    out, _ = real_site
    texts = {name: (out / (name[:-6] + ".html")).read_text(encoding="utf-8") for name in LESSONS}
    numbered = [name for name in LESSONS if re.match(r"\d", name)]
    for name in numbered:
        assert 'class="inf-launch"' in texts[name], name
        assert f'href="worksheets/worksheet-{name[:2]}.html"' in texts[name], name
    assert "inf-launch" not in texts["glossary.ipynb"]
    for name in ("01-treaty-background.ipynb", "02-diplomatic-timeline.ipynb", "03-withdrawal-steps.ipynb"):
        assert bs.WIDGET_NOTE in texts[name], name  # the range classifier, the explorer, the schedule
    assert all(WIDGET_VIEW not in text for text in texts.values())
    assert re.search(r'href="glossary\.html#[\w-]+"', texts["00-start-here.ipynb"])
    where = site_addresses.load()
    if where.binder_url("00-start-here.ipynb") is None:  # addresses not set: no Binder link, no placeholder
        assert "mybinder.org" not in texts["00-start-here.ipynb"]


@pytest.mark.notebooks
def test_a_second_build_rewrites_only_its_own_files(real_site):
    out, _ = real_site
    manifest = (out / bs.MANIFEST).read_text(encoding="utf-8").splitlines()
    assert "notes-of-the-teacher.txt" not in manifest and "index.html" in manifest
    assert (out / "notes-of-the-teacher.txt").read_text(encoding="utf-8") == "not the build's"
    assert len([line for line in manifest if not line.startswith("#")]) == sum(
        1 for p in out.rglob("*") if p.is_file() and p.name not in (bs.MANIFEST, "notes-of-the-teacher.txt")
    )


# ----------------------------------------------------------------------------------------- hostile tables


def _collection_copy(target: Path) -> Path:
    """The collection's files (tracked or new, not ignored) copied to ``target``, links kept as links."""
    for source in collection_files():
        copied = target / source.relative_to(REPO_ROOT)
        copied.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            copied.symlink_to(source.readlink())
        else:
            shutil.copy2(source, copied)
    return target


def _poison(data: Path) -> None:
    """Hostile text in the fields of the tables that reach the site: events and sources."""
    payload = " ".join(HOSTILE.values())
    events = pd.read_csv(data / "events.csv", dtype=str, keep_default_na=False)
    events.loc[:4, "summary"] = events.loc[:4, "summary"] + " " + payload
    events.loc[:4, "notes"] = payload
    events.to_csv(data / "events.csv", index=False)
    sources = pd.read_csv(data / "sources.csv", dtype=str, keep_default_na=False)
    sources["title"] = sources["title"] + " " + HOSTILE["script"]
    sources.loc[0, "author"] = sources.loc[0, "author"] + " " + HOSTILE["image"]
    sources.loc[2, "publisher"] = HOSTILE["quote"] + HOSTILE["link"]
    sources.to_csv(data / "sources.csv", index=False)
    # The glossary's own fields refuse brackets and angle brackets (datapackage.json); its page still
    # shows the sources' titles, authors and addresses.


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = _collection_copy(tmp_path_factory.mktemp("hostile") / "collection")
    _poison(root / "data")
    out = root.parent / "site"
    for command in (["tools.make_glossary_page"], ["tools.build_site", "--out", str(out)]):
        done = subprocess.run(
            [sys.executable, "-m", *command],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=900,
            env=_env(root),
        )
        assert done.returncode == 0, f"{command}: {done.stderr[-3000:]}"
    return out


def _env(root: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(root)}


@pytest.mark.notebooks
def test_hostile_table_text_reaches_the_site_only_as_text(hostile_site):
    shown_as_text = 0
    for path in pages_of(hostile_site):
        page = parse(path)
        assert not [
            value for _, _, value in page.references if value.strip().lower().startswith("javascript:")
        ]
        assert not [handler for handler in page.handlers if "__pwned" in handler], path
        assert "__pwned" not in " ".join(page.script_text), path
        shown_as_text += "<script>window.__pwned" in " ".join(page.text)
    assert shown_as_text >= 3  # the glossary and lessons show the hostile text, as text


# ----------------------------------------------------------------------------------------- in Chromium


def _every_page_in(browser, out: Path, scheme: str, visit) -> list[str]:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    outside = ExternalRequests(("file://", "data:", "about:"))
    outside.attach(context)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems = []
    try:
        for path in pages_of(out):
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            problems += [f"{path.relative_to(out)} ({scheme}): {p}" for p in visit(page, path)]
    finally:
        context.close()
    problems += [f"request to another host: {url}" for url in outside.seen]
    problems += [f"a dialog opened: {message}" for message in dialogs]
    return problems


@pytest.mark.browser
@pytest.mark.notebooks
def test_every_page_offline_has_no_serious_accessibility_finding_in_light_and_dark(real_site):
    out, _ = real_site
    axe = axe_script()

    def check(page, path):
        # Judge the settled colours: the theme fades colours in, and axe could catch them half way.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        page.add_script_tag(content=axe)
        found = page.evaluate(AXE_RUN)
        return [
            f"{v['id']} ({v['impact']}): {v['help']} {v['nodes']}" for v in found if v["impact"] in SERIOUS
        ]

    with launched_browser() as browser:
        problems = _every_page_in(browser, out, "light", check) + _every_page_in(browser, out, "dark", check)
    assert not problems, "\n".join(problems[:15])


@pytest.mark.browser
@pytest.mark.notebooks
def test_no_hostile_script_runs_on_any_page(hostile_site):
    def check(page, path):
        page.mouse.move(400, 400)
        page.wait_for_timeout(50)
        return ["a hostile script ran"] if page.evaluate("() => window.__pwned !== undefined") else []

    with launched_browser() as browser:
        problems = _every_page_in(browser, hostile_site, "light", check)
    assert not problems, "\n".join(problems[:15])


@pytest.mark.browser
@pytest.mark.notebooks
def test_hide_the_code_button_and_search_work(real_site):
    out, _ = real_site
    with launched_browser() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((out / "02-diplomatic-timeline.html").as_uri())
        button = page.get_by_role("button", name="Hide the code")
        code, figure = page.locator(".cell_input").first, page.locator("figure img").first
        assert code.is_visible() and figure.is_visible()
        button.focus()
        page.keyboard.press("Enter")
        assert not code.is_visible() and figure.is_visible()
        assert page.get_by_role("button", name="Show the code").get_attribute("aria-pressed") == "true"
        page.goto((out / "03-withdrawal-steps.html").as_uri())  # the choice is kept for the next lesson
        assert not page.locator(".cell_input").first.is_visible()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "site-03-code-hidden.png"))
        page.goto((out / "index.html").as_uri())  # search as a reader does: type, then Enter
        page.get_by_role("button", name=re.compile("^Search")).first.click()  # opens the search box
        page.keyboard.type("Huntsman")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search.html?q=Huntsman*")
        results = page.locator("#search-results a")
        results.first.wait_for(timeout=15000)
        assert any(
            "04-reading-the-sources.html" in (a or "")
            for a in results.evaluate_all("l => l.map(a => a.href)")
        )


@pytest.mark.lite
@pytest.mark.notebooks
def test_with_lite_the_jupyterlite_site_is_built_inside_and_every_lesson_links_to_it(tmp_path):
    out = tmp_path / "site"
    bs.build_site(out, lite=True, log=lambda _: None)
    assert (out / "lite" / bs.LITE_MARKER).is_file() and (out / "lite" / "lab" / "index.html").is_file()
    for name in NUMBERED:
        assert f'href="lite/lab/index.html?path={name}"' in (out / (name[:-6] + ".html")).read_text(
            encoding="utf-8"
        )
        assert (out / "lite" / "files" / name).is_file(), name  # the lesson the link opens
    manifest = (out / bs.MANIFEST).read_text(encoding="utf-8").splitlines()
    assert not [line for line in manifest if line.startswith("lite/")]  # build_lite's files are its own
    bs.build_site(out, log=lambda _: None)  # a later build without --lite keeps the links and the Lite site
    assert 'href="lite/lab/index.html?path=00-start-here.ipynb"' in (out / "00-start-here.html").read_text(
        "utf-8"
    )
