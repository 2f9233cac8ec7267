"""helpers.history.sources: profiles, coverage, claims and disagreements, against the data and seeds."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers.data.paths import DATA_DIR
from helpers.history import sources as sr

from .conftest import seed_text


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return helpers.load_events()


def _bundled(source_id: str) -> str:
    sources = helpers.load_sources().set_index("source_id")
    return (DATA_DIR / sources.loc[source_id, "text_file"]).read_text(encoding="utf-8")


def _source_text(source_id: str) -> str | None:
    """The text of a seed: bundled for the fact sheets, from shared/seeds for the op-ed (if present)."""
    if source_id == "huntsman-2019-op-ed":
        return seed_text("A Forced Decision")
    return _bundled(source_id)


# ------------------------------------------------------------------------------------------ normalise


def test_normalise_folds_quotes_spaces_and_case():
    assert sr.normalise("Russia\u2019s \u201cX\u201d\n  Y") == 'russia\'s "x" y'


# ------------------------------------------------------------------------------------------ SourceTable


def test_source_table_escapes_every_cell_and_header():
    table = sr.SourceTable(pd.DataFrame({"<h>": ["<script>alert(1)</script>"]}), caption="A & B")
    out = table._repr_html_()
    assert "<script>" not in out
    assert "&lt;script&gt;" in out and "&lt;h&gt;" in out and "A &amp; B" in out


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


# ------------------------------------------------------------------------------------------ profiles


def test_source_profiles_cover_the_three_seeds_in_publication_order(events):
    table = sr.source_profiles(events)
    assert table["source_id"].tolist() == list(sr.SEED_IDS)
    published = helpers.load_sources().set_index("source_id").loc[list(sr.SEED_IDS), "date_published"]
    assert published.is_monotonic_increasing
    counts = events["source_id"].value_counts()
    assert table["events coded"].tolist() == [int(counts[s]) for s in sr.SEED_IDS]
    assert table["events coded"].sum() == len(events) - 1  # one row comes from the treaty text


def test_source_profiles_state_the_dates_the_sources_give():
    profiles = {p.source_id: p for p in sr.PROFILES}
    assert profiles["state-2017-at-a-glance"].when.startswith("8 December 2017")
    assert profiles["state-2018-timeline"].when.startswith("16 November 2018")
    assert profiles["huntsman-2019-op-ed"].when.startswith("5 February 2019")
    assert "RBC" in profiles["huntsman-2019-op-ed"].form


def test_profiles_side_by_side_has_one_column_per_document(events):
    table = sr.profiles_side_by_side(events)
    assert list(table.columns) == ["question", *(sr.SHORT_NAMES[s] for s in sr.SEED_IDS)]
    by_question = table.set_index("question")
    assert by_question.loc["events coded"].tolist() == ["2", "52", "11"]
    assert by_question.loc["document", "Huntsman op-ed"].startswith("A Forced Decision")
    assert "source_id" not in table["question"].tolist()


def test_source_profiles_load_the_data_when_not_given():
    assert len(sr.source_profiles()) == 3


# ------------------------------------------------------------------------------------------ coverage


def test_coverage_counts_and_spans(events):
    table = sr.coverage(events)
    assert list(table.index[:3]) == list(sr.SEED_IDS)
    assert int(table["events"].sum()) == len(events)
    timeline = table.loc["state-2018-timeline"]
    assert (timeline["first"], timeline["last"]) == ("1 May 2013", "8 November 2018")
    assert table.loc["huntsman-2019-op-ed", "last"] == "2 August 2019"


def test_coverage_skips_sources_with_no_events(events):
    only_timeline = events[events["source_id"] == "state-2018-timeline"]
    assert list(sr.coverage(only_timeline).index) == ["state-2018-timeline"]


def test_coverage_alt_text_is_computed_from_the_data(events):
    text = sr.coverage_alt_text(events)
    assert text.startswith(f"Dot chart of the {len(events)} events")
    assert "Highlights Timeline (fact sheet), published 16 November 2018: 52 events from May 2013" in text
    assert "At a Glance (fact sheet), published 8 December 2017: 2 events in December 2017" in text
    assert "1 event in June 1988" in text
    fewer = events[events["event_id"] != "2017-12-08-dod-begins-treaty-compliant-research"]
    assert "1 event in December 2017" in sr.coverage_alt_text(fewer)


def test_coverage_figure_draws_one_row_per_source_with_alt_text(events):
    out = sr.coverage_figure(events)
    left, right = out.figure.axes
    labels = [t.get_text() for t in left.get_yticklabels()]
    assert any(label.startswith("Highlights Timeline (fact sheet)\n52 events") for label in labels)
    assert out.alt == sr.coverage_alt_text(events)
    assert repr(out).startswith("[Figure: Dot chart")
    # every point in the two panels: one per event of less than a month, twice (both panels draw them all)
    points = sum(len(c.get_offsets()) for ax in (left, right) for c in ax.collections)
    short = int(((events["date_end"] - events["date_start"]).dt.days <= 31).sum())
    assert points == 2 * short
    assert "published Nov 2018" in [t.get_text() for t in right.texts]
    assert 'alt="Dot chart' in out._repr_html_()


# ------------------------------------------------------------------------------------------ claims


def test_every_claim_snippet_is_verbatim_in_its_source():
    checked = 0
    for claim in sr.CLAIMS:
        if not claim.snippet:
            assert not claim.source_id and "background fact" in claim.note
            continue
        text = _source_text(claim.source_id)
        if text is None:
            continue
        assert sr.normalise(claim.snippet) in sr.normalise(text), claim.snippet
        checked += 1
    assert checked >= 6


def test_claims_table_columns_and_quotes():
    table = sr.claims_table()
    assert list(table.columns) == ["when", "who", "claim", "recorded in", "words of the source"]
    assert len(table) == len(sr.CLAIMS)
    assert table.loc[8, "words of the source"] == "(not quoted)"
    assert table.loc[3, "words of the source"].startswith("\u201cpublicly acknowledges")
    assert "Aegis Ashore" in " ".join(table["claim"])
    assert table.loc[6, "claim"].endswith("says it responded in detail.")  # the op-ed's words, not more
    assert table.loc[9, "recorded in"].startswith("Huntsman op-ed; date")


def test_russian_responses_lists_every_coded_response_in_order(events):
    table = sr.russian_responses(events)
    assert len(table) == int(events["russian_response"].notna().sum())
    assert table["response"].tolist() == [
        "denial",
        "denial",
        "denial",
        "denial",
        "acknowledgement",
        "refusal",
        "denial",
        "suspension",
    ]
    assert table.loc[0, "date"] == "25 June 2013"
    assert table.loc[4, "date"] == "9 December 2017"
    assert table.loc[6, "date"] == "between 4 December 2018 and 2 February 2019"
    # the May 2013 entry only points ahead ("subsequently denies") to the dated denials: not counted twice
    assert "2013-05-donilon-burns-raise-inf-with-patrushev" not in table["event_id"].tolist()


def test_when_formats_every_precision():
    start, end = pd.Timestamp("2016-11-15"), pd.Timestamp("2016-11-16")
    assert sr._when(start, end, "day") == "15 November 2016 to 16 November 2016"
    assert sr._when(pd.Timestamp("2004-01-01"), pd.Timestamp("2004-12-31"), "year") == "2004"


def test_contact_rows_are_meetings_from_the_timeline(events):
    rows = sr.contact_rows(events)
    assert set(rows["category"]) == set(sr.CONTACT_CATEGORIES)
    assert set(rows["source_id"]) == {"state-2018-timeline"}
    assert len(rows) < 30  # the timeline lists only "some public highlights" of "more than 30 engagements"


def test_find_claim_matches_all_words_in_summary_or_evidence(events):
    found = sr.find_claim(events, "experts meeting")
    assert found.frame["event_id"].tolist() == [
        "2014-09-11-first-experts-meeting",
        "2015-04-20-second-experts-meeting",
        "2018-06-21-third-experts-meeting",
    ]
    assert found.caption == "3 row(s) containing 'experts meeting'"
    assert len(sr.find_claim(events, "experts meeting", "refuses")) == 1
    assert len(sr.find_claim(events, "Russia's INF Treaty violation")) == 2  # curly apostrophe in the data
    assert len(sr.find_claim(events, "no such words at all")) == 0
    assert len(sr.find_claim(events, "  ")) == 0


def test_sentences_with_reads_the_bundled_fact_sheets():
    found = sr.sentences_with("state-2018-timeline", "more than 30 engagements")
    assert len(found) == 1 and found[0].startswith("These include more than 30 engagements")
    assert sr.sentences_with("state-2017-at-a-glance", "July 2014")[0].startswith("Since declaring")
    assert sr.sentences_with("no-such-source", "x") == []


def test_overtaken_claim_quotes_both_sources_verbatim(events):
    table = sr.overtaken_claim(events)
    said = table.frame["what it says"].tolist()
    assert sr.normalise(said[0]) in sr.normalise(_bundled("state-2017-at-a-glance"))
    assert sr.normalise(said[1]) in sr.normalise(_bundled("state-2018-timeline"))


# ------------------------------------------------------------------------------------------ disagreements


def test_disagreements_compute_the_table_side(events):
    table = sr.disagreements(events).set_index("topic")
    assert table.loc["Meetings of experts", "the table shows"].startswith(
        "3 rows with category 'experts meeting' (2014, 2015, 2018)"
    )
    assert "24 timeline rows" in table.loc["US contacts with Russia", "the table shows"]
    assert "rounds down by 92" in table.loc["Missiles destroyed", "the table shows"]
    assert table.loc["First public US finding", "the table shows"] == "31 July 2014, precision 'day'."
    assert (
        "4 denial rows from 2013 to 2015"
        in table.loc["Did Russia admit the missile exists?", "the table shows"]
    )
    # a quotation cut short must say so, or run to the end of the source's phrase
    glance = table.loc["Did Russia admit the missile exists?", "At a Glance (8 Dec 2017)"]
    assert glance.endswith("missile system in question'")
    # Russia's range claim is the timeline's report of it, and is marked so
    assert (
        "as the timeline reports it: 'claims it is not capable"
        in table.loc["The missile's range", "timeline (16 Nov 2018)"]
    )


def test_disagreements_follow_the_data(events):
    fewer = events[events["event_id"] != "2018-06-21-third-experts-meeting"]
    table = sr.disagreements(fewer).set_index("topic")
    assert table.loc["Meetings of experts", "the table shows"].startswith("2 rows")
    no_finding = events[events["event_id"] != "2014-07-31-compliance-report-finds-violation"]
    assert sr.disagreements(no_finding).set_index("topic").loc[
        "First public US finding", "the table shows"
    ] == ("no row")


def test_eliminated_total_matches_the_table_and_the_op_ed_rounds_it(events):
    row = events.set_index("event_id").loc["1991-05-inf-eliminations-completed"]
    assert f"{sr.ELIMINATED_TOTAL:,}" in row["summary"]
    assert "more than 2,600" in row["evidence"]


def test_quoted_words_in_the_disagreements_are_in_the_sources(events):
    """Every 'single-quoted' phrase of a seed column appears in that seed."""
    import re

    columns = {
        "timeline (16 Nov 2018)": "state-2018-timeline",
        "At a Glance (8 Dec 2017)": "state-2017-at-a-glance",
        "op-ed (5 Feb 2019)": "huntsman-2019-op-ed",
    }
    table = sr.disagreements(events)
    checked = 0
    for column, source_id in columns.items():
        text = _source_text(source_id)
        if text is None:
            continue
        for cell in table[column]:
            for quoted in re.findall(r"'([^']+)'", cell):
                for part in quoted.split("..."):
                    if part.strip():
                        assert sr.normalise(part) in sr.normalise(text), (column, part)
                        checked += 1
    assert checked >= 10
