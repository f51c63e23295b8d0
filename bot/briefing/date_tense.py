"""The tense of the clause a date stands in, read from the parse: the verb the date hangs on
(its tag, a "will"/"would" beside it) when the date is that verb's own, else tense words nearby.
Used by the timeline to choose the year of a yearless day or month and the day of a weekday,
and (``dates_no_event``) to leave out dates that date no event the text reports."""

from __future__ import annotations

import re

from bot.briefing.names import SentenceParse

# "ahead of Tuesday's debate": on the dev pages one weekday more pinned down; no date on
# timebank_dates_dev stands near one.
_FUTURE_WORDS = re.compile(
    r"\b(will|shall|scheduled|upcoming|planned|plans? to|due to|expected to|"
    r"set to|is to|are to|ahead of)\b",
    re.IGNORECASE,
)
_PAST_WORDS = re.compile(r"\b(since|ago|earlier|previously|was|were|had|did)\b", re.IGNORECASE)


def _token_at(parse: SentenceParse, offset: int) -> int | None:
    return next(
        (i for i, t in enumerate(parse.tokens) if t.start <= offset < t.start + len(t.text) + 1),
        None,
    )


def _verb_of(parse: SentenceParse, offset: int) -> int | None:
    """The token index of the verb the word at ``offset`` hangs on (up to 8 steps up the tree)."""
    toks = parse.tokens
    k = _token_at(parse, offset)
    steps = 0
    while k is not None and not toks[k].tag.startswith("VB") and steps < 8:
        k = toks[k].head if toks[k].head != k else None
        steps += 1
    return k if k is not None and toks[k].tag.startswith("VB") else None


# Verbs of saying: "..., she said Tuesday" dates a remark, not an event (on the dev pages no
# gold event is a remark's date). "announced" stays: an announcement is news.
_SAYING = frozenset("said says say told tells tell added adds noted notes wrote writes".split())


def dates_a_remark(parse: SentenceParse | None, offset: int) -> bool:
    """Whether the date at ``offset`` hangs on a verb of saying written before it."""
    if parse is None or not parse.tokens:
        return False
    k = _verb_of(parse, offset)
    # after the verb: in '"...cut me off" in the first quarter of 2020, he added' the date
    # belongs to what was said
    return (
        k is not None and parse.tokens[k].text.lower() in _SAYING and parse.tokens[k].start < offset
    )


# Verbs whose bare date ("forecast electricity demand Monday") is the time foreseen, not the
# time of foreseeing (that one takes a preposition: "forecast on Friday that ..."). On
# timebank_dates_dev no date hangs on one bare; on the dev pages it puts one forecast day right.
_PREDICTING = frozenset(
    "forecast forecasts predicted predicts projected projects expected expects".split()
)
# A date attached to its verb through these is an end point ("extended the offer until Nov. 9"),
# whose year the verb's tense doesn't tell.
_END_POINTS = frozenset(["until", "till", "through", "by"])
# Tags a date's path to its verb may pass through and still be the verb's own date: prepositions,
# determiners, numbers and proper nouns, and any word of a DATE or TIME entity ("Friday evening",
# "early March"). Anything else ("payable Dec. 7", "stock of record Nov. 22") ties the date to a
# noun or adjective, not to the verb's tense.
_PATH_TAGS = frozenset(["IN", "TO", "DT", "CD", "NNP", "NNPS", ",", "HYPH"])


def _direct(parse: SentenceParse, offset: int, verb: int) -> bool:
    """Whether the date at ``offset`` hangs on token ``verb`` through its own words only."""
    toks = parse.tokens
    timed = [(e.start, e.end) for e in parse.entities if e.label in ("DATE", "TIME")]
    k = _token_at(parse, offset)
    while k is not None and k != verb:
        t = toks[k]
        if t.text.lower() in _END_POINTS:
            return False
        in_date = any(a <= t.start < b for a, b in timed)
        if not in_date and t.tag not in _PATH_TAGS:
            return False
        k = t.head if t.head != k else None
    return k == verb


