"""One line per request with its id, and never a name or an address in it."""

import json
import logging

from tests import factories
from webapp.core.request_log import JsonLinesFormatter, RequestIdFilter


def request_lines(caplog):
    return [record for record in caplog.records if record.name == "passerelle.requests"]


def test_each_request_writes_one_line_and_echoes_its_id(client, caplog):
    caplog.set_level(logging.INFO, logger="passerelle.requests")
    response = client.get("/connexion?email=secret@example.org")
    (line,) = request_lines(caplog)
    assert (line.method, line.path, line.status) == ("GET", "/connexion", 200)
    assert line.duration_ms >= 0
    assert "secret@example.org" not in line.getMessage() + json.dumps(vars(line), default=str)
    assert len(response.headers["X-Request-ID"]) == 32


def test_a_sane_request_id_from_the_proxy_is_kept_and_a_forged_one_is_not(client):
    kept = client.get("/connexion", headers={"X-Request-ID": "nginx-abc-123456"})
    assert kept.headers["X-Request-ID"] == "nginx-abc-123456"
    forged = client.get("/connexion", headers={"X-Request-ID": "x INFO fake <line>"})
    assert forged.headers["X-Request-ID"] != "x INFO fake <line>"


def test_the_line_names_the_user_by_id_only(client, login, database, caplog):
    org = factories.organisation()
    ae = factories.user((org, "ae"), email="camille.ae@example.org", name="Camille Martin")
    person = factories.profile(org, ae=ae, label="Nadia B.")
    database.session.commit()
    login(ae)
    caplog.set_level(logging.INFO)
    client.get(f"/profils/{person.id}")
    line = request_lines(caplog)[-1]
    assert line.user_id == ae.id and line.status == 200
    everything = "\n".join(r.getMessage() + json.dumps(vars(r), default=str)
                           for r in caplog.records)
    for personal in ("Nadia", "camille.ae@example.org", "Camille Martin"):
        assert personal not in everything


def test_json_lines_carry_the_request_id_and_the_extras(app):
    record = logging.makeLogRecord({"name": "passerelle.requests", "levelno": logging.INFO,
                                    "levelname": "INFO", "msg": "GET / 200", "status": 200})
    with app.test_request_context("/"):
        from flask import g

        g.request_id = "abc123456"
        RequestIdFilter().filter(record)
    entry = json.loads(JsonLinesFormatter().format(record))
    assert entry["request_id"] == "abc123456"
    assert entry["status"] == 200 and entry["message"] == "GET / 200"
