"""find_quotes: marks paired (nesting, apostrophes, unbalanced), kinds, sources and cues."""

import time

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.framing import COLUMNS, find_attributions, find_quotes
from helpers.framing_attribution import attribute_quote
from helpers.paths import RAW

SEED = RAW / "000_b9ae1a64affd447b.txt"


def one(text: str) -> dict:
    rows = find_quotes(text)
    assert len(rows) == 1, rows
    return rows.iloc[0].to_dict()


def test_columns_and_empty_text():
    assert list(find_quotes("").columns) == COLUMNS
    assert find_quotes("No quotes at all, don't worry.").empty


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The regime held so-called “elections” in March.", "scare"),
        ('Armenia chose its own "special" path.', "scare"),
        ("They label them as «occupants» in the note.", "scare"),
        ("The “elections” were held in an environment of illegitimacy.", "scare"),
        ("He avoided the term “genocide” in the speech.", "term"),
        ("The word 'sovereignty' appears twice.", "term"),
        ("The report “Human Rights in the Caucasus” came out.", "title"),
        ("Delegates met at the “Peace and Dialogue” forum in Baku.", "title"),
        ("“We will never accept this,” the minister said.", "direct"),
        ("Pope Francis said: „We must pray for peace in the region.“", "direct"),
    ],
)
def test_kinds(text, kind):
    assert one(text)["kind"] == kind


@pytest.mark.parametrize(
    "text, source, cue",
    [
        ("“It is over,” he said.", "he", "said"),
        ("“Peace is possible,” said Pope Francis.", "Pope Francis", "said"),
        ("“Nothing changes,” reads the document.", "the document", "reads"),
        (
            "The Economist magazine called it “a fragile compromise”.",
            "The Economist magazine",
            "called",
        ),
        ("According to the ministry, “the talks failed.”", "the ministry", "According to"),
        ("The spokesperson told reporters: “We are ready.”", "The spokesperson", "told"),
        ("**Mayor Jim Kenney:** “Thankful for this.”", "Mayor Jim Kenney", ":"),
        ("“We can build a wall.” ― Steve Quinlan", "Steve Quinlan", "―"),
        ("He said ''it is over,'' and left.", "He", "said"),
        ("Taxes rose. Said Ellis: “I do not see any reform.”", "Ellis", "Said"),
        ("Dr Gazzola called it a “tipping point” and left.", "Dr Gazzola", "called"),
        ("Biden said voters “don't deserve” to know his position.", "Biden", "said"),
    ],
)
def test_source_and_cue(text, source, cue):
    row = one(text)
    assert (row["kind"], row["source"], row["cue"]) == ("direct", source, cue)
    assert text[row["source_start"] : row["source_end"]] == source
    assert text[row["cue_start"] : row["cue_end"]] == cue


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The Innovation Act (the “Act”) takes effect.", "title"),
        ("She joined the “Friends of Georgia” group.", "title"),
        ("A member of the “Sustainability Advisory Council.” She also served.", "title"),
        ("Travellers see a “D” warning.", "term"),
        ("They adopted a “no wrong door” approach for veterans.", "term"),
        ("The council called the border agreement “null and void” today.", "direct"),
        ("Trump called the sentence “unjust.” The Biden campaign disagreed.", "direct"),
        ("“She will be back soon,” Clinton campaign spokesman Brian Fallon said.", "direct"),
        ("On “Fox News Sunday,” Mike Pence said his running mate was joking.", "title"),
        ("It was clear: “the past two years were good.”", "direct"),
    ],
)
def test_more_kinds(text, kind):
    assert one(text)["kind"] == kind


def test_sentence_opening_with_the_same_mark_ends_an_unclosed_quote():
    text = "“Ladies and Gentlemen. “The format is new. “The theme is good. Thank you."
    rows = find_quotes(text)
    assert rows["depth"].tolist() == [0, 0, 0]
    assert rows["anomaly"].tolist() == ["unclosed"] * 3
    assert rows.loc[0, "text"] == "Ladies and Gentlemen."


def test_label_needs_a_name():
    assert one("It was clear: “the past two years were good.”")["source"] is None


@pytest.mark.parametrize(
    "text, content",
    [
        ("Er nannte es ‹Wahlen› gestern.", "Wahlen"),
        ("Il a dit « c’est fini » hier.", "c’est fini"),
        ("Sie sagte: »Das ist vorbei.« Dann ging sie.", "Das ist vorbei."),
    ],
)
def test_other_mark_styles(text, content):
    assert one(text)["text"] == content


