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
    noun_cue,
    np_after,
    np_before,
    sentence_end,
    sentence_start,
    source_tag,
    tag_source,
)
from helpers.framing_kinds import Attribution, classify_kind, document_features, kind_features
from helpers.framing_speakers import is_speaker_label

_AFTER_CUE_FIRST = re.compile(
    rf"[\s,;:–—*_-]*(?P<cue>{CUE}|according\s+to)\s+|\s*(?P<dash>[―—–])\s*(?=[A-Z])"
)
_CUE_IN_SENTENCE = re.compile(rf"(?<![-\w]){CUE}")
_BEFORE_CUE_TAIL = re.compile(  # what may stand between a cue and the opening mark
    r"(?:(?:\s+(?:it|them|him|her|us|me|reporters|journalists|"
    r"(?:the|a|an|this|that|these|his|its|their)\s+[\w-]+)(?:\s+(?:a|an|the))?)?"
    r"(?:\s+(?:that|as|as\s+saying|in\s+(?:a|an|the|his|her|its|their)\s+\w+"
    r"(?:\s+\w+)?|on\s+\w+))?\s*[:,]?|(?:\s+[\w’'-]+){1,6}\s*[:,])\s*"
)  # "said:", "told reporters that", "told his radio audience of Monday,"
_BEFORE_LABEL = re.compile(  # a speaker label opening the line: **Mayor Jim Kenney:** “…”
    r"[\W_]*(?P<np>[A-Z][^:\n*]{1,100}?)[\s*_]*(?P<cue>:)[\s*_]*$"
)
_BEFORE_ACCORDING = re.compile(r"(?P<cue>[Aa]ccording\s+to)\s+(?P<rest>[^.,;:!?]{1,80}),?\s*$")
_TAG_END = re.compile(
    r"\s*(?:[.,;!?]|(?:today|yesterday|in|at|on|during|after|last|this|earlier|later|adding|"
    r"while|when|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_CLAUSE_AFTER = re.compile(r"\s+(?:that\b|[^\s.,;:!?“”\"]+(?:\s+[^\s.,;:!?“”\"]+){3})")
_CLOSERS = ("”", '"', "»", "’", "'")
_OPENERS = frozenset("“„«‘")
_TAG_TAIL = re.compile(  # what may follow a tag before the next part of the quotation
    r"(?:\s*\([^()\n]{1,40}\))?(?:,\s+[^“”\"\n]{1,250}?(?=[.;:]\s))?"
    r"(?:\s+[^\s.,;:!?“”\"]+){0,4}?"  # "he told InsideSources.", "she said in a statement."
    r"(?:\s+(?:on|in|at|last|this|during|after|before|to|of)\b[^.,;:!?“”\"\n]{0,120})?"
    r"\s*[.,;:]\s*(?:(?:adding|continuing|then|and)\b[^.,;:!?“”\"\n]{0,20}[,:]?\s*)?"
)
_SMALL = {"a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "by", "with", "de"}
_END_PUNCT = re.compile(r"[.!?,;:…]\s*$")
WINDOW = 400  # characters either side of its marks in which a quotation is analysed


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
    return label if ok and is_speaker_label(label.group("np")) else None


def _cue_before(text: str, lo: int, mark_start: int) -> re.Match[str] | None:
    """The leftmost cue in ``text[lo:mark_start]`` that introduces the quotation opening at
    ``mark_start`` ("said:", "told reporters that", "wrote in a letter on Monday,")."""
    for m in _CUE_IN_SENTENCE.finditer(text, lo, mark_start):
        if _BEFORE_CUE_TAIL.fullmatch(text, m.end(), mark_start) and not noun_cue(
            text, m.end(), m.group()
        ):
            return m
    return None


def _tag_after(text: str, content: str, mark_end: int, hi: int) -> tuple | None:
    """A speech tag right after a closing mark at ``mark_end`` ("…,” he said", "…,” said
    the minister", "…” ― Steve Quinlan"): ``(source_start, source_end, cue_start, cue_end,
    tag_end)`` (source offsets None when there is none), else None. ``content`` is the
    quotation's content, ``hi`` the end of the window."""
    nxt = text[mark_end:hi].lstrip(" ,")
    ends_sentence = content.endswith((".", "!", "?")) and nxt[:1].isupper()
    m = source_tag(text, mark_end, hi)
    tag_ends = m is not None and (
        not _looks_like_title(content.rstrip(".,"))
        or _TAG_END.match(text, m.end("cue"))
        or not _CLAUSE_AFTER.match(text, m.end("cue"))
    )  # "On “Fox News Sunday,” Pence said his mate …": the cue heads the next clause
    if m and tag_ends and (not ends_sentence or _TAG_END.match(text, m.end("cue"))):
        return *tag_source(text, m), m.start("cue"), m.end("cue"), m.end("cue")
    if ends_sentence:
        return None
    m = _AFTER_CUE_FIRST.match(text, mark_end, hi)
    if m is None:
        return None
    role = "cue" if m.group("cue") else "dash"
    span = np_after(text, m.end(), sentence_end(text, m.end(), hi))
    if span is None:
        return None, None, m.start(role), m.end(role), m.end(role)
    return span[0], span[1], m.start(role), m.end(role), span[1]


def _tag_between(text: str, mark_start: int) -> tuple | None:
    """The tag of the previous quotation when only it stands between that quotation and this
    one, in the same paragraph (“…,” he said. “…” / “…,” said Smith, “…”): as ``_tag_after``."""
    lo = max(0, mark_start - 160)
    nl = text.rfind("\n", lo, mark_start)
    lo = nl + 1 if nl >= 0 else lo
    close = mark_start
    while close > lo:  # the last closing mark not followed by a letter (an apostrophe is)
        close = max(text.rfind(mark, lo, close) for mark in _CLOSERS)
        if close < 0 or not text[close + 1 : close + 2].isalnum():
            break
    if close <= lo or text[close - 1].isspace() or text[close - 1] in _OPENERS:
        return None
    tag = _tag_after(text, text[lo:close], close + 1, mark_start)
    if tag is None or tag[0] is None or not _TAG_TAIL.fullmatch(text, tag[4], mark_start):
        return None
    return tag


def _attribution(text: str, start: int, end: int, mark_start: int, mark_end: int) -> QuoteInfo:
    """Source and cue around a quotation: a tag after the closing mark first, then the tag
    of the previous quotation that this one continues, then a cue or label before it."""
    n = len(text)
    info = QuoteInfo(kind="direct")
    tag = None
    if mark_end > end:  # a real closing mark: look right after it
        hi = min(n, mark_end + 160)
        nl = text.find("\n", mark_end, hi)
        tag = _tag_after(text, text[start:end].rstrip(), mark_end, nl if nl >= 0 else hi)
    if tag is None:
        tag = _tag_between(text, mark_start)
    if tag is not None:
        info.source_start, info.source_end, info.cue_start, info.cue_end = tag[:4]
    else:
        before = mark_start  # "Caddell continued:\n\n“…”": a cue ending the paragraph before
        while before > 0 and text[before - 1].isspace() and mark_start - before < 8:
            before -= 1
        if not (
            before < mark_start
            and text[before - 1 : before] == ":"
            and "\n" in text[before:mark_start]
        ):
            before = mark_start
        lo = sentence_start(text, before - (before < mark_start), max(0, before - 200))
        m = _cue_before(text, max(lo, before - 120), before)
        if m:
            info.cue_start, info.cue_end = m.span()
            span = np_before(text, m.start(), lo, subject=True)
            after = np_after(text, m.end(), mark_start)  # "Said Ellis: “…”"
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
        if noun_cue(text, m.end(), m.group()):
            continue  # "the remark of the Secretary-General that “…”": a noun
        span = np_before(text, m.start(), lo, subject=True)
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


def quote_features(
    text: str, start: int, end: int, mark_start: int, mark_end: int, *, depth: int = 0
) -> tuple[QuoteInfo, dict[str, str]]:
    """What the attribution rules find for the quotation ``text[start:end]`` (offsets into
    ``text``) and its kind features, both read in a window of ``WINDOW`` characters either
    side of its marks; the features that need the whole document (``document_features``)
    come from ``text``. The features ``attribute_quote`` classifies (and training uses)."""
    document = document_features(text, text[start:end], mark_start, mark_end)
    a = max(0, mark_start - WINDOW)
    window = text[a : mark_end + WINDOW]
    info, found = quote_attribution(window, start - a, end - a, mark_start - a, mark_end - a)
    features = kind_features(
        window,
        start - a,
        end - a,
        mark_start - a,
        mark_end - a,
        attribution=found,
        depth=depth,
        document=document,
    )
    return _shifted(info, a), features


def _shifted(info: QuoteInfo, by: int) -> QuoteInfo:
    """A copy of ``info`` with its offsets moved ``by`` characters."""

    def move(offset: int | None) -> int | None:
        return None if offset is None else offset + by

    return QuoteInfo(
        info.kind, info.source, info.cue, move(info.source_start), move(info.source_end),
        move(info.cue_start), move(info.cue_end), info.kind_p, info.kind_evidence, info.speaker,
    )  # fmt: skip


def attribute_quote(
    text: str,
    start: int,
    end: int,
    mark_start: int,
    mark_end: int,
    *,
    depth: int = 0,
    memo: dict | None = None,
) -> QuoteInfo:
    """Type the quotation ``text[start:end]`` (marks at ``mark_start``, ``mark_end``; nested
    ``depth`` deep) with ``kind_p`` and ``kind_evidence``; a direct one keeps its source and
    cue. The quotation is read in a window of ``WINDOW`` characters either side of its marks
    (see ``quote_features``), so a quotation whose window, position in it and document
    features equal an earlier one's gets its answer from ``memo`` (a dict kept per document
    by the caller): text made of one passage repeated is analysed once per passage."""
    document = document_features(text, text[start:end], mark_start, mark_end)
    a = max(0, mark_start - WINDOW)
    window = text[a : mark_end + WINDOW]
    key = (window, start - a, end - a, mark_start - a, mark_end - a, depth, *document)
    info = memo.get(key) if memo is not None else None
    if info is None:
        info, found = quote_attribution(window, start - a, end - a, mark_start - a, mark_end - a)
        kind, p, evidence = classify_kind(
            window,
            start - a,
            end - a,
            mark_start - a,
            mark_end - a,
            attribution=found,
            depth=depth,
            document=document,
        )
        if kind != "direct":
            info = QuoteInfo(kind=kind, kind_p=p, kind_evidence=evidence)
        else:
            info.kind, info.kind_p, info.kind_evidence = kind, p, evidence
        if memo is not None:
            memo[key] = info
    return _shifted(info, a)
