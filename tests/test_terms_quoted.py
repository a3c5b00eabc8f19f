"""Quoted vs bare use of a term (helpers.terms.quoted_use, textstat_quoted)."""

from __future__ import annotations

import pandas as pd

from helpers.paths import RAW
from helpers.terms import USE_KINDS, quoted_use, quoted_wide, textstat_quoted
from helpers.terms_tokens import innermost_kind

SEED = (RAW / "000_b9ae1a64affd447b.txt").read_text(encoding="utf-8")


def test_seed_elections_always_in_scare_quotes():
    table = quoted_use(SEED, ["elections", "absent"])
    assert list(table.columns) == ["term", "kind", "count"]
    assert table["kind"].tolist() == list(USE_KINDS) * 2
    assert table["term"].tolist() == ["elections"] * 5 + ["absent"] * 5
    counts = dict(zip(table["kind"][:5], table["count"][:5], strict=True))
    assert counts == {"scare": 6, "direct": 0, "title": 0, "term": 0, "bare": 0}
    assert table["count"][5:].tolist() == [0] * 5


def test_bare_use_and_single_term_string():
    table = quoted_use("Elections were held. Free elections matter.", "elections")
    assert table.set_index("kind")["count"].to_dict() == {
        "scare": 0, "direct": 0, "title": 0, "term": 0, "bare": 2,
    }  # fmt: skip


def test_innermost_quote_wins():
    quotes = pd.DataFrame(
        {"start": [0, 10], "end": [40, 20], "kind": ["direct", "scare"], "depth": [0, 1]}
    )
    starts, ends = pd.Series([2, 11, 30, 50]).to_numpy(), pd.Series([8, 19, 35, 55]).to_numpy()
    assert innermost_kind(starts, ends, quotes).tolist() == ["direct", "scare", "direct", "bare"]


def test_textstat_quoted_per_document_and_group():
    docs = pd.DataFrame(
        {
            "doc_id": ["seed", "plain", "none"],
            "text": [SEED, "The elections were held.", "Nothing to see."],
            "outlet": ["Trend", "Other", "Other"],
        }
    )
    per_doc = textstat_quoted(docs, "elections")
    assert per_doc["doc_id"].unique().tolist() == ["seed", "plain"]
    seed = per_doc[per_doc["doc_id"] == "seed"].set_index("kind")
    assert seed.loc["scare", "count"] == 6 and seed.loc["scare", "share"] == 1.0
    per_group = textstat_quoted(docs, "elections", group_by="outlet")
    assert per_group["outlet"].unique().tolist() == ["Other", "Trend"]
    other = per_group[per_group["outlet"] == "Other"].set_index("kind")
    assert other.loc["bare", "count"] == 1 and other.loc["bare", "share"] == 1.0


def test_quoted_wide_one_row_per_term_sorted_by_total():
    wide = quoted_wide(quoted_use(SEED, ["occupied", "elections", "absent"]))
    assert wide["term"].tolist() == ["elections", "occupied"]
    assert wide.columns.tolist() == [
        "term", "scare", "direct", "title", "term_mention", "bare", "total", "quoted_share",
    ]  # fmt: skip
    assert wide.iloc[0][["scare", "total", "quoted_share"]].tolist() == [6, 6, 1.0]
    docs = pd.DataFrame({"text": [SEED, "elections"], "g": ["a", "b"]})
    by_group = quoted_wide(textstat_quoted(docs, "elections", group_by="g"), key="g", n=1)
    assert by_group[["g", "total"]].values.tolist() == [["a", 6]]
