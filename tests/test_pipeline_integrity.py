"""The pipeline never loses or crashes: bad inputs become failures, damaged partitions are
done again, and keys follow everything that changes a result."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from samples import write_corpus

from helpers import pipeline
from helpers.framing import markers_table
from helpers.paths import LEXICONS
from helpers.pipeline import corpus_key, process, verify_run
from helpers.pipeline_markers import marker_path
from helpers.pipeline_steps import FAILURE_COLUMNS, NOTE_COLUMNS, ORDER, TABLES

GOOD = {"doc_id": "g1", "text": "A good document. A ceasefire was signed in 1994.", "date": "2020-01-02"}  # fmt: skip


def write_bad_inputs(folder: Path) -> Path:
    """A folder of inputs that once stopped a whole run, next to good documents."""
    folder.mkdir(parents=True, exist_ok=True)
    line = json.dumps
    (folder / "good.jsonl").write_text(line(GOOD) + "\n" + line({**GOOD, "doc_id": "g2"}) + "\n")
    (folder / "corrupt.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + bytes(6) + b"not deflate" * 9)
    lines = "".join(line({"doc_id": f"t{i}", "text": f"Line {i} here."}) + "\n" for i in range(200))
    packed = gzip.compress(lines.encode())
    (folder / "truncated.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    (folder / "old.jsonl").write_text(line({"doc_id": "old", "text": "Old.", "date": "1650-03-01"}))
    (folder / "feb30.md").write_text("---\ntitle: T\ndate: 2020-02-30\n---\nBody text here.\n")
    big = '{"doc_id": "big", "text": "Big number.", "n": ' + "9" * 5000 + "}\n"
    (folder / "bigint.jsonl").write_text(big + line({**GOOD, "doc_id": "g3"}) + "\n")
    (folder / "deep.json").write_text(
        '{"text": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    wide = line({"doc_id": "wide", "text": "Wide number.", "n": 123456789012345678901234567890})
    (folder / "int30.jsonl").write_text(wide + "\n" + line({**GOOD, "doc_id": "g4", "n": 5}) + "\n")
    return folder


def sorted_table(p: pipeline.Processed, table: str) -> pd.DataFrame:
    return p.read(table).sort_values(ORDER[table]).reset_index(drop=True)


def assert_same_tables(a: pipeline.Processed, b: pipeline.Processed) -> None:
    for table in TABLES:
        pd.testing.assert_frame_equal(sorted_table(a, table), sorted_table(b, table))


@pytest.mark.parametrize("engine", ["inprocess", "dask"])
def test_bad_inputs_become_failures_and_the_run_finishes(tmp_path, engine, request):
    folder = write_bad_inputs(tmp_path / "bad")
    client = request.getfixturevalue("dask_client") if engine == "dask" else None
    p = process(folder, out=tmp_path / "out", engine=engine, client=client)
    docs, failures, notes = p.read("docs"), p.failures, p.notes
    assert {"g1", "g2", "g4", "old", "big", "wide"} <= set(docs["doc_id"])
    assert failures.columns.tolist() == FAILURE_COLUMNS and len(failures) == 3  # gzip, deep
    assert set(failures["step"]) == {"read"}
    assert notes.columns.tolist() == NOTE_COLUMNS  # a date left empty, numbers kept as text
    assert notes.set_index("doc_id")["reason"].to_dict() == {
        "big": "1 integer(s) of up to 5,000 digits kept as text",
        "feb30": "impossible date '2020-02-30'; date left empty",
    }
    named = pd.concat([docs["source"], failures["source"]]).str.replace(r"#.*", "", regex=True)
    assert set(named) == {str(f) for f in folder.iterdir()}  # every input is named somewhere
    assert p.manifest["docs"] == len(docs) and p.manifest["failures"] == len(failures)
    assert p.manifest["notes"] == len(notes)
    assert sum(p.manifest["failures_by_step"].values()) == len(failures)
    assert verify_run(p.folder) == []
    if engine == "dask":  # damage, then a Dask rerun: only that partition is done again
        (p.folder / "docs" / "part-00003.parquet").write_bytes(b"PAR1")
        p = process(folder, out=tmp_path / "out", engine=engine, client=client)
        assert p.manifest["computed_partitions"] == [3] and list(p.manifest["damaged_partitions"]) == ["3"]  # fmt: skip
    again = process(folder, out=tmp_path / "out", engine=engine, client=client)
    assert again.manifest["reused_partitions"] == len(again.manifest["partitions"])
    pd.testing.assert_frame_equal(sorted_table(again, "failures"), sorted_table(p, "failures"))
    pd.testing.assert_frame_equal(sorted_table(again, "docs"), sorted_table(p, "docs"))


def test_command_line_exits_0_with_a_summary_line(tmp_path, capsys):
    folder = write_bad_inputs(tmp_path / "bad")
    assert pipeline.main([str(folder), "--out", str(tmp_path / "out")]) == 0
    line = capsys.readouterr().out.strip()
    pattern = (
        r"corpus-bad-[0-9a-f]{16}: (\d+) documents, (\d+) failures \(((?:\w+ \d+(?:, )?)+)\), "
        r"(\d+) notes, 8 partitions \(0 reused, 8 computed, 0 redone after damage\) in \S+"
    )
    m = re.fullmatch(pattern, line)
    assert m, line
    by_step = dict(item.split() for item in m.group(3).split(", "))
    assert sum(map(int, by_step.values())) == int(m.group(2)) and "read" in by_step


def test_an_exception_while_reading_keeps_the_records_before_it(tmp_path, monkeypatch):
    real = pipeline.read_file

    def breaks_after_two(path, rel_id, **options):
        for n, item in enumerate(real(path, rel_id, **options)):
            if n == 2:
                raise RuntimeError("reader gave up")
            yield item

    monkeypatch.setattr(pipeline, "read_file", breaks_after_two)
    p = process(write_corpus(tmp_path, n=5), out=tmp_path / "out")
    assert p.read("docs")["doc_id"].tolist() == ["d000", "d001"]
    failure = p.failures.iloc[0]
    assert failure["step"] == "read" and failure["source"].endswith("small.jsonl")
    assert failure["reason"] == (
        "RuntimeError: reader gave up (reading stopped after 2 records; "
        "the rest of this input is not read)"
    )


@pytest.mark.parametrize("step", ["normalise", "write"])
def test_records_that_fail_only_together_are_found_by_halving(tmp_path, monkeypatch, step):
    real = pipeline.partition_tables

    def poisoned(items, **options):
        items = list(items)
        tables = real(items, **options)
        poison = tables["docs"]["text"].str.contains("POISON")
        if poison.any() and step == "normalise":
            raise ValueError("a value no table can hold")
        tables["docs"]["odd"] = [10**30 if bad else None for bad in poison]  # too wide for Arrow
        return tables

    path = write_corpus(tmp_path, n=12)
    clean = process(path, out=tmp_path / "clean", partition_bytes=100_000)
    with path.open("a") as fh:
        for k in (3, 9):
            fh.write(json.dumps({"doc_id": f"x{k}", "text": f"POISON {k}."}) + "\n")
    monkeypatch.setattr(pipeline, "partition_tables", poisoned)
    p = process(path, out=tmp_path / "out", partition_bytes=100_000)
    failures = p.failures
    assert failures[["doc_id", "step"]].values.tolist() == [["x3", step], ["x9", step]]
    assert failures["source"].str.endswith(("#line=13", "#line=14")).all()
    docs = p.read("docs").drop(columns="odd")
    pd.testing.assert_frame_equal(docs, clean.read("docs"))


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """A finished run of the small corpus in 6+ partitions, to be copied and damaged."""
    folder = tmp_path_factory.mktemp("finished")
    path = write_corpus(folder)
    return path, process(path, out=folder / "out", partition_bytes=400)


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _edit_marker(path: Path) -> None:
    info = json.loads(path.read_text())
    info["docs"] += 1
    path.write_text(json.dumps(info))


DAMAGE = {  # what is done to partition 2, and what a rerun then redoes
    "truncated part": (lambda f: _truncate(f / "docs" / "part-00002.parquet"), [2], True),
    "deleted part": (lambda f: (f / "quotes" / "part-00002.parquet").unlink(), [2], True),
    "same-size change": (lambda f: _flip_a_byte(f / "counts" / "part-00002.parquet"), [2], True),
    "deleted marker": (lambda f: marker_path(f, 2).unlink(), [2], False),
    "edited marker": (lambda f: _edit_marker(marker_path(f, 2)), [2], True),
    "deleted manifest": (lambda f: (f / "manifest.json").unlink(), [], False),
    "stray part": (
        lambda f: shutil.copy(f / "docs" / "part-00001.parquet", f / "docs" / "part-00099.parquet"),
        [],
        False,
    ),
}


def _truncate(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.truncate(path.stat().st_size // 2)


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_rerun_redoes_only_damaged_partitions(tmp_path, monkeypatch, finished, damage):
    path, fresh = finished
    out = tmp_path / "out"
    shutil.copytree(fresh.folder, out / fresh.key)
    harm, redone, reported = DAMAGE[damage]
    harm(out / fresh.key)
    assert verify_run(fresh.key, out)  # something is reported damaged
    read, real = [], pipeline.read_partition

    def spy(part, *args):
        read.append(part.index)
        return real(part, *args)

    monkeypatch.setattr(pipeline, "read_partition", spy)
    rerun = process(path, out=out, partition_bytes=400)
    assert read == redone and rerun.manifest["computed_partitions"] == redone
    assert list(rerun.manifest["damaged_partitions"]) == (["2"] if reported else [])
    assert rerun.manifest["reused_partitions"] == len(fresh.manifest["partitions"]) - len(redone)
    assert verify_run(fresh.key, out) == []
    assert_same_tables(rerun, fresh)


def test_verify_on_the_command_line(tmp_path, finished, capsys):
    _, fresh = finished
    shutil.copytree(fresh.folder, tmp_path / fresh.key)
    assert pipeline.main(["--verify", fresh.key, "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"{fresh.key}: nothing damaged, ok\n"
    _truncate(tmp_path / fresh.key / "events" / "part-00004.parquet")
    (tmp_path / fresh.key / "docs" / "part-00001.parquet").unlink()
    assert pipeline.main(["--verify", str(tmp_path / fresh.key)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "partition 1: docs/part-00001.parquet missing"
    assert re.fullmatch(r"partition 4: events/part-00004.parquet has \d+ bytes, .*", lines[1])
    assert lines[2].endswith(": 2 damaged")


def test_a_rerun_into_the_same_folder_reuses_everything_and_changes_nothing(finished):
    path, fresh = finished
    before = {f: f.stat().st_mtime_ns for f in fresh.folder.rglob("part-*")}
    rerun = process(path, out=fresh.folder.parent, partition_bytes=400)
    assert rerun.folder == fresh.folder and rerun.manifest["computed_partitions"] == []
    assert {f: f.stat().st_mtime_ns for f in fresh.folder.rglob("part-*")} == before
    assert_same_tables(rerun, fresh)


def test_the_key_follows_input_content_not_its_time(tmp_path):
    path = write_corpus(tmp_path)
    options = {"partition_bytes": 400}
    key = corpus_key(path, options)
    stamp = path.stat()
    os.utime(path, ns=(stamp.st_atime_ns + 10**9, stamp.st_mtime_ns + 10**9))
    assert corpus_key(path, options) == key  # touched, same content
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Document 13.", b"Document 31."))
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size and path.stat().st_mtime_ns == stamp.st_mtime_ns
    assert corpus_key(path, options) != key
    p = process(path, out=tmp_path / "out", partition_bytes=400)
    assert "Document 31. " in set(p.read("docs")["text"].str[:13])


def test_an_edited_lexicon_changes_the_key_and_the_markers(tmp_path, monkeypatch):
    path = write_corpus(tmp_path, n=8)
    lexicons = tmp_path / "lexicons"
    shutil.copytree(LEXICONS, lexicons)
    before = process(path, out=tmp_path / "out", partition_bytes=100_000, lexicons=lexicons)
    default = process(path, out=tmp_path / "out", partition_bytes=100_000)  # data/lexicons
    pd.testing.assert_frame_equal(before.read("markers"), default.read("markers"))
    with (lexicons / "markers.csv").open("a", encoding="utf-8") as fh:
        fh.write("ceasefire,test family,added by a test\n")
    after = process(path, out=tmp_path / "out", partition_bytes=100_000, lexicons=lexicons)
    assert after.key != before.key
    markers = after.read("markers")
    assert (markers["family"] == "test family").sum() == 2  # documents 0 and 4 of 8
    assert len(markers) == len(before.read("markers")) + 2
    docs = after.read("docs")  # the in-memory table on the same lexicon finds the same hits
    memory = markers_table(docs, lexicon=lexicons / "markers.csv")
    assert len(memory) == len(markers)
    monkeypatch.setattr(pipeline, "LEXICONS", lexicons)  # data/lexicons is in every key
    options = {"partition_bytes": 400}
    key = corpus_key(path, options)
    (lexicons / "frames.csv").write_text((lexicons / "frames.csv").read_text() + "x,y,z\n")
    assert corpus_key(path, options) != key
