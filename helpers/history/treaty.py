"""The INF Treaty's numbers, with sources, and a classifier of whether it banned a missile (lesson 1)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers.checks.answers import AnswerError, parse_number
from helpers.data.loading import load_table
from helpers.display.feedback import callout_html
from helpers.display.words import html_text, normalise

__all__ = [
    "BANDS", "ENTERED_INTO_FORCE", "INSPECTIONS_ENDED", "INTERMEDIATE_RANGE_MAX_KM", "LAUNCH_MODES",
    "SHORTER_RANGE_MAX_KM", "SHORTER_RANGE_MIN_KM", "SIGNED", "Classification", "classify_missile",
    "classify_table", "eliminations", "normalise_launch_mode", "parse_range_km", "treaty_facts",
]  # fmt: skip

# Article II's bands (background fact 8): 500 and 1,000 km exactly are shorter-range, 5,500 intermediate.
SHORTER_RANGE_MIN_KM: int = 500
SHORTER_RANGE_MAX_KM: int = 1000
INTERMEDIATE_RANGE_MAX_KM: int = 5500
BANDS: tuple[str, ...] = ("below 500 km", "shorter-range", "intermediate-range", "above 5,500 km")
LAUNCH_MODES: tuple[str, ...] = ("ground", "sea", "air")  # only ground-launched missiles were covered
KINDS: tuple[str, ...] = ("ballistic", "cruise")  # GLBMs and GLCMs
SIGNED: dt.date = dt.date(1987, 12, 8)  # in Washington (background fact 1)
ENTERED_INTO_FORCE: dt.date = dt.date(1988, 6, 1)  # background fact 2
INSPECTIONS_ENDED: dt.date = dt.date(2001, 5, 31)  # inspections and portal monitoring (fact 10)
_MODE_WORDS: dict[str, str] = {  # everyday words for a launch mode -> "ground", "sea" or "air"
    word: mode
    for mode, words in {
        "ground": "ground land land-based ground-based ground-launched land-launched",
        "sea": "sea sea-based sea-launched ship ship-launched submarine submarine-launched naval",
        "air": "air air-launched aircraft airborne bomber",
    }.items()
    for word in words.split()
}


def _km(value: float) -> str:
    """A range as a reader writes it: ``1,000 km``, ``1,000.5 km``, ``480 km``."""
    return f"{value:,.2f}".rstrip("0").rstrip(".") + " km"


def parse_range_km(value: Any) -> float | None:
    """A range in km (a finite number above zero) read by ``parse_number``; ``None`` if not usable.

    >>> parse_range_km(480), parse_range_km("1,500 KM"), parse_range_km(" 5500.0 ")
    (480.0, 1500.0, 5500.0)
    """
    try:
        number = parse_number(value.lower() if isinstance(value, str) else value)
    except AnswerError:
        return None
    return number if math.isfinite(number) and number > 0 else None


def normalise_launch_mode(value: Any) -> str | None:
    """``"ground"``, ``"sea"`` or ``"air"`` for a launch mode in everyday words; ``None`` if unknown.

    >>> [normalise_launch_mode(word) for word in ("Ground-launched", "submarine", "AIR")]
    ['ground', 'sea', 'air']
    """
    if not isinstance(value, str):
        return None
    return _MODE_WORDS.get(normalise(value).replace("_", "-").replace(" ", "-"))


def _band(range_km: float) -> str:
    low, mid, high = SHORTER_RANGE_MIN_KM, SHORTER_RANGE_MAX_KM, INTERMEDIATE_RANGE_MAX_KM
    return BANDS[(range_km >= low) + (range_km > mid) + (range_km > high)]


_VERDICT: dict[bool | None, tuple[str, str]] = {
    True: ("problem", "Banned by the INF Treaty"),
    False: ("correct", "Not banned by the INF Treaty"),
    None: ("not answered yet", "Cannot say yet"),
}  # verdict -> (kind of callout box, label)


@dataclass(frozen=True)
class Classification:
    """What :func:`classify_missile` decided about one missile.

    ``banned``: True, False or None (not enough input); ``band``: a :data:`BANDS` entry or None (no range).

    >>> print(result := classify_missile(480, "ground", "cruise"))
    Not banned by the INF Treaty: A ground-launched cruise missile with a range of 480 km is below the
    treaty's 500 km lower limit, so the INF Treaty did not ban it.
    >>> "<strong>Not banned by the INF Treaty:</strong>" in result._repr_html_()
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

    __repr__ = __str__

    def _repr_html_(self) -> str:
        kind, label = _VERDICT[self.banned]
        return callout_html(kind, html_text(self.reason), label=label, role="status")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def classify_missile(range_km: Any, launch_mode: Any = "ground", kind: Any = None) -> Classification:
    """Would the INF Treaty have banned this missile? Never raises, whatever it is given.

    Banned: ground-launched ballistic and cruise missiles of 500 to 5,500 km, whatever the warhead
    (facts 7-8; for conventional ones an inference, see :func:`treaty_facts`); not sea- or air-launched.
    ``range_km`` may be text (``"1,500 km"``), ``launch_mode`` an everyday word (``"submarine"``).

    >>> classify_missile(500, "ground", "ballistic").banned, classify_missile(499.9, "ground").banned
    (True, False)
    >>> [classify_missile(km, "ground").band for km in (1000, 1000.1, 5500, 5500.1)]
    ['shorter-range', 'intermediate-range', 'intermediate-range', 'above 5,500 km']
    >>> print(classify_missile("far", "ground"))
    Cannot say yet: Please give a range in km: a number greater than zero, such as 480 or 1500 (got 'far').
    """
    try:
        return _classify(range_km, launch_mode, kind)
    except Exception as error:  # a student's input must never crash the lesson
        why = f"That input could not be classified ({type(error).__name__}). Please give a range in km."
        return Classification(None, None, why)


