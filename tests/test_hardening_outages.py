"""Outages, cut through a loopback TCP proxy the test controls (tests/tcp_proxy.py), never by
stopping the shared services (DESIGN.md §8):

- PostgreSQL unreachable: a real gunicorn server answers 503 JSON with Retry-After, no traceback,
  and recovers by itself when the database returns, without a restart;
- Redis refused or hanging: the API keeps serving from the database (the cache fails open with
  short timeouts) and throttling never turns into a 500.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from django.db import connection
from django.test import override_settings

from .tcp_proxy import TcpProxy

ROOT = Path(__file__).resolve().parent.parent
DETAIL = "/api/v1/articles/ketamine-for-ptsd/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 20) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def answering(port: int) -> bool:
    try:
        return fetch(f"http://127.0.0.1:{port}/healthz", timeout=2)[0] == 200
    except OSError:
        return False


@pytest.fixture
def server_behind_db_proxy(django_db_setup, django_db_blocker, tmp_path):
    """gunicorn serving the test database through a proxy; yields (base URL, proxy)."""
    if connection.vendor != "postgresql":
        pytest.skip("An embedded SQLite database cannot become unreachable: PostgreSQL only.")
    db = connection.settings_dict
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{db['NAME']}",
        "DB_CONNECT_TIMEOUT": "2",
        "API_THROTTLE_ANON": "off",
    }
    env.pop("REDIS_URL", None)
    log = (tmp_path / "gunicorn.log").open("w")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "cms.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not answering(port):
            assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", proxy
    finally:
        server.terminate()
        server.wait(timeout=20)
        proxy.close()
        log.close()


def assert_outage_json(status: int, headers: dict[str, str], body: bytes) -> None:
    assert status == 503, body[:500]
    assert headers["Content-Type"].startswith("application/json")
    assert int(headers["Retry-After"]) > 0
    error = json.loads(body)["error"]
    assert error["code"] == "service_unavailable" and error["status"] == 503
    text = body.decode()
    assert "Traceback" not in text and "psycopg" not in text and "SELECT" not in text


@pytest.mark.postgres_only
@pytest.mark.parametrize("cut", ["refuse", "blackhole"])
def test_a_lost_database_is_a_503_and_the_api_recovers_without_a_restart(server_behind_db_proxy, cut):
    base, proxy = server_behind_db_proxy
    assert fetch(f"{base}/api/v1/articles/")[0] == 200

    proxy.cut(cut)
    for path in ("/api/v1/articles/", DETAIL, "/api/v1/search/?q=ketamine", "/api/v2/pages/"):
        assert_outage_json(*fetch(base + path))
    status, _, body = fetch(f"{base}/readyz")
    assert status == 503 and json.loads(body)["components"]["database"]["status"] == "unavailable"
    assert fetch(f"{base}/healthz")[0] == 200  # alive, just not ready

    proxy.restore()
    assert fetch(f"{base}/api/v1/articles/")[0] == 200
    status, _, body = fetch(f"{base}/readyz")
    assert status == 200 and json.loads(body)["components"]["database"]["status"] == "ok"


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def redis_behind_proxy():
    if not redis_answers():
        pytest.skip("No Redis on 127.0.0.1:6379 to put behind the proxy.")
    proxy = TcpProxy("127.0.0.1", 6379)
    cache = {
        "default": {
            "BACKEND": "cms.cache.FailFastRedisCache",
            "LOCATION": f"redis://127.0.0.1:{proxy.port}/9",
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    settings = {"CACHES": cache, "API_RESPONSE_CACHE": True, "API_THROTTLE_ANON": "1000/minute"}
    with override_settings(**settings, CACHE_BREAKER_SECONDS=0.5):
        yield proxy
    proxy.close()


@pytest.mark.parametrize("cut", ["refuse", "blackhole"])
def test_without_redis_the_api_serves_from_the_database(client, api_content, redis_behind_proxy, cut):
    client.get(DETAIL)
    assert client.get(DETAIL)["X-Cache"] == "hit"  # Redis works through the proxy

    redis_behind_proxy.cut(cut)
    for url in (DETAIL, "/api/v1/articles/", "/api/v1/search/?q=ketamine", "/api/v1/topics/"):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        assert response.json()
    status = client.get("/readyz")
    assert status.status_code == 200 and status.json()["status"] == "degraded"
    assert status.json()["components"]["cache"]["status"] == "unavailable"

    redis_behind_proxy.restore()
    time.sleep(0.6)  # the breaker's pause (CACHE_BREAKER_SECONDS) before Redis is tried again
    client.get(DETAIL)
    assert client.get(DETAIL)["X-Cache"] == "hit"


def test_throttling_without_redis_never_turns_into_a_500(client, api_content, redis_behind_proxy):
    redis_behind_proxy.cut("refuse")
    with override_settings(API_THROTTLE_ANON="2/minute"):
        statuses = {client.get("/api/v1/articles/").status_code for _ in range(5)}
    # Without a shared counter the throttle cannot count: it lets requests through (fails open).
    assert statuses == {200}
