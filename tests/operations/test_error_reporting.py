"""Errors reach Sentry without the person behind them: a real SDK, a local transport."""

import sentry_sdk
from flask import request
from sentry_sdk.transport import Transport

from tests.conftest import make_config
from webapp import create_app
from webapp.operations.error_reporting import scrub_event


def crash_on_what_was_typed():
    raise RuntimeError(f"échec pour {request.form['email']}")


class KeptEnvelopes(Transport):
    sent: list = []

    def capture_envelope(self, envelope):
        KeptEnvelopes.sent.append(envelope)


def test_a_crash_is_reported_without_what_the_user_typed(tmp_path):
    config = make_config(f"sqlite:///{tmp_path / 'db.sqlite'}")
    config.SENTRY_DSN = "http://public@127.0.0.1:9/1"
    config.SENTRY_TRANSPORT = KeptEnvelopes
    config.PROPAGATE_EXCEPTIONS = False
    app = create_app(config)
    app.add_url_rule("/boom", view_func=crash_on_what_was_typed, methods=["POST"])
    KeptEnvelopes.sent.clear()
    try:
        response = app.test_client().post(
            "/boom?nom=Nadia", data={"label": "Nadia B.", "email": "nadia.b@example.org"},
            headers={"Cookie": "session=secret-cookie", "Authorization": "Bearer tok"})
        sentry_sdk.flush()
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.init()  # no DSN: the rest of the run reports nothing
    assert response.status_code == 500
    events = [item.payload.json for envelope in KeptEnvelopes.sent for item in envelope.items
              if item.type == "event"]
    assert len(events) == 1
    sent = str(events[0])
    assert "RuntimeError" in sent
    for personal in ("Nadia", "nadia.b@example.org", "secret-cookie", "Bearer tok"):
        assert personal not in sent


def test_the_scrubber_keeps_ids_and_drops_the_rest():
    event = {
        "request": {"url": "http://x/profils/3?nom=Nadia", "data": {"label": "Nadia B."},
                    "cookies": {"session": "s"}, "query_string": "nom=Nadia",
                    "headers": {"Cookie": "session=s", "User-Agent": "Firefox"}},
        "user": {"id": 7, "email": "a@b.fr", "ip_address": "1.2.3.4"},
        "exception": {"values": [{"value": "écrit à a@b.fr", "stacktrace": {
            "frames": [{"function": "f", "vars": {"person": "Nadia"}}]}}]},
        "breadcrumbs": {"values": [{"message": "login a@b.fr", "data": {"q": "x"}}]},
    }
    scrubbed = scrub_event(event)
    assert scrubbed["user"] == {"id": 7}
    assert scrubbed["request"]["url"] == "http://x/profils/3"
    assert scrubbed["request"]["headers"] == {"User-Agent": "Firefox"}
    assert "Nadia" not in str(scrubbed) and "a@b.fr" not in str(scrubbed)
