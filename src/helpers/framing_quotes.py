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
from dataclasses import dataclass, field

import pandas as pd

from helpers.framing_attribution import attribute_quote
from helpers.framing_speakers import resolve_speakers

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
_MARK_CHARS = frozenset("“”„‟‘’‚‛«»‹›\"'")
_MARK = re.compile(r"[“”„‟‘’‚‛«»‹›\"']")
_MARK_RUN = re.compile(r"[“”„‟‘’‚‛«»‹›\"']{5,}")
_BREAK = re.compile(r"\n[ \t]*\n")  # a blank line: a paragraph break
_LEFT_OPEN = set("([{<–—-/\u2026") | _GLYPH_OPEN
_RIGHT_CLOSE = set(".,;:!?)]}>–—-/\u2026") | _GLYPH_CLOSE
_DECADE = re.compile(r"\d\ds?\b")
_MAX_DEPTH = 6  # quotations nested deeper than this are taken for unclosed marks
_MAX_UNMARKED = 2  # paragraphs without a reopening mark a continued quotation may span
_MAX_UNCLOSED = 600  # an unclosed quote never runs past this many characters (or its paragraph)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s")
_AFTER_SENTENCE = re.compile(r"[.!?]\s+$")
_WORDISH = re.compile(r"[^\W_]")  # a letter or a digit


