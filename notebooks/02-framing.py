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

# %% [markdown] papermill={"duration": 0.004614, "end_time": "2026-11-28T04:31:29.095902+00:00", "exception": false, "start_time": "2026-11-28T04:31:29.091288+00:00", "status": "completed"}
# # 02 · Framing: quotations, scare quotes and framing vocabulary
#
# How the texts frame events: which words they put in quotation marks and why (someone's
# words, distancing "scare" quotes, titles, mentions of a term), whom they quote, and which
# framing vocabulary they use — delegitimising and distancing markers ("so-called",
# "occupied", "illegitimacy"), evaluative words ("cynical", "ostentatious") and the 14
# dimensions of the Policy Frames Codebook (Boydstun et al. 2014).
#
# Every item keeps its document (`doc_id`) and character offsets (`start`, `end`) into the
# normalised text, so each number can be traced back to the sentence it comes from.
#
# **Method notes.** Quotation kinds, sources and cues come from rules (`helpers.framing`).
# The marker and frame lexicons are editable keyword lists in `data/lexicons/markers.csv` and
# `data/lexicons/frames.csv` (`pattern, family, note`; `*` matches any word ending): the frame
# dimensions are a **lexicon approximation** of the codebook, not the annotation of trained
# coders — a keyword signals a possible frame, it does not prove one. Adapt the lexicons to
# another conflict before comparing corpora.

# %% papermill={"duration": 0.01272, "end_time": "2026-11-28T04:31:29.111721+00:00", "exception": false, "start_time": "2026-11-28T04:31:29.099001+00:00", "status": "completed"} tags=["parameters"]
corpus = "../data/raw"  # file, folder or glob, read with helpers.corpus.read_corpus
group_by = "outlet"  # docs column used to compare groups (e.g. "iso3" for the UN speeches)
reports = "../reports"  # charts go to <reports>/figures via save_chart
terms = ["elections", "occupation", "genocide"]  # terms whose quoted use is tabulated
doc_id = None  # document shown in detail; None: the one with most quotations
top_n = 15  # rows in the top-terms and top-sources tables and charts
max_groups = 20  # groups shown in group comparisons (those with most documents)

# %% papermill={"duration": 2.17705, "end_time": "2026-11-28T04:31:31.291705+00:00", "exception": false, "start_time": "2026-11-28T04:31:29.114655+00:00", "status": "completed"}
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from helpers import framing as F
from helpers.corpus import read_corpus
from helpers.report import save_chart
from helpers.terms import textstat_quoted

pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 160)

# %% papermill={"duration": 0.155592, "end_time": "2026-11-28T04:31:31.452584+00:00", "exception": false, "start_time": "2026-11-28T04:31:31.296992+00:00", "status": "completed"}
c = read_corpus(corpus, progress=False)
docs = c.docs
sentences = c.sentences()
paragraphs = c.paragraphs()
quotes = F.quotes_table(docs)
hits = F.lexicon_table(docs, ("markers", "frames"), sentences=sentences, quotes=quotes)
n_groups = docs[group_by].nunique() if group_by in docs.columns else 0
print(f"{len(docs)} documents, {len(quotes)} quotations, {len(hits)} lexicon hits, "
      f"{n_groups} groups by {group_by!r}")

# %% [markdown] papermill={"duration": 0.008136, "end_time": "2026-11-28T04:31:31.469151+00:00", "exception": false, "start_time": "2026-11-28T04:31:31.461015+00:00", "status": "completed"}
# ## One document, quotations highlighted
# Quotations are coloured by kind — <span style="background:#cfe3ff">direct</span>,
# <span style="background:#ffd0d0">scare</span>, <span style="background:#e3d7ff">title</span>,
# <span style="background:#d6f5d6">term</span> — with kind, source and cue in the tooltip;
# marker words are underlined. The document text is escaped, never rendered as markup.

# %% papermill={"duration": 0.056428, "end_time": "2026-11-28T04:31:31.533527+00:00", "exception": false, "start_time": "2026-11-28T04:31:31.477099+00:00", "status": "completed"}
shown = F.busiest_document(quotes, docs) if doc_id is None else doc_id
text = docs.loc[docs["doc_id"] == shown, "text"].iloc[0]
doc_quotes = quotes[quotes["doc_id"] == shown]
doc_markers = hits[(hits["doc_id"] == shown) & (hits["lexicon"] == "markers")]
print(f"document {shown}: {len(text)} characters, {len(doc_quotes)} quotations")
display(HTML(F.highlight_quotes(text[:20000], doc_quotes[doc_quotes["mark_end"] <= 20000], doc_markers)))

# %% [markdown] papermill={"duration": 0.008089, "end_time": "2026-11-28T04:31:31.549129+00:00", "exception": false, "start_time": "2026-11-28T04:31:31.541040+00:00", "status": "completed"}
# ## The quotations of this document
# `text` is the content without the marks; `depth` is 1 for a quotation inside another;
# `anomaly` flags unbalanced marks (best-effort pairing within the paragraph).

