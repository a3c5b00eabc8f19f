"""Tokens: the word pattern, the editable stop-word list, n-grams and the tidy token table.

A token is a run of word characters; hyphens and apostrophes inside a word ("so-called",
"Nagorno-Karabakh", "Azerbaijan’s"), decimal/thousand separators inside a number
("1,000", "3.5") and the periods of a dotted abbreviation of single letters, the last one
included ("U.S.", "U.N.", "D.C.", "e.g.", mid-sentence and at a sentence end alike) keep it
whole. URLs ("https://www.whitehouse.gov/…", "www.un.org", "WhiteHouse.gov") and e-mail
addresses are not words: ``mask_urls`` blanks them before tokenising, so no "https", "www",
"gov" or "com" tokens come from them. ``tokens(x)`` returns one row per token with
``doc_id, sent_id, start, end, token, lower, quote_kind`` (offsets into the document text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.framing import find_quotes
from helpers.paths import LEXICONS
from helpers.text import split_sentences

# Blocks holding combining marks that NFC does not fold into letters (Indic vowel signs, Hebrew
# and Arabic points, Thai vowels, ...): Python's \w excludes marks, which would cut "नमस्ते".
_MARK_BLOCKS = [
    (0x300, 0x36F), (0x483, 0x489), (0x591, 0x5C7), (0x610, 0x61A), (0x64B, 0x65F),
    (0x670, 0x670), (0x6D6, 0x6ED), (0x900, 0xDFF), (0xE31, 0xE4E), (0xEB1, 0xECD),
    (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F),
]  # fmt: skip


def _marks_class() -> str:
    """A regex character class of the combining marks in ``_MARK_BLOCKS``."""
    marks = [
        chr(cp)
        for lo, hi in _MARK_BLOCKS
        for cp in range(lo, hi + 1)
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me")
    ]
    return "[" + "".join(marks) + "]"


# A word: word characters, continued after a hyphen or apostrophe, by combining marks, inside
# a number after "." or "," ("1,000.5") and in dotted abbreviations of single letters, whose
# final period is part of the token ("u.s.", "e.g.", also at the end of a sentence). Possessive
# quantifiers (never backtracking) make it about 10% faster than plain ones.
TOKEN_PATTERN = (
    r"\w++(?:[-'’]\w++|" + _marks_class() + r"++\w*+"
    r"|[.,](?:(?<=\d[.,])\d++|(?<=\b[^\W\d_]\.)(?=[^\W\d_]\.)[^\W\d_]))*+"
    r"(?:(?<=\b[^\W\d_]\.[^\W\d_])\.)?"
)
TOKEN = re.compile(TOKEN_PATTERN)
_SPLIT = re.compile(f"({TOKEN_PATTERN})").split
# A URL (scheme or www.), an e-mail address or a bare domain name with a generic top-level
# domain; each starts where no other address character precedes it (so searches stay linear).
_URL_CHARS = r"[^\s<>\"“”‘’«»]*"
_URL_END = r"[^\s<>\"“”‘’«».,;:!?)\]}'’]"  # trailing punctuation is not part of it
URL_PATTERN = (
    r"(?<![\w.@/-])(?:(?:https?|ftp)://|www\.)(?:" + _URL_CHARS + _URL_END + r")?"
    r"|(?<![\w.+@-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++"
    r"|(?<![\w.@/-])(?:[a-z0-9][\w-]*+\.)++(?:com|org|net|gov|edu|int|mil)\b"
    r"(?:/(?:" + _URL_CHARS + _URL_END + r")?)?"
)
URL = re.compile(URL_PATTERN, re.IGNORECASE)
_URL_GATE = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|int|mil)\b", re.IGNORECASE)
STOPWORDS_FILE = LEXICONS / "stopwords_en.csv"
BARE = "bare"  # quote_kind of a token outside every quotation
TOKEN_COLUMNS = ["doc_id", "sent_id", "start", "end", "token", "lower", "quote_kind"]


@lru_cache(maxsize=8)
def _read_stopwords(path: str) -> frozenset[str]:
    words = pd.read_csv(path, comment="#", dtype=str)["word"].dropna().str.strip().str.lower()
    words = {w for w in words if w}
    return frozenset(words | {w.replace("'", "’") for w in words})


def stopwords(path: str | Path | None = None) -> frozenset[str]:
    """The English stop-word list (``data/lexicons/stopwords_en.csv``, column ``word``).

    Edit that file (or pass another ``path``) to change the list; each word also matches
    with a typographic apostrophe (``don’t``).

    Args:
        path: a CSV with a ``word`` column (None: the shipped list).

    Returns:
        The words, lower case, as a frozenset.

    Example:
        >>> from helpers.terms import stopwords
        >>> {"the", "don't", "don’t"} <= stopwords(), "elections" in stopwords()
        (True, False)
    """
    return _read_stopwords(str(path or STOPWORDS_FILE))


def ngrams(tokens: Sequence[str], n: int = 2, sep: str = " ") -> list[str]:
    """The ``n``-grams of a token sequence, each joined with ``sep``.

    Args:
        tokens: the tokens, in order.
        n: tokens per n-gram.
        sep: what joins them.

    Returns:
        The list of n-grams, in order.

    Example:
        >>> from helpers.terms import ngrams
        >>> ngrams(["so-called", "free", "elections"])
        ['so-called free', 'free elections']
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    if n == 1:
        return list(tokens)
    return [sep.join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def as_docs(x: Any) -> pd.DataFrame:
    """Documents as a DataFrame with ``doc_id`` and ``text`` (plus any metadata columns).

    Args:
        x: a corpus (anything with ``.docs``), a DataFrame with a ``text`` column, one
            string or a sequence of strings.

    Returns:
        A docs DataFrame; missing ``doc_id`` become ``text1, text2, ...``.

    Example:
        >>> from helpers.terms import as_docs
        >>> print(as_docs(["One text.", "Another text."]).to_string(index=False))
        doc_id          text
         text1     One text.
         text2 Another text.
    """
    if hasattr(x, "docs"):
        x = x.docs
    if isinstance(x, str):
        x = [x]
    if isinstance(x, pd.DataFrame):
        if "text" not in x.columns:
            raise ValueError("documents need a 'text' column")
        docs = x.reset_index(drop=True)
    elif isinstance(x, Iterable):
        texts = list(x)
        if not all(isinstance(t, str) for t in texts):
            raise TypeError("expected a corpus, a DataFrame, a string or a sequence of strings")
        docs = pd.DataFrame({"text": texts})
    else:
        raise TypeError(f"cannot read documents from {type(x).__name__}")
    if "doc_id" not in docs.columns:
        docs = docs.assign(doc_id=[f"text{i + 1}" for i in range(len(docs))])
    docs = docs.assign(doc_id=docs["doc_id"].astype(str))
    return docs[["doc_id", "text"] + [c for c in docs.columns if c not in ("doc_id", "text")]]


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def mask_urls(text: str) -> str:
    """``text`` with every URL and e-mail address (``URL``) replaced by as many spaces, so
    offsets stay valid and tokenising skips them."""
    return URL.sub(_blank, text) if _URL_GATE.search(text) else text


def SPLIT(text: str) -> list[str]:  # upper case: it replaced a compiled split of that name
    """The parts of ``text``: gap, token, gap, ..., token, gap (URLs masked: a URL's
    characters are spaces inside a gap, so part lengths still add up to ``len(text)``)."""
    return _SPLIT(mask_urls(text))


def word_tokens(text: str) -> list[str]:
    """The token strings of ``text`` (``TOKEN_PATTERN``, URLs and e-mail addresses skipped)."""
    return TOKEN.findall(mask_urls(text))


def split_tokens(text: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``starts, ends`` (int64 arrays) and the strings of every token in ``text``.

    One ``re.split`` and a cumulative sum of part lengths: no per-token Python work.
    """
    return split_parts(SPLIT(text))


def split_parts(parts: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``split_tokens`` from the parts of ``SPLIT(text)`` (gap, token, gap, ..., token, gap)."""
    bounds = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
    return bounds[0:-1:2], bounds[1::2], parts[1::2]


def lower_all(toks: list[str]) -> list[str]:
    """``[t.lower() for t in toks]`` in one call (tokens never hold NUL)."""
    return "\0".join(toks).lower().split("\0") if toks else []


def innermost_kind(starts: np.ndarray, ends: np.ndarray, quotes: pd.DataFrame) -> np.ndarray:
    """For each span ``[starts[i], ends[i])``: the ``kind`` of the innermost quote holding it.

    ``quotes`` has ``start, end, kind, depth`` (as from ``helpers.framing.find_quotes``);
    spans inside no quote get ``"bare"``. Deeper quotes win; at equal depth the shorter one.
    Each quote finds the spans that start inside it by binary search over the sorted starts,
    so time grows with the spans quoted, not with spans x quotes.
    """
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    kinds = np.full(len(starts), BARE, dtype=object)
    if len(quotes) == 0 or len(starts) == 0:
        return kinds
    order = quotes.assign(_len=quotes["end"] - quotes["start"]).sort_values(
        ["depth", "_len"], ascending=[True, False], kind="stable"
    )
    by_start = np.argsort(starts, kind="stable")
    sorted_starts, sorted_ends = starts[by_start], ends[by_start]
    q_starts = order["start"].to_numpy(dtype=np.int64)
    q_ends = order["end"].to_numpy(dtype=np.int64)
    lo = np.searchsorted(sorted_starts, q_starts, side="left").tolist()
    hi = np.searchsorted(sorted_starts, q_ends, side="right").tolist()
    for a, b, q_end, kind in zip(lo, hi, q_ends.tolist(), order["kind"].tolist(), strict=True):
        if b > a:
            inside = by_start[a:b][sorted_ends[a:b] <= q_end]
            kinds[inside] = kind if isinstance(kind, str) else BARE
    return kinds


def _sentence_ids(text: str, starts: np.ndarray) -> np.ndarray:
    """Index (from 0) of the sentence holding each token start, as ``Corpus.sentences()``."""
    sent_starts = np.array([s for s, _ in split_sentences(text)], dtype=np.int64)
    return np.maximum(np.searchsorted(sent_starts, starts, side="right") - 1, 0)


def _concat(parts: list) -> np.ndarray | list:
    """Join per-document arrays (or lists of strings) into one column."""
    if parts and isinstance(parts[0], np.ndarray):
        return np.concatenate(parts)
    return [v for part in parts for v in part]


def tokens(x: Any, *, quotes: bool = True, remove_stopwords: bool = False) -> pd.DataFrame:
    """One row per token of the documents in ``x``, with the kind of quotation it sits in.

    Args:
        x: anything ``as_docs`` reads: a corpus, a docs DataFrame, a string or strings.
        quotes: find the quotations (``False`` skips the search; every token is bare).
        remove_stopwords: drop the rows of stop words.

    Returns:
        A DataFrame ``doc_id, sent_id, start, end, token, lower, quote_kind``: ``sent_id``
        counts sentences from 0 within each document, ``start, end`` are offsets into its
        text, ``quote_kind`` is scare/direct/title/term inside quotation marks (the
        innermost wins) and ``bare`` outside them.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.terms import tokens
        >>> t = tokens(example_docs())
        >>> print(t[t.doc_id == "a"][["start", "end", "token", "quote_kind"]].to_string(index=False))
         start  end     token quote_kind
             0    7   Armenia       bare
             8   12      held       bare
            13   22 so-called       bare
            24   33 elections      scare
            35   37        on       bare
            38   40        31       bare
            41   46     March       bare
            47   51      2020       bare
    """
    docs = as_docs(x)
    columns: dict[str, list] = {c: [] for c in TOKEN_COLUMNS}
    for text in docs["text"]:
        starts, ends, toks = split_tokens(text)
        kinds = (
            innermost_kind(starts, ends, find_quotes(text))
            if quotes
            else np.full(len(starts), BARE, dtype=object)
        )
        for column, values in zip(
            TOKEN_COLUMNS[1:],
            (_sentence_ids(text, starts), starts, ends, toks, lower_all(toks), kinds),
            strict=True,
        ):
            columns[column].append(values)
        columns["doc_id"].append(len(toks))
    table = pd.DataFrame(
        {
            "doc_id": np.repeat(docs["doc_id"].to_numpy(dtype=object), columns.pop("doc_id")),
            **{c: _concat(v) for c, v in columns.items()},
        }
    )
    table = table.astype(
        {"doc_id": "str", "sent_id": "int64", "start": "int64", "end": "int64", "token": "str",
         "lower": "str", "quote_kind": "str"}
    )  # fmt: skip
    if remove_stopwords:
        table = table[~table["lower"].isin(stopwords())].reset_index(drop=True)
    return table[TOKEN_COLUMNS]
