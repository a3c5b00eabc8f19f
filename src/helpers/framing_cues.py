"""Speech cues and the noun phrases around them: the shared vocabulary of attribution.

``CUE`` is a regex for a speech or attitude verb with its auxiliaries ("has repeatedly
said", "called for"); ``np_before`` / ``np_after`` find the source noun phrase ending or
starting at an offset ("the letter", "Kerr Putney, the police chief", "he");
``source_tag`` matches "SOURCE (party), apposition, CUE"; ``sentence_start`` /
``sentence_end`` give sentence bounds around an offset. All work on offsets into the
given string and scan only short windows.
"""

from __future__ import annotations

import re

from helpers.framing_verbs import attitude_forms
from helpers.lexicons import trie_regex

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
    "sings sang yells yelled screamed shouts exclaims whispers "
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
_INVERTED = "Said Says Added Wrote Asked Told Noted Explained Recalled Continued Replied Warned"
_CUE_VERB = rf"(?:{trie_regex(sorted(set(_VERBS) | set(_INVERTED.split())))})"  # one trie
_AUX = (
    r"(?:(?:has|have|had|was|were|is|are|will|would|could|also|later|then|previously|once|"
    r"recently|further|again|repeatedly|publicly|often|already|never|therefore|thus|still|"
    r"once\s+again|has\s+been|had\s+been|do|does|did|can|cannot|may|might|must|should|not|"
    r"long|first|since|ever|yet|soon|now|just|even|too|"
    r"(?:do|does|did|ca|wo|would|could|should|is|are|was|were|has|have|had)n[’']t|[a-z]+ly)\s+)"
)
_PARTICLE = (
    r"(?:(?<=call)|(?<=calls)|(?<=called)|(?<=point)|(?<=points)|(?<=pointed))\s+(?:on|out|for)"
)
CUE = rf"(?:(?<![-\w]){_AUX}{{0,2}}{_CUE_VERB}(?:{_PARTICLE})?\b)"
# the wider attribution verbs (believing, wanting, judging: ``helpers.framing_verbs``)
ATTITUDE = (
    rf"(?:(?<![-\w]){_AUX}{{0,3}}"
    rf"(?:{trie_regex(sorted(attitude_forms() | set(_VERBS) | set(_INVERTED.split())))})"
    rf"(?:{_PARTICLE})?\b)"
)
PRONOUNS = {
    "he", "she", "they", "it", "we", "i", "you", "who", "which", "everyone", "everybody",
    "someone", "somebody", "anyone", "nobody", "none",
}  # fmt: skip
_DETERMINERS = {
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these",
    "those", "one", "another", "some", "many", "several", "two", "three", "both", "each",
}  # fmt: skip
_STOP = {
    "and", "or", "but", "that", "which", "who", "whom", "when", "while", "as", "if", "because",
    "since", "then", "where", "after", "before", "in", "on", "at", "to", "from", "with", "by",
    "during", "into", "about", "over", "under", "than", "not", "is", "are", "was", "were",
    "be", "been", "has", "have", "had", "will", "would", "can", "could", "should", "may",
    "also", "so", "per", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday",
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
_TIME_WORDS = {
    "yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "week", "month", "year", "morning", "afternoon", "evening", "night",
    "weekend", "earlier", "later",
}  # fmt: skip
_CLAUSE_OPENERS = {"and", "or", "but", "so", "then", "as", "if", "because", "while", "when"}
# prepositions a source never runs through ("statements and actions like saying “…”")
_BARRIERS = {
    "like", "unlike", "including", "such", "via", "through", "against", "without", "within",
    "among", "amongst", "between", "despite", "amid", "amidst", "upon", "towards", "toward",
    "across", "behind", "beyond", "besides",
}  # fmt: skip
# a name right after these is their object, not a subject ("campaigns in Georgia said"),
# unless a noun phrase before them heads the source ("Dan McLaughlin at the National Review")
_HEADED = {"of", "for", "at", "from", "with", "in", "on"}  # "a spokesman for the campaign"
_PLACE_TIME = {"in", "on", "at", "during", "into", "over", "under"}
_REFLEXIVES = {
    "himself", "herself", "themselves", "myself", "ourselves", "yourself", "yourselves",
    "itself",
}  # fmt: skip
_MASS_SPEAKERS = {"police", "staff", "media", "leadership", "management", "personnel", "press"}
_AGENT_NOUN = re.compile(r"[a-z-]+(?:er|or|ist|ian|man|woman|person|ent|ant|ive|al|s)")
# a speech verb that is also a noun is the noun before "of" ("the remark of the
# Secretary-General that “…”", "the two reports of the Secretary-General")
_NOUN_BEFORE_OF = re.compile(r"\s+of\b")
_HOMOGRAPHS = set(
    "remark remarks report reports comment comments note notes claim claims call calls "
    "question questions plan plans promise promises demand demands post posts answer answers "
    "reply replies state states show shows estimate estimates fear fears hope hopes "
    "lament laments warning warnings finds find".split()
)
_CONTRACTED = re.compile(r"([A-Za-z]+)[’'](?:s|ve|d|ll)")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Rev|Del|Lt|Col|Sgt|Capt|Adm|Prof)\.$")
_RELATIVE = {"who", "which", "that", "whom"}
_AUX_WORDS = set(
    "do does did don't doesn't didn't not never can't cannot won't wouldn't couldn't shouldn't "
    "isn't wasn't aren't weren't hasn't haven't hadn't may might must will would could should "
    "shall can also still just really even only always often later then now together jointly "
    "all both almost".split()
)
_ADJECTIVES = set(  # words that end a determiner phrase without being its noun
    "big small large new old other same first last next former latest following whole entire "
    "real top main best most more few many several only own great good bad high low late early "
    "major key full recent previous current final second third local national public white "
    "black young such certain various different similar total".split()
)
_PARTICIPLE_HEAD = re.compile(r"[a-z]+(?:ed|en)")  # released, written: a clause, not the noun
_CONNECT = {"of", "for", "the", "de", "and", "on", "al"}
_CUE_WORDS = set(_VERBS) | {"according"}
_WIDE_WORDS = attitude_forms()
_POSSESSIVES = {"his", "her", "their", "its", "our", "my", "your"}
_NP_WINDOW = 250  # characters scanned for a noun phrase (keeps long sentences linear)
_TOKEN = re.compile(r"[\w’'.-]+(?:/[\w’'.-]+)*|[^\w\s]")  # "9/11 widow" is one phrase

