"""The corpus: documents with normalised text, metadata and offsets, plus what failed to load.

``read_corpus(source)`` takes a file, a folder (read recursively, in sorted order), a glob or
a list of these, and returns a :class:`Corpus`:

- ``docs``: one row per document — ``doc_id``, ``text`` (normalised), ``title``, ``date``
  (datetime64, NaT when unknown), ``date_precision`` (day/month/year), ``place``, ``author``,
  ``outlet``, ``source`` (file, and ``#line=``/``#row=``/``#record=`` for records),
  ``encoding``, ``processing`` (what normalisation changed), then extra metadata columns;
- ``problems``: ``source``, ``reason`` for every input that is not in ``docs``.

:meth:`Corpus.raw_text` re-reads a document's raw text from its source and
:meth:`Corpus.to_raw` maps positions in ``text`` back to it (the offset map is derived
again on demand, so loading stays fast and the cache small).

Every input is either a document or a problem. Parsed corpora are cached as Parquet in
``data/processed/corpus-<key>/``, keyed by the files (path, size, mtime), the options and
the code of the loading modules.
"""

from __future__ import annotations

import glob
import hashlib
import json
import re
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm import tqdm

from helpers.decoding import InputError
from helpers.paths import processed_dir
from helpers.readers import Problem, Record, read_bytes, read_file
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
PROGRESS_BYTES = 20_000_000  # show a progress bar above this input size (progress=None)

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?\s*$")


@dataclass
class Corpus:
    """Documents (``docs``) and the inputs that failed to load (``problems``)."""

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


