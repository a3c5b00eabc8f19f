"""Temporal expressions normalised to TimeML TIMEX3 (``find_timexes``).

``find_timexes(text, dct)`` tags dates, times, durations and sets with deterministic rules
(``helpers.timex_rules``) and returns one row per expression with character offsets.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

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

    ``dct`` (document creation time: ISO string, date or Timestamp) anchors relative
    expressions; without it they keep ``X`` placeholders. Columns: ``start, end`` (offsets
    into ``text``), ``text``, ``type`` (DATE/TIME/DURATION/SET), ``value`` (TIMEX3),
    ``mod`` (e.g. MORE_THAN, START; "" if none), ``granularity`` (century ... day, time,
    duration, set, ref), ``anchor`` (the DCT used, "" for absolute values), ``rule``.

    ``dct_precision="year"`` (a DCT known only to the year, e.g. a UN session) keeps only the
    year of values taken from the DCT's day: "today" becomes ``1997-XX-XX``, not 1 January.
    """
    day = as_date(dct)
    rows = []
    for start, end, typ, value, mod, rule in tag(text, day):
        if day is not None and dct_precision == "year" and rule in _DAY_ANCHORED:
            value = value[:4] + re.sub(r"\d", "X", value[4:])
        anchored = day is not None and "X" not in value and _is_relative(rule)
        rows.append(
            (start, end, text[start:end], typ, value, mod, granularity_of(value, typ),
             day.isoformat() if anchored else "", rule)
        )  # fmt: skip
    frame = pd.DataFrame(rows, columns=TIMEX_COLUMNS)
    return frame.astype({"start": "int64", "end": "int64"})


_ABSOLUTE_RULES = {
    "iso", "numeric", "year", "year_range", "decade", "century", "month_year", "month_day_year",
    "day_month_year", "duration", "set", "set_rate", "plural_units",
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


def _is_relative(rule: str) -> bool:
    return rule not in _ABSOLUTE_RULES
