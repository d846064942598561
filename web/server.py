"""Running the app under uvicorn: httptools' C parser and uvloop where installed (the
project's dependencies; h11 and asyncio otherwise, as uvicorn's "auto"), with connections that
must send their request headers in time: uvicorn's keep-alive timer only starts after a
response, so a client that opens a connection and dribbles its headers would hold it
forever (slowloris)."""

from __future__ import annotations

from uvicorn.protocols.http.h11_impl import H11Protocol

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:          # httptools not installed
    HttpToolsProtocol = None


class _HeaderDeadline:
    """A deadline for each request's headers (``header_timeout`` seconds), armed when the
    connection opens and after each response, disarmed when a request's headers are in."""

    header_timeout = 10.0
    _header_timer = None

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()                # the next request on this connection gets the same deadline

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.cycle is None or self.cycle.response_complete:
            self.transport.close()


class HeaderTimeoutH11(_HeaderDeadline, H11Protocol):
    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None and not self.cycle.response_complete:
            self._disarm()             # a whole request line and headers arrived


if HttpToolsProtocol is not None:
    class HeaderTimeoutHttpTools(_HeaderDeadline, HttpToolsProtocol):
        def on_headers_complete(self) -> None:
            super().on_headers_complete()
            self._disarm()
else:
    HeaderTimeoutHttpTools = None


def protocol(header_timeout: float, parser: str = "auto") -> type:
    """The HTTP protocol class with the header deadline: httptools (``auto`` where it is
    installed) or h11."""
    base = HeaderTimeoutHttpTools if parser in ("auto", "httptools") and HeaderTimeoutHttpTools else HeaderTimeoutH11
    if parser == "httptools" and base is not HeaderTimeoutHttpTools:
        raise RuntimeError("httptools is not installed")
    return type(base.__name__, (base,), {"header_timeout": float(header_timeout)})


def config(app, host: str, port: int, header_timeout: float = 10.0, parser: str = "auto", **kw):
    """The uvicorn configuration ``serve`` runs (loop "auto": uvloop where installed)."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level="warning", http=protocol(header_timeout, parser),
                          timeout_keep_alive=5, **kw)


def run(app, host: str, port: int, header_timeout: float = 10.0) -> None:
    import uvicorn

    uvicorn.Server(config(app, host, port, header_timeout)).run()
