"""Counting: the document-feature matrix and the tidy frequency table.

``count_matrix(texts)`` is the fast path (list of strings in; CSR documents x features and
the sorted feature names out). ``dfm(x)`` wraps it with doc ids and metadata in a ``Dfm``;
``textstat_frequency(d)`` turns a ``Dfm`` into ``feature, frequency, rank, docfreq, per_10k``.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import count
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from helpers.terms_tokens import TOKEN_PATTERN, as_docs, ngrams, stopwords


@dataclass(frozen=True)
class Dfm:
    """A document-feature matrix: ``matrix`` (CSR, docs x features), ``features`` (sorted),
    ``docs`` (``doc_id`` and metadata, one row per matrix row) and ``ntokens`` (word tokens
    per document before any stop-word removal, the base of per-10k rates)."""

    matrix: sp.csr_matrix
    features: list[str]
    docs: pd.DataFrame
    ntokens: np.ndarray

    @property
    def doc_ids(self) -> list[str]:
        """The document ids, in matrix row order."""
        return self.docs["doc_id"].tolist()


def _ngram_range(n: int | tuple[int, int]) -> range:
    lo, hi = (n, n) if isinstance(n, int) else n
    if not 1 <= lo <= hi:
        raise ValueError(f"ngrams must be n >= 1 or (min, max) with 1 <= min <= max, got {n}")
    return range(lo, hi + 1)


def _doc_counter(toks: list[str], sizes: range, drop: frozenset[str]) -> Counter[str]:
    """Counts of the n-grams of ``toks`` for each n in ``sizes``, without any that hold a
    word from ``drop``."""
    if sizes == range(1, 2):
        counts = Counter(toks)
        if drop:
            for word in drop & counts.keys():
                del counts[word]
        return counts
    counts = Counter()
    for n in sizes:
        if drop:
            keep = [t not in drop for t in toks]
            grams = [g for i, g in enumerate(ngrams(toks, n)) if all(keep[i : i + n])]
        else:
            grams = ngrams(toks, n)
        counts.update(grams)
    return counts


def _count(
    texts: Iterable[str], pattern: str, drop: frozenset[str], sizes: range
) -> tuple[sp.csr_matrix, list[str], np.ndarray]:
    """CSR counts, sorted feature names and unigram tokens per text."""
    findall = re.compile(pattern).findall
    vocab: dict[str, int] = {}
    setdefault, next_id = vocab.setdefault, count()  # ids unique, not contiguous: remapped below
    indices, values, indptr, ntokens = array("q"), array("q"), array("q", [0]), array("q")
    for text in texts:
        toks = findall(text.lower())
        ntokens.append(len(toks))
        counts = _doc_counter(toks, sizes, drop)
        indices.extend(map(setdefault, counts, next_id))
        values.extend(counts.values())
        indptr.append(len(indices))
    features = sorted(vocab)
    ids = np.fromiter(map(vocab.__getitem__, features), dtype=np.int64, count=len(features))
    rank = np.zeros(int(ids.max()) + 1 if len(ids) else 0, dtype=np.int32)
    rank[ids] = np.arange(len(features), dtype=np.int32)
    matrix = sp.csr_matrix(
        (
            np.frombuffer(values, dtype=np.int64),
            rank[np.frombuffer(indices, dtype=np.int64)],
            np.frombuffer(indptr, dtype=np.int64),
        ),
        shape=(len(indptr) - 1, len(features)),
    )
    matrix.sort_indices()
    return matrix, features, np.frombuffer(ntokens, dtype=np.int64).copy()


def count_matrix(
    texts: Iterable[str],
    *,
    pattern: str = TOKEN_PATTERN,
    remove_stopwords: bool = False,
    ngrams: int | tuple[int, int] = 1,
) -> tuple[sp.csr_matrix, list[str]]:
    """Lower-cased token counts: ``(X, features)``, X a CSR matrix of texts x features.

    ``pattern``: the token regex (default ``TOKEN_PATTERN``); ``ngrams``: n or ``(min, max)``,
    n-grams joined by a space; ``remove_stopwords`` drops stop words (and n-grams holding one).
    Features are sorted, so the result equals scikit-learn's ``CountVectorizer`` run with
    the same token pattern.
    """
    drop = stopwords() if remove_stopwords else frozenset()
    matrix, features, _ = _count(texts, pattern, drop, _ngram_range(ngrams))
    return matrix, features


def dfm(
    x: Any,
    *,
    remove_stopwords: bool = False,
    ngrams: int | tuple[int, int] = 1,
    pattern: str = TOKEN_PATTERN,
) -> Dfm:
    """A ``Dfm`` of the documents in ``x`` (corpus, DataFrame, string or list of strings)."""
    docs = as_docs(x)
    drop = stopwords() if remove_stopwords else frozenset()
    matrix, features, ntokens = _count(docs["text"], pattern, drop, _ngram_range(ngrams))
    return Dfm(matrix, features, docs.drop(columns="text"), ntokens)


def dfm_remove(d: Dfm, words: Collection[str]) -> Dfm:
    """``d`` without the features in ``words`` (e.g. ``stopwords()``); ``ntokens`` unchanged."""
    keep = np.array([f not in words for f in d.features], dtype=bool)
    features = [f for f, k in zip(d.features, keep, strict=True) if k]
    return Dfm(d.matrix[:, keep].tocsr(), features, d.docs, d.ntokens)


def _group_indicator(values: pd.Series) -> tuple[sp.csr_matrix, np.ndarray]:
    """Sparse groups x docs indicator and the sorted group labels (missing values dropped)."""
    codes, labels = pd.factorize(values, sort=True)
    rows = codes[codes >= 0]
    cols = np.flatnonzero(codes >= 0)
    indicator = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(len(labels), len(values))
    )
    return indicator, np.asarray(labels)


def dfm_group(d: Dfm, by: str) -> Dfm:
    """Sum the rows of ``d`` by the metadata column ``by``; ``docs`` becomes ``by, n_docs``.

    Groups are sorted; documents with a missing ``by`` value are left out.
    """
    if by not in d.docs.columns:
        raise KeyError(f"no column {by!r} in the documents (have {list(d.docs.columns)})")
    indicator, labels = _group_indicator(d.docs[by])
    docs = pd.DataFrame(
        {"doc_id": labels.astype(str), by: labels, "n_docs": indicator.sum(axis=1).A1}
    )
    return Dfm((indicator @ d.matrix).tocsr(), list(d.features), docs, indicator @ d.ntokens)


def textstat_frequency(d: Dfm, n: int | None = None, group_by: str | None = None) -> pd.DataFrame:
    """Feature frequencies: ``feature, frequency, rank, docfreq, per_10k`` (+ ``group``).

    ``per_10k`` is per 10,000 word tokens of the documents (or group); ``rank`` 1 = most
    frequent, ties share the lowest rank; rows sorted by group, frequency (descending) and
    feature. ``n`` keeps the top ``n`` rows per group; ``group_by`` is a metadata column.
    """
    if group_by is None:
        labels = np.array(["all"], dtype=object)
        indicator = sp.csr_matrix(np.ones((1, d.matrix.shape[0]), dtype=np.int64))
    else:
        if group_by not in d.docs.columns:
            raise KeyError(f"no column {group_by!r} in the documents")
        indicator, labels = _group_indicator(d.docs[group_by])
    freq = (indicator @ d.matrix).tocsr()
    docfreq = (indicator @ (d.matrix > 0).astype(np.int64)).tocsr()
    for m in (freq, docfreq):  # then both have the same sparsity: count > 0 iff docfreq > 0
        m.eliminate_zeros()
        m.sort_indices()
    rows = np.repeat(np.arange(freq.shape[0]), np.diff(freq.indptr))
    totals = indicator @ d.ntokens
    table = pd.DataFrame(
        {
            "group": labels[rows],
            "feature": np.asarray(d.features, dtype=object)[freq.indices],
            "frequency": freq.data.astype(np.int64),
            "docfreq": docfreq.data.astype(np.int64),
            "per_10k": freq.data / np.maximum(totals[rows], 1) * 1e4,
        }
    )
    table = table[table["frequency"] > 0].sort_values(
        ["group", "frequency", "feature"], ascending=[True, False, True], kind="stable"
    )
    table["rank"] = (
        table.groupby("group", sort=False)["frequency"].rank(method="min", ascending=False)
    ).astype(np.int64)
    if n is not None:
        table = table.groupby("group", sort=False).head(n)
    columns = ["feature", "frequency", "rank", "docfreq", "per_10k"]
    if group_by is not None:
        columns.append("group")
    return table[columns].reset_index(drop=True)
