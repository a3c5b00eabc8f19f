"""Normalise document text and split it into paragraphs and sentences, keeping offsets.

``normalise(raw)`` returns a :class:`Normalised`: the cleaned text, an :class:`OffsetMap`
from positions in it back to positions in ``raw`` (``track=False`` skips the map, for speed)
and a count of each change. Changes, in order: mojibake repaired (ftfy); HTML tags left in
the text removed (``<td>``, ``<strong>``; only known tag names); zero-width
characters and soft hyphens removed, CR LF to LF; dash, hyphen, space and line-separator
variants unified; Markdown reduced to plain text when the text is Markdown (declared, or
detected: ``helpers.text_markdown``); words hyphenated across a line end joined; spaces
around line breaks removed, one blank line between paragraphs; runs of spaces collapsed;
ends trimmed; NFC; line breaks inside a paragraph read per document as hard-wrapped lines
(joined), one paragraph per line (blank lines) or short lines (kept) by
``helpers.text_lines``. Quotation marks (“ ” ‘ ’ « » „ ‹ › " ') and apostrophes are never
changed.

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
from helpers.text_lines import LIST_ITEM, line_layout
from helpers.text_markdown import looks_like_markdown, markdown_edits

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
_LIST_ITEM = LIST_ITEM
_WORD_END = re.compile(r"\w+$")
_WORD_START = re.compile(r"\w+")
_UNIFY = {**{c: "-" for c in HYPHENS}, **{c: "–" for c in DASHES}, **{c: "\n" for c in LINE_BREAKS}}


def _character(m: re.Match[str]) -> str:
    """Replacement for one unusual character (see the character classes above)."""
    c = m.group()
    if c == "\r":
        return "" if m.string.startswith("\n", m.end()) else "\n"
    if c == "\u2029":
        return "\n\n"
    if c in INVISIBLE:
        return ""
    return _UNIFY.get(c, " ")


HTML_INLINE = "a abbr b cite code del em i ins mark q s small span strong sub sup u".split()
HTML_BLOCK = (
    "blockquote br caption col colgroup dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr img "
    "li ol p pre table tbody td tfoot th thead tr ul"
).split()
_MARKUP = re.compile(
    r"<!--.*?-->|</?(" + "|".join(HTML_INLINE + HTML_BLOCK) + r")(?:\s[^<>]*)?/?>",
    re.IGNORECASE | re.DOTALL,
)


def _markup(m: re.Match[str]) -> str:
    """HTML tags left in a text: inline tags vanish, block tags become a space."""
    name = (m.group(1) or "").lower()
    return "" if not name or name in HTML_INLINE else " "


def _hyphenation(m: re.Match[str]) -> str:
    text = m.string
    left = _WORD_END.search(text, max(0, m.start() - 60), m.start()).group()
    right = _WORD_START.match(text, m.end()).group()
    keep = (
        not right[0].islower()
        or left.lower() in KEEP_HYPHEN_AFTER
        or (f"{left}-{right}" in text and f"{left}{right}" not in text)
    )
    return "-" if keep else ""


def _strip_line_ends(text: str) -> tuple[str, int]:
    """Fast equivalent of ``re.subn(" +\\n", "\\n", text)``."""
    lines = text.split("\n")
    stripped = [line.rstrip(" ") for line in lines[:-1]] + lines[-1:]
    return "\n".join(stripped), sum(a != b for a, b in zip(lines, stripped, strict=True))


Replacement = Callable[[re.Match[str]], str] | str
_UNUSUAL = "[" + INVISIBLE + "\u2029" + HYPHENS + DASHES + SPACES + LINE_BREAKS + "]"
_UNUSUAL_RE = re.compile(_UNUSUAL)
_COMMON = (("\u00a0", " "), ("\u2014", "–"), ("\u202f", " "))  # most frequent unusual characters


def _characters_fast(text: str) -> tuple[str, int]:
    """Same as the characters step: frequent characters by ``str.replace``, the rest by regex."""
    total = 0
    for char, repl in _COMMON:
        n = text.count(char)
        if n:
            text, total = text.replace(char, repl), total + n
    text, n = _UNUSUAL_RE.subn(_character, text)
    return text, total + n


# Faster whole-text versions of some steps (same result as the pattern; tested).
FAST: dict[str, Callable[[str], tuple[str, int]]] = {
    " +\n": _strip_line_ends,
    _UNUSUAL: _characters_fast,  # the pattern string of _UNUSUAL_RE
}
# (step name, gate, pattern, replacement), applied in order to the whole text. A step runs
# only when its gate (a substring, or None for "text is not plain ASCII without CR") is in
# the text: a cheap test that skips most regex scans. Markdown is reduced between the two
# lists; the line layout (``helpers.text_lines``) is read last, after trimming and NFC.
STEPS_BEFORE_MARKDOWN: list[tuple[str, str | None, re.Pattern[str], Replacement]] = [
    ("html tags", "<", _MARKUP, _markup),
    ("characters", None, _UNUSUAL_RE, _character),
]
STEPS: list[tuple[str, str | None, re.Pattern[str], Replacement]] = [
    ("hyphenation", "-", re.compile(r"-(?<=\w-)[ ]*\n[ ]*(?=\w)"), _hyphenation),
    ("whitespace", " \n", re.compile(r" +\n"), "\n"),
    ("whitespace", "\n ", re.compile(r"\n +"), "\n"),
    ("whitespace", "\n\n\n", re.compile(r"\n\n\n+"), "\n\n"),
    ("whitespace", "  ", re.compile(r"  +"), " "),
]


_ASCII_UNUSUAL = "\r\t\x0b\x0c"  # the ASCII characters of the "characters" step


def _gate_open(gate: str | None, text: str) -> bool:
    if gate is None:
        return not text.isascii() or any(c in text for c in _ASCII_UNUSUAL)
    return gate in text


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
            edits += _diff_edits(piece, fixed, m.start())
    return edits


def _step_edits(
    pattern: re.Pattern[str], repl: Replacement, text: str
) -> list[tuple[int, int, str]]:
    edits = []
    for m in pattern.finditer(text):
        new = repl if isinstance(repl, str) else repl(m)
        if new != m.group():
            edits.append((m.start(), m.end(), new))
    return edits


def _needs_nfc(text: str) -> bool:
    return not (text.isascii() or unicodedata.is_normalized("NFC", text))


def _is_markdown(text: str, markdown: bool | None) -> bool:
    return looks_like_markdown(text) if markdown is None else markdown


def _run_fast(steps: list, text: str, counts: dict[str, int]) -> str:
    """Apply ``steps`` to ``text`` with one ``re.subn`` (or FAST function) each."""
    for name, gate, pattern, repl in steps:
        if _gate_open(gate, text):
            fast = FAST.get(pattern.pattern)
            text, n = fast(text) if fast else pattern.subn(repl, text)
            if n:
                counts[name] = counts.get(name, 0) + n
    return text


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with sorted, non-overlapping ``(start, end, replacement)`` edits applied."""
    pieces, last = [], 0
    for start, end, repl in edits:
        pieces += (text[last:start], repl)
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def normalise(
    raw: str, repair: bool = True, track: bool = True, *, markdown: bool | None = None
) -> Normalised:
    """Normalise ``raw``; return the text, its offset map back to ``raw`` and step counts.

    ``repair`` fixes mojibake first (ftfy). ``track=False`` skips the offset map (``offsets``
    is then None) and runs each step as one ``re.sub``; the text is the same either way.
    ``markdown``: True reduces Markdown to plain text, False leaves it, None (default)
    reduces it when the text looks like Markdown. The line layout chosen for the text is
    among the steps (see ``helpers.text_lines``).
    """
    fixed, changed = repair_mojibake(raw) if repair else (raw, False)
    if not track:
        steps = {"mojibake": 1} if changed else {}
        text = _run_fast(STEPS_BEFORE_MARKDOWN, fixed, steps)
        if _is_markdown(text, markdown):
            edits = markdown_edits(text)
            if edits:
                text, steps["markdown"] = apply_edits(text, edits), len(edits)
        text = _run_fast(STEPS, text, steps).strip()
        if _needs_nfc(text):
            text, steps["nfc"] = unicodedata.normalize("NFC", text), 1
        text, layout_steps = line_layout(text).apply(text)
        return Normalised(text, None, steps | layout_steps)
    editor = _Editor(raw)
    if changed:
        editor.apply("mojibake", repair_edits(raw, fixed))
    for name, gate, pattern, repl in STEPS_BEFORE_MARKDOWN:
        if _gate_open(gate, editor.text):
            editor.apply(name, _step_edits(pattern, repl, editor.text))
    if _is_markdown(editor.text, markdown):
        editor.apply("markdown", markdown_edits(editor.text))
    for name, gate, pattern, repl in STEPS:
        if _gate_open(gate, editor.text):
            editor.apply(name, _step_edits(pattern, repl, editor.text))
    text = editor.text
    start = len(text) - len(text.lstrip())
    end = max(start, len(text.rstrip()))
    trim = [(0, start, "")] if start else []
    editor.apply("whitespace", trim + ([(end, len(text), "")] if end < len(text) else []))
    if _needs_nfc(editor.text):
        editor.apply("nfc", _nfc_edits(editor.text))
    layout = line_layout(editor.text)
    edits = layout.edits(editor.text)
    editor.apply("line breaks", edits)
    editor.steps.pop("line breaks", None)
    joined = sum(1 for edit in edits if edit[2] == " ")
    editor.steps.update(layout.steps(joined, len(edits) - joined))
    return editor.result()


