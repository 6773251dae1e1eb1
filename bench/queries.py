"""Queries per request for our v1 list and detail, counted in-process (run by bench/run.py).

Runs under the settings bench/run.py serves with (response cache off). Each URL is requested once
to warm per-process caches, then counted on the second request (the steady state a gunicorn worker
sees). Prints one JSON object: {url: [first, steady]}.
"""

from __future__ import annotations

import json
import sys

import django


def main(urls: list[str]) -> None:
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for url in urls:
        runs = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            runs.append(len(queries))
        counts[url] = runs
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1:])
