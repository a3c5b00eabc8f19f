"""Read one input file into raw document records, or problems that say why not.

Each reader yields :class:`Record` (raw text plus metadata, before normalisation) or
:class:`Problem` (``source`` with line/row/record, ``reason``, and ``lost``: False when the
problem only notes something about records that were read). Formats: seed-style and plain
``.txt``, ``.md`` with YAML front matter, ``.csv``/``.tsv``, ``.jsonl``, ``.json``,
``.parquet``, ``.html``; each optionally gzip-compressed (``.gz``). :data:`READERS` maps a
suffix to its reader; a reader added from another module makes that module part of the
corpus cache key (see :func:`reader_modules`).

:func:`read_file` never raises because of what a file holds: a file that cannot be opened,
decompressed, decoded or parsed is a problem, and a damaged line, row or record is a problem
while the others are read (a truncated gzip keeps the lines before the damage).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from helpers.decoding import BOMS, InputError, check_binary, decode_bytes, utf16_without_bom

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
BLOCK = 1 << 20  # bytes read (or decompressed) at a time
csv.field_size_limit(2**31 - 1)  # a long speech is one field; the default stops at 128 KiB

_HEADER = re.compile(r"^[ \t]*date[ \t]+(?P<date>\S+)[ \t]+(?P<rest>.*?)[ \t]*$", re.M)
_DATELINE_END = re.compile(r"^(?P<place>.+?),[ \t]*(?P<day>[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})$")
_BYLINE = re.compile(
    r"[ \t]*By[ \t]+(?P<author>[^\n]+?)[ \t]+[–—-][ \t]+(?P<outlet>[^\n:]+?):?[ \t]*$", re.M
)
_NAME_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})-(0[1-9]|1[0-2])-([0-3]\d)(?!\d)")
_NAME_YEAR = re.compile(r"(?<![0-9])(1[89]\d{2}|20\d{2})(?![0-9])")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPECIAL = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


@dataclass
class Record:
    """One document before normalisation: raw text, where it came from and its metadata.

    ``meta["notes"]`` (optional) lists problems noted while reading a record that is kept.
    """

    source: str
    doc_id: str
    raw: str
    body_start: int = 0  # where the body starts in ``raw`` (after a header or front matter)
    meta: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None


@dataclass
class Problem:
    """An input (file, line, row or record) that could not be loaded as a document.

    ``lost`` is False for a note about inputs that were loaded (a field left empty, a value
    kept as text, a decision such as the day/month order); True when ``source`` names
    something that is not in the documents.
    """

    source: str
    reason: str
    lost: bool = True


def _suffixes(path: Path) -> tuple[str, bool]:
    """The format suffix of ``path`` (lower case) and whether it is gzip-compressed."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return Path(name[:-3]).suffix, True
    return path.suffix.lower(), False


def _gunzip(fh: BinaryIO) -> Iterator[bytes]:
    """Decompressed blocks of a gzip stream (one or more members).

    Raises InputError after the last good block when the data is corrupt or ends early, so
    a caller keeps everything before the damage.
    """
    inflate, pending, done = zlib.decompressobj(wbits=31), False, 0
    while block := fh.read(BLOCK):
        while block:
            if not pending and not block.strip(b"\x00"):
                return  # zero padding after the last member
            pending = True
            try:
                out = inflate.decompress(block)
            except zlib.error as err:
                if not done:
                    raise InputError(f"not gzip data, or damaged at the start ({err})") from None
                raise InputError(f"corrupt gzip data after {done:,} bytes ({err})") from None
            done += len(out)
            if out:
                yield out
            if not inflate.eof:
                break
            block, inflate, pending = inflate.unused_data, zlib.decompressobj(wbits=31), False
    if pending:
        raise InputError(f"truncated gzip file (the data ends early, after {done:,} bytes)")


def _blocks(path: Path) -> Iterator[bytes]:
    """The bytes of ``path`` in blocks, decompressed when the name ends in ``.gz``."""
    with open(path, "rb") as fh:
        if path.name.lower().endswith(".gz"):
            yield from _gunzip(fh)
        else:
            while block := fh.read(BLOCK):
                yield block


def _read_all(path: Path) -> tuple[bytes, str | None]:
    """All bytes of ``path`` (decompressed) and, for a damaged gzip, what went wrong."""
    if not path.name.lower().endswith(".gz"):
        return path.read_bytes(), None
    parts: list[bytes] = []
    try:
        for block in _blocks(path):
            parts.append(block)
    except InputError as err:
        return b"".join(parts), str(err)
    return b"".join(parts), None


