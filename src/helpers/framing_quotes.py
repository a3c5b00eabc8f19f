"""Quotation marks paired, typed and attributed: ``find_quotes(text) -> DataFrame``.

One row per stretch of text in quotation marks (all styles: “ ” ‘ ’ « » „ ‚ ‹ › " '),
nested quotes included, apostrophes skipped. Offsets are into the given string:
``text == input[start:end]`` is the content without the marks, ``mark_start, mark_end``
include them. ``kind`` is ``direct`` (someone's words), ``scare`` (distancing use),
``title`` (name of a report, event, ...) or ``term`` (mention of a word). Direct quotes
get ``source`` and ``cue`` with their offsets. Unbalanced marks are paired best effort
within their paragraph and flagged in ``anomaly``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from helpers.framing_attribution import attribute_quote

COLUMNS = [
    "start", "end", "text", "kind", "kind_p", "kind_evidence", "source", "speaker", "cue",
    "mark_start", "mark_end", "depth", "anomaly", "source_start", "source_end", "cue_start",
    "cue_end",
]  # fmt: skip
Q = {name: k for k, name in enumerate(COLUMNS)}  # position of each column in a quote record
KINDS = ("direct", "scare", "title", "term")

# Quote-mark families: any opener of a family may be closed by any closer of it.
_FAMILY = {
    "“": "double", "”": "double", "„": "double", "‟": "double", '"': "double",
    "‘": "single", "’": "single", "‚": "single", "‛": "single", "'": "single",
    "«": "angle", "»": "angle", "‹": "sangle", "›": "sangle", "''": "double",
}  # fmt: skip
_GLYPH_OPEN = set("“„‟‘‚‛«‹")
_GLYPH_CLOSE = set("”’»›")
_NEUTRAL = {'"', "'", "''"}
_MARK_OR_BREAK = re.compile(r"''|[“”„‟‘’‚‛«»‹›\"']|\n[ \t]*\n")
_LEFT_OPEN = set("([{<–—-/\u2026") | _GLYPH_OPEN
_RIGHT_CLOSE = set(".,;:!?)]}>–—-/\u2026") | _GLYPH_CLOSE
_DECADE = re.compile(r"\d\ds?\b")
_MAX_DEPTH = 6  # quotations nested deeper than this are taken for unclosed marks
_MAX_UNCLOSED = 600  # an unclosed quote never runs past this many characters (or its paragraph)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s")
_AFTER_SENTENCE = re.compile(r"[.!?]\s+$")


def _is_space(ch: str | None) -> bool:
    return ch is None or ch.isspace()


def _direction(text: str, i: int, j: int) -> str:
    """'open', 'close' or 'ambiguous' from the characters around the mark ``text[i:j]``."""
    n = len(text)
    left = text[i - 1] if i > 0 else None
    right = text[j] if j < n else None
    left_open = _is_space(left) or left in _LEFT_OPEN
    if left in _NEUTRAL:
        left_open = i < 2 or _is_space(text[i - 2]) or text[i - 2] in _LEFT_OPEN
    right_close = _is_space(right) or right in _RIGHT_CLOSE
    if right in _NEUTRAL:
        right_close = j + 1 >= n or _is_space(text[j + 1]) or text[j + 1] in _RIGHT_CLOSE
    if left_open and not right_close:
        return "open"
    if right_close and not left_open:
        return "close"
    return "ambiguous"


@dataclass
class _Open:
    mark: int  # offset of the opening mark
    start: int  # offset just after it, where the content begins
    family: str
    depth: int
    inner_end: int = -1  # largest mark_end of quotes nested in this one


def _pair(text: str) -> list[tuple[int, int, int, int, int, str | None]]:
    """Pair the marks of ``text``; return ``(start, end, mark_start, mark_end, depth, anomaly)``."""
    out: list[tuple[int, int, int, int, int, str | None]] = []
    stack: list[_Open] = []
    para_start = 0
    last_end = 0  # end of the latest quote closed in this paragraph

    def settle(entry: _Open, end: int, mark_end: int, anomaly: str | None) -> None:
        out.append((entry.start, end, entry.mark, mark_end, entry.depth, anomaly))
        if stack:
            stack[-1].inner_end = max(stack[-1].inner_end, mark_end)

    def close_unclosed(limit: int) -> None:
        """Close every open quote at the end of its paragraph (``limit``) or earlier."""
        while stack:
            entry = stack.pop()
            end = min(limit, entry.start + _MAX_UNCLOSED)
            if end < limit:  # cut at the last sentence end inside the window
                cuts = list(_SENTENCE_END.finditer(text, entry.start, end))
                end = cuts[-1].start() + 1 if cuts else end
            end = max(end, entry.inner_end, entry.start)
            while end > entry.start and text[end - 1].isspace():
                end -= 1
            settle(entry, end, end, "unclosed")

    skip_to = -1  # closing mark of an HTML attribute value (class="odd") left in the text
    for m in _MARK_OR_BREAK.finditer(text):
        i, j = m.span()
        ch = m.group()
        if i <= skip_to:
            continue
        if ch == '"' and i > 0 and text[i - 1] == "=":
            skip_to = text.find(ch, j, i + 300)
            continue
        if ch[0] == "\n":
            close_unclosed(i)
            para_start = last_end = j
            continue
        family = _FAMILY[ch]
        direction = _direction(text, i, j)
        open_same = [k for k, e in enumerate(stack) if e.family == family]
        if family == "single":
            left = text[i - 1] if i > 0 else " "
            right = text[j] if j < len(text) else " "
            if left.isalnum() and right.isalnum():
                continue  # apostrophe inside a word: don't, Azerbaijan's
            if direction != "close" and _DECADE.match(text, j):
                continue  # elided century: ’90s
            if left.isalnum() and not open_same:
                continue  # possessive plural or elision: countries' , goin'
        if direction == "ambiguous":  # glyph decides; a straight mark toggles
            if ch in _GLYPH_OPEN or ch in _GLYPH_CLOSE:
                direction = "open" if ch in _GLYPH_OPEN else "close"
            else:
                direction = "close" if open_same else "open"
        if direction == "open":
            if open_same and _AFTER_SENTENCE.search(text, max(0, i - 3), i):
                # a new sentence opens with the same marks while a quote is open: the open
                # one was never closed (paragraph marks lost), so it ends here, not nested
                while len(stack) > open_same[0]:
                    inner = stack.pop()
                    end = max(inner.start, inner.inner_end, i)
                    while end > inner.start and text[end - 1].isspace():
                        end -= 1
                    settle(inner, end, end, "unclosed")
            if len(stack) >= _MAX_DEPTH:  # runaway openers: the innermost was never closed
                inner = stack.pop()
                end = max(inner.start, inner.inner_end, i)
                while end > inner.start and text[end - 1].isspace():
                    end -= 1
                settle(inner, end, end, "unclosed")
            stack.append(_Open(i, j, family, len(stack)))
            continue
        if open_same:
            k = open_same[-1]
            while len(stack) > k + 1:  # quotes opened inside and never closed
                inner = stack.pop()
                end = max(i, inner.inner_end)
                settle(inner, end, end, "unclosed")
            settle(stack.pop(), i, j, None)
            last_end = j
        elif family != "single":
            start = max(para_start, last_end, stack[-1].start if stack else 0)
            while start < i and text[start].isspace():
                start += 1
            out.append((start, i, start, j, len(stack), "stray closing mark"))
            if stack:
                stack[-1].inner_end = max(stack[-1].inner_end, j)
            last_end = j
    close_unclosed(len(text))
    return out


def quote_records(text: str) -> list[tuple]:
    """The rows of ``find_quotes(text)`` as plain tuples in ``COLUMNS`` order (fast path)."""
    rows = []
    for start, end, mark_start, mark_end, depth, anomaly in _pair(text):
        while start < end and text[start].isspace():  # « c’est fini »: spaces inside the marks
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        info = attribute_quote(text, start, end, mark_start, mark_end, depth=depth)
        rows.append(
            (start, end, text[start:end], info.kind, info.kind_p, info.kind_evidence,
             info.source, info.speaker if info.speaker is not None else info.source, info.cue, mark_start, mark_end, depth, anomaly,
             info.source_start, info.source_end, info.cue_start, info.cue_end)
        )  # fmt: skip
    rows.sort(key=lambda r: (r[Q["mark_start"]], -r[Q["mark_end"]]))
    return rows


_DTYPES = {
    "source_start": "Int64", "source_end": "Int64", "cue_start": "Int64", "cue_end": "Int64",
    "kind_p": "float64",
}  # fmt: skip
_OBJECT = {
    "text",
    "content",
    "kind",
    "kind_evidence",
    "source",
    "speaker",
    "cue",
    "anomaly",
    "doc_id",
}


def records_frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """A DataFrame of ``rows``: offsets int64, optional offsets Int64, strings object (None kept)."""
    data = {}
    for k, col in enumerate(columns):
        values = [r[k] for r in rows]
        if col in _OBJECT:
            data[col] = pd.Series(values, dtype=object)
        else:
            data[col] = pd.array(values, dtype=_DTYPES.get(col, "int64"))
    return pd.DataFrame(data, columns=columns)


def find_quotes(text: str) -> pd.DataFrame:
    """Every quotation in ``text``, typed and attributed; one row per quote (see module doc).

    Columns: ``start, end, text, kind, kind_p, kind_evidence, source, speaker, cue,
    mark_start, mark_end, depth, anomaly, source_start, source_end, cue_start, cue_end``;
    rows sorted by ``(mark_start, -mark_end)``.
    """
    return records_frame(quote_records(text), COLUMNS)
