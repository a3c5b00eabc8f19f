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

# %% [markdown] papermill={"duration": 0.002963, "end_time": "2026-11-28T04:34:39.553798+00:00", "exception": false, "start_time": "2026-11-28T04:34:39.550835+00:00", "status": "completed"}
# # 04 · Chronology
#
# Framing works through time: a text about a 2020 vote can tie it to 1918, 1988 and the 1994
# ceasefire. This notebook finds every temporal expression, normalises it to TimeML TIMEX3
# (granularity kept: `1918` is a year, `2020-03-31` a day), anchors relative expressions
# ("last week", "31 March") to the publication date, links each to the event it dates, and
# draws the chronology of one document and of the corpus.
#
# Default corpus: the seed article in `data/raw/` (Trend News Agency, Baku, 2020-04-24).

# %% papermill={"duration": 0.01315, "end_time": "2026-11-28T04:34:39.574166+00:00", "exception": false, "start_time": "2026-11-28T04:34:39.561016+00:00", "status": "completed"} tags=["parameters"]
corpus = "../data/raw"  # a file, folder or glob read with helpers.corpus.read_corpus
group_by = "outlet"  # docs column to compare groups by (e.g. "iso3" for the UN speeches)
reports = "../reports"  # charts go to <reports>/figures as PNG + CSV
focus_doc = ""  # doc_id whose event timeline is drawn (empty: the one with most dated events)
years_of_interest = [1915, 1918, 1988, 1992, 1994, 2020]  # years to count per group
freq = "year"  # publication timeline period: "year", "month" or "day"

# %% papermill={"duration": 1.285823, "end_time": "2026-11-28T04:34:40.866848+00:00", "exception": false, "start_time": "2026-11-28T04:34:39.581025+00:00", "status": "completed"}
import matplotlib.pyplot as plt
import pandas as pd

from helpers.chronology import (
    chronology,
    document_timeline,
    richest_document,
    textplot_decade_heatmap,
    textplot_publication_timeline,
    textplot_referenced_years,
    textplot_timeline,
    textstat_decade_matrix,
    textstat_historical_depth,
    textstat_publication_timeline,
    textstat_referenced_years,
)
from helpers.corpus import read_corpus
from helpers.report import save_chart

pd.set_option("display.max_colwidth", 60)

# %% papermill={"duration": 0.056599, "end_time": "2026-11-28T04:34:40.927541+00:00", "exception": false, "start_time": "2026-11-28T04:34:40.870942+00:00", "status": "completed"}
c = read_corpus(corpus, progress=False)
docs = c.docs
n_groups = docs[group_by].nunique() if group_by in docs else 0
print(f"{len(docs)} documents, {n_groups} groups by {group_by!r}, {docs['date'].notna().sum()} dated")

# %% [markdown] papermill={"duration": 0.003661, "end_time": "2026-11-28T04:34:40.935494+00:00", "exception": false, "start_time": "2026-11-28T04:34:40.931833+00:00", "status": "completed"}
# ## Temporal expressions and the events they date
# One row per expression: offsets `start, end` into the document text, TIMEX3 `type` and
# `value`, the `granularity`, and the `anchor` (the publication date used to resolve a
# relative expression; empty for absolute ones). `label` names the event the expression
# dates: the noun phrase it modifies ("ceasefire agreement"), a noun and participle ("letter
# dated"), or the subject and verb of its clause ("conflict began").

# %% papermill={"duration": 0.045478, "end_time": "2026-11-28T04:34:40.984725+00:00", "exception": false, "start_time": "2026-11-28T04:34:40.939247+00:00", "status": "completed"}
chron = chronology(docs, group_by=group_by if group_by in docs else None)
print(f"{len(chron)} temporal expressions in {chron['doc_id'].nunique()} documents")
chron["type"].value_counts().rename_axis("type").reset_index()

# %% papermill={"duration": 0.034711, "end_time": "2026-11-28T04:34:41.023982+00:00", "exception": false, "start_time": "2026-11-28T04:34:40.989271+00:00", "status": "completed"}
doc_id = focus_doc or richest_document(chron)
doc = docs.loc[docs["doc_id"] == doc_id].iloc[0] if doc_id else None
columns = ["start", "end", "text", "type", "value", "mod", "granularity", "anchor", "label"]
print(f"document {doc_id}, published {pd.Timestamp(doc['date']).date()}" if doc is not None else "no dated expressions")
chron.loc[chron["doc_id"] == doc_id, columns].head(30)

# %% [markdown] papermill={"duration": 0.004065, "end_time": "2026-11-28T04:34:41.033165+00:00", "exception": false, "start_time": "2026-11-28T04:34:41.029100+00:00", "status": "completed"}
# ## Event timeline of one document
# Each event at the start of the period its expression names, as a bar as long as that
# period (a year for "1918", a day for "31 March"). The axis is the distance back from the
# publication on a log scale, so a century and a single month are both readable.

