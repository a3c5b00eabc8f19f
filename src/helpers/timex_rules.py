"""Rule-based TIMEX3 tagger: compiled regular expressions, each with a normalising handler.

``tag(text, dct)`` returns candidate tuples ``(start, end, type, value, mod, rule)`` after a
leftmost-longest overlap resolution. Relative expressions are resolved against ``dct``
(a ``datetime.date``); without one they keep ``X`` placeholders. The tense of the sentence
decides past or future for weekdays and for months given without a year.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from helpers import timex_calendar as cal
from helpers.timex_lexicon import (
    HOLIDAYS,
    MODS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    POSITION_MODS,
    UNIT_PLURALS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
)
from helpers.timex_years import year_reading

Candidate = tuple[int, int, str, str, str, str]


def _alt(words) -> str:
    return "|".join(
        sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    )


MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june|jun\.?|july|jul\.?"
    r"|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)(?![a-z])"
)
WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.)(?![a-z])"
YEAR4 = r"(?:1[0-9]\d\d|20\d\d|2100)"
YEAR = rf"(?:{YEAR4}|['’]\d\d)(?![\d'’])"
NUMWORD = (
    _alt(NUMBERS)
    + r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s](?:one|two|three|four|five|six|seven|eight|nine)"
)
NUM = rf"(?:(?!(?:1[1-9]|20)\d\d(?!\d))\d+(?:\.\d+|\s+1/2)?|{NUMWORD}|{_alt(VAGUE_NUMBERS)})"
UNIT = (
    r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|centuries)"
)
MOD = _alt(MODS)
POS = r"(?:the\s+)?(?:early|late|mid|middle\s+of|end\s+of|beginning\s+of|start\s+of|turn\s+of)"
POSPFX = rf"(?:(?P<pos>{POS})[\s-]+(?:the\s+)?)?"
ORD = _alt(k for k in ORDINALS if k not in ("last", "final"))
FUTURE = re.compile(
    r"(?:\b(?:will|won't|shall|going\s+to|plans?\s+to|scheduled\s+(?:to|for)|due\s+to|set\s+to"
    r"|upcoming|intends?\s+to|to\s+be\s+held|is\s+to|are\s+to)\b|'ll\b)",
    re.I,
)
_CLAUSE = re.compile(r"[,;:–—()\"“”]|\b(?:but|while|whereas|although|after|before|because|that)\b")
# weekdays also look forward after these (plans, deadlines, "as soon as Tuesday")
_FUTURE_DAY = re.compile(
    r"\b(?:would|plann(?:ed|ing)|as\s+(?:soon|early)\s+as|until|postponed|deadline|expected|expects?)\b",
    re.I,
)
_BOUNDARY = re.compile(r"[.!?](?=\s+[A-Z\"“‘'(])|\n")
CLAUSE_REACH = 200  # characters looked at on each side of an expression for its clause


@dataclass
class Ctx:
    """What handlers need: the text, the DCT and lazily computed sentence boundaries."""

    text: str
    dct: dt.date | None
    _bounds: list[int] = field(default_factory=list)
    years: dict[int, bool] = field(default_factory=dict)  # bare number's end -> read as year

    def sentence(self, start: int, end: int) -> str:
        """The sentence around ``start:end`` (approximate boundaries)."""
        if not self._bounds:
            self._bounds = [0] + [m.end() for m in _BOUNDARY.finditer(self.text)] + [len(self.text)]
        i = bisect.bisect_right(self._bounds, start) - 1
        j = bisect.bisect_left(self._bounds, end)
        return self.text[self._bounds[max(i, 0)] : self._bounds[min(j, len(self._bounds) - 1)]]

    def clause(self, start: int, end: int) -> str:
        """The clause around ``start:end``: the sentence cut at commas, semicolons, dashes, quotes."""
        if not self._bounds:
            self.sentence(start, end)
        i = bisect.bisect_right(self._bounds, start) - 1
        j = bisect.bisect_left(self._bounds, end)
        s_start = max(self._bounds[max(i, 0)], start - CLAUSE_REACH)
        s_end = min(self._bounds[min(j, len(self._bounds) - 1)], end + CLAUSE_REACH)
        left = self.text[s_start:start]
        right = self.text[end:s_end]
        cut_left = max((m.end() for m in _CLAUSE.finditer(left)), default=0)
        cut_right = next((m.start() for m in _CLAUSE.finditer(right)), len(right))
        return left[cut_left:] + self.text[start:end] + right[:cut_right]

    def tense(self, start: int, end: int) -> cal.Tense:
        """ "future" when the clause has a future marker (will, scheduled to, ...), else None."""
        return "future" if FUTURE.search(self.clause(start, end)) else None

    def past_or_future(self, start: int, end: int) -> cal.Tense:
        """Like ``tense`` but defaulting to the past (weekdays in news refer back)."""
        return self.tense(start, end) or "past"


def _num(word: str) -> int | float | None:
    """Number of a numeral or number word; None for vague quantities (several, a few)."""
    w = re.sub(r"\s+", " ", word.lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w) if "." in w else int(w)
    if w.endswith(" 1/2"):
        return int(w.split()[0]) + 0.5
    if w in NUMBERS:
        return NUMBERS[w]
    if "-" in w or " " in w:
        tens, units = re.split(r"[-\s]", w, maxsplit=1)
        if tens in NUMBERS and units in NUMBERS:
            return NUMBERS[tens] + NUMBERS[units]
    return None


def _unit(word: str) -> str:
    w = word.lower().rstrip("s") if word.lower() not in UNIT_PLURALS else UNIT_PLURALS[word.lower()]
    return "century" if w == "centurie" else w


def _duration(n: int | float | None, unit: str) -> str:
    """ISO 8601 duration: P6Y, PT3H, P10Y for a decade, PXY when the number is vague."""
    letter, is_time, _ = UNITS[unit]
    if unit == "decade":
        letter, n = "Y", None if n is None else n * 10
    elif unit == "century":
        letter, n = "Y", None if n is None else n * 100
    elif unit == "quarter":
        letter, n = "M", None if n is None else n * 3
    elif unit == "fortnight":
        n = None if n is None else n * 2
    elif unit == "weekend":
        letter = "WE"
    if n is None:
        amount = "X"
    elif isinstance(n, float) and not n.is_integer():
        # half a year -> P6M; half an hour -> PT30M
        smaller = {"Y": (12, "M"), "M": (30, "D"), "D": (24, "H"), "W": (7, "D"), "H": (60, "M")}
        if letter not in smaller:
            return f"P{'T' if is_time else ''}{n}{letter}"
        factor, small = smaller[letter]
        whole, rest = int(n), round((n - int(n)) * factor)
        head = f"{whole}{letter}" if whole else ""
        if letter == "H" or (letter == "D" and not is_time):
            return f"P{head}T{rest}{small}" if letter == "D" else f"PT{head}{rest}{small}"
        return f"P{head}{rest}{small}"
    else:
        amount = str(int(n))
    return f"P{'T' if is_time else ''}{amount}{letter}"


def _pos_mod(pos: str | None) -> str:
    if not pos:
        return ""
    key = re.sub(r"\s+", " ", pos.lower()).strip()
    return POSITION_MODS.get(key) or POSITION_MODS.get(key.removeprefix("the ")) or ""


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _wd(word: str) -> int:
    w = word.lower().rstrip(".")
    return WEEKDAYS.get(w) or WEEKDAYS[w[:3]]


def _year(token: str, ctx: Ctx) -> str:
    if token[0] in "'’":
        return cal.two_digit_year(int(token[1:]), ctx.dct)
    return token


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


# --- handlers: each gets the match and the context, returns candidates or None -------------

Handler = Callable[[re.Match, Ctx], "list[Candidate] | Candidate | None"]


def h_iso(m: re.Match, ctx: Ctx):
    day = cal.valid_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    if m["hh"]:
        return (m.start(), m.end(), "TIME", f"{day.isoformat()}T{m['hh']}:{m['mi']}", "", "iso")
    return (m.start(), m.end(), "DATE", day.isoformat(), "", "iso")


def h_numeric(m: re.Match, ctx: Ctx):
    """4/24/2020 (US month first) or 24/4/2020 when the first number cannot be a month."""
    a, b = int(m["a"]), int(m["b"])
    month, day = (a, b) if a <= 12 else (b, a)
    year = m["y"] if len(m["y"]) == 4 else cal.two_digit_year(int(m["y"]), ctx.dct)
    check_year = 2000 if year.startswith("X") else int(year)  # 2000: 29 February possible
    if cal.valid_date(check_year, month, day) is None:
        return None
    return (m.start(), m.end(), "DATE", f"{year}-{month:02d}-{day:02d}", "", "numeric")


def _month_day(m: re.Match, ctx: Ctx, rule: str):
    month, day = _month(m["mon"]), int(m["day"])
    if not _capitalised(m["mon"]):
        return None
    if cal.valid_date(2000, month, day) is None:  # 31 February, 0 March: not a date at all
        return (m.start(), m.end(), "", "", "", "invalid")
    if m["year"]:
        year = _year(m["year"], ctx)
        if year.startswith("X"):
            return (m.start(), m.end(), "DATE", f"{year}-{month:02d}-{day:02d}", "", rule + "_year")
        point = cal.valid_date(int(year), month, day)
        if point is None:  # 29 February in a common year
            return (m.start(), m.end(), "", "", "", "invalid")
        return (m.start(), m.end(), "DATE", point.isoformat(), "", rule + "_year")
    if ctx.dct is None:
        ok = cal.valid_date(2000, month, day)  # leap year: 29 February is possible
        return (
            None
            if ok is None
            else (m.start(), m.end(), "DATE", f"XXXX-{month:02d}-{day:02d}", "", rule)
        )
    year = _year_named_after(m, ctx)
    if year is None:
        year = cal.pick_year(ctx.dct, month, day, ctx.tense(m.start(), m.end()))
    if year is None:
        return None
    return (m.start(), m.end(), "DATE", f"{year:04d}-{month:02d}-{day:02d}", "", rule)


_REL_YEAR_AFTER = re.compile(r",?\s+(?:of\s+)?(last|this|next)\s+year\b", re.I)


def _year_named_after(m: re.Match, ctx: Ctx) -> int | None:
    """The year a relative "last/this/next year" right after a month names ("on 27 September
    last year"), from the DCT; None when there is none."""
    rel = _REL_YEAR_AFTER.match(ctx.text, m.end())
    if rel is None or ctx.dct is None:
        return None
    return ctx.dct.year + {"last": -1, "this": 0, "next": 1}[rel.group(1).lower()]


def h_mdy(m, ctx):
    return _month_day(m, ctx, "month_day")


def h_dmy(m, ctx):
    return _month_day(m, ctx, "day_month")


def h_month_year(m: re.Match, ctx: Ctx):
    if not _capitalised(m["mon"]):
        return None
    year = _year(m["year"], ctx)
    return (
        m.start(),
        m.end(),
        "DATE",
        f"{year}-{_month(m['mon']):02d}",
        _pos_mod(m["pos"]),
        "month_year",
    )


_MONTH_CUE = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|from|to|through|before|after|during|between|and|or|on|last|next|this|early|late|mid|end|beginning|start|middle|coming|past)\s+|mid-)$",
    re.I,
)


