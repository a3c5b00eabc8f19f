"""Quotation kinds: features in words, the conventions of the gold, the JSON model (same
predictions as the scikit-learn fit), evidence, and the evaluation machinery."""

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression

from helpers import framing_kinds_train as T
from helpers.evaluate.quote_kinds import confusion, scores
from helpers.framing import KINDS, find_quotes
from helpers.framing_attribution import quote_features
from helpers.framing_kinds import (
    EVIDENCE,
    FEATURES,
    MODEL_PATH,
    WORD_FEATURE,
    KindModel,
    describe,
    document_features,
    load_model,
    restrict,
    speaker_needed,
)


def features_of(text: str, which: int = 0) -> dict[str, str]:
    """The features of the ``which``-th quotation of ``text`` (as ``find_quotes`` computes them)."""
    q = find_quotes(text).iloc[which]
    start, end, ms, me = (int(q[c]) for c in ("start", "end", "mark_start", "mark_end"))
    return quote_features(text, start, end, ms, me, depth=int(q["depth"]))[1]


@pytest.mark.parametrize(
    "text, feature, words",
    [
        ("The regime held so-called “elections” in March.", "so_called", "so-called"),
        ("The self-styled “republic” held a parade.", "self_styled", "self-styled"),
        ("Police found the alleged “bomb” in a bag.", "alleged", "alleged"),
        ("They staged fake “encounters” in the valley.", "fake_before", "fake"),
        ("He avoided the term “genocide” in the speech.", "term_noun", "the term"),
        ("The old concept of “security” is obsolete.", "concept_of", "concept of"),
        ("Talks rest on the principle of “land for peace”.", "concept_of", "principle of"),
        ("The hubs, known as “gigahubs”, opened in May.", "known_as", "known as"),
        ("The missiles, dubbed “flying poles”, fell.", "naming_verb", "dubbed"),
        ("She wrote a book entitled “The Long Road Home” in 2001.", "named_titled", "entitled"),
        ("They label them as “occupants” in the note.", "label_as", "label them as"),
        (
            "The West turned it into a “humanitarian mission” overnight.",
            "label_as",
            "turned it into a",
        ),
        ("Dr Gazzola called it a “tipping point” and left.", "call_it", "called it a"),
        ("The flu was commonly called “swine flu” by reporters.", "called", "commonly called"),
        (
            "Hotels hide what the President calls “junk fees” in the bill.",
            "what_call",
            "what the President calls",
        ),  # fmt: skip
        (
            "It was named Vararakn, meaning “rapid spring”, after the river.",
            "means_before",
            "meaning",
        ),
        ("These, quote, “fabs” are factories.", "quote_word", "quote,"),
        ("The report “Human Rights in the Caucasus” came out.", "title_noun", "report"),
        ("The Innovation Act (the “Act”) takes effect.", "paren_open", "(the"),
        ("He rose under the slogan “leave no one behind”.", "saying", "slogan"),
        ("Delegates met at the “Peace and Dialogue” forum in Baku.", "title_noun_after", "forum"),
        ("The word “Haggadah” means telling.", "means_after", "means"),
        ("The “elections” were a sham staged by the regime.", "falsity_after", "sham"),
        (
            "They promote “conversion therapy”, a dangerous practice.",
            "condemning_after",
            "dangerous",
        ),
        ("The “peacekeepers” were in fact an occupying force.", "in_fact_near", "in fact"),
        ("There have been no “mass firings” this year.", "negation_near", "no"),
        ("He calls it a “special military operation.” It’s a war.", "rebuttal_after", "It’s a"),
        ("“We will never accept this,” the minister said.", "cue_after", "said"),
        ("“We will never accept this,” the minister said.", "source_attached", "the minister"),
        ("**Mayor Jim Kenney:** “We are thankful for this.”", "speaker_label", "Mayor Jim Kenney"),
        ("According to the ministry, “the talks failed.”", "according_to", "According to"),
        ("Biden said voters “don’t deserve” to know his position.", "cue_in_sentence", "said"),
        ("They promote the “reform” of the courts.", "value_words", "reform"),
        ("Congress closed the “gun show loophole” last year.", "pejorative_words", "loophole"),
        ("The “elections” were held amid propaganda.", "value_words_rejected", "elections"),
        ("He calls it a “special military operation.” It’s a war.", "rejected_next", "It’s a"),
        ("“Borders” is actually not the right word here.", "misnomer_near", "not the right word"),
        ("They imposed the “reform” on the courts.", "negative_stance", "imposed"),
        ("We welcome the “Asia Anew” initiative.", "positive_stance", "welcome"),
        ("For decades, some “experts” doubted it.", "quantifier_before", "some"),
        ("Those who demand the world adhere to their “rules” fail.", "possessive_third", "their"),
        ("Our “Mediation for peace” initiative goes on.", "possessive_first", "our"),
        ("There are no “others” in this hall.", "negated_before", "no"),
        ("Meat can be labeled “Product of USA” if processed here.", "labelled_before", "labeled"),
        ("Officials stated that the deaths were “senseless” and tragic.", "reported_that",
         "stated that"),
        ("How can Russia be considered “defeated” today?", "adjective_like", "defeated"),
        ("He referred to the soldiers buried there as “losers” once.", "described_as",
         "referred to the soldiers buried there as"),
        ("They hold so-called “elections” that are a farce.", "so_called_rejected", "so-called"),
        ("They hold so-called “elections” that are a farce.", "distancing", "so_called"),
        ("The “Deal of the Century” report came out.", "naming_title", "title_noun_after"),
        ("The hubs, known as “gigahubs”, opened in May.", "naming_term", "known_as"),
        ("Their “democracy” is imposed on others.", "value_words_contested", "democracy"),
    ],
)  # fmt: skip
def test_cue_features_show_their_words(text, feature, words):
    assert features_of(text).get(feature) == words


