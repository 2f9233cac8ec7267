"""The INF Treaty in numbers, and a classifier that says whether a missile fell under its ban.

Lesson 1 ("Treaty background") uses this module. It holds:

* the treaty's range bands (Article II) as constants, and :func:`classify_missile`,
  which applies them to one missile and never raises, whatever it is given;
* :func:`eliminations`, a small sourced table of the missiles each side destroyed;
* :func:`treaty_facts`, the lesson's key facts, each with its source;
* :func:`treaty_milestones`, the treaty's own steps taken from the events table.

Every number here comes from ``background-facts.md`` (the collection's list
of checked facts) or from the seed documents; the ``source`` columns say which.
Importing this module is cheap: it needs pandas, nothing for plotting or widgets.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

import pandas as pd

__all__ = [
    "BANDS",
    "INSPECTIONS_ENDED",
    "INTERMEDIATE_RANGE_MAX_KM",
    "LAUNCH_MODES",
    "SHORTER_RANGE_MAX_KM",
    "SHORTER_RANGE_MIN_KM",
    "Classification",
    "classify_missile",
    "classify_table",
    "eliminations",
    "normalise_launch_mode",
    "parse_range_km",
    "treaty_facts",
    "treaty_milestones",
]

# --------------------------------------------------------------------------- the range bands

SHORTER_RANGE_MIN_KM: int = 500
"""The lowest range the treaty covered: a range of exactly 500 km is a shorter-range missile."""

SHORTER_RANGE_MAX_KM: int = 1000
"""The top of the shorter-range band: exactly 1,000 km is still shorter-range."""

INTERMEDIATE_RANGE_MAX_KM: int = 5500
"""The top of the intermediate-range band: exactly 5,500 km is still intermediate-range."""

BANDS: tuple[str, ...] = ("below 500 km", "shorter-range", "intermediate-range", "above 5,500 km")
"""The four range bands :func:`classify_missile` can report, from shortest to longest."""

LAUNCH_MODES: tuple[str, ...] = ("ground", "sea", "air")
"""Where a missile is launched from. Only ground-launched missiles fell under the treaty."""

KINDS: tuple[str, ...] = ("ballistic", "cruise")
"""The two kinds of ground-launched missile the treaty covered (GLBMs and GLCMs)."""

INSPECTIONS_ENDED: dt.date = dt.date(2001, 5, 31)
"""On-site inspections and portal monitoring ended at midnight on this day (background fact 10)."""

_MODE_WORDS: dict[str, str] = {
    "ground": "ground",
    "land": "ground",
    "land-based": "ground",
    "ground-based": "ground",
    "ground-launched": "ground",
    "land-launched": "ground",
    "sea": "sea",
    "sea-based": "sea",
    "sea-launched": "sea",
    "ship": "sea",
    "ship-launched": "sea",
    "submarine": "sea",
    "submarine-launched": "sea",
    "naval": "sea",
    "air": "air",
    "air-launched": "air",
    "aircraft": "air",
    "airborne": "air",
    "bomber": "air",
}

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_UNIT = re.compile(r"\s*(km|kms|kilometres|kilometers|kilometre|kilometer)\.?$")


def _km(value: float) -> str:
    """A range in kilometres as a reader writes it: ``1,000 km``, ``1,000.5 km``.

    Examples
    --------
    >>> _km(1000), _km(1000.5), _km(480.0)
    ('1,000 km', '1,000.5 km', '480 km')
    """
    if float(value).is_integer():
        return f"{int(value):,} km"
    return f"{value:,.2f}".rstrip("0").rstrip(".") + " km"


def parse_range_km(value: Any) -> float | None:
    """Read a range in kilometres from a number or text; ``None`` if it is not a usable range.

    A usable range is a finite number greater than zero. Text may have thousands
    commas and a unit (``"1,500 km"``). ``True``/``False``, ``NaN``, infinity,
    zero, negative numbers, empty text and other objects all give ``None``.

    Examples
    --------
    >>> parse_range_km(480), parse_range_km("1,500 km"), parse_range_km(" 5500.0 ")
    (480.0, 1500.0, 5500.0)
    >>> [parse_range_km(v) for v in (-5, 0, float("nan"), "far", None, True, [500])]
    [None, None, None, None, None, None, None]
    """
    if value is None or isinstance(value, bool | bytes | bytearray):
        return None
    if isinstance(value, str):
        text = _UNIT.sub("", value.strip().lower()).strip()
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        try:
            number = float(text)
        except ValueError:
            return None
    elif isinstance(value, numbers.Real):
        number = float(value)
    else:
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            return None
    if not math.isfinite(number) or number <= 0:
        return None
    return number


def normalise_launch_mode(value: Any) -> str | None:
    """``"ground"``, ``"sea"`` or ``"air"`` for a launch mode in everyday words; ``None`` if unknown.

    Examples
    --------
    >>> [normalise_launch_mode(word) for word in ("Ground-launched", "submarine", "AIR")]
    ['ground', 'sea', 'air']
    >>> normalise_launch_mode("space"), normalise_launch_mode(3)
    (None, None)
    """
    if not isinstance(value, str):
        return None
    words = value.strip().lower().replace("_", "-").replace(" ", "-")
    return _MODE_WORDS.get(words)


def _band(range_km: float) -> str:
    if range_km < SHORTER_RANGE_MIN_KM:
        return "below 500 km"
    if range_km <= SHORTER_RANGE_MAX_KM:
        return "shorter-range"
    if range_km <= INTERMEDIATE_RANGE_MAX_KM:
        return "intermediate-range"
    return "above 5,500 km"


# --------------------------------------------------------------------------- the classifier

_VERDICT = {
    True: ("\u26d4", "Banned by the INF Treaty", "#fdecea", "#8a1c00"),
    False: ("\u2714\ufe0f", "Not banned by the INF Treaty", "#e8f5e9", "#1b5e20"),
    None: ("\u2753", "Cannot say yet", "#e3f2fd", "#0d3c61"),
}


@dataclass(frozen=True)
class Classification:
    """What :func:`classify_missile` decided about one missile.

    Attributes
    ----------
    banned : bool or None
        True if the treaty banned such a missile, False if not, None if the
        input was not enough to say (no usable range, unknown launch mode).
    band : str or None
        Where the range falls: one of :data:`BANDS`, or None without a usable range.
        The treaty's own definitions of "shorter-range" and "intermediate-range"
        apply only to ground-launched missiles; for sea- and air-launched missiles
        the band just says where the number lies.
    reason : str
        One plain sentence explaining the answer.
    range_km : float or None
        The range that was used, in kilometres.
    launch_mode : str or None
        ``"ground"``, ``"sea"`` or ``"air"``.
    kind : str or None
        ``"ballistic"``, ``"cruise"`` or None if not given.

    Examples
    --------
    >>> result = classify_missile(480, "ground", "cruise")
    >>> print(result)
    Not banned by the INF Treaty: A ground-launched cruise missile with a range of 480 km is below the
    treaty's 500 km lower limit, so the INF Treaty did not ban it.
    >>> "\u2714" in result._repr_html_()
    True
    """

    banned: bool | None
    band: str | None
    reason: str
    range_km: float | None = None
    launch_mode: str | None = None
    kind: str | None = None

    @property
    def verdict(self) -> str:
        """The answer in words: "Banned by the INF Treaty", "Not banned by ..." or "Cannot say yet"."""
        return _VERDICT[self.banned][1]

    def __str__(self) -> str:
        return f"{self.verdict}: {self.reason}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        icon, label, background, ink = _VERDICT[self.banned]
        return (
            f'<div role="status" class="inf-classification" style="background:{background};color:{ink};'
            f'border-left:6px solid {ink};padding:0.6em 0.9em;border-radius:4px;font-size:1.05em">'
            f'<span aria-hidden="true">{icon}</span> <strong>{escape(label)}.</strong> '
            f"{escape(self.reason)}</div>"
        )


def _describe(launch_mode: str, kind: str | None) -> str:
    return f"{launch_mode}-launched {kind} missile" if kind else f"{launch_mode}-launched missile"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def classify_missile(range_km: Any, launch_mode: Any = "ground", kind: Any = None) -> Classification:
    """Would the INF Treaty have banned this missile? Never raises, whatever it is given.

    The treaty banned ground-launched ballistic and cruise missiles with a range
    from 500 to 5,500 km (background fact 7). That the ban covered conventional
    missiles too is an inference from the State Department's *INF Treaty: At a
    Glance* (8 December 2017): it lets the US research "conventional,
    ground-launched, intermediate-range missile systems" only short of possessing,
    producing or flight-testing "prohibited systems". The warhead plays no part
    here. Article II splits the range span into two bands (background fact 8),
    and this function uses them as follows:

    * **shorter-range**: from 500 km up to and including 1,000 km. A range of
      exactly 500 km is *inside* the ban; 499.9 km is not.
    * **intermediate-range**: more than 1,000 km, up to and including 5,500 km.
      Exactly 1,000 km is shorter-range; exactly 5,500 km is still intermediate-range
      and banned; anything above 5,500 km is outside the treaty.

    Sea- and air-launched missiles were not covered, whatever their range.

    Parameters
    ----------
    range_km : number or text
        The missile's range in kilometres: ``480``, ``1500.5`` or ``"1,500 km"``.
        Anything that is not a positive number (text such as ``"far"``, ``None``,
        NaN, zero, a negative number) gives a result asking for a range in km.
    launch_mode : str, default "ground"
        ``"ground"``, ``"sea"`` or ``"air"`` (everyday words such as ``"land"``,
        ``"submarine"`` or ``"air-launched"`` work too).
    kind : str, optional
        ``"ballistic"`` or ``"cruise"``. It does not change the answer (the treaty
        covered both kinds); it only makes the reason read better.

    Returns
    -------
    Classification
        ``banned`` (True, False or None), ``band`` and a one-sentence ``reason``.

    Examples
    --------
    >>> classify_missile(500, "ground", "ballistic").banned
    True
    >>> classify_missile(499.9, "ground").banned
    False
    >>> [classify_missile(km, "ground").band for km in (1000, 1000.1, 5500, 5500.1)]
    ['shorter-range', 'intermediate-range', 'intermediate-range', 'above 5,500 km']
    >>> classify_missile(2000, "sea", "cruise").banned
    False
    >>> print(classify_missile("far", "ground"))
    Cannot say yet: Please give a range in km: a number greater than zero, such as 480 or 1500 (got 'far').
    """
    try:
        return _classify(range_km, launch_mode, kind)
    except Exception as error:  # a student's input must never crash the lesson
        return Classification(
            None,
            None,
            f"That input could not be classified ({type(error).__name__}). Please give a range in km.",
        )


def _classify(range_km: Any, launch_mode: Any, kind: Any) -> Classification:
    number = parse_range_km(range_km)
    if number is None:
        return Classification(
            None,
            None,
            "Please give a range in km: a number greater than zero, such as 480 or 1500 "
            f"(got {_shown(range_km)}).",
        )
    mode = normalise_launch_mode(launch_mode)
    if mode is None:
        return Classification(
            None,
            _band(number),
            f"Please choose a launch mode: 'ground', 'sea' or 'air' (got {_shown(launch_mode)}).",
            range_km=number,
        )
    if kind is not None and not (isinstance(kind, str) and kind.strip().lower() in KINDS):
        return Classification(
            None,
            _band(number),
            f"The kind should be 'ballistic' or 'cruise', or left out (got {_shown(kind)}).",
            range_km=number,
            launch_mode=mode,
        )
    kind = kind.strip().lower() if kind is not None else None
    band = _band(number)
    what = f"A {_describe(mode, kind)} with a range of {_km(number)}"
    done = {"range_km": number, "launch_mode": mode, "kind": kind}
    if mode != "ground":
        return Classification(
            False,
            band,
            f"{what} was not covered: the INF Treaty banned only ground-launched missiles "
            "and left out sea- and air-launched ones, whatever their range.",
            **done,
        )
    if band == "below 500 km":
        return Classification(
            False,
            band,
            f"{what} is below the treaty's 500 km lower limit, so the INF Treaty did not ban it.",
            **done,
        )
    if band == "above 5,500 km":
        return Classification(
            False,
            band,
            f"{what} is above the treaty's 5,500 km upper limit, so the INF Treaty did not ban it.",
            **done,
        )
    span = "from 500 up to and including 1,000 km" if band == "shorter-range" else "over 1,000 up to 5,500 km"
    return Classification(
        True, band, f"{what} falls in the treaty's {band} band ({span}), so the INF Treaty banned it.", **done
    )


def classify_table(cases: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Classify several missiles at once: one row per case, with the verdict and the reason.

    Parameters
    ----------
    cases : iterable of dict
        Each with ``range_km`` and ``launch_mode``, and optionally ``kind`` and
        ``case`` (a label for the row). Missing keys count as missing input.

    Returns
    -------
    pandas.DataFrame
        Columns ``case``, ``range_km``, ``launch_mode``, ``kind``, ``banned``, ``band``, ``reason``.

    Examples
    --------
    >>> table = classify_table([
    ...     {"case": "A", "range_km": 480, "launch_mode": "ground", "kind": "cruise"},
    ...     {"case": "B", "range_km": 1500, "launch_mode": "sea"},
    ... ])
    >>> table.banned.tolist(), table.band.tolist()
    ([False, False], ['below 500 km', 'intermediate-range'])
    """
    rows = []
    for number, case in enumerate(cases, start=1):
        case = case if isinstance(case, Mapping) else {}
        result = classify_missile(case.get("range_km"), case.get("launch_mode"), case.get("kind"))
        rows.append(
            {
                "case": str(case.get("case", number)),
                "range_km": case.get("range_km"),
                "launch_mode": case.get("launch_mode"),
                "kind": case.get("kind"),
                "banned": result.banned,
                "band": result.band,
                "reason": result.reason,
            }
        )
    columns = ["case", "range_km", "launch_mode", "kind", "banned", "band", "reason"]
    return pd.DataFrame(rows, columns=columns).astype({"banned": "object"})


