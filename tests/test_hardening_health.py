"""`/healthz` (liveness) and `/readyz` (database, cache, storage) for load balancers and
orchestrators. Outages of each dependency are in test_hardening_outages.py."""

import pytest


def test_liveness_touches_no_dependency(client):
    # No `db` fixture: any database access here would raise.
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_reports_every_component(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["components"]) == {"database", "cache", "storage"}
    assert all(component["status"] == "ok" for component in body["components"].values())


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_refuse_state_changing_methods(client, db, path):
    assert client.post(path).status_code == 405
