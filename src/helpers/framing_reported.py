"""Reported speech, quoted or not: ``find_attributions(text) -> DataFrame``.

One row per attribution: who (``source``), the speech verb (``cue``) and what was said
(``start, end, content``). Direct attributions come from ``find_quotes`` (the content is
the quotation with its marks, as PolNeAR annotates it; a quote that continues an
attributed one in the next sentence joins it). Indirect ones come from three sentence
patterns: "SOURCE says (that) CONTENT", "CONTENT, SOURCE said." / "CONTENT, said SOURCE."
and "According to SOURCE, CONTENT" / "CONTENT, according to SOURCE."
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

import pandas as pd

from helpers.framing_cues import (
    _VERBS,
    ATTITUDE,
    CUE,
    PRONOUNS,
    np_after,
    np_before,
    sentence_end,
    source_tag,
)
from helpers.framing_quotes import Q, quote_records, records_frame
from helpers.framing_speakers import is_speaker_label, resolve_speakers
from helpers.framing_verbs import attitude_forms, verb_forms
from helpers.lexicons import trie_regex

ATTRIBUTION_COLUMNS = [
    "start", "end", "content", "kind", "source", "speaker", "cue",
    "source_start", "source_end", "cue_start", "cue_end",
]  # fmt: skip
_VERB_RE = re.compile(ATTITUDE)
_VERB_RE_ANY_CASE = re.compile(ATTITUDE, re.IGNORECASE)  # headlines: "Sanders Vows To …"
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _headline(text: str, s: int, e: int) -> bool:
    """A line in Title Case (a headline): most of its words capitalised, at most 25 words."""
    words = _WORD.findall(text, s, e)
    caps = sum(w[0].isupper() for w in words)
    return 3 <= len(words) <= 25 and caps >= 0.7 * len(words) and "\n" not in text[s:e]


# verbs that report again inside reported content ("said that officials believe …")
_NESTING = frozenset(f for lemma in ("say", "tell", "claim", "argue", "believe", "think")
                     for f in verb_forms(lemma))  # fmt: skip
_TIME = (
    r"(?:(?:on|last|this|next|early|late)\s+)?(?:today|yesterday|tonight|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|week|month|year|earlier|later|(?:in|on)\s+(?:January|"
    r"February|March|April|May|June|July|August|September|October|November|December|\d{4})"
    r"[\w ,]{0,12}?)(?:\s+(?:morning|afternoon|evening|night))?"
)
_NO_CONTENT = re.compile(  # nothing reported: punctuation, or only a time ("said on Monday.")
    rf"\s*(?:[.;:!?)\]–—-]|,(?![^,.;:]{{1,60}},\s*that\b)|$|{_TIME}\s*(?:[.;:!?)]|,(?!\s+that)|$))"
)
_LEADING_TIME = re.compile(rf"\s*{_TIME}\b,?")
_AND_BEFORE = re.compile(r"\b(?:and|but|or|to)\s+$")
_CONTROL = re.compile(  # a verb taking an infinitive right before "to" and the cue
    r"\b(?:[a-z]+(?:ed|s)|seem|appear|try|want|plan|hope|decide|agree|refuse|promise|vow|"
    r"threaten|intend|expect|need|continue|begin|began|begun|tend|choose|chose)\s+to\s+$"
)
_SUBJECT_VERB = re.compile(
    r"\s+(?:[a-z]+ly\s+|has\s+|have\s+|had\s+|will\s+|would\s+)*[a-z]+(?:ed|s)\b"
)


def _subject(text: str, s: int, pos: int) -> tuple[int, int] | None:
    """The subject opening the sentence at ``s`` when a verb follows it ("Scott beamed …",
    "Trump took to Twitter …"), for a later coordinated or infinitive cue at ``pos``."""
    src = np_after(text, s, pos)
    if src is None or not _SUBJECT_VERB.match(text, src[1], pos):
        return None
    first = text[src[0] : src[1]].split()[0]
    return src if first[0].isupper() or first.lower() in _DETERMINER_WORDS else None


_TELL_OBJECT = re.compile(
    r"\s+(?:(?:reporters|journalists|supporters|lawmakers|members|voters|us|me|him|her|them|"
    r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?|(?:the|a|an|his|her|their)\s+[\w-]+)\s*,?)"
)
_TELLING = {
    "tell",
    "tells",
    "told",
    "telling",
    "ask",
    "asks",
    "asked",
    "warned",
    "warns",
    "assured",
}
_PREP_THAT = re.compile(
    r"\s+(?:in|at|on|during|from|with|after|before)\s+[^,.;:“”\"]{1,50}?(?=\s+that\b)"
)
_THAT = re.compile(r"\s*(?:,[^,.;:“”\"]{1,60},)?\s*,?\s*(?=that\b)")  # ", as did X, that"
_ACCORDING_LEAD = re.compile(r"\s*[Aa]ccording\s+to\s+")
_ACCORDING_INSIDE = re.compile(r"(?:,\s*|\s+|\s*[—–-]\s*)(?P<cue>according\s+to)\s+")
_COMMA = re.compile(r",")
_PARTICIPLE = re.compile(  # ", adding that …", ", emphasizing it was time …", ", calling for …"
    r"(?:,|\bby|\bafter|\bwhile|\bbefore)\s*(?P<cue>"
    + trie_regex(sorted(f for f in attitude_forms() | set(_VERBS) if f.endswith("ing")))
    + r")\b"
)
_CLAUSE_END = re.compile(r"[,;:.!?]\s")
_TAIL_CUE_FIRST = re.compile(rf"\s*(?P<cue>{CUE}|according\s+to)\s+")
_TAG_END = re.compile(
    r"\s*(?:[.,;!?]|$|(?:today|yesterday|on|in|at|last|earlier|later|"
    r"this\s+(?:week|month|year|morning|afternoon|evening|weekend|spring|summer|fall|winter)|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_AMBIGUOUS = set(
    "report reports state states stress stresses remark remarks comment comments post posts "
    "answer answers note notes claim claims call calls demand demands promise promises tweet "
    "tweets continue continues read show shows find questions fears hopes estimate estimates "
    "wants plans call".split()
)
_COLON_LEAD = re.compile(
    r"[\"“]?(?!(?:Correction|Update|Updated|The\s+Latest|Note|Editor|Related|Photo|Source|"
    r"Watch|Read|Video|Image|Click|Follow|Listen|Subscribe|Advertisement)\b)"
    r"(?P<np>(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*)(?P<cue>:)[ \t]+(?=\S)"
)
_INLINE = re.compile(  # words between a cue and the quote, other than "that", "it", "told X:"
    r"^(?!\s*(?:(?:that|as|it|them|him|her|this)(?:\s+(?:a|an|the))?\s*)$)(?![^:,]*[:,]\s*$)\s*\w",
    re.IGNORECASE,
)
_CLOSING_MARKS = frozenset("”’\"'»›")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


MAX_SENTENCE = 2000  # characters: a longer "sentence" (no punctuation) is read in pieces


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (offsets), trailing whitespace excluded; a sentence longer
    than ``MAX_SENTENCE`` characters is cut at the last space before that length, so the
    work per sentence stays bounded on text without punctuation."""
    spans, pos, n = [], 0, len(text)
    while pos < n:
        hi = min(n, pos + MAX_SENTENCE)
        end = sentence_end(text, pos, hi)
        if end == hi < n:
            space = text.rfind(" ", pos + 1, hi)
            end = space if space > pos else hi
        stop = end
        while stop > pos and text[stop - 1].isspace():
            stop -= 1
        if stop > pos:
            spans.append((pos, stop))
        pos = max(end, pos + 1)
        while pos < n and text[pos].isspace():
            pos += 1
    return spans