def h_month(m: re.Match, ctx: Ctx):
    word = m["mon"]
    if not _capitalised(word):
        return None
    key = word.lower().rstrip(".")
    if (key in ("may", "march") or len(key) == 3) and not (m["rel"] or m["pos"]):
        if not _MONTH_CUE.search(ctx.text[max(0, m.start() - 12) : m.start()]):
            return None
    if len(key) == 3 and not word.endswith(".") and key not in ("may",):
        return None
    month = MONTHS[key]
    rel = (m["rel"] or "").lower()
    mod = _pos_mod(m["pos"])
    if ctx.dct is None:
        return (m.start(), m.end(), "DATE", f"XXXX-{month:02d}", mod, "month")
    if rel in ("last", "past", "previous"):
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "coming"):
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        year = ctx.dct.year
    else:
        year = _year_named_after(m, ctx) or cal.pick_year(
            ctx.dct, month, None, ctx.tense(m.start(), m.end()), future_weight=2.5
        )
    return (m.start(), m.end(), "DATE", f"{year:04d}-{month:02d}", mod, "month")


_PREFIX_MOD = {"post": "AFTER", "pre": "BEFORE"}


def h_year(m: re.Match, ctx: Ctx):
    """A bare year ("in 1994", "post-2015", "fiscal 1989", "1992–94"), when the words around
    the number say it is one (``helpers.timex_years``)."""
    year = m["year"]
    s, e = m.start("year"), m.end("year")
    dct_year = ctx.dct.year if ctx.dct is not None else None
    if m["pos"] or m["fiscal"] or m["prefix"]:
        ok = True
    else:
        ok = year_reading(ctx.text, s, e, dct_year, ctx.years.get)
    ctx.years[e] = ok
    if not ok:
        return None
    mod = _pos_mod(m["pos"]) or _PREFIX_MOD.get((m["prefix"] or "").lower(), "")
    first = (m.start(), e, "DATE", year, mod, "year")
    if not m["year2"]:
        return first
    second = m["year2"]
    if len(second) == 2:
        second = year[:2] + second
    if int(second) <= int(year) or int(second) - int(year) > 50:
        return None if len(m["year2"]) == 2 else first
    ctx.years[m.end("year2")] = True
    return [first, (m.start("year2"), m.end(), "DATE", second, "", "year_range")]


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def _without_the(m: re.Match) -> int:
    """Start of a match after a leading "the " (TimeBank leaves the article out of decades)."""
    head = re.match(r"the\s+", m.group(0), re.I)
    return m.start() + head.end() if head else m.start()


