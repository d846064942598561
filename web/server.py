"""Running the app under uvicorn, with connections that must send their request headers in
time: uvicorn's keep-alive timer only starts after a response, so a client that opens a
connection and dribbles its headers would hold it forever (slowloris)."""

from __future__ import annotations

from uvicorn.protocols.http.h11_impl import H11Protocol


class HeaderTimeoutH11(H11Protocol):
    """h11 with a deadline for each request's headers (``header_timeout`` seconds)."""

    header_timeout = 10.0
    _header_timer = None

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None and not self.cycle.response_complete:
            self._disarm()             # a whole request line and headers arrived

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


def protocol(header_timeout: float) -> type[HeaderTimeoutH11]:
    return type("HeaderTimeoutH11", (HeaderTimeoutH11,), {"header_timeout": float(header_timeout)})


def run(app, host: str, port: int, header_timeout: float = 10.0) -> None:
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning", http=protocol(header_timeout),
                timeout_keep_alive=5)
