"""Chronology (notebook 04) from the pipeline's events table, a partition at a time.

The functions mirror :mod:`helpers.chronology` and give the same results as the in-memory
functions on the events table ``chronology(docs)`` of the same documents; memory holds one
partition of the events table and the result. The publication timeline, referenced years,
historical depth and decade matrix are in :mod:`helpers.pipeline_tables`, the sentences
behind each group's earliest years here (``textstat_earliest_mentions``); one document's
events are ``pipeline_tables.read_document(p, doc_id, "events")``. The events table has no
group column: group tables take the group from the docs table (``group_by``).
"""

from __future__ import annotations

import pandas as pd

from helpers import chronology_tables as ct
from helpers.pipeline import Processed
from helpers.pipeline_tables import read_docs_partition, reduce_partitions, with_groups


def textstat_types(p: Processed) -> pd.DataFrame:
    """As ``helpers.chronology.textstat_types``: temporal expressions per TIMEX3 type,
    ``type, count`` (most frequent first, ties by type)."""
    counts = reduce_partitions((ct.textstat_types(f) for f in p.iter("events", ["type"])), ["type"])
    counts = counts.reindex(columns=["type", "count"]).astype({"type": "str", "count": "int64"})
    return counts.sort_values(["count", "type"], ascending=[False, True], ignore_index=True)


def n_documents(p: Processed, table: str = "events") -> int:
    """Documents with at least one row in ``table`` (a document never spans partitions)."""
    return sum(int(f["doc_id"].nunique()) for f in p.iter(table, ["doc_id"]))


def richest_document(p: Processed) -> str | None:
    """As ``helpers.chronology.richest_document``: the document with most distinct dated
    values (ties: the smallest ``doc_id``); None if no expression is dated."""
    best: list[tuple[int, str]] = []
    for events in p.iter("events", ["doc_id", "point", "value"]):
        doc_id = ct.richest_document(events)
        if doc_id is not None:
            dated = events[(events["doc_id"] == doc_id) & events["point"].notna()]
            best.append((-dated["value"].nunique(), doc_id))
    return min(best)[1] if best else None


def textstat_earliest_mentions(
    p: Processed, group_by: str | None = None, n: int = 3
) -> pd.DataFrame:
    """As ``helpers.chronology.textstat_earliest_mentions``: each group's ``n`` earliest dated
    mentions with the sentence each sits in; only the text of the documents they come from is
    read. Columns: ``[group_by], year, value, text, doc_id, start, end, sent_start, sent_end,
    sentence``."""
    key = group_by or "group"
    columns = ["year", "granularity", *ct.EARLIEST_COLUMNS]
    parts = []
    for i, frame in enumerate(with_groups(p, "events", columns, group_by)):
        part = ct.earliest_rows(frame.rename(columns={"group": key}), key, n)
        parts.append(part.assign(_partition=i))
    keys = [key, "year", "doc_id", "start"]
    if parts:
        found = pd.concat(parts, ignore_index=True).sort_values(keys, kind="stable")
        found = found.groupby(key).head(n).reset_index(drop=True)
    else:
        found = pd.DataFrame(columns=[key, *ct.EARLIEST_COLUMNS, "_partition"])
    sentences = pd.Series("", index=found.index, dtype="str")
    docs_paths = p.partitions("docs")
    for i, rows in found.groupby("_partition"):
        texts = read_docs_partition(docs_paths[int(i)], ["text"]).set_index("doc_id")["text"]
        sentences[rows.index] = [
            " ".join(str(texts.loc[d])[s:e].split())
            for d, s, e in zip(rows["doc_id"], rows["sent_start"], rows["sent_end"], strict=True)
        ]
    out = found.drop(columns="_partition").assign(sentence=sentences)
    out = out.astype({"year": "int64", "start": "int64", "end": "int64"})
    return out if group_by else out.drop(columns="group")
