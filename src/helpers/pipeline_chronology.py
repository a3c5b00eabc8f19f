"""Chronology (notebook 04) from the pipeline's events table, a partition at a time.

The functions mirror :mod:`helpers.chronology` and give the same results as the in-memory
functions on the events table ``chronology(docs)`` of the same documents; memory holds one
partition of the events table and the result. The publication timeline, referenced years,
historical depth and decade matrix are in :mod:`helpers.pipeline_tables`; one document's
events are ``pipeline_tables.read_document(p, doc_id, "events")``. The events table has no
group column: group tables take the group from the docs table (``group_by``).
"""

from __future__ import annotations

import pandas as pd

from helpers import chronology_tables as ct
from helpers.pipeline import Processed
from helpers.pipeline_tables import _reduce


def textstat_types(p: Processed) -> pd.DataFrame:
    """As ``helpers.chronology.textstat_types``: temporal expressions per TIMEX3 type,
    ``type, count`` (most frequent first, ties by type)."""
    counts = _reduce((ct.textstat_types(f) for f in p.iter("events", ["type"])), ["type"])
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