def read_bytes(path: Path) -> bytes:
    """File bytes, decompressed when the name ends in ``.gz``; InputError if damaged."""
    data, damage = _read_all(path)
    if damage:
        raise InputError(damage)
    return data


def _decoded(path: Path, encoding: str | None) -> tuple[str, str]:
    """The text of a one-document (or one-structure) file; damage loses the whole file."""
    data = read_bytes(path)
    if not data.strip():
        raise InputError("empty file")
    return decode_bytes(data, encoding)


def _decoded_lines(path: Path, encoding: str | None) -> tuple[str, str, Problem | None]:
    """The text of a line-based file; after damage, the complete lines before it and a
    problem naming the first line lost."""
    data, damage = _read_all(path)
    if not data.strip():
        raise InputError(damage or "empty file")
    if not damage:
        return (*decode_bytes(data, encoding), None)
    for cut in range(4):  # the damage may split a multi-byte character
        try:
            text, enc = decode_bytes(data[: len(data) - cut], encoding)
            break
        except InputError:
            if cut == 3:
                raise
    end = text.rfind("\n") + 1
    first_lost = text.count("\n", 0, end) + 1
    lost = Problem(f"{path}#line={first_lost}", f"{damage}: line {first_lost} and after are lost")
    return text[:end], enc, lost


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
    """A record from one row (a mapping of column names to values), or the problem with it."""
    text = row.get(chosen["text"])
    if not isinstance(text, str) or not text.strip():
        return Problem(
            source,
            "empty text field"
            if text in (None, "") or isinstance(text, str)
            else f"text field is {type(text).__name__}, not a string",
        )
    meta = {ours: row.get(col) for ours, col in chosen.items() if ours not in ("text", "doc_id")}
    meta["date_column"] = chosen.get("date") if chosen.get("date") in row else None
    extras = {k: v for k, v in row.items() if k not in chosen.values()}
    meta["extra"] = extras
    raw_id = row.get(chosen["doc_id"]) if "doc_id" in chosen else None
    doc_id = str(raw_id) if raw_id not in (None, "") else default_id
    return Record(source, doc_id, text, 0, meta, encoding)


def _read_txt(path: Path, rel_id: str, encoding: str | None, columns) -> Iterator[Record | Problem]:
    text, enc = _decoded(path, encoding)
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
    text, enc = _decoded(path, encoding)
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
    front, notes = _scrubbed(front)
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
    text, enc, damage = _decoded_lines(path, encoding)
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


def _lines(blocks: Iterable[bytes], path: Path) -> Iterator[tuple[int, bytes | Problem]]:
    """Numbered lines of a byte stream; after damage, a problem naming the first lost line."""
    n, pending = 0, []  # pending: the pieces of a line that spans blocks
    try:
        for block in blocks:
            lines = block.split(b"\n")
            if len(lines) == 1:
                pending.append(block)
                continue
            if pending:
                pending.append(lines[0])
                lines[0] = b"".join(pending)
            pending = [lines.pop()]
            for line in lines:
                n += 1
                yield n, line
    except InputError as err:
        yield n + 1, Problem(f"{path}#line={n + 1}", f"{err}: line {n + 1} and after are lost")
        return
    if rest := b"".join(pending):
        yield n + 1, rest


def _jsonl_lines(path: Path, encoding: str | None) -> Iterator[tuple[int, str | bytes | Problem]]:
    """Numbered lines of a JSON Lines file, streamed as UTF-8 bytes when possible.

    JSON Lines is UTF-8 by definition, so lines are handed to ``json.loads`` undecoded and
    the file is never held in memory whole; a file with another encoding (a BOM, UTF-16
    without BOM, or ``encoding=``) is decoded whole instead.
    """
    blocks = _blocks(path)
    try:
        head = next(blocks, b"")
    except InputError as err:
        raise InputError(f"{err}: nothing could be read") from None
    if not head:
        raise InputError("empty file")
    if encoding or any(head.startswith(bom) for bom, name in BOMS if name != "utf-8-sig"):
        whole = True
    else:
        whole = utf16_without_bom(head) is not None
    if whole:
        blocks.close()
        text, _, damage = _decoded_lines(path, encoding)
        yield from enumerate(text.split("\n"), start=1)  # not splitlines: U+2028 is no break
        if damage:
            yield 0, damage
        return
    if head.strip():
        check_binary(head)
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    yield from _lines(_chain(head, blocks), path)


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _long_ints(found: list[int]) -> Callable[[str], int | str]:
    """A ``parse_int`` for ``json.loads`` keeping integers too long for ``int()`` as text."""
    limit = sys.get_int_max_str_digits() or sys.maxsize

    def parse(digits: str) -> int | str:
        if len(digits.lstrip("-")) > limit:
            found.append(len(digits))
            return digits
        return int(digits)

    return parse


