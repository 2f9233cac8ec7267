"""Synthetic event tables of any size, valid under the collection's schema.

Students can practise on a bigger table than the 66 real events, and the
benchmarks (``python -m benchmarks``) check that the lessons stay fast as the
table grows. Every synthetic row is clearly marked: each summary starts with
"Synthetic event:", and the people are invented names, so a synthetic table
can never be mistaken for the historical record.

The rows follow the same rules as ``data/events.csv`` (see ``data/README.md``):
unique readable ``event_id`` slugs; dates from 1987 to 2019 where a
``month``-precision event spans its whole month and a ``year``-precision
event its whole year; ``phase`` follows ``date_start`` (``background`` before
2013, ``diplomacy`` from 1 January 2013 to 3 December 2018, ``withdrawal``
from 4 December 2018); vocabularies from ``data/datapackage.json``. Summaries
and evidence hold commas and double quotes, and a few notes hold a line
break, so writing and reading the CSV exercises quoting. Everything is
vectorised with numpy: a million events take a few seconds, and the same
seed always gives the same table.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data.loading import Tables, load_sources
from helpers.data.paths import SOURCES_CSV
from helpers.data.schema import vocabulary
from helpers.display.words import MONTH_NAMES

__all__ = ["synthetic_events", "synthetic_participants", "synthetic_tables", "write_synthetic_tables"]

_TEXT = np.dtypes.StringDType()
_FIRST_DAY = np.datetime64("1987-12-08")
_LAST_DAY = np.datetime64("2019-12-31")
_DIPLOMACY_START = np.datetime64("2013-01-01")
_WITHDRAWAL_START = np.datetime64("2018-12-04")
_SOVIET_END = np.datetime64("1992-01-01")  # before this, the other side is the Soviet Union

# (first day, last day, share of the events) per phase: most events fall in the diplomacy years,
# as in the real table.
_ERAS = (
    (_FIRST_DAY, _DIPLOMACY_START - 1, 0.10),
    (_DIPLOMACY_START, _WITHDRAWAL_START - 1, 0.78),
    (_WITHDRAWAL_START, _LAST_DAY, 0.12),
)
# Share of each date precision, in the schema's order (day, month, year, approximate).
_PRECISION_SHARES = (0.80, 0.13, 0.02, 0.05)

# Per category: share within each phase (background, diplomacy, withdrawal), and who acts.
_CATEGORIES = {
    "bilateral meeting": ((0.05, 0.26, 0.08), "any"),
    "experts meeting": ((0.00, 0.05, 0.00), "any"),
    "SVC session": ((0.05, 0.03, 0.00), "any"),
    "compliance report": ((0.10, 0.08, 0.04), "us"),
    "allied consultation": ((0.00, 0.17, 0.12), "us"),
    "NATO statement": ((0.05, 0.08, 0.16), "nato"),
    "US statement": ((0.10, 0.03, 0.10), "us"),
    "US measure": ((0.00, 0.07, 0.06), "us"),
    "treaty action": ((0.45, 0.04, 0.20), "any"),
    "Russian statement": ((0.15, 0.13, 0.14), "east"),
    "Russian action": ((0.05, 0.06, 0.10), "east"),
}
_ACTOR_KINDS = ("any", "us", "nato", "east")
_RESPONDING = ("bilateral meeting", "experts meeting", "SVC session", "Russian statement", "Russian action")

# Invented people and generic bodies: (name, name in source, title, side, kind).
_WEST = (
    ("Avery Collins", "Collins", "Under Secretary of State for Arms Control", "United States", "us"),
    ("NATO Allies", "NATO Allies", "", "NATO", "nato"),
    ("Jordan Hale", "Hale", "Secretary of State", "United States", "us"),
    ("North Atlantic Council", "North Atlantic Council", "", "NATO", "nato"),
    ("Morgan Reyes", "Reyes", "US Ambassador to Russia", "United States", "us"),
    ("Casey Lindqvist", "Lindqvist", "NATO Secretary General", "NATO", "nato"),
    ("Riley Brooks", "Brooks", "Secretary of Defense", "United States", "us"),
    ("United States Government", "the United States", "", "United States", "us"),
)
_RUSSIA = (
    ("Pavel Orlov", "Orlov", "Deputy Foreign Minister", "Russia", "east"),
    ("Irina Volkova", "Volkova", "Foreign Minister", "Russia", "east"),
    ("Dmitri Sokolov", "Sokolov", "Ambassador to the United States", "Russia", "east"),
    ("Russian Government", "Russia", "", "Russia", "east"),
    ("Anna Belova", "Belova", "Secretary of the Security Council", "Russia", "east"),
)
_SOVIET = (
    ("Viktor Lebedev", "Lebedev", "Foreign Minister of the Soviet Union", "Soviet Union", "east"),
    ("Government of the Soviet Union", "the Soviet Union", "", "Soviet Union", "east"),
)

_VERBS = (
    "raises the 9M729 missile with",
    "presses, again, for answers from",
    "meets, in Geneva,",
    "briefs",
    "asks for details of the missile from",
    "exchanges notes, letters and proposals with",
)
_QUOTES = (
    '"the missile complies with the treaty"',
    '"there is nothing, as such, to discuss"',
    '"the concerns remain unresolved"',
    '"the door to diplomacy, for now, stays open"',
    '"we need ""verifiable"" steps"',
)
_EVIDENCE = (
    'The United States "raised, again, its concerns" about the missile',
    'officials, in their words, "discussed the issue" at length',
    '"Russia continues to deny", the fact sheet says, "any violation"',
    'a statement that "the treaty, as signed, remains in force"',
)
_NOTES = (
    "Synthetic row: the date is invented.",
    'Synthetic row: the source says "about", so the date is approximate.',
    "Synthetic row, coded from two entries.\nThe second line tests a line break inside a cell.",
)
_MONTHS = np.array(MONTH_NAMES, dtype=_TEXT)


def _interleave(*groups: tuple) -> list:
    """Alternate the members of several groups, so that neighbours are on different sides."""
    out = []
    for i in range(max(map(len, groups))):
        out += [group[i] for group in groups if i < len(group)]
    return out


# One pool of people: the Soviet-era group, then the later group.
_GROUPS = (_interleave(_WEST, _SOVIET), _interleave(_WEST, _RUSSIA))
_PEOPLE = [person for group in _GROUPS for person in group]
_GROUP_SIZE = np.array([len(group) for group in _GROUPS])
_GROUP_OFFSET = np.concatenate([[0], np.cumsum(_GROUP_SIZE)[:-1]])


def _pool(values, missing: bool = False) -> np.ndarray:
    """An object array of Python strings to pick from by index; with ``missing``, a final None."""
    return np.array([*values, None] if missing else list(values), dtype=object)


def _join(*parts) -> np.ndarray:
    """Concatenate numpy string arrays (or plain strings) element-wise."""
    out = np.asarray(parts[0], dtype=_TEXT)
    for part in parts[1:]:
        out = np.strings.add(out, part)
    return out


def _ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    months = days.astype("datetime64[M]")
    year = days.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month, day


def _dates(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start, end and precision code of ``n`` events, sorted by date."""
    era = rng.choice(len(_ERAS), size=n, p=[share for *_, share in _ERAS])
    first = np.array([e[0] for e in _ERAS])[era]
    span = np.array([(e[1] - e[0]).astype(np.int64) + 1 for e in _ERAS])[era]
    start = first + (rng.random(n) * span).astype(np.int64)
    precision = rng.choice(4, size=n, p=_PRECISION_SHARES)

    end = start.copy()
    multi_day = (precision == 0) & (rng.random(n) < 0.08)
    end[multi_day] += rng.integers(1, 3, size=int(multi_day.sum()))
    month, year, approximate = precision == 1, precision == 2, precision == 3
    start_month = start.astype("datetime64[M]")
    start_year = start.astype("datetime64[Y]")
    end = np.where(approximate, start + rng.integers(7, 120, size=n), end)
    end = np.minimum(end, _LAST_DAY)
    start = np.where(month, start_month.astype("datetime64[D]"), start)
    end = np.where(month, (start_month + 1).astype("datetime64[D]") - 1, end)
    start = np.where(year, start_year.astype("datetime64[D]"), start)
    end = np.where(year, (start_year + 1).astype("datetime64[D]") - 1, end)
    order = np.lexsort((end, start))
    return start[order], end[order], precision[order]


