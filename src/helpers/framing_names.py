"""Names of speakers: titles told from names, transcript labels read, the document's own
speaker taken from its metadata, and the forms of one name matched.

- ``split_name(words)`` parts a person's mention into its titles and its name proper
  ("Secretary of Energy Jennifer M. Granholm" → "Jennifer M. Granholm", "California Governor
  Gavin Newsom" → "Gavin Newsom", "Kishida of Japan" → "Kishida"); "Pope Francis" keeps its
  title (a one-word name after a title of rank is the name it is known by).
- ``roles_in(words)`` gives the roles its title words name, compounds first ("Vice
  President" is a vice president, not a president).
- ``read_label(label)`` reads a transcript label in capitals ("MS. PSAKI", "THE VICE
  PRESIDENT", "Q") as a name in Title Case, a role, or nobody.
- ``document_speaker(meta)`` is who "I" and "we" are in a document when no quotation or label
  says otherwise: its ``country`` (or ``iso3`` as an English country name), its ``author``,
  or the person its title names ("Remarks by President Biden …", "Statement from …").
- ``shorter_form(short, full)`` tells whether a shorter form names the person of a fuller one
  ("Biden" / "Joe Biden", "Jennifer Granholm" / "Jennifer M. Granholm", "Jill" / "Jill Biden").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from functools import cache

from helpers.paths import LEXICONS

GIVEN_NAMES_FILE = LEXICONS / "given_names.csv"

# title words (lower case) mapped to the role they name; None: a title naming no role
ROLES = {
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
    "secretary-general": "secretary-general", "advisor": "advisor", "adviser": "advisor",
    "administrator": "administrator", "coordinator": "coordinator", "counsel": "counsel",
    "official": "official", "officer": "officer", "member": "member", "whip": "whip",
    "mr": None, "mrs": None, "ms": None, "miss": None, "sir": None, "lady": None, "dame": None,
    "lord": None, "prince": "prince", "princess": "princess", "sheikh": None, "emir": "emir",
    "sultan": "sultan", "vice": None, "prime": None, "foreign": None, "first": None,
    "former": None, "acting": None, "lt": None, "press": None, "state": None, "defense": None,
    "defence": None, "interior": None, "finance": None, "supreme": None, "white": None,
    "house": None, "senior": None, "deputy-director": "director", "ranking": None,
    "majority": None, "minority": None, "staff": None, "under": None, "assistant": None,
    "national": None, "un": None, "principal": None, "special": None, "executive": None, "u.s.": None,
    "us": None, "federal": None, "elect": None, "president-elect": "president",
    "vice-president": "vice president", "gentleman": None, "father": None, "sister": None,
    "brother": None, "rev": None, "reverend": None, "st": None, "saint": None,
    "moderator": "moderator",
}  # fmt: skip
COMPOUND_ROLES = {  # two title words naming one role
    ("vice", "president"): "vice president", ("prime", "minister"): "prime minister",
    ("first", "lady"): "first lady", ("first", "gentleman"): "first gentleman",
    ("second", "gentleman"): "second gentleman", ("press", "secretary"): "press secretary",
    ("attorney", "general"): "attorney general", ("secretary", "general"): "secretary-general",
    ("surgeon", "general"): "surgeon general", ("ranking", "member"): "ranking member",
    ("majority", "leader"): "majority leader", ("minority", "leader"): "minority leader",
    ("foreign", "minister"): "foreign minister",
}  # fmt: skip
HONORIFICS = {"mr", "mrs", "ms", "miss", "sir", "lady", "dame", "lord", "sheikh", "dr", "prof"}
MALE_TITLES = {
    "mr", "sir", "king", "prince", "lord", "congressman", "spokesman", "chairman",
    "businessman", "sheikh", "emir", "sultan", "pope", "father", "brother", "duke",
    "gentleman",
}  # fmt: skip
FEMALE_TITLES = {
    "mrs", "ms", "miss", "madam", "madame", "queen", "princess", "lady", "dame",
    "congresswoman", "spokeswoman", "chairwoman", "businesswoman", "sister", "duchess",
}  # fmt: skip
_OF_PHRASE_WORDS = {  # words of "Secretary of Homeland Security", "Minister for Foreign Affairs"
    "energy", "commerce", "interior", "transportation", "treasury", "labor", "labour",
    "agriculture", "education", "health", "human", "services", "homeland", "security",
    "veterans", "affairs", "housing", "urban", "development", "justice", "defense", "defence",
    "state", "foreign", "staff", "the", "and", "of", "for", "policy", "economic", "trade",
    "finance", "environment", "culture", "information", "communications", "science",
    "technology", "management", "budget", "office", "department", "ministry", "national",
    "international", "public", "legislative", "intergovernmental", "cabinet", "climate",
    "domestic", "council", "administration", "navy", "army", "air", "force", "forces",
    "operations", "intelligence", "immigration", "citizenship", "home", "internal",
    "planning", "investment", "industry", "resources", "natural", "water", "european",
    "union", "integration", "relations", "cooperation", "coordination",
}  # fmt: skip
# a one-word name after these titles is the name the person is known by ("Pope Francis")
RANK_TITLES = {
    "pope", "king", "queen", "prince", "princess", "sheikh", "emir", "sultan", "saint", "st",
    "father", "sister", "brother", "lord", "lady", "dame", "sir", "duke", "duchess",
}  # fmt: skip
_NAME_PARTICLES = {"de", "da", "del", "van", "von", "der", "bin", "al", "la", "le", "du", "ibn"}
_CONNECTORS = {"of", "for", "the", "and", "on", "to"}
_NOBODY_LABELS = {"q", "question", "questions", "reporter", "reporters", "audience member",
                  "audience", "participant", "participants", "crosstalk", "inaudible"}  # fmt: skip
_LABEL_ROLES = {"potus": "president", "flotus": "first lady", "vpotus": "vice president"}
_TITLE_SPEAKER = re.compile(  # "Remarks by President Biden at …", "Statement from …"
    r"^(?:[\w-]+\s+){0,3}?(?:Remarks|Statement|Statements|Letter|Message|Op-?Ed|Address|"
    r"Speech|Testimony|Interview|Video\s+Message|Press\s+Briefing|Press\s+Gaggle|Gaggle|"
    r"Briefing|Toast|Eulogy)(?:\s+as\s+Prepared(?:\s+for\s+Delivery)?)?\s+(?:by|from|of)\s+"
    r"(?P<who>(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:(?:of|for)\s+(?:the\s+)?)?[A-Z][\w.’'-]*)*)"
)
_TITLE_STOPS = {  # Title Case words that end a name in a title ("… Biden Before Marine One")
    "on", "at", "in", "to", "before", "after", "during", "upon", "with", "for", "regarding",
    "about", "ahead", "following", "and", "of", "from", "as", "into", "over", "via", "amid",
    "celebrating", "marking", "honoring", "honouring", "announcing", "commemorating",
    "applauding", "welcoming", "condemning", "urging", "calling", "recognizing",
}  # fmt: skip
_POSSESSIVE = re.compile(r"[’']s?$")
_INITIAL = re.compile(r"[A-Z]\.?$")
_SPACES = re.compile(r"[\s\u00a0\u2060\u200b]+")


@cache
def given_names() -> dict[str, str | None]:
    """Given names (lower case) and their usual gender, ``m``, ``f`` or None (either), from
    ``data/lexicons/given_names.csv`` (columns ``name, gender, note``)."""
    with open(GIVEN_NAMES_FILE, encoding="utf-8", newline="") as f:
        return {r["name"].strip().lower(): (r["gender"].strip() or None) for r in csv.DictReader(f)}


def _low(word: str) -> str:
    return word.rstrip(".,").lower()


def is_title_word(word: str) -> bool:
    """A word that is part of a title, not of a name ("Secretary", "Mrs.", "Vice")."""
    low = _low(word)
    return low in ROLES or low in MALE_TITLES or low in FEMALE_TITLES


def roles_in(words: Sequence[str]) -> set[str]:
    """The roles named by title words, a compound for two words that make one
    ("Vice President" → {"vice president"}, "Foreign Minister" → {"foreign minister",
    "minister"})."""
    low = [_low(w) for w in words]
    roles: set[str] = set()
    k = 0
    while k < len(low):
        pair = COMPOUND_ROLES.get(tuple(low[k : k + 2]))  # type: ignore[arg-type]
        if pair:
            roles.add(pair)
            if pair == "foreign minister":
                roles.add("minister")
            k += 2
            continue
        if ROLES.get(low[k]):
            roles.add(ROLES[low[k]])  # type: ignore[arg-type]
        k += 1
    return roles


def _title_at(low: list[str], k: int) -> bool:
    """Is ``low[k]`` a title here: a title proper ("Secretary", "Mrs"), or a modifier that
    precedes one ("Vice President", "Senior Press Secretary"; not "National Mall")?"""
    w = low[k]
    if ROLES.get(w) or w in HONORIFICS or w in MALE_TITLES or w in FEMALE_TITLES:
        return True
    return w in ROLES and k + 1 < len(low) and _title_at(low, k + 1)


def split_name(words: Sequence[str]) -> tuple[list[str], list[str]]:
    """The title words and the name proper of a person's mention (both lists of the given
    words): titles run to the last title word, with an "of" phrase after a title
    ("Secretary of Homeland Security Alejandro Mayorkas"); the name stops before "of"
    ("Kishida of Japan"). No name (only titles): ``(words, [])``."""
    words = list(words)
    low = [_low(w) for w in words]
    n = len(words)
    cut = 0
    k = 0
    while k < n:
        if k < n - 1 and _title_at(low, k):
            cut = k + 1
            if low[k + 1] in {"of", "for"} and k + 2 < n:  # "Secretary of Energy Jennifer"
                cut = _of_phrase_end(words, low, k + 1)
                k = cut
                continue
        k += 1
    if n and is_title_word(words[-1]) and cut < n and all(is_title_word(w) for w in words[cut:]):
        return words, []  # "Vice President", "Ranking Member": a title alone
    name = words[cut:]
    for j, w in enumerate(name):
        if j and _low(w) in {"of", "for", "on", "to"}:
            name = name[:j]  # "Kishida of Japan"
            break
    while name and _low(name[0]) in _CONNECTORS:
        name = name[1:]
    if not name:
        return words, []
    titles = words[:cut]
    if len(name) == 1 and titles and _low(titles[-1]) in RANK_TITLES:
        return titles[:-1], [titles[-1], *name]  # "Pope Francis", "King Charles"
    return titles, name


def _of_phrase_end(words: list[str], low: list[str], k: int) -> int:
    """Index where the name begins after the "of" phrase starting at ``k`` ("of Energy
    Jennifer M. Granholm" → Jennifer): the first known given name, else the first word that
    is not a ministry word, but leaving at most two words of name (initials aside)."""
    n = len(words)
    names = given_names()
    for j in range(k + 1, n - 1):
        if low[j] in names and words[j][:1].isupper():
            return j
    j = k + 1
    while j < n - 1 and (low[j] in _OF_PHRASE_WORDS or is_title_word(words[j])):
        j += 1
    proper = [i for i in range(j, n) if not _INITIAL.match(words[i])]
    if len(proper) > 2:
        j = proper[-2]
        while j > k + 1 and _INITIAL.match(words[j - 1]):
            j -= 1
    return j


def source_role(source: str) -> str:
    """The role the titles of a written source name ("President Biden" → "president", "First
    Lady Jill Biden" → "first lady", "THE PRESIDENT" → "president"), "" when none."""
    head = re.split(r"\s*[,(]", source, maxsplit=1)[0].split()
    if head and _low(head[0]) in {"the", "a", "an"}:
        head = head[1:]
    titles, name = split_name(head)
    roles = roles_in(titles if name else head)
    compound = sorted(r for r in roles if " " in r or "-" in r)
    return (compound or sorted(roles) or [""])[0]


def title_case(word: str) -> str:
    """A word in capitals in Title Case ("PSAKI" → "Psaki", "SHERWOOD-RANDALL" →
    "Sherwood-Randall", "O'NEILL" → "O'Neill", "MCCARTHY" → "McCarthy")."""
    out = re.sub(r"[A-Za-z]+", lambda m: m.group().capitalize(), word.lower())
    out = re.sub(r"\b(Mc)([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
    return re.sub(r"([OD][’'])([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)


def read_label(label: str) -> tuple[str, str | None, str | None]:
    """A transcript label read as ``("name", name in Title Case, None)`` ("MS. PSAKI" →
    "Psaki"), ``("role", label in Title Case, role)`` ("THE VICE PRESIDENT" → "The Vice
    President", vice president) or ``("nobody", None, None)`` ("Q", "AUDIENCE MEMBER")."""
    label = _SPACES.sub(" ", label.strip(" *_:"))
    low = label.lower().rstrip(".")
    if not label or low in _NOBODY_LABELS or low.startswith(("q ", "q.", "question")):
        return "nobody", None, None
    if low in _LABEL_ROLES:
        return "role", label, _LABEL_ROLES[low]
    words = label.split()
    if words and _low(words[0]) == "the":
        words = words[1:]
    roles = roles_in(words)
    titles, name = split_name(words)
    written = " ".join(title_case(w) if w.isupper() else w for w in label.split())
    if not name or all(is_title_word(w) or _low(w) in _OF_PHRASE_WORDS for w in name):
        return "role", written, (sorted(roles)[0] if roles else None)
    return "name", " ".join(title_case(w) if w.isupper() else w for w in name), None


def speaker_in_title(title: str) -> str | None:
    """The person a title names as speaking or writing ("Remarks by President Biden at …" →
    "President Biden", "Statement from President Joe Biden and First Lady Jill Biden on …" →
    "President Joe Biden"), else None (a readout, a fact sheet, a news headline)."""
    title = _SPACES.sub(" ", title).strip()
    m = _TITLE_SPEAKER.match(title)
    if m is None:
        return None
    kept = []
    for w in m.group("who").split():
        if kept and (_low(w) in _TITLE_STOPS or w.lower().endswith("ing")):
            break
        kept.append(w)
    if kept and kept[0].lower() == "the":
        kept = kept[1:]
    if kept:
        kept[-1] = _POSSESSIVE.sub("", kept[-1].rstrip(".,"))
    titles, name = split_name(kept)
    if not kept or (len(name) == 1 and not titles):
        return None  # "the Leaders of …": no one named
    return " ".join(kept)


@cache
def country_name(iso3: str) -> str:
    """English name of an ISO 3166-1 alpha-3 country code ("ARM" → "Armenia"), else the code."""
    from babel import Locale
    from babel.core import get_global

    aliases = get_global("territory_aliases").get(iso3.upper())
    if not aliases:
        return iso3
    return Locale("en").territories.get(aliases[0], iso3)


@cache
def place_names() -> frozenset[str]:
    """English names of countries and territories in lower case ("armenia", "united
    states"): a name that is a place is not a person."""
    from babel import Locale

    return frozenset(name.lower() for name in Locale("en").territories.values())


def document_speaker(meta: Mapping) -> str | None:
    """Who "I" and "we" are in a document when no quotation or label says otherwise.

    Args:
        meta: the document's metadata: ``country``, else ``iso3`` (as an English country
            name), else ``author``, else the person its ``title`` names as speaking
            (``speaker_in_title``).

    Returns:
        The speaker's name; None when none says.

    Example:
        >>> from helpers.framing import document_speaker
        >>> document_speaker({"iso3": "AZE"})
        'Azerbaijan'
        >>> document_speaker({"title": "Remarks by President Biden on Ukraine"})
        'President Biden'
        >>> document_speaker({}) is None
        True
    """

    def value(key: str) -> str | None:
        v = meta.get(key)
        return v.strip() if isinstance(v, str) and v.strip() else None

    if country := value("country"):
        return country
    if iso3 := value("iso3"):
        return country_name(iso3)
    if author := value("author"):
        return author
    title = value("title")
    return speaker_in_title(title) if title else None


def _subsequence(short: Sequence[str], full: Sequence[str]) -> bool:
    it = iter(full)
    return all(any(w == f for f in it) for w in short)


def shorter_form(short: Sequence[str], full: Sequence[str], *, given: bool = False) -> bool:
    """True when the lower-case words ``short`` name, in fewer words, the person of ``full``:
    the same last word and the words in order ("biden" / "joe biden", "jennifer granholm" /
    "jennifer m. granholm"); with ``given`` also a given name alone ("jill" / "jill biden")."""
    if len(short) >= len(full) or not short:
        return False
    if len(short) == 1 and given and short[0] == full[0]:
        return True
    if short[-1] != full[-1]:
        return False
    return len(short) == 1 or (short[0] == full[0] and _subsequence(short, full))
