"""Every number from the real tables that a lesson's prose quotes, in one place, with how to compute it.

A lesson's markdown may say "66 events" or "three experts meetings"; those words go stale the day
an event is added. Each entry below names the notebook, the words as they stand in its markdown
with ``{}`` where the number goes, and a function that computes the number from the tables.
``tests/test_quoted_numbers.py`` checks that the words, filled with the computed number, stand in
the notebook, so adding a valid event fails only the entries whose count it changes.

``{}`` takes the number as digits (``66``, ``2,692``); ``{words}`` takes it as a word
(``three``) for the numbers one to twenty, as the lessons write small counts.

Add an entry whenever a lesson's prose quotes a count, a date or a total that the tables hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from helpers import Tables
from helpers.display.words import long_date


@dataclass(frozen=True)
class Quoted:
    notebook: str
    """The notebook's file name without ``.ipynb``, as in ``notebooks/``."""
    words: str
    """The words around the number as they stand in the markdown, with ``{}`` or ``{words}``."""
    compute: Callable[[Tables], int | str]
    """Computes the number (or date text) from the real tables."""


def _events(tables: Tables) -> pd.DataFrame:
    return tables.events


def _ryabkov_span(tables: Tables) -> str:
    """Lesson 2: the months of Sergei Ryabkov's first and last event in the table."""
    from helpers.display.words import month_year

    people = tables.participants
    ids = people.loc[people["name"] == "Sergei Ryabkov", "event_id"]
    days = _events(tables).loc[_events(tables)["event_id"].isin(ids), "date_start"]
    return f"{month_year(days.min())} to {month_year(days.max())}"


def _missiles(side: str | None = None, system: str | None = None) -> int:
    """Lesson 1: missiles eliminated (background facts, from ``eliminations()``), for a side or system."""
    from helpers.history.treaty import eliminations

    table = eliminations()
    chosen = (table.side == side if side else True) & (table.system == system if system else True)
    return int(table.loc[chosen, "missiles"].sum()) if (side or system) else int(table.missiles.sum())


def _event_day(tables: Tables, event: str | pd.Timestamp, month_only: bool = False) -> str:
    """Lesson 1: an event's date (by id, or a date) as ``8 December 1987``; ``May 1991`` if ``month_only``."""
    from helpers.display.words import month_year

    days = _events(tables).set_index("event_id").date_start
    day = event if isinstance(event, pd.Timestamp) else days[event]
    return month_year(day) if month_only else long_date(day)


def _published(tables: Tables, source_id: str) -> pd.Timestamp:
    """Lesson 2: the ``date_published`` of a source of ``sources.csv``."""
    return pd.Timestamp(tables.sources.set_index("source_id").date_published[source_id])


def _first_svc(tables: Tables) -> pd.Timestamp:
    """Lesson 1: the first SVC session in the table (the one "for the first time since 2003")."""
    return _events(tables).query("category == 'SVC session'").date_start.min()


def _russian_own_sources() -> int:
    """Lesson 4: how many sources give Russia's claims in Russia's own documents (claims.csv)."""
    from helpers.data.loading import load_table

    claims = load_table("claims")
    own = claims[(claims["side"] == "Russia") & (claims["recorded_by"] == "Russia")]
    return int(own["source_id"].nunique())


