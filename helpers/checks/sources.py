"""Self-checks for lesson 4, "Reading the sources": each returns a Feedback and never raises."""

from __future__ import annotations

import difflib
import functools
import re
from typing import Any

import numpy as np
import pandas as pd

from helpers.checks.answers import AnswerError, parse_number, parse_whole_number
from helpers.checks.kinds import event_table, figure_parts, judge
from helpers.data.loading import load_table
from helpers.data.schema import vocabulary
from helpers.display.feedback import Feedback, correct, is_unanswered, never_raises, not_answered, try_again
from helpers.display.words import normalise, plural

__all__ = ["check_acknowledgement_evidence", "check_chart", "check_experts_meetings", "check_labels"]
__all__ += ["check_refusal_evidence", "check_russian_view", "sentences", "show_sentences"]


@functools.lru_cache(maxsize=1)
def _lesson_text() -> str:
    """The words of the event table and of the lesson's claims and disagreements, folded."""
    tables = [event_table()[["summary", "evidence"]], load_table("claims"), load_table("disagreements")]
    return normalise(" ".join(" ".join(t[c].dropna().astype(str)) for t in tables for c in t.columns))


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


def show_sentences() -> str:
    """The numbered sentences of exercise 2 with their sources, ready to print.

    >>> show_sentences().splitlines()[0][:34]
    '1. \u201cThe United States convenes the'
    """
    rows = sentences().itertuples()
    return "\n\n".join(f"{r.number}. \u201c{r.sentence}\u201d\n   ({r.cited_as})" for r in rows)


def _label_of(value: Any, labels: tuple[str, ...]) -> str | None:
    """The label a student's word stands for ('fact', 'Facts', 'assess'...); None if none."""
    word = normalise(value).rstrip("s") if isinstance(value, str) else ""
    return next((label for label in labels if len(word) >= 4 and label.startswith(word)), None)


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
        given = labelled.get(row.number, ...)
        if is_unanswered(given):
            missing += 1
            notes.append(f"Sentence {row.number}: not labelled yet.")
        elif _label_of(given, labels) is None:
            notes.append(f"Sentence {row.number}: {given!r} is not a label; use {', '.join(labels)}.")
        elif _label_of(given, labels) in {row.label, row.also_accepted}:
            right += 1
        else:
            notes.append(f"Sentence {row.number}: not yet. {row.hint}")
    if missing == len(table):
        return not_answered()
    if right < len(table):
        return try_again(f"{right} of {len(table)} right so far. " + " ".join(notes))
    why = [
        f"Sentence {r.number} could be either ({r.label} or {r.also_accepted}): {r.why}"
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
    "refusal": ("refuses", "Look for the third experts meeting, in 2018"),
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


CHECKLIST: dict[str, str] = {
    "Russia's acknowledgement that the missile exists, or its claim about the range": (
        "acknowledg|admit|exists|existence|range|480|not capable"
    ),
    "Russia's counter-accusations (missile-defence targets, Aegis Ashore, armed drones)": (
        "aegis|missile defen|missile-defen|target|drone|uav|poland|romania"
    ),
    "Russia's suspension of its own participation in the treaty (its mirroring response)": "suspen|mirror",
}  # the paragraph's three points, each with the words (separated by |) that show it is there
NOT_IN_SOURCES = {"hypersonic": "hypersonic weapons", "china": "China", "iskander": "Iskander"}
NOT_IN_SOURCES |= {"tomahawk": "Tomahawk", "mk 41": "Mk 41 launchers", "nato expansion": "NATO expansion"}
"""Topics of the wider debate, flagged while the lesson's tables do not mention them."""
_NUMBER = re.compile(r"(?<![\w.,-])\d+(?:,\d{3})*(?:\.\d+)?(?![\w-])")  # not inside 9M729 or SSC-8


def allowed_numbers() -> set[float]:
    """Numbers a paragraph may use: those in the lesson's tables, days of the month, the years 1987-2019.

    >>> {480.0, 2692.0, 60.0} <= allowed_numbers(), 1000.0 in allowed_numbers()
    (True, False)
    """
    found = {parse_number(number) for number in _NUMBER.findall(_lesson_text())}
    return found | set(map(float, range(32))) | set(map(float, range(1987, 2020)))


@never_raises
def check_russian_view(text: Any) -> Feedback:
    """Exercise 5: a checklist for a paragraph on Russia's stated view (points, numbers, topics, length).

    >>> print(check_russian_view("Russia says the US breaks the treaty."))
    Not yet: Checklist: [ ] Russia's acknowledgement ... Words: 7 (aim for 60-150).
    """
    if not isinstance(text, str):
        return try_again('Write your paragraph as text between triple quotes: answer_5 = """..."""')
    if text.strip() in {"", "..."}:
        return not_answered()
    folded, flags = normalise(text).replace("-", " "), []
    ticks = [
        f"[{'x' if any(w in normalise(text) for w in words.split('|')) else ' '}] {point}"
        for point, words in CHECKLIST.items()
    ]
    strange = [n for n in _NUMBER.findall(text) if parse_number(n) not in allowed_numbers()]
    if strange:
        flags.append(f"Not in this lesson's sources: {', '.join(dict.fromkeys(strange))}. Where from?")
    topics = [name for word, name in NOT_IN_SOURCES.items() if word in folded and word not in _lesson_text()]
    if topics:
        flags.append(f"The sources do not mention: {', '.join(topics)}. Say where it is from, or cut it.")
    words = len(text.split())
    if words < 40:
        flags.append("It is a little short: a paragraph needs room for all three points.")
    elif words > 200:
        flags.append("It is long for one paragraph: can you say it in 150 words?")
    summary = f"Checklist: {'; '.join(ticks)}. " + " ".join([*flags, f"Words: {words} (aim for 60-150)."])
    if "[ ]" in summary or flags:
        return try_again(summary)
    return correct(
        f"Every box is ticked. {summary} A program cannot judge an argument: ask a partner or your "
        "teacher whether it is fair to Russia's stated view and clear about whose view it is."
    )
