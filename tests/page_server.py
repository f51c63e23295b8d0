"""A small web server on 127.0.0.1 for the add-by-URL tests: fixed routes, bounded, stops itself.

Each route is ``path → (status, headers, body)``; a body may be a callable that writes the
response itself (slow or endless answers). Waits inside handlers end when the server stops, so a
test never leaves a thread behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

Route = tuple[int, dict[str, str], bytes | Callable]


class PageServer:
    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the http.server API names it
                status, headers, body = server.routes.get(self.path, (404, {}, b"not found"))
                try:
                    if callable(body):
                        body(self, server.stopping)
                        return
                    self.send_response(status)
                    headers = {"Content-Length": str(len(body)), **headers}
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should on an oversize or slow answer

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def slow(seconds: float = 10.0) -> Callable:
    """A handler that sends nothing until ``seconds`` pass or the server stops."""

    def write(handler, stopping: threading.Event) -> None:
        stopping.wait(seconds)

    return write


def endless(chunk: bytes = b"<p>" + b"x" * 16_000 + b"</p>\n", limit: int = 2_000) -> Callable:
    """An HTML answer with no length that goes on (up to ``limit`` chunks) until the client stops."""

    def write(handler, stopping: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        for _ in range(limit):
            if stopping.is_set():
                return
            handler.wfile.write(chunk)

    return write


def declared_size(size: int) -> Callable:
    """An HTML answer that announces ``size`` bytes, then sends a little and waits."""

    def write(handler, stopping: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(size))
        handler.end_headers()
        handler.wfile.write(b"<html>")
        stopping.wait(5)

    return write
