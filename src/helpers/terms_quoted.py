"""Quoted versus bare use of a term: how often it sits in scare quotes, in someone's words,
in a title, is mentioned as a term, or is used plainly.

Quotation marks come from ``helpers.framing.find_quotes``; an occurrence takes the kind of
the innermost quotation holding it whole, ``bare`` when none does. ``quoted_use(text,
terms)`` gives ``term, kind, count`` for one text; ``textstat_quoted(x, terms)`` the same per
document or per group, with each kind's ``share`` of the term's occurrences.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from helpers.framing import find_quotes
from helpers.terms_kwic import iter_hits
from helpers.terms_match import compile_patterns
from helpers.terms_tokens import BARE, as_docs, innermost_kind

USE_KINDS = ("scare", "direct", "title", "term", BARE)


def quoted_hits(
    x: Any,
    terms: str | Sequence[str],
    valuetype: str = "glob",
    quotes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per occurrence of a term: ``doc_id, term, start, end, kind``. ``quotes``: the
    quotations of the documents (``doc_id`` + ``find_quotes`` columns, e.g. the pipeline's
    quotes table); None finds them in each text."""
    by_doc = {} if quotes is None else dict(list(quotes.groupby("doc_id", sort=False)))
    empty = None if quotes is None else quotes.iloc[:0]
    rows = []
    for toks, hits in iter_hits(x, compile_patterns(terms, valuetype)):
        found = find_quotes(toks.text) if empty is None else by_doc.get(toks.doc_id, empty)
        starts = toks.starts[[i for _, i, _ in hits]]
        ends = toks.ends[[j - 1 for _, _, j in hits]]
        kinds = innermost_kind(starts, ends, found)
        for (term, _, _), s, e, kind in zip(hits, starts, ends, kinds, strict=True):
            rows.append((toks.doc_id, term, int(s), int(e), kind))
    return pd.DataFrame(rows, columns=["doc_id", "term", "start", "end", "kind"]).astype(
        {"start": "int64", "end": "int64"}
    )


def _tabulate(
    hits: pd.DataFrame, key: str, keys: Sequence[Any], terms: Sequence[str]
) -> pd.DataFrame:
    """Counts of ``hits`` for every ``key`` value x term x kind (zeros included), with shares."""
    counts = hits.groupby([key, "term", "kind"]).size().rename("count").reset_index()
    return quoted_shares(counts, key, keys, terms)


def quoted_shares(
    counts: pd.DataFrame, key: str, keys: Sequence[Any], terms: Sequence[str]
) -> pd.DataFrame:
    """``<key>, term, kind, count, share`` from counts ``<key>, term, kind, count`` (summed
    over repeated rows): every ``keys`` value x term x kind, zeros included, in that order;
    ``share`` = the kind's share of the term's occurrences for that key value."""
    full = pd.MultiIndex.from_product(
        [list(keys), list(terms), USE_KINDS], names=[key, "term", "kind"]
    )
    summed = counts.groupby([key, "term", "kind"])["count"].sum().reindex(full, fill_value=0)
    table = summed.rename("count").reset_index().astype({"count": "int64"})
    totals = table.groupby([key, "term"], sort=False)["count"].transform("sum")
    return table.assign(share=(table["count"] / totals.where(totals > 0)).fillna(0.0))


def quoted_use(text: str, terms: str | Sequence[str], valuetype: str = "glob") -> pd.DataFrame:
    """How often each of ``terms`` occurs in ``text`` in each kind of quotation, and bare.

    Args:
        text: one document's text.
        terms: words, phrases or globs.
        valuetype: how ``terms`` are read (``glob``, ``regex``, ``fixed``).

    Returns:
        A DataFrame ``term, kind, count``: five rows per term (kinds scare, direct, title,
        term, bare, in that order), zero counts included, terms in the given order.

    Example:
        >>> from helpers.terms import quoted_use
        >>> q = quoted_use("The so-called “elections” were no elections.", "elections")
        >>> print(q.to_string(index=False))
             term   kind  count
        elections  scare      1
        elections direct      0
        elections  title      0
        elections   term      0
        elections   bare      1
    """
    terms = [terms] if isinstance(terms, str) else list(terms)
    hits = quoted_hits(text, terms, valuetype).assign(key=0)
    return _tabulate(hits, "key", [0], terms)[["term", "kind", "count"]]


