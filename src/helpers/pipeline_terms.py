"""Notebook 03's term statistics from the pipeline's Parquet tables, a partition at a time.

Each function takes a :class:`helpers.pipeline.Processed` and returns what the in-memory
function of the same name in ``helpers.terms`` returns for the same corpus. Additive counts
are taken per partition (single words from the ``counts`` table; phrases, globs and regexes
from the partition's ``docs`` text and ``quotes``), summed across partitions, and rates,
shares, maxima, statistics and sorting are computed once at the end with the same code as
the in-memory functions. Memory holds one partition plus the (partial) result.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from helpers import pipeline_tables as pt
from helpers.pipeline import Processed
from helpers.pipeline_steps import COUNT_COLUMNS
from helpers.terms_kwic import kwic as _kwic
from helpers.terms_match import Matcher, compile_patterns
from helpers.terms_quoted import quoted_hits, quoted_shares
from helpers.terms_stats import (
    collocate_counts,
    collocates_table,
    collocation_counts,
    collocations_table,
)
from helpers.terms_stats import textstat_keyness as _keyness
from helpers.terms_tokens import stopwords
from helpers.terms_trends import PERIODS, period_starts, trend_counts, trends_table

QUOTE_COLUMNS = ["doc_id", "start", "end", "kind", "depth"]
USE_COLUMNS = ["doc_id", "term", "kind", "count"]


def corpus_totals(p: Processed, group_by: str | None = None) -> tuple[int, int]:
    """Word tokens and distinct (lower-cased) words of the corpus; with ``group_by`` (a docs
    column) the words are counted through the per-group counts, which keyness then reuses."""
    if group_by and pt.has_column(p, group_by):
        pt.feature_counts(p, group_by)  # cached: the corpus counts are summed from it
    return int(pt.group_sizes(p)["n_tokens"].sum()), len(pt.feature_counts(p))


def _candidate_texts(path: Path, matchers: Sequence[Matcher]) -> pd.DataFrame:
    """``doc_id, text`` of the documents of one docs partition that could hold a match of
    ``matchers``: their literal fragments are searched in the lower-cased texts with Arrow,
    before any text becomes a Python string. A superset of the documents the matchers'
    own ``could_match`` keeps (regex parts are left to it); every document when a pattern
    has no literal fragment."""
    table = pq.read_table(path, columns=["doc_id", "text"])
    if table.num_rows and all(m.fragments for m in matchers):
        lower = pc.utf8_lower(table["text"])
        masks = [
            functools.reduce(pc.and_, [pc.match_substring(lower, f) for f in m.fragments])
            for m in matchers
        ]
        table = table.filter(functools.reduce(pc.or_, masks))
    return table.to_pandas()


def _plain_words(terms: Sequence[str], valuetype: str) -> dict[str, str]:
    """The terms that match one word exactly (no phrase, wildcard or regex), each with its
    lower-cased feature in the counts table."""
    if valuetype == "regex":
        return {}
    words = {}
    for term in terms:
        elements = term.lower().split()
        if len(elements) == 1 and (valuetype == "fixed" or not any(c in term for c in "*?[")):
            words[term] = elements[0]
    return words


def _word_uses(path: Path, words: dict[str, str]) -> pd.DataFrame:
    """``doc_id, term, kind, count`` of single-word ``words`` from a counts partition."""
    counts = pd.read_parquet(
        path, columns=COUNT_COLUMNS, filters=[("feature", "in", sorted(set(words.values())))]
    )
    return _as_uses(counts, words)


def _as_uses(counts: pd.DataFrame, words: dict[str, str]) -> pd.DataFrame:
    """Rows of the counts table as ``doc_id, term, kind, count`` uses of ``words``."""
    pairs = pd.DataFrame({"term": list(words), "feature": list(words.values())})
    uses = counts.merge(pairs, on="feature").rename(columns={"quote_kind": "kind"})
    return uses[USE_COLUMNS]


_SCANNED: dict[tuple[tuple[Path, int], frozenset[str]], pd.DataFrame] = {}  # last few scans


def _feature_rows(p: Processed, features: set[str]) -> pd.DataFrame:
    """The rows of the whole counts table for ``features``, scanned with Arrow two
    partitions at a time and kept for the next call (the tables of a finished run do not
    change): a later call for some of the same features (KWIC after quoted use, trends)
    filters the kept rows."""
    stamp = pt.run_stamp(p)
    for (run, scanned), rows in _SCANNED.items():
        if run == stamp and features <= scanned:
            return rows[rows["feature"].isin(features)]
    wanted = pa.array(sorted(features), pa.string())
    strings = COUNT_COLUMNS[:3]

    def read(path: Path) -> pa.Table:  # strings kept as dictionary codes until filtered
        table = pq.read_table(path, columns=COUNT_COLUMNS, read_dictionary=strings)
        table = table.filter(pc.is_in(table["feature"], value_set=wanted))
        return table.cast(pa.schema([(c, pa.string()) for c in strings] + [("count", pa.int64())]))

    parts = list(pt.prefetched(read, p.partitions("counts"), ahead=2))
    rows = (
        pa.concat_tables(parts).to_pandas()
        if parts
        else pd.DataFrame(columns=COUNT_COLUMNS).astype({"count": "int64"})
    )
    if len(_SCANNED) >= 4:
        _SCANNED.pop(next(iter(_SCANNED)))
    _SCANNED[(stamp, frozenset(features))] = rows
    return rows


def _candidates(
    p: Processed, matchers: Sequence[Matcher], terms: Sequence[str], valuetype: str
) -> Iterator[pd.DataFrame]:
    """``doc_id, text`` per docs partition of the documents that could hold a match: for
    single plain words, those the counts table has them in (and any whose counting failed);
    otherwise those whose text holds the literal fragments (``_candidate_texts``). The next
    two partitions are read in other threads while the caller works on one."""
    words = _plain_words(terms, valuetype)
    if len(words) < len(terms):
        return pt.prefetched(
            lambda path: _candidate_texts(path, matchers), p.partitions("docs"), ahead=2
        )
    failed = p.failures
    ids = set(_feature_rows(p, set(words.values()))["doc_id"])
    ids |= set(failed.loc[failed["step"] == "counts", "doc_id"])
    wanted = pa.array(sorted(ids), pa.string())

    def read(path: Path) -> pd.DataFrame:
        table = pq.read_table(path, columns=["doc_id", "text"])
        return table.filter(pc.is_in(table["doc_id"], value_set=wanted)).to_pandas()

    return pt.prefetched(read, p.partitions("docs"), ahead=2)


def _term_uses(
    p: Processed, terms: Sequence[str], valuetype: str, columns: Sequence[str]
) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Documents (``doc_id`` + ``columns``, no text) and the uses of ``terms`` in them,
    ``doc_id, term, kind, count`` (kind of quotation or bare): per partition, or in one
    piece when every term is a single plain word (then the uses are read from the whole
    counts table with one filtered Arrow scan; only the metadata and the uses are held)."""
    words = _plain_words(terms, valuetype)
    others = [t for t in terms if t not in words]
    matchers = compile_patterns(others, valuetype) if others else []  # invalid: fail early
    if not others:
        docs = pt.read_docs(p, ["doc_id", *columns])
        yield docs, _as_uses(_feature_rows(p, set(words.values())), words)
        return
    texts = pt.prefetched(
        lambda path: _candidate_texts(path, matchers), p.partitions("docs"), ahead=2
    )
    for docs_path, counts_path, quotes_path, candidates in zip(
        p.partitions("docs"), p.partitions("counts"), p.partitions("quotes"), texts, strict=True
    ):
        docs = pt.read_docs_partition(docs_path, columns)
        parts = [pd.DataFrame(columns=USE_COLUMNS).astype({"count": "int64"})]
        if words:
            parts.append(_word_uses(counts_path, words))
        ids = list(candidates["doc_id"])
        quotes = pd.read_parquet(
            quotes_path, columns=QUOTE_COLUMNS, filters=[("doc_id", "in", ids or [""])]
        )
        hits = quoted_hits(candidates, others, valuetype, quotes=quotes)
        parts.append(hits.groupby(USE_COLUMNS[:3]).size().rename("count").reset_index())
        yield docs, pd.concat(parts, ignore_index=True)


