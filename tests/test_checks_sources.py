"""helpers.checks.sources: one table of (answer, expected status, words the message holds) per check.

Expected answers are computed from the data, so a new valid event changes only the cases about it.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

import helpers
from helpers.checks import sources as cs
from helpers.data.loading import load_table
from helpers.display.feedback import Feedback
from helpers.display.words import normalise

matplotlib.use("Agg")

RIGHT, AGAIN, EMPTY = "correct", "try again", "not answered yet"
EVENTS = helpers.load_events()
EXPERTS = int((EVENTS["category"] == "experts meeting").sum())
SVC = int((EVENTS["category"] == "SVC session").sum())
LABELS = load_table("sentences").sort_values("number")["label"].astype(str).tolist()
ACK = EVENTS.loc[EVENTS["russian_response"] == "acknowledgement", "event_id"].item()
REFUSAL = EVENTS.loc[EVENTS["russian_response"] == "refusal", "event_id"].item()

ODD = [None, ..., "", "   ", 0, -1, 3.5, True, float("nan"), [], (), {}, {"a": 1}, [[1]], {1: object()}]
ODD += [object(), b"bytes", np.array([1, 2]), "\u202e\U0001f600<script>"]
CHECKS = [
    cs.check_chart,
    cs.check_labels,
    cs.check_experts_meetings,
    cs.check_acknowledgement_evidence,
    cs.check_refusal_evidence,
    cs.check_russian_view,
]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("answer", ODD, ids=repr)
def test_checks_never_raise_and_never_pass_odd_answers(check, answer):
    result = check(answer)
    assert isinstance(result, Feedback) and not result.passed and result.message
    if answer is ... or answer is None:
        assert result.status == EMPTY


def _case(table: list[tuple], check) -> list:
    return [pytest.param(check, *row, id=f"{check.__name__}: {row[0]!r}"[:80]) for row in table]


# ------------------------------------------------------------------------------------------ exercise 1


def _chart(heights: list[list[float]], title: str = "", line: bool = False) -> Figure:
    fig = Figure()
    ax = fig.add_subplot()
    for series in heights:
        ax.plot(range(len(series)), series) if line else ax.bar(range(len(series)), series)
    ax.set_title(title)
    return fig


FIRST_CHART = [[1] * len(EVENTS)] + [[0]] * (EVENTS["source_id"].nunique() - 1)
CHART_CASES = [
    (_chart([[17, 19]], "Timeline entries per year"), RIGHT, "1 series adding up to 36"),
    (_chart([[1, 2], [3, 4]], "Two series", line=True).axes[0], RIGHT, "2 series"),
    (_chart([[17, 19]]), AGAIN, "title"),
    (_chart([], "Empty"), AGAIN, "draws nothing"),
    (_chart(FIRST_CHART, "The same chart"), AGAIN, "like the first chart"),
    ("fig", AGAIN, "answer_1 = fig"),
]

# ------------------------------------------------------------------------------------------ exercise 2

LABEL_CASES = [
    (LABELS, RIGHT, f"All {len(LABELS)} labels fit"),
    (tuple(LABELS), RIGHT, "fit"),
    ({n: label for n, label in enumerate(LABELS, start=1)}, RIGHT, "fit"),
    ({str(n): label.upper() for n, label in enumerate(LABELS, start=1)}, RIGHT, "fit"),
    ([" Fact", "assess", "opinions", "fact", "assessment", "opinion"], RIGHT, "could be either"),
    ([*LABELS[:5], "opinion"], RIGHT, "Sentence 6 could be either (assessment or opinion)"),
    ([*LABELS[:5], "fact"], AGAIN, "Sentence 6: not yet"),
    (["fact", "opinion", "opinion", "opinion", ..., "maybe"], AGAIN, "2 of 6 right so far."),
    (["fact", "opinion", "opinion", "opinion", ..., "maybe"], AGAIN, "Sentence 2: not yet. Look at the verb"),
    (["fact", "opinion", "opinion", "opinion", ..., "maybe"], AGAIN, "Sentence 5: not labelled yet."),
    (["fact", "opinion", "opinion", "opinion", ..., "maybe"], AGAIN, "'maybe' is not a label"),
    ({n: ... for n in range(1, 7)}, EMPTY, ""),
    ([...] * 6, EMPTY, ""),
    ("fact", AGAIN, "dict"),
    ({7: "fact"}, AGAIN, "only 6 sentences"),
    ([*LABELS, "fact"], AGAIN, "remove number(s) [7]"),
    ({"one": "fact"}, AGAIN, "whole numbers"),
    (["<b>fact</b>"] * 6, AGAIN, "not a label"),
]

# ------------------------------------------------------------------------------------------ exercise 3

EXPERTS_CASES = [
    (EXPERTS, RIGHT, "(2014, 2015 and 2018)"),
    (float(EXPERTS), RIGHT, "experts-meeting rows"),
    (np.int64(EXPERTS), RIGHT, "experts-meeting rows"),
    (str(EXPERTS), RIGHT, "experts-meeting rows"),
    (6, AGAIN, "op-ed's figure"),
    (EXPERTS + SVC, AGAIN, "SVC sessions too"),
    (len(EVENTS), AGAIN, "every row"),
    (EXPERTS + 1, AGAIN, "Count again"),
    ("three", AGAIN, "not a number"),
    (True, AGAIN, "True or False"),
    (2.5, AGAIN, "not a whole number"),
    ([EXPERTS], AGAIN, "not a number"),
]

# ------------------------------------------------------------------------------------------ exercise 4

EVIDENCE_CASES = [
    ((ACK, "publicly acknowledges the existence of the 9M729"), RIGHT, "\u201cRussian DFM Ryabkov"),
    ([ACK, "PUBLICLY  ACKNOWLEDGES the existence."], RIGHT, "state-2018-timeline"),
    ({"event_id": f" {ACK} ", "evidence": "Ryabkov publicly acknowledges the"}, RIGHT, ACK),
    ({"Event_ID": ACK, "Evidence": "acknowledges the existence"}, RIGHT, ACK),
    (ACK, AGAIN, "Give two things"),
    ((ACK[:18], "acknowledges the existence"), AGAIN, f"Did you mean {ACK!r}"),
    ((ACK[:-1], "x"), AGAIN, "Did you mean"),
    (("no-such-row", "x y z"), AGAIN, "Copy it exactly"),
    ((42, "x y z"), AGAIN, "should be an event_id"),
    ((..., "acknowledges the existence"), AGAIN, "should be an event_id"),
    (("2013-06-25-kislyak-initial-response", "denying"), AGAIN, "records something else"),
    ((ACK, ...), AGAIN, "Right row! Now add"),
    ((ACK, "9M729"), AGAIN, "at least three"),
    ((ACK, "Russia admits the missile"), AGAIN, "not in its evidence"),
    ((ACK, "it is not capable of INF range"), AGAIN, "do not show the claim"),
    ({"id": "x", "words": "y"}, AGAIN, "Give two things"),
    ((..., ...), EMPTY, ""),
]
REFUSAL_CASES = [
    ((REFUSAL, "Russia refuses further discussion of the violating missile."), RIGHT, REFUSAL),
    ((ACK, "publicly acknowledges the existence"), AGAIN, "records something else"),
]

# ------------------------------------------------------------------------------------------ exercise 5

MODEL = (
    "According to the sources, Russia's position changed over time. Its officials first denied any "
    "activity that broke the treaty and said Russia remained committed to it. In December 2017 Deputy "
    "Foreign Minister Ryabkov acknowledged that the 9M729 exists but said it cannot reach the ranges the "
    "treaty bans, and in January 2019 Russia put its maximum range at 480 km. Moscow also accused the "
    "United States of breaking the treaty itself, with target missiles for missile-defence tests, Aegis "
    "Ashore sites in Poland and Romania, and armed drones. When the United States suspended its "
    "obligations on 2 February 2019, Russia suspended its own participation as a mirror response."
)
ONLY_ACK = (
    "Russia acknowledged the missile in December 2017 but said its range was within the treaty's "
    "limits, and it keeps saying the United States had no reason to doubt it. " * 3
)
VIEW_CASES = [
    (MODEL, RIGHT, "A program cannot judge an argument"),
    (MODEL + " The SSC-8 and the RS-26 are different.", RIGHT, "[x] Russia's suspension"),
    (ONLY_ACK, AGAIN, "[x] Russia's acknowledgement"),
    (ONLY_ACK, AGAIN, "[ ] Russia's counter-accusations"),
    (ONLY_ACK, AGAIN, "[ ] Russia's suspension of its own participation"),
    # topics the lesson's tables do not mention (Tomahawk and Mk 41 are in them now: Lavrov's words)
    (MODEL + " It flies 1,000 km, unlike the Iskander and China's.", AGAIN, "sources: 1,000. Where from?"),
    (MODEL + " It flies 1,000 km, unlike the Iskander and China's.", AGAIN, "mention: China, Iskander"),
    (MODEL + " NATO-expansion.", AGAIN, "NATO expansion"),
    (MODEL + " It flew 2.5 km.", AGAIN, "2.5"),
    ("Russia denies, acknowledges the range, accuses Aegis, suspends.", AGAIN, "a little short"),
    ("Russia denies, acknowledges the range, accuses Aegis, suspends.", AGAIN, "Words: 8"),
    (MODEL + " More words." * 60, AGAIN, "long for one paragraph"),
    (["a"], AGAIN, "triple quotes"),
    ("...", EMPTY, ""),
]

ALL_CASES = (
    _case(CHART_CASES, cs.check_chart)
    + _case(LABEL_CASES, cs.check_labels)
    + _case(EXPERTS_CASES, cs.check_experts_meetings)
    + _case(EVIDENCE_CASES, cs.check_acknowledgement_evidence)
    + _case(REFUSAL_CASES, cs.check_refusal_evidence)
    + _case(VIEW_CASES, cs.check_russian_view)
)


@pytest.mark.parametrize(("check", "answer", "status", "words"), ALL_CASES)
def test_check_gives_the_expected_verdict(check, answer, status, words):
    result = check(answer)
    assert result.status == status, result.message
    assert words in result.message, result.message


# ------------------------------------------------------------------------------------------ the data behind


def test_evidence_words_are_in_the_rows_the_checks_expect():
    evidence = EVENTS.set_index("russian_response", drop=False)
    for response, (word, _hint) in cs.EVIDENCE_WORDS.items():
        assert word in normalise(evidence.loc[response, "evidence"])


def test_show_sentences_numbers_every_sentence_with_where_it_stands():
    text = cs.show_sentences()
    for row in load_table("sentences").itertuples():
        assert f"{row.number}. \u201c{row.sentence}\u201d\n   ({row.cited_as})" in text


def test_numbers_in_names_are_not_numbers_and_the_sources_numbers_are_allowed():
    assert cs._NUMBER.findall("9M729, SSC-8, R-500 and RS-26 in 2017; 5,500 km; 2.5 km") == [
        "2017",
        "5,500",
        "2.5",
    ]
    assert {480.0, 500.0, 5500.0, 2692.0, 846.0, 1846.0} <= cs.allowed_numbers()


def test_feedback_html_escapes_student_text():
    assert "<b>fact" not in cs.check_labels(["<b>fact</b>"] * 6)._repr_html_()
