"""Framing profiles per document or group: rates of markers and frames, quotation kinds,
scare-quoted terms and quoted sources (``textstat_*`` functions returning tidy tables).

``by`` is ``"doc_id"`` or any column of ``docs`` (``outlet``, ``iso3``, ``year``...);
documents with a missing value in ``by`` are left out. Counts keep every group x
family pair, zeros included, so groups compare directly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from helpers.framing_quotes import KINDS
from helpers.framing_tables import LexiconSpec, lexicon_frame

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_COMMON_NP = (
    r"(?:(?:The|A|An|This|That|These|Those|His|Her|Its|Their|Our)\s|(?:He|She|It|They|We|You|Who)$)"
)


def _groups(docs: pd.DataFrame, by: str) -> pd.Series:
    """The group of each document (index ``doc_id``)."""
    if by not in docs.columns:
        raise KeyError(f"no column {by!r} in the documents")
    return pd.Series(docs[by].to_numpy(), index=docs["doc_id"].to_numpy(), name=by)


def busiest_document(quotes: pd.DataFrame, docs: pd.DataFrame) -> str:
    """``doc_id`` of the document with most quotations (ties: first in ``docs``; no
    quotations: the first document)."""
    counts = quotes["doc_id"].value_counts()
    order = docs["doc_id"].map(counts).fillna(0).to_numpy()
    return str(docs["doc_id"].iloc[int(order.argmax())])


def largest_documents(docs: pd.DataFrame, n: int = 20) -> list[str]:
    """``doc_id`` of the ``n`` longest documents (characters: ``n_chars`` when ``docs`` has
    it, as the pipeline's docs metadata, else the length of ``text``; ties by ``doc_id``)."""
    chars = docs["n_chars"] if "n_chars" in docs.columns else docs["text"].str.len()
    sizes = pd.DataFrame({"doc_id": docs["doc_id"], "chars": chars})
    return (
        sizes.sort_values(["chars", "doc_id"], ascending=[False, True])["doc_id"].head(n).tolist()
    )


def largest_groups(docs: pd.DataFrame, by: str, n: int = 20) -> list:
    """The ``n`` groups of ``by`` with most documents (ties by group name), missing values out."""
    counts = docs[by].dropna().value_counts().rename("docs").reset_index()
    counts = counts.sort_values(["docs", by], ascending=[False, True])
    return counts[by].head(n).tolist()


def word_counts(docs: pd.DataFrame, by: str = "doc_id") -> pd.Series:
    """Number of words (runs of letters/digits, inner ’ ' - kept) per document or group;
    from the ``n_words`` column (the pipeline's docs table, same count) when there is no text."""
    if "text" in docs.columns:
        counted = [len(_WORD.findall(t)) for t in docs["text"]]
    else:
        counted = docs["n_words"].to_numpy(dtype="int64")
    words = pd.Series(counted, index=docs["doc_id"])
    groups = _groups(docs, by)
    return words.groupby(groups.reindex(words.index).to_numpy()).sum().rename("words")


def textstat_framing(
    docs: pd.DataFrame,
    hits: pd.DataFrame,
    by: str = "doc_id",
    lexicons: LexiconSpec | Sequence[LexiconSpec] = ("markers", "frames"),
) -> pd.DataFrame:
    """Hits per 1,000 words for each family of ``lexicons`` per document or group.

    ``hits`` is a ``lexicon_table``. Columns: ``<by>, lexicon, family, hits, words,
    per_1000``; every group x family (zeros included), families in lexicon order, groups
    sorted.
    """
    words = word_counts(docs, by)
    fams = lexicon_frame(lexicons)[["lexicon", "family"]].drop_duplicates("family")
    keyed = hits.assign(**{by: hits["doc_id"].map(_groups(docs, by))}) if by != "doc_id" else hits
    counts = keyed.groupby([by, "family"]).size().rename("hits")
    grid = pd.MultiIndex.from_product(
        [sorted(words.index), list(fams["family"])], names=[by, "family"]
    )
    table = counts.reindex(grid, fill_value=0).reset_index().merge(fams, on="family", how="left")
    table["words"] = table[by].map(words).astype("int64")
    return framing_rates(table, by)


def framing_rates(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """``<by>, lexicon, family, hits, words`` with ``per_1000`` = hits per 1,000 words
    (0 without words) added."""
    rates = (1000 * table["hits"] / table["words"].where(table["words"] > 0)).fillna(0.0)
    return table.assign(per_1000=rates)[[by, "lexicon", "family", "hits", "words", "per_1000"]]


def textstat_quote_kinds(
    docs: pd.DataFrame, quotes: pd.DataFrame, by: str = "doc_id"
) -> pd.DataFrame:
    """Quotations by kind per document or group: ``<by>, kind, count, share`` (all kinds)."""
    groups = _groups(docs, by)
    keyed = quotes.assign(**{by: quotes["doc_id"].map(groups)})
    keys = sorted(groups.dropna().unique())
    grid = pd.MultiIndex.from_product([keys, list(KINDS)], names=[by, "kind"])
    table = keyed.groupby([by, "kind"]).size().reindex(grid, fill_value=0).rename("count")
    return kind_shares(table.reset_index().astype({"count": "int64"}), by)


def kind_shares(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """``<by>, kind, count`` with ``share`` = each kind's share of the group's quotations
    (0 without quotations) added."""
    totals = table.groupby(by)["count"].transform("sum")
    return table.assign(share=(table["count"] / totals.where(totals > 0)).fillna(0.0))


def count_values(table: pd.DataFrame, key: str, column: str) -> pd.DataFrame:
    """How often each value of ``column`` occurs per ``key``: ``<key>, <column>, count``."""
    counts = table.groupby([key, column]).size().rename("count").reset_index()
    return counts.astype({"count": "int64"})


def top_values(counts: pd.DataFrame, key: str, column: str, n: int) -> pd.DataFrame:
    """The ``n`` largest ``count`` rows per ``key`` of a ``count_values`` table (ties broken
    alphabetically by ``column``), sorted by ``key``, count (descending), ``column``."""
    counts = counts.sort_values([key, "count", column], ascending=[True, False, True])
    return counts.groupby(key, sort=False).head(n).reset_index(drop=True)


def _keyed(table: pd.DataFrame, docs: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """``table`` with its documents' group in column ``by`` (``all`` = "all" without ``by``)."""
    if by is None:
        return table.assign(all="all")
    return table.assign(**{by: table["doc_id"].map(_groups(docs, by))})


def scare_terms(docs: pd.DataFrame, quotes: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """One row per scare quotation: its content lower-cased, outer punctuation and markdown
    emphasis stripped (``term``), and its group (column ``by``, or ``all``)."""
    scare = quotes[quotes["kind"] == "scare"]
    terms = scare["text"].astype("str").str.lower().str.strip(" ,.;:_*")
    scare = scare.assign(term=terms)  # str dtype, also when empty (as read from Parquet)
    return _keyed(scare, docs, by)


def scare_term_counts(
    docs: pd.DataFrame, quotes: pd.DataFrame, by: str, min_p: float = 0.5
) -> pd.DataFrame:
    """Scare quotations per group and term (see ``scare_terms``): ``<by>, term, count,
    uncertain`` — ``count`` those whose ``kind_p`` is at least ``min_p``, ``uncertain`` the
    others (``kind_p`` below ``min_p`` or missing); one row per group and term found."""
    rows = scare_terms(docs, quotes, by)
    sure = rows["kind_p"].astype("float64").fillna(0.0) >= min_p
    rows = rows.assign(count=sure.astype("int64"), uncertain=(~sure).astype("int64"))
    table = rows.groupby([by, "term"])[["count", "uncertain"]].sum().reset_index()
    return table.astype({"count": "int64", "uncertain": "int64"})


def scare_grid(counts: pd.DataFrame, by: str, groups: Sequence, n: int = 15) -> pd.DataFrame:
    """The ``n`` terms with most confident scare quotations over all groups (ties by term) in
    each of ``groups`` (sorted), zeros included, from ``counts`` (a ``scare_term_counts``
    table): ``<by>, term, count, uncertain``, terms in order of their total."""
    totals = counts.groupby("term")["count"].sum().rename("total").reset_index()
    totals = totals[totals["total"] > 0].sort_values(["total", "term"], ascending=[False, True])
    terms = totals["term"].head(n).tolist()
    grid = pd.MultiIndex.from_product([sorted(set(groups)), terms], names=[by, "term"])
    table = counts.set_index([by, "term"])[["count", "uncertain"]].reindex(grid, fill_value=0)
    types = {"term": "str", "count": "int64", "uncertain": "int64"}  # as read from Parquet too
    return table.reset_index().astype(types)


def textstat_scare_by_group(
    docs: pd.DataFrame, quotes: pd.DataFrame, *, group_by: str, n: int = 15, min_p: float = 0.5
) -> pd.DataFrame:
    """Who distances itself from which words: scare-quoted terms per group, counting only the
    quotations the model types as scare with probability ``kind_p`` >= ``min_p``; ``uncertain``
    counts the scare quotations below it. Columns ``<group_by>, term, count, uncertain``: the
    ``n`` most scare-quoted terms in every group (zeros included; see ``scare_grid``)."""
    groups = _groups(docs, group_by).dropna().unique()
    return scare_grid(scare_term_counts(docs, quotes, group_by, min_p), group_by, groups, n)


def quoted_sources(docs: pd.DataFrame, quotes: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """One row per attributed direct quotation: its ``speaker`` (the source resolved: "he" →
    "Jeyhun Bayramov"; lower-cased when a common noun phrase such as "the letter") and its
    group (column ``by``, or ``all``)."""
    direct = quotes[(quotes["kind"] == "direct") & quotes["speaker"].notna()]
    speaker = direct["speaker"].astype(str)
    common = speaker.str.match(_COMMON_NP) | ~speaker.str[:1].str.isupper()
    return _keyed(direct.assign(speaker=speaker.where(~common, speaker.str.lower())), docs, by)


def textstat_scare_terms(
    docs: pd.DataFrame, quotes: pd.DataFrame, by: str | None = None, n: int = 10
) -> pd.DataFrame:
    """Most frequent scare-quoted terms (see ``scare_terms``): ``[<by>,] term, count``."""
    key = by or "all"
    top = top_values(count_values(scare_terms(docs, quotes, by), key, "term"), key, "term", n)
    return top.drop(columns="all") if by is None else top


def textstat_quoted_sources(
    docs: pd.DataFrame, quotes: pd.DataFrame, by: str | None = None, n: int = 10
) -> pd.DataFrame:
    """Most frequent speakers of direct quotations (see ``quoted_sources``):
    ``[<by>,] speaker, count``."""
    key = by or "all"
    counts = count_values(quoted_sources(docs, quotes, by), key, "speaker")
    top = top_values(counts, key, "speaker", n)
    return top.drop(columns="all") if by is None else top
