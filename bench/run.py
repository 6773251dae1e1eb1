"""`make bench`: this project's API against stock Wagtail API v2, side by side, at several sizes.

For each size N (default 100 and 1,000 articles):
1. grows both datasets to N articles, kept under var/bench/ as one SQLite file per size (a size is
   copied from the next smaller one and grown, so a rerun reuses everything already generated):
   ours with `manage.py generate_bench_content` (through the review workflow), the stock baseline
   (bench/stock/) with `generate_stock_content`, from the same bodies (bench/content.py);
   for PostgreSQL, copies both files into the databases medcms_bench_main_N / medcms_bench_stock_N
   (bench/pgcopy.py: Django's schema, the rows, Wagtail's PostgreSQL search index; kept when the
   database already is a copy of as many pages);
2. for each backend (SQLite, PostgreSQL), serves each project with gunicorn (2 sync workers; ours
   with production settings, throttling off and the response cache off, then on), and drives each
   endpoint with wrk from a second process (8 connections, a short warm-up, then --duration s);
3. counts our queries per request in-process (bench/queries.py);
4. prints one Markdown table per N and backend (req/s, p50, p99, ratio within that backend) and
   the gunicorn workers' RSS, and writes them to var/bench/results-<time>.md.

    python bench/run.py [--sizes 100,1000,10000] [--duration 10] [--warmup 2]
                        [--backends sqlite,postgresql] [--recopy]

PostgreSQL is measured by default when it answers at 127.0.0.1:5432 (user postgres, trust auth;
BENCH_POSTGRES_URL names another server).

Needs wrk (Debian: `apt-get install wrk`). Not part of `make test`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import parse_wrk, wait_until_up  # noqa: E402
from bench.pgcopy import copy_dataset, database_url, postgres_unavailable, server_version  # noqa: E402

DATA = ROOT / "var" / "bench"
PY = sys.executable
GUNICORN = str(Path(PY).with_name("gunicorn"))
V1_LIST = "/api/v1/articles/?limit=20"
V1_SEARCH = "/api/v1/search/?q=ketamine"
V2_LIST = "/api/v2/pages/?type=benchsite.BenchArticlePage&limit=20"
SECRET = secrets.token_urlsafe(50)
BACKENDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass
class Figure:
    label: str
    rps: float
    p50: str
    p99: str
    errors: str
    size: int  # response bytes


@dataclass
class SizeResult:
    n: int
    backend: str = "sqlite"
    figures: dict[str, Figure] = field(default_factory=dict)
    queries: dict[str, list[int]] = field(default_factory=dict)
    rss: dict[str, list[int]] = field(default_factory=dict)  # server → workers' VmRSS in kB
    requests: dict[str, int] = field(default_factory=dict)  # server → requests served


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_database(kind: str, n: int) -> str:
    return f"medcms_bench_{kind}_{n}"


def main_env(n: int, *, cache: bool = False, backend: str = "sqlite") -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"sqlite:///{DATA / f'main-{n}.sqlite3'}"
            if backend == "sqlite"
            else database_url(pg_database("main", n))
        ),
        "MEDIA_ROOT": str(DATA / "main-media"),
        "STATIC_ROOT": str(DATA / "static"),  # empty: the API serves no static files
        "LOG_LEVEL": "WARNING",
        "API_THROTTLE_ANON": "off",
        "API_THROTTLE_SEARCH": "off",
        "API_THROTTLE_PREVIEW": "off",
        "API_RESPONSE_CACHE": "on" if cache else "off",
    }
    env.pop("REDIS_URL", None)
    return env


def serve_env(env: dict[str, str]) -> dict[str, str]:
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "false",
    }


def stock_env(n: int, backend: str = "sqlite") -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.stock.settings",
        "SECRET_KEY": SECRET,
        "BENCH_STOCK_DB": str(DATA / f"stock-{n}.sqlite3"),
        "BENCH_STOCK_MEDIA": str(DATA / "stock-media"),
        "BENCH_RAW_DIR": str(DATA / "raw"),
    }
    env.pop("BENCH_STOCK_DATABASE_URL", None)
    if backend == "postgresql":
        env["BENCH_STOCK_DATABASE_URL"] = database_url(pg_database("stock", n))
    return env


def run(command: list[str], env: dict[str, str], *, quiet: bool = False) -> str:
    stdout = subprocess.PIPE if quiet else None
    result = subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=stdout, text=True)
    return result.stdout if quiet else ""


def grow(kind: str, n: int, sizes: list[int]) -> None:
    """Bring var/bench/<kind>-<n>.sqlite3 to n articles, starting from the largest smaller copy."""
    target = DATA / f"{kind}-{n}.sqlite3"
    if not target.exists():
        smaller = [
            s
            for s in sorted(sizes + existing_sizes(kind))
            if s < n and (DATA / f"{kind}-{s}.sqlite3").exists()
        ]
        if smaller:
            shutil.copyfile(DATA / f"{kind}-{smaller[-1]}.sqlite3", target)
    print(f"== {kind}: {n} articles", flush=True)
    started = time.monotonic()
    if kind == "main":
        env = {**main_env(n), "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
        run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([PY, "manage.py", "generate_bench_content", "--articles", str(n)], env)
    else:
        env = stock_env(n)
        run([PY, "-m", "django", "migrate", "--noinput", "-v0"], env)
        run([PY, "-m", "django", "generate_stock_content", "--articles", str(n)], env)
    print(f"   ready in {time.monotonic() - started:.0f} s", flush=True)


def existing_sizes(kind: str) -> list[int]:
    return [int(p.stem.split("-")[1]) for p in DATA.glob(f"{kind}-*.sqlite3")]


def worker_rss(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    rss = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss.append(int(line.split()[1]))
    return rss


@contextlib.contextmanager
def gunicorn(
    app: str, env: dict[str, str], probe: str, workers: int, result: SizeResult, name: str
) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [GUNICORN, app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own process group, so a stuck worker can be killed with it
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + probe, server)
        yield base
        result.rss[name] = worker_rss(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker still busy with a request that timed out
            os.killpg(server.pid, signal.SIGKILL)  # the workers too: they would go on computing
            server.wait(timeout=30)


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def measure(
    base: str, path: str, label: str, args: argparse.Namespace, result: SizeResult, server: str
) -> None:
    wrk = ["wrk", "-t2", f"-c{args.connections}", "--latency"]
    try:
        size = len(fetch(base + path))
    except urllib.error.HTTPError as exc:  # recorded, so the other figures still get measured
        result.figures[label] = Figure(label, 0.0, "–", "–", f"HTTP {exc.code}", 0)
        print(f"   {label:<40} HTTP {exc.code}, not measured", flush=True)
        return
    except (urllib.error.URLError, TimeoutError) as exc:  # e.g. a search that takes minutes
        result.figures[label] = Figure(label, 0.0, "> 30 s", "–", "timed out", 0)
        print(f"   {label:<40} no answer within 30 s ({exc}), not measured", flush=True)
        return
    subprocess.run([*wrk, f"-d{args.warmup}s", base + path], check=True, capture_output=True)
    output = subprocess.run(
        [*wrk, f"-d{args.duration}s", base + path], check=True, capture_output=True, text=True
    ).stdout
    parsed = parse_wrk(output)
    errors = parsed["non_2xx_3xx"] if parsed["socket_errors"] == "none" else f"{parsed['non_2xx_3xx']}+sock"
    result.figures[label] = Figure(
        label, float(parsed["requests_per_second"]), parsed["p50"], parsed["p99"], errors, size
    )
    result.requests[server] = result.requests.get(server, 0) + int(parsed["requests"])
    figure = result.figures[label]
    print(f"   {label:<40} {figure.rps:>8.1f} req/s  p50 {figure.p50:>8}  p99 {figure.p99:>8}", flush=True)


def bench_size(n: int, args: argparse.Namespace, backend: str = "sqlite") -> SizeResult:
    result = SizeResult(n, backend)
    detail_slug = f"bench-article-{min(n, 50):05d}"  # the same article at every size
    v1_detail = f"/api/v1/articles/{detail_slug}/"
    raw = DATA / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    query_env = serve_env(main_env(n, backend=backend))
    try:
        counted = run([PY, "-m", "bench.queries", V1_LIST, v1_detail], query_env, quiet=True)
        result.queries = json.loads(counted.strip().splitlines()[-1])
    except subprocess.CalledProcessError:
        print("   queries per request not counted: bench/queries.py failed (above)", flush=True)

    where = f"N={n}, {BACKENDS[backend]}"
    print(f"== {where}: ours, response cache off", flush=True)
    with gunicorn(
        "cms.wsgi:application",
        serve_env(main_env(n, backend=backend)),
        "/healthz",
        args.workers,
        result,
        "ours (uncached)",
    ) as base:
        for path, name in ((v1_detail, "detail.json"), (V1_LIST, "list.json")):
            # The bytes the stock project's plain Django view serves (kept from before on an error).
            with contextlib.suppress(urllib.error.HTTPError):
                (raw / name).write_bytes(fetch(base + path))
        measure(base, V1_LIST, "ours v1 list (20)", args, result, "ours (uncached)")
        measure(base, v1_detail, "ours v1 detail", args, result, "ours (uncached)")
        measure(base, V1_SEARCH, "ours v1 search ?q=ketamine", args, result, "ours (uncached)")
    print(f"== {where}: ours, response cache on", flush=True)
    cached_env = serve_env(main_env(n, cache=True, backend=backend))
    with gunicorn(
        "cms.wsgi:application", cached_env, "/healthz", args.workers, result, "ours (cached)"
    ) as base:
        measure(base, V1_LIST, "ours v1 list (20), cached", args, result, "ours (cached)")
        measure(base, v1_detail, "ours v1 detail, cached", args, result, "ours (cached)")
    print(f"== {where}: stock Wagtail API v2", flush=True)
    with gunicorn(
        "bench.stock.wsgi:application", stock_env(n, backend), V2_LIST, args.workers, result, "stock"
    ) as base:
        found = json.loads(fetch(f"{base}{V2_LIST}&slug={detail_slug}"))["items"][0]["id"]
        measure(base, V2_LIST, "stock v2 list (20), default fields", args, result, "stock")
        measure(base, V2_LIST + "&fields=*", "stock v2 list (20), fields=*", args, result, "stock")
        measure(base, f"/api/v2/pages/{found}/", "stock v2 detail", args, result, "stock")
        measure(base, "/bench/raw/detail/", "Django view, our detail bytes", args, result, "stock")
        measure(base, "/bench/raw/list/", "Django view, our list bytes", args, result, "stock")
        # Last: on SQLite at 10,000 articles it does not answer within 30 s, and the worker
        # stays busy with it until the server is stopped.
        measure(base, "/api/v2/pages/?search=ketamine", "stock v2 ?search=ketamine", args, result, "stock")
    return result


RATIOS = {  # ours → what it is compared with
    "ours v1 list (20)": "stock v2 list (20), default fields",
    "ours v1 detail": "stock v2 detail",
    "ours v1 search ?q=ketamine": "stock v2 ?search=ketamine",
    "ours v1 list (20), cached": "Django view, our list bytes",
    "ours v1 detail, cached": "Django view, our detail bytes",
}


def table(result: SizeResult) -> str:
    lines = [
        f"### {result.n:,} articles, {BACKENDS[result.backend]}",
        "",
        "| request | bytes | req/s | p50 | p99 | errors | ratio |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for label, fig in result.figures.items():
        ratio = ""
        other = result.figures.get(RATIOS.get(label, ""))
        if other and fig.rps and other.rps:
            ratio = f"**{fig.rps / other.rps:.2f}×** {RATIOS[label]}"
        lines.append(
            f"| {label} | {fig.size:,} | {fig.rps:,.1f} | {fig.p50} | {fig.p99} | {fig.errors} | {ratio} |"
        )
    lines.append("")
    if not result.queries:
        lines.append("- Queries per request: not counted (bench/queries.py failed)")
    for url, (first, steady) in result.queries.items():
        lines.append(f"- Queries per request, `{url}`: {steady} (first request in a fresh process: {first})")
    for name, rss in result.rss.items():
        mb = ", ".join(f"{kb / 1024:.0f} MB" for kb in rss)
        lines.append(f"- gunicorn worker RSS after {result.requests.get(name, 0):,} requests, {name}: {mb}")
    return "\n".join(lines) + "\n"


def milliseconds(latency: str) -> float:
    """wrk's "12.34ms" / "1.02s" / "850.00us" in milliseconds."""
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if latency.endswith(unit):
            try:
                return float(latency[: -len(unit)]) * factor
            except ValueError:  # "> 30 s": not measured
                break
    return float("nan")


