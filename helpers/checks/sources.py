"""Self-checks for lesson 4, "Reading the sources".

Every check returns a :class:`helpers.display.feedback.Feedback` and never raises,
whatever a student types. The four exercises:

1. :func:`check_labels`: label six sentences from the seeds as fact, assessment
   or opinion (per-sentence feedback; a debatable sentence accepts two labels).
2. :func:`check_experts_meetings`: count the experts-meeting rows in the table.
3. :func:`check_acknowledgement_evidence` and :func:`check_refusal_evidence`:
   find the row (``event_id``) and the words of evidence behind a claim.
4. :func:`check_russian_view`: a paragraph from Russia's stated point of view.
   No program can grade it, so the check gives a checklist instead.

Examples
--------
>>> print(check_experts_meetings(3))
Correct: Yes: the table has 3 experts-meeting rows (2014, 2015 and 2018), one per meeting the timeline lists.
>>> print(check_experts_meetings(...))
Not answered yet: Replace the ... with your answer, then run this cell again.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers.display.feedback import Feedback, correct, is_unanswered, never_raises, not_answered, try_again
from helpers.history.sources import SHORT_NAMES, normalise

__all__ = [
    "ALLOWED_NUMBERS",
    "EVIDENCE_CLAIMS",
    "LABELS",
    "SENTENCES",
    "EvidenceClaim",
    "Sentence",
    "check_acknowledgement_evidence",
    "check_experts_meetings",
    "check_labels",
    "check_refusal_evidence",
    "check_russian_view",
    "show_sentences",
]

LABELS: tuple[str, ...] = ("fact", "assessment", "opinion")


@functools.lru_cache(maxsize=1)
def _events() -> pd.DataFrame:
    import helpers

    return helpers.load_events()


# ------------------------------------------------------------------ exercise 1: fact, assessment, opinion


@dataclass(frozen=True)
class Sentence:
    """One sentence to label, where it comes from, which labels fit and why."""

    text: str
    source: str
    accepted: tuple[str, ...]
    why: str
    hint: str


SENTENCES: tuple[Sentence, ...] = (
    Sentence(
        "\u201cThe United States convenes the Special Verification Commission for the first time "
        "since 2003.\u201d",
        "Highlights Timeline, entry for 15-16 November 2016",
        ("fact",),
        "A dated meeting that the records of both sides can confirm.",
        "Could anyone check this against a record: did the meeting take place or not?",
    ),
    Sentence(
        "\u201cThe U.S. assesses that the Russian government began the covert development of a non-compliant "
        "missile ... in the mid-2000s.\u201d",
        "Huntsman op-ed, 5 February 2019",
        ("assessment",),
        "The verb says it: 'assesses'. It is a judgement the US government draws from its (secret) evidence.",
        "Look at the verb: who is judging, and from what?",
    ),
    Sentence(
        "\u201cThe Intermediate-Range Nuclear Forces (INF) Treaty is a pillar of international security "
        "and stability.\u201d",
        "At a Glance, 8 December 2017",
        ("opinion",),
        "A value judgement: 'a pillar' praises the treaty. No record could prove or disprove it.",
        "Could any record prove it true or false, or is it a view of how good the treaty is?",
    ),
    Sentence(
        "\u201cRussian DFM Ryabkov publicly acknowledges the existence of the 9M729 but claims it is not "
        "capable of INF range.\u201d",
        "Highlights Timeline, entry for 9 December 2017",
        ("fact",),
        "That Ryabkov said this is a fact on the record. Whether his claim about the range is true is "
        "another question, and the two sides disagree on it.",
        "Separate two things: that he said it (can be checked) and what he said (disputed).",
    ),
    Sentence(
        "\u201cAllies believe that, in the absence of any credible answer from Russia on this new missile, "
        "the most plausible assessment would be that Russia is in violation of the Treaty.\u201d",
        "NATO Brussels Summit Declaration of 11 July 2018, quoted in the Highlights Timeline",
        ("assessment",),
        "NATO weighs the evidence and names its conclusion 'the most plausible assessment'.",
        "Which word does NATO itself use for its conclusion?",
    ),
    Sentence(
        "\u201cThe 9M729 represents a flagrant violation of the INF Treaty\u201d",
        "Huntsman op-ed, 5 February 2019",
        ("assessment", "opinion"),
        "That the missile breaks the treaty is the US government's "
        "assessment (since the 2014 compliance report); the word 'flagrant' adds the writer's own judgement.",
        "Is this a finding drawn from evidence, a judgement of how bad it is, or both?",
    ),
)
"""The sentences of exercise 1, quoted from the seeds (the tests check every quotation)."""


def show_sentences() -> str:
    """The numbered sentences of exercise 1 with their sources, ready to print.

    Examples
    --------
    >>> show_sentences().splitlines()[0][:34]
    '1. \u201cThe United States convenes the'
    """
    return "\n\n".join(f"{n}. {s.text}\n   ({s.source})" for n, s in enumerate(SENTENCES, start=1))


def _label(value: Any) -> str | None:
    """A student's label, normalised to one of LABELS; '' when not labelled yet; None when unknown."""
    if is_unanswered(value):
        return ""
    if not isinstance(value, str):
        return None
    word = value.strip().casefold()
    for label in LABELS:
        if word == label or word == label + "s" or (len(word) >= 4 and label.startswith(word)):
            return label
    return None