def h_decade(m: re.Match, ctx: Ctx):
    mod = _pos_mod(m["pos"] or m["pos2"])
    if m["dec"]:
        value = m["dec"][:3]
    else:
        digit = int(m["yy"][0]) if m["yy"] else _DECADE_WORDS[m["word"].lower()]
        if m["word"] and not m.group(0).lower().startswith("the"):
            return None
        century = 19
        if ctx.dct is not None and (ctx.dct.year // 100) * 100 + digit * 10 <= ctx.dct.year:
            century = ctx.dct.year // 100
        value = f"{century}{digit}"
    return (_without_the(m), m.end(), "DATE", value, mod, "decade")


_ORD_WORDS = {w: n for w, n in ORDINALS.items() if n > 0}


def h_century(m: re.Match, ctx: Ctx):
    word = m["ord"].lower().replace(" ", "-")
    n = int(re.match(r"\d+", word).group(0)) if word[0].isdigit() else _ORD_WORDS.get(word)
    if not n:
        return None
    return (
        _without_the(m),
        m.end(),
        "DATE",
        f"{n - 1:02d}",
        _pos_mod(m["pos"] or m["pos2"]),
        "century",
    )


_REL_SHIFT = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "this": 0,
    "current": 0,
}


def h_relative(m: re.Match, ctx: Ctx):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    the = rel.startswith("the ")
    rel = rel.removeprefix("the ")
    unit = re.sub(r"\s+", " ", m["unit"].lower())
    mod = _pos_mod(m["pos"])
    s, e = m.start(), m.end()
    if unit in cal.SEASONS:
        code = cal.SEASONS[unit]
        if ctx.dct is None:
            return (s, e, "DATE", f"XXXX-{code}", mod, "season")
        year = ctx.dct.year + (_REL_SHIFT[rel] if rel != "this" else 0)
        if rel in ("last", "past", "previous") and code == "WI":
            year = ctx.dct.year if ctx.dct.month >= 3 else ctx.dct.year - 1
        return (s, e, "DATE", cal.season_value(year, code), mod, "season")
    if the and rel in ("past", "last", "next", "coming") and not m["pos"]:  # "the past year"
        return (s, e, "DURATION", _duration(1, unit), "", "the_past_unit")
    if unit == "weekend":
        if ctx.dct is None:
            return (s, e, "DATE", "XXXX-WXX-WE", mod, "weekend")
        shifted = ctx.dct + dt.timedelta(weeks=_REL_SHIFT[rel])
        return (s, e, "DATE", cal.fmt(shifted, "week") + "-WE", mod, "weekend")
    return (s, e, "DATE", cal.relative(ctx.dct, unit, _REL_SHIFT[rel]), mod, "relative")


def h_relative_weekday(m: re.Match, ctx: Ctx):
    if not _capitalised(m["wd"]):
        return None
    rel, wd = m["rel"].lower(), _wd(m["wd"])
    if ctx.dct is None:
        return (m.start(), m.end(), "DATE", f"XXXX-WXX-{wd}", "", "weekday")
    if rel == "last":
        day = cal.weekday_date(ctx.dct - dt.timedelta(days=1), wd, "past")
    elif rel in ("next", "coming"):
        day = cal.weekday_date(ctx.dct + dt.timedelta(days=1), wd, "future")
    else:
        day = cal.weekday_date(ctx.dct, wd, ctx.tense(m.start(), m.end()) or "past")
    return (m.start(), m.end(), "DATE", day.isoformat(), "", "weekday")


