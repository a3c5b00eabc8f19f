"""Who speaks: the ``speaker`` of a quotation or an attribution, its ``source`` resolved.

``resolve_speakers(text, rows)`` takes, in any order, the rows of one document as
``(source_start, source_end, start, end)`` (source offsets None when there is no source;
``start, end`` the quotation or content) and returns one speaker per row:

- a name ("Pope Francis", "the Ministry of Foreign Affairs") is its own speaker, without
  its apposition or party ("Kerr Putney, the police chief" → "Kerr Putney");
- "he" / "she" is the nearest earlier named person of a compatible gender (known from a
  title such as "Mr." / "Mrs." / "Congresswoman", or a given name in
  ``data/lexicons/given_names.csv``); "they" the nearest earlier organisation;
- "I" / "we" is the speaker of the quotation the source stands in, else the speaker label in
  effect (a line opening "THE PRESIDENT:", "MS. PSAKI:"), else the previous row's speaker;
- a bare role ("the minister", "the spokesperson", "the ministry") is the nearest earlier
  named person holding that role ("Foreign Minister Jeyhun Bayramov") or organisation
  named by that word;
- anything unresolved keeps the source as written; no source, no speaker.

Named persons and organisations are capitalised word sequences with a title, a known given
name, an organisation word or an acronym (one regex pass over the text, run only when a
pronoun or a role needs it); a bare surname is the person named in full before it.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass, field
from functools import cache

from helpers.paths import LEXICONS

GIVEN_NAMES_FILE = LEXICONS / "given_names.csv"
_LOOK_BACK = 300  # mentions scanned back for an antecedent (keeps long documents linear)

_PRONOUNS = {"he": "m", "she": "f", "they": "plural", "it": "plural", "i": "self", "we": "self"}
_MALE_TITLES = {
    "mr", "sir", "king", "prince", "lord", "congressman", "spokesman", "chairman",
    "businessman", "sheikh", "emir", "sultan", "pope", "father", "brother", "duke",
}  # fmt: skip
_FEMALE_TITLES = {
    "mrs", "ms", "miss", "madam", "madame", "queen", "princess", "lady", "dame",
    "congresswoman", "spokeswoman", "chairwoman", "businesswoman", "sister", "duchess",
}  # fmt: skip
# role words (lower case) mapped to the role they name; titles of persons
_ROLES = {
    "president": "president", "minister": "minister", "premier": "minister",
    "spokesperson": "spokesperson", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "secretary": "secretary", "senator": "senator", "sen": "senator",
    "governor": "governor", "gov": "governor", "mayor": "mayor", "ambassador": "ambassador",
    "envoy": "ambassador", "representative": "representative", "rep": "representative",
    "congressman": "representative", "congresswoman": "representative", "chairman": "chair",
    "chairwoman": "chair", "chair": "chair", "chancellor": "chancellor", "pope": "pope",
    "king": "king", "queen": "queen", "general": "general", "gen": "general", "judge": "judge",
    "justice": "judge", "director": "director", "commissioner": "commissioner",
    "speaker": "speaker", "leader": "leader", "candidate": "candidate", "nominee": "candidate",
    "prosecutor": "prosecutor", "attorney": "attorney", "professor": "professor",
    "prof": "professor", "dr": "doctor", "doctor": "doctor", "sheriff": "sheriff",
    "chief": "chief", "commander": "commander", "admiral": "admiral", "adm": "admiral",
    "colonel": "colonel", "col": "colonel", "diplomat": "ambassador", "deputy": "deputy",
    "mr": None, "mrs": None, "ms": None, "miss": None, "sir": None, "lady": None, "dame": None,
    "lord": None, "prince": "prince", "princess": "princess", "sheikh": None, "emir": "emir",
    "sultan": "sultan", "vice": None, "prime": None, "foreign": None, "first": None,
    "former": None, "acting": None, "lt": None, "press": None, "state": None, "defense": None,
    "defence": None, "interior": None, "finance": None, "supreme": None, "white": None,
    "house": None, "senior": None, "deputy-director": "director",
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
_ROLE_SOURCE = re.compile(  # a bare role as source: "the minister", "The foreign ministry"
    r"(?i)(?:the|this|that)\s+(?:[a-z-]+\s+){0,2}?(?P<role>[a-z-]+)"
)
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
_LABEL = re.compile(  # a speaker label opening a line: "THE PRESIDENT:", "MS. PSAKI:", "Q:"
    r"(?m)^[ \t*_]*(?P<label>(?:[A-Z][A-Za-z.’'-]*[ \t]+){0,4}[A-Z][A-Za-z.’'-]*)[ \t*_]*:[ \t]"
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


@cache
def given_names() -> dict[str, str | None]:
    """Given names (lower case) and their usual gender, ``m``, ``f`` or None (either), from
    ``data/lexicons/given_names.csv`` (columns ``name, gender, note``)."""
    with open(GIVEN_NAMES_FILE, encoding="utf-8", newline="") as f:
        return {r["name"].strip().lower(): (r["gender"].strip() or None) for r in csv.DictReader(f)}


@dataclass
class Mention:
    """A named person or organisation at ``start``: its ``name`` (titles dropped for a
    person), ``kind`` (person / org), ``gender`` (m / f / None), ``roles``, when it is the
    source of a row that row's speaker, and whether it is ``salient`` (a subject, a source)."""

    start: int
    name: str
    kind: str
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    speaker: str | None = None
    salient: bool = False


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
    return any(w in _ROLES or w in names or w in {"moderator", "participant", "reporter"}
               for w in words)  # fmt: skip


