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

import pandas as pd

from helpers.terms_match import DocTokens, Matcher, compile_patterns, doc_tokens, find_matches
from helpers.terms_tokens import as_docs

KWIC_COLUMNS = ["doc_id", "start", "end", "pre", "keyword", "post", "pattern"]
_SPACE = re.compile(r"\s+")


def iter_hits(
    x: Any, matchers: Sequence[Matcher]
) -> Iterator[tuple[DocTokens, list[tuple[str, int, int]]]]:
    """For each document of ``x`` that holds a hit: its tokens and the hits (see find_matches)."""
    docs = as_docs(x)
    for doc_id, text in zip(docs["doc_id"], docs["text"], strict=True):
        lower_text = text.lower()
        if not any(m.could_match(lower_text) for m in matchers):
            continue
        toks = doc_tokens(doc_id, text)
        hits = find_matches(toks.lower, matchers)
        if hits:
            yield toks, hits


def _show(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def kwic(
    x: Any, pattern: str | Sequence[str], window: int = 5, valuetype: str = "glob"
) -> pd.DataFrame:
    """Concordance of ``pattern`` (word, phrase, glob or regex; see ``compile_patterns``)
    in the documents of ``x``, ``window`` tokens either side; rows in document and text order.
    """
    if window < 0:
        raise ValueError(f"window must be >= 0, got {window}")
    rows = []
    for toks, hits in iter_hits(x, compile_patterns(pattern, valuetype)):
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