NARRATIVE_REACH = 1500  # characters before "N years later" searched for the year it counts from
_YEAR_BEFORE = re.compile(rf"(?<![\d$£€#.,/])({YEAR4})(?!\d)")


def _narrative_year(ctx: Ctx, start: int) -> int | None:
    """The last year named before ``start`` (within ``NARRATIVE_REACH`` characters) that was
    read as a year: the time "N years later" counts from."""
    for m in reversed(
        list(_YEAR_BEFORE.finditer(ctx.text, max(0, start - NARRATIVE_REACH), start))
    ):
        if ctx.years.get(m.end()):
            return int(m.group(1))
    return None


def h_ago(m: re.Match, ctx: Ctx):
    unit = _unit(m["unit"])
    n = _num(m["num"])
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    sign = 1 if direction in ("later", "from now", "hence") else -1
    mod = MODS.get(re.sub(r"\s+", " ", (m["mod"] or "").lower()), "")
    if n is None or not float(n).is_integer():
        return (m.start(), m.end(), "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", "", "ago")
    gran = UNITS[unit][2]
    if gran == "time":
        if ctx.dct is None:
            return (m.start(), m.end(), "TIME", "XXXX-XX-XXTXX:XX", mod, "ago")
        return (m.start(), m.end(), "DATE", ctx.dct.isoformat(), mod, "ago")
    if unit == "weekend":
        gran = "week"
    n = int(n)
    if gran == "decade":
        gran, n = "year", n * 10
    if gran == "century":
        gran, n = "year", n * 100
    if gran == "year" and direction == "later":
        # "107 years later" counts from a time the text named before, not from publication
        anchor = _narrative_year(ctx, m.start())
        if anchor is not None:
            return (m.start(), m.end(), "DATE", f"{anchor + sign * n:04d}", mod, "later")
        if ctx.tense(m.start(), m.end()) != "future":  # from an event the text does not date
            return (m.start(), m.end(), "DATE", "XXXX", mod, "later")
    return (m.start(), m.end(), "DATE", cal.relative(ctx.dct, gran, sign * n), mod, "ago")


_SET_BEFORE = re.compile(
    r"(?:\d|[$£€%]|\b(?:times|twice|once|thrice|cents?|dollars?|percent|each|per))\s*$", re.I
)


_PRONOUN = re.compile(r",?\s+(?:we|i|you|they|he|she|it|the|this|there|our|their|his|her)\b", re.I)


def h_duration(m: re.Match, ctx: Ctx):
    unit = _unit(m["unit"])
    n = _num(m["num"])
    mod = MODS.get(re.sub(r"\s+", " ", (m["mod"] or "").lower()), "")
    s = m.start()
    if (m["old"] or "").lower().endswith("old"):
        return (s, m.end(), "", "", "", "age")  # an age, not a temporal expression
    if m["dir"] and not m["adj"] and not m["old"]:
        return h_ago(m, ctx)  # "two years ago": a date, not a duration
    if unit == "second" and re.fullmatch(
        r"(?:twen|thir|for|fif|six|seven|eigh|nine)ty-second",
        m.group(0)[m.start("num") - s :],
        re.I,
    ):
        return (s, m.end(), "", "", "", "ordinal")  # "fifty-second session"
    if m["num"].lower() in ("a", "an") and not m["mod"] and not m["adj"]:
        if _SET_BEFORE.search(ctx.text[max(0, s - 12) : s]):
            return (s, m.end(), "SET", _duration(1, unit), "", "set_rate")
    if m["num"].lower() == "some" and mod:
        n = None
    if m.group(0).lower() in ("one day", "some day") and _PRONOUN.match(ctx.text, m.end()):
        ref = "FUTURE_REF" if ctx.tense(s, m.end()) == "future" else "PAST_REF"
        return (s, m.end(), "DATE", ref, "", "ref")  # "one day we will ...": a vague time
    if m["mod"] and m["adj"]:  # "over the past 20 years": "over" means during, not more than
        s, mod = m.start("adj"), ""
        if ctx.text[s - 4 : s].lower() == "the ":
            s -= 4
    return (s, m.end(), "DURATION", _duration(n, unit), mod, "duration")


def h_plural_units(m: re.Match, ctx: Ctx):
    unit = _unit(m["unit"])
    adj = (m["adj"] or "").lower()
    if adj in ("recent", "past", "last") or not adj:
        if not adj:
            before = ctx.text[max(0, m.start() - 8) : m.start()].lower()
            if not re.search(r"\b(?:for|over|within|in|after|take|takes|took|lasted)\s+$", before):
                return None
        return (m.start(), m.end(), "DURATION", _duration(None, unit), "", "plural_units")
    return (m.start(), m.end(), "DURATION", _duration(None, unit), "", "plural_units")


_DAY_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}


def h_day_word(m: re.Match, ctx: Ctx):
    word = re.sub(r"\s+", " ", m["w"].lower())
    pod = (m["pod"] or "").lower()
    if word == "tonight":
        offset, pod = 0, "night"
    elif word == "last night":
        offset, pod = -1, "night"
    elif word.startswith("this "):
        offset, pod = 0, word.split()[1]
    elif word == "the day before yesterday":
        offset = -2
    elif word == "the day after tomorrow":
        offset = 2
    else:
        offset = _DAY_WORDS[word]
    mod = _pos_mod(m["pos"])
    day = None if ctx.dct is None else ctx.dct + dt.timedelta(days=offset)
    date = "XXXX-XX-XX" if day is None else day.isoformat()
    if pod:
        return (m.start(), m.end(), "TIME", f"{date}T{PARTS_OF_DAY[pod]}", mod, "day_word")
    return (m.start(), m.end(), "DATE", date, mod, "day_word")