def parse_date(value: Any) -> tuple[pd.Timestamp, str | None]:
    """A date value (``2020``, ``"2020-04"``, ``"2020-04-24"``, ISO date-times, …) and its precision.

    Missing values give ``(NaT, None)``; values that are not dates raise :class:`InputError`.
    """
    if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
        return pd.NaT, None
    if isinstance(value, (pd.Timestamp,)) or hasattr(value, "year") and hasattr(value, "month"):
        return pd.Timestamp(value.year, value.month, getattr(value, "day", 1)), "day"
    if isinstance(value, (int, np.integer)) or (isinstance(value, float) and value.is_integer()):
        value = str(int(value))
    text = str(value)
    try:
        if m := _YEAR.match(text):
            return pd.Timestamp(int(m.group(1)), 1, 1), "year"
        if m := _MONTH.match(text):
            return pd.Timestamp(int(m.group(1)), int(m.group(2)), 1), "month"
        if m := _DAY.match(text):
            return pd.Timestamp(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
        stamp = pd.Timestamp(text)
    except (ValueError, OverflowError):
        raise InputError(f"impossible date {text!r}") from None
    if pd.isna(stamp):
        raise InputError(f"impossible date {text!r}")
    return pd.Timestamp(stamp.year, stamp.month, stamp.day), "day"


def expand_sources(source: str | Path | Sequence[str | Path]) -> list[tuple[Path, str]]:
    """Expand ``source`` into ``(path, id)`` pairs in a deterministic order."""
    items = [source] if isinstance(source, (str, Path)) else list(source)
    out: list[tuple[Path, str]] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = f.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                out.append((f, _strip_suffixes(rel.as_posix())))
        elif path.is_file():
            out.append((path, _strip_suffixes(path.name)))
        elif glob.has_magic(str(item)):
            matches = sorted(Path(m) for m in glob.glob(str(item), recursive=True))
            out += [(m, _strip_suffixes(m.name)) for m in matches if m.is_file()]
            if not matches:
                raise FileNotFoundError(f"no files match {item}")
        else:
            raise FileNotFoundError(f"no such file or folder: {item}")
    return out


def _strip_suffixes(name: str) -> str:
    name = name[:-3] if name.lower().endswith(".gz") else name
    return name.rsplit(".", 1)[0] if "." in Path(name).name else name


def _code_digest() -> str:
    """A digest of the modules that turn files into documents, so code changes renew caches."""
    h = hashlib.blake2b(digest_size=8)
    for name in ("corpus", "readers", "decoding", "text", "text_lines", "text_markdown"):
        h.update((Path(__file__).parent / f"{name}.py").read_bytes())
    return h.hexdigest()


def _cache_key(files: list[tuple[Path, str]], options: dict[str, Any]) -> str:
    h = hashlib.blake2b(digest_size=8)
    h.update(json.dumps([_code_digest(), options], sort_keys=True, default=str).encode())
    for path, rel in files:
        st = path.stat()
        h.update(f"{path}\0{path.resolve()}\0{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _plain(value: Any) -> Any:
    """Scalars stay; lists, dicts and other objects become JSON strings."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
    except (TypeError, ValueError):
        return str(value)


def build_row(
    record: Record, seen_ids: dict[str, int], *, markdown: bool | None = None
) -> dict[str, Any]:
    """Normalise one record into a docs row; may raise InputError.

    ``markdown``: True/False declares the text Markdown or not; None reads ``.md`` files as
    Markdown and detects it in other records (see ``helpers.text.normalise``).
    """
    meta = record.meta
    date, precision = parse_date(meta.get("date"))
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
    for key, value in meta.get("extra", {}).items():
        if key not in row:
            row[key] = _plain(value)
    if meta.get("date_column") == "year" and "year" not in row:
        row["year"] = date.year if precision else None
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
        """The docs table: core columns first, one dtype per column (mixed values become text)."""
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
            kinds = {type(v) for v in values if v is not None and v == v}
            if col == "date":
                docs[col] = pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[ns]")
            elif len(kinds) == 1 and kinds != {str}:
                docs[col] = pd.Series(values).convert_dtypes()
                if kinds <= {int, float} and docs[col].notna().all():
                    docs[col] = docs[col].astype(values[0].__class__)
            else:
                docs[col] = pd.array(
                    [None if v is None or v != v else str(v) for v in values], dtype="str"
                )
        extra = [c for c in docs.columns if c not in CORE_COLUMNS]
        return docs[CORE_COLUMNS + extra]


def _load(files: list[tuple[Path, str]], options: dict[str, Any], progress: bool | None) -> Corpus:
    total = sum(p.stat().st_size for p, _ in files)
    show = total > PROGRESS_BYTES if progress is None else progress
    columns = DocsBuilder()
    problems: list[dict[str, str]] = []
    hashes: dict[bytes, str] = {}
    seen_ids: dict[str, int] = {}
    with tqdm(
        total=total, unit="B", unit_scale=True, desc="reading corpus", disable=not show, leave=False
    ) as bar:
        for path, rel in files:
            for item in read_file(
                path, rel, encoding=options["encoding"], columns=options["columns"]
            ):
                if isinstance(item, Problem):
                    problems.append({"source": item.source, "reason": item.reason})
                    continue
                try:
                    row = build_row(item, seen_ids, markdown=options["markdown"])
                except InputError as err:
                    problems.append({"source": item.source, "reason": str(err)})
                    continue
                digest = hashlib.blake2b(row["text"].encode(), digest_size=16).digest()
                if options["dedupe"] and digest in hashes:
                    problems.append(
                        {
                            "source": item.source,
                            "reason": f"duplicate of {hashes[digest]} (same text)",
                        }
                    )
                    continue
                hashes[digest] = row["doc_id"]
                columns.append(row)
            bar.update(path.stat().st_size)
    return Corpus(
        columns.frame(), pd.DataFrame(problems, columns=["source", "reason"], dtype="str")
    )


def read_corpus(
    source: str | Path | Sequence[str | Path],
    *,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    dedupe: bool = True,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    progress: bool | None = None,
    markdown: bool | None = None,
) -> Corpus:
    """Read documents from a file, folder, glob or list of these into a :class:`Corpus`.

    ``columns`` maps our fields (text, doc_id, title, date, outlet, author, place) to column
    names in tabular inputs, overriding the recognised names. ``encoding`` forces one text
    encoding (else detected per file). ``dedupe`` lists documents whose normalised text
    repeats an earlier one as problems. ``cache`` reads/writes Parquet under ``cache_dir``
    (default ``data/processed``). ``progress`` shows a bar (default: inputs above 20 MB).
    ``markdown``: True reduces every text from Markdown to plain text, False none, None
    (default) the ``.md`` files and the records that look like Markdown.
    A single warning gives the number of problems; see ``corpus.problems``.
    """
    files = expand_sources(source)
    options = {
        "columns": dict(columns) if columns else None,
        "encoding": encoding,
        "dedupe": dedupe,
        "markdown": markdown,
    }
    key = _cache_key(files, options)
    folder = Path(cache_dir) if cache_dir is not None else processed_dir()
    folder = folder / f"corpus-{key}"
    if cache and (folder / "docs.parquet").exists():
        corpus = Corpus(
            pd.read_parquet(folder / "docs.parquet"),
            pd.read_parquet(folder / "problems.parquet"),
            key,
        )
    else:
        corpus = _load(files, options, progress)
        corpus.key = key
        if cache:
            _write_cache(corpus, folder)
    if len(corpus.problems):
        warnings.warn(
            f"{len(corpus.problems)} input(s) not loaded; see corpus.problems "
            f"(first: {corpus.problems['source'].iloc[0]}: "
            f"{corpus.problems['reason'].iloc[0]})",
            stacklevel=2,
        )
    return corpus


def _write_cache(corpus: Corpus, folder: Path) -> None:
    tmp = folder.with_name(folder.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    corpus.docs.to_parquet(tmp / "docs.parquet", index=False)
    corpus.problems.to_parquet(tmp / "problems.parquet", index=False)
    if folder.exists():  # another process wrote it meanwhile
        for f in tmp.iterdir():
            f.unlink()
        tmp.rmdir()
    else:
        tmp.rename(folder)


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
    """One row per paragraph of each document: ``doc_id, para_id, start, end``."""
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
    """One row per sentence: ``doc_id, sent_id, para_id, start, end`` (ids count from 0).

    ``doc_id`` is categorical (its categories are the corpus's doc ids, in order).
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
    "paragraphs_table",
    "sentences_table",
    "read_bytes",
]
