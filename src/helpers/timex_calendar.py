"""Calendar arithmetic for TIMEX3 values: formatting points at a granularity, shifting, resolving.

Values follow TimeML TIMEX3: ``1918`` (year), ``2020-03`` (month), ``2020-03-31`` (day),
``2020-W17`` (week), ``2020-Q1`` (quarter), ``2020-SU`` (season), ``2020-H1`` (half),
``199`` (decade), ``19`` (century), ``2020-04-24TMO`` (part of day). With no anchor
(DCT) relative values keep ``X`` placeholders, e.g. ``XXXX-03-31``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from dateutil.relativedelta import relativedelta

Tense = Literal["past", "future"] | None
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


def fmt(day: dt.date, granularity: str) -> str:
    """Format ``day`` as a TIMEX3 value at ``granularity``.

    ``granularity`` is one of century, decade, year, half, quarter, month, week, day.
    """
    y = day.year
    if granularity == "century":
        return f"{y // 100:02d}"
    if granularity == "decade":
        return f"{y // 10:03d}"
    if granularity == "year":
        return f"{y:04d}"
    if granularity == "half":
        return f"{y:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "quarter":
        return f"{y:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "month":
        return f"{y:04d}-{day.month:02d}"
    if granularity == "week":
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return day.isoformat()


def unknown(granularity: str) -> str:
    """The all-``X`` value of a relative expression with no anchor, at ``granularity``."""
    return {
        "century": "XX",
        "decade": "XXX",
        "year": "XXXX",
        "half": "XXXX-HX",
        "quarter": "XXXX-QX",
        "month": "XXXX-XX",
        "week": "XXXX-WXX",
    }.get(granularity, "XXXX-XX-XX")


_STEP = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "half": relativedelta(months=6),
    "year": relativedelta(years=1),
    "decade": relativedelta(years=10),
    "century": relativedelta(years=100),
}


def shift(day: dt.date, granularity: str, n: int) -> dt.date:
    """``day`` moved by ``n`` units of ``granularity`` (negative: into the past)."""
    return day + _STEP[granularity] * n


def relative(dct: dt.date | None, granularity: str, n: int) -> str:
    """Value of the period ``n`` units of ``granularity`` away from the DCT (``X`` when no DCT)."""
    if dct is None:
        return unknown(granularity)
    return fmt(shift(dct, granularity, n), granularity)


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (e.g. 31 February)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def pick_year(
    dct: dt.date, month: int, day: int | None, tense: Tense, future_weight: float = 1.0
) -> int | None:
    """Year of a month (and day) given without a year, relative to the DCT.

    Future tense: the first occurrence on or after the DCT; past tense: the last on or before;
    otherwise the closest one. None when the day never exists (31 February) in any candidate.
    """
    candidates = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        if day is None:
            point, ref = dt.date(year, month, 1), dt.date(dct.year, dct.month, 1)
        else:
            point, ref = valid_date(year, month, day), dct
            if point is None:
                continue
        candidates.append((year, (point - ref).days))
    if not candidates:
        return None
    if tense == "future":
        later = [c for c in candidates if c[1] >= 0]
        if later:
            return min(later, key=lambda c: c[1])[0]
    if tense == "past":
        earlier = [c for c in candidates if c[1] <= 0]
        if earlier:
            return max(earlier, key=lambda c: c[1])[0]
    # otherwise the closest, with future points counting ``future_weight`` times as far
    return min(candidates, key=lambda c: (abs(c[1]) * (future_weight if c[1] > 0 else 1), -c[0]))[0]


def weekday_date(dct: dt.date, weekday: int, tense: Tense) -> dt.date:
    """The date of ``weekday`` (1 = Monday) nearest the DCT: past by default, future if tensed so."""
    diff = weekday - dct.isoweekday()
    if tense == "future":
        return dct + dt.timedelta(days=diff % 7)
    return dct - dt.timedelta(days=(-diff) % 7)


def season_value(year: int, code: str) -> str:
    """TIMEX3 season value such as ``1998-SU``."""
    return f"{year:04d}-{code}"


def season_year(dct: dt.date, code: str, tense: Tense) -> int:
    """Year of a season named without a year (``this summer``): the DCT's, shifted by tense."""
    month = _SEASON_MONTH[code]
    return pick_year(dct, month, None, tense) or dct.year


def two_digit_year(yy: int, dct: dt.date | None) -> str:
    """A two-digit year (``'98``) in the century that puts it no later than 10 years after the DCT."""
    if dct is None:
        return f"XX{yy:02d}"
    year = (dct.year // 100) * 100 + yy
    if year > dct.year + 10:
        year -= 100
    return f"{year:04d}"


def granularity_of(value: str, typ: str) -> str:
    """Granularity of a TIMEX3 value: century, decade, year, ..., day, time, duration, set, ref."""
    if typ in ("DURATION", "SET"):
        return typ.lower()
    if value.endswith("_REF"):
        return "ref"
    if value[:4].isdigit() and "X" in value:  # "2021-XX-XX": only the year is known
        known = value[: value.index("X")].rstrip("-WQHT")
        return granularity_of(known, typ)
    if "T" in value:
        return "time"
    if len(value) == 2:
        return "century"
    if len(value) == 3:
        return "decade"
    if len(value) == 4:
        return "year"
    part = value[5:]
    if part in _SEASON_MONTH:
        return "season"
    if part.startswith("W"):
        return "week" if len(part) == 3 else "day"
    if part.startswith("Q"):
        return "quarter"
    if part.startswith("H"):
        return "half"
    return "month" if len(value) == 7 else "day"
