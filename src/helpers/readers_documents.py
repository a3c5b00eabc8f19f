"""Read PDF and DOCX files: one raw document record per file (see :mod:`helpers.readers`).

PDF (pdfminer.six). Each page's text lines are laid out by pdfminer, lines on one baseline
joined, and paragraphs found from the layout: more space than the usual line spacing, an
indented line or a short line after a sentence end starts a paragraph. The raw text is the
pages in order, lines of a paragraph joined by a line break and paragraphs by a blank line;
a page follows the previous one after a line break when a sentence runs on to it (so
normalisation joins the two lines), else after a blank line. No form feed marks a page
(normalisation leaves control characters in ASCII text alone); the page starts are kept in
``pages``. Running headers and footers (document symbol, page number, job number, date) are
left out of the raw text: a short line among the top or bottom three lines of a page whose
text, compared with digits normalised and word order ignored, is there on at least two pages
and at least half of the pages with text (a line that appears once is kept). Extra
metadata: ``n_pages``, ``pages`` (JSON list of page start offsets in the raw text; page k
starts at ``pages[k - 1]``, see :mod:`helpers.corpus_pages`) and ``running_lines`` (JSON list
of ``{"line", "where", "pages"}``: the first occurrence, ``top``/``bottom``, page numbers).
Title, author and date (CreationDate, else ModDate, to the day) come from the document
information. A PDF without text on any page is an :class:`~helpers.decoding.InputError`
("no text layer: scanned?"), as are encrypted PDFs that need a password and corrupt files.

DOCX (python-docx). The body in order: each paragraph (text boxes after their paragraph)
and each table row (cells joined by `` | ``, nested tables flattened into their cell) is
one paragraph; paragraphs are separated by a blank line. Section headers and footers are
not part of the text; their lines are listed in ``running_lines`` (``where`` =
``header``/``footer``). Footnotes, comments and deleted revisions are not read. Title,
author and date (created, else modified) come from the core properties.

Extraction is deterministic, so :meth:`helpers.corpus.Corpus.raw_text` can re-read a file.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from helpers.decoding import InputError
from helpers.file_bytes import read_bytes
from helpers.records import Record

DOCUMENT_SUFFIXES = (".pdf", ".docx")
RUNNING_ZONE = 3  # lines at the top and at the bottom of a page that may be headers/footers
RUNNING_MAX_WORDS = 12  # a longer line is never a running header or footer
RUNNING_SHARE = 0.5  # ... repeated on at least this share of the pages with text (and twice)
MAX_CID_SHARE = 0.3  # more of the text in "(cid:N)" glyph codes than this: no usable text

_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_CID = re.compile(r"\(cid:\d+\)")
_DIGITS = re.compile(r"\d+")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


@dataclass(frozen=True)
class Line:
    """One line of a PDF page: its text and bounding box (PDF units, y grows upwards)."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)


def read_document(path: Path, rel_id: str) -> Iterator[Record]:
    """Yield the one record of a ``.pdf`` or ``.docx`` file (optionally ``.gz``).

    Raises:
        InputError: empty, corrupt or encrypted file, or a file without text.
    """
    name = path.name.lower().removesuffix(".gz")
    data = read_bytes(path)
    if not data.strip():
        raise InputError("empty file")
    if name.endswith(".pdf"):
        yield read_pdf(data, str(path), rel_id)
    else:
        yield read_docx(data, str(path), rel_id)


# --- PDF ---------------------------------------------------------------------------------


def read_pdf(data: bytes, source: str, doc_id: str) -> Record:
    """The record of one PDF file's bytes (see the module docstring for the layout)."""
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF file (no %PDF- header)")
    pages, info, unreadable = pdf_lines(data)
    n_text = sum(bool(lines) for lines in pages)
    if not n_text:
        raise InputError(
            f"no text layer: scanned? ({len(pages)} page{'s' * (len(pages) != 1)}, "
            "no extractable text)"
        )
    text = "".join(line.text for lines in pages for line in lines)
    cids = sum(len(m) for m in _CID.findall(text))
    if cids > MAX_CID_SHARE * len(text):
        raise InputError(
            "no usable text layer: its fonts have no Unicode map (text extracts as (cid:N) codes)"
        )
    removed, running = find_running_lines(pages)
    kept = [
        [line for i, line in enumerate(lines) if (k, i) not in removed]
        for k, lines in enumerate(pages)
    ]
    step = line_step(kept)
    raw, starts = join_pages(
        [pdf_paragraphs(lines, step) for lines in kept], [runs_on(lines, step) for lines in kept]
    )
    processing = []
    if removed:
        processing.append(f"running headers/footers removed ×{len(removed)}")
    empty = [k + 1 for k, lines in enumerate(pages) if not lines and k + 1 not in unreadable]
    if empty:
        processing.append(f"pages without text ×{len(empty)} ({_numbers(empty)})")
    if unreadable:
        processing.append(f"unreadable pages ×{len(unreadable)} ({_numbers(unreadable)})")
    day, date_field = _pdf_date(info)
    meta = {
        "title": info.get("Title"),
        "author": info.get("Author"),
        "date": day,
        "date_column": date_field,
        "processing": processing,
        "extra": {"n_pages": len(pages), "pages": starts, "running_lines": running},
    }
    return Record(source, doc_id, raw, 0, meta, None)


