"""``brief()``: a briefing document over indexed articles — key points, who's who, timeline and
places — where every line is a verbatim sentence of an article with its ``[n]`` citation.

The data flow: chosen articles' body sentences (``brief_sentences.collect``) → sentence vectors
(the corpus cache, so a warm briefing embeds nothing) → near-duplicates across articles merged
(``merge_duplicates``) → key points (``keypoints``), names (``names``) → who's who (``people``)
and places (``places``), dates (``timeline``) → entries numbered into one citation list.

Example:
    >>> from bot import brief  # the function (this module is bot.briefing.build)
    >>> b = brief()                      # all indexed articles
    >>> print(render.to_markdown(b))  # bot.briefing.render
"""

from __future__ import annotations

import time

from bot.briefing.keypoints import article_weights, key_points, similarity
from bot.briefing.names import group_names, sentence_parses
from bot.briefing.people import Identified, who_is_who
from bot.briefing.places import places
from bot.briefing.sentences import Unit, collect, merge_duplicates
from bot.briefing.timeline import find_dates
from bot.briefing.types import BriefEntry, Briefing
from bot.citations import Citer
from bot.corpus import Corpus

__all__ = ["BriefEntry", "Briefing", "brief_corpus", "resolve_articles"]


class _Citer(Citer):
    """Cites a briefing's units: each of a unit's passages for its own copy of the sentence."""

    def cite_unit(self, unit: Unit) -> tuple[int, ...]:
        copies = unit.quotes or (unit.text,) * len(unit.passages)
        return tuple(self.cite(i, quote) for i, quote in zip(unit.passages, copies))


def resolve_articles(corpus: Corpus, article_ids=None) -> list[str]:
    """The ids asked for (a unique prefix of an id will do), or every indexed article.

    Raises ``ValueError`` naming an id that matches no article, or several.
    """
    known = list(dict.fromkeys(p.article_id for p in corpus.passages))
    if not article_ids:
        return known
    out = []
    for wanted in article_ids:
        wanted = str(wanted).strip()
        matches = [a for a in known if a == wanted] or [
            a for a in known if wanted and a.startswith(wanted)
        ]
        if not matches:
            raise ValueError(
                f"no indexed article has the id {wanted!r}: see `briefing index status`"
            )
        if len(matches) > 1:
            raise ValueError(f"{wanted!r} matches several articles: give more of the id")
        if matches[0] not in out:
            out.append(matches[0])
    return out


def _named(found: list[Identified], units: list[Unit], citer: _Citer) -> tuple[BriefEntry, ...]:
    return tuple(
        BriefEntry(
            text=units[f.unit].text,
            citations=citer.cite_unit(units[f.unit]),
            label=f.name.label,
            detail=f.detail,
            aliases=f.name.aliases,
            kind=f.name.kind,
        )
        for f in found
    )


def brief_corpus(corpus: Corpus, embeddings, article_ids=None) -> Briefing:
    """The briefing of ``article_ids`` (default: all) from a ``Corpus`` snapshot."""
    start = time.perf_counter()
    ids = resolve_articles(corpus, article_ids)
    titles = {}
    for p in corpus.passages:
        titles.setdefault(p.article_id, p.title)
    sentences = collect(corpus, ids)
    vectors = corpus.sentence_vectors([s.text for s in sentences], embeddings)
    units, vectors = merge_duplicates(sentences, vectors)
    sims = similarity(units, vectors, corpus.lexical.idf)
    weights = article_weights(units)
    centrality = sims.sum(axis=1)
    citer = _Citer(corpus)

    points = tuple(
        BriefEntry(text=units[i].text, citations=citer.cite_unit(units[i]))
        for i in key_points(units, vectors, corpus.lexical.idf, sims, weights)
    )
    parses = sentence_parses(corpus, units)
    names = group_names(units, parses)
    people = _named(who_is_who(names, units, centrality, weights, parses), units, citer)
    timeline = tuple(
        BriefEntry(
            text=units[d.unit].text,
            citations=citer.cite_unit(units[d.unit]),
            label=d.written,
            date=d.resolved,
        )
        for d in find_dates(units, parses)
    )
    where = _named(places(names, units, centrality, weights, parses), units, citer)
    return Briefing(
        article_ids=tuple(ids),
        titles=tuple(titles.get(a, a) for a in ids),
        key_points=points,
        people=people,
        timeline=timeline,
        places=where,
        citations=citer.citations(),
        seconds=round(time.perf_counter() - start, 4),
    )
