"""Counting: the document-feature matrix and the tidy frequency table.

``count_matrix(texts)`` is the fast path (list of strings in; CSR documents x features and
the sorted feature names out). ``dfm(x)`` wraps it with doc ids and metadata in a ``Dfm``;
``textstat_frequency(x)`` turns a ``Dfm`` (or documents, via ``as_dfm``) into ``feature, frequency, rank, docfreq, per_10k``.
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

from helpers.terms_tokens import TOKEN_PATTERN, as_docs, mask_urls, ngrams, stopwords, word_tokens


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


Rows = tuple[array, array, array, array]  # indices, values, indptr, ntokens (array("q"))


def _rows_by_tokens(
    texts: Iterable[str], pattern: str, drop: frozenset[str], sizes: range, vocab: dict[str, int]
) -> Rows:
    """Sparse rows of n-gram counts: one ``findall`` per text (URLs masked), a ``Counter``
    per text."""
    findall = re.compile(pattern).findall
    setdefault, next_id = vocab.setdefault, count()  # ids unique, not contiguous
    indices, values, indptr, ntokens = array("q"), array("q"), array("q", [0]), array("q")
    for text in texts:
        toks = findall(mask_urls(text).lower())
        ntokens.append(len(toks))
        counts = _doc_counter(toks, sizes, drop)
        indices.extend(map(setdefault, counts, next_id))
        values.extend(counts.values())
        indptr.append(len(indices))
    return indices, values, indptr, ntokens


def _rows_by_chunks(texts: Iterable[str], vocab: dict[str, int]) -> Rows:
    """Sparse rows of ``TOKEN_PATTERN`` unigram counts, the fast way.

    A token never spans whitespace and the pattern's lookarounds see no further than a
    space, so tokenising each whitespace-separated chunk gives the tokens of the text. Each
    distinct chunk is tokenised once for the whole corpus (``chunk_ids``); a text costs a
    ``str.split`` and a ``Counter``. A chunk of one token maps to its id; other chunks (no
    token, or several: "and/or") map to ``-1 - k``, ``k`` indexing ``multi``. URLs never
    span whitespace, so masking them chunk by chunk equals masking the text. Rows may list
    a token twice ("elections" and "elections,"): ``_to_csr`` sums duplicates.
    """
    chunk_ids: dict[str, int] = {}
    multi: list[tuple[int, ...]] = []
    get, setdefault = chunk_ids.get, vocab.setdefault
    indices, values, indptr, ntokens = array("q"), array("q"), array("q", [0]), array("q")
    for text in texts:
        counts = Counter(text.lower().split())
        ids = list(map(get, counts))
        missing = ids.count(None)
        if missing:
            chunks, i = list(counts), -1
            for _ in range(missing):  # new chunks: tokenise once, remember
                i = ids.index(None, i + 1)
                toks = word_tokens(chunks[i])
                if len(toks) == 1:
                    ids[i] = setdefault(toks[0], len(vocab))
                else:
                    ids[i] = -1 - len(multi)
                    multi.append(tuple(setdefault(t, len(vocab)) for t in toks))
                chunk_ids[chunks[i]] = ids[i]
        row = np.array(ids, dtype=np.int64)
        freq = np.fromiter(counts.values(), dtype=np.int64, count=len(ids))
        split = row < 0
        if split.any():
            parts = [
                (t, n)
                for k, n in zip(row[split].tolist(), freq[split].tolist(), strict=True)
                for t in multi[-1 - k]
            ]
            row = np.concatenate([row[~split], np.array([t for t, _ in parts], dtype=np.int64)])
            freq = np.concatenate([freq[~split], np.array([n for _, n in parts], dtype=np.int64)])
        indices.frombytes(row.tobytes())
        values.frombytes(freq.tobytes())
        ntokens.append(int(freq.sum()))
        indptr.append(len(indices))
    return indices, values, indptr, ntokens


def _to_csr(vocab: dict[str, int], rows: Rows) -> tuple[sp.csr_matrix, list[str], np.ndarray]:
    """CSR matrix with columns in sorted feature order, the features and tokens per row."""
    indices, values, indptr, ntokens = rows
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
    matrix.sum_duplicates()  # also sorts the indices
    return matrix, features, np.frombuffer(ntokens, dtype=np.int64).copy()


def _count(
    texts: Iterable[str], pattern: str, drop: frozenset[str], sizes: range
) -> tuple[sp.csr_matrix, list[str], np.ndarray]:
    """CSR counts, sorted feature names and unigram tokens per text."""
    vocab: dict[str, int] = {}
    if pattern != TOKEN_PATTERN or sizes != range(1, 2):
        return _to_csr(vocab, _rows_by_tokens(texts, pattern, drop, sizes, vocab))
    matrix, features, ntokens = _to_csr(vocab, _rows_by_chunks(texts, vocab))
    return (*_without(matrix, features, drop), ntokens) if drop else (matrix, features, ntokens)


def _without(
    matrix: sp.csr_matrix, features: list[str], words: Collection[str]
) -> tuple[sp.csr_matrix, list[str]]:
    """``matrix`` and ``features`` without the columns of ``words``."""
    keep = np.array([f not in words for f in features], dtype=bool)
    return matrix[:, keep].tocsr(), [f for f, k in zip(features, keep, strict=True) if k]


def count_matrix(
    texts: Iterable[str],
    *,
    pattern: str = TOKEN_PATTERN,
    remove_stopwords: bool = False,
    ngrams: int | tuple[int, int] = 1,
) -> tuple[sp.csr_matrix, list[str]]:
    """Lower-cased token counts of ``texts``, as scikit-learn's ``CountVectorizer`` gives.

    Args:
        texts: the texts.
        pattern: the token regex (default ``TOKEN_PATTERN``).
        remove_stopwords: drop stop words (and n-grams holding one).
        ngrams: n or ``(min, max)``; n-grams are joined by a space.

    Returns:
        ``(X, features)``: X a CSR matrix of texts x features, the features sorted (so the
        result equals ``CountVectorizer`` run with the same token pattern).

    Example:
        >>> from helpers.terms import count_matrix
        >>> X, features = count_matrix(["The vote.", "The so-called vote was held."])
        >>> X.toarray().tolist(), features
        ([[0, 0, 1, 1, 0], [1, 1, 1, 1, 1]], ['held', 'so-called', 'the', 'vote', 'was'])
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
    """A document-feature matrix (``Dfm``) of the documents in ``x``: word counts per document.

    Args:
        x: a corpus, a docs DataFrame, a string or a list of strings.
        remove_stopwords: leave out the stop words.
        ngrams: 1 (words), 2 (bigrams) or a range such as ``(1, 2)``.
        pattern: the regular expression of a token.

    Returns:
        A ``Dfm``: ``matrix`` (sparse, documents x features), ``features`` (sorted),
        ``docs`` (the metadata of each row) and ``ntokens`` (word tokens per document).

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import dfm
        >>> d = dfm(example_docs())
        >>> d.matrix.shape, d.features[:5], d.ntokens.tolist()
        ((3, 22), ['1994', '2019', '2020', '31', 'accept'], [8, 10, 8])
    """
    docs = as_docs(x)
    drop = stopwords() if remove_stopwords else frozenset()
    matrix, features, ntokens = _count(docs["text"], pattern, drop, _ngram_range(ngrams))
    return Dfm(matrix, features, docs.drop(columns="text"), ntokens)