_SKIPPED = _FUNCTION - {"mr", "mrs", "ms", "dr"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "sir", "lady", "dame", "lord", "sheikh", "dr", "prof"}
_POSSESSIVE = re.compile(r"[’']s?$")
_VERB_AFTER = re.compile(  # a verb after a mention: it is the subject of its clause
    r"(?:\s*\([^()]{1,40}\))?(?:,[^,.;:]{1,100},)?\s+(?:[a-z]+ly\s+)?(?:has|had|have|was|is|were|"
    r"are|will|would|could|can|did|does|do|says|said|told|[a-z]+ed|[a-z]{3,}s)\b"
)
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?][\"”’)]*\s+|\n\s*|[:;]\s+)$")


def _describe(words: list[str], names: dict[str, str | None]) -> tuple[str, str | None, set, int]:
    """Kind, gender, roles of the capitalised ``words`` of a mention, and the index where the
    name proper begins (after the titles: "Foreign Minister", "Mrs.", "Sen.")."""
    low = [w.rstrip(".").lower() for w in words]
    gender, roles, first = None, set(), 0
    for k, w in enumerate(low[:-1]):  # a modifier ("Foreign", "Vice") is a title before a role
        if w in _HONORIFICS or _ROLES.get(w) or w in _MALE_TITLES or w in _FEMALE_TITLES:
            first = k + 1
    for w in low[:first]:
        if _ROLES.get(w):
            roles.add(_ROLES[w])
        gender = "m" if w in _MALE_TITLES else "f" if w in _FEMALE_TITLES else gender
    org = any(w in _ORG_WORDS for w in low) or (
        len(words) == 1 and 2 <= len(words[0]) <= 6 and words[0].isupper()
    )
    if org:
        return "org", None, roles, 0
    rest = low[first:]
    if not rest or any(w in _ROLES for w in rest):
        return "", None, roles, first  # "Mr. President", "Vice President": a title, no name
    if gender is None and rest[0] in names and len(rest) >= 2:
        gender = names[rest[0]]
    if gender is None and rest[0] in names and len(rest) == 1:
        gender = names[rest[0]]  # "Melanie said": a given name alone
    person = first > 0 or rest[0] in names
    return ("person" if person else ""), gender, roles, first


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
        kind, gender, roles, first = _describe(words, names)
        name = " ".join(words[first:]) if kind == "person" else " ".join(words)
        if not kind:
            known = surnames.get(words[-1])
            if known is None or len(words) - first > 1:
                continue
            kind, gender, name = "person", gender or known.gender, known.name
            roles |= known.roles
        start = m.start() + m.group().index(words[0])
        salient = not possessive and (
            _SENTENCE_OPENS.search(text, max(0, start - 4), start) is not None
            or _VERB_AFTER.match(text, m.end()) is not None
        )
        mention = Mention(start, name, kind, gender, roles, salient=salient)
        if kind == "person":
            surnames[words[-1]] = mention
        out.append(mention)
    return out