_SOURCE_FIRST = (  # name, optional (party) and ", apposition," then the cue
    r"[\s,;:–—*_-]*(?P<np>(?P<head>[\w’'.-]+(?:\s+[\w’'.-]+){0,5}?)(?:\s*\([^()\n]{1,40}\))?"
    r"(?:,\s+[^,\n]{1,150}?,){0,2})\s*,?\s+(?P<cue>"
)
_AFTER_SOURCE_FIRST = re.compile(rf"{_SOURCE_FIRST}{CUE})")
_AFTER_SOURCE_FIRST_WIDE = re.compile(rf"{_SOURCE_FIRST}{ATTITUDE})")
_SENT_END = re.compile(  # the punctuation first, so the regex engine skips ahead fast
    r"[.!?…\n](?<!\bMr.)(?<!\bMrs.)(?<!\bMs.)(?<!\bDr.)(?<!\bSen.)(?<!\bRep.)(?<!\bGov.)"
    r"(?<!\bGen.)(?<!\bSt.)(?<!\bJr.)(?<!\b[A-Z].)(?<!\bRev.)(?<!\bDel.)(?<!\bLt.)"
    r"(?<!\bCol.)(?<!\bSgt.)(?<!\bCapt.)(?<!\bAdm.)(?<!\bProf.)(?<!\bSens.)(?<!\bReps.)"
    r"(?:(?<=\n)|[\"”’)]*\s+(?![a-z]))"
)


