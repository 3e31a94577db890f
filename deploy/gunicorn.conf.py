"""gunicorn settings for Passerelle (docs/deploiement.md): `gunicorn -c deploy/gunicorn.conf.py wsgi:app`."""

import gc
import multiprocessing
import os

bind = os.environ.get("PASSERELLE_BIND", "127.0.0.1:8000")
# Pages are CPU-bound (matching, templates): one process per core, plus one to cover I/O waits.
workers = int(os.environ.get("PASSERELLE_WEB_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "sync"
# The slowest pages answer in well under a second; a stuck worker is replaced after 60 s.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Workers are recycled now and then so that no slow leak grows unnoticed.
max_requests = 5000
max_requests_jitter = 500
# The app is built once in the master and shared by the workers (less memory).
preload_app = True
# nginx runs on the same machine: trust its X-Forwarded-* headers only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Passerelle writes one line per request itself (with its request id): no duplicate access log.
accesslog = None
errorlog = "-"
loglevel = "info"


def pre_fork(server, worker):
    """The preloaded app's objects (modules, templates, routes) are moved out of the garbage
    collector's reach before each fork: a worker's full collections no longer scan them, and the
    memory pages holding them stay shared between the workers."""
    gc.freeze()


def post_fork(server, worker):
    """A worker never shares a database connection the master may have opened."""
    from webapp.extensions import db
    from wsgi import app

    with app.app_context():
        db.engine.dispose(close=False)
