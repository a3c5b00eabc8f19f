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
# **Method notes.** Each quotation is typed *direct* (someone's words), *scare* (the writer
# distances themself from the words), *title* (a name) or *term* (a word or concept mentioned
# or used straight) by a logistic regression over features a linguist would name
# (`helpers.framing_kinds`): cue words just before or after the marks ("so-called",
# "self-styled", "alleged", "the term", "the principle of", "known as", "dubbed", "label as",
# "means"), whether a speech cue and a source are attached ("…,” reads the letter), Title
# Case, all caps, length, whether the words form a clause, punctuation inside the marks, the
# determiner, possessive or quantifier before them ("their", "some"), rejecting, critical,
# approving or negating words in the sentence ("false", "sham", "discredited", "in fact",
# "not"), a rebuttal in the next sentence ("It's a war"), the form of the head word, and
# whether the same words occur elsewhere in the document, and the words of the sentence
# around the marks. `kind_p` is the model's probability
# of the kind it gives, `kind_evidence` the two or three features that decided it. Measured
# on 547 hand-labelled quotations from UN speeches, White House statements, Wikipedia and
# Wikinews (`make eval`, document-grouped 5-fold cross-validation; 645 more labelled spans
# used for training only): accuracy 0.82, macro F1 0.78, scare F1 0.69; on the natural
# sample (every quotation of 46 randomly drawn documents) accuracy 0.91, macro F1 0.77,
# scare precision 0.50 and recall 0.62 (scare quotes are rare there: 13 of 350); on a fifth
# of the documents kept aside while the features were developed, accuracy 0.74 and macro F1
# 0.74; on a corpus left out of training (a genre not seen), accuracy 0.77 and macro F1
# 0.71. Scare and term are the kinds most often confused: treat a scare quote with `kind_p`
# below 0.5 as
# uncertain (the group table below leaves those out and counts them). Direct quotations get
# their source and cue by rules; unbalanced marks are paired within their paragraph and
# flagged in `anomaly`. Accuracy of the attributions on annotated news is printed by `make
# eval` (PolNeAR).
# The marker and frame lexicons are editable keyword lists in `data/lexicons/markers.csv` and
# `data/lexicons/frames.csv` (`pattern, family, note`; `*` matches any word ending): the frame
# dimensions are a **lexicon approximation** of the codebook, not the annotation of trained
# coders — a keyword signals a possible frame, it does not prove one. Adapt the lexicons to
# another conflict before comparing corpora.
#
# **Processed mode.** Give `processed` (the key or folder of a finished `helpers.pipeline`
# run, `make process`) to render from its Parquet tables instead of reading `corpus`: the
# corpus-wide tables are computed partition by partition (`helpers.pipeline_framing`),
# never with all the text in memory, and equal those of the default run.

# %% tags=["parameters"]
corpus = "../data/raw"  # file, folder or glob, read with helpers.corpus.read_corpus
processed = ""  # key or folder of a finished helpers.pipeline run (make process); empty: read corpus
group_by = "outlet"  # docs column used to compare groups (e.g. "iso3" for the UN speeches)
reports = "../reports"  # charts go to <reports>/figures via save_chart
columns = {}  # read_corpus columns mapping: field → column of your files, e.g. {"text": "speech_body"}
terms = ["elections", "occupation", "genocide"]  # terms whose quoted use is tabulated
doc_id = None  # document shown in detail; None: the one with most quotations
top_n = 15  # rows in the top-terms and top-sources tables and charts
max_groups = 12  # groups (and documents) compared at most; 12 as in the other notebooks
groups = None  # groups to compare, e.g. ["ARM", "AZE"]; None: the largest by documents
min_docs = 3  # groups with fewer documents are left out of the automatic choice

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from helpers import framing as F
from helpers import pipeline_framing as PF
from helpers import pipeline_terms as PT
from helpers import pipeline_tables as pt
from helpers.corpus import paragraphs_table, read_corpus
from helpers.groups import choose_groups, with_group_column
from helpers.pipeline import open_processed
from helpers.report import save_chart
from helpers.terms import textstat_quoted

pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 160)

# %%
if processed:
    p = open_processed(processed)
    docs = pt.read_docs(p)  # metadata only: the text stays in the Parquet tables
    n_quotes, n_hits = PF.n_rows(p, "quotes"), PF.n_rows(p, "markers") + PF.n_rows(p, "frames")
else:
    c = read_corpus(corpus, columns=columns, progress=False)
    docs = c.docs
    quotes = F.quotes_table(docs)
    hits = F.lexicon_table(docs, ("markers", "frames"), sentences=c.sentences(), quotes=quotes)
    n_quotes, n_hits = len(quotes), len(hits)
