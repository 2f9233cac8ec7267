"""Lesson 1 helpers: the sourced numbers, the range-band classifier, its widget and the range diagram."""

from __future__ import annotations

import datetime as dt
import math
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers.data.paths import DATA_DIR
from helpers.history.treaty import (
    BANDS,
    INSPECTIONS_ENDED,
    Classification,
    classify_missile,
    classify_table,
    eliminations,
    normalise_launch_mode,
    parse_range_km,
    treaty_facts,
)
from helpers.history.treaty_figures import range_bands_figure
from helpers.widgets.classifier import MODE_CHOICES, SLIDER_MAX_KM, classifier_widget

from .conftest import SHARED_REFERENCE

# --------------------------------------------------------------------------- the numbers


def _count(table: pd.DataFrame, side: str, system: str) -> int:
    return int(table.loc[(table.side == side) & (table.system == system), "missiles"].item())


def test_eliminations_add_up():
    table = eliminations()
    us = table[table.side == "United States"].missiles
    soviet = table[table.side == "Soviet Union"].missiles
    assert _count(table, "United States", "Pershing II") == 234
    assert _count(table, "United States", "Pershing IA") == 169
    assert _count(table, "United States", "BGM-109G GLCM") == 443
    assert _count(table, "Soviet Union", "SS-20") == 654
    assert _count(table, "Soviet Union", "all other Soviet systems") == 1192
    assert 234 + 169 + 443 == int(us.sum()) == 846
    assert 654 + 1192 == int(soviet.sum()) == 1846
    assert 846 + 1846 == int(table.missiles.sum()) == 2692


def test_eliminations_table_shape_and_sources():
    table = eliminations()
    assert list(table.columns) == ["side", "system", "missiles", "source"]
    assert table.missiles.dtype == "int64"
    assert table.source.str.len().gt(10).all()
    assert set(table.side) == {"United States", "Soviet Union"}
    # the Soviet breakdown beyond the SS-20 is not verified, so no other Soviet system is named
    assert set(table[table.side == "Soviet Union"].system) == {"SS-20", "all other Soviet systems"}
    assert "no checked source" in table.loc[table.system == "all other Soviet systems", "source"].item()
    assert (
        eliminations() is not eliminations()
    )  # a fresh table each time: editing one cannot corrupt the next


def test_eliminations_match_the_events_table():
    events = helpers.load_events()
    summary = events.loc[events.event_id == "1991-05-inf-eliminations-completed", "summary"].item()
    for number in ("2,692", "846", "1,846"):
        assert number in summary


@pytest.mark.skipif(not SHARED_REFERENCE.is_dir(), reason="background-facts.md is not beside the repo")
def test_numbers_match_background_facts():
    facts = (SHARED_REFERENCE / "background-facts.md").read_text(encoding="utf-8")
    for text in (
        "2,692",
        "846",
        "1,846",
        "654",
        "Pershing II (234)",
        "Pershing IA (169)",
        "(443)",
        "31 May 2001",
    ):
        assert text in facts


def test_treaty_facts_have_sources_and_key_values():
    facts = treaty_facts()
    assert list(facts.columns) == ["fact", "value", "source"]
    assert facts.fact.is_unique
    assert facts.source.str.contains("background fact|At a Glance").all()
    values = " ".join(facts.value)
    for text in ("8 December 1987", "1 June 1988", "May 1991", "2,692", "31 May 2001", "Votkinsk", "Magna"):
        assert text in values
    assert dt.date(2001, 5, 31) == INSPECTIONS_ENDED


def test_treaty_facts_give_both_elimination_deadlines_and_the_verification_means():
    facts = treaty_facts().set_index("fact")
    deadlines = facts.loc["Elimination deadlines", "value"]
    assert "18 months" in deadlines and "1 December 1989" in deadlines and "Article V" in deadlines
    assert "three years" in deadlines and "1 June 1991" in deadlines and "Article IV" in deadlines
    assert "6 May" in facts.loc["Eliminations complete", "value"]
    assert "12 May 1991" in facts.loc["Eliminations complete", "value"]
    assert not facts.value.str.contains("deadline 1 June 1991").any()  # no single deadline for all
    verification = facts.loc["Verification"]
    assert "national technical means" in verification.value.lower() and "Article XII" in verification.value
    assert "on-site inspections" in verification.value and "portal monitoring" in verification.value
    svc = facts.loc["Special Verification Commission"]
    assert "forum" in svc.value and "not a means of verification" in svc.value
    assert "Geneva, 6 June to 15 July 1988" in svc.value
    assert "harahan-1993-on-site-inspections" in svc.source


