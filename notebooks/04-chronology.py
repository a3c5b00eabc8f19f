# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · Chronology
#
# Framing works through time: a text about a 2020 vote can tie it to 1918, 1988 and the 1994
# ceasefire. This notebook finds every temporal expression, normalises it to TimeML TIMEX3
# (granularity kept: `1918` is a year, `2020-03-31` a day), anchors relative expressions
# ("last week", "31 March") to the publication date, links each to the event it dates, and
# draws the chronology of one document and of the corpus.
#
# With `processed` (the key or folder of a finished `helpers.pipeline` run, `make process`)
# the notebook renders from the pipeline's Parquet tables instead, a partition at a time,
# without reading the corpus: the tables and charts are the same.
#
# Default corpus: the seed article in `data/raw/` (Trend News Agency, Baku, 2020-04-24).

# %% tags=["parameters"]
corpus = "../data/raw"  # a file, folder or glob read with helpers.corpus.read_corpus
processed = ""  # key or folder of a finished helpers.pipeline run (make process); empty: read corpus
group_by = "outlet"  # docs column to compare groups by, e.g. "iso3" (UN speeches); "year" or "month": of publication
reports = "../reports"  # charts go to <reports>/figures as PNG + CSV
columns = {}  # read_corpus columns mapping: field → column of your files, e.g. {"text": "speech_body"}
focus_doc = ""  # doc_id whose event timeline is drawn (empty: the one with most dated events)
years_of_interest = [1915, 1918, 1988, 1992, 1994, 2020]  # years to count per group
freq = "year"  # publication timeline period: "year", "month" or "day"
groups = None  # groups to compare, e.g. ["ARM", "AZE"]; None: the largest by documents
min_docs = 3  # groups with fewer documents are left out of the automatic choice

# %%
import matplotlib.pyplot as plt
import pandas as pd

from helpers import pipeline_chronology as PC
from helpers import pipeline_tables as pt
from helpers.chronology import (
    chronology,
    document_timeline,
    format_publication,
    latest_publication_year,
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
    textstat_types,
)
from helpers.corpus import read_corpus
from helpers.groups import choose_groups, chosen_first, with_group_column
from helpers.labels import doc_labels
from helpers.pipeline import open_processed
from helpers.report import save_chart

pd.set_option("display.max_colwidth", 60)

# %%
if processed:
    p = open_processed(processed)
    docs = pt.read_docs(p)  # metadata only: the text stays in the tables
else:
    docs = read_corpus(corpus, columns=columns, progress=False).docs
docs, group_by = with_group_column(docs, group_by)  # "year": the year of publication
n_groups = docs[group_by].nunique() if group_by in docs else 0
by = group_by if n_groups else None  # no usable group column: the corpus is one group
print(f"{len(docs)} documents, {n_groups} groups by {group_by!r}, {docs['date'].notna().sum()} dated")

# %% [markdown]
# ## Temporal expressions and the events they date
# One row per expression: offsets `start, end` into the document text, TIMEX3 `type` and
# `value`, the `granularity`, and the `anchor` (the publication date used to resolve a
# relative expression; empty for absolute ones). `label` names the event the expression
# dates: the noun phrase it modifies ("ceasefire agreement"), a noun and participle ("letter
# dated"), or the subject and verb of its clause ("conflict began").

# %%
chron = None if processed else chronology(docs, group_by=by)
types = PC.textstat_types(p) if processed else textstat_types(chron)
n_docs = PC.n_documents(p) if processed else chron["doc_id"].nunique()
print(f"{types['count'].sum()} temporal expressions in {n_docs} documents")
types

# %%
doc_id = focus_doc or (PC.richest_document(p) if processed else richest_document(chron))
doc = docs.loc[docs["doc_id"] == doc_id].iloc[0] if doc_id else None
events = pt.read_document(p, doc_id, "events") if processed else chron[chron["doc_id"] == doc_id].reset_index(drop=True)
columns = ["start", "end", "text", "type", "value", "mod", "granularity", "anchor", "label"]
print(f"document {doc_id}, published {format_publication(doc['date'], doc.get('date_precision'))}" if doc is not None else "no dated expressions")
events[columns].head(30)

# %% [markdown]
# ## Event timeline of one document
# Each event at the start of the period its expression names, as a bar as long as that
# period (a year for "1918", a day for "31 March"). The axis is the distance back from the
# publication on a log scale, so a century and a single month are both readable. A document
# dated only to the year (a UN speech) is published in that whole year: the shaded band, with
# "today" and "this year" inside it; events after it (plans, targets) are drawn in orange.
# Expressions without an event label (or only a yardstick: "compared to 1990") are not drawn;
# the table lists them with `drawn` False.

# %%
if doc is not None:
    precision = doc.get("date_precision")
    timeline = document_timeline(events, doc_id, published=doc["date"], label="published", precision=precision)
    name = doc_labels([doc_id], docs, width=60)[0]  # its title, or a short id; the CSV keeps doc_id
    fig, data = textplot_timeline(timeline, reference=doc["date"], title=f"Events dated in “{name}”")
    save_chart(fig, data, "04-event-timeline", reports=reports)
    plt.show()
    display(timeline[["value", "granularity", "label", "text", "when", "drawn", "start", "end"]])
