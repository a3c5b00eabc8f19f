"""Attribution accuracy of ``find_attributions`` on PolNeAR dev (``../shared/gold/polnear-dev``).

Content spans: precision, recall and F1 with a one-to-one greedy matching, a prediction
matching a gold span when their overlap covers >= 0.3 of the gold span ("overlap"), or
when both ends agree ("exact"). Source and cue accuracy: over the overlap-matched pairs
whose gold attribution has that role, the share whose predicted span overlaps the gold
one ("overlap") or has the same text ("exact", case-insensitive).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from helpers.framing_names import split_name
from helpers.framing_reported import ATTRIBUTION_COLUMNS, attribution_records
from helpers.framing_speakers import source_head
from helpers.paths import ROOT

GOLD = ROOT.parent / "shared" / "gold" / "polnear-dev"
SPEAKERS = Path(__file__).with_name("polnear_dev_speakers.tsv")  # offsets only, no text
_QUOTE_MARK = re.compile(r"\s*(?:[“”\"«»]|'')")  # a content that opens with a quotation mark
_WORD = re.compile(r"[^\W_]")
_PRONOUN_WORDS = {"he", "she", "i", "we", "they", "it", "the", "a"}
_SPAN = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")


@dataclass
class Gold:
    """One gold attribution: content fragments and source/cue spans (lists of (start, end))."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    cue: list[tuple[int, int]]


