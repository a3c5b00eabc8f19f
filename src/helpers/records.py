"""Raw document records and the problems of reading them; how a table row becomes a record.

:class:`Record` is one document before normalisation (raw text, source, metadata);
:class:`Problem` is an input that could not be loaded (``lost``) or a note on one that was.
``pick_columns`` maps our fields (text, doc_id, title, date, outlet, author, place) to the
column names of a table; ``record_from_row`` turns one row into a record or a problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from helpers.decoding import InputError

PROBLEM_COLUMNS = ["source", "reason", "lost"]  # the problems table of a corpus
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
