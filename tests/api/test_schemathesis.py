"""schemathesis against the OpenAPI document, through the app's WSGI (no network): no input the
document allows gives a 500, and every answer (status, content type, body, headers) matches
what the document says. Deterministic (derandomize) and bounded (MAX_EXAMPLES per operation).

The document's operations are walked here with their hypothesis strategies (`as_strategy`)
rather than with `schema.parametrize()`, whose fixture-based form does not run under pytest 9.
The number of cases generated is printed at the end (docs/api.md quotes it)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks
from schemathesis.core.failures import FailureGroup

from tests import factories
from webapp.api import ratelimit
from webapp.extensions import db

MAX_EXAMPLES = 15
CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_schema_conformance,
          checks.response_headers_conformance]
BOUNDED = settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
                   phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
                   report_multiple_bugs=False)


@pytest.fixture
def some_data(app, api, partner, monkeypatch):
    """A little data for the reads to find (an offer, a need of a followed company), and no
    rate limit in the way."""
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", 1_000_000)
    monkeypatch.setitem(app.extensions, "api_rate_counter", ratelimit.MemoryCounter())
    firm = factories.company("Nettoyage du Vieux-Port", siret="40000000000017")
    factories.target(firm, org=partner, pole_code="I", stage="contacted")
    factories.offer(partner, company_id=firm.id)
    factories.need(factories.organisation(kind="employer"), firm)
    db.session.commit()


def test_every_answer_matches_the_document(app, api, some_data, capsys):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    generated, failures = 0, {}
    for result in schema.get_all_operations():
        operation = result.ok()

        @BOUNDED
        @given(case=operation.as_strategy())
        def run(case):
            nonlocal generated
            generated += 1
            try:
                case.call_and_validate(headers=api.headers(), checks=CHECKS)
            finally:
                db.session.rollback()  # a refused write leaves nothing for the next case

        try:
            run()
        except (AssertionError, FailureGroup) as failure:
            failures[operation.label] = str(failure)[:3000]
    with capsys.disabled():
        print(f"\nschemathesis : {generated} cas générés sur "
              f"{len(list(schema.get_all_operations()))} opérations")
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
