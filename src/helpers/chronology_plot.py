"""Charts for chronologies: a document's event timeline on a time-distance scale, corpus views.

Each ``textplot_*`` function takes a table from ``helpers.chronology_tables`` and returns
``(fig, data)``: the figure and the exact numbers plotted, ready for ``save_chart``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.chronology_tables import publication_period, referenced_window

_SPAN_DAYS = {"century": 36525, "decade": 3652, "year": 365, "half": 182, "quarter": 91,
              "season": 91, "month": 30, "week": 7, "day": 1, "time": 1}  # fmt: skip
# axis ticks in order of preference (days from the reference, label)
_TICKS = [(0, "published"), (-365, "1 year"), (-30, "1 month"), (-3652, "10 years"),
          (-36525, "100 years"), (-7, "1 week"), (-365250, "1000 years")]  # fmt: skip
_AHEAD = [(365, "+1 year"), (3652, "+10 years"), (36525, "+100 years")]


def _forward(days: np.ndarray) -> np.ndarray:
    days = np.asarray(days, dtype=float)
    return np.sign(days) * np.log10(1 + np.abs(days))


def _inverse(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return np.sign(x) * (10 ** np.abs(x) - 1)


def _publication_text(period: str, pub_start: pd.Timestamp | None, ref: pd.Timestamp) -> str:
    """The label of the publication row: ``published in 2021 (day unknown)``, ``published
    24 April 2020``."""
    if period == "year" and pub_start is not None:
        return f"published in {pub_start:%Y} (day unknown)"
    if period == "month" and pub_start is not None:
        return f"published in {pub_start:%B %Y} (day unknown)"
    return f"published {ref.day} {ref:%B %Y}"


def textplot_timeline(
    timeline: pd.DataFrame, reference: object = None, title: str = ""
) -> tuple[plt.Figure, pd.DataFrame]:
    """Events of one document on a log scale of distance back from ``reference`` (publication).

    The x axis is days before the reference on a symmetric log scale, so a century back and
    the last month are both readable. One row per event, earliest at the top: a bar as long
    as its period (a year for "1918", a day for "31 March") and its label with the value.
    Rows with ``drawn`` False (no usable event label) are left out; the table lists them. A
    publication known only to the year or month (its row has that granularity) is that
    whole period, shaded, and the reference is its end, so nothing of the publication year
    is drawn as after it; the publication row is a thin red line labelled "published in
    2021 (day unknown)" (or the day). Events after the publication (``when == "after"``:
    plans, targets, "by 2030") are drawn in orange.

    Args:
        timeline: a ``document_timeline`` table.
        reference: the publication date, used when the publication row is known to the
            day or missing (None: the latest point of the timeline).
        title: the chart's title.

    Returns:
        The figure and the plotted rows: ``doc_id`` and the timeline's columns,
        ``days_from_reference``, ``span_days``, ``row``.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import chronology, document_timeline, textplot_timeline
        >>> docs = example_docs()
        >>> timeline = document_timeline(chronology(docs), "a", published=docs["date"][0])
        >>> fig, data = textplot_timeline(timeline, reference=docs["date"][0])
        >>> print(data[["value", "label", "days_from_reference"]].to_string(index=False))
             value                  label  days_from_reference
        2020-03-31 Armenia held elections                  -24
        2020-04-24      article published                    0
        >>> plt.close(fig)
    """
    data = timeline.copy()
    if "drawn" in data:
        data = data[data["drawn"].astype(bool) | (data["start"] < 0)].reset_index(drop=True)
    pub = data[data["start"] < 0]
    period = pub["granularity"].iloc[0] if len(pub) else "day"
    pub_start = pd.Timestamp(pub["point"].iloc[0]) if len(pub) else None
    if pub_start is not None and period in ("year", "month"):
        ref = publication_period(pub_start, period)[1]
    elif reference is not None:
        ref = pd.Timestamp(reference)
    else:
        ref = pd.Timestamp(timeline["point"].max())
    points = data["point"].astype("datetime64[s]")  # seconds: years before 1677 stay in range
    data["days_from_reference"] = (points - ref.as_unit("s")).dt.days.astype("int64")
    data["span_days"] = data["granularity"].map(_SPAN_DAYS).fillna(1).astype("int64")
    if period not in ("year", "month"):
        data.loc[data["start"] < 0, "span_days"] = 0  # a publication day: a point
    else:  # the publication period, exactly
        data.loc[data["start"] < 0, "span_days"] = -data.loc[
            data["start"] < 0, "days_from_reference"
        ]
    data["row"] = np.arange(len(data))[::-1]
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(data) + 1.6))
    ax.set_xscale("function", functions=(_forward, _inverse))
    lo = min(int(data["days_from_reference"].min()) if len(data) else -365, -30)
    hi = max(int((data["days_from_reference"] + data["span_days"]).max()) if len(data) else 1, 1)
    ax.set_xlim(lo * 1.6, hi * 4 + 30)
    if len(pub) and period in ("year", "month"):
        first = int(data.loc[data["start"] < 0, "days_from_reference"].iloc[0])
        ax.axvspan(first, 0, color="tab:red", alpha=0.08, lw=0)
    after = data["when"] == "after" if "when" in data else pd.Series(False, index=data.index)
    for row, later in zip(data.itertuples(index=False), after, strict=True):
        x, y = row.days_from_reference, row.row
        if row.start < 0:  # the publication: a thin line across its period, clearly named
            ax.plot([x, x + row.span_days], [y, y], lw=1.5, color="tab:red", marker="|", ms=9)
            text, anchor = _publication_text(period, pub_start, ref), x + row.span_days
            ax.annotate(text, (anchor, y), xytext=(6, 0), textcoords="offset points",
                        fontsize=8.5, va="center", color="tab:red")  # fmt: skip
            continue
        color = "tab:orange" if later else "tab:blue"
        ax.plot([x, x + row.span_days], [y, y], lw=7, color=color, solid_capstyle="butt")
        ax.plot([x], [y], "o", color=color, ms=4)
        ax.annotate(  # after the bar's end, so a long period does not cover its label
            f"{row.label} ({row.value})",
            (x + row.span_days, y),
            xytext=(6, 0),
            textcoords="offset points",
            fontsize=8.5,
            va="center",
        )
    zero = "end of publication " + period if period in ("year", "month") else "published"
    ticks: list[tuple[int, str]] = []
    for tick in [(0, zero), *_TICKS[1:], *_AHEAD]:
        # in range and at least 0.6 log-units from every tick kept so far
        far = all(abs(_forward(tick[0]) - _forward(t[0])) >= 0.6 for t in ticks)
        if lo * 1.6 <= tick[0] <= hi * 4 + 30 and far:
            ticks.append(tick)
    ticks.sort()
    ax.set_xticks([t[0] for t in ticks], [t[1] for t in ticks])
    ax.grid(axis="x", alpha=0.3)
    ax.set_ylim(-0.8, len(data) - 0.2)
    ax.set_yticks([])
    ax.axvline(0, color="tab:red", lw=1)
    if period == "year" and pub_start is not None:
        when = f"the end of {pub_start:%Y} (published in {pub_start:%Y}, day unknown)"
    elif period == "month" and pub_start is not None:
        when = f"the end of {pub_start:%B %Y} (published in {pub_start:%B %Y})"
    else:
        when = f"{ref:%d %B %Y}"
    ax.set_xlabel(f"time before {when} (log scale); orange: after publication")
    left_out = int((~timeline["drawn"].astype(bool)).sum()) if "drawn" in timeline else 0
    if left_out:
        fig.text(0.01, 0.01, f"Not drawn: {left_out} dated expression(s) without an event "
                 "label (listed in the table)", fontsize=8, color="0.35")  # fmt: skip
    ax.set_title(title or "Event timeline")
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    fig.tight_layout(rect=(0, 0.04 if left_out else 0, 1, 1))
    return fig, data


def _top_groups(table: pd.DataFrame, group_by: str, weight: str, top: int) -> pd.Series:
    """Group labels with all but the ``top`` heaviest groups folded into "other"."""
    totals = table.groupby(group_by)[weight].sum().sort_values(ascending=False, kind="stable")
    keep = set(totals.index[:top])
    return table[group_by].where(table[group_by].isin(keep), "other")


def textplot_publication_timeline(
    timeline: pd.DataFrame, group_by: str | None = None, top: int = 8
) -> tuple[plt.Figure, pd.DataFrame]:
    """Stacked bars of documents per period (from ``textstat_publication_timeline``).

    Args:
        timeline: a ``textstat_publication_timeline`` table.
        group_by: its group column; the ``top`` largest groups get their own colour, the
            rest is "other".
        top: groups drawn in their own colour.

    Returns:
        The figure and the plotted rows: ``period, [group_by], n_docs``, every period x
        group (zeros included).

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import (textplot_publication_timeline,
        ...                                 textstat_publication_timeline)
        >>> timeline = textstat_publication_timeline(example_docs(), group_by="side")
        >>> fig, data = textplot_publication_timeline(timeline, group_by="side")
        >>> data[data["side"] == "AZE"]["n_docs"].tolist()
        [0, 1, 1]
        >>> plt.close(fig)
    """
    data = timeline.copy()
    if group_by:
        data[group_by] = _top_groups(data, group_by, "n_docs", top)
        wide = data.pivot_table(
            index="period", columns=group_by, values="n_docs", aggfunc="sum", fill_value=0
        )
    else:
        wide = data.set_index("period")[["n_docs"]]
    fig, ax = plt.subplots(figsize=(9, 3.5))
    wide.plot.bar(stacked=True, ax=ax, width=0.85, legend=bool(group_by))
    ax.set_xlabel("publication period")
    ax.set_ylabel("documents")
    ax.set_title("Publication timeline")
    if group_by:  # beside the bars, never over them
        ax.legend(title=group_by, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  frameon=False)  # fmt: skip
    fig.tight_layout()
    if not group_by:
        return fig, data[["period", "n_docs"]].reset_index(drop=True)
    plotted = wide.reset_index().melt(id_vars="period", var_name=group_by, value_name="n_docs")
    return fig, plotted


MAX_AREA = 260.0  # points² of the largest bubble


def _nice(values: list[float]) -> list[int]:
    """Round legend values to 1, 2 or 5 times a power of ten, distinct and increasing."""
    out: list[int] = []
    for v in values:
        mag = 10 ** np.floor(np.log10(max(v, 1)))
        nice = int(min((m * mag for m in (1, 2, 5, 10)), key=lambda c: abs(c - v)))
        if nice not in out:
            out.append(nice)
    return out


def textplot_referenced_years(
    years: pd.DataFrame,
    group_by: str | None = None,
    top: int = 12,
    latest: int | None = None,
    window: int = 150,
    ahead: int = 50,
    groups: list[str] | None = None,
) -> tuple[plt.Figure, pd.DataFrame]:
    """Bubble chart of referenced years per group (from ``textstat_referenced_years``).

    Shows the ``window`` years before the ``latest`` publication year and ``ahead`` years
    after it (plans and targets, shaded); the years outside are counted in a note under the
    chart and listed by ``textstat_referenced_outliers``. Bubble area is proportional to
    mentions, with a size legend.

    Args:
        years: a ``textstat_referenced_years`` table.
        group_by: its group column, if any (one row of bubbles per group).
        top: groups shown when ``groups`` is not given: those with most mentions (ties by
            name), in name order.
        latest: the latest publication year (None: from ``years``).
        window: years shown before ``latest``.
        ahead: years shown after ``latest``.
        groups: the groups shown, in this order.

    Returns:
        The figure and the plotted rows: ``[group], year, n_mentions, n_docs, area``.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import (chronology, textplot_referenced_years,
        ...                                 textstat_referenced_years)
        >>> years = textstat_referenced_years(chronology(example_docs(), "side"), "side")
        >>> fig, data = textplot_referenced_years(years, group_by="side")
        >>> print(data[["side", "year", "n_mentions"]].to_string(index=False))
        side  year  n_mentions
         ARM  1994           1
         AZE  2019           1
         AZE  2020           1
        >>> plt.close(fig)
    """
    data = years.copy()
    if not group_by:
        group_by = "group"
        data[group_by] = "all"
    if groups is None:
        totals = data.groupby(group_by)["n_mentions"].sum().reset_index()
        totals = totals.sort_values(["n_mentions", group_by], ascending=[False, True])
        groups = sorted(totals[group_by].head(top).tolist(), key=str)
    lo, hi = referenced_window(years, latest, window, ahead)
    latest = hi - ahead
    chosen = data[data[group_by].isin(groups)]
    inside = (chosen["year"] >= lo) & (chosen["year"] <= hi)
    left_out = chosen[~inside]
    data = chosen[inside].reset_index(drop=True)
    biggest = float(data["n_mentions"].max()) if len(data) else 1.0
    data["area"] = (MAX_AREA * data["n_mentions"] / biggest).clip(lower=8.0).round(1)
    fig, ax = plt.subplots(figsize=(11, 0.42 * len(groups) + 2.2))
    ypos = {g: i for i, g in enumerate(groups)}
    for i in range(len(groups)):
        if i % 2:
            ax.axhspan(i - 0.5, i + 0.5, color="0.95", lw=0, zorder=0)
    ax.axvspan(latest + 0.5, hi + 0.5, color="tab:orange", alpha=0.07, lw=0, zorder=0)
    ax.axvline(latest + 0.5, color="tab:orange", lw=0.8, zorder=1)
    ax.scatter(data["year"], data[group_by].map(ypos), s=data["area"], alpha=0.55,
               color="tab:blue", edgecolors="white", linewidths=0.4, zorder=2)  # fmt: skip
    for value in _nice([1, biggest / 4, biggest]):
        area = max(8.0, MAX_AREA * value / biggest)
        ax.scatter([], [], s=area, color="tab:blue", alpha=0.55, label=f"{value:,}")
    ax.legend(title="mentions", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              labelspacing=1.3, borderpad=0.8)  # fmt: skip
    ax.set_yticks(range(len(groups)), [str(g) for g in groups])
    ax.set_ylim(len(groups) - 0.4, -0.6)  # the first group at the top
    ax.set_xlim(lo - 1, hi + 1)
    ax.set_xlabel(
        f"referenced year ({lo}–{latest}; shaded: after the latest publication, {latest})"
    )
    ax.set_title("Years the texts refer to (bubble area ~ mentions)")
    ax.grid(axis="x", alpha=0.3)
    if len(left_out):
        n_years = left_out["year"].nunique()
        fig.text(
            0.01,
            0.01,
            f"Not drawn: {int(left_out['n_mentions'].sum())} mentions of {n_years} "
            f"year{'s' if n_years != 1 else ''} outside {lo}–{hi} (earliest "
            f"{int(left_out['year'].min())}; listed by textstat_referenced_outliers)",
            fontsize=8,
            color="0.35",
        )
    fig.tight_layout(rect=(0, 0.03 if len(left_out) else 0, 1, 1))
    return fig, data


def textplot_decade_heatmap(
    matrix: pd.DataFrame, since: int = 1900
) -> tuple[plt.Figure, pd.DataFrame]:
    """Heat map of mentions: referenced decade (rows) × publication year (columns).

    Decades before ``since`` are pooled into one row ("before 1900"); every decade up to
    the latest mentioned gets a row, so the axis is even; colour is log10(1 + mentions).

    Args:
        matrix: a ``textstat_decade_matrix`` table.
        since: the first decade with a row of its own.

    Returns:
        The figure and the plotted table: ``decade_label, pub_year, n_mentions``.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import (chronology, textplot_decade_heatmap,
        ...                                 textstat_decade_matrix)
        >>> matrix = textstat_decade_matrix(chronology(example_docs()))
        >>> fig, data = textplot_decade_heatmap(matrix)
        >>> print(data.to_string(index=False))
        decade_label  pub_year  n_mentions
               1990s      1994           1
               2010s      2019           1
               2020s      2020           1
        >>> plt.close(fig)
    """
    data = matrix.copy()
    data["decade_label"] = [f"{d}s" if d >= since else f"before {since}" for d in data["decade"]]
    data["order"] = data["decade"].clip(lower=since - 10)
    data = data.groupby(["order", "decade_label", "pub_year"], as_index=False)["n_mentions"].sum()
    wide = data.pivot_table(
        index=["order", "decade_label"],
        columns="pub_year",
        values="n_mentions",
        aggfunc="sum",
        fill_value=0,
    )
    if len(wide):  # every decade between the first and the last, mentioned or not
        orders = wide.index.get_level_values("order")
        full = range(int(orders.min()), int(orders.max()) + 10, 10)
        wide = wide.reindex(
            pd.MultiIndex.from_tuples(
                [(o, f"{o}s" if o >= since else f"before {since}") for o in full],
                names=wide.index.names,
            ),
            fill_value=0,
        )
    fig, ax = plt.subplots(figsize=(10, 0.28 * len(wide) + 1.8))
    image = ax.imshow(np.log10(1 + wide.to_numpy()), aspect="auto", origin="lower", cmap="viridis")
    ax.set_yticks(range(len(wide)), [label for _, label in wide.index])
    step = max(1, len(wide.columns) // 16)
    ax.set_xticks(
        range(0, len(wide.columns), step), [str(c) for c in wide.columns[::step]], rotation=90
    )
    ax.set_xlabel("publication year")
    ax.set_ylabel("referenced decade")
    bar = fig.colorbar(image, ax=ax, label="mentions (log scale)")
    top = max(1, int(wide.to_numpy().max()))
    ticks = [0] + [10**k for k in range(7) if 10**k <= top]  # whole counts: 0, 1, 10, 100, …
    if len(ticks) < 4:
        ticks = sorted(set(ticks) | {c for c in (2, 5, 20, 50) if c <= top})
    bar.set_ticks(np.log10(1 + np.array(ticks, dtype=float)), labels=[f"{c:,}" for c in ticks])
    ax.set_title("Referenced decade × publication year")
    fig.tight_layout()
    return fig, data.drop(columns="order")
