"""Read one input file into raw document records, or problems that say why not.

Each reader yields :class:`Record` (raw text plus metadata, before normalisation) or
:class:`Problem` (``source`` with line/record, ``reason``). Formats: seed-style and plain
``.txt``, ``.md`` with YAML front matter, ``.csv``/``.tsv``, ``.jsonl``, ``.json``,
``.parquet``, ``.html``, ``.pdf`` and ``.docx`` (:mod:`helpers.readers_documents`); each
optionally gzip-compressed (``.gz``).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from helpers.decoding import BOMS, InputError, check_binary, decode_bytes

# Recognised column names (lower case), first match wins; ``columns=`` overrides.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "full_text",
        "fulltext",
        "article",
        "article_text",
        "speech",
    ),
    "doc_id": ("doc_id", "id", "docid", "document_id", "uid", "identifier"),
    "title": ("title", "header", "headline", "heading"),
    "date": (
        "date",
        "published",
        "published_at",
        "publication_date",
        "pubdate",
        "pub_date",
        "datetime",
        "timestamp",
        "date_published",
        "year",
    ),
    "outlet": ("outlet", "source", "publisher", "sitename", "site", "medium", "newspaper", "media"),
    "author": ("author", "authors", "byline", "writer"),
    "place": ("place", "dateline", "location", "city"),
}
MIN_HTML_WORDS = 5  # fewer words of main text than this: a page without an article
RECORD_LISTS = ("documents", "docs", "data", "records", "items", "articles")  # keys in a .json
TEXT_SUFFIXES = {
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".csv",
    ".tsv",
    ".jsonl",
    ".ndjson",
    ".json",
    ".parquet",
    ".html",
    ".htm",
    ".pdf",
    ".docx",
}

_HEADER = re.compile(r"^[ \t]*date[ \t]+(?P<date>\S+)[ \t]+(?P<rest>.*?)[ \t]*$", re.M)
_DATELINE_END = re.compile(r"^(?P<place>.+?),[ \t]*(?P<day>[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})$")
_BYLINE = re.compile(
    r"[ \t]*By[ \t]+(?P<author>[^\n]+?)[ \t]+[–—-][ \t]+(?P<outlet>[^\n:]+?):?[ \t]*$", re.M
)
_NAME_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})-(0[1-9]|1[0-2])-([0-3]\d)(?!\d)")
_NAME_YEAR = re.compile(r"(?<![0-9])(1[89]\d{2}|20\d{2})(?![0-9])")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class Record:
    """One document before normalisation: raw text, where it came from and its metadata."""

    source: str
    doc_id: str
    raw: str
    body_start: int = 0  # where the body starts in ``raw`` (after a header or front matter)
    meta: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None


@dataclass
class Problem:
    """An input that could not be loaded as a document."""

    source: str
    reason: str


def _suffixes(path: Path) -> tuple[str, bool]:
    """The format suffix of ``path`` (lower case) and whether it is gzip-compressed."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return Path(name[:-3]).suffix, True
    return path.suffix.lower(), False


def read_bytes(path: Path) -> bytes:
    """File bytes, decompressed when the name ends in ``.gz``."""
    data = path.read_bytes()
    if path.name.lower().endswith(".gz"):
        try:
            return gzip.decompress(data)
        except (OSError, EOFError) as err:
            raise InputError(f"corrupt gzip file: {err}") from None
    return data


def _decoded(path: Path, encoding: str | None) -> tuple[str, str]:
    data = read_bytes(path)
    if not data.strip():
        raise InputError("empty file")
    return decode_bytes(data, encoding)


def pick_columns(names: list[str], columns: Mapping[str, str] | None) -> dict[str, str]:
    """Map our field names to the input's column names (explicit ``columns`` first)."""
    lower = {n.lower(): n for n in names}
    chosen: dict[str, str] = {}
    for ours, candidates in COLUMN_NAMES.items():
        if columns and ours in columns:
            if columns[ours] not in names:
                raise InputError(
                    f"column {columns[ours]!r} given for {ours!r} is not in the file "
                    f"(columns: {', '.join(names)})"
                )
            chosen[ours] = columns[ours]
            continue
        for cand in candidates:
            if cand in lower and lower[cand] not in chosen.values():
                chosen[ours] = lower[cand]
                break
    if "text" not in chosen:
        raise InputError(
            "no text column: expected one of "
            f"{', '.join(COLUMN_NAMES['text'])} (or pass columns={{'text': ...}}); "
            f"found {', '.join(names) or 'no columns'}"
        )
    return chosen


def record_from_row(
    row: Mapping[str, Any],
    chosen: dict[str, str],
    source: str,
    default_id: str,
    encoding: str | None,
) -> Record | Problem:
    text = row.get(chosen["text"])
    if not isinstance(text, str) or not text.strip():
        return Problem(
            source,
            "empty text field"
            if text in (None, "") or isinstance(text, str)
            else f"text field is {type(text).__name__}, not a string",
        )
    meta = {ours: row.get(col) for ours, col in chosen.items() if ours not in ("text", "doc_id")}
    meta["date_column"] = chosen.get("date")
    extras = {k: v for k, v in row.items() if k not in chosen.values()}
    meta["extra"] = extras
    raw_id = row.get(chosen["doc_id"]) if "doc_id" in chosen else None
    doc_id = str(raw_id) if raw_id not in (None, "") else default_id
    return Record(source, doc_id, text, 0, meta, encoding)


