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
_N = rf"(?:{_STRONG}|{_WEAK})"
# A few words naming the article before its noun ("the Los Angeles Times", "Knight's"), never a
# phrase that puts something else first ("the letter quoted in the article").
_BEFORE = r"(?:that )?(?:(?!(?:in|about|on|from|to|for|with|by|at|mentioned|cited|quoted|that|which)\b)[\w'.&-]+ ){0,5}?"
# The asked field is the article's only where its words and the article's noun go together:
# "When was the vaccine released, says the story about …" asks about a vaccine.
_FIELDS = [
    (
        "reading_time",
        r"\bhow (?:long|many minutes)\b.*\bread\b|\breading time\b|\bminutes? (?:to|of) read",
    ),
    (
        "address",
        rf"\b(?:url|link|web address) (?:to|of|for) {_BEFORE}{_N}\b"
        rf"|\b{_N}(?:'s)? (?:url|link|web address)\b|\bwhere can i (?:read|find) {_BEFORE}{_N}\b",
    ),
    (
        "title",
        rf"\b(?:headline|title) (?:of|on|for) {_BEFORE}{_N}\b|\b{_N}(?:'s)? (?:headline|title)\b"
        rf"|\bwhat(?:'s| is| was) {_BEFORE}{_N} (?:called|titled|headlined)\b",
    ),
    (
        "author",
        rf"\bwho (?:wrote|writes|authored|penned|reported|filed|bylined|is behind|was behind) "
        rf"{_BEFORE}{_N}\b|\bwhose (?:byline|name) (?:is |was )?(?:on|is on|appears on)\b"
        rf"|\b(?:who(?:'s| is| was| are| were) |tell me |give me |name )?(?:the )?(?:authors?|writers?|"
        rf"reporters?|journalists?|correspondents?|bylines?) (?:of|on|for|behind) {_BEFORE}{_N}\b"
        rf"|\b{_N}(?:'s)? (?:authors?|writers?|bylines?)\b|\bby whom (?:was|is) {_BEFORE}{_N}\b"
        rf"|\b(?:which|what) (?:reporters?|journalists?|writers?|authors?|correspondents?) "
        rf"(?:wrote|penned|filed|authored|reported) {_BEFORE}{_N}\b"
        rf"|\b(?:which|what) (?:news agency|agency|wire service|wire|desk)\b.*\b(?:credited|"
        rf"wrote|filed|behind|byline)\b|\b(?:credited|bylined) (?:on|in|for|with) {_BEFORE}{_N}\b"
        rf"|\bbyline (?:of|on) {_BEFORE}{_N}\b"
        rf"|\bwho (?:was|is|were) {_BEFORE}{_N} (?:\S+ ){{0,12}}?(?:written|reported|filed|penned) by\b",
    ),
    (
        "outlet",
        rf"\b(?:which|what) (?:news |media )?(?:outlet|publication|newspaper|magazine|broadcaster|"
        rf"publisher|news ?site|news organi[sz]ation|media outlet)s?\b"
        rf"|\b(?:which|what) (?:site|website|paper|network|source)s? (?:published|ran|run|carried|"
        rf"printed|put out|posted|wrote|reported|broke)\b"
        rf"|\bwho (?:published|ran|carried|printed|put out|posted|publishes|runs) {_BEFORE}{_N}\b"
        rf"|\b(?:publisher|outlet) (?:of|behind) {_BEFORE}{_N}\b"
        rf"|\bwhere (?:was|is|did) {_BEFORE}{_N}\b.*\b(?:published|posted|appear(?:ed)?|run|ran)\b",
    ),
    (
        "updated",
        rf"\b(?:when|what date|which day|on what date)\b.*\b{_N}\b.*\b(?:last )?(?:updated|modified)\b",
    ),
    (
        "published",
        rf"\bwhen (?:was|were|is|had|did|does) {_BEFORE}{_N}\b.*\b(?:{_PUBLISH})\b"
        rf"|\bwhen (?:did|does|was|were) {_BEFORE}(?:{_PUBLISH}) (?:\S+ ){{0,3}}?{_N}\b"
        rf"|\b(?:what|which) (?:date|day|month|year|time)\b (?:\S+ ){{0,6}}?(?:{_PUBLISH}) "
        rf"(?:\S+ ){{0,4}}?{_N}\b|\b(?:what|which) (?:date|day|month|year|time)\b (?:\S+ ){{0,3}}?"
        rf"{_BEFORE}{_N}\b.*\b(?:{_PUBLISH})\b"
        rf"|\b(?:publication|publishing|release|posting) date\b|\bhow (?:old|recent) is {_BEFORE}{_N}\b"
        rf"|\b(?:date of|date on|dated) {_BEFORE}{_N}\b|\b{_N}(?:'s)? (?:date|dated)\b"
        rf"|\bwhat (?:date|day) (?:is|was) (?:on )?{_BEFORE}{_N}\b",
    ),
]
_FIELD_RES = [(name, re.compile(p)) for name, p in _FIELDS]
# A question about the collection: "which/how many/list … articles|outlets …".
_COLLECTION = re.compile(
    r"\b(?P<ask>how many|which|what|list|name|show|count|any|are there|do you have)\b(?:\s+(?:of\s+)?(?:the|all|your|these|"
    r"indexed|different|other|news)){0,3}\s+(?P<what>articles|stories|pieces|reports|op-?eds|"
    r"columns|outlets|publications|newspapers|papers|websites|sites|publishers|sources|"
    r"authors|writers|reporters|journalists)\b"
)
# Nouns that also name other things ("Which sites were bombed?", "Which journalists were
# detained?"): a collection question only with an article noun beside them.
_AMBIGUOUS = {
    "papers",
    "websites",
    "sites",
    "sources",
    "reports",
    "authors",
    "writers",
    "reporters",
    "journalists",
}
# "How many stories tall is the tower?": storeys of a building, not news stories.
_FLOORS = re.compile(r"\b(?:tall|high|higher|taller|floors?|building|tower|skyscraper|storeys?)\b")
_OUTLETS = {"outlets", "publications", "newspapers", "papers", "websites", "sites", "publishers"}
_PEOPLE = {"authors", "writers", "reporters", "journalists"}
# Where the description of the article starts: after its noun and a preposition, or after "that".
_ABOUT = re.compile(
    r"\b(?:about|on|of|regarding|concerning|covering|describing|titled|headlined|called|that|which|"
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


def _one_article_noun(q: str) -> re.Match | None:
    """The noun naming one article: singular, after a determiner or a possessive ("the BBC
    report", "its story", "Knight's piece"); "print opinion pieces" names no article."""
    for m in _NOUN.finditer(q):
        singular = not re.search(r"(?:s|ies|es)$", m.group(0)) or m.group(0) in _SINGULAR_S
        if singular and _DETERMINED.search(q[: m.start()]):
            return m
    return None


_SINGULAR_S = {"coverage", "analysis", "news items", "dispatch"}
_DETERMINED = re.compile(
    r"\b(?:the|this|that|its|their|his|her|an?|[\w.&-]+'s)\s+(?:[\w'.&-]+\s+){0,5}$"
)


def _collection_usage(q: str, c: re.Match) -> bool:
    """Whether the matched noun means the indexed articles (or their outlets, authors)."""
    what = c.group("what")
    if re.match(r"\s+of\b", q[c.end() :]):
        return False  # "articles of the constitution", "pieces of evidence"
    if what == "stories" and _FLOORS.search(q):
        return False
    rest = q[: c.start()] + " " + q[c.end() :]
    return what not in _AMBIGUOUS or bool(re.search(rf"\b(?:{_STRONG})\b", rest))


def parse(text: str) -> AboutQuestion | None:
    """``AboutQuestion`` for a question about the articles themselves, else None."""
    text = " ".join(text.split())
    q = _low(text)
    c = _COLLECTION.search(q)
    if c and _collection_usage(q, c):
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
    noun = _one_article_noun(q)
    if not noun:
        return _nounless(text, q)
    field = _field(q)
    if not field:
        return _nounless(text, q)  # "report" as a verb: "When did Politico report on …?"
    return AboutQuestion(text, field, "", _topic(text, noun.end()), bool(noun.group("weak")))


# Asked without a word for the article: "Which journalist wrote about the strike?", "Which
# outlet reported on …?" (the asker names who, so it is about bylines or outlets); "When did
# Politico report on …?" (weak: only where an indexed article's outlet or author is the subject).
_WHO_WROTE = re.compile(
    r"\b(?:which|what) (?:news |media )?(?P<who>(?:reporter|journalist|writer|correspondent|author)|"
    r"(?:outlet|publication|newspaper|news ?site|magazine|broadcaster|news organi[sz]ation))"
    r" (?:first )?(?:wrote|reported|published|ran|covered|broke|carried|had)"
    r" (?:a piece |a story |the story |the news |news )?(?:about|on|of|that)\s+"
)
_WHEN_DID = re.compile(
    r"\bwhen did (?:\S+ ){1,5}?(?:report|publish|write|cover|run a piece|run a story)"
    r" (?:about|on|that)\s+"
)


def _nounless(text: str, q: str) -> AboutQuestion | None:
    m = _WHO_WROTE.search(q)
    if m:
        field = "outlet" if m.group("who") not in _PEOPLE_SINGULAR else "author"
        return AboutQuestion(text, field, "", text[m.end() :].strip().rstrip("?.! "))
    m = _WHEN_DID.search(q)
    if m:
        return AboutQuestion(text, "published", "", text[m.end() :].strip().rstrip("?.! "), True)
    return None


_PEOPLE_SINGULAR = {"reporter", "journalist", "writer", "correspondent", "author"}
_PRONOUN = re.compile(r"\b(?:it|that one|this one|the same one)\b", re.IGNORECASE)


def follow_up(text: str) -> AboutQuestion | None:
    """A follow-up asking a field of the article the conversation is about, naming none: "Who
    wrote it?", "When was that story published?"."""
    about = parse(_PRONOUN.sub("the article", text))
    if about is None or not about.field or about.collection or about.topic:
        return None
    return about