def textstat_quoted(
    p: Processed, terms: str | Sequence[str], group_by: str | None = None, valuetype: str = "glob"
) -> pd.DataFrame:
    """As ``helpers.terms.textstat_quoted``: quoted vs bare use per document (``doc_id``;
    documents holding a term, in corpus order) or per ``group_by`` value (every group):
    ``<key>, term, kind, count, share``."""
    terms = [terms] if isinstance(terms, str) else list(terms)
    if group_by is None:
        keys: list[str] = []
        parts = []
        for docs, uses in _term_uses(p, terms, valuetype, []):
            keys.extend(docs["doc_id"][docs["doc_id"].isin(uses["doc_id"])])
            parts.append(uses)
        return quoted_shares(pd.concat(parts), "doc_id", list(dict.fromkeys(keys)), terms)
    if not pt.has_column(p, group_by):
        raise KeyError(f"no column {group_by!r} in the documents")
    values: set[Any] = set()

    def parts_by_group() -> Iterator[pd.DataFrame]:
        for docs, uses in _term_uses(p, terms, valuetype, [group_by]):
            groups = docs.set_index("doc_id")[group_by]
            values.update(groups.dropna())
            uses = uses.assign(**{group_by: uses["doc_id"].map(groups)})
            yield uses.groupby([group_by, "term", "kind"], as_index=False)["count"].sum()

    counts = pt.reduce_partitions(parts_by_group(), [group_by, "term", "kind"])
    return quoted_shares(counts, group_by, sorted(values), terms)


