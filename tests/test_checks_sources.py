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
from helpers.display.words import html_text, normalise

matplotlib.use("Agg")

RIGHT, AGAIN, EMPTY, CHECKED = "correct", "try again", "not answered yet", "checked"
EVENTS = helpers.load_events()
EXPERTS = int((EVENTS["category"] == "experts meeting").sum())
SVC = int((EVENTS["category"] == "SVC session").sum())
LABELS = load_table("sentences").sort_values("number")["label"].astype(str).tolist()
ACK = EVENTS.loc[EVENTS["russian_response"] == "acknowledgement", "event_id"].item()
REFUSAL = EVENTS.loc[EVENTS["russian_response"] == "refusal", "event_id"].item()
SUSPENSION = EVENTS.loc[EVENTS["russian_response"] == "suspension", "event_id"].item()

ODD = [None, ..., "", "   ", 0, -1, 3.5, True, float("nan"), [], (), {}, {"a": 1}, [[1]], {1: object()}]
ODD += [object(), b"bytes", np.array([1, 2]), "\u202e\U0001f600<script>"]
CHECKS = [
    cs.check_chart,
    cs.check_labels,
    cs.check_experts_meetings,
    cs.check_acknowledgement_evidence,
    cs.check_refusal_evidence,
    cs.check_suspension_evidence,
    cs.check_russian_view,
    *[cs.EXERCISES[f"think_{n}"] for n in range(1, 5)],
]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: getattr(c, "__name__", "think"))
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
    # two labels, where the sentences table gives two (sentence 6), in every way a student may write them
    ([*LABELS[:5], ("assessment", "opinion")], RIGHT, "could be either"),
    ([*LABELS[:5], ["opinion", "assessment"]], RIGHT, "could be either"),
    ([*LABELS[:5], {"assessment", "opinion"}], RIGHT, "could be either"),
    ([*LABELS[:5], "assessment and opinion"], RIGHT, "could be either"),
    ([*LABELS[:5], "Assessment/Opinion"], RIGHT, "could be either"),
    ([*LABELS[:5], "opinion or assessment"], RIGHT, "could be either"),
    ({**dict(enumerate(LABELS, start=1)), 6: "assessment, opinion"}, RIGHT, "could be either"),
    ([*LABELS[:5], "fact/assessment"], AGAIN, "Sentence 6: not yet"),
    (["fact and opinion", *LABELS[1:]], AGAIN, "Sentence 1 takes one label"),
    ([*LABELS[:5], "assessment and maybe"], AGAIN, "is not a label"),
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
SUSPENSION_CASES = [
    ((SUSPENSION, "Russia's decision to suspend its participation"), RIGHT, SUSPENSION),
    ((ACK, "publicly acknowledges the existence"), AGAIN, "records something else"),
    ((SUSPENSION, "Notwithstanding Russia's decision"), AGAIN, "do not show the claim"),
]
REFUSAL_CASES = [
    ((REFUSAL, "Russia refuses further discussion of the violating missile."), RIGHT, REFUSAL),
    ((ACK, "publicly acknowledges the existence"), AGAIN, "records something else"),
]

# ------------------------------------------------------------------------------------------ exercise 5

