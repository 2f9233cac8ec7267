"""The glossary: look up a word from any notebook, and build the glossary page from one table.

The words live in ``data/glossary.csv``, one row per term, so a teacher can
correct or add one in a spreadsheet. Its columns:

==============  =====================================================================
``term``        the heading: letters, digits, spaces and hyphens only, so the page's
                anchor is simple (``Material breach`` -> ``glossary.ipynb#Material-breach``)
``expansion``   what an abbreviation stands for (``SVC`` -> Special Verification
                Commission); empty for an ordinary word
``aliases``     other names, spellings and search words, separated by ``;`` (``U/S``,
                ``SSC-8/9M729``, ``Article XIII``): shown as "Also found under"
``definition``  one to three plain sentences for a 16-year-old, in our own words
``see_also``    related terms, separated by ``;`` (each must be a ``term`` of the table)
``source``      what the definition rests on, separated by ``;``: a ``source_id`` of
                ``data/sources.csv`` (shown as its citation) or a short reference in words
``same_as``     only for a heading that is just another name for a term (``SSC-8`` ->
                ``9M729``): the other columns of that row stay empty
==============  =====================================================================

After editing the table, run ``python -m helpers.glossary`` from the top folder:
it checks the table and rewrites ``notebooks/glossary.ipynb`` from it (the tests
fail if the page and the table differ).

In a notebook, ``helpers.glossary("SVC")`` shows an entry. It finds a term by
its short form, its full name or another name, in any mix of capitals, and it
never raises: for a word it does not know it suggests the closest terms, and
``helpers.glossary()`` with empty brackets lists every term.

Examples
--------
>>> import helpers
>>> helpers.glossary("svc").entry.term
'SVC'
>>> helpers.glossary("SSC-8").entry.term, helpers.glossary("9M729").entry.term
('9M729', '9M729')
>>> helpers.glossary("Special Verification Commission").entry.anchor
'SVC'
>>> print(helpers.glossary("flux capacitor"))  # doctest: +ELLIPSIS
No glossary entry for "flux capacitor". ...
"""

from __future__ import annotations

import difflib
import functools
import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data.paths import DATA_DIR, REPO_ROOT, SOURCES_CSV
from helpers.display.style import OKABE_ITO

__all__ = [
    "COLUMNS",
    "GLOSSARY_CSV",
    "GLOSSARY_NOTEBOOK",
    "GlossaryAnswer",
    "GlossaryEntry",
    "anchor_of",
    "build_glossary_notebook",
    "glossary",
    "glossary_markdown",
    "glossary_problems",
    "glossary_terms",
    "load_glossary",
    "write_glossary_notebook",
]

GLOSSARY_CSV: Path = DATA_DIR / "glossary.csv"
"""The glossary table."""

GLOSSARY_NOTEBOOK: Path = REPO_ROOT / "notebooks" / "glossary.ipynb"
"""The glossary page, generated from the table by :func:`write_glossary_notebook`."""

COLUMNS: tuple[str, ...] = ("term", "expansion", "aliases", "definition", "see_also", "source", "same_as")

GENERAL_USAGE = "General usage"
"""The ``source`` of a definition of an everyday term of the subject."""

PAGE = "glossary.ipynb"
"""How the lessons (all in ``notebooks/``) link to the glossary page."""

DEMO_CODE = 'import helpers\n\nhelpers.glossary("SVC")'
"""The one code cell of the glossary page."""

_TERM_PATTERN = re.compile(r"^[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*$")
_SOURCE_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9\"']|\s*$)")
_MARKUP = re.compile(r"[*_`\[\]<>$#|\\]")
_MAX_WORDS = 80
_INK = "#1a1a1a"
_ACCENT = OKABE_ITO["blue"]


# --------------------------------------------------------------------------- the table


def anchor_of(term: str) -> str:
    """The anchor JupyterLab gives the heading ``### term``: spaces become hyphens.

    Examples
    --------
    >>> anchor_of("Material breach")
    'Material-breach'
    """
    return term.replace(" ", "-")