# %% papermill={"duration": 0.027432, "end_time": "2026-11-28T04:31:31.585195+00:00", "exception": false, "start_time": "2026-11-28T04:31:31.557763+00:00", "status": "completed"}
doc_quotes[["start", "end", "kind", "text", "source", "cue", "depth", "anomaly"]].head(40)

# %% [markdown] papermill={"duration": 0.008016, "end_time": "2026-11-28T04:31:31.601137+00:00", "exception": false, "start_time": "2026-11-28T04:31:31.593121+00:00", "status": "completed"}
# ## Reported speech, with or without quotation marks
# `find_attributions` adds indirect speech ("The letter says it is not a coincidence that …")
# to the attributed direct quotations: who speaks (`source`), the speech verb (`cue`) and
# what is reported (`content`).

# %% papermill={"duration": 0.032673, "end_time": "2026-11-28T04:31:31.641650+00:00", "exception": false, "start_time": "2026-11-28T04:31:31.608977+00:00", "status": "completed"}
attributions = F.find_attributions(text)
attributions[["start", "end", "kind", "source", "cue", "content"]].head(30)

# %% [markdown] papermill={"duration": 0.00814, "end_time": "2026-11-28T04:31:31.657086+00:00", "exception": false, "start_time": "2026-11-28T04:31:31.648946+00:00", "status": "completed"}
# ## Scare-quoted terms
# Words and phrases put in distancing quotation marks, across the corpus.

# %% papermill={"duration": 0.040538, "end_time": "2026-11-28T04:31:31.705490+00:00", "exception": false, "start_time": "2026-11-28T04:31:31.664952+00:00", "status": "completed"}
scare_terms = F.textstat_scare_terms(docs, quotes, n=top_n)
scare_terms

# %% papermill={"duration": 0.37569, "end_time": "2026-11-28T04:31:32.088644+00:00", "exception": false, "start_time": "2026-11-28T04:31:31.712954+00:00", "status": "completed"}
if scare_terms.empty:
    print("No scare quotes in this corpus.")
else:
    fig = F.textplot_scare_terms(scare_terms)
    save_chart(fig, scare_terms, "02-scare-terms", reports=reports)
    plt.show()

# %% [markdown] papermill={"duration": 0.011242, "end_time": "2026-11-28T04:31:32.105212+00:00", "exception": false, "start_time": "2026-11-28T04:31:32.093970+00:00", "status": "completed"}
# How the terms of interest are used: inside scare quotes, someone's words, titles, as a
# mentioned term, or bare (`helpers.terms.textstat_quoted`, built on the same quotations).

# %% papermill={"duration": 0.063542, "end_time": "2026-11-28T04:31:32.176533+00:00", "exception": false, "start_time": "2026-11-28T04:31:32.112991+00:00", "status": "completed"}
use = textstat_quoted(docs, terms)
use.groupby(["term", "kind"], sort=False)["count"].sum().unstack("kind")

# %% [markdown] papermill={"duration": 0.008017, "end_time": "2026-11-28T04:31:32.193129+00:00", "exception": false, "start_time": "2026-11-28T04:31:32.185112+00:00", "status": "completed"}
# ## Markers in context
# Each delegitimising, distancing or evaluative marker with its sentence, and whether it sits
# inside a quotation (then `quote_kind` says which kind: the words may be someone else's).

# %% papermill={"duration": 0.036488, "end_time": "2026-11-28T04:31:32.237466+00:00", "exception": false, "start_time": "2026-11-28T04:31:32.200978+00:00", "status": "completed"}
doc_markers[["sent_id", "para_id", "start", "end", "match", "family", "in_quote", "quote_kind"]].head(40)

# %% [markdown] papermill={"duration": 0.008107, "end_time": "2026-11-28T04:31:32.257168+00:00", "exception": false, "start_time": "2026-11-28T04:31:32.249061+00:00", "status": "completed"}
# ## Markers and frame dimensions per paragraph of this document
# One column per paragraph (`para_id`), one row per marker family or frame dimension.

# %% papermill={"duration": 0.060823, "end_time": "2026-11-28T04:31:32.329843+00:00", "exception": false, "start_time": "2026-11-28T04:31:32.269020+00:00", "status": "completed"}
doc_paragraphs = paragraphs[paragraphs["doc_id"] == shown]
doc_hits = hits[hits["doc_id"] == shown]
marker_paras = F.frame_scores(doc_hits, doc_paragraphs, "markers", unit="para_id")
marker_paras.drop(columns=["doc_id", "start", "end"]).set_index("para_id").T

