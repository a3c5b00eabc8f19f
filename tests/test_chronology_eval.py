"""The TempEval-3 evaluation: TimeML parsing, matching and scores; a gold subset when present."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.evaluate.timex import GOLD, load_gold, match, ours, parse_tml, per_type_errors, score

TML = """<?xml version="1.0" ?>
<TimeML><DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="1998-08-07T06:18" functionInDocument="CREATION_TIME">08/07/1998</TIMEX3></DCT>
<TEXT>
Bombs <EVENT eid="e1">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> &amp; talks
lasted <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3> in <SIGNAL sid="s1">the</SIGNAL> city.
</TEXT></TimeML>"""


def test_parse_tml_strips_tags_and_keeps_offsets():
    doc = parse_tml(TML, "x")
    assert doc.dct == "1998-08-07"
    assert "<" not in doc.text and "&amp;" not in doc.text and "Friday & talks" in doc.text
    assert doc.timexes["text"].tolist() == ["Friday", "two weeks"]
    for row in doc.timexes.itertuples():
        assert doc.text[row.start : row.end] == row.text


def test_match_is_one_to_one_by_overlap():
    gold = pd.DataFrame({"start": [0, 10], "end": [5, 20]})
    system = pd.DataFrame({"start": [2, 3, 15], "end": [4, 8, 30]})
    assert sorted(match(gold, system)) == [(0, 0), (1, 2)]  # ties: the first system row


def test_scores_on_a_small_document():
    doc = parse_tml(TML, "x")
    result = score([doc], ours)
    assert result["relaxed_f1"] == 1.0 and result["strict_f1"] == 1.0
    assert result["value_f1"] == 1.0 and result["type_acc"] == 1.0
    errors = per_type_errors(result["pairs"]).set_index("type")
    assert errors.loc["DATE", "gold"] == 1 and errors.loc["DURATION", "missed"] == 0


def test_gold_subset_reaches_the_targets():
    if not GOLD.exists():
        pytest.skip(f"gold data not found at {GOLD} (needs ../shared next to the repo)")
    docs = load_gold()[::8]  # 32 of 256 documents, every 8th: keeps the test fast
    result = score(docs, ours)
    assert result["relaxed_f1"] >= 0.85
    assert result["value_f1"] >= 0.70
