"""Pages of paged documents (PDF): which page a position in a document's text is on.

A PDF's docs row has ``pages``: a JSON list of the offsets in its *raw* text where each page
starts (page 1 at ``pages[0]``; see :mod:`helpers.readers_documents`). Positions in the
normalised ``text`` go to the raw text through :meth:`helpers.corpus.Corpus.to_raw`, so these
functions re-read the document's file, as ``to_raw`` does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import numpy as np
import pandas as pd

from helpers.corpus import Corpus


def _raw_starts(corpus: Corpus, doc_id: str) -> np.ndarray | None:
    """The raw page starts of ``doc_id``, or None when it has no pages (not a PDF)."""
    if "pages" not in corpus.docs.columns:
        return None
    rows = corpus.docs.loc[corpus.docs["doc_id"] == doc_id, "pages"]
    if rows.empty:
        raise KeyError(f"no document {doc_id!r}")
    value = rows.iloc[0]
    if not isinstance(value, str):  # None or NaN: a document without pages
        return None
    return np.asarray(json.loads(value), dtype=np.int64)


def page_of(
    corpus: Corpus, doc_id: str, pos: int | np.ndarray, *, end: bool = False
) -> int | np.ndarray:
    """The page number (from 1) of position(s) ``pos`` in the normalised text of ``doc_id``.

    Args:
        corpus: the corpus holding the document.
        doc_id: a document with pages (a PDF).
        pos: a position or an array of positions in ``docs.text``.
        end: ``pos`` are span ends (the page of the character before them).

    Returns:
        An int for an int ``pos``, else an array of page numbers.

    Raises:
        KeyError: no such document. ValueError: the document has no pages.
    """
    starts = _raw_starts(corpus, doc_id)
    if starts is None:
        raise ValueError(f"{doc_id!r} has no pages (only PDF documents have)")
    raw = np.asarray(corpus.to_raw(doc_id, pos, end=end))
    pages = np.searchsorted(starts, raw - 1 if end else raw, side="right")
    pages = np.clip(pages, 1, len(starts))
    return int(pages) if np.ndim(pages) == 0 else pages


def pages_table(corpus: Corpus, doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per page of each paged document: ``doc_id, page, start, end``.

    ``start, end`` are offsets into ``docs.text`` (a page without text has ``start == end``);
    the pages of a document cover its text. Documents without pages are left out. Join with
    any table of offsets, e.g. ``pd.merge_asof(quotes.sort_values("start"), pages_table(c),
    on="start", by="doc_id")``.
    """
    docs = corpus.docs
    wanted = list(docs["doc_id"]) if doc_ids is None else list(doc_ids)
    rows = []
    for doc_id in wanted:
        starts = _raw_starts(corpus, doc_id)
        if starts is None:
            continue
        length = len(docs.loc[docs["doc_id"] == doc_id, "text"].iloc[0])
        raw_of = np.asarray(corpus.offset_map(doc_id).to_raw(np.arange(length + 1)))
        norm = np.searchsorted(raw_of, starts, side="left")
        ends = np.append(norm[1:], length)
        for page, (start, stop) in enumerate(zip(norm, ends, strict=True), start=1):
            rows.append((doc_id, page, int(start), int(stop)))
    return pd.DataFrame(rows, columns=["doc_id", "page", "start", "end"]).astype(
        {"doc_id": "str", "page": "int64", "start": "int64", "end": "int64"}
    )


__all__ = ["page_of", "pages_table"]
