"""Articles → passages → embeddings → the Chroma index.

Example:
    >>> from index import IndexSettings, build
    >>> build(IndexSettings.from_env())
"""

from index.pages.articles import Article, ArticleError, load_article, load_folder
from index.pages.fetch import FetchError
from index.settings import IndexSettings
from index.storage.adding import add_files, add_urls
from index.storage.build import BuildSummary, build, ensure_built, rebuild, remove_article
from index.storage.catalog import ArticleInfo, IndexStatus, show, status
from index.storage.passages import Passage
from index.storage.store import Store, StoreError

__all__ = [
    "Article",
    "ArticleError",
    "ArticleInfo",
    "BuildSummary",
    "FetchError",
    "IndexStatus",
    "Passage",
    "IndexSettings",
    "Store",
    "StoreError",
    "add_files",
    "add_urls",
    "build",
    "ensure_built",
    "load_article",
    "load_folder",
    "rebuild",
    "remove_article",
    "show",
    "status",
]
