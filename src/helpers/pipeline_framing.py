"""Framing profiles from the pipeline's Parquet tables, computed one partition at a time.

Partition-wise equivalents of the corpus-wide functions of ``helpers.framing`` used by
notebook 02 (the quoted use of terms is ``helpers.pipeline_terms.textstat_quoted``): each
takes a :class:`helpers.pipeline.Processed` first and returns the table of the in-memory
function on the same corpus. Each partition's docs (metadata and stored counts, never the
text) and the same partition of ``quotes`` / ``markers`` / ``frames`` go through the
in-memory function; counts are summed across partitions, and rates, shares and top-n are computed once at the
end, so memory holds one partition and the result. Groups are the raw values of a docs
column (``group_by``), documents with a missing value left out, as in ``helpers.framing``;
``groups`` restricts a result to some values of ``group_by`` (e.g. the largest groups), which
equals calling the in-memory function on the documents of those groups.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from helpers import framing_profile as FP
from helpers import pipeline_tables as pt
from helpers.framing_quotes import KINDS
from helpers.framing_tables import lexicon_frame
from helpers.pipeline import Processed

HIT_TABLES = ("markers", "frames")


def _parts(
    p: Processed,
    docs_columns: Sequence[str | None],
    tables: Sequence[str] = (),
    columns: Sequence[str] | None = None,
) -> Iterator[list[pd.DataFrame]]:
    """Each partition as ``[docs, *tables]``: docs with ``doc_id`` and ``docs_columns``
    (a column a partition lacks is all missing), then the same partition of ``tables``
    (only ``columns`` if given); the next partition is read in a second thread meanwhile."""
    paths = list(zip(p.partitions("docs"), *(p.partitions(t) for t in tables), strict=True))

    def read(partition: tuple[Path, ...]) -> list[pd.DataFrame]:
        docs_path, *others = partition
        rest = [
            pd.read_parquet(path, columns=list(columns) if columns else None) for path in others
        ]
        return [pt.read_docs_partition(docs_path, docs_columns), *rest]

    return pt.prefetched(read, paths)


def _check_column(p: Processed, group_by: str | None) -> None:
    """Raise ``KeyError`` (as ``helpers.framing``) when no docs partition has column ``group_by``."""
    if group_by and not pt.has_column(p, group_by):
        raise KeyError(f"no column {group_by!r} in the documents")


def _within(
    docs: pd.DataFrame,
    tables: Sequence[pd.DataFrame],
    group_by: str | None,
    groups: Sequence | None,
) -> list[pd.DataFrame]:
    """``docs`` and ``tables`` restricted to the documents whose ``group_by`` is in ``groups``."""
    if groups is None or group_by is None:
        return [docs, *tables]
    inside = docs[group_by].isin(list(groups))
    if inside.all():  # every document of the partition is in: nothing to filter
        return [docs, *tables]
    docs = docs[inside]
    return [docs, *(t[t["doc_id"].isin(docs["doc_id"])] for t in tables)]


def _sum(parts: Iterable[pd.DataFrame], keys: list[str], values: list[str]) -> pd.DataFrame:
    """Numeric ``values`` of partial tables summed by ``keys`` (sorted by ``keys``); all
    partial tables empty: the first one (with the in-memory function's column types)."""
    parts = iter(parts)
    first = next(parts, pd.DataFrame(columns=keys + values))[keys + values]
    total = pt.reduce_partitions(
        (t[keys + values] for t in itertools.chain([first], parts) if len(t)), keys
    )
    return (total if len(total) else first).astype(dict.fromkeys(values, "int64"))


def _ordered(
    table: pd.DataFrame, columns: Sequence[str], orders: Sequence[Sequence]
) -> pd.DataFrame:
    """``table`` sorted by ``columns``, each by its given order of values (an empty order:
    the values' own sort order)."""

    def position(col: pd.Series) -> pd.Series:
        order = orders[list(columns).index(col.name)]
        return col.map({v: i for i, v in enumerate(order)}) if order else col

    return table.sort_values(list(columns), key=position, kind="stable").reset_index(drop=True)


def n_rows(p: Processed, table: str) -> int:
    """Rows of ``table`` over all partitions (from the Parquet footers, nothing read)."""
    return sum(pq.ParquetFile(path).metadata.num_rows for path in p.partitions(table))


def busiest_document(p: Processed) -> str:
    """``doc_id`` of the document with most quotations (as ``helpers.framing``: ties and no
    quotations give the first document in corpus order); ``ValueError`` without documents."""
    best, most = None, -1.0
    for docs, quotes in _parts(p, [], ["quotes"], ["doc_id"]):
        counts = docs["doc_id"].map(quotes["doc_id"].value_counts()).fillna(0).to_numpy()
        if len(counts) and counts.max() > most:
            best, most = str(docs["doc_id"].iloc[int(counts.argmax())]), counts.max()
    if best is None:
        raise ValueError("no documents in the processed corpus")
    return best


def document_hits(p: Processed, doc_id: str) -> pd.DataFrame:
    """The lexicon hits (markers, then frames) of one document, as ``lexicon_table`` rows."""
    return pd.concat([pt.read_document(p, doc_id, t) for t in HIT_TABLES], ignore_index=True)


def run_lexicons(p: Processed, lexicons: Sequence[str] = HIT_TABLES) -> list[str | Path]:
    """The lexicons the run of ``p`` searched, for ``lexicon_frame``: the files of its
    ``lexicons=`` folder (from the manifest), else the names in ``data/lexicons``."""
    folder = p.lexicons
    return [folder / f"{name}.csv" for name in lexicons] if folder else list(lexicons)


def textstat_framing(
    p: Processed,
    group_by: str = "doc_id",
    lexicons: Sequence[str] = HIT_TABLES,
    groups: Sequence | None = None,
) -> pd.DataFrame:
    """As ``helpers.framing.textstat_framing`` (hits per 1,000 words per document or group):
    ``<group_by>, lexicon, family, hits, words, per_1000``; ``lexicons`` among the pipeline's
    ``markers`` and ``frames``, their families those of the lexicon files the run used
    (``run_lexicons``). Words come from the docs table's ``n_words``."""
    if unknown := set(lexicons) - set(HIT_TABLES):
        raise ValueError(f"the pipeline keeps hits of {HIT_TABLES} only, not {sorted(unknown)}")
    _check_column(p, group_by)
    specs = run_lexicons(p, lexicons)

    def parts() -> Iterator[pd.DataFrame]:
        for docs, *hits in _parts(p, ["n_words", group_by], lexicons, ["doc_id", "family"]):
            docs, in_docs = _within(docs, [pd.concat(hits, ignore_index=True)], group_by, groups)
            yield FP.textstat_framing(docs, in_docs, group_by, specs)

    keys = [group_by, "lexicon", "family"]
    table = _sum(parts(), keys, ["hits", "words"])
    families = list(lexicon_frame(specs)["family"].drop_duplicates())
    return FP.framing_rates(_ordered(table, [group_by, "family"], [[], families]), group_by)


def textstat_quote_kinds(
    p: Processed, group_by: str = "doc_id", groups: Sequence | None = None
) -> pd.DataFrame:
    """As ``helpers.framing.textstat_quote_kinds``: ``<group_by>, kind, count, share`` (all kinds
    of every group, groups sorted)."""
    _check_column(p, group_by)
    parts = (
        FP.textstat_quote_kinds(*_within(docs, [quotes], group_by, groups), group_by)
        for docs, quotes in _parts(p, [group_by], ["quotes"], ["doc_id", "kind"])
    )
    table = _ordered(
        _sum(parts, [group_by, "kind"], ["count"]), [group_by, "kind"], [[], list(KINDS)]
    )
    return FP.kind_shares(table, group_by)


def _top(
    p: Processed,
    rows: Callable[[pd.DataFrame, pd.DataFrame, str | None], pd.DataFrame],
    column: str,
    group_by: str | None,
    n: int,
    groups: Sequence | None,
) -> pd.DataFrame:
    """Top ``n`` values of ``column`` per group from the quotations, where ``rows`` is
    ``helpers.framing.scare_terms``."""
    _check_column(p, group_by)
    key = group_by or "all"

    def parts() -> Iterator[pd.DataFrame]:
        for docs, quotes in _parts(p, [group_by], ["quotes"], ["doc_id", "kind", "text"]):
            docs, quotes = _within(docs, [quotes], group_by, groups)
            yield FP.count_values(rows(docs, quotes, group_by), key, column)

    top = FP.top_values(_sum(parts(), [key, column], ["count"]), key, column, n)
    return top.drop(columns="all") if group_by is None else top


def textstat_scare_terms(
    p: Processed, group_by: str | None = None, n: int = 10, groups: Sequence | None = None
) -> pd.DataFrame:
    """As ``helpers.framing.textstat_scare_terms``: ``[<group_by>,] term, count``."""
    return _top(p, FP.scare_terms, "term", group_by, n, groups)


def textstat_scare_by_group(
    p: Processed,
    group_by: str,
    n: int = 15,
    min_p: float = 0.5,
    groups: Sequence | None = None,
) -> pd.DataFrame:
    """As ``helpers.framing.textstat_scare_by_group``: ``<group_by>, term, count, uncertain``
    (the counts per group and term summed over partitions, the top ``n`` terms chosen once)."""
    _check_column(p, group_by)
    seen: set = set()  # every group of the documents, for the zero rows

    def parts() -> Iterator[pd.DataFrame]:
        columns = ["doc_id", "kind", "kind_p", "text"]
        for docs, quotes in _parts(p, [group_by], ["quotes"], columns):
            docs, quotes = _within(docs, [quotes], group_by, groups)
            seen.update(docs[group_by].dropna().unique())
            yield FP.scare_term_counts(docs, quotes, group_by, min_p)

    counts = _sum(parts(), [group_by, "term"], ["count", "uncertain"])
    return FP.scare_grid(counts, group_by, seen, n)


def textstat_quoted_sources(
    p: Processed, group_by: str | None = None, n: int = 10, groups: Sequence | None = None
) -> pd.DataFrame:
    """As ``helpers.framing.textstat_quoted_sources``: ``[<group_by>,] speaker, count`` (the counts
    per group and speaker summed over partitions, then names merged across documents and
    the top ``n`` chosen once, with the ``UNRESOLVED`` row of each group)."""
    _check_column(p, group_by)
    key = group_by or "all"

    def parts() -> Iterator[pd.DataFrame]:
        columns = ["doc_id", "kind", "source", "speaker"]
        for docs, quotes in _parts(p, [group_by], ["quotes"], columns):
            docs, quotes = _within(docs, [quotes], group_by, groups)
            yield FP.source_counts(FP.quoted_sources(docs, quotes, group_by), key)

    top = FP.top_speakers(_sum(parts(), [key, "speaker", "role"], ["count"]), key, n)
    return top.drop(columns="all") if group_by is None else top
