"""Aggregates from the pipeline's Parquet tables, computed one partition at a time.

Each function takes a :class:`helpers.pipeline.Processed` and reads only the columns it
needs, partition by partition, reducing as it goes: memory grows with the number of
features, groups and years, never with the corpus text. Groups come from a docs column
(``group_by``; missing values and missing columns become "(none)"); without ``group_by``
every document is in group "all". The results equal the in-memory ``textstat_*`` functions
of ``helpers.terms``, ``helpers.framing`` and ``helpers.chronology`` on the same corpus.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import scipy.sparse as sp

from helpers import chronology_tables as ct
from helpers.framing_quotes import KINDS
from helpers.groups import PERIOD_GROUPS, period_labels
from helpers.groups import group_column as groups_group_column
from helpers.overview import group_labels
from helpers.pipeline import Processed
from helpers.terms_dfm import Dfm
from helpers.terms_tokens import stopwords

REDUCE_EVERY = 8  # partial results combined after this many partitions
T = TypeVar("T")
R = TypeVar("R")


def with_groups(
    p: Processed, table: str, columns: Sequence[str], group_by: str | None
) -> Iterator[pd.DataFrame]:
    """Partitions of ``table`` (``columns``) with a ``group`` column from the docs table."""
    for docs_path, path in zip(p.partitions("docs"), p.partitions(table), strict=True):
        frame = pd.read_parquet(path, columns=list(dict.fromkeys(["doc_id", *columns])))
        docs = read_docs_partition(docs_path, [group_by])
        yield frame.assign(group=frame["doc_id"].map(_groups(docs, group_by)).astype("str"))


def prefetched(func: Callable[[T], R], items: Sequence[T], ahead: int = 1) -> Iterator[R]:
    """``func(item)`` for each item in order, the next ``ahead`` ones computed in as many
    other threads meanwhile (Parquet reading and Arrow release the GIL), so at most
    ``ahead + 1`` results are held at once."""
    with ThreadPoolExecutor(max_workers=ahead) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(func, item))
            if len(pending) > ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def has_column(p: Processed, column: str) -> bool:
    """Whether any partition of the docs table has ``column`` (a publication period of
    ``helpers.groups.PERIOD_GROUPS`` when the documents have a ``date``)."""
    names = docs_columns(p)
    return column in names or (column in PERIOD_GROUPS and "date" in names)


def docs_columns(p: Processed) -> list[str]:
    """The columns of the docs table (all partitions; first seen first)."""
    return list(dict.fromkeys(c for path in p.partitions("docs") for c in _columns(path)))


def group_column(p: Processed, group_by: str | None) -> str | None:
    """``helpers.groups.group_column`` for the run's docs: ``"year"`` → ``"publication_year"``
    unless the documents have a column of that name."""
    return groups_group_column(group_by, docs_columns(p))


def read_docs_partition(path: Path, columns: Sequence[str | None]) -> pd.DataFrame:
    """``doc_id`` and ``columns`` (None entries skipped) of one docs partition; a column the
    partition lacks is all missing, except a publication period (``PERIOD_GROUPS``:
    ``publication_year``, ``publication_month``), derived from ``date``."""
    wanted = list(dict.fromkeys(["doc_id", *(c for c in columns if c)]))
    have = _columns(path)
    derived = [c for c in wanted if c in PERIOD_GROUPS and c not in have and "date" in have]
    read = [c for c in wanted if c in have]
    frame = pd.read_parquet(
        path, columns=list(dict.fromkeys([*read, *(["date"] if derived else [])]))
    )
    for name in derived:
        frame[name] = period_labels(frame["date"], name)
    return frame.reindex(columns=wanted)


def _columns(path: object) -> list[str]:
    return pq.read_schema(path).names


def _groups(docs: pd.DataFrame, group_by: str | None) -> pd.Series:
    """Group label of each document, indexed by ``doc_id``."""
    labels = (
        group_labels(docs, group_by)
        if group_by
        else pd.Series("all", index=docs.index, dtype="str")
    )
    return pd.Series(labels.to_numpy(), index=docs["doc_id"].to_numpy())


def reduce_partitions(
    parts: Iterator[pd.DataFrame],
    keys: list[str],
    combine: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Sum the numeric columns of partial results by ``keys``, every few partitions."""
    combine = combine or (lambda f: f.groupby(keys, sort=False, as_index=False).sum())
    pending: list[pd.DataFrame] = []
    for part in parts:
        pending.append(part)
        if len(pending) >= REDUCE_EVERY:
            pending = [combine(pd.concat(pending, ignore_index=True))]
    if not pending:
        return pd.DataFrame(columns=keys)
    return combine(pd.concat(pending, ignore_index=True)).sort_values(keys).reset_index(drop=True)


