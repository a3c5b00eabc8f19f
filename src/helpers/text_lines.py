"""Line breaks inside paragraphs: hard-wrapped lines, one paragraph per line, or short lines.

``line_layout(text)`` reads the single line breaks of a text whose lines carry no spaces at
their ends and whose paragraphs are separated by one blank line, and decides per document:

- ``wrapped``: hard-wrapped lines (e-mail, Pandoc output, typeset records). At least
  ``WRAPPED_SHARE`` of the breaks fall inside a sentence: the line does not end in
  ``. ! ? … : ;`` (closing quotes or brackets aside) and the next one does not start with a
  capital or a digit. Breaks are joined with a space, except where a line ends a sentence (``. ! ? …``)
  before a line that does not start in lower case, and is clearly shorter than the wrap
  width (its length plus the next word stays within ``SHORT_LINE`` of the width, the 90th
  percentile of the lengths of the first ``WIDTH_SAMPLE`` lines that break inside a
  sentence) or longer than any wrapped line (``LONG_LINE`` of the width): a paragraph
  ends there.
  Lines that start with capitals (lists of names and titles) are taken as wrapped too when
  most of them end with no clause mark and their lengths fill a narrow band below the width
  (``_wrapped_in_capitals``).
- ``paragraphs``: one paragraph per line (UN General Debate files): breaks inside sentences
  are rare, and at least ``SENTENCE_SHARE`` of the breaks end a sentence or ``LONG_SHARE``
  of them follow a line of ``PARAGRAPH_LINE`` characters or more (no wrap is that wide).
  Every break becomes a paragraph break (a blank line), except one inside a sentence, which
  is joined.
- ``lines``: short lines that are neither (verse, addresses, lists without markers): the
  breaks stay.

A break before a list item ("- ", "1. ", "a) ", "## ") stays a line break, except in
``paragraphs``, where a numbered line is a paragraph like the others. All the evidence is
counted with regular expressions over the whole text, so reading a layout costs a few scans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

WRAPPED_SHARE = 0.3
SENTENCE_SHARE = 0.5
LONG_SHARE = 0.3
PARAGRAPH_LINE = 100
SHORT_LINE = 0.85
LONG_LINE = 1.3
MIN_WRAPPED = 5  # wrapped lines needed to measure the wrap width
OPEN_SHARE = 0.6
MIN_BAND = 3  # lines needed to see a band of lengths
BAND = 0.7
MIN_WIDTH = 40
WIDTH_SAMPLE = 50  # wrapped lines measured for the width (the first ones)
LIST_ITEM = r"(?:[-*+•·▪◦]|\d{1,3}[.)]|[a-z][.)]|#{1,6})(?:\s|$)"


def _cased(test: str) -> str:
    """A character class body of the Latin, Greek, Cyrillic and Armenian letters passing
    ``str.isupper`` or ``str.islower`` (``test``)."""
    ranges = [(0x41, 0x24F), (0x370, 0x3FF), (0x400, 0x52F), (0x531, 0x587)]
    chars = [chr(c) for lo, hi in ranges for c in range(lo, hi + 1)]
    return "".join(c for c in chars if getattr(c, test)())


_UPPER, _LOWER = _cased("isupper"), _cased("islower")
_CLOSE = "\"'”’»)\\]"
_CLAUSE_END = ".!?…:;"
# Every pattern starts with the line break itself, so the regex engine jumps from one line
# break to the next. A line break inside a paragraph (not at a blank line):
_BREAK = re.compile(r"\n(?<=[^\n]\n)(?=[^\n])")
# ... inside a sentence: no clause end before it, no capital, digit or list item after it.
_INSIDE = re.compile(
    rf"\n(?<![{_CLAUSE_END}\n]\n)(?<![{_CLAUSE_END}][{_CLOSE}]\n)"
    rf"(?<![{_CLAUSE_END}][{_CLOSE}]{{2}}\n)(?![\n{_UPPER}0-9]|{LIST_ITEM})"
)
# ... after a line that does not end a clause (whatever follows), not before a list item.
_OPEN_END = re.compile(
    rf"\n(?<![{_CLAUSE_END}\n]\n)(?<![{_CLAUSE_END}][{_CLOSE}]\n)"
    rf"(?<![{_CLAUSE_END}][{_CLOSE}]{{2}}\n)(?=[^\n])(?!{LIST_ITEM})"
)
# ... after a sentence end, before a line that does not start in lower case.
_SENTENCE = re.compile(
    "\\n(?:" + "|".join(f"(?<=[.!?…][{_CLOSE}]{{{k}}}\\n)" for k in range(4)) + ")"
    rf"(?=[^\n])(?![{_LOWER}]|{LIST_ITEM})"
)
# ... after a line of PARAGRAPH_LINE characters or more.
_LONG = re.compile(rf"\n(?<=[^\n]{{{PARAGRAPH_LINE}}}\n)(?=[^\n])")
_JOIN = re.compile(r"\n(?<=[^\n]\n)(?!\n|" + LIST_ITEM + ")")  # any break but before an item
_WORD = re.compile(r"\S*")

STEP_NAMES = {
    "wrapped": ("wrapped lines joined", "paragraph ends at short lines"),
    "paragraphs": ("broken lines joined", "lines as paragraphs"),
}


@dataclass(frozen=True)
class Layout:
    """The decision for one text: ``kind`` (wrapped, paragraphs, lines or None when the text
    has no line break inside a paragraph); ``breaks`` inside paragraphs and the share
    ``inside_sentence``; the wrap ``width``; and ``cuts``, the positions of the line breaks
    that are the exceptions of the kind (paragraph ends of ``wrapped``, breaks inside
    sentences of ``paragraphs``)."""

    kind: str | None
    breaks: int = 0
    inside_sentence: float = 0.0
    width: float | None = None
    cuts: list[int] = field(default_factory=list)

    def steps(self, joined: int, ended: int) -> dict[str, int]:
        """The decision as normalisation step counts, given the breaks ``joined`` (made a
        space) and ``ended`` (made a blank line); kept breaks are counted too, so the layout
        is always on record."""
        if self.kind is None:
            return {}
        if self.kind == "lines":
            return {"line breaks kept": self.breaks}
        names = STEP_NAMES[self.kind]
        return {name: n for name, n in zip(names, (joined, ended), strict=True) if n}

    def edits(self, text: str) -> list[tuple[int, int, str]]:
        """The layout as sorted ``(start, end, replacement)`` edits of ``text``."""
        if self.kind == "wrapped":
            ends = set(self.cuts)
            return [
                (p, p + 1, "\n\n" if p in ends else " ")
                for p in (m.start() for m in _JOIN.finditer(text))
            ]
        if self.kind == "paragraphs":
            joins = set(self.cuts)
            return [
                (p, p + 1, " " if p in joins else "\n\n")
                for p in (m.start() for m in _BREAK.finditer(text))
            ]
        return []

    def apply(self, text: str) -> tuple[str, dict[str, int]]:
        """``text`` with the layout applied (the same text as applying ``edits``) and its
        step counts."""
        if self.kind == "wrapped":
            text, joined = _apply(text, self.cuts, "\n\n", _JOIN, " ")
            return text, self.steps(joined, len(self.cuts))
        if self.kind == "paragraphs":
            text, ended = _apply(text, self.cuts, " ", _BREAK, "\n\n")
            return text, self.steps(len(self.cuts), ended)
        return text, self.steps(0, 0)


def _apply(
    text: str, cuts: list[int], at_cut: str, pattern: re.Pattern[str], repl: str
) -> tuple[str, int]:
    """``pattern`` replaced by ``repl`` in the pieces of ``text`` between the line breaks at
    ``cuts``, which become ``at_cut``; and the number of replacements. (No pattern here
    matches across a cut: each needs a character other than a line break on both sides of
    the break it replaces.)"""
    pieces, last, total = [], 0, 0
    for p in [*cuts, len(text)]:
        piece, n = pattern.subn(repl, text[last:p])
        pieces.append(piece)
        last, total = p + 1, total + n
    return at_cut.join(pieces), total


def _line_length(text: str, newline: int) -> int:
    return newline - text.rfind("\n", 0, newline) - 1


def _wrap_width(text: str) -> int | None:
    """The 90th percentile (nearest rank) of the lengths of the first ``WIDTH_SAMPLE`` lines
    that break inside a sentence; None with fewer than ``MIN_WRAPPED`` of them."""
    sample = sorted(
        _line_length(text, m.start()) for m in islice(_INSIDE.finditer(text), WIDTH_SAMPLE)
    )
    return sample[int(0.9 * (len(sample) - 1))] if len(sample) >= MIN_WRAPPED else None


def _wrapped_in_capitals(text: str, breaks: int) -> bool:
    """Hard-wrapped lines that start with capitals (lists of names and titles): at least
    ``OPEN_SHARE`` of the lines (and ``MIN_BAND``) end with no clause mark, and the first
    ``WIDTH_SAMPLE`` of them fill a band as a wrap does (the 10th percentile of their lengths is at least
    ``BAND`` of the 90th, which is ``MIN_WIDTH`` characters or more)."""
    opened = _OPEN_END.findall(text)
    if len(opened) < max(MIN_BAND, OPEN_SHARE * breaks):
        return False
    sample = sorted(
        _line_length(text, m.start()) for m in islice(_OPEN_END.finditer(text), WIDTH_SAMPLE)
    )
    low, high = sample[int(0.1 * (len(sample) - 1))], sample[int(0.9 * (len(sample) - 1))]
    return high >= MIN_WIDTH and low >= BAND * high


def line_layout(text: str) -> Layout:
    """Decide how the single line breaks of ``text`` are read (see the module docstring)."""
    if "\n" not in text or not (n := len(_BREAK.findall(text))):
        return Layout(None)
    share = len(_INSIDE.findall(text)) / n
    if share >= WRAPPED_SHARE or _wrapped_in_capitals(text, n):
        sentence_ends = [m.start() for m in _SENTENCE.finditer(text)]
        width = _wrap_width(text) if sentence_ends else None
        ends = []
        if width is not None:
            for p in sentence_ends:
                length = _line_length(text, p)
                word = _WORD.match(text, p + 1).end() - p - 1
                if length + 1 + word <= SHORT_LINE * width or length > LONG_LINE * width:
                    ends.append(p)
        return Layout("wrapped", n, share, width, ends)
    sentences = len(_SENTENCE.findall(text))
    long = len(_LONG.findall(text))
    if sentences >= SENTENCE_SHARE * n or long >= LONG_SHARE * n:
        return Layout("paragraphs", n, share, None, [m.start() for m in _INSIDE.finditer(text)])
    return Layout("lines", n, share)
