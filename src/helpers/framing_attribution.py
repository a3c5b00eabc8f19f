"""Kinds and attribution of one quotation: ``attribute_quote(text, start, end, mark_start,
mark_end) -> QuoteInfo``.

The cue ("said", "reads", "according to", a speaker label "Mayor Jim Kenney:") and its source
("the letter", "Pope Francis") are looked for after the closing mark first, then before the
opening one (``helpers.framing_cues``), then earlier in the sentence ("Biden said voters
“don't deserve” to know"). The kind (direct, scare, title, term) comes from the trained model
of ``helpers.framing_kinds``, which weighs these findings with the words around the marks and
the shape of the quotation; only a direct quotation keeps its source and cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.framing_cues import (
    CUE,
    np_after,
    np_before,
    sentence_end,
    sentence_start,
    source_tag,
)
from helpers.framing_kinds import Attribution, classify_kind

_AFTER_CUE_FIRST = re.compile(
    rf"[\s,;:–—*_-]*(?P<cue>{CUE}|according\s+to)\s+|\s*(?P<dash>[―—–])\s*(?=[A-Z])"
)
_BEFORE_CUE = re.compile(
    rf"(?P<cue>{CUE})(?:(?:\s+(?:it|them|him|her|us|me|reporters|journalists|"
    rf"(?:the|a|an|this|that|these|his|its|their)\s+[\w-]+)(?:\s+(?:a|an|the))?)?"
    rf"(?:\s+(?:that|as|as\s+saying|in\s+(?:a|an|the|his|her|its|their)\s+\w+"
    rf"(?:\s+\w+)?|on\s+\w+))?\s*[:,]?|(?:\s+[\w’'-]+){{1,6}}\s*[:,])\s*$"
)  # "said:", "told reporters that", "told his radio audience of Monday,"
_BEFORE_LABEL = re.compile(  # a speaker label opening the line: **Mayor Jim Kenney:** “…”
    r"[\W_]*(?P<np>[A-Z][^:\n*]{1,100}?)[\s*_]*(?P<cue>:)[\s*_]*$"
)
_BEFORE_ACCORDING = re.compile(r"(?P<cue>[Aa]ccording\s+to)\s+(?P<rest>[^.,;:!?]{1,80}),?\s*$")
_CUE_IN_SENTENCE = re.compile(rf"(?<![-\w]){CUE}")
_TAG_END = re.compile(
    r"\s*(?:[.,;!?]|(?:today|yesterday|in|at|on|during|after|last|this|earlier|later|adding|"
    r"while|when|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_CLAUSE_AFTER = re.compile(r"\s+(?:that\b|[^\s.,;:!?“”\"]+(?:\s+[^\s.,;:!?“”\"]+){3})")
_SMALL = {"a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "by", "with", "de"}
_END_PUNCT = re.compile(r"[.!?,;:…]\s*$")


@dataclass
class QuoteInfo:
    """Kind of one quotation and, for direct quotes, its source and cue with offsets."""

    kind: str = "scare"
    source: str | None = None
    cue: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    kind_p: float | None = None  # probability of ``kind``
    kind_evidence: str = ""  # the features that decided the kind, in words
    speaker: str | None = None  # the source as resolved (a pronoun or role to a name)


def _label_before(text: str, mark_start: int) -> re.Match[str] | None:
    """A speaker label ("Philadelphia Mayor Jim Kenney:") opening the line of a quotation:
    capitalised words only (connectors such as "of", "the" allowed), at most 12 words."""
    line = max(text.rfind("\n", 0, mark_start) + 1, mark_start - 120)
    label = _BEFORE_LABEL.match(text, line, mark_start)
    if label is None:
        return None
    words = re.findall(r"[^\W\d_][\w’'.-]*", label.group("np"))
    ok = 0 < len(words) <= 12 and all(w[0].isupper() or w.lower() in _SMALL for w in words)
    return label if ok else None


def _attribution(text: str, start: int, end: int, mark_start: int, mark_end: int) -> QuoteInfo:
    """Source and cue around a quotation, after the closing mark first, then before."""
    n = len(text)
    info = QuoteInfo(kind="direct")
    content = text[start:end].rstrip()
    hi = min(n, mark_end + 160)
    if mark_end > end:  # a real closing mark: look right after it
        nl = text.find("\n", mark_end, hi)
        hi = nl if nl >= 0 else hi
        nxt = text[mark_end:hi].lstrip(" ,")
        ends_sentence = content.endswith((".", "!", "?")) and nxt[:1].isupper()
        m = source_tag(text, mark_end, hi)
        tag_ends = m is not None and (
            not _looks_like_title(content.rstrip(".,"))
            or _TAG_END.match(text, m.end("cue"))
            or not _CLAUSE_AFTER.match(text, m.end("cue"))
        )  # "On “Fox News Sunday,” Pence said his mate …": the cue heads the next clause
        if m and tag_ends and (not ends_sentence or _TAG_END.match(text, m.end("cue"))):
            info.source_start, info.source_end = m.start("np"), m.end("np")
            info.cue_start, info.cue_end = m.start("cue"), m.end("cue")
        if info.cue_start is None and not ends_sentence:
            m = _AFTER_CUE_FIRST.match(text, mark_end, hi)
            if m:
                role = "cue" if m.group("cue") else "dash"
                info.cue_start, info.cue_end = m.start(role), m.end(role)
                span = np_after(text, m.end(), sentence_end(text, m.end(), hi))
                if span:
                    info.source_start, info.source_end = span
    if info.cue_start is None:
        lo = sentence_start(text, mark_start, max(0, mark_start - 200))
        m = _BEFORE_CUE.search(text, lo, mark_start)
        if m and m.end() == mark_start:
            info.cue_start, info.cue_end = m.start("cue"), m.end("cue")
            span = np_before(text, m.start("cue"), lo)
            after = np_after(text, m.end("cue"), m.end())  # "Said Ellis: “…”"
            if span is None and after and text[after[0]].isupper():
                span = after
            if span:
                info.source_start, info.source_end = span
        elif (label := _label_before(text, mark_start)) is not None:
            info.cue_start, info.cue_end = label.start("cue"), label.end("cue")
            info.source_start, info.source_end = label.start("np"), label.end("np")
        else:
            m = _BEFORE_ACCORDING.search(text, lo, mark_start)
            if m:
                info.cue_start, info.cue_end = m.start("cue"), m.end("cue")
                span = np_after(text, m.start("rest"), m.end("rest"))
                if span:
                    info.source_start, info.source_end = span
    if info.cue_start is not None:
        info.cue = text[info.cue_start : info.cue_end]
    if info.source_start is not None:
        info.source = text[info.source_start : info.source_end]
    return info


def _cue_in_sentence(text: str, mark_start: int, info: QuoteInfo) -> QuoteInfo:
    """A quotation inside reported speech ("Biden said voters “don't deserve” to know"):
    the last cue with a source earlier in the sentence, within 120 characters."""
    lo = sentence_start(text, mark_start, max(0, mark_start - 200))
    for m in reversed(list(_CUE_IN_SENTENCE.finditer(text, max(lo, mark_start - 120), mark_start))):
        span = np_before(text, m.start(), lo)
        if span:
            return QuoteInfo("direct", text[span[0] : span[1]], m.group(), *span, *m.span())
    return info


def _looks_like_title(content: str) -> bool:
    """Title Case: two or more words, every word not in ``_SMALL`` capitalised, no clause end."""
    words = re.findall(r"[\w’'-]+", content)
    if len(words) < 2 or len(words) > 14 or _END_PUNCT.search(content):
        return False
    major = [w for w in words if w.lower() not in _SMALL]
    return bool(major) and all(w[0].isupper() or w[0].isdigit() for w in major)


def quote_attribution(
    text: str, start: int, end: int, mark_start: int, mark_end: int
) -> tuple[QuoteInfo, Attribution]:
    """The source and cue the quotation ``text[start:end]`` carries if it is direct (a cue
    attached to the marks, else a cue with a source earlier in the sentence), and what was
    found, as the kind model's ``Attribution``."""
    info = _attribution(text, start, end, mark_start, mark_end)
    if info.cue is not None:
        return info, Attribution(info.cue, info.source, info.cue_start)
    info = _cue_in_sentence(text, mark_start, info)
    return info, Attribution(in_sentence=info.cue)


def attribute_quote(
    text: str, start: int, end: int, mark_start: int, mark_end: int, *, depth: int = 0
) -> QuoteInfo:
    """Type the quotation ``text[start:end]`` (marks at ``mark_start``, ``mark_end``; nested
    ``depth`` deep) with ``kind_p`` and ``kind_evidence``; a direct one keeps its source and cue."""
    info, found = quote_attribution(text, start, end, mark_start, mark_end)
    kind, p, evidence = classify_kind(
        text, start, end, mark_start, mark_end, attribution=found, depth=depth
    )
    if kind != "direct":
        return QuoteInfo(kind=kind, kind_p=p, kind_evidence=evidence)
    info.kind, info.kind_p, info.kind_evidence = kind, p, evidence
    return info
