"""Temporal expressions normalised to TimeML TIMEX3 (``find_timexes``).

``find_timexes(text, dct)`` tags dates, times, durations and sets with deterministic rules
(``helpers.timex_rules``) and returns one row per expression with character offsets.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from helpers import timex_calendar as cal
from helpers.timex_calendar import granularity_of
from helpers.timex_rules import tag

TIMEX_COLUMNS = ["start", "end", "text", "type", "value", "mod", "granularity", "anchor", "rule"]


def as_date(dct: object) -> dt.date | None:
    """A document creation time as ``datetime.date``: accepts ISO strings, dates, Timestamps, None/NaT."""
    if dct is None or (not isinstance(dct, str) and pd.isna(dct)):
        return None
    if isinstance(dct, dt.datetime):
        return dct.date()
    if isinstance(dct, dt.date):
        return dct
    return pd.Timestamp(str(dct)).date()


def find_timexes(text: str, dct: object = None, dct_precision: str | None = None) -> pd.DataFrame:
    """Temporal expressions in ``text`` as TIMEX3: one row per expression, in text order.

    ``dct_precision="year"`` (a DCT known only to the year, e.g. a UN session): the DCT is
    that whole year. "today", "this week", "yesterday" and other values taken from the DCT's
    day become the year (``1997``, not 1 January), and months or days named without a year
    ("on 15 November", "last March") are placed from the middle of the year, not from
    1 January. ``dct_precision="month"`` does the same within the month.

    Args:
        text: the document text.
        dct: the document creation time (ISO string, date or Timestamp) that anchors
            relative expressions; without it they keep ``X`` placeholders.
        dct_precision: ``"year"`` or ``"month"`` when only that much of ``dct`` is known.

    Returns:
        A DataFrame ``start, end`` (offsets into ``text``), ``text``, ``type``
        (DATE/TIME/DURATION/SET), ``value`` (TIMEX3), ``mod`` (e.g. MORE_THAN, START; ""
        if none), ``granularity`` (century ... day, time, duration, set, ref), ``anchor``
        (the DCT used, "" for absolute values) and ``rule`` (the rule that found it).

    Example:
        >>> from helpers.chronology import find_timexes
        >>> t = find_timexes("They met yesterday, on 31 March 2020, and meet again next year.",
        ...                  "2020-04-24")
        >>> print(t[["start", "end", "text", "type", "value", "anchor"]].to_string(index=False))
         start  end          text type      value     anchor
             9   18     yesterday DATE 2020-04-23 2020-04-24
            23   36 31 March 2020 DATE 2020-03-31
            53   62     next year DATE       2021 2020-04-24
    """
    return timex_frame(timex_rows(text, dct, dct_precision))


def timex_rows(text: str, dct: object = None, dct_precision: str | None = None) -> list[tuple]:
    """The rows of ``find_timexes`` as plain tuples (``TIMEX_COLUMNS`` order), without pandas."""
    day = as_date(dct)
    period = dct_precision if day is not None and dct_precision in _MIDDLE else None
    reference = _MIDDLE[period](day) if period else day
    anchor = "" if day is None else cal.fmt(day, period) if period else day.isoformat()
    rows = []
    for start, end, typ, value, mod, rule in tag(text, reference):
        if period and rule in _DAY_ANCHORED and _finer(granularity_of(value, typ), period):
            value, typ = cal.fmt(day, period), "DATE"  # "today" in a 1997 speech: 1997
        resolved = typ in ("DATE", "TIME") and "X" not in value and not value.endswith("_REF")
        anchored = day is not None and resolved and _is_relative(rule)
        rows.append(
            (start, end, text[start:end], typ, value, mod, granularity_of(value, typ),
             anchor if anchored else "", rule)
        )  # fmt: skip
    return rows


def timex_frame(rows: list[tuple]) -> pd.DataFrame:
    """A ``find_timexes`` table from rows in ``TIMEX_COLUMNS`` order (``start, end`` int64)."""
    if rows:  # column by column: a third faster than from the row tuples
        columns = zip(TIMEX_COLUMNS, zip(*rows, strict=True), strict=True)
        return pd.DataFrame(
            {
                c: np.asarray(v, dtype="int64") if c in ("start", "end") else list(v)
                for c, v in columns
            }
        )
    return pd.DataFrame(columns=TIMEX_COLUMNS).astype({"start": "int64", "end": "int64"})


_ABSOLUTE_RULES = {
    "iso", "numeric", "year", "year_range", "decade", "century", "month_year", "month_day_year",
    "day_month_year",
}  # fmt: skip
# rules whose value below the year comes from the DCT's own day, week or month
_DAY_ANCHORED = {
    "day_word",
    "weekday",
    "weekend",
    "ago",
    "relative",
    "the_unit",
    "the_quarter",
    "year_earlier_quarter",
    "noon",
    "clock",
}


# a DCT known to the year or month: relative values are placed from the middle of that period
_MIDDLE = {
    "year": lambda day: dt.date(day.year, 7, 1),
    "month": lambda day: dt.date(day.year, day.month, 15),
}
_FINENESS = ["century", "decade", "year", "half", "quarter", "season", "month", "week", "day",
             "time"]  # fmt: skip


def _finer(granularity: str, than: str) -> bool:
    """Whether a value of ``granularity`` is more precise than a DCT known to ``than``."""
    if granularity not in _FINENESS:
        return False
    return _FINENESS.index(granularity) > _FINENESS.index(than)


def _is_relative(rule: str) -> bool:
    return rule not in _ABSOLUTE_RULES
