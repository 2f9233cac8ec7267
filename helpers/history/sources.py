"""Read the three seed documents side by side: who wrote them, what they claim, where they disagree.

Lesson 4 ("Reading the sources") calls these functions. Every table is built
from ``data/`` (so the numbers are the table's own) plus short, verbatim
snippets of the seed documents, each attributed; the snippets are checked
against the source texts by the tests. Tables are shown with
:class:`SourceTable`, which escapes every cell for HTML and has a readable
plain-text form.

Examples
--------
>>> import helpers
>>> events = helpers.load_events()
>>> profiles = source_profiles(events)
>>> list(profiles["document"])[:1]
['INF Treaty: At a Glance']
>>> int(coverage(events).loc["state-2018-timeline", "events"])
52
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from helpers.data.paths import DATA_DIR

if TYPE_CHECKING:
    from helpers.display.figures import FigureOutput

__all__ = [
    "CLAIMS",
    "ELIMINATED_TOTAL",
    "PROFILES",
    "SEED_IDS",
    "Claim",
    "SourceProfile",
    "SourceTable",
    "claims_table",
    "contact_rows",
    "coverage",
    "coverage_alt_text",
    "coverage_figure",
    "disagreements",
    "find_claim",
    "normalise",
    "overtaken_claim",
    "profiles_side_by_side",
    "russian_responses",
    "sentences_with",
    "show_table",
    "source_profiles",
]

SEED_IDS: tuple[str, ...] = ("state-2017-at-a-glance", "state-2018-timeline", "huntsman-2019-op-ed")
"""The three seed documents, in the order they were published."""

SHORT_NAMES: dict[str, str] = {
    "state-2017-at-a-glance": "At a Glance (fact sheet)",
    "state-2018-timeline": "Highlights Timeline (fact sheet)",
    "huntsman-2019-op-ed": "Huntsman op-ed",
    "inf-treaty-text": "Treaty text (reference)",
}

ELIMINATED_TOTAL = 2692
"""Missiles eliminated under the treaty, 846 US and 1,846 Soviet (background fact 4: CRS Insight IN10985)."""

CONTACT_CATEGORIES: tuple[str, ...] = ("bilateral meeting", "experts meeting", "SVC session")
"""Event categories in which US and Russian officials meet or talk."""


# --------------------------------------------------------------------------- text helpers


def normalise(text: str) -> str:
    """Text folded for comparison: curly quotes made straight, spaces collapsed, lower case.

    Examples
    --------
    >>> normalise("  Russia\u2019s  \u201c9M729\u201d ")
    'russia\\'s "9m729"'
    """
    text = unicodedata.normalize("NFKC", str(text))
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _day(value: pd.Timestamp) -> str:
    """A date as '9 December 2017'."""
    return f"{value.day} {value:%B %Y}"


def _month(value: pd.Timestamp) -> str:
    """A date as 'May 2013'."""
    return f"{value:%B %Y}"


def _when(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> str:
    """An event's date as precisely as the source gives it.

    Examples
    --------
    >>> _when(pd.Timestamp("2013-05-01"), pd.Timestamp("2013-05-31"), "month")
    'May 2013'
    >>> _when(pd.Timestamp("2018-12-04"), pd.Timestamp("2019-02-02"), "approximate")
    'between 4 December 2018 and 2 February 2019'
    """
    if precision == "day":
        return _day(start) if start == end else f"{_day(start)} to {_day(end)}"
    if precision == "month":
        return _month(start)
    if precision == "year":
        return str(start.year)
    return f"between {_day(start)} and {_day(end)}"


# --------------------------------------------------------------------------- showing tables


class SourceTable:
    """A table for reading: every cell escaped in HTML, wrapped text, and a plain-text form.

    Examples
    --------
    >>> t = SourceTable(pd.DataFrame({"who": ["<b>US</b>"], "says": ["a & b"]}), caption="Test")
    >>> "&lt;b&gt;US&lt;/b&gt;" in t._repr_html_()
    True
    >>> print(t)
    Test
    - who: <b>US</b> | says: a & b
    """

    def __init__(self, frame: pd.DataFrame, caption: str | None = None) -> None:
        self.frame = frame
        self.caption = caption

    @staticmethod
    def _cell(value: object) -> str:
        if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
            return ""
        if isinstance(value, pd.Timestamp):
            return _day(value)
        return str(value)

    def _repr_html_(self) -> str:
        head = "".join(
            f'<th style="text-align:left;vertical-align:bottom;padding:4px 8px">{html.escape(str(c))}</th>'
            for c in self.frame.columns
        )
        rows = []
        for record in self.frame.itertuples(index=False):
            cells = "".join(
                f'<td style="text-align:left;vertical-align:top;padding:4px 8px;white-space:normal">'
                f"{html.escape(self._cell(v))}</td>"
                for v in record
            )
            rows.append(f"<tr>{cells}</tr>")
        caption = (
            f'<caption style="caption-side:top;text-align:left;font-weight:bold;padding:4px 0">'
            f"{html.escape(self.caption)}</caption>"
            if self.caption
            else ""
        )
        return (
            '<div style="overflow-x:auto"><table class="inf-source-table" '
            'style="border-collapse:collapse;font-size:0.95em">'
            f"{caption}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        lines = [self.caption] if self.caption else []
        for record in self.frame.itertuples(index=False):
            parts = [f"{c}: {self._cell(v)}" for c, v in zip(self.frame.columns, record, strict=True)]
            lines.append("- " + " | ".join(parts))
        return "\n".join(lines) if lines else "(empty table)"

    def __len__(self) -> int:
        return len(self.frame)


def show_table(
    frame: pd.DataFrame, columns: list[str] | None = None, caption: str | None = None
) -> SourceTable:
    """Wrap ``frame`` (optionally only ``columns``) for display as a readable, escaped table.

    Examples
    --------
    >>> show_table(pd.DataFrame({"a": [1], "b": [2]}), columns=["b"])
    - b: 2
    """
    shown = frame if columns is None else frame[list(columns)]
    return SourceTable(shown.reset_index(drop=True), caption=caption)


# --------------------------------------------------------------------------- who wrote what, when, why


@dataclass(frozen=True)
class SourceProfile:
    """What a reader should know about one seed document before trusting it."""

    source_id: str
    who: str
    when: str
    form: str
    for_whom: str
    why: str
    read_with_care: str


PROFILES: tuple[SourceProfile, ...] = (
    SourceProfile(
        source_id="state-2017-at-a-glance",
        who="US Department of State, Bureau of Arms Control, Verification and Compliance (no author named)",
        when="8 December 2017 (its web page shows 11 December 2017), the day before Russia's acknowledgement",
        form="Fact sheet: one of several issued the day the United States announced its Integrated Strategy",
        for_whom="Journalists, allies and the public following US policy",
        why="To announce new diplomatic, military and economic steps and to explain why Russia is to blame",
        read_with_care=(
            "Its statement that Russian officials had 'not even acknowledged' the missile was overtaken "
            "the next day."
        ),
    ),
    SourceProfile(
        source_id="state-2018-timeline",
        who="US Department of State (no author named)",
        when="16 November 2018, after President Trump said he meant to leave the treaty (20 October 2018)",
        form="Fact sheet: a dated list of 'public highlights' of US diplomacy since 2013",
        for_whom="The public, the press and allies; it was posted on the US Embassy in Russia's website",
        why="To show that the United States tried diplomacy for five years before deciding to leave",
        read_with_care=(
            "A selection, not a full record. Russia's answers appear only as one-line US summaries."
        ),
    ),
    SourceProfile(
        source_id="huntsman-2019-op-ed",
        who="Jon Huntsman, US Ambassador to Russia, who met Russian officials on the issue himself",
        when="5 February 2019, three days after the US suspended its obligations and gave notice",
        form="Opinion article (op-ed) in The Moscow Times; a Russian version appeared first in RBC",
        for_whom="Russian readers, in Russian and in English",
        why="To explain and defend the US withdrawal to the Russian public and put the blame on Moscow",
        read_with_care=(
            "An argument, not a record: it rounds numbers, gives few dates and uses strong words."
        ),
    ),
)
"""Our reading of each seed (facts from data/sources.csv, the seeds and background-facts.md)."""


def source_profiles(events: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per seed document: title, who, when, form, readers, purpose, and events coded from it.

    Parameters
    ----------
    events, sources
        The event and source tables; loaded from ``data/`` when not given.

    Examples
    --------
    >>> import helpers
    >>> table = source_profiles(helpers.load_events())
    >>> table[["document", "events coded"]].values.tolist()[-1]
    ['A Forced Decision: Why the U.S. Withdrew From the INF Treaty', 11]
    """
    import helpers

    events = helpers.load_events() if events is None else events
    sources = helpers.load_sources() if sources is None else sources
    titles = sources.set_index("source_id")["title"]
    counts = events["source_id"].value_counts()
    rows = []
    for profile in PROFILES:
        rows.append(
            {
                "source_id": profile.source_id,
                "document": titles.get(profile.source_id, profile.source_id),
                "who wrote it": profile.who,
                "when": profile.when,
                "what kind": profile.form,
                "written for": profile.for_whom,
                "why": profile.why,
                "read with care": profile.read_with_care,
                "events coded": int(counts.get(profile.source_id, 0)),
            }
        )
    return pd.DataFrame(rows)


