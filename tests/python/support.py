"""Helpers of the Python SDK's tests: the test double and envelopes."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Double:
    """A test double on 127.0.0.1: answers with whatever a test sets, and
    records the requests it got."""

    def __init__(self) -> None:
        self.status = 200
        self.body = b""
        self.content_type = "application/json"
        self.hang = False
        # Answers for the next requests, in order: (status, body, headers).
        self.script: list[tuple[int, bytes, dict[str, str]]] = []
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        self.release = threading.Event()
        double = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                double.requests.append((self.path, headers, body))
                if double.hang:
                    double.release.wait(5)
                    return
                status, answer, extra = (
                    double.script.pop(0) if double.script else (double.status, double.body, {})
                )
                self.send_response(status)
                self.send_header("content-type", double.content_type)
                self.send_header("content-length", str(len(answer)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def answer(self, body: Any, status: int = 200) -> None:
        self.body = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.status = status
        self.hang = False
        self.script = []
        self.requests.clear()

    @property
    def last(self) -> tuple[str, dict[str, str], bytes]:
        return self.requests[-1]

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def envelope(**fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": "0",
        "msg": "Success",
        "trace": "t-double",
        "tm": 1,
        "bizCode": "",
        "msgParams": None,
        "ok": True,
        "fail": False,
    }
    out.update(fields)
    return out


def error_envelope(**fields: Any) -> dict[str, Any]:
    return envelope(ok=False, fail=True, **fields)