@pytest.mark.parametrize(
    "text, which, present, absent",
    [
        ("She joined the “Friends of Georgia” group.", 0, {"title_case", "two_three_words"}, {"clause"}),
        ("We must focus on the idea of “SOLIDARITY” now.", 0, {"all_caps", "one_word"}, {"title_case"}),
        ("It was clear: “the past two years were good.”", 0,
         {"clause", "ends_sentence", "colon_before", "lower_case"}, {"title_case"}),
        ("“We will never accept this,” the minister said.", 0,
         {"first_person", "ends_comma", "sentence_start", "four_to_seven_words"}, {"no_cue"}),
        ("Travellers see a “D” warning.", 0, {"symbol", "det_indefinite", "no_cue"}, set()),
        ("“The so-called “elections” were a farce,” he said.", 1, {"inside_quotation", "so_called"}, set()),
        ("Sanctions hurt. The so-called “sanctions” stay, but sanctions remain.", 0,
         {"bare_elsewhere"}, {"quoted_elsewhere"}),
        ("The so-called “vote” was a farce; the “vote” changed nothing.", 1,
         {"quoted_elsewhere", "so_called_elsewhere"}, {"so_called"}),
        ("Fees are disguised as “broadcast TV” or “regional sports” charges.", 1,
         {"coordinated", "label_as", "modifier_after"}, set()),
        ("The so-called republic, the so-called army and the so-called “vote” are one farce.", 0,
         {"polemic_document"}, set()),
        ("The “rules” that the West wants are not rules.", 0, {"relative_after", "det_the"}, set()),
        ("He said it on “Fox News Sunday” (a show).", 0, {"paren_after", "title_case"}, set()),
        ("Their “rules.” The invasion followed.", 0, {"det_possessive", "ends_sentence"}, set()),
        ("Hotels hide what he calls “junk fees” here.", 0, {"what_call", "naming_cue"},
         {"cue_before", "source_attached"}),  # a naming verb, not speech
        ("Is this really “peace”? Nobody believes it.", 0, {"question"}, set()),
        ("It is a “threat multiplier” for the region.", 0, set(), {"abstract_noun"}),
        ("Some call it “liberalism” today.", 0, {"abstract_noun"}, {"adjective_like"}),
        ("The fake “encounters” went on; it was in fact murder, a farce.", 0,
         {"distancing", "distancing_twice"}, set()),
    ],
)  # fmt: skip
def test_shape_position_document_and_attribution_features(text, which, present, absent):
    found = features_of(text, which)
    assert present <= set(found), found
    assert not absent & set(found), found


