"""find_attributions (direct and indirect reported speech) and the PolNeAR scoring."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.evaluate.quotes import GOLD, Gold, gold_articles, score
from helpers.framing import ATTRIBUTION_COLUMNS, find_attributions

WORDS = [
    "He",
    " said",
    " that",
    ", ",
    ". ",
    "“",
    "”",
    '"',
    " the letter",
    " says",
    " According to",
    " Mr. Smith",
    " (D-Wis.)",
    " told reporters",
    ":",
    " adding",
    " war",
    "\n\n",
    " it is",
    " over",
]


def rows(text):
    table = find_attributions(text)
    assert list(table.columns) == ATTRIBUTION_COLUMNS
    for r in table.itertuples():
        assert text[r.start : r.end] == r.content
        assert r.source is None or text[r.source_start : r.source_end] == r.source
        assert text[r.cue_start : r.cue_end] == r.cue
    return table[["kind", "source", "cue", "content"]].values.tolist()


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The letter says it is not a coincidence that the vote fell on that day.",
            [
                "indirect",
                "The letter",
                "says",
                "it is not a coincidence that the vote fell on that day",
            ],
        ),
        (
            "The document says that these elections were held despite the pandemic.",
            [
                "indirect",
                "The document",
                "says",
                "that these elections were held despite the pandemic",
            ],
        ),
        (
            "The talks have failed again, the minister said on Friday.",
            ["indirect", "the minister", "said", "The talks have failed again"],
        ),
        (
            "The talks have failed again, said Ambassador Jane Doe.",
            ["indirect", "Ambassador Jane Doe", "said", "The talks have failed again"],
        ),
        (
            "According to the ministry, three villages were shelled overnight.",
            ["indirect", "the ministry", "According to", "three villages were shelled overnight"],
        ),
        (
            "Rep. Stephen Lynch (D-Mass.) said the law does not require witnesses.",
            [
                "indirect",
                "Rep. Stephen Lynch (D-Mass.)",
                "said",
                "the law does not require witnesses",
            ],
        ),
        (
            "The US State Department estimated that a total of 350 people died.",
            ["indirect", "The US State Department", "estimated", "that a total of 350 people died"],
        ),
        (
            "Kerr Putney, the police chief, said that the video did not give evidence.",
            [
                "indirect",
                "Kerr Putney, the police chief",
                "said",
                "that the video did not give evidence",
            ],
        ),
    ],
)
def test_indirect_patterns(text, expected):
    assert rows(text) == [expected]


def test_direct_quote_keeps_marks_and_joins_its_continuation():
    text = "“We will not accept this,” the envoy said. “Never.” Then the meeting ended."
    assert rows(text) == [
        ["direct", "the envoy", "said", "“We will not accept this,” the envoy said. “Never.”"]
    ]


def test_fragment_inside_reported_speech_reports_the_clause():
    text = "Biden said voters “don't deserve” to know his position."
    assert rows(text) == [
        ["indirect", "Biden", "said", "voters “don't deserve” to know his position"]
    ]


def test_participle_reuses_the_source():
    text = "“No link to terrorism,” the mayor said, adding that it would take more hours to know."
    assert rows(text)[1] == [
        "indirect",
        "the mayor",
        "adding",
        "that it would take more hours to know",
    ]


def test_nothing_reported():
    assert rows("Troops crossed the border at dawn. The so-called “elections” were held.") == []


def test_score_on_a_toy_article():
    text = "Trump said the wall is coming soon. Nobody knows."
    gold = [
        Gold(content=[(11, 34)], source=[(0, 5)], cue=[(6, 10)]),
        Gold(content=[(36, 48)], source=[], cue=[]),
    ]
    result = score([(text, gold)])
    assert result["gold"] == 2 and result["predicted"] == 1
    assert result["content_P_overlap"] == 1.0 and result["content_R_overlap"] == 0.5
    assert result["content_F1_exact"] == pytest.approx(2 / 3)
    assert result["source_acc_exact"] == 1.0 and result["cue_acc_overlap"] == 1.0


def test_gold_reader_on_shared_data():
    if not GOLD.exists():
        pytest.skip(f"PolNeAR gold not found at {GOLD} (needs ../shared next to the repo)")
    articles = gold_articles()
    assert len(articles) == 84
    assert all(
        g.content and all(0 <= s < e <= len(t) for s, e in g.content)
        for t, gs in articles
        for g in gs
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40).map("".join))
def test_attributions_never_raise_and_offsets_hold(text):
    for r in find_attributions(text).itertuples():
        assert 0 <= r.start <= r.end <= len(text) and text[r.start : r.end] == r.content
        assert 0 <= r.cue_start < r.cue_end <= len(text)
        assert r.source is None or text[r.source_start : r.source_end] == r.source