def h_weekday(m: re.Match, ctx: Ctx):
    if not _capitalised(m["wd"]):
        return None
    wd = _wd(m["wd"])
    if ctx.dct is None:
        date = f"XXXX-WXX-{wd}"
    else:
        tense = ctx.past_or_future(m.start(), m.end())
        if _FUTURE_DAY.search(ctx.clause(m.start(), m.end())):
            tense = "future"
        date = cal.weekday_date(ctx.dct, wd, tense).isoformat()
    if m["pod"]:
        return (
            m.start(),
            m.end(),
            "TIME",
            f"{date}T{PARTS_OF_DAY[m['pod'].lower()]}",
            "",
            "weekday",
        )
    return (m.start(), m.end(), "DATE", date, "", "weekday")


def _day_of(when: str | None, ctx: Ctx, start: int, end: int) -> str:
    """Date part for a clock time: its weekday/day word/month-day, else the DCT."""
    if when:
        w = when.lower()
        if w in _DAY_WORDS:
            return (
                "XXXX-XX-XX"
                if ctx.dct is None
                else (ctx.dct + dt.timedelta(days=_DAY_WORDS[w])).isoformat()
            )
        mm = re.match(rf"({MONTH})\s+(\d{{1,2}})", when, re.I)
        if mm:
            month, day = _month(mm.group(1)), int(mm.group(2))
            if ctx.dct is None:
                return f"XXXX-{month:02d}-{day:02d}"
            year = cal.pick_year(ctx.dct, month, day, None) or ctx.dct.year
            return f"{year:04d}-{month:02d}-{day:02d}"
        if ctx.dct is None:
            return f"XXXX-WXX-{_wd(when)}"
        return cal.weekday_date(ctx.dct, _wd(when), ctx.past_or_future(start, end)).isoformat()
    return "XXXX-XX-XX" if ctx.dct is None else ctx.dct.isoformat()


def h_clock(m: re.Match, ctx: Ctx):
    hour = int(m["h"])
    minute = int(m["mi"] or 0)
    ap = m["ap"].lower().replace(".", "").replace(" ", "")
    if hour > 12 and ap in ("am", "pm") or hour > 24 or minute > 59:
        return None
    if ap == "pm" and hour < 12:
        hour += 12
    if ap == "am" and hour == 12:
        hour = 0
    date = _day_of(m["when"], ctx, m.start(), m.end())
    return (m.start(), m.end(), "TIME", f"{date}T{hour:02d}:{minute:02d}", "", "clock")


def h_noon(m: re.Match, ctx: Ctx):
    word = m["w"].lower()
    clock = "24:00" if word == "midnight" else "12:00"
    date = _day_of(m["when"], ctx, m.start(), m.end())
    return (m.start(), m.end(), "TIME", f"{date}T{clock}", "", "noon")


_SET_ADVERBS = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "quarterly": "P3M",
    "hourly": "PT1H",
    "nightly": "P1D",
    "biweekly": "P2W",
    "semiannually": "P6M",
    "biannually": "P6M",
}


def h_set_adverb(m: re.Match, ctx: Ctx):
    return (m.start(), m.end(), "SET", _SET_ADVERBS[m.group(0).lower()], "", "set")


def h_every(m: re.Match, ctx: Ctx):
    what = m["unit"].lower()
    if m["mon"]:
        return (m.start(), m.end(), "SET", f"XXXX-{_month(m['mon']):02d}", "", "set")
    n = _num(m["num"]) if m["num"] else (2 if m["other"] else 1)
    if re.fullmatch(WEEKDAY, what, re.I) or what.rstrip("s") in [k for k in WEEKDAYS if len(k) > 4]:
        return (
            m.start(),
            m.end(),
            "SET",
            f"XXXX-WXX-{_wd(what.rstrip('s') if len(what) > 6 else what)}",
            "",
            "set",
        )
    if what.rstrip("s") in PARTS_OF_DAY:
        return (m.start(), m.end(), "SET", f"TXX{PARTS_OF_DAY[what.rstrip('s')]}", "", "set")
    if what in cal.SEASONS or what.rstrip("s") in cal.SEASONS:
        return (m.start(), m.end(), "SET", f"XXXX-{cal.SEASONS[what.rstrip('s')]}", "", "set")
    return (
        m.start(),
        m.end(),
        "SET",
        _duration(n if n is not None else None, _unit(what)),
        "",
        "set",
    )


def h_times_per(m: re.Match, ctx: Ctx):
    return (m.start(), m.end(), "SET", _duration(1, _unit(m["unit"])), "", "set")


def _quarter_year(q: int, ctx: Ctx, start: int, end: int) -> str:
    if ctx.dct is None:
        return "XXXX"
    year = ctx.dct.year
    if ctx.tense(start, end) != "future" and dt.date(year, 3 * q - 2, 1) > ctx.dct:
        year -= 1
    return f"{year:04d}"


def h_quarter(m: re.Match, ctx: Ctx):
    n = _ORD_WORDS.get(m["ord"].lower())
    part = m["part"].lower()
    if n is None or (part == "quarter" and n > 4) or (part == "half" and n > 2):
        return None
    year = m["y1"] or m["y2"] or m["y3"]
    year = (
        _year(year, ctx)
        if year
        else (_quarter_year(n if part == "quarter" else 2 * n - 1, ctx, m.start(), m.end()))
    )
    letter = "Q" if part == "quarter" else "H"
    return (m.start(), m.end(), "DATE", f"{year}-{letter}{n}", "", "quarter")


def _reporting_quarter(ctx: Ctx, years_back: int = 0) -> str:
    if ctx.dct is None:
        return "XXXX-QX"
    day = ctx.dct - dt.timedelta(days=45)
    return f"{day.year - years_back:04d}-Q{(day.month - 1) // 3 + 1}"