def _by_unique(key: np.ndarray, make) -> np.ndarray:
    """``make(first_rows)`` computed once per distinct ``key``, then spread to every row (as objects)."""
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return np.asarray(make(first)).astype(object)[inverse]


def _date_texts(start: np.ndarray, end: np.ndarray, precision: np.ndarray):
    """How a source might write each date: "May 12, 2015", "May 12-13, 2015", "May 2015", ..."""
    year, month, day = _ymd(start)
    end_day = _ymd(end)[2]
    y, m, d = year.astype(_TEXT), _MONTHS[month - 1], day.astype(_TEXT)
    one_day = _join(m, " ", d, ", ", y)
    span = (end > start) & (start.astype("datetime64[M]") == end.astype("datetime64[M]"))
    days = np.where(span, _join(m, " ", d, "-", end_day.astype(_TEXT), ", ", y), one_day)
    return np.select(
        [precision == 0, precision == 1, precision == 2],
        [days, _join(m, " ", y), _join("As early as ", y)],
        _join("around ", m, " ", y),
    )


def _date_slugs(start: np.ndarray, precision: np.ndarray):
    """The date part of an ``event_id``, as precise as the date: 2015-05-12, 2015-05 or 2015."""
    year, month, day = _ymd(start)
    yyyy = year.astype(_TEXT)
    mm, dd = np.strings.zfill(month.astype(_TEXT), 2), np.strings.zfill(day.astype(_TEXT), 2)
    return np.select(
        [precision == 0, precision == 1], [_join(yyyy, "-", mm, "-", dd), _join(yyyy, "-", mm)], yyyy
    )


