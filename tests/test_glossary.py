"""The glossary: a valid table, a helper that finds every term and never raises, a page that matches."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import helpers
from helpers.data.paths import REPO_ROOT
from helpers.display.glossary_lookup import (
    COLUMNS,
    DEMO_CODE,
    GLOSSARY_CSV,
    GLOSSARY_NOTEBOOK,
    GlossaryAnswer,
    anchor_of,
    build_glossary_notebook,
    glossary,
    glossary_markdown,
    glossary_problems,
    glossary_terms,
    load_glossary,
    write_glossary_notebook,
)

from .notebook_runner import all_notebooks

TABLE = load_glossary()
FULL = TABLE[TABLE.same_as == ""]
POINTERS = TABLE[TABLE.same_as != ""]

# Every term the brief asks for, as a reader would type it, and the entry it must find.
REQUIRED = {
    "INF": "INF",
    "INF Treaty": "INF Treaty",
    "GLCM": "GLCM",
    "GLBM": "GLBM",
    "SLCM": "SLCM",
    "ALCM": "ALCM",
    "SLCM/ALCM": "ALCM",
    "SSC-8": "9M729",
    "9M729": "9M729",
    "SSC-8 / 9M729": "9M729",
    "R-500": "R-500",
    "SSC-7": "R-500",
    "R-500 / SSC-7": "R-500",
    "RS-26": "RS-26",
    "ICBM": "ICBM",
    "SVC": "SVC",
    "svc": "SVC",
    "Special Verification Commission": "SVC",
    "Article XIII": "SVC",
    "Material breach": "Material breach",
    "Suspension": "Suspension",
    "Withdrawal": "Withdrawal",
    "Article XV": "Withdrawal",
    "Compliance report": "Compliance report",
    "Entity List": "Entity List",
    "Integrated Strategy": "Integrated Strategy",
    "NATO": "NATO",
    "NAC": "NAC",
    "North Atlantic Council": "NAC",
    "NPG": "NPG",
    "Nuclear Planning Group": "NPG",
    "HLG": "HLG",
    "High Level Group": "HLG",
    "NATO Nuclear Consultation Meeting": "NATO Nuclear Consultation Meeting",
    "DFM": "DFM",
    "Deputy Foreign Minister": "DFM",
    "FM": "FM",
    "Foreign Minister": "FM",
    "U/S": "Under Secretary",
    "Under Secretary": "Under Secretary",
    "APNSA": "APNSA",
    "Assistant to the President for National Security Affairs": "APNSA",
    "NSC": "NSC",
    "Strategic Stability Talks": "Strategic Stability Talks",
    "Aegis Ashore": "Aegis Ashore",
    "UAV": "UAV",
    "Verification": "Verification",
    "On-site inspection": "On-site inspection",
    "Portal monitoring": "Portal monitoring",
    "Elimination": "Elimination",
    "Shorter-range missile": "Shorter-range missile",
    "Intermediate-range missile": "Intermediate-range missile",
    "Range capability": "Range capability",
    "Flight test": "Flight test",
    "Treaty-compliant R&D": "Treaty-compliant research and development",
    "Entry into force": "Entry into force",
    "Ratification": "Ratification",
    "Successor states": "Successor states",
    "Communiqué": "Communique",
    "communique": "Communique",
}


def _names(row: pd.Series) -> list[str]:
    return [row.term, row.expansion, *[a.strip() for a in row.aliases.split(";") if a.strip()]]


def _headings(markdown: str) -> list[tuple[int, str]]:
    return [(len(m.group(1)), m.group(2).strip()) for m in re.finditer(r"^(#{1,6}) (.+)$", markdown, re.M)]


def _glossary_anchors() -> set[str]:
    nb = nbformat.read(GLOSSARY_NOTEBOOK, as_version=4)
    return {
        anchor_of(text)
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for _, text in _headings(cell.source)
    }


# --------------------------------------------------------------------------- the table


def test_the_table_has_the_documented_columns_and_no_problems():
    assert tuple(TABLE.columns) == COLUMNS
    assert glossary_problems(TABLE) == []


def test_the_table_is_at_least_as_long_as_the_brief_asks():
    assert len(FULL) >= 45
    assert set(REQUIRED.values()) <= set(FULL.term)


@pytest.mark.parametrize("term", FULL.term)
def test_every_definition_is_one_to_three_sentences_with_a_source(term):
    row = FULL[FULL.term == term].iloc[0]
    sentences = re.findall(r"[.!?](?=\s+[A-Z0-9\"']|\s*$)", row.definition)
    assert 1 <= len(sentences) <= 3, row.definition
    assert row.source.strip()
    assert "U.S." not in row.definition  # write "US": abbreviations with full stops break sentence counts


def _mutated(edit) -> pd.DataFrame:
    table = load_glossary()
    edit(table)
    return table


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (
            lambda t: t.__setitem__("definition", t.definition.where(t.term != "SVC", "")),
            "definition is empty",
        ),
        (
            lambda t: t.__setitem__(
                "definition", t.definition.where(t.term != "NAC", "One. Two. Three. Four.")
            ),
            "1 to 3 sentences",
        ),
        (lambda t: t.__setitem__("see_also", t.see_also.where(t.term != "NAC", "Nothing here")), "see_also"),
        (
            lambda t: t.__setitem__("source", t.source.where(t.term != "NAC", "no-such-source")),
            "no-such-source",
        ),
        (lambda t: t.__setitem__("source", t.source.where(t.term != "NAC", "")), "source is empty"),
        (lambda t: t.__setitem__("term", t.term.where(t.term != "NAC", "N/AC")), "letters, digits"),
        (lambda t: t.__setitem__("aliases", t.aliases.where(t.term != "NAC", "SVC")), "more than one term"),
        (
            lambda t: t.__setitem__(
                "aliases", t.aliases.where(t.term != "NAC", "NACs; north-atlantic council")
            ),
            "not needed",
        ),
        (
            lambda t: t.__setitem__("definition", t.definition.where(t.term != "NAC", "Uses *stars*.")),
            "markup",
        ),
        (
            lambda t: t.__setitem__("same_as", t.same_as.where(t.term != "SSC-8", "Nothing")),
            "not a full entry",
        ),
    ],
)
def test_problems_in_the_table_are_reported(edit, words):
    problems = glossary_problems(_mutated(edit))
    assert any(words in problem for problem in problems), problems


def test_duplicated_and_unsorted_terms_are_reported():
    table = load_glossary()
    doubled = pd.concat([table, table[table.term == "SVC"]], ignore_index=True)
    problems = glossary_problems(doubled)
    assert any("appears twice" in p for p in problems)
    assert any("alphabetical" in p for p in problems)


def test_a_table_without_a_column_is_reported():
    assert "lacks the column" in glossary_problems(load_glossary().drop(columns="see_also"))[0]


# --------------------------------------------------------------------------- the helper


@pytest.mark.parametrize(("query", "term"), sorted(REQUIRED.items()))
def test_every_term_of_the_brief_is_found(query, term):
    answer = glossary(query)
    assert answer.found, str(answer)
    assert answer.entry.term == term


@pytest.mark.parametrize("term", FULL.term)
def test_every_entry_is_found_by_its_term_expansion_and_aliases_in_any_case(term):
    row = FULL[FULL.term == term].iloc[0]
    for name in _names(row):
        if name:
            for variant in (name, name.upper(), name.lower(), f"  {name} "):
                answer = glossary(variant)
                assert answer.found and answer.entry.term == term, (variant, str(answer))


@pytest.mark.parametrize("pointer", POINTERS.term)
def test_a_heading_that_is_another_name_finds_the_entry_it_names(pointer):
    target = POINTERS[POINTERS.term == pointer].iloc[0].same_as
    assert glossary(pointer).entry.term == target


def test_the_entry_reads_the_same_as_text_and_as_html():
    answer = glossary("material breach")
    text, page = str(answer), answer._repr_html_()
    assert text.startswith("Material breach\n")
    assert "4 December 2018" in text and "4 December 2018" in page
    assert "Glossary page: glossary.ipynb#Material-breach" in text
    assert 'href="glossary.ipynb#Suspension"' in page
    assert repr(answer) == text


def test_another_name_says_where_it_is_listed():
    assert str(glossary("U/S")).splitlines()[0] == '"U/S" is listed under Under Secretary.'
    assert str(glossary("SVC")).splitlines()[0] == "SVC (Special Verification Commission)"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Materiel breach", "Material breach"),
        ("GLCMM", "GLCM"),
        ("the svc meeting", "SVC"),
        ("Pershing IA", "Pershing II"),
        ("inspection regime", "On-site inspection"),
    ],
)
def test_an_unknown_term_gets_the_closest_terms(query, expected):
    answer = glossary(query)
    assert not answer.found
    assert expected in answer.suggestions
    text = str(answer)
    assert f'No glossary entry for "{query}"' in text
    assert "helpers.glossary()" in text and f"all {len(TABLE)} terms" in text


def test_an_unknown_term_without_near_matches_still_says_how_to_list_all_terms():
    answer = glossary("qqqqqq")
    assert not answer.found and answer.suggestions == ()
    assert "helpers.glossary() with empty brackets" in str(answer)


@pytest.mark.parametrize("query", [None, "", "   ", "#"])
def test_an_empty_question_lists_every_term(query):
    answer = glossary(query)
    assert not answer.found
    assert answer.terms == tuple(glossary_terms())
    assert f"{len(TABLE)} terms" in str(answer)
    assert 'href="glossary.ipynb#Material-breach"' in answer._repr_html_()


class _Unprintable:
    def __str__(self):
        raise RuntimeError("no text")


@pytest.mark.parametrize(
    "query",
    [
        0,
        1987,
        -1,
        3.5,
        float("nan"),
        True,
        [],
        ["SVC"],
        {},
        (1, 2),
        b"nato",
        b"\xff\xfe",
        _Unprintable(),
        ...,
        "x" * 5000,
    ],
    ids=repr,
)
def test_odd_inputs_never_raise(query):
    answer = glossary(query)
    assert isinstance(answer, GlossaryAnswer)
    assert str(answer) and answer._repr_html_().startswith("<div")


def test_a_number_or_object_is_told_to_use_quotes():
    assert 'Put the word in quotes, like helpers.glossary("SVC")' in str(glossary(1987))
    assert "Put the word in quotes" not in str(glossary("1987"))


def test_bytes_are_read_as_text():
    assert glossary(b"nato").entry.term == "NATO"


def test_a_very_long_question_is_shortened_in_the_answer():
    assert len(str(glossary("word " * 1000)).splitlines()[0]) < 300


def test_the_question_is_escaped_in_html():
    page = glossary("<script>alert(1)</script>")._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_text_from_the_table_is_escaped_in_html(tmp_path: Path):
    table = load_glossary()
    table.loc[table.term == "SVC", "definition"] = "Uses <b>bold</b> & <script>x</script>."
    table.loc[table.term == "SVC", "expansion"] = "<i>Special</i>"
    path = tmp_path / "glossary.csv"
    table.to_csv(path, index=False)
    page = glossary("SVC", path=path)._repr_html_()
    assert "<b>" not in page and "<script>" not in page and "<i>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in page


def test_a_missing_or_broken_table_gives_an_answer_not_an_error(tmp_path: Path):
    missing = glossary("SVC", path=tmp_path / "nope.csv")
    assert not missing.found and "data/glossary.csv" in str(missing)
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"\xff\xfe\x00 not a table")
    assert not glossary("SVC", path=broken).found


def test_glossary_terms_lists_every_heading_in_page_order():
    terms = glossary_terms()
    assert terms == list(TABLE.term)
    assert terms == sorted(terms, key=str.casefold)


def test_the_module_itself_can_be_called_like_the_function():
    assert callable(helpers.glossary)
    assert helpers.glossary("SVC").entry.term == "SVC"
    assert not helpers.glossary().found


# --------------------------------------------------------------------------- the page


def test_the_glossary_notebook_matches_the_table():
    committed = nbformat.read(GLOSSARY_NOTEBOOK, as_version=4)
    built = build_glossary_notebook()
    assert [(c.cell_type, c.source) for c in committed.cells] == [
        (c.cell_type, c.source) for c in built.cells
    ]
    markdown = [c.source for c in committed.cells if c.cell_type == "markdown"]
    assert markdown == glossary_markdown()


def test_the_glossary_notebook_has_one_code_cell_and_the_rest_markdown():
    nb = nbformat.read(GLOSSARY_NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.source for c in code] == [DEMO_CODE]
    assert {c.cell_type for c in nb.cells} == {"markdown", "code"}


def test_every_term_has_a_level_3_heading_with_a_simple_unique_anchor():
    markdown = "\n\n".join(glossary_markdown())
    level3 = [text for level, text in _headings(markdown) if level == 3]
    assert level3 == list(TABLE.term)
    all_anchors = [anchor_of(text) for _, text in _headings(markdown)]
    assert len(all_anchors) == len(set(all_anchors)), "two headings would share an anchor"
    for term in TABLE.term:
        assert re.fullmatch(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*", anchor_of(term)), term


def test_the_letter_index_and_the_cross_references_point_at_headings():
    anchors = _glossary_anchors()
    nb = nbformat.read(GLOSSARY_NOTEBOOK, as_version=4)
    internal = [
        a for c in nb.cells if c.cell_type == "markdown" for a in re.findall(r"\]\(#([^)\s]+)\)", c.source)
    ]
    assert internal
    assert sorted(set(internal) - anchors) == []


def test_every_glossary_link_in_every_notebook_has_a_target():
    anchors = _glossary_anchors()
    broken = []
    for path in all_notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for anchor in re.findall(r"glossary\.ipynb#([^)\s\"'>]+)", source):
                if anchor not in anchors:
                    broken.append(f"{path.relative_to(REPO_ROOT)}: glossary.ipynb#{anchor}")
    assert broken == [], "links to glossary anchors that do not exist:\n" + "\n".join(broken)


def test_the_page_cites_every_source_id_it_uses():
    closing = glossary_markdown()[-1]
    sources = pd.read_csv(REPO_ROOT / "data" / "sources.csv", dtype=str, keep_default_na=False)
    used = {s.strip() for cell in FULL.source for s in cell.split(";")}
    for _, row in sources[sources.source_id.isin(used)].iterrows():
        assert f"*{row.title}*" in closing, row.source_id


def test_write_glossary_notebook_writes_the_committed_page(tmp_path: Path):
    target = write_glossary_notebook(tmp_path / "glossary.ipynb")
    written = json.loads(target.read_text(encoding="utf-8"))
    committed = json.loads(GLOSSARY_NOTEBOOK.read_text(encoding="utf-8"))
    assert written == committed


def test_an_invalid_table_is_not_written(tmp_path: Path):
    table = load_glossary()
    table.loc[table.term == "NAC", "see_also"] = "Nothing here"
    path = tmp_path / "glossary.csv"
    table.to_csv(path, index=False)
    with pytest.raises(ValueError, match="Nothing here"):
        write_glossary_notebook(tmp_path / "glossary.ipynb", path=path)
    assert not (tmp_path / "glossary.ipynb").exists()


def test_the_default_table_is_the_one_in_data():
    assert GLOSSARY_CSV == REPO_ROOT / "data" / "glossary.csv"


def test_a_pointer_to_a_missing_term_gives_an_answer_not_an_error(tmp_path: Path):
    table = load_glossary()
    table.loc[table.term == "SSC-8", "same_as"] = "Nothing"
    path = tmp_path / "glossary.csv"
    table.to_csv(path, index=False)
    answer = glossary("SSC-8", path=path)
    assert not answer.found and "could not be read" in str(answer)
    assert glossary("SVC", path=path).found


def test_a_table_saved_by_a_spreadsheet_with_a_byte_order_mark_loads(tmp_path: Path):
    path = tmp_path / "glossary.csv"
    path.write_bytes(b"\xef\xbb\xbf" + GLOSSARY_CSV.read_bytes())
    assert list(load_glossary(path).columns) == list(COLUMNS)
    assert glossary("svc", path=path).entry.term == "SVC"


def test_an_edited_table_is_read_again_without_a_restart(tmp_path: Path):
    path = tmp_path / "glossary.csv"
    table = load_glossary()
    table.to_csv(path, index=False)
    assert "Votkinsk" in str(glossary("Portal monitoring", path=path))
    table.loc[table.term == "Portal monitoring", "definition"] = "Watching the gates of a factory."
    table.to_csv(path, index=False)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    assert "Watching the gates of a factory." in str(glossary("Portal monitoring", path=path))