class _Resolver:
    """Antecedents of pronouns and roles, looked for among the mentions before an offset,
    leaving out those inside quotations (the speaker's own words)."""

    def __init__(self, text: str, quoted: list[tuple[int, int]]) -> None:
        self.text = text
        inside = _Inside(quoted)
        self.mentions = [m for m in _mentions(text) if not inside(m.start)]
        self.starts = [m.start for m in self.mentions]
        self.labels = [(m.start(), m.group("label")) for m in _LABEL.finditer(text)
                       if is_speaker_label(m.group("label"))]  # fmt: skip
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
        head = _head(source).split()
        kind, gender, roles, _ = _describe(head, given_names()) if head else ("", None, set(), 0)
        roles |= _roles_in(source)
        kind = kind or ("org" if head and head[0].lower() == "the" else "person")  # The Post
        mention = Mention(start, speaker, kind, gender, roles, speaker, True)
        self.mentions.insert(k, mention)
        self.starts.insert(k, start)

    def before(self, pos: int, accept) -> str | None:
        """Speaker of the nearest salient mention before ``pos`` that ``accept`` takes (a
        subject or a source), else of the nearest one at all."""
        k = bisect.bisect_left(self.starts, pos)
        fallback = None
        for mention in reversed(self.mentions[max(0, k - _LOOK_BACK) : k]):
            if accept(mention):
                if mention.salient:
                    return mention.speaker or mention.name
                fallback = fallback or mention.speaker or mention.name
        return fallback

    def label_before(self, pos: int) -> str | None:
        k = bisect.bisect_left(self.label_starts, pos)
        return self.labels[k - 1][1] if k else None


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
    words = [w for w in _head(source).split() if w.lower() not in {"of", "the", "for", "and", "de"}]
    if not words or not all(w[:1].isupper() for w in words):
        return False
    if len(words) > 1:
        return True
    word = words[0]
    if word.endswith(".") or len(word) < 3 or (word.isupper() and len(word) > 6):
        return False  # "Md.", a dateline "CHARLOTTE"
    return f" {word.lower()} " not in text


def _head(source: str) -> str:
    """A source without its apposition, party or relative clause ("Kerr Putney, the police
    chief" → "Kerr Putney", "Rep. Stephen Lynch (D-Mass.)" → "Rep. Stephen Lynch")."""
    head = _APPOSITION.split(source, maxsplit=1)[0].strip()
    return head or source


def _roles_in(source: str) -> set[str]:
    """Roles named by the words of a source ("Kerr Putney, the police chief" → chief)."""
    return {r for w in re.findall(r"[a-z]+", source.lower()) if (r := _ROLES.get(w))}


def _role_of(source: str) -> str | None:
    """The role a bare role source names ("the minister" → minister, "the ministry" →
    ``org:ministry``), else None."""
    m = _ROLE_SOURCE.fullmatch(source.strip())
    if m is None:
        return None
    head = m.group("role").lower()
    if head in _ORG_WORDS:
        return f"org:{head}"
    return _ROLES.get(head) or None


def resolve_speakers(
    text: str, rows: list[tuple], *, quoted: list[tuple[int, int]] | None = None
) -> list[str | None]:
    """One speaker per row of ``rows`` (``(source_start, source_end, start, end)``) of the
    document ``text``; ``quoted``: spans of the direct quotations (no antecedent is taken
    from inside them; default: the spans of ``rows``). See the module docstring."""
    quoted = [(r[2], r[3]) for r in rows] if quoted is None else quoted
    speakers: list[str | None] = [None] * len(rows)
    order = sorted((r[0], k) for k, r in enumerate(rows) if r[0] is not None)
    resolver: _Resolver | None = None
    first_person = []
    for s, k in order:
        source = text[s : rows[k][1]]
        pronoun = _PRONOUNS.get(source.lower())
        role = None if pronoun else _role_of(source)
        if pronoun is None and role is None:
            speakers[k] = _head(source)  # "Kerr Putney, the police chief": Kerr Putney
            if _proper_name(text, source):
                resolver = resolver or _Resolver(text, quoted)
                resolver.add_source(s, source, speakers[k])
            continue
        resolver = resolver or _Resolver(text, quoted)
        if pronoun == "self":
            first_person.append(k)
        elif pronoun == "plural":
            speakers[k] = resolver.before(s, lambda m: m.kind == "org")
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
        speakers[k] = speakers[k] or source
    if first_person and resolver is not None:
        _first_person(text, rows, speakers, first_person, resolver)
    return speakers


def _first_person(
    text: str, rows: list[tuple], speakers: list, todo: list[int], resolver: _Resolver
) -> None:
    """ "I" / "we": the speaker of the quotation the source stands in (outer quotations
    first), else the speaker label in effect, else the previous row's speaker."""
    spans = sorted((r[2], r[3], k) for k, r in enumerate(rows) if r[0] is not None)
    span_starts = [a for a, _, _ in spans]
    named = sorted((rows[k][0], k) for k in range(len(rows)) if speakers[k] is not None)
    for k in sorted(todo, key=lambda k: rows[k][2] - rows[k][3]):  # the widest first
        s = rows[k][0]
        j = bisect.bisect_right(span_starts, s)
        inside = [kk for a, b, kk in spans[max(0, j - 20) : j]
                  if a <= s < b and kk != k and speakers[kk] is not None]  # fmt: skip
        speaker = speakers[inside[-1]] if inside else resolver.label_before(s)
        if speaker is None:
            p = bisect.bisect_left(named, (s, -1))
            speaker = speakers[named[p - 1][1]] if p else None
        speakers[k] = speaker or text[s : rows[k][1]]
