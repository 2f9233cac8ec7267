"""The one error type the loaders raise for a problem in a table."""

from __future__ import annotations

from pathlib import Path

__all__ = ["EventTableError"]


class EventTableError(ValueError):
    """A problem in a table: the message names the file, line (header = 1), ``event_id`` and column.

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
        self.path, self.problem, self.line, self.column = Path(path), problem, line, column
        self.event_id = event_id
        super().__init__(self._message())

    def _message(self) -> str:
        where = self.path.name + ("" if self.line is None else f", line {self.line}")
        where += f" (event_id {self.event_id!r})" if self.event_id else ""
        where += "" if self.column is None else f", column {self.column!r}"
        return f"{where}: {self.problem}"
