"""The session key: never the public development one, generated once into instance/."""

import logging
import stat

import pytest

from webapp import create_app
from webapp.config import Config, TestConfig
from webapp.core.secret_key import InsecureSecretKey, resolve_secret_key


def test_without_a_key_one_is_generated_once_with_mode_0600_and_logged(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="webapp.core.secret_key"):
        first = resolve_secret_key(None, False, tmp_path)
    key_file = tmp_path / "secret_key"
    assert len(first) >= 64 and first != "dev-only-change-me"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert "generated a random key" in caplog.text
    assert resolve_secret_key("", False, tmp_path) == first


def test_two_instances_get_different_keys(tmp_path):
    assert resolve_secret_key(None, False, tmp_path / "a") != resolve_secret_key(
        None, False, tmp_path / "b")


def test_a_key_from_the_environment_is_used_as_is(tmp_path):
    assert resolve_secret_key("a-long-random-value", False, tmp_path) == "a-long-random-value"
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize("key", ["dev-only-change-me", "test-secret"])
def test_the_app_refuses_to_start_with_a_development_key_outside_tests(key):
    production_like = type("ProductionLike", (Config,), {"SECRET_KEY": key, "TESTING": False})
    with pytest.raises(InsecureSecretKey, match="SECRET_KEY"):
        create_app(production_like)


def test_the_test_configuration_keeps_its_fixed_key():
    assert create_app(TestConfig).config["SECRET_KEY"] == "test-secret"

