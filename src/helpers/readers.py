"""Read one input file into raw document records, or problems that say why not.

Each reader yields :class:`Record` (raw text plus metadata, before normalisation) or
:class:`Problem` (``source`` with line/row/record, ``reason``, and ``lost``: False when the
problem only notes something about records that were read). Formats: seed-style and plain
``.txt``, ``.md`` with YAML front matter, ``.csv``/``.tsv``, ``.jsonl``, ``.json``,
``.parquet``, ``.html``, ``.pdf`` and ``.docx`` (:mod:`helpers.readers_documents`); each
optionally gzip-compressed (``.gz``). :data:`READERS` maps a
suffix to its reader; a reader added from another module makes that module part of the
corpus cache key (see :func:`reader_modules`).

:func:`read_file` never raises because of what a file holds: a file that cannot be opened,
decompressed, decoded or parsed is a problem, and a damaged line, row or record is a problem
while the others are read (a truncated gzip keeps the lines before the damage).
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from helpers.decoding import InputError
from helpers.file_bytes import decoded_lines, decoded_text, not_regular, read_bytes
from helpers.readers_documents import read_document
from helpers.readers_json import json_line_records, read_json, read_jsonl, scrub_surrogates
from helpers.records import COLUMN_NAMES, Problem, Record, pick_columns, record_from_row

MIN_HTML_WORDS = 5  # fewer words of main text than this: a page without an article
csv.field_size_limit(2**31 - 1)  # a long speech is one field; the default stops at 128 KiB

_HEADER = re.compile(r"^[ \t]*date[ \t]+(?P<date>\S+)[ \t]+(?P<rest>.*?)[ \t]*$", re.M)
_DATELINE_END = re.compile(r"^(?P<place>.+?),[ \t]*(?P<day>[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})$")
_BYLINE = re.compile(
    r"[ \t]*By[ \t]+(?P<author>[^\n]+?)[ \t]+[–—-][ \t]+(?P<outlet>[^\n:]+?):?[ \t]*$", re.M
)
_NAME_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})-(0[1-9]|1[0-2])-([0-3]\d)(?!\d)")
_NAME_YEAR = re.compile(r"(?<![0-9])(1[89]\d{2}|20\d{2})(?![0-9])")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def _suffixes(path: Path) -> tuple[str, bool]:
    """The format suffix of ``path`` (lower case) and whether it is gzip-compressed."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return Path(name[:-3]).suffix, True
    return path.suffix.lower(), False


def _read_txt(path: Path, rel_id: str, encoding: str | None, columns) -> Iterator[Record | Problem]:
    text, enc = decoded_text(path, encoding)
    yield _txt_record(path, rel_id, text, enc)


def _txt_record(path: Path, rel_id: str, text: str, enc: str) -> Record:
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
    return Record(str(path), rel_id, text, body_start, meta, enc)


