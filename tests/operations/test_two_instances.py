"""Two gunicorn servers and two workers on one PostgreSQL and one Redis behave as one site."""

import os

import pytest

from webapp.bench.two_instances import check_two_instances

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.mark.skipif(not POSTGRES_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
def test_login_limits_logout_and_mail_behave_the_same_on_either_instance():
    checks = check_two_instances(POSTGRES_URL, "redis://127.0.0.1:6379/14")
    failed = [f"{check.name}: {check.detail}" for check in checks if not check.ok]
    assert len(checks) == 4 and not failed, failed
