"""``make report`` stops on bad inputs with one paragraph, before any notebook runs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from helpers.paths import ROOT
from helpers.preflight import InputProblem, check_inputs, file_types, problem_summary

SEED = str(ROOT / "data" / "raw")


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPERS_PROCESSED", str(tmp_path / "processed"))


def stop(params: dict, explicit=None) -> str:
    with pytest.raises(InputProblem) as err:
        check_inputs(params, explicit=params.keys() if explicit is None else explicit)
    return str(err.value)


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    message = stop({"corpus": str(tmp_path / "empty")})
    assert "is an empty folder" in message and ".jsonl" in message


def test_folder_of_unsupported_files(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    for name in ("a.xlsx", "b.xlsx", "c.rtf"):
        (folder / name).write_bytes(b"PK\x03\x04")
    message = stop({"corpus": str(folder)})
    assert "3 files (2 .xlsx, 1 .rtf)" in message
    assert "2 × unsupported file type '.xlsx'" in message
    assert "1 × unsupported file type '.rtf'" in message
    assert "in one: .csv" in message and ".txt (each optionally .gz)" in message


SCAN = b"""%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj
trailer<</Root 1 0 R>>
%%EOF"""


def test_scanned_pdfs_are_named_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(SCAN)
    message = stop({"corpus": str(tmp_path / "scan.pdf")})
    assert "1 × no text layer" in message and "OCR" in message


def test_csv_without_text_column_suggests_columns(tmp_path: Path) -> None:
    csv = tmp_path / "speeches.csv"
    csv.write_text("speech_body,day\nHello there.,2020-01-01\n", encoding="utf-8")
    message = stop({"corpus": str(csv)})
    assert "1 × no text column" in message
    assert "found speech_body, day" in message
    assert "columns: {text: speech_body}" in message and "PARAMS=" in message
    # and with the mapping the same file is read
    summary = check_inputs({"corpus": str(csv), "columns": {"text": "speech_body"}})
    assert summary.endswith("1 document from 1 file (1 .csv)")


def test_missing_path_and_glob(tmp_path: Path) -> None:
    assert "no such file or folder" in stop({"corpus": str(tmp_path / "nope")})
    assert "no files match" in stop({"corpus": str(tmp_path / "*.jsonl")})


def test_group_by_that_is_not_a_column_lists_the_columns() -> None:
    message = stop({"corpus": SEED, "group_by": "country"})
    assert "GROUP_BY=country is not a column of the 1 document" in message
    assert "outlet (1 value)" in message


def test_default_group_by_is_not_checked_but_a_given_one_is() -> None:
    ok = check_inputs({"corpus": SEED, "group_by": "country"}, explicit=["corpus"])
    assert ok.endswith("1 document from 1 file (1 .txt)")
    given = check_inputs({"corpus": SEED, "group_by": "outlet"}, explicit=["group_by"])
    assert given.endswith("GROUP_BY=outlet: 1 group")


def test_group_values_and_doc_ids_given_must_exist() -> None:
    message = stop({"corpus": SEED, "group_by": "outlet", "target": "AZE"})
    assert "TARGET=AZE is not a value of GROUP_BY=outlet" in message and "Trend (1" in message
    assert "is not a document id" in stop({"corpus": SEED, "focus_doc": "nope"})
    # notebook defaults (not given) are not checked
    check_inputs({"corpus": SEED, "group_by": "outlet", "target": "AZE"}, explicit=["corpus"])


def test_columns_mapping_with_unknown_field() -> None:
    assert "unknown field(s) txt" in stop({"corpus": SEED, "columns": {"txt": "body"}})


def test_processed_run_that_does_not_exist() -> None:
    message = stop({"processed": "corpus-nothing-0000"})
    assert "no finished pipeline run" in message and "make process" in message


def test_summaries() -> None:
    assert file_types([Path("a.PDF"), Path("b.jsonl.gz"), Path("c")]) == (
        "3 files (1 .pdf, 1 .jsonl.gz, 1 no extension)"
    )
    problems = pd.DataFrame(
        {"source": ["x#line=2", "x#line=3"], "reason": ["duplicate of a (same text)"] * 2}
    )
    assert problem_summary(problems).startswith("2 × duplicate of an earlier document")


def make_report(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``make report ARGS`` of this checkout, run from ``cwd`` (never reinstalls)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        ["make", "-s", "-C", str(ROOT), "-o", ".venv/.installed", "report", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_report_stops_before_any_notebook(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    reports = tmp_path / "reports"
    for args, expected in (
        ([f"CORPUS={tmp_path / 'empty'}"], "is an empty folder"),
        (["GROUP_BY=country"], "GROUP_BY=country is not a column"),
    ):
        run = make_report(*args, f"REPORTS={reports}", cwd=tmp_path)
        assert run.returncode != 0
        assert "report: stopped before running any notebook." in run.stderr
        assert expected in run.stderr
        assert "Traceback" not in run.stderr
        assert not reports.exists()  # nothing was run or rendered


def _grouped_corpus(tmp_path: Path) -> str:
    """Groups by size: Zed 3 documents (longer texts), Abe 3, Mid 2, Low 1."""
    rows = [("Zed", "Many many words in this longer text here.")] * 3
    rows += [("Abe", "Short one.")] * 3 + [("Mid", "Two docs.")] * 2 + [("Low", "One.")]
    path = tmp_path / "grouped.jsonl"
    path.write_text(
        "".join(
            f'{{"doc_id": "d{i}", "side": "{g}", "text": "{t} Number {i}."}}\n'
            for i, (g, t) in enumerate(rows)
        ),
        encoding="utf-8",
    )
    return str(path)


def test_largest_groups_are_listed_in_the_notebooks_order(tmp_path: Path) -> None:
    corpus = _grouped_corpus(tmp_path)
    message = stop({"corpus": corpus, "group_by": "side", "target": "Nope"})
    # most documents, then more words, then name: as helpers.groups.group_sizes
    assert "Zed (3 documents), Abe (3 documents), Mid (2 documents), Low (1 document)" in message


def test_named_groups_must_exist(tmp_path: Path) -> None:
    corpus = _grouped_corpus(tmp_path)
    message = stop({"corpus": corpus, "group_by": "side", "groups": ["Abe", "Nope", "Gone"]})
    assert message.startswith(
        "groups = Abe, Nope, Gone: Nope, Gone are not values of GROUP_BY=side"
    )
    assert "the largest groups are Zed (3 documents)" in message
    one = stop({"corpus": corpus, "group_by": "side", "groups": "Nope"})
    assert "Nope is not a value of GROUP_BY=side" in one
    ok = check_inputs({"corpus": corpus, "group_by": "side", "groups": ["Abe", "Low"]},
                      explicit=["group_by", "groups"])  # fmt: skip
    assert ok.endswith("GROUP_BY=side: 4 groups")
    # not given (a notebook default): not checked
    check_inputs({"corpus": corpus, "group_by": "side", "groups": ["Nope"]}, explicit=["corpus"])
