"""Reading tools for lesson 4: readable tables (:func:`show_table`) and a search of the source texts."""

from __future__ import annotations

import re

import pandas as pd

from helpers.data.paths import DATA_DIR
from helpers.display.words import html_text, long_date, normalise

__all__ = ["SourceTable", "sentences_with", "show_table"]

_CELL = "text-align:left;vertical-align:top;padding:4px 8px;white-space:normal"


class SourceTable:
    """A table for reading: cells escaped in HTML, wrapped, missing as empty, dates in words; also as text.

    >>> t = SourceTable(pd.DataFrame({"who": ["<b>US</b>"], "says": ["costs $5 & $6"]}), caption="Test")
    >>> html = t._repr_html_()
    >>> "&lt;b&gt;US&lt;/b&gt;" in html, "&#36;5" in html
    (True, True)
    >>> print(t)
    Test
    - who: <b>US</b> | says: costs $5 & $6
    """

    def __init__(self, frame: pd.DataFrame, caption: str | None = None) -> None:
        self.frame = frame
        self.caption = caption

    @staticmethod
    def cell_text(value: object) -> str:
        """A cell as text: ``''`` for a missing value, a long date for a timestamp.

        >>> SourceTable.cell_text(pd.Timestamp("2017-12-09")), SourceTable.cell_text(None)
        ('9 December 2017', '')
        """
        if value is None or (not isinstance(value, list | tuple | dict) and pd.isna(value)):
            return ""
        if isinstance(value, pd.Timestamp):
            return long_date(value)
        return str(value)

    def _repr_html_(self) -> str:
        head = "".join(
            f'<th style="{_CELL};vertical-align:bottom">{html_text(c)}</th>' for c in self.frame.columns
        )
        rows = "".join(
            "<tr>"
            + "".join(f'<td style="{_CELL}">{html_text(self.cell_text(v))}</td>' for v in record)
            + "</tr>"
            for record in self.frame.itertuples(index=False)
        )
        caption = (
            '<caption style="caption-side:top;text-align:left;font-weight:bold;padding:4px 0">'
            f"{html_text(self.caption)}</caption>"
            if self.caption
            else ""
        )
        name = html_text(self.caption or "Table")  # a box that scrolls sideways: named, reached by keyboard
        return (
            f'<div style="overflow-x:auto" tabindex="0" role="region" aria-label="{name}">'
            '<table class="inf-source-table" '
            'style="border-collapse:collapse;font-size:0.95em">'
            f"{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        lines = [self.caption] if self.caption else []
        for record in self.frame.itertuples(index=False):
            parts = [f"{c}: {self.cell_text(v)}" for c, v in zip(self.frame.columns, record, strict=True)]
            lines.append("- " + " | ".join(parts))
        return "\n".join(lines) if lines else "(empty table)"

    def __len__(self) -> int:
        return len(self.frame)


def show_table(
    frame: pd.DataFrame, columns: list[str] | None = None, caption: str | None = None
) -> SourceTable:
    """Wrap ``frame`` (only ``columns``, in order, if given; index dropped) as a readable table.

    >>> show_table(pd.DataFrame({"a": [1], "b": [2]}), columns=["b"])
    - b: 2
    """
    shown = frame if columns is None else frame[list(columns)]
    return SourceTable(shown.reset_index(drop=True), caption=caption)


def sentences_with(source_id: str, *words: str, sources: pd.DataFrame | None = None) -> list[str]:
    """Sentences of a bundled source text (the two fact sheets) that contain every one of ``words``.

    Case, curly quotes and spacing do not matter; a source with no bundled text (the op-ed) gives [].

    >>> sentences_with("state-2017-at-a-glance", "July 2014")[0][:40]
    'Since declaring the Russian Federation i'
    >>> sentences_with("huntsman-2019-op-ed", "Russia"), sentences_with("no-such-source", "x")
    ([], [])
    """
    import helpers

    sources = helpers.load_sources() if sources is None else sources
    name = sources.set_index("source_id")["text_file"].get(source_id)
    if not isinstance(name, str) or not name:
        return []
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    wanted = [normalise(w) for w in words]
    sentences = (s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text))
    return [s for s in sentences if s and all(w in normalise(s) for w in wanted)]
