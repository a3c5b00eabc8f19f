"""Who is quoted, over a corpus: speakers from the documents' metadata, names counted once
however they are written, unresolved sources reported, never charted."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import framing as F  # noqa: E402
from helpers.framing_profile import speaker_merges  # noqa: E402


def corpus(texts: list[str], **columns) -> pd.DataFrame:
    data = {"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts}
    data.update(columns)
    return pd.DataFrame(data)


def test_first_person_in_a_speech_is_the_speaking_country():
    docs = corpus(
        ["As I said last year, “the occupation must end”.", "We have said, “never again”."],
        iso3=["ARM", "AZE"],
    )
    quotes = F.quotes_table(docs)
    direct = quotes[quotes["kind"] == "direct"]
    assert direct["speaker"].tolist() == ["Armenia", "Azerbaijan"]
    assert direct["source"].tolist() == ["I", "We"]


def test_a_remarks_title_names_the_speaker_and_the_holder_of_a_label_role():
    text = "THE PRESIDENT: Thank you. As I said, “we will build back better.”"
    docs = corpus([text], title=["Remarks by President Joe Biden at the Port of Baltimore"])
    quotes = F.quotes_table(docs)
    assert quotes.loc[quotes["kind"] == "direct", "speaker"].tolist() == ["Joe Biden"]
    assert F.find_quotes(text)["speaker"].tolist() == ["The President"]


def test_sources_are_counted_by_canonical_name_in_natural_case():
    docs = corpus(
        [
            "“We act,” said President Joe Biden. “Now,” President Biden added.",
            "“Again,” said President Biden.",
            "“Soon,” said First Lady Jill Biden.",
            "The Georgians say “let us save culture”. “Yes,” said the letter.",
        ]
    )
    table = F.textstat_quoted_sources(docs, F.quotes_table(docs))
    assert table.values.tolist() == [
        ["Joe Biden", 3], ["Georgians", 1], ["Jill Biden", 1], ["the letter", 1],
    ]  # fmt: skip


def test_unresolved_sources_are_a_row_of_the_table_and_no_bar_of_the_chart():
    docs = corpus(["It rained. “No,” he said. “Yes,” said Pope Francis. “Maybe,” you said."])
    table = F.textstat_quoted_sources(docs, F.quotes_table(docs))
    assert table.values.tolist() == [["Pope Francis", 1], [F.UNRESOLVED, 2]]
    fig = F.textplot_quoted_sources(table)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Pope Francis"]
    assert "2 with an unresolved source" in ax.get_title()


@pytest.mark.parametrize(
    "totals, roles, expected",
    [
        ({"Biden": 8, "Joe Biden": 1, "Jill Biden": 2},
         {"Biden": {"president": 6}, "Joe Biden": {"president": 1}, "Jill Biden": {"first lady": 2}},
         {"Biden": "Joe Biden"}),
        ({"Biden": 8, "Joe Biden": 2, "Jill Biden": 2}, {}, {}),  # no role, no majority
        ({"Granholm": 1, "Jennifer Granholm": 2, "Jennifer M. Granholm": 2}, {},
         {"Granholm": "Jennifer M. Granholm", "Jennifer Granholm": "Jennifer M. Granholm"}),
        ({"Barack": 3, "Barack Obama": 1}, {}, {"Barack": "Barack Obama"}),
        ({"The President": 3, "the letter": 2, "Donald Trump": 1}, {}, {}),
    ],
)  # fmt: skip
def test_names_are_merged_across_documents_only_when_one_fuller_name_fits(totals, roles, expected):
    assert speaker_merges(totals, roles) == expected


def test_grouped_table_keeps_each_groups_unresolved_row_last():
    docs = corpus(
        ["“A,” said Pope Francis.", "“B,” he said.", "“C,” said Malta."],
        iso3=["VAT", "VAT", "MLT"],
    )
    table = F.textstat_quoted_sources(docs, F.quotes_table(docs), group_by="iso3")
    assert table.values.tolist() == [
        ["MLT", "Malta", 1], ["VAT", "Pope Francis", 1], ["VAT", F.UNRESOLVED, 1],
    ]  # fmt: skip