def growth(results: list[SizeResult]) -> str:
    """req/s and p50 of every request across sizes (one backend), with p50 at the largest ÷ at the
    smallest."""
    sizes = " | ".join(f"{r.n:,}: req/s, p50" for r in results)
    lines = [
        f"### Growth with the number of articles, {BACKENDS[results[0].backend]}",
        "",
        f"| request | {sizes} | p50 ×, {results[-1].n:,} ÷ {results[0].n:,} |",
        "|---|" + "---|" * len(results) + "---:|",
    ]
    for label in results[0].figures:
        cells = [f"{r.figures[label].rps:,.1f}, {r.figures[label].p50}" for r in results]
        first, last = (milliseconds(r.figures[label].p50) for r in (results[0], results[-1]))
        ratio = f"{last / first:.2f}" if first > 0 and last > 0 else ""  # not for a failed figure
        lines.append(f"| {label} | {' | '.join(cells)} | {ratio} |")
    return "\n".join(lines) + "\n"


def choose_backends(option: str | None) -> list[str]:
    """--backends, or by default SQLite plus PostgreSQL when it answers."""
    if option is None:
        reason = postgres_unavailable()
        if reason:
            print(f"{reason}; measuring SQLite only", flush=True)
            return ["sqlite"]
        return ["sqlite", "postgresql"]
    backends = [backend.strip() for backend in option.split(",") if backend.strip()]
    unknown = [backend for backend in backends if backend not in BACKENDS]
    if unknown or not backends:
        sys.exit(f"--backends takes {', '.join(BACKENDS)}, not {option!r}")
    if "postgresql" in backends and (reason := postgres_unavailable()):
        sys.exit(reason)
    return sorted(set(backends), key=list(BACKENDS).index)


