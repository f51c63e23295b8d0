"""Loading article files: the test corpus, and bad files skipped with a one-line warning."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

import index
from index.pages.articles import ArticleError, article_id, iso_date, load_article, load_folder
from tests.conftest import CORPUS
from ui.settings import Settings

GOOD_BODY = "\n\n".join(
    f"Paragraph {n}: the harbour authority said on Tuesday that the new pier will open in May."
    for n in range(4)
)


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    return folder


def test_corpus_articles_are_clean_with_metadata():
    articles = {a.source: a for a in load_folder(CORPUS)}
    assert sorted(articles) == ["ferry_order.md", "lakeside_marathon.html", "riverside_bridge.txt"]
    expected = {
        "riverside_bridge.txt": (
            "Riverside Bridge Opens to Traffic in Cedar Falls",
            "Tom Hallett",
            "2024-03-04",
            4,
        ),
        "ferry_order.md": (
            "Port of Almera Orders Three Electric Ferries",
            "Sofia Lindqvist",
            "2024-01-15",
            4,
        ),
        "lakeside_marathon.html": (
            "Grace Wanjiru Breaks Lakeside Marathon Record",
            "Daniel Brooks",
            "2024-05-12",
            4,
        ),
    }
    for source, (title, author, published, count) in expected.items():
        a = articles[source]
        assert (a.title, a.author, a.published, len(a.paragraphs)) == (
            title,
            author,
            published,
            count,
        )
    assert (
        articles["riverside_bridge.txt"]
        .paragraphs[0]
        .startswith("Mayor Lena Ortiz opened the Riverside Bridge")
    )


def _write_bad_files(folder: Path) -> dict[str, str]:
    """Bad files next to good ones; name → the reason the warning must give."""
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    (folder / "empty.txt").write_text("   \n\n")
    (folder / "latin1.txt").write_bytes(("Caf\xe9 " + GOOD_BODY).encode("latin-1"))
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "locked.txt").write_text(GOOD_BODY.replace("pier", "quay"))
    (folder / "menu_only.html").write_text(
        "<html><head><title>Page not found | Site</title></head><body><nav><a href='/'>Home</a> "
        "<a href='/world'>World</a></nav><h1>Page not found</h1><p>Sorry, that page is gone.</p>"
        "<footer>© 2024 Example News</footer></body></html>"
    )
    shutil.copy(folder / "riverside_bridge.txt", folder / "zz_copy_of_bridge.txt")
    return {
        "notes.pdf": "unsupported file type .pdf",
        "empty.txt": "empty file",
        "latin1.txt": "not UTF-8",
        "photo.txt": "binary file",
        "locked.txt": "unreadable",
        "menu_only.html": "no article body",
        "zz_copy_of_bridge.txt": "same article as riverside_bridge.txt",
    }


@pytest.fixture
def unreadable(monkeypatch):
    """``locked.txt`` can't be read (chmod does not stop root, which runs CI containers)."""
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_bad_files_are_skipped_with_one_line_warnings(folder, unreadable, caplog):
    reasons = _write_bad_files(folder)
    with caplog.at_level(logging.WARNING, logger="index.pages.articles"):
        articles = load_folder(folder)
    assert sorted(a.source for a in articles) == [
        "ferry_order.md",
        "lakeside_marathon.html",
        "riverside_bridge.txt",
    ]
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == len(reasons)
    for name, reason in reasons.items():
        (line,) = [w for w in warnings if f" {name}:" in w]
        assert reason in line and "\n" not in line


def test_build_goes_on_past_bad_files(folder, unreadable, tmp_path, fake_embeddings):
    reasons = _write_bad_files(folder)
    settings = Settings(data_dir=tmp_path / "data", articles_dir=folder)
    summary = index.build(settings, fake_embeddings)
    assert summary.added == 3 and len(summary.skipped) == len(reasons)
    assert all(any(name in line for line in summary.skipped) for name in reasons)


@pytest.mark.parametrize(
    "name, content",
    [
        ("story.docx", b"PK\x03\x04"),
        ("story.txt", b""),
        ("story.txt", b"\xff\xfe\x00s\x00t\x00o\x00r\x00y"),
    ],
)
def test_load_article_raises_one_line_error_naming_the_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ArticleError) as err:
        load_article(path)
    assert str(err.value).startswith(f"{name}: ") and "\n" not in str(err.value)


def test_same_text_with_different_chrome_is_the_same_article(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Home | World | Sport\n\n" + GOOD_BODY + "\n\nAll rights reserved."
    )
    (tmp_path / "b.md").write_text("# Pier To Open In May\n\n" + GOOD_BODY)
    a, b = load_article(tmp_path / "a.txt"), load_article(tmp_path / "b.md")
    assert a.id == b.id == article_id(a.paragraphs)
    assert len(load_folder(tmp_path)) == 1


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Thursday, January 23, 2025", "2025-01-23"),
        ("3 March 2024", "2024-03-03"),
        ("Mar. 5, 2023", "2023-03-05"),
        ("", ""),
    ],
)
def test_iso_date(text, iso):
    assert iso_date(text) == iso
