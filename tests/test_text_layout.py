"""Line layout: hard-wrapped lines, one paragraph per line, short lines (helpers.text_lines)."""

import re
import statistics
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.text import normalise, split_paragraphs
from helpers.text_lines import line_layout

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
UN_SPEECHES = SHARED / "corpora" / "ungdc-arm-aze" / "speeches"

WRAPPED = """The General Assembly met today to consider the report of the
Secretary-General on the situation in the occupied territories, and
heard statements from the representatives of a number of Member
States, who spoke on behalf of their Governments and regional groups.
The debate will resume tomorrow.
Many delegations stressed that the situation remains serious and that
the parties must return to negotiations without delay, in good faith
and with the support of the international community as a whole, so
that a lasting settlement can be reached within the framework of the
relevant resolutions of the Security Council and the principles of
international law that all of us have undertaken to respect."""

PER_LINE = """Mr. President, Excellencies, ladies and gentlemen, it is an honour to address this Assembly on behalf of my country.
This year we mark the seventy-fifth anniversary of the United Nations, born out of the ashes of the Second World War.
The pandemic has shown how much we depend on one another, and how fragile our achievements are.
Thank you."""


def _paragraphs(text: str) -> list[str]:
    return [text[s:e] for s, e in split_paragraphs(text)]


def test_hard_wrapped_lines_are_joined_and_a_short_line_ends_a_paragraph():
    result = normalise(WRAPPED)
    paragraphs = _paragraphs(result.text)
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith(
        "The General Assembly met today to consider the report of the Secretary"
    )
    assert paragraphs[0].endswith("The debate will resume tomorrow.")
    assert "\n" not in paragraphs[1]
    assert result.steps["wrapped lines joined"] == 9
    assert result.steps["paragraph ends at short lines"] == 1
    assert line_layout(WRAPPED).kind == "wrapped"


def test_one_paragraph_per_line_keeps_each_line_as_a_paragraph():
    result = normalise(PER_LINE)
    assert _paragraphs(result.text) == PER_LINE.split("\n")
    assert result.steps == {"lines as paragraphs": 3}


def test_a_sentence_broken_across_lines_of_a_per_line_text_is_joined():
    raw = PER_LINE.replace("born out of the ashes", "born out of\nthe ashes")
    result = normalise(raw)
    assert _paragraphs(result.text) == PER_LINE.split("\n")
    assert result.steps == {"broken lines joined": 1, "lines as paragraphs": 3}


def test_a_mixed_file_joins_the_wrapped_lines_and_keeps_the_long_ones_as_paragraphs():
    long_lines = PER_LINE.split("\n")[:3]
    wrapped = WRAPPED.replace("undertaken to respect.", "undertaken to\nrespect.")
    paragraphs = _paragraphs(normalise(wrapped + "\n" + "\n".join(long_lines)).text)
    assert len(paragraphs) == 5
    assert paragraphs[-3:] == long_lines
    assert paragraphs[0].endswith("The debate will resume tomorrow.")
    assert paragraphs[1].endswith("undertaken to respect.")


def test_short_lines_of_a_poem_or_an_address_are_kept():
    poem = "Roses are red,\nViolets are blue,\nSugar is sweet,\nAnd so are you."
    address = "Permanent Mission of Azerbaijan\n866 United Nations Plaza\nNew York"
    for raw in (poem, address):
        result = normalise(raw)
        assert result.text == raw
        assert result.steps == {"line breaks kept": raw.count("\n")}


def test_wrapped_lines_that_start_with_capitals_are_joined():
    raw = (
        "Ann Marie Yastishock, of Pennsylvania, a Career Member of the\n"
        "Senior Foreign Service, Class of Minister-Counselor, to be Ambassador\n"
        "Extraordinary and Plenipotentiary of the United States of America to the\n"
        "Independent State of Papua New Guinea, and to serve concurrently and\n"
        "without additional compensation as Ambassador Extraordinary and\n"
        "Plenipotentiary of the United States of America to the Solomon Islands."
    )
    result = normalise(raw)
    assert result.text == raw.replace("\n", " ")
    assert result.steps == {"wrapped lines joined": 5}


def test_list_items_stay_lines_in_a_wrapped_text():
    raw = "The plan will help the families who need\nit most:\n- build new roads;\n- open 20 schools.\n\nIt was\nwelcomed."
    result = normalise(raw)
    assert (
        result.text
        == "The plan will help the families who need it most:\n- build new roads;\n- open 20 schools.\n\nIt was welcomed."
    )


def test_numbered_paragraphs_of_a_per_line_text_are_paragraphs():
    raw = (
        "1. The Assembly recalls its resolutions on the question and the reports of the Secretary-General.\n"
        "2. It calls upon all parties to refrain from any action that might aggravate the situation on the ground.\n"
        "3. It decides to remain seized of the matter."
    )
    assert _paragraphs(normalise(raw).text) == raw.split("\n")


def test_a_text_without_line_breaks_records_no_layout():
    assert normalise("One line. Another sentence.").steps == {}
    assert normalise("Para one.\n\nPara two.").steps == {}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["word", "Word", "a.", "B!", " ", "\n", "\n\n", "- ", "1. ", "“q”", ","]),
        max_size=60,
    ).map("".join)
)
def test_layout_edits_and_fast_path_agree_and_keep_offsets(raw):
    tracked, fast = normalise(raw), normalise(raw, track=False)
    assert tracked.text == fast.text
    assert {k: v for k, v in tracked.steps.items() if "line" in k} == {
        k: v for k, v in fast.steps.items() if "line" in k
    }
    for i, ch in enumerate(tracked.text):
        if not ch.isspace():
            assert raw[tracked.offsets.to_raw(i)] == ch


@pytest.mark.skipif(not UN_SPEECHES.is_dir(), reason="needs ../shared/corpora (UN speeches)")
def test_un_speeches_get_their_paragraphs():
    files = sorted(UN_SPEECHES.rglob("*.txt"))
    per_line = [f for f in files if f.name.endswith("_2020.txt")][:20]
    wrapped = [f for f in files if re.search(r"_(199\d)\.txt$", f.name)][:20]
    for group in (per_line, wrapped):
        counts = [
            len(_paragraphs(normalise(f.read_text(encoding="utf-8"), track=False).text))
            for f in group
        ]
        assert statistics.median(counts) >= 10, counts
