"""Who speaks: the ``speaker`` of a quotation or an attribution, its ``source`` resolved.

``resolve_speakers(text, rows)`` takes, in any order, the rows of one document as
``(source_start, source_end, start, end)`` (source offsets None when there is no source;
``start, end`` the quotation or content) and returns one speaker per row:

- a name is its own speaker, without its apposition or party ("Kerr Putney, the police
  chief" → "Kerr Putney"; "Chair, Senate Budget Committee, Senator Sheldon Whitehouse" →
  "Sheldon Whitehouse");
- "he" / "she" is the nearest earlier named person of a compatible gender (known from a
  title such as "Mr." / "Mrs." / "Congresswoman", or a given name in
  ``data/lexicons/given_names.csv``); "they" / "it" an organisation named shortly before;
- "I" / "we" is the speaker of the quotation the source stands in, else the speaker label in
  effect (a line opening "THE PRESIDENT:", "MS. PSAKI:"; nobody after "Q"), else the
  document's own speaker (option ``speaker``: the speaking country of a UN speech, the
  person a "Remarks by …" title names), else the previous row's speaker;
- "you" is the person a question is put to ("Q … as you said, “…”": the next speaker label's
  person), else nobody;
- a bare role ("the minister", "the spokesperson", "the ministry") is the nearest earlier
  named person holding that role ("Foreign Minister Jeyhun Bayramov") or organisation
  named by that word; a role that names no one stays as written;
- an unresolved pronoun, "someone", "who" ...: no speaker (None); no source, no speaker.

Every speaker is then written in its canonical form for the document: the fullest form of
the name used in it (its text and ``title``), titles stripped ("Biden", "President Biden",
"President Joe Biden" → "Joe Biden"; "Jill" → "Jill Biden" named before), a transcript label
read as the person it names or the holder of its role ("MS. PSAKI" → "Jen Psaki", "THE
PRESIDENT" → "Joe Biden", else "The President"), an organisation without its article ("The
White House" → "White House"), a common noun phrase with a lower-case article ("The letter"
→ "the letter").

Named persons and organisations are capitalised word sequences with a title, a known given
name, an organisation word or an acronym (one regex pass over the text and one over the
title); a bare surname is the person named in full before it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from helpers.framing_names import (
    FEMALE_TITLES,
    MALE_TITLES,
    RANK_TITLES,
    ROLES,
    given_names,
    is_title_word,
    place_names,
    read_label,
    roles_in,
    shorter_form,
    split_name,
)

__all__ = ["given_names", "is_speaker_label", "is_web_label", "resolve_speakers"]

_LOOK_BACK = 300  # mentions scanned back for an antecedent (keeps long documents linear)
_PLURAL_BACK = 400  # characters back an organisation may stand for "they" / "it"

_PRONOUNS = {
    "he": "m", "she": "f", "they": "plural", "it": "plural", "i": "self", "we": "self",
    "you": "you", "yourself": "you", "yourselves": "you",
}  # fmt: skip
_NOBODY = {  # sources that never name a speaker
    "who", "which", "that", "everyone", "everybody", "someone", "somebody", "anyone",
    "anybody", "nobody", "none", "one", "no one", "people", "they say", "whoever",
}  # fmt: skip
_LABEL_WORDS = {  # words that make a label in capitals a speaker, not a heading
    "president", "minister", "premier", "spokesperson", "spokesman", "spokeswoman",
    "secretary", "senator", "sen", "governor", "gov", "mayor", "ambassador", "envoy",
    "representative", "rep", "congressman", "congresswoman", "chairman", "chairwoman", "chair",
    "chancellor", "pope", "king", "queen", "general", "gen", "judge", "justice", "director",
    "commissioner", "speaker", "leader", "candidate", "nominee", "prosecutor", "attorney",
    "professor", "prof", "dr", "doctor", "sheriff", "chief", "commander", "admiral", "adm",
    "colonel", "col", "diplomat", "deputy", "mr", "mrs", "ms", "miss", "sir", "lady", "dame",
    "lord", "prince", "princess", "sheikh", "emir", "sultan", "vice", "prime", "foreign",
    "first", "former", "acting", "lt", "press", "state", "defense", "defence", "interior",
    "finance", "supreme", "white", "house", "senior", "deputy-director",
}  # fmt: skip
_ORG_WORDS = {
    "ministry", "department", "agency", "company", "campaign", "committee", "government",
    "organisation", "organization", "party", "council", "office", "group", "union",
    "commission", "embassy", "administration", "court", "bank", "firm", "corporation",
    "inc", "ltd", "network", "foundation", "institute", "university", "association",
    "coalition", "alliance", "service", "bureau", "parliament", "assembly", "senate",
    "congress", "cabinet", "police", "army", "federation", "league", "center", "centre",
    "times", "post", "news", "journal", "tribune", "fund", "board", "authority",
    "mission", "delegation", "secretariat", "forces", "command", "team", "club", "society",
    "house", "white", "kremlin", "pentagon", "cbs", "nbc", "abc", "cnn", "msnbc", "reuters",
}  # fmt: skip
_APPOSITION = re.compile(r"\s*[,(]")
_APPOSITIONS = re.compile(r"\s*(?:[,(]|\)\s*,?)\s*")
_ROLE_SOURCE = re.compile(  # a bare role as source: "the minister", "The foreign ministry"
    r"(?i)(?:the|this|that)\s+(?:[a-z-]+\s+){0,2}?(?P<role>[a-z-]+)"
)
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_NOT_EXPANDED = {"house"}  # "the House" is the House of Representatives, not the White House
_NAME_WORD = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Adm|Prof|St|Jr|Sr)\.|[A-Z]\.|[A-Z][\w’'-]*)"
)
_NAME_FIRST = (  # the same, written to start with the capital (the regex engine skips ahead)
    r"[A-Z](?<![\w’'.-][A-Z])(?:(?<=M)(?:rs?|s)\.|(?<=D)r\.|(?<=S)(?:en|t|r)\.|(?<=R)ep\.|"
    r"(?<=G)(?:ov|en)\.|(?<=L)t\.|(?<=C)ol\.|(?<=A)dm\.|(?<=P)rof\.|(?<=J)r\.|\.|[\w’'-]*)"
)
_NAME = re.compile(
    rf"{_NAME_FIRST}(?:[ \t]+(?:(?:of|the|for|de|da|del|van|von|der|bin|al|la|le|du)[ \t]+)*"
    rf"(?:{_NAME_WORD}|al-[A-Z][\w’'-]*))*"
)
_LABEL = re.compile(  # a speaker label opening a line: "THE PRESIDENT:", "MS. PSAKI:", "Q "
    r"(?m)^[ \t*_]*(?:(?P<label>(?:[A-Z][A-Za-z.’'-]*[ \t]+){0,4}[A-Z][A-Za-z.’'-]*)[ \t*_]*:[ \t]|"
    r"(?P<q>Q)[ \t]+(?=[A-Z]))"
)
_WEB_LABEL = re.compile(
    r"(?i)(?:also\s+|must\s+|more\s+)?(?:read|watch|update[sd]?|breaking|related|more|see|video|"
    r"photos?|gallery|listen|exclusive|opinion|analysis|live|correction|editor[’']?s?|note|"
    r"advertisement|sponsored|click|follow|subscribe|sign|trending|latest|the\s+latest|source|"
    r"image|credit|caption|share|comments?|top|recommended|featured|newsletter|podcast|"
    r"fact|key|summary|background|context|warning|disclaimer|transcript|full)"
    r"(?:\s+(?:more|also|here|now|live|next|news|stories|story|note|sheet|points|up|too|\d+))*"
)
_FUNCTION = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "if", "as", "for", "to", "of",
    "this", "that", "these", "those", "it", "its", "he", "she", "we", "they", "i", "his",
    "her", "their", "our", "my", "when", "while", "after", "before", "since", "so", "yet",
    "however", "meanwhile", "still", "then", "there", "here", "what", "who", "why", "how",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "mr", "mrs", "ms", "dr",
}  # fmt: skip


@dataclass
class Mention:
    """A named person or organisation at ``start``: its ``name`` (titles dropped for a
    person), ``kind`` (person / org), ``gender`` (m / f / None), ``roles``, its ``titles``
    (lower case), when it is the source of a row that row's speaker, and whether it is
    ``salient`` (a subject, a source)."""

    start: int
    name: str
    kind: str
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    speaker: str | None = None
    salient: bool = False
    titles: set[str] = field(default_factory=set)


def is_web_label(label: str) -> bool:
    """True for a web heading or label that names no speaker ("READ MORE", "WATCH", "UPDATE")."""
    return _WEB_LABEL.fullmatch(label.strip(" *_")) is not None


def is_speaker_label(label: str) -> bool:
    """True when ``label`` (the words before a colon) can name a speaker: not a web label,
    and an all-caps label holds a title, a role or a given name ("THE PRESIDENT", "MS. PSAKI",
    "Q"), unlike a heading ("FACT SHEET", "BREAKING NEWS")."""
    label = label.strip(" *_")
    if not label or is_web_label(label):
        return False
    letters = [ch for ch in label if ch.isalpha()]
    if label == "Q" or not all(ch.isupper() for ch in letters) or len(letters) <= 1:
        return label == "Q" or len(letters) > 1
    words = [w.strip(".’'-").lower() for w in label.split()]
    names = given_names()
    return any(w in _LABEL_WORDS or w in names or w in {"moderator", "participant", "reporter"}
               for w in words)  # fmt: skip


_SKIPPED = _FUNCTION - {"mr", "mrs", "ms", "dr"}
_POSSESSIVE = re.compile(r"[’']s?$")
_VERB_AFTER = re.compile(  # a verb after a mention: it is the subject of its clause
    r"(?:\s*\([^()]{1,40}\))?(?:,[^,.;:]{1,100},)?\s+(?:[a-z]+ly\s+)?(?:has|had|have|was|is|were|"
    r"are|will|would|could|can|did|does|do|says|said|told|[a-z]+ed|[a-z]{3,}s)\b"
)
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?][\"”’)]*\s+|\n\s*|[:;]\s+)$")


def _low(word: str) -> str:
    return word.rstrip(".").lower()


def _describe(
    words: list[str], names: dict[str, str | None]
) -> tuple[str, str | None, set[str], list[str], list[str]]:
    """Kind (person / org / "" for neither), gender, roles of the capitalised ``words`` of a
    mention, its name proper and its title words ("Foreign Minister", "Mrs.", "Sen.")."""
    low = [_low(w) for w in words]
    if any(w in _ORG_WORDS for w in low) or (
        len(words) == 1 and 2 <= len(words[0]) <= 6 and words[0].isupper()
    ):
        return "org", None, set(), list(words), []
    titles, name = split_name(words)
    rank = name[:1] if name and _low(name[0]) in RANK_TITLES and len(name) > 1 else []
    gender = None
    for w in (_low(t) for t in titles + rank):
        gender = "m" if w in MALE_TITLES else "f" if w in FEMALE_TITLES else gender
    if not name or any(_low(w) in ROLES for w in name[len(rank) :]):
        return "", None, roles_in(titles), [], titles  # "Mr. President": a title, no name
    if " ".join(name).lower() in place_names():
        return "", None, set(), [], titles  # "the Foreign Minister of Germany": no name
    first = _low(name[len(rank)])
    if gender is None and first in names:
        gender = names[first]  # "Melanie said": a given name alone, or a full name
    person = bool(titles) or bool(rank) or first in names
    return ("person" if person else ""), gender, roles_in(titles + rank), name, titles


def _mentions(text: str) -> list[Mention]:
    """Named persons and organisations of ``text`` in order (surnames linked to full names);
    a mention is salient when it opens its sentence or a verb follows it (a subject)."""
    names = given_names()
    out: list[Mention] = []
    surnames: dict[str, Mention] = {}
    for m in _NAME.finditer(text):
        words = m.group().split()
        if len(words) == 1:  # fast path: most matches are one capitalised word
            word = words[0]
            low = word.rstrip(".’'s").lower()
            if low in _FUNCTION or not (
                low in names
                or word in surnames
                or (word.isupper() and 2 <= len(word) <= 6)
                or low in _ORG_WORDS
                or word.rstrip("’'s") in surnames
            ):
                continue
        while words and words[0].rstrip(".").lower() in _SKIPPED:
            words = words[1:]  # "The Ministry …", "But Smith": sentence-initial words
        possessive = bool(words) and bool(_POSSESSIVE.search(words[-1]))
        if possessive:
            words[-1] = _POSSESSIVE.sub("", words[-1])
        if not words or not words[-1]:
            continue
        kind, gender, roles, proper, titles = _describe(words, names)
        name = " ".join(proper)
        if not kind:
            known = surnames.get(words[-1])
            if known is None or len(proper) > 1:
                continue
            kind, gender, name = "person", gender or known.gender, known.name
            roles |= known.roles
        start = m.start() + m.group().index(words[0])
        salient = not possessive and (
            _SENTENCE_OPENS.search(text, max(0, start - 4), start) is not None
            or _VERB_AFTER.match(text, m.end()) is not None
        )
        mention = Mention(start, name, kind, gender, roles, salient=salient,
                          titles={_low(t) for t in titles})  # fmt: skip
        if kind == "person":
            surnames[words[-1]] = mention
        out.append(mention)
    return out


@dataclass
class _Form:
    """One form of a name in a document: its words (lower case) and as written, how often
    and from where it occurs (-1: the title), and the titles, roles and gender seen with it."""

    words: tuple[str, ...]
    written: str
    kind: str
    count: int = 0
    first: int = 0
    titles: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    gender: str | None = None


class _Names:
    """The forms of the names of a document (its mentions, those of its title first) and the
    canonical form of a speaker: the fullest form of its name, a role's named holder."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.forms: dict[tuple[str, ...], _Form] = {}
        for m in mentions:
            self.add(m.name, m.kind, m.start, m.titles, m.roles, m.gender)

    def add(self, name: str, kind: str, start: int, titles=(), roles=(), gender=None) -> None:
        key = tuple(w.lower() for w in name.split())
        if not key or kind not in {"person", "org"}:
            return
        form = self.forms.get(key)
        if form is None:
            form = self.forms[key] = _Form(key, name, kind, first=start)
        form.count += 1
        form.first = min(form.first, start)
        form.titles |= set(titles)
        form.roles |= set(roles)
        form.gender = form.gender or gender

    def fullest(self, form: _Form) -> _Form:
        """The longest form naming the same person ("Jennifer Granholm" → "Jennifer M.
        Granholm"; ties: the most frequent, the earliest)."""
        for _ in range(3):
            longer = [f for f in self.forms.values()
                      if f.kind == form.kind and shorter_form(form.words, f.words)
                      and len(form.words) > 1]  # fmt: skip
            if not longer:
                break
            form = max(longer, key=lambda f: (len(f.words), f.count, -f.first))
        return form

    def holder(self, role: str | None) -> str | None:
        """The canonical name of the person holding ``role`` (named in the title first,
        then the most often), else None."""
        if not role:
            return None
        held = [f for f in self.forms.values() if f.kind == "person" and role in f.roles]
        if not held:
            return None
        best = max(held, key=lambda f: (f.first < 0, f.count, -f.first))
        return self.fullest(best).written

    def person(self, name: list[str], titles: list[str], pos: int) -> str:
        """The canonical form of a person's ``name`` (titles apart) mentioned at ``pos``."""
        key = tuple(w.lower() for w in name)
        low_titles = {_low(t) for t in titles}
        roles = roles_in(titles)
        gender = None
        for t in low_titles:
            gender = "m" if t in MALE_TITLES else "f" if t in FEMALE_TITLES else gender
        given = len(key) == 1 and key[0] in given_names()
        ranks = roles - {"doctor", "professor"}  # offices, not degrees
        cands = [
            f for f in self.forms.values()
            if f.kind == "person" and shorter_form(key, f.words, given=given and f.first < pos)
            and (gender is None or f.gender in (None, gender))
            and not (ranks and f.roles and not ranks & f.roles)  # "President Biden" ≠ Jill Biden
        ]  # fmt: skip
        if cands:
            best = max(cands, key=lambda f: (len(low_titles & f.titles) + len(roles & f.roles),
                                             f.count, -f.first))  # fmt: skip
            return self.fullest(best).written
        form = self.forms.get(key)
        return self.fullest(form).written if form and form.kind == "person" else " ".join(name)

    def organisation(self, words: list[str]) -> str:
        """An organisation by its fullest name in the document ("Assembly" → "General
        Assembly", the most frequent when several end with that word)."""
        key = tuple(w.lower() for w in words)
        if len(key) == 1 and key[0] not in _NOT_EXPANDED:
            longer = [f for f in self.forms.values()
                      if f.kind == "org" and len(f.words) > 1 and f.words[-1] == key[0]]  # fmt: skip
            if longer:
                return max(longer, key=lambda f: (f.count, -f.first)).written
        return " ".join(words)

    def canonical(self, speaker: str | None, pos: int) -> str | None:
        """The canonical form of a speaker as resolved at ``pos`` (see the module docstring);
        None for a label naming nobody ("Q")."""
        if speaker is None:
            return None
        words = speaker.split()
        if not words:
            return None
        words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]  # "the Secretary-General’s call"
        if _is_caps_label(speaker):
            kind, written, role = read_label(speaker)
            if kind == "nobody":
                return None
            if kind == "role":
                return self.holder(role) or written
            words = (written or speaker).split()
        if words[0].lower() in _DETERMINERS:
            rest = words[1:]
            if not rest or not all(w[:1].isupper() or w.lower() in {"of", "for", "and", "the"}
                                   for w in rest):  # fmt: skip
                return " ".join([words[0].lower(), *rest])  # "the letter", "the minister"
            if all(is_title_word(w) for w in rest) and roles_in(rest):  # "The Secretary-General"
                return self.holder(_first_role(rest)) or " ".join([words[0].lower(), *rest])
            words = rest  # "The White House", "This Assembly"
        kind = "org" if any(_low(w) in _ORG_WORDS for w in words) else "person"
        if kind == "org" or (len(words) == 1 and words[0].isupper() and len(words[0]) <= 6):
            return self.organisation(words)
        titles, name = split_name(words)
        if not name:  # "Chair", "Vice President": the holder of the role
            return self.holder(_first_role(titles)) or " ".join(words)
        low = [_low(w) for w in words]
        if " ".join(_low(w) for w in name) in place_names() or (
            not titles and low[0] not in given_names() and {"of", "for", "and"} & set(low)
        ):
            return " ".join(words)  # "Georgia", "Centers for Disease Control and Prevention"
        return self.person(name, titles, pos)


