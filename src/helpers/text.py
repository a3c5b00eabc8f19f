"""Normalise document text and split it into paragraphs and sentences, keeping offsets.

``normalise(raw)`` returns a :class:`Normalised`: the cleaned text, an :class:`OffsetMap`
from positions in it back to positions in ``raw`` (``track=False`` skips the map, for speed)
and a count of each change. Changes, in order: mojibake repaired (ftfy); NFC; zero-width
characters and soft hyphens removed, CR LF to LF; dash, hyphen, space and line-separator
variants unified; words hyphenated across a line end joined; single line breaks inside a
paragraph become spaces; runs of spaces collapsed, one blank line between paragraphs, ends
trimmed. Quotation marks (“ ” ‘ ’ « » „ ‹ › " ') and apostrophes are never changed.

``split_paragraphs(text)`` and ``split_sentences(text)`` return ``(start, end)`` spans.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np

from helpers.decoding import repair_mojibake

# --- character classes -------------------------------------------------------------------
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
HYPHENS = "\u2010\u2011\u2043\ufe63\uff0d\u2212"  # become "-"
DASHES = "\u2012\u2014\u2015\u2e3a\u2e3b\ufe58\ufe31\ufe32"  # become "–" (en dash)
SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c"  # become " "
LINE_BREAKS = "\r\u0085\u2028"  # become "\n" (a CR before LF is removed); U+2029 becomes "\n\n"

# Words whose hyphen before a line break is kept ("so-\ncalled" -> "so-called").
KEEP_HYPHEN_AFTER = frozenset(
    "so self well non co anti pro ex post pre cross long short half vice semi multi inter "
    "intra counter all full high low mid quasi pseudo neo sub super ultra".split()
)

_NOT_NFC = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")
_LIST_ITEM = r"(?:[-*+•·▪◦]|\d{1,3}[.)]|[a-z][.)]|#{1,6})\s"
_LIST_START = re.compile(_LIST_ITEM)
_WORD_END = re.compile(r"\w+$")
_WORD_START = re.compile(r"\w+")
_UNIFY = {**{c: "-" for c in HYPHENS}, **{c: "–" for c in DASHES}, **{c: "\n" for c in LINE_BREAKS}}


def _invisible(m: re.Match[str]) -> str:
    c = m.group()
    if c == "\r":
        return "" if m.string.startswith("\n", m.end()) else c  # lone CR: next step
    return "\n\n" if c == "\u2029" else ""


def _unify(m: re.Match[str]) -> str:
    return _UNIFY.get(m.group(), " ")


def _hyphenation(m: re.Match[str]) -> str:
    text = m.string
    left = _WORD_END.search(text, max(0, m.start() - 60), m.start()).group()
    right = _WORD_START.match(text, m.end()).group()
    keep = not right[0].islower() or left.lower() in KEEP_HYPHEN_AFTER or (
        f"{left}-{right}" in text and f"{left}{right}" not in text
    )
    return "-" if keep else ""


def _whitespace(m: re.Match[str]) -> str:
    newlines = m.group().count("\n")
    if newlines >= 2:
        return "\n\n"
    if newlines == 1 and _LIST_START.match(m.string, m.end()):
        return "\n"
    return " "


Replacement = Callable[[re.Match[str]], str] | str
# (step name, pattern, replacement); applied in order to the whole text.
STEPS: list[tuple[str, re.Pattern[str], Replacement]] = [
    ("invisible characters", re.compile("[" + INVISIBLE + "\u2029\r]"), _invisible),
    ("dashes and spaces", re.compile("[" + HYPHENS + DASHES + SPACES + LINE_BREAKS + "]"), _unify),
    ("hyphenation", re.compile(r"-(?<=\w-)[ ]*\n[ ]*(?=\w)"), _hyphenation),
    ("line breaks", re.compile(r"\n(?<=[^ \n]\n)(?![ \n]|" + _LIST_ITEM + ")"), " "),
    ("whitespace", re.compile(r" [ \n]+|\n(?:[ \n]{2,}| [ \n]*)"), _whitespace),
]


@dataclass(frozen=True)
class OffsetMap:
    """Piecewise-linear map from normalised positions to raw positions.

    ``norm[k]`` and ``raw[k]`` are matching breakpoints; between breakpoints positions advance
    together, never past the next raw breakpoint. ``to_raw(i)`` works for 0 <= i <= len(text).
    """

    norm: np.ndarray
    raw: np.ndarray

    def to_raw(self, pos: int | np.ndarray, end: bool = False) -> int | np.ndarray:
        """Raw position of normalised position(s) ``pos`` (an int or an array of ints).

        Span starts map to the raw character they came from; with ``end=True`` a span end maps
        to just after the raw character of ``pos - 1``, so removed characters (a CR, a soft
        hyphen) after a span stay outside it.
        """
        if end:
            pos = np.asarray(pos)
            after = self.to_raw(np.maximum(pos - 1, 0)) + 1
            result = np.where(pos > 0, after, self.to_raw(pos))
            return int(result) if np.ndim(result) == 0 else result
        k = np.searchsorted(self.norm, pos, side="right") - 1
        mapped = self.raw[k] + (pos - self.norm[k])
        nxt = np.minimum(k + 1, len(self.raw) - 1)
        limit = np.where(k + 1 < len(self.raw), self.raw[nxt], np.iinfo(np.int64).max)
        result = np.minimum(mapped, limit)
        return int(result) if np.ndim(result) == 0 else result


@dataclass(frozen=True)
class Normalised:
    """The normalised ``text``, its ``offsets`` back to the raw text and ``steps`` counts."""

    text: str
    offsets: OffsetMap | None
    steps: dict[str, int] = field(default_factory=dict)


class _Editor:
    """Applies edits to one string and composes their offset maps."""

    def __init__(self, raw: str) -> None:
        self.text = raw
        self.norm = np.array([0], dtype=np.int64)
        self.raw = np.array([0], dtype=np.int64)
        self.steps: dict[str, int] = {}

    def apply(self, step: str, edits: list[tuple[int, int, str]]) -> None:
        """Apply sorted, non-overlapping ``(start, end, replacement)`` edits as one step."""
        if not edits:
            return
        pieces, bp_old, bp_new = [], [0], [0]
        last, shift = 0, 0
        for start, end, repl in edits:
            pieces.append(self.text[last:start])
            pieces.append(repl)
            if len(repl) != end - start:
                new_start = start + shift
                bp_old += [start, end]
                bp_new += [new_start, new_start + len(repl)]
                shift += len(repl) - (end - start)
            last = end
        pieces.append(self.text[last:])
        self.text = "".join(pieces)
        self.steps[step] = self.steps.get(step, 0) + len(edits)
        if len(bp_old) > 1:
            self._compose(np.array(bp_new, dtype=np.int64), np.array(bp_old, dtype=np.int64))

    def _compose(self, new: np.ndarray, old: np.ndarray) -> None:
        """Compose the latest step (new -> current text) with the existing map (current -> raw)."""
        if len(self.norm) == 1 and self.raw[0] == 0:  # existing map is the identity
            norm, raw = new, old
        else:
            preimages = OffsetMap(old, new).to_raw(self.norm)
            norm = np.concatenate([new, preimages])
            mid = np.concatenate([old, self.norm])
            order = np.lexsort((mid, norm))
            norm = norm[order]
            raw = OffsetMap(self.norm, self.raw).to_raw(mid[order])
        keep = np.ones(len(norm), dtype=bool)  # drop breakpoints on their predecessor's line
        keep[1:] = np.diff(raw) != np.diff(norm)
        self.norm, self.raw = norm[keep], raw[keep]

    def result(self) -> Normalised:
        return Normalised(self.text, OffsetMap(self.norm, self.raw), self.steps)


def _diff_edits(before: str, after: str, offset: int) -> list[tuple[int, int, str]]:
    """Character-level edits turning ``before`` into ``after``, shifted by ``offset``."""
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    return [
        (offset + i1, offset + i2, after[j1:j2])
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]


def repair_edits(before: str, after: str) -> list[tuple[int, int, str]]:
    """Edits that turn ``before`` into ``after`` (e.g. a mojibake repair), line by line."""
    a_lines, b_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    if len(a_lines) != len(b_lines):
        return _diff_edits(before, after, 0)
    edits, pos = [], 0
    for a, b in zip(a_lines, b_lines, strict=True):
        if a != b:
            edits += _diff_edits(a, b, pos)
        pos += len(a)
    return edits


def _nfc_edits(text: str) -> list[tuple[int, int, str]]:
    edits = []
    for m in _NOT_NFC.finditer(text):
        piece = m.group()
        fixed = unicodedata.normalize("NFC", piece)
        if fixed != piece:
            edits.append((m.start(), m.end(), fixed))
    return edits


def _step_edits(pattern: re.Pattern[str], repl: Replacement, text: str, start: int, end: int
                ) -> list[tuple[int, int, str]]:
    edits = []
    for m in pattern.finditer(text, start, end):
        new = repl if isinstance(repl, str) else repl(m)
        if new != m.group():
            edits.append((m.start(), m.end(), new))
    return edits


def normalise(raw: str, repair: bool = True, track: bool = True) -> Normalised:
    """Normalise ``raw``; return the text, its offset map back to ``raw`` and step counts.

    ``repair`` fixes mojibake first (ftfy). ``track=False`` skips the offset map (``offsets``
    is then None) and runs each step as one ``re.sub``; the text is the same either way.
    """
    text, steps = raw, {}
    if repair:
        fixed, changed = repair_mojibake(raw)
    nfc_needed = not (raw.isascii() or unicodedata.is_normalized("NFC", fixed if repair else raw))
    if not track:
        if repair and changed:
            text, steps["mojibake"] = fixed, 1
        if nfc_needed:
            text, steps["nfc"] = unicodedata.normalize("NFC", text), 1
        for name, pattern, repl in STEPS:
            text, n = pattern.subn(repl, text.strip() if name == "whitespace" else text)
            if n:
                steps[name] = steps.get(name, 0) + n
        return Normalised(text, None, steps)
    editor = _Editor(raw)
    if repair and changed:
        editor.apply("mojibake", repair_edits(raw, fixed))
    if nfc_needed:
        editor.apply("nfc", _nfc_edits(editor.text))
    for name, pattern, repl in STEPS:
        text = editor.text
        start, end = 0, len(text)
        trim = []
        if name == "whitespace":
            start = len(text) - len(text.lstrip())
            end = max(start, len(text.rstrip()))
            trim = [(0, start, "")] if start else []
        edits = trim + _step_edits(pattern, repl, text, start, end)
        if end < len(text):
            edits.append((end, len(text), ""))
        editor.apply(name, edits)
    return editor.result()


# --- paragraphs and sentences ------------------------------------------------------------
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st mt jr sr messrs mme
    vs v cf approx fig figs dept est ca al
    jan feb mar apr jun jul aug sep sept oct nov dec
    inc corp co ltd bros e.g i.e a.m p.m""".split()
)
NUMBER_ABBREVIATIONS = frozenset({"No", "Nos", "no", "Art", "Para", "para", "Vol", "p", "pp"})
# Sentence starters after which "U.S." or "U.N." at a sentence end is believed.
STARTERS = frozenset(
    """the this that these those it its he she we they i you there here in on at but and
    however meanwhile a an as if when while after before since his her our their my
    """.split()
)
_BOUNDARY = re.compile(
    r"""[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]*[A-Z0-9À-ÖØ-ÞА-Я])"""
)
_WORD_EDGE = "\"'“‘«(["
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[]*(\w+)")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: text between blank lines, trimmed of whitespace."""
    spans = []
    start = 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = m.end() if m else end
    return spans


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    """Decide whether the punctuation matched by ``m`` ends a sentence."""
    if text[m.start()] != ".":
        return True
    space = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start()))
    word = text[space + 1 : m.start()].lstrip(_WORD_EDGE)
    if not word:
        return True
    lower = word.lower().rstrip(".")
    if lower in ABBREVIATIONS:
        return False
    if word in NUMBER_ABBREVIATIONS and text[m.end() :].lstrip()[:1].isdigit():
        return False
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # U.N., U.S., e.g.
        nxt = _NEXT_WORD.match(text, m.end())
        return bool(nxt) and nxt.group(1).lower() in STARTERS
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``text`` (within paragraphs, never across them).

    Copes with abbreviations (Mr., U.N.), initials, decimals, "20 per cent." and quotation
    marks that close a sentence (``…whatsoever,” reads the letter.`` stays one sentence).
    """
    return [span for ps, pe in split_paragraphs(text) for span in paragraph_sentences(text, ps, pe)]


def paragraph_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in the paragraph ``text[start:end]``."""
    spans: list[tuple[int, int]] = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _is_boundary(text, m):
            spans.append((s, m.end()))
            s = m.end()
            while s < end and text[s].isspace():
                s += 1
    if s < end:
        spans.append((s, end))
    return spans
