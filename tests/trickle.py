"""A loopback SMTP server that answers normally except one reply, sent a byte a second:
each byte comes well within any read timeout, so only a total deadline ends the wait."""

from __future__ import annotations

import socket
import threading
import time


class TricklingSmtp:
    """``slow`` is "greeting" (the 220 line) or "data" (the answer to the end of a message)."""

    def __init__(self, slow: str) -> None:
        self.slow = slow
        self.sessions = 0
        self._stop = threading.Event()
        self._srv = socket.socket()
        self._srv.bind(("127.0.0.1", 0))
        self._srv.listen(8)
        self.port: int = self._srv.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def close(self) -> None:
        self._stop.set()
        self._srv.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._srv.accept()
            except OSError:
                return
            self.sessions += 1
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _say(self, conn: socket.socket, line: bytes, slow: bool) -> None:
        if not slow:
            conn.sendall(line)
            return
        for byte in line:
            if self._stop.is_set():
                return
            conn.sendall(bytes([byte]))
            time.sleep(1)

    def _session(self, conn: socket.socket) -> None:
        try:
            with conn:
                self._converse(conn)
        except OSError:
            pass  # the client gave up: that is what the tests want

    def _converse(self, conn: socket.socket) -> None:
        self._say(conn, b"220 slow.example ESMTP\r\n", self.slow == "greeting")
        in_data = False
        for raw in conn.makefile("rb"):
            if in_data:
                if raw == b".\r\n":
                    in_data = False
                    self._say(conn, b"250 2.0.0 queued as 1\r\n", self.slow == "data")
                continue
            verb = raw[:4].upper()
            if verb == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            in_data = verb == b"DATA"
            replies = {b"EHLO": b"250-slow.example\r\n250 8BITMIME\r\n", b"DATA": b"354 go\r\n"}
            conn.sendall(replies.get(verb, b"250 ok\r\n"))
