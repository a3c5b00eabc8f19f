"""PDF and DOCX input (helpers.readers_documents, helpers.corpus_pages).

The PDFs are written here with fpdf2 (a Unicode TrueType font shipped with matplotlib, so
quotation marks “ ” are real characters), the DOCX files with python-docx.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path

import matplotlib
import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from PIL import Image

from helpers.corpus import read_corpus
from helpers.corpus_pages import page_of, pages_table
from helpers.readers import Problem, Record, read_file
from helpers.readers_documents import (
    Line,
    find_running_lines,
    join_pages,
    pdf_paragraphs,
    runs_on,
)

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
SYMBOL = "A/74/830–S/2020/321"


def load(path, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_corpus(path, cache=False, **options)


def new_pdf(*, title: str | None = None, author: str | None = None) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=11)
    pdf.set_margins(25, 20, 25)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_creation_date(dt.datetime(2020, 5, 12, 10, 30, tzinfo=dt.UTC))
    return pdf


def write_page(
    pdf: FPDF,
    paragraphs: list[str],
    *,
    header: tuple[str, str] = ("", ""),
    footer: tuple[str, str] = ("", ""),
) -> None:
    """One page: header (left, right) at the top, paragraphs, footer (left, right) at the
    bottom. A "\\n" in a paragraph is a hard line break."""
    pdf.add_page()
    pdf.set_font("dejavu", size=9)
    pdf.set_xy(25, 10)
    pdf.cell(80, 6, header[0])
    pdf.cell(80, 6, header[1], align="R")
    pdf.set_xy(25, 280)
    pdf.cell(80, 6, footer[0])
    pdf.cell(80, 6, footer[1], align="R")
    pdf.set_font("dejavu", size=11)
    pdf.set_xy(25, 25)
    for text in paragraphs:
        pdf.multi_cell(160, 6, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)


def un_letter(path: Path) -> Path:
    """A UN-letter-like three-page PDF: symbol header and page/job-number footers."""
    pdf = new_pdf(title="Letter dated 15 April 2020", author="Permanent Mission of Azerbaijan")
    write_page(
        pdf,
        [
            "Letter dated 15 April 2020 from the Permanent Representative of Azerbaijan "
            "to the United Nations addressed to the Secretary-General",
            "I have the honour to transmit herewith the statement of the Ministry on the "
            "so-called “elections” held on 31 March 2020 in the occupied territories.",
        ],
        header=("United Nations", SYMBOL),
        footer=("20-06123 (E) 250520", ""),
    )
    write_page(
        pdf,
        [
            "The statement stresses that the so-called “elections” have no legal effect "
            "and recalls the relevant resolutions of the Security",
        ],
        header=("A/74/830", "S/2020/321"),
        footer=("2/3", "20-06123"),
    )
    write_page(
        pdf,
        [
            "Council adopted in 1993. The outcome of this illegal exercise reflects deter-\n"
            "mination to consolidate the occupation.",
            "(Signed) Yashar Aliyev",
            "Ambassador, Permanent Representative",
        ],
        header=("A/74/830", "S/2020/321"),
        footer=("20-06123", "3/3"),
    )
    pdf.output(str(path))
    return path


def record_of(path: Path, rel_id: str = "doc") -> Record | Problem:
    items = list(read_file(path, rel_id))
    assert len(items) == 1
    return items[0]


# --- PDF ---------------------------------------------------------------------------------


def test_un_letter_pdf_text_metadata_and_running_lines(tmp_path):
    c = load(un_letter(tmp_path / "letter.pdf"))
    assert c.problems.empty
    doc = c.docs.iloc[0]
    assert (doc.title, doc.author) == (
        "Letter dated 15 April 2020",
        "Permanent Mission of Azerbaijan",
    )
    assert str(doc.date.date()) == "2020-05-12" and doc.date_precision == "day"
    assert doc.n_pages == 3
    text = doc.text
    assert text.count("“elections”") == 2  # quotation marks survive extraction exactly
    assert "reflects determination to consolidate" in text  # hyphenated line end joined
    # the sentence running from page 2 to page 3 is one paragraph
    assert "resolutions of the Security Council adopted in 1993." in text
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith("United Nations")  # page 1's own header: not repeated
    assert paragraphs[1] == (
        "Letter dated 15 April 2020 from the Permanent Representative of Azerbaijan to the "
        "United Nations addressed to the Secretary-General"
    )
    assert paragraphs[-2:] == ["(Signed) Yashar Aliyev", "Ambassador, Permanent Representative"]
    for gone in ("A/74/830 S/2020/321", "2/3", "3/3", "20-06123 3/3"):
        assert gone not in text
    assert "20-06123 (E) 250520" in text  # a footer line that appears once is kept
    running = json.loads(doc.running_lines)
    assert running == [
        {"line": "A/74/830 S/2020/321", "where": "top", "pages": [2, 3]},
        {"line": "2/3 20-06123", "where": "bottom", "pages": [2, 3]},
    ]
    assert doc.processing.startswith("running headers/footers removed ×4")


def test_pdf_offsets_map_to_pages_and_to_the_raw_text(tmp_path):
    c = load(un_letter(tmp_path / "letter.pdf"))
    doc = c.docs.iloc[0]
    raw = c.raw_text("letter")
    starts = json.loads(doc.pages)
    assert len(starts) == 3 and starts[0] == 0
    assert raw[starts[1] - 4 : starts[1]] == "20\n\n"  # page 1 ends in its unique footer
    assert raw[starts[2] - 2 : starts[2]] == "y\n"  # page 2 runs on to page 3
    for phrase, page in [
        ("so-called “elections” held", 1),
        ("the relevant resolutions", 2),
        ("Council adopted in 1993", 3),
    ]:
        start = doc.text.index(phrase)
        end = start + len(phrase)
        assert raw[c.to_raw("letter", start) : c.to_raw("letter", end, end=True)] == phrase
        assert page_of(c, "letter", start) == page
        assert page_of(c, "letter", end, end=True) == page
    across = doc.text.index("Security Council adopted")
    assert list(page_of(c, "letter", [across, across + len("Security ")])) == [2, 3]
    table = pages_table(c)
    assert list(table.columns) == ["doc_id", "page", "start", "end"]
    assert table.page.tolist() == [1, 2, 3] and table.start.iloc[0] == 0
    assert table.end.iloc[-1] == len(doc.text)
    assert (table.start.iloc[1:].to_numpy() == table.end.iloc[:-1].to_numpy()).all()
    page2 = doc.text[table.start.iloc[1] : table.end.iloc[1]]
    assert page2.startswith("The statement stresses") and page2.endswith("of the Security ")
    with pytest.raises(KeyError):
        page_of(c, "missing", 0)


def test_pdf_extraction_is_deterministic(tmp_path):
    path = un_letter(tmp_path / "letter.pdf")
    first, second = record_of(path), record_of(path)
    assert first.raw == second.raw and first.meta == second.meta


def test_running_lines_need_repetition_on_most_pages():
    def page(top, body, bottom):
        lines = [Line(top, 70, 200, 800, 810)] if top else []
        lines += [Line(t, 70, 520, 700 - 15 * i, 710 - 15 * i) for i, t in enumerate(body)]
        return lines + ([Line(bottom, 70, 120, 30, 40)] if bottom else [])

    def body(n):
        words = ["one", "two", "three", "four"][n - 1]
        return [f"The Assembly, recalling resolution {words},", f"decides {words}", f"{words}."]

    pages = [
        page("Distr.: General 12 May 2020", body(1), "Page 1 of 4"),
        page("A/75/123", body(2), "Page 2 of 4"),
        page("A/75/123", body(3), "- 3 -"),
        page("A/75/124", body(4), "Page 4 of 4"),
    ]
    removed, running = find_running_lines(pages)
    assert running == [
        {"line": "Page 1 of 4", "where": "bottom", "pages": [1, 2, 4]},
        {"line": "A/75/123", "where": "top", "pages": [2, 3, 4]},
    ]
    assert removed == {(0, 4), (1, 0), (1, 4), (2, 0), (3, 0), (3, 4)}
    assert (0, 0) not in removed  # "Distr.: General 12 May 2020" appears once
    assert (2, 4) not in removed  # "- 3 -" appears once
    # on two pages of five with text: not most pages; on two of two pages without text: enough
    few = [page("Header" if k < 2 else "", body(1 + k % 4), "") for k in range(5)]
    assert find_running_lines(few) == (set(), [])
    two = [page("Header", [], ""), page("Header", [], ""), [], []]
    assert find_running_lines(two)[1] == [{"line": "Header", "where": "top", "pages": [1, 2]}]
    long = "A very long running title line that has far more than twelve words in it, surely"
    assert find_running_lines([page(long, [], ""), page(long, [], "")])[1] == []
    single = [page("A/75/123", body(1), "1/1")]
    assert find_running_lines(single) == (set(), [])


def test_pdf_lines_become_paragraphs_and_pages_join():
    step = 14.0
    lines = [
        Line("1. The Council decided to", 70, 520, 700, 710),
        Line("extend the mandate.", 70, 200, 686, 696),  # short, ends a sentence
        Line("It requests the Secretary-", 70, 520, 672, 682),
        Line("General to report.", 90, 200, 658, 668),  # indented but no sentence end before
        Line("After a gap, a new paragraph", 70, 520, 630, 640),
    ]
    paragraphs = pdf_paragraphs(lines, step)
    assert paragraphs == [
        ["1. The Council decided to", "extend the mandate."],
        ["It requests the Secretary-", "General to report."],
        ["After a gap, a new paragraph"],
    ]
    assert runs_on(lines, step) and not runs_on(lines[:2], step) and not runs_on([], step)
    footer = Line("20-06123 (E)", 70, 200, 30, 40)  # alone in the bottom margin
    assert not runs_on([*lines, footer], step)
    raw, starts = join_pages(
        [paragraphs, [["runs on."]], [], [["Last page."]]], [True, False, False, False]
    )
    assert raw[starts[1] - 2 : starts[1]] == "h\n"  # page 1 ends without a sentence end
    assert raw[starts[1] : starts[2]] == "runs on.\n\n"
    assert raw[starts[2] : starts[3]] == "\n\n"  # an empty page
    assert raw[starts[3] :] == "Last page."


def test_pdf_without_text_layer_is_a_problem(tmp_path):
    blank = new_pdf()
    blank.add_page()
    blank.output(str(tmp_path / "blank.pdf"))
    scan = new_pdf()
    for _ in range(2):
        scan.add_page()
        scan.image(Image.new("L", (60, 80), 200), x=20, y=20, w=170)
    scan.output(str(tmp_path / "scan.pdf"))
    c = load(tmp_path)
    assert c.docs.empty
    reasons = dict(
        zip(c.problems.source.map(lambda s: Path(s).name), c.problems.reason, strict=True)
    )
    assert reasons == {
        "blank.pdf": "no text layer: scanned? (1 page, no extractable text)",
        "scan.pdf": "no text layer: scanned? (2 pages, no extractable text)",
    }


def test_pdf_with_a_page_without_text_keeps_its_page(tmp_path):
    pdf = new_pdf()
    write_page(pdf, ["First page text."])
    pdf.add_page()
    pdf.image(Image.new("L", (60, 80), 200), x=20, y=20, w=170)
    write_page(pdf, ["Third page text."])
    pdf.output(str(tmp_path / "mixed.pdf"))
    c = load(tmp_path / "mixed.pdf")
    doc = c.docs.iloc[0]
    assert doc.text == "First page text.\n\nThird page text."
    assert "pages without text ×1 (2)" in doc.processing
    assert pages_table(c).assign(n=lambda t: t.end - t.start).n.tolist()[1] == 0
    assert page_of(c, "mixed", doc.text.index("Third")) == 3


def test_encrypted_pdfs(tmp_path):
    for name, user in (("locked.pdf", "secret"), ("owner-only.pdf", None)):
        pdf = new_pdf()
        write_page(pdf, ["Confidential “text” of the letter."])
        pdf.set_encryption(
            owner_password="owner", user_password=user, encryption_method=EncryptionMethod.AES_128
        )
        pdf.output(str(tmp_path / name))
    c = load(tmp_path)
    assert c.docs.text.tolist() == ["Confidential “text” of the letter."]
    assert c.problems.reason.tolist() == ["encrypted PDF: a password is needed to open it"]
    assert c.problems.source.iloc[0].endswith("locked.pdf")


def test_corrupt_files_are_problems_naming_the_file(tmp_path):
    un_letter(tmp_path / "good.pdf")
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    (tmp_path / "text.pdf").write_text("this is not a PDF", encoding="utf-8")
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "noise.docx").write_bytes(b"\x01\x02 not a zip file at all")
    (tmp_path / "legacy.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    (tmp_path / "half.docx").write_bytes(docx_bytes(tmp_path)[:300])
    c = load(tmp_path)
    reasons = dict(
        zip(c.problems.source.map(lambda s: Path(s).name), c.problems.reason, strict=True)
    )
    assert c.docs.doc_id.tolist() == ["good"]
    assert reasons["garbage.pdf"].startswith("corrupt PDF file: ")
    assert reasons["text.pdf"] == "not a PDF file (no %PDF- header)"
    assert reasons["empty.pdf"] == "empty file"
    assert reasons["noise.docx"] == "corrupt DOCX file (not a ZIP package)"
    assert reasons["legacy.docx"] == (
        "corrupt DOCX file (an OLE file: a password-protected DOCX or a .doc file)"
    )
    assert reasons["half.docx"].startswith("corrupt DOCX file: ")
    assert len(reasons) == 6


# --- DOCX --------------------------------------------------------------------------------


def docx_bytes(tmp_path: Path, *, empty: bool = False) -> bytes:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title, props.author = "Identical letters", "Permanent Mission"
    props.created = dt.datetime(2020, 4, 15, 9, 0)
    section = document.sections[0]
    section.header.paragraphs[0].text = "A/74/830–S/2020/321"
    section.footer.paragraphs[0].text = "20-06123"
    if not empty:
        document.add_heading("Annex", level=1)
        document.add_paragraph("The so-called “elections” were held on 31 March 2020.")
        line = document.add_paragraph("A paragraph with a soft")
        line.add_run().add_break()
        line.add_run("line break and a deter-")
        line.add_run().add_break()
        line.add_run("mination.")
        table = document.add_table(rows=2, cols=2)
        for r, row in enumerate((("Country", "Votes"), ("Azerbaijan", "“No”"))):
            for k, value in enumerate(row):
                table.cell(r, k).text = value
        table.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "nested"
        document.add_paragraph("")  # blank paragraphs are skipped
        document.add_paragraph("Last paragraph.")
    path = tmp_path / "letter-tmp.docx"
    document.save(str(path))
    data = path.read_bytes()
    path.unlink()
    return data


def test_docx_paragraphs_tables_and_properties(tmp_path):
    (tmp_path / "letter.docx").write_bytes(docx_bytes(tmp_path))
    c = load(tmp_path / "letter.docx")
    doc = c.docs.iloc[0]
    assert doc.text.split("\n\n") == [
        "Annex",
        "The so-called “elections” were held on 31 March 2020.",
        "A paragraph with a soft line break and a determination.",
        "Country | Votes",
        "Azerbaijan | “No” nested",
        "Last paragraph.",
    ]
    assert (doc.title, doc.author, doc.date_precision) == (
        "Identical letters",
        "Permanent Mission",
        "day",
    )
    assert str(doc.date.date()) == "2020-04-15"
    assert "A/74/830" not in doc.text and "20-06123" not in doc.text
    assert json.loads(doc.running_lines) == [
        {"line": "20-06123", "where": "footer", "pages": None},
        {"line": "A/74/830–S/2020/321", "where": "header", "pages": None},
    ]
    assert doc.processing.startswith(
        "section headers/footers left out ×2; table rows as paragraphs ×2"
    )
    raw = c.raw_text("letter")
    start = doc.text.index("“No”")
    assert raw[c.to_raw("letter", start) : c.to_raw("letter", start + 4, end=True)] == "“No”"
    assert pages_table(c).empty
    with pytest.raises(ValueError, match="has no pages"):
        page_of(c, "letter", 0)


def test_docx_without_text_is_a_problem(tmp_path):
    (tmp_path / "blank.docx").write_bytes(docx_bytes(tmp_path, empty=True))
    c = load(tmp_path)
    assert c.docs.empty
    assert c.problems.reason.tolist() == ["DOCX has no text: no paragraph or table cell with text"]


def test_mixed_folder_yields_every_file(tmp_path):
    (tmp_path / "letters").mkdir()
    un_letter(tmp_path / "letters" / "A-74-830.pdf")
    (tmp_path / "letters" / "annex.docx").write_bytes(docx_bytes(tmp_path))
    (tmp_path / "letters" / "broken.docx").write_bytes(b"PK\x03\x04broken")
    (tmp_path / "note.txt").write_text("A short “note” on the letter.", encoding="utf-8")
    blank = new_pdf()
    blank.add_page()
    blank.output(str(tmp_path / "scan.pdf"))
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    c = load(tmp_path)
    assert len(c.docs) + len(c.problems) == len(files) == 5
    assert c.docs.doc_id.tolist() == ["letters/A-74-830", "letters/annex", "note"]
    assert sorted(Path(s).name for s in c.problems.source) == ["broken.docx", "scan.pdf"]
    assert c.docs.n_pages.isna().tolist() == [False, True, True] and c.docs.n_pages[0] == 3
    table = pages_table(c)
    assert set(table.doc_id) == {"letters/A-74-830"}
