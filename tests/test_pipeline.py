"""The pipeline: partitions, tables, failures, reruns, engines and partition-wise aggregates."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from samples import TEXTS, un_subset, write_corpus

from helpers import pipeline, pipeline_steps
from helpers import pipeline_tables as pt
from helpers import pipeline_terms as PT
from helpers.chronology import (
    chronology,
    textstat_historical_depth,
    textstat_publication_timeline,
    textstat_referenced_years,
)
from helpers.corpus import read_corpus
from helpers.framing import quotes_table, textstat_quote_kinds
from helpers.paths import RAW
from helpers.pipeline import open_processed, plan, process, read_partition
from helpers.pipeline_steps import ORDER, TABLES
from helpers.readers import read_file
from helpers.terms import dfm, textstat_frequency, textstat_keyness, tokens
from helpers.terms_stats import collocation_counts


def sorted_table(p: pipeline.Processed, table: str) -> pd.DataFrame:
    return p.read(table).sort_values(ORDER[table]).reset_index(drop=True)


def test_byte_ranges_read_the_same_records_as_the_whole_file(tmp_path):
    path = write_corpus(tmp_path, extra_lines=("{not json", "[1, 2]"))
    parts = plan(path, partition_bytes=300)
    assert len(parts) > 3
    assert parts[0].start == 0 and parts[-1].stop == path.stat().st_size
    assert all(a.stop == b.start for a, b in zip(parts, parts[1:], strict=False))
    ranged = [vars(r) for part in parts for r in read_partition(part)]
    whole = [vars(r) for r in read_file(path, "small")]
    assert ranged == whole


def test_parquet_row_groups_read_the_same_records_as_the_whole_file(tmp_path):
    rows = [
        {"id": f"p{i}", "body": f"Text number {i}. " * (i + 1), "year": 2000 + i} for i in range(30)
    ]
    path = tmp_path / "docs.parquet"
    pd.DataFrame(rows).to_parquet(path, row_group_size=4)
    parts = plan(path, partition_bytes=1500)
    assert len(parts) > 2 and {p.unit for p in parts} == {"row_groups"}
    ranged = [vars(r) for part in parts for r in read_partition(part)]
    assert ranged == [vars(r) for r in read_file(path, "docs")]
    p = process(path, out=tmp_path / "out", partition_bytes=1500)
    assert p.read("docs")["doc_id"].tolist() == [f"p{i}" for i in range(30)]
    assert p.manifest["bytes"] <= path.stat().st_size


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=1, max_size=30), st.integers(1, 200))
def test_partitions_cover_any_jsonl_file_exactly(tmp_path_factory, lengths, partition_bytes):
    path = tmp_path_factory.mktemp("j") / "c.jsonl"
    path.write_text("".join(json.dumps({"text": "x" * k + "y"}) + "\n" for k in lengths))
    parts = plan(path, partition_bytes=partition_bytes)
    assert [r.raw for part in parts for r in read_partition(part)] == [
        "x" * k + "y" for k in lengths
    ]
    assert [r.source for part in parts for r in read_partition(part)] == [
        f"{path}#line={i}" for i in range(1, len(lengths) + 1)
    ]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-50, 50), min_size=1, max_size=40), st.sampled_from([0.1, 0.5, 0.9]))
def test_quantile_from_counts_equals_numpy(values, q):
    unique, counts = np.unique(values, return_counts=True)
    assert pt._quantile(unique, counts, q) == pytest.approx(np.quantile(values, q))


def test_tables_of_a_small_corpus(tmp_path):
    path = write_corpus(tmp_path, extra_lines=("{broken", json.dumps({"text": "   "})))
    p = process(path, out=tmp_path / "out", partition_bytes=400)
    assert p.key.startswith("corpus-small-")
    assert {f.name for f in p.folder.iterdir() if f.is_dir()} >= set(TABLES)
    docs = p.read("docs")
    assert len(docs) == 24 and docs["doc_id"].is_unique
    assert (docs["n_tokens"] > 0).all() and (docs["n_chars"] == docs["text"].str.len()).all()
    failures = p.failures
    assert sorted(failures["step"]) == ["read", "read"]
    assert failures["reason"].str.contains("malformed JSON line").any()
    assert p.manifest["docs"] == 24 and p.manifest["failures"] == 2
    for table in ("sentences", "quotes", "markers", "frames", "events"):
        rows = p.read(table)
        assert len(rows), table
        texts = rows["doc_id"].map(docs.set_index("doc_id")["text"])
        spans = [t[s:e] for t, s, e in zip(texts, rows["start"], rows["end"], strict=True)]
        if "text" in rows:  # quotes and events carry their text: offsets point at it
            assert spans == rows["text"].tolist()
    counts = p.read("counts")
    assert set(counts["quote_kind"]) >= {"bare", "scare"}
    assert (
        counts.groupby("doc_id")["count"].sum().to_dict()
        == docs.set_index("doc_id")["n_tokens"].to_dict()
    )


def test_a_failing_step_is_listed_and_the_run_goes_on(tmp_path, monkeypatch):
    real = pipeline_steps.chronology

    def fragile(docs, group_by=None):
        if docs["text"].str.contains("Document 5\\.").any():
            raise ValueError("boom")
        return real(docs, group_by)

    monkeypatch.setattr(pipeline_steps, "chronology", fragile)
    p = process(write_corpus(tmp_path), out=tmp_path / "out", partition_bytes=500)
    failures = p.failures
    assert failures[["doc_id", "step", "reason"]].values.tolist() == [
        ["d005", "events", "ValueError: boom"]
    ]
    events = p.read("events")
    assert "d005" not in set(events["doc_id"]) and events["doc_id"].nunique() == 23
    assert "d005" in set(p.read("docs")["doc_id"])


def test_a_document_failing_counts_is_left_out_of_counts_and_bigrams(tmp_path, monkeypatch):
    real_split, real_sentences = pipeline_steps.split_parts, pipeline_steps.sentences_table

    def fragile_split(parts):
        if parts[1:4:2] == ["Document", "5"]:
            raise ValueError("no split")
        return real_split(parts)

    def fragile_sentences(docs):
        if (docs["doc_id"] == "d007").any():
            raise ValueError("no sentences")
        return real_sentences(docs)

    monkeypatch.setattr(pipeline_steps, "split_parts", fragile_split)
    monkeypatch.setattr(pipeline_steps, "sentences_table", fragile_sentences)
    path = write_corpus(tmp_path)
    p = process(path, out=tmp_path / "out", partition_bytes=100_000)
    assert len(p.partitions("docs")) == 1  # both steps ran per document after the partition
    assert p.failures[["doc_id", "step"]].values.tolist() == [
        ["d007", "sentences"], ["d005", "counts"]
    ]  # fmt: skip
    assert "d005" not in set(p.read("counts")["doc_id"])
    docs = p.read("docs").set_index("doc_id")
    assert pd.isna(docs.loc["d005", "n_tokens"]) and pd.isna(docs.loc["d007", "n_sentences"])
    assert (docs.drop(index="d007")["n_sentences"] > 0).all()
    others = read_corpus(path, progress=False).docs
    words, _, grams, counts = collocation_counts(others[others["doc_id"] != "d005"], 2)
    expected = pd.DataFrame(
        {"w1": words[grams[:, 0]], "w2": words[grams[:, 1]], "count": counts}
    ).sort_values(["w1", "w2"], ignore_index=True)
    bigrams = p.read("bigrams")
    assert bigrams[["w1", "w2"]].astype(object).equals(expected[["w1", "w2"]].astype(object))
    assert bigrams["count"].tolist() == expected["count"].tolist()


def test_rerun_after_a_crash_reuses_finished_partitions(tmp_path, monkeypatch):
    path = write_corpus(tmp_path)
    fresh = process(path, out=tmp_path / "fresh", partition_bytes=400)
    n_parts = len(fresh.partitions("docs"))
    real = pipeline_steps.partition_tables
    calls = []

    def crash_on_fourth(items, **options):
        calls.append(1)
        if len(calls) == 4:
            raise MemoryError("worker died")
        return real(items, **options)

    monkeypatch.setattr(pipeline, "partition_tables", crash_on_fourth)
    with pytest.raises(MemoryError):
        process(path, out=tmp_path / "crash", partition_bytes=400)
    key_folder = tmp_path / "crash" / fresh.key
    assert len(list((key_folder / "_done").iterdir())) == 3
    assert not (key_folder / "manifest.json").exists()
    rerun = process(path, out=tmp_path / "crash", partition_bytes=400)
    assert rerun.manifest["reused_partitions"] == 3 and len(calls) == 4 + n_parts - 3
    for table in TABLES:
        pd.testing.assert_frame_equal(sorted_table(rerun, table), sorted_table(fresh, table))
    assert open_processed(fresh.key, out=tmp_path / "fresh").folder == fresh.folder


def test_key_follows_inputs_and_options(tmp_path):
    path = write_corpus(tmp_path)
    key = pipeline.corpus_key(path, {"partition_bytes": 400})
    assert key == pipeline.corpus_key(path, {"partition_bytes": 400})
    assert key != pipeline.corpus_key(path, {"partition_bytes": 500})
    write_corpus(tmp_path, n=25)
    assert key != pipeline.corpus_key(path, {"partition_bytes": 400})
    with pytest.raises(KeyError):
        open_processed(process(path, out=tmp_path).folder).partitions("nope")
    with pytest.raises(FileNotFoundError):
        open_processed("corpus-missing", out=tmp_path)


def test_command_line(tmp_path, capsys):
    pipeline.main([str(RAW), "--out", str(tmp_path)])
    key = capsys.readouterr().out.split(":")[0]
    assert key.startswith("corpus-raw-")
    assert open_processed(key, out=tmp_path).manifest["docs"] == 1


@pytest.mark.parametrize("corpus", ["small", "seed"])
def test_dask_and_inprocess_write_identical_tables(tmp_path, dask_client, corpus):
    path = write_corpus(tmp_path) if corpus == "small" else RAW
    local = process(path, out=tmp_path / "local", partition_bytes=400, tokens=True)
    dask = process(
        path,
        out=tmp_path / "dask",
        partition_bytes=400,
        tokens=True,
        engine="dask",
        client=dask_client,
    )
    assert local.key == dask.key
    for table in (*TABLES, "tokens"):
        pd.testing.assert_frame_equal(sorted_table(local, table), sorted_table(dask, table))


def test_tokens_table_equals_in_memory_tokens(tmp_path):
    path = write_corpus(tmp_path)
    p = process(path, out=tmp_path / "out", partition_bytes=400, tokens=True)
    expected = tokens(read_corpus(path, cache=False, dedupe=False).docs)
    got = sorted_table(p, "tokens")
    pd.testing.assert_frame_equal(got, expected.sort_values(["doc_id", "start"], ignore_index=True))
    assert got.groupby("doc_id").size().sum() == p.read("counts")["count"].sum()
    assert p.manifest["tables"][-1] == "tokens"
    without = process(path, out=tmp_path / "out", partition_bytes=400)
    assert without.key != p.key
    with pytest.raises(KeyError, match="tokens=True"):
        without.partitions("tokens")


def test_seed_tables(tmp_path):
    p = process(RAW, out=tmp_path)
    docs = p.read("docs")
    assert docs["doc_id"].tolist() == ["000_b9ae1a64affd447b"]
    assert docs["outlet"].tolist() == ["Trend"] and p.failures.empty
    quotes = p.read("quotes")
    assert "elections" in set(quotes["text"])
    assert pt.group_sizes(p, "outlet").values.tolist() == [["Trend", 1, docs["n_tokens"].iloc[0]]]


def check_aggregates(p: pipeline.Processed, docs: pd.DataFrame, group: str, target: str) -> None:
    """Every partition-wise aggregate equals the in-memory function on the whole corpus."""

    def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
        pd.testing.assert_frame_equal(
            a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False
        )

    d = dfm(docs)
    chron = chronology(docs, group)
    same(pt.textstat_frequency(p, group_by=group), textstat_frequency(d, group_by=group))
    same(pt.textstat_frequency(p, n=5), textstat_frequency(d, n=5))
    same(
        pt.textstat_frequency(p, group_by=group, remove_stopwords=True),
        textstat_frequency(dfm(docs, remove_stopwords=True), group_by=group),
    )
    same(
        PT.textstat_keyness(p, target, group_by=group), textstat_keyness(d, target, group_by=group)
    )
    same(
        PT.textstat_keyness(p, target, group_by=group, remove_stopwords=True),
        textstat_keyness(dfm(docs, remove_stopwords=True), target, group_by=group),
    )
    same(
        pt.textstat_quote_kinds(p, group).rename(columns={"group": group}),
        textstat_quote_kinds(docs, quotes_table(docs), group),
    )
    same(pt.textstat_historical_depth(p, group), textstat_historical_depth(chron, group))
    same(pt.textstat_historical_depth(p), textstat_historical_depth(chron))
    same(pt.textstat_referenced_years(p, group), textstat_referenced_years(chron, group))
    same(
        pt.textstat_publication_timeline(p, "month", group),
        textstat_publication_timeline(docs, "month", group),
    )


def test_corpus_feature_counts_summed_from_group_counts_equal_a_scan(tmp_path):
    p = process(write_corpus(tmp_path), out=tmp_path / "out", partition_bytes=400)
    for by_kind in (False, True):
        pt._COUNTED.clear()
        scanned = pt.feature_counts(p, by_kind=by_kind)
        pt._COUNTED.clear()
        pt.feature_counts(p, "group", by_kind=by_kind)
        summed = pt.feature_counts(p, by_kind=by_kind)
        assert (pt.run_stamp(p), None, by_kind) in pt._COUNTED and len(summed) > 50
        pd.testing.assert_frame_equal(summed, scanned)


def test_aggregates_equal_in_memory_tables_small(tmp_path):
    path = write_corpus(tmp_path)
    p = process(path, out=tmp_path / "out", partition_bytes=400)
    assert len(p.partitions("docs")) > 3
    check_aggregates(p, read_corpus(path, cache=False, dedupe=False).docs, "group", "A")
    terms = pt.textstat_terms(p, ["Elections", "talks"], "group").set_index(
        ["group", "feature", "quote_kind"]
    )
    assert len(terms) == 2 * 2 * 5
    assert terms.loc[("A", "elections", "scare"), ["frequency", "docfreq"]].tolist() == [6, 6]
    assert terms.loc[("B", "elections"), "frequency"].sum() == 0
    assert terms.loc[("B", "talks", "bare"), "frequency"] == 6
    rates = pt.textstat_lexicon_rates(p, "group")
    assert set(rates["lexicon"]) == {"markers", "frames"} and (rates["per_1000"] > 0).all()


def test_aggregates_equal_in_memory_tables_un_speeches(tmp_path):
    path = un_subset(tmp_path)
    p = process(path, out=tmp_path / "out", partition_bytes=40_000)
    assert len(p.partitions("docs")) > 1
    docs = read_corpus(path, cache=False, dedupe=False).docs
    check_aggregates(p, docs, "iso3", docs["iso3"].iloc[0])


def test_docs_metadata_and_one_document(tmp_path):
    path = write_corpus(tmp_path)
    p = process(path, out=tmp_path / "out", partition_bytes=400)
    docs = pt.read_docs(p)
    assert "text" not in docs.columns and len(docs) == 24
    assert {"doc_id", "date", "group", "n_chars", "n_tokens"} <= set(docs.columns)
    one = pt.read_document(p, "d013")
    assert one["text"].tolist() == ["Document 13. " + TEXTS[1]]
    events = pt.read_document(p, "d013", "events")
    assert events["text"].tolist() == ["last week", "1992", "March 2019"]
    assert pt.read_document(p, "nope", "quotes").empty


def test_docs_metadata_of_partitions_with_different_columns(tmp_path):
    path = write_corpus(tmp_path, n=4, extra_lines=('{"doc_id": "x", "text": "No group here."}',))
    p = process(path, out=tmp_path / "out", partition_bytes=200)
    assert len(p.partitions("docs")) > 2
    docs = pt.read_docs(p)
    assert len(docs) == 5 and docs["group"].isna().sum() == 1
    assert pt.read_docs(p, ["doc_id", "group"]).columns.tolist() == ["doc_id", "group"]


def test_a_run_of_an_older_pipeline_version_names_the_missing_table(tmp_path):
    p = process(write_corpus(tmp_path, n=3), out=tmp_path / "out")
    for path in p.partitions("bigrams"):
        path.unlink()
    (p.folder / "bigrams").rmdir()
    with pytest.raises(KeyError, match="no 'bigrams' table .* process the corpus again"):
        p.partitions("bigrams")
