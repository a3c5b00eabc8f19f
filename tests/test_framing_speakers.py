"""resolve_speakers: pronouns and bare roles resolved to named persons and organisations."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.framing_speakers import is_speaker_label, is_web_label, resolve_speakers


def speaker(text: str, source: str, occurrence: int = -1) -> str | None:
    """The speaker of ``source`` (its last occurrence in ``text`` by default)."""
    starts = [k for k in range(len(text)) if text.startswith(source, k)]
    s = starts[occurrence]
    return resolve_speakers(text, [(s, s + len(source), s, s)])[0]


@pytest.mark.parametrize(
    "text, source, expected",
    [
        ("Mrs. Alvarez met Mr. Brown. Later she spoke.", "she", "Alvarez"),
        ("Mrs. Alvarez met Mr. Brown. Later he spoke.", "he", "Brown"),
        ("Hillary Clinton met Donald Trump. Then she spoke.", "she", "Hillary Clinton"),
        ("Hillary Clinton met Donald Trump. Then he spoke.", "he", "Donald Trump"),
        ("Senator Maria Cantwell and John Smith met. Then she spoke.", "she", "Maria Cantwell"),
        ("Joe Biden came. Biden spoke. Then he left.", "he", "Joe Biden"),
        ("Minister Elmar Mammadyarov arrived. Then he spoke.", "he", "Elmar Mammadyarov"),
        ("The Ministry of Defence issued a note. The ministry said so.", "The ministry",
         "Ministry of Defence"),
        ("President Ilham Aliyev and Mr. Brown met. The president spoke.", "The president",
         "Ilham Aliyev"),
        ("Kerr Putney, the police chief, spoke. Later the chief said so.", "the chief",
         "Kerr Putney"),
        ("NATO warned Russia. They said so.", "They", "NATO"),
        ("Nobody came to the hall. Then he spoke.", "he", None),
        ("The minister spoke.", "The minister", "the minister"),
        ("Vice President Kamala Harris met President Joe Biden. The Vice President spoke.",
         "The Vice President", "Kamala Harris"),  # a compound role, not "President"
    ],
)  # fmt: skip
def test_pronouns_and_roles(text, source, expected):
    if source == "the chief":
        s = text.index("Kerr")
        rows = [(s, s + len("Kerr Putney, the police chief"), s, s)]
        c = text.index("the chief")
        rows.append((c, c + 9, c, c))
        assert resolve_speakers(text, rows) == ["Kerr Putney", expected]
        return
    assert speaker(text, source) == expected


def test_a_name_is_its_own_speaker_without_its_apposition_and_title():
    text = "Rep. Stephen Lynch (D-Mass.) said so."
    assert resolve_speakers(text, [(0, 28, 0, 0)]) == ["Stephen Lynch"]


def test_first_person_inside_a_quotation_is_its_speaker():
    text = "“I told them to wait,” Smith said."
    rows = [(text.index("Smith"), text.index("Smith") + 5, 0, 22), (1, 2, 1, 2)]
    assert resolve_speakers(text, rows) == ["Smith", "Smith"]


def test_first_person_after_a_speaker_label_is_the_person_it_names():
    text = "Q: Any news?\nMS. PSAKI: Yes. As I said, the plan is ready."
    s = text.index("I said")
    assert resolve_speakers(text, [(s, s + 1, s, s)]) == ["Psaki"]


def test_no_source_no_speaker():
    assert resolve_speakers("No one spoke.", [(None, None, 0, 3)]) == [None]


@pytest.mark.parametrize(
    "label, ok",
    [
        ("READ MORE", False), ("WATCH", False), ("UPDATE", False), ("BREAKING", False),
        ("RELATED", False), ("Read more", False), ("FACT SHEET", False),
        ("BREAKING NEWS", False), ("THE PRESIDENT", True), ("MS. PSAKI", True), ("Q", True),
        ("SECRETARY BLINKEN", True), ("JOHN SMITH", True), ("Mayor Jim Kenney", True),
    ],
)  # fmt: skip
def test_speaker_labels(label, ok):
    assert is_speaker_label(label) is ok
    if label in {"READ MORE", "WATCH", "UPDATE", "Read more"}:
        assert is_web_label(label)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(["He", " she", " Mr. Smith", " Mrs. Jones", " the minister", " I",
                              " NATO", " said", ". ", ", ", "“", "”", " they", "\n\n"]),
             max_size=40).map("".join),
    st.data(),
)  # fmt: skip
def test_never_raises_one_speaker_per_row(text, data):
    spans = data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 8)), max_size=6))
    rows = [(s, min(len(text), s + n), s, min(len(text), s + n)) for s, n in spans]
    speakers = resolve_speakers(text, rows + [(None, None, 0, 0)])
    assert len(speakers) == len(rows) + 1 and speakers[-1] is None
    assert all(x is None or (isinstance(x, str) and x) for x in speakers[:-1])


def speakers_of(text: str, sources: list[str], **options) -> list[str | None]:
    """The speakers of ``sources`` (each its first occurrence after the previous one; in
    "Biden| said" the source is "Biden", the rest locates it)."""
    rows, pos = [], 0
    for source in sources:
        s = text.index(source.replace("|", ""), pos)
        n = source.index("|") if "|" in source else len(source)
        rows.append((s, s + n, s, s))
        pos = s + n
    return resolve_speakers(text, rows, **options)


def test_every_form_of_a_name_is_its_fullest_form_without_titles():
    text = (
        "President Joe Biden arrived. “We are ready,” Biden said. “Yes,” President Biden "
        "added. Energy Secretary Jennifer M. Granholm came. “Go,” Secretary Granholm said."
    )
    assert speakers_of(text, ["Biden| said", "President Biden", "Secretary Granholm"]) == [
        "Joe Biden", "Joe Biden", "Jennifer M. Granholm",
    ]  # fmt: skip


def test_a_given_name_alone_is_the_full_name_named_before_it():
    text = "First Lady Jill Biden spoke. Later Jill said “thank you.” Then Barack said “no.”"
    assert speakers_of(text, ["Jill| said", "Barack"]) == ["Jill Biden", "Barack"]


def test_a_surname_goes_to_the_person_with_the_same_role():
    text = (
        "President Joe Biden and First Lady Dr. Jill Biden came. “Hello,” said Dr. Biden. "
        "“Welcome,” said President Biden."
    )
    assert speakers_of(text, ["Dr. Biden", "President Biden|."]) == ["Jill Biden", "Joe Biden"]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("California Governor Gavin Newsom", "Gavin Newsom"),
        ("U.S. Secretary of Transportation Pete Buttigieg", "Pete Buttigieg"),
        ("DOE Chief of Staff Tarak Shah", "Tarak Shah"),
        ("Pope Francis", "Pope Francis"),
        ("Chair, Senate Budget Committee, Rhode Island Senator Sheldon Whitehouse",
         "Sheldon Whitehouse"),
        ("The Centers for Disease Control and Prevention",
         "Centers for Disease Control and Prevention"),
        ("The White House", "White House"),
        ("The letter", "the letter"),
    ],
)  # fmt: skip
def test_titles_are_stripped_and_organisations_lose_their_article(source, expected):
    text = f"“We will act,” said {source}."
    assert speakers_of(text, [source]) == [expected]


def test_an_organisation_is_its_fullest_name_in_the_document():
    text = "The General Assembly met. This Assembly said “enough”."
    assert speakers_of(text, ["This Assembly"]) == ["General Assembly"]


def test_transcript_labels_are_the_person_or_the_holder_of_their_role():
    text = (
        "THE PRESIDENT: Thank you. As I said, we are ready.\n\n"
        "THE VICE PRESIDENT: And as I said, so are we.\n\n"
        "MS. PSAKI: As I said, the plan is ready.\n\n"
        "Q Is it? As I said, no one knows.\n\n"
        "SENIOR ADMINISTRATION OFFICIAL: As I said, it is.\n\n"
        "Vice President Kamala Harris joined."
    )
    title = "Remarks by President Biden and Press Briefing by Press Secretary Jen Psaki"
    got = speakers_of(text, ["I| said"] * 5, title=title)
    assert got == ["Biden", "Kamala Harris", "Jen Psaki", None, "Senior Administration Official"]
    assert speakers_of(text, ["I| said"])[0] == "The President"  # no holder named


def test_first_person_is_the_documents_own_speaker_unless_the_context_says_otherwise():
    text = (
        "As I said last year, “peace is near”.\n\nTHE MINISTER: As I said, it is.\n\n"
        "The Secretary-General wrote: “As I said, we must act.”"
    )
    rows = []
    for source in ["I said last", "I said, it", "I said, we"]:
        s = text.index(source)
        rows.append((s, s + 1, s, s))
    q = text.index("“As I")
    w = text.index("The Secretary-General")
    rows.append((w, w + len("The Secretary-General"), q, len(text)))
    assert resolve_speakers(text, rows, speaker="Armenia") == [
        "Armenia", "The Minister", "the Secretary-General", "the Secretary-General",
    ]  # fmt: skip
    assert resolve_speakers(text, rows[:1], title="Remarks by President Biden at the Summit") == [
        "Biden"
    ]


def test_you_is_nobody_unless_a_question_is_put_to_them():
    text = (
        "Q Jen, as you said, “the plan is ready”. Is it?\n\nMS. PSAKI: It is.\n\n"
        "You said, “we are the future.” Indeed."
    )
    title = "Press Briefing by Press Secretary Jen Psaki"
    assert speakers_of(text, ["you| said", "You| said"], title=title) == ["Jen Psaki", None]


def test_unresolved_pronouns_and_indefinites_name_no_one():
    text = "It rained. He said “no”. Someone said “yes”. They said “maybe”."
    assert speakers_of(text, ["He", "Someone", "They"]) == [None, None, None]


def test_they_is_an_organisation_named_shortly_before():
    near = "NATO met on Monday. They said “no”."
    far = "NATO met on Monday. " + "The weather was fine and the roads were clear. " * 10
    assert speakers_of(near, ["They"]) == ["NATO"]
    assert speakers_of(far + "They said “no”.", ["They"]) == [None]
