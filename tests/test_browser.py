"""Every lesson in a real browser: JupyterLab in headless Chromium runs all cells; widgets live; alt text.

One JupyterLab server (on a copy of the lessons) and one Chromium serve the whole session. Each notebook is
opened in a fresh workspace, run with Run > Run All Cells, saved (into the copy), inspected and photographed
into ``test-artifacts/screenshots/``. Without Chromium the tests skip; with ``CI=true`` that is a failure.
"""

from __future__ import annotations

import re
import time

import nbformat
import pytest

from helpers.data.paths import REPO_ROOT

from .browser_support import (
    SCREENSHOTS,
    run_notebook_in_lab,
    screenshot_notebook,
)
from .notebook_runner import all_notebooks, error_outputs

pytestmark = pytest.mark.browser

NOTEBOOKS = all_notebooks()
IDS = [p.name for p in NOTEBOOKS]
TIMELINE = "02-diplomatic-timeline.ipynb"
# What students open (the Binder and JupyterHub links land on the student Start here).
STUDENT = [REPO_ROOT / "student" / path.name for path in NOTEBOOKS]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SOLUTION_MARK = "# BEGIN SOLUTION"
BROKEN_WIDGET_TEXTS = ("Error displaying widget", "model not found")
# A widget shown as its Python repr (no widget manager in the page), e.g. "IntRangeSlider(value=(1987, 2019)".
TEXT_FALLBACK = re.compile(
    r"\b[A-Z]\w*\((?:children|value|options|description|layout|outputs|index|min|max)="
)


@pytest.fixture(scope="module")
def lab_runs(browser, lab):
    """Runs by notebook path, so the timeline test reuses the page the notebook test left open.

    Module scope, not session: a live Playwright (sync API) leaves an asyncio loop marked as running in
    this thread, which breaks any later ``sync_playwright()`` or ``asyncio.run()`` in other test modules.
    """
    runs: dict = {}

    def get(path):
        relative = path.relative_to(REPO_ROOT).as_posix()
        if relative not in runs:
            # One kernel at a time on a small machine, but the timeline's stays for the slider test.
            lab.shutdown_kernels(keep=(f"notebooks/{TIMELINE}",))
            runs[relative] = run = run_notebook_in_lab(browser, lab, relative)
            prefix = "" if path.parent.name == "notebooks" else f"{path.parent.name}-"
            screenshot_notebook(run.page, SCREENSHOTS / f"{prefix}{path.stem}.png")
            if relative != f"notebooks/{TIMELINE}":  # that page stays open for the slider test
                run.page.context.close()
        return runs[relative]

    yield get
    for run in runs.values():
        if not run.page.is_closed():
            run.page.context.close()


def problems_in(run) -> list[str]:
    """Everything wrong with a run, in words (empty when the lesson ran cleanly in the browser)."""
    report, problems = run.report, []
    if report["cells"] == 0:
        problems.append("no cells rendered")
    for index, (has_code, prompt) in enumerate(report["prompts"]):
        if has_code and not re.fullmatch(r"\[\d+\]:?", prompt):
            problems.append(f"code cell {index} did not run (prompt {prompt!r})")
    saved = nbformat.from_dict(run.saved)
    problems += [f"saved output: {p}" for p in error_outputs(saved)]
    problems += [f"error shown: {text[:300]}" for text in report["stderr"]]
    for text in BROKEN_WIDGET_TEXTS:
        if text in report["outputText"]:
            problems.append(f"a widget failed to render: {text!r} in the outputs")
    fallback = TEXT_FALLBACK.search(report["outputText"])
    if fallback:
        problems.append(f"a widget was shown as text, not live: {fallback.group(0)!r}")
    if len(report["cellOutputs"]) != len(saved.cells):
        problems.append(
            f"{len(saved.cells)} cells in the notebook but {len(report['cellOutputs'])} on the page"
        )
    for index, (cell, shown) in enumerate(zip(saved.cells, report["cellOutputs"], strict=False)):
        outputs = cell.get("outputs", [])
        if len(outputs) != len(shown):
            problems.append(f"cell {index}: {len(outputs)} outputs saved but {len(shown)} on the page")
            continue
        for out, view in zip(outputs, shown, strict=True):
            if WIDGET_VIEW in out.get("data", {}) and not view["live"]:
                problems.append(f"cell {index}: widget not rendered live, the page shows {view['text']!r}")
    # An exercise answer cell shows the student's own figure as they drew it: no description can be
    # written for it in advance (its check describes it in words instead).
    answers = {index for index, cell in enumerate(saved.cells) if SOLUTION_MARK in "".join(cell.source)}
    for index, cell in enumerate(saved.cells):
        for out in cell.get("outputs", []) if index not in answers else []:
            data = out.get("data", {})
            if any(key.startswith("image/") for key in data) and "text/html" not in data:
                problems.append(f"cell {index} shows a bare image without alt text (use show_figure)")
    html_images = sum(
        out.get("data", {}).get("text/html", "").count("<img")
        for cell in saved.cells
        for out in cell.get("outputs", [])
    )
    if len(report["images"]) < html_images:
        problems.append(
            f"{html_images} <img> in the saved outputs but only {len(report['images'])} on the page"
        )
    for number, image in enumerate(report["images"]):
        if not (image["alt"] or "").strip() and image["cell"] not in answers:
            problems.append(f"image {number} has no alt text")
        if not image["loaded"]:
            problems.append(f"image {number} did not load")
    problems += [f"tried to fetch from outside: {url}" for url in report["external_requests"]]
    problems += [f"browser console error: {text[:300]}" for text in report["console_errors"]]
    return problems


