"""find_attributions (direct and indirect reported speech) and the PolNeAR scoring."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.evaluate.quotes import (
    GOLD,
    Gold,
    gold_articles,
    gold_segments,
    held_out,
    predictions,
    score,
    speaker_labels,
)
from helpers.framing import ATTRIBUTION_COLUMNS, find_attributions
from helpers.framing_reported import attribution_records

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


def test_direct_quote_segments_are_rows_with_the_same_tag():
    text = "“We will not accept this,” the envoy said. “Never.” Then the meeting ended."
    assert rows(text) == [
        ["direct", "the envoy", "said", "“We will not accept this,”"],
        ["direct", "the envoy", "said", "“Never.”"],
    ]


@pytest.mark.parametrize(
    "text, source",
    [
        ('"We are here," said Mayor Jim Kenney on Monday. "And we will stay."', "Mayor Jim Kenney"),
        ("“First part,” she said, “second part of the sentence.”", "she"),
        ("“It is over,” he told reporters. “We lost.”", "he"),
        ("“Enough,” said Douglas Holtz-Eakin, an economist at the forum. “It must stop.”",
         "Douglas Holtz-Eakin"),
        ("He said: “We came.” “We saw.”", "He"),
    ],
)  # fmt: skip
def test_every_segment_is_attributed(text, source):
    table = find_attributions(text)
    direct = table[table["kind"] == "direct"]
    assert len(direct) == 2 and direct["source"].tolist() == [source, source]
    assert direct["content"].str.startswith(("“", '"')).all()


def test_speaker_column_resolves_pronouns_and_roles():
    text = (
        "Foreign Minister Jeyhun Bayramov met Hillary Clinton in Baku. "
        "“We will not accept this,” he said. “Never,” she replied. "
        "The minister said the talks would go on."
    )
    table = find_attributions(text)
    assert list(table.columns) == ATTRIBUTION_COLUMNS
    assert table[["source", "speaker"]].values.tolist() == [
        ["he", "Jeyhun Bayramov"],
        ["she", "Hillary Clinton"],
        ["The minister", "Jeyhun Bayramov"],
    ]


@pytest.mark.parametrize(
    "text",
    [
        "READ MORE: Talks on the border collapse after a week of shelling",
        "WATCH: The minister arrives in Brussels for the summit",
        "UPDATE: Three villages were shelled overnight, officials say",
        "BREAKING: Parliament votes on the new law",
        "RELATED: Inside the talks that failed",
        "FACT SHEET: The administration invests in roads and bridges",
    ],
)
def test_web_labels_and_headings_are_never_speakers(text):
    sources = find_attributions(text)["source"].tolist()
    label = text.split(":")[0]
    assert label not in sources


def test_transcript_label_is_a_speaker():
    table = find_attributions("THE PRESIDENT: Thank you all for coming today to the White House.")
    assert table[["source", "cue"]].values.tolist() == [["THE PRESIDENT", ":"]]


@pytest.mark.parametrize(
    "text, source",
    [
        (
            "Smith, who chairs the panel, said the law does not require witnesses.",
            "Smith, who chairs the panel",
        ),
        ("The nations that oppose the plan said they would vote against it.", "The nations"),
        ("I don't think the plan will survive the vote in the senate.", "I"),
        ("The governor expressed confidence that the bill would pass.", "The governor"),
        ("Polls show Clinton leading Trump in Ohio and Florida.", "Polls"),
        ("Critics claim the program to be a failure.", "Critics"),
        ("No one expected a full hour of policy discussion.", "No one"),
    ],
)
def test_sources_are_noun_phrases(text, source):
    assert find_attributions(text)["source"].tolist()[:1] == [source]


@pytest.mark.parametrize(
    "text",
    [
        "The big said the plan is over.",
        "A presidential campaign stop in Flint drew a large crowd.",
        "The unemployment rate is 33 percent for young people.",
        "Trump showed up at the debate in a dark suit.",
        "The Trump campaign did not immediately respond to requests for comment.",
        "The holiday is observed as a day of sacrifice.",
        "Samantha Power, Administrator, United States Agency for International Development.",
    ],
)
def test_no_attribution_without_a_source_and_a_verb(text):
    assert rows(text) == []


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


def test_segments_of_one_tag_are_one_polnear_attribution_and_scored_per_segment():
    text = "“We will not accept this,” he said. “Never.” Smith arrived."
    gold = [Gold(content=[(0, 26), (36, 44)], source=[(27, 29)], cue=[(30, 34)])]
    assert [(p.content, p.source) for p in predictions(attribution_records(text))] == [
        ([(0, 26), (36, 44)], (27, 29))
    ]
    assert [g.content for g in gold_segments(text, gold)] == [[(0, 26)], [(36, 44)]]
    result = score([(text, gold)], {(0, 27, 29): "Smith"})
    assert result["content_F1_exact"] == 1.0 and result["direct_F1_overlap"] == 1.0
    assert result["segment_gold"] == result["segment_predicted"] == 2
    assert result["segment_F1"] == 1.0 and result["segment_source_acc_exact"] == 1.0
    assert result["segment_speakers_labelled"] == 2 and result["segment_speaker_acc"] == 0.0


def test_maximum_matching_keeps_nested_predictions():
    text = "Smith said officials believe the war is over. Then silence."
    gold = [
        Gold(content=[(11, 44)], source=[(0, 5)], cue=[(6, 10)]),
        Gold(content=[(28, 44)], source=[(11, 20)], cue=[(21, 28)]),
    ]
    assert score([(text, gold)])["content_R_overlap"] == 1.0


def test_gold_reader_on_shared_data():
    if not GOLD.exists():
        pytest.skip(f"PolNeAR gold not found at {GOLD} (needs ../shared next to the repo)")
    articles = gold_articles()
    assert len(articles) == 84
    parts = [gold_articles(split=split) for split in ("development", "held-out")]
    assert [len(p) for p in parts] == [65, 19]
    assert not held_out("breitbart_2016-09-12_stealth-over-health-hillary-clin")
    labels = speaker_labels()
    assert len(labels["all"]) == len(labels["development"]) + len(labels["held-out"])
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
