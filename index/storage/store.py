"""The Chroma index: an embedded persistent store, or a Chroma server when ``chroma_url`` is set.

Passages live in a versioned collection (``<prefix>-<stamp>``); a small registry collection holds
which one is live and a revision counter that goes up on every change (so readers can cache the
lexical index per revision). A rebuild fills a fresh collection and only then flips the pointer.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from index.runtime import go_offline
from index.settings import IndexSettings
from index.storage.passages import META_PARAGRAPH, Passage
from index.storage.snapshot import PagedCollection, snapshot_passages


class StoreError(RuntimeError):
    """The index can't be opened or used; the message says what to do."""


@dataclass(frozen=True)
class Live:
    collection: str
    model: str
    revision: int


# chromadb's HttpClient has no timeout (httpx timeout=None): a firewalled host or a server that
# accepts but never answers would hang every command. One bounded heartbeat first.
SERVER_TIMEOUT_S = 3.0
# ...and a bound on every later request, or a server that stalls mid-session hangs the web chat
# (it answers one question at a time) for good. Generous: a big upsert can take a while.
REQUEST_TIMEOUT_S = 60.0


def shown_url(url: str) -> str:
    """``url`` without a ``user:password@`` part: messages and status output never show secrets."""
    parts = urlparse(url)
    return (
        parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
        if "@" in parts.netloc
        else url
    )


def _check_server(base_url: str, hint: str) -> None:
    import httpx  # chromadb's own HTTP library, so proxies and TLS behave the same

    url = base_url.rstrip("/") + "/api/v2/heartbeat"
    try:
        httpx.get(url, timeout=SERVER_TIMEOUT_S).raise_for_status()
    except httpx.TimeoutException:
        raise StoreError(
            f"the Chroma server at {shown_url(base_url)} did not answer within {SERVER_TIMEOUT_S:.0f} s; {hint}"
        ) from None
    except httpx.HTTPError as e:
        raise StoreError(
            f"cannot reach the Chroma server at {shown_url(base_url)} ({type(e).__name__}); {hint}"
        ) from None


_OPEN_LOCK = threading.Lock()


def open_client(settings: IndexSettings):
    """A chromadb client for the settings (never lets Chroma embed: we always pass vectors)."""
    go_offline()
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise StoreError(
                f"BRIEFING_CHROMA_URL must look like http://127.0.0.1:8000, got {settings.chroma_url!r}"
            )
        hint = (
            "start it with `chroma run --host 127.0.0.1 --port 8000` or unset BRIEFING_CHROMA_URL"
        )
        _check_server(settings.chroma_url, hint)
        try:
            client = chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
            session = getattr(getattr(client, "_server", None), "_session", None)
            if session is not None:  # chromadb's private httpx client; absent: no bound, as before
                import httpx

                session.timeout = httpx.Timeout(REQUEST_TIMEOUT_S, connect=SERVER_TIMEOUT_S)
            client.heartbeat()
        except Exception as e:  # chromadb raises several types for a dead server
            raise StoreError(
                f"cannot use the Chroma server at {shown_url(settings.chroma_url)} ({type(e).__name__}); {hint}"
            ) from None
        return client
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    try:
        # chromadb's per-path system cache is not safe to fill from two threads at once (seen:
        # "'RustBindingsAPI' object has no attribute 'bindings'" when the web chat's handlers and
        # the loading bot opened the store together).
        with _OPEN_LOCK:
            return chromadb.PersistentClient(
                path=str(settings.chroma_dir), settings=chroma_settings
            )
    except Exception as e:
        # chromadb caches the half-started system per path; left there, every later open in this
        # process fails (AttributeError) even once the folder is moved aside or repaired.
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient._identifier_to_system.pop(str(settings.chroma_dir), None)
        raise StoreError(
            f"the index at {settings.chroma_dir} can't be opened ({type(e).__name__}: {e}); "
            "run `briefing index rebuild` (or move that folder away) to start a fresh one"
        ) from None