def _numbers(pages: list[int]) -> str:
    return ", ".join(map(str, pages[:10])) + (", …" if len(pages) > 10 else "")


def pdf_lines(data: bytes) -> tuple[list[list[Line]], dict[str, str], list[int]]:
    """The lines of each page in reading order, the document information and unreadable pages.

    Lines on one baseline that follow each other are joined. Raises :class:`InputError` for
    encrypted and corrupt files.
    """
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        page_objects = list(PDFPage.create_pages(document))
    except PDFPasswordIncorrect:
        raise InputError("encrypted PDF: a password is needed to open it") from None
    except PDFEncryptionError as err:
        raise InputError(f"encrypted PDF that cannot be decrypted: {_short(err)}") from None
    except Exception as err:  # noqa: BLE001 - pdfminer raises many types for broken files
        raise InputError(f"corrupt PDF file: {_short(err)}") from None
    if not page_objects:
        raise InputError("corrupt PDF file: no pages")
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(resources, device)
    pages: list[list[Line]] = []
    unreadable: list[int] = []
    for number, page in enumerate(page_objects, start=1):
        try:
            interpreter.process_page(page)
            pages.append(_joined(list(_layout_lines(device.get_result()))))
        except Exception:  # noqa: BLE001 - one broken page stream; the others are kept
            pages.append([])
            unreadable.append(number)
    return pages, _pdf_info(document), unreadable


