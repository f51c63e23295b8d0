"""Which indexed article a question means, when it names one by outlet, author, date or topic
("the Wired story about the energy cost of training AI", "Knight's piece", "the January 19
article").

Every article is scored against the description: what it names outright (the outlet it ran in,
an author's name, a month or day of publication) narrows the candidates; the topic words rank
them, by the embedder's similarity to the article's metadata passage and lead paragraph (the
vectors already in the store) and by how much of the topic the article's own words cover
(idf-weighted). The best one is taken only when it is clearly ahead of the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from bot.corpus import Corpus
from index.pages import outlets
from index.text.calendar import MONTH_SHORT, MONTHS
from index.text.terms import terms

# Words of a question about an article that say what is asked, not which article.
ASK_WORDS = frozenset(
    terms(
        "article articles story stories piece pieces report reports op-ed column write-up editorial "
        "coverage outlet outlets publication newspaper paper site website magazine publisher "
        "wrote written write author writer byline reporter journalist correspondent credited "
        "published publish posted run ran released date dated day headline title read reading "
        "time long news agency when who whose which what mention mentions mentioned cover covered "
        "discuss discussed about indexed"
    )
)
_MONTHS = list(MONTHS)
_MONTH_RE = re.compile(
    r"\b(" + "|".join(_MONTHS) + "|" + MONTH_SHORT.lower() + r")\b\.?"
    r"(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?",
    re.IGNORECASE,
)
_DAY_MONTH_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_NAME_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
# A date the topic gives as the articles' own: "published in 2020", "from January", "in March".
_DATED = re.compile(
    r"\b(?:from|published|dated|posted|written|released|run|ran|in|on|during|since)\b"
    r"(?:\s+[\w.,]+){1,4}",
    re.IGNORECASE,
)
# The lead: the metadata passage's vector and the first body paragraph's.
LEAD_PARAGRAPHS = 2
# Ids per store request: chromadb fails on one ``get`` of ~32k ids ("too many SQL variables").
_GET_BATCH = 5_000


@dataclass(frozen=True)
class Profile:
    """One indexed article as questions name it."""

    article_id: str
    meta: int  # corpus position of its metadata passage
    title: str
    outlet: str
    authors: tuple[str, ...]
    published: str  # YYYY-MM-DD or ""
    lead: tuple[int, ...] = ()  # positions of its first body passages
    host: str = ""  # the host of its address or file name, another way to name the outlet


@dataclass(frozen=True)
class DateAsked:
    year: str = ""
    month: int = 0
    day: int = 0

    def fits(self, iso: str) -> bool:
        if not iso:
            return False
        y, m, d = iso[:4], int(iso[5:7]), int(iso[8:10])
        return (
            (not self.year or y == self.year)
            and (not self.month or m == self.month)
            and (not self.day or d == self.day)
        )

    def __bool__(self) -> bool:
        return bool(self.year or self.month)


@dataclass(frozen=True)
class Cues:
    """What a question names outright: articles of a named outlet, by a named author, of a named
    date (``None``: nothing of that kind named), and the words that named them."""

    outlet: frozenset[str] | None = None
    author: frozenset[str] | None = None
    date: DateAsked = field(default_factory=DateAsked)
    words: frozenset[str] = frozenset()

    def allowed(self, profiles: list[Profile]) -> list[Profile]:
        kept = [
            p
            for p in profiles
            if (self.outlet is None or p.article_id in self.outlet)
            and (self.author is None or p.article_id in self.author)
            and (not self.date or self.date.fits(p.published))
        ]
        return kept


def date_asked(text: str) -> DateAsked:
    """The month, day and year a question names: "the January 19 article", "from 2020"."""
    year = next(iter(_YEAR_RE.findall(text)), "")
    month = day = 0
    for m in _MONTH_RE.finditer(text):
        month = next((i + 1 for i, n in enumerate(_MONTHS) if n.startswith(m.group(1).lower())), 0)
        # A bare month word is a month when written as one ("in March", not "the march"; "May"
        # not opening the question), or with a day or a year.
        bare = not (m.group(2) or year)
        if bare and (
            not m.group(1)[0].isupper() or (m.group(1).lower() == "may" and m.start() == 0)
        ):
            month = 0
            continue
        day = int(m.group(2)) if m.group(2) and int(m.group(2)) <= 31 else 0
        break
    if month and not day:
        for m in _DAY_MONTH_RE.finditer(text):
            if _MONTHS[month - 1].startswith(m.group(2).lower()[:3]):
                day = int(m.group(1)) if int(m.group(1)) <= 31 else 0
    return DateAsked(year, month, day)


def _ngrams(text: str, longest: int = 5) -> list[tuple[str, bool]]:
    """(phrase, capitalised) of up to ``longest`` words: outlets and names are proper nouns."""
    ws = [re.sub(r"['’]s$", "", w) for w in _NAME_WORD.findall(text)]  # "BBC's" names the BBC
    out = []
    for i in range(len(ws)):
        for j in range(i + 1, min(i + longest, len(ws)) + 1):
            phrase = ws[i:j]
            caps = all(w[:1].isupper() for w in phrase if w.lower() not in ("of", "the", "and"))
            out.append((" ".join(phrase), caps))
    return out


class Resolver:
    """Scores every indexed article of ``corpus`` against a question's description."""

    def __init__(self, corpus: Corpus, vectorstore=None, embeddings=None) -> None:
        self.corpus = corpus
        self.vectorstore = vectorstore
        self.embeddings = embeddings

    @cached_property
    def profiles(self) -> list[Profile]:
        out = []
        for aid, i in self.corpus.meta_of.items():
            p = self.corpus.passages[i]
            lead = tuple(
                j
                for j in range(i + 1, min(i + 1 + LEAD_PARAGRAPHS, len(self.corpus)))
                if self.corpus.passages[j].article_id == aid
            )
            authors = tuple(a.strip() for a in p.author.split(",") if a.strip())
            host = outlets.host(p.source) or outlets.host_in_name(p.file)
            out.append(Profile(aid, i, p.title, p.outlet, authors, p.published, lead, host))
        return out

    @cached_property
    def _outlet_names(self) -> set[str]:
        return {o for p in self.profiles for o in (p.outlet, p.host) if o}

    @cached_property
    def _article_of(self) -> np.ndarray:
        """Each corpus position's article, as an index into ``profiles`` (-1: none)."""
        where = {p.article_id: k for k, p in enumerate(self.profiles)}
        return np.array([where.get(p.article_id, -1) for p in self.corpus.passages], np.int64)

    def cues(self, question: str, topic: str = "") -> Cues:
        """What ``question`` names outright; a date inside its ``topic`` ("the story about the
        2020 election") is the topic's, unless it follows a word of publishing ("… published in
        2020", "articles from January")."""
        lower = question == question.lower()
        grams = [g for g, caps in _ngrams(question) if caps or lower]
        # Each distinct outlet name or host is tried once (thousands of articles, a few outlets).
        said_by = {o: [g for g in grams if outlets.names(g, o)] for o in self._outlet_names}
        outlet = {
            p.article_id for p in self.profiles if said_by.get(p.outlet) or said_by.get(p.host)
        }
        words = {t for gs in said_by.values() for g in gs for t in terms(g)}
        author = set()
        said = set(_NAME_WORD.findall(question if not lower else question.title()))
        said |= {re.sub(r"['’]s$", "", w) for w in said}
        for p in self.profiles:
            for name in p.authors:
                parts = name.split()
                if len(parts) >= 2 and len(parts[-1]) >= 3 and parts[-1] in said:
                    author.add(p.article_id)
                    words.update(terms(name))
        outside = question.replace(topic, " ") if topic else question
        dated = " ".join(m.group(0) for m in _DATED.finditer(topic)) if topic else ""
        date = date_asked(f"{outside} {dated}")
        if date:
            words.update([*terms(" ".join(_MONTHS)), *_YEAR_RE.findall(f"{outside} {dated}")])
        return Cues(
            frozenset(outlet) if outlet else None,
            frozenset(author) if author else None,
            date,
            frozenset(words),
        )

    def topic_terms(self, text: str, cues: Cues) -> list[str]:
        return [t for t in dict.fromkeys(terms(text)) if t not in ASK_WORDS and t not in cues.words]

    def lexical(self, topic: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per article: the idf-weighted share of ``topic`` anywhere in it, and in its lead."""
        n = len(self.profiles)
        anywhere, lead = np.zeros(n), np.zeros(n)
        weights = [self.corpus.lexical.idf(t) for t in topic]
        heads = {j for p in self.profiles for j in (p.meta, *p.lead)}
        for t, w in zip(topic, weights):
            positions = self.corpus.lexical.containing(t)
            arts = self._article_of[positions]
            anywhere[np.unique(arts[arts >= 0])] += w
            head = [
                a for pos, a in zip(positions.tolist(), arts.tolist()) if pos in heads and a >= 0
            ]
            lead[np.unique(np.array(head, np.int64))] += w
        total = sum(weights) or 1.0
        return anywhere / total, lead / total

    @cached_property
    def _lead_vectors(self) -> np.ndarray:
        """Per article, the normalised vectors of its metadata passage and lead, (n, 1+lead, dim)."""
        ids = []
        for p in self.profiles:
            lead = [*p.lead, *([p.meta] * (LEAD_PARAGRAPHS - len(p.lead)))]
            ids += [self.corpus.passages[j].id for j in (p.meta, *lead)]
        vectors = self._stored(ids)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-9)
        return vectors.reshape(len(self.profiles), 1 + LEAD_PARAGRAPHS, -1)

    def _stored(self, ids: list[str]) -> np.ndarray:
        """The store's vectors of ``ids`` (embedded at index time); embedded here if it has none."""
        try:
            found = {}
            for start in range(0, len(ids), _GET_BATCH):
                got = self.vectorstore.get(
                    ids=ids[start : start + _GET_BATCH], include=["embeddings"]
                )
                found.update(zip(got["ids"], got["embeddings"]))
            if all(i in found for i in ids):
                return np.asarray([found[i] for i in ids], np.float32)
        except Exception:  # noqa: BLE001  # a store without stored vectors (fakes): embed instead
            pass
        texts = [self.corpus.passages[self.corpus.by_id[i]].text for i in ids]
        return np.asarray(self.embeddings.embed_documents(texts), np.float32)

    def dense(self, text: str) -> np.ndarray:
        """Per article: the best cosine of ``text`` to its metadata passage or lead paragraphs."""
        if not self.profiles or self.embeddings is None:
            return np.zeros(len(self.profiles))
        q = np.asarray(self.embeddings.embed_query(text), np.float32)
        q /= max(float(np.linalg.norm(q)), 1e-9)
        return (self._lead_vectors @ q).max(axis=1)

    def scores(self, topic_text: str, cues: Cues) -> list[tuple[Profile, float]]:
        """The articles the cues allow, each with its topic score (0..1), best first."""
        allowed = cues.allowed(self.profiles)
        topic = self.topic_terms(topic_text, cues)
        if not topic:
            return [(p, 0.0) for p in allowed]
        anywhere, lead = self.lexical(topic)
        dense = self.dense(topic_text)
        where = {p.article_id: k for k, p in enumerate(self.profiles)}
        scored = []
        for p in allowed:
            k = where[p.article_id]
            # Half meaning, half words (in the lead and anywhere): set, not fitted; on
            # collection_dev either half alone also ranked every described article first.
            scored.append((p, float(0.5 * dense[k] + 0.25 * anywhere[k] + 0.25 * lead[k])))
        return sorted(scored, key=lambda x: -x[1])