def quoted_wide(table: pd.DataFrame, key: str | None = None, n: int | None = None) -> pd.DataFrame:
    """A ``quoted_use``/``textstat_quoted`` table with one column per kind: one row per term
    (and ``key`` value).

    Args:
        table: a ``quoted_use`` or ``textstat_quoted`` table.
        key: its key column (a group column or ``doc_id``), if any.
        n: rows kept.

    Returns:
        A DataFrame ``<key>, term, scare, direct, title, term_mention, bare, total,
        quoted_share``: ``term_mention`` holds the ``term`` kind (the column ``term`` names
        the term); ``quoted_share`` = share of occurrences inside quotation marks. Rows with
        no occurrence dropped; sorted by total (descending), keeping the table's order among
        ties.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import quoted_wide, textstat_quoted
        >>> table = textstat_quoted(example_docs(), "elections", group_by="side")
        >>> print(quoted_wide(table, key="side").to_string(index=False))
        side      term  scare  direct  title  term_mention  bare  total  quoted_share
         AZE elections      1       0      0             0     1      2           0.5
    """
    rows = ([key] if key else []) + ["term"]
    wide = table.pivot_table(
        index=rows, columns="kind", values="count", aggfunc="sum", sort=False, observed=True
    )
    wide = wide.reindex(columns=list(USE_KINDS), fill_value=0).astype("int64")
    wide.columns.name = None
    wide = wide.rename(columns={"term": "term_mention"}).reset_index()
    wide["total"] = wide[["scare", "direct", "title", "term_mention", BARE]].sum(axis=1)
    wide = wide[wide["total"] > 0]
    wide["quoted_share"] = 1 - wide[BARE] / wide["total"]
    wide = wide.sort_values("total", ascending=False, kind="stable").reset_index(drop=True)
    return wide if n is None else wide.head(n)


def textstat_quoted(
    x: Any,
    terms: str | Sequence[str],
    group_by: str | None = None,
    valuetype: str = "glob",
) -> pd.DataFrame:
    """Quoted and bare use of ``terms``, per document or per group.

    Args:
        x: anything ``kwic`` accepts.
        terms: words, phrases or globs.
        group_by: a docs column (every group listed); None: per ``doc_id`` (the documents
            holding a term).
        valuetype: how ``terms`` are read (``glob``, ``regex``, ``fixed``).

    Returns:
        A DataFrame ``<doc_id or group_by>, term, kind, count, share``: one row per key,
        term and kind (scare, direct, title, term, bare), ``share`` of that term's uses.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import textstat_quoted
        >>> q = textstat_quoted(example_docs(), "elections", group_by="side")
        >>> print(q[q["side"] == "AZE"].to_string(index=False))
        side      term   kind  count  share
         AZE elections  scare      1    0.5
         AZE elections direct      0    0.0
         AZE elections  title      0    0.0
         AZE elections   term      0    0.0
         AZE elections   bare      1    0.5
    """
    terms = [terms] if isinstance(terms, str) else list(terms)
    docs = as_docs(x)
    hits = quoted_hits(docs, terms, valuetype)
    if group_by is None:
        keys = list(dict.fromkeys(hits["doc_id"]))
        return _tabulate(hits, "doc_id", keys, terms)
    if group_by not in docs.columns:
        raise KeyError(f"no column {group_by!r} in the documents")
    groups = docs.set_index("doc_id")[group_by]
    hits = hits.assign(**{group_by: hits["doc_id"].map(groups)})
    keys = sorted(groups.dropna().unique())
    return _tabulate(hits, group_by, keys, terms)
