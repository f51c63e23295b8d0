"""Security of the web chat and the CLI: loopback by default, the login guards every endpoint (the
API too), uploads are limited at the server, no file outside the app is served, and no secret
(login password, API key, credentials in a URL) reaches a log line or an error message."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import REPO
from tests.helpers.ask import AskError, ask_http, login
from tests.helpers.processes import stop
from tests.reliability.test_reliability_crashes import LAUNCHER, WAIT_S, briefing, env  # noqa: F401
from tests.ui.test_ui_app import FakeBot, free_port, library, running, settings  # noqa: F401
from ui.app import build_app
from ui.settings import Settings

PASSWORD = "Pw-0f-the-reader-7781"
API_KEY = "sk-test-SECRET-0f-the-key-3312"


def test_default_settings_bind_loopback_only():
    assert Settings.from_env({}).host == "127.0.0.1"


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port`` (Linux /proc, IPv4 and IPv6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                found.add(address)
    return found


@pytest.fixture
def served(env):  # noqa: F811 (the env fixture)
    """`briefing serve` (fake model) with a login, an LLM whose server is down, verbose logs and
    both secrets in its environment; yields (url, output file) and stops it."""
    port = free_port()
    env = dict(
        env,
        BRIEFING_PORT=str(port),
        BRIEFING_AUTH=f"reader:{PASSWORD}",
        OPENAI_API_KEY=API_KEY,
        BRIEFING_LLM="openai:test-model",
        OPENAI_BASE_URL=f"http://127.0.0.1:{free_port()}/v1",
        BRIEFING_LLM_TIMEOUT="3",
    )
    env.pop("BRIEFING_HOST", None)
    out_path = REPO / ".pytest_cache" / f"serve-{port}.log"
    out_path.parent.mkdir(exist_ok=True)
    with open(out_path, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, "-v", "serve"],
            env=env,
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + WAIT_S  # the page goes up first, then the bot is ready
        while time.monotonic() < deadline and proc.poll() is None:
            if "answering questions" in out_path.read_text():
                break
            time.sleep(0.3)
        assert proc.poll() is None, out_path.read_text()[-2000:]
        yield url, port, out_path
    finally:
        stop(proc, 30)
        out_path.unlink(missing_ok=True)


def test_serve_binds_loopback_guards_the_api_and_logs_no_secret(served):
    url, port, out_path = served
    assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1 only, no IPv6, no 0.0.0.0
    with httpx.Client(timeout=WAIT_S) as client:
        for method, path in (
            ("GET", "config"),
            ("POST", "gradio_api/call/ask"),
            ("POST", "gradio_api/run/ask"),
            ("GET", "gradio_api/info"),
            ("POST", "gradio_api/upload"),
            ("POST", "gradio_api/queue/join"),
        ):
            assert client.request(method, url + path).status_code == 401, path
        with pytest.raises(AskError, match="HTTP 400"):
            login(client, url, f"reader:{PASSWORD}x")
        with pytest.raises(httpx.HTTPStatusError):
            ask_http(client, url, "Who opened the Riverside Bridge?")
        login(client, url, f"reader:{PASSWORD}")
        answer = ask_http(client, url, "Who opened the Riverside Bridge?")
    assert "Lena Ortiz" in answer["text"] and answer["answerer"].startswith("extractive (fallback")
    everything = out_path.read_text() + repr(answer)
    assert "answering questions" in everything and "openai:test-model" in everything
    assert PASSWORD not in everything and API_KEY not in everything


def test_secrets_never_appear_in_error_messages(env):  # noqa: F811
    leaky = {
        "BRIEFING_AUTH": f"{PASSWORD}",  # no user: malformed
        "BRIEFING_CHROMA_URL": f"http://admin:{PASSWORD}@127.0.0.1:{free_port()}",
    }
    for name, value in leaky.items():
        result = briefing(
            dict(env, **{name: value}, OPENAI_API_KEY=API_KEY), "serve", "--port", str(free_port())
        )
        assert result.returncode != 0 and result.stderr.startswith("error: "), result.stderr
        assert PASSWORD not in result.stdout + result.stderr
        assert API_KEY not in result.stdout + result.stderr
    built = Settings.from_env({"BRIEFING_AUTH": f"reader:{PASSWORD}", "OPENAI_API_KEY": API_KEY})
    assert PASSWORD not in repr(built) and API_KEY not in repr(built)


def test_uploads_are_limited_at_the_server_and_no_other_file_is_served(settings, library):  # noqa: F811
    settings = settings.replace(max_upload_bytes=4000)
    with running(build_app(FakeBot(), library, settings), settings) as url:
        with httpx.Client(timeout=WAIT_S) as client:
            big = client.post(url + "gradio_api/upload", files={"files": ("a.txt", b"x" * 5000)})
            assert big.status_code == 413 and "4000 bytes" in big.text
            small = client.post(url + "gradio_api/upload", files={"files": ("a.txt", b"x" * 10)})
            assert small.status_code == 200
            store = settings.data_dir / "chroma" / "chroma.sqlite3"
            for path in ("/etc/passwd", str(store), str(settings.articles_dir / "library.txt")):
                got = client.get(url + "gradio_api/file=" + path)
                assert got.status_code in (403, 404), path
