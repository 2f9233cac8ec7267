"""Self-checks for lesson 4, "Reading the sources": each returns a Feedback and never raises."""

from __future__ import annotations

import difflib
import functools
import re
from typing import Any

import numpy as np
import pandas as pd

from helpers.checks import checker
from helpers.checks.answers import AnswerError, parse_whole_number
from helpers.checks.kinds import event_table, figure_parts, judge, written
from helpers.checks.sealed import AnswerKey, unseal
from helpers.data.loading import load_table
from helpers.data.schema import vocabulary
from helpers.display.feedback import Feedback, correct, is_unanswered, never_raises, not_answered, try_again
from helpers.display.words import normalise, plural
from helpers.history.sources import SourceTable, show_table

__all__ = ["EXERCISES", "check", "check_acknowledgement_evidence", "check_chart", "check_experts_meetings"]
__all__ += ["check_labels", "check_refusal_evidence", "check_russian_view", "check_suspension_evidence"]
__all__ += ["sentences", "show_sentences"]


def sentences() -> pd.DataFrame:
    """The sentences of exercise 2, from ``data/sentences.csv`` (the tests check every quotation).

    >>> sentences().loc[0, "label"]
    'fact'
    """
    return load_table("sentences").sort_values("number", ignore_index=True)


@never_raises
def check_chart(answer: Any) -> Feedback:
    """Exercise 1: the coverage chart changed (a filter, another grouping, a title), given as the figure.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); ax = fig.add_subplot(); bars = ax.bar([2017, 2018], [17, 19])
    >>> _ = ax.set_title("Timeline entries per year"); print(check_chart(ax))
    Correct: Your chart, "Timeline entries per year", draws 1 series adding up to 36. ...
    """
    parts = figure_parts(answer)
    if parts is None:
        return try_again("Give the figure you drew: write answer_1 = fig after drawing it.")
    lines = [np.asarray(y, dtype=float) for _, y in parts.lines if len(y) > 1]
    series = len(parts.bars) + len(lines)
    total = sum(length for group in parts.bars for _, length, _ in group) + sum(map(np.nansum, lines))
    if series == 0:
        return try_again("That figure draws nothing yet: plot your counts on ax: counts.plot.bar(ax=ax).")
    if not parts.title:
        return try_again('Give your chart a title that says what it shows: ax.set_title("...").')
    events = event_table()
    if total == len(events) and series == events["source_id"].nunique():
        return try_again(f"This draws all {len(events)} events by source, like the first chart: filter them.")
    drawn = f'Your chart, "{parts.title}", draws {plural(series, "series", "series")} adding up to {total:g}.'
    return correct(drawn + " Does the title say what was kept, and what each bar or line counts?")


def show_sentences() -> SourceTable:
    """The numbered sentences of exercise 2 with where each stands, as a table to read.

    >>> repr(show_sentences()).splitlines()[1][:36]
    '- number: 1 | sentence: The United S'
    """
    return show_table(
        sentences(), columns=["number", "sentence", "cited_as"], caption="The sentences to label"
    )


def _label_of(value: Any, labels: tuple[str, ...]) -> str | None:
    """The label a student's word stands for ('fact', 'Facts', 'assess'...); None if none."""
    word = normalise(value).rstrip("s") if isinstance(value, str) else ""
    return next((label for label in labels if len(word) >= 4 and label.startswith(word)), None)


def _labels_of(value: Any, labels: tuple[str, ...]) -> set[str | None]:
    """The labels an answer names: 'Facts', 'fact and assessment', 'fact/opinion', ("fact", "opinion")."""
    words = value if isinstance(value, list | tuple | set | frozenset) else [value]
    words = [
        w
        for v in words
        for w in (re.split(r"\s*(?:/|,|&|\+|\band\b|\bor\b)\s*", v) if isinstance(v, str) else [v])
    ]
    return {_label_of(word, labels) for word in words if not (isinstance(word, str) and not word.strip())}


def _fits(row: Any, labels: tuple[str, ...]) -> tuple[str, ...]:
    """The labels that fit a sentence: its ``label`` and ``also_accepted``, plain or hashed (student copy)."""
    keys = [AnswerKey(v) for v in (row.label, row.also_accepted) if isinstance(v, str)]
    return tuple(label for label in labels if label in keys)


