"""What every response and request passes through: security headers, the Host allow-list
and the request-size limit (pure ASGI, so that streaming bodies are counted too).

- ``Content-Security-Policy`` (own scripts and styles only; inline style attributes for the
  timeline bars; /docs and /redoc also need Swagger's and ReDoc's inline start-up script),
  ``X-Frame-Options: DENY`` with ``frame-ancestors 'none'``, ``X-Content-Type-Options:
  nosniff``, ``Referrer-Policy: same-origin``.
- Hosts: Starlette's ``TrustedHostMiddleware`` with ``allowed_hosts`` (setting), else the
  address ``serve`` binds to and localhost; a request for another Host gets 400, so no
  Host header is echoed into links.
- Bodies over ``max_request_bytes`` get 413 before they are read (Content-Length) or the
  connection is ended when a chunked body passes the limit.
"""

from __future__ import annotations

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'")
CSP_DOCS = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self' 'unsafe-inline'; worker-src 'self' blob:; connect-src 'self'; "
            "frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
DOC_PATHS = ("/docs", "/redoc")


def default_hosts(bind: str) -> list[str]:
    hosts = ["localhost", "127.0.0.1", "[::1]", "::1"]
    if bind and bind not in ("0.0.0.0", "::") and bind not in hosts:
        hosts.insert(0, bind)
    return hosts if bind not in ("0.0.0.0", "::") else hosts + ["*"]


class SecurityMiddleware:
    def __init__(self, app, max_body: int = 1 << 20, exempt: tuple[str, ...] = ("/api/documents", "/tilfoej")):
        self.app = app
        self.max_body = int(max_body)
        self.exempt = exempt

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        limit = None if (scope.get("method") == "POST" and path in self.exempt) else self.max_body
        if limit is not None:
            length = dict(scope.get("headers") or []).get(b"content-length")
            try:
                too_big = length is not None and int(length) > limit
            except ValueError:
                too_big = True
            if too_big:
                return await _plain(send, 413, "For stor forespørgsel (request body too large)")
            receive = _capped(receive, limit)
        csp = CSP_DOCS if path.startswith(DOC_PATHS) else CSP

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                for k, v in ((b"content-security-policy", csp.encode()), (b"x-frame-options", b"DENY"),
                             (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")):
                    if k not in names:
                        headers.append((k, v))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _capped(receive, limit: int):
    seen = 0

    async def wrapped():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                return {"type": "http.disconnect"}
        return message

    return wrapped


async def _plain(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                            (b"x-content-type-options", b"nosniff")]})
    await send({"type": "http.response.body", "body": body})