else:
    print("No dated expressions to draw.")

# %% [markdown]
# ## Publication timeline
# Documents per period (and per group); undated documents are counted as "undated".

# %%
pub_by = by if n_groups > 1 else None
pub = pt.textstat_publication_timeline(p, freq, pub_by) if processed else textstat_publication_timeline(docs, freq, pub_by)
if pub["period"].nunique() > 1:
    fig, data = textplot_publication_timeline(pub, group_by=pub_by)
    save_chart(fig, data, "04-publication-timeline", reports=reports)
    plt.show()
else:
    print(f"All documents fall in one period ({pub['period'].iloc[0]}): no timeline to draw.")
pub.head(20)

# %% [markdown]
# ## Referenced years by group
# Which years the texts point to, counted once per mention (year precision or finer; durations,
# sets and vague references such as "recently" are left out), and the years of interest. The
# chart shows the compared groups (`groups`, or the largest by documents), the 150 years before
# the latest publication and 50 after it (targets such as 2030 or 2050); the years outside
# that window are listed below it.

# %%
years = pt.textstat_referenced_years(p, by) if processed else textstat_referenced_years(chron, group_by=by)
latest = latest_publication_year(docs["date"])  # the chart's window ends 50 years after it
chosen = choose_groups(docs, by, groups, min_docs=min_docs) if by else []
fig, data = textplot_referenced_years(years, group_by=by, latest=latest, groups=chosen or None)
save_chart(fig, data, "04-referenced-years", reports=reports)
plt.show()

# %%
outliers = textstat_referenced_outliers(years, group_by=by, latest=latest)
print(f"{len(outliers)} group-year rows outside the chart's window ({outliers['n_mentions'].sum()} mentions)")
outliers.head(20)

# %%
interest = years[years["year"].isin(years_of_interest)]
if interest.empty:
    print(f"None of the years of interest ({years_of_interest}) is mentioned.")
elif by:  # the compared groups first, then the others
    table = interest.pivot_table(index=by, columns="year", values="n_mentions", fill_value=0, aggfunc="sum")
    with pd.option_context("display.min_rows", len(chosen) + 10):
        display(chosen_first(table, chosen))
else:
    display(interest)

# %% [markdown]
# ## Historical depth
# How far back each group reaches: depth is the publication year minus the referenced year
# (0 = the year of publication). `share_past` is the share of mentions at least two years
# back; `top_past_years` the most mentioned of those. The earliest year is measured robustly:
# `earliest_shared` is the earliest year mentioned in at least two documents of the group,
# `p5_year` the 5th percentile of its referenced years, so one stray number does not decide.

# %%
depth = pt.textstat_historical_depth(p, by) if processed else textstat_historical_depth(chron, group_by=by)
depth.sort_values("n_mentions", ascending=False, kind="stable").head(20)

# %% [markdown]
# The sentences behind each group's two earliest mentions (offsets into the document text),
# earliest first, to check by reading whether they are years at all.

# %%
earliest = PC.textstat_earliest_mentions(p, by, n=2) if processed else textstat_earliest_mentions(chron, docs, by, n=2)
earliest.sort_values(["year", "doc_id", "start"], kind="stable").head(24)

# %% [markdown]
# ## Referenced decade × publication year
# Each cell counts mentions of a decade in the texts published in a year: the heat map shows
# whether the past that texts invoke shifts over time.

# %%
matrix = pt.textstat_decade_matrix(p) if processed else textstat_decade_matrix(chron)
if matrix["pub_year"].nunique() > 1:
    fig, data = textplot_decade_heatmap(matrix)
    save_chart(fig, data, "04-decade-heatmap", reports=reports)
    plt.show()
else:
    print("All documents were published in one year: a heat map needs several publication years.")
    display(matrix)

# %% [markdown]
# ## How the dates are found
# `helpers.chronology.find_timexes` applies deterministic English rules (no model, no date of
# today): absolute dates keep their granularity; "31 March" or "Friday" take the year or week
# of the publication date, and the tense of the clause decides past or future; without a
# publication date the value keeps `X` placeholders (`XXXX-03-31`). A bare number is a year
# only with evidence: a temporal preposition ("in 1994", "no later than 1996", "post-2015"),
# brackets ("resolution 836 (1993)"), a range, a list of years; with only a determiner or a
# name next to it ("the 2015 agreement", "Agenda 2030") it must lie within 200 years before
# and 100 after the publication; resolution and document numbers ("resolution 1325", "the
# 1540 Committee", "S/2012/522"), counts ("1275 Azerbaijanis") and money are not years. On
# the TimeBank + AQUAINT gold (`make eval`) it reaches relaxed F1 0.93 and value F1 0.79
# where `dateparser` gets 0.62 and 0.19; on 1,750 hand-labelled four-digit numbers of the UN
# speeches and the White House statements it reads 99.5% of the years as years and 0.3% of
# the other numbers (bills, code sections such as "50 U.S.C. 1701", resolutions). Event labels
# are heuristic (no parser): read them with the clause offsets.
