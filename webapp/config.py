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
    # Unset: create_app() generates a key into instance/secret_key (webapp/core/secret_key.py).
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _database_url(f"sqlite:///{INSTANCE_DIR / 'passerelle.sqlite'}")
    # A pooled connection idle this many seconds is pinged before use (webapp/core/connection_pool.py).
    POOL_PING_IDLE_SECONDS = 10
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=10)
    WTF_CSRF_TIME_LIMIT = None
    # Larger requests get the French 413 page (imports themselves stop at 5 Mo).
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024
    # Throttling (webapp/core/ratelimit.py). memory:// suits one process; with several gunicorn
    # workers use redis://127.0.0.1:6379 so that they share the counters.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_KEY_PREFIX = "passerelle"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # Redis down: count in memory, keep serving
    # Proxies (nginx) in front whose X-Forwarded-For is trusted: the client address the
    # per-address limits count. 0 = the address of the connection itself.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    # Refused logins within a sliding window, per submitted account and per client address.
    LOGIN_LIMIT_PER_ACCOUNT = "7 per 5 minutes"
    LOGIN_LIMIT_PER_ADDRESS = "30 per 5 minutes"
    # Public pages, per client address.
    REGISTRATION_LIMIT = "10 per hour"
    ACTIVATION_LIMIT = "30 per hour"
    AUTOCOMPLETE_LIMIT = "120 per minute"
    # Argon2id cost: OWASP's recommended setting (19 MiB, 2 passes, 1 lane), about 50 ms a
    # login on a busy 2-core server; raising it re-hashes each account at its next login.
    ARGON2_TIME_COST = 2
    ARGON2_MEMORY_COST = 19456
    ARGON2_PARALLELISM = 1
    # Profiles untouched for this many weeks are flagged on the caseload.
    STALE_PROFILE_WEEKS = 8
    # The animateurs are told this many days before a session that its agenda is ready.
    AGENDA_NOTICE_DAYS = 3
    # Retention: profiles untouched this long are purged (months).
    RETENTION_MONTHS = 24
    # Profiles of people who left the accompaniment are purged this many days after the exit.
    RETENTION_DAYS_AFTER_EXIT = 30
    PAGE_SIZE = 25
    # An AE follows 50 to 70 people: their whole caseload fits on one page, sortable and
    # searchable at once; larger lists (managers, a caseload above the norm) page by 70.
    CASELOAD_PAGE_SIZE = 70
    # The caseload's offers in reach are counted with the page while that ranks at most so many
    # person × offer pairs; beyond (a fresh worker's first view at demo ×10: 70 people × some
    # 3,000 offers, 300-600 ms), the page shows « calcul en cours » and fetches them (htmx).
    CASELOAD_REACH_INLINE_WORK = 20_000
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
    # Operations (docs/deploiement.md). Logs: "text" (readable) or "json" (one object a line).
    LOG_FORMAT = "text"
    LOG_LEVEL = "INFO"
    # Error reports: set SENTRY_DSN to send them (personal data scrubbed).
    SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
    SENTRY_ENVIRONMENT = "production"
    # /sante answers 503 below this much free disk space under instance/.
    HEALTH_MIN_FREE_MB = 500
    # `flask backup create`: empty = instance/sauvegardes.
    BACKUP_DIRECTORY = ""
    # The dashboard's figures are kept this long per territory, organisation and period (the
    # page says so); 0 computes them on every view (webapp/dashboard/cache.py).
    DASHBOARD_CACHE_SECONDS = 300
    # The matching pools (offers, people) are checked for changes at most this often per
    # process: an edit reaches the shortlists within these seconds (webapp/shortlists/inputs.py).
    POOL_RECHECK_SECONDS = 5


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    # Cheap hashes keep the suite fast; production keeps the costs above.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024
    ARGON2_PARALLELISM = 1
    QUEUE_IMMEDIATE = True  # tasks run at once, in memory (the Redis tests switch it off)
    DASHBOARD_CACHE_SECONDS = 0  # each test sees its own rows at once (tests/dashboard/test_cache.py)
    POOL_RECHECK_SECONDS = 0
