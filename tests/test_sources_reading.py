"""Lesson 4's tables in data/ (claims, source profiles, disagreements, sentences) and its reading tools.

Every table is checked against its schema in ``data/datapackage.json``; every quotation is checked word
for word against its source: the bundled fact sheets always, the op-ed only where ``../shared/seeds``
lies beside the clone (otherwise those cases skip, saying why). A snippet whose source text is not in the
repository (the Kremlin and Foreign Ministry pages, news reports) carries the day it was checked by hand.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import helpers
from helpers.data.loading import load_table
from helpers.data.paths import DATA_DIR
from helpers.data.schema import table_schema
from helpers.display.words import long_date, normalise
from helpers.history import sources as sr

from .conftest import seed_text

LESSON_TABLES = ["claims", "source-profiles", "disagreements", "sentences"]
OP_ED = "huntsman-2019-op-ed"


def _raw(name: str) -> pd.DataFrame:
    """The table's cells exactly as written (text, empty cells as '')."""
    return pd.read_csv(DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


def _source_text(source_id: str) -> str | None:
    """A source's text: bundled in data/, from ../shared/seeds for the op-ed (None if neither)."""
    if source_id == OP_ED:
        return seed_text("A Forced Decision")
    name = helpers.load_sources().set_index("source_id").loc[source_id, "text_file"]
    return (DATA_DIR / name).read_text(encoding="utf-8") if isinstance(name, str) else None


def _bundled(source_id: str) -> bool:
    """Whether the source's text is in the repository (data/source-texts)."""
    text_files = helpers.load_sources().set_index("source_id")["text_file"]
    return bool(source_id) and isinstance(text_files.get(source_id), str)


def _quotations() -> list[tuple[str, str, str]]:
    """Every quotation the tests can check: (where, source_id, words), from a bundled text or the op-ed."""
    found = []
    for row in _raw("claims").itertuples():
        found += [(f"claim {row.claim_id}", row.source_id, row.snippet)]
        found += [(f"reply to {row.claim_id}", row.reply_source_id, row.reply_snippet)]
    for row in _raw("sentences").itertuples():
        found += [(f"sentence {row.number}", row.source_id, part) for part in row.sentence.split("...")]
    for row in _raw("disagreements").itertuples():
        for quoted in re.findall(r"'([^']+)'", row.says) if row.source_id else []:
            found += [(f"{row.topic}: {row.source_id}", row.source_id, p) for p in quoted.split("...")]
    checkable = [q for q in found if _bundled(q[1]) or q[1] == OP_ED]
    return [(where, source, words.strip()) for where, source, words in checkable if words.strip()]


# ------------------------------------------------------------------------------------ the tables


@pytest.mark.parametrize("name", LESSON_TABLES)
def test_table_loads_with_every_check_of_its_schema(name):
    """load_table checks required cells, vocabularies, keys and foreign keys into sources.csv."""
    table = load_table(name)
    assert list(table.columns) == table_schema(name).columns
    assert len(table) == len(_raw(name)) > 0


def test_every_claim_is_attributed_and_its_reply_complete():
    claims = _raw("claims")
    for row in claims.itertuples():
        assert row.side and row.claimant and row.claim and row.recorded_by and row.snippet, row.claim_id
        if not row.source_id:  # a source outside sources.csv: named in the note, with its address
            assert "http" in row.note and row.recorded_by == "news report", row.claim_id
        reply = [row.reply_by, row.reply, row.reply_snippet]
        assert all(reply) or not any(reply + [row.reply_source_id]), row.claim_id
        if row.reply and not row.reply_source_id:  # the reply's source is named in the note
            assert re.search(r"reply: .*http", row.note), row.claim_id
        assert row.reply_by != row.side or not row.reply_by, "a reply comes from the other side"
    assert set(claims["side"]) == {"Russia", "United States"}


def test_every_snippet_outside_the_repository_says_when_and_where_it_was_checked():
    sources = helpers.load_sources().set_index("source_id")
    for row in _raw("claims").itertuples():
        unchecked = [
            s
            for s, words in [(row.source_id, row.snippet), (row.reply_source_id, row.reply_snippet)]
            if words and not _bundled(s)
        ]
        assert not unchecked or row.checked_on, (row.claim_id, "needs checked_on")
        copy = sources["checked_copy"].get(row.source_id)
        if isinstance(copy, str) and copy != sources["url"][row.source_id]:  # a third party's copy: say so
            assert row.checked_copy == copy, row.claim_id
        assert row.checked_copy != sources.url.get(row.source_id), "checked_copy is for another copy"


def test_both_sides_are_heard_in_their_own_official_documents():
    claims, sources = _raw("claims"), helpers.load_sources().set_index("source_id")
    own = claims[claims["side"] == claims["recorded_by"]]
    assert set(own["side"]) >= {"Russia", "United States"}
    russian = sources.loc[own.loc[own["side"] == "Russia", "source_id"], "publisher"]
    assert russian.str.contains("Russia").all() and len(russian) > 0
    for side, rows in own.groupby("side"):  # a government's own record, not only an op-ed
        assert {"transcript", "statement"} & set(sources.loc[rows["source_id"], "kind"]), side


def test_no_quotation_is_put_in_putins_mouth_for_the_mirror_response():
    """The stored Kremlin copy does not show Putin's 'mirror' words: they are told, never quoted."""
    cells = " ".join(_raw("claims").to_numpy().ravel())
    assert "mirror" in cells and not re.search(r"[\'\"“‘]mirror", cells)


def test_every_seed_has_a_profile_and_nothing_else():
    sources = helpers.load_sources()
    seeds = sources.loc[sources["role"] == "seed", "source_id"]
    assert sorted(_raw("source-profiles")["source_id"]) == sorted(seeds)


def test_profiles_give_the_dates_the_sources_give():
    profiles = _raw("source-profiles").set_index("source_id")["when"]
    published = helpers.load_sources().set_index("source_id")["date_published"]
    for source_id, when in profiles.items():
        assert when.startswith(long_date(published[source_id])), source_id


def test_disagreements_without_a_source_id_name_their_source():
    rows = _raw("disagreements")
    named = r"CRS|TASS|FAQ|background|Interfax|AP, |The Drive|State Department|Huntsman"
    for says in rows.loc[rows["source_id"] == "", "says"]:
        assert re.search(named, says), says
    assert rows.groupby("topic")["source_id"].nunique().min() >= 2, "a disagreement needs two sources"


def test_sentences_are_numbered_from_one_and_labelled():
    table = load_table("sentences")
    assert table["number"].tolist() == list(range(1, len(table) + 1))
    assert (table["label"] != table["also_accepted"]).all()


@pytest.mark.parametrize(("where", "source_id", "words"), _quotations(), ids=lambda v: str(v)[:40])
def test_every_quotation_is_verbatim_in_its_source(where, source_id, words):
    text = _source_text(source_id)
    if text is None:
        pytest.skip(f"{source_id} is not bundled (copyright) and ../shared/seeds is not beside this clone")
    assert normalise(words) in normalise(text), (where, words)


def test_quotations_cover_every_table_and_the_bundled_sources():
    quoted = _quotations()
    assert {where.split()[0] for where, _, _ in quoted} >= {"claim", "reply", "sentence"}
    bundled = {s for _, s, _ in quoted if _bundled(s)}
    assert bundled >= {"state-2018-timeline", "state-2017-at-a-glance"}


# ------------------------------------------------------------------------------------ reading tools


def test_source_table_escapes_every_cell_header_and_caption():
    table = sr.SourceTable(pd.DataFrame({"<h>": ["<script>alert(1)</script> $5 or $6"]}), caption="A & B")
    out = table._repr_html_()
    assert "<script>" not in out and "$" not in out
    assert "&lt;script&gt;" in out and "&lt;h&gt;" in out and "A &amp; B" in out and "&#36;5" in out


def test_source_table_text_form_and_missing_values():
    table = sr.SourceTable(pd.DataFrame({"a": [None, pd.Timestamp("2017-12-09")], "b": ["x", float("nan")]}))
    assert repr(table).splitlines() == ["- a:  | b: x", "- a: 9 December 2017 | b: "]
    assert len(table) == 2
    assert repr(sr.SourceTable(pd.DataFrame())) == "(empty table)"


def test_show_table_selects_columns_and_resets_the_index():
    frame = pd.DataFrame({"a": [1, 2], "b": [3, 4]}, index=[10, 20])
    shown = sr.show_table(frame, columns=["b"], caption="c")
    assert list(shown.frame.columns) == ["b"] and list(shown.frame.index) == [0, 1]
    assert shown.caption == "c"


def test_sentences_with_reads_the_bundled_fact_sheets():
    found = sr.sentences_with("state-2018-timeline", "more than 30 engagements")
    assert len(found) == 1 and found[0].startswith("These include more than 30 engagements")
    assert sr.sentences_with("state-2017-at-a-glance", "July 2014")[0].startswith("Since declaring")
    assert sr.sentences_with("state-2017-at-a-glance", "RUSSIAN OFFICIALS", "acknowledged")
    assert sr.sentences_with("no-such-source", "x") == [] == sr.sentences_with(OP_ED, "Russia")
