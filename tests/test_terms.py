"""Tokens, stop words, n-grams, the dfm and the frequency table (helpers.terms)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer

from helpers.paths import RAW, ROOT
from helpers.terms import (
    TOKEN_PATTERN,
    as_docs,
    count_matrix,
    dfm,
    dfm_group,
    dfm_remove,
    ngrams,
    stopwords,
    textstat_frequency,
    tokens,
)
from helpers.terms_tokens import mask_urls, word_tokens

SEED = (RAW / "000_b9ae1a64affd447b.txt").read_text(encoding="utf-8")
UN = ROOT.parent / "shared" / "corpora" / "ungdc-arm-aze" / "ungdc_subset.jsonl"
TEXT_CHARS = st.sampled_from(list("abcXYZéß019 -'’.,;:/“”\"\n\t\xa0\u2028–_कस\u094d\u0947"))


def test_tokens_keep_hyphens_apostrophes_and_numbers_whole():
    text = "The so-called Nagorno-Karabakh region: Azerbaijan’s don't 1,000 and 3.5 per cent – 2020 U.S."
    toks = tokens(text, quotes=False)["token"].tolist()
    assert toks == [
        "The", "so-called", "Nagorno-Karabakh", "region", "Azerbaijan’s", "don't", "1,000",
        "and", "3.5", "per", "cent", "2020", "U.S.",
    ]  # fmt: skip


def test_dotted_abbreviations_stay_whole_but_sentence_ends_split():
    toks = tokens("The U.S. and U.N. e.g. said so.Then x.y 2.a", quotes=False)["lower"].tolist()
    assert toks == ["the", "u.s.", "and", "u.n.", "e.g.", "said", "so", "then", "x", "y", "2", "a"]


def test_dotted_abbreviations_keep_their_final_period_everywhere():
    text = "The U.S. and the U.K. met in Washington, D.C. today. Aid rose in the U.S. The U.N."
    found = tokens(text, quotes=False)
    abbreviations = found[found["lower"].str.contains(".", regex=False)]
    assert abbreviations["token"].tolist() == ["U.S.", "U.K.", "D.C.", "U.S.", "U.N."]
    # the same token mid-sentence and at a sentence end, with offsets covering the period
    assert [text[s:e] for s, e in zip(abbreviations["start"], abbreviations["end"], strict=True)] == [
        "U.S.", "U.K.", "D.C.", "U.S.", "U.N."
    ]  # fmt: skip
    counts = textstat_frequency(text, n=50)
    assert counts.set_index("feature").loc["u.s.", "frequency"] == 2
    assert "u.s" not in set(counts["feature"])
    # no final period, or a longer word before it: not a dotted abbreviation
    assert word_tokens("the U.S and Mr. Smith and etc. x.yz.") == [
        "the", "U", "S", "and", "Mr", "Smith", "and", "etc", "x", "yz"
    ]  # fmt: skip


def test_combining_marks_stay_inside_words():
    assert tokens("हम लोग नमस्ते ไทย", quotes=False)["token"].tolist() == ["हम", "लोग", "नमस्ते", "ไทย"]


def test_tokens_table_offsets_sentences_and_lower():
    text = "First sentence here. Second One!"
    table = tokens(pd.DataFrame({"doc_id": ["d"], "text": [text]}), quotes=False)
    assert list(table.columns) == [
        "doc_id",
        "sent_id",
        "start",
        "end",
        "token",
        "lower",
        "quote_kind",
    ]
    assert table["sent_id"].tolist() == [0, 0, 0, 1, 1]
    assert table["lower"].tolist()[-1] == "one"
    assert all(
        text[s:e] == t
        for s, e, t in zip(table["start"], table["end"], table["token"], strict=False)
    )
    assert set(table["quote_kind"]) == {"bare"}


def test_sentence_ids_match_the_corpus_sentences():
    from helpers.corpus import read_corpus

    corpus = read_corpus(RAW, progress=False)
    table = tokens(corpus, quotes=False)
    sentences = corpus.sentences().astype({"doc_id": "str"})
    joined = table.merge(sentences, on=["doc_id", "sent_id"], suffixes=("", "_sent"))
    assert len(joined) == len(table)
    assert ((joined["start"] >= joined["start_sent"]) & (joined["end"] <= joined["end_sent"])).all()


def test_tokens_quote_kind_on_seed():
    table = tokens(SEED)
    elections = table[table["lower"] == "elections"]
    assert len(elections) == 6
    assert set(elections["quote_kind"]) == {"scare"}
    assert table.loc[table["lower"] == "ostentatious", "quote_kind"].tolist() == ["direct"]
    assert table.loc[table["lower"] == "baku", "quote_kind"].tolist() == ["bare"]


@settings(max_examples=60, deadline=None)
@given(st.text(TEXT_CHARS, max_size=80))
def test_token_offsets_point_into_the_text(text):
    table = tokens(text, quotes=False)
    assert all(
        text[s:e] == t
        for s, e, t in zip(table["start"], table["end"], table["token"], strict=False)
    )
    assert (table["start"].diff().dropna() > 0).all()


def test_remove_stopwords_and_editable_list(tmp_path):
    assert {"the", "of", "don't", "don’t"} <= stopwords()
    assert "elections" not in stopwords()
    custom = tmp_path / "stop.csv"
    custom.write_text("word\nelections\n# a comment\n", encoding="utf-8")
    assert stopwords(custom) == frozenset({"elections"})
    kept = tokens("The elections of the year", quotes=False, remove_stopwords=True)
    assert kept["lower"].tolist() == ["elections", "year"]


def test_ngrams():
    assert ngrams(["a", "b", "c"], 2) == ["a b", "b c"]
    assert ngrams(["a", "b"], 3) == []
    assert ngrams(["a", "b"], 1) == ["a", "b"]
    with pytest.raises(ValueError):
        ngrams(["a"], 0)


def test_as_docs_inputs_and_errors():
    assert as_docs("x")["doc_id"].tolist() == ["text1"]
    assert as_docs(["x", "y"])["doc_id"].tolist() == ["text1", "text2"]
    with pytest.raises(ValueError, match="text"):
        as_docs(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(TypeError):
        as_docs([1, 2])
    with pytest.raises(TypeError):
        as_docs(3)


def _assert_same_as_sklearn(texts, **cv_options):
    pattern = cv_options.pop("token_pattern", TOKEN_PATTERN)
    ngram = cv_options.get("ngram_range", (1, 1))
    X, features = count_matrix(texts, pattern=pattern, ngrams=ngram)
    vectorizer = CountVectorizer(
        token_pattern=pattern, preprocessor=lambda t: mask_urls(t).lower(), **cv_options
    )
    Y = vectorizer.fit_transform(texts)
    assert features == vectorizer.get_feature_names_out().tolist()
    assert X.shape == Y.shape
    assert (X != Y).nnz == 0


def test_count_matrix_equals_count_vectorizer_on_the_seed():
    texts = [SEED, "The so-called “elections”, 1,000 votes.", "Azerbaijan’s ELECTIONS"]
    _assert_same_as_sklearn(texts)
    _assert_same_as_sklearn(texts, ngram_range=(1, 2))
    _assert_same_as_sklearn(texts, token_pattern=r"(?u)\b\w\w+\b")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(TEXT_CHARS, max_size=60), min_size=1, max_size=5))
def test_count_matrix_equals_count_vectorizer_property(texts):
    texts = texts + ["anchor"]  # CountVectorizer refuses an empty vocabulary
    _assert_same_as_sklearn(texts)


def test_count_matrix_remove_stopwords_matches_sklearn_stop_words():
    texts = [SEED, "the elections of the year"]
    X, features = count_matrix(texts, remove_stopwords=True)
    vectorizer = CountVectorizer(
        token_pattern=TOKEN_PATTERN,
        stop_words=sorted(stopwords()),
        preprocessor=lambda t: mask_urls(t).lower(),
    )
    Y = vectorizer.fit_transform(texts)
    assert features == vectorizer.get_feature_names_out().tolist()
    assert (X != Y).nnz == 0


def test_count_matrix_on_un_speeches():
    if not UN.exists():
        pytest.skip(f"shared UN corpus not found at {UN}")
    with UN.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(30), fh, strict=False)]
    _assert_same_as_sklearn(texts)


def test_dfm_keeps_doc_ids_metadata_and_token_totals():
    docs = pd.DataFrame(
        {"doc_id": ["a", "b"], "text": ["The cat, the hat", "A dog"], "g": ["x", "y"]}
    )
    d = dfm(docs)
    assert d.doc_ids == ["a", "b"]
    assert list(d.docs.columns) == ["doc_id", "g"]
    assert d.ntokens.tolist() == [4, 2]
    assert d.features == ["a", "cat", "dog", "hat", "the"]
    assert d.matrix.toarray().tolist() == [[0, 1, 0, 1, 2], [1, 0, 1, 0, 0]]
    removed = dfm_remove(d, stopwords())
    assert removed.features == ["cat", "dog", "hat"]
    assert removed.ntokens.tolist() == [4, 2]


def test_dfm_ngrams_with_stopwords_removed():
    d = dfm("the so-called elections were held", ngrams=(1, 2), remove_stopwords=True)
    assert d.features == ["elections", "held", "so-called", "so-called elections"]


def test_dfm_group_sums_rows():
    docs = pd.DataFrame({"text": ["a b", "b", "c"], "g": ["y", "x", "y"]})
    grouped = dfm_group(dfm(docs), "g")
    assert grouped.docs["g"].tolist() == ["x", "y"]
    assert grouped.docs["n_docs"].tolist() == [1, 2]
    assert grouped.matrix.toarray().tolist() == [[0, 1, 0], [1, 1, 1]]
    assert grouped.ntokens.tolist() == [1, 3]
    with pytest.raises(KeyError):
        dfm_group(dfm(docs), "nope")


def test_textstat_frequency_ranks_docfreq_and_rates():
    d = dfm(["b a b c", "b c", "d"])
    freq = textstat_frequency(d)
    assert freq["feature"].tolist() == ["b", "c", "a", "d"]
    assert freq["frequency"].tolist() == [3, 2, 1, 1]
    assert freq["rank"].tolist() == [1, 2, 3, 3]
    assert freq["docfreq"].tolist() == [2, 2, 1, 1]
    assert freq["per_10k"].iloc[0] == pytest.approx(3 / 7 * 1e4)
    assert textstat_frequency(d, n=2)["feature"].tolist() == ["b", "c"]


def test_textstat_frequency_by_group():
    docs = pd.DataFrame({"text": ["x x y", "y", "z"], "g": ["A", "A", "B"]})
    freq = textstat_frequency(dfm(docs), group_by="g")
    assert list(freq.columns) == ["feature", "frequency", "rank", "docfreq", "per_10k", "group"]
    a = freq[freq["group"] == "A"]
    assert a["feature"].tolist() == ["x", "y"]
    assert a["docfreq"].tolist() == [1, 2]
    assert a["per_10k"].tolist() == pytest.approx([5000.0, 5000.0])
    assert freq[freq["group"] == "B"]["feature"].tolist() == ["z"]


def test_seed_top_terms_without_stopwords():
    freq = textstat_frequency(dfm(SEED, remove_stopwords=True), n=3)
    assert freq["feature"].tolist() == ["azerbaijan", "elections", "so-called"]
    assert freq["frequency"].tolist() == [9, 6, 5]


URL_TEXT = (
    "Read the [statement] at https://www.whitehouse.gov/briefing-room/statements/ (or "
    "www.un.org/en, WhiteHouse.gov/x and press@state.gov). The U.S. e.g. said so-called “no”."
)


def test_urls_and_email_addresses_are_not_words():
    found = tokens(URL_TEXT)
    assert found["lower"].tolist() == [
        "read", "the", "statement", "at", "or", "and", "the", "u.s.", "e.g.", "said", "so-called", "no",
    ]  # fmt: skip
    assert (found["end"] <= len(URL_TEXT)).all()
    assert [URL_TEXT[s:e] for s, e in zip(found["start"], found["end"], strict=True)] == found[
        "token"
    ].tolist()
    assert word_tokens(URL_TEXT.lower()) == found["lower"].tolist()
    features = dfm([URL_TEXT, "gov.uk and the gov"]).features
    assert not {"https", "www", "com", "whitehouse", "org", "state"} & set(features)
    assert "gov" in features  # the word, from the second text
    _assert_same_as_sklearn([URL_TEXT, "mail a.b@c.org now"], ngram_range=(1, 2))


def test_mask_urls_keeps_offsets():
    masked = mask_urls(URL_TEXT)
    assert len(masked) == len(URL_TEXT)
    assert "https" not in masked and "press@" not in masked and "(or" in masked