def _skip_blank(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML whose dates stay text (parsed later, any year) and without aliases (an
    alias bomb would expand into gigabytes when the metadata is stored)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases (*name) are not supported in front matter")
        return super().compose_node(parent, index)


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def _read_markdown(
    path: Path, rel_id: str, encoding: str | None, columns
) -> Iterator[Record | Problem]:
    text, enc = decoded_text(path, encoding)
    m = _FRONT_MATTER.match(text)
    if not m:
        yield _txt_record(path, rel_id, text, enc)
        return
    try:
        front = yaml.load(m.group(1), Loader=_FrontMatterLoader) or {}
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError(f"malformed YAML front matter: {first}") from None
    if not isinstance(front, dict):
        raise InputError("YAML front matter is not a mapping of keys to values")
    front = {str(k): v for k, v in front.items()}
    front, notes = scrub_surrogates(front)
    chosen = pick_columns(["text", *front], None)
    meta = {ours: front.get(col) for ours, col in chosen.items() if ours not in ("text", "doc_id")}
    meta["date_column"] = chosen.get("date")
    meta["extra"] = {k: v for k, v in front.items() if k not in chosen.values()}
    meta["notes"] = notes
    doc_id = str(front[chosen["doc_id"]]) if "doc_id" in chosen else rel_id
    yield Record(str(path), doc_id, text, m.end(), meta, enc)


def _csv_rows(lines: list[str], delimiter: str) -> Iterator[tuple[int, list[str] | csv.Error]]:
    """``(first line, fields)`` of each CSV row, or ``(first line, error)`` for a broken one.

    Parsing is strict; after a broken row (an unterminated or stray quote) reading resumes
    on the line after the one where that row began, so the rows after it are not merged.
    """
    pos = 0
    while pos < len(lines):
        cursor = [pos]

        def feed(cursor: list[int] = cursor) -> Iterator[str]:
            while cursor[0] < len(lines):
                cursor[0] += 1
                yield lines[cursor[0] - 1]

        reader = csv.reader(feed(), delimiter=delimiter, strict=True)
        while True:
            start = cursor[0]
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                yield start + 1, err
                pos = start + 1
                break
            yield start + 1, row


def _unique_names(header: list[str]) -> tuple[list[str], list[str]]:
    """Header names made unique (``name``, ``name.1``, …) and the names that repeated."""
    seen: dict[str, int] = {}
    out, repeated = [], []
    for name in header:
        if name in seen:
            seen[name] += 1
            repeated.append(name)
            new = f"{name}.{seen[name]}"
            while new in header:
                seen[name] += 1
                new = f"{name}.{seen[name]}"
            out.append(new)
        else:
            seen[name] = 0
            out.append(name)
    return out, repeated


def _read_csv(
    path: Path, rel_id: str, encoding: str | None, columns, delimiter: str
) -> Iterator[Record | Problem]:
    text, enc, damage = decoded_lines(path, encoding)
    rows = _csv_rows(io.StringIO(text, newline="").readlines(), delimiter)
    header: list[str] | None = None
    for line, first in rows:
        if isinstance(first, csv.Error):
            raise InputError(f"malformed CSV header at line {line}: {first}")
        if first:
            header = first
            break
    if header is None:
        raise InputError("empty file")
    header, repeated = _unique_names(header)
    if repeated:
        yield Problem(
            str(path),
            f"repeated column names, the repeats renamed name.1, name.2…: {', '.join(repeated)}",
            lost=False,
        )
    chosen = pick_columns(header, columns)
    n = 0
    seen_any = False
    for line, row in rows:
        if isinstance(row, csv.Error):
            seen_any = True
            yield Problem(f"{path}#line={line}", f"malformed CSV row at line {line}: {row}")
            continue
        if not any(cell.strip() for cell in row):
            continue  # a blank line is not a record
        n += 1
        seen_any = True
        source = f"{path}#row={n}"
        if len(row) != len(header):
            yield Problem(
                source, f"CSV row at line {line} has {len(row)} fields, header has {len(header)}"
            )
            continue
        yield record_from_row(
            dict(zip(header, row, strict=True)), chosen, source, f"{rel_id}#{n}", enc
        )
    if damage:
        yield damage
    elif not seen_any:
        yield Problem(str(path), "no records: the file has a header but no rows")


def _parquet_rows(table: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows of an Arrow table as dicts; a column Python cannot hold (a timestamp after year
    9999) is read as text, with a note."""
    import pyarrow as pa
    import pyarrow.compute as pc

    names, values, notes = table.column_names, [], []
    for name in names:
        column = table.column(name)
        try:
            values.append(column.to_pylist())
        except (ValueError, OverflowError, TypeError, pa.ArrowException) as err:
            values.append(pc.cast(column, pa.string()).to_pylist())
            notes.append(f"column {name!r} read as text ({err})")
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)], notes


def _read_parquet(
    path: Path, rel_id: str, encoding: str | None, columns
) -> Iterator[Record | Problem]:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(read_bytes(path)))
    except InputError:
        raise
    except Exception as err:  # pyarrow raises several types for corrupt files
        raise InputError(f"unreadable Parquet file: {err}") from None
    chosen = pick_columns(table.column_names, columns)
    if table.num_rows == 0:
        raise InputError("no records: the Parquet file has no rows")
    rows, notes = _parquet_rows(table)
    if notes:
        yield Problem(str(path), "; ".join(notes), lost=False)
    for n, row in enumerate(rows, start=1):
        yield record_from_row(row, chosen, f"{path}#row={n}", f"{rel_id}#{n}", None)


def _read_html(
    path: Path, rel_id: str, encoding: str | None, columns
) -> Iterator[Record | Problem]:
    import trafilatura

    html, enc = decoded_text(path, encoding)
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


def _read_csv_comma(path: Path, rel_id: str, encoding: str | None, columns):
    return _read_csv(path, rel_id, encoding, columns, ",")


def _read_tsv(path: Path, rel_id: str, encoding: str | None, columns):
    return _read_csv(path, rel_id, encoding, columns, "\t")


def _read_document(path: Path, rel_id: str, encoding: str | None, columns):
    return read_document(path, rel_id)


Reader = Callable[[Path, str, "str | None", "Mapping[str, str] | None"], Iterator[Record | Problem]]
# suffix -> reader(path, rel_id, encoding, columns); "" is a file without suffix
READERS: dict[str, Reader] = {
    "": _read_txt,
    ".txt": _read_txt,
    ".text": _read_txt,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".csv": _read_csv_comma,
    ".tsv": _read_tsv,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".parquet": _read_parquet,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_document,
    ".docx": _read_document,
}
TEXT_SUFFIXES = {s for s in READERS if s}


def reader_modules() -> list[Path]:
    """Source files of the modules that define the registered readers (for cache keys)."""
    names = {getattr(getattr(r, "func", r), "__module__", None) for r in READERS.values()}
    files = {getattr(sys.modules.get(name or ""), "__file__", None) for name in names}
    return sorted(Path(f) for f in files if f)


def read_file(
    path: Path,
    rel_id: str,
    *,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Record | Problem]:
    """Yield the records (or problems) in one file; ``rel_id`` names the file in doc ids.

    Never raises because of the file's content: whatever stops the reading becomes a last
    problem naming the file and how far reading got.
    """
    path = Path(path)
    if why := not_regular(path):
        yield Problem(str(path), why)
        return
    suffix, _ = _suffixes(path)
    reader = READERS.get(suffix)
    if reader is None:
        yield Problem(
            str(path),
            f"unsupported file type {suffix!r}; supported: "
            f"{', '.join(sorted(TEXT_SUFFIXES))} (optionally .gz)",
        )
        return
    last = None
    try:
        for item in reader(path, rel_id, encoding, columns):
            last = item.source
            yield item
    except InputError as err:
        yield Problem(str(path), str(err) + _after(last))
    except OSError as err:
        yield Problem(str(path), f"cannot read file: {err.strerror or err}{_after(last)}")
    except RecursionError:
        yield Problem(str(path), f"structure nested too deeply to read{_after(last)}")
    except Exception as err:  # noqa: BLE001 - a reader's failure must not stop the corpus
        yield Problem(str(path), f"unreadable file ({type(err).__name__}: {err}){_after(last)}")


def _after(last: str | None) -> str:
    return f" (reading stopped after {last.rpartition('#')[2]})" if last and "#" in last else ""


__all__ = [  # records, problems and JSON Lines records are defined next door, used from here
    "COLUMN_NAMES",
    "READERS",
    "Problem",
    "Record",
    "json_line_records",
    "not_regular",
    "pick_columns",
    "read_bytes",
    "read_file",
    "record_from_row",
    "reader_modules",
]
