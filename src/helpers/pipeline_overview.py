"""Corpus overview (notebook 01) from the pipeline's Parquet tables, a partition at a time.

The functions mirror :mod:`helpers.overview` and give the same tables for the same
documents. They read the counts the pipeline stored in the docs table (``n_chars``,
``n_words``, ``n_paragraphs``, ``n_sentences``: words as the overview counts them, which
differ from the tokens of ``helpers.terms`` behind ``n_tokens``: "U.S." is two words and one
token), never the text.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from helpers import overview
from helpers.corpus import Corpus
from helpers.pipeline import Processed
from helpers.pipeline_steps import LENGTH_COLUMNS
from helpers.pipeline_tables import read_docs_partition, read_document, reduce_partitions
from helpers.records import PROBLEM_COLUMNS


def textstat_lengths(p: Processed) -> pd.DataFrame:
    """As ``helpers.overview.textstat_lengths`` of the whole docs table: one row per document,
    ``doc_id, characters, words, paragraphs, sentences``, in partition order."""
    columns = ["doc_id", "n_chars", "n_words", "n_paragraphs", "n_sentences"]
    parts = (read_docs_partition(path, columns) for path in p.partitions("docs"))
    lengths = pd.concat(list(parts), ignore_index=True)
    lengths.columns = ["doc_id", "characters", "words", "paragraphs", "sentences"]
    return lengths.astype({c: "int64" for c in lengths.columns[1:]})


def docs_per_group(p: Processed, group_by: str) -> pd.DataFrame:
    """As ``helpers.overview.docs_per_group``: ``group, documents, words``, largest first
    (ties: more words, then name); documents and words summed over partitions."""

    def parts() -> Iterator[pd.DataFrame]:
        for path in p.partitions("docs"):
            docs = read_docs_partition(path, ["n_words", group_by])
            yield pd.DataFrame(
                {
                    "group": overview.group_labels(docs, group_by).to_numpy(),
                    "documents": 1,
                    "words": docs["n_words"].to_numpy(dtype="int64"),
                }
            )

    table = reduce_partitions(parts(), ["group"]).reindex(columns=["group", "documents", "words"])
    table = table.astype({"documents": "int64", "words": "int64"})
    return overview.sort_groups(table)


def document_corpus(p: Processed, doc_id: str) -> Corpus:
    """A :class:`helpers.corpus.Corpus` of one document (its docs row with text), whose
    ``paragraphs``, ``raw_text`` and ``to_raw`` work as on the corpus read with
    ``read_corpus`` (the raw text is re-read from the document's ``source``); its
    ``problems`` (``source, reason, lost``) are the notes and failures of that document."""
    stored = ["n_chars", "n_tokens", *LENGTH_COLUMNS]  # counts the pipeline added
    docs = read_document(p, doc_id).drop(columns=stored, errors="ignore")
    problems = p.problems
    own = problems[problems["doc_id"].eq(doc_id).fillna(False).astype(bool)]
    return Corpus(docs, own[PROBLEM_COLUMNS].reset_index(drop=True), key=p.key)
