"""Charts of term tables. Each ``textplot_*`` returns ``(fig, data)``: the figure and the
rows it plots, ready for ``helpers.report.save_chart(fig, data, name)``."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.terms_quoted import USE_KINDS, quoted_wide

_DATE_FORMAT = {"year": "%Y", "month": "%Y-%m", "week": "%Y-%m-%d"}
_KIND_COLOURS = {
    "scare": "#d62728", "direct": "#1f77b4", "title": "#9467bd", "term": "#8c564b",
    "bare": "#bbbbbb",
}  # fmt: skip


def textplot_frequency(
    freq: pd.DataFrame, n: int = 20, title: str = ""
) -> tuple[plt.Figure, pd.DataFrame]:
    """Horizontal bars of the ``n`` most frequent features of a ``textstat_frequency`` table."""
    data = freq.head(n).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(6, 0.25 * len(data) + 1))
    ax.barh(data["feature"][::-1], data["frequency"][::-1], color="#4c72b0")
    ax.set_xlabel("frequency")
    ax.set_title(title)
    return fig, data


def textplot_keyness(
    key: pd.DataFrame, n: int = 10, labels: tuple[str, str] = ("target", "reference")
) -> tuple[plt.Figure, pd.DataFrame]:
    """Diverging bars: the ``n`` most key features of the target (right) and of the
    reference (left) from a ``textstat_keyness`` table (its statistic column)."""
    measure = key.columns[3]
    top = key[key[measure] > 0].head(n)
    bottom = key[key[measure] < 0].tail(n)
    data = pd.concat([top, bottom]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7, 0.25 * len(data) + 1.2))
    colours = np.where(data[measure] > 0, "#1f77b4", "#ff7f0e")
    ax.barh(data["feature"][::-1], data[measure][::-1], color=colours[::-1])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(f"signed {measure}: ← {labels[1]}   |   {labels[0]} →")
    return fig, data


def textplot_trends(
    trends: pd.DataFrame, period: str = "year", group_by: str | None = None
) -> tuple[plt.Figure, pd.DataFrame]:
    """Lines of ``per_10k`` per term (and group) over periods of a ``textstat_trends`` table,
    above bars of the number of documents per period."""
    data = trends.reset_index(drop=True)
    periods = sorted(data["period"].unique())
    xpos = {p: i for i, p in enumerate(periods)}
    fig, (top, bottom) = plt.subplots(
        2, 1, sharex=True, figsize=(8, 5), gridspec_kw={"height_ratios": [3, 1]}
    )
    series = ["term"] + ([group_by] if group_by else [])
    for key, rows in data.groupby(series, sort=False):
        label = " / ".join(str(k) for k in key) if isinstance(key, tuple) else str(key)
        top.plot(
            [xpos[p] for p in rows["period"]],
            rows["per_10k"],
            marker="o",
            markersize=3,
            label=label,
        )
    top.set_ylabel("per 10k tokens")
    top.legend(fontsize=8, ncol=2)
    docs = data.drop_duplicates(["period"] + series[1:]).groupby("period")["n_docs"].sum()
    bottom.bar([xpos[p] for p in docs.index], docs.to_numpy(), color="#999999")
    bottom.set_ylabel("documents")
    step = max(1, len(periods) // 12)
    ticks = list(range(0, len(periods), step))
    bottom.set_xticks(ticks)
    bottom.set_xticklabels(
        [pd.Timestamp(periods[i]).strftime(_DATE_FORMAT[period]) for i in ticks], rotation=45
    )
    return fig, data


def textplot_quoted(
    table: pd.DataFrame, key: str | None = None, n: int = 20
) -> tuple[plt.Figure, pd.DataFrame]:
    """Stacked bars of a ``quoted_use`` / ``textstat_quoted`` table: occurrences of each term
    (per ``key`` value, e.g. a group) split by kind of use; the ``n`` rows with most
    occurrences (see ``quoted_wide``)."""
    data = quoted_wide(table, key, n)
    labels = [
        " / ".join(str(v) for v in vals)
        for vals in data[([key] if key else []) + ["term"]].itertuples(index=False)
    ]
    columns = dict(
        zip(USE_KINDS, ["scare", "direct", "title", "term_mention", "bare"], strict=True)
    )
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(data) + 1))
    left = np.zeros(len(data))
    for kind, column in columns.items():
        values = data[column].to_numpy()
        ax.barh(labels[::-1], values[::-1], left=left[::-1], label=kind, color=_KIND_COLOURS[kind])
        left = left + values
    ax.set_xlabel("occurrences")
    ax.legend(fontsize=8, ncol=5, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    return fig, data
