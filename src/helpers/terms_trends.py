"""Trends of chosen terms per period (year, month, week), per 10k tokens.

``textstat_trends(x, terms, period)`` gives one row per period (x group) x term with the
raw count, the rate per 10,000 word tokens, the number of documents in the period, how
many of them use the term and the share of the count made by the single busiest document,
so a spike caused by one document shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from helpers.terms_kwic import iter_hits
from helpers.terms_match import compile_patterns
from helpers.terms_tokens import as_docs, word_tokens

PERIODS = {"year": "Y", "month": "M", "week": "W-SUN"}  # weeks run Monday to Sunday
TREND_COLUMNS = [
    "period", "term", "count", "per_10k", "n_docs", "n_docs_with_term", "n_tokens",
    "top_doc_share",
]  # fmt: skip


def period_starts(dates: pd.Series, period: str = "year") -> pd.Series:
    """The start date of the ``period`` (year, month, week) holding each date."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {list(PERIODS)}, got {period!r}")
    return pd.to_datetime(dates).dt.to_period(PERIODS[period]).dt.start_time


def count_periods(x: Any, period: str = "year") -> int:
    """How many distinct periods the dated documents of ``x`` fall in.

    Args:
        x: anything ``as_docs`` reads, with a ``date`` column.
        period: ``year``, ``month`` or ``week``.

    Returns:
        The number of periods (0 without dates).

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import count_periods
        >>> count_periods(example_docs(), "year")
        3
    """
    docs = as_docs(x)
    if "date" not in docs.columns:
        return 0
    dates = pd.to_datetime(docs["date"]).dropna()
    return dates.dt.to_period(PERIODS[period]).nunique()


def trend_counts(
    per_doc: pd.DataFrame, doc_counts: pd.DataFrame, keys: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The additive parts of ``textstat_trends`` for some documents: ``base`` (``keys,
    n_docs, n_tokens``) from ``per_doc`` (``doc_id, keys, n_tokens``, dated documents) and
    ``counts`` (``keys, term, count, n_docs_with_term, top``; ``top`` = the largest count of
    one document) from ``doc_counts`` (``doc_id, term, count``)."""
    keys = list(keys)
    base = per_doc.groupby(keys, as_index=False).agg(
        n_docs=("doc_id", "size"), n_tokens=("n_tokens", "sum")
    )
    doc_counts = doc_counts.merge(per_doc[["doc_id", *keys]], on="doc_id")
    counts = doc_counts.groupby([*keys, "term"], as_index=False).agg(
        count=("count", "sum"), n_docs_with_term=("doc_id", "size"), top=("count", "max")
    )
    return base, counts


def trends_table(
    base: pd.DataFrame, counts: pd.DataFrame, terms: Sequence[str], keys: Sequence[str]
) -> pd.DataFrame:
    """The ``textstat_trends`` table from the parts of ``trend_counts`` (or their sums, with
    ``top`` the maximum, over parts of a corpus)."""
    keys = list(keys)
    base = base.sort_values(keys).reset_index(drop=True)
    full = pd.MultiIndex.from_tuples(
        [(*k, t) for t in terms for k in base[keys].itertuples(index=False)],
        names=[*keys, "term"],
    )
    table = (
        counts.set_index([*keys, "term"])[["count", "n_docs_with_term", "top"]]
        .reindex(full, fill_value=0)
        .reset_index()
        .merge(base, on=keys)
    )
    table = table.astype({"count": "int64", "n_docs_with_term": "int64", "top": "int64"})
    table["per_10k"] = table["count"] / table["n_tokens"].clip(lower=1) * 1e4
    table["top_doc_share"] = (table["top"] / table["count"].where(table["count"] > 0)).fillna(0.0)
    order = {t: i for i, t in enumerate(terms)}
    table = table.sort_values(
        ["term"] + keys[1:] + ["period"],
        key=lambda s: s.map(order) if s.name == "term" else s,
        kind="stable",
    )
    columns = TREND_COLUMNS[:2] + keys[1:] + TREND_COLUMNS[2:]
    return table[columns].reset_index(drop=True)


def textstat_trends(
    x: Any,
    terms: str | Sequence[str],
    period: str = "year",
    group_by: str | None = None,
    valuetype: str = "glob",
) -> pd.DataFrame:
    """Use of ``terms`` over time: one row per period and term (and group).

    Only dated documents count (``date`` column, NaT skipped); periods without documents
    are absent, periods with documents but no hit have zeros.

    Args:
        x: anything ``kwic`` accepts, with a ``date`` column.
        terms: words, phrases or globs.
        period: ``year``, ``month`` or ``week``.
        group_by: a docs column to split by.
        valuetype: how ``terms`` are read (``glob``, ``regex``, ``fixed``).

    Returns:
        A DataFrame ``period`` (its start date), ``term, count, per_10k, n_docs,
        n_docs_with_term, n_tokens, top_doc_share`` (the share of the count in the
        period's busiest document), plus the ``group_by`` column if given; sorted by term
        (given order), group, period.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import textstat_trends
        >>> t = textstat_trends(example_docs(), "elections")
        >>> print(t[["period", "term", "count", "per_10k", "n_docs"]].to_string(index=False))
            period      term  count  per_10k  n_docs
        1994-01-01 elections      0      0.0       1
        2019-01-01 elections      1   1250.0       1
        2020-01-01 elections      1   1250.0       1
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {list(PERIODS)}, got {period!r}")
    terms = [terms] if isinstance(terms, str) else list(terms)
    docs = as_docs(x)
    if "date" not in docs.columns:
        raise ValueError("trends need a 'date' column in the documents")
    keys = ["period"] + ([group_by] if group_by else [])
    dated = docs[docs["date"].notna()]
    if group_by:
        dated = dated[dated[group_by].notna()]
    if dated.empty:
        raise ValueError("no dated documents: trends need dates")
    per_doc = dated[["doc_id"] + ([group_by] if group_by else [])].assign(
        period=period_starts(dated["date"], period),
        n_tokens=[len(word_tokens(t)) for t in dated["text"]],
    )
    hits = pd.DataFrame(
        [
            (toks.doc_id, term)
            for toks, found in iter_hits(dated, compile_patterns(terms, valuetype))
            for term, _, _ in found
        ],
        columns=["doc_id", "term"],
    )
    doc_counts = hits.groupby(["doc_id", "term"]).size().rename("count").reset_index()
    return trends_table(*trend_counts(per_doc, doc_counts, keys), terms, keys)