def _read_txt(path: Path, rel_id: str, encoding: str | None) -> Iterator[Record | Problem]:
    text, enc = _decoded(path, encoding)
    meta: dict[str, Any] = {}
    body_start = 0
    header = _HEADER.match(text)
    first_line = text.lstrip().split("\n", 1)[0]
    if header and first_line.lstrip().startswith("date"):
        meta["date"] = header.group("date")
        meta["date_column"] = "header"
        rest = header.group("rest")
        dl = _DATELINE_END.match(rest)
        meta["place"] = dl.group("place") if dl else (rest or None)
        body_start = header.end()
        byline = _BYLINE.match(text, _skip_blank(text, body_start))
        if byline:
            meta["author"] = byline.group("author").strip()
            meta["outlet"] = byline.group("outlet").strip()
            body_start = byline.end()
    else:
        day = _NAME_DAY.search(path.stem)
        year = _NAME_YEAR.search(path.stem)
        if day:
            meta["date"], meta["date_column"] = day.group(), "file name"
        elif year:
            meta["date"], meta["date_column"] = int(year.group()), "file name"
    yield Record(str(path), rel_id, text, body_start, meta, enc)


def _skip_blank(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _read_markdown(path: Path, rel_id: str, encoding: str | None) -> Iterator[Record | Problem]:
    text, enc = _decoded(path, encoding)
    m = _FRONT_MATTER.match(text)
    if not m:
        yield from _read_txt(path, rel_id, encoding)
        return
    try:
        front = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as err:
        raise InputError(f"malformed YAML front matter: {str(err).splitlines()[0]}") from None
    if not isinstance(front, dict):
        raise InputError("YAML front matter is not a mapping of keys to values")
    front = {str(k): v for k, v in front.items()}
    chosen = pick_columns(["text", *front], None)
    meta = {ours: front.get(col) for ours, col in chosen.items() if ours not in ("text", "doc_id")}
    meta["date_column"] = chosen.get("date")
    meta["extra"] = {k: v for k, v in front.items() if k not in chosen.values()}
    doc_id = str(front[chosen["doc_id"]]) if "doc_id" in chosen else rel_id
    yield Record(str(path), doc_id, text, m.end(), meta, enc)


def _read_csv(
    path: Path, rel_id: str, encoding: str | None, columns, delimiter: str
) -> Iterator[Record | Problem]:
    text, enc = _decoded(path, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as err:
        raise InputError(f"malformed CSV header: {err}") from None
    chosen = pick_columns(header, columns)
    n = 0
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            yield Problem(f"{path}#line={line}", f"malformed CSV row: {err}")
            continue
        n += 1
        source = f"{path}#row={n}"
        if not any(cell.strip() for cell in row):
            n -= 1  # a blank line is not a record
            continue
        if len(row) != len(header):
            yield Problem(
                source, f"CSV row at line {line} has {len(row)} fields, header has {len(header)}"
            )
            continue
        yield record_from_row(
            dict(zip(header, row, strict=True)), chosen, source, f"{rel_id}#{n}", enc
        )


def _jsonl_lines(path: Path, encoding: str | None) -> Iterator[tuple[int, str | bytes]]:
    """Numbered lines of a JSON Lines file, streamed as UTF-8 bytes when possible.

    JSON Lines is UTF-8 by definition, so lines are handed to ``json.loads`` undecoded and
    the file is never held in memory whole; a file with another encoding (a BOM, or
    ``encoding=``) is decoded whole instead.
    """
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        head = fh.read(8192)
    if not head.strip():
        raise InputError("empty file")
    if encoding or any(head.startswith(bom) for bom, name in BOMS if name != "utf-8-sig"):
        text, _ = _decoded(path, encoding)
        yield from enumerate(text.splitlines(), start=1)
        return
    check_binary(head)
    with opener(path, "rb") as fh:
        for n, line in enumerate(fh, start=1):
            yield n, line[3:] if n == 1 and line.startswith(codecs.BOM_UTF8) else line


def _objects_to_records(
    items: Iterable[tuple[int, str, Any]],
    rel_id: str,
    columns: Mapping[str, str] | None,
    encoding: str | None,
    what: str,
) -> Iterator[Record | Problem]:
    """Records from ``(number, source, object)`` items; a Problem item passes through."""
    chosen: dict[str, str] | None = None
    for n, source, row in items:
        if isinstance(row, Problem):
            yield row
            continue
        if not isinstance(row, dict):
            yield Problem(source, f"{what} is a {type(row).__name__}, not an object")
            continue
        if chosen is None or any(c not in row for c in chosen.values()):
            try:
                chosen = pick_columns(list(row), columns)
            except InputError as err:
                yield Problem(source, str(err))
                continue
        yield record_from_row(row, chosen, source, f"{rel_id}#{n}", encoding)


def _parsed_lines(
    lines: Iterable[tuple[int, str | bytes]], path: Path
) -> Iterator[tuple[int, str, Any]]:
    for n, line in lines:
        if not line.strip():
            continue
        source = f"{path}#line={n}"
        try:
            yield n, source, json.loads(line)
        except json.JSONDecodeError as err:
            yield (
                n,
                source,
                Problem(source, f"malformed JSON line: {err.msg} at column {err.colno}"),
            )
        except UnicodeDecodeError as err:
            reason = f"undecodable bytes: invalid UTF-8 in JSON line ({err.reason})"
            yield n, source, Problem(source, reason)


def json_line_records(
    lines: Iterable[tuple[int, str | bytes]],
    path: Path,
    rel_id: str,
    columns: Mapping[str, str] | None = None,
    encoding: str = "utf-8",
) -> Iterator[Record | Problem]:
    """Records (or problems) from numbered JSON Lines of ``path``, e.g. one shard of a file."""
    yield from _objects_to_records(
        _parsed_lines(lines, path), rel_id, columns, encoding, "JSON line"
    )


def _read_jsonl(
    path: Path, rel_id: str, encoding: str | None, columns
) -> Iterator[Record | Problem]:
    lines = _jsonl_lines(path, encoding)
    yield from json_line_records(lines, path, rel_id, columns, encoding or "utf-8")


def _read_json(
    path: Path, rel_id: str, encoding: str | None, columns
) -> Iterator[Record | Problem]:
    text, enc = _decoded(path, encoding)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"malformed JSON: {err.msg} at line {err.lineno}, column {err.colno}"
        ) from None
    if isinstance(data, dict):
        lists = [v for k, v in data.items() if k in RECORD_LISTS and isinstance(v, list)]
        data = lists[0] if lists else [data]
    if not isinstance(data, list):
        raise InputError("JSON holds neither an object nor a list of objects")
    items = ((n, f"{path}#record={n}", row) for n, row in enumerate(data, start=1))
    yield from _objects_to_records(items, rel_id, columns, enc, "JSON record")


def _read_parquet(path: Path, rel_id: str, columns) -> Iterator[Record | Problem]:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(read_bytes(path)))
    except Exception as err:  # pyarrow raises several types for corrupt files
        raise InputError(f"unreadable Parquet file: {err}") from None
    chosen = pick_columns(table.column_names, columns)
    for n, row in enumerate(table.to_pylist(), start=1):
        yield record_from_row(row, chosen, f"{path}#row={n}", f"{rel_id}#{n}", None)