def test_every_feature_reads_as_evidence():
    assert FEATURES == list(EVIDENCE)
    found = features_of("The so-called “elections” were a sham, in fact, not “elections” at all.")
    named = {f for f in found if not f.startswith(WORD_FEATURE)}
    assert named <= set(FEATURES)
    assert {f for f in found if f.startswith(WORD_FEATURE)} == {
        "word:the",
        "word:so-called",
        "word:were",
        "word:a",
        "word:sham",
        "word:in",
        "word:fact",
        "word:not",
        "word:elections",
        "word:at",
        "word:all",
    }  # the sentence outside the first quotation's marks, other quotations included
    words = [(-1.0, "word:so-called", "so-called"), (-0.5, "word:today's", "today's")]
    assert describe(WORD_FEATURE, words) == "words around it ('so-called', 'today’s')"
    words.append((-0.1, "word:the", "the"))
    assert describe(WORD_FEATURE, words) == "words around it ('so-called', 'today’s', …)"


@pytest.mark.parametrize(
    "text, kind",
    [
        # so-called names the writer accepts: term or title; rejected: scare
        ("Congress must close the so-called “gun show loophole.” It lets sellers skip checks.", "term"),
        ("Negotiators rejected the so-called “Pact for the Future,” which lacked a plenary round.", "title"),
        ("The order protects children from so-called “conversion therapy,” a dangerous and "
         "discredited practice.", "scare"),
        ("The regime held so-called “elections” in March.", "scare"),
        ("The “elections” were held in an environment of illegitimacy.", "scare"),
        ("They label them as «occupants» in the note.", "scare"),
        # a label someone gives a specific thing: direct; a concept named: term
        ("Dr Gazzola called it a “tipping point” and left.", "direct"),
        ("Hotels hide what the President calls “junk fees” in the bill.", "term"),
        # sayings and slogans quoted as words: direct; a principle: term; a gloss: term
        ("As the old saying goes: “Too little, too late.”", "direct"),
        ("He rose to power under the slogan “leave no one behind”.", "direct"),
        ("Talks should proceed on the basis of the principle of “land for peace”.", "term"),
        ("The village was first recorded as Vararakn, meaning “rapid spring”, after the river.", "term"),
        # nicknames and aliases: title
        ("Police arrested Ismael Zambada Garcia (AKA “El Mayo”) on Thursday.", "title"),
        ("Edward Lodewijk “Eddie” Van Halen died on Tuesday.", "title"),
        # words mentioned, names, speech
        ("He avoided the term “genocide” in the speech.", "term"),
        ("That year's H1N1 was commonly called \"swine flu.\"", "term"),
        ("In 2017 the report entitled “The Azerbaijani Laundromat” was published.", "title"),
        ("“We will never accept this,” the minister said.", "direct"),
        ("**Mayor Jim Kenney:** “We are thankful for this.”", "direct"),
        ("The Economist magazine called it “a sham democracy”.", "direct"),
        ("He calls it a “special military operation.” It’s a war.", "scare"),
    ],
)  # fmt: skip
def test_conventions_of_the_gold(text, kind):
    assert find_quotes(text).iloc[0]["kind"] == kind


