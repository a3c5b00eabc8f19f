"""The per-document steps of the pipeline, run over one partition of documents.

``partition_tables(records)`` takes the raw records (or read problems) of one partition and
returns a dict of tidy tables: ``docs`` (metadata, normalised ``text``, ``n_chars``,
``n_tokens`` and the ``n_words, n_paragraphs, n_sentences`` of ``helpers.overview``),
``sentences``, ``counts`` (``doc_id, feature, quote_kind, count``), ``bigrams`` (``w1, w2,
count``: the adjacent word pairs of the whole partition, for collocations), ``quotes``,
``markers``, ``frames``, ``events`` (timexes with their events), ``failures`` (``doc_id,
source, step, reason``) and ``notes`` (``doc_id, source, reason``: notes on inputs that were
loaded, as the rows of ``read_corpus``'s problems with ``lost`` False — a date left empty,
a value kept as text, the day/month order chosen for ambiguous dates; ``doc_id`` is missing
for a note on a file); on request also ``tokens`` (one row per token: ``doc_id, sent_id,
start, end, token, lower, quote_kind``). Counts, bigrams and tokens come from one split of
each text (step ``counts``). A step runs on the whole partition at once; when it raises, it
reruns document by document, so only the failing documents are listed as failures and left
out of that step's tables. Markers and frames come from ``markers.csv`` and ``frames.csv`` in
``data/lexicons``, or in the folder ``lexicons`` when given.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.chronology import chronology
from helpers.corpus import DocsBuilder, build_row, sentences_table
from helpers.corpus_dates import ambiguity_note, choose_dayfirst, date_order, parse_date
from helpers.decoding import InputError
from helpers.framing import lexicon_table, quotes_table
from helpers.overview import word_counts
from helpers.readers import Problem, Record
from helpers.terms_stats import SequenceCounter, gap_breaks
from helpers.terms_tokens import BARE, SPLIT, TOKEN_COLUMNS, innermost_kind, lower_all, split_parts
from helpers.text import split_paragraphs

TABLES = (
    "docs", "sentences", "counts", "bigrams", "quotes", "markers", "frames", "events", "failures",
    "notes",
)  # fmt: skip
# steps in the order they run, as named in the ``failures`` table ("write": the partition's
# tables could not be stored; "partition": the partition as a whole failed, see helpers.pipeline)
STEPS = (
    "read", "normalise", "sentences", "lengths", "quotes", "counts", "framing", "events",
    "write", "partition",
)  # fmt: skip
# failures at these steps leave the record out of docs (read_corpus's problems with lost True);
# a document failing a later step is in docs, left out of that step's table only
LOSING_STEPS = ("read", "normalise", "write", "partition")
HIT_LEXICONS = ("markers", "frames")  # lexicon names of the markers and frames tables
LENGTH_COLUMNS = ("n_words", "n_paragraphs", "n_sentences")  # in docs, as overview counts them
OPTIONAL_TABLES = ("tokens",)  # written only when asked for: one row per token is large
FAILURE_COLUMNS = ["doc_id", "source", "step", "reason"]
NOTE_COLUMNS = ["doc_id", "source", "reason"]
COUNT_COLUMNS = ["doc_id", "feature", "quote_kind", "count"]
_RECORD = re.compile(r"#(?:line|row|record)=\d+$")  # a record's place in its file's source
# offsets that order the rows of each table within a document (for sorting and comparing)
ORDER = {
    "docs": ["doc_id"],
    "sentences": ["doc_id", "start", "end"],
    "counts": ["doc_id", "feature", "quote_kind"],
    "bigrams": ["w1", "w2"],
    "quotes": ["doc_id", "mark_start", "start", "end"],
    "markers": ["doc_id", "start", "end", "family", "pattern"],
    "frames": ["doc_id", "start", "end", "family", "pattern"],
    "events": ["doc_id", "start", "end"],
    "failures": ["doc_id", "source", "step"],
    "notes": ["doc_id", "source", "reason"],
    "tokens": ["doc_id", "start"],
}


def build_docs(
    items: Iterable[Record | Problem],
    *,
    dayfirst: bool | None = None,
    decided: tuple[bool, str] | None = None,
) -> tuple[pd.DataFrame, list[dict[str, Any]], list[dict[str, Any]]]:
    """Normalise records into a docs table (as ``read_corpus``, no de-duplication), the
    failures of reading (step ``read``) and normalising (step ``normalise``), and the notes
    on what was loaded (``doc_id, source, reason``).

    Dates are read as ``read_corpus`` reads them with option ``dayfirst``, ambiguous numeric
    ones (``01/02/2020``) in the order ``decided`` (day first or not, and why: for the whole
    corpus when ``dayfirst`` is None; default ``choose_dayfirst(dayfirst, 0, 0)``); each
    file that has any gets a note saying how they were read and why.
    """
    columns = DocsBuilder()
    failures: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    ambiguous: dict[str, list[str]] = {}
    seen: dict[str, int] = {}
    order, why = decided or choose_dayfirst(dayfirst, 0, 0)
    for item in items:
        if isinstance(item, Problem):
            if item.lost:
                failures.append(
                    {"doc_id": None, "source": item.source, "step": "read", "reason": item.reason}
                )
            else:
                notes.append({"doc_id": None, "source": item.source, "reason": item.reason})
            continue
        kept: list[str] = []
        try:
            row = build_row(item, seen, dayfirst=bool(dayfirst), notes=kept)
        except Exception as err:  # noqa: BLE001 - any failure is recorded, the run goes on
            reason = str(err) if isinstance(err, InputError) else _reason(err)  # as read_corpus
            failures.append(
                {
                    "doc_id": item.doc_id,
                    "source": item.source,
                    "step": "normalise",
                    "reason": reason,
                }
            )
            continue
        notes += [{"doc_id": row["doc_id"], "source": item.source, "reason": n} for n in kept]
        if date_order(value := item.meta.get("date")) == "ambiguous":
            ambiguous.setdefault(_RECORD.sub("", item.source), []).append(value)
            if order != bool(dayfirst):
                row["date"] = parse_date(value, dayfirst=order)[0]
        columns.append(row)
    for file, values in ambiguous.items():
        reason = ambiguity_note(len(values), values[0], order, why)
        notes.append({"doc_id": None, "source": file, "reason": reason})
    docs = columns.frame()
    docs["n_chars"] = docs["text"].str.len().astype("int64")
    return docs, failures, notes


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


def token_tables(
    docs: pd.DataFrame, quotes: pd.DataFrame, sentences: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    """From one split of each text into tokens: lower-cased token counts per document and
    quote kind (``bare`` outside quotations), ``doc_id, feature, quote_kind, count``, the rows
    of a document consecutive and sorted by feature, then quote kind (tokens as in
    ``helpers.terms.tokens``); the adjacent word pairs of all the documents, ``w1, w2,
    count``, as ``helpers.terms.textstat_collocations`` counts them, sorted; and with
    ``sentences`` (``doc_id, sent_id, start``) the tokens themselves, one row per token with
    the columns of ``helpers.terms.tokens`` (otherwise None)."""
    by_doc = {d: q for d, q in quotes.groupby("doc_id", sort=False)} if len(quotes) else {}
    sent_starts = (
        {d: s["start"].to_numpy() for d, s in sentences.groupby("doc_id", sort=False)}
        if sentences is not None and len(sentences)
        else {}
    )
    empty = quotes.iloc[:0]
    ids: list[str] = []
    features: list[str] = []
    kinds: list[str] = []
    values: list[int] = []
    pairs = SequenceCounter(2)
    rows: dict[str, list] = {c: [] for c in TOKEN_COLUMNS}
    for doc_id, text in zip(docs["doc_id"], docs["text"], strict=True):
        parts = SPLIT(text)
        starts, ends, toks = split_parts(parts)
        lower = lower_all(toks)
        pairs.add(lower, gap_breaks(parts))
        doc_quotes = by_doc.get(doc_id, empty)
        quoted = innermost_kind(starts, ends, doc_quotes) if len(doc_quotes) else None
        if quoted is not None:
            counted = Counter(zip(lower, quoted.tolist(), strict=True))
        else:
            counted = Counter({(word, BARE): n for word, n in Counter(lower).items()})
        for (word, kind), n in sorted(counted.items()):
            features.append(word)
            kinds.append(kind)
            values.append(n)
        ids.extend([doc_id] * len(counted))
        if sentences is not None:
            firsts = sent_starts.get(doc_id, np.zeros(1, dtype=np.int64))
            sent = np.maximum(np.searchsorted(firsts, starts, side="right") - 1, 0)
            kind = quoted if quoted is not None else np.full(len(toks), BARE, dtype=object)
            for column, value in zip(
                TOKEN_COLUMNS,
                ([doc_id] * len(toks), sent, starts, ends, toks, lower, kind),
                strict=True,
            ):
                rows[column].append(value)
    counts = pd.DataFrame(
        {
            "doc_id": pd.array(ids, dtype="str"),
            "feature": pd.array(features, dtype="str"),
            "quote_kind": pd.array(kinds, dtype="str"),
            "count": np.asarray(values, dtype="int64"),
        }
    )
    words, _, grams, pair_counts = pairs.counts()
    bigrams = bigram_counts_sum(
        pd.DataFrame(
            {
                "w1": pd.array(words[grams[:, 0]], dtype="str"),
                "w2": pd.array(words[grams[:, 1]], dtype="str"),
                "count": pair_counts,
            }
        )
    )
    if sentences is None:
        return counts, bigrams, None
    return counts, bigrams, pd.DataFrame({c: _joined(v, c) for c, v in rows.items()})


def _joined(parts: list, column: str) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """One column of the tokens table from per-document pieces."""
    if column in ("sent_id", "start", "end"):
        return np.concatenate(parts) if parts else np.array([], dtype=np.int64)
    return pd.array([v for part in parts for v in part], dtype="str")


def bigram_counts_sum(pieces: pd.DataFrame) -> pd.DataFrame:
    """``w1, w2, count`` rows with repeated pairs summed, sorted."""
    return pieces.groupby(["w1", "w2"], as_index=False, sort=True)["count"].sum()


def lengths_table(docs: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``doc_id`` and the words, paragraphs and sentences of each document, counted as
    ``helpers.overview.textstat_lengths`` counts them; sentences are the rows of
    ``sentences`` (the documents' ``sentences_table``) instead of a second split."""
    texts = docs["text"]
    per_doc = sentences["doc_id"].astype("str").value_counts()
    return pd.DataFrame(
        {
            "doc_id": docs["doc_id"],
            "n_words": word_counts(texts),
            "n_paragraphs": [len(split_paragraphs(t)) for t in texts],
            "n_sentences": docs["doc_id"].astype("str").map(per_doc).fillna(0).astype("int64"),
        }
    )


