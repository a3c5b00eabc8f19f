"""Chronology tables for a corpus: events per document, publication timeline, historical depth.

All take the corpus ``docs`` table (``doc_id, text, date`` plus metadata) or the events table
``chronology(docs)`` returns, and give tidy DataFrames (one row per item or per group × value).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.chronology_events import EVENT_COLUMNS, event_frame, event_rows

# granularities precise enough to count as a referenced year
YEAR_GRANULARITIES = ("year", "half", "quarter", "season", "month", "week", "day", "time")


RESERVED = frozenset(EVENT_COLUMNS) | {"published", "pub_year", "depth"}


def check_group_column(group_by: str | None) -> None:
    """Raise a ValueError naming the clash when a group column would share its name with a
    column of the chronology table (a docs column "year" is common: rename it)."""
    if group_by in RESERVED:
        raise ValueError(
            f"group_by={group_by!r} is also a column of the chronology table "
            f"({', '.join(sorted(RESERVED))}): rename that docs column, e.g. "
            f"docs.rename(columns={{{group_by!r}: 'pub_{group_by}_group'}})"
        )


def chronology(docs: pd.DataFrame, group_by: str | None = None) -> pd.DataFrame:
    """Every temporal expression of every document, with its event: one row per timex.

    Args:
        docs: a docs table with ``doc_id, text, date`` (the DCT anchoring relative
            expressions; NaT leaves them with ``X``; a ``date_precision`` of "year" keeps
            day-anchored values to the year).
        group_by: a docs column to carry into the rows.

    Returns:
        A DataFrame ``doc_id``, ``published`` (the document date), the ``group_by`` column
        (if given), ``pub_year``, the ``find_events`` columns, and ``depth``: publication
        year minus referenced year (positive = the past).

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import chronology
        >>> c = chronology(example_docs(), group_by="side")
        >>> print(c[["doc_id", "side", "text", "value", "label", "depth"]].to_string(index=False))
        doc_id side          text      value                  label  depth
             a  AZE 31 March 2020 2020-03-31 Armenia held elections      0
             b  ARM          1994       1994          minister said      0
             c  AZE  October 2019    2019-10         Elections held      0
    """
    check_group_column(group_by)
    keep = ["doc_id", "date"] + ([group_by] if group_by and group_by != "doc_id" else [])
    precision = (
        docs["date_precision"] if "date_precision" in docs else pd.Series(None, index=docs.index)
    )
    rows: list[tuple] = []
    extra: dict[str, list] = {col: [] for col in keep}
    for doc, prec in zip(docs[keep + ["text"]].itertuples(index=False), precision, strict=True):
        found = event_rows(doc.text, doc.date, prec if isinstance(prec, str) else None)
        rows.extend(found)
        for i, col in enumerate(keep):
            extra[col].extend([doc[i]] * len(found))
    out = event_frame(rows, extra)
    out = out.rename(columns={"date": "published"})
    out["published"] = pd.to_datetime(out["published"])
    out.insert(len(keep), "pub_year", out["published"].dt.year.astype("Int64"))
    out["year"] = out["year"].astype("Int64")
    out["depth"] = (out["pub_year"] - out["year"]).astype("Int64")
    return out


def textstat_types(chron: pd.DataFrame) -> pd.DataFrame:
    """Temporal expressions per TIMEX3 type.

    Args:
        chron: a ``chronology`` table (or any table with a ``type`` column).

    Returns:
        A DataFrame ``type, count``, most frequent first, ties by type.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import chronology, textstat_types
        >>> print(textstat_types(chronology(example_docs())).to_string(index=False))
        type  count
        DATE      3
    """
    out = chron.groupby("type").size().rename("count").reset_index()
    out = out.sort_values(["count", "type"], ascending=[False, True], kind="stable")
    return out.astype({"type": "str", "count": "int64"}).reset_index(drop=True)


def textstat_publication_timeline(
    docs: pd.DataFrame, freq: str = "year", group_by: str | None = None
) -> pd.DataFrame:
    """Documents per period of publication.

    Args:
        docs: the docs table (``date``, and the ``group_by`` column).
        freq: ``year``, ``month`` or ``day``.
        group_by: a docs column to split by.

    Returns:
        A DataFrame ``period, [group_by], n_docs``; documents without a date are counted
        under period "undated".

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import textstat_publication_timeline
        >>> print(textstat_publication_timeline(example_docs(), group_by="side")
        ...       .to_string(index=False))
        period side  n_docs
          1994  ARM       1
          2019  AZE       1
          2020  AZE       1
    """
    fmt = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}[freq]
    dates = pd.to_datetime(docs["date"])
    period = dates.dt.strftime(fmt).where(dates.notna(), "undated")
    frame = pd.DataFrame({"period": period.astype(str)})
    keys = ["period"]
    if group_by:
        frame[group_by] = docs[group_by].astype(str).to_numpy()
        keys.append(group_by)
    out = frame.groupby(keys).size().rename("n_docs").reset_index()
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


def _dated(chron: pd.DataFrame) -> pd.DataFrame:
    """Rows of the events table that name a point in time at year precision or finer."""
    mask = chron["year"].notna() & chron["granularity"].isin(YEAR_GRANULARITIES)
    return chron.loc[mask]


def textstat_referenced_years(chron: pd.DataFrame, group_by: str | None = None) -> pd.DataFrame:
    """Which years the texts refer to, and how often.

    Args:
        chron: a ``chronology`` table.
        group_by: the column to count by (None: the whole corpus).

    Returns:
        A DataFrame ``[group_by], year, n_mentions, n_docs`` of the expressions of year,
        month or day granularity, sorted by group and year.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import chronology, textstat_referenced_years
        >>> c = chronology(example_docs(), group_by="side")
        >>> print(textstat_referenced_years(c, group_by="side").to_string(index=False))
        side  year  n_mentions  n_docs
         ARM  1994           1       1
         AZE  2019           1       1
         AZE  2020           1       1
    """
    dated = _dated(chron)
    keys = ([group_by] if group_by else []) + ["year"]
    out = (
        dated.groupby(keys, dropna=False)
        .agg(n_mentions=("doc_id", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
    )
    out["year"] = out["year"].astype("int64")
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


def latest_publication_year(dates: pd.Series) -> int | None:
    """The year of the latest publication date in ``dates``.

    Give it as ``latest`` to the referenced-years chart and outliers.

    Args:
        dates: the docs' ``date`` column.

    Returns:
        The year; None when no document is dated.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import latest_publication_year
        >>> latest_publication_year(example_docs()["date"])
        2020
    """
    dates = pd.to_datetime(dates).dropna()
    return int(dates.max().year) if len(dates) else None


def referenced_window(
    years: pd.DataFrame, latest: int | None = None, window: int = 150, ahead: int = 50
) -> tuple[int, int]:
    """The years a referenced-years chart shows.

    Args:
        years: a ``textstat_referenced_years`` table.
        latest: the latest publication year (give ``latest_publication_year(docs["date"])``;
            without it the table's largest year stands in, which is often a plan or a
            misread number).
        window: years shown before ``latest``.
        ahead: years shown after ``latest``.

    Returns:
        ``(first, last)`` year.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import (chronology, referenced_window,
        ...                                 textstat_referenced_years)
        >>> referenced_window(textstat_referenced_years(chronology(example_docs())), latest=2020)
        (1870, 2070)
    """
    if latest is None:
        latest = int(years["year"].max()) if len(years) else 2000
    return latest - window, latest + ahead


def textstat_referenced_outliers(
    years: pd.DataFrame,
    group_by: str | None = None,
    latest: int | None = None,
    window: int = 150,
    ahead: int = 50,
) -> pd.DataFrame:
    """The referenced years a ``textplot_referenced_years`` chart leaves out.

    Args:
        years: a ``textstat_referenced_years`` table.
        group_by: its group column, if any.
        latest: the latest publication year (None: from ``years``).
        window: years back from ``latest`` the chart shows.
        ahead: years after ``latest`` the chart shows.

    Returns:
        The rows of ``years`` outside ``referenced_window`` (``[group_by], year,
        n_mentions, n_docs``), earliest first, ties by group.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import (chronology, textstat_referenced_outliers,
        ...                                 textstat_referenced_years)
        >>> years = textstat_referenced_years(chronology(example_docs()))
        >>> print(textstat_referenced_outliers(years, latest=2020, window=20)
        ...       .to_string(index=False))
         year  n_mentions  n_docs
         1994           1       1
    """
    lo, hi = referenced_window(years, latest, window, ahead)
    out = years[(years["year"] < lo) | (years["year"] > hi)]
    keys = ["year"] + ([group_by] if group_by else [])
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


DEPTH_COLUMNS = [
    "n_mentions",
    "median_depth",
    "p90_depth",
    "share_past",
    "earliest_shared",
    "p5_year",
    "top_past_years",
]


def textstat_historical_depth(
    chron: pd.DataFrame,
    group_by: str | None = None,
    past: int = 2,
    top: int = 5,
    min_docs: int = 2,
) -> pd.DataFrame:
    """How far back each group reaches: one row per group.

    Args:
        chron: a ``chronology`` table.
        group_by: the column of the groups (None: the whole corpus).
        past: years before publication from which a mention counts as the past.
        top: past years listed in ``top_past_years``.
        min_docs: documents that must mention a year for ``earliest_shared``.

    Returns:
        A DataFrame ``[group_by], n_mentions`` (dated mentions), ``median_depth`` and
        ``p90_depth`` (publication year minus referenced year), ``share_past`` (share of
        mentions at least ``past`` years before publication), ``earliest_shared`` (the
        earliest year mentioned in at least ``min_docs`` documents of the group: one stray
        number or misread count does not move it), ``p5_year`` (5th percentile of the
        referenced years, a year that is mentioned), ``top_past_years`` (the ``top`` most
        mentioned years at least ``past`` years back, by mentions then year).
        ``textstat_earliest_mentions`` lists the sentences behind the earliest mentions.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import chronology, textstat_historical_depth
        >>> c = chronology(example_docs(), group_by="side")
        >>> d = textstat_historical_depth(c, group_by="side", min_docs=1)
        >>> print(d[["side", "n_mentions", "median_depth", "earliest_shared"]].to_string(index=False))
        side  n_mentions  median_depth  earliest_shared
         ARM           1           0.0             1994
         AZE           2           0.0             2019
    """
    dated = _dated(chron).dropna(subset=["depth"])
    key = group_by or "_all"
    if not group_by:
        dated = dated.assign(_all="all")
    rows = []
    for group, sub in dated.groupby(key, sort=True, dropna=False):
        depth = sub["depth"].astype(float)
        old = sub[depth >= past]
        counts = old.groupby("year").size().reset_index(name="n")
        counts = counts.sort_values(["n", "year"], ascending=[False, True]).head(top)
        n_docs = sub.groupby("year")["doc_id"].nunique()
        shared = n_docs.index[n_docs >= min_docs]
        rows.append(
            {
                key: group,
                "n_mentions": len(sub),
                "median_depth": float(depth.median()),
                "p90_depth": float(depth.quantile(0.9)),
                "share_past": round(len(old) / len(sub), 4),
                "earliest_shared": int(shared.min()) if len(shared) else pd.NA,
                "p5_year": int(sub["year"].astype("int64").quantile(0.05, interpolation="lower")),
                "top_past_years": ", ".join(str(int(y)) for y in counts["year"]),
            }
        )
    out = pd.DataFrame(rows, columns=[key, *DEPTH_COLUMNS]).astype({"earliest_shared": "Int64"})
    return out.drop(columns="_all") if not group_by else out


EARLIEST_COLUMNS = ["year", "value", "text", "doc_id", "start", "end", "sent_start", "sent_end"]


def earliest_rows(chron: pd.DataFrame, group_by: str | None = None, n: int = 3) -> pd.DataFrame:
    """The ``n`` earliest dated mentions of each group (by year, then ``doc_id``, then offset):
    ``[group_by], year, value, text, doc_id, start, end, sent_start, sent_end``."""
    dated = _dated(chron)
    keys = [group_by] if group_by else []
    cols = keys + EARLIEST_COLUMNS
    out = dated[cols].sort_values([*keys, "year", "doc_id", "start"], kind="stable")
    out = out.groupby(keys, dropna=False).head(n) if keys else out.head(n)
    return out.astype({"year": "int64"}).reset_index(drop=True)


def textstat_earliest_mentions(
    chron: pd.DataFrame, docs: pd.DataFrame, group_by: str | None = None, n: int = 3
) -> pd.DataFrame:
    """The sentences behind each group's earliest referenced years, to check them by reading.

    Args:
        chron: a ``chronology(docs, group_by)`` table.
        docs: the docs table the sentences are taken from.
        group_by: the column of the groups (None: the whole corpus).
        n: earliest dated mentions kept per group.

    Returns:
        A DataFrame ``[group_by], year, value, text`` (the expression), ``doc_id, start,
        end`` (its offsets), ``sent_start, sent_end, sentence``.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import chronology, textstat_earliest_mentions
        >>> docs = example_docs()
        >>> e = textstat_earliest_mentions(chronology(docs, "side"), docs, group_by="side", n=1)
        >>> print(e[["side", "year", "text", "doc_id", "sentence"]].to_string(index=False))
        side  year         text doc_id                                                sentence
         ARM  1994         1994      b “We will never accept this,” the minister said in 1994.
         AZE  2019 October 2019      c            Elections were held in Baku in October 2019.
    """
    out = earliest_rows(chron, group_by, n)
    texts = docs.set_index("doc_id")["text"]
    out["sentence"] = [
        " ".join(str(texts.loc[d])[s:e].split())
        for d, s, e in zip(out["doc_id"], out["sent_start"], out["sent_end"], strict=True)
    ]
    return out


def textstat_decade_matrix(chron: pd.DataFrame) -> pd.DataFrame:
    """Mentions per publication year and referenced decade.

    Args:
        chron: a ``chronology`` table.

    Returns:
        A DataFrame ``pub_year, decade, n_mentions`` of the expressions of year, month or
        day granularity, sorted by publication year and decade.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import chronology, textstat_decade_matrix
        >>> print(textstat_decade_matrix(chronology(example_docs())).to_string(index=False))
         pub_year  decade  n_mentions
             1994    1990           1
             2019    2010           1
             2020    2020           1
    """
    dated = _dated(chron).dropna(subset=["pub_year"])
    frame = pd.DataFrame(
        {
            "pub_year": dated["pub_year"].astype("int64"),
            "decade": (dated["year"] // 10 * 10).astype("int64"),
        }
    )
    out = frame.groupby(["pub_year", "decade"]).size().rename("n_mentions").reset_index()
    return out.sort_values(["pub_year", "decade"]).reset_index(drop=True)


_PERIOD_FORMAT = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}


# last words of a label that name a comparison or a baseline, not an event ("emissions
# compared to 1990", "levels of 2005"): the year is a yardstick, not something that happened
_BASELINE_WORDS = frozenset(
    {"compared", "comparison", "relative", "against", "baseline", "base", "level", "levels"}
)


def usable_label(label: object) -> bool:
    """Whether an event ``label`` names an event a timeline can show: not empty, holding a
    letter, and not a comparison baseline ("commitment compared" for "compared to 1990")."""
    if not isinstance(label, str) or not any(ch.isalpha() for ch in label):
        return False
    return label.split()[-1].lower() not in _BASELINE_WORDS


def document_timeline(
    chron: pd.DataFrame,
    doc_id: str,
    published: object = None,
    label: str = "article published",
    max_events: int = 14,
    precision: str | None = None,
) -> pd.DataFrame:
    """Dated events of one document in time order, plus its publication (``published``) if given.

    One row per distinct value (the first mention with a usable label kept, else the first
    mention); with more than ``max_events`` values that have a usable label, an evenly spaced
    selection of those over time (always keeping the earliest and the latest); values
    without a usable label (``usable_label``: empty, or a comparison baseline) are kept as
    rows with ``drawn`` False, for the table, and left out of ``textplot_timeline``.

    Args:
        chron: a ``chronology`` table.
        doc_id: the document.
        published: its publication date (None: no publication row).
        label: the label of the publication row.
        max_events: events kept at most.
        precision: "year", "month" or "day" (the docs' ``date_precision``): how much of
            ``published`` is known. A speech known to the year is published in that whole
            year (value ``2020``, not 1 January), and expressions that only restate it
            ("today", "this year": anchored values equal to it) are left to the
            publication row.

    Returns:
        A DataFrame ``doc_id, point, value, granularity, text, label, start, end, when,
        drawn`` (``start, end`` = -1 for the publication row, which comes from the
        document's metadata, not from its text; ``when``: "before", "during" or "after"
        the publication period, "published" for its row).

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import chronology, document_timeline
        >>> docs = example_docs()
        >>> t = document_timeline(chronology(docs), "a", published=docs["date"][0])
        >>> print(t[["value", "label", "when", "drawn"]].to_string(index=False))
             value                  label      when  drawn
        2020-03-31 Armenia held elections    before   True
        2020-04-24      article published published   True
    """
    precision = precision if precision in _PERIOD_FORMAT else "day"
    mask = (
        (chron["doc_id"] == doc_id) & chron["point"].notna() & chron["type"].isin(["DATE", "TIME"])
    )
    cols = ["point", "value", "granularity", "text", "label", "start", "end"]
    out = chron.loc[mask, cols + ["anchor"]]
    pub = None
    if published is not None and pd.notna(published):
        pub = pd.Timestamp(published).strftime(_PERIOD_FORMAT[precision])
        out = out[~((out["value"] == pub) & (out["anchor"] != ""))]
    out = out[cols].assign(drawn=[usable_label(v) for v in out["label"]])
    out = (
        out.sort_values(["point", "drawn", "start"], ascending=[True, False, True], kind="stable")
        .drop_duplicates("value")
        .sort_values(["point", "start"], kind="stable")
    )
    drawn = out[out["drawn"]]
    if len(drawn) > max_events:
        keep = np.unique(np.linspace(0, len(drawn) - 1, max_events).round().astype(int))
        out = pd.concat([drawn.iloc[keep], out[~out["drawn"]]])
    out = out.assign(when=_when(out, published, precision))
    if pub is not None:
        start = pd.Timestamp(pd.Timestamp(published).strftime(_PERIOD_FORMAT[precision]))
        row = {"point": start, "value": pub, "granularity": precision, "text": "",
               "label": label, "start": -1, "end": -1, "drawn": True, "when": "published"}  # fmt: skip
        extra = pd.DataFrame([row]).astype({"point": "datetime64[s]"})
        out = pd.concat([out, extra], ignore_index=True) if len(out) else extra
    out = out.sort_values(["point", "start"], kind="stable").reset_index(drop=True)
    out.insert(0, "doc_id", str(doc_id))
    return out[["doc_id", *cols, "when", "drawn"]].astype({"drawn": "bool"})


def format_publication(published: object, precision: str | None = None) -> str:
    """A publication date as far as it is known.

    Args:
        published: the date (NaT or None: undated).
        precision: ``year``, ``month`` or ``day`` (None: the day).

    Returns:
        ``2020`` for a year-precision date, ``2020-04`` for a month, else the day
        (``2020-04-24``); "undated" when missing.

    Example:
        >>> import pandas as pd
        >>> from helpers.chronology import format_publication
        >>> day = pd.Timestamp("2020-04-24")
        >>> format_publication(day), format_publication(day, "year"), format_publication(pd.NaT)
        ('2020-04-24', '2020', 'undated')
    """
    if published is None or pd.isna(published):
        return "undated"
    precision = precision if precision in _PERIOD_FORMAT else "day"
    return pd.Timestamp(published).strftime(_PERIOD_FORMAT[precision])


def publication_period(
    published: object, precision: str | None = None
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Start and end (exclusive) of the period a publication date of ``precision`` covers:
    the day, or the whole month or year when only those are known."""
    precision = precision if precision in _PERIOD_FORMAT else "day"
    start = pd.Timestamp(pd.Timestamp(published).strftime(_PERIOD_FORMAT[precision]))
    step = {"year": pd.DateOffset(years=1), "month": pd.DateOffset(months=1)}
    return start, start + step.get(precision, pd.DateOffset(days=1))


def _when(events: pd.DataFrame, published: object, precision: str) -> list[str]:
    """ "before", "during" or "after" the publication period for each event's start."""
    if published is None or pd.isna(published) or events.empty:
        return [""] * len(events)
    start, end = (np.datetime64(t, "s") for t in publication_period(published, precision))
    points = events["point"].astype("datetime64[s]").to_numpy()
    return ["before" if p < start else "after" if p >= end else "during" for p in points]


def richest_document(chron: pd.DataFrame) -> str | None:
    """The document with most distinct dated values, to show its timeline.

    Args:
        chron: a ``chronology`` table.

    Returns:
        Its ``doc_id`` (ties: the smallest); None if no document has a dated value.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.chronology import chronology, richest_document
        >>> richest_document(chronology(example_docs()))
        'a'
    """
    dated = chron[chron["point"].notna()]
    if dated.empty:
        return None
    counts = dated.groupby("doc_id")["value"].nunique().reset_index()
    counts = counts.sort_values(["value", "doc_id"], ascending=[False, True], kind="stable")
    return str(counts["doc_id"].iloc[0])