@pytest.mark.xfail(reason="known limits of the model (see make eval): the cue words are "
                   "outweighed by the shape or the sentence", strict=False)  # fmt: skip
@pytest.mark.parametrize(
    "text, kind",
    [
        ("He rose to power under the slogan of “Georgia for Georgians”.", "direct"),
        # a concept named by a speaker: the speech verb earlier in the sentence outweighs
        # "what he calls"
        ("The senator criticised airlines for what he calls “junk fees.”", "term"),
    ],
)
def test_conventions_the_model_misses(text, kind):
    assert find_quotes(text).iloc[0]["kind"] == kind


@pytest.mark.parametrize(
    "text",
    [
        "Fans loved the “yeet” moment.",
        "The “people’s house” is open today.",
        "It was a “historic” day for the town.",
        "The regime staged “elections” in the occupied region.",
    ],
)
def test_short_unattributed_phrase_is_not_direct(text):
    row = find_quotes(text).iloc[0]
    assert row["kind"] != "direct" and row["source"] is None and row["cue"] is None
    assert speaker_needed(features_of(text))


def test_direct_keeps_source_and_cue_others_do_not():
    direct = find_quotes("“We will never accept this,” the minister said.").iloc[0]
    assert (direct["kind"], direct["source"], direct["cue"]) == ("direct", "the minister", "said")
    scare = find_quotes("The regime said the so-called “elections” were fair.").iloc[0]
    assert scare["kind"] == "scare" and scare["source"] is None and scare["cue"] is None


def test_evidence_in_words_and_probability():
    row = find_quotes("The regime held so-called “elections” in March.").iloc[0]
    assert 0.5 < row["kind_p"] <= 1.0
    assert "after 'so-called'" in row["kind_evidence"].split("; ")
    row = find_quotes("The rebels chanted “Death to the regime” all night.").iloc[0]
    assert row["kind"] == "direct" and "speech cue 'chanted' attached" in row["kind_evidence"]
    row = find_quotes("She joined the “Friends of Georgia” group.").iloc[0]
    assert "Title Case name" in row["kind_evidence"]
    assert len(row["kind_evidence"].split("; ")) <= 3


def test_sentence_words_are_one_piece_of_evidence_ranked_by_their_summed_push():
    model = KindModel.from_dict({
        "classes": ["scare", "term"],
        "intercept": [0.0, 0.0],
        "weights": {
            "so_called": [0.5, 0.0], "lower_case": [0.3, 0.0],
            "word:have": [0.2, 0.0], "word:fact": [0.25, 0.0], "word:it": [0.02, 0.0],
        },
    })  # fmt: skip
    features = {"so_called": "so-called", "lower_case": "", "word:have": "have",
                "word:fact": "fact", "word:it": "it"}  # fmt: skip
    kind, _, evidence = model.predict(features)
    assert kind == "scare"
    # so-called pushes 0.5, the words 0.25 + 0.2 = 0.45 ("it" too weak to count), lower case 0.3
    assert evidence == "after 'so-called'; words around it ('fact', 'have'); lower case"


def test_restrict_rules_out_direct_and_rescales():
    short = {"one_word": "", "no_cue": ""}
    assert restrict([0.5, 0.25, 0.25, 0.0], ("direct", "scare", "term", "title"), short) == [
        0.0, 0.5, 0.5, 0.0,
    ]  # fmt: skip
    spoken = {**short, "speech_verb_before": "said"}
    assert restrict([0.5, 0.5], ("direct", "scare"), spoken) == [0.5, 0.5]


def test_shipped_model_loads_and_covers_the_features():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model = load_model()
    assert set(model.classes) == set(KINDS)
    names = list(data["weights"])
    assert names[: len(FEATURES)] == FEATURES
    words = names[len(FEATURES) :]
    assert words and words == sorted(words) and all(w.startswith(WORD_FEATURE) for w in words)
    assert all(len(w) == len(KINDS) for w in model.weights.values())


