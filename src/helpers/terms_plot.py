"""Charts of term tables. Each ``textplot_*`` returns ``(fig, data)``: the figure and the
rows it plots, ready for ``helpers.report.save_chart(fig, data, name)``.

Labels are cut to ``helpers.labels.LABEL_WIDTH`` characters (documents are named by their
title or a short id; the full ``doc_id`` stays in ``data``) and bar charts show at most
``helpers.labels.MAX_BARS`` rows, so a chart keeps its size whatever the corpus.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.labels import MAX_BARS, doc_labels, format_periods, short_label
from helpers.terms_quoted import USE_KINDS, quoted_wide
from helpers.terms_trends import PERIODS

_KIND_COLOURS = {
    "scare": "#d62728", "direct": "#1f77b4", "title": "#9467bd", "term": "#8c564b",
    "bare": "#bbbbbb",
}  # fmt: skip
_GROUP_COLOURS = plt.get_cmap("tab10").colors


def textplot_frequency(
    freq: pd.DataFrame, n: int = 20, title: str = ""
) -> tuple[plt.Figure, pd.DataFrame]:
    """Horizontal bars of the most frequent features of a ``textstat_frequency`` table.

    Args:
        freq: a ``textstat_frequency`` table.
        n: bars drawn (at most ``MAX_BARS``).
        title: the chart's title.

    Returns:
        The figure and the plotted rows of ``freq``.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import textplot_frequency, textstat_frequency
        >>> fig, data = textplot_frequency(textstat_frequency(example_docs()), n=3)
        >>> data["feature"].tolist()
        ['in', 'elections', 'held']
        >>> plt.close(fig)
    """
    data = freq.head(min(n, MAX_BARS)).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(6, 0.25 * len(data) + 1))
    ax.barh([short_label(f) for f in data["feature"][::-1]], data["frequency"][::-1],
            color="#4c72b0")  # fmt: skip
    ax.set_xlabel("frequency")
    ax.set_title(title)
    return fig, data


def textplot_keyness(
    key: pd.DataFrame, n: int = 10, labels: tuple[str, str] = ("target", "reference")
) -> tuple[plt.Figure, pd.DataFrame]:
    """Diverging bars of a ``textstat_keyness`` table: the most key features of the target
    (right) and of the reference (left), by its statistic column.

    Args:
        key: a ``textstat_keyness`` table.
        n: bars on each side (at most ``MAX_BARS / 2``).
        labels: names of the target and the reference, for the axis.

    Returns:
        The figure and the plotted rows of ``key``, target side first.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import textplot_keyness, textstat_keyness
        >>> key = textstat_keyness(example_docs(), "AZE", group_by="side")
        >>> fig, data = textplot_keyness(key, n=2, labels=("AZE", "ARM"))
        >>> print(data[["feature", "G2"]].round(3).to_string(index=False))
          feature     G2
        elections  2.045
             held  2.045
               we -1.976
             will -1.976
        >>> plt.close(fig)
    """
    measure = key.columns[3]
    n = min(n, MAX_BARS // 2)
    top = key[key[measure] > 0].head(n)
    bottom = key[key[measure] < 0].tail(n)
    data = pd.concat([top, bottom]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7, 0.25 * len(data) + 1.4))
    colours = np.where(data[measure] > 0, "#1f77b4", "#ff7f0e")
    ax.barh([short_label(f) for f in data["feature"][::-1]], data[measure][::-1],
            color=colours[::-1])  # fmt: skip
    ax.axvline(0, color="black", linewidth=0.8)
    target, reference = (short_label(label, 30) for label in labels)
    ax.set_xlabel(f"signed {measure}: ← {reference}   |   {target} →")
    ax.set_title(f"Keyness: {target} against {reference} (top {n} words each side)")
    return fig, data


def _period_axis(periods: pd.Series, period: str) -> pd.DatetimeIndex:
    """Every period start from the first to the last of ``periods`` (gaps included)."""
    codes = pd.to_datetime(periods).dt.to_period(PERIODS[period])
    return pd.period_range(codes.min(), codes.max(), freq=PERIODS[period]).start_time


def textplot_trends(
    trends: pd.DataFrame, period: str = "year", group_by: str | None = None
) -> tuple[plt.Figure, pd.DataFrame]:
    """Small multiples of a ``textstat_trends`` table: one panel per term (``per_10k`` per
    period, one line per group with ``group_by``, each panel on its own scale), the panels
    sharing the period axis, above bars of the documents per period (stacked by group).
    A period without documents is a gap in the lines.

    Args:
        trends: a ``textstat_trends`` table.
        period: its period (``year``, ``month`` or ``week``), for the axis labels.
        group_by: its group column, if any.

    Returns:
        The figure and the plotted rows of ``trends``.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import textplot_trends, textstat_trends
        >>> fig, data = textplot_trends(textstat_trends(example_docs(), "elections"))
        >>> data["count"].tolist()
        [0, 1, 1]
        >>> plt.close(fig)
    """
    data = trends.reset_index(drop=True)
    terms = list(dict.fromkeys(data["term"]))
    groups = list(dict.fromkeys(data[group_by])) if group_by else [None]
    axis = _period_axis(data["period"], period)
    xpos = pd.Series(np.arange(len(axis)), index=axis)
    fig, axes = plt.subplots(
        len(terms) + 1, 1, sharex=True, squeeze=False,
        figsize=(8, 1.45 * len(terms) + 2.2),
        gridspec_kw={"height_ratios": [2] * len(terms) + [1.3]},
    )  # fmt: skip
    axes = axes[:, 0]
    for ax, term in zip(axes, terms, strict=False):
        rows = data[data["term"] == term]
        for group, colour in zip(groups, _GROUP_COLOURS * len(groups), strict=False):
            part = rows if group is None else rows[rows[group_by] == group]
            line = part.set_index("period")["per_10k"].reindex(axis)  # NaN: no documents
            label = "per 10k tokens" if group is None else short_label(group, 24)
            ax.plot(xpos, line.to_numpy(), marker="o", markersize=3, color=colour, label=label)
        ax.set_title(f"{short_label(term)} ({int(rows['count'].sum())} uses)", loc="left",
                     fontsize=9)  # fmt: skip
        highest = np.nanmax(rows["per_10k"].to_numpy(), initial=0.0)
        ax.set_ylim(0, highest * 1.15 if highest > 0 else 1.0)
        ax.set_ylabel("per 10k", fontsize=8)
        ax.grid(axis="y", alpha=0.3)
    if group_by:
        axes[0].legend(fontsize=8, ncol=min(len(groups), 4), loc="lower right",
                       bbox_to_anchor=(1.0, 1.0), frameon=False)  # fmt: skip
    docs = data.drop_duplicates(["period", *([group_by] if group_by else [])])
    bottom = np.zeros(len(axis))
    for group, colour in zip(groups, _GROUP_COLOURS * len(groups), strict=False):
        part = docs if group is None else docs[docs[group_by] == group]
        counts = part.groupby("period")["n_docs"].sum().reindex(axis, fill_value=0).to_numpy()
        axes[-1].bar(xpos, counts, bottom=bottom, color="#999999" if group is None else colour)
        bottom = bottom + counts
    axes[-1].set_ylabel("documents", fontsize=8)
    step = max(1, len(axis) // 12)
    ticks = list(range(0, len(axis), step))
    labels = format_periods(pd.Series(axis[ticks]), period)
    axes[-1].set_xticks(ticks, labels.tolist(), rotation=45, ha="right")
    title = f"Uses per 10,000 tokens per {period}, one panel per term"
    if group_by:
        title += f", one line per {group_by}"
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return fig, data


def textplot_quoted(
    table: pd.DataFrame, key: str | None = None, n: int = 20, docs: pd.DataFrame | None = None
) -> tuple[plt.Figure, pd.DataFrame]:
    """Stacked bars of a ``quoted_use`` / ``textstat_quoted`` table: occurrences of each term
    (per ``key`` value, e.g. a group) split by kind of use.

    Args:
        table: a ``quoted_use`` or ``textstat_quoted`` table.
        key: its key column (a group column, or "doc_id": documents are then labelled by
            their title in ``docs``, or a short id).
        n: rows drawn, those with most occurrences (at most ``MAX_BARS``; see
            ``quoted_wide``).
        docs: the docs table, for the titles.

    Returns:
        The figure and the plotted rows: ``key, term``, one count column per kind
        (``term_mention`` for the kind "term"), ``total, quoted_share, label``.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import textplot_quoted, textstat_quoted
        >>> table = textstat_quoted(example_docs(), "elections", group_by="side")
        >>> fig, data = textplot_quoted(table, key="side")
        >>> print(data[["label", "scare", "bare", "quoted_share"]].to_string(index=False))
                  label  scare  bare  quoted_share
        AZE / elections      1     1           0.5
        >>> plt.close(fig)
    """
    n = min(n, MAX_BARS)
    data = quoted_wide(table, key, n)
    if key == "doc_id":
        names: list[str | None] = list(doc_labels(data[key], docs))
    else:
        names = [short_label(v, 24) for v in data[key]] if key else [None] * len(data)
    terms = [short_label(t, 24) for t in data["term"]]
    data = data.assign(
        label=[t if k is None else f"{k} / {t}" for k, t in zip(names, terms, strict=True)]
    )
    columns = dict(
        zip(USE_KINDS, ["scare", "direct", "title", "term_mention", "bare"], strict=True)
    )
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(data) + 1.3))
    rows = np.arange(len(data))[::-1]
    left = np.zeros(len(data))
    for kind, column in columns.items():
        values = data[column].to_numpy()
        ax.barh(rows, values, left=left, label=kind, color=_KIND_COLOURS[kind])
        left = left + values
    ax.set_yticks(rows, data["label"].tolist())
    ax.set_xlabel("occurrences")
    rows_are = "terms" if not key else f"{'document' if key == 'doc_id' else key}/term pairs"
    total = len(quoted_wide(table, key))
    shown = f"{len(data)} of {total} {rows_are}, most uses first" if total > len(data) else rows_are
    ax.set_title(f"Quoted or bare: {shown}", fontsize=10, pad=22)
    ax.legend(fontsize=8, ncol=5, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    return fig, data
