"""The event a temporal expression dates: its clause, a short label and their offsets.

``find_events(text, dct)`` returns one row per timex (``find_timexes`` columns) plus the
sentence and clause spans, the event ``label`` ("elections took place", "conflict began",
"ceasefire agreement", "letter dated") with ``label_start, label_end``, and ``point`` /
``year``: the start of the period the value names (NaT/NA for durations, sets, references).
"""

from __future__ import annotations

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

_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*\d|\d")
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
    won wound marks marked reads agreed occurred erupted ended signed adopted""".split()
)
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


def _clause(text: str, s_start: int, s_end: int, start: int, end: int) -> tuple[int, int]:
    """Clause of ``start:end`` inside the sentence: cut at ; : dashes, brackets and subordinators."""
    left = max((m.end() for m in _CUT.finditer(text, s_start, start)), default=s_start)
    right = next((m.start() for m in _CUT.finditer(text, end, s_end)), s_end)
    while left < start and text[left].isspace():
        left += 1
    return left, right


def _subject(words: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """Head noun of the words before a verb: last content word before the first preposition."""
    content: list[tuple[int, int, str]] = []
    for w in words:
        low = w[2].lower()
        if low in PREPOSITIONS and content:
            break
        if low not in STOP and not _is_verb(w[2]) and not w[2][0].isdigit():
            content.append(w)
    return content[-1] if content else None


def _verb_phrase(text: str, words: list[tuple[int, int, str]], i: int) -> tuple[int, int]:
    """Span of the verb at ``words[i]``: with a following participle or particle (took place)."""
    start = words[i][0]
    multi = MULTIWORD.match(text, start)
    if multi:
        return start, multi.end()
    j = i
    while j + 1 < len(words) and words[j][2].lower() in AUXILIARIES:
        nxt = words[j + 1][2]
        modal = words[j][2].lower() in MODALS  # "can make", "must take": the next word is a verb
        if not (_is_verb(nxt) or (modal and nxt.islower() and nxt.lower() not in STOP)):
            break
        j += 1
    return start, words[j][1]


_POSSESSIVE = re.compile(r"['’]s\b")


def event_label(text: str, clause: tuple[int, int], timex: tuple[int, int]) -> tuple[str, int, int]:
    """Short label of the event a timex dates inside its clause, with offsets (``"", -1, -1`` if none).

    Rules in order: a noun phrase the timex premodifies ("The 1994 ceasefire agreement");
    a noun and participle just before it ("letter dated 15 April"); a noun phrase the timex's
    preposition attaches to ("offensives in 1918"); the nearest verb, with its subject head
    ("elections took place on 31 March", "conflict ... began in 1988").
    """
    c_start, c_end = clause
    t_start, t_end = timex
    before = _words(text, c_start, t_start)
    possessive = _POSSESSIVE.match(text, t_end)  # "today's world"
    after = _words(text, possessive.end() if possessive else t_end, c_end)
    gap_after = text[possessive.end() if possessive else t_end : after[0][0]] if after else ""
    determined = bool(before) and before[-1][2].lower() in ("the", "its", "this", "their", "our")
    # 1. premodifier: "the 1994 ceasefire agreement", "the 2005 World Summit"
    if (
        after
        and gap_after.strip() == ""
        and (after[0][2].islower() or determined)
        and after[0][2].lower() not in STOP
        and not _is_verb(after[0][2])
    ):
        phrase = [after[0]]
        for w in after[1:3]:
            if w[2].lower() in STOP or _is_verb(w[2]) or text[phrase[-1][1] : w[0]].strip():
                break
            phrase.append(w)
        return text[phrase[0][0] : phrase[-1][1]], phrase[0][0], phrase[-1][1]
    # 2. participle just before: "letter dated 15 April 2020"
    if len(before) >= 2 and _is_verb(before[-1][2]) and before[-1][2].lower().endswith("ed"):
        noun = before[-2]
        if noun[2].lower() not in STOP and not _is_verb(noun[2]):
            return text[noun[0] : before[-1][1]], noun[0], before[-1][1]
    # 3. preposition attached to a noun: "Armenian offensives in 1918"
    if len(before) >= 2 and before[-1][2].lower() in PREPOSITIONS:
        head = before[-2]
        multi_end = MULTIWORD.search(text, max(c_start, head[0] - 12), head[1])
        if (
            head[2].lower() not in STOP
            and not _is_verb(head[2])
            and not multi_end
            and not head[2][0].isdigit()
        ):
            first = head
            if len(before) >= 3:
                prev = before[-3]
                if (
                    prev[2].lower() not in STOP
                    and not _is_verb(prev[2])
                    and not prev[2][0].isdigit()
                ):
                    first = prev
            return text[first[0] : head[1]], first[0], head[1]
    # 4. nearest verb with its subject: left of the timex, unless a comma separates them and
    #    the clause goes on with a verb ("the path was opened, and today we must take ...")
    left = next((i for i in range(len(before) - 1, -1, -1) if _is_verb(before[i][2])), None)
    right = next((i for i, w in enumerate(after) if _is_verb(w[2])), None)
    if left is not None and (right is None or "," not in text[before[left][1] : t_start]):
        while left > 0 and before[left - 1][2].lower() in AUXILIARIES:
            left -= 1
        return _with_subject(text, before, left)
    if right is not None:
        return _with_subject(text, after, right)
    return "", -1, -1


def _with_subject(text: str, words: list[tuple[int, int, str]], i: int) -> tuple[str, int, int]:
    """Label "subject verb" for the verb at ``words[i]`` (just the verb without a subject)."""
    v_start, v_end = _verb_phrase(text, words, i)
    subject = _subject(words[:i])
    if subject:
        return f"{subject[2]} {text[v_start:v_end]}", subject[0], v_end
    return text[v_start:v_end], v_start, v_end


_POINT = re.compile(r"^(\d{2,4})(?:-(\d{2}|W\d{2}|Q\d|H\d|SP|SU|FA|WI))?(?:-(\d{2}))?")
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def value_point(value: str) -> pd.Timestamp:
    """Start of the period a TIMEX3 date value names (``1918`` -> 1918-01-01, ``199`` -> 1990-01-01).

    NaT for durations, sets, ``*_REF`` and values with ``X`` in the year.
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
    rows = []
    k = 0
    for row in tx:
        start, end, typ, value = row[0], row[1], row[3], row[4]
        while k + 1 < len(sentences) and sentences[k][1] <= start:
            k += 1
        s_start, s_end = sentences[k] if sentences else (0, len(text))
        s_start, s_end = min(s_start, start), max(s_end, end)
        c_start, c_end = _clause(text, s_start, s_end, start, end)
        label, l_start, l_end = event_label(text, (c_start, c_end), (start, end))
        point = _point(value) if typ in ("DATE", "TIME") else None
        rows.append(
            (*row, s_start, s_end, c_start, c_end, " ".join(label.split()), l_start, l_end, point)
        )
    return rows


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
    """One row per timex with the clause it dates and a short event label (see module doc).

    ``timexes`` (a ``find_timexes`` table of ``text``) skips tagging again.
    """
    rows = (
        None if timexes is None else list(timexes[TIMEX_COLUMNS].itertuples(index=False, name=None))
    )
    return event_frame(event_rows(text, dct, dct_precision, rows))