def load_glossary(path: str | Path | None = None) -> pd.DataFrame:
    """Read the glossary table with plain pandas: every column as text, empty cells as ``""``.

    Examples
    --------
    >>> table = load_glossary()
    >>> list(table.columns) == list(COLUMNS)
    True
    """
    # utf-8-sig: a spreadsheet's "CSV UTF-8" starts with a byte-order mark, which must not stick to "term".
    table = pd.read_csv(path or GLOSSARY_CSV, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return table.apply(lambda column: column.str.strip())


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _key(text: str) -> str:
    """Normalise a term for matching: no accents, case-folded, hyphens and spaces alike."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.casefold().strip().strip("\"'\u201c\u201d\u2018\u2019.,;:!?()").lstrip("#")
    text = re.sub(r"[\s_\-\u2010-\u2015]+", " ", text).strip()
    return re.sub(r" ?/ ?", "/", text)


def _source_ids(path: Path = SOURCES_CSV) -> set[str]:
    return set(pd.read_csv(path, dtype=str, keep_default_na=False).source_id)


def glossary_problems(table: pd.DataFrame, source_ids: Iterable[str] | None = None) -> list[str]:
    """Everything wrong with a glossary table, as sentences naming the term and column (empty = fine).

    Examples
    --------
    >>> glossary_problems(load_glossary())
    []
    >>> table = load_glossary()
    >>> table.loc[table.term == "SVC", "see_also"] = "Verification; Flux capacitor"
    >>> glossary_problems(table)
    ["SVC: see_also names 'Flux capacitor', which is not another term of the table."]
    """
    missing = [column for column in COLUMNS if column not in table.columns]
    if missing:
        return [f"The table lacks the column(s) {', '.join(missing)}; it needs {', '.join(COLUMNS)}."]
    known_sources = set(source_ids) if source_ids is not None else _source_ids()
    problems: list[str] = []
    rows = [{column: str(row[column]) for column in COLUMNS} for _, row in table.iterrows()]
    terms = [row["term"] for row in rows]
    full_terms = {row["term"] for row in rows if not row["same_as"]}
    seen: dict[str, str] = {}
    for term in terms:
        if _key(term) in seen:
            problems.append(f"{term}: the term appears twice (also as {seen[_key(term)]}).")
        seen[_key(term)] = term
    if [t.casefold() for t in terms] != sorted(t.casefold() for t in terms):
        problems.append("The rows are not in alphabetical order of term (ignoring capitals).")
    owners: dict[str, set[str]] = {}
    for row in rows:
        term = row["term"] or "(row without a term)"
        if not _TERM_PATTERN.match(row["term"]):
            problems.append(f"{term}: a term may hold only letters, digits, single spaces and hyphens.")
        for column in COLUMNS:
            if _MARKUP.search(row[column]):
                problems.append(
                    f"{term}: the {column} holds a character used for markup (* _ ` [ ] < > $ # | \\)."
                )
        if row["same_as"]:
            if row["same_as"] not in full_terms:
                problems.append(f"{term}: same_as names {row['same_as']!r}, which is not a full entry.")
            filled = [c for c in COLUMNS if c not in ("term", "same_as") and row[c]]
            if filled:
                problems.append(f"{term}: a same_as row leaves {', '.join(filled)} empty.")
            owners.setdefault(_key(row["term"]), set()).add(row["same_as"])
            continue
        definition = row["definition"]
        if not definition:
            problems.append(f"{term}: the definition is empty.")
        else:
            sentences = len(_SENTENCE_END.findall(definition))
            if not definition.endswith(".") or not 1 <= sentences <= 3:
                problems.append(f"{term}: the definition should be 1 to 3 sentences ending with a full stop.")
            if len(definition.split()) > _MAX_WORDS:
                problems.append(f"{term}: the definition is longer than {_MAX_WORDS} words.")
        for other in _split(row["see_also"]):
            if other not in terms or other == row["term"]:
                problems.append(f"{term}: see_also names {other!r}, which is not another term of the table.")
        sources = _split(row["source"])
        if not sources:
            problems.append(f"{term}: the source is empty.")
        for source in sources:
            if _SOURCE_ID_PATTERN.match(source) and source not in known_sources:
                problems.append(f"{term}: the source {source!r} is not a source_id of data/sources.csv.")
        own = {
            variant for name in (row["term"], row["expansion"]) if name for variant in _variants(_key(name))
        }
        for alias in _split(row["aliases"]):
            if _key(alias) in own:
                problems.append(f"{term}: the alias {alias!r} is not needed: the look-up already finds it.")
            own.update(_variants(_key(alias)))
        for name in [row["term"], row["expansion"], *_split(row["aliases"])]:
            if name:
                owners.setdefault(_key(name), set()).add(row["term"])
    for key, targets in sorted(owners.items()):
        if len(targets) > 1:
            problems.append(f"The name {key!r} would find more than one term: {', '.join(sorted(targets))}.")
    return problems


# --------------------------------------------------------------------------- entries and lookup


@dataclass(frozen=True)
class GlossaryEntry:
    """One term of the glossary, with its sources already written out as short citations."""

    term: str
    expansion: str
    aliases: tuple[str, ...]
    definition: str
    see_also: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """The entry's anchor on the glossary page (``glossary.ipynb#<anchor>``)."""
        return anchor_of(self.term)


@dataclass(frozen=True)
class _Glossary:
    entries: dict[str, GlossaryEntry]
    terms: tuple[str, ...]  # every heading, pointers included, in page order
    pointers: dict[str, str]  # heading -> the term it stands for
    keys: dict[str, str]  # normalised name -> term
    citations: dict[str, str]  # source_id -> full citation (markdown)
    references: tuple[str, ...]  # sources given in words rather than as a source_id


def _year(date: str) -> str:
    return date[:4] if re.match(r"^\d{4}", date) else "no date"


def _long_date(date: str) -> str:
    try:
        day = pd.Timestamp(date)
    except (ValueError, TypeError):
        return "No date"
    return f"{day.day} {day:%B %Y}"


def _sources_table() -> pd.DataFrame:
    return pd.read_csv(SOURCES_CSV, dtype=str, keep_default_na=False).set_index("source_id")


def _short_citation(source: str, sources: pd.DataFrame) -> str:
    if source in sources.index:
        row = sources.loc[source]
        return f"{row.title} \u2014 {row.publisher}, {_year(row.date_published)}"
    return source


def _full_citation(source: str, sources: pd.DataFrame) -> str:
    row = sources.loc[source]
    parts = [row.author, f"*{row.title}*"]
    if row.publisher != row.author:
        parts.append(row.publisher)
    parts.append(_long_date(row.date_published) if row.date_published else "No date")
    text = ". ".join(part.rstrip(".") for part in parts) + "."
    return f"{text} <{row.url}>" if row.url else text


@functools.lru_cache(maxsize=8)
def _load(path: str, modified: int) -> _Glossary:
    """The parsed table; ``modified`` (the file's mtime) is part of the cache key, so edits show at once."""
    table = load_glossary(path)
    sources = _sources_table()
    entries: dict[str, GlossaryEntry] = {}
    pointers: dict[str, str] = {}
    keys: dict[str, str] = {}
    citations: dict[str, str] = {}
    references: set[str] = set()
    for _, row in table.iterrows():
        if row.same_as:
            pointers[row.term] = row.same_as
            keys.setdefault(_key(row.term), row.same_as)
            continue
        source_items = _split(row.source)
        for source in source_items:
            if source in sources.index:
                citations[source] = _full_citation(source, sources)
            else:
                references.add(source)
        entries[row.term] = GlossaryEntry(
            term=row.term,
            expansion=row.expansion,
            aliases=tuple(_split(row.aliases)),
            definition=row.definition,
            see_also=tuple(_split(row.see_also)),
            sources=tuple(_short_citation(source, sources) for source in source_items),
        )
        for name in [row.term, row.expansion, *_split(row.aliases)]:
            if name:
                keys.setdefault(_key(name), row.term)
    return _Glossary(
        entries, tuple(table.term), pointers, keys, citations, tuple(sorted(references, key=str.casefold))
    )


def _glossary(path: str | Path | None = None) -> _Glossary:
    resolved = Path(path or GLOSSARY_CSV).resolve()
    return _load(str(resolved), resolved.stat().st_mtime_ns)


def glossary_terms(path: str | Path | None = None) -> list[str]:
    """Every term of the glossary, in the order of the glossary page (alphabetical).

    Examples
    --------
    >>> terms = glossary_terms()
    >>> terms[0], "Material breach" in terms
    ('9M729', True)
    """
    return list(_glossary(path).terms)


@dataclass(frozen=True)
class GlossaryAnswer:
    """What :func:`glossary` shows: an entry, or suggestions, or the list of every term.

    As text (``print``) and as HTML (a notebook's display) it reads the same; all
    text from the table and from the question is escaped in the HTML.
    """

    query: str
    entry: GlossaryEntry | None = None
    note: str = ""
    suggestions: tuple[str, ...] = ()
    terms: tuple[str, ...] = field(default=(), repr=False)

    @property
    def found(self) -> bool:
        """True when the answer is an entry of the glossary."""
        return self.entry is not None

    # ---- text
    def __str__(self) -> str:
        if self.entry is None:
            lines = [self.note]
            if self.terms:
                lines.append(", ".join(self.terms))
            return "\n".join(line for line in lines if line)
        entry = self.entry
        heading = f"{entry.term} ({entry.expansion})" if entry.expansion else entry.term
        lines = [heading, entry.definition]
        if self.note:
            lines.insert(0, self.note)
        if entry.aliases:
            lines.append("Also found under: " + "; ".join(entry.aliases))
        if entry.see_also:
            lines.append("See also: " + ", ".join(entry.see_also))
        lines.append("Source: " + "; ".join(entry.sources))
        lines.append(f"Glossary page: {PAGE}#{entry.anchor}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    # ---- HTML
    def _repr_html_(self) -> str:
        esc = html.escape

        def link(term: str) -> str:
            return f'<a href="{esc(PAGE)}#{esc(anchor_of(term))}">{esc(term)}</a>'

        parts: list[str] = []
        if self.note:
            parts.append(f'<p style="margin:0 0 0.4em"><em>{esc(self.note)}</em></p>')
        if self.entry is not None:
            entry = self.entry
            title = f"<strong>{esc(entry.term)}</strong>"
            if entry.expansion:
                title += f" ({esc(entry.expansion)})"
            parts.append(f'<p style="margin:0 0 0.4em;font-size:1.1em">{title}</p>')
            parts.append(f'<p style="margin:0 0 0.4em">{esc(entry.definition)}</p>')
            if entry.aliases:
                parts.append(
                    f'<p style="margin:0"><em>Also found under:</em> {esc("; ".join(entry.aliases))}</p>'
                )
            if entry.see_also:
                links = ", ".join(link(term) for term in entry.see_also)
                parts.append(f'<p style="margin:0"><em>See also:</em> {links}</p>')
            parts.append(f'<p style="margin:0"><em>Source:</em> {esc("; ".join(entry.sources))}</p>')
            parts.append(f'<p style="margin:0.4em 0 0">{link(entry.term)} in the glossary</p>')
        if self.suggestions:
            links = ", ".join(link(term) for term in self.suggestions)
            parts.append(f'<p style="margin:0"><em>Closest terms:</em> {links}</p>')
        if self.terms:
            parts.append('<p style="margin:0">' + ", ".join(link(term) for term in self.terms) + "</p>")
        return (
            f'<div role="note" class="inf-glossary" style="background:#f4f8fb;color:{_INK};'
            f"border-left:6px solid {_ACCENT};padding:0.6em 0.9em;border-radius:4px;font-size:1.05em;"
            f'line-height:1.45">{"".join(parts)}</div>'
        )


def _as_text(term: Any) -> tuple[str, bool]:
    """The question as text, and whether it was given as text at all."""
    if isinstance(term, str):
        return term, True
    if isinstance(term, bytes | bytearray):
        return bytes(term).decode("utf-8", errors="replace"), True
    try:
        return str(term), False
    except Exception:  # an object whose str() fails
        return "", False


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _variants(key: str) -> list[str]:
    variants = [key, key + "s"]
    if key.endswith("es"):
        variants.append(key[:-2])
    if key.endswith("s"):
        variants.append(key[:-1])
    return variants


def _suggest(key: str, data: _Glossary, limit: int = 6) -> tuple[str, ...]:
    """Closest terms: first those whose own name contains the question (or the other way round),
    then those with another name that does, then near spellings (difflib)."""

    def overlaps(name: str) -> bool:
        return len(key) >= 3 and len(name) >= 3 and (key in name or name in key)

    own = [
        t
        for t, e in data.entries.items()
        if overlaps(_key(t)) or (e.expansion and overlaps(_key(e.expansion)))
    ]
    other = [term for name, term in data.keys.items() if overlaps(name)]
    close = [data.keys[name] for name in difflib.get_close_matches(key, list(data.keys), n=limit, cutoff=0.6)]
    return tuple(list(dict.fromkeys(own + other + close))[:limit])


def glossary(term: Any = None, *, path: str | Path | None = None) -> GlossaryAnswer:
    """Look a word up: by its short form, full name or another name, in any capitals.

    Never raises. A word the glossary does not know gets the closest terms and a
    tip; ``glossary()`` with nothing in the brackets lists every term.

    Parameters
    ----------
    term
        The word to look up, e.g. ``"SVC"``, ``"special verification commission"``
        or ``"9M729"``.
    path
        Another glossary table (for tests); the collection's ``data/glossary.csv`` by default.

    Returns
    -------
    GlossaryAnswer
        Shows as a box in a notebook and as plain text with ``print``.

    Examples
    --------
    >>> print(glossary("u/s"))  # doctest: +ELLIPSIS
    "u/s" is listed under Under Secretary.
    Under Secretary
    A senior official of the US State Department, ...
    Also found under: U/S; Under Secretary of State; Undersecretary
    See also: DFM
    Source: INF Diplomacy Highlights Timeline — US Department of State, 2018
    Glossary page: glossary.ipynb#Under-Secretary
    >>> glossary(None).found, glossary(42).found, glossary("").terms[:2]
    (False, False, ('9M729', 'Aegis Ashore'))
    """
    text, is_text = ("", True) if term is None or term is ... else _as_text(term)
    try:
        return _answer(text, is_text, _glossary(path))
    except Exception as error:  # a broken table must not break a lesson
        return GlossaryAnswer(
            text,
            note=f"The glossary table could not be read ({type(error).__name__}). "
            "Ask your teacher to check data/glossary.csv, or open glossary.ipynb instead.",
        )


def _answer(text: str, is_text: bool, data: _Glossary) -> GlossaryAnswer:
    key = _key(text)
    if not key:
        return GlossaryAnswer(
            text,
            note=f'The glossary has {len(data.terms)} terms. Look one up with helpers.glossary("SVC"), '
            f"or open {PAGE} to read them all:",
            terms=data.terms,
        )
    for variant in _variants(key):
        if variant in data.keys:
            entry = data.entries[data.keys[variant]]
            note = ""
            if variant not in {_key(entry.term), _key(entry.expansion)}:
                note = f'"{_shorten(text)}" is listed under {entry.term}.'
            return GlossaryAnswer(text, entry=entry, note=note)
    suggestions = _suggest(key, data)
    note = f'No glossary entry for "{_shorten(text)}".'
    if suggestions:
        note += " Did you mean: " + ", ".join(suggestions) + "?"
    if not is_text:
        note += ' Put the word in quotes, like helpers.glossary("SVC").'
    note += (
        " Try the short form or the full name, or run helpers.glossary() with empty brackets "
        f"to list all {len(data.terms)} terms."
    )
    return GlossaryAnswer(text, note=note, suggestions=suggestions)


# --------------------------------------------------------------------------- the glossary page


def _entry_markdown(term: str, data: _Glossary) -> str:
    if term in data.pointers:
        target = data.pointers[term]
        return f"### {term}\n\nAnother name for the [{target}](#{anchor_of(target)}): see that entry."
    entry = data.entries[term]
    lines = [f"### {term}", ""]
    if entry.expansion:
        lines += [f"**{entry.expansion}**", ""]
    lines += [entry.definition, ""]
    if entry.aliases:
        lines.append("- *Also found under:* " + "; ".join(entry.aliases))
    if entry.see_also:
        lines.append("- *See also:* " + ", ".join(f"[{t}](#{anchor_of(t)})" for t in entry.see_also))
    lines.append("- *Source:* " + "; ".join(entry.sources))
    return "\n".join(lines)


def _letter(term: str) -> str:
    first = term[0].upper()
    return "0-9" if first.isdigit() else first


def _intro(data: _Glossary) -> str:
    return f"""# Glossary

*The INF Treaty: from elimination to withdrawal* · a companion to every lesson

Arms control has a language of its own: GLCM, SVC, *material breach*, *U/S*. This page explains the \
{len(data.terms)} words and abbreviations that the lessons and their three primary sources use, in plain \
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


def _index(data: _Glossary) -> str:
    letters = list(dict.fromkeys(_letter(term) for term in data.terms))
    links = " · ".join(f"[{letter}](#{letter})" for letter in letters)
    return f"## Index\n\n{links}"


def _closing(data: _Glossary) -> str:
    cited = "\n".join(f"- {citation}" for citation in sorted(data.citations.values(), key=str.casefold))
    others = "\n".join(f"- {reference}" for reference in data.references if reference != GENERAL_USAGE)
    return f"""## Sources

The definitions are written in our own words. Their dates, numbers and names rest on the three primary \
sources of the collection and on the references listed in [`data/sources.csv`](../data/sources.csv) \
(cited here whenever an entry rests on them), and on the other references below. A source given as \
"{GENERAL_USAGE}" marks the definition of an everyday term of the subject.

{cited}

Other references:

{others}

## For teachers: correcting or adding a term

The page is generated from the table [`data/glossary.csv`](../data/glossary.csv) (one row per term; the \
columns are described in `helpers/glossary.py`). Edit the table in a spreadsheet, save it as CSV UTF-8, then \
run `python -m helpers.glossary` from the top folder of the collection: it checks the table (terms in \
alphabetical order, one to three sentences, known sources, no broken cross-references) and rewrites this \
notebook. If your class uses the student versions, run `python -m tools.make_student_versions` afterwards \
to refresh their copy of the glossary too.

## How to cite

INF Treaty lessons contributors (2026). *The INF Treaty: from elimination to withdrawal* (version 0.1.0) \
[Jupyter notebooks and data]. See `CITATION.cff` in the top folder of the collection.

## Licence

Text and data: [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/); code: MIT. Back to \
[Start here](00-start-here.ipynb)."""


def glossary_markdown(path: str | Path | None = None) -> list[str]:
    """The markdown cells of the glossary page, in order, built from the table.

    The page is: an introduction, the demonstration code cell (:data:`DEMO_CODE`),
    a letter index, one cell per letter with a ``### term`` heading per term,
    and a closing cell with the sources. Raises ``ValueError`` listing the
    problems if the table is not valid.

    Examples
    --------
    >>> cells = glossary_markdown()
    >>> cells[0].splitlines()[0], cells[1].splitlines()[0], cells[2].splitlines()[0]
    ('# Glossary', '## Index', '## 0-9')
    """
    problems = glossary_problems(load_glossary(path))
    if problems:
        raise ValueError("The glossary table has problems:\n" + "\n".join(f"- {p}" for p in problems))
    data = _glossary(path)
    groups: dict[str, list[str]] = {}
    for term in data.terms:
        groups.setdefault(_letter(term), []).append(term)
    letter_cells = [
        f"## {letter}\n\n"
        + "\n\n".join(_entry_markdown(t, data) for t in terms)
        + "\n\n[Back to the index](#Index)"
        for letter, terms in groups.items()
    ]
    return [_intro(data), _index(data), *letter_cells, _closing(data)]


def build_glossary_notebook(path: str | Path | None = None) -> Any:
    """The glossary page as an ``nbformat`` notebook (no outputs), built from the table.

    Examples
    --------
    >>> nb = build_glossary_notebook()
    >>> [cell.cell_type for cell in nb.cells][:3]
    ['markdown', 'code', 'markdown']
    """
    import nbformat  # only needed to build the page

    markdown = glossary_markdown(path)
    cells = [nbformat.v4.new_markdown_cell(markdown[0], id="glossary-intro")]
    cells.append(nbformat.v4.new_code_cell(DEMO_CODE, id="glossary-demo"))
    cells.append(nbformat.v4.new_markdown_cell(markdown[1], id="glossary-index"))
    for source in markdown[2:-1]:
        letter = source.splitlines()[0].removeprefix("## ").lower()
        cells.append(nbformat.v4.new_markdown_cell(source, id=f"glossary-{letter}"))
    cells.append(nbformat.v4.new_markdown_cell(markdown[-1], id="glossary-sources"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nbformat.validate(nb)
    return nb


def write_glossary_notebook(target: str | Path | None = None, path: str | Path | None = None) -> Path:
    """Write the glossary page (``notebooks/glossary.ipynb`` by default) from the table; return its path."""
    import nbformat

    target = Path(target or GLOSSARY_NOTEBOOK)
    nbformat.write(build_glossary_notebook(path), target)
    return target


def main() -> int:
    """``python -m helpers.glossary``: check the table and rewrite the glossary page."""
    try:
        written = write_glossary_notebook()
    except ValueError as error:
        print(error)
        return 1
    print(f"Wrote {written} from {GLOSSARY_CSV}.")
    return 0
