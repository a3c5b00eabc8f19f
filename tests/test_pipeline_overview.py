"""Notebook 01 from the pipeline's tables: partition-wise overview equals the in-memory one."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from samples import assert_same_charts, un_subset, write_corpus

from helpers import pipeline_overview as PO
from helpers import pipeline_tables as pt
from helpers.corpus import read_corpus
from helpers.overview import docs_per_group, textstat_lengths, word_counts
from helpers.pipeline import Processed, process

CHARTS = ["01-lengths", "01-docs-per-period", "01-docs-per-group"]


def check_overview(p: Processed, docs: pd.DataFrame, group_by: str) -> None:
    """Lengths and documents per group from the tables equal the in-memory tables."""
    pd.testing.assert_frame_equal(PO.textstat_lengths(p), textstat_lengths(docs))
    pd.testing.assert_frame_equal(PO.docs_per_group(p, group_by), docs_per_group(docs, group_by))
    pd.testing.assert_frame_equal(PO.docs_per_group(p, "nope"), docs_per_group(docs, "nope"))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Processed]:
    folder = tmp_path_factory.mktemp("small")  # the last partition has no "group" column
    path = write_corpus(
        folder, extra_lines=('{"doc_id": "u1", "text": "U.S. aid: 1,000.5 tons."}',)
    )
    return path, process(path, out=folder / "out", partition_bytes=400)


def test_overview_equals_in_memory_small(small):
    path, p = small
    assert len(p.partitions("docs")) > 3
    docs = read_corpus(path, cache=False, dedupe=False).docs
    check_overview(p, docs, "group")
    # the pipeline's n_tokens counts tokens, not the overview's words
    assert word_counts(pd.Series(["U.S. aid: 1,000.5 tons."])).tolist() == [7]
    assert pt.read_document(p, "u1")["n_tokens"].tolist() == [4]


def test_one_document_paragraphs_sentences_and_raw_offsets(small):
    path, p = small
    c = read_corpus(path, cache=False, dedupe=False)
    one = PO.document_corpus(p, "d005")
    pd.testing.assert_frame_equal(
        one.docs.reset_index(drop=True), c.docs[c.docs["doc_id"] == "d005"].reset_index(drop=True)
    )
    memory = c.paragraphs().query("doc_id == 'd005'").reset_index(drop=True)
    pd.testing.assert_frame_equal(one.paragraphs(), memory, check_categorical=False)
    sentences = pt.read_document(p, "d005", "sentences")
    memory = c.sentences().query("doc_id == 'd005'").reset_index(drop=True)
    pd.testing.assert_frame_equal(sentences, memory.astype({"doc_id": "str"}))
    ends = sentences["end"].to_numpy()
    assert one.raw_text("d005") == c.raw_text("d005")
    assert (one.to_raw("d005", ends, end=True) == c.to_raw("d005", ends, end=True)).all()


def test_raw_text_of_a_missing_source_raises(tmp_path):
    path = write_corpus(tmp_path, n=3)
    p = process(path, out=tmp_path / "out")
    path.unlink()
    with pytest.raises((OSError, KeyError)):
        PO.document_corpus(p, "d000").raw_text("d000")


def test_overview_equals_in_memory_un_speeches(tmp_path):
    path = un_subset(tmp_path)
    p = process(path, out=tmp_path / "out", partition_bytes=40_000)
    assert len(p.partitions("docs")) > 1
    check_overview(p, read_corpus(path, cache=False, dedupe=False).docs, "iso3")


def test_notebook_renders_the_same_charts_from_the_tables(tmp_path):
    path = write_corpus(tmp_path)
    p = process(path, out=tmp_path / "out", partition_bytes=400)
    assert_same_charts("01-corpus", tmp_path, p.folder, CHARTS, corpus=str(path), group_by="group")
