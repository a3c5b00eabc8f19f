"""Markdown: whether a text is Markdown, and the edits that reduce it to plain text.

``markdown_evidence(text)`` scores the Markdown syntax a text holds (a link ``[text](url)``,
``**strong**``, an ATX heading, a code fence, an autolink, an escaped punctuation mark count 2
each; ``*emphasis*``, a block quote, a table rule, a setext underline, a link definition 1);
``looks_like_markdown(text)`` is true from 2 on, so ordinary text ("*" footnotes, "#1", "1."
numbered paragraphs, a "-" list) is never taken for Markdown.

``markdown_edits(text)`` parses the text with pulldown-cmark (CommonMark with tables and
strikethrough, through ``pyromark``, which gives the source range of every element) and
returns sorted ``(start, end, replacement)`` edits that keep the text and drop the markup:
heading marks and setext underlines, emphasis and strikethrough delimiters, link and image
syntax (their text or alt text stays), code fences and backticks, block-quote ``>``,
table pipes and rules, thematic breaks, link reference definitions, escaping backslashes;
entities become their character. List markers stay (list items stay lines). Blocks that the
Markdown separates with a single line break (a heading, a code block, a table row, a rule)
get a blank line, so they become paragraphs. Every kept character is the raw character it
was, so offsets map back exactly; quotation marks are never changed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

import numpy as np
import pyromark

OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
STRONG, MEDIUM, THRESHOLD = 2, 1, 2

# (weight, gate substring, pattern). Bounded repeats and classes that stop at the next
# opening mark keep every search linear.
_EVIDENCE: list[tuple[int, str, re.Pattern[str]]] = [
    (STRONG, "](", re.compile(r"\[[^\[\]\n]{1,300}\]\([^()\s]{1,500}(?:[ \t]+\"[^\"\n]{0,300}\")?\)")),
    (STRONG, "#", re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)),
    (STRONG, "<", re.compile(r"<(?:https?|ftp)://[^\s<>]{1,500}>|<[\w.+-]{1,100}@[\w-]{1,100}(?:\.[\w-]{1,100}){1,10}>")),
    (STRONG, "\\", re.compile(r"\\[*_#`\[\]]")),
    (MEDIUM, ">", re.compile(r"^ {0,3}>[ \t]?\S", re.M)),
    (MEDIUM, "-", re.compile(r"^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$", re.M)),
    (MEDIUM, "==", re.compile(r"^[^\s=][^\n]*\n {0,3}={2,}[ \t]*$", re.M)),
    (MEDIUM, "]:", re.compile(r"^ {0,3}\[[^\]\n]{1,300}\]:[ \t]*\S", re.M)),
]  # fmt: skip
# Emphasis delimiters (weight, gate, opening run, closing run): a pair is an opening run
# followed by a closing run of the same mark within one paragraph and MAX_SPAN characters.
_EMPHASIS: list[tuple[int, str, re.Pattern[str], re.Pattern[str]]] = [
    (STRONG, "**", re.compile(r"(?<![\w*\\])\*\*(?=[^\s*])"), re.compile(r"(?<=[^\s*\\])\*\*(?![\w*])")),
    (STRONG, "__", re.compile(r"(?<![\w_\\])__(?=[^\s_])"), re.compile(r"(?<=[^\s_\\])__(?![\w_])")),
    (MEDIUM, "*", re.compile(r"(?<![\w*\\])\*(?=[^\s*])"), re.compile(r"(?<=[^\s*\\])\*(?![\w*])")),
    (MEDIUM, "_", re.compile(r"(?<![\w_\\])_(?=[^\s_])"), re.compile(r"(?<=[^\s_\\])_(?![\w_])")),
]  # fmt: skip
MAX_SPAN = 300
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.M)
_INLINE = frozenset({"Emphasis", "Strong", "Strikethrough", "Link", "Image"})
# Blocks that become paragraphs of their own (a blank line is added where the Markdown has
# only a line break between them and their neighbours).
_SEPARATE = frozenset({"Heading", "CodeBlock", "TableHead", "TableRow", "Rule", "HtmlBlock"})
_LEAVES = _SEPARATE | {"Paragraph", "Item"}

Edit = tuple[int, int, str]


def _emphasis_pairs(text: str, opening: re.Pattern[str], closing: re.Pattern[str]) -> Iterator[int]:
    """Start of each opening run that a closing run follows in the same paragraph."""
    marks = sorted(
        [(m.start(), 0, m.end()) for m in opening.finditer(text)]
        + [(m.start(), 1, m.end()) for m in closing.finditer(text)]
    )
    open_at: int | None = None
    for pos, is_close, end in marks:
        if is_close and open_at is not None and pos - open_at <= MAX_SPAN:
            if "\n\n" not in text[open_at:pos]:
                yield open_at
                open_at = None
                continue
        if not is_close:
            open_at = end


def markdown_evidence(text: str, *, stop: int = THRESHOLD) -> int:
    """The Markdown evidence score of ``text`` (see the module docstring), counted up to ``stop``."""
    score = 0
    for weight, gate, pattern in _EVIDENCE:
        if gate in text:
            for _ in pattern.finditer(text):
                score += weight
                if score >= stop:
                    return score
    for weight, gate, opening, closing in _EMPHASIS:
        if gate in text:
            for _ in _emphasis_pairs(text, opening, closing):
                score += weight
                if score >= stop:
                    return score
    if "```" in text or "~~~" in text:
        fences = sum(1 for _ in zip(range(2), _FENCE.finditer(text), strict=False))
        score += STRONG if fences == 2 else 0  # an opening and a closing fence
    return score


def looks_like_markdown(text: str) -> bool:
    """True when ``text`` holds real Markdown syntax (evidence score >= 2)."""
    return markdown_evidence(text) >= THRESHOLD


def _char_offsets(text: str, data: bytes) -> np.ndarray | None:
    """Char offset of each UTF-8 byte offset of ``text`` (None when both are the same)."""
    if len(data) == len(text):
        return None
    starts = (np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80
    return np.append(np.cumsum(starts) - 1, len(text))


class _Reducer:
    """Walks pulldown-cmark events (byte ranges) and collects the edits of ``markdown_edits``."""

    def __init__(self, text: str, data: bytes) -> None:
        self.text, self.data = text, data
        self.edits: list[Edit] = []
        self.run: int | None = None  # inside inline content: raw accounted for up to here
        self.markup_end = 0  # end of the inline markup seen in the current run
        self.frontier = 0  # raw accounted for (kept or removed) up to here
        self.kept_end = 0  # end of the last kept piece of text
        self.prev_leaf: str | None = None
        self.code_start: int | None = None  # inside a code block: its start
        self.code_text: tuple[int, int] | None = None  # first start, last end of its text
        self.quotes = 0  # block-quote depth
        self.tables = 0
        self.definitions: list[tuple[int, int]] | None = None
        self.inserted = -1  # where the last blank line was added
        self.leaf_start = 0  # start of the current paragraph, heading or cell

    # --- helpers --------------------------------------------------------------------------
    def _slice(self, start: int, end: int) -> str:
        return self.data[start:end].decode()

    def _drop(self, start: int, end: int) -> None:
        if end > start:
            self.edits.append((start, end, ""))

    def _drop_keeping_newlines(self, start: int, end: int) -> None:
        """Remove the characters of ``[start, end)`` except line breaks."""
        if end <= start:
            return
        pos = start
        for piece in self._slice(start, end).split("\n"):
            size = len(piece.encode())
            self._drop(pos, pos + size)
            pos += size + 1

    def _keep(self, start: int, end: int) -> None:
        """Kept text at ``[start, end)`` inside inline content: markup before it is removed."""
        if self.run is None:
            self.run = start
            if start and self.data[start - 1] == 0x5C:  # an escaping backslash opens the run
                self._drop(start - 1, start)
        elif start > self.run:
            self._drop(self.run, start)
        self.run = max(self.run, end)
        self.frontier = max(self.frontier, end)
        self.kept_end = end

    def _keep_block(self, end: int) -> None:
        """Kept block content (code, HTML lines) up to ``end``, which may be a line break."""
        self.frontier = max(self.frontier, end)
        self.kept_end = end - (self.data[end - 1] == 0x0A)

    def _end_run(self, keep_newlines: bool = False, end: int | None = None) -> None:
        """Close the inline content: remove the markup after its last kept text."""
        if self.run is not None:
            stop = max(self.markup_end, end or 0)
            if keep_newlines:
                self._drop_keeping_newlines(self.run, stop)
            else:
                self._drop(self.run, stop)
            self.frontier = max(self.frontier, stop)
        self.run, self.markup_end = None, 0

    def _gap(self, start: int, kind: str | None) -> None:
        """Markup between blocks (``[frontier, start)``): quote marks, table pipes, link
        definitions; and a blank line before a block that stands on its own."""
        gap = self._slice(self.frontier, start) if start > self.frontier else ""
        if gap and (self.quotes or self.tables or "]:" in gap):
            self._clean_gap(self.frontier, gap)
        if kind in _LEAVES and self.prev_leaf is not None:
            if kind in _SEPARATE or self.prev_leaf in _SEPARATE:
                between = self._slice(self.kept_end, start)
                if between.count("\n") == 1:
                    self._insert_break(
                        self.kept_end + len(between[: between.index("\n") + 1].encode())
                    )
        self.frontier = max(self.frontier, start)

    def _insert_break(self, pos: int) -> None:
        if pos != self.inserted:
            self.edits.append((pos, pos, "\n"))
            self.inserted = pos

    def _image_line(self, start: int, end: int) -> None:
        """An image alone on its line (a figure and its caption) becomes a paragraph."""
        data = self.data
        line_start = data.rfind(b"\n", 0, start) + 1
        if data[line_start:start].strip(b" \t>"):
            return
        after = end
        while data[after : after + 1] in (b" ", b"\t"):
            after += 1
        if data[after : after + 1] not in (b"\n", b""):
            return
        if self.leaf_start < line_start:  # the paragraph began on an earlier line
            self._insert_break(line_start)
        if data[after + 1 : after + 2] not in (b"\n", b""):
            self._insert_break(after + 1)

    def _clean_gap(self, offset: int, gap: str) -> None:
        if "]:" in gap:
            self._drop_definitions(offset, offset + len(gap.encode()))
        pos = offset
        for ch in gap:
            size = len(ch.encode())
            if ch == ">" and self.quotes:
                self._drop(pos, pos + 1)
            elif self.tables and ch == "|":
                self.edits.append((pos, pos + 1, " "))
            elif self.tables and ch in "-:":
                self._drop(pos, pos + 1)
            pos += size

    def _drop_definitions(self, start: int, end: int) -> None:
        if self.definitions is None:
            spans = pyromark.reference_definitions(self.text, options=OPTIONS).values()
            self.definitions = sorted((d["span"]["start"], d["span"]["end"]) for d in spans)
        for s, e in self.definitions[bisect_left(self.definitions, (start, start)) :]:
            if s >= end:
                break
            if e <= end:
                self._drop_keeping_newlines(s, e)

    # --- events ---------------------------------------------------------------------------
    def feed(self, event: str | dict, start: int, end: int) -> None:
        if isinstance(event, str):  # SoftBreak, HardBreak, Rule, ...
            if event == "SoftBreak":
                self._keep(start, end)
            elif event == "HardBreak":  # a backslash before the line break goes
                self._keep(start + (self.data[start] == 0x5C), end)
            elif event == "Rule":
                self._end_run()
                self._gap(start, "Rule")
                self._drop_keeping_newlines(start, end)
                self.frontier, self.prev_leaf = max(self.frontier, end), "Rule"
            return
        ((key, value),) = event.items()
        if key == "Text":
            if self.run is None:
                self._gap(start, None)
            if self.code_start is not None:  # code: kept as it is
                first = self.code_text[0] if self.code_text else start
                self.code_text = (first, end)
                self._keep_block(end)
                return
            self._keep(start, end)
            if self.data[start] == 0x26 and self._slice(start, end) != value:  # an entity
                self.edits.append((start, end, value))
        elif key == "Code":
            ticks = len(self._slice(start, end)) - len(self._slice(start, end).lstrip("`"))
            if self.run is None:
                self._gap(start, None)
                self.run = start
            self._keep(start + ticks, end - ticks)
            self.markup_end = max(self.markup_end, end)
        elif key in ("InlineHtml", "Html", "FootnoteReference", "InlineMath", "DisplayMath"):
            if self.run is None and self.code_start is None:
                self._gap(start, None)
            if self.run is not None:
                self._keep(start, end)
            else:
                self._keep_block(end)
        elif key == "Start":
            self._start(value if isinstance(value, str) else next(iter(value)), start, end)
        elif key == "End":
            self._end(value if isinstance(value, str) else next(iter(value)), start, end)

    def _start(self, kind: str, start: int, end: int) -> None:
        if kind in _INLINE:
            if self.run is None:
                self._gap(start, None)
                self.run = start
            return
        self._end_run()
        self._gap(start, kind)
        if kind in ("Paragraph", "Heading", "TableCell"):
            self.run = self.leaf_start = start
        elif kind == "CodeBlock":
            self.code_start, self.code_text = start, None
        elif kind == "BlockQuote":
            self.quotes += 1
        elif kind == "Table":
            self.tables += 1

    def _end(self, kind: str, start: int, end: int) -> None:
        if kind in _INLINE:
            self.markup_end = max(self.markup_end, end)
            if kind == "Image":
                self._image_line(start, end)
            return
        if kind == "Heading":
            self._end_run(keep_newlines=True, end=end)
        elif kind == "CodeBlock":
            first, last = self.code_text or (end, end)
            self._drop_keeping_newlines(self.code_start, first)  # opening fence
            self._drop_keeping_newlines(max(last, self.code_start), end)  # closing fence
            self.code_start = self.code_text = None
            self.frontier = max(self.frontier, end)
        else:
            self._end_run()
            if kind in ("BlockQuote", "Table"):
                self._gap(end, None)  # its last marks
                self.quotes -= kind == "BlockQuote"
                self.tables -= kind == "Table"
        if kind in _LEAVES:
            self.prev_leaf = kind

    def result(self) -> list[Edit]:
        self._end_run()
        self._gap(len(self.data), None)  # link definitions at the end
        self.edits.sort(key=lambda e: (e[0], e[1]))
        return self.edits


def markdown_edits(text: str) -> list[Edit]:
    """Sorted, non-overlapping ``(start, end, replacement)`` edits (character offsets) that
    reduce the Markdown ``text`` to plain text (see the module docstring)."""
    data = text.encode()
    reducer = _Reducer(text, data)
    feed = reducer.feed
    for event, span in pyromark.events_with_range(text, options=OPTIONS):
        feed(event, span["start"], span["end"])
    edits = reducer.result()
    chars = _char_offsets(text, data)
    if chars is None or not edits:
        return edits
    bounds = chars[np.array([(s, e) for s, e, _ in edits], dtype=np.int64)].tolist()
    return [(s, e, r) for (s, e), (_, _, r) in zip(bounds, edits, strict=True)]
