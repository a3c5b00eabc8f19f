"""Time grows linearly on pathological text: tokens, normalise, find_quotes and
find_attributions at 10k vs 100k characters.

A ratio of two timings in the same process (no absolute time): 10x the text may take at most
15x the time. The texts: quotation marks only, ``so-called “x” `` repeated, and one long
sentence without punctuation (of plain words, and of speech verbs and their subjects).
"""

import time

import pytest

from helpers.framing import find_attributions, find_quotes
from helpers.terms_tokens import tokens
from helpers.text import normalise

PATHOLOGICAL = {
    "quote marks": "“",
    "so-called": "so-called “x” ",
    "one sentence": "word and more words ",
    "one sentence of reports": "the minister said that talks failed and his aides claimed ",
}


def _text(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _best(func, text: str, repeats: int, calls: int = 1) -> float:
    """The best of ``repeats`` timings of ``calls`` calls, per call."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            func(text)
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def _growth(func, unit: str) -> float:
    """Time at 100k characters over time at 10k (the latter at least 0.5 ms, so that timer
    noise on a very fast call cannot fail the test)."""
    small, large = _text(unit, 10_000), _text(unit, 100_000)
    func(small)  # warm up caches and compiled patterns
    return _best(func, large, 3) / max(_best(func, small, 5, calls=10), 5e-4)


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
@pytest.mark.parametrize(
    "func",
    [
        pytest.param(lambda t: normalise(t), id="normalise"),
        pytest.param(lambda t: normalise(t, track=False), id="normalise-untracked"),
        pytest.param(lambda t: tokens(t, quotes=False), id="tokens"),
    ],
)
def test_time_grows_linearly(func, name):
    assert _growth(func, PATHOLOGICAL[name]) <= 15


@pytest.mark.parametrize("name", [*PATHOLOGICAL, "speech"])
@pytest.mark.parametrize(
    "func",
    [
        pytest.param(tokens, id="tokens"),
        pytest.param(find_quotes, id="find_quotes"),
        pytest.param(find_attributions, id="find_attributions"),
    ],
)
def test_quotation_kinds_grow_linearly(func, name):
    # the kind features that look at the whole document (the same words elsewhere) are
    # indexed once per document, not searched again for every quotation
    unit = "He said “it is over,” she said. " if name == "speech" else PATHOLOGICAL[name]
    assert _growth(func, unit) <= 15
