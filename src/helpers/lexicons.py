"""Editable keyword lexicons (``data/lexicons/<name>.csv``: ``pattern, family, note``).

A pattern is a word or a phrase, matched case-insensitively on whole words; a trailing
``*`` matches any word ending (``occup*``: occupied, occupation); spaces match any run of
whitespace. The same pattern may belong to several families. ``compile_lexicon`` turns a
lexicon into one trie-shaped regex, so ``lexicon_hits`` scans a text once, whatever the
number of patterns, and returns ``(start, end, match, pattern, family)`` tuples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.paths import LEXICONS

LEXICON_COLUMNS = ["pattern", "family", "note"]
_WORD_JOINERS = frozenset("’'-")


def read_lexicon(lexicon: str | Path | pd.DataFrame) -> pd.DataFrame:
    """A lexicon as a DataFrame ``pattern, family, note`` (lower-cased patterns, blanks dropped).

    ``lexicon`` is a name under ``data/lexicons`` (``"markers"``, ``"frames"``), a CSV path
    or a DataFrame with at least ``pattern`` and ``family``. A file is read again only when
    it changes (modification time, size).
    """
    if isinstance(lexicon, pd.DataFrame):
        return _tidy(lexicon.copy())
    path = Path(lexicon)
    if path.suffix != ".csv":
        path = LEXICONS / f"{lexicon}.csv"
    stat = path.stat()
    return _lexicon_file(str(path.resolve()), stat.st_mtime_ns, stat.st_size).copy()


@lru_cache(maxsize=32)
def _lexicon_file(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    return _tidy(pd.read_csv(path, dtype=str, keep_default_na=False))


def _tidy(table: pd.DataFrame) -> pd.DataFrame:
    """Checked columns, lower-cased patterns with single spaces, blank rows and repeats out."""
    missing = {"pattern", "family"} - set(table.columns)
    if missing:
        raise ValueError(f"lexicon needs columns pattern and family; missing {sorted(missing)}")
    if "note" not in table.columns:
        table["note"] = ""
    table = table[LEXICON_COLUMNS].astype(str)
    table["pattern"] = table["pattern"].str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
    table["family"] = table["family"].str.strip()
    table = table[(table["pattern"] != "") & (table["family"] != "")]
    return table.drop_duplicates(["pattern", "family"]).reset_index(drop=True)


def trie_regex(patterns: list[str]) -> str:
    """Regex source matching any of ``patterns`` (``*`` = word ending), shaped as a trie."""
    trie: dict = {}
    for pattern in patterns:
        node = trie
        for ch in pattern:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        branches = []
        # literal continuations before "*": the regex takes the first alternative that
        # matches, so "security council" must be tried before "secur*"
        for ch in sorted((k for k in node if k), key=lambda k: (k == "*", k)):
            if ch == "*":
                branches.append(r"[\w’'-]*" + build(node[ch]))
            elif ch == " ":
                branches.append(r"\s+" + build(node[ch]))
            else:
                branches.append(re.escape(ch) + build(node[ch]))
        if not branches:
            return ""
        body = "|".join(branches)
        optional = "" in node
        if len(branches) == 1 and not optional:
            return body
        return f"(?:{body}){'?' if optional else ''}"

    return build(trie)


@dataclass(frozen=True, eq=False)
class CompiledLexicon:
    """A lexicon ready for scanning: one regex and the families of each pattern."""

    regex: re.Pattern[str]  # for lower-cased text (fast path)
    regex_any_case: re.Pattern[str]  # for texts whose lower-casing changes their length
    families: dict[str, tuple[str, ...]]  # pattern -> families
    globs: tuple[str, ...]  # prefixes of the ``*`` patterns, longest first
    _hits: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def patterns_of(self, match: str) -> tuple[tuple[str, str], ...]:
        """``(pattern, family)`` pairs a matched string satisfies: one per family, the exact
        pattern before the longest matching ``*`` pattern."""
        found = self._hits.get(match)
        if found is None:
            key = re.sub(r"\s+", " ", match.lower())
            candidates = [key] if key in self.families else []
            candidates += [
                g + "*" for g in self.globs if key.startswith(g) and " " not in key[len(g) :]
            ]
            pairs: dict[str, str] = {}
            for pattern in candidates:
                for family in self.families[pattern]:
                    pairs.setdefault(family, pattern)
            found = tuple((p, f) for f, p in pairs.items())
            self._hits[match] = found
        return found


def compile_lexicon(lexicon: str | Path | pd.DataFrame) -> CompiledLexicon:
    """Compile a lexicon (name, path or DataFrame, see ``read_lexicon``) for ``lexicon_hits``."""
    table = read_lexicon(lexicon)
    families: dict[str, tuple[str, ...]] = {}
    for pattern, family in zip(table["pattern"], table["family"], strict=True):
        families[pattern] = families.get(pattern, ()) + (family,)
    patterns = sorted(families)
    # \b first (the regex engine finds word starts fast); hits after ’ ' - are dropped later
    source = rf"\b(?:{trie_regex(patterns)})(?![\w’'-])" if patterns else r"(?!x)x"
    globs = tuple(sorted((p[:-1] for p in patterns if p.endswith("*")), key=len, reverse=True))
    return CompiledLexicon(re.compile(source), re.compile(source, re.IGNORECASE), families, globs)


def lexicon_hits(text: str, lexicon: CompiledLexicon) -> list[tuple[int, int, str, str, str]]:
    """``(start, end, match, pattern, family)`` for every lexicon hit in ``text``.

    A hit matching patterns of several families gives one tuple per family (the most
    specific pattern of that family).
    """
    lower = text.lower()
    if len(lower) == len(text):  # scanning lower-cased text is twice as fast as IGNORECASE
        scanned, matches = lower, lexicon.regex.finditer(lower)
    else:
        scanned, matches = text, lexicon.regex_any_case.finditer(text)
    out = []
    for m in matches:
        start, end = m.span()
        if start and scanned[start - 1] in _WORD_JOINERS:
            continue  # inside a word: "anti-terrorist", "l'occupation"
        key = scanned[start:end]
        for pattern, family in lexicon.patterns_of(key):
            out.append((start, end, text[start:end], pattern, family))
    return out
