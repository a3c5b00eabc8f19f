"""Attribution accuracy of ``find_attributions`` on PolNeAR dev (``../shared/gold/polnear-dev``).

Content spans: precision, recall and F1 with a one-to-one greedy matching, a prediction
matching a gold span when their overlap covers >= 0.3 of the gold span ("overlap"), or
when both ends agree ("exact"). Source and cue accuracy: over the overlap-matched pairs
whose gold attribution has that role, the share whose predicted span overlaps the gold
one ("overlap") or has the same text ("exact", case-insensitive).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from helpers.framing_reported import attribution_records
from helpers.paths import ROOT

GOLD = ROOT.parent / "shared" / "gold" / "polnear-dev"
_QUOTE_MARK = re.compile(r"\s*(?:[“”\"«»]|'')")  # a content that opens with a quotation mark
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


def gold_articles(folder: Path = GOLD) -> list[tuple[str, list[Gold]]]:
    """(text, gold attributions) per article; the first annotator when there are several."""
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return [
        ((folder / "text" / f"{name}.txt").read_text(encoding="utf-8"), read_ann(ann))
        for name, ann in sorted(chosen.items())
    ]


def _length(frags: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in frags)


def _overlap(frags: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in frags)


def _same_text(text: str, frags: list[tuple[int, int]], start, end) -> bool:
    if start is None or not frags:
        return False
    gold = " ".join(text[s:e] for s, e in frags)
    return gold.strip().lower() == text[start:end].strip().lower()


def score(articles: list[tuple[str, list[Gold]]]) -> dict[str, float]:
    """Content P/R/F1 (overlap >= 0.3 of gold, and exact) and source/cue accuracy, pooled."""
    n_pred = n_gold = hit = exact = 0
    roles = {k: [0, 0, 0] for k in ("source", "cue")}  # with gold role, overlap-right, exact-right
    for text, gold in articles:
        preds = attribution_records(text)
        n_pred, n_gold = n_pred + len(preds), n_gold + len(gold)
        pairs = []
        for gi, g in enumerate(gold):
            for pi, p in enumerate(preds):
                ov = _overlap(g.content, p[0], p[1]) / max(1, _length(g.content))
                if ov >= 0.3:
                    pairs.append((-ov, gi, pi))
        used_g, used_p = set(), set()
        for _, gi, pi in sorted(pairs):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = gold[gi], preds[pi]
            hit += 1
            exact += (p[0], p[1]) == (g.content[0][0], g.content[-1][1])
            for role, frags, start, end in (
                ("source", g.source, p[6], p[7]),
                ("cue", g.cue, p[8], p[9]),
            ):
                if frags:
                    roles[role][0] += 1
                    roles[role][1] += start is not None and _overlap(frags, start, end) > 0
                    roles[role][2] += _same_text(text, frags, start, end)
    exact_hits = exact
    direct_gold = direct_hit = direct_pred = direct_ok = 0
    speakers = [0, 0, 0]  # matched quotations with a gold source; same source text; overlapping
    for text, gold in articles:  # the quotation subset, comparable to quote extractors
        preds = [p for p in attribution_records(text) if p[3] == "direct"]
        quoted = [g for g in gold if _QUOTE_MARK.match(text, g.content[0][0])]
        direct_gold, direct_pred = direct_gold + len(quoted), direct_pred + len(preds)
        for g in quoted:
            match = next(
                (p for p in preds if _overlap(g.content, p[0], p[1]) >= 0.3 * _length(g.content)),
                None,
            )
            if match is not None:
                direct_hit += 1
                speakers[0] += bool(g.source)
                speakers[1] += bool(g.source) and _same_text(text, g.source, match[6], match[7])
                speakers[2] += (
                    bool(g.source)
                    and match[6] is not None
                    and _overlap(g.source, match[6], match[7]) > 0
                )
        direct_ok += sum(
            any(_overlap(g.content, p[0], p[1]) >= 0.3 * _length(g.content) for g in gold)
            for p in preds
        )

    def prf(k: int) -> tuple[float, float, float]:
        p, r = k / max(1, n_pred), k / max(1, n_gold)
        return p, r, 2 * p * r / max(1e-9, p + r)

    out = {
        "predicted": n_pred,
        "gold": n_gold,
        "direct_gold": direct_gold,
        "direct_predicted": direct_pred,
    }
    out["direct_R_overlap"] = direct_hit / max(1, direct_gold)
    out["direct_P_overlap"] = direct_ok / max(1, direct_pred)
    out["direct_source_acc_exact"] = speakers[1] / max(1, speakers[0])
    out["direct_source_acc_overlap"] = speakers[2] / max(1, speakers[0])
    for name, k in (("overlap", hit), ("exact", exact_hits)):
        out[f"content_P_{name}"], out[f"content_R_{name}"], out[f"content_F1_{name}"] = prf(k)
    for role, (n, ok, same) in roles.items():
        out[f"{role}_acc_overlap"] = ok / max(1, n)
        out[f"{role}_acc_exact"] = same / max(1, n)
    return out


def main() -> None:
    """Print the attribution scores on PolNeAR dev (or why they cannot be computed)."""
    if not GOLD.exists():
        print(f"eval skipped: {GOLD} not found (needs ../shared next to the repo)")
        return
    articles = gold_articles()
    result = score(articles)
    print(f"PolNeAR dev: {len(articles)} articles, {result['gold']} gold attributions, "
          f"{result['predicted']} predicted (find_attributions)")  # fmt: skip
    for name in ("overlap", "exact"):
        p, r, f = (result[f"content_{x}_{name}"] for x in ("P", "R", "F1"))
        label = "overlap>=0.3" if name == "overlap" else "exact"
        print(f"content {label:13s} P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}")
    for role in ("source", "cue"):
        print(f"{role} accuracy (matched pairs): overlap {100 * result[f'{role}_acc_overlap']:5.1f}  "
              f"same text {100 * result[f'{role}_acc_exact']:5.1f}")  # fmt: skip
    p, r = result["direct_P_overlap"], result["direct_R_overlap"]
    print(f"quotation subset ({result['direct_gold']} gold contents opening with a quotation mark, "
          f"{result['direct_predicted']} direct predictions): P {100 * p:5.1f}  R {100 * r:5.1f}  "
          f"F1 {200 * p * r / max(1e-9, p + r):5.1f}")  # fmt: skip
    print(f"quotation subset speaker accuracy: overlap {100 * result['direct_source_acc_overlap']:5.1f}  "
          f"same text {100 * result['direct_source_acc_exact']:5.1f} (gold sources include appositions)")  # fmt: skip
    print("reference (other data): Gender Gap Tracker quote F1 83.7 at overlap > 0.3, speaker 86.5")


if __name__ == "__main__":
    main()