def test_conventional_ban_is_labelled_an_inference_from_at_a_glance():
    facts = treaty_facts().set_index("fact")
    assert "conventional" not in facts.loc["What was banned", "value"]
    row = facts.loc["Conventional missiles too"]
    assert "inference" in row.value
    assert row.source.startswith("Inferred from") and "At a Glance" in row.source
    assert "background fact" not in row.source  # background fact 7 says nothing about warheads
    seed = (DATA_DIR / "source-texts" / "state-2017-inf-at-a-glance.txt").read_text(encoding="utf-8")
    phrases = re.findall(r'"([^"]+)"', row.source)
    assert len(phrases) == 2
    for phrase in phrases:
        assert phrase in seed


# --------------------------------------------------------------------------- the classifier


@pytest.mark.parametrize(
    ("km", "band", "banned"),
    [
        (1, "below 500 km", False),
        (499, "below 500 km", False),
        (499.999, "below 500 km", False),
        (500, "shorter-range", True),
        (750, "shorter-range", True),
        (1000, "shorter-range", True),
        (1000.001, "intermediate-range", True),
        (3000, "intermediate-range", True),
        (5500, "intermediate-range", True),
        (5500.001, "above 5,500 km", False),
        (12000, "above 5,500 km", False),
    ],
)
def test_ground_launched_bands_and_boundaries(km, band, banned):
    for kind in (None, "ballistic", "cruise"):
        result = classify_missile(km, "ground", kind)
        assert (result.band, result.banned) == (band, banned)
        assert result.launch_mode == "ground"
        assert result.range_km == float(km)


@pytest.mark.parametrize("mode", ["sea", "air", "submarine", "Air-launched", " SEA "])
@pytest.mark.parametrize("km", [300, 500, 1000, 5500, 9000])
def test_sea_and_air_launched_are_never_banned(mode, km):
    result = classify_missile(km, mode)
    assert result.banned is False
    assert result.band in BANDS
    assert "only ground-launched" in result.reason


# Odd inputs: (range_km, launch_mode, kind) and the words the reason must contain.
ASK_RANGE = "Please give a range in km"
# fmt: off
ODD_RANGES = [None, -1, 0, -0.0, float("nan"), float("inf"), -math.inf, "", "   ", "far", "five hundred",
              True, False, [500], {"km": 500}, object(), pd.NA, np.nan, "nan", "inf", "1e999", b"500"]
# fmt: on
ODD_MODES = [None, "", "space", "orbit", 3, ["ground"], np.nan]
ODD_KINDS = ["rocket", 5, ["cruise"]]
ODD_INPUTS = (
    [(odd, "ground", None, ASK_RANGE) for odd in ODD_RANGES]
    + [(800, mode, None, "launch mode") for mode in ODD_MODES]
    + [(800, "ground", kind, "'ballistic' or 'cruise'") for kind in ODD_KINDS]
)


@pytest.mark.parametrize(("range_km", "mode", "kind", "words"), ODD_INPUTS, ids=repr)
def test_odd_input_gets_a_polite_request_and_never_raises(range_km, mode, kind, words):
    result = classify_missile(range_km, mode, kind)
    assert result.banned is None
    assert words in result.reason
    # a usable range still reports its band; an unusable one reports none
    assert result.band == (None if words == ASK_RANGE else "shorter-range")


def test_kind_is_case_insensitive_and_named_in_the_reason():
    result = classify_missile(2000, "ground", " Cruise ")
    assert result.kind == "cruise"
    assert result.reason.startswith("A ground-launched cruise missile with a range of 2,000 km")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (480, 480.0),
        (480.5, 480.5),
        (np.int64(500), 500.0),
        (np.float32(5500), 5500.0),
        ("1500", 1500.0),
        ("1,500", 1500.0),
        ("1,500 km", 1500.0),
        ("1,500 KM", 1500.0),
        ("480km", 480.0),
        (" 5500.0 ", 5500.0),
        ("5500 kilometres", None),
        ("2,000.5", 2000.5),
        ("1,50", None),
        ("12,34,567", None),
        ("-480", None),
    ],
)
def test_parse_range_km(value, expected):
    assert parse_range_km(value) == expected


def test_reasons_name_the_range_and_band():
    assert "1,000.5 km" in classify_missile(1000.5, "ground").reason
    assert (
        "shorter-range band (from 500 up to and including 1,000 km)" in classify_missile(500, "ground").reason
    )
    assert "below the treaty's 500 km lower limit" in classify_missile(480, "land").reason
    assert "above the treaty's 5,500 km upper limit" in classify_missile(6000, "ground").reason