def _compound_role(words: list[str]) -> str | None:
    """The first (sorted) compound role the ``words`` name ("vice president"), else None."""
    return min((r for r in roles_in(words) if " " in r or "-" in r), default=None)


def _first_role(words: list[str]) -> str | None:
    return _compound_role(words) or min(roles_in(words), default=None)


def _is_caps_label(speaker: str) -> bool:
    """A speaker label in capitals ("THE PRESIDENT", "MS. PSAKI", "Q"), not an acronym."""
    letters = [ch for ch in speaker if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters):
        return False
    return speaker.strip() == "Q" or (len(speaker.split()) > 1 or speaker.lower() in _LABEL_ROLES)


_LABEL_ROLES = {"potus", "flotus", "vpotus"}


class _Resolver:
    """Antecedents of pronouns and roles, looked for among the mentions before an offset,
    leaving out those inside quotations (the speaker's own words), and the names of the
    document (``_Names``: its mentions and those of its ``title``)."""

    def __init__(self, text: str, quoted: list[tuple[int, int]], title: str | None) -> None:
        self.text = text
        inside = _Inside(quoted)
        mentions = _mentions(text)
        heading = [Mention(-1, m.name, m.kind, m.gender, m.roles, titles=m.titles)
                   for m in _mentions(_title_words(title))] if title else []  # fmt: skip
        self.names = _Names(heading + mentions)
        self.mentions = [m for m in mentions if not inside(m.start)]
        self.starts = [m.start for m in self.mentions]
        self.labels = []
        for m in _LABEL.finditer(text):
            label = m.group("label") or m.group("q")
            if m.group("q") or is_speaker_label(label):
                self.labels.append((m.start(), label))
        self.label_starts = [s for s, _ in self.labels]

    def add_source(self, start: int, source: str, speaker: str) -> None:
        """Record a named source as a salient mention (its speaker used as antecedent)."""
        k = bisect.bisect_left(self.starts, start)
        if k < len(self.mentions) and self.mentions[k].start == start:
            mention = self.mentions[k]
            mention.speaker, mention.salient = speaker, True
            mention.roles |= _roles_in(source)  # "Kerr Putney, the police chief"
            if not mention.kind:
                mention.kind = "person"
            return
        head = source_head(source).split()
        if head:
            kind, gender, roles, _, titles = _describe(head, given_names())
        else:
            kind, gender, roles, titles = "", None, set(), []
        roles |= _roles_in(source)
        kind = kind or ("org" if head and head[0].lower() == "the" else "person")  # The Post
        mention = Mention(start, speaker, kind, gender, roles, speaker, True,
                          {_low(t) for t in titles})  # fmt: skip
        self.mentions.insert(k, mention)
        self.starts.insert(k, start)

    def before(self, pos: int, accept, *, within: int | None = None) -> str | None:
        """Speaker of the nearest salient mention before ``pos`` that ``accept`` takes (a
        subject or a source), else of the nearest one at all; ``within``: characters back."""
        k = bisect.bisect_left(self.starts, pos)
        fallback = None
        for mention in reversed(self.mentions[max(0, k - _LOOK_BACK) : k]):
            if within is not None and mention.start < pos - within:
                break
            if accept(mention):
                if mention.salient:
                    return mention.speaker or mention.name
                fallback = fallback or mention.speaker or mention.name
        return fallback

    def label_before(self, pos: int) -> str | None:
        k = bisect.bisect_left(self.label_starts, pos)
        return self.labels[k - 1][1] if k else None

    def label_after(self, pos: int) -> str | None:
        """The first label after ``pos`` that names someone (not "Q"): who answers."""
        k = bisect.bisect_right(self.label_starts, pos)
        for _, label in self.labels[k : k + 4]:
            if read_label(label)[0] != "nobody" or not _is_caps_label(label):
                return label
        return None