class Store:
    """Access to the live passage collection of one Chroma database."""

    def __init__(self, settings: IndexSettings, client=None) -> None:
        self.settings = settings
        self.client = client if client is not None else open_client(settings)
        self.prefix = settings.collection
        self._registry = self.client.get_or_create_collection(
            f"{self.prefix}-registry", embedding_function=None
        )
        self._writing: dict = {}  # collection name (None: the live one) → handle, for ``write``

    @property
    def location(self) -> str:
        return shown_url(self.settings.chroma_url) or str(self.settings.chroma_dir)

    # -- the live pointer ----------------------------------------------------------------------
    def live(self) -> Live | None:
        meta = self.client.get_collection(f"{self.prefix}-registry").metadata or {}
        name = meta.get("live")
        if not name:
            return None
        return Live(str(name), str(meta.get("model", "")), int(meta.get("revision", 0)))

    def _set_registry(self, collection: str, model: str) -> None:
        current = self.live()
        revision = (current.revision if current else 0) + 1
        self._registry.modify(metadata={"live": collection, "model": model, "revision": revision})

    def touch(self) -> None:
        """Bump the revision after changing the live collection in place."""
        live = self.require_live()
        self._set_registry(live.collection, live.model)

    def require_live(self) -> Live:
        live = self.live()
        if live is None:
            raise StoreError("no index yet: run `briefing index build`")
        return live

    def new_collection(self, model: str) -> str:
        name = f"{self.prefix}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
        self.client.create_collection(
            name,
            embedding_function=None,
            metadata={"hnsw:space": "cosine", "embedding_model": model},
        )
        return name

    def make_live(self, collection: str, model: str) -> None:
        """Point readers at ``collection``; drop every other passage collection of ours."""
        self._writing.clear()  # "the live one" is about to change
        self._set_registry(collection, model)
        for other in self.client.list_collections():
            name = getattr(other, "name", other)
            if name.startswith(f"{self.prefix}-") and name not in (
                collection,
                f"{self.prefix}-registry",
            ):
                self.drop_collection(name)

    # -- passages ------------------------------------------------------------------------------
    def vectorstore(self, embeddings: Embeddings, collection: str | None = None):
        """The LangChain Chroma vector store over ``collection`` (default: the live one)."""
        from langchain_chroma import Chroma

        name = collection or self.require_live().collection
        return Chroma(
            client=self.client,
            collection_name=name,
            embedding_function=embeddings,
            create_collection_if_not_exists=False,
        )

    def _collection(self, collection: str | None = None):
        # Paged: an unpaged get() of more than ~32k rows fails in chromadb ("too many SQL variables").
        return PagedCollection(
            self.client.get_collection(collection or self.require_live().collection)
        )

    def articles(self, collection: str | None = None) -> list[dict]:
        """Metadata of each indexed article (from its metadata passage), by title."""
        got = self._collection(collection).get(
            where={"paragraph": META_PARAGRAPH}, include=["metadatas"]
        )
        rows = [dict(m, id=m.get("article_id")) for m in got["metadatas"]]
        return sorted(rows, key=lambda r: (str(r.get("title", "")).lower(), str(r["id"])))

    def passages(
        self, article_id: str | None = None, collection: str | None = None
    ) -> list[Passage]:
        """Passages in (article, paragraph) order. All passages of the live collection come from a
        local snapshot under the data dir (see ``index.storage.snapshot``): the same list, read faster."""
        if article_id is None and collection is None:
            live = self.require_live()
            col = self.client.get_collection(live.collection)
            key = {
                "location": self.location,
                "collection": live.collection,
                "revision": live.revision,
                "count": col.count(),
            }
            return snapshot_passages(col, self.settings.data_dir / "snapshots", key)
        where = {"article_id": article_id} if article_id else None
        got = self._collection(collection).get(where=where, include=["documents", "metadatas"])
        out = [
            Passage.from_store(i, d, m)
            for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])
        ]
        return sorted(out, key=lambda p: (p.article_id, p.paragraph, p.id))

    def write(self, passages: list[Passage], vectors, collection: str | None = None) -> None:
        """Upsert ``passages`` with their (already computed) vectors."""
        if collection not in self._writing:  # a build writes many batches: look the target up once
            self._writing[collection] = self.client.get_collection(
                collection or self.require_live().collection
            )
        self._writing[collection].upsert(
            ids=[p.id for p in passages],
            embeddings=[list(map(float, v)) for v in vectors],
            metadatas=[p.metadata() for p in passages],
            documents=[p.text for p in passages],
        )

    def count(self, collection: str | None = None) -> int:
        return self._collection(collection).count()

    def article_ids(self, collection: str | None = None) -> set[str]:
        """Every article with passages in the collection, complete or not."""
        got = self._collection(collection).get(include=["metadatas"])
        return {str(m.get("article_id", "")) for m in got["metadatas"]}

    def drop_collection(self, name: str) -> None:
        self._writing.clear()
        try:
            self.client.delete_collection(name)
        except Exception:  # already gone (another process, or it was never created)
            pass

    def delete_article(self, article_id: str, collection: str | None = None) -> int:
        col = self._collection(collection)
        ids = col.get(where={"article_id": article_id}, include=[])["ids"]
        if ids:
            col.delete(ids=ids)
        return len(ids)
