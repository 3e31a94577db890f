"""Security headers on every response; no-store on whatever a logged-in person sees."""

import pytest

from tests import factories
from webapp.core.security_headers import CONTENT_SECURITY_POLICY


def test_every_response_carries_the_security_headers(client):
    response = client.get("/connexion")
    policy = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'",
                      "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers
    assert client.get("/page-qui-n-existe-pas").headers["Content-Security-Policy"] == policy


def test_hsts_only_over_https(client):
    response = client.get("/connexion", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_the_anonymous_login_page_and_static_files_may_be_cached(client):
    assert "no-store" not in client.get("/connexion").headers.get("Cache-Control", "")
    with client.get("/static/css/app.css") as static_file:
        assert "no-store" not in static_file.headers.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/", "/offres/", "/profils/", "/immersions/", "/offres/export.csv",
                                  "/tableau-de-bord/"])
def test_every_authenticated_page_and_export_is_never_stored(client, login, database, path):
    org = factories.organisation("Département 13 – service emploi", kind="departement_emploi")
    login(factories.user((org, "cre"), name="Camille CRE"))
    response = client.get(path)
    assert response.status_code in (200, 404), (path, response.status_code)
    assert response.headers["Cache-Control"] == "no-store", path


def test_the_policy_allows_no_inline_script_or_style():
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY


def test_no_template_or_script_needs_inline_code_or_eval():
    """What the policy would block: inline handlers, style attributes, js: values, <script> bodies."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    forbidden = re.compile(r"""\son[a-z]+=|\sstyle=|hx-vals=['"]js:|hx-on|<script(?![^>]*\ssrc=)|<style""")
    e_mails = root / "templates" / "notifications" / "email"  # read by mail clients, not under the CSP
    offenders = [f"{path.relative_to(root)}:{number}"
                 for path in (root / "templates").rglob("*.html") if e_mails not in path.parents
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if forbidden.search(line)]
    assert offenders == []