def on_a_verb(parse: SentenceParse | None, offset: int) -> bool:
    """Whether the word at ``offset`` is a verb's own date: "today" the day in "the rules come
    into force today", the present age in "their lives today"."""
    if parse is None or not parse.tokens:
        return True
    k = _verb_of(parse, offset)
    return k is not None and _direct(parse, offset, k)


def _perfect_or_past(toks, k: int) -> bool:
    aux = [t for t in toks if t.head == k and t.dep in ("aux", "auxpass")]
    return (
        toks[k].tag == "VBD"
        or any(t.tag == "VBD" for t in aux)
        or toks[k].tag == "VBN"
        and any(t.text.lower() in ("has", "have", "had") for t in aux)
    )


def _governing_verb(toks, k: int) -> int | None:
    """The verb above verb ``k`` ("had been due to expire" → "been"), up to 3 steps."""
    for _ in range(3):
        if toks[k].head == k:
            return None
        k = toks[k].head
        if toks[k].tag.startswith("VB"):
            return k
    return None


def tense(parse: SentenceParse | None, offset: int, context: str) -> str:
    """ "past", "future" or "" for the clause around character ``offset`` of the sentence: the
    verb the date hangs on (its tag, a "will"/"would" beside it) when the date is the verb's
    own (``_direct``), else words nearby."""
    if parse is not None and parse.tokens:
        toks = parse.tokens
        k = _verb_of(parse, offset)
        aux = [t for t in toks if k is not None and t.head == k and t.dep in ("aux", "auxpass")]
        # a "will" rules its whole clause ("will be named commander for a mission in December")
        if any(t.tag == "MD" and t.text.lower() in ("will", "would", "shall", "'ll") for t in aux):
            return "future"
        if k is not None and _direct(parse, offset, k):
            if toks[k].text.lower() in _PREDICTING and toks[_token_at(parse, offset)].tag != "IN":
                return "future"
            if any(t.text.lower() == "to" for t in aux):
                # "had been scheduled to expire Friday": the plan was in the past
                above = _governing_verb(toks, k)
                if above is not None and _perfect_or_past(toks, above):
                    return "past"
                if _FUTURE_WORDS.search(context):
                    return "future"
            if _perfect_or_past(toks, k):
                return "past"
    if _FUTURE_WORDS.search(context) and not _PAST_WORDS.search(context):
        return "future"
    if _PAST_WORDS.search(context):
        return "past"
    return ""


# Modal verbs that make their clause a possibility, not a fact ("which could prompt a special
# election next year"). Not "would", mostly a plan reported from the past ("said the government
# would meet the union on February 3"), nor "can", "should", "must", which state rules and plans
# with real dates ("voters can cast ballots Tuesday"). With "would", timebank_dates_dev
# precision was 0.954 -> 0.957 but recall 0.726 -> 0.721, and the plans it drops are events.
_IRREALIS = frozenset(["could", "might", "may"])
_FINITE = frozenset(["VBD", "VBZ", "VBP", "MD"])


def _finite_verb(toks, k: int) -> int | None:
    """The nearest verb at or above verb ``k`` that carries tense (by its tag or an auxiliary)."""
    for _ in range(8):
        own = [a for a in toks if a.head == k and a.dep in ("aux", "auxpass")]
        if toks[k].tag in _FINITE or any(a.tag in _FINITE for a in own):
            return k
        if toks[k].head == k:
            return None
        k = toks[k].head
    return None


def _is_past(toks, k: int) -> bool:
    own = [a for a in toks if a.head == k and a.dep in ("aux", "auxpass")]
    return toks[k].tag == "VBD" or any(a.tag == "VBD" for a in own)


def _phrase_above(toks, k: int | None) -> str:
    """ "source" when token ``k`` dates the source of an "according to ..." phrase (not a clause
    inside it: "according to a post from Jones, who died in 2013"), "comparison" when it lies in
    the standard of a comparison ("than ...", clauses included: "lower than the 46,797 he saw on
    Friday"), else "" (up to 8 steps up the tree)."""
    in_clause = False
    for _ in range(8):
        if k is None or toks[k].head == k:
            return ""
        word = toks[k].text.lower()
        if word == "to" and k > 0 and toks[k - 1].text.lower() == "according" and not in_clause:
            return "source"
        if word == "than":
            return "comparison"
        in_clause = in_clause or toks[k].tag.startswith("VB")
        k = toks[k].head
    return ""


