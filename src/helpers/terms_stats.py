"""Statistics over counts: keyness of a target group, collocations and collocates.

``textstat_keyness(d, target)``: per feature, target vs reference counts, signed G²
(or chi²) with p-values and the log ratio effect size. ``textstat_collocations(x)``:
multi-word sequences with PMI and t-score. ``textstat_collocates(x, pattern)``: words
within a window of a term, with PMI and t-score against their corpus frequency.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import count
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import xlogy
from scipy.stats import chi2 as chi2_dist

from helpers.terms_dfm import Dfm, as_dfm
from helpers.terms_kwic import iter_hits
from helpers.terms_match import compile_patterns
from helpers.terms_tokens import SPLIT, as_docs, lower_all, stopwords, word_tokens

MEASURES = ("G2", "chi2")
# What may stand between two words of a collocation: spaces and quotation marks
# ("so-called “elections”"); any other punctuation breaks it.
_JOIN = re.compile(r"[\s\"'“”‘’«»„‚‹›]*")


def _mask(d: Dfm, selector: Any, group_by: str | None) -> np.ndarray:
    """Documents picked by a group value (with ``group_by``), a doc id, doc ids or a mask."""
    if group_by is not None:
        if group_by not in d.docs.columns:
            raise KeyError(f"no column {group_by!r} in the documents")
        return (d.docs[group_by] == selector).to_numpy(dtype=bool)
    if isinstance(selector, str):
        return (d.docs["doc_id"] == selector).to_numpy(dtype=bool)
    values = np.asarray(list(selector))
    if values.dtype == bool:
        if len(values) != len(d.docs):
            raise ValueError("a boolean selection needs one value per document")
        return values
    return d.docs["doc_id"].isin([str(v) for v in values]).to_numpy(dtype=bool)


def keyness_scores(
    a: np.ndarray, b: np.ndarray, n_target: float, n_reference: float
) -> dict[str, np.ndarray]:
    """Signed G², signed chi² and log ratio for counts ``a`` (target) and ``b`` (reference)
    out of ``n_target`` and ``n_reference`` tokens; the sign is + when the target uses the
    feature more often (relative to its size). Log ratio = log2 of the ratio of relative
    frequencies, a zero count taken as 0.5."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    c, d = n_target - a, n_reference - b
    total = n_target + n_reference
    row = a + b
    cells = [
        (a, n_target * row / total),
        (b, n_reference * row / total),
        (c, n_target * (total - row) / total),
        (d, n_reference * (total - row) / total),
    ]
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * sum(xlogy(o, o) - xlogy(o, e) for o, e in cells)
        chi2 = np.nan_to_num(sum((o - e) ** 2 / e for o, e in cells))
    sign = np.sign(a / n_target - b / n_reference)
    log_ratio = np.log2(
        (np.where(a > 0, a, 0.5) / n_target) / (np.where(b > 0, b, 0.5) / n_reference)
    )
    return {"G2": sign * np.maximum(g2, 0.0), "chi2": sign * chi2, "log_ratio": log_ratio}