# --- paragraphs and sentences ------------------------------------------------------------
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# A full stop after one of these does not end a sentence ("Mr. Aliyev", "No. 5", "Jan. 20").
ABBREVIATIONS = (
    "Mr Mrs Ms Dr Prof Gen Col Lt Sgt Capt Cmdr Adm Gov Sen Rep Rev St Mt Jr Sr Messrs Mme "
    "vs cf approx Fig Figs Dept est ca al Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "Inc Corp Co Ltd Bros No Nos Art Para Vol pp"
).split()
# After "U.S." or "U.N." a sentence is believed to end only before one of these words.
STARTERS = (
    "The This That These Those It Its He She We They I You There Here In On At But And However "
    "Meanwhile A An As If When While After Before Since His Her Our Their My"
).split()
_CLOSE = "[\"'”’»)\\]]*"
_OPEN = "[\"'“‘«(\\[]*"
_VARIANTS = sorted({v for a in ABBREVIATIONS for v in (a, a.lower())})
_NOT_ABBREVIATION = "".join(  # one lookbehind per word length, placed after the full stop
    r"(?<!\b(?:" + "|".join(v for v in _VARIANTS if len(v) == n) + r")\.)"
    for n in sorted({len(v) for v in _VARIANTS})
)
_SENTENCE_GAP = re.compile(
    r"[.!?…\n]"  # one character class first, so the regex engine can skip ahead quickly
    # . ! ? … ending a sentence: not after an abbreviation, an initial or "U.S", and followed
    # by space and a capital letter or digit (after any opening quote or bracket)
    r"(?:(?:(?<=[!?…])|(?<=\.)(?<!\b[A-Z]\.)(?<![A-Za-z]\.[A-Za-z]\.)" + _NOT_ABBREVIATION + r")"
    r"[.!?…]*"
    + _CLOSE
    + r"(?P<gap>\s+)(?="
    + _OPEN
    + r"[A-Z0-9À-ÖØ-ÞА-Я])"
    # "U.S." or "U.N." ending a sentence: only before a common sentence starter
    + r"|(?<=[A-Za-z]\.[A-Za-z]\.)"
    + _CLOSE
    + r"(?P<gap_initials>\s+)(?="
    + _OPEN
    + r"(?:"
    + "|".join(STARTERS)
    + r")\b)"
    # a paragraph break or a list item always ends a sentence
    + r"|(?<=\n)(?P<gap_break>\s*\n\s*|(?="
    + _LIST_ITEM
    + r")))"
)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    r"""The paragraphs of ``text``: text between blank lines, trimmed of whitespace.

    Args:
        text: a document text.

    Returns:
        ``(start, end)`` offsets of each paragraph.

    Example:
        >>> from helpers.overview import split_paragraphs
        >>> split_paragraphs("One. Two.\n\nThree.")
        [(0, 9), (11, 17)]
    """
    spans = []
    start = 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        spans.append(_trimmed(text, start, end))
        start = m.end() if m else end
    return [(s, e) for s, e in spans if e > s]


