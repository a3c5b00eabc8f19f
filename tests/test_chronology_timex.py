"""find_timexes: every expression class of issue #5, the seed's seven dates, edge cases, properties."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.chronology import find_timexes
from helpers.paths import ROOT

DCT = "2020-04-24"  # a Friday
SEED = ROOT.parent / "shared" / "seed" / "000_b9ae1a64affd447b.txt"


def one(text: str, dct: object = DCT, dct_precision: str | None = None) -> dict:
    """The single timex found in ``text`` (fails if there is not exactly one)."""
    found = find_timexes(text, dct=dct, dct_precision=dct_precision)
    assert len(found) == 1, found[["text", "value"]].to_dict("records")
    return found.iloc[0].to_dict()


def values(text: str, dct: object = DCT) -> list[tuple[str, str, str]]:
    return [(r.text, r.type, r.value) for r in find_timexes(text, dct=dct).itertuples()]


def test_columns_and_offsets():
    text = "The vote took place on 31 March 2020."
    found = find_timexes(text, dct=DCT)
    assert list(found.columns[:5]) == ["start", "end", "text", "type", "value"]
    assert {"mod", "granularity", "anchor"} <= set(found.columns)
    row = found.iloc[0]
    assert text[row.start : row.end] == row.text == "31 March 2020"


@pytest.mark.parametrize(
    ("text", "typ", "value", "granularity"),
    [
        ("in 1918", "DATE", "1918", "year"),
        ("in March 2020", "DATE", "2020-03", "month"),
        ("on 31 March", "DATE", "2020-03-31", "day"),
        ("BAKU, April 24", "DATE", "2020-04-24", "day"),
        ("on 15 April 2020", "DATE", "2020-04-15", "day"),
        ("on April 15, 2020", "DATE", "2020-04-15", "day"),
        ("on Aug. 7, 1998", "DATE", "1998-08-07", "day"),
        ("on 2020-04-24", "DATE", "2020-04-24", "day"),
        ("in the 1990s", "DATE", "199", "decade"),
        ("in the 20th century", "DATE", "19", "century"),
        ("in the nineteenth century", "DATE", "18", "century"),
        ("in the third quarter of 1989", "DATE", "1989-Q3", "quarter"),
        ("this summer", "DATE", "2020-SU", "season"),
    ],
)
def test_dates_keep_their_granularity(text, typ, value, granularity):
    row = one(text)
    assert (row["type"], row["value"], row["granularity"]) == (typ, value, granularity)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It happened last week.", "2020-W16"),
        ("It happened two years ago.", "2018"),
        ("It happened yesterday.", "2020-04-23"),
        ("They met today.", "2020-04-24"),
        ("They will meet tomorrow.", "2020-04-25"),
        ("It happened last month.", "2020-03"),
        ("It happened last year.", "2019"),
        ("They meet next year.", "2021"),
        ("It happened three days ago.", "2020-04-21"),
        ("It happened six weeks ago.", "2020-W11"),
    ],
)
def test_relative_dates_resolve_against_the_dct(text, value):
    assert one(text)["value"] == value


def test_the_future_in_a_name_is_not_a_time():
    assert find_timexes("The Pact for the Future is a blueprint.", DCT).empty
    assert find_timexes("They met at the Summit of the Future.", DCT).empty
    assert find_timexes("She was named Supervisor of the Year.", DCT).empty
    assert find_timexes("We met at the end of the year.", DCT)["value"].tolist() == ["2020"]
    assert find_timexes("In the future we will act.", DCT)["value"].tolist() == ["FUTURE_REF"]


def test_weekday_and_part_of_day_follow_tense():
    # DCT is Friday 24 April 2020: past tense -> the Tuesday before, future -> the next one
    assert one("The talks collapsed on Tuesday.")["value"] == "2020-04-21"
    assert one("The talks will resume on Tuesday.")["value"] == "2020-04-28"
    row = one("The talks collapsed on Friday afternoon.")
    assert (row["type"], row["value"]) == ("TIME", "2020-04-24TAF")
    assert one("They spoke on Wednesday morning.")["value"] == "2020-04-22TMO"


def test_month_without_year_uses_tense():
    assert one("Elections were held in December.")["value"] == "2019-12"
    assert one("Elections will be held in December.")["value"] == "2020-12"


def test_durations_and_modifiers():
    row = one("The war lasted six years.")
    assert (row["type"], row["value"], row["mod"]) == ("DURATION", "P6Y", "")
    row = one("The occupation lasted more than six years.")
    assert (row["text"], row["value"], row["mod"]) == ("more than six years", "P6Y", "MORE_THAN")
    assert one("for about 30 days")["mod"] == "APPROX"
    assert one("a 16-hour flight")["value"] == "PT16H"
    assert one("the past two months")["value"] == "P2M"
    assert one("for 2 1/2 years")["value"] == "P2Y6M"
    assert one("nearly three decades")["value"] == "P30Y"


def test_sets():
    assert (
        one("The body meets every year.")["type"],
        one("The body meets every year.")["value"],
    ) == ("SET", "P1Y")
    assert one("published daily")["value"] == "P1D"
    assert one("every Friday")["value"] == "XXXX-WXX-5"
    assert one("twice a week")["type"] == "SET"


def test_year_ranges_give_both_years():
    assert values("during 2007-2008") == [("2007", "DATE", "2007"), ("2008", "DATE", "2008")]
    assert values("in 1992–94") == [("1992", "DATE", "1992"), ("94", "DATE", "1994")]


def test_references_to_present_past_future():
    assert one("The region is now calm.")["value"] == "PRESENT_REF"
    assert one("Talks resumed recently.")["value"] == "PAST_REF"
    assert one("Peace may come in the future.")["value"] == "FUTURE_REF"


def test_clock_times():
    row = one("The vote closed at 10:35 a.m. Wednesday.")
    assert (row["type"], row["value"]) == ("TIME", "2020-04-22T10:35")
    assert one("at noon")["value"] == "2020-04-24T12:00"


def test_without_dct_relative_values_keep_placeholders():
    assert one("on 31 March", dct=None)["value"] == "XXXX-03-31"
    assert one("on Friday", dct=None)["value"] == "XXXX-WXX-5"
    assert one("last week", dct=None)["value"] == "XXXX-WXX"
    assert one("two years ago", dct=None)["value"] == "XXXX"
    assert one("yesterday", dct=None)["value"] == "XXXX-XX-XX"
    assert one("in 1918", dct=None)["value"] == "1918"  # absolute: unchanged
    assert one("on 31 March", dct=None)["anchor"] == ""


def test_dct_forms_are_equivalent():
    text = "It happened last week."
    expected = find_timexes(text, dct="2013-03-22")
    for dct in (pd.Timestamp("2013-03-22"), pd.Timestamp("2013-03-22").date(), "2013-03-22T10:00"):
        pd.testing.assert_frame_equal(find_timexes(text, dct=dct), expected)
    assert find_timexes(text, dct=pd.NaT).iloc[0]["value"] == "XXXX-WXX"


def test_impossible_dates_are_not_dates():
    assert find_timexes("on 31 February", dct=DCT).empty
    assert find_timexes("on 30 February 2020", dct=DCT).empty
    assert find_timexes("on 29 February 2019", dct=DCT).empty
    assert one("on 29 February 2020")["value"] == "2020-02-29"
    assert one("on 29 February", dct=None)["value"] == "XXXX-02-29"


def test_two_digit_years():
    assert one("on Aug. 7, '98")["value"] == "1998-08-07"
    assert one("on Aug. 7, '98", dct=None)["value"] == "XX98-08-07"
    assert one("in the '90s")["value"] == "199"
    assert find_timexes("He scored 98 points in 12 games.", dct=DCT).empty


@pytest.mark.parametrize(
    "text",
    [
        "Armenian armed forces occupied 20 percent of Azerbaijan.",
        "Some 1,000 troops were deployed.",
        "About 1500 people fled.",
        "The fund holds $2000 and 2020 shares.",
        "Turnout was 1994 votes.",
        "The 6-year-old boy was rescued.",
        "Prices may fall; she may march.",
        "Consistent with section 1215(d) of the Act.",
        '<img width="1431" height="1658" sizes="(max-width: 1427px) 100vw">',
    ],
)
def test_numbers_that_are_not_dates(text):
    assert find_timexes(text, dct=DCT).empty


def test_results_never_depend_on_today():
    text = "Yesterday, last week and on 31 March; two years ago."
    assert find_timexes(text, dct=DCT).equals(find_timexes(text, dct=DCT))
    assert all("X" in v for v in find_timexes(text)["value"])


def test_seed_raw_file_has_exactly_seven_dates():
    if not SEED.exists():
        pytest.skip(f"seed not found at {SEED} (needs ../shared next to the repo)")
    text = SEED.read_text(encoding="utf-8")
    found = find_timexes(text, dct="2020-04-24")
    assert list(zip(found["text"], found["value"], strict=True)) == [
        ("2020-04-24", "2020-04-24"),
        ("April 24", "2020-04-24"),
        ("15 April 2020", "2020-04-15"),
        ("31 March", "2020-03-31"),
        ("1918", "1918"),
        ("1988", "1988"),
        ("1994", "1994"),
    ]
    for row in found.itertuples():
        assert text[row.start : row.end] == row.text


def test_empty_and_plain_text():
    assert find_timexes("", dct=DCT).empty
    assert list(find_timexes("", dct=DCT).columns[:5]) == ["start", "end", "text", "type", "value"]
    assert find_timexes("No dates here at all.", dct=DCT).empty


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 -/.,'aAMmprJjFfSsOoNnDdyYeE\n")) | st.characters(), max_size=200),
       st.sampled_from([None, "2020-04-24", "1999-12-31"]))  # fmt: skip
def test_never_raises_and_offsets_are_valid(text, dct):
    found = find_timexes(text, dct=dct)
    last_end = 0
    for row in found.itertuples():
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start : row.end] == row.text
        assert row.start >= last_end  # sorted, not overlapping
        last_end = row.end
        assert row.type in {"DATE", "TIME", "DURATION", "SET"}
        assert row.value


WORDS = ["in", "on", "March", "31", "1918", "last", "week", "two", "years", "ago", "Friday",
         "the", "1990s", "every", "day", "more", "than", "six", "2007-2008", "'98", "at", "5", "p.m.",
         "February", "29", "30", "quarter", "third", "now", "century", "20th", ","]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.sampled_from([None, "2020-04-24"]))
def test_word_soup_never_raises(words, dct):
    text = " ".join(words)
    found = find_timexes(text, dct=dct, dct_precision="year" if dct and len(words) % 2 else None)
    for row in found.itertuples():
        assert text[row.start : row.end] == row.text


def test_ordinals_are_not_durations():
    assert find_timexes("at its fifty-second session", dct=DCT).empty
    assert one("for twenty seconds")["value"] == "PT20S"


def test_year_precision_dct_keeps_day_anchored_values_to_the_year():
    for text in ("Governments face today many challenges.", "This year we met.", "They met today."):
        row = one(text, dct="1997", dct_precision="year")
        assert (row["value"], row["granularity"], row["anchor"]) == ("1997", "year", "1997")
    assert one("Last year the treaty was signed.", dct="1997", dct_precision="year")["value"] == (
        "1996"
    )
    assert one("on 31 March 1996", dct="1997", dct_precision="year")["value"] == "1996-03-31"
    row = one("We will meet tonight.", dct="2020", dct_precision="year")
    assert (row["type"], row["value"]) == ("DATE", "2020")
    # months and days without a year are placed from the middle of the year, not 1 January
    assert one("The summit took place on 15 November.", dct="2020", dct_precision="year")[
        "value"
    ] == ("2020-11-15")
    assert one("We met last March.", dct="2020", dct_precision="year")["value"] == "2020-03"
    assert one("We met last December.", dct="2020", dct_precision="year")["value"] == "2019-12"
    assert one("two years ago", dct="2020", dct_precision="year")["value"] == "2018"
    # a DCT known to the month keeps day-anchored values to the month
    row = one("They met yesterday.", dct="2020-04", dct_precision="month")
    assert (row["value"], row["granularity"]) == ("2020-04", "month")


def test_anchor_marks_values_resolved_from_the_dct():
    found = find_timexes("Now, in 1918, last week, for six years, on 31 March.", dct=DCT)
    anchors = dict(zip(found["text"], found["anchor"], strict=True))
    assert anchors == {"Now": "", "1918": "", "last week": DCT, "six years": "", "31 March": DCT}


def test_vague_one_day_and_the_year_before_a_number():
    assert one("I believe that one day we will have to do it.")["value"] == "FUTURE_REF"
    assert one("It took one day to fix.")["value"] == "P1D"
    assert values("in the year 2000, the session") == [("2000", "DATE", "2000")]
    assert values("revenue for the year ended March 31") == [
        ("the year", "DURATION", "P1Y"),
        ("March 31", "DATE", "2020-03-31"),
    ]


def test_a_day_or_month_before_last_year_takes_that_year():
    text = "on the 27th September last year, and in March next year"
    found = find_timexes(text, dct="2021", dct_precision="year")
    assert found["value"].tolist()[:1] == ["2020-09-27"]
    assert "2022-03" in found["value"].tolist()


@pytest.mark.parametrize("dct", ["0001-01-01", "9999-12-31"])
def test_anchors_at_the_ends_of_the_calendar_stay_unresolved(dct):
    text = "Yesterday the council met. Tomorrow talks resume. Last year the war ended."
    values = find_timexes(text, dct)["value"].tolist()
    assert len(values) == 3
    assert any("X" in v for v in values)  # the step past year 1 or 9999 has no value