def partition_tables(
    items: Iterable[Record | Problem],
    tokens: bool = False,
    *,
    lexicons: str | Path | None = None,
    dayfirst: bool | None = None,
    decided: tuple[bool, str] | None = None,
) -> dict[str, pd.DataFrame]:
    """All result tables of one partition (see the module docstring); with ``tokens`` also
    the ``tokens`` table (one row per token); ``lexicons``: a folder holding ``markers.csv``
    and ``frames.csv`` instead of ``data/lexicons``; ``dayfirst`` and ``decided`` as in
    ``build_docs``."""
    specs: tuple[str | Path, ...] = HIT_LEXICONS
    if lexicons is not None:
        specs = tuple(Path(lexicons) / f"{name}.csv" for name in HIT_LEXICONS)
    docs, failures, notes = build_docs(items, dayfirst=dayfirst, decided=decided)
    sentences = guarded("sentences", sentences_table, docs, failures)
    lengths = guarded(
        "lengths",
        lambda part: lengths_table(part, sentences[sentences["doc_id"].isin(part["doc_id"])]),
        docs,
        failures,
    ).set_index("doc_id")
    for column in LENGTH_COLUMNS:
        docs[column] = docs["doc_id"].map(lengths[column]).astype("Int64")
    unsplit = docs["doc_id"].isin([f["doc_id"] for f in failures if f["step"] == "sentences"])
    docs.loc[unsplit, "n_sentences"] = pd.NA  # not 0: its sentences are unknown
    quotes = guarded("quotes", quotes_table, docs, failures)

    token_rows: list[pd.DataFrame] = []
    bigram_parts: list[pd.DataFrame] = []

    def counts_of(part: pd.DataFrame) -> pd.DataFrame:
        inside = sentences["doc_id"].isin(part["doc_id"]) if tokens else None
        counted, pairs, rows = token_tables(
            part,
            quotes[quotes["doc_id"].isin(part["doc_id"])],
            sentences[inside] if tokens else None,
        )
        bigram_parts.append(pairs)
        if rows is not None:
            token_rows.append(rows)
        return counted

    def hits_of(part: pd.DataFrame) -> pd.DataFrame:
        return lexicon_table(
            part,
            specs,
            sentences[sentences["doc_id"].isin(part["doc_id"])],
            quotes[quotes["doc_id"].isin(part["doc_id"])],
        )

    counts = guarded("counts", counts_of, docs, failures)
    if len(bigram_parts) != 1:  # documents counted one by one, or none
        bigram_parts.append(token_tables(docs.iloc[:0], quotes.iloc[:0])[1])
    bigrams = bigram_counts_sum(pd.concat(bigram_parts, ignore_index=True))
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
        "bigrams": bigrams,
        "quotes": quotes,
        "markers": hits[hits["lexicon"] == "markers"].reset_index(drop=True),
        "frames": hits[hits["lexicon"] == "frames"].reset_index(drop=True),
        "events": events,
        "failures": pd.DataFrame(failures, columns=FAILURE_COLUMNS).astype("str"),
        "notes": pd.DataFrame(notes, columns=NOTE_COLUMNS).astype("str"),
    }
    if tokens:  # a failed try raises before appending: only successful documents are here
        tables["tokens"] = (
            pd.concat(token_rows, ignore_index=True)
            if token_rows
            else token_tables(docs.iloc[:0], quotes.iloc[:0], sentences.iloc[:0])[2]
        )
    return {  # doc_id as plain strings, not categorical
        name: t.astype({"doc_id": "str"}) if "doc_id" in t.columns else t
        for name, t in tables.items()
    }
