"""Framing over a corpus: tidy tables of quotations, attributions and lexicon hits.

Every function takes ``docs`` (the DataFrame of ``read_corpus``: ``doc_id``, ``text``, ...)
and returns one row per item with ``doc_id`` and character offsets ``start, end`` into
that document's text. Lexicon hits also carry their sentence and paragraph (``sent_id``,
``para_id``) and whether they sit inside a quotation (``in_quote``, ``quote_kind`` of the
innermost one).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.corpus import sentences_table
from helpers.framing_names import document_speaker
from helpers.framing_quotes import COLUMNS, quote_records, records_frame
from helpers.framing_reported import ATTRIBUTION_COLUMNS, attribution_records
from helpers.lexicons import compile_lexicon, lexicon_hits, read_lexicon

HIT_COLUMNS = [
    "doc_id", "sent_id", "para_id", "start", "end", "match", "pattern", "family", "lexicon",
    "in_quote", "quote_kind",
]  # fmt: skip
LexiconSpec = str | Path | pd.DataFrame


def document_contexts(docs: pd.DataFrame) -> list[tuple[str | None, str | None]]:
    """Per document of ``docs``: its own speaker (``document_speaker`` of its ``country``,
    ``iso3``, ``author`` or ``title`` column) and its title, for ``find_quotes``."""
    keys = [c for c in ("country", "iso3", "author", "title") if c in docs.columns]
    records = docs[keys].to_dict("records") if keys else [{}] * len(docs)
    return [(document_speaker(r), _text_or_none(r.get("title"))) for r in records]


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def quotes_table(docs: pd.DataFrame) -> pd.DataFrame:
    """Every quotation of every document, typed and attributed.

    Args:
        docs: the docs table (``doc_id, text``; ``title`` and speaker columns are used when
            present, see ``document_contexts``).

    Returns:
        A DataFrame ``doc_id`` + the ``find_quotes`` columns, documents in order.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import quotes_table
        >>> q = quotes_table(example_docs())
        >>> print(q[["doc_id", "text", "kind", "speaker"]].to_string(index=False))
        doc_id                       text   kind      speaker
             a                  elections  scare         None
             b We will never accept this, direct the minister
    """
    rows = [
        (doc_id, *row)
        for doc_id, text, (speaker, title) in zip(
            docs["doc_id"], docs["text"], document_contexts(docs), strict=True
        )
        for row in quote_records(text, speaker=speaker, title=title)
    ]
    return records_frame(rows, ["doc_id", *COLUMNS])


def attributions_table(docs: pd.DataFrame) -> pd.DataFrame:
    """Reported speech of every document, direct and indirect.

    Args:
        docs: the docs table (``doc_id, text``; ``title`` and speaker columns are used when
            present, see ``document_contexts``).

    Returns:
        A DataFrame ``doc_id`` + the ``find_attributions`` columns, documents in order.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import attributions_table
        >>> a = attributions_table(example_docs())
        >>> print(a[["doc_id", "content", "kind", "source", "cue"]].to_string(index=False))
        doc_id                      content   kind       source  cue
             b “We will never accept this,” direct the minister said
    """
    rows = [
        (doc_id, *row)
        for doc_id, text, (speaker, title) in zip(
            docs["doc_id"], docs["text"], document_contexts(docs), strict=True
        )
        for row in attribution_records(text, speaker=speaker, title=title)
    ]
    return records_frame(rows, ["doc_id", *ATTRIBUTION_COLUMNS])


def lexicon_frame(lexicons: LexiconSpec | Sequence[LexiconSpec]) -> pd.DataFrame:
    """One lexicon table from one or several lexicons, with a ``lexicon`` name column."""
    specs = [lexicons] if isinstance(lexicons, (str, Path, pd.DataFrame)) else list(lexicons)
    parts = []
    for k, spec in enumerate(specs):
        name = Path(spec).stem if isinstance(spec, (str, Path)) else f"lexicon{k}"
        parts.append(read_lexicon(spec).assign(lexicon=name))
    return pd.concat(parts, ignore_index=True)


def _global(doc_index: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Positions made comparable across documents (document index in the high bits)."""
    return doc_index.astype(np.int64) * (1 << 40) + pos.astype(np.int64)