def textstat_keyness(
    x: Any,
    target: Any,
    reference: Any = None,
    *,
    group_by: str | None = None,
    measure: str = "G2",
) -> pd.DataFrame:
    """Keyness of the target documents against the reference documents, one row per feature.

    Args:
        x: a ``Dfm`` or anything ``kwic`` accepts (a corpus, a docs DataFrame, strings).
        target: a value of the ``group_by`` column, or (without ``group_by``) a doc id, a
            list of doc ids or a boolean mask.
        reference: as ``target``; None = all other documents.
        group_by: the metadata column ``target`` and ``reference`` are values of.
        measure: ``G2`` (log-likelihood, default) or ``chi2`` (Pearson).

    Returns:
        A DataFrame ``feature, n_target, n_reference, <measure>, p, log_ratio``: the
        statistic signed (+ = more frequent in the target), ``p`` from chi² with 1 degree
        of freedom, ``log_ratio`` the binary log of the ratio of relative frequencies (a
        zero count taken as 0.5). Group sizes are the dfm's row sums. Sorted by the
        statistic (descending), then feature.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import textstat_keyness
        >>> k = textstat_keyness(example_docs(), "AZE", group_by="side")
        >>> print(k.head(3).round(3).to_string(index=False))
          feature  n_target  n_reference    G2     p  log_ratio
        elections         2            0 2.045 0.153      1.322
             held         2            0 2.045 0.153      1.322
             2019         1            0 0.996 0.318      0.322
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")
    d = as_dfm(x)
    mask = _mask(d, target, group_by)
    other = ~mask if reference is None else _mask(d, reference, group_by) & ~mask
    if not mask.any() or not other.any():
        raise ValueError("keyness needs at least one target and one reference document")
    a = np.asarray(d.matrix[mask].sum(axis=0)).ravel()
    b = np.asarray(d.matrix[other].sum(axis=0)).ravel()
    scores = keyness_scores(a, b, a.sum(), b.sum())
    table = pd.DataFrame(
        {
            "feature": d.features,
            "n_target": a.astype(np.int64),
            "n_reference": b.astype(np.int64),
            measure: scores[measure],
            "p": chi2_dist.sf(np.abs(scores[measure]), 1),
            "log_ratio": scores["log_ratio"],
        }
    )
    table = table[(table["n_target"] + table["n_reference"]) > 0]
    return table.sort_values(
        [measure, "feature"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def _association(observed: np.ndarray, expected: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """PMI (log2 observed/expected) and t-score ((O - E) / sqrt(O))."""
    return np.log2(observed / expected), (observed - expected) / np.sqrt(observed)


def gap_breaks(parts: list[str]) -> list[int]:
    """From the parts of ``SPLIT(text)`` (gap, token, gap, ..., token, gap): the indices
    ``i`` where token ``i`` is cut off from token ``i - 1`` (anything but spaces and
    quotation marks between them)."""
    gaps = parts[2:-1:2]  # between token i and token i + 1
    return [i + 1 for i, gap in enumerate(gaps) if gap != " " and not _JOIN.fullmatch(gap)]


def _count_rows(rows: np.ndarray, n_ids: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of a 2-D array of ids in ``[0, n_ids)`` and their counts; rows are
    packed into one integer each when that fits in 63 bits (a fast 1-D sort)."""
    if n_ids ** rows.shape[1] >= 2**63:
        return np.unique(rows, axis=0, return_counts=True)
    keys = np.zeros(len(rows), dtype=np.int64)
    for column in rows.T:
        keys = keys * n_ids + column
    keys, counts = np.unique(keys, return_counts=True)
    unpacked = np.empty((len(keys), rows.shape[1]), dtype=np.int64)
    for k in range(rows.shape[1] - 1, -1, -1):
        keys, unpacked[:, k] = np.divmod(keys, n_ids)
    return unpacked, counts


