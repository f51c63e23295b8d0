"""The Articles tab's view of the index: list, add (files or URLs), remove, rebuild.

A thin adapter over ``index`` so the web app can be built with an injected library (tests pass one
with small fake embeddings); upload checks (type, size) live here because they are about what a
browser may send, not about articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from index.pages.articles import SUPPORTED_SUFFIXES
from index.storage.build import BuildSummary
from index.storage.catalog import ArticleInfo
from index.storage.progress import Progress
from ui.settings import Settings

UPLOAD_SUFFIXES = (".txt", ".md", ".html")


class UploadError(ValueError):
    """An upload refused before indexing; the message is shown to the user as is."""


class Library(Protocol):
    def articles(self) -> list[ArticleInfo]: ...

    def add(self, files: Sequence[Path], progress: Progress | None = None) -> BuildSummary: ...

    def add_urls(self, urls: Sequence[str], progress: Progress | None = None) -> BuildSummary: ...

    def remove(self, article_id: str) -> ArticleInfo: ...

    def rebuild(self, progress: Progress | None = None) -> BuildSummary: ...


def check_uploads(files: Sequence[Path], max_bytes: int) -> list[Path]:
    """Refuse anything that is not a .txt/.md/.html file of at most ``max_bytes``."""
    checked = []
    for f in files:
        path = Path(f)
        if path.suffix.lower() not in UPLOAD_SUFFIXES:
            allowed = ", ".join(UPLOAD_SUFFIXES)
            raise UploadError(f"{path.name}: only {allowed} files can be added")
        size = path.stat().st_size
        if size > max_bytes:
            raise UploadError(f"{path.name}: {size:,} bytes is more than the {max_bytes:,} allowed")
        if size == 0:
            raise UploadError(f"{path.name}: empty file")
        checked.append(path)
    return checked


class IndexLibrary:
    """The real index for one ``Settings``; ``embeddings`` may be injected (tests)."""

    def __init__(self, settings: Settings, embeddings=None) -> None:
        self.settings = settings
        self.embeddings = embeddings

    def articles(self) -> list[ArticleInfo]:
        import index

        return list(index.status(self.settings).articles)

    def add(self, files: Sequence[Path], progress: Progress | None = None) -> BuildSummary:
        import index

        files = check_uploads(files, self.settings.max_upload_bytes)
        return index.add_files(self.settings, files, self.embeddings, progress=progress)

    def add_urls(self, urls: Sequence[str], progress: Progress | None = None) -> BuildSummary:
        import index

        return index.add_urls(self.settings, urls, self.embeddings, progress=progress)

    def remove(self, article_id: str) -> ArticleInfo:
        import index

        return index.remove_article(self.settings, article_id)

    def rebuild(self, progress: Progress | None = None) -> BuildSummary:
        import index

        return index.rebuild(self.settings, self.embeddings, progress=progress)


assert set(UPLOAD_SUFFIXES) <= set(SUPPORTED_SUFFIXES)  # never accept what the index can't read