def _labels_by_number(answer: Any) -> dict[int, Any] | None:
    """Turn a dict {1: "fact", ...} or a list of labels into {number: label}; None if neither."""
    if isinstance(answer, dict):
        labelled: dict[int, Any] = {}
        for key, value in answer.items():
            number = key if isinstance(key, int) and not isinstance(key, bool) else None
            if isinstance(key, str) and key.strip().isdigit():
                number = int(key.strip())
            if number is None:
                return None
            labelled[number] = value
        return labelled
    if isinstance(answer, (list, tuple)):
        return {n: value for n, value in enumerate(answer, start=1)}
    return None


@never_raises
def check_labels(answer: Any) -> Feedback:
    """Exercise 1: labels for the six sentences, as a dict ``{1: "fact", ...}`` or a list of six.

    Examples
    --------
    >>> labels = ["fact", "assessment", "opinion", "fact", "assessment", "opinion"]
    >>> print(check_labels(labels))
    Correct: All six labels fit. Sentence 6 could be either (assessment or opinion): ...
    >>> print(check_labels(["fact", "opinion", ..., ..., ..., ...]))
    Not yet: 1 of 6 right so far. Sentence 2: not yet. Look at the verb: ...
    """
    labelled = _labels_by_number(answer)
    if labelled is None:
        return try_again(
            'Give the labels as a dict, e.g. {1: "fact", 2: "opinion", ...}, '
            "or as a list of six words in order."
        )
    if isinstance(answer, (list, tuple)) and len(answer) > len(SENTENCES):
        return try_again(
            f"Give one label per sentence: {len(SENTENCES)} in all (this list has {len(answer)})."
        )
    extra = sorted(n for n in labelled if not 1 <= n <= len(SENTENCES))
    if extra:
        return try_again(f"There are only {len(SENTENCES)} sentences; remove number(s) {extra}.")
    notes: list[str] = []
    right = missing = 0
    for number, sentence in enumerate(SENTENCES, start=1):
        label = _label(labelled.get(number, ...))
        if label == "":
            missing += 1
            notes.append(f"Sentence {number}: not labelled yet.")
        elif label is None:
            notes.append(
                f"Sentence {number}: {labelled[number]!r} is not one of the labels; use 'fact', 'assessment' "
                "or 'opinion'."
            )
        elif label in sentence.accepted:
            right += 1
        else:
            notes.append(f"Sentence {number}: not yet. {sentence.hint}")
    if missing == len(SENTENCES):
        return not_answered()
    if right == len(SENTENCES):
        debatable = [
            f"Sentence {n} could be either ({' or '.join(s.accepted)}): {s.why}"
            for n, s in enumerate(SENTENCES, start=1)
            if len(s.accepted) > 1
        ]
        return correct(" ".join(["All six labels fit.", *debatable]))
    return try_again(f"{right} of {len(SENTENCES)} right so far. " + " ".join(notes))


# --------------------------------------------------------------------------- exercise 2: count a table's rows


@never_raises
def check_experts_meetings(answer: Any) -> Feedback:
    """Exercise 2: how many rows of the event table have the category "experts meeting".

    Examples
    --------
    >>> print(check_experts_meetings(6))
    Not yet: Six is the op-ed's figure ("six meetings of technical experts"). Count the rows in the table...
    >>> print(check_experts_meetings("3"))
    Not yet: That is text (it has quotes around it). Give a number: remove the quotes.
    """
    events = _events()
    experts = events[events["category"] == "experts meeting"]
    expected = len(experts)
    svc = int((events["category"] == "SVC session").sum())
    if isinstance(answer, str):
        return try_again("That is text (it has quotes around it). Give a number: remove the quotes.")
    if isinstance(answer, bool) or (
        not isinstance(answer, (int, float)) and not hasattr(answer, "__index__")
    ):
        return try_again("Give a whole number: how many rows?")
    value = float(answer)
    if value == expected:
        years = sorted(experts["date_start"].dt.year)
        return correct(
            f"Yes: the table has {expected} experts-meeting rows ({', '.join(map(str, years[:-1]))} and "
            f"{years[-1]}), one per meeting the timeline lists."
        )
    if value == 6:
        return try_again(
            'Six is the op-ed\'s figure ("six meetings of technical experts"). '
            "Count the rows in the table instead."
        )
    if value == expected + svc:
        return try_again(
            f"That counts the {svc} SVC sessions too. "
            "Count only the rows whose category is 'experts meeting'."
        )
    if value == len(events):
        return try_again(
            "That is every row of the table. Keep only the rows whose category is 'experts meeting'."
        )
    return try_again(
        "Not quite: count again. Try (events['category'] == 'experts meeting').sum(), or look at the "
        "category column."
    )


