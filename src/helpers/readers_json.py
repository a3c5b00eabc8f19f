"""JSON Lines and JSON readers: one record per line or list item, nothing lost to odd values.

Columns are chosen per record (a field first seen on line 2 is kept); integers too long for
``int()`` are kept as text and lone surrogate escapes replaced by U+FFFD, each with a note;
a malformed or too deeply nested line is a problem while the other lines are read.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from helpers.decoding import BOMS, InputError, check_binary, utf16_without_bom
from helpers.file_bytes import decoded_lines, decoded_text, file_blocks, numbered_lines
from helpers.records import Problem, Record, pick_columns, record_from_row

RECORD_LISTS = ("documents", "docs", "data", "records", "items", "articles")  # keys in a .json
_SURROGATE = re.compile("[\ud800-\udfff]")


def _jsonl_lines(path: Path, encoding: str | None) -> Iterator[tuple[int, str | bytes | Problem]]:
    """Numbered lines of a JSON Lines file, streamed as UTF-8 bytes when possible.

    JSON Lines is UTF-8 by definition, so lines are handed to ``json.loads`` undecoded and
    the file is never held in memory whole; a file with another encoding (a BOM, UTF-16
    without BOM, or ``encoding=``) is decoded whole instead.
    """
    blocks = file_blocks(path)
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
        text, _, damage = decoded_lines(path, encoding)
        yield from enumerate(text.split("\n"), start=1)  # not splitlines: U+2028 is no break
        if damage:
            yield 0, damage
        return
    if head.strip():
        check_binary(head)
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    yield from numbered_lines(_chain(head, blocks), path)


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


def scrub_surrogates(obj: Any) -> tuple[Any, list[str]]:
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
            value, scrub_notes = scrub_surrogates(value)
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
                value, notes = scrub_surrogates(value)
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


def read_jsonl(
    path: Path, rel_id: str, encoding: str | None, columns
) -> Iterator[Record | Problem]:
    lines = _jsonl_lines(path, encoding)
    yield from json_line_records(lines, path, rel_id, columns, encoding or "utf-8")


def read_json(path: Path, rel_id: str, encoding: str | None, columns) -> Iterator[Record | Problem]:
    text, enc = decoded_text(path, encoding)
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