# Clause links that keep a verb in the sentence's main line: coordinated ("and then persuaded"),
# reported ("revealed she suffered ..."), or a complement ("helped organize").
_MAIN_LINKS = frozenset(["conj", "ccomp", "xcomp", "parataxis"])
_RELATIVE_YEAR = re.compile(r"(?i)(?:last|next)\s+year")


def _in_main_clause(parse: SentenceParse, offset: int) -> bool:
    """Whether the date at ``offset`` is the own date of a verb in the sentence's main line."""
    toks = parse.tokens
    k = _verb_of(parse, offset)
    if k is None or not _direct(parse, offset, k):
        return False
    for _ in range(8):
        if toks[k].head == k or toks[k].dep == "ROOT":
            return True
        if toks[k].dep not in _MAIN_LINKS:
            return False
        k = toks[k].head
    return False


# Words that make a "to" clause a plan ("was slated to introduce", "had been set to expire").
_PLANNED = frozenset(["slated", "scheduled", "set", "planned", "expected", "supposed"])


def _past_plan(toks, k: int) -> bool:
    """Whether verb ``k`` is what a plan told in the past was to do ("was slated to introduce
    Bennett ... on Saturday"): whether it happened the sentence doesn't say; such plans are told
    mostly because they changed ("had been scheduled to expire Friday" before an extension)."""
    if not any(t.head == k and t.tag == "TO" for t in toks):
        return False
    above = _governing_verb(toks, k)
    if above is None or toks[above].text.lower() not in _PLANNED or toks[above].tag != "VBN":
        return False
    kids = [t for t in toks if t.head == above]
    # "was set to", "had been scheduled to"; not "set up a table to collect"
    return (
        any(t.dep in ("aux", "auxpass") for t in kids)
        and not any(t.dep == "prt" for t in kids)
        and _perfect_or_past(toks, above)
    )


def dates_no_event(parse: SentenceParse | None, offset: int, written: str) -> str:
    """Why the date at ``offset`` dates no event the text reports, or "" when it does:
    - "source": the date of the source a statement is attributed to ("according to the
      operator's 2019 assessment", "according to a news agency report Friday"): as with a
      remark's date (``dates_a_remark``), the telling is dated, not the event;
    - "comparison": the date of the standard a figure is compared with ("much lower than the
      46,797 he saw on Friday", "lower than a year ago"); timebank_dates_dev: 2 entries, no gold
      date lost;
    - "hypothetical": the date's own verb is under a modal ("could prompt ... next year");
    - "plan": what a plan told in the past was to do (``_past_plan``); timebank_dates_dev: 2
      entries ("had been set to expire Nov. 6", before an extension), one gold date lost;
    - "period": "last year" or "next year" other than as the date of a main-clause verb: the
      period of a comparison ("up from last year's $2.34 billion") or a description ("China,
      where the virus emerged last year"). On timebank_dates_dev these were right 22 times in
      24 (the set: 0.955); left out there, precision 0.955 -> 0.957, recall 0.729 -> 0.704;
      "this year" in the same places is as often right as elsewhere, and stays;
    - "generic": "today" on a verb with no tense of its own under a past one, or under none
      ("she described their lives today as ...", a post's "Honored to have spoken today"): the
      present as against then, not the day of writing.
    """
    if parse is None or not parse.tokens:
        return ""
    toks = parse.tokens
    phrase = _phrase_above(toks, _token_at(parse, offset))
    if phrase:
        return phrase
    if _RELATIVE_YEAR.fullmatch(" ".join(written.split())) and not _in_main_clause(parse, offset):
        return "period"
    k = _verb_of(parse, offset)
    if k is None:
        return ""
    if _past_plan(toks, k):
        return "plan"
    if _direct(parse, offset, k) and any(
        t.head == k and t.tag == "MD" and t.text.lower() in _IRREALIS for t in toks
    ):
        return "hypothetical"
    if written.lower() == "today" and toks[k].tag in ("VB", "VBG", "VBN"):
        above = _finite_verb(toks, k)
        if above != k and (above is None or _is_past(toks, above)):
            return "generic"
    return ""