def np_before(
    text: str, pos: int, lo: int, *, subject: bool = False, _object: bool = False
) -> tuple[int, int] | None:
    """Offsets of the noun phrase ending at ``pos`` (scanning back no further than ``lo``).
    A phrase after a preposition takes the noun phrase it qualifies ("a spokeswoman for
    Hillary Clinton"); with ``subject`` (the source of a quotation) a phrase that is the
    object of a place or time preposition ("campaigns in Georgia said") or lower-case words
    without a noun of a speaker ("share governmental plans") is no source."""
    lo = max(lo, pos - _NP_WINDOW)
    when = _TIME_BEFORE.search(text, lo, pos)  # "Sanders on Tuesday said": skip the time
    pos = when.start() if when else pos
    tokens = list(_TOKEN.finditer(text, lo, pos))
    while (
        tokens and (low := tokens[-1].group().lower().replace("’", "'")) in _AUX_WORDS | _REFLEXIVES
    ):
        tokens.pop()  # "I don't think", "you yourself said": the subject is before them
    if not tokens:
        return None
    last = tokens[-1]
    low_last = last.group().lower()
    if low_last in _RELATIVE:  # "Smith, who said", "nations that oppose": the phrase before
        comma = len(tokens) > 1 and tokens[-2].group() == ","
        name = np_before(text, tokens[-2].start() if comma else last.start(), lo, _object=True)
        if name and text[name[0] : name[1]].lower() not in PRONOUNS | _RELATIVE:
            return name
        return None
    if low_last in PRONOUNS:
        return last.start(), last.end()
    contracted = _CONTRACTED.fullmatch(last.group())
    if contracted and contracted.group(1).lower() in PRONOUNS:  # "he’s sought": "he"
        return last.start(), last.start() + len(contracted.group(1))
    if low_last == "one" and len(tokens) > 1 and tokens[-2].group().lower() in {"no", "not"}:
        return tokens[-2].start(), last.end()  # "no one expected"
    if last.group() == ")":  # "Rep. Stephen Lynch (D-Mass.) said": the name before the party
        opening = text.rfind("(", lo, last.start())
        name = (
            np_before(text, opening, lo) if opening > lo and last.start() - opening < 40 else None
        )
        return (name[0], last.end()) if name else None
    if last.group() == ",":  # "Kerr Putney, the police chief, said": name before the apposition
        comma = text.rfind(",", lo, last.start())
        name = np_before(text, comma, lo) if comma > lo else None
        apposition = text[comma + 1 : last.start()].split()
        named = (
            name
            and apposition
            and apposition[0].lower() not in _CLAUSE_OPENERS
            and (text[name[0]].isupper() or apposition[0][:1].isupper())
        )  # "Kerr Putney, the police chief, said" (not "Republicans, and the meeting …, said")
        if named and last.start() - comma < 90:
            return name[0], last.start()
        words = [w for w in apposition if w.lower() not in {"of", "the", "for"}]
        if (
            name is None
            and 2 <= len(words) <= 5
            and all(w[:1].isupper() for w in words)
            and not words[-1].endswith(".")
        ):
            start = (
                comma
                + 1
                + len(text[comma + 1 : last.start()])
                - len(text[comma + 1 : last.start()].lstrip())
            )  # "the head of the Mission in Georgia, Ambassador Haber, said": the apposition
            return start, last.start()
        return None
    taken: list[re.Match[str]] = []
    stop = -1  # index of the token that ended the phrase
    for k in range(len(tokens) - 1, -1, -1):
        tok = tokens[k].group()
        low = tok.lower()
        stop = k
        if low in _BARRIERS:
            break
        if not tok[0].isalnum() or (tok[0].islower() and low in _CUE_WORDS):
            break  # a lowercase verb ends the phrase; "State" in a name does not
        if low in _CONNECT and taken and taken[-1].group()[0].isupper():
            prev = tokens[k - 1].group() if k > 0 else ""
            if prev[:1].isupper() or (low == "the" and prev.lower() in _CONNECT):
                taken.append(tokens[k])
                continue
        if low in _DETERMINERS:
            taken.append(tokens[k])
            stop = k - 1
            break
        if low in _STOP or low in PRONOUNS or len(taken) >= 8:
            break
        if taken and tok[0].islower() and taken[-1].group()[0].isupper():
            break  # lowercase word before a name: a verb or an adjective of the clause
        taken.append(tokens[k])
        stop = -1
    if len(taken) > 1 and _PARTICIPLE_HEAD.fullmatch(taken[0].group()):
        taken = taken[1:]  # "a statement released (Tuesday said)": the noun before it
    if not taken or (len(taken) == 1 and taken[0].group().lower() in _DETERMINERS):
        return None
    if taken[0].group().lower() in _ADJECTIVES:
        return None  # "the big", "the other": no noun
    head = taken[0].group()
    if not head[0].isalpha() or (head.islower() and head.endswith(("ing", "ly"))):
        return None  # "honouring pledged", "worth recalling": not a speaker
    if taken[-1].group().lower() not in _DETERMINERS and len(taken) > 4:
        taken = taken[:3]
    if subject and _bare_modifiers(taken):
        return None  # "share governmental plans", "co-authored numerous bipartisan reports"
    if not _object and 0 <= stop == len(tokens) - len(taken) - 1:
        prep = tokens[stop].group().lower()  # the phrase is the object of a preposition
        head = np_before(text, tokens[stop].start(), lo) if prep in _HEADED else None
        if head and _heads_source(text, *head):
            return head[0], taken[0].end()  # "Dan McLaughlin at the National Review"
        if subject and prep in _PLACE_TIME:
            return None  # "… campaigns in Georgia said", "during this trip … ask"
    return taken[-1].start(), taken[0].end()


def _heads_source(text: str, start: int, end: int) -> bool:
    """Can the phrase ``text[start:end]`` head a source qualified by a prepositional phrase:
    a name, a determiner phrase, or a speaker noun ("officials", "a spokeswoman")?"""
    words = text[start:end].split()
    low = [w.lower() for w in words]
    if not words or low[0] in PRONOUNS | _RELATIVE or low[-1] in _STOP | _TIME_WORDS:
        return False
    if words[0][:1].isupper() or low[0] in _DETERMINERS:
        return len(words) > 1 or words[0][:1].isupper()
    return (
        low[-1] in SPEAKER_NOUNS
        or low[-1] in _MASS_SPEAKERS
        or (_AGENT_NOUN.fullmatch(low[-1]) is not None and not low[-1].endswith("ed"))
    )