# %% papermill={"duration": 0.061936, "end_time": "2026-11-28T04:31:32.403303+00:00", "exception": false, "start_time": "2026-11-28T04:31:32.341367+00:00", "status": "completed"}
frame_paras = F.frame_scores(doc_hits, doc_paragraphs, "frames", unit="para_id")
frame_paras.drop(columns=["doc_id", "start", "end"]).set_index("para_id").T

# %% [markdown] papermill={"duration": 0.008095, "end_time": "2026-11-28T04:31:32.425221+00:00", "exception": false, "start_time": "2026-11-28T04:31:32.417126+00:00", "status": "completed"}
# ## Frame profile per document
# Hits per 1,000 words for each frame dimension (the documents with most words when there
# are many).

# %% papermill={"duration": 0.647413, "end_time": "2026-11-28T04:31:33.084458+00:00", "exception": false, "start_time": "2026-11-28T04:31:32.437045+00:00", "status": "completed"}
profile_docs = F.textstat_framing(docs, hits, by="doc_id")
shown_docs = F.largest_documents(docs, max_groups)
heat_docs = profile_docs[profile_docs["doc_id"].isin(shown_docs)]
fig = F.textplot_framing_heatmap(heat_docs, by="doc_id", lexicon="frames")
save_chart(fig, heat_docs, "02-frames-per-document", reports=reports)
plt.show()

# %% [markdown] papermill={"duration": 0.012127, "end_time": "2026-11-28T04:31:33.113260+00:00", "exception": false, "start_time": "2026-11-28T04:31:33.101133+00:00", "status": "completed"}
# ## Sources of direct quotations

# %% papermill={"duration": 0.204085, "end_time": "2026-11-28T04:31:33.329173+00:00", "exception": false, "start_time": "2026-11-28T04:31:33.125088+00:00", "status": "completed"}
sources = F.textstat_quoted_sources(docs, quotes, n=top_n)
if sources.empty:
    print("No attributed direct quotations in this corpus.")
else:
    fig = F.textplot_quoted_sources(sources)
    save_chart(fig, sources, "02-quoted-sources", reports=reports)
    plt.show()
sources

# %% [markdown] papermill={"duration": 0.006733, "end_time": "2026-11-28T04:31:33.341253+00:00", "exception": false, "start_time": "2026-11-28T04:31:33.334520+00:00", "status": "completed"}
# ## Comparing groups
# The same measures per group (`group_by`), for the groups with most documents: frame and
# marker rates, share of quotations by kind, top scare-quoted terms and quoted sources.

# %% papermill={"duration": 0.022237, "end_time": "2026-11-28T04:31:33.379335+00:00", "exception": false, "start_time": "2026-11-28T04:31:33.357098+00:00", "status": "completed"}
groups = F.largest_groups(docs, group_by, max_groups) if group_by in docs.columns else []
several = len(groups) >= 2
if not several:
    print(f"Only {len(groups)} group by {group_by!r}: group comparisons need at least two.")

# %% papermill={"duration": 0.016776, "end_time": "2026-11-28T04:31:33.405894+00:00", "exception": false, "start_time": "2026-11-28T04:31:33.389118+00:00", "status": "completed"}
if several:
    in_groups = docs[docs[group_by].isin(groups)]
    profile = F.textstat_framing(in_groups, hits[hits["doc_id"].isin(in_groups["doc_id"])], by=group_by)
    fig = F.textplot_framing_heatmap(profile, by=group_by, lexicon="frames")
    save_chart(fig, profile[profile["lexicon"] == "frames"], "02-frames-per-group", reports=reports)
    plt.show()

# %% papermill={"duration": 0.018227, "end_time": "2026-11-28T04:31:33.435334+00:00", "exception": false, "start_time": "2026-11-28T04:31:33.417107+00:00", "status": "completed"}
if several:
    fig = F.textplot_framing_heatmap(profile, by=group_by, lexicon="markers")
    save_chart(fig, profile[profile["lexicon"] == "markers"], "02-markers-per-group", reports=reports)
    plt.show()

# %% papermill={"duration": 0.018371, "end_time": "2026-11-28T04:31:33.463458+00:00", "exception": false, "start_time": "2026-11-28T04:31:33.445087+00:00", "status": "completed"}
if several:
    kinds = F.textstat_quote_kinds(in_groups, quotes[quotes["doc_id"].isin(in_groups["doc_id"])], by=group_by)
    fig = F.textplot_quote_kinds(kinds, by=group_by)
    save_chart(fig, kinds, "02-quote-kinds-per-group", reports=reports)
    plt.show()

# %% papermill={"duration": 0.010634, "end_time": "2026-11-28T04:31:33.479108+00:00", "exception": false, "start_time": "2026-11-28T04:31:33.468474+00:00", "status": "completed"}
if several:
    in_quotes = quotes[quotes["doc_id"].isin(in_groups["doc_id"])]
    display(F.textstat_scare_terms(in_groups, in_quotes, by=group_by, n=5))
    display(F.textstat_quoted_sources(in_groups, in_quotes, by=group_by, n=5))