def profiles_side_by_side(
    events: pd.DataFrame | None = None, sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """:func:`source_profiles` turned round: one row per question, one column per document.

    Examples
    --------
    >>> import helpers
    >>> table = profiles_side_by_side(helpers.load_events())
    >>> list(table.columns)
    ['question', 'At a Glance (fact sheet)', 'Highlights Timeline (fact sheet)', 'Huntsman op-ed']
    >>> table["question"].tolist()[0], table["question"].tolist()[-1]
    ('document', 'events coded')
    """
    profiles = source_profiles(events, sources).set_index("source_id")
    turned = profiles.T.rename(columns=SHORT_NAMES)
    turned = turned.astype(str).reset_index(names="question")
    turned.columns.name = None
    return turned


# --------------------------------------------------------------------------- coverage


def coverage(events: pd.DataFrame) -> pd.DataFrame:
    """How many events each source records, and the span of their dates (indexed by ``source_id``).

    Examples
    --------
    >>> import helpers
    >>> table = coverage(helpers.load_events())
    >>> row = table.loc["state-2017-at-a-glance"]
    >>> int(row["events"]), row["first"], row["last"]
    (2, '8 December 2017', '8 December 2017')
    """
    rows = []
    order = list(SEED_IDS) + sorted(set(events["source_id"]) - set(SEED_IDS))
    for source_id in order:
        chunk = events[events["source_id"] == source_id]
        if chunk.empty:
            continue
        first, last = chunk["date_start"].min(), chunk["date_end"].max()
        rows.append(
            {
                "source_id": source_id,
                "source": SHORT_NAMES.get(source_id, source_id),
                "events": len(chunk),
                "first": _day(first),
                "last": _day(last),
                "first_date": first,
                "last_date": last,
            }
        )
    return pd.DataFrame(rows).set_index("source_id")


def coverage_alt_text(events: pd.DataFrame, sources: pd.DataFrame | None = None) -> str:
    """A one-paragraph description of :func:`coverage_figure`, computed from the data.

    Examples
    --------
    >>> import helpers
    >>> text = coverage_alt_text(helpers.load_events())
    >>> "52 events" in text and "from May 2013 to November 2018" in text
    True
    """
    import helpers

    sources = helpers.load_sources() if sources is None else sources
    published = sources.set_index("source_id")["date_published"]
    table = coverage(events)
    parts = []
    for source_id, row in table.iterrows():
        label = SHORT_NAMES.get(source_id, source_id)
        when = published.get(source_id)
        label += f", published {_day(when)}" if isinstance(when, pd.Timestamp) and not pd.isna(when) else ""
        noun = "event" if row["events"] == 1 else "events"
        first, last = _month(row["first_date"]), _month(row["last_date"])
        span = f"in {first}" if first == last else f"from {first} to {last}"
        parts.append(f"{label}: {row['events']} {noun} {span}")
    return (
        f"Dot chart of the {len(events)} events in the table, one row of dots per source that records "
        "them, on a time axis from 1987 to 2019. " + "; ".join(parts) + "."
    )


def coverage_figure(events: pd.DataFrame, sources: pd.DataFrame | None = None) -> FigureOutput:
    """A dot chart: one row per source, one dot per event it records, and a mark where it was published.

    The time axis is broken in two: 1986-2008 on the left (the treaty's early years),
    2012-2019 on the right, drawn wider because most events fall there. Spans longer
    than a month (the "mid-2000s", the 60 days of continued denials) are drawn as a
    bar from the first to the last possible day.

    Examples
    --------
    >>> import helpers
    >>> out = coverage_figure(helpers.load_events())
    >>> [len(ax.get_yticks()) for ax in out.figure.axes]
    [4, 4]
    """
    import matplotlib as mpl

    import helpers
    from helpers.display.figures import new_figure, show_figure
    from helpers.display.style import OKABE_ITO, RC_PARAMS

    sources = helpers.load_sources() if sources is None else sources
    published = sources.set_index("source_id")["date_published"]
    table = coverage(events)
    looks = [
        (OKABE_ITO["blue"], "o"),
        (OKABE_ITO["vermillion"], "s"),
        (OKABE_ITO["bluish green"], "D"),
        (OKABE_ITO["grey"], "^"),
    ]
    windows = [
        (pd.Timestamp("1986-01-01"), pd.Timestamp("2008-12-31")),
        (pd.Timestamp("2012-10-01"), pd.Timestamp("2019-12-31")),
    ]
    with mpl.rc_context(RC_PARAMS):
        fig, first_ax = new_figure(12, 5)
        first_ax.remove()
        axes = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1, 2.6], "wspace": 0.04})
        labels = []
        for position, source_id in enumerate(table.index):
            colour, marker = looks[min(position, len(looks) - 1)]
            chunk = events[events["source_id"] == source_id]
            long = (chunk["date_end"] - chunk["date_start"]).dt.days > 31
            y = len(table) - 1 - position
            when = published.get(source_id)
            show_published = source_id in SEED_IDS and isinstance(when, pd.Timestamp) and not pd.isna(when)
            for ax in axes:
                for _, row in chunk[long].iterrows():
                    ax.plot(
                        [row["date_start"], row["date_end"]], [y, y], color=colour, linewidth=7, alpha=0.6
                    )
                ax.scatter(
                    chunk.loc[~long, "date_start"],
                    [y] * int((~long).sum()),
                    color=colour,
                    marker=marker,
                    s=70,
                    alpha=0.8,
                    edgecolor="white",
                    linewidth=0.6,
                    zorder=3,
                )
            if show_published:
                ax = axes[1]
                ax.plot([when, when], [y - 0.38, y + 0.38], color="#1a1a1a", linewidth=2.5, zorder=4)
                ax.annotate(
                    f"published {when:%b %Y}",
                    (when, y + 0.38),
                    xytext=(-4, 3),
                    textcoords="offset points",
                    ha="right",
                    fontsize=11,
                    color="#1a1a1a",
                )
            count = int(table.loc[source_id, "events"])
            noun = "event" if count == 1 else "events"
            labels.append((y, f"{SHORT_NAMES.get(source_id, source_id)}\n{count} {noun}"))
        for ax, (low, high) in zip(axes, windows, strict=True):
            ax.set_xlim(low, high)
            ax.grid(axis="x", color="#dddddd", linewidth=0.8)
            ax.set_axisbelow(True)
            ax.xaxis.set_major_locator(mpl.dates.YearLocator(10 if ax is axes[0] else 1))
            ax.xaxis.set_major_formatter(mpl.dates.DateFormatter("%Y"))
        axes[0].set_yticks([y for y, _ in labels], [text for _, text in labels])
        axes[0].set_ylim(-0.7, len(table) - 0.2)
        axes[1].spines["left"].set_linestyle((0, (4, 3)))
        axes[1].tick_params(axis="y", left=False)
        fig.supxlabel("Date of the event (the axis skips 2009-2012; a bar spans a vague date)", fontsize=13)
        fig.suptitle("Which source records which events", fontsize=16)
    return show_figure(fig, coverage_alt_text(events, sources))


