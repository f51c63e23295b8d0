"""Articles → passages → embeddings → the Chroma index.

Example:
    >>> from index import IndexSettings, build
    >>> build(IndexSettings.from_env())
"""

from index.adding import add_files, add_urls
from index.articles import Article, ArticleError, load_article, load_folder
from index.build import BuildSummary, build, ensure_built, rebuild, remove_article
from index.catalog import ArticleInfo, IndexStatus, show, status
from index.fetch import FetchError
from index.passages import Passage
from index.settings import IndexSettings
from index.store import Store, StoreError

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