docs, group_by = with_group_column(docs, group_by)  # "year": the year of publication
n_groups = docs[group_by].nunique() if group_by in docs.columns else 0
print(f"{len(docs)} documents, {n_quotes} quotations, {n_hits} lexicon hits, "
      f"{n_groups} groups by {group_by!r}")

# %% [markdown]
# ## One document, quotations highlighted
# Quotations are coloured by kind — <span style="background:#cfe3ff">direct</span>,
# <span style="background:#ffd0d0">scare</span>, <span style="background:#e3d7ff">title</span>,
# <span style="background:#d6f5d6">term</span> — with kind, its probability and evidence,
# source and cue in the tooltip (hover over a quotation); marker words are underlined. The document text is escaped, never rendered as markup
# (long documents: the first 20,000 characters).

# %%
shown = doc_id
if shown is None:
    shown = PF.busiest_document(p) if processed else F.busiest_document(quotes, docs)
one = pt.read_document(p, shown) if processed else docs[docs["doc_id"] == shown]
text = one["text"].iloc[0]
doc_quotes = pt.read_document(p, shown, "quotes") if processed else quotes[quotes["doc_id"] == shown]
doc_hits = PF.document_hits(p, shown) if processed else hits[hits["doc_id"] == shown]
doc_markers = doc_hits[doc_hits["lexicon"] == "markers"]
print(f"document {shown}: {len(text)} characters, {len(doc_quotes)} quotations")
display(HTML(F.highlight_quotes(text[:20000], doc_quotes[doc_quotes["mark_end"] <= 20000], doc_markers)))

# %% [markdown]
# ## The quotations of this document
# `text` is the content without the marks; `depth` is 1 for a quotation inside another;
# `anomaly` flags unbalanced marks (best-effort pairing within the paragraph); `kind_p` is the
# probability of the kind and `kind_evidence` the features that decided it.

# %%
doc_quotes[["start", "end", "kind", "kind_p", "text", "source", "speaker", "cue", "kind_evidence", "depth", "anomaly"]].head(40)

# %% [markdown]
# ## Reported speech, with or without quotation marks
# `find_attributions` adds indirect speech ("The letter says it is not a coincidence that …")
# to the attributed direct quotations, one row per quoted segment: who speaks (`source` as
# written, `speaker` with pronouns and roles resolved), the cue (`cue`) and what is reported
# (`content`).

# %%
attributions = F.find_attributions(text)
attributions[["start", "end", "kind", "source", "speaker", "cue", "content"]].head(30)

# %% [markdown]
# ## Scare-quoted terms
# Words and phrases put in distancing quotation marks, across the corpus.

# %%
scare_terms = PF.textstat_scare_terms(p, n=top_n) if processed else F.textstat_scare_terms(docs, quotes, n=top_n)
scare_terms

# %%
if scare_terms.empty:
    print("No scare quotes in this corpus.")
else:
    fig = F.textplot_scare_terms(scare_terms)
    save_chart(fig, scare_terms, "02-scare-terms", reports=reports)
    plt.show()

# %% [markdown]
# How the terms of interest are used: inside scare quotes, someone's words, titles, as a
# mentioned term, or bare (`helpers.terms.textstat_quoted`, built on the same quotations).

# %%
use = PT.textstat_quoted(p, terms) if processed else textstat_quoted(docs, terms)
use.groupby(["term", "kind"], sort=False)["count"].sum().unstack("kind")

# %% [markdown]
# ## Markers in context
# Each delegitimising, distancing or evaluative marker with its sentence, and whether it sits
# inside a quotation (then `quote_kind` says which kind: the words may be someone else's).

# %%
doc_markers[["sent_id", "para_id", "start", "end", "match", "family", "in_quote", "quote_kind"]].head(40)

# %% [markdown]
# ## Markers and frame dimensions per paragraph of this document
# One column per paragraph (`para_id`; those with at least one hit, first 20), one row per
# marker family or frame dimension.

# %%
doc_paragraphs = paragraphs_table(one)
marker_paras = F.frame_scores(doc_hits, doc_paragraphs, "markers", unit="para_id")
marker_paras = marker_paras.drop(columns=["doc_id", "start", "end"]).set_index("para_id").T
marker_paras.loc[:, marker_paras.sum() > 0].iloc[:, :20]  # paragraphs with hits, first 20

