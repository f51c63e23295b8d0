"""Index operations that write: incremental build, full rebuild, remove (reading: ``index.storage.catalog``).

Data flow: article files → ``Article`` (clean body + metadata) → ``Passage`` (stable ids) →
embeddings (ours, never Chroma's) → Chroma.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from langchain_core.embeddings import Embeddings

from index.pages.articles import SUPPORTED_SUFFIXES, Article, ArticleError, load_folder
from index.settings import IndexSettings
from index.storage.catalog import ArticleInfo, file_of, info_of
from index.storage.passages import Passage, article_passages
from index.storage.progress import Progress
from index.storage.store import Store, StoreError
from index.storage.writer import embed_into

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    passages: int = 0  # passages embedded in this run
    total_passages: int = 0  # passages in the index afterwards
    seconds: float = 0.0
    skipped: tuple[str, ...] = ()

    def line(self) -> str:
        rate = self.passages / self.seconds if self.seconds > 0 else 0.0
        return (
            f"added {self.added}, updated {self.updated}, removed {self.removed}, "
            f"unchanged {self.unchanged}; embedded {self.passages} passages "
            f"({self.total_passages} in index) in {self.seconds:.1f} s ({rate:.0f} passages/s)"
            + (f"; skipped {len(self.skipped)} file(s)" if self.skipped else "")
        )


def default_embeddings(settings: IndexSettings) -> Embeddings:
    from index.storage.embeddings import embeddings_for

    return embeddings_for(settings)


@contextmanager
def writer_lock(settings: IndexSettings) -> Iterator[None]:
    """One writer at a time per data directory; a second one is refused with a message."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / "index.lock"
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                "another index build is running; try again when it has finished"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _passages_for(article: Article, embeddings: Embeddings) -> list[Passage]:
    counter = getattr(embeddings, "count_tokens", None)
    limit = getattr(embeddings, "max_tokens", 256)
    passages = article_passages(
        article, max_tokens=limit, **({"count_tokens": counter} if counter else {})
    )
    # The metadata passage goes in last: an article counts as indexed once it is there, so a build
    # interrupted halfway through an article leaves it "not indexed" and the next build redoes it.
    return sorted(passages, key=lambda p: p.kind == "meta")


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _load(settings: IndexSettings) -> tuple[list[Article], tuple[str, ...]]:
    # Skipped files are reported once, through ``BuildSummary.skipped`` (the CLI prints them), not
    # also through the root logger, which printed every warning twice.
    catcher = _Warnings()
    logger = logging.getLogger(load_folder.__module__)
    logger.addHandler(catcher)
    propagate, logger.propagate = logger.propagate, False
    try:
        articles = load_folder(settings.articles_dir)
    except ArticleError as e:
        raise StoreError(str(e)) from None
    finally:
        logger.removeHandler(catcher)
        logger.propagate = propagate
    return articles, tuple(catcher.lines)


_META_FIELDS = ("title", "author", "published", "outlet")


def _as_indexed(row: dict) -> tuple[str, ...]:
    return (str(row.get("source", "")), file_of(row), *(str(row.get(f, "")) for f in _META_FIELDS))