@never_raises
def check_labels(answer: Any) -> Feedback:
    """Exercise 2: labels for the sentences, as a dict ``{1: "fact", ...}`` or a list in order.

    >>> print(check_labels(["fact", "opinion", ..., ..., ..., ...]))
    Not yet: 1 of 6 right so far. Sentence 2: not yet. Look at the verb: ...
    """
    table, labels = sentences(), vocabulary("sentences", "label")
    if isinstance(answer, list | tuple):
        labelled = dict(enumerate(answer, start=1))
    elif isinstance(answer, dict) and all(isinstance(key, int | str) for key in answer):
        try:
            labelled = {parse_whole_number(key): value for key, value in answer.items()}
        except AnswerError:
            return try_again('Number the sentences with whole numbers: {1: "fact", 2: "opinion", ...}.')
    else:
        return try_again('Give the labels as a dict, e.g. {1: "fact", 2: "opinion", ...}, or as a list.')
    extra = sorted(set(labelled) - set(table["number"]))
    if extra:
        return try_again(f"There are only {len(table)} sentences; remove number(s) {extra}.")
    notes, right, missing = [], 0, 0
    for row in table.itertuples():
        given, fits = labelled.get(row.number, ...), set(_fits(row, labels))
        if is_unanswered(given):
            missing += 1
            notes.append(f"Sentence {row.number}: not labelled yet.")
        elif None in (named := _labels_of(given, labels)) or not named:
            notes.append(f"Sentence {row.number}: {given!r} is not a label; use {', '.join(labels)}.")
        elif named <= fits and len(named) in {1, len(fits)}:
            right += 1
        elif named & fits and len(fits) == 1:
            notes.append(f"Sentence {row.number} takes one label: {' or '.join(sorted(named))}?")
        else:
            notes.append(f"Sentence {row.number}: not yet. {row.hint}")
    if missing == len(table):
        return not_answered()
    if right < len(table):
        return try_again(f"{right} of {len(table)} right so far. " + " ".join(notes))
    why = [
        f"Sentence {r.number} could be either ({' or '.join(_fits(r, labels))}): {unseal(r.why)}"
        for r in table.itertuples()
        if isinstance(r.also_accepted, str)
    ]
    return correct(" ".join([f"All {len(table)} labels fit.", *why]))


@never_raises
def check_experts_meetings(answer: Any) -> Feedback:
    """Exercise 3: how many rows of the event table have the category "experts meeting".

    >>> print(check_experts_meetings("three"))
    Not yet: 'three' is not a number. Write digits, for example 1000 or 1,000.
    """
    events = event_table()
    experts = events[events["category"] == "experts meeting"]
    svc = int((events["category"] == "SVC session").sum())
    years = [str(year) for year in sorted(experts["date_start"].dt.year)]
    listed = f"{', '.join(years[:-1])} and {years[-1]}" if len(years) > 1 else "".join(years)
    slips = {
        len(events): "That is every row of the table. Keep only the experts meetings.",
        len(experts) + svc: f"That counts the {svc} SVC sessions too. Count only the experts meetings.",
        6: 'Six is the op-ed\'s figure ("six meetings of technical experts"). Count the rows.',
    }
    rows = f"{len(experts)} experts-meeting rows ({listed})"
    right = f"Yes: the table has {rows}, one per meeting the timeline lists."
    otherwise = "Count again: (events['category'] == 'experts meeting').sum()."
    return judge(answer, parse_whole_number, len(experts), right, slips, otherwise)


EVIDENCE_WORDS: dict[str, tuple[str, str]] = {
    "acknowledgement": ("acknowledges", "Look for a Russian statement of December 2017"),
    "refusal": ("refuses", "Look for the third experts meeting"),
    "suspension": ("suspend", "Look for February 2019"),
}  # per russian_response: a word the copied evidence must hold, and a hint


def _pair(answer: Any) -> tuple[Any, Any] | None:
    if isinstance(answer, dict):
        keys = {normalise(k): v for k, v in answer.items() if isinstance(k, str)}
        return (keys["event_id"], keys["evidence"]) if {"event_id", "evidence"} <= set(keys) else None
    return (answer[0], answer[1]) if isinstance(answer, list | tuple) and len(answer) == 2 else None


def _check_evidence(answer: Any, response: str) -> Feedback:
    word, hint = EVIDENCE_WORDS[response]
    hint += f"; events[events['evidence'].str.contains('{word[:8]}', case=False)] can help."
    pair = _pair(answer)
    if pair is None:
        return try_again('Give two things in brackets: ("the event_id", "words copied from its evidence").')
    event_id, snippet = pair
    if is_unanswered(event_id) and is_unanswered(snippet):
        return not_answered()
    if is_unanswered(event_id) or not isinstance(event_id, str):
        return try_again("The first item should be an event_id, as text in quotes.")
    events = event_table()
    ids, event_id = events["event_id"].tolist(), event_id.strip()
    if event_id not in ids:
        starting = [i for i in ids if len(event_id) >= 7 and i.startswith(event_id)]
        close = starting if len(starting) == 1 else difflib.get_close_matches(event_id, ids, n=1, cutoff=0.75)
        suggestion = f" Did you mean {close[0]!r}?" if close else " Copy it exactly from the event_id column."
        return try_again(f"No row has the event_id {event_id!r}.{suggestion}")
    row = events.loc[events["event_id"] == event_id].iloc[0]
    if row["russian_response"] != response:
        return try_again(f"That row exists, but it records something else: {row['summary']} {hint}")
    if is_unanswered(snippet) or not isinstance(snippet, str):
        return try_again("Right row! Now add, as text in quotes, a few words copied from its evidence.")
    words = normalise(snippet).strip(" .\"'")
    if len(words.split()) < 3:
        return try_again("Right row! Copy a few more words of its evidence: at least three.")
    if words not in normalise(row["evidence"]):
        return try_again("Right row, but those words are not in its evidence: copy them exactly.")
    if word not in words:
        return try_again("Right row and words, but they do not show the claim: copy what Russia did.")
    return correct(f"Yes: row {event_id}, from {row['source_id']}: \u201c{row['evidence']}\u201d")