def as_dfm(x: Any) -> Dfm:
    """``x`` as a ``Dfm``: a ``Dfm`` as it is, else ``dfm(x)``.

    Args:
        x: a ``Dfm``, or what ``kwic`` accepts (a corpus, a docs DataFrame with ``text``, a
            string or a sequence of strings).

    Returns:
        A ``Dfm``.

    Example:
        >>> from helpers.terms import as_dfm, dfm
        >>> d = dfm("One text.")
        >>> as_dfm(d) is d, as_dfm("One text.").features
        (True, ['one', 'text'])
    """
    return x if isinstance(x, Dfm) else dfm(x)


def dfm_remove(d: Dfm, words: Collection[str]) -> Dfm:
    """``d`` without the features in ``words``; ``ntokens`` unchanged.

    Args:
        d: a ``Dfm``.
        words: the features to drop (e.g. ``stopwords()``).

    Returns:
        A ``Dfm`` with the other features.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import dfm, dfm_remove, stopwords
        >>> d = dfm_remove(dfm(example_docs()), stopwords())
        >>> d.features[:6], d.ntokens.tolist()
        (['1994', '2019', '2020', '31', 'accept', 'armenia'], [8, 10, 8])
    """
    return Dfm(*_without(d.matrix, d.features, words), d.docs, d.ntokens)


def _group_indicator(values: pd.Series) -> tuple[sp.csr_matrix, np.ndarray]:
    """Sparse groups x docs indicator and the sorted group labels (missing values dropped)."""
    codes, labels = pd.factorize(values, sort=True)
    rows = codes[codes >= 0]
    cols = np.flatnonzero(codes >= 0)
    indicator = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(len(labels), len(values))
    )
    return indicator, np.asarray(labels)


def dfm_group(d: Dfm, group_by: str) -> Dfm:
    """The rows of ``d`` summed by the metadata column ``group_by``: one row per group.

    Args:
        d: a ``Dfm``.
        group_by: a column of ``d.docs``.

    Returns:
        A ``Dfm`` whose ``docs`` are ``doc_id`` (the group), the ``group_by`` column and
        ``n_docs``; groups sorted, documents with a missing ``group_by`` value left out.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import dfm, dfm_group
        >>> g = dfm_group(dfm(example_docs()), "side")
        >>> print(g.docs.to_string(index=False))
        doc_id side  n_docs
           ARM  ARM       1
           AZE  AZE       2
    """
    if group_by not in d.docs.columns:
        raise KeyError(f"no column {group_by!r} in the documents (have {list(d.docs.columns)})")
    indicator, labels = _group_indicator(d.docs[group_by])
    docs = pd.DataFrame(
        {"doc_id": labels.astype(str), group_by: labels, "n_docs": indicator.sum(axis=1).A1}
    )
    return Dfm((indicator @ d.matrix).tocsr(), list(d.features), docs, indicator @ d.ntokens)


def textstat_frequency(x: Any, n: int | None = None, group_by: str | None = None) -> pd.DataFrame:
    """Feature frequencies, overall or per group, most frequent first.

    Args:
        x: a ``Dfm`` or anything ``kwic`` accepts (counted with ``dfm``).
        n: keep the top ``n`` rows (per group).
        group_by: a metadata column to count by.

    Returns:
        A DataFrame ``feature, frequency, rank, docfreq, per_10k`` (and ``group`` with
        ``group_by``): ``rank`` 1 = most frequent, ties share the lowest rank; ``docfreq``
        the documents using the feature; ``per_10k`` per 10,000 word tokens of the
        documents (or group). Sorted by group, frequency (descending) and feature.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import textstat_frequency
        >>> print(textstat_frequency(example_docs(), n=3).to_string(index=False))
          feature  frequency  rank  docfreq     per_10k
               in          3     1        2 1153.846154
        elections          2     2        2  769.230769
             held          2     2        2  769.230769
    """
    d = as_dfm(x)
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
