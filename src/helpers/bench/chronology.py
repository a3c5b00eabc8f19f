"""Tagging throughput of ``find_timexes`` on the White House corpus next to ``dateparser``.

``dateparser.search_dates`` is slow, so both run on the same fixed sample (every n-th
document, 100 documents), taking turns ten documents at a time so that a change of machine
load hits both, and are compared in MB/s on it; ``find_timexes`` also runs on the
whole corpus. Reference run: dateparser, in the same process. Time on pathological text:
``helpers.bench.pathological``.
"""

from __future__ import annotations

import datetime as dt
import warnings

from helpers.bench.common import mb, time_only, white_house_texts
from helpers.timex import find_timexes

SAMPLE = 100
CHUNK = 10  # documents per turn: the two taggers take turns on the sample
DCT = "2023-01-01"


def sample(texts: list[str], k: int = SAMPLE) -> list[str]:
    """Every ``len(texts) // k``-th text, ``k`` texts in all (deterministic)."""
    step = max(1, len(texts) // k)
    return texts[::step][:k]


def run_ours(texts: list[str]) -> int:
    """Tag every text; return the number of expressions found."""
    return sum(len(find_timexes(t, dct=DCT)) for t in texts)


def run_dateparser(texts: list[str]) -> int:
    """``dateparser.search_dates`` on every text (English, DCT as relative base); count of dates."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.fromisoformat(DCT)}
    found = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for t in texts:
            found += len(search_dates(t, languages=["en"], settings=settings) or [])
    return found


def main() -> None:
    """Print MB/s for both taggers on the sample, the ratio and ours on the whole corpus."""
    texts, _ = white_house_texts()
    chosen = sample(texts)
    size = mb(sum(len(t.encode("utf-8")) for t in chosen))
    run_ours(chosen[:2])  # warm up both (compiled patterns, lazy imports)
    run_dateparser(chosen[:2])
    n_ref = n_ours = 0
    s_ref = s_ours = 0.0
    for i in range(0, len(chosen), CHUNK):  # interleaved: a change of machine load hits both
        chunk = chosen[i : i + CHUNK]
        found, seconds = time_only(lambda c=chunk: run_dateparser(c))
        n_ref, s_ref = n_ref + found, s_ref + seconds
        found, seconds = time_only(lambda c=chunk: run_ours(c))
        n_ours, s_ours = n_ours + found, s_ours + seconds
    ref_rate, our_rate = size / s_ref, size / s_ours
    print(f"sample: {len(chosen)} White House documents, {size:.2f} MB, DCT {DCT}")
    print(
        f"reference dateparser.search_dates: {ref_rate:8.3f} MB/s  ({n_ref} dates, {s_ref:.1f} s)"
    )
    print(
        f"helpers.timex.find_timexes:        {our_rate:8.3f} MB/s  ({n_ours} timexes, {s_ours:.1f} s)"
    )
    print(f"ratio find_timexes / dateparser:   {our_rate / ref_rate:8.1f}x  (target >= 20x)")
    total = mb(sum(len(t.encode("utf-8")) for t in texts))
    n_all, s_all = time_only(lambda: run_ours(texts))
    print(
        f"whole corpus: {len(texts)} documents, {total:.1f} MB: {total / s_all:.3f} MB/s ({n_all} timexes, {s_all:.1f} s)"
    )


if __name__ == "__main__":
    main()
