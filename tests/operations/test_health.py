"""/sante: what a load balancer reads, with no login and nothing personal."""

from pathlib import Path

from tests.conftest import make_config
from webapp import create_app
from webapp.operations import health


def test_a_healthy_platform_answers_200_without_a_login(client):
    response = client.get("/sante")
    assert response.status_code == 200
    assert response.json["statut"] == "ok"
    assert set(response.json["verifications"]) == {"base_de_donnees", "file_de_taches", "disque"}
    assert "Set-Cookie" not in response.headers


def test_an_unreachable_database_answers_503(tmp_path):
    missing = tmp_path / "no-such-folder" / "passerelle.sqlite"
    app = create_app(make_config(f"sqlite:///{missing}"))
    response = app.test_client().get("/sante")
    assert response.status_code == 503
    assert response.json["statut"] == "en panne"
    assert response.json["verifications"]["base_de_donnees"] == {"ok": False,
                                                                  "detail": "ne répond pas"}


def test_a_full_disk_answers_503(app, database, client):
    app.config["HEALTH_MIN_FREE_MB"] = 10**12
    try:
        response = client.get("/sante")
    finally:
        app.config["HEALTH_MIN_FREE_MB"] = 500
    assert response.status_code == 503
    assert response.json["verifications"]["disque"]["ok"] is False


def test_an_unreachable_queue_fails_its_check(monkeypatch, app):
    class DeadStorage:
        def queue_size(self):
            raise ConnectionError("refused")

    monkeypatch.setattr(health.huey, "_immediate", False)
    monkeypatch.setattr(health.huey, "storage", DeadStorage())
    with app.app_context():
        check = health.queue_check()
    assert (check.ok, check.detail) == (False, "injoignable")


def test_the_disk_check_reads_the_real_free_space(tmp_path: Path):
    assert health.disk_check(str(tmp_path), 1).ok
    assert not health.disk_check(str(tmp_path), 10**12).ok
