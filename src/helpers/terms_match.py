"""Finding a term in token sequences: a word, a phrase, a glob ("elect*") or a regex.

``compile_patterns(patterns, valuetype)`` gives ``Matcher`` objects; ``find_matches(lower,
matchers)`` returns every hit as ``(pattern, i, j)``, token indices ``[i, j)`` into the
lower-cased tokens of a document (``doc_tokens``). Matching ignores case. A pattern with
spaces is a phrase: one element per token, each a word/glob/regex itself.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from helpers.terms_tokens import lower_all, split_tokens

VALUETYPES = ("fixed", "glob", "regex")


@dataclass(frozen=True)
class Matcher:
    """One compiled pattern: a regex per phrase element, plus what a document's lower-cased
    text must contain to hold a match: literal ``fragments`` and ``text_regexes``."""

    pattern: str
    parts: tuple[re.Pattern[str], ...]
    fragments: tuple[str, ...]
    text_regexes: tuple[re.Pattern[str], ...]
    search: bool  # regex elements match anywhere in a token; words and globs match it whole
    words: tuple[str | None, ...] = ()  # per part: the one word it matches, if it is literal

    def could_match(self, lower_text: str) -> bool:
        """False when the document certainly holds no match (a cheap pre-filter)."""
        return all(f in lower_text for f in self.fragments) and all(
            r.search(lower_text) for r in self.text_regexes
        )

    def _hits(self, k: int, vocab: set[str]) -> set[str]:
        """The words of ``vocab`` that part ``k`` matches."""
        if self.words and self.words[k] is not None:
            return {self.words[k]} & vocab
        test = self.parts[k].search if self.search else self.parts[k].fullmatch
        return {w for w in vocab if test(w)}

    def find(self, lower: Sequence[str]) -> list[tuple[int, int]]:
        """Token ranges ``(i, j)`` where the pattern matches ``lower``."""
        vocab = set(lower)
        sets = [self._hits(k, vocab) for k in range(len(self.parts))]
        if not all(sets):
            return []
        n = len(self.parts)
        first = sets[0]
        return [
            (i, i + n)
            for i, w in enumerate(lower)
            if w in first
            and i + n <= len(lower)
            and all(lower[i + k] in sets[k] for k in range(1, n))
        ]


def _fragment(element: str, valuetype: str) -> str:
    """The longest literal part of a word or glob (wildcards and ``[...]`` sets removed)."""
    if valuetype == "fixed":
        return element
    return max(re.split(r"\[[^\]]*\]?|[*?]", element), key=len)


def _text_regex(element: str) -> re.Pattern[str] | None:
    """A regex that finds, in the whole text, every place where ``element`` matches within a
    token: a leading ``^`` and a trailing ``$`` become token edges. None (no pre-filter) when
    other anchors or lookarounds, whose meaning changes outside the token, appear."""
    starts = element.startswith("^")
    core = element[1:] if starts else element
    ends = core.endswith("$") and not core.endswith("\\$")
    core = core[:-1] if ends else core
    if any(s in core for s in ("^", "$", "(?<", "(?=", "(?!", "\\A", "\\Z", "\\B")):
        return None
    head, tail = ("(?<!\\w)" if starts else ""), ("(?!\\w)" if ends else "")
    return re.compile(head + core + tail, re.IGNORECASE)


def compile_patterns(patterns: str | Sequence[str], valuetype: str = "glob") -> list[Matcher]:
    """``Matcher`` objects for ``patterns`` (one string or several).

    Args:
        patterns: words, phrases ("so-called elections"), globs or regular expressions.
        valuetype: ``fixed`` (exact words), ``glob`` (``*`` and ``?`` wildcards; a plain
            word is matched exactly) or ``regex`` (searched within each token,
            case-insensitive).

    Returns:
        One ``Matcher`` per pattern, for ``find_matches``, ``kwic`` and the other counts.

    Example:
        >>> from helpers.terms import compile_patterns
        >>> [m.pattern for m in compile_patterns(["elect*", "so-called"])]
        ['elect*', 'so-called']
    """
    if valuetype not in VALUETYPES:
        raise ValueError(f"valuetype must be one of {VALUETYPES}, got {valuetype!r}")
    matchers = []
    for pattern in [patterns] if isinstance(patterns, str) else list(patterns):
        elements = pattern.split() if valuetype == "regex" else pattern.lower().split()
        if not elements:
            raise ValueError("empty pattern")
        if valuetype == "regex":
            parts = tuple(re.compile(e, re.IGNORECASE) for e in elements)
            fragments: tuple[str, ...] = ()
            regexes = tuple(r for r in map(_text_regex, elements) if r is not None)
        else:
            translate = re.escape if valuetype == "fixed" else fnmatch.translate
            parts = tuple(re.compile(translate(e)) for e in elements)
            fragments = tuple(f for f in (_fragment(e, valuetype) for e in elements) if f)
            regexes = ()
        words = tuple(
            e
            if valuetype == "fixed" or (valuetype == "glob" and not any(c in e for c in "*?["))
            else None
            for e in elements
        )
        matchers.append(Matcher(pattern, parts, fragments, regexes, valuetype == "regex", words))
    return matchers


@dataclass(frozen=True)
class DocTokens:
    """A document's tokens: character ``starts``/``ends`` and lower-cased strings."""

    doc_id: str
    text: str
    starts: np.ndarray
    ends: np.ndarray
    lower: list[str]


def doc_tokens(doc_id: str, text: str) -> DocTokens:
    """Tokenise ``text`` keeping offsets (see ``helpers.terms_tokens.TOKEN_PATTERN``)."""
    starts, ends, toks = split_tokens(text)
    return DocTokens(doc_id, text, starts, ends, lower_all(toks))


def find_matches(lower: Sequence[str], matchers: Sequence[Matcher]) -> list[tuple[str, int, int]]:
    """Every hit of every matcher: ``(pattern, i, j)`` sorted by position, then pattern order."""
    hits = [(i, j, k, m.pattern) for k, m in enumerate(matchers) for i, j in m.find(lower)]
    return [(p, i, j) for i, j, _, p in sorted(hits)]
