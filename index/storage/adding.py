"""Adding articles: files copied into the articles folder, or pages fetched by URL and saved
there, then one incremental build. Everything is checked before anything is written, so a bad
file or URL leaves the folder and the index as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from langchain_core.embeddings import Embeddings

from index.pages.articles import ArticleError, load_article
from index.pages.fetch import fetch, file_name
from index.pages.html_article import mark_saved_from, saved_from
from index.settings import IndexSettings
from index.storage.build import BuildSummary, build
from index.storage.progress import Progress


def _free_target(folder: Path, name: str, url: str = "") -> Path:
    """``folder/name``, or ``name-2``, ``name-3`` … when another file has that name. A page saved
    from the same URL before is replaced (re-adding a URL refreshes it)."""
    target = folder / name
    stem, suffix, n = target.stem, target.suffix, 2
    while target.exists():
        if url and saved_from(target.read_text(encoding="utf-8", errors="replace")[:2048]) == url:
            return target
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    return target


def _build_or_undo(
    settings: IndexSettings,
    written: list[tuple[Path, str | None]],
    embeddings,
    progress: Progress | None,
) -> BuildSummary:
    """Build; when that fails, put the folder back: new files out, replaced pages restored."""
    try:
        return build(settings, embeddings, progress=progress)
    except BaseException:
        # Not indexed (another build running, Ctrl-C, a store error): left there, the next build
        # would add them behind the user's back.
        for path, old in written:
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(old, encoding="utf-8")
        raise


def add_files(
    settings: IndexSettings,
    files: Iterable[Path],
    embeddings: Embeddings | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Copy article files into the articles folder and index them. Each file is checked first;
    a file that isn't a usable article raises ``ArticleError`` and nothing is copied."""
    return add(settings, files=files, embeddings=embeddings, progress=progress)


def add_urls(
    settings: IndexSettings,
    urls: Iterable[str],
    embeddings: Embeddings | None = None,
    progress: Progress | None = None,
    client=None,
) -> BuildSummary:
    """Fetch each page (``index.pages.fetch`` limits), check it is an article, save it in the articles
    folder under a name from its URL (the URL recorded in the file, so citations show it) and
    index it. The first URL that fails raises ``ArticleError`` (``FetchError`` when it could not be
    fetched) and nothing is saved.

    Example:
        >>> add_urls(IndexSettings.from_env(), ["https://example.org/news/story.html"])
    """
    return add(settings, urls=urls, embeddings=embeddings, progress=progress, client=client)


def _fetched(settings: IndexSettings, urls: Iterable[str], client) -> list[tuple[str, str, str]]:
    """(url, file name, text to save) of each page, each checked as an article."""
    pages = []
    with tempfile.TemporaryDirectory(prefix="briefing-fetch-") as tmp:
        for url in urls:
            url = url.strip()
            page = fetch(url, settings, client=client)
            # The URL the user gave is the source: it is what they will recognise in a citation.
            text = mark_saved_from(page.text, url)
            name = file_name(page.url, page.suffix)
            check = Path(tmp) / name
            check.write_text(text, encoding="utf-8")
            try:
                load_article(check)
            except ArticleError as e:
                raise ArticleError(f"{url}: {str(e).removeprefix(name + ': ')}") from None
            pages.append((url, name, text))
    return pages


def add(
    settings: IndexSettings,
    files: Iterable[Path] = (),
    urls: Iterable[str] = (),
    embeddings: Embeddings | None = None,
    progress: Progress | None = None,
    client=None,
) -> BuildSummary:
    """Files and pages by URL in one go: all checked (and fetched) first, then written, then one
    build; a failure anywhere before the build writes nothing."""
    files = [Path(f) for f in files]
    for f in files:
        load_article(f)  # raises ArticleError with a one-line reason
    pages = _fetched(settings, urls, client)
    folder = settings.articles_dir
    folder.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, str | None]] = []
    for f in files:
        target = folder / f.name
        if target.exists() and target.resolve() != f.resolve():
            target = _free_target(folder, f.name)
        if target.resolve() != f.resolve():
            shutil.copyfile(f, target)
            written.append((target, None))
    for url, name, text in pages:
        target = _free_target(folder, name, url)
        fd, tmp_path = tempfile.mkstemp(dir=folder, prefix=".fetch-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        old = target.read_text(encoding="utf-8") if target.exists() else None
        os.replace(tmp_path, target)  # atomic: a build running now sees the whole page or none
        written.append((target, old))
    return _build_or_undo(settings, written, embeddings, progress)
