"""Lesson 2's timeline: what it draws matches the table; dates drawn as precisely as the sources give them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgb

import helpers
from helpers.display.figures import FigureOutput, describe_counts, new_figure, show_figure
from helpers.display.style import CATEGORY_GROUPS, CATEGORY_STYLE, GREYS, GROUP_COLOURS, category_group
from helpers.history import timeline as tl


@pytest.fixture(scope="module")
def events():
    return helpers.load_events()


def _collections(fig, prefix):
    return [c for ax in fig.axes for c in ax.collections if (c.get_gid() or "").startswith(prefix)]


def _day(value) -> float:
    return float(np.datetime64(pd.Timestamp(value).date(), "D").astype("int64"))


def _legend_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_default_timeline_draws_every_event_from_2013_once(events):
    recent = events[events["date_end"] >= "2013-01-01"]
    out = tl.timeline_figure(events)
    assert isinstance(out, FigureOutput)
    drawn = tl.drawn_items(out.figure)
    assert drawn.points == int((recent["date_precision"] == "day").sum())
    assert drawn.spans == int((recent["date_precision"] != "day").sum())
    assert drawn.rows == tuple(c for c in tl.ROW_ORDER if c in set(recent["category"].astype(str)))
    assert out.alt.startswith(f"Timeline of {len(recent)} events, 2013 to 2019")
    for category, count in recent["category"].astype(str).value_counts().items():
        assert f"{category} {count} (" in out.alt  # the alt text is computed from what was drawn


def test_background_option_adds_the_early_events_and_widens_the_axis(events):
    fig = tl.timeline_figure(events, include_background=True).figure
    drawn = tl.drawn_items(fig)
    assert drawn.points + drawn.spans == len(events)
    left, right = fig.axes[0].get_xlim()
    assert left <= _day("1987-12-08") and right >= _day("2019-08-02")
    assert tl.timeline_figure(events).figure.axes[0].get_xlim()[0] == _day("2013-01-01")


def test_month_precision_events_are_spans_covering_the_whole_month(events):
    months = events[events["date_precision"] == "month"]
    fig, ax = new_figure()
    result = tl.draw_timeline(ax, months, legend=False)
    assert (result.points, result.spans) == (0, len(months))
    (boxes,) = _collections(fig, "spans")
    extents = sorted((path.vertices[:, 0].min(), path.vertices[:, 0].max()) for path in boxes.get_paths())
    assert extents == sorted((_day(r.date_start), _day(r.date_end) + 1) for r in months.itertuples())
    assert not _collections(fig, "points|")


def test_day_events_are_points_at_their_date_in_their_category_row(events):
    fig = tl.timeline_figure(events).figure
    rows = tl.drawn_items(fig).rows
    (reports,) = _collections(fig, "points|compliance report")
    expected = sorted(_day(d) for d in events.loc[events["category"] == "compliance report", "date_start"])
    assert sorted(reports.get_offsets()[:, 0]) == expected
    assert np.allclose(reports.get_offsets()[:, 1], len(rows) - 1 - rows.index("compliance report"))
    colour, _marker = CATEGORY_STYLE["compliance report"]
    assert tuple(reports.get_facecolor()[0][:3]) == pytest.approx(to_rgb(colour))


def test_events_on_the_same_day_in_one_row_are_pulled_apart(events):
    (measures,) = _collections(tl.timeline_figure(events).figure, "points|US measure")
    same_day = measures.get_offsets()[measures.get_offsets()[:, 0] == _day("2017-12-08")]
    assert len(same_day) >= 2
    assert len(set(np.round(same_day[:, 1], 3))) == len(same_day)


def test_compliance_reports_figure_greys_out_the_rest_and_dates_each_report(events):
    out = tl.compliance_reports_figure(events)
    (reports,) = _collections(out.figure, "points|compliance report")
    (meetings,) = _collections(out.figure, "points|bilateral meeting")
    assert meetings.get_facecolor()[0][:3] == pytest.approx(to_rgb(GREYS["muted"]))
    assert reports.get_facecolor()[0][:3] != pytest.approx(meetings.get_facecolor()[0][:3])
    labels = {t.get_text() for t in out.figure.axes[0].texts}
    days = events.loc[events["category"] == "compliance report", "date_start"]
    for day in days:
        label = f"{day.day} {day:%B %Y}"
        assert label in labels and label in out.alt
    assert "other events" in _legend_texts(out.figure)


def test_legend_is_keyed_by_group_name_whatever_the_colours(events, monkeypatch):
    texts = _legend_texts(tl.timeline_figure(events).figure)
    assert "exact day known" in texts and any("inside the box" in t for t in texts)
    present = {category_group(c) for c in events["category"].astype(str)}
    assert [t for t in texts if t in GROUP_COLOURS] == [g for g in GROUP_COLOURS if g in present]
    # two groups in one colour: both still have their entry
    monkeypatch.setitem(GROUP_COLOURS, "US", GROUP_COLOURS["meetings with Russia"])
    texts = _legend_texts(tl.timeline_figure(events).figure)
    assert {"US", "meetings with Russia"} <= set(texts)


def test_every_category_has_a_group_and_a_marker():
    grouped = [name for members in CATEGORY_GROUPS.values() for name, _ in members]
    assert sorted(grouped) == sorted(CATEGORY_STYLE) == sorted(tl.ROW_ORDER)
    for group, members in CATEGORY_GROUPS.items():
        markers = [marker for _, marker in members]
        assert len(set(markers)) == len(markers), group  # the shape tells a group's categories apart


def test_an_empty_table_draws_an_empty_timeline(events):
    out = tl.timeline_figure(events.iloc[0:0])
    assert tl.drawn_items(out.figure) == tl.TimelineDrawing(0, 0, ())
    assert out.alt.startswith("An empty timeline")


def test_a_dollar_in_a_category_is_a_dollar_not_mathtext(events):
    odd = events.head(3).copy()
    odd["category"] = ["costs $5 and $6", "$x$", "plain"]
    fig, ax = new_figure()
    drawn = tl.draw_timeline(ax, odd)
    fig.canvas.draw()  # would raise a mathtext error without plot_text
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert r"costs \$5 and \$6" in labels and r"\$x\$" in labels
    assert drawn.points + drawn.spans == 3


def test_figures_are_white_and_not_attached_to_pyplot(events):
    for out in (tl.timeline_figure(events), tl.compliance_reports_figure(events)):
        assert out.figure.get_facecolor()[:3] == (1.0, 1.0, 1.0)
        assert out.figure.canvas.manager is None  # shown only through show_figure


def test_figure_output_escapes_alt_and_caption():
    fig, _ax = new_figure(2, 1)
    page = show_figure(fig, 'a "quote" <b> and $5', caption="<i>$6</i>")._repr_html_()
    assert 'alt="a &quot;quote&quot; &lt;b&gt; and &#36;5"' in page
    assert "&lt;i&gt;&#36;6&lt;/i&gt;" in page and "<i>" not in page


def test_describe_counts_reads_the_counts(events):
    per_year = events.groupby(events["date_start"].dt.year).size()
    text = describe_counts(per_year, "events per year")
    assert all(f"{year}: {count}" in text for year, count in per_year.items())
