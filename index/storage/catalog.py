"""What the index holds, read-only: ``status`` (every article and its passage count) and
``show`` (one article's passages), and the ``ArticleInfo`` rows both report."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.settings import IndexSettings
from index.storage.passages import Passage
from index.storage.store import Store


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    title: str
    author: str
    published: str
    source: str
    passages: int
    file: str = ""  # the file in the articles folder (the source, unless that is a URL)
    outlet: str = ""  # who published it (empty in indexes built before outlets were read)


@dataclass(frozen=True)
class IndexStatus:
    location: str
    model: str
    collection: str
    articles: tuple[ArticleInfo, ...] = field(default_factory=tuple)


def file_of(row: dict) -> str:
    # Indexes built before articles could come from a URL have no "file": the source is the file.
    return str(row.get("file") or row.get("source", ""))


def info_of(row: dict, count: int) -> ArticleInfo:
    return ArticleInfo(
        id=str(row["id"]),
        title=str(row.get("title", "")),
        author=str(row.get("author", "")),
        published=str(row.get("published", "")),
        source=str(row.get("source", "")),
        passages=count,
        file=file_of(row),
        outlet=str(row.get("outlet", "")),
    )


def status(settings: IndexSettings, store: Store | None = None) -> IndexStatus:
    store = store or Store(settings)
    live = store.live()
    if live is None:
        return IndexStatus(store.location, settings.embedding_model, "")
    counts: dict[str, int] = {}
    got = store._collection().get(include=["metadatas"])
    for meta in got["metadatas"]:
        counts[meta["article_id"]] = counts.get(meta["article_id"], 0) + 1
    rows = tuple(info_of(row, counts.get(row["id"], 0)) for row in store.articles())
    return IndexStatus(store.location, live.model, live.collection, rows)


def show(
    settings: IndexSettings, article_id: str, store: Store | None = None
) -> tuple[ArticleInfo, list[Passage]]:
    store = store or Store(settings)
    rows = {row["id"]: row for row in store.articles()}
    if article_id not in rows:
        raise KeyError(f"no indexed article with id {article_id!r} (see `briefing index status`)")
    passages = store.passages(article_id)
    return info_of(rows[article_id], len(passages)), passages