def h_the_quarter(m: re.Match, ctx: Ctx):
    back = 1 if m["back"] else 0  # "the quarter a year ago"
    return (m.start(), m.end(), "DATE", _reporting_quarter(ctx, back), "", "the_quarter")


def h_year_earlier(m: re.Match, ctx: Ctx):
    unit = (m["unit"] or "year").lower()
    if unit in ("quarter", "period"):
        return (m.start(), m.end(), "DATE", _reporting_quarter(ctx, 1), "", "year_earlier_quarter")
    return (m.start(), m.end(), "DATE", cal.relative(ctx.dct, "year", -1), "", "year_earlier")


_PERIOD_ENDING = re.compile(r"\s+(?:ended|ending|that\s+ended|through|to)\s", re.I)


def _period_ending(m: re.Match, ctx: Ctx):
    """ "the year ended March 31": a twelve-month period, i.e. a duration (None otherwise)."""
    if _PERIOD_ENDING.match(ctx.text, m.end()):
        return (m.start(), m.end(), "DURATION", "P1Y", "", "period_ending")
    return None


def h_the_unit(m: re.Match, ctx: Ctx):
    if _in_a_name(m, ctx):
        return None  # "Supervisor of the Year"
    unit = m["unit"].lower()
    if unit == "year" and (period := _period_ending(m, ctx)):
        return period
    return (m.start(), m.end(), "DATE", cal.relative(ctx.dct, unit, 0), "", "the_unit")


def h_the_weekend(m: re.Match, ctx: Ctx):
    if ctx.dct is None:
        return (m.start(), m.end(), "DATE", "XXXX-WXX-WE", "", "weekend")
    future = ctx.tense(m.start(), m.end()) == "future"
    day = ctx.dct if future or ctx.dct.isoweekday() >= 5 else ctx.dct - dt.timedelta(weeks=1)
    return (m.start(), m.end(), "DATE", cal.fmt(day, "week") + "-WE", "", "weekend")


_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}


def h_spelled_year(m: re.Match, ctx: Ctx):
    if m["y"] is None:
        if not (m["the"] and m["c"].lower().startswith("two")):
            return None
        return (m.start(), m.end(), "DATE", "2000", "", "year")
    n = _TEENS.get(m["y"].lower()) or _num(m["y"])
    if not isinstance(n, int) or not 1 <= n <= 99:
        return None
    century = 1900 if m["c"].lower() == "nineteen" else 2000
    return (m.start(), m.end(), "DATE", f"{century + n:04d}", "", "year")


def h_month_rel_year(m: re.Match, ctx: Ctx):
    if not _capitalised(m["mon"]):
        return None
    year = cal.relative(ctx.dct, "year", _REL_SHIFT[m["rel"].lower()])
    return (m.start(), m.end(), "DATE", f"{year}-{_month(m['mon']):02d}", "", "month_rel_year")


def h_fiscal(m: re.Match, ctx: Ctx):
    if m.group(0).lower().endswith("year") and (period := _period_ending(m, ctx)):
        return period
    return (m.start(), m.end(), "DATE", cal.relative(ctx.dct, "year", 0), "", "fiscal")


_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "at present": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "recent years": "PAST_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
}  # fmt: skip


_NAME_BEFORE = re.compile(r"[A-Z][\w’'-]*\s+(?:for|of|on)\s+$")


def _in_a_name(m: re.Match, ctx: Ctx) -> bool:
    """Whether the capitalised expression ``m`` ends a name: "the Pact for the Future",
    "Summit of the Future", "Supervisor of the Year"."""
    last = m.group(0).split()[-1]
    before = ctx.text[max(0, m.start() - 40) : m.start()]
    return last[:1].isupper() and _NAME_BEFORE.search(before) is not None


def h_ref(m: re.Match, ctx: Ctx):
    if _in_a_name(m, ctx):
        return None
    word = re.sub(r"\s+", " ", m.group(0).lower())
    return (m.start(), m.end(), "DATE", _REFS[word], "", "ref")


_SEASON_CUE = re.compile(
    r"\b(?:in|during|by|until|since|through|over|this|that|next|last)\s+$", re.I
)


def h_season(m: re.Match, ctx: Ctx):
    code = cal.SEASONS[m["season"].lower()]
    mod = _pos_mod(m["pos"])
    det = (m["det"] or "").lower()
    if not (m["pos"] or m["year"] or det in ("this", "last", "next")):
        if det != "the" or not _SEASON_CUE.search(ctx.text[max(0, m.start() - 10) : m.start()]):
            return None
        if re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
            return None
    if m["year"]:
        return (m.start(), m.end(), "DATE", f"{_year(m['year'], ctx)}-{code}", mod, "season")
    if ctx.dct is None:
        return (m.start(), m.end(), "DATE", f"XXXX-{code}", mod, "season")
    year = cal.season_year(ctx.dct, code, ctx.tense(m.start(), m.end()))
    return (m.start(), m.end(), "DATE", cal.season_value(year, code), mod, "season")


def h_holiday(m: re.Match, ctx: Ctx):
    if not _capitalised(m["h"]):
        return None
    name = re.sub(r"\s+", " ", m["h"].lower()).replace("’", "'")
    if name.startswith("thanksgiving"):
        month, day = 11, None
    else:
        month, day = HOLIDAYS[name]
    if m["year"]:
        year = _year(m["year"], ctx)
    elif ctx.dct is None:
        year = "XXXX"
    else:
        year = f"{cal.pick_year(ctx.dct, month, day or 22, ctx.tense(m.start(), m.end())):04d}"
    if day is None:  # fourth Thursday of November
        if year.startswith("X"):
            return (m.start(), m.end(), "DATE", f"{year}-11-XX", "", "holiday")
        first = dt.date(int(year), 11, 1)
        day = 1 + (3 - first.weekday()) % 7 + 21
    return (m.start(), m.end(), "DATE", f"{year}-{month:02d}-{day:02d}", "", "holiday")


