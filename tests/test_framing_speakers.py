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
