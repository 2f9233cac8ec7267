"""Lesson 1 exercise checks: right answers pass; wrong, missing and odd answers get a hint, never an error."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from helpers.checks.background import (
    CLASSIFY_CASES,
    check_classify_cases,
    check_inspection_years,
    check_not_covered,
    check_us_eliminated,
)
from helpers.display.feedback import Feedback
from helpers.history.treaty import classify_missile

CHECKS = [check_us_eliminated, check_inspection_years, check_classify_cases, check_not_covered]
ODD = [
    None,
    ...,
    "",
    "   ",
    "banana",
    -1,
    0,
    3.5,
    float("nan"),
    float("inf"),
    True,
    [],
    {},
    {"sea": 1},
    object(),
    pd.NA,
    b"846",
    [None, None],
    pd.Timestamp("2001-05-31"),
    np.array([1, 2]),
]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("answer", ODD, ids=repr)
def test_checks_never_raise_and_never_pass_odd_answers(check, answer):
    result = check(answer)
    assert isinstance(result, Feedback)
    assert not result.passed
    assert result.message


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_placeholder_is_not_answered(check):
    assert check(...).status == "not answered yet"


# --------------------------------------------------------------------------- exercise 1


@pytest.mark.parametrize("answer", [846, 846.0, np.int64(846), "846", " 846 "])
def test_us_eliminated_right(answer):
    assert check_us_eliminated(answer).passed


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (2692, "both sides"),
        (1846, "Soviet total"),
        (2600, "op-ed"),
        (234, "one US system"),
        (443, "one US system"),
        (845, "Add up"),
        ("eight hundred", "whole number"),
        (True, "whole number"),
    ],
)
def test_us_eliminated_hints(answer, hint):
    result = check_us_eliminated(answer)
    assert result.status == "try again"
    assert hint in result.message


# --------------------------------------------------------------------------- exercise 2


@pytest.mark.parametrize("answer", [13, 13.0, 12.997, 12.95, "13", "13 years", np.float64(12.99)])
def test_inspection_years_right(answer):
    assert check_inspection_years(answer).passed


def test_inspection_years_from_pandas_expression():
    answer = (pd.Timestamp("2001-05-31") - pd.Timestamp("1988-06-01")).days / 365.25
    assert check_inspection_years(answer).passed


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (14, "signing in December 1987"),
        (10, "eliminations ended"),
        (4747, "days"),
        (12, "Subtract"),
        (pd.Timestamp("2001-05-31") - pd.Timestamp("1988-06-01"), "4,747 days"),
        (dt.timedelta(days=4747), "divide the days by 365.25"),
        ("thirteen", "number of years"),
    ],
)
def test_inspection_years_hints(answer, hint):
    result = check_inspection_years(answer)
    assert result.status == "try again"
    assert hint in result.message


# --------------------------------------------------------------------------- exercise 3

RIGHT = [True, False, False, True, False]


def test_expected_verdicts_come_from_the_classifier():
    assert [classify_missile(km, mode, kind).banned for _, km, mode, kind in CLASSIFY_CASES] == RIGHT


@pytest.mark.parametrize(
    "answer",
    [
        RIGHT,
        tuple(RIGHT),
        np.array(RIGHT),
        pd.Series(RIGHT),
        ["banned", "not banned", "no", "Yes", "allowed"],
    ],
    ids=["list", "tuple", "numpy", "series", "words"],
)
def test_classify_cases_right(answer):
    assert check_classify_cases(answer).passed


def test_classify_cases_names_each_wrong_case_with_its_hint():
    result = check_classify_cases([False, True, False, True, False])
    assert result.status == "try again"
    assert result.message.startswith("3 of 5 right.")
    assert "A: exactly 1,000 km" in result.message and "B: a sea-launched" in result.message
    assert "C:" not in result.message and "D:" not in result.message


def test_classify_cases_all_wrong():
    result = check_classify_cases([not v for v in RIGHT])
    assert result.message.startswith("0 of 5 right.")
    for letter in "ABCDE":
        assert f"{letter}:" in result.message


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        ([True, False], "5 values (you gave 2)"),
        (RIGHT + [True], "you gave 6"),
        ([1, 0, 0, 1, 0], "Use True (banned) or False"),
        ([True, False, None, True, False], "Use True (banned) or False"),
        ("TFFTF", "list of five"),
        (5, "list of five"),
    ],
)
def test_classify_cases_hints(answer, hint):
    result = check_classify_cases(answer)
    assert result.status == "try again"
    assert hint in result.message


# --------------------------------------------------------------------------- exercise 4


@pytest.mark.parametrize(
    "answer",
    [
        ["sea", "air"],
        ("air", "sea"),
        {"sea", "air"},
        ["Sea-launched", "AIR-LAUNCHED"],
        ["submarine", "aircraft"],
        "sea and air",
        "air, sea",
        "sea and air launched missiles",
        ["sea", "air", "sea"],
    ],
)
def test_not_covered_right(answer):
    assert check_not_covered(answer).passed


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (["sea"], "Think of aircraft"),
        (["air"], "ships and submarines"),
        (["ground"], "exactly what the treaty banned"),
        (["sea", "air", "ground"], "exactly what the treaty banned"),
        (["space"], '"ground", "sea" or "air"'),
        (["sea", "air", "space"], '"ground", "sea" or "air"'),
        ([], "at least one"),
        (42, "list of words"),
    ],
)
def test_not_covered_hints(answer, hint):
    result = check_not_covered(answer)
    assert result.status == "try again"
    assert hint in result.message
