"""A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions protocol (plain JSON and
server-sent-event streaming) with scripted replies, for testing the LLM path end to end.

A script is a reply text in which ``[[snippet]]`` becomes the number of the prompt passage whose
text contains ``snippet`` (the stub reads the ``<passage n="k">`` blocks it was sent), so tests
need not guess the retrieval order. ``delay`` holds the reply back (a slow endpoint).

Example:
    >>> with OpenAIStub() as stub:
    ...     stub.script("Mayor Lena Ortiz opened it [[Lena Ortiz]].")
    ...     settings = Settings(llm="openai:stub-model", llm_base_url=stub.url)
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_PASSAGE = re.compile(r'<passage n="(\d+)"[^>]*>\n(.*?)\n</passage>', re.DOTALL)


@dataclass
class Script:
    reply: str
    delay: float = 0.0  # seconds before anything is sent back


def render(reply: str, prompt: str) -> str:
    """Fill ``[[snippet]]`` with the number of the passage containing the snippet (``[99]`` if none)."""
    passages = {int(n): text for n, text in _PASSAGE.findall(prompt)}

    def number(m: re.Match) -> str:
        hits = [n for n, text in passages.items() if m.group(1).lower() in text.lower()]
        return f"[{hits[0] if hits else 99}]"

    return re.sub(r"\[\[(.+?)\]\]", number, reply)


class OpenAIStub:
    """Start with ``with OpenAIStub() as stub``; ``stub.url`` is the base URL (``…/v1``)."""

    def __init__(self) -> None:
        self._script = Script("NOT IN THE ARTICLES")
        self.requests: list[dict] = []  # {"body": ..., "authorization": ...} per call
        self._release = threading.Event()  # set on close: a delayed reply stops waiting
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                body = json.loads(
                    self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}"
                )
                stub.requests.append(
                    {
                        "path": self.path,
                        "body": body,
                        "authorization": self.headers.get("Authorization", ""),
                    }
                )
                if not self.path.endswith("/chat/completions"):
                    self._send(404, {"error": {"message": "not found"}})
                    return
                script = stub._script
                if script.delay and stub._release.wait(script.delay):
                    return  # the server is closing
                prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
                text = render(script.reply, prompt)
                if body.get("stream"):
                    self._stream(text, body.get("model", ""))
                else:
                    self._send(
                        200,
                        {
                            "id": "chatcmpl-stub",
                            "object": "chat.completion",
                            "created": 0,
                            "model": body.get("model", ""),
                            "choices": [
                                {
                                    "index": 0,
                                    "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": text},
                                }
                            ],
                            "usage": {
                                "prompt_tokens": 1,
                                "completion_tokens": 1,
                                "total_tokens": 2,
                            },
                        },
                    )

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, text: str, model: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                pieces = re.findall(r"\S+\s*|\s+", text) or [""]
                for k, piece in enumerate(pieces):
                    delta = (
                        {"role": "assistant", "content": piece} if k == 0 else {"content": piece}
                    )
                    self._event(
                        {
                            "id": "chatcmpl-stub",
                            "object": "chat.completion.chunk",
                            "created": 0,
                            "model": model,
                            "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
                        }
                    )
                self._event(
                    {
                        "id": "chatcmpl-stub",
                        "object": "chat.completion.chunk",
                        "created": 0,
                        "model": model,
                        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                    }
                )
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

            def _event(self, payload: dict) -> None:
                self.wfile.write(b"data: " + json.dumps(payload).encode() + b"\n\n")
                self.wfile.flush()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def script(self, reply: str, delay: float = 0.0) -> None:
        """What the next calls answer."""
        self._script = Script(reply, delay)

    def last_prompt(self) -> str:
        messages = self.requests[-1]["body"].get("messages", [])
        return "\n".join(str(m.get("content", "")) for m in messages)

    def __enter__(self) -> OpenAIStub:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._release.set()
        self.server.shutdown()
        self.server.server_close()