# %% papermill={"duration": 0.49881, "end_time": "2026-11-28T04:34:41.536108+00:00", "exception": false, "start_time": "2026-11-28T04:34:41.037298+00:00", "status": "completed"}
if doc is not None:
    timeline = document_timeline(chron, doc_id, published=doc["date"])
    fig, data = textplot_timeline(timeline, reference=doc["date"], title=f"Events dated in {doc_id}")
    save_chart(fig, data, "04-event-timeline", reports=reports)
    plt.show()
    display(timeline[["value", "granularity", "label", "text", "start", "end"]])
else:
    print("No dated expressions to draw.")

# %% [markdown] papermill={"duration": 0.003169, "end_time": "2026-11-28T04:34:41.542818+00:00", "exception": false, "start_time": "2026-11-28T04:34:41.539649+00:00", "status": "completed"}
# ## Publication timeline
# Documents per period (and per group); undated documents are counted as "undated".

# %% papermill={"duration": 0.022091, "end_time": "2026-11-28T04:34:41.567968+00:00", "exception": false, "start_time": "2026-11-28T04:34:41.545877+00:00", "status": "completed"}
pub = textstat_publication_timeline(docs, freq=freq, group_by=group_by if n_groups > 1 else None)
if pub["period"].nunique() > 1:
    fig, data = textplot_publication_timeline(pub, group_by=group_by if n_groups > 1 else None)
    save_chart(fig, data, "04-publication-timeline", reports=reports)
    plt.show()
else:
    print(f"All documents fall in one period ({pub['period'].iloc[0]}): no timeline to draw.")
pub.head(20)

# %% [markdown] papermill={"duration": 0.003056, "end_time": "2026-11-28T04:34:41.574479+00:00", "exception": false, "start_time": "2026-11-28T04:34:41.571423+00:00", "status": "completed"}
# ## Referenced years by group
# Which years the texts point to, counted once per mention (year precision or finer; durations,
# sets and vague references such as "recently" are left out), and the years of interest.

# %% papermill={"duration": 0.268037, "end_time": "2026-11-28T04:34:41.846708+00:00", "exception": false, "start_time": "2026-11-28T04:34:41.578671+00:00", "status": "completed"}
by = group_by if group_by in docs else None
years = textstat_referenced_years(chron, group_by=by)
fig, data = textplot_referenced_years(years, group_by=by)
save_chart(fig, data, "04-referenced-years", reports=reports)
plt.show()

# %% papermill={"duration": 0.028327, "end_time": "2026-11-28T04:34:41.880746+00:00", "exception": false, "start_time": "2026-11-28T04:34:41.852419+00:00", "status": "completed"}
interest = years[years["year"].isin(years_of_interest)]
if interest.empty:
    print(f"None of the years of interest ({years_of_interest}) is mentioned.")
elif by:
    display(interest.pivot_table(index=by, columns="year", values="n_mentions", fill_value=0, aggfunc="sum"))
else:
    display(interest)

# %% [markdown] papermill={"duration": 0.003367, "end_time": "2026-11-28T04:34:41.887873+00:00", "exception": false, "start_time": "2026-11-28T04:34:41.884506+00:00", "status": "completed"}
# ## Historical depth
# How far back each group reaches: depth is the publication year minus the referenced year
# (0 = the year of publication). `share_past` is the share of mentions at least two years
# back; `top_past_years` the most mentioned of those.

# %% papermill={"duration": 0.022397, "end_time": "2026-11-28T04:34:41.913441+00:00", "exception": false, "start_time": "2026-11-28T04:34:41.891044+00:00", "status": "completed"}
depth = textstat_historical_depth(chron, group_by=by)
depth.sort_values("n_mentions", ascending=False, kind="stable").head(20)

# %% [markdown] papermill={"duration": 0.003212, "end_time": "2026-11-28T04:34:41.920394+00:00", "exception": false, "start_time": "2026-11-28T04:34:41.917182+00:00", "status": "completed"}
# ## Referenced decade × publication year
# Each cell counts mentions of a decade in the texts published in a year: the heat map shows
# whether the past that texts invoke shifts over time.

# %% papermill={"duration": 0.019312, "end_time": "2026-11-28T04:34:41.942916+00:00", "exception": false, "start_time": "2026-11-28T04:34:41.923604+00:00", "status": "completed"}
matrix = textstat_decade_matrix(chron)
if matrix["pub_year"].nunique() > 1:
    fig, data = textplot_decade_heatmap(matrix)
    save_chart(fig, data, "04-decade-heatmap", reports=reports)
    plt.show()
else:
    print("All documents were published in one year: a heat map needs several publication years.")
    display(matrix)

# %% [markdown] papermill={"duration": 0.003621, "end_time": "2026-11-28T04:34:41.950316+00:00", "exception": false, "start_time": "2026-11-28T04:34:41.946695+00:00", "status": "completed"}
# ## How the dates are found
# `helpers.chronology.find_timexes` applies deterministic English rules (no model, no date of
# today): absolute dates keep their granularity; "31 March" or "Friday" take the year or week
# of the publication date, and the tense of the clause decides past or future; without a
# publication date the value keeps `X` placeholders (`XXXX-03-31`). On the TimeBank + AQUAINT
# gold (`make eval`) it reaches relaxed F1 0.93 and value F1 0.78 where `dateparser` gets
# 0.62 and 0.19. Event labels are heuristic (no parser): read them with the clause offsets.
