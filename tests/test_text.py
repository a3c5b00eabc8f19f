"""Normalisation, offset maps, paragraphs and sentences (helpers.text)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.text import normalise, split_paragraphs, split_sentences

QUOTES = "“”‘’«»„‹›\"'"
ALPHABET = "aB1 -.,\n\r\t\u00a0\u00ad\u200b\u2060—–‐−“”‘’«»„'\"\u2029\u0301eé\u2028U" + "so-called"
texts = st.text(alphabet=ALPHABET, max_size=80)


def test_quotation_marks_are_kept_exactly():
    raw = "He said “no” and ‘yes’, «non», „ja“, ‹oui›, \"ok\" and 'fine'; Azerbaijan’s."
    assert normalise(raw).text == raw


def test_dashes_spaces_invisible_characters_and_line_ends():
    raw = "Soft\u00adhyphen\u200b  and\u00a0nbsp — dash ‐ hyphen\r\nnext line\u2029Para"
    assert normalise(raw).text == "Softhyphen and nbsp – dash - hyphen next line\n\nPara"


def test_nfc_and_mojibake_repair_are_recorded():
    assert normalise("Cafe\u0301").text == "Café"
    result = normalise("the so-called â€œelectionsâ€\x9d were held")
    assert result.text == "the so-called “elections” were held"
    assert "mojibake" in result.steps


def test_html_tags_left_in_text_are_removed_and_recorded():
    raw = 'Joint <strong>statement</strong>:\n<table class="x">\n<tr>\n<td\n data-a="c">SUGA</td><td>Biden</td>'
    result = normalise(raw)
    assert result.text == "Joint statement:\n\nSUGA Biden"
    assert result.steps["html tags"] == 8
    assert normalise("growth < 5 percent, x<y").text == "growth < 5 percent, x<y"


def test_line_end_hyphenation_joins_words_but_keeps_compounds():
    raw = "a demo-\ncratic vote on the so-\ncalled status of Nagorno-\nKarabakh"
    assert normalise(raw).text == "a democratic vote on the so-called status of Nagorno-Karabakh"


def test_paragraphs_and_list_items():
    raw = "  First line\nwrapped here.\n\n\n \nSecond para:\n- item one\n- item two\n"
    text = normalise(raw).text
    assert text == "First line wrapped here.\n\nSecond para:\n- item one\n- item two"
    assert [text[s:e] for s, e in split_paragraphs(text)] == [
        "First line wrapped here.",
        "Second para:\n- item one\n- item two",
    ]


def test_offsets_map_back_to_raw_file_positions():
    raw = "  The\u00a0letter\u00ad says\r\n“elections” — held   on 31 March."
    result = normalise(raw)
    for word in ("letter", "says", "“elections”", "31 March."):
        start = result.text.index(word)
        end = start + len(word)
        raw_span = raw[result.offsets.to_raw(start) : result.offsets.to_raw(end, end=True)]
        assert raw_span.replace("\u00ad", "") == word


def test_sentences_cope_with_abbreviations_initials_numbers_and_quotes():
    text = (
        "Mr. Guterres spoke at the U.N. on Monday. John F. Kennedy said 20 per cent. "
        "Growth was 2.5 per cent in the U.S. The figure rose. “We will win.” The crowd "
        "cheered. “No doubt, it will fail,” reads the letter. See No. 5 for details."
    )
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == [
        "Mr. Guterres spoke at the U.N. on Monday.",
        "John F. Kennedy said 20 per cent.",
        "Growth was 2.5 per cent in the U.S.",
        "The figure rose.",
        "“We will win.”",
        "The crowd cheered.",
        "“No doubt, it will fail,” reads the letter.",
        "See No. 5 for details.",
    ]


def test_sentences_never_cross_paragraphs():
    text = "One without a stop\n\nTwo. Three"
    assert [text[s:e] for s, e in split_sentences(text)] == ["One without a stop", "Two.", "Three"]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalise_is_idempotent(raw):
    once = normalise(raw).text
    assert normalise(once).text == once


@settings(max_examples=300, deadline=None)
@given(texts)
def test_fast_path_gives_the_same_text(raw):
    assert normalise(raw, track=False).text == normalise(raw).text


@settings(max_examples=300, deadline=None)
@given(texts)
def test_offsets_point_at_the_same_characters(raw):
    result = normalise(raw)
    text, offsets = result.text, result.offsets
    positions = [offsets.to_raw(i) for i in range(len(text) + 1)]
    assert positions == sorted(positions)
    assert positions[-1] <= len(raw)
    for i, ch in enumerate(text):
        if re.match(r"[A-Za-z0-9,.“”‘’«»„'\"]", ch) and "mojibake" not in result.steps:
            if ch == "é" or raw[positions[i] : positions[i] + 1] == "\u0301":
                continue
            assert raw[positions[i]] == ch, (i, ch, positions[i])


@settings(max_examples=200, deadline=None)
@given(texts)
def test_sentences_lie_inside_paragraphs_in_order(raw):
    text = normalise(raw).text
    paragraphs = split_paragraphs(text)
    last = 0
    for s, e in split_sentences(text):
        assert last <= s < e <= len(text)
        assert any(ps <= s and e <= pe for ps, pe in paragraphs)
        last = e


@pytest.mark.parametrize("raw", ["a\tb c", "a\fb c", "a\x0bb c", "a\tb “c”"])
def test_tabs_and_form_feeds_become_spaces_in_ascii_text_too(raw):
    for track in (True, False):
        assert normalise(raw, track=track).text in ("a b c", "a b “c”")
