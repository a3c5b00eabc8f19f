"""Notebook 02 from the pipeline's tables: partition-wise framing profiles equal the in-memory
ones."""

from __future__ import annotations

import pandas as pd
import pytest
from samples import assert_same_charts, un_subset

from helpers import framing as F
from helpers import pipeline_framing as PF
from helpers import pipeline_tables as pt
from helpers.corpus import paragraphs_table, read_corpus
from helpers.pipeline import Processed, process

CHARTS = [
    "02-scare-terms", "02-frames-per-document", "02-quoted-sources", "02-frames-per-group",
    "02-markers-per-group", "02-quote-kinds-per-group",
]  # fmt: skip
TERMS = ["elections", "so-called", "talks", "trade gr*"]  # words, a phrase and a glob


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as Python objects, missing values None (Parquet reads back str and NaN)."""
    return frame.astype(object).where(frame.notna(), None)


def check_framing(p: Processed, docs: pd.DataFrame, by: str) -> None:
    """Every partition-wise framing function equals the in-memory one on ``docs``."""
    quotes = F.quotes_table(docs)
    hits = F.lexicon_table(docs)
    groups = F.largest_groups(docs, by, 2)
    in_groups = docs[docs[by].isin(groups)]
    in_quotes = quotes[quotes["doc_id"].isin(in_groups["doc_id"])]
    largest = F.largest_documents(docs, 5)
    assert F.largest_documents(pt.read_docs(p), 5) == largest  # n_chars of the metadata
    assert F.largest_groups(pt.read_docs(p), by, 2) == groups
    assert PF.busiest_document(p) == F.busiest_document(quotes, docs)
    assert PF.n_rows(p, "quotes") == len(quotes)
    assert PF.n_rows(p, "markers") + PF.n_rows(p, "frames") == len(hits)
    same(PF.textstat_framing(p), F.textstat_framing(docs, hits))
    same(PF.textstat_framing(p, by), F.textstat_framing(docs, hits, by))
    same(PF.textstat_framing(p, by, ["frames"]), F.textstat_framing(docs, hits, by, "frames"))
    same(
        PF.textstat_framing(p, groups=largest),
        F.textstat_framing(docs[docs["doc_id"].isin(largest)], hits),
    )
    same(PF.textstat_framing(p, by, groups=groups), F.textstat_framing(in_groups, hits, by))
    same(PF.textstat_quote_kinds(p), F.textstat_quote_kinds(docs, quotes))
    same(PF.textstat_quote_kinds(p, by), F.textstat_quote_kinds(docs, quotes, by))
    same(
        PF.textstat_quote_kinds(p, by, groups=groups),
        F.textstat_quote_kinds(in_groups, in_quotes, by),
    )
    for n in (1, 3, 15):
        same(PF.textstat_scare_terms(p, n=n), F.textstat_scare_terms(docs, quotes, n=n))
        same(PF.textstat_quoted_sources(p, n=n), F.textstat_quoted_sources(docs, quotes, n=n))
        same(
            PF.textstat_scare_terms(p, by, n=n, groups=groups),
            F.textstat_scare_terms(in_groups, in_quotes, by, n=n),
        )
        same(
            PF.textstat_quoted_sources(p, by, n=n, groups=groups),
            F.textstat_quoted_sources(in_groups, in_quotes, by, n=n),
        )
    same(PF.textstat_scare_terms(p, by), F.textstat_scare_terms(docs, quotes, by))
    same(PF.textstat_quoted_sources(p, by), F.textstat_quoted_sources(docs, quotes, by))
    for n in (1, 15):
        same(
            PF.textstat_scare_by_group(p, by, n=n),
            F.textstat_scare_by_group(docs, quotes, group_by=by, n=n),
        )
        same(
            PF.textstat_scare_by_group(p, by, n=n, groups=groups),
            F.textstat_scare_by_group(in_groups, in_quotes, group_by=by, n=n),
        )


def check_document(p: Processed, docs: pd.DataFrame, doc_id: str) -> None:
    """The single-document views of notebook 02 equal the in-memory ones."""
    hits = F.lexicon_table(docs)
    one = pt.read_document(p, doc_id)
    memory = hits[hits["doc_id"] == doc_id]
    tables = PF.document_hits(p, doc_id)
    same(
        plain(tables[tables["lexicon"] == "markers"]), plain(memory[memory["lexicon"] == "markers"])
    )
    paragraphs = read_corpus_paragraphs(docs, doc_id)
    same(plain(paragraphs_table(one)), plain(paragraphs))  # doc_id: categories differ
    for lexicon in ("markers", "frames"):
        same(
            plain(F.frame_scores(tables, paragraphs_table(one), lexicon, unit="para_id")),
            plain(F.frame_scores(memory, paragraphs, lexicon, unit="para_id")),
        )
    assert F.highlight_quotes(
        one["text"].iloc[0], pt.read_document(p, doc_id, "quotes"), tables
    ) == F.highlight_quotes(
        one["text"].iloc[0], F.quotes_table(docs[docs["doc_id"] == doc_id]), memory
    )


def read_corpus_paragraphs(docs: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """The paragraphs of ``doc_id`` from the corpus-wide table (as ``Corpus.paragraphs()``)."""
    paragraphs = paragraphs_table(docs)
    return paragraphs[paragraphs["doc_id"] == doc_id].reset_index(drop=True)


def test_framing_equals_in_memory_small(small):
    path, p = small
    assert len(p.partitions("quotes")) > 3
    docs = read_corpus(path, cache=False, dedupe=False).docs
    check_framing(p, docs, "group")
    check_document(p, docs, PF.busiest_document(p))


def test_busiest_document_ties_go_to_the_first_document(small):
    _, p = small  # documents 0, 4, 8 ... have the most quotations (2 each)
    assert PF.busiest_document(p) == "d000"


def test_framing_equals_in_memory_un_speeches(tmp_path):
    path = un_subset(tmp_path)
    p = process(path, out=tmp_path / "out", partition_bytes=40_000)
    assert len(p.partitions("quotes")) > 1
    docs = read_corpus(path, cache=False, dedupe=False).docs
    check_framing(p, docs, "iso3")
    check_document(p, docs, PF.busiest_document(p))


def test_unknown_column_or_lexicon_is_an_error(small):
    _, p = small
    with pytest.raises(KeyError, match="nope"):
        PF.textstat_quote_kinds(p, "nope")
    with pytest.raises(ValueError, match="metaphors"):
        PF.textstat_framing(p, lexicons=["metaphors"])


def test_notebook_renders_the_same_charts_from_the_tables(small, tmp_path):
    path, p = small
    options = {"corpus": str(path), "group_by": "group", "terms": TERMS}
    assert_same_charts("02-framing", tmp_path, p.folder, CHARTS, **options)
