"""Export a table as CSV safe to open in a spreadsheet: per OWASP, a text cell that could run as a
formula (CSV injection) gets a leading apostrophe; numbers are left as numbers."""

from __future__ import annotations

import base64
import html

import pandas as pd

__all__ = ["FORMULA_STARTS", "csv_data_uri", "download_link_html", "neutralise_cell", "to_safe_csv"]

FORMULA_STARTS: tuple[str, ...] = (
    *("=", "+", "-", "@", "\t", "\r", "\n", "\0"),
    *("\uff1d", "\uff0b", "\uff0d", "\uff20"),  # full-width = + - @
)
"""Characters that make a spreadsheet read a cell as a formula when they come first."""


def neutralise_cell(value: str) -> str:
    """Prefix ``value`` with an apostrophe if a spreadsheet could read it as a formula.

    >>> neutralise_cell("=HYPERLINK(\\"http://example.org\\")")
    '\\'=HYPERLINK("http://example.org")'
    >>> neutralise_cell("Experts meeting in Geneva")
    'Experts meeting in Geneva'
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _text_column(column: pd.Series) -> pd.Series:
    """A column as text: dates as YYYY-MM-DD, missing as empty, formulas neutralised."""
    if pd.api.types.is_datetime64_any_dtype(column):
        text = column.dt.strftime("%Y-%m-%d")
        return text.where(column.notna(), "").astype(object)
    if pd.api.types.is_bool_dtype(column) or (
        pd.api.types.is_numeric_dtype(column) and not isinstance(column.dtype, pd.CategoricalDtype)
    ):
        return column.astype(object).where(column.notna(), "")
    return column.astype(object).where(column.notna(), "").map(lambda cell: neutralise_cell(str(cell)))


def to_safe_csv(frame: pd.DataFrame) -> str:
    """The table as CSV text (header, no index) in which no text cell can run as a spreadsheet formula.

    Dates YYYY-MM-DD, missing values empty, text through :func:`neutralise_cell`; CRLF line ends (RFC 4180).

    >>> table = pd.DataFrame({"summary": ["=1+1", "@SUM(A1)", "-2", "plain"], "count": [1, -2, 3, 4]})
    >>> for line in to_safe_csv(table).splitlines():
    ...     print(line)
    summary,count
    '=1+1,1
    '@SUM(A1),-2
    '-2,3
    plain,4
    """
    text = pd.DataFrame({name: _text_column(frame[name]) for name in frame.columns}, index=frame.index)
    text.columns = [neutralise_cell(str(name)) for name in frame.columns]
    return text.to_csv(index=False, lineterminator="\r\n")


def csv_data_uri(csv_text: str) -> str:
    """A ``data:`` URI holding ``csv_text`` as UTF-8 with a byte-order mark (so Excel reads accents right).

    >>> csv_data_uri("a,b\\n1,2\\n")
    'data:text/csv;charset=utf-8;base64,77u/YSxiCjEsMgo='
    """
    payload = base64.b64encode(("\ufeff" + csv_text).encode("utf-8")).decode("ascii")
    return f"data:text/csv;charset=utf-8;base64,{payload}"


def download_link_html(csv_text: str, filename: str, label: str | None = None) -> str:
    """An HTML link that downloads ``csv_text`` as ``filename`` (attribute values and label escaped).

    >>> link = download_link_html("a\\n1\\n", 'my "events".csv')
    >>> 'download="my &quot;events&quot;.csv"' in link
    True
    """
    shown = html.escape(label if label is not None else f"Download {filename}")
    return (
        f'<a href="{html.escape(csv_data_uri(csv_text), quote=True)}" '
        f'download="{html.escape(filename, quote=True)}">{shown}</a>'
    )