# %%
frame_paras = F.frame_scores(doc_hits, doc_paragraphs, "frames", unit="para_id")
frame_paras = frame_paras.drop(columns=["doc_id", "start", "end"]).set_index("para_id").T
frame_paras.loc[:, frame_paras.sum() > 0].iloc[:, :20]

# %% [markdown]
# ## Frame profile per document
# Hits per 1,000 words for each frame dimension (the documents with most words when there
# are many).

# %%
shown_docs = F.largest_documents(docs, max_groups)
in_docs = docs[docs["doc_id"].isin(shown_docs)]
heat_docs = PF.textstat_framing(p, groups=shown_docs) if processed else F.textstat_framing(in_docs, hits)
fig = F.textplot_framing_heatmap(heat_docs, group_by="doc_id", lexicon="frames")
save_chart(fig, heat_docs, "02-frames-per-document", reports=reports)
plt.show()

# %% [markdown]
# ## Sources of direct quotations
# Counted by `speaker`: "he", "the minister" count for the person they stand for.

# %%
sources = PF.textstat_quoted_sources(p, n=top_n) if processed else F.textstat_quoted_sources(docs, quotes, n=top_n)
if sources.empty:
    print("No attributed direct quotations in this corpus.")
else:
    fig = F.textplot_quoted_sources(sources)
    save_chart(fig, sources, "02-quoted-sources", reports=reports)
    plt.show()
sources

# %% [markdown]
# ## Comparing groups
# The same measures per group (`group_by`), for the groups with most documents: frame and
# marker rates, share of quotations by kind, who puts which words in scare quotes, top
# scare-quoted terms and quoted sources.

# %%
groups = choose_groups(docs, group_by, groups, max_groups=max_groups, min_docs=min_docs)
several = len(groups) >= 2
if not several:
    print(f"Only {len(groups)} group by {group_by!r}: group comparisons need at least two.")

# %%
if several:
    in_groups = docs[docs[group_by].isin(groups)]
    in_quotes = None if processed else quotes[quotes["doc_id"].isin(in_groups["doc_id"])]
    profile = (PF.textstat_framing(p, group_by, groups=groups) if processed
               else F.textstat_framing(in_groups, hits[hits["doc_id"].isin(in_groups["doc_id"])], group_by=group_by))
    fig = F.textplot_framing_heatmap(profile, group_by=group_by, lexicon="frames")
    save_chart(fig, profile[profile["lexicon"] == "frames"], "02-frames-per-group", reports=reports)
    plt.show()

# %%
if several:
    fig = F.textplot_framing_heatmap(profile, group_by=group_by, lexicon="markers")
    save_chart(fig, profile[profile["lexicon"] == "markers"], "02-markers-per-group", reports=reports)
    plt.show()

# %%
if several:
    kinds = (PF.textstat_quote_kinds(p, group_by, groups=groups) if processed
             else F.textstat_quote_kinds(in_groups, in_quotes, group_by=group_by))
    fig = F.textplot_quote_kinds(kinds, group_by=group_by)
    save_chart(fig, kinds, "02-quote-kinds-per-group", reports=reports)
    plt.show()

# %% [markdown]
# ### Who distances itself from which words
# Scare-quoted terms per group, counting only the quotations typed *scare* with probability
# `kind_p` ≥ 0.5; `uncertain` counts the scare quotations of that group and term below it,
# left out of the heat map.

# %%
if several:
    scare_groups = (PF.textstat_scare_by_group(p, group_by, n=top_n, groups=groups) if processed
                    else F.textstat_scare_by_group(in_groups, in_quotes, group_by=group_by, n=top_n))
    print(f"{int(scare_groups['count'].sum())} scare quotations with kind_p >= 0.5 counted, "
          f"{int(scare_groups['uncertain'].sum())} uncertain (kind_p < 0.5) left out, "
          f"over the {scare_groups['term'].nunique()} most scare-quoted terms")
    if scare_groups.empty:
        print("No confident scare quotes in these groups.")
    else:
        fig = F.textplot_scare_by_group(scare_groups, group_by)
        save_chart(fig, scare_groups, "02-scare-terms-per-group", reports=reports)
        plt.show()
        display(scare_groups.pivot(index=group_by, columns="term", values="count"))

# %%
if several:
    display(PF.textstat_scare_terms(p, group_by, n=5, groups=groups) if processed
            else F.textstat_scare_terms(in_groups, in_quotes, group_by=group_by, n=5))
    display(PF.textstat_quoted_sources(p, group_by, n=5, groups=groups) if processed
            else F.textstat_quoted_sources(in_groups, in_quotes, group_by=group_by, n=5))