def _slug(text: str) -> str:
    return text.lower().replace(" ", "-")


def _string(values: np.ndarray) -> pd.Series:
    """Python strings (None = missing) as pandas' ``str`` dtype, as the loaders return them."""
    return pd.Series(values, dtype="str")


def _categorical(codes: np.ndarray, table: str, column: str, *, ordered: bool = False) -> pd.Categorical:
    """Codes into the column's vocabulary (-1 = missing) as a categorical, as the loaders type it."""
    categories = list(vocabulary(table, column))
    return pd.Categorical.from_codes(
        np.asarray(codes, dtype=np.int64), categories=categories, ordered=ordered
    )


def _choose_actors(rng: np.random.Generator, group: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """Index (into the whole pool) of the person who acts, from the right era and side."""
    actor = np.zeros(len(group), dtype=np.int64)
    for g, members in enumerate(_GROUPS):
        for k, wanted in enumerate(_ACTOR_KINDS):
            allowed = (
                np.array([i for i, p in enumerate(members) if wanted in ("any", p[4])]) + _GROUP_OFFSET[g]
            )
            rows = np.flatnonzero((group == g) & (kind == k))
            actor[rows] = allowed[rng.integers(len(allowed), size=len(rows))]
    return actor


def _generate(n: int, seed: int, *, with_participants: bool) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
        raise ValueError(f"n must be a whole number, 0 or more, not {n!r}")
    rng = np.random.default_rng(seed)
    start, end, precision = _dates(rng, n)
    phase = (start >= _DIPLOMACY_START).astype(np.int64) + (start >= _WITHDRAWAL_START)

    categories = vocabulary("events", "category")
    shares = np.array([_CATEGORIES[c][0] for c in categories])  # categories x phases
    cumulative = np.cumsum(shares / shares.sum(axis=0), axis=0).T  # phases x categories
    category = (rng.random(n)[:, None] > cumulative[phase][:, :-1]).sum(axis=1)
    kinds = np.array([_ACTOR_KINDS.index(_CATEGORIES[c][1]) for c in categories])
    group = (start >= _SOVIET_END).astype(np.int64)
    actor = _choose_actors(rng, group, kinds[category])

    # event_id: the date as precise as known, who, what, and a serial number that makes it unique.
    day_number = (start - _FIRST_DAY).astype(np.int64)
    date_slug = _by_unique(day_number * 4 + precision, lambda rows: _date_slugs(start[rows], precision[rows]))
    who_what = _pool(f"-{_slug(p[0])}-{_slug(c)}-" for p in _PEOPLE for c in categories)
    event_id = _join(date_slug.astype(_TEXT), who_what[actor * len(categories) + category].astype(_TEXT))
    event_id = np.strings.add(event_id, np.arange(1, n + 1).astype(_TEXT)).astype(object)

    summaries = _pool(
        f"Synthetic event: {p[0]} {v} the other side, who says {q}."
        for p in _PEOPLE
        for v in _VERBS
        for q in _QUOTES
    )
    summary = summaries[
        (actor * len(_VERBS) + rng.integers(len(_VERBS), size=n)) * len(_QUOTES)
        + rng.integers(len(_QUOTES), size=n)
    ]
    date_key = (day_number * 1024 + (end - start).astype(np.int64)) * 4 + precision
    date_text = _by_unique(date_key, lambda rows: _date_texts(start[rows], end[rows], precision[rows]))
    date_text[rng.random(n) < 0.03] = None

    responses = vocabulary("events", "russian_response")
    responds = np.isin(category, [categories.index(c) for c in _RESPONDING]) & (rng.random(n) < 0.35)
    response = np.where(responds, rng.integers(len(responses), size=n), -1)

    sources = pd.read_csv(SOURCES_CSV, dtype=str, keep_default_na=False)
    seeds = _pool(sources.loc[sources.role == "seed", "source_id"])
    references = _pool(sources.loc[sources.role == "reference", "source_id"], missing=True)
    source_id = seeds[rng.integers(len(seeds), size=n)]
    dated_elsewhere = rng.random(n) < 0.1
    date_source = references[np.where(dated_elsewhere, rng.integers(len(references) - 1, size=n), -1)]
    noted = rng.random(n) < 0.35
    notes = _pool(_NOTES, missing=True)[np.where(noted, rng.integers(len(_NOTES), size=n), -1)]

    events = pd.DataFrame(
        {
            "event_id": _string(event_id),
            "date_start": start.astype("datetime64[us]"),
            "date_end": end.astype("datetime64[us]"),
            "date_precision": _categorical(precision, "events", "date_precision"),
            "date_text": _string(date_text),
            "category": _categorical(category, "events", "category"),
            "phase": _categorical(phase, "events", "phase", ordered=True),
            "summary": _string(summary),
            "russian_response": _categorical(response, "events", "russian_response"),
            "source_id": _string(source_id),
            "evidence": _string(_pool(_EVIDENCE)[rng.integers(len(_EVIDENCE), size=n)]),
            "date_source_id": _string(date_source),
            "date_caveat": _string(np.full(n, None, dtype=object)),
            "notes": _string(notes),
        }
    )
    if not with_participants:
        return events, None

    # One to three people per event: the actor the summary names, then their neighbours in the pool.
    count = rng.choice(3, size=n, p=[0.45, 0.40, 0.15]) + 1
    row = np.repeat(np.arange(n), count)
    within = np.arange(len(row)) - np.repeat(np.cumsum(count) - count, count)
    g = group[row]
    person = _GROUP_OFFSET[g] + (actor[row] - _GROUP_OFFSET[g] + within) % _GROUP_SIZE[g]
    columns = {
        name: _pool([p[i] or None for p in _PEOPLE])
        for i, name in enumerate(("name", "name_in_source", "title"))
    }
    in_source = np.where(rng.random(len(row)) < 0.05, None, columns["name_in_source"][person])
    note = _pool(["Synthetic participant: an invented name."], missing=True)
    sides = vocabulary("participants", "side")
    participants = pd.DataFrame(
        {
            "event_id": _string(event_id[row]),
            "name": _string(columns["name"][person]),
            "name_in_source": _string(in_source),
            "title": _string(columns["title"][person]),
            "side": _categorical(
                np.array([sides.index(p[3]) for p in _PEOPLE])[person], "participants", "side"
            ),
            "notes": _string(note[np.where(rng.random(len(row)) < 0.02, 0, -1)]),
        }
    )
    return events, participants


def synthetic_events(n: int, seed: int = 0) -> pd.DataFrame:
    """A table of ``n`` invented events, typed exactly as :func:`helpers.load_events` returns them.

    Parameters
    ----------
    n : int
        How many events (0 or more).
    seed : int, default 0
        The random seed: the same ``n`` and ``seed`` always give the same table.

    Returns
    -------
    pandas.DataFrame
        One row per event, sorted by date, with the columns and dtypes of
        ``load_events()``. Each summary starts with "Synthetic event:".

    Raises
    ------
    ValueError
        If ``n`` is not a whole number of 0 or more.

    Examples
    --------
    >>> events = synthetic_events(1000, seed=1)
    >>> len(events), events.event_id.is_unique
    (1000, True)
    >>> bool(events.summary.str.startswith("Synthetic event:").all())
    True
    >>> int(events.date_start.dt.year.min()) >= 1987, int(events.date_end.dt.year.max()) <= 2019
    (True, True)
    >>> synthetic_events(5, seed=1).equals(synthetic_events(5, seed=1))
    True
    """
    return _generate(n, seed, with_participants=False)[0]


def synthetic_participants(n: int, seed: int = 0) -> pd.DataFrame:
    """The participants of ``synthetic_events(n, seed)``: one to three invented people per event.

    The first participant of each event is the person its summary names.

    Examples
    --------
    >>> people = synthetic_participants(100)
    >>> set(people.event_id) == set(synthetic_events(100).event_id)
    True
    >>> bool(people.duplicated(["event_id", "name"]).any())
    False
    """
    return _generate(n, seed, with_participants=True)[1]


def synthetic_tables(n: int, seed: int = 0) -> Tables:
    """Synthetic events and their participants, with the collection's real sources table.

    The three tables fit together as :func:`helpers.load_tables` returns them,
    so anything that takes the real tables (such as the timeline explorer) can
    take these instead.

    Examples
    --------
    >>> tables = synthetic_tables(200, seed=3)
    >>> len(tables.events), set(tables.events.source_id) <= set(tables.sources.source_id)
    (200, True)
    """
    events, participants = _generate(n, seed, with_participants=True)
    return Tables(events, participants, load_sources())


def write_synthetic_tables(folder: str | Path, n: int, seed: int = 0) -> Path:
    """Write ``events.csv``, ``participants.csv`` and a copy of ``sources.csv`` for ``n`` synthetic events.

    ``helpers.load_tables(folder)`` then loads and checks them like the real tables.

    Parameters
    ----------
    folder : str or Path
        Where to write (created if needed; existing tables there are replaced).
    n : int
        How many events (1 or more).
    seed : int, default 0
        The random seed.

    Returns
    -------
    Path
        The folder.

    Raises
    ------
    ValueError
        If ``n`` is not a whole number of 1 or more.

    Examples
    --------
    >>> import tempfile, helpers
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     tables = helpers.load_tables(write_synthetic_tables(tmp, 50))
    >>> len(tables.events), tables.events.equals(synthetic_events(50))
    (50, True)
    """
    if isinstance(n, int | np.integer) and not isinstance(n, bool) and n == 0:
        raise ValueError("n must be 1 or more: the loaders reject a table with a header but no rows")
    folder = Path(folder)
    events, participants = _generate(n, seed, with_participants=True)
    folder.mkdir(parents=True, exist_ok=True)
    options = {"index": False, "lineterminator": "\n", "date_format": "%Y-%m-%d", "encoding": "utf-8"}
    events.to_csv(folder / "events.csv", **options)
    participants.to_csv(folder / "participants.csv", **options)
    shutil.copyfile(SOURCES_CSV, folder / "sources.csv")
    return folder