def _strip_end(text: str, start: int, end: int) -> int:
    """``end`` moved left past spaces and closing punctuation (kept before a closing
    quotation mark: the quoted words end with it, as PolNeAR marks them)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] in _CLOSING_MARKS:
        return end
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?;:,"):
        end -= 1
    return end


def _record(text, start, end, kind, src, cue):
    source_start, source_end = src if src else (None, None)
    cue_start, cue_end = cue
    return (
        start, end, text[start:end], kind,
        text[source_start:source_end] if src else None, text[cue_start:cue_end],
        source_start, source_end, cue_start, cue_end,
    )  # fmt: skip


def _after_comma(text: str, s: int, comma: int, e: int) -> tuple | None:
    """ "CONTENT, SOURCE said" or "CONTENT, said SOURCE" with the comma at ``comma``; a tag
    followed by a comma ("The museum, Mr. Obama said, would …") reports the whole sentence."""
    m = _TAIL_CUE_FIRST.match(text, comma + 1, e)
    if m and " " not in m.group("cue").strip():  # "…, said Smith" (not "…, called for more")
        clause_end = _CLAUSE_END.search(text, m.end(), e)
        src = np_after(text, m.end(), clause_end.start() if clause_end else e)
        if src is None or not _TAG_END.match(text, src[1]):
            return None  # "…, said the union expected …": not a speech tag
        first = text[src[0] : src[1]].split()[0].lower()
        if not (text[src[0]].isupper() or first in _DETERMINER_WORDS or first in _QUANTITY):
            return None
        cue, tag_end = (m.start("cue"), m.end("cue")), src[1]
    else:
        if m:
            return None
        m = source_tag(text, comma + 1, e, wide=True)
        if m is None or not _TAG_END.match(text, m.end()):
            return None
        src, cue, tag_end = (m.start("np"), m.end("np")), (m.start("cue"), m.end("cue")), m.end()
    if text.startswith(",", tag_end) and len(text[tag_end:e].split()) >= 3:
        return _record(text, s, _strip_end(text, s, e), "indirect", src, cue)
    if len(text[s:comma].split()) < 3:
        return None
    return _record(text, s, comma, "indirect", src, cue)


def _content_after(text: str, cue: re.Match[str], e: int) -> tuple[int, int] | None:
    """Span of the reported clause after a cue verb (object of "told" and "that" skipped)."""
    pos = cue.end()
    if cue.group().split()[-1].lower() in _TELLING:
        obj = _TELL_OBJECT.match(text, pos, e)
        pos = obj.end() if obj else pos
    when = _LEADING_TIME.match(text, pos, e)  # "voted Thursday to hold …"
    pos = when.end() if when else pos
    prep = _PREP_THAT.match(text, pos, e)
    pos = prep.end() if prep else pos
    that = _THAT.match(text, pos, e)
    pos = that.end() if that else pos
    while pos < e and text[pos] in " ,:":
        pos += 1
    end = _strip_end(text, pos, e)
    if _LONE_VERB.fullmatch(text, pos, end):
        return None  # "a statement released Tuesday said": the verb is no content
    name = np_after(text, pos, end)
    inverted = text[max(0, cue.start() - 2) : cue.start()].strip().endswith(",")
    if inverted and name and text.startswith(",", name[1]) and text[pos].isupper():
        return None  # "..., said Michael Tanner, an analyst": the source follows the cue
    return (pos, end) if end > pos else None


_PREV_TOKEN = re.compile(r"([\w’'.-]+)\s*$")
_NOUN_BEFORE = set(  # a word after these is a noun: "a presidential campaign", "of support"
    "a an the this these those his her their its our my your some any no every each "
    "of in on at for with without by from about to into over under after before as than "
    "more most less such two three four five six seven eight nine ten dozen hundred "
    "thousand million billion".split()
)
# attribution verbs that are nouns as often (support, plan, rate): their base and -s forms
# are verbs only after a subject they agree with ("they support", "Trump plans")
NOUN_LIKE = frozenset(
    "support plan campaign debate rate vote issue question decline request quote challenge "
    "attack rule need care back like call report claim comment promise demand fear hope view "
    "charge order pledge release reply answer post tweet offer project estimate find show list "
    "detail outline sign petition protest object lobby push press echo repeat address signal "
    "trust doubt wish aim love guess bet figure favour favor respect value welcome honour honor "
    "salute champion judge note state stress remark joke boast whisper shout yell scream chant "
    "praise blame slam blast rip mock dispute counter rebut plead command brief lecture label "
    "brand point hint rank grade forecast experience record count release display leak mean "
    "thank order advice decision concern interest focus".split()
)
_PLURAL = {"i", "we", "you", "they", "police", "people", "data", "media", "staff", "public",
           "military", "clergy", "personnel", "both", "many", "few", "several", "others", "all"}  # fmt: skip
_DETERMINER_WORDS = set(
    "a an the this that these those his her their its our my your some any no every each".split()
)
_CONTRACTIONS = {
    f"{p}'{a}" for p in ("he", "she", "it", "they", "we", "i", "you", "who", "that")
    for a in ("s", "ve", "d", "ll")
}  # fmt: skip
_NOMINAL = re.compile(  # a possessive source and an attitude noun taking a clause
    r"(?<![\w’'-])(?P<src>[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y|"
    r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.-]*[’']s)\s+(?:[a-z]+\s+)?"
    r"(?P<cue>claims?|beliefs?|views?|promises?|pledges?|assertions?|arguments?|suggestions?|"
    r"warnings?|hopes?|fears?|concerns?|criticism|charges?|accusations?|allegations?|insistence|"
    r"admission|contention|predictions?|expectations?|conviction|opinion|position|plans?|"
    r"proposals?|calls?|demands?|desire|wish|intention|decision|refusal|denial|theory|vision|"
    r"vows?|threats?|commitment|argument|message|assurances?)"
    r"(?=\s+(?:that|to|of|for|about|on|against)\b)"
)
_CLAUSE_STOP = re.compile(
    r"[;:.!?]\s|,\s+(?:and|but|while|which|who|as|although|though)\b|\s+[–—]\s"
)


def _clause_end(text: str, pos: int, e: int) -> int:
    """End of the clause from ``pos`` (a semicolon, sentence end, ", and", a dash)."""
    m = _CLAUSE_STOP.search(text, pos, e)
    return _strip_end(text, pos, m.start() if m else e)


_QUANTITY = {"one", "two", "three", "another", "several", "many", "some", "both", "most", "all"}
_ADJECTIVE_ENDINGS = ("ial", "ical", "ous", "ful", "less", "able", "ible", "ic")
_LONE_VERB = re.compile(ATTITUDE)
_PARTICLE_AFTER = re.compile(
    r"\s+(?:up|off|away|down|around|over|in\s+(?:to|on)\b)\b(?!\s+(?:the|a|an)\b)"
)
_BAD_CONTENT = re.compile(r"\s*(?:and|or|but|nor|then)\b", re.IGNORECASE)


_PARTICLES = {"on", "out", "for"}
_BE = {"is", "are", "was", "were", "been", "be"}
_BY_AGENT = re.compile(r"[^.;:,]{0,40}?\bby\s+")
_NO_REPLY = re.compile(
    r"\s+(?:immediately\s+)?to\s+(?:\w+\s+){0,2}(?:requests?|messages?|e-?mails?|calls?|inquir|questions?\s+about)",
    re.IGNORECASE,
)


def _no_reply(text: str, m: re.Match[str]) -> bool:
    """ "did not respond to requests for comment": a reply refused, nothing reported."""
    verb = m.group().split()[-1].lower()
    return verb.startswith(("respond", "repl", "answer", "return", "comment")) and bool(
        _NO_REPLY.match(text, m.end())
    )


def _is_passive(m: re.Match[str]) -> bool:
    """A form of "be" before a participle: "was rejected", "has been called"."""
    words = m.group().lower().split()
    return any(w in _BE for w in words[:-1]) and not words[-1].endswith("ing")


_NOT_SUBJECT = _NOUN_BEFORE | {"please", "let", "least", "whether", "if", "than", "there"}


def _subject_ok(words: list[str]) -> bool:
    """A source: a name, a pronoun, a determiner phrase or a bare plural; not a phrase opening
    with a preposition ("for his dismissal") nor a bare singular word ("bankruptcy")."""
    if not words:
        return False
    first = words[0].lower()
    if first in _NOT_SUBJECT - _DETERMINER_WORDS:
        return False
    if len(words) == 1 and words[0].islower():
        return first in PRONOUNS or _plural([first])
    return not (words[-1].islower() and words[-1].endswith(_ADJECTIVE_ENDINGS))


def _plural(subject: list[str]) -> bool:
    if "and" in subject[1:-1]:
        return True  # "Obama and Clinton call"
    last = subject[-1] if subject else ""
    return last in _PLURAL or (
        last.endswith("s") and not last.endswith(("ss", "'s", "’s")) and last not in PRONOUNS
    )


def _verb_ok(text: str, m: re.Match[str], src: tuple[int, int]) -> bool:
    """The cue is a verb agreeing with its source, not a noun ("a presidential campaign",
    "Trump's debates", "the unemployment rate"), a bare participle ("without knowing") or a
    verb with nothing reported ("… debates and followed")."""
    words = m.group().split()
    if len(words) > 1 and words[-1].lower() in _PARTICLES:
        words = words[:-1]  # "called for", "pointed out"
    verb = words[-1].lower()
    prev = _PREV_TOKEN.search(text, max(0, m.start() - 40), m.start())
    prev_word = prev.group(1).lower() if prev else ""
    contraction = prev_word.replace("’", "'") in _CONTRACTIONS  # "he's sought", "they've said"
    if prev_word in _NOUN_BEFORE or (
        prev_word.endswith(("'s", "’s", "s'", "s’")) and not contraction
    ):
        return False
    if _BAD_CONTENT.match(text, m.end()) or _PARTICLE_AFTER.match(text, m.end()):
        return False  # "… debates and followed", "showed up", "pitch in"
    subject = text[src[0] : src[1]].split()
    if not _subject_ok(subject):
        return False
    if _is_passive(m) and not _BY_AGENT.match(text, m.end()):
        return False  # "is observed as", "was asked for": no one said it
    if len(words) > 1 or contraction:  # an auxiliary before it: a verb
        return True
    if verb.endswith("ing"):  # "a Donald Trump tweet attacking …" (", saying": _participles)
        return bool(prev_word) and prev_word[0].isalnum() and prev_word not in attitude_forms()
    if prev_word[:1].isdigit() or prev_word in {"percent", "percentage", "per"}:
        return False  # "5 percentage points": a noun
    subject = text[src[0] : src[1]].lower().split()
    if verb == "like":  # "activists like Cyril": a preposition unless "I like", "they like"
        return subject[-1:] in (["i"], ["we"], ["you"], ["they"])
    if verb in NOUN_LIKE:  # base form: needs a plural, "I", "we", "you", "they"
        return _plural(subject)
    if verb.endswith("s") and (verb[:-1] in NOUN_LIKE or verb[:-2] in NOUN_LIKE):
        return not _plural(subject) or subject[-1:] == ["police"]
    return True


def _indirect(text: str, s: int, e: int, in_quotes: _Spans) -> list[tuple]:
    """Indirect attributions in the sentence ``text[s:e]`` (nested ones included)."""
    lead = _ACCORDING_LEAD.match(text, s, e)
    if lead:
        comma = text.find(",", lead.end(), e)
        src = np_after(text, lead.end(), comma if comma > 0 else e)
        if comma > 0 and src:
            end = _strip_end(text, comma + 1, e)
            if end > comma + 1:
                cue_start = lead.start() + len(lead.group()) - len(lead.group().lstrip())
                start = comma + 1 + (text[comma + 1] == " ")
                return [_record(text, start, end, "indirect", src, (cue_start, lead.end() - 1))]
    out: list[tuple] = []
    tag = (e, e)  # the tag of a "CONTENT, SOURCE said." reading: no other cue there
    acc = _ACCORDING_INSIDE.search(text, s, e)
    if acc:  # "CONTENT, according to SOURCE." / "CONTENT, according to SOURCE, CONTENT."
        clause_end = _CLAUSE_END.search(text, acc.end(), e)
        src = np_after(text, acc.end(), clause_end.start() if clause_end else e)
        if src and len(text[s : acc.start()].split()) >= 3:
            rest = _strip_end(text, src[1], e)
            end = rest if len(text[src[1] : rest].split()) >= 3 else acc.start()
            out.append(_record(text, s, _strip_end(text, s, end), "indirect", src, acc.span("cue")))
            tag = (acc.start(), src[1])
    for comma in _COMMA.finditer(text, s, e):
        if out:
            break
        rec = _after_comma(text, s, comma.start(), e)
        if rec:
            out.append(rec)
            tag = (min(rec[6] if rec[6] is not None else rec[8], rec[8]), max(rec[7] or 0, rec[9]))
            break
    for m in _NOMINAL.finditer(text, s, e):  # "his claim that …", "Clinton's plan to …"
        if in_quotes.overlaps(m.start(), m.end()) or any(
            r[8] <= m.start("cue") < r[9] for r in out
        ):
            continue
        end = _clause_end(text, m.end("cue"), e)
        if len(text[m.end("cue") : end].split()) >= 3:
            out.append(
                _record(text, m.end("cue") + 1, end, "indirect", m.span("src"), m.span("cue"))
            )
    floor = s  # a later cue must sit inside the previous content (nested speech)
    verbs = _VERB_RE_ANY_CASE if _headline(text, s, e) else _VERB_RE
    for m in verbs.finditer(text, s, e):
        if m.start() < floor or _NO_CONTENT.match(text, m.end()) or tag[0] <= m.start() < tag[1]:
            continue
        if in_quotes.overlaps(m.start(), m.end()) or _no_reply(text, m):
            continue  # the quoted speaker's own words; "did not respond to requests for comment"
        if m.group() == "States":
            continue  # a name in a Title Case line: "United States", "Member States"
        src = np_before(text, m.start(), floor)
        control = None if src else _CONTROL.search(text, max(floor, m.start() - 40), m.start())
        if control:  # "he appeared to suggest", "Stumpf … appeared to blame": its subject
            src = np_before(text, control.start(), floor)
        if not src and _AND_BEFORE.search(text, max(s, m.start() - 6), m.start()):
            # "… announced X and said Y", "took to Twitter to accuse": the same source
            src = out[-1][6:8] if out and out[-1][6] is not None else _subject(text, s, m.start())
        if not src or not _verb_ok(text, m, src):
            continue
        nested = any(r[0] <= m.start() < r[1] for r in out)
        if nested and m.group().split()[-1].lower() not in _NESTING:
            continue  # inside reported content only speech and belief report again
        pronoun = text[src[0] : src[1]].lower() in PRONOUNS
        if m.group().split()[-1].lower() in _AMBIGUOUS and not (text[src[0]].isupper() or pronoun):
            continue  # "the comments are", "his remarks will": a noun, not a speech verb
        agent = _BY_AGENT.match(text, m.end(), e) if _is_passive(m) else None
        if agent:  # "… were rejected by the Human Rights Council": the agent is the source
            by_src = np_after(text, agent.end(), e)
            if by_src:
                out.append(_record(text, *src, "indirect", by_src, (m.start(), m.end())))
            continue
        content = _content_after(text, m, e)
        if content:
            out.append(_record(text, *content, "indirect", src, (m.start(), m.end())))
            floor = content[0]
    return out


def _participles(text: str, s: int, e: int, source: tuple[int, int] | None) -> list[tuple]:
    """ ", adding that ...", ", saying ...": more speech by the sentence's source."""
    out = []
    for m in _PARTICIPLE.finditer(text, s, e):
        src = source or np_after(text, s, e)
        content = _content_after(text, m, e)
        if src and content:
            out.append(_record(text, *content, "indirect", src, (m.start("cue"), m.end("cue"))))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans of ``text`` (separated by blank lines)."""
    spans, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _direct(text: str) -> tuple[list[tuple], list[tuple[int, int]]]:
    """Attributions of top-level direct quotes with a cue, one per quoted segment
    (“…,” he said. “…” gives two rows with the same source and cue), and the spans of all
    top-level quotations (of any kind, attributed or not)."""
    out: list[tuple] = []
    spans: list[tuple[int, int]] = []
    prev_end = -1  # mark_end of the previous top-level direct quote
    for q in quote_records(text, speakers=False):
        kind, source, cue, depth = q[Q["kind"]], q[Q["source"]], q[Q["cue"]], q[Q["depth"]]
        mark_start, mark_end = q[Q["mark_start"]], q[Q["mark_end"]]
        cue_span = (q[Q["cue_start"]], q[Q["cue_end"]])
        if depth > 0:
            continue
        spans.append((mark_start, mark_end))
        if kind != "direct":
            continue
        after_prev, prev_end = prev_end, mark_end
        if cue is None:
            continue
        tag_of_prev = (  # “…,” he said on Monday. “…”: the tag of the previous segment
            0 <= cue_span[0] - after_prev < 40
            and text[max(0, after_prev - 3) : after_prev].rstrip("”’\"'»")[-1:] in (",", "?", "!")
        )
        inline = (
            cue_span[1] <= mark_start
            and not tag_of_prev
            and _INLINE.search(text[cue_span[1] : mark_start])
        )
        if inline:
            continue  # a fragment inside reported speech: the indirect pass reports the clause
        src = (q[Q["source_start"]], q[Q["source_end"]]) if source is not None else None
        if src is None and out and out[-1][4] is not None and mark_start - out[-1][1] < 100:
            src = out[-1][6:8]  # "“…” he said, adding “…”": the same speaker
        out.append(_record(text, mark_start, mark_end, "direct", src, cue_span))
    return out, spans


class _Spans:
    """Fixed spans answering "does any of them overlap [s, e)?" in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.max_end = list(accumulate((b for _, b in spans), max))

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect.bisect_left(self.starts, e)  # spans starting before e
        return k > 0 and self.max_end[k - 1] > s


