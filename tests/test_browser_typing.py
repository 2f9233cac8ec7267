"""Typing into the lessons' widgets as a person does: JupyterLab in headless Chromium, key by key.

Each notebook with a text-box widget is opened in a fresh Lab page (one server and one Chromium for the
module) and run in full; then the test clicks into the box, clears it, types with a delay between keys,
presses Enter (or Tab, leaving the box) and reads what the widget shows. The widgets are found by their
labels, not by cell number, so the lessons may move them. Without Chromium or Playwright the tests skip
(with ``CI=true`` that is a failure), as in ``test_browser.py``.
"""

from __future__ import annotations

import json
import re
import time

import pytest

from helpers.data.paths import REPO_ROOT

from .browser_support import run_notebook_in_lab

pytestmark = pytest.mark.browser

KEY_DELAY_MS = 120  # an ordinary typing speed: slow enough for the kernel to answer between keys
WAIT_MS = 30_000
SETTLE_MS = 600  # after the widget answered: time for a late echo to rewrite the box, if there were one
BROKEN = ("Traceback", "went wrong", "Error displaying widget", "model not found")


def notebooks_calling(call: str) -> list[str]:
    """The lesson notebooks (relative paths) with a code cell that calls ``call``."""
    found = []
    for path in sorted((REPO_ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if any(c["cell_type"] == "code" and call in "".join(c["source"]) for c in cells):
            found.append(path.relative_to(REPO_ROOT).as_posix())
    return found


def _cases(call: str) -> list:
    return notebooks_calling(call) or [pytest.param(None, marks=pytest.mark.skip(f"no lesson calls {call}"))]


@pytest.fixture
def opened(browser, lab):
    """Run a lesson in Lab and hand back its page; the page and the kernel are closed afterwards."""
    pages = []

    def run(relative: str):
        lab.shutdown_kernels()  # one kernel at a time on a small machine
        result = run_notebook_in_lab(browser, lab, relative)
        pages.append(result.page)
        return result.page

    yield run
    for page in pages:
        page.context.close()


def widget_output(page, label: str):
    """The cell output that holds a text box whose label contains ``label``."""
    labelled = page.locator(f'.widget-text label:has-text("{label}")')
    outputs = page.locator(".jp-OutputArea-output").filter(has=labelled)
    assert outputs.count() >= 1, f"no widget with a text box labelled {label!r} in the page"
    return outputs.first


def type_into(page, box, text: str, finish: str = "Enter") -> None:
    """Click into the box, clear it, type ``text`` key by key, then press Enter (or Tab to leave)."""
    box.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    box.press_sequentially(text, delay=KEY_DELAY_MS)
    page.keyboard.press(finish)


def wait_for_text(locator, wanted: str | re.Pattern, what: str) -> str:
    """The locator's text once it contains ``wanted`` (fails with what it showed after WAIT_MS)."""
    deadline, shown = time.monotonic() + WAIT_MS / 1000, ""
    while time.monotonic() < deadline:
        shown = locator.text_content() or ""
        if wanted.search(shown) if isinstance(wanted, re.Pattern) else wanted in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{what}: {wanted!r} never appeared; the widget shows {shown[:400]!r}")


# --------------------------------------------------------------------------------------------------------
# Lesson 1: the range-band classifier (INF: ground-launched, 500 to 5,500 km inclusive)
# --------------------------------------------------------------------------------------------------------

BANNED, NOT_BANNED, CANNOT = "Banned by the INF Treaty", "Not banned by the INF Treaty", "Cannot say yet"
# (typed, key that ends it, words in the reason, verdict, where the slider must stand or None)
CLASSIFIER_TYPING = [
    ("abc", "Enter", "got 'abc'", CANNOT, None),
    ("480", "Enter", "480 km", NOT_BANNED, "480"),
    ("495", "Enter", "495 km", NOT_BANNED, "495"),
    ("5500", "Enter", "5,500 km", BANNED, "5500"),
    ("5501", "Tab", "5,501 km", NOT_BANNED, "5501"),
    ("1,000", "Enter", "1,000 km", BANNED, "1000"),
]


@pytest.mark.parametrize("relative", _cases("classifier_widget("))
def test_typing_into_the_classifier_gives_the_right_verdicts(opened, relative):
    page = opened(relative)
    widget = widget_output(page, "type a range")
    box, answer = widget.locator(".widget-text input"), widget.locator(".widget-html").last
    readout = widget.locator(".widget-readout").first
    for text, finish, reason, verdict, slider_at in CLASSIFIER_TYPING:
        type_into(page, box, text, finish)
        shown = wait_for_text(answer, reason, f"typed {text!r}")
        page.wait_for_timeout(SETTLE_MS)
        shown = answer.text_content() or ""
        assert box.input_value() == text, f"typed {text!r} but the box now reads {box.input_value()!r}"
        assert reason in shown and verdict in shown, f"typed {text!r}: the widget says {shown!r}"
        assert (verdict == BANNED) == (NOT_BANNED not in shown and BANNED in shown), shown
        if slider_at is not None:
            assert readout.text_content().strip() == slider_at, f"typed {text!r}: slider at {readout!r}"
        assert not any(word in shown for word in BROKEN), shown

    widget.locator(".noUi-handle").first.focus()  # the student moves the slider one step: 1,000 -> 1,001
    page.keyboard.press("ArrowRight")
    shown = wait_for_text(answer, "1,001 km", "slider moved to 1001")
    assert box.input_value() == "1001" and BANNED in shown and NOT_BANNED not in shown, shown


# --------------------------------------------------------------------------------------------------------
# Lesson 3: the "what if?" schedule (three boxes)
# --------------------------------------------------------------------------------------------------------

# (label of the box, typed, key that ends it, words the widget must then show)
SCHEDULE_TYPING = [
    ("Deadline", "90", "Enter", "4 March 2019"),
    ("Deadline", "sixty", "Tab", "not a number"),
    ("Deadline", "60", "Enter", "2 August 2019"),
    ("Finding date", "9/12/2017", "Enter", "YYYY-MM-DD"),
    ("Finding date", "2019-07-02", "Tab", "29 February 2020"),
    ("Notice", "-1", "Enter", "cannot run backwards"),
    ("Notice", "12", "Enter", "thought experiment"),
]


@pytest.mark.parametrize("relative", _cases("schedule_widget("))
def test_typing_into_the_schedule_boxes(opened, relative):
    page = opened(relative)
    widget = widget_output(page, "Deadline (days)")
    result = widget.locator(".widget-html").last
    for label, text, finish, words in SCHEDULE_TYPING:
        box = widget.locator(f'.widget-text:has(label:has-text("{label}")) input')
        type_into(page, box, text, finish)
        wait_for_text(result, words, f"typed {text!r} into {label!r}")
        page.wait_for_timeout(SETTLE_MS)
        assert box.input_value() == text, f"typed {text!r} but the box now reads {box.input_value()!r}"
        assert words in (result.text_content() or "") and "Traceback" not in (result.text_content() or "")
    widget.locator("button", has_text="Back to 2018").click()
    wait_for_text(result, "2 August 2019", "Back to 2018-19")
    first_box = widget.locator(".widget-text input").first
    deadline = time.monotonic() + WAIT_MS / 1000  # the boxes follow the reset a moment after the text
    while first_box.input_value() != "2018-12-04" and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert first_box.input_value() == "2018-12-04"


# --------------------------------------------------------------------------------------------------------
# Lesson 2: the timeline explorer's search box
# --------------------------------------------------------------------------------------------------------

SEARCHES = ["Ryabkov", "<script>", "9m729", "(", "report's release", ""]


def expected_counts() -> tuple[dict[str, int], int]:
    """How many events each search finds after Reset filters (worked out here), and the total."""
    from helpers.widgets.explorer import TimelineExplorer

    explorer, counts = TimelineExplorer(), {}
    explorer.reset()
    for text in SEARCHES:
        explorer.search.value = text
        counts[text] = len(explorer.selection)
    return counts, explorer.total


@pytest.mark.parametrize("relative", _cases("TimelineExplorer("))
def test_typing_into_the_explorer_search(opened, relative):
    counts, total = expected_counts()
    line = {text: re.compile(rf"(?<![\d,]){n:,} of {total:,} events? match") for text, n in counts.items()}
    page = opened(relative)
    widget = widget_output(page, "Search")
    box = widget.locator(".widget-text input")
    count = widget.locator(".widget-html").filter(has_text=re.compile(r"\d of [\d,]+ events? match"))
    widget.locator("button", has_text="Reset filters").click()
    wait_for_text(count, line[""], "Reset filters")
    for text in SEARCHES:
        type_into(page, box, text, "Enter")
        shown = wait_for_text(count, line[text], f"searched {text!r}")
        page.wait_for_timeout(SETTLE_MS)
        assert box.input_value() == text, f"typed {text!r} but the box now reads {box.input_value()!r}"
        assert line[text].search(count.text_content() or ""), f"searched {text!r}: the widget says {shown!r}"
        whole = widget.text_content() or ""
        assert not any(word in whole for word in BROKEN), whole[:400]
        assert (counts[text] == 0) == ("No events match" in whole), whole[:400]
