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
entities become their character. List markers and the spaces around removed markup stay
(list items stay lines). Headings, table rows, HTML blocks and an image alone on its line
get a blank line where the Markdown has only a line break before or after them, so they
become paragraphs. Every kept character is the raw character it was, so offsets map back
exactly; quotation marks are never changed. The parser reads each non-ASCII character as an
ASCII "?" (so its byte offsets are character offsets): punctuation either way for
CommonMark's rules, except a non-ASCII letter next to an emphasis mark inside a word.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

import pyromark

OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
STRONG, MEDIUM, THRESHOLD = 2, 1, 2

# (weight, gate substring, pattern). Bounded repeats and classes that stop at the next
# opening mark keep every search linear. Patterns of a line's start begin with its line
# break (searched in the text after a line break), so the search jumps from line to line.
_EVIDENCE: list[tuple[int, str, re.Pattern[str]]] = [
    (STRONG, "](", re.compile(r"\[[^\[\]\n]{1,300}\]\([^()\s]{1,500}(?:[ \t]+\"[^\"\n]{0,300}\")?\)")),
    (STRONG, "#", re.compile(r"\n {0,3}#{1,6}[ \t]+\S")),
    (STRONG, "<", re.compile(r"<(?:https?|ftp)://[^\s<>]{1,500}>|<[\w.+-]{1,100}@[\w-]{1,100}(?:\.[\w-]{1,100}){1,10}>")),
    (STRONG, "\\", re.compile(r"\\[*_#`\[\]]")),
    (MEDIUM, ">", re.compile(r"\n {0,3}>[ \t]?\S")),
    (MEDIUM, "-", re.compile(r"\n {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*(?=\n|$)")),
    (MEDIUM, "==", re.compile(r"\n[^\s=][^\n]{0,300}\n {0,3}={2,}[ \t]*(?=\n|$)")),
    (MEDIUM, "]:", re.compile(r"\n {0,3}\[[^\]\n]{1,300}\]:[ \t]*\S")),
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
_FENCE = re.compile(r"\n {0,3}(?:`{3,}|~{3,})")
_INLINE = frozenset({"Emphasis", "Strong", "Strikethrough", "Link", "Image"})
_INLINE_MARKS = _INLINE - {"Image"}  # handled in the event loop itself inside running text
# Blocks that become paragraphs of their own (a blank line is added where the Markdown has
# only a line break between them and their neighbours).
_SEPARATE = frozenset({"Heading", "TableHead", "TableRow", "HtmlBlock"})
_LEAVES = _SEPARATE | {"Paragraph", "Item"}

Edit = tuple[int, int, str]


def _emphasis_pairs(text: str, opening: re.Pattern[str], closing: re.Pattern[str]) -> Iterator[int]:
    """Start of each opening run that a closing run follows within ``MAX_SPAN`` characters
    in the same paragraph (searched lazily: the first pair costs one or two searches)."""
    pos = 0
    while (start := opening.search(text, pos)) is not None:
        end = closing.search(text, start.end(), start.end() + MAX_SPAN)
        if end is not None and "\n\n" not in text[start.end() : end.start()]:
            yield start.start()
            pos = end.end()
        else:
            pos = start.end()


def markdown_evidence(text: str, *, stop: int = THRESHOLD) -> int:
    """The Markdown evidence score of ``text`` (see the module docstring), counted up to ``stop``."""
    score = 0
    lined = "\n" + text
    for weight, gate, pattern in _EVIDENCE:
        if gate in text:
            for _ in pattern.finditer(lined):
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
        fences = sum(1 for _ in zip(range(2), _FENCE.finditer(lined), strict=False))
        score += STRONG if fences == 2 else 0  # an opening and a closing fence
    return score


def looks_like_markdown(text: str) -> bool:
    """True when ``text`` holds real Markdown syntax (evidence score >= 2)."""
    return markdown_evidence(text) >= THRESHOLD


def _drop_markup(edits: list[Edit], data: bytes, start: int, end: int) -> None:
    """Remove the markup in ``data[start:end]`` between running text; spaces at its ends
    (around a line break, the indentation of a continuation line) stay."""
    gap = data[start:end]
    core = gap.strip()
    if core:
        left = start + gap.index(core)
        edits.append((left, left + len(core), ""))


class _Reducer:
    """Walks pulldown-cmark events (byte ranges) and collects the edits of ``markdown_edits``."""

    def __init__(self, text: str, data: bytes) -> None:
        self.text, self.data = text, data
        self.edits: list[Edit] = []
        self.run: int | None = None  # inside inline content: raw accounted for up to here
        self.markup_end = 0  # end of the inline markup seen in the current run
        self.frontier = 0  # raw accounted for (kept or removed) up to here
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
            _drop_markup(self.edits, self.data, self.run, start)
        self.run = max(self.run, end)
        self.frontier = max(self.frontier, end)

    def _keep_block(self, end: int) -> None:
        """Kept block content (code, HTML lines) up to ``end``, which may be a line break."""
        self.frontier = max(self.frontier, end)

    def _end_run(self, keep_newlines: bool = False, end: int | None = None) -> None:
        """Close the inline content: remove the markup after its last kept text."""
        if self.run is not None:
            stop = max(self.markup_end, end or 0)
            if keep_newlines:
                self._drop_keeping_newlines(self.run, stop)
            else:
                self._drop(self.run, stop)
            self.frontier = max(self.frontier, stop, self.run)
        self.run, self.markup_end = None, 0

    def _gap(self, start: int, kind: str | None) -> None:
        """Markup between blocks (``[frontier, start)``): quote marks, table pipes, link
        definitions; and a blank line before a block that stands on its own."""
        frontier = self.frontier
        if start > frontier:
            if self.quotes or self.tables or b"]:" in self.data[frontier:start]:
                self._clean_gap(frontier, self._slice(frontier, start))
            self.frontier = start
        if kind in _LEAVES and self.prev_leaf is not None:
            if kind in _SEPARATE or self.prev_leaf in _SEPARATE:
                line = self.data.rfind(b"\n", 0, start) + 1
                before = self.data[self.data.rfind(b"\n", 0, max(line - 1, 0)) + 1 : line - 1]
                if line and before.strip(b" \t>"):  # the line before is not blank
                    self._insert_break(line)

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
            elif event == "Rule":  # its line is left empty: a blank line between neighbours
                self._end_run()
                self._gap(start, None)
                self._drop_keeping_newlines(start, end)
                self.frontier, self.prev_leaf = max(self.frontier, end), None
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


def _ascii_edits(text: str) -> list[Edit]:
    """The edits of one stretch of ASCII Markdown (byte offsets are character offsets).

    The event loop handles the frequent events itself, with the same effect as
    ``_Reducer.feed`` (a test checks it): text, line breaks and inline marks in running
    text, and the start and end of paragraphs, lists and items outside quotes and tables. It
    keeps the running text's end in a local variable and passes other events to ``feed``."""
    data = text.encode()
    reducer = _Reducer(text, data)
    edits, feed = reducer.edits, reducer.feed
    run = None  # == reducer.run, except after running text (then reducer.run lags behind)
    plain = True  # outside block quotes, tables and code
    for event, span in pyromark.events_with_range(text, options=OPTIONS):
        start = span["start"]
        if event.__class__ is dict:
            if run is not None:
                if "Text" in event and data[start] != 0x26:
                    if start > run:
                        _drop_markup(edits, data, run, start)
                    run = span["end"]
                    continue
                kind = event.get("Start")
                if kind is not None:
                    if kind.__class__ is str and kind in _INLINE or "Link" in kind:
                        continue  # inline marks: removed with the next text
                elif (kind := event.get("End")) is not None:
                    if kind.__class__ is str and kind in _INLINE_MARKS:
                        if span["end"] > reducer.markup_end:
                            reducer.markup_end = span["end"]
                        continue
                    if kind == "Paragraph" or kind == "Item":
                        if reducer.markup_end > run:
                            edits.append((run, reducer.markup_end, ""))
                        reducer.frontier = max(reducer.frontier, reducer.markup_end, run)
                        reducer.run = run = None
                        reducer.markup_end, reducer.prev_leaf = 0, kind
                        continue
            elif plain and b"]:" not in data[reducer.frontier : start]:
                kind = event.get("Start")
                if kind == "Paragraph" and reducer.prev_leaf not in _SEPARATE:
                    reducer.frontier = max(reducer.frontier, start)
                    reducer.run = reducer.leaf_start = run = start
                    reducer.markup_end = 0
                    continue
                if (kind == "Item" and reducer.prev_leaf not in _SEPARATE) or (
                    kind.__class__ is dict and "List" in kind
                ):
                    reducer.frontier = max(reducer.frontier, start)
                    continue
                if kind is None:
                    kind = event.get("End")
                    if kind == "Item" or kind.__class__ is dict and "List" in kind:
                        reducer.markup_end = 0
                        if kind == "Item":
                            reducer.prev_leaf = kind
                        continue
                    if "Text" in event and data[start] != 0x26 and data[start - 1] != 0x5C:
                        reducer.frontier = max(reducer.frontier, start)
                        run = span["end"]  # running text in a tight list item
                        continue
        elif event == "SoftBreak" and run is not None:
            if start > run:
                _drop_markup(edits, data, run, start)
            run = span["end"]
            continue
        if run is not None:
            reducer.run = run  # hand the running text over
        feed(event, start, span["end"])
        run = reducer.run
        plain = not (reducer.quotes or reducer.tables) and reducer.code_start is None
    reducer.run = run
    return reducer.result()


def markdown_edits(text: str) -> list[Edit]:
    """Sorted, non-overlapping ``(start, end, replacement)`` edits (character offsets) that
    reduce the Markdown ``text`` to plain text (see the module docstring)."""
    if not text.isascii():  # one ASCII "?" per other character: bytes are characters
        text = text.encode("ascii", "replace").decode("ascii")
    return _ascii_edits(text)
