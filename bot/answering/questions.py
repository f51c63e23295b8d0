"""What a question asks for: its kind (who/when/where/...), its terms, named entities and focus."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlp.surface import capitalized
from index.text.terms import STOPWORDS, stem, terms
from index.text.tokens import fold, folded_words

_AUX = {
    "is",
    "are",
    "was",
    "were",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "shall",
    "must",
    "been",
    "be",
}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
_QWORDS = {"who", "whom", "whose", "what", "which", "when", "where", "why", "how"}
_NUMBER_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "several",
    "many",
    "few",
    "first",
    "second",
    "third",
    "main",
    "key",
    "other",
}
# Abstract nouns name the answer's role, not a thing the text must mention ("what problem …",
# "what role …"): an article never saying "problem" can still describe one.
ABSTRACT_FOCUS = frozenset(
    """problem problems issue issues challenge challenges role roles reason reasons
    purpose goal goals aim aims result results effect effects impact consequence consequences position
    stance view views response reaction solution step steps measure measures way ways method thing
    things concern concerns threat threats risk risks danger fear fears worry hope hopes plan plans
    message argument point idea factor factors change changes difference situation status outcome
    significance importance lesson trend development developments action actions move moves
    strategy approach objective objectives motive motives cause causes benefit advantage""".split()
)
_FILLER = {"kind", "type", "sort", "kinds", "types", "of", "exactly", "specific", "particular"}

# Questions about the article itself, answered from its metadata passage.
_META_PATTERNS = [
    (
        "reading_time",
        re.compile(
            r"\b(how long\b.*\bread|reading time|minutes? (?:to|of) read|min(?:ute)?s? read)"
        ),
    ),
    # Only about the article itself: "Who wrote The Star-Spangled Banner?" or "Author Cormac McCarthy
    # died ... which novel?" ask about the world (both were answered from bylines before).
    (
        "author",
        re.compile(
            r"\b(?:wrote|authored|penned|written|reported|author of|writer of|byline (?:of|on))\s+"
            r"(?:the|this|that)\s+(?:article|story|piece|report|text)\b"
            r"|\b(?:article|story|piece|report)(?:'s)?\s+(?:author|writer|byline)\b|\bbyline\b"
        ),
    ),
    (
        "published",
        re.compile(
            r"\b(when was (?:the|this|that) (?:article|piece|story|report|text)\b.*\b(?:published|written|posted|released|out)"
            r"|publication date|date of (?:the|this) (?:article|piece|story)|(?:article|piece|story) (?:was )?(?:published|dated)"
            r"|when was it (?:published|written|posted))"
        ),
    ),
    (
        "title",
        re.compile(
            r"\b(?:headline|title) of (?:the|this|that) (?:article|piece|story|report)\b"
            r"|\b(?:article|piece|story|report)(?:'s)? (?:headline|title)\b|^what(?: is|'s) the (?:headline|title)\??$"
        ),
    ),
]


@dataclass(frozen=True)
class Question:
    text: str
    kind: str  # who | when | where | count | duration | why | how | which | what | yesno | other
    meta: str  # "" or author | published | title | reading_time
    terms: tuple[str, ...]  # unique stemmed content terms
    entities: tuple[str, ...]  # stemmed terms of capitalized words / acronyms (names, places)
    focus: tuple[str, ...]  # stemmed terms of the asked-for thing ("what weapons" → weapon)
    acronym: str = ""  # for "what does X stand for": X as written


# "What is the population of X?" asks for a number even without "how many".
_MEASURES = (
    r"population|gdp|size|area|number|percentage|rate|cost|price|budget|toll|age|height|"
    r"length|distance|value|amount|total|salary|revenue|income|death toll|casualties|turnout"
)
_ACRONYM = re.compile(
    r"\bwhat (?:does|do|did) ([a-z0-9-]{2,10}) stand for|\bwhat is ([a-z0-9-]{2,10}) short for"
    r"|\bwhat (?:does|do) (?:the )?(?:acronym|abbreviation) ([a-z0-9-]{2,10}) mean"
    r"|\b(?:full|long) (?:name|form) of ([a-z0-9-]{2,10})\b"
)


def _kind(q: str) -> str:
    if _ACRONYM.search(q):
        return "acronym"
    if re.search(rf"\b(what|which) (is|was|are|were) (the )?({_MEASURES})\b", q):
        return "count"
    if re.search(r"\bhow (many|much)\b|\bwhat (number|percentage|share|proportion)\b", q):
        return "count"
    if re.search(r"\bhow long\b", q):
        return "duration"
    if re.search(
        r"\b(when|since when|(?:what|which|on what|on which) (?:year|date|month|day|time|week|season))\b",
        q,
    ):
        return "when"
    if re.search(
        r"\bwhere\b|\b(which|what) (city|cities|town|country|countries|region|place|area|village|province)\b",
        q,
    ):
        return "where"
    if re.search(
        r"\b(who|whom|whose)\b|\b(which|what) (group|organi[sz]ation|person|people|leader|minister|official|faction|militia|party|company)\b",
        q,
    ):
        return "who"
    if re.search(r"\bwhy\b", q):
        return "why"
    if re.search(r"\bhow\b", q):
        return "how"
    if re.search(r"\bwhich\b", q):
        return "which"
    if re.search(r"\bwhat\b", q):
        return "what"
    if re.match(r"^(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b", q):
        return "yesno"
    return "other"


def _may_be_name(first_word: str) -> bool:
    """A question's first word is a name unless it is a question or function word ("Who", "Did",
    "The")."""
    low = first_word.lower()
    return not (low in _QWORDS or low in _AUX or low in STOPWORDS)


def _entities(text: str) -> list[str]:
    """Stems of the question's names: its capitalized words."""
    return [t for w in capitalized(text, keep_first=_may_be_name) for t in terms(w) if t]


