"""Reported speech, quoted or not: ``find_attributions(text) -> DataFrame``.

One row per attribution: who (``source``), the speech verb (``cue``) and what was said
(``start, end, content``). Direct attributions come from ``find_quotes`` (the content is
the quotation with its marks, as PolNeAR annotates it; a quote that continues an
attributed one in the next sentence joins it). Indirect ones come from three sentence
patterns: "SOURCE says (that) CONTENT", "CONTENT, SOURCE said." / "CONTENT, said SOURCE."
and "According to SOURCE, CONTENT" / "CONTENT, according to SOURCE."
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.framing_attribution import (
    CUE,
    np_after,
    np_before,
    sentence_end,
    sentence_start,
)
from helpers.framing_quotes import quote_records, records_frame

ATTRIBUTION_COLUMNS = [
    "start", "end", "content", "kind", "source", "cue",
    "source_start", "source_end", "cue_start", "cue_end",
]  # fmt: skip
_CUE_RE = re.compile(rf"(?<![-\w]){CUE}")
_NOT_CONTENT = re.compile(
    r"\s*(?:(?:to|for|by|on|up|off|in|at|with|from|about|into|over|as)\b|[.,;:!?)\]–—-]|$)",
    re.IGNORECASE,
)
_TELL_OBJECT = re.compile(
    r"\s+(?:(?:reporters|journalists|supporters|lawmakers|members|voters|us|me|him|her|them|"
    r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?|(?:the|a|an|his|her|their)\s+[\w-]+)\s*,?)"
)
_TELLING = {"tell", "tells", "told", "telling", "ask", "asks", "asked", "warned", "warns", "assured"}
_THAT = re.compile(r"\s*,?\s*(?=that\b)")
_ACCORDING_LEAD = re.compile(r"\s*[Aa]ccording\s+to\s+")
_TAIL = re.compile(r",\s*(?P<rest>[^,“”\"]{2,90}?)\s*[.!?]?[\"”’]?\s*$")
_TAIL_CUE_FIRST = re.compile(rf"(?P<cue>{CUE}|according\s+to)\s+")
_TAIL_SOURCE_FIRST = re.compile(rf"(?P<np>[\w’'.-]+(?:\s+[\w’'.-]+){{0,5}}?)\s+(?P<cue>{CUE})")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (offsets), trailing whitespace excluded."""
    spans, pos, n = [], 0, len(text)
    while pos < n:
        end = sentence_end(text, pos, n)
        stop = end
        while stop > pos and text[stop - 1].isspace():
            stop -= 1
        if stop > pos:
            spans.append((pos, stop))
        pos = max(end, pos + 1)
        while pos < n and text[pos].isspace():
            pos += 1
    return spans


def _strip_end(text: str, start: int, end: int) -> int:
    """``end`` moved left past closing punctuation and spaces."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?;:,"):
        end -= 1
    return end


def _record(text, start, end, kind, src, cue):
    source_start, source_end = src if src else (None, None)
    cue_start, cue_end = cue
    return (
        start, end, text[start:end], kind,
        text[source_start:source_end] if src else None, text[cue_start:cue_end],
        source_start, source_end, cue_start, cue_end,
    )  # fmt: skip


def _indirect(text: str, s: int, e: int) -> tuple | None:
    """One indirect attribution in the sentence ``text[s:e]``, or None."""
    lead = _ACCORDING_LEAD.match(text, s, e)
    if lead:
        comma = text.find(",", lead.end(), e)
        src = np_after(text, lead.end(), comma if comma > 0 else e)
        if comma > 0 and src:
            end = _strip_end(text, comma + 1, e)
            if end > comma + 1:
                return _record(text, comma + 1 + (text[comma + 1] == " "), end, "indirect", src,
                               (lead.start() + len(lead.group()) - len(lead.group().lstrip()),
                                lead.end() - 1))  # fmt: skip
    tail = _TAIL.search(text, s, e)
    if tail and tail.start() > s:
        rest_start = tail.start("rest")
        m = _TAIL_CUE_FIRST.match(text, rest_start, tail.end("rest"))
        src = cue = None
        if m:
            cue = (m.start("cue"), m.end("cue"))
            src = np_after(text, m.end(), tail.end("rest"))
        else:
            m = _TAIL_SOURCE_FIRST.match(text, rest_start, tail.end("rest"))
            if m:
                src = np_after(text, m.start("np"), m.end("np"))
                src = src if src and src[1] == m.end("np") else None
                cue = (m.start("cue"), m.end("cue"))
        if cue and src:
            return _record(text, s, tail.start(), "indirect", src, cue)
    for m in _CUE_RE.finditer(text, s, e):
        if _NOT_CONTENT.match(text, m.end()):
            continue
        src = np_before(text, m.start(), s)
        if not src:
            continue
        pos = m.end()
        verb = m.group().split()[-1].lower()
        if verb in _TELLING:
            obj = _TELL_OBJECT.match(text, pos, e)
            pos = obj.end() if obj else pos
        that = _THAT.match(text, pos, e)
        pos = that.end() if that else pos
        while pos < e and text[pos] in " ,:":
            pos += 1
        end = _strip_end(text, pos, e)
        if len(text[pos:end].split()) >= 3:
            return _record(text, pos, end, "indirect", src, (m.start(), m.end()))
    return None


def attribution_records(text: str) -> list[tuple]:
    """The rows of ``find_attributions(text)`` as tuples in ``ATTRIBUTION_COLUMNS`` order."""
    out: list[tuple] = []
    taken: list[tuple[int, int]] = []
    paragraphs = [m.start() for m in _PARAGRAPH.finditer(text)]
    last = None
    for q in quote_records(text):
        start, end, _, kind, source, cue, mark_start, mark_end, depth = q[:9]
        if kind != "direct" or depth > 0:
            continue
        if cue is None and last is not None and mark_start - last[1] < 200:
            if not any(last[1] <= p < mark_start for p in paragraphs):  # continues the last one
                prev = out[-1]
                src = prev[6:8] if prev[4] is not None else None
                out[-1] = _record(text, prev[0], mark_end, "direct", src, prev[8:10])
                taken[-1] = (taken[-1][0], max(taken[-1][1], mark_end))
                last = (last[0], mark_end)
                continue
        if cue is None:
            continue
        src = (q[10], q[11]) if source is not None else None
        out.append(_record(text, mark_start, mark_end, "direct", src, (q[12], q[13])))
        taken.append((sentence_start(text, mark_start, max(0, mark_start - 200)),
                      sentence_end(text, mark_end, len(text))))  # fmt: skip
        last = (mark_start, mark_end)
    for s, e in _sentences(text):
        if any(a < e and s < b for a, b in taken):
            continue
        rec = _indirect(text, s, e)
        if rec:
            out.append(rec)
    out.sort(key=lambda r: (r[0], -r[1]))
    return out


def find_attributions(text: str) -> pd.DataFrame:
    """Reported speech in ``text``, direct and indirect; columns ``ATTRIBUTION_COLUMNS``."""
    return records_frame(attribution_records(text), ATTRIBUTION_COLUMNS)