def _scrubbed(obj: Any) -> tuple[Any, list[str]]:
    """``obj`` with lone surrogates (``"\\ud800"`` escapes, not Unicode) in its strings
    replaced by U+FFFD, and a note when there were any."""
    count = [0]

    def scrub(value: Any) -> Any:
        if isinstance(value, str):
            if _SURROGATE.search(value):
                fixed, n = _SURROGATE.subn("\ufffd", value)
                count[0] += n
                return fixed
            return value
        if isinstance(value, dict):
            return {scrub(k): scrub(v) for k, v in value.items()}
        if isinstance(value, list):
            return [scrub(v) for v in value]
        return value

    out = scrub(obj)
    notes = [f"{count[0]} lone surrogate escape(s) (not Unicode) replaced by U+FFFD"]
    return out, notes if count[0] else []


def json_value(data: str | bytes) -> tuple[Any, list[str]]:
    """Parse JSON text; return the value and notes (long integers kept as text, lone
    surrogates replaced). Raises InputError for malformed or too deeply nested JSON."""
    notes: list[str] = []
    try:
        value = json.loads(data)
    except json.JSONDecodeError as err:
        raise InputError(
            f"malformed JSON: {err.msg} at line {err.lineno}, column {err.colno}"
        ) from None
    except RecursionError:
        raise InputError("JSON nested too deeply to read (Python's recursion limit)") from None
    except UnicodeDecodeError as err:
        raise InputError(f"undecodable bytes: invalid UTF-8 in JSON ({err.reason})") from None
    except ValueError:  # an integer longer than int() accepts
        found: list[int] = []
        try:
            value = json.loads(data, parse_int=_long_ints(found))
        except ValueError as err:
            raise InputError(f"unreadable JSON: {err}") from None
        notes.append(f"{len(found)} integer(s) of up to {max(found):,} digits kept as text")
    if _surrogate_escapes(data):
        try:
            value, scrub_notes = _scrubbed(value)
        except RecursionError:
            raise InputError("JSON nested too deeply to read (Python's recursion limit)") from None
        notes += scrub_notes
    return value, notes


def _surrogate_escapes(data: str | bytes) -> bool:
    """Whether JSON text may hold ``\\udXXX`` escapes (surrogates, paired or lone)."""
    if isinstance(data, bytes):
        return b"\\ud" in data or b"\\uD" in data
    return "\\ud" in data or "\\uD" in data


def _parsed_lines(
    lines: Iterable[tuple[int, str | bytes | Problem]], path: Path
) -> Iterator[tuple[int, str, Any, list[str]]]:
    for n, line in lines:
        if isinstance(line, Problem):
            yield n, line.source, line, []
            continue
        if not line.strip():
            continue
        source = f"{path}#line={n}"
        try:
            value, notes = json.loads(line), []  # the common case first, without more checks
            if _surrogate_escapes(line):
                value, notes = _scrubbed(value)
        except (ValueError, RecursionError):  # malformed, too deep, an integer too long
            try:
                value, notes = json_value(line)
            except InputError as err:
                reason = re.sub(r"\bJSON\b", "JSON line", str(err), count=1)
                reason = re.sub(r" at line \d+, column", " at column", reason)
                yield n, source, Problem(source, reason), []
                continue
        yield n, source, value, notes


