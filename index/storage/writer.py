"""Writing passages into the index: embedded in batches, in an order that pads little, and
written to Chroma by a second thread while the next batch is embedded."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from index.storage.passages import Passage
from index.storage.progress import Progress, report
from index.storage.store import Store

BATCH = 64
# Passages are embedded in length order within windows of about this many (whole articles): a
# batch is padded to its longest passage, and batches of similar lengths embedded 650 distractor
# passages at 38/s against 28/s in article order. A build stopped midway redoes at most a window.
WINDOW = 1024


def embedding_order(passages: list[Passage], window: int = WINDOW) -> list[Passage]:
    """``passages`` (grouped by article) reordered for embedding: windows of whole articles, each
    window's body passages by length, then its metadata passages, which must come last (an article
    counts as indexed once its metadata passage is in)."""
    out: list[Passage] = []
    start = 0
    while start < len(passages):
        end = min(start + window, len(passages))
        while end < len(passages) and passages[end].article_id == passages[end - 1].article_id:
            end += 1
        chunk = passages[start:end]
        out += sorted((p for p in chunk if p.kind != "meta"), key=lambda p: len(p.text))
        out += sorted((p for p in chunk if p.kind == "meta"), key=lambda p: len(p.text))
        start = end
    return out


def embed_into(
    store: Store,
    collection: str | None,
    embeddings: Embeddings,
    passages: list[Passage],
    progress: Progress | None = None,
) -> None:
    """Embed ``passages`` in batches and write them in order, each batch written by a second
    thread while the next one is embedded: the model (ONNX Runtime) and Chroma's inserts (native
    code, or a server's own process) both run outside the GIL, so on 2 cores the writes cost
    little besides the embedding."""
    from concurrent.futures import Future, ThreadPoolExecutor

    passages = embedding_order(passages)
    total, written = len(passages), 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-writer") as writer:
        pending: tuple[Future, int] | None = None
        for i in range(0, len(passages), BATCH):
            batch = passages[i : i + BATCH]
            vectors = embeddings.embed_documents([p.text for p in batch])
            if (
                pending is not None
            ):  # one write in flight at most: order kept, a failed write stops here
                pending[0].result()
                written += pending[1]
                report(progress, written, total)
            pending = (writer.submit(store.write, batch, vectors, collection), len(batch))
        if pending is not None:
            pending[0].result()
            report(progress, written + pending[1], total)