def test_classification_text_and_html():
    banned = classify_missile(3000, "ground")
    assert str(banned).startswith("Banned by the INF Treaty: ")
    assert repr(banned) == str(banned)
    assert str(classify_missile(3000, "sea")).startswith("Not banned by the INF Treaty: ")
    assert str(classify_missile("x", "sea")).startswith("Cannot say yet: ")
    html = classify_missile("<script>alert(1)</script>", "ground")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'role="status"' in html and "inf-callout" in html  # the collection's one callout box
    assert "<strong>Banned by the INF Treaty:</strong>" in banned._repr_html_()


def test_classification_is_frozen():
    result = classify_missile(3000, "ground")
    with pytest.raises(AttributeError):
        result.banned = False  # type: ignore[misc]
    assert isinstance(result, Classification)


def test_normalise_launch_mode():
    assert normalise_launch_mode("ground launched") == "ground"
    assert normalise_launch_mode("Land-based") == "ground"
    assert normalise_launch_mode("ship") == "sea"
    assert normalise_launch_mode("bomber") == "air"
    assert normalise_launch_mode("underground") is None


def test_classify_table():
    table = classify_table(
        [
            {"case": "9M729 (Russia's claim)", "range_km": 480, "launch_mode": "ground", "kind": "cruise"},
            {"range_km": 5500, "launch_mode": "ground"},
            {"range_km": "?", "launch_mode": "ground"},
            "not a dict",
        ]
    )
    assert table.case.tolist() == ["9M729 (Russia's claim)", "2", "3", "4"]
    assert table.banned.tolist() == [False, True, None, None]
    assert table.band.tolist()[:2] == ["below 500 km", "intermediate-range"]
    assert list(table.columns) == ["case", "range_km", "launch_mode", "kind", "banned", "band", "reason"]
    assert classify_table([]).empty