def _bare_modifiers(taken: list[re.Match[str]]) -> bool:
    """Lower-case words without a determiner whose last is no noun of a speaker (taken in
    reverse order): a clause fragment, not a source."""
    words = [t.group() for t in taken]
    if len(words) < 2 or not all(w.islower() for w in words) or words[-1] in _DETERMINERS:
        return False
    head = words[0].lower()
    return not (head in SPEAKER_NOUNS or head in _MASS_SPEAKERS or _AGENT_NOUN.fullmatch(head))


def noun_cue(text: str, cue_end: int, cue: str) -> bool:
    """A speech verb that is the noun here: "remark", "reports" ... right before "of" ("the
    very pertinent remark of the former Secretary-General that")."""
    word = cue.split()[-1].lower() if cue.split() else ""
    return word in _HOMOGRAPHS and _NOUN_BEFORE_OF.match(text, cue_end) is not None


def np_after(text: str, pos: int, hi: int) -> tuple[int, int] | None:
    """Offsets of the noun phrase starting at ``pos`` (scanning no further than ``hi``)."""
    hi = min(hi, pos + _NP_WINDOW)
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
        if low in _STOP or low in PRONOUNS or (tok[0].islower() and low in _CUE_WORDS):
            break
        taken.append(match)
    while taken and taken[-1].group().lower() in _DETERMINERS | _CONNECT:
        taken.pop()  # "Mayor Jim Kenney on Monday": the connector led to no name
    if not taken or taken[-1].group().lower().rstrip(".") in _ADJECTIVES:
        return None
    end = taken[-1].end()
    if text[end - 1] == "." and not _ABBREVIATION.search(text, max(0, end - 6), end):
        end -= 1
    return taken[0].start(), end


def sentence_start(text: str, pos: int, lo: int) -> int:
    """Offset where the sentence holding ``pos`` begins (not before ``lo``)."""
    start = lo
    for m in _SENT_END.finditer(text, lo, pos):
        start = m.end()
    return start


def sentence_end(text: str, pos: int, hi: int) -> int:
    """Offset just past the sentence-ending punctuation after ``pos`` and any closing quote
    or bracket right after it (at most ``hi``)."""
    m = _SENT_END.search(text, pos, hi)
    if m is None:
        return hi
    end = m.end()
    while end > m.start() + 1 and text[end - 1].isspace():
        end -= 1
    return end


def source_tag(text: str, pos: int, hi: int, *, wide: bool = False) -> re.Match[str] | None:
    """ "SOURCE (party), apposition, CUE" starting at ``pos``: a name, pronoun or determiner
    phrase without clause words before the cue, else None. ``wide``: any attribution verb
    (``ATTITUDE``: "…, the Post has learned"), not only the speech verbs of ``CUE``."""
    m = (_AFTER_SOURCE_FIRST_WIDE if wide else _AFTER_SOURCE_FIRST).match(text, pos, hi)
    if m is None:
        return None
    words = m.group("head").split()
    if wide and any(w in _CUE_WORDS or w in _WIDE_WORDS or w in _POSSESSIVES for w in words[1:]):
        return None  # "Trump revised his plan": a clause, not a source before a verb
    first = words[0].lower()
    if not (
        words[0][0].isupper()
        or first in PRONOUNS
        or first in _DETERMINERS
        or first in SPEAKER_NOUNS
    ):
        return None
    if first in {"who", "which"} or any(
        (w.lower() in _STOP and not _prep_of_source(words, k) and w.lower() not in _TIME_WORDS)
        or w.lower() in PRONOUNS
        for k, w in enumerate(words[1:], 1)
    ):
        return None
    return m


def tag_source(text: str, m: re.Match[str]) -> tuple[int, int]:
    """The source of a ``source_tag`` match without a time or a participle after its noun
    ("a statement released Tuesday said" → "a statement")."""
    span = np_before(text, m.start("cue"), m.start("np"))
    rest = text[span[1] : m.end("np")].split() if span else []
    if (
        span
        and rest
        and all(w.lower() in _TIME_WORDS or _PARTICIPLE_HEAD.fullmatch(w) for w in rest)
    ):
        return span
    return m.span("np")


def _prep_of_source(words: list[str], k: int) -> bool:
    """ "a narrator in the Clinton ad", "a spokesman for the campaign": a preposition that
    starts a phrase inside the source (a determiner or a name follows), not a clause word."""
    nxt = words[k + 1] if k + 1 < len(words) else ""
    return words[k].lower() in {"in", "at", "for", "from", "of", "with"} and (
        nxt.lower() in _DETERMINERS or nxt[:1].isupper()
    )
