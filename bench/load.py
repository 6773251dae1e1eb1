"""Bounded load test of the demo API (`make load`; not part of `make test`).

Builds a throwaway SQLite copy of the demo content, serves it with gunicorn (production settings,
throttling off), and drives it with wrk from a second process: 32 connections for 60 seconds over
a mix of v1 endpoints. Prints requests per second, latency percentiles and errors; exits non-zero
if any request failed (socket error, timeout or a status other than 2xx/3xx/404).

    python bench/load.py [--connections 32] [--duration 60] [--workers 4] [--response-cache]

Needs wrk (Debian: `apt-get install wrk`).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = [
    "/api/v1/articles/",
    "/api/v1/articles/ketamine-for-ptsd/",
    "/api/v1/articles/?condition=ptsd&evidence_level=moderate",
    "/api/v1/case-stories/",
    "/api/v1/case-stories/ketamine-infusions-young-adult-ptsd/",
    "/api/v1/guides/ketamine-therapy-step-by-step-guide/",
    "/api/v1/topics/",
    "/api/v1/glossary/",
    "/api/v1/search/?q=ketamine",
    "/api/v1/resolve/?path=/articles/ketamine-for-ptsd/",
    "/api/v1/sitemap/",
    "/api/v1/changes/?since=2026-01-01",
]
WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_until_up(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn exited before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer in time")


def parse_wrk(output: str) -> dict[str, str]:
    figures = {
        "requests_per_second": re.search(r"Requests/sec:\s+([\d.]+)", output).group(1),
        "requests": re.search(r"(\d+) requests in", output).group(1),
    }
    for percentile in ("50", "90", "99"):
        match = re.search(rf"^\s+{percentile}(?:\.000)?%\s+([\d.]+\w+)", output, re.M)
        figures[f"p{percentile}"] = match.group(1) if match else "?"
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["non_2xx_3xx"] = non_2xx.group(1) if non_2xx else "0"
    socket_errors = re.search(r"Socket errors: (.*)", output)
    figures["socket_errors"] = socket_errors.group(1) if socket_errors else "none"
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--response-cache", action="store_true", help="API_RESPONSE_CACHE=on")
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")

    with tempfile.TemporaryDirectory(prefix="medcms-load-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/load.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "API_THROTTLE_ANON": "off",
            "API_THROTTLE_SEARCH": "off",
            "API_THROTTLE_PREVIEW": "off",
            "API_RESPONSE_CACHE": "on" if args.response_cache else "off",
        }
        env.pop("REDIS_URL", None)
        print("Preparing the demo content in a throwaway SQLite database …", flush=True)
        run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([sys.executable, "manage.py", "load_demo_content", "-v0"], env)

        port = free_port()
        serve_env = {
            **env,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [str(gunicorn), "cms.wsgi:application", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", str(args.workers), "--log-level", "warning"],
            cwd=ROOT,
            env=serve_env,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + "/api/v1/articles/", server)
            script = Path(tmp) / "mix.lua"
            script.write_text(WRK_SCRIPT % ", ".join(f'"{path}"' for path in PATHS))
            print(
                f"wrk: {args.connections} connections, {args.duration} s, {len(PATHS)} endpoints; "
                f"gunicorn: {args.workers} workers; response cache "
                f"{'on' if args.response_cache else 'off'}",
                flush=True,
            )
            load = [wrk, "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
            result = subprocess.run(
                [*load, "-s", str(script), base],
                capture_output=True,
                text=True,
                check=True,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(result.stdout)
    figures = parse_wrk(result.stdout)
    print(" | ".join(f"{key}: {value}" for key, value in figures.items()))
    if figures["non_2xx_3xx"] != "0" or figures["socket_errors"] != "none":
        sys.exit("FAILED: some requests errored")


if __name__ == "__main__":
    main()
