"""Linear time on pathological text: find_timexes and find_events at 10k vs 100k characters."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from helpers.chronology import find_events, find_timexes

# one sentence without a single punctuation mark, dates every few words
SENTENCE = (
    "the delegation recalled that the war began in 1992 and that talks were held in March "
    "while the ceasefire of May 1994 still holds today and the Council will meet on Friday "
)
TEXTS: dict[str, Callable[[int], str]] = {
    "quote marks": lambda n: "“" * n,
    "so-called": lambda n: ("so-called “x” " * (n // 14 + 1))[:n],
    "unpunctuated sentence": lambda n: (SENTENCE * (n // len(SENTENCE) + 1))[:n],
}
TAGGERS: dict[str, Callable[[str], object]] = {
    "find_timexes": lambda text: find_timexes(text, dct="2020-04-24"),
    "find_events": lambda text: find_events(text, "2020-04-24"),
}


def best_time(func: Callable[[str], object], text: str, repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs of ``func(text)``, in CPU seconds of this process (other
    processes on a shared machine do not count)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        func(text)
        times.append(time.process_time() - start)
    return min(times)


@pytest.mark.parametrize("tagger", sorted(TAGGERS))
@pytest.mark.parametrize("kind", sorted(TEXTS))
def test_time_grows_linearly(kind, tagger):
    func, make = TAGGERS[tagger], TEXTS[kind]
    func(make(1_000))  # warm up: compiled patterns, imports
    small = best_time(func, make(10_000))
    large = best_time(func, make(100_000), repeat=3)
    assert large <= 15 * max(small, 1e-3), (kind, tagger, small, large)


def test_a_long_sentence_keeps_its_labels():
    text = SENTENCE * 200  # 34,000 characters, one sentence
    events = find_events(text, "2020-04-24")
    assert len(events) == 5 * 200
    assert (events["clause_end"] - events["clause_start"] <= 2 * 200 + 20).all()
    assert set(events.loc[events["text"] == "1992", "label"]) == {"war began"}
