"""Line breaks inside paragraphs: hard-wrapped lines, one paragraph per line, or short lines.

``line_layout(text)`` reads the single line breaks of a text whose lines carry no spaces at
their ends and whose paragraphs are separated by one blank line, and decides per document:

- ``wrapped``: hard-wrapped lines (e-mail, Pandoc output, typeset records). At least
  ``WRAPPED_SHARE`` of the breaks fall inside a sentence: the line has no final punctuation
  and the next one does not start with a capital. Breaks are joined with a space, except
  where a line ends a sentence and is clearly shorter than the wrap width (its length plus
  the next word stays within ``SHORT_LINE`` of the width, the 90th percentile of the wrapped
  lines' lengths) or longer than any wrapped line (``LONG_LINE`` of the width): a paragraph
  ends there.
- ``paragraphs``: one paragraph per line (UN General Debate files): breaks inside sentences
  are rare, and at least ``SENTENCE_SHARE`` of the lines end a sentence before a capital or
  ``LONG_SHARE`` of them are ``PARAGRAPH_LINE`` characters or longer (no wrap is that wide). Every break becomes a paragraph
  break (a blank line), except one inside a sentence, which is joined.
- ``lines``: short lines that are neither (verse, addresses, lists without markers): the
  breaks stay.

A break before a list item ("- ", "1. ", "a) ", "## ") stays a line break, except in
``paragraphs``, where a numbered line is a paragraph like the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

WRAPPED_SHARE = 0.3
SENTENCE_SHARE = 0.5
LONG_SHARE = 0.3
PARAGRAPH_LINE = 100
SHORT_LINE = 0.85
LONG_LINE = 1.3
MIN_WRAPPED = 5  # wrapped lines needed to measure the wrap width
LIST_ITEM = r"(?:[-*+•·▪◦]|\d{1,3}[.)]|[a-z][.)]|#{1,6})(?:\s|$)"
_ITEM = re.compile(LIST_ITEM)
_ITEM_START = frozenset("-*+•·▪◦#0123456789abcdefghijklmnopqrstuvwxyz")
CLOSERS = "\"'”’»)]"
SENTENCE_END = frozenset(".!?…")
CLAUSE_END = SENTENCE_END | frozenset(":;")

STEP_NAMES = {
    "wrapped": ("wrapped lines joined", "paragraph ends at short lines"),
    "paragraphs": ("broken lines joined", "lines as paragraphs"),
}


def _none() -> np.ndarray:
    return np.array([], dtype=np.int64)


@dataclass(frozen=True)
class Layout:
    """The decision for one text: ``kind`` (wrapped, paragraphs, lines or None when the text
    has no line break inside a paragraph); the line breaks to join (become a space) and those
    that end a paragraph (become a blank line), as positions in the text (``joins``,
    ``paragraph_ends``) and as the index of the line they follow (``join_lines``,
    ``end_lines``); and the evidence: ``breaks`` inside paragraphs, the share
    ``inside_sentence`` and the wrap ``width``."""

    kind: str | None
    joins: np.ndarray = field(default_factory=_none)
    paragraph_ends: np.ndarray = field(default_factory=_none)
    join_lines: np.ndarray = field(default_factory=_none)
    end_lines: np.ndarray = field(default_factory=_none)
    breaks: int = 0
    inside_sentence: float = 0.0
    width: float | None = None

    def steps(self) -> dict[str, int]:
        """What the layout changes, as normalisation step counts (kept breaks are counted
        too, so the decision is always on record)."""
        if self.kind is None:
            return {}
        if self.kind == "lines":
            return {"line breaks kept": self.breaks}
        joined, ends = STEP_NAMES[self.kind]
        counts = {joined: len(self.joins), ends: len(self.paragraph_ends)}
        return {name: n for name, n in counts.items() if n}


def _char_classes(chars: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Upper-case and lower-case flags of one-character strings ("" for an empty line)."""
    upper = {c: c.isupper() for c in set(chars)}
    lower = {c: c.islower() for c in upper}
    return (
        np.fromiter(map(upper.__getitem__, chars), dtype=bool, count=len(chars)),
        np.fromiter(map(lower.__getitem__, chars), dtype=bool, count=len(chars)),
    )


def _is_item(lines: list[str], first: list[str]) -> np.ndarray:
    """Whether each line starts with a list-item marker."""
    flags = np.zeros(len(lines), dtype=bool)
    for i in [i for i, c in enumerate(first) if c in _ITEM_START]:
        flags[i] = _ITEM.match(lines[i]) is not None
    return flags


def _layout(
    kind: str,
    newline: np.ndarray,
    joins: np.ndarray,
    ends: np.ndarray,
    breaks: int,
    share: float,
    width: float | None,
) -> Layout:
    join_lines, end_lines = np.flatnonzero(joins), np.flatnonzero(ends)
    return Layout(
        kind, newline[join_lines], newline[end_lines], join_lines, end_lines, breaks, share, width
    )


def line_layout(text: str) -> Layout:
    """Decide how the single line breaks of ``text`` are read (see the module docstring)."""
    if "\n" not in text:
        return Layout(None)
    lines = text.split("\n")
    length = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    br = (length[:-1] > 0) & (length[1:] > 0)  # break after line i, inside a paragraph
    n = int(br.sum())
    if n == 0:
        return Layout(None)
    first = [line[:1] for line in lines]
    last = [line.rstrip(CLOSERS)[-1:] for line in lines]
    upper, lower = _char_classes(first)
    ends_clause = np.fromiter((c in CLAUSE_END for c in last), dtype=bool, count=len(last))
    ends_sentence = np.fromiter((c in SENTENCE_END for c in last), dtype=bool, count=len(last))
    item = _is_item(lines, first)
    inside = br & ~ends_clause[:-1] & ~upper[1:] & ~item[1:]  # a sentence goes on
    sentence = br & ends_sentence[:-1] & ~lower[1:]  # a sentence ends, the next begins
    newline = np.cumsum(length + 1)[:-1] - 1  # position of the line break after line i
    share = float(inside.sum()) / n
    if share >= WRAPPED_SHARE:
        width = (
            float(np.percentile(length[:-1][inside], 90)) if inside.sum() >= MIN_WRAPPED else None
        )
        ends = np.zeros_like(br)
        if width is not None:
            for i in np.flatnonzero(sentence & ~item[1:]):
                fits = length[i] + 1 + len(lines[i + 1].split(" ", 1)[0]) <= SHORT_LINE * width
                ends[i] = fits or length[i] > LONG_LINE * width
        return _layout("wrapped", newline, br & ~item[1:] & ~ends, ends, n, share, width)
    long = int((length[:-1][br] >= PARAGRAPH_LINE).sum())
    if sentence.sum() >= SENTENCE_SHARE * n or long >= LONG_SHARE * n:
        return _layout("paragraphs", newline, inside, br & ~inside, n, share, None)
    return Layout("lines", breaks=n, inside_sentence=share)
