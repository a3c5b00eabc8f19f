"""Framing shown: quotations highlighted in HTML (text escaped) and ``textplot_*`` charts.

Each ``textplot_*`` function takes the table of the matching ``textstat_*`` function and
returns a matplotlib Figure; save it with ``helpers.report.save_chart(fig, table, name)``.
"""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from helpers.framing_profile import UNRESOLVED

KIND_COLOURS = {"direct": "#cfe3ff", "scare": "#ffd0d0", "title": "#e3d7ff", "term": "#d6f5d6"}


def _attribute(value: object) -> str:
    return html.escape("" if value is None or value is pd.NA else str(value), quote=True)


def _given(value: object) -> bool:
    """A non-empty value (missing: None, NaN or NA, as read back from Parquet)."""
    return not pd.isna(value) and bool(value)


def highlight_quotes(text: str, quotes: pd.DataFrame, hits: pd.DataFrame | None = None) -> str:
    """HTML of ``text`` with each quotation coloured by kind and lexicon hits underlined.

    Each quotation (marks included) carries its kind, the probability and evidence of the
    kind, source and cue in a tooltip (``title``). All document text is escaped;
    quotations nest or are disjoint, so the tags nest too.

    Args:
        text: the document text.
        quotes: its ``find_quotes`` table.
        hits: its lexicon hits (a ``lexicon_table`` part), underlined; optional.

    Returns:
        An HTML fragment (a ``div``) for ``IPython.display.HTML``.

    Example:
        >>> from helpers.framing import find_quotes, highlight_quotes
        >>> text = "Armenia held so-called “elections” <b>."
        >>> html = highlight_quotes(text, find_quotes(text))
        >>> 'class="quote-scare"' in html, "&lt;b&gt;" in html, "<b>" in html
        (True, True, False)
    """
    events = []  # (start, -end, rank, open_tag)
    for q in quotes.itertuples(index=False):
        tip = (
            f"{q.kind}"
            + (f" (p = {q.kind_p:.2f})" if _given(getattr(q, "kind_p", None)) else "")
            + (f" · source: {q.source}" if _given(q.source) else "")
            + (f" · cue: {q.cue}" if _given(q.cue) else "")
            + (f" · why: {q.kind_evidence}" if _given(getattr(q, "kind_evidence", None)) else "")
        )
        style = f"background:{KIND_COLOURS.get(q.kind, '#eee')};border-radius:3px"
        tag = f'<mark class="quote-{_attribute(q.kind)}" style="{style}" title="{_attribute(tip)}">'
        events.append((int(q.mark_start), -int(q.mark_end), 0, tag, "</mark>"))
    if hits is not None:
        for h in hits.drop_duplicates(["start", "end"]).itertuples(index=False):
            tag = f'<u class="marker" title="{_attribute(h.family)}">'
            events.append((int(h.start), -int(h.end), 1, tag, "</u>"))
    events.sort()
    out, pos, stack = [], 0, []
    for start, neg_end, _, open_tag, close_tag in events:
        while stack and stack[-1][0] <= start:
            end, closing = stack.pop()
            out.append(html.escape(text[pos:end]) + closing)
            pos = end
        if stack and -neg_end > stack[-1][0]:
            continue  # would cross an enclosing span: skip rather than break the nesting
        out.append(html.escape(text[pos:start]) + open_tag)
        pos = start
        stack.append((-neg_end, close_tag))
    while stack:
        end, closing = stack.pop()
        out.append(html.escape(text[pos:end]) + closing)
        pos = end
    out.append(html.escape(text[pos:]))
    body = "".join(out).replace("\n\n", "<br><br>")
    return f'<div style="line-height:1.6;max-width:60em">{body}</div>'


def _short(value: object, width: int = 40) -> str:
    """A tick label: ``value`` as text, long ones cut with an ellipsis (long doc_ids)."""
    text = str(value)
    return text if len(text) <= width else "…" + text[-(width - 1) :]


def _barh(labels: list[str], values: list[float], title: str, xlabel: str) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(7, 0.35 * max(3, len(labels)) + 1))
    ax.barh(range(len(labels)), values, color="#4c72b0")
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def _label(row: pd.Series, column: str, group_by: str | None) -> str:
    return f"{row[group_by]}: {row[column]}" if group_by else str(row[column])


def textplot_scare_terms(table: pd.DataFrame, group_by: str | None = None) -> plt.Figure:
    """Bar chart of ``textstat_scare_terms``: one bar per term (or group: term).

    Args:
        table: a ``textstat_scare_terms`` table.
        group_by: its group column, if any.

    Returns:
        The figure.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import quotes_table, textplot_scare_terms, textstat_scare_terms
        >>> docs = example_docs()
        >>> fig = textplot_scare_terms(textstat_scare_terms(docs, quotes_table(docs)))
        >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
        ['elections']
        >>> plt.close(fig)
    """
    labels = [_label(r, "term", group_by) for _, r in table.iterrows()]
    return _barh(
        labels, table["count"].tolist(), "Scare-quoted terms", "occurrences in scare quotes"
    )


def textplot_quoted_sources(table: pd.DataFrame, group_by: str | None = None) -> plt.Figure:
    """Bar chart of ``textstat_quoted_sources``: one bar per speaker (or group: speaker).

    The quotations with an unresolved source are no bar: their number is in the title.

    Args:
        table: a ``textstat_quoted_sources`` table.
        group_by: its group column, if any.

    Returns:
        The figure.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import quotes_table, textplot_quoted_sources
        >>> from helpers.framing import textstat_quoted_sources
        >>> docs = example_docs()
        >>> fig = textplot_quoted_sources(textstat_quoted_sources(docs, quotes_table(docs)))
        >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
        ['the minister']
        >>> plt.close(fig)
    """
    unresolved = table["speaker"] == UNRESOLVED
    shown = table[~unresolved]
    labels = [_label(r, "speaker", group_by) for _, r in shown.iterrows()]
    title = "Sources of direct quotations"
    if unresolved.any():
        title += (
            f"\n({int(table.loc[unresolved, 'count'].sum())} with an unresolved source not shown)"
        )
    return _barh(labels, shown["count"].tolist(), title, "direct quotations")


