"""Who said it: speech cues, source noun phrases and the kind of a quotation.

``attribute_quote(text, start, end, mark_start, mark_end)`` looks around one quotation for
a cue ("said", "reads", "according to") and its source ("the letter", "Pope Francis"),
before the opening mark or after the closing one, and types the quote (direct, scare,
title, term). The cue and source vocabularies are plain word lists here; the scan is a
few anchored regexes over a short window, so it costs little per quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERBS = (
    "say says said saying tell tells told telling state states stated stating add adds added "
    "adding read reads write writes wrote written writing note notes noted noting declare "
    "declares declared declaring claim claims claimed claiming argue argues argued arguing "
    "insist insists insisted insisting explain explains explained explaining warn warns "
    "warned warning announce announces announced announcing stress stresses stressed "
    "stressing emphasise emphasises emphasised emphasize emphasizes emphasized underline "
    "underlines underlined recall recalls recalled recalling ask asks asked asking answer "
    "answers answered reply replies replied respond responds responded comment comments "
    "commented tweet tweets tweeted tweeting post posts posted acknowledge acknowledges "
    "acknowledged admit admits admitted suggest suggests suggested suggesting report reports "
    "reported conclude concludes concluded continue continues continued continuing urge urges "
    "urged urging affirm affirms affirmed confirm confirms confirmed reiterate reiterates "
    "reiterated observe observes observed predict predicts predicted promise promises "
    "promised vow vows vowed deny denies denied allege alleges alleged assert asserts "
    "asserted maintain maintains maintained contend contends contended complain complains "
    "complained mention mentions mentioned remark remarks remarked reveal reveals revealed "
    "quipped joked shouted chanted chanting cited cites testified testify testifies "
    "proclaim proclaims proclaimed demand demands demanded lament lamented laments "
    "believe believes believed think thinks thought agree agrees agreed recount recounted "
    "show shows showed shown find finds found estimate estimates estimated expect expects "
    "expected want wants wanted hope hopes hoped fear fears feared know knows knew criticized "
    "criticised criticizes criticises questioned questions pledged pledges accused accuses "
    "praised praises blamed blames proposed proposes indicated indicates signaled signalled "
    "supports supported declined decided attacked attacks rejected rejects defended defends "
    "welcomed welcomes condemned condemns threatened threatens conceded concedes plans planned "
    "intends intended seeks sought considers considered "
    "call calls called calling describe describes described exclaimed whispered boasted mused"
).split()
_CUE_VERB = r"(?:" + "|".join(sorted(set(_VERBS), key=len, reverse=True)) + r")"
_AUX = (
    r"(?:(?:has|have|had|was|were|is|are|will|would|could|also|later|then|previously|once|"
    r"recently|further|again|repeatedly|publicly|often|already|never|therefore|thus|still|"
    r"once\s+again|has\s+been|had\s+been|[a-z]+ly)\s+)"
)
_PARTICLE = (
    r"(?:(?<=call)|(?<=calls)|(?<=called)|(?<=point)|(?<=points)|(?<=pointed))\s+(?:on|out|for)"
)
CUE = rf"(?:(?<![-\w]){_AUX}{{0,2}}{_CUE_VERB}(?:{_PARTICLE})?\b)"
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which"}
_DETERMINERS = {
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these",
    "those", "one", "another", "some", "many", "several", "two", "three", "both", "each",
}  # fmt: skip
_STOP = {
    "and", "or", "but", "that", "which", "who", "whom", "when", "while", "as", "if", "because",
    "since", "then", "where", "after", "before", "in", "on", "at", "to", "from", "with", "by",
    "during", "into", "about", "over", "under", "than", "not", "is", "are", "was", "were",
    "be", "been", "has", "have", "had", "will", "would", "can", "could", "should", "may",
    "also", "so", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "adding", "saying", "however", "there",
    "still", "just", "even", "only", "never", "always", "already", "now", "week", "month",
    "year", "day", "morning", "afternoon", "evening", "night", "weekend", "recently", "later",
    "earlier", "repeatedly", "publicly", "privately", "again", "often", "once", "reportedly",
}  # fmt: skip
_TIME_BEFORE = re.compile(
    r"(?:\s+(?:(?:on|last|this|next|early|late)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|yesterday|today|tonight|earlier|later|week|month|year|morning|evening|"
    r"night|in\s+\d{4}))+\s*$"
)
SPEAKER_NOUNS = set(
    "police officials experts authorities analysts sources aides critics officers witnesses "
    "residents lawmakers investigators prosecutors observers diplomats activists researchers "
    "scientists economists supporters opponents protesters organizers organisers doctors "
    "historians scholars advocates spokesmen spokeswomen spokespeople voters".split()
)
_CONNECT = {"of", "for", "the", "de", "and", "on", "al"}
_CUE_WORDS = set(_VERBS) | {"according"}
_TOKEN = re.compile(r"[\w’'.-]+|[^\w\s]")

_AFTER_SOURCE_FIRST = re.compile(  # name, optional (party) and ", apposition," then the cue
    rf"[\s,;:–—*_-]*(?P<np>(?P<head>[\w’'.-]+(?:\s+[\w’'.-]+){{0,5}}?)(?:\s*\([^()\n]{{1,40}}\))?"
    rf"(?:,\s+[^,\n]{{1,80}}?,)?)\s*,?\s+(?P<cue>{CUE})"
)
_AFTER_CUE_FIRST = re.compile(
    rf"[\s,;:–—*_-]*(?P<cue>{CUE}|according\s+to)\s+|\s*(?P<dash>[―—–])\s*(?=[A-Z])"
)
_BEFORE_CUE = re.compile(
    rf"(?P<cue>{CUE})(?:(?:\s+(?:it|them|him|her|us|me|reporters|journalists|"
    rf"(?:the|a|an|this|that|these|his|its|their)\s+[\w-]+))?"
    rf"(?:\s+(?:that|as|as\s+saying|in\s+(?:a|an|the|his|her|its|their)\s+\w+"
    rf"(?:\s+\w+)?|on\s+\w+))?\s*[:,]?|(?:\s+[\w’'-]+){{1,6}}\s*[:,])\s*$"
)  # "said:", "told reporters that", "told his radio audience of Monday,"
_BEFORE_LABEL = re.compile(  # a speaker label opening the line: **Mayor Jim Kenney:** “…”
    r"[\W_]*(?P<np>[A-Z][^:\n*]{1,100}?)[\s*_]*(?P<cue>:)[\s*_]*$"
)
_BEFORE_ACCORDING = re.compile(r"(?P<cue>[Aa]ccording\s+to)\s+(?P<rest>[^.,;:!?]{1,80}),?\s*$")
_SCARE_BEFORE = re.compile(
    r"(?:so[- ]called|self[- ](?:proclaimed|styled|declared|appointed)|alleged|supposed|"
    r"pseudo|would-be|quasi|purported|sham|its\s+own|their\s+own|his\s+own|her\s+own|"
    r"label(?:s|ed|led|ing)?(?:\s+\w+)?\s+as|brand(?:s|ed|ing)?(?:\s+\w+)?(?:\s+as)?)\s*$",
    re.IGNORECASE,
)
_TERM_BEFORE = re.compile(
    r"(?:\b(?:term|word|words|phrase|expression|concept|notion|slogan|label|acronym|"
    r"adjective|noun|verb|catchphrase|motto|formula|hashtag|coinage|neologism)s?|known\s+as|"
    r"dubbed|coined|termed|referred\s+to\s+as|translates?\s+(?:as|to)|meaning|means|"
    r"spelled|defined\s+as)\s*,?\s*$",
    re.IGNORECASE,
)
_DEFINITION = re.compile(r"\(\s*(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
_TERM_AFTER = re.compile(
    r"\s*,?\s*(?:means|meant|stands\s+for|is\s+a\s+(?:term|word)|refers\s+to)\b", re.IGNORECASE
)
_TITLE_BEFORE = re.compile(
    r"\b(?:report|resolution|project|programme|program|initiative|operation|campaign|"
    r"conference|forum|summit|festival|exhibition|event|theme|themed|titled|entitled|"
    r"book|film|movie|song|album|article|column|op-ed|documentary|series|show|strategy|"
    r"plan|declaration|agreement|treaty|statement|doctrine|platform|award|"
    r"prize|magazine|newspaper|journal|podcast|game|exercise|contest)s?\s*,?\s*$",
    re.IGNORECASE,
)
_TAG_END = re.compile(
    r"\s*(?:[.,;!?]|(?:today|yesterday|in|at|on|during|after|last|this|earlier|later|adding|"
    r"while|when|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_TITLE_AFTER = re.compile(
    r"\s*(?:(?:is|was|as)\s+)?(?:(?:the|a|an|our|this)\s+)?(?:[\w-]+\s+)?(?:theme|title|motto|"
    r"report|initiative|programme|program|campaign|project|resolution|conference|summit|forum|"
    r"operation|plan|strategy|thesis|doctrine|group|network|mission|platform|format|process|"
    r"agenda|declaration|act|bill|fund|facility|award|prize|series|event|festival)s?\b",
    re.IGNORECASE,
)
_SMALL = {"a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "by", "with", "de"}
_END_PUNCT = re.compile(r"[.!?,;:…]\s*$")
_SENT_END = re.compile(  # the punctuation first, so the regex engine skips ahead fast
    r"[.!?…\n](?<!\bMr.)(?<!\bMrs.)(?<!\bMs.)(?<!\bDr.)(?<!\bSen.)(?<!\bRep.)(?<!\bGov.)"
    r"(?<!\bGen.)(?<!\bSt.)(?<!\bJr.)(?<!\b[A-Z].)(?:(?<=\n)|[\"”’)]*\s+)"
)


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


def np_before(text: str, pos: int, lo: int) -> tuple[int, int] | None:
    """Offsets of the noun phrase ending at ``pos`` (scanning back no further than ``lo``)."""
    when = _TIME_BEFORE.search(text, lo, pos)  # "Sanders on Tuesday said": skip the time
    pos = when.start() if when else pos
    tokens = list(_TOKEN.finditer(text, lo, pos))
    if not tokens:
        return None
    last = tokens[-1]
    if last.group().lower() in PRONOUNS:
        return last.start(), last.end()
    if last.group() == ",":  # "Kerr Putney, the police chief, said": name before the apposition
        comma = text.rfind(",", lo, last.start())
        name = np_before(text, comma, lo) if comma > lo else None
        if name and text[name[0]].isupper() and last.start() - comma < 90:
            return name[0], last.start()
        return None
    taken: list[re.Match[str]] = []
    for k in range(len(tokens) - 1, -1, -1):
        tok = tokens[k].group()
        low = tok.lower()
        if not (tok[0].isalnum()) or low in _CUE_WORDS:
            break
        if low in _CONNECT and taken and taken[-1].group()[0].isupper():
            prev = tokens[k - 1].group() if k > 0 else ""
            if prev[:1].isupper() or (low == "the" and prev.lower() in _CONNECT):
                taken.append(tokens[k])
                continue
        if low in _DETERMINERS:
            taken.append(tokens[k])
            break
        if low in _STOP or low in PRONOUNS or len(taken) >= 8:
            break
        if taken and tok[0].islower() and taken[-1].group()[0].isupper():
            break  # lowercase word before a name: a verb or an adjective of the clause
        taken.append(tokens[k])
    if not taken or (len(taken) == 1 and taken[0].group().lower() in _DETERMINERS):
        return None
    head = taken[0].group()
    if not head[0].isalpha() or (head.islower() and head.endswith(("ing", "ly"))):
        return None  # "honouring pledged", "worth recalling": not a speaker
    if taken[-1].group().lower() not in _DETERMINERS and len(taken) > 4:
        taken = taken[:3]
    return taken[-1].start(), taken[0].end()


def np_after(text: str, pos: int, hi: int) -> tuple[int, int] | None:
    """Offsets of the noun phrase starting at ``pos`` (scanning no further than ``hi``)."""
    tokens = list(_TOKEN.finditer(text, pos, hi))
    if not tokens:
        return None
    first = tokens[0].group()
    if first.lower() in PRONOUNS - {"who", "which"}:
        return tokens[0].start(), tokens[0].end()
    taken: list[re.Match[str]] = []
    for k, match in enumerate(tokens):
        tok = match.group().rstrip(".") if k == len(tokens) - 1 else match.group()
        low = tok.lower()
        if not tok or not tok[0].isalnum() or len(taken) >= 8:
            break
        if low in _DETERMINERS and not taken:
            taken.append(match)
            continue
        if low in _CONNECT and taken:
            nxt = tokens[k + 1].group() if k + 1 < len(tokens) else ""
            if nxt[:1].isupper() or (low != "the" and nxt.lower() == "the"):
                taken.append(match)
                continue
            break
        if low in _STOP or low in _CUE_WORDS or low in PRONOUNS:
            break
        taken.append(match)
    if not taken or taken[-1].group().lower() in _DETERMINERS | _CONNECT:
        return None
    end = taken[-1].end()
    if text[end - 1] == "." and not re.search(r"\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr)\.$", text[:end]):
        end -= 1
    return taken[0].start(), end


def sentence_start(text: str, pos: int, lo: int) -> int:
    """Offset where the sentence holding ``pos`` begins (not before ``lo``)."""
    start = lo
    for m in _SENT_END.finditer(text, lo, pos):
        start = m.end()
    return start


def sentence_end(text: str, pos: int, hi: int) -> int:
    """Offset just past the sentence-ending punctuation after ``pos`` (at most ``hi``)."""
    m = _SENT_END.search(text, pos, hi)
    return m.start() + 1 if m else hi


def source_tag(text: str, pos: int, hi: int) -> re.Match[str] | None:
    """ "SOURCE (party), apposition, CUE" starting at ``pos``: a name, pronoun or determiner
    phrase without clause words before the cue, else None."""
    m = _AFTER_SOURCE_FIRST.match(text, pos, hi)
    if m is None:
        return None
    words = m.group("head").split()
    first = words[0].lower()
    if not (
        words[0][0].isupper()
        or first in PRONOUNS
        or first in _DETERMINERS
        or first in SPEAKER_NOUNS
    ):
        return None
    if first in {"who", "which"} or any(
        w.lower() in _STOP or w.lower() in PRONOUNS for w in words[1:]
    ):
        return None
    return m


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
        if m and (not ends_sentence or _TAG_END.match(text, m.end("cue"))):
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


def _looks_like_title(content: str) -> bool:
    """Title Case: two or more words, every word not in ``_SMALL`` capitalised, no clause end."""
    words = re.findall(r"[\w’'-]+", content)
    if len(words) < 2 or len(words) > 14 or _END_PUNCT.search(content):
        return False
    major = [w for w in words if w.lower() not in _SMALL]
    return bool(major) and all(w[0].isupper() or w[0].isdigit() for w in major)


def attribute_quote(text: str, start: int, end: int, mark_start: int, mark_end: int) -> QuoteInfo:
    """Type the quotation ``text[start:end]`` and, if it is direct, find its source and cue."""
    before = text[max(0, mark_start - 60) : mark_start]
    content = text[start:end]
    n_words = len(content.split())
    if _SCARE_BEFORE.search(before):
        return QuoteInfo(kind="scare")
    letters = sum(ch.isalpha() for ch in content)
    if _TERM_BEFORE.search(before) or _TERM_AFTER.match(text, mark_end) or letters <= 2:
        return QuoteInfo(kind="term")  # the word “genocide”; a letter or number: grade “A”
    core = content.rstrip(".,")  # US style puts the final period inside the marks
    named = n_words <= 25 and not _END_PUNCT.search(core)
    if named and (
        _TITLE_BEFORE.search(before)
        or _DEFINITION.search(before)
        or _TITLE_AFTER.match(text, mark_end)
    ):
        return QuoteInfo(kind="title")  # the report “…”; (the “Act”); the “…” initiative
    info = _attribution(text, start, end, mark_start, mark_end)
    if info.cue is not None:
        return info
    at_sentence_start = sentence_start(text, mark_start, max(0, mark_start - 200)) >= mark_start - 1
    if _looks_like_title(core) and not at_sentence_start:
        return QuoteInfo(kind="title")
    if n_words >= 6 or _END_PUNCT.search(content) or (at_sentence_start and n_words >= 3):
        return info
    return QuoteInfo(kind="scare")