def _direction(text: str, i: int, j: int, n: int) -> str:
    """'open', 'close' or 'ambiguous' from the characters around the mark ``text[i:j]``
    (``n == len(text)``)."""
    left = text[i - 1] if i > 0 else " "
    right = text[j] if j < n else " "
    if left in _NEUTRAL:
        left_open = i < 2 or text[i - 2].isspace() or text[i - 2] in _LEFT_OPEN
    else:
        left_open = left.isspace() or left in _LEFT_OPEN
    if right in _NEUTRAL:
        right_close = j + 1 >= n or text[j + 1].isspace() or text[j + 1] in _RIGHT_CLOSE
    else:
        right_close = right.isspace() or right in _RIGHT_CLOSE
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
    # earlier paragraphs of a quotation reopened at each paragraph (English convention):
    # (mark, start, paragraph end, inner_end) of each, in order
    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def pair_marks(text: str) -> list[tuple[int, int, int, int, int, str | None]]:
    """Pair the marks of ``text``; return ``(start, end, mark_start, mark_end, depth, anomaly)``.

    Quotes are paired within a paragraph (blank lines separate paragraphs), except that a
    quotation still open at a paragraph end continues when the next paragraph opens with a
    mark of the same family (anomaly ``continued over paragraphs`` once it closes)."""
    out: list[tuple[int, int, int, int, int, str | None]] = []
    stack: list[_Open] = []
    para_start = 0
    last_end = 0  # end of the latest quote closed in this paragraph
    suspended = -1  # end of the previous paragraph while its open quotes wait for a reopening
    skipped = 0  # paragraphs without marks passed over by a continued quotation

    def settle(entry: _Open, end: int, mark_end: int, anomaly: str | None) -> None:
        if entry.pieces and anomaly is None:
            out.append((entry.pieces[0][1], end, entry.pieces[0][0], mark_end, entry.depth,
                        "continued over paragraphs"))  # fmt: skip
        else:  # never closed: each paragraph's part is a quotation left open, as before
            for mark, start, limit, inner_end in entry.pieces:
                piece_end = _unclosed_end(text, start, limit, inner_end)
                out.append((start, piece_end, mark, piece_end, entry.depth, "unclosed"))
            out.append((entry.start, end, entry.mark, mark_end, entry.depth, anomaly))
        if stack:
            stack[-1].inner_end = max(stack[-1].inner_end, mark_end)

    def cut(entry: _Open, limit: int) -> None:
        """Settle ``entry`` as unclosed, ending at ``limit`` at the latest."""
        end = _trim_end(text, entry.start, max(entry.start, entry.inner_end, limit))
        settle(entry, end, end, "unclosed")

    def close_unclosed(limit: int) -> None:
        """Close every open quote at the end of its paragraph (``limit``) or earlier."""
        while stack:
            entry = stack.pop()
            end = _unclosed_end(text, entry.start, limit, entry.inner_end)
            settle(entry, end, end, "unclosed")

    def paragraph_break(i: int, j: int) -> None:
        nonlocal suspended, para_start, last_end, skipped
        if suspended >= 0:  # a whole paragraph without marks
            if skipped < _MAX_UNMARKED and any(e.pieces for e in stack):
                skipped += 1  # a quotation already reopened: a reopening mark forgotten
                para_start = last_end = j
                return
            close_unclosed(suspended)  # else the quotes end before it
        suspended = i if stack else -1
        skipped = 0
        para_start = last_end = j

    skip_to = -1  # closing mark of an HTML attribute value (class="odd") left in the text
    n = len(text)
    breaks = [m.span() for m in _BREAK.finditer(text)]  # two scans: faster than one regex
    b = 0
    for m in _MARK.finditer(text):
        i = m.start()
        while b < len(breaks) and breaks[b][0] < i:
            if breaks[b][0] > skip_to:
                paragraph_break(*breaks[b])
            b += 1
        if i <= skip_to:
            continue
        ch, j = m.group(), i + 1
        if j < n and text[j] in _MARK_CHARS:
            run = _MARK_RUN.match(text, i)
            if run:  # a run of five or more marks is noise (no typography stacks them)
                skip_to = run.end() - 1
                continue
            if ch == "'" and text[j] == "'":
                ch, j, skip_to = "''", j + 1, j  # two apostrophes for a double mark
        if ch == '"' and i > 0 and text[i - 1] == "=":
            skip_to = text.find(ch, j, i + 300)
            continue
        family = _FAMILY[ch]
        direction = _direction(text, i, j, n)
        if suspended >= 0:
            families = [k for k, e in enumerate(stack) if e.family == family]
            reopens = (
                families
                and direction != "close"
                and ch not in _GLYPH_CLOSE
                and (i == para_start or text[para_start:i].isspace())
            )
            if reopens:  # the quotation goes on in this paragraph
                k = families[-1]
                while len(stack) > k + 1:
                    inner = stack.pop()
                    end = _unclosed_end(text, inner.start, suspended, inner.inner_end)
                    settle(inner, end, end, "unclosed")
                entry = stack[k]
                entry.pieces.append((entry.mark, entry.start, suspended, entry.inner_end))
                entry.mark, entry.start, entry.inner_end = i, j, -1
                suspended = -1
                continue
            close_unclosed(suspended)
            suspended = -1
        open_same = [k for k, e in enumerate(stack) if e.family == family] if stack else stack
        if family == "single":
            left = text[i - 1] if i > 0 else " "
            right = text[j] if j < n else " "
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
                    cut(stack.pop(), i)
            if len(stack) >= _MAX_DEPTH:  # runaway openers: the innermost was never closed
                top = stack[-1]
                if (
                    top.inner_end < 0
                    and not top.pieces
                    and _WORDISH.search(text, top.start, i) is None
                ):
                    top.mark, top.start, top.family = i, j, family  # “““: it quoted nothing
                    continue
                cut(stack.pop(), i)
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
    for k in range(b, len(breaks)):
        if breaks[k][0] > skip_to:
            paragraph_break(*breaks[k])
    close_unclosed(suspended if suspended >= 0 else len(text))
    return out


def _unclosed_end(text: str, start: int, limit: int, inner_end: int) -> int:
    """End of a quote opened at ``start`` and never closed before ``limit`` (its paragraph
    end): at most ``_MAX_UNCLOSED`` characters, cut at the last sentence end in them, never
    before a quote nested in it (``inner_end``)."""
    end = min(limit, start + _MAX_UNCLOSED)
    if end < limit:  # cut at the last sentence end inside the window
        cuts = list(_SENTENCE_END.finditer(text, start, end))
        end = cuts[-1].start() + 1 if cuts else end
    return _trim_end(text, start, max(end, inner_end, start))