def attribution_records(
    text: str, *, speaker: str | None = None, title: str | None = None
) -> list[tuple]:
    """The rows of ``find_attributions(text, speaker=speaker, title=title)`` as tuples in
    ``ATTRIBUTION_COLUMNS`` order."""
    paragraphs = _paragraphs(text)
    out, quote_spans = _direct(text)
    in_quotes = _Spans(quote_spans)
    quoted = _Spans(
        [(min(r[0], r[6] if r[6] is not None else r[0], r[8]),
          max(r[1], r[7] if r[7] is not None else r[1], r[9])) for r in out
         if r[4] is not None]
    )  # a quotation without a known source leaves its sentence open  # fmt: skip
    taken = []  # paragraphs opening with a speaker label
    for p_start, p_end in paragraphs:
        while p_start < p_end and text[p_start].isspace():
            p_start += 1
        lead = _COLON_LEAD.match(text, p_start, p_end)
        if lead and is_speaker_label(lead.group("np")) and not quoted.overlaps(p_start, p_end):
            end = _strip_end(text, lead.end(), p_end)
            out.append(_record(text, lead.end(), end, "indirect",
                               (lead.start("np"), lead.end("np")), (lead.start("cue"), lead.end("cue"))))  # fmt: skip
            taken.append((p_start, p_end))
    taken_spans = _Spans(taken + [
        (min(r[0], r[6] if r[6] is not None else r[0], r[8]),
         max(r[1], r[7] if r[7] is not None else r[1], r[9])) for r in out if r[4] is not None
    ])  # fmt: skip
    by_cue = sorted(out, key=lambda r: r[8])
    cue_starts = [r[8] for r in by_cue]
    found_all: list[tuple] = []
    for s, e in _sentences(text):
        inside = by_cue[bisect.bisect_left(cue_starts, s) : bisect.bisect_left(cue_starts, e)]
        found = [] if taken_spans.overlaps(s, e) else _indirect(text, s, e, in_quotes)
        found_all.extend(found)
        prior = inside + found
        source = prior[-1][6:8] if prior and prior[-1][6] is not None else None
        for rec in _participles(text, s, e, source):
            if not any(r[0] < rec[1] and rec[0] < r[1] and r[3] == "direct" for r in prior):
                found_all.append(rec)
    out.extend(found_all)
    out.sort(key=lambda r: (r[0], -r[1]))
    speakers = resolve_speakers(
        text,
        [(r[6], r[7], r[0], r[1]) for r in out],
        quoted=quote_spans,
        speaker=speaker,
        title=title,
    )
    return [r[:5] + (speaker,) + r[5:] for r, speaker in zip(out, speakers, strict=True)]


def find_attributions(
    text: str, *, speaker: str | None = None, title: str | None = None
) -> pd.DataFrame:
    """Reported speech in ``text``, direct and indirect: one row per attribution.

    Args:
        text: the document text.
        speaker: who "I" and "we" are (as for ``find_quotes``).
        title: the document's title, whose names count for the canonical ``speaker``.

    Returns:
        A DataFrame of ``ATTRIBUTION_COLUMNS``: ``start, end, content`` (what is reported),
        ``kind`` (direct: in quotation marks; indirect: "says that …"), ``source`` (as
        written), ``speaker`` (resolved), ``cue`` (the attribution verb), ``source_start,
        source_end, cue_start, cue_end``, in text order.

    Example:
        >>> from helpers.framing import find_attributions
        >>> a = find_attributions("The letter says that the vote was illegal. "
        ...                       "Observers said they were free.")
        >>> print(a[["content", "kind", "source", "cue"]].to_string(index=False))
                          content     kind     source  cue
        that the vote was illegal indirect The letter says
                   they were free indirect  Observers said
    """
    return records_frame(
        attribution_records(text, speaker=speaker, title=title), ATTRIBUTION_COLUMNS
    )
