"""The corpus: documents with normalised text, metadata and offsets, plus what failed to load.

``read_corpus(source)`` takes a file, a folder (read recursively, in sorted order, symbolic
links to folders followed once), a glob or a list of these, and returns a :class:`Corpus`:

- ``docs``: one row per document — ``doc_id``, ``text`` (normalised), ``title``, ``date``
  (``datetime64[ms]``, any year 1–9999, NaT when unknown), ``date_precision``
  (day/month/year), ``place``, ``author``, ``outlet``, ``source`` (file, and
  ``#line=``/``#row=``/``#record=`` for records), ``encoding``, ``processing`` (what
  normalisation changed), then extra metadata columns;
- ``problems``: ``source``, ``reason``, ``lost`` — every input (file, line, row, record)
  that is not in ``docs`` (``lost`` True), and notes on documents that are (``lost``
  False: an impossible date left empty, a value kept as text, the day/month order chosen
  for ambiguous dates). A note on a record has the record's ``source``, as in ``docs``.

:meth:`Corpus.raw_text` re-reads a document's raw text from its source and
:meth:`Corpus.to_raw` maps positions in ``text`` back to it (the offset map is derived
again on demand, so loading stays fast and the cache small).

Nothing in a file makes ``read_corpus`` raise: every input is either a document or a
problem. Parsed corpora are cached as Parquet in ``data/processed/corpus-<key>/`` (docs and
problems), keyed by a content digest of each input file, the options, the code of the
reading modules and the versions of the libraries they use.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import warnings
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm import tqdm

from helpers.corpus_cache import cache_key, read_cached, write_cache
from helpers.corpus_dates import ambiguity_note, choose_dayfirst, date_order, parse_date
from helpers.corpus_sources import expand_sources, scan_sources
from helpers.decoding import InputError
from helpers.paths import processed_dir
from helpers.readers import Problem, Record, read_bytes, read_file
from helpers.records import PROBLEM_COLUMNS
from helpers.text import (
    OffsetMap,
    normalise,
    paragraph_breaks,
    split_paragraphs,
    split_sentences,
)

CORE_COLUMNS = [
    "doc_id",
    "text",
    "title",
    "date",
    "date_precision",
    "place",
    "author",
    "outlet",
    "source",
    "encoding",
    "processing",
]
# Milliseconds: years 1-9999 all fit (nanoseconds stop at 1677-2262), and Parquet stores them
# as they are (it has no seconds unit), so cached and pipeline tables read back the same dtype.
DATE_DTYPE = "datetime64[ms]"
PROGRESS_BYTES = 20_000_000  # show a progress bar above this input size (progress=None)


@dataclass
class Corpus:
    """Documents (``docs``) and the inputs that failed to load (``problems``); ``key`` names
    the cache entry (empty when read with ``cache=False``)."""

    docs: pd.DataFrame
    problems: pd.DataFrame
    key: str = ""

    def __len__(self) -> int:
        return len(self.docs)

    def __repr__(self) -> str:
        return f"<Corpus: {len(self.docs)} documents, {len(self.problems)} problems>"

    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph: ``doc_id, para_id, start, end`` (offsets into ``text``)."""
        return paragraphs_table(self.docs)

    def sentences(self) -> pd.DataFrame:
        """One row per sentence: ``doc_id, sent_id, para_id, start, end``."""
        return sentences_table(self.docs)

    def _record(self, doc_id: str) -> Record:
        row = self.docs.loc[self.docs["doc_id"] == doc_id]
        if row.empty:
            raise KeyError(f"no document {doc_id!r}")
        path, _, record = str(row["source"].iloc[0]).partition("#")
        enc = row["encoding"].iloc[0]
        for item in read_file(Path(path), doc_id, encoding=None if pd.isna(enc) else enc):
            if isinstance(item, Record) and (not record or item.source.endswith("#" + record)):
                return item
        raise KeyError(f"{doc_id!r} is no longer in {path}")

    def raw_text(self, doc_id: str) -> str:
        """The raw text of ``doc_id`` as read from its source (re-read from disk)."""
        return self._record(doc_id).raw

    def offset_map(self, doc_id: str) -> OffsetMap:
        """The map from positions in a document's ``text`` to positions in its raw text."""
        record = self._record(doc_id)
        processing = self.docs.loc[self.docs["doc_id"] == doc_id, "processing"].iloc[0]
        markdown = bool(re.search(r"(?:^|; )markdown ×", str(processing)))  # as when loaded
        norm = normalise(record.raw[record.body_start :], markdown=markdown)
        return OffsetMap(norm.offsets.norm, norm.offsets.raw + record.body_start)

    def to_raw(self, doc_id: str, pos: int | np.ndarray, end: bool = False) -> int | np.ndarray:
        """Position(s) in the raw text of ``doc_id`` for position(s) in its normalised text.

        Use ``end=True`` for span ends (see :meth:`helpers.text.OffsetMap.to_raw`).
        """
        return self.offset_map(doc_id).to_raw(pos, end)


