"""Look a word up from any notebook: ``helpers.glossary("SVC")`` shows the entry and never raises."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data.loading import load_sources, load_table
from helpers.data.paths import DATA_DIR
from helpers.display.feedback import callout_html
from helpers.display.words import html_text, normalise

__all__ = ["GLOSSARY_CSV", "PAGE", "Glossary", "GlossaryAnswer", "GlossaryEntry", "anchor_of", "glossary"]
__all__ += ["glossary_terms", "load_glossary", "name_key", "name_variants", "read_glossary", "split_list"]

GLOSSARY_CSV: Path = DATA_DIR / "glossary.csv"  # after editing it, run: python -m tools.make_glossary_page
PAGE = "glossary.ipynb"  # how the lessons (all in notebooks/) link to the glossary page


def anchor_of(term: str) -> str:
    """The anchor JupyterLab gives the heading ``### term`` (``Material breach`` -> ``Material-breach``)."""
    return term.replace(" ", "-")


def load_glossary(path: str | Path | None = None) -> pd.DataFrame:
    """The glossary table, checked against ``data/datapackage.json``; empty cells as ``""``."""
    return load_table("glossary", path).fillna("")


def split_list(cell: str) -> list[str]:
    """The items of a cell that lists several, separated by ``;`` (``"GLCM; NATO;"`` has two)."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def name_key(text: str) -> str:
    """A name folded for matching: :func:`normalise`, no accents or quotes, hyphens and spaces alike.

    >>> name_key(" \u201cCommuniqu\u00e9\u201d "), name_key("SSC-8 / 9M729")
    ('communique', 'ssc 8/9m729')
    """
    decomposed = unicodedata.normalize("NFKD", normalise(text))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = re.sub(r"[\s_\-\u2010-\u2015]+", " ", folded.strip("\"'.,;:!?() ").lstrip("#")).strip()
    return re.sub(r" ?/ ?", "/", folded)


def name_variants(key: str) -> list[str]:
    """A folded name, with and without a plural ending (``svcs``, ``svcss``, ``svc``)."""
    return [key, key + "s", *(key[: -len(end)] for end in ("es", "s") if key.endswith(end))]


@dataclass(frozen=True)
class GlossaryEntry:
    """One term of the glossary, with its sources written out as short citations."""

    term: str
    expansion: str
    aliases: tuple[str, ...]
    definition: str
    see_also: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Glossary:
    """The table read for looking up: full entries, every heading in page order, what finds what."""

    entries: dict[str, GlossaryEntry]
    terms: tuple[str, ...]
    pointers: dict[str, str]  # a heading that is only another name -> the term it stands for
    names: dict[str, str]  # name_key of every name -> its term


@functools.lru_cache(maxsize=8)
def _read(path: str, modified: int) -> Glossary:
    """The parsed table; ``modified`` (the file's mtime) is in the cache key, so edits show at once."""
    table, sources = load_glossary(path), load_sources()
    year = sources.date_published.dt.strftime("%Y").fillna("no date")
    short = (sources.title + " \u2014 " + sources.publisher + ", " + year).set_axis(sources.source_id)
    entries, pointers, names = {}, {}, {}  # names: name_key of every name -> its term
    for row in table.itertuples():
        if row.same_as:
            pointers[row.term] = row.same_as
            names.setdefault(name_key(row.term), row.same_as)
            continue
        cited = tuple(short.get(source, source) for source in split_list(row.source))  # or words
        aliases, see_also = tuple(split_list(row.aliases)), tuple(split_list(row.see_also))
        entries[row.term] = GlossaryEntry(row.term, row.expansion, aliases, row.definition, see_also, cited)
        for name in filter(None, (row.term, row.expansion, *aliases)):
            names.setdefault(name_key(name), row.term)
    return Glossary(entries, tuple(table.term), pointers, names)


def read_glossary(path: str | Path | None = None) -> Glossary:
    """The glossary table read for looking up (read again whenever the file changes)."""
    resolved = Path(path or GLOSSARY_CSV).resolve()
    return _read(str(resolved), resolved.stat().st_mtime_ns)


def glossary_terms(path: str | Path | None = None) -> list[str]:
    """Every term of the glossary, in the order of the glossary page (alphabetical)."""
    return list(read_glossary(path).terms)


def _link(term: str) -> str:
    return f'<a href="{PAGE}#{html_text(anchor_of(term))}">{html_text(term)}</a>'


@dataclass(frozen=True)
class GlossaryAnswer:
    """What :func:`glossary` shows: an entry, suggestions or every term; as text and as HTML alike."""

    query: str
    entry: GlossaryEntry | None = None
    note: str = ""
    suggestions: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        """True when the answer is an entry of the glossary."""
        return self.entry is not None

    def _lines(self) -> list[tuple[str, str, str]]:
        """One ``(label, text, html)`` per line; the HTML escapes all text from the table or the question."""
        lines = [("", self.note, f"<em>{html_text(self.note)}</em>")] if self.note else []
        if (entry := self.entry) is not None:
            full = f" ({entry.expansion})" if entry.expansion else ""
            heading = f"<strong>{html_text(entry.term)}</strong>{html_text(full)}"
            lines += [("", entry.term + full, heading), ("", entry.definition, html_text(entry.definition))]
            for label, items, sep, show in [
                ("Also found under", entry.aliases, "; ", html_text),
                ("See also", entry.see_also, ", ", _link),
                ("Source", entry.sources, "; ", html_text),
            ]:
                if items:
                    lines.append((label, sep.join(items), sep.join(map(show, items))))
            page = f"{PAGE}#{anchor_of(entry.term)}"
            lines.append(("Glossary page", page, f"{_link(entry.term)} in the glossary"))
        if self.suggestions:
            lines.append(("Closest terms", "", ", ".join(map(_link, self.suggestions))))
        if self.terms:
            lines.append(("", ", ".join(self.terms), ", ".join(map(_link, self.terms))))
        return lines

    def __str__(self) -> str:
        return "\n".join(f"{label}: {text}" if label else text for label, text, _ in self._lines() if text)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        lines = [(f"<em>{label}:</em> " if label else "") + markup for label, _, markup in self._lines()]
        return callout_html("note", "<br>".join(lines), label="Glossary")


def _suggest(key: str, data: Glossary, limit: int = 6) -> tuple[str, ...]:
    """Closest terms: own names holding the question (or the reverse), other names, near spellings."""

    def overlaps(name: str) -> bool:
        return len(key) >= 3 and len(name) >= 3 and (key in name or name in key)

    own = [t for t, e in data.entries.items() if overlaps(name_key(t)) or overlaps(name_key(e.expansion))]
    other = [term for name, term in data.names.items() if overlaps(name)]
    close = [data.names[name] for name in difflib.get_close_matches(key, list(data.names), limit, 0.6)]
    return tuple(list(dict.fromkeys(own + other + close))[:limit])


def _answer(text: str, is_text: bool, data: Glossary) -> GlossaryAnswer:
    key, count, shown = name_key(text), len(data.terms), " ".join(text.split())
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    if not key and is_text:
        note = f'The glossary has {count} terms. Look one up with helpers.glossary("SVC") or open {PAGE}:'
        return GlossaryAnswer(text, note=note, terms=data.terms)
    for variant in name_variants(key):
        if variant in data.names:
            entry = data.entries[data.names[variant]]
            listed = variant in {name_key(entry.term), name_key(entry.expansion)}
            return GlossaryAnswer(text, entry, "" if listed else f'"{shown}" is listed under {entry.term}.')
    suggestions = _suggest(key, data)
    note = f'No glossary entry for "{shown}".'
    if suggestions:
        note += " Did you mean: " + ", ".join(suggestions) + "?"
    if not is_text:
        note += ' Put the word in quotes, like helpers.glossary("SVC").'
    note += " Try the short form or the full name, or run helpers.glossary() with empty brackets"
    note += f" to list all {count} terms."
    return GlossaryAnswer(text, note=note, suggestions=suggestions)


def glossary(term: Any = None, *, path: str | Path | None = None) -> GlossaryAnswer:
    """Look a word up by its short form, full name or another name, in any capitals; never raises.

    ``term`` is the word (nothing lists every term); ``path`` another table (for tests). The answer
    shows as a box in a notebook and as plain text with ``print``; an unknown word gets the closest terms.

    >>> answer = glossary("special verification commission")
    >>> answer.found, answer.entry.term, str(answer).splitlines()[-1]
    (True, 'SVC', 'Glossary page: glossary.ipynb#SVC')
    """
    is_text = term is None or term is ... or isinstance(term, str | bytes | bytearray)
    try:
        text = str(term, "utf-8", "replace") if isinstance(term, bytes | bytearray) else str(term)
    except Exception:  # an object whose str() fails
        text = ""
    text = "" if term is None or term is ... else text
    try:
        return _answer(text, is_text, read_glossary(path))
    except Exception as error:  # a broken table must not break a lesson
        note = f"The glossary table could not be read ({type(error).__name__}). Ask your teacher to check "
        return GlossaryAnswer(text, note=note + "data/glossary.csv, or open glossary.ipynb instead.")
