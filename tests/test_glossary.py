"""The glossary: a valid table, a look-up that finds every term and never raises, a page that matches.

The look-up is ``helpers.display.glossary_lookup`` (``helpers.glossary``); the table's columns are
checked by its schema in ``data/datapackage.json``; ``tools/make_glossary_page.py`` checks the rest
and writes ``notebooks/glossary.ipynb``.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers.data.paths import REPO_ROOT
from helpers.data.schema import table_schema
from helpers.display.glossary_lookup import (
    GLOSSARY_CSV,
    GlossaryAnswer,
    GlossaryEntry,
    anchor_of,
    glossary,
    glossary_terms,
    load_glossary,
)
from tools import make_glossary_page as page
from tools.make_glossary_page import (
    DEMO_CODE,
    GLOSSARY_NOTEBOOK,
    build_glossary_notebook,
    glossary_markdown,
    glossary_problems,
    page_text,
    write_glossary_notebook,
)

from .notebook_runner import all_notebooks

TABLE = load_glossary()
FULL = TABLE[TABLE.same_as == ""]
POINTERS = TABLE[TABLE.same_as != ""]

# Every term the lessons need, as a reader would type it, and the entry it must find.
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

# A change to one cell of the table -> words of the problem it must cause. Checked where the
# collection checks it: the schema (loading the table) or the page tool (what a schema cannot say).
BAD_CELLS = [
    ("SVC", "definition", "", "the definition is empty"),
    ("NAC", "definition", "One. Two. Three. Four.", "1 to 3 sentences"),
    ("NAC", "definition", "A word" + " word" * 80 + ".", "longer than 80 words"),
    ("NAC", "see_also", "Nothing here", "'Nothing here', which is not another term"),
    ("NAC", "see_also", "NAC", "'NAC', which is not another term"),
    ("NAC", "source", "no-such-source", "'no-such-source' is not a source_id"),
    ("NAC", "source", "", "the source is empty"),
    ("NAC", "aliases", "SVC", "would find more than one term"),
    ("NAC", "aliases", "NACs; north-atlantic council", "is not needed"),
    ("NAC", "term", "Aardvark", "alphabetical order"),
    ("NAC", "term", "nATO", "appears twice"),
    ("SSC-8", "same_as", "SSC-8", "not a full entry"),
    ("SSC-8", "definition", "Stray text.", "leaves definition empty"),
    # what the schema in data/datapackage.json says (EventTableError names the column)
    ("NAC", "term", "N/AC", "column 'term': 'N/AC' does not have the required form"),
    ("NAC", "definition", "Uses *stars*.", "column 'definition': 'Uses *stars*.' does not have"),
    ("SSC-8", "same_as", "Nothing", "column 'same_as': 'Nothing' is not in the term column"),
]

# An odd question -> the term it must find (None: no entry) and words its answer must hold.
ODD_QUESTIONS = [
    (None, None, "terms. Look one up"),
    ("", None, "terms. Look one up"),
    ("   ", None, "terms. Look one up"),
    ("#", None, "terms. Look one up"),
    (..., None, "terms. Look one up"),
    (0, None, "Put the word in quotes"),
    (1987, None, "Put the word in quotes"),
    (-1, None, "Put the word in quotes"),
    (3.5, None, "Put the word in quotes"),
    (float("nan"), None, "Put the word in quotes"),
    (True, None, "Put the word in quotes"),
    ([], None, "Put the word in quotes"),
    (["SVC"], None, "Put the word in quotes"),
    ({}, None, "Put the word in quotes"),
    ((1, 2), None, "Put the word in quotes"),
    ("1987", None, "No glossary entry for"),
    ("qqqqqq", None, "helpers.glossary() with empty brackets"),
    (b"nato", "NATO", "North Atlantic Treaty Organization"),
    (b"\xff\xfe", None, "No glossary entry for"),
    ("x" * 5000, None, "xxx..."),
    ("word " * 1000, None, "No glossary entry for"),
    ("<script>alert(1)</script>", None, "No glossary entry for"),
    ("  SVC  ", "SVC", "Special Verification Commission"),
    ("# svc", "SVC", "Special Verification Commission"),
    ("\u201cSVC\u201d", "SVC", "Special Verification Commission"),
]


class _Unprintable:
    def __str__(self):
        raise RuntimeError("no text")


ODD_QUESTIONS.append((_Unprintable(), None, "Put the word in quotes"))


def _names(row: pd.Series) -> list[str]:
    return [row.term, row.expansion, *[a.strip() for a in row.aliases.split(";") if a.strip()]]


def _headings(markdown: str) -> list[tuple[int, str]]:
    return [(len(m.group(1)), m.group(2).strip()) for m in re.finditer(r"^(#{1,6}) (.+)$", markdown, re.M)]


def _glossary_anchors() -> set[str]:
    nb = nbformat.read(GLOSSARY_NOTEBOOK, as_version=4)
    return {anchor_of(text) for c in nb.cells if c.cell_type == "markdown" for _, text in _headings(c.source)}


def _write(table: pd.DataFrame, folder: Path) -> Path:
    path = folder / "glossary.csv"
    table.to_csv(path, index=False)
    return path


# --------------------------------------------------------------------------- the table


def test_the_table_has_the_columns_of_its_schema_and_no_problems():
    assert list(TABLE.columns) == table_schema("glossary").columns
    assert glossary_problems(TABLE) == []


def test_the_table_has_every_term_the_lessons_need():
    assert len(FULL) >= 45
    assert set(REQUIRED.values()) <= set(FULL.term)


@pytest.mark.parametrize("term", FULL.term)
def test_every_definition_is_one_to_three_sentences_with_a_source(term):
    row = FULL[FULL.term == term].iloc[0]
    sentences = re.findall(r"[.!?](?=\s+[A-Z0-9\"']|\s*$)", row.definition)
    assert 1 <= len(sentences) <= 3, row.definition
    assert row.source.strip()
    assert "U.S." not in row.definition  # write "US": abbreviations with full stops break sentence counts


@pytest.mark.parametrize(("term", "column", "value", "words"), BAD_CELLS, ids=lambda v: str(v)[:20])
def test_a_bad_cell_stops_the_page_with_a_message_naming_it(tmp_path: Path, term, column, value, words):
    table = load_glossary()
    table.loc[table.term == term, column] = value
    with pytest.raises(ValueError, match=re.escape(words)):
        write_glossary_notebook(tmp_path / "glossary.ipynb", path=_write(table, tmp_path))
    assert not (tmp_path / "glossary.ipynb").exists()


def test_a_table_without_a_column_is_refused(tmp_path: Path):
    path = _write(load_glossary().drop(columns="see_also"), tmp_path)
    with pytest.raises(ValueError, match="see_also"):
        glossary_markdown(path)
    assert not glossary("SVC", path=path).found


# --------------------------------------------------------------------------- the look-up


@pytest.mark.parametrize(("query", "term"), sorted(REQUIRED.items()))
def test_every_term_the_lessons_need_is_found(query, term):
    answer = glossary(query)
    assert answer.found, str(answer)
    assert answer.entry.term == term


@pytest.mark.parametrize("term", FULL.term)
def test_every_entry_is_found_by_its_term_expansion_and_aliases_in_any_case(term):
    row = FULL[FULL.term == term].iloc[0]
    for name in filter(None, _names(row)):
        for variant in (name, name.upper(), name.lower(), f"  {name} "):
            answer = glossary(variant)
            assert answer.found and answer.entry.term == term, (variant, str(answer))


@pytest.mark.parametrize("pointer", POINTERS.term)
def test_a_heading_that_is_another_name_finds_the_entry_it_names(pointer):
    target = POINTERS[POINTERS.term == pointer].iloc[0].same_as
    assert glossary(pointer).entry.term == target


@pytest.mark.parametrize(("query", "term", "words"), ODD_QUESTIONS, ids=lambda v: repr(v)[:30])
def test_odd_questions_get_an_answer_never_an_error(query, term, words):
    answer = glossary(query)
    assert isinstance(answer, GlossaryAnswer)
    assert answer.found == (term is not None) and (answer.entry.term if answer.found else None) == term
    text, page_html = str(answer), answer._repr_html_()
    assert words in text, text
    assert len(text.splitlines()[0]) < 300
    assert "<script>" not in page_html and 'class="inf-callout' in page_html


def test_a_word_in_quotes_is_not_told_to_use_quotes():
    assert "Put the word in quotes" not in str(glossary("1987"))


def test_the_entry_reads_the_same_as_text_and_as_html():
    answer = glossary("material breach")
    text, page_html = str(answer), answer._repr_html_()
    assert text.startswith("Material breach\n")
    assert "4 December 2018" in text and "4 December 2018" in page_html
    assert "Glossary page: glossary.ipynb#Material-breach" in text
    assert 'href="glossary.ipynb#Suspension"' in page_html
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
        ("Pershing III", "Pershing II"),
        ("inspection regime", "On-site inspection"),
    ],
)
def test_an_unknown_term_gets_the_closest_terms(query, expected):
    answer = glossary(query)
    assert not answer.found and expected in answer.suggestions
    assert f'No glossary entry for "{query}"' in str(answer)
    assert f"all {len(TABLE)} terms" in str(answer)
    assert f'href="glossary.ipynb#{anchor_of(expected)}"' in answer._repr_html_()


def test_an_empty_question_lists_every_term_with_links():
    answer = glossary()
    assert answer.terms == tuple(glossary_terms()) == tuple(TABLE.term)
    assert f"{len(TABLE)} terms" in str(answer)
    assert 'href="glossary.ipynb#Material-breach"' in answer._repr_html_()


def test_text_from_the_table_is_escaped_in_html():
    entry = GlossaryEntry(
        "SVC", "<i>Special</i>", (), "Uses <b>bold</b> & <script>x</script> for $5.", (), ()
    )
    page_html = GlossaryAnswer("SVC", entry)._repr_html_()
    assert "<b>" not in page_html and "<script>" not in page_html and "<i>" not in page_html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in page_html and "&#36;5" in page_html


def test_the_terms_are_in_page_order():
    assert glossary_terms() == sorted(TABLE.term, key=str.casefold)


@pytest.mark.parametrize(
    "content",
    [None, b"\xff\xfe\x00 not a table", b"", GLOSSARY_CSV.read_bytes().replace(b",9M729\n", b",Nothing\n")],
    ids=["missing", "not text", "empty", "pointer to a missing term"],
)
def test_a_missing_or_broken_table_gives_an_answer_not_an_error(tmp_path: Path, content):
    path = tmp_path / "glossary.csv"
    if content is not None:
        path.write_bytes(content)
    answer = glossary("SVC", path=path)
    assert not answer.found and "data/glossary.csv" in str(answer) and "could not be read" in str(answer)


def test_a_table_saved_by_a_spreadsheet_with_a_byte_order_mark_loads(tmp_path: Path):
    path = tmp_path / "glossary.csv"
    path.write_bytes(b"\xef\xbb\xbf" + GLOSSARY_CSV.read_bytes())
    assert list(load_glossary(path).columns) == list(TABLE.columns)
    assert glossary("svc", path=path).entry.term == "SVC"


def test_an_edited_table_is_read_again_without_a_restart(tmp_path: Path):
    table = load_glossary()
    path = _write(table, tmp_path)
    assert "Votkinsk" in str(glossary("Portal monitoring", path=path))
    table.loc[table.term == "Portal monitoring", "definition"] = "Watching the gates of a factory."
    _write(table, tmp_path)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    assert "Watching the gates of a factory." in str(glossary("Portal monitoring", path=path))


@pytest.mark.parametrize(
    "code",
    [
        "import helpers; helpers.glossary('SVC'); import helpers.display.glossary_lookup",
        "import helpers.display.glossary_lookup; import helpers",
    ],
)
def test_helpers_glossary_is_the_function_whatever_the_import_order(code):
    check = "; assert callable(helpers.glossary) and helpers.glossary('SVC').entry.term == 'SVC'"
    check += "; import importlib.util; assert importlib.util.find_spec('helpers.glossary') is None"
    result = subprocess.run(
        [sys.executable, "-c", code + check], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_no_module_of_helpers_shares_its_name_with_a_function():
    modules = {path.stem for path in (REPO_ROOT / "helpers").rglob("*.py")} | {
        path.name for path in (REPO_ROOT / "helpers").iterdir() if path.is_dir()
    }
    functions = {
        node.name
        for path in (REPO_ROOT / "helpers").rglob("*.py")
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef | ast.ClassDef)
    }
    assert modules & functions == set()


# --------------------------------------------------------------------------- the page


def test_the_committed_page_is_the_one_the_tool_writes():
    assert GLOSSARY_NOTEBOOK.read_text(encoding="utf-8") == page_text()
    assert page.main(["--check"]) == 0


def test_check_fails_on_a_stale_page_and_writing_makes_it_fresh(tmp_path: Path, monkeypatch, capsys):
    stale = tmp_path / "glossary.ipynb"
    stale.write_text(
        GLOSSARY_NOTEBOOK.read_text(encoding="utf-8").replace("Special", "Spezial"), encoding="utf-8"
    )
    monkeypatch.setattr(page, "GLOSSARY_NOTEBOOK", stale)
    assert page.main(["--check"]) == 1 and "stale" in capsys.readouterr().out
    assert page.main([]) == 0
    assert page.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == GLOSSARY_NOTEBOOK.read_text(encoding="utf-8")


def test_a_bad_table_makes_the_command_fail_and_write_nothing(tmp_path: Path, monkeypatch, capsys):
    table = load_glossary()
    table.loc[table.term == "NAC", "see_also"] = "Nothing here"
    monkeypatch.setattr(page, "load_glossary", lambda path=None: table)
    monkeypatch.setattr(page, "GLOSSARY_NOTEBOOK", tmp_path / "glossary.ipynb")
    assert page.main([]) == 2
    assert "Nothing here" in capsys.readouterr().err and not (tmp_path / "glossary.ipynb").exists()


def test_the_page_has_one_code_cell_and_the_rest_markdown():
    nb = nbformat.read(GLOSSARY_NOTEBOOK, as_version=4)
    assert [c.source for c in nb.cells if c.cell_type == "code"] == [DEMO_CODE]
    assert {c.cell_type for c in nb.cells} == {"markdown", "code"}
    assert [(c.cell_type, c.source) for c in nb.cells] == [
        (c.cell_type, c.source) for c in build_glossary_notebook().cells
    ]


def test_every_term_has_a_level_3_heading_with_a_simple_unique_anchor():
    markdown = "\n\n".join(glossary_markdown())
    assert [text for level, text in _headings(markdown) if level == 3] == list(TABLE.term)
    anchors = [anchor_of(text) for _, text in _headings(markdown)]
    assert len(anchors) == len(set(anchors)), "two headings would share an anchor"
    for term in TABLE.term:
        assert re.fullmatch(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*", anchor_of(term)), term


def test_the_letter_index_and_the_cross_references_point_at_headings():
    nb = nbformat.read(GLOSSARY_NOTEBOOK, as_version=4)
    internal = [
        a for c in nb.cells if c.cell_type == "markdown" for a in re.findall(r"\]\(#([^)\s]+)\)", c.source)
    ]
    assert internal and sorted(set(internal) - _glossary_anchors()) == []


def test_every_glossary_link_in_every_notebook_has_a_target():
    anchors, broken = _glossary_anchors(), []
    for path in all_notebooks():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for anchor in re.findall(r"glossary\.ipynb#([^)\s\"'>]+)", source):
                if anchor not in anchors:
                    broken.append(f"{path.relative_to(REPO_ROOT)}: glossary.ipynb#{anchor}")
    assert broken == [], "links to glossary anchors that do not exist:\n" + "\n".join(broken)


def test_the_page_cites_every_source_id_it_uses_with_its_full_date():
    closing = glossary_markdown()[-1]
    sources = pd.read_csv(REPO_ROOT / "data" / "sources.csv", dtype=str, keep_default_na=False)
    used = {s.strip() for cell in FULL.source for s in cell.split(";")}
    for _, row in sources[sources.source_id.isin(used)].iterrows():
        assert f"*{row.title}*" in closing, row.source_id
    assert "*INF Diplomacy Highlights Timeline*. 16 November 2018." in closing


def test_the_page_names_the_command_and_counts_only_from_the_table(tmp_path: Path):
    cells = glossary_markdown()
    assert "`python -m tools.make_glossary_page`" in cells[-1] and "helpers.glossary`" not in cells[-1]
    assert f"explains the {len(TABLE)} words" in cells[0]
    extra = {"term": "Zero-sum", "definition": "A contest in which one side gains what the other loses."}
    table = pd.concat([load_glossary(), pd.DataFrame([extra | {"source": "General usage"}])]).fillna("")
    grown = glossary_markdown(_write(table, tmp_path))
    # Adding a term changes the generated count, the index and its letter, and nothing else.
    assert grown[0] == cells[0].replace(f"the {len(TABLE)} words", f"the {len(TABLE) + 1} words")
    assert grown[1] == cells[1] + " · [Z](#Z)"
    assert grown[2:-2] == cells[2:-1] and grown[-1] == cells[-1]
    assert grown[-2].startswith("## Z\n\n### Zero-sum\n\n")


# --------------------------------------------------------------------------- the lessons' words

LESSONS = sorted((REPO_ROOT / "notebooks").glob("0*.ipynb"))
# A run of capitals and digits (hyphens or slashes inside), with at least one capital and two characters:
# SVC, CRS, 9M729, SSC-8, R-500/SSC-7. A plural "s" after it is dropped (SS-20s).
ABBREVIATION = re.compile(r"(?<![\w/.#-])(?=[A-Z0-9/-]*[A-Z])[A-Z0-9]{1,}(?:[-/][A-Z0-9]+)*(?=s?(?![\w#]))")
# Capitals that are not terms of the subject, and why.
NOT_TERMS = {
    "US": "an everyday abbreviation, like 'Russia'",
    "DC": "part of the place name Washington, DC",
    "CC": "the licence CC BY 4.0",
    "BY": "the licence CC BY 4.0",
    "MIT": "the MIT licence",
    "CITATION": "the file name CITATION.cff",
    "README": "a file name",
}
ROMAN_OR_REPORT = re.compile(r"[IVXL]+|(?:R|IN|IF)\d{4,}")  # article numbers (XIII); CRS report numbers
# Words of the subject a lesson may use (the start of the word is enough: "fact sheets" has "fact sheet").
KEY_TERMS = [
    "op-ed",
    "fact sheet",
    "decree",
    "federal law",
    "Vienna Convention",
    "national technical means",
    "fact",
    "assessment",
    "opinion",
    "Kremlin",
    "Foreign Ministry",
    "who's who",
    "primary source",
    "secondary source",
    "framing",
    "customary international law",
    "launch canister",
    "military attach",
    "counter-accusation",
    "material breach",
    "suspension",
    "withdrawal",
    "verification",
    "ratification",
    "entry into force",
    "compliance",
    "successor states",
    "communiqu",
    "elimination",
    "range capability",
    "flight test",
    "Strategic Stability Talks",
    "Integrated Strategy",
    "Entity List",
    "on-site inspection",
    "portal monitoring",
    "arms control",
    "cruise missile",
    "ballistic missile",
    "extraordinary events",
    "Mk 41",
    "Aegis Ashore",
    "drone",
    "shorter-range",
    "intermediate-range",
    "Under Secretary",
    "Deputy Foreign Minister",
    "National Security Advis",
    "North Atlantic Council",
    "Nuclear Planning Group",
]
KEY_LOOKUP = {
    "military attach": "military attaché",
    "communiqu": "communiqué",
    "National Security Advis": "National Security Advisor",
}


def _lesson_prose(path: Path) -> str:
    """A lesson's markdown without code, HTML comments, link targets and web addresses."""
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    text = re.sub(r"```.*?```|`[^`]*`|<!--.*?-->", " ", text, flags=re.S)
    return re.sub(r"\]\([^)]*\)|<?https?://\S+", " ", text)


