"""Term counting speed on the White House statements (``make bench``).

Tokenise + document-feature matrix (``helpers.terms.dfm``) next to scikit-learn's
``CountVectorizer().fit_transform`` on the same texts in the same process, interleaved,
best of ``ROUNDS``: MB/s, the ratio (reference time / our time; > 1 means we are faster),
in wall-clock and in CPU time (CPU time is steadier on a shared machine), and peak traced
memory. Then the other paths over the same corpus: token table, KWIC, keyness, collocates.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from helpers.bench.common import mb, measure, time_only, white_house_texts
from helpers.terms import dfm, kwic, textstat_collocates, textstat_keyness, tokens

ROUNDS = 5
TOKEN_TABLE_DOCS = 1000  # the token table (offsets, sentence ids) on the first documents


def _timed(func: Callable[[], Any]) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    func()
    return time.perf_counter() - wall, time.process_time() - cpu


def _speed(name: str, size: float, wall: float, cpu: float) -> None:
    print(
        f"{name:<44} {mb(size) / wall:6.2f} MB/s wall ({wall:.2f} s), {mb(size) / cpu:6.2f} MB/s CPU"
    )


def main() -> None:
    texts, size = white_house_texts()
    print(f"corpus: {len(texts)} White House statements, {mb(size):.1f} MB")
    ours, ref = [], []
    for _ in range(ROUNDS):
        ours.append(_timed(lambda: dfm(texts)))
        ref.append(_timed(lambda: CountVectorizer().fit_transform(texts)))
    (o_wall, o_cpu), (r_wall, r_cpu) = np.min(ours, axis=0), np.min(ref, axis=0)
    _speed("tokenise + dfm (helpers.terms.dfm)", size, o_wall, o_cpu)
    _speed("reference CountVectorizer().fit_transform", size, r_wall, r_cpu)
    print(
        f"speed ratio ours / CountVectorizer: {r_wall / o_wall:.2f} wall, {r_cpu / o_cpu:.2f} CPU"
        f"  (target >= 1.0; best of {ROUNDS})"
    )
    d, _, peak_ours = measure(lambda: dfm(texts))
    _, _, peak_ref = measure(lambda: CountVectorizer().fit_transform(texts))
    print(
        f"peak memory: ours {mb(peak_ours):.1f} MB, CountVectorizer {mb(peak_ref):.1f} MB, "
        f"ratio {peak_ours / peak_ref:.2f}  (target <= 2.0)"
    )
    print(f"dfm: {d.matrix.shape[0]} docs x {d.matrix.shape[1]} features, {d.matrix.nnz} non-zeros")

    some = texts[:TOKEN_TABLE_DOCS]
    table, t_tok = time_only(lambda: tokens(some, quotes=False))
    some_mb = mb(sum(len(t.encode()) for t in some))
    print(
        f"token table, sentence ids, no quote search ({len(some)} docs): {some_mb / t_tok:.2f} MB/s"
    )
    half = np.arange(len(texts)) < len(texts) // 2
    _, t_key = time_only(lambda: textstat_keyness(d, half))
    print(f"keyness (first vs second half, {len(d.features)} features): {t_key:.2f} s")
    for pattern, valuetype in (("sanctions", "glob"), ("elect*", "glob"), ("^elect", "regex")):
        hits, t_kwic = time_only(lambda p=pattern, v=valuetype: kwic(texts, p, valuetype=v))
        print(f"kwic {pattern!r} ({valuetype}): {len(hits)} hits in {t_kwic:.2f} s")
    coll, t_coll = time_only(lambda: textstat_collocates(texts, "sanctions", min_count=5))
    print(f"collocates of 'sanctions': {len(coll)} collocates in {t_coll:.2f} s")


if __name__ == "__main__":
    main()