def read_docs(p: Processed, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The docs table without ``text`` (one row per document: metadata, ``n_chars``,
    ``n_tokens``), or only ``columns``; the text stays on disk. Partitions may differ in
    their metadata columns: the result has all of them (missing values where absent)."""
    frames = []
    for path in p.partitions("docs"):
        have = _columns(path)
        if columns is None:
            frames.append(pd.read_parquet(path, columns=[c for c in have if c != "text"]))
            continue
        present = [c for c in columns if c in have or (c in PERIOD_GROUPS and "date" in have)]
        frames.append(read_docs_partition(path, present)[[c for c in present if c in columns]])
    if not frames:
        return pd.DataFrame(columns=list(columns or []))
    docs = pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)
    return docs.reindex(columns=list(columns)) if columns is not None else docs


def read_document(p: Processed, doc_id: str, table: str = "docs") -> pd.DataFrame:
    """The rows of ``table`` for one document (its partition is found from the docs
    table's ids); empty, with the table's columns, when the id is unknown."""
    for docs_path, path in zip(p.partitions("docs"), p.partitions(table), strict=True):
        if doc_id in set(pd.read_parquet(docs_path, columns=["doc_id"])["doc_id"]):
            frame = pd.read_parquet(path)
            return frame[frame["doc_id"] == doc_id].reset_index(drop=True)
    return pd.read_parquet(p.partitions(table)[0]).iloc[:0]


def group_sizes(p: Processed, group_by: str | None = None) -> pd.DataFrame:
    """Documents and word tokens per group: ``group, n_docs, n_tokens`` (sorted by group;
    cached)."""
    return _group_sizes(p, group_by).copy()


@lru_cache(maxsize=16)
def _group_sizes(p: Processed, group_by: str | None) -> pd.DataFrame:
    def parts() -> Iterator[pd.DataFrame]:
        for path in p.partitions("docs"):
            docs = read_docs_partition(path, ["n_tokens", group_by])
            groups = _groups(docs, group_by).to_numpy()
            yield pd.DataFrame(
                {
                    "group": pd.array(groups, dtype="str"),
                    "n_docs": 1,
                    "n_tokens": docs["n_tokens"].fillna(0).astype("int64"),
                }
            )

    return reduce_partitions(parts(), ["group"])


_COUNTED: dict[tuple[tuple[Path, int], str | None, bool], pd.DataFrame] = {}  # feature_counts


def run_stamp(p: Processed) -> tuple[Path, int]:
    """The folder of a run and the time its manifest was written: a key for results kept
    in memory (a run processed again into the same folder gets a new stamp)."""
    manifest = p.folder / "manifest.json"
    return p.folder, manifest.stat().st_mtime_ns if manifest.exists() else 0


def _feature_counts(p: Processed, group_by: str | None, by_kind: bool) -> pd.DataFrame:
    """``feature_counts`` from the cache; without groups, summed over the groups of a cached
    grouping when there is one (every document is in one group, so documents add up);
    otherwise scanned."""
    stamp = run_stamp(p)
    key = (stamp, group_by, by_kind)
    if key not in _COUNTED:
        grouped = [t for (f, g, k), t in _COUNTED.items() if f == stamp and g and k == by_kind]
        if group_by is None and grouped:
            keys = ["feature"] + (["quote_kind"] if by_kind else [])
            summed = grouped[0].groupby(keys, as_index=False, sort=True)[["frequency", "docfreq"]]
            table = summed.sum().assign(group="all")
            _COUNTED[key] = table[["group", *table.columns[:-1]]]
        else:
            _COUNTED[key] = _scan_feature_counts(p, group_by, by_kind)
        if len(_COUNTED) > 16:
            _COUNTED.pop(next(iter(_COUNTED)))
    return _COUNTED[key]


def _scan_feature_counts(p: Processed, group_by: str | None, by_kind: bool) -> pd.DataFrame:
    keys = ["group", "feature"] + (["quote_kind"] if by_kind else [])
    strings = ["doc_id", "feature"] + (["quote_kind"] if by_kind else [])
    partial: list[pa.Table] = []

    def combine(tables: list[pa.Table]) -> pa.Table:
        table = pa.concat_tables(tables).group_by(keys, use_threads=False)
        return table.aggregate([("frequency", "sum"), ("docfreq", "sum")]).rename_columns(
            [*keys, "frequency", "docfreq"]
        )

    def count(paths: tuple[Path, Path]) -> pa.Table | None:
        """The partial counts of one partition (None when it has no rows)."""
        docs_path, path = paths
        counts = pq.read_table(path, columns=[*strings, "count"], read_dictionary=strings)
        docs = read_docs_partition(docs_path, [group_by])
        if counts.num_rows == 0:
            return None
        counts = counts.unify_dictionaries().combine_chunks()
        doc, feature = (counts.column(c).chunk(0) for c in ("doc_id", "feature"))
        codes, labels = pd.factorize(_groups(docs, group_by).to_numpy(dtype=object))
        entry = pc.index_in(doc.dictionary, value_set=pa.array(docs["doc_id"], pa.string()))
        ids, words = doc.indices.to_numpy(), feature.indices.to_numpy()
        first = np.ones(len(ids), dtype=np.int64)  # rows of a document are sorted by feature:
        if not by_kind:  # count a document once per feature, at its first row of that feature
            first[1:] = (ids[1:] != ids[:-1]) | (words[1:] != words[:-1])
        columns = {"group": codes[entry.to_numpy(zero_copy_only=False)][ids], "feature": words}
        if by_kind:
            columns["quote_kind"] = counts.column("quote_kind").chunk(0).indices
        columns |= {"count": counts.column("count"), "first": first}
        part = pa.table(columns).group_by(keys, use_threads=False)
        part = part.aggregate([("count", "sum"), ("first", "sum")])
        decoded = {"group": pa.array(np.asarray(labels, dtype=object)[part["group"].to_numpy()],
                                     type=pa.string()),
                   "feature": feature.dictionary.take(part["feature"])}  # fmt: skip
        if by_kind:
            kinds = counts.column("quote_kind").chunk(0).dictionary
            decoded["quote_kind"] = kinds.take(part["quote_kind"])
        part = pa.table({**decoded, "count_sum": part["count_sum"], "first_sum": part["first_sum"]})
        return part.rename_columns([*keys, "frequency", "docfreq"])

    pairs = list(zip(p.partitions("docs"), p.partitions("counts"), strict=True))
    for part in prefetched(count, pairs, ahead=2):  # Arrow reads and groups without the GIL
        if part is not None:
            partial.append(part)
        if len(partial) >= REDUCE_EVERY:
            partial = [combine(partial)]
    if not partial:
        return pd.DataFrame({k: pd.Series([], dtype="str") for k in keys}).assign(
            frequency=pd.Series([], dtype="int64"), docfreq=pd.Series([], dtype="int64")
        )
    out = combine(partial).to_pandas()
    return out.sort_values(keys).reset_index(drop=True)


def feature_counts(
    p: Processed, group_by: str | None = None, by_kind: bool = False
) -> pd.DataFrame:
    """Token counts per group and feature: ``group, feature, [quote_kind,] frequency,
    docfreq`` (documents using the feature), sorted by the keys. Computed with Arrow a
    partition at a time, and cached (the tables of a finished run do not change)."""
    return _feature_counts(p, group_by, by_kind).copy()


def textstat_frequency(
    p: Processed, n: int | None = None, group_by: str | None = None, remove_stopwords: bool = False
) -> pd.DataFrame:
    """As ``helpers.terms.textstat_frequency`` (of a ``dfm`` with ``remove_stopwords``):
    ``feature, frequency, rank, docfreq, per_10k`` (+ ``group``), sorted by group, frequency
    (descending), feature; ``per_10k`` counts all word tokens, stop words included."""
    counts = feature_counts(p, group_by)
    if remove_stopwords:
        counts = counts[~counts["feature"].isin(stopwords())]
    sizes = group_sizes(p, group_by).set_index("group")["n_tokens"]
    table = counts.assign(
        per_10k=counts["frequency"]
        / np.maximum(counts["group"].map(sizes).to_numpy(dtype=float), 1)
        * 1e4
    )
    table = table.sort_values(
        ["group", "frequency", "feature"], ascending=[True, False, True], kind="stable"
    )
    table["rank"] = (
        table.groupby("group", sort=False)["frequency"]
        .rank(method="min", ascending=False)
        .astype(np.int64)
    )
    if n is not None:
        table = table.groupby("group", sort=False).head(n)
    columns = ["feature", "frequency", "rank", "docfreq", "per_10k"]
    return table[columns + (["group"] if group_by else [])].reset_index(drop=True)


def textstat_terms(p: Processed, terms: Sequence[str], group_by: str | None = None) -> pd.DataFrame:
    """Uses of single-word ``terms`` (any case) per group, inside quotations of each kind
    and bare: ``group, feature, quote_kind, frequency, docfreq, per_10k`` (all groups and
    terms, zeros included; ``docfreq`` counts documents with that kind of use)."""
    wanted = sorted({t.lower() for t in terms})
    counts = feature_counts(p, group_by, by_kind=True)
    counts = counts[counts["feature"].isin(wanted)]
    sizes = group_sizes(p, group_by).set_index("group")["n_tokens"]
    kinds = ["bare", *KINDS]
    grid = pd.MultiIndex.from_product(
        [sizes.index, wanted, kinds], names=["group", "feature", "quote_kind"]
    )
    table = (
        counts.set_index(["group", "feature", "quote_kind"])[["frequency", "docfreq"]]
        .reindex(grid, fill_value=0)
        .reset_index()
        .astype({"frequency": "int64", "docfreq": "int64"})
    )
    tokens = table["group"].map(sizes).to_numpy(dtype=float)
    table["per_10k"] = table["frequency"] / np.maximum(tokens, 1) * 1e4
    return table


def group_dfm(p: Processed, group_by: str, remove_stopwords: bool = False) -> Dfm:
    """The keyness input: a ``Dfm`` with one row per group (``docs``: ``doc_id`` = group,
    ``<group_by>``, ``n_docs``) and its token totals (stop words included)."""
    counts = feature_counts(p, group_by)
    if remove_stopwords:
        counts = counts[~counts["feature"].isin(stopwords())]
    sizes = group_sizes(p, group_by)
    rows = pd.Index(sizes["group"])
    features = sorted(counts["feature"].unique())
    matrix = sp.csr_matrix(
        (
            counts["frequency"].to_numpy(dtype=np.int64),
            (rows.get_indexer(counts["group"]), pd.Index(features).get_indexer(counts["feature"])),
        ),
        shape=(len(rows), len(features)),
    )
    docs = pd.DataFrame(
        {"doc_id": sizes["group"], group_by: sizes["group"], "n_docs": sizes["n_docs"]}
    )
    return Dfm(matrix, features, docs, sizes["n_tokens"].to_numpy(dtype=np.int64))


def textstat_quote_kinds(p: Processed, group_by: str | None = None) -> pd.DataFrame:
    """Quotations by kind per group: ``group, kind, count, share`` (every kind, zeros too)."""
    counts = reduce_partitions(
        (
            f.groupby(["group", "kind"], as_index=False).size().rename(columns={"size": "count"})
            for f in with_groups(p, "quotes", ["kind"], group_by)
        ),
        ["group", "kind"],
    )
    groups = group_sizes(p, group_by)["group"]
    grid = pd.MultiIndex.from_product([groups, list(KINDS)], names=["group", "kind"])
    table = (
        counts.set_index(["group", "kind"])["count"]
        .reindex(grid, fill_value=0)
        .reset_index()
        .astype({"count": "int64"})
    )
    totals = table.groupby("group")["count"].transform("sum")
    table["share"] = (table["count"] / totals.where(totals > 0)).fillna(0.0)
    return table


def textstat_publication_timeline(
    p: Processed, freq: str = "year", group_by: str | None = None
) -> pd.DataFrame:
    """Documents per period: ``period, [group_by], n_docs`` (as in ``helpers.chronology``)."""

    def parts() -> Iterator[pd.DataFrame]:
        for path in p.partitions("docs"):
            docs = read_docs_partition(path, ["date", group_by])
            if group_by:
                docs[group_by] = group_labels(docs, group_by)
            yield ct.textstat_publication_timeline(docs, freq, group_by)

    return reduce_partitions(parts(), ["period"] + ([group_by] if group_by else []))


def _events(p: Processed, group_by: str | None) -> Iterator[pd.DataFrame]:
    """Partitions of the events table with the documents' group in column ``group_by``
    (or ``group``)."""
    ct.check_group_column(group_by)
    for frame in with_groups(p, "events", ["year", "granularity", "depth", "pub_year"], group_by):
        yield frame.rename(columns={"group": group_by or "group"})


def textstat_referenced_years(p: Processed, group_by: str | None = None) -> pd.DataFrame:
    """Which years the texts refer to: ``[group_by], year, n_mentions, n_docs``."""
    keys = ([group_by] if group_by else []) + ["year"]
    return reduce_partitions(
        (ct.textstat_referenced_years(f, group_by) for f in _events(p, group_by)), keys
    )


def latest_publication_year(p: Processed) -> int | None:
    """The year of the latest publication ``date`` of the run's documents (None if none is
    dated), read a partition at a time: the ``latest`` of the referenced-years chart."""
    latest = None
    for path in p.partitions("docs"):
        if "date" in _columns(path):
            year = ct.latest_publication_year(pd.read_parquet(path, columns=["date"])["date"])
            if year is not None and (latest is None or year > latest):
                latest = year
    return latest


def textstat_decade_matrix(p: Processed) -> pd.DataFrame:
    """Mentions per publication year × referenced decade: ``pub_year, decade, n_mentions``."""
    return reduce_partitions(
        (ct.textstat_decade_matrix(f) for f in _events(p, None)), ["pub_year", "decade"]
    )


def _quantile(values: np.ndarray, counts: np.ndarray, q: float, how: str = "linear") -> float:
    """The ``q`` quantile (as pandas, ``how`` "linear" or "lower") of ``values`` repeated
    ``counts`` times; ``values`` sorted."""
    pos = q * (counts.sum() - 1)
    ends = np.cumsum(counts)
    lo = values[np.searchsorted(ends, np.floor(pos), side="right")]
    if how == "lower":
        return float(lo)
    hi = values[np.searchsorted(ends, np.ceil(pos), side="right")]
    return float(lo + (hi - lo) * (pos - np.floor(pos)))


def textstat_historical_depth(
    p: Processed, group_by: str | None = None, past: int = 2, top: int = 5, min_docs: int = 2
) -> pd.DataFrame:
    """How far back each group reaches (``helpers.chronology.textstat_historical_depth``),
    from per-group histograms of depth and referenced year and documents per year (a
    document never spans partitions, so its counts add up)."""
    key = group_by or "group"
    hists: list[pd.DataFrame] = []

    def parts() -> Iterator[pd.DataFrame]:
        for f in _events(p, group_by):
            dated = f[
                f["year"].notna()
                & f["granularity"].isin(ct.YEAR_GRANULARITIES)
                & f["depth"].notna()
            ]
            hists.append(
                dated.groupby([key, "year"], as_index=False)["doc_id"]
                .nunique()
                .astype({"year": "int64"})
            )
            yield (
                dated.groupby([key, "depth", "year"], as_index=False)
                .size()
                .astype({"depth": "int64", "year": "int64"})
            )

    hist = reduce_partitions(parts(), [key, "depth", "year"])
    docs_per_year = reduce_partitions(iter(hists), [key, "year"])
    rows = []
    for group, sub in hist.groupby(key, sort=True):
        depth = sub.groupby("depth")["size"].sum().sort_index()
        years = sub.groupby("year")["size"].sum().sort_index()
        old = sub[sub["depth"] >= past].groupby("year")["size"].sum().reset_index(name="n")
        old = old.sort_values(["n", "year"], ascending=[False, True]).head(top)
        n_docs = docs_per_year[docs_per_year[key] == group]
        shared = n_docs.loc[n_docs["doc_id"] >= min_docs, "year"]
        n = int(depth.sum())
        rows.append(
            {
                key: group,
                "n_mentions": n,
                "median_depth": _quantile(depth.index.to_numpy(), depth.to_numpy(), 0.5),
                "p90_depth": _quantile(depth.index.to_numpy(), depth.to_numpy(), 0.9),
                "share_past": round(int(depth[depth.index >= past].sum()) / n, 4),
                "earliest_shared": int(shared.min()) if len(shared) else pd.NA,
                "p5_year": int(_quantile(years.index.to_numpy(), years.to_numpy(), 0.05, "lower")),
                "top_past_years": ", ".join(str(int(y)) for y in old["year"]),
            }
        )
    out = pd.DataFrame(rows, columns=[key, *ct.DEPTH_COLUMNS]).astype({"earliest_shared": "Int64"})
    return out if group_by else out.drop(columns="group")


def textstat_lexicon_rates(p: Processed, group_by: str | None = None) -> pd.DataFrame:
    """Framing-lexicon hits per group: ``group, lexicon, family, hits, n_tokens, per_1000``
    (hits per 1,000 word tokens; families without hits are left out)."""
    parts = (
        f.groupby(["group", "lexicon", "family"], as_index=False).size()
        for table in ("markers", "frames")
        for f in with_groups(p, table, ["lexicon", "family"], group_by)
    )
    hits = reduce_partitions(parts, ["group", "lexicon", "family"]).rename(columns={"size": "hits"})
    sizes = group_sizes(p, group_by).set_index("group")["n_tokens"]
    hits["n_tokens"] = hits["group"].map(sizes).astype("int64")
    hits["per_1000"] = 1000 * hits["hits"] / hits["n_tokens"].where(hits["n_tokens"] > 0)
    return hits.fillna({"per_1000": 0.0})
