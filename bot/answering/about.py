"""Questions about the articles themselves, as a reader asks them with many indexed: which field
of one article is asked for ("Who wrote the Reuters piece on the rail strike?", "On what date did
the Times run its story about …?", "Which outlet published the article about …?"), or a question
about the collection ("Which articles are from January?", "How many stories mention Hezbollah?",
"Which outlets covered the strike?"). Which article is meant is ``bot.answering.resolve``'s.

The patterns are about how people ask for bylines, dates and outlets of news articles, not about
any article: the words for an article ("piece", "story", "op-ed"), for its fields ("byline",
"run", "published") and for who publishes ("outlet", "paper", "site").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Nouns that always mean a news article; "report", "coverage", "interview" … also name things an
# article reports on (a UN report), so with those the question must name an outlet or an author
# of an indexed article (``AboutQuestion.weak``).
_STRONG = r"articles?|stor(?:y|ies)|pieces?|op-?eds?|columns?|write-?ups?|editorials?|explainers?|dispatch(?:es)?|news ?items?|blog ?posts?"
_WEAK = r"reports?|coverage|features?|items?|posts?|analys[ie]s|profiles?|reporting|interviews?"
_NOUN = re.compile(rf"\b(?:(?P<strong>{_STRONG})|(?P<weak>{_WEAK}))\b")
_PUBLISH = (
    r"publish(?:ed)?|post(?:ed)?|releas(?:e|ed)|written|write|run|ran|print(?:ed)?|put out|"
    r"come out|came out|filed?|dated|appear(?:ed)?|go up|went up|online|updated"
)
# (field, pattern), first match wins: "which outlet published" asks for the outlet, not a date.
_FIELDS = [
    ("reading_time", r"\bhow long\b.*\bread\b|\breading time\b|\bminutes? (?:to|of) read"),
    ("address", r"\b(?:url|link|web address|web page)\b|\bwhere can i (?:read|find)\b"),
    ("title", r"\b(?:headline|title)d?\b|\bwhat (?:is|was) (?:it|the \w+) called\b"),
    (
        "author",
        r"\bwho (?:wrote|writes|authored|penned|reported|filed|is behind|was behind|bylined)\b"
        r"|\bwhose (?:byline|name)\b|\bwho (?:is|was|are|were) (?:the )?(?:authors?|writers?|"
        r"reporters?|journalists?|correspondents?|bylines?)\b|\b(?:authors?|writers?|reporters?|"
        r"journalists?|bylines?|correspondents?) (?:of|on|for|behind)\b|\bby whom\b|\bcredited\b"
        r"|\b(?:which|what) (?:reporter|journalist|writer|author|correspondent|news agency|"
        r"agency|wire service|desk)s?\b|\bwritten by\b|\bbyline\b",
    ),
    (
        "outlet",
        r"\b(?:which|what) (?:news |media )?(?:outlet|publication|newspaper|paper|site|website|"
        r"web ?site|news ?site|magazine|broadcaster|network|publisher|news organi[sz]ation|"
        r"media|source)s?\b|\bwho (?:published|ran|carried|printed|put out|posted|runs|publishes)\b"
        r"|\b(?:publisher|outlet) (?:of|behind)\b|\bwhere (?:was|is|did) .*\b(?:published|from|"
        r"posted|appear|run)\b",
    ),
    (
        "updated",
        r"\b(?:when|what date|which day|on what date)\b.*\b(?:last )?(?:updated|modified)\b",
    ),
    (
        "published",
        rf"\bwhen (?:was|were|did|is|had)\b.*\b(?:{_PUBLISH})\b|\b(?:what|which) (?:date|day|"
        rf"month|year|time)\b.*\b(?:{_PUBLISH})\b|\b(?:publication|publishing|release|posting) "
        r"date\b|\bhow (?:old|recent) is\b|\bdated\b|\bdate of\b|\bwhat(?:'s| is| was) the date\b"
        r"|\bwhat (?:date|day) (?:is|was)\b|\bdate (?:is |was )?(?:on|of)\b",
    ),
]
_FIELD_RES = [(name, re.compile(p)) for name, p in _FIELDS]
# A question about the collection: "which/how many/list … articles|outlets …".
_COLLECTION = re.compile(
    r"\b(?P<ask>how many|which|what|list|name|show|count)\b(?:\s+(?:of\s+)?(?:the|all|your|these|"
    r"indexed|different|other|news)){0,3}\s+(?P<what>articles|stories|pieces|reports|op-?eds|"
    r"columns|outlets|publications|newspapers|papers|websites|sites|publishers|sources|"
    r"authors|writers|reporters|journalists)\b"
)
# "How many stories tall is the tower?": storeys of a building, not news stories.
_FLOORS = re.compile(r"\b(?:tall|high|higher|taller|floors?|building|tower|skyscraper|storeys?)\b")
_OUTLETS = {"outlets", "publications", "newspapers", "papers", "websites", "sites", "publishers"}
_PEOPLE = {"authors", "writers", "reporters", "journalists"}
# Where the description of the article starts: after its noun and a preposition, or after "that".
_ABOUT = re.compile(
    r"\b(?:about|on|regarding|concerning|covering|describing|titled|headlined|called|that|which|"
    r"where|in which|saying|reporting|mentioning|discussing)\b\s+(?P<rest>.+)$"
)
# Words of the asked field trailing the description ("… about X published?").
_TRAILING = re.compile(rf"\s+(?:(?:first |originally )?(?:{_PUBLISH})|out|by)\s*$")


def _low(text: str) -> str:
    # Lower case of the same length, so positions found in it index the question as written.
    low = text.lower().replace("\u2019", "'")
    return low if len(low) == len(text) else text.replace("\u2019", "'")


@dataclass(frozen=True)
class AboutQuestion:
    """What a question about the articles asks. ``field``: author | published | outlet | title |
    reading_time | address | "" (the articles themselves, for a collection question);
    ``collection``: "" for one article, else "list" | "count" | "outlets" | "authors";
    ``topic``: the words that describe the article(s), as asked ("New York burying the dead").
    """

    text: str
    field: str
    collection: str = ""
    topic: str = ""
    weak: bool = False  # named by a noun that also means other things ("report")


def _field(q: str) -> str:
    return next((name for name, pattern in _FIELD_RES if pattern.search(q)), "")


def _topic(text: str, start: int) -> str:
    """The words after the article's noun: "… the BBC report about New York burying the dead
    published?" → "New York burying the dead"."""
    rest = text[start:]
    m = _ABOUT.search(_low(rest))
    topic = rest[m.start("rest") :] if m else ""
    topic = topic.strip().rstrip("?.! ")
    while True:
        cut = _TRAILING.sub("", topic, count=1) if _TRAILING.search(_low(topic)) else topic
        if cut == topic:
            return topic
        topic = cut.rstrip(" ,")


def parse(text: str) -> AboutQuestion | None:
    """``AboutQuestion`` for a question about the articles themselves, else None."""
    text = " ".join(text.split())
    q = _low(text)
    c = _COLLECTION.search(q)
    if c and not (c.group("what") == "stories" and _FLOORS.search(q)):
        what, ask = c.group("what"), c.group("ask")
        kind = (
            "count"
            if ask in ("how many", "count")
            else "outlets"
            if what in _OUTLETS
            else "authors"
            if what in _PEOPLE
            else "list"
        )
        return AboutQuestion(text, "", kind, text[c.end() :].strip().rstrip("?.! "))
    noun = _NOUN.search(q)
    if not noun:
        return None
    field = _field(q)
    if not field:
        return None
    return AboutQuestion(text, field, "", _topic(text, noun.end()), bool(noun.group("weak")))
