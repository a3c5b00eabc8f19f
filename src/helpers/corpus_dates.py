"""Publication dates of documents: any year 1–9999, its precision, and day/month order.

``parse_date(value, dayfirst=...)`` turns a metadata value (``2020``, ``"2020-04"``,
``"2020-04-24"``, ISO date-times, ``"24 April 2020"``, ``"01/02/2020"``, dates and
datetimes) into ``(Timestamp, precision)`` with precision ``"day"``, ``"month"`` or
``"year"``; a value that is not a date (``"now"``, ``"today"``, ``"Q1"``) or is impossible
(``"2020-02-30"``, year 0) raises :class:`~helpers.decoding.InputError` saying which.
Words relative to the moment of reading are never dates.

``numeric_order(value)`` says whether a numeric date such as ``01/02/2020`` shows its order
(``"day-first"`` for ``25/12/2020``, ``"month-first"`` for ``12/25/2020``) or is
``"ambiguous"``; ``read_corpus`` and the pipeline decide ambiguous ones from that evidence
over the corpus (``date_order`` of each date value, ``choose_dayfirst``) and note how they
were read (``ambiguity_note``).
Two-digit years follow the POSIX rule (00–68 → 20xx, 69–99 → 19xx), so results do not
depend on the day they are read.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from dateutil import parser as dateutil_parser

from helpers.decoding import InputError

MAX_DATE_CHARS = 80  # longer values are not dates
RELATIVE_WORDS = ("now", "today", "tonight", "yesterday", "tomorrow")

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_MONTH = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})\s*$")
_DAY = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_NUMERIC = re.compile(r"^\s*(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:[T ,].*)?\s*$")
_LONG_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_RELATIVE = re.compile(r"\b(?:" + "|".join(RELATIVE_WORDS) + r")\b", re.I)
_PARSER = dateutil_parser.parser()


@lru_cache(maxsize=65536)
def _stamp(year: int, month: int, day: int) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(dt.date(year, month, day))
    except (ValueError, OverflowError):
        return None


def _day(year: int, month: int, day: int, text: str) -> pd.Timestamp:
    stamp = _stamp(year, month, day)
    if stamp is None:
        raise InputError(f"impossible date {text!r}")
    return stamp


def _full_year(year: int) -> int:
    """Two-digit years: 00–68 → 2000–2068, 69–99 → 1969–1999 (POSIX ``%y``)."""
    return year + (2000 if year < 69 else 1900)


def numeric_order(value: Any) -> str | None:
    """``"day-first"``, ``"month-first"`` or ``"ambiguous"`` for a numeric date string such as
    ``25/12/2020``, ``12/25/2020`` or ``01/02/2020``; None for anything else (ISO dates, words,
    and ``05/05/2020``, which reads the same either way)."""
    if not isinstance(value, str) or len(value) > MAX_DATE_CHARS:
        return None
    m = _NUMERIC.match(value)
    if not m:
        return None
    first, second = int(m.group(1)), int(m.group(3))
    if first > 12 >= second:
        return "day-first"
    if second > 12 >= first:
        return "month-first"
    if first != second and first <= 12 and second <= 12:
        return "ambiguous"
    return None


def date_order(value: Any) -> str | None:
    """``numeric_order`` of a metadata date value, after a cheap check that it is written
    ``d/m/y`` or ``m/d/y`` at all (ISO dates have their first ``-`` at index 4)."""
    head = value[1:3] if isinstance(value, str) else ""
    if "/" not in head and "." not in head and "-" not in head:
        return None
    return numeric_order(value)


def choose_dayfirst(dayfirst: bool | None, day_first: int, month_first: int) -> tuple[bool, str]:
    """How to read ambiguous numeric dates, and why: ``dayfirst`` when given, else day first
    if more dates show a day above 12 first (``day_first``) than second (``month_first``)."""
    if dayfirst is not None:
        return dayfirst, f"dayfirst={dayfirst} given"
    why = (
        f"decided from the corpus: {day_first} numeric date(s) have a day above 12 first, "
        f"{month_first} have one second; pass dayfirst= to choose"
    )
    return day_first > month_first, why


def ambiguity_note(count: int, example: str, dayfirst: bool, why: str) -> str:
    """The note on ``count`` ambiguous numeric dates of a file (``example`` the first)."""
    order = "day first (day/month/year)" if dayfirst else "month first (month/day/year)"
    return f"{count} ambiguous numeric date(s) such as {example!r} read {order}; {why}"


def _numeric(m: re.Match[str], text: str, dayfirst: bool) -> pd.Timestamp:
    first, second, year = int(m.group(1)), int(m.group(3)), m.group(4)
    full = int(year) if len(year) == 4 else _full_year(int(year))
    day_first = first > 12 or (dayfirst and second <= 12)
    day, month = (first, second) if day_first else (second, first)
    return _day(full, month, day, text)


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    if isinstance(value, np.datetime64) and np.isnat(value):
        return True
    return isinstance(value, str) and not value.strip()


def parse_date(value: Any, *, dayfirst: bool = False) -> tuple[pd.Timestamp, str | None]:
    """A date value and its precision (``"day"``, ``"month"``, ``"year"``).

    Args:
        value: a string, a year (int), a date, datetime, Timestamp or ``numpy.datetime64``.
        dayfirst: read ambiguous numeric dates (``01/02/2020``) as day/month/year.

    Returns:
        ``(Timestamp, precision)``; ``(NaT, None)`` for a missing value.

    Raises:
        InputError: the value is not a date or names an impossible one.

    Example:
        >>> from helpers.corpus import parse_date
        >>> parse_date("24 April 2020"), parse_date("2020")
        ((Timestamp('2020-04-24 00:00:00'), 'day'), (Timestamp('2020-01-01 00:00:00'), 'year'))
        >>> parse_date("01/02/2020", dayfirst=True)[0].month_name()
        'February'
    """
    if _is_missing(value):
        return pd.NaT, None
    if isinstance(value, np.datetime64):
        value = value.astype("datetime64[s]").item()  # an int when outside years 1-9999
        if not isinstance(value, dt.datetime):
            raise InputError(f"impossible date (seconds {value} from 1970, outside years 1-9999)")
    if isinstance(value, (dt.date, pd.Timestamp)):  # datetime and Timestamp are dates too
        return _day(value.year, value.month, value.day, str(value)), "day"
    if isinstance(value, bool):
        raise InputError(f"not a date: {value!r}")
    if isinstance(value, (int, np.integer)) or (isinstance(value, float) and value.is_integer()):
        number = int(value)
        if 1 <= number <= 9999:
            return _day(number, 1, 1, str(number)), "year"
        value = str(number)
    if not isinstance(value, str):
        raise InputError(f"not a date: {str(value)[:MAX_DATE_CHARS]!r}")
    return _parse_text(value, dayfirst)


def _parse_text(text: str, dayfirst: bool) -> tuple[pd.Timestamp, str | None]:
    if len(text) > MAX_DATE_CHARS:
        raise InputError(f"not a date: {text[:MAX_DATE_CHARS]!r}…")
    if m := _YEAR.match(text):
        return _day(int(m.group(1)), 1, 1, text), "year"
    if m := _MONTH.match(text):
        return _day(int(m.group(1)), int(m.group(2)), 1, text), "month"
    if (m := _DAY.match(text)) or (m := _COMPACT.match(text)):
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)), text), "day"
    if m := _NUMERIC.match(text):
        return _numeric(m, text, dayfirst), "day"
    if _RELATIVE.search(text):
        raise InputError(f"not a date: {text!r} (relative to the moment of reading)")
    try:
        res, _ = _PARSER._parse(text, dayfirst=dayfirst)  # fields as written, no defaults
    except Exception:  # noqa: BLE001 - dateutil raises several types on odd input
        res = None
    if res is None or res.year is None:
        raise InputError(f"not a date: {text!r}" + (" (no year)" if res is not None else ""))
    year = res.year
    if not res.century_specified:
        long = [int(y) for y in _LONG_YEAR.findall(text) if int(y) == year % 100]
        year = long[0] if long else _full_year(year % 100)
    if res.month is None:
        if res.day is not None:
            raise InputError(f"not a date: {text!r} (a day without a month)")
        return _day(year, 1, 1, text), "year"
    if res.day is None:
        return _day(year, res.month, 1, text), "month"
    return _day(year, res.month, res.day, text), "day"


__all__ = [
    "parse_date",
    "numeric_order",
    "date_order",
    "choose_dayfirst",
    "ambiguity_note",
    "RELATIVE_WORDS",
]
