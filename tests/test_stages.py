"""The step chart: the right stages and lengths, labelled dates, house colours, alt text, no label clashes."""

from __future__ import annotations

import itertools

import matplotlib.dates as mdates
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

from helpers.display.figures import FigureOutput
from helpers.display.style import OKABE_ITO, PHASE_COLOURS
from helpers.display.words import long_date
from helpers.history.stages import RUSSIAN_STEPS, stages_figure
from helpers.history.withdrawal import withdrawal_schedule


def draw_stages(schedule=None, *, russia=True):
    return stages_figure(schedule, russia=russia).figure


def stages_alt_text(schedule=None, *, russia=True):
    return stages_figure(schedule, russia=russia).alt


def _bars(fig) -> list[Rectangle]:
    """The bars drawn with barh (not the shaded band behind Russia's row)."""
    return [bar for container in fig.axes[0].containers for bar in container]


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_rows_with_and_without_russia():
    assert [t.get_text() for t in draw_stages().axes[0].get_yticklabels()] == [
        "INF Treaty",
        "US deadline",
        "Withdrawal notice",
        "Russia",
    ]
    assert [t.get_text() for t in draw_stages(russia=False).axes[0].get_yticklabels()] == [
        "INF Treaty",
        "US deadline",
        "Withdrawal notice",
    ]


def test_bars_span_the_real_periods():
    fig = draw_stages()
    spans = {
        (mdates.num2date(b.get_x()).date().isoformat(), round(b.get_width())): to_hex(b.get_facecolor())
        for b in _bars(fig)
    }
    assert spans[("2018-12-04", 60)] == PHASE_COLOURS["withdrawal"].lower()  # the 60 days
    assert spans[("2019-02-02", 181)] == OKABE_ITO["sky blue"].lower()  # the six months' notice
    assert ("2019-08-02", 60) in spans  # the treaty has ended


def test_key_dates_and_periods_are_labelled():
    texts = _texts(draw_stages())
    for label in (
        "4 Dec 2018\nmaterial-breach finding",
        "2 Feb 2019\nsuspension + notice",
        "2 Aug 2019\nwithdrawal takes effect",
        "60 days",
        "six months' notice (181 days)",
        "in force since 1 June 1988",
        "in force, obligations suspended",
        "ended",
    ):
        assert label in texts, label
    assert any(t.startswith("23 Jan 2019") for t in texts)
    assert any(t.startswith("3 Jul 2019") for t in texts)


def test_every_bar_has_a_hatch_or_is_the_plain_in_force_bar():
    bars = _bars(draw_stages())
    assert len(bars) == 5
    assert sum(1 for b in bars if not b.get_hatch()) == 1  # colour is never the only cue


def test_an_imagined_schedule_is_drawn_from_its_own_dates():
    fig = draw_stages(withdrawal_schedule("2019-07-02", 60, 3), russia=False)
    texts = _texts(fig)
    assert "30 Nov 2019\nwithdrawal takes effect" in texts
    assert "3 months' notice (91 days)" in texts
    assert not any(t.startswith("23 Jan 2019") for t in texts)


def test_labels_do_not_overlap():
    fig = draw_stages()
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts = [t for t in fig.axes[0].texts if t.get_text()]
    boxes = [(t.get_text(), t.get_window_extent(renderer).padded(-1)) for t in texts]
    clashes = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2) if box_a.overlaps(box_b)]
    assert not clashes


def test_alt_text_describes_the_chart():
    alt = stages_alt_text()
    for words in ("4 December 2018", "2 February 2019", "2 August 2019", "60-day", "181 days", "six months"):
        assert words in alt
    for date, _label in RUSSIAN_STEPS:  # the alt text is computed from the dates drawn
        assert long_date(date) in alt
    assert "Russia" not in stages_alt_text(russia=False)
    assert "3 months' notice" in stages_alt_text(withdrawal_schedule("2018-12-04", 60, 3))


def test_stages_figure_has_alt_text_in_its_html():
    out = stages_figure()
    assert isinstance(out, FigureOutput)
    html = out._repr_html_()
    assert "<img" in html and 'alt="Step chart of the end of the INF Treaty.' in html
    assert repr(out).startswith("[Figure: Step chart")


@pytest.mark.parametrize("russia", [True, False])
def test_the_figure_is_white(russia):
    fig = draw_stages(russia=russia)
    assert to_hex(fig.get_facecolor()) == "#ffffff"
    assert to_hex(fig.axes[0].get_facecolor()) == "#ffffff"
