"""The one error type the loaders raise for a problem in a table."""

from __future__ import annotations

from pathlib import Path

__all__ = ["EventTableError"]


class EventTableError(ValueError):
    """A problem in one of the event tables, located as precisely as possible.

    The message names the file, the line (counting the header as line 1),
    the ``event_id`` of the row where there is one, and the column, then says
    what is wrong and how to fix it.

    Parameters
    ----------
    path : str or Path
        The file that holds the problem.
    problem : str
        What is wrong, in plain words.
    line : int, optional
        Line number in the file (1 is the header).
    column : str, optional
        The column that holds the problem.
    event_id : str, optional
        The ``event_id`` of the row, where the row has one.

    Examples
    --------
    >>> err = EventTableError("events.csv", "'2015-13-01' is not a date.",
    ...                       line=4, column="date_start", event_id="2015-kerry")
    >>> print(err)
    events.csv, line 4 (event_id '2015-kerry'), column 'date_start': '2015-13-01' is not a date.
    >>> err.line, err.column
    (4, 'date_start')
    >>> isinstance(err, ValueError)
    True
    """

    def __init__(
        self,
        path: str | Path,
        problem: str,
        *,
        line: int | None = None,
        column: str | None = None,
        event_id: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        self.column = column
        self.event_id = event_id
        super().__init__(self._message())

    def _message(self) -> str:
        where = self.path.name
        if self.line is not None:
            where += f", line {self.line}"
        if self.event_id:
            where += f" (event_id {self.event_id!r})"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.problem}"