# --------------------------------------------------------------------------- claims


@dataclass(frozen=True)
class Claim:
    """One claim as a source reports it, with a short verbatim snippet where the source is a seed."""

    when: str
    who: str
    claim: str
    source_id: str
    snippet: str
    note: str = ""

    @property
    def recorded_in(self) -> str:
        """The readable name of the source, with any note on where the rest comes from."""
        name = SHORT_NAMES.get(self.source_id, self.source_id)
        return f"{name}; {self.note}" if name and self.note else (name or self.note)


CLAIMS: tuple[Claim, ...] = (
    Claim(
        "June and November 2013",
        "Russia",
        "Denies any activity that breaks the treaty and says it remains committed to it.",
        "state-2018-timeline",
        "denying noncompliant activities and reaffirms Russia\u2019s commitment to the INF Treaty",
    ),
    Claim(
        "September 2014 and April 2015",
        "Russia",
        "At the first two experts meetings, denies that the missile exists.",
        "state-2018-timeline",
        "Russia denies the existence of the missile.",
    ),
    Claim(
        "2013 to 2018 (an undated list)",
        "United States",
        "The missile can fly to ranges the treaty bans; the US gave Russia details, including test data.",
        "state-2018-timeline",
        "The violating GLCM has a range capability between 500 and 5,500 kilometers",
    ),
    Claim(
        "9 December 2017",
        "Russia",
        "Acknowledges that the 9M729 exists, but says it cannot fly to a range the treaty bans.",
        "state-2018-timeline",
        "publicly acknowledges the existence of the 9M729 but claims it is not capable of INF range",
    ),
    Claim(
        "21 June 2018",
        "Russia",
        "At the third experts meeting, refuses to discuss the missile any further.",
        "state-2018-timeline",
        "Russia refuses further discussion of the violating missile.",
    ),
    Claim(
        "no date given",
        "Russia",
        "Accuses the United States of breaking the treaty itself: with missile-defence target missiles, "
        "Aegis Ashore missile-defence sites in Poland and Romania, and armed drones.",
        "huntsman-2019-op-ed",
        "U.S. ballistic missile defense targets, Aegis Ashore missile defense systems in Poland and "
        "Romania, and armed UAVs violate the treaty",
    ),
    Claim(
        "no date given",
        "United States",
        "Calls these Russian claims false and says it responded in detail.",
        "huntsman-2019-op-ed",
        "the U.S. has responded in detail to these false Russian claims",
    ),
    Claim(
        "no date given",
        "United States",
        "Russia flight-tested the missile beyond the treaty's lower limit.",
        "huntsman-2019-op-ed",
        "Russia flight tested the 9M729 to distances well over 500 kilometers.",
    ),
    Claim(
        "23 January 2019",
        "Russia",
        "Shows the 9M729 to foreign military attach\u00e9s near Moscow and says its maximum range is 480 km "
        "(NATO states did not attend).",
        "",
        "",
        "news reports (TASS, 24 January 2019): background fact 16",
    ),
    Claim(
        "2 February 2019",
        "Russia",
        "President Putin announces that Russia suspends its own participation in the treaty, "
        "a 'mirror response' to the US suspension.",
        "huntsman-2019-op-ed",
        "Russia's decision to suspend its participation in the treaty",
        "date and 'mirror response' from TASS (background fact 14)",
    ),
)
"""Claims and counter-claims, in the order they were made. Undated claims sit where the op-ed puts them."""