def quote_records(
    text: str, *, speaker: str | None = None, title: str | None = None, speakers: bool = True
) -> list[tuple]:
    """The rows of ``find_quotes(text, speaker=speaker, title=title)`` as plain tuples in
    ``COLUMNS`` order (fast path); ``speakers=False`` leaves ``speaker`` empty."""
    rows = []
    memo: dict = {}  # repeated passages are analysed once (see ``attribute_quote``)
    for start, end, mark_start, mark_end, depth, anomaly in pair_marks(text):
        while start < end and text[start].isspace():  # « c’est fini »: spaces inside the marks
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if _WORDISH.search(text, start, end) is None:
            continue  # “”, “…”: marks around no word quote nothing
        info = attribute_quote(text, start, end, mark_start, mark_end, depth=depth, memo=memo)
        rows.append(
            [start, end, text[start:end], info.kind, info.kind_p, info.kind_evidence,
             info.source, None, info.cue, mark_start, mark_end, depth, anomaly,
             info.source_start, info.source_end, info.cue_start, info.cue_end]
        )  # fmt: skip
    rows.sort(key=lambda r: (r[Q["mark_start"]], -r[Q["mark_end"]]))
    _inherit_adjacent(text, rows)
    if speakers and any(r[Q["source"]] is not None for r in rows):
        spans = [(r[Q["source_start"]], r[Q["source_end"]], r[Q["mark_start"]], r[Q["mark_end"]])
                 for r in rows]  # fmt: skip
        resolved = resolve_speakers(text, spans, speaker=speaker, title=title)
        for r, who in zip(rows, resolved, strict=True):
            r[Q["speaker"]] = who
    return [tuple(r) for r in rows]


def _inherit_adjacent(text: str, rows: list[list]) -> None:
    """A direct quotation right after an attributed one, only spaces between them in one
    paragraph (He said: “…” “…”), is more of the same speech: it takes its source and cue."""
    prev = None
    for r in rows:
        if r[Q["depth"]] > 0:
            continue
        if (
            prev is not None
            and r[Q["kind"]] == "direct"
            and r[Q["cue"]] is None
            and prev[Q["kind"]] == "direct"
            and prev[Q["cue"]] is not None
            and r[Q["mark_start"]] - prev[Q["mark_end"]] < 4
            and text[prev[Q["mark_end"]] : r[Q["mark_start"]]].strip(" \t\xa0") == ""
        ):
            for col in ("source", "cue", "source_start", "source_end", "cue_start", "cue_end"):
                r[Q[col]] = prev[Q[col]]
        prev = r


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


def find_quotes(text: str, *, speaker: str | None = None, title: str | None = None) -> pd.DataFrame:
    """Every quotation in ``text``, typed and attributed: one row per quotation.

    Args:
        text: the document text (normalised, as ``read_corpus`` gives it).
        speaker: who "I" and "we" are when no quotation or speaker label says otherwise
            (the document's own speaker: ``helpers.framing_names.document_speaker``).
        title: the document's title, whose names count for the canonical ``speaker``
            ("Remarks by President Biden …": "THE PRESIDENT:" is Biden, and so are "I" and
            "we" without ``speaker``).

    Returns:
        A DataFrame sorted by ``(mark_start, -mark_end)``: ``start, end`` (offsets of the
        quoted words), ``text``, ``kind`` (direct, scare, title or term), ``kind_p`` (its
        probability), ``kind_evidence`` (the features that decided it, in words),
        ``source`` (as written), ``speaker`` (the source resolved, canonical), ``cue`` (the
        speech verb or label), ``mark_start, mark_end`` (offsets of the marks), ``depth``
        (0 outermost), ``anomaly`` (unbalanced marks, else None), ``source_start,
        source_end, cue_start, cue_end``.

    Example:
        >>> from helpers.framing import find_quotes
        >>> q = find_quotes("Armenia held so-called “elections” on 31 March 2020. "
        ...                 "“We will never accept this,” the minister said.")
        >>> print(q[["start", "end", "text", "kind", "source"]].to_string(index=False))
         start  end                       text   kind       source
            24   33                  elections  scare         None
            54   80 We will never accept this, direct the minister
    """
    return records_frame(quote_records(text, speaker=speaker, title=title), COLUMNS)
