"""Corpus overview tables and charts for notebook 01: lengths, documents over time and by group.

``textstat_lengths(docs)`` gives one row per document (characters, words, paragraphs,
sentences); ``docs_per_period(docs, period)`` and ``docs_per_group(docs, group_by)`` count
documents; ``textplot_timeline`` and ``textplot_groups`` draw those counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd

from helpers.labels import short_label
from helpers.text import split_paragraphs, split_sentences

PERIODS = {"year": "Y", "month": "M", "week": "W", "day": "D"}
WORD = r"\w+(?:[-'’]\w+)*"


def group_labels(docs: pd.DataFrame, group_by: str) -> pd.Series:
    """The ``group_by`` column as text labels.

    Args:
        docs: the docs table.
        group_by: the column.

    Returns:
        A Series of strings; missing values (and a missing column) become "(none)".

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.overview import group_labels
        >>> group_labels(example_docs().assign(side=["AZE", None, "AZE"]), "side").tolist()
        ['AZE', '(none)', 'AZE']
    """
    if group_by not in docs.columns:
        return pd.Series("(none)", index=docs.index, name=group_by, dtype="str")
    return docs[group_by].astype("str").where(docs[group_by].notna(), "(none)").rename(group_by)


def word_counts(texts: pd.Series) -> pd.Series:
    """Words in each text: runs of word characters, joined by a hyphen or apostrophe.

    A simpler count than the tokens of ``helpers.terms``: "U.S." is two words, one token.

    Args:
        texts: the texts.

    Returns:
        A Series of word counts, index as ``texts``.

    Example:
        >>> import pandas as pd
        >>> from helpers.overview import word_counts
        >>> word_counts(pd.Series(["The U.S. so-called vote.", "Don't."])).tolist()
        [5, 1]
    """
    return texts.str.count(WORD)


def textstat_lengths(docs: pd.DataFrame) -> pd.DataFrame:
    """The length of each document.

    Args:
        docs: the docs table (``doc_id, text``).

    Returns:
        A DataFrame, one row per document: ``doc_id, characters, words, paragraphs,
        sentences``.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.overview import textstat_lengths
        >>> print(textstat_lengths(example_docs()).to_string(index=False))
        doc_id  characters  words  paragraphs  sentences
             a          52      8           1          1
             b          55     10           1          1
             c          44      8           1          1
    """
    texts = docs["text"]
    return pd.DataFrame(
        {
            "doc_id": docs["doc_id"],
            "characters": texts.str.len(),
            "words": word_counts(texts),
            "paragraphs": [len(split_paragraphs(t)) for t in texts],
            "sentences": [len(split_sentences(t)) for t in texts],
        }
    ).reset_index(drop=True)


def choose_period(docs: pd.DataFrame) -> str:
    """The period to count publications by.

    Args:
        docs: the docs table (``date``, and ``date_precision`` when there is one).

    Returns:
        "year" when dated documents span more than three years or are dated to the year
        only, else "month".

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.overview import choose_period
        >>> choose_period(example_docs())
        'year'
    """
    dated = docs.loc[docs["date"].notna()]
    if dated.empty:
        return "year"
    span = dated["date"].max() - dated["date"].min()
    if span > pd.Timedelta(days=3 * 366) or (dated["date_precision"] == "year").any():
        return "year"
    return "month"


def docs_per_period(docs: pd.DataFrame, period: str = "year") -> pd.DataFrame:
    """Documents per ``period``, every period between the first and the last.

    Args:
        docs: the docs table (``date``).
        period: ``year``, ``month``, ``week`` or ``day``.

    Returns:
        A DataFrame ``period, documents``: periods without documents between the first and
        last are included with 0; undated documents are counted in a final row with period
        "undated".

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.overview import docs_per_period
        >>> print(docs_per_period(example_docs()).tail(2).to_string(index=False))
        period  documents
          2019          1
          2020          1
    """
    dated = docs["date"].dropna()
    rows = pd.DataFrame(columns=["period", "documents"])
    if not dated.empty:
        codes = dated.dt.to_period(PERIODS[period])
        full = pd.period_range(codes.min(), codes.max(), freq=PERIODS[period])
        counts = codes.value_counts().reindex(full, fill_value=0)
        rows = pd.DataFrame({"period": full.astype(str), "documents": counts.to_numpy()})
    undated = int(docs["date"].isna().sum())
    if undated:
        rows = pd.concat([rows, pd.DataFrame({"period": ["undated"], "documents": [undated]})])
    return rows.astype({"documents": "int64"}).reset_index(drop=True)


def sort_groups(table: pd.DataFrame) -> pd.DataFrame:
    """A ``group, documents, words`` table largest first.

    Args:
        table: a ``docs_per_group``-like table.

    Returns:
        The rows ordered by most documents, then most words, then group name (the order of
        ``helpers.groups.group_sizes``).

    Example:
        >>> import pandas as pd
        >>> from helpers.overview import sort_groups
        >>> t = pd.DataFrame({"group": ["b", "a", "c"], "documents": [1, 2, 2], "words": [5, 10, 20]})
        >>> sort_groups(t)["group"].tolist()
        ['c', 'a', 'b']
    """
    return table.sort_values(
        ["documents", "words", "group"], ascending=[False, False, True], ignore_index=True
    )


def docs_per_group(docs: pd.DataFrame, group_by: str) -> pd.DataFrame:
    """Documents and words per group, largest first (ties: more words, then name).

    Args:
        docs: the docs table (``text`` and the ``group_by`` column).
        group_by: the column of the groups.

    Returns:
        A DataFrame ``group, documents, words``.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.overview import docs_per_group
        >>> print(docs_per_group(example_docs(), "side").to_string(index=False))
        group  documents  words
          AZE          2     16
          ARM          1     10
    """
    frame = pd.DataFrame(
        {
            "group": group_labels(docs, group_by).to_numpy(),
            "words": word_counts(docs["text"]).to_numpy(),
        }
    )
    table = frame.groupby("group").agg(documents=("words", "size"), words=("words", "sum"))
    return sort_groups(table.reset_index())


def textplot_timeline(per_period: pd.DataFrame, title: str = "Documents per period") -> plt.Figure:
    """Bar chart of documents per period.

    Args:
        per_period: a ``docs_per_period`` table.
        title: the chart's title.

    Returns:
        The figure.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.overview import docs_per_period, textplot_timeline
        >>> fig = textplot_timeline(docs_per_period(example_docs()))
        >>> len(fig.axes[0].patches)  # one bar a year, 1994 to 2020
        27
        >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(9, 3.2))
    ax.bar(per_period["period"], per_period["documents"], color="#4c72b0")
    ax.set_ylabel("documents")
    ax.set_title(title)
    step = max(1, len(per_period) // 20)
    ax.set_xticks(range(0, len(per_period), step))
    ax.set_xticklabels(per_period["period"].iloc[::step], rotation=45, ha="right")
    fig.tight_layout()
    return fig


def textplot_groups(
    per_group: pd.DataFrame,
    title: str = "Documents per group",
    top: int = 20,
    compared: Sequence[Any] = (),
) -> plt.Figure:
    """Horizontal bars of the ``top`` groups of a ``docs_per_group`` table, and of the
    ``compared`` groups (those the notebooks compare, in a darker colour) wherever they
    rank; labels cut to ``helpers.labels.LABEL_WIDTH``. The title says how many groups are
    not drawn.

    Args:
        per_group: a ``docs_per_group`` table.
        title: the chart's title.
        top: groups drawn.
        compared: groups drawn whatever their rank.

    Returns:
        The figure.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.overview import docs_per_group, textplot_groups
        >>> fig = textplot_groups(docs_per_group(example_docs(), "side"))
        >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
        ['ARM', 'AZE']
        >>> plt.close(fig)
    """
    chosen = {str(g) for g in compared}
    keep = [i < top or str(g) in chosen for i, g in enumerate(per_group["group"])]
    data = per_group[keep].iloc[::-1]
    colours = ["#2d6a3e" if str(g) in chosen else "#9fd4ad" for g in data["group"]]
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(data) + 1.2))
    ax.barh([short_label(g) for g in data["group"]], data["documents"], color=colours)
    ax.set_xlabel("documents")
    if len(per_group) > len(data):
        title += f" ({len(data)} of {len(per_group)} groups)"
    if chosen:
        title += "\ndark: the groups compared in the notebooks"
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def textplot_lengths(lengths: pd.DataFrame, title: str = "Document length (words)") -> plt.Figure:
    """Histogram of words per document.

    Args:
        lengths: a ``textstat_lengths`` table.
        title: the chart's title.

    Returns:
        The figure.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.overview import textplot_lengths, textstat_lengths
        >>> fig = textplot_lengths(textstat_lengths(example_docs()))
        >>> fig.axes[0].get_xlabel()
        'words per document'
        >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.hist(lengths["words"], bins=min(30, max(1, len(lengths))), color="#8172b2")
    ax.set_xlabel("words per document")
    ax.set_ylabel("documents")
    ax.set_title(title)
    fig.tight_layout()
    return fig