# ------------------------------------------------------------------ exercise 3: the evidence behind a claim


@dataclass(frozen=True)
class EvidenceClaim:
    """A claim, the row that supports it, and a word the evidence snippet must contain to support it."""

    claim: str
    event_id: str
    must_contain: tuple[str, ...]
    hint: str


EVIDENCE_CLAIMS: dict[str, EvidenceClaim] = {
    "acknowledgement": EvidenceClaim(
        "Russia first admitted in public that the 9M729 exists in December 2017.",
        "2017-12-09-ryabkov-acknowledges-9m729",
        ("acknowledges",),
        "Look for a Russian statement of December 2017; find_claim(events, 'acknowledg') can help.",
    ),
    "refusal": EvidenceClaim(
        "At the third meeting of experts, Russia would no longer discuss the missile.",
        "2018-06-21-third-experts-meeting",
        ("refuses",),
        "Look for the third experts meeting, in 2018; find_claim(events, 'third') can help.",
    ),
}


def _pair(answer: Any) -> tuple[Any, Any] | None:
    if isinstance(answer, dict):
        keys = {normalise(k): v for k, v in answer.items() if isinstance(k, str)}
        if "event_id" in keys and "evidence" in keys:
            return keys["event_id"], keys["evidence"]
        return None
    if isinstance(answer, (list, tuple)) and len(answer) == 2:
        return answer[0], answer[1]
    return None


def _check_evidence(answer: Any, key: str) -> Feedback:
    claim = EVIDENCE_CLAIMS[key]
    pair = _pair(answer)
    if pair is None:
        return try_again(
            "Give two things in brackets: the event_id and words copied from its evidence, e.g. "
            '("2015-05-12-kerry-raises-with-putin", "raises the issue with President Putin").'
        )
    event_id, snippet = pair
    if is_unanswered(event_id) and is_unanswered(snippet):
        return not_answered()
    if is_unanswered(event_id) or not isinstance(event_id, str):
        return try_again("The first item should be an event_id, as text in quotes.")
    events = _events()
    ids = events["event_id"].tolist()
    event_id = event_id.strip()
    if event_id not in ids:
        starting = [i for i in ids if len(event_id) >= 7 and i.startswith(event_id)]
        close = (
            starting[:1] if len(starting) == 1 else difflib.get_close_matches(event_id, ids, n=1, cutoff=0.75)
        )
        suggestion = f" Did you mean {close[0]!r}?" if close else " Copy it exactly from the event_id column."
        return try_again(f"No row has the event_id {event_id!r}.{suggestion}")
    row = events.loc[events["event_id"] == event_id].iloc[0]
    if event_id != claim.event_id:
        return try_again(
            f"That row exists, but it records something else: {row['summary']} Does it show the claim? "
            f"{claim.hint}"
        )
    if is_unanswered(snippet) or not isinstance(snippet, str):
        return try_again(
            "Right row! Now add, as text in quotes, a few words copied from its evidence column."
        )
    words = normalise(snippet).strip(" .\"'")
    if len(words.split()) < 3:
        return try_again("Right row! Copy a few more words of its evidence: at least three.")
    if words not in normalise(row["evidence"]):
        return try_again(
            "Right row, but those words are not in its evidence column. Copy them exactly (spaces and "
            "capitals do not matter)."
        )
    if not all(word in words for word in claim.must_contain):
        return try_again(
            "Right row, and the words are in its evidence, but they do not show the claim yet. Copy the part "
            "that says what Russia did."
        )
    return correct(
        f"Yes: row {event_id}, from the {SHORT_NAMES.get(row['source_id'], row['source_id'])}. "
        f"Its evidence says: \u201c{row['evidence']}\u201d"
    )


@never_raises
def check_acknowledgement_evidence(answer: Any) -> Feedback:
    """Exercise 3a: the row and evidence behind "Russia admitted in December 2017 that the 9M729 exists".

    Examples
    --------
    >>> answer = ("2017-12-09-ryabkov-acknowledges-9m729", "publicly acknowledges the existence")
    >>> print(check_acknowledgement_evidence(answer))
    Correct: Yes: row 2017-12-09-ryabkov-acknowledges-9m729, ...
    >>> print(check_acknowledgement_evidence(("2017-12-09-ryabkov", "x")))
    Not yet: No row has the event_id '2017-12-09-ryabkov'. Did you mean ...
    """
    return _check_evidence(answer, "acknowledgement")