def paragraph_breaks(text: str) -> list[int]:
    """Start of each blank-line run between paragraphs (a sentence after the k-th is in paragraph k)."""
    return [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text``; sentences never cross paragraphs.

    Copes with abbreviations (Mr., Jan.), initials (John F. Kennedy), "U.N."/"U.S.", decimals,
    "20 per cent." and quotation marks that close a sentence (``…whatsoever,” reads the
    letter.`` stays one sentence). A list item or paragraph break always ends a sentence.

    Args:
        text: a document text.

    Returns:
        ``(start, end)`` offsets of each sentence.

    Example:
        >>> from helpers.overview import split_sentences
        >>> split_sentences("Mr. Smith came. He left.")
        [(0, 15), (16, 24)]
    """
    cuts = [
        (m.start() if m.lastgroup == "gap_break" else m.start(m.lastgroup), m.end())
        for m in _SENTENCE_GAP.finditer(text)
    ]
    starts = [0] + [after for _, after in cuts]
    ends = [before for before, _ in cuts] + [len(text)]
    spans = []
    for s, e in zip(starts, ends, strict=True):
        if s < e and (text[s].isspace() or text[e - 1].isspace()):
            s, e = _trimmed(text, s, e)
        if s < e:
            spans.append((s, e))
    return spans
