"""Check the glossary table and write the glossary page, ``notebooks/glossary.ipynb``, from it.

Run it from the top folder of the collection after editing ``data/glossary.csv``::

    python -m tools.make_glossary_page           # check the table, rewrite the page
    python -m tools.make_glossary_page --check   # write nothing; exit 1 if the page is stale

``data/datapackage.json`` describes the table's columns (loading the table checks them). This tool
checks what a schema cannot express, before it writes anything (:func:`glossary_problems`): the rows
are in alphabetical order; a definition is one to three sentences; a ``source`` that looks like a
``source_id`` is one of ``data/sources.csv``; every ``see_also`` and ``same_as`` names a full entry;
no two rows share a name once capitals, accents and hyphens are ignored; and no name would find two
terms. The page itself is an introduction, one demonstration code cell (:data:`DEMO_CODE`), a
letter index, a cell per letter with a ``### term`` heading per term, and the sources.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import nbformat
import pandas as pd

from helpers.data.loading import load_sources
from helpers.data.paths import REPO_ROOT
from helpers.display.glossary_lookup import (
    GLOSSARY_CSV,
    PAGE,
    Glossary,
    anchor_of,
    load_glossary,
    name_key,
    name_variants,
    read_glossary,
    split_list,
)
from helpers.display.words import long_date

__all__ = [
    "DEMO_CODE",
    "GENERAL_USAGE",
    "GLOSSARY_NOTEBOOK",
    "build_glossary_notebook",
    "glossary_markdown",
    "glossary_problems",
    "main",
    "page_text",
    "write_glossary_notebook",
]

GLOSSARY_NOTEBOOK: Path = REPO_ROOT / "notebooks" / "glossary.ipynb"
COMMAND = "python -m tools.make_glossary_page"
DEMO_CODE = 'import helpers\n\nhelpers.glossary("SVC")'
"""The one code cell of the glossary page."""
GENERAL_USAGE = "General usage"
"""The ``source`` of a definition of an everyday term of the subject."""
MAX_WORDS = 80
"""The longest definition, in words."""

_SOURCE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9\"']|\s*$)")
_POINTER_EMPTY = ("expansion", "aliases", "definition", "see_also", "source")


# --------------------------------------------------------------------------- checks


def _row_problems(row: pd.Series, terms: list[str], known_sources: set[str]) -> list[str]:
    """What is wrong with one full entry (not a ``same_as`` row)."""
    term, definition, problems = row.term, row.definition, []
    if not definition:
        problems.append(f"{term}: the definition is empty.")
    elif not definition.endswith(".") or not 1 <= len(_SENTENCE_END.findall(definition)) <= 3:
        problems.append(f"{term}: the definition should be 1 to 3 sentences ending with a full stop.")
    if len(definition.split()) > MAX_WORDS:
        problems.append(f"{term}: the definition is longer than {MAX_WORDS} words.")
    for other in split_list(row.see_also):
        if other not in terms or other == term:
            problems.append(f"{term}: see_also names {other!r}, which is not another term of the table.")
    sources = split_list(row.source)
    if not sources:
        problems.append(f"{term}: the source is empty.")
    for source in sources:
        if _SOURCE_ID.fullmatch(source) and source not in known_sources:
            problems.append(f"{term}: the source {source!r} is not a source_id of data/sources.csv.")
    found = {variant for name in (term, row.expansion) if name for variant in name_variants(name_key(name))}
    for alias in split_list(row.aliases):
        if name_key(alias) in found:
            problems.append(f"{term}: the alias {alias!r} is not needed: the look-up already finds it.")
        found.update(name_variants(name_key(alias)))
    return problems


def glossary_problems(table: pd.DataFrame, source_ids: Iterable[str] | None = None) -> list[str]:
    """What the schema cannot check in a glossary table, as sentences naming the term (empty: fine).

    Examples
    --------
    >>> glossary_problems(load_glossary())
    []
    >>> table = load_glossary()
    >>> table.loc[table.term == "SVC", "see_also"] = "Verification; Flux capacitor"
    >>> glossary_problems(table)
    ["SVC: see_also names 'Flux capacitor', which is not another term of the table."]
    """
    known = set(source_ids) if source_ids is not None else set(load_sources().source_id)
    terms = list(table.term)
    problems = []
    if [t.casefold() for t in terms] != sorted(t.casefold() for t in terms):
        problems.append("The rows are not in alphabetical order of term (ignoring capitals).")
    seen: dict[str, str] = {}
    for term in terms:
        if name_key(term) in seen:
            problems.append(f"{term}: the term appears twice (also as {seen[name_key(term)]}).")
        seen[name_key(term)] = term
    full = set(table.term[table.same_as == ""])
    finds: dict[str, set[str]] = {}  # name_key -> the terms that name would find
    for _, row in table.iterrows():
        if row.same_as:
            if row.same_as not in full:
                problems.append(f"{row.term}: same_as names {row.same_as!r}, which is not a full entry.")
            filled = [column for column in _POINTER_EMPTY if row[column]]
            if filled:
                problems.append(f"{row.term}: a same_as row leaves {', '.join(filled)} empty.")
            finds.setdefault(name_key(row.term), set()).add(row.same_as)
            continue
        problems += _row_problems(row, terms, known)
        for name in [row.term, row.expansion, *split_list(row.aliases)]:
            if name:
                finds.setdefault(name_key(name), set()).add(row.term)
    for key, targets in sorted(finds.items()):
        if len(targets) > 1:
            problems.append(f"The name {key!r} would find more than one term: {', '.join(sorted(targets))}.")
    return problems


# --------------------------------------------------------------------------- the page


def text_for_markdown(text: str) -> str:
    r"""A field of a table, written into the page's markdown so that it shows as text and nothing else.

    The page is markdown, which lets HTML through (a ``<script>`` in a definition would run on a web page
    made from it) and makes links of brackets: both are escaped.

    >>> text_for_markdown('<img src=x onerror="alert(1)"> [R&D](javascript:x)')
    '&lt;img src=x onerror="alert(1)"&gt; \\[R&amp;D\\](javascript:x)'
    """
    return html.escape(str(text), quote=False).replace("[", "\\[").replace("]", "\\]")


def _link(url: object) -> str:
    """An address from a table as a markdown link, only if it is a plain web address; else as text."""
    if isinstance(url, str) and re.fullmatch(r"https?://[^\s<>\"'`]+", url):
        return f"<{url}>"
    return text_for_markdown(url) if isinstance(url, str) else ""


def _entry_markdown(term: str, data: Glossary) -> str:
    md = text_for_markdown
    if term in data.pointers:
        target = data.pointers[term]
        return f"### {md(term)}\n\nAnother name for the [{md(target)}](#{anchor_of(target)}): see that entry."
    entry = data.entries[term]
    lines = [f"### {md(term)}", ""] + ([f"**{md(entry.expansion)}**", ""] if entry.expansion else [])
    lines += [md(entry.definition), ""]
    if entry.aliases:
        lines.append("- *Also found under:* " + "; ".join(map(md, entry.aliases)))
    if entry.see_also:
        lines.append("- *See also:* " + ", ".join(f"[{md(t)}](#{anchor_of(t)})" for t in entry.see_also))
    lines.append("- *Source:* " + "; ".join(map(md, entry.sources)))
    return "\n".join(lines)


def _letter(term: str) -> str:
    return "0-9" if term[0].isdigit() else term[0].upper()


def _citation(row: pd.Series) -> str:
    """A full citation of a source of ``data/sources.csv``, in markdown."""
    md = text_for_markdown
    parts = [md(row.author), f"*{md(row.title)}*"] + (
        [md(row.publisher)] if row.publisher != row.author else []
    )
    parts.append("No date" if pd.isna(row.date_published) else long_date(row.date_published))
    text = ". ".join(part.rstrip(".") for part in parts) + "."
    return f"{text} {_link(row.url)}" if isinstance(row.url, str) and row.url else text


def _intro(data: Glossary) -> str:
    return f"""# Glossary

