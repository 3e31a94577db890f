"""Configuration classes. Environment variables prefixed with PASSERELLE_ override them."""

import os
from datetime import timedelta
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = REPOSITORY_ROOT / "instance"


def _database_url(default: str) -> str:
    """DATABASE_URL wins; plain postgresql:// URLs are pointed at the psycopg 3 driver."""
    url = os.environ.get("DATABASE_URL", default)
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-change-me")
    SQLALCHEMY_DATABASE_URI = _database_url(f"sqlite:///{INSTANCE_DIR / 'passerelle.sqlite'}")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=10)
    WTF_CSRF_TIME_LIMIT = None
    # Login throttling: after this many consecutive failures the account is slowed down.
    LOGIN_FAILURES_BEFORE_DELAY = 7
    LOGIN_DELAY_SECONDS = 60
    # Profiles untouched for this many weeks are flagged on the caseload.
    STALE_PROFILE_WEEKS = 8
    # Retention: profiles untouched this long are purged (months).
    RETENTION_MONTHS = 24
    # Profiles of people who left the accompaniment are purged this many days after the exit.
    RETENTION_DAYS_AFTER_EXIT = 30
    PAGE_SIZE = 25
    # An AE follows 50 to 70 people: their whole caseload fits on one page.
    CASELOAD_PAGE_SIZE = 80
    # Logging an exchange with a company that another organisation contacted less than this
    # many days before asks for a confirmation (over-solicitation).
    PROSPECTION_QUIET_DAYS = 15
    # Notifications (docs/notifications.md). The task queue: empty = instance/huey.sqlite,
    # redis://… in production. E-mails: empty MAIL_HOST = one .eml per message in instance/mail/.
    QUEUE_URL = ""
    PUBLIC_URL = "http://127.0.0.1:5000"
    MAIL_FROM = "Passerelle <ne-pas-repondre@passerelle.local>"
    MAIL_HOST = ""
    MAIL_PORT = 587
    MAIL_STARTTLS = True
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_TIMEOUT = 10
    MAIL_DIRECTORY = ""


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = False
    LOGIN_DELAY_SECONDS = 60
    QUEUE_IMMEDIATE = True  # tasks run at once, in memory (the Redis tests switch it off)
