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
    """``doc_id`` of the ``n`` longest documents (characters; ties by ``doc_id``)."""
    sizes = pd.DataFrame({"doc_id": docs["doc_id"], "chars": docs["text"].str.len()})
    return (
        sizes.sort_values(["chars", "doc_id"], ascending=[False, True])["doc_id"].head(n).tolist()
    )


def largest_groups(docs: pd.DataFrame, by: str, n: int = 20) -> list:
    """The ``n`` groups of ``by`` with most documents (ties by group name), missing values out."""
    counts = docs[by].dropna().value_counts().rename("docs").reset_index()
    counts = counts.sort_values(["docs", by], ascending=[False, True])
    return counts[by].head(n).tolist()


def word_counts(docs: pd.DataFrame, by: str = "doc_id") -> pd.Series:
    """Number of words (runs of letters/digits, inner ’ ' - kept) per document or group."""
    words = pd.Series([len(_WORD.findall(t)) for t in docs["text"]], index=docs["doc_id"])
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
    table["per_1000"] = (1000 * table["hits"] / table["words"].where(table["words"] > 0)).fillna(
        0.0
    )
    return table[[by, "lexicon", "family", "hits", "words", "per_1000"]]


def textstat_quote_kinds(
    docs: pd.DataFrame, quotes: pd.DataFrame, by: str = "doc_id"
) -> pd.DataFrame:
    """Quotations by kind per document or group: ``<by>, kind, count, share`` (all kinds)."""
    groups = _groups(docs, by)
    keyed = quotes.assign(**{by: quotes["doc_id"].map(groups)})
    keys = sorted(groups.dropna().unique())
    grid = pd.MultiIndex.from_product([keys, list(KINDS)], names=[by, "kind"])
    table = keyed.groupby([by, "kind"]).size().reindex(grid, fill_value=0).rename("count")
    table = table.reset_index().astype({"count": "int64"})
    totals = table.groupby(by)["count"].transform("sum")
    table["share"] = (table["count"] / totals.where(totals > 0)).fillna(0.0)
    return table


def _top(table: pd.DataFrame, by: str, column: str, n: int) -> pd.DataFrame:
    """The ``n`` most frequent values of ``column`` per ``by`` (ties broken alphabetically)."""
    counts = table.groupby([by, column]).size().rename("count").reset_index()
    counts = counts.sort_values([by, "count", column], ascending=[True, False, True])
    return counts.groupby(by, sort=False).head(n).reset_index(drop=True).astype({"count": "int64"})


def textstat_scare_terms(
    docs: pd.DataFrame, quotes: pd.DataFrame, by: str | None = None, n: int = 10
) -> pd.DataFrame:
    """Most frequent scare-quoted terms (content lower-cased, outer punctuation and markdown
    emphasis stripped): ``[<by>,] term, count``."""
    scare = quotes[quotes["kind"] == "scare"]
    scare = scare.assign(term=scare["text"].str.lower().str.strip(" ,.;:_*"), all="all")
    if by is not None:
        scare = scare.assign(**{by: scare["doc_id"].map(_groups(docs, by))})
    top = _top(scare, by or "all", "term", n)
    return top.drop(columns="all") if by is None else top


def textstat_quoted_sources(
    docs: pd.DataFrame, quotes: pd.DataFrame, by: str | None = None, n: int = 10
) -> pd.DataFrame:
    """Most frequent sources of direct quotations (as written, lower-cased when a common
    noun phrase such as "the letter"): ``[<by>,] source, count``."""
    direct = quotes[(quotes["kind"] == "direct") & quotes["source"].notna()]
    source = direct["source"].astype(str)
    common = source.str.match(_COMMON_NP) | ~source.str[:1].str.isupper()
    lowered = source.where(~common, source.str.lower())
    direct = direct.assign(source=lowered, all="all")
    if by is not None:
        direct = direct.assign(**{by: direct["doc_id"].map(_groups(docs, by))})
    top = _top(direct, by or "all", "source", n)
    return top.drop(columns="all") if by is None else top
