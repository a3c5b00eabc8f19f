"""Time on pathological text: seconds per MB of every text-level extractor (``tokens``,
``find_quotes``, ``find_attributions``, ``find_timexes``, ``find_events``) on 1 MB of
quotation marks, of ``so-called “x” `` repeated, of one unpunctuated sentence (UN speeches
with their punctuation removed) and of one unpunctuated sentence with a date every few words.
Target: at most 3 s per MB each. Reference run: one ``re.finditer(r"\\w+")`` pass over the
same text in the same process (printed as the ratio).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from helpers.bench.common import SHARED, mb, require, time_only
from helpers.chronology import find_events, find_timexes
from helpers.framing import find_attributions, find_quotes
from helpers.terms import tokens

UN_SPEECHES = SHARED / "corpora" / "ungdc-arm-aze" / "ungdc_subset.jsonl"
DENSE = (
    "the delegation recalled that the war began in 1992 and that talks were held in March "
    "while the ceasefire of May 1994 still holds today and the Council will meet on Friday "
)
DCT = "2020-04-24"
EXTRACTORS: dict[str, Callable[[str], object]] = {
    "tokens": lambda t: tokens([t]),
    "find_quotes": find_quotes,
    "find_attributions": find_attributions,
    "find_timexes": lambda t: find_timexes(t, DCT),
    "find_events": lambda t: find_events(t, DCT),
}


def pathological_texts(size: int = 1_000_000) -> dict[str, str]:
    """The pathological inputs, ``size`` characters each."""
    with require(UN_SPEECHES).open(encoding="utf-8") as fh:
        speeches = " ".join(json.loads(line)["text"] for line in fh)
    plain = re.sub(r"\s+", " ", re.sub(r"[^\w\s’'-]+", " ", speeches[: 2 * size]))

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "quotation marks": "“" * size,
        "so-called “x” repeated": fill("so-called “x” "),
        "one unpunctuated sentence (UN speeches)": fill(plain),
        "one unpunctuated sentence, dense dates": fill(DENSE),
    }


def main() -> None:
    """Print seconds per MB and rows found of each extractor on each pathological text."""
    print("pathological text, 1 MB each (target <= 3 s/MB; ratio to one regex word pass):")
    for name, text in pathological_texts().items():
        size = mb(len(text.encode("utf-8")))
        _, s_ref = time_only(lambda t=text: sum(1 for _ in re.finditer(r"\w+", t)))
        for func_name, func in EXTRACTORS.items():
            found, seconds = time_only(lambda f=func, t=text: f(t))
            print(
                f"  {name:<40} {func_name:<17} {seconds / size:6.2f} s/MB "
                f"({seconds / s_ref:6.0f}x regex; {len(found)} rows)"
            )


if __name__ == "__main__":
    main()