# --- the rule table ------------------------------------------------------------------------

PARTS = r"(?P<pod>morning|afternoon|evening|night)"
# fmt: off
WHEN = rf"(?:,?\s+(?:on\s+)?(?P<when>{WEEKDAY}|today|yesterday|tomorrow|{MONTH}\s+\d{{1,2}}(?!\d)))?"
_RULES: list[tuple[str, Handler, str]] = [
    (r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<hh>\d{2}):(?P<mi>\d{2}))?(?![\d-])", h_iso, "year4"),
    (r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])", h_numeric, "digit digit2 year4"),
    (rf"(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:.,]\d|\s*%)(?:,?\s+(?P<year>{YEAR}))?", h_mdy, "month"),
    (rf"(?:{WEEKDAY},?\s+)?(?<![\d.,])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR}))?", h_dmy, "month"),
    (rf"{POSPFX}(?P<mon>{MONTH})(?:,|\s+of)?\s+(?P<year>{YEAR})", h_month_year, "month"),
    (rf"{POSPFX}(?:(?P<rel>last|next|this|past|coming|previous)\s+)?(?P<mon>{MONTH})(?!\s*\d)", h_month, "month"),
    (rf"{POSPFX}(?P<fiscal>fiscal(?:\s+year)?\s+)?(?:(?P<prefix>post|pre)-)?(?<![\d$£€#.,/])(?P<year>{YEAR4})(?:\s*[-–/]\s*(?P<year2>{YEAR4}|\d\d)(?![\d-]))?(?![\d-]|s\b)", h_year, "year4"),
    (rf"(?:the\s+)?(?:(?P<pos>{POS})[\s-]+)?(?:(?P<pos2>early|mid|late)[\s-]+)?(?:(?P<dec>(?:1[0-9]|20)\d0)['’]?s|['’](?P<yy>\d0)['’]?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?![a-z])", h_decade, "digit2 year4 decade"),
    (rf"(?:the\s+)?(?:(?P<pos>{POS})[\s-]+)?(?:(?P<pos2>early|mid|late)[\s-]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORD})[\s-]+century", h_century, "unit"),
    (rf"{POSPFX}(?:(?P<earlier>earlier|later)\s+)?(?P<rel>(?:the\s+)?(?:last|next|this|past|coming|previous|following|current))\s+(?P<unit>week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)(?![a-z-])", h_relative, "unit season"),
    (rf"(?:(?P<rel>last|next|this|coming)\s+)(?P<wd>{WEEKDAY})", h_relative_weekday, "weekday"),
    (rf"(?:(?P<mod>{MOD})\s+)?(?:(?:the\s+)?(?P<adj>past|last|next|first|final|coming|previous|following|latest|initial|remaining|entire|whole|full|same|other)\s+)?(?:the\s+)?(?P<num>{NUM})(?:[\s-]+(?:more|additional|full|straight|consecutive|long))?[\s-]+(?P<unit>{UNIT})s?(?P<old>-long|-old|\s+old)?(?![a-z])(?:\s+(?P<dir>ago|earlier|later|from\s+now|hence)(?![a-z]))?", h_duration, "unit"),
    (r"(?:(?P<adj>recent|past|coming|next|last)\s+)?(?P<unit>years|months|weeks|days|decades|hours|centuries)(?![a-z])", h_plural_units, "unit"),
    (rf"(?:(?P<pos>early|late)\s+)?(?P<w>yesterday|today|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))(?:\s+{PARTS})?(?![a-z])", h_day_word, "day pod unit"),
    (rf"(?P<wd>{WEEKDAY})(?:\s+{PARTS})?", h_weekday, "weekday"),
    (rf"(?P<h>\d{{1,2}})(?::(?P<mi>\d{{2}}))?\s*(?P<ap>a\.\s?m\.|p\.\s?m\.|am(?![a-z])|pm(?![a-z])|o'clock)(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time)(?![a-z]))?{WHEN}", h_clock, "digit digit2"),
    (rf"(?P<w>noon|midnight|midday){WHEN}", h_noon, "noon"),
    (r"(?:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually|biannually)(?![a-z])", h_set_adverb, "set"),
    (rf"(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT}s?|{WEEKDAY}|mornings?|afternoons?|evenings?|nights?|spring|summer|fall|autumn|winter|(?P<mon>{MONTH}))(?![a-z])", h_every, "unit weekday pod season month"),
    (rf"(?:once|twice|thrice|(?:{NUM})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNIT})(?![a-z])", h_times_per, "unit"),
    (rf"(?:the\s+)?(?:(?P<y1>{YEAR4})\s+)?(?:fiscal\s+)?(?P<ord>{ORD})[\s-]+(?:fiscal\s+)?(?P<part>quarter|half)(?:\s+of\s+(?:fiscal\s+)?(?:the\s+year\s+)?(?P<y2>{YEAR4})|\s+(?P<y3>{YEAR4}))?(?![a-z])", h_quarter, "unit"),
    (r"(?:the\s+)?(?:latest|most\s+recent|recent|current)\s+(?:fiscal\s+)?(?:quarter|period)(?![a-z])|the\s+quarter(?![a-z])(?P<back>\s+a\s+year\s+(?:ago|earlier))?", h_the_quarter, "unit"),
    (r"(?:the\s+)?(?:(?:same\s+)?year[-\s](?:earlier|ago)|year-before)(?:\s+(?P<unit>quarter|period|year))?(?![a-z])", h_year_earlier, "unit"),
    (r"the\s+(?P<unit>year|month|week)(?![a-z'’-])(?!\s+(?:before|after|earlier|later|of|in|when|that|ago|two|nineteen)\b|\s+\d)", h_the_unit, "unit"),
    (r"the\s+weekend(?![a-z])", h_the_weekend, "unit"),
    (rf"(?P<the>the\s+year\s+)?(?P<c>nineteen|two\s+thousand(?:\s+and)?)(?:\s+hundred)?(?:\s+(?P<y>{NUMWORD}|ten|\w+teen))?(?![a-z-])", h_spelled_year, "spelled"),
    (rf"(?P<mon>{MONTH})(?:\s+of)?\s+(?P<rel>last|this|next)\s+year(?![a-z])", h_month_rel_year, "month"),
    (r"the\s+(?:current\s+)?fiscal\s+year(?!\s+(?:\d{4}|\d\d/))|year[-\s]end(?![a-z])", h_fiscal, "fiscal unit"),
    (r"(?<![a-z])(?:now|currently|at\s+present|nowadays|these\s+days|at\s+the\s+moment|recently|lately|the\s+past|the\s+(?:near\s+)?future|the\s+(?:near|short|long)\s+term|recent\s+years)(?![a-z])", h_ref, "ref unit"),
    (rf"{POSPFX}(?:(?P<det>this|last|next|the)\s+)?(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>{YEAR}))?(?![a-z])", h_season, "season"),
    (rf"(?P<h>christmas(?:\s+(?:eve|day))?|new\s+year['’]s\s+(?:eve|day)|halloween|valentine['’]s\s+day|thanksgiving(?:\s+day)?|independence\s+day)(?:\s+(?P<year>{YEAR}))?", h_holiday, "holiday"),
]
# fmt: on
# each rule: compiled pattern, handler, and the trigger-word categories it needs nearby
RULES = [
    (re.compile(rf"(?<![\w'’]){pattern}", re.I), handler, cats.split())
    for pattern, handler, cats in _RULES
]