def claims_table() -> pd.DataFrame:
    """The claims and counter-claims as a table (when, who, claim, recorded in, snippet).

    Examples
    --------
    >>> table = claims_table()
    >>> table["who"].value_counts().to_dict()
    {'Russia': 7, 'United States': 3}
    """
    return pd.DataFrame(
        [
            {
                "when": c.when,
                "who": c.who,
                "claim": c.claim,
                "recorded in": c.recorded_in,
                "words of the source": f"\u201c{c.snippet}\u201d" if c.snippet else "(not quoted)",
            }
            for c in CLAIMS
        ]
    )


def russian_responses(events: pd.DataFrame) -> pd.DataFrame:
    """The rows where a source records Russia's answer (``russian_response`` filled), in date order.

    Examples
    --------
    >>> import helpers
    >>> table = russian_responses(helpers.load_events())
    >>> table["response"].value_counts().sort_index().to_dict()
    {'acknowledgement': 1, 'denial': 5, 'refusal': 1, 'suspension': 1}
    >>> table["date"].tolist()[0]
    '25 June 2013'
    """
    rows = events[events["russian_response"].notna()].sort_values(["date_start", "event_id"])
    return pd.DataFrame(
        {
            "date": [
                _when(start, end, precision)
                for start, end, precision in zip(
                    rows["date_start"], rows["date_end"], rows["date_precision"], strict=True
                )
            ],
            "response": rows["russian_response"].astype(str).tolist(),
            "what the source says happened": rows["summary"].tolist(),
            "source": [SHORT_NAMES.get(s, s) for s in rows["source_id"]],
            "event_id": rows["event_id"].tolist(),
        }
    )


