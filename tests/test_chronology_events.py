"""Events, chronology tables and charts: the seed's timeline, corpus tables, edge cases."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.chronology import (
    chronology,
    document_timeline,
    event_label,
    find_events,
    format_publication,
    referenced_window,
    richest_document,
    textplot_decade_heatmap,
    textplot_publication_timeline,
    textplot_referenced_years,
    textplot_timeline,
    textstat_decade_matrix,
    textstat_earliest_mentions,
    textstat_historical_depth,
    textstat_publication_timeline,
    textstat_referenced_outliers,
    textstat_referenced_years,
    value_point,
)
from helpers.chronology_tables import usable_label
from helpers.paths import ROOT

WORDS = ["The", "war", "began", "in", "1988", ".", "On", "31", "March", "elections", "took", "place",
         "the", "1994", "ceasefire", "agreement", ",", "–", "“", "”", "today", "was", "signed", "\n\n",
         "Mr.", "U.S.", "last", "week", "that", "when"]  # fmt: skip
SEED = ROOT.parent / "shared" / "seed" / "000_b9ae1a64affd447b.txt"
BODY = (
    "The letter dated 15 April 2020 from the Permanent Representative was published. "
    "The letter says it is not a coincidence that these so-called “elections” took place on "
    "31 March – the Day of Genocide, commemorated in memory of those killed as a result of "
    "Armenian offensives in 1918.\n\nThe conflict between the two South Caucasus countries "
    "began in 1988 when Armenia made territorial claims. The 1994 ceasefire agreement was "
    "followed by peace negotiations."
)


def test_seed_events_are_labelled():
    events = find_events(BODY, "2020-04-24")
    got = list(zip(events["value"], events["label"], strict=True))
    assert got == [
        ("2020-04-15", "letter dated"),
        ("2020-03-31", "elections took place"),
        ("1918", "Armenian offensives"),
        ("1988", "conflict began"),
        ("1994", "ceasefire agreement"),
    ]
    for row in events.itertuples():
        assert (
            row.sent_start
            <= row.clause_start
            <= row.start
            < row.end
            <= row.clause_end
            <= row.sent_end
        )
        assert BODY[row.label_start : row.label_end].startswith(row.label.split()[0])
        assert row.label.split()[-1] in BODY[row.label_start : row.label_end]


def test_event_label_rules():
    text = "Fighting broke out in 2016 and lasted four days."
    events = find_events(text, "2020-01-01")
    assert events.iloc[0]["label"] == "Fighting broke out"
    assert event_label("1918.", (0, 5), (0, 4)) == ("", -1, -1)


def test_points_and_years():
    assert value_point("1918") == pd.Timestamp("1918-01-01")
    assert value_point("2020-03") == pd.Timestamp("2020-03-01")
    assert value_point("2020-W17") == pd.Timestamp("2020-04-20")
    assert value_point("1989-Q3") == pd.Timestamp("1989-07-01")
    assert value_point("1998-SU") == pd.Timestamp("1998-06-01")
    assert value_point("199") == pd.Timestamp("1990-01-01")
    assert value_point("19") == pd.Timestamp("1900-01-01")
    assert value_point("2020-04-24TMO") == pd.Timestamp("2020-04-24")
    for vague in ("XXXX-03-31", "PRESENT_REF", "P6Y"):
        assert pd.isna(value_point(vague))
    events = find_events("Founded in 1275, rebuilt in 1918.", "2020-01-01")
    assert events["year"].tolist() == [1275, 1918]  # before 1677: still representable


def _docs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": [BODY, "In 1915 and in 1988 it began. Last year, talks failed.", "No dates."],
            "date": pd.to_datetime(["2020-04-24", "2021-09-21", None]),
            "iso3": ["AZE", "ARM", "ARM"],
        }
    )


def test_chronology_tables():
    docs = _docs()
    chron = chronology(docs, group_by="iso3")
    assert {"doc_id", "iso3", "published", "pub_year", "label", "depth"} <= set(chron.columns)
    b = chron[chron["doc_id"] == "b"]
    assert b["value"].tolist() == ["1915", "1988", "2020"]
    assert b["depth"].tolist() == [106, 33, 1]
    years = textstat_referenced_years(chron, group_by="iso3")
    arm = years[years["iso3"] == "ARM"].set_index("year")["n_mentions"].to_dict()
    assert arm == {1915: 1, 1988: 1, 2020: 1}
    depth = textstat_historical_depth(chron, group_by="iso3").set_index("iso3")
    assert depth.loc["ARM", "top_past_years"] == "1915, 1988"
    assert depth.loc["AZE", "p5_year"] == 1918
    assert pd.isna(depth.loc["AZE", "earliest_shared"])  # every year in one document only
    matrix = textstat_decade_matrix(chron)
    assert matrix.loc[matrix["pub_year"] == 2021, "decade"].tolist() == [1910, 1980, 2020]
    pub = textstat_publication_timeline(docs, group_by="iso3")
    assert pub.to_dict("records") == [
        {"period": "2020", "iso3": "AZE", "n_docs": 1},
        {"period": "2021", "iso3": "ARM", "n_docs": 1},
        {"period": "undated", "iso3": "ARM", "n_docs": 1},
    ]
    assert richest_document(chron) == "a"


def test_chronology_of_documents_without_dates_or_timexes():
    docs = pd.DataFrame({"doc_id": ["x"], "text": ["Nothing here."], "date": [pd.NaT]})
    chron = chronology(docs)
    assert chron.empty and "depth" in chron.columns
    assert textstat_referenced_years(chron).empty
    assert richest_document(chron) is None
    undated = chronology(
        pd.DataFrame({"doc_id": ["y"], "text": ["On 31 March, in 1918."], "date": [pd.NaT]})
    )
    assert undated["value"].tolist() == ["XXXX-03-31", "1918"]
    assert undated["depth"].isna().all()


def test_document_timeline_and_charts(tmp_path):
    docs = _docs()
    chron = chronology(docs, group_by="iso3")
    timeline = document_timeline(chron, "a", published=docs.loc[0, "date"])
    assert timeline["value"].tolist() == [
        "1918",
        "1988",
        "1994",
        "2020-03-31",
        "2020-04-15",
        "2020-04-24",
    ]
    assert timeline["label"].iloc[-1] == "article published"
    assert len(document_timeline(chron, "a", max_events=3)) == 3
    fig, data = textplot_timeline(timeline, reference=docs.loc[0, "date"])
    assert data["days_from_reference"].tolist()[-1] == 0
    assert (data["days_from_reference"].iloc[:-1] < 0).all()
    plt.close(fig)
    for fig, data in (
        textplot_publication_timeline(
            textstat_publication_timeline(docs, group_by="iso3"), group_by="iso3"
        ),
        textplot_referenced_years(
            textstat_referenced_years(chron, group_by="iso3"), group_by="iso3"
        ),
        textplot_decade_heatmap(textstat_decade_matrix(chron)),
    ):
        assert isinstance(data, pd.DataFrame) and not data.empty
        plt.close(fig)


def test_seed_corpus_timeline():
    if not SEED.exists():
        pytest.skip(f"seed not found at {SEED} (needs ../shared next to the repo)")
    from helpers.corpus import read_corpus

    docs = read_corpus(SEED, progress=False).docs
    chron = chronology(docs)
    timeline = document_timeline(chron, docs["doc_id"].iloc[0], published=docs["date"].iloc[0])
    assert timeline["value"].tolist() == [
        "1918",
        "1988",
        "1994",
        "2020-03-31",
        "2020-04-15",
        "2020-04-24",
    ]
    assert timeline["label"].tolist() == [
        "Armenian offensives", "conflict began", "ceasefire agreement", "elections took place",
        "letter dated", "article published",
    ]  # fmt: skip


def test_timeline_reaches_before_1677():
    docs = pd.DataFrame(
        {
            "doc_id": ["m"],
            "text": ["Built in 1275, burnt in 1918."],
            "date": pd.to_datetime(["2020-01-01"]),
        }
    )
    chron = chronology(docs)
    timeline = document_timeline(chron, "m", published=docs.loc[0, "date"])
    assert timeline["value"].tolist() == ["1275", "1918", "2020-01-01"]
    fig, data = textplot_timeline(timeline, reference=docs.loc[0, "date"])
    assert data["days_from_reference"].iloc[0] == -272105  # 1275-01-01 to 2020-01-01
    plt.close(fig)


def test_publication_timeline_without_groups():
    docs = _docs()
    fig, data = textplot_publication_timeline(textstat_publication_timeline(docs))
    assert data.to_dict("records") == [
        {"period": "2020", "n_docs": 1},
        {"period": "2021", "n_docs": 1},
        {"period": "undated", "n_docs": 1},
    ]
    plt.close(fig)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.sampled_from([None, "2020-04-24"]))
def test_events_never_raise_and_spans_nest(words, dct):
    text = " ".join(words)
    for row in find_events(text, dct).itertuples():
        assert (
            row.sent_start
            <= row.clause_start
            <= row.start
            < row.end
            <= row.clause_end
            <= row.sent_end
        )
        assert (row.label_start, row.label_end) == (
            -1,
            -1,
        ) or 0 <= row.label_start < row.label_end <= len(text)


def test_missing_group_values_are_kept():
    docs = _docs().assign(iso3=["AZE", None, None])
    chron = chronology(docs, group_by="iso3")
    years = textstat_referenced_years(chron, group_by="iso3")
    assert years["n_mentions"].sum() == len(
        chron[chron["granularity"].isin(["year", "month", "day"])]
    )
    depth = textstat_historical_depth(chron, group_by="iso3")
    assert len(depth) == 2 and depth["iso3"].isna().sum() == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The conflict began in 1988.", ["conflict began"]),
        ("The ceasefire was signed in May 1994.", ["ceasefire signed"]),
        ("Elections were held on 31 March 2020.", ["Elections held"]),
        ("Armenia held so-called “elections” on 31 March 2020.", ["Armenia held elections"]),
        ("Talks will be held in Vienna in 2021.", ["Talks will be held"]),
        ("The United Nations was founded in 1945.", ["United Nations founded"]),
        ("In 2008, Russia invaded Georgia.", ["Russia invaded Georgia"]),
        ("We signed the agreement in 1994.", ["We signed agreement"]),  # the verb's object
        ("The Council adopted four resolutions in 1993.", ["Council adopted resolutions"]),
        ("As I had warned in 2017, it failed.", ["I warned"]),
        ("This year marks the 60th anniversary.", ["marks anniversary"]),
        ("The Summit, held in Budapest in December 1994, agreed.", ["Summit held"]),
        (
            "We implement the 2030 Agenda for Sustainable Development.",
            ["Agenda for Sustainable Development"],
        ),  # fmt: skip
        (
            "the Madrid Conference of 1991 and the decree signed on 7 July 2021",
            ["Madrid Conference", "decree signed"],
        ),  # fmt: skip
        # never a bare unit or place
        ("The regime ruled for 20 years from 1998 to 2018.", ["regime ruled"] * 3),
        (
            "Azerbaijan chaired the Movement at its Summit in Baku in October 2019.",
            ["Azerbaijan chaired Movement"],
        ),  # fmt: skip
        ("the Conferences of Helsinki in 2008 and Vilnius in 2011", ["", ""]),
        ("Where was Israel in 1947?", [""]),  # a copula's name alone
        ("Income doubled, from 1120 US dollars in 2011.", ["Income doubled"]),  # a currency
        # a year before a participle does not premodify it; a noun after "opening the" is
        # the object of the verb, not what the timex dates
        (
            "The Council adopted four resolutions in 1993 demanding withdrawal.",
            ["Council adopted resolutions"],
        ),  # fmt: skip
        ("Armenia was opening the floodgates during the winter.", ["Armenia opening floodgates"]),
        ("This year, 1998, has been difficult.", ["difficult", "difficult"]),  # a complement
        ("In 2024, Switzerland is a candidate.", ["Switzerland is candidate"]),  # and its name
        ("Today it is necessary to create platforms.", ["create platforms"]),  # its infinitive
        # an adverb's verb, with the auxiliaries before the timex
        ("We must now act to protect them.", ["We must act"]),
        ("Turkey currently hosts four million refugees.", ["Turkey hosts"]),
        # one word after "the" keeps its timex
        ("They returned to the 1967 borders.", ["1967 borders"]),
        ("We are committed to the 2030 Agenda.", ["2030 Agenda"]),
        ("They met since their joint September 27 meeting.", ["September 27 meeting"]),
        ("It will respond, as it did in April 2016.", [""]),  # a bare auxiliary: no label
    ],
)
def test_labels_are_predicate_and_argument(text, expected):
    assert find_events(text, "2020", dct_precision="year")["label"].tolist() == expected


def test_depth_is_robust_to_a_stray_year_and_shows_its_sentences():
    texts = [f"In 1992 the war began. In {y} talks were held." for y in range(1995, 2015)]
    texts[0] += " The town was founded in 1267."  # one old year in one document
    texts[1] += " They met in 1918."
    texts[2] += " They met in 1918 again."
    docs = pd.DataFrame(
        {
            "doc_id": [f"d{i:02d}" for i in range(20)],
            "text": texts,
            "date": pd.to_datetime(["2020-01-01"] * 20),
            "date_precision": ["year"] * 20,
            "iso3": ["ARM"] * 20,
        }
    )
    chron = chronology(docs, group_by="iso3")
    depth = textstat_historical_depth(chron, group_by="iso3").set_index("iso3")
    assert list(depth.columns) == [
        "n_mentions", "median_depth", "p90_depth", "share_past", "earliest_shared", "p5_year",
        "top_past_years",
    ]  # fmt: skip
    assert depth.loc["ARM", "earliest_shared"] == 1918  # 1267 is in one document only
    assert depth.loc["ARM", "p5_year"] == 1918  # 43 mentions: the 3rd earliest, not 1267
    earliest = textstat_earliest_mentions(chron, docs, group_by="iso3", n=3)
    assert earliest["year"].tolist() == [1267, 1918, 1918]
    assert earliest.loc[0, "sentence"] == "The town was founded in 1267."
    row = earliest.iloc[0]
    assert docs.loc[0, "text"][row.start : row.end] == "1267" == row.text


def test_year_precision_publication_is_the_whole_year():
    text = (
        "Today we meet. This year the war ended in March. The war began in 1992. "
        "We will reach the goals by 2030."
    )
    docs = pd.DataFrame(
        {
            "doc_id": ["s"],
            "text": [text],
            "date": pd.to_datetime(["2020-01-01"]),
            "date_precision": ["year"],
        }  # fmt: skip
    )
    chron = chronology(docs)
    assert chron.loc[chron["text"] == "Today", "value"].item() == "2020"
    timeline = document_timeline(chron, "s", published=docs.loc[0, "date"], precision="year")
    assert timeline["value"].tolist() == ["1992", "2020", "2020-03", "2030"]
    pub = timeline[timeline["start"] < 0].iloc[0]
    assert (pub["value"], pub["granularity"], pub["when"]) == ("2020", "year", "published")
    # "today" and "this year" restate the publication: no separate rows
    assert timeline["when"].tolist() == ["before", "published", "during", "after"]
    fig, data = textplot_timeline(timeline, reference=docs.loc[0, "date"])
    row = data.set_index("value")
    assert row.loc["2020", "days_from_reference"] == -366  # 2020 is a leap year
    assert row.loc["2020", "span_days"] == 366  # drawn as the whole year, not 1 January
    assert row.loc["2020-03", "days_from_reference"] < 0  # March 2020: not after publication
    assert row.loc["2030", "days_from_reference"] > 0  # a target: after it
    assert fig.axes[0].get_xlabel().startswith("time before the end of 2020")
    plt.close(fig)
    assert format_publication(docs.loc[0, "date"], "year") == "2020"
    assert format_publication(pd.Timestamp("2020-04-24")) == "2020-04-24"


def test_referenced_years_chart_focuses_and_lists_outliers():
    years = pd.DataFrame(
        {
            "iso3": [f"G{i:02d}" for i in range(12) for _ in range(3)],
            "year": [1267, 1994, 2050] * 12,
            "n_mentions": [1, 40, 3] * 12,
            "n_docs": [1, 10, 2] * 12,
        }
    )
    fig, data = textplot_referenced_years(years, group_by="iso3", latest=2020)
    assert referenced_window(years, 2020) == (1870, 2070)
    assert set(data["year"]) == {1994, 2050} and data["iso3"].nunique() == 12
    assert data["area"].max() == 260.0
    legend = fig.axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["1", "10", "50"]
    assert legend.get_title().get_text() == "mentions"
    assert any("Not drawn: 12 mentions of 1 year outside" in t.get_text() for t in fig.texts)
    plt.close(fig)
    outliers = textstat_referenced_outliers(years, group_by="iso3", latest=2020)
    assert outliers["year"].unique().tolist() == [1267] and len(outliers) == 12


def test_timeline_leaves_out_events_without_a_usable_label():
    text = (
        "In 1992 the OSCE Minsk Group was established. 2018. 2019. "
        "We cut gas emissions by 35% by 2030 compared to 1990. Today we speak."
    )
    docs = pd.DataFrame(
        {
            "doc_id": ["statements-releases/2021-01/a-very-long-document-id-of-a-statement"],
            "text": [text],
            "date": pd.to_datetime(["2021-01-01"]),
            "date_precision": ["year"],
        }
    )
    doc_id = docs.loc[0, "doc_id"]
    chron = chronology(docs)
    timeline = document_timeline(chron, doc_id, published=docs.loc[0, "date"], precision="year")
    assert timeline["doc_id"].eq(doc_id).all()
    shown = timeline[timeline["drawn"]]
    hidden = timeline[~timeline["drawn"]]
    assert "1990" in set(hidden["value"])  # "commitment compared": a yardstick, not an event
    assert (hidden["label"].eq("") | ~hidden["label"].map(usable_label)).all()
    assert shown["label"].map(usable_label).all()
    fig, data = textplot_timeline(timeline, reference=docs.loc[0, "date"], title="t")
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert "published in 2021 (day unknown)" in labels
    assert not any(label.startswith(("(", "2019", "commitment")) for label in labels)
    assert set(data["value"]) == set(shown["value"])
    assert data["doc_id"].eq(doc_id).all()  # the full id goes to the CSV
    pub_line = [line for line in fig.axes[0].lines if line.get_color() == "tab:red"]
    assert pub_line and max(line.get_linewidth() for line in pub_line) <= 2  # a thin marker
    assert any("Not drawn" in t.get_text() for t in fig.texts)
    plt.close(fig)
    assert not usable_label("") and not usable_label("commitment compared")
    assert usable_label("ceasefire signed") and usable_label("capitulation")


def test_decade_heat_map_has_a_row_for_every_decade_in_its_range():
    matrix = pd.DataFrame(
        {"pub_year": [2020, 2020, 2021], "decade": [1850, 1990, 2030], "n_mentions": [1, 4, 2]}
    )
    fig, _ = textplot_decade_heatmap(matrix)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plt.close(fig)
    assert labels == ["before 1900", "1900s", "1910s", "1920s", "1930s", "1940s", "1950s",
                      "1960s", "1970s", "1980s", "1990s", "2000s", "2010s", "2020s", "2030s"]  # fmt: skip
