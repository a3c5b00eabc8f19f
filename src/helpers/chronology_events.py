"""The event a temporal expression dates: its clause, a short label and their offsets.

``find_events(text, dct)`` returns one row per timex (``find_timexes`` columns) plus the
sentence and clause spans, the event ``label`` ("elections took place", "conflict began",
"ceasefire agreement", "letter dated") with ``label_start, label_end``, and ``point`` /
``year``: the start of the period the value names (NaT/NA for durations, sets, references).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

import numpy as np
import pandas as pd

from helpers.text import split_sentences
from helpers.timex import TIMEX_COLUMNS, timex_rows

EVENT_COLUMNS = TIMEX_COLUMNS + [
    "sent_start", "sent_end", "clause_start", "clause_end",
    "label", "label_start", "label_end", "point", "year",
]  # fmt: skip

_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*\d(?:st|nd|rd|th)?|\d(?:st|nd|rd|th)?")
_CUT = re.compile(
    r"[;:–—()]|\b(?:when|where|which|who|whose|that|while|whereas|because|although|but|and then|after which)\b"
)
STOP = frozenset(
    """a an the this that these those its his her their our your my of in on at by for from to
    with into onto since until till during before after between among against about over under
    through across as than and or nor but so yet not no also then there here it he she they we
    you i me him them us who whom which what when where why how whose all any some each every
    such same other another more most less least very only just even still already again
    ago later earlier early late mid once twice per via around including despite without within
    upon off out up down while whilst although though because if whether unless alone too""".split()
)
PREPOSITIONS = frozenset(
    "of in on at by for from to with into since until till during before after between among "
    "against about over under through across as than around despite without within upon".split()
)
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten dozen".split())
_PERSONAL = frozenset("i we he she they".split())  # pronouns that name who acted
MODALS = frozenset("will would shall should can could may might must".split())
AUXILIARIES = frozenset(
    "is are was were be been being has have had do does did will would shall should can could may might must".split()
)
IRREGULAR = frozenset(
    """began begun begins begin took taken takes made makes held holds came comes went goes gave
    given said says told tells saw seen fought won lost broke broken became becomes left met
    ran rose risen fell fallen sent struck brought built led kept paid put found spoke wrote
    written chose chosen drew drawn drove fled forgot froze got grew grown hid knew known laid
    lay meant overthrew overtook ousted quit read rebuilt sat shot sold sought spent split spread
    stood stole swore taught thought threw understood undertook underwent withdrew withdrawn
    won wound marks marked reads agreed occurred erupted ended signed adopted overthrown
    overthrow shown sworn undertaken forgotten frozen hidden risen shaken spoken stolen torn
    beaten fallen forgiven proven thrown blown flown grown done gone been bought caught felt
    lent dealt fed bled heard bound struck stuck hung become come""".split()
)
# irregular past forms that are never participles: a clause's own verb, not a reduced relative
_SIMPLE_PAST = frozenset(
    """began took came went gave saw broke became ran rose fell drew drove forgot froze grew hid
    knew overthrew overtook stole swore threw undertook underwent withdrew wrote spoke chose""".split()
)
# words that name a time or a unit (of time, money or measure), never an event: not a label
# on their own
TIME_NOUNS = frozenset(
    """year years month months week weeks day days decade decades century centuries hour hours
    minute minutes period periods time times term terms date dates era eras moment moments
    season seasons spring summer autumn fall winter morning evening night today tomorrow
    yesterday quarter quarters half beginning end middle start course past future present
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday per cent percent one two three
    four five six seven eight nine ten dozen dozens hundred hundreds thousand thousands million
    millions billion billions now then last next previous following coming dollar dollars
    euro euros pound pounds yen manat manats rouble roubles ruble rubles ton tons tonne tonnes
    kilometre kilometres kilometer kilometers mile miles metre metres meter meters hectare
    hectares barrel barrels litre litres liter liters kilogram kilograms megawatt megawatts
    gigawatt gigawatts""".split()
)
# capitalised nouns that name events or documents ("the Madrid Conference of 1991"); other
# capitalised heads of a preposition are taken for places or names ("Vilnius in 2011")
EVENT_NAMES = frozenset(
    """conference conferences summit summits agreement agreements accord accords treaty
    treaties declaration declarations convention conventions war wars revolution revolutions
    games olympics session sessions meeting meetings forum plan programme program agenda
    protocol protocols charter resolution resolutions referendum elections election congress
    communique communiqué statement report initiative process pact act constitution
    ceasefire cease-fire genocide massacre uprising coup invasion crisis decade year""".split()
)
_ADVERBS = frozenset(
    """therefore however thus hence moreover furthermore indeed also still already even just
    again once merely rather quite very too else instead meanwhile nevertheless nonetheless
    true""".split()
)
# timexes that are adverbs: the word right after them is the verb they modify
TIME_ADVERBS = frozenset("now today currently recently nowadays presently tonight".split())
COPULAS = frozenset("is are was were be been being am".split())
MULTIWORD = re.compile(
    r"\b(?:took|take|takes|taking|taken)\s+place|\b(?:broke|break|breaks|broken)\s+out|"
    r"\b(?:came|come|comes)\s+into\s+(?:force|effect|being)|\b(?:entered|enter|enters)\s+into\s+force|"
    r"\b(?:set|sets)\s+up|\b(?:carried|carry)\s+out",
    re.I,
)
_NOT_VERB_ED = frozenset(
    "so-called armed occupied united red bed need speed seed indeed hundred kindred sacred wicked naked aged".split()
)


def _is_verb(word: str) -> bool:
    w = word.lower()
    if w in IRREGULAR or w in AUXILIARIES:
        return True
    return len(w) > 4 and w.endswith("ed") and w not in _NOT_VERB_ED


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


class WordIndex:
    """The words of a text inside ``spans`` found once, so that each timex's clause is a
    slice, not a scan (``spans``: sorted, non-overlapping; all of the text by default)."""

    def __init__(self, text: str, spans: list[tuple[int, int]] | None = None) -> None:
        spans = [(0, len(text))] if spans is None else spans
        self.words = [w for s, e in spans for w in _words(text, s, e)]
        self.starts = [w[0] for w in self.words]

    def between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The words lying inside ``start:end``."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        while j > i and self.words[j - 1][1] > end:
            j -= 1
        return self.words[i:j]


CLAUSE_REACH = 200  # characters a clause reaches on each side of its timex, at most


def _clause(text: str, s_start: int, s_end: int, start: int, end: int) -> tuple[int, int]:
    """Clause of ``start:end`` inside the sentence: cut at ; : dashes, brackets and
    subordinators, and never more than ``CLAUSE_REACH`` characters on each side (a text
    without punctuation is one long sentence: the work per timex stays bounded)."""
    s_start, s_end = max(s_start, start - CLAUSE_REACH), min(s_end, end + CLAUSE_REACH)
    left = max((m.end() for m in _CUT.finditer(text, s_start, start)), default=s_start)
    right = next((m.start() for m in _CUT.finditer(text, end, s_end)), s_end)
    while left < start and text[left].isspace():
        left += 1
    return left, right


def _content(word: str) -> bool:
    """A word that can head a label: not a stop word, verb, number, time or unit word."""
    low = word.lower()
    return (
        len(word) > 1
        and low not in STOP
        and low not in TIME_NOUNS
        and low not in _ADVERBS
        and not (word.islower() and len(word) > 4 and word.endswith("ly"))
        and not _is_verb(word)
        and not any(c.isdigit() for c in word)
    )


def _subject(text: str, words: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """Head noun of the words before a verb: in the stretch after the last comma, the last
    content word before its first preposition or verb; None when that stretch opens with a verb
    (a relative clause: "... who came to power and ruled")."""
    cut = 0
    for k in range(len(words) - 1, 0, -1):
        if "," in text[words[k - 1][1] : words[k][0]]:
            cut = k
            break
    content: list[tuple[int, int, str]] = []
    for w in words[cut:]:
        low = w[2].lower()
        if (low in PREPOSITIONS or _is_verb(w[2])) and content:
            break
        if w is words[cut] and _is_verb(w[2]) and low not in AUXILIARIES:
            return None
        if _content(w[2]):
            content.append(w)
    return content[-1] if content else None


def _verb_phrase(text: str, words: list[tuple[int, int, str]], i: int) -> tuple[int, int, str]:
    """Span and label text of the verb at ``words[i]`` with its following participles or
    particle ("took place"); auxiliaries of tense and voice are left out of the text ("were
    held" -> "held"), modals and what follows them kept ("will be held")."""
    start = words[i][0]
    multi = MULTIWORD.match(text, start)
    if multi:
        return start, multi.end(), text[start : multi.end()]
    j = i
    while j + 1 < len(words) and words[j][2].lower() in AUXILIARIES:
        nxt = words[j + 1][2]
        modal = words[j][2].lower() in MODALS  # "can make", "must take": the next word is a verb
        progressive = len(nxt) > 4 and nxt.lower().endswith("ing")  # "is facing"
        if not (_is_verb(nxt) or progressive or (modal and nxt.islower() and nxt not in STOP)):
            break
        j += 1
    multi = MULTIWORD.match(text, words[j][0])
    end = multi.end() if multi else words[j][1]
    modal = next((k for k in range(i, j) if words[k][2].lower() in MODALS), None)
    kept = [w[2] for w in words[modal:j]] if modal is not None else []
    return start, end, " ".join([*kept, text[words[j][0] : end]])


def _object(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The head of the noun phrase right after a verb (up to two content words)."""
    phrase: list[tuple[int, int, str]] = []
    for w in words[:6]:
        if _content(w[2]):
            phrase.append(w)
            if len(phrase) == 2:
                break
        elif phrase or w[2].lower() in PREPOSITIONS or _is_verb(w[2]):
            break
    return phrase


def _object_head(
    text: str, words: list[tuple[int, int, str]], pos: int
) -> list[tuple[int, int, str]]:
    """The last one or two words of the noun phrase right after a verb ending at ``pos``
    ("released comprehensive new rankings" -> "new rankings"): past at most two determiners
    or numbers, content words with nothing but spaces between them, up to the first other
    word; empty when a preposition, a verb or punctuation comes first, or the phrase runs
    past five words (no clear head)."""
    run: list[tuple[int, int, str]] = []
    skipped = 0
    for w in words[:8]:
        low = w[2].lower()
        if text[pos : w[0]].strip(" “”‘’\"'"):
            break  # punctuation: the phrase ends (quotation marks do not end it)
        determiner = (
            (low in STOP and low not in PREPOSITIONS) or low in _NUMBER_WORDS or low in _DISTANCING
        )
        if not run and determiner and skipped < 2:
            skipped += 1
        elif _content(w[2]) and len(run) < 5:
            run.append(w)
        elif len(run) >= 5 and _content(w[2]):
            return []
        else:
            break
        pos = w[1]
    return run[-2:]


_POSSESSIVE = re.compile(r"['’]s\b")
_DETERMINERS = frozenset("the its this their our".split())
_DISTANCING = frozenset("so-called self-styled self-proclaimed alleged".split())


def event_label(
    text: str,
    clause: tuple[int, int],
    timex: tuple[int, int],
    sentence_start: int | None = None,
    *,
    index: WordIndex | None = None,
) -> tuple[str, int, int]:
    """Short label of the event a timex dates inside its clause, with offsets (``"", -1, -1`` if none).

    Rules in order: a noun phrase the timex premodifies ("The 1994 ceasefire agreement"; one
    word after "the" or a possessive keeps the timex: "the 1967 borders");
    a noun and participle just before it ("letter dated 15 April", "decree signed on 7 July");
    a noun phrase the timex's preposition attaches to ("offensives in 1918"), unless it is a
    unit ("20 years from 1998") or a place ("in Baku in October 2019"); the nearest verb with
    its argument, auxiliaries left out ("elections held", "conflict began", "marks
    anniversary"), the word right after an adverb timex taken as its verb ("Turkey currently
    hosts"); a copula gives its complement, after a name or a person ("Switzerland is
    candidate"), or the infinitive that follows it ("it is necessary to create platforms").
    Time and unit words ("years"), numbers and bare auxiliaries ("is") are never a label.

    Args:
        text: the document text.
        clause: ``(start, end)`` of the clause holding the timex.
        timex: ``(start, end)`` of the timex.
        sentence_start: start of its sentence: lets a clause that opens with its verb take
            the noun it hangs on ("the Summit, held in Budapest in 1994" -> "Summit held").
        index: a ``WordIndex`` of ``text`` (saves finding the words again for each timex).

    Returns:
        ``(label, start, end)``: the label and its offsets; ``("", -1, -1)`` if none.

    Example:
        >>> from helpers.chronology import event_label
        >>> event_label("The ceasefire was signed in May 1994.", (0, 37), (28, 36))
        ('ceasefire signed', 4, 24)
    """
    words_in = index.between if index is not None else lambda s, e: _words(text, s, e)
    c_start, c_end = clause
    t_start, t_end = timex
    before = words_in(c_start, t_start)
    possessive = _POSSESSIVE.match(text, t_end)  # "today's world"
    after = words_in(possessive.end() if possessive else t_end, c_end)
    gap_after = text[possessive.end() if possessive else t_end : after[0][0]] if after else ""
    dated = any(c.isdigit() for c in text[t_start:t_end])
    determined = bool(before) and (  # "the 1994", "their joint September 27"
        before[-1][2].lower() in _DETERMINERS
        or (dated and len(before) >= 2 and before[-2][2].lower() in _DETERMINERS
            and before[-1][2].islower() and before[-1][2].lower() not in PREPOSITIONS)
    )  # fmt: skip
    premodifier = possessive or determined or dated
    # 1. premodifier: "the 1994 ceasefire agreement", "the 2005 World Summit" (not an adverb:
    #    "we must now act")
    if (
        premodifier
        and after
        and gap_after.strip() == ""
        and (after[0][2].islower() or determined)
        and _content(after[0][2])
        and (determined or possessive or not after[0][2].endswith(("ing", "ed")))
    ):  # not "resolutions in 1993 demanding withdrawal"
        phrase = _phrase(text, after)
        # one word after "the" or a possessive takes the timex: "the 1967 borders", not "borders"
        first = t_start if len(phrase) == 1 and (determined or possessive) else phrase[0][0]
        return text[first : phrase[-1][1]], first, phrase[-1][1]
    # 2. participle just before, or before its preposition: "letter dated 15 April 2020",
    #    "decree signed on 7 July"
    k = len(before) - (2 if before and before[-1][2].lower() in PREPOSITIONS else 1)
    if k >= 1 and _is_verb(before[k][2]) and before[k][2].lower().endswith("ed"):
        noun = before[k - 1]
        if _content(noun[2]):
            return text[noun[0] : before[k][1]], noun[0], before[k][1]
    # 3. preposition attached to a noun: "Armenian offensives in 1918", "the Madrid Conference
    #    of 1991" (not a unit, "20 years from 1998", nor a place, "in Baku in October 2019")
    if len(before) >= 2 and before[-1][2].lower() in PREPOSITIONS:
        head = before[-2]
        multi_end = MULTIWORD.search(text, max(c_start, head[0] - 12), head[1])
        named = head[2][:1].isupper() and head[2].lower() not in EVENT_NAMES
        governed = _governed(before[:-2])  # "signed the agreement in 1994": the verb's clause
        if _content(head[2]) and not multi_end and not named and not governed:
            first = head
            if (
                len(before) >= 3
                and _content(before[-3][2])
                and not text[before[-3][1] : head[0]].strip()
            ):  # two words with nothing but space between them
                first = before[-3]
            return text[first[0] : head[1]], first[0], head[1]
    # 4. nearest verb with its argument: left of the timex, unless a comma separates them and
    #    the clause goes on with a verb ("the path was opened, and today we must take ...")
    left = next((i for i in range(len(before) - 1, -1, -1) if _is_verb(before[i][2])), None)
    right = next((i for i, w in enumerate(after) if _is_verb(w[2])), None)
    words = before + after  # the timex left out: "have now passed", "challenge today is"
    timex_word = text[t_start:t_end].lower()
    adverb = timex_word in TIME_ADVERBS or (timex_word.isalpha() and timex_word.endswith("ly"))
    if (  # "Turkey currently hosts": the word the adverb modifies is the verb
        adverb
        and not possessive
        and after
        and not gap_after.strip()
        and after[0][2].islower()
        and after[0][2] not in STOP
    ):
        left, right = None, 0
    if left is not None and (right is None or "," not in text[before[left][1] : t_start]):
        while left > 0 and before[left - 1][2].lower() in AUXILIARIES:
            left -= 1
        verb = left
    elif right is not None:  # with the auxiliaries before the timex: "we must now act"
        verb = len(before) + right
        while verb > 0 and words[verb - 1][2].lower() in AUXILIARIES:
            verb -= 1
    else:
        return "", -1, -1
    antecedent = (
        _antecedent(words_in(max(sentence_start, c_start - 120), c_start))
        if sentence_start is not None
        else None
    )
    return _with_subject(text, words, verb, antecedent)


def _governed(words: list[tuple[int, int, str]]) -> bool:
    """Whether the noun after ``words`` is the object of the verb that ends them, past at
    most two determiners, possessives or numbers ("signed the", "adopted four")."""
    k = len(words) - 1
    while k >= 0 and len(words) - k <= 2 and not _is_verb(words[k][2]):
        low = words[k][2].lower()
        if k < len(words) - 1 and len(low) > 4 and low.endswith("ing"):
            return True  # "opening the floodgates during the winter"
        if low in _DISTANCING:  # "held so-called “elections” on 31 March"
            k -= 1
            continue
        if low in PREPOSITIONS or not (low in STOP or low.isdigit() or low in _NUMBER_WORDS):
            return False  # "emphasized in my statement": not its object
        k -= 1
    return k >= 0 and _is_verb(words[k][2]) and words[k][2].lower() not in AUXILIARIES


def _name_start(text: str, words: list[tuple[int, int, str]], k: int) -> int:
    """Start of the capitalised name ending at ``words[k]`` ("United Nations"), three words
    at most and nothing but spaces between them; the word's own start otherwise."""
    j = k
    while (
        j > 0
        and k - j < 2
        and words[j][2][:1].isupper()
        and words[j - 1][2][:1].isupper()
        and _content(words[j - 1][2])
        and not text[words[j - 1][1] : words[j][0]].strip()
    ):
        j -= 1
    return words[j][0]


def _phrase(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A noun phrase from ``words[0]``: up to three content words; a capitalised name goes on
    through "for", "of", "on" ("Agenda for Sustainable Development"), five words at most."""
    phrase = [words[0]]
    k = 1
    while k < len(words) and len(phrase) < 5:
        w = words[k]
        if text[phrase[-1][1] : w[0]].strip():
            break
        joined = (
            w[2] in ("for", "of", "on")
            and k + 1 < len(words)
            and words[k + 1][2][:1].isupper()
            and phrase[-1][2][:1].isupper()
            and not text[w[1] : words[k + 1][0]].strip()
        )
        if joined and len(phrase) <= 3:
            phrase.extend([w, words[k + 1]])
            k += 2
            continue
        if not _content(w[2]) or (len(phrase) >= 3 and not w[2][:1].isupper()):
            break
        phrase.append(w)
        k += 1
    return phrase


_RELATIVE = frozenset("which that who whom whose where".split())


def _antecedent(words: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The noun a clause opening with a verb or a relative pronoun hangs on: the last content
    word of the ``words`` before the clause ("the Summit, held in Budapest ..." -> "Summit")."""
    words = list(words)
    while words and (words[-1][2].lower() in _RELATIVE or words[-1][2].lower() in AUXILIARIES):
        words.pop()
    if words and _content(words[-1][2]):
        return words[-1]
    return None


def _with_subject(
    text: str,
    words: list[tuple[int, int, str]],
    i: int,
    antecedent: tuple[int, int, str] | None = None,
) -> tuple[str, int, int]:
    """Label "argument predicate [argument]" for the verb at ``words[i]``: its subject (or, for
    a clause opening with the verb, the noun it hangs on; a personal pronoun right before it),
    with the head of its object when one follows ("Russia invaded Georgia"), else its object
    alone ("marks anniversary"); a bare
    copula takes its complement instead ("calmest periods"); a bare auxiliary gives no label."""
    v_start, v_end, verb = _verb_phrase(text, words, i)
    rest = [w for w in words[i + 1 :] if w[0] >= v_end]
    subject = _subject(text, words[:i])
    if (
        subject in words
        and any(w[2].islower() and _is_verb(w[2]) for w in words[words.index(subject) + 1 : i])
        and verb == words[i][2]
        and verb.lower() not in _SIMPLE_PAST
        and verb.lower() not in AUXILIARIES
        and _content(words[i - 1][2])
        and not text[words[i - 1][1] : words[i][0]].strip()
    ):  # the clause has its verb already: a participle after its noun ("Azerbaijan undertook
        # ... at the Summit of ... Government held in Baku" -> "Government held")
        subject = words[i - 1]
    if subject is None and not any(_content(w[2]) for w in words[:i]):
        subject = antecedent
    if subject is None and i > 0 and words[i - 1][2].lower() in _PERSONAL:
        subject = words[i - 1]  # "as I had emphasized" -> "I emphasized"
    start = None
    if subject:
        start = _name_start(text, words, words.index(subject)) if subject in words else subject[0]
    if verb.lower() in COPULAS:
        complement = _object(rest)
        if complement:
            c_start, c_end = complement[0][0], complement[-1][1]
            k = rest.index(complement[-1])
            if k + 2 < len(rest) and rest[k + 1][2] == "to" and rest[k + 2][2].islower():
                # "it is necessary to create platforms": the infinitive is the event
                return _with_subject(text, rest[k + 2 :], 0)
            if start is not None and (subject[2][:1].isupper() or subject[2].lower() in _PERSONAL):
                # a name or a person: "Switzerland is candidate"
                return f"{text[start : subject[1]]} {verb} {text[c_start:c_end]}", start, c_end
            if complement[0][2][:1].isupper():  # "Where was Israel in 1947": a name, no event
                return "", -1, -1
            return text[c_start:c_end], c_start, c_end
    if verb.lower() in AUXILIARIES:
        return "", -1, -1
    if start is not None:
        label = f"{text[start : subject[1]]} {verb}"
        head = _object_head(text, rest, v_end)
        if head:  # "Russia invaded Georgia", "Council adopted resolutions"
            return f"{label} {text[head[0][0] : head[-1][1]]}", start, head[-1][1]
        return label, start, v_end
    obj = _object(rest)
    if obj:
        return f"{verb} {text[obj[0][0] : obj[-1][1]]}", v_start, obj[-1][1]
    return verb, v_start, v_end


_POINT = re.compile(r"^(\d{2,4})(?:-(\d{2}|W\d{2}|Q\d|H\d|SP|SU|FA|WI))?(?:-(\d{2}))?")
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 1}  # winter of a year: its first months


def value_point(value: str) -> pd.Timestamp:
    """The start of the period a TIMEX3 date value names.

    Args:
        value: a TIMEX3 value (``1918``, ``199`` for the 1990s, ``2020-03``, ``2020-W16``).

    Returns:
        A Timestamp; NaT for durations, sets, ``*_REF`` and values with ``X`` in the year.

    Example:
        >>> from helpers.chronology import value_point
        >>> [str(value_point(v).date()) for v in ("1918", "199", "2020-03")]
        ['1918-01-01', '1990-01-01', '2020-03-01']
        >>> value_point("P3Y")
        NaT
    """
    day = _point(value)
    return pd.NaT if day is None else pd.Timestamp(day)


def _point(value: str) -> dt.date | None:
    m = _POINT.match(value)
    if not m or "X" in value[:4]:
        return None
    digits, part, day = m.groups()
    year = int(digits) * (100 if len(digits) == 2 else 10 if len(digits) == 3 else 1)
    month = 1
    if part and part.isdigit():
        month = int(part)
    elif part and part[0] == "Q":
        month = 3 * int(part[1]) - 2
    elif part and part[0] == "H":
        month = 6 * int(part[1]) - 5
    elif part and part in _SEASON_MONTH:
        month = _SEASON_MONTH[part]
    elif part and part[0] == "W":
        try:
            return dt.date.fromisocalendar(year, int(part[1:]), 1)
        except ValueError:
            return None
    try:
        return dt.date(year, month, int(day) if day else 1)
    except ValueError:
        return None


def event_rows(
    text: str,
    dct: object = None,
    dct_precision: str | None = None,
    timexes: list[tuple] | None = None,
) -> list[tuple]:
    """Rows of ``find_events`` as plain tuples (``EVENT_COLUMNS`` minus ``year``; ``point`` a date)."""
    tx = timex_rows(text, dct, dct_precision) if timexes is None else timexes
    sentences = split_sentences(text) if tx else []
    index = WordIndex(text, _reach(tx, len(text))) if tx else None
    rows = []
    k = 0
    for row in tx:
        start, end, typ, value = row[0], row[1], row[3], row[4]
        while k + 1 < len(sentences) and sentences[k][1] <= start:
            k += 1
        s_start, s_end = sentences[k] if sentences else (0, len(text))
        s_start, s_end = min(s_start, start), max(s_end, end)
        c_start, c_end = _clause(text, s_start, s_end, start, end)
        label, l_start, l_end = event_label(
            text, (c_start, c_end), (start, end), s_start, index=index
        )
        point = _point(value) if typ in ("DATE", "TIME") else None
        rows.append(
            (*row, s_start, s_end, c_start, c_end, " ".join(label.split()), l_start, l_end, point)
        )
    return rows


def _reach(timexes: list[tuple], n: int) -> list[tuple[int, int]]:
    """The merged stretches of text a label can look at around ``timexes``: their clause
    reach and the words before a clause (``_antecedent``)."""
    spans: list[tuple[int, int]] = []
    for row in sorted(timexes):
        start, end = max(0, row[0] - CLAUSE_REACH - 130), min(n, row[1] + CLAUSE_REACH + 10)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def event_frame(rows: list[tuple], extra: dict[str, list] | None = None) -> pd.DataFrame:
    """A ``find_events`` table from ``event_rows`` output; ``extra`` columns go first."""
    names = EVENT_COLUMNS[:-1]
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    data = {**(extra or {}), **{n: list(c) for n, c in zip(names, columns, strict=True)}}
    frame = pd.DataFrame(data, columns=[*(extra or {}), *names])
    for name in (
        "start",
        "end",
        "sent_start",
        "sent_end",
        "clause_start",
        "clause_end",
        "label_start",
        "label_end",
    ):
        frame[name] = np.asarray(data[name], dtype="int64")
    # second resolution: years before 1677 (out of range in nanoseconds) stay representable
    points = [
        np.datetime64(p, "s") if p is not None else np.datetime64("NaT", "s") for p in data["point"]
    ]
    frame["point"] = np.asarray(points, dtype="datetime64[s]")
    frame["year"] = pd.array(
        [p.year if p is not None else None for p in data["point"]], dtype="Int64"
    )
    return frame


def find_events(
    text: str,
    dct: object = None,
    timexes: pd.DataFrame | None = None,
    dct_precision: str | None = None,
) -> pd.DataFrame:
    """The events a text dates: one row per timex, with its clause and a short event label.

    Args:
        text: the document text.
        dct: the document creation time, as for ``find_timexes``.
        timexes: a ``find_timexes`` table of ``text`` (skips tagging again).
        dct_precision: as for ``find_timexes``.

    Returns:
        A DataFrame of the ``find_timexes`` columns and ``sent_start, sent_end,
        clause_start, clause_end`` (offsets of the sentence and clause), ``label`` (the
        event: predicate and argument, "" when there is none), ``label_start,
        label_end``, ``point`` (the date the value starts at, NaT for durations and sets)
        and ``year``.

    Example:
        >>> from helpers.chronology import find_events
        >>> e = find_events("The ceasefire was signed in May 1994. Fighting resumed in 2016.",
        ...                 "2020-04-24")
        >>> print(e[["text", "value", "label"]].to_string(index=False))
            text   value            label
        May 1994 1994-05 ceasefire signed
            2016    2016 Fighting resumed
    """
    rows = (
        None if timexes is None else list(timexes[TIMEX_COLUMNS].itertuples(index=False, name=None))
    )
    return event_frame(event_rows(text, dct, dct_precision, rows))