def contact_rows(events: pd.DataFrame, source_id: str = "state-2018-timeline") -> pd.DataFrame:
    """Rows of ``source_id`` in which US and Russian officials meet or talk (see ``CONTACT_CATEGORIES``).

    Examples
    --------
    >>> import helpers
    >>> len(contact_rows(helpers.load_events()))
    24
    """
    chosen = (events["source_id"] == source_id) & events["category"].isin(CONTACT_CATEGORIES)
    return events[chosen]


def find_claim(events: pd.DataFrame, *words: str) -> SourceTable:
    """Rows whose summary or evidence contains every one of ``words`` (any case), to trace a claim.

    Examples
    --------
    >>> import helpers
    >>> found = find_claim(helpers.load_events(), "Kerry", "Putin")
    >>> found.frame["event_id"].tolist()
    ['2015-05-12-kerry-raises-with-putin']
    >>> len(find_claim(helpers.load_events()))
    0
    """
    wanted = [normalise(w) for w in words if str(w).strip()]
    if not wanted:
        return SourceTable(
            pd.DataFrame(columns=["event_id", "date", "source", "evidence"]), "No words given."
        )
    text = (events["summary"].fillna("") + " " + events["evidence"].fillna("")).map(normalise)
    mask = pd.Series(True, index=events.index)
    for word in wanted:
        mask &= text.str.contains(word, regex=False)
    rows = events[mask].sort_values(["date_start", "event_id"])
    frame = pd.DataFrame(
        {
            "event_id": rows["event_id"].tolist(),
            "date": [_day(d) for d in rows["date_start"]],
            "source": [SHORT_NAMES.get(s, s) for s in rows["source_id"]],
            "evidence": rows["evidence"].tolist(),
        }
    )
    caption = f"{len(frame)} row(s) containing " + " and ".join(f"'{w}'" for w in words if str(w).strip())
    return SourceTable(frame, caption)