def textplot_framing_heatmap(
    profile: pd.DataFrame, group_by: str, lexicon: str = "frames"
) -> plt.Figure:
    """Heat map of ``textstat_framing`` rates (per 1,000 words): rows the groups, columns the
    families of ``lexicon``.

    Args:
        profile: a ``textstat_framing`` table.
        group_by: its group column.
        lexicon: the lexicon drawn (``frames`` or ``markers``).

    Returns:
        The figure.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import lexicon_table, textplot_framing_heatmap, textstat_framing
        >>> docs = example_docs()
        >>> fig = textplot_framing_heatmap(textstat_framing(docs, lexicon_table(docs), "side"), "side")
        >>> fig.axes[0].get_title()
        'frames: hits per 1,000 words'
        >>> plt.close(fig)
    """
    part = profile[profile["lexicon"] == lexicon]
    grid = part.pivot(index=group_by, columns="family", values="per_1000")
    grid = grid[list(dict.fromkeys(part["family"]))]
    fig, ax = plt.subplots(figsize=(2 + 0.55 * grid.shape[1], 3 + 0.35 * grid.shape[0]))
    image = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap="Blues")
    ax.set_xticks(
        np.arange(grid.shape[1]),
        [c.replace("_", " ") for c in grid.columns],
        rotation=60,
        ha="right",
    )
    ax.set_yticks(np.arange(grid.shape[0]), [_short(i) for i in grid.index])
    ax.set_title(f"{lexicon}: hits per 1,000 words")
    fig.colorbar(image, ax=ax, shrink=0.8)
    fig.tight_layout()
    return fig


def textplot_scare_by_group(table: pd.DataFrame, group_by: str) -> plt.Figure:
    """Heat map of ``textstat_scare_by_group``: rows the groups, columns the terms, each cell
    the number of confident scare quotations (the count written in the cell).

    Args:
        table: a ``textstat_scare_by_group`` table.
        group_by: its group column.

    Returns:
        The figure; its title says how many uncertain scare quotations of these terms are
        not counted.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import quotes_table, textplot_scare_by_group
        >>> from helpers.framing import textstat_scare_by_group
        >>> docs = example_docs()
        >>> table = textstat_scare_by_group(docs, quotes_table(docs), group_by="side")
        >>> fig = textplot_scare_by_group(table, "side")
        >>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
        ['elections']
        >>> plt.close(fig)
    """
    grid = table.pivot(index=group_by, columns="term", values="count")
    grid = grid[list(dict.fromkeys(table["term"]))]
    values = grid.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(2.5 + 0.55 * grid.shape[1], 2 + 0.4 * grid.shape[0]))
    image = ax.imshow(values, aspect="auto", cmap="Reds", vmin=0)
    for (i, j), v in np.ndenumerate(values):
        if v > 0:
            colour = "white" if v > 0.6 * values.max() else "black"
            ax.text(j, i, f"{int(v)}", ha="center", va="center", fontsize=8, color=colour)
    ax.set_xticks(
        np.arange(grid.shape[1]), [_short(c, 30) for c in grid.columns], rotation=60, ha="right"
    )
    ax.set_yticks(np.arange(grid.shape[0]), [_short(i) for i in grid.index])
    uncertain = int(table["uncertain"].sum())
    ax.set_title(
        "Who distances itself from which words (scare quotes, p ≥ 0.5; "
        f"{uncertain} uncertain of these terms not counted)"
    )
    bar = fig.colorbar(image, ax=ax, shrink=0.8, label="scare quotations")
    bar.locator = MaxNLocator(integer=True)  # counts: whole numbers only
    bar.update_ticks()
    fig.tight_layout()
    return fig


def textplot_quote_kinds(table: pd.DataFrame, group_by: str) -> plt.Figure:
    """Stacked bars of ``textstat_quote_kinds`` shares per document or group.

    Args:
        table: a ``textstat_quote_kinds`` table.
        group_by: its group column (each bar labelled with its n = quotations).

    Returns:
        The figure.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import quotes_table, textplot_quote_kinds, textstat_quote_kinds
        >>> docs = example_docs()
        >>> fig = textplot_quote_kinds(textstat_quote_kinds(docs, quotes_table(docs), "side"), "side")
        >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
        ['ARM (n=1)', 'AZE (n=1)']
        >>> plt.close(fig)
    """
    grid = table.pivot(index=group_by, columns="kind", values="share").fillna(0.0)
    grid = grid[[k for k in KIND_COLOURS if k in grid.columns]]
    totals = table.groupby(group_by)["count"].sum()
    fig, ax = plt.subplots(figsize=(8, 0.35 * max(3, len(grid)) + 1))
    left = np.zeros(len(grid))
    for kind in grid.columns:
        ax.barh(
            range(len(grid)),
            grid[kind],
            left=left,
            label=kind,
            color=KIND_COLOURS[kind],
            edgecolor="grey",
        )
        left += grid[kind].to_numpy()
    ax.set_yticks(range(len(grid)), [f"{_short(i)} (n={totals[i]})" for i in grid.index])
    ax.invert_yaxis()
    ax.set_xlabel("share of quotations")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    fig.tight_layout()
    return fig
