"""The per-document steps of the pipeline, run over one partition of documents.

``partition_tables(records)`` takes the raw records (or read problems) of one partition and
returns a dict of tidy tables: ``docs`` (metadata, normalised ``text``, ``n_chars``,
``n_tokens``), ``sentences``, ``counts`` (``doc_id, feature, quote_kind, count``),
``quotes``, ``markers``, ``frames``, ``events`` (timexes with their events) and ``failures``
(``doc_id, source, step, reason``). A step runs on the whole partition at once; when it
raises, it reruns document by document, so only the failing documents are listed as
failures and left out of that step's table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from helpers.chronology import chronology
from helpers.corpus import DocsBuilder, build_row, sentences_table
from helpers.framing import lexicon_table, quotes_table
from helpers.readers import Problem, Record
from helpers.terms_tokens import BARE, innermost_kind, lower_all, split_tokens

TABLES = ("docs", "sentences", "counts", "quotes", "markers", "frames", "events", "failures")
FAILURE_COLUMNS = ["doc_id", "source", "step", "reason"]
COUNT_COLUMNS = ["doc_id", "feature", "quote_kind", "count"]
# offsets that order the rows of each table within a document (for sorting and comparing)
ORDER = {
    "docs": ["doc_id"],
    "sentences": ["doc_id", "start", "end"],
    "counts": ["doc_id", "feature", "quote_kind"],
    "quotes": ["doc_id", "mark_start", "start", "end"],
    "markers": ["doc_id", "start", "end", "family", "pattern"],
    "frames": ["doc_id", "start", "end", "family", "pattern"],
    "events": ["doc_id", "start", "end"],
    "failures": ["doc_id", "source", "step"],
}


def build_docs(items: Iterable[Record | Problem]) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Normalise records into a docs table (as ``read_corpus``, no de-duplication) and the
    failures of reading (step ``read``) and normalising (step ``normalise``)."""
    columns = DocsBuilder()
    failures: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for item in items:
        if isinstance(item, Problem):
            failures.append(
                {"doc_id": None, "source": item.source, "step": "read", "reason": item.reason}
            )
            continue
        try:
            row = build_row(item, seen)
        except Exception as err:  # noqa: BLE001 - any failure is recorded, the run goes on
            failures.append(
                {
                    "doc_id": item.doc_id,
                    "source": item.source,
                    "step": "normalise",
                    "reason": _reason(err),
                }
            )
            continue
        columns.append(row)
    docs = columns.frame()
    docs["n_chars"] = docs["text"].str.len().astype("int64")
    return docs, failures


def _reason(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}"


def guarded(
    step: str,
    func: Callable[[pd.DataFrame], pd.DataFrame],
    docs: pd.DataFrame,
    failures: list[dict[str, Any]],
) -> pd.DataFrame:
    """``func(docs)``; if it raises, ``func`` per document, failures appended to ``failures``."""
    try:
        return func(docs)
    except Exception:  # noqa: BLE001 - isolate the failing documents below
        pass
    parts = []
    for i in range(len(docs)):
        one = docs.iloc[[i]]
        try:
            parts.append(func(one))
        except Exception as err:  # noqa: BLE001
            failures.append(
                {
                    "doc_id": one["doc_id"].iloc[0],
                    "source": one["source"].iloc[0],
                    "step": step,
                    "reason": _reason(err),
                }
            )
    return pd.concat(parts, ignore_index=True) if parts else func(docs.iloc[:0])


def token_counts(docs: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Lower-cased token counts per document and quote kind (``bare`` outside quotations):
    ``doc_id, feature, quote_kind, count``; tokens as in ``helpers.terms.tokens``. The rows
    of a document are consecutive and sorted by feature, then quote kind."""
    by_doc = {d: q for d, q in quotes.groupby("doc_id", sort=False)} if len(quotes) else {}
    empty = quotes.iloc[:0]
    ids: list[str] = []
    features: list[str] = []
    kinds: list[str] = []
    values: list[int] = []
    for doc_id, text in zip(docs["doc_id"], docs["text"], strict=True):
        starts, ends, toks = split_tokens(text)
        lower = lower_all(toks)
        doc_quotes = by_doc.get(doc_id, empty)
        if len(doc_quotes):
            counted = Counter(
                zip(lower, innermost_kind(starts, ends, doc_quotes).tolist(), strict=True)
            )
        else:
            counted = Counter({(word, BARE): n for word, n in Counter(lower).items()})
        for (word, kind), n in sorted(counted.items()):
            features.append(word)
            kinds.append(kind)
            values.append(n)
        ids.extend([doc_id] * len(counted))
    return pd.DataFrame(
        {
            "doc_id": pd.array(ids, dtype="str"),
            "feature": pd.array(features, dtype="str"),
            "quote_kind": pd.array(kinds, dtype="str"),
            "count": np.asarray(values, dtype="int64"),
        }
    )


def partition_tables(items: Iterable[Record | Problem]) -> dict[str, pd.DataFrame]:
    """All result tables of one partition (see the module docstring)."""
    docs, failures = build_docs(items)
    sentences = guarded("sentences", sentences_table, docs, failures)
    quotes = guarded("quotes", quotes_table, docs, failures)

    def counts_of(part: pd.DataFrame) -> pd.DataFrame:
        return token_counts(part, quotes[quotes["doc_id"].isin(part["doc_id"])])

    def hits_of(part: pd.DataFrame) -> pd.DataFrame:
        return lexicon_table(
            part,
            ("markers", "frames"),
            sentences[sentences["doc_id"].isin(part["doc_id"])],
            quotes[quotes["doc_id"].isin(part["doc_id"])],
        )

    counts = guarded("counts", counts_of, docs, failures)
    hits = guarded("framing", hits_of, docs, failures)
    events = guarded("events", chronology, docs, failures)
    totals = counts.groupby("doc_id")["count"].sum()
    docs["n_tokens"] = docs["doc_id"].map(totals).astype("Int64")
    docs.loc[
        docs["n_tokens"].isna()
        & ~docs["doc_id"].isin([f["doc_id"] for f in failures if f["step"] == "counts"]),
        "n_tokens",
    ] = 0
    tables = {
        "docs": docs,
        "sentences": sentences,
        "counts": counts,
        "quotes": quotes,
        "markers": hits[hits["lexicon"] == "markers"].reset_index(drop=True),
        "frames": hits[hits["lexicon"] == "frames"].reset_index(drop=True),
        "events": events,
        "failures": pd.DataFrame(failures, columns=FAILURE_COLUMNS).astype("str"),
    }
    return {name: t.astype({"doc_id": "str"}) for name, t in tables.items()}  # not categorical
