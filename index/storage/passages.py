"""Articles → passages: one per paragraph, plus one metadata passage per article."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from index.pages.articles import Article
from index.text.sentences import split_sentences

META_PARAGRAPH = 0  # paragraph number of the metadata passage; body paragraphs count from 1


@dataclass(frozen=True)
class Passage:
    """A unit of retrieval and citation. ``id`` is ``<article_id>:<paragraph>`` (``.<part>`` added
    only when an over-long paragraph had to be split)."""

    id: str
    article_id: str
    paragraph: int
    text: str
    title: str
    author: str
    published: str
    source: str  # what a citation names: the article's URL, else its file name
    kind: str = "body"  # "body" or "meta"
    file: str = ""  # the article's file in the articles folder
    outlet: str = ""  # who published the article (its site's name or host)

    def metadata(self) -> dict[str, str | int]:
        """Flat scalar metadata as Chroma stores it."""
        meta = asdict(self)
        meta.pop("text")
        meta.pop("id")
        return meta

    @classmethod
    def from_store(cls, id: str, text: str, metadata: dict) -> Passage:
        return cls(
            id=id,
            text=text,
            article_id=str(metadata.get("article_id", "")),
            paragraph=int(metadata.get("paragraph", 0)),
            title=str(metadata.get("title", "")),
            author=str(metadata.get("author", "")),
            published=str(metadata.get("published", "")),
            source=str(metadata.get("source", "")),
            kind=str(metadata.get("kind", "body")),
            file=str(metadata.get("file") or metadata.get("source", "")),
            outlet=str(metadata.get("outlet", "")),
        )


def metadata_text(article: Article) -> str:
    """The metadata passage: what a reader sees at the top of the article, as written there."""
    lines = [f"Title: {article.title}"]
    if article.author:
        lines.append(f"Author: {article.author}")
    if article.outlet:
        lines.append(f"Outlet: {article.outlet}")
    if article.published_text or article.published:
        shown = article.published_text or article.published
        iso = f" ({article.published})" if article.published and article.published != shown else ""
        lines.append(f"Published: {shown}{iso}")
    if article.updated_text:
        lines.append(f"Updated: {article.updated_text}")
    if article.reading_time:
        lines.append(f"Reading time: {article.reading_time}")
    if article.url:
        lines.append(f"Source: {article.url}")
    lines.append(f"Source file: {article.file or article.source}")
    return "\n".join(lines)


def _fit(paragraph: str, max_tokens: int, count_tokens: Callable[[str], int]) -> list[str]:
    """The paragraph as is, or cut at sentence boundaries into pieces within the token limit."""
    if count_tokens(paragraph) <= max_tokens:
        return [paragraph]
    pieces: list[str] = []
    current = ""
    for sentence in split_sentences(paragraph):
        joined = f"{current} {sentence}".strip()
        if current and count_tokens(joined) > max_tokens:
            pieces.append(current)
            current = sentence
        else:
            current = joined
    if current:
        pieces.append(current)
    return pieces


def _approx_tokens(text: str) -> int:
    # ~1.3 word pieces per English word for MiniLM's tokenizer, plus [CLS]/[SEP].
    return int(len(text.split()) * 1.3) + 2


def passage_id(article_id: str, paragraph: int, part: int | None = None) -> str:
    """``"<article id>:<paragraph>"``, or ``"…:<paragraph>.<part>"`` for a paragraph split in
    parts; the metadata passage is paragraph 0. Ids are made here and nowhere else."""
    return f"{article_id}:{paragraph}" if part is None else f"{article_id}:{paragraph}.{part}"


def parse_passage_id(pid: str) -> tuple[str, int, int | None]:
    """``(article id, paragraph, part or None)`` of a passage id; ``ValueError`` for anything
    ``passage_id`` does not make."""
    article, sep, rest = pid.rpartition(":")
    number, dot, part = rest.partition(".")
    if not (sep and article and number.isdigit() and (not dot or part.isdigit())):
        raise ValueError(f"not a passage id: {pid!r}")
    return article, int(number), int(part) if dot else None


def article_passages(
    article: Article, max_tokens: int = 256, count_tokens: Callable[[str], int] = _approx_tokens
) -> list[Passage]:
    """The metadata passage then one passage per body paragraph."""
    common = {
        "article_id": article.id,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "source": article.source,
        "file": article.file or article.source,
        "outlet": article.outlet,
    }
    out = [
        Passage(
            id=passage_id(article.id, META_PARAGRAPH),
            paragraph=META_PARAGRAPH,
            text=metadata_text(article),
            kind="meta",
            **common,
        )
    ]
    for number, paragraph in enumerate(article.paragraphs, start=1):
        pieces = _fit(paragraph, max_tokens, count_tokens)
        for part, piece in enumerate(pieces, start=1):
            pid = passage_id(article.id, number, None if len(pieces) == 1 else part)
            out.append(Passage(id=pid, paragraph=number, text=piece, **common))
    return out


def all_passages(articles: Iterable[Article], **kwargs) -> list[Passage]:
    return [p for a in articles for p in article_passages(a, **kwargs)]
