"""The corrected facts of issue 10 stay corrected, and one side's account stays attributed.

Each test reads the words a reader sees (the lessons' markdown, the glossary's definitions, the teacher
guide) and fails naming the file and the sentence. Facts pinned here were checked against the sources
named in ``data/sources.csv`` and ``data/background-facts.md``.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import helpers
from helpers.data.paths import REPO_ROOT
from helpers.display.glossary_lookup import load_glossary
from helpers.history.treaty import eliminations, treaty_facts

LESSONS = sorted((REPO_ROOT / "notebooks").glob("0*.ipynb"))
GUIDE = REPO_ROOT / "teacher" / "README.md"


def _markdown(path: Path) -> str:
    cells = nbformat.read(path, as_version=4).cells
    return re.sub(r"\s+", " ", "\n".join(c.source for c in cells if c.cell_type == "markdown"))


def _texts() -> dict[str, str]:
    """Every text a reader sees, by name: each lesson, each glossary definition, the teacher guide."""
    texts = {path.name: _markdown(path) for path in LESSONS}
    texts |= {f"glossary: {row.term}": row.definition for row in load_glossary().itertuples()}
    texts[GUIDE.name] = re.sub(r"\s+", " ", GUIDE.read_text(encoding="utf-8"))
    return texts


TEXTS = _texts()


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z*\"(])", text)


# A phrase that is wrong wherever it stands -> what is right.
WRONG = [
    (
        r"(showed|displayed) (the|its) (9M729|missile)(?!'s)",
        "Russia showed the launcher and canister",
    ),
    (r"shows the 9M729 to", "Russia showed the launcher and canister"),
    (r"NATO states did not attend", "the US and, by the State Department's account, most NATO allies"),
    (r"said it could fly between 500 and 5,500", "the US said its range capability lies in that band"),
    (r"[Ee]ight months later", "241 days: say 'about eight months (241 days)'"),
    (
        r"withdrawal did not\b|did not rest on",
        "the notice named Russia's noncompliance: a different legal basis",
    ),
    (r"[Ff]irst met in Geneva in 1988", "the first session: Geneva, 6 June to 15 July 1988 (Harahan)"),
    (
        r"three kinds of \[?verification",
        "verification was inspections, portal monitoring and national technical means",
    ),
]


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_no_text_repeats_a_corrected_error(name):
    found = [
        f"{m.group(0)!r} ({right})" for pattern, right in WRONG for m in re.finditer(pattern, TEXTS[name])
    ]
    assert not found, f"{name}: " + "; ".join(found)


# One side's account -> words that name whose account it is (in the sentence or the one before).
ONE_SIDE = [
    (r"den(y|ies|ied|ial)[^.]{0,60}\bexist", "den"),
    (r"first (publicly )?acknowledg|\backnowledged (that )?the (9M729|missile)", "acknowledg"),
    (r"sound(ing|s|ed)? out", "sound"),
]
ATTRIBUTION = re.compile(
    r"according to|US timeline|the timeline|US sources|US account|State Department|US fact sheet|"
    r"by the US|the US says|op-ed|Huntsman|ambassador|US side|his account|in the words of|as the US|"
    r"Russian officials say|Russia says|never denied|US governments?'s?|record(s|ed)? it",
    re.I,
)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_one_sides_account_names_whose_it_is(name):
    sentences, bare = _sentences(TEXTS[name]), []
    for i, sentence in enumerate(sentences):
        context = " ".join(sentences[max(i - 1, 0) : i + 1])
        if any(re.search(p, sentence, re.I) for p, _ in ONE_SIDE) and not ATTRIBUTION.search(context):
            bare.append(sentence[:160])
    assert not bare, f"{name}: one side's account stated as fact:\n" + "\n".join(bare)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_gottemoeller_is_acting_under_secretary_in_2013(name):
    text, wrong = TEXTS[name], []
    for m in re.finditer(r"(Acting )?Under Secretary (Rose )?Gottemoeller", text, re.I):
        if not m.group(1) and "2013" in text[max(m.start() - 150, 0) : m.end() + 150]:
            wrong.append(text[max(m.start() - 60, 0) : m.end() + 20])
    assert not wrong, f"{name}: Gottemoeller was Acting Under Secretary until March 2014: {wrong}"


def test_the_participants_give_gottemoeller_her_title_at_the_time():
    tables = helpers.load_tables()
    rows = tables.participants.merge(tables.events[["event_id", "date_start"]], on="event_id")
    hers = rows[rows["name"] == "Rose Gottemoeller"]
    before = hers[hers["date_start"] < pd.Timestamp("2014-03-06")]  # Senate confirmation, 6 March 2014
    assert len(before) and before["title"].str.startswith("Acting").all(), before[["event_id", "title"]]


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_the_three_year_deadline_never_stands_alone(name):
    if "1 June 1991" in TEXTS[name]:
        assert "1 December 1989" in TEXTS[name], f"{name} gives 1 June 1991 without 1 December 1989"


def test_lesson_1_gives_both_elimination_deadlines_and_all_means_of_verification():
    text = _markdown(REPO_ROOT / "notebooks" / "01-treaty-background.ipynb")
    for words in [
        "18 months",
        "1 December 1989",
        "Article V",
        "three years",
        "1 June 1991",
        "Article IV",
        "national technical means",
        "Article XII",
        "6 June to 15 July 1988",
        "Harahan",
    ]:
        assert words.casefold() in text.casefold(), words


def test_the_key_facts_table_gives_both_deadlines():
    facts = treaty_facts().to_string()
    assert "1 December 1989" in facts and "1 June 1991" in facts


def test_the_key_facts_count_of_missiles_agrees_with_the_eliminations_table():
    """data/treaty-facts.csv states the totals in words; data/eliminations.csv has them by system."""
    sides = eliminations().groupby("side", sort=False).missiles.sum()
    stated = treaty_facts().set_index("fact").at["Missiles eliminated", "value"]
    assert stated == f"{sides.sum():,}: " + ", ".join(f"{n:,} by the {side}" for side, n in sides.items())


def test_lesson_3_gives_the_exact_interval_and_the_reason_in_the_notice():
    text = _markdown(REPO_ROOT / "notebooks" / "03-withdrawal-steps.ipynb")
    days = (pd.Timestamp("2019-08-02") - pd.Timestamp("2018-12-04")).days
    assert f"({days} days)" in text
    assert "extraordinary events" in text and "continued noncompliance" in text
    assert "15 January 2019" in text and "Thompson" in text and "Ryabkov" in text


def test_lesson_2_shows_the_dates_that_other_sources_correct():
    text = _markdown(REPO_ROOT / "notebooks" / "02-diplomatic-timeline.ipynb")
    assert "29 July 2014" in text and "31 July 2014" in text
    assert "22 October" in text and "23 October 2018" in text
    assert "date_caveat" in text
