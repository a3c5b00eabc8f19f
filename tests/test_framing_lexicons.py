"""Lexicons, corpus tables, profiles and the HTML highlight of helpers.framing."""

import html

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import framing as F
from helpers.lexicons import compile_lexicon, lexicon_hits, read_lexicon
from helpers.paths import LEXICONS

FRAMES = [
    "economic", "capacity_resources", "morality", "fairness_equality", "legality",
    "policy_prescription", "crime_punishment", "security_defence", "health_safety",
    "quality_of_life", "cultural_identity", "public_opinion", "political",
    "external_regulation_reputation",
]  # fmt: skip
TOY = pd.DataFrame(
    {
        "pattern": ["so-called", "occup*", "occupied", "war crime*", "Cynical"],
        "family": ["delegitimising", "security", "occupation", "crime", "evaluative"],
    }
)

TOY_COMPILED = compile_lexicon(TOY)
PIECES = ["so-called", " ", "occupied", "war", "crimes", "İ", "-", "’", "x", "\n", "CYNICAL", "."]


def docs(*texts, groups=None):
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "text": list(texts),
            "group": groups or ["g"] * len(texts),
        }
    )


def test_shipped_lexicons_have_documented_columns_and_all_frames():
    for name in ("markers", "frames"):
        table = pd.read_csv(LEXICONS / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(table.columns) == ["pattern", "family", "note"]
        assert (table["pattern"].str.strip() != "").all()
    frames = read_lexicon("frames")
    assert list(dict.fromkeys(frames["family"])) == FRAMES
    markers = set(read_lexicon("markers")["family"])
    assert {"delegitimising", "distancing", "evaluative", "occupation"} <= markers


def test_lexicon_hits_whole_words_globs_phrases_and_case():
    lexicon = compile_lexicon(TOY)
    text = (
        "The SO-CALLED vote in occupied lands; unoccupied, anti-occupation; war   crimes; cynical."
    )
    hits = lexicon_hits(text, lexicon)
    found = [(text[s:e], p, f) for s, e, _, p, f in hits]
    assert found == [
        ("SO-CALLED", "so-called", "delegitimising"),
        ("occupied", "occupied", "occupation"),
        ("occupied", "occup*", "security"),
        ("war   crimes", "war crime*", "crime"),
        ("cynical", "cynical", "evaluative"),
    ]


def test_phrase_before_glob_and_globs_stay_in_one_word():
    lexicon = compile_lexicon(
        pd.DataFrame(
            {"pattern": ["secur*", "security council"], "family": ["security", "external"]}
        )
    )
    text = "The UN Security Council met; securities fell."
    found = [(m, p, f) for _, _, m, p, f in lexicon_hits(text, lexicon)]
    assert found == [
        ("Security Council", "security council", "external"),
        ("securities", "secur*", "security"),
    ]


def test_lexicon_hits_keep_offsets_when_lowercasing_changes_length():
    lexicon = compile_lexicon(TOY)
    text = "İİ so-called “elections”"  # 'İ'.lower() is two code points
    ((start, end, match, _, _),) = lexicon_hits(text, lexicon)
    assert text[start:end] == match == "so-called"


def test_read_lexicon_rejects_missing_columns():
    with pytest.raises(ValueError, match="pattern and family"):
        read_lexicon(pd.DataFrame({"word": ["x"]}))


def test_lexicon_table_sentences_and_quote_kinds():
    d = docs("They held so-called “occupied elections”. Cynical!", "Nothing here.")
    hits = F.lexicon_table(d, TOY)
    assert list(hits.columns) == F.HIT_COLUMNS
    rows = hits[["match", "family", "sent_id", "in_quote", "quote_kind"]].values.tolist()
    assert rows == [
        ["so-called", "delegitimising", 0, False, None],
        ["occupied", "occupation", 0, True, "scare"],
        ["occupied", "security", 0, True, "scare"],
        ["Cynical", "evaluative", 1, False, None],
    ]
    for row in hits.itertuples():
        assert d.set_index("doc_id").loc[row.doc_id, "text"][row.start : row.end] == row.match


def test_innermost_quote_kind_wins():
    d = docs("“The so-called “occupied” zone is lost,” he said. Later: occupied.")
    hits = F.lexicon_table(d, TOY)
    kinds = hits.drop_duplicates("start")["quote_kind"].tolist()
    assert kinds == ["direct", "scare", None]


def test_frame_scores_has_every_frame_per_sentence():
    d = docs("Troops crossed the border. Prices and taxes rose.")
    sentences = pd.DataFrame(
        {
            "doc_id": ["d0", "d0"],
            "sent_id": [0, 1],
            "para_id": [0, 0],
            "start": [0, 27],
            "end": [26, 48],
        }
    )
    hits = F.frames_table(d, sentences)
    scores = F.frame_scores(hits, sentences)
    assert list(scores.columns[5:]) == FRAMES
    assert scores.loc[0, "security_defence"] == 2 and scores.loc[0, "economic"] == 0
    assert scores.loc[1, "economic"] == 2


def test_textstat_framing_rates_and_zero_rows():
    d = docs("so-called one two three", "nothing at all here", groups=["a", "b"])
    hits = F.lexicon_table(d, TOY)
    profile = F.textstat_framing(d, hits, group_by="group", lexicons=TOY)
    a = profile[(profile["group"] == "a") & (profile["family"] == "delegitimising")].iloc[0]
    assert (a["hits"], a["words"], a["per_1000"]) == (1, 4, 250.0)
    assert len(profile) == 2 * TOY["family"].nunique()
    assert profile.loc[profile["group"] == "b", "hits"].sum() == 0


def test_quote_kind_shares_scare_terms_and_sources():
    d = docs("The so-called “elections”. “We won,” said Pope Francis. The “elections” again.")
    quotes = F.quotes_table(d)
    kinds = F.textstat_quote_kinds(d, quotes, group_by="group")
    assert kinds.set_index("kind")["count"].to_dict() == {
        "direct": 1,
        "scare": 2,
        "title": 0,
        "term": 0,
    }
    assert F.textstat_scare_terms(d, quotes).values.tolist() == [["elections", 2]]
    assert F.textstat_quoted_sources(d, quotes).values.tolist() == [["Pope Francis", 1]]


def test_highlight_escapes_text_and_nests_tags():
    text = "A <b>so-called</b> “<script>x</script>” and “he said “no” today,” he said."
    quotes = F.find_quotes(text)
    page = F.highlight_quotes(text, quotes)
    assert "<script>" not in page and html.escape("<script>") in page
    assert page.count("<mark") == page.count("</mark>") == len(quotes) == 3
    depth = 0
    for token in page.replace("</mark>", "\0close").split("<mark")[1:]:
        depth += 1 - token.count("\0close")
        assert depth >= 0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_lexicon_hits_offsets_hold(text):
    for start, end, match, pattern, family in lexicon_hits(text, TOY_COMPILED):
        assert text[start:end] == match and match.strip() == match
        assert pattern in set(TOY["pattern"].str.lower())
        assert (start == 0 or not text[start - 1].isalnum()) and family in set(TOY["family"])
