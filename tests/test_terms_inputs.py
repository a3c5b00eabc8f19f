"""``textstat_frequency`` and ``textstat_keyness`` accept what ``kwic`` accepts."""

from __future__ import annotations

import pandas as pd
import pandas.testing as pdt
import pytest

from helpers.corpus import Corpus
from helpers.terms import as_dfm, dfm, kwic, textstat_frequency, textstat_keyness

DOCS = pd.DataFrame(
    {
        "doc_id": ["a1", "a2", "b1"],
        "iso3": ["AZE", "AZE", "ARM"],
        "text": [
            "The so-called “elections” in the occupied territories.",
            "The occupied territories were liberated.",
            "Free elections were held despite the blockade.",
        ],
    }
)


@pytest.mark.parametrize(
    "x",
    [DOCS, Corpus(DOCS, pd.DataFrame(columns=["source", "reason"])), list(DOCS["text"])],
    ids=["docs", "corpus", "strings"],
)
def test_same_inputs_as_kwic(x: object) -> None:
    assert len(kwic(x, "occupied")) == 2
    pdt.assert_frame_equal(textstat_frequency(x, n=5), textstat_frequency(dfm(x), n=5))
    target = ["a1", "a2"] if isinstance(x, (pd.DataFrame, Corpus)) else ["text1", "text2"]
    pdt.assert_frame_equal(textstat_keyness(x, target), textstat_keyness(dfm(x), target))


def test_keyness_of_groups_from_docs() -> None:
    table = textstat_keyness(DOCS, "AZE", "ARM", group_by="iso3")
    assert table.iloc[0]["feature"] in {"occupied", "territories"}
    assert table.iloc[0]["n_target"] == 2 and table.iloc[0]["n_reference"] == 0
    grouped = textstat_frequency("one text, one text", group_by=None)
    assert grouped.set_index("feature").loc["one", "frequency"] == 2


def test_as_dfm_keeps_a_dfm_and_rejects_other_things() -> None:
    d = dfm(DOCS)
    assert as_dfm(d) is d
    with pytest.raises(TypeError):
        as_dfm(42)