def _read_html(path: Path, rel_id: str, encoding: str | None) -> Iterator[Record | Problem]:
    import trafilatura

    html, enc = _decoded(path, encoding)
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and doc.title and lines[0] == doc.title.strip():
        lines = lines[1:]  # the headline repeated as the first block
    if len(" ".join(lines).split()) < MIN_HTML_WORDS:
        raise InputError(
            f"HTML page with no article text (trafilatura found fewer than "
            f"{MIN_HTML_WORDS} words of main text)"
        )
    text = "\n\n".join(lines)  # trafilatura gives one block per line
    meta = {
        "title": doc.title,
        "author": doc.author,
        "date": doc.date,
        "outlet": doc.sitename,
        "date_column": "html metadata" if doc.date else None,
        "extra": {"url": doc.url} if doc.url else {},
    }
    yield Record(str(path), rel_id, text, 0, meta, enc)


def read_file(
    path: Path,
    rel_id: str,
    *,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Record | Problem]:
    """Yield the records (or problems) in one file; ``rel_id`` names the file in doc ids."""
    suffix, _ = _suffixes(path)
    try:
        if suffix in (".txt", ".text", ""):
            yield from _read_txt(path, rel_id, encoding)
        elif suffix in (".md", ".markdown"):
            yield from _read_markdown(path, rel_id, encoding)
        elif suffix in (".csv", ".tsv"):
            yield from _read_csv(path, rel_id, encoding, columns, "\t" if suffix == ".tsv" else ",")
        elif suffix in (".jsonl", ".ndjson"):
            yield from _read_jsonl(path, rel_id, encoding, columns)
        elif suffix == ".json":
            yield from _read_json(path, rel_id, encoding, columns)
        elif suffix == ".parquet":
            yield from _read_parquet(path, rel_id, columns)
        elif suffix in (".html", ".htm"):
            yield from _read_html(path, rel_id, encoding)
        elif suffix in (".pdf", ".docx"):
            from helpers.readers_documents import read_document

            yield from read_document(path, rel_id)
        else:
            yield Problem(
                str(path),
                f"unsupported file type {suffix!r}; supported: "
                f"{', '.join(sorted(TEXT_SUFFIXES))} (optionally .gz)",
            )
    except InputError as err:
        yield Problem(str(path), str(err))
    except OSError as err:
        yield Problem(str(path), f"cannot read file: {err.strerror or err}")