def test_importing_treaty_stays_light():
    code = (
        "import sys, helpers.history.treaty; "
        "print(any(m in sys.modules for m in ('matplotlib', 'ipywidgets', 'matplotlib.pyplot')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# --------------------------------------------------------------------------- the widget


def _parts(box):
    slider, typed, menu, answer = box.children
    return slider, typed, menu, answer


def test_widget_starts_with_the_given_case():
    slider, typed, menu, answer = _parts(classifier_widget(1000, "ground", "ballistic"))
    assert slider.value == 1000 and slider.max == SLIDER_MAX_KM
    assert typed.value == "1000"
    assert menu.value == "ground-launched ballistic missile"
    assert "Banned by the INF Treaty" in answer.value


def test_widget_follows_slider_box_and_menu():
    slider, typed, menu, answer = _parts(classifier_widget())
    assert "Not banned" in answer.value  # 480 km ground-launched cruise missile
    slider.value = 2000
    assert typed.value == "2000"
    assert "Banned by the INF Treaty" in answer.value
    menu.value = "sea-launched missile"
    assert "Not banned" in answer.value and "sea-launched" in answer.value
    menu.value = "ground-launched cruise missile"
    typed.value = "5,500 km"
    assert slider.value == 5500
    assert "intermediate-range" in answer.value
    typed.value = "5500.4"
    assert typed.value == "5500.4"  # typing a decimal moves the slider but keeps what was typed
    assert slider.value == 5500
    assert "5,500.4 km" in answer.value


@pytest.mark.parametrize(
    ("text", "words"),
    [("", "Please give a range in km"), ("abc", "Please give"), ("-5", "Please give"), ("0", "Please give"),
     ("nan", "Please give"), ("1e999", "Please give"), ("<b>x</b>", "&lt;b&gt;x"),
     ("99999999", "above the treaty")],
)  # fmt: skip
def test_widget_never_raises_on_odd_text_and_leaves_the_slider(text, words):
    slider, typed, menu, answer = _parts(classifier_widget())
    before = slider.value
    typed.value = text
    assert words in answer.value
    assert slider.value == before
    assert "<b>x</b>" not in answer.value


@pytest.mark.parametrize(
    ("range_km", "mode", "kind"),
    [
        (None, None, None),
        ("far", "space", "rocket"),
        (-3, "sea", None),
        (1e9, "air", None),
        (float("nan"), 5, 5),
    ],
)
def test_widget_builds_from_odd_starting_values(range_km, mode, kind):
    slider, typed, menu, answer = _parts(classifier_widget(range_km, mode, kind))
    assert 0 <= slider.value <= SLIDER_MAX_KM
    assert menu.value in MODE_CHOICES
    assert answer.value


def test_widget_menu_matches_classifier_modes():
    assert {mode for mode, _ in MODE_CHOICES.values()} == {"ground", "sea", "air"}


# --------------------------------------------------------------------------- the figures


def test_range_bands_figure_marks_limits_and_claims():
    out = range_bands_figure(markers=[("claim", 480)], spans=[("assessment", 500, 5500)], caption="Fig.")
    ax = out.figure.axes[0]
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "claim (480 km)" in texts and "assessment" in texts
    assert "not covered: sea-launched" in texts and "not covered: air-launched" in texts
    tick_labels = [t.get_text() for t in ax.get_xticklabels()]
    assert {"500", "1,000", "5,500"} <= set(tick_labels)
    assert [t.get_text() for t in range_bands_figure().figure.axes[0].get_yticklabels()] == [
        "ground-launched",
        "sea-launched",
        "air-launched",
    ]


def test_range_bands_alt_text_is_computed_from_the_limits_and_marks(monkeypatch):
    out = range_bands_figure(markers=[("claim", 480)], spans=[("assessment", 500, 5500)], caption="Fig.")
    assert out.caption == "Fig."
    assert "A marker at 480 km on the ground-launched row: claim." in out.alt
    assert "A bracket from 500 to 5,500 km above that row: assessment." in out.alt
    monkeypatch.setattr("helpers.history.treaty_figures.INTERMEDIATE_RANGE_MAX_KM", 5000)
    assert "over 1,000 to 5,000 km intermediate-range" in range_bands_figure().alt


def test_dollar_signs_in_labels_stay_dollars():
    out = range_bands_figure(markers=[("cost $5 or $6", 480)])
    assert any(r"\$5" in t.get_text() for t in out.figure.axes[0].texts)
    out.figure.canvas.draw()  # mathtext would fail or eat the dollars


# What a student types into the box (sent on Enter or on leaving it), where the slider must go (None: it
# stays) and the words the verdict must contain. INF: ground-launched, 500 to 5,500 km inclusive.
TYPED = [
    ("480", 480, "Not banned"), ("495", 495, "Not banned"), ("499.9", 500, "Not banned"),
    ("500", 500, "Banned by"), ("1,000", 1000, "Banned by"), ("1000 km", 1000, "Banned by"),
    ("5500", 5500, "Banned by"), ("5,500.0", 5500, "Banned by"), ("5501", 5501, "Not banned"),
    ("5500.4", 5500, "Not banned"), ("9000", None, "above the treaty"), (" 480 ", 480, "Not banned"),
    ("abc", None, "Please give a range in km"), ("", None, "Please give a range in km"),
    ("-480", None, "Please give"), ("4 80", None, "Please give"), ("480,5", None, "Please give"),
]  # fmt: skip


def _watch(widget) -> list:
    seen: list = []
    widget.observe(lambda change: seen.append(change["new"]), names="value")
    return seen


@pytest.mark.parametrize(("text", "slider_at", "words"), TYPED)
def test_widget_reads_what_was_typed_and_never_rewrites_it(text, slider_at, words):
    slider, typed, menu, answer = _parts(classifier_widget(2000))
    assert (typed.continuous_update, slider.step) == (False, 1)  # no half-typed range is ever read
    texts, positions = _watch(typed), _watch(slider)
    typed.set_state({"value": text})  # as the browser sends it on Enter
    assert texts == [text]  # the slider's move is not echoed back into the box
    assert positions == ([] if slider_at is None else [slider_at])
    assert slider.value == (2000 if slider_at is None else slider_at)
    assert words in answer.value


MOVED = [(499, "Not banned"), (500, "Banned by"), (5501, "Not banned")]


@pytest.mark.parametrize(("moved_to", "words"), MOVED)
def test_moving_the_slider_writes_into_the_box_once(moved_to, words):
    slider, typed, menu, answer = _parts(classifier_widget("1,000"))
    texts, positions = _watch(typed), _watch(slider)
    slider.set_state({"value": moved_to})  # the student drags the slider
    assert (texts, positions, typed.value) == ([str(moved_to)], [moved_to], str(moved_to))
    assert words in answer.value
    typed.set_state({"value": "1,000"})  # typing again moves the slider back, and keeps the comma
    assert (typed.value, slider.value) == ("1,000", 1000) and "Banned by" in answer.value