*The INF Treaty: from elimination to withdrawal* · a companion to every lesson

Arms control has a language of its own: GLCM, SVC, *material breach*, *U/S*. This page explains the \
{len(data.terms)} words and abbreviations that the lessons and their primary sources use, in plain \
language, each with the source it rests on. The lessons link here: a link such as \
[SVC]({PAGE}#SVC) opens this page at that entry.

- **Who it is for:** students and teachers using the lessons (upper secondary or first-year university). \
No prerequisites; nothing to run unless you want to.
- **How to find a word:** click its first letter in the [index](#Index), or search the page with Ctrl+F \
(Cmd+F on a Mac).
- **Coming from a lesson?** A glossary link opens this page in its own tab. If the page opens at the top \
rather than at the entry, click the link in the lesson once more: once the glossary is open, JupyterLab \
jumps straight to the entry.
- **What an entry holds:** the term, what its letters stand for, a definition of one to three sentences, \
other names, related terms and the source it rests on ([full citations](#Sources) at the end).

## Look a word up from any notebook

Run the cell below: click in it and press **Shift+Enter** (`[*]` beside it means it is running, a number \
means it has finished). `helpers.glossary("...")` finds a term by its short form, its full name or another \
name (`"svc"`, `"Special Verification Commission"`, `"9M729"` and `"SSC-8"` all work) in any capitals. \
For a word it does not know it suggests the closest terms, and `helpers.glossary()` with empty brackets \
lists every term. In another notebook, run `import helpers` once first."""


def _closing(table: pd.DataFrame) -> str:
    sources = load_sources().set_index("source_id", drop=False)
    used = [source for cell in table.source for source in split_list(cell)]
    cited = sorted({_citation(sources.loc[s]) for s in used if s in sources.index}, key=str.casefold)
    others = sorted({s for s in used if s not in sources.index and s != GENERAL_USAGE}, key=str.casefold)
    return f"""## Sources

The definitions are written in our own words. Their dates, numbers and names rest on the primary \
sources of the collection and on the references listed in [`data/sources.csv`](../data/sources.csv) \
(cited here whenever an entry rests on them), and on the other references below. A source given as \
"{GENERAL_USAGE}" marks the definition of an everyday term of the subject.

{chr(10).join(f"- {citation}" for citation in cited)}

Other references:

{chr(10).join(f"- {text_for_markdown(reference)}" for reference in others)}

<!-- BEGIN SOLUTION -->
## For teachers: correcting or adding a term

The page is generated from the table [`data/glossary.csv`](../data/glossary.csv) (one row per term; the \
columns are described in [`data/README.md`](../data/README.md)). Edit the table in a spreadsheet, save it \
as CSV UTF-8, then run `{COMMAND}` from the top folder of the collection: it checks the table (terms in \
alphabetical order, one to three sentences, known sources, no broken cross-references) and rewrites this \
notebook. If your class uses the student versions, run `python -m tools.make_student_versions` afterwards \
to refresh their copy of the glossary too.
<!-- END SOLUTION -->

## How to cite

INF Treaty lessons contributors (2026). *The INF Treaty: from elimination to withdrawal* (version 0.1.0) \
[Jupyter notebooks and data]. See `CITATION.cff` in the top folder of the collection.

## Licence

Text and data: [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/); code: MIT. Back to \
[Start here](00-start-here.ipynb)."""


def glossary_markdown(path: str | Path | None = None) -> list[str]:
    """The markdown cells of the glossary page, in order; ``ValueError`` listing the problems of a bad table.

    Examples
    --------
    >>> cells = glossary_markdown()
    >>> cells[0].splitlines()[0], cells[1].splitlines()[0], cells[2].splitlines()[0]
    ('# Glossary', '## Index', '## 0-9')
    """
    table = load_glossary(path)
    problems = glossary_problems(table)
    if problems:
        raise ValueError("The glossary table has problems:\n" + "\n".join(f"- {p}" for p in problems))
    data = read_glossary(path)
    groups: dict[str, list[str]] = {}
    for term in data.terms:
        groups.setdefault(_letter(term), []).append(term)
    index = "## Index\n\n" + " · ".join(f"[{letter}](#{letter})" for letter in groups)
    back = "\n\n[Back to the index](#Index)"
    letters = [
        f"## {letter}\n\n" + "\n\n".join(_entry_markdown(t, data) for t in terms) + back
        for letter, terms in groups.items()
    ]
    return [_intro(data), index, *letters, _closing(table)]


def build_glossary_notebook(path: str | Path | None = None) -> nbformat.NotebookNode:
    """The glossary page as a notebook without outputs, built from the table.

    Examples
    --------
    >>> [cell.cell_type for cell in build_glossary_notebook().cells][:3]
    ['markdown', 'code', 'markdown']
    """
    intro, index, *letters, closing = glossary_markdown(path)
    new = nbformat.v4.new_markdown_cell
    cells = [new(intro, id="glossary-intro"), nbformat.v4.new_code_cell(DEMO_CODE, id="glossary-demo")]
    cells.append(new(index, id="glossary-index"))
    cells += [
        new(text, id="glossary-" + text.splitlines()[0].removeprefix("## ").lower()) for text in letters
    ]
    cells.append(new(closing, id="glossary-sources"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nbformat.validate(nb)
    return nb


def page_text(path: str | Path | None = None) -> str:
    """The glossary page file's text, exactly as :func:`write_glossary_notebook` writes it."""
    text = nbformat.writes(build_glossary_notebook(path))
    return text if text.endswith("\n") else text + "\n"


def write_glossary_notebook(target: str | Path | None = None, path: str | Path | None = None) -> Path:
    """Check the table and write the page (``notebooks/glossary.ipynb`` by default); return its path."""
    text = page_text(path)  # raises before anything is written if the table has problems
    target = Path(target or GLOSSARY_NOTEBOOK)
    target.write_text(text, encoding="utf-8")
    return target


def main(argv: Iterable[str] | None = None) -> int:
    """Command line: check the table and rewrite the page, or with ``--check`` only compare."""
    parser = argparse.ArgumentParser(prog=COMMAND, description="Check data/glossary.csv and write the page.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the page is stale")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        text = page_text()
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.check:
        current = GLOSSARY_NOTEBOOK.read_text(encoding="utf-8") if GLOSSARY_NOTEBOOK.is_file() else ""
        fresh = current == text
        print("the glossary page is up to date" if fresh else f"{GLOSSARY_NOTEBOOK} is stale: run {COMMAND}")
        return 0 if fresh else 1
    GLOSSARY_NOTEBOOK.write_text(text, encoding="utf-8")
    print(f"Wrote {GLOSSARY_NOTEBOOK} from {GLOSSARY_CSV}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