# --------------------------------------------------------------------------- the numbers

_HARAHAN = "J. Harahan, On-Site Inspections Under the INF Treaty, ch. 6 (FAS copy); background fact 5"
_CRS_COUNT = "CRS Insight IN10985 (1 Feb 2019); State Dept spokesman (2012); background fact 4"


def eliminations() -> pd.DataFrame:
    """The missiles each side eliminated under the treaty (complete by May 1991), with sources.

    The US count is given system by system. The Soviet count is split only into
    the SS-20 and "all other Soviet systems": the collection has no checked
    source for the other Soviet systems one by one (SS-4, SS-5, SS-12, SS-23),
    so their 1,192 missiles stay together (1,846 - 654).

    Returns
    -------
    pandas.DataFrame
        One row per system: ``side``, ``system``, ``missiles`` (int) and ``source``.

    Examples
    --------
    >>> table = eliminations()
    >>> table.groupby("side", sort=False).missiles.sum().to_dict()
    {'United States': 846, 'Soviet Union': 1846}
    >>> int(table.missiles.sum())
    2692
    """
    rows = [
        ("United States", "Pershing II", 234, _HARAHAN),
        ("United States", "Pershing IA", 169, _HARAHAN),
        ("United States", "BGM-109G GLCM", 443, _HARAHAN),
        ("Soviet Union", "SS-20", 654, _CRS_COUNT),
        (
            "Soviet Union",
            "all other Soviet systems",
            1192,
            "1,846 Soviet total minus 654 SS-20s (background fact 4); no checked source splits it further",
        ),
    ]
    table = pd.DataFrame(rows, columns=["side", "system", "missiles", "source"])
    return table.astype({"missiles": "int64"})