def _short(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _layout_lines(item: Any) -> Iterator[Line]:
    """The non-blank text lines of a pdfminer layout item, in pdfminer's reading order."""
    from pdfminer.layout import LTTextLine

    if isinstance(item, LTTextLine):
        text = " ".join(item.get_text().split())
        if text:
            yield Line(text, item.x0, item.x1, item.y0, item.y1)
        return
    if hasattr(item, "__iter__"):
        for child in item:
            yield from _layout_lines(child)


def _joined(lines: list[Line]) -> list[Line]:
    """Consecutive lines on one baseline (a line pdfminer split at a wide gap) joined."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        overlap = min(line.y1, prev.y1) - max(line.y0, prev.y0) if prev else 0.0
        if prev and overlap >= 0.5 * min(line.height, prev.height) and line.x0 >= prev.x1 - 1:
            out[-1] = Line(
                f"{prev.text} {line.text}",
                prev.x0,
                line.x1,
                min(prev.y0, line.y0),
                max(prev.y1, line.y1),
            )
        else:
            out.append(line)
    return out


def _pdf_info(document: Any) -> dict[str, str]:
    """Text values of the PDF document information dictionary (Title, Author, dates …)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    info: dict[str, str] = {}
    for entry in document.info:
        for key, value in entry.items():
            value = resolve1(value)
            if isinstance(value, bytes):
                value = decode_text(value)
            elif isinstance(value, PSLiteral):
                value = str(value.name)
            if isinstance(value, str) and value.strip("\x00 \t\r\n"):
                info[str(key)] = value.strip("\x00 \t\r\n")
    return info


def _pdf_date(info: dict[str, str]) -> tuple[str | None, str | None]:
    """``YYYY[-MM[-DD]]`` from CreationDate (else ModDate) and the field it came from."""
    for field in ("CreationDate", "ModDate"):
        m = _PDF_DATE.match(info.get(field, ""))
        if not m:
            continue
        year, month, day = (int(g) if g else None for g in m.groups())
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            continue
        parts = [f"{year:04d}"] + [f"{v:02d}" for v in (month, day) if v]
        return "-".join(parts if month else parts[:1]), f"pdf {field}"
    return None, None


def _running_key(text: str) -> str:
    """A header/footer line compared across pages: case, digits and word order ignored."""
    return " ".join(sorted(_DIGITS.sub("0", text.casefold()).split()))


def find_running_lines(
    pages: list[list[Line]],
) -> tuple[set[tuple[int, int]], list[dict[str, Any]]]:
    """Running headers and footers of a document's pages.

    Args:
        pages: the lines of each page (as :func:`pdf_lines` gives them).

    Returns:
        The ``(page index, line index)`` of every header or footer line, and one record per
        distinct line: ``line`` (its first occurrence), ``where`` (``top``/``bottom``) and
        ``pages`` (page numbers, from 1).
    """
    found: dict[str, list[tuple[int, int, str]]] = {}
    for k, lines in enumerate(pages):
        by_height = sorted(range(len(lines)), key=lambda i: (-lines[i].y1, i))
        zone = {i: "top" for i in by_height[:RUNNING_ZONE]}
        zone |= {i: "bottom" for i in by_height[-RUNNING_ZONE:] if i not in zone}
        seen: set[str] = set()
        for i in sorted(zone):
            if len(lines[i].text.split()) > RUNNING_MAX_WORDS:
                continue
            key = _running_key(lines[i].text)
            if key not in seen:
                seen.add(key)
                found.setdefault(key, []).append((k, i, zone[i]))
    n_text = sum(bool(lines) for lines in pages)
    removed: set[tuple[int, int]] = set()
    records = []
    for hits in found.values():
        if len(hits) < max(2, RUNNING_SHARE * n_text):
            continue
        removed |= {(k, i) for k, i, _ in hits}
        k, i, where = hits[0]
        records.append(
            {"line": pages[k][i].text, "where": where, "pages": [h[0] + 1 for h in hits]}
        )
    records.sort(key=lambda r: (r["pages"][0], r["where"] != "top", r["line"]))
    return removed, records


def line_step(pages: list[list[Line]]) -> float:
    """The usual distance between the baselines of consecutive lines in a document."""
    steps = [
        prev.y0 - cur.y0
        for lines in pages
        for prev, cur in zip(lines, lines[1:], strict=False)
        if 0.5 * cur.height < prev.y0 - cur.y0 < 3 * cur.height
    ]
    if steps:
        return float(np.median(steps))
    heights = [line.height for lines in pages for line in lines]
    return 1.2 * float(np.median(heights)) if heights else 12.0


def pdf_paragraphs(lines: list[Line], step: float) -> list[list[str]]:
    """The lines of one page grouped into paragraphs (lists of line texts).

    A line starts a paragraph when it is not below the previous one (a new column or block),
    when the gap above it is larger than 1.4 × ``step``, or when the previous line ends a
    sentence and this line is indented or the previous line is short.
    """
    if not lines:
        return []
    left = float(np.percentile([line.x0 for line in lines], 10))
    right = float(np.percentile([line.x1 for line in lines], 90))
    paragraphs = [[lines[0].text]]
    for prev, cur in zip(lines, lines[1:], strict=False):
        height = min(prev.height, cur.height)
        below = cur.y1 <= prev.y0 + 0.5 * height
        ends = bool(_SENTENCE_END.search(prev.text))
        indented = cur.x0 > left + height
        short = prev.x1 < right - 0.15 * (right - left)
        if not below or prev.y0 - cur.y0 > 1.4 * step or (ends and (indented or short)):
            paragraphs.append([cur.text])
        else:
            paragraphs[-1].append(cur.text)
    return paragraphs


def runs_on(lines: list[Line], step: float) -> bool:
    """Whether the text of a page runs on to the next: its last line does not end a sentence
    and is not a line on its own in the bottom margin (a footer kept because it is unique)."""
    if not lines or _SENTENCE_END.search(lines[-1].text):
        return False
    return len(lines) == 1 or lines[-2].y0 - lines[-1].y0 <= 3 * step


def join_pages(pages: list[list[list[str]]], running_on: list[bool]) -> tuple[str, list[int]]:
    """The raw text of a document's paragraphs per page, and the offset where each page starts.

    Lines join with ``\\n``, paragraphs with ``\\n\\n``, pages with ``\\n`` when
    ``running_on`` says that the page before runs on (see :func:`runs_on`), else ``\\n\\n``.
    """
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for k, paragraphs in enumerate(pages):
        text = "\n\n".join("\n".join(lines) for lines in paragraphs)
        if k:
            sep = "\n" if running_on[k - 1] and text else "\n\n"
            parts.append(sep)
            pos += len(sep)
        starts.append(pos)
        parts.append(text)
        pos += len(text)
    return "".join(parts), starts


# --- DOCX --------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {  # subtrees whose text is not part of the paragraph
    _W + "del",
    _W + "moveFrom",
    _W + "instrText",
    _W + "txbxContent",  # text boxes: read as paragraphs of their own
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}
_CHARS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def read_docx(data: bytes, source: str, doc_id: str) -> Record:
    """The record of one DOCX file's bytes (see the module docstring for the layout)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    if data[:4] != b"PK\x03\x04":
        what = (
            "an OLE file: a password-protected DOCX or a .doc file"
            if data[:4] == b"\xd0\xcf\x11\xe0"
            else "not a ZIP package"
        )
        raise InputError(f"corrupt DOCX file ({what})")
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        props = document.core_properties
        title, author = props.title or None, props.author or None
        stamp, field = (props.created, "created") if props.created else (props.modified, "modified")
        parts = [
            (rel.reltype, rel.target_part)
            for rel in document.part.rels.values()
            if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external
        ]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise InputError(f"corrupt DOCX file: {_short(err)}") from None
    except Exception as err:  # noqa: BLE001 - python-docx and lxml raise many types
        raise InputError(f"corrupt DOCX file: {type(err).__name__}: {_short(err)}") from None
    blocks = list(docx_blocks(body))
    paragraphs = [text for text, _ in blocks]
    n_rows = sum(kind == "row" for _, kind in blocks)
    if not paragraphs:
        raise InputError("DOCX has no text: no paragraph or table cell with text")
    running = []
    for reltype, part in sorted(parts, key=lambda p: str(p[1].partname)):
        where = "header" if reltype == RT.HEADER else "footer"
        for text, _ in docx_blocks(part.element):
            line = " ".join(text.split())
            if line and not any(r["line"] == line and r["where"] == where for r in running):
                running.append({"line": line, "where": where, "pages": None})
    processing = []
    if running:
        processing.append(f"section headers/footers left out ×{len(running)}")
    if n_rows:
        processing.append(f"table rows as paragraphs ×{n_rows}")
    meta = {
        "title": title,
        "author": author,
        "date": stamp.date().isoformat() if stamp else None,
        "date_column": f"docx {field}" if stamp else None,
        "processing": processing,
        "extra": {"running_lines": running},
    }
    return Record(source, doc_id, "\n\n".join(paragraphs), 0, meta, None)


def docx_blocks(element: Any) -> Iterator[tuple[str, str]]:
    """``(text, kind)`` of each non-blank block in a WordprocessingML container, in order.

    ``kind`` is ``paragraph`` or ``row`` (a table row, cells joined by `` | ``). Content
    controls are read through; section properties and other elements are skipped.
    """
    for child in element:
        tag = child.tag
        if tag == _W + "p":
            text, boxes = _paragraph_text(child)
            if text.strip():
                yield text.strip(), "paragraph"
            for box in boxes:
                yield from docx_blocks(box)
        elif tag == _W + "tbl":
            for row in child.iter(_W + "tr"):
                if _owner_table(row) is not child:
                    continue
                cells = [_cell_text(cell) for cell in row if cell.tag == _W + "tc"]
                cells = [c for c in cells if c]
                if cells:
                    yield " | ".join(cells), "row"
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from docx_blocks(child)


def _owner_table(row: Any) -> Any:
    parent = row.getparent()
    while parent is not None and parent.tag != _W + "tbl":
        parent = parent.getparent()
    return parent


def _cell_text(cell: Any) -> str:
    """A table cell's paragraphs and nested tables as one line of text."""
    return " ".join(" ".join(text.split()) for text, _ in docx_blocks(cell))


def _paragraph_text(p: Any) -> tuple[str, list[Any]]:
    """The text of one ``w:p`` element (runs, hyperlinks, fields, inserted revisions) and its
    text boxes (``w:txbxContent``, read as blocks of their own)."""
    out: list[str] = []
    boxes: list[Any] = []
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            if tag == _W + "txbxContent":
                boxes.append(child)
            continue
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag in _CHARS:
            out.append(_CHARS[tag])
        elif tag == _W + "softHyphen":
            out.append("\u00ad")
        else:
            stack.append(iter(child))
    return "".join(out), boxes


__all__ = [
    "DOCUMENT_SUFFIXES",
    "Line",
    "read_document",
    "read_pdf",
    "read_docx",
    "pdf_lines",
    "find_running_lines",
    "pdf_paragraphs",
    "line_step",
    "runs_on",
    "join_pages",
    "docx_blocks",
]