def sentences_with(source_id: str, *words: str, sources: pd.DataFrame | None = None) -> list[str]:
    """Sentences of a bundled source text (the two fact sheets) that contain every one of ``words``.

    The op-ed is not bundled (it is copyrighted), so it returns an empty list.

    Examples
    --------
    >>> sentences_with("state-2017-at-a-glance", "acknowledged")
    ['Indeed, Russian officials have not even acknowledged the existence of the missile system in question.']
    >>> sentences_with("huntsman-2019-op-ed", "Russia")
    []
    """
    import helpers

    sources = helpers.load_sources() if sources is None else sources
    files = sources.set_index("source_id")["text_file"]
    name = files.get(source_id)
    if not isinstance(name, str) or not name:
        return []
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    wanted = [normalise(w) for w in words]
    return [s.strip() for s in sentences if s.strip() and all(w in normalise(s) for w in wanted)]


def overtaken_claim(events: pd.DataFrame) -> SourceTable:
    """The At a Glance sentence of 8 December 2017 beside the timeline row of the next day.

    Examples
    --------
    >>> import helpers
    >>> table = overtaken_claim(helpers.load_events())
    >>> table.frame["date"].tolist()
    ['8 December 2017', '9 December 2017']
    """
    row = events[events["event_id"] == "2017-12-09-ryabkov-acknowledges-9m729"].iloc[0]
    return SourceTable(
        pd.DataFrame(
            [
                {
                    "date": "8 December 2017",
                    "source": SHORT_NAMES["state-2017-at-a-glance"],
                    "what it says": "Russian officials have not even acknowledged the existence of the "
                    "missile system in question.",
                },
                {
                    "date": _day(row["date_start"]),
                    "source": SHORT_NAMES[row["source_id"]],
                    "what it says": row["evidence"],
                },
            ]
        ),
        caption="A claim overtaken the next day",
    )


# --------------------------------------------------------------------------- disagreements and rounding


