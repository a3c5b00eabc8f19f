"""The pipeline and read_corpus agree: the same documents, the same lost inputs and the same
notes for every kind of bad input; dates read in the same day/month order; what scanning the
sources meets is a failure; killed writes leave nothing behind; the run's lexicons are used
by the aggregates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from samples import run_notebook, write_corpus
from test_corpus_bad_input import build_cases

from helpers import pipeline, pipeline_steps
from helpers import pipeline_framing as PF
from helpers import pipeline_overview as PO
from helpers.corpus import read_corpus
from helpers.framing import lexicon_table, textstat_framing
from helpers.paths import LEXICONS
from helpers.pipeline import process, summary_line, verify_run
from helpers.pipeline_markers import stale_temporaries
from helpers.records import PROBLEM_COLUMNS

# kinds of bad input for the (slower) Dask run: file system, gzip, dates, numbers, nesting
DASK_KINDS = [
    "fifo", "dangling-symlink", "symlink-loop", "symlinked-folder", "truncated-jsonl-gzip",
    "csv-ambiguous-dates", "csv-day-first-evidence", "jsonl-5000-digit-integer",
    "yaml-impossible-date", "parquet-dates-outside-1677-2262", "json-nested-100000-deep",
    "csv-unterminated-quote", "duplicate-text", "jsonl-not-dates",
]  # fmt: skip


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of ``test_corpus_bad_input`` (one sub-folder per kind of bad input)."""
    root = tmp_path_factory.mktemp("bad") / "inputs"
    root.mkdir()
    build_cases(root)
    return root