def _glossary_names() -> set[str]:
    return {n.casefold() for _, row in TABLE.iterrows() for n in _names(row) if n} | {
        word.casefold() for _, row in TABLE.iterrows() for n in _names(row) for word in n.split()
    }


def test_every_abbreviation_the_lessons_use_has_a_glossary_entry():
    names, missing = _glossary_names(), set()
    for path in LESSONS:
        for token in set(ABBREVIATION.findall(_lesson_prose(path))):
            if (
                len(re.sub(r"[^A-Z0-9]", "", token)) < 2
                or token in NOT_TERMS
                or ROMAN_OR_REPORT.fullmatch(token)
            ):
                continue
            if not glossary(token).found and token.casefold() not in names:
                missing.add(f"{path.name}: {token}")
    assert sorted(missing) == [], "abbreviations with no glossary entry or alias:\n" + "\n".join(
        sorted(missing)
    )


def test_every_key_term_the_lessons_use_has_a_glossary_entry():
    prose = {path.name: _lesson_prose(path) for path in LESSONS}
    used, missing = set(), []
    for term in KEY_TERMS:
        pattern = re.compile(r"(?<!\w)" + re.escape(term).replace("'", "['\u2019]"), re.I)
        for name, text in prose.items():
            if pattern.search(text):
                used.add(term)
                if not glossary(KEY_LOOKUP.get(term, term)).found:
                    missing.append(f"{name}: {term}")
    assert missing == [], "key terms with no glossary entry or alias:\n" + "\n".join(sorted(set(missing)))
    assert len(used) >= len(KEY_TERMS) // 2  # the scan reads the lessons' words, not nothing


def test_the_abbreviation_scan_finds_what_a_reader_sees():
    text = "The SVC met; CRS says SS-20s and R-500/SSC-7, not `NOT_THIS` or [x](glossary.ipynb#SSC-8)."
    found = ABBREVIATION.findall(re.sub(r"`[^`]*`|\]\([^)]*\)", " ", text))
    assert found == ["SVC", "CRS", "SS-20", "R-500/SSC-7"]