def disagreements(events: pd.DataFrame) -> pd.DataFrame:
    """Where the sources disagree or round, beside what the event table itself shows (computed here).

    Examples
    --------
    >>> import helpers
    >>> table = disagreements(helpers.load_events())
    >>> table.loc[0, "the table shows"]
    "3 rows with category 'experts meeting' (2014, 2015, 2018); with the 2 SVC sessions, 5 meetings."
    """
    experts = events[events["category"] == "experts meeting"].sort_values("date_start")
    svc = events[events["category"] == "SVC session"]
    contacts = contact_rows(events)
    finding = events[events["event_id"] == "2014-07-31-compliance-report-finds-violation"]
    acknowledged = events[events["russian_response"] == "acknowledgement"]
    denials = events[(events["russian_response"] == "denial") & (events["phase"] == "diplomacy")]
    years = ", ".join(str(y) for y in experts["date_start"].dt.year)
    rows = [
        {
            "topic": "Meetings of experts",
            "timeline (16 Nov 2018)": "three, each 'Per U.S. initiative': 'bilateral experts meeting', "
            "'second ...', 'third ...'",
            "At a Glance (8 Dec 2017)": "",
            "op-ed (5 Feb 2019)": "'six meetings of technical experts'",
            "other sources": "",
            "the table shows": f"{len(experts)} rows with category 'experts meeting' ({years}); "
            f"with the {len(svc)} SVC sessions, {len(experts) + len(svc)} meetings.",
        },
        {
            "topic": "US contacts with Russia",
            "timeline (16 Nov 2018)": "'more than 30 engagements'; lists only 'Some public highlights'",
            "At a Glance (8 Dec 2017)": "'engaged up to the highest levels of government'",
            "op-ed (5 Feb 2019)": "'on over thirty occasions'",
            "other sources": "51, in a later US embassy FAQ (background notes)",
            "the table shows": f"{len(contacts)} timeline rows in which US and Russian officials meet "
            "(bilateral meetings, experts meetings, SVC sessions).",
        },
        {
            "topic": "Missiles destroyed",
            "timeline (16 Nov 2018)": "",
            "At a Glance (8 Dec 2017)": "",
            "op-ed (5 Feb 2019)": "'more than 2,600 missiles'",
            "other sources": f"{ELIMINATED_TOTAL:,} (846 US, 1,846 Soviet): CRS Insight IN10985",
            "the table shows": f"the elimination row records {ELIMINATED_TOTAL:,}; the op-ed rounds "
            f"down by {ELIMINATED_TOTAL - 2600}.",
        },
        {
            "topic": "First public US finding",
            "timeline (16 Nov 2018)": "'July 31, 2014': the 2014 Compliance Report",
            "At a Glance (8 Dec 2017)": "'in July 2014'",
            "op-ed (5 Feb 2019)": "not dated",
            "other sources": "",
            "the table shows": (
                f"{_day(finding['date_start'].iloc[0])}, precision '{finding['date_precision'].iloc[0]}'."
                if not finding.empty
                else "no row"
            ),
        },
        {
            "topic": "Did Russia admit the missile exists?",
            "timeline (16 Nov 2018)": "yes, on 'December 9, 2017'",
            "At a Glance (8 Dec 2017)": "'have not even acknowledged the existence of the missile system "
            "in question'",
            "op-ed (5 Feb 2019)": "'which it had denied until 2017'",
            "other sources": "",
            "the table shows": f"{len(denials)} denial rows from {denials['date_start'].dt.year.min()} to "
            f"{denials['date_start'].dt.year.max()}; "
            + (
                f"the acknowledgement on {_day(acknowledged['date_start'].iloc[0])}."
                if not acknowledged.empty
                else "no acknowledgement."
            ),
        },
        {
            "topic": "The missile's range",
            "timeline (16 Nov 2018)": "US: 'range capability between 500 and 5,500 kilometers'; "
            "Russia, as the timeline reports it: 'claims it is not capable of INF range'",
            "At a Glance (8 Dec 2017)": "",
            "op-ed (5 Feb 2019)": "US: tested 'well over 500 kilometers'",
            "other sources": "Russia, 23 January 2019: maximum range 480 km (TASS; background fact 16)",
            "the table shows": "no range column: the table records who said what, not which range is true.",
        },
    ]
    return pd.DataFrame(rows)