def treaty_facts() -> pd.DataFrame:
    """The lesson's key facts, each with its value and source (from ``background-facts.md``).

    Returns
    -------
    pandas.DataFrame
        Columns ``fact``, ``value`` and ``source``.

    Examples
    --------
    >>> facts = treaty_facts().set_index("fact")
    >>> facts.loc["Missiles eliminated", "value"]
    '2,692: 846 by the United States, 1,846 by the Soviet Union'
    """
    rows = [
        (
            "What was banned",
            "Ground-launched ballistic and cruise missiles with ranges of 500 to 5,500 km",
            "CRS R43832 (2016); treaty Article II (background facts 7-8)",
        ),
        (
            "Conventional missiles too",
            "The ban did not depend on the warhead: conventional missiles of these ranges were prohibited "
            "too (an inference, not a stated fact)",
            "Inferred from State Dept, INF Treaty: At a Glance (8 Dec 2017): US research on "
            '"conventional, ground-launched, intermediate-range missile systems" allowed only short of '
            'possessing, producing or flight-testing "prohibited systems"',
        ),
        ("Not covered", "Sea-launched and air-launched missiles", "CRS R43832 (2016) (background fact 7)"),
        (
            "Signed",
            "8 December 1987, Washington, by President Reagan and General Secretary Gorbachev",
            "Treaty text, FAS copy (background fact 1)",
        ),
        ("Entered into force", "1 June 1988", "Treaty text, FAS copy (background fact 2)"),
        (
            "Eliminations complete",
            "By May 1991 (deadline 1 June 1991; last US missile 6 May, last Soviet 12 May 1991)",
            "FAS INF overview (background fact 3)",
        ),
        (
            "Missiles eliminated",
            "2,692: 846 by the United States, 1,846 by the Soviet Union",
            "CRS Insight IN10985 (2019) (background fact 4)",
        ),
        (
            "On-site inspections ended",
            "Midnight, 31 May 2001, with portal monitoring at Votkinsk (Russia) and Magna (Utah)",
            "State Dept release, Dec 2000; Arms Control Today, June 2001 (background fact 10)",
        ),
        (
            "Special Verification Commission",
            "Article XIII forum to resolve compliance questions; first session Geneva 1988",
            "Treaty Article XIII; seed timeline (background fact 11)",
        ),
        (
            "Successor states",
            "After 1991 the US treated 12 former Soviet states as bound; Russia, Belarus, Kazakhstan "
            "and Ukraine took part in the SVC",
            "Arms Control Today, June 2001 (background fact 17)",
        ),
    ]
    return pd.DataFrame(rows, columns=["fact", "value", "source"])


def _when(start: pd.Timestamp, precision: str) -> str:
    if precision == "day":
        return f"{start.day} {start:%B %Y}"
    if precision == "month":
        return f"{start:%B %Y}"
    return f"{start:%Y}"


def treaty_milestones(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The treaty's own steps before 2013 (signing, entry into force, eliminations) from the events table.

    Parameters
    ----------
    events : DataFrame, optional
        A loaded events table; by default :func:`helpers.load_events`.

    Returns
    -------
    pandas.DataFrame
        Columns ``when`` (the date as precisely as the data knows it), ``summary``,
        ``source_id`` and ``date_source_id``, oldest first.

    Examples
    --------
    >>> treaty_milestones().when.tolist()
    ['8 December 1987', '1 June 1988', 'May 1991']
    """
    if events is None:
        from helpers.data.loading import load_events

        events = load_events()
    chosen = events[(events.phase == "background") & (events.category == "treaty action")]
    chosen = chosen.sort_values("date_start")
    when = [_when(s, str(p)) for s, p in zip(chosen.date_start, chosen.date_precision, strict=True)]
    table = chosen[["summary", "source_id", "date_source_id"]].copy()
    table.insert(0, "when", when)
    return table.reset_index(drop=True)