class _ColumnChoice:
    """Columns per record of JSON data, so a field first seen in a later record is kept.

    The choice depends on the keys of each record (cached per key order), and explicitly
    given ``columns`` apply where the record has them.
    """

    def __init__(self, columns: Mapping[str, str] | None) -> None:
        self.columns = dict(columns) if columns else None
        self.cache: dict[tuple[str, ...], dict[str, str] | InputError] = {}
        self.seen: set[str] = set()

    def __call__(self, row: dict[str, Any]) -> dict[str, str]:
        keys = tuple(row)
        chosen = self.cache.get(keys)
        if chosen is None:
            if len(self.cache) > 1024:
                self.cache.clear()
            explicit = {k: v for k, v in (self.columns or {}).items() if v in row or k == "text"}
            try:
                chosen = pick_columns(list(keys), explicit)
            except InputError as err:
                chosen = err
            self.cache[keys] = chosen
            self.seen.update(keys)
        if isinstance(chosen, InputError):
            raise chosen
        return chosen

    def unused(self) -> list[str]:
        """Explicitly given columns that no record had (text excepted)."""
        return [
            f"{col!r} given for {ours!r}"
            for ours, col in (self.columns or {}).items()
            if ours != "text" and col not in self.seen
        ]


def _objects_to_records(
    items: Iterable[tuple[int, str, Any, list[str]]],
    rel_id: str,
    columns: Mapping[str, str] | None,
    encoding: str | None,
    what: str,
    path: Path | str,
) -> Iterator[Record | Problem]:
    """Records from ``(number, source, object, notes)`` items; a Problem item passes through."""
    choose = _ColumnChoice(columns)
    seen_any = False
    for n, source, row, notes in items:
        seen_any = True
        if isinstance(row, Problem):
            yield row
            continue
        if not isinstance(row, dict):
            kind = {"NoneType": "null", "str": "a string", "int": "an integer"}.get(
                type(row).__name__, f"a {type(row).__name__}"
            )
            yield Problem(source, f"{what} is {kind}, not an object")
            continue
        try:
            chosen = choose(row)
        except InputError as err:
            yield Problem(source, str(err))
            continue
        item = record_from_row(row, chosen, source, f"{rel_id}#{n}", encoding)
        if notes and isinstance(item, Record):
            item.meta["notes"] = notes
        yield item
    if not seen_any:
        yield Problem(str(path), "no records")
    elif unused := choose.unused():
        yield Problem(str(path), f"columns in no record: {', '.join(unused)}", lost=False)


def json_line_records(
    lines: Iterable[tuple[int, str | bytes]],
    path: Path,
    rel_id: str,
    columns: Mapping[str, str] | None = None,
    encoding: str = "utf-8",
) -> Iterator[Record | Problem]:
    """Records (or problems) from numbered JSON Lines of ``path``, e.g. one shard of a file."""
    yield from _objects_to_records(
        _parsed_lines(lines, path), rel_id, columns, encoding, "JSON line", path
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
    data, notes = json_value(text)
    if isinstance(data, dict):
        lists = [v for k, v in data.items() if k in RECORD_LISTS and isinstance(v, list)]
        data = lists[0] if lists else [data]
    if not isinstance(data, list):
        raise InputError("JSON holds neither an object nor a list of objects")
    if notes:
        yield Problem(str(path), "; ".join(notes), lost=False)
    items = ((n, f"{path}#record={n}", row, []) for n, row in enumerate(data, start=1))
    yield from _objects_to_records(items, rel_id, columns, enc, "JSON record", path)


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


def _read_csv_comma(path: Path, rel_id: str, encoding: str | None, columns):
    return _read_csv(path, rel_id, encoding, columns, ",")


def _read_tsv(path: Path, rel_id: str, encoding: str | None, columns):
    return _read_csv(path, rel_id, encoding, columns, "\t")


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
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".json": _read_json,
    ".parquet": _read_parquet,
    ".html": _read_html,
    ".htm": _read_html,
}
TEXT_SUFFIXES = {s for s in READERS if s}


def reader_modules() -> list[Path]:
    """Source files of the modules that define the registered readers (for cache keys)."""
    names = {getattr(getattr(r, "func", r), "__module__", None) for r in READERS.values()}
    files = {getattr(sys.modules.get(name or ""), "__file__", None) for name in names}
    return sorted(Path(f) for f in files if f)


def not_regular(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (dangling link, FIFO, socket, device), or None."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return f"dangling symbolic link to {os.readlink(path)}"
        return "no such file"
    except OSError as err:
        if os.path.islink(path):
            return f"unreadable symbolic link ({err.strerror or err})"
        return f"cannot read file: {err.strerror or err}"
    if stat.S_ISREG(mode):
        return None
    return f"not a regular file but {_SPECIAL.get(stat.S_IFMT(mode), 'a special file')}"


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