_TITLE_CASE_STOPS = re.compile(
    r"\b(?:On|At|In|To|Before|After|During|Upon|With|For|Regarding|About|Ahead|Following|And|"
    r"From|As|Into|Over|Via|Amid|[A-Z][a-z]+ing)\b"
)


def _title_words(title: str) -> str:
    """A title with its Title Case function words in lower case, so that names end where
    they do ("Remarks by President Biden Before Marine One Departure")."""
    title = re.sub(r"[\u00a0\u2060\u200b]", " ", title)
    return _TITLE_CASE_STOPS.sub(lambda m: m.group().lower(), title)


class _Inside:
    """Is an offset inside one of the given spans? (sorted spans, binary search)"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def __call__(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos)
        return any(a <= pos < b for a, b in self.spans[max(0, k - 8) : k])


def _proper_name(text: str, source: str) -> bool:
    """A source that names someone: capitalised words only ("Senate leaders" and a
    sentence-initial "Proponents" are common nouns, found in lower case in the text too)."""
    words = [
        w for w in source_head(source).split() if w.lower() not in {"of", "the", "for", "and", "de"}
    ]
    if not words or not all(w[:1].isupper() for w in words):
        return False
    if len(words) > 1:
        return True
    word = words[0]
    if word.endswith(".") or len(word) < 3 or (word.isupper() and len(word) > 6):
        return False  # "Md.", a dateline "CHARLOTTE"
    return f" {word.lower()} " not in text


def source_head(source: str) -> str:
    """A source without its apposition, party or relative clause ("Kerr Putney, the police
    chief" → "Kerr Putney", "Rep. Stephen Lynch (D-Mass.)" → "Rep. Stephen Lynch")."""
    head = _APPOSITION.split(source, maxsplit=1)[0].strip()
    return head or source


def _named_head(source: str) -> str:
    """``source_head``, or when that is a title naming no one the apposition that names the person
    ("Chair, Senate Budget Committee, Rhode Island Senator Sheldon Whitehouse" → "Rhode
    Island Senator Sheldon Whitehouse")."""
    head = source_head(source)
    words = head.split()
    if not words or not all(is_title_word(w) or w.lower() in {"the", "of"} for w in words):
        return head
    for part in reversed(_APPOSITIONS.split(source)[1:]):
        part_words = part.strip().split()
        if (
            part_words
            and all(w[:1].isupper() or w.lower() in {"of", "the", "for"} for w in part_words)
            and not any(_low(w) in _ORG_WORDS for w in part_words)
            and split_name(part_words)[1]
        ):
            return part.strip()
    return head


def _roles_in(source: str) -> set[str]:
    """Roles named by the words of a source ("Kerr Putney, the police chief" → chief)."""
    return roles_in(re.findall(r"[a-z-]+", source.lower()))


def _role_of(source: str) -> str | None:
    """The role a bare role source names ("the minister" → minister, "the ministry" →
    ``org:ministry``), else None."""
    m = _ROLE_SOURCE.fullmatch(source.strip())
    if m is None:
        return None
    head = m.group("role").lower()
    if head in _ORG_WORDS:
        return f"org:{head}"
    # "the Vice President": not the President
    return _compound_role(source.split()[1:]) or ROLES.get(head) or None


def resolve_speakers(
    text: str,
    rows: list[tuple],
    *,
    quoted: list[tuple[int, int]] | None = None,
    speaker: str | None = None,
    title: str | None = None,
) -> list[str | None]:
    """One speaker per row of ``rows`` (``(source_start, source_end, start, end)``) of the
    document ``text``; ``quoted``: spans of the direct quotations (no antecedent is taken
    from inside them; default: the spans of ``rows``); ``speaker``: who "I" and "we" are when
    no quotation or label says otherwise (default: the person ``title`` names as speaking,
    ``helpers.framing_names.speaker_in_title``); ``title``: the document's title, whose
    names count as named first. See the module docstring."""
    from helpers.framing_names import speaker_in_title

    quoted = [(r[2], r[3]) for r in rows] if quoted is None else quoted
    speakers: list[str | None] = [None] * len(rows)
    order = sorted((r[0], k) for k, r in enumerate(rows) if r[0] is not None)
    if not order:
        return speakers
    resolver = _Resolver(text, quoted, title)
    own = speaker or (speaker_in_title(title) if title else None)
    first_person, second_person = [], []
    for s, k in order:
        source = text[s : rows[k][1]]
        low = source.lower()
        pronoun = _PRONOUNS.get(low)
        if low in _NOBODY:
            continue
        role = None if pronoun else _role_of(source)
        if pronoun is None and role is None:
            speakers[k] = _named_head(source)  # "Kerr Putney, the police chief": Kerr Putney
            if _proper_name(text, source):
                resolver.add_source(s, source, speakers[k])
            continue
        if pronoun == "self":
            first_person.append(k)
        elif pronoun == "you":
            second_person.append(k)
        elif pronoun == "plural":
            speakers[k] = resolver.before(s, lambda m: m.kind == "org", within=_PLURAL_BACK)
        elif pronoun:
            speakers[k] = resolver.before(
                s, lambda m, g=pronoun: m.kind == "person" and m.gender in (None, g)
            )
        elif role.startswith("org:"):
            speakers[k] = resolver.before(
                s, lambda m, w=role[4:]: m.kind == "org" and w in m.name.lower().split()
            )
        else:
            speakers[k] = resolver.before(s, lambda m, r=role: m.kind == "person" and r in m.roles)
        if role is not None:
            speakers[k] = speakers[k] or source  # "the minister" named nowhere: as written
    names = resolver.names
    for k, r in enumerate(rows):
        if r[0] is not None:
            speakers[k] = names.canonical(speakers[k], r[0])
    own = names.canonical(own, len(text)) if own else None
    for k in second_person:  # "Q … as you said, “…”": the person the question is put to
        s = rows[k][0]
        label = resolver.label_before(s)
        if label is not None and read_label(label)[0] == "nobody" and _is_caps_label(label):
            speakers[k] = names.canonical(resolver.label_after(s), s)
    if first_person:
        _first_person(rows, speakers, first_person, resolver, own, quoted)
    return speakers


def _first_person(
    rows: list[tuple],
    speakers: list,
    todo: list[int],
    resolver: _Resolver,
    own: str | None,
    quoted: list[tuple[int, int]],
) -> None:
    """ "I" / "we": the speaker of the quotation the source stands in (outer quotations
    first; nobody when that quotation has no known speaker), else the speaker of the label
    in effect, else the document's own speaker ``own``, else the previous row's speaker."""
    spans = sorted((r[2], r[3], k) for k, r in enumerate(rows) if r[0] is not None)
    span_starts = [a for a, _, _ in spans]
    inside_quote = _Inside(quoted)
    named = sorted((rows[k][0], k) for k in range(len(rows)) if speakers[k] is not None)
    for k in sorted(todo, key=lambda k: rows[k][2] - rows[k][3]):  # the widest first
        s = rows[k][0]
        j = bisect.bisect_right(span_starts, s)
        inside = [kk for a, b, kk in spans[max(0, j - 20) : j]
                  if a <= s < b and kk != k and speakers[kk] is not None]  # fmt: skip
        if inside:
            speakers[k] = speakers[inside[-1]]
            continue
        if inside_quote(s) and not (rows[k][2] <= s < rows[k][3]):
            continue  # the words of a quotation whose speaker is unknown
        label = resolver.label_before(s)
        if label is not None:
            speakers[k] = resolver.names.canonical(label, s)
            continue
        if own is not None:
            speakers[k] = own
            continue
        p = bisect.bisect_left(named, (s, -1))
        speakers[k] = speakers[named[p - 1][1]] if p else None
