"""Is a bare four-digit number a year? Evidence from the words around it.

``year_reading(text, start, end, dct_year, is_year_before)`` decides for the number
``text[start:end]`` (1000–2100) from a fixed number of characters on each side, so tagging
stays linear in the text length:

- **not a year** whatever else holds: a document, bill, law or resolution number
  ("resolution 1325", "resolutions 1373 (2001) and 1390 (2002)", "the 1540 Committee", "No.
  1994", "Article 2020", "S/2012/522", "H.R. 2129", "S. 2122", "Section 2101", "50 U.S.C.
  1701", "Executive Order 1400", "Presidential Determination No. 2024-05", "Form 1040"), a count, quantity, money or percentage ("1540 people", "some 1540
  were cited", "$2000", "1275 Azerbaijanis", "2000 per cent"), a code ("CASA-1000");
- **a year** on strong evidence, at any distance from the publication: a temporal preposition
  ("in/since/by/until/from/during 1994", "no later than 1996", "up to 2030", "post-2015"),
  brackets ("resolution 836 (1993)"), a range ("1992–1994", "1992 to 1994"), a list with
  another year ("in 1995 and 1996"), a possessive ("1994's"), an era ("1918 AD");
- **a year if plausible** on weak evidence (a determiner, a name or a noun next to it: "the
  2015 agreement", "Agenda 2030", "1945 marked"): only within ``WEAK_BACK`` years before and
  ``WEAK_AHEAD`` years after the publication year (1800–2100 when it is unknown);
- nothing else: a number with no such context is not a year.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from helpers.timex_lexicon import QUANTITY_NOUNS

WEAK_BACK = 200  # years before publication a weakly evidenced year may lie
WEAK_AHEAD = 100  # years after publication
NO_DCT_RANGE = (1800, 2100)  # plausible weakly evidenced years without a publication date
BEFORE = 30  # characters looked at on each side of the number
AFTER = 30

_DOCUMENT_NOUN = re.compile(
    r"(?:\b(?:resolutions?|res\.|decisions?|articles?|art\.|arts\.|paragraphs?|paras?\.|"
    r"nos?\.|nr\.|numbers?|sections?|sec\.|chapters?|annex(?:es)?|rules?|pages?|pp?\.|"
    r"flights?|routes?|rooms?|models?|versions?|units?|codes?|titles?|parts?|orders?|bills?|"
    r"dockets?|volumes?|vol\.|issues?|items?|documents?|files?|ref\.|phone|fax|box|suite|"
    r"H\.R\.|(?<![.\w])S\.|ISO|ILO|U\.\s?S\.\s?C\.|USC|C\.\s?F\.\s?R\.|CFR|Stat\.|"
    r"Fed\.\s*Reg\.|Pub\.\s*L\.|P\.\s?L\.|E\.\s?O\.|EO|UNSCR|proclamations?|directives?|"
    r"dir\.|memorand(?:um|a)|determinations?|forms?|NSM|NSPM|PPD)|[#§=№])\s*$",
    re.I,
)
_DOCUMENT_AFTER = re.compile(
    r"^(?:\s*\(\s*(?:\d{4}|[IVXL]+|ES-\d+|S-\d+)\s*\)|\s+(?:Committee|sanctions\b)"
    r"|\s*/\s*(?:\d+/|\d{3}(?!\d)|\d{5,}))",
)
_COUNT_AFTER = re.compile(
    rf"^(?:\s*(?:%|‰|px)|\s+(?:{QUANTITY_NOUNS})\b|[.,]\d|:\d|\(\w\)|[\"']\s*\w+="
    rf"|\s+(?:to|and|or|-|–)\s+\d{{3,}}\s+(?:{QUANTITY_NOUNS})\b"
    r"|\s+(?:US|U\.S\.|USD|EUR|GBP|RUB|AZN|AMD)\b)",
    re.I,
)
_DEMONYM_AFTER = re.compile(r"^\s+[A-Z][a-z]+(?:ians|ans|is|ese|ers|ites)\b(?!['’])")
# one adjective between the number and a counted noun ("1000 new jobs"): not a year unless the
# evidence for one is strong ("in 2008 the people ..." keeps 2008)
_COUNT_AFTER_ADJECTIVE = re.compile(
    rf"^\s+(?!(?:the|a|an|this|that|its|their|our|his|her|we|they|it|and|or|of|in|on)\b)"
    rf"[a-z-]+\s+(?:{QUANTITY_NOUNS})\b",
    re.I,
)
_MONEY_BEFORE = re.compile(r"[$£€¥₹₽]\s*$|\b(?:USD|EUR|US\$|AZN|AMD)\s*$", re.I)
_PREFIX = re.compile(r"(?:^|[^\w-])(?:post|pre|mid|early|late)-$", re.I)
_QUANTITY_BEFORE = re.compile(
    r"\b(?:about|approximately|nearly|almost|some|roughly|at\s+least|at\s+most|more\s+than|"
    r"fewer\s+than|less\s+than|over|only|just|total\s+of|totall?ing|number\s+of|estimated|"
    r"around|exactly|a\s+further|an\s+additional|another|all|of\s+whom|including|plus|"
    r"minus|times)\s*$",
    re.I,
)
# a sentence-initial preposition keeps the year before a noun ("In 2008 troops crossed ...")
_OPENING = re.compile(
    r"(?:^|[.!?]\s+|\n\s*)(?:In|Since|By|Until|From|During|Before|After|Between|Throughout)\s*$"
)
_STRONG_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|til|from|through|thru|throughout|during|before|after|"
    r"between|circa|ca\.|c\.|as\s+of|as\s+early\s+as|as\s+late\s+as|as\s+long\s+ago\s+as|"
    r"as\s+far\s+back\s+as|(?:no|not)\s+later\s+than|later\s+than|earlier\s+than|sooner\s+than|"
    r"prior\s+to|up\s+to|up\s+until|starting|beginning|ending|the\s+year|years?|fiscal|"
    r"AD|A\.D\.)|\b(?:post|pre|mid)-|\b(?:now|today)\s+(?:and|to|until|till|through)"
    r"|\byear\s*,(?:\s*\w+\s*,)?)\s*$",
    re.I,
)
_WEAK_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|its|their|our|his|her|my|your|whose|each|every|"
    r"of|to|towards?|beyond|with|than|for|at|on|under|against|within|into|via|is|was|be|been|"
    r"being|not|marks?|marked|remember|recall|vision|agenda|strategy|horizon)|['’]s|[A-Z][\w-]*)"
    r"\s*$"
)
_BRACKET_BEFORE = re.compile(r"[(\[]\s*$")
_BRACKET_AFTER = re.compile(r"^\s*[)\]]")
_RANGE_AFTER = re.compile(r"^\s*(?:[-–—/]|\b(?:to|through|until|till)\b)\s*(?:\d{4}|\d\d)\b")
_RANGE_BEFORE = re.compile(r"(?<!\d)\d{4}\s*[-–—]\s*$")
_POSSESSIVE_AFTER = re.compile(r"^['’]s\b")
_ERA = re.compile(r"^\s*(?:AD|A\.D\.|BC|B\.C\.|CE|BCE|C\.E\.|B\.C\.E\.)(?![\w])")
_WORD_AFTER = re.compile(r"^\s+[A-Za-z]")
# a year before this number, joined by a comma or a conjunction ("in 1995, 1996 and 1997")
_LIST_BEFORE = re.compile(
    r"(?<!\d)(\d{4})\s*\)?\s*(?:,|;|&|,?\s*(?:and|or|as\s+well\s+as))(?:\s+[a-z]+ly)?\s*$"
)


def plausible(year: int, dct_year: int | None) -> bool:
    """Whether a weakly evidenced ``year`` is near enough the publication year to be one."""
    if dct_year is None:
        return NO_DCT_RANGE[0] <= year <= NO_DCT_RANGE[1]
    return dct_year - WEAK_BACK <= year <= dct_year + WEAK_AHEAD


def year_reading(
    text: str,
    start: int,
    end: int,
    dct_year: int | None,
    is_year_before: Callable[[int], bool | None] = lambda end: None,
) -> bool:
    """Whether the four-digit number ``text[start:end]`` is a year (see the module doc).

    ``is_year_before(end)`` says whether the number ending at offset ``end`` earlier in the
    text was read as a year (None when unknown); it lets a list of years share evidence.
    """
    before = text[max(0, start - BEFORE) : start]
    after = text[end : end + AFTER]
    if (
        _DOCUMENT_NOUN.search(before)
        or _DOCUMENT_AFTER.match(after)
        or _MONEY_BEFORE.search(before)
        or before.endswith("/")
        or (before.endswith("-") and not _PREFIX.search(before))
    ):
        return False
    strong = _strong(before, after, start, is_year_before)
    counted = _COUNT_AFTER.match(after) or _DEMONYM_AFTER.match(after)
    if counted and not (strong and _OPENING.search(before)):
        return False
    if _QUANTITY_BEFORE.search(before) and not _STRONG_BEFORE.search(before):
        return False
    if strong:
        return True
    if _COUNT_AFTER_ADJECTIVE.match(after):
        return False
    weak = _WEAK_BEFORE.search(before) or _WORD_AFTER.match(after)
    return bool(weak) and plausible(int(text[start:end]), dct_year)


def _strong(
    before: str, after: str, start: int, is_year_before: Callable[[int], bool | None]
) -> bool:
    """Strong evidence: a temporal preposition, brackets, a range, a possessive, an era, or a
    year just before in a list."""
    if _STRONG_BEFORE.search(before) or _RANGE_BEFORE.search(before):
        return True
    if _BRACKET_BEFORE.search(before) and _BRACKET_AFTER.match(after):
        return True
    if _RANGE_AFTER.match(after) or _POSSESSIVE_AFTER.match(after) or _ERA.match(after):
        return True
    listed = _LIST_BEFORE.search(before)
    return bool(listed) and bool(is_year_before(start - len(before) + listed.end(1)))
