"""Years among bare numbers: evidence for a year, counts and document numbers, the eval machinery."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.chronology import find_timexes
from helpers.evaluate.timex import (
    CORPORA,
    SPEECHES,
    YEAR_LABELS,
    _records,
    load_year_labels,
    predict_year_labels,
    year_number_starts,
    year_scores,
)
from helpers.timex_years import plausible, year_reading

DCT = "2020"


def years(text: str, dct: str | None = DCT) -> list[str]:
    """The four-digit numbers of ``text`` read as years, in text order."""
    found = find_timexes(text, dct=dct, dct_precision="year" if dct else None)
    return [text[s : s + 4] for s in year_number_starts(text, found)]


@pytest.mark.parametrize(
    "text",
    [
        "The Group was established in 1992.",
        "Since 1991, Georgia has been on a difficult road.",
        "We will cut emissions by 2030.",
        "The talks went on until 1996 and from 1997.",
        "resolution 836 (1993) on safe areas",  # the year in brackets, not the resolution
        "during 2016-2017 and the 2021–2030 period",
        "the optimism of 1989's revolutions",
        "founded in 1918 AD",
        "the hopes of 1945 remained unfulfilled",
        "In the year 2000, the Assembly met.",
        "the conclusion, no later than 1996, of the treaty",
        "but not later than 1996",
        "the post-2015 development agenda",
        "reduce emissions up to 2030",
        "I hope that this year, 2009, is when a new order begins.",
        "between now and 2020",
        "the goals that we set for 2020, and eventually 2050.",
        "the fiscal year 2018-2019",
        "from 49 per cent in 2003 to 11 per cent in 2009",
    ],
)
def test_numbers_with_evidence_are_years(text):
    found = years(text)
    assert found and found == re.findall(r"(?<!\d)\d{4}(?!\d)", text), (text, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 2015 agreement does not cover it.", ["2015"]),  # determiner: weak, plausible
        ("Agenda 2030 reconfirms it.", ["2030"]),  # a name: weak, plausible
        ("1945 marked a moment of promise.", ["1945"]),  # before a verb: weak, plausible
        ("their 1990 levels", ["1990"]),
        ("the 1540 Committee", []),  # a committee's number
        ("the 1267 sanctions Committee", []),
        ("the Ottoman 1540 decree", []),  # weak evidence, 480 years back: not plausible
        ("Security Council resolution 1325 (2000)", ["2000"]),
        ("resolutions 1373 (2001) and 1390 (2002)", ["2001", "2002"]),
        ("resolutions 822, 853 and 1244", []),
        ("as Security Council resolution 2009 (2011) says", ["2011"]),
        ("see document A/75/123 and S/2012/522 and A/59/2005", []),
        ("No. 1994 and Article 2020 of the law", []),
        ("1540 people were evacuated.", []),
        ("some 1540 were cited in the report", []),
        ("More than 1000 people have entered our borders.", []),
        ("1275 Azerbaijanis were taken hostage.", []),
        ("from 1120 US dollars in 2011 to 2290 US dollars in 2019", ["2011", "2019"]),
        ("the CASA-1000 project", []),
        ("2000 megawatts of wind energy", []),
        ("it cost $2000 or €1500", []),
        ("up to 2000 troops", []),
        ("a total of 1994 votes", []),
        ("an increase of 2000 per cent", []),
    ],
)
def test_years_and_not_years(text, expected):
    assert years(text) == expected


def test_list_of_years_shares_the_evidence():
    assert years("hurricanes in 2015, 2016, 2017, and 2018") == ["2015", "2016", "2017", "2018"]
    assert years("the Review Conferences of 1995 and 2000") == ["1995", "2000"]
    # a list of resolution numbers does not become years
    assert years("resolutions 1244, 1325 and 1540 apply") == []


def test_weak_evidence_needs_a_plausible_year():
    assert plausible(1905, 2013) and plausible(2063, 2020)
    assert not plausible(1540, 2004) and not plausible(2300, 2020)
    assert plausible(1850, None) and not plausible(1540, None)
    text = "the 1899 Arbitral Award"
    assert year_reading(text, 4, 8, 2020) and not year_reading(text, 4, 8, 2150)
    assert years("in 1540, the city fell", dct=None) == ["1540"]  # strong: any distance


def test_post_and_no_later_than_carry_their_mods():
    rows = find_timexes("the post-2015 agenda and a pre-1990 border", dct="2013")
    assert rows[["text", "value", "mod"]].values.tolist() == [
        ["post-2015", "2015", "AFTER"],
        ["pre-1990", "1990", "BEFORE"],
    ]
    assert find_timexes("no later than 1996", dct="1995")["value"].tolist() == ["1996"]


def test_year_scores_count_recall_and_false_positives():
    predicted = pd.DataFrame(
        {
            "label": ["year", "year", "not_year", "not_year", "year"],
            "predicted": [True, False, True, False, True],
            "split": ["dev", "dev", "dev", "dev", "held-out"],
        }
    )
    scores = year_scores(predicted).set_index("split")
    assert scores.loc["dev", "recall"] == 0.5 and scores.loc["dev", "false_positive_rate"] == 0.5
    assert scores.loc["held-out", "recall"] == 1.0
    assert pd.isna(scores.loc["held-out", "false_positive_rate"])
    assert scores.loc["all", "years"] == 3 and scores.loc["all", "not_years"] == 2


def test_labels_file_has_offsets_only():
    labels = pd.read_csv(YEAR_LABELS, sep="\t")
    assert list(labels.columns) == ["source", "start", "end", "label", "sample"]
    assert (labels["end"] - labels["start"] == 4).all()
    assert set(labels["label"]) == {"year", "not_year"}
    assert len(labels) >= 300


def test_labelled_numbers_are_read_well():
    if not SPEECHES.exists():
        pytest.skip(f"UN speeches not found at {SPEECHES} (needs ../shared next to the repo)")
    labels = load_year_labels()
    for source, rows in labels[~labels["source"].str.contains("#")].groupby("source"):
        text = (SPEECHES / source).read_text(encoding="utf-8")
        assert all(text[s : s + 4].isdigit() for s in rows["start"])
    sample = labels[labels["source"].str.startswith("context_1992_2024/RUS")]
    scores = year_scores(predict_year_labels(sample)).set_index("split")
    assert scores.loc["all", "recall"] >= 0.97
    assert scores.loc["all", "false_positive_rate"] <= 0.1


def test_white_house_numbers_bills_and_code_sections_are_not_years():
    source = CORPORA / "whitehouse-briefings" / "statements_releases_2021_2025.jsonl"
    if not source.exists():
        pytest.skip(f"White House corpus not found at {source} (needs ../shared next to the repo)")
    labels = load_year_labels()
    labels = labels[labels["split"].str.startswith("whitehouse")]
    assert set(labels["split"]) == {"whitehouse-random", "whitehouse-enriched"}
    records = _records(labels, CORPORA)
    for row in labels.itertuples():
        assert records[row.source][0][row.start : row.end].isdigit()
    some = sorted(set(labels["source"]))[::6]  # a sixth of the documents, for time
    scores = year_scores(predict_year_labels(labels[labels["source"].isin(some)]))
    scores = scores.set_index("split")
    assert scores.loc["all", "recall"] >= 0.95
    assert scores.loc["all", "false_positive_rate"] <= 0.05


@pytest.mark.parametrize(
    "text",
    ["Pursuant to 50 U.S.C. 1701 et seq., I report", "under 8 U.S.C. 1182(f) and 1185(a)",
     "Form 1040 Schedules C", "UNSCR 1701 during this period", "Presidential Determination No. 2024-05",
     "signed H.R. 2129 into law", "Executive Order 1400 on equity", "the Pelly Amendment (22 U.S.C. 1978)"],
)  # fmt: skip
def test_legal_and_document_numbers_are_not_years(text):
    assert not years(text, dct="2022-06-01")


def test_us_before_a_year_still_leaves_it_a_year():
    assert years("The U.S. 2050 net-zero goal and the U.S. 2023 host year of APEC", "2022") == [
        "2050", "2023"
    ]  # fmt: skip


def test_years_later_count_from_the_year_named_before_not_from_publication():
    text = "In 1915, a genocide began. 107 years later, we remember. Two decades later, peace."
    found = find_timexes(text, dct="2022-04-24")
    assert found.set_index("text").loc["107 years later", "value"] == "2022"
    assert found.set_index("text").loc["Two decades later", "value"] == "1935"
    alone = find_timexes("107 years later, we remember.", dct="2022-04-24")
    assert alone["value"].tolist() == ["XXXX"]  # from an undated event: no year
    plan = find_timexes("Five years later we will open it.", dct="2022-04-24")
    assert plan["value"].tolist() == ["2027"]