_CATEGORY_WORDS = {
    "month": [*MONTHS],
    "weekday": [*WEEKDAYS],
    "unit": [*UNITS, *(u + "s" for u in UNITS), "centuries", "half"],
    "pod": [*PARTS_OF_DAY, *(w + "s" for w in PARTS_OF_DAY)],
    "season": [*cal.SEASONS],
    "day": "today tomorrow yesterday tonight".split(),
    "decade": "twenties thirties forties fifties sixties seventies eighties nineties".split(),
    "noon": "noon midnight midday".split(),
    "set": "daily weekly monthly annually yearly hourly nightly biweekly semiannually biannually".split(),
    "spelled": "nineteen thousand".split(),
    "fiscal": ["fiscal"],
    "ref": "now currently present nowadays moment recently lately recent past future term".split(),
    "holiday": "christmas halloween valentine thanksgiving independence".split(),
}
TRIGGERS = {w: cat for cat, words in _CATEGORY_WORDS.items() for w in words}
_TOKEN = re.compile(r"[a-z]+|\d+")
PAD = 48  # characters searched on each side of a trigger word: longer than any expression part


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Merged spans around trigger words, per category (month, unit, digit, ...).

    Each rule runs only inside the windows of its categories, which keeps tagging fast.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in _TOKEN.finditer(text.lower()):
        word = m.group()
        if word[0] <= "9":
            cat = "year4" if len(word) == 4 else "digit2" if len(word) == 2 else "digit"
        else:
            cat = TRIGGERS.get(word)
        if cat is not None:
            spans.setdefault(cat, []).append((max(0, m.start() - PAD), min(n, m.end() + PAD)))
    return {cat: _merge(found) for cat, found in spans.items()}


def tag(text: str, dct: dt.date | None) -> list[Candidate]:
    """All TIMEX3 candidates in ``text``, leftmost-longest, non-overlapping, in text order.

    Rules run only in windows around trigger words, which keeps tagging fast on long texts.
    An expression that would move the DCT past year 1 or 9999 is left unanchored (``X``).
    """
    ctx = Ctx(text, dct)
    unanchored = Ctx(text, None)
    found: list[tuple[int, int, int, Candidate]] = []
    by_category = windows(text)
    for rank, (pattern, handler, categories) in enumerate(RULES):
        spans = _merge([span for cat in categories for span in by_category.get(cat, ())])
        for m in (m for s, e in spans for m in pattern.finditer(text, s, e)):
            try:
                out = handler(m, ctx)
            except (OverflowError, ValueError):  # the calendar ends at years 1 and 9999
                out = handler(m, unanchored)
            if out is None:
                continue
            for cand in out if isinstance(out, list) else [out]:
                found.append((cand[0], -(cand[1] - cand[0]), rank, cand))
    found.sort()
    chosen: list[Candidate] = []
    last_end = -1
    for start, _, _, cand in found:
        if start >= last_end:
            chosen.append(cand)
            last_end = cand[1]
    return _quarter_context(text, [c for c in chosen if c[2]])


_YEAR_BACK = re.compile(
    r"(?:a|one)[\s-]+year[\s-]+(?:earlier|ago|before)|(?:the\s+)?year[-\s](?:earlier|ago)", re.I
)


def _quarter_context(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Financial reports: "a year earlier" after a quarter means that quarter a year before."""
    out, quarter, quarter_end = [], None, -1
    for cand in chosen:
        start, end, typ, value, mod, rule = cand
        if rule in ("quarter", "the_quarter") and "-Q" in value:
            quarter, quarter_end = value, end
        elif (
            quarter
            and start - quarter_end < 400
            and rule in ("ago", "year_earlier")
            and not quarter.startswith("X")
        ):
            if _YEAR_BACK.fullmatch(text[start:end]):
                value = f"{int(quarter[:4]) - 1:04d}{quarter[4:]}"
                cand = (start, end, typ, value, mod, rule)
        out.append(cand)
    return out
