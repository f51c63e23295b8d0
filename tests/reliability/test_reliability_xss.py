"""In headless Chromium, with a bot that echoes hostile text back: nothing from a question, an
answer, a cited passage, an article title or an upload's file name runs or becomes a link/image.
(tests/ui/test_browser.py does the same with the real bot and a hostile article.)"""

from __future__ import annotations

import pytest

from bot.types import Answer, Citation
from tests.ui.test_browser import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, ask
from tests.ui.test_ui_app import QUIET_ARTICLE, free_port
from ui.settings import Settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]

PAYLOADS = (
    "![x](javascript:window.pwned=1)",
    "[click me](javascript:window.pwned=1)",
    '![img](x" onerror="window.pwned=1)',
    "[x](data:text/html,<script>window.pwned=1</script>)",
    '<img src=x onerror="window.pwned=1">',
    '<svg onload="window.pwned=1"></svg>',
    '<a href="javascript:window.pwned=1">link</a>',
    '<iframe src="javascript:window.pwned=1"></iframe>',
    '<details open ontoggle="window.pwned=1">x</details>',
    "<script>window.pwned=1</script>",
    "&lt;img src=x onerror=window.pwned=1&gt;",
)
HOSTILE = " ".join(PAYLOADS)
DANGEROUS = (
    "img, svg, iframe, script:not([src]), details, object, embed, "
    "a[href^='javascript'], a[href^='data']"
)


def echo(question: str, history) -> Answer:
    """The question and every payload come back as answer text, quote, passage and title."""
    passage = f"Before the quote. {HOSTILE} The quoted sentence ends here. After."
    cite = Citation(
        n=1,
        passage_id="h:1",
        article_id="h",
        title=f"Title {HOSTILE}",
        source="<img src=x onerror=window.pwned=1>.txt",
        paragraph=1,
        text=passage,
        quotes=("The quoted sentence ends here.",),
        score=0.9,
        author=HOSTILE,
        published="2025-01-01",
    )
    return Answer(question, f"{question} {HOSTILE} [1] [7]", True, (cite,))


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    import index
    from tests.fakes import HashingEmbeddings
    from ui.app import build_app, launch_app
    from ui.library import IndexLibrary

    root = tmp_path_factory.mktemp("xss")
    (root / "articles").mkdir()
    (root / "articles" / "library.txt").write_text(QUIET_ARTICLE)
    settings = Settings(
        data_dir=root / "data", articles_dir=root / "articles", host="127.0.0.1", port=free_port()
    )
    index.build(settings, HashingEmbeddings())
    app = build_app(echo, IndexLibrary(settings, HashingEmbeddings()), settings)
    url = launch_app(app, settings)
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.set_default_timeout(WAIT_MS)
            page.goto(url)
            page.locator("#question textarea").wait_for()
            page.tmp = root
            yield page
            browser.close()
    finally:
        app.close()


def assert_inert(page) -> None:
    assert page.evaluate("() => window.pwned === undefined")
    # Inside the messages and our panels only: Gradio's own buttons are (harmless) inline SVGs.
    for area in (
        "#chat [data-testid='bot']",
        "#chat [data-testid='user']",
        "#sources",
        "#articles-table",
        "#articles-status",
        ".toast-text",
        ".toast-message-text",
    ):
        found = page.locator(f"{area} :is({DANGEROUS})")
        assert found.count() == 0, (
            area,
            [found.nth(i).evaluate("e => e.outerHTML") for i in range(found.count())],
        )


def test_hostile_question_answer_and_sources_are_shown_as_text(page):
    reply = ask(page, f"Who? {HOSTILE}", 0)
    text = reply.inner_text()
    assert "![x](javascript:window.pwned=1)" in text and "<script>window.pwned=1</script>" in text
    assert "&lt;img" in text  # already-escaped text is not unescaped into markup
    assert reply.locator(".cite").count() == 1  # [1] styled, the unknown [7] dropped
    user = page.locator("#chat [data-testid='user']").first.inner_text()
    assert "<iframe" in user
    sources = page.locator("#sources").inner_text()
    assert "<svg onload" in sources and "Title ![x](javascript:" in sources
    page.wait_for_timeout(500)  # give any injected handler (onerror, onload) time to fire
    assert_inert(page)


def test_hostile_upload_file_name_is_refused_as_text(page):
    bad = page.tmp / '<img src=x onerror="window.pwned=1">.txt'
    bad.write_text("Too short to be an article.")
    page.get_by_role("tab", name="Articles").click()
    page.locator("#upload input[type=file]").set_input_files(str(bad))
    page.locator("#add").click()
    status = page.locator("#articles-status .status", has_text="Not added")
    status.wait_for()
    assert "no article body" in status.inner_text() and "onerror" in status.inner_text()
    page.locator(".toast-wrap", has_text="onerror").first.wait_for()  # the toast says it too
    page.wait_for_timeout(500)
    assert_inert(page)