def test_bad_model_file_gives_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train"):
        load_model(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"classes": ["a", "b"], "intercept": [0], "weights": {}}', encoding="utf-8")
    with pytest.raises(ValueError, match="one value per class"):
        load_model(bad)


def _synthetic(n: int = 240, seed: int = 3) -> tuple[np.ndarray, np.ndarray, list[str]]:
    rng = np.random.default_rng(seed)
    names = FEATURES[:12]
    x = (rng.random((n, len(names))) < 0.3).astype(float)
    score = x @ rng.normal(size=(len(names), 4))
    y = np.array(KINDS)[score.argmax(axis=1)]
    return x, y, names


def test_json_model_predicts_as_the_sklearn_fit(tmp_path):
    x, y, names = _synthetic()
    fitted = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    path = T.write_model(T.model_dict(fitted, names, note="synthetic"), tmp_path / "m.json")
    again = T.write_model(T.model_dict(fitted, names, note="synthetic"), tmp_path / "n.json")
    assert path.read_bytes() == again.read_bytes()  # deterministic file
    model = load_model(path)
    expected = fitted.predict_proba(x)
    for row, want in zip(x, expected, strict=True):
        present = {names[k]: "" for k in np.flatnonzero(row)}
        got = model.probabilities(present)
        assert np.allclose(got, want, atol=1e-4)
        assert model.classes[int(np.argmax(got))] == fitted.classes_[int(np.argmax(want))]


def test_scores_and_confusion_on_a_tiny_gold():
    gold = pd.Series(["direct", "direct", "scare", "term", "title", "scare"])
    pred = pd.Series(["direct", "scare", "scare", "term", "term", "scare"])
    s = scores(gold, pred)
    assert s.loc["direct", "precision"] == 1.0 and s.loc["direct", "recall"] == 0.5
    assert s.loc["scare", "precision"] == pytest.approx(2 / 3) and s.loc["scare", "recall"] == 1.0
    assert s.loc["title", "f1"] == 0.0 and s.loc["accuracy", "f1"] == pytest.approx(4 / 6)
    assert s.loc["macro", "f1"] == pytest.approx(s.loc[list(KINDS), "f1"].mean())
    c = confusion(gold, pred)
    assert c.loc["direct", "scare"] == 1 and c.loc["title", "term"] == 1 and c.to_numpy().sum() == 6


def test_groups_join_documents_sharing_a_passage():
    passage = "“" + "the same long statement repeated in two articles" + "”"
    gold = pd.DataFrame(
        {
            "source": ["w.md", "v.md", "u.md", "u.md"],
            "doc_id": ["w", "v", "u", "u"],
            "span": [passage, passage, "“short”", "“other”"],
        }
    )
    g = T.groups(gold)
    assert g[0] == g[1] != g[2] == g[3]


def test_cross_validation_machinery_on_synthetic_examples(monkeypatch):
    monkeypatch.setattr(T, "C_GRID", (0.3, 1.0))  # a small grid keeps the test fast
    monkeypatch.setattr(T, "WEIGHT_GRID", (None,))
    monkeypatch.setattr(T, "EXTRA_WEIGHT_GRID", (0.3, 1.0))
    x, y, names = _synthetic(n=200)
    table = pd.DataFrame(
        {
            "kind": y,
            "group": [f"doc{i // 4}" for i in range(len(y))],
            "sample": ["natural"] * 150 + ["extra"] * 50,
            "features": [{names[k]: "" for k in np.flatnonzero(row)} for row in x],
        }
    )
    cv = T.cross_validated(table)
    assert len(cv) == 150 and set(cv["fold"]) == set(range(T.N_SPLITS))
    assert cv["p"].between(0, 1).all() and set(cv["predicted"]) <= set(KINDS)
    assert (cv["predicted"] == cv["kind"]).mean() > 0.5  # learnable synthetic rule


