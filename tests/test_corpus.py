"""Loading corpora (helpers.corpus): formats, encodings, bad input, cache, the seed."""

import gzip
import json
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

import helpers.corpus as corpus_module
import helpers.readers as readers_module
from helpers.corpus import read_corpus
from helpers.paths import RAW, ROOT

SEED = RAW / "000_b9ae1a64affd447b.txt"
SHARED = ROOT.parent / "shared"
BODY = "The so-called “elections” were held on 31 March. “No doubt,” reads the letter."


def load(path, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_corpus(path, cache=False, **options)


def test_seed_is_parsed_exactly():
    c = load(SEED)
    assert len(c.docs) == 1 and c.problems.empty
    doc = c.docs.iloc[0]
    assert doc.doc_id == "000_b9ae1a64affd447b"
    assert doc.date == pd.Timestamp("2020-04-24") and doc.date_precision == "day"
    assert (doc.place, doc.author, doc.outlet) == ("BAKU, Azerbaijan", "Leman Zeynalova", "Trend")
    assert doc.text.startswith("The letter dated 15 April 2020 from the Permanent Representative")
    assert doc.text.endswith(
        "on the withdrawal of its armed forces from Nagorno Karabakh and the surrounding districts."
    )
    assert doc.text.count("“elections”") == 6
    assert "date 2020-04-24" not in doc.text and "By Leman" not in doc.text
    assert list(c.docs.columns[:9]) == [
        "doc_id",
        "text",
        "title",
        "date",
        "date_precision",
        "place",
        "author",
        "outlet",
        "source",
    ]


def test_seed_offsets_lead_back_to_the_raw_file():
    c = load(SEED)
    doc = c.docs.iloc[0]
    raw = SEED.read_text(encoding="utf-8")
    assert c.raw_text(doc.doc_id) == raw
    for phrase in ("so-called “elections”", "reads the letter.", "1994 ceasefire"):
        start = doc.text.index(phrase)
        end = start + len(phrase)
        assert raw[c.to_raw(doc.doc_id, start) : c.to_raw(doc.doc_id, end, end=True)] == phrase


def test_seed_paragraphs_and_sentences():
    c = load(SEED)
    paras, sents = c.paragraphs(), c.sentences()
    assert len(paras) == 7
    text = c.docs.text.iloc[0]
    quoted = [
        text[s:e]
        for s, e in zip(sents.start, sents.end, strict=True)
        if text[s:e].endswith("reads the letter.")
    ]
    assert len(quoted) == 1 and quoted[0].startswith("The international community")
    assert list(sents.columns) == ["doc_id", "sent_id", "para_id", "start", "end"]
    assert sents.sent_id.tolist() == list(range(len(sents)))


def write(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_plain_text_dates_from_file_names(tmp_path):
    write(tmp_path / "AZE_75_2020.txt", BODY)
    write(tmp_path / "2020-04-24-letter.txt", BODY + " Again.")
    write(tmp_path / "notes.txt", BODY + " Undated.")
    docs = load(tmp_path).docs.set_index("doc_id")
    assert docs.loc["AZE_75_2020", "date"] == pd.Timestamp("2020-01-01")
    assert docs.loc["AZE_75_2020", "date_precision"] == "year"
    assert docs.loc["2020-04-24-letter", "date"] == pd.Timestamp("2020-04-24")
    assert docs.loc["2020-04-24-letter", "date_precision"] == "day"
    assert pd.isna(docs.loc["notes", "date"])


def test_markdown_with_front_matter(tmp_path):
    write(
        tmp_path / "page.md",
        "---\ntitle: Shusha\npubDate: 2022-02-12\nauthor: Wikipedia\n"
        "infobox:\n  result: ceasefire\n---\n" + BODY,
    )
    doc = load(tmp_path).docs.iloc[0]
    assert (doc.title, doc.author, doc.date) == ("Shusha", "Wikipedia", pd.Timestamp("2022-02-12"))
    assert doc.text == BODY and json.loads(doc.infobox) == {"result": "ceasefire"}


def test_tables_with_recognised_and_mapped_columns(tmp_path):
    rows = [
        {
            "id": "a1",
            "headline": "One",
            "body": BODY,
            "published": "2021-03-22",
            "publisher": "Trend",
            "country": "AZE",
        },
        {
            "id": "a2",
            "headline": "Two",
            "body": BODY + " Two.",
            "published": "2021-03",
            "publisher": "APA",
            "country": "AZE",
        },
    ]
    frame = pd.DataFrame(rows)
    frame.to_csv(tmp_path / "t.csv", index=False)
    frame.to_csv(tmp_path / "t.tsv", index=False, sep="\t")
    write(tmp_path / "t.jsonl", "\n".join(json.dumps(r) for r in rows))
    write(tmp_path / "t.json", json.dumps({"documents": rows}))
    frame.to_parquet(tmp_path / "t.parquet")
    write(tmp_path / "t.jsonl.gz", gzip.compress("\n".join(json.dumps(r) for r in rows).encode()))
    for name in ("t.csv", "t.tsv", "t.jsonl", "t.json", "t.parquet", "t.jsonl.gz"):
        docs = load(tmp_path / name, dedupe=False).docs
        assert docs.doc_id.tolist() == ["a1", "a2"], name
        assert docs.title.tolist() == ["One", "Two"], name
        assert docs.outlet.tolist() == ["Trend", "APA"], name
        assert docs.date_precision.tolist() == ["day", "month"], name
        assert docs.country.tolist() == ["AZE", "AZE"], name
        assert docs.text.iloc[0] == BODY, name
    mapped = load(tmp_path / "t.csv", columns={"text": "headline", "outlet": "country"}).docs
    assert mapped.text.tolist() == ["One", "Two"] and mapped.outlet.tolist() == ["AZE", "AZE"]


def test_html_main_text_and_metadata(tmp_path):
    paragraphs = "".join(
        f"<p>{BODY} Paragraph {i} of the article has enough words.</p>" for i in range(5)
    )
    write(
        tmp_path / "a.html",
        f"""<html><head><title>Letter to the UN</title>
        <meta name="author" content="Leman Zeynalova"><meta property="og:site_name" content="Trend">
        <meta property="article:published_time" content="2020-04-24"></head><body>
        <nav>Home | World</nav><article><h1>Letter to the UN</h1>{paragraphs}</article>
        <footer>Copyright</footer></body></html>""",
    )
    doc = load(tmp_path).docs.iloc[0]
    assert doc.text.startswith("The so-called “elections” were held")
    assert "Home | World" not in doc.text and "Copyright" not in doc.text
    assert (doc.title, doc.outlet, doc.date) == (
        "Letter to the UN",
        "Trend",
        pd.Timestamp("2020-04-24"),
    )


@pytest.mark.parametrize(
    "encoding,text",
    [
        ("utf-8-sig", "Le soi-disant « référendum » à Khankendi"),
        ("utf-16", "Так называемые «выборы» в Нагорном Карабахе"),
        (
            "cp1251",
            "Так называемые «выборы» прошли в Нагорном Карабахе 31 марта 2020 года, "
            "сообщает агентство. Международное сообщество их не признает.",
        ),
        (
            "cp1252",
            "The so-called “elections” – held on 31 March – were a “façade”, "
            "said the ministry’s spokesman.",
        ),
        (
            "latin-1",
            "La soi-disant « élection » a été organisée à Stepanakert, selon le "
            "ministère des affaires étrangères.",
        ),
    ],
)
def test_encodings_are_detected_and_recorded(tmp_path, encoding, text):
    write(tmp_path / "doc.txt", text.encode(encoding))
    doc = load(tmp_path).docs.iloc[0]
    assert doc.text == text
    assert doc.encoding in {
        encoding,
        "cp1252" if encoding == "latin-1" else encoding,
        "utf_16",
        "utf-16",
        "latin_1",
        "windows-1251",
        "cp1251",
    }


def test_mojibake_is_repaired_and_recorded(tmp_path):
    text = "The so-called ‘elections’ in Azerbaijan’s occupied lands – reports"
    write(tmp_path / "doc.txt", text.encode("utf-8").decode("cp1252").encode("utf-8"))
    doc = load(tmp_path).docs.iloc[0]
    assert doc.text == text and "mojibake" in doc.processing


def bad_folder(root: Path) -> int:
    """A folder mixing good documents with every kind of bad input; returns inputs seen."""
    write(root / "good.txt", BODY)
    write(root / "empty.txt", "")
    write(root / "binary.txt", b"\x00\x01\x02\xff" * 100)
    write(root / "broken-utf8.txt", "So-called “elections”".encode() + b" \xff\xfe bad")
    write(
        root / "bad-date.txt",
        " date 2020-13-45 BAKU, Azerbaijan, April 24\n\nBy A B – Trend:\n\n" + BODY + " Bad date.",
    )
    write(root / "no-text.csv", "title,date\nOne,2020-01-01\n")
    write(
        root / "lines.jsonl",
        json.dumps({"text": BODY + " One."})
        + "\n{not json\n"
        + json.dumps({"text": BODY + " Three."})
        + "\n",
    )
    write(root / "empty-page.html", "<html><body><nav>Menu</nav></body></html>")
    write(root / "sub" / "copy.txt", BODY)  # duplicate of good.txt
    write(root / "image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    return 12  # files, with lines.jsonl counting its three records


def test_bad_input_is_listed_and_nothing_is_lost(tmp_path):
    seen = bad_folder(tmp_path)
    with pytest.warns(UserWarning, match=r"^8 input\(s\) not loaded; 1 note\(s\)") as record:
        c = read_corpus(tmp_path, cache=False)
    assert len(record) == 1
    assert len(c.docs) + c.problems.lost.sum() == seen
    # an impossible date leaves the date empty and the document in (it used to be dropped)
    assert sorted(c.docs.doc_id) == ["bad-date", "good", "lines#1", "lines#3"]
    assert pd.isna(c.docs.set_index("doc_id").loc["bad-date", "date"])
    reasons = {
        Path(s.split("#")[0]).name + ("#" + s.split("#")[1] if "#" in s else ""): r
        for s, r in zip(c.problems.source, c.problems.reason, strict=True)
    }
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["broken-utf8.txt"].startswith("undecodable bytes: invalid UTF-8 at byte")
    assert reasons["bad-date.txt"] == "impossible date '2020-13-45'; date left empty"
    assert not c.problems.set_index("source").loc[str(tmp_path / "bad-date.txt"), "lost"]
    assert reasons["no-text.csv"].startswith("no text column")
    assert reasons["lines.jsonl#line=2"].startswith("malformed JSON line")
    assert reasons["empty-page.html"].startswith("HTML page with no article text")
    assert reasons["copy.txt"] == "duplicate of good (same text)"
    assert reasons["image.png"].startswith("unsupported file type '.png'")


def test_folders_read_recursively_in_a_stable_order(tmp_path):
    for name in ("b.txt", "a/c.txt", "a.txt"):
        write(tmp_path / name, f"{BODY} {name}")
    write(tmp_path / ".hidden" / "x.txt", "hidden")
    assert load(tmp_path).docs.doc_id.tolist() == ["a/c", "a", "b"]
    assert load(str(tmp_path / "*.txt")).docs.doc_id.tolist() == ["a", "b"]
    assert load([tmp_path / "b.txt", tmp_path / "a.txt"]).docs.doc_id.tolist() == ["b", "a"]
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        load(tmp_path / "missing")


def test_cache_is_reused_and_invalidated_by_a_change(tmp_path, monkeypatch):
    src = write(tmp_path / "in" / "doc.txt", BODY)
    cache = tmp_path / "processed"
    first = read_corpus(src.parent, cache_dir=cache)
    assert list(cache.glob("corpus-*/docs.parquet"))

    def fail(*args, **kwargs):
        raise AssertionError("parsed again instead of reading the cache")

    monkeypatch.setattr(corpus_module, "_load", fail)
    again = read_corpus(src.parent, cache_dir=cache)
    pd.testing.assert_frame_equal(first.docs, again.docs)
    assert again.key == first.key
    monkeypatch.undo()
    write(src, BODY + " Changed.")
    changed = read_corpus(src.parent, cache_dir=cache)
    assert changed.key != first.key and changed.docs.text.iloc[0].endswith("Changed.")


@pytest.mark.skipif(not (SHARED / "corpora").exists(), reason="needs ../shared/corpora")
def test_un_speeches_load_with_their_metadata():
    c = load(SHARED / "corpora" / "ungdc-arm-aze" / "ungdc_subset.jsonl")
    assert len(c.docs) + len(c.problems) == 448
    aze = c.docs.set_index("doc_id").loc["AZE_75_2020"]
    assert aze.iso3 == "AZE" and aze.date == pd.Timestamp("2020-01-01")
    assert aze.date_precision == "year" and "so-called “elections”" in aze.text


def test_repeated_ids_are_made_unique_and_bad_rows_listed(tmp_path):
    write(tmp_path / "t.csv", f'id,text\nx,"{BODY} One."\nx,"{BODY} Two."\ny,too,many\n')
    c = load(tmp_path / "t.csv")
    assert c.docs.doc_id.tolist() == ["x", "x~2"]
    assert c.problems.reason.tolist() == ["CSV row at line 4 has 3 fields, header has 2"]
    assert c.problems.source.iloc[0].endswith("t.csv#row=3")


def test_malformed_front_matter_is_a_problem(tmp_path):
    write(tmp_path / "bad.md", "---\ntitle: [unclosed\n---\n" + BODY)
    c = load(tmp_path)
    assert c.docs.empty and c.problems.reason.iloc[0].startswith("malformed YAML front matter")


def test_cache_key_follows_content_options_and_code(tmp_path, monkeypatch):
    src = write(tmp_path / "in" / "doc.txt", BODY)
    cache = tmp_path / "processed"
    first = read_corpus(src.parent, cache_dir=cache)
    stat = src.stat()
    write(src, BODY.replace("31 March", "30 March"))  # same size, mtime put back
    os.utime(src, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert src.stat().st_size == stat.st_size and src.stat().st_mtime_ns == stat.st_mtime_ns
    edited = read_corpus(src.parent, cache_dir=cache)
    assert edited.key != first.key and "30 March" in edited.docs.text.iloc[0]
    assert read_corpus(src.parent, cache_dir=cache, dayfirst=True).key != edited.key
    assert read_corpus(src.parent, cache_dir=cache, dedupe=False).key != edited.key
    monkeypatch.setitem(readers_module.READERS, ".foo", lambda *args: iter(()))
    assert read_corpus(src.parent, cache_dir=cache).key != edited.key  # a reader from this file
    monkeypatch.undo()
    assert read_corpus(src.parent, cache_dir=cache).key == edited.key  # a rerun: same entry
    assert len(list(cache.glob("corpus-*"))) == 5


def test_a_cache_hit_carries_the_problems(tmp_path, monkeypatch):
    write(tmp_path / "in" / "good.txt", BODY)
    write(tmp_path / "in" / "empty.txt", "")
    write(tmp_path / "in" / "t.csv", f'text,date\n"{BODY} One.",2020-02-30\n')
    cache = tmp_path / "processed"
    with pytest.warns(UserWarning, match=r"^1 input\(s\) not loaded; 1 note\(s\)"):
        first = read_corpus(tmp_path / "in", cache_dir=cache)
    monkeypatch.setattr(corpus_module, "_load", lambda *a, **k: pytest.fail("not cached"))
    with pytest.warns(UserWarning, match=r"^1 input\(s\) not loaded; 1 note\(s\)"):
        again = read_corpus(tmp_path / "in", cache_dir=cache)
    pd.testing.assert_frame_equal(first.problems, again.problems)
    pd.testing.assert_frame_equal(first.docs, again.docs)
    assert again.docs.date.dtype == "datetime64[ms]"
    assert again.problems.lost.tolist() == [True, False]


def test_a_damaged_cache_is_read_again(tmp_path):
    src = write(tmp_path / "in" / "doc.txt", BODY)
    first = read_corpus(src.parent, cache_dir=tmp_path / "processed")
    (tmp_path / "processed" / f"corpus-{first.key}" / "docs.parquet").write_bytes(b"junk")
    load_cached = read_corpus(src.parent, cache_dir=tmp_path / "processed")
    pd.testing.assert_frame_equal(first.docs, load_cached.docs)


def ambiguous_csv(path: Path, dates: list[str]) -> Path:
    rows = "".join(f'"{BODY} {path.stem} {i}.",{d}\n' for i, d in enumerate(dates))
    return write(path, "text,date\n" + rows)


def test_ambiguous_numeric_dates_follow_dayfirst(tmp_path):
    ambiguous_csv(tmp_path / "a.csv", ["01/02/2020", "03/04/2020"])
    month_first = load(tmp_path)
    assert month_first.docs.date.dt.strftime("%Y-%m-%d").tolist() == ["2020-01-02", "2020-03-04"]
    assert month_first.problems.reason.str.contains("read month first").tolist() == [True]
    day_first = load(tmp_path, dayfirst=True)
    assert day_first.docs.date.dt.strftime("%Y-%m-%d").tolist() == ["2020-02-01", "2020-04-03"]
    assert "dayfirst=True given" in day_first.problems.reason.iloc[0]
    assert load(tmp_path, dayfirst=False).docs.date.equals(month_first.docs.date)


def test_the_day_month_order_is_decided_from_the_whole_corpus(tmp_path):
    ambiguous_csv(tmp_path / "a.csv", ["01/02/2020"])
    ambiguous_csv(tmp_path / "b.csv", ["25/12/2020", "13/01/2021"])  # day first, clearly
    c = load(tmp_path)
    dates = c.docs.set_index("source").date.dt.strftime("%Y-%m-%d")
    assert dates[str(tmp_path / "a.csv") + "#row=1"] == "2020-02-01"
    note = c.problems.set_index("source").loc[str(tmp_path / "a.csv")]
    assert not note.lost and "read day first" in note.reason and "2 numeric date(s)" in note.reason


def test_dates_of_any_year_are_kept_and_relative_words_are_not_dates(tmp_path):
    dates = ["0001-01-01", "1650-05-01", "9999-12-31", "now", "today", "2020-02-30"]
    write(
        tmp_path / "t.jsonl",
        "".join(
            json.dumps({"text": f"{BODY} {i}.", "date": d}) + "\n" for i, d in enumerate(dates)
        ),
    )
    c = load(tmp_path)
    assert c.docs.date.dtype == "datetime64[ms]" and len(c.docs) == 6
    assert [str(d.date()) for d in c.docs.date[:3]] == ["0001-01-01", "1650-05-01", "9999-12-31"]
    assert c.docs.date[3:].isna().all() and c.docs.date_precision[3:].isna().all()
    assert c.problems.reason.tolist() == [
        "not a date: 'now' (relative to the moment of reading); date left empty",
        "not a date: 'today' (relative to the moment of reading); date left empty",
        "impossible date '2020-02-30'; date left empty",
    ]
    assert not c.problems.lost.any()


def test_symlinked_folders_are_followed_once(tmp_path):
    outside = tmp_path / "outside"
    write(outside / "x.txt", BODY)
    root = tmp_path / "root"
    root.mkdir()
    os.symlink(outside, root / "linked")
    os.symlink(root, root / "loop")
    c = load(root)
    assert c.docs.doc_id.tolist() == ["linked/x"]
    assert c.problems.reason.str.contains("read already").tolist() == [True]


def test_named_links_and_fifos_are_problems_and_missing_paths_raise(tmp_path):
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    c = load([tmp_path / "dangling.txt", tmp_path / "pipe.txt"])
    assert c.docs.empty and c.problems.lost.all()
    assert c.problems.reason.str.split(" to ").str[0].tolist() == [
        "dangling symbolic link",
        "not a regular file but a FIFO (named pipe)",
    ]
    with pytest.raises(FileNotFoundError, match="no files match"):
        load(str(tmp_path / "*.none"))
