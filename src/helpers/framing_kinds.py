"""What the quotation marks do: ``classify_kind(...) -> (kind, kind_p, kind_evidence)``.

A quotation is described by features a linguist would name (``kind_features``): cue words
just before or after the marks ("so-called", "self-styled", "alleged", "the term", "the
principle of", "known as", "dubbed", "label as", "means"), whether a speech cue and a source
are attached (from ``helpers.framing_attribution``), the shape of the quoted words (Title Case,
all caps, length, a clause, punctuation inside the marks, first person), the determiner
before them, rejecting, evaluative or negating words in the sentence ("false", "sham",
"discredited", "in fact", "not"), and whether the same words occur elsewhere in the
document bare, quoted, or quoted after "so-called". Besides these named features, each
lower-case word of the quotation's sentence outside its marks is a feature ``word:<w>``
(``sentence_words``); the model keeps those seen in enough training spans. Every feature is
binary.

A multinomial logistic regression over these features, fitted on the development gold by
``helpers.framing_kinds_train`` (``make train``), is stored as readable JSON next to this
module (``quote_kinds_model.json``: classes, intercepts, one weight per class and feature)
and applied here in plain Python: the kind is the most probable class, ``kind_p`` its
probability and ``kind_evidence`` the two or three present features that pushed it most
above the runner-up class, in words ("after 'so-called'", "speech cue 'said' attached").
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from helpers.framing_cues import CUE, sentence_end, sentence_start

MODEL_PATH = Path(__file__).with_name("quote_kinds_model.json")

_DET = r"(?:(?:the|a|an|this|that|these|those|its|their|his|her|our|my|your|such)\s+)?"
_NOT_SO = r"(?<!so-)(?<!so\s)"


def _end(pattern: str, *, cased: bool = False) -> re.Pattern[str]:
    """A pattern that must end where the quotation opens: matched against the lower-cased
    text, or (``cased``) against the text as it is, ignoring case."""
    return re.compile(rf"(?:{pattern})\s*$", re.IGNORECASE if cased else 0)


def _start(pattern: str) -> re.Pattern[str]:
    """A pattern that must start where the quotation closes (case-insensitive)."""
    return re.compile(rf"\s*(?:{pattern})", re.IGNORECASE)


# Words right before the opening mark: (feature, pattern). The matched words are the evidence.
_BEFORE = [
    ("so_called", _end(r"\bso[-\s]*called")),
    ("self_styled", _end(r"\bself[-\s]*(?:proclaimed|styled|declared|appointed|described|professed)")),
    ("alleged", _end(r"\b(?:alleged(?:ly)?|purported(?:ly)?|supposed(?:ly)?|ostensibl[ey]|would-be|putative)\s+" + _DET)),
    ("fake_before", _end(r"\b(?:fake|false|sham|bogus|pseudo|quasi|mock|phone?y|fictitious|imaginary|mythical)-?")),
    ("evaluative_before", _end(r"\b(?:notorious|infamous|nonsensical|discredited|discriminatory|futile|shameful|"
                               r"bigoted|xenophobic|cynical|wasteful|absurd|ridiculous|dangerous|harmful|"
                               r"ultimatist|overbearing)\s+(?:and\s+\w+\s+)?")),
    ("own", _end(r"\b(?:its|their|his|her|our|your|my)\s+(?:very\s+)?own")),
    ("very", _end(r"\b(?:these|those|this|that|the)\s+very")),
    ("term_noun", _end(r"\b(?:the\s+|a\s+|this\s+)?(?:term|word|words|phrase|expression|acronym|abbreviation|"
                       r"adjective|noun|verb|catchphrase|buzzword|hashtag|coinage|neologism|label|slur|"
                       r"epithet|vocabulary)s?\s*(?:like|such\s+as|as)?\s*[,:]?")),
    ("name_noun", _end(r"\b(?:the\s+)?(?:name|nickname|code-?name|alias|pseudonym|title|brand|moniker)s?\s*(?:of\s+)?[,:]?")),
    ("concept_of", _end(r"\b(?:concept|notion|idea|principle|doctrine|formula|theory|ideology|logic|spirit|"
                        r"paradigm|philosophy|mentality|policy|policies|practice|rhetoric|language|"
                        r"discourse|category|definition|status|approach|model|dilemma|understanding|"
                        r"meaning|system|vision|narrative)\s+(?:of|called|known\s+as)\s+" + _DET)),
    ("known_as", _end(r"\b(?:known|referred\s+to|also\s+called|commonly\s+called|often\s+called|"
                      r"usually\s+called|sometimes\s+called|aka|a\.k\.a\.?|alias|otherwise\s+known)\s*(?:as\s+)?" + _DET)),
    ("naming_verb", _end(r"\b(?:dubbed|nicknamed|termed|coined|christened|code-?named|designated|"
                         r"bapti[sz]ed)\s+(?:as\s+)?" + _DET)),
    ("named_titled", _end(r"\b(?:named|renamed|titled|entitled|themed|theme|motto|headlined|captioned|"
                          r"under\s+the\s+(?:name|title|banner|slogan|code-?name)|name\s+of)\s*[,:]?\s*" + _DET)),
    ("label_as", _end(r"\b(?:label(?:l?ed|l?ing|s)?|brand(?:ed|ing|s)?|portray(?:ed|ing|s)?|paint(?:ed|ing|s)?|"
                      r"present(?:ed|ing|s)?|depict(?:ed|ing|s)?|tout(?:ed|ing|s)?|disguis(?:ed|ing|es?)|"
                      r"masquerad(?:ed|ing|es?)|dress(?:ed|ing)?\s+up|pass(?:ed|ing)?\s+off|"
                      r"pos(?:ed|ing|es?)|cast(?:ing|s)?|sold|spun|welcom(?:ed|ing|es?)\s+(?:it|them)|"
                      r"(?:it|them|him|her|this)\s+as)\s+(?:\w+\s+)?as\s+" + _DET
                      + r"|\b(?:turn(?:ed|ing|s)?|transform(?:ed|ing|s)?)\s+(?:\w+\s+)?into\s+" + _DET
                      + r"|\bclaim(?:s|ed|ing)?\s+to\s+be\s+" + _DET
                      + r"|\b(?:under\s+the\s+guise|in\s+the\s+name)\s+of\s+" + _DET)),
    ("call_it", _end(_NOT_SO + r"(?<!been\s)(?<!\bbe\s)(?<!\bis\s)(?<!was\s)(?<!were\s)(?<!are\s)"
                     r"\bcall(?:s|ed|ing)?\s+(?!for\b|on\b|upon\b|out\b|off\b)(?:it|them|him|her|"
                     r"this|that|these|those|us|me|you|(?:the|a|an|his|her|its|their)\s+[\w-]+|"
                     r"[A-Z][\w’'-]+)\s+" + _DET, cased=True)),
    ("called", _end(_NOT_SO + r"\b(?:is|are|was|were|be|been|being|group|one|also|commonly|often|now|once)?\s*"
                    r"call(?:ed|s)?\s+" + _DET)),
    ("what_call", _end(r"\bwhat\s+(?:\w+\s+){0,3}?(?:call(?:s|ed)?|describe[sd]?|term(?:s|ed)?|"
                       r"refer(?:s|red)?\s+to\s+as|dub(?:s|bed)?|label(?:s|l?ed)?|consider(?:s|ed)?)\s*(?:as\s+)?" + _DET)),
    ("described_as", _end(r"\b(?:described|characteri[sz]ed|defined|regarded|seen|considered|treated|"
                          r"classified|listed|registered|recogni[sz]ed|identified|categori[sz]ed|"
                          r"denounced|condemned|dismissed|attacked|criticised|criticized|describing|"
                          r"referred\s+to|referring\s+to|refers\s+to|portrayed|branded|labell?ed)"
                          r"\s+(?:[\w’'-]+\s+){0,5}?as\s+" + _DET)),
    ("as_before", _end(r"\bas\s+" + _DET)),
    ("means_before", _end(r"\b(?:meaning|means|meant|translat(?:es|ed|ing|ion)(?:\s+(?:as|to|of))?|literally|"
                          r"i\.e\.|is\s+for|stands\s+for|short\s+for|or|spelled|pronounced|from)\s*[,:]?\s*" + _DET)),
    ("quote_word", _end(r"\bquote\s*,?\s*(?:unquote\s*,?)?")),
    ("title_noun", _end(r"\b(?:report|resolution|project|programme|program|initiative|operation|campaign|"
                        r"conference|forum|summit|festival|exhibition|event|book|novel|film|movie|song|"
                        r"album|article|column|op-ed|documentary|series|show|strategy|plan|declaration|"
                        r"agreement|treaty|pact|platform|award|prize|magazine|newspaper|journal|podcast|"
                        r"game|exercise|contest|law|act|bill|order|group|movement|network|database|"
                        r"website|site|agenda|fund|facility|mission|party|organi[sz]ation|committee|"
                        r"council|company|station|avenue|street|ship|vessel|hashtag|memorandum|"
                        r"roadmap|framework|doctrine|statement|manifesto|concept|format)s?\s*,?\s*")),
    ("paren_open", _end(r"\(\s*(?:the\s+|a\s+|an\s+|herein(?:after)?\s+|hereafter\s+|aka\s+|a\.k\.a\.?\s+|"
                        r"or\s+|also\s+|in\s+\w+\s*[:,]?\s*|\w+\s*:\s*)?")),
    ("colon_before", _end(r"[:]")),
    ("saying", _end(r"\b(?:saying|proverb|slogan|motto|maxim|adage|chant(?:s|ed|ing)?|battle\s+cry|"
                    r"rallying\s+cry|creed|sign|banner|placard|poster|inscription|caption|headline|"
                    r"message|words\s+of)\s*(?:of\s+)?[,:]?\s*" + _DET)),
    ("preposition", _end(r"\b(?:of|for|in|on|to|from|with|without|into|about|against|between|by|over|"
                         r"under|toward|towards|than|via|amid|among)\s+" + _DET)),
    ("det_the", _end(r"\bthe")),
    ("det_indefinite", _end(r"\b(?:a|an)")),
    ("det_demonstrative", _end(r"\b(?:this|that|these|those|such)")),
    ("det_possessive", _end(r"\b(?:its|their|his|her|our|my|your|\w+[’']s?)\s+(?:so[-\s]*called|own|very)?")),
]  # fmt: skip

# Words one of which must be in the window for a ``_BEFORE`` pattern to match (a fast test).
_TRIGGERS = {
    "so_called": ("called",),
    "self_styled": ("self",),
    "alleged": ("alleg", "purport", "suppos", "ostensib", "would-be", "putative"),
    "own": ("own",),
    "very": ("very",),
    "term_noun": ("term", "word", "phrase", "expression", "acronym", "abbreviation", "adjective",
                  "noun", "verb", "catchphrase", "buzzword", "hashtag", "coinage", "neologism",
                  "label", "slur", "epithet", "vocabulary"),
    "name_noun": ("name", "alias", "pseudonym", "title", "brand", "moniker"),
    "concept_of": ("of ", "called", "known"),
    "known_as": ("known", "referred", "called", "aka", "a.k.a", "alias"),
    "naming_verb": ("dubbed", "nicknamed", "termed", "coined", "christened", "named", "designated",
                    "bapti"),
    "named_titled": ("nam", "titl", "them", "motto", "headlin", "caption", "under the"),
    "label_as": ("as ", "into ", "to be ", "guise", "name of"),
    "call_it": ("call",),
    "called": ("call",),
    "what_call": ("what",),
    "described_as": ("as ",),
    "as_before": ("as ",),
    "quote_word": ("quote",),
    "paren_open": ("(",),
    "colon_before": (":",),
    "saying": ("saying", "proverb", "slogan", "motto", "maxim", "adage", "chant", "cry", "creed",
               "sign", "banner", "placard", "poster", "inscription", "caption", "headline",
               "message", "words of"),
}  # fmt: skip

# (name, pattern, matched as written?, trigger words as one regex or None) for the scan
_BEFORE_SCAN = [
    (
        name,
        pattern,
        bool(pattern.flags & re.IGNORECASE),
        re.compile("|".join(map(re.escape, _TRIGGERS[name]))) if name in _TRIGGERS else None,
    )
    for name, pattern in _BEFORE
]

# Words right after the closing mark.
_AFTER = [
    ("means_after", _start(r"[,)]?\s*(?:means|meant|meaning|stands\s+for|refers\s+to|is\s+short\s+for|"
                           r"translates|(?:is|was)\s+(?:a|the)\s+(?:term|word|name|phrase|expression)\b)")),
    ("paren_after", _start(r"\(")),
    ("title_noun_after", _start(r"(?:(?:is|was|as)\s+)?(?:(?:the|a|an|our|this)\s+)?(?:[\w-]+\s+)?(?:theme|title|"
                                r"motto|report|initiative|programme|program|campaign|project|resolution|"
                                r"conference|summit|forum|operation|plan|strategy|thesis|group|network|"
                                r"mission|platform|format|process|agenda|declaration|act|bill|law|fund|"
                                r"facility|award|prize|series|event|festival|movement|database|agreement|"
                                r"treaty|pact|show|film|book|party|programme)s?\b")),
    ("concept_noun_after", _start(r"(?:approach|concept|principle|model|formula|label|designation|"
                                  r"mentality|narrative|rhetoric|mantra|logic|paradigm|philosophy|"
                                  r"polic(?:y|ies)|fees?|rules?|loopholes?|doctrine|ideology|mindset|"
                                  r"syndrome|economics|ethic|phenomenon|theory|thinking|idea|language|"
                                  r"practices?|measures?|jurisdictions?|cities|plans?|products?|"
                                  r"distinctions?|kits?|drugs?|states?|procedures?|labels?)\b")),
    ("apposition_after", _start(r"[,;]?\s*(?:[–—-]+\s*)?(?:a|an|which\s+(?:is|are))\s+")),
    ("is_not_after", _start(r"[,.;]?\s*(?:is|are|was|were|has|have)\s+(?:actually\s+|in\s+fact\s+|simply\s+|"
                            r"really\s+|often\s+|clearly\s+|just\s+|merely\s+|only\s+)?(?:not|no|nothing|never|"
                            r"an?\s+illusion|(?:a\s+)?myth|deceptive|misleading|false|(?:a\s+)?euphemism|"
                            r"(?:a\s+)?misnomer|(?:a\s+)?pretext|(?:a\s+)?cover|(?:an?\s+)?(?:empty|hollow)|"
                            r"no\s+more\s+than|nothing\s+(?:but|more\s+than))\b")),
    ("relative_after", _start(r"[,]?\s*(?:that|which|who|whose)\s+(?!is\s+(?:a|the)\s+(?:term|word))")),
    ("modifier_after", _start(r"(?!(?:and|or|but|nor|is|are|was|were|be|been|has|have|had|will|would|can|"
                              r"could|should|may|might|must|do|does|did|to|of|in|on|for|with|by|from|as|"
                              r"at|into|that|which|who|whose|the|a|an|it|its|this|these|those|than|if|"
                              r"when|while|because|so|not|also|then|there|here|where|said|says)\b)"
                              r"[a-z][\w-]*\b")),
    ("rebuttal_after", _start(r"[.!?]?[”\"’]?\s*(?:It[’']s|It\s+is|That[’']s|That\s+is|This\s+is|In\s+fact|"
                              r"Actually|In\s+reality|But\s+(?:it|this|that)\s+(?:is|was))\s+(?:not\s+|a\s+|an\s+)")),
    ("cue_like_after", _start(r"[,]?\s*(?:he|she|they|it|we|I)\s+(?:said|says|added|wrote|told|noted)\b")),
]  # fmt: skip

_FALSITY = re.compile(  # the words are said to be untrue
    r"\b(?:false(?:ly|hood)?|fake|sham|bogus|lie[sd]?|lying|myths?|mythical|illusion\w*|"
    r"propaganda|pretext\w*|excuses?|hoax\w*|fictitious|fiction|imaginary|invented|contrived|"
    r"disinformation|misinformation|distort\w*|decepti\w+|deceiv\w+|mislead\w*|fraud\w*|"
    r"rigged|farce|farcical|travesty|charade|fa[cç]ade|puppet|euphemis\w+|disguis\w+|guise|"
    r"masquerad\w*|pretend\w*|camouflag\w*|cover(?:\s+|-)up|smokescreen|perversion)\b",
)
_CONDEMNING = re.compile(  # the thing is judged harshly
    r"\b(?:discredited|dangerous|harmful|shameful|cynical(?:ly)?|hypocritic\w*|notorious|"
    r"infamous|nonsensical|absurd|ridiculous|bizarre|bigoted|xenophobic|racist|futile|"
    r"dead-end|ultimatist|illegitima\w+|illegal|unlawful|criminal|junk|scams?|abus\w+|"
    r"misus\w+|undermin\w+|destructive|discriminatory|outrageous|unacceptable|appalling|"
    r"cruel|inhumane|barbaric|sinister|malicious|aggressive|aggression|occupation|occupying)\b",
)
_HEDGING = re.compile(  # the writer keeps the words at a distance
    r"\b(?:so[-\s]*called|alleged(?:ly)?|supposed(?:ly)?|purported(?:ly)?|ostensibl[ey]|pseudo|"
    r"quasi|self-proclaimed|self-styled|mere(?:ly)?|nothing\s+but|so\s+to\s+speak|"
    r"as\s+it\s+were|quote[\s,]+unquote|slogans?|mantras?|claim(?:s|ed)?\s+to\s+be|"
    r"in\s+name\s+only|what\s+\w+\s+call)\b",
)
_PEJORATIVE = re.compile(  # critical words: a label that is itself a judgement
    r"\b(?:abus\w+|aggress\w+|attacks?|bad|bans?|black\w*|bombs?|bull(?:y|ies)|cartels?|chaos|"
    r"cheat\w*|cleansing|corrupt\w*|crim\w+|crisis|cruel\w*|danger\w*|dead\w*|death|dirty|"
    r"disasters?|enem(?:y|ies)|evil|exploit\w*|extort\w*|extrem\w+|fears?|gaps?|genocid\w*|"
    r"ghosts?|glitch\w*|greed\w*|hat(?:e|red)|hostile|junk|kill\w*|loopholes?|losers?|mess|"
    r"monsters?|murder\w*|nasty|penalt(?:y|ies)|plague|poison\w*|predator\w*|rac(?:ism|ist)|"
    r"red\s+tape|rip-?offs?|rogue|scams?|shame\w*|sick|slave\w*|smear\w*|sore|tax(?:es)?|"
    r"terror\w*|threats?|toxic|traps?|tyrann\w+|ugly|violen\w+|wars?|wastes?|weapons?|witch)\b",
)
_VALUE = re.compile(  # words of value, the usual target of irony
    r"\b(?:democra\w+|freedoms?|free|liberty|liberat\w+|peace\w*|justice|just|fair\w*|"
    r"equal\w*|equity|inclusi\w+|diversity|rights?|humanitarian|values?|rules?|order|"
    r"legitima\w+|lawful|legal|sovereign\w*|independen\w+|elections?|elected|referend\w+|"
    r"votes?|reforms?|progress\w*|civili[sz]\w+|enlightened|international\s+community|"
    r"community|cooperation|partner\w*|friends?|friendship|solidarity|security|safety|safe|"
    r"stability|protect\w*|care|therapy|treatment|help|aid|assistance|benefi\w+|success\w*|"
    r"victor\w+|heroe?s?|experts?|scien\w+|evidence|facts?|truth|true|real|genuine|honest|"
    r"transparen\w+|sacred|noble|inviolable|universal|essential|sanctuary|refuge|harmony|unity|"
    r"brotherhood|dialogue|consensus|multilateral\w*|dignity|respect|tolerance|prosperity|"
    r"development|opportunit\w+|superior|win|winners?|special|intervention|mission|"
    r"restor\w+|reunif\w+|stabili[sz]\w+|normali[sz]\w+|collective|voluntary|anonymous|"
    r"technical|impartial|neutral|objective|independent|good|best|better|great)\b",
)
_IN_FACT = re.compile(
    r"\b(?:in\s+fact|in\s+reality|actually|really|truly|real|genuine|the\s+truth|in\s+truth|"
    r"not\s+the\s+right\s+word|more\s+fitting|would\s+have\s+been)\b",
)
_REJECTED_NEXT = re.compile(  # the next sentence says what the thing really is
    r"\s*(?:(?:It|That|This|They|These|Those)(?:[’']s|[’']re|\s+is|\s+was|\s+are|\s+were)\s+"
    r"(?:not\b|no\b|nothing\b|in\s+fact\b|actually\b|really\b|simply\b|just\b|merely\b|"
    r"(?:a|an)\s+(?!\w+\s+(?:that|which|where)\b))|"
    r"(?:In\s+fact|In\s+reality|In\s+truth|Actually|The\s+truth\s+is|The\s+reality\s+is|"
    r"Rather|Instead|Nothing\s+could\s+be\s+further)\b)"
)
_MISNOMER = re.compile(  # the writer says the word is the wrong one
    r"\b(?:not\s+the\s+right\s+word|wrong\s+word|misnomer|euphemism\w*|more\s+fitting|"
    r"better\s+name|more\s+accurate(?:ly)?|so\s+to\s+speak|as\s+it\s+were|if\s+you\s+will|"
    r"for\s+lack\s+of\s+a\s+better)\b"
)
_NEGATIVE_STANCE = re.compile(  # the writer judges what is around the quotation badly
    r"\b(?:unfortunate(?:ly)?|regrettabl[ey]|erroneous\w*|misguided|folly|mistaken|"
    r"hypocri\w+|double\s+standards?|cynic\w*|arrogan\w+|hegemon\w*|bull(?:y|ies|ying)|"
    r"imposed?|imposing|trampl\w+|manipulat\w+|pretext\w*|excuses?|coerci\w+|"
    r"illegitima\w+|illegal\w*|unlawful\w*|aggress\w+|occup(?:y|ied|ying|ation)\w*|"
    r"undermin\w+|violat\w+|destroy\w*|destruct\w+|abus\w+|exploit\w*|discredit\w*|"
    r"junk|scams?|rip-?offs?|nonsens\w*|absurd\w*|ridiculous|shameful|shameless\w*|"
    r"outrageous|unacceptable|dangerous|harmful|so[-\s]*called|claim(?:s|ed|ing)?|"
    r"pretend\w*|attempts?\s+to|allegedly|supposedly|purportedly|dead-end|ultimat\w+|"
    r"propaganda|disinformation|lies?|lying|myths?|fake|false\w*|sham|bogus|"
    r"discriminat\w+|racis\w+|bigot\w*|extremis\w+|radical\w*|crazy|insan\w+)\b"
)
_POSITIVE_STANCE = re.compile(  # the writer welcomes what is around the quotation
    r"\b(?:welcom\w+|support\w*|commend\w*|applaud\w*|prou?d\w*|pleased|grateful|"
    r"gratitude|celebrat\w+|honou?r\w*|launch\w*|announc\w+|adopt\w*|endors\w+|"
    r"appreciat\w+|congratulat\w+|thank\w*|committed|commitment|pledg\w+|"
    r"initiative\w*|program\w*|partner\w*|success\w*|achiev\w+|important|great|"
    r"delighted|glad|happy|excited|landmark|historic)\b"
)
_QUANTIFIER_BEFORE = re.compile(r"\b(?:some|certain|many|all|any|no|those|these)\s+(?:\w+\s+)?$")
_POSSESSIVE_THIRD = re.compile(
    r"(?:\b(?:its|their|his|her)|[A-Z][\w-]*[’']s?)\s+(?:(?:so[-\s]*called|own|very|\w+)\s+)?$"
)
_LABELLED_BEFORE = re.compile(  # the words of a label, a stamp or an advertisement
    r"\b(?:label(?:l)?ed|marked|stamped|certified|advertised|marketed|billed)\s+(?:as\s+)?$"
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:no|not|never|nor|without)\s+(?:(?:a|an|the|any|more|longer)\s+)?$"
)
_REPORTED_THAT = re.compile(CUE + r"[^.;:!?“”\"]{0,80}?\bthat\b")
_POSSESSIVE_FIRST = re.compile(r"\b(?:our|my)\s+(?:(?:so[-\s]*called|own|very|\w+)\s+)?$")
_ADJECTIVE_END = re.compile(r"(?:ed|ive|al|ous|ic|able|ible|ful|less|ary|ish|ant|ent|ly)$")
_ABSTRACT_END = re.compile(r"(?:ism|ity|tion|sion|ness|ment|ance|ence|ship|hood|acy|ology)s?$")
_NEGATION = re.compile(r"\b(?:not|no|never|nothing|neither|nor|cannot|none|without)\b|n[’']t\b")
_CONTRAST = re.compile(r"\b(?:but|however|rather\s+than|instead\s+of|unlike|whereas|yet)\b")
_CLAUSE = re.compile(
    r"\b(?:is|are|was|were|am|be|been|being|will|would|shall|should|can|could|may|might|must|"
    r"have|has|had|do|does|did|won[’']t|can[’']t|don[’']t|doesn[’']t|didn[’']t|isn[’']t|"
    r"aren[’']t|wasn[’']t)\b|[’'](?:re|ll|ve|m|d)\b(?=\s)",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"^(?:I|we|you|he|she|they|it|this|there|that)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(
    r"\bI(?=\s+[a-z]|[’'][a-z])|\b(?:[Ww]e|[Uu]s|[Oo]ur|[Mm]y|[Mm]e|[Yy]ou|[Yy]our|[Oo]urs)\b"
)
_WORD = re.compile(r"[^\W_](?:[\w’'.-]*[^\W_])?")
_SPEECH_VERB = re.compile(CUE)
_COORDINATED = re.compile(
    r"[”\"’»]\s*(?:,\s*)?(?:(?:and|or|nor|as\s+well\s+as)\s+)?(?:(?:the|a|an)\s+)?$"
)
_LAST_OPENING = re.compile(r"[“\"‘«„](?=[^“\"‘«„]*$)")
_DIGIT = re.compile(r"\d")
_THREE_LETTERS = re.compile(r"[^\W\d_](?:[\W\d_]*[^\W\d_]){2}")
_HYPHENATED = re.compile(r"[^\W\d_]-[^\W\d_]")
_NON_LATIN = re.compile(r"(?![\x00-\u024f])[^\W\d_]")  # a letter outside the Latin blocks
_SMALL = {"a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "by", "with", "de"}
_QUOTE_CHARS = set("“”„‟‘’‚‛«»‹›\"'")
_MARKS_NEAR = re.compile(r"[“”„«»‹›\"]")
_ELSEWHERE = 20_000  # characters either side searched for the same words
_ELSEWHERE_LONGEST = 80  # longer quotations (sentences) are not looked for elsewhere
_NAMING_CUES = {"call", "calls", "called", "calling", "describe", "describes", "described"}
_SHAPE_CHARS = 300  # the shape of a quotation is read from its first characters
_BEFORE_WINDOW = 48  # characters before the opening mark searched for cue words
_SENTENCE_WINDOW = 160  # characters of the sentence looked at on each side of the quotation
WORD_FEATURE = "word:"  # prefix of the sentence-word features: "word:said"
_SENTENCE_WORD = re.compile(r"[a-z][a-z’'-]*")


@dataclass(frozen=True)
class Attribution:
    """What ``helpers.framing_attribution`` found for a quotation: the cue and source
    attached to it (``cue``, ``source``, ``cue_start``), or only a cue with a source earlier
    in its sentence (``in_sentence``)."""

    cue: str | None = None
    source: str | None = None
    cue_start: int | None = None
    in_sentence: str | None = None


def _words(content: str) -> list[str]:
    return _WORD.findall(content, 0, _SHAPE_CHARS)


def _shape(content: str, words: list[str]) -> dict[str, str]:
    """Features of the quoted words themselves (``words``: those of its first
    ``_SHAPE_CHARS`` characters, enough for every feature)."""
    out: dict[str, str] = {}
    tail = content[-8:]
    content = content[:_SHAPE_CHARS]
    n = len(words)
    if n <= 1:
        out["one_word"] = ""
    elif n <= 3:
        out["two_three_words"] = ""
    elif n <= 7:
        out["four_to_seven_words"] = ""
    elif n <= 15:
        out["eight_to_fifteen_words"] = ""
    else:
        out["sixteen_plus_words"] = ""
    major = [w for w in words if w.lower() not in _SMALL]
    if not _THREE_LETTERS.search(content):
        out["symbol"] = ""
    elif content.isupper():
        out["all_caps"] = ""
    elif n >= 2 and major and all(w[0].isupper() or w[0].isdigit() for w in major):
        out["title_case"] = ""
    elif words and words[0][0].isupper():
        out["capitalised"] = ""
    elif words and words[0][0].islower():
        out["lower_case"] = ""
    end = tail.rstrip(" \"'”’»)]*_")
    if end.endswith((".", "!", "?", "…")):
        out["ends_sentence"] = ""
    elif end.endswith((",", ";", ":")):
        out["ends_comma"] = ""
    inner = content.rstrip(" \"'”’»)]*_")[:-1]
    if any(c in inner for c in ",;:()—–") or re.search(r"[.!?]\s", inner):
        out["inner_punct"] = ""
    if _CLAUSE.search(content) or (n >= 3 and _SUBJECT.match(content)):
        out["clause"] = ""
    if _FIRST_PERSON.search(content):
        out["first_person"] = ""
    if _DIGIT.search(content):
        out["digit"] = ""
    if _NON_LATIN.search(content, 0, 80):
        out["non_latin"] = ""
    if re.match(r"(?:the|a|an)\s", content):
        out["starts_with_article"] = ""
    if "-" in content and _HYPHENATED.search(content):
        out["hyphenated"] = ""
    return out


class _Occurrences:
    """Where one quoted key occurs in a document (as written, in lower case or capitalised),
    found once per stretch of text: sorted offsets of its bare, quoted and
    quoted-after-"so-called" occurrences in the stretch ``[lo, hi)`` searched so far."""

    __slots__ = ("bare", "hi", "lo", "quoted", "so_called")

    def __init__(self) -> None:
        self.lo = self.hi = 0
        self.bare: list[int] = []
        self.quoted: list[int] = []
        self.so_called: list[int] = []

    def lists(self) -> tuple[list[int], list[int], list[int]]:
        return self.bare, self.quoted, self.so_called


class _Document:
    """What the kind features need from a whole document, computed once per document:
    the offsets of "so-called", and the occurrences of every quoted key (each stretch of
    text searched once per key, each occurrence classified once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = []
        for spelling in _SO_CALLED_SPELLINGS:  # plain searches: far faster than one regex
            pos = text.find(spelling)
            while pos >= 0:
                if pos == 0 or not text[pos - 1].isalnum():
                    found.append(pos)
                pos = text.find(spelling, pos + 1)
        self.so_called_at = sorted(found)
        self.keys: dict[str, _Occurrences] = {}

    def occurrences(self, key: str, lo: int, hi: int) -> _Occurrences:
        """The occurrences of ``key``, with at least ``[lo, hi)`` searched."""
        occ = self.keys.get(key)
        if occ is None:
            occ = self.keys[key] = _Occurrences()
        if occ.lo == occ.hi or hi <= occ.lo or lo >= occ.hi:  # nothing reusable: start over
            occ.bare, occ.quoted, occ.so_called = self._classify(key, lo, hi)
            occ.lo, occ.hi = lo, hi
            return occ
        # an occurrence straddling an edge searched before is found again: dropped below
        width = max(len(key), len(key.lower()), len(key[:1].upper() + key[1:]))
        if lo < occ.lo:
            left = self._classify(key, lo, occ.lo + width - 1)
            occ.bare, occ.quoted, occ.so_called = (
                _merged(new, old) for new, old in zip(left, occ.lists(), strict=True)
            )
            occ.lo = lo
        if hi > occ.hi:
            right = self._classify(key, max(occ.lo, occ.hi - width + 1), hi)
            occ.bare, occ.quoted, occ.so_called = (
                _merged(old, new) for old, new in zip(occ.lists(), right, strict=True)
            )
            occ.hi = hi
        return occ

    def _classify(self, key: str, lo: int, hi: int) -> tuple[list[int], list[int], list[int]]:
        """Offsets of ``key`` (as written, lower-cased or capitalised) in ``text[lo:hi]``:
        bare (no letter or digit either side, no quotation mark before), quoted (a mark right
        before) and quoted after "so-called"."""
        text, n = self.text, len(self.text)
        bare, quoted, so_called = [], [], []
        for v in {key, key.lower(), key[:1].upper() + key[1:]}:
            pos = text.find(v, lo, hi)
            while pos >= 0:
                end = pos + len(v)
                left = text[pos - 1] if pos > 0 else " "
                if left in _QUOTE_CHARS:
                    quoted.append(pos)
                    if _SO_CALLED_BEFORE.search(text, max(0, pos - 13), pos - 1):
                        so_called.append(pos)
                elif not left.isalnum() and not (text[end] if end < n else " ").isalnum():
                    bare.append(pos)
                pos = text.find(v, pos + 1, hi)
        return sorted(bare), sorted(quoted), sorted(so_called)


def _merged(first: list[int], then: list[int]) -> list[int]:
    """Sorted offsets ``first`` followed by the sorted ``then`` (mostly all larger), without
    repeats; the list ``first`` is extended in place when it can be."""
    if not then:
        return first
    if not first or first[-1] < then[0]:
        first.extend(then)
        return first
    return sorted(set(first) | set(then))


_SO_CALLED_SPELLINGS = ("so-called", "So-called", "so called", "So called", "SO-CALLED")
_SO_CALLED_BEFORE = re.compile(r"\bso[-\s]*called\s*$", re.IGNORECASE)
_LAST_DOCUMENT: list[_Document | None] = [None]  # the document last asked about


def _document(text: str) -> _Document:
    """The ``_Document`` of ``text``, kept for the document last asked about (its quotations
    are typed one after another)."""
    doc = _LAST_DOCUMENT[0]
    if doc is None or doc.text is not text:
        doc = _LAST_DOCUMENT[0] = _Document(text)
    return doc


def _any_outside(offsets: list[int], lo: int, hi: int, mark_start: int, mark_end: int) -> bool:
    """Whether an offset of the sorted ``offsets`` lies in ``[lo, hi)`` but not in
    ``[mark_start, mark_end)`` (the quotation itself)."""
    inside = bisect_left(offsets, mark_end) - bisect_left(offsets, mark_start)
    return bisect_left(offsets, hi) - bisect_left(offsets, lo) > inside


def document_features(text: str, content: str, mark_start: int, mark_end: int) -> dict[str, str]:
    """Whether the same words occur elsewhere in the document (within ``_ELSEWHERE``
    characters, as written, lower-cased or capitalised): bare, inside quotation marks, or quoted right after "so-called";
    and whether "so-called" is frequent around it. Costs O(log n) per quotation once the
    document's occurrences of its words are indexed (``_Document``)."""
    doc = _document(text)
    key = content.strip(" ,.;:!?*_")
    lo, hi = max(0, mark_start - _ELSEWHERE), min(len(text), mark_end + _ELSEWHERE)
    so_called_at = doc.so_called_at
    out = {}
    if bisect_left(so_called_at, hi) - bisect_left(so_called_at, lo) >= 3:
        out["polemic_document"] = ""
    if len(key) > _ELSEWHERE_LONGEST or not _THREE_LETTERS.search(key, 0, 20):
        return out
    occ = doc.occurrences(key, lo, hi)
    if _any_outside(occ.bare, lo, hi, mark_start, mark_end):
        out["bare_elsewhere"] = ""
    if _any_outside(occ.quoted, lo, hi, mark_start, mark_end):
        out["quoted_elsewhere"] = ""
    if _any_outside(occ.so_called, lo, hi, mark_start, mark_end):
        out["so_called_elsewhere"] = ""
    return out


def _before_cues(text: str, lo: int, pos: int) -> tuple[dict[str, str], int]:
    """The ``_BEFORE`` features of the words in ``text[lo:pos]`` (a quotation opens at ``pos``)
    and where the earliest of them starts."""
    before = text[lo:pos].rstrip(" \t\n*_[") + " "  # one space before the mark
    low = before.lower()
    out, cut = {}, pos
    for name, pattern, cased, keys in _BEFORE_SCAN:
        if keys is not None and not keys.search(low):
            continue  # none of the pattern's words is there: skip the regex
        m = pattern.search(before if cased else low)
        if m:
            out[name] = _shown(before, low, m)
            cut = min(cut, lo + m.start())
    return out, cut


def _shown(original: str, low: str, m: re.Match[str]) -> str:
    """The words of match ``m`` (found in ``low``, the lower-cased ``original``) as written."""
    words = original[m.start() : m.end()] if len(low) == len(original) else m.group()
    return " ".join(words.split())


def kind_features(
    text: str,
    start: int,
    end: int,
    mark_start: int,
    mark_end: int,
    *,
    attribution: Attribution,
    depth: int = 0,
    document: dict[str, str] | None = None,
) -> dict[str, str]:
    """The features present for the quotation ``text[start:end]`` (marks at ``mark_start``,
    ``mark_end``), each mapped to the words that show it ("" when the feature is the shape
    of the quotation itself). ``attribution``: what the attribution rules found;
    ``document``: the ``document_features`` of the quotation when ``text`` is only a window
    of its document (else they are computed from ``text``)."""
    content = text[start:end]
    words = _words(content)
    out = _shape(content, words)
    lo = sentence_start(text, mark_start, max(0, mark_start - _SENTENCE_WINDOW))
    hi = sentence_end(text, mark_end, min(len(text), mark_end + _SENTENCE_WINDOW))
    before_start = max(lo, mark_start - _BEFORE_WINDOW)
    before = text[before_start:mark_start].rstrip(" \t\n*_[") + " "  # one space before the mark
    if not before.strip(" -•*#\t\n0123456789.)"):
        out["sentence_start"] = ""
        if "ends_sentence" in out:
            out["whole_sentence"] = ""
    cues, cut = _before_cues(text, before_start, mark_start)
    out.update(cues)
    joined = _COORDINATED.search(before)
    if joined:  # “broadcast TV” or “regional sports”: governed by the words before the first
        opening = _LAST_OPENING.search(
            text, max(lo, mark_start - 200), before_start + joined.start()
        )
        if opening:
            out["coordinated"] = ""
            first, cut = _before_cues(
                text, max(lo, opening.start() - _BEFORE_WINDOW), opening.start()
            )
            out.update({f: d for f, d in first.items() if f not in out})
    after = text[mark_end : min(len(text), mark_end + 100)]
    for name, pattern in _AFTER:
        m = pattern.match(after)
        if m:
            out[name] = " ".join(m.group().split())
    sentence_before = text[lo : max(lo, cut)]
    sentence_after = text[mark_end:hi]
    before_, after_ = sentence_before.lower(), sentence_after.lower()
    around_, content_ = before_ + " … " + after_, content[:120].lower()
    for name, pattern, low in (  # lexicons of lower-case words, matched in lower-cased text
        ("falsity_before", _FALSITY, before_),
        ("falsity_after", _FALSITY, after_),
        ("condemning_before", _CONDEMNING, before_),
        ("condemning_after", _CONDEMNING, after_),
        ("hedging_near", _HEDGING, around_),
        ("in_fact_near", _IN_FACT, around_),
        ("negation_near", _NEGATION, around_),
        ("contrast_near", _CONTRAST, around_),
        ("speech_verb_before", _SPEECH_VERB, before_),
        ("speech_verb_after", _SPEECH_VERB, after_),
        ("value_words", _VALUE, content_),
        ("pejorative_words", _PEJORATIVE, content_),
    ):
        m = pattern.search(low)
        if m:
            out[name] = " ".join(m.group().split())
    if "value_words" in out and any(
        f in out
        for f in ("falsity_before", "falsity_after", "condemning_before", "condemning_after")
    ):
        out["value_words_rejected"] = out["value_words"]
    nxt = mark_end if "ends_sentence" in out else hi  # “… operation.” It’s a war.
    next_sentence = text[nxt : sentence_end(text, nxt + 1, min(len(text), nxt + _SENTENCE_WINDOW))]
    m = _REJECTED_NEXT.match(next_sentence)
    if m:
        out["rejected_next"] = " ".join(m.group().split())
    m = _MISNOMER.search(around_) or _MISNOMER.search(next_sentence.lower())
    if m:
        out["misnomer_near"] = " ".join(m.group().split())
    m = _NEGATIVE_STANCE.search(around_)
    if m:
        out["negative_stance"] = " ".join(m.group().split())
    m = _POSITIVE_STANCE.search(around_)
    if m:
        out["positive_stance"] = " ".join(m.group().split())
    if "?" in text[max(lo, mark_end) : hi] or text[lo:mark_start].rstrip().endswith("?"):
        out["question"] = ""
    m = _REPORTED_THAT.search(sentence_before)
    if m:
        out["reported_that"] = " ".join(m.group().split()[:3])
    for name, pattern in (
        ("quantifier_before", _QUANTIFIER_BEFORE),
        ("possessive_third", _POSSESSIVE_THIRD),
        ("possessive_first", _POSSESSIVE_FIRST),
        ("negated_before", _NEGATED_BEFORE),
        ("labelled_before", _LABELLED_BEFORE),
    ):
        m = pattern.search(before[-40:].lower() if name != "possessive_third" else before[-40:])
        if m:
            out[name] = " ".join(m.group().split())
    if words and len(words) <= 2:
        head = words[-1].lower()
        if _ABSTRACT_END.search(head):
            out["abstract_noun"] = head
        elif _ADJECTIVE_END.search(head) and head[:1].isalpha():
            out["adjective_like"] = head
    if _MARKS_NEAR.search(text, max(0, mark_start - 60), mark_start) or _MARKS_NEAR.search(
        text, mark_end, min(len(text), mark_end + 60)
    ):  # also across a sentence end: “…,” he said. “…”
        out["other_quote_near"] = ""
    if depth > 0:
        out["inside_quotation"] = ""
    if "what_call" in out and attribution.cue is not None:  # what he calls “…”: naming, not speech
        out["naming_cue"] = " ".join(attribution.cue.split())
    elif attribution.cue is not None:
        cue = " ".join(attribution.cue.split())
        if cue == ":":
            out["speaker_label"] = attribution.source or ""
        elif cue.lower().startswith("according"):
            out["according_to"] = cue
        elif attribution.cue_start is not None and attribution.cue_start >= mark_end:
            out["cue_after"] = cue
        else:
            out["cue_before"] = cue
        if attribution.source is not None:
            out["source_attached"] = attribution.source
        if cue.split()[-1].lower() in _NAMING_CUES:
            out["naming_cue"] = cue
    elif attribution.in_sentence is not None:
        out["cue_in_sentence"] = attribution.in_sentence
        if attribution.in_sentence.split()[-1].lower() in _NAMING_CUES:
            out["naming_cue"] = attribution.in_sentence
    else:
        out["no_cue"] = ""
    if document is None:
        document = document_features(text, content, mark_start, mark_end)
    out.update(document)
    _add_groups(out)
    out.update(sentence_words(text[lo:mark_start], text[mark_end:hi]))
    return out


def sentence_words(before: str, after: str) -> dict[str, str]:
    """The sentence-word features of a quotation: ``word:<w>`` -> ``w`` for each distinct
    lower-cased word of the text ``before`` and ``after`` its marks in its sentence
    ("Armenia held so-called" -> ``word:armenia``, ``word:held``, ``word:so-called``)."""
    words = {w.strip("’'-") for w in _SENTENCE_WORD.findall(f"{before} {after}".lower())}
    return {WORD_FEATURE + w: w for w in sorted(words) if w}


# Features that each show the same thing, pooled: one weight learnt from all their examples.
_GROUPS = {
    "distancing": (  # the writer keeps the words at a distance or rejects them
        "so_called", "self_styled", "alleged", "fake_before", "evaluative_before",
        "falsity_before", "falsity_after", "is_not_after", "rebuttal_after", "rejected_next",
        "misnomer_near", "label_as",
    ),
    "naming_term": (  # the words are presented as a word, term or concept
        "term_noun", "concept_of", "known_as", "naming_verb", "called", "means_before",
        "means_after", "concept_noun_after",
    ),
    "naming_title": ("title_noun", "title_noun_after", "named_titled", "name_noun"),
}  # fmt: skip


def _add_groups(out: dict[str, str]) -> None:
    """Add to ``out`` each ``_GROUPS`` feature one of whose members is present (mapped to the
    name of that member), ``distancing_twice`` when two distancing cues are, and
    ``so_called_rejected`` when "so-called" comes with words that reject the thing."""
    for group, members in _GROUPS.items():
        present = [f for f in members if f in out]
        if present:
            out[group] = present[0]  # the member, whose words the evidence shows
        if group == "distancing" and len(present) >= 2:
            out["distancing_twice"] = ", ".join(out[f] or f.replace("_", " ") for f in present[:2])
    if "value_words" in out and any(
        f in out for f in ("negative_stance", "possessive_third", "quantifier_before", "question")
    ):
        out["value_words_contested"] = out["value_words"]
    if "so_called" in out and any(
        f in out
        for f in ("falsity_before", "falsity_after", "condemning_before", "condemning_after",
                  "is_not_after", "rejected_next", "misnomer_near", "negative_stance")
    ):  # fmt: skip
        out["so_called_rejected"] = out["so_called"]


# How each feature reads as evidence; "{}" is filled with the words that showed it.
EVIDENCE = {
    "one_word": "one word", "two_three_words": "two or three words",
    "four_to_seven_words": "four to seven words", "eight_to_fifteen_words": "eight to fifteen words",
    "sixteen_plus_words": "sixteen words or more", "symbol": "a letter or number",
    "all_caps": "all caps", "title_case": "Title Case name", "capitalised": "capitalised",
    "lower_case": "lower case", "ends_sentence": "ends with a full stop, ! or ?",
    "ends_comma": "ends with a comma", "inner_punct": "punctuation inside the marks",
    "clause": "a clause (has a verb)", "first_person": "first or second person",
    "digit": "has a digit", "non_latin": "non-Latin script",
    "starts_with_article": "starts with an article", "hyphenated": "hyphenated word",
    "sentence_start": "opens the sentence", "whole_sentence": "a whole sentence",
    "so_called": "after '{}'", "self_styled": "after '{}'", "alleged": "after '{}'",
    "fake_before": "after '{}'", "evaluative_before": "after evaluative '{}'",
    "own": "after '{}'", "very": "after '{}'", "term_noun": "after '{}'",
    "name_noun": "after '{}'", "concept_of": "after '{}'", "known_as": "after '{}'",
    "naming_verb": "after '{}'", "named_titled": "after '{}'", "label_as": "governed by '{}'",
    "call_it": "governed by '{}'", "called": "after '{}'", "what_call": "after '{}'",
    "described_as": "governed by '{}'", "as_before": "after '{}'", "means_before": "gloss after '{}'",
    "quote_word": "after '{}'", "title_noun": "after the noun '{}'", "paren_open": "in brackets '{}'",
    "colon_before": "after a colon", "saying": "after '{}'", "preposition": "after '{}'",
    "det_the": "after 'the'", "det_indefinite": "after '{}'", "det_demonstrative": "after '{}'",
    "det_possessive": "after possessive '{}'", "means_after": "before '{}'",
    "paren_after": "a bracket follows", "title_noun_after": "before '{}'",
    "concept_noun_after": "before '{}'", "apposition_after": "an apposition follows",
    "is_not_after": "before '{}'", "rebuttal_after": "a rebuttal follows ('{}')", "cue_like_after": "before '{}'",
    "relative_after": "a relative clause follows", "modifier_after": "modifies the noun '{}'",
    "falsity_before": "'{}' before it", "falsity_after": "'{}' after it",
    "condemning_before": "condemning '{}' before it", "condemning_after": "condemning '{}' after it",
    "hedging_near": "hedge '{}' nearby", "speech_verb_before": "speech verb '{}' earlier in the sentence",
    "speech_verb_after": "speech verb '{}' later in the sentence",
    "value_words": "word of value '{}'", "value_words_rejected": "word of value '{}' in a rejecting context",
    "coordinated": "coordinated with the quotation before it",
    "pejorative_words": "critical word '{}'",
    "polemic_document": "'so-called' three times or more in the document",
    "in_fact_near": "'{}' nearby", "negation_near": "negation '{}' nearby",
    "contrast_near": "contrast '{}' nearby", "other_quote_near": "another quotation next to it",
    "inside_quotation": "inside another quotation", "speaker_label": "speaker label '{}:'",
    "according_to": "'{}' attached", "cue_after": "speech cue '{}' attached",
    "cue_before": "speech cue '{}' attached", "source_attached": "source '{}'",
    "naming_cue": "naming verb '{}'", "cue_in_sentence": "speech cue '{}' earlier in the sentence",
    "no_cue": "no speech cue", "bare_elsewhere": "same words unquoted elsewhere",
    "quoted_elsewhere": "same words quoted elsewhere",
    "so_called_elsewhere": "same words after 'so-called' elsewhere",
    "rejected_next": "the next sentence rejects it ('{}')", "misnomer_near": "'{}' nearby",
    "negative_stance": "critical '{}' nearby", "positive_stance": "approving '{}' nearby",
    "question": "in a question", "quantifier_before": "after '{}'",
    "possessive_third": "after '{}'", "possessive_first": "after '{}'",
    "abstract_noun": "abstract noun '{}'", "adjective_like": "adjective or participle '{}'",
    "distancing": "distancing cue ({})", "distancing_twice": "two distancing cues ({})",
    "naming_term": "presented as a term ({})", "naming_title": "presented as a name ({})",
    "so_called_rejected": "'{}' and the context rejects it",
    "negated_before": "after '{}'", "labelled_before": "label text after '{}'", "reported_that": "inside reported speech ('{}')",
    "value_words_contested": "word of value '{}' in a critical context",
}  # fmt: skip
FEATURES = list(EVIDENCE)


def describe(feature: str, detail: str | list[tuple[float, str, str]]) -> str:
    """The evidence phrase of ``feature`` shown by the words ``detail``; for the sentence
    words (``feature`` ``WORD_FEATURE``), ``detail`` lists ``(-push, feature, word)``, the
    strongest first, and the phrase names the first two."""
    if feature == WORD_FEATURE:
        shown = ", ".join("'{}'".format(w.replace("'", "’")) for _, _, w in detail[:2])
        return f"words around it ({shown}{', …' if len(detail) > 2 else ''})"
    template = EVIDENCE[feature]
    return template.format(detail.replace("'", "’")) if "{}" in template else template


_SPEECH_SIGNS = ("speech_verb_before", "speech_verb_after", "saying", "other_quote_near")


def speaker_needed(features: dict[str, str]) -> bool:
    """True for a short quotation (one to three words) with no speech cue, speech verb,
    saying or neighbouring quotation in its sentence: nobody is said to speak, so it is not
    direct (“people's house”, “yeet”), whatever the model's probabilities."""
    short = "one_word" in features or "two_three_words" in features
    return short and "no_cue" in features and not any(f in features for f in _SPEECH_SIGNS)


def restrict(p: list[float], classes: tuple[str, ...], features: dict[str, str]) -> list[float]:
    """The probabilities ``p`` of ``classes`` with direct ruled out (and the rest rescaled to
    sum to 1) when ``speaker_needed(features)``; else ``p`` unchanged."""
    if "direct" not in classes or not speaker_needed(features):
        return p
    k = classes.index("direct")
    rest = sum(v for j, v in enumerate(p) if j != k)
    return [0.0 if j == k else v / rest for j, v in enumerate(p)]


@dataclass(frozen=True)
class KindModel:
    """A multinomial logistic regression over binary features, as stored in JSON."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per class

    @classmethod
    def from_dict(cls, data: dict) -> KindModel:
        """From the parsed JSON: ``classes``, ``intercept``, ``weights`` (feature -> list)."""
        classes = tuple(data["classes"])
        weights = {f: tuple(float(v) for v in w) for f, w in data["weights"].items()}
        if any(len(w) != len(classes) for w in weights.values()) or len(data["intercept"]) != len(
            classes
        ):
            raise ValueError("quote-kind model: every weight list needs one value per class")
        return cls(classes, tuple(float(v) for v in data["intercept"]), weights)

    def scores(self, features: dict[str, str]) -> list[float]:
        """Linear score of each class (features the model does not know are ignored)."""
        total = list(self.intercept)
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                for k, v in enumerate(w):
                    total[k] += v
        return total

    def probabilities(self, features: dict[str, str]) -> list[float]:
        """Softmax of the scores: the probability of each class."""
        s = self.scores(features)
        top = max(s)
        e = [math.exp(v - top) for v in s]
        z = sum(e)
        return [v / z for v in e]

    @cached_property
    def pushes(self) -> dict[str, tuple[float, ...]]:
        """Per feature, for each class: its weight there minus its mean weight elsewhere."""
        n = len(self.classes)
        return {
            f: tuple(w[k] - (sum(w) - w[k]) / (n - 1) for k in range(n))
            for f, w in self.weights.items()
        }

    def predict(self, features: dict[str, str], n_evidence: int = 3) -> tuple[str, float, str]:
        """``(kind, probability, evidence)`` with direct ruled out by ``restrict``; evidence
        names the (at most ``n_evidence``) present features whose weight for the chosen kind
        most exceeds their mean weight for the other kinds."""
        raw = self.probabilities(features)
        p = restrict(raw, self.classes, features)
        best = max(range(len(p)), key=lambda k: (p[k], -k))
        table = self.pushes
        pushes, words = [], []
        for f, detail in features.items():
            v = table.get(f)
            if v is not None and v[best] > 0.05:
                (words if f.startswith(WORD_FEATURE) else pushes).append((-v[best], f, detail))
        words.sort()
        if words:  # the sentence words count as one piece of evidence, their pushes summed
            pushes.append((sum(w[0] for w in words), WORD_FEATURE, words))
        pushes.sort(key=lambda item: item[:2])
        phrases = list(
            dict.fromkeys(  # a pooled feature reads as the member that showed it
                describe(d, features[d]) if f in _GROUPS else describe(f, d) for _, f, d in pushes
            )
        )
        if (
            p is not raw
            and self.classes[max(range(len(raw)), key=lambda k: (raw[k], -k))] == "direct"
        ):
            phrases.insert(0, "short and nobody is said to speak: not direct")
        return self.classes[best], p[best], "; ".join(phrases[:n_evidence])


@lru_cache(maxsize=4)
def load_model(path: str | Path = MODEL_PATH) -> KindModel:
    """The model stored at ``path`` (default: the one shipped with the package)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"quote-kind model {path} not found: run `make train` to fit it"
        ) from None
    except json.JSONDecodeError as err:
        raise ValueError(f"quote-kind model {path} is not valid JSON: {err}") from None
    return KindModel.from_dict(data)


def classify_kind(
    text: str,
    start: int,
    end: int,
    mark_start: int,
    mark_end: int,
    *,
    attribution: Attribution,
    depth: int = 0,
    document: dict[str, str] | None = None,
) -> tuple[str, float, str]:
    """``(kind, kind_p, kind_evidence)`` of the quotation ``text[start:end]`` by the
    shipped model (see ``kind_features`` for the arguments)."""
    features = kind_features(
        text,
        start,
        end,
        mark_start,
        mark_end,
        attribution=attribution,
        depth=depth,
        document=document,
    )
    return load_model().predict(features)
