"""The web chat's ``/ask`` over Gradio's HTTP API, as a client sees it (reliability tests, the load
test)."""

from __future__ import annotations

import json

import httpx


class AskError(RuntimeError):
    """The endpoint answered with an error event (the message is the server's one-line reason)."""


def login(client: httpx.Client, base: str, auth: str) -> None:
    user, _, password = auth.partition(":")
    r = client.post(f"{base}login", data={"username": user, "password": password})
    if r.status_code != 200:
        raise AskError(f"login refused (HTTP {r.status_code})")


def ask_http(client: httpx.Client, base: str, question: str, history=None) -> dict:
    """One ``/ask`` call over Gradio's HTTP API: POST the input, read the result event stream."""
    # ASCII-escaped JSON: any Python str (even a lone surrogate) can be sent, as a browser could.
    body = json.dumps({"data": [question, history]})
    r = client.post(
        f"{base}gradio_api/call/ask", content=body, headers={"Content-Type": "application/json"}
    )
    r.raise_for_status()
    event_id = r.json()["event_id"]
    event = None
    with client.stream("GET", f"{base}gradio_api/call/ask/{event_id}") as stream:
        stream.raise_for_status()
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                data = json.loads(line.split(":", 1)[1].strip() or "null")
                if event == "error":
                    message = data.get("error") if isinstance(data, dict) else data
                    raise AskError(str(message) if message else "error event without a message")
                return data[0]
    raise AskError("the event stream ended without a result")