def _focus(q: str) -> list[str]:
    """Words after what/which up to the verb: "what weapons did ..." → weapons; the counted
    thing of "how much aid ..." → aid."""
    ws = folded_words(q)
    for i in range(len(ws) - 2):
        if ws[i] == "how" and ws[i + 1] in ("many", "much") and ws[i + 2] not in _AUX:
            return [stem(ws[i + 2])] if ws[i + 2] not in STOPWORDS else []
    for i, w in enumerate(ws):
        if w not in ("what", "which"):
            continue
        j = i + 1
        if j < len(ws) and ws[j] in ("is", "are", "was", "were"):
            j += 1  # "what is the GDP of X" asks for the GDP
        if j + 1 < len(ws) and ws[j] in ("kind", "type", "sort") and ws[j + 1] == "of":
            j += 2
        phrase = []
        while (
            j < len(ws)
            and ws[j] not in _AUX
            and ws[j] not in ("of", "in", "for", "to", "on", "by", "from")
        ):
            if ws[j] in ABSTRACT_FOCUS and not phrase:
                return []
            if ws[j] not in _DETERMINERS and ws[j] not in _FILLER and ws[j] not in _NUMBER_WORDS:
                phrase.append(ws[j])
            elif ws[j] in ("of",) and phrase:
                break
            j += 1
            if len(phrase) >= 3:
                break
        return [stem(w) for w in phrase if w not in STOPWORDS]
    return []


def analyze(text: str) -> Question:
    q = fold(text.strip())
    meta = next((name for name, pattern in _META_PATTERNS if pattern.search(q)), "")
    acronym = ""
    m = _ACRONYM.search(q)
    if m:
        folded = next(g for g in m.groups() if g)
        acronym = next((w for w in re.findall(r"[\w-]+", text) if w.lower() == folded), folded)
    return Question(
        text=text.strip(),
        kind=_kind(q),
        meta=meta,
        terms=tuple(dict.fromkeys(terms(text))),
        entities=tuple(dict.fromkeys(_entities(text))),
        focus=tuple(dict.fromkeys(_focus(q))),
        acronym=acronym,
    )
