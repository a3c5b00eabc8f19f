"""Verbs that attribute a content to a source, with their inflected forms.

Reported speech in the wide sense of attribution corpora (PARC, PolNeAR): saying,
believing, knowing, wanting and intending, judging (praise, criticise, support), and the
evidence verbs of studies and polls (show, find, estimate). ``attitude_forms()`` is the set
of every form ("argue", "argues", "argued", "arguing"); the lemmas are grouped below, each
group a sentence a linguist would recognise, so a reader can see what counts.
"""

from __future__ import annotations

from functools import cache

_SPEECH = """
say tell state add write note declare claim argue insist explain warn announce stress
emphasise emphasize underline recall ask answer reply respond comment tweet post acknowledge
admit suggest report conclude urge affirm confirm reiterate observe predict promise vow deny
allege assert maintain contend complain mention remark reveal testify proclaim demand lament
boast joke quip shout yell scream sing chant whisper mutter describe call label dub brand
characterise characterize portray accuse blame criticise criticize praise condemn denounce
attack slam blast rip mock ridicule question challenge dispute reject dismiss defend
concede propose recommend advise caution threaten pledge offer invite encourage assure
reassure point cite quote refer highlight underscore signal indicate disclose detail outline
clarify repeat echo discuss debate address raise speak talk argue counter rebut retort
protest object plead beg request order instruct command inform notify remind convince
persuade lobby campaign push press vote endorse back oppose support welcome applaud hail laud
thank congratulate apologise apologize decry deplore lambaste chide scold rebuke fault
castigate excoriate berate liken compare tout champion celebrate commend salute honour
honor recognise recognize acclaim predict forecast project estimate calculate rate rank
grade judge rule determine decide find show reveal publish release issue list summarise
summarize characterise explain hint imply insinuate speculate theorise theorize muse wonder
confess admit divulge leak brief preach lecture sign petition sue charge
express voice air convey share exhort chastise grill pitch promote tout needle lambaste
bristle rail advocate propound reference illustrate float chime weigh insinuate allude
characterise stipulate assess evaluate conclude infer deduce gauge interpret
"""
_MIND = """
think believe know feel consider expect hope fear worry doubt suspect assume suppose guess
imagine understand realise realize see view regard learn discover notice remember forget
trust accept appreciate like love hate dislike prefer want wish need intend plan seek aim
try refuse decline hesitate choose mean care bet reckon figure presume anticipate foresee
envision envisage dread resent regret cherish favour favor admire respect value welcome
agree disagree acknowledge grasp
"""
# forms that the regular rules below would get wrong
_IRREGULAR = {
    "say": "said", "tell": "told", "write": "wrote written", "think": "thought",
    "know": "knew known", "find": "found", "see": "saw seen", "feel": "felt",
    "speak": "spoke spoken", "seek": "sought", "mean": "meant", "show": "showed shown",
    "foresee": "foresaw foreseen", "forget": "forgot forgotten forgetting",
    "understand": "understood", "sing": "sang sung", "bet": "bet betting", "rip": "ripped ripping",
    "quip": "quipped quipping", "admit": "admitted admitting", "regret": "regretted regretting",
    "refer": "referred referring", "prefer": "preferred preferring", "plan": "planned planning",
    "rebut": "rebutted rebutting", "grasp": "grasped grasping", "beg": "begged begging",
    "read": "read",
    "chide": "chided chiding", "slam": "slammed slamming",
    "label": "labelled labeled labelling labeling",
    "signal": "signalled signaled signalling signaling", "quote": "quoted quoting",
    "issue": "issued issuing",
}  # fmt: skip


def verb_forms(lemma: str) -> set[str]:
    """The lemma, its third person singular, past and -ing forms (regular rules)."""
    out = {lemma}
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        out.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        out.add(lemma[:-1] + "ies")
    else:
        out.add(lemma + "s")
    irregular = _IRREGULAR.get(lemma)
    if irregular:
        out.update(irregular.split())
    if not irregular or len(irregular.split()) < 2 or not irregular.split()[-1].endswith("ing"):
        if lemma.endswith("ie"):
            out.add(lemma[:-2] + "ying")
        elif lemma.endswith("e") and not lemma.endswith("ee"):
            out.add(lemma[:-1] + "ing")
        else:
            out.add(lemma + "ing")
    if not irregular:
        if lemma.endswith("e"):
            out.add(lemma + "d")
        elif lemma.endswith("y") and lemma[-2] not in "aeiou":
            out.add(lemma[:-1] + "ied")
        else:
            out.add(lemma + "ed")
    return out


@cache
def attitude_lemmas() -> frozenset[str]:
    """Every lemma of the attribution verbs (speech and mind groups)."""
    return frozenset((_SPEECH + _MIND).split())


@cache
def attitude_forms() -> frozenset[str]:
    """Every inflected form of the attribution verbs."""
    return frozenset(form for lemma in attitude_lemmas() for form in verb_forms(lemma))
