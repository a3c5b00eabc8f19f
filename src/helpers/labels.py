"""Labels and display formats for charts and the tables a notebook shows.

``short_label`` cuts a label to a width; ``doc_labels`` names documents by their title (or
a short id) for chart axes, the full ``doc_id`` staying in the CSV of the plotted numbers;
``format_p`` and ``format_periods`` give p-values (``< 0.001``) and periods (``2010``,
``2010-03``) as text; ``format_table`` applies them to a table for display only (the
numbers saved to CSV stay raw).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

LABEL_WIDTH = 40  # characters of a chart label
MAX_BARS = 40  # bars (rows) of one chart at most
PERIOD_FORMATS = {"year": "%Y", "month": "%Y-%m", "week": "%Y-%m-%d", "day": "%Y-%m-%d"}
_SPACE = re.compile(r"\s+")


def short_label(value: Any, width: int = LABEL_WIDTH) -> str:
    r"""``value`` as one line of text, cut to ``width`` characters.

    Args:
        value: anything (made a string).
        width: characters at most.

    Returns:
        The text, runs of white space made one space, with an ellipsis when cut.

    Example:
        >>> from helpers.overview import short_label
        >>> short_label("A  long\ntitle of a statement", width=12)
        'A long titl…'
    """
    text = _SPACE.sub(" ", str(value)).strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def short_id(doc_id: Any, width: int = LABEL_WIDTH) -> str:
    """A document id without its folders (``statements-releases/2021-01/x`` → ``x``), cut
    to ``width``."""
    return short_label(re.split(r"[/\\]", str(doc_id).rstrip("/\\"))[-1] or doc_id, width)


def unique_labels(labels: Iterable[str]) -> list[str]:
    """``labels`` with repeats numbered (``"a"``, ``"a (2)"``), so no two chart rows merge."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def doc_labels(
    doc_ids: Sequence[Any], docs: pd.DataFrame | None = None, width: int = LABEL_WIDTH
) -> list[str]:
    """Chart labels for documents: the title from ``docs`` (``doc_id, title``) when it has
    one, else the short id; cut to ``width``; two documents never share a label (a
    repeated id keeps its label)."""
    titles: dict[str, Any] = {}
    if docs is not None and "title" in docs.columns:
        titles = dict(zip(docs["doc_id"].astype("str"), docs["title"], strict=True))
    ids = [str(d) for d in doc_ids]
    distinct = list(dict.fromkeys(ids))
    labels = []
    for doc_id in distinct:
        title = titles.get(doc_id)
        given = isinstance(title, str) and title.strip()
        labels.append(short_label(title, width) if given else short_id(doc_id, width))
    label_of = dict(zip(distinct, unique_labels(labels), strict=True))
    return [label_of[d] for d in ids]


def format_p(p: Any, digits: int = 3) -> str:
    """A p-value as text: ``< 0.001`` below 10^-digits, else rounded to ``digits``
    (``0.042``); missing: empty."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return ""
    floor = 10.0**-digits
    return f"< {floor:.{digits}f}" if p < floor else f"{p:.{digits}f}"


def format_periods(values: pd.Series, period: str = "year") -> pd.Series:
    """Period starts (dates, or text such as ``2010-01-01``) as period labels: ``2010`` for
    years, ``2010-01`` for months, the start day for weeks and days; text that is not a
    date ("undated") is kept."""
    if period not in PERIOD_FORMATS:
        raise ValueError(f"period must be one of {list(PERIOD_FORMATS)}, got {period!r}")
    if pd.api.types.is_datetime64_any_dtype(values):
        dates = values
    else:  # text: ISO dates ("2010-01-01", "2010") become dates, other text stays
        dates = pd.to_datetime(values.astype("str"), errors="coerce", format="ISO8601")
    text = dates.dt.strftime(PERIOD_FORMATS[period])
    return text.where(dates.notna(), values.astype("str")).rename(values.name)


def format_table(
    table: pd.DataFrame, *, period: str | None = None, digits: int = 3
) -> pd.DataFrame:
    """A copy of ``table`` for display: p-value columns (``p``, ``p_value``, ``*_p``) as
    ``format_p`` text, the ``period`` column as ``format_periods(period)`` labels (when
    ``period`` is given), other decimal columns rounded to ``digits``."""
    out = table.copy()
    for column in out.columns:
        name = str(column)
        if name in ("p", "p_value") or name.endswith("_p"):
            out[column] = [format_p(v, digits) for v in out[column]]
        elif name == "period" and period:
            out[column] = format_periods(out[column], period)
        elif pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(digits)
    return out
