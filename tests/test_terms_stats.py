"""Keyness, collocations, collocates, trends and charts (helpers.terms)."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers.paths import RAW  # noqa: E402
from helpers.terms import (  # noqa: E402
    count_periods,
    dfm,
    pick_groups,
    quoted_use,
    textplot_frequency,
    textplot_keyness,
    textplot_quoted,
    textplot_trends,
    textstat_collocates,
    textstat_collocations,
    textstat_frequency,
    textstat_keyness,
    textstat_trends,
)
from helpers.terms_stats import _count_rows, keyness_scores  # noqa: E402

SEED = (RAW / "000_b9ae1a64affd447b.txt").read_text(encoding="utf-8")


def test_g2_chi2_and_log_ratio_equal_a_hand_computed_2x2_table():
    # word: 10 of 1,000 target tokens, 5 of 2,000 reference tokens.
    # expected: 1000*15/3000 = 5, 2000*15/3000 = 10, 1000*2985/3000 = 995, 2000*2985/3000 = 1990
    g2 = 2 * (
        10 * math.log(10 / 5)
        + 5 * math.log(5 / 10)
        + 990 * math.log(990 / 995)
        + 1995 * math.log(1995 / 1990)
    )
    chi2 = (
        (10 - 5) ** 2 / 5 + (5 - 10) ** 2 / 10 + (990 - 995) ** 2 / 995 + (1995 - 1990) ** 2 / 1990
    )
    scores = keyness_scores(np.array([10, 2]), np.array([5, 10]), 1000, 2000)
    assert scores["G2"][0] == pytest.approx(g2) == pytest.approx(6.96919, abs=1e-5)
    assert scores["chi2"][0] == pytest.approx(chi2)
    assert scores["log_ratio"][0] == pytest.approx(2.0)  # (10/1000) / (5/2000) = 4
    assert scores["G2"][1] < 0 and scores["log_ratio"][1] < 0  # used less by the target


def test_log_ratio_takes_a_zero_count_as_half():
    scores = keyness_scores(np.array([4]), np.array([0]), 100, 100)
    assert scores["log_ratio"][0] == pytest.approx(math.log2(4 / 0.5))
    assert scores["G2"][0] > 0


def test_textstat_keyness_by_group_sorted_with_tie_breaks():
    docs = pd.DataFrame(
        {
            "text": ["occupied occupied land peace", "peace peace talks land", "b a"],
            "g": ["AZE", "ARM", "ARM"],
        }
    )
    d = dfm(docs)
    key = textstat_keyness(d, "AZE", group_by="g")
    assert list(key.columns) == ["feature", "n_target", "n_reference", "G2", "p", "log_ratio"]
    assert key["feature"].iloc[0] == "occupied"
    assert key.set_index("feature").loc["occupied", ["n_target", "n_reference"]].tolist() == [2, 0]
    assert key["G2"].is_monotonic_decreasing
    assert key.iloc[-1]["G2"] < 0
    ties = key[key["G2"] == key.set_index("feature").loc["a", "G2"]]
    assert ties["feature"].tolist() == sorted(ties["feature"])
    chi = textstat_keyness(d, [True, False, False], measure="chi2")
    assert "chi2" in chi.columns and chi["feature"].iloc[0] == "occupied"
    assert textstat_keyness(d, "text1")["feature"].tolist() == key["feature"].tolist()
    with pytest.raises(ValueError, match="reference"):
        textstat_keyness(d, "nobody", group_by="g")
    with pytest.raises(ValueError):
        textstat_keyness(d, "x", measure="pmi")


def test_keyness_against_a_reference_group_only():
    docs = pd.DataFrame({"text": ["war war", "peace", "war peace"], "g": ["A", "B", "C"]})
    d = dfm(docs)
    key = textstat_keyness(d, "A", "B", group_by="g").set_index("feature")
    assert key.loc["war", ["n_target", "n_reference"]].tolist() == [2, 0]
    assert key.loc["peace", ["n_target", "n_reference"]].tolist() == [0, 1]
    rest = textstat_keyness(d, "A", group_by="g").set_index("feature")
    assert rest.loc["war", "n_reference"] == 1


def test_pick_groups_falls_back_sensibly():
    docs = pd.DataFrame({"g": ["ARM", "AZE", "AZE", "USA", None]})
    assert pick_groups(docs, "g", "ARM", "AZE") == ("ARM", "AZE")
    assert pick_groups(docs, "g", "XXX", "ARM") == ("AZE", "ARM")
    assert pick_groups(docs, "g", "AZE", "AZE") == ("AZE", "ARM")  # ties: by name
    assert pick_groups(docs, "g") == ("AZE", "ARM")
    assert pick_groups(docs.iloc[1:3], "g", "AZE", "ARM") is None
    assert pick_groups(docs, "outlet") is None


def test_collocations_join_across_quote_marks_not_punctuation():
    text = "The so-called “elections” failed. So-called elections, again. Elections so-called."
    table = textstat_collocations(text, min_count=2)
    row = table.set_index("collocation").loc["so-called elections"]
    assert row["count"] == 2
    # N = 9 tokens; f(so-called) = 3, f(elections) = 3; E = 3 * 3 / 9 = 1
    assert row["pmi"] == pytest.approx(math.log2(2 / 1))
    assert row["t_score"] == pytest.approx((2 - 1) / math.sqrt(2))
    assert "elections so-called" not in set(
        table["collocation"]
    )  # ", again. Elections so-called" breaks
    assert (
        textstat_collocations(text, size=3, min_count=1)["collocation"].str.count(" ").eq(2).all()
    )
    assert textstat_collocations(text, min_count=2, remove_stopwords=True)[
        "collocation"
    ].tolist() == ["so-called elections"]
    with pytest.raises(ValueError):
        textstat_collocations(text, size=1)


def test_collocations_of_three_words_and_row_counting():
    text = "a b c. a b c, a b d"
    table = textstat_collocations(text, size=3, min_count=1).set_index("collocation")
    assert table["count"].to_dict() == {"a b c": 2, "a b d": 1}
    rows = np.array([[3, 1], [0, 2], [3, 1]])
    for n_ids in (4, 2**40):  # packed into one integer, and the np.unique(axis=0) fallback
        distinct, counts = _count_rows(rows, n_ids)
        assert distinct.tolist() == [[0, 2], [3, 1]] and counts.tolist() == [1, 2]
    assert textstat_collocations("one", min_count=1).empty


def test_collocates_of_occupied_on_seed():
    table = textstat_collocates(SEED, "occupied", window=3, min_count=1)
    assert {
        "collocate",
        "count",
        "left",
        "right",
        "frequency",
        "expected",
        "pmi",
        "t_score",
    } <= set(table.columns)
    row = table.set_index("collocate").loc["azerbaijan"]
    assert row["count"] == row["left"] + row["right"] >= 1
    assert "the" not in set(table["collocate"])  # stop words dropped by default
    assert table["pmi"].is_monotonic_decreasing


def test_collocates_window_counts():
    table = textstat_collocates(
        "x a node b y z", "node", window=2, min_count=1, remove_stopwords=False
    )
    assert table.set_index("collocate")["count"].to_dict() == {"x": 1, "a": 1, "b": 1, "y": 1}
    # N = 6, W = 4 positions, every word once: expected = 4/6
    assert table["expected"].tolist() == pytest.approx([4 / 6] * 4)


def _dated_docs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "text": ["occupied land occupied", "no word here", "occupied once", "undated occupied"],
            "date": pd.to_datetime(["2020-01-05", "2020-03-01", "2021-06-01", None]),
            "g": ["x", "y", "x", "y"],
        }
    )


def test_trends_per_year_with_document_counts():
    table = textstat_trends(_dated_docs(), ["occupied", "peace"], period="year")
    assert list(table.columns) == [
        "period", "term", "count", "per_10k", "n_docs", "n_docs_with_term", "n_tokens", "top_doc_share",
    ]  # fmt: skip
    occ = table[table["term"] == "occupied"]
    assert occ["period"].dt.year.tolist() == [2020, 2021]
    assert occ["count"].tolist() == [2, 1]
    assert occ["n_docs"].tolist() == [2, 1]
    assert occ["n_docs_with_term"].tolist() == [1, 1]
    assert occ["n_tokens"].tolist() == [6, 2]
    assert occ["per_10k"].tolist() == pytest.approx([2 / 6 * 1e4, 1 / 2 * 1e4])
    assert occ["top_doc_share"].tolist() == [1.0, 1.0]
    assert table[table["term"] == "peace"]["count"].tolist() == [0, 0]


def test_count_periods():
    assert count_periods(_dated_docs(), "year") == 2
    assert count_periods(_dated_docs(), "month") == 3
    assert count_periods(["undated"], "year") == 0


def test_trends_by_month_week_and_group():
    monthly = textstat_trends(_dated_docs(), "occupied", period="month")
    assert monthly["period"].dt.strftime("%Y-%m").tolist() == ["2020-01", "2020-03", "2021-06"]
    weekly = textstat_trends(_dated_docs(), "occupied", period="week")
    assert weekly["period"].iloc[0] == pd.Timestamp("2019-12-30")  # Monday of 2020-01-05's week
    grouped = textstat_trends(_dated_docs(), "occupied", group_by="g")
    assert grouped[["g", "count"]].values.tolist() == [["x", 2], ["x", 1], ["y", 0]]
    with pytest.raises(ValueError):
        textstat_trends(_dated_docs(), "occupied", period="decade")
    with pytest.raises(ValueError, match="date"):
        textstat_trends(["no dates"], "occupied")


def test_charts_return_figure_and_plotted_rows():
    d = dfm(SEED, remove_stopwords=True)
    fig, data = textplot_frequency(textstat_frequency(d), n=5)
    assert len(data) == 5
    plt.close(fig)
    docs = pd.DataFrame({"text": ["occupied occupied land", "peace talks peace"], "g": ["A", "B"]})
    fig, data = textplot_keyness(textstat_keyness(dfm(docs), "A", group_by="g"), n=2)
    assert (data["G2"] > 0).sum() == 2 and (data["G2"] < 0).sum() == 2
    plt.close(fig)
    fig, data = textplot_trends(textstat_trends(_dated_docs(), ["occupied", "land"]))
    assert len(data) == 4
    plt.close(fig)
    fig, data = textplot_quoted(quoted_use(SEED, ["elections", "occupied"]))
    assert data["term"].tolist() == ["elections", "occupied"]
    plt.close(fig)
