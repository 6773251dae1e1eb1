"""A loopback TCP proxy a test controls, to cut a real service (PostgreSQL, Redis) off from the
application without stopping the shared server (DESIGN.md §8).

Modes: `forward` (normal), `refuse` (existing connections dropped, new ones closed at once: the
service is down) and `blackhole` (connections accepted, nothing forwarded: the service hangs).
"""

from __future__ import annotations

import contextlib
import socket
import threading


class TcpProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.mode = "forward"
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._accept_loop, daemon=True).start()

    # --- control -------------------------------------------------------------------------------
    def cut(self, mode: str = "refuse") -> None:
        assert mode in ("refuse", "blackhole")
        self.mode = mode
        self._drop_all()

    def restore(self) -> None:
        self.mode = "forward"

    def close(self) -> None:
        self._closed = True
        self._drop_all()
        with contextlib.suppress(OSError):
            self._listener.close()

    # --- plumbing ------------------------------------------------------------------------------
    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def _drop_all(self) -> None:
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self.mode == "refuse":
                client.close()
                continue
            self._track(client)
            if self.mode == "blackhole":
                continue  # held open, never answered, until cut/restore drops it
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            self._track(upstream)
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if self.mode != "forward":
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
