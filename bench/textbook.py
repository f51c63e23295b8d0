"""The textbook LangChain RAG pipeline, as the baseline our bot is measured against.

What a tutorial does: load each file as raw text (like ``TextLoader``: page chrome and all), cut it
with ``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)``, embed the chunks into a
Chroma collection, retrieve k=4 by similarity and hand back the top chunk. There is no refusal
(``answered`` is always True) and the citations are the k retrieved chunks. The embeddings are ours
(the same packaged model as the bot), so the comparison isolates the pipeline, not the model.

Example:
    >>> rag = TextbookRAG(settings)
    >>> report = run_eval(questions, rag.answer)
    >>> rag.close()
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from bot.types import Answer, Citation
from index.pages.articles import SUPPORTED_SUFFIXES, iter_article_files
from index.runtime import go_offline
from ui.settings import Settings

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
K = 4


def load_raw(folder: Path) -> list[Document]:
    """Every article file as one Document of raw text, as ``TextLoader`` would read it."""
    docs = []
    for path in iter_article_files(folder):
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
            docs.append(Document(page_content=text, metadata={"source": path.name}))
    return docs


class TextbookRAG:
    """Split → embed → Chroma (in a temp dir) → top-k. ``answer(question, history=None)`` matches
    ``bot.answer``, so ``bot.evaluation.scoring.run_eval`` scores it with the same code."""

    def __init__(
        self,
        settings: Settings,
        embeddings: Embeddings | None = None,
        k: int = K,
        documents: list[Document] | None = None,
        persist_dir: Path | None = None,
    ) -> None:
        """``persist_dir``: keep the collection there and only embed chunks not in it yet (the
        benchmark's cache for large corpora: embedding 100k passages' worth takes hours here)."""
        go_offline()
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        if embeddings is None:
            from index.storage.embeddings import embeddings_for

            embeddings = embeddings_for(settings)
        self.k = k
        self._keep = persist_dir is not None
        self._dir = (
            str(persist_dir)
            if persist_dir is not None
            else tempfile.mkdtemp(prefix="textbook-rag-")
        )
        start = time.perf_counter()
        docs = documents if documents is not None else load_raw(settings.articles_dir)
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP
        )
        chunks = splitter.split_documents(docs)
        self._client = chromadb.PersistentClient(
            path=self._dir, settings=ChromaSettings(anonymized_telemetry=False)
        )
        # langchain-chroma creates the collection with embedding_function=None and embeds with
        # ours; Chroma's own default embedder would try to download a model.
        self.store = Chroma(
            client=self._client, collection_name="textbook", embedding_function=embeddings
        )
        per_source: dict[str, int] = {}
        for chunk in chunks:
            n = per_source.get(chunk.metadata["source"], 0)
            per_source[chunk.metadata["source"]] = n + 1
            chunk.metadata["chunk"] = n
        ids = [f"{c.metadata['source']}#{c.metadata['chunk']}" for c in chunks]
        if self._keep:
            from index.storage.snapshot import PagedCollection

            have = set(
                PagedCollection(self._client.get_collection("textbook")).get(include=[])["ids"]
            )
            todo = [i for i, cid in enumerate(ids) if cid not in have]
            chunks, ids = [chunks[i] for i in todo], [ids[i] for i in todo]
        for i in range(0, len(chunks), 64):
            self.store.add_documents(chunks[i : i + 64], ids=ids[i : i + 64])
        self.embedded = len(chunks)
        collection = self._client.get_collection("textbook")  # chromadb's public count
        self.chunks = collection.count() if self._keep else len(ids)
        self.build_seconds = time.perf_counter() - start

    def answer(self, question: str, history=None, settings=None) -> Answer:
        start = time.perf_counter()
        hits = self.store.similarity_search_with_score(question, k=self.k)
        citations = tuple(
            Citation(
                n=n,
                passage_id=str(doc.id or ""),
                article_id=str(doc.metadata["source"]),
                title=str(doc.metadata["source"]),
                source=str(doc.metadata["source"]),
                paragraph=int(doc.metadata.get("chunk", 0)),
                text=doc.page_content,
                quotes=(doc.page_content,),
                # Chroma's default space is squared L2; on normalized vectors cosine = 1 - d/2.
                score=1.0 - float(distance) / 2,
            )
            for n, (doc, distance) in enumerate(hits, 1)
        )
        text = citations[0].text if citations else ""
        return Answer(
            question=question,
            text=text,
            answered=True,
            citations=citations,
            answerer="textbook",
            standalone_question=question,
            seconds=time.perf_counter() - start,
        )

    def close(self) -> None:
        if self._keep:
            return
        try:
            self._client.clear_system_cache()  # releases the sqlite handle before removal
        except Exception:  # older/newer chromadb without it: removal still works on Linux
            pass
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> TextbookRAG:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