def test_folds_test_gold_rows_only_and_keep_extras_of_other_groups():
    y = np.array(["direct", "scare", "term", "title"] * 10)
    group = np.array([f"g{i % 10}" for i in range(40)])
    is_gold = np.array([i < 30 for i in range(40)])  # the last ten rows are extra spans
    folds = T._folds(y, group, is_gold, 0)
    assert sorted(np.concatenate([test for _, test in folds])) == list(range(30))
    for train, test in folds:
        assert not set(group[train]) & set(group[test])  # extras of a tested group are left out
        assert set(np.flatnonzero(~is_gold)) & set(train)  # the other extras train


def test_held_out_is_a_fixed_fifth_of_the_groups_of_each_corpus():
    gold = pd.DataFrame(
        {
            "source": [f"un/speeches/X_{i}.txt" for i in range(10)] + ["wh/s.jsonl"] * 10,
            "doc_id": [f"X_{i}.txt" for i in range(10)] + [f"d{i}" for i in range(10)],
            "span": [f"“span {i}”" for i in range(20)],
        }
    )
    chosen = T.held_out(gold)
    assert chosen[:10].sum() == 2 and chosen[10:].sum() == 2  # 20% of each corpus's groups
    assert chosen.equals(T.held_out(gold.sample(frac=1, random_state=1).sort_index()))


def test_best_match_prefers_exact_marks():
    spans = [(0, 30), (10, 20), (40, 50)]
    assert T._best_match(spans, 10, 20) == (1, True)
    assert T._best_match(spans, 41, 50) == (2, False)
    assert T._best_match(spans, 60, 70) == (None, False)


def test_extra_spans_hold_offsets_and_labels_only():
    extra = T.read_spans(T.EXTRA, gold=False)
    raw = pd.read_csv(T.EXTRA, sep="\t", quoting=3, keep_default_na=False)
    assert list(raw.columns) == ["id", "source", "doc_id", "start", "end", "kind"]
    assert set(extra["kind"]) <= set(KINDS) and (extra["end"] > extra["start"]).all()
    assert not extra["source"].str.contains("ARM_|AZE_|arm_aze").any()  # held-out speeches


@pytest.mark.skipif(not T.GOLD.exists(), reason=f"development gold missing: {T.GOLD}")
def test_training_features_are_those_find_quotes_uses():
    table = T.examples()
    gold = table[table["sample"] != "extra"]
    assert gold["matched"].all()
    sample = gold.groupby("source").head(3)
    model = load_model()
    via_features = [model.predict(f)[0] for f in sample["features"]]
    assert T.runtime_kinds(sample).tolist() == via_features


def test_scare_terms_per_group_count_only_confident_quotes():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["", "", ""], "side": ["x", "y", "z"]})
    quotes = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b", "b", "c"],
            "kind": ["scare", "scare", "scare", "scare", "direct", "term"],
            "kind_p": [0.9, 0.4, 0.7, 0.8, 0.99, 0.9],
            "text": ["elections", "Elections", "referendum,", "elections", "we won", "genocide"],
        }
    )
    from helpers.framing import textstat_scare_by_group

    table = textstat_scare_by_group(docs, quotes, group_by="side", n=5)
    assert list(table.columns) == ["side", "term", "count", "uncertain"]
    cells = table.set_index(["side", "term"])
    assert cells.loc[("x", "elections")].tolist() == [1, 1]  # p 0.4 is uncertain
    assert cells.loc[("y", "elections")].tolist() == [1, 0]
    assert cells.loc[("z", "elections")].tolist() == [0, 0]  # every group, zeros included
    assert table["term"].drop_duplicates().tolist() == ["elections", "referendum"]
    assert textstat_scare_by_group(docs, quotes, group_by="side", n=1)[
        "term"
    ].unique().tolist() == ["elections"]