def _classify(range_km: Any, launch_mode: Any, kind: Any) -> Classification:
    number = parse_range_km(range_km)
    if number is None:
        example = "a number greater than zero, such as 480 or 1500"
        return Classification(None, None, f"Please give a range in km: {example} (got {_shown(range_km)}).")
    band, mode = _band(number), normalise_launch_mode(launch_mode)
    if mode is None:
        why = f"Please choose a launch mode: 'ground', 'sea' or 'air' (got {_shown(launch_mode)})."
        return Classification(None, band, why, number)
    if kind is not None and not (isinstance(kind, str) and normalise(kind) in KINDS):
        why = f"The kind should be 'ballistic' or 'cruise', or left out (got {_shown(kind)})."
        return Classification(None, band, why, number, mode)
    kind = normalise(kind) if kind is not None else None
    what = f"A {mode}-launched {kind + ' ' if kind else ''}missile with a range of {_km(number)}"
    banned = mode == "ground" and band in ("shorter-range", "intermediate-range")
    if mode != "ground":
        why = (
            "was not covered: the INF Treaty banned only ground-launched missiles "
            "and left out sea- and air-launched ones, whatever their range."
        )
    elif band == "below 500 km":
        why = "is below the treaty's 500 km lower limit, so the INF Treaty did not ban it."
    elif band == "above 5,500 km":
        why = "is above the treaty's 5,500 km upper limit, so the INF Treaty did not ban it."
    else:
        shorter = band == "shorter-range"
        span = "from 500 up to and including 1,000 km" if shorter else "over 1,000 up to 5,500 km"
        why = f"falls in the treaty's {band} band ({span}), so the INF Treaty banned it."
    return Classification(banned, band, f"{what} {why}", number, mode, kind)


def classify_table(cases: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Classify several missiles at once: one row per case, with the verdict and the reason.

    ``cases``: dicts of ``range_km``, ``launch_mode``, optional ``kind`` and ``case`` (the row's label);
    a missing key counts as missing input.

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
        given = [case.get(key) for key in ("range_km", "launch_mode", "kind")]
        result = classify_missile(*given)
        rows.append([str(case.get("case", number)), *given, result.banned, result.band, result.reason])
    columns = ["case", "range_km", "launch_mode", "kind", "banned", "band", "reason"]
    return pd.DataFrame(rows, columns=columns).astype({"banned": "object"})


def eliminations() -> pd.DataFrame:
    """The missiles each side eliminated by May 1991, one row per system (``data/eliminations.csv``).

    >>> eliminations().groupby("side", sort=False).missiles.sum().to_dict()
    {'United States': 846, 'Soviet Union': 1846}
    """
    table = load_table("eliminations")
    return table.astype({"side": "object", "missiles": "int64"})


def treaty_facts() -> pd.DataFrame:
    """The lesson's key facts: columns ``fact``, ``value`` and ``source`` (``data/treaty-facts.csv``).

    >>> treaty_facts().set_index("fact").at["Missiles eliminated", "value"]
    '2,692: 846 by the United States, 1,846 by the Soviet Union'
    """
    return load_table("treaty-facts")
