"""KWIC and pattern matching (helpers.terms.kwic, compile_patterns)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.paths import RAW
from helpers.terms import compile_patterns, kwic
from helpers.terms_match import find_matches

SEED = (RAW / "000_b9ae1a64affd447b.txt").read_text(encoding="utf-8")


def test_kwic_columns_and_offsets_on_seed():
    hits = kwic(SEED, "so-called", window=3)
    assert list(hits.columns) == ["doc_id", "start", "end", "pre", "keyword", "post", "pattern"]
    assert len(hits) == 5
    assert all(
        SEED[s:e] == k for s, e, k in zip(hits["start"], hits["end"], hits["keyword"], strict=True)
    )
    first = hits.iloc[0]
    assert first["pre"] == "Secretary-General on the"
    assert first["post"] == "“elections” held by"


def test_kwic_window_at_document_edges():
    text = "Elections came. Then more elections"
    hits = kwic(text, "elections", window=2)
    assert hits["pre"].tolist() == ["", "Then more"]
    assert hits["post"].tolist() == ["came. Then", ""]
    wide = kwic(text, "elections", window=50)
    assert wide["post"].iloc[0] == "came. Then more elections"
    assert wide["pre"].iloc[1] == "Elections came. Then more"
    none = kwic(text, "elections", window=0)
    assert none["pre"].tolist() == ["", ""] and none["post"].tolist() == ["", ""]
    with pytest.raises(ValueError):
        kwic(text, "elections", window=-1)


def test_kwic_phrase_glob_regex_and_case():
    text = "The so-called “Elections” were elected; an election."
    phrase = kwic(text, "so-called elections", window=1)
    assert phrase["keyword"].tolist() == ["so-called “Elections"]
    assert kwic(text, "elect*")["keyword"].tolist() == ["Elections", "elected", "election"]
    assert kwic(text, "^elect.*s$", valuetype="regex")["keyword"].tolist() == ["Elections"]
    assert kwic(text, "elect", valuetype="fixed").empty
    assert kwic(text, ["were", "an"])["pattern"].tolist() == ["were", "an"]
    with pytest.raises(ValueError):
        kwic(text, "x", valuetype="nope")
    with pytest.raises(ValueError):
        kwic(text, "  ")


def test_kwic_over_documents_keeps_doc_ids_in_order():
    docs = pd.DataFrame({"doc_id": ["b", "a"], "text": ["no hit", "one occupied land, occupied"]})
    hits = kwic(docs, "occupied", window=1)
    assert hits["doc_id"].tolist() == ["a", "a"]
    assert hits["start"].tolist() == [4, 19]


def test_prefilter_never_hides_a_match():
    (matcher,) = compile_patterns("so-call*")
    assert matcher.could_match("the so-called")
    assert not matcher.could_match("nothing here")
    assert kwic("the cat", "[bc]at")["keyword"].tolist() == ["cat"]
    assert kwic("the cat", "c[!o]t")["keyword"].tolist() == ["cat"]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "ab", "ba"]), max_size=12),
    st.sampled_from(["a", "a b", "a*", "*b"]),
)
def test_matches_agree_with_a_plain_scan(words, pattern):
    import fnmatch

    parts = pattern.split()
    expected = [
        (i, i + len(parts))
        for i in range(len(words) - len(parts) + 1)
        if all(fnmatch.fnmatchcase(words[i + k], p) for k, p in enumerate(parts))
    ]
    found = [(i, j) for _, i, j in find_matches(words, compile_patterns(pattern))]
    assert found == expected


@settings(max_examples=80, deadline=None)
@given(
    st.text(st.sampled_from(list("ab-’ .,\nAB")), max_size=40),
    st.sampled_from(["^a", "b$", "^ab?$", "a-b", "[^a]b", r"\ba", "(?<=a)b", "A|^b"]),
)
def test_regex_prefilter_never_hides_a_match(text, regex):
    from helpers.terms_match import doc_tokens

    (matcher,) = compile_patterns(regex, valuetype="regex")
    if find_matches(doc_tokens("d", text).lower, [matcher]):
        assert matcher.could_match(text.lower())


_PIECES = [
    "so-called", "So-Called", "elections", "Elections", "election", "“elections”", "U.S.",
    "1,000.5", "İstanbul", "x" * 300, "a", "the", ",", ".", " ", " ", "  ", "\n", "\n\n", "—",
    "(", ")", "'", "’s", "-",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_PIECES), max_size=400),
    patterns=st.sampled_from(
        [["so-called"], ["elections", "so-called"], ["elect*"], ["election?"], ["u.s."], ["x*"]]
    ),
    window=st.integers(0, 8),
)
def test_tokens_near_the_hits_give_what_the_whole_text_gives(pieces, patterns, window):
    """KWIC and collocates tokenise only the stretches around fragment hits: the rows must
    equal those from tokenising the whole text."""
    from helpers import terms_kwic
    from helpers.terms_stats import collocate_counts

    docs = pd.DataFrame({"doc_id": ["d0", "d1"], "text": ["".join(pieces), "".join(pieces[::-1])]})
    with pytest.MonkeyPatch.context() as m:  # stretches however much of the text they cover
        m.setattr(terms_kwic, "WHOLE_TEXT_SHARE", 2.0)
        m.setattr(terms_kwic, "REACH_PER_TOKEN", 1)  # so that stretches must widen
        fast = kwic(docs, patterns, window), collocate_counts(docs, patterns, window)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(terms_kwic, "near_tokens", lambda *args: None)
        whole = kwic(docs, patterns, window), collocate_counts(docs, patterns, window)
    pd.testing.assert_frame_equal(fast[0], whole[0])
    assert fast[1] == whole[1]


def test_tokens_near_the_hits_are_used_on_long_texts():
    from helpers.terms_kwic import near_tokens

    text = "Word " * 5000 + "so-called “elections” " + "word " * 5000
    toks, hits = near_tokens("d", text, text.lower(), compile_patterns("elections"), 5)
    assert len(toks.lower) < 100 and len(hits) == 1
    pat, i, j = hits[0]
    assert text[toks.starts[i] : toks.ends[j - 1]] == "elections"
    assert near_tokens("d", text, text.lower(), compile_patterns("so-called elections"), 5) is None