def main() -> None:
    global DATA
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated article counts")
    parser.add_argument("--duration", type=int, default=10, help="seconds per figure")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per figure")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--data", type=Path, default=DATA, help="where datasets and results are kept")
    parser.add_argument("--prepare-only", action="store_true", help="grow the datasets, measure nothing")
    parser.add_argument(
        "--backends",
        help="comma-separated: sqlite, postgresql (default: both when PostgreSQL answers, else sqlite)",
    )
    parser.add_argument(
        "--recopy",
        action="store_true",
        help="copy into PostgreSQL even when the databases already are copies",
    )
    args = parser.parse_args()
    DATA = args.data.resolve()
    if not shutil.which("wrk") and not args.prepare_only:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    sizes = sorted(int(size) for size in args.sizes.split(","))
    backends = choose_backends(args.backends)
    (DATA / "static").mkdir(parents=True, exist_ok=True)
    for n in sizes:
        grow("main", n, sizes)
        grow("stock", n, sizes)
        if "postgresql" in backends:
            for kind in ("main", "stock"):
                copy_dataset(DATA / f"{kind}-{n}.sqlite3", pg_database(kind, n), kind, force=args.recopy)
    if args.prepare_only:
        return
    databases = f"SQLite {sqlite3.sqlite_version}"
    if "postgresql" in backends:
        databases += f", PostgreSQL {server_version()} (copies of the SQLite datasets)"
    header = (
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {databases}; gunicorn {args.workers} sync workers; wrk "
        f"{args.connections} connections, {args.warmup} s warm-up + {args.duration} s per figure; "
        f"load average before: {os.getloadavg()[0]:.2f}\n"
    )
    tables = [header]
    results: dict[str, list[SizeResult]] = {backend: [] for backend in backends}
    for n in sizes:
        for backend in backends:
            results[backend].append(bench_size(n, args, backend))
            tables.append(table(results[backend][-1]))
            print("\n" + tables[-1], flush=True)
    for backend in backends:
        if len(results[backend]) > 1:
            tables.append(growth(results[backend]))
            print(tables[-1], flush=True)
    out = DATA / f"results-{time.strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text("\n".join(tables))
    print(f"Results written to {out}")


if __name__ == "__main__":
    main()
