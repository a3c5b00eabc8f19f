"""Choosing the groups to compare (helpers.groups): ties, min_docs, named and missing
groups, documents without a group, the keyness pair, and tables ordered by the choice."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import pipeline_tables as pt
from helpers.corpus import read_corpus
from helpers.groups import (
    choose_groups,
    chosen_first,
    group_sizes,
    pick_groups,
    select_groups,
)


def _docs() -> pd.DataFrame:
    """Groups A, B, C with 3 documents each (B has the most words, A and C tie on words),
    D with 4 short ones, E and F with one each, two documents without a group."""
    rows = (
        [("A", "one two")] * 3 + [("B", "one two three four")] * 3 + [("C", "uno dos")] * 3
        + [("D", "x")] * 4 + [("E", "a b c d e f g h")] + [("F", "a")] + [(None, "lost words")] * 2
    )  # fmt: skip
    frame = pd.DataFrame(rows, columns=["g", "text"])
    return frame.assign(doc_id=[f"d{i}" for i in range(len(frame))])


def test_group_sizes_count_documents_and_words_and_label_missing_values():
    sizes = group_sizes(_docs(), "g")
    assert sizes["group"].tolist() == ["D", "B", "A", "C", "(none)", "E", "F"]
    assert sizes.set_index("group").loc["(none)", ["n_docs", "n_words"]].tolist() == [2, 4]
    assert sizes.set_index("group").loc["B", ["n_docs", "n_words"]].tolist() == [3, 12]


def test_ties_go_to_more_words_then_name(capsys):
    assert choose_groups(_docs(), "g") == ["D", "B", "A", "C"]
    note = capsys.readouterr().out
    assert "Comparing 4 of 6 group(s) by 'g'" in note
    assert "2 group(s) with fewer than 3 documents (2 documents): E, F" in note
    assert "2 document(s) without a 'g' value" in note


def test_order_does_not_depend_on_the_row_order():
    docs = _docs()
    shuffled = docs.sample(frac=1, random_state=7)
    assert choose_groups(shuffled, "g", note=False) == choose_groups(docs, "g", note=False)


def test_min_docs_and_max_groups(capsys):
    assert choose_groups(_docs(), "g", min_docs=1, note=False) == ["D", "B", "A", "C", "E", "F"]
    assert choose_groups(_docs(), "g", min_docs=4, note=False) == ["D"]
    assert choose_groups(_docs(), "g", max_groups=2) == ["D", "B"]
    assert "Not shown (max_groups=2): 2 more group(s) with 3+ documents: A, C" in (
        capsys.readouterr().out
    )


def test_named_groups_keep_their_order_and_are_kept_when_small(capsys):
    assert choose_groups(_docs(), "g", ["F", "A"]) == ["F", "A"]
    note = capsys.readouterr().out
    assert "named group(s) by 'g': F (1 documents), A (3 documents)" in note
    assert "with fewer than 3 documents: F" in note
    assert choose_groups(_docs(), "g", "B", note=False) == ["B"]
    assert choose_groups(_docs(), "g", [], note=False) == ["D", "B", "A", "C"]  # empty: automatic


def test_missing_named_groups_are_left_out_or_an_error(capsys):
    assert choose_groups(_docs(), "g", ["A", "ZZZ", "(none)"]) == ["A"]
    assert "Not in 'g', left out: ZZZ, (none)" in capsys.readouterr().out
    with pytest.raises(ValueError, match=r"none of the groups \['ZZZ'\].*D \(4\), B \(3\)"):
        choose_groups(_docs(), "g", ["ZZZ"])


def test_missing_column_is_an_error_naming_the_columns():
    with pytest.raises(KeyError, match="'country' is not a column.*g, doc_id"):
        choose_groups(_docs().drop(columns="text"), "country")
    assert choose_groups(_docs(), None) == [] and choose_groups(_docs(), "") == []


def test_values_keep_their_type_and_tables_match_by_text():
    docs = pd.DataFrame({"year": [2020] * 3 + [2021] * 4 + [2019], "text": "a b"})
    docs["doc_id"] = [f"d{i}" for i in range(len(docs))]
    chosen = choose_groups(docs, "year", note=False)
    assert chosen == [2021, 2020] and docs["year"].isin(chosen).sum() == 7
    assert choose_groups(docs, "year", ["2019"], note=False) == [2019]
    labelled = pd.DataFrame({"group": ["2019", "2020", "2021"], "n": [1, 3, 4]})
    assert select_groups(labelled, chosen, "group")["n"].tolist() == [4, 3]
    assert chosen_first(labelled, chosen, "group")["n"].tolist() == [4, 3, 1]


def test_words_from_the_pipeline_metadata_give_the_same_choice(small):
    path, p = small
    docs = read_corpus(path, cache=False, dedupe=False).docs
    metadata = pt.read_docs(p, ["doc_id", "n_words", "group"])
    assert "text" not in metadata.columns
    assert choose_groups(metadata, "group", min_docs=1) == choose_groups(docs, "group", min_docs=1)
    pd.testing.assert_frame_equal(group_sizes(metadata, "group"), group_sizes(docs, "group"))


def test_keyness_pair_defaults_to_the_two_largest_groups(capsys):
    docs = _docs()
    assert pick_groups(docs, "g") == ("D", "B")
    assert pick_groups(docs, "g", "A") == ("A", "D")
    assert pick_groups(docs, "g", None, "A") == ("D", "A")
    assert pick_groups(docs, "g", "C", "A") == ("C", "A")
    assert pick_groups(docs, "g", groups=["F", "E"]) == ("F", "E")
    assert pick_groups(docs, "g", "AZE", "ARM", note=False) == ("D", "B")
    assert pick_groups(docs, "g", "B", "B") == ("B", "D")
    assert "reference 'B' is not a separate group by 'g': using D" in capsys.readouterr().out
    assert pick_groups(docs[docs["g"] == "A"], "g") is None
    assert pick_groups(docs, "country") is None and pick_groups(docs, None) is None


def test_chosen_first_keeps_the_order_of_the_others():
    table = pd.DataFrame({"n": [1, 2, 3, 4]}, index=pd.Index(["w", "x", "y", "z"], name="g"))
    assert chosen_first(table, ["y", "w"]).index.tolist() == ["y", "w", "x", "z"]
    assert select_groups(table, ["z", "x", "missing"]).index.tolist() == ["z", "x"]
    rows = pd.DataFrame({"g": ["a", "b", "a", "c"], "v": [1, 2, 3, 4]})
    assert select_groups(rows, ["a"], "g")["v"].tolist() == [1, 3]
    assert chosen_first(rows, ["c", "a"], "g")["v"].tolist() == [4, 1, 3, 2]
