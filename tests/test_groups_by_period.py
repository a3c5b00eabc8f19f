"""Groups that are periods of the publication date (group_by "year" / "publication_year"):
in memory and partition-wise, the same groups, sizes and chronology tables."""

from __future__ import annotations

import pandas as pd
import pytest
from samples import write_corpus

from helpers import pipeline_tables as pt
from helpers.chronology import chronology, textstat_referenced_years
from helpers.corpus import read_corpus
from helpers.groups import (
    choose_groups,
    group_column,
    group_sizes,
    pick_groups,
    with_group_column,
)
from helpers.pipeline import process
from helpers.preflight import InputProblem, check_inputs


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_PROCESSED", str(tmp_path / "processed"))
    path = write_corpus(tmp_path, n=12, extra_lines=('{"doc_id": "nodate", "text": "In 1994 x."}',))
    return path, process(path, out=tmp_path / "out", partition_bytes=600)


def test_aliases_name_the_derived_column_unless_the_docs_have_one():
    assert group_column("year", ["doc_id", "date"]) == "publication_year"
    assert group_column("pub_year", ["doc_id"]) == "publication_year"
    assert group_column("month", ["date"]) == "publication_month"
    assert group_column("year", ["doc_id", "year"]) == "year"  # a real column wins
    assert group_column("iso3", ["iso3"]) == "iso3" and group_column(None, []) is None


def test_with_group_column_derives_the_year_and_month_of_publication():
    docs = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "text": ["x", "y", "z"],
         "date": pd.to_datetime(["2021-03-04", "2022-12-31", None])}
    )  # fmt: skip
    by_year, name = with_group_column(docs, "year")
    assert name == "publication_year" and "publication_year" not in docs  # not altered
    assert by_year["publication_year"].tolist()[:2] == ["2021", "2022"]
    assert pd.isna(by_year["publication_year"].iloc[2])  # undated: in no group
    by_month, name = with_group_column(docs, "pub_month")
    assert name == "publication_month" and by_month[name].tolist()[:2] == ["2021-03", "2022-12"]
    same, name = with_group_column(docs, "doc_id")
    assert same is docs and name == "doc_id"


def test_period_groups_in_memory_equal_the_processed_ones(corpus):
    path, p = corpus
    assert len(p.partitions("docs")) > 2
    docs, by = with_group_column(read_corpus(path, cache=False, dedupe=False).docs, "year")
    assert by == pt.group_column(p, "year") == "publication_year"
    assert pt.has_column(p, "publication_year") and not pt.has_column(p, "publication_week")
    memory = group_sizes(docs, by)
    processed = pt.group_sizes(p, by)
    assert set(memory["group"]) == {"2019", "2020", "2021", "(none)"}
    assert dict(zip(memory["group"], memory["n_docs"], strict=True)) == dict(
        zip(processed["group"], processed["n_docs"], strict=True)
    )
    assert choose_groups(docs, by, note=False) == ["2019", "2020", "2021"]
    assert choose_groups(pt.read_docs(p, ["doc_id", "n_words", by]), by, note=False) == [
        "2019", "2020", "2021"
    ]  # fmt: skip
    years = textstat_referenced_years(chronology(docs, by), group_by=by)
    pd.testing.assert_frame_equal(
        pt.textstat_referenced_years(p, by).astype({by: "str"}),
        years.fillna({by: "(none)"}).sort_values([by, "year"]).reset_index(drop=True),
        check_dtype=False,
    )
    timeline = pt.textstat_publication_timeline(p, "year", by)
    dated = timeline[timeline["period"] != "undated"]
    assert (dated["period"] == dated[by]).all() and len(dated) == 3


def test_preflight_accepts_year_groups_and_explains_a_clash(corpus, tmp_path):
    path, _ = corpus
    summary = check_inputs({"corpus": str(path), "group_by": "year"}, explicit=["group_by"])
    assert summary.endswith("GROUP_BY=year: 3 groups")
    ok = check_inputs(
        {"corpus": str(path), "group_by": "year", "target": "2021", "groups": ["2019", "2021"]},
        explicit=["group_by", "target", "groups"],
    )
    assert ok.endswith("3 groups")
    with pytest.raises(InputProblem, match="2030 is not a value of GROUP_BY=year"):
        check_inputs({"corpus": str(path), "group_by": "year", "groups": ["2030"]},
                     explicit=["group_by", "groups"])  # fmt: skip
    with pytest.raises(InputProblem, match="publication_year or year"):
        check_inputs({"corpus": str(path), "group_by": "country"}, explicit=["group_by"])
    clash = tmp_path / "clash.jsonl"
    clash.write_text('{"doc_id": "a", "text": "In 1994 x.", "date": "2020-01-01", "year": "y"}\n')
    with pytest.raises(InputProblem, match="use GROUP_BY=publication_year"):
        check_inputs({"corpus": str(clash), "group_by": "year"}, explicit=["group_by"])


def test_periods_are_shown_in_time_order_and_keyness_takes_the_two_largest():
    sizes = [("2023", 5), ("2021", 2), ("2022", 7), ("2020", 4)]
    dates = [f"{year}-06-01" for year, n in sizes for _ in range(n)]
    docs = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(dates))],
            "text": "a b",
            "date": pd.to_datetime(dates),
        }
    )
    docs, by = with_group_column(docs, "year")
    chosen = choose_groups(docs, by, min_docs=3, note=False)
    assert chosen == ["2020", "2022", "2023"]  # 2021 too small; the rest in time order
    assert pick_groups(docs, by, groups=chosen, note=False) == ("2022", "2023")
    assert pick_groups(docs, by, "2020", "2023", groups=chosen, note=False) == ("2020", "2023")
