"""The "what if?" schedule: reads its boxes with the one parser, never raises, escapes what is typed."""

from __future__ import annotations

import pytest

from helpers.widgets.schedule import schedule_widget, what_if_html

PROBLEM = "Cannot work out a schedule yet"


def test_the_real_schedule():
    out = what_if_html("2018-12-04", 60, 6)
    assert PROBLEM not in out and "inf-callout-note" in out
    for text in ("4 December 2018", "2 February 2019", "2 August 2019", "241 days after the finding"):
        assert text in out
    assert "thought experiment" not in out  # the notes on other numbers appear only for other numbers


# (finding date, deadline, notice, words the note must contain)
ODD_INPUT = [
    ("", 60, 6, "fill in all three boxes"),
    ("   ", 60, 6, "fill in all three boxes"),
    (None, 60, 6, "fill in all three boxes"),
    ("2018-12-04", "", 6, "fill in all three boxes"),
    ("2018-12-04", 60, None, "fill in all three boxes"),
    ("next Tuesday", 60, 6, "could not be read"),
    ("04/12/2018", 60, 6, "could be 4 December or 12 April"),
    ("2018-02-30", 60, 6, "not a day on the calendar"),
    ("2018-12-04", -5, 6, "cannot run backwards"),
    ("2018-12-04", "60", "-1", "cannot run backwards"),
    ("2018-12-04", 10**12, 6, "1900 to 2100"),
    ("2018-12-04", 60, 10**9, "1900 to 2100"),
    ("2018-12-04", "sixty", 6, "not a number"),
    ("2018-12-04", 2.5, 6, "not a whole number"),
    ("2018-12-04", [60], 6, "not a number"),
    (12345, 60, 6, "is a number"),
    (object(), 60, 6, "is not a date"),
]


@pytest.mark.parametrize(("date", "days", "months", "words"), ODD_INPUT)
def test_odd_input_gets_a_note_never_an_exception(date, days, months, words):
    out = what_if_html(date, days, months)
    assert PROBLEM in out and "inf-callout-problem" in out
    assert words in out.replace("&#x27;", "'")


def test_typed_text_is_escaped():
    out = what_if_html("<script>alert(1)</script>", 60, 6)
    assert "<script>" not in out
    assert "&lt;script&gt;" in out


def test_notes_for_other_numbers_and_for_month_ends():
    out = what_if_html("2019-07-02", 60, 6)  # suspension on 31 August: no 31 February
    assert "29 February 2020" in out
    assert "last day" in out
    other = what_if_html("2018-12-04", "90", "12")
    assert "4 March 2019" in other and "4 March 2020" in other
    assert "a US choice" in other and "thought experiment" in other


def test_the_widget_updates_and_resets():
    box = schedule_widget()
    controls, result = box.children
    date_box, days_box, months_box, reset = controls.children
    assert "2 August 2019" in result.value

    days_box.value = "90"
    assert "4 March 2019" in result.value
    months_box.value = "-2"
    assert PROBLEM in result.value
    date_box.value = "9/12/2017"
    assert "YYYY-MM-DD" in result.value.replace("&#x27;", "'")

    reset.click()
    assert (date_box.value, days_box.value, months_box.value) == ("2018-12-04", "60", "6")
    assert "2 August 2019" in result.value and PROBLEM not in result.value


def test_the_widget_starts_from_given_values():
    box = schedule_widget("2019-07-02", 60, 6)
    assert "29 February 2020" in box.children[1].value


# (box, what the student types and sends with Enter, words the schedule must then show)
TYPED = [
    ("days", "90", "4 March 2019"), ("days", " 90 ", "4 March 2019"), ("days", "sixty", "not a number"),
    ("days", "", "fill in all three boxes"), ("days", "2.5", "not a whole number"),
    ("days", "-5", "cannot run backwards"), ("months", "12", "thought experiment"),
    ("months", "6 months", "not a number"), ("date", "2019-07-02", "29 February 2020"),
    ("date", "2 February 2019", "3 April 2019"), ("date", "9/12/2017", "YYYY-MM-DD"),
    ("date", "13/12/2017", "13 December 2017"), ("date", "<b>", "&lt;b&gt;"), ("date", "\x00", PROBLEM),
]  # fmt: skip


@pytest.mark.parametrize(("which", "text", "words"), TYPED)
def test_typed_text_is_read_on_enter_and_never_rewritten(which, text, words):
    box = schedule_widget()
    (date_box, days_box, months_box, _reset), result = box.children[0].children, box.children[1]
    target = {"date": date_box, "days": days_box, "months": months_box}[which]
    assert not any(b.continuous_update for b in (date_box, days_box, months_box))  # read on Enter only
    seen: list = []
    for each in (date_box, days_box, months_box):
        each.observe(lambda change: seen.append(change["new"]), names="value")
    target.set_state({"value": text})  # as the browser sends it
    assert seen == [text] and target.value == text
    assert words in result.value.replace("&#x27;", "'")