def test_there_are_lessons_to_open():
    assert NOTEBOOKS, "no notebooks/*.ipynb to test"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_lesson_runs_in_jupyterlab(path, lab_runs):
    run = lab_runs(path)
    problems = problems_in(run)
    assert not problems, f"{path.name} in JupyterLab ({run.seconds:.0f} s):\n" + "\n".join(problems)


@pytest.mark.parametrize("path", STUDENT, ids=[f"student/{p.name}" for p in STUDENT])
def test_student_lesson_runs_in_jupyterlab(path, lab_runs):
    """What students open: the lessons without solutions, including Start here, where Binder lands."""
    assert path.exists(), f"{path} is missing: python -m tools.make_student_versions"
    run = lab_runs(path)
    problems = problems_in(run)
    assert not problems, f"student/{path.name} in JupyterLab:\n" + "\n".join(problems)


# --------------------------------------------------------------------------------------------------------
# The timeline explorer (lesson 2): the year slider drives the figure and the list
# --------------------------------------------------------------------------------------------------------

_MARK_EXPLORER_JS = """
() => {
  const outputs = [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output')];
  const explorer = outputs.find(o => [...o.querySelectorAll('.widget-slider')]
      .some(s => s.querySelectorAll('.noUi-handle').length === 2) && o.querySelector('img'));
  if (!explorer) return false;
  explorer.setAttribute('data-inf-explorer', '1');
  return true;
}
"""

_EXPLORER_STATE_JS = """
(el) => {
  const img = el.querySelector('img');
  const lists = [...el.querySelectorAll('ul, ol, table')].filter(x => !x.closest('figure'));
  let list;
  if (lists.length) {
    list = lists.map(x => x.innerText).join('\\n');
  } else {
    const clone = el.cloneNode(true);
    clone.querySelectorAll('figure, img, .widget-slider, .widget-readout').forEach(n => n.remove());
    list = clone.textContent;
  }
  const readout = [...el.querySelectorAll('.widget-readout')].map(r => r.textContent).join('|');
  return {src: img ? img.getAttribute('src') : null, alt: img ? img.getAttribute('alt') : null,
          list, readout};
}
"""


def test_timeline_slider_changes_figure_and_list(lab_runs):
    paths = [p for p in NOTEBOOKS if p.name == TIMELINE]
    if not paths:
        pytest.skip(f"notebooks/{TIMELINE} is not there yet")
    run = lab_runs(paths[0])
    page = run.page
    assert page.evaluate(_MARK_EXPLORER_JS), (
        "no timeline explorer (an output with an IntRangeSlider and a figure) in the page"
    )
    explorer = page.locator('[data-inf-explorer="1"]')
    before = explorer.evaluate(_EXPLORER_STATE_JS)
    assert before["src"] and (before["alt"] or "").strip(), "the explorer shows no figure with alt text"

    handle = explorer.locator(".noUi-handle").first
    figure_changed = list_changed = False
    state = before
    for _press in range(10):  # a year without events may leave the list (or even the figure) as it was
        previous = state
        handle.focus()
        page.keyboard.press("ArrowRight")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            page.wait_for_timeout(250)
            state = explorer.evaluate(_EXPLORER_STATE_JS)
            if state["src"] and (state["src"], state["list"]) != (previous["src"], previous["list"]):
                page.wait_for_timeout(500)  # let the rest of the redraw land
                state = explorer.evaluate(_EXPLORER_STATE_JS)
                break
        figure_changed = figure_changed or (state["src"] is not None and state["src"] != before["src"])
        list_changed = list_changed or state["list"] != before["list"]
        if figure_changed and list_changed:
            break
    assert state["readout"] != before["readout"], "the slider did not move"
    assert figure_changed, "moving the year slider did not change the figure"
    assert list_changed, "moving the year slider did not change the list of events"
    assert (state["alt"] or "").strip(), "the redrawn figure has no alt text"
    shown = page.evaluate("() => document.querySelector('[data-inf-explorer]').innerText")
    assert not any(text in shown for text in ("Traceback", *BROKEN_WIDGET_TEXTS)), shown[:500]
