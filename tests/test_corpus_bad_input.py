"""Bad input never stops read_corpus: a generated folder of many kinds of damaged, odd or
hostile files; for each, documents + problems account for every record it holds."""

from __future__ import annotations

import gzip
import json
import os
import socket
import threading
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from helpers.corpus import read_corpus

# a problem whose source is a whole file of several records (not a line, row or record)
MULTI = r"\.(?:csv|tsv|jsonl|json|parquet)(?:\.gz)?$"
BODY = "The so-called “elections” were held on 31 March. “No doubt,” reads the letter."


@dataclass
class Case:
    """One kind of bad input: how many records it holds (by construction) and what reading
    it must give: documents, lost problem rows (``file_level`` of them stand for a whole
    file or the rest of it) and notes on kept documents."""

    records: int
    docs: int
    lost: int
    notes: int = 0
    file_level: int = 0
    check: Callable[[object], None] | None = None


def text(name: str, i: int = 0) -> str:
    return f"{BODY} Case {name}, record {i}."


def jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def csv_text(name: str, n: int, header: str = "id,text", extra: str = "") -> str:
    return header + "\n" + "".join(f'{name}-{i},"{text(name, i)}"{extra}\n' for i in range(n))


def truncated_gzip(before: bytes, after: bytes) -> bytes:
    """gzip data that holds ``before`` whole, then breaks off early in ``after``."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = deflate.compress(before) + deflate.flush(zlib.Z_FULL_FLUSH)
    return head + (deflate.compress(after) + deflate.flush())[:100]


def noise(n: int) -> str:
    return np.random.default_rng(n).bytes(n).hex()


def dates_are(*expected: str | None) -> Callable[[object], None]:
    def check(c) -> bool:
        got = [None if pd.isna(d) else str(d.date()) for d in c.docs.sort_values("source").date]
        return got == list(expected)

    return check


def build_cases(root: Path) -> dict[str, Case]:  # noqa: PLR0915 - one block per kind of input
    """Write one folder per kind of bad input under ``root``; return what each must give."""
    cases: dict[str, Case] = {}

    def case(name: str, case_: Case) -> Path:
        cases[name] = case_
        folder = root / name
        folder.mkdir(parents=True)
        return folder

    def put(name: str, file: str, data: str | bytes, case_: Case) -> None:
        path = case(name, case_) / file
        path.write_bytes(data.encode() if isinstance(data, str) else data)

    # --- files and the file system ---------------------------------------------------
    put("empty-file", "a.txt", "", Case(1, 0, 1))
    put("whitespace-only", "a.txt", " \n\t\n ", Case(1, 0, 1))
    put("binary-nul-bytes", "a.txt", b"\x00\x01\x02\xff" * 100, Case(1, 0, 1))
    put(
        "pdf-named-txt",
        "a.txt",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        Case(1, 0, 1),
    )
    put("png-image", "a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, Case(1, 0, 1))
    put("unknown-suffix", "a.xyz", text("xyz"), Case(1, 0, 1))
    put(
        "broken-utf8",
        "a.txt",
        text("utf8").encode() + b" \xff\xfe bad",
        Case(1, 0, 1),
    )
    put(
        "utf16le-without-bom",
        "a.txt",
        text("utf16le").encode("utf-16-le"),
        Case(1, 1, 0, check=lambda c: c.docs.encoding.tolist() == ["utf-16-le"]),
    )
    put(
        "utf16be-without-bom-csv",
        "a.csv",
        csv_text("utf16be", 2).encode("utf-16-be"),
        Case(2, 2, 0),
    )
    put(
        "utf16le-without-bom-jsonl",
        "a.jsonl",
        jsonl([{"text": text("utf16j", i)} for i in range(2)]).encode("utf-16-le"),
        Case(2, 2, 0),
    )
    folder = case("dangling-symlink", Case(1, 0, 1))
    os.symlink(folder / "missing.txt", folder / "a.txt")
    folder = case("self-symlink", Case(1, 0, 1))
    os.symlink(folder / "a.txt", folder / "a.txt")
    folder = case("fifo", Case(1, 0, 1))
    os.mkfifo(folder / "a.txt")
    folder = case("socket", Case(1, 0, 1))
    cwd = os.getcwd()
    os.chdir(folder)  # a socket path must be short
    try:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind("a.txt")
        sock.close()
    finally:
        os.chdir(cwd)
    folder = case("device-symlink", Case(1, 0, 1))
    os.symlink("/dev/zero", folder / "a.txt")  # reading it would never end
    folder = case("symlink-loop", Case(1, 1, 0, notes=1))
    (folder / "sub").mkdir()
    (folder / "sub" / "a.txt").write_text(text("loop"))
    os.symlink(folder, folder / "sub" / "back")
    folder = case("symlinked-folder", Case(2, 2, 0))
    outside = root.parent / "outside-folder"
    outside.mkdir()
    for i in range(2):
        (outside / f"o{i}.txt").write_text(text("linked", i))
    os.symlink(outside, folder / "linked")
    folder = case("duplicate-text", Case(2, 1, 1))
    (folder / "a.txt").write_text(text("dup"))
    (folder / "b.txt").write_text(text("dup"))
    put(
        "header-without-body",
        "a.txt",
        " date 2020-04-24 BAKU, Azerbaijan, April 24\n",
        Case(1, 0, 1),
    )

    # --- gzip --------------------------------------------------------------------------
    put(
        "corrupt-gzip",
        "a.txt.gz",
        gzip.compress(text("gz").encode())[:12] + b"garbage" * 9,
        Case(1, 0, 1),
    )
    before = jsonl([{"text": text("trunc-jsonl", i)} for i in range(6)]).encode()
    after = jsonl([{"text": text("trunc-jsonl", i) + noise(1000)} for i in range(6, 10)]).encode()
    put(
        "truncated-jsonl-gzip",
        "a.jsonl.gz",
        truncated_gzip(before, after),
        Case(
            10, 6, 1, file_level=1, check=lambda c: c.problems.source.str.endswith("#line=7").any()
        ),
    )
    before = csv_text("trunc-csv", 5).encode()
    after = "".join(f'x{i},"{noise(1000)}"\n' for i in range(3)).encode()
    put(
        "truncated-csv-gzip", "a.csv.gz", truncated_gzip(before, after), Case(8, 5, 1, file_level=1)
    )
    put(
        "truncated-txt-gzip",
        "a.txt.gz",
        truncated_gzip(text("trunc-txt").encode(), noise(3000).encode()),
        Case(1, 0, 1),
    )
    put("not-gzip-named-gz", "a.txt.gz", text("notgz"), Case(1, 0, 1))
    put("empty-gzip", "a.jsonl.gz", b"", Case(0, 0, 1, file_level=1))
    put(
        "gzip-trailing-garbage",
        "a.jsonl.gz",
        gzip.compress(jsonl([{"text": text("trail", i)} for i in range(3)]).encode()) + b"garbage!",
        Case(3, 3, 1, file_level=1),
    )
    put(
        "gzip-two-members",
        "a.jsonl.gz",
        gzip.compress(jsonl([{"text": text("members", 0)}]).encode())
        + gzip.compress(jsonl([{"text": text("members", i)} for i in (1, 2)]).encode()),
        Case(3, 3, 0),
    )

    # --- Markdown front matter and plain-text headers -----------------------------------
    def md(front: str, name: str) -> str:
        return f"---\n{front}\n---\n{text(name)}"

    put(
        "yaml-impossible-date",
        "a.md",
        md("title: X\ndate: 2020-02-30", "y1"),
        Case(1, 1, 0, 1, check=dates_are(None)),
    )
    put(
        "yaml-year-one",
        "a.md",
        md("date: 0001-01-01", "y2"),
        Case(1, 1, 0, check=dates_are("0001-01-01")),
    )
    put(
        "yaml-year-1650",
        "a.md",
        md("date: 1650-05-01", "y3"),
        Case(1, 1, 0, check=dates_are("1650-05-01")),
    )
    put("yaml-date-now", "a.md", md("date: now", "y4"), Case(1, 1, 0, 1, check=dates_are(None)))
    put("yaml-malformed", "a.md", md("title: [unclosed", "y5"), Case(1, 0, 1))
    put("yaml-not-a-mapping", "a.md", md("- a\n- b", "y6"), Case(1, 0, 1))
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{k}: &{k} [{','.join(['*' + p] * 9)}]\n"
        for p, k in zip("abcdefgh", "bcdefghi", strict=True)
    )
    put("yaml-alias-bomb", "a.md", md(bomb.strip(), "y7"), Case(1, 0, 1))
    put(
        "yaml-deep-nesting",
        "a.md",
        md("a: " + "[" * 5000 + "]" * 5000, "y8"),
        Case(1, 0, 1),
    )
    put(
        "header-impossible-date",
        "a.txt",
        " date 2020-13-45 BAKU, Azerbaijan, April 24\n\n" + text("h1"),
        Case(1, 1, 0, 1, check=dates_are(None)),
    )
    put(
        "header-year-1650",
        "a.txt",
        " date 1650-03-01 LONDON, England, March 1\n\n" + text("h2"),
        Case(1, 1, 0, check=dates_are("1650-03-01")),
    )
    put(
        "file-name-impossible-date",
        "2020-02-30-letter.txt",
        text("fn"),
        Case(1, 1, 0, 1, check=dates_are(None)),
    )

    # --- CSV ---------------------------------------------------------------------------
    put("csv-header-only", "a.csv", "id,text\n", Case(0, 0, 1, file_level=1))
    put(
        "csv-no-text-column",
        "a.csv",
        "title,date\nOne,2020-01-01\nTwo,2020-01-02\n",
        Case(2, 0, 1, file_level=1),
    )
    rows = csv_text("unterminated", 5).splitlines(keepends=True)
    rows[3] = 'unterminated-2,"a quote that never closes\n'
    put("csv-unterminated-quote", "a.csv", "".join(rows), Case(5, 4, 1))
    rows = csv_text("unterminated-plain", 5).splitlines(keepends=True)
    rows[2] = 'p-1,"never closed, and no quote follows\n'
    rows[3:] = [f"p-{i},{text('unterminated-plain', i).replace(',', '')}\n" for i in range(2, 5)]
    put("csv-unterminated-quote-then-plain", "a.csv", "".join(rows), Case(5, 4, 1))
    rows = csv_text("stray", 4).splitlines(keepends=True)
    rows[2] = 'stray-1,"quoted"then more\n'
    put("csv-stray-quote", "a.csv", "".join(rows), Case(4, 3, 1))
    put("csv-wrong-field-count", "a.csv", csv_text("fields", 3) + "x,y,z\n", Case(4, 3, 1))
    put(
        "csv-huge-field",
        "a.csv",
        f'id,text\nh,"{text("huge")} {"word " * 50_000}"\n',
        Case(1, 1, 0),
    )
    put("csv-empty-text-cell", "a.csv", csv_text("emptycell", 2) + "e,\n", Case(3, 2, 1))
    put("csv-nul-byte", "a.csv", csv_text("nul", 2) + "n,a\x00b\n", Case(3, 0, 1, file_level=1))
    put(
        "csv-repeated-header",
        "a.csv",
        "id,text,text\n" + "".join(f'r{i},"{text("rep", i)}",second {i}\n' for i in range(2)),
        Case(2, 2, 0, 1, check=lambda c: c.docs["text.1"].tolist() == ["second 0", "second 1"]),
    )
    put(
        "csv-unnamed-index-column",
        "a.csv",
        ",text\n" + "".join(f'{i},"{text("unnamed", i)}"\n' for i in range(2)),
        Case(2, 2, 0),
    )
    put(
        "csv-ambiguous-dates",
        "a.csv",
        "text,date\n" + "".join(f'"{text("amb", i)}",0{i + 1}/0{i + 2}/2020\n' for i in range(2)),
        Case(2, 2, 0, 1, check=dates_are("2020-01-02", "2020-02-03")),
    )
    put(
        "csv-day-first-evidence",
        "a.csv",
        f'text,date\n"{text("dmy", 0)}",01/02/2020\n"{text("dmy", 1)}",25/12/2020\n',
        Case(2, 2, 0, 1, check=dates_are("2020-02-01", "2020-12-25")),
    )
    bad = ["now", "today", "yesterday", "2020-02-30", "31/31/2020", "Q1 2020"]
    put(
        "csv-not-dates",
        "a.csv",
        "text,date\n" + "".join(f'"{text("nd", i)}",{d}\n' for i, d in enumerate(bad)),
        Case(6, 6, 0, 6, check=dates_are(*[None] * 6)),
    )
    old = ["1650-05-01", "0001-01-01", "9999-12-31", "12 May 1650"]
    put(
        "csv-dates-outside-1677-2262",
        "a.csv",
        "text,date\n" + "".join(f'"{text("old", i)}",{d}\n' for i, d in enumerate(old)),
        Case(4, 4, 0, check=lambda c: sorted(c.docs.date.dt.year) == [1, 1650, 1650, 9999]),
    )
    put(
        "tsv-wrong-field-count",
        "a.tsv",
        "id\ttext\nt1\t" + text("tsv") + "\nt2\ta\tb\n",
        Case(2, 1, 1),
    )

    # --- JSON Lines --------------------------------------------------------------------
    put(
        "jsonl-field-first-on-line-2",
        "a.jsonl",
        jsonl(
            [
                {"text": text("union", 0)},
                {"text": text("union", 1), "date": "2020-04-24", "author": "A. B."},
            ]
        ),
        Case(
            2,
            2,
            0,
            check=lambda c: (
                pd.isna(c.docs.author.iloc[0])
                and c.docs.author.iloc[1] == "A. B."
                and str(c.docs.date.iloc[1].date()) == "2020-04-24"
            ),
        ),
    )
    put(
        "jsonl-malformed-line",
        "a.jsonl",
        jsonl([{"text": text("mal", 0)}]) + "{not json\n" + jsonl([{"text": text("mal", 2)}]),
        Case(3, 2, 1),
    )
    put(
        "jsonl-not-objects",
        "a.jsonl",
        '[1, 2]\n"a string"\n42\nnull\n' + jsonl([{"text": text("nobj")}]),
        Case(5, 1, 4),
    )
    put(
        "jsonl-5000-digit-integer",
        "a.jsonl",
        '{"text": "'
        + text("bigint")
        + '", "n": '
        + "9" * 5000
        + "}\n"
        + jsonl([{"text": text("bigint", 1), "n": 1}]),
        Case(2, 2, 0, 1),
    )
    put(
        "jsonl-nested-100000-deep",
        "a.jsonl",
        jsonl([{"text": text("deep", 0)}])
        + '{"text": "x", "a": '
        + "[" * 100_000
        + "]" * 100_000
        + "}\n"
        + jsonl([{"text": text("deep", 2)}]),
        Case(3, 2, 1),
    )
    put(
        "jsonl-invalid-utf8-line",
        "a.jsonl",
        jsonl([{"text": text("u8", 0)}]).encode() + b'{"text": "bad \xff"}\n',
        Case(2, 1, 1),
    )
    put(
        "jsonl-lone-surrogate",
        "a.jsonl",
        '{"text": "' + text("sur") + ' \\ud800 end", "title": "t\\udfff"}\n',
        Case(1, 1, 0, 1, check=lambda c: "\ufffd" in c.docs.text.iloc[0]),
    )
    put(
        "jsonl-text-not-a-string",
        "a.jsonl",
        '{"text": 5}\n{"text": ["a"]}\n{"text": null}\n',
        Case(3, 0, 3),
    )
    put(
        "jsonl-no-text-field",
        "a.jsonl",
        '{"title": "no text"}\n' + jsonl([{"text": text("notext")}]),
        Case(2, 1, 1),
    )
    put("jsonl-empty", "a.jsonl", "", Case(0, 0, 1, file_level=1))
    put("jsonl-blank-lines-only", "a.jsonl", "\n\n  \n\n", Case(0, 0, 1, file_level=1))
    put(
        "jsonl-not-dates",
        "a.jsonl",
        jsonl(
            [
                {"text": text("jd", i), "date": d}
                for i, d in enumerate(["now", "2020-02-30", 1587700000, "0001-01-01", 1650, True])
            ]
        ),
        Case(6, 6, 0, 4, check=dates_are(None, None, None, "0001-01-01", "1650-01-01", None)),
    )
    put(
        "jsonl-bom-and-crlf",
        "a.jsonl",
        b"\xef\xbb\xbf"
        + jsonl([{"text": text("crlf", i)} for i in range(2)]).replace("\n", "\r\n").encode(),
        Case(2, 2, 0),
    )
    put(
        "jsonl-field-named-like-a-core-column",
        "a.jsonl",
        jsonl([{"text": text("coll"), "outlet": "Trend", "source": "wire", "encoding": "x"}]),
        Case(1, 1, 0, check=lambda c: c.docs.input_source.tolist() == ["wire"]),
    )
    put(
        "jsonl-integer-beyond-64-bits",
        "a.jsonl",
        jsonl([{"text": text("i128", i), "n": 10**30 + i} for i in range(2)]),
        Case(2, 2, 0, check=lambda c: c.docs.n.tolist() == [str(10**30), str(10**30 + 1)]),
    )

    put(
        "jsonl-line-longer-than-a-read-block",
        "a.jsonl",
        jsonl([{"text": text("long", 0) + " word" * 700_000}, {"text": text("long", 1)}]),
        Case(2, 2, 0, check=lambda c: c.docs.text.str.len().max() > 3_500_000),
    )

    # --- JSON ----------------------------------------------------------------------------
    put("json-empty-list", "a.json", "[]", Case(0, 0, 1, file_level=1))
    put("json-empty-documents", "a.json", '{"documents": []}', Case(0, 0, 1, file_level=1))
    put("json-scalar", "a.json", "42", Case(1, 0, 1, file_level=1))
    put("json-malformed", "a.json", '[{"text": "x"', Case(1, 0, 1, file_level=1))
    put(
        "json-nested-100000-deep",
        "a.json",
        "[" * 100_000 + "]" * 100_000,
        Case(1, 0, 1, file_level=1),
    )
    put(
        "json-5000-digit-integer",
        "a.json",
        '[{"text": "'
        + text("jbig", 0)
        + '", "n": '
        + "1" * 5000
        + '}, {"text": "'
        + text("jbig", 1)
        + '"}]',
        Case(2, 2, 0, 1),
    )
    put(
        "json-mixed-records",
        "a.json",
        json.dumps([{"text": text("mix", 0)}, "a string", {"text": text("mix", 2)}]),
        Case(3, 2, 1),
    )
    put(
        "json-field-first-in-record-2",
        "a.json",
        json.dumps(
            {
                "documents": [
                    {"text": text("ju", 0)},
                    {"text": text("ju", 1), "published": "2021-03"},
                ]
            }
        ),
        Case(
            2,
            2,
            0,
            check=lambda c: (
                pd.isna(c.docs.date_precision.iloc[0]) and c.docs.date_precision.iloc[1] == "month"
            ),
        ),
    )

    # --- Parquet and HTML --------------------------------------------------------------
    folder = case("parquet-zero-rows", Case(0, 0, 1, file_level=1))
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), folder / "a.parquet")
    put(
        "parquet-corrupt",
        "a.parquet",
        b"PAR1" + b"\x00" * 40 + b"PAR1",
        Case(1, 0, 1, file_level=1),
    )
    folder = case("parquet-text-not-strings", Case(2, 0, 2))
    pq.write_table(pa.table({"text": [1, 2]}), folder / "a.parquet")
    folder = case(
        "parquet-dates-outside-1677-2262",
        Case(3, 3, 0, 2, check=lambda c: sorted(c.docs.date.dropna().dt.year) == [1, 1650]),
    )
    seconds = [
        int(np.datetime64("1650-05-01", "s").astype(int)),
        int(np.datetime64("0001-01-01", "s").astype(int)),
        int(np.datetime64("9999-12-31", "s").astype(int)) * 2,  # year ~ 20000
    ]
    pq.write_table(
        pa.table(
            {
                "text": [text("pqd", i) for i in range(3)],
                "date": pa.array(seconds, pa.timestamp("s")),
            }
        ),
        folder / "a.parquet",
    )
    put(
        "html-without-article",
        "a.html",
        "<html><body><nav>Menu</nav></body></html>",
        Case(1, 0, 1),
    )
    put("html-binary", "a.html", b"\x00\x01\x02" * 300, Case(1, 0, 1))
    return cases


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Case]]:
    root = tmp_path_factory.mktemp("bad") / "inputs"
    root.mkdir()
    return root, build_cases(root)


def read_quietly(path: Path, timeout: float = 120, **options):
    """read_corpus in a thread, so a read that blocks (a FIFO) fails the test, not hangs it."""
    out: dict[str, object] = {}

    def run() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                out["corpus"] = read_corpus(path, **options)
            except BaseException as err:  # noqa: BLE001 - re-raised below
                out["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"read_corpus({path}) blocked"
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["corpus"]


def test_there_are_at_least_40_kinds(bad_inputs):
    assert len(bad_inputs[1]) >= 40


def test_each_bad_input_is_accounted_for(bad_inputs):
    root, cases = bad_inputs
    failures = []
    for name, case in cases.items():
        c = read_quietly(root / name, cache=False)
        lost = c.problems[c.problems.lost]
        notes = c.problems[~c.problems.lost]
        file_level = int(
            (lost.source.str.contains(MULTI) | lost.reason.str.contains("and after")).sum()
        )
        got = (len(c.docs), len(lost), len(notes), file_level)
        want = (case.docs, case.lost, case.notes, case.file_level)
        if got != want:
            failures.append(
                f"{name}: docs, lost, notes, file-level = {got}, expected {want}\n{c.problems}"
            )
            continue
        record_level = len(lost) - file_level
        if file_level:  # a whole file, or the rest of one, is one problem row
            accounted = len(c.docs) + record_level <= case.records
        else:  # one problem row per record not loaded
            accounted = len(c.docs) + record_level == case.records
        if not accounted:
            failures.append(f"{name}: {got} does not account for {case.records} records")
        if not (
            c.problems.reason.str.len().gt(0).all()
            and lost.source.str.startswith(str(root / name)).all()
        ):
            failures.append(f"{name}: problem without reason or outside the case\n{c.problems}")
        if case.check is not None and case.check(c) not in (None, True):
            failures.append(f"{name}: check failed\n{c.docs}\n{c.problems}")
    assert not failures, "\n".join(failures)


def test_the_whole_folder_reads_and_its_cache_carries_the_problems(bad_inputs, tmp_path):
    root, cases = bad_inputs
    first = read_quietly(root, cache=True, cache_dir=tmp_path)
    assert len(first.docs) == sum(c.docs for c in cases.values())
    assert int(first.problems.lost.sum()) >= sum(c.lost for c in cases.values())
    assert first.docs.date.dtype == "datetime64[ms]"
    again = read_quietly(root, cache=True, cache_dir=tmp_path)
    assert again.key == first.key
    pd.testing.assert_frame_equal(first.docs, again.docs)
    pd.testing.assert_frame_equal(first.problems, again.problems)


def test_problems_name_the_line_row_or_record(bad_inputs):
    root, _ = bad_inputs
    c = read_quietly(root / "csv-unterminated-quote", cache=False)
    assert c.problems.source.str.endswith("a.csv#line=4").all()
    assert "malformed CSV row at line 4" in c.problems.reason.iloc[0]
    assert c.docs.source.str.rsplit("#", n=1).str[1].tolist() == [
        "row=1",
        "row=2",
        "row=3",
        "row=4",
    ]
    c = read_quietly(root / "jsonl-nested-100000-deep", cache=False)
    assert c.problems.source.str.endswith("#line=2").all()
    assert "nested too deeply" in c.problems.reason.iloc[0]
    c = read_quietly(root / "truncated-jsonl-gzip", cache=False)
    assert "truncated gzip" in c.problems.reason.iloc[0]
    assert c.problems.reason.iloc[0].endswith("line 7 and after are lost")
