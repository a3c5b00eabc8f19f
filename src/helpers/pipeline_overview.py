"""Corpus overview (notebook 01) from the pipeline's Parquet tables, a partition at a time.

The functions mirror :mod:`helpers.overview` and give the same tables for the same
documents. Word and paragraph counts need the text (the pipeline's ``n_tokens`` counts the
tokens of ``helpers.terms``, which differ from the overview's words: "U.S." is two words and
one token), so they read the ``text`` column of one docs partition at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from helpers import overview
from helpers.corpus import Corpus
from helpers.pipeline import Processed
from helpers.pipeline_tables import _columns, _reduce, read_document


def _docs_partitions(p: Processed, columns: list[str]) -> Iterator[pd.DataFrame]:
    """The docs table a partition at a time, only ``columns`` (those that exist)."""
    for path in p.partitions("docs"):
        yield pd.read_parquet(path, columns=[c for c in columns if c in _columns(path)])


def textstat_lengths(p: Processed) -> pd.DataFrame:
    """As ``helpers.overview.textstat_lengths`` of the whole docs table: one row per document,
    ``doc_id, characters, words, paragraphs, sentences``, in partition order."""
    parts = [overview.textstat_lengths(d) for d in _docs_partitions(p, ["doc_id", "text"])]
    return pd.concat(parts, ignore_index=True)


def docs_per_group(p: Processed, group_by: str) -> pd.DataFrame:
    """As ``helpers.overview.docs_per_group``: ``group, documents, words``, largest first,
    ties by name; documents and words summed over partitions."""

    def parts() -> Iterator[pd.DataFrame]:
        for docs in _docs_partitions(p, ["doc_id", "text", group_by]):
            yield pd.DataFrame(
                {
                    "group": overview.group_labels(docs, group_by).to_numpy(),
                    "documents": 1,
                    "words": overview.word_counts(docs["text"]).to_numpy(),
                }
            )

    table = _reduce(parts(), ["group"]).reindex(columns=["group", "documents", "words"])
    table = table.astype({"documents": "int64", "words": "int64"})
    return table.sort_values(["documents", "group"], ascending=[False, True], ignore_index=True)


def document_corpus(p: Processed, doc_id: str) -> Corpus:
    """A :class:`helpers.corpus.Corpus` of one document (its docs row with text), whose
    ``paragraphs``, ``raw_text`` and ``to_raw`` work as on the corpus read with
    ``read_corpus`` (the raw text is re-read from the document's ``source``)."""
    docs = read_document(p, doc_id).drop(columns=["n_chars", "n_tokens"], errors="ignore")
    return Corpus(docs, pd.DataFrame(columns=["source", "reason"]), key=p.key)