def kwic(
    p: Processed, pattern: str | Sequence[str], window: int = 5, valuetype: str = "glob"
) -> pd.DataFrame:
    """As ``helpers.terms.kwic``: one row per hit, in document and text order."""
    matchers = compile_patterns(pattern, valuetype)
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    texts = _candidates(p, matchers, patterns, valuetype)
    frames = [_kwic(docs, pattern, window, valuetype) for docs in texts]
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype="str"), "text": ""})
    return (
        pd.concat(frames, ignore_index=True) if frames else _kwic(empty, pattern, window, valuetype)
    )


def textstat_collocates(
    p: Processed,
    pattern: str | Sequence[str],
    window: int = 5,
    min_count: int = 2,
    remove_stopwords: bool = True,
    valuetype: str = "glob",
) -> pd.DataFrame:
    """As ``helpers.terms.textstat_collocates``: window counts summed over partitions; word
    frequencies and the token total from the counts table."""
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    positions = 0
    matchers = compile_patterns(pattern, valuetype)
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    for docs in _candidates(p, matchers, patterns, valuetype):
        part_left, part_right, part_positions = collocate_counts(docs, pattern, window, valuetype)
        left.update(part_left)
        right.update(part_right)
        positions += part_positions
    freq = pt.feature_counts(p)
    n_tokens = int(freq["frequency"].sum())
    freq = freq[freq["feature"].isin(left.keys() | right.keys())]
    frequency = dict(zip(freq["feature"], freq["frequency"].astype(int), strict=True))
    return collocates_table(
        left, right, positions, frequency, n_tokens, min_count, remove_stopwords
    )