def _plain(value: Any) -> Any:
    """Scalars stay; dates become ISO text; lists, dicts and other objects become JSON."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    try:
        return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        return str(value)


def build_row(
    record: Record,
    seen_ids: dict[str, int],
    *,
    dayfirst: bool = False,
    notes: list[str] | None = None,
    markdown: bool | None = None,
) -> dict[str, Any]:
    """Normalise one record into a docs row; may raise InputError (e.g. empty text).

    Args:
        record: the raw record.
        seen_ids: doc ids used so far (updated; a repeated id gets ``~2``, ``~3``, …).
        dayfirst: read ambiguous numeric dates (``01/02/2020``) day first.
        notes: receives problems that leave the document in, e.g. an impossible date
            (then ``date`` is NaT) and the record's own ``meta["notes"]``.
        markdown: True/False declares the text Markdown or not; None reads ``.md`` files as
            Markdown and detects it in other records (see ``helpers.text.normalise``).

    Returns:
        The row: the ``CORE_COLUMNS`` and extra metadata (an extra whose name is a core
        column is stored as ``input_<name>``).
    """
    meta = record.meta
    kept: list[str] = list(meta.get("notes", ()))
    try:
        date, precision = parse_date(meta.get("date"), dayfirst=dayfirst)
    except InputError as err:
        date, precision = pd.NaT, None
        kept.append(f"{err}; date left empty")
    if markdown is None and _is_markdown_file(record.source):
        markdown = True
    norm = normalise(record.raw[record.body_start :], track=False, markdown=markdown)
    if not norm.text:
        raise InputError("empty text" + (" after the header" if record.body_start else ""))
    doc_id = record.doc_id
    if doc_id in seen_ids:
        seen_ids[doc_id] += 1
        doc_id = f"{doc_id}~{seen_ids[record.doc_id]}"
    seen_ids.setdefault(doc_id, 1)
    steps = [f"{k} ×{v}" for k, v in norm.steps.items()]
    if record.body_start:
        steps.insert(0, "header removed")
    steps[:0] = meta.get("processing", ())  # what the reader changed (e.g. PDF headers)
    row = {
        "doc_id": doc_id,
        "text": norm.text,
        "title": _text_or_none(meta.get("title")),
        "date": date,
        "date_precision": precision,
        "place": _text_or_none(meta.get("place")),
        "author": _text_or_none(meta.get("author")),
        "outlet": _text_or_none(meta.get("outlet")),
        "source": record.source,
        "encoding": record.encoding,
        "processing": "; ".join(steps),
    }
    if meta.get("date_column") == "year":
        row["year"] = date.year if precision else None
    for key, value in meta.get("extra", {}).items():
        name = key if key not in row else f"input_{key}"
        if name not in row:
            row[name] = _plain(value)
    if notes is not None:
        notes.extend(kept)
    return row


def _is_markdown_file(source: str) -> bool:
    """Whether ``source`` (a path, perhaps with ``#record=…``) names a Markdown file."""
    return source.partition("#")[0].lower().removesuffix(".gz").endswith((".md", ".markdown"))


def _text_or_none(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = (
        str(value).strip() if not isinstance(value, (list, tuple)) else "; ".join(map(str, value))
    )
    return text or None


def _dates(values: list[Any]) -> np.ndarray:
    """Dates (Timestamps, NaT or None) as ``DATE_DTYPE``."""
    nat = np.datetime64("NaT", "ms")
    return np.array(
        [
            nat if v is None or v is pd.NaT else np.datetime64(v.to_datetime64(), "ms")
            for v in values
        ],
        dtype=DATE_DTYPE,
    )


def _column(values: list[Any]) -> pd.Series | pd.api.extensions.ExtensionArray:
    """One dtype for a metadata column: its values' own type if they share one, else text."""
    kinds = {type(v) for v in values if v is not None and v == v}
    if len(kinds) == 1 and kinds != {str}:
        try:
            series = pd.Series(values).convert_dtypes()
            if kinds <= {int, float} and series.notna().all():
                series = series.astype(values[0].__class__)
            if series.dtype != object:
                return series
        except (TypeError, ValueError, OverflowError):
            pass  # e.g. integers beyond 64 bits: kept as text
    return pd.array([None if v is None or v != v else str(v) for v in values], dtype="str")


class DocsBuilder:
    """Accumulates docs rows column by column; texts go to Arrow in chunks to save memory."""

    CHUNK = 256

    def __init__(self) -> None:
        self.columns: dict[str, list[Any]] = {c: [] for c in CORE_COLUMNS if c != "text"}
        self.text_chunks: list[pa.Array] = []
        self.texts: list[str] = []
        self.n = 0

    def append(self, row: dict[str, Any]) -> None:
        self.texts.append(row.pop("text"))
        if len(self.texts) >= self.CHUNK:
            self._flush()
        for key, value in row.items():
            if key not in self.columns:
                self.columns[key] = [None] * self.n
            self.columns[key].append(value)
        self.n += 1
        for values in self.columns.values():
            if len(values) < self.n:
                values.append(None)

    def _flush(self) -> None:
        if self.texts:
            self.text_chunks.append(pa.array(self.texts, type=pa.large_string()))
            self.texts = []

    def frame(self) -> pd.DataFrame:
        """The docs table: core columns first, one dtype per column (mixed values become
        text), ``date`` as ``DATE_DTYPE``."""
        self._flush()
        text = pa.chunked_array(self.text_chunks, type=pa.large_string())
        docs = pd.DataFrame(
            {
                "doc_id": pd.array(self.columns.pop("doc_id"), dtype="str"),
                "text": pd.Series(
                    text.to_pandas(
                        types_mapper={
                            pa.large_string(): pd.StringDtype("pyarrow", na_value=np.nan)
                        }.get
                    )
                ),
            }
        )
        for col, values in self.columns.items():
            docs[col] = _dates(values) if col == "date" else _column(values)
        extra = [c for c in docs.columns if c not in CORE_COLUMNS]
        return docs[CORE_COLUMNS + extra]


class _DateOrder:
    """Evidence for the order of numeric dates, and the ambiguous ones to settle at the end."""

    def __init__(self, dayfirst: bool | None) -> None:
        self.dayfirst = dayfirst
        self.counts: Counter[str] = Counter()
        self.ambiguous: dict[str, list[tuple[int, str]]] = {}

    def observe(self, value: Any, index: int, file: str) -> None:
        order = date_order(value)
        if order:
            self.counts[order] += 1
        if order == "ambiguous":
            self.ambiguous.setdefault(file, []).append((index, value))

    def settle(self, builder: DocsBuilder) -> list[Problem]:
        """Re-read ambiguous dates in the chosen order; one note per file that had any."""
        if not self.ambiguous:
            return []
        chosen, why = choose_dayfirst(
            self.dayfirst, self.counts["day-first"], self.counts["month-first"]
        )
        notes = []
        for file, rows in self.ambiguous.items():
            if chosen != bool(self.dayfirst):
                for index, value in rows:
                    builder.columns["date"][index] = parse_date(value, dayfirst=chosen)[0]
            notes.append(
                Problem(file, ambiguity_note(len(rows), rows[0][1], chosen, why), lost=False)
            )
        return notes


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _load(
    files: list[tuple[Path, str]],
    scanned: list[Problem],
    options: dict[str, Any],
    progress: bool | None,
) -> Corpus:
    sizes = [_size(path) for path, _ in files]
    show = sum(sizes) > PROGRESS_BYTES if progress is None else progress
    columns = DocsBuilder()
    problems: list[Problem] = list(scanned)
    hashes: dict[bytes, str] = {}
    seen_ids: dict[str, int] = {}
    order = _DateOrder(options["dayfirst"])
    with tqdm(
        total=sum(sizes),
        unit="B",
        unit_scale=True,
        desc="reading corpus",
        disable=not show,
        leave=False,
    ) as bar:
        for (path, rel), size in zip(files, sizes, strict=True):
            for item in read_file(
                path, rel, encoding=options["encoding"], columns=options["columns"]
            ):
                if isinstance(item, Problem):
                    problems.append(item)
                    continue
                notes: list[str] = []
                try:
                    row = build_row(
                        item,
                        seen_ids,
                        dayfirst=bool(options["dayfirst"]),
                        notes=notes,
                        markdown=options["markdown"],
                    )
                    digest = hashlib.blake2b(row["text"].encode(), digest_size=16).digest()
                except InputError as err:
                    problems.append(Problem(item.source, str(err)))
                    continue
                except Exception as err:  # noqa: BLE001 - one record must not stop the corpus
                    problems.append(Problem(item.source, f"{type(err).__name__}: {err}"))
                    continue
                if options["dedupe"] and digest in hashes:
                    problems.append(
                        Problem(item.source, f"duplicate of {hashes[digest]} (same text)")
                    )
                    continue
                hashes[digest] = row["doc_id"]
                if notes:
                    problems += [Problem(item.source, note, lost=False) for note in notes]
                order.observe(item.meta.get("date"), columns.n, str(path))
                columns.append(row)
            bar.update(size)
    problems += order.settle(columns)
    return Corpus(columns.frame(), problems_frame(problems))


def problems_frame(problems: Sequence[Problem]) -> pd.DataFrame:
    """The problems table of a list of ``Problem`` records.

    Args:
        problems: the problems met while reading.

    Returns:
        A DataFrame ``source`` (file, and line, row or record), ``reason`` (text) and
        ``lost`` (bool: True when a record was not read, False for a note on a kept
        document).

    Example:
        >>> from helpers.corpus import problems_frame
        >>> problems_frame([]).columns.tolist()
        ['source', 'reason', 'lost']
    """
    return pd.DataFrame(
        {
            "source": pd.array([p.source for p in problems], dtype="str"),
            "reason": pd.array([p.reason for p in problems], dtype="str"),
            "lost": np.array([p.lost for p in problems], dtype=bool),
        },
        columns=PROBLEM_COLUMNS,
    )


def read_corpus(
    source: str | Path | Sequence[str | Path],
    *,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    dedupe: bool = True,
    dayfirst: bool | None = None,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    progress: bool | None = None,
    markdown: bool | None = None,
) -> Corpus:
    r"""Read documents from a file, folder, glob or list of these into a :class:`Corpus`.

    Whatever a file holds becomes documents or problems: a single warning gives the number
    of problems, listed in ``corpus.problems``.

    Args:
        source: a file, folder, glob, or a list of these (text, Markdown, CSV/TSV, JSON,
            JSON Lines, Parquet, HTML, PDF, DOCX; optionally gzipped).
        columns: maps our fields (text, doc_id, title, date, outlet, author, place) to
            column names in tabular inputs, overriding the recognised names.
        encoding: forces one text encoding (else detected per file).
        dedupe: list documents whose normalised text repeats an earlier one as problems.
        dayfirst: read ambiguous numeric dates (``01/02/2020``) day first (True) or month
            first (False); None decides from the corpus (day first if more numeric dates
            show a day above 12 first than second), and a note per file says how they were
            read.
        cache: read/write Parquet under ``cache_dir`` (default ``data/processed``).
        progress: show a bar (default: inputs above 20 MB).
        markdown: True reduces every text from Markdown to plain text, False none, None
            (default) the ``.md`` files and the records that look like Markdown.

    Returns:
        A ``Corpus``: ``docs`` (one row per document: ``doc_id, text, source``, the metadata
        found, ``date`` with ``date_precision``, ``processing``), ``problems`` (``source,
        reason, lost``: what was not read, or a note on a kept document) and ``key`` (of
        the inputs' content and the options).

    Raises:
        FileNotFoundError: only for a path that does not exist.

    Example:
        >>> import tempfile, warnings
        >>> from pathlib import Path
        >>> from helpers.corpus import read_corpus
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "letter.txt").write_text("The “elections” were held.", encoding="utf-8")
        >>> _ = (folder / "statements.csv").write_text(
        ...     "id,text,date\ns1,Talks resumed in Vienna.,2021-05-04\ns2,,2021-05-05\n")
        >>> _ = (folder / "scan.png").write_bytes(b"\x89PNG")
        >>> with warnings.catch_warnings(record=True):
        ...     corpus = read_corpus(folder, cache=False, progress=False)
        >>> print(corpus.docs[["doc_id", "date"]].to_string(index=False))
        doc_id       date
        letter        NaT
            s1 2021-05-04
        >>> for p in corpus.problems.itertuples():
        ...     print(Path(p.source).name, "|", p.reason[:30])
        scan.png | unsupported file type '.png';
        statements.csv#row=2 | empty text field
    """
    files, scanned = scan_sources(source)
    options = {
        "columns": dict(columns) if columns else None,
        "encoding": encoding,
        "dedupe": dedupe,
        "dayfirst": dayfirst,
        "markdown": markdown,
    }
    if not cache:  # no key needed: it would cost a pass over every input's bytes
        corpus = _load(files, scanned, options, progress)
        _warn_problems(corpus.problems)
        return corpus
    key = cache_key(files, scanned, options)
    folder = Path(cache_dir) if cache_dir is not None else processed_dir()
    folder = folder / f"corpus-{key}"
    if cached := read_cached(folder):
        corpus = Corpus(*cached, key)
    else:
        corpus = _load(files, scanned, options, progress)
        corpus.key = key
        write_cache(corpus.docs, corpus.problems, folder)
    _warn_problems(corpus.problems)
    return corpus


def _warn_problems(problems: pd.DataFrame) -> None:
    if problems.empty:
        return
    lost = int(problems["lost"].sum())
    parts = [f"{lost} input(s) not loaded"] if lost else []
    if len(problems) > lost:
        parts.append(f"{len(problems) - lost} note(s) on loaded documents")
    first = problems[problems["lost"]].iloc[0] if lost else problems.iloc[0]
    warnings.warn(
        f"{'; '.join(parts)}; see corpus.problems (first: {first['source']}: {first['reason']})",
        stacklevel=3,
    )


def iter_texts(texts: pd.Series, chunk: int = 256) -> Iterator[str]:
    """The strings of a text column one by one, converting Arrow storage a chunk at a time."""
    array = texts.array
    if not hasattr(array, "__arrow_array__"):
        yield from texts
        return
    for part in array.__arrow_array__().iterchunks():
        for start in range(0, len(part), chunk):
            yield from part.slice(start, chunk).to_pylist()


def paragraphs_table(docs: pd.DataFrame) -> pd.DataFrame:
    r"""One row per paragraph of each document.

    Args:
        docs: the docs table (``doc_id, text``).

    Returns:
        A DataFrame ``doc_id, para_id, start, end`` (ids count from 0, offsets into the
        text).

    Example:
        >>> import pandas as pd
        >>> from helpers.corpus import paragraphs_table
        >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["First paragraph.\n\nSecond."]})
        >>> print(paragraphs_table(docs).to_string(index=False))
        doc_id  para_id  start  end
             a        0      0   16
             a        1     18   25
    """
    spans = [
        np.array(split_paragraphs(text), dtype=np.int64).reshape(-1, 2)
        for text in iter_texts(docs["text"])
    ]
    n = [len(s) for s in spans]
    empty = np.array([], dtype=np.int64)
    return pd.DataFrame(
        {
            "doc_id": _repeat_ids(list(docs["doc_id"]), n),
            "para_id": np.concatenate([np.arange(k, dtype=np.int64) for k in n]) if n else empty,
            "start": np.concatenate([s[:, 0] for s in spans]) if n else empty,
            "end": np.concatenate([s[:, 1] for s in spans]) if n else empty,
        }
    )


def sentences_table(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of each document.

    Args:
        docs: the docs table (``doc_id, text``).

    Returns:
        A DataFrame ``doc_id, sent_id, para_id, start, end`` (ids count from 0, offsets into
        the text); ``doc_id`` is categorical (its categories are the corpus's doc ids, in
        order).

    Example:
        >>> from helpers.example_corpus import example_docs
        >>> from helpers.corpus import sentences_table
        >>> print(sentences_table(example_docs()).to_string(index=False))
        doc_id  sent_id  para_id  start  end
             a        0        0      0   52
             b        0        0      0   55
             c        0        0      0   44
    """
    frames = []
    for doc_id, text in zip(docs["doc_id"], iter_texts(docs["text"]), strict=True):
        spans = np.array(split_sentences(text), dtype=np.int64).reshape(-1, 2)
        breaks = np.array(paragraph_breaks(text), dtype=np.int64)
        para_ids = np.searchsorted(breaks, spans[:, 0], side="right")
        frames.append((doc_id, spans, para_ids))
    n = [len(spans) for _, spans, _ in frames]
    empty = np.array([], dtype=np.int64)
    return pd.DataFrame(
        {
            "doc_id": _repeat_ids([d for d, _, _ in frames], n),
            "sent_id": np.concatenate([np.arange(k, dtype=np.int64) for k in n])
            if frames
            else empty,
            "para_id": np.concatenate([p for _, _, p in frames]) if frames else empty,
            "start": np.concatenate([s[:, 0] for _, s, _ in frames]) if frames else empty,
            "end": np.concatenate([s[:, 1] for _, s, _ in frames]) if frames else empty,
        }
    )


def _repeat_ids(doc_ids: list[str], counts: list[int]) -> pd.Categorical:
    """``doc_ids[i]`` repeated ``counts[i]`` times, stored as a categorical (small in memory)."""
    codes = np.repeat(np.arange(len(doc_ids)), counts)
    return pd.Categorical.from_codes(codes, categories=pd.Index(doc_ids, dtype="str"))


__all__ = [
    "Corpus",
    "read_corpus",
    "parse_date",
    "problems_frame",
    "scan_sources",
    "expand_sources",
    "paragraphs_table",
    "sentences_table",
    "read_bytes",
]