def _innermost_kind(hits: pd.DataFrame, quotes: pd.DataFrame, doc_index: pd.Index) -> np.ndarray:
    """Kind of the innermost quotation (marks included) holding each hit whole, or None."""
    kinds = np.full(len(hits), None, dtype=object)
    if hits.empty or quotes.empty:
        return kinds
    h_doc = doc_index.get_indexer(hits["doc_id"])
    h_start = _global(h_doc, hits["start"].to_numpy())
    h_end = _global(h_doc, hits["end"].to_numpy())
    q_doc = doc_index.get_indexer(quotes["doc_id"])
    for depth in sorted(quotes["depth"].unique()):  # deeper quotes override outer ones
        level = (quotes["depth"] == depth).to_numpy() & (q_doc >= 0)
        q_start = _global(q_doc[level], quotes["mark_start"].to_numpy()[level])
        q_end = _global(q_doc[level], quotes["mark_end"].to_numpy()[level])
        order = np.argsort(q_start, kind="stable")
        q_start, q_end = q_start[order], q_end[order]
        q_kind = quotes["kind"].to_numpy()[level][order]
        k = np.searchsorted(q_start, h_start, side="right") - 1
        inside = (k >= 0) & (q_end[np.maximum(k, 0)] >= h_end)
        kinds[inside] = q_kind[k[inside]]
    return kinds


