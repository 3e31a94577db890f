"""The OpenAPI document, the documentation page and the rate limit."""

import json

import pytest

from tests.api.conftest import assert_problem
from webapp.api import ratelimit
from webapp.api.routes import PREFIX


def test_the_document_is_openapi_3_1_and_lists_every_route(app, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.get_data(as_text=True))
    assert document["openapi"] == "3.1.0"
    documented = {(method.upper(), path) for path, methods in document["paths"].items()
                  for method in methods}
    routed = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(PREFIX) and rule.endpoint != "api.unknown":
            path = rule.rule
            for argument in rule.arguments:
                path = path.replace(f"<int:{argument}>", f"{{{argument}}}").replace(
                    f"<{argument}>", f"{{{argument}}}")
            routed |= {(method, path) for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routed == documented
    references = {value for value in _walk(document) if isinstance(value, str) and value.startswith("#/")}
    for reference in references:
        assert reference.split("/")[-1] in document["components"]["schemas"], reference
    for path, methods in document["paths"].items():
        for operation in methods.values():
            if operation.get("x-scope"):
                assert {"401", "403", "429"} <= set(operation["responses"]), path


def _walk(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)
    else:
        yield node


def test_the_documentation_page_is_served_without_a_token(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "POST /api/v1/matching/offers" in text and "<script src=\"http" not in text


@pytest.fixture
def tight_limit(app, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", 2)
    monkeypatch.setitem(app.extensions, "api_rate_counter", ratelimit.MemoryCounter())


def test_past_the_limit_a_token_gets_429_with_retry_after(api, tight_limit):
    assert api.get("/api/v1/reference/rome/K2204").headers["RateLimit-Remaining"] == "1"
    assert api.get("/api/v1/reference/rome/K2204").status_code == 200
    response = api.get("/api/v1/reference/rome/K2204")
    assert_problem(response, 429)
    assert 1 <= int(response.headers["Retry-After"]) <= 60


def test_the_redis_counter_counts_per_window():
    redis = pytest.importorskip("redis")
    try:
        counter = ratelimit.RedisCounter("redis://127.0.0.1:6379/15")
        key = f"test-{id(counter)}"
        assert [counter.hit(key, 1, 60) for _ in range(3)] == [1, 2, 3]
        assert counter.hit(key, 2, 60) == 1
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")


def test_problems_with_extension_members_match_the_documented_problem(api, partner):
    """A 412 carries `changes` (a 409 `same_day`): the document's Problem allows such members
    (RFC 9457 extension members), and every operation documents its error statuses."""
    from tests import factories

    document = json.loads(api.client.get("/api/v1/openapi.json").get_data(as_text=True))
    problem = document["components"]["schemas"]["Problem"]
    assert problem.get("additionalProperties") is not False
    assert set(problem["required"]) == {"type", "title", "status", "detail"}
    offer = factories.offer(partner)
    stale = api.patch(f"/api/v1/offers/{offer.reference}", json={"positions": 2},
                      headers={"If-Match": f'"{offer.reference}-v0"'})
    assert "changes" in assert_problem(stale, 412)
    operation = document["paths"]["/api/v1/offers/{reference}"]["patch"]
    assert {"400", "401", "403", "404", "412", "428", "429"} <= set(operation["responses"])
    for path, methods in document["paths"].items():
        for operation in methods.values():
            for status, answer in operation["responses"].items():
                if status >= "400":
                    assert "application/problem+json" in answer["content"], (path, status)