def test_highlight_shows_kind_probability_and_evidence_escaped():
    from helpers.framing import highlight_quotes

    text = "The so-called “<b>elections</b>” were held."
    html_out = highlight_quotes(text, find_quotes(text))
    assert "&lt;b&gt;elections" in html_out and "<b>" not in html_out
    assert "scare (p = 0." in html_out and "why: after &#x27;so-called&#x27;" in html_out


def _naive_document_features(text, content, mark_start, mark_end):
    """``document_features`` by a plain scan of every occurrence (the reference)."""
    import re

    key = content.strip(" ,.;:!?*_")
    lo, hi = max(0, mark_start - 20_000), min(len(text), mark_end + 20_000)
    low = text.lower()
    out = {}
    if len(re.findall(r"\bso[-\s]*called\b", low[lo:hi])) >= 3:
        out["polemic_document"] = ""
    if len(key) > 80 or not re.search(r"[^\W\d_](?:[\W\d_]*[^\W\d_]){2}", key[:20]):
        return out
    for pos in range(lo, hi):
        found = [
            v
            for v in {key, key.lower(), key[:1].upper() + key[1:]}
            if text.startswith(v, pos) and pos + len(v) <= hi
        ]
        if not found or mark_start <= pos < mark_end:
            continue
        left = text[pos - 1] if pos else " "
        right = text[pos + len(found[0])] if pos + len(found[0]) < len(text) else " "
        if left in "“”„‟‘’‚‛«»‹›\"'":
            out["quoted_elsewhere"] = ""
            if re.search(r"\bso[-\s]*called\s*$", low[max(0, pos - 13) : pos - 1]):
                out["so_called_elsewhere"] = ""
        elif not left.isalnum() and not right.isalnum():
            out["bare_elsewhere"] = ""
    return out


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["so-called", "So called", "war", "War", "the war", "“", "”", " ", ".", "x"]
        ),
        max_size=40,
    )
)
def test_document_index_finds_what_a_plain_scan_finds(parts):
    text = " ".join(parts) + " so-called “the war” and war."
    start = text.rindex("“the war”") + 1
    for s, e in [(start, start + 7), (text.index("war"), text.index("war") + 3)]:
        content, ms, me = text[s:e], s - 1, e + 1
        assert document_features(text, content, ms, me) == _naive_document_features(
            text, content, ms, me
        )


def test_document_index_reuses_its_searches_across_far_apart_quotations():
    # windows of 20,000 characters either side: the index extends what it searched to the
    # right and to the left, and starts over past a gap, finding what a plain scan finds
    filler = "Nothing to see here. " * 700  # 14,700 characters
    parts = ["The “reform” came.", "A so-called “reform” again.", "Reform, bare.", "“reform”"]
    text = filler.join(parts * 3)
    starts = [m + 1 for m in range(len(text)) if text.startswith("“reform”", m)]
    order = starts[2:] + starts[:2][::-1] + starts[-1:] + starts[:1]  # right, left, jumps
    for s in order:
        args = (text, "reform", s - 1, s + 7)
        assert document_features(*args) == _naive_document_features(*args)


@pytest.mark.skipif(not T.GOLD.exists(), reason=f"development gold missing: {T.GOLD}")
def test_make_train_reproduces_the_shipped_model():
    """A change to the features or the gold that moves the fit shows here: run ``make train``."""
    shipped = json.loads(T.MODEL_PATH.read_text(encoding="utf-8"))
    refitted = T.refit()
    assert refitted["about"] == shipped["about"]
    assert refitted["classes"] == shipped["classes"]
    np.testing.assert_allclose(refitted["intercept"], shipped["intercept"], atol=1e-5)
    assert refitted["weights"].keys() == shipped["weights"].keys()
    for feature, weights in shipped["weights"].items():
        np.testing.assert_allclose(
            refitted["weights"][feature], weights, atol=1e-5, err_msg=feature
        )