def test_nested_same_marks():
    text = "“The so-called “elections” were a farce,” he said."
    rows = find_quotes(text)
    assert rows["depth"].tolist() == [0, 1]
    assert rows["text"].tolist() == ["The so-called “elections” were a farce,", "elections"]
    assert rows["kind"].tolist() == ["direct", "scare"]


def test_nested_straight_marks():
    rows = find_quotes('He said "the "elections" were fake" today.')
    assert rows["text"].tolist() == ['the "elections" were fake', "elections"]


def test_apostrophes_are_not_quotes():
    assert find_quotes(
        "Azerbaijan's and Armenia’s envoys don’t agree on the ’90s or countries' aims."
    ).empty
    assert find_quotes("the party of ‘86 and ‘96 is gone").empty
    assert one("The ‘Azerbaijan’s position’ was clear.")["text"] == "Azerbaijan’s position"


def test_unclosed_mark_stays_in_its_paragraph():
    text = "He wrote “this never ends. Really.\n\nNext paragraph with “ok” here."
    rows = find_quotes(text)
    assert rows["anomaly"].tolist() == ["unclosed", None]
    assert rows.loc[0, "text"] == "this never ends. Really."
    assert rows.loc[1, "text"] == "ok"


def test_unclosed_mark_never_swallows_a_long_paragraph():
    text = "Start “open. " + "Filler sentence here. " * 200
    row = one(text)
    assert row["anomaly"] == "unclosed" and row["end"] - row["start"] < 700


def test_stray_closing_mark_is_flagged():
    row = one("the talks failed,” the envoy said.")
    assert row["anomaly"] == "stray closing mark" and row["text"] == "the talks failed,"


def test_seed_quotes():
    if not SEED.exists():
        pytest.skip(f"seed document missing: {SEED}")
    text = SEED.read_text(encoding="utf-8")
    rows = find_quotes(text)
    scare = rows[rows["kind"] == "scare"]
    assert scare["text"].tolist() == ["elections"] * 6
    after_so_called = [text[s - 10 : s - 1] == "so-called" for s in scare["mark_start"]]
    assert sum(after_so_called) == 5
    direct = rows[rows["kind"] == "direct"]
    assert direct["source"].tolist() == ["the document", "the letter"]
    assert direct["cue"].tolist() == ["reads", "reads"]
    second = direct.iloc[1]
    inner = rows[
        (rows["mark_start"] > second["mark_start"]) & (rows["mark_end"] < second["mark_end"])
    ]
    assert len(inner) == 3 and (inner["depth"] == 1).all()