def read_ann(path: Path) -> list[Gold]:
    """Gold attributions of one brat ``.ann`` file (``E`` lines tying content, source, cue)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _SPAN.match(line)
        if m:
            frags = [tuple(map(int, f.split())) for f in m.group(3).split(";")]
            spans[m.group(1)] = frags
        elif line.startswith("E"):
            events.append(line.split("\t")[1].split())
    out = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for arg in args[1:]:
            role, ref = arg.split(":")
            roles[role.rstrip("0123456789")] += spans.get(ref, [])
        if roles["Content"]:
            out.append(Gold(sorted(roles["Content"]), roles["Source"], roles["Cue"]))
    return out


def held_out(name: str) -> bool:
    """True for the fifth of PolNeAR dev articles held out from development (by a hash of
    the article name, so the split never depends on the order or the number of files)."""
    return hashlib.blake2b(name.encode(), digest_size=8).digest()[0] % 5 == 0


def _chosen(folder: Path) -> dict[str, Path]:
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return dict(sorted(chosen.items()))


def gold_articles(folder: Path = GOLD, *, split: str | None = None) -> list[tuple[str, list[Gold]]]:
    """(text, gold attributions) per article; the first annotator when there are several.
    ``split``: None for all, ``"development"`` or ``"held-out"`` (see ``held_out``)."""
    return [
        ((folder / "text" / f"{name}.txt").read_text(encoding="utf-8"), read_ann(ann))
        for name, ann in _chosen(folder).items()
        if split is None or held_out(name) == (split == "held-out")
    ]


def speaker_labels(folder: Path = GOLD) -> dict[str, dict]:
    """Hand labels of the names that pronoun and role sources of quotations stand for
    (``SPEAKERS``: article, source offsets, name offsets), keyed for ``score`` per split:
    ``{"all" | "development" | "held-out": {(article index, start, end): name}}``."""
    names = list(_chosen(folder))
    texts: dict[str, str] = {}
    out: dict[str, dict] = {"all": {}, "development": {}, "held-out": {}}
    if not SPEAKERS.exists():
        return out
    for line in SPEAKERS.read_text(encoding="utf-8").splitlines()[1:]:
        article, s, e, ns, ne = line.split("\t")
        if article not in texts:
            texts[article] = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
        name = texts[article][int(ns) : int(ne)]
        split = "held-out" if held_out(article) else "development"
        in_split = [a for a in names if held_out(a) == (split == "held-out")]
        out["all"][(names.index(article), int(s), int(e))] = name
        out[split][(in_split.index(article), int(s), int(e))] = name
    return out


A = {name: k for k, name in enumerate(ATTRIBUTION_COLUMNS)}  # column positions of a record


@dataclass
class Pred:
    """One predicted attribution: content fragments, source and cue spans, speaker, kind."""

    content: list[tuple[int, int]]
    source: tuple[int, int] | None
    cue: tuple[int, int]
    speaker: str | None
    kind: str


def _pred(r: tuple) -> Pred:
    src = (r[A["source_start"]], r[A["source_end"]]) if r[A["source"]] is not None else None
    return Pred([(r[A["start"]], r[A["end"]])], src, (r[A["cue_start"]], r[A["cue_end"]]),
                r[A["speaker"]], r[A["kind"]])  # fmt: skip


def predictions(records: list[tuple]) -> list[Pred]:
    """Attributions as PolNeAR counts them: the quoted segments of one tag (same cue span)
    are one attribution with several content fragments."""
    out: list[Pred] = []
    by_cue: dict[tuple[int, int], Pred] = {}
    for r in records:
        p = _pred(r)
        if p.kind == "direct" and p.cue in by_cue:
            by_cue[p.cue].content.append(p.content[0])
            continue
        if p.kind == "direct":
            by_cue[p.cue] = p
        out.append(p)
    return out


def gold_segments(text: str, gold: list[Gold]) -> list[Gold]:
    """Quoted gold contents (opening with a quotation mark) cut into segments: fragments
    joined when only marks, spaces or punctuation separate them, split where words do
    (“…,” he said. “…” is two segments)."""
    out = []
    for g in gold:
        if not _QUOTE_MARK.match(text, g.content[0][0]):
            continue
        run = [g.content[0]]
        for s, e in g.content[1:]:
            if _WORD.search(text, run[-1][1], s):
                out.append(Gold([(run[0][0], run[-1][1])], g.source, g.cue))
                run = []
            run.append((s, e))
        out.append(Gold([(run[0][0], run[-1][1])], g.source, g.cue))
    return out


def _length(frags: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in frags)


def _overlap(frags: list[tuple[int, int]], others: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e, b) - max(s, a)) for s, e in frags for a, b in others)


def _same_text(text: str, frags: list[tuple[int, int]], span: tuple[int, int] | None) -> bool:
    if span is None or not frags:
        return False
    gold = " ".join(text[s:e] for s, e in frags)
    return gold.strip().lower() == text[span[0] : span[1]].strip().lower()


def _match(gold: list[Gold], preds: list[Pred], *, greedy: bool = False) -> list[tuple[Gold, Pred]]:
    """One-to-one matching of predictions to gold contents: a pair is eligible when the
    prediction covers >= 0.3 of the gold content. Default: as many pairs as possible; among
    those, pairs of the same attribution first (the cue spans overlap), then the best fit
    (intersection over union), so a prediction nested in a longer one is not left without
    its gold because the longer one took it. ``greedy``: the earlier scorer, pairs taken
    greedily by coverage."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            inter = _overlap(g.content, p.content)
            ov = inter / max(1, _length(g.content))
            if ov >= 0.3:
                union = _length(g.content) + _length(p.content) - inter
                same_cue = bool(g.cue) and _overlap(g.cue, [p.cue]) > 0
                pairs.append((ov, same_cue + inter / max(1, union), gi, pi))
    if not pairs:
        return []
    if greedy:
        used_g, used_p, out = set(), set(), []
        for _, _, gi, pi in sorted(pairs, key=lambda x: (-x[0], x[2], x[3])):
            if gi not in used_g and pi not in used_p:
                used_g.add(gi)
                used_p.add(pi)
                out.append((gold[gi], preds[pi]))
        return out
    weight = np.zeros((len(gold), len(preds)))
    for _, fit, gi, pi in pairs:
        weight[gi, pi] = 1000.0 + fit  # the count of pairs first, then how well they fit
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [(gold[gi], preds[pi]) for gi, pi in zip(rows, cols, strict=True) if weight[gi, pi] > 0]