class SequenceCounter:
    """Accumulates the additive counts behind ``textstat_collocations``, one document at a
    time (``add``), for sequences of ``size`` adjacent words; ``counts()`` returns them."""

    def __init__(self, size: int = 2) -> None:
        if size < 2:
            raise ValueError(f"size must be >= 2, got {size}")
        self.size = size
        self._vocab: dict[str, int] = {}
        self._next_id = count()  # word ids: unique, not contiguous
        self._ids = [np.zeros(0, dtype=np.int64)]
        self._grams = [np.zeros((0, size), dtype=np.int64)]

    def add(self, lower: list[str], breaks: list[int]) -> None:
        """One document: its lower-cased tokens and the token indices that start after a
        break (as ``gap_breaks`` gives them)."""
        size = self.size
        ids = np.fromiter(
            map(self._vocab.setdefault, lower, self._next_id), dtype=np.int64, count=len(lower)
        )
        self._ids.append(ids)
        n = len(ids) - size + 1
        if n <= 0:
            return
        keep = np.ones(n, dtype=bool)  # sequence starting at i crosses no break
        cuts = np.asarray(breaks, dtype=np.int64)
        for k in range(1, size):
            starts = cuts - k
            keep[starts[(starts >= 0) & (starts < n)]] = False
        self._grams.append(np.stack([ids[k : k + n] for k in range(size)], axis=1)[keep])

    def counts(
        self, remove_stopwords: bool = False
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``words`` (object array), their ``freq`` (all word tokens), the distinct
        sequences as rows of indices into ``words`` and their ``counts``;
        ``remove_stopwords`` drops sequences holding a stop word."""
        vocab = self._vocab
        words = np.array(list(vocab), dtype=object)
        sparse_ids = np.fromiter(vocab.values(), dtype=np.int64, count=len(vocab))
        freq = np.bincount(np.concatenate(self._ids), minlength=int(sparse_ids.max(initial=-1)) + 1)
        dense = np.zeros(len(freq), dtype=np.int64)
        dense[sparse_ids] = np.arange(len(vocab))
        grams, counts = _count_rows(dense[np.concatenate(self._grams)], max(len(vocab), 1))
        if remove_stopwords:
            stops = stopwords()
            stop = np.fromiter((w in stops for w in words), dtype=bool, count=len(words))
            keep = ~stop[grams].any(axis=1)
            grams, counts = grams[keep], counts[keep]
        return words, freq[sparse_ids].astype(np.int64), grams, counts.astype(np.int64)


def collocation_counts(
    x: Any, size: int = 2, remove_stopwords: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The additive counts behind ``textstat_collocations`` for the documents of ``x``
    (see ``SequenceCounter.counts``)."""
    counter = SequenceCounter(size)
    for text in as_docs(x)["text"]:
        parts = SPLIT(text)
        counter.add(lower_all(parts[1::2]), gap_breaks(parts))
    return counter.counts(remove_stopwords)


def collocations_table(
    words: np.ndarray, freq: np.ndarray, grams: np.ndarray, counts: np.ndarray, min_count: int = 2
) -> pd.DataFrame:
    """``collocation, count, pmi, t_score`` from the counts of ``collocation_counts`` (or
    their sums over parts of a corpus): sequences with ``count >= min_count``, sorted by
    t-score (descending), then collocation."""
    keep = counts >= min_count
    grams, observed = grams[keep], counts[keep].astype(float)
    total = float(freq.sum())
    expected = total * np.prod(freq[grams] / total, axis=1)
    pmi, t_score = _association(observed, expected)
    table = pd.DataFrame(
        {
            "collocation": [" ".join(row) for row in words[grams]],
            "count": observed.astype(np.int64),
            "pmi": pmi,
            "t_score": t_score,
        }
    )
    return table.sort_values(
        ["t_score", "collocation"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def textstat_collocations(
    x: Any, size: int = 2, min_count: int = 2, remove_stopwords: bool = False
) -> pd.DataFrame:
    """Sequences of ``size`` adjacent words across the documents of ``x``.

    Words are adjacent when only spaces or quotation marks stand between them (other
    punctuation breaks).

    Args:
        x: anything ``kwic`` accepts.
        size: words in a sequence.
        min_count: occurrences needed to be kept.
        remove_stopwords: drop sequences holding a stop word.

    Returns:
        A DataFrame ``collocation, count, pmi, t_score``: ``pmi = log2(O / E)``, ``t_score =
        (O - E) / sqrt(O)``, ``E = N * prod(f_i / N)`` with ``f_i`` the word frequencies and
        ``N`` the word tokens. Sorted by t-score (descending), then collocation.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import textstat_collocations
        >>> c = textstat_collocations(example_docs(), min_count=1)
        >>> print(c.head(3).round(3).to_string(index=False))
        collocation  count  pmi  t_score
           31 march      1  4.7    0.962
        accept this      1  4.7    0.962
         march 2020      1  4.7    0.962
    """
    return collocations_table(*collocation_counts(x, size, remove_stopwords), min_count)


def collocate_counts(
    x: Any, pattern: str | Sequence[str], window: int = 5, valuetype: str = "glob"
) -> tuple[Counter[str], Counter[str], int]:
    """The additive counts behind ``textstat_collocates`` for the documents of ``x``: words
    within ``window`` tokens before (``left``) and after (``right``) each hit of
    ``pattern``, and the number of window positions."""
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    positions = 0
    for toks, hits in iter_hits(x, compile_patterns(pattern, valuetype), window):
        lower = toks.lower
        for _, i, j in hits:
            before, after = lower[max(0, i - window) : i], lower[j : j + window]
            left.update(before)
            right.update(after)
            positions += len(before) + len(after)
    return left, right, positions


def collocates_table(
    left: Mapping[str, int],
    right: Mapping[str, int],
    positions: int,
    frequency: Mapping[str, int],
    n_tokens: int,
    min_count: int = 2,
    remove_stopwords: bool = True,
) -> pd.DataFrame:
    """The ``textstat_collocates`` table from the counts of ``collocate_counts`` (or their
    sums over parts of a corpus), the corpus ``frequency`` of words and its ``n_tokens``."""
    drop = stopwords() if remove_stopwords else frozenset()
    words = sorted(w for w in left.keys() | right.keys() if w not in drop)
    n_left = np.array([left.get(w, 0) for w in words], dtype=np.int64)
    n_right = np.array([right.get(w, 0) for w in words], dtype=np.int64)
    count = (n_left + n_right).astype(float)
    freq = np.array([frequency.get(w, 0) for w in words], dtype=float)
    expected = freq * positions / max(n_tokens, 1)
    pmi, t_score = _association(count, expected) if words else (count, count)
    table = pd.DataFrame(
        {
            "collocate": words,
            "count": count.astype(np.int64),
            "left": n_left,
            "right": n_right,
            "frequency": freq.astype(np.int64),
            "expected": expected,
            "pmi": pmi,
            "t_score": t_score,
        }
    )
    table = table[table["count"] >= min_count]
    return table.sort_values(
        ["pmi", "count", "collocate"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def textstat_collocates(
    x: Any,
    pattern: str | Sequence[str],
    window: int = 5,
    min_count: int = 2,
    remove_stopwords: bool = True,
    valuetype: str = "glob",
) -> pd.DataFrame:
    """Words within ``window`` tokens either side of ``pattern`` (the node) in ``x``.

    Args:
        x: anything ``kwic`` accepts.
        pattern: the node: a word, phrase, glob or regular expression.
        window: tokens either side.
        min_count: co-occurrences needed to be kept.
        remove_stopwords: drop stop words as collocates.
        valuetype: how ``pattern`` is read (``glob``, ``regex``, ``fixed``).

    Returns:
        A DataFrame ``collocate, count, left, right, frequency, expected, pmi, t_score``:
        ``count`` co-occurrences (``left`` before the node, ``right`` after), ``frequency``
        in the whole corpus, ``expected = frequency * W / N`` (W window positions, N word
        tokens), ``pmi = log2(count / expected)``, ``t_score = (count - expected) /
        sqrt(count)``. Sorted by PMI (descending), count (descending), collocate.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import textstat_collocates
        >>> c = textstat_collocates(example_docs(), "held", window=2, min_count=1)
        >>> print(c.round(3).to_string(index=False))
        collocate  count  left  right  frequency  expected   pmi  t_score
        elections      2     1      1          2     0.538 1.893    1.033
          armenia      1     1      0          1     0.269 1.893    0.731
             baku      1     0      1          1     0.269 1.893    0.731
        so-called      1     0      1          1     0.269 1.893    0.731
    """
    docs = as_docs(x)
    frequency: Counter[str] = Counter()
    for text in docs["text"]:
        frequency.update(word_tokens(text.lower()))
    left, right, positions = collocate_counts(docs, pattern, window, valuetype)
    return collocates_table(
        left, right, positions, frequency, frequency.total(), min_count, remove_stopwords
    )