def lexicon_table(
    docs: pd.DataFrame,
    lexicons: LexiconSpec | Sequence[LexiconSpec] = ("markers", "frames"),
    sentences: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Lexicon hits of every document, all lexicons in one scan.

    Args:
        docs: the docs table (``doc_id, text``).
        lexicons: names under ``data/lexicons``, CSV paths or DataFrames (see
            ``helpers.lexicons``).
        sentences: a ``sentences_table`` of ``docs`` (computed when not given).
        quotes: a ``quotes_table`` of ``docs`` (computed when not given).

    Returns:
        A DataFrame of ``HIT_COLUMNS``: ``doc_id, sent_id, para_id, start, end, match``
        (the words as written), ``pattern`` (the lexicon entry), ``family, lexicon``,
        ``in_quote`` and ``quote_kind`` (of the quotation the hit sits in, else None).

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import lexicon_table
        >>> h = lexicon_table(example_docs())
        >>> print(h[["doc_id", "start", "end", "match", "family", "quote_kind"]]
        ...       .to_string(index=False))
        doc_id  start  end     match         family quote_kind
             a     13   22 so-called delegitimising       None
             a     24   33 elections      political      scare
             b     33   41  minister      political       None
             c      0    9 Elections      political       None
    """
    table = lexicon_frame(lexicons)
    compiled = compile_lexicon(table)
    lexicon_of = dict(zip(table["family"], table["lexicon"], strict=True))
    rows = [
        (doc_id, *hit)
        for doc_id, text in zip(docs["doc_id"], docs["text"], strict=True)
        for hit in lexicon_hits(text, compiled)
    ]
    hits = pd.DataFrame(rows, columns=["doc_id", "start", "end", "match", "pattern", "family"])
    hits = hits.astype({"start": "int64", "end": "int64"})
    hits["lexicon"] = hits["family"].map(lexicon_of)
    sentences = sentences_table(docs) if sentences is None else sentences
    quotes = quotes_table(docs) if quotes is None else quotes
    doc_index = pd.Index(docs["doc_id"])
    h_doc = doc_index.get_indexer(hits["doc_id"])
    s_doc = doc_index.get_indexer(sentences["doc_id"])
    s_start = _global(s_doc, sentences["start"].to_numpy())
    order = np.argsort(s_start, kind="stable")
    k = np.searchsorted(s_start[order], _global(h_doc, hits["start"].to_numpy()), side="right") - 1
    found = (k >= 0) & (s_doc[order][np.maximum(k, 0)] == h_doc)
    for col in ("sent_id", "para_id"):
        values = sentences[col].to_numpy()[order][np.maximum(k, 0)]
        hits[col] = pd.array(np.where(found, values, 0), dtype="Int64")
        hits.loc[~found, col] = pd.NA
    hits["quote_kind"] = pd.Series(
        _innermost_kind(hits, quotes, doc_index), index=hits.index, dtype=object
    )
    hits["in_quote"] = hits["quote_kind"].notna()
    return hits[HIT_COLUMNS]


def markers_table(
    docs: pd.DataFrame,
    lexicon: LexiconSpec = "markers",
    sentences: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Delegitimising, distancing and evaluative markers (``data/lexicons/markers.csv``).

    Args:
        docs: the docs table (``doc_id, text``).
        lexicon: the markers lexicon (a name, a CSV path or a DataFrame).
        sentences: a ``sentences_table`` of ``docs`` (computed when not given).
        quotes: a ``quotes_table`` of ``docs`` (computed when not given).

    Returns:
        A DataFrame of ``HIT_COLUMNS`` (as ``lexicon_table``), one row per marker.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import markers_table
        >>> m = markers_table(example_docs())
        >>> print(m[["doc_id", "match", "family"]].to_string(index=False))
        doc_id     match         family
             a so-called delegitimising
    """
    return lexicon_table(docs, lexicon, sentences, quotes)


def frames_table(
    docs: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    lexicon: LexiconSpec = "frames",
    quotes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Frame-dimension keywords per sentence (``data/lexicons/frames.csv``, a lexicon
    approximation of the Policy Frames Codebook, not trained coders' annotation).

    Args:
        docs: the docs table (``doc_id, text``).
        sentences: a ``sentences_table`` of ``docs`` (computed when not given).
        lexicon: the frames lexicon (a name, a CSV path or a DataFrame).
        quotes: a ``quotes_table`` of ``docs`` (computed when not given).

    Returns:
        A DataFrame of ``HIT_COLUMNS`` (as ``lexicon_table``), one row per keyword.

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.framing import frames_table
        >>> f = frames_table(example_docs())
        >>> print(f[["doc_id", "match", "family"]].to_string(index=False))
        doc_id     match    family
             a elections political
             b  minister political
             c Elections political
    """
    return lexicon_table(docs, lexicon, sentences, quotes)


def frame_scores(
    hits: pd.DataFrame, units: pd.DataFrame, lexicon: LexiconSpec = "frames", unit: str = "sent_id"
) -> pd.DataFrame:
    """Lexicon hits per sentence or per paragraph, one count column per family.

    Args:
        hits: a ``lexicon_table`` (or ``frames_table``).
        units: a ``sentences_table`` (``unit="sent_id"``) or ``paragraphs_table``
            (``unit="para_id"``).
        lexicon: the lexicon whose families are counted.
        unit: ``sent_id`` or ``para_id``.

    Returns:
        A DataFrame: the ``units`` columns and one count column per family of ``lexicon``
        (every family, zeros included).

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.corpus import sentences_table
        >>> from helpers.framing import frame_scores, lexicon_table
        >>> docs = example_docs()
        >>> s = frame_scores(lexicon_table(docs), sentences_table(docs))
        >>> print(s[["doc_id", "sent_id", "political", "economic"]].to_string(index=False))
        doc_id  sent_id  political  economic
             a        0          1         0
             b        0          1         0
             c        0          1         0
    """
    families = list(dict.fromkeys(read_lexicon(lexicon)["family"]))
    chosen = hits[hits["family"].isin(families)]
    counts = chosen.groupby(["doc_id", unit, "family"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=families, fill_value=0).reset_index()
    counts = counts.astype({unit: units[unit].dtype})
    table = units.merge(counts, how="left", on=["doc_id", unit])
    table[families] = table[families].fillna(0).astype("int64")
    return table
