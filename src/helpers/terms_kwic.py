"""Keyword in context: ``kwic(x, pattern, window)`` -> one row per hit.

Columns ``doc_id, start, end, pre, keyword, post, pattern``: ``start, end`` are character
offsets of the hit in the document text (``text[start:end] == keyword``); ``pre`` and
``post`` are the original text of up to ``window`` tokens either side, punctuation and
quotation marks kept, whitespace runs shown as one space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from helpers.terms_match import DocTokens, Matcher, compile_patterns, doc_tokens, find_matches
from helpers.terms_tokens import as_docs, lower_all, split_tokens

KWIC_COLUMNS = ["doc_id", "start", "end", "pre", "keyword", "post", "pattern"]
_SPACE = re.compile(r"\s+")
WHOLE_TEXT_SHARE = 0.5  # tokenise the whole text when the stretches cover more of it
REACH_PER_TOKEN = 40  # first guess of the characters a context token takes (then widened)


def iter_hits(
    x: Any, matchers: Sequence[Matcher], window: int | None = None
) -> Iterator[tuple[DocTokens, list[tuple[str, int, int]]]]:
    """For each document of ``x`` that holds a hit: its tokens and the hits (see
    find_matches). With ``window``, the tokens may be only those of the stretches of text
    around the hits (``near_tokens``), with at least ``window`` tokens either side of each
    hit inside its stretch, unless the document starts or ends sooner."""
    docs = as_docs(x)
    for doc_id, text in zip(docs["doc_id"], docs["text"], strict=True):
        lower_text = text.lower()
        if not any(m.could_match(lower_text) for m in matchers):
            continue
        found = None if window is None else near_tokens(doc_id, text, lower_text, matchers, window)
        toks, hits = found or _all_hits(doc_id, text, matchers)
        if hits:
            yield toks, hits


def _all_hits(
    doc_id: str, text: str, matchers: Sequence[Matcher]
) -> tuple[DocTokens, list[tuple[str, int, int]]]:
    toks = doc_tokens(doc_id, text)
    return toks, find_matches(toks.lower, matchers)


def near_tokens(
    doc_id: str, text: str, lower_text: str, matchers: Sequence[Matcher], window: int
) -> tuple[DocTokens, list[tuple[str, int, int]]] | None:
    """The tokens of the stretches of ``text`` around the literal fragments of single-word
    ``matchers`` and the hits among them (indices into those tokens), each hit with
    ``window`` tokens either side in its stretch or the document's start or end; the same
    hits and context as tokenising the whole text, for a fraction of the work on long texts.
    None when that cannot be guaranteed (phrases, regexes, wildcard-only patterns, text whose
    lower-casing changes its length): then tokenise the whole text."""
    if len(lower_text) != len(text) or any(
        len(m.parts) != 1 or m.search or not m.fragments for m in matchers
    ):
        return None
    places = sorted(
        (pos, pos + len(f))
        for m in matchers
        for f in m.fragments
        for pos in _occurrences(lower_text, f)
    )
    reach = REACH_PER_TOKEN * (window + 1)  # characters either side, widened until it fits
    while True:
        spans = _stretches(text, places, reach)
        if sum(b - a for a, b in spans) > WHOLE_TEXT_SHARE * len(text):
            return None  # hits all over the text: tokenising all of it is as quick
        pieces = []
        enough = True
        for a, b in spans:
            starts, ends, toks = split_tokens(text[a:b])
            lower = lower_all(toks)
            hits = find_matches(lower, matchers)
            n = len(lower)
            enough = all(
                (i >= window or a == 0) and (j + window <= n or b == len(text)) for _, i, j in hits
            )
            if not enough:
                break
            pieces.append((starts + a, ends + a, lower, hits))
        if enough:
            return _joined(doc_id, text, pieces)
        reach *= 4


def _occurrences(lower_text: str, fragment: str) -> Iterator[int]:
    pos = lower_text.find(fragment)
    while pos >= 0:
        yield pos
        pos = lower_text.find(fragment, pos + 1)


def _stretches(text: str, places: list[tuple[int, int]], reach: int) -> list[tuple[int, int]]:
    """Merged spans ``[a, b)`` reaching ``reach`` characters beyond each place, cut where a
    space stands just before ``a`` and at ``b`` (tokens never hold spaces, so each stretch
    tokenises as it does inside the whole text)."""
    spans: list[tuple[int, int]] = []
    for lo, hi in places:
        a = text.rfind(" ", 0, max(0, lo - reach)) + 1 if lo - reach > 0 else 0
        b = text.find(" ", hi + reach) if hi + reach < len(text) else -1
        b = len(text) if b < 0 else b
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
        else:
            spans.append((a, b))
    return spans


def _joined(
    doc_id: str, text: str, pieces: list[tuple[np.ndarray, np.ndarray, list[str], list]]
) -> tuple[DocTokens, list[tuple[str, int, int]]]:
    """One ``DocTokens`` of the stretches' tokens, hits shifted to index into it."""
    hits, offset = [], 0
    for _, _, lower, found in pieces:
        hits.extend((pat, i + offset, j + offset) for pat, i, j in found)
        offset += len(lower)
    starts = np.concatenate([p[0] for p in pieces]) if pieces else np.zeros(0, dtype=np.int64)
    ends = np.concatenate([p[1] for p in pieces]) if pieces else np.zeros(0, dtype=np.int64)
    lower = [w for p in pieces for w in p[2]]
    return DocTokens(doc_id, text, starts, ends, lower), hits


def _show(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def kwic(
    x: Any, pattern: str | Sequence[str], window: int = 5, valuetype: str = "glob"
) -> pd.DataFrame:
    """Concordance (keyword in context) of ``pattern`` in the documents of ``x``.

    Args:
        x: a corpus, a docs DataFrame, a string or a list of strings.
        pattern: a word, phrase, glob or regular expression, or several
            (see ``compile_patterns``).
        window: tokens shown either side.
        valuetype: how ``pattern`` is read: ``glob``, ``regex`` or ``fixed``.

    Returns:
        A DataFrame, one row per match in document and text order: ``doc_id, start, end``
        (offsets of the match), ``pre``, ``keyword``, ``post`` (the context as written) and
        ``pattern``.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import kwic
        >>> k = kwic(example_docs(), "election*", window=2)
        >>> print(k[["doc_id", "pre", "keyword", "post"]].to_string(index=False))
        doc_id              pre   keyword      post
             a held so-called “ elections   ” on 31
             c                  Elections were held
    """
    if window < 0:
        raise ValueError(f"window must be >= 0, got {window}")
    rows = []
    for toks, hits in iter_hits(x, compile_patterns(pattern, valuetype), window):
        starts, ends, text = toks.starts, toks.ends, toks.text
        n = len(starts)
        for pat, i, j in hits:
            start, end = int(starts[i]), int(ends[j - 1])
            pre_from = int(starts[max(0, i - window)]) if i > 0 and window else start
            post_to = int(ends[min(n, j + window) - 1]) if j < n and window else end
            rows.append(
                (toks.doc_id, start, end, _show(text[pre_from:start]), text[start:end],
                 _show(text[end:post_to]), pat)
            )  # fmt: skip
    return pd.DataFrame(rows, columns=KWIC_COLUMNS).astype({"start": "int64", "end": "int64"})
