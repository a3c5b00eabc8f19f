"""``make report``: parameters from a study's YAML, rendering, the index page, one run."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import papermill
import pytest

from helpers import build_reports as B
from helpers.paths import ROOT
from helpers.preflight import InputProblem
from helpers.report import read_caption, save_chart, write_index
from helpers.report_params import notebook_parameters, params_for, read_params, unknown_params

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_every_notebook_reading_the_corpus_takes_columns() -> None:
    for nb in NOTEBOOKS:
        params = notebook_parameters(nb)
        assert params["columns"] == {}, nb.name
        assert {"corpus", "group_by", "reports", "processed"} <= set(params), nb.name


def test_read_params(tmp_path: Path) -> None:
    study = tmp_path / "study.yaml"
    study.write_text("terms: [tariffs, so-called]\ncolumns: {text: body}\n", encoding="utf-8")
    assert read_params(study) == {"terms": ["tariffs", "so-called"], "columns": {"text": "body"}}
    study.write_text("- terms\n", encoding="utf-8")
    with pytest.raises(InputProblem, match="expected one mapping"):
        read_params(study)
    study.write_text("terms: [a\n", encoding="utf-8")
    with pytest.raises(InputProblem, match="not valid YAML"):
        read_params(study)
    with pytest.raises(InputProblem, match="cannot read it"):
        read_params(tmp_path / "nope.yaml")


def test_params_reach_the_notebooks_that_declare_them() -> None:
    declared = {nb.stem: notebook_parameters(nb) for nb in NOTEBOOKS}
    given = {"terms": "tariffs", "target": "USA", "term": ["x"]}
    assert params_for(given, declared["03-term-frequency"]) == {
        "terms": ["tariffs"],
        "target": "USA",
    }
    assert params_for(given, declared["01-corpus"]) == {}
    warning = unknown_params(given, declared)
    assert warning.startswith("unknown parameter(s) term (ignored)")
    assert "years_of_interest" in warning and "kwic_terms" in warning
    assert unknown_params({"terms": []}, declared) == ""


def test_gather_orders_file_then_p_then_named_options(tmp_path: Path) -> None:
    study = tmp_path / "study.yaml"
    study.write_text("group_by: iso3\ntop_n: 5\nterms: [a]\n", encoding="utf-8")
    args = B.parser().parse_args(
        ["--params", str(study), "-p", "top_n", "7", "--terms", "x, y", "--group-by", "section"]
        + ["nb.ipynb"]
    )
    assert B.gather(args) == {"group_by": "section", "top_n": 7, "terms": ["x", "y"]}


def test_save_chart_stores_a_caption_and_the_index_shows_it(tmp_path: Path) -> None:
    fig, ax = plt.subplots()
    ax.bar(["a"], [1])
    ax.set_title("Scare <quotes> & “terms”")
    save_chart(fig, pd.DataFrame({"x": ["a"], "y": [1]}), "02-scare-terms", reports=tmp_path)
    fig2, _ = plt.subplots()
    save_chart(fig2, pd.DataFrame(), "03-quoted-use", reports=tmp_path, caption="Given")
    plt.close("all")
    caption = json.loads((tmp_path / "figures" / "02-scare-terms.json").read_text())["caption"]
    assert caption == "Scare <quotes> & “terms”"
    assert read_caption(tmp_path / "figures" / "03-quoted-use.png") == "Given"
    assert read_caption(tmp_path / "figures" / "04-event-timeline.png") == "Event timeline"
    page = write_index(
        tmp_path,
        [("02-framing", ""), ("03-term-frequency", "failed: KeyError: 'x'"), ("04-c", "not run")],
        {"terms": ["<b>"]},
    ).read_text()
    assert "Scare &lt;quotes&gt; &amp; “terms”" in page and "<quotes>" not in page
    assert '<img src="figures/02-scare-terms.png"' in page
    assert 'href="figures/02-scare-terms.csv"' in page
    assert "failed: KeyError: &#x27;x&#x27;" in page and "&lt;b&gt;" in page
    assert '<a href="04-c.html">' not in page  # a notebook not run has no report


def test_html_leaves_out_code_unless_asked(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("secret_code_line = 1\nprint('visible output')")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="visible output\n")]
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), cell]
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    html = B.render_html(path, keep_code=False).read_text()
    assert "visible output" in html and "Title" in html and "secret_code_line" not in html
    assert "secret_code_line" in B.render_html(path, keep_code=True).read_text()


def test_failure_is_described_once_with_its_cell() -> None:
    err = papermill.PapermillExecutionError(
        cell_index=4,
        exec_count=3,
        source="x = docs['n_docs']",
        ename="KeyError",
        evalue="'n_docs'",
        traceback=[
            "\x1b[0;31mKeyError\x1b[0m",
            "Cell In[3], line 1",
            f"File {ROOT}/src/helpers/terms_kwic.py:9, in f()",
        ],
    )
    text = B.describe_failure("02-framing", err, 1.25)
    assert text.startswith("report: 02-framing FAILED after 1.2 s in this cell:")
    assert "    x = docs['n_docs']" in text
    assert "KeyError: 'n_docs' (File src/helpers/terms_kwic.py:9, in f())" in text


def test_kernel_gets_no_interrupt_when_it_is_shut_down(monkeypatch) -> None:
    """No "KeyboardInterrupt caught in kernel" at the end of each notebook: the interrupt
    jupyter_client sends before a shutdown is dropped, any other interrupt goes through."""
    km = B.QuietKernelManager()
    sent: list[int] = []

    async def record(signum: int) -> None:
        sent.append(signum)

    monkeypatch.setattr(km, "_async_signal_kernel", record)
    km.shutting_down = True
    asyncio.run(km._async_interrupt_kernel())
    assert sent == []
    km.shutting_down = False
    with pytest.raises(RuntimeError, match="No kernel is running"):
        asyncio.run(km._async_interrupt_kernel())


def test_paths_relative_to_a_stored_copy(tmp_path: Path) -> None:
    folder = Path("tests/notebooks")
    assert B.relative_to("corpus", "../shared/c.jsonl", folder) == "../../../shared/c.jsonl"
    assert B.relative_to("processed", "corpus-key-123", folder) == "corpus-key-123"


def test_outputs_show_paths_relative_to_the_project(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    warning = f"{ROOT}/src/helpers/framing_plot.py:79: UserWarning: x\n"
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text=warning),
        nbformat.v4.new_output("stream", name="stderr", text="/tmp/ipykernel_12/345.py:3: W\n"),
        nbformat.v4.new_output(
            "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}
        ),
    ]
    injected = nbformat.v4.new_code_cell("corpus = 'x'")
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells = [cell, injected]
    nb.metadata["papermill"] = {"input_path": str(ROOT / "notebooks" / "x.ipynb")}
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    B.tidy_executed(path, stored=True)
    text = path.read_text()
    assert str(ROOT) not in text and "papermill" not in text and "iVBOR" not in text
    tidied = nbformat.read(path, as_version=4)
    assert tidied.cells[1].id == "injected-parameters" and tidied.cells[0].id == cell.id
    outputs = tidied.cells[0].outputs
    assert outputs[0].text == "src/helpers/framing_plot.py:79: UserWarning: x\n"
    assert outputs[1].text == "<cell>:3: W\n" and outputs[2].data == {"text/plain": "<Figure>"}


TINY = """\
corpus = "../data/raw"
reports = "../reports"
group_by = "outlet"
columns = {}
"""
BODY = """\
from helpers.corpus import read_corpus
from helpers.report import save_chart
import matplotlib.pyplot as plt
c = read_corpus(corpus, columns=columns, progress=False)
fig, ax = plt.subplots(); ax.set_title("Documents per outlet")
ax.bar(c.docs[group_by], [1] * len(c.docs))
save_chart(fig, c.docs[[group_by]], "01-tiny", reports=reports)
c.docs[["doc_id", "source"]]
"""


def test_one_report_end_to_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """A small notebook through the whole of ``make report``: the timing line, the HTML
    without code or absolute paths, the index with the chart's caption."""
    monkeypatch.setenv("HELPERS_PROCESSED", str(tmp_path / "processed"))
    monkeypatch.chdir(ROOT)
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(TINY)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(BODY)]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = tmp_path / "nbs" / "01-tiny.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    reports = tmp_path / "out"
    status = B.main(["--reports", str(reports), "-p", "terms", "[x]", str(path)])
    out = capsys.readouterr()
    assert status == 0, out.err
    assert "report: CORPUS=data/raw: 1 document from 1 file (1 .txt) (" in out.out
    assert "report: 01-tiny" in out.out and " s\n" in out.out
    assert "unknown parameter(s) terms" in out.err
    html = (reports / "01-tiny.html").read_text()
    assert "data/raw/000_b9ae1a64affd447b.txt" in html
    assert str(ROOT) not in html and "read_corpus(" not in html
    executed = (reports / "01-tiny.ipynb").read_text()
    assert str(ROOT) not in executed and "papermill" not in json.loads(executed)["metadata"]
    index = (reports / "index.html").read_text()
    assert "Documents per outlet" in index and 'href="01-tiny.html"' in index
