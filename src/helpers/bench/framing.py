"""Throughput of the framing scan (quotations + markers + frames) on the White House corpus.

Ours: ``quote_records`` (pairing, typing, attribution) and ``lexicon_hits`` with the markers
and frames lexicons compiled into one trie regex, one pass per text. Reference run, same
process, same sample: the naive scan a researcher would write first, one case-insensitive
``re.finditer`` per lexicon pattern. Then ours on the whole corpus (raw texts), and the
corpus-level tables (``quotes_table`` + ``lexicon_table``) on the normalised corpus.
Rates are MB of UTF-8 text per CPU second of this process.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from helpers.bench.common import WHITE_HOUSE, mb, require, white_house_texts
from helpers.framing_quotes import quote_records
from helpers.framing_tables import lexicon_frame, lexicon_table, quotes_table
from helpers.lexicons import CompiledLexicon, compile_lexicon, lexicon_hits

SAMPLE = 40  # the naive reference is slow


def cpu_time(func: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``func`` once; return its result and the CPU seconds of this process (one core),
    so other jobs on a shared machine do not distort the rate."""
    start = time.process_time()
    result = func()
    return result, time.process_time() - start


LEXICONS = ("markers", "frames")


def sample(texts: list[str], k: int = SAMPLE) -> list[str]:
    """Every ``len(texts) // k``-th text, ``k`` texts in all (deterministic)."""
    step = max(1, len(texts) // k)
    return texts[::step][:k]


def naive_patterns() -> list[re.Pattern[str]]:
    """One compiled regex per lexicon pattern (``*`` as word ending), case-insensitive."""
    out = []
    for pattern in lexicon_frame(LEXICONS)["pattern"].unique():
        body = re.escape(pattern).replace(r"\*", r"[\w’'-]*").replace(r"\ ", r"\s+")
        out.append(re.compile(rf"(?<![\w’'-]){body}(?![\w’'-])", re.IGNORECASE))
    return out


def run_naive(texts: list[str], patterns: list[re.Pattern[str]]) -> int:
    """Reference: every pattern scanned separately over every text; number of hits."""
    return sum(1 for t in texts for p in patterns for _ in p.finditer(t))


def run_ours(texts: list[str], lexicon: CompiledLexicon) -> tuple[int, int]:
    """Quotations and lexicon hits of every text (one lexicon pass); their counts."""
    quotes = hits = 0
    for t in texts:
        quotes += len(quote_records(t))
        hits += len(lexicon_hits(t, lexicon))
    return quotes, hits


def run_tables() -> tuple[float, float, int]:
    """Corpus tables on the normalised corpus: MB of text, seconds, rows (sentences given)."""
    from helpers.corpus import read_corpus, sentences_table

    docs = read_corpus(require(WHITE_HOUSE), progress=False).docs
    size = mb(sum(len(t.encode("utf-8")) for t in docs["text"]))
    sentences = sentences_table(docs)

    def tables() -> int:
        quotes = quotes_table(docs)
        return len(quotes) + len(lexicon_table(docs, LEXICONS, sentences=sentences, quotes=quotes))

    rows, seconds = cpu_time(tables)
    return size, seconds, rows


def main() -> None:
    """Print MB/s of the naive reference and ours on a sample, the ratio, and ours in full."""
    texts, _ = white_house_texts()
    chosen = sample(texts)
    size = mb(sum(len(t.encode("utf-8")) for t in chosen))
    patterns = naive_patterns()
    lexicon = compile_lexicon(lexicon_frame(LEXICONS))
    n_ref, s_ref = cpu_time(lambda: run_naive(chosen, patterns))
    (n_q, n_h), s_ours = cpu_time(lambda: run_ours(chosen, lexicon))
    ref_rate, our_rate = size / s_ref, size / s_ours
    print(
        f"sample: {len(chosen)} White House documents, {size:.2f} MB, {len(patterns)} lexicon patterns"
    )
    print(
        f"reference naive per-pattern re scan:  {ref_rate:8.2f} MB/s  ({n_ref} hits, lexicons only)"
    )
    print(f"ours quotes + markers + frames:       {our_rate:8.2f} MB/s  ({n_q} quotes, {n_h} hits)")
    print(f"ratio ours / naive reference:         {our_rate / ref_rate:8.1f}x")
    total = mb(sum(len(t.encode("utf-8")) for t in texts))
    n_q, s_q = cpu_time(lambda: sum(len(quote_records(t)) for t in texts))
    n_h, s_h = cpu_time(lambda: sum(len(lexicon_hits(t, lexicon)) for t in texts))
    print(f"whole corpus, one core (CPU time): {len(texts)} documents, {total:.1f} MB")
    print(f"  quotations (find_quotes rows): {total / s_q:6.2f} MB/s ({n_q} quotes, {s_q:.1f} s)")
    print(f"  markers + frames (one scan):   {total / s_h:6.2f} MB/s ({n_h} hits, {s_h:.1f} s)")
    print(f"  together:                      {total / (s_q + s_h):6.2f} MB/s (target >= 5 MB/s)")
    t_size, t_s, t_rows = run_tables()
    print(f"corpus tables (quotes_table + lexicon_table, normalised text, sentences given): "
          f"{t_size / t_s:6.2f} MB/s ({t_rows} rows, {t_s:.1f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