@never_raises
def check_refusal_evidence(answer: Any) -> Feedback:
    """Exercise 3b: the row and evidence behind "at the third experts meeting Russia would not discuss it".

    Examples
    --------
    >>> print(check_refusal_evidence({"event_id": "2018-06-21-third-experts-meeting",
    ...                               "evidence": "Russia refuses further discussion"}))
    Correct: Yes: row 2018-06-21-third-experts-meeting, ...
    """
    return _check_evidence(answer, "refusal")


# --------------------------------------------------------------------------- exercise 4: Russia's stated view

CHECKLIST: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "acknowledgement",
        "Russia's acknowledgement that the missile exists, or its claim about the range",
        ("acknowledg", "admit", "exists", "existence", "range", "480", "not capable"),
    ),
    (
        "counter-accusations",
        "Russia's counter-accusations (missile-defence targets, Aegis Ashore, armed drones)",
        (
            "aegis",
            "missile defence",
            "missile defense",
            "missile-defence",
            "missile-defense",
            "target",
            "drone",
            "uav",
            "poland",
            "romania",
        ),
    ),
    (
        "suspension",
        "Russia's suspension of its own participation in the treaty (the 'mirror response')",
        ("suspend", "suspension", "mirror"),
    ),
)

ALLOWED_NUMBERS: frozenset[int] = frozenset(
    {60, 480, 500, 846, 1846, 2600, 2692, 5500, *range(0, 32), *range(1987, 2020)}
)
"""Numbers a paragraph may use: those in this lesson's sources, days of the month, the years 1987-2019."""

NOT_IN_SOURCES: dict[str, str] = {
    "hypersonic": "hypersonic weapons",
    "china": "China",
    "iskander": "Iskander",
    "tomahawk": "Tomahawk",
    "mk 41": "Mk 41 launchers",
    "mk-41": "Mk 41 launchers",
    "nato expansion": "NATO expansion",
}
"""Topics of the wider debate that none of this lesson's sources mention."""

_NUMBER = re.compile(r"(?<![\w.-])\d[\d,]*(?:\.\d+)?(?![\w-])")


def _numbers(text: str) -> list[str]:
    """Numbers written in ``text``, ignoring those inside names such as 9M729 or SSC-8.

    Examples
    --------
    >>> _numbers("The 9M729 (SSC-8) flew 480 km, not 1,000 km, in 2019.")
    ['480', '1,000', '2019']
    """
    return _NUMBER.findall(text)


@never_raises
def check_russian_view(text: Any) -> Feedback:
    """Exercise 4: a checklist for a paragraph giving Russia's stated view, using only the sources.

    A program cannot judge an argument, so this reads for the three points the
    sources report, flags numbers and topics the sources do not contain, and
    counts the words. "Correct" means every box is ticked, not that the
    paragraph is good history: a teacher or a partner judges that.

    Examples
    --------
    >>> print(check_russian_view("Russia says the US breaks the treaty."))
    Not yet: Checklist: [ ] Russia's acknowledgement ... Words: 7 (aim for 60-150).
    """
    if not isinstance(text, str):
        return try_again('Write your paragraph as text between triple quotes: answer_4 = """..."""')
    if text.strip() in {"", "..."}:
        return not_answered()
    folded = normalise(text)
    ticks = []
    missing = []
    for _key, description, words in CHECKLIST:
        found = any(word in folded for word in words)
        ticks.append(f"[{'x' if found else ' '}] {description}")
        if not found:
            missing.append(description)
    flags = []
    strange = []
    for written in _numbers(text):
        try:
            value = float(written.replace(",", ""))
        except ValueError:
            continue
        if not value.is_integer() or int(value) not in ALLOWED_NUMBERS:
            strange.append(written)
    if strange:
        flags.append(
            "These numbers are not in this lesson's sources: "
            + ", ".join(dict.fromkeys(strange))
            + ". Where do they come from? Use only what the sources report."
        )
    topics = list(dict.fromkeys(name for word, name in NOT_IN_SOURCES.items() if word in folded))
    if topics:
        flags.append(
            "The sources here do not mention: "
            + ", ".join(topics)
            + ". If you know it from elsewhere, say where, or leave it out."
        )
    words = len(text.split())
    length = f"Words: {words} (aim for 60-150)."
    if words < 40:
        flags.append("It is a little short: a paragraph needs room for all three points.")
    elif words > 200:
        flags.append("It is long for one paragraph: can you say it in 150 words?")
    summary = "Checklist: " + "; ".join(ticks) + ". " + " ".join([*flags, length])
    if not missing and not flags:
        return correct(
            "Every box is ticked. " + summary + " A program cannot judge an argument: ask a partner or your "
            "teacher whether it is fair to Russia's stated view and clear about whose view it is."
        )
    return try_again(summary)
