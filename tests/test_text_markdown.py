"""Markdown detection and reduction to plain text with exact offsets (helpers.text_markdown)."""

import warnings
from pathlib import Path

import pyromark
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.corpus import read_corpus
from helpers.text import apply_edits, normalise
from helpers.text_markdown import (
    OPTIONS,
    _ascii_edits,
    _Reducer,
    looks_like_markdown,
    markdown_edits,
)

STATEMENT = (
    "### Readout of the Call\n"
    "\n"
    "**Name:** Jane “Doe” said the so-called ‘elections’ were a [Statement](https://www.whitehouse.gov/x)\n"
    'and *not* a `vote`; see ![the map](https://x.org/map.png "Map").\n'
    "\n"
    "> A quoted line\n"
    "> and its \\*escaped\\* stars &amp; an entity.\n"
    "\n"
    "```\n"
    "code *kept*\n"
    "```\n"
    "- **first** item\n"
    "- second item\n"
)


def _plain(text: str) -> str:
    return apply_edits(text, markdown_edits(text))


@pytest.mark.parametrize(
    "text",
    [
        "See [the statement](https://www.whitehouse.gov/briefing-room/) for details.",
        "**Name:** Jane Doe, the spokesperson.",
        "## Background\n\nThe conflict began in 1988.",
        "He *did* say it, and she *did not*.",
        "```\ncode\n```",
        "Visit <https://www.un.org> today.",
        "Pandoc escapes: 1990\\. The \\#1 issue.",
    ],
)
def test_real_markdown_is_detected(text):
    assert looks_like_markdown(text)


@pytest.mark.parametrize(
    "text",
    [
        "The census* counted 1,000 people.\n* Source: the national office.",
        "Our #1 priority is peace. #MeToo was trending.",
        "1. The Assembly recalls its resolutions.\n2. It calls upon the parties.",
        "The plan will:\n- build roads;\n- open schools.",
        "It was a *real* success.",
        "Growth of 5 % - 3 % = 2 %; a > b and c < d.",
        "snake_case_name and other_name",
        "2 * 3 * 4 = 24",
    ],
)
def test_ordinary_text_is_not_taken_for_markdown(text):
    assert not looks_like_markdown(text)


def test_markup_is_removed_and_the_text_kept():
    plain = normalise(STATEMENT).text
    assert plain.startswith(
        "Readout of the Call\n\nName: Jane “Doe” said the so-called ‘elections’"
    )
    assert "were a Statement and not a vote; see the map.\n\n" in plain
    assert "\n\nA quoted line and its *escaped* stars & an entity.\n\n" in plain
    assert "code *kept*" in plain
    assert plain.endswith("- first item\n- second item")
    for gone in ("###", "**", "](", "https", "```", "> ", "&amp;", "`vote`"):
        assert gone not in plain


def test_quotation_marks_are_never_changed():
    raw = "**He** said “no”, ‘yes’, «non», „ja“, \"ok\" and 'fine' — Azerbaijan’s *view*."
    plain = _plain(raw)
    assert plain == "He said “no”, ‘yes’, «non», „ja“, \"ok\" and 'fine' — Azerbaijan’s view."


def test_headings_and_tables_become_paragraphs():
    assert normalise("# Title\nText under it.").text == "Title\n\nText under it."
    assert normalise("Title\n=====\nText.", markdown=True).text == "Title\n\nText."
    table = normalise("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |", markdown=True).text
    assert table == "a b\n\n1 2\n\n3 4"


def test_an_image_alone_on_its_line_becomes_a_paragraph():
    assert _plain("![Karabakh map](x.png)\nThe war began.") == "Karabakh map\n\nThe war began."


def test_normalised_markdown_maps_every_character_back_to_the_raw_one():
    result = normalise(STATEMENT, markdown=True)
    assert result.steps["markdown"] > 10
    text, offsets = result.text, result.offsets
    for i, ch in enumerate(text):
        if not ch.isspace() and text[i - 3 : i + 1] != " & " and ch != "&":
            assert STATEMENT[offsets.to_raw(i)] == ch, (i, ch)
    start = text.index("Statement")
    raw = STATEMENT[offsets.to_raw(start) : offsets.to_raw(start + 9, end=True)]
    assert raw == "Statement"
    assert normalise(STATEMENT, markdown=True, track=False).text == text


def test_markdown_option_declares_or_detects():
    assert "**" in normalise("**Name:** x", markdown=False).text
    assert normalise("**Name:** x").text == "Name: x"
    assert normalise("It was a *real* success.").text == "It was a *real* success."
    assert normalise("It was a *real* success.", markdown=True).text == "It was a real success."


def _reference(text: str) -> list:
    reducer = _Reducer(text, text.encode())
    for event, span in pyromark.events_with_range(text, options=OPTIONS):
        reducer.feed(event, span["start"], span["end"])
    return reducer.result()


_PIECES = list("ab *_-#>|`[]()!:\\&;\n 1.") + [
    "\n\n", "**", "- ", "> ", "# ", "[a](b)", "&amp;", "    ", "```\n", "![x](y)",
    "| a | b |\n|---|---|\n", "[r]: /u\n", "===\n", "<div>\n", "***\n", "  \n",
]  # fmt: skip
markdownish = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(markdownish)
def test_the_fast_event_loop_equals_feeding_every_event(text):
    assert _ascii_edits(text) == _reference(text)
    assert markdown_edits(text) == _reference(text)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(markdownish.map(lambda t: t.replace("a", "é")))
def test_normalising_markdown_keeps_offsets_and_the_fast_path_text(raw):
    tracked = normalise(raw, markdown=True)
    assert tracked.text == normalise(raw, markdown=True, track=False).text
    positions = [tracked.offsets.to_raw(i) for i in range(len(tracked.text) + 1)]
    assert positions == sorted(positions) and positions[-1] <= len(raw)
    for i, ch in enumerate(tracked.text):
        if ch in "é1":
            assert raw[positions[i]] == ch


def test_read_corpus_reduces_markdown_files_and_maps_back(tmp_path: Path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: T\n---\n## Head\n\nThe *real* “view”.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("It was a *real* success.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = read_corpus(tmp_path, cache=False)
        declared = read_corpus(tmp_path, cache=False, markdown=True)
        plain = read_corpus(tmp_path, cache=False, markdown=False)
    docs = corpus.docs.set_index("doc_id")
    assert docs.loc["a", "text"] == "Head\n\nThe real “view”."
    assert "markdown ×" in docs.loc["a", "processing"]
    assert docs.loc["b", "text"] == "It was a *real* success."
    assert declared.docs.set_index("doc_id").loc["b", "text"] == "It was a real success."
    assert plain.docs.set_index("doc_id").loc["a", "text"].startswith("## Head")
    text = docs.loc["a", "text"]
    raw = corpus.raw_text("a")
    start = text.index("“view”")
    span = raw[corpus.to_raw("a", start) : corpus.to_raw("a", start + 6, end=True)]
    assert span == "“view”"