MODELS = load_table("model-answers-04").set_index("answer")["model_answer"]
MODEL = MODELS["answer_5"]
AS_FACT = (  # Russia's claims stated as plain fact: the checklist must not tick "attributed"
    "The 9M729 is a legal missile: its maximum range is 480 km, below the 500 km at which the treaty's ban "
    "begins. The United States broke the treaty first, with armed drones, target missiles for "
    "missile-defence tests and Mk 41 launchers at the Aegis Ashore sites, which could fire Tomahawk cruise "
    "missiles. These "
    "systems are not covered by the treaty, and the missile was tested well over 500 km. When the United "
    "States suspended its obligations on 2 February 2019, Russia suspended its own participation in the "
    "treaty as a mirror response to the American step."
)
ONLY_RUSSIA = (  # Russia's side only, attributed
    "Russia says that its missile cannot fly as far as the treaty bans: in January 2019 it gave the maximum "
    "range as 480 km. Foreign Minister Lavrov accused the United States of breaking the treaty since 1999, "
    "with armed drones, target missiles and launchers at the Aegis Ashore site in Romania. Moscow presented "
    "its suspension in February 2019 as a mirror response to the American step."
)
VIEW_CASES = [
    (MODEL, CHECKED, "[x] Russia's claims attributed"),
    (MODEL, CHECKED, "[x] the United States' claims attributed"),
    (MODEL, CHECKED, "A model answer: According to these sources"),
    (AS_FACT, CHECKED, "[x] Russia's claims (the range"),
    (AS_FACT, CHECKED, "[ ] Russia's claims attributed"),
    (AS_FACT, CHECKED, "[ ] the United States' claims attributed"),
    (ONLY_RUSSIA, CHECKED, "[ ] the United States' claims or replies"),
    ("Russia says the US breaks the treaty.", CHECKED, "[ ] 60 to 150 words (you wrote 7)"),
    (" ".join(MODELS), CHECKED, "[ ] 60 to 150 words"),
    ("range aegis suspend " * 15, AGAIN, "repeats the same few words"),
    ("Russia says.", AGAIN, "at least a full sentence"),
    (["a"], AGAIN, "triple quotes"),
    ("...", EMPTY, ""),
]
THINK_CASES = [
    (f"think_{n}", text, status, words)
    for n in range(1, 5)
    for text, status, words in [
        ("Because a claim on record is not proof that the claim is true.", CHECKED, "A model answer:"),
        ("why " * 20, AGAIN, "repeats"),
        (42, AGAIN, "triple quotes"),
    ]
]


@pytest.mark.parametrize(("name", "text", "status", "words"), THINK_CASES)
def test_think_prompts_are_checked_never_correct_and_reveal_a_model_answer(name, text, status, words):
    result = cs.check(name, {name: text})
    assert result.status == status and words in result.message + (result.reveal or ""), result.message


def test_check_by_name_knows_every_answer_cell_of_the_lesson():
    assert (
        cs.check("answer_4a", {}).status == EMPTY
        and "Run the answer cell" in cs.check("answer_4a", {}).message
    )
    assert cs.check("answer_4a", {"answer_4a": ...}).status == EMPTY
    assert cs.check("answer_4a", {"answer_4a": (SUSPENSION, "decision to suspend its")}).status == RIGHT


ALL_CASES = (
    _case(CHART_CASES, cs.check_chart)
    + _case(LABEL_CASES, cs.check_labels)
    + _case(EXPERTS_CASES, cs.check_experts_meetings)
    + _case(EVIDENCE_CASES, cs.check_acknowledgement_evidence)
    + _case(REFUSAL_CASES, cs.check_refusal_evidence)
    + _case(SUSPENSION_CASES, cs.check_suspension_evidence)
    + _case(VIEW_CASES, cs.check_russian_view)
)


@pytest.mark.parametrize(("check", "answer", "status", "words"), ALL_CASES)
def test_check_gives_the_expected_verdict(check, answer, status, words):
    result = check(answer)
    assert result.status == status, result.message
    assert words in result.message + (result.reveal or ""), result.message


# ------------------------------------------------------------------------------------------ the data behind


def test_evidence_words_are_in_the_rows_the_checks_expect():
    evidence = EVENTS.set_index("russian_response", drop=False)
    for response, (word, _hint) in cs.EVIDENCE_WORDS.items():
        assert word in normalise(evidence.loc[response, "evidence"])


def test_show_sentences_shows_every_sentence_as_text_with_where_it_stands():
    html = cs.show_sentences()._repr_html_()
    for row in load_table("sentences").itertuples():
        assert html_text(row.sentence) in html and html_text(row.cited_as) in html
    assert "<pre" not in html


def test_feedback_html_escapes_student_text():
    assert "<b>fact" not in cs.check_labels(["<b>fact</b>"] * 6)._repr_html_()