def _prf(hits: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p, r = hits / max(1, n_pred), hits / max(1, n_gold)
    return p, r, 2 * p * r / max(1e-9, p + r)


def _same_person(gold: str, predicted: str | None) -> bool:
    """The predicted speaker names the gold one: equal, or sharing the last word of the gold
    or of its name without titles (surname: "Clinton" / "Hillary Clinton" / "Mrs. Clinton";
    "Representative Charles B. Rangel of New York" / "Charles B. Rangel")."""
    if predicted is None:
        return False
    g, p = gold.lower().split(), predicted.lower().split()
    name = [w.lower() for w in split_name(gold.split())[1]]
    return g == p or any(
        bool(words) and words[-1] in p and words[-1] not in _PRONOUN_WORDS for words in (g, name)
    )


def score(
    articles: list[tuple[str, list[Gold]]], speakers: dict | None = None, *, greedy: bool = False
) -> dict:
    """Content P/R/F1 (overlap >= 0.3 of gold, and exact) and source/cue accuracy, pooled;
    the quotation subset per attribution and per segment, with speaker accuracy.

    ``speakers`` maps ``(article index, source_start, source_end)`` of a gold source that is
    a pronoun or a role to the name it stands for (hand labels); other gold sources are their
    own speaker."""
    speakers = speakers or {}
    n = {k: 0 for k in ("pred", "gold", "hit", "exact", "q_gold", "q_pred", "q_hit", "q_ok",
                        "s_gold", "s_pred", "s_hit")}  # fmt: skip
    roles = {k: [0, 0, 0] for k in ("source", "cue")}  # with gold role, overlap-right, exact-right
    seg = [0, 0, 0, 0, 0]  # matched with gold source; source overlap; same text; speaker; labelled
    for index, (text, gold) in enumerate(articles):
        records = attribution_records(text)
        preds = predictions(records)
        n["pred"], n["gold"] = n["pred"] + len(preds), n["gold"] + len(gold)
        for g, p in _match(gold, preds, greedy=greedy):
            n["hit"] += 1
            n["exact"] += (p.content[0][0], p.content[-1][1]) == (g.content[0][0], g.content[-1][1])
            for role, frags, span in (("source", g.source, p.source), ("cue", g.cue, p.cue)):
                if frags:
                    roles[role][0] += 1
                    roles[role][1] += span is not None and _overlap(frags, [span]) > 0
                    roles[role][2] += _same_text(text, frags, span)
        # the quotation subset, one row per attribution (comparable to earlier runs)
        quoted = [g for g in gold if _QUOTE_MARK.match(text, g.content[0][0])]
        direct = [p for p in preds if p.kind == "direct"]
        n["q_gold"], n["q_pred"] = n["q_gold"] + len(quoted), n["q_pred"] + len(direct)
        n["q_hit"] += len(_match(quoted, direct, greedy=greedy))
        n["q_ok"] += sum(any(_overlap(g.content, p.content) >= 0.3 * _length(g.content)
                             for g in gold) for p in direct)  # fmt: skip
        # the quotation subset per segment: one row per quoted segment, each with its speaker
        segments = gold_segments(text, gold)
        rows = [_pred(r) for r in records if r[A["kind"]] == "direct"]
        n["s_gold"], n["s_pred"] = n["s_gold"] + len(segments), n["s_pred"] + len(rows)
        for g, p in _match(segments, rows, greedy=greedy):
            n["s_hit"] += 1
            if not g.source:
                continue
            seg[0] += 1
            seg[1] += p.source is not None and _overlap(g.source, [p.source]) > 0
            seg[2] += _same_text(text, g.source, p.source)
            key = (index, g.source[0][0], g.source[-1][1])
            seg[4] += key in speakers
            written = " ".join(text[s:e] for s, e in g.source)
            seg[3] += _same_person(speakers.get(key, source_head(written)), p.speaker)
    out: dict = {"predicted": n["pred"], "gold": n["gold"], "direct_gold": n["q_gold"],
                 "direct_predicted": n["q_pred"], "segment_gold": n["s_gold"],
                 "segment_predicted": n["s_pred"]}  # fmt: skip
    for name, k in (("overlap", n["hit"]), ("exact", n["exact"])):
        out[f"content_P_{name}"], out[f"content_R_{name}"], out[f"content_F1_{name}"] = _prf(
            k, n["pred"], n["gold"]
        )
    for role, (total, ok, same) in roles.items():
        out[f"{role}_acc_overlap"] = ok / max(1, total)
        out[f"{role}_acc_exact"] = same / max(1, total)
    out["direct_R_overlap"] = n["q_hit"] / max(1, n["q_gold"])
    out["direct_P_overlap"] = n["q_ok"] / max(1, n["q_pred"])
    p, r = out["direct_P_overlap"], out["direct_R_overlap"]
    out["direct_F1_overlap"] = 2 * p * r / max(1e-9, p + r)
    out["segment_P"], out["segment_R"], out["segment_F1"] = _prf(
        n["s_hit"], n["s_pred"], n["s_gold"]
    )
    out["segment_source_acc_overlap"] = seg[1] / max(1, seg[0])
    out["segment_source_acc_exact"] = seg[2] / max(1, seg[0])
    out["segment_speaker_acc"] = seg[3] / max(1, seg[0])
    out["segment_speakers_labelled"] = seg[4]
    return out


def _report(label: str, articles: list[tuple[str, list[Gold]]], speakers: dict) -> None:
    result = score(articles, speakers)
    print(f"{label}: {len(articles)} articles, {result['gold']} gold attributions, "
          f"{result['predicted']} predicted (find_attributions, quoted segments of one tag "
          f"counted as one attribution)")  # fmt: skip
    for name in ("overlap", "exact"):
        p, r, f = (result[f"content_{x}_{name}"] for x in ("P", "R", "F1"))
        label = "overlap>=0.3" if name == "overlap" else "exact"
        print(f"  content {label:13s} P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}")
    for role in ("source", "cue"):
        print(f"  {role} accuracy (matched pairs): overlap {100 * result[f'{role}_acc_overlap']:5.1f}  "
              f"same text {100 * result[f'{role}_acc_exact']:5.1f}")  # fmt: skip
    p, r, f = (result[f"direct_{x}_overlap"] for x in ("P", "R", "F1"))
    print(f"  quotation subset ({result['direct_gold']} gold contents opening with a quotation "
          f"mark, {result['direct_predicted']} direct predictions): P {100 * p:5.1f}  "
          f"R {100 * r:5.1f}  F1 {100 * f:5.1f}")  # fmt: skip
    p, r, f = (result[f"segment_{x}"] for x in ("P", "R", "F1"))
    print(
        f"  quoted segments ({result['segment_gold']} gold, {result['segment_predicted']} "
        f"find_attributions rows): P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}"
    )
    print(f"  segment source accuracy: overlap {100 * result['segment_source_acc_overlap']:5.1f}  "
          f"same text {100 * result['segment_source_acc_exact']:5.1f} (gold sources include "
          f"appositions); speaker accuracy (pronouns and roles resolved, "
          f"{result['segment_speakers_labelled']} hand-labelled) "
          f"{100 * result['segment_speaker_acc']:5.1f}")  # fmt: skip


def main() -> None:
    """Print the attribution scores on PolNeAR dev (or why they cannot be computed): all
    articles, then the part used for development and the part held out from it."""
    if not GOLD.exists():
        print(f"eval skipped: {GOLD} not found (needs ../shared next to the repo)")
        return
    speakers = speaker_labels()
    for label, split in (("PolNeAR dev, all", None), ("  development part", "development"),
                         ("  held-out part", "held-out")):  # fmt: skip
        _report(label, gold_articles(split=split), speakers.get(split or "all", {}))
    print("reference (other data): Gender Gap Tracker quote F1 83.7 at overlap > 0.3, speaker 86.5")


if __name__ == "__main__":
    main()
