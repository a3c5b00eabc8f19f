"""framing_names: titles told from names, transcript labels, the document's own speaker."""

import pytest

from helpers.framing_names import (
    country_name,
    document_speaker,
    read_label,
    roles_in,
    shorter_form,
    source_role,
    speaker_in_title,
    split_name,
)


@pytest.mark.parametrize(
    "mention, titles, name",
    [
        ("Secretary of Energy Jennifer M. Granholm", "Secretary of Energy", "Jennifer M. Granholm"),
        ("California Governor Gavin Newsom", "California Governor", "Gavin Newsom"),
        ("Minister for Foreign Affairs of Azerbaijan Elmar Mammadyarov",
         "Minister for Foreign Affairs of Azerbaijan", "Elmar Mammadyarov"),
        ("Kishida of Japan", "", "Kishida"),
        ("Pope Francis", "", "Pope Francis"),
        ("Vice President", "Vice President", ""),
        ("National Mall", "", "National Mall"),
        ("Governor Jim Justice", "Governor", "Jim Justice"),
        ("Senior Press Secretary Jen Psaki", "Senior Press Secretary", "Jen Psaki"),
    ],
)  # fmt: skip
def test_split_name(mention, titles, name):
    got = split_name(mention.split())
    assert (" ".join(got[0]), " ".join(got[1])) == (titles, name)


def test_compound_roles():
    assert roles_in(["Vice", "President"]) == {"vice president"}
    assert roles_in(["First", "Lady"]) == {"first lady"}
    assert source_role("THE PRESIDENT") == "president"
    assert source_role("First Lady Jill Biden") == "first lady"
    assert source_role("Jill Biden") == ""


@pytest.mark.parametrize(
    "label, expected",
    [
        ("MS. PSAKI", ("name", "Psaki", None)),
        ("MR. MCCARTHY", ("name", "McCarthy", None)),
        ("DR. SHERWOOD-RANDALL", ("name", "Sherwood-Randall", None)),
        ("THE PRESIDENT", ("role", "The President", "president")),
        ("THE VICE PRESIDENT", ("role", "The Vice President", "vice president")),
        ("Q", ("nobody", None, None)),
        ("AUDIENCE MEMBER", ("nobody", None, None)),
    ],
)
def test_read_label(label, expected):
    assert read_label(label) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Remarks by President\u00a0Biden at United\u00a0States Coast Guard Academy", "President Biden"),
        ("Remarks by President Biden Before Marine One Departure", "President Biden"),
        ("Statement from President Joe Biden and First Lady Jill Biden on the Passing of",
         "President Joe Biden"),
        ("Remarks as Prepared for Delivery by First Lady Jill Biden at", "First Lady Jill Biden"),
        ("Statement by the Press Secretary on the Hearing", "Press Secretary"),
        ("Readout of President Biden’s Call with Chancellor Scholz", None),
        ("FACT SHEET: President Biden Announces New Actions", None),
        ("Joint Statement from the Leaders of the Quad", None),
    ],
)  # fmt: skip
def test_speaker_in_title(title, expected):
    assert speaker_in_title(title) == expected


def test_document_speaker_from_metadata():
    assert country_name("ARM") == "Armenia" and country_name("XXX") == "XXX"
    assert document_speaker({"iso3": "AZE", "title": "Remarks by President Biden"}) == "Azerbaijan"
    assert document_speaker({"country": "Georgia"}) == "Georgia"
    assert document_speaker({"author": "Jane Doe", "iso3": None}) == "Jane Doe"
    assert document_speaker({"title": "Remarks by President Biden at the Summit"}) == (
        "President Biden"
    )
    assert document_speaker({"title": float("nan")}) is None


def test_shorter_forms():
    assert shorter_form(("biden",), ("joe", "biden"))
    assert shorter_form(("jennifer", "granholm"), ("jennifer", "m.", "granholm"))
    assert shorter_form(("jill",), ("jill", "biden"), given=True)
    assert not shorter_form(("jill",), ("jill", "biden"))
    assert not shorter_form(("joe", "biden"), ("jill", "biden"))