@never_raises
def check_acknowledgement_evidence(answer: Any) -> Feedback:
    """Exercise 4a: the row (``russian_response`` "acknowledgement") and words behind the claim.

    >>> print(check_acknowledgement_evidence(("2017-12-09-ryabkov", "x")))
    Not yet: No row has the event_id '2017-12-09-ryabkov'. Did you mean ...
    """
    return _check_evidence(answer, "acknowledgement")


@never_raises
def check_refusal_evidence(answer: Any) -> Feedback:
    """Exercise 4b: the row (``russian_response`` "refusal") and words behind the claim.

    >>> print(check_refusal_evidence(("2018-06-21-third-experts-meeting", "Russia refuses further")))
    Correct: Yes: row 2018-06-21-third-experts-meeting, ...
    """
    return _check_evidence(answer, "refusal")


_VERB = r"(?<!united )\b(?:says?|said|claim\w*|argu\w*|accus\w*|insist\w*|stat(?:es|ed)|present\w*|"
_VERB += r"call\w*|maintain\w*|den(?:y|ies|ied)|acknowledg\w*|gave|told|announc\w*|repl\w*|record\w*|"
_VERB += r"assess\w*|answer\w*)\b"
_RUSSIA = r"\b(?:russia|moscow|lavrov|ryabkov|putin|kremlin)\w*"
_US = r"\b(?:united states|u\.s\.|us|washington|american\w*|state department|timeline|huntsman|embassy"
_US += r"|nato)(?!\w)"
CHECKLIST: dict[str, str] = {
    "Russia's claims (the range, its counter-accusations, its suspension)": "range|480|not capable|aegis|"
    r"drone|uav|target|mk ?41|suspen|mirror|never denied",
    "the United States' claims or replies": r"not (?:subject|covered)|repl|breach|(?:beyond|over|than) 500"
    r"|russia\W+(?:\w+\W+){0,3}violat|5,500",
    **{
        f"{side} claims attributed ({example})": rf"(?:according to|in the words of)\W+(?:\w+\W+){{0,2}}{who}"
        rf"|{who}\W+(?:[\w'\u2019]+\W+){{0,4}}?{_VERB}"
        for side, who, example in [
            ("Russia's", _RUSSIA, '"Russia says", "according to Moscow", "Lavrov accused"'),
            ("the United States'", _US, '"the US timeline records", "the United States replies"'),
        ]
    },
}  # exercise 5's points, each a regular expression (case ignored) that a paragraph making it matches


@never_raises
def check_russian_view(text: Any) -> Feedback:
    """Exercise 5: a paragraph on both sides' claims, each attributed; checked, never "Correct".

    >>> print(check_russian_view("Russia says the US breaks the treaty."))  # doctest: +ELLIPSIS
    Checked: [ ] Russia's claims ... [x] Russia's claims attributed ...
    """
    if isinstance(text, str) and text.strip() in {"", "..."}:
        return not_answered()
    return written(text, "04", "answer_5", CHECKLIST, (60, 150))


@never_raises
def check_suspension_evidence(answer: Any) -> Feedback:
    """Exercise 4a: the row (``russian_response`` "suspension") and words behind the claim.

    >>> print(check_suspension_evidence(("2019-02-02-russia-suspends-participation", "decision to suspend")))
    Correct: Yes: row 2019-02-02-russia-suspends-participation, ...
    """
    return _check_evidence(answer, "suspension")


EXERCISES = {"answer_1": check_chart, "answer_2": check_labels, "answer_3": check_experts_meetings}
EXERCISES |= {"answer_4a": check_suspension_evidence, "answer_4b": check_refusal_evidence}
EXERCISES |= {"answer_5": check_russian_view}
EXERCISES |= {
    f"think_{n}": never_raises(functools.partial(written, lesson="04", name=f"think_{n}"))
    for n in range(1, 5)
}
check = checker(EXERCISES)