ALPHABET = st.sampled_from(list("ab .,\n'\"“”‘’«»„‹›") + ["so-called ", " said ", "\n\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_never_raises_offsets_valid_spans_nest(text):
    rows = find_quotes(text)
    spans = []
    for row in rows.itertuples():
        assert 0 <= row.mark_start <= row.start <= row.end <= row.mark_end <= len(text)
        assert text[row.start : row.end] == row.text
        assert row.kind in {"direct", "scare", "title", "term"}
        assert 0.0 <= row.kind_p <= 1.0 and isinstance(row.kind_evidence, str)
        if row.kind != "direct":
            assert row.source is None and row.cue is None
        spans.append((row.mark_start, row.mark_end))
    for a_start, a_end in spans:
        for b_start, b_end in spans:
            disjoint = a_end <= b_start or b_end <= a_start
            nested = (a_start <= b_start and b_end <= a_end) or (
                b_start <= a_start and a_end <= b_end
            )
            assert disjoint or nested


def test_runaway_openers_are_capped_in_depth():
    text = "“a " * 50 + "end."
    rows = find_quotes(text)
    assert len(rows) == 50 and rows["depth"].max() <= 5
    assert (rows["anomaly"] == "unclosed").all()


def test_joined_quotation_gives_one_row_per_segment_with_its_speaker():
    text = "“We will not accept this,” the envoy said. “Never.”"
    rows = find_quotes(text)
    assert rows["text"].tolist() == ["We will not accept this,", "Never."]
    assert rows["source"].tolist() == ["the envoy", "the envoy"]
    assert rows["cue"].tolist() == ["said", "said"]
    assert (rows["source_start"] == 27).all()


def test_quotation_reopened_at_each_paragraph_is_one_quotation():
    text = (
        "He read the message:\n\n“My dear friends, the war is over.\n\n"
        "“We will rebuild our homes.\n\n“Thank you.”\n\nThen he sat down."
    )
    row = one(text)
    assert row["anomaly"] == "continued over paragraphs" and row["depth"] == 0
    assert row["text"].startswith("My dear friends") and row["text"].endswith("Thank you.")
    assert text[row["mark_end"] - 1] == "”"


def test_quotation_reopened_but_never_closed_stays_unclosed_per_paragraph():
    text = "“One.\n\n“Two.\n\nThree without marks.\n\nFour “ok” here."
    rows = find_quotes(text)
    assert rows["text"].tolist() == ["One.", "Two.", "ok"]
    assert rows["anomaly"].tolist() == ["unclosed", "unclosed", None]


def test_a_new_quotation_in_the_next_paragraph_is_not_a_continuation():
    text = "She said “it is over” today.\n\n“Another one,” he said."
    assert find_quotes(text)["anomaly"].tolist() == [None, None]


@pytest.mark.parametrize(
    "label", ["READ MORE", "WATCH", "UPDATE", "BREAKING", "RELATED", "FACT SHEET", "Read more"]
)
def test_web_labels_and_headings_are_never_speakers(label):
    row = one(f"{label}: “The talks have failed again and nobody knows why.”")
    assert row["source"] is None and row["speaker"] is None


def test_speaker_labels_are_speakers():
    row = one("MS. PSAKI: “We will be ready for the vote.”")
    assert (row["source"], row["speaker"]) == ("MS. PSAKI", "Psaki")
    row = one("**Mayor Jim Kenney:** “Thankful for this.”")
    assert (row["source"], row["speaker"]) == ("Mayor Jim Kenney", "Jim Kenney")


@pytest.mark.parametrize(
    "text, source",
    [
        ("Smith, who said “this is wrong,” left early.", "Smith"),
        ("I don’t think “this will work,” she said.", "she"),
        ("“The vote is over,” a statement released Tuesday said.", "a statement"),
        ("“We are ready,” said Mayor Jim Kenney on Monday.", "Mayor Jim Kenney"),
    ],
)
def test_sources_are_never_relative_pronouns_auxiliaries_or_clauses(text, source):
    assert one(text)["source"] == source


def test_speaker_resolves_pronouns_roles_and_first_person():
    text = (
        "Foreign Minister Jeyhun Bayramov met Hillary Clinton. “We will not accept this,” he "
        "said. “Never,” she replied. Later “the talks go on,” the minister said. "
        "“I told them: ‘I am not leaving,’” he added."
    )
    rows = find_quotes(text)
    assert rows[["source", "speaker"]].values.tolist() == [
        ["he", "Jeyhun Bayramov"],
        ["she", "Hillary Clinton"],
        ["the minister", "Jeyhun Bayramov"],
        ["he", "Jeyhun Bayramov"],
        ["I", "Jeyhun Bayramov"],
    ]


def _seconds(text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        find_quotes(text)
        find_attributions(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize(
    "unit",
    ["“", '"“”', "so-called “x” ", "word ", "“a” ", "He said “it is over,” she said. "],
)
def test_time_grows_linearly_with_the_text(unit):
    small = (unit * (10_000 // len(unit) + 1))[:10_000]
    large = (unit * (100_000 // len(unit) + 1))[:100_000]
    assert _seconds(large) <= 15 * max(_seconds(small), 1e-3)


def test_continued_quotation_spans_a_paragraph_whose_reopening_mark_was_forgotten():
    text = (
        "He read the message:\n\n“First paragraph.\n\n“Second paragraph.\n\n"
        "Third paragraph without its mark.\n\n“Fourth and last.”\n\nApplause."
    )
    row = one(text)
    assert row["anomaly"] == "continued over paragraphs"
    assert row["text"].endswith("Fourth and last.")


def test_repeated_passages_get_the_answer_each_gets_alone():
    # find_quotes reuses the analysis of a quotation whose window of text repeats an earlier
    # one (a memo per document); each quotation analysed on its own gets the same answer
    passage = (
        "The minister said “we will not give up,” and called the so-called “elections” a "
        "farce. Critics call it “junk science”. "
    )
    text = "Opening words. " + passage * 25 + "Later she said “this is over.”"
    rows = find_quotes(text)
    assert len(rows) == 76
    for r in rows.itertuples():
        alone = attribute_quote(text, r.start, r.end, r.mark_start, r.mark_end, depth=r.depth)
        assert (alone.kind, alone.kind_p, alone.kind_evidence, alone.cue_start) == (
            r.kind, r.kind_p, r.kind_evidence, None if pd.isna(r.cue_start) else r.cue_start,
        )  # fmt: skip
