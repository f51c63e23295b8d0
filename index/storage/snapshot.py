"""Reading whole collections back: paged Chroma ``get`` and a local snapshot of the passages.

Measured on a 100,000-passage collection (chromadb 1.5.9, 2 busy cores): one unpaged ``get()``
fails with "too many SQL variables" above ~32k rows; paged, reading every passage back takes
13-18 s and raises the reader's RSS by 0.4-1.2 GB (less with smaller pages). A JSON copy of the
same passages loads in ~0.5 s. So readers keep one copy per live collection under
``<data dir>/snapshots/``, keyed by (location, collection, revision, count); when the key changes
only passages that are new, or whose article's metadata changed, are fetched from Chroma.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from index.storage.passages import META_PARAGRAPH, Passage

# Rows per Chroma call: far below SQLite's 32,766-variable limit, and small pages keep the peak
# memory of a full read lower (measured: 2,000 rows/page 390 MB, 20,000 rows/page 1.2 GB).
PAGE = 2_000
SNAPSHOT_VERSION = 1
_FIELDS = ("ids", "documents", "metadatas", "embeddings")


class PassageList(list):
    """A list of passages that may know its snapshot folder, where readers can keep derived data
    (e.g. the lexical index) that is valid as long as the snapshot is."""

    snapshot_dir: Path | None = None


class PagedCollection:
    """A chromadb collection whose ``get`` without ``limit`` reads page by page (same result)."""

    def __init__(self, collection) -> None:
        self._collection = collection

    def __getattr__(self, name):
        return getattr(self._collection, name)

    def get(self, ids=None, where=None, limit=None, offset=None, include=None, **kwargs):
        include = ["metadatas", "documents"] if include is None else list(include)
        call = dict(where=where, include=include, **kwargs)
        if limit is not None:
            return self._collection.get(ids=ids, limit=limit, offset=offset, **call)
        merged: dict = {k: [] for k in _FIELDS}
        if ids is not None:
            ids = list(ids)
            pages = (
                self._collection.get(ids=ids[i : i + PAGE], **call)
                for i in range(0, len(ids), PAGE)
            )
        else:
            pages = self._pages(offset or 0, call)
        for got in pages:
            for key in _FIELDS:
                values = got.get(key)
                if values is not None:
                    merged[key].extend(list(values))
        return {k: (v if (k == "ids" or k in include) else None) for k, v in merged.items()} | {
            "included": include
        }

    def _pages(self, offset: int, call: dict):
        while True:
            got = self._collection.get(limit=PAGE, offset=offset, **call)
            yield got
            if len(got["ids"]) < PAGE:
                return
            offset += len(got["ids"])


def _rows(got) -> list[tuple[str, str, dict]]:
    return list(zip(got["ids"], got["documents"], got["metadatas"]))


def _passages(rows, intern=sys.intern) -> PassageList:
    out = PassageList()
    for pid, text, meta in rows:
        # titles, authors and sources repeat on every passage of an article: share one string
        meta = {k: intern(v) if isinstance(v, str) else v for k, v in meta.items()}
        out.append(Passage.from_store(pid, text, meta))
    out.sort(key=lambda p: (p.article_id, p.paragraph, p.id))
    return out


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write(folder: Path, data: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".passages-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    os.replace(tmp, folder / "passages.json")  # atomic: concurrent readers see old or new


def refresh(collection: PagedCollection, old: dict | None) -> list[tuple[str, str, dict]]:
    """Every (id, text, metadata) of ``collection``, reusing ``old`` snapshot rows whose passage
    is still there and whose article's metadata passage is unchanged."""
    if not old:
        return _rows(collection.get(include=["documents", "metadatas"]))
    old_rows = {
        pid: (text, meta) for pid, text, meta in zip(old["ids"], old["documents"], old["metadatas"])
    }
    metas = collection.get(where={"paragraph": META_PARAGRAPH}, include=["metadatas"])
    # Every write of an article writes all its passages with the article's metadata, and its
    # metadata passage last: an unchanged metadata passage means unchanged passages.
    changed = {
        str(m.get("article_id"))
        for pid, m in zip(metas["ids"], metas["metadatas"])
        if pid not in old_rows or old_rows[pid][1] != m
    }
    ids = collection.get(include=[])["ids"]
    need = [
        pid
        for pid in ids
        if pid not in old_rows or str(old_rows[pid][1].get("article_id")) in changed
    ]
    fetched = {
        pid: (text, meta)
        for pid, text, meta in _rows(collection.get(ids=need, include=["documents", "metadatas"]))
    }
    rows = []
    for pid in ids:
        text, meta = fetched.get(pid) or old_rows[pid]
        rows.append((pid, text, meta))
    return rows


def snapshot_passages(collection, root: Path, key: dict) -> PassageList:
    """All passages of ``collection`` via the snapshot in ``root/<collection>/`` (made or refreshed
    as needed). ``key`` identifies the collection state; an unwritable ``root`` only costs speed."""
    folder = root / str(key["collection"])
    key = dict(key, version=SNAPSHOT_VERSION)
    old = _read(folder / "passages.json")
    if old is not None and old.get("key") == key:
        rows = list(zip(old["ids"], old["documents"], old["metadatas"]))
    else:
        rows = refresh(
            PagedCollection(collection),
            old if old and old.get("key", {}).get("version") == SNAPSHOT_VERSION else None,
        )
        data = {
            "key": key,
            "ids": [r[0] for r in rows],
            "documents": [r[1] for r in rows],
            "metadatas": [r[2] for r in rows],
        }
        try:
            _write(folder, data)
            for other in root.iterdir():  # snapshots of collections that are no longer live
                if other.is_dir() and other.name != folder.name:
                    shutil.rmtree(other, ignore_errors=True)
        except OSError:
            folder = None
    passages = _passages(rows)
    passages.snapshot_dir = folder
    return passages