def _sum_grams(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Word-id sequences (columns ``w0, w1, ...``) with their counts summed."""
    table = pd.concat(frames, ignore_index=True)
    return table.groupby(list(table.columns[:-1]), as_index=False, sort=False)["count"].sum()


def textstat_collocations(
    p: Processed, size: int = 2, min_count: int = 2, remove_stopwords: bool = False
) -> pd.DataFrame:
    """As ``helpers.terms.textstat_collocations``. Pairs (``size=2``) come from the
    pipeline's ``bigrams`` table and word frequencies from its counts, summed with Arrow a
    few partitions at a time; longer sequences are counted from the text of each partition
    (every distinct sequence is kept until the end, as ``min_count`` applies to the corpus
    total). PMI and t-score are computed once."""
    if size < 2:
        raise ValueError(f"size must be >= 2, got {size}")
    if size == 2:
        return _pair_collocations(p, min_count, remove_stopwords)
    columns = [f"w{k}" for k in range(size)]
    vocab: dict[str, int] = {}
    freq = np.zeros(0, dtype=np.int64)
    pending = [pd.DataFrame({c: np.zeros(0, dtype=np.int64) for c in [*columns, "count"]})]
    for docs in p.iter("docs", ["doc_id", "text"]):
        words, part_freq, grams, counts = collocation_counts(docs, size, remove_stopwords)
        ids = np.fromiter(
            (vocab.setdefault(w, len(vocab)) for w in words), dtype=np.int64, count=len(words)
        )
        freq = np.concatenate([freq, np.zeros(len(vocab) - len(freq), dtype=np.int64)])
        freq[ids] += part_freq  # words are distinct within a partition
        pending.append(pd.DataFrame(ids[grams], columns=columns).assign(count=counts))
        if len(pending) > pt.REDUCE_EVERY:
            pending = [_sum_grams(pending)]
    grams = _sum_grams(pending)
    words = np.array(list(vocab), dtype=object)
    return collocations_table(
        words, freq, grams[columns].to_numpy(), grams["count"].to_numpy(), min_count
    )


def _pair_collocations(p: Processed, min_count: int, remove_stopwords: bool) -> pd.DataFrame:
    """``textstat_collocations`` of word pairs from the ``bigrams`` and ``counts`` tables."""
    stops = pa.array(sorted(stopwords()), type=pa.string())
    pending: list[pa.Table] = []

    def combine(tables: list[pa.Table]) -> pa.Table:
        grouped = pa.concat_tables(tables).group_by(["w1", "w2"], use_threads=False)
        return grouped.aggregate([("count", "sum")]).rename_columns(["w1", "w2", "count"])

    def read(path: Path) -> pa.Table:
        table = pq.read_table(path, columns=["w1", "w2", "count"])
        table = table.cast(
            pa.schema([("w1", pa.string()), ("w2", pa.string()), ("count", pa.int64())])
        )
        if remove_stopwords:
            drop = pc.or_(pc.is_in(table["w1"], stops), pc.is_in(table["w2"], stops))
            table = table.filter(pc.invert(drop))
        return table

    for table in pt.prefetched(read, p.partitions("bigrams"), ahead=2):
        pending.append(table)
        if len(pending) > pt.REDUCE_EVERY:
            pending = [combine(pending)]
    pairs = combine(pending) if pending else None
    freq = pt.feature_counts(p)
    words = freq["feature"].to_numpy(dtype=object)
    if pairs is None or not pairs.num_rows:
        grams = np.zeros((0, 2), dtype=np.int64)
        counts = np.zeros(0, dtype=np.int64)
    else:
        pairs = pairs.filter(pc.greater_equal(pairs["count"], min_count))
        index = pd.Index(words)
        grams = np.stack(
            [index.get_indexer(pairs[c].to_numpy(zero_copy_only=False)) for c in ("w1", "w2")],
            axis=1,
        )
        counts = pairs["count"].to_numpy()
        if (grams < 0).any():
            raise ValueError(f"{p.folder}: a word of the bigrams table is not in the counts table")
    return collocations_table(
        words, freq["frequency"].to_numpy(dtype=np.int64), grams, counts, min_count
    )


def textstat_keyness(
    p: Processed,
    target: Any,
    reference: Any = None,
    *,
    group_by: str,
    measure: str = "G2",
    remove_stopwords: bool = False,
) -> pd.DataFrame:
    """As ``helpers.terms.textstat_keyness`` on a ``dfm`` (with ``remove_stopwords``) of the
    target and reference groups of ``group_by`` (``reference`` None: all other groups),
    from the group counts of the counts table."""
    d = pt.group_dfm(p, group_by, remove_stopwords)
    reference = None if reference is None else str(reference)
    return _keyness(d, str(target), reference, group_by=group_by, measure=measure)


def count_periods(p: Processed, period: str = "year") -> int:
    """How many distinct periods the dated documents fall in (0 without dates)."""
    seen: set[pd.Period] = set()
    for path in p.partitions("docs"):
        if "date" in pt._columns(path):
            dates = pd.to_datetime(pd.read_parquet(path, columns=["date"])["date"]).dropna()
            seen.update(dates.dt.to_period(PERIODS[period]).unique())
    return len(seen)


def textstat_trends(
    p: Processed,
    terms: str | Sequence[str],
    period: str = "year",
    group_by: str | None = None,
    valuetype: str = "glob",
    groups: Sequence[Any] | None = None,
) -> pd.DataFrame:
    """As ``helpers.terms.textstat_trends`` (of the documents in ``groups`` of ``group_by``
    when given): counts, documents and tokens summed over partitions, the busiest document's
    count as a maximum; ``per_10k`` and ``top_doc_share`` from the totals."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {list(PERIODS)}, got {period!r}")
    terms = [terms] if isinstance(terms, str) else list(terms)
    if not pt.has_column(p, "date"):
        raise ValueError("trends need a 'date' column in the documents")
    if group_by and not pt.has_column(p, group_by):
        raise KeyError(group_by)
    by = [group_by] if group_by else []
    keys = ["period", *by]
    base = pd.DataFrame()
    counts = pd.DataFrame()
    for docs, uses in _term_uses(p, terms, valuetype, ["date", "n_tokens", *by]):
        dated = docs[docs["date"].notna()]
        if group_by:
            dated = dated[dated[group_by].notna()]
            if groups is not None:
                dated = dated[dated[group_by].isin(list(groups))]
        per_doc = dated[["doc_id", *by]].assign(
            period=period_starts(dated["date"], period),
            n_tokens=dated["n_tokens"].fillna(0).astype("int64"),
        )
        doc_counts = uses.groupby(["doc_id", "term"], as_index=False)["count"].sum()
        part_base, part_counts = trend_counts(per_doc, doc_counts, keys)
        base = pd.concat([base, part_base], ignore_index=True).groupby(keys, as_index=False).sum()
        counts = (
            pd.concat([counts, part_counts], ignore_index=True)
            .groupby([*keys, "term"], as_index=False)
            .agg(
                count=("count", "sum"),
                n_docs_with_term=("n_docs_with_term", "sum"),
                top=("top", "max"),
            )
        )
    if base.empty:
        raise ValueError("no dated documents: trends need dates")
    return trends_table(base, counts, terms, keys)
