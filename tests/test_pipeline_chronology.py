"""Notebook 04 from the pipeline's tables: partition-wise chronology equals the in-memory one."""

from __future__ import annotations

import pandas as pd
import pytest
from samples import assert_same_charts, un_subset, write_corpus

from helpers import pipeline_chronology as PC
from helpers import pipeline_tables as pt
from helpers.chronology import (
    chronology,
    document_timeline,
    latest_publication_year,
    richest_document,
    textplot_referenced_years,
    textstat_decade_matrix,
    textstat_earliest_mentions,
    textstat_types,
)
from helpers.corpus import read_corpus
from helpers.pipeline import Processed, process

CHARTS = [
    "04-event-timeline",
    "04-publication-timeline",
    "04-referenced-years",
    "04-decade-heatmap",
]
COLUMNS = ["start", "end", "text", "type", "value", "mod", "granularity", "anchor", "label"]


def check_chronology(p: Processed, docs: pd.DataFrame) -> None:
    """Every partition-wise chronology function equals the in-memory one on ``docs``."""
    chron = chronology(docs)
    pd.testing.assert_frame_equal(PC.textstat_types(p), textstat_types(chron))
    assert PC.n_documents(p) == chron["doc_id"].nunique()
    doc_id = PC.richest_document(p)
    assert doc_id is not None and doc_id == richest_document(chron)
    events = pt.read_document(p, doc_id, "events")
    memory = chron[chron["doc_id"] == doc_id].reset_index(drop=True)
    pd.testing.assert_frame_equal(events[COLUMNS], memory[COLUMNS])
    published = docs.loc[docs["doc_id"] == doc_id, "date"].iloc[0]
    pd.testing.assert_frame_equal(
        document_timeline(events, doc_id, published=published),
        document_timeline(chron, doc_id, published=published),
        check_dtype=False,  # "point": Parquet stores datetime64[s] as [ms]
    )
    pd.testing.assert_frame_equal(
        pt.textstat_decade_matrix(p), textstat_decade_matrix(chron), check_dtype=False
    )
    pd.testing.assert_frame_equal(
        PC.textstat_earliest_mentions(p, n=4), textstat_earliest_mentions(chron, docs, n=4)
    )
    if "group" in docs:
        grouped = chronology(docs, "group")
        pd.testing.assert_frame_equal(
            PC.textstat_earliest_mentions(p, "group", n=2),
            textstat_earliest_mentions(grouped, docs, "group", n=2),
        )


def test_chronology_equals_in_memory_small(small):
    path, p = small
    assert len(p.partitions("events")) > 3
    check_chronology(p, read_corpus(path, cache=False, dedupe=False).docs)


def test_richest_document_ties_go_to_the_smallest_id(small):
    _, p = small  # every fourth document has the same text, so the same dated values
    assert PC.richest_document(p) == "d001"


def test_chronology_equals_in_memory_un_speeches(tmp_path):
    path = un_subset(tmp_path)
    p = process(path, out=tmp_path / "out", partition_bytes=40_000)
    assert len(p.partitions("events")) > 1
    check_chronology(p, read_corpus(path, cache=False, dedupe=False).docs)


def test_empty_events_give_empty_tables(tmp_path):
    path = tmp_path / "plain.jsonl"
    path.write_text('{"doc_id": "x", "text": "No dates here at all."}\n')
    p = process(path, out=tmp_path / "out")
    assert PC.textstat_types(p).columns.tolist() == ["type", "count"]
    assert PC.textstat_types(p).empty and PC.n_documents(p) == 0
    assert PC.richest_document(p) is None


def test_notebook_renders_the_same_charts_from_the_tables(small, tmp_path):
    path, p = small
    assert_same_charts(
        "04-chronology", tmp_path, p.folder, CHARTS, corpus=str(path), group_by="group"
    )


def test_a_group_column_named_like_a_chronology_column_is_refused(tmp_path):
    path = write_corpus(tmp_path, n=4)
    p = process(path, out=tmp_path / "out")
    docs = read_corpus(path, cache=False).docs.assign(year="2020")
    with pytest.raises(ValueError, match="'year' is also a column of the chronology table"):
        chronology(docs, group_by="year")
    with pytest.raises(ValueError, match="rename that docs column"):
        pt.textstat_referenced_years(p, "year")


def test_latest_publication_year_is_the_latest_date_not_the_latest_referenced_year(tmp_path):
    path = tmp_path / "plans.jsonl"
    rows = [
        '{"doc_id": "a", "date": "2019-05-01", "text": "The plan runs until 2099 and began in 1990."}',
        '{"doc_id": "b", "date": "2021-03-02", "text": "By 2050 emissions fall, as agreed in 2015."}',
        '{"doc_id": "c", "text": "Undated: in 1950 it began."}',
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    p = process(path, out=tmp_path / "out")
    docs = read_corpus(path, cache=False).docs
    years = pt.textstat_referenced_years(p)
    assert years["year"].max() == 2099
    assert latest_publication_year(docs["date"]) == pt.latest_publication_year(p) == 2021
    fig, _ = textplot_referenced_years(years, latest=pt.latest_publication_year(p))
    assert "latest publication, 2021" in fig.axes[0].get_xlabel()
    assert latest_publication_year(pd.Series([], dtype="datetime64[ms]")) is None