def build(
    settings: IndexSettings,
    embeddings: Embeddings | None = None,
    store: Store | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Bring the index in line with the articles folder: embed new and changed articles, drop
    removed ones, leave the rest. Running it twice changes nothing."""
    with writer_lock(settings):
        store = store or Store(settings)
        embeddings = embeddings or default_embeddings(settings)
        start = time.perf_counter()  # after the model load, so passages/s is the embedding rate
        live = store.live()
        if live is None or live.model != settings.embedding_model:
            return _rebuild_locked(settings, embeddings, store, progress, start)
        articles, skipped = _load(settings)
        indexed = {row["id"]: row for row in store.articles()}  # complete: their meta passage is in
        present = store.article_ids()  # also passages of an interrupted build
        changes = _changes(articles, indexed, embeddings)
        current = {a.id for a in articles}
        # New passages go in before stale ones go out, so a failed embedding loses nothing.
        embed_into(store, None, embeddings, list(changes.fresh), progress)
        stale = present - current
        for aid in stale:
            store.delete_article(aid)
        removed = len(set(indexed) - current) - changes.replaced
        if changes.fresh or stale:
            store.touch()
        return BuildSummary(
            changes.added,
            changes.updated,
            removed,
            changes.unchanged,
            len(changes.fresh),
            store.count(),
            time.perf_counter() - start,
            skipped,
        )


@dataclass(frozen=True)
class _Changes:
    """How the articles folder differs from what is indexed, and the passages to embed for it."""

    added: int
    updated: int
    unchanged: int
    replaced: int  # updated under a new file name: the old id goes, but is not counted as removed
    fresh: tuple[Passage, ...]


def _changes(articles: list[Article], indexed: dict[str, dict], embeddings: Embeddings) -> _Changes:
    by_file = {file_of(row): aid for aid, row in indexed.items()}
    current = {a.id for a in articles}
    added = updated = unchanged = replaced = 0
    fresh: list[Passage] = []
    for article in articles:
        if _unchanged(indexed.get(article.id), article):
            unchanged += 1
            continue
        old = by_file.get(article.file)
        if article.id in indexed:  # same text, new file name: upserted so citations name the file
            updated += 1
        elif old and old not in current:
            updated += 1
            replaced += 1
        else:
            added += 1
        fresh.extend(_passages_for(article, embeddings))
    return _Changes(added, updated, unchanged, replaced, tuple(fresh))


def _unchanged(row: dict | None, article: Article) -> bool:
    # Metadata read differently (a newer reader: outlets, bylines) counts as a change too.
    now = (article.source, article.file, *(getattr(article, f) for f in _META_FIELDS))
    return row is not None and _as_indexed(row) == now


def _rebuild_locked(
    settings: IndexSettings,
    embeddings: Embeddings,
    store: Store,
    progress: Progress | None,
    start: float,
) -> BuildSummary:
    articles, skipped = _load(settings)
    try:
        before = {row["id"] for row in store.articles()} if store.live() else set()
    except Exception as e:  # noqa: BLE001  # a damaged live collection is what a rebuild is for: don't read it
        log.warning(
            "the current index can't be read (%s); rebuilding it from the articles",
            type(e).__name__,
        )
        before = set()
    name = store.new_collection(settings.embedding_model)
    passages = [p for a in articles for p in _passages_for(a, embeddings)]
    try:
        embed_into(store, name, embeddings, passages, progress)
    except (
        BaseException
    ):  # incl. Ctrl-C: the live collection was never touched; drop the partial one
        store.drop_collection(name)
        raise
    store.make_live(name, settings.embedding_model)
    current = {a.id for a in articles}
    return BuildSummary(
        added=len(current - before),
        updated=0,
        removed=len(before - current),
        unchanged=len(current & before),
        passages=len(passages),
        total_passages=store.count(),
        seconds=time.perf_counter() - start,
        skipped=skipped,
    )


def rebuild(
    settings: IndexSettings,
    embeddings: Embeddings | None = None,
    store: Store | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Re-embed everything into a fresh collection that replaces the live one only when complete,
    so an interrupted rebuild leaves the previous index serving."""
    with writer_lock(settings):
        store = store or _open_or_set_aside(settings)
        embeddings = embeddings or default_embeddings(settings)
        return _rebuild_locked(settings, embeddings, store, progress, time.perf_counter())


def _open_or_set_aside(settings: IndexSettings) -> Store:
    """The store; when the embedded one can't even be opened (a damaged database file), its folder
    is moved to ``<data dir>/chroma-damaged-<time>`` (kept, not deleted) and a fresh one is made,
    so `briefing index rebuild` is the recovery command the error message names."""
    try:
        return Store(settings)
    except StoreError:
        if settings.chroma_url or not settings.chroma_dir.is_dir():
            raise
        aside = settings.data_dir / f"chroma-damaged-{time.strftime('%Y%m%d%H%M%S')}"
        try:
            settings.chroma_dir.rename(aside)
        except OSError:
            raise StoreError(
                f"the index at {settings.chroma_dir} can't be opened or moved aside; "
                "move that folder away and run `briefing index rebuild`"
            ) from None
        log.warning("the index could not be opened; moved it to %s and rebuilding", aside)
        return Store(settings)


def ensure_built(
    settings: IndexSettings, embeddings: Embeddings | None = None, progress: Progress | None = None
) -> BuildSummary | None:
    """Build the index on first run; ``None`` when one is already there."""
    store = Store(settings)
    if store.live() is not None:
        return None
    return build(settings, embeddings, store, progress)


def remove_article(
    settings: IndexSettings, article_id: str, store: Store | None = None
) -> ArticleInfo:
    """Drop an article's passages and move its file to ``<data_dir>/removed/`` (nothing is lost)."""
    with writer_lock(settings):
        store = store or Store(settings)
        info = {row["id"]: row for row in store.articles()}.get(article_id)
        if info is None:
            raise KeyError(
                f"no indexed article with id {article_id!r} (see `briefing index status`)"
            )
        count = store.delete_article(article_id)
        source = settings.articles_dir / file_of(info)
        if source.is_file() and source.suffix.lower() in SUPPORTED_SUFFIXES:
            trash = settings.data_dir / "removed"
            trash.mkdir(parents=True, exist_ok=True)
            shutil.move(str(source), trash / f"{int(time.time())}-{source.name}")
        store.touch()
        return info_of(info, count)
