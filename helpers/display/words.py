"""Dates, counts and text as a reader sees them: the one formatter and the one normaliser (English months)."""

from __future__ import annotations

import html
import re
import unicodedata

import pandas as pd

__all__ = [
    "MONTH_NAMES", "event_date", "html_text", "long_date", "month_year", "normalise", "plot_text", "plural"
]  # fmt: skip

_MONTHS = "January February March April May June July August September October November December"
MONTH_NAMES: tuple[str, ...] = tuple(_MONTHS.split())  # English, whatever the locale

_STRAIGHT = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def long_date(date: object) -> str:
    """A date as a reader writes it: ``'4 December 2018'``.

    >>> long_date("2018-12-04"), long_date(pd.Timestamp("2019-08-02 13:45"))
    ('4 December 2018', '2 August 2019')
    """
    day = pd.Timestamp(date)
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def month_year(date: object) -> str:
    """A date given only to the month: ``'May 2013'``.

    >>> month_year("2013-05-01")
    'May 2013'
    """
    day = pd.Timestamp(date)
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def event_date(start: object, end: object, precision: str) -> str:
    """An event's date, as precisely as its source gives it (see ``date_precision`` in ``data/README.md``).

    >>> event_date("2017-12-09", "2017-12-09", "day")
    '9 December 2017'
    >>> event_date("2016-11-15", "2016-11-16", "day")
    '15 November 2016 to 16 November 2016'
    >>> event_date("2013-05-01", "2013-05-31", "month")
    'May 2013'
    >>> event_date("2004-01-01", "2004-12-31", "year")
    '2004'
    >>> event_date("2018-12-04", "2019-02-02", "approximate")
    'between 4 December 2018 and 2 February 2019'
    """
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    if precision == "day":
        return long_date(first) if first == last else f"{long_date(first)} to {long_date(last)}"
    if precision == "month":
        return month_year(first)
    if precision == "year":
        return str(first.year)
    return f"between {long_date(first)} and {long_date(last)}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, with the plural where it is needed.

    >>> plural(1, "event"), plural(3, "event"), plural(2, "entry", "entries")
    ('1 event', '3 events', '2 entries')
    """
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def normalise(text: object) -> str:
    """Text folded for comparison: Unicode-normalised, straight quotes and dashes, one space, lower case.

    >>> normalise("  Russia\u2019s  \u201c9M729\u201d ")
    'russia\\'s "9m729"'
    >>> normalise("Mk\u00a041 \u2013 Aegis") == normalise("mk 41 - aegis")
    True
    """
    folded = unicodedata.normalize("NFKC", str(text)).translate(_STRAIGHT)
    return re.sub(r"\s+", " ", folded).strip().casefold()


def html_text(text: object) -> str:
    """Text from the tables made safe for HTML: escaped, and a ``$`` kept as a dollar sign.

    JupyterLab typesets anything between two ``$`` as mathematics; the HTML entity stops that.

    >>> html_text('<script>alert("x")</script> costs $5 or $6')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; costs &#36;5 or &#36;6'
    """
    return html.escape(str(text)).replace("$", "&#36;")


def plot_text(text: object) -> str:
    r"""Text from the tables made safe for a matplotlib label: a ``$`` stays a dollar sign.

    matplotlib reads text between two ``$`` as mathematics (and may fail on it); ``\$`` is a plain dollar.

    >>> plot_text("$5 or $6")
    '\\$5 or \\$6'
    """
    return str(text).replace("$", r"\$")
