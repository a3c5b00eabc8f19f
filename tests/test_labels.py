"""Chart labels and display formats (helpers.labels) and the chart sizes they keep."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers.labels import (  # noqa: E402
    LABEL_WIDTH,
    MAX_BARS,
    doc_labels,
    format_p,
    format_periods,
    format_table,
    short_id,
    short_label,
    unique_labels,
)
from helpers.overview import textplot_groups  # noqa: E402
from helpers.terms import (  # noqa: E402
    textplot_quoted,
    textplot_trends,
    textstat_quoted,
    textstat_trends,
)

LONG_ID = "statements-releases/2021-01/2021-01-15-fact-sheet-president-elect-biden-outlines-plan"


def test_short_labels_are_one_line_and_cut_with_an_ellipsis():
    assert short_label("  Fact   Sheet:\nBiden ") == "Fact Sheet: Biden"
    cut = short_label("x" * 100)
    assert len(cut) == LABEL_WIDTH and cut.endswith("…")
    assert short_label("abc", width=3) == "abc"
    assert short_id(LONG_ID) == "2021-01-15-fact-sheet-president-elect-b…"
    assert short_id("ARM_47_1992") == "ARM_47_1992"
    assert unique_labels(["a", "b", "a", "a"]) == ["a", "b", "a (2)", "a (3)"]


def test_documents_are_labelled_by_title_else_short_id():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["Readout", None, "Readout"]})
    assert doc_labels(["a", "b", "c", "a"], docs) == ["Readout", "b", "Readout (2)", "Readout"]
    assert doc_labels([LONG_ID]) == [short_id(LONG_ID)]


def test_p_values_show_below_a_thousandth_as_less_than():
    assert format_p(0.0) == "< 0.001"
    assert format_p(1.2e-62) == "< 0.001"
    assert format_p(0.0421) == "0.042"
    assert format_p(1.0) == "1.000"
    assert format_p(float("nan")) == "" and format_p(None) == ""
    assert format_p(0.004, digits=2) == "< 0.01"


def test_periods_show_as_years_months_or_days():
    starts = pd.Series(pd.to_datetime(["2010-01-01", "2011-03-01"]), name="period")
    assert format_periods(starts, "year").tolist() == ["2010", "2011"]
    assert format_periods(starts, "month").tolist() == ["2010-01", "2011-03"]
    assert format_periods(starts, "week").tolist() == ["2010-01-01", "2011-03-01"]
    text = pd.Series(["2010-01-01", "undated"])
    assert format_periods(text, "year").tolist() == ["2010", "undated"]
    with pytest.raises(ValueError, match="period"):
        format_periods(starts, "decade")


def test_format_table_formats_a_copy_for_display():
    table = pd.DataFrame(
        {
            "period": pd.to_datetime(["2010-01-01", "2012-01-01"]),
            "G2": [279.01042, -3.14159],
            "p": [1.2e-62, 0.0761],
            "count": [3, 4],
        }
    )
    shown = format_table(table, period="year")
    assert shown["period"].tolist() == ["2010", "2012"]
    assert shown["p"].tolist() == ["< 0.001", "0.076"]
    assert shown["G2"].tolist() == [279.01, -3.142]
    assert shown["count"].tolist() == [3, 4]
    assert table["p"].iloc[0] == 1.2e-62  # the table (and its CSV) keeps the raw numbers
    assert str(format_table(table)["period"].dtype).startswith("datetime64")


def test_document_charts_keep_their_size_and_the_full_ids():
    n = 300
    docs = pd.DataFrame(
        {
            "doc_id": [f"{LONG_ID}-{i}" for i in range(n)],
            "text": ["occupied " * (1 + i % 7) for i in range(n)],
            "title": [
                f"Statement number {i} on a very long subject indeed, read on" for i in range(n)
            ],
        }
    )
    fig, data = textplot_quoted(textstat_quoted(docs, ["occupied"]), key="doc_id", n=500, docs=docs)
    assert len(data) == MAX_BARS
    assert data["doc_id"].str.startswith(LONG_ID).all()  # the CSV keeps the full id
    assert data["label"].str.len().max() <= LABEL_WIDTH + len(" / occupied")
    width, height = fig.get_size_inches()
    assert width == 7 and height < 0.4 * MAX_BARS + 2
    assert f"{MAX_BARS} of {n} document/term pairs" in fig.axes[0].get_title()
    plt.close(fig)


def test_trends_are_small_multiples_over_one_period_axis():
    docs = pd.DataFrame(
        {
            "doc_id": list("abcde"),
            "text": ["peace war", "war", "peace peace", "war", "peace"],
            "date": pd.to_datetime(
                ["2010-05-01", "2010-07-01", "2011-01-01", "2013-01-01", "2013-02-01"]
            ),
            "g": ["x", "y", "x", "y", "x"],
        }
    )
    terms = ["peace", "war", "treaty"]
    fig, data = textplot_trends(textstat_trends(docs, terms), period="year")
    panels = fig.axes
    assert len(panels) == len(terms) + 1  # one per term, documents below
    assert [ax.get_title(loc="left") for ax in panels[:3]] == [
        "peace (4 uses)", "war (3 uses)", "treaty (0 uses)"
    ]  # fmt: skip
    assert [t.get_text() for t in panels[-1].get_xticklabels()] == ["2010", "2011", "2012", "2013"]
    peace = panels[0].lines[0].get_ydata()
    assert np.isnan(peace[2]) and not np.isnan(peace[:2]).any()  # 2012: no documents, a gap
    assert [p.get_height() for p in panels[-1].patches] == [2, 1, 0, 2]
    assert data["period"].dt.year.tolist() == [2010, 2011, 2013] * 3
    plt.close(fig)
    fig, data = textplot_trends(textstat_trends(docs, terms, period="month", group_by="g"),
                                period="month", group_by="g")  # fmt: skip
    assert [len(ax.lines) for ax in fig.axes[:3]] == [2, 2, 2]
    assert fig.axes[-1].get_xticklabels()[0].get_text() == "2010-05"
    plt.close(fig)


def test_group_chart_caps_the_bars_and_marks_the_compared_groups():
    per_group = pd.DataFrame(
        {"group": [f"G{i:03d}" for i in range(100)], "documents": range(100, 0, -1), "words": 1}
    )
    fig = textplot_groups(per_group, title="Documents per g", top=20, compared=["G001", "G050"])
    ax = fig.axes[0]
    assert len(ax.patches) == 21  # the 20 largest and the compared G050
    assert "(21 of 100 groups)" in ax.get_title()
    colours = {
        t.get_text(): p.get_facecolor()
        for t, p in zip(ax.get_yticklabels(), ax.patches[::-1], strict=True)
    }
    assert colours["G001"] == colours["G050"] != colours["G000"]
    plt.close(fig)