QUOTED: list[Quoted] = [
    # --- 00-start-here ------------------------------------------------------------------------
    Quoted(
        "00-start-here",
        "coded by hand from {words} primary sources",
        lambda tables: int((tables.sources["role"] == "seed").sum()),
    ),
    # --- 01-treaty-background -----------------------------------------------------------------
    # Missile counts are background facts: computed from eliminations(), not from the events table.
    *[
        Quoted("01-treaty-background", words, lambda _t, side=side, system=system: _missiles(side, system))
        for words, side, system in [
            ("By May 1991, {} missiles were gone", None, None),
            ("The standard count is **{} missiles eliminated", None, None),
            ("[SS-20](glossary.ipynb#SS-20) ({})", None, "SS-20"),
            ('"all other Soviet systems" ({})', None, "all other Soviet systems"),
            ("the lesson does not split the {}.", None, "all other Soviet systems"),
            ("{} *is* more than 2,600", None, None),
            ("the two sides had eliminated **{} missiles**", None, None),
            ("**{}** US (", "United States", None),
            ("US ({} Pershing II", None, "Pershing II"),
            ("{} Pershing IA, 443 GLCMs)", None, "Pershing IA"),
            ("169 Pershing IA, {} GLCMs)", None, "BGM-109G GLCM"),
            ("and **{}** Soviet (", "Soviet Union", None),
            ("({} of them SS-20s)", None, "SS-20"),
            ("({} missiles; 846 US,", None, None),
            ("missiles; {} US, 1,846 Soviet", "United States", None),
            ("846 US, {} Soviet, 654 SS-20s", "Soviet Union", None),
            ("1,846 Soviet, {} SS-20s)", None, "SS-20"),
        ]
    ],
    # Dates of the treaty's own steps and of later events, from the events table.
    Quoted(
        "01-treaty-background",
        "By {}, 2,692 missiles were gone",
        lambda t: _event_day(t, "1991-05-inf-eliminations-completed", month_only=True),
    ),
    Quoted(
        "01-treaty-background",
        "By **{}** the two sides had eliminated",
        lambda t: _event_day(t, "1991-05-inf-eliminations-completed", month_only=True),
    ),
    Quoted(
        "01-treaty-background",
        "signed the treaty in Washington on {}.",
        lambda t: _event_day(t, "1987-12-08-inf-treaty-signed"),
    ),
    Quoted(
        "01-treaty-background",
        "(signed in Washington on **{}** by Reagan and Gorbachev",
        lambda t: _event_day(t, "1987-12-08-inf-treaty-signed"),
    ),
    Quoted(
        "01-treaty-background",
        "[entered into force](glossary.ipynb#Entry-into-force) on {}.",
        lambda t: _event_day(t, "1988-06-01-inf-treaty-enters-into-force"),
    ),
    Quoted(
        "01-treaty-background",
        "in force from **{}**)",
        lambda t: _event_day(t, "1988-06-01-inf-treaty-enters-into-force"),
    ),
    Quoted(
        "01-treaty-background",
        "The {} session was the first since 2003",
        lambda t: _event_day(t, _first_svc(t), month_only=True),
    ),
    Quoted(
        "01-treaty-background",
        "which first met in Geneva in June 1988 and met in {} for the first time since 2003",
        lambda t: _event_day(t, _first_svc(t), month_only=True),
    ),
    Quoted(
        "01-treaty-background",
        "In {}, as the quarrel over Russia's missile grew",
        lambda t: _event_day(t, "2017-12-08-dod-begins-treaty-compliant-research", month_only=True),
    ),
    Quoted(
        "01-treaty-background",
        "according to the US timeline, on {} Deputy Foreign Minister Ryabkov acknowledged",
        lambda t: _event_day(t, "2017-12-09-ryabkov-acknowledges-9m729"),
    ),
    # --- 02-diplomatic-timeline ---------------------------------------------------------------
    Quoted(
        "02-diplomatic-timeline",
        "The {words} sessions the US convened lasted two and three days",
        lambda t: int((_events(t)["category"] == "SVC session").sum()),
    ),
    Quoted(
        "02-diplomatic-timeline",
        "while the timeline lists {words} experts meetings. A later State Department fact sheet",
        lambda t: int(
            (
                (_events(t)["category"] == "experts meeting")
                & (_events(t)["source_id"] == "state-2018-timeline")
            ).sum()
        ),
    ),
    Quoted(
        "02-diplomatic-timeline",
        "The 2014 report, which the timeline dates {}, was the first public US finding",
        lambda t: long_date(_events(t).query("category == 'compliance report'")["date_start"].min()),
    ),
    Quoted(  # the date the State Department's spokesperson gave (state-2014-compliance-report-release)
        "02-diplomatic-timeline",
        "The timeline, written {words} years later, is two days late.",
        lambda t: (
            _published(t, "state-2018-timeline").year
            - _published(t, "state-2014-compliance-report-release").year
        ),
    ),
    Quoted(
        "02-diplomatic-timeline",
        "years later, is {words} days late.",
        lambda t: int(
            (
                _events(t).query("category == 'compliance report'")["date_start"].min()
                - _published(t, "state-2014-compliance-report-release")
            ).days
        ),
    ),
    Quoted(
        "02-diplomatic-timeline",
        "According to the timeline, the next day, {}, Deputy Foreign Minister Ryabkov **acknowledged**",
        lambda t: long_date(_events(t).query("russian_response == 'acknowledgement'")["date_start"].min()),
    ),
    Quoted(
        "02-diplomatic-timeline",
        "on {}, Russia **refused** to discuss the missile further",
        lambda t: long_date(_events(t).query("russian_response == 'refusal'")["date_start"].min()),
    ),
    Quoted(
        "02-diplomatic-timeline",
        "on {} it **suspended** its own participation in the treaty",
        lambda t: long_date(_events(t).query("russian_response == 'suspension'")["date_start"].min()),
    ),
    Quoted(
        "02-diplomatic-timeline",
        "Ryabkov appears throughout, from {}.",
        lambda t: _ryabkov_span(t),
    ),
    Quoted(
        "02-diplomatic-timeline",
        "({words} US measures on 8 December 2017)",
        lambda t: int(
            ((_events(t)["category"] == "US measure") & (_events(t)["date_start"] == "2017-12-08")).sum()
        ),
    ),
    Quoted(
        "02-diplomatic-timeline",
        "the timeline dates those denials in later entries ({} 2013)",
        lambda t: " and ".join(
            f"{d.day} {d:%B}"
            for d in _events(t).query("russian_response == 'denial'")["date_start"]
            if d.year == 2013
        ),
    ),
    # --- 03-withdrawal-steps ------------------------------------------------------------------
    Quoted(  # exercise 8's what-if starts on this event's day (helpers.checks.withdrawal.WHAT_IF_EVENT)
        "03-withdrawal-steps",
        "On {} President Trump said publicly",
        lambda t: long_date(
            _events(t).set_index("event_id").date_start["2018-10-20-trump-states-intent-to-exit"]
        ),
    ),
    Quoted(
        "03-withdrawal-steps",
        "{words} of them has no single day",
        lambda t: int((_events(t).query("phase == 'withdrawal'").date_precision != "day").sum()),
    ),
    Quoted(  # "Most of these rows rest on one source, the op-ed": the op-ed's rows are the majority
        "03-withdrawal-steps",
        "{} of these rows rest on one source, the op-ed by Jon Huntsman",
        lambda t: (
            "Most"
            if 2
            * ((rows := _events(t).query("phase == 'withdrawal'")).source_id == "huntsman-2019-op-ed").sum()
            > len(rows)
            else "no longer most (update the prose)"
        ),
    ),
    Quoted(
        "03-withdrawal-steps",
        "About eight months ({} days) later, on 2 August 2019",
        lambda t: int(
            (
                _events(t).set_index("event_id").date_start["2019-08-02-us-withdrawal-takes-effect"]
                - _events(t).set_index("event_id").date_start["2018-12-04-us-finds-material-breach"]
            ).days
        ),
    ),
    Quoted(
        "03-withdrawal-steps",
        "later, on **{}** (announced on 1 February), the US suspension took effect",
        lambda t: long_date(
            _events(t).set_index("event_id").date_start["2019-02-02-us-suspends-obligations"]
        ),
    ),
    Quoted(
        "03-withdrawal-steps",
        "after the notice, on **{}**, the US withdrawal took effect",
        lambda t: long_date(
            _events(t).set_index("event_id").date_start["2019-08-02-us-withdrawal-takes-effect"]
        ),
    ),
    Quoted(
        "03-withdrawal-steps",
        "from 2 February to 2 August 2019 is {} days",
        lambda t: int(
            (
                _events(t).set_index("event_id").date_start["2019-08-02-us-withdrawal-takes-effect"]
                - _events(t).set_index("event_id").date_start["2019-02-02-us-gives-withdrawal-notice"]
            ).days
        ),
    ),
    # --- 04-reading-the-sources ---------------------------------------------------------------
    # the eliminations are background facts (helpers.eliminations(), via _missiles); the rest: events
    *(
        Quoted("04-reading-the-sources", words, lambda tables: f"{_missiles():,}")
        for words in (
            "the standard count is {} (846 American",
            "more than 2,600 for {} missiles",
            "1 February 2019: {} missiles eliminated",
        )
    ),
    Quoted(
        "04-reading-the-sources",
        "({words} or six meetings of experts",
        lambda tables: int((tables.events["category"] == "experts meeting").sum()),
    ),
    Quoted(
        "04-reading-the-sources",
        "The pattern: denials from {}",
        lambda tables: str(tables.events.query("russian_response == 'denial'").date_start.min().year),
    ),
    Quoted(
        "04-reading-the-sources",
        "an acknowledgement on {}, with a disputed range",
        lambda tables: long_date(
            tables.events.query("russian_response == 'acknowledgement'").date_start.min()
        ),
    ),
    Quoted(
        "04-reading-the-sources",
        "The timeline gives the day: {}, when the 2014 Compliance Report",
        lambda tables: long_date(
            tables.events.set_index("event_id").date_start["2014-07-31-compliance-report-finds-violation"]
        ),
    ),
    # Russia in its own words: the Russian official sources of claims.csv (side == recorded_by) ...
    *(
        Quoted("04-reading-the-sources", words, lambda _t: _russian_own_sources())
        for words in (
            "Russia's own words come from {words} official",
            "little beside the American record: {words} documents",
            "Russia speaks in its own words only in {words} official",
        )
    ),
    Quoted(  # the timeline's year of publication against the spokesperson's statement on the report
        "04-reading-the-sources",
        "a list of highlights compiled {words} years later",
        lambda t: (
            _published(t, "state-2018-timeline").year
            - _published(t, "state-2014-compliance-report-release").year
        ),
    ),
    # ... and the Russian official sources of the event table (publisher: the Kremlin or the ministry)
    Quoted(
        "04-reading-the-sources",
        "A few more documents, {words} of them Russian official records",
        lambda tables: int(
            tables.sources.loc[tables.sources["source_id"].isin(tables.events["source_id"]), "publisher"]
            .str.contains("President of Russia|Russian Federation")
            .sum()
        ),
    ),
]
