"""Notebook 03's term statistics from the pipeline's tables equal the in-memory ones."""

from __future__ import annotations

import pandas as pd
from samples import assert_same_charts, un_subset, write_corpus

from helpers import pipeline_tables as pt
from helpers import pipeline_terms as PT
from helpers.corpus import read_corpus
from helpers.pipeline import Processed, process
from helpers.terms import (
    count_periods,
    dfm,
    kwic,
    pick_groups,
    textstat_collocates,
    textstat_collocations,
    textstat_keyness,
    textstat_quoted,
    textstat_trends,
)

CHARTS = ["03-top-terms", "03-quoted-use", "03-keyness", "03-trends", "03-trends-groups"]


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False
    )


def check_terms(
    p: Processed,
    docs: pd.DataFrame,
    group: str,
    pair: tuple[str, str],
    terms: list[str],
    node: str,
) -> None:
    """Every function of ``pipeline_terms`` equals its in-memory counterpart."""
    counts = dfm(docs)
    assert PT.corpus_totals(p) == (int(counts.ntokens.sum()), len(counts.features))
    for valuetype in ("glob", "regex"):
        for by in (None, group):
            same(
                PT.textstat_quoted(p, terms, by, valuetype),
                textstat_quoted(docs, terms, by, valuetype),
            )
    same(PT.kwic(p, terms, window=3), kwic(docs, terms, window=3))
    same(PT.kwic(p, node, window=0, valuetype="regex"), kwic(docs, node, 0, "regex"))
    for kwargs in ({}, {"min_count": 1, "remove_stopwords": False, "window": 2}):
        same(PT.textstat_collocates(p, node, **kwargs), textstat_collocates(docs, node, **kwargs))
    same(PT.textstat_collocates(p, terms[-2:]), textstat_collocates(docs, terms[-2:]))
    for kwargs in ({}, {"remove_stopwords": True, "min_count": 1}, {"size": 3}):
        same(PT.textstat_collocations(p, **kwargs), textstat_collocations(docs, **kwargs))
    metadata = pt.read_docs(p)
    target, reference = pick_groups(metadata, group, *pair)
    assert (target, reference) == pick_groups(docs, group, *pair)
    compared = docs[docs[group].isin([target, reference])]
    same(
        PT.textstat_keyness(p, target, reference, group_by=group, remove_stopwords=True),
        textstat_keyness(dfm(compared, remove_stopwords=True), target, reference, group_by=group),
    )
    same(
        PT.textstat_keyness(p, target, group_by=group, measure="chi2"),
        textstat_keyness(counts, target, group_by=group, measure="chi2"),
    )
    for period in ("year", "month", "week"):
        assert PT.count_periods(p, period) == count_periods(docs, period)
        same(PT.textstat_trends(p, terms, period), textstat_trends(docs, terms, period))
    same(
        PT.textstat_trends(p, terms, group_by=group, groups=[target, reference]),
        textstat_trends(compared, terms, group_by=group),
    )
    same(PT.textstat_trends(p, terms, group_by=group), textstat_trends(docs, terms, group_by=group))


def test_term_statistics_equal_in_memory_small(tmp_path):
    path = write_corpus(tmp_path)
    p = process(path, out=tmp_path / "out", partition_bytes=400)
    assert len(p.partitions("docs")) > 3
    docs = read_corpus(path, cache=False, dedupe=False).docs
    terms = ["Elections", "so-called", "talks", "elect*", "the minister", "in 19*"]
    check_terms(p, docs, "group", ("A", "B"), terms, "elections")
    quoted = PT.textstat_quoted(p, terms, "group").set_index(["group", "term", "kind"])
    assert quoted.loc[("A", "Elections", "scare"), "count"] == 6
    assert quoted.loc[("A", "elect*", "scare"), "count"] == 6


def test_term_statistics_equal_in_memory_un_speeches(tmp_path):
    path = un_subset(tmp_path)
    p = process(path, out=tmp_path / "out", partition_bytes=40_000)
    assert len(p.partitions("docs")) > 1
    docs = read_corpus(path, cache=False, dedupe=False).docs
    pair = tuple(docs["iso3"].value_counts().sort_index().index[:2])
    terms = ["peace", "Occupied", "so-called", "nagorno-karabakh", "human rights", "secur*"]
    check_terms(p, docs, "iso3", pair, terms, "peace")


def test_plain_words_are_read_from_the_counts_table():
    assert PT._plain_words(["Peace", "human rights", "elect*", "a[b]", "x?"], "glob") == {
        "Peace": "peace"
    }
    assert PT._plain_words(["a*b", "C"], "fixed") == {"a*b": "a*b", "C": "c"}
    assert PT._plain_words(["peace"], "regex") == {}


def test_notebook_renders_the_same_charts_from_the_tables(tmp_path):
    path = write_corpus(tmp_path)
    p = process(path, out=tmp_path / "out", partition_bytes=400)
    params = {"corpus": str(path), "group_by": "group", "target": "A", "reference": "B"}
    assert_same_charts("03-term-frequency", tmp_path, p.folder, CHARTS, **params)
