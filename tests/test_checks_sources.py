"""helpers.checks.sources: right answers pass; wrong, missing and odd ones get kind hints, never errors."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.checks import sources as cs
from helpers.display.feedback import Feedback
from helpers.history.sources import normalise

from .conftest import seed_text

RIGHT_LABELS = ["fact", "assessment", "opinion", "fact", "assessment", "assessment"]

ODD_ANSWERS = [
    None,
    ...,
    "",
    "   ",
    0,
    -1,
    3.5,
    True,
    float("nan"),
    [],
    (),
    {},
    {"a": 1},
    [[1]],
    {1: object()},
    object(),
    b"bytes",
    np.array([1, 2]),
    "\u202e\U0001f600<script>",
]

CHECKS = [
    cs.check_labels,
    cs.check_experts_meetings,
    cs.check_acknowledgement_evidence,
    cs.check_refusal_evidence,
    cs.check_russian_view,
]

MODEL_PARAGRAPH = (
    "According to the sources, Russia's position changed over time. Its officials first denied any "
    "activity that broke the treaty and said Russia remained committed to it. In December 2017 Deputy "
    "Foreign Minister Ryabkov acknowledged that the 9M729 exists but said it cannot reach the ranges the "
    "treaty bans, and in January 2019 Russia put its maximum range at 480 km. Moscow also accused the "
    "United States of breaking the treaty itself, with target missiles for missile-defence tests, Aegis "
    "Ashore sites in Poland and Romania, and armed drones. When the United States suspended its "
    "obligations on 2 February 2019, Russia suspended its own participation as a mirror response."
)


# ------------------------------------------------------------------------------------------ never raises


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("answer", ODD_ANSWERS, ids=repr)
def test_checks_never_raise_and_never_pass_odd_answers(check, answer):
    result = check(answer)
    assert isinstance(result, Feedback)
    assert not result.passed
    assert result.message


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_placeholder_is_not_answered_yet(check):
    assert check(...).status == "not answered yet"
    assert str(check(...)).startswith("Not answered yet: ")


# ------------------------------------------------------------------------------------------ exercise 1


def test_every_sentence_is_quoted_verbatim_from_its_seed():
    from helpers.data.paths import DATA_DIR

    texts = {
        "Highlights Timeline": (
            DATA_DIR / "source-texts" / "state-2018-inf-diplomacy-timeline.txt"
        ).read_text(encoding="utf-8"),
        "At a Glance": (DATA_DIR / "source-texts" / "state-2017-inf-at-a-glance.txt").read_text(
            encoding="utf-8"
        ),
        "Huntsman op-ed": seed_text("A Forced Decision"),
    }
    checked = 0
    for sentence in cs.SENTENCES:
        key = next(k for k in texts if k in sentence.source)
        if texts[key] is None:
            continue
        quoted = sentence.text.strip("\u201c\u201d")
        for part in quoted.split("..."):
            assert normalise(part) in normalise(texts[key]), part
        checked += 1
    assert checked >= 4


def test_labels_right_as_list_dict_and_string_keys():
    assert cs.check_labels(RIGHT_LABELS).passed
    assert cs.check_labels(tuple(RIGHT_LABELS)).passed
    assert cs.check_labels({n: label for n, label in enumerate(RIGHT_LABELS, start=1)}).passed
    assert cs.check_labels({str(n): label.upper() for n, label in enumerate(RIGHT_LABELS, start=1)}).passed
    assert cs.check_labels([" Fact", "assess", "opinions", "fact", "assessment", "opinion"]).passed


def test_debatable_sentence_accepts_both_labels_and_explains_why():
    debatable = [n for n, s in enumerate(cs.SENTENCES, start=1) if len(s.accepted) > 1]
    assert debatable == [6]
    for label in ("assessment", "opinion"):
        result = cs.check_labels([*RIGHT_LABELS[:5], label])
        assert result.passed
        assert "Sentence 6 could be either (assessment or opinion)" in result.message
    assert not cs.check_labels([*RIGHT_LABELS[:5], "fact"]).passed


def test_labels_feedback_is_per_sentence():
    result = cs.check_labels(["fact", "opinion", "opinion", "opinion", ..., "maybe"])
    assert result.status == "try again"
    assert result.message.startswith("2 of 6 right so far.")
    assert "Sentence 2: not yet. Look at the verb" in result.message
    assert "Sentence 4: not yet. Separate two things" in result.message
    assert "Sentence 5: not labelled yet." in result.message
    assert "Sentence 6: 'maybe' is not one of the labels" in result.message
    assert "Sentence 1" not in result.message and "Sentence 3" not in result.message


def test_labels_template_with_all_placeholders_is_not_answered():
    assert cs.check_labels({n: ... for n in range(1, 7)}).status == "not answered yet"
    assert cs.check_labels([...] * 6).status == "not answered yet"


def test_labels_wrong_shapes_get_a_hint():
    assert "dict" in cs.check_labels("fact").message
    assert "only 6 sentences" in cs.check_labels({7: "fact"}).message
    assert "one label per sentence" in cs.check_labels(RIGHT_LABELS + ["fact"]).message
    assert "dict" in cs.check_labels({"one": "fact"}).message


def test_show_sentences_numbers_every_sentence_with_its_source():
    text = cs.show_sentences()
    for n, sentence in enumerate(cs.SENTENCES, start=1):
        assert f"{n}. {sentence.text}\n   ({sentence.source})" in text


# ------------------------------------------------------------------------------------------ exercise 2


@pytest.mark.parametrize("answer", [3, 3.0, np.int64(3), np.float64(3.0)])
def test_experts_meetings_right(answer):
    result = cs.check_experts_meetings(answer)
    assert result.passed
    assert "(2014, 2015 and 2018)" in result.message


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (6, "op-ed's figure"),
        (5, "SVC sessions too"),
        (66, "every row"),
        (4, "count again"),
        (2, "count again"),
        ("3", "That is text"),
        (True, "whole number"),
        ([3], "whole number"),
    ],
)
def test_experts_meetings_wrong_get_specific_hints(answer, hint):
    result = cs.check_experts_meetings(answer)
    assert not result.passed and hint in result.message


# ------------------------------------------------------------------------------------------ exercise 3


def test_evidence_claims_point_to_rows_whose_evidence_supports_them():
    import helpers

    events = helpers.load_events().set_index("event_id")
    for claim in cs.EVIDENCE_CLAIMS.values():
        evidence = normalise(events.loc[claim.event_id, "evidence"])
        assert all(word in evidence for word in claim.must_contain)


@pytest.mark.parametrize(
    "answer",
    [
        ("2017-12-09-ryabkov-acknowledges-9m729", "publicly acknowledges the existence of the 9M729"),
        ["2017-12-09-ryabkov-acknowledges-9m729", "PUBLICLY  ACKNOWLEDGES the existence."],
        {
            "event_id": " 2017-12-09-ryabkov-acknowledges-9m729 ",
            "evidence": "Ryabkov publicly acknowledges the",
        },
        {"Event_ID": "2017-12-09-ryabkov-acknowledges-9m729", "Evidence": "acknowledges the existence"},
    ],
)
def test_acknowledgement_evidence_right(answer):
    result = cs.check_acknowledgement_evidence(answer)
    assert result.passed, result.message
    assert "Highlights Timeline (fact sheet)" in result.message


def test_refusal_evidence_right():
    answer = (
        "2018-06-21-third-experts-meeting",
        "Russia refuses further discussion of the violating missile.",
    )
    assert cs.check_refusal_evidence(answer).passed


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        ("2017-12-09-ryabkov-acknowledges-9m729", "Give two things"),
        (
            ("2017-12-09-ryabkov", "acknowledges the existence"),
            "Did you mean '2017-12-09-ryabkov-acknowledges-9m729'",
        ),
        (("2017-12-09-ryabkov-acknowledges-9m72", "x"), "Did you mean"),
        (("no-such-row", "x y z"), "Copy it exactly"),
        ((42, "x y z"), "should be an event_id"),
        ((..., "acknowledges the existence"), "should be an event_id"),
        (("2013-06-25-kislyak-initial-response", "denying"), "records something else"),
        (("2017-12-09-ryabkov-acknowledges-9m729", ...), "Right row! Now add"),
        (("2017-12-09-ryabkov-acknowledges-9m729", "9M729"), "at least three"),
        (("2017-12-09-ryabkov-acknowledges-9m729", "Russia admits the missile"), "not in its evidence"),
        (
            ("2017-12-09-ryabkov-acknowledges-9m729", "it is not capable of INF range"),
            "do not show the claim",
        ),
        ({"id": "x", "words": "y"}, "Give two things"),
    ],
)
def test_acknowledgement_evidence_wrong_gets_specific_hints(answer, hint):
    result = cs.check_acknowledgement_evidence(answer)
    assert not result.passed
    assert hint in result.message, result.message


def test_evidence_pair_of_placeholders_is_not_answered():
    assert cs.check_refusal_evidence((..., ...)).status == "not answered yet"


# ------------------------------------------------------------------------------------------ exercise 4


def test_model_paragraph_ticks_every_box():
    result = cs.check_russian_view(MODEL_PARAGRAPH)
    assert result.passed, result.message
    assert result.message.count("[x]") == 3
    assert "A program cannot judge an argument" in result.message


def test_paragraph_missing_points_is_told_which():
    text = (
        "Russia acknowledged the missile in December 2017 but said its range was within the treaty's "
        "limits, and it keeps saying the United States had no reason to doubt it. " * 3
    )
    result = cs.check_russian_view(text)
    assert not result.passed
    assert "[x] Russia's acknowledgement" in result.message
    assert "[ ] Russia's counter-accusations" in result.message
    assert "[ ] Russia's suspension of its own participation" in result.message


def test_paragraph_flags_numbers_and_topics_not_in_the_sources():
    text = MODEL_PARAGRAPH + " Russia said the missile flies only 1,000 km, unlike the Tomahawk and China's."
    result = cs.check_russian_view(text)
    assert not result.passed
    assert "not in this lesson's sources: 1,000." in result.message
    assert "Tomahawk" in result.message and "China" in result.message


def test_paragraph_numbers_inside_names_are_not_flagged():
    assert cs._numbers("9M729, SSC-8, R-500 and RS-26 in 2017; 5,500 km; 2.5 km") == ["2017", "5,500", "2.5"]
    result = cs.check_russian_view(MODEL_PARAGRAPH + " The SSC-8 and the RS-26 are different.")
    assert result.passed, result.message
    assert "2.5" in cs.check_russian_view(MODEL_PARAGRAPH + " It flew 2.5 km.").message


def test_paragraph_word_count_and_length_hints():
    short = cs.check_russian_view("Russia denies, acknowledges the range, accuses Aegis, suspends.")
    assert not short.passed and "a little short" in short.message and "Words: 8" in short.message
    long = cs.check_russian_view(MODEL_PARAGRAPH + " More words." * 60)
    assert not long.passed and "long for one paragraph" in long.message


def test_paragraph_must_be_text():
    assert "triple quotes" in cs.check_russian_view(["a"]).message
    assert cs.check_russian_view("...").status == "not answered yet"


def test_feedback_html_escapes_student_text():
    result = cs.check_labels(["<b>fact</b>"] * 6)
    assert "<b>fact" not in result._repr_html_()