def read_all(source, **options):
    """read_corpus without its warning and without dropping repeated texts (the pipeline
    keeps them)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_corpus(source, cache=False, dedupe=False, **options)


def assert_accounted_alike(p: pipeline.Processed, source) -> None:
    """The run ``p`` of ``source`` holds the documents (by text, with the same dates) and the
    problems (lost inputs and notes, by source and reason) of ``read_corpus``."""
    c = read_all(source)
    docs, problems = p.read("docs"), p.problems
    assert Counter(docs["text"]) == Counter(c.docs["text"])
    assert problems.columns.tolist()[:3] == PROBLEM_COLUMNS
    memory = Counter(c.problems[PROBLEM_COLUMNS].itertuples(index=False, name=None))
    tables = Counter(problems[PROBLEM_COLUMNS].itertuples(index=False, name=None))
    assert tables == memory, (memory - tables, tables - memory)
    dated = ["source", "date", "date_precision"]
    pd.testing.assert_frame_equal(
        docs[dated].sort_values("source", ignore_index=True),
        c.docs[dated].sort_values("source", ignore_index=True),
    )
    info = p.manifest
    assert (info["docs"], info["failures"], info["notes"]) == (
        len(docs),
        len(p.failures),
        len(p.notes),
    )
    assert verify_run(p.folder) == []


def test_every_kind_of_bad_input_is_accounted_for_as_read_corpus_does(bad_inputs, tmp_path):
    p = process(bad_inputs, out=tmp_path)
    assert_accounted_alike(p, bad_inputs)
    problems = p.problems
    assert set(problems.loc[problems["lost"], "step"]) == {"read", "normalise"}
    assert {"dangling-symlink", "fifo", "socket", "device-symlink"} <= {
        Path(s).parent.name for s in problems.loc[problems["step"] == "read", "source"]
    }  # scanning the sources found them: never opened, listed like any unreadable input
    assert p.manifest["partitions"][-1]["unit"] == "scan"
    notes = p.notes
    assert f", {len(notes)} notes, " in summary_line(p) and len(notes) >= 20
    again = process(bad_inputs, out=tmp_path)  # the scan partition is reused like the others
    assert again.manifest["computed_partitions"] == []


def test_a_smaller_folder_of_bad_inputs_on_dask(bad_inputs, tmp_path, dask_client):
    sources = [bad_inputs / kind for kind in DASK_KINDS]
    dask = process(sources, out=tmp_path / "dask", engine="dask", client=dask_client)
    assert_accounted_alike(dask, sources)
    local = process(sources, out=tmp_path / "local")
    for table in ("docs", "failures", "notes"):
        order = pipeline_steps.ORDER[table]
        pd.testing.assert_frame_equal(
            dask.read(table).sort_values(order, ignore_index=True),
            local.read(table).sort_values(order, ignore_index=True),
        )


def write_dates(folder: Path, rows: dict[str, list[str]]) -> Path:
    """One JSON Lines file per entry of ``rows``: documents dated with its values."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, dates in rows.items():
        lines = [
            json.dumps({"doc_id": f"{name}{i}", "text": f"Text {name} {i}.", "date": d})
            for i, d in enumerate(dates)
        ]
        (folder / f"{name}.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_ambiguous_dates_follow_the_whole_corpus_as_in_read_corpus(tmp_path, monkeypatch):
    # the evidence (a day above 12 first) is in one file, the ambiguous dates in others
    folder = write_dates(
        tmp_path / "in",
        {
            "a": ["01/02/2020", "03/04/2020"],
            "b": ["25/12/2020", "2020-05-01", "01 02 2020"],  # spaces: not read as ambiguous
            "c": ["05/06/21"],
        },
    )
    p = process(folder, out=tmp_path / "out")
    assert_accounted_alike(p, folder)
    dates = p.read("docs").set_index("doc_id")["date"].dt.strftime("%Y-%m-%d").to_dict()
    assert dates == {"a0": "2020-02-01", "a1": "2020-04-03", "b0": "2020-12-25",
                     "b1": "2020-05-01", "b2": "2020-01-02", "c0": "2021-06-05"}  # fmt: skip
    assert p.notes["reason"].str.contains("read day first .*decided from the corpus").all()
    assert p.manifest["date_order"] == {
        "dayfirst": True,
        "why": p.notes["reason"].iloc[0].split("; ", 1)[1],
        "evidence": {"day-first": 1, "month-first": 0, "ambiguous": 3},
    }
    calls = []
    monkeypatch.setattr(pipeline, "date_evidence", lambda *a, **k: calls.append(1) or {})
    process(folder, out=tmp_path / "out")  # the evidence is kept: no second pre-pass
    assert calls == []
    (p.folder / pipeline.DATE_ORDER).unlink()
    monkeypatch.undo()
    rerun = process(folder, out=tmp_path / "out")  # read again, same decision, all reused
    assert rerun.manifest["computed_partitions"] == [] and (p.folder / "date_order.json").exists()


@pytest.mark.parametrize("dayfirst", [True, False])
def test_a_given_order_needs_no_pre_pass(tmp_path, monkeypatch, dayfirst):
    folder = write_dates(tmp_path / "in", {"a": ["01/02/2020"], "b": ["25/12/2020"]})
    monkeypatch.setattr(pipeline, "date_evidence", None)  # would fail if called
    p = process(folder, out=tmp_path / "out", dayfirst=dayfirst)
    assert p.key != pipeline.corpus_key(folder, {**p.manifest["options"], "dayfirst": None})
    memory = read_all(folder, dayfirst=dayfirst)
    tables = p.problems[PROBLEM_COLUMNS]
    pd.testing.assert_frame_equal(tables, memory.problems, check_dtype=False)
    assert tables["reason"].tolist() == [
        "1 ambiguous numeric date(s) such as '01/02/2020' read "
        + ("day first (day/month/year)" if dayfirst else "month first (month/day/year)")
        + f"; dayfirst={dayfirst} given"
    ]
    assert str(p.read("docs")["date"].iloc[0].date()) == (
        "2020-02-01" if dayfirst else "2020-01-02"
    )
    assert not (p.folder / pipeline.DATE_ORDER).exists()


def test_a_split_file_takes_the_order_of_the_whole_corpus(tmp_path):
    dates = [f"0{1 + i % 9}/0{1 + (i + 1) % 9}/2020" for i in range(60)] + ["31/01/2020"]
    folder = write_dates(tmp_path / "in", {"big": dates})
    p = process(folder, out=tmp_path / "out", partition_bytes=1000)
    assert len(p.manifest["partitions"]) > 3
    memory = read_all(folder).docs.set_index("doc_id")["date"]
    pd.testing.assert_series_equal(p.read("docs").set_index("doc_id")["date"], memory)
    counts = p.notes["reason"].str.extract(r"^(\d+) ambiguous")[0].astype(int)
    assert len(counts) == len(p.manifest["partitions"]) and counts.sum() == 60  # one per partition


def test_command_line_dayfirst(tmp_path, capsys):
    folder = write_dates(tmp_path / "in", {"a": ["01/02/2020"]})
    assert pipeline.main([str(folder), "--out", str(tmp_path), "--dayfirst"]) == 0
    key = capsys.readouterr().out.split(":")[0]
    p = pipeline.open_processed(key, out=tmp_path)
    assert p.manifest["options"]["dayfirst"] is True
    assert str(p.read("docs")["date"].iloc[0].date()) == "2020-02-01"


def test_dangling_links_and_fifos_are_failures_and_change_the_key(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_corpus(folder, n=3)
    key = pipeline.corpus_key(folder, {})
    os.symlink(folder / "gone.jsonl", folder / "link.jsonl")
    assert pipeline.corpus_key(folder, {}) != key
    os.mkfifo(folder / "pipe.jsonl")
    p = process(folder, out=tmp_path / "out")
    failures = p.failures.set_index("source")
    assert failures.loc[str(folder / "link.jsonl"), "step"] == "read"
    assert (
        failures.loc[str(folder / "pipe.jsonl"), "reason"]
        == "not a regular file but a FIFO (named pipe)"
    )
    assert len(p.read("docs")) == 3 and p.manifest["failures_by_step"] == {"read": 2}


def test_problems_mark_later_step_failures_as_loaded(tmp_path, monkeypatch):
    real = pipeline_steps.chronology

    def fragile(docs, group_by=None):
        if docs["doc_id"].eq("d001").any():
            raise ValueError("boom")
        return real(docs, group_by)

    monkeypatch.setattr(pipeline_steps, "chronology", fragile)
    path = write_corpus(tmp_path, n=3, extra_lines=("{broken",))
    p = process(path, out=tmp_path / "out")
    rows = p.problems.set_index("step")[["doc_id", "lost"]]
    assert rows.loc["events"].tolist() == ["d001", False]  # in docs, not in events
    assert bool(rows.loc["read", "lost"]) is True


def test_one_document_carries_its_notes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feb30.md").write_text("---\ntitle: T\ndate: 2020-02-30\n---\nBody text here.\n")
    p = process(folder, out=tmp_path / "out")
    one = PO.document_corpus(p, "feb30")
    memory = read_all(folder)
    pd.testing.assert_frame_equal(one.problems, memory.problems, check_dtype=False)
    assert one.problems["reason"].tolist() == ["impossible date '2020-02-30'; date left empty"]
    assert one.problems["lost"].dtype == bool


def test_notebook_01_shows_problems_and_notes_of_a_processed_corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_corpus(folder, n=4, extra_lines=("{broken",))
    (folder / "feb30.md").write_text("---\ntitle: T\ndate: 2020-02-30\n---\nBody text here.\n")
    os.symlink(folder / "gone.txt", folder / "link.txt")
    p = process(folder, out=tmp_path / "out")
    out = tmp_path / "report"
    run_notebook("01-corpus", out, corpus=str(folder), processed=str(p.folder), group_by="group")
    text = (out / "01-corpus.ipynb").read_text()
    assert "5 documents loaded, 2 inputs not loaded, 1 notes" in text
    assert "date left empty" in text and "link.txt" in text


def test_temporary_files_of_killed_writes_are_removed_by_the_next_run(tmp_path):
    path = write_corpus(tmp_path, n=6)
    p = process(path, out=tmp_path / "out", partition_bytes=400)
    script = (
        "import os, sys; from pathlib import Path; "
        "from helpers.pipeline_markers import replace_atomically; "
        "replace_atomically(Path(sys.argv[1]), "
        "lambda tmp: (tmp.write_bytes(b'PAR1 half'), os._exit(9)))"
    )
    target = p.folder / "docs" / "part-00001.parquet"
    env = {**os.environ, "PYTHONPATH": str(Path(pipeline.__file__).parents[1])}
    done = subprocess.run([sys.executable, "-c", script, str(target)], env=env, check=False)
    assert done.returncode == 9  # killed in the middle of its write
    left = sorted(p.folder.glob("docs/.part-00001.parquet.tmp-*"))
    assert len(left) == 1 and left[0].read_bytes() == b"PAR1 half"
    killed = left[0]
    marker = p.folder / "_done" / f".part-00000.json.tmp-{_dead_pid()}"
    marker.write_text("{")
    live = p.folder / "quotes" / f".part-00000.parquet.tmp-{os.getpid()}"  # being written
    live.write_bytes(b"PAR1")
    old = p.folder / f".manifest.json.tmp-{os.getpid()}"  # a reused process id, long ago
    old.write_text("{}")
    hour_ago = time.time() - 7200
    os.utime(old, (hour_ago, hour_ago))
    assert stale_temporaries(p.folder) == sorted([killed, marker, old])
    rerun = process(path, out=tmp_path / "out", partition_bytes=400)
    assert not killed.exists() and not marker.exists() and not old.exists() and live.exists()
    assert rerun.manifest["computed_partitions"] == [] and verify_run(rerun.folder) == []


def _dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_runs_lexicon_folder_gives_the_families_of_the_aggregates(tmp_path):
    path = write_corpus(tmp_path, n=8)
    lexicons = tmp_path / "lexicons"
    shutil.copytree(LEXICONS, lexicons)
    with (lexicons / "markers.csv").open("a", encoding="utf-8") as fh:
        fh.write("ceasefire,test family,added by a test\n")
    p = process(path, out=tmp_path / "out", partition_bytes=400, lexicons=lexicons)
    assert p.lexicons == lexicons.resolve() and p.manifest["lexicons"] == str(lexicons.resolve())
    docs = read_all(path).docs
    specs = [lexicons / "markers.csv", lexicons / "frames.csv"]
    hits = lexicon_table(docs, specs)
    for by in ("doc_id", "group"):
        got = PF.textstat_framing(p, by)
        pd.testing.assert_frame_equal(got, textstat_framing(docs, hits, by, specs))
        assert got.loc[got["family"] == "test family", "hits"].sum() == 2
    default = process(path, out=tmp_path / "out", partition_bytes=400)
    assert default.lexicons is None and "test family" not in set(
        PF.textstat_framing(default)["family"]
    )
