"""End to end in headless Chromium: the real app and real bot on the seed article.

Drives the page like a user: asks, checks the answer, its [n] marker and the highlighted quote in
the sources panel, asks a follow-up, uploads an article (one full of HTML/JS payloads) and asks
about it, and checks nothing from an article ever runs in the page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEED_FILE
from tests.helpers.browser import CHROMIUM_ARGS
from tests.ui.test_ui_app import HOSTILE_ARTICLE, QUIET_ARTICLE, free_port
from ui.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
# Answers are computed locally in well under a second once warm; the generous timeout only
# covers a loaded CI machine. It's a wait limit, not a timing assertion.
WAIT_MS = 90_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs /usr/bin/chromium (apt-get install chromium; scripts/test does)",
    ),
]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, real_embeddings):
    import index
    from bot.service import Bot
    from ui.app import build_app, launch_app
    from ui.library import IndexLibrary

    root = tmp_path_factory.mktemp("browser")
    articles = root / "articles"
    articles.mkdir()
    shutil.copy(SEED_FILE, articles / SEED_FILE.name)
    settings = Settings(
        data_dir=root / "data", articles_dir=articles, host="127.0.0.1", port=free_port()
    )
    index.build(settings, real_embeddings)
    bot = Bot(settings, embeddings=real_embeddings)
    app = build_app(
        lambda q, history: bot.answer(q, history=history),
        IndexLibrary(settings, real_embeddings),
        settings,
    )
    url = launch_app(app, settings)
    yield url
    app.close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.requested = requested  # for tests checking that nothing leaves the machine
    page.set_default_timeout(WAIT_MS)
    page.goto(app_url)
    page.locator("#question textarea").wait_for()
    yield page
    context.close()


def ask(page, question: str, answers_before: int):
    """Type a question, press Enter, wait for the next bot message; returns it."""
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    bot_messages = page.locator("#chat [data-testid='bot']")
    bot_messages.nth(answers_before).wait_for()
    return bot_messages.nth(answers_before)


def add_article(page, path: Path) -> None:
    page.get_by_role("tab", name="Articles").click()
    page.locator("#upload input[type=file]").set_input_files(str(path))
    page.locator("#add").click()
    page.locator("#articles-status .status.ok", has_text=f"Added {path.name}").wait_for()


def assert_nothing_ran(page) -> None:
    assert page.evaluate("() => window.pwned === undefined")
    assert page.title() == "Briefing bot"
    injected = "#sources img, #chat img, #articles-table img, #sources script, #chat script"
    assert page.locator(injected).count() == 0


def test_question_answer_marker_and_highlighted_quote_then_follow_up(page, app_url):
    first = ask(page, "Who leads HTS?", 0)
    assert "Golani" in first.inner_text()
    assert first.locator(".cite").first.inner_text() == "[1]"
    source = page.locator("#sources li.source").first
    assert source.locator(".cite").inner_text() == "[1]"
    assert "Golani" in source.locator("mark").first.inner_text()
    assert "paragraph" in source.locator(".source-meta").inner_text()
    assert "Syrian Rebels" in source.locator(".source-title").inner_text()
    # Alone, "he" means nothing (the bot refuses); with the conversation it is Golani.
    follow_up = ask(page, "Who did he speak with?", 1)
    assert "CNN" in follow_up.inner_text()
    assert follow_up.locator(".refusal").count() == 0
    # Offline: the page loads every asset from the app itself and calls nothing else.
    assert page.requested and all(url.startswith(app_url) for url in page.requested)


def test_refusal_looks_different_and_has_no_sources(page):
    reply = ask(page, "What is the best pizza in Rome?", 0)
    assert reply.locator(".refusal").count() == 1 and reply.locator(".cite").count() == 0
    assert page.locator("#sources li.source").count() == 0


def test_upload_then_ask_about_it_and_no_payload_runs(page, tmp_path):
    upload = tmp_path / "harbour.txt"
    upload.write_text(HOSTILE_ARTICLE)
    add_article(page, upload)
    page.locator("#remove-choice input").click()  # the dropdown lists the hostile title too
    page.get_by_role("option", name=re.compile("Harbour Festival")).wait_for()
    assert_nothing_ran(page)
    page.keyboard.press("Escape")
    assert "<img src=x" in page.locator("#articles-table").inner_text()  # title shown as text

    page.get_by_role("tab", name="Chat").click()
    reply = ask(page, 'Who won the regatta? <img src=x onerror="window.pwned=1">', 0)
    assert "Marigold" in reply.inner_text()
    passage = page.locator("#sources li.source").first
    assert "Marigold" in passage.locator("mark").first.inner_text()
    assert "<script>window.pwned=1</script>" in passage.inner_text()
    assert_nothing_ran(page)


def test_removed_article_is_no_longer_answered_after_a_rebuild(page, tmp_path):
    upload = tmp_path / "library.txt"
    upload.write_text(QUIET_ARTICLE)
    add_article(page, upload)
    page.get_by_role("tab", name="Chat").click()
    assert "reading club" in ask(page, "Who will staff the library desk?", 0).inner_text()

    page.get_by_role("tab", name="Articles").click()
    page.locator("#remove-choice input").click()
    page.get_by_role("option", name=re.compile("Library Opens Late")).click()
    page.locator("#remove").click()
    page.locator("#articles-status .status.ok", has_text="Removed").wait_for()
    page.locator("#rebuild").click()
    page.locator("#articles-status .status.ok", has_text="Rebuilt").wait_for()
    assert "Library Opens Late" not in page.locator("#articles-table").inner_text()

    page.get_by_role("tab", name="Chat").click()
    reply = ask(page, "Who will staff the library desk?", 1)
    assert reply.locator(".refusal").count() == 1
